/*
 * report.h - aggregates for executives: figures per coaching programme
 * that never describe fewer than k people (the organisation's setting
 * "k"). They hold counts and hours only, never content.
 */
#ifndef SALESCOACH_REPORT_H
#define SALESCOACH_REPORT_H

#include <jansson.h>

#include "domain.h"

/* The window of the activity figures, in days up to today. */
#define REPORT_WINDOW_DAYS 90

/*
 * Per programme: id, model, team {id, name}, starts_on, ends_on, and -
 * when at least k people are coached in it (active assignments) - coachees,
 * sessions_held, hours_held and mean_feedback over the last
 * REPORT_WINDOW_DAYS days, and the organisation's totals of the same
 * figures over the programmes shown. A programme with fewer than k coachees
 * shows "suppressed": true and no figures. Administrators, executives and
 * managers may read it (SC_FORBIDDEN otherwise). *out: a new reference
 * {"k", "window_days", "from", "to", "programmes": [...], "total": {...}}.
 */
enum sc_result report_programmes(struct domain *d, json_t **out, struct sc_error *err);

#endif
