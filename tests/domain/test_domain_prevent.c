/*
 * test_domain_prevent.c - the pitfalls prevented at input (domain_prevent.c):
 * a change that would make a pitfall likely is refused with what to do, or
 * kept with a reason given. The fixture is tests/support/domain_fixture.h.
 */
#include "domain_fixture.h"

/* ---- prevention at input ------------------------------------------------------------------ */

/*
 * A manager-model programme beside the world's senior one: Marieke coaches
 * Fleur herself in team Zuid, and held a one-to-one with her on 2026-11-10
 * at 10:00 in Amsterdam. Returns the session's id.
 */
static int64_t manager_coaches_fleur(struct fixture *fx, int64_t *asg)
{
	struct world *w = &fx->w;
	int64_t team = add(fx, E_TEAM, "name", "Team Zuid", "manager", idt(w->marieke), NULL);
	int64_t prog = add(fx, E_PROGRAMME, "team", idt(team), "model", "manager", "starts_on",
	                   "2026-06-01", "ends_on", "2027-05-31", NULL);
	int64_t coach = add(fx, E_COACH, "person", idt(w->marieke), "kind", "manager", NULL);
	int64_t a = add(fx, E_ASSIGNMENT, "programme", idt(prog), "coach", idt(coach), "coachee",
	                idt(w->fleur), "starts_on", "2026-06-01", NULL);
	if (asg)
		*asg = a;
	return add(fx, E_SESSION, "assignment", idt(a), "kind", "one_to_one", "at",
	           "2026-11-10T10:00", "minutes", "60", "status", "held", NULL);
}

/* An appraisal of rep by manager recorded on day, as typed. */
static struct record *appraisal_on(struct fixture *fx, int64_t rep, int64_t manager,
                                   const char *day)
{
	return rec_of(fx, E_APPRAISAL, "rep", idt(rep), "manager", idt(manager), "period_from",
	              "2026-05-01", "period_to", "2026-10-31", "recorded_on", day, "rating", "4",
	              NULL);
}

/* Add rec (taken) with an override reason; fails the test when refused. Returns its id. */
static int64_t add_overriding(struct fixture *fx, struct record *rec, const char *reason)
{
	struct sc_error err;
	enum sc_result rc;
	int64_t id;

	sc_error_init(&err);
	fx->d.override_reason = reason;
	rc = domain_add(&fx->d, rec, &err);
	fx->d.override_reason = NULL;
	id = rec->id;
	record_free(&rec);
	if (rc != SC_OK)
		fail_msg("adding with an override was refused: %s", err.message);
	return id;
}

/* The text of field of record id of kind, copied into out. */
static const char *stored_text(struct fixture *fx, enum entity_kind kind, int64_t id,
                               const char *field, char *out, size_t n)
{
	struct record *got = NULL;
	struct sc_error err;

	assert_int_equal(store_get(fx->st, fx->org, entity_get(kind), id, &got, &err), SC_OK);
	snprintf(out, n, "%s", record_text(got, field) ? record_text(got, field) : "(null)");
	record_free(&got);
	return out;
}

static void test_appraisal_near_a_session_of_the_same_manager_coach_refused(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct sc_error err;

	manager_coaches_fleur(fx, NULL);
	/* The window is inclusive: 0, 1 and 2 days from the session are within it. */
	expect_add_refused(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-12"), SC_CONFLICT,
	                   "recorded_on", &err);
	assert_non_null(strstr(err.message, "Marieke Smit"));
	assert_non_null(strstr(err.message, "Fleur Visser"));
	assert_non_null(strstr(err.message, "2026-11-10"));
	assert_non_null(strstr(err.message, "2 days apart"));
	assert_non_null(strstr(err.message, "stops being open"));
	assert_non_null(strstr(err.message, "at least 3 days from 2026-11-10"));
	/* It may be overridden; how to give the reason is each door's to say. */
	assert_true(err.overridable);
	assert_null(strstr(err.message, "--override"));
	expect_add_refused(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-08"), SC_CONFLICT,
	                   "recorded_on", NULL);
	expect_add_refused(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-10"), SC_CONFLICT,
	                   "recorded_on", &err);
	assert_non_null(strstr(err.message, "0 days apart"));
	/* Three days apart is outside the window. */
	int64_t ok = add(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->marieke),
	                 "period_from", "2026-05-01", "period_to", "2026-10-31", "recorded_on",
	                 "2026-11-13", "rating", "4", NULL);
	assert_string_equal(fx->d.warning, "");
	/* Moving its date into the window is refused too; its text may change freely. */
	expect_update_refused(
	        fx, with_id(rec_of(fx, E_APPRAISAL, "recorded_on", "2026-11-11", NULL), ok),
	        SC_CONFLICT, "recorded_on", NULL);
	update(fx, E_APPRAISAL, ok, "text", "Goed halfjaar", NULL);
	/* Another manager appraising Fleur is no mixing. */
	add(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->pieter), "period_from",
	    "2026-05-01", "period_to", "2026-10-31", "recorded_on", "2026-11-10", "rating", "3",
	    NULL);
}

static void test_days_are_counted_in_the_organisations_calendar(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	int64_t asg;

	manager_coaches_fleur(fx, &asg);
	/* 00:30 in Amsterdam on 11-20 is 23:30 UTC on 11-19: the local date counts. */
	add(fx, E_SESSION, "assignment", idt(asg), "kind", "one_to_one", "at", "2026-11-20T00:30",
	    "minutes", "60", "status", "held", NULL);
	add(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->marieke), "period_from",
	    "2026-05-01", "period_to", "2026-10-31", "recorded_on", "2026-11-17", "rating", "4",
	    NULL);
	expect_add_refused(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-22"), SC_CONFLICT,
	                   "recorded_on", NULL);
}

static void test_session_near_an_appraisal_by_the_coach_refused(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct sc_error err;
	int64_t asg;

	manager_coaches_fleur(fx, &asg);
	add(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->marieke), "period_from",
	    "2026-05-01", "period_to", "2026-10-31", "recorded_on", "2026-11-20", "rating", "4",
	    NULL);
	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", idt(asg), "kind", "one_to_one", "at",
	                          "2026-11-22T16:00", "minutes", "60", "status", "held", NULL),
	                   SC_CONFLICT, "at", &err);
	assert_non_null(strstr(err.message, "2026-11-20"));
	assert_non_null(strstr(err.message, "at least 3 days from 2026-11-20"));
	/* Planned sessions count as well; three days apart does not. */
	expect_add_refused(fx,
	                   rec_of(fx, E_SESSION, "assignment", idt(asg), "kind", "one_to_one", "at",
	                          "2026-11-18T09:00", "minutes", "60", NULL),
	                   SC_CONFLICT, "at", NULL);
	int64_t later = add(fx, E_SESSION, "assignment", idt(asg), "kind", "one_to_one", "at",
	                    "2026-11-23T09:00", "minutes", "60", "status", "held", NULL);
	expect_update_refused(fx,
	                      with_id(rec_of(fx, E_SESSION, "at", "2026-11-21T09:00", NULL), later),
	                      SC_CONFLICT, "at", NULL);
	/* A cancelled session is no coaching; held again, it is. */
	int64_t off = add(fx, E_SESSION, "assignment", idt(asg), "kind", "one_to_one", "at",
	                  "2026-11-19T09:00", "minutes", "60", "status", "cancelled", NULL);
	expect_update_refused(fx, with_id(rec_of(fx, E_SESSION, "status", "held", NULL), off),
	                      SC_CONFLICT, "at", NULL);
	update(fx, E_SESSION, later, "minutes", "45", "status", "held", NULL);
}

static void test_override_records_the_reason_and_audits_it(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct record_list rows = { 0 };
	char text[1100];
	int64_t asg;

	manager_coaches_fleur(fx, &asg);
	int64_t ap = add_overriding(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-11"),
	                            "HR's appraisal round fell in the same week");
	assert_string_equal(stored_text(fx, E_APPRAISAL, ap, "override_reason", text, sizeof(text)),
	                    "HR's appraisal round fell in the same week");
	/* The user is told what was overridden. */
	assert_non_null(strstr(fx->d.warning, "1 day apart"));
	audit_rows(fx, "appraisal", ap, &rows);
	assert_int_equal(rows.n, 1);
	assert_non_null(strstr(record_text(rows.items[0], "after"), "same week"));
	record_list_release(&rows);

	/* A session near it, overridden: the session keeps its own reason. */
	int64_t s = add_overriding(fx,
	                           rec_of(fx, E_SESSION, "assignment", idt(asg), "kind",
	                                  "one_to_one", "at", "2026-11-12T09:00", "minutes", "60",
	                                  "status", "held", NULL),
	                           "Deal review the customer asked for");
	assert_string_equal(stored_text(fx, E_SESSION, s, "override_reason", text, sizeof(text)),
	                    "Deal review the customer asked for");

	/* The reason stays on record: it cannot be cleared. */
	expect_update_refused(fx, with_id(rec_of(fx, E_APPRAISAL, "override_reason", "", NULL), ap),
	                      SC_INVALID, "override_reason", NULL);
	/* Set in the record itself (as the HTTP API does), it overrides the same way. */
	int64_t ap2 = add(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->marieke),
	                  "period_from", "2026-05-01", "period_to", "2026-10-31", "recorded_on",
	                  "2026-11-09", "rating", "3", "override_reason", "Second opinion", NULL);
	assert_string_equal(
	        stored_text(fx, E_APPRAISAL, ap2, "override_reason", text, sizeof(text)),
	        "Second opinion");
}

static void test_override_without_a_refusal_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct sc_error err;

	manager_coaches_fleur(fx, NULL);
	fx->d.override_reason = "Just in case";
	expect_add_refused(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-20"), SC_INVALID,
	                   "override_reason", &err);
	assert_non_null(strstr(err.message, "nothing to override"));
	expect_add_refused(
	        fx, rec_of(fx, E_PERSON, "name", "Kees Jansen", "email", "kees@example.com", NULL),
	        SC_INVALID, "override_reason", NULL);
	fx->d.override_reason = "   ";
	expect_add_refused(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-11"), SC_INVALID,
	                   "override_reason", NULL);
	fx->d.override_reason = NULL;
	expect_add_refused(fx,
	                   rec_of(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->marieke),
	                          "period_from", "2026-05-01", "period_to", "2026-10-31",
	                          "recorded_on", "2026-11-20", "rating", "4", "override_reason",
	                          "Habit", NULL),
	                   SC_INVALID, "override_reason", NULL);
}

static void test_mixing_in_other_models_is_accepted_with_a_warning(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	char text[1100];

	/* Pieter, senior coach of Joost (ride-along 2026-11-03), appraises him a day later. */
	int64_t ap = add(fx, E_APPRAISAL, "rep", idt(w->joost), "manager", idt(w->pieter),
	                 "period_from", "2026-05-01", "period_to", "2026-10-31", "recorded_on",
	                 "2026-11-04", "rating", "4", NULL);
	assert_non_null(strstr(fx->d.warning, "Pieter de Jong"));
	assert_non_null(strstr(fx->d.warning, "1 day apart"));
	assert_non_null(strstr(fx->d.warning, "at least 3 days"));
	assert_null(strstr(fx->d.warning, "--override"));
	assert_string_equal(stored_text(fx, E_APPRAISAL, ap, "override_reason", text, sizeof(text)),
	                    "(null)");
	/* Nothing was refused, so there is nothing to override. */
	fx->d.override_reason = "Pieter is also his team lead";
	expect_add_refused(fx, appraisal_on(fx, w->joost, w->pieter, "2026-11-05"), SC_INVALID,
	                   "override_reason", NULL);
	fx->d.override_reason = NULL;
	/* The warning belongs to the call that made it. */
	update(fx, E_PERSON, w->joost, "title", "Senior account manager", NULL);
	assert_string_equal(fx->d.warning, "");
}

/* A new rep of Marieke to assign. */
static int64_t new_rep(struct fixture *fx, const char *name, const char *email)
{
	return add(fx, E_PERSON, "name", name, "email", email, "superior", idt(fx->w.marieke),
	           NULL);
}

static struct record *assignment_of(struct fixture *fx, int64_t coach, int64_t coachee,
                                    const char *starts_on)
{
	return rec_of(fx, E_ASSIGNMENT, "programme", idt(fx->w.prog), "coach", idt(coach),
	              "coachee", idt(coachee), "starts_on", starts_on, NULL);
}

static void assess(struct fixture *fx, int64_t candidate, const char *on, const char *scores[4],
                   const char *decision)
{
	add(fx, E_ASSESSMENT, "candidate", idt(candidate), "assessor", idt(fx->w.marieke),
	    "assessed_on", on, "motivation", scores[0], "traits", scores[1], "ability", scores[2],
	    "track_record", scores[3], "decision", decision, NULL);
}

static void test_senior_coach_not_assessed_as_ready_refused(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct sc_error err;
	int64_t daan = new_rep(fx, "Daan Smits", "daan@example.com");
	int64_t c_fleur = add(fx, E_COACH, "person", idt(w->fleur), "kind", "senior", NULL);

	expect_add_refused(fx, assignment_of(fx, c_fleur, daan, "2026-07-01"), SC_CONFLICT, "coach",
	                   &err);
	assert_non_null(strstr(err.message, "Fleur Visser"));
	assert_non_null(strstr(err.message, "without a readiness assessment"));
	assert_true(err.overridable);
	/* One criterion below 3 fails, whatever the mean and the decision. */
	assess(fx, w->fleur, "2026-04-01", (const char *[]){ "5", "2", "5", "5" }, "ready");
	expect_add_refused(fx, assignment_of(fx, c_fleur, daan, "2026-07-01"), SC_CONFLICT, "coach",
	                   &err);
	assert_non_null(strstr(err.message, "2026-04-01"));
	assert_non_null(strstr(err.message, "lowest score 2"));
	/* A mean of 3.25 fails; exactly 3.5 (the default threshold) passes. */
	assess(fx, w->fleur, "2026-04-15", (const char *[]){ "3", "3", "3", "4" }, "ready");
	expect_add_refused(fx, assignment_of(fx, c_fleur, daan, "2026-07-01"), SC_CONFLICT, "coach",
	                   &err);
	assert_non_null(strstr(err.message, "mean 3.25"));
	assess(fx, w->fleur, "2026-05-01", (const char *[]){ "3", "4", "3", "4" }, "ready");
	int64_t asg = add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(c_fleur),
	                  "coachee", idt(daan), "starts_on", "2026-07-01", NULL);

	/* Paused, then re-assessed as not ready: making it active again is refused. */
	update(fx, E_ASSIGNMENT, asg, "status", "paused", NULL);
	assess(fx, w->fleur, "2026-09-01", (const char *[]){ "4", "4", "4", "4" }, "not_ready");
	expect_update_refused(fx, with_id(rec_of(fx, E_ASSIGNMENT, "status", "active", NULL), asg),
	                      SC_CONFLICT, "coach", &err);
	assert_non_null(strstr(err.message, "decision not ready"));
	struct record *again = with_id(rec_of(fx, E_ASSIGNMENT, "status", "active", NULL), asg);
	struct sc_error uerr;
	sc_error_init(&uerr);
	fx->d.override_reason = "Re-assessment planned after the training";
	assert_int_equal(domain_update(&fx->d, again, &uerr), SC_OK);
	fx->d.override_reason = NULL;
	record_free(&again);
	char text[1100];
	assert_string_equal(
	        stored_text(fx, E_ASSIGNMENT, asg, "override_reason", text, sizeof(text)),
	        "Re-assessment planned after the training");
	/* Other kinds of coach need no assessment. */
	add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(w->c_olga), "coachee",
	    idt(new_rep(fx, "Bas Dekker", "bas@example.com")), "starts_on", "2026-07-01", NULL);
}

static void test_coach_beyond_capacity_refused(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct sc_error err;
	int64_t r1 = new_rep(fx, "Anna Dijkstra", "anna@example.com");
	int64_t r2 = new_rep(fx, "Rob Veenstra", "rob@example.com");
	int64_t r3 = new_rep(fx, "Milan Bos", "milan@example.com");

	update(fx, E_COACH, w->c_olga, "capacity", "2", NULL);
	int64_t a1 = add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(w->c_olga),
	                 "coachee", idt(r1), "starts_on", "2026-07-01", NULL);
	add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(w->c_olga), "coachee",
	    idt(r2), "starts_on", "2026-07-01", NULL);
	/* Two of two: a third is refused, with the figures. */
	expect_add_refused(fx, assignment_of(fx, w->c_olga, r3, "2026-08-01"), SC_CONFLICT, "coach",
	                   &err);
	assert_non_null(strstr(err.message, "Olga Mulder coaches 2 active coachees, capacity 2"));
	/* An assignment that is not active takes no capacity ... */
	int64_t a3 = add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(w->c_olga),
	                 "coachee", idt(r3), "starts_on", "2026-08-01", "status", "paused", NULL);
	/* ... until it is made active again. */
	expect_update_refused(fx, with_id(rec_of(fx, E_ASSIGNMENT, "status", "active", NULL), a3),
	                      SC_CONFLICT, "coach", NULL);
	/* Once Anna's coaching ends, Milan fits from the next day on. */
	update(fx, E_ASSIGNMENT, a1, "ends_on", "2026-12-31", NULL);
	expect_update_refused(fx, with_id(rec_of(fx, E_ASSIGNMENT, "status", "active", NULL), a3),
	                      SC_CONFLICT, "coach", NULL);
	update(fx, E_ASSIGNMENT, a3, "starts_on", "2027-01-01", NULL);
	update(fx, E_ASSIGNMENT, a3, "status", "active", NULL);
	assert_string_equal(fx->d.warning, "");
}

static void test_over_capacity_with_an_override(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct record_list rows = { 0 };
	char text[1100];
	int64_t r1 = new_rep(fx, "Anna Dijkstra", "anna@example.com");
	int64_t r2 = new_rep(fx, "Rob Veenstra", "rob@example.com");

	update(fx, E_COACH, w->c_olga, "capacity", "1", NULL);
	add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(w->c_olga), "coachee",
	    idt(r1), "starts_on", "2026-07-01", NULL);
	int64_t a2 = add_overriding(fx, assignment_of(fx, w->c_olga, r2, "2026-07-01"),
	                            "Temporary, until the new coach starts in January");
	assert_string_equal(
	        stored_text(fx, E_ASSIGNMENT, a2, "override_reason", text, sizeof(text)),
	        "Temporary, until the new coach starts in January");
	assert_non_null(strstr(fx->d.warning, "coaches 1 active coachee, capacity 1"));
	audit_rows(fx, "assignment", a2, &rows);
	assert_int_equal(rows.n, 1);
	assert_non_null(strstr(record_text(rows.items[0], "after"), "until the new coach starts"));
	record_list_release(&rows);
}

static void test_prevention_messages_in_the_organisations_language(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct sc_error err;

	manager_coaches_fleur(fx, NULL);
	assert_int_equal(settings_set(fx->st, fx->org, "locale", "nl", &err), SC_OK);
	assert_int_equal(domain_init(&fx->d, fx->st, fx->org, &err), SC_OK);
	expect_add_refused(fx, appraisal_on(fx, w->fleur, w->marieke, "2026-11-11"), SC_CONFLICT,
	                   "recorded_on", &err);
	assert_non_null(strstr(err.message, "1 dag uit elkaar"));
	assert_true(err.overridable);
	/* The window is a setting. */
	assert_int_equal(settings_set(fx->st, fx->org, "mixing_window_days", "0", &err), SC_OK);
	add(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->marieke), "period_from",
	    "2026-05-01", "period_to", "2026-10-31", "recorded_on", "2026-11-11", "rating", "4",
	    NULL);
}

/* A review of manager by reviewer on 2026-11-20, as typed. */
static struct record *review_by(struct fixture *fx, int64_t manager, int64_t reviewer)
{
	return rec_of(fx, E_SUPERVISION, "manager", idt(manager), "reviewer", idt(reviewer),
	              "reviewed_on", "2026-11-20", NULL);
}

/*
 * Coach-the-coach is the reviewed manager's own superior's task: anyone else is refused as
 * invalid input naming who may review; an override keeps the reason and audits it.
 */
static void test_review_by_someone_else_refused(void **state)
{
	struct fixture *fx = *state;
	struct world *w = &fx->w;
	struct record_list rows = { 0 };
	struct sc_error err;
	char who[120], text[1100];

	/* Pieter's superior is Marieke; Olga is a colleague of his. */
	snprintf(who, sizeof(who), "Marieke Smit (person %lld, the superior)",
	         (long long)w->marieke);
	expect_add_refused(fx, review_by(fx, w->pieter, w->olga), SC_INVALID, "reviewer", &err);
	assert_non_null(strstr(err.message, "Olga"));
	assert_non_null(strstr(err.message, "may not review Pieter"));
	assert_non_null(strstr(err.message, who));
	assert_true(err.overridable);
	/* Marieke has no superior: the message says how to record one or name a reviewer. */
	expect_add_refused(fx, review_by(fx, w->marieke, w->pieter), SC_INVALID, "reviewer", &err);
	assert_non_null(strstr(err.message, "Marieke Smit has no superior"));
	assert_non_null(strstr(err.message, "org set supervision_reviewer"));

	int64_t r = add_overriding(fx, review_by(fx, w->pieter, w->olga), "Marieke on leave");
	assert_string_equal(
	        stored_text(fx, E_SUPERVISION, r, "override_reason", text, sizeof(text)),
	        "Marieke on leave");
	assert_non_null(strstr(fx->d.warning, "may not review"));
	audit_rows(fx, "supervision", r, &rows);
	assert_int_equal(rows.n, 1);
	assert_non_null(strstr(record_text(rows.items[0], "after"), "Marieke on leave"));
	record_list_release(&rows);
	/* Its notes may change without a new refusal; the superior herself is never refused. */
	update(fx, E_SUPERVISION, r, "notes", "Cadence and questions discussed", NULL);
	add(fx, E_SUPERVISION, "manager", idt(w->pieter), "reviewer", idt(w->marieke), NULL);
	assert_string_equal(fx->d.warning, "");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_appraisal_near_a_session_of_the_same_manager_coach_refused),
		T(test_days_are_counted_in_the_organisations_calendar),
		T(test_session_near_an_appraisal_by_the_coach_refused),
		T(test_override_records_the_reason_and_audits_it),
		T(test_override_without_a_refusal_is_refused),
		T(test_mixing_in_other_models_is_accepted_with_a_warning),
		T(test_senior_coach_not_assessed_as_ready_refused),
		T(test_coach_beyond_capacity_refused),
		T(test_over_capacity_with_an_override),
		T(test_prevention_messages_in_the_organisations_language),
		T(test_review_by_someone_else_refused),
	};

	/* The tests' dates are written around this day. */
	setenv("SALESCOACH_NOW", NOW, 1);
	return cmocka_run_group_tests_name("domain_prevent", tests, NULL, NULL);
}
