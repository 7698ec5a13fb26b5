/*
 * http_loop.c - an event loop of the HTTP server: one thread, one epoll
 * set, the listening socket (shared by every loop) and the connections this
 * loop accepted. It accepts, refuses what is over the caps, passes socket
 * events and answered requests to the connections (http_conn.c), and
 * sweeps their deadlines. See http_int.h.
 */
/* accept4: a new socket non-blocking and close-on-exec in one call. */
#define _GNU_SOURCE

#include "http/http_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

/* How often the deadlines are swept; deadlines act up to this much late. */
#define SWEEP_NS (100 * 1000 * 1000)

/* Connections accepted per wake-up at most, so that a flood does not starve the others. */
#define ACCEPT_BATCH 64

/* Connections refused 503 at accept that may linger at once, per loop; beyond, just closed. */
#define REFUSING_MAX 64

/* What an epoll event is about, besides a connection. */
static char listener_tag, wake_tag;

enum sc_result http_loop_init(struct http_loop *loop, struct http_server *srv, struct sc_error *err)
{
	struct epoll_event ev = { 0 };

	loop->srv = srv;
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	loop->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	pthread_mutex_init(&loop->done_lock, NULL);
	if (loop->epfd < 0 || loop->evfd < 0)
		goto fail;
	ev.events = EPOLLIN;
	ev.data.ptr = &wake_tag;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, loop->evfd, &ev) != 0)
		goto fail;
	/* Level-triggered, and only one loop woken per new connection. */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	ev.data.ptr = &listener_tag;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, srv->listen_fd, &ev) != 0)
		goto fail;
	return SC_OK;
fail:
	if (loop->epfd >= 0)
		close(loop->epfd);
	if (loop->evfd >= 0)
		close(loop->evfd);
	pthread_mutex_destroy(&loop->done_lock);
	return sc_fail(err, SC_IO, NULL, "cannot set up the HTTP server's event loop: %s",
	               strerror(errno));
}

void http_loop_wake(struct http_loop *loop)
{
	uint64_t one = 1;
	ssize_t w = write(loop->evfd, &one, sizeof(one));

	(void)w; /* a full counter wakes the loop as well */
}

void http_loop_queue(struct http_loop *loop, struct conn_request *cr)
{
	cr->next = NULL;
	if (loop->ready_tail)
		loop->ready_tail->next = cr;
	else
		loop->ready_head = cr;
	loop->ready_tail = cr;
	loop->nready++;
}

/*
 * Hand this round's complete requests to the workers: one lock and as few
 * wake-ups as will do, however many came in the round.
 */
static void flush_ready(struct http_loop *loop)
{
	if (!loop->ready_head)
		return;
	http_worker_queue(loop->srv, loop->ready_head, loop->ready_tail, loop->nready);
	loop->ready_head = loop->ready_tail = NULL;
	loop->nready = 0;
}

void http_loop_done(struct http_loop *loop, struct conn_request *cr)
{
	bool wake;

	cr->next = NULL;
	pthread_mutex_lock(&loop->done_lock);
	if (loop->done_tail)
		loop->done_tail->next = cr;
	else
		loop->done_head = cr;
	loop->done_tail = cr;
	/* Only when the loop may sleep: it takes the whole list before it does. */
	wake = !loop->notified;
	loop->notified = true;
	pthread_mutex_unlock(&loop->done_lock);
	if (wake)
		http_loop_wake(loop);
}

/* ---- accepting ---- */

static void peer_of(const struct sockaddr_storage *ss, struct in6_addr *peer)
{
	memset(peer, 0, sizeof(*peer));
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in4 = (const struct sockaddr_in *)ss;

		peer->s6_addr[10] = peer->s6_addr[11] = 0xff;
		memcpy(&peer->s6_addr[12], &in4->sin_addr, 4);
	} else if (ss->ss_family == AF_INET6) {
		*peer = ((const struct sockaddr_in6 *)ss)->sin6_addr;
	}
}

/* Put c in the epoll set: edge-triggered, reads and writes, for its whole life. */
static bool watch(struct http_loop *loop, struct conn *c)
{
	struct epoll_event ev = { 0 };

	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
	ev.data.ptr = c;
	return epoll_ctl(loop->epfd, EPOLL_CTL_ADD, c->fd, &ev) == 0;
}

/*
 * A cap is full: answer 503 and close rather than leave the client waiting
 * in the kernel's backlog, where it cannot tell a busy server from a dead
 * one. The answer lingers like any refusal, for a few such connections at a
 * time; past those, the connection is just closed.
 */
static void refuse_full(struct http_loop *loop, int fd, const struct in6_addr *peer,
                        const char *message)
{
	struct conn *c = NULL;

	if (loop->nrefusing < REFUSING_MAX)
		c = conn_new(loop, fd, peer);
	if (!c) {
		close(fd);
		return;
	}
	loop->nrefusing++;
	if (!watch(loop, c)) {
		conn_close(c);
		return;
	}
	if (conn_refuse(c, 503, "unavailable", message))
		conn_on_event(c, 0);
}

static void admit(struct http_loop *loop, int fd, const struct in6_addr *peer)
{
	struct http_server *srv = loop->srv;
	struct conn *c;

	if (atomic_load(&srv->stopping)) {
		close(fd);
		return;
	}
	if (atomic_fetch_add(&srv->nconns, 1) >= srv->lim.connections) {
		atomic_fetch_sub(&srv->nconns, 1);
		refuse_full(loop, fd, peer,
		            "the server has too many connections open; try again in a moment");
		return;
	}
	if (!http_ip_acquire(srv, peer)) {
		atomic_fetch_sub(&srv->nconns, 1);
		refuse_full(loop, fd, peer,
		            "too many connections from your address are open; close some or "
		            "send requests over fewer connections");
		return;
	}
	c = conn_new(loop, fd, peer);
	if (!c) {
		http_ip_release(srv, peer);
		atomic_fetch_sub(&srv->nconns, 1);
		close(fd);
		return;
	}
	c->counted = true;
	if (!watch(loop, c))
		conn_close(c);
}

/*
 * Out of descriptors: the pending connection would keep the listener
 * readable and the loop spinning. Give up the spare descriptor for a
 * moment to accept it and close it at once.
 */
static void out_of_descriptors(struct http_server *srv)
{
	int fd;

	if (srv->spare_fd < 0)
		return;
	close(srv->spare_fd);
	fd = accept4(srv->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd >= 0)
		close(fd);
	srv->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

static void accept_some(struct http_loop *loop)
{
	struct http_server *srv = loop->srv;

	for (int i = 0; i < ACCEPT_BATCH; i++) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		struct in6_addr peer;
		int fd = accept4(srv->listen_fd, (struct sockaddr *)&ss, &sl,
		                 SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE)
				out_of_descriptors(srv);
			return;
		}
		peer_of(&ss, &peer);
		admit(loop, fd, &peer);
	}
}

/* ---- the loop ---- */

/* The server has begun to stop: no more accepting, and every connection told. */
static void begin_stop(struct http_loop *loop)
{
	struct conn *c, *next;

	loop->stop_seen = true;
	(void)epoll_ctl(loop->epfd, EPOLL_CTL_DEL, loop->srv->listen_fd, NULL);
	for (c = loop->conns; c; c = next) {
		next = c->next;
		conn_on_stop(c);
	}
}

/*
 * Take the requests the workers have answered and send them; true when
 * there were some. When there were none, the workers are to wake the loop
 * (evfd) for the next one: while the loop finds answers it does not sleep,
 * and they need not write.
 */
static bool take_done(struct http_loop *loop)
{
	struct conn_request *cr;

	pthread_mutex_lock(&loop->done_lock);
	cr = loop->done_head;
	loop->done_head = loop->done_tail = NULL;
	if (!cr)
		loop->notified = false;
	pthread_mutex_unlock(&loop->done_lock);
	if (!cr)
		return false;
	while (cr) {
		struct conn_request *next = cr->next;

		conn_on_answered(cr->conn, cr);
		cr = next;
	}
	return true;
}

static void sweep(struct http_loop *loop, int64_t now)
{
	struct conn *c, *next;

	for (c = loop->conns; c; c = next) {
		next = c->next;
		if (now >= c->deadline)
			conn_on_deadline(c, now);
	}
}

void *http_loop_run(void *arg)
{
	struct http_loop *loop = arg;
	struct epoll_event ev[256];
	int64_t next_sweep = http_now() + SWEEP_NS;

	while (!atomic_load(&loop->quit)) {
		bool answered = take_done(loop);
		int64_t now = http_now();
		int timeout = -1, n;

		if (atomic_load(&loop->srv->stopping) && !loop->stop_seen)
			begin_stop(loop);
		if (now >= next_sweep) {
			sweep(loop, now);
			next_sweep = now + SWEEP_NS;
		}
		flush_ready(loop);
		/* With answers just sent, more are likely: look again without sleeping. */
		if (answered)
			timeout = 0;
		else if (loop->conns)
			timeout = (int)((next_sweep - now) / 1000000) + 1;
		n = epoll_wait(loop->epfd, ev, (int)(sizeof(ev) / sizeof(ev[0])), timeout);
		for (int i = 0; i < n; i++) {
			void *p = ev[i].data.ptr;

			if (p == &listener_tag) {
				accept_some(loop);
			} else if (p == &wake_tag) {
				uint64_t count;
				ssize_t r = read(loop->evfd, &count, sizeof(count));

				(void)r;
			} else {
				conn_on_event(p, ev[i].events);
			}
		}
	}
	return NULL;
}

void http_loop_release(struct http_loop *loop)
{
	/* The workers have ended: every request is back, on its connection or the done list. */
	pthread_mutex_lock(&loop->done_lock);
	loop->done_head = loop->done_tail = NULL;
	pthread_mutex_unlock(&loop->done_lock);
	while (loop->conns)
		conn_close(loop->conns);
	if (loop->epfd >= 0)
		close(loop->epfd);
	if (loop->evfd >= 0)
		close(loop->evfd);
	pthread_mutex_destroy(&loop->done_lock);
}
