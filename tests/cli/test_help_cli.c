/*
 * test_help_cli.c - every --help in the organisation's language: Dutch with
 * --lang nl, and without it on a database whose organisation is Dutch (the
 * demo); English with --lang en, without a database, or when the database
 * does not hold one organisation. Asking for help never creates a database.
 * The English help texts of the records (msg/en/help.json) are those of
 * src/model/entity.c, which the OpenAPI document is generated from.
 */
#include "cli_fixture.h"

#include "base/msg.h"

#ifndef SOURCE_DIR
#error "SOURCE_DIR must name the source tree (tests/meson.build sets it)"
#endif

/* The English help catalogue, read once: id -> text. */
static json_t *catalogue_en;

static int load_catalogues(void **state)
{
	json_error_t e;
	(void)state;
	catalogue_en = json_load_file(SOURCE_DIR "/msg/en/help.json", 0, &e);
	return catalogue_en ? 0 : -1;
}

static int free_catalogues(void **state)
{
	(void)state;
	json_decref(catalogue_en);
	return 0;
}

/* s without the spaces around it, into buf (size n). */
static const char *trimmed(const char *s, size_t len, char *buf, size_t n)
{
	while (len && *s == ' ')
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	snprintf(buf, n, "%.*s", (int)(len < n ? len : n - 1), s);
	return buf;
}

/* True when the text has line (trimmed) as one of its lines, trimmed. */
static bool has_line(const char *text, const char *line)
{
	char buf[512];
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (!strcmp(trimmed(p, len, buf, sizeof(buf)), line))
			return true;
		p += len + (end != NULL);
	}
	return false;
}

/* True when line is command syntax, the same in every language ("salescoach org add ..."). */
static bool is_syntax(const char *line)
{
	static const char *const starts[] = { "salescoach ", "printf ", "[", "add --",
		                              "capacity [" };
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		if (!strncmp(line, starts[i], strlen(starts[i])))
			return true;
	return false;
}

/*
 * Fail when a line of out (a Dutch help) is a line of an English help text:
 * a whole line of a longer text, or a text of one line (a field's, a
 * record's, a command's) anywhere in it. Command syntax is no English, and
 * neither are single words ("self-assessment") or ones shorter than 12
 * characters ("true/false").
 */
static void expect_no_english(const char *out, const char *what)
{
	const char *id;
	json_t *v;
	char line[512];

	json_object_foreach(catalogue_en, id, v)
	{
		const char *en = json_string_value(v);
		if (!strchr(en, '\n')) {
			if (strlen(en) >= 12 && strchr(en, ' ') && !strchr(en, '{') &&
			    strstr(out, en))
				fail_msg("%s: the English '%s' (%s) is in the Dutch help:\n%s",
				         what, en, id, out);
			continue;
		}
		for (const char *p = en; *p;) {
			const char *end = strchr(p, '\n');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			trimmed(p, len, line, sizeof(line));
			p += len + (end != NULL);
			if (strlen(line) < 12 || strchr(line, '{') || is_syntax(line))
				continue;
			if (has_line(out, line))
				fail_msg("%s: the English line '%s' (%s) is in the Dutch help:\n%s",
				         what, line, id, out);
		}
	}
}

/* Run the program with args (up to NULL) on fx->db and expect a Dutch help. */
static void expect_dutch_help(struct fixture *fx, const char *what)
{
	harness_expect_ok(&fx->last, what);
	if (strncmp(fx->last.out, "gebruik: salescoach", 19) != 0)
		fail_msg("%s: not Dutch:\n%s", what, fx->last.out);
	expect_no_english(fx->last.out, what);
}

/* Every line of out that begins with two spaces has its text in one column (the top help). */
static void expect_aligned(const char *out)
{
	char *copy = strdup(out), *save, *line;
	int col = -1, rows = 0;

	assert_non_null(copy);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "  ", 2) != 0)
			continue;
		int c = line[2] != ' ' ? harness_second_column(line) : (int)strspn(line, " ");
		if (c < 0)
			continue;
		if (col < 0)
			col = c;
		if (c != col)
			fail_msg("this line's text starts at column %d, not %d:\n%s", c, col, line);
		rows++;
	}
	assert_true(rows > 40);
	free(copy);
}

/* ---- the English of the records: one text in entity.c and in the catalogue ----------------- */

static void test_english_catalogue_agrees_with_entity_c(void **state)
{
	char id[160], a[64];
	(void)state;

	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->eflags & EF_INTERNAL)
			continue;
		snprintf(id, sizeof(id), "help.entity.%s", def->name);
		assert_string_equal(msg_text(MSG_EN, id), def->help);
		snprintf(id, sizeof(id), "noun.%s", def->name);
		assert_string_equal(msg_text(MSG_EN, id), def->name);
		snprintf(id, sizeof(id), "noun.%s.many", def->name);
		assert_string_equal(msg_text(MSG_EN, id), def->plural);
		snprintf(a, sizeof(a), "%s %s", strchr("aeiou", def->name[0]) ? "an" : "a",
		         def->name);
		snprintf(id, sizeof(id), "noun.%s.a", def->name);
		assert_string_equal(msg_text(MSG_EN, id), a);
		for (size_t i = 0; i < def->nfields; i++) {
			snprintf(id, sizeof(id), "help.field.%s.%s", def->name,
			         def->fields[i].name);
			if (!msg_exists(id))
				fail_msg("msg/en/help.json has no %s", id);
			assert_string_equal(msg_text(MSG_EN, id), def->fields[i].help);
		}
	}
}

/* ---- --lang nl ----------------------------------------------------------------------------- */

static void test_top_help_in_dutch(void **state)
{
	struct fixture *fx = *state;
	struct stat sb;

	sc(fx, "--lang", "nl", "--help", NULL);
	expect_dutch_help(fx, "--lang nl --help");
	assert_non_null(strstr(fx->last.out, "\nAlgemene opties:\n"));
	assert_non_null(strstr(fx->last.out, "\nOmgevingsvariabelen:\n"));
	assert_non_null(strstr(fx->last.out, "\nOpdrachten:\n"));
	assert_non_null(
	        strstr(fx->last.out, "  alerts           de valkuilenmonitor: signaleringen"));
	assert_non_null(strstr(fx->last.out, "  plan             begeleidingsplannen\n"));
	assert_non_null(
	        strstr(fx->last.out, "\nAfsluitcodes: 0 gelukt, 2 ongeldige invoer of aanroep"));
	expect_aligned(fx->last.out);
	/* --lang anywhere on the line; the help of no command at all too (exit 2). */
	sc(fx, "--help", "--lang", "nl", NULL);
	expect_dutch_help(fx, "--help --lang nl");
	assert_int_equal(sc(fx, "--lang", "nl", NULL), 2);
	assert_non_null(strstr(fx->last.out, "gebruik: salescoach"));
	assert_int_not_equal(stat(fx->db, &sb), 0);
}

static void test_verb_help_in_dutch(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "--lang", "nl", "session", "add", "--help", NULL);
	expect_dutch_help(fx, "--lang nl session add --help");
	assert_non_null(
	        strstr(fx->last.out, "gebruik: salescoach session add [opties] [--json]\n"));
	assert_non_null(strstr(fx->last.out, "Opties (* verplicht):\n"));
	assert_non_null(strstr(fx->last.out, "  --minutes              * duur in minuten "
	                                     "[een geheel getal, 1-480]\n"));
	assert_non_null(strstr(fx->last.out,
	                       "  --intro                  een kennismakingssessie van "
	                       "een nieuwe coach [true of false] standaard: false\n"));
	assert_non_null(strstr(fx->last.out, "  --override REDEN         leg het vast hoewel"));
	assert_non_null(strstr(fx->last.out, "Getallen zijn decimale cijfers met een punt"));

	sc(fx, "session", "--help", "--lang", "nl", NULL);
	expect_dutch_help(fx, "session --help --lang nl");
	assert_non_null(strstr(fx->last.out, "  add      een sessie toevoegen\n"));
	assert_non_null(strstr(fx->last.out, "  observe  een observatie van één vaardigheid"));

	sc(fx, "--lang", "nl", "action", "list", "--help", NULL);
	expect_dutch_help(fx, "--lang nl action list --help");
	assert_non_null(strstr(fx->last.out, "Som de actiepunten op."));
	assert_non_null(
	        strstr(fx->last.out, "  --from DATUM       due_on op of na DATUM (JJJJ-MM-DD)\n"));

	sc(fx, "--lang", "nl", "plan", "assess", "--help", NULL);
	expect_dutch_help(fx, "--lang nl plan assess --help");
	assert_non_null(strstr(fx->last.out, "[een datum JJJJ-MM-DD] standaard: vandaag\n"));
}

static void test_planner_help_in_dutch(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "--lang", "nl", "plan", "--help", NULL);
	expect_dutch_help(fx, "--lang nl plan --help");
	assert_non_null(strstr(fx->last.out, "\nbegeleidingsplannen.\n"));
	assert_non_null(
	        strstr(fx->last.out, "  assess   de zelfbeoordeling van de coachee vastleggen"));
	assert_non_null(
	        strstr(fx->last.out, "benodigde en beschikbare coachinguren per manager-coach"));
	assert_null(strstr(fx->last.out, "--lang"));

	sc(fx, "--lang", "nl", "plan", "capacity", "--help", NULL);
	expect_dutch_help(fx, "--lang nl plan capacity --help");
	assert_non_null(strstr(fx->last.out,
	                       "gebruik: salescoach plan capacity [--manager PERSON_ID] "
	                       "[--json]\n"));
	assert_non_null(strstr(fx->last.out, "docs/planners.md legt de cijfers uit."));
	assert_null(strstr(fx->last.out, "--lang"));
}

/* Every command and every verb: Dutch, exit 0, nothing on stderr, no database made. */
static void test_every_help_in_dutch(void **state)
{
	struct fixture *fx = *state;
	static char *const commands[][4] = {
		{ "overview" },       { "alerts" },      { "alerts", "ack" },
		{ "demo" },           { "gen" },         { "org" },
		{ "org", "list" },    { "org", "show" }, { "org", "add" },
		{ "org", "set" },     { "plan" },        { "plan", "capacity" },
		{ "incentive" },      { "leadership" },  { "advise" },
		{ "serve" },          { "account" },     { "account", "set" },
		{ "agenda" },         { "backup" },      { "restore" },
		{ "help", "backup" },
	};
	static char *const verbs[] = { "list", "show", "add", "update", "remove" };
	char *argv[8], what[128];
	struct stat sb;

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		size_t n = 0;
		argv[n++] = "--lang";
		argv[n++] = "nl";
		for (size_t k = 0; k < 4 && commands[i][k]; k++)
			argv[n++] = commands[i][k];
		argv[n++] = "--help";
		argv[n] = NULL;
		snprintf(what, sizeof(what), "--lang nl %s %s --help", commands[i][0],
		         commands[i][1] ? commands[i][1] : "");
		harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
		expect_dutch_help(fx, what);
	}
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->eflags & EF_INTERNAL)
			continue;
		for (size_t v = 0; v <= sizeof(verbs) / sizeof(verbs[0]); v++) {
			if ((def->eflags & EF_READONLY) && v >= 2 && v < 5)
				continue;
			char *args[] = { "--lang",          "nl",
				         (char *)def->name, v < 5 ? verbs[v] : "--help",
				         "--help",          NULL };
			if (v == 5)
				args[4] = NULL;
			snprintf(what, sizeof(what), "--lang nl %s %s --help", def->name,
			         v < 5 ? verbs[v] : "");
			harness_run_argv(&fx->last, fx->db, NULL, NULL, args);
			expect_dutch_help(fx, what);
		}
	}
	assert_int_not_equal(stat(fx->db, &sb), 0);
}

/* ---- the organisation's language ----------------------------------------------------------- */

/* The bytes of the file at path (owned), or NULL. */
static char *file_bytes(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)len)) && fread(buf, 1, (size_t)len, fp) == (size_t)len)
		*n = (size_t)len;
	else {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

/* The demo organisation is Dutch: its database makes every help Dutch, and is left as it was. */
static void test_help_in_the_language_of_the_organisation(void **state)
{
	struct fixture *fx = *state;
	size_t n0 = 0, n1 = 0;
	char *before = file_bytes(fx->db, &n0), *after;

	assert_non_null(before);
	sc(fx, "--help", NULL);
	expect_dutch_help(fx, "--help on the demo");
	expect_aligned(fx->last.out);
	sc(fx, "session", "add", "--help", NULL);
	expect_dutch_help(fx, "session add --help on the demo");
	assert_non_null(strstr(fx->last.out, "* id van de coachingtoewijzing [een id]"));
	sc(fx, "plan", "--help", NULL);
	expect_dutch_help(fx, "plan --help on the demo");
	sc(fx, "alerts", "--help", NULL);
	expect_dutch_help(fx, "alerts --help on the demo");
	assert_non_null(strstr(fx->last.out, "  --all          ook afgehandelde signaleringen\n"));
	sc(fx, "advise", "--help", NULL);
	expect_dutch_help(fx, "advise --help on the demo");
	assert_non_null(strstr(fx->last.out, "  coach_budget             geheel getal 0-10000000, "
	                                     "standaard 0\n"));
	/* $SALESCOACH_DB names it as --db does. */
	char env[700];
	snprintf(env, sizeof(env), "SALESCOACH_DB=%s", fx->db);
	char *const envs[] = { env, NULL };
	char *const argv[] = { "agenda", "--help", NULL };
	harness_run_argv(&fx->last, NULL, envs, NULL, argv);
	expect_dutch_help(fx, "agenda --help with SALESCOACH_DB on the demo");

	/* --lang en wins. */
	sc(fx, "--lang", "en", "--help", NULL);
	harness_expect_ok(&fx->last, "--lang en --help on the demo");
	assert_non_null(strstr(fx->last.out, "usage: salescoach [--db PATH]"));
	assert_non_null(strstr(fx->last.out, "\nGlobal options:\n"));
	assert_non_null(strstr(fx->last.out, "  plan             coaching plans\n"));
	assert_null(strstr(fx->last.out, "Opdrachten"));
	sc(fx, "session", "add", "--help", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "session add --help --lang en on the demo");
	assert_non_null(strstr(fx->last.out, "Options (* required):\n"));

	after = file_bytes(fx->db, &n1);
	assert_non_null(after);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before);
	free(after);
}

/* A database of two organisations: the one --org names; without --org, English. */
static void test_help_in_english_without_one_organisation(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "org", "add", "--name", "Bakker Sales", "--locale", "en", NULL);
	harness_expect_ok(&fx->last, "org add Bakker Sales");
	sc(fx, "--help", NULL);
	harness_expect_ok(&fx->last, "--help on two organisations, without --org");
	assert_non_null(strstr(fx->last.out, "usage: salescoach [--db PATH]"));
	sc(fx, "--org", "bakker-sales", "session", "--help", NULL);
	harness_expect_ok(&fx->last, "--org bakker-sales session --help");
	assert_non_null(strstr(fx->last.out, "  add      add a session\n"));
	sc(fx, "session", "--help", "--org", "vandijk", NULL);
	expect_dutch_help(fx, "session --help --org vandijk");
	assert_non_null(strstr(fx->last.out, "  add      een sessie toevoegen\n"));
	sc(fx, "--org", "nobody", "--help", NULL);
	harness_expect_ok(&fx->last, "--org nobody --help");
	assert_non_null(strstr(fx->last.out, "usage: salescoach [--db PATH]"));
}

/* A missing database is not made by asking for help, whatever the help and its language. */
static void test_help_creates_no_database(void **state)
{
	struct fixture *fx = *state;
	char db[700], dir[660], env[720];
	struct stat sb;

	snprintf(dir, sizeof(dir), "%s/var", fx->dir);
	snprintf(db, sizeof(db), "%s/salescoach.db", dir);
	snprintf(env, sizeof(env), "SALESCOACH_DB=%s", db);
	static const char *const helps[][4] = {
		{ "--help" },
		{ "session", "add", "--help" },
		{ "plan", "--help" },
		{ "advise", "--help" },
		{ "alerts", "--help" },
		{ "demo", "--help" },
		{ "org", "add", "--help" },
		{ "gen", "--help" },
	};
	for (size_t i = 0; i < sizeof(helps) / sizeof(helps[0]); i++) {
		char *argv[8];
		size_t n = 0;
		for (size_t k = 0; k < 4 && helps[i][k]; k++)
			argv[n++] = (char *)helps[i][k];
		argv[n] = NULL;
		harness_run_argv(&fx->last, db, NULL, NULL, argv);
		harness_expect_ok(&fx->last, helps[i][0]);
		assert_int_equal(strncmp(fx->last.out, "usage: salescoach", 17), 0);
		char *const envs[] = { env, NULL };
		harness_run_argv(&fx->last, NULL, envs, NULL, argv);
		harness_expect_ok(&fx->last, helps[i][0]);
		assert_int_equal(strncmp(fx->last.out, "usage: salescoach", 17), 0);
	}
	assert_int_not_equal(stat(db, &sb), 0);
	assert_int_not_equal(stat(dir, &sb), 0);
}

int main(void)
{
#define T(f)  cmocka_unit_test_setup_teardown(f, setup, teardown)
#define TD(f) cmocka_unit_test_setup_teardown(f, setup_demo_db, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english_catalogue_agrees_with_entity_c),
		T(test_top_help_in_dutch),
		T(test_verb_help_in_dutch),
		T(test_planner_help_in_dutch),
		T(test_every_help_in_dutch),
		TD(test_help_in_the_language_of_the_organisation),
		TD(test_help_in_english_without_one_organisation),
		T(test_help_creates_no_database),
	};
#undef T
#undef TD
	return cmocka_run_group_tests_name("--help in the organisation's language", tests,
	                                   load_catalogues, free_catalogues);
}
