/*
 * test_api_plan.c - the capacity planner's what-if over the HTTP API
 * (GET /api/plan/capacity?manager=&coachees=&target_hours=&hours_per_week=),
 * driven in memory on the demo organisation on the reference day: the figures
 * a manager tries out change needed, available, shortfall and the tasks to
 * delegate exactly as docs/planners.md computes them by hand; a bad figure is
 * refused with its name as field, in the caller's language; nothing is
 * stored; and who may ask stays who may see the capacity.
 */
#include "api_fixture.h"

/* The fixture is tests/support/api_fixture.h: MGR_COACH is Jeroen, a manager-coach. */

#define SANDRA "sandra.visser@vandijk.example"

/* GET target as who, expecting 200 and one manager: that row (the whole answer in *all). */
static json_t *one_row(struct fixture *fx, enum who who, const char *target, json_t **all)
{
	json_t *j = NULL;
	int status = call(fx, who, "GET", target, NULL, &j);
	if (status != 200)
		fail_msg("GET %s: %d", target, status);
	json_t *m = json_object_get(j, "managers");
	assert_int_equal(json_array_size(m), 1);
	*all = j;
	return json_array_get(m, 0);
}

static double real(json_t *row, const char *key)
{
	json_t *v = json_object_get(row, key);
	if (!json_is_number(v))
		fail_msg("%s is not a number", key);
	return json_number_value(v);
}

static json_int_t whole(json_t *row, const char *key)
{
	json_t *v = json_object_get(row, key);
	if (!json_is_integer(v))
		fail_msg("%s is not a whole number", key);
	return json_integer_value(v);
}

/* Jeroen's recorded figures: 8 coachees x 3.25 h = 26 h needed = 6 h a week x 52 / 12. */
static void expect_recorded(json_t *all, json_t *r)
{
	assert_int_equal(json_object_size(json_object_get(all, "assumed")), 0);
	assert_int_equal(whole(r, "coachees"), 8);
	assert_float_equal(real(r, "target_hours"), 3.25, 1e-9);
	assert_float_equal(real(r, "hours_per_week"), 6, 1e-9);
	assert_float_equal(real(r, "needed_hours"), 26, 1e-9);
	assert_float_equal(real(r, "available_hours"), 26, 1e-9);
	assert_float_equal(real(r, "shortfall_hours"), 0, 1e-9);
	assert_int_equal(whole(r, "max_span"), 8);
}

static void test_a_what_if_changes_the_figures_as_computed_by_hand(void **state)
{
	struct fixture *fx = *state;
	long long jeroen = (long long)person_of(fx, MGR_COACH);
	char target[200];
	json_t *all, *r, *task;

	/* 10 coachees and 5 h a week: needed 10 x 3.25 = 32.5 h, available 5 x 52 / 12 =
	 * 21.67 h, short 10.83 h a month (2.5 h a week); his one delegable task (quotes, 2 h a
	 * week = 8.67 h a month) does not close it; 21.67 / 3.25 = 6.67: 6 coachees fit. */
	snprintf(target, sizeof(target),
	         "/api/plan/capacity?manager=%lld&coachees=10&hours_per_week=5", jeroen);
	r = one_row(fx, MGR_COACH, target, &all);
	json_t *assumed = json_object_get(all, "assumed");
	assert_int_equal(json_object_size(assumed), 2);
	assert_int_equal(whole(assumed, "coachees"), 10);
	assert_float_equal(real(assumed, "hours_per_week"), 5, 1e-9);
	assert_null(json_object_get(assumed, "target_hours"));
	assert_int_equal(whole(r, "coachees"), 10);
	assert_float_equal(real(r, "target_hours"), 3.25, 1e-9);
	assert_float_equal(real(r, "needed_hours"), 32.5, 1e-9);
	assert_float_equal(real(r, "available_hours"), 21.67, 1e-9);
	assert_float_equal(real(r, "shortfall_hours"), 10.83, 1e-9);
	assert_float_equal(real(r, "spare_hours"), 0, 1e-9);
	assert_float_equal(real(r, "shortfall_hours_per_week"), 2.5, 1e-9);
	assert_true(json_is_false(json_object_get(r, "delegation_closes_gap")));
	assert_float_equal(real(r, "freed_hours"), 8.67, 1e-9);
	assert_int_equal(whole(r, "max_span"), 6);
	assert_int_equal(whole(r, "span"), 10); /* the reporting line is no what-if */
	task = json_array_get(json_object_get(r, "delegable_tasks"), 0);
	assert_string_equal(json_string_value(json_object_get(task, "name")),
	                    "Offertes controleren en goedkeuren");
	assert_true(json_is_false(json_object_get(task, "delegate")));
	json_decref(all);

	/* 9 coachees: 29.25 h needed, 3.25 h short; the quotes task (8.67 h) closes it. */
	snprintf(target, sizeof(target), "/api/plan/capacity?manager=%lld&coachees=9", jeroen);
	r = one_row(fx, MGR_COACH, target, &all);
	assert_float_equal(real(r, "needed_hours"), 29.25, 1e-9);
	assert_float_equal(real(r, "available_hours"), 26, 1e-9);
	assert_float_equal(real(r, "shortfall_hours"), 3.25, 1e-9);
	assert_true(json_is_true(json_object_get(r, "delegation_closes_gap")));
	assert_float_equal(real(r, "freed_hours"), 8.67, 1e-9);
	task = json_array_get(json_object_get(r, "delegable_tasks"), 0);
	assert_true(json_is_true(json_object_get(task, "delegate")));
	json_decref(all);

	/* A target of 2.5 h: 8 x 2.5 = 20 h needed, no shortfall, floor(26 / 2.5) = 10 fit. */
	snprintf(target, sizeof(target), "/api/plan/capacity?manager=%lld&target_hours=2.5",
	         jeroen);
	r = one_row(fx, MGR_COACH, target, &all);
	assert_float_equal(real(json_object_get(all, "assumed"), "target_hours"), 2.5, 1e-9);
	assert_float_equal(real(r, "needed_hours"), 20, 1e-9);
	assert_float_equal(real(r, "shortfall_hours"), 0, 1e-9);
	assert_float_equal(real(r, "spare_hours"), 6, 1e-9);
	assert_true(json_is_true(json_object_get(r, "delegation_closes_gap")));
	assert_int_equal(whole(r, "max_span"), 10);
	json_decref(all);

	/* All three, for Sandra as the administrator: 12 x 3 = 36 h, 4 x 52 / 12 = 17.33 h, short
	 * 18.67 h; only her two tasks together (13 + 6.5 = 19.5 h) close it. */
	snprintf(target, sizeof(target),
	         "/api/plan/capacity?manager=%lld&coachees=12&target_hours=3&hours_per_week=4",
	         (long long)person_id(fx, 1, SANDRA));
	r = one_row(fx, ADMIN, target, &all);
	assert_int_equal(json_object_size(json_object_get(all, "assumed")), 3);
	assert_float_equal(real(r, "needed_hours"), 36, 1e-9);
	assert_float_equal(real(r, "available_hours"), 17.33, 1e-9);
	assert_float_equal(real(r, "shortfall_hours"), 18.67, 1e-9);
	assert_true(json_is_true(json_object_get(r, "delegation_closes_gap")));
	assert_float_equal(real(r, "freed_hours"), 19.5, 1e-9);
	json_t *tasks = json_object_get(r, "delegable_tasks");
	assert_int_equal(json_array_size(tasks), 2);
	for (size_t i = 0; i < 2; i++)
		assert_true(json_is_true(json_object_get(json_array_get(tasks, i), "delegate")));
	assert_int_equal(whole(r, "max_span"), 5);
	json_decref(all);

	/* Nothing was stored: without a what-if, Jeroen's recorded figures. */
	snprintf(target, sizeof(target), "/api/plan/capacity?manager=%lld", jeroen);
	r = one_row(fx, MGR_COACH, target, &all);
	expect_recorded(all, r);
	json_decref(all);
	r = one_row(fx, MGR_COACH, "/api/plan/capacity", &all);
	expect_recorded(all, r);
	json_decref(all);
}

/* Expect 422 for query as who, with field and a message that says says. */
static void expect_refused(struct fixture *fx, enum who who, const char *query, const char *field,
                           const char *says)
{
	char target[300];
	json_t *j = NULL;
	snprintf(target, sizeof(target), "/api/plan/capacity?manager=%lld&%s",
	         (long long)person_of(fx, MGR_COACH), query);
	int status = call(fx, who, "GET", target, NULL, &j);
	if (status != 422)
		fail_msg("GET %s: %d, expected 422", target, status);
	assert_string_equal(error_field(j), field);
	const char *message =
	        json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	if (!message || !strstr(message, says))
		fail_msg("GET %s: the message '%s' does not say '%s'", target,
		         message ? message : "(none)", says);
	json_decref(j);
}

static void test_a_bad_figure_is_refused_with_its_name(void **state)
{
	struct fixture *fx = *state;

	/* The demo organisation speaks Dutch. */
	expect_refused(fx, MGR_COACH, "coachees=abc", "coachees",
	               "coachees: 'abc' is geen aantal coachees; geef een geheel getal van 0 tot "
	               "en met 100");
	expect_refused(fx, MGR_COACH, "coachees=101", "coachees", "'101' is geen aantal coachees");
	expect_refused(fx, MGR_COACH, "coachees=-1", "coachees", "'-1' is geen aantal coachees");
	expect_refused(fx, MGR_COACH, "coachees=2.5", "coachees", "'2.5' is geen aantal");
	expect_refused(fx, MGR_COACH, "coachees=", "coachees", "'' is geen aantal coachees");
	expect_refused(fx, MGR_COACH, "target_hours=0.4", "target_hours",
	               "target_hours: '0.4' is geen doel in uren per coachee per maand; geef een "
	               "getal van 0.5 tot en met 40");
	expect_refused(fx, MGR_COACH, "target_hours=2,5", "target_hours",
	               "'2,5' is geen doel in uren");
	expect_refused(fx, MGR_COACH, "target_hours=41", "target_hours", "'41' is geen doel");
	expect_refused(fx, MGR_COACH, "hours_per_week=40.5", "hours_per_week",
	               "hours_per_week: '40.5' is geen aantal coachinguren per week; geef een "
	               "getal van 0 tot en met 40");
	expect_refused(fx, MGR_COACH, "hours_per_week=1e1", "hours_per_week", "'1e1' is geen");
	expect_refused(fx, MGR_COACH, "hours_per_week=-0", "hours_per_week", "'-0' is geen");
	/* In English when asked; the first bad figure is named, the good ones are not. */
	expect_refused(fx, MGR_COACH, "coachees=8&hours_per_week=many&lang=en", "hours_per_week",
	               "hours_per_week: 'many' is not a number of coaching hours per week; give a "
	               "number from 0 to 40");
	expect_refused(fx, ADMIN, "target_hours=0&lang=en", "target_hours",
	               "'0' is not a target in hours per coachee per month");

	/* A what-if is for one manager: without manager it is refused, naming manager. */
	json_t *j = NULL;
	assert_int_equal(call(fx, ADMIN, "GET", "/api/plan/capacity?coachees=4&lang=en", NULL, &j),
	                 422);
	assert_string_equal(error_field(j), "manager");
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	               "computed for one manager-coach"));
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/plan/capacity?coachee=4", NULL, &j), 422);
	assert_string_equal(error_field(j), "coachee");
	json_decref(j);
}

/* Who may ask a what-if is who may see the capacity: the manager, the line above, admins. */
static void test_a_what_if_keeps_the_access_rules(void **state)
{
	struct fixture *fx = *state;
	char mine[160], sandras[160];
	json_t *all;

	snprintf(mine, sizeof(mine), "/api/plan/capacity?manager=%lld&coachees=3",
	         (long long)person_of(fx, MGR_COACH));
	snprintf(sandras, sizeof(sandras), "/api/plan/capacity?manager=%lld&coachees=3",
	         (long long)person_id(fx, 1, SANDRA));
	json_t *r = one_row(fx, MGR_COACH, mine, &all);
	assert_string_equal(json_string_value(json_object_get(r, "name")), "Jeroen Bakker");
	json_decref(all);
	r = one_row(fx, ADMIN, mine, &all);
	assert_float_equal(real(r, "needed_hours"), 9.75, 1e-9);
	json_decref(all);

	/* Jeroen may not try Sandra's figures; his coachee, an executive, another manager, a
	 * coach and another organisation may not try his. */
	assert_int_equal(call(fx, MGR_COACH, "GET", sandras, NULL, NULL), 403);
	static const enum who others[] = { REP, EXEC, MGR, OTHER, SENIOR };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		int status = call(fx, others[i], "GET", mine, NULL, NULL);
		if (status != 403)
			fail_msg("a what-if for Jeroen as %s: %d, expected 403", emails[others[i]],
			         status);
	}
	int status = call(fx, FOREIGN, "GET", mine, NULL, NULL);
	if (status != 403 && status != 404)
		fail_msg("a what-if for Jeroen from another organisation: %d", status);
	assert_int_equal(call(fx, ANON, "GET", mine, NULL, NULL), 401);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_what_if_changes_the_figures_as_computed_by_hand),
		cmocka_unit_test(test_a_bad_figure_is_refused_with_its_name),
		cmocka_unit_test(test_a_what_if_keeps_the_access_rules),
	};
	return cmocka_run_group_tests_name("api plan", tests, setup, teardown);
}
