/*
 * test_rules.c - the pitfall monitor (rules.h): its table, the filters,
 * acknowledgements, acting as a person and privacy. The rules themselves
 * are tested by model in test_rules_*.c: for every rule a case where it
 * fires, one where it does not and one at its threshold, and the mitigation
 * figures against hand-computed values.
 *
 * Each test builds a small organisation of its own through the domain, as a
 * user would type it. Today is 2026-11-28 (SALESCOACH_NOW, noon UTC) and the
 * organisation's zone is Europe/Amsterdam (UTC+1 in November), so local
 * dates and UTC dates differ for times around midnight: several cases put a
 * session at 00:30 local time to tell the two apart.
 *
 * Every evaluation is made in English and in Dutch; both must give the same
 * alerts, and no summary or mitigation may keep a '{placeholder}'.
 */
#include "rules_fixture.h"

/* ---- the table ---------------------------------------------------------------------------- */

static void test_the_table(void **state)
{
	static const struct {
		const char *id;
		unsigned models; /* manager 1, senior 2, internal 4, external 8 */
	} table[] = {
		{ "no-recent-session", 15 },   { "below-cadence", 15 },
		{ "coach-untrained", 15 },     { "coach-overloaded", 15 },
		{ "overdue-actions", 15 },     { "coaching-mixed-with-appraisal", 15 },
		{ "no-supervision", 1 },       { "manager-no-time", 1 },
		{ "span-too-wide", 1 },        { "coach-not-assessed", 2 },
		{ "no-incentive", 2 },         { "target-not-reduced", 2 },
		{ "low-acceptance", 12 },      { "seen-as-spy", 12 },
		{ "not-on-floor", 12 },        { "misses-team-activities", 12 },
		{ "no-ride-alongs", 12 },      { "no-sales-background", 12 },
		{ "acceptance-not-built", 8 }, { "session-not-recorded", 15 },
	};
	struct fixture *fx = *state;
	size_t n = 0;
	const struct rule_def *all = rules_all(&n);

	assert_string_equal(fx->d.today, TODAY);
	assert_string_equal(fx->d.tz, "Europe/Amsterdam");
	assert_int_equal(n, 20);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(all[i].id, table[i].id);
		assert_int_equal(all[i].models, table[i].models);
		assert_ptr_equal(rules_find(table[i].id), &all[i]);
	}
	assert_null(rules_find("no-such-rule"));
	/* An organisation without programmes has nothing to warn about. */
	assert_int_equal(eval(fx, NULL)->n, 0);
}

/* ---- filters ------------------------------------------------------------------------------ */

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct world m, i;
	struct alert_filter f;
	struct sc_error err;

	world(fx, "M", "manager", "3", -200, &m);
	world(fx, "I", "internal", "3", -200, &i);
	const struct alert_list *l = eval(fx, NULL);
	size_t total = l->n;
	fired(l, "no-recent-session", m.rep);
	fired(l, "no-recent-session", i.rep);

	f = (struct alert_filter){ .team = m.team };
	l = eval(fx, &f);
	assert_true(l->n > 0 && l->n < total);
	for (size_t k = 0; k < l->n; k++)
		assert_int_equal(l->items[k].team, m.team);
	fired(l, "no-recent-session", m.rep);

	f = (struct alert_filter){ .model = "internal" };
	l = eval(fx, &f);
	assert_true(l->n > 0 && l->n < total);
	for (size_t k = 0; k < l->n; k++)
		assert_string_equal(l->items[k].model, "internal");
	fired(l, "no-recent-session", i.rep);
	fired(l, "not-on-floor", i.coach_person);

	f = only("no-recent-session");
	l = eval(fx, &f);
	assert_int_equal(l->n, 2);
	assert_int_equal(count_rule(l, "no-recent-session"), 2);

	/* A rule outside the model gives nothing. */
	f = (struct alert_filter){ .model = "internal", .rule = "span-too-wide" };
	assert_int_equal(eval(fx, &f)->n, 0);

	/* Alerts are ordered: errors first, then warnings, then info. */
	l = eval(fx, NULL);
	for (size_t k = 1; k < l->n; k++)
		assert_true(l->items[k - 1].severity >= l->items[k].severity);

	struct alert_list out = { 0 };
	sc_error_init(&err);
	f = only("no-such-rule");
	assert_int_equal(rules_evaluate(&fx->d, MSG_EN, &f, &out, &err), SC_INVALID);
	assert_string_equal(err.field, "rule");
	contains(err.message, "no-such-rule");
	assert_int_equal(out.n, 0);
	sc_error_init(&err);
	f = (struct alert_filter){ .model = "coach" };
	assert_int_equal(rules_evaluate(&fx->d, MSG_EN, &f, &out, &err), SC_INVALID);
	assert_string_equal(err.field, "model");
	assert_int_equal(out.n, 0);
	alert_list_release(&out);
}

/* ---- acknowledgement ---------------------------------------------------------------------- */

static int64_t audits_of_acks(struct fixture *fx)
{
	const struct entity_def *def = entity_get(E_AUDIT);
	struct filter f = { entity_field(def, "entity"), FO_EQ, 0, 0, "ack" };
	int64_t n = -1;
	assert_int_equal(store_count(fx->st, fx->org, def, &f, 1, &n, NULL), SC_OK);
	return n;
}

static int64_t acks(struct fixture *fx)
{
	int64_t n = -1;
	assert_int_equal(store_count(fx->st, fx->org, entity_get(E_ACK), NULL, 0, &n, NULL), SC_OK);
	return n;
}

static void test_ack_hides_until_the_facts_change(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct sc_error err;
	char id[96];

	world(fx, "A", "manager", "3", -200, &w);
	action(fx, w.asg, w.rep, -20, NO_DAY);
	action(fx, w.asg, w.rep, -12, NO_DAY);
	action(fx, w.asg, w.rep, -5, NO_DAY);
	const struct alert *a = fired(eval(fx, NULL), "overdue-actions", w.rep);
	snprintf(id, sizeof(id), "%s", a->id);
	size_t before = fx->list.n;

	sc_error_init(&err);
	assert_int_equal(rules_ack(&fx->d, id, "Discussed with Rep A on Monday", &err), SC_OK);
	assert_int_equal(acks(fx), 1);
	assert_int_equal(audits_of_acks(fx), 1);

	const struct alert_list *l = eval(fx, NULL);
	quiet(l, "overdue-actions", w.rep);
	assert_int_equal(l->n, before - 1);
	assert_int_equal(l->quiet, 1);

	struct alert_filter all = { .all = true };
	a = fired(eval(fx, &all), "overdue-actions", w.rep);
	assert_true(a->acknowledged);
	assert_string_equal(a->ack_reason, "Discussed with Rep A on Monday");
	assert_string_equal(a->ack_at, NOW);
	assert_true(a->ack_by[0] != '\0');
	assert_int_equal(fx->list.quiet, 0);
	/* The other alerts are not acknowledged. */
	assert_false(fired(&fx->list, "no-recent-session", w.rep)->acknowledged);

	/* One more overdue item changes the facts: the alert is back. */
	action(fx, w.asg, w.rep, -2, NO_DAY);
	a = fired(eval(fx, NULL), "overdue-actions", w.rep);
	assert_false(a->acknowledged);
	fact_is_int(a, "overdue", 4);
	assert_int_equal(fx->list.quiet, 0);

	/* Acknowledged again: the one record is updated, and audited. */
	assert_int_equal(rules_ack(&fx->d, id, "Plan agreed", &err), SC_OK);
	assert_int_equal(acks(fx), 1);
	assert_int_equal(audits_of_acks(fx), 2);
	quiet(eval(fx, NULL), "overdue-actions", w.rep);
}

/* Facts that move every day (days since ...) do not bring an acknowledged alert back. */
static void test_ack_survives_the_next_day(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct sc_error err;
	char id[96];

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, at(-40, "10:00"), 60);
	snprintf(id, sizeof(id), "%s", fired(eval(fx, NULL), "no-recent-session", w.rep)->id);
	assert_int_equal(rules_ack(&fx->d, id, "Rep A is on parental leave", &err), SC_OK);
	setenv("SALESCOACH_NOW", "2026-11-29T12:00:00Z", 1);
	assert_int_equal(domain_init(&fx->d, fx->st, fx->org, &err), SC_OK);
	assert_string_equal(fx->d.today, "2026-11-29");
	quiet(eval(fx, NULL), "no-recent-session", w.rep);
	struct alert_filter all = { .all = true };
	const struct alert *a = fired(eval(fx, &all), "no-recent-session", w.rep);
	assert_true(a->acknowledged);
	fact_is_int(a, "days_without_session", 41);
	/* A new held session and a new lapse are new facts. */
	setenv("SALESCOACH_NOW", NOW, 1);
	assert_int_equal(domain_init(&fx->d, fx->st, fx->org, &err), SC_OK);
	held(fx, w.asg, at(-35, "10:00"), 60);
	assert_false(fired(eval(fx, NULL), "no-recent-session", w.rep)->acknowledged);
}

static void test_ack_refusals(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct sc_error err;
	char id[96];

	world(fx, "A", "manager", "3", -200, &w);
	held(fx, w.asg, at(-3, "10:00"), 60);
	snprintf(id, sizeof(id), "overdue-actions:assignment-%lld", (long long)w.asg);
	sc_error_init(&err);
	assert_int_equal(rules_ack(&fx->d, id, "Nothing is wrong", &err), SC_NOT_FOUND);
	contains(err.message, id);
	sc_error_init(&err);
	assert_int_equal(rules_ack(&fx->d, "no-such-rule:x-1", "Why not", &err), SC_NOT_FOUND);
	assert_int_equal(acks(fx), 0);
	assert_int_equal(audits_of_acks(fx), 0);

	/* A reason is required. */
	snprintf(id, sizeof(id), "%s", fired(eval(fx, NULL), "no-supervision", w.manager)->id);
	sc_error_init(&err);
	assert_int_equal(rules_ack(&fx->d, id, "", &err), SC_INVALID);
	assert_string_equal(err.field, "reason");
	assert_int_equal(acks(fx), 0);
	assert_int_equal(audits_of_acks(fx), 0);
}

/* ---- acting as a person ------------------------------------------------------------------- */

static void test_acting_as_a_person(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	int64_t p2;

	world(fx, "A", "manager", "3", -200, &w);
	int64_t a2 = coachee(fx, &w, 2, -200, &p2);
	person(fx, "Olga Outsider", 0);
	for (int i = 0; i < 3; i++) {
		action(fx, w.asg, w.rep, -10 - i, NO_DAY);
		action(fx, a2, p2, -10 - i, NO_DAY);
	}
	const struct alert_list *l = eval(fx, NULL);
	size_t total = l->n;
	fired(l, "overdue-actions", w.rep);
	fired(l, "overdue-actions", p2);

	act_as(fx, "Rep A");
	l = eval(fx, NULL);
	assert_true(l->n > 0 && l->n < total);
	for (size_t i = 0; i < l->n; i++)
		if (!names(&l->items[i], w.rep) || names(&l->items[i], p2))
			fail_msg("Rep A sees %s", l->items[i].id);
	fired(l, "overdue-actions", w.rep);

	act_as(fx, "Manager A");
	l = eval(fx, NULL);
	for (size_t i = 0; i < l->n; i++)
		assert_true(names(&l->items[i], w.manager));
	fired(l, "overdue-actions", w.rep);
	fired(l, "overdue-actions", p2);

	act_as(fx, "Olga Outsider");
	assert_int_equal(eval(fx, NULL)->n, 0);
}

/* ---- privacy ------------------------------------------------------------------------------ */

#define SECRET "Rep A fears the Hoogland price talk"

static void test_no_private_content_in_alerts(void **state)
{
	struct fixture *fx = *state;
	struct world w;

	world(fx, "A", "manager", "3", -200, &w);
	add(fx, E_SESSION, "assignment", num(w.asg), "kind", "one_to_one", "at", at(-40, "10:00"),
	    "minutes", "45", "status", "held", "agenda", SECRET " (agenda)", "notes",
	    SECRET " (notes)", NULL);
	int64_t ride = add(fx, E_SESSION, "assignment", num(w.asg), "kind", "ride_along", "at",
	                   at(-38, "10:00"), "minutes", "90", "status", "held", "customer",
	                   "Hoogland Logistiek", "stage", "proposal", "role", "observer",
	                   "follow_up", SECRET " (follow-up)", NULL);
	add(fx, E_OBSERVATION, "session", num(ride), "skill", "closing", "strengths",
	    SECRET " (strengths)", "improvement", SECRET " (improvement)", NULL);
	add(fx, E_PLAN, "assignment", num(w.asg), "goals", SECRET " (goals)", NULL);
	for (int i = 0; i < 3; i++)
		add(fx, E_ACTION, "assignment", num(w.asg), "owner", num(w.rep), "text",
		    SECRET " (action)", "due_on", day(-5 - i), NULL);
	appraisal(fx, w.rep, w.manager, day(-39));

	struct alert_filter all = { .all = true };
	for (int lang = 0; lang < 2; lang++) {
		struct alert_list l = { 0 };
		struct sc_error err;
		assert_int_equal(rules_evaluate(&fx->d, lang ? MSG_NL : MSG_EN, &all, &l, &err),
		                 SC_OK);
		json_t *j = rules_json(&l);
		assert_non_null(j);
		char *dump = json_dumps(j, JSON_COMPACT);
		assert_non_null(dump);
		/* The alerts about this relationship are there, without its content. */
		contains(dump, "overdue-actions");
		contains(dump, "no-recent-session");
		contains(dump, "coaching-mixed-with-appraisal");
		contains(dump, "Rep A");
		lacks(dump, "Hoogland");
		lacks(dump, SECRET);
		free(dump);
		json_decref(j);
		alert_list_release(&l);
	}
}

/* The JSON of an alert: numbers as numbers, people, acknowledgement, counts. */
static void test_json_shape(void **state)
{
	struct fixture *fx = *state;
	struct world w;
	struct sc_error err;

	world(fx, "A", "manager", "3", -200, &w);
	coachees(fx, &w, 10);
	task(fx, w.manager, "Forecast and pipeline report", "3", true, 0);
	const struct alert *a = fired(eval(fx, NULL), "manager-no-time", w.manager);
	assert_int_equal(rules_ack(&fx->d, a->id, "Reorganisation in January", &err), SC_OK);
	struct alert_filter f = { .rule = "manager-no-time", .all = true };
	json_t *j = rules_json(eval(fx, &f));
	json_t *x = json_array_get(json_object_get(j, "alerts"), 0);
	assert_non_null(x);
	assert_string_equal(json_string_value(json_object_get(x, "rule")), "manager-no-time");
	assert_string_equal(json_string_value(json_object_get(x, "severity")), "error");
	assert_int_equal(json_integer_value(json_object_get(x, "team")), w.team);
	json_t *facts = json_object_get(x, "facts");
	assert_true(json_is_real(json_object_get(facts, "available_hours")));
	assert_true(fabs(json_real_value(json_object_get(facts, "available_hours")) - 21.67) <
	            1e-9);
	assert_int_equal(json_integer_value(json_object_get(facts, "max_span")), 7);
	json_t *p = json_array_get(json_object_get(x, "people"), 0);
	assert_string_equal(json_string_value(json_object_get(p, "role")), "manager");
	assert_string_equal(json_string_value(json_object_get(p, "name")), "Manager A");
	assert_true(json_is_true(json_object_get(x, "acknowledged")));
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(x, "acknowledgement"), "reason")),
	        "Reorganisation in January");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "counts"), "error")),
	                 1);
	json_decref(j);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_the_table),
		T(test_filters),
		T(test_ack_hides_until_the_facts_change),
		T(test_ack_survives_the_next_day),
		T(test_ack_refusals),
		T(test_acting_as_a_person),
		T(test_no_private_content_in_alerts),
		T(test_json_shape),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
