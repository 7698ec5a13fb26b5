/*
 * test_input.c - text and numbers at the command line's door, as a user
 * pasting from an old export meets them: text that is not UTF-8, control
 * characters and line breaks are refused for every field of every noun
 * (exit 2, the field named, nothing stored); numbers are decimal digits
 * only; and a database that already holds such bytes (written by an
 * earlier version) is repaired when it is opened, so that the coach reads
 * every record again.
 *
 * The demo organisation is loaded once into a database of the test's own;
 * each test that changes it works on a copy.
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
#include <sqlite3.h>

#include "cli_harness.h"
#include "model/entity.h"
#include "store/store.h"

#define COACH_EMAIL "jeroen.bakker@vandijk.example" /* manager-coach of Lotte */

struct fixture {
	char dir[512];
	char db[600];
	struct harness_run last;
};

/* In English: the demo organisation speaks Dutch, these tests read the English texts. */
#define sc(fx, ...) harness_run(&(fx)->last, (fx)->db, NULL, "--lang", "en", __VA_ARGS__)

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "sc-input") != 0)
		return -1;
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

/* Load the demo into fx->db (a fresh file each test). */
static void load_demo(struct fixture *fx)
{
	remove(fx->db);
	sc(fx, "demo", NULL);
	harness_expect_ok(&fx->last, "demo");
}

/* Rows of every kind of record in the database, audit and access logs included. */
static int64_t all_rows(const char *db)
{
	struct store *st = NULL;
	struct sc_error err;
	struct org *orgs = NULL;
	size_t norgs = 0;
	int64_t total = 0;

	if (store_open_sqlite(db, &st, &err) || store_org_list(st, &orgs, &norgs, &err))
		fail_msg("counting rows of %s: %s", db, err.message);
	for (size_t o = 0; o < norgs; o++)
		for (int k = 0; k < E_COUNT; k++) {
			int64_t n = 0;
			if (store_count(st, orgs[o].id, entity_get((enum entity_kind)k), NULL, 0,
			                &n, &err))
				fail_msg("counting %s: %s", entity_get((enum entity_kind)k)->name,
				         err.message);
			total += n;
		}
	free(orgs);
	store_close(&st);
	return total + (int64_t)norgs;
}

/* "--" and the field's name with '_' as '-'. */
static void option_of(const char *field, char *out, size_t n)
{
	snprintf(out, n, "--%s", field);
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = '-';
}

/* Nouns a user adds records of: every entity but the logs and the internal ones. */
static bool has_noun(const struct entity_def *def)
{
	return !(def->eflags & (EF_READONLY | EF_INTERNAL));
}

/* ---- every field refuses bad text ---------------------------------------------------------- */

static void test_every_field_refuses_bad_text(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *text, *what, *mentions;
		bool one_line_only; /* fine in notes and other multi-line text */
	} bad[] = {
		{ "caf\xe9", "Latin-1 e-acute", "not UTF-8", false },
		{ "Jan \xff", "a byte that is never UTF-8", "not UTF-8", false },
		{ "\xc0\xaf", "an overlong '/'", "not UTF-8", false },
		{ "\xed\xa0\x80", "a UTF-16 surrogate", "not UTF-8", false },
		{ "a\x01"
		  "b",
		  "a control character", "control character", false },
		{ "a\x1b[31mred", "an escape sequence", "control character", false },
		{ "a\xc2\x85"
		  "b",
		  "a C1 control character", "control character", false },
		{ "one\ntwo", "a line break", "one line", true },
		{ "one\ttwo", "a tab", "one line", true },
	};
	char opt[64], what[200];
	size_t runs = 0;

	load_demo(fx);
	int64_t before = all_rows(fx->db);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (!has_noun(def))
			continue;
		for (size_t i = 0; i < def->nfields; i++) {
			const struct field_def *f = &def->fields[i];
			option_of(f->name, opt, sizeof(opt));
			for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
				if (bad[b].one_line_only && entity_text_multiline(f))
					continue;
				snprintf(what, sizeof(what), "%s add %s with %s", def->name, opt,
				         bad[b].what);
				sc(fx, def->name, "add", opt, bad[b].text, NULL);
				harness_expect_refused(&fx->last, what, f->name);
				if (!strstr(fx->last.err, bad[b].mentions))
					fail_msg("%s: the message does not say '%s': %s", what,
					         bad[b].mentions, fx->last.err);
				runs++;
			}
		}
	}
	/* Every field of every noun, so well over a hundred refusals. */
	assert_true(runs > 500);
	assert_int_equal(all_rows(fx->db), before);
}

/* The report that started it: a session whose notes were pasted from an old Windows export. */
static void test_a_session_with_latin1_notes_is_refused_and_nothing_stored(void **state)
{
	struct fixture *fx = *state;

	load_demo(fx);
	sc(fx, "session", "list", "--json", NULL);
	json_t *sessions = harness_json(&fx->last, "session list");
	int64_t asg =
	        json_integer_value(json_object_get(json_array_get(sessions, 0), "assignment"));
	json_decref(sessions);
	int64_t before = all_rows(fx->db);
	char a[24];
	snprintf(a, sizeof(a), "%lld", (long long)asg);

	sc(fx, "session", "add", "--assignment", a, "--kind", "one_to_one", "--at",
	   "2026-11-10T10:00", "--minutes", "60", "--notes", "caf\xe9", NULL);
	harness_expect_refused(&fx->last, "session add --notes caf\\xe9", "notes");
	assert_non_null(strstr(fx->last.err, "save the file as UTF-8"));
	assert_null(strstr(fx->last.err, "out of memory"));
	assert_int_equal(all_rows(fx->db), before);

	/* The same text in UTF-8 is stored, and read back by its coach. */
	sc(fx, "--as", COACH_EMAIL, "assignment", "list", "--json", NULL);
	json_t *mine = harness_json(&fx->last, "the coach's assignments");
	snprintf(a, sizeof(a), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(mine, 0), "id")));
	json_decref(mine);
	sc(fx, "--as", COACH_EMAIL, "session", "add", "--assignment", a, "--kind", "one_to_one",
	   "--at", "2026-11-10T10:00", "--minutes", "60", "--notes", "caf\xc3\xa9", "--json", NULL);
	json_t *added = harness_json(&fx->last, "session add with UTF-8 notes");
	assert_string_equal(json_string_value(json_object_get(added, "notes")), "caf\xc3\xa9");
	json_decref(added);
}

/* Not out of memory: the message says what is wrong with the name. */
static void test_a_name_that_is_not_utf8_says_so(void **state)
{
	struct fixture *fx = *state;

	load_demo(fx);
	sc(fx, "person", "add", "--name", "Jan \xff", "--email", "jan@vandijk.example", NULL);
	harness_expect_refused(&fx->last, "person add --name 'Jan \\xff'",
	                       "name: the text is not UTF-8");
	assert_null(strstr(fx->last.err, "memory"));
	sc(fx, "org", "add", "--name", "Caf\xe9 BV", NULL);
	harness_expect_refused(&fx->last, "org add --name 'Caf\\xe9 BV'", "not UTF-8");
	sc(fx, "org", "set", "timezone", "Europe/\xff", NULL);
	harness_expect_refused(&fx->last, "org set timezone with a byte not UTF-8", "timezone");
}

/* ---- numbers -------------------------------------------------------------------------------- */

static void test_numbers_are_decimal_digits_only(void **state)
{
	struct fixture *fx = *state;
	static const char *const not_decimal[] = { "0x3C", "6e1",  " 60", "60 ", "+60",
		                                   "0b1",  "inf",  "nan", "60.", ".5",
		                                   "1,5",  "--60", "",    "٦٠" };

	load_demo(fx);
	sc(fx, "session", "list", "--json", "--limit", "1", NULL);
	json_t *one = harness_json(&fx->last, "session list");
	char id[24];
	snprintf(id, sizeof(id), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(one, 0), "id")));
	int64_t minutes = json_integer_value(json_object_get(json_array_get(one, 0), "minutes"));
	json_decref(one);
	int64_t before = all_rows(fx->db);

	for (size_t i = 0; i < sizeof(not_decimal) / sizeof(not_decimal[0]); i++) {
		char what[80];
		snprintf(what, sizeof(what), "session update --minutes '%s'", not_decimal[i]);
		sc(fx, "session", "update", id, "--minutes", not_decimal[i], NULL);
		/* "" clears a field, and minutes may not be cleared: refused as well. */
		harness_expect_refused(&fx->last, what, "minutes");
	}
	sc(fx, "result", "add", "--rep", "2", "--month", "2026-11", "--quota", "1000", "--revenue",
	   "1e6", NULL);
	harness_expect_refused(&fx->last, "result add --revenue 1e6", "revenue");
	sc(fx, "session", "update", id, "--minutes", "99999999999999999999999", NULL);
	harness_expect_refused(&fx->last, "--minutes 99999999999999999999999",
	                       "minutes: 99999999999999999999999 is out of range");
	sc(fx, "session", "list", "--limit", "0x10", NULL);
	harness_expect_refused(&fx->last, "--limit 0x10", "--limit");
	sc(fx, "session", "show", "+1", NULL);
	harness_expect_refused(&fx->last, "session show +1", "is not an id");
	assert_int_equal(all_rows(fx->db), before);
	sc(fx, "org", "set", "k", "0x5", NULL);
	harness_expect_refused(&fx->last, "org set k 0x5", "decimal");

	/* --help says so, in the organisation's language (Dutch), or in the one --lang names. */
	harness_run(&fx->last, fx->db, NULL, "session", "add", "--help", NULL);
	harness_expect_ok(&fx->last, "session add --help");
	assert_non_null(
	        strstr(fx->last.out, "Getallen zijn decimale cijfers met een punt (60, 2.5)"));
	sc(fx, "--lang", "en", "session", "add", "--help", NULL);
	harness_expect_ok(&fx->last, "--lang en session add --help");
	assert_non_null(strstr(fx->last.out, "Numbers are decimal digits"));

	/* What is decimal is taken, and stored as written. */
	char other[24];
	snprintf(other, sizeof(other), "%lld", (long long)(minutes == 45 ? 50 : 45));
	sc(fx, "session", "update", id, "--minutes", other, "--json", NULL);
	json_t *after = harness_json(&fx->last, "session update --minutes");
	assert_int_equal(json_integer_value(json_object_get(after, "minutes")), atoll(other));
	json_decref(after);
}

static void test_org_add_prints_json_like_every_other_add(void **state)
{
	struct fixture *fx = *state;

	remove(fx->db);
	sc(fx, "org", "add", "--name", "Elders BV", "--locale", "nl", "--json", NULL);
	json_t *org = harness_json(&fx->last, "org add --json");
	assert_true(json_integer_value(json_object_get(org, "id")) > 0);
	assert_string_equal(json_string_value(json_object_get(org, "name")), "Elders BV");
	assert_string_equal(json_string_value(json_object_get(org, "slug")), "elders-bv");
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(org, "settings"), "locale")),
	        "nl");
	json_decref(org);
	sc(fx, "org", "add", "--name", "\xc3\x9c", NULL);
	harness_expect_refused(&fx->last, "org add with a name that makes no slug", "slug:");
}

/* ---- a database written by an earlier version ---------------------------------------------- */

/* Run sql on the database file at db directly, as an earlier version's writes would. */
static void raw_sql(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;
	if (sqlite3_open(db, &h) != SQLITE_OK ||
	    sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("raw SQL on %s: %s", db, msg ? msg : sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* How many elements the JSON array on stdout of the last run has. */
static size_t json_length(struct fixture *fx, const char *what)
{
	json_t *j = harness_json(&fx->last, what);
	size_t n = json_array_size(j);
	json_decref(j);
	return n;
}

static void test_an_old_database_with_bytes_not_utf8_is_readable_again(void **state)
{
	struct fixture *fx = *state;

	load_demo(fx);
	/* What the coach reads before the bad bytes go in. */
	sc(fx, "--as", COACH_EMAIL, "session", "list", "--json", "--limit", "100000", NULL);
	size_t sessions = json_length(fx, "the coach's sessions");
	sc(fx, "--as", COACH_EMAIL, "action", "list", "--json", "--limit", "100000", NULL);
	size_t actions = json_length(fx, "the coach's action items");
	sc(fx, "--as", COACH_EMAIL, "plan", "list", "--json", "--limit", "100000", NULL);
	size_t plans = json_length(fx, "the coach's plans");
	assert_true(sessions > 5 && actions > 0 && plans > 0);

	sc(fx, "audit", "list", "--json", "--limit", "1000000", NULL);
	int64_t audit_before = (int64_t)json_length(fx, "the audit log before");

	/* An earlier version stored Latin-1 notes, goals, action text and a name. */
	raw_sql(fx->db, "UPDATE coaching_session SET notes = CAST(X'436166E920E9E9' AS TEXT), "
	                "  agenda = CAST(X'41FF42' AS TEXT);"
	                "UPDATE action_item SET text = CAST(X'6E61E976652C2063616CE9' AS TEXT);"
	                "UPDATE coaching_plan SET goals = CAST(X'C0AF' AS TEXT);"
	                "UPDATE person SET name = CAST(X'4A616E20FF' AS TEXT) WHERE email = "
	                "  'lotte.mulder@vandijk.example';"
	                "DELETE FROM schema_version WHERE version = 6;");

	/* The first open repairs: the coach reads every record, with U+FFFD for the bad bytes. */
	sc(fx, "--as", COACH_EMAIL, "session", "list", "--json", "--limit", "100000", NULL);
	json_t *list = harness_json(&fx->last, "the coach's sessions after repair");
	assert_int_equal(json_array_size(list), sessions);
	int64_t first = json_integer_value(json_object_get(json_array_get(list, 0), "id"));
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "notes")),
	                    "Caf\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd");
	json_decref(list);
	sc(fx, "--as", COACH_EMAIL, "action", "list", "--json", "--limit", "100000", NULL);
	assert_int_equal(json_length(fx, "the coach's action items after repair"), actions);
	sc(fx, "--as", COACH_EMAIL, "plan", "list", "--json", "--limit", "100000", NULL);
	list = harness_json(&fx->last, "the coach's plans after repair");
	assert_int_equal(json_array_size(list), plans);
	/* An overlong form is one maximal invalid part per byte: two replacements. */
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "goals")),
	                    "\xef\xbf\xbd\xef\xbf\xbd");
	json_decref(list);
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)first);
	sc(fx, "--as", COACH_EMAIL, "session", "show", id, "--json", NULL);
	json_t *one = harness_json(&fx->last, "session show after repair");
	assert_string_equal(json_string_value(json_object_get(one, "agenda")), "A\xef\xbf\xbd"
	                                                                       "B");
	json_decref(one);
	sc(fx, "person", "list", "--json", "--email", "lotte.mulder@vandijk.example", NULL);
	list = harness_json(&fx->last, "Lotte after repair");
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "name")),
	                    "Jan \xef\xbf\xbd");
	json_decref(list);

	/* Each repaired value is in the audit log, private content redacted; once only. */
	sc(fx, "audit", "list", "--json", "--action", "repair", "--limit", "1000000", NULL);
	list = harness_json(&fx->last, "repair rows of the audit log");
	size_t repairs = json_array_size(list);
	assert_true(repairs >= 2 * sessions + actions + plans + 1);
	bool saw_person = false;
	for (size_t i = 0; i < repairs; i++) {
		json_t *row = json_array_get(list, i);
		const char *entity = json_string_value(json_object_get(row, "entity"));
		const char *after = json_string_value(json_object_get(row, "after"));
		if (!strcmp(entity, "person")) {
			saw_person = true;
			assert_string_equal(after, "{\"name\":\"Jan \xef\xbf\xbd\"}");
		} else {
			assert_non_null(strstr(after, "[private]"));
			assert_null(strstr(after, "Caf"));
		}
	}
	assert_true(saw_person);
	json_decref(list);
	sc(fx, "audit", "list", "--json", "--limit", "1000000", NULL);
	int64_t audit_after = (int64_t)json_length(fx, "the audit log after");
	assert_int_equal(audit_after, audit_before + (int64_t)repairs);
	sc(fx, "session", "list", "--limit", "1", NULL);
	sc(fx, "audit", "list", "--json", "--limit", "1000000", NULL);
	assert_int_equal((int64_t)json_length(fx, "the audit log after a second open"),
	                 audit_after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_field_refuses_bad_text, setup, teardown),
		cmocka_unit_test_setup_teardown(
		        test_a_session_with_latin1_notes_is_refused_and_nothing_stored, setup,
		        teardown),
		cmocka_unit_test_setup_teardown(test_a_name_that_is_not_utf8_says_so, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_numbers_are_decimal_digits_only, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_org_add_prints_json_like_every_other_add,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(
		        test_an_old_database_with_bytes_not_utf8_is_readable_again, setup,
		        teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
