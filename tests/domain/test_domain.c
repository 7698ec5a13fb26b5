/*
 * test_domain.c - the rules that hold through every door (domain.h): what
 * a valid record is, references, what blocks a removal, the audit log, and
 * who may read private coaching content.
 *
 * Every refusal is also checked to leave the database exactly as it was:
 * the whole database is dumped before and after and compared.
 *
 * The world of most tests: Marieke manages team Noord; its senior-coaching
 * programme runs 2026-06-01..2027-05-31; Pieter (a senior rep) coaches Joost;
 * Olga is another coach; Fleur is another rep of Marieke. Marieke assessed
 * Pieter as ready to coach on 2026-05-20. Pieter held a
 * ride-along with Joost on 2026-11-03 whose agenda, notes and follow-up are
 * private. Today is 2026-11-28 (SALESCOACH_NOW).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/account.h"
#include "domain/domain.h"
#include "model/entity.h"
#include "domain/org.h"
#include "model/recjson.h"
#include "model/record.h"
#include "domain/settings.h"
#include "store/store.h"

#define NOW "2026-11-28T12:00:00Z"

#define SECRET_AGENDA    "Joost wants to rehearse the price talk"
#define SECRET_NOTES     "Joost freezes when Hoogland asks for a discount"
#define SECRET_FOLLOW_UP "Role-play three discount requests before Friday"

struct world {
	int64_t marieke, pieter, olga, joost, fleur; /* people */
	int64_t team, prog;
	int64_t c_pieter, c_olga; /* coach profiles */
	int64_t asg;              /* Pieter coaches Joost */
	int64_t ride;             /* the held ride-along */
};

struct fixture {
	struct store *st;
	int64_t org;
	struct domain d;
	struct world w;
};

/* ---- building records as a user types them ------------------------------------------------ */

/* A record of kind from "field", "text" pairs ended by NULL, each parsed by the domain. */
static struct record *vrec_of(struct fixture *fx, enum entity_kind kind, va_list ap)
{
	const struct entity_def *def = entity_get(kind);
	struct record *rec = record_new(def);
	const char *name, *text;

	assert_non_null(rec);
	while ((name = va_arg(ap, const char *))) {
		struct sc_error err;
		int i = entity_field(def, name);
		text = va_arg(ap, const char *);
		if (i < 0) {
			record_free(&rec);
			fail_msg("%s has no field %s", def->name, name);
		}
		sc_error_init(&err);
		if (domain_parse(&fx->d, rec, i, text, &err) != SC_OK) {
			record_free(&rec);
			fail_msg("%s %s '%s' refused: %s", def->name, name, text, err.message);
		}
	}
	return rec;
}

static struct record *rec_of(struct fixture *fx, enum entity_kind kind, ...)
{
	va_list ap;
	struct record *rec;

	va_start(ap, kind);
	rec = vrec_of(fx, kind, ap);
	va_end(ap);
	return rec;
}

/* Add a record of kind from field/text pairs; the test fails when it is refused. */
static int64_t add(struct fixture *fx, enum entity_kind kind, ...)
{
	va_list ap;
	struct record *rec;
	struct sc_error err;
	enum sc_result rc;
	int64_t id;

	va_start(ap, kind);
	rec = vrec_of(fx, kind, ap);
	va_end(ap);
	sc_error_init(&err);
	rc = domain_add(&fx->d, rec, &err);
	id = rec->id;
	record_free(&rec);
	if (rc != SC_OK)
		fail_msg("adding a %s was refused: %s", entity_get(kind)->name, err.message);
	assert_true(id > 0);
	return id;
}

/* Change record id of kind to the field/text pairs; the test fails when refused. */
static void update(struct fixture *fx, enum entity_kind kind, int64_t id, ...)
{
	va_list ap;
	struct record *rec;
	struct sc_error err;
	enum sc_result rc;

	va_start(ap, id);
	rec = vrec_of(fx, kind, ap);
	va_end(ap);
	rec->id = id;
	sc_error_init(&err);
	rc = domain_update(&fx->d, rec, &err);
	record_free(&rec);
	if (rc != SC_OK)
		fail_msg("changing %s %lld was refused: %s", entity_get(kind)->name, (long long)id,
		         err.message);
}

static char id_text[8][24];

/* An id as the text a user would type (a few at a time). */
static const char *idt(int64_t id)
{
	static int next;
	char *s = id_text[next++ % 8];
	snprintf(s, sizeof(id_text[0]), "%lld", (long long)id);
	return s;
}

/* ---- the database before and after -------------------------------------------------------- */

/* Every record of the organisation as text, private content included. Returns owned. */
static char *db_dump(struct fixture *fx)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		struct record_list list = { 0 };
		struct sc_error err;
		assert_int_equal(store_list(fx->st, fx->org, def, NULL, &list, &err), SC_OK);
		for (size_t i = 0; i < list.n; i++) {
			json_t *obj = recjson_object(list.items[i], RJ_SHOW);
			char *s = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
			fprintf(f, "%s %s\n", def->name, s ? s : "?");
			free(s);
			json_decref(obj);
		}
		record_list_release(&list);
	}
	fclose(f);
	return buf;
}

static int64_t count(struct fixture *fx, enum entity_kind kind)
{
	struct sc_error err;
	int64_t n = -1;

	assert_int_equal(store_count(fx->st, fx->org, entity_get(kind), NULL, 0, &n, &err), SC_OK);
	return n;
}

/* Check a refusal: code and field as expected, a message, nothing changed. */
static void check_refusal(const char *what, enum sc_result rc, const struct sc_error *err,
                          enum sc_result code, const char *field, char *before, char *after)
{
	bool same = strcmp(before, after) == 0;

	free(before);
	free(after);
	if (rc != code)
		fail_msg("%s: expected '%s', got '%s' (field '%s': %s)", what, sc_result_name(code),
		         sc_result_name(rc), err->field, err->message);
	if (strcmp(err->field, field) != 0)
		fail_msg("%s: the error names field '%s', expected '%s' (%s)", what, err->field,
		         field, err->message);
	if (!err->message[0])
		fail_msg("%s: the refusal has no message", what);
	if (!same)
		fail_msg("%s: the database changed although the change was refused", what);
}

/* domain_add of rec (taken) is refused with code, naming field; nothing changes. */
static void expect_add_refused(struct fixture *fx, struct record *rec, enum sc_result code,
                               const char *field, struct sc_error *out)
{
	struct sc_error err;
	char *before = db_dump(fx);
	enum sc_result rc;
	int64_t id;
	char what[128];

	sc_error_init(&err);
	rc = domain_add(&fx->d, rec, &err);
	id = rec->id;
	snprintf(what, sizeof(what), "adding a %s", rec->def->name);
	record_free(&rec);
	if (out)
		*out = err;
	check_refusal(what, rc, &err, code, field, before, db_dump(fx));
	assert_int_equal(id, 0);
}

/* domain_update of rec (taken) is refused with code, naming field; nothing changes. */
static void expect_update_refused(struct fixture *fx, struct record *rec, enum sc_result code,
                                  const char *field, struct sc_error *out)
{
	struct sc_error err;
	char *before = db_dump(fx);
	enum sc_result rc;
	char what[128];

	sc_error_init(&err);
	rc = domain_update(&fx->d, rec, &err);
	snprintf(what, sizeof(what), "changing %s %lld", rec->def->name, (long long)rec->id);
	record_free(&rec);
	if (out)
		*out = err;
	check_refusal(what, rc, &err, code, field, before, db_dump(fx));
}

/* rec with its id set to id: the record an update changes. */
static struct record *with_id(struct record *rec, int64_t id)
{
	rec->id = id;
	return rec;
}

/* domain_parse of text into field of kind is refused, naming the field. */
static void expect_parse_refused(struct fixture *fx, enum entity_kind kind, const char *field,
                                 const char *text)
{
	const struct entity_def *def = entity_get(kind);
	struct record *rec = record_new(def);
	struct sc_error err;
	enum sc_result rc;
	enum value_state state;

	sc_error_init(&err);
	rc = domain_parse(&fx->d, rec, entity_field(def, field), text, &err);
	state = rec->v[entity_field(def, field)].state;
	record_free(&rec);
	if (rc != SC_INVALID)
		fail_msg("%s %s '%s' was accepted", def->name, field, text);
	assert_string_equal(err.field, field);
	assert_non_null(strstr(err.message, field));
	assert_int_equal(state, V_ABSENT);
}

/* ---- fixture ------------------------------------------------------------------------------ */

static void build_world(struct fixture *fx)
{
	struct world *w = &fx->w;

	w->marieke = add(fx, E_PERSON, "name", "Marieke Smit", "email", "marieke@example.com",
	                 "title", "Sales manager", NULL);
	w->pieter = add(fx, E_PERSON, "name", "Pieter de Jong", "email", "pieter@example.com",
	                "title", "Senior account manager", "superior", idt(w->marieke), NULL);
	w->olga = add(fx, E_PERSON, "name", "Olga Mulder", "email", "olga@example.com", "title",
	              "Sales coach", NULL);
	w->joost = add(fx, E_PERSON, "name", "Joost Bakker", "email", "joost@example.com", "title",
	               "Account manager", "superior", idt(w->marieke), NULL);
	w->fleur = add(fx, E_PERSON, "name", "Fleur Visser", "email", "fleur@example.com", "title",
	               "Account manager", "superior", idt(w->marieke), NULL);
	w->team = add(fx, E_TEAM, "name", "Team Noord", "manager", idt(w->marieke), NULL);
	w->prog = add(fx, E_PROGRAMME, "team", idt(w->team), "model", "senior", "starts_on",
	              "2026-06-01", "ends_on", "2027-05-31", NULL);
	w->c_pieter = add(fx, E_COACH, "person", idt(w->pieter), "kind", "senior", NULL);
	w->c_olga = add(fx, E_COACH, "person", idt(w->olga), "kind", "internal", NULL);
	/* A senior coaches only once assessed as ready (domain.h, prevention at input). */
	add(fx, E_ASSESSMENT, "candidate", idt(w->pieter), "assessor", idt(w->marieke),
	    "assessed_on", "2026-05-20", "motivation", "4", "traits", "4", "ability", "4",
	    "track_record", "5", "decision", "ready", NULL);
	w->asg = add(fx, E_ASSIGNMENT, "programme", idt(w->prog), "coach", idt(w->c_pieter),
	             "coachee", idt(w->joost), "starts_on", "2026-06-01", NULL);
	w->ride = add(fx, E_SESSION, "assignment", idt(w->asg), "kind", "ride_along", "at",
	              "2026-11-03T10:00", "minutes", "90", "status", "held", "agenda",
	              SECRET_AGENDA, "notes", SECRET_NOTES, "skills", "presenting_value,closing",
	              "customer", "Hoogland Logistiek", "stage", "proposal", "role", "observer",
	              "follow_up", SECRET_FOLLOW_UP, NULL);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;

	if (!fx)
		return -1;
	if (store_open_sqlite(":memory:", &fx->st, &err) ||
	    org_create(fx->st, "Van Dijk Kantoorsystemen", NULL, NULL, NULL, &fx->org, &err) ||
	    domain_init(&fx->d, fx->st, fx->org, &err)) {
		store_close(&fx->st);
		free(fx);
		return -1;
	}
	*state = fx;
	build_world(fx);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	setenv("SALESCOACH_NOW", NOW, 1); /* a test that moved the clock and failed */
	store_close(&fx->st);
	free(fx);
	return 0;
}

static void act_as(struct fixture *fx, const char *email)
{
	struct sc_error err;

	sc_error_init(&err);
	if (domain_act_as(&fx->d, email, &err) != SC_OK)
		fail_msg("cannot act as %s: %s", email, err.message);
}

static void act_as_admin(struct fixture *fx)
{
	struct sc_error err;

	assert_int_equal(domain_init(&fx->d, fx->st, fx->org, &err), SC_OK);
	assert_int_equal(fx->d.actor.person_id, 0);
}

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

/* ---- audit -------------------------------------------------------------------------------- */

/* The audit rows of entity/id, oldest first, appended to *out. */
static void audit_rows(struct fixture *fx, const char *entity, int64_t id, struct record_list *out)
{
	const struct entity_def *adef = entity_get(E_AUDIT);
	struct filter f[2] = { { entity_field(adef, "entity"), FO_EQ, 0, 0, entity },
		               { entity_field(adef, "record_id"), FO_EQ, id, 0, NULL } };
	struct list_opts o = { f, 2, FILTER_ID, false, 0, 0 };
	struct sc_error err;

	assert_int_equal(store_list(fx->st, fx->org, adef, &o, out, &err), SC_OK);
}

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
	assert_non_null(strstr(err.message, "--override REASON"));
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
	assert_non_null(strstr(err.message, "--override REASON"));
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
	assert_non_null(strstr(err.message, "not_ready"));
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
	assert_non_null(strstr(err.message, "--override REDEN"));
	/* The window is a setting. */
	assert_int_equal(settings_set(fx->st, fx->org, "mixing_window_days", "0", &err), SC_OK);
	add(fx, E_APPRAISAL, "rep", idt(w->fleur), "manager", idt(w->marieke), "period_from",
	    "2026-05-01", "period_to", "2026-10-31", "recorded_on", "2026-11-11", "rating", "4",
	    NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_today_is_in_the_organisations_zone),
		T(test_session_minutes_out_of_range_refused),
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
		cmocka_unit_test(test_appraisal_cannot_reach_coaching_content),
		cmocka_unit_test(test_session_does_not_rate_the_coachee),
		cmocka_unit_test(test_every_private_field_belongs_to_a_relationship),
	};

	/* The tests' dates are written around this day. */
	setenv("SALESCOACH_NOW", NOW, 1);
	return cmocka_run_group_tests_name("domain", tests, NULL, NULL);
}
