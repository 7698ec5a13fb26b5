/*
 * test_alerts_cli.c - `salescoach alerts` as a user meets it: the real
 * program (SALESCOACH_BIN) run on the demo organisation, loaded once into a
 * temporary database, on the reference day the tests fix (SALESCOACH_NOW).
 *
 * What is checked comes from docs/demo.md, "Pitfall cases": the alerts that
 * must fire, the cases just inside their thresholds that must not, and the
 * figures the document computes by hand. Tests that change data (ack, a new
 * action item) work on a copy of the demo database.
 */
#include <ctype.h>
#include <math.h>
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
#include "base/msg.h"
#include "rules/rules.h"

#define SANDRA "sandra.visser@vandijk.example"
#define LOTTE  "lotte.mulder@vandijk.example"

struct fixture {
	char dir[512];
	char demo_db[600];       /* the demo, loaded once, never changed */
	char copy_db[600];       /* a copy for the tests that change data */
	const char *db;          /* the database the runs use */
	struct harness_run last; /* the program, run in dir */
	json_t *base;            /* alerts --json on the untouched demo, owned */
	char *demo_error;        /* what the demo load said when it failed, owned */
};

/* ---- running the program ------------------------------------------------------------------ */

/* Run `salescoach --db DB args...` (NULL-terminated); returns the exit code. */
#define sc(fx, ...) harness_run(&(fx)->last, (fx)->db, NULL, __VA_ARGS__)

/* Run `salescoach --db DB args...` (NULL-terminated), which must print JSON. New reference. */
static json_t *run_json(struct fixture *fx, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1], what[256];
	size_t len = 0;
	va_list ap;

	va_start(ap, fx);
	harness_args_va(argv, 0, ap);
	va_end(ap);
	/* The command line, to name the run in a failure. */
	*what = 0;
	for (size_t i = 0; argv[i] && len < sizeof(what); i++)
		len += (size_t)snprintf(what + len, sizeof(what) - len, "%s%s", i ? " " : "",
		                        argv[i]);
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	return harness_json(&fx->last, what);
}

/* The "alerts" array of an `alerts --json` answer (borrowed from root). */
static json_t *alerts_of(json_t *root)
{
	json_t *arr = json_object_get(root, "alerts");

	if (!json_is_array(arr))
		fail_msg("`alerts --json` has no \"alerts\" array");
	return arr;
}

/* A number of the "counts" object of an `alerts --json` answer. */
static json_int_t count_of(json_t *root, const char *name)
{
	json_t *v = json_object_get(json_object_get(root, "counts"), name);

	if (!json_is_integer(v))
		fail_msg("`alerts --json` has no whole number counts.%s", name);
	return json_integer_value(v);
}

static const char *str(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* True when one of the alert's people is called name. */
static bool concerns(json_t *alert, const char *name)
{
	size_t i;
	json_t *p;

	json_array_foreach(json_object_get(alert, "people"), i, p)
	{
		if (!strcmp(str(p, "name"), name))
			return true;
	}
	return false;
}

/* Number of alerts of rule (NULL: any) that concern who and, unless NULL, also. */
static size_t count_alerts(json_t *root, const char *rule, const char *who, const char *also)
{
	size_t i, n = 0;
	json_t *a;

	json_array_foreach(alerts_of(root), i, a)
	{
		n += (!rule || !strcmp(str(a, "rule"), rule)) && concerns(a, who) &&
		     (!also || concerns(a, also));
	}
	return n;
}

/* The one alert of rule that concerns who (borrowed from root); fails when not exactly one. */
static json_t *the_alert(json_t *root, const char *rule, const char *who)
{
	size_t i, n = 0;
	json_t *a, *found = NULL;

	json_array_foreach(alerts_of(root), i, a)
	{
		if (!strcmp(str(a, "rule"), rule) && concerns(a, who)) {
			found = a;
			n++;
		}
	}
	if (n != 1)
		fail_msg("expected one %s alert about %s, found %zu", rule, who, n);
	return found;
}

/* A numeric fact of an alert. */
static double fact(json_t *alert, const char *name)
{
	json_t *v = json_object_get(json_object_get(alert, "facts"), name);

	if (!json_is_number(v))
		fail_msg("alert %s: fact '%s' is missing or not a number", str(alert, "id"), name);
	return json_number_value(v);
}

static const char *fact_text(json_t *alert, const char *name)
{
	json_t *v = json_object_get(json_object_get(alert, "facts"), name);

	if (!json_is_string(v))
		fail_msg("alert %s: fact '%s' is missing or not text", str(alert, "id"), name);
	return json_string_value(v);
}

static void expect_fact(json_t *alert, const char *name, double want)
{
	double got = fact(alert, name);

	if (fabs(got - want) > 0.005)
		fail_msg("alert %s: %s is %g, docs/demo.md says %g", str(alert, "id"), name, got,
		         want);
}

/* The id of the record of `NOUN list --json` whose field equals value (taken); fails if none. */
static int64_t id_where(struct fixture *fx, const char *noun, const char *field, json_t *value)
{
	json_t *arr = run_json(fx, "--json", noun, "list", NULL), *row;
	int64_t id = 0;
	size_t i;

	json_array_foreach(arr, i, row)
	{
		if (!id && json_equal(json_object_get(row, field), value))
			id = json_integer_value(json_object_get(row, "id"));
	}
	json_decref(arr);
	json_decref(value);
	if (!id)
		fail_msg("`%s list --json` has no record with that %s", noun, field);
	return id;
}

static char *idt(int64_t id, char buf[24])
{
	snprintf(buf, 24, "%lld", (long long)id);
	return buf;
}

/* The last non-empty line of text, into line. */
static void last_line(const char *text, char *line, size_t n)
{
	size_t end = strlen(text), start;

	while (end && (text[end - 1] == '\n' || text[end - 1] == ' '))
		end--;
	start = end;
	while (start && text[start - 1] != '\n')
		start--;
	snprintf(line, n, "%.*s", (int)(end - start), text + start);
}

/* The totals line alerts prints for the counts of root, in lang (owned). */
static char *totals_line(json_t *root, enum msg_lang lang)
{
	char n[24], e[24], w[24], f[24], q[24];

	snprintf(n, sizeof(n), "%lld", (long long)count_of(root, "total"));
	snprintf(e, sizeof(e), "%lld", (long long)count_of(root, "error"));
	snprintf(w, sizeof(w), "%lld", (long long)count_of(root, "warning"));
	snprintf(f, sizeof(f), "%lld", (long long)count_of(root, "info"));
	snprintf(q, sizeof(q), "%lld", (long long)count_of(root, "acknowledged_not_shown"));
	struct msg_arg args[] = {
		{ "alerts", n }, { "errors", e }, { "warnings", w }, { "infos", f }, { "quiet", q }
	};
	char *line =
	        msg_format(lang, count_of(root, "total") ? "alerts.total" : "alerts.none", args, 5);
	assert_non_null(line);
	return line;
}

/* ---- fixture ------------------------------------------------------------------------------ */

static int setup_group(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-alerts")) {
		free(fx);
		return -1;
	}
	snprintf(fx->demo_db, sizeof(fx->demo_db), "%s/demo.db", fx->dir);
	snprintf(fx->copy_db, sizeof(fx->copy_db), "%s/copy.db", fx->dir);
	fx->db = fx->demo_db;
	*state = fx;
	return 0;
}

static int teardown_group(void **state)
{
	struct fixture *fx = *state;

	json_decref(fx->base);
	free(fx->demo_error);
	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

/*
 * Load the demo on first use; false when that failed (the load then leaves
 * part of the demo behind), with what it said in fx->demo_error.
 */
static bool load_demo(struct fixture *fx)
{
	const char *db = fx->db;

	if (fx->demo_error)
		return false;
	if (access(fx->demo_db, F_OK) == 0)
		return true;
	fx->db = fx->demo_db;
	sc(fx, "demo", NULL);
	fx->db = db;
	if (fx->last.status != 0)
		fx->demo_error = strdup(*fx->last.err ? fx->last.err : "no message");
	return fx->last.status == 0;
}

/* The demo, loaded; otherwise every test that needs it fails with what the load said. */
static void demo(struct fixture *fx)
{
	if (!load_demo(fx))
		fail_msg("`demo` failed: %s", fx->demo_error ? fx->demo_error : "out of memory");
}

/* alerts --json on the untouched demo (loaded on first use); borrowed from fx. */
static json_t *base(struct fixture *fx)
{
	const char *db = fx->db;

	if (fx->base)
		return fx->base;
	demo(fx);
	fx->db = fx->demo_db;
	fx->base = run_json(fx, "alerts", "--json", NULL);
	fx->db = db;
	return fx->base;
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

/* Point the runs at a fresh copy of the demo database (SQLite with its write-ahead log). */
static int setup_copy(void **state)
{
	struct fixture *fx = *state;
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char from[700], to[700];

	fx->db = fx->demo_db;
	if (!load_demo(fx))
		return -1;
	for (size_t i = 0; i < 3; i++) {
		snprintf(from, sizeof(from), "%s%s", fx->demo_db, suffix[i]);
		snprintf(to, sizeof(to), "%s%s", fx->copy_db, suffix[i]);
		unlink(to);
		if (access(from, F_OK) == 0 && !copy_file(from, to))
			return -1;
	}
	fx->db = fx->copy_db;
	return 0;
}

static int teardown_copy(void **state)
{
	struct fixture *fx = *state;

	fx->db = fx->demo_db;
	return 0;
}

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
	{ "coaching-mixed-with-appraisal", "Jeroen Bakker", NULL },
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
	{ "no-ride-alongs", "Linda Smit", NULL },
	{ "no-ride-alongs", "Bram Hoekstra", NULL },
	{ "no-sales-background", "Linda Smit", NULL },
	{ "acceptance-not-built", "Fatima El Amrani", NULL },
	{ "acceptance-not-built", "Kees Mulder", NULL },
	{ NULL, "Mark Jansen", NULL },
};

static void test_every_rule_fires_on_the_demo(void **state)
{
	struct fixture *fx = *state;
	json_t *root = base(fx);
	size_t n, i;
	const struct rule_def *rules = rules_all(&n);
	json_t *a;

	assert_true(n >= 19);
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

static void test_help_lists_every_rule(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	const struct rule_def *rules = rules_all(&n);

	assert_int_equal(sc(fx, "alerts", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "usage: salescoach alerts"));
	assert_non_null(strstr(fx->last.out, "ack"));
	for (size_t i = 0; i < n; i++)
		if (!strstr(fx->last.out, rules[i].id))
			fail_msg("`alerts --help` does not list %s", rules[i].id);
	for (size_t m = 0; rules_models()[m]; m++)
		assert_non_null(strstr(fx->last.out, rules_models()[m]));
}

/* ---- acknowledging ------------------------------------------------------------------------ */

static size_t audit_count(struct fixture *fx)
{
	json_t *arr = run_json(fx, "--json", "audit", "list", NULL);
	size_t n = json_array_size(arr);

	json_decref(arr);
	return n;
}

#define REASON "Bart is met verlof tot 1 december; bespreken na terugkomst"
#define ACTION "Offerte Hoogland Logistiek nabellen voor de verlenging"

static void test_ack_quiets_the_alert_until_its_facts_change(void **state)
{
	struct fixture *fx = *state;
	json_t *root, *a;
	char id[128], bart[24], asg[24], *dump;
	size_t audit;

	root = run_json(fx, "alerts", "--json", NULL);
	snprintf(id, sizeof(id), "%s",
	         str(the_alert(root, "overdue-actions", "Bart Schouten"), "id"));
	size_t total = json_array_size(alerts_of(root));
	json_decref(root);
	audit = audit_count(fx);

	assert_int_equal(sc(fx, "alerts", "ack", id, "--reason", REASON, NULL), 0);
	assert_non_null(strstr(fx->last.out, id));
	/* Acknowledging is audited. */
	assert_true(audit_count(fx) > audit);

	root = run_json(fx, "alerts", "--json", NULL);
	size_t shown = count_alerts(root, "overdue-actions", "Bart Schouten", NULL);
	json_int_t quiet = count_of(root, "acknowledged_not_shown");
	json_int_t left = count_of(root, "total");
	size_t others = json_array_size(alerts_of(root));
	json_decref(root);
	assert_int_equal(shown, 0);
	assert_int_equal(quiet, 1);
	assert_int_equal(left, total - 1);
	assert_int_equal(others, total - 1);

	/* The text says one is not shown; --all shows it with the reason. */
	sc(fx, "alerts", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "alerts --lang en after ack");
	assert_null(strstr(fx->last.out, id));
	char *says = msg_format(MSG_EN, "alerts.quiet", &(struct msg_arg){ "quiet", "1" }, 1);
	bool told = says && strstr(fx->last.out, says);
	free(says);
	assert_true(told);
	root = run_json(fx, "alerts", "--all", "--json", NULL);
	a = the_alert(root, "overdue-actions", "Bart Schouten");
	bool acknowledged = json_is_true(json_object_get(a, "acknowledged"));
	bool reason = !strcmp(str(json_object_get(a, "acknowledgement"), "reason"), REASON);
	size_t all = json_array_size(alerts_of(root));
	quiet = count_of(root, "acknowledged_not_shown");
	json_decref(root);
	assert_true(acknowledged);
	assert_true(reason);
	assert_int_equal(all, total);
	assert_int_equal(quiet, 0);
	sc(fx, "alerts", "--all", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "alerts --all");
	assert_non_null(strstr(fx->last.out, REASON));

	/* A fourth overdue item is a new fact: the alert is back, no longer acknowledged. */
	int64_t bart_id = id_where(fx, "person", "name", json_string("Bart Schouten"));
	int64_t asg_id = id_where(fx, "assignment", "coachee", json_integer(bart_id));
	assert_int_equal(sc(fx, "action", "add", "--assignment", idt(asg_id, asg), "--owner",
	                    idt(bart_id, bart), "--text", ACTION, "--due-on", "2026-11-20", NULL),
	                 0);
	root = run_json(fx, "alerts", "--json", NULL);
	a = the_alert(root, "overdue-actions", "Bart Schouten");
	bool back = json_is_false(json_object_get(a, "acknowledged"));
	double overdue = json_number_value(json_object_get(json_object_get(a, "facts"), "overdue"));
	quiet = count_of(root, "acknowledged_not_shown");
	dump = json_dumps(root, 0);
	json_decref(root);
	bool leaked = !dump || strstr(dump, ACTION) != NULL;
	free(dump);
	assert_true(back);
	assert_true(overdue == 4);
	assert_int_equal(quiet, 0);
	/* The action item's text is private: it is not in the alert. */
	assert_false(leaked);
}

static void test_refused_acks_change_nothing(void **state)
{
	struct fixture *fx = *state;
	json_t *root;
	char *before, *after, id[128], bad[128], asg[24];
	size_t audit = audit_count(fx);

	root = run_json(fx, "alerts", "--all", "--json", NULL);
	before = json_dumps(root, JSON_SORT_KEYS);
	snprintf(id, sizeof(id), "%s",
	         str(the_alert(root, "span-too-wide", "Sandra Visser"), "id"));
	json_decref(root);

	sc(fx, "alerts", "ack", id, NULL);
	harness_expect_refused(&fx->last, "alerts ack without --reason", "--reason");
	sc(fx, "alerts", "ack", id, "--reason", "", NULL);
	harness_expect_refused(&fx->last, "alerts ack with an empty reason", "--reason");

	/* Noor has 2 overdue items, not 3: that alert is not firing. */
	int64_t noor = id_where(fx, "person", "name", json_string("Noor Hermans"));
	int64_t noor_asg = id_where(fx, "assignment", "coachee", json_integer(noor));
	snprintf(bad, sizeof(bad), "overdue-actions:assignment-%s", idt(noor_asg, asg));
	sc(fx, "alerts", "ack", bad, "--reason", "not firing", NULL);
	harness_expect_refused(&fx->last, "alerts ack of an alert that is not firing", bad);
	sc(fx, "alerts", "ack", "no-such-rule:team-1", "--reason", "typo", NULL);
	harness_expect_refused(&fx->last, "alerts ack of an unknown id", "no-such-rule:team-1");
	sc(fx, "alerts", "ack", "--reason", "no id", NULL);
	harness_expect_refused(&fx->last, "alerts ack without an id", NULL);

	assert_int_equal(audit_count(fx), audit);
	root = run_json(fx, "alerts", "--all", "--json", NULL);
	after = json_dumps(root, JSON_SORT_KEYS);
	json_decref(root);
	bool same = before && after && !strcmp(before, after);
	free(before);
	free(after);
	assert_true(same);
}

#define MARK "mark.jansen@vandijk.example"

/*
 * Managers acknowledge the alerts about people below them in the reporting
 * line, through this door as through the API. An alert about a manager
 * alone is their superior's (or an administrator's): a pitfall is not
 * silenced by the person it is about. Nobody acknowledges what they do not see.
 */
static void test_a_manager_acknowledges_for_their_line(void **state)
{
	struct fixture *fx = *state;
	json_t *root;
	char span[128], youssef[128];
	size_t audit;

	root = run_json(fx, "alerts", "--json", NULL);
	snprintf(span, sizeof(span), "%s",
	         str(the_alert(root, "span-too-wide", "Sandra Visser"), "id"));
	snprintf(youssef, sizeof(youssef), "%s",
	         str(the_alert(root, "no-recent-session", "Youssef El Idrissi"), "id"));
	json_decref(root);
	audit = audit_count(fx);

	sc(fx, "--as", SANDRA, "alerts", "ack", span, "--reason", "I know", NULL);
	harness_expect_refused(&fx->last, "a manager acknowledging an alert about herself",
	                       "superior");
	sc(fx, "--as", MARK, "alerts", "ack", youssef, "--reason", "not his", NULL);
	harness_expect_refused(&fx->last, "a manager acknowledging outside his line", youssef);
	sc(fx, "--as", LOTTE, "alerts", "ack", youssef, "--reason", "not hers", NULL);
	harness_expect_refused(&fx->last, "a rep acknowledging", youssef);
	assert_int_equal(audit_count(fx), audit);

	/* Youssef reports to Sandra. */
	assert_int_equal(sc(fx, "--as", SANDRA, "alerts", "ack", youssef, "--reason",
	                    "Youssef is on leave until December", NULL),
	                 0);
	assert_true(audit_count(fx) > audit);
	root = run_json(fx, "alerts", "--json", NULL);
	size_t left = count_alerts(root, "no-recent-session", "Youssef El Idrissi", NULL);
	json_decref(root);
	assert_int_equal(left, 0);
}

/* ---- who sees what ------------------------------------------------------------------------ */

/* Every alert of root concerns name; otherwise fail (root is released first). */
static void expect_all_about(json_t *root, const char *name)
{
	json_t *a;
	size_t i;

	json_array_foreach(alerts_of(root), i, a)
	{
		if (!concerns(a, name)) {
			char msg[300];
			snprintf(msg, sizeof(msg),
			         "acting as %s, alert %s is shown, which is not "
			         "about them",
			         name, str(a, "id"));
			json_decref(root);
			fail_msg("%s", msg);
		}
	}
}

static void test_as_a_person_only_the_alerts_about_them(void **state)
{
	struct fixture *fx = *state;
	json_t *full = base(fx), *root;
	size_t about_sandra = count_alerts(full, NULL, "Sandra Visser", NULL);

	/* Lotte is coached by Jeroen, who is just inside every rule: nothing about her. */
	root = run_json(fx, "--as", LOTTE, "alerts", "--json", NULL);
	expect_all_about(root, "Lotte Mulder");
	size_t lotte = json_array_size(alerts_of(root));
	json_decref(root);
	assert_int_equal(lotte, 0);
	sc(fx, "--as", LOTTE, "alerts", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "--as Lotte alerts");
	assert_null(strstr(fx->last.out, "Sandra Visser"));
	assert_null(strstr(fx->last.out, "Kees Mulder"));

	/* Sandra sees every alert that names her, and no other. */
	root = run_json(fx, "--as", SANDRA, "alerts", "--json", NULL);
	expect_all_about(root, "Sandra Visser");
	size_t sandra = json_array_size(alerts_of(root));
	size_t youssef = count_alerts(root, "no-recent-session", "Youssef El Idrissi", NULL);
	size_t span = count_alerts(root, "span-too-wide", "Sandra Visser", NULL);
	json_decref(root);
	assert_true(about_sandra >= 7);
	assert_int_equal(sandra, about_sandra);
	assert_int_equal(youssef, 1);
	assert_int_equal(span, 1);
}

/* ---- privacy ------------------------------------------------------------------------------ */

/* The e-mail address of the person behind coach profile coach, into email. */
static void coach_email(struct fixture *fx, int64_t coach, char *email, size_t n)
{
	json_t *arr = run_json(fx, "--json", "coach", "list", NULL), *row;
	int64_t person = 0;
	size_t i;

	json_array_foreach(arr, i, row)
	{
		if (json_integer_value(json_object_get(row, "id")) == coach)
			person = json_integer_value(json_object_get(row, "person"));
	}
	json_decref(arr);
	*email = 0;
	arr = run_json(fx, "--json", "person", "list", NULL);
	json_array_foreach(arr, i, row)
	{
		if (person && json_integer_value(json_object_get(row, "id")) == person)
			snprintf(email, n, "%s", str(row, "email"));
	}
	json_decref(arr);
	if (!*email)
		fail_msg("coach profile %lld has no person with an e-mail address",
		         (long long)coach);
}

/*
 * The notes and agenda of coachee's latest held session, read as the coach
 * (who may), appended to texts (owned by the caller).
 */
static void private_texts_of(struct fixture *fx, const char *coachee, char **texts, size_t *n)
{
	char sid[24], email[300];
	int64_t person = id_where(fx, "person", "name", json_string(coachee));
	json_t *arr = run_json(fx, "--json", "assignment", "list", NULL), *row;
	int64_t assignment = 0, coach = 0, session = 0;
	char last[40] = "";
	size_t i;

	json_array_foreach(arr, i, row)
	{
		if (json_integer_value(json_object_get(row, "coachee")) == person &&
		    !strcmp(str(row, "status"), "active")) {
			assignment = json_integer_value(json_object_get(row, "id"));
			coach = json_integer_value(json_object_get(row, "coach"));
		}
	}
	json_decref(arr);
	if (!assignment)
		fail_msg("%s has no active assignment", coachee);
	coach_email(fx, coach, email, sizeof(email));

	arr = run_json(fx, "--json", "session", "list", "--assignment", idt(assignment, sid),
	               "--status", "held", NULL);
	json_array_foreach(arr, i, row)
	{
		if (strcmp(str(row, "at"), last) > 0) {
			snprintf(last, sizeof(last), "%s", str(row, "at"));
			session = json_integer_value(json_object_get(row, "id"));
		}
	}
	json_decref(arr);
	if (!session)
		fail_msg("%s has no held session", coachee);

	json_t *s =
	        run_json(fx, "--as", email, "--json", "session", "show", idt(session, sid), NULL);
	const char *notes = str(s, "notes"), *agenda = str(s, "agenda");
	bool readable = strlen(notes) > 20;
	if (readable) {
		texts[(*n)++] = strdup(notes);
		if (strlen(agenda) > 20)
			texts[(*n)++] = strdup(agenda);
	}
	json_decref(s);
	if (!readable)
		fail_msg("%s cannot read the notes of session %s of %s", email, sid, coachee);
}

static void test_no_private_coaching_content_in_alerts(void **state)
{
	static const char *const coachees[] = { "Youssef El Idrissi", "Bart Schouten", "Luuk Prins",
		                                "Koen Lambregts", "Anna Dijkstra" };
	/* What anyone may run, and what the coach who may read the notes sees. */
	static const char *const runs[][6] = {
		{ "alerts", "--json", NULL },
		{ "alerts", "--all", "--json", NULL },
		{ "alerts", NULL },
		{ "alerts", "--lang", "en", NULL },
		{ "--as", SANDRA, "alerts", "--json", NULL },
		{ "--as", SANDRA, "alerts", NULL },
	};
	struct fixture *fx = *state;
	char *texts[16] = { 0 }, *outputs[6] = { 0 };
	size_t nt = 0, no = 0;

	base(fx);
	for (size_t c = 0; c < sizeof(coachees) / sizeof(coachees[0]); c++)
		private_texts_of(fx, coachees[c], texts, &nt);
	assert_true(nt >= 5);
	for (size_t r = 0; r < 6; r++) {
		harness_run_argv(&fx->last, fx->db, NULL, NULL, (char *const *)runs[r]);
		harness_expect_ok(&fx->last, runs[r][0]);
		outputs[no++] = fx->last.out;
		fx->last.out = NULL;
	}
	for (size_t t = 0; t < nt; t++)
		for (size_t o = 0; o < no; o++)
			if (strstr(outputs[o], texts[t]))
				fail_msg("private text '%s' appears in the output of run %zu",
				         texts[t], o);
	for (size_t t = 0; t < nt; t++)
		free(texts[t]);
	for (size_t o = 0; o < no; o++)
		free(outputs[o]);
}

#define T(f) cmocka_unit_test(f)
#define C(f) cmocka_unit_test_setup_teardown(f, setup_copy, teardown_copy)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_rule_fires_on_the_demo),
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
		C(test_ack_quiets_the_alert_until_its_facts_change),
		C(test_refused_acks_change_nothing),
		C(test_a_manager_acknowledges_for_their_line),
		T(test_as_a_person_only_the_alerts_about_them),
		T(test_no_private_coaching_content_in_alerts),
	};

	return cmocka_run_group_tests_name("alerts on the demo", tests, setup_group,
	                                   teardown_group);
}
