/*
 * test_agenda_cli.c - `salescoach agenda` on the demo organisation through
 * the real program: a coach's and a coachee's week, the session nobody
 * recorded, what is due, and nothing of relationships the reader is not in.
 */
#include "cli_fixture.h"

#define JEROEN "jeroen.bakker@vandijk.example" /* manager who coaches his team */
#define LOTTE  "lotte.mulder@vandijk.example"  /* coached by Jeroen */
#define LINDA  "linda.smit@vandijk.example"    /* an internal coach of other teams */

/* `--as EMAIL agenda ARGS... --json`, parsed. */
static json_t *agenda_of(struct fixture *fx, const char *email, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1] = { (char *)"--as", (char *)email, (char *)"agenda",
		                             (char *)"--json" };
	va_list ap;

	va_start(ap, email);
	harness_args_va(argv, 4, ap);
	va_end(ap);
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	json_t *out = harness_json(&fx->last, "agenda --json");
	assert_true(json_is_object(out));
	return out;
}

/* Whether arr (of records) holds one with this id. */
static bool has_id(json_t *arr, json_int_t id)
{
	size_t i;
	json_t *item;

	json_array_foreach(arr, i, item) if (json_integer_value(json_object_get(item, "id")) ==
	                                     id) return true;
	return false;
}

/*
 * Jeroen's week: exactly the sessions of the seven days from today in the
 * relationships he coaches, each with the coachee's name, in time order.
 */
static void test_a_coachs_week(void **state)
{
	struct fixture *fx = *state;
	json_t *ag = agenda_of(fx, JEROEN, "--week", NULL);
	const char *from = json_string_value(json_object_get(ag, "from"));
	const char *to = json_string_value(json_object_get(ag, "to"));
	char want_to[TU_DATE_LEN];

	assert_string_equal(from, "2026-11-28"); /* SALESCOACH_NOW of the tests */
	tu_date_add(from, 6, want_to);
	assert_string_equal(to, want_to);
	/* His relationships: the active assignments of his coach profile. */
	json_t *coach = list(fx, "coach", "--person", "2", NULL);
	assert_int_equal(json_array_size(coach), 1);
	char cid[24];
	snprintf(cid, sizeof(cid), "%lld",
	         (long long)json_integer_value(json_object_get(json_array_get(coach, 0), "id")));
	json_t *asg = list(fx, "assignment", "--coach", cid, "--status", "active", NULL);
	json_t *all = list(fx, "session", "--from", from, "--to", to, "--limit", "0", NULL);
	size_t want = 0, i;
	json_t *s;
	json_array_foreach(all, i, s)
	{
		json_int_t a = json_integer_value(json_object_get(s, "assignment"));
		if (!has_id(asg, a))
			continue;
		want++;
		assert_true(has_id(json_object_get(ag, "sessions"),
		                   json_integer_value(json_object_get(s, "id"))));
	}
	json_t *mine = json_object_get(ag, "sessions");
	assert_true(want > 0);
	assert_int_equal(json_array_size(mine), want);
	const char *prev = "";
	json_array_foreach(mine, i, s)
	{
		const char *at = json_string_value(json_object_get(s, "at"));
		assert_true(strcmp(prev, at) <= 0);
		prev = at;
		assert_string_equal(json_string_value(json_object_get(s, "as")), "coach");
		assert_true(strlen(json_string_value(json_object_get(s, "with"))) > 0);
	}
	json_decref(all);
	json_decref(asg);
	json_decref(coach);
	json_decref(ag);
}

/*
 * A session planned two days ago and never recorded shows to both parties
 * as an open end, in words; the text is the organisation's language.
 */
static void test_a_session_nobody_recorded(void **state)
{
	struct fixture *fx = *state;
	char *add[] = { (char *)"--as",         (char *)JEROEN,
		        (char *)"session",      (char *)"add",
		        (char *)"--assignment", (char *)"1",
		        (char *)"--kind",       (char *)"one_to_one",
		        (char *)"--at",         (char *)"2026-11-26T10:00",
		        (char *)"--minutes",    (char *)"30",
		        (char *)"--json",       NULL };
	harness_run_argv(&fx->last, fx->db, NULL, NULL, add);
	json_t *added = harness_json(&fx->last, "session add");
	json_int_t id = json_integer_value(json_object_get(added, "id"));
	json_decref(added);

	json_t *coach = agenda_of(fx, JEROEN, NULL);
	assert_true(has_id(json_object_get(coach, "not_recorded"), id));
	json_decref(coach);
	json_t *coachee = agenda_of(fx, LOTTE, NULL);
	json_t *open = json_object_get(coachee, "not_recorded");
	assert_true(has_id(open, id));
	assert_string_equal(json_string_value(json_object_get(json_array_get(open, 0), "with")),
	                    "Jeroen Bakker");
	assert_string_equal(json_string_value(json_object_get(json_array_get(open, 0), "as")),
	                    "coachee");
	json_decref(coachee);
	/* In words, in Dutch (the demo organisation's language). */
	harness_run(&fx->last, fx->db, NULL, "--as", LOTTE, "agenda", NULL);
	harness_expect_ok(&fx->last, "agenda");
	assert_non_null(strstr(fx->last.out, "do 2026-11-26 10:00  een-op-eengesprek met Jeroen "
	                                     "Bakker (uw coach) was gepland, maar is niet "
	                                     "vastgelegd als gehouden of geannuleerd"));
}

/* Another coach's agenda holds nothing of Jeroen's relationships: not a session, not an action. */
static void test_nothing_of_others_relationships(void **state)
{
	struct fixture *fx = *state;
	json_t *jeroen = agenda_of(fx, JEROEN, "--week", NULL);
	json_t *linda = agenda_of(fx, LINDA, "--week", NULL);
	json_t *lotte = agenda_of(fx, LOTTE, "--week", NULL);
	size_t i;
	json_t *item;

	assert_true(json_array_size(json_object_get(jeroen, "due")) > 0);
	json_array_foreach(json_object_get(jeroen, "due"), i, item)
	{
		assert_false(has_id(json_object_get(linda, "due"),
		                    json_integer_value(json_object_get(item, "id"))));
		/* Lotte sees the items of her own relationship only. */
		if (json_integer_value(json_object_get(item, "assignment")) != 1)
			assert_false(has_id(json_object_get(lotte, "due"),
			                    json_integer_value(json_object_get(item, "id"))));
	}
	json_array_foreach(json_object_get(jeroen, "sessions"), i, item)
	        assert_false(has_id(json_object_get(linda, "sessions"),
	                            json_integer_value(json_object_get(item, "id"))));
	json_decref(jeroen);
	json_decref(linda);
	json_decref(lotte);
}

static void test_agenda_needs_a_person(void **state)
{
	struct fixture *fx = *state;

	harness_run(&fx->last, fx->db, NULL, "agenda", NULL);
	harness_expect_refused(&fx->last, "agenda without --as", "--as E-MAIL");
	harness_run(&fx->last, fx->db, NULL, "--as", JEROEN, "agenda", "--month", NULL);
	harness_expect_refused(&fx->last, "agenda --month", "--month");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_coachs_week),
		cmocka_unit_test(test_a_session_nobody_recorded),
		cmocka_unit_test(test_nothing_of_others_relationships),
		cmocka_unit_test(test_agenda_needs_a_person),
	};
	return cmocka_run_group_tests(tests, setup_demo_db, teardown);
}
