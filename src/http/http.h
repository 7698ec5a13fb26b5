/*
 * http.h - the HTTP server: the project's own HTTP/1.1 layer (event loops
 * on epoll and a pool of worker threads, http/http_int.h) behind a plain
 * request/response interface. It knows nothing of coaching: it reads a
 * whole request (within limits), hands it to one handler, and sends what
 * the handler filled in. Handlers can be driven in memory by building a
 * struct http_request by hand (tests do).
 */
#ifndef SALESCOACH_HTTP_H
#define SALESCOACH_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/result.h"

#define HTTP_MAX_HEADERS 16

/* One request as the handler sees it; every pointer is borrowed for the call. */
struct http_request {
	const char *method; /* "GET", "POST", ... */
	const char *path;   /* "/api/people/3", without the query string */
	const char *query;  /* "limit=10&offset=20" (raw, not decoded), or "" */
	const char *body;   /* NUL-terminated; "" when there is none */
	size_t body_len;
	const char *remote; /* client address as text, "127.0.0.1" (see trusted_proxies) */
	bool tls;           /* the client used https, says a trusted proxy (cookies get Secure) */
	/* Looks up a request header, case-insensitively; NULL when absent. */
	const char *(*header)(const struct http_request *req, const char *name);
	void *impl; /* the server's own state for header() */
};

/* What the handler answers. The server owns and frees body and headers. */
struct http_response {
	int status;               /* 200 unless set */
	const char *content_type; /* static string; "application/json" unless set */
	char *body;               /* owned (malloc'd), may be NULL */
	size_t body_len;
	size_t nheaders;
	char *header_names[HTTP_MAX_HEADERS];  /* owned */
	char *header_values[HTTP_MAX_HEADERS]; /* owned */
	/* A short label for the request log ("people.list"); static or NULL. */
	const char *route;
};

/* Initialise resp to 200, no body, no headers. */
void http_response_init(struct http_response *resp);

/* Free resp's body and headers and initialise it again. */
void http_response_release(struct http_response *resp);

/*
 * Add a response header (copied). SC_INVALID when HTTP_MAX_HEADERS are set,
 * when name is not an HTTP token, when value holds a control character (a CR
 * or LF would inject a header), and for Content-Length, Transfer-Encoding
 * and Content-Type, which the server writes itself.
 */
enum sc_result http_response_header(struct http_response *resp, const char *name,
                                    const char *value);

/* Set the body to a copy of len bytes of text with the content type given. */
enum sc_result http_response_body(struct http_response *resp, const char *content_type,
                                  const char *text, size_t len);

/* The handler: must always fill resp (status and body) and return. Called from many threads. */
typedef void (*http_handler)(void *ctx, const struct http_request *req, struct http_response *resp);

/* Trusted reverse proxies at most (struct http_limits). */
#define HTTP_MAX_PROXIES 16

/*
 * How the limits show to a client (every number must be at least 1). Every
 * refusal is a JSON error ({"error":{"code","message","field":null}}) with
 * Connection: close, and the connection closes after it:
 * - max_line: a request line longer than it is answered 414 (uri_too_long)
 *   as soon as it is that long.
 * - max_header: a head (request line and header lines) larger than it, or
 *   with more than 100 header fields, is answered 431 (headers_too_large).
 * - max_body: a Content-Length above it is answered 413 (too_large) before
 *   the body is read; a chunked body as soon as a chunk size takes it over.
 * - head_timeout_s: a head must be complete this long after its first byte;
 *   a body, this long plus one second per min_body_rate bytes (declared, or
 *   for a chunked body received so far) after its start. Otherwise 408
 *   (timeout), however steadily the client trickles.
 * - timeout_s: a keep-alive connection idle this long between requests is
 *   closed without an answer (as HTTP allows); so is one whose client reads
 *   nothing of its answer for this long.
 * - connections: open connections at most, over all loops. Beyond it a new
 *   connection is accepted, answered 503 (unavailable) and closed, rather
 *   than left waiting in the kernel's backlog.
 * - per_ip (not for a trusted proxy, which carries many clients):
 *   beyond it, a connection is answered 503 (unavailable) and
 *   closed in the same way. It counts the peer's address: behind a reverse
 *   proxy, that of the proxy.
 * Connections refused at accept linger (to let the answer be read) 64 at a
 * time per loop; beyond those they are closed at once.
 * - threads: worker threads running the handler; loops: event-loop threads
 *   doing the sockets' I/O.
 * What each connection holds while it waits is small (a buffer of 1 KiB
 * that grows with the head up to max_header plus 16 KiB), so thousands of
 * slow clients cost a few megabytes; their deadlines are what ends them.
 *
 * trusted_proxies are the reverse proxies whose forwarding headers are
 * believed (numeric IPv4 or IPv6 addresses, at most HTTP_MAX_PROXIES;
 * borrowed until http_server_start returns; none by default). For a request
 * whose peer is one of them, the client address (the handler's remote and
 * the log's) is the last entry of X-Forwarded-For, all such headers read in
 * order, that is not itself a trusted proxy, and tls is true when the last
 * value of X-Forwarded-Proto is https. From any other peer both headers are
 * ignored. An entry that is not an address leaves the peer's address.
 */
struct http_limits {
	size_t max_body;         /* bytes; a larger body is answered 413 (default 1 MiB) */
	size_t max_header;       /* bytes of request line and headers (default 16 KiB) */
	size_t max_line;         /* bytes of the request line (default 8 KiB) */
	unsigned connections;    /* open connections at most (default 4096) */
	unsigned timeout_s;      /* idle or unread seconds before a connection is cut (10) */
	unsigned head_timeout_s; /* seconds for a head, and a body's grace (default 10) */
	unsigned min_body_rate;  /* bytes/s a body must average past its grace (64 KiB) */
	unsigned threads;        /* worker threads (default: number of CPUs, at least 2) */
	unsigned loops;          /* event-loop threads (default 1; one per 8 CPUs from 16) */
	unsigned per_ip;         /* connections per client address (default 64) */
	const char *const *trusted_proxies; /* ntrusted_proxies addresses, or NULL */
	size_t ntrusted_proxies;
};

/* Whether text is a numeric IPv4 or IPv6 address ("203.0.113.5", "2001:db8::1"). */
bool http_address_valid(const char *text);

/* The defaults above. */
void http_limits_default(struct http_limits *lim);

struct http_server;

/*
 * Listen on addr ("127.0.0.1:8080", "[::1]:8080", ":8080" for every
 * address) and start serving with handler(ctx, ...). Port 0 picks a free
 * port (see http_server_port). *out is owned: stop it with
 * http_server_stop. Errors say what was wrong with addr or why the port
 * could not be opened. lim may be NULL for the defaults.
 *
 * The request is read strictly (http/http_parse.h): a request line that is
 * not METHOD SP /target SP HTTP/1.x, a bare LF as line end, a header line
 * that is not Name: value, a control character in the head, HTTP/1.1
 * without one Host header, and a body that could end in two places
 * (Content-Length not plain digits or given twice with different values,
 * Transfer-Encoding beside Content-Length or other than one "chunked", bad
 * chunk framing) are answered 400 (bad_request) before the handler is
 * called, and the connection is closed: nothing after such a head is taken
 * for another request. A version other than HTTP/1.0 and 1.1 is answered
 * 505 (version_not_supported); the HTTP/2 connection preface is closed
 * without an answer. Any method reaches the handler, except that HEAD is
 * handed to it as GET and answered with the GET's status and headers
 * (Content-Length too) without the body. Expect: 100-continue is answered
 * 100 Continue once the head is accepted. Keep-alive is HTTP/1.1's default;
 * a connection carries one request at a time.
 *
 * Every request is logged as one JSON line on stderr: time, client address,
 * the trusted proxy it came through ("proxy", only then), method, path
 * without the query (a run of 32 or more hex digits in it, a secret that an
 * address carries, written as "***"), status, milliseconds, body bytes, route and, when the
 * connection ended early, why ("closed":"timeout"). Never the
 * query, headers or body. SALESCOACH_HTTP_LOG in the environment when the
 * server starts: 1 (or unset) logs every request, errors only those answered
 * 400 or above or not answered at all, 0 none; any other value is
 * SC_INVALID.
 */
enum sc_result http_server_start(const char *addr, const struct http_limits *lim,
                                 http_handler handler, void *ctx, struct http_server **out,
                                 struct sc_error *err);

/* The port the server listens on. */
unsigned http_server_port(const struct http_server *srv);

/*
 * Stop accepting, let requests in flight finish, close every connection,
 * free the server and null *srv. A request whose handler has not begun by
 * then (queued, or still arriving) is answered 503 (code "unavailable")
 * with Connection: close. Running handlers are waited for; responses still
 * being sent get up to timeout_s + 1 seconds; idle keep-alive connections
 * are closed at once.
 */
void http_server_stop(struct http_server **srv);

/*
 * Parse a query string or form: the value of key, percent- and
 * plus-decoded, into buf (at most size bytes with the NUL). Returns true
 * when key is present; false when absent or the value does not fit.
 */
bool http_query_get(const char *query, const char *key, char *buf, size_t size);

/*
 * Call fn for every key=value pair of query, decoded. Stops and returns the
 * first non-SC_OK result of fn. Pairs longer than 1024 bytes are SC_INVALID.
 */
enum sc_result http_query_each(const char *query,
                               enum sc_result (*fn)(void *arg, const char *key, const char *value),
                               void *arg, struct sc_error *err);

/* The value of cookie name in a Cookie header, into buf; false when absent or too long. */
bool http_cookie_get(const char *cookie_header, const char *name, char *buf, size_t size);

#endif
