/*
 * domain_fixture.c - the shared fixture of the tests of the domain (see
 * domain_fixture.h).
 */
#include "domain_fixture.h"

#include "store_target.h"

/* ---- building records as a user types them ------------------------------------------------ */

/* A record of kind from "field", "text" pairs ended by NULL, each parsed by the domain. */
struct record *vrec_of(struct fixture *fx, enum entity_kind kind, va_list ap)
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

struct record *rec_of(struct fixture *fx, enum entity_kind kind, ...)
{
	va_list ap;
	struct record *rec;

	va_start(ap, kind);
	rec = vrec_of(fx, kind, ap);
	va_end(ap);
	return rec;
}

/* Add a record of kind from field/text pairs; the test fails when it is refused. */
int64_t add(struct fixture *fx, enum entity_kind kind, ...)
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
void update(struct fixture *fx, enum entity_kind kind, int64_t id, ...)
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
const char *idt(int64_t id)
{
	static int next;
	char *s = id_text[next++ % 8];
	snprintf(s, sizeof(id_text[0]), "%lld", (long long)id);
	return s;
}

/* ---- the database before and after -------------------------------------------------------- */

/* Every record of the organisation as text, private content included. Returns owned. */
char *db_dump(struct fixture *fx)
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

int64_t count(struct fixture *fx, enum entity_kind kind)
{
	struct sc_error err;
	int64_t n = -1;

	assert_int_equal(store_count(fx->st, fx->org, entity_get(kind), NULL, 0, &n, &err), SC_OK);
	return n;
}

/* Check a refusal: code and field as expected, a message, nothing changed. */
void check_refusal(const char *what, enum sc_result rc, const struct sc_error *err,
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
void expect_add_refused(struct fixture *fx, struct record *rec, enum sc_result code,
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
void expect_update_refused(struct fixture *fx, struct record *rec, enum sc_result code,
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
struct record *with_id(struct record *rec, int64_t id)
{
	rec->id = id;
	return rec;
}

/* domain_parse of text into field of kind is refused, naming the field. */
void expect_parse_refused(struct fixture *fx, enum entity_kind kind, const char *field,
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

void build_world(struct fixture *fx)
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

int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;

	if (!fx)
		return -1;
	if (test_store_open(&fx->st, &err) ||
	    org_create(fx->st, "Van Dijk Kantoorsystemen", NULL, NULL, NULL, &fx->org, &err) ||
	    domain_init(&fx->d, fx->st, fx->org, &err)) {
		fprintf(stderr, "setup: %s\n", err.message);
		store_close(&fx->st);
		free(fx);
		return -1;
	}
	*state = fx;
	build_world(fx);
	return 0;
}

int teardown(void **state)
{
	struct fixture *fx = *state;

	setenv("SALESCOACH_NOW", NOW, 1); /* a test that moved the clock and failed */
	store_close(&fx->st);
	free(fx);
	return 0;
}

void act_as(struct fixture *fx, const char *email)
{
	struct sc_error err;

	sc_error_init(&err);
	if (domain_act_as(&fx->d, email, &err) != SC_OK)
		fail_msg("cannot act as %s: %s", email, err.message);
}

void act_as_admin(struct fixture *fx)
{
	struct sc_error err;

	assert_int_equal(domain_init(&fx->d, fx->st, fx->org, &err), SC_OK);
	assert_int_equal(fx->d.actor.person_id, 0);
}

void audit_rows(struct fixture *fx, const char *entity, int64_t id, struct record_list *out)
{
	const struct entity_def *adef = entity_get(E_AUDIT);
	struct filter f[2] = { { entity_field(adef, "entity"), FO_EQ, 0, 0, entity },
		               { entity_field(adef, "record_id"), FO_EQ, id, 0, NULL } };
	struct list_opts o = { f, 2, FILTER_ID, false, 0, 0 };
	struct sc_error err;

	assert_int_equal(store_list(fx->st, fx->org, adef, &o, out, &err), SC_OK);
}
