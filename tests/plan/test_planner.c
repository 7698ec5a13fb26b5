/*
 * test_planner.c - the planners (planner.h) on the demo organisation, checked
 * against the worked examples of docs/planners.md, and their refusals.
 *
 * The demo is loaded once into an in-memory database on the reference day
 * (SALESCOACH_NOW=2026-11-28, set by the test environment). Tests that need
 * other figures change them inside a transaction and roll it back, so every
 * test sees the demo as docs/demo.md describes it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "seed/demo.h"
#include "domain/domain.h"
#include "domain/org.h"
#include "plan/planner.h"
#include "rules/rules.h"
#include "domain/settings.h"
#include "store/store.h"
#include "store_target.h"

struct fixture {
	struct store *st;
	int64_t org;
	struct domain d;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;

	if (!fx)
		return -1;
	if (test_store_open(&fx->st, &err) || demo_load(fx->st, NULL, MSG_EN, &fx->org, &err) ||
	    domain_init(&fx->d, fx->st, fx->org, &err)) {
		fprintf(stderr, "setup: %s\n", err.message);
		store_close(&fx->st);
		free(fx);
		return -1;
	}
	fx->d.lang = MSG_EN; /* the demo speaks Dutch; these tests read the English texts */
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	store_close(&fx->st);
	free(fx);
	return 0;
}

/* Back to the local administrator before each test. */
static int as_admin(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	if (domain_init(&fx->d, fx->st, fx->org, &err) != SC_OK)
		return -1;
	fx->d.lang = MSG_EN;
	return 0;
}

static int64_t person_id(struct fixture *fx, const char *name)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct filter f = { entity_field(def, "name"), FO_EQ, 0, 0, name };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, fx->org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t id = l.items[0]->id;
	record_list_release(&l);
	return id;
}

static int64_t coach_id(struct fixture *fx, const char *name)
{
	const struct entity_def *def = entity_get(E_COACH);
	struct filter f = { entity_field(def, "person"), FO_EQ, person_id(fx, name), 0, NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, fx->org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t id = l.items[0]->id;
	record_list_release(&l);
	return id;
}

static int64_t plan_of(struct fixture *fx, int64_t coach)
{
	const struct entity_def *def = entity_get(E_INCENTIVE);
	struct filter f = { entity_field(def, "coach"), FO_EQ, coach, 0, NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, fx->org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t id = l.items[0]->id;
	record_list_release(&l);
	return id;
}

/* Inside a transaction: set a real field of a record (rolled back by the test). */
static void change_real(struct fixture *fx, enum entity_kind k, int64_t id, const char *field,
                        double v)
{
	struct record *r = NULL;
	assert_int_equal(store_get(fx->st, fx->org, entity_get(k), id, &r, NULL), SC_OK);
	record_put_real(r, field, v);
	assert_int_equal(store_update(fx->st, fx->org, r, NULL), SC_OK);
	record_free(&r);
}

static void change_int(struct fixture *fx, enum entity_kind k, int64_t id, const char *field,
                       int64_t v)
{
	struct record *r = NULL;
	assert_int_equal(store_get(fx->st, fx->org, entity_get(k), id, &r, NULL), SC_OK);
	record_put_int(r, field, v);
	assert_int_equal(store_update(fx->st, fx->org, r, NULL), SC_OK);
	record_free(&r);
}

static void change_text(struct fixture *fx, enum entity_kind k, int64_t id, const char *field,
                        const char *v)
{
	struct record *r = NULL;
	assert_int_equal(store_get(fx->st, fx->org, entity_get(k), id, &r, NULL), SC_OK);
	assert_int_equal(record_put_text(r, field, v), SC_OK);
	assert_int_equal(store_update(fx->st, fx->org, r, NULL), SC_OK);
	record_free(&r);
}

static const struct planner_task *task_named(const struct capacity_row *r, const char *prefix)
{
	for (size_t i = 0; i < r->ntasks; i++)
		if (!strncmp(r->tasks[i].name, prefix, strlen(prefix)))
			return &r->tasks[i];
	return NULL;
}

/* ---- capacity ------------------------------------------------------------------------------ */

/* docs/planners.md, "Sandra and Jeroen". */
static void test_capacity_demo(void **state)
{
	struct fixture *fx = *state;
	struct capacity_plan p = { 0 };
	struct sc_error err;

	assert_int_equal(planner_capacity(&fx->d, 0, &p, &err), SC_OK);
	/* Jeroen and Sandra; Mark's manager profile is inactive. */
	assert_int_equal(p.n, 2);
	const struct capacity_row *jeroen = &p.rows[0], *sandra = &p.rows[1];
	assert_string_equal(jeroen->name, "Jeroen Bakker");
	assert_string_equal(sandra->name, "Sandra Visser");

	/* Sandra: 10 x 3 = 30 h needed, 5 x 52 / 12 = 21.67 available, 8.33 short. */
	assert_int_equal(sandra->coachees, 10);
	assert_float_equal(sandra->needed, 30, 1e-9);
	assert_float_equal(sandra->available, 21.6667, 0.0001);
	assert_float_equal(sandra->shortfall, 8.3333, 0.0001);
	assert_true(sandra->closes);
	assert_float_equal(sandra->freed, 13, 1e-9);
	assert_int_equal(sandra->max_span, 7);
	assert_int_equal(sandra->span, 11);
	/* Forecast alone; CRM clean-up is a candidate not needed; quotes went to Kim. */
	assert_int_equal(sandra->ntasks, 2);
	const struct planner_task *forecast = task_named(sandra, "Wekelijkse forecast");
	const struct planner_task *crm = task_named(sandra, "CRM-opschoning");
	assert_non_null(forecast);
	assert_non_null(crm);
	assert_true(forecast->chosen);
	assert_float_equal(forecast->hours_per_week, 3, 1e-9);
	assert_float_equal(forecast->hours_month, 13, 1e-9);
	assert_false(crm->chosen);
	assert_float_equal(crm->hours_month, 6.5, 1e-9);
	assert_null(task_named(sandra, "Offertes"));

	/* Jeroen: 8 x 3.25 = 26.0 = 6 x 52 / 12, exactly: no shortfall, span 8 fits. */
	assert_int_equal(jeroen->coachees, 8);
	assert_true(jeroen->needed == jeroen->available);
	assert_true(jeroen->shortfall == 0.0);
	assert_true(jeroen->closes);
	assert_true(jeroen->freed == 0.0);
	assert_int_equal(jeroen->max_span, 8);
	assert_int_equal(jeroen->span, 10);
	assert_float_equal(jeroen->target, 3.25, 1e-9);
	/* His forecast is delegated to Sanne: only the quotes task is a candidate. */
	assert_int_equal(jeroen->ntasks, 1);
	assert_non_null(task_named(jeroen, "Offertes controleren"));
	assert_false(jeroen->tasks[0].chosen);
	capacity_plan_release(&p);
}

static void test_capacity_one_manager(void **state)
{
	struct fixture *fx = *state;
	struct capacity_plan p = { 0 };
	struct sc_error err;

	assert_int_equal(planner_capacity(&fx->d, person_id(fx, "Sandra Visser"), &p, &err), SC_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.rows[0].name, "Sandra Visser");
	capacity_plan_release(&p);

	/* A senior coach is no manager-coach; an unknown person is said to be unknown. */
	assert_int_equal(planner_capacity(&fx->d, person_id(fx, "Erik van Leeuwen"), &p, &err),
	                 SC_NOT_FOUND);
	assert_non_null(strstr(err.message, "no active coach profile of kind manager"));
	assert_int_equal(p.n, 0);
	assert_int_equal(planner_capacity(&fx->d, 99999, &p, &err), SC_NOT_FOUND);
	assert_non_null(strstr(err.message, "no person 99999"));
	/* Mark's profile is inactive: not planned. */
	assert_int_equal(planner_capacity(&fx->d, person_id(fx, "Mark Jansen"), &p, &err),
	                 SC_NOT_FOUND);
	capacity_plan_release(&p);
}

/* With 1 h a week Sandra is 25.67 h short; her two tasks free 19.5: none suffices. */
static void test_capacity_no_delegation_suffices(void **state)
{
	struct fixture *fx = *state;
	struct capacity_plan p = { 0 };
	struct sc_error err;

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	change_real(fx, E_COACH, coach_id(fx, "Sandra Visser"), "hours_per_week", 1);
	enum sc_result rc = planner_capacity(&fx->d, person_id(fx, "Sandra Visser"), &p, &err);
	store_rollback(fx->st);
	assert_int_equal(rc, SC_OK);
	assert_int_equal(p.n, 1);
	const struct capacity_row *r = &p.rows[0];
	assert_float_equal(r->available, 4.3333, 0.0001);
	assert_float_equal(r->shortfall, 25.6667, 0.0001);
	assert_false(r->closes);
	assert_float_equal(r->freed, 19.5, 1e-9);
	for (size_t i = 0; i < r->ntasks; i++)
		assert_false(r->tasks[i].chosen);
	assert_int_equal(r->max_span, 1);
	capacity_plan_release(&p);
}

/* A what-if: the ends of each range are accepted, a step past them refused, naming the figure. */
static void test_capacity_whatif_ranges(void **state)
{
	struct fixture *fx = *state;
	struct capacity_whatif w = { 0 };
	struct capacity_plan p = { 0 };
	struct sc_error err;

	assert_int_equal(planner_whatif_set(MSG_EN, &w, "coachees", NULL, "100", &err), SC_OK);
	assert_int_equal(planner_whatif_set(MSG_EN, &w, "target_hours", NULL, "0.5", &err), SC_OK);
	assert_int_equal(planner_whatif_set(MSG_EN, &w, "hours_per_week", NULL, "40", &err), SC_OK);
	assert_int_equal(planner_whatif_set(MSG_EN, &w, "coachees", NULL, "101", &err), SC_INVALID);
	assert_string_equal(err.field, "coachees");
	assert_int_equal(
	        planner_whatif_set(MSG_NL, &w, "target_hours", "--target-hours", "0.49", &err),
	        SC_INVALID);
	assert_string_equal(err.field, "target_hours");
	assert_non_null(strstr(err.message, "--target-hours: '0.49' is geen doel"));
	assert_int_equal(planner_whatif_set(MSG_EN, &w, "hours_per_week", NULL, "40.01", &err),
	                 SC_INVALID);
	/* The refused figures left the accepted ones as they were. */
	assert_int_equal(w.coachees, 100);
	assert_float_equal(w.target_hours, 0.5, 1e-9);
	assert_float_equal(w.hours_per_week, 40, 1e-9);

	/* Sandra at 100 coachees of 0.5 h with 40 h a week: 50 h needed, 173.33 available. */
	assert_int_equal(
	        planner_capacity_whatif(&fx->d, person_id(fx, "Sandra Visser"), &w, &p, &err),
	        SC_OK);
	assert_int_equal(p.n, 1);
	assert_float_equal(p.rows[0].needed, 50, 1e-9);
	assert_float_equal(p.rows[0].available, 173.3333, 0.0001);
	assert_true(p.rows[0].shortfall == 0.0);
	assert_int_equal(p.rows[0].max_span, 346);
	capacity_plan_release(&p);
	/* For every manager at once it is refused. */
	assert_int_equal(planner_capacity_whatif(&fx->d, 0, &w, &p, &err), SC_INVALID);
	assert_string_equal(err.field, "manager");
	assert_int_equal(p.n, 0);
}

/* Inside a transaction: insert rec (then freed) and return its id. */
static int64_t insert(struct fixture *fx, struct record *rec)
{
	struct sc_error err;
	if (store_insert(fx->st, fx->org, rec, &err) != SC_OK) {
		store_rollback(fx->st);
		fail_msg("insert: %s", err.message);
	}
	int64_t id = rec->id;
	record_free(&rec);
	return id;
}

static const struct alert *alert_of(const struct alert_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i].id, id))
			return &l->items[i];
	fail_msg("no alert %s", id);
	return NULL;
}

static double fact_of(const struct alert *a, const char *name)
{
	for (size_t i = 0; i < a->nfacts; i++)
		if (!strcmp(a->facts[i].name, name))
			return a->facts[i].kind == FK_REAL || a->facts[i].kind == FK_MONEY
			               ? a->facts[i].r
			               : (double)a->facts[i].i;
	fail_msg("%s has no fact %s", a->id, name);
	return 0;
}

/*
 * Daan Smits also in a 4 h programme of Sandra's (a second team she leads): he counts once, at
 * the higher target. 9 x 3 + 4 = 31 h for 10 coachees, not 34 h for 11; manager-no-time says
 * the same.
 */
static void test_capacity_coachee_in_two_programmes(void **state)
{
	struct fixture *fx = *state;
	struct capacity_plan p = { 0 };
	struct alert_list alerts = { 0 };
	struct alert_filter only = { .rule = "manager-no-time" };
	struct sc_error err;
	int64_t sandra = person_id(fx, "Sandra Visser"), coach = coach_id(fx, "Sandra Visser");
	int64_t daan = person_id(fx, "Daan Smits");

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	struct record *t = record_new(entity_get(E_TEAM));
	record_put_text(t, "name", "Team Rotterdam Key Accounts");
	record_put_int(t, "manager", sandra);
	int64_t team = insert(fx, t);
	struct record *g = record_new(entity_get(E_PROGRAMME));
	record_put_int(g, "team", team);
	record_put_text(g, "model", "manager");
	record_put_text(g, "starts_on", "2026-05-01");
	record_put_text(g, "ends_on", "2027-05-31");
	record_put_real(g, "target_hours", 4);
	int64_t prog = insert(fx, g);
	struct record *a = record_new(entity_get(E_ASSIGNMENT));
	record_put_int(a, "programme", prog);
	record_put_int(a, "coach", coach);
	record_put_int(a, "coachee", daan);
	record_put_text(a, "starts_on", "2026-10-01");
	record_put_text(a, "status", "active");
	insert(fx, a);
	enum sc_result rc = planner_capacity(&fx->d, sandra, &p, &err);
	enum sc_result rc_rules = rc ? rc : rules_evaluate(&fx->d, MSG_EN, &only, &alerts, &err);
	store_rollback(fx->st);
	assert_int_equal(rc, SC_OK);
	assert_int_equal(rc_rules, SC_OK);
	assert_int_equal(p.n, 1);
	const struct capacity_row *r = &p.rows[0];
	assert_int_equal(r->coachees, 10);
	assert_float_equal(r->needed, 31, 1e-9);
	assert_float_equal(r->target, 3.1, 1e-9);
	assert_float_equal(r->shortfall, 31 - 65.0 / 3, 1e-9);
	assert_int_equal(r->max_span, 6); /* floor(21.67 / 3.1) = floor(6.99) */
	assert_true(r->closes);           /* the forecast's 13 h still close 9.33 h */

	/* The rule reads the same figures. */
	char id[64];
	snprintf(id, sizeof(id), "manager-no-time:coach-%lld", (long long)coach);
	const struct alert *al = alert_of(&alerts, id);
	assert_float_equal(fact_of(al, "coachees"), (double)r->coachees, 1e-9);
	assert_float_equal(fact_of(al, "needed_hours"), 31, 1e-9);
	assert_float_equal(fact_of(al, "target_hours"), 3.1, 1e-9);
	assert_float_equal(fact_of(al, "shortfall_hours"), 9.33, 1e-9);
	assert_float_equal(fact_of(al, "max_span"), (double)r->max_span, 1e-9);
	alert_list_release(&alerts);
	capacity_plan_release(&p);
}

/* ---- incentive ----------------------------------------------------------------------------- */

/* docs/planners.md, "Erik, October 2026": fixed 20 %, applied with 500 to spare. */
static void test_incentive_erik(void **state)
{
	struct fixture *fx = *state;
	struct incentive_result r;
	struct sc_error err;

	assert_int_equal(
	        planner_incentive(&fx->d, coach_id(fx, "Erik van Leeuwen"), "2026-10", &r, &err),
	        SC_OK);
	assert_string_equal(r.name, "Erik van Leeuwen");
	assert_string_equal(r.plan_starts_on, "2026-07-01");
	assert_string_equal(r.base_month, "2026-06");
	assert_true(r.has_pct);
	assert_float_equal(r.plan_pct, 20, 1e-9);
	assert_float_equal(r.base_quota, 80000, 1e-9);
	assert_float_equal(r.quota, 63500, 1e-9);
	assert_float_equal(r.reduction, 16000, 1e-6);
	assert_float_equal(r.reduction_pct, 20, 1e-9);
	assert_float_equal(r.implied_quota, 64000, 1e-6);
	assert_float_equal(r.applied, 16500, 1e-6);
	assert_true(r.reduced);
	/* Held in October: 5 sessions, 8.5 h (a fixed percentage does not depend on them). */
	assert_int_equal(r.sessions, 5);
	assert_float_equal(r.coaching_hours, 8.5, 1e-9);
	/* Jesse made 51,240 on 42,000 = 122 %, capped at 120 %: 10 % x 12,000 x 1.2. */
	assert_int_equal(r.coachees, 1);
	assert_int_equal(r.coachees_with_result, 1);
	assert_float_equal(r.attainment_pct, 122, 1e-9);
	assert_float_equal(r.bonus, 1440, 1e-6);
}

/* docs/planners.md, "Nicole, October 2026": computed from 3.0 h, not applied. */
static void test_incentive_nicole(void **state)
{
	struct fixture *fx = *state;
	struct incentive_result r;
	struct sc_error err;
	int64_t nicole = coach_id(fx, "Nicole Hendriks");

	assert_int_equal(planner_incentive(&fx->d, nicole, "2026-10", &r, &err), SC_OK);
	assert_false(r.has_pct);
	assert_float_equal(r.base_quota, 70000, 1e-9);
	assert_float_equal(r.quota, 70000, 1e-9);
	assert_float_equal(r.coaching_hours, 3.0, 1e-9);
	assert_int_equal(r.sessions, 3);
	assert_float_equal(r.selling_hours, 140, 1e-9);
	assert_float_equal(r.reduction, 1500, 1e-6);
	assert_float_equal(r.reduction_pct, 2.142857, 1e-6);
	assert_float_equal(r.implied_quota, 68500, 1e-6);
	assert_false(r.reduced);
	assert_float_equal(r.applied, 0, 1e-9);
	/* Fleur made 47,560 on 41,000 = 116 %: 15 % x 10,000 x 1.16. */
	assert_float_equal(r.attainment_pct, 116, 1e-9);
	assert_float_equal(r.bonus, 1740, 1e-6);

	/* November so far: 5.25 h -> implied 67,375 (docs/demo.md). */
	assert_int_equal(planner_incentive(&fx->d, nicole, "2026-11", &r, &err), SC_OK);
	assert_float_equal(r.coaching_hours, 5.25, 1e-9);
	assert_float_equal(r.implied_quota, 67375, 1e-6);
	assert_false(r.reduced);
}

/* The quota of person in month, as a record id (for changing it inside a transaction). */
static int64_t result_id(struct fixture *fx, int64_t person, const char *month)
{
	const struct entity_def *def = entity_get(E_RESULT);
	struct filter f[] = { { entity_field(def, "rep"), FO_EQ, person, 0, NULL },
		              { entity_field(def, "month"), FO_EQ, 0, 0, month } };
	struct list_opts lo = { f, 2, FILTER_ID, false, 0, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, fx->org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t id = l.items[0]->id;
	record_list_release(&l);
	return id;
}

/*
 * Applied means below the implied quota, as target-not-reduced reads it: Erik's October quota
 * at exactly the implied 64,000 is not applied (and the rule fires); at 63,999 it is.
 */
static void test_incentive_equal_is_not_applied(void **state)
{
	struct fixture *fx = *state;
	struct incentive_result eq, below;
	struct alert_list alerts = { 0 };
	struct alert_filter only = { .rule = "target-not-reduced" };
	struct sc_error err;
	int64_t erik = coach_id(fx, "Erik van Leeuwen");
	int64_t oct = result_id(fx, person_id(fx, "Erik van Leeuwen"), "2026-10");

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	change_int(fx, E_RESULT, oct, "quota", 64000);
	enum sc_result rc = planner_incentive(&fx->d, erik, "2026-10", &eq, &err);
	if (!rc)
		rc = rules_evaluate(&fx->d, MSG_EN, &only, &alerts, &err);
	if (!rc) {
		change_int(fx, E_RESULT, oct, "quota", 63999);
		rc = planner_incentive(&fx->d, erik, "2026-10", &below, &err);
	}
	store_rollback(fx->st);
	assert_int_equal(rc, SC_OK);
	char id[64];
	snprintf(id, sizeof(id), "target-not-reduced:coach-%lld", (long long)erik);
	const struct alert *a = alert_of(&alerts, id);
	assert_float_equal(fact_of(a, "lower_by"), 0, 1e-9);
	alert_list_release(&alerts);
	assert_float_equal(eq.quota, 64000, 1e-9);
	assert_float_equal(eq.implied_quota, 64000, 1e-6);
	assert_false(eq.reduced);
	assert_float_equal(below.quota, 63999, 1e-9);
	assert_true(below.reduced);
}

/* The bonus is paid from the floor on: below it, nothing. */
static void test_incentive_bonus_floor(void **state)
{
	struct fixture *fx = *state;
	struct incentive_result r;
	struct sc_error err;

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	assert_int_equal(settings_set(fx->st, fx->org, "bonus_floor_pct", "117", &err), SC_OK);
	enum sc_result rc =
	        planner_incentive(&fx->d, coach_id(fx, "Nicole Hendriks"), "2026-10", &r, &err);
	store_rollback(fx->st);
	assert_int_equal(rc, SC_OK);
	assert_float_equal(r.floor_pct, 117, 1e-9);
	assert_float_equal(r.attainment_pct, 116, 1e-9);
	assert_true(r.bonus == 0.0);
}

static void test_incentive_refusals(void **state)
{
	struct fixture *fx = *state;
	struct incentive_result r;
	struct sc_error err;
	int64_t erik = coach_id(fx, "Erik van Leeuwen");

	assert_int_equal(planner_incentive(&fx->d, 99999, "2026-10", &r, &err), SC_NOT_FOUND);
	assert_non_null(strstr(err.message, "no coach profile 99999"));
	assert_int_equal(
	        planner_incentive(&fx->d, coach_id(fx, "Jeroen Bakker"), "2026-10", &r, &err),
	        SC_INVALID);
	assert_non_null(strstr(err.message, "senior coaches only"));
	/* Bas has no incentive plan; Erik's starts in July. */
	assert_int_equal(planner_incentive(&fx->d, coach_id(fx, "Bas Dekker"), "2026-10", &r, &err),
	                 SC_NOT_FOUND);
	assert_non_null(strstr(err.message, "no incentive plan covering 2026-10"));
	assert_int_equal(planner_incentive(&fx->d, erik, "2026-06", &r, &err), SC_NOT_FOUND);
	assert_non_null(strstr(err.message, "no incentive plan covering 2026-06"));
	/* No sales result yet for a month ahead. */
	assert_int_equal(planner_incentive(&fx->d, erik, "2027-01", &r, &err), SC_NOT_FOUND);
	assert_non_null(strstr(err.message, "no sales result for 2027-01"));
	/* A malformed month. */
	assert_int_equal(planner_incentive(&fx->d, erik, "2026-13", &r, &err), SC_INVALID);
	assert_string_equal(err.field, "month");
	assert_int_equal(planner_incentive(&fx->d, erik, "10-2026", &r, &err), SC_INVALID);
}

/* Q0 missing: a plan that starts in May needs April's quota, which the demo does not hold. */
static void test_incentive_needs_base_quota(void **state)
{
	struct fixture *fx = *state;
	struct incentive_result r;
	struct sc_error err;

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	change_text(fx, E_INCENTIVE, plan_of(fx, coach_id(fx, "Erik van Leeuwen")), "starts_on",
	            "2026-05-01");
	enum sc_result rc =
	        planner_incentive(&fx->d, coach_id(fx, "Erik van Leeuwen"), "2026-10", &r, &err);
	store_rollback(fx->st);
	assert_int_equal(rc, SC_NOT_FOUND);
	assert_non_null(strstr(err.message, "no sales result for 2026-04, the month before"));
}

/* ---- leadership ---------------------------------------------------------------------------- */

static double expected_score(const struct leadership_row *r)
{
	double f = (r->feedback - 1) / 4;
	double a = 0.5 + r->change_pts / 40;
	a = a < 0 ? 0 : a > 1 ? 1 : a;
	double s = (r->readiness_mean - 1) / 4;
	return round((30 * f + 25 * a + 25 * r->regularity_pct / 100 + 20 * s) * 10) / 10;
}

/* docs/planners.md, "The leadership ranking". */
static void test_leadership_demo(void **state)
{
	struct fixture *fx = *state;
	struct leadership_list l = { 0 };
	struct sc_error err;

	assert_int_equal(planner_leadership(&fx->d, &l, &err), SC_OK);
	assert_int_equal(l.impact_months, 3);
	assert_int_equal(l.n, 3);
	/* Erik's readiness (4.5) puts him above Nicole (3.5), whose coaching figures are a
	 * little better. */
	assert_string_equal(l.rows[0].name, "Erik van Leeuwen");
	assert_string_equal(l.rows[1].name, "Nicole Hendriks");
	assert_string_equal(l.rows[2].name, "Bas Dekker");
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(l.rows[i].rank, (int)i + 1);
		assert_true(l.rows[i].has_feedback && l.rows[i].has_change &&
		            l.rows[i].has_regularity && l.rows[i].has_readiness);
		assert_float_equal(l.rows[i].score, expected_score(&l.rows[i]), 1e-9);
	}
	/* Nicole: Fleur's 19 ratings average 4.05; attainment 85 % (May, June) -> 96.67 %. */
	const struct leadership_row *n = &l.rows[1];
	assert_int_equal(n->coachees, 1);
	assert_int_equal(n->feedback_answers, 19);
	assert_float_equal(n->feedback, 77.0 / 19.0, 1e-9);
	assert_float_equal(n->before_pct, 85, 1e-9);
	assert_float_equal(n->after_pct, (95 + 101 + 94) / 3.0, 1e-9);
	assert_int_equal(n->months, 4); /* July to October */
	assert_int_equal(n->months_met, 4);
	/* Readiness 3 / 4 / 3 / 4: mean 3.5, lowest 3. */
	assert_float_equal(n->readiness_mean, 3.5, 1e-9);
	assert_int_equal(n->readiness_lowest, 3);
	assert_float_equal(n->score, 80.2, 1e-9);
	/* Erik: Jesse 89 and 106 -> 97, 115, 107; readiness 4 / 5 / 4 / 5. */
	assert_float_equal(l.rows[0].change_pts, (97 + 115 + 107) / 3.0 - (89 + 106) / 2.0, 1e-9);
	assert_float_equal(l.rows[0].readiness_mean, 4.5, 1e-9);
	assert_float_equal(l.rows[0].score, 83.5, 1e-9);
	/* Bas: two coachees, each weighing the same; Luuk's October (2.5 h of 3) missed. */
	const struct leadership_row *b = &l.rows[2];
	assert_int_equal(b->coachees, 2);
	assert_int_equal(b->feedback_people, 2);
	assert_int_equal(b->change_people, 2);
	assert_int_equal(b->months, 8);
	assert_int_equal(b->months_met, 7);
	assert_float_equal(b->regularity_pct, 87.5, 1e-9);
	assert_float_equal(b->change_pts, -8.0 / 3.0, 1e-9);
	/* Readiness 4 / 2 / 4 / 4: mean 3.5 (not ready, one criterion below 3). */
	assert_float_equal(b->readiness_mean, 3.5, 1e-9);
	assert_int_equal(b->readiness_lowest, 2);
	assert_float_equal(b->score, 66.9, 1e-9);
	leadership_list_release(&l);
}

/* Two seniors with nothing to show tie: they share rank 1, in the order of their names. */
static void test_leadership_ties(void **state)
{
	(void)state;
	struct store *st = NULL;
	struct domain d;
	struct sc_error err;
	int64_t org;
	const char *names[] = { "Zoe Zwart", "Anna Aalders" };

	assert_int_equal(test_store_open(&st, &err), SC_OK);
	assert_int_equal(org_create(st, "Tie BV", NULL, NULL, NULL, &org, &err), SC_OK);
	assert_int_equal(domain_init(&d, st, org, &err), SC_OK);
	for (size_t i = 0; i < 2; i++) {
		struct record *p = record_new(entity_get(E_PERSON));
		char email[64];
		snprintf(email, sizeof(email), "p%zu@example.com", i);
		record_put_text(p, "name", names[i]);
		record_put_text(p, "email", email);
		assert_int_equal(domain_add(&d, p, &err), SC_OK);
		struct record *c = record_new(entity_get(E_COACH));
		record_put_int(c, "person", p->id);
		record_put_text(c, "kind", "senior");
		assert_int_equal(domain_add(&d, c, &err), SC_OK);
		record_free(&p);
		record_free(&c);
	}
	struct leadership_list l = { 0 };
	assert_int_equal(planner_leadership(&d, &l, &err), SC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.rows[0].name, "Anna Aalders");
	assert_string_equal(l.rows[1].name, "Zoe Zwart");
	assert_int_equal(l.rows[0].rank, 1);
	assert_int_equal(l.rows[1].rank, 1);
	/* No figures: feedback, regularity and readiness count 0, the unknown change 0.5. */
	assert_false(l.rows[0].has_feedback || l.rows[0].has_change || l.rows[0].has_regularity ||
	             l.rows[0].has_readiness);
	assert_float_equal(l.rows[0].score, 12.5, 1e-9);
	leadership_list_release(&l);

	/* Zoe's readiness assessment (mean 4: (4 - 1) / 4 x 20 = 15) puts her first. */
	struct record *as = record_new(entity_get(E_ASSESSMENT));
	record_put_int(as, "candidate", 1);
	record_put_int(as, "assessor", 2);
	record_put_text(as, "assessed_on", "2026-10-01");
	record_put_int(as, "motivation", 5);
	record_put_int(as, "traits", 4);
	record_put_int(as, "ability", 4);
	record_put_int(as, "track_record", 3);
	record_put_text(as, "decision", "ready");
	assert_int_equal(domain_add(&d, as, &err), SC_OK);
	record_free(&as);
	assert_int_equal(planner_leadership(&d, &l, &err), SC_OK);
	assert_string_equal(l.rows[0].name, "Zoe Zwart");
	assert_float_equal(l.rows[0].readiness_mean, 4, 1e-9);
	assert_int_equal(l.rows[0].readiness_lowest, 3);
	assert_float_equal(l.rows[0].score, 27.5, 1e-9);
	assert_int_equal(l.rows[1].rank, 2);
	leadership_list_release(&l);
	store_close(&st);
}

/* ---- who sees what ------------------------------------------------------------------------- */

static void test_acting_person_sees_own_line(void **state)
{
	struct fixture *fx = *state;
	struct capacity_plan p = { 0 };
	struct leadership_list l = { 0 };
	struct incentive_result r;
	struct sc_error err;

	/* Jeroen sees his own capacity, not Sandra's, and no senior's incentive. */
	assert_int_equal(domain_act_as(&fx->d, "jeroen.bakker@vandijk.example", &err), SC_OK);
	assert_int_equal(planner_capacity(&fx->d, 0, &p, &err), SC_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.rows[0].name, "Jeroen Bakker");
	capacity_plan_release(&p);
	assert_int_equal(planner_capacity(&fx->d, person_id(fx, "Sandra Visser"), &p, &err),
	                 SC_FORBIDDEN);
	capacity_plan_release(&p);
	assert_int_equal(
	        planner_incentive(&fx->d, coach_id(fx, "Erik van Leeuwen"), "2026-10", &r, &err),
	        SC_FORBIDDEN);
	assert_int_equal(planner_leadership(&fx->d, &l, &err), SC_OK);
	assert_int_equal(l.n, 0);
	leadership_list_release(&l);

	/* Erik sees his own incentive; Mark, his manager, ranks the three seniors. */
	assert_int_equal(domain_act_as(&fx->d, "erik.vanleeuwen@vandijk.example", &err), SC_OK);
	assert_int_equal(
	        planner_incentive(&fx->d, coach_id(fx, "Erik van Leeuwen"), "2026-10", &r, &err),
	        SC_OK);
	assert_int_equal(domain_act_as(&fx->d, "mark.jansen@vandijk.example", &err), SC_OK);
	assert_int_equal(planner_leadership(&fx->d, &l, &err), SC_OK);
	assert_int_equal(l.n, 3);
	leadership_list_release(&l);
	/* The administrator sees everyone. */
	assert_int_equal(domain_act_as(&fx->d, "admin@salescoach.example", &err), SC_OK);
	assert_int_equal(planner_capacity(&fx->d, 0, &p, &err), SC_OK);
	assert_int_equal(p.n, 2);
	capacity_plan_release(&p);
	assert_int_equal(planner_leadership(&fx->d, &l, &err), SC_OK);
	assert_int_equal(l.n, 3);
	leadership_list_release(&l);
	/* Annelies, the director, has an executive's account: aggregates only, no one's figures. */
	assert_int_equal(domain_act_as(&fx->d, "annelies.devries@vandijk.example", &err), SC_OK);
	assert_int_equal(planner_capacity(&fx->d, 0, &p, &err), SC_OK);
	assert_int_equal(p.n, 0);
	capacity_plan_release(&p);
	assert_int_equal(planner_leadership(&fx->d, &l, &err), SC_OK);
	assert_int_equal(l.n, 0);
	leadership_list_release(&l);
}

#define T(f) cmocka_unit_test_setup(f, as_admin)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_capacity_demo),
		T(test_capacity_one_manager),
		T(test_capacity_no_delegation_suffices),
		T(test_capacity_whatif_ranges),
		T(test_capacity_coachee_in_two_programmes),
		T(test_incentive_erik),
		T(test_incentive_nicole),
		T(test_incentive_equal_is_not_applied),
		T(test_incentive_bonus_floor),
		T(test_incentive_refusals),
		T(test_incentive_needs_base_quota),
		T(test_leadership_demo),
		T(test_acting_person_sees_own_line),
	};
	/* Its own organisation in its own store, opened after the demo's is closed. */
	const struct CMUnitTest alone[] = {
		cmocka_unit_test(test_leadership_ties),
	};
	return cmocka_run_group_tests_name("planner", tests, setup, teardown) +
	       cmocka_run_group_tests_name("planner (an organisation of its own)", alone, NULL,
	                                   NULL);
}
