/*
 * test_alerts_cli.c - `salescoach alerts` as a user meets it: the real
 * program (SALESCOACH_BIN) run on the demo organisation, loaded once into a
 * temporary database, on the reference day the tests fix (SALESCOACH_NOW).
 *
 * What is checked comes from docs/demo.md, "Pitfall cases": the alerts that
 * must fire, the cases just inside their thresholds that must not, and the
 * figures the document computes by hand; then the text output and the
 * filters. Acknowledging, who sees what and privacy are
 * test_alerts_ack_cli.c; the fixture is tests/support/alerts_fixture.h.
 */
#include "alerts_fixture.h"

#define T(f) cmocka_unit_test(f)
#define C(f) cmocka_unit_test_setup_teardown(f, setup_copy, teardown_copy)

/* ---- what fires on the reference day ------------------------------------------------------ */

/* docs/demo.md, the end of "Pitfall cases": the rule and the person (and a second one). */
static const struct expected {
	const char *rule, *who, *also;
} fires[] = {
	{ "no-recent-session", "Youssef El Idrissi", NULL },
	{ "below-cadence", "Luuk Prins", NULL },
	{ "below-cadence", "Youssef El Idrissi", NULL },
	{ "coach-untrained", "Bas Dekker", NULL },
	{ "coach-overloaded", "Bas Dekker", NULL },
	{ "overdue-actions", "Bart Schouten", NULL },
	{ "coaching-mixed-with-appraisal", "Sandra Visser", "Daan Smits" },
	{ "coaching-mixed-with-appraisal", "Jeroen Bakker", NULL }, /* the coachees' pulse */
	{ "no-supervision", "Sandra Visser", NULL },
	{ "manager-no-time", "Sandra Visser", NULL },
	{ "span-too-wide", "Sandra Visser", NULL },
	{ "coach-not-assessed", "Bas Dekker", NULL },
	{ "no-incentive", "Bas Dekker", NULL },
	{ "target-not-reduced", "Nicole Hendriks", NULL },
	{ "low-acceptance", "Thomas de Graaf", NULL },
	{ "seen-as-spy", "Kees Mulder", NULL },
	{ "not-on-floor", "Kees Mulder", NULL },
	{ "misses-team-activities", "Thomas de Graaf", NULL },
	{ "no-ride-alongs", "Thomas de Graaf", NULL },
	{ "no-sales-background", "Thomas de Graaf", NULL },
	{ "acceptance-not-built", "Bram Hoekstra", NULL },
	{ "session-not-recorded", "Sara Claassen", NULL },
};

#define NFIRES (sizeof(fires) / sizeof(fires[0]))

/* The cases just inside their thresholds: this rule (NULL: any) must not name this person. */
static const struct expected inside[] = {
	{ "no-recent-session", "Jesse van Wijk", NULL },
	{ "below-cadence", "Fleur Timmermans", NULL },
	{ "below-cadence", "Jesse van Wijk", NULL },
	{ "coach-untrained", "Nicole Hendriks", NULL },
	{ "coach-overloaded", "Sandra Visser", NULL },
	{ "coach-overloaded", "Jeroen Bakker", NULL },
	{ "overdue-actions", "Noor Hermans", NULL },
	{ "coaching-mixed-with-appraisal", "Lotte Mulder", NULL },
	{ "no-supervision", "Jeroen Bakker", NULL },
	{ "manager-no-time", "Jeroen Bakker", NULL },
	{ "span-too-wide", "Jeroen Bakker", NULL },
	{ "coach-not-assessed", "Nicole Hendriks", NULL },
	{ "no-incentive", "Nicole Hendriks", NULL },
	{ "target-not-reduced", "Erik van Leeuwen", NULL },
	{ "low-acceptance", "Linda Smit", NULL },
	{ "seen-as-spy", "Fatima El Amrani", NULL },
	{ "seen-as-spy", "Linda Smit", NULL },
	{ "seen-as-spy", "Thomas de Graaf", NULL },
	{ "seen-as-spy", "Bram Hoekstra", NULL },
	{ "not-on-floor", "Linda Smit", NULL },
	{ "misses-team-activities", "Linda Smit", NULL },
	{ "misses-team-activities", "Bram Hoekstra", NULL },
	{ "misses-team-activities", "Kees Mulder", NULL },
	{ "misses-team-activities", "Fatima El Amrani", NULL },
	{ "no-ride-alongs", "Linda Smit", NULL },
	{ "no-ride-alongs", "Bram Hoekstra", NULL },
	{ "no-sales-background", "Linda Smit", NULL },
	{ "no-sales-background", "Kees Mulder", NULL },
	{ "no-sales-background", "Fatima El Amrani", NULL },
	{ "no-sales-background", "Bram Hoekstra", NULL },
	{ "acceptance-not-built", "Fatima El Amrani", NULL },
	{ "acceptance-not-built", "Kees Mulder", NULL },
	{ "session-not-recorded", "Marloes van Beek", NULL },
	{ NULL, "Mark Jansen", NULL },
};

static void test_every_rule_fires_on_the_demo(void **state)
{
	struct fixture *fx = *state;
	json_t *root = base(fx);
	size_t n, i;
	const struct rule_def *rules = rules_all(&n);
	json_t *a;

	assert_true(n >= 20);
	for (size_t r = 0; r < n; r++) {
		size_t seen = 0;
		json_array_foreach(alerts_of(root), i, a)
		{
			seen += !strcmp(str(a, "rule"), rules[r].id);
		}
		if (!seen)
			fail_msg("rule %s does not fire on the demo", rules[r].id);
	}
	/* The counts agree with the list. */
	size_t by[3] = { 0 };
	json_array_foreach(alerts_of(root), i, a)
	{
		by[0] += !strcmp(str(a, "severity"), "error");
		by[1] += !strcmp(str(a, "severity"), "warning");
		by[2] += !strcmp(str(a, "severity"), "info");
	}
	assert_int_equal(count_of(root, "total"), json_array_size(alerts_of(root)));
	assert_int_equal(count_of(root, "error"), by[0]);
	assert_int_equal(count_of(root, "warning"), by[1]);
	assert_int_equal(count_of(root, "info"), by[2]);
	assert_int_equal(count_of(root, "acknowledged_not_shown"), 0);
}

static void test_exactly_the_documented_alerts(void **state)
{
	struct fixture *fx = *state;
	json_t *root = base(fx), *a;
	size_t i;

	for (size_t k = 0; k < NFIRES; k++) {
		size_t n = count_alerts(root, fires[k].rule, fires[k].who, fires[k].also);
		if (n != 1)
			fail_msg("%s about %s%s%s: %zu alerts, docs/demo.md says 1", fires[k].rule,
			         fires[k].who, fires[k].also ? " and " : "",
			         fires[k].also ? fires[k].also : "", n);
	}
	json_array_foreach(alerts_of(root), i, a)
	{
		bool listed = false;
		for (size_t k = 0; k < NFIRES && !listed; k++)
			listed = !strcmp(str(a, "rule"), fires[k].rule) &&
			         concerns(a, fires[k].who) &&
			         (!fires[k].also || concerns(a, fires[k].also));
		if (!listed)
			fail_msg("alert %s (%s) is not among the alerts of docs/demo.md",
			         str(a, "id"), str(a, "summary"));
	}
	assert_int_equal(json_array_size(alerts_of(root)), NFIRES);
}

static void test_no_alert_for_the_cases_just_inside(void **state)
{
	struct fixture *fx = *state;
	json_t *root = base(fx);

	for (size_t k = 0; k < sizeof(inside) / sizeof(inside[0]); k++) {
		size_t n = count_alerts(root, inside[k].rule, inside[k].who, NULL);
		if (n)
			fail_msg("%s fires for %s, who is just inside its threshold",
			         inside[k].rule ? inside[k].rule : "a rule", inside[k].who);
	}
}

/* Every alert of root is complete: texts filled in, severity, model of its rule, people, facts. */
static void expect_complete(json_t *root, const char *lang)
{
	json_t *a, *p, *other;
	size_t i, j, k;

	json_array_foreach(alerts_of(root), i, a)
	{
		const char *id = str(a, "id"), *rule = str(a, "rule"), *sev = str(a, "severity");
		const char *summary = str(a, "summary"), *mitigation = str(a, "mitigation");
		const struct rule_def *def = rules_find(rule);
		unsigned bit = 0;

		if (!*id)
			fail_msg("an alert of %s has no id", rule);
		json_array_foreach(alerts_of(root), j, other)
		{
			if (j != i && !strcmp(str(other, "id"), id))
				fail_msg("two alerts have the id %s", id);
		}
		if (!def)
			fail_msg("alert %s: '%s' is not a rule of rules_all()", id, rule);
		if (strcmp(sev, "info") && strcmp(sev, "warning") && strcmp(sev, "error"))
			fail_msg("alert %s: severity '%s'", id, sev);
		for (k = 0; rules_models()[k]; k++)
			if (!strcmp(rules_models()[k], str(a, "model")))
				bit = 1u << k;
		if (!bit || !(def->models & bit))
			fail_msg("alert %s: model '%s' is not a model of %s", id, str(a, "model"),
			         rule);
		if (strlen(summary) < 20 || strchr(summary, '{') || strchr(summary, '}'))
			fail_msg("alert %s (%s): summary '%s'", id, lang, summary);
		if (strlen(mitigation) < 20 || strchr(mitigation, '{') || strchr(mitigation, '}'))
			fail_msg("alert %s (%s): mitigation '%s'", id, lang, mitigation);
		if (!json_array_size(json_object_get(a, "people")))
			fail_msg("alert %s names nobody", id);
		json_array_foreach(json_object_get(a, "people"), j, p)
		{
			if (!*str(p, "name") || !*str(p, "role"))
				fail_msg("alert %s: a person without name or role", id);
		}
		if (!json_is_object(json_object_get(a, "facts")) ||
		    !json_object_size(json_object_get(a, "facts")))
			fail_msg("alert %s has no facts", id);
		if (!json_is_false(json_object_get(a, "acknowledged")))
			fail_msg("alert %s: acknowledged is not false", id);
	}
}

/* The facts of a and b agree, texts aside (a fact may be words in the reader's language). */
static bool same_numbers(json_t *a, json_t *b)
{
	json_t *fa = json_object_get(a, "facts"), *fb = json_object_get(b, "facts"), *v;
	const char *key;

	if (json_object_size(fa) != json_object_size(fb))
		return false;
	json_object_foreach(fa, key, v)
	{
		json_t *w = json_object_get(fb, key);
		if (!w || (!json_is_string(v) && !json_equal(v, w)))
			return false;
	}
	return true;
}

static void test_every_alert_is_complete_in_both_languages(void **state)
{
	struct fixture *fx = *state;
	json_t *nl = base(fx), *en, *a;
	size_t i;

	expect_complete(nl, "nl");
	en = run_json(fx, "alerts", "--json", "--lang", "en", NULL);
	expect_complete(en, "en");
	/* The same alerts, the same figures, other words. */
	assert_int_equal(json_array_size(alerts_of(en)), json_array_size(alerts_of(nl)));
	json_array_foreach(alerts_of(nl), i, a)
	{
		json_t *b = json_array_get(alerts_of(en), i);
		bool same = !strcmp(str(a, "id"), str(b, "id")) && same_numbers(a, b);
		bool translated = strcmp(str(a, "summary"), str(b, "summary")) &&
		                  strcmp(str(a, "mitigation"), str(b, "mitigation"));
		if (!same || !translated) {
			char msg[600];
			snprintf(msg, sizeof(msg),
			         "%s: nl and en differ in figures, or not in words: %s",
			         str(a, "id"), str(b, "summary"));
			json_decref(en);
			fail_msg("%s", msg);
		}
	}
	json_decref(en);
}

static void test_documented_severities(void **state)
{
	struct fixture *fx = *state;
	json_t *root = base(fx);

	/* PRODUCT.md: errors for a senior coach untrained, mixing in the manager model, and an
	 * external coach seen as a spy. */
	assert_string_equal(str(the_alert(root, "coach-untrained", "Bas Dekker"), "severity"),
	                    "error");
	assert_string_equal(
	        str(the_alert(root, "coaching-mixed-with-appraisal", "Daan Smits"), "severity"),
	        "error");
	assert_string_equal(str(the_alert(root, "seen-as-spy", "Kees Mulder"), "severity"),
	                    "error");
	assert_string_equal(str(the_alert(root, "seen-as-spy", "Kees Mulder"), "model"),
	                    "external");
	assert_string_equal(str(the_alert(root, "coach-untrained", "Bas Dekker"), "model"),
	                    "senior");
}

/* ---- the figures of docs/demo.md ---------------------------------------------------------- */

static void test_sandra_has_no_time_and_the_forecast_closes_the_gap(void **state)
{
	struct fixture *fx = *state;
	json_t *a = the_alert(base(fx), "manager-no-time", "Sandra Visser"), *en;
	char delegate[256];

	expect_fact(a, "needed_hours", 30);
	expect_fact(a, "available_hours", 21.67);
	expect_fact(a, "shortfall_hours", 8.33);
	expect_fact(a, "max_span", 7);
	/* Only the forecast (3 h/week = 13 h/month), not the CRM clean-up or the quotes. */
	expect_fact(a, "freed_hours", 13);
	snprintf(delegate, sizeof(delegate), "%s", fact_text(a, "delegate"));
	for (char *c = delegate; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (!strstr(delegate, "forecast") || strstr(delegate, "crm") || strstr(delegate, "offerte"))
		fail_msg("Sandra should delegate the forecast alone, not: %s", delegate);
	/* The words carry the figures, as a Dutch reader writes them. */
	if (!strstr(str(a, "summary"), "21,67") || !strstr(str(a, "summary"), "8,33"))
		fail_msg("the Dutch summary lacks 21,67 or 8,33: %s", str(a, "summary"));
	if (!strstr(str(a, "mitigation"), fact_text(a, "delegate")) ||
	    !strstr(str(a, "mitigation"), "7"))
		fail_msg("the mitigation does not name the task and the span: %s",
		         str(a, "mitigation"));

	en = run_json(fx, "alerts", "--json", "--lang", "en", "--rule", "manager-no-time", NULL);
	bool english = strstr(str(json_array_get(alerts_of(en), 0), "summary"), "21.67") != NULL;
	json_decref(en);
	assert_true(english);
}

static void test_sandra_span_too_wide(void **state)
{
	struct fixture *fx = *state;
	json_t *a = the_alert(base(fx), "span-too-wide", "Sandra Visser");

	expect_fact(a, "span", 11);
	expect_fact(a, "max_span", 10);
}

static void test_nicole_target_not_reduced(void **state)
{
	struct fixture *fx = *state;
	json_t *a = the_alert(base(fx), "target-not-reduced", "Nicole Hendriks");
	const char *month = fact_text(a, "month");
	double hours = fact(a, "coaching_hours"), selling = fact(a, "selling_hours");

	/* Q0 = 70,000 (June); reduction = Q0 × hours / 140; her quota stayed 70,000. */
	expect_fact(a, "base_quota", 70000);
	expect_fact(a, "quota", 70000);
	expect_fact(a, "selling_hours", 140);
	expect_fact(a, "implied_quota", 70000 - 70000 * hours / selling);
	expect_fact(a, "lower_by", 70000 * hours / selling);
	if (!strcmp(month, "2026-11")) {
		expect_fact(a, "coaching_hours", 5.25);
		expect_fact(a, "implied_quota", 67375);
	} else if (!strcmp(month, "2026-10")) {
		expect_fact(a, "coaching_hours", 3.0);
		expect_fact(a, "implied_quota", 68500);
	} else {
		fail_msg("target-not-reduced names %s; docs/demo.md computes 2026-10 and 2026-11",
		         month);
	}
	if (!strstr(str(a, "mitigation"), month))
		fail_msg("the mitigation does not name the month %s: %s", month,
		         str(a, "mitigation"));
}

static void test_survey_and_presence_figures(void **state)
{
	struct fixture *fx = *state;
	json_t *root = base(fx), *a;

	expect_fact(the_alert(root, "seen-as-spy", "Kees Mulder"), "mean", 3.33);
	/* Jeroen's 8 coachees: their sessions feel like an assessment, exactly 3.0 on average;
	 * Sandra's 10 average 2.9, so her only mixing alert is the one about Daan. */
	a = the_alert(root, "coaching-mixed-with-appraisal", "Jeroen Bakker");
	expect_fact(a, "pulse_mean", 3.0);
	expect_fact(a, "pulse_answers", 8);
	assert_string_equal(str(a, "severity"), "error");
	assert_int_equal(count_alerts(root, "coaching-mixed-with-appraisal", "Sandra Visser", NULL),
	                 1);
	/* Management's trust in Thomas and their "part of our team" are both 3.25. */
	a = the_alert(root, "low-acceptance", "Thomas de Graaf");
	expect_fact(a, "management_trust", 3.25);
	expect_fact(a, "management_part_of_team", 3.25);
	expect_fact(a, "management_respect", 3.75);
	a = the_alert(root, "misses-team-activities", "Thomas de Graaf");
	expect_fact(a, "attended", 3);
	expect_fact(a, "activities", 5);
	expect_fact(the_alert(root, "not-on-floor", "Kees Mulder"), "floor_days", 6);
	expect_fact(the_alert(root, "no-ride-alongs", "Thomas de Graaf"), "ride_alongs", 2);
}

static void test_coachee_figures(void **state)
{
	struct fixture *fx = *state;
	json_t *root = base(fx), *a;

	a = the_alert(root, "no-recent-session", "Youssef El Idrissi");
	expect_fact(a, "days_without_session", 36);
	assert_string_equal(fact_text(a, "last_held_on"), "2026-10-23");
	a = the_alert(root, "below-cadence", "Luuk Prins");
	assert_string_equal(fact_text(a, "month"), "2026-10");
	expect_fact(a, "held_hours", 2.5);
	expect_fact(the_alert(root, "below-cadence", "Youssef El Idrissi"), "held_hours", 2.0);
	expect_fact(the_alert(root, "overdue-actions", "Bart Schouten"), "overdue", 3);
	expect_fact(the_alert(root, "coach-overloaded", "Bas Dekker"), "active_coachees", 2);
	expect_fact(the_alert(root, "coach-overloaded", "Bas Dekker"), "capacity", 1);
	expect_fact(the_alert(root, "coaching-mixed-with-appraisal", "Daan Smits"), "days_apart",
	            1);
}

/* ---- text output -------------------------------------------------------------------------- */

/* The text of the last run shows the alerts of root, in lang, and ends with their totals. */
static void expect_text(struct fixture *fx, json_t *root, enum msg_lang lang)
{
	char line[512];
	char *want = totals_line(root, lang);
	json_t *a;
	size_t i;

	last_line(fx->last.out, line, sizeof(line));
	if (strcmp(line, want)) {
		char msg[1200];
		snprintf(msg, sizeof(msg), "the last line is '%s', not the totals line '%s'", line,
		         want);
		free(want);
		fail_msg("%s", msg);
	}
	free(want);
	json_array_foreach(alerts_of(root), i, a)
	{
		if (!strstr(fx->last.out, str(a, "id")) ||
		    !strstr(fx->last.out, str(a, "summary")) ||
		    !strstr(fx->last.out, str(a, "mitigation")))
			fail_msg("the text output (%s) lacks alert %s or its words",
			         msg_lang_code(lang), str(a, "id"));
	}
}

static void test_text_in_dutch_by_default_and_english_with_lang(void **state)
{
	struct fixture *fx = *state;
	json_t *nl = base(fx), *en;
	char nl_last[512], en_last[512];

	sc(fx, "alerts", NULL);
	harness_expect_ok(&fx->last, "alerts");
	expect_text(fx, nl, MSG_NL);
	assert_non_null(strstr(fx->last.out, msg_text(MSG_NL, "alerts.next_step")));
	assert_null(strstr(fx->last.out, msg_text(MSG_EN, "alerts.next_step")));
	assert_non_null(strstr(fx->last.out, "21,67"));
	last_line(fx->last.out, nl_last, sizeof(nl_last));

	en = run_json(fx, "alerts", "--json", "--lang", "en", NULL);
	sc(fx, "alerts", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "alerts --lang en");
	expect_text(fx, en, MSG_EN);
	json_decref(en);
	assert_non_null(strstr(fx->last.out, msg_text(MSG_EN, "alerts.next_step")));
	assert_null(strstr(fx->last.out, msg_text(MSG_NL, "alerts.next_step")));
	assert_non_null(strstr(fx->last.out, "21.67"));
	assert_null(strstr(fx->last.out, "21,67"));
	last_line(fx->last.out, en_last, sizeof(en_last));
	assert_string_not_equal(en_last, nl_last);

	/* --lang nl is the organisation's default. */
	sc(fx, "alerts", "--lang", "nl", NULL);
	harness_expect_ok(&fx->last, "alerts --lang nl");
	expect_text(fx, nl, MSG_NL);
}

/* ---- filters ------------------------------------------------------------------------------ */

/* Number of alerts of root whose field equals want. */
static size_t count_field(json_t *root, const char *field, json_t *want)
{
	size_t i, n = 0;
	json_t *a;

	json_array_foreach(alerts_of(root), i, a)
	{
		n += json_equal(json_object_get(a, field), want);
	}
	return n;
}

/* alerts --json with a filter gives all, and only, the alerts of the full list that pass. */
static void expect_filter(struct fixture *fx, const char *opt, const char *value, const char *field,
                          json_t *want)
{
	json_t *got = run_json(fx, "alerts", "--json", opt, value, NULL);
	size_t all = count_field(base(fx), field, want);
	size_t n = json_array_size(alerts_of(got));
	size_t pass = count_field(got, field, want);

	json_decref(got);
	json_decref(want);
	if (!all || n != all || pass != n)
		fail_msg("alerts %s %s: %zu alerts, %zu of them pass; the full list has %zu", opt,
		         value, n, pass, all);
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	char team[24];
	int64_t rotterdam;
	json_t *root;

	base(fx);
	expect_filter(fx, "--rule", "span-too-wide", "rule", json_string("span-too-wide"));
	expect_filter(fx, "--rule", "below-cadence", "rule", json_string("below-cadence"));
	expect_filter(fx, "--model", "external", "model", json_string("external"));
	expect_filter(fx, "--model", "senior", "model", json_string("senior"));
	rotterdam = id_where(fx, "team", "name", json_string("Team Rotterdam"));
	expect_filter(fx, "--team", idt(rotterdam, team), "team", json_integer(rotterdam));

	/* Filters combine. */
	root = run_json(fx, "alerts", "--json", "--rule", "below-cadence", "--model", "senior",
	                NULL);
	size_t n = json_array_size(alerts_of(root));
	size_t luuk = count_alerts(root, NULL, "Luuk Prins", NULL);
	json_decref(root);
	assert_int_equal(n, 1);
	assert_int_equal(luuk, 1);

	/* The text ends with the totals of what it shows. */
	root = run_json(fx, "alerts", "--json", "--lang", "en", "--rule", "span-too-wide", NULL);
	sc(fx, "alerts", "--lang", "en", "--rule", "span-too-wide", NULL);
	harness_expect_ok(&fx->last, "alerts --rule span-too-wide");
	expect_text(fx, root, MSG_EN);
	json_decref(root);
}

static void test_bad_filters_are_refused(void **state)
{
	struct fixture *fx = *state;

	base(fx);
	sc(fx, "alerts", "--rule", "too-many-reps", NULL);
	harness_expect_refused(&fx->last, "alerts --rule too-many-reps", "too-many-reps");
	sc(fx, "alerts", "--json", "--rule", "too-many-reps", NULL);
	harness_expect_refused(&fx->last, "alerts --json --rule too-many-reps", "too-many-reps");
	sc(fx, "alerts", "--model", "mentor", NULL);
	harness_expect_refused(&fx->last, "alerts --model mentor", "mentor");
	sc(fx, "alerts", "--lang", "fr", NULL);
	harness_expect_refused(&fx->last, "alerts --lang fr", "fr");
	sc(fx, "alerts", "--team", "Rotterdam", NULL);
	harness_expect_refused(&fx->last, "alerts --team Rotterdam", "Rotterdam");
	sc(fx, "alerts", "--team", "0", NULL);
	harness_expect_refused(&fx->last, "alerts --team 0", "'0'");
	sc(fx, "alerts", "--team", "3x", NULL);
	harness_expect_refused(&fx->last, "alerts --team 3x", "3x");
	sc(fx, "alerts", "--rule", NULL);
	harness_expect_refused(&fx->last, "alerts --rule without a value", "--rule");
	sc(fx, "alerts", "--colour", "red", NULL);
	harness_expect_refused(&fx->last, "alerts --colour", "--colour");
}

/*
 * The counts per rule, model and team of `alerts --summary` against the list that follows
 * them; check_summary returns how many alerts the summary counts.
 */
static json_int_t check_summary(json_t *root)
{
	json_t *sum = json_object_get(root, "summary"), *a, *t;
	json_t *rules = json_object_get(sum, "rules"), *models = json_object_get(sum, "models");
	json_int_t total = 0;
	const char *key;
	json_t *v;
	size_t i, k;

	assert_non_null(sum);
	json_object_foreach(rules, key, v)
	{
		json_int_t want = 0;
		json_array_foreach(alerts_of(root), i, a)
		{
			want += !strcmp(str(a, "rule"), key);
		}
		if (json_integer_value(v) != want)
			fail_msg("summary: %s counts %lld alerts, the list has %lld", key,
			         (long long)json_integer_value(v), (long long)want);
		total += want;
	}
	assert_int_equal(total, json_array_size(alerts_of(root)));
	json_object_foreach(models, key, v)
	{
		json_int_t want = 0;
		json_array_foreach(alerts_of(root), i, a)
		{
			want += !strcmp(str(a, "model"), key);
		}
		assert_int_equal(json_integer_value(v), want);
	}
	json_array_foreach(json_object_get(sum, "teams"), k, t)
	{
		json_int_t want = 0, id = json_integer_value(json_object_get(t, "id"));
		json_array_foreach(alerts_of(root), i, a)
		{
			want += json_integer_value(json_object_get(a, "team")) == id;
		}
		assert_int_equal(json_integer_value(json_object_get(t, "alerts")), want);
		if (id)
			assert_true(strlen(str(t, "name")) > 0);
	}
	return total;
}

/* `alerts --summary`: the counts first, then the list; acting --as a person, their alerts. */
static void test_summary_counts_per_rule_model_and_team(void **state)
{
	struct fixture *fx = *state;
	json_t *root = run_json(fx, "alerts", "--summary", "--json", NULL);

	json_int_t all = check_summary(root);
	assert_true(all >= 19);
	json_t *teams = json_object_get(json_object_get(root, "summary"), "teams");
	assert_true(json_array_size(teams) >= 2);
	char team[200];
	snprintf(team, sizeof(team), "%s (%lld)", str(json_array_get(teams, 0), "name"),
	         (long long)json_integer_value(json_object_get(json_array_get(teams, 0), "id")));
	json_decref(root);

	root = run_json(fx, "--as", SANDRA, "alerts", "--summary", "--json", NULL);
	json_int_t hers = check_summary(root);
	assert_true(hers > 0 && hers < all);
	json_decref(root);

	assert_int_equal(sc(fx, "alerts", "--summary", "--lang", "en", NULL), 0);
	const char *out = fx->last.out, *first = strstr(out, "\nERROR ");
	assert_true(!strncmp(out, "Alerts per rule:\n", 17));
	assert_non_null(strstr(out, "\n  no-recent-session "));
	assert_non_null(strstr(out, "Alerts per model:\n  "));
	assert_non_null(strstr(out, "Alerts per team (name and id):\n  "));
	assert_non_null(strstr(out, team));
	assert_non_null(first);
	assert_true(strstr(out, team) < first);
	/* Without --summary the list starts at once. */
	assert_int_equal(sc(fx, "alerts", "--lang", "en", NULL), 0);
	assert_null(strstr(fx->last.out, "Alerts per rule:"));
}

/* The overview's alerts (per severity and rule) against `alerts --json` of the same person. */
static void overview_counts_alerts(struct fixture *fx, const char *as)
{
	json_t *root = as ? run_json(fx, "--as", as, "alerts", "--json", NULL)
	                  : run_json(fx, "alerts", "--json", NULL);
	json_t *ov = as ? run_json(fx, "--as", as, "overview", "--json", NULL)
	                : run_json(fx, "overview", "--json", NULL);
	json_t *by = json_object_get(ov, "alerts"), *a, *rules, *n;
	const char *sev, *rule;
	size_t i, counted = 0;

	assert_non_null(by);
	json_object_foreach(by, sev, rules)
	{
		json_object_foreach(rules, rule, n)
		{
			json_int_t want = 0;
			json_array_foreach(alerts_of(root), i, a)
			{
				want += !strcmp(str(a, "rule"), rule) &&
				        !strcmp(str(a, "severity"), sev);
			}
			if (json_integer_value(n) != want)
				fail_msg("overview --as %s: %s %s %lld, alerts lists %lld",
				         as ? as : "-", sev, rule, (long long)json_integer_value(n),
				         (long long)want);
			counted += (size_t)want;
		}
	}
	assert_int_equal(counted, json_array_size(alerts_of(root)));
	json_decref(ov);
	json_decref(root);
	/* In words: the title and a line per rule (the demo's language is Dutch). */
	if (as)
		sc(fx, "--as", as, "overview", NULL);
	else
		sc(fx, "overview", NULL);
	assert_int_equal(fx->last.status, 0);
	assert_non_null(strstr(fx->last.out, "\nSignaleringen per ernst en regel"));
	assert_non_null(strstr(fx->last.out, "\n  FOUT         "));
}

/*
 * The cells of the line of out that starts with first, after the line that starts with
 * after: the texts between runs of two or more spaces, joined with '|'.
 */
static const char *cells_of(const char *out, const char *after, const char *first)
{
	static char buf[512];
	const char *p = strstr(out, after);
	size_t n = 0, len = strlen(first);

	assert_non_null(p);
	while ((p = strchr(p, '\n')) && strncmp(++p, first, len) != 0)
		;
	if (!p)
		fail_msg("no line starting with '%s' after '%s' in:\n%s", first, after, out);
	for (; *p && *p != '\n' && n + 2 < sizeof(buf); p++) {
		if (p[0] == ' ' && p[1] == ' ') {
			while (p[1] == ' ')
				p++;
			if (p[1] != '\n' && p[1] != '\0')
				buf[n++] = '|';
			continue;
		}
		buf[n++] = *p;
	}
	buf[n] = '\0';
	return buf;
}

/*
 * An executive's overview shows the report's figures per coaching model, in Dutch (the
 * demo's language) and in English: programmes, coachees, acceptance of coachees and of
 * management, open alerts by severity; a count of alerts about fewer than k people and a
 * model of fewer than k coachees are left blank or give the reason. The demo's figures
 * (docs/demo.md): the manager model 18 coachees (20), 20 answers of coachees (4.0), none of
 * management, 8 open alerts about 6 people each severity of which names fewer than 5; the
 * external model 6 coachees (5), three alerts about three people: none counted, and its
 * management's answers, given by its coaches' reporting line (fewer than 5 people), not shown.
 */
static void test_overview_shows_the_report_per_model(void **state)
{
	struct fixture *fx = *state;
	const char *exec = "annelies.devries@vandijk.example";

	assert_int_equal(sc(fx, "--as", exec, "overview", NULL), 0);
	const char *nl =
	        "Per coachingmodel, over dezelfde 90 dagen: acceptatie is het gemiddelde van "
	        "de pulse-enquête";
	assert_non_null(strstr(fx->last.out, nl));
	assert_non_null(strstr(fx->last.out, "getoond vanaf 5 antwoorden"));
	assert_string_equal(cells_of(fx->last.out, nl, "model "),
	                    "model|programma's|coachees|acceptatie (coachees)|acceptatie "
	                    "(management)|open signaleringen|fouten|waarschuwingen|info");
	assert_string_equal(cells_of(fx->last.out, nl, "manager "), "manager|2|20|4|8");
	assert_string_equal(cells_of(fx->last.out, nl, "senior "),
	                    "senior|1|minder dan 5 coachees");
	assert_string_equal(cells_of(fx->last.out, nl, "intern "),
	                    "intern|1|minder dan 5 coachees");
	assert_string_equal(cells_of(fx->last.out, nl, "extern "), "extern|1|5|4,3|0");
	/* No person of the demo is named. */
	assert_null(strstr(fx->last.out, "Kees Mulder"));
	assert_null(strstr(fx->last.out, "Jeroen Bakker"));

	assert_int_equal(sc(fx, "--as", exec, "--lang", "en", "overview", NULL), 0);
	const char *en = "By coaching model, over the same 90 days: acceptance is the mean";
	assert_non_null(strstr(fx->last.out, en));
	assert_string_equal(cells_of(fx->last.out, en, "model "),
	                    "model|programmes|coachees|acceptance (coachees)|acceptance "
	                    "(management)|open alerts|errors|warnings|info");
	assert_string_equal(cells_of(fx->last.out, en, "manager "), "manager|2|20|4|8");
	assert_string_equal(cells_of(fx->last.out, en, "internal "),
	                    "internal|1|fewer than 5 coachees");
	assert_string_equal(cells_of(fx->last.out, en, "external "), "external|1|5|4.3|0");
}

/* `overview` shows the alerts by severity and rule to whoever may read alerts, only theirs. */
static void test_overview_shows_alerts_by_severity_and_rule(void **state)
{
	struct fixture *fx = *state;

	overview_counts_alerts(fx, NULL);
	overview_counts_alerts(fx, SANDRA);
	/* An executive may not read alerts: the overview lists none of them (only the report's
	 * counts per model, which name no one: test_overview_shows_the_report_per_model). */
	json_t *ov = run_json(fx, "--as", "annelies.devries@vandijk.example", "overview", "--json",
	                      NULL);
	assert_null(json_object_get(ov, "alerts"));
	json_decref(ov);
	sc(fx, "--as", "annelies.devries@vandijk.example", "overview", NULL);
	assert_int_equal(fx->last.status, 0);
	assert_null(strstr(fx->last.out, "Signaleringen"));
}

static void test_help_lists_every_rule(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	const struct rule_def *rules = rules_all(&n);

	assert_int_equal(sc(fx, "--lang", "en", "alerts", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "usage: salescoach alerts"));
	assert_non_null(strstr(fx->last.out, "ack"));
	for (size_t i = 0; i < n; i++)
		if (!strstr(fx->last.out, rules[i].id))
			fail_msg("`alerts --help` does not list %s", rules[i].id);
	for (size_t m = 0; rules_models()[m]; m++)
		assert_non_null(strstr(fx->last.out, rules_models()[m]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_rule_fires_on_the_demo),
		T(test_summary_counts_per_rule_model_and_team),
		T(test_overview_shows_alerts_by_severity_and_rule),
		T(test_overview_shows_the_report_per_model),
		T(test_exactly_the_documented_alerts),
		T(test_no_alert_for_the_cases_just_inside),
		T(test_every_alert_is_complete_in_both_languages),
		T(test_documented_severities),
		T(test_sandra_has_no_time_and_the_forecast_closes_the_gap),
		T(test_sandra_span_too_wide),
		T(test_nicole_target_not_reduced),
		T(test_survey_and_presence_figures),
		T(test_coachee_figures),
		T(test_text_in_dutch_by_default_and_english_with_lang),
		T(test_filters),
		T(test_bad_filters_are_refused),
		T(test_help_lists_every_rule),
	};

	return cmocka_run_group_tests_name("alerts on the demo", tests, setup_group,
	                                   teardown_group);
}
