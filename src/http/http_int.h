/*
 * http_int.h - what the files of the HTTP server share. Not for use outside
 * src/http.
 *
 * The server is one or more event-loop threads and a pool of worker
 * threads:
 *
 *   loop    (http_loop.c) accepts connections and does all their I/O on
 *           non-blocking sockets with edge-triggered epoll; each
 *           connection (http_conn.c) reads one request at a time, parses
 *           it (http_parse.c), refuses what is malformed or too large in
 *           the server's own JSON, and queues a complete request for a
 *           worker;
 *   worker  (http_worker.c) runs the handler and writes the response head,
 *           then gives the request back to its loop through the loop's
 *           done list and eventfd; the loop sends it.
 *
 * A request belongs to its loop except between http_loop_queue and the
 * loop taking it off its done list: then it belongs to a worker, and the
 * loop leaves the connection alone (it neither reads nor closes it).
 */
#ifndef SALESCOACH_HTTP_INT_H
#define SALESCOACH_HTTP_INT_H

#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/uio.h>

#include "http/http.h"
#include "http/http_parse.h"

/* Seconds a closing connection reads and drops what the client still sends (see conn_linger). */
#define HTTP_LINGER_S 2

struct http_loop;
struct conn;

/* One request, from its complete head to its last byte sent. */
struct conn_request {
	struct conn *conn;
	struct conn_request *next; /* in the work queue or a loop's done list */
	/* NUL-terminated pieces of the connection's buffer, which stays put meanwhile. */
	const char *method; /* as sent: the log's; the handler gets GET for HEAD */
	const char *path;
	const char *query; /* raw, or "" */
	unsigned minor;    /* HTTP/1.<minor> */
	bool head_only;    /* HEAD: the answer has no body */
	bool keep_alive;   /* the client keeps the connection */
	size_t head_len;   /* bytes of the head in the connection's buffer */
	char *body;        /* owned, NUL-terminated when complete; NULL when there is none */
	size_t body_len, body_cap;
	int64_t t0; /* when the request's first byte came (http_now) */
	/* Filled by the worker. */
	char remote[INET6_ADDRSTRLEN]; /* the client: the peer, or whom a trusted proxy names */
	char proxy[INET6_ADDRSTRLEN];  /* the trusted proxy it came through, or "" */
	bool tls;
	int status;
	size_t bytes; /* of the body the handler answered (sent or, for HEAD, announced) */
	const char *route;
	bool close;     /* the response says Connection: close */
	char *out_head; /* owned: the status line and headers */
	size_t out_head_len;
	char *out_body; /* owned, or NULL */
	size_t out_body_len;
	unsigned nfields;
	const char **names, **values; /* nfields each, after the struct */
};

enum conn_state {
	CONN_IDLE,    /* waiting for a request's first byte */
	CONN_HEAD,    /* reading a request head */
	CONN_BODY,    /* reading its body */
	CONN_HANDLER, /* the request is with a worker */
	CONN_WRITE,   /* sending a response */
	CONN_LINGER,  /* answered and half-closed: dropping what still comes, then closing */
};

struct conn {
	struct http_loop *loop;
	struct conn *prev, *next; /* the loop's connections */
	int fd;
	enum conn_state state;
	bool readable;        /* the socket may hold bytes not read yet (epoll is edge-triggered) */
	bool eof;             /* the client has closed its side */
	bool counted;         /* counts against the caps (not a connection refused at accept) */
	bool closing;         /* close after the response being written */
	struct in6_addr peer; /* IPv4 as IPv4-mapped */
	char peer_text[INET6_ADDRSTRLEN];
	int64_t deadline; /* http_now() past which the state's timeout acts; INT64_MAX: none */
	int64_t t0;       /* when the current request's first byte came */
	int64_t body_t0;  /* when its body began */
	/* Bytes read and not yet consumed: the current head first. At most buf_max. */
	char *buf;
	size_t len, cap;
	struct http_head_scan scan;
	struct http_chunked chunked;
	bool chunked_body;
	uint64_t body_want; /* Content-Length of the body being read */
	struct conn_request *req;
	/* The response being sent: out[0] what is left of the head, out[1] of the body. */
	struct iovec out[2];
	char *out_mem[2]; /* owned: where they began */
	int status;       /* of that response, for the log */
	size_t out_bytes; /* its body bytes (announced, for HEAD) */
	size_t linger_bytes;
};

struct http_loop {
	struct http_server *srv;
	pthread_t thread;
	int epfd;
	int evfd; /* written by workers (and the stop) to wake the loop */
	struct conn *conns;
	unsigned nrefusing; /* connections refused 503 at accept, still lingering */
	bool stop_seen;     /* the loop has acted on srv->stopping */
	bool running;       /* its thread was started */
	atomic_bool quit;
	char scratch[16384]; /* where lingering connections' bytes are dropped */
	/* Complete requests of this round of events, queued for the workers together. */
	struct conn_request *ready_head, *ready_tail;
	unsigned nready;
	pthread_mutex_t done_lock;
	struct conn_request *done_head, *done_tail; /* answered by workers, to be sent */
	bool notified; /* the loop will look at the done list without a write to evfd */
};

/* One address's open connections (the per-address cap). */
struct ip_slot {
	struct in6_addr addr;
	unsigned count; /* 0: the slot is free */
};

/* What the request log takes (SALESCOACH_HTTP_LOG). */
enum http_log_level {
	HTTP_LOG_ALL,    /* unset or "1": every request */
	HTTP_LOG_ERRORS, /* "errors": the requests answered 400 or above, or not answered */
	HTTP_LOG_OFF,    /* "0" */
};

struct http_server {
	struct http_limits lim;
	http_handler handler;
	void *ctx;
	enum http_log_level log;                   /* SALESCOACH_HTTP_LOG */
	struct in6_addr proxies[HTTP_MAX_PROXIES]; /* IPv4 as IPv4-mapped */
	size_t nproxies;
	struct http_parse_limits parse;
	size_t buf_max; /* a connection's buffer at most */
	int listen_fd;
	int spare_fd; /* /dev/null, given up to accept and refuse when out of descriptors */
	unsigned port;

	atomic_bool stopping;
	atomic_uint nconns; /* open connections that count against the caps, all loops */
	atomic_uint nall;   /* every open connection, refused ones too: the stop waits for 0 */

	struct http_loop *loops;
	unsigned nloops;

	pthread_t *workers;
	unsigned nworkers;
	pthread_mutex_t work_lock;
	pthread_cond_t work_cond;
	struct conn_request *work_head, *work_tail;
	unsigned work_idle; /* workers waiting on work_cond */
	bool work_quit;

	pthread_mutex_t ip_lock;
	struct ip_slot *ips; /* open addressing, linear probing */
	size_t ip_mask;
};

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t http_now(void);

/* ---- http.c ---- */

/* Count a connection from addr; false (and nothing counted) when addr is at the per-address cap. */
bool http_ip_acquire(struct http_server *srv, const struct in6_addr *addr);

/* Forget one connection from addr. */
void http_ip_release(struct http_server *srv, const struct in6_addr *addr);

/* a as text, IPv4-mapped addresses as IPv4, into buf of INET6_ADDRSTRLEN bytes. */
void http_ip_text(const struct in6_addr *a, char *buf, size_t size);

/* Whether a is a trusted proxy. */
bool http_trusted(const struct http_server *srv, const struct in6_addr *a);

/* text as an IPv6 address (IPv4 as IPv4-mapped) into *out; false when it is neither. */
bool http_parse_ip(const char *text, struct in6_addr *out);

/* ---- http_loop.c ---- */

/* Set up loop for srv (epoll, eventfd, the listener); SC_IO or SC_NOMEM with err filled. */
enum sc_result http_loop_init(struct http_loop *loop, struct http_server *srv,
                              struct sc_error *err);

/* The loop thread. */
void *http_loop_run(void *arg);

/* Wake the loop (from any thread). */
void http_loop_wake(struct http_loop *loop);

/*
 * A request is complete (on the loop): it goes to the workers with the
 * others of this round of events, in one hand-over.
 */
void http_loop_queue(struct http_loop *loop, struct conn_request *cr);

/* Give an answered request back to its loop (from a worker). */
void http_loop_done(struct http_loop *loop, struct conn_request *cr);

/* Close every connection left and release the loop (after its thread has ended). */
void http_loop_release(struct http_loop *loop);

/* ---- http_conn.c ---- */

/* A connection accepted on loop: set up, registered and counted by the caller. */
struct conn *conn_new(struct http_loop *loop, int fd, const struct in6_addr *peer);

/* epoll reported events (EPOLLIN, EPOLLOUT, ...) on c's socket; 0 just runs c. */
void conn_on_event(struct conn *c, uint32_t events);

/* A worker has answered c's request. */
void conn_on_answered(struct conn *c, struct conn_request *cr);

/* The deadline of c's state has passed (now is http_now()). */
void conn_on_deadline(struct conn *c, int64_t now);

/* The server has begun to stop: close c if it is idle, refuse what it is reading. */
void conn_on_stop(struct conn *c);

/*
 * Set c to answer status with the JSON error (code, message) and close: a
 * refusal of the server's own. It is sent when c runs next (conn_on_event);
 * false when c had to be closed at once (out of memory).
 */
bool conn_refuse(struct conn *c, int status, const char *code, const char *message);

/* Close c now and free it, releasing what it counts against. */
void conn_close(struct conn *c);

/* ---- http_worker.c ---- */

/* Hand n complete requests, linked from head to tail, to the workers. */
void http_worker_queue(struct http_server *srv, struct conn_request *head,
                       struct conn_request *tail, unsigned n);

/* The worker thread. */
void *http_worker_run(void *arg);

/* ---- http_response.c ---- */

/*
 * The status line and headers of an answer, in a new buffer (owned; *len
 * its length; NULL when out of memory). body_len is the Content-Length
 * (sent for HEAD too, without the body); close adds Connection: close,
 * keep_alive_10 Connection: keep-alive (for an HTTP/1.0 client that asked).
 */
char *http_response_head(const struct http_response *resp, size_t body_len, bool close,
                         bool keep_alive_10, size_t *len);

/*
 * The server's JSON error body, {"error":{"code","message","field":null}},
 * into buf; its length, or -1 when it does not fit. code and message are
 * the server's own text: nothing in them needs escaping.
 */
int http_error_json(char *buf, size_t size, const char *code, const char *message);

/*
 * A whole JSON error answer ({"error":{"code","message","field":null}}) in
 * one new buffer, head and body, with Connection: close. Owned; NULL when
 * out of memory. *body_len is the length of its body.
 */
char *http_response_error(int status, const char *code, const char *message, size_t *len,
                          size_t *body_len);

/* ---- the request log (http_conn.c) ---- */

/* Whether the request log takes a request answered status (0: none, the client went first). */
static inline bool http_logs(const struct http_server *srv, int status)
{
	return srv->log == HTTP_LOG_ALL ||
	       (srv->log == HTTP_LOG_ERRORS && (status == 0 || status >= 400));
}

/*
 * One JSON line on stderr for a request: cr when its head was parsed (else
 * method and path are left empty), status 0 when nothing was answered,
 * closed why it ended early or NULL.
 */
void http_log(const struct conn *c, const struct conn_request *cr, int status, size_t bytes,
              const char *route, const char *closed);

#endif
