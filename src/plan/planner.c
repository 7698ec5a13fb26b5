/*
 * planner.c - capacity of manager-coaches, a senior coach's incentive for a
 * month, and leadership potential of senior coaches; see planner.h.
 */
#include "plan/planner.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calc.h"
#include "domain/settings.h"

/* The reporting line is walked at most this far up (it cannot loop, but data can be odd). */
#define MAX_LINE 64

/* Money is compared to the cent. */
#define CENT 0.005

static int fx(enum entity_kind k, const char *name)
{
	return entity_field(entity_get(k), name);
}

static struct filter eq_i(enum entity_kind k, const char *field, int64_t v)
{
	return (struct filter){ fx(k, field), FO_EQ, v, 0, NULL };
}

static struct filter op_s(enum entity_kind k, const char *field, enum filter_op op, const char *s)
{
	return (struct filter){ fx(k, field), op, 0, 0, s };
}

static enum sc_result list(struct domain *d, enum entity_kind k, const struct filter *f, size_t n,
                           int order, struct record_list *out, struct sc_error *err)
{
	struct list_opts lo = { f, n, order, false, 0, 0 };
	return store_list(d->store, d->org, entity_get(k), &lo, out, err);
}

/* The person's name into out ("" when there is none). */
static enum sc_result person_name(struct domain *d, int64_t id, char *out, size_t n,
                                  struct sc_error *err)
{
	struct record *p = NULL;
	enum sc_result rc = store_get(d->store, d->org, entity_get(E_PERSON), id, &p, err);
	if (rc)
		return rc;
	snprintf(out, n, "%s", record_text(p, "name") ? record_text(p, "name") : "");
	record_free(&p);
	return SC_OK;
}

/* True when the acting user may see the planner figures of person: see planner.h. */
static enum sc_result may_see(struct domain *d, int64_t person, bool *yes, struct sc_error *err)
{
	/* The rule of the domain: self, the reporting line above, administrators. */
	return domain_access_person(d, person, yes, err);
}

/* ---- months -------------------------------------------------------------------------------- */

/* month ("YYYY-MM") plus delta months. */
static void month_add(const char *month, int delta, char out[TU_MONTH_LEN])
{
	int y = atoi(month), m = atoi(month + 5);
	int k = y * 12 + (m - 1) + delta;
	if (k < 0)
		k = 0;
	snprintf(out, TU_MONTH_LEN, "%04u-%02u", (unsigned)(k / 12) % 10000u,
	         (unsigned)(k % 12) + 1u);
}

/* The last day of month as a date. */
static void month_last_day(const char *month, char out[TU_DATE_LEN])
{
	char next[TU_MONTH_LEN], first[TU_DATE_LEN];
	month_add(month, 1, next);
	snprintf(first, sizeof(first), "%s-01", next);
	tu_date_add(first, -1, out);
}

/* The UTC instant at which month begins in the organisation's time zone. */
static void month_start(const struct domain *d, const char *month, char out[TU_INSTANT_LEN])
{
	char local[24];
	snprintf(local, sizeof(local), "%s-01T00:00", month);
	if (!tu_parse_instant(local, d->tz, out))
		snprintf(out, TU_INSTANT_LEN, "%s-01T00:00:00Z", month);
}

/* The local month of a stored instant. */
static void local_month(const struct domain *d, const char *instant, char out[TU_MONTH_LEN])
{
	char local[TU_DISPLAY_LEN];
	if (!tu_format_local(instant, d->tz, local))
		snprintf(local, sizeof(local), "%s", instant);
	snprintf(out, TU_MONTH_LEN, "%.7s", local);
}

/* ---- capacity ------------------------------------------------------------------------------ */

static int task_order(const void *a, const void *b)
{
	const struct planner_task *x = a, *y = b;
	if (x->hours_per_week != y->hours_per_week)
		return x->hours_per_week > y->hours_per_week ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int capacity_order(const void *a, const void *b)
{
	const struct capacity_row *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->coach > y->coach) - (x->coach < y->coach);
}

/* The target of the current manager-model programme of a team the person manages, or 3. */
static enum sc_result own_target(struct domain *d, int64_t person, double *target,
                                 struct sc_error *err)
{
	struct record_list teams = { 0 }, progs = { 0 };
	struct filter ft = eq_i(E_TEAM, "manager", person);
	enum sc_result rc = list(d, E_TEAM, &ft, 1, FILTER_ID, &teams, err);

	*target =
	        strtod(entity_get(E_PROGRAMME)->fields[fx(E_PROGRAMME, "target_hours")].dflt, NULL);
	for (size_t t = 0; !rc && t < teams.n; t++) {
		struct filter fp[] = { eq_i(E_PROGRAMME, "team", teams.items[t]->id),
			               op_s(E_PROGRAMME, "starts_on", FO_LE, d->today),
			               op_s(E_PROGRAMME, "ends_on", FO_GE, d->today),
			               op_s(E_PROGRAMME, "model", FO_EQ, "manager") };
		if ((rc = list(d, E_PROGRAMME, fp, 4, FILTER_ID, &progs, err)))
			break;
		if (progs.n) {
			*target = record_real(progs.items[0], "target_hours");
			break;
		}
	}
	record_list_release(&teams);
	record_list_release(&progs);
	return rc;
}

/* What-if figures replace the recorded ones after these are read (planner.h). */
static void capacity_assume(const struct capacity_whatif *w, struct capacity_row *row)
{
	if (w->has_hours) {
		row->hours_per_week = w->hours_per_week;
		row->available = calc_month_hours(row->hours_per_week);
	}
	if (w->has_target)
		row->target = w->target_hours;
	if (w->has_coachees)
		row->coachees = w->coachees;
	if (w->has_coachees || w->has_target)
		row->needed = (double)row->coachees * row->target;
}

static enum sc_result capacity_row(struct domain *d, const struct record *coach,
                                   const struct capacity_whatif *w, struct capacity_row *row,
                                   struct sc_error *err)
{
	struct record_list asg = { 0 }, tasks = { 0 };
	struct calc_task *calc = NULL;
	struct calc_load *loads = NULL;
	bool *chosen = NULL;
	enum sc_result rc;

	row->coach = coach->id;
	row->person = record_int(coach, "person");
	row->hours_per_week = record_real(coach, "hours_per_week");
	row->available = calc_month_hours(row->hours_per_week);
	if ((rc = person_name(d, row->person, row->name, sizeof(row->name), err)))
		goto out;

	/* Needed: each active coachee once, at the highest programme target of their active
	 * assignments with this coach (calc_needed, as the manager-no-time rule). */
	struct filter fa[] = { eq_i(E_ASSIGNMENT, "coach", coach->id),
		               op_s(E_ASSIGNMENT, "status", FO_EQ, "active"),
		               op_s(E_ASSIGNMENT, "starts_on", FO_LE, d->today) };
	if ((rc = list(d, E_ASSIGNMENT, fa, 3, FILTER_ID, &asg, err)))
		goto out;
	if (asg.n && !(loads = calloc(asg.n, sizeof(*loads)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	size_t nloads = 0;
	for (size_t i = 0; i < asg.n; i++) {
		const char *ends = record_text(asg.items[i], "ends_on");
		struct record *prog = NULL;
		if (ends && strcmp(ends, d->today) < 0)
			continue;
		if ((rc = store_get(d->store, d->org, entity_get(E_PROGRAMME),
		                    record_int(asg.items[i], "programme"), &prog, err)))
			goto out;
		loads[nloads++] = (struct calc_load){ record_int(asg.items[i], "coachee"),
			                              record_real(prog, "target_hours") };
		record_free(&prog);
	}
	row->needed = calc_needed(loads, nloads, &row->coachees);
	if (row->coachees)
		row->target = row->needed / (double)row->coachees;
	else if ((rc = own_target(d, row->person, &row->target, err)))
		goto out;
	capacity_assume(w, row);
	row->shortfall =
	        row->needed > row->available + CALC_EPSILON ? row->needed - row->available : 0;
	row->max_span = calc_max_span(row->available, row->target);

	struct filter fs[] = { eq_i(E_PERSON, "superior", row->person),
		               eq_i(E_PERSON, "active", 1) };
	if ((rc = store_count(d->store, d->org, entity_get(E_PERSON), fs, 2, &row->span, err)))
		goto out;

	/* The delegable tasks not yet delegated, and the smallest set that closes the gap. */
	struct filter ft[] = { eq_i(E_TASK, "manager", row->person),
		               eq_i(E_TASK, "delegable", 1),
		               { fx(E_TASK, "delegated_to"), FO_NULL, 0, 0, NULL } };
	if ((rc = list(d, E_TASK, ft, 3, FILTER_ID, &tasks, err)))
		goto out;
	if (tasks.n) {
		row->tasks = calloc(tasks.n, sizeof(*row->tasks));
		calc = calloc(tasks.n, sizeof(*calc));
		chosen = calloc(tasks.n, sizeof(*chosen));
		if (!row->tasks || !calc || !chosen) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			goto out;
		}
	}
	for (size_t i = 0; i < tasks.n; i++) {
		calc[i] =
		        (struct calc_task){ tasks.items[i]->id, record_text(tasks.items[i], "name"),
			                    record_real(tasks.items[i], "hours_per_week") };
	}
	row->closes = calc_delegation(calc, tasks.n, row->shortfall, chosen, &row->freed);
	for (size_t i = 0; i < tasks.n; i++) {
		struct planner_task *t = &row->tasks[i];
		t->id = calc[i].id;
		snprintf(t->name, sizeof(t->name), "%s", calc[i].name ? calc[i].name : "");
		t->hours_per_week = calc[i].hours_per_week;
		t->hours_month = calc_month_hours(t->hours_per_week);
		t->chosen = chosen[i];
	}
	row->ntasks = tasks.n;
	if (row->ntasks)
		qsort(row->tasks, row->ntasks, sizeof(*row->tasks), task_order);
out:
	free(calc);
	free(loads);
	free(chosen);
	record_list_release(&asg);
	record_list_release(&tasks);
	return rc;
}

void capacity_plan_release(struct capacity_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		free(plan->rows[i].tasks);
	free(plan->rows);
	plan->rows = NULL;
	plan->n = 0;
	plan->whatif = (struct capacity_whatif){ 0 };
}

enum sc_result planner_capacity(struct domain *d, int64_t manager_person, struct capacity_plan *out,
                                struct sc_error *err)
{
	return planner_capacity_whatif(d, manager_person, NULL, out, err);
}

enum sc_result planner_capacity_whatif(struct domain *d, int64_t manager_person,
                                       const struct capacity_whatif *whatif,
                                       struct capacity_plan *out, struct sc_error *err)
{
	struct record_list coaches = { 0 };
	enum sc_result rc;
	bool visible;

	if (planner_whatif_any(whatif)) {
		if (!manager_person)
			return sc_fail_msg(err, SC_INVALID, "manager", d->lang,
			                   "err.plan.whatif_manager", NULL);
		out->whatif = *whatif;
	}

	struct filter fc[] = { op_s(E_COACH, "kind", FO_EQ, "manager"), eq_i(E_COACH, "active", 1),
		               eq_i(E_COACH, "person", manager_person) };
	if ((rc = list(d, E_COACH, fc, manager_person ? 3 : 2, FILTER_ID, &coaches, err)))
		goto out;
	if (manager_person && !coaches.n) {
		char name[PLANNER_NAME_LEN];
		if ((rc = person_name(d, manager_person, name, sizeof(name), NULL)) ==
		    SC_NOT_FOUND) {
			rc = sc_fail_msg(err, SC_NOT_FOUND, "manager", d->lang,
			                 "err.plan.no_person", "id", SC_I64(manager_person), NULL);
			goto out;
		}
		rc = sc_fail_msg(err, SC_NOT_FOUND, "manager", d->lang, "err.plan.no_manager_coach",
		                 "name", name, "id", SC_I64(manager_person), NULL);
		goto out;
	}
	if (coaches.n) {
		out->rows = calloc(coaches.n, sizeof(*out->rows));
		if (!out->rows) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			goto out;
		}
	}
	for (size_t i = 0; i < coaches.n; i++) {
		if ((rc = may_see(d, record_int(coaches.items[i], "person"), &visible, err)))
			goto out;
		if (!visible) {
			if (manager_person) {
				rc = sc_fail_msg(err, SC_FORBIDDEN, "manager", d->lang,
				                 "err.plan.capacity_hidden", NULL);
				goto out;
			}
			continue;
		}
		rc = capacity_row(d, coaches.items[i], &out->whatif, &out->rows[out->n], err);
		out->n++; /* its tasks are freed by the release, also on failure */
		if (rc)
			goto out;
	}
	if (out->n)
		qsort(out->rows, out->n, sizeof(*out->rows), capacity_order);
out:
	record_list_release(&coaches);
	return rc;
}

/* ---- incentive ----------------------------------------------------------------------------- */

/* The quota of person in month into *quota; SC_NOT_FOUND when there is no result. */
static enum sc_result month_result(struct domain *d, int64_t person, const char *month,
                                   struct record **out, struct sc_error *err)
{
	struct record_list res = { 0 };
	struct filter f[] = { eq_i(E_RESULT, "rep", person),
		              op_s(E_RESULT, "month", FO_EQ, month) };
	enum sc_result rc = list(d, E_RESULT, f, 2, FILTER_ID, &res, err);

	*out = NULL;
	if (!rc && res.n) {
		*out = res.items[0];
		res.items[0] = NULL;
	}
	record_list_release(&res);
	return rc ? rc : *out ? SC_OK : SC_NOT_FOUND;
}

/* Minutes of held sessions of assignment in [from, to), and how many. */
static enum sc_result held_minutes(struct domain *d, int64_t assignment, const char *from,
                                   const char *to, double *minutes, int64_t *count,
                                   struct sc_error *err)
{
	struct record_list s = { 0 };
	struct filter f[] = { eq_i(E_SESSION, "assignment", assignment),
		              op_s(E_SESSION, "status", FO_EQ, "held"),
		              op_s(E_SESSION, "at", FO_GE, from),
		              op_s(E_SESSION, "at", FO_LT, to) };
	enum sc_result rc = list(d, E_SESSION, f, 4, FILTER_ID, &s, err);

	for (size_t i = 0; !rc && i < s.n; i++) {
		*minutes += (double)record_int(s.items[i], "minutes");
		(*count)++;
	}
	record_list_release(&s);
	return rc;
}

/* The incentive plan of coach covering month: the latest starting. */
static enum sc_result covering_plan(struct domain *d, int64_t coach, const char *month,
                                    struct record **out, struct sc_error *err)
{
	struct record_list plans = { 0 };
	char first[TU_DATE_LEN], last[TU_DATE_LEN];
	struct filter f[] = { eq_i(E_INCENTIVE, "coach", coach) };
	enum sc_result rc = list(d, E_INCENTIVE, f, 1, fx(E_INCENTIVE, "starts_on"), &plans, err);

	*out = NULL;
	snprintf(first, sizeof(first), "%s-01", month);
	month_last_day(month, last);
	for (size_t i = plans.n; !rc && i-- > 0;) {
		const char *starts = record_text(plans.items[i], "starts_on");
		const char *ends = record_text(plans.items[i], "ends_on");
		if (strcmp(starts, last) <= 0 && (!ends || strcmp(ends, first) >= 0)) {
			*out = plans.items[i];
			plans.items[i] = NULL;
			break;
		}
	}
	record_list_release(&plans);
	return rc;
}

/* The coach of the incentive: a senior coach whom the caller may see; r's coach, person, name. */
static enum sc_result incentive_coach(struct domain *d, int64_t coach_id,
                                      struct incentive_result *r, struct sc_error *err)
{
	struct record *coach = NULL;
	bool visible;
	enum sc_result rc = store_get(d->store, d->org, entity_get(E_COACH), coach_id, &coach, err);

	if (rc == SC_NOT_FOUND)
		return sc_fail_msg(err, SC_NOT_FOUND, "coach", d->lang, "err.plan.no_coach", "id",
		                   SC_I64(coach_id), NULL);
	if (rc)
		return rc;
	r->coach = coach_id;
	r->person = record_int(coach, "person");
	if ((rc = person_name(d, r->person, r->name, sizeof(r->name), err)))
		goto out;
	if (strcmp(record_text(coach, "kind"), "senior") != 0) {
		rc = sc_fail_msg(err, SC_INVALID, "coach", d->lang, "err.plan.not_senior", "name",
		                 r->name, "id", SC_I64(coach_id), "kind",
		                 record_text(coach, "kind"), NULL);
		goto out;
	}
	if ((rc = may_see(d, r->person, &visible, err)) == SC_OK && !visible)
		rc = sc_fail_msg(err, SC_FORBIDDEN, "coach", d->lang, "err.plan.incentive_hidden",
		                 NULL);
out:
	record_free(&coach);
	return rc;
}

/* The incentive plan covering r->month, and the settings its figures use, into r. */
static enum sc_result incentive_plan(struct domain *d, struct incentive_result *r,
                                     struct sc_error *err)
{
	struct record *plan = NULL;
	enum sc_result rc = covering_plan(d, r->coach, r->month, &plan, err);

	if (rc)
		return rc;
	if (!plan)
		return sc_fail_msg(err, SC_NOT_FOUND, "month", d->lang, "err.plan.no_plan", "name",
		                   r->name, "month", r->month, "coach", SC_I64(r->coach), NULL);
	r->plan = plan->id;
	snprintf(r->plan_starts_on, sizeof(r->plan_starts_on), "%s",
	         record_text(plan, "starts_on"));
	snprintf(r->plan_ends_on, sizeof(r->plan_ends_on), "%s",
	         record_text(plan, "ends_on") ? record_text(plan, "ends_on") : "");
	r->has_pct = record_is_set(plan, "target_reduction_pct");
	r->plan_pct = record_real(plan, "target_reduction_pct");
	r->bonus_share_pct = record_real(plan, "bonus_share_pct");
	r->base_bonus = (double)record_int(plan, "base_bonus");
	r->selling_hours = record_is_set(plan, "selling_hours")
	                           ? (double)record_int(plan, "selling_hours")
	                           : settings_number(d->store, d->org, "selling_hours");
	r->floor_pct = settings_number(d->store, d->org, "bonus_floor_pct");
	r->cap_pct = settings_number(d->store, d->org, "bonus_cap_pct");
	record_free(&plan);
	return SC_OK;
}

/* Q0, the quota of the month before the plan started, and the month's quota, into r. */
static enum sc_result incentive_quotas(struct domain *d, struct incentive_result *r,
                                       struct sc_error *err)
{
	struct record *res = NULL;
	char start_month[TU_MONTH_LEN];
	enum sc_result rc;

	snprintf(start_month, sizeof(start_month), "%.7s", r->plan_starts_on);
	month_add(start_month, -1, r->base_month);
	rc = month_result(d, r->person, r->base_month, &res, err);
	if (rc == SC_NOT_FOUND)
		return sc_fail_msg(err, SC_NOT_FOUND, "month", d->lang, "err.plan.no_base_result",
		                   "name", r->name, "month", r->base_month, NULL);
	if (rc)
		return rc;
	r->base_quota = (double)record_int(res, "quota");
	record_free(&res);
	rc = month_result(d, r->person, r->month, &res, err);
	if (rc == SC_NOT_FOUND)
		return sc_fail_msg(err, SC_NOT_FOUND, "month", d->lang, "err.plan.no_result",
		                   "name", r->name, "month", r->month, NULL);
	if (rc)
		return rc;
	r->quota = (double)record_int(res, "quota");
	record_free(&res);
	return SC_OK;
}

/* Coaching held in the month, and the attainment of the coachees active in it, into r. */
static enum sc_result incentive_coaching(struct domain *d, struct incentive_result *r,
                                         struct sc_error *err)
{
	struct record_list asg = { 0 };
	struct record *res = NULL;
	char first[TU_DATE_LEN], last[TU_DATE_LEN], from[TU_INSTANT_LEN], to[TU_INSTANT_LEN];
	char next[TU_MONTH_LEN];
	double minutes = 0, attainment = 0;
	enum sc_result rc;

	snprintf(first, sizeof(first), "%s-01", r->month);
	month_last_day(r->month, last);
	month_add(r->month, 1, next);
	month_start(d, r->month, from);
	month_start(d, next, to);
	struct filter fa[] = { eq_i(E_ASSIGNMENT, "coach", r->coach) };
	if ((rc = list(d, E_ASSIGNMENT, fa, 1, FILTER_ID, &asg, err)))
		return rc;
	for (size_t i = 0; i < asg.n && rc == SC_OK; i++) {
		const struct record *a = asg.items[i];
		if ((rc = held_minutes(d, a->id, from, to, &minutes, &r->sessions, err)))
			break;
		const char *ends = record_text(a, "ends_on");
		if (strcmp(record_text(a, "starts_on"), last) > 0 ||
		    (ends && strcmp(ends, first) < 0))
			continue;
		r->coachees++;
		rc = month_result(d, record_int(a, "coachee"), r->month, &res, err);
		if (rc == SC_NOT_FOUND) {
			rc = SC_OK;
			continue;
		}
		double pct;
		if (rc == SC_OK && calc_attainment((double)record_int(res, "revenue"),
		                                   (double)record_int(res, "quota"), &pct)) {
			attainment += pct;
			r->coachees_with_result++;
		}
		record_free(&res);
	}
	record_list_release(&asg);
	r->coaching_hours = minutes / 60.0;
	r->has_attainment = r->coachees_with_result > 0;
	if (r->has_attainment)
		r->attainment_pct = attainment / (double)r->coachees_with_result;
	return rc;
}

enum sc_result planner_incentive(struct domain *d, int64_t coach_id, const char *month,
                                 struct incentive_result *r, struct sc_error *err)
{
	enum sc_result rc;

	memset(r, 0, sizeof(*r));
	if (!month || !tu_valid_month(month))
		return sc_fail_msg(err, SC_INVALID, "month", d->lang, "err.plan.bad_month", "value",
		                   month ? month : "", NULL);
	snprintf(r->month, sizeof(r->month), "%s", month);
	if ((rc = incentive_coach(d, coach_id, r, err)) || (rc = incentive_plan(d, r, err)) ||
	    (rc = incentive_quotas(d, r, err)) || (rc = incentive_coaching(d, r, err)))
		return rc;
	r->reduction = calc_target_reduction(r->base_quota, r->coaching_hours, r->selling_hours,
	                                     r->has_pct, r->plan_pct);
	r->reduction_pct = r->base_quota > 0 ? r->reduction / r->base_quota * 100.0 : 0;
	r->implied_quota = r->base_quota - r->reduction;
	r->applied = r->base_quota - r->quota;
	/* As target-not-reduced: applied only when the quota is below the implied quota. */
	r->reduced = r->quota <= r->implied_quota - CENT;
	r->bonus = r->has_attainment
	                   ? calc_bonus_component(r->bonus_share_pct, r->base_bonus,
	                                          r->attainment_pct, r->floor_pct, r->cap_pct)
	                   : 0;
	return SC_OK;
}

/* ---- leadership ---------------------------------------------------------------------------- */

/* Mean attainment of rep over the months [from, from + n) before month limit (exclusive). */
static bool window_attainment(const struct record_list *results, const char *from, int n,
                              const char *limit, double *mean)
{
	double sum = 0;
	int count = 0;
	for (int k = 0; k < n; k++) {
		char m[TU_MONTH_LEN];
		month_add(from, k, m);
		if (strcmp(m, limit) >= 0)
			break;
		for (size_t i = 0; i < results->n; i++) {
			double pct;
			if (strcmp(record_text(results->items[i], "month"), m) != 0)
				continue;
			if (calc_attainment((double)record_int(results->items[i], "revenue"),
			                    (double)record_int(results->items[i], "quota"), &pct)) {
				sum += pct;
				count++;
			}
		}
	}
	if (!count)
		return false;
	*mean = sum / count;
	return true;
}

/* The figures of one assignment, added into row. */
struct assignment_figures {
	double feedback_sum, before_sum, after_sum;
};

static enum sc_result leadership_assignment(struct domain *d, const struct record *a, int months,
                                            struct leadership_row *row,
                                            struct assignment_figures *acc, struct sc_error *err)
{
	struct record_list sessions = { 0 }, results = { 0 };
	struct record *prog = NULL;
	char(*months_of)[TU_MONTH_LEN] = NULL; /* local month of each session */
	char now[TU_INSTANT_LEN], this_month[TU_MONTH_LEN], start_month[TU_MONTH_LEN];
	char first_full[TU_MONTH_LEN], last_full[TU_MONTH_LEN], from[TU_MONTH_LEN];
	const char *starts = record_text(a, "starts_on"), *ends = record_text(a, "ends_on");
	enum sc_result rc;

	tu_now_instant(now);
	snprintf(this_month, sizeof(this_month), "%.7s", d->today);
	snprintf(start_month, sizeof(start_month), "%.7s", starts);
	/* Complete months only: from the first month the assignment covers from its first day. */
	month_add(start_month, strcmp(starts + 8, "01") == 0 ? 0 : 1, first_full);
	month_add(this_month, -1, last_full);
	if (ends) {
		char end_month[TU_MONTH_LEN], end_last[TU_DATE_LEN];
		snprintf(end_month, sizeof(end_month), "%.7s", ends);
		month_last_day(end_month, end_last);
		if (strcmp(ends, end_last) != 0)
			month_add(end_month, -1, end_month);
		if (strcmp(end_month, last_full) < 0)
			memcpy(last_full, end_month, sizeof(end_month));
	}

	struct filter fs[] = { eq_i(E_SESSION, "assignment", a->id),
		               op_s(E_SESSION, "status", FO_EQ, "held"),
		               op_s(E_SESSION, "at", FO_LE, now) };
	if ((rc = list(d, E_SESSION, fs, 3, fx(E_SESSION, "at"), &sessions, err)))
		goto out;
	if ((rc = store_get(d->store, d->org, entity_get(E_PROGRAMME), record_int(a, "programme"),
	                    &prog, err)))
		goto out;
	double target_minutes = record_real(prog, "target_hours") * 60.0;

	/* Feedback: the mean of this coachee's ratings. */
	double sum = 0;
	int64_t answers = 0;
	for (size_t i = 0; i < sessions.n; i++) {
		if (!record_is_set(sessions.items[i], "feedback"))
			continue;
		sum += (double)record_int(sessions.items[i], "feedback");
		answers++;
	}
	if (answers) {
		acc->feedback_sum += sum / (double)answers;
		row->feedback_people++;
		row->feedback_answers += answers;
	}

	/* Regularity: each complete month since the start, did held minutes meet the target? */
	if (sessions.n && !(months_of = calloc(sessions.n, sizeof(*months_of)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < sessions.n; i++)
		local_month(d, record_text(sessions.items[i], "at"), months_of[i]);
	for (int k = 0;; k++) {
		char m[TU_MONTH_LEN];
		month_add(first_full, k, m);
		if (strcmp(m, last_full) > 0)
			break;
		double minutes = 0;
		for (size_t i = 0; i < sessions.n; i++)
			if (!strcmp(months_of[i], m))
				minutes += (double)record_int(sessions.items[i], "minutes");
		row->months++;
		row->months_met += minutes >= target_minutes - CALC_EPSILON;
	}

	/* Attainment: the months before the start against the first complete months after. */
	struct filter fr[] = { eq_i(E_RESULT, "rep", record_int(a, "coachee")) };
	if ((rc = list(d, E_RESULT, fr, 1, FILTER_ID, &results, err)))
		goto out;
	double before, after;
	month_add(start_month, -months, from);
	if (window_attainment(&results, from, months, start_month, &before) &&
	    window_attainment(&results, first_full, months, this_month, &after)) {
		acc->before_sum += before;
		acc->after_sum += after;
		row->change_people++;
	}
out:
	free(months_of);
	record_free(&prog);
	record_list_release(&sessions);
	record_list_release(&results);
	return rc;
}

/*
 * The latest readiness assessment of row's person (assessed_on, then id, as
 * coach-not-assessed reads it): the mean and the lowest of its four criteria.
 */
static enum sc_result leadership_readiness(struct domain *d, struct leadership_row *row,
                                           struct sc_error *err)
{
	static const char *const criteria[] = { "motivation", "traits", "ability", "track_record" };
	struct record_list as = { 0 };
	const struct record *latest = NULL;
	struct filter f[] = { eq_i(E_ASSESSMENT, "candidate", row->person),
		              op_s(E_ASSESSMENT, "assessed_on", FO_LE, d->today) };
	enum sc_result rc = list(d, E_ASSESSMENT, f, 2, FILTER_ID, &as, err);

	for (size_t i = 0; rc == SC_OK && i < as.n; i++)
		if (!latest || strcmp(record_text(as.items[i], "assessed_on"),
		                      record_text(latest, "assessed_on")) >= 0)
			latest = as.items[i];
	if (latest) {
		double sum = 0;
		row->readiness_lowest = 5;
		for (size_t k = 0; k < 4; k++) {
			int64_t v = record_int(latest, criteria[k]);
			sum += (double)v;
			if (v < row->readiness_lowest)
				row->readiness_lowest = v;
		}
		row->has_readiness = true;
		row->readiness_mean = sum / 4.0;
		snprintf(row->readiness_on, sizeof(row->readiness_on), "%s",
		         record_text(latest, "assessed_on"));
	}
	record_list_release(&as);
	return rc;
}

static int leadership_order(const void *a, const void *b)
{
	const struct leadership_row *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->regularity_pct != y->regularity_pct)
		return x->regularity_pct > y->regularity_pct ? -1 : 1;
	if (x->feedback != y->feedback)
		return x->feedback > y->feedback ? -1 : 1;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->coach > y->coach) - (x->coach < y->coach);
}

static double clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

void leadership_list_release(struct leadership_list *list)
{
	free(list->rows);
	list->rows = NULL;
	list->n = 0;
}

enum sc_result planner_leadership(struct domain *d, struct leadership_list *out,
                                  struct sc_error *err)
{
	struct record_list coaches = { 0 }, asg = { 0 };
	enum sc_result rc;
	bool visible;

	out->impact_months = (int)settings_number(d->store, d->org, "impact_months");
	struct filter fc[] = { op_s(E_COACH, "kind", FO_EQ, "senior"), eq_i(E_COACH, "active", 1) };
	if ((rc = list(d, E_COACH, fc, 2, FILTER_ID, &coaches, err)))
		goto out;
	if (coaches.n) {
		out->rows = calloc(coaches.n, sizeof(*out->rows));
		if (!out->rows) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			goto out;
		}
	}
	for (size_t c = 0; c < coaches.n; c++) {
		int64_t person = record_int(coaches.items[c], "person");
		if ((rc = may_see(d, person, &visible, err)))
			goto out;
		if (!visible)
			continue;
		struct leadership_row *row = &out->rows[out->n++];
		struct assignment_figures acc = { 0 };
		row->coach = coaches.items[c]->id;
		row->person = person;
		if ((rc = person_name(d, person, row->name, sizeof(row->name), err)))
			goto out;
		struct filter fa[] = { eq_i(E_ASSIGNMENT, "coach", row->coach),
			               op_s(E_ASSIGNMENT, "starts_on", FO_LE, d->today) };
		record_list_release(&asg);
		if ((rc = list(d, E_ASSIGNMENT, fa, 2, FILTER_ID, &asg, err)))
			goto out;
		for (size_t i = 0; i < asg.n; i++)
			if ((rc = leadership_assignment(d, asg.items[i], out->impact_months, row,
			                                &acc, err)))
				goto out;
		row->coachees = (int64_t)asg.n;
		if ((rc = leadership_readiness(d, row, err)))
			goto out;
		row->has_feedback = row->feedback_people > 0;
		if (row->has_feedback)
			row->feedback = acc.feedback_sum / (double)row->feedback_people;
		row->has_change = row->change_people > 0;
		if (row->has_change) {
			row->before_pct = acc.before_sum / (double)row->change_people;
			row->after_pct = acc.after_sum / (double)row->change_people;
			row->change_pts = row->after_pct - row->before_pct;
		}
		row->has_regularity = row->months > 0;
		if (row->has_regularity)
			row->regularity_pct = 100.0 * (double)row->months_met / (double)row->months;

		/* Missing figures: no feedback, no regular month and no assessment score 0; an
		 * unknown change, 0.5. */
		double f = row->has_feedback ? clamp01((row->feedback - 1.0) / 4.0) : 0;
		double a = row->has_change
		                   ? clamp01(0.5 + row->change_pts / (2 * LEADERSHIP_CHANGE_SPAN))
		                   : 0.5;
		double r = row->regularity_pct / 100.0;
		double s = row->has_readiness ? clamp01((row->readiness_mean - 1.0) / 4.0) : 0;
		double score = LEADERSHIP_W_FEEDBACK * f + LEADERSHIP_W_ATTAINMENT * a +
		               LEADERSHIP_W_REGULARITY * r + LEADERSHIP_W_READINESS * s;
		row->score = round(score * 10.0) / 10.0;
	}
	if (out->n)
		qsort(out->rows, out->n, sizeof(*out->rows), leadership_order);
	for (size_t i = 0; i < out->n; i++)
		out->rows[i].rank = i > 0 && out->rows[i].score == out->rows[i - 1].score
		                            ? out->rows[i - 1].rank
		                            : (int)i + 1;
out:
	record_list_release(&coaches);
	record_list_release(&asg);
	return rc;
}
