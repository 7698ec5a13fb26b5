/*
 * test_http.c - the HTTP server (http.h) over loopback, with plain sockets:
 * what a handler sees of a request, the limits that keep one client from
 * hurting the others (413, 431, 408, idle timeout, connection caps), a stop
 * that lets requests in flight finish, trusted proxies, and the request log
 * that must not leak secrets. The refusals of malformed requests are in
 * test_http_refusals.c, the slow clients in test_http_slow.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "http_client.h"

/* ---- what the handler sees ---- */

static void test_get_echoes_method_path_query_and_header(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	char v[128];

	(void)state;
	test_limits(&lim);
	server_start(&s, &lim);
	request(s.port,
	        "GET /api/people/3?limit=10&name=van%20Dijk HTTP/1.1\r\nHost: x\r\n"
	        "X-Test: hello\r\nConnection: close\r\n\r\n",
	        &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "method=GET\n"));
	assert_non_null(strstr(r.body, "path=/api/people/3\n"));
	/* The query reaches the handler raw: decoding is the router's and the helpers' job. */
	assert_non_null(strstr(r.body, "query=limit=10&name=van%20Dijk\n"));
	assert_non_null(strstr(r.body, "x-test=hello\n"));
	assert_non_null(strstr(r.body, "remote=127.0.0.1\n"));
	assert_true(reply_header(&r, "Content-Type", v, sizeof(v)));
	assert_string_equal(v, "text/plain");
	assert_true(reply_header(&r, "X-Content-Type-Options", v, sizeof(v)));
	assert_string_equal(v, "nosniff");
	assert_true(reply_header(&r, "Cache-Control", v, sizeof(v)));
	assert_string_equal(v, "no-store");
	assert_true(reply_header(&r, "X-Echo", v, sizeof(v)));
	assert_string_equal(v, "yes");

	/* Percent escapes in the path stay as sent, so "/a%2Fb" is one segment for the router. */
	request(s.port, "GET /files/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "path=/files/a%2Fb\nquery=\n"));
	assert_non_null(strstr(r.body, "x-test=(none)\n"));
	http_server_stop(&s.srv);
	assert_null(s.srv);
}

/* Send 200,000 varied bytes to /len, plainly or in chunks of 997, and check the digest. */
static void big_body_round_trip(unsigned port, bool chunked)
{
	enum { LEN = 200000 };
	char *body = malloc(LEN), want[64], head[160];
	struct reply *r = malloc(sizeof(*r));
	unsigned long sum = 0;
	int fd;

	assert_non_null(body);
	assert_non_null(r);
	for (size_t i = 0; i < LEN; i++) {
		body[i] = (char)('a' + (i * 7) % 26);
		sum = sum * 31 + (unsigned char)body[i];
	}
	fd = dial(port);
	if (chunked) {
		send_str(fd, "POST /len HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
		             "Connection: close\r\n\r\n");
		for (size_t off = 0; off < LEN; off += 997) {
			size_t n = LEN - off < 997 ? LEN - off : 997;

			snprintf(head, sizeof(head), "%zx\r\n", n);
			send_str(fd, head);
			send_all(fd, body + off, n);
			send_str(fd, "\r\n");
		}
		send_str(fd, "0\r\n\r\n");
	} else {
		snprintf(head, sizeof(head),
		         "POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n"
		         "Connection: close\r\n\r\n",
		         LEN);
		send_str(fd, head);
		send_all(fd, body, LEN);
	}
	read_reply(fd, r);
	close(fd);
	assert_int_equal(r->status, 200);
	snprintf(want, sizeof(want), "body_len=%d\nbody=sum=%lu", LEN, sum);
	assert_non_null(strstr(r->body, want));
	free(r);
	free(body);
}

static void test_post_body_is_echoed(void **state)
{
	static const char json[] = "{\"name\":\"Anna de Vries\",\"minutes\":45}";
	struct http_limits lim;
	struct server s;
	struct reply r;
	char req[512];

	(void)state;
	test_limits(&lim);
	server_start(&s, &lim);
	snprintf(req, sizeof(req),
	         "POST /api/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
	         "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
	         strlen(json), json);
	request(s.port, req, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "method=POST\n"));
	snprintf(req, sizeof(req), "body_len=%zu\nbody=%s", strlen(json), json);
	assert_non_null(strstr(r.body, req));

	/* The same body in chunks arrives whole. */
	request(s.port,
	        "PUT /api/sessions/7 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
	        "Connection: close\r\n\r\n"
	        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
	        &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "method=PUT\n"));
	assert_non_null(strstr(r.body, "body_len=11\nbody=hello world"));

	/* A body of many reads, well under max_body, arrives byte for byte. */
	big_body_round_trip(s.port, false);
	big_body_round_trip(s.port, true);
	http_server_stop(&s.srv);
}

/* ---- limits ---- */

static void test_body_over_max_body_is_413_without_the_handler(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	char req[4096], v[64];
	size_t head;
	double at;
	int fd;

	(void)state;
	test_limits(&lim);
	lim.max_body = 1024;
	server_start(&s, &lim);

	/* Announced too large: answered at once, the client need not send the body. */
	fd = dial(s.port);
	send_str(fd, "POST /api/import HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
	read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 413);
	assert_true(reply_header(&r, "Content-Type", v, sizeof(v)));
	assert_string_equal(v, "application/json");
	assert_json_error(&r, "too_large", "larger than 1024 bytes");

	/* A chunked body that grows past the limit: refused at the chunk size that passes it. */
	fd = dial(s.port);
	send_str(fd, "POST /api/import HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
	memset(req, 'a', 1000);
	send_str(fd, "3e8\r\n");
	send_all(fd, req, 1000);
	send_str(fd, "\r\n3e8\r\n");
	read_reply(fd, &r);
	assert_int_equal(r.status, 413);
	assert_json_error(&r, "too_large", "1024");
	assert_true(reply_header(&r, "Connection", v, sizeof(v)));
	assert_string_equal(v, "close");
	assert_true(closed_within(fd, 4.0, &at));
	close(fd);

	/* A client that goes on sending regardless is answered, and not read without end. */
	fd = dial(s.port);
	send_str(fd, "POST /api/import HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
	memset(req, 'a', 1000);
	for (int i = 0; i < 2000; i++) {
		if (send(fd, "3e8\r\n", 5, MSG_NOSIGNAL) != 5 ||
		    send(fd, req, 1000, MSG_NOSIGNAL) != 1000 ||
		    send(fd, "\r\n", 2, MSG_NOSIGNAL) != 2)
			break;
	}
	read_reply(fd, &r);
	assert_int_equal(r.status, 413);
	assert_true(closed_within(fd, 4.0, &at));
	close(fd);
	assert_int_equal(atomic_load(&s.echo.calls), 0);

	/* Exactly max_body is allowed. */
	snprintf(req, sizeof(req),
	         "POST /api/import HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\n"
	         "Connection: close\r\n\r\n");
	head = strlen(req);
	memset(req + head, 'b', 1024);
	req[head + 1024] = '\0';
	request(s.port, req, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "body_len=1024\n"));
	assert_int_equal(atomic_load(&s.echo.calls), 1);
	http_server_stop(&s.srv);
}

/*
 * Send req on a new connection: it must be answered 400 with the JSON error
 * naming what, without the handler, and the connection closed with no
 * second answer (what followed the head was not read as a request).
 */
static void expect_refused_framing(struct server *s, const char *req, const char *what)
{
	struct reply r;
	double at;
	int fd = dial(s->port);

	send_str(fd, req);
	read_reply(fd, &r);
	if (r.status != 400)
		fail_msg("%s: answered %d, not 400: %.300s", what, r.status, r.raw);
	assert_json_error(&r, "bad_request", what);
	assert_true(closed_within(fd, 4.0, &at));
	close(fd);
	assert_int_equal(atomic_load(&s->echo.calls), 0);
}

/*
 * The attack that worked: a body with two ends. Two different
 * Content-Lengths (the server read the first, a proxy may read the last),
 * or Transfer-Encoding beside Content-Length, let the rest of the body pass
 * for a second request, here GET /smuggled.
 */
static void test_a_body_with_two_ends_is_refused(void **state)
{
	static const char smuggled[] = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
	struct http_limits lim;
	struct server s;
	struct reply r;
	char req[512];

	(void)state;
	test_limits(&lim);
	server_start(&s, &lim);
	snprintf(req, sizeof(req),
	         "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: %zu\r\n"
	         "\r\nhello%s",
	         5 + strlen(smuggled), smuggled);
	expect_refused_framing(&s, req, "Content-Length headers with different values");
	snprintf(req, sizeof(req),
	         "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
	         "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n%s",
	         smuggled);
	expect_refused_framing(&s, req, "both Transfer-Encoding and Content-Length");
	snprintf(req, sizeof(req),
	         "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
	         "Content-Length: 0\r\n\r\n5\r\nhello\r\n0\r\n\r\n%s",
	         smuggled);
	expect_refused_framing(&s, req, "both Transfer-Encoding and Content-Length");
	/* A coding other than chunked, or two Transfer-Encoding headers, leave no end at all. */
	expect_refused_framing(&s,
	                       "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, "
	                       "chunked\r\n\r\n0\r\n\r\n",
	                       "Transfer-Encoding must be one header");
	expect_refused_framing(&s,
	                       "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
	                       "Transfer-Encoding: identity\r\n\r\n0\r\n\r\n",
	                       "Transfer-Encoding must be one header");

	/* The same length twice is one end: served as usual. */
	request(s.port,
	        "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n"
	        "Connection: close\r\n\r\nhello",
	        &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "body_len=5\nbody=hello"));
	assert_int_equal(atomic_load(&s.echo.calls), 1);
	http_server_stop(&s.srv);
}

static void test_headers_over_max_header_are_refused(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	char *req = malloc(64 * 1024);
	int fd;

	(void)state;
	assert_non_null(req);
	test_limits(&lim);
	lim.max_header = 2048;
	server_start(&s, &lim);

	/* A little over the limit: 431, in JSON. */
	memset(req, 0, 64 * 1024);
	strcpy(req, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(req + strlen(req), 'h', 2500);
	strcat(req, "\r\nConnection: close\r\n\r\n");
	request(s.port, req, &r);
	assert_int_equal(r.status, 431);
	assert_json_error(&r, "headers_too_large", "2048 bytes");

	/* Far over: the same answer, as soon as the limit is passed. */
	memset(req, 0, 64 * 1024);
	strcpy(req, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(req + strlen(req), 'h', 40000);
	strcat(req, "\r\n\r\n");
	fd = dial(s.port);
	send(fd, req, strlen(req), MSG_NOSIGNAL); /* may be cut off half-way */
	read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 431);
	assert_json_error(&r, "headers_too_large", "2048 bytes");
	assert_int_equal(atomic_load(&s.echo.calls), 0);
	free(req);
	http_server_stop(&s.srv);
}

static void test_idle_client_is_cut_off_without_harming_others(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	double at = 0, t0, opened;
	int idle, half, answered = 0;

	(void)state;
	test_limits(&lim);
	lim.timeout_s = 1;
	lim.head_timeout_s = 1;
	server_start(&s, &lim);
	opened = now_s();
	idle = dial(s.port); /* connects and says nothing */
	half = dial(s.port); /* starts a request and stalls */
	send_str(half, "GET /api/people HTTP/1.1\r\nHost: x\r\n");

	/* Meanwhile another client is served, again and again. */
	t0 = now_s();
	while (now_s() - t0 < 0.7) {
		request(s.port, "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r);
		assert_int_equal(r.status, 200);
		answered++;
		usleep(50 * 1000);
	}
	assert_true(answered >= 5);

	/* The half request is answered 408 at its head deadline, and closed. */
	read_reply(half, &r);
	at = now_s();
	assert_int_equal(r.status, 408);
	assert_json_error(&r, "timeout", "1 seconds");
	assert_true(at - opened >= 0.9 && at - opened < 2.5);
	assert_true(closed_within(half, 4.0, &at));
	/* A connection that never said anything is closed without a word after timeout_s. */
	assert_true(closed_within(idle, 4.0, &at));
	assert_true(at - opened >= 0.9);
	/* The half request never reached the handler. */
	assert_int_equal(atomic_load(&s.echo.calls), answered);
	close(idle);
	close(half);

	/* A connection that keeps talking is not cut just because it is old. */
	int busy = dial(s.port);
	t0 = now_s();
	while (now_s() - t0 < 1.8) {
		send_str(busy, "GET /keep HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(busy, &r);
		assert_int_equal(r.status, 200);
		usleep(300 * 1000);
	}
	close(busy);
	http_server_stop(&s.srv);
}

/* A body that trickles is cut at its deadline: head_timeout_s plus a second per min_body_rate. */
static void test_slow_body_is_408(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	double t0, at;
	int fd;

	(void)state;
	test_limits(&lim);
	lim.head_timeout_s = 1;
	lim.min_body_rate = 250; /* 250 bytes declared: one second more, two seconds in all */
	server_start(&s, &lim);
	fd = dial(s.port);
	send_str(fd, "POST /api/import HTTP/1.1\r\nHost: x\r\nContent-Length: 250\r\n\r\n");
	t0 = now_s();
	for (int i = 0; i < 4; i++) {
		usleep(400 * 1000);
		(void)send(fd, "0123456789", 10, MSG_NOSIGNAL); /* steady, but far too slow */
	}
	read_reply(fd, &r);
	at = now_s();
	assert_int_equal(r.status, 408);
	assert_json_error(&r, "timeout", "too slowly");
	if (!(at - t0 >= 1.8 && at - t0 < 3.0))
		fail_msg("408 after %.2f s, not 2", at - t0);
	assert_true(closed_within(fd, 4.0, &at));
	close(fd);
	assert_int_equal(atomic_load(&s.echo.calls), 0);
	http_server_stop(&s.srv);
}

/* A client that reads nothing of a large answer is cut after timeout_s. */
static void test_unread_answer_is_cut(void **state)
{
	struct http_limits lim;
	struct server s;
	char *buf = malloc(1 << 20);
	size_t total = 0;
	ssize_t n;
	int fd;

	(void)state;
	assert_non_null(buf);
	test_limits(&lim);
	lim.timeout_s = 1;
	server_start(&s, &lim);
	s.echo.big_len = 64 << 20; /* far more than the socket buffers hold */
	fd = dial(s.port);
	send_str(fd, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
	/* The answer begins (the handler took what it took), then the client stops reading. */
	n = recv(fd, buf, 1, MSG_PEEK);
	assert_int_equal(n, 1);
	sleep(3);
	/* What the buffers held arrives, then the end: the rest was never sent. */
	while ((n = recv(fd, buf, 1 << 20, 0)) > 0)
		total += (size_t)n;
	close(fd);
	free(buf);
	if (total == 0 || total >= s.echo.big_len)
		fail_msg("read %zu bytes of an answer of %zu", total, s.echo.big_len);
	http_server_stop(&s.srv);
}

static void test_connection_limit_is_respected(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	int held[3], extra;
	double at = 0;

	(void)state;
	test_limits(&lim);
	lim.threads = 1;
	lim.connections = 3;
	server_start(&s, &lim);
	for (int i = 0; i < 3; i++) {
		held[i] = dial(s.port);
		send_str(held[i], "GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
	}

	/* A fourth client is answered 503 at once, rather than left in the backlog ... */
	extra = dial(s.port);
	assert_true(extra >= 0);
	read_reply(extra, &r);
	assert_int_equal(r.status, 503);
	assert_json_error(&r, "unavailable", "too many connections");
	assert_true(closed_within(extra, 4.0, &at));
	close(extra);
	/* ... while the open ones are still served. */
	for (int i = 0; i < 3; i++) {
		send_str(held[i], "GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
	}
	assert_int_equal(atomic_load(&s.echo.calls), 6);

	/* When one closes, a new client is let in. */
	close(held[0]);
	usleep(100 * 1000);
	extra = dial(s.port);
	send_str(extra, "GET /extra HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	read_reply(extra, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "path=/extra\n"));
	assert_false(closed_within(held[1], 0.1, &at));
	close(extra);
	close(held[1]);
	close(held[2]);
	http_server_stop(&s.srv);
}

static void test_per_ip_limit_is_respected(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	int held[2], extra;
	double at = 0;

	(void)state;
	test_limits(&lim);
	lim.per_ip = 2;
	server_start(&s, &lim);
	for (int i = 0; i < 2; i++) {
		held[i] = dial(s.port);
		send_str(held[i], "GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
	}
	/* A third connection from the same address is answered 503 and closed. */
	extra = dial(s.port);
	assert_true(extra >= 0);
	read_reply(extra, &r);
	assert_int_equal(r.status, 503);
	assert_json_error(&r, "unavailable", "your address");
	assert_true(closed_within(extra, 2.0, &at));
	close(extra);
	/* The two held are still served. */
	send_str(held[0], "GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
	read_reply(held[0], &r);
	assert_int_equal(r.status, 200);
	close(held[0]);
	close(held[1]);
	http_server_stop(&s.srv);
}

/* ---- stopping ---- */

struct stopper {
	struct server *s;
	double stopped_after; /* seconds the stop took */
};

static void *stop_when_slow_is_running(void *arg)
{
	struct stopper *st = arg;
	double t0;

	while (!atomic_load(&st->s->echo.slow_entered))
		usleep(1000);
	t0 = now_s();
	http_server_stop(&st->s->srv);
	st->stopped_after = now_s() - t0;
	return NULL;
}

static void test_stop_lets_a_request_in_flight_finish(void **state)
{
	struct http_limits lim;
	struct server s;
	struct stopper st = { .s = &s };
	struct reply r;
	pthread_t tid;
	int fd;

	(void)state;
	test_limits(&lim);
	server_start(&s, &lim);
	fd = dial(s.port);
	assert_int_equal(pthread_create(&tid, NULL, stop_when_slow_is_running, &st), 0);
	send_str(fd, "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\ndata");
	read_reply(fd, &r);
	assert_int_equal(pthread_join(tid, NULL), 0);
	close(fd);

	/* The whole response arrived, announced length and all. */
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "path=/slow\n"));
	assert_non_null(strstr(r.body, "body_len=4\nbody=data"));
	assert_null(s.srv);
	assert_true(st.stopped_after < 3.0);

	/* And the port is closed. */
	fd = dial(s.port);
	assert_int_equal(fd, -1);
}

/*
 * Requests whose handler has not begun when the stop comes are answered 503
 * with Connection: close: one queued behind a running handler, one whose
 * head is still arriving. An idle keep-alive connection is closed at once.
 */
static void test_stop_answers_503_to_requests_not_begun(void **state)
{
	struct http_limits lim;
	struct server s;
	struct stopper st = { .s = &s };
	struct reply r;
	char v[32];
	double at;
	pthread_t tid;
	int running, queued, partial, idle;

	(void)state;
	test_limits(&lim);
	lim.threads = 1;
	server_start(&s, &lim);
	idle = dial(s.port);
	send_str(idle, "GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
	read_reply(idle, &r);
	assert_int_equal(r.status, 200);
	running = dial(s.port);
	send_str(running, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
	while (!atomic_load(&s.echo.slow_entered))
		usleep(1000);
	queued = dial(s.port);
	send_str(queued, "GET /queued HTTP/1.1\r\nHost: x\r\n\r\n");
	partial = dial(s.port);
	send_str(partial, "GET /partial HTTP/1.1\r\nHost: x\r\n");
	usleep(50 * 1000); /* both read by the server */
	assert_int_equal(pthread_create(&tid, NULL, stop_when_slow_is_running, &st), 0);

	read_reply(running, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "path=/slow\n"));
	read_reply(queued, &r);
	assert_int_equal(r.status, 503);
	assert_json_error(&r, "unavailable", "stopping");
	assert_true(reply_header(&r, "Connection", v, sizeof(v)));
	assert_string_equal(v, "close");
	read_reply(partial, &r);
	assert_int_equal(r.status, 503);
	assert_json_error(&r, "unavailable", "stopping");
	assert_true(closed_within(idle, 2.0, &at));
	assert_int_equal(pthread_join(tid, NULL), 0);
	assert_true(st.stopped_after < 3.0);
	/* The handler ran for /first and /slow only. */
	assert_int_equal(atomic_load(&s.echo.calls), 2);
	close(running);
	close(queued);
	close(partial);
	close(idle);
}

/* ---- addresses ---- */

static void test_bad_addresses_are_invalid(void **state)
{
	static const char *bad[] = { "localhost:8080", "127.0.0.1", "127.0.0.1:99999",
		                     "127.0.0.1:-1",   "[::1]8080", "[::1]:",
		                     "::1:8080",       "",          "1.2.3.4.5:80",
		                     "127.0.0.1:80x",  "[nope]:80", "8080" };
	struct http_server *srv = (struct http_server *)&srv; /* not NULL: start must null it */
	struct sc_error err;
	struct echo e = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sc_error_init(&err);
		assert_int_equal(http_server_start(bad[i], NULL, echo_handler, &e, &srv, &err),
		                 SC_INVALID);
		assert_null(srv);
		assert_string_equal(err.field, "addr");
		/* The message shows the form expected. */
		assert_non_null(strstr(err.message, "127.0.0.1:8080"));
		assert_non_null(strstr(err.message, "[::1]:8080"));
	}
}

static void test_port_in_use_is_io_error_naming_address(void **state)
{
	struct http_limits lim;
	struct server s;
	struct http_server *other = NULL;
	struct sc_error err;
	char addr[64];

	(void)state;
	test_limits(&lim);
	server_start(&s, &lim);
	snprintf(addr, sizeof(addr), "127.0.0.1:%u", s.port);
	sc_error_init(&err);
	assert_int_equal(http_server_start(addr, &lim, echo_handler, &s.echo, &other, &err), SC_IO);
	assert_null(other);
	assert_non_null(strstr(err.message, addr));
	assert_non_null(strstr(err.message, strerror(EADDRINUSE)));
	http_server_stop(&s.srv);
}

static void test_ipv6_loopback(void **state)
{
	struct http_limits lim;
	struct http_server *srv = NULL;
	struct sockaddr_in6 sa = { 0 };
	struct sc_error err;
	struct echo e = { 0 };
	struct reply r;
	int fd;

	(void)state;
	test_limits(&lim);
	sc_error_init(&err);
	if (http_server_start("[::1]:0", &lim, echo_handler, &e, &srv, &err) != SC_OK) {
		/*
		 * A machine without IPv6 loopback: what is tested there is that the
		 * server says so, as an I/O error naming the address, not as a bad one.
		 */
		assert_int_equal(err.code, SC_IO);
		assert_non_null(strstr(err.message, "[::1]"));
		return;
	}
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	sa.sin6_family = AF_INET6;
	sa.sin6_port = htons((uint16_t)http_server_port(srv));
	sa.sin6_addr = in6addr_loopback;
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	send_str(fd, "GET /v6 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "remote=::1\n"));
	http_server_stop(&srv);
}

/* ---- many clients at once ---- */

struct client {
	unsigned port;
	int id;
	int ok;
};

static void *client_run(void *arg)
{
	struct client *c = arg;
	char req[256], want[64];
	struct reply *r = malloc(sizeof(*r));

	for (int i = 0; i < 20 && r; i++) {
		int len = snprintf(want, sizeof(want), "client %d request %d", c->id, i);
		int fd = dial(c->port);

		if (fd < 0)
			continue;
		snprintf(
		        req, sizeof(req),
		        "POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close\r\n"
		        "\r\n%s",
		        len, want);
		send_all(fd, req, strlen(req));
		read_reply(fd, r);
		close(fd);
		if (r->status == 200 && strstr(r->body, want))
			c->ok++;
	}
	free(r);
	return NULL;
}

static void test_concurrent_clients_each_get_their_own_answer(void **state)
{
	struct http_limits lim;
	struct server s;
	struct client c[8];
	pthread_t t[8];

	(void)state;
	test_limits(&lim);
	lim.threads = 4;
	lim.loops = 2; /* connections spread over two event loops */
	server_start(&s, &lim);
	for (int i = 0; i < 8; i++) {
		c[i] = (struct client){ .port = s.port, .id = i };
		assert_int_equal(pthread_create(&t[i], NULL, client_run, &c[i]), 0);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(c[i].ok, 20);
	}
	assert_int_equal(atomic_load(&s.echo.calls), 160);
	http_server_stop(&s.srv);
}

/* GET / with the extra header lines given (each ending in CRLF); the reply's body. */
static void forwarded_get(unsigned port, const char *headers, struct reply *r)
{
	char req[1024];

	snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n",
	         headers);
	request(port, req, r);
	assert_int_equal(r->status, 200);
}

/* ---- the request log ---- */

/* Where the log goes while it is captured. */
struct log_capture {
	char path[32];
	int fd, saved;
};

/* Send stderr, with the request log turned on, to a file until log_end. */
static void log_begin(struct log_capture *lc)
{
	snprintf(lc->path, sizeof(lc->path), "/tmp/test_http_log_XXXXXX");
	lc->fd = mkstemp(lc->path);
	lc->saved = dup(STDERR_FILENO);
	assert_true(lc->fd >= 0 && lc->saved >= 0);
	setenv("SALESCOACH_HTTP_LOG", "1", 1);
	dup2(lc->fd, STDERR_FILENO);
}

/* Give stderr back and read what was logged into buf (size bytes with the NUL). */
static void log_end(struct log_capture *lc, char *buf, size_t size)
{
	ssize_t n;

	dup2(lc->saved, STDERR_FILENO);
	close(lc->saved);
	setenv("SALESCOACH_HTTP_LOG", "0", 1);
	n = pread(lc->fd, buf, size - 1, 0);
	close(lc->fd);
	unlink(lc->path);
	assert_true(n > 0);
	buf[n] = '\0';
}

static void test_log_line_names_request_but_not_its_secrets(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	struct log_capture lc;
	char buf[4096] = "";
	size_t n;
	json_t *line;
	json_error_t jerr;

	(void)state;
	log_begin(&lc);
	test_limits(&lim);
	server_start(&s, &lim);
	request(s.port,
	        "POST /api/login?password=hunter2&token=abc123 HTTP/1.1\r\nHost: x\r\n"
	        "Authorization: Bearer sekrit-token\r\nCookie: sid=cookie-value\r\n"
	        "Content-Length: 20\r\nConnection: close\r\n\r\n{\"password\":\"pw99\"}\n",
	        &r);
	assert_int_equal(r.status, 200);
	http_server_stop(&s.srv); /* the line is written by the time the stop returns */
	log_end(&lc, buf, sizeof(buf));
	n = strlen(buf);
	/* One line, valid JSON, with what an operator needs. */
	assert_true(n > 0 && strchr(buf, '\n') == buf + n - 1);
	line = json_loads(buf, JSON_DISABLE_EOF_CHECK, &jerr);
	assert_non_null(line);
	assert_string_equal(json_string_value(json_object_get(line, "method")), "POST");
	assert_string_equal(json_string_value(json_object_get(line, "path")), "/api/login");
	assert_string_equal(json_string_value(json_object_get(line, "remote")), "127.0.0.1");
	assert_string_equal(json_string_value(json_object_get(line, "route")), "echo");
	assert_int_equal(json_integer_value(json_object_get(line, "status")), 200);
	assert_int_equal(json_integer_value(json_object_get(line, "bytes")), r.body_len);
	assert_true(json_is_number(json_object_get(line, "ms")));
	assert_int_equal(strlen(json_string_value(json_object_get(line, "at"))), 20);
	assert_null(json_object_get(line, "proxy")); /* straight from the client */
	json_decref(line);
	/* Nothing of the query, headers or body. */
	assert_null(strstr(buf, "hunter2"));
	assert_null(strstr(buf, "abc123"));
	assert_null(strstr(buf, "sekrit"));
	assert_null(strstr(buf, "cookie-value"));
	assert_null(strstr(buf, "pw99"));
}

/* Behind a trusted proxy the log names the client, and the proxy it came through. */
static void test_log_line_names_the_forwarded_client(void **state)
{
	static const char *const proxies[] = { "127.0.0.1" };
	struct http_limits lim;
	struct server s;
	struct reply r;
	struct log_capture lc;
	char buf[4096] = "";
	json_t *line;
	json_error_t jerr;

	(void)state;
	log_begin(&lc);
	test_limits(&lim);
	lim.trusted_proxies = proxies;
	lim.ntrusted_proxies = 1;
	server_start(&s, &lim);
	forwarded_get(s.port, "X-Forwarded-For: 198.51.100.9\r\n", &r);
	http_server_stop(&s.srv);
	log_end(&lc, buf, sizeof(buf));
	line = json_loads(buf, JSON_DISABLE_EOF_CHECK, &jerr);
	assert_non_null(line);
	assert_string_equal(json_string_value(json_object_get(line, "remote")), "198.51.100.9");
	assert_string_equal(json_string_value(json_object_get(line, "proxy")), "127.0.0.1");
	json_decref(line);
}

/*
 * SALESCOACH_HTTP_LOG=errors: an operator who wants a quiet log still sees
 * every refusal, and nothing of the requests that went well; a value the
 * server does not know stops it at start, naming the ones it does.
 */
static void test_log_of_errors_only(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	struct log_capture lc;
	struct http_server *srv = NULL;
	struct sc_error err;
	char buf[4096] = "";
	json_t *line;
	json_error_t jerr;

	(void)state;
	log_begin(&lc);
	setenv("SALESCOACH_HTTP_LOG", "errors", 1);
	test_limits(&lim);
	server_start(&s, &lim);
	request(s.port, "GET /fine HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &r);
	assert_int_equal(r.status, 200);
	request(s.port, "GET /refused HTTP/1.1\r\nHost: x\r\nbad header\r\n\r\n", &r);
	assert_int_equal(r.status, 400);
	http_server_stop(&s.srv);
	log_end(&lc, buf, sizeof(buf));
	/* One line: the refusal's. */
	assert_non_null(strchr(buf, '\n'));
	assert_string_equal(strchr(buf, '\n') + 1, "");
	line = json_loads(buf, JSON_DISABLE_EOF_CHECK, &jerr);
	assert_non_null(line);
	assert_int_equal(json_integer_value(json_object_get(line, "status")), 400);
	json_decref(line);
	assert_null(strstr(buf, "/fine"));

	static const char *const wrong[] = { "off", "ERRORS", "", "2", "yes" };
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		setenv("SALESCOACH_HTTP_LOG", wrong[i], 1);
		sc_error_init(&err);
		assert_int_equal(
		        http_server_start("127.0.0.1:0", &lim, echo_handler, &s.echo, &srv, &err),
		        SC_INVALID);
		assert_null(srv);
		assert_string_equal(err.field, "SALESCOACH_HTTP_LOG");
		assert_non_null(strstr(err.message, "errors"));
	}
	setenv("SALESCOACH_HTTP_LOG", "0", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_echoes_method_path_query_and_header),
		cmocka_unit_test(test_post_body_is_echoed),
		cmocka_unit_test(test_body_over_max_body_is_413_without_the_handler),
		cmocka_unit_test(test_a_body_with_two_ends_is_refused),
		cmocka_unit_test(test_headers_over_max_header_are_refused),
		cmocka_unit_test(test_idle_client_is_cut_off_without_harming_others),
		cmocka_unit_test(test_slow_body_is_408),
		cmocka_unit_test(test_unread_answer_is_cut),
		cmocka_unit_test(test_connection_limit_is_respected),
		cmocka_unit_test(test_per_ip_limit_is_respected),
		cmocka_unit_test(test_stop_lets_a_request_in_flight_finish),
		cmocka_unit_test(test_stop_answers_503_to_requests_not_begun),
		cmocka_unit_test(test_bad_addresses_are_invalid),
		cmocka_unit_test(test_port_in_use_is_io_error_naming_address),
		cmocka_unit_test(test_ipv6_loopback),
		cmocka_unit_test(test_concurrent_clients_each_get_their_own_answer),
		cmocka_unit_test(test_log_line_names_request_but_not_its_secrets),
		cmocka_unit_test(test_log_line_names_the_forwarded_client),
		cmocka_unit_test(test_log_of_errors_only),
	};

	/* The request log is tested on its own; the rest would only clutter the output. */
	setenv("SALESCOACH_HTTP_LOG", "0", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
