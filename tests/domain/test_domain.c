/*
 * test_domain.c - the rules that hold through every door (domain.h): what
 * a valid record is, references, assignments and sessions, and what blocks
 * a removal. Privacy and the audit log are test_domain_privacy.c, the
 * prevention at input test_domain_prevent.c; the fixture is
 * tests/support/domain_fixture.h.
 *
 * Every refusal is also checked to leave the database exactly as it was:
 * the whole database is dumped before and after and compared.
 */
#include "domain_fixture.h"

/* ---- field values ------------------------------------------------------------------------- */

static void test_today_is_in_the_organisations_zone(void **state)
{
	struct fixture *fx = *state;

	assert_string_equal(fx->d.tz, "Europe/Amsterdam");
	assert_string_equal(fx->d.today, "2026-11-28");
}

static void test_session_minutes_out_of_range_refused(void **state)
{
	struct fixture *fx = *state;
	struct record *rec;

	expect_parse_refused(fx, E_SESSION, "minutes", "0");
	expect_parse_refused(fx, E_SESSION, "minutes", "481");
	expect_parse_refused(fx, E_SESSION, "minutes", "-5");
	expect_parse_refused(fx, E_SESSION, "minutes", "sixty");
	expect_parse_refused(fx, E_SESSION, "minutes", "60.5");
	expect_parse_refused(fx, E_SESSION, "minutes", "");
	/* The limits themselves are allowed. */
	add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	    "2026-11-10T10:00", "minutes", "1", "status", "held", NULL);
	add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	    "2026-11-11T10:00", "minutes", "480", "status", "held", NULL);
	/* Minutes are required. */
	rec = rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	             "2026-11-12T10:00", NULL);
	expect_add_refused(fx, rec, SC_INVALID, "minutes", NULL);
}

/*
 * A record built by a program rather than typed (an importer, the HTTP API)
 * goes through the same checks: domain_add and domain_update validate every
 * field, not only what domain_parse saw.
 */
static void test_values_not_typed_are_checked_too(void **state)
{
	struct fixture *fx = *state;
	struct record *rec;

	rec = rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	             "2026-11-10T10:00", "status", "held", NULL);
	record_put_int(rec, "minutes", 0);
	expect_add_refused(fx, rec, SC_INVALID, "minutes", NULL);

	rec = rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	             "2026-11-10T10:00", "status", "held", NULL);
	record_put_int(rec, "minutes", 481);
	expect_add_refused(fx, rec, SC_INVALID, "minutes", NULL);

	rec = record_new(entity_get(E_SESSION));
	rec->id = fx->w.ride;
	record_put_int(rec, "minutes", 481);
	expect_update_refused(fx, rec, SC_INVALID, "minutes", NULL);

	rec = rec_of(fx, E_PROGRAMME, "team", idt(fx->w.team), "model", "manager", "ends_on",
	             "2027-05-31", NULL);
	assert_int_equal(record_put_text(rec, "starts_on", "2026-02-30"), SC_OK);
	expect_add_refused(fx, rec, SC_INVALID, "starts_on", NULL);

	rec = rec_of(fx, E_PERSON, "name", "Kees Jansen", NULL);
	assert_int_equal(record_put_text(rec, "email", "kees at example"), SC_OK);
	expect_add_refused(fx, rec, SC_INVALID, "email", NULL);

	rec = rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	             "2026-11-10T10:00", "minutes", "60", NULL);
	assert_int_equal(record_put_text(rec, "status", "postponed"), SC_OK);
	expect_add_refused(fx, rec, SC_INVALID, "status", NULL);
}

static void test_impossible_dates_refused(void **state)
{
	struct fixture *fx = *state;
	struct record *rec;
	struct sc_error err;

	expect_parse_refused(fx, E_PROGRAMME, "starts_on", "2026-02-30");
	expect_parse_refused(fx, E_PROGRAMME, "starts_on", "2026-02-29");
	expect_parse_refused(fx, E_PROGRAMME, "ends_on", "2026-13-01");
	expect_parse_refused(fx, E_PROGRAMME, "ends_on", "31-12-2026");
	expect_parse_refused(fx, E_SESSION, "at", "2026-02-30T10:00");
	expect_parse_refused(fx, E_SESSION, "at", "2026-11-03T25:00");
	expect_parse_refused(fx, E_RESULT, "month", "2026-13");

	/* The message repeats what was typed and shows the form wanted. */
	rec = record_new(entity_get(E_PROGRAMME));
	sc_error_init(&err);
	assert_int_equal(
	        domain_parse(&fx->d, rec, entity_field(rec->def, "starts_on"), "2026-02-30", &err),
	        SC_INVALID);
	record_free(&rec);
	assert_non_null(strstr(err.message, "2026-02-30"));
	assert_non_null(strstr(err.message, "YYYY-MM-DD"));

	/* A leap day is a date. */
	add(fx, E_PROGRAMME, "team", idt(fx->w.team), "model", "manager", "starts_on", "2028-02-29",
	    "ends_on", "2028-12-31", NULL);
}

static void test_programme_end_before_start_refused(void **state)
{
	struct fixture *fx = *state;

	expect_add_refused(fx,
	                   rec_of(fx, E_PROGRAMME, "team", idt(fx->w.team), "model", "manager",
	                          "starts_on", "2026-06-01", "ends_on", "2026-05-31", NULL),
	                   SC_INVALID, "ends_on", NULL);
}

static void test_bad_email_refused(void **state)
{
	struct fixture *fx = *state;
	struct record *rec;
	struct record *got = NULL;
	struct sc_error err;
	int64_t id;

	expect_parse_refused(fx, E_PERSON, "email", "kees.example.com");
	expect_parse_refused(fx, E_PERSON, "email", "kees@");
	expect_parse_refused(fx, E_PERSON, "email", "@example.com");
	expect_parse_refused(fx, E_PERSON, "email", "kees@example");
	expect_parse_refused(fx, E_PERSON, "email", "kees@@example.com");
	expect_parse_refused(fx, E_PERSON, "email", "kees jansen@example.com");
	expect_parse_refused(fx, E_PERSON, "email", "kees@example.com, anna@example.com");
	expect_parse_refused(fx, E_PERSON, "email", "");

	/* A person needs an e-mail address at all. */
	rec = rec_of(fx, E_PERSON, "name", "Kees Jansen", NULL);
	expect_add_refused(fx, rec, SC_INVALID, "email", NULL);

	/* Addresses are kept in lower case. */
	id = add(fx, E_PERSON, "name", "Kees Jansen", "email", "Kees.Jansen@Example.COM", NULL);
	assert_int_equal(domain_get(&fx->d, entity_get(E_PERSON), id, &got, &err), SC_OK);
	assert_string_equal(record_text(got, "email"), "kees.jansen@example.com");
	record_free(&got);
}

static void test_duplicate_email_refused(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	expect_add_refused(
	        fx, rec_of(fx, E_PERSON, "name", "Joost B.", "email", "joost@example.com", NULL),
	        SC_CONFLICT, "email", &err);
	assert_non_null(strstr(err.message, "joost@example.com"));
	/* The same address in other capitals is the same address. */
	expect_add_refused(
	        fx, rec_of(fx, E_PERSON, "name", "Joost B.", "email", "JOOST@example.com", NULL),
	        SC_CONFLICT, "email", NULL);
}

static void test_duplicate_email_on_update_refused(void **state)
{
	struct fixture *fx = *state;

	expect_update_refused(
	        fx, with_id(rec_of(fx, E_PERSON, "email", "joost@example.com", NULL), fx->w.fleur),
	        SC_CONFLICT, "email", NULL);
	/* Keeping one's own address is no clash. */
	update(fx, E_PERSON, fx->w.joost, "email", "joost@example.com", "title", "Key account",
	       NULL);
}

/* ---- references --------------------------------------------------------------------------- */

static void test_reference_to_missing_record_refused(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	expect_add_refused(fx,
	                   rec_of(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach",
	                          idt(fx->w.c_olga), "coachee", "9999", "starts_on", "2026-07-01",
	                          NULL),
	                   SC_NOT_FOUND, "coachee", &err);
	assert_non_null(strstr(err.message, "9999"));
	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", "9999", "kind", "one_to_one", "at",
	                          "2026-11-10T10:00", "minutes", "60", NULL),
	                   SC_NOT_FOUND, "assignment", NULL);
	expect_update_refused(fx,
	                      with_id(rec_of(fx, E_PERSON, "superior", "9999", NULL), fx->w.joost),
	                      SC_NOT_FOUND, "superior", NULL);
	expect_parse_refused(fx, E_ASSIGNMENT, "coachee", "0");
	expect_parse_refused(fx, E_ASSIGNMENT, "coachee", "-3");
	expect_parse_refused(fx, E_ASSIGNMENT, "coachee", "joost");
}

static void test_reference_into_another_organisation_refused(void **state)
{
	struct fixture *fx = *state;
	struct domain other;
	struct record *p;
	struct sc_error err;
	int64_t org2;

	assert_int_equal(org_create(fx->st, "Hoogland Logistiek", NULL, NULL, NULL, &org2, &err),
	                 SC_OK);
	assert_int_equal(domain_init(&other, fx->st, org2, &err), SC_OK);
	p = record_new(entity_get(E_PERSON));
	assert_int_equal(domain_parse(&other, p, 0, "Henk Hoogland", &err), SC_OK);
	assert_int_equal(domain_parse(&other, p, 1, "henk@hoogland.example", &err), SC_OK);
	assert_int_equal(domain_add(&other, p, &err), SC_OK);

	expect_add_refused(fx,
	                   rec_of(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach",
	                          idt(fx->w.c_olga), "coachee", idt(p->id), "starts_on",
	                          "2026-07-01", NULL),
	                   SC_NOT_FOUND, "coachee", NULL);
	/* Nor can the other organisation read or change this one's records. */
	struct record *got = NULL;
	assert_int_equal(domain_get(&other, entity_get(E_PERSON), fx->w.joost, &got, &err),
	                 SC_NOT_FOUND);
	assert_int_equal(domain_remove(&other, entity_get(E_PERSON), fx->w.fleur, &err),
	                 SC_NOT_FOUND);
	assert_int_equal(count(fx, E_PERSON), 5);
	record_free(&p);
}

static void test_person_cannot_be_their_own_superior(void **state)
{
	struct fixture *fx = *state;

	expect_update_refused(
	        fx, with_id(rec_of(fx, E_PERSON, "superior", idt(fx->w.joost), NULL), fx->w.joost),
	        SC_INVALID, "superior", NULL);
	/* Nor above their own superior. */
	expect_update_refused(
	        fx,
	        with_id(rec_of(fx, E_PERSON, "superior", idt(fx->w.joost), NULL), fx->w.marieke),
	        SC_INVALID, "superior", NULL);
}

/* ---- assignments and sessions ------------------------------------------------------------- */

static void test_assignment_outside_programme_refused(void **state)
{
	struct fixture *fx = *state;
	const char *prog = idt(fx->w.prog), *coach = idt(fx->w.c_olga), *fleur = idt(fx->w.fleur);

	expect_add_refused(fx,
	                   rec_of(fx, E_ASSIGNMENT, "programme", prog, "coach", coach, "coachee",
	                          fleur, "starts_on", "2026-05-31", NULL),
	                   SC_INVALID, "starts_on", NULL);
	expect_add_refused(fx,
	                   rec_of(fx, E_ASSIGNMENT, "programme", prog, "coach", coach, "coachee",
	                          fleur, "starts_on", "2027-06-01", NULL),
	                   SC_INVALID, "starts_on", NULL);
	expect_add_refused(fx,
	                   rec_of(fx, E_ASSIGNMENT, "programme", prog, "coach", coach, "coachee",
	                          fleur, "starts_on", "2026-07-01", "ends_on", "2027-06-01", NULL),
	                   SC_INVALID, "ends_on", NULL);
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_ASSIGNMENT, "ends_on", "2027-12-31", NULL), fx->w.asg),
	        SC_INVALID, "ends_on", NULL);
	/* The programme's own first and last day are inside it. */
	add(fx, E_ASSIGNMENT, "programme", prog, "coach", coach, "coachee", fleur, "starts_on",
	    "2026-06-01", "ends_on", "2027-05-31", NULL);
}

static void test_programme_dates_cannot_leave_assignments_outside(void **state)
{
	struct fixture *fx = *state;

	/* Fleur's relationship starts in 2027 and runs to the programme's end. */
	add(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach", idt(fx->w.c_olga), "coachee",
	    idt(fx->w.fleur), "starts_on", "2027-01-04", NULL);
	/* Moving the programme's start past Joost's start is refused... */
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_PROGRAMME, "starts_on", "2026-07-01", NULL), fx->w.prog),
	        SC_CONFLICT, "starts_on", NULL);
	/* ...and so is ending it before Fleur's relationship has even begun. */
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_PROGRAMME, "ends_on", "2026-12-31", NULL), fx->w.prog),
	        SC_CONFLICT, "ends_on", NULL);
}

static void test_assignment_dates_cannot_leave_sessions_outside(void **state)
{
	struct fixture *fx = *state;

	/* The ride-along of 2026-11-03 would fall after an end on 2026-10-31. */
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_ASSIGNMENT, "ends_on", "2026-10-31", NULL), fx->w.asg),
	        SC_CONFLICT, "ends_on", NULL);
}

static void test_coach_and_coachee_same_person_refused(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	expect_add_refused(fx,
	                   rec_of(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach",
	                          idt(fx->w.c_pieter), "coachee", idt(fx->w.pieter), "starts_on",
	                          "2026-07-01", NULL),
	                   SC_INVALID, "coachee", &err);
	assert_non_null(strstr(err.message, "coach"));
}

static void test_one_active_relationship_per_coachee_and_programme(void **state)
{
	struct fixture *fx = *state;

	expect_add_refused(fx,
	                   rec_of(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach",
	                          idt(fx->w.c_olga), "coachee", idt(fx->w.joost), "starts_on",
	                          "2026-09-01", NULL),
	                   SC_CONFLICT, "coachee", NULL);
	/* Once the first has ended, a new coach can take over. */
	update(fx, E_ASSIGNMENT, fx->w.asg, "status", "ended", "ends_on", "2026-11-30", NULL);
	add(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach", idt(fx->w.c_olga), "coachee",
	    idt(fx->w.joost), "starts_on", "2026-12-01", NULL);
}

static void test_session_outside_assignment_refused(void **state)
{
	struct fixture *fx = *state;

	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one",
	                          "at", "2026-05-31T10:00", "minutes", "60", "status", "held",
	                          NULL),
	                   SC_INVALID, "at", NULL);
	/*
	 * 00:30 in Amsterdam on the first day is still the day before in UTC: the
	 * organisation's calendar day counts.
	 */
	add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	    "2026-06-01T00:30", "minutes", "60", "status", "held", NULL);
}

static void test_fixed_fields_cannot_change(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *got = NULL;

	expect_update_refused(
	        fx, with_id(rec_of(fx, E_ASSIGNMENT, "coachee", idt(fx->w.fleur), NULL), fx->w.asg),
	        SC_INVALID, "coachee", &err);
	assert_non_null(strstr(err.message, "coachee"));
	expect_update_refused(fx,
	                      with_id(rec_of(fx, E_ASSIGNMENT, "programme",
	                                     idt(add(fx, E_PROGRAMME, "team", idt(fx->w.team),
	                                             "model", "external", "starts_on", "2026-01-01",
	                                             "ends_on", "2027-12-31", NULL)),
	                                     NULL),
	                              fx->w.asg),
	                      SC_INVALID, "programme", NULL);
	int64_t fleurs =
	        add(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach", idt(fx->w.c_olga),
	            "coachee", idt(fx->w.fleur), "starts_on", "2026-06-01", NULL);
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_SESSION, "assignment", idt(fleurs), NULL), fx->w.ride),
	        SC_INVALID, "assignment", NULL);
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_COACH, "person", idt(fx->w.fleur), NULL), fx->w.c_olga),
	        SC_INVALID, "person", NULL);
	/* Giving the value it already has is no change, and other fields go through. */
	update(fx, E_ASSIGNMENT, fx->w.asg, "coachee", idt(fx->w.joost), "status", "paused", NULL);
	assert_int_equal(domain_get(&fx->d, entity_get(E_ASSIGNMENT), fx->w.asg, &got, &err),
	                 SC_OK);
	assert_string_equal(record_text(got, "status"), "paused");
	assert_int_equal(record_int(got, "coachee"), fx->w.joost);
	record_free(&got);
}

static void test_ride_along_fields_only_on_ride_alongs(void **state)
{
	struct fixture *fx = *state;
	const char *asg = idt(fx->w.asg);

	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", asg, "kind", "one_to_one", "at",
	                          "2026-11-10T10:00", "minutes", "60", "customer",
	                          "Hoogland Logistiek", NULL),
	                   SC_INVALID, "customer", NULL);
	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", asg, "kind", "one_to_one", "at",
	                          "2026-11-10T10:00", "minutes", "60", "stage", "closing", NULL),
	                   SC_INVALID, "stage", NULL);
	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", asg, "kind", "deal_review", "at",
	                          "2026-11-10T10:00", "minutes", "60", "role", "observer", NULL),
	                   SC_INVALID, "role", NULL);
	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", asg, "kind", "one_to_one", "at",
	                          "2026-11-10T10:00", "minutes", "60", "follow_up", "Call back",
	                          NULL),
	                   SC_INVALID, "follow_up", NULL);
	/* A ride-along that becomes a one-to-one would keep its customer: refused. */
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_SESSION, "kind", "one_to_one", NULL), fx->w.ride),
	        SC_INVALID, "customer", NULL);
}

static void test_observations_only_on_ride_alongs(void **state)
{
	struct fixture *fx = *state;
	int64_t talk = add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	                   "2026-11-10T10:00", "minutes", "60", "status", "held", NULL);

	expect_add_refused(fx,
	                   rec_of(fx, E_OBSERVATION, "session", idt(talk), "skill", "closing",
	                          "strengths", "Clear summary", NULL),
	                   SC_INVALID, "session", NULL);
	expect_add_refused(
	        fx,
	        rec_of(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "juggling", NULL),
	        SC_INVALID, "skill", NULL);
	add(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "closing", "strengths",
	    "Asked for the order", NULL);
}

static void test_unknown_focus_skill_refused(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one",
	                          "at", "2026-11-10T10:00", "minutes", "60", "skills",
	                          "closing,mind_reading", NULL),
	                   SC_INVALID, "skills", &err);
	assert_non_null(strstr(err.message, "mind_reading"));
}

static void test_spy_item_only_from_coachees_about_internal_or_external(void **state)
{
	struct fixture *fx = *state;

	/* Management cannot say whether the coach reports on them to management. */
	expect_add_refused(fx,
	                   rec_of(fx, E_SURVEY, "coach", idt(fx->w.c_olga), "respondent",
	                          "management", "respect", "4", "trust", "4", "helps", "4",
	                          "part_of_team", "4", "not_reporting", "2", NULL),
	                   SC_INVALID, "not_reporting", NULL);
	/* Nor is it asked about a senior coach, who is a colleague, not an outsider. */
	expect_add_refused(fx,
	                   rec_of(fx, E_SURVEY, "coach", idt(fx->w.c_pieter), "respondent",
	                          "coachee", "respect", "4", "trust", "4", "helps", "4",
	                          "part_of_team", "4", "not_reporting", "2", NULL),
	                   SC_INVALID, "not_reporting", NULL);
	assert_true(add(fx, E_SURVEY, "coach", idt(fx->w.c_olga), "respondent", "coachee",
	                "respect", "4", "trust", "4", "helps", "4", "part_of_team", "4",
	                "not_reporting", "2", NULL) > 0);
}

static void test_feedback_on_planned_session_refused(void **state)
{
	struct fixture *fx = *state;
	int64_t planned;

	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one",
	                          "at", "2026-12-10T10:00", "minutes", "60", "feedback", "4", NULL),
	                   SC_INVALID, "feedback", NULL);
	planned = add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	              "2026-12-10T10:00", "minutes", "60", NULL);
	expect_update_refused(fx, with_id(rec_of(fx, E_SESSION, "feedback", "5", NULL), planned),
	                      SC_INVALID, "feedback", NULL);
	expect_parse_refused(fx, E_SESSION, "feedback", "0");
	expect_parse_refused(fx, E_SESSION, "feedback", "6");
	/* The coachee's feedback on a session that was held is welcome. */
	update(fx, E_SESSION, fx->w.ride, "feedback", "5", NULL);
}

static void test_held_session_in_the_future_refused(void **state)
{
	struct fixture *fx = *state;
	int64_t planned;

	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one",
	                          "at", "2026-12-01T10:00", "minutes", "60", "status", "held",
	                          NULL),
	                   SC_INVALID, "status", NULL);
	/* 13:30 in Amsterdam today is 12:30 UTC: half an hour from now. */
	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one",
	                          "at", "2026-11-28T13:30", "minutes", "60", "status", "held",
	                          NULL),
	                   SC_INVALID, "status", NULL);
	planned = add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	              "2026-12-01T10:00", "minutes", "60", NULL);
	expect_update_refused(fx, with_id(rec_of(fx, E_SESSION, "status", "held", NULL), planned),
	                      SC_INVALID, "status", NULL);
	/* 12:30 in Amsterdam today was 11:30 UTC: already past. */
	add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "one_to_one", "at",
	    "2026-11-28T12:30", "minutes", "30", "status", "held", NULL);
}

static void test_action_owner_is_coach_or_coachee(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	int64_t other_asg;

	expect_add_refused(fx,
	                   rec_of(fx, E_ACTION, "assignment", idt(fx->w.asg), "owner",
	                          idt(fx->w.marieke), "text", "Check the discount policy", "due_on",
	                          "2026-12-05", NULL),
	                   SC_INVALID, "owner", &err);
	add(fx, E_ACTION, "assignment", idt(fx->w.asg), "owner", idt(fx->w.joost), "text",
	    "Role-play discounts", "due_on", "2026-12-05", NULL);
	add(fx, E_ACTION, "assignment", idt(fx->w.asg), "owner", idt(fx->w.pieter), "text",
	    "Send the objection checklist", "due_on", "2026-12-01", NULL);
	/* The session an action came from is one of the same relationship. */
	other_asg = add(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach", idt(fx->w.c_olga),
	                "coachee", idt(fx->w.fleur), "starts_on", "2026-06-01", NULL);
	expect_add_refused(fx,
	                   rec_of(fx, E_ACTION, "assignment", idt(other_asg), "session",
	                          idt(fx->w.ride), "owner", idt(fx->w.fleur), "text", "Follow up",
	                          "due_on", "2026-12-05", NULL),
	                   SC_INVALID, "session", NULL);
	/* Done in the future is not done. */
	expect_add_refused(fx,
	                   rec_of(fx, E_ACTION, "assignment", idt(fx->w.asg), "owner",
	                          idt(fx->w.joost), "text", "Later", "due_on", "2026-12-05",
	                          "done_on", "2026-12-01", NULL),
	                   SC_INVALID, "done_on", NULL);
}

static void test_update_changes_only_the_given_fields(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *got = NULL;

	update(fx, E_SESSION, fx->w.ride, "minutes", "75", NULL);
	act_as(fx, "pieter@example.com");
	assert_int_equal(domain_get(&fx->d, entity_get(E_SESSION), fx->w.ride, &got, &err), SC_OK);
	assert_int_equal(record_int(got, "minutes"), 75);
	assert_string_equal(record_text(got, "kind"), "ride_along");
	assert_string_equal(record_text(got, "at"), "2026-11-03T09:00:00Z");
	assert_string_equal(record_text(got, "status"), "held");
	assert_string_equal(record_text(got, "skills"), "presenting_value,closing");
	assert_string_equal(record_text(got, "customer"), "Hoogland Logistiek");
	assert_string_equal(record_text(got, "agenda"), SECRET_AGENDA);
	assert_string_equal(record_text(got, "notes"), SECRET_NOTES);
	assert_string_equal(record_text(got, "follow_up"), SECRET_FOLLOW_UP);
	record_free(&got);

	/* An empty value clears an optional field, and only that one. */
	act_as_admin(fx);
	update(fx, E_PERSON, fx->w.joost, "title", "", NULL);
	assert_int_equal(domain_get(&fx->d, entity_get(E_PERSON), fx->w.joost, &got, &err), SC_OK);
	assert_false(record_is_set(got, "title"));
	assert_string_equal(record_text(got, "name"), "Joost Bakker");
	assert_int_equal(record_int(got, "superior"), fx->w.marieke);
	record_free(&got);
}

/* ---- removal ------------------------------------------------------------------------------ */

static void test_person_with_coaching_history_cannot_be_removed(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	char *before = db_dump(fx);
	enum sc_result rc;

	sc_error_init(&err);
	rc = domain_remove(&fx->d, entity_get(E_PERSON), fx->w.joost, &err);
	check_refusal("removing Joost", rc, &err, SC_CONFLICT, "id", before, db_dump(fx));
	/* The message says what blocks it and what to do instead. */
	assert_non_null(strstr(err.message, "assignment"));
	assert_non_null(strstr(err.message, "coachee"));
	assert_non_null(strstr(err.message, "inactive"));

	before = db_dump(fx);
	sc_error_init(&err);
	rc = domain_remove(&fx->d, entity_get(E_PERSON), fx->w.pieter, &err);
	check_refusal("removing Pieter", rc, &err, SC_CONFLICT, "id", before, db_dump(fx));
	assert_non_null(strstr(err.message, "coach"));

	/* Someone without history can go. */
	int64_t kees = add(fx, E_PERSON, "name", "Kees Jansen", "email", "kees@example.com", NULL);
	assert_int_equal(domain_remove(&fx->d, entity_get(E_PERSON), kees, &err), SC_OK);
	assert_int_equal(count(fx, E_PERSON), 5);
	assert_int_equal(domain_remove(&fx->d, entity_get(E_PERSON), kees, &err), SC_NOT_FOUND);
}

static void test_removing_a_ride_along_removes_its_observations(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *odef = entity_get(E_OBSERVATION);
	struct sc_error err;
	int64_t left = -1;
	int64_t other = add(fx, E_SESSION, "assignment", idt(fx->w.asg), "kind", "ride_along", "at",
	                    "2026-11-17T14:00", "minutes", "60", "status", "held", NULL);

	add(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "presenting_value", "strengths",
	    "Linked the offer to their growth plans", NULL);
	add(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "closing", "improvement",
	    "Ask for the next step", NULL);
	int64_t kept = add(fx, E_OBSERVATION, "session", idt(other), "skill", "opening", NULL);

	assert_int_equal(domain_remove(&fx->d, entity_get(E_SESSION), fx->w.ride, &err), SC_OK);
	struct filter f = { entity_field(odef, "session"), FO_EQ, fx->w.ride, 0, NULL };
	assert_int_equal(store_count(fx->st, fx->org, odef, &f, 1, &left, &err), SC_OK);
	assert_int_equal(left, 0);
	assert_int_equal(count(fx, E_OBSERVATION), 1);
	struct record *got = NULL;
	assert_int_equal(store_get(fx->st, fx->org, odef, kept, &got, &err), SC_OK);
	record_free(&got);
	assert_int_equal(store_get(fx->st, fx->org, entity_get(E_SESSION), fx->w.ride, &got, &err),
	                 SC_NOT_FOUND);
}

static void test_session_with_actions_cannot_be_removed(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	char *before;
	enum sc_result rc;

	add(fx, E_ACTION, "assignment", idt(fx->w.asg), "session", idt(fx->w.ride), "owner",
	    idt(fx->w.joost), "text", "Role-play discounts", "due_on", "2026-12-05", NULL);
	before = db_dump(fx);
	sc_error_init(&err);
	rc = domain_remove(&fx->d, entity_get(E_SESSION), fx->w.ride, &err);
	check_refusal("removing the ride-along", rc, &err, SC_CONFLICT, "id", before, db_dump(fx));
	assert_non_null(strstr(err.message, "action"));
}

/*
 * The domain's field errors speak d->lang: Dutch for a Dutch caller, the
 * same facts (field, value, bounds) in English for an English one.
 */
static void test_field_errors_speak_the_callers_language(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *def = entity_get(E_SESSION);
	struct record *rec = record_new(def);
	int minutes = entity_field(def, "minutes");
	struct sc_error err;

	fx->d.lang = MSG_NL;
	assert_int_equal(domain_parse(&fx->d, rec, minutes, "0", &err), SC_INVALID);
	assert_string_equal(err.field, "minutes");
	assert_non_null(
	        strstr(err.message, "minutes: 0 valt buiten het bereik; gebruik 1 tot en met"));
	assert_int_equal(domain_parse(&fx->d, rec, minutes, "1,5", &err), SC_INVALID);
	assert_non_null(strstr(err.message, "'1,5' is geen geheel getal"));
	fx->d.lang = MSG_EN;
	assert_int_equal(domain_parse(&fx->d, rec, minutes, "0", &err), SC_INVALID);
	assert_string_equal(err.field, "minutes");
	assert_non_null(strstr(err.message, "minutes: 0 is out of range; use 1 to"));
	assert_int_equal(domain_parse(&fx->d, rec, minutes, "1,5", &err), SC_INVALID);
	assert_non_null(strstr(err.message, "'1,5' is not a whole number"));
	record_free(&rec);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_today_is_in_the_organisations_zone),
		T(test_session_minutes_out_of_range_refused),
		T(test_field_errors_speak_the_callers_language),
		T(test_values_not_typed_are_checked_too),
		T(test_impossible_dates_refused),
		T(test_programme_end_before_start_refused),
		T(test_bad_email_refused),
		T(test_duplicate_email_refused),
		T(test_duplicate_email_on_update_refused),
		T(test_reference_to_missing_record_refused),
		T(test_reference_into_another_organisation_refused),
		T(test_person_cannot_be_their_own_superior),
		T(test_assignment_outside_programme_refused),
		T(test_programme_dates_cannot_leave_assignments_outside),
		T(test_assignment_dates_cannot_leave_sessions_outside),
		T(test_coach_and_coachee_same_person_refused),
		T(test_one_active_relationship_per_coachee_and_programme),
		T(test_session_outside_assignment_refused),
		T(test_fixed_fields_cannot_change),
		T(test_ride_along_fields_only_on_ride_alongs),
		T(test_observations_only_on_ride_alongs),
		T(test_unknown_focus_skill_refused),
		T(test_spy_item_only_from_coachees_about_internal_or_external),
		T(test_feedback_on_planned_session_refused),
		T(test_held_session_in_the_future_refused),
		T(test_action_owner_is_coach_or_coachee),
		T(test_update_changes_only_the_given_fields),
		T(test_person_with_coaching_history_cannot_be_removed),
		T(test_removing_a_ride_along_removes_its_observations),
		T(test_session_with_actions_cannot_be_removed),
	};

	/* The tests' dates are written around this day. */
	setenv("SALESCOACH_NOW", NOW, 1);
	return cmocka_run_group_tests_name("domain", tests, NULL, NULL);
}
