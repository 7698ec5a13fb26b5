/*
 * team.h - a manager's team at a glance: the people who report to them and
 * the activity of their coaching (dates, kinds, minutes, counts), never its
 * content. What `GET /api/me/team` and `salescoach team activity` show.
 */
#ifndef SALESCOACH_TEAM_H
#define SALESCOACH_TEAM_H

#include <jansson.h>

#include "domain/domain.h"

/* The window of the held-session figures: from this many days before today through today. */
#define TEAM_WINDOW_DAYS 30

/*
 * The team of manager (a person id; 0: the actor themselves). Who may ask:
 *   - the actor about themselves when they are a manager (ROLE_MANAGER:
 *     they have direct reports or lead a team). A manager whose reports
 *     have all left, or who leads a team nobody reports to yet, gets an
 *     empty list. Anyone else (a rep, a coach, an executive) gets
 *     SC_FORBIDDEN with a message saying what the view is for;
 *   - an administrator (the local one, or an account) about anyone, since
 *     they see everyone's activity (SC_NOT_FOUND for a person who does not
 *     exist); nobody else about another person (SC_FORBIDDEN).
 *
 * *out (a new reference) is {"manager": {id, name}, "today", "window":
 * {"days", "from", "to"}, "teams": [{id, name}] (the teams manager leads),
 * "people": [...]}. One entry per active person whose superior is manager,
 * in name order: id, name, title (or null), team ({id, name} of the team
 * of the manager they belong to, or null), coached (an assignment in force
 * today: active, started, not ended), coaches ([{id, name}] of the coach
 * profiles of those assignments; name null when the actor may not read
 * that person), last_session ({at, kind, minutes} of their latest held
 * session in any coaching relationship ever, or null), next_session (the
 * earliest planned one from today on in the coaching in force, or null),
 * sessions_held and minutes_held (held sessions dated in the window).
 *
 * It reads no private field for the answer and writes nothing, so no
 * coachee's access log gets an entry from it.
 */
enum sc_result team_activity(struct domain *d, int64_t manager, json_t **out, struct sc_error *err);

#endif
