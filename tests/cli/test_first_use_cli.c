/*
 * test_first_use_cli.c - what someone meets in their first minutes with the
 * command line, through the real program (SALESCOACH_BIN): a mistyped --db
 * is refused by every command that reads, and creates nothing; only the
 * commands that create an organisation create a database; `org add` says
 * the slug that --org needs; `org list` and `--help` are aligned tables; the
 * help speaks of "an incentive", not "a incentive".
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
	char db[600];      /* a database the test makes when it needs one */
	char missing[700]; /* a database in a folder that does not exist */
	struct harness_run last;
};

#define sc(fx, ...) harness_run(&(fx)->last, (fx)->db, NULL, __VA_ARGS__)

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-first")) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/first.db", fx->dir);
	snprintf(fx->missing, sizeof(fx->missing), "%s/typo/salescoach.db", fx->dir);
	*state = fx;
	return 0;
}

/* Remove path and what SQLite keeps beside it, and the folder the test made for it. */
static void remove_db(const char *path)
{
	char side[800], dir[800];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	remove_db(fx->missing);
	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* ---- a --db that does not exist ------------------------------------------------------------ */

/* Every command that reads or changes an organisation, on a --db that does not exist. */
static void test_a_missing_database_is_refused_and_not_created(void **state)
{
	struct fixture *fx = *state;
	static const char *const commands[][8] = {
		{ "overview" },
		{ "alerts" },
		{ "alerts", "--json" },
		{ "alerts", "ack", "span-too-wide:team-3", "--reason", "Reorganisation" },
		{ "org", "list" },
		{ "org", "show" },
		{ "org", "set", "max_span", "8" },
		{ "person", "list" },
		{ "person", "add", "--name", "Sanne de Vries" },
		{ "session", "show", "1" },
		{ "audit", "list" },
		{ "access", "list" },
		{ "plan", "capacity" },
		{ "incentive", "--coach", "1", "--month", "2026-10" },
		{ "leadership" },
		{ "account", "setup", "--email", "sanne@example.com", "--role", "admin" },
		{ "serve", "--listen", "127.0.0.1:0" },
	};
	char dir[800], says[800];

	snprintf(dir, sizeof(dir), "%s/typo", fx->dir);
	snprintf(says, sizeof(says), "no database at %s;", fx->missing);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char *argv[10] = { 0 };
		for (size_t k = 0; k < 8 && commands[i][k]; k++)
			argv[k] = (char *)commands[i][k];
		harness_run_argv(&fx->last, fx->missing, NULL, NULL, argv);
		harness_expect_refused(&fx->last, commands[i][0], says);
		if (!strstr(fx->last.err, "demo` or `salescoach --db") ||
		    !strstr(fx->last.err, "org add --name NAME` creates one"))
			fail_msg("%s %s: the refusal does not say how to create a database: %s",
			         commands[i][0], commands[i][1] ? commands[i][1] : "",
			         fx->last.err);
		if (exists(dir))
			fail_msg("%s %s created %s", commands[i][0],
			         commands[i][1] ? commands[i][1] : "", dir);
	}

	/* SALESCOACH_DB names it just as well. */
	char setting[800];
	char *env[] = { setting, NULL };
	char *overview[] = { "overview", NULL };
	snprintf(setting, sizeof(setting), "SALESCOACH_DB=%s", fx->missing);
	harness_run_argv(&fx->last, NULL, env, NULL, overview);
	harness_expect_refused(&fx->last, "overview with SALESCOACH_DB", says);
	assert_false(exists(dir));
}

/* The commands that create an organisation create the database and its folder. */
static void test_org_add_gen_and_demo_create_a_database(void **state)
{
	struct fixture *fx = *state;

	harness_run(&fx->last, fx->missing, NULL, "org", "add", "--name", "Bakker Print", NULL);
	harness_expect_ok(&fx->last, "org add on a new --db");
	assert_true(exists(fx->missing));
	harness_run(&fx->last, fx->missing, NULL, "person", "list", NULL);
	harness_expect_ok(&fx->last, "person list after org add");
	remove_db(fx->missing);

	harness_run(&fx->last, fx->missing, NULL, "gen", "--reps", "10", "--months", "1", "--seed",
	            "3", NULL);
	harness_expect_ok(&fx->last, "gen on a new --db");
	assert_true(exists(fx->missing));
	remove_db(fx->missing);

	harness_run(&fx->last, fx->missing, NULL, "demo", NULL);
	harness_expect_ok(&fx->last, "demo on a new --db");
	harness_run(&fx->last, fx->missing, NULL, "overview", NULL);
	harness_expect_ok(&fx->last, "overview of the demo");
}

/* ---- org add and org list ------------------------------------------------------------------ */

static void test_org_add_says_the_slug(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "org", "add", "--name", "Van Dijk Kantoorsystemen", "--locale", "nl", NULL);
	harness_expect_ok(&fx->last, "org add");
	assert_string_equal(fx->last.out,
	                    "organisatie 1 toegevoegd met slug van-dijk-kantoorsystemen\n");

	/* A second one: from now on the commands need --org, and it says so. */
	sc(fx, "org", "add", "--name", "Bakker Print", NULL);
	harness_expect_ok(&fx->last, "a second org add");
	assert_string_equal(fx->last.out,
	                    "added organisation 2 with slug bakker-print\n"
	                    "this database holds 2 organisations: give --org bakker-print to the "
	                    "commands for this one\n");
	sc(fx, "person", "list", NULL);
	harness_expect_usage_error(&fx->last, "person list without --org", "--org");
	sc(fx, "--org", "bakker-print", "person", "list", NULL);
	harness_expect_ok(&fx->last, "person list --org bakker-print");
}

/* A new organisation's skills are named in its language; the codes are the same in every one. */
static void test_the_default_skills_speak_the_organisations_language(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "org", "add", "--name", "Van Dijk Kantoorsystemen", "--locale", "nl", NULL);
	sc(fx, "org", "add", "--name", "Bakker Print", "--locale", "en", NULL);
	sc(fx, "--org", "van-dijk-kantoorsystemen", "skill", "list", NULL);
	harness_expect_ok(&fx->last, "skill list of a Dutch organisation");
	assert_non_null(strstr(fx->last.out, "needs_analysis"));
	assert_non_null(strstr(fx->last.out, "Behoefteanalyse"));
	assert_non_null(strstr(fx->last.out, "Bezwaren behandelen"));
	assert_null(strstr(fx->last.out, "Needs analysis"));
	sc(fx, "--org", "bakker-print", "skill", "list", NULL);
	harness_expect_ok(&fx->last, "skill list of an English organisation");
	assert_non_null(strstr(fx->last.out, "needs_analysis"));
	assert_non_null(strstr(fx->last.out, "Needs analysis"));
	assert_null(strstr(fx->last.out, "Behoefteanalyse"));
}

static void test_org_list_is_an_aligned_table(void **state)
{
	struct fixture *fx = *state;
	char name[64], *line, *save;
	int name_col = -1;

	for (int i = 1; i <= 10; i++) {
		snprintf(name, sizeof(name), "%s %d", i % 2 ? "Van Dijk Kantoorsystemen" : "Brons",
		         i);
		sc(fx, "org", "add", "--name", name, NULL);
		harness_expect_ok(&fx->last, name);
	}
	sc(fx, "org", "list", NULL);
	harness_expect_ok(&fx->last, "org list");
	assert_non_null(
	        strstr(fx->last.out, "van-dijk-kantoorsystemen-9  Van Dijk Kantoorsystemen 9\n"));
	line = strtok_r(fx->last.out, "\n", &save);
	assert_non_null(line);
	/* The header names the columns; slug and name start where they start. */
	assert_int_equal(strncmp(line, "id  ", 4), 0);
	int slug_col = (int)(strstr(line, "slug") - line),
	    header_name = (int)(strstr(line, "name") - line);
	while ((line = strtok_r(NULL, "\n", &save))) {
		const char *slug = line + harness_second_column(line);
		assert_int_equal(harness_second_column(line), slug_col);
		name_col = (int)(strchr(slug, ' ') - line);
		while (line[name_col] == ' ')
			name_col++;
		if (name_col != header_name)
			fail_msg("org list: the name starts at column %d, its header at %d:\n%s",
			         name_col, header_name, line);
	}
}

/* ---- --help -------------------------------------------------------------------------------- */

/* In `salescoach --help`, every option, variable, command and noun has its text in one column. */
static void test_top_help_is_aligned(void **state)
{
	struct fixture *fx = *state;
	char *save, *line;
	int col = -1, rows = 0;

	sc(fx, "--help", NULL);
	harness_expect_ok(&fx->last, "--help");
	assert_non_null(strstr(fx->last.out, "\n  self-assessment  the coachee's self-assessment"));
	for (line = strtok_r(fx->last.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "  ", 2) != 0)
			continue; /* headings and prose */
		int c = line[2] != ' ' ? harness_second_column(line) : (int)strspn(line, " ");
		if (c < 0)
			continue; /* a name too long for the column: its text is on the next line */
		if (col < 0)
			col = c;
		if (c != col)
			fail_msg("--help: this line's text starts at column %d, not %d:\n%s", c,
			         col, line);
		rows++;
	}
	assert_true(rows > 40);
}

/* "an incentive", "an assignment", "an observation": in the help and the refusals. */
static void test_help_says_an_before_a_vowel(void **state)
{
	struct fixture *fx = *state;
	static const char *const nouns[] = { "incentive", "assignment", "observation",
		                             "action",    "appraisal",  "assessment",
		                             "activity",  "person",     "session" };
	char want[128];

	for (size_t i = 0; i < sizeof(nouns) / sizeof(nouns[0]); i++) {
		bool vowel = strchr("aeiou", nouns[i][0]) != NULL;
		sc(fx, nouns[i], "--help", NULL);
		harness_expect_ok(&fx->last, nouns[i]);
		snprintf(want, sizeof(want), "  add      add %s %s\n", vowel ? "an" : "a",
		         nouns[i]);
		if (!strstr(fx->last.out, want))
			fail_msg("%s --help does not say '%s':\n%s", nouns[i], want, fx->last.out);
		snprintf(want, sizeof(want), "change %s %s: update ID", vowel ? "an" : "a",
		         nouns[i]);
		assert_non_null(strstr(fx->last.out, want));
	}
	sc(fx, "org", "add", "--name", "Van Dijk", NULL);
	sc(fx, "observation", "show", NULL);
	harness_expect_refused(&fx->last, "observation show without an id",
	                       "needs the id of an observation");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_a_missing_database_is_refused_and_not_created),
		T(test_org_add_gen_and_demo_create_a_database),
		T(test_org_add_says_the_slug),
		T(test_the_default_skills_speak_the_organisations_language),
		T(test_org_list_is_an_aligned_table),
		T(test_top_help_is_aligned),
		T(test_help_says_an_before_a_vowel),
	};
#undef T
	return cmocka_run_group_tests_name("first use of the command line", tests, NULL, NULL);
}
