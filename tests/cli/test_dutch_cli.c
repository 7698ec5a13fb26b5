/*
 * test_dutch_cli.c - a Dutch organisation reads Dutch at the command line.
 *
 * Every read command of the demo organisation (whose language is Dutch) is run
 * through the real program, as the local administrator and as people of each
 * role (--as), and so are a few refusals of the command line itself. No line
 * of what they print may hold an English text of the message catalogue (a
 * piece of at least MIN_TEXT characters between placeholders that the Dutch
 * text of the same id lacks), nor a raw code that has a label (one_to_one,
 * not_ready, coach_budget), nor a count of one with a plural ("1 sessies").
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_fixture.h"

#include "base/msg.h"

#define MIN_TEXT 12 /* shorter pieces (an "id", "team") may be the same words in Dutch */

/* The English pieces the Dutch output must not hold: owned, built once. */
static char **english;
static size_t nenglish;

/* Keep piece [s, s + n) of the English text of id when it is long and not in the Dutch text. */
static void keep_piece(const char *s, size_t n, const char *dutch)
{
	while (n && (*s == ' ' || *s == '\n'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	if (n < MIN_TEXT || memchr(s, '\n', n))
		return;
	/* A code ("selling_hours", an English heading that is a field's name) is no sentence. */
	if (strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") >= n)
		return;
	char *piece = strndup(s, n);
	assert_non_null(piece);
	if (strstr(dutch, piece)) {
		free(piece);
		return;
	}
	english = realloc(english, (nenglish + 1) * sizeof(*english));
	assert_non_null(english);
	english[nenglish++] = piece;
}

/* The English catalogue, cut at its placeholders into the pieces a line could show. */
static void load_english(void)
{
	for (size_t i = 0; i < msg_count(); i++) {
		const char *id = msg_id_at(i);
		const char *en = msg_text(MSG_EN, id), *nl = msg_text(MSG_NL, id);
		const char *p = en;

		if (!strcmp(en, nl))
			continue;
		for (const char *open; (open = strchr(p, '{')) != NULL;) {
			const char *close = strchr(open, '}');
			keep_piece(p, (size_t)(open - p), nl);
			if (!close)
				break;
			p = close + 1;
		}
		keep_piece(p, strlen(p), nl);
	}
	assert_true(nenglish > 100); /* the catalogue was read */
}

/* Codes that have a label: shown as they are, they are a sentence's raw code. */
static const char *const raw_codes[] = {
	"one_to_one",
	"ride_along",
	"call_review",
	"deal_review",
	"no_show",
	"after_sales",
	"co_pilot",
	"not_ready",
	"sales_floor",
	"team_meeting",
	"team_activity",
	"customer_appointment",
	"coach_budget",
	"coach_fte",
	"team_size",
	"internal_candidate",
	"objective_view",
	"manager_hours_per_week",
	"managers_trained_pct",
	"superiors_can_supervise",
	"target_hours",
	"develop_managers",
};

/* Whether line holds word as a word of its own: "ride_alongs" (a setting) is not ride_along. */
static bool has_word(const char *line, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(line, word); p; p = strstr(p + 1, word)) {
		bool before = p > line && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
		bool after = isalnum((unsigned char)p[n]) || p[n] == '_';
		if (!before && !after)
			return true;
	}
	return false;
}

/* Counts of one with a plural noun, as a wrong plural prints them. */
static const char *const one_many[] = {
	" 1 sessies",  " 1 coachees",      " 1 gesprekken", " 1 dagen",    " 1 verkopers",
	" 1 senioren", " 1 actiepunten",   " 1 uren",       " 1 personen", " 1 teams",
	" 1 coaches",  " 1 signaleringen", " 1 regels",     " 1 maanden",
};

/* A count before an article ("2 de huidige coachees"): a plural placed around the article. */
static const char *count_before_article(const char *l)
{
	static const char *const articles[] = { " de ", " het ", " een " };
	for (const char *p = l; *p; p++)
		if (*p >= '0' && *p <= '9')
			for (size_t i = 0; i < sizeof(articles) / sizeof(articles[0]); i++)
				if (!strncmp(p + 1, articles[i], strlen(articles[i])))
					return p;
	return NULL;
}

/* Check every line of text, the output of what; fail naming the line and the offence. */
static void check_dutch(const char *what, const char *text)
{
	const char *line = text;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char *l = strndup(line, n);
		assert_non_null(l);
		/* A record as JSON in a cell (the audit log's before and after) keeps its field
		 * names. */
		bool json = strstr(l, "{\"") != NULL;
		for (size_t i = 0; i < nenglish && !json; i++)
			if (strstr(l, english[i]))
				fail_msg("%s: English \"%s\" in: %s", what, english[i], l);
		for (size_t i = 0; i < sizeof(raw_codes) / sizeof(raw_codes[0]); i++)
			if (has_word(l, raw_codes[i]))
				fail_msg("%s: raw code %s in: %s", what, raw_codes[i], l);
		for (size_t i = 0; i < sizeof(one_many) / sizeof(one_many[0]); i++)
			if (strstr(l, one_many[i]))
				fail_msg("%s: \"%s\" in: %s", what, one_many[i] + 1, l);
		if (count_before_article(l))
			fail_msg("%s: a count before an article in: %s", what, l);
		free(l);
		line = end ? end + 1 : NULL;
	}
}

/* Run args (NULL-terminated) on the demo, succeeding or refused as expected; check both streams. */
static void run(struct fixture *fx, int want, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1], what[256] = "";
	size_t len = 0;
	va_list ap;

	va_start(ap, want);
	harness_args_va(argv, 0, ap);
	va_end(ap);
	for (size_t i = 0; argv[i] && len < sizeof(what) - 1; i++)
		len += (size_t)snprintf(what + len, sizeof(what) - len, "%s%s", i ? " " : "",
		                        argv[i]);
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	if (fx->last.status != want)
		fail_msg("%s: exit %d, not %d; stderr: %s", what, fx->last.status, want,
		         fx->last.err);
	check_dutch(what, fx->last.out);
	check_dutch(what, fx->last.err);
}

/* Every kind of record the command line lists: its list, and its first record shown. */
static void test_lists_and_shows(void **state)
{
	struct fixture *fx = *state;

	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->eflags & EF_INTERNAL)
			continue;
		run(fx, 0, def->name, "list", "--limit", "40", NULL);
		if (strstr(fx->last.out, "\n1 ") || strstr(fx->last.out, "\n1  "))
			run(fx, 0, def->name, "show", "1", NULL);
	}
	/* Labels, not codes, in the human columns; headings in Dutch. */
	run(fx, 0, "session", "list", "--limit", "20", NULL);
	assert_non_null(strstr(fx->last.out, "een-op-eengesprek"));
	assert_non_null(strstr(fx->last.out, "soort"));
	run(fx, 0, "assessment", "list", NULL);
	assert_non_null(strstr(fx->last.out, "nog niet geschikt"));
	run(fx, 0, "audit", "list", "--limit", "5", NULL);
	assert_non_null(strstr(fx->last.out, "lokale beheerder"));
	assert_non_null(strstr(fx->last.out, "persoon"));
	assert_non_null(strstr(fx->last.out, "toegevoegd"));
	run(fx, 0, "--as", "jeroen.bakker@vandijk.example", "session", "show", "12", NULL);
	assert_non_null(strstr(fx->last.out, "meeloopdag"));
	assert_non_null(strstr(fx->last.out, "copiloot"));
}

/* The organisation's reports: overview, alerts, planners, the advisor. */
static void test_reports(void **state)
{
	struct fixture *fx = *state;

	run(fx, 0, "overview", NULL);
	run(fx, 0, "alerts", NULL);
	run(fx, 0, "alerts", "--all", NULL);
	run(fx, 0, "alerts", "--summary", NULL);
	assert_non_null(strstr(fx->last.out, "  intern "));
	run(fx, 0, "plan", "capacity", NULL);
	run(fx, 0, "incentive", "--coach", "4", NULL);
	run(fx, 0, "leadership", NULL);
	run(fx, 0, "team", "activity", "--manager", "2", NULL);
	run(fx, 0, "org", "show", NULL);
	run(fx, 0, "org", "list", NULL);
	for (int i = 1; i <= 4; i++) {
		char path[600];
		snprintf(path, sizeof(path), "%s/docs/advisor/example-%d.json", SOURCE_DIR, i);
		run(fx, 0, "advise", "--answers", path, NULL);
	}
	assert_null(strstr(fx->last.out, "(uit trust"));
}

/* The same as people of every role: agenda, overview, alerts, team, lists. */
static void test_as_people(void **state)
{
	struct fixture *fx = *state;
	static const char *const people[] = {
		"annelies.devries@vandijk.example",    "jeroen.bakker@vandijk.example",
		"sandra.visser@vandijk.example",       "lotte.mulder@vandijk.example",
		"erik.vanleeuwen@vandijk.example",     "linda.smit@vandijk.example",
		"kees.mulder@kompas-coaching.example",
	};

	for (size_t i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
		const char *as = people[i];
		harness_run(&fx->last, fx->db, NULL, "--as", as, "overview", NULL);
		check_dutch(as, fx->last.out);
		check_dutch(as, fx->last.err);
		harness_run(&fx->last, fx->db, NULL, "--as", as, "alerts", NULL);
		check_dutch(as, fx->last.out);
		check_dutch(as, fx->last.err);
		harness_run(&fx->last, fx->db, NULL, "--as", as, "team", "activity", NULL);
		check_dutch(as, fx->last.out);
		check_dutch(as, fx->last.err);
		if (i > 0) {
			run(fx, 0, "--as", as, "agenda", "--week", NULL);
			run(fx, 0, "--as", as, "session", "list", "--limit", "30", NULL);
			run(fx, 0, "--as", as, "action", "list", "--limit", "30", NULL);
		}
	}
}

/* The command line's own refusals, and what add, update and remove say. */
static void test_refusals_and_changes(void **state)
{
	struct fixture *fx = *state;

	run(fx, 2, "session", "list", "--foo", "1", NULL);
	assert_non_null(strstr(fx->last.err, "onbekende optie '--foo'"));
	run(fx, 2, "session", "show", NULL);
	assert_non_null(strstr(fx->last.err, "het id van een sessie"));
	run(fx, 2, "session", "show", "abc", NULL);
	run(fx, 2, "session", "update", "1", NULL);
	assert_non_null(strstr(fx->last.err, "niets te wijzigen"));
	run(fx, 2, "session", "list", "--notes", "x", NULL);
	run(fx, 2, "audit", "add", NULL);
	run(fx, 2, "bogus", NULL);
	assert_non_null(strstr(fx->last.err, "onbekende opdracht 'bogus'"));
	run(fx, 2, "--bogus", NULL);
	run(fx, 2, "alerts", "ack", NULL);
	run(fx, 2, "alerts", "--team", "x", NULL);
	run(fx, 2, "agenda", NULL);
	run(fx, 2, "incentive", "--month", "2026-10", NULL);
	run(fx, 2, "plan", "capacity", "--manager", "x", NULL);
	run(fx, 2, "org", "set", NULL);
	run(fx, 2, "advise", "--foo", NULL);
	run(fx, 0, "skill", "add", "--code", "listening", "--name", "Luisteren", NULL);
	assert_non_null(strstr(fx->last.out, "vaardigheid "));
	assert_non_null(strstr(fx->last.out, " toegevoegd"));
	long long id = harness_added_id(fx->last.out);
	assert_true(id > 0);
	run(fx, 0, "skill", "update", idt(id), "--name", "Actief luisteren", NULL);
	assert_non_null(strstr(fx->last.out, " bijgewerkt"));
	run(fx, 0, "skill", "remove", idt(id), NULL);
	assert_non_null(strstr(fx->last.out, " verwijderd"));
}

/* The demo's summary speaks the demo organisation's language. */
static void test_demo_summary(void **state)
{
	struct fixture *fx = *state;
	char db[700];

	snprintf(db, sizeof(db), "%s/summary.db", fx->dir);
	harness_run(&fx->last, db, NULL, "demo", NULL);
	harness_expect_ok(&fx->last, "demo");
	check_dutch("demo", fx->last.out);
	assert_non_null(strstr(fx->last.out, "De demo-organisatie"));
	assert_non_null(strstr(fx->last.out, "Logins voor `salescoach serve`"));
	unlink(db);
}

/* --lang en still speaks English, with labels in place of codes. */
static void test_english_on_request(void **state)
{
	struct fixture *fx = *state;

	harness_run(&fx->last, fx->db, NULL, "--lang", "en", "session", "list", "--limit", "5",
	            NULL);
	harness_expect_ok(&fx->last, "session list --lang en");
	assert_non_null(strstr(fx->last.out, "one-to-one"));
	assert_non_null(strstr(fx->last.out, "assignment"));
	harness_run(&fx->last, fx->db, NULL, "--lang", "en", "incentive", "--coach", "4", NULL);
	harness_expect_ok(&fx->last, "incentive --lang en");
	assert_non_null(strstr(fx->last.out, "coaching held in"));
	assert_null(strstr(fx->last.out, " 1 sessions"));
	assert_null(strstr(fx->last.out, " 1 coachees"));
}

static int setup_all(void **state)
{
	load_english();
	return setup_demo_db(state);
}

static int teardown_all(void **state)
{
	for (size_t i = 0; i < nenglish; i++)
		free(english[i]);
	free(english);
	return teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_and_shows), cmocka_unit_test(test_reports),
		cmocka_unit_test(test_as_people),       cmocka_unit_test(test_refusals_and_changes),
		cmocka_unit_test(test_demo_summary),    cmocka_unit_test(test_english_on_request),
	};
	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
