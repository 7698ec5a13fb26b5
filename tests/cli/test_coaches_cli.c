/*
 * test_coaches_cli.c - `salescoach report coaches` on the demo organisation
 * through the real program: every coach for the local administrator, one's
 * own line for a coach (--as), and the refusal of those who coach no one.
 */
#include "cli_fixture.h"

#define JEROEN   "jeroen.bakker@vandijk.example"    /* manager who coaches his team */
#define LOTTE    "lotte.mulder@vandijk.example"     /* coached by Jeroen */
#define ANNELIES "annelies.devries@vandijk.example" /* sales director: coaches no one */

/* The entry of the coach whose person is named name; fails when absent. */
static json_t *entry_of(json_t *rep, const char *name)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(rep, "coaches"), i, e)
	{
		json_t *p = json_object_get(json_object_get(e, "coach"), "person");
		if (!strcmp(json_string_value(json_object_get(p, "name")), name))
			return e;
	}
	fail_msg("no coach %s in the report", name);
	return NULL;
}

/*
 * The administrator's report: every coach; Jeroen's November holds the
 * distinct coachees of his active relationships, as the assignment list
 * gives them, against the capacity of his profile.
 */
static void test_every_coach_for_the_administrator(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "report", "coaches", "--from", "2026-06", "--to", "2026-11", "--json", NULL);
	json_t *rep = harness_json(&fx->last, "report coaches --json");
	assert_true(json_array_size(json_object_get(rep, "coaches")) >= 8);
	json_t *jeroen = entry_of(rep, "Jeroen Bakker");
	json_t *coach = json_object_get(jeroen, "coach");
	json_t *months = json_object_get(jeroen, "months");
	assert_int_equal(json_array_size(months), 6);

	char cid[24];
	snprintf(cid, sizeof(cid), "%lld",
	         (long long)json_integer_value(json_object_get(coach, "id")));
	json_t *asg = list(fx, "assignment", "--coach", cid, "--status", "active", NULL);
	json_t *profile = list(
	        fx, "coach", "--person",
	        idt(json_integer_value(json_object_get(json_object_get(coach, "person"), "id"))),
	        NULL);
	int64_t seen[64];
	size_t n = 0, i;
	json_t *a;
	json_array_foreach(asg, i, a)
	{
		int64_t who = json_integer_value(json_object_get(a, "coachee"));
		size_t j = 0;
		while (j < n && seen[j] != who)
			j++;
		if (j == n && n < 64)
			seen[n++] = who;
	}
	json_t *nov = json_array_get(months, 5);
	assert_string_equal(json_string_value(json_object_get(nov, "month")), "2026-11");
	assert_int_equal(json_integer_value(json_object_get(nov, "coachees")), n);
	assert_int_equal(
	        json_integer_value(json_object_get(nov, "capacity")),
	        json_integer_value(json_object_get(json_array_get(profile, 0), "capacity")));
	json_decref(asg);
	json_decref(profile);
	json_decref(rep);

	/* The table: a line per coach, in English with --lang. */
	sc(fx, "--lang", "en", "report", "coaches", "--from", "2026-06", "--to", "2026-11", NULL);
	harness_expect_ok(&fx->last, "report coaches");
	assert_non_null(strstr(fx->last.out, "Cadence kept"));
	assert_non_null(strstr(fx->last.out, "Jeroen Bakker ("));
	assert_non_null(strstr(fx->last.out, "Linda Smit ("));
}

/* A coach reads their own line; those who coach no one are refused, saying who may. */
static void test_a_coach_reads_their_own_line(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "--as", JEROEN, "report", "coaches", "--json", NULL);
	json_t *rep = harness_json(&fx->last, "--as Jeroen report coaches --json");
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 1);
	entry_of(rep, "Jeroen Bakker");
	json_decref(rep);
	sc(fx, "--as", JEROEN, "--lang", "en", "report", "coaches", NULL);
	harness_expect_ok(&fx->last, "--as Jeroen report coaches");
	assert_null(strstr(fx->last.out, "Sandra Visser"));

	static const char *const refused[] = { ANNELIES, LOTTE };
	for (size_t i = 0; i < 2; i++) {
		sc(fx, "--as", refused[i], "--lang", "en", "report", "coaches", NULL);
		harness_expect_refused(&fx->last, refused[i], "administrators read every coach");
	}
	sc(fx, "--lang", "en", "report", "coaches", "--from", "2026-13", NULL);
	harness_expect_refused(&fx->last, "--from 2026-13", "is not a month");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_coach_for_the_administrator),
		cmocka_unit_test(test_a_coach_reads_their_own_line),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
