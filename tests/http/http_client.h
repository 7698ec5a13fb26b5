/*
 * http_client.h - what the loopback tests of the HTTP server share: an echo
 * handler and a server running it, and a plain-socket client that sends raw
 * bytes and reads raw answers (so that malformed requests can be sent and
 * the server's exact answer seen).
 */
#ifndef SALESCOACH_TEST_HTTP_CLIENT_H
#define SALESCOACH_TEST_HTTP_CLIENT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

/*
 * The echo handler's state. It answers text/plain with the method, path,
 * query, the X-Test header, the client address, tls, the body length and
 * the body. Paths: /slow sleeps 300 ms; /len answers a digest instead of
 * the body; /big answers big_len bytes.
 */
struct echo {
	atomic_int calls;
	atomic_int slow_entered; /* a /slow request is inside the handler */
	size_t big_len;
};

void echo_handler(void *ctx, const struct http_request *req, struct http_response *resp);

struct server {
	struct http_server *srv;
	struct echo echo;
	unsigned port;
};

/* The test's limits: the defaults with 2 threads, 32 connections, 32 per address, 5 s idle. */
void test_limits(struct http_limits *lim);

/* Start s on 127.0.0.1 with an ephemeral port; fails the test when it cannot. */
void server_start(struct server *s, const struct http_limits *lim);

/* CLOCK_MONOTONIC in seconds. */
double now_s(void);

/* A blocking socket to 127.0.0.1:port with 5-second send and receive timeouts; -1 when refused. */
int dial(unsigned port);

void send_all(int fd, const char *buf, size_t len);
void send_str(int fd, const char *s);

struct reply {
	int status; /* 0 when no complete response arrived */
	char raw[65536];
	size_t len;
	const char *body; /* into raw */
	size_t body_len;
};

/* The value of header name in r, copied into buf; false when absent. */
bool reply_header(const struct reply *r, const char *name, char *buf, size_t size);

/* Read one whole response (headers and Content-Length bytes); status 0 when it did not come. */
void read_reply(int fd, struct reply *r);

/* Read one response to a HEAD request: the head only, however long the Content-Length. */
void read_head_reply(int fd, struct reply *r);

/* Send request on a new connection and read the response. */
void request(unsigned port, const char *req, struct reply *r);

/*
 * True when the server closes fd (EOF or reset) within seconds, without
 * sending anything more; *at is when (now_s).
 */
bool closed_within(int fd, double seconds, double *at);

/* r is the server's JSON error: code, a message holding in_message, field null. */
void assert_json_error(const struct reply *r, const char *code, const char *in_message);

#endif
