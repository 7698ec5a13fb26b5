/*
 * http.c - the HTTP server's own HTTP/1.1 layer: limits, the listening
 * socket, the count of connections per address, start and stop. The event
 * loops (http/http_loop.c, http/http_conn.c), the workers that run the
 * handler (http/http_worker.c) and the parser (http/http_parse.c) do the
 * rest; http/http_int.h says how they fit.
 *
 * The server is the project's own rather than a library's because the
 * library it replaced (libmicrohttpd) answered protocol errors itself, in
 * HTML, had no deadline for a whole request and let slow clients fill its
 * connection cap; see docs/api.md for what a client sees instead.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http/http_int.h"

/* The largest max_header and max_line: spans of the parser are 32-bit, buffers stay modest. */
#define HEADER_LIMIT_MAX (1024 * 1024)

int64_t http_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- limits ---- */

void http_limits_default(struct http_limits *lim)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	lim->max_body = 1024 * 1024;
	lim->max_header = 16 * 1024;
	lim->max_line = 8 * 1024;
	lim->connections = 4096;
	lim->timeout_s = 10;
	lim->head_timeout_s = 10;
	lim->min_body_rate = 64 * 1024;
	lim->threads = cpus < 2 ? 2 : (cpus > 256 ? 256 : (unsigned)cpus);
	/* One loop keeps up with many workers: it only moves bytes. */
	lim->loops = cpus >= 16 ? (unsigned)(cpus / 8) : 1;
	if (lim->loops > 8)
		lim->loops = 8;
	lim->per_ip = 64;
	lim->trusted_proxies = NULL;
	lim->ntrusted_proxies = 0;
}

bool http_parse_ip(const char *text, struct in6_addr *out)
{
	struct in_addr v4;

	if (inet_pton(AF_INET6, text, out) == 1)
		return true;
	if (inet_pton(AF_INET, text, &v4) != 1)
		return false;
	memset(out, 0, sizeof(*out));
	out->s6_addr[10] = 0xff;
	out->s6_addr[11] = 0xff;
	memcpy(&out->s6_addr[12], &v4, 4);
	return true;
}

void http_ip_text(const struct in6_addr *a, char *buf, size_t size)
{
	if (IN6_IS_ADDR_V4MAPPED(a))
		inet_ntop(AF_INET, &a->s6_addr[12], buf, (socklen_t)size);
	else
		inet_ntop(AF_INET6, a, buf, (socklen_t)size);
}

bool http_address_valid(const char *text)
{
	struct in6_addr a;

	return text && http_parse_ip(text, &a);
}

bool http_trusted(const struct http_server *srv, const struct in6_addr *a)
{
	for (size_t i = 0; i < srv->nproxies; i++)
		if (memcmp(&srv->proxies[i], a, sizeof(*a)) == 0)
			return true;
	return false;
}

static enum sc_result check_limits(const struct http_limits *lim, struct sc_error *err)
{
	static const char hint[] = "must be at least 1; start from http_limits_default";
	const struct {
		const char *name;
		size_t value;
	} ones[] = { { "max_header", lim->max_header },
		     { "max_line", lim->max_line },
		     { "connections", lim->connections },
		     { "timeout_s", lim->timeout_s },
		     { "head_timeout_s", lim->head_timeout_s },
		     { "min_body_rate", lim->min_body_rate },
		     { "threads", lim->threads },
		     { "loops", lim->loops },
		     { "per_ip", lim->per_ip } };

	for (size_t i = 0; i < sizeof(ones) / sizeof(ones[0]); i++)
		if (ones[i].value == 0)
			return sc_fail(err, SC_INVALID, ones[i].name, "%s %s", ones[i].name, hint);
	if (lim->max_body >= SIZE_MAX / 2)
		return sc_fail(err, SC_INVALID, "max_body", "max_body is too large");
	if (lim->max_header > HEADER_LIMIT_MAX || lim->max_line > HEADER_LIMIT_MAX)
		return sc_fail(err, SC_INVALID, "max_header",
		               "max_header and max_line must be at most %d bytes",
		               HEADER_LIMIT_MAX);
	if (lim->connections > 1000000 || lim->threads > 1024 || lim->loops > 64)
		return sc_fail(err, SC_INVALID, "connections",
		               "at most 1000000 connections, 1024 threads and 64 loops");
	if (lim->ntrusted_proxies > HTTP_MAX_PROXIES)
		return sc_fail(err, SC_INVALID, "trusted_proxies", "at most %d trusted proxies",
		               HTTP_MAX_PROXIES);
	for (size_t i = 0; i < lim->ntrusted_proxies; i++)
		if (!http_address_valid(lim->trusted_proxies[i]))
			return sc_fail(err, SC_INVALID, "trusted_proxies",
			               "trusted proxy \"%s\" is not an address: write it as a "
			               "numeric IPv4 (192.0.2.10) or IPv6 (2001:db8::10) address",
			               lim->trusted_proxies[i] ? lim->trusted_proxies[i] : "");
	return SC_OK;
}

/* ---- the listening address ---- */

static bool parse_port(const char *s, unsigned *port)
{
	unsigned long v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 65535)
			return false;
	}
	*port = (unsigned)v;
	return true;
}

/* "127.0.0.1:8080", "[::1]:8080" or ":8080" into ss; false when it is none of those. */
static bool parse_addr(const char *addr, struct sockaddr_storage *ss, socklen_t *sslen)
{
	char host[INET6_ADDRSTRLEN];
	const char *colon;
	unsigned port;
	size_t hlen;

	memset(ss, 0, sizeof(*ss));
	if (!addr)
		return false;
	if (addr[0] == '[') {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
		const char *end = strchr(addr, ']');

		if (!end || end[1] != ':')
			return false;
		hlen = (size_t)(end - addr - 1);
		if (hlen == 0 || hlen >= sizeof(host))
			return false;
		memcpy(host, addr + 1, hlen);
		host[hlen] = '\0';
		if (inet_pton(AF_INET6, host, &in6->sin6_addr) != 1 || !parse_port(end + 2, &port))
			return false;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*sslen = sizeof(*in6);
		return true;
	}
	colon = strrchr(addr, ':');
	if (!colon || !parse_port(colon + 1, &port))
		return false;
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	hlen = (size_t)(colon - addr);
	if (hlen >= sizeof(host))
		return false;
	memcpy(host, addr, hlen);
	host[hlen] = '\0';
	if (hlen == 0)
		in4->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, host, &in4->sin_addr) != 1)
		return false;
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	*sslen = sizeof(*in4);
	return true;
}

/*
 * Open the listening socket ourselves rather than through MHD_OPTION_SOCK_ADDR:
 * MHD does not say why a bind failed, and "address in use" or "permission
 * denied" is what the user needs to hear.
 */
static enum sc_result open_listener(const char *addr, int *fd_out, unsigned *port_out,
                                    struct sc_error *err)
{
	struct sockaddr_storage ss, bound;
	socklen_t sslen = 0, blen = sizeof(bound);
	int fd, one = 1;

	if (!parse_addr(addr, &ss, &sslen))
		return sc_fail(
		        err, SC_INVALID, "addr",
		        "cannot listen on \"%s\": write the address as HOST:PORT with a numeric "
		        "IPv4 host (127.0.0.1:8080), [IPv6]:PORT ([::1]:8080) or :PORT for every "
		        "address (:8080); the port is 0 to 65535",
		        addr ? addr : "");
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return sc_fail(err, SC_IO, "addr", "cannot listen on %s: %s", addr,
		               strerror(errno));
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sslen) != 0 || listen(fd, SOMAXCONN) != 0 ||
	    getsockname(fd, (struct sockaddr *)&bound, &blen) != 0) {
		int e = errno;

		close(fd);
		return sc_fail(err, SC_IO, "addr", "cannot listen on %s: %s", addr, strerror(e));
	}
	if (bound.ss_family == AF_INET6)
		*port_out = ntohs(((struct sockaddr_in6 *)&bound)->sin6_port);
	else
		*port_out = ntohs(((struct sockaddr_in *)&bound)->sin_port);
	*fd_out = fd;
	return SC_OK;
}

/* ---- connections per address ---- */

static size_t ip_hash(const struct in6_addr *a)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (int i = 0; i < 16; i++)
		h = (h ^ a->s6_addr[i]) * 1099511628211ull;
	return (size_t)(h ^ (h >> 29));
}

/*
 * A trusted proxy is not one client but all of those behind it: its
 * connections count only towards the server's total, or a proxy's
 * 65th concurrent request would be refused for everybody.
 */
bool http_ip_acquire(struct http_server *srv, const struct in6_addr *addr)
{
	bool ok = true;
	size_t i;

	if (http_trusted(srv, addr))
		return true;
	pthread_mutex_lock(&srv->ip_lock);
	/* The table has twice the slots of the connection cap, so a free one is always found. */
	for (i = ip_hash(addr) & srv->ip_mask; srv->ips[i].count; i = (i + 1) & srv->ip_mask)
		if (memcmp(&srv->ips[i].addr, addr, sizeof(*addr)) == 0)
			break;
	if (srv->ips[i].count >= srv->lim.per_ip) {
		ok = false;
	} else {
		srv->ips[i].addr = *addr;
		srv->ips[i].count++;
	}
	pthread_mutex_unlock(&srv->ip_lock);
	return ok;
}

void http_ip_release(struct http_server *srv, const struct in6_addr *addr)
{
	size_t i, j;

	if (http_trusted(srv, addr))
		return;
	pthread_mutex_lock(&srv->ip_lock);
	for (i = ip_hash(addr) & srv->ip_mask; srv->ips[i].count; i = (i + 1) & srv->ip_mask)
		if (memcmp(&srv->ips[i].addr, addr, sizeof(*addr)) == 0)
			break;
	if (srv->ips[i].count && --srv->ips[i].count == 0) {
		/* Backward-shift deletion keeps every probe sequence unbroken without tombstones.
		 */
		for (j = (i + 1) & srv->ip_mask; srv->ips[j].count; j = (j + 1) & srv->ip_mask) {
			size_t home = ip_hash(&srv->ips[j].addr) & srv->ip_mask;

			if (((j - home) & srv->ip_mask) >= ((j - i) & srv->ip_mask)) {
				srv->ips[i] = srv->ips[j];
				srv->ips[j].count = 0;
				i = j;
			}
		}
	}
	pthread_mutex_unlock(&srv->ip_lock);
}

/* ---- start and stop ---- */

/*
 * Every connection is a descriptor: take all the process may have, so that
 * the connection cap, not the default soft limit of 1024, is what refuses.
 */
static void raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY ? 1048576 : rl.rlim_max;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
}

/* Set up what srv needs besides its threads; SC_OK or the error in err. */
static enum sc_result server_init(struct http_server *srv, const struct http_limits *lim,
                                  struct sc_error *err)
{
	const char *log = getenv("SALESCOACH_HTTP_LOG");
	size_t slots = 64;

	srv->lim = *lim;
	if (!log || strcmp(log, "1") == 0)
		srv->log = HTTP_LOG_ALL;
	else if (strcmp(log, "errors") == 0)
		srv->log = HTTP_LOG_ERRORS;
	else if (strcmp(log, "0") == 0)
		srv->log = HTTP_LOG_OFF;
	else
		return sc_fail(
		        err, SC_INVALID, "SALESCOACH_HTTP_LOG",
		        "SALESCOACH_HTTP_LOG is '%.40s'; give 1 (every request, the default), "
		        "errors (only the requests answered 400 or above, or not answered) or "
		        "0 (none)",
		        log);
	srv->listen_fd = srv->spare_fd = -1;
	for (size_t i = 0; i < lim->ntrusted_proxies; i++)
		http_parse_ip(lim->trusted_proxies[i], &srv->proxies[srv->nproxies++]);
	srv->parse.max_line = lim->max_line;
	srv->parse.max_header = lim->max_header;
	srv->parse.max_body = lim->max_body;
	/* A head and what may follow it in one read. */
	srv->buf_max = lim->max_header + 16 * 1024;
	while (slots < 2 * (size_t)lim->connections)
		slots *= 2;
	srv->ips = calloc(slots, sizeof(*srv->ips));
	srv->loops = calloc(lim->loops, sizeof(*srv->loops));
	srv->workers = calloc(lim->threads, sizeof(*srv->workers));
	if (!srv->ips || !srv->loops || !srv->workers)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory starting the HTTP server");
	srv->ip_mask = slots - 1;
	pthread_mutex_init(&srv->ip_lock, NULL);
	pthread_mutex_init(&srv->work_lock, NULL);
	pthread_cond_init(&srv->work_cond, NULL);
	srv->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	return SC_OK;
}

/* Start the workers and the loops; SC_IO naming addr when the system refuses a thread. */
static enum sc_result server_threads(struct http_server *srv, const char *addr,
                                     struct sc_error *err)
{
	enum sc_result rc;

	for (unsigned i = 0; i < srv->lim.loops; i++) {
		rc = http_loop_init(&srv->loops[i], srv, err);
		if (rc != SC_OK)
			return rc;
		srv->nloops++;
	}
	for (unsigned i = 0; i < srv->lim.threads; i++) {
		if (pthread_create(&srv->workers[i], NULL, http_worker_run, srv) != 0)
			goto fail;
		srv->nworkers++;
	}
	for (unsigned i = 0; i < srv->nloops; i++) {
		if (pthread_create(&srv->loops[i].thread, NULL, http_loop_run, &srv->loops[i]) != 0)
			goto fail;
		srv->loops[i].running = true;
	}
	return SC_OK;
fail:
	return sc_fail(err, SC_IO, "addr",
	               "cannot serve on %s: the system refused to start a thread (too many "
	               "threads for this system?)",
	               addr);
}

/* Join whatever threads run and free srv. */
static void server_free(struct http_server *srv)
{
	pthread_mutex_lock(&srv->work_lock);
	srv->work_quit = true;
	pthread_cond_broadcast(&srv->work_cond);
	pthread_mutex_unlock(&srv->work_lock);
	for (unsigned i = 0; i < srv->nworkers; i++)
		pthread_join(srv->workers[i], NULL);
	for (unsigned i = 0; i < srv->nloops; i++) {
		struct http_loop *loop = &srv->loops[i];

		atomic_store(&loop->quit, true);
		http_loop_wake(loop);
		if (loop->running)
			pthread_join(loop->thread, NULL);
		http_loop_release(loop);
	}
	if (srv->listen_fd >= 0)
		close(srv->listen_fd);
	if (srv->spare_fd >= 0)
		close(srv->spare_fd);
	if (srv->ips) {
		pthread_mutex_destroy(&srv->ip_lock);
		pthread_mutex_destroy(&srv->work_lock);
		pthread_cond_destroy(&srv->work_cond);
	}
	free(srv->ips);
	free(srv->loops);
	free(srv->workers);
	free(srv);
}

enum sc_result http_server_start(const char *addr, const struct http_limits *lim,
                                 http_handler handler, void *ctx, struct http_server **out,
                                 struct sc_error *err)
{
	struct http_server *srv = NULL;
	struct http_limits defaults;
	enum sc_result rc;

	*out = NULL;
	if (!lim) {
		http_limits_default(&defaults);
		lim = &defaults;
	}
	if (!handler)
		return sc_fail(err, SC_INVALID, "handler", "a handler is required");
	rc = check_limits(lim, err);
	if (rc != SC_OK)
		return rc;
	srv = calloc(1, sizeof(*srv));
	if (!srv)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory starting the HTTP server");
	srv->handler = handler;
	srv->ctx = ctx;
	rc = server_init(srv, lim, err);
	if (rc == SC_OK)
		rc = open_listener(addr, &srv->listen_fd, &srv->port, err);
	if (rc != SC_OK)
		goto out;
	raise_nofile();
	rc = server_threads(srv, addr, err);
	if (rc != SC_OK)
		goto out;
	*out = srv;
	srv = NULL;
out:
	if (srv)
		server_free(srv);
	return rc;
}

unsigned http_server_port(const struct http_server *srv)
{
	return srv ? srv->port : 0;
}

void http_server_stop(struct http_server **psrv)
{
	struct http_server *srv = psrv ? *psrv : NULL;
	int64_t deadline;

	if (!srv)
		return;
	/*
	 * The loops stop accepting, close idle connections and answer 503 to
	 * requests still arriving; the workers answer 503 to queued ones. What
	 * is left are handlers running and responses being sent: wait for them,
	 * as long as a client that reads nothing could hold a response anyway.
	 */
	atomic_store(&srv->stopping, true);
	for (unsigned i = 0; i < srv->nloops; i++)
		http_loop_wake(&srv->loops[i]);
	deadline = http_now() + ((int64_t)srv->lim.timeout_s + 1) * 1000000000;
	while (atomic_load(&srv->nall) > 0 && http_now() < deadline) {
		struct timespec ts = { 0, 5 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
	server_free(srv);
	*psrv = NULL;
}
