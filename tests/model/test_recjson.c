/*
 * test_recjson.c - src/model/recjson.c: recjson_write writes, byte for
 * byte, the text json_dumps(JSON_COMPACT) makes of recjson_object, for
 * records of every kind with every field set, null or absent, values that
 * need escaping or repair, and each way of treating private fields.
 */
#include <float.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/jsonw.h"
#include "model/entity.h"
#include "model/recjson.h"
#include "model/record.h"

static const char *const texts[] = {
	"plain",
	"",
	"say \"no\" \\ twice",
	"line\nbreak\ttab\r\x01\x1f\x7f",
	"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\xa8",
	"not UTF-8: \xff\xc0\xaf \xe2\x82",
};
static const int64_t ints[] = { 0, 1, -7, 1548060, INT64_MAX, INT64_MIN };
static const double reals[] = { 0.0, -0.0, 0.1, 1.5, 8.333333333333334, 1e300, 2.5e-7, 100.0 };

/* recjson_write of rec against json_dumps of recjson_object, in every privacy mode. */
static void same(const struct record *rec)
{
	static const enum recjson_private modes[] = { RJ_OMIT, RJ_REDACT, RJ_SHOW };

	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		json_t *obj = recjson_object(rec, modes[m]);
		assert_non_null(obj);
		char *want = json_dumps(obj, JSON_COMPACT);
		json_decref(obj);
		assert_non_null(want);

		struct jsonw w;
		char *got = NULL;
		size_t len = 0;
		jsonw_init(&w, 1 << 20);
		recjson_write(&w, rec, modes[m]);
		assert_int_equal(jsonw_finish(&w, &got, &len), SC_OK);
		if (strcmp(got, want) != 0)
			fail_msg("%s, mode %zu:\n  jansson %s\n  jsonw   %s", rec->def->name, m,
			         want, got);
		free(got);
		free(want);
	}
}

/* A record of kind k: field i set from the tables (shifted by round), null or absent. */
static struct record *make(enum entity_kind k, size_t round)
{
	const struct entity_def *def = entity_get(k);
	struct record *rec = record_new(def);

	assert_non_null(rec);
	rec->id = round % 3 ? (int64_t)(round * 1000 + k) : 0;
	for (size_t i = 0; i < def->nfields; i++) {
		size_t pick = i + round;
		if (pick % 7 == 5) {
			record_set_null(rec, (int)i);
			continue;
		}
		if (pick % 7 == 6)
			continue; /* absent */
		switch (def->fields[i].type) {
		case FT_INT:
		case FT_REF:
		case FT_BOOL:
			record_set_int(rec, (int)i, ints[pick % (sizeof(ints) / sizeof(ints[0]))]);
			break;
		case FT_REAL:
			record_set_real(rec, (int)i,
			                reals[pick % (sizeof(reals) / sizeof(reals[0]))]);
			break;
		default:
			assert_int_equal(
			        record_set_text(rec, (int)i,
			                        texts[pick % (sizeof(texts) / sizeof(texts[0]))]),
			        SC_OK);
		}
	}
	return rec;
}

static void test_every_kind_as_recjson_object(void **state)
{
	(void)state;
	for (int k = 0; k < E_COUNT; k++) {
		for (size_t round = 0; round < 14; round++) {
			struct record *rec = make((enum entity_kind)k, round);
			same(rec);
			record_free(&rec);
		}
		/* Nothing set at all. */
		struct record *rec = record_new(entity_get((enum entity_kind)k));
		same(rec);
		record_free(&rec);
	}
}

/* A list page as the API writes it: the records one after the other in an array. */
static void test_records_in_an_array(void **state)
{
	struct record_list list = { 0 };
	struct jsonw w;
	char *got = NULL;
	size_t len = 0;
	(void)state;

	for (size_t round = 0; round < 5; round++)
		assert_int_equal(record_list_push(&list, make(E_SESSION, round)), SC_OK);
	json_t *arr = recjson_array(&list, RJ_SHOW);
	char *want = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	jsonw_init(&w, 1 << 20);
	jsonw_array_open(&w);
	for (size_t i = 0; i < list.n; i++)
		recjson_write(&w, list.items[i], RJ_SHOW);
	jsonw_array_close(&w);
	assert_int_equal(jsonw_finish(&w, &got, &len), SC_OK);
	assert_string_equal(got, want);
	free(got);
	free(want);
	record_list_release(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_as_recjson_object),
		cmocka_unit_test(test_records_in_an_array),
	};
	return cmocka_run_group_tests_name("recjson", tests, NULL, NULL);
}
