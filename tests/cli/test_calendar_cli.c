/*
 * test_calendar_cli.c - `salescoach calendar` on the demo organisation through
 * the real program: the feed's address shown once and replaced, stopped; one
 * session written as a .ics file for its parties only, without its agenda;
 * refusals in Dutch that say what to do.
 */
#include "cli_fixture.h"

#define JEROEN      "jeroen.bakker@vandijk.example" /* manager who coaches Lotte */
#define LOTTE       "lotte.mulder@vandijk.example"
#define LINDA       "linda.smit@vandijk.example" /* an internal coach of other teams */
#define AGENDA_TEXT "Waarom de offerte voor Van Wijk bleef liggen"

/* Whether s holds "/api/calendar/" followed by 64 hex digits and ".ics". */
static bool has_feed_path(const char *s)
{
	const char *p = strstr(s, "/api/calendar/");
	if (!p)
		return false;
	p += strlen("/api/calendar/");
	for (int i = 0; i < 64; i++)
		if (!strchr("0123456789abcdef", p[i]))
			return false;
	return strncmp(p + 64, ".ics", 4) == 0;
}

static void test_help_in_both_languages(void **state)
{
	struct fixture *fx = *state;
	sc(fx, "calendar", "--help", NULL);
	harness_expect_ok(&fx->last, "calendar --help");
	assert_non_null(strstr(fx->last.out, "gebruik: salescoach --as EMAIL calendar show"));
	assert_non_null(strstr(fx->last.out, "nooit agenda's, aantekeningen"));
	sc(fx, "--lang", "en", "calendar", "--help", NULL);
	assert_non_null(strstr(fx->last.out, "usage: salescoach --as EMAIL calendar show"));
	sc(fx, "--help", NULL);
	assert_non_null(strstr(fx->last.out, "calendar"));
	assert_non_null(strstr(fx->last.out, "uw agenda-abonnement"));
}

static void test_show_rotate_stop(void **state)
{
	struct fixture *fx = *state;

	sc(fx, "calendar", "show", NULL);
	harness_expect_refused(&fx->last, "calendar show without --as", "--as E-MAIL");
	sc(fx, "--as", LOTTE, "calendar", "show", NULL);
	harness_expect_ok(&fx->last, "calendar show");
	assert_non_null(strstr(fx->last.out, "U hebt geen agenda-abonnement."));

	sc(fx, "--as", LOTTE, "calendar", "rotate", "--url", "https://coaching.example.com", NULL);
	harness_expect_ok(&fx->last, "calendar rotate --url");
	assert_non_null(strstr(fx->last.out, "  https://coaching.example.com/api/calendar/"));
	assert_true(has_feed_path(fx->last.out));
	assert_non_null(strstr(fx->last.out, "Het wordt alleen nu getoond."));

	sc(fx, "--as", LOTTE, "calendar", "rotate", "--json", NULL);
	json_t *made = harness_json(&fx->last, "calendar rotate --json");
	const char *secret = json_string_value(json_object_get(made, "secret"));
	assert_int_equal(strlen(secret), 64);
	sc(fx, "--as", LOTTE, "calendar", "show", NULL);
	harness_expect_ok(&fx->last, "calendar show");
	assert_non_null(strstr(fx->last.out, "Uw agenda-abonnement is actief sinds "));
	assert_null(strstr(fx->last.out, secret));
	sc(fx, "--as", LOTTE, "calendar", "show", "--json", NULL);
	json_t *info = harness_json(&fx->last, "calendar show --json");
	assert_true(json_is_true(json_object_get(info, "active")));
	assert_null(json_object_get(info, "secret"));
	json_decref(info);
	json_decref(made);

	sc(fx, "--as", LOTTE, "calendar", "stop", NULL);
	harness_expect_ok(&fx->last, "calendar stop");
	assert_non_null(strstr(fx->last.out, "Uw agenda-abonnement is gestopt"));
	sc(fx, "--as", LOTTE, "calendar", "stop", NULL);
	assert_int_equal(fx->last.status, 2);
	assert_non_null(strstr(fx->last.err, "u hebt geen agenda-abonnement"));

	sc(fx, "--as", LOTTE, "calendar", "rotate", "--url", "ftp://coaching.example.com", NULL);
	harness_expect_refused(&fx->last, "rotate --url ftp://", "https://host");
	sc(fx, "--as", LOTTE, "calendar", "plan", NULL);
	harness_expect_refused(&fx->last, "calendar plan", "show, rotate, stop of ics");
	sc(fx, "--as", LOTTE, "calendar", "show", "-o", "x.ics", NULL);
	harness_expect_refused(&fx->last, "show -o", "onbekende optie");
}

/* A planned session of Lotte's, as she lists them. */
static long long planned_of_lotte(struct fixture *fx)
{
	sc(fx, "--as", LOTTE, "--json", "session", "list", "--status", "planned", NULL);
	json_t *l = harness_json(&fx->last, "session list");
	assert_true(json_array_size(l) > 0);
	long long id = (long long)json_integer_value(json_object_get(json_array_get(l, 0), "id"));
	json_decref(l);
	return id;
}

static void test_one_session_as_ics(void **state)
{
	struct fixture *fx = *state;
	char file[700], id[24], uid[80];
	long long s = planned_of_lotte(fx);

	snprintf(id, sizeof(id), "%lld", s);
	snprintf(file, sizeof(file), "%s/sessie.ics", fx->dir);
	snprintf(uid, sizeof(uid), "UID:session-%lld@salescoach-vandijk", s);
	sc(fx, "--as", JEROEN, "session", "update", id, "--agenda", AGENDA_TEXT, NULL);
	harness_expect_ok(&fx->last, "session update --agenda");

	sc(fx, "--as", LOTTE, "calendar", "ics", id, "-o", file, NULL);
	harness_expect_ok(&fx->last, "calendar ics -o");
	assert_non_null(strstr(fx->last.out, "is geschreven naar"));
	char *ics = harness_slurp(file);
	assert_int_equal(strncmp(ics, "BEGIN:VCALENDAR", 15), 0);
	assert_non_null(strstr(ics, uid));
	assert_non_null(strstr(ics, "met Jeroen Bakker"));
	assert_null(strstr(ics, "Van Wijk"));
	free(ics);
	/* Never over the database: refused, and the database still reads. */
	sc(fx, "--as", LOTTE, "calendar", "ics", id, "-o", fx->db, NULL);
	harness_expect_usage_error(&fx->last, "calendar ics -o the database", "database");
	sc(fx, "person", "list", "--json", NULL);
	harness_expect_ok(&fx->last, "the database after the refusal");
	/* On standard output too, for the coach, with the other party his coachee. */
	sc(fx, "--as", JEROEN, "calendar", "ics", id, NULL);
	harness_expect_ok(&fx->last, "calendar ics");
	assert_non_null(strstr(fx->last.out, uid));
	assert_non_null(strstr(fx->last.out, "met Lotte Mulder"));
	assert_null(strstr(fx->last.out, "Van Wijk"));

	sc(fx, "--as", LINDA, "calendar", "ics", id, NULL);
	assert_int_equal(fx->last.status, 2);
	assert_non_null(strstr(fx->last.err, "er is geen sessie"));
	assert_string_equal(fx->last.out, "");
	sc(fx, "--as", LOTTE, "calendar", "ics", "12a", NULL);
	harness_expect_refused(&fx->last, "calendar ics 12a", "geen sessienummer");
	sc(fx, "--as", LOTTE, "calendar", "ics", NULL);
	harness_expect_refused(&fx->last, "calendar ics", "geef één sessienummer");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_in_both_languages),
		cmocka_unit_test(test_show_rotate_stop),
		cmocka_unit_test(test_one_session_as_ics),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
