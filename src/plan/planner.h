/*
 * planner.h - the planners of the product reference ("Calculations"): a
 * manager-coach's coaching capacity, a senior coach's incentive for a month,
 * and the senior coaches ranked on leadership potential.
 *
 * Domain layer: the figures are read through the store interface (no SQL
 * here) and computed with calc.h, so that they agree with the pitfall
 * rules. Nothing is changed. Only activity is read (dates, hours, counts,
 * the coachee's feedback on the coaching, sales results), never private
 * coaching content.
 *
 * Acting as a named person (d->actor.person_id != 0) a planner shows only
 * that person and the people below them in the reporting line
 * (domain_access_person); administrators see everyone, an executive's
 * account (aggregates only) no one.
 */
#ifndef SALESCOACH_PLANNER_H
#define SALESCOACH_PLANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "base/result.h"
#include "base/msg.h"
#include "base/timeutil.h"

#define PLANNER_NAME_LEN 128

/* ---- capacity of manager-coaches ----------------------------------------------------------- */

/* A delegable manager task not yet delegated. */
struct planner_task {
	int64_t id;
	char name[208];
	double hours_per_week;
	double hours_month; /* calc_month_hours(hours_per_week) */
	bool chosen;        /* part of the smallest set that closes the shortfall */
};

/* One manager-coach: what their coaching needs and what they have. Hours are per month. */
struct capacity_row {
	int64_t coach;  /* coach profile */
	int64_t person; /* the manager */
	char name[PLANNER_NAME_LEN];
	int64_t coachees;      /* distinct coachees of the active assignments (status active,
	                        * started, not ended) */
	int64_t span;          /* span of control: active direct reports */
	double hours_per_week; /* of the coach profile */
	double target;         /* per coachee: needed / coachees, else the programme's target */
	double needed;         /* calc_needed: per coachee, the highest programme target of
	                        * their active assignments, summed */
	double available;      /* calc_month_hours(hours_per_week) */
	double shortfall;      /* needed - available, 0 when it fits */
	int max_span;          /* calc_max_span(available, target) */
	bool closes;           /* the chosen tasks close the shortfall (true when none is needed) */
	double freed;          /* monthly hours of the chosen tasks (of all tasks when !closes) */
	struct planner_task *tasks; /* owned: every candidate task, largest first */
	size_t ntasks;
};

/*
 * A what-if: figures that replace the recorded ones for one computation (nothing is stored).
 * coachees (the number the manager would coach) and target_hours (per coachee per month) make
 * needed = coachees x target; hours_per_week replaces the coach profile's hours. A figure not
 * given keeps the recorded one.
 */
struct capacity_whatif {
	bool has_coachees, has_target, has_hours;
	int64_t coachees;
	double target_hours;
	double hours_per_week;
};

struct capacity_plan {
	struct capacity_row *rows; /* owned */
	size_t n;
	struct capacity_whatif whatif; /* the figures assumed (all false: none) */
};

/*
 * Read one what-if figure: key is "coachees", "target_hours" or "hours_per_week", text the
 * value as given (digits, a decimal point for the hours). shown is how the caller names it
 * ("--target-hours" on the command line; NULL: key). The ranges are those of the figures
 * replaced: coachees 0 to a coach profile's highest capacity, target_hours as a programme's,
 * hours_per_week as a coach profile's (model/entity.c). SC_INVALID with err->field = key and
 * a message in lang when key is unknown or the value is not a number in its range.
 */
enum sc_result planner_whatif_set(enum msg_lang lang, struct capacity_whatif *w, const char *key,
                                  const char *shown, const char *text, struct sc_error *err);

/* Whether w assumes any figure. */
bool planner_whatif_any(const struct capacity_whatif *w);

/*
 * The capacity of every active manager-coach (coach profile of kind manager, active), ordered
 * by name, appended to *out (which starts zeroed; owned until capacity_plan_release). With
 * manager_person != 0 only that person; SC_NOT_FOUND when they have no active manager
 * profile.
 */
enum sc_result planner_capacity(struct domain *d, int64_t manager_person, struct capacity_plan *out,
                                struct sc_error *err);

/*
 * planner_capacity with the figures of whatif (NULL or none assumed: as recorded) for one
 * manager: manager_person must be given when whatif assumes a figure (else SC_INVALID with
 * field "manager"). The access rules are those of planner_capacity; out->whatif receives
 * the figures assumed.
 */
enum sc_result planner_capacity_whatif(struct domain *d, int64_t manager_person,
                                       const struct capacity_whatif *whatif,
                                       struct capacity_plan *out, struct sc_error *err);

/* Free the rows of plan and zero it. */
void capacity_plan_release(struct capacity_plan *plan);

/* ---- a senior coach's incentive for a month ------------------------------------------------ */

struct incentive_result {
	int64_t coach, person;
	char name[PLANNER_NAME_LEN];
	char month[TU_MONTH_LEN];
	/* The incentive plan covering the month (the latest starting, when several). */
	int64_t plan;
	char plan_starts_on[TU_DATE_LEN];
	char plan_ends_on[TU_DATE_LEN]; /* "" when open-ended */
	bool has_pct;                   /* the plan fixes the reduction in percent */
	double plan_pct;
	double bonus_share_pct;
	double base_bonus;    /* euros per year */
	double selling_hours; /* the plan's, else the organisation's setting */
	/* The quota: Q0 in the month before the plan started, and the month's. */
	char base_month[TU_MONTH_LEN];
	double base_quota; /* Q0 */
	double quota;
	/* Coaching held in the month: sessions of the coach's assignments starting in it. */
	double coaching_hours;
	int64_t sessions;
	/* The target reduction. */
	double reduction;     /* in quota money: calc_target_reduction(Q0, hours, ...) */
	double reduction_pct; /* reduction / Q0 * 100 */
	double implied_quota; /* Q0 - reduction */
	double applied;       /* Q0 - quota: the reduction actually given */
	bool reduced;         /* quota below the implied quota (by at least a cent) */
	/* The bonus component, at the coachees' mean attainment in the month. */
	int64_t coachees;             /* coachees of assignments overlapping the month */
	int64_t coachees_with_result; /* of them, with a sales result (quota > 0) that month */
	bool has_attainment;
	double attainment_pct; /* mean of their attainments, percent */
	double floor_pct, cap_pct;
	double bonus; /* per year: calc_bonus_component(share, base_bonus, attainment, ...) */
};

/*
 * A senior coach's (coach profile id coach) target reduction and bonus component for month
 * ("YYYY-MM") with the inputs that produced them. Fails with a message that says what is
 * missing: SC_INVALID for a malformed month or a coach who is not a senior, SC_NOT_FOUND for
 * an unknown coach, no incentive plan covering the month, or no sales result of the senior
 * in the month or in the month before the plan started.
 */
enum sc_result planner_incentive(struct domain *d, int64_t coach, const char *month,
                                 struct incentive_result *out, struct sc_error *err);

/* ---- leadership potential of senior coaches ------------------------------------------------ */

/* The weights of the leadership score (see docs/planners.md). */
#define LEADERSHIP_W_FEEDBACK   30.0
#define LEADERSHIP_W_ATTAINMENT 25.0
#define LEADERSHIP_W_REGULARITY 25.0
#define LEADERSHIP_W_READINESS  20.0
/* An attainment change of this many points (up or down) reaches the end of its scale. */
#define LEADERSHIP_CHANGE_SPAN 20.0

struct leadership_row {
	int64_t coach, person;
	char name[PLANNER_NAME_LEN];
	int64_t coachees; /* assignments started by today */
	/* The coachees' feedback on the sessions: mean of per-coachee means, 1-5. */
	bool has_feedback;
	double feedback;
	int64_t feedback_people, feedback_answers;
	/* Attainment in the impact_months before vs after the assignment start, in points. */
	bool has_change;
	double before_pct, after_pct, change_pts; /* means over the coachees with both */
	int64_t change_people;
	/* Months since the start (complete ones) that met the programme target. */
	bool has_regularity;
	double regularity_pct;
	int64_t months_met, months;
	/* The latest readiness assessment of the senior: mean of its four criteria, 1-5. */
	bool has_readiness;
	double readiness_mean;
	int64_t readiness_lowest;
	char readiness_on[TU_DATE_LEN];
	/* The score 0-100 (one decimal) and the rank (equal scores share a rank). */
	double score;
	int rank;
};

struct leadership_list {
	struct leadership_row *rows; /* owned, in rank order */
	size_t n;
	int impact_months; /* the setting used */
};

/*
 * The active senior coaches ranked on leadership potential, appended to *out (which starts
 * zeroed; owned until leadership_list_release). Order: score, then regularity, feedback,
 * name and coach id, so that ties always come out the same.
 */
enum sc_result planner_leadership(struct domain *d, struct leadership_list *out,
                                  struct sc_error *err);

/* Free the rows of list and zero it. */
void leadership_list_release(struct leadership_list *list);

/* ---- as JSON (planner_json.c): the command line's --json and the HTTP API --------------- */

struct json_t;

/* {"today", "assumed": {the what-if figures}, "managers": [...]}: a new reference, or NULL
 * on no memory. */
struct json_t *planner_capacity_json(const struct domain *d, const struct capacity_plan *p);

/* {"coach", "person", "name", "month", "plan", "inputs", "target_reduction", ...}. */
struct json_t *planner_incentive_json(const struct incentive_result *r);

/* {"today", "impact_months", "weights", "coaches": [...]} in rank order. */
struct json_t *planner_leadership_json(const struct domain *d, const struct leadership_list *l);

#endif
