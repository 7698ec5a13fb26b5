/*
 * test_jsonw.c - src/base/jsonw.c writes the text jansson's
 * json_dumps(JSON_COMPACT) writes for the same values, byte for byte:
 * tricky strings (quotes, backslashes, every control character, DEL,
 * non-ASCII, U+2028), text that is not UTF-8 (as recjson repairs it),
 * integers, reals and whole documents; and it keeps to its maximum.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/jsonw.h"
#include "base/text.h"

/* What json_dumps writes for v (stolen), compact, a scalar too. Owned. */
static char *jansson_text(json_t *v)
{
	assert_non_null(v);
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(v);
	assert_non_null(s);
	return s;
}

/* What the writer w holds, finished. Owned. */
static char *finished(struct jsonw *w)
{
	char *text = NULL;
	size_t len = 0;
	assert_int_equal(jsonw_finish(w, &text, &len), SC_OK);
	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	return text;
}

/* The writer's string of the n bytes at s against jansson's (repaired when not UTF-8). */
static void same_string(const char *s, size_t n)
{
	struct jsonw w;
	json_t *v;

	if (text_utf8_valid(s, n)) {
		v = json_stringn(s, n);
	} else {
		/* jansson refuses it; recjson shows it repaired, and so does the writer.
		 * (text_utf8_repair's copy ends at a NUL: repaired here to keep them.) */
		assert_null(json_stringn(s, n));
		char *fixed = malloc(3 * n + 1);
		size_t i = 0, k = 0, len, bad;
		assert_non_null(fixed);
		while (i < n) {
			if ((len = text_utf8_next(s + i, n - i, &bad))) {
				memcpy(fixed + k, s + i, len);
				k += len;
				i += len;
			} else {
				memcpy(fixed + k, "\xef\xbf\xbd", 3);
				k += 3;
				i += bad;
			}
		}
		if (!memchr(s, '\0', n)) {
			char *repaired = text_utf8_repair(s, n);
			assert_memory_equal(repaired, fixed, k);
			free(repaired);
		}
		v = json_stringn(fixed, k);
		free(fixed);
	}
	char *want = jansson_text(v);
	jsonw_init(&w, 1 << 20);
	jsonw_stringn(&w, s, n);
	char *got = finished(&w);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

#define SAME(lit) same_string(lit, sizeof(lit) - 1)

static void test_strings_as_jansson_writes_them(void **state)
{
	(void)state;
	SAME("");
	SAME("Lena Rossi");
	SAME("lena.rossi.11184@gen-1.example");
	SAME("say \"no\" twice");
	SAME("C:\\path\\to\\file \\\\ \\\"");
	SAME("a/b </script>");
	SAME("line\nbreak\r\nand\ttab");
	SAME("\b\f\v\a\x1b\x1f");
	SAME("\x7f DEL stays");
	SAME("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");      /* é € 😀 */
	SAME("line\xe2\x80\xa8separator\xe2\x80\xa9paragraph"); /* U+2028, U+2029 */
	SAME("\xc2\x80\xc2\x9f C1 controls");                   /* U+0080, U+009F */
	SAME("\xef\xbf\xbd\xef\xbb\xbf\xf4\x8f\xbf\xbf");       /* U+FFFD, BOM, U+10FFFF */
	SAME("nul\0inside");
	SAME("\0");
	/* Every control character alone and between text. */
	for (int c = 0; c < 0x20; c++) {
		char one[8] = { 'a', (char)c, 'b' };
		same_string(one, 3);
		same_string(one + 1, 1);
	}
	/* Longer than the first buffer, with escapes across its end. */
	char big[5000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = "ab\"\\\n\x01\xc3\xa9"[i % 8];
	big[sizeof(big) - 1] = 'z';
	same_string(big, sizeof(big));
}

static void test_text_that_is_not_utf8_is_repaired(void **state)
{
	(void)state;
	SAME("caf\xe9");
	SAME("Jan \xff");
	SAME("\xe2\x82x");
	SAME("\xc0\xaf");
	SAME("\xed\xa0\x80 surrogate");
	SAME("\xf4\x90\x80\x80 past U+10FFFF");
	SAME("cut short \xe2\x82");
	SAME("\x80\"\xbf\\\n");
}

/*
 * Every byte value at every place of a run of plain text, which the writer
 * copies eight bytes at a time: a byte that needs an escape or a UTF-8 check
 * must be seen wherever it stands in the word, and only then. Also the
 * characters just beside the bounds (0x1f/0x20, 0x7f/0x80, '"' and '\\'
 * beside their neighbours) next to each other.
 */
static void test_every_byte_at_every_place_of_a_word(void **state)
{
	char s[24];
	(void)state;

	for (int c = 0; c < 256; c++) {
		for (size_t at = 0; at < sizeof(s); at++) {
			memset(s, 'x', sizeof(s));
			s[at] = (char)c;
			same_string(s, sizeof(s));
			same_string(s, at + 1);
		}
	}
	static const char pairs[] = "\x1f\x20\x21\x22\x23\x5b\x5c\x5d\x7e\x7f\x80\xff";
	for (size_t a = 0; a + 1 < sizeof(pairs); a++)
		for (size_t b = 0; b + 1 < sizeof(pairs); b++) {
			memset(s, ' ', 16);
			s[7] = pairs[a];
			s[8] = pairs[b];
			same_string(s, 16);
		}
}

/* Strings of bytes chosen at random among the tricky ones, against jansson. */
static void test_random_strings(void **state)
{
	static const unsigned char bytes[] = { 'a',  ' ',  '"',  '\\', '/',  '\n', '\t', 0x00,
		                               0x01, 0x1f, 0x7f, 0x80, 0xbf, 0xc2, 0xc3, 0xa9,
		                               0xe2, 0x82, 0xac, 0x80, 0xa8, 0xed, 0xa0, 0xf0,
		                               0x9f, 0x98, 0xf4, 0x90, 0xff };
	uint32_t seed = 12345;
	char s[48];
	(void)state;

	for (int round = 0; round < 20000; round++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = (seed >> 16) % sizeof(s);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = (char)bytes[(seed >> 16) % sizeof(bytes)];
		}
		same_string(s, n);
	}
}

static void test_integers(void **state)
{
	static const int64_t values[] = { 0,
		                          1,
		                          -1,
		                          9,
		                          10,
		                          -10,
		                          99,
		                          100,
		                          1548060,
		                          -1548060,
		                          INT32_MAX,
		                          INT32_MIN,
		                          1234567890123456789,
		                          INT64_MAX,
		                          INT64_MIN,
		                          INT64_MIN + 1 };
	(void)state;

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct jsonw w;
		char *want = jansson_text(json_integer(values[i]));
		jsonw_init(&w, 64);
		jsonw_int(&w, values[i]);
		char *got = finished(&w);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

static void test_reals(void **state)
{
	static const double values[] = { 0.0,
		                         -0.0,
		                         1.0,
		                         -1.0,
		                         0.1,
		                         0.5,
		                         1.5,
		                         -2.25,
		                         3.5,
		                         8.333333333333334,
		                         1.0 / 3,
		                         2.0 / 3,
		                         100.0,
		                         1e15,
		                         1e16,
		                         1e17,
		                         1e21,
		                         1e22,
		                         1e100,
		                         1e300,
		                         1e-5,
		                         2.5e-7,
		                         1e-300,
		                         5e-324,
		                         DBL_MIN,
		                         DBL_MAX,
		                         -DBL_MAX,
		                         123456789012345678.0,
		                         0.30000000000000004,
		                         21.67,
		                         4.9e-324 };
	(void)state;

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct jsonw w;
		char *want = jansson_text(json_real(values[i]));
		jsonw_init(&w, 64);
		jsonw_real(&w, values[i]);
		char *got = finished(&w);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

/* JSON has no NaN or infinity: the writer fails, as json_real refuses them. */
static void test_reals_that_are_not_finite_fail(void **state)
{
	static const double bad[] = { NAN, INFINITY, -INFINITY };
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct jsonw w;
		char *text = (char *)"x";
		size_t len = 1;
		assert_null(json_real(bad[i]));
		jsonw_init(&w, 64);
		jsonw_array_open(&w);
		jsonw_real(&w, bad[i]);
		jsonw_int(&w, 1); /* sticky: nothing more is written */
		jsonw_array_close(&w);
		assert_int_not_equal(jsonw_finish(&w, &text, &len), SC_OK);
		assert_null(text);
		assert_int_equal(len, 0);
		assert_null(w.buf);
	}
}

/* The shape of GET /api/me/coachees, built both ways. */
static void test_a_whole_document(void **state)
{
	struct jsonw w;
	(void)state;

	json_t *items = json_array();
	for (int i = 0; i < 3; i++)
		json_array_append_new(
		        items, json_pack("{s:I,s:I,s:s,s:{s:I,s:s,s:s},s:o,s:o,s:b,s:f}",
		                         "assignment", (json_int_t)(9026 + i), "programme",
		                         (json_int_t)1028, "status", "active", "coachee", "id",
		                         (json_int_t)(11185 + i), "name", "D\xc3\xa1niel \"Q\"",
		                         "email", "daniel@example.com", "last_session",
		                         i ? json_pack("{s:I,s:s}", "id", (json_int_t)i, "at",
		                                       "2026-12-03T10:00:00Z")
		                           : json_null(),
		                         "next_session", json_object(), "intro", i == 1, "hours",
		                         1.5 * i));
	char *want = jansson_text(json_pack("{s:o,s:[],s:{}}", "items", items, "none", "empty"));

	jsonw_init(&w, 1 << 16);
	jsonw_object_open(&w);
	jsonw_key(&w, "items");
	jsonw_array_open(&w);
	for (int i = 0; i < 3; i++) {
		jsonw_object_open(&w);
		jsonw_key(&w, "assignment");
		jsonw_int(&w, 9026 + i);
		jsonw_key(&w, "programme");
		jsonw_int(&w, 1028);
		jsonw_key(&w, "status");
		jsonw_string(&w, "active");
		jsonw_key(&w, "coachee");
		jsonw_object_open(&w);
		jsonw_key(&w, "id");
		jsonw_int(&w, 11185 + i);
		jsonw_key(&w, "name");
		jsonw_string(&w, "D\xc3\xa1niel \"Q\"");
		jsonw_key(&w, "email");
		jsonw_string(&w, "daniel@example.com");
		jsonw_object_close(&w);
		jsonw_key(&w, "last_session");
		if (i) {
			jsonw_object_open(&w);
			jsonw_key(&w, "id");
			jsonw_int(&w, i);
			jsonw_key(&w, "at");
			jsonw_string(&w, "2026-12-03T10:00:00Z");
			jsonw_object_close(&w);
		} else {
			jsonw_string(&w, NULL);
		}
		jsonw_key(&w, "next_session");
		jsonw_object_open(&w);
		jsonw_object_close(&w);
		jsonw_key(&w, "intro");
		jsonw_bool(&w, i == 1);
		jsonw_key(&w, "hours");
		jsonw_real(&w, 1.5 * i);
		jsonw_object_close(&w);
	}
	jsonw_array_close(&w);
	jsonw_key(&w, "none");
	jsonw_array_open(&w);
	jsonw_array_close(&w);
	jsonw_key(&w, "empty");
	jsonw_object_open(&w);
	jsonw_object_close(&w);
	jsonw_object_close(&w);
	char *got = finished(&w);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* Keys are escaped like strings. */
static void test_keys_are_escaped(void **state)
{
	struct jsonw w;
	(void)state;

	char *want = jansson_text(json_pack("{s:n}", "a\"b\\c\n\xe2\x80\xa8"));
	jsonw_init(&w, 64);
	jsonw_object_open(&w);
	jsonw_key(&w, "a\"b\\c\n\xe2\x80\xa8");
	jsonw_null(&w);
	jsonw_object_close(&w);
	char *got = finished(&w);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* The text never grows past the maximum: the writer fails instead, and stays failed. */
static void test_maximum(void **state)
{
	struct jsonw w;
	char *text;
	size_t len;
	(void)state;

	jsonw_init(&w, 8);
	jsonw_string(&w, "123456"); /* "123456" is 8 bytes: fits exactly */
	text = finished(&w);
	assert_string_equal(text, "\"123456\"");
	free(text);

	jsonw_string(&w, "1234567");
	assert_int_equal(jsonw_finish(&w, &text, &len), SC_INVALID);
	assert_null(text);

	jsonw_array_open(&w);
	jsonw_string(&w, "\n\n\n"); /* escapes count: [ "\n\n\n" is 9 bytes */
	jsonw_null(&w);
	assert_int_equal(jsonw_finish(&w, &text, &len), SC_INVALID);

	/* At every maximum around a text's length: written whole when it fits, else refused. */
	static const char tricky[] = "\"caf\xc3\xa9\"\n\x01\xe2\x80\xa8\xff\\ 1";
	char *want = jansson_text(json_string("\"caf\xc3\xa9\"\n\x01\xe2\x80\xa8\xef\xbf\xbd\\ 1"));
	size_t need = strlen(want);
	for (size_t max = need - 8; max <= need + 8; max++) {
		jsonw_init(&w, max);
		jsonw_string(&w, tricky);
		if (max < need) {
			assert_int_equal(jsonw_finish(&w, &text, &len), SC_INVALID);
			continue;
		}
		text = finished(&w);
		assert_string_equal(text, want);
		free(text);
	}
	free(want);

	/* The same with keys, commas and colons around it. */
	want = jansson_text(json_pack("{s:s,s:[s,s]}", "k\n", "v", "\xc3\xa9",
	                              "\"caf\xc3\xa9\"\n\x01\xe2\x80\xa8\xef\xbf\xbd\\ 1", ""));
	need = strlen(want);
	for (size_t max = need - 12; max <= need + 12; max++) {
		jsonw_init(&w, max);
		jsonw_object_open(&w);
		jsonw_key(&w, "k\n");
		jsonw_string(&w, "v");
		jsonw_key(&w, "\xc3\xa9");
		jsonw_array_open(&w);
		jsonw_string(&w, tricky);
		jsonw_string(&w, "");
		jsonw_array_close(&w);
		jsonw_object_close(&w);
		if (max < need) {
			assert_int_equal(jsonw_finish(&w, &text, &len), SC_INVALID);
			continue;
		}
		text = finished(&w);
		assert_string_equal(text, want);
		free(text);
	}
	free(want);

	/* Finished, the writer starts again empty; nothing written is "". */
	text = finished(&w);
	assert_string_equal(text, "");
	free(text);
	jsonw_release(&w);
	jsonw_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_as_jansson_writes_them),
		cmocka_unit_test(test_every_byte_at_every_place_of_a_word),
		cmocka_unit_test(test_text_that_is_not_utf8_is_repaired),
		cmocka_unit_test(test_random_strings),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_reals_that_are_not_finite_fail),
		cmocka_unit_test(test_a_whole_document),
		cmocka_unit_test(test_keys_are_escaped),
		cmocka_unit_test(test_maximum),
	};
	return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
