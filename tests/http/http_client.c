/*
 * http_client.c - the echo server and the plain-socket client of the HTTP
 * server's loopback tests. See http_client.h.
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
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "http_client.h"

/* ---- the server under test ---- */

/* Large bodies (/len): a digest, not the bytes. */
static void echo_digest(const struct http_request *req, struct http_response *resp, char *out,
                        size_t cap, int n)
{
	unsigned long sum = 0;

	for (size_t i = 0; i < req->body_len; i++)
		sum = sum * 31 + (unsigned char)req->body[i];
	n += snprintf(out + n, cap - (size_t)n, "sum=%lu", sum);
	assert_int_equal(http_response_body(resp, "text/plain", out, (size_t)n), SC_OK);
}

void echo_handler(void *ctx, const struct http_request *req, struct http_response *resp)
{
	struct echo *e = ctx;
	const char *h = req->header(req, "x-test");
	size_t head = strlen(req->path) + strlen(req->query) + 2048;
	size_t cap = req->body_len + head;
	char *out;
	int n;

	atomic_fetch_add(&e->calls, 1);
	if (strcmp(req->path, "/slow") == 0) {
		atomic_store(&e->slow_entered, 1);
		usleep(300 * 1000);
	}
	if (strcmp(req->path, "/big") == 0) {
		out = malloc(e->big_len);
		assert_non_null(out);
		memset(out, 'z', e->big_len);
		assert_int_equal(http_response_body(resp, "text/plain", out, e->big_len), SC_OK);
		free(out);
		return;
	}
	out = malloc(cap);
	assert_non_null(out);
	n = snprintf(
	        out, cap,
	        "method=%s\npath=%s\nquery=%s\nx-test=%s\nremote=%s\ntls=%d\nbody_len=%zu\nbody=",
	        req->method, req->path, req->query, h ? h : "(none)", req->remote, req->tls,
	        req->body_len);
	assert_true(n > 0 && (size_t)n < head);
	if (strcmp(req->path, "/len") == 0) {
		echo_digest(req, resp, out, cap, n);
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

void test_limits(struct http_limits *lim)
{
	http_limits_default(lim);
	lim->threads = 2;
	lim->connections = 32;
	lim->per_ip = 32;
	lim->timeout_s = 5;
}

void server_start(struct server *s, const struct http_limits *lim)
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

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int dial(unsigned port)
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

void send_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		assert_true(n > 0);
		buf += n;
		len -= (size_t)n;
	}
}

void send_str(int fd, const char *s)
{
	send_all(fd, s, strlen(s));
}

bool reply_header(const struct reply *r, const char *name, char *buf, size_t size)
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

/* Read until the head and then want(r) bytes of body are in; status 0 when they did not come. */
static void read_until(int fd, struct reply *r, bool head_only)
{
	char cl[32];
	char *end = NULL;

	memset(r, 0, sizeof(*r));
	for (;;) {
		ssize_t n;

		if (!end && (end = strstr(r->raw, "\r\n\r\n")) != NULL) {
			r->body = end + 4;
			if (!head_only) {
				if (!reply_header(r, "Content-Length", cl, sizeof(cl)))
					break;
				r->body_len = strtoul(cl, NULL, 10);
			}
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

void read_reply(int fd, struct reply *r)
{
	read_until(fd, r, false);
}

void read_head_reply(int fd, struct reply *r)
{
	read_until(fd, r, true);
}

void request(unsigned port, const char *req, struct reply *r)
{
	int fd = dial(port);

	assert_true(fd >= 0);
	send_str(fd, req);
	read_reply(fd, r);
	close(fd);
}

bool closed_within(int fd, double seconds, double *at)
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

void assert_json_error(const struct reply *r, const char *code, const char *in_message)
{
	json_error_t jerr;
	json_t *doc = json_loadb(r->body, r->body_len, 0, &jerr);
	json_t *e = json_object_get(doc, "error");
	char v[64];

	if (!doc)
		fail_msg("not JSON: %.300s", r->raw);
	assert_true(reply_header(r, "Content-Type", v, sizeof(v)));
	assert_string_equal(v, "application/json");
	assert_string_equal(json_string_value(json_object_get(e, "code")), code);
	if (!strstr(json_string_value(json_object_get(e, "message")), in_message))
		fail_msg("message \"%s\" does not say \"%s\"",
		         json_string_value(json_object_get(e, "message")), in_message);
	assert_true(json_is_null(json_object_get(e, "field")));
	json_decref(doc);
}
