/*
 * test_details_cli.c - small things that surprised people, through the real
 * program (SALESCOACH_BIN): an acknowledgement shows its time in the
 * organisation's zone like every other time of the alerts; the advisor's
 * error gives the range its question was asked with; the demo plans no
 * session, team meeting or floor day on a Dutch public holiday.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "cli_harness.h"

struct fixture {
	char dir[512];
	char db[600];
	struct harness_run last;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-details")) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/demo.db", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

static void expect_out(struct fixture *fx, const char *text)
{
	if (!strstr(fx->last.out, text))
		fail_msg("stdout does not hold '%s':\n%s", text, fx->last.out);
}

/* ---- acknowledgements ---------------------------------------------------------------------- */

/* Acknowledged at 12:00 UTC on the reference day (SALESCOACH_NOW): 13:00 in Amsterdam. */
static void test_an_acknowledgement_shows_local_time(void **state)
{
	struct fixture *fx = *state;

	harness_run(&fx->last, fx->db, NULL, "demo", NULL);
	harness_expect_ok(&fx->last, "demo");
	harness_run(&fx->last, fx->db, NULL, "alerts", "ack", "span-too-wide:team-3", "--reason",
	            "Reorganisation agreed for January", NULL);
	harness_expect_ok(&fx->last, "alerts ack");
	harness_run(&fx->last, fx->db, NULL, "alerts", "--all", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "alerts --all");
	expect_out(fx, "Acknowledged: Reorganisation agreed for January (local administrator, "
	               "2026-11-28 13:00)\n");
	assert_null(strstr(fx->last.out, "2026-11-28T12:00:00Z"));
}

/* ---- the advisor --------------------------------------------------------------------------- */

/* The prompt says 1–10 managers for a team of 10; so does the refusal of an answer beyond it. */
static void test_the_advisor_refuses_with_the_range_it_asked_with(void **state)
{
	struct fixture *fx = *state;

	harness_run(&fx->last, NULL, "\n99999999\n", "advise", "--lang", "en", NULL);
	expect_out(fx, "How many sales managers lead them? (1–10) [1]: ");
	expect_out(fx, "managers: 99999999 is outside the range 1 to 10.\n");
	harness_run(&fx->last, NULL, "\n99999999\n", "advise", "--lang", "nl", NULL);
	expect_out(fx, "(1–10) [1]: ");
	expect_out(fx, "managers: 99999999 valt buiten het bereik 1 tot en met 10.\n");
	/* Between the bound and the question's own maximum: the bound is named. */
	harness_run(&fx->last, NULL, "\n30\n", "advise", "--lang", "en", NULL);
	expect_out(fx, "managers: 30 is more than team_size (10); give at most 10.\n");
}

/* ---- public holidays in the demo ------------------------------------------------------------ */

/* The number of items of the JSON array of `NOUN list --json` whose field starts with day. */
static size_t on_day(struct fixture *fx, char *const *env, const char *noun, const char *field,
                     const char *day)
{
	char *argv[] = { (char *)noun, "list", "--json", "--limit", "100000", NULL };
	size_t i, n = 0;
	json_t *item;

	harness_run_argv(&fx->last, fx->db, env, NULL, argv);
	json_t *arr = harness_json(&fx->last, noun);
	json_array_foreach(arr, i, item)
	{
		const char *v = json_string_value(json_object_get(item, field));
		n += v && !strncmp(v, day, strlen(day));
	}
	json_decref(arr);
	return n;
}

/*
 * Loaded on 20 December 2026, the demo plans three weeks ahead, over Christmas (Friday 25,
 * Saturday 26) and New Year's Day (Friday 1 January), and holds sessions back to Whit
 * Monday (25 May 2026): none of them has a session, a team meeting or a floor day. The
 * days around them do.
 */
static void test_the_demo_plans_nothing_on_public_holidays(void **state)
{
	struct fixture *fx = *state;
	char *env[] = { "SALESCOACH_NOW=2026-12-20T12:00:00Z", NULL };
	char *demo[] = { "demo", NULL };
	static const char *const holidays[] = { "2026-12-25", "2026-12-26", "2027-01-01",
		                                "2026-05-25" };

	harness_run_argv(&fx->last, fx->db, env, NULL, demo);
	harness_expect_ok(&fx->last, "demo on 2026-12-20");
	for (size_t i = 0; i < sizeof(holidays) / sizeof(holidays[0]); i++) {
		size_t s = on_day(fx, env, "session", "at", holidays[i]);
		size_t a = on_day(fx, env, "activity", "at", holidays[i]);
		size_t p = on_day(fx, env, "presence", "present_on", holidays[i]);
		if (s || a || p)
			fail_msg("on %s the demo has %zu sessions, %zu team activities and %zu "
			         "presence days",
			         holidays[i], s, a, p);
	}
	/* The weeks around them are planned as usual: the meetings move to a working day. */
	size_t planned = on_day(fx, env, "session", "at", "2026-12-2") +
	                 on_day(fx, env, "session", "at", "2026-12-3") +
	                 on_day(fx, env, "session", "at", "2027-01-0");
	size_t meetings = on_day(fx, env, "activity", "at", "2026-12-2") +
	                  on_day(fx, env, "activity", "at", "2026-12-3") +
	                  on_day(fx, env, "activity", "at", "2027-01-0");
	if (planned < 20 || meetings < 10)
		fail_msg("over the holidays the demo plans %zu sessions and %zu team activities",
		         planned, meetings);
	harness_run_argv(&fx->last, fx->db, env, NULL, (char *[]){ "alerts", "--json", NULL });
	json_t *j = harness_json(&fx->last, "alerts --json");
	/* Every one of the twenty rules still has its case in the demo. */
	const char *rules[32];
	size_t nrules = 0, i;
	json_t *alert;
	json_array_foreach(json_object_get(j, "alerts"), i, alert)
	{
		const char *rule = json_string_value(json_object_get(alert, "rule"));
		size_t k = 0;
		while (k < nrules && strcmp(rules[k], rule) != 0)
			k++;
		if (k == nrules && nrules < 32)
			rules[nrules++] = rule;
	}
	assert_int_equal(nrules, 20);
	json_decref(j);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_an_acknowledgement_shows_local_time),
		T(test_the_advisor_refuses_with_the_range_it_asked_with),
		T(test_the_demo_plans_nothing_on_public_holidays),
	};
#undef T
	return cmocka_run_group_tests_name("details of the command line", tests, NULL, NULL);
}
