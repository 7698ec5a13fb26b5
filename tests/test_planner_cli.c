/*
 * test_planner_cli.c - the planner commands as a user meets them: the real
 * program (SALESCOACH_BIN) on the demo organisation, loaded once into a
 * temporary database on the reference day (SALESCOACH_NOW, set by the test
 * environment): `plan capacity`, `incentive --coach --month`, `leadership`,
 * their languages, their JSON, their refusals, and the entity commands of
 * the nouns `plan` and `incentive`, which must keep working beside them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

extern char **environ;

#define MAX_ARGS 32

struct fixture {
	char dir[512];
	char db[600];
	int status;      /* exit code of the last run, -1 when it did not exit */
	char *out, *err; /* its stdout and stderr, owned */
	char erik[24], nicole[24], bas[24], jeroen_coach[24], sandra[24];
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	char chunk[4096];
	size_t n;

	assert_non_null(m);
	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	if (f)
		fclose(f);
	fclose(m);
	return buf;
}

/* Run `salescoach --db DB args...` (NULL-terminated); returns the exit code. */
static int sc(struct fixture *fx, ...)
{
	const char *bin = getenv("SALESCOACH_BIN");
	char *args[MAX_ARGS + 4], *envp[512], out[700], err[700];
	posix_spawn_file_actions_t fa;
	size_t n = 0, e = 0;
	va_list ap;
	char *a;
	pid_t pid;
	int ws, rc;

	if (!bin || !*bin)
		fail_msg("SALESCOACH_BIN is not set; run the tests with `meson test`");
	free(fx->out);
	free(fx->err);
	args[n++] = (char *)bin;
	args[n++] = (char *)"--db";
	args[n++] = fx->db;
	va_start(ap, fx);
	while ((a = va_arg(ap, char *)) && n < MAX_ARGS)
		args[n++] = a;
	va_end(ap);
	args[n] = NULL;
	for (char **p = environ; *p && e < 510; p++)
		if (strncmp(*p, "SALESCOACH_DB=", 14) != 0)
			envp[e++] = *p;
	envp[e] = NULL;
	snprintf(out, sizeof(out), "%s/stdout", fx->dir);
	snprintf(err, sizeof(err), "%s/stderr", fx->dir);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	rc = posix_spawn(&pid, bin, &fa, NULL, args, envp);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		fail_msg("cannot run %s: %s", bin, strerror(rc));
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			fail_msg("waitpid: %s", strerror(errno));
	fx->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	fx->out = slurp(out);
	fx->err = slurp(err);
	return fx->status;
}

static void expect_ok(struct fixture *fx, const char *what)
{
	if (fx->status != 0)
		fail_msg("%s: exit %d, stderr: %s", what, fx->status, fx->err);
}

/* The last run printed text on stdout. */
static void expect_out(struct fixture *fx, const char *text)
{
	expect_ok(fx, text);
	if (!strstr(fx->out, text))
		fail_msg("stdout does not hold '%s':\n%s", text, fx->out);
}

/* The last run was refused as invalid input (exit 2), saying this. */
static void expect_refused(struct fixture *fx, const char *mentions)
{
	if (fx->status != 2)
		fail_msg("exit %d, expected 2; stderr: %s", fx->status, fx->err);
	if (strncmp(fx->err, "salescoach: ", 12) != 0 || !strstr(fx->err, mentions))
		fail_msg("the message does not mention '%s': %s", mentions, fx->err);
	if (fx->out[0])
		fail_msg("a refusal printed on stdout: %s", fx->out);
}

static json_t *parsed(struct fixture *fx, const char *what)
{
	json_error_t jerr;
	json_t *j;

	expect_ok(fx, what);
	if (!(j = json_loads(fx->out, 0, &jerr)))
		fail_msg("%s: stdout is not JSON (%s): %s", what, jerr.text, fx->out);
	return j;
}

/* The id (as text) of the coach profile of the person with this e-mail address. */
static void coach_of(struct fixture *fx, const char *email, char out[24])
{
	char person[24];
	sc(fx, "person", "list", "--json", "--email", email, NULL);
	json_t *p = parsed(fx, email);
	assert_int_equal(json_array_size(p), 1);
	snprintf(person, sizeof(person), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(p, 0), "id")));
	json_decref(p);
	sc(fx, "coach", "list", "--json", "--person", person, NULL);
	json_t *c = parsed(fx, email);
	assert_int_equal(json_array_size(c), 1);
	snprintf(out, 24, "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(c, 0), "id")));
	json_decref(c);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/salescoach-plan-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/demo.db", fx->dir);
	*state = fx;
	if (sc(fx, "demo", NULL) != 0) {
		fprintf(stderr, "demo: %s\n", fx->err);
		return -1;
	}
	coach_of(fx, "erik.vanleeuwen@vandijk.example", fx->erik);
	coach_of(fx, "nicole.hendriks@vandijk.example", fx->nicole);
	coach_of(fx, "bas.dekker@vandijk.example", fx->bas);
	coach_of(fx, "jeroen.bakker@vandijk.example", fx->jeroen_coach);
	sc(fx, "person", "list", "--json", "--email", "sandra.visser@vandijk.example", NULL);
	json_t *p = parsed(fx, "sandra");
	snprintf(fx->sandra, sizeof(fx->sandra), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(p, 0), "id")));
	json_decref(p);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	DIR *d = opendir(fx->dir);
	struct dirent *ent;
	char path[1100];

	while (d && (ent = readdir(d)))
		if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", fx->dir, ent->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(fx->dir);
	free(fx->out);
	free(fx->err);
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
	expect_out(fx, "Maximum span that fits: 7 coachees at 3 h each (span of control now 11).");
	/* Jeroen fits exactly. */
	expect_out(fx, "Needed: 8 coachees × 3.25 h = 26 h per month");
	expect_out(fx, "No shortfall: 0 h per month to spare.");
	expect_out(fx, "Maximum span that fits: 8 coachees");

	/* The demo organisation's locale is nl: Dutch without --lang. */
	sc(fx, "plan", "capacity", NULL);
	expect_out(fx, "Tekort: 8,33 u per maand (1,92 u per week).");
	expect_out(fx, "Grootste span die past: 7 coachees");
}

static void test_capacity_json(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "plan", "capacity", "--manager", fx->sandra, "--json", NULL);
	json_t *j = parsed(fx, "plan capacity --json");
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
	j = parsed(fx, "--json plan capacity");
	assert_int_equal(json_array_size(json_object_get(j, "managers")), 2);
	json_decref(j);
}

static void test_capacity_refusals(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "plan", "capacity", "--manager", "abc", NULL);
	expect_refused(fx, "--manager: 'abc' is not an id");
	sc(fx, "plan", "capacity", "--manager", "99999", NULL);
	expect_refused(fx, "no person 99999");
	sc(fx, "plan", "capacity", "--lang", "fr", NULL);
	expect_refused(fx, "use en or nl");
	sc(fx, "plan", "capacity", "--coach", "1", NULL);
	expect_refused(fx, "unknown option '--coach'");
	sc(fx, "plan", "capacity", "extra", NULL);
	expect_refused(fx, "unexpected argument 'extra'");
}

/* ---- incentive ----------------------------------------------------------------------------- */

static void test_incentive(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "incentive", "--coach", fx->erik, "--month", "2026-10", "--json", NULL);
	json_t *j = parsed(fx, "incentive erik");
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
	expect_out(fx, "Not applied: the quota is €70,000; lower it by €1,500 to €68,500.");
	expect_out(fx, "Bonus component: 15 % × €10,000 × 116 % = €1,740 per year.");
	sc(fx, "incentive", "--coach", fx->nicole, "--month", "2026-10", NULL);
	expect_out(fx,
	           "Niet toegepast: het target is € 70.000; verlaag het met € 1.500 tot € 68.500.");
}

static void test_incentive_refusals(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "incentive", "--coach", fx->erik, NULL);
	expect_refused(fx, "--month YYYY-MM");
	sc(fx, "incentive", "--coach", fx->erik, "--month", "oktober", NULL);
	expect_refused(fx, "'oktober' is not a month");
	sc(fx, "incentive", "--coach", fx->bas, "--month", "2026-10", NULL);
	expect_refused(fx, "Bas Dekker has no incentive plan covering 2026-10");
	sc(fx, "incentive", "--coach", fx->jeroen_coach, "--month", "2026-10", NULL);
	expect_refused(fx, "senior coaches only");
	sc(fx, "incentive", "--coach", "99999", "--month", "2026-10", NULL);
	expect_refused(fx, "no coach profile 99999");
	sc(fx, "incentive", "--coach", fx->erik, "--month", "2027-03", NULL);
	expect_refused(fx, "no sales result for 2027-03");
}

/* `plan` and `incentive` stay entity nouns. */
static void test_entity_nouns_still_work(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "incentive", "list", "--json", NULL);
	json_t *j = parsed(fx, "incentive list");
	assert_int_equal(json_array_size(j), 2);
	json_decref(j);
	sc(fx, "plan", "list", "--json", "--limit", "3", NULL);
	j = parsed(fx, "plan list");
	assert_int_equal(json_array_size(j), 3);
	json_decref(j);
	sc(fx, "plan", "--help", NULL);
	expect_out(fx, "capacity [--manager PERSON_ID]");
	sc(fx, "incentive", "--help", NULL);
	expect_out(fx, "salescoach incentive --coach ID --month YYYY-MM");
	sc(fx, "--help", NULL);
	expect_out(fx, "plan capacity");
	expect_out(fx, "leadership");
}

/* ---- leadership ---------------------------------------------------------------------------- */

static void test_leadership(void **state)
{
	struct fixture *fx = *state;
	static const char *const order[] = { "Nicole Hendriks", "Erik van Leeuwen", "Bas Dekker" };
	static const double scores[] = { 84.3, 82.2, 68.2 };

	sc(fx, "leadership", "--json", NULL);
	json_t *j = parsed(fx, "leadership");
	json_t *rows = json_object_get(j, "coaches");
	assert_int_equal(json_array_size(rows), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *r = json_array_get(rows, i);
		assert_string_equal(json_string_value(json_object_get(r, "name")), order[i]);
		assert_int_equal(json_integer_value(json_object_get(r, "rank")), (int)i + 1);
		assert_float_equal(json_number_value(json_object_get(r, "score")), scores[i], 1e-9);
	}
	json_t *bas = json_object_get(json_array_get(rows, 2), "regularity");
	assert_int_equal(json_integer_value(json_object_get(bas, "months_met")), 7);
	assert_int_equal(json_integer_value(json_object_get(bas, "months")), 8);
	json_decref(j);

	sc(fx, "leadership", "--lang", "en", NULL);
	expect_out(fx, "Senior coaches ranked on leadership potential on 2026-11-28");
	expect_out(fx, "88 % (7/8)");
	expect_out(fx, "score = 40 × (feedback − 1) / 4");
	sc(fx, "leadership", "extra", NULL);
	expect_refused(fx, "unexpected argument 'extra'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity_text),
		cmocka_unit_test(test_capacity_json),
		cmocka_unit_test(test_capacity_refusals),
		cmocka_unit_test(test_incentive),
		cmocka_unit_test(test_incentive_refusals),
		cmocka_unit_test(test_entity_nouns_still_work),
		cmocka_unit_test(test_leadership),
	};
	return cmocka_run_group_tests_name("planner_cli", tests, setup, teardown);
}
