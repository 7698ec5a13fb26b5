/*
 * test_person_export_cli.c - `salescoach person export` on the demo
 * organisation through the real program: the person themself (--as) gets
 * their own private coaching content and nobody else's, an administrator's
 * export leaves private content out and is audited, and nobody else may
 * export someone.
 */
#define _GNU_SOURCE /* memmem */
#include "cli_fixture.h"
#include "zip_read.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define JEROEN     "jeroen.bakker@vandijk.example" /* manager who coaches Lotte */
#define LOTTE      "lotte.mulder@vandijk.example"
#define LINDA      "linda.smit@vandijk.example"       /* an internal coach of other teams */
#define ANNELIES   "annelies.devries@vandijk.example" /* executive */
#define ADMIN      "admin@salescoach.example"
#define LOTTE_NOTE "Lotte-notitie-4b1e: wil in Q3 senior worden"
#define LINDA_NOTE "Linda-relatie-c93d: privé, niet voor anderen"

/* The person id of email. */
static int64_t pid(struct fixture *fx, const char *email)
{
	sc(fx, "person", "list", "--json", "--email", email, NULL);
	json_t *a = harness_json(&fx->last, "person list --email");
	assert_int_equal(json_array_size(a), 1);
	int64_t id = json_integer_value(json_object_get(json_array_get(a, 0), "id"));
	json_decref(a);
	return id;
}

/* Set the notes of the first session who sees as coach or coachee. */
static void note_first_session(struct fixture *fx, const char *who, const char *text)
{
	sc(fx, "--as", who, "session", "list", "--json", "--status", "held", NULL);
	json_t *a = harness_json(&fx->last, "session list");
	assert_true(json_array_size(a) > 0);
	int64_t id = json_integer_value(json_object_get(json_array_get(a, 0), "id"));
	json_decref(a);
	sc(fx, "--as", who, "session", "update", idt(id), "--notes", text, NULL);
	harness_expect_ok(&fx->last, "session update --notes");
}

static int setup_notes(void **state)
{
	int rc = setup_demo_db(state);
	if (rc)
		return rc;
	struct fixture *fx = *state;
	note_first_session(fx, LOTTE, LOTTE_NOTE);
	note_first_session(fx, LINDA, LINDA_NOTE);
	return 0;
}

static void test_own_export_with_own_private_content(void **state)
{
	struct fixture *fx = *state;
	int64_t lotte = pid(fx, LOTTE), jeroen = pid(fx, JEROEN);

	/* The coachee, to a file. */
	char path[700];
	snprintf(path, sizeof(path), "%s/lotte.json", fx->dir);
	sc(fx, "--as", LOTTE, "person", "export", idt(lotte), "-o", path, NULL);
	harness_expect_ok(&fx->last, "person export -o");
	assert_non_null(strstr(fx->last.out, "lotte.json"));
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	assert_non_null(doc);
	assert_true(json_is_true(json_object_get(doc, "private_content_included")));
	char *text = json_dumps(doc, 0);
	assert_non_null(strstr(text, LOTTE_NOTE));
	assert_null(strstr(text, LINDA_NOTE));
	assert_null(strstr(text, "password_hash"));
	assert_null(strstr(text, "$argon2"));
	free(text);
	json_decref(doc);

	/* The same as a ZIP: the document and a CSV per kind, her notes in sessions.csv. */
	snprintf(path, sizeof(path), "%s/lotte.zip", fx->dir);
	sc(fx, "--as", LOTTE, "person", "export", idt(lotte), "--format", "zip", "-o", path, NULL);
	harness_expect_ok(&fx->last, "person export --format zip");
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	static char zip[1 << 20];
	size_t n = fread(zip, 1, sizeof(zip), fp);
	fclose(fp);
	assert_true(n > 4 && n < sizeof(zip) && memcmp(zip, "PK\3\4", 4) == 0);
	assert_true(zip_read_holds(zip, n, "sessions.csv", LOTTE_NOTE));
	assert_true(zip_read_holds(zip, n, "personal-data.json", LOTTE_NOTE));
	assert_false(zip_read_holds(zip, n, NULL, LINDA_NOTE));

	/* Her coach, on standard output: his coachee's notes, not another coach's. */
	sc(fx, "--as", JEROEN, "person", "export", idt(jeroen), NULL);
	harness_expect_ok(&fx->last, "person export as the coach");
	assert_non_null(strstr(fx->last.out, LOTTE_NOTE));
	assert_null(strstr(fx->last.out, LINDA_NOTE));

	/* The executive: their own data, nobody's private content. */
	sc(fx, "--as", ANNELIES, "person", "export", idt(pid(fx, ANNELIES)), NULL);
	harness_expect_ok(&fx->last, "person export as the executive");
	assert_null(strstr(fx->last.out, LOTTE_NOTE));
	assert_null(strstr(fx->last.out, LINDA_NOTE));
}

static void test_administrator_export_is_audited_without_content(void **state)
{
	struct fixture *fx = *state;
	int64_t lotte = pid(fx, LOTTE);

	sc(fx, "person", "export", idt(lotte), NULL);
	harness_expect_ok(&fx->last, "person export as the administrator");
	json_t *doc = harness_json(&fx->last, "person export");
	assert_false(json_is_true(json_object_get(doc, "private_content_included")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "person"), "id")),
	                 lotte);
	/* Her relationship is there, its sessions without their notes. */
	json_t *rel = json_array_get(json_object_get(doc, "relationships"), 0);
	assert_true(json_array_size(json_object_get(rel, "sessions")) > 0);
	json_decref(doc);
	assert_null(strstr(fx->last.out, LOTTE_NOTE));

	sc(fx, "audit", "list", "--json", "--action", "export", NULL);
	json_t *audit = harness_json(&fx->last, "audit list");
	assert_int_equal(json_array_size(audit), 1);
	json_t *e = json_array_get(audit, 0);
	assert_string_equal(json_string_value(json_object_get(e, "entity")), "person");
	assert_int_equal(json_integer_value(json_object_get(e, "record_id")), lotte);
	json_decref(audit);

	/* On the command line even someone's own export is audited: the operator of the machine
	 * made it, whatever --as says. */
	sc(fx, "--as", LOTTE, "person", "export", idt(lotte), NULL);
	harness_expect_ok(&fx->last, "own export");
	sc(fx, "audit", "list", "--json", "--action", "export", NULL);
	audit = harness_json(&fx->last, "audit list");
	assert_int_equal(json_array_size(audit), 2);
	for (size_t i = 0; i < 2; i++) {
		e = json_array_get(audit, i);
		assert_int_equal(json_integer_value(json_object_get(e, "record_id")), lotte);
		assert_non_null(
		        strstr(json_string_value(json_object_get(e, "after")), "command line"));
	}
	json_decref(audit);
}

/* Whom a coachee shared a session with is hers: not in her coach's export, in hers and the
 * recipient's. */
static void test_coach_does_not_see_coachees_shares(void **state)
{
	struct fixture *fx = *state;
	int64_t jeroen = pid(fx, JEROEN), lotte = pid(fx, LOTTE), linda = pid(fx, LINDA);
	char want[64];

	sc(fx, "--as", LOTTE, "session", "list", "--json", NULL);
	json_t *a = harness_json(&fx->last, "session list");
	int64_t session = json_integer_value(json_object_get(json_array_get(a, 0), "id"));
	json_decref(a);
	sc(fx, "--as", LOTTE, "share", "add", "--session", idt(session), "--person", idt(linda),
	   NULL);
	harness_expect_ok(&fx->last, "share add");
	snprintf(want, sizeof(want), "\"person\": %lld", (long long)linda);

	sc(fx, "--as", JEROEN, "share", "list", "--json", NULL);
	harness_expect_ok(&fx->last, "share list as the coach");
	assert_null(strstr(fx->last.out, want));
	sc(fx, "--as", JEROEN, "person", "export", idt(jeroen), NULL);
	harness_expect_ok(&fx->last, "person export as the coach");
	assert_null(strstr(fx->last.out, want));
	char path[700];
	snprintf(path, sizeof(path), "%s/jeroen.zip", fx->dir);
	sc(fx, "--as", JEROEN, "person", "export", idt(jeroen), "--format", "zip", "-o", path,
	   NULL);
	harness_expect_ok(&fx->last, "person export --format zip as the coach");
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	static char zip[1 << 20];
	size_t n = fread(zip, 1, sizeof(zip), fp);
	fclose(fp);
	assert_false(zip_read_holds(zip, n, "shares.csv", NULL));

	sc(fx, "--as", LOTTE, "person", "export", idt(lotte), NULL);
	harness_expect_ok(&fx->last, "person export as the coachee");
	assert_non_null(strstr(fx->last.out, want));
	sc(fx, "--as", LINDA, "person", "export", idt(linda), NULL);
	json_t *doc = harness_json(&fx->last, "person export as the recipient");
	json_t *got = json_array_get(json_object_get(doc, "sessions_shared_with_me"), 0);
	assert_int_equal(json_integer_value(json_object_get(got, "session")), session);
	json_decref(doc);
}

/* An administrator who may read some private content (a session shared with them) gets it, and
 * the export says so: not "withheld". */
static void test_administrator_export_says_what_it_holds(void **state)
{
	struct fixture *fx = *state;
	const char *lotte = idt(pid(fx, LOTTE));

	sc(fx, "--as", LOTTE, "session", "list", "--json", "--status", "held", NULL);
	json_t *a = harness_json(&fx->last, "session list");
	int64_t session = json_integer_value(json_object_get(json_array_get(a, 0), "id"));
	json_decref(a);
	sc(fx, "--as", LOTTE, "share", "add", "--session", idt(session), "--person", ADMIN, NULL);
	harness_expect_ok(&fx->last, "share add");

	sc(fx, "--as", ADMIN, "person", "export", lotte, NULL);
	json_t *doc = harness_json(&fx->last, "person export by the administrator");
	assert_non_null(strstr(fx->last.out, LOTTE_NOTE));
	assert_true(json_is_true(json_object_get(doc, "private_content_included")));
	char *notes = json_dumps(json_object_get(doc, "notes"), 0);
	assert_null(strstr(notes, "daarom niet in deze export"));
	assert_non_null(strstr(notes, "gedeeld"));
	free(notes);
	json_decref(doc);

	/* The local administrator reads none: false, and the note says it was left out. */
	sc(fx, "person", "export", lotte, NULL);
	doc = harness_json(&fx->last, "person export by the local administrator");
	assert_null(strstr(fx->last.out, LOTTE_NOTE));
	assert_false(json_is_true(json_object_get(doc, "private_content_included")));
	notes = json_dumps(json_object_get(doc, "notes"), 0);
	assert_non_null(strstr(notes, "daarom niet in deze export"));
	free(notes);
	json_decref(doc);
}

/* -o never overwrites the database or its files, and writes a file only its owner reads. */
static void test_output_file(void **state)
{
	struct fixture *fx = *state;
	const char *lotte = idt(pid(fx, LOTTE));
	char path[700], link[700], dotted[1400];
	struct stat st;

	/* The same file by another name. */
	snprintf(dotted, sizeof(dotted), "%s/./%s", fx->dir, strrchr(fx->db, '/') + 1);
	snprintf(path, sizeof(path), "%s-wal", fx->db);
	snprintf(link, sizeof(link), "%s/link.json", fx->dir);
	assert_int_equal(symlink(fx->db, link), 0);
	const char *refused[] = { fx->db, dotted, path, link };
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		sc(fx, "person", "export", lotte, "-o", refused[i], NULL);
		harness_expect_refused(&fx->last, refused[i], "de database");
	}
	sc(fx, "person", "list", "--json", NULL);
	harness_expect_ok(&fx->last, "the database after the refusals");

	/* An existing file readable by all is replaced by one only its owner reads. */
	snprintf(path, sizeof(path), "%s/lotte.json", fx->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(chmod(path, 0644), 0);
	sc(fx, "person", "export", lotte, "-o", path, NULL);
	harness_expect_ok(&fx->last, "person export -o");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(st.st_size > 100);
	/* A pipe is written as it is, not replaced (as -o /dev/stdout into a pipe does). */
	snprintf(path, sizeof(path), "%s/pipe", fx->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* The reader: the document whole, as JSON (killed after 60 s if nothing comes). */
		alarm(60);
		FILE *in = fopen(path, "rb");
		json_t *sent = in ? json_loadf(in, 0, NULL) : NULL;
		_exit(json_object_get(sent, "private_content_included") ? 0 : 1);
	}
	sc(fx, "person", "export", lotte, "-o", path, NULL);
	harness_expect_ok(&fx->last, "person export -o a pipe");
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	/* A symbolic link (as /dev/stdout is) is written through, not replaced by a file. */
	char target[700];
	snprintf(target, sizeof(target), "%s/target.json", fx->dir);
	snprintf(link, sizeof(link), "%s/out-link.json", fx->dir);
	fp = fopen(target, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(chmod(target, 0644), 0);
	assert_int_equal(symlink(target, link), 0);
	sc(fx, "person", "export", lotte, "-o", link, NULL);
	harness_expect_ok(&fx->last, "person export -o a symbolic link");
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	json_t *doc = json_load_file(target, 0, NULL);
	assert_non_null(json_object_get(doc, "private_content_included"));
	json_decref(doc);
	/* The standard output by name: the document alone, as without -o. */
	sc(fx, "person", "export", lotte, "-o", "/dev/stdout", NULL);
	harness_expect_ok(&fx->last, "person export -o /dev/stdout");
	doc = json_loads(fx->last.out, 0, NULL);
	assert_non_null(json_object_get(doc, "private_content_included"));
	json_decref(doc);
	/* A folder that does not exist: refused, and no file left behind. */
	snprintf(path, sizeof(path), "%s/nowhere/lotte.json", fx->dir);
	sc(fx, "person", "export", lotte, "-o", path, NULL);
	assert_int_not_equal(fx->last.status, 0);
	assert_non_null(strstr(fx->last.err, "nowhere/lotte.json"));
}

/* A file that is not a database is refused saying so, once and whole. */
static void test_not_a_database(void **state)
{
	struct fixture *fx = *state;
	char path[700];
	snprintf(path, sizeof(path), "%s/garbage.db", fx->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	for (int i = 0; i < 4096; i++)
		fputc("salescoach"[i % 10] ^ (i & 0x5a), fp);
	fclose(fp);
	harness_run(&fx->last, path, NULL, "person", "export", "3", NULL);
	assert_int_not_equal(fx->last.status, 0);
	const char *said = strstr(fx->last.err, "cannot use database");
	assert_non_null(said);
	assert_null(strstr(said + 1, "cannot use database"));
	assert_non_null(strstr(said, "file is not a database"));
}

static void test_nobody_else_may(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "--as", JEROEN, "person", "export", idt(pid(fx, LOTTE)), NULL);
	assert_int_not_equal(fx->last.status, 0);
	assert_non_null(strstr(fx->last.err, "door die persoon zelf of door een beheerder"));
	assert_null(strstr(fx->last.out, LOTTE_NOTE));
	sc(fx, "person", "export", "abc", NULL);
	harness_expect_refused(&fx->last, "person export abc", "geen persoons-id");
	sc(fx, "person", "export", "--help", NULL);
	harness_expect_ok(&fx->last, "person export --help");
	assert_non_null(strstr(fx->last.out, "gebruik: salescoach [--as EMAIL] person export ID"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_own_export_with_own_private_content,
		                                setup_notes, teardown),
		cmocka_unit_test_setup_teardown(
		        test_administrator_export_is_audited_without_content, setup_notes,
		        teardown),
		cmocka_unit_test_setup_teardown(test_coach_does_not_see_coachees_shares,
		                                setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_administrator_export_says_what_it_holds,
		                                setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_output_file, setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup_notes, teardown),
		cmocka_unit_test_setup_teardown(test_nobody_else_may, setup_notes, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
