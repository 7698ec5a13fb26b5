/*
 * http_conn.c - one client connection, on its loop's thread: read a
 * request head and body within their deadlines, refuse what is malformed
 * or too large, hand the request to a worker, send the answer, and then
 * wait for the next request or close. One request at a time: bytes of a
 * pipelined next request wait in the buffer until the answer is sent.
 *
 * Deadlines (http.h, struct http_limits): a head has head_timeout_s from
 * its first byte; a body has head_timeout_s plus one second per
 * min_body_rate bytes (declared, or decoded so far when chunked) from its
 * start; both are answered 408. A keep-alive connection idle for timeout_s
 * is closed without a word, and so is one whose client reads nothing of
 * its answer for timeout_s.
 *
 * A connection that answers with Connection: close does not close at once:
 * closing a socket with unread bytes makes the kernel send a reset, which
 * can destroy the answer before the client reads it. It shuts down its
 * sending side and reads and drops what still comes for HTTP_LINGER_S
 * seconds (a "lingering close"), then closes.
 */
#include "http/http_int.h"

#include <errno.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define NS 1000000000LL

/* A first read buffer: most heads fit; it doubles up to the server's buf_max. */
#define BUF_FIRST 1024

/* A buffer this large is given back when its connection goes idle. */
#define BUF_KEEP 4096

/* A body's first allocation at most: a client that announces much and sends little holds little. */
#define BODY_FIRST (64 * 1024)

/* What a lingering connection reads at most before it is closed anyway. */
#define LINGER_MAX (1024 * 1024)

enum step {
	STEP_AGAIN,  /* the state changed: run the new one */
	STEP_WAIT,   /* wait for the socket or a worker */
	STEP_CLOSED, /* the connection is gone */
};

static const char expect_continue[] = "HTTP/1.1 100 Continue\r\n\r\n";

/* ---- life ---- */

struct conn *conn_new(struct http_loop *loop, int fd, const struct in6_addr *peer)
{
	struct conn *c = calloc(1, sizeof(*c));
	int one = 1;

	if (!c)
		return NULL;
	c->loop = loop;
	c->fd = fd;
	c->peer = *peer;
	http_ip_text(peer, c->peer_text, sizeof(c->peer_text));
	c->state = CONN_IDLE;
	c->t0 = http_now(); /* a refusal at accept is logged from here */
	c->deadline = c->t0 + (int64_t)loop->srv->lim.timeout_s * NS;
	/* Every answer goes out in one write; nothing is gained by waiting to fill a segment. */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->next = loop->conns;
	if (loop->conns)
		loop->conns->prev = c;
	loop->conns = c;
	atomic_fetch_add(&loop->srv->nall, 1);
	return c;
}

static void free_output(struct conn *c)
{
	free(c->out_mem[0]);
	free(c->out_mem[1]);
	memset(c->out, 0, sizeof(c->out));
	memset(c->out_mem, 0, sizeof(c->out_mem));
}

/* Send head (and body, may be NULL) next; takes ownership of both. */
static void set_output(struct conn *c, char *head, size_t head_len, char *body, size_t body_len)
{
	free_output(c);
	c->out_mem[0] = head;
	c->out_mem[1] = body;
	c->out[0] = (struct iovec){ head, head_len };
	c->out[1] = (struct iovec){ body, body_len };
}

static void free_request(struct conn_request **pcr)
{
	struct conn_request *cr = *pcr;

	if (!cr)
		return;
	free(cr->body);
	free(cr->out_head);
	free(cr->out_body);
	free(cr);
	*pcr = NULL;
}

void conn_close(struct conn *c)
{
	struct http_loop *loop = c->loop;
	struct http_server *srv = loop->srv;

	close(c->fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		loop->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (c->counted) {
		http_ip_release(srv, &c->peer);
		atomic_fetch_sub(&srv->nconns, 1);
	} else {
		loop->nrefusing--;
	}
	free(c->buf);
	free_request(&c->req);
	free_output(c);
	free(c);
	atomic_fetch_sub(&srv->nall, 1);
}

/* The client is gone or cut off before its request was answered: log it (if it had one), close. */
static enum step drop(struct conn *c, const char *why)
{
	int status = c->state == CONN_WRITE ? c->status : 0;
	if (c->req && http_logs(c->loop->srv, status))
		http_log(c, c->req, status, c->out_bytes, NULL, why);
	conn_close(c);
	return STEP_CLOSED;
}

/* ---- reading ---- */

/*
 * Read what the socket holds into the buffer, growing it up to buf_max.
 * 1: bytes came; 0: nothing yet (wait for epoll); -1: the client closed
 * its side or the socket failed.
 */
static int read_more(struct conn *c)
{
	size_t room;
	ssize_t n;

	if (c->len == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : BUF_FIRST;
		char *grown;

		if (c->cap >= c->loop->srv->buf_max)
			return 0; /* the parser refuses before this; wait rather than spin */
		if (cap > c->loop->srv->buf_max)
			cap = c->loop->srv->buf_max;
		grown = realloc(c->buf, cap);
		if (!grown)
			return -1;
		c->buf = grown;
		c->cap = cap;
	}
	room = c->cap - c->len;
	do
		n = recv(c->fd, c->buf + c->len, room, 0);
	while (n < 0 && errno == EINTR);
	if (n > 0) {
		c->len += (size_t)n;
		/* A short read emptied the socket: the next byte brings a new edge. */
		if ((size_t)n < room)
			c->readable = false;
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		c->readable = false;
		return 0;
	}
	c->eof = true;
	return -1;
}

/* Build the request of the head just parsed: its strings cut out of the buffer in place. */
static struct conn_request *request_new(struct conn *c, const struct http_head *h)
{
	struct conn_request *cr = calloc(1, sizeof(*cr) + 2 * h->nfields * sizeof(char *));
	char *b = c->buf, *target, *q;

	if (!cr)
		return NULL;
	cr->conn = c;
	cr->names = (const char **)(cr + 1);
	cr->values = cr->names + h->nfields;
	cr->nfields = h->nfields;
	/* The byte after each piece is a separator (SP, ':', OWS or CR): it becomes the NUL. */
	b[h->method.off + h->method.len] = '\0';
	cr->method = b + h->method.off;
	target = b + h->target.off;
	b[h->target.off + h->target.len] = '\0';
	q = memchr(target, '?', h->target.len);
	if (q)
		*q++ = '\0';
	cr->path = target;
	cr->query = q ? q : "";
	for (unsigned i = 0; i < h->nfields; i++) {
		const struct http_field *f = &h->fields[i];

		b[f->name.off + f->name.len] = '\0';
		b[f->value.off + f->value.len] = '\0';
		cr->names[i] = b + f->name.off;
		cr->values[i] = b + f->value.off;
	}
	cr->minor = h->minor;
	cr->keep_alive = h->keep_alive;
	cr->head_only = strcmp(cr->method, "HEAD") == 0;
	cr->head_len = h->len;
	cr->t0 = c->t0;
	return cr;
}

/* Drop n bytes of the buffer from offset at, moving what follows them down. */
static void buf_cut(struct conn *c, size_t at, size_t n)
{
	memmove(c->buf + at, c->buf + at + n, c->len - at - n);
	c->len -= n;
}

/* The request is complete: to a worker, unless the server is stopping. */
static enum step dispatch(struct conn *c)
{
	struct conn_request *cr = c->req;

	if (cr->body)
		cr->body[cr->body_len] = '\0'; /* without a body the handler gets "" */
	if (atomic_load(&c->loop->srv->stopping)) {
		if (!conn_refuse(c, 503, "unavailable",
		                 "the server is stopping; send the request again in a moment"))
			return STEP_CLOSED;
		return STEP_AGAIN;
	}
	c->state = CONN_HANDLER;
	c->deadline = INT64_MAX;
	http_loop_queue(c->loop, cr);
	return STEP_WAIT;
}

/*
 * Make room for need more bytes of body and its NUL, doubling the buffer but
 * never past ceiling + 1 bytes (the declared length, or max_body: the
 * callers never need more).
 */
static bool body_room(struct conn_request *cr, size_t need, uint64_t ceiling)
{
	size_t cap;
	char *grown;

	if (cr->body_len + need + 1 <= cr->body_cap)
		return true;
	cap = cr->body_cap ? cr->body_cap : BODY_FIRST;
	while (cap < cr->body_len + need + 1)
		cap *= 2;
	if (cap > ceiling + 1)
		cap = (size_t)ceiling + 1;
	grown = realloc(cr->body, cap);
	if (!grown)
		return false;
	cr->body = grown;
	cr->body_cap = cap;
	return true;
}

static bool body_append(struct conn_request *cr, const char *data, size_t n, uint64_t ceiling)
{
	if (!body_room(cr, n, ceiling))
		return false;
	memcpy(cr->body + cr->body_len, data, n);
	cr->body_len += n;
	return true;
}

/* When a body of so many bytes must have arrived by, from its start. */
static int64_t body_deadline(const struct conn *c, uint64_t bytes)
{
	const struct http_limits *lim = &c->loop->srv->lim;
	uint64_t extra = (bytes + lim->min_body_rate - 1) / lim->min_body_rate;

	return c->body_t0 + ((int64_t)lim->head_timeout_s + (int64_t)extra) * NS;
}

/* The head is parsed: set up reading the body, or dispatch at once. */
static enum step begin_request(struct conn *c, const struct http_head *h)
{
	c->req = request_new(c, h);
	if (!c->req)
		return drop(c, "error");
	if (!h->chunked && h->content_length == 0)
		return dispatch(c);
	c->state = CONN_BODY;
	c->body_t0 = http_now();
	c->chunked_body = h->chunked;
	c->body_want = h->content_length;
	if (h->chunked)
		http_chunked_init(&c->chunked, c->loop->srv->lim.max_body);
	c->deadline = body_deadline(c, h->content_length);
	/*
	 * The client waits for a go-ahead before sending the body; HTTP/1.0
	 * knows no 100. When the body is already here, there is nothing to wait
	 * for. Sent at once: the answer before it is out, the socket has room.
	 */
	if (h->expect_continue && h->minor == 1 &&
	    (h->chunked || c->len - h->len < h->content_length)) {
		if (atomic_load(&c->loop->srv->stopping))
			return conn_refuse(c, 503, "unavailable",
			                   "the server is stopping; send the request again in a "
			                   "moment")
			               ? STEP_AGAIN
			               : STEP_CLOSED;
		if (send(c->fd, expect_continue, sizeof(expect_continue) - 1, MSG_NOSIGNAL) !=
		    (ssize_t)(sizeof(expect_continue) - 1))
			return drop(c, "client");
	}
	return STEP_AGAIN;
}

/* Answer the parser's refusal, naming the limit that was passed. */
static enum step refused(struct conn *c, const struct http_refusal *why)
{
	const struct http_limits *lim = &c->loop->srv->lim;
	const char *message = why->message;
	char msg[160];

	switch (why->limit) {
	case HTTP_LIMIT_LINE:
		snprintf(msg, sizeof(msg),
		         "the request line is longer than %zu bytes; shorten the path or the query",
		         lim->max_line);
		message = msg;
		break;
	case HTTP_LIMIT_HEADER:
		snprintf(msg, sizeof(msg),
		         "the request line and headers are larger than %zu bytes; send fewer or "
		         "shorter headers",
		         lim->max_header);
		message = msg;
		break;
	case HTTP_LIMIT_BODY:
		snprintf(msg, sizeof(msg), "the request body is larger than %zu bytes; send less",
		         lim->max_body);
		message = msg;
		break;
	case HTTP_LIMIT_NONE:
		break;
	}
	return conn_refuse(c, why->status, why->code, message) ? STEP_AGAIN : STEP_CLOSED;
}

/* IDLE and HEAD: parse what is buffered (a pipelined request first), read more, repeat. */
static enum step step_head(struct conn *c)
{
	struct http_server *srv = c->loop->srv;

	for (;;) {
		struct http_head head;
		struct http_refusal why;
		int r;

		if (c->len > 0) {
			if (c->state == CONN_IDLE) {
				c->state = CONN_HEAD;
				c->t0 = http_now();
				c->deadline = c->t0 + (int64_t)srv->lim.head_timeout_s * NS;
			}
			switch (http_head_parse(&c->scan, c->buf, c->len, &srv->parse, &head,
			                        &why)) {
			case HTTP_PARSE_DONE:
				return begin_request(c, &head);
			case HTTP_PARSE_REFUSED:
				return refused(c, &why);
			case HTTP_PARSE_PREFACE:
				/* An HTTP/2 client: nothing it could read as an answer. */
				conn_close(c);
				return STEP_CLOSED;
			case HTTP_PARSE_MORE:
				break;
			}
		}
		if (!c->readable)
			return STEP_WAIT;
		r = read_more(c);
		if (r < 0) {
			/* Closed between requests, or in the middle of a head: nothing to answer.
			 */
			conn_close(c);
			return STEP_CLOSED;
		}
		if (r == 0)
			return STEP_WAIT;
	}
}

/* BODY with Content-Length: take what the buffer holds past the head, then read into the body. */
static enum step step_body_length(struct conn *c)
{
	struct conn_request *cr = c->req;
	size_t have = c->len - cr->head_len;
	uint64_t left = c->body_want - cr->body_len;
	size_t take = have < left ? have : (size_t)left;

	if (take) {
		if (!body_append(cr, c->buf + cr->head_len, take, c->body_want))
			return drop(c, "error");
		buf_cut(c, cr->head_len, take);
	}
	while (cr->body_len < c->body_want) {
		size_t room;
		ssize_t n;

		if (!c->readable)
			return STEP_WAIT;
		if (!body_room(cr, 1, c->body_want))
			return drop(c, "error");
		room = cr->body_cap - 1 - cr->body_len;
		if (room > c->body_want - cr->body_len)
			room = (size_t)(c->body_want - cr->body_len);
		do
			n = recv(c->fd, cr->body + cr->body_len, room, 0);
		while (n < 0 && errno == EINTR);
		if (n > 0) {
			cr->body_len += (size_t)n;
			if ((size_t)n < room)
				c->readable = false;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			c->readable = false;
		} else {
			return drop(c, "client");
		}
	}
	return dispatch(c);
}

/* BODY, chunked: decode what the buffer holds past the head into the body, read more, repeat. */
static enum step step_body_chunked(struct conn *c)
{
	struct conn_request *cr = c->req;

	for (;;) {
		size_t off = cr->head_len;
		enum http_parse_status st = HTTP_PARSE_MORE;
		struct http_refusal why;
		int r;

		while (off < c->len && st == HTTP_PARSE_MORE) {
			size_t used, doff, dlen;

			st = http_chunked_next(&c->chunked, c->buf + off, c->len - off, &used,
			                       &doff, &dlen, &why);
			if (dlen &&
			    !body_append(cr, c->buf + off + doff, dlen, c->loop->srv->lim.max_body))
				return drop(c, "error");
			off += used;
		}
		buf_cut(c, cr->head_len, off - cr->head_len);
		if (st == HTTP_PARSE_DONE)
			return dispatch(c);
		if (st == HTTP_PARSE_REFUSED)
			return refused(c, &why);
		c->deadline = body_deadline(c, c->chunked.total);
		if (!c->readable)
			return STEP_WAIT;
		r = read_more(c);
		if (r < 0)
			return drop(c, "client");
		if (r == 0)
			return STEP_WAIT;
	}
}

/* ---- writing ---- */

/* The answer is out: log it, forget the request, and go idle or linger. */
static enum step finish_response(struct conn *c)
{
	struct http_server *srv = c->loop->srv;
	struct conn_request *cr = c->req;

	if (http_logs(srv, c->status))
		http_log(c, cr, c->status, c->out_bytes, cr ? cr->route : NULL, NULL);
	free_output(c);
	if (cr) {
		buf_cut(c, 0, cr->head_len);
		free_request(&c->req);
	}
	if (c->closing || c->eof || atomic_load(&srv->stopping)) {
		/* The client's bytes are dropped from now on; the buffer is not needed. */
		free(c->buf);
		c->buf = NULL;
		c->len = c->cap = 0;
		if (c->eof) {
			conn_close(c);
			return STEP_CLOSED;
		}
		shutdown(c->fd, SHUT_WR);
		c->state = CONN_LINGER;
		c->deadline = http_now() + HTTP_LINGER_S * NS;
		c->readable = true;
		return STEP_AGAIN;
	}
	if (c->len == 0 && c->cap > BUF_KEEP) {
		free(c->buf);
		c->buf = NULL;
		c->cap = 0;
	}
	c->state = CONN_IDLE;
	c->deadline = http_now() + (int64_t)srv->lim.timeout_s * NS;
	http_head_scan_init(&c->scan);
	return STEP_AGAIN;
}

static enum step step_write(struct conn *c)
{
	while (c->out[0].iov_len + c->out[1].iov_len > 0) {
		struct iovec *iov = c->out[0].iov_len ? &c->out[0] : &c->out[1];
		struct msghdr msg = { 0 };
		ssize_t n;

		msg.msg_iov = iov;
		msg.msg_iovlen = iov == &c->out[0] && c->out[1].iov_len ? 2 : 1;
		n = sendmsg(c->fd, &msg, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return STEP_WAIT;
			return drop(c, "client");
		}
		for (int i = 0; i < 2 && n > 0; i++) {
			size_t k = (size_t)n < c->out[i].iov_len ? (size_t)n : c->out[i].iov_len;

			c->out[i].iov_base = (char *)c->out[i].iov_base + k;
			c->out[i].iov_len -= k;
			n -= (ssize_t)k;
		}
		c->deadline = http_now() + (int64_t)c->loop->srv->lim.timeout_s * NS;
	}
	return finish_response(c);
}

/* LINGER: read and drop until the client closes, LINGER_MAX bytes or the deadline. */
static enum step step_linger(struct conn *c)
{
	for (;;) {
		ssize_t n = recv(c->fd, c->loop->scratch, sizeof(c->loop->scratch), 0);

		if (n > 0) {
			c->linger_bytes += (size_t)n;
			if (c->linger_bytes <= LINGER_MAX)
				continue;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return STEP_WAIT;
		}
		conn_close(c);
		return STEP_CLOSED;
	}
}

/* ---- events ---- */

static void conn_run(struct conn *c)
{
	enum step s = STEP_AGAIN;

	while (s == STEP_AGAIN) {
		switch (c->state) {
		case CONN_IDLE:
		case CONN_HEAD:
			s = step_head(c);
			break;
		case CONN_BODY:
			s = c->chunked_body ? step_body_chunked(c) : step_body_length(c);
			break;
		case CONN_WRITE:
			s = step_write(c);
			break;
		case CONN_LINGER:
			s = step_linger(c);
			break;
		case CONN_HANDLER:
			s = STEP_WAIT;
			break;
		}
	}
}

void conn_on_event(struct conn *c, uint32_t events)
{
	if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
		c->readable = true;
	conn_run(c);
}

bool conn_refuse(struct conn *c, int status, const char *code, const char *message)
{
	size_t len, body_len;
	char *answer = http_response_error(status, code, message, &len, &body_len);

	if (!answer) {
		drop(c, "error");
		return false;
	}
	set_output(c, answer, len, NULL, 0);
	c->status = status;
	c->out_bytes = body_len;
	c->closing = true;
	c->state = CONN_WRITE;
	c->deadline = http_now() + (int64_t)c->loop->srv->lim.timeout_s * NS;
	return true;
}

void conn_on_answered(struct conn *c, struct conn_request *cr)
{
	if (!cr->out_head) {
		drop(c, "error"); /* the worker ran out of memory */
		return;
	}
	set_output(c, cr->out_head, cr->out_head_len, cr->out_body, cr->out_body_len);
	cr->out_head = cr->out_body = NULL;
	c->status = cr->status;
	c->out_bytes = cr->bytes;
	c->closing = cr->close;
	c->state = CONN_WRITE;
	c->deadline = http_now() + (int64_t)c->loop->srv->lim.timeout_s * NS;
	conn_run(c);
}

void conn_on_deadline(struct conn *c, int64_t now)
{
	const struct http_limits *lim = &c->loop->srv->lim;
	char msg[160];

	(void)now;
	switch (c->state) {
	case CONN_HEAD:
		snprintf(msg, sizeof(msg),
		         "the request head did not arrive within %u seconds of its first byte; "
		         "send it at once",
		         lim->head_timeout_s);
		if (conn_refuse(c, 408, "timeout", msg))
			conn_run(c);
		break;
	case CONN_BODY:
		snprintf(msg, sizeof(msg),
		         "the request body came too slowly: it must arrive within %u seconds and "
		         "one more per %u bytes",
		         lim->head_timeout_s, lim->min_body_rate);
		if (conn_refuse(c, 408, "timeout", msg))
			conn_run(c);
		break;
	case CONN_WRITE:
		drop(c, "timeout"); /* the client reads nothing of its answer */
		break;
	case CONN_IDLE:
	case CONN_LINGER:
		conn_close(c);
		break;
	case CONN_HANDLER:
		break;
	}
}

void conn_on_stop(struct conn *c)
{
	switch (c->state) {
	case CONN_IDLE:
		conn_close(c);
		break;
	case CONN_HEAD:
	case CONN_BODY:
		if (conn_refuse(c, 503, "unavailable",
		                "the server is stopping; send the request again in a moment"))
			conn_run(c);
		break;
	case CONN_WRITE:
		c->closing = true;
		break;
	case CONN_HANDLER:
	case CONN_LINGER:
		break;
	}
}
