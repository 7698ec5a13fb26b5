/*
 * http_worker.c - the worker threads of the HTTP server: take a complete
 * request off the queue, work out who the client is (the peer, or whom a
 * trusted proxy names), run the handler, write the response head, and give
 * the request back to its loop to send. See http_int.h.
 */
#include "http/http_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How many headers of one name are read, the last ones sent. */
#define FORWARD_HEADERS_MAX 16

void http_worker_queue(struct http_server *srv, struct conn_request *head,
                       struct conn_request *tail, unsigned n)
{
	pthread_mutex_lock(&srv->work_lock);
	if (srv->work_tail)
		srv->work_tail->next = head;
	else
		srv->work_head = head;
	srv->work_tail = tail;
	/* Wake only workers that sleep, no more than there are requests: a busy one comes back. */
	if (n >= srv->work_idle)
		pthread_cond_broadcast(&srv->work_cond);
	else
		while (n--)
			pthread_cond_signal(&srv->work_cond);
	pthread_mutex_unlock(&srv->work_lock);
}

static const char *lookup_header(const struct http_request *req, const char *name)
{
	const struct conn_request *cr = req->impl;

	for (unsigned i = 0; i < cr->nfields; i++)
		if (strcasecmp(cr->names[i], name) == 0)
			return cr->values[i];
	return NULL;
}

/* ---- forwarding headers of trusted proxies ---- */

/* The values of the request headers called name, the last FORWARD_HEADERS_MAX in order. */
struct header_values {
	const char *v[FORWARD_HEADERS_MAX];
	size_t n;
};

static void collect(const struct conn_request *cr, const char *name, struct header_values *h)
{
	h->n = 0;
	for (unsigned i = 0; i < cr->nfields; i++) {
		if (strcasecmp(cr->names[i], name) != 0)
			continue;
		if (h->n == FORWARD_HEADERS_MAX) {
			memmove(h->v, h->v + 1, (FORWARD_HEADERS_MAX - 1) * sizeof(h->v[0]));
			h->n--;
		}
		h->v[h->n++] = cr->values[i];
	}
}

/*
 * The entry of a comma-separated list that ends at *end (exclusive), trimmed,
 * into buf; *end moves before it and its comma. False when the entry does
 * not fit buf.
 */
static bool list_entry_before(const char *list, size_t *end, char *buf, size_t size)
{
	size_t e = *end, b;

	b = e;
	while (b > 0 && list[b - 1] != ',')
		b--;
	*end = b > 0 ? b - 1 : 0;
	while (b < e && (list[b] == ' ' || list[b] == '\t'))
		b++;
	while (e > b && (list[e - 1] == ' ' || list[e - 1] == '\t'))
		e--;
	if (e - b >= size)
		return false;
	memcpy(buf, list + b, e - b);
	buf[e - b] = '\0';
	return true;
}

/*
 * Who the client is. From a trusted proxy: the last entry of
 * X-Forwarded-For that is not a trusted proxy, and the scheme the last value
 * of X-Forwarded-Proto. An entry that is not an address stops the search and
 * leaves the peer as the client: past it, nothing was written by a proxy we
 * trust.
 */
static void client_of(const struct http_server *srv, struct conn_request *cr)
{
	const struct conn *c = cr->conn;
	struct header_values xff, xfp;
	char entry[INET6_ADDRSTRLEN + 1];
	struct in6_addr client;
	bool named = false, stop = false;

	memcpy(cr->remote, c->peer_text, sizeof(cr->remote));
	if (!srv->nproxies || !http_trusted(srv, &c->peer))
		return;
	collect(cr, "X-Forwarded-For", &xff);
	collect(cr, "X-Forwarded-Proto", &xfp);
	for (size_t i = xff.n; i-- > 0 && !named && !stop;) {
		size_t end = strlen(xff.v[i]);

		while (end > 0 && !named && !stop) {
			if (!list_entry_before(xff.v[i], &end, entry, sizeof(entry)))
				stop = true;
			else if (!entry[0])
				continue; /* "a, , b": an empty entry says nothing */
			else if (!http_parse_ip(entry, &client))
				stop = true;
			else if (!http_trusted(srv, &client))
				named = true;
		}
	}
	if (named) {
		memcpy(cr->proxy, c->peer_text, sizeof(cr->proxy));
		http_ip_text(&client, cr->remote, sizeof(cr->remote));
	}
	if (xfp.n) {
		size_t end = strlen(xfp.v[xfp.n - 1]);

		cr->tls = list_entry_before(xfp.v[xfp.n - 1], &end, entry, sizeof(entry)) &&
		          strcasecmp(entry, "https") == 0;
	}
}

/* ---- answering ---- */

/* The server's own JSON error as resp's body. */
static void error_body(struct http_response *resp, int status, const char *code,
                       const char *message)
{
	char body[512];
	int n = http_error_json(body, sizeof(body), code, message);

	resp->status = status;
	if (n > 0)
		(void)http_response_body(resp, "application/json", body, (size_t)n);
}

/* Run the handler on cr (or answer 503 when the server is stopping) and write the answer. */
static void answer(struct http_server *srv, struct conn_request *cr)
{
	struct http_response resp;
	struct http_request req;
	bool stopping = atomic_load(&srv->stopping);
	size_t len;

	client_of(srv, cr);
	http_response_init(&resp);
	if (stopping) {
		/*
		 * Its handler has not begun: answered at once, so that a queue of
		 * new work does not hold up the stop behind the handlers running.
		 */
		error_body(&resp, 503, "unavailable",
		           "the server is stopping; send the request again in a moment");
	} else {
		memset(&req, 0, sizeof(req));
		/* HEAD is GET without the body: the handler need not know it. */
		req.method = cr->head_only ? "GET" : cr->method;
		req.path = cr->path;
		req.query = cr->query;
		req.body = cr->body ? cr->body : "";
		req.body_len = cr->body_len;
		req.remote = cr->remote;
		req.tls = cr->tls;
		req.header = lookup_header;
		req.impl = cr;
		srv->handler(srv->ctx, &req, &resp);
	}
	if (resp.status < 200 || resp.status > 599)
		resp.status = 500; /* 1xx would promise another answer that never comes */
	len = resp.body ? resp.body_len : 0;
	if (resp.status == 204 || resp.status == 304)
		len = 0;
	cr->close = !cr->keep_alive || stopping;
	cr->out_head = http_response_head(&resp, len, cr->close, cr->minor == 0 && !cr->close,
	                                  &cr->out_head_len);
	if (!cr->head_only && len) {
		cr->out_body = resp.body;
		cr->out_body_len = len;
		resp.body = NULL;
	}
	cr->status = resp.status;
	cr->bytes = len;
	cr->route = resp.route;
	http_response_release(&resp);
}

void *http_worker_run(void *arg)
{
	struct http_server *srv = arg;

	for (;;) {
		struct conn_request *cr;

		pthread_mutex_lock(&srv->work_lock);
		while (!srv->work_head && !srv->work_quit) {
			srv->work_idle++;
			pthread_cond_wait(&srv->work_cond, &srv->work_lock);
			srv->work_idle--;
		}
		cr = srv->work_head;
		if (cr) {
			srv->work_head = cr->next;
			if (!srv->work_head)
				srv->work_tail = NULL;
		}
		pthread_mutex_unlock(&srv->work_lock);
		if (!cr)
			return NULL; /* quitting, and nothing left */
		answer(srv, cr);
		http_loop_done(cr->conn->loop, cr);
	}
}
