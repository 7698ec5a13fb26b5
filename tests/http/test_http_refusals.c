/*
 * test_http_refusals.c - what the server answers to requests that are not
 * HTTP/1.1 as docs/api.md's Errors table promises, over raw sockets: every
 * refusal is a JSON error with Connection: close, one status line, the
 * handler never called, and the connection closed after it. And the
 * protocol the server speaks itself: HEAD, Expect: 100-continue, keep-alive
 * with pipelined requests, HTTP/1.0, OPTIONS *.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http_client.h"

/* A request that must be refused: its bytes (len 0: strlen), the status and the code. */
struct refusal {
	const char *what;
	const char *bytes;
	size_t len;
	int status;
	const char *code;
};

static const struct refusal refusals[] = {
	{ "TLS handshake", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11, 400, "bad_request" },
	{ "binary garbage", "\x00\x01\x02\xff\xfe\r\n\r\n", 8, 400, "bad_request" },
	{ "GARBAGE", "GARBAGE\r\n\r\n", 0, 400, "bad_request" },
	{ "HTTP/0.9", "GET /\r\n\r\n", 0, 400, "bad_request" },
	{ "target without /", "GET foo HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "bad_request" },
	{ "absolute target", "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "bad_request" },
	{ "* with GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "bad_request" },
	{ "method not a token", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "bad_request" },
	{ "two spaces", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "bad_request" },
	{ "lower-case version", "GET / http/1.1\r\nHost: x\r\n\r\n", 0, 400, "bad_request" },
	{ "header without colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", 0, 400, "bad_request" },
	{ "space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 0, 400, "bad_request" },
	{ "line folding", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 0, 400,
	  "bad_request" },
	{ "control character", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01z\r\n\r\n", 0, 400,
	  "bad_request" },
	{ "NUL in a header", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0z\r\n\r\n", 38, 400,
	  "bad_request" },
	{ "NUL in the target", "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n", 31, 400, "bad_request" },
	{ "bare LF", "GET / HTTP/1.1\nHost: x\n\n", 0, 400, "bad_request" },
	{ "bare CR", "GET / HTTP/1.1\rHost: x\r\n\r\n", 0, 400, "bad_request" },
	{ "Content-Length -1", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 0, 400,
	  "bad_request" },
	{ "Content-Length abc", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 0, 400,
	  "bad_request" },
	{ "Content-Length +5", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello", 0,
	  400, "bad_request" },
	{ "Content-Length empty", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n", 0, 400,
	  "bad_request" },
	{ "Content-Length 1 2", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1 2\r\n\r\n", 0, 400,
	  "bad_request" },
	{ "Content-Length too big to parse",
	  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 0, 400,
	  "bad_request" },
	{ "two Content-Lengths",
	  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 0, 400,
	  "bad_request" },
	{ "Transfer-Encoding and Content-Length",
	  "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
	  "0\r\n\r\n",
	  0, 400, "bad_request" },
	{ "Transfer-Encoding gzip", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
	  0, 400, "bad_request" },
	{ "bad chunk size",
	  "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
	  "chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
	  0, 400, "bad_request" },
	{ "chunk without its CRLF",
	  "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
	  "chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n",
	  0, 400, "bad_request" },
	{ "chunk size with a bare LF",
	  "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n",
	  0, 400, "bad_request" },
	{ "HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 0, 400, "bad_request" },
	{ "two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 0, 400, "bad_request" },
	{ "body over max_body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4097\r\n\r\n", 0,
	  413, "too_large" },
	{ "chunked body over max_body",
	  "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1001\r\n", 0, 413,
	  "too_large" },
	{ "HTTP/3.7", "GET / HTTP/3.7\r\nHost: x\r\n\r\n", 0, 505, "version_not_supported" },
	{ "HTTP/2.0 request line", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 0, 505,
	  "version_not_supported" },
	{ "HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", 0, 505, "version_not_supported" },
};

/* The server of these tests: small limits, so that they are quick to pass. */
static void start_small(struct server *s)
{
	struct http_limits lim;

	test_limits(&lim);
	lim.max_body = 4096;
	lim.max_header = 2048;
	lim.max_line = 1024;
	server_start(s, &lim);
}

/* Send bytes; the answer must be status with code, exactly one of it, and then the close. */
static void expect_refusal(struct server *s, const char *what, const char *bytes, size_t len,
                           int status, const char *code)
{
	struct reply r;
	char v[32];
	double at;
	int fd = dial(s->port);

	(void)send(fd, bytes, len, MSG_NOSIGNAL); /* the server may answer before the end */
	read_reply(fd, &r);
	if (r.status != status)
		fail_msg("%s: answered %d, not %d: %.300s", what, r.status, status, r.raw);
	assert_json_error(&r, code, "");
	assert_true(reply_header(&r, "Connection", v, sizeof(v)));
	assert_string_equal(v, "close");
	/*
	 * One answer and the close: nothing after the head was taken for another
	 * request, and no second status line followed (closed_within fails on
	 * any byte more).
	 */
	if (r.len != (size_t)(r.body - r.raw) + r.body_len || !closed_within(fd, 4.0, &at))
		fail_msg("%s: more than one answer, or the connection stayed open: %.300s", what,
		         r.raw);
	close(fd);
	assert_int_equal(atomic_load(&s->echo.calls), 0);
}

static void test_each_malformed_request_is_refused_in_json(void **state)
{
	struct server s;

	(void)state;
	start_small(&s);
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		const struct refusal *f = &refusals[i];

		expect_refusal(&s, f->what, f->bytes, f->len ? f->len : strlen(f->bytes), f->status,
		               f->code);
	}
	http_server_stop(&s.srv);
}

/* Sizes: a long request line is 414, a large head or too many fields 431. */
static void test_long_lines_and_large_heads(void **state)
{
	struct server s;
	char *req = malloc(8192);
	size_t n;

	(void)state;
	assert_non_null(req);
	start_small(&s);
	/* A request line of 1100 bytes, refused before its end arrives. */
	n = (size_t)snprintf(req, 8192, "GET /");
	memset(req + n, 'a', 1100);
	expect_refusal(&s, "long request line", req, n + 1100, 414, "uri_too_long");
	/* A head of 2100 bytes. */
	n = (size_t)snprintf(req, 8192, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(req + n, 'h', 2100);
	memcpy(req + n + 2100, "\r\n\r\n", 4);
	expect_refusal(&s, "large head", req, n + 2104, 431, "headers_too_large");
	free(req);
	http_server_stop(&s.srv);

	/* 101 fields (within max_header): 431 too; 100 are served. */
	struct http_limits lim;
	struct reply r;
	char *big = malloc(4096);
	assert_non_null(big);
	test_limits(&lim);
	server_start(&s, &lim);
	for (int fields = 100; fields <= 101; fields++) {
		n = (size_t)snprintf(big, 4096, "GET / HTTP/1.1\r\nHost: x\r\n");
		for (int i = 1; i < fields; i++)
			n += (size_t)snprintf(big + n, 4096 - n, "X-%d: v\r\n", i);
		n += (size_t)snprintf(big + n, 4096 - n, "\r\n");
		if (fields == 101) {
			expect_refusal(&s, "101 fields", big, n, 431, "headers_too_large");
		} else {
			int fd = dial(s.port);

			send_all(fd, big, n);
			read_reply(fd, &r);
			close(fd);
			assert_int_equal(r.status, 200);
			atomic_store(&s.echo.calls, 0);
		}
	}
	free(big);
	http_server_stop(&s.srv);
}

/* The HTTP/2 preface is not HTTP/1.x: closed without an answer. */
static void test_http2_preface_is_closed_without_answer(void **state)
{
	static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
	struct server s;
	double at;
	int fd;

	(void)state;
	start_small(&s);
	fd = dial(s.port);
	send_str(fd, preface);
	assert_true(closed_within(fd, 2.0, &at));
	close(fd);
	http_server_stop(&s.srv);
}

/* 1,000 query parameters (about 4 KB) reach the handler as sent. */
static void test_a_long_query_reaches_the_handler(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	char *req = malloc(16384), *want = malloc(8192);
	size_t n = 0, q = 0;
	int fd;

	(void)state;
	assert_non_null(req);
	assert_non_null(want);
	test_limits(&lim); /* the default max_line, 8 KiB */
	server_start(&s, &lim);
	for (int i = 0; i < 1000; i++)
		q += (size_t)snprintf(want + q, 8192 - q, "%sp=%d", i ? "&" : "", i % 10);
	assert_true(q > 3900 && q < 4100);
	n = (size_t)snprintf(req, 16384, "GET /list?%s HTTP/1.1\r\nHost: x\r\n\r\n", want);
	fd = dial(s.port);
	send_all(fd, req, n);
	read_reply(fd, &r);
	assert_int_equal(r.status, 200);
	snprintf(req, 16384, "query=%s\n", want);
	assert_non_null(strstr(r.body, req));
	/* And the connection stays open for the next request. */
	send_str(fd, "GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
	read_reply(fd, &r);
	assert_int_equal(r.status, 200);
	close(fd);
	free(req);
	free(want);
	http_server_stop(&s.srv);
}

/* HEAD: the GET's status and headers, its Content-Length too, and no body. */
static void test_head_is_get_without_the_body(void **state)
{
	struct server s;
	struct reply r, g;
	char cl[32], gcl[32], v[64];
	int fd;

	(void)state;
	start_small(&s);
	request(s.port, "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &g);
	assert_int_equal(g.status, 200);
	fd = dial(s.port);
	send_str(fd, "HEAD /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
	read_head_reply(fd, &r);
	assert_int_equal(r.status, 200);
	assert_true(reply_header(&r, "Content-Length", cl, sizeof(cl)));
	assert_true(reply_header(&g, "Content-Length", gcl, sizeof(gcl)));
	assert_string_equal(cl, gcl);
	assert_true(reply_header(&r, "X-Echo", v, sizeof(v)));
	assert_int_equal(r.len, (size_t)(r.body - r.raw)); /* nothing after the head */
	/* The handler saw GET; the next request on the connection is read right. */
	send_str(fd, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
	read_reply(fd, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "method=GET\npath=/after\n"));
	close(fd);
	http_server_stop(&s.srv);
}

/* Expect: 100-continue gets 100 Continue when the body is wanted, 413 when it is too large. */
static void test_expect_100_continue(void **state)
{
	static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
	struct server s;
	struct reply r;
	char buf[64];
	ssize_t n;
	int fd;

	(void)state;
	start_small(&s);
	fd = dial(s.port);
	send_str(fd, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
	             "Expect: 100-continue\r\n\r\n");
	n = recv(fd, buf, sizeof(cont) - 1, MSG_WAITALL);
	assert_int_equal(n, (ssize_t)sizeof(cont) - 1);
	assert_memory_equal(buf, cont, sizeof(cont) - 1);
	send_str(fd, "hello");
	read_reply(fd, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "body_len=5\nbody=hello"));
	close(fd);

	/* Too large: the 413 comes instead, and no 100. */
	fd = dial(s.port);
	send_str(fd, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
	             "Expect: 100-continue\r\n\r\n");
	read_reply(fd, &r);
	assert_int_equal(r.status, 413);
	assert_null(strstr(r.raw, "100 Continue"));
	close(fd);
	http_server_stop(&s.srv);
}

/* Pipelined requests are answered one by one, in order, on the same connection. */
static void test_pipelined_requests_are_answered_in_order(void **state)
{
	struct server s;
	char buf[16384];
	size_t len = 0;
	ssize_t n;
	const char *p;
	int fd;

	(void)state;
	start_small(&s);
	fd = dial(s.port);
	send_str(fd, "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
	             "POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
	             "PUT /three HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
	             "2\r\nde\r\n0\r\n\r\n"
	             "GET /four HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	while (len + 1 < sizeof(buf) && (n = recv(fd, buf + len, sizeof(buf) - 1 - len, 0)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
	p = strstr(buf, "path=/one\n");
	assert_non_null(p);
	p = strstr(p, "method=POST\npath=/two\n");
	assert_non_null(p);
	assert_non_null(strstr(p, "body_len=3\nbody=abc"));
	p = strstr(p, "method=PUT\npath=/three\n");
	assert_non_null(p);
	assert_non_null(strstr(p, "body_len=2\nbody=de"));
	p = strstr(p, "path=/four\n");
	assert_non_null(p);
	assert_int_equal(atomic_load(&s.echo.calls), 4);
	http_server_stop(&s.srv);
}

/* HTTP/1.0 closes after the answer unless it asks to keep the connection. */
static void test_http_10(void **state)
{
	struct server s;
	struct reply r;
	char v[32];
	double at;
	int fd;

	(void)state;
	start_small(&s);
	fd = dial(s.port);
	send_str(fd, "GET /old HTTP/1.0\r\n\r\n");
	read_reply(fd, &r);
	assert_int_equal(r.status, 200);
	assert_true(strncmp(r.raw, "HTTP/1.1 200 OK\r\n", 17) == 0);
	assert_true(closed_within(fd, 2.0, &at));
	close(fd);
	fd = dial(s.port);
	send_str(fd, "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
	read_reply(fd, &r);
	assert_true(reply_header(&r, "Connection", v, sizeof(v)));
	assert_string_equal(v, "keep-alive");
	send_str(fd, "GET /again HTTP/1.0\r\n\r\n");
	read_reply(fd, &r);
	assert_int_equal(r.status, 200);
	close(fd);
	http_server_stop(&s.srv);
}

/* Unknown methods and OPTIONS * reach the handler: the API decides what they mean. */
static void test_any_method_reaches_the_handler(void **state)
{
	struct server s;
	struct reply r;

	(void)state;
	start_small(&s);
	request(s.port, "BREW /pot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "method=BREW\npath=/pot\n"));
	request(s.port, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "method=OPTIONS\npath=*\n"));
	/* Empty lines before a request line are skipped (RFC 9112 2.2). */
	request(s.port, "\r\n\r\nGET /late HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	http_server_stop(&s.srv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_malformed_request_is_refused_in_json),
		cmocka_unit_test(test_long_lines_and_large_heads),
		cmocka_unit_test(test_http2_preface_is_closed_without_answer),
		cmocka_unit_test(test_a_long_query_reaches_the_handler),
		cmocka_unit_test(test_head_is_get_without_the_body),
		cmocka_unit_test(test_expect_100_continue),
		cmocka_unit_test(test_pipelined_requests_are_answered_in_order),
		cmocka_unit_test(test_http_10),
		cmocka_unit_test(test_any_method_reaches_the_handler),
	};

	setenv("SALESCOACH_HTTP_LOG", "0", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
