/*
 * test_team_cli.c - `salescoach team activity` on the demo organisation
 * through the real program: Sandra's people in Dutch and English with the
 * figures of their sessions, the same as --json, the rest of `team` left to
 * the records, and who is refused.
 */
#include "cli_fixture.h"

#define SANDRA "sandra.visser@vandijk.example" /* manages Team Rotterdam, coaches it */
#define LOTTE  "lotte.mulder@vandijk.example"  /* a rep */

/* Sandra's team; Daan Smits's figures counted by hand from the demo's sessions. */
static void test_sandras_team_in_dutch_and_english(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(sc(fx, "--as", SANDRA, "team", "activity", NULL), 0);
	const char *out = fx->last.out;
	assert_non_null(strstr(out, "Team van Sandra Visser op 2026-11-28\n"));
	assert_non_null(strstr(out, "Teams die worden geleid: Team Rotterdam\n"));
	assert_non_null(strstr(out, "van 2026-10-29 tot en met 2026-11-28"));
	/* Held on 4, 11, 18 and 25 November (60 + 150 + 60 + 45 min); 28 October is before. */
	assert_non_null(strstr(out, "Daan Smits, Accountmanager\n"
	                            "  coach: Sandra Visser\n"
	                            "  laatste sessie: 2026-11-25 (gespreksbespreking)\n"
	                            "  volgende sessie: 2026-12-02 (een-op-eengesprek)\n"
	                            "  gehouden sinds 2026-10-29: 4 sessies, 5,3 uur\n"));
	assert_non_null(strstr(out, "Kim de Boer, Commercieel assistent\n"
	                            "  nu niet gecoacht\n"
	                            "  laatste sessie: nooit\n"
	                            "  volgende sessie: geen gepland\n"));
	assert_null(strstr(out, "Lotte Mulder")); /* Jeroen's, not Sandra's */

	assert_int_equal(sc(fx, "--lang", "en", "--as", SANDRA, "team", "activity", NULL), 0);
	assert_non_null(strstr(fx->last.out, "Team of Sandra Visser on 2026-11-28\n"));
	assert_non_null(strstr(fx->last.out, "  last session: 2026-11-25 (call review)\n"
	                                     "  next session: 2026-12-02 (one-to-one)\n"
	                                     "  held since 2026-10-29: 4 sessions, 5.3 h\n"));
	assert_non_null(strstr(fx->last.out, "  not coached now\n"));

	/* --json holds the same figures, and the local administrator names the manager. */
	assert_int_equal(sc(fx, "team", "activity", "--manager", "14", "--json", NULL), 0);
	json_t *t = harness_json(&fx->last, "team activity --json");
	json_t *people = json_object_get(t, "people"), *p, *daan = NULL;
	size_t i;
	json_array_foreach(people, i, p)
	{
		if (!strcmp(json_string_value(json_object_get(p, "name")), "Daan Smits"))
			daan = p;
	}
	assert_non_null(daan);
	assert_int_equal(json_integer_value(json_object_get(daan, "sessions_held")), 4);
	assert_int_equal(json_integer_value(json_object_get(daan, "minutes_held")), 315);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(daan, "last_session"), "kind")),
	        "call_review");
	assert_int_equal(json_array_size(people), 11);
	json_decref(t);
}

static void test_who_is_refused(void **state)
{
	struct fixture *fx = *state;

	/* A rep: no team, said in the organisation's language, exit code 2, nothing on stdout. */
	sc(fx, "--as", LOTTE, "team", "activity", NULL);
	harness_expect_refused(&fx->last, "a rep's team", "dit overzicht is voor managers");
	/* The local administrator must say whose team. */
	sc(fx, "--lang", "en", "team", "activity", NULL);
	harness_expect_refused(&fx->last, "whose team", "--manager PERSON_ID");
	sc(fx, "--lang", "en", "--as", SANDRA, "team", "activity", "--manager", "2", NULL);
	harness_expect_refused(&fx->last, "another manager's team", "your own team only");
	sc(fx, "--lang", "en", "team", "activity", "--manager", "x", NULL);
	harness_expect_refused(&fx->last, "a bad id", "manager");
	sc(fx, "--lang", "en", "team", "activity", "--week", NULL);
	harness_expect_refused(&fx->last, "an unknown option", "--week");
}

static void test_help_and_the_team_records(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(sc(fx, "team", "activity", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "gebruik: salescoach --as EMAIL team activity"));
	sc(fx, "--lang", "en", "team", "--help", NULL);
	assert_non_null(strstr(fx->last.out, "  activity [--manager PERSON_ID] [--json]"));
	/* `team list` is still the records. */
	json_t *teams = list(fx, "team", NULL);
	assert_int_equal(json_array_size(teams), 6);
	json_decref(teams);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sandras_team_in_dutch_and_english),
		cmocka_unit_test(test_who_is_refused),
		cmocka_unit_test(test_help_and_the_team_records),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
