/*
 * report.h - aggregates for executives: figures per coaching programme and
 * per coaching model that never describe fewer than k people (the
 * organisation's setting "k"). They hold counts, hours and survey means
 * only, never content, and name no one.
 */
#ifndef SALESCOACH_REPORT_H
#define SALESCOACH_REPORT_H

#include <jansson.h>

#include "domain/domain.h"

/* The window of the activity figures, in days up to today. */
#define REPORT_WINDOW_DAYS 90

/*
 * The steps the figures are rounded to (to the nearest, halves up), so that
 * the difference of two reports tells one person's part only to within a
 * step: coachees to 5 (never shown below k), sessions to 10, hours to 10 h
 * (a coachee coached at the default target, 3 h a month, has about 9
 * sessions and 9 h in the window: less than one step), the mean feedback to
 * one decimal. docs/api.md says what this guarantees and what not.
 */
#define REPORT_COACHEES_STEP 5
#define REPORT_SESSIONS_STEP 10
#define REPORT_HOURS_STEP    10

/*
 * What a view of every programme at once (the command line's overview, the
 * report below) may show the actor:
 *   - REPORT_VIEW_ACTIVITY: an administrator (the local one, or an
 *     account) sees everyone's activity exactly: coachees, sessions, hours.
 *   - REPORT_VIEW_AGGREGATE: executives and managers see the figures of
 *     report_programmes only, suppressed below k and rounded.
 * Anyone else gets SC_FORBIDDEN, saying where their own coaching is: such
 * a view describes everyone's coaching. The one decision for every door.
 */
enum report_view { REPORT_VIEW_ACTIVITY, REPORT_VIEW_AGGREGATE };
enum sc_result report_view(const struct domain *d, enum report_view *view, struct sc_error *err);

/*
 * Per programme: id, model, team {id, name}, starts_on, ends_on, and -
 * when at least k people are coached in it (active assignments) - coachees,
 * sessions_held, hours_held and mean_feedback over the last
 * REPORT_WINDOW_DAYS days, rounded to the steps above, and the
 * organisation's totals of the same figures over the programmes shown
 * (computed from the exact figures, then rounded). A programme with fewer
 * than k coachees shows "suppressed": true and no figures. The mean
 * feedback is null when fewer than k people gave feedback in the window.
 * Administrators, executives and managers may read it (report_view;
 * SC_FORBIDDEN otherwise). *out: a new reference {"k", "window_days", "from", "to",
 * "rounding": {step per figure}, "programmes": [...], "total": {...},
 * "k_survey", "min_answers", "models": [...]}.
 *
 * "models" has one object per coaching model (manager, senior, internal,
 * external): "model", "programmes" (how many), "suppressed" (fewer than k
 * distinct people coached in its programmes), and when not suppressed:
 *   - "coachees", rounded as above;
 *   - "acceptance": per respondent group ("coachee", "management") the
 *     answers of the pulse survey in the window about coaches of that kind
 *     (rounded as coachees) and the mean of each item (respect, trust,
 *     helps, part_of_team, not_reporting) and of the first four ("mean"),
 *     to one decimal; null below min_answers = the larger of k and the
 *     organisation's k_survey;
 *   - "alerts": the open (not acknowledged) alerts of the model: "open",
 *     "people" (distinct people they name, rounded as coachees),
 *     "by_severity" {error, warning, info}, "by_rule" [{rule, alerts}] and
 *     "other_rules" (the alerts of the rules not listed). A count whose
 *     alerts name fewer than k people is withheld (null, or a rule left out
 *     of by_rule), and further counts with it until the withheld ones
 *     together name at least k, so that no subtraction gives it back.
 * No one is named and no id of a person is given.
 */
enum sc_result report_programmes(struct domain *d, json_t **out, struct sc_error *err);

/*
 * What a report of a range of months covers (coverage, hours, impact,
 * coaches, acceptance): 0 or NULL for every team, model, programme; months
 * YYYY-MM, NULL for the default range (REPORT_DEFAULT_MONTHS up to this
 * month, or up to to).
 */
struct report_opts {
	int64_t team, programme;
	const char *model;
	const char *from, *to;
};

/*
 * Coverage (PRODUCT.md, Calculations), per calendar month of the
 * organisation's time zone instead of the last 30 days: for each month from
 * from to to (at most 60; to not after this month), per programme (its id,
 * model and team), "coached" - the people of assignments not paused whose
 * span (starts_on to ends_on, else the programme's end) meets the month -
 * "with_session" - of them, those with a session held in the month - and
 * "share_pct", to one decimal. Hidden as report_suppress (report_int.h)
 * decides on every programme, whatever the filters: a programme hidden is
 * "suppressed": true, without figures. The filters choose the programmes
 * listed; the month's "total" counts their people, suppressed when
 * report_suppress says it would give a small group back. The current month
 * is "partial": true. Read from dates, statuses and parties only; no one
 * named. Who may read it: report_view (SC_FORBIDDEN otherwise). SC_INVALID
 * naming the parameter ("from", "to", "model", "team", "programme") when
 * one is not a month, not known, from lies after to, or to after this
 * month. *out: a new reference {"k", "from", "to", "filters": {team, model,
 * programme}, "months": [{"month", "partial", "groups": [{"programme",
 * "model", "team": {id, name}, "suppressed", ...}], "total": {...}}]}.
 */
enum sc_result report_coverage(struct domain *d, const struct report_opts *o, json_t **out,
                               struct sc_error *err);

/*
 * Hours against the target, per calendar month of the organisation's time
 * zone (months as report_coverage): per programme (id, model, team {id,
 * name}, "target" - its target hours per coachee per month), "coached" (the
 * people of report_coverage, a person in two assignments of the programme
 * once), "hours" (of the sessions held in the month in those assignments:
 * minutes / 60; planned, cancelled and no-show ones count for nothing),
 * "hours_per_coachee", "on_target" (the people whose hours in the month
 * reach the target) and "on_target_pct", hours and shares to one decimal.
 * Suppressed as report_coverage's groups, the month's "total" too (the
 * programmes listed; a person in two programmes is on target in it when on
 * target in each); the current month "partial". Read from dates, statuses,
 * durations and parties only; no one named. Readers and refusals as
 * report_coverage. *out: a new reference {"k", "from", "to", "filters",
 * "months": [{"month", "partial", "programmes": [{"id", "model", "team",
 * "target", "suppressed", ...}], "total": {...}}]}.
 */
enum sc_result report_hours(struct domain *d, const struct report_opts *o, json_t **out,
                            struct sc_error *err);

/*
 * The coaches report: per coach profile (ordered by id) "coach" {id,
 * person {id, name}, kind, active}; per month of the range "coachees"
 * (distinct people of the coach's assignments not paused whose span meets
 * the month, within the filters), "capacity" (the profile's) and
 * "load_pct"; "cadence" {kept, coachee_months, pct} over the months of the
 * range that are over: a coachee-month is kept when the minutes held reach
 * the programme's target pro-rated for the days the relationship ran (the
 * rule below-cadence); "feedback" {people, mean}: the mean over the coachees
 * of each one's mean feedback on the sessions held in the range, null when
 * fewer than k coachees gave any. A coach is listed with a relationship
 * within the filters in the range, or when active (of the model's kind)
 * without a team or programme filter. Read by administrators (every coach)
 * and by a coach (their own entry only); SC_FORBIDDEN for anyone else.
 * Parameters as report_coverage. *out: a new reference {"k", "from",
 * "to", "filters", "coaches": [...]}; each entry's "impact" is
 * report_impact_json of the coach's relationships (within the filters)
 * begun in the range.
 */
enum sc_result report_coaches(struct domain *d, const struct report_opts *o, json_t **out,
                              struct sc_error *err);

/*
 * Impact (PRODUCT.md, Calculations): for the coaching relationships
 * (assignments not paused) begun in a month M from from to to, the change
 * of their coachee's attainment (revenue / quota of the months with a
 * quota) and win rate (won / (won + lost)), in points, from the N months
 * before M to the N months after (N = impact_months; M itself, partial, is
 * left out), each coachee once (their earliest relationship of the group),
 * against the same change of the people not coached around their own
 * month (the coachee of no assignment whose span meets M - N .. M + N): a
 * difference in differences over the months with its Welch-Satterthwaite
 * 95 % interval (calc_did_cohorts). A coachee whose month has fewer than 2
 * such people is left out ("no_controls"). A relationship whose months
 * after are not over has no figure yet ("waiting"). Below k people (or 2)
 * in either group, only the counts ("enough": false); a figure is also
 * withheld when the total less the models shown, or the same report
 * without filters, would give back 1 to k - 1 coachees. Who may read it:
 * report_view.
 * SC_INVALID as report_coverage. *out: a new reference {"k",
 * "months_before_after", "from", "to", "filters", "total": impact,
 * "models": [{"model", "impact"}]}, impact as report_impact_json.
 */
enum sc_result report_impact(struct domain *d, const struct report_opts *o, json_t **out,
                             struct sc_error *err);

/*
 * Acceptance: the pulse survey per month (answered_on in the month), per
 * coaching model (the coach profile's kind) and per coach, for each
 * respondent group ("coachee", "management"): "answers", "withheld", "mean"
 * (of respect, trust, helps, part_of_team) and the mean of each item, to one
 * decimal; and per model and coach a "trend" per group, the change of "mean"
 * from its first shown month to its last (null unless two are shown). Only
 * counts and sums of answers are read, never one answer. min_answers = the
 * larger of k and k_survey:
 *   - a coach's cell is shown from min_answers answers on; further cells of
 *     the model, month and group are withheld (the fewest answers first)
 *     until the withheld ones hold min_answers together;
 *   - a model's cell from min_answers answers on of which one coach has at
 *     least k (one person answers about a coach once a month: k people);
 *   - a reader whose own cell is shown does not get the model's cell when
 *     the rest of it would not be shown by itself.
 * model filters the coaches' kind; team / programme narrow to coaches with
 * an assignment in a programme of that team / that programme meeting the
 * range. Readers: administrators (every coach and model), executives and
 * managers (the models; their own coach rows when they coach), coaches
 * (their own rows only, "models" empty); SC_FORBIDDEN otherwise. SC_INVALID
 * as report_coverage. *out: a new reference {"k", "k_survey",
 * "min_answers", "from", "to", "filters", "models": [{"model", "months":
 * [{"month", "coachee": {...}, "management": {...}}], "trend"}],
 * "coaches": [{"coach", "name", "kind", "months", "trend"}]}.
 */
enum sc_result report_acceptance(struct domain *d, const struct report_opts *o, json_t **out,
                                 struct sc_error *err);

/* The signature every report of a range of months shares (the doors call them by name). */
typedef enum sc_result (*report_fn)(struct domain *d, const struct report_opts *o, json_t **out,
                                    struct sc_error *err);

#endif
