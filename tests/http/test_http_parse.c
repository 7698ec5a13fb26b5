/*
 * test_http_parse.c - the request parser and the chunked decoder
 * (http/http_parse.h) in memory: what a good head gives, that the answer
 * does not depend on how the bytes are split, and each refusal with its
 * status, as early as it can be made.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/http_parse.h"

static const struct http_parse_limits lim = { .max_line = 256,
	                                      .max_header = 1024,
	                                      .max_body = 1000 };

/* Parse text whole with a fresh scan; the status, and *head and *why as the parser left them. */
static enum http_parse_status parse(const char *text, size_t len, struct http_head *head,
                                    struct http_refusal *why)
{
	struct http_head_scan scan;

	http_head_scan_init(&scan);
	return http_head_parse(&scan, text, len, &lim, head, why);
}

/* Parse text fed one byte more at a time: MORE until its last byte, then the status. */
static enum http_parse_status parse_bytewise(const char *text, size_t len, struct http_head *head,
                                             struct http_refusal *why, size_t *at)
{
	struct http_head_scan scan;
	enum http_parse_status st = HTTP_PARSE_MORE;

	http_head_scan_init(&scan);
	for (*at = 1; *at <= len; (*at)++) {
		st = http_head_parse(&scan, text, *at, &lim, head, why);
		if (st != HTTP_PARSE_MORE)
			return st;
	}
	return st;
}

static bool span_is(const char *buf, struct http_span s, const char *text)
{
	return s.len == strlen(text) && memcmp(buf + s.off, text, s.len) == 0;
}

static void test_a_good_head(void **state)
{
	static const char req[] = "GET /api/people?limit=10 HTTP/1.1\r\nHost: example.com\r\n"
	                          "X-Empty:\r\nX-Spaces: \t a b \t\r\nAccept: */*\r\n\r\nBODY";
	struct http_head head, again;
	struct http_refusal why;
	const struct http_field *f;
	size_t at;

	(void)state;
	assert_int_equal(parse(req, sizeof(req) - 1, &head, &why), HTTP_PARSE_DONE);
	assert_true(span_is(req, head.method, "GET"));
	assert_true(span_is(req, head.target, "/api/people?limit=10"));
	assert_int_equal(head.minor, 1);
	assert_int_equal(head.len, sizeof(req) - 1 - 4); /* "BODY" is not the head's */
	assert_int_equal(head.nfields, 4);
	assert_true(span_is(req, head.fields[0].name, "Host"));
	assert_true(span_is(req, head.fields[0].value, "example.com"));
	assert_true(span_is(req, head.fields[1].value, ""));
	assert_true(span_is(req, head.fields[2].value,
	                    "a b")); /* whitespace around is not the value's */
	f = http_head_field(&head, req, "accept");
	assert_non_null(f);
	assert_true(span_is(req, f->value, "*/*"));
	assert_null(http_head_field(&head, req, "cookie"));
	assert_true(head.keep_alive);
	assert_false(head.chunked);
	assert_int_equal(head.content_length, 0);
	/* Byte by byte: MORE until the empty line's LF, then the same head. */
	assert_int_equal(parse_bytewise(req, sizeof(req) - 1, &again, &why, &at), HTTP_PARSE_DONE);
	assert_int_equal(at, head.len);
	assert_memory_equal(&again, &head, sizeof(head));
}

static void test_connection_body_and_expect(void **state)
{
	struct http_head head;
	struct http_refusal why;
	static const char close11[] =
	        "GET / HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive, close\r\n\r\n";
	static const char old[] = "GET / HTTP/1.0\r\n\r\n";
	static const char old_keep[] = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
	static const char post[] = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0012\r\n"
	                           "Content-Length: 12\r\nExpect: 100-Continue\r\n\r\n";
	static const char chunked[] =
	        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n";

	(void)state;
	assert_int_equal(parse(close11, strlen(close11), &head, &why), HTTP_PARSE_DONE);
	assert_false(head.keep_alive);
	assert_int_equal(parse(old, strlen(old), &head, &why), HTTP_PARSE_DONE);
	assert_int_equal(head.minor, 0);
	assert_false(head.keep_alive); /* and no Host needed */
	assert_int_equal(parse(old_keep, strlen(old_keep), &head, &why), HTTP_PARSE_DONE);
	assert_true(head.keep_alive);
	assert_int_equal(parse(post, strlen(post), &head, &why), HTTP_PARSE_DONE);
	assert_int_equal(head.content_length, 12); /* the same length twice is one */
	assert_true(head.expect_continue);
	assert_int_equal(parse(chunked, strlen(chunked), &head, &why), HTTP_PARSE_DONE);
	assert_true(head.chunked);
}

/* A request that must be refused with status; refused_at: after how many bytes (0: at the end). */
struct bad {
	const char *text;
	int status;
	size_t refused_at;
};

static void test_refusals(void **state)
{
	static const struct bad bad[] = {
		{ "\x16\x03\x01\x02\x00", 400, 1 }, /* a TLS handshake, refused at its first byte */
		{ "GARBAGE\r\n\r\n", 400, 8 },      /* at the first byte that cannot be */
		{ "GET /\r\n\r\n", 400, 6 },
		{ "GET / HTTP/1.1 \r\n", 400, 15 },
		{ " GET / HTTP/1.1\r\n", 400, 1 },
		{ "GET x HTTP/1.1\r\n", 400, 5 },
		{ "OPTIONS *x HTTP/1.1\r\n", 400, 0 },
		{ "GET / HTTP/1.1\nHost: x\n\n", 400, 15 },
		{ "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", 400, 0 },
		{ "GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n", 400, 0 },
		{ "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400, 0 },
		{ "GET / HTTP/1.1\r\nHost: x\r\nA: \x7f\r\n\r\n", 400, 0 },
		{ "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r2\r\n\r\n", 400, 0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400, 0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551616\r\n\r\n", 400,
		  0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9223372036854775808\r\n\r\n", 400,
		  0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9223372036854775807\r\n\r\n", 413,
		  0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
		  400, 0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: "
		  "1\r\n\r\n",
		  400, 0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400,
		  0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
		  "Transfer-Encoding: chunked\r\n\r\n",
		  400, 0 },
		{ "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400, 0 },
		{ "GET / HTTP/1.1\r\n\r\n", 400, 0 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n", 413, 0 },
		{ "GET / HTTP/1.3\r\n\r\n", 505, 16 },
		{ "GET / HTTP/2.0\r\n\r\n", 505, 16 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *t = bad[i].text;
		size_t len = strlen(t), at;
		struct http_head head;
		struct http_refusal why;

		if (parse(t, len, &head, &why) != HTTP_PARSE_REFUSED || why.status != bad[i].status)
			fail_msg("\"%s\" was not refused %d", t, bad[i].status);
		assert_non_null(why.message);
		assert_non_null(why.code);
		assert_int_equal(parse_bytewise(t, len, &head, &why, &at), HTTP_PARSE_REFUSED);
		if (bad[i].refused_at && at != bad[i].refused_at)
			fail_msg("\"%s\" was refused after %zu bytes, not %zu", t, at,
			         bad[i].refused_at);
	}
}

static void test_sizes(void **state)
{
	char buf[4096];
	struct http_head head;
	struct http_refusal why;
	size_t n, at;

	(void)state;
	/* A request line over max_line: 414 as soon as it is that long. */
	n = (size_t)snprintf(buf, sizeof(buf), "GET /");
	memset(buf + n, 'a', 300);
	assert_int_equal(parse_bytewise(buf, n + 300, &head, &why, &at), HTTP_PARSE_REFUSED);
	assert_int_equal(why.status, 414);
	assert_int_equal(why.limit, HTTP_LIMIT_LINE);
	assert_int_equal(at, lim.max_line + 1);
	/* A head over max_header: 431. */
	n = (size_t)snprintf(buf, sizeof(buf), "GET / HTTP/1.1\r\nHost: x\r\nX: ");
	memset(buf + n, 'a', 1100);
	assert_int_equal(parse_bytewise(buf, n + 1100, &head, &why, &at), HTTP_PARSE_REFUSED);
	assert_int_equal(why.status, 431);
	assert_int_equal(why.limit, HTTP_LIMIT_HEADER);
	assert_int_equal(at, lim.max_header + 1);
	/* 100 fields are fine, the 101st is 431. */
	static const struct http_parse_limits roomy = { 256, 4096, 1000 };
	for (int fields = 100; fields <= 101; fields++) {
		struct http_head_scan scan;

		n = (size_t)snprintf(buf, sizeof(buf), "GET / HTTP/1.1\r\nHost: x\r\n");
		for (int i = 1; i < fields; i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "X%d: v\r\n", i);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\r\n");
		http_head_scan_init(&scan);
		assert_int_equal(http_head_parse(&scan, buf, n, &roomy, &head, &why),
		                 fields == 100 ? HTTP_PARSE_DONE : HTTP_PARSE_REFUSED);
	}
	assert_int_equal(why.status, 431);
}

static void test_preface_and_empty_lines(void **state)
{
	static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
	static const char late[] = "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n";
	struct http_head head;
	struct http_refusal why;
	size_t at;

	(void)state;
	assert_int_equal(parse_bytewise(preface, strlen(preface), &head, &why, &at),
	                 HTTP_PARSE_PREFACE);
	assert_int_equal(at, 16); /* known from its request line */
	assert_int_equal(parse(late, strlen(late), &head, &why), HTTP_PARSE_DONE);
	assert_true(span_is(late, head.method, "GET"));
	assert_int_equal(head.len, strlen(late));
	assert_int_equal(parse("\r\n", 2, &head, &why), HTTP_PARSE_MORE);
}

/* Decode a whole chunked body fed step by step in pieces of piece bytes; the status. */
static enum http_parse_status decode(const char *in, size_t len, size_t piece, char *out,
                                     size_t *out_len, size_t *end, struct http_refusal *why)
{
	struct http_chunked c;
	size_t have = 0, off = 0;
	enum http_parse_status st = HTTP_PARSE_MORE;

	http_chunked_init(&c, 1000);
	*out_len = 0;
	while (st == HTTP_PARSE_MORE && off < len) {
		size_t used, doff, dlen;

		have = have + piece < len ? have + piece : len;
		while (st == HTTP_PARSE_MORE && off < have) {
			st = http_chunked_next(&c, in + off, have - off, &used, &doff, &dlen, why);
			assert_true(used <= have - off);
			assert_true(doff + dlen <= used || dlen == 0);
			memcpy(out + *out_len, in + off + doff, dlen);
			*out_len += dlen;
			off += used;
		}
	}
	*end = off;
	return st;
}

static void test_chunked(void **state)
{
	static const char good[] =
	        "5\r\nhello\r\n6;name=\"v\"\r\n world\r\nA \t;x\r\n0123456789\r\n"
	        "0\r\nTrailer: t\r\nX: y\r\n\r\nNEXT";
	static const char *const bad[] = {
		"x\r\n",
		"5\r\nhelloX\r\n",
		"5\nhello\r\n0\r\n\r\n",
		"\r\n",
		"5 x\r\n",
		"5\r\nhello\r\r",
		"0\r\nBad Trailer\r\n\r\n",
		"0\r\n\r\r",
		"0\r\n: v\r\n\r\n",
	};
	char out[256];
	size_t out_len, end;
	struct http_refusal why;

	(void)state;
	for (size_t piece = 1; piece <= sizeof(good); piece++) {
		assert_int_equal(decode(good, sizeof(good) - 1, piece, out, &out_len, &end, &why),
		                 HTTP_PARSE_DONE);
		assert_int_equal(out_len, 21);
		assert_memory_equal(out, "hello world0123456789", 21);
		assert_int_equal(end, sizeof(good) - 1 - 4); /* NEXT is the next request's */
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum http_parse_status st =
		        decode(bad[i], strlen(bad[i]), 1, out, &out_len, &end, &why);

		if (st != HTTP_PARSE_REFUSED || why.status != 400)
			fail_msg("chunked \"%s\" was not refused 400", bad[i]);
	}
	/* Past max_body: 413 as soon as the size has ended, before the data. */
	assert_int_equal(decode("3e9\r\n", 5, 1, out, &out_len, &end, &why), HTTP_PARSE_REFUSED);
	assert_int_equal(why.status, 413);
	assert_int_equal(end, 4);
	assert_int_equal(decode("3e8\r\n", 5, 1, out, &out_len, &end, &why), HTTP_PARSE_MORE);
	/* A size that does not fit 64 bits is malformed, whatever the limit. */
	struct http_chunked c;
	size_t used, doff, dlen;
	http_chunked_init(&c, UINT64_MAX);
	assert_int_equal(
	        http_chunked_next(&c, "11111111111111111\r\n", 19, &used, &doff, &dlen, &why),
	        HTTP_PARSE_REFUSED);
	assert_int_equal(why.status, 400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_good_head),
		cmocka_unit_test(test_connection_body_and_expect),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_preface_and_empty_lines),
		cmocka_unit_test(test_chunked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
