/*
 * test_cli.c - the command line as a user meets it: the real program
 * (SALESCOACH_BIN) run on a fresh database per test, its output, its
 * messages and its exit codes (0 ok, 2 invalid input with nothing changed,
 * 1 other failure). The demo organisation is tests/seed/test_demo.c; the
 * fixture is tests/support/cli_fixture.h.
 */
#include "cli_fixture.h"

/* ---- help and usage ----------------------------------------------------------------------- */

static void test_help_at_every_level(void **state)
{
	struct fixture *fx = *state;
	struct stat sb;

	assert_int_equal(sc(fx, "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "usage: salescoach"));
	assert_non_null(strstr(fx->last.out, "session"));
	assert_non_null(strstr(fx->last.out, "Exit codes"));

	assert_int_equal(sc(fx, "session", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "usage: salescoach session"));
	assert_non_null(strstr(fx->last.out, "add"));
	assert_non_null(strstr(fx->last.out, "update"));

	assert_int_equal(sc(fx, "session", "add", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "--minutes"));
	assert_non_null(strstr(fx->last.out, "--assignment"));
	assert_non_null(strstr(fx->last.out, "one_to_one"));

	assert_int_equal(sc(fx, "person", "list", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "--limit"));
	assert_int_equal(sc(fx, "org", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "org"));
	assert_int_equal(sc(fx, "demo", "--help", NULL), 0);
	assert_non_null(strstr(fx->last.out, "demo"));

	/* Asking for help creates no database. */
	assert_int_not_equal(stat(fx->db, &sb), 0);
}

/*
 * Every command and every verb answers --help: exit 0, a usage line on
 * stdout, nothing on stderr, and no database made. The README promises it
 * at every level; `org add --help` once answered "unknown option".
 */
static void expect_help(struct fixture *fx, char *const *args)
{
	char what[256] = "";
	char *argv[8] = { NULL };
	size_t n = 0;

	for (; args[n] && n < 6; n++) {
		argv[n] = args[n];
		snprintf(what + strlen(what), sizeof(what) - strlen(what), "%s ", args[n]);
	}
	argv[n] = "--help";
	strcat(what, "--help");
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	if (fx->last.status != 0 || strncmp(fx->last.out, "usage: ", 7) != 0 ||
	    fx->last.err[0] != '\0')
		fail_msg("%s: exit %d, stdout '%.80s', stderr '%.200s'", what, fx->last.status,
		         fx->last.out, fx->last.err);
}

static void test_help_of_every_command_and_verb(void **state)
{
	struct fixture *fx = *state;
	static char *const commands[][4] = {
		{ "overview" },
		{ "alerts" },
		{ "alerts", "ack" },
		{ "demo" },
		{ "gen" },
		{ "org" },
		{ "org", "list" },
		{ "org", "show" },
		{ "org", "add" },
		{ "org", "set" },
		{ "plan" },
		{ "plan", "capacity" },
		{ "incentive" },
		{ "leadership" },
		{ "advise" },
		{ "serve" },
		{ "account" },
		{ "account", "set" },
		{ "account", "setup" },
	};
	static char *const verbs[] = { "list", "show", "add", "update", "remove" };
	struct stat sb;

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		expect_help(fx, commands[i]);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->eflags & EF_INTERNAL)
			continue;
		char *noun[2] = { (char *)def->name, NULL };
		expect_help(fx, noun);
		for (size_t v = 0; v < sizeof(verbs) / sizeof(verbs[0]); v++) {
			if ((def->eflags & EF_READONLY) && v >= 2)
				continue;
			char *args[3] = { (char *)def->name, verbs[v], NULL };
			expect_help(fx, args);
		}
	}
	assert_int_not_equal(stat(fx->db, &sb), 0);
}

static void test_no_command_shows_usage(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(sc(fx, NULL), 2);
	assert_non_null(strstr(fx->last.out, "usage: salescoach"));
}

static void test_unknown_noun_verb_or_option(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "frobnicate", "list", NULL);
	harness_expect_usage_error(&fx->last, "unknown noun", "frobnicate");
	sc(fx, "session", "frobnicate", NULL);
	harness_expect_usage_error(&fx->last, "unknown verb", "frobnicate");
	sc(fx, "org", "frobnicate", NULL);
	harness_expect_usage_error(&fx->last, "unknown org verb", "frobnicate");
	sc(fx, "session", "list", "--colour", "red", NULL);
	harness_expect_usage_error(&fx->last, "unknown option", "--colour");
	sc(fx, "--colour", "person", "list", NULL);
	harness_expect_usage_error(&fx->last, "unknown global option", "--colour");
	sc(fx, "session", "add", "--minutes", NULL);
	harness_expect_usage_error(&fx->last, "option without its value", "--minutes");
	sc(fx, "session", "show", NULL);
	harness_expect_usage_error(&fx->last, "show without an id", NULL);
	sc(fx, "session", "show", "twelve", NULL);
	harness_expect_usage_error(&fx->last, "show with a word for an id", "twelve");
}

/* serve checks its trusted proxies before it opens anything: an address, or a usage error. */
static void test_serve_refuses_a_trusted_proxy_that_is_not_an_address(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "serve", "--trusted-proxy", "proxy.example", NULL);
	harness_expect_refused(&fx->last, "a proxy by name", "proxy.example");
	sc(fx, "serve", "--trusted-proxy", "10.0.0.0/8", NULL);
	harness_expect_refused(&fx->last, "a range for a proxy", "10.0.0.0/8");
	sc(fx, "serve", "--trusted-proxy", NULL);
	harness_expect_usage_error(&fx->last, "--trusted-proxy without its value",
	                           "--trusted-proxy");
}

/*
 * How a change survives a crash: full unless relaxed; a value that is neither full nor
 * normal is refused before the database is opened, whether it comes from serve's option
 * or from SALESCOACH_DURABILITY, and the option wins over the variable.
 */
static void test_durability_is_full_or_normal(void **state)
{
	struct fixture *fx = *state;
	char *const bad[] = { "SALESCOACH_DURABILITY=sometimes", NULL };
	char *const normal[] = { "SALESCOACH_DURABILITY=normal", NULL };
	char *const add_org[] = { "org", "add", "--name", "Bakker Print", NULL };
	char *const list_orgs[] = { "org", "list", NULL };
	char *const serve[] = { "serve", NULL };
	struct stat sb;

	sc(fx, "serve", "--durability", "fast", NULL);
	harness_expect_refused(&fx->last, "serve --durability fast", "full or normal");
	sc(fx, "serve", "--durability", "FULL", NULL);
	harness_expect_refused(&fx->last, "serve --durability FULL", "'FULL'");
	sc(fx, "serve", "--durability", NULL);
	harness_expect_usage_error(&fx->last, "--durability without its value", "--durability");

	harness_run_argv(&fx->last, fx->db, bad, NULL, add_org);
	harness_expect_refused(&fx->last, "SALESCOACH_DURABILITY=sometimes",
	                       "SALESCOACH_DURABILITY must be full or normal");
	assert_int_not_equal(stat(fx->db, &sb), 0); /* refused before anything was opened */

	harness_run_argv(&fx->last, fx->db, normal, NULL, add_org);
	harness_expect_ok(&fx->last, "org add with SALESCOACH_DURABILITY=normal");
	harness_run_argv(&fx->last, fx->db, NULL, NULL, list_orgs);
	harness_expect_ok(&fx->last, "org list");
	assert_non_null(strstr(fx->last.out, "Bakker Print"));

	harness_run_argv(&fx->last, fx->db, bad, NULL, serve);
	harness_expect_refused(&fx->last, "serve with SALESCOACH_DURABILITY=sometimes",
	                       "SALESCOACH_DURABILITY");
	/* The option wins over the variable; the address that is none stops the server after
	 * it opened the database, relaxed, as it says. */
	char *const serve_normal[] = { "serve",    "--durability", "normal",
		                       "--listen", "nowhere",      NULL };
	harness_run_argv(&fx->last, fx->db, bad, NULL, serve_normal);
	assert_int_not_equal(fx->last.status, 0);
	assert_null(strstr(fx->last.err, "SALESCOACH_DURABILITY"));
	assert_non_null(strstr(fx->last.err, "durability normal"));
	assert_non_null(strstr(fx->last.err, "nowhere"));
}

static void test_empty_database_says_what_to_do(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "person", "list", NULL);
	harness_expect_usage_error(&fx->last, "a list before any organisation", "org add");
}

/* ---- the walk-through --------------------------------------------------------------------- */

static void test_readme_walk_through(void **state)
{
	struct fixture *fx = *state;
	json_t *arr, *s;

	arr = list(fx, "session", NULL);
	assert_int_equal(json_array_size(arr), 1);
	s = json_array_get(arr, 0);
	assert_int_equal(json_integer_value(json_object_get(s, "id")), fx->session);
	assert_int_equal(json_integer_value(json_object_get(s, "assignment")), fx->asg);
	assert_string_equal(json_string_value(json_object_get(s, "kind")), "one_to_one");
	/* Typed in Amsterdam winter time, kept in UTC. */
	assert_string_equal(json_string_value(json_object_get(s, "at")), "2026-11-03T09:00:00Z");
	assert_int_equal(json_integer_value(json_object_get(s, "minutes")), 60);
	assert_string_equal(json_string_value(json_object_get(s, "status")), "held");
	assert_string_equal(json_string_value(json_object_get(s, "skills")),
	                    "handling_objections,closing");
	json_decref(arr);

	/* People read the time as they typed it. */
	assert_int_equal(sc(fx, "session", "show", idt(fx->session), NULL), 0);
	assert_non_null(strstr(fx->last.out, "2026-11-03 10:00"));
	assert_int_equal(sc(fx, "session", "list", NULL), 0);
	assert_non_null(strstr(fx->last.out, "2026-11-03 10:00"));

	arr = list(fx, "org", NULL);
	assert_int_equal(json_array_size(arr), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 0), "name")),
	                    "Van Dijk Kantoorsystemen");
	json_decref(arr);
	assert_int_equal(count(fx, "person"), 3);
	assert_int_equal(count(fx, "skill"), 10);
}

static void test_minutes_zero_refused_and_nothing_changes(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "session"), *audit = snapshot(fx, "audit");

	sc(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one", "--at",
	   "2026-11-10T10:00", "--minutes", "0", "--status", "held", NULL);
	harness_expect_usage_error(&fx->last, "--minutes 0", "minutes");
	sc(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one", "--at",
	   "2026-11-10T10:00", "--minutes", "481", "--status", "held", NULL);
	harness_expect_usage_error(&fx->last, "--minutes 481", "minutes");
	sc(fx, "session", "update", idt(fx->session), "--minutes", "0", NULL);
	harness_expect_usage_error(&fx->last, "update --minutes 0", "minutes");

	assert_string_equal(snapshot(fx, "session"), before);
	assert_string_equal(snapshot(fx, "audit"), audit);
}

static void test_bad_values_are_refused_with_the_field_named(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "person");

	sc(fx, "person", "add", "--name", "Kees", "--email", "kees.example.com", NULL);
	harness_expect_usage_error(&fx->last, "a bad e-mail address", "email");
	sc(fx, "person", "add", "--name", "Kees", "--email", "JOOST@example.com", NULL);
	harness_expect_usage_error(&fx->last, "an e-mail address in use", "email");
	sc(fx, "person", "add", "--email", "kees@example.com", NULL);
	harness_expect_usage_error(&fx->last, "a person without a name", "name");
	sc(fx, "programme", "add", "--team", "1", "--model", "manager", "--starts-on", "2026-02-30",
	   "--ends-on", "2026-12-31", NULL);
	harness_expect_usage_error(&fx->last, "2026-02-30", "2026-02-30");
	sc(fx, "programme", "add", "--team", "1", "--model", "mentor", "--starts-on", "2026-01-01",
	   "--ends-on", "2026-12-31", NULL);
	harness_expect_usage_error(&fx->last, "an unknown model", "model");
	assert_string_equal(snapshot(fx, "person"), before);
}

/*
 * A field error speaks the caller's language: the organisation's (Dutch),
 * or the one asked for with --lang; either way it names the field and
 * nothing is stored.
 */
static void test_a_field_error_in_the_language_asked_for(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "session");

	sc(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one", "--at",
	   "2026-11-20T10:00", "--minutes", "0", NULL);
	harness_expect_usage_error(&fx->last, "--minutes 0 in the organisation's language",
	                           "minutes: 0 valt buiten het bereik; gebruik 1 tot en met");
	sc(fx, "--lang", "nl", "session", "add", "--assignment", idt(fx->asg), "--kind",
	   "one_to_one", "--at", "2026-11-20T10:00", "--minutes", "0", NULL);
	harness_expect_usage_error(&fx->last, "--minutes 0 --lang nl",
	                           "minutes: 0 valt buiten het bereik; gebruik 1 tot en met");
	sc(fx, "--lang", "en", "session", "add", "--assignment", idt(fx->asg), "--kind",
	   "one_to_one", "--at", "2026-11-20T10:00", "--minutes", "0", NULL);
	harness_expect_usage_error(&fx->last, "--minutes 0 --lang en",
	                           "minutes: 0 is out of range; use 1 to");
	/* A refusal across fields, in both languages. */
	sc(fx, "--lang", "nl", "session", "add", "--assignment", idt(fx->asg), "--kind",
	   "one_to_one", "--at", "2026-11-20T10:00", "--minutes", "30", "--customer", "X", NULL);
	harness_expect_usage_error(
	        &fx->last, "--customer on a one-to-one --lang nl",
	        "customer: alleen een meeloopdag (ride_along) heeft een customer");
	sc(fx, "--lang", "en", "session", "add", "--assignment", idt(fx->asg), "--kind",
	   "one_to_one", "--at", "2026-11-20T10:00", "--minutes", "30", "--customer", "X", NULL);
	harness_expect_usage_error(&fx->last, "--customer on a one-to-one --lang en",
	                           "customer: only a ride_along session has a customer");
	/* A record that is not there is named by its Dutch word, with the noun to type. */
	sc(fx, "person", "show", "99999", NULL);
	harness_expect_refused(&fx->last, "person show 99999",
	                       "er is geen persoon (person) met id 99999");
	sc(fx, "session", "add", "--assignment", "99999", "--kind", "one_to_one", "--at",
	   "2026-11-20T10:00", "--minutes", "30", NULL);
	harness_expect_refused(&fx->last, "a session of no assignment",
	                       "assignment: er is geen toewijzing (assignment) met id 99999");
	assert_string_equal(snapshot(fx, "session"), before);
}

/*
 * A session typed at a local time the clocks skip (2027-03-28 02:00-03:00 in
 * Amsterdam) or pass twice (2026-10-25 02:00-03:00) is refused, saying what
 * to give instead; with the offset given, the time is taken as meant.
 */
static void test_a_time_the_clocks_skip_or_repeat_is_refused(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "session");

	sc(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one", "--at",
	   "2027-03-28T02:30", "--minutes", "60", NULL);
	harness_expect_usage_error(&fx->last, "a time the clocks skip",
	                           "at: 2027-03-28T02:30 bestaat niet in Europe/Amsterdam");
	sc(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one", "--at",
	   "2026-10-25T02:30", "--minutes", "60", NULL);
	harness_expect_usage_error(&fx->last, "a time that happens twice",
	                           "2026-10-25T02:30+02:00 voor de eerste, "
	                           "2026-10-25T02:30+01:00 voor de tweede");
	sc(fx, "session", "update", idt(fx->session), "--at", "2026-10-25 02:30", NULL);
	harness_expect_usage_error(&fx->last, "update to a time that happens twice",
	                           "komt twee keer voor");
	sc(fx, "session", "list", "--at", "2027-03-28T02:30", NULL);
	harness_expect_usage_error(&fx->last, "a filter at a time the clocks skip", "bestaat niet");
	assert_string_equal(snapshot(fx, "session"), before);

	int64_t id = add(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one",
	                 "--at", "2026-10-25T02:30+01:00", "--minutes", "60", NULL);
	sc(fx, "session", "show", idt(id), "--json", NULL);
	json_t *j = harness_json(&fx->last, "session show");
	assert_string_equal(json_string_value(json_object_get(j, "at")), "2026-10-25T01:30:00Z");
	json_decref(j);
}

static void test_assignment_outside_programme_refused(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "assignment");
	int64_t fleur = add(fx, "person", "add", "--name", "Fleur Visser", "--email",
	                    "fleur@example.com", NULL);

	json_t *asg = list(fx, "assignment", NULL);
	int64_t prog = json_integer_value(json_object_get(json_array_get(asg, 0), "programme"));
	int64_t coach = json_integer_value(json_object_get(json_array_get(asg, 0), "coach"));
	json_decref(asg);

	sc(fx, "assignment", "add", "--programme", idt(prog), "--coach", idt(coach), "--coachee",
	   idt(fleur), "--starts-on", "2026-05-01", NULL);
	harness_expect_usage_error(&fx->last, "an assignment before its programme", "starts_on");
	sc(fx, "assignment", "add", "--programme", idt(prog), "--coach", idt(coach), "--coachee",
	   idt(fleur), "--starts-on", "2026-09-01", "--ends-on", "2027-09-01", NULL);
	harness_expect_usage_error(&fx->last, "an assignment past its programme", "ends_on");
	assert_string_equal(snapshot(fx, "assignment"), before);
}

static void test_person_with_history_cannot_be_removed(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "person");

	sc(fx, "person", "remove", idt(fx->rep_pid), NULL);
	harness_expect_usage_error(&fx->last, "removing Joost", "assignment");
	assert_non_null(strstr(fx->last.err, "inactief (--active false)"));
	assert_string_equal(snapshot(fx, "person"), before);
	assert_int_equal(sc(fx, "person", "show", idt(fx->rep_pid), NULL), 0);

	/* Setting the person inactive, as the message suggests, works. */
	assert_int_equal(sc(fx, "person", "update", idt(fx->rep_pid), "--active", "false", NULL),
	                 0);
	/* And a person without history can be removed. */
	int64_t kees = add(fx, "person", "add", "--name", "Kees Jansen", "--email",
	                   "kees@example.com", NULL);
	assert_int_equal(sc(fx, "person", "remove", idt(kees), NULL), 0);
	sc(fx, "person", "show", idt(kees), NULL);
	harness_expect_usage_error(&fx->last, "showing a removed person", NULL);
}

static void test_json_lists_are_arrays_of_objects_with_ids(void **state)
{
	static const char *const nouns[] = { "person",     "team",    "programme", "coach",
		                             "assignment", "session", "skill",     "audit" };
	struct fixture *fx = *state;

	for (size_t k = 0; k < sizeof(nouns) / sizeof(nouns[0]); k++) {
		json_t *arr = list(fx, nouns[k], NULL), *obj;
		size_t i;
		int64_t prev = 0;
		bool shaped = json_array_size(arr) > 0;

		json_array_foreach(arr, i, obj)
		{
			json_t *id = json_object_get(obj, "id");
			shaped &= json_is_object(obj) && json_is_integer(id) &&
			          json_integer_value(id) > prev;
			prev = json_integer_value(id);
		}
		json_decref(arr);
		if (!shaped)
			fail_msg("`%s list --json` is not a non-empty array of objects with "
			         "increasing ids: %s",
			         nouns[k], fx->last.out);
	}
	/* Nothing to list is an empty array, not an error. */
	json_t *none = list(fx, "appraisal", NULL);
	assert_int_equal(json_array_size(none), 0);
	json_decref(none);
}

static void test_list_filters(void **state)
{
	struct fixture *fx = *state;
	json_t *arr;

	arr = list(fx, "person", "--superior", idt(fx->coach_pid), NULL);
	assert_int_equal(json_array_size(arr), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(arr, 0), "id")),
	                 fx->rep_pid);
	json_decref(arr);
	arr = list(fx, "session", "--status", "planned", NULL);
	assert_int_equal(json_array_size(arr), 0);
	json_decref(arr);
	/* Private content is no filter. */
	sc(fx, "session", "list", "--notes", NOTES, NULL);
	harness_expect_usage_error(&fx->last, "filtering on notes", "vertrouwelijke");
}

static void test_limit_and_offset(void **state)
{
	struct fixture *fx = *state;
	json_t *arr;
	int64_t all[8];
	size_t n;

	for (int i = 0; i < 3; i++) {
		char email[64];
		snprintf(email, sizeof(email), "rep%d@example.com", i);
		add(fx, "person", "add", "--name", "Rep", "--email", email, NULL);
	}
	arr = list(fx, "person", NULL);
	n = json_array_size(arr);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		all[i] = json_integer_value(json_object_get(json_array_get(arr, i), "id"));
	json_decref(arr);

	arr = list(fx, "person", "--limit", "2", NULL);
	assert_int_equal(json_array_size(arr), 2);
	json_decref(arr);
	arr = list(fx, "person", "--limit", "2", "--offset", "2", NULL);
	assert_int_equal(json_array_size(arr), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(arr, 0), "id")), all[2]);
	json_decref(arr);
	sc(fx, "person", "list", "--limit", "-1", NULL);
	harness_expect_usage_error(&fx->last, "--limit -1", "limit");
	/* --offset alone skips the first rows and lists the rest. */
	arr = list(fx, "person", "--offset", "4", NULL);
	n = json_array_size(arr);
	int64_t first = n ? json_integer_value(json_object_get(json_array_get(arr, 0), "id")) : 0;
	json_decref(arr);
	if (n != 2)
		fail_msg("`person list --offset 4` of 6 people lists %zu", n);
	assert_int_equal(first, all[4]);
}

/* ---- privacy ------------------------------------------------------------------------------ */

static void test_show_hides_private_notes_from_the_administrator(void **state)
{
	struct fixture *fx = *state;
	json_t *obj;

	assert_int_equal(sc(fx, "session", "show", idt(fx->session), NULL), 0);
	assert_null(strstr(fx->last.out, NOTES));
	assert_null(strstr(fx->last.out, AGENDA));
	assert_non_null(strstr(fx->last.out, "(alleen voor coach en coachee)"));

	sc(fx, "session", "show", idt(fx->session), "--json", NULL);
	obj = harness_json(&fx->last, "session show --json");
	bool hidden = !json_object_get(obj, "notes") && !json_object_get(obj, "agenda");
	bool plain = json_integer_value(json_object_get(obj, "minutes")) == 60;
	json_decref(obj);
	assert_true(hidden);
	assert_true(plain);

	sc(fx, "session", "list", "--json", NULL);
	assert_null(strstr(fx->last.out, NOTES));
	/* Nor does the audit log give it away. */
	sc(fx, "audit", "list", "--json", NULL);
	assert_null(strstr(fx->last.out, NOTES));
	sc(fx, "audit", "show", "1", NULL);
	assert_null(strstr(fx->last.out, NOTES));
	/* Reading nothing private leaves no trace in the access log. */
	assert_int_equal(count(fx, "access"), 0);
}

static void test_show_as_the_coach_shows_notes_and_logs_it(void **state)
{
	struct fixture *fx = *state;
	json_t *arr, *row;

	assert_int_equal(
	        sc(fx, "--as", "sanne@example.com", "session", "show", idt(fx->session), NULL), 0);
	assert_non_null(strstr(fx->last.out, NOTES));
	assert_non_null(strstr(fx->last.out, AGENDA));
	/* Read again within the hour: the same row counts both reads. */
	assert_int_equal(
	        sc(fx, "--as", "sanne@example.com", "session", "show", idt(fx->session), NULL), 0);

	arr = list(fx, "access", NULL);
	assert_int_equal(json_array_size(arr), 1);
	row = json_array_get(arr, 0);
	int64_t reader = json_integer_value(json_object_get(row, "reader"));
	int64_t subject = json_integer_value(json_object_get(row, "subject"));
	int64_t rec = json_integer_value(json_object_get(row, "record_id"));
	int64_t reads = json_integer_value(json_object_get(row, "reads"));
	bool times = json_is_string(json_object_get(row, "at")) &&
	             json_is_string(json_object_get(row, "last_at"));
	json_decref(arr);
	assert_int_equal(reader, fx->coach_pid);
	assert_int_equal(subject, fx->rep_pid);
	assert_int_equal(rec, fx->session);
	assert_int_equal(reads, 2);
	assert_true(times);
	/* The table shows the count and both times. */
	assert_int_equal(sc(fx, "access", "list", NULL), 0);
	assert_non_null(strstr(fx->last.out, "keren gelezen"));
	assert_non_null(strstr(fx->last.out, "laatst"));
}

static void test_show_as_others(void **state)
{
	struct fixture *fx = *state;

	/* The coachee reads their own record. */
	assert_int_equal(
	        sc(fx, "--as", "joost@example.com", "session", "show", idt(fx->session), NULL), 0);
	assert_non_null(strstr(fx->last.out, NOTES));
	/* The coach's own superior does not. */
	assert_int_equal(
	        sc(fx, "--as", "marieke@example.com", "session", "show", idt(fx->session), NULL),
	        0);
	assert_null(strstr(fx->last.out, NOTES));
	assert_int_equal(sc(fx, "--as", "marieke@example.com", "session", "list", "--json", NULL),
	                 0);
	assert_null(strstr(fx->last.out, NOTES));
	/* Nobody acts as a stranger. */
	sc(fx, "--as", "stranger@example.com", "session", "show", idt(fx->session), NULL);
	harness_expect_usage_error(&fx->last, "--as an unknown address", "stranger@example.com");
	assert_null(strstr(fx->last.out, NOTES));
}

/* --as obeys the roles as the HTTP API does: refused changes say who may, and change nothing. */
static void test_as_follows_the_roles(void **state)
{
	struct fixture *fx = *state;

	/* A rep configures nothing. */
	sc(fx, "--as", "joost@example.com", "team", "add", "--name", "Team Joost", NULL);
	harness_expect_usage_error(&fx->last, "a rep adding a team", "beheerder");
	assert_int_equal(sc(fx, "team", "list", "--name", "Team Joost", "--json", NULL), 0);
	assert_null(strstr(fx->last.out, "Team Joost"));
	/* The coach's superior does not write the coaching content of others. */
	sc(fx, "--as", "marieke@example.com", "session", "update", idt(fx->session), "--minutes",
	   "30", NULL);
	harness_expect_usage_error(&fx->last, "a superior changing a session",
	                           "de coach en de coachee");
	sc(fx, "--as", "sanne@example.com", "session", "show", idt(fx->session), "--json", NULL);
	json_t *s = harness_json(&fx->last, "session show as the coach");
	assert_int_not_equal(json_integer_value(json_object_get(s, "minutes")), 30);
	json_decref(s);
	/* The coach does, but only the session's facts: the rating of the coaching is the
	 * coachee's, and the coachee's is only that. */
	assert_int_equal(sc(fx, "--as", "sanne@example.com", "session", "update", idt(fx->session),
	                    "--minutes", "45", NULL),
	                 0);
	sc(fx, "--as", "sanne@example.com", "session", "update", idt(fx->session), "--feedback",
	   "5", NULL);
	harness_expect_usage_error(&fx->last, "the coach rating their own coaching",
	                           "feedback is het oordeel van de coachee");
	assert_int_equal(sc(fx, "--as", "joost@example.com", "session", "update", idt(fx->session),
	                    "--feedback", "4", NULL),
	                 0);
	sc(fx, "--as", "joost@example.com", "session", "update", idt(fx->session), "--minutes",
	   "90", NULL);
	harness_expect_usage_error(&fx->last, "the coachee changing the minutes", "minutes");
	sc(fx, "--as", "sanne@example.com", "session", "show", idt(fx->session), "--json", NULL);
	s = harness_json(&fx->last, "session show after the field owners' changes");
	assert_int_equal(json_integer_value(json_object_get(s, "minutes")), 45);
	assert_int_equal(json_integer_value(json_object_get(s, "feedback")), 4);
	json_decref(s);
	/* A rep assesses nobody, and reviews nobody's coaching practice. */
	sc(fx, "--as", "joost@example.com", "assessment", "add", "--candidate", idt(fx->coach_pid),
	   "--assessor", idt(fx->rep_pid), "--motivation", "5", "--traits", "5", "--ability", "5",
	   "--track-record", "5", "--decision", "ready", NULL);
	harness_expect_usage_error(&fx->last, "a rep assessing their coach", "hoger in de lijn");
	sc(fx, "--as", "joost@example.com", "supervision", "add", "--manager", idt(fx->coach_pid),
	   "--reviewer", idt(fx->rep_pid), NULL);
	harness_expect_usage_error(&fx->last, "a rep reviewing their manager's coaching",
	                           "hoger in de lijn");
	/* The coach's superior does both. */
	assert_int_equal(sc(fx, "--as", "marieke@example.com", "supervision", "add", "--manager",
	                    idt(fx->coach_pid), "--reviewer", idt(fx->manager_pid), NULL),
	                 0);
	assert_int_equal(sc(fx, "--as", "marieke@example.com", "assessment", "add", "--candidate",
	                    idt(fx->coach_pid), "--assessor", idt(fx->manager_pid), "--motivation",
	                    "4", "--traits", "4", "--ability", "4", "--track-record", "4",
	                    "--decision", "ready", NULL),
	                 0);
}

/* account set: the password comes from standard input; bad input changes nothing. */
static void test_account_set(void **state)
{
	struct fixture *fx = *state;
	size_t before = count(fx, "audit");

	harness_run(&fx->last, fx->db, "a long password\n", "account", "set", "--email",
	            "nobody@example.com", NULL);
	harness_expect_usage_error(&fx->last, "an unknown address", "voeg de persoon eerst toe");
	harness_run(&fx->last, fx->db, "short\n", "account", "set", "--email", "joost@example.com",
	            NULL);
	harness_expect_usage_error(&fx->last, "a short password", "at least 10 characters");
	harness_run(&fx->last, fx->db, "a long password\n", "account", "set", "--email",
	            "joost@example.com", "--role", "boss", NULL);
	harness_expect_usage_error(&fx->last, "an unknown role", "admin, executive of member");
	/* None of the three changed anything. */
	assert_int_equal(count(fx, "audit"), before);
	assert_int_equal(harness_run(&fx->last, fx->db, "a long password\n", "account", "set",
	                             "--email", "joost@example.com", NULL),
	                 0);
	assert_non_null(strstr(fx->last.out, "account van joost@example.com (member) ingesteld"));
	/* One change, audited, without the password or its hash. */
	assert_int_equal(count(fx, "audit"), before + 1);
	assert_int_equal(sc(fx, "audit", "list", "--json", NULL), 0);
	assert_null(strstr(fx->last.out, "a long password"));
	assert_null(strstr(fx->last.out, "argon2"));
}

/* account setup: a one-time token for the person, stored only as a digest. */
static void test_account_setup(void **state)
{
	struct fixture *fx = *state;
	char token[80] = "", path[700];

	sc(fx, "account", "setup", "--email", "nobody@example.com", NULL);
	harness_expect_usage_error(&fx->last, "setup for an unknown address",
	                           "voeg de persoon eerst toe");
	assert_int_equal(sc(fx, "account", "setup", "--email", "joost@example.com", NULL), 0);
	assert_non_null(strstr(fx->last.out, "Geef het alleen aan joost@example.com"));
	const char *p = strstr(fx->last.out, ":\n");
	assert_non_null(p);
	assert_int_equal(sscanf(p + 2, "%64[0-9a-f]", token), 1);
	assert_int_equal(strlen(token), 64);
	/* Neither the token nor anything that logs in with it is in the database file. */
	sc(fx, "overview", NULL);
	snprintf(path, sizeof(path), "%s", fx->db);
	char *file = harness_slurp(path);
	assert_null(strstr(file, token));
	free(file);
	snprintf(path, sizeof(path), "%s-wal", fx->db);
	file = harness_slurp(path);
	assert_null(strstr(file, token));
	free(file);
}

/* ---- changes ------------------------------------------------------------------------------ */

static void test_update_changes_only_the_given_fields(void **state)
{
	struct fixture *fx = *state;
	json_t *s;

	assert_int_equal(sc(fx, "session", "update", idt(fx->session), "--minutes", "45", NULL), 0);
	assert_non_null(strstr(fx->last.out, "sessie "));
	assert_non_null(strstr(fx->last.out, " bijgewerkt"));
	sc(fx, "--as", "sanne@example.com", "session", "show", idt(fx->session), "--json", NULL);
	s = harness_json(&fx->last, "session show --json as the coach");
	int64_t minutes = json_integer_value(json_object_get(s, "minutes"));
	char *dump = json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(s);
	bool kept = strstr(dump, "\"kind\":\"one_to_one\"") &&
	            strstr(dump, "\"at\":\"2026-11-03T09:00:00Z\"") &&
	            strstr(dump, "\"status\":\"held\"") &&
	            strstr(dump, "\"skills\":\"handling_objections,closing\"") &&
	            strstr(dump, "\"notes\":\"" NOTES "\"") &&
	            strstr(dump, "\"agenda\":\"" AGENDA "\"");
	if (minutes != 45 || !kept) {
		fail_msg("after `session update --minutes 45`: %s", dump);
	}
	free(dump);

	assert_int_equal(
	        sc(fx, "person", "update", idt(fx->rep_pid), "--title", "Account manager", NULL),
	        0);
	sc(fx, "person", "show", idt(fx->rep_pid), "--json", NULL);
	s = harness_json(&fx->last, "person show --json");
	bool person_kept =
	        !strcmp(json_string_value(json_object_get(s, "title")), "Account manager") &&
	        !strcmp(json_string_value(json_object_get(s, "name")), "Joost Bakker") &&
	        !strcmp(json_string_value(json_object_get(s, "email")), "joost@example.com") &&
	        json_integer_value(json_object_get(s, "superior")) == fx->coach_pid;
	json_decref(s);
	assert_true(person_kept);

	sc(fx, "person", "update", idt(fx->rep_pid), NULL);
	harness_expect_usage_error(&fx->last, "an update without changes", NULL);
}

static void test_refused_update_changes_nothing(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "session");

	/* Held in the future, and feedback on it: both refused, neither half applied. */
	sc(fx, "session", "update", idt(fx->session), "--at", "2026-12-24T10:00", "--feedback", "4",
	   NULL);
	harness_expect_usage_error(&fx->last, "a held session moved to the future", NULL);
	sc(fx, "session", "update", idt(fx->session), "--customer", "Hoogland", NULL);
	harness_expect_usage_error(&fx->last, "a customer on a one-to-one", "customer");
	sc(fx, "session", "update", "999", "--minutes", "30", NULL);
	harness_expect_usage_error(&fx->last, "updating a missing session", "999");
	assert_string_equal(snapshot(fx, "session"), before);
}

/* ---- database and organisation ------------------------------------------------------------ */

static void test_salescoach_db_environment_is_honoured(void **state)
{
	struct fixture *fx = *state;
	char env_db[700], setting[720], other[700];
	char *env[] = { setting, NULL };
	struct stat sb;
	json_t *arr;

	snprintf(env_db, sizeof(env_db), "%s/from-env.db", fx->dir);
	snprintf(setting, sizeof(setting), "SALESCOACH_DB=%s", env_db);
	assert_int_equal(sc_env(fx, env, "org", "add", "--name", "Bakker Print", NULL), 0);
	assert_int_equal(stat(env_db, &sb), 0);
	assert_int_equal(sc_env(fx, NULL, "--db", env_db, "org", "list", "--json", NULL), 0);
	arr = harness_json(&fx->last, "org list --json");
	const char *name = json_string_value(json_object_get(json_array_get(arr, 0), "name"));
	bool found = name && strcmp(name, "Bakker Print") == 0;
	json_decref(arr);
	assert_true(found);

	/* --db wins over the environment: its database is the one missing. */
	snprintf(other, sizeof(other), "%s/other.db", fx->dir);
	sc_env(fx, env, "--db", other, "org", "list", "--json", NULL);
	harness_expect_refused(&fx->last, "org list on a --db that does not exist", other);
	assert_int_not_equal(stat(other, &sb), 0);
}

static void test_two_organisations_need_org(void **state)
{
	struct fixture *fx = *state;
	json_t *arr;

	assert_int_equal(sc(fx, "org", "add", "--name", "Hoogland Logistiek", NULL), 0);
	sc(fx, "person", "list", NULL);
	harness_expect_usage_error(&fx->last, "two organisations without --org", "--org");
	assert_int_equal(sc(fx, "--org", "hoogland-logistiek", "person", "add", "--name", "Henk",
	                    "--email", "joost@example.com", NULL),
	                 0);
	/* Each organisation sees its own people only. */
	assert_int_equal(sc(fx, "--org", "hoogland-logistiek", "person", "list", "--json", NULL),
	                 0);
	arr = harness_json(&fx->last, "person list of the second organisation");
	size_t n = json_array_size(arr);
	json_decref(arr);
	assert_int_equal(n, 1);
	sc(fx, "--org", "hoogland-logistiek", "session", "show", idt(fx->session), NULL);
	harness_expect_usage_error(&fx->last, "a session of another organisation", NULL);
	sc(fx, "--org", "nowhere", "person", "list", NULL);
	harness_expect_usage_error(&fx->last, "an unknown organisation", "nowhere");
}

static void test_settings_through_org_set(void **state)
{
	struct fixture *fx = *state;
	json_t *obj;

	assert_int_equal(sc(fx, "org", "set", "no_recent_session_days", "21", NULL), 0);
	/* Refused in the organisation's language (Dutch), or the one --lang names. */
	sc(fx, "org", "set", "k", "1", NULL);
	harness_expect_usage_error(&fx->last, "k below its range",
	                           "k: 1 valt buiten het bereik; gebruik 2 tot en met 1000");
	sc(fx, "--lang", "en", "org", "set", "k", "1", NULL);
	harness_expect_usage_error(&fx->last, "k below its range, --lang en",
	                           "k: 1 is out of range; use 2 to 1000");
	sc(fx, "org", "set", "colour", "blue", NULL);
	harness_expect_usage_error(&fx->last, "an unknown setting",
	                           "onbekende instelling 'colour'");
	sc(fx, "org", "show", "--json", NULL);
	obj = harness_json(&fx->last, "org show --json");
	json_t *settings = json_object_get(obj, "settings");
	double days = json_number_value(json_object_get(settings, "no_recent_session_days"));
	double k = json_number_value(json_object_get(settings, "k"));
	const char *tz = json_string_value(json_object_get(settings, "timezone"));
	bool amsterdam = tz && strcmp(tz, "Europe/Amsterdam") == 0;
	json_decref(obj);
	assert_true(days == 21);
	assert_true(k == 5);
	assert_true(amsterdam);
	/* The change is audited with what it was and became; the refused ones left nothing. */
	sc(fx, "audit", "list", "--entity", "setting", "--json", NULL);
	obj = harness_json(&fx->last, "audit list --entity setting --json");
	assert_int_equal(json_array_size(obj), 1);
	json_t *e = json_array_get(obj, 0);
	assert_string_equal(json_string_value(json_object_get(e, "before")),
	                    "{\"no_recent_session_days\":\"30\"}");
	assert_string_equal(json_string_value(json_object_get(e, "after")),
	                    "{\"no_recent_session_days\":\"21\"}");
	assert_string_equal(json_string_value(json_object_get(e, "actor")), "local administrator");
	json_decref(obj);
}

/* ---- demo --------------------------------------------------------------------------------- */

static void test_demo_loads_once(void **state)
{
	struct fixture *fx = *state;
	static const char *const nouns[] = { "org", "person", "session", "assignment", "audit" };
	const char *before[5];

	sc(fx, "demo", NULL);
	harness_expect_ok(&fx->last, "demo into an empty database");
	for (size_t i = 0; i < 5; i++)
		before[i] = snapshot(fx, nouns[i]);
	sc(fx, "demo", NULL);
	harness_expect_usage_error(&fx->last, "the demo a second time", NULL);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(snapshot(fx, nouns[i]), before[i]);
}

static void test_demo_refused_into_a_database_in_use(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "person");

	sc(fx, "demo", NULL);
	harness_expect_usage_error(&fx->last, "the demo into a database in use", NULL);
	assert_string_equal(snapshot(fx, "person"), before);
	assert_int_equal(count(fx, "org"), 1);
}

/* ---- prevention at input ------------------------------------------------------------------ */

/* The last run succeeded with a warning on stderr and "added ..." on stdout. */
static void expect_warning(struct fixture *fx, const char *what)
{
	harness_expect_ok(&fx->last, what);
	if (strncmp(fx->last.err, "salescoach: waarschuwing: ", 26) != 0)
		fail_msg("%s: no 'salescoach: waarschuwing: ' on stderr: %s", what, fx->last.err);
}

/* Sanne coaches Joost in a manager programme; a session was held on 2026-11-03. */
static void test_appraisal_near_a_session_refused_then_overridden(void **state)
{
	struct fixture *fx = *state;
	const char *before = snapshot(fx, "appraisal");
	long long id = 0;

	sc(fx, "appraisal", "add", "--rep", idt(fx->rep_pid), "--manager", idt(fx->coach_pid),
	   "--period-from", "2026-05-01", "--period-to", "2026-10-31", "--rating", "4",
	   "--recorded-on", "2026-11-05", NULL);
	/* The organisation speaks Dutch; the option is the same in every language. */
	harness_expect_usage_error(&fx->last, "an appraisal 2 days from a session", "--override");
	assert_non_null(strstr(fx->last.err, "2026-11-03"));
	assert_string_equal(snapshot(fx, "appraisal"), before);

	sc(fx, "appraisal", "add", "--rep", idt(fx->rep_pid), "--manager", idt(fx->coach_pid),
	   "--period-from", "2026-05-01", "--period-to", "2026-10-31", "--rating", "4",
	   "--recorded-on", "2026-11-05", "--override", "HR-ronde viel in dezelfde week", NULL);
	expect_warning(fx, "the appraisal with --override");
	if ((id = harness_added_id(fx->last.out)) <= 0)
		fail_msg("no 'added appraisal ID' in: %s", fx->last.out);
	json_t *ap = shown(fx, "appraisal", id);
	assert_string_equal(json_string_value(json_object_get(ap, "override_reason")),
	                    "HR-ronde viel in dezelfde week");
	json_decref(ap);

	/* The override keeps the reason; the pitfall monitor still reports it. */
	sc(fx, "alerts", "--rule", "coaching-mixed-with-appraisal", "--json", NULL);
	json_t *alerts = harness_json(&fx->last, "alerts --rule coaching-mixed-with-appraisal");
	assert_int_equal(json_array_size(json_object_get(alerts, "alerts")), 1);
	json_decref(alerts);

	/* A session near it is refused in turn; without a refusal --override is refused. */
	before = snapshot(fx, "session");
	sc(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one", "--at",
	   "2026-11-06T10:00", "--minutes", "60", "--status", "held", NULL);
	harness_expect_usage_error(&fx->last, "a session a day from the appraisal", "--override");
	sc(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one", "--at",
	   "2026-11-20T10:00", "--minutes", "60", "--status", "held", "--override", "habit", NULL);
	harness_expect_usage_error(&fx->last, "--override with nothing to override",
	                           "override_reason");
	assert_string_equal(snapshot(fx, "session"), before);
	sc(fx, "session", "update", idt(fx->session), "--at", "2026-11-04T10:00", NULL);
	harness_expect_usage_error(&fx->last, "moving the session next to the appraisal",
	                           "--override");
	assert_string_equal(snapshot(fx, "session"), before);
}

static void test_mixing_in_another_model_is_a_warning(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "programme", "update", "1", "--model", "senior", NULL);
	harness_expect_ok(&fx->last, "programme update --model senior");
	sc(fx, "appraisal", "add", "--rep", idt(fx->rep_pid), "--manager", idt(fx->coach_pid),
	   "--period-from", "2026-05-01", "--period-to", "2026-10-31", "--rating", "4",
	   "--recorded-on", "2026-11-04", NULL);
	expect_warning(fx, "an appraisal a day from a session in the senior model");
	assert_non_null(strstr(fx->last.out, "beoordeling"));
	assert_true(harness_added_id(fx->last.out) > 0);
	assert_int_equal(count(fx, "appraisal"), 1);
}

static void test_assignment_beyond_capacity_needs_an_override(void **state)
{
	struct fixture *fx = *state;
	int64_t fleur = add(fx, "person", "add", "--name", "Fleur Visser", "--email",
	                    "fleur@example.com", "--superior", idt(fx->coach_pid), NULL);
	const char *before;
	long long id = 0;

	sc(fx, "--lang", "en", "assignment", "add", "--help", NULL);
	harness_expect_ok(&fx->last, "assignment add --help");
	assert_non_null(strstr(fx->last.out, "--override REASON"));

	sc(fx, "coach", "update", "1", "--capacity", "1", NULL);
	harness_expect_ok(&fx->last, "coach update --capacity 1");
	before = snapshot(fx, "assignment");
	sc(fx, "assignment", "add", "--programme", "1", "--coach", "1", "--coachee", idt(fleur),
	   "--starts-on", "2026-07-01", NULL);
	harness_expect_usage_error(&fx->last, "a second coachee at capacity 1", "--override");
	assert_non_null(strstr(fx->last.err, "Sanne de Vries"));
	assert_string_equal(snapshot(fx, "assignment"), before);
	sc(fx, "assignment", "add", "--programme", "1", "--coach", "1", "--coachee", idt(fleur),
	   "--starts-on", "2026-07-01", "--override", "Tijdelijk, tot de nieuwe coach begint",
	   NULL);
	expect_warning(fx, "a second coachee with --override");
	if ((id = harness_added_id(fx->last.out)) <= 0)
		fail_msg("no 'added assignment ID' in: %s", fx->last.out);
	json_t *a = shown(fx, "assignment", id);
	assert_string_equal(json_string_value(json_object_get(a, "override_reason")),
	                    "Tijdelijk, tot de nieuwe coach begint");
	json_decref(a);
}

/*
 * A coach-the-coach review of Sanne by anyone but her superior Marieke (or the reviewer the
 * organisation names) is refused, naming who may review; --override records it with the
 * reason, in the audit log too.
 */
static void test_review_by_another_reviewer_refused_then_overridden(void **state)
{
	struct fixture *fx = *state;
	int64_t pieter = add(fx, "person", "add", "--name", "Pieter Hendriks", "--email",
	                     "pieter@example.com", "--title", "HR-adviseur", NULL);
	const char *before = snapshot(fx, "supervision");
	char who[80];
	long long id = 0;

	snprintf(who, sizeof(who), "Marieke Smit (persoon %lld, de leidinggevende)",
	         (long long)fx->manager_pid);
	sc(fx, "supervision", "add", "--manager", idt(fx->coach_pid), "--reviewer", idt(pieter),
	   "--reviewed-on", "2026-11-20", NULL);
	harness_expect_usage_error(&fx->last, "a review by someone who is not the superior",
	                           "--override");
	assert_non_null(strstr(fx->last.err, "Pieter Hendriks mag het coachen van Sanne de Vries"));
	assert_non_null(strstr(fx->last.err, who));
	assert_string_equal(snapshot(fx, "supervision"), before);

	sc(fx, "supervision", "add", "--manager", idt(fx->coach_pid), "--reviewer", idt(pieter),
	   "--reviewed-on", "2026-11-20", "--override", "Marieke is met verlof tot februari", NULL);
	expect_warning(fx, "the review with --override");
	if ((id = harness_added_id(fx->last.out)) <= 0)
		fail_msg("no 'added supervision ID' in: %s", fx->last.out);
	json_t *r = shown(fx, "supervision", id);
	assert_string_equal(json_string_value(json_object_get(r, "override_reason")),
	                    "Marieke is met verlof tot februari");
	json_decref(r);
	sc(fx, "audit", "list", "--entity", "supervision", "--json", NULL);
	harness_expect_ok(&fx->last, "audit list --entity supervision");
	assert_non_null(strstr(fx->last.out, "Marieke is met verlof tot februari"));

	/* Named by the organisation, Pieter reviews without an override. */
	sc(fx, "org", "set", "supervision_reviewer", idt(pieter), NULL);
	harness_expect_ok(&fx->last, "org set supervision_reviewer");
	sc(fx, "supervision", "add", "--manager", idt(fx->coach_pid), "--reviewer", idt(pieter),
	   "--reviewed-on", "2026-11-27", "--keeps-appraisal-apart", "partly", NULL);
	harness_expect_ok(&fx->last, "a review by the named reviewer");
	assert_null(strstr(fx->last.err, "warning"));
	/* The review's question on keeping appraisal out of coaching: yes, partly or no. */
	if ((id = harness_added_id(fx->last.out)) <= 0)
		fail_msg("no 'added supervision ID' in: %s", fx->last.out);
	r = shown(fx, "supervision", id);
	assert_string_equal(json_string_value(json_object_get(r, "keeps_appraisal_apart")),
	                    "partly");
	json_decref(r);
	before = snapshot(fx, "supervision");
	sc(fx, "supervision", "update", idt(id), "--keeps-appraisal-apart", "maybe", NULL);
	harness_expect_usage_error(&fx->last, "an answer outside yes, partly, no",
	                           "keeps_appraisal_apart");
	assert_string_equal(snapshot(fx, "supervision"), before);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
#define W(f) cmocka_unit_test_setup_teardown(f, setup_world, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_help_at_every_level),
		T(test_help_of_every_command_and_verb),
		T(test_no_command_shows_usage),
		T(test_unknown_noun_verb_or_option),
		T(test_serve_refuses_a_trusted_proxy_that_is_not_an_address),
		T(test_durability_is_full_or_normal),
		T(test_empty_database_says_what_to_do),
		W(test_readme_walk_through),
		W(test_minutes_zero_refused_and_nothing_changes),
		W(test_bad_values_are_refused_with_the_field_named),
		W(test_a_field_error_in_the_language_asked_for),
		W(test_a_time_the_clocks_skip_or_repeat_is_refused),
		W(test_assignment_outside_programme_refused),
		W(test_person_with_history_cannot_be_removed),
		W(test_json_lists_are_arrays_of_objects_with_ids),
		W(test_list_filters),
		W(test_limit_and_offset),
		W(test_show_hides_private_notes_from_the_administrator),
		W(test_show_as_the_coach_shows_notes_and_logs_it),
		W(test_show_as_others),
		W(test_as_follows_the_roles),
		W(test_account_set),
		W(test_account_setup),
		W(test_update_changes_only_the_given_fields),
		W(test_refused_update_changes_nothing),
		T(test_salescoach_db_environment_is_honoured),
		W(test_two_organisations_need_org),
		W(test_settings_through_org_set),
		T(test_demo_loads_once),
		W(test_demo_refused_into_a_database_in_use),
		W(test_appraisal_near_a_session_refused_then_overridden),
		W(test_mixing_in_another_model_is_a_warning),
		W(test_assignment_beyond_capacity_needs_an_override),
		W(test_review_by_another_reviewer_refused_then_overridden),
	};
	return cmocka_run_group_tests_name("command line", tests, NULL, NULL);
}
