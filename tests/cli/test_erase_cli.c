/*
 * test_erase_cli.c - `salescoach person erase` and `salescoach retain`
 * through the real program on the Dutch demo organisation: what remains and
 * what is gone, counted per table before and after for the person and for
 * everyone else; a note's text no longer anywhere in the database file or
 * its write-ahead log; refusals under a legal hold and for someone who is
 * not an administrator, with nothing changed; the audit entry; retention of
 * a relationship ended 25 months ago against one ended 23 months ago, a
 * second run and a dry run that change nothing.
 */
#include "cli_fixture.h"

#include <sqlite3.h>

#include "domain/erasure.h"
#include "store/store.h"

#define LOTTE  "lotte.mulder@vandijk.example"
#define SVEN   "sven.dejong@vandijk.example"
#define JEROEN "jeroen.bakker@vandijk.example"
#define ADMIN  "admin@salescoach.example"
#define SECRET "Lotte vertelde over haar burn-out in 2025 QZX7"
#define OTHERS "Sven oefent de prijsonderhandeling KWV9"
#define REASON "verzoek van 2026-12-01"
#define LOTTE2 "lotte.nieuw@vandijk.example"

/* The program with the arguments given, on the fixture's database; the exit code. */
#define run(fx, ...) sc(fx, __VA_ARGS__, NULL)

static void says(struct fixture *fx, const char *text)
{
	if (!strstr(fx->last.out, text))
		fail_msg("wanted \"%s\" in\n%s\nstderr: %s", text, fx->last.out, fx->last.err);
}

/* ---- reading the database as it is, through the store ------------------------------------- */

static struct store *open_db(struct fixture *fx, int64_t *org)
{
	struct store *st = NULL;
	struct sc_error err;
	struct org *orgs = NULL;
	size_t n = 0;

	if (store_open_sqlite(fx->db, &st, &err) || store_org_list(st, &orgs, &n, &err) || !n)
		fail_msg("cannot open %s: %s", fx->db, err.message);
	*org = orgs[0].id;
	free(orgs);
	return st;
}

/*
 * Rows of kind k whose field (NULL: any row) is id and, when filled is set,
 * whose field filled holds something (not null, not empty).
 */
static int64_t rows(struct fixture *fx, enum entity_kind k, const char *field, int64_t id,
                    const char *filled)
{
	const struct entity_def *def = entity_get(k);
	struct filter f[3];
	size_t nf = 0;
	int64_t org, n = -1;
	struct sc_error err;
	struct store *st = open_db(fx, &org);

	if (field)
		f[nf++] =
		        (struct filter){ .field = entity_field(def, field), .op = FO_EQ, .i = id };
	if (filled) {
		f[nf++] = (struct filter){ .field = entity_field(def, filled), .op = FO_NOT_NULL };
		if (def->fields[entity_field(def, filled)].type == FT_TEXT)
			f[nf++] = (struct filter){ .field = entity_field(def, filled),
				                   .op = FO_NE,
				                   .s = "" };
	}
	if (store_count(st, org, def, f, nf, &n, &err))
		fail_msg("count %s: %s", def->name, err.message);
	store_close(&st);
	return n;
}

/* Rows of kind k whose text field is text. */
static int64_t rows_text(struct fixture *fx, enum entity_kind k, const char *field,
                         const char *text)
{
	const struct entity_def *def = entity_get(k);
	struct filter f = { .field = entity_field(def, field), .op = FO_EQ, .s = text };
	int64_t org, n = -1;
	struct sc_error err;
	struct store *st = open_db(fx, &org);

	if (store_count(st, org, def, &f, 1, &n, &err))
		fail_msg("count %s: %s", def->name, err.message);
	store_close(&st);
	return n;
}

/*
 * Log rows that name person: an alert acknowledged by address and a read of
 * private content (the command line writes neither), put in through the store.
 */
static void logged(struct fixture *fx, int64_t person, const char *address, const char *name)
{
	int64_t org;
	struct sc_error err;
	struct store *st = open_db(fx, &org);
	struct record *ack = record_new(entity_get(E_ACK));
	struct record *acc = record_new(entity_get(E_ACCESS));

	record_put_text(ack, "alert", "overdue_actions:person:99");
	record_put_text(ack, "facts", "0123456789abcdef");
	record_put_text(ack, "reason", "besproken");
	record_put_text(ack, "acked_by", address);
	record_put_text(ack, "acked_at", "2026-11-20T10:00:00Z");
	record_put_text(acc, "at", "2026-11-20T10:00:00Z");
	record_put_int(acc, "reader", person);
	record_put_text(acc, "reader_name", name);
	record_put_int(acc, "subject", person);
	record_put_text(acc, "entity", "session");
	record_put_int(acc, "record_id", 1);
	record_put_text(acc, "fields", "notes");
	if (store_insert(st, org, ack, &err) || store_insert(st, org, acc, &err))
		fail_msg("insert: %s", err.message);
	record_free(&ack);
	record_free(&acc);
	store_close(&st);
}

/* One number from sql on the database file, through SQLite itself. */
static int64_t pragma(struct fixture *fx, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/*
 * Rows of kind k whose reference field points at a record (of kind via_kind)
 * whose field via is a, and whose field filled (or NULL) holds something.
 */
static int64_t rows_via(struct fixture *fx, enum entity_kind k, const char *field,
                        enum entity_kind via_kind, int64_t a, const char *filled)
{
	const struct entity_def *def = entity_get(k);
	struct filter f[2] = { { .field = entity_field(def, field),
		                 .op = FO_IN_VIA,
		                 .in = &a,
		                 .nin = 1,
		                 .via = entity_field(entity_get(via_kind), "assignment") } };
	int64_t org, n = -1;
	struct sc_error err;
	struct store *st = open_db(fx, &org);

	if (filled)
		f[1] = (struct filter){ .field = entity_field(def, filled), .op = FO_NOT_NULL };
	if (store_count(st, org, def, f, filled ? 2 : 1, &n, &err))
		fail_msg("count %s: %s", def->name, err.message);
	store_close(&st);
	return n;
}

/* The sessions' minutes of assignment a: what the aggregates add up. */
static int64_t minutes(struct fixture *fx, int64_t a)
{
	const struct entity_def *def = entity_get(E_SESSION);
	struct filter f = { .field = entity_field(def, "assignment"), .op = FO_EQ, .i = a };
	struct list_opts o = { .filters = &f, .nfilters = 1, .order_field = FILTER_ID };
	struct record_list l = { 0 };
	struct sc_error err;
	int64_t org, sum = 0;
	struct store *st = open_db(fx, &org);

	if (store_list(st, org, def, &o, &l, &err))
		fail_msg("sessions: %s", err.message);
	for (size_t i = 0; i < l.n; i++)
		sum += record_int(l.items[i], "minutes");
	record_list_release(&l);
	store_close(&st);
	return sum;
}

/* Run sql on the database file, through SQLite itself. */
static void sql_exec(struct fixture *fx, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* The line of out that holds text, without its newline (owned); NULL when there is none. */
static char *line_with(const char *out, const char *text)
{
	const char *at = strstr(out, text), *start, *end;

	if (!at)
		return NULL;
	for (start = at; start > out && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	return strndup(start, end ? (size_t)(end - start) : strlen(start));
}

/* Whether text is anywhere in the bytes of the file at path (absent file: no). */
static bool in_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	bool found = false;

	if (!fp)
		return false;
	for (;;) {
		if (n + 65536 > cap && !(buf = realloc(buf, cap = (cap + 65536) * 2)))
			fail_msg("out of memory");
		if (!(got = fread(buf + n, 1, 65536, fp)))
			break;
		n += got;
	}
	fclose(fp);
	size_t len = strlen(text);
	for (size_t i = 0; !found && i + len <= n; i++)
		found = buf[i] == text[0] && !memcmp(buf + i, text, len);
	free(buf);
	return found;
}

/* Whether text is in the database file or its write-ahead log. */
static bool in_database(struct fixture *fx, const char *text)
{
	char wal[700];
	snprintf(wal, sizeof(wal), "%s-wal", fx->db);
	return in_file(fx->db, text) || in_file(wal, text);
}

static int64_t person_id(struct fixture *fx, const char *email)
{
	json_t *arr = list(fx, "person", "--email", email, NULL);
	int64_t id = json_integer_value(json_object_get(json_array_get(arr, 0), "id"));
	json_decref(arr);
	assert_true(id > 0);
	return id;
}

/* The id of the demo's one assignment whose coachee is person. */
static int64_t assignment_of(struct fixture *fx, int64_t person)
{
	json_t *arr = list(fx, "assignment", "--coachee", idt(person), NULL);
	int64_t id = json_integer_value(json_object_get(json_array_get(arr, 0), "id"));
	assert_int_equal(json_array_size(arr), 1);
	json_decref(arr);
	return id;
}

/*
 * A held session with notes and agenda, written by the coach (Jeroen) in
 * assignment a. The notes are long (text, then 8,000 bytes more): longer
 * than a page, so that a plain delete would leave them in the file's free
 * pages, where only secure erasing and a vacuum reach them.
 */
static void note(struct fixture *fx, int64_t a, const char *text)
{
	static char notes[9000];
	size_t n = (size_t)snprintf(notes, sizeof(notes), "%s.", text);
	while (n + 20 < sizeof(notes) - 500)
		n += (size_t)snprintf(notes + n, sizeof(notes) - n, " en verder %04zu", n);
	add(fx, "--as", JEROEN, "session", "add", "--assignment", idt(a), "--kind", "one_to_one",
	    "--at", "2026-11-20T10:00", "--minutes", "45", "--status", "held", "--notes", notes,
	    "--agenda", "Agenda van de sessie", NULL);
}

/* What the tests compare: the private content and the countable activity of one assignment. */
struct content {
	int64_t sessions, minutes, notes, agendas, actions, action_texts, observations, plans,
	        goals, self_assessments;
};

static struct content content_of(struct fixture *fx, int64_t a)
{
	struct content c = { 0 };
	c.sessions = rows(fx, E_SESSION, "assignment", a, NULL);
	c.minutes = minutes(fx, a);
	c.notes = rows(fx, E_SESSION, "assignment", a, "notes");
	c.agendas = rows(fx, E_SESSION, "assignment", a, "agenda");
	c.actions = rows(fx, E_ACTION, "assignment", a, NULL);
	c.action_texts = rows(fx, E_ACTION, "assignment", a, "text");
	c.plans = rows(fx, E_PLAN, "assignment", a, NULL);
	c.goals = rows(fx, E_PLAN, "assignment", a, "goals");
	c.observations = rows_via(fx, E_OBSERVATION, "session", E_SESSION, a, "strengths");
	c.self_assessments = rows_via(fx, E_SELF_ASSESSMENT, "plan", E_PLAN, a, NULL);
	return c;
}

static void same_content(const struct content *a, const struct content *b)
{
	assert_memory_equal(a, b, sizeof(*a));
}

/* ---- erasure ------------------------------------------------------------------------------- */

static void test_erase_what_goes_and_what_stays(void **state)
{
	struct fixture *fx = *state;
	int64_t lotte = person_id(fx, LOTTE), sven = person_id(fx, SVEN);
	int64_t a = assignment_of(fx, lotte), b = assignment_of(fx, sven);

	note(fx, a, SECRET);
	note(fx, b, OTHERS);
	assert_true(in_database(fx, SECRET));
	assert_true(in_database(fx, "Lotte Mulder"));
	struct content mine = content_of(fx, a), others = content_of(fx, b);
	assert_true(mine.notes > 0 && mine.action_texts > 0 && mine.goals > 0);
	assert_true(mine.observations > 0 && mine.self_assessments > 0);
	int64_t results = rows(fx, E_RESULT, "rep", lotte, NULL);
	int64_t people = rows(fx, E_PERSON, NULL, 0, NULL);
	int64_t all_sessions = rows(fx, E_SESSION, NULL, 0, NULL);
	int64_t sven_results = rows(fx, E_RESULT, "rep", sven, NULL);
	assert_true(results > 0);
	assert_int_equal(rows(fx, E_ACCOUNT, "person", lotte, NULL), 1);

	/* The dry run says what would go and changes nothing. */
	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON, "--dry-run"),
	                 0);
	says(fx, "Het wissen van persoon");
	says(fx, "1 account(s) verwijderd");
	struct content still = content_of(fx, a);
	same_content(&mine, &still);

	/* Not on a terminal and without --yes: refused, nothing changed. */
	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON), 2);
	assert_non_null(strstr(fx->last.err, "--yes"));
	still = content_of(fx, a);
	same_content(&mine, &still);

	/* In English, for the administrator; the name it leaves is in the organisation's Dutch. */
	assert_int_equal(
	        run(fx, "--lang", "en", "person", "erase", idt(lotte), "--reason", REASON, "--yes"),
	        0);
	says(fx, "is erased");

	/* Gone: the private content of Lotte's relationship, her account, her name. */
	struct content after = content_of(fx, a);
	assert_int_equal(after.notes, 0);
	assert_int_equal(after.agendas, 0);
	assert_int_equal(after.action_texts, 0);
	assert_int_equal(after.goals, 0);
	assert_int_equal(after.observations, 0);
	assert_int_equal(after.self_assessments, 0);
	assert_int_equal(rows(fx, E_ACCOUNT, "person", lotte, NULL), 0);
	assert_int_equal(rows(fx, E_BALLOT, "person", lotte, NULL), 0);
	assert_int_equal(rows(fx, E_SECURITY, "person", lotte, NULL), 0);
	json_t *p = shown(fx, "person", lotte);
	char name[64];
	snprintf(name, sizeof(name), "Gewiste persoon %lld", (long long)lotte);
	assert_string_equal(json_string_value(json_object_get(p, "name")), name);
	assert_non_null(strstr(json_string_value(json_object_get(p, "email")), "@erased.invalid"));
	assert_true(json_is_false(json_object_get(p, "active")));
	json_decref(p);
	/* And not in the file's bytes, nor in its log. */
	assert_false(in_database(fx, SECRET));
	assert_false(in_database(fx, LOTTE));
	assert_false(in_database(fx, "Lotte Mulder"));

	/* Kept: the countable activity, her sales results, everyone else's records. */
	assert_int_equal(after.sessions, mine.sessions);
	assert_int_equal(after.minutes, mine.minutes);
	assert_int_equal(after.actions, mine.actions);
	assert_int_equal(after.plans, mine.plans);
	assert_int_equal(rows(fx, E_RESULT, "rep", lotte, NULL), results);
	assert_int_equal(rows(fx, E_PERSON, NULL, 0, NULL), people);
	assert_int_equal(rows(fx, E_SESSION, NULL, 0, NULL), all_sessions);
	assert_int_equal(rows(fx, E_RESULT, "rep", sven, NULL), sven_results);
	struct content sven_after = content_of(fx, b);
	assert_int_equal(sven_after.notes, others.notes);
	assert_int_equal(sven_after.action_texts, others.action_texts);
	assert_int_equal(sven_after.goals, others.goals);
	assert_int_equal(sven_after.observations, others.observations);
	assert_int_equal(sven_after.self_assessments, others.self_assessments);
	assert_true(in_database(fx, OTHERS)); /* the search finds what is there */
	/* Her coach keeps his account and his name. */
	assert_int_equal(rows(fx, E_ACCOUNT, "person", person_id(fx, JEROEN), NULL), 1);

	/* Audited: who, the reason and the counts; never the content. */
	json_t *log = list(fx, "audit", "--entity", "person", "--record-id", idt(lotte), NULL);
	json_t *last = json_array_get(log, json_array_size(log) - 1);
	assert_string_equal(json_string_value(json_object_get(last, "action")), "erase");
	assert_string_equal(json_string_value(json_object_get(last, "actor")),
	                    "local administrator");
	const char *what = json_string_value(json_object_get(last, "after"));
	assert_non_null(what);
	assert_non_null(strstr(what, REASON));
	assert_non_null(strstr(what, "\"sessions\":"));
	assert_null(strstr(what, "QZX7"));
	json_decref(log);

	/* A second erasure says so and changes nothing. */
	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON, "--yes"), 0);
	says(fx, "was al gewist");
}

static void test_erase_refused_under_legal_hold(void **state)
{
	struct fixture *fx = *state;
	int64_t lotte = person_id(fx, LOTTE);
	int64_t a = assignment_of(fx, lotte);

	note(fx, a, SECRET);
	assert_int_equal(run(fx, "org", "set", "legal_hold", "true"), 0);
	struct content before = content_of(fx, a);
	const char *people = snapshot(fx, "person");

	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON, "--yes"), 2);
	harness_expect_usage_error(&fx->last, "erase under a legal hold", "legal_hold");
	/* It says what the hold does: erasure and retention suspended, not "nothing deleted". */
	assert_non_null(strstr(fx->last.err, "wissen en bewaartermijnen opgeschort"));
	struct content after = content_of(fx, a);
	same_content(&before, &after);
	assert_string_equal(snapshot(fx, "person"), people);
	assert_int_equal(rows(fx, E_ACCOUNT, "person", lotte, NULL), 1);
	assert_true(in_database(fx, SECRET));

	/* A value that is not true or false is refused, naming both. */
	assert_int_equal(run(fx, "org", "set", "legal_hold", "ja"), 2);
	assert_non_null(strstr(fx->last.err, "true of false"));
	/* Lifted, the erasure goes through. */
	assert_int_equal(run(fx, "org", "set", "legal_hold", "false"), 0);
	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON, "--yes"), 0);
}

static void test_erase_is_for_administrators(void **state)
{
	struct fixture *fx = *state;
	int64_t lotte = person_id(fx, LOTTE);
	int64_t a = assignment_of(fx, lotte);
	struct content before = content_of(fx, a);
	const char *people = snapshot(fx, "person");

	/* Her own coach and manager may not; nor may she. */
	assert_int_equal(
	        run(fx, "--as", JEROEN, "person", "erase", idt(lotte), "--reason", REASON, "--yes"),
	        2);
	harness_expect_usage_error(&fx->last, "erase by a manager", "beheerder");
	assert_int_equal(
	        run(fx, "--as", LOTTE, "person", "erase", idt(lotte), "--reason", REASON, "--yes"),
	        2);
	assert_int_equal(run(fx, "--as", JEROEN, "retain", "--dry-run"), 2);
	struct content after = content_of(fx, a);
	same_content(&before, &after);
	assert_string_equal(snapshot(fx, "person"), people);

	/* Without a reason: refused, saying how. */
	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--yes"), 2);
	harness_expect_usage_error(&fx->last, "erase without a reason", "--reason");

	/* An administrator does not erase themselves. */
	assert_int_equal(run(fx, "--as", ADMIN, "person", "erase", idt(person_id(fx, ADMIN)),
	                     "--reason", REASON, "--yes"),
	                 2);
	harness_expect_usage_error(&fx->last, "an administrator erasing themselves", "--as");

	/* An administrator's account may. */
	assert_int_equal(
	        run(fx, "--as", ADMIN, "person", "erase", idt(lotte), "--reason", REASON, "--yes"),
	        0);
	json_t *log = list(fx, "audit", "--entity", "person", "--record-id", idt(lotte), NULL);
	json_t *last = json_array_get(log, json_array_size(log) - 1);
	assert_string_equal(json_string_value(json_object_get(last, "actor")), ADMIN);
	json_decref(log);
}

/* A coach's erasure: the relationships they coached, and their content, stay (the coachees'). */
static void test_erase_coach_keeps_coachees(void **state)
{
	struct fixture *fx = *state;
	int64_t jeroen = person_id(fx, JEROEN), lotte = person_id(fx, LOTTE);
	int64_t a = assignment_of(fx, lotte), b = assignment_of(fx, person_id(fx, SVEN));
	char erased[80];

	note(fx, a, SECRET); /* written by Jeroen, as her coach */
	struct content mine = content_of(fx, a), others = content_of(fx, b);
	assert_true(mine.notes > 0 && mine.goals > 0 && mine.self_assessments > 0);
	assert_true(mine.action_texts > 0 && mine.observations > 0);
	assert_true(others.notes > 0 && others.self_assessments > 0);

	assert_int_equal(run(fx, "person", "erase", idt(jeroen), "--reason", REASON, "--dry-run"),
	                 0);
	says(fx, " 0 sessie(s)");
	says(fx, " 0 zelfbeoordeling(en)");
	says(fx, "van 0 relatie(s) waarin de persoon coachee is");
	assert_int_equal(run(fx, "person", "erase", idt(jeroen), "--reason", REASON, "--yes"), 0);
	says(fx, "van 0 relatie(s)");

	/* His coachees' notes, goals, action items, observations, self-assessments: all there. */
	struct content mine_after = content_of(fx, a), others_after = content_of(fx, b);
	same_content(&mine, &mine_after);
	same_content(&others, &others_after);
	assert_true(in_database(fx, SECRET));
	/* He is anonymised, also as the author in the audit log. */
	assert_false(in_database(fx, JEROEN));
	assert_false(in_database(fx, "Jeroen Bakker"));
	erasure_email(jeroen, erased, sizeof(erased));
	assert_int_equal(rows_text(fx, E_AUDIT, "actor", JEROEN), 0);
	assert_true(rows_text(fx, E_AUDIT, "actor", erased) > 0);
	assert_int_equal(rows(fx, E_ACCOUNT, "person", jeroen, NULL), 0);
}

/* Every address the person had is renamed in the logs: the current one and each earlier one. */
static void test_erase_renames_every_address(void **state)
{
	struct fixture *fx = *state;
	int64_t lotte = person_id(fx, LOTTE), a = assignment_of(fx, lotte);
	char erased[80], name[64];

	json_t *acts = list(fx, "action", "--assignment", idt(a), NULL);
	int64_t act = json_integer_value(json_object_get(json_array_get(acts, 0), "id"));
	json_decref(acts);
	/* She acts under her address, which then changes, and acts under the new one. */
	assert_int_equal(
	        run(fx, "--as", LOTTE, "action", "update", idt(act), "--done-on", "2026-06-26"), 0);
	logged(fx, lotte, LOTTE, "Lotte Mulder");
	assert_int_equal(run(fx, "person", "update", idt(lotte), "--email", LOTTE2), 0);
	assert_int_equal(
	        run(fx, "--as", LOTTE2, "action", "update", idt(act), "--done-on", "2026-06-27"),
	        0);
	assert_int_equal(rows_text(fx, E_AUDIT, "actor", LOTTE), 1);
	assert_int_equal(rows_text(fx, E_AUDIT, "actor", LOTTE2), 1);
	assert_int_equal(rows_text(fx, E_ACK, "acked_by", LOTTE), 1);

	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON, "--yes"), 0);
	erasure_email(lotte, erased, sizeof(erased));
	snprintf(name, sizeof(name), "Gewiste persoon %lld", (long long)lotte);
	assert_int_equal(rows_text(fx, E_AUDIT, "actor", LOTTE), 0);
	assert_int_equal(rows_text(fx, E_AUDIT, "actor", LOTTE2), 0);
	assert_int_equal(rows_text(fx, E_AUDIT, "actor", erased), 2);
	assert_int_equal(rows_text(fx, E_ACK, "acked_by", LOTTE), 0);
	assert_int_equal(rows_text(fx, E_ACK, "acked_by", erased), 1);
	assert_int_equal(rows_text(fx, E_ACCESS, "reader_name", "Lotte Mulder"), 0);
	assert_int_equal(rows_text(fx, E_ACCESS, "reader_name", name), 1);
	/* Neither address is anywhere in the file's bytes. */
	assert_false(in_database(fx, "lotte.mulder"));
	assert_false(in_database(fx, "lotte.nieuw"));
	assert_false(in_database(fx, "Lotte Mulder"));
}

/*
 * Another connection holds a read open: the erasure is committed, but the file
 * cannot be scrubbed. It says so and how to finish, with exit code 3; run again
 * once the read is over, it scrubs the file.
 */
static void test_erase_blocked_scrub(void **state)
{
	struct fixture *fx = *state;
	int64_t lotte = person_id(fx, LOTTE), a = assignment_of(fx, lotte);
	sqlite3 *reader = NULL;

	note(fx, a, SECRET);
	assert_int_equal(sqlite3_open(fx->db, &reader), SQLITE_OK);
	assert_int_equal(
	        sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM person;", NULL, NULL, NULL),
	        SQLITE_OK);
	assert_int_equal(
	        run(fx, "--lang", "en", "person", "erase", idt(lotte), "--reason", REASON, "--yes"),
	        3);
	says(fx, "is erased");
	assert_non_null(strstr(fx->last.err, "the database file still holds their bytes"));
	assert_non_null(strstr(fx->last.err, "running the same command again"));
	assert_null(strstr(fx->last.err, "are gone"));
	assert_int_equal(content_of(fx, a).notes, 0); /* deleted from the database */
	assert_true(in_database(fx, SECRET));         /* but not yet from the file */

	/* While the read is still open, a rerun cannot finish either, and says so. */
	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON, "--yes"), 3);
	assert_non_null(strstr(fx->last.err, "bytes"));

	assert_int_equal(sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(reader);
	assert_int_equal(run(fx, "person", "erase", idt(lotte), "--reason", REASON, "--yes"), 0);
	says(fx, "was al gewist");
	says(fx, "opnieuw opgeschoond");
	assert_false(in_database(fx, SECRET));
}

/* ---- retention ----------------------------------------------------------------------------- */

/* Set the dates of assignment a (and its programme's start) to end on `ends` (store, not domain).
 */
static void ended(struct fixture *fx, int64_t a, const char *ends)
{
	int64_t org;
	struct sc_error err;
	struct store *st = open_db(fx, &org);
	struct record *as = NULL, *upd = record_new(entity_get(E_ASSIGNMENT));
	struct record *prog = record_new(entity_get(E_PROGRAMME));

	if (store_get(st, org, entity_get(E_ASSIGNMENT), a, &as, &err))
		fail_msg("assignment %lld: %s", (long long)a, err.message);
	upd->id = a;
	record_put_text(upd, "starts_on", "2020-01-01");
	record_put_text(upd, "ends_on", ends);
	record_put_text(upd, "status", "ended");
	prog->id = record_int(as, "programme");
	record_put_text(prog, "starts_on", "2020-01-01");
	if (store_update(st, org, upd, &err) || store_update(st, org, prog, &err))
		fail_msg("update: %s", err.message);
	record_free(&as);
	record_free(&upd);
	record_free(&prog);
	store_close(&st);
}

static void test_retention(void **state)
{
	struct fixture *fx = *state;
	int64_t a = assignment_of(fx, person_id(fx, LOTTE));
	int64_t b = assignment_of(fx, person_id(fx, SVEN));
	char today[TU_DATE_LEN], old[TU_DATE_LEN], recent[TU_DATE_LEN];

	tu_today("Europe/Amsterdam", today);
	tu_date_add(today, -(25 * 31), old);    /* more than 25 months ago */
	tu_date_add(today, -(23 * 30), recent); /* less than 23 months ago */
	note(fx, a, SECRET);
	note(fx, b, OTHERS);
	ended(fx, a, old);
	ended(fx, b, recent);
	struct content a0 = content_of(fx, a), b0 = content_of(fx, b);
	assert_true(a0.notes > 0 && b0.notes > 0);

	/* The dry run lists what would go, per relationship, and changes nothing. */
	assert_int_equal(run(fx, "retain", "--dry-run"), 0);
	says(fx, "zou worden verwijderd");
	char row[64];
	snprintf(row, sizeof(row), "koppeling %lld ", (long long)a);
	says(fx, row);
	says(fx, old);
	/* What the dry run lists for a is what the run then deletes, count for count. */
	char *would = line_with(fx->last.out, row);
	snprintf(row, sizeof(row), "koppeling %lld ", (long long)b);
	assert_null(strstr(fx->last.out, row));
	struct content a1 = content_of(fx, a);
	same_content(&a0, &a1);

	assert_int_equal(run(fx, "retain"), 0);
	says(fx, "is verwijderd");
	says(fx, would);
	free(would);
	struct content a2 = content_of(fx, a), b2 = content_of(fx, b);
	assert_int_equal(a2.notes, 0);
	assert_int_equal(a2.agendas, 0);
	assert_int_equal(a2.action_texts, 0);
	assert_int_equal(a2.goals, 0);
	assert_int_equal(a2.sessions, a0.sessions);
	assert_int_equal(a2.minutes, a0.minutes);
	assert_int_equal(a2.actions, a0.actions);
	assert_int_equal(b2.notes, b0.notes);
	assert_int_equal(b2.action_texts, b0.action_texts);
	assert_int_equal(b2.goals, b0.goals);
	assert_false(in_database(fx, SECRET));
	assert_true(in_database(fx, OTHERS));

	/* A second run deletes nothing. */
	assert_int_equal(run(fx, "retain"), 0);
	says(fx, "Niets te verwijderen");
	struct content a3 = content_of(fx, a), b3 = content_of(fx, b);
	same_content(&a2, &a3);
	same_content(&b2, &b3);

	/* Audited once, with the counts. */
	json_t *log = list(fx, "audit", "--action", "retain", NULL);
	assert_int_equal(json_array_size(log), 1);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(log, 0), "after")),
	                       "\"relationships\":1"));
	json_decref(log);

	/* Under a legal hold, retention deletes nothing. */
	tu_date_add(today, -(30 * 31), old);
	ended(fx, b, old);
	assert_int_equal(run(fx, "org", "set", "legal_hold", "true"), 0);
	assert_int_equal(run(fx, "retain"), 0);
	says(fx, "legal_hold");
	says(fx, "opgeschort");
	struct content b4 = content_of(fx, b);
	assert_int_equal(b4.notes, b0.notes);
}

/* A retain that deletes nothing leaves the file as it is: no daily rebuild of the database. */
static void test_retain_noop_keeps_file(void **state)
{
	struct fixture *fx = *state;

	/* Free pages in the file, which a VACUUM would remove. */
	sql_exec(fx, "CREATE TABLE scratch(x); "
	             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
	             "INSERT INTO scratch SELECT randomblob(3000) FROM n; DROP TABLE scratch;");
	int64_t free_pages = pragma(fx, "PRAGMA freelist_count");
	assert_true(free_pages > 0);
	assert_int_equal(run(fx, "retain"), 0);
	says(fx, "Niets te verwijderen");
	assert_int_equal(pragma(fx, "PRAGMA freelist_count"), free_pages);
}

/*
 * The boundary: content goes when its relationship ended more than
 * retention_months ago, i.e. before the day that many months back (the
 * cutoff). Ended the day before: deleted; on the cutoff day or the day
 * after: kept.
 */
static void test_retention_boundary(void **state)
{
	struct fixture *fx = *state;
	int64_t a = assignment_of(fx, person_id(fx, LOTTE));
	int64_t b = assignment_of(fx, person_id(fx, SVEN));
	int64_t c = assignment_of(fx, person_id(fx, "hanneke.vos@vandijk.example"));
	char today[TU_DATE_LEN], cutoff[TU_DATE_LEN], before[TU_DATE_LEN], after[TU_DATE_LEN];

	tu_today("Europe/Amsterdam", today);
	erasure_months_before(today, 24, cutoff); /* retention_months: the default 24 */
	tu_date_add(cutoff, -1, before);
	tu_date_add(cutoff, 1, after);
	ended(fx, a, before);
	ended(fx, b, cutoff);
	ended(fx, c, after);
	struct content b0 = content_of(fx, b), c0 = content_of(fx, c);
	assert_true(content_of(fx, a).notes > 0 && b0.notes > 0 && c0.notes > 0);

	assert_int_equal(run(fx, "retain"), 0);
	says(fx, cutoff);
	says(fx, "1 relatie(s)");
	assert_int_equal(content_of(fx, a).notes, 0);
	assert_int_equal(content_of(fx, a).goals, 0);
	struct content b1 = content_of(fx, b), c1 = content_of(fx, c);
	same_content(&b0, &b1);
	same_content(&c0, &c1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_erase_what_goes_and_what_stays,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_erase_refused_under_legal_hold,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_erase_is_for_administrators, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_erase_coach_keeps_coachees, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_erase_renames_every_address, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_erase_blocked_scrub, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_retention, setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_retain_noop_keeps_file, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_retention_boundary, setup_demo_copy, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, remove_demo_template);
}
