/*
 * test_import_cli.c - `salescoach import` through the real program on the
 * Dutch demo organisation, with the real-world shaped files of
 * tests/data/import/: a Dutch spreadsheet export (';', decimal comma, byte
 * order mark, a line break inside a quoted field), each kind of bad line, all
 * or nothing proven by counting rows before and after, and a second import of
 * the same file that updates and never duplicates.
 */
#include <sqlite3.h>

#include "cli_fixture.h"

#define DATA SOURCE_DIR "/tests/data/import/"
#define MAPS SOURCE_DIR "/share/mappings/"

/* `import ARGS...` on the fixture's database; the exit code. */
#define imp(fx, ...) sc(fx, "import", __VA_ARGS__, NULL)

/* stdout of the last run holds text; otherwise fail quoting both outputs. */
static void says(struct fixture *fx, const char *text)
{
	if (!strstr(fx->last.out, text))
		fail_msg("wanted \"%s\" in\n%s\nstderr: %s", text, fx->last.out, fx->last.err);
}

/* The one record of noun whose field is value, as JSON (a new reference). */
static json_t *one(struct fixture *fx, const char *noun, const char *field, const char *value)
{
	char opt[64];
	snprintf(opt, sizeof(opt), "--%s", field);
	json_t *arr = list(fx, noun, opt, value, NULL);
	if (json_array_size(arr) != 1)
		fail_msg("%zu %s with %s %s", json_array_size(arr), noun, field, value);
	json_t *rec = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	return rec;
}

static const char *text(json_t *rec, const char *field)
{
	return json_string_value(json_object_get(rec, field));
}

static void test_dutch_spreadsheet_people(void **state)
{
	struct fixture *fx = *state;
	size_t before = count(fx, "person");

	assert_int_equal(imp(fx, "people", DATA "nl_people.csv"), 0);
	says(fx, "mensen: 2 toegevoegd, 1 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "person"), before + 2);
	json_t *eva = one(fx, "person", "email", "eva.visser@vandijk.example");
	assert_string_equal(text(eva, "name"), "Eva Visser");
	/* The quoted field kept its separator and its line break. */
	assert_non_null(strstr(text(eva, "track_record"), "112% van haar target;"));
	assert_non_null(strstr(text(eva, "track_record"), "\nsterk in nieuwe klanten"));
	json_t *tim = one(fx, "person", "email", "tim.smit@vandijk.example");
	assert_string_equal(text(tim, "title"), "Accountmanager \"key accounts\"");
	json_t *lotte = one(fx, "person", "email", "lotte.mulder@vandijk.example");
	assert_string_equal(text(lotte, "title"), "Senior accountmanager"); /* updated */
	json_decref(eva);
	json_decref(tim);
	json_decref(lotte);

	/* The same file again changes nothing and adds nobody twice. */
	assert_int_equal(imp(fx, "people", DATA "nl_people.csv"), 0);
	says(fx, "mensen: 0 toegevoegd, 0 bijgewerkt, 3 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "person"), before + 2);
}

static void test_results_with_decimal_commas(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(imp(fx, "people", DATA "nl_people.csv"), 0);
	size_t before = count(fx, "result");
	assert_int_equal(imp(fx, "results", DATA "nl_results.csv"), 0);
	says(fx, "verkoopresultaten: 3 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "result"), before + 3);
	json_t *eva = one(fx, "person", "email", "eva.visser@vandijk.example");
	char *id = idt(json_integer_value(json_object_get(eva, "id")));
	json_t *oct = list(fx, "result", "--rep", id, "--month", "2026-10", NULL);
	assert_int_equal(json_array_size(oct), 1);
	/* "12.500,00" and "13.250,50" in whole euros. */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(oct, 0), "quota")),
	                 12500);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(oct, 0), "revenue")),
	                 13251);
	/* "november 2026" and "11 900,00". */
	json_t *nov = list(fx, "result", "--rep", id, "--month", "2026-11", NULL);
	assert_int_equal(json_array_size(nov), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(nov, 0), "revenue")),
	                 11900);
	json_decref(oct);
	json_decref(nov);
	json_decref(eva);

	assert_int_equal(imp(fx, "results", DATA "nl_results.csv"), 0);
	says(fx, "verkoopresultaten: 0 toegevoegd, 0 bijgewerkt, 3 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "result"), before + 3);
}

static void test_a_bad_line_imports_nothing(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(imp(fx, "people", DATA "nl_people.csv"), 0);
	size_t results = count(fx, "result"), audits = count(fx, "audit");
	assert_int_equal(imp(fx, "results", DATA "bad_results.csv"), 2);
	says(fx, "verkoopresultaten: 5 afgekeurd, 2 goed, geen ervan geïmporteerd");
	says(fx, "Er is niets geïmporteerd");
	says(fx, "regel 3, rep: niemand hier heeft het e-mailadres 'onbekend@vandijk.example'");
	says(fx, "regel 4, quota: 'twaalf' is geen getal");
	says(fx, "regel 5, month: '13-13-2026' is geen maand; schrijf die zoals 2026-11");
	says(fx, "regel 6, rep: eva.visser@vandijk.example, 2026-08 staat twee keer in het "
	         "bestand (eerst op regel 2)");
	says(fx, "regel 7, revenue: de rij heeft 3 kolommen waar de kopregel er 6 heeft");
	assert_int_equal(count(fx, "result"), results);
	assert_int_equal(count(fx, "audit"), audits);

	/* --dry-run checks and stores nothing, good file or bad. */
	assert_int_equal(imp(fx, "results", DATA "nl_results.csv", "--dry-run"), 0);
	says(fx, "verkoopresultaten: 3 toegevoegd");
	says(fx, "Proefrun: er is niets opgeslagen.");
	assert_int_equal(count(fx, "result"), results);

	/* --skip-bad: the two good lines, and the others still listed. */
	assert_int_equal(imp(fx, "results", DATA "bad_results.csv", "--skip-bad"), 0);
	says(fx, "verkoopresultaten: 1 toegevoegd, 1 bijgewerkt, 0 ongewijzigd, 5 afgekeurd");
	says(fx, "De goede regels zijn geïmporteerd; deze zijn overgeslagen:");
	says(fx, "regel 4, quota: 'twaalf' is geen getal");
	assert_int_equal(count(fx, "result"), results + 1);
	/* One entry for the import with its counts (issue 12), none per row. */
	assert_int_equal(count(fx, "audit"), audits + 1);
}

/*
 * A key twice in a large file is found however far apart the two lines are,
 * with memory that does not grow with the file: the line of the first is
 * named while it is still remembered (65,536 records back), and after that
 * the message says it was on an earlier line. Nothing is imported.
 */
static void test_a_duplicate_far_apart_is_found(void **state)
{
	struct fixture *fx = *state;
	enum { REPS = 6, MONTHS = 11000 };
	char path[700], *csv = malloc((size_t)REPS * MONTHS * 40 + 256);
	size_t n = 0;

	assert_non_null(csv);
	n += (size_t)sprintf(csv, "naam;e-mail\n");
	for (int r = 1; r <= REPS; r++)
		n += (size_t)sprintf(csv + n, "Ver %d;ver%d@far.example\n", r, r);
	snprintf(path, sizeof(path), "%s/far_people.csv", fx->dir);
	harness_write_file(path, csv);
	assert_int_equal(imp(fx, "people", path), 0);

	n = (size_t)sprintf(csv, "rep;month;quota;revenue\n");
	for (int r = 1; r <= REPS; r++)
		for (int k = 0; k < MONTHS; k++)
			n += (size_t)sprintf(csv + n, "ver%d@far.example;%04d-%02d;1000;900\n", r,
			                     1900 + k / 12, k % 12 + 1);
	/* Line 66,002 repeats line 2; line 66,003 repeats line 66,001 (the last month). */
	n += (size_t)sprintf(csv + n, "ver1@far.example;1900-01;1000;900\n");
	n += (size_t)sprintf(csv + n, "ver%d@far.example;%04d-%02d;1000;900\n", REPS,
	                     1900 + (MONTHS - 1) / 12, (MONTHS - 1) % 12 + 1);
	snprintf(path, sizeof(path), "%s/far_results.csv", fx->dir);
	harness_write_file(path, csv);
	free(csv);
	size_t results = count(fx, "result");

	assert_int_equal(imp(fx, "results", path), 2);
	says(fx, "verkoopresultaten: 2 afgekeurd, 66000 goed, geen ervan geïmporteerd");
	says(fx, "regel 66002, rep: ver1@far.example, 1900-01 staat twee keer in het bestand (ook "
	         "op een eerdere regel)");
	says(fx, "regel 66003, rep: ver6@far.example, 2816-08 staat twee keer in het bestand "
	         "(eerst op regel 66001)");
	assert_int_equal(count(fx, "result"), results);
}

/* Run sql on the fixture's database directly, as another program's writes would. */
static void raw_sql(struct fixture *fx, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;
	if (sqlite3_open(fx->db, &h) != SQLITE_OK ||
	    sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("raw SQL: %s", msg ? msg : sqlite3_errmsg(h));
	sqlite3_close(h);
}

/*
 * One name twice in a team file, in another case, is one team named twice:
 * refused as a duplicate (all or nothing), and with --skip-bad the first is
 * stored and the second listed. A person's address twice, in another case,
 * the same.
 */
static void test_a_name_twice_in_another_case(void **state)
{
	struct fixture *fx = *state;
	char path[700];
	size_t teams = count(fx, "team"), people = count(fx, "person");

	snprintf(path, sizeof(path), "%s/teams_twice.csv", fx->dir);
	harness_write_file(path, "name\nZuid Oost\nzuid oost\n");
	assert_int_equal(imp(fx, "teams", path), 2);
	says(fx, "regel 3, name: zuid oost staat twee keer in het bestand (eerst op regel 2)");
	assert_int_equal(count(fx, "team"), teams);
	assert_int_equal(imp(fx, "teams", path, "--skip-bad"), 0);
	says(fx, "1 toegevoegd");
	says(fx, "regel 3, name: zuid oost staat twee keer in het bestand (eerst op regel 2)");
	assert_int_equal(count(fx, "team"), teams + 1);

	snprintf(path, sizeof(path), "%s/people_twice.csv", fx->dir);
	harness_write_file(path, "name,email\nAnna Berg,anna.berg@vandijk.example\n"
	                         "Anna van den Berg,Anna.Berg@VanDijk.example\n");
	assert_int_equal(imp(fx, "people", path, "--skip-bad"), 0);
	says(fx, "1 toegevoegd");
	says(fx, "regel 3, email: anna.berg@vandijk.example staat twee keer in het bestand (eerst "
	         "op regel 2)");
	assert_int_equal(count(fx, "person"), people + 1);
}

/*
 * Ids are shared by every organisation of a database, and another program
 * may write one far above the rest: the check of duplicates then covers the
 * highest ids only, with bounded memory, and the import works as before.
 */
static void test_an_id_far_above_the_rest(void **state)
{
	struct fixture *fx = *state;
	char path[700];

	raw_sql(fx, "INSERT INTO team (id, org_id, created_at, updated_at, name) SELECT "
	            "4611686018427387904, org_id, created_at, updated_at, 'Team Ver' FROM team "
	            "LIMIT 1");
	size_t teams = count(fx, "team");
	snprintf(path, sizeof(path), "%s/teams_far.csv", fx->dir);
	harness_write_file(path, "name,parent\nTeam Ver,\nTeam Dichtbij,Team Ver\nteam ver,\n");
	assert_int_equal(imp(fx, "teams", path, "--skip-bad"), 0);
	says(fx, "1 toegevoegd, 0 bijgewerkt, 1 ongewijzigd, 1 afgekeurd");
	says(fx, "regel 4, name: team ver staat twee keer in het bestand (eerst op regel 2)");
	assert_int_equal(count(fx, "team"), teams + 1);
}

/* The report lists the first 100 bad lines and counts the rest. */
static void test_a_hundred_bad_lines_and_a_count(void **state)
{
	struct fixture *fx = *state;
	char path[700], *csv = malloc(150 * 64 + 64);
	size_t n = 0;

	assert_non_null(csv);
	n += (size_t)sprintf(csv + n, "rep;month;quota;revenue\n");
	for (int i = 0; i < 150; i++)
		n += (size_t)sprintf(csv + n, "lotte.mulder@vandijk.example;%d-%02d;x;1\n",
		                     2000 + i / 12, i % 12 + 1);
	snprintf(path, sizeof(path), "%s/many.csv", fx->dir);
	harness_write_file(path, csv);
	free(csv);
	assert_int_equal(imp(fx, "results", path), 2);
	says(fx, "verkoopresultaten: 150 afgekeurd, 0 goed");
	says(fx, "regel 101, quota: 'x' is geen getal");
	assert_null(strstr(fx->last.out, "regel 102,"));
	says(fx, "en nog 50");
}

/*
 * A long reason is cut where a character begins: the report of a quota of 300 accented
 * letters stays UTF-8 (and JSON), and with --skip-bad the good line is stored.
 */
static void test_a_long_accented_value_keeps_the_report_whole(void **state)
{
	struct fixture *fx = *state;
	char path[700], csv[1024];
	size_t n = (size_t)snprintf(csv, sizeof(csv),
	                            "rep;month;quota;revenue\n"
	                            "lotte.mulder@vandijk.example;2031-01;x");
	for (int i = 0; i < 300 && n + 3 < sizeof(csv); i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "\xc3\xa9");
	snprintf(csv + n, sizeof(csv) - n, ";1\nlotte.mulder@vandijk.example;2031-02;1000;777\n");
	snprintf(path, sizeof(path), "%s/accents.csv", fx->dir);
	harness_write_file(path, csv);
	size_t before = count(fx, "result");

	assert_int_equal(imp(fx, "results", path, "--skip-bad", "--json"), 0);
	json_t *rep = json_loads(fx->last.out, 0, NULL);
	assert_non_null(rep); /* valid JSON, so valid UTF-8 */
	json_decref(rep);
	assert_int_equal(count(fx, "result"), before + 1);
	assert_int_equal(imp(fx, "results", path, "--skip-bad"), 0);
	says(fx, "regel 2, quota: 'x\xc3\xa9\xc3\xa9");
}

static void test_sessions_and_a_bad_date(void **state)
{
	struct fixture *fx = *state;
	size_t before = count(fx, "session");

	assert_int_equal(imp(fx, "sessions", DATA "bad_sessions.csv"), 2);
	says(fx, "regel 3, Tijdstip: '31-02-2026 10:00' is geen datum met tijd");
	says(fx, "regel 4, Coachee: jeroen.bakker@vandijk.example coacht "
	         "linda.smit@vandijk.example niet");
	assert_int_equal(count(fx, "session"), before);

	assert_int_equal(imp(fx, "sessions", DATA "nl_sessions.csv"), 0);
	says(fx, "sessies: 2 toegevoegd");
	assert_int_equal(count(fx, "session"), before + 2);
	json_t *s = one(fx, "session", "customer", "Bakkerij Jansen");
	assert_string_equal(text(s, "at"), "2026-12-03T08:30:00Z"); /* 9:30 in Amsterdam */
	assert_string_equal(text(s, "kind"), "ride_along");
	json_decref(s);
	assert_int_equal(imp(fx, "sessions", DATA "nl_sessions.csv"), 0);
	says(fx, "sessies: 0 toegevoegd, 0 bijgewerkt, 2 ongewijzigd");
	assert_int_equal(count(fx, "session"), before + 2);
}

static void test_latin1_refused_naming_the_line(void **state)
{
	struct fixture *fx = *state;
	size_t before = count(fx, "person");

	assert_int_equal(imp(fx, "people", DATA "latin1_people.csv"), 2);
	says(fx, "regel 2 is geen UTF-8: sla het bestand op als UTF-8");
	assert_int_equal(count(fx, "person"), before);
	assert_int_equal(sc(fx, "--lang", "en", "import", "people", DATA "latin1_people.csv", NULL),
	                 2);
	says(fx, "line 2 is not UTF-8: save the file as UTF-8");
}

static void test_whole_file_refusals(void **state)
{
	struct fixture *fx = *state;
	char path[700];

	snprintf(path, sizeof(path), "%s/no_email.csv", fx->dir);
	harness_write_file(path, "naam;functie\nEva Visser;Accountmanager\n");
	assert_int_equal(imp(fx, "people", path), 2);
	assert_non_null(strstr(fx->last.err, "de kopregel heeft geen kolom email"));

	/* Only an administrator imports. */
	assert_int_not_equal(sc(fx, "--as", "lotte.mulder@vandijk.example", "import", "people",
	                        DATA "nl_people.csv", NULL),
	                     0);
	assert_non_null(strstr(fx->last.err, "alleen een beheerder mag importeren"));
	assert_int_equal(imp(fx, "klanten", DATA "nl_people.csv"), 2);
	assert_non_null(strstr(fx->last.err, "Kies people, teams, results of sessions"));
}

static void test_audit_entry_with_counts(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(imp(fx, "people", DATA "nl_people.csv"), 0);
	json_t *arr = list(fx, "audit", "--action", "import", NULL);
	assert_int_equal(json_array_size(arr), 1);
	json_t *a = json_array_get(arr, 0);
	assert_string_equal(text(a, "entity"), "person");
	assert_non_null(strstr(text(a, "after"), "\"added\":2"));
	assert_non_null(strstr(text(a, "after"), "\"updated\":1"));
	json_decref(arr);
}

static void test_help_in_both_languages(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(imp(fx, "--help"), 0);
	says(fx, "Alles of niets");
	assert_int_equal(sc(fx, "--lang", "en", "import", "--help", NULL), 0);
	says(fx, "All or nothing");
}

/* The result of rep (by e-mail) for month, as JSON (a new reference). */
static json_t *result_of(struct fixture *fx, const char *email, const char *month)
{
	json_t *p = one(fx, "person", "email", email);
	json_t *arr = list(fx, "result", "--rep", idt(json_integer_value(json_object_get(p, "id"))),
	                   "--month", month, NULL);
	json_decref(p);
	if (json_array_size(arr) != 1)
		fail_msg("%zu results of %s in %s", json_array_size(arr), email, month);
	json_t *r = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	return r;
}

static json_int_t int_of(json_t *rec, const char *field)
{
	return json_integer_value(json_object_get(rec, field));
}

static void test_salesforce_exports_through_their_mappings(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(imp(fx, "people", DATA "salesforce_users.csv", "--map",
	                     MAPS "salesforce-users.csv"),
	                 0);
	says(fx, "mensen: 2 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	json_t *tim = one(fx, "person", "email", "tim.smit@vandijk.example");
	assert_string_equal(text(tim, "title"), "Account Executive, Key Accounts");
	json_t *jeroen = one(fx, "person", "email", "jeroen.bakker@vandijk.example");
	assert_int_equal(int_of(tim, "superior"), int_of(jeroen, "id"));
	json_decref(tim);
	json_decref(jeroen);

	assert_int_equal(imp(fx, "results", DATA "salesforce_results.csv", "--map",
	                     MAPS "salesforce-results.csv"),
	                 0);
	says(fx, "verkoopresultaten: 3 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	json_t *r = result_of(fx, "eva.visser@vandijk.example", "2026-10"); /* "October 2026" */
	assert_int_equal(int_of(r, "quota"), 12500);                        /* "EUR 12,500.00" */
	assert_int_equal(int_of(r, "revenue"), 13251);                      /* "EUR 13,250.50" */
	assert_int_equal(int_of(r, "deals_won"), 4);
	assert_int_equal(int_of(r, "deals_lost"), 2);
	json_decref(r);
	r = result_of(fx, "tim.smit@vandijk.example", "2026-11");
	assert_int_equal(int_of(r, "revenue"), 16420);
	json_decref(r);
	/* The same report again: nothing twice. */
	assert_int_equal(imp(fx, "results", DATA "salesforce_results.csv", "--map",
	                     MAPS "salesforce-results.csv"),
	                 0);
	says(fx, "verkoopresultaten: 0 toegevoegd, 0 bijgewerkt, 3 ongewijzigd");
}

static void test_hubspot_exports_through_their_mappings(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(
	        imp(fx, "people", DATA "hubspot_owners.csv", "--map", MAPS "hubspot-owners.csv"),
	        0);
	says(fx, "mensen: 2 toegevoegd");
	json_t *eva = one(fx, "person", "email", "eva.visser@vandijk.example");
	assert_string_equal(text(eva, "name"), "Eva Visser"); /* first and last name joined */
	json_decref(eva);

	assert_int_equal(
	        imp(fx, "results", DATA "hubspot_results.csv", "--map", MAPS "hubspot-results.csv"),
	        0);
	says(fx, "verkoopresultaten: 2 toegevoegd");
	json_t *r = result_of(fx, "tim.smit@vandijk.example", "2026-10");
	assert_int_equal(int_of(r, "quota"), 15000);
	assert_int_equal(int_of(r, "revenue"), 14980); /* "14,980.00" in a comma-separated file */
	assert_int_equal(int_of(r, "deals_lost"), 4);
	json_decref(r);

	/* A mapping to a column we do not have is refused before anything is read. */
	char path[700];
	snprintf(path, sizeof(path), "%s/map.csv", fx->dir);
	harness_write_file(path, "# ours\nDeal owner email,rep\nDeal stage,stage\n");
	assert_int_equal(imp(fx, "results", DATA "hubspot_results.csv", "--map", path), 2);
	assert_non_null(strstr(fx->last.err, "de koppeling noemt stage, maar dat is geen kolom van "
	                                     "results"));
}

/* The mappings built into the program, by name: the same imports as the files of share/mappings/.
 */
static void test_salesforce_by_name(void **state)
{
	struct fixture *fx = *state;
	size_t people = count(fx, "person"), results = count(fx, "result");

	assert_int_equal(imp(fx, "people", DATA "salesforce_users.csv", "--map", "salesforce"), 0);
	says(fx, "mensen: 2 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "person"), people + 2);
	json_t *tim = one(fx, "person", "email", "tim.smit@vandijk.example");
	assert_string_equal(text(tim, "title"), "Account Executive, Key Accounts");
	json_decref(tim);
	assert_int_equal(imp(fx, "results", DATA "salesforce_results.csv", "--map", "salesforce"),
	                 0);
	says(fx, "verkoopresultaten: 3 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "result"), results + 3);
	json_t *r = result_of(fx, "eva.visser@vandijk.example", "2026-10");
	assert_int_equal(int_of(r, "revenue"), 13251);
	json_decref(r);
}

static void test_hubspot_by_name(void **state)
{
	struct fixture *fx = *state;
	size_t people = count(fx, "person"), results = count(fx, "result");

	assert_int_equal(imp(fx, "people", DATA "hubspot_owners.csv", "--map", "hubspot"), 0);
	says(fx, "mensen: 2 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "person"), people + 2);
	json_t *eva = one(fx, "person", "email", "eva.visser@vandijk.example");
	assert_string_equal(text(eva, "name"), "Eva Visser");
	json_decref(eva);
	assert_int_equal(imp(fx, "results", DATA "hubspot_results.csv", "--map", "hubspot"), 0);
	says(fx, "verkoopresultaten: 2 toegevoegd, 0 bijgewerkt, 0 ongewijzigd, 0 afgekeurd");
	assert_int_equal(count(fx, "result"), results + 2);
	json_t *r = result_of(fx, "tim.smit@vandijk.example", "2026-10");
	assert_int_equal(int_of(r, "revenue"), 14980);
	json_decref(r);
}

static void test_builtin_mapping_refusals(void **state)
{
	struct fixture *fx = *state;
	size_t teams = count(fx, "team"), results = count(fx, "result");
	char path[700];

	/* A CRM without a mapping for the kind. */
	snprintf(path, sizeof(path), "%s/teams.csv", fx->dir);
	harness_write_file(path, "name\nNoord\n");
	assert_int_equal(imp(fx, "teams", path, "--map", "salesforce"), 2);
	assert_non_null(strstr(fx->last.err, "Salesforce heeft alleen een koppeling voor mensen en "
	                                     "verkoopresultaten: geef voor iets anders uw eigen "
	                                     "koppelingsbestand met --map BESTAND"));
	assert_int_equal(sc(fx, "--lang", "en", "import", "sessions", DATA "nl_sessions.csv",
	                    "--map", "hubspot", NULL),
	                 2);
	assert_non_null(strstr(fx->last.err, "HubSpot has a mapping for people and results only"));
	assert_int_equal(count(fx, "team"), teams);

	/* Neither a name of ours nor a file. */
	assert_int_equal(imp(fx, "results", DATA "hubspot_results.csv", "--map", "pipedrive"), 2);
	assert_non_null(strstr(fx->last.err, "er is geen koppeling met de naam 'pipedrive' en ook "
	                                     "geen bestand met die naam: gebruik --map salesforce "
	                                     "of --map hubspot"));
	assert_int_equal(sc(fx, "--lang", "en", "import", "results", DATA "hubspot_results.csv",
	                    "--map", "pipedrive", NULL),
	                 2);
	assert_non_null(strstr(fx->last.err,
	                       "there is no mapping called 'pipedrive' and no file of "
	                       "that name: use --map salesforce or --map hubspot"));
	assert_int_equal(count(fx, "result"), results);
}

/* A file called hubspot in the current folder is read, as before there were names. */
static void test_a_file_named_like_a_crm_wins(void **state)
{
	struct fixture *fx = *state;
	char cwd[1024], path[700];

	snprintf(path, sizeof(path), "%s/hubspot", fx->dir);
	harness_write_file(path, "Deal owner email,rep\nDeal stage,stage\n");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(fx->dir), 0);
	int rc = imp(fx, "results", DATA "hubspot_results.csv", "--map", "hubspot");
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(fx->last.err, "de koppeling noemt stage"));
	/* Elsewhere the name is ours. */
	assert_int_equal(imp(fx, "people", DATA "hubspot_owners.csv", "--map", "hubspot"), 0);
	says(fx, "mensen: 2 toegevoegd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dutch_spreadsheet_people, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_results_with_decimal_commas, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_a_bad_line_imports_nothing, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_a_hundred_bad_lines_and_a_count,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_sessions_and_a_bad_date, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_latin1_refused_naming_the_line,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_whole_file_refusals, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_audit_entry_with_counts, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_a_name_twice_in_another_case, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_an_id_far_above_the_rest, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_a_duplicate_far_apart_is_found,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_a_long_accented_value_keeps_the_report_whole,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_help_in_both_languages, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_salesforce_exports_through_their_mappings,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_hubspot_exports_through_their_mappings,
		                                setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_salesforce_by_name, setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_hubspot_by_name, setup_demo_copy, teardown),
		cmocka_unit_test_setup_teardown(test_builtin_mapping_refusals, setup_demo_copy,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_a_file_named_like_a_crm_wins, setup_demo_copy,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, remove_demo_template);
}
