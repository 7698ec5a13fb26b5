/*
 * test_http.c - the HTTP server (http.h) over loopback, with plain sockets:
 * what a handler sees of a request, the limits that keep one client from
 * hurting the others (413, 431, idle timeout, connection cap), a stop that
 * lets requests in flight finish, the request log that must not leak
 * secrets, and the query and cookie helpers.
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

#include "http/http.h"

/* ---- the server under test: an echo handler ---- */

struct echo {
	atomic_int calls;
	atomic_int slow_entered; /* a /slow request is inside the handler */
};

static void echo_handler(void *ctx, const struct http_request *req, struct http_response *resp)
{
	struct echo *e = ctx;
	const char *h = req->header(req, "x-test");
	size_t cap = req->body_len + 2048;
	char *out = malloc(cap);
	int n;

	atomic_fetch_add(&e->calls, 1);
	if (strcmp(req->path, "/slow") == 0) {
		atomic_store(&e->slow_entered, 1);
		usleep(300 * 1000);
	}
	assert_non_null(out);
	n = snprintf(
	        out, cap,
	        "method=%s\npath=%s\nquery=%s\nx-test=%s\nremote=%s\ntls=%d\nbody_len=%zu\nbody=",
	        req->method, req->path, req->query, h ? h : "(none)", req->remote, req->tls,
	        req->body_len);
	assert_true(n > 0 && (size_t)n < 2048);
	if (strcmp(req->path, "/len") == 0) {
		/* Large bodies: echo a digest, not the bytes. */
		unsigned long sum = 0;

		for (size_t i = 0; i < req->body_len; i++)
			sum = sum * 31 + (unsigned char)req->body[i];
		n += snprintf(out + n, cap - (size_t)n, "sum=%lu", sum);
		assert_int_equal(http_response_body(resp, "text/plain", out, (size_t)n), SC_OK);
		free(out);
		return;
	}
	memcpy(out + n, req->body, req->body_len);
	assert_int_equal(req->body[req->body_len], '\0');
	assert_int_equal(http_response_body(resp, "text/plain", out, (size_t)n + req->body_len),
	                 SC_OK);
	assert_int_equal(http_response_header(resp, "X-Echo", "yes"), SC_OK);
	resp->route = "echo";
	free(out);
}

struct server {
	struct http_server *srv;
	struct echo echo;
	unsigned port;
};

static void limits(struct http_limits *lim)
{
	http_limits_default(lim);
	lim->threads = 2;
	lim->connections = 32;
	lim->per_ip = 32;
	lim->timeout_s = 5;
}

static void start(struct server *s, const struct http_limits *lim)
{
	struct sc_error err;

	memset(s, 0, sizeof(*s));
	sc_error_init(&err);
	if (http_server_start("127.0.0.1:0", lim, echo_handler, &s->echo, &s->srv, &err) != SC_OK)
		fail_msg("http_server_start: %s", err.message);
	s->port = http_server_port(s->srv);
	assert_true(s->port > 0);
}

/* ---- a plain-socket client ---- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dial(unsigned port)
{
	struct sockaddr_in sa = { 0 };
	struct timeval tv = { .tv_sec = 5 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	return fd;
}

static void send_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		assert_true(n > 0);
		buf += n;
		len -= (size_t)n;
	}
}

static void send_str(int fd, const char *s)
{
	send_all(fd, s, strlen(s));
}

struct reply {
	int status; /* 0 when no complete response arrived */
	char raw[65536];
	size_t len;
	const char *body; /* into raw */
	size_t body_len;
};

/* The value of header name in r, copied into buf; false when absent. */
static bool reply_header(const struct reply *r, const char *name, char *buf, size_t size)
{
	const char *p = strstr(r->raw, "\r\n");
	size_t nlen = strlen(name);

	while (p && p[2] != '\r') {
		p += 2;
		if (strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
			const char *v = p + nlen + 1;
			size_t vlen;

			while (*v == ' ')
				v++;
			vlen = strcspn(v, "\r");
			snprintf(buf, size, "%.*s", (int)vlen, v);
			return true;
		}
		p = strstr(p, "\r\n");
	}
	return false;
}

/* Read one whole response (headers and Content-Length bytes); status 0 when it did not come. */
static void read_reply(int fd, struct reply *r)
{
	char cl[32];
	char *end = NULL;

	memset(r, 0, sizeof(*r));
	for (;;) {
		ssize_t n;

		if (!end && (end = strstr(r->raw, "\r\n\r\n")) != NULL) {
			r->body = end + 4;
			if (!reply_header(r, "Content-Length", cl, sizeof(cl)))
				break;
			r->body_len = strtoul(cl, NULL, 10);
		}
		if (end && (size_t)(r->body - r->raw) + r->body_len <= r->len) {
			sscanf(r->raw, "HTTP/1.%*d %d", &r->status);
			return;
		}
		if (r->len + 1 >= sizeof(r->raw))
			break;
		n = recv(fd, r->raw + r->len, sizeof(r->raw) - 1 - r->len, 0);
		if (n <= 0)
			break;
		r->len += (size_t)n;
		r->raw[r->len] = '\0';
	}
	r->status = 0;
}

/* Send request on a new connection and read the response. */
static void request(unsigned port, const char *req, struct reply *r)
{
	int fd = dial(port);

	assert_true(fd >= 0);
	send_str(fd, req);
	read_reply(fd, r);
	close(fd);
}

/*
 * True when the server closes fd (EOF or reset) within seconds, without
 * answering; *at is when (now_s).
 */
static bool closed_within(int fd, double seconds, double *at)
{
	double t0 = now_s();
	char buf[256];

	while (now_s() - t0 < seconds) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 100) == 1) {
			ssize_t n = recv(fd, buf, sizeof(buf), 0);

			if (n > 0)
				return false; /* an answer, not a cut */
			*at = now_s();
			return n == 0 || errno == ECONNRESET;
		}
	}
	return false;
}

/* ---- what the handler sees ---- */

static void test_get_echoes_method_path_query_and_header(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	char v[128];

	(void)state;
	limits(&lim);
	start(&s, &lim);
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
	limits(&lim);
	start(&s, &lim);
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

static void assert_json_error(const struct reply *r, const char *code, const char *in_message)
{
	json_error_t jerr;
	json_t *doc = json_loadb(r->body, r->body_len, 0, &jerr);
	json_t *e = json_object_get(doc, "error");

	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(e, "code")), code);
	assert_non_null(strstr(json_string_value(json_object_get(e, "message")), in_message));
	assert_true(json_is_null(json_object_get(e, "field")));
	json_decref(doc);
}

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
	limits(&lim);
	lim.max_body = 1024;
	start(&s, &lim);

	/* Announced too large: answered at once, the client need not send the body. */
	fd = dial(s.port);
	send_str(fd, "POST /api/import HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
	read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 413);
	assert_true(reply_header(&r, "Content-Type", v, sizeof(v)));
	assert_string_equal(v, "application/json");
	assert_json_error(&r, "too_large", "larger than 1024 bytes");

	/* A chunked body that grows past the limit. */
	fd = dial(s.port);
	send_str(fd, "POST /api/import HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
	for (int i = 0; i < 3; i++) {
		memset(req, 'a', 1000);
		send_str(fd, "3e8\r\n");
		send_all(fd, req, 1000);
		send_str(fd, "\r\n");
	}
	send_str(fd, "0\r\n\r\n");
	read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 413);
	assert_json_error(&r, "too_large", "1024");

	/* A chunked body that does not end is not read without end either: the server hangs up. */
	fd = dial(s.port);
	send_str(fd, "POST /api/import HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
	memset(req, 'a', 1000);
	for (int i = 0; i < 2000; i++) {
		if (send(fd, "3e8\r\n", 5, MSG_NOSIGNAL) != 5 ||
		    send(fd, req, 1000, MSG_NOSIGNAL) != 1000 ||
		    send(fd, "\r\n", 2, MSG_NOSIGNAL) != 2)
			break;
	}
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
	assert_json_error(&r, "invalid", what);
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
	limits(&lim);
	start(&s, &lim);
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
	limits(&lim);
	lim.max_header = 2048;
	start(&s, &lim);

	/* A little over the limit: the server's own 431, in JSON. */
	memset(req, 0, 64 * 1024);
	strcpy(req, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(req + strlen(req), 'h', 2500);
	strcat(req, "\r\nConnection: close\r\n\r\n");
	request(s.port, req, &r);
	assert_int_equal(r.status, 431);
	assert_json_error(&r, "header_too_large", "2048 bytes");

	/* Far over: MHD's memory pool gives out first, answering 431 or closing. */
	memset(req, 0, 64 * 1024);
	strcpy(req, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(req + strlen(req), 'h', 40000);
	strcat(req, "\r\n\r\n");
	fd = dial(s.port);
	send(fd, req, strlen(req), MSG_NOSIGNAL); /* may be cut off half-way */
	read_reply(fd, &r);
	close(fd);
	assert_true(r.status == 431 || r.status == 0);
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
	limits(&lim);
	lim.timeout_s = 1;
	start(&s, &lim);
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

	/* MHD closes idle connections after timeout_s without a 408 (see http.h). */
	assert_true(closed_within(half, 4.0, &at));
	assert_true(at - opened >= 0.9); /* not before timeout_s */
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

static void test_connection_limit_is_respected(void **state)
{
	struct http_limits lim;
	struct server s;
	struct reply r;
	int held[3], extra;
	double at = 0;
	struct pollfd p;

	(void)state;
	limits(&lim);
	lim.threads = 1;
	lim.connections = 3;
	start(&s, &lim);
	for (int i = 0; i < 3; i++) {
		held[i] = dial(s.port);
		send_str(held[i], "GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
	}

	/* A fourth client gets no answer while three connections are open ... */
	extra = dial(s.port);
	assert_true(extra >= 0); /* the kernel completes the handshake; MHD leaves it waiting */
	send_str(extra, "GET /extra HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	p = (struct pollfd){ .fd = extra, .events = POLLIN };
	assert_int_equal(poll(&p, 1, 500), 0);
	/* ... while the open ones are still served. */
	for (int i = 0; i < 3; i++) {
		send_str(held[i], "GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
	}
	assert_int_equal(atomic_load(&s.echo.calls), 6);

	/* When one closes, the waiting client is let in. */
	close(held[0]);
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
	limits(&lim);
	lim.per_ip = 2;
	start(&s, &lim);
	for (int i = 0; i < 2; i++) {
		held[i] = dial(s.port);
		send_str(held[i], "GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
	}
	/* A third connection from the same address is accepted and closed at once. */
	extra = dial(s.port);
	assert_true(extra >= 0);
	/* The send may already meet a closed socket. */
	(void)send(extra, "GET / HTTP/1.1\r\n\r\n", 18, MSG_NOSIGNAL);
	assert_true(closed_within(extra, 2.0, &at));
	close(extra);
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
	limits(&lim);
	start(&s, &lim);
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
	limits(&lim);
	start(&s, &lim);
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
	limits(&lim);
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

/* ---- behind a reverse proxy ---- */

/* GET / with the extra header lines given (each ending in CRLF); the reply's body. */
static void forwarded_get(unsigned port, const char *headers, struct reply *r)
{
	char req[1024];

	snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n",
	         headers);
	request(port, req, r);
	assert_int_equal(r->status, 200);
}

/*
 * The attack that worked: behind a proxy every client had the proxy's
 * address (one rate limit for all), and nothing said the client used https.
 * From a trusted proxy (the test's peer, 127.0.0.1), the client is the last
 * X-Forwarded-For entry that is not a trusted proxy, so what the client put
 * in the header itself is passed over, and X-Forwarded-Proto gives the scheme.
 */
static void test_a_trusted_proxy_names_the_client_and_its_scheme(void **state)
{
	static const char *const proxies[] = { "127.0.0.1", "2001:db8::10" };
	struct http_limits lim;
	struct server s;
	struct reply r;

	(void)state;
	limits(&lim);
	lim.trusted_proxies = proxies;
	lim.ntrusted_proxies = 2;
	start(&s, &lim);
	/* The client claimed 203.0.113.50; the proxy appended the address it saw. */
	forwarded_get(s.port,
	              "X-Forwarded-For: 203.0.113.50, 198.51.100.9\r\n"
	              "X-Forwarded-Proto: https\r\n",
	              &r);
	assert_non_null(strstr(r.body, "remote=198.51.100.9\ntls=1\n"));
	/* Through two proxies, both trusted: the one before them is the client. */
	forwarded_get(s.port,
	              "X-Forwarded-For: 203.0.113.50, 198.51.100.9, 2001:DB8:0::10\r\n"
	              "x-forwarded-proto: HTTPS\r\n",
	              &r);
	assert_non_null(strstr(r.body, "remote=198.51.100.9\ntls=1\n"));
	/* Two headers read as one list, in order; IPv6 written the one way. */
	forwarded_get(s.port,
	              "X-Forwarded-For: 203.0.113.50\r\nX-Forwarded-For: 2001:DB8::0:7\r\n"
	              "X-Forwarded-Proto: http\r\n",
	              &r);
	assert_non_null(strstr(r.body, "remote=2001:db8::7\ntls=0\n"));
	/* A client's "https" before the proxy's own "http" does not count. */
	forwarded_get(s.port, "X-Forwarded-Proto: https, http\r\n", &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\ntls=0\n"));
	/* An entry that is not an address: nothing past it is believed. */
	forwarded_get(s.port, "X-Forwarded-For: 198.51.100.9, unknown\r\n", &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\n"));
	http_server_stop(&s.srv);
}

/* From a peer that is not a trusted proxy, the forwarding headers change nothing. */
static void test_forwarding_headers_from_others_are_ignored(void **state)
{
	static const char *const elsewhere[] = { "192.0.2.10" };
	static const char *const bad[] = { "127.0.0.1", "proxy.example" };
	static const char headers[] = "X-Forwarded-For: 198.51.100.9\r\n"
	                              "X-Forwarded-Proto: https\r\n";
	struct http_limits lim;
	struct http_server *srv = NULL;
	struct server s;
	struct reply r;
	struct sc_error err;
	struct echo e = { 0 };

	(void)state;
	limits(&lim);
	start(&s, &lim);
	forwarded_get(s.port, headers, &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\ntls=0\n"));
	http_server_stop(&s.srv);

	lim.trusted_proxies = elsewhere;
	lim.ntrusted_proxies = 1;
	start(&s, &lim);
	forwarded_get(s.port, headers, &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\ntls=0\n"));
	http_server_stop(&s.srv);

	/* A proxy that is not an address is refused before anything listens. */
	lim.trusted_proxies = bad;
	lim.ntrusted_proxies = 2;
	sc_error_init(&err);
	assert_int_equal(http_server_start("127.0.0.1:0", &lim, echo_handler, &e, &srv, &err),
	                 SC_INVALID);
	assert_null(srv);
	assert_non_null(strstr(err.message, "proxy.example"));
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
	limits(&lim);
	lim.threads = 4;
	start(&s, &lim);
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
	limits(&lim);
	start(&s, &lim);
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
	limits(&lim);
	lim.trusted_proxies = proxies;
	lim.ntrusted_proxies = 1;
	start(&s, &lim);
	forwarded_get(s.port, "X-Forwarded-For: 198.51.100.9\r\n", &r);
	http_server_stop(&s.srv);
	log_end(&lc, buf, sizeof(buf));
	line = json_loads(buf, JSON_DISABLE_EOF_CHECK, &jerr);
	assert_non_null(line);
	assert_string_equal(json_string_value(json_object_get(line, "remote")), "198.51.100.9");
	assert_string_equal(json_string_value(json_object_get(line, "proxy")), "127.0.0.1");
	json_decref(line);
}

/* ---- responses ---- */

static void test_response_helpers_refuse_header_injection(void **state)
{
	struct http_response resp;
	char name[32];

	(void)state;
	http_response_init(&resp);
	assert_int_equal(resp.status, 200);
	assert_string_equal(resp.content_type, "application/json");
	assert_int_equal(http_response_header(&resp, "Location", "/x\r\nSet-Cookie: a=b"),
	                 SC_INVALID);
	assert_int_equal(http_response_header(&resp, "Bad Name", "v"), SC_INVALID);
	assert_int_equal(http_response_header(&resp, "Content-Length", "3"), SC_INVALID);
	for (int i = 0; i < HTTP_MAX_HEADERS; i++) {
		snprintf(name, sizeof(name), "X-H%d", i);
		assert_int_equal(http_response_header(&resp, name, "v"), SC_OK);
	}
	assert_int_equal(http_response_header(&resp, "X-One-Too-Many", "v"), SC_INVALID);
	assert_int_equal(http_response_body(&resp, "text/html", "<p>hi</p>", 9), SC_OK);
	assert_string_equal(resp.body, "<p>hi</p>");
	assert_int_equal(resp.body_len, 9);
	assert_string_equal(resp.content_type, "text/html");
	http_response_release(&resp);
	assert_null(resp.body);
	assert_int_equal(resp.nheaders, 0);
}

/* ---- query strings and cookies ---- */

static void test_query_get_decodes(void **state)
{
	char buf[64], tiny[4];

	(void)state;
	assert_true(http_query_get("q=van+Dijk%20%26+Zn&limit=10", "q", buf, sizeof(buf)));
	assert_string_equal(buf, "van Dijk & Zn");
	assert_true(http_query_get("q=van+Dijk&limit=10", "limit", buf, sizeof(buf)));
	assert_string_equal(buf, "10");
	/* Keys are decoded too. */
	assert_true(http_query_get("first%20name=Anna", "first name", buf, sizeof(buf)));
	assert_string_equal(buf, "Anna");
	/* The first of two wins; a bare key is present and empty. */
	assert_true(http_query_get("a=1&a=2", "a", buf, sizeof(buf)));
	assert_string_equal(buf, "1");
	assert_true(http_query_get("draft&x=1", "draft", buf, sizeof(buf)));
	assert_string_equal(buf, "");
	/* Missing, and not a prefix match. */
	assert_false(http_query_get("limit=10", "lim", buf, sizeof(buf)));
	assert_false(http_query_get("", "q", buf, sizeof(buf)));
	/* Too long for the buffer: not present rather than cut. */
	assert_false(http_query_get("q=abcd", "q", tiny, sizeof(tiny)));
	assert_true(http_query_get("q=abc", "q", tiny, sizeof(tiny)));
	assert_string_equal(tiny, "abc");
	/* Malformed escapes are taken literally; %00 would cut the string short. */
	assert_true(http_query_get("p=100%&r=%zz%4", "p", buf, sizeof(buf)));
	assert_string_equal(buf, "100%");
	assert_true(http_query_get("p=100%&r=%zz%4", "r", buf, sizeof(buf)));
	assert_string_equal(buf, "%zz%4");
	assert_true(http_query_get("n=a%00b", "n", buf, sizeof(buf)));
	assert_string_equal(buf, "a%00b");
}

struct pairs {
	char seen[256];
	int n;
	int stop_at;
};

static enum sc_result collect(void *arg, const char *key, const char *value)
{
	struct pairs *p = arg;
	size_t len = strlen(p->seen);

	snprintf(p->seen + len, sizeof(p->seen) - len, "[%s=%s]", key, value);
	if (++p->n == p->stop_at)
		return SC_CONFLICT;
	return SC_OK;
}

static void test_query_each_visits_pairs_and_refuses_bad_ones(void **state)
{
	struct pairs p = { 0 };
	struct sc_error err;
	char *big;

	(void)state;
	sc_error_init(&err);
	assert_int_equal(http_query_each("a=1&&b=two+words&flag&c=%C3%A9", collect, &p, &err),
	                 SC_OK);
	assert_string_equal(p.seen, "[a=1][b=two words][flag=][c=\xc3\xa9]");

	memset(&p, 0, sizeof(p));
	assert_int_equal(http_query_each("a=1&b=50%&c=3", collect, &p, &err), SC_INVALID);
	assert_string_equal(err.field, "query");
	assert_non_null(strstr(err.message, "\"b\""));
	assert_non_null(strstr(err.message, "%25"));
	assert_string_equal(p.seen, "[a=1]"); /* stopped at the bad pair */

	memset(&p, 0, sizeof(p));
	assert_int_equal(http_query_each("a=%00", collect, &p, &err), SC_INVALID);

	/* A pair of 1024 bytes is fine, 1025 is not. */
	big = malloc(2048);
	assert_non_null(big);
	memset(big, 'x', 2048);
	memcpy(big, "k=", 2);
	big[1024] = '\0';
	memset(&p, 0, sizeof(p));
	assert_int_equal(http_query_each(big, collect, &p, &err), SC_OK);
	assert_int_equal(p.n, 1);
	big[1024] = 'x';
	big[1025] = '\0';
	sc_error_init(&err);
	assert_int_equal(http_query_each(big, collect, &p, &err), SC_INVALID);
	assert_non_null(strstr(err.message, "1024"));
	free(big);

	/* The callback's own error stops the walk and comes back as it is. */
	memset(&p, 0, sizeof(p));
	p.stop_at = 2;
	assert_int_equal(http_query_each("a=1&b=2&c=3", collect, &p, &err), SC_CONFLICT);
	assert_string_equal(p.seen, "[a=1][b=2]");
}

static void test_cookie_get(void **state)
{
	char buf[32], tiny[4];

	(void)state;
	assert_true(http_cookie_get("theme=dark; sc_session=abc.DEF-123; lang=nl", "sc_session",
	                            buf, sizeof(buf)));
	assert_string_equal(buf, "abc.DEF-123");
	assert_true(http_cookie_get("theme=dark;lang=nl", "lang", buf, sizeof(buf)));
	assert_string_equal(buf, "nl");
	assert_true(http_cookie_get("q=\"quoted value\"", "q", buf, sizeof(buf)));
	assert_string_equal(buf, "quoted value");
	/* Cookie values are not URL-decoded: what the server set comes back as it was. */
	assert_true(http_cookie_get("v=a%20b+c", "v", buf, sizeof(buf)));
	assert_string_equal(buf, "a%20b+c");
	/* Names match whole and case-sensitively. */
	assert_false(http_cookie_get("sc_session_old=x", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get("xsc_session=x", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get("SC_SESSION=x", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get("", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get(NULL, "sc_session", buf, sizeof(buf)));
	/* Too long: absent rather than cut (a cut session id is a wrong one). */
	assert_false(http_cookie_get("s=abcd", "s", tiny, sizeof(tiny)));
	assert_true(http_cookie_get("s=abc", "s", tiny, sizeof(tiny)));
	assert_string_equal(tiny, "abc");
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
		cmocka_unit_test(test_connection_limit_is_respected),
		cmocka_unit_test(test_per_ip_limit_is_respected),
		cmocka_unit_test(test_stop_lets_a_request_in_flight_finish),
		cmocka_unit_test(test_bad_addresses_are_invalid),
		cmocka_unit_test(test_port_in_use_is_io_error_naming_address),
		cmocka_unit_test(test_ipv6_loopback),
		cmocka_unit_test(test_a_trusted_proxy_names_the_client_and_its_scheme),
		cmocka_unit_test(test_forwarding_headers_from_others_are_ignored),
		cmocka_unit_test(test_concurrent_clients_each_get_their_own_answer),
		cmocka_unit_test(test_log_line_names_request_but_not_its_secrets),
		cmocka_unit_test(test_log_line_names_the_forwarded_client),
		cmocka_unit_test(test_response_helpers_refuse_header_injection),
		cmocka_unit_test(test_query_get_decodes),
		cmocka_unit_test(test_query_each_visits_pairs_and_refuses_bad_ones),
		cmocka_unit_test(test_cookie_get),
	};

	/* The request log is tested on its own; the rest would only clutter the output. */
	setenv("SALESCOACH_HTTP_LOG", "0", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
