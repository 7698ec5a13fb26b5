/*
 * test_team.c - a manager's team at a glance (plan/team.h) on the small
 * organisation of tests/support/domain_fixture.h, with every figure worked
 * out by hand: who is in the team, who coaches them, the last and next
 * session, and the sessions and minutes held in the 30 days to today
 * (2026-11-28) counted by local day. No private content in the answer, no
 * access-log entry from it, and who is refused.
 */
#include "domain_fixture.h"

#include <jansson.h>

#include "plan/team.h"

/* Marieke's team answered to the actor of fx->d, or the failure's code (then *out NULL). */
static enum sc_result team_of(struct fixture *fx, int64_t manager, json_t **out,
                              struct sc_error *err)
{
	sc_error_init(err);
	return team_activity(&fx->d, manager, out, err);
}

/* The person named name in the answer's people; fails when absent. */
static json_t *member(json_t *team, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(
	        json_object_get(team, "people"), i,
	        p) if (!strcmp(json_string_value(json_object_get(p, "name")), name)) return p;
	fail_msg("%s is not in the team", name);
	return NULL;
}

static const char *str(json_t *o, const char *path1, const char *path2)
{
	json_t *v = json_object_get(o, path1);
	return json_string_value(path2 ? json_object_get(v, path2) : v);
}

static json_int_t num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/*
 * Joost's coaching by Pieter: besides the fixture's ride-along (2026-11-03, 90 min), sessions
 * at both edges of the window (2026-10-29 00:30 local is in it, 2026-10-28 23:30 local not,
 * though both are 28 October in UTC), one held before it, a cancelled one, a planned one whose
 * time has passed and two ahead. Fleur is coached by Olga, whom Marieke may not read; Lars
 * reports to Pieter, not to Marieke; Bas has left.
 */
static void more_world(struct fixture *fx)
{
	struct world *w = &fx->w;
	const char *asg = idt(w->asg);
	static const char *const held[][3] = { { "2026-11-20T09:00", "one_to_one", "60" },
		                               { "2026-10-29T00:30", "call_review", "15" },
		                               { "2026-10-28T23:30", "call_review", "20" },
		                               { "2026-10-20T09:00", "one_to_one", "45" } };

	for (size_t i = 0; i < sizeof(held) / sizeof(held[0]); i++)
		add(fx, E_SESSION, "assignment", asg, "kind", held[i][1], "at", held[i][0],
		    "minutes", held[i][2], "status", "held", "agenda", SECRET_AGENDA, NULL);
	add(fx, E_SESSION, "assignment", asg, "kind", "one_to_one", "at", "2026-11-25T09:00",
	    "minutes", "60", "status", "cancelled", NULL);
	add(fx, E_SESSION, "assignment", asg, "kind", "deal_review", "at", "2026-11-27T09:00",
	    "minutes", "60", "status", "planned", NULL);
	add(fx, E_SESSION, "assignment", asg, "kind", "call_review", "at", "2026-12-10T09:00",
	    "minutes", "30", "status", "planned", NULL);
	add(fx, E_SESSION, "assignment", asg, "kind", "one_to_one", "at", "2026-12-05T09:00",
	    "minutes", "60", "status", "planned", "agenda", SECRET_AGENDA, NULL);
	int64_t fleur = add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(w->c_olga),
	                    "coachee", idt(w->fleur), "starts_on", "2026-09-01", NULL);
	add(fx, E_SESSION, "assignment", idt(fleur), "kind", "one_to_one", "at", "2026-11-10T14:00",
	    "minutes", "50", "status", "held", "notes", SECRET_NOTES, NULL);
	add(fx, E_PERSON, "name", "Lars Kok", "email", "lars@example.com", "superior",
	    idt(w->pieter), NULL);
	add(fx, E_PERSON, "name", "Bas de Wit", "email", "bas@example.com", "superior",
	    idt(w->marieke), "active", "false", NULL);
}

static void test_figures_worked_out_by_hand(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	json_t *t = NULL;

	more_world(fx);
	act_as(fx, "marieke@example.com");
	assert_int_equal(team_of(fx, 0, &t, &err), SC_OK);
	assert_string_equal(str(t, "manager", "name"), "Marieke Smit");
	assert_string_equal(str(t, "today", NULL), "2026-11-28");
	assert_string_equal(str(t, "window", "from"), "2026-10-29");
	assert_string_equal(str(t, "window", "to"), "2026-11-28");
	assert_int_equal(json_array_size(json_object_get(t, "teams")), 1);
	assert_string_equal(str(json_array_get(json_object_get(t, "teams"), 0), "name", NULL),
	                    "Team Noord");
	/* Her active direct reports, in name order: not Lars (Pieter's), not Bas (left). */
	json_t *people = json_object_get(t, "people");
	assert_int_equal(json_array_size(people), 3);
	assert_string_equal(str(json_array_get(people, 0), "name", NULL), "Fleur Visser");
	assert_string_equal(str(json_array_get(people, 1), "name", NULL), "Joost Bakker");
	assert_string_equal(str(json_array_get(people, 2), "name", NULL), "Pieter de Jong");

	json_t *joost = member(t, "Joost Bakker");
	assert_string_equal(str(joost, "title", NULL), "Account manager");
	assert_string_equal(str(joost, "team", "name"), "Team Noord");
	assert_true(json_is_true(json_object_get(joost, "coached")));
	json_t *coach = json_array_get(json_object_get(joost, "coaches"), 0);
	assert_int_equal(json_array_size(json_object_get(joost, "coaches")), 1);
	assert_int_equal(num(coach, "id"), fx->w.c_pieter);
	assert_string_equal(str(coach, "name", NULL), "Pieter de Jong");
	/* 20 November 09:00 in Amsterdam is 08:00 UTC: the latest held, not the cancelled one. */
	assert_string_equal(str(joost, "last_session", "at"), "2026-11-20T08:00:00Z");
	assert_string_equal(str(joost, "last_session", "kind"), "one_to_one");
	assert_int_equal(num(json_object_get(joost, "last_session"), "minutes"), 60);
	/* Not the one of the 27th nobody recorded: the first from today on. */
	assert_string_equal(str(joost, "next_session", "at"), "2026-12-05T08:00:00Z");
	assert_string_equal(str(joost, "next_session", "kind"), "one_to_one");
	/* 20 Nov (60) + the ride-along of 3 Nov (90) + 29 Oct 00:30 (15); not 28 Oct 23:30 local.
	 */
	assert_int_equal(num(joost, "sessions_held"), 3);
	assert_int_equal(num(joost, "minutes_held"), 165);

	/* Olga coaches Fleur; Marieke may not read Olga's person, so no name, but the figures. */
	json_t *fleur = member(t, "Fleur Visser");
	coach = json_array_get(json_object_get(fleur, "coaches"), 0);
	assert_int_equal(num(coach, "id"), fx->w.c_olga);
	assert_true(json_is_null(json_object_get(coach, "name")));
	assert_string_equal(str(fleur, "last_session", "at"), "2026-11-10T13:00:00Z");
	assert_true(json_is_null(json_object_get(fleur, "next_session")));
	assert_int_equal(num(fleur, "sessions_held"), 1);
	assert_int_equal(num(fleur, "minutes_held"), 50);

	json_t *pieter = member(t, "Pieter de Jong");
	assert_false(json_is_true(json_object_get(pieter, "coached")));
	assert_int_equal(json_array_size(json_object_get(pieter, "coaches")), 0);
	assert_true(json_is_null(json_object_get(pieter, "last_session")));
	assert_true(json_is_null(json_object_get(pieter, "next_session")));
	assert_int_equal(num(pieter, "sessions_held"), 0);

	/* Only dates, kinds and counts: no private value, and nothing went to the access log. */
	char *dump = json_dumps(t, 0);
	assert_null(strstr(dump, SECRET_AGENDA));
	assert_null(strstr(dump, SECRET_NOTES));
	assert_null(strstr(dump, SECRET_FOLLOW_UP));
	assert_null(strstr(dump, "Hoogland"));
	free(dump);
	json_decref(t);
	assert_int_equal(count(fx, E_ACCESS), 0);
	/* Whereas a read of the content, by his coach, is logged: the count above can move. */
	struct record *ride = NULL;
	act_as(fx, "pieter@example.com");
	assert_int_equal(domain_get(&fx->d, entity_get(E_SESSION), fx->w.ride, &ride, &err), SC_OK);
	record_free(&ride);
	assert_int_equal(count(fx, E_ACCESS), 1);

	/* The local administrator sees the same team when naming Marieke, and Olga's name. */
	act_as_admin(fx);
	assert_int_equal(team_of(fx, fx->w.marieke, &t, &err), SC_OK);
	coach = json_array_get(json_object_get(member(t, "Fleur Visser"), "coaches"), 0);
	assert_string_equal(str(coach, "name", NULL), "Olga Mulder");
	assert_int_equal(num(member(t, "Joost Bakker"), "minutes_held"), 165);
	json_decref(t);
}

/* Who may not see a team, and what they are told. */
static void test_who_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	json_t *t = NULL;

	/* A rep, and a coach who manages nobody: 403, saying what the view is for. */
	act_as(fx, "joost@example.com");
	assert_int_equal(team_of(fx, 0, &t, &err), SC_FORBIDDEN);
	assert_null(t);
	assert_non_null(strstr(err.message, "this view is for managers"));
	act_as(fx, "pieter@example.com");
	assert_int_equal(team_of(fx, 0, &t, &err), SC_FORBIDDEN);
	/* Nobody but an administrator asks about another manager's team. */
	assert_int_equal(team_of(fx, fx->w.marieke, &t, &err), SC_FORBIDDEN);
	assert_non_null(strstr(err.message, "your own team only"));
	/* The local administrator must say whose team; a person who does not exist is not found. */
	act_as_admin(fx);
	assert_int_equal(team_of(fx, 0, &t, &err), SC_INVALID);
	assert_string_equal(err.field, "manager");
	assert_int_equal(team_of(fx, 99999, &t, &err), SC_NOT_FOUND);
	/* In Dutch when the organisation speaks Dutch. */
	act_as(fx, "fleur@example.com");
	fx->d.lang = MSG_NL;
	assert_int_equal(team_of(fx, 0, &t, &err), SC_FORBIDDEN);
	assert_non_null(strstr(err.message, "dit overzicht is voor managers"));
	fx->d.lang = MSG_EN;
	assert_int_equal(count(fx, E_ACCESS), 0);
}

/* A manager whose team nobody reports to yet gets the team and an empty list, not a refusal. */
static void test_a_team_without_people_is_empty(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	json_t *t = NULL;

	int64_t nico = add(fx, E_PERSON, "name", "Nico Vos", "email", "nico@example.com", NULL);
	add(fx, E_TEAM, "name", "Team Zuid", "manager", idt(nico), NULL);
	act_as(fx, "nico@example.com");
	assert_int_equal(team_of(fx, 0, &t, &err), SC_OK);
	assert_int_equal(json_array_size(json_object_get(t, "people")), 0);
	assert_string_equal(str(json_array_get(json_object_get(t, "teams"), 0), "name", NULL),
	                    "Team Zuid");
	json_decref(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_figures_worked_out_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_team_without_people_is_empty, setup,
		                                teardown),
	};
	setenv("SALESCOACH_NOW", NOW, 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
