/*
 * test_planner_cli.c - the planner commands as a user meets them: the real
 * program (SALESCOACH_BIN) on the demo organisation, loaded once into a
 * temporary database on the reference day (SALESCOACH_NOW, set by the test
 * environment): `plan capacity`, `incentive --coach --month`, `leadership`,
 * their languages, their JSON, their refusals, and the entity commands of
 * the nouns `plan` and `incentive`, which must keep working beside them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "cli_harness.h"

struct fixture {
	char dir[512];
	char db[600];
	struct harness_run last; /* the program, run in dir */
	char erik[24], nicole[24], bas[24], jeroen_coach[24], sandra[24];
};

/* Run `salescoach --db DB args...` (NULL-terminated); returns the exit code. */
#define sc(fx, ...) harness_run(&(fx)->last, (fx)->db, NULL, __VA_ARGS__)

/* The last run printed text on stdout. */
static void expect_out(struct fixture *fx, const char *text)
{
	harness_expect_ok(&fx->last, text);
	if (!strstr(fx->last.out, text))
		fail_msg("stdout does not hold '%s':\n%s", text, fx->last.out);
}

/* The last run was refused as invalid input (exit 2), saying this, with nothing on stdout. */
static void expect_refused(struct fixture *fx, const char *mentions)
{
	harness_expect_refused(&fx->last, mentions, mentions);
}

/* The id (as text) of the coach profile of the person with this e-mail address. */
static void coach_of(struct fixture *fx, const char *email, char out[24])
{
	char person[24];
	sc(fx, "person", "list", "--json", "--email", email, NULL);
	json_t *p = harness_json(&fx->last, email);
	assert_int_equal(json_array_size(p), 1);
	snprintf(person, sizeof(person), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(p, 0), "id")));
	json_decref(p);
	sc(fx, "coach", "list", "--json", "--person", person, NULL);
	json_t *c = harness_json(&fx->last, email);
	assert_int_equal(json_array_size(c), 1);
	snprintf(out, 24, "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(c, 0), "id")));
	json_decref(c);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-plan")) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/demo.db", fx->dir);
	*state = fx;
	if (sc(fx, "demo", NULL) != 0) {
		fprintf(stderr, "demo: %s\n", fx->last.err);
		return -1;
	}
	coach_of(fx, "erik.vanleeuwen@vandijk.example", fx->erik);
	coach_of(fx, "nicole.hendriks@vandijk.example", fx->nicole);
	coach_of(fx, "bas.dekker@vandijk.example", fx->bas);
	coach_of(fx, "jeroen.bakker@vandijk.example", fx->jeroen_coach);
	sc(fx, "person", "list", "--json", "--email", "sandra.visser@vandijk.example", NULL);
	json_t *p = harness_json(&fx->last, "sandra");
	snprintf(fx->sandra, sizeof(fx->sandra), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(p, 0), "id")));
	json_decref(p);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

/* ---- plan capacity ------------------------------------------------------------------------- */

static void test_capacity_text(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "plan", "capacity", "--lang", "en", NULL);
	expect_out(fx, "Sandra Visser (person ");
	expect_out(fx, "Needed: 10 coachees × 3 h = 30 h per month");
	expect_out(fx, "Available: 5 h per week = 21.67 h per month");
	expect_out(fx, "Shortfall: 8.33 h per month (1.92 h per week).");
	expect_out(fx, "Delegate these tasks to close it (13 h per month freed):\n"
	               "    - Wekelijkse forecast en pipelinerapportage (task ");
	expect_out(fx, "3 h per week, 13 h per month");
	expect_out(fx,
	           "Coachees per coach that fit: 7 at 3 h each (coaching 10 now). Direct reports "
	           "per manager: 11.");
	assert_null(strstr(fx->last.out, "span"));
	/* Jeroen fits exactly. */
	expect_out(fx, "Needed: 8 coachees × 3.25 h = 26 h per month");
	expect_out(fx, "No shortfall: 0 h per month to spare.");
	expect_out(fx, "Coachees per coach that fit: 8 at 3.25 h each (coaching 8 now). Direct "
	               "reports per manager: 10.");

	/* The demo organisation's locale is nl: Dutch without --lang. */
	sc(fx, "plan", "capacity", NULL);
	expect_out(fx, "Tekort: 8,33 u per maand (1,92 u per week).");
	expect_out(fx, "Coachees per coach die passen: 7 van 3 u elk (coacht er nu 10). Directe "
	               "medewerkers per manager: 11.");
	assert_null(strstr(fx->last.out, "span"));
}

static void test_capacity_json(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--json", NULL);
	json_t *j = harness_json(&fx->last, "plan capacity --json");
	json_t *m = json_object_get(j, "managers");
	assert_int_equal(json_array_size(m), 1);
	json_t *s = json_array_get(m, 0);
	assert_string_equal(json_string_value(json_object_get(s, "name")), "Sandra Visser");
	assert_float_equal(json_number_value(json_object_get(s, "needed_hours")), 30, 1e-9);
	assert_float_equal(json_number_value(json_object_get(s, "available_hours")), 21.67, 1e-9);
	assert_float_equal(json_number_value(json_object_get(s, "shortfall_hours")), 8.33, 1e-9);
	assert_true(json_is_true(json_object_get(s, "delegation_closes_gap")));
	assert_int_equal(json_integer_value(json_object_get(s, "max_span")), 7);
	json_t *tasks = json_object_get(s, "delegable_tasks");
	assert_int_equal(json_array_size(tasks), 2);
	assert_true(json_is_true(json_object_get(json_array_get(tasks, 0), "delegate")));
	assert_float_equal(
	        json_number_value(json_object_get(json_array_get(tasks, 0), "hours_per_month")), 13,
	        1e-9);
	assert_true(json_is_false(json_object_get(json_array_get(tasks, 1), "delegate")));
	json_decref(j);

	/* The global --json before the noun works too. */
	sc(fx, "--json", "plan", "capacity", NULL);
	j = harness_json(&fx->last, "--json plan capacity");
	assert_int_equal(json_array_size(json_object_get(j, "managers")), 2);
	json_decref(j);
}

static void test_capacity_refusals(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "plan", "capacity", "--manager", "abc", NULL);
	expect_refused(fx, "--manager: 'abc' is geen id");
	sc(fx, "plan", "capacity", "--manager", "99999", NULL);
	expect_refused(fx, "geen persoon 99999");
	sc(fx, "plan", "capacity", "--lang", "fr", NULL);
	expect_refused(fx, "gebruik en of nl");
	sc(fx, "plan", "capacity", "--coach", "1", NULL);
	expect_refused(fx, "onbekende optie '--coach'");
	sc(fx, "plan", "capacity", "extra", NULL);
	expect_refused(fx, "onverwacht argument 'extra'");
}

/* A what-if for one manager: the figures assumed, computed as by hand, and nothing saved. */
static void test_capacity_whatif(void **state)
{
	struct fixture *fx = *state;

	/* Sandra with 12 coachees and 4 h a week: 12 x 3 = 36 h needed, 4 x 52 / 12 = 17.33 h
	 * available, 18.67 h short; only both tasks (13 + 6.5 = 19.5 h) close it. */
	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--coachees", "12", "--hours-per-week",
	   "4", "--lang", "en", NULL);
	expect_out(fx, "What-if, for this computation only (nothing is saved): 12 coachees, 4 h "
	               "per week for coaching.");
	expect_out(fx, "Needed: 12 coachees × 3 h = 36 h per month");
	expect_out(fx, "Available: 4 h per week = 17.33 h per month");
	expect_out(fx, "Shortfall: 18.67 h per month (4.31 h per week).");
	expect_out(fx, "Delegate these tasks to close it (19.5 h per month freed):");
	expect_out(fx, "CRM-opschoning en datakwaliteit (task ");
	expect_out(fx, "Or coach at most 5 coachees: 7 fewer than now.");

	/* In Dutch, with a target of 2.5 h: 10 x 2.5 = 25 h, short 3.33 h. */
	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--target-hours", "2.5", NULL);
	expect_out(fx, "Wat-als, alleen voor deze berekening (er wordt niets opgeslagen): 2,5 u "
	               "per coachee per maand.");
	expect_out(fx, "Nodig: 10 coachees × 2,5 u = 25 u per maand");
	expect_out(fx, "Tekort: 3,33 u per maand (0,77 u per week).");

	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--coachees", "0", "--json", NULL);
	json_t *j = harness_json(&fx->last, "plan capacity --coachees 0 --json");
	assert_int_equal(
	        json_integer_value(json_object_get(json_object_get(j, "assumed"), "coachees")), 0);
	json_t *s = json_array_get(json_object_get(j, "managers"), 0);
	assert_float_equal(json_number_value(json_object_get(s, "needed_hours")), 0, 1e-9);
	json_decref(j);

	/* Nothing was saved: her recorded figures. */
	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--lang", "en", NULL);
	expect_out(fx, "Needed: 10 coachees × 3 h = 30 h per month");
	expect_out(fx, "Available: 5 h per week = 21.67 h per month");
	assert_null(strstr(fx->last.out, "What-if"));

	/* Refusals name the option, in the organisation's language or --lang. */
	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--target-hours", "2,5", NULL);
	expect_refused(fx, "--target-hours: '2,5' is geen doel in uren per coachee per maand");
	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--coachees", "101", "--lang", "en",
	   NULL);
	expect_refused(fx, "--coachees: '101' is not a number of coachees; give a whole number "
	                   "from 0 to 100");
	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--hours-per-week", "41", NULL);
	expect_refused(fx, "--hours-per-week: '41' is geen aantal coachinguren per week");
	sc(fx, "plan", "capacity", "--coachees", "4", NULL);
	expect_refused(fx, "geldt voor één manager-coach");
	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--coachees", NULL);
	expect_refused(fx, "--coachees");
	sc(fx, "leadership", "--coachees", "4", NULL);
	expect_refused(fx, "onbekende optie '--coachees'");
}

static bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char chunk[65536];
	size_t n;
	bool ok = in && out;

	while (ok && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		ok = fwrite(chunk, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out))
		ok = false;
	return ok;
}

/* Run on the copy of the demo database; the last run must succeed. Returns its id ("added"). */
static long long on_copy(struct fixture *fx, const char *copy, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1];
	long long id = 0;
	va_list ap;

	va_start(ap, copy);
	harness_args_va(argv, 0, ap);
	va_end(ap);
	harness_run_argv(&fx->last, copy, NULL, NULL, argv);
	harness_expect_ok(&fx->last, argv[0]);
	id = harness_added_id(fx->last.out);
	return id;
}

/*
 * On a copy of the demo: Daan Smits also in a 4 h programme of a second team Sandra leads. He
 * counts once, at the higher target: 9 x 3 + 4 = 31 h for 10 coachees (not 34 h for 11), in
 * `plan capacity` and in the manager-no-time alert alike.
 */
static void test_capacity_coachee_in_two_programmes(void **state)
{
	struct fixture *fx = *state;
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char copy[640], from[700], to[700], sandra_coach[24], id[3][24];

	snprintf(copy, sizeof(copy), "%s/two-programmes.db", fx->dir);
	for (size_t i = 0; i < 3; i++) {
		snprintf(from, sizeof(from), "%s%s", fx->db, suffix[i]);
		snprintf(to, sizeof(to), "%s%s", copy, suffix[i]);
		unlink(to);
		if (access(from, F_OK) == 0 && !copy_file(from, to))
			fail_msg("cannot copy %s", from);
	}
	coach_of(fx, "sandra.visser@vandijk.example", sandra_coach);
	on_copy(fx, copy, "person", "list", "--json", "--email", "daan.smits@vandijk.example",
	        NULL);
	json_t *p = harness_json(&fx->last, "daan");
	snprintf(id[0], sizeof(id[0]), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(p, 0), "id")));
	json_decref(p);
	snprintf(id[1], sizeof(id[1]), "%lld",
	         on_copy(fx, copy, "team", "add", "--name", "Team Rotterdam Key Accounts",
	                 "--manager", fx->sandra, NULL));
	snprintf(id[2], sizeof(id[2]), "%lld",
	         on_copy(fx, copy, "programme", "add", "--team", id[1], "--model", "manager",
	                 "--starts-on", "2026-05-01", "--ends-on", "2027-05-31", "--target-hours",
	                 "4", NULL));
	assert_true(on_copy(fx, copy, "assignment", "add", "--programme", id[2], "--coach",
	                    sandra_coach, "--coachee", id[0], "--starts-on", "2026-10-01",
	                    NULL) > 0);

	on_copy(fx, copy, "plan", "capacity", "--manager", fx->sandra, "--lang", "en", NULL);
	if (!strstr(fx->last.out, "Needed: 10 coachees × 3.1 h = 31 h per month") ||
	    !strstr(fx->last.out, "Shortfall: 9.33 h per month") ||
	    !strstr(fx->last.out, "Coachees per coach that fit: 6 at"))
		fail_msg("plan capacity counts Daan twice:\n%s", fx->last.out);
	on_copy(fx, copy, "alerts", "--rule", "manager-no-time", "--json", NULL);
	json_t *j = harness_json(&fx->last, "alerts manager-no-time");
	json_t *alerts = json_object_get(j, "alerts");
	assert_int_equal(json_array_size(alerts), 1);
	json_t *facts = json_object_get(json_array_get(alerts, 0), "facts");
	assert_int_equal(json_integer_value(json_object_get(facts, "coachees")), 10);
	assert_float_equal(json_number_value(json_object_get(facts, "needed_hours")), 31, 1e-9);
	assert_float_equal(json_number_value(json_object_get(facts, "shortfall_hours")), 9.33,
	                   1e-9);
	assert_int_equal(json_integer_value(json_object_get(facts, "max_span")), 6);
	json_decref(j);
}

/* ---- incentive ----------------------------------------------------------------------------- */

static void test_incentive(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "incentive", "--coach", fx->erik, "--month", "2026-10", "--json", NULL);
	json_t *j = harness_json(&fx->last, "incentive erik");
	json_t *red = json_object_get(j, "target_reduction");
	assert_float_equal(json_number_value(json_object_get(red, "amount")), 16000, 1e-9);
	assert_float_equal(json_number_value(json_object_get(red, "implied_quota")), 64000, 1e-9);
	assert_true(json_is_true(json_object_get(red, "reduced")));
	json_t *in = json_object_get(j, "inputs");
	assert_float_equal(json_number_value(json_object_get(in, "base_quota")), 80000, 1e-9);
	assert_string_equal(json_string_value(json_object_get(in, "base_month")), "2026-06");
	assert_float_equal(json_number_value(json_object_get(in, "quota")), 63500, 1e-9);
	assert_float_equal(json_number_value(json_object_get(json_object_get(j, "bonus_component"),
	                                                     "per_year")),
	                   1440, 1e-9);
	json_decref(j);

	sc(fx, "incentive", "--coach", fx->nicole, "--month", "2026-10", "--lang", "en", NULL);
	expect_out(fx, "quota in 2026-06, the month before the plan started (Q0): €70,000");
	expect_out(fx, "coaching held in 2026-10: 3 h in 3 sessions");
	expect_out(fx, "Target reduction: €1,500 = Q0 × 3 h / 140 h (2.14 % of Q0).");
	expect_out(fx,
	           "Not applied: the quota is €70,000, not below the implied quota; lower it by "
	           "more than €1,500, to below €68,500.");
	expect_out(fx, "Bonus component: 15 % × €10,000 × 116 % = €1,740 per year.");
	sc(fx, "incentive", "--coach", fx->nicole, "--month", "2026-10", NULL);
	expect_out(fx, "Niet toegepast: het target is € 70.000, niet lager dan het target volgens "
	               "het plan; verlaag het met meer dan € 1.500, tot onder € 68.500.");
}

static void test_incentive_refusals(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "incentive", "--month", "2026-10", NULL);
	expect_refused(fx, "--coach ID is nodig");
	sc(fx, "incentive", "--coach", fx->erik, "--month", "oktober", NULL);
	expect_refused(fx, "'oktober' is geen maand");
	sc(fx, "incentive", "--coach", fx->bas, "--month", "2026-10", NULL);
	expect_refused(fx, "Bas Dekker heeft geen incentiveregeling voor 2026-10");
	sc(fx, "incentive", "--coach", fx->jeroen_coach, "--month", "2026-10", NULL);
	expect_refused(fx, "alleen voor senior-coaches");
	sc(fx, "incentive", "--coach", "99999", "--month", "2026-10", NULL);
	expect_refused(fx, "geen coachprofiel 99999");
	sc(fx, "incentive", "--coach", fx->erik, "--month", "2027-03", NULL);
	expect_refused(fx, "geen verkoopresultaat voor 2027-03");
}

/* Without --month: the last complete month (2026-10 on the reference day, 2026-11-28). */
static void test_incentive_of_the_last_complete_month(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "incentive", "--coach", fx->erik, "--month", "2026-10", NULL);
	harness_expect_ok(&fx->last, "incentive --month 2026-10");
	char *october = strdup(fx->last.out);
	sc(fx, "incentive", "--coach", fx->erik, NULL);
	harness_expect_ok(&fx->last, "incentive without --month");
	assert_string_equal(fx->last.out, october);
	assert_non_null(strstr(october, " voor 2026-10\n"));
	free(october);
}

/* The text of the last run without the rule id span-too-wide: owned. */
static char *without_rule_id(const char *out)
{
	char *t = strdup(out), *p;
	assert_non_null(t);
	while ((p = strstr(t, "span-too-wide")))
		memcpy(p, "XXXX", 4);
	return t;
}

/*
 * Two figures, two names: coachees per coach (what fits in the coaching time) and direct
 * reports per manager (the span-too-wide rule); the word "span" alone names neither.
 */
static void test_coachees_per_coach_and_direct_reports_per_manager(void **state)
{
	struct fixture *fx = *state;
	char *t;

	sc(fx, "alerts", "--lang", "en", NULL);
	expect_out(fx, "Sandra Visser has 11 active direct reports in Team Rotterdam; the most "
	               "direct reports per manager for a manager who coaches is 10.");
	expect_out(fx, "or Sandra Visser coaches at most 7 coachees.");
	t = without_rule_id(fx->last.out);
	if (strstr(t, "span"))
		fail_msg("alerts say 'span':\n%s", t);
	free(t);
	sc(fx, "alerts", NULL);
	expect_out(fx, "het grootste aantal directe medewerkers per manager voor een manager die "
	               "coacht is 10.");
	expect_out(fx, "of Sandra Visser coacht hoogstens 7 coachees.");
	t = without_rule_id(fx->last.out);
	assert_null(strstr(t, "span"));
	free(t);
}

/* `plan` and `incentive` stay entity nouns. */
static void test_entity_nouns_still_work(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "incentive", "list", "--json", NULL);
	json_t *j = harness_json(&fx->last, "incentive list");
	assert_int_equal(json_array_size(j), 2);
	json_decref(j);
	sc(fx, "plan", "list", "--json", "--limit", "3", NULL);
	j = harness_json(&fx->last, "plan list");
	assert_int_equal(json_array_size(j), 3);
	json_decref(j);
	sc(fx, "plan", "--help", NULL);
	expect_out(fx, "capacity [--manager PERSON_ID]");
	sc(fx, "incentive", "--help", NULL);
	expect_out(fx, "salescoach incentive --coach ID [--month YYYY-MM]");
	sc(fx, "--help", NULL);
	expect_out(fx, "plan capacity");
	expect_out(fx, "leadership");
}

/* A coach named by e-mail address works as the coach profile's id; a person's id is refused. */
static void test_a_coach_by_email(void **state)
{
	struct fixture *fx = *state;
	char want[200], person[24];

	sc(fx, "incentive", "--coach", "nicole.hendriks@vandijk.example", "--month", "2026-10",
	   "--lang", "en", NULL);
	expect_out(fx, "coaching held in 2026-10: 3 h in 3 sessions");
	snprintf(want, sizeof(want), "coach profile %s", fx->nicole);
	expect_out(fx, want);

	sc(fx, "person", "list", "--json", "--email", "nicole.hendriks@vandijk.example", NULL);
	json_t *p = harness_json(&fx->last, "nicole");
	snprintf(person, sizeof(person), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(p, 0), "id")));
	json_decref(p);
	sc(fx, "incentive", "--coach", person, NULL);
	snprintf(want, sizeof(want),
	         "er is geen coachprofiel %s; %s is het persoons-id van Nicole Hendriks; het "
	         "coachprofiel van Nicole Hendriks is %s",
	         person, person, fx->nicole);
	expect_refused(fx, want);
	sc(fx, "incentive", "--coach", "nobody@vandijk.example", NULL);
	expect_refused(fx, "niemand hier heeft het e-mailadres 'nobody@vandijk.example'");
	sc(fx, "incentive", "--coach", "daan.smits@vandijk.example", NULL);
	expect_refused(fx, "Daan Smits (daan.smits@vandijk.example) heeft geen coachprofiel");

	/* The entity commands' --coach options take the address too. */
	sc(fx, "assignment", "list", "--coach", fx->jeroen_coach, "--json", NULL);
	json_t *by_id = harness_json(&fx->last, "assignment list --coach id");
	sc(fx, "assignment", "list", "--coach", "jeroen.bakker@vandijk.example", "--json", NULL);
	json_t *by_mail = harness_json(&fx->last, "assignment list --coach e-mail");
	assert_true(json_array_size(by_id) > 0);
	assert_true(json_equal(by_id, by_mail));
	json_decref(by_id);
	json_decref(by_mail);
}

/* ---- leadership ---------------------------------------------------------------------------- */

static void test_leadership(void **state)
{
	struct fixture *fx = *state;
	static const char *const order[] = { "Erik van Leeuwen", "Nicole Hendriks", "Bas Dekker" };
	static const double scores[] = { 83.5, 80.2, 66.9 };
	static const double readiness[] = { 4.5, 3.5, 3.5 };

	sc(fx, "leadership", "--json", NULL);
	json_t *j = harness_json(&fx->last, "leadership");
	json_t *rows = json_object_get(j, "coaches");
	assert_int_equal(json_array_size(rows), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *r = json_array_get(rows, i);
		assert_string_equal(json_string_value(json_object_get(r, "name")), order[i]);
		assert_int_equal(json_integer_value(json_object_get(r, "rank")), (int)i + 1);
		assert_float_equal(json_number_value(json_object_get(r, "score")), scores[i], 1e-9);
		assert_float_equal(
		        json_number_value(json_object_get(json_object_get(r, "readiness"), "mean")),
		        readiness[i], 1e-9);
	}
	json_t *bas = json_object_get(json_array_get(rows, 2), "regularity");
	assert_int_equal(json_integer_value(json_object_get(bas, "months_met")), 7);
	assert_int_equal(json_integer_value(json_object_get(bas, "months")), 8);
	json_decref(j);

	sc(fx, "leadership", "--lang", "en", NULL);
	expect_out(fx, "Senior coaches ranked on leadership potential on 2026-11-28");
	expect_out(fx, "88 % (7/8)");
	expect_out(fx, "score = 30 × (feedback − 1) / 4");
	expect_out(fx, "+ 20 × (readiness − 1) / 4");
	expect_out(fx, "4.5 (4, 2026-05-19)");
	sc(fx, "leadership", "extra", NULL);
	expect_refused(fx, "onverwacht argument 'extra'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity_text),
		cmocka_unit_test(test_capacity_json),
		cmocka_unit_test(test_capacity_refusals),
		cmocka_unit_test(test_capacity_whatif),
		cmocka_unit_test(test_capacity_coachee_in_two_programmes),
		cmocka_unit_test(test_incentive),
		cmocka_unit_test(test_a_coach_by_email),
		cmocka_unit_test(test_incentive_refusals),
		cmocka_unit_test(test_incentive_of_the_last_complete_month),
		cmocka_unit_test(test_coachees_per_coach_and_direct_reports_per_manager),
		cmocka_unit_test(test_entity_nouns_still_work),
		cmocka_unit_test(test_leadership),
	};
	return cmocka_run_group_tests_name("planner_cli", tests, setup, teardown);
}
