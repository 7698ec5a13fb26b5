/*
 * fuzz_text.c - text and numbers at every door (src/base/text.c): the UTF-8
 * check and repair, the quoting of what a user typed into messages, and the
 * decimal and whole numbers of fields, settings and query strings.
 *
 * The input is the text itself; the C-string functions read it up to its
 * first NUL, as they read arguments and JSON strings.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "invariant.h"

/* s matches -?[0-9]+ (whole) or -?[0-9]+(.[0-9]+)? (decimal), read independently of text.c. */
static bool grammar(const char *s, bool decimal)
{
	size_t i = s[0] == '-', digits = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (!digits)
		return false;
	if (decimal && s[i] == '.') {
		size_t frac = 0;
		i++;
		while (s[i] >= '0' && s[i] <= '9')
			i++, frac++;
		if (!frac)
			return false;
	}
	return s[i] == '\0';
}

/* The value of a whole-number text that grammar() accepts, if it fits in int64. */
static bool whole_value(const char *s, int64_t *out)
{
	bool neg = s[0] == '-';
	__int128 v = 0;

	for (const char *p = s + neg; *p; p++) {
		v = v * 10 + (*p - '0');
		if (v > (__int128)INT64_MAX + 1)
			return false;
	}
	if (neg)
		v = -v;
	if (v > INT64_MAX || v < INT64_MIN)
		return false;
	*out = (int64_t)v;
	return true;
}

static void check_problems(const char *s, size_t n)
{
	bool valid = text_utf8_valid(s, n);
	size_t at1 = SIZE_MAX, at2 = SIZE_MAX;
	enum text_problem one = text_check(s, n, false, &at1);
	enum text_problem multi = text_check(s, n, true, &at2);

	/* Only invalid bytes are "not UTF-8", and every invalid text has a problem. */
	if (valid) {
		FUZZ_ASSERT(one != TEXT_NOT_UTF8 && multi != TEXT_NOT_UTF8,
		            "text_check says not UTF-8, text_utf8_valid says valid: %s",
		            fuzz_show(s, n));
	} else {
		FUZZ_ASSERT(one != TEXT_FINE && multi != TEXT_FINE,
		            "invalid UTF-8 passes text_check: %s", fuzz_show(s, n));
	}
	/* Multi-line text allows more, never less; it never complains of line breaks. */
	FUZZ_ASSERT(multi != TEXT_LINE_BREAK, "multi-line text refused for a line break");
	if (one == TEXT_FINE)
		FUZZ_ASSERT(multi == TEXT_FINE, "one line passes, multi-line refuses: %s",
		            fuzz_show(s, n));
	/* The position is that of the first problem: everything before it passes. */
	if (one != TEXT_FINE) {
		FUZZ_ASSERT(at1 < n, "problem at %zu of %zu bytes", at1, n);
		FUZZ_ASSERT(text_check(s, at1, false, NULL) == TEXT_FINE,
		            "the bytes before the problem at %zu do not pass: %s", at1,
		            fuzz_show(s, n));
	}
	if (multi != TEXT_FINE) {
		FUZZ_ASSERT(at2 < n && at1 <= at2, "multi-line problem at %zu, one-line at %zu",
		            at2, at1);
		FUZZ_ASSERT(text_check(s, at2, true, NULL) == TEXT_FINE,
		            "the bytes before the problem at %zu do not pass: %s", at2,
		            fuzz_show(s, n));
	}
}

static void check_repair(const char *s, size_t n)
{
	char *r = text_utf8_repair(s, n), *rr;
	size_t rn;

	FUZZ_ASSERT(r != NULL, "text_utf8_repair returned NULL");
	rn = strlen(r);
	FUZZ_ASSERT(rn <= 3 * n, "repair grew %zu bytes to %zu", n, rn);
	FUZZ_ASSERT(text_utf8_valid(r, rn), "the repair of %s is not UTF-8: %s", fuzz_show(s, n),
	            fuzz_show(r, rn));
	if (text_utf8_valid(s, n))
		FUZZ_ASSERT(rn == n && memcmp(r, s, n) == 0, "repair changed valid text %s",
		            fuzz_show(s, n));
	rr = text_utf8_repair(r, rn);
	FUZZ_ASSERT(rr && strcmp(rr, r) == 0, "repair is not idempotent on %s", fuzz_show(s, n));
	free(rr);
	free(r);
}

static void check_quote(const char *s, size_t n)
{
	static const size_t sizes[] = { 1, 2, 3, 4, 5, 8, 17, 64, 600 };
	bool clean = text_check(s, n, false, NULL) == TEXT_FINE;

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t size = sizes[k];
		char *out = malloc(size); /* exactly: ASan sees a write past it */
		size_t on;

		FUZZ_ASSERT(out != NULL, "no memory");
		FUZZ_ASSERT(text_quote(s, out, size) == out, "text_quote returns its buffer");
		on = strlen(out);
		FUZZ_ASSERT(on < size, "quote of %zu bytes into %zu", on, size);
		/* What a message quotes is one line of UTF-8 without control characters. */
		FUZZ_ASSERT(text_check(out, on, false, NULL) == TEXT_FINE,
		            "quoted %s as %s, which is not clean text", fuzz_show(s, n),
		            fuzz_show(out, on));
		if (clean && n < size)
			FUZZ_ASSERT(on == n && memcmp(out, s, n) == 0, "clean text %s quoted as %s",
			            fuzz_show(s, n), fuzz_show(out, on));
		if (clean)
			FUZZ_ASSERT(memcmp(out, s, on) == 0,
			            "clean text %s cut to %s, not a prefix", fuzz_show(s, n),
			            fuzz_show(out, on));
		free(out);
	}
}

static void check_numbers(const char *s, size_t n)
{
	double d = NAN;
	int64_t v = 0, ref = 0;
	bool dec = text_decimal(s, &d);
	bool dec_ref = grammar(s, true) && n <= 40;

	FUZZ_ASSERT(dec == dec_ref, "text_decimal(%s) is %d, the grammar says %d", fuzz_show(s, n),
	            dec, dec_ref);
	if (dec) {
		FUZZ_ASSERT(isfinite(d), "text_decimal(%s) gave %g", fuzz_show(s, n), d);
		FUZZ_ASSERT(s[0] == '-' ? d <= 0 : d >= 0, "text_decimal(%s) gave %g: wrong sign",
		            fuzz_show(s, n), d);
		FUZZ_ASSERT(d == strtod(s, NULL), "text_decimal(%s) gave %.17g", fuzz_show(s, n),
		            d);
	}

	static const struct {
		int64_t min, max;
	} ranges[] = { { INT64_MIN, INT64_MAX }, { 1, INT64_MAX }, { 0, 1000 }, { -5, 5 } };
	for (size_t k = 0; k < sizeof(ranges) / sizeof(ranges[0]); k++) {
		int64_t min = ranges[k].min, max = ranges[k].max;
		bool ok = text_whole(s, min, max, &v);
		bool ok_ref = grammar(s, false) && whole_value(s, &ref) && ref >= min && ref <= max;

		FUZZ_ASSERT(ok == ok_ref, "text_whole(%s, %" PRId64 ", %" PRId64 ") is %d, not %d",
		            fuzz_show(s, n), min, max, ok, ok_ref);
		if (ok)
			FUZZ_ASSERT(v == ref, "text_whole(%s) gave %" PRId64 ", not %" PRId64,
			            fuzz_show(s, n), v, ref);
		/* A whole number is also a decimal one, of the same value. */
		if (ok && n <= 40)
			FUZZ_ASSERT(dec && d == (double)v, "whole %s is not the decimal %.17g",
			            fuzz_show(s, n), d);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *bytes = (const char *)data;
	char *s = fuzz_copy(data, size);
	size_t n = strlen(s);

	check_problems(bytes, size);
	check_repair(s, n);
	check_quote(s, n);
	check_numbers(s, n);
	free(s);
	return 0;
}
