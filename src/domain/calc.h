/*
 * calc.h - the calculations of the product reference ("Calculations"):
 * a manager's coaching time, the delegation that closes a shortfall, the
 * span of control that fits, a senior coach's target reduction and bonus
 * component, attainment and win rate, and the impact of coaching.
 *
 * Pure functions: no store, no I/O, no allocation. The planners, the
 * pitfall rules and their mitigations all compute through these, so that a
 * figure shown in one place is the figure shown in every other.
 */
#ifndef SALESCOACH_CALC_H
#define SALESCOACH_CALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Tolerance for comparisons of hours: 26.0 h needed against 26.0 h available is no shortfall. */
#define CALC_EPSILON 1e-9

/* calc_delegation considers at most this many tasks (the largest); 2^24 subsets stay fast. */
#define CALC_MAX_TASKS 24

/* Coaching hours per month from hours per week: h * 52 / 12. */
double calc_month_hours(double hours_per_week);

/* An active assignment as the coaching time needed sees it. */
struct calc_load {
	int64_t coachee; /* the person coached */
	double target;   /* the programme's target hours per month */
};

/*
 * Coaching time needed per month = active coachees x programme target: each distinct coachee
 * once, at the highest target of their assignments (a coachee in two programmes of the same
 * coach counts once, at the higher programme target). loads are the coach's active
 * assignments; they are sorted by coachee in place. *coachees receives the number of distinct
 * coachees.
 */
double calc_needed(struct calc_load *loads, size_t n, int64_t *coachees);

/*
 * Maximum span that fits: floor(available_month / target_per_coachee), never below 0; 0 when
 * target <= 0. Exact at equality (26.0 / 3.25 -> 8) thanks to CALC_EPSILON.
 */
int calc_max_span(double available_month, double target_per_coachee);

/* A delegable manager task as calc_delegation sees it. */
struct calc_task {
	int64_t id;
	const char *name; /* borrowed */
	double hours_per_week;
};

/*
 * The smallest set of tasks (fewest tasks; among equally few, the fewest hours; then the
 * lowest ids) whose monthly hours (calc_month_hours) cover shortfall_month. chosen[i] (n
 * entries, caller's array) is set for the tasks in the set and cleared for the others;
 * *freed_month receives their monthly hours. A shortfall <= 0 is covered by the empty set.
 * Returns false (and chooses nothing, *freed_month = all tasks' monthly hours) when even all
 * tasks together do not cover it. Tasks of 0 hours or less are never chosen. At most
 * CALC_MAX_TASKS tasks are considered: the largest ones (equal hours: the lower id).
 */
bool calc_delegation(const struct calc_task *tasks, size_t n, double shortfall_month, bool *chosen,
                     double *freed_month);

/*
 * Target reduction (senior), in quota money: quota * pct / 100 when the plan has a fixed
 * percentage (has_pct), else quota * coaching_hours / selling_hours (0 when selling_hours <= 0).
 */
double calc_target_reduction(double quota, double coaching_hours, double selling_hours,
                             bool has_pct, double pct);

/*
 * Bonus component (senior): share_pct/100 * base_bonus * min(attainment_pct, cap_pct)/100,
 * 0 when attainment_pct < floor_pct. Attainment in percent (95.0 = 95 %).
 */
double calc_bonus_component(double share_pct, double base_bonus, double attainment_pct,
                            double floor_pct, double cap_pct);

/* Attainment in percent = revenue / quota * 100 (false, *pct untouched, when quota <= 0). */
bool calc_attainment(double revenue, double quota, double *pct);

/* Win rate in percent = won / (won + lost) * 100 (false, *pct untouched, when no deals). */
bool calc_win_rate(double won, double lost, double *pct);

/*
 * The impact of coaching as a difference in differences: each coached
 * person's change (the mean of a figure, attainment or win rate, in the
 * months after their coaching began less the mean in the months before) is
 * compared with the change of people not coached over the same months.
 * effect = mean treated change - mean control change; its 95 % confidence
 * interval is Welch's: effect +- t(0.975, df) * sqrt(s1^2/n1 + s2^2/n2), df
 * by Welch-Satterthwaite, rounded down (a wider interval, never a narrower
 * one). enough is false, and no effect may be shown ("not enough data"),
 * when either group has fewer than k people or fewer than 2, or a change is
 * not a number; the counts are filled in always.
 */
struct calc_did {
	size_t treated, control;               /* people in each group */
	double treated_change, control_change; /* the mean change of each */
	double effect, low, high;              /* the difference and its 95 % interval */
	double df;                             /* Welch's degrees of freedom */
	bool enough;
};
void calc_did(const double *treated, size_t nt, const double *control, size_t nc, size_t k,
              struct calc_did *out);

/*
 * The difference in differences over cohorts: each coached person counts
 * once (treated[i], their change) and is compared with the controls of
 * their own cohort (cohort[i], an index in cohorts: the month their
 * coaching began), so that a pool of controls weighted by months does not
 * bias the comparison. With c_M and s_M^2 the mean and sample variance of
 * the n_M controls of cohort M, d_i = treated[i] - c_{M_i}:
 * effect = mean d_i; treated_change = mean treated[i]; control_change =
 * mean c_{M_i} (so effect = treated_change - control_change);
 * V = s_d^2/n_t + sum_M (t_M/n_t)^2 s_M^2/n_M over the cohorts with t_M
 * coached people; df = V^2 / ((s_d^2/n_t)^2/(n_t-1) + sum_M ((t_M/n_t)^2
 * s_M^2/n_M)^2/(n_M-1)), rounded down (n_t - 1 + sum_M (n_M - 1) when
 * V = 0); interval effect +- t(0.975, df) sqrt(V). With one cohort this
 * is calc_did. controls: the distinct people among the cohorts' controls
 * (the count shown). enough is false (only the counts filled in) when
 * nt or controls is below k or 2, a cohort used has fewer than 2 controls,
 * or a value is not a number.
 */
struct calc_cohort {
	const double *control; /* the controls' changes */
	size_t n;
};
void calc_did_cohorts(const double *treated, const size_t *cohort, size_t nt,
                      const struct calc_cohort *cohorts, size_t ncohorts, size_t controls, size_t k,
                      struct calc_did *out);

/* Student's t at 0.975 for df degrees of freedom, rounded down (df >= 1). */
double calc_t975(double df);

/*
 * Whether a readiness assessment makes a senior coach ready: its lowest of
 * the four scores (motivation, traits, ability, track record) at least
 * min_score, their mean at least min_mean, and the decision "ready". Sets
 * *lowest and *mean. The one reading of the coach-not-assessed alert and of
 * the prevention at input.
 */
bool calc_ready(const int64_t scores[4], const char *decision, double min_score, double min_mean,
                int64_t *lowest, double *mean);

#endif
