/*
 * test_demo.c - the demo organisation (seed/demo*.c), loaded once by the
 * real program into a database of its own and asked, through `--json`
 * lists, for what PRODUCT.md and `demo --help` promise. The fixture is
 * tests/support/cli_fixture.h.
 */
#include "cli_fixture.h"

/* ---- demo --------------------------------------------------------------------------------- */

/* One demo database for the volume tests. */
static int setup_demo(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || make_dir(fx)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown_demo(void **state)
{
	return teardown(state);
}

/* Load the demo into the group's database on first use. */
static void demo(struct fixture *fx)
{
	struct stat sb;

	if (stat(fx->db, &sb) == 0)
		return;
	sc(fx, "demo", NULL);
	harness_expect_ok(&fx->last, "demo");
}

/* Number of elements of arr whose field equals value (NULL: every element). */
static size_t count_where(json_t *arr, const char *field, const char *value)
{
	size_t i, n = 0;
	json_t *obj;

	json_array_foreach(arr, i, obj)
	{
		const char *v = json_string_value(json_object_get(obj, field));
		n += !value || (v && strcmp(v, value) == 0);
	}
	return n;
}

static void test_demo_has_about_forty_people(void **state)
{
	struct fixture *fx = *state;
	size_t n;

	demo(fx);
	n = count(fx, "person");
	if (n < 35 || n > 50)
		fail_msg("the demo has %zu people; about 40 were promised", n);
}

static void test_demo_has_a_programme_of_every_model(void **state)
{
	static const char *const models[] = { "manager", "senior", "internal", "external" };
	struct fixture *fx = *state;
	json_t *arr;

	demo(fx);
	arr = list(fx, "programme", NULL);
	for (size_t m = 0; m < 4; m++) {
		size_t n = count_where(arr, "model", models[m]);
		if (!n) {
			json_decref(arr);
			fail_msg("the demo has no %s programme", models[m]);
		}
	}
	json_decref(arr);
}

static void test_demo_has_six_months_of_held_sessions(void **state)
{
	struct fixture *fx = *state;
	char today[TU_DATE_LEN], now[TU_INSTANT_LEN], months[6][TU_MONTH_LEN];
	size_t per_month[6] = { 0 }, future = 0, i;
	json_t *arr, *s;
	int y, m;

	demo(fx);
	tu_today("Europe/Amsterdam", today);
	tu_now_instant(now);
	y = atoi(today);
	m = atoi(today + 5);
	for (int k = 0; k < 6; k++) {
		snprintf(months[k], sizeof(months[k]), "%04u-%02u", (unsigned)y % 10000u,
		         (unsigned)m % 100u);
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
	arr = list(fx, "session", "--status", "held", NULL);
	json_array_foreach(arr, i, s)
	{
		const char *at = json_string_value(json_object_get(s, "at"));
		char local[TU_DISPLAY_LEN];
		if (!at || !tu_format_local(at, "Europe/Amsterdam", local))
			continue;
		future += strcmp(at, now) > 0;
		for (int k = 0; k < 6; k++)
			per_month[k] += strncmp(local, months[k], 7) == 0;
	}
	json_decref(arr);
	assert_int_equal(future, 0);
	for (int k = 0; k < 6; k++)
		if (per_month[k] == 0)
			fail_msg("the demo has no held session in %s", months[k]);
}

static void test_demo_has_ride_alongs_with_observations(void **state)
{
	struct fixture *fx = *state;
	json_t *rides, *obs, *o;
	size_t i, orphans = 0, nobs;

	demo(fx);
	rides = list(fx, "session", "--kind", "ride_along", NULL);
	obs = list(fx, "observation", NULL);
	nobs = json_array_size(obs);
	json_array_foreach(obs, i, o)
	{
		json_int_t sid = json_integer_value(json_object_get(o, "session"));
		size_t j;
		json_t *r;
		bool found = false;
		json_array_foreach(rides, j, r)
		{
			found |= json_integer_value(json_object_get(r, "id")) == sid;
		}
		orphans += !found;
	}
	size_t nrides = json_array_size(rides);
	json_decref(rides);
	json_decref(obs);
	assert_true(nrides > 0);
	assert_true(nobs > 0);
	assert_int_equal(orphans, 0);
}

static void test_demo_has_every_kind_of_record(void **state)
{
	static const char *const nouns[] = { "action",     "plan",           "appraisal",
		                             "assessment", "supervision",    "task",
		                             "incentive",  "presence",       "activity",
		                             "survey",     "coach",          "assignment",
		                             "training",   "self-assessment" };
	struct fixture *fx = *state;

	demo(fx);
	for (size_t k = 0; k < sizeof(nouns) / sizeof(nouns[0]); k++)
		if (count(fx, nouns[k]) == 0)
			fail_msg("the demo has no %s records", nouns[k]);
}

static void test_demo_has_six_months_of_sales_results(void **state)
{
	struct fixture *fx = *state;
	char seen[64][TU_MONTH_LEN], today[TU_DATE_LEN];
	size_t nseen = 0, i, later = 0;
	json_t *arr, *r;

	demo(fx);
	tu_today("Europe/Amsterdam", today);
	arr = list(fx, "result", NULL);
	json_array_foreach(arr, i, r)
	{
		const char *month = json_string_value(json_object_get(r, "month"));
		bool known = false;
		if (!month)
			continue;
		later += strncmp(month, today, 7) > 0;
		for (size_t k = 0; k < nseen; k++)
			known |= strcmp(seen[k], month) == 0;
		if (!known && nseen < 64)
			snprintf(seen[nseen++], TU_MONTH_LEN, "%s", month);
	}
	size_t n = json_array_size(arr);
	json_decref(arr);
	assert_true(n > 0);
	assert_int_equal(later, 0);
	if (nseen < 6)
		fail_msg("the demo has sales results for %zu month(s); six were promised", nseen);
}

static void test_demo_keeps_coaching_content_private(void **state)
{
	struct fixture *fx = *state;
	json_t *arr, *s;
	size_t i, shown = 0;

	demo(fx);
	arr = list(fx, "session", NULL);
	json_array_foreach(arr, i, s)
	{
		shown += json_object_get(s, "notes") || json_object_get(s, "agenda");
	}
	size_t n = json_array_size(arr);
	json_decref(arr);
	assert_true(n > 0);
	assert_int_equal(shown, 0);
}

static void test_demo_records_its_designed_overrides(void **state)
{
	struct fixture *fx = *state;
	json_t *arr, *obj;
	size_t i;

	demo(fx);
	/* Sandra's appraisal of Daan a day after a session (docs/demo.md). */
	arr = list(fx, "appraisal", NULL);
	assert_int_equal(count_with(arr, "override_reason"), 1);
	json_decref(arr);
	/* Bas Dekker, not ready and with capacity 1, coaches Luuk and Sara. */
	arr = list(fx, "assignment", NULL);
	assert_int_equal(count_with(arr, "override_reason"), 2);
	json_array_foreach(arr, i, obj)
	{
		if (!json_string_value(json_object_get(obj, "override_reason")))
			continue;
		json_t *coach =
		        shown(fx, "coach", json_integer_value(json_object_get(obj, "coach")));
		json_t *person =
		        shown(fx, "person", json_integer_value(json_object_get(coach, "person")));
		assert_string_equal(json_string_value(json_object_get(person, "name")),
		                    "Bas Dekker");
		json_decref(person);
		json_decref(coach);
	}
	json_decref(arr);
	arr = list(fx, "session", NULL);
	assert_int_equal(count_with(arr, "override_reason"), 0);
	json_decref(arr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_has_about_forty_people),
		cmocka_unit_test(test_demo_has_a_programme_of_every_model),
		cmocka_unit_test(test_demo_has_six_months_of_held_sessions),
		cmocka_unit_test(test_demo_has_ride_alongs_with_observations),
		cmocka_unit_test(test_demo_has_every_kind_of_record),
		cmocka_unit_test(test_demo_has_six_months_of_sales_results),
		cmocka_unit_test(test_demo_keeps_coaching_content_private),
		cmocka_unit_test(test_demo_records_its_designed_overrides),
	};

	return cmocka_run_group_tests_name("demo", tests, setup_demo, teardown_demo);
}
