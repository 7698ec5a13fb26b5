/*
 * test_domain_privacy.c - the audit log, who may read private coaching
 * content, and coaching kept apart from appraisal by construction
 * (domain_access.c, domain_read.c). The fixture is
 * tests/support/domain_fixture.h.
 */
#include "domain_fixture.h"

/* ---- audit -------------------------------------------------------------------------------- */

/* The audit rows of entity/id, oldest first, appended to *out. */
static void test_every_change_is_audited(void **state)
{
	struct fixture *fx = *state;
	struct record_list rows = { 0 };
	struct sc_error err;
	int64_t kees;

	kees = add(fx, E_PERSON, "name", "Kees Jansen", "email", "kees@example.com", "title",
	           "Trainee", NULL);
	/* People are kept by administrators: marieke becomes one. */
	int64_t account = 0;
	assert_int_equal(account_global_init(&err), SC_OK);
	assert_int_equal(
	        account_set(&fx->d, fx->w.marieke, "admin", "a long password", &account, &err),
	        SC_OK);
	act_as(fx, "marieke@example.com");
	update(fx, E_PERSON, kees, "title", "Account manager", NULL);
	act_as_admin(fx);
	assert_int_equal(domain_remove(&fx->d, entity_get(E_PERSON), kees, &err), SC_OK);

	audit_rows(fx, "person", kees, &rows);
	assert_int_equal(rows.n, 3);
	const struct record *a = rows.items[0], *u = rows.items[1], *r = rows.items[2];
	assert_string_equal(record_text(a, "action"), "add");
	assert_string_equal(record_text(a, "actor"), "local administrator");
	assert_string_equal(record_text(a, "at"), NOW);
	assert_false(record_is_set(a, "before"));
	assert_non_null(strstr(record_text(a, "after"), "Trainee"));

	assert_string_equal(record_text(u, "action"), "update");
	assert_string_equal(record_text(u, "actor"), "marieke@example.com");
	assert_non_null(strstr(record_text(u, "before"), "Trainee"));
	assert_non_null(strstr(record_text(u, "after"), "Account manager"));
	assert_null(strstr(record_text(u, "after"), "Trainee"));

	assert_string_equal(record_text(r, "action"), "remove");
	assert_non_null(strstr(record_text(r, "before"), "Account manager"));
	assert_false(record_is_set(r, "after"));
	record_list_release(&rows);

	/* The audit log is written by salescoach only. */
	struct record *forged = record_new(entity_get(E_AUDIT));
	assert_int_equal(record_put_text(forged, "actor", "someone"), SC_OK);
	sc_error_init(&err);
	assert_int_equal(domain_add(&fx->d, forged, &err), SC_FORBIDDEN);
	record_free(&forged);
	int64_t first = 0;
	audit_rows(fx, "person", fx->w.joost, &rows);
	assert_int_equal(rows.n, 1);
	first = rows.items[0]->id;
	record_list_release(&rows);
	sc_error_init(&err);
	assert_int_equal(domain_remove(&fx->d, entity_get(E_AUDIT), first, &err), SC_FORBIDDEN);
}

/* True when some audit row's before or after contains s. */
static bool audit_mentions(struct fixture *fx, const char *s)
{
	struct record_list rows = { 0 };
	struct sc_error err;
	bool found = false;

	assert_int_equal(store_list(fx->st, fx->org, entity_get(E_AUDIT), NULL, &rows, &err),
	                 SC_OK);
	for (size_t i = 0; i < rows.n; i++) {
		const char *b = record_text(rows.items[i], "before");
		const char *a = record_text(rows.items[i], "after");
		found |= (b && strstr(b, s)) || (a && strstr(a, s));
	}
	record_list_release(&rows);
	return found;
}

static void test_audit_never_holds_private_content(void **state)
{
	struct fixture *fx = *state;
	struct record_list rows = { 0 };
	struct sc_error err;
	int64_t plan, action;

	add(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "closing", "strengths",
	    "Strong close at Hoogland", "improvement", "Pause after the price", NULL);
	action = add(fx, E_ACTION, "assignment", idt(fx->w.asg), "owner", idt(fx->w.joost), "text",
	             "Practise silence after the price", "due_on", "2026-12-05", NULL);
	plan = add(fx, E_PLAN, "assignment", idt(fx->w.asg), "goals", "Hold price in renewals",
	           "skills", "negotiating", NULL);
	add(fx, E_SELF_ASSESSMENT, "plan", idt(plan), "skill", "negotiating", "score", "2", NULL);
	update(fx, E_SESSION, fx->w.ride, "notes", "A second, equally private note", NULL);
	update(fx, E_ACTION, action, "text", "Practise silence twice", NULL);

	static const char *const secrets[] = {
		SECRET_AGENDA,      SECRET_NOTES,
		SECRET_FOLLOW_UP,   "A second, equally private note",
		"Strong close",     "Pause after the price",
		"Practise silence", "Hold price in renewals",
	};
	for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		if (audit_mentions(fx, secrets[i]))
			fail_msg("the audit log holds private content: '%s'", secrets[i]);

	/* The change itself is recorded, with the private fields marked. */
	audit_rows(fx, "session", fx->w.ride, &rows);
	assert_int_equal(rows.n, 2);
	assert_non_null(strstr(record_text(rows.items[0], "after"), "\"notes\":\"[private]\""));
	assert_non_null(strstr(record_text(rows.items[0], "after"), "\"agenda\":\"[private]\""));
	assert_non_null(strstr(record_text(rows.items[0], "after"), "Hoogland Logistiek"));
	assert_non_null(strstr(record_text(rows.items[1], "before"), "\"notes\":\"[private]\""));
	record_list_release(&rows);

	assert_int_equal(domain_remove(&fx->d, entity_get(E_ACTION), action, &err), SC_OK);
	assert_false(audit_mentions(fx, "Practise silence"));
}

static void test_removing_a_session_audits_its_observations(void **state)
{
	struct fixture *fx = *state;
	struct record_list rows = { 0 };
	struct sc_error err;
	int64_t obs = add(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "closing",
	                  "strengths", "Strong close at Hoogland", NULL);

	assert_int_equal(domain_remove(&fx->d, entity_get(E_SESSION), fx->w.ride, &err), SC_OK);
	audit_rows(fx, "observation", obs, &rows);
	size_t n = rows.n;
	bool removed = n == 2 && strcmp(record_text(rows.items[1], "action"), "remove") == 0;
	record_list_release(&rows);
	if (!removed)
		fail_msg("the observation went with its session, but the audit log shows %zu "
		         "row(s) for it and no removal",
		         n);
}

/* ---- privacy ------------------------------------------------------------------------------ */

static int64_t accesses(struct fixture *fx)
{
	return count(fx, E_ACCESS);
}

/* Read the ride-along as the current actor; expect its private fields hidden or shown. */
static void expect_ride_along(struct fixture *fx, bool shown)
{
	struct record *got = NULL;
	struct sc_error err;
	static const char *const priv[] = { "agenda", "notes", "follow_up" };

	sc_error_init(&err);
	if (domain_get(&fx->d, entity_get(E_SESSION), fx->w.ride, &got, &err) != SC_OK)
		fail_msg("reading the ride-along as %s: %s", fx->d.actor.name, err.message);
	/* What everyone may see. */
	bool plain = record_int(got, "minutes") == 90 && record_is_set(got, "at") &&
	             record_is_set(got, "customer") && record_is_set(got, "skills");
	int absent = 0;
	for (size_t i = 0; i < 3; i++)
		absent += got->v[entity_field(got->def, priv[i])].state == V_ABSENT;
	bool notes_ok = !shown || (record_text(got, "notes") &&
	                           strcmp(record_text(got, "notes"), SECRET_NOTES) == 0);
	record_free(&got);
	assert_true(plain);
	if (shown && absent)
		fail_msg("%s should read the private fields but %d are hidden", fx->d.actor.name,
		         absent);
	if (!shown && absent != 3)
		fail_msg("%s reads %d private field(s) of someone else's coaching",
		         fx->d.actor.name, 3 - absent);
	assert_true(notes_ok);
}

static void test_admin_reads_no_private_content(void **state)
{
	struct fixture *fx = *state;
	int64_t before = accesses(fx);

	expect_ride_along(fx, false);
	assert_int_equal(accesses(fx), before);
}

static void test_coachees_manager_who_is_not_the_coach_reads_no_private_content(void **state)
{
	struct fixture *fx = *state;
	int64_t before = accesses(fx);

	act_as(fx, "marieke@example.com");
	expect_ride_along(fx, false);
	assert_int_equal(accesses(fx), before);
}

static void test_another_coach_reads_no_private_content(void **state)
{
	struct fixture *fx = *state;
	int64_t before = accesses(fx);

	/* Another coach does not even find the session: it is none of theirs. */
	struct record *got = NULL;
	struct sc_error err;
	act_as(fx, "olga@example.com");
	assert_int_equal(domain_get(&fx->d, entity_get(E_SESSION), fx->w.ride, &got, &err),
	                 SC_NOT_FOUND);
	assert_null(got);
	assert_int_equal(accesses(fx), before);
}

static void test_coach_reads_private_content_and_it_is_logged(void **state)
{
	struct fixture *fx = *state;
	struct record_list rows = { 0 };
	struct sc_error err;
	int64_t before = accesses(fx);

	act_as(fx, "pieter@example.com");
	expect_ride_along(fx, true);
	assert_int_equal(accesses(fx), before + 1);

	assert_int_equal(store_list(fx->st, fx->org, entity_get(E_ACCESS), NULL, &rows, &err),
	                 SC_OK);
	const struct record *log = rows.items[rows.n - 1];
	assert_int_equal(record_int(log, "reader"), fx->w.pieter);
	assert_string_equal(record_text(log, "reader_name"), "pieter@example.com");
	assert_int_equal(record_int(log, "subject"), fx->w.joost);
	assert_string_equal(record_text(log, "entity"), "session");
	assert_int_equal(record_int(log, "record_id"), fx->w.ride);
	assert_string_equal(record_text(log, "at"), NOW);
	const char *fields = record_text(log, "fields");
	bool named =
	        strstr(fields, "notes") && strstr(fields, "agenda") && strstr(fields, "follow_up");
	bool no_content = !strstr(fields, "Hoogland");
	record_list_release(&rows);
	assert_true(named);
	assert_true(no_content);
}

/* The access-log rows of reader's reads of record id of kind entity, oldest first, in *rows. */
static void reads_of(struct fixture *fx, int64_t reader, const char *entity, int64_t id,
                     struct record_list *rows)
{
	const struct entity_def *def = entity_get(E_ACCESS);
	struct filter f[3] = { { entity_field(def, "reader"), FO_EQ, reader, 0, NULL },
		               { entity_field(def, "entity"), FO_EQ, 0, 0, entity },
		               { entity_field(def, "record_id"), FO_EQ, id, 0, NULL } };
	struct list_opts lo = { f, 3, FILTER_ID, false, 0, 0 };
	struct sc_error err;
	assert_int_equal(store_list(fx->st, fx->org, def, &lo, rows, &err), SC_OK);
}

/* Row i of rows: its reads, first and last time and fields, as expected. */
static void expect_row(const struct record_list *rows, size_t i, int64_t reads, const char *at,
                       const char *last_at, const char *fields)
{
	if (i >= rows->n)
		fail_msg("%zu access-log row(s); expected row %zu", rows->n, i + 1);
	const struct record *r = rows->items[i];
	if (record_int(r, "reads") != reads || strcmp(record_text(r, "at"), at) != 0 ||
	    strcmp(record_text(r, "last_at"), last_at) != 0 ||
	    strcmp(record_text(r, "fields"), fields) != 0)
		fail_msg(
		        "access-log row %zu: %lld read(s) of %s from %s to %s; expected %lld of %s "
		        "from %s to %s",
		        i + 1, (long long)record_int(r, "reads"), record_text(r, "fields"),
		        record_text(r, "at"), record_text(r, "last_at"), (long long)reads, fields,
		        at, last_at);
}

static void test_repeated_reads_are_one_row_an_hour_with_their_count(void **state)
{
	struct fixture *fx = *state;
	struct record_list rows = { 0 };
	struct sc_error err;
	int64_t before = accesses(fx);
	static const char *const all = "agenda,notes,follow_up";

	act_as(fx, "pieter@example.com");
	for (int i = 0; i < 50; i++)
		expect_ride_along(fx, true);
	assert_int_equal(accesses(fx), before + 1);
	reads_of(fx, fx->w.pieter, "session", fx->w.ride, &rows);
	assert_int_equal(rows.n, 1);
	expect_row(&rows, 0, 50, NOW, NOW, all);
	assert_int_equal(record_int(rows.items[0], "subject"), fx->w.joost);
	record_list_release(&rows);

	/* Within the hour of the first read, the same row; an hour after it, a new one. */
	setenv("SALESCOACH_NOW", "2026-11-28T12:59:59Z", 1);
	expect_ride_along(fx, true);
	setenv("SALESCOACH_NOW", "2026-11-28T13:00:00Z", 1);
	expect_ride_along(fx, true);
	expect_ride_along(fx, true);
	reads_of(fx, fx->w.pieter, "session", fx->w.ride, &rows);
	assert_int_equal(rows.n, 2);
	expect_row(&rows, 0, 51, NOW, "2026-11-28T12:59:59Z", all);
	expect_row(&rows, 1, 2, "2026-11-28T13:00:00Z", "2026-11-28T13:00:00Z", all);
	record_list_release(&rows);

	/* Other fields of the same record: a row of their own. */
	act_as_admin(fx);
	struct record *change = record_new(entity_get(E_SESSION));
	change->id = fx->w.ride;
	record_set_null(change, entity_field(change->def, "follow_up"));
	assert_int_equal(domain_update(&fx->d, change, &err), SC_OK);
	record_free(&change);
	act_as(fx, "pieter@example.com");
	struct record *got = NULL;
	assert_int_equal(domain_get(&fx->d, entity_get(E_SESSION), fx->w.ride, &got, &err), SC_OK);
	record_free(&got);
	reads_of(fx, fx->w.pieter, "session", fx->w.ride, &rows);
	assert_int_equal(rows.n, 3);
	expect_row(&rows, 1, 2, "2026-11-28T13:00:00Z", "2026-11-28T13:00:00Z", all);
	expect_row(&rows, 2, 1, "2026-11-28T13:00:00Z", "2026-11-28T13:00:00Z", "agenda,notes");
	record_list_release(&rows);

	/* Another record, read in a list: a row of its own too. */
	int64_t obs = add(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "closing",
	                  "strengths", "Strong close", NULL);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(domain_list(&fx->d, entity_get(E_OBSERVATION), NULL, &rows, &err),
		                 SC_OK);
		record_list_release(&rows);
	}
	reads_of(fx, fx->w.pieter, "observation", obs, &rows);
	assert_int_equal(rows.n, 1);
	expect_row(&rows, 0, 3, "2026-11-28T13:00:00Z", "2026-11-28T13:00:00Z", "strengths");
	record_list_release(&rows);
	assert_int_equal(accesses(fx), before + 4);
	setenv("SALESCOACH_NOW", NOW, 1);
}

static void test_coachee_reads_own_private_content(void **state)
{
	struct fixture *fx = *state;

	act_as(fx, "joost@example.com");
	expect_ride_along(fx, true);
}

static void test_lists_hide_private_content_too(void **state)
{
	struct fixture *fx = *state;
	struct record_list list = { 0 };
	struct sc_error err;
	int64_t before;

	add(fx, E_OBSERVATION, "session", idt(fx->w.ride), "skill", "closing", "strengths",
	    "Strong close", NULL);
	add(fx, E_ACTION, "assignment", idt(fx->w.asg), "owner", idt(fx->w.joost), "text",
	    "Practise silence", "due_on", "2026-12-05", NULL);
	add(fx, E_PLAN, "assignment", idt(fx->w.asg), "goals", "Hold price", NULL);
	before = accesses(fx);

	static const enum entity_kind kinds[] = { E_SESSION, E_OBSERVATION, E_ACTION, E_PLAN };
	static const char *const who[] = { NULL, "marieke@example.com", "olga@example.com" };
	for (size_t a = 0; a < 3; a++) {
		if (who[a])
			act_as(fx, who[a]);
		for (size_t k = 0; k < 4; k++) {
			const struct entity_def *def = entity_get(kinds[k]);
			int shown = 0;
			assert_int_equal(domain_list(&fx->d, def, NULL, &list, &err), SC_OK);
			/*
			 * The local administrator lists every record; the coachee's manager the
			 * sessions only (the rest is private content only); another coach none.
			 */
			size_t expect = a == 0 || (a == 1 && kinds[k] == E_SESSION) ? 1 : 0;
			if (expect)
				assert_true(list.n >= 1);
			else
				assert_int_equal(list.n, 0);
			for (size_t r = 0; r < list.n; r++)
				for (size_t i = 0; i < def->nfields; i++)
					shown += (def->fields[i].flags & FF_PRIVATE) &&
					         list.items[r]->v[i].state != V_ABSENT;
			record_list_release(&list);
			if (shown)
				fail_msg("%s lists %d private value(s) of %s", fx->d.actor.name,
				         shown, def->plural);
		}
	}
	assert_int_equal(accesses(fx), before);
}

static void test_filter_on_private_content_reveals_nothing(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *def = entity_get(E_SESSION);
	struct record_list hit = { 0 }, miss = { 0 };
	struct sc_error err;
	enum sc_result rc_hit, rc_miss;
	struct filter f = { entity_field(def, "notes"), FO_EQ, 0, 0, SECRET_NOTES };
	struct list_opts o = { &f, 1, FILTER_ID, false, 0, 0 };

	/* Whether the guess is right must not show in what the administrator gets back. */
	rc_hit = domain_list(&fx->d, def, &o, &hit, &err);
	f.s = "a wrong guess";
	rc_miss = domain_list(&fx->d, def, &o, &miss, &err);
	size_t nhit = hit.n, nmiss = miss.n;
	record_list_release(&hit);
	record_list_release(&miss);
	assert_int_equal(rc_hit, rc_miss);
	if (rc_hit == SC_OK && nhit != nmiss)
		fail_msg("filtering sessions on their notes tells the administrator what the notes "
		         "say (%zu row(s) for the right guess, %zu for a wrong one)",
		         nhit, nmiss);
}

static void test_new_coach_cannot_read_the_previous_coachs_sessions(void **state)
{
	struct fixture *fx = *state;
	struct record *change = rec_of(fx, E_ASSIGNMENT, "coach", idt(fx->w.c_olga), NULL);
	struct sc_error err;
	enum sc_result rc;

	/* The relationship was Pieter's and Joost's; Olga was not in it. */
	change->id = fx->w.asg;
	sc_error_init(&err);
	rc = domain_update(&fx->d, change, &err);
	record_free(&change);
	if (rc != SC_OK)
		return; /* refusing to hand the relationship over keeps it private too */
	act_as(fx, "olga@example.com");
	expect_ride_along(fx, false);
}

static void test_acting_as_unknown_or_inactive_person_refused(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	sc_error_init(&err);
	assert_int_equal(domain_act_as(&fx->d, "nobody@example.com", &err), SC_INVALID);
	assert_non_null(strstr(err.message, "nobody@example.com"));
	assert_int_equal(fx->d.actor.person_id, 0);
	update(fx, E_PERSON, fx->w.fleur, "active", "false", NULL);
	sc_error_init(&err);
	assert_int_equal(domain_act_as(&fx->d, "fleur@example.com", &err), SC_FORBIDDEN);
	assert_int_equal(fx->d.actor.person_id, 0);
	/* Capitals do not matter. */
	act_as(fx, "Pieter@Example.com");
	assert_int_equal(fx->d.actor.person_id, fx->w.pieter);
}

/* ---- separation of coaching and appraisal, by construction -------------------------------- */

static bool is_coaching_content(enum entity_kind k)
{
	return k == E_SESSION || k == E_ASSIGNMENT || k == E_PLAN || k == E_ACTION ||
	       k == E_OBSERVATION || k == E_SELF_ASSESSMENT;
}

static void test_appraisal_cannot_reach_coaching_content(void **state)
{
	const struct entity_def *def = entity_get(E_APPRAISAL);

	(void)state;
	assert_false(entity_has_private(def));
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		if (f->type == FT_REF && is_coaching_content(f->ref))
			fail_msg("appraisal field %s refers to a %s", f->name,
			         entity_get(f->ref)->name);
		if (f->flags & FF_PRIVATE)
			fail_msg("appraisal field %s holds private coaching content", f->name);
		assert_int_not_equal(f->type, FT_SKILLS);
	}
	/* Nor does coaching content point at appraisals. */
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *e = entity_get((enum entity_kind)k);
		for (size_t i = 0; i < e->nfields; i++)
			if (e->fields[i].type == FT_REF && e->fields[i].ref == E_APPRAISAL)
				fail_msg("%s field %s refers to an appraisal", e->name,
				         e->fields[i].name);
	}
}

static void test_session_does_not_rate_the_coachee(void **state)
{
	static const char *const judging[] = { "rating", "score", "grade", "perform", "apprais" };
	const struct entity_def *def = entity_get(E_SESSION);

	(void)state;
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		for (size_t j = 0; j < sizeof(judging) / sizeof(judging[0]); j++)
			if (strstr(f->name, judging[j]))
				fail_msg("session field %s judges the coachee", f->name);
		if (f->type == FT_REF && (f->ref == E_APPRAISAL || f->ref == E_ASSESSMENT))
			fail_msg("session field %s refers to an evaluation", f->name);
		/* The one 1-5 scale is the coachee's feedback about the coaching. */
		if ((f->type == FT_INT || f->type == FT_REAL) && f->max <= 10)
			assert_string_equal(f->name, "feedback");
	}
	int fb = entity_field(def, "feedback");
	assert_true(fb >= 0);
	assert_non_null(strstr(def->fields[fb].help, "never a rating of the coachee"));
}

static void test_every_private_field_belongs_to_a_relationship(void **state)
{
	(void)state;
	/* Private content is only where a coach and a coachee can be found for it. */
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *e = entity_get((enum entity_kind)k);
		if (entity_has_private(e) && !is_coaching_content(e->kind))
			fail_msg("%s has private fields but no coaching relationship", e->name);
	}
	assert_true(entity_has_private(entity_get(E_SESSION)));
	assert_true(entity_has_private(entity_get(E_OBSERVATION)));
	assert_true(entity_has_private(entity_get(E_ACTION)));
	assert_true(entity_has_private(entity_get(E_PLAN)));
	assert_true(entity_has_private(entity_get(E_SELF_ASSESSMENT)));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_every_change_is_audited),
		T(test_audit_never_holds_private_content),
		T(test_removing_a_session_audits_its_observations),
		T(test_admin_reads_no_private_content),
		T(test_coachees_manager_who_is_not_the_coach_reads_no_private_content),
		T(test_another_coach_reads_no_private_content),
		T(test_coach_reads_private_content_and_it_is_logged),
		T(test_repeated_reads_are_one_row_an_hour_with_their_count),
		T(test_coachee_reads_own_private_content),
		T(test_lists_hide_private_content_too),
		T(test_filter_on_private_content_reveals_nothing),
		T(test_new_coach_cannot_read_the_previous_coachs_sessions),
		T(test_acting_as_unknown_or_inactive_person_refused),
		cmocka_unit_test(test_appraisal_cannot_reach_coaching_content),
		cmocka_unit_test(test_session_does_not_rate_the_coachee),
		cmocka_unit_test(test_every_private_field_belongs_to_a_relationship),
	};

	/* The tests' dates are written around this day. */
	setenv("SALESCOACH_NOW", NOW, 1);
	return cmocka_run_group_tests_name("domain_privacy", tests, NULL, NULL);
}
