/*
 * fuzz_http_request.c - the HTTP server's request parser (src/http/http_parse.c):
 * the input is what a client sends, a request head and what follows it.
 * The head is parsed whole and again as the bytes might arrive (in pieces
 * whose sizes come from the input, and byte by byte when it is short); a
 * chunked body after it is decoded the same two ways.
 *
 * What must hold: however the bytes are split the answer is the same; a
 * parsed head lies inside the input and within max_header, its pieces are
 * what the grammar allows (a token method, a target starting with / or
 * being *, token field names, values without CR, LF or other controls but
 * HT), at most 100 fields, a body length within max_body; a refusal is one
 * of the statuses the contract names, with a code and a message; a head
 * still incomplete is within max_header; a decoded body is within max_body
 * and never reads past what it was given.
 *
 * Build by hand: clang -g -fsanitize=fuzzer,address,undefined -I src
 * tests/fuzz/fuzz_http_request.c src/http/http_parse.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_parse.h"

/* Small limits, so that short inputs reach them too. */
static const struct http_parse_limits lim = { .max_line = 512,
	                                      .max_header = 2048,
	                                      .max_body = 4096 };

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz_http_request: %s:%d: broken: %s\n", __FILE__,        \
			        __LINE__, #cond);                                                  \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static bool is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool span_inside(struct http_span s, size_t len)
{
	return (size_t)s.off <= len && (size_t)s.len <= len - s.off;
}

/* A parsed head: inside buf[0..len) and what the grammar allows. */
static void check_head(const struct http_head *h, const char *buf, size_t len)
{
	CHECK(h->len > 0 && h->len <= len && h->len <= lim.max_header);
	CHECK(h->len >= 4 && memcmp(buf + h->len - 4, "\r\n\r\n", 4) == 0);
	CHECK(span_inside(h->method, h->len) && span_inside(h->target, h->len));
	CHECK(h->method.len > 0 && h->target.len > 0);
	for (uint32_t i = 0; i < h->method.len; i++)
		CHECK(is_tchar((unsigned char)buf[h->method.off + i]));
	CHECK(buf[h->target.off] == '/' ||
	      (h->target.len == 1 && buf[h->target.off] == '*' && h->method.len == 7 &&
	       memcmp(buf + h->method.off, "OPTIONS", 7) == 0));
	for (uint32_t i = 0; i < h->target.len; i++) {
		unsigned char c = (unsigned char)buf[h->target.off + i];

		CHECK(c > 0x20 && c < 0x7f);
	}
	CHECK(h->minor == 0 || h->minor == 1);
	CHECK(h->nfields <= HTTP_PARSE_MAX_FIELDS);
	for (unsigned i = 0; i < h->nfields; i++) {
		const struct http_field *f = &h->fields[i];

		CHECK(span_inside(f->name, h->len) && span_inside(f->value, h->len));
		CHECK(f->name.len > 0);
		for (uint32_t k = 0; k < f->name.len; k++)
			CHECK(is_tchar((unsigned char)buf[f->name.off + k]));
		CHECK(buf[f->name.off + f->name.len] == ':');
		for (uint32_t k = 0; k < f->value.len; k++) {
			unsigned char c = (unsigned char)buf[f->value.off + k];

			CHECK(c == '\t' || (c >= 0x20 && c != 0x7f));
		}
		if (f->value.len) /* no whitespace around a value */
			CHECK(buf[f->value.off] != ' ' && buf[f->value.off] != '\t' &&
			      buf[f->value.off + f->value.len - 1] != ' ' &&
			      buf[f->value.off + f->value.len - 1] != '\t');
	}
	CHECK(h->content_length <= lim.max_body);
	CHECK(!h->chunked || h->content_length == 0);
	CHECK(!h->chunked || h->minor == 1);
}

static void check_refusal(const struct http_refusal *why)
{
	CHECK(why->status == 400 || why->status == 413 || why->status == 414 ||
	      why->status == 431 || why->status == 505);
	CHECK(why->code && why->code[0] && why->message && why->message[0]);
}

/* Parse buf[0..len) arriving in pieces (sizes from seed; 1 byte each when bytewise). */
static enum http_parse_status parse_split(const char *buf, size_t len, uint32_t seed, bool bytewise,
                                          struct http_head *h, struct http_refusal *why)
{
	struct http_head_scan scan;
	enum http_parse_status st = HTTP_PARSE_MORE;
	size_t have = 0;

	http_head_scan_init(&scan);
	while (have < len) {
		seed = seed * 1103515245u + 12345u;
		have += bytewise ? 1 : 1 + (seed >> 16) % 64;
		if (have > len)
			have = len;
		st = http_head_parse(&scan, buf, have, &lim, h, why);
		if (st != HTTP_PARSE_MORE)
			break;
		CHECK(have <= lim.max_header);
	}
	if (len == 0)
		st = http_head_parse(&scan, buf, 0, &lim, h, why);
	return st;
}

/* Decode a chunked body from in[0..len) in pieces; the status, its data in out, where it ended. */
static enum http_parse_status decode(const char *in, size_t len, uint32_t seed, char *out,
                                     size_t *out_len, size_t *end, struct http_refusal *why)
{
	struct http_chunked c;
	enum http_parse_status st = HTTP_PARSE_MORE;
	size_t have = 0, off = 0;

	http_chunked_init(&c, lim.max_body);
	*out_len = 0;
	while (st == HTTP_PARSE_MORE && have < len) {
		seed = seed * 1103515245u + 12345u;
		have += seed ? 1 + (seed >> 16) % 32 : len;
		if (have > len)
			have = len;
		while (st == HTTP_PARSE_MORE && off < have) {
			size_t used = 0, doff = 0, dlen = 0;

			st = http_chunked_next(&c, in + off, have - off, &used, &doff, &dlen, why);
			CHECK(used <= have - off);
			CHECK(dlen == 0 || (doff <= used && dlen <= used - doff));
			CHECK(*out_len + dlen <= lim.max_body);
			memcpy(out + *out_len, in + off + doff, dlen);
			*out_len += dlen;
			off += used;
			if (st == HTTP_PARSE_MORE && used == 0)
				break;
		}
	}
	CHECK(c.total == *out_len);
	*end = off;
	return st;
}

static void check_body(const char *in, size_t len, uint32_t seed)
{
	static char a[4096], b[4096];
	size_t alen, blen, aend, bend;
	struct http_refusal wa, wb;
	enum http_parse_status sa = decode(in, len, 0, a, &alen, &aend, &wa);
	enum http_parse_status sb = decode(in, len, seed | 1, b, &blen, &bend, &wb);

	CHECK(sa == sb);
	CHECK(sa != HTTP_PARSE_PREFACE);
	if (sa == HTTP_PARSE_REFUSED) {
		CHECK(wa.status == wb.status);
		CHECK(wa.status == 400 || wa.status == 413 || wa.status == 431);
		return;
	}
	CHECK(alen == blen && memcmp(a, b, alen) == 0);
	if (sa == HTTP_PARSE_DONE)
		CHECK(aend == bend && aend <= len && aend >= 5); /* "0\r\n\r\n" at least */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct http_head whole, split;
	struct http_refusal w1, w2;
	const char *buf = (const char *)data;
	uint32_t seed = size ? data[size - 1] : 0;
	enum http_parse_status s1, s2;
	struct http_head_scan scan;

	http_head_scan_init(&scan);
	s1 = http_head_parse(&scan, buf, size, &lim, &whole, &w1);
	s2 = parse_split(buf, size, seed, size <= 512, &split, &w2);
	/* However the bytes arrive, the same answer; a head found early is the same head. */
	CHECK(s1 == s2);
	if (s1 == HTTP_PARSE_MORE)
		CHECK(size <= lim.max_header);
	if (s1 == HTTP_PARSE_REFUSED) {
		check_refusal(&w1);
		CHECK(w1.status == w2.status && w1.limit == w2.limit);
	}
	if (s1 != HTTP_PARSE_DONE)
		return 0;
	check_head(&whole, buf, size);
	CHECK(memcmp(&whole, &split, sizeof(whole)) == 0);
	if (whole.chunked)
		check_body(buf + whole.len, size - whole.len, seed);
	return 0;
}
