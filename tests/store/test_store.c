/*
 * test_store.c - the store interface (store.h), tested through that
 * interface only, so that the same suite runs against every database.
 *
 * Each database is a `struct backend` in backends[] (store_backends.c): how
 * to make a fresh, empty location for one test, how to open it (again), and
 * how to throw it away. SQLite runs on a temporary file so that closing and
 * reopening can be tested. PostgreSQL runs when tests/support/with_pg.sh
 * gives it a cluster (SALESCOACH_TEST_PG_ADMIN): each test's location is a
 * database of its own, owned by the program's ordinary role, which opens it
 * as the program does; then only PostgreSQL runs (the test without
 * with_pg.sh is SQLite's). The few tests that reach into SQLite's own handle
 * run for SQLite only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/entity.h"
#include "store/migrations.h"
#include "model/record.h"
#include "store/store.h"
#include "store/sqlite/store_sqlite_int.h"
#include "store_backends.h"
#include "base/timeutil.h"

/* ---- fixture ------------------------------------------------------------------------------ */

static const struct backend *backend; /* the one whose group runs */

struct fixture {
	char where[600];
	struct store *st;
	int64_t org, other;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;

	if (!fx)
		return -1;
	sc_error_init(&err);
	if (!backend->create(fx->where, sizeof(fx->where)) ||
	    backend->open(fx->where, &fx->st, &err) ||
	    store_org_insert(fx->st, "Van Dijk Kantoorsystemen", "van-dijk", &fx->org, &err) ||
	    store_org_insert(fx->st, "Hoogland Logistiek", "hoogland", &fx->other, &err)) {
		fprintf(stderr, "setup (%s): %s\n", backend->name,
		        err.message[0] ? err.message : "no fresh database could be made");
		if (fx->st)
			store_close(&fx->st);
		if (fx->where[0])
			backend->destroy(fx->where);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(&fx->st);
	backend->destroy(fx->where);
	free(fx);
	return 0;
}

static const struct entity_def *person_def(void)
{
	return entity_get(E_PERSON);
}

static int field(const struct entity_def *def, const char *name)
{
	int i = entity_field(def, name);
	if (i < 0)
		fail_msg("%s has no field %s", def->name, name);
	return i;
}

/* A person with name and email; title NULL leaves it out. Returns owned. */
static struct record *person(const char *name, const char *email, const char *title)
{
	struct record *p = record_new(person_def());

	assert_non_null(p);
	assert_int_equal(record_put_text(p, "name", name), SC_OK);
	assert_int_equal(record_put_text(p, "email", email), SC_OK);
	if (title)
		assert_int_equal(record_put_text(p, "title", title), SC_OK);
	return p;
}

/* Insert a person into org; returns its id. */
static int64_t add_person(struct fixture *fx, int64_t org, const char *name, const char *email,
                          const char *title)
{
	struct record *p = person(name, email, title);
	struct sc_error err;
	int64_t id;

	sc_error_init(&err);
	if (store_insert(fx->st, org, p, &err) != SC_OK)
		fail_msg("insert of %s: %s", email, err.message);
	id = p->id;
	record_free(&p);
	return id;
}

static int64_t count_people(struct fixture *fx, int64_t org)
{
	struct sc_error err;
	int64_t n = -1;

	assert_int_equal(store_count(fx->st, org, person_def(), NULL, 0, &n, &err), SC_OK);
	return n;
}

/* ---- schema ------------------------------------------------------------------------------- */

static void test_migrations_applied_on_open(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	int version = -1;

	assert_string_equal(store_kind(fx->st), backend->name);
	assert_int_equal(store_schema_version(fx->st, &version, &err), SC_OK);
	assert_true(backend->latest_version() >= 1);
	assert_int_equal(version, backend->latest_version());
	/* Every table the entities name exists: a count works on each. */
	for (int k = 0; k < E_COUNT; k++) {
		int64_t n = -1;
		const struct entity_def *def = entity_get((enum entity_kind)k);
		sc_error_init(&err);
		if (store_count(fx->st, fx->org, def, NULL, 0, &n, &err) != SC_OK)
			fail_msg("no table for %s: %s", def->name, err.message);
		assert_int_equal(n, 0);
	}
}

static void test_reopen_is_a_no_op(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *p = NULL;
	struct org *orgs = NULL;
	size_t n = 0;
	int version = -1;
	int64_t id = add_person(fx, fx->org, "Sanne de Vries", "sanne@example.com", "Manager");

	store_close(&fx->st);
	assert_null(fx->st);
	assert_int_equal(backend->open(fx->where, &fx->st, &err), SC_OK);
	assert_int_equal(store_schema_version(fx->st, &version, &err), SC_OK);
	assert_int_equal(version, backend->latest_version());

	assert_int_equal(store_org_list(fx->st, &orgs, &n, &err), SC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(orgs[0].slug, "van-dijk");
	assert_string_equal(orgs[1].slug, "hoogland");
	free(orgs);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), id, &p, &err), SC_OK);
	assert_string_equal(record_text(p, "name"), "Sanne de Vries");
	assert_string_equal(record_text(p, "title"), "Manager");
	record_free(&p);

	/* And once more: still one schema, still the data. */
	store_close(&fx->st);
	assert_int_equal(backend->open(fx->where, &fx->st, &err), SC_OK);
	assert_int_equal(store_schema_version(fx->st, &version, &err), SC_OK);
	assert_int_equal(version, backend->latest_version());
	assert_int_equal(count_people(fx, fx->org), 1);
}

/* ---- organisations and settings ----------------------------------------------------------- */

static void test_organisations(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct org *orgs = NULL;
	size_t n = 0;
	int64_t id = 0;

	assert_true(fx->org > 0);
	assert_true(fx->other > 0);
	assert_true(fx->org != fx->other);
	sc_error_init(&err);
	assert_int_equal(store_org_insert(fx->st, "Another Van Dijk", "van-dijk", &id, &err),
	                 SC_CONFLICT);
	assert_int_equal(store_org_list(fx->st, &orgs, &n, &err), SC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(orgs[0].id, fx->org);
	assert_string_equal(orgs[0].name, "Van Dijk Kantoorsystemen");
	assert_int_equal(orgs[1].id, fx->other);
	free(orgs);
}

static void test_settings_per_organisation(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	char *value = (char *)"sentinel";

	assert_int_equal(store_setting_get(fx->st, fx->org, "k", &value, &err), SC_OK);
	assert_null(value);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "7", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "8", &err), SC_OK);
	assert_int_equal(store_setting_get(fx->st, fx->org, "k", &value, &err), SC_OK);
	assert_non_null(value);
	assert_string_equal(value, "8");
	free(value);
	assert_int_equal(store_setting_get(fx->st, fx->other, "k", &value, &err), SC_OK);
	assert_null(value);
}

/* ---- records ------------------------------------------------------------------------------ */

static void test_insert_and_get(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *p = person("Joost Bakker", "joost@example.com", "Account manager");
	struct record *got = NULL;
	int64_t boss = add_person(fx, fx->org, "Sanne de Vries", "sanne@example.com", NULL);

	record_put_int(p, "superior", boss);
	record_put_int(p, "years_experience", 12);
	assert_int_equal(record_put_text(p, "track_record", "Won 'Hoogland' & \"Bakker\" ✓"),
	                 SC_OK);
	assert_int_equal(store_insert(fx->st, fx->org, p, &err), SC_OK);
	assert_true(p->id > 0);
	assert_true(p->id != boss);
	assert_int_equal(p->org_id, fx->org);
	assert_int_equal(strlen(p->created_at), TU_INSTANT_LEN - 1);
	assert_int_equal(p->created_at[TU_INSTANT_LEN - 2], 'Z');

	assert_int_equal(store_get(fx->st, fx->org, person_def(), p->id, &got, &err), SC_OK);
	assert_int_equal(got->id, p->id);
	assert_int_equal(got->org_id, fx->org);
	assert_string_equal(got->created_at, p->created_at);
	assert_string_equal(record_text(got, "name"), "Joost Bakker");
	assert_string_equal(record_text(got, "email"), "joost@example.com");
	assert_string_equal(record_text(got, "title"), "Account manager");
	assert_int_equal(record_int(got, "superior"), boss);
	assert_int_equal(record_int(got, "years_experience"), 12);
	assert_string_equal(record_text(got, "track_record"), "Won 'Hoogland' & \"Bakker\" ✓");
	/* Not given: the column's default. */
	assert_true(record_is_set(got, "active"));
	assert_int_equal(record_int(got, "active"), 1);
	record_free(&got);
	record_free(&p);
}

static void test_null_and_real_values(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *tdef = entity_get(E_TEAM), *pdef = entity_get(E_PROGRAMME);
	struct record *team = record_new(tdef), *prog = record_new(pdef), *got = NULL;
	struct sc_error err;

	assert_int_equal(record_put_text(team, "name", "Team Noord"), SC_OK);
	record_set_null(team, field(tdef, "manager"));
	assert_int_equal(store_insert(fx->st, fx->org, team, &err), SC_OK);
	assert_int_equal(store_get(fx->st, fx->org, tdef, team->id, &got, &err), SC_OK);
	assert_false(record_is_set(got, "manager"));
	assert_int_equal(got->v[field(tdef, "manager")].state, V_NULL);
	record_free(&got);

	record_put_int(prog, "team", team->id);
	assert_int_equal(record_put_text(prog, "model", "senior"), SC_OK);
	assert_int_equal(record_put_text(prog, "starts_on", "2026-06-01"), SC_OK);
	assert_int_equal(record_put_text(prog, "ends_on", "2027-05-31"), SC_OK);
	record_put_real(prog, "target_hours", 3.75);
	assert_int_equal(store_insert(fx->st, fx->org, prog, &err), SC_OK);
	assert_int_equal(store_get(fx->st, fx->org, pdef, prog->id, &got, &err), SC_OK);
	assert_true(record_real(got, "target_hours") == 3.75);
	assert_string_equal(record_text(got, "starts_on"), "2026-06-01");
	record_free(&got);
	record_free(&prog);
	record_free(&team);
}

static void test_update_changes_given_fields_only(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *change = record_new(person_def()), *got = NULL;
	int64_t id = add_person(fx, fx->org, "Joost Bakker", "joost@example.com", "Junior");

	change->id = id;
	assert_int_equal(record_put_text(change, "title", "Senior account manager"), SC_OK);
	assert_int_equal(store_update(fx->st, fx->org, change, &err), SC_OK);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), id, &got, &err), SC_OK);
	assert_string_equal(record_text(got, "title"), "Senior account manager");
	assert_string_equal(record_text(got, "name"), "Joost Bakker");
	assert_string_equal(record_text(got, "email"), "joost@example.com");
	record_free(&got);

	/* A null value clears the field. */
	record_clear(change, field(person_def(), "title"));
	record_set_null(change, field(person_def(), "title"));
	assert_int_equal(store_update(fx->st, fx->org, change, &err), SC_OK);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), id, &got, &err), SC_OK);
	assert_false(record_is_set(got, "title"));
	assert_string_equal(record_text(got, "name"), "Joost Bakker");
	record_free(&got);
	record_free(&change);
}

static void test_update_and_delete_of_missing_rows(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *change = record_new(person_def()), *got = NULL;

	change->id = 4242;
	assert_int_equal(record_put_text(change, "title", "Nobody"), SC_OK);
	sc_error_init(&err);
	assert_int_equal(store_update(fx->st, fx->org, change, &err), SC_NOT_FOUND);
	sc_error_init(&err);
	assert_int_equal(store_delete(fx->st, fx->org, person_def(), 4242, &err), SC_NOT_FOUND);
	sc_error_init(&err);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), 4242, &got, &err), SC_NOT_FOUND);
	assert_null(got);
	assert_int_equal(count_people(fx, fx->org), 0);
	record_free(&change);
}

static void test_delete(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *got = NULL;
	int64_t a = add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	int64_t b = add_person(fx, fx->org, "Bram Visser", "bram@example.com", NULL);

	assert_int_equal(store_delete(fx->st, fx->org, person_def(), a, &err), SC_OK);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), a, &got, &err), SC_NOT_FOUND);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), b, &got, &err), SC_OK);
	record_free(&got);
	assert_int_equal(count_people(fx, fx->org), 1);
	assert_int_equal(store_delete(fx->st, fx->org, person_def(), a, &err), SC_NOT_FOUND);
}

static void test_unique_values_conflict(void **state)
{
	struct fixture *fx = *state;
	struct record *p = person("Anna Bis", "anna@example.com", NULL);
	struct sc_error err;

	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	sc_error_init(&err);
	assert_int_equal(store_insert(fx->st, fx->org, p, &err), SC_CONFLICT);
	assert_true(err.message[0] != '\0');
	assert_int_equal(p->id, 0);
	assert_int_equal(count_people(fx, fx->org), 1);
	/* Unique within an organisation, not across them. */
	assert_int_equal(store_insert(fx->st, fx->other, p, &err), SC_OK);
	record_free(&p);
}

/* ---- lists -------------------------------------------------------------------------------- */

/* Five people: ids in *ids, titles A, B, NULL, B, C, the third inactive. */
static void five_people(struct fixture *fx, int64_t ids[5])
{
	struct record *change = record_new(person_def());
	struct sc_error err;

	ids[0] = add_person(fx, fx->org, "Eva", "eva@example.com", "A");
	ids[1] = add_person(fx, fx->org, "Daan", "daan@example.com", "B");
	ids[2] = add_person(fx, fx->org, "Cor", "cor@example.com", NULL);
	ids[3] = add_person(fx, fx->org, "Bas", "bas@example.com", "B");
	ids[4] = add_person(fx, fx->org, "Ada", "ada@example.com", "C");
	change->id = ids[2];
	record_put_int(change, "active", 0);
	assert_int_equal(store_update(fx->st, fx->org, change, &err), SC_OK);
	record_free(&change);
}

/* List people with opts and expect exactly the ids want[0..n), in that order. */
static void expect_list(struct fixture *fx, const struct list_opts *opts, const int64_t *want,
                        size_t n)
{
	struct record_list list = { 0 };
	struct sc_error err;
	int64_t got[16];
	size_t ngot;
	enum sc_result rc;

	sc_error_init(&err);
	rc = store_list(fx->st, fx->org, person_def(), opts, &list, &err);
	ngot = list.n;
	for (size_t i = 0; i < ngot && i < 16; i++)
		got[i] = list.items[i]->id;
	record_list_release(&list);
	if (rc != SC_OK)
		fail_msg("list: %s", err.message);
	if (ngot != n)
		fail_msg("list (limit %zu, offset %zu) gave %zu rows, expected %zu",
		         opts ? opts->limit : 0, opts ? opts->offset : 0, ngot, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static void test_list_with_filters(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *def = person_def();
	int64_t ids[5];
	int title = field(def, "title"), active = field(def, "active"), name = field(def, "name");

	five_people(fx, ids);
	expect_list(fx, NULL, ids, 5);

	struct filter b = { title, FO_EQ, 0, 0, "B" };
	struct list_opts o = { &b, 1, FILTER_ID, false, 0, 0 };
	expect_list(fx, &o, (int64_t[]){ ids[1], ids[3] }, 2);

	struct filter not_b[2] = { { title, FO_NOT_NULL, 0, 0, NULL },
		                   { title, FO_NE, 0, 0, "B" } };
	o.filters = not_b;
	o.nfilters = 2;
	expect_list(fx, &o, (int64_t[]){ ids[0], ids[4] }, 2);
	o.nfilters = 1;

	struct filter none = { title, FO_NULL, 0, 0, NULL };
	o.filters = &none;
	expect_list(fx, &o, (int64_t[]){ ids[2] }, 1);

	struct filter some = { title, FO_NOT_NULL, 0, 0, NULL };
	o.filters = &some;
	expect_list(fx, &o, (int64_t[]){ ids[0], ids[1], ids[3], ids[4] }, 4);

	struct filter inactive = { active, FO_EQ, 0, 0, NULL };
	o.filters = &inactive;
	expect_list(fx, &o, (int64_t[]){ ids[2] }, 1);

	struct filter before_c = { name, FO_LT, 0, 0, "Cor" };
	o.filters = &before_c;
	expect_list(fx, &o, (int64_t[]){ ids[3], ids[4] }, 2);

	struct filter from_c = { name, FO_GE, 0, 0, "Cor" };
	o.filters = &from_c;
	expect_list(fx, &o, (int64_t[]){ ids[0], ids[1], ids[2] }, 3);

	struct filter by_id = { FILTER_ID, FO_GT, ids[2], 0, NULL };
	o.filters = &by_id;
	expect_list(fx, &o, (int64_t[]){ ids[3], ids[4] }, 2);

	/* Several filters: all must hold. */
	struct filter both[2] = { { title, FO_EQ, 0, 0, "B" }, { name, FO_LE, 0, 0, "Bas" } };
	o.filters = both;
	o.nfilters = 2;
	expect_list(fx, &o, (int64_t[]){ ids[3] }, 1);

	/* A value is bound, never spliced into the statement. */
	struct filter evil = { title, FO_EQ, 0, 0, "B' OR '1'='1" };
	o.filters = &evil;
	o.nfilters = 1;
	expect_list(fx, &o, NULL, 0);
	assert_int_equal(count_people(fx, fx->org), 5);
}

static void test_list_order(void **state)
{
	struct fixture *fx = *state;
	int64_t ids[5];
	struct list_opts o = { NULL, 0, field(person_def(), "name"), false, 0, 0 };

	five_people(fx, ids);
	expect_list(fx, &o, (int64_t[]){ ids[4], ids[3], ids[2], ids[1], ids[0] }, 5);
	o.descending = true;
	expect_list(fx, &o, ids, 5);
	o.order_field = FILTER_ID;
	expect_list(fx, &o, (int64_t[]){ ids[4], ids[3], ids[2], ids[1], ids[0] }, 5);
}

static void test_list_real_filter(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *tdef = entity_get(E_TEAM), *pdef = entity_get(E_PROGRAMME);
	struct record *team = record_new(tdef);
	struct record_list list = { 0 };
	struct sc_error err;
	int64_t ids[3];
	static const double hours[] = { 2.5, 3, 4.5 };

	assert_int_equal(record_put_text(team, "name", "Team Zuid"), SC_OK);
	assert_int_equal(store_insert(fx->st, fx->org, team, &err), SC_OK);
	for (int i = 0; i < 3; i++) {
		struct record *p = record_new(pdef);
		record_put_int(p, "team", team->id);
		assert_int_equal(record_put_text(p, "model", "manager"), SC_OK);
		assert_int_equal(record_put_text(p, "starts_on", "2026-01-01"), SC_OK);
		assert_int_equal(record_put_text(p, "ends_on", "2026-12-31"), SC_OK);
		record_put_real(p, "target_hours", hours[i]);
		assert_int_equal(store_insert(fx->st, fx->org, p, &err), SC_OK);
		ids[i] = p->id;
		record_free(&p);
	}
	struct filter f = { field(pdef, "target_hours"), FO_GE, 0, 3, NULL };
	struct list_opts o = { &f, 1, FILTER_ID, false, 0, 0 };
	assert_int_equal(store_list(fx->st, fx->org, pdef, &o, &list, &err), SC_OK);
	assert_int_equal(list.n, 2);
	assert_int_equal(list.items[0]->id, ids[1]);
	assert_int_equal(list.items[1]->id, ids[2]);
	record_list_release(&list);
	record_free(&team);
}

static void test_list_appends(void **state)
{
	struct fixture *fx = *state;
	struct record_list list = { 0 };
	struct sc_error err;
	int64_t ids[5];

	five_people(fx, ids);
	assert_int_equal(store_list(fx->st, fx->org, person_def(), NULL, &list, &err), SC_OK);
	assert_int_equal(store_list(fx->st, fx->org, person_def(), NULL, &list, &err), SC_OK);
	assert_int_equal(list.n, 10);
	assert_int_equal(list.items[5]->id, ids[0]);
	record_list_release(&list);
	assert_int_equal(list.n, 0);
	assert_null(list.items);
}

static void test_limit_and_offset(void **state)
{
	struct fixture *fx = *state;
	int64_t ids[5];
	struct list_opts o = { NULL, 0, FILTER_ID, false, 2, 0 };

	five_people(fx, ids);
	expect_list(fx, &o, ids, 2);
	o.offset = 2;
	expect_list(fx, &o, ids + 2, 2);
	o.offset = 4;
	expect_list(fx, &o, ids + 4, 1);
	o.offset = 5;
	expect_list(fx, &o, NULL, 0);
	o.limit = 100;
	o.offset = 1;
	expect_list(fx, &o, ids + 1, 4);
	/* No limit (0) with an offset: everything after the first rows. */
	o.limit = 0;
	o.offset = 3;
	expect_list(fx, &o, ids + 3, 2);
}

static void test_count_with_filters(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	int64_t ids[5], n = -1;
	int title = field(person_def(), "title");
	struct filter f[2] = { { title, FO_EQ, 0, 0, "B" },
		               { field(person_def(), "active"), FO_EQ, 1, 0, NULL } };

	five_people(fx, ids);
	assert_int_equal(count_people(fx, fx->org), 5);
	assert_int_equal(store_count(fx->st, fx->org, person_def(), f, 1, &n, &err), SC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_count(fx->st, fx->org, person_def(), f + 1, 1, &n, &err), SC_OK);
	assert_int_equal(n, 4);
	f[0] = (struct filter){ title, FO_NULL, 0, 0, NULL };
	assert_int_equal(store_count(fx->st, fx->org, person_def(), f, 2, &n, &err), SC_OK);
	assert_int_equal(n, 0);
}

/* ---- tenants ------------------------------------------------------------------------------ */

static void test_other_organisation_sees_nothing(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *got = NULL, *change = record_new(person_def());
	struct record_list list = { 0 };
	struct filter f = { field(person_def(), "email"), FO_EQ, 0, 0, "sanne@example.com" };
	struct list_opts o = { &f, 1, FILTER_ID, false, 0, 0 };
	int64_t n = -1;
	int64_t id = add_person(fx, fx->org, "Sanne de Vries", "sanne@example.com", "Manager");

	assert_int_equal(store_get(fx->st, fx->other, person_def(), id, &got, &err), SC_NOT_FOUND);
	assert_null(got);
	assert_int_equal(store_list(fx->st, fx->other, person_def(), NULL, &list, &err), SC_OK);
	assert_int_equal(list.n, 0);
	assert_int_equal(store_list(fx->st, fx->other, person_def(), &o, &list, &err), SC_OK);
	assert_int_equal(list.n, 0);
	assert_int_equal(store_count(fx->st, fx->other, person_def(), &f, 1, &n, &err), SC_OK);
	assert_int_equal(n, 0);

	change->id = id;
	assert_int_equal(record_put_text(change, "title", "Taken over"), SC_OK);
	assert_int_equal(store_update(fx->st, fx->other, change, &err), SC_NOT_FOUND);
	assert_int_equal(store_delete(fx->st, fx->other, person_def(), id, &err), SC_NOT_FOUND);

	/* The owner's row is untouched. */
	assert_int_equal(store_get(fx->st, fx->org, person_def(), id, &got, &err), SC_OK);
	assert_string_equal(record_text(got, "title"), "Manager");
	record_free(&got);
	record_free(&change);
}

/* ---- transactions ------------------------------------------------------------------------- */

static void test_failed_statement_then_rollback_leaves_nothing(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *dup = person("Second Anna", "anna@example.com", NULL);

	add_person(fx, fx->org, "Existing", "existing@example.com", NULL);
	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "9", &err), SC_OK);
	sc_error_init(&err);
	assert_int_not_equal(store_insert(fx->st, fx->org, dup, &err), SC_OK);
	store_rollback(fx->st);

	assert_int_equal(count_people(fx, fx->org), 1);
	char *value = NULL;
	assert_int_equal(store_setting_get(fx->st, fx->org, "k", &value, &err), SC_OK);
	assert_null(value);
	/* The handle is usable afterwards, and a new transaction commits. */
	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	assert_int_equal(store_commit(fx->st, &err), SC_OK);
	assert_int_equal(count_people(fx, fx->org), 2);
	record_free(&dup);
}

/*
 * A statement refused inside a transaction undoes itself only: the changes
 * before it and after it are kept at the commit, and the reads after it go
 * on (what the domain relies on for a best-effort write, on either database).
 */
static void test_failed_statement_undoes_only_itself(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *dup = person("Second Anna", "anna@example.com", NULL);

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	sc_error_init(&err);
	assert_int_equal(store_insert(fx->st, fx->org, dup, &err), SC_CONFLICT);
	assert_int_equal(count_people(fx, fx->org), 1);
	add_person(fx, fx->org, "Bram Visser", "bram@example.com", NULL);
	assert_int_equal(store_commit(fx->st, &err), SC_OK);
	assert_int_equal(count_people(fx, fx->org), 2);

	/* The same in a read transaction: a refused write, then reads. */
	assert_int_equal(store_read_begin(fx->st, &err), SC_OK);
	assert_int_not_equal(store_insert(fx->st, fx->org, dup, &err), SC_OK);
	assert_int_equal(count_people(fx, fx->org), 2);
	store_rollback(fx->st);
	record_free(&dup);
}

static void test_rollback_undoes_every_change(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	struct record *change = record_new(person_def()), *got = NULL;
	int64_t keep = add_person(fx, fx->org, "Kees", "kees@example.com", "Before");
	int64_t gone = add_person(fx, fx->org, "Gijs", "gijs@example.com", NULL);

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	change->id = keep;
	assert_int_equal(record_put_text(change, "title", "During"), SC_OK);
	assert_int_equal(store_update(fx->st, fx->org, change, &err), SC_OK);
	assert_int_equal(store_delete(fx->st, fx->org, person_def(), gone, &err), SC_OK);
	add_person(fx, fx->org, "Nieuw", "nieuw@example.com", NULL);
	store_rollback(fx->st);

	assert_int_equal(count_people(fx, fx->org), 2);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), keep, &got, &err), SC_OK);
	assert_string_equal(record_text(got, "title"), "Before");
	record_free(&got);
	assert_int_equal(store_get(fx->st, fx->org, person_def(), gone, &got, &err), SC_OK);
	record_free(&got);
	record_free(&change);
}

static void test_commit_is_kept_after_reopen(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	add_person(fx, fx->org, "Bram Visser", "bram@example.com", NULL);
	assert_int_equal(store_commit(fx->st, &err), SC_OK);
	store_close(&fx->st);
	assert_int_equal(backend->open(fx->where, &fx->st, &err), SC_OK);
	assert_int_equal(count_people(fx, fx->org), 2);
}

static void test_close_with_open_transaction_keeps_nothing(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	store_close(&fx->st);
	assert_int_equal(backend->open(fx->where, &fx->st, &err), SC_OK);
	assert_int_equal(count_people(fx, fx->org), 0);
}

static void test_nested_begin_refused(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	sc_error_init(&err);
	assert_int_not_equal(store_begin(fx->st, &err), SC_OK);
	assert_true(err.message[0] != '\0');
	/* The outer transaction is still the one in force. */
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	store_rollback(fx->st);
	assert_int_equal(count_people(fx, fx->org), 0);
}

/* A savepoint inside a transaction: its rollback undoes its own changes, not the outer ones. */
static void test_savepoint_undoes_only_its_own(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	sc_error_init(&err);
	assert_int_not_equal(store_savepoint(fx->st, &err), SC_OK); /* none without a transaction */
	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	assert_int_equal(store_savepoint(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Bram de Wit", "bram@example.com", NULL);
	store_rollback(fx->st); /* Bram's savepoint */
	assert_int_equal(store_savepoint(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Cor Smit", "cor@example.com", NULL);
	assert_int_equal(store_commit(fx->st, &err), SC_OK); /* Cor's savepoint, kept */
	assert_int_equal(count_people(fx, fx->org), 2);
	assert_int_equal(store_commit(fx->st, &err), SC_OK); /* the transaction */
	assert_int_equal(count_people(fx, fx->org), 2);
	/* And a whole transaction rolled back takes its released savepoints with it. */
	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	assert_int_equal(store_savepoint(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Dirk Bos", "dirk@example.com", NULL);
	assert_int_equal(store_commit(fx->st, &err), SC_OK);
	store_rollback(fx->st);
	assert_int_equal(count_people(fx, fx->org), 2);
}

/*
 * A savepoint whose release fails is undone once, by the caller's rollback, and
 * the transaction around it stays open with its own changes: the import's
 * transaction is not lost to one row whose savepoint could not be released.
 */
static void test_savepoint_release_failure_undoes_it_once(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	sqlite3 *db = ((struct sqlite_store *)fx->st)->db;

	sc_error_init(&err);
	assert_int_equal(store_begin(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	assert_int_equal(store_savepoint(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Bram de Wit", "bram@example.com", NULL);
	assert_int_equal(store_savepoint(fx->st, &err), SC_OK);
	add_person(fx, fx->org, "Cor Smit", "cor@example.com", NULL);
	/* Released behind the store's back, so that its own RELEASE finds no such savepoint. */
	assert_int_equal(sqlite3_exec(db, "RELEASE sc_sp2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(store_commit(fx->st, &err), SC_OK);
	assert_true(err.message[0] != '\0');
	store_rollback(fx->st); /* the failed savepoint's, as the domain does */
	/* Bram's savepoint (holding Cor's changes now) and the transaction are open still. */
	store_rollback(fx->st);
	assert_int_equal(count_people(fx, fx->org), 1);
	assert_int_equal(store_commit(fx->st, &err), SC_OK);
	assert_int_equal(count_people(fx, fx->org), 1);
}

/* A store opens syncing every commit to disk; relaxing it holds for that handle only. */
static void test_durability_full_unless_relaxed(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	enum store_durability d = STORE_DURABLE_NORMAL;

	assert_int_equal(store_durability(fx->st, &d, &err), SC_OK);
	assert_int_equal(d, STORE_DURABLE_FULL);
	assert_int_equal(store_set_durability(fx->st, STORE_DURABLE_NORMAL, &err), SC_OK);
	assert_int_equal(store_durability(fx->st, &d, &err), SC_OK);
	assert_int_equal(d, STORE_DURABLE_NORMAL);
	/* A relaxed commit is still a commit. */
	add_person(fx, fx->org, "Anna Jansen", "anna@example.com", NULL);
	assert_int_equal(store_set_durability(fx->st, STORE_DURABLE_FULL, &err), SC_OK);
	assert_int_equal(store_durability(fx->st, &d, &err), SC_OK);
	assert_int_equal(d, STORE_DURABLE_FULL);
	assert_int_equal(store_set_durability(fx->st, STORE_DURABLE_NORMAL, &err), SC_OK);
	store_close(&fx->st);
	assert_int_equal(backend->open(fx->where, &fx->st, &err), SC_OK);
	assert_int_equal(store_durability(fx->st, &d, &err), SC_OK);
	assert_int_equal(d, STORE_DURABLE_FULL);
	assert_int_equal(count_people(fx, fx->org), 1);
	sc_error_init(&err);
	assert_int_equal(store_set_durability(fx->st, (enum store_durability)7, &err), SC_INVALID);
}

static void test_durability_names(void **state)
{
	enum store_durability d = STORE_DURABLE_FULL;
	(void)state;

	assert_true(store_durability_parse("normal", &d));
	assert_int_equal(d, STORE_DURABLE_NORMAL);
	assert_true(store_durability_parse("full", &d));
	assert_int_equal(d, STORE_DURABLE_FULL);
	assert_string_equal(store_durability_name(STORE_DURABLE_FULL), "full");
	assert_string_equal(store_durability_name(STORE_DURABLE_NORMAL), "normal");
	d = STORE_DURABLE_NORMAL;
	static const char *const bad[] = { "", "FULL", "off", "extra", "full ", "norm" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(store_durability_parse(bad[i], &d));
	assert_false(store_durability_parse(NULL, &d));
	assert_int_equal(d, STORE_DURABLE_NORMAL); /* left as it was */
}

/* The first whole number the query answers on db, or -1. */
static int64_t first_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

#define OLD_ROW "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'"

/*
 * Migration 0015: an answer stored before it gets its coach's kind of the
 * day of the migration; after it, the database sets the kind of the day an
 * answer is stored (or moved to another coach), whatever kind the coach has
 * later.
 */
static void test_survey_answers_keep_their_coachs_kind(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	char where[600];
	sqlite3 *db = NULL;

	assert_true(backend->create(where, sizeof(where)));
	assert_int_equal(sqlite3_open(where, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
	                              " name TEXT NOT NULL, applied_at TEXT NOT NULL)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	for (const struct migration *m = sqlite_migrations; m->version && m->version < 15; m++) {
		char sql[256];
		if (sqlite3_exec(db, m->sql, NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("migration %d: %s", m->version, sqlite3_errmsg(db));
		snprintf(sql, sizeof(sql),
		         "INSERT INTO schema_version VALUES (%d, '%s', '2026-01-01T00:00:00Z')",
		         m->version, m->name);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	static const char *const rows =
	        "INSERT INTO organisation VALUES (1, 'Oud BV', 'oud', '2026-01-01T00:00:00Z');"
	        "INSERT INTO person (id, org_id, created_at, updated_at, name, email) VALUES"
	        " (1, 1, " OLD_ROW ", 'Ada', 'ada@example.com'),"
	        " (2, 1, " OLD_ROW ", 'Bo', 'bo@example.com');"
	        "INSERT INTO coach (id, org_id, created_at, updated_at, person, kind) VALUES"
	        " (1, 1, " OLD_ROW ", 1, 'internal'), (2, 1, " OLD_ROW ", 2, 'senior');"
	        "INSERT INTO survey_answer (org_id, created_at, updated_at, coach, respondent,"
	        " answered_on, respect, trust, helps, part_of_team) VALUES"
	        " (1, " OLD_ROW ", 1, 'coachee', '2026-01-05', 4, 4, 4, 4);";
	if (sqlite3_exec(db, rows, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("the old rows: %s", sqlite3_errmsg(db));
	sqlite3_close(db);

	struct store *st = NULL;
	sc_error_init(&err);
	assert_int_equal(backend->open(where, &st, &err), SC_OK);
	db = ((struct sqlite_store *)st)->db;
	assert_int_equal(first_int(db, "SELECT count(*) FROM survey_answer"
	                               " WHERE coach_kind = 'internal'"),
	                 1);
	assert_int_equal(sqlite3_exec(db,
	                              "UPDATE coach SET kind = 'external' WHERE id = 1;"
	                              "INSERT INTO survey_answer (org_id, created_at, updated_at,"
	                              " coach, respondent, answered_on, respect, trust, helps,"
	                              " part_of_team) VALUES"
	                              " (1, " OLD_ROW ", 1, 'coachee', '2026-02-05', 3, 3, 3, 3);",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(first_int(db,
	                           "SELECT count(*) FROM survey_answer"
	                           " WHERE coach_kind = 'internal' AND answered_on = '2026-01-05'"),
	                 1);
	assert_int_equal(first_int(db,
	                           "SELECT count(*) FROM survey_answer"
	                           " WHERE coach_kind = 'external' AND answered_on = '2026-02-05'"),
	                 1);
	/* Moved to coach 2: the kind of coach 2. */
	assert_int_equal(sqlite3_exec(db, "UPDATE survey_answer SET coach = 2", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(first_int(db, "SELECT count(*) FROM survey_answer"
	                               " WHERE coach_kind = 'senior'"),
	                 2);
	store_close(&st);
	backend->destroy(where);
	(void)fx;
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_migrations_applied_on_open),
		T(test_reopen_is_a_no_op),
		T(test_organisations),
		T(test_settings_per_organisation),
		T(test_insert_and_get),
		T(test_null_and_real_values),
		T(test_update_changes_given_fields_only),
		T(test_update_and_delete_of_missing_rows),
		T(test_delete),
		T(test_unique_values_conflict),
		T(test_list_with_filters),
		T(test_list_order),
		T(test_list_real_filter),
		T(test_list_appends),
		T(test_limit_and_offset),
		T(test_count_with_filters),
		T(test_other_organisation_sees_nothing),
		T(test_failed_statement_then_rollback_leaves_nothing),
		T(test_failed_statement_undoes_only_itself),
		T(test_rollback_undoes_every_change),
		T(test_commit_is_kept_after_reopen),
		T(test_close_with_open_transaction_keeps_nothing),
		T(test_nested_begin_refused),
		T(test_savepoint_undoes_only_its_own),
		T(test_durability_full_unless_relaxed),
		cmocka_unit_test(test_durability_names),
	};
	/* Through SQLite's own handle: an old schema built by hand, a savepoint released behind
	 * the store's back. */
	const struct CMUnitTest sqlite_tests[] = {
		T(test_survey_answers_keep_their_coachs_kind),
		T(test_savepoint_release_failure_undoes_it_once),
	};
	int failed = 0;

	for (size_t i = 0; i < nbackends; i++) {
		char name[64];
		backend = &backends[i];
		if (backend->available && !backend->available())
			continue;
		snprintf(name, sizeof(name), "store (%s)", backend->name);
		failed += cmocka_run_group_tests_name(name, tests, NULL, NULL);
		if (backend->open == store_open_sqlite) {
			snprintf(name, sizeof(name), "store (%s only)", backend->name);
			failed += cmocka_run_group_tests_name(name, sqlite_tests, NULL, NULL);
		}
	}
	return failed;
}
