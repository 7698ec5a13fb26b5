/*
 * test_gen.c - the synthetic organisation (gen.h) and `salescoach gen`.
 *
 * A small organisation (60 reps, 6 months, as the tests of the whole
 * generator need it fast) is generated into temporary databases. What a
 * user relies on: the same seed on the same day gives the same data, another
 * seed other data; every record is one the domain accepts (each is added
 * again, through domain_add, into a fresh organisation); references stay in
 * the organisation; nothing held lies in the future; bad arguments are
 * refused with exit code 2; a refused run leaves the database as it was.
 * Today is 2026-11-28 (SALESCOACH_NOW).
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

#include "cli_harness.h"
#include "domain/domain.h"
#include "model/entity.h"
#include "seed/gen.h"
#include "domain/org.h"
#include "model/record.h"
#include "domain/settings.h"
#include "store/store.h"
#include "base/timeutil.h"

#define REPS   60
#define MONTHS 6
#define SEED   7

struct fixture {
	char dir[256];
	char db_a[320], db_b[320];
	struct harness_run last; /* the program, run in dir */
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	assert_int_equal(harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-gen"),
	                 0);
	snprintf(fx->db_a, sizeof(fx->db_a), "%s/a.db", fx->dir);
	snprintf(fx->db_b, sizeof(fx->db_b), "%s/b.db", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

static struct store *open_db(const char *path)
{
	struct store *st = NULL;
	struct sc_error err;

	if (store_open_sqlite(path, &st, &err) != SC_OK)
		fail_msg("cannot open %s: %s", path, err.message);
	return st;
}

/* Generate into st; returns the result, the report in *rep. */
static enum sc_result generate(struct store *st, uint64_t seed, const char *slug,
                               struct gen_report *rep, struct sc_error *err)
{
	struct gen_params p = { REPS, MONTHS, seed, slug, NULL };

	sc_error_init(err);
	return gen_run(st, &p, rep, err);
}

static int64_t generate_ok(struct store *st, uint64_t seed)
{
	struct gen_report rep;
	struct sc_error err;

	if (generate(st, seed, NULL, &rep, &err) != SC_OK)
		fail_msg("generation failed: %s", err.message);
	return rep.org;
}

static struct record_list list_all(struct store *st, int64_t org, enum entity_kind kind)
{
	struct record_list list = { 0 };
	struct sc_error err;

	if (store_list(st, org, entity_get(kind), NULL, &list, &err) != SC_OK)
		fail_msg("listing %s: %s", entity_get(kind)->plural, err.message);
	return list;
}

static int64_t count_of(struct store *st, int64_t org, enum entity_kind kind,
                        const struct filter *f, size_t n)
{
	int64_t count = -1;
	struct sc_error err;

	if (store_count(st, org, entity_get(kind), f, n, &count, &err) != SC_OK)
		fail_msg("counting %s: %s", entity_get(kind)->plural, err.message);
	return count;
}

static int fx_of(enum entity_kind kind, const char *field)
{
	return entity_field(entity_get(kind), field);
}

/* True when a and b hold the same records: ids and every field. */
static bool same_records(const struct record_list *a, const struct record_list *b)
{
	char x[4096], y[4096];

	if (a->n != b->n)
		return false;
	for (size_t r = 0; r < a->n; r++) {
		if (a->items[r]->id != b->items[r]->id)
			return false;
		for (size_t i = 0; i < a->items[r]->def->nfields; i++) {
			record_format(a->items[r], (int)i, x, sizeof(x));
			record_format(b->items[r], (int)i, y, sizeof(y));
			if (strcmp(x, y) != 0 || a->items[r]->v[i].state != b->items[r]->v[i].state)
				return false;
		}
	}
	return true;
}

/* ---- the same seed, the same data ---------------------------------------------------------- */

static void test_same_seed_same_data(void **state)
{
	struct fixture *fx = *state;
	struct store *a = open_db(fx->db_a), *b = open_db(fx->db_b);
	int64_t org_a = generate_ok(a, SEED), org_b = generate_ok(b, SEED);
	static const enum entity_kind compared[] = { E_PERSON, E_TEAM,       E_PROGRAMME,
		                                     E_COACH,  E_ASSIGNMENT, E_SESSION,
		                                     E_ACTION, E_APPRAISAL,  E_SURVEY,
		                                     E_RESULT };

	assert_int_equal(org_a, org_b);
	/* The organisation says how it was made: what the benchmark compares. */
	struct gen_params p = { REPS, MONTHS, SEED, NULL, NULL };
	char today[TU_DATE_LEN], want[200], *have = NULL;
	struct sc_error err;
	tu_today(settings_find("timezone")->dflt, today);
	gen_describe(&p, today, want, sizeof(want));
	assert_int_equal(store_setting_get(a, org_a, GEN_SETTING, &have, &err), SC_OK);
	assert_non_null(have);
	assert_string_equal(have, want);
	free(have);
	for (int k = 0; k < E_COUNT; k++)
		assert_int_equal(count_of(a, org_a, (enum entity_kind)k, NULL, 0),
		                 count_of(b, org_b, (enum entity_kind)k, NULL, 0));
	assert_true(count_of(a, org_a, E_SESSION, NULL, 0) > 1000);
	for (size_t i = 0; i < sizeof(compared) / sizeof(compared[0]); i++) {
		struct record_list la = list_all(a, org_a, compared[i]);
		struct record_list lb = list_all(b, org_b, compared[i]);
		if (!same_records(&la, &lb))
			fail_msg("the %s of two runs with seed %d differ",
			         entity_get(compared[i])->plural, SEED);
		record_list_release(&la);
		record_list_release(&lb);
	}
	store_close(&a);
	store_close(&b);
}

static void test_other_seed_other_data(void **state)
{
	struct fixture *fx = *state;
	struct store *a = open_db(fx->db_a), *b = open_db(fx->db_b);
	int64_t org_a = generate_ok(a, SEED), org_b = generate_ok(b, SEED + 1);
	struct record_list pa = list_all(a, org_a, E_PERSON), pb = list_all(b, org_b, E_PERSON);
	struct record_list sa = list_all(a, org_a, E_SESSION), sb = list_all(b, org_b, E_SESSION);

	assert_false(same_records(&pa, &pb));
	assert_false(same_records(&sa, &sb));
	record_list_release(&pa);
	record_list_release(&pb);
	record_list_release(&sa);
	record_list_release(&sb);
	store_close(&a);
	store_close(&b);
}

/* ---- what the data is ---------------------------------------------------------------------- */

static void test_every_model_and_kind_is_there(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_db(fx->db_a);
	int64_t org = generate_ok(st, SEED);
	static const char *const models[] = { "manager", "senior", "internal", "external" };
	static const char *const kinds[] = { "one_to_one", "ride_along", "call_review",
		                             "deal_review", "team" };
	static const char *const states[] = { "held", "cancelled", "no_show", "planned" };

	for (size_t i = 0; i < 4; i++) {
		struct filter f = { fx_of(E_PROGRAMME, "model"), FO_EQ, 0, 0, models[i] };
		if (count_of(st, org, E_PROGRAMME, &f, 1) < 1)
			fail_msg("no programme of the %s model", models[i]);
	}
	for (size_t i = 0; i < 5; i++) {
		struct filter f = { fx_of(E_SESSION, "kind"), FO_EQ, 0, 0, kinds[i] };
		if (count_of(st, org, E_SESSION, &f, 1) < 1)
			fail_msg("no session of kind %s", kinds[i]);
	}
	for (size_t i = 0; i < 4; i++) {
		struct filter f = { fx_of(E_SESSION, "status"), FO_EQ, 0, 0, states[i] };
		if (count_of(st, org, E_SESSION, &f, 1) < 1)
			fail_msg("no session %s", states[i]);
	}
	/* Every rep has a sales result for this month. */
	char today[TU_DATE_LEN];
	tu_today(settings_find("timezone")->dflt, today);
	today[7] = '\0';
	struct filter month = { fx_of(E_RESULT, "month"), FO_EQ, 0, 0, today };
	int64_t results = count_of(st, org, E_RESULT, &month, 1);
	assert_true(results >= REPS - 5 && results <= REPS);
	store_close(&st);
}

static void test_references_stay_in_the_organisation(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_db(fx->db_a);
	int64_t first = generate_ok(st, SEED), org = generate_ok(st, SEED + 1);
	size_t checked = 0;

	assert_int_not_equal(first, org);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		struct record_list list = list_all(st, org, (enum entity_kind)k);
		for (size_t r = 0; r < list.n; r++)
			for (size_t i = 0; i < def->nfields; i++) {
				const struct field_def *f = &def->fields[i];
				struct record *target = NULL;
				struct sc_error err;
				if (f->type != FT_REF || list.items[r]->v[i].state != V_SET)
					continue;
				if (store_get(st, org, entity_get(f->ref), list.items[r]->v[i].i,
				              &target, &err) != SC_OK)
					fail_msg("%s %lld: %s %lld is not in the organisation",
					         def->name, (long long)list.items[r]->id, f->name,
					         (long long)list.items[r]->v[i].i);
				record_free(&target);
				checked++;
			}
		record_list_release(&list);
	}
	assert_true(checked > 5000);
	store_close(&st);
}

static void test_nothing_held_lies_ahead(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_db(fx->db_a);
	int64_t org = generate_ok(st, SEED);
	int status = fx_of(E_SESSION, "status"), at = fx_of(E_SESSION, "at");
	char now[TU_INSTANT_LEN], today[TU_DATE_LEN];
	tu_now_instant(now);
	tu_today(settings_find("timezone")->dflt, today);
	struct filter held_ahead[2] = { { status, FO_EQ, 0, 0, "held" }, { at, FO_GT, 0, 0, now } };
	struct filter planned_past[2] = { { status, FO_EQ, 0, 0, "planned" },
		                          { at, FO_LT, 0, 0, now } };
	struct filter planned_ahead[2] = { { status, FO_EQ, 0, 0, "planned" },
		                           { at, FO_GT, 0, 0, now } };
	struct filter done_ahead = { fx_of(E_ACTION, "done_on"), FO_GT, 0, 0, today };
	struct filter survey_ahead = { fx_of(E_SURVEY, "answered_on"), FO_GT, 0, 0, today };

	assert_int_equal(count_of(st, org, E_SESSION, held_ahead, 2), 0);
	assert_int_equal(count_of(st, org, E_SESSION, planned_past, 2), 0);
	assert_true(count_of(st, org, E_SESSION, planned_ahead, 2) > 0);
	assert_int_equal(count_of(st, org, E_ACTION, &done_ahead, 1), 0);
	assert_int_equal(count_of(st, org, E_SURVEY, &survey_ahead, 1), 0);
	store_close(&st);
}

/*
 * Every record again, through domain_add, into a fresh organisation of the
 * same database, in the order they were written (references mapped to the
 * new ids). The domain validates each and checks the pitfalls it prevents at
 * input, so an override reason must be where it refuses and nowhere else.
 */
static void test_domain_accepts_every_record(void **state)
{
	static const enum entity_kind order[] = {
		E_PERSON,     E_TEAM,        E_PROGRAMME, E_COACH,           E_TRAINING,
		E_ASSESSMENT, E_ASSIGNMENT,  E_PLAN,      E_SELF_ASSESSMENT, E_ACTIVITY,
		E_SESSION,    E_OBSERVATION, E_ACTION,    E_APPRAISAL,       E_SUPERVISION,
		E_TASK,       E_INCENTIVE,   E_PRESENCE,  E_SURVEY,          E_RESULT,
	};
	struct fixture *fx = *state;
	struct store *st = open_db(fx->db_a);
	int64_t org = generate_ok(st, SEED), copy;
	int64_t *map[E_COUNT] = { NULL };
	size_t cap[E_COUNT] = { 0 }, added = 0, overridden = 0;
	struct domain d;
	struct sc_error err;

	if (org_create(st, "Copy", "copy", "en", NULL, &copy, &err) ||
	    domain_init(&d, st, copy, &err))
		fail_msg("%s", err.message);
	for (size_t o = 0; o < sizeof(order) / sizeof(order[0]); o++) {
		enum entity_kind k = order[o];
		struct record_list list = list_all(st, org, k);
		if (list.n) {
			cap[k] = (size_t)list.items[list.n - 1]->id + 1;
			map[k] = calloc(cap[k], sizeof(int64_t));
			assert_non_null(map[k]);
		}
		for (size_t r = 0; r < list.n; r++) {
			struct record *rec = record_dup(list.items[r]);
			int64_t old = rec->id;
			assert_non_null(rec);
			for (size_t i = 0; i < rec->def->nfields; i++) {
				const struct field_def *f = &rec->def->fields[i];
				/* Given as a user would: an empty field is left out. */
				if (rec->v[i].state == V_NULL)
					record_clear(rec, (int)i);
				if (f->type != FT_REF || rec->v[i].state != V_SET)
					continue;
				assert_true((size_t)rec->v[i].i < cap[f->ref]);
				rec->v[i].i = map[f->ref][rec->v[i].i];
				assert_true(rec->v[i].i > 0);
			}
			int why = entity_field(rec->def, "override_reason");
			overridden += why >= 0 && rec->v[why].state == V_SET;
			sc_error_init(&err);
			if (domain_add(&d, rec, &err) != SC_OK)
				fail_msg("%s %lld refused: %s", rec->def->name, (long long)old,
				         err.message);
			map[k][old] = rec->id;
			record_free(&rec);
			added++;
		}
		record_list_release(&list);
	}
	assert_true(added > 3000);
	assert_true(overridden > 0);
	for (int k = 0; k < E_COUNT; k++)
		free(map[k]);
	store_close(&st);
}

/* ---- refusals ------------------------------------------------------------------------------ */

static void test_taken_slug_changes_nothing(void **state)
{
	struct fixture *fx = *state;
	struct store *st = open_db(fx->db_a);
	int64_t org = generate_ok(st, SEED), before[E_COUNT];
	struct gen_report rep;
	struct sc_error err;
	struct org *orgs = NULL;
	size_t n = 0;

	for (int k = 0; k < E_COUNT; k++)
		before[k] = count_of(st, org, (enum entity_kind)k, NULL, 0);
	char slug[32];

	snprintf(slug, sizeof(slug), "gen-%d", SEED);
	assert_int_equal(generate(st, SEED, NULL, &rep, &err), SC_CONFLICT);
	assert_non_null(strstr(err.message, slug));
	assert_int_equal(generate(st, SEED + 5, slug, &rep, &err), SC_CONFLICT);
	assert_int_equal(store_org_list(st, &orgs, &n, &err), SC_OK);
	assert_int_equal(n, 1);
	free(orgs);
	for (int k = 0; k < E_COUNT; k++)
		assert_int_equal(count_of(st, org, (enum entity_kind)k, NULL, 0), before[k]);
	/* Another slug is another organisation beside it. */
	assert_int_equal(generate(st, SEED, "second", &rep, &err), SC_OK);
	assert_int_not_equal(rep.org, org);
	store_close(&st);
}

static void test_parameters_are_checked(void **state)
{
	(void)state;
	struct gen_params ok = { 1, 1, 0, NULL, NULL };
	struct gen_params bad[] = { { 0, 6, 1, NULL, NULL },
		                    { GEN_MAX_REPS + 1, 6, 1, NULL, NULL },
		                    { 10, 0, 1, NULL, NULL },
		                    { 10, GEN_MAX_MONTHS + 1, 1, NULL, NULL },
		                    { 10, 6, 1, "Not A Slug", NULL } };
	struct sc_error err;

	assert_int_equal(gen_check(&ok, &err), SC_OK);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sc_error_init(&err);
		assert_int_equal(gen_check(&bad[i], &err), SC_INVALID);
		assert_true(err.message[0] != '\0');
	}
}

/* ---- the command line ---------------------------------------------------------------------- */

/* Run `salescoach --db DB gen ARGS...` (NULL-terminated); fills fx->last. */
static void run_gen(struct fixture *fx, const char *db, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1] = { (char *)"gen" };
	va_list ap;

	va_start(ap, db);
	harness_args_va(argv, 1, ap);
	va_end(ap);
	harness_run_argv(&fx->last, db, NULL, NULL, argv);
}

static void test_cli_refuses_bad_arguments(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *reps, *months, *seed, *says;
	} cases[] = {
		{ "0", "6", "1", "--reps" },
		{ "100001", "6", "1", "--reps" },
		{ "ten", "6", "1", "--reps" },
		{ "10", "0", "1", "--months" },
		{ "10", "121", "1", "--months" },
		{ "10", "6", "-1", "--seed" },
		{ "10", "6", "18446744073709551616", "--seed" },
		{ "10", "6", "1x", "--seed" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_gen(fx, fx->db_a, "--reps", cases[i].reps, "--months", cases[i].months,
		        "--seed", cases[i].seed, NULL);
		if (fx->last.status != 2 || !strstr(fx->last.err, cases[i].says))
			fail_msg("gen --reps %s --months %s --seed %s: exit %d, %s", cases[i].reps,
			         cases[i].months, cases[i].seed, fx->last.status, fx->last.err);
	}
	run_gen(fx, fx->db_a, "--reps", "10", "--months", "6", NULL);
	assert_int_equal(fx->last.status, 2);
	assert_non_null(strstr(fx->last.err, "--seed"));
	/* Refused arguments leave no database behind. */
	assert_int_equal(access(fx->db_a, F_OK), -1);

	/* The largest seed is a seed; the same slug again is refused and changes nothing. */
	run_gen(fx, fx->db_a, "--reps", "12", "--months", "1", "--seed", "18446744073709551615",
	        NULL);
	assert_int_equal(fx->last.status, 0);
	run_gen(fx, fx->db_a, "--reps", "12", "--months", "1", "--seed", "18446744073709551615",
	        NULL);
	assert_int_equal(fx->last.status, 2);
	assert_non_null(strstr(fx->last.err, "exists already"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_same_seed_same_data),           T(test_other_seed_other_data),
		T(test_every_model_and_kind_is_there), T(test_references_stay_in_the_organisation),
		T(test_nothing_held_lies_ahead),       T(test_domain_accepts_every_record),
		T(test_taken_slug_changes_nothing),    T(test_parameters_are_checked),
		T(test_cli_refuses_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
