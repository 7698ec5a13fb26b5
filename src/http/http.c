/*
 * http.c - the HTTP server on libmicrohttpd (MHD), in thread-pool mode.
 *
 * One request goes through three MHD callbacks, all on the same pool
 * thread for a given connection:
 *
 *   on_uri        the request line is read: allocate struct conn_request,
 *                 keep the raw target ("/a/b?x=1"), count the request as
 *                 in flight;
 *   on_access     called for the headers, for every piece of the body and
 *                 once more at the end: enforce the limits, collect the
 *                 body, call the handler, queue its response;
 *   on_completed  the response is sent or the connection is gone: log one
 *                 line, free the request, count it as done.
 *
 * The in-flight count is what lets http_server_stop drain: MHD_stop_daemon
 * alone would wait for running handlers but close their connections before
 * the responses they queued are written.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

/* Longest method we keep for the log; longer ones are cut (MHD accepts any token). */
#define METHOD_MAX 16

/* Longest path written to the log, in bytes of the raw path. */
#define LOG_PATH_MAX 256

struct http_server {
	struct MHD_Daemon *daemon;
	int listen_fd;
	unsigned port;
	struct http_limits lim;
	http_handler handler;
	void *ctx;
	bool log; /* SALESCOACH_HTTP_LOG is not "0" */
	/* The trusted proxies, IPv4 as IPv4-mapped IPv6 addresses. */
	struct in6_addr proxies[HTTP_MAX_PROXIES];
	size_t nproxies;

	pthread_mutex_t lock;
	pthread_cond_t drained; /* signalled when active drops to 0 */
	unsigned active;        /* requests between on_uri and on_completed */
	bool stopping;          /* http_server_stop has begun: answer with Connection: close */
};

/* One request, from its request line to its last byte sent. */
struct conn_request {
	struct http_server *srv;
	char *target; /* the raw request target, owned; split at '?' before the handler */
	char method[METHOD_MAX];
	char remote[INET6_ADDRSTRLEN]; /* the client: the peer, or whom a trusted proxy names */
	char proxy[INET6_ADDRSTRLEN];  /* the trusted proxy it came through, or "" */
	struct in6_addr peer;          /* IPv4 as IPv4-mapped */
	bool peer_known;
	bool tls; /* a trusted proxy says the client used https */
	struct timespec t0;

	char *body; /* owned; NUL-terminated when handed out */
	size_t body_len;
	size_t body_cap;
	size_t discarded; /* body bytes dropped after the body became too large */
	bool started;     /* on_access has seen the headers */
	bool too_large;

	int status; /* 0 until a response is queued */
	size_t bytes;
	const char *route;
};

/* ---- limits ---- */

void http_limits_default(struct http_limits *lim)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	lim->max_body = 1024 * 1024;
	lim->max_header = 16 * 1024;
	lim->connections = 512;
	lim->timeout_s = 10;
	lim->threads = cpus < 2 ? 2 : (cpus > 256 ? 256 : (unsigned)cpus);
	lim->per_ip = 64;
	lim->trusted_proxies = NULL;
	lim->ntrusted_proxies = 0;
}

/* text as an IPv6 address (IPv4 as IPv4-mapped) into *out; false when it is neither. */
static bool parse_ip(const char *text, struct in6_addr *out)
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

/* a as text, IPv4-mapped addresses as IPv4, into buf of INET6_ADDRSTRLEN bytes. */
static void ip_text(const struct in6_addr *a, char *buf, size_t size)
{
	if (IN6_IS_ADDR_V4MAPPED(a))
		inet_ntop(AF_INET, &a->s6_addr[12], buf, (socklen_t)size);
	else
		inet_ntop(AF_INET6, a, buf, (socklen_t)size);
}

bool http_address_valid(const char *text)
{
	struct in6_addr a;

	return text && parse_ip(text, &a);
}

static enum sc_result check_limits(const struct http_limits *lim, struct sc_error *err)
{
	static const char hint[] = "must be at least 1; start from http_limits_default";

	if (lim->max_header == 0)
		return sc_fail(err, SC_INVALID, "max_header", "max_header %s", hint);
	if (lim->connections == 0)
		return sc_fail(err, SC_INVALID, "connections", "connections %s", hint);
	if (lim->timeout_s == 0)
		return sc_fail(err, SC_INVALID, "timeout_s", "timeout_s %s", hint);
	if (lim->threads == 0)
		return sc_fail(err, SC_INVALID, "threads", "threads %s", hint);
	if (lim->per_ip == 0)
		return sc_fail(err, SC_INVALID, "per_ip", "per_ip %s", hint);
	if (lim->max_body >= SIZE_MAX / 2 || lim->max_header >= SIZE_MAX / 4)
		return sc_fail(err, SC_INVALID, "max_body",
		               "max_body and max_header are too large");
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

/* ---- the request log ---- */

/* Append s (at most max bytes of it) to out as the inside of a JSON string. */
static size_t json_escape(char *out, size_t size, const char *s, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	for (size_t i = 0; s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (o + 7 >= size)
			break;
		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			/* Raw paths may hold any byte; the log stays valid JSON. */
			memcpy(out + o, "\\u00", 4);
			out[o + 4] = hex[c >> 4];
			out[o + 5] = hex[c & 15];
			o += 6;
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return o;
}

static const char *closed_reason(enum MHD_RequestTerminationCode toe)
{
	switch (toe) {
	case MHD_REQUEST_TERMINATED_COMPLETED_OK:
		return NULL;
	case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED:
		return "timeout";
	case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN:
		return "shutdown";
	case MHD_REQUEST_TERMINATED_CLIENT_ABORT:
	case MHD_REQUEST_TERMINATED_READ_ERROR:
		return "client";
	default:
		return "error";
	}
}

/*
 * One JSON line on stderr, in one write() so that lines from the pool threads
 * never interleave. Only the method and the path: query strings, headers and
 * bodies can carry passwords, tokens and private notes.
 */
static void log_request(const struct conn_request *cr, enum MHD_RequestTerminationCode toe)
{
	/* Every part is bounded, so the line always fits: no half-written JSON. */
	char line[2 * 7 * LOG_PATH_MAX], at[32], method[7 * METHOD_MAX], path[7 * LOG_PATH_MAX];
	char route[7 * 64], proxy[sizeof(cr->proxy) + 16] = "";
	struct timespec now, wall;
	struct tm tm;
	const char *closed = closed_reason(toe);
	size_t plen = strcspn(cr->target, "?");
	double ms;
	ssize_t w;
	int n;

	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_REALTIME, &wall);
	gmtime_r(&wall.tv_sec, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	ms = (double)(now.tv_sec - cr->t0.tv_sec) * 1e3 +
	     (double)(now.tv_nsec - cr->t0.tv_nsec) / 1e6;
	json_escape(method, sizeof(method), cr->method, METHOD_MAX);
	json_escape(path, sizeof(path), cr->target, plen < LOG_PATH_MAX ? plen : LOG_PATH_MAX);
	json_escape(route, sizeof(route), cr->route ? cr->route : "", 64);
	/* Addresses as inet_ntop wrote them: nothing to escape. */
	if (cr->proxy[0])
		snprintf(proxy, sizeof(proxy), ",\"proxy\":\"%s\"", cr->proxy);
	n = snprintf(line, sizeof(line),
	             "{\"at\":\"%s\",\"remote\":\"%s\"%s,\"method\":\"%s\",\"path\":\"%s\","
	             "\"status\":%d,\"ms\":%.2f,\"bytes\":%zu,\"route\":%s%s%s%s%s%s}\n",
	             at, cr->remote, proxy, method, path, cr->status, ms, cr->bytes,
	             cr->route ? "\"" : "", cr->route ? route : "null", cr->route ? "\"" : "",
	             closed ? ",\"closed\":\"" : "", closed ? closed : "", closed ? "\"" : "");
	if (n <= 0 || (size_t)n >= sizeof(line))
		return;
	/* A lost log line is not worth failing a request for. */
	w = write(STDERR_FILENO, line, (size_t)n);
	(void)w;
}

/* ---- MHD callbacks ---- */

/* The peer's address into cr: as text in cr->remote, and as cr->peer. */
static void peer_address(struct MHD_Connection *conn, struct conn_request *cr)
{
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(cr->remote, sizeof(cr->remote), "-");
	if (sa && sa->sa_family == AF_INET) {
		const struct in_addr *a = &((const struct sockaddr_in *)sa)->sin_addr;

		memset(&cr->peer, 0, sizeof(cr->peer));
		cr->peer.s6_addr[10] = cr->peer.s6_addr[11] = 0xff;
		memcpy(&cr->peer.s6_addr[12], a, 4);
		cr->peer_known = true;
	} else if (sa && sa->sa_family == AF_INET6) {
		cr->peer = ((const struct sockaddr_in6 *)sa)->sin6_addr;
		cr->peer_known = true;
	}
	if (cr->peer_known)
		ip_text(&cr->peer, cr->remote, sizeof(cr->remote));
}

/*
 * The request line has been read. MHD will cut the query string off the URL
 * it gives on_access and decode it; the handler wants it raw, so keep a copy.
 * Returning NULL (out of memory) makes on_access close the connection.
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct http_server *srv = cls;
	struct conn_request *cr = calloc(1, sizeof(*cr));

	if (!cr)
		return NULL;
	cr->target = strdup(uri ? uri : "");
	if (!cr->target) {
		free(cr);
		return NULL;
	}
	cr->srv = srv;
	clock_gettime(CLOCK_MONOTONIC, &cr->t0);
	peer_address(conn, cr);
	pthread_mutex_lock(&srv->lock);
	srv->active++;
	pthread_mutex_unlock(&srv->lock);
	return cr;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct conn_request *cr = *req_cls;

	(void)conn;
	if (!cr)
		return;
	*req_cls = NULL;
	if (srv->log)
		log_request(cr, toe);
	free(cr->target);
	free(cr->body);
	free(cr);
	pthread_mutex_lock(&srv->lock);
	if (--srv->active == 0)
		pthread_cond_broadcast(&srv->drained);
	pthread_mutex_unlock(&srv->lock);
}

/* Hand resp to MHD and release it. MHD_NO closes the connection. */
static enum MHD_Result queue(struct conn_request *cr, struct MHD_Connection *conn,
                             struct http_response *resp)
{
	struct MHD_Response *r;
	enum MHD_Result ret = MHD_NO;
	size_t len = resp->body ? resp->body_len : 0;
	int status = resp->status;
	bool stopping;

	if (status < 100 || status > 599)
		status = 500;
	if (len)
		r = MHD_create_response_from_buffer(len, resp->body, MHD_RESPMEM_MUST_FREE);
	else
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!r)
		goto out;
	if (len)
		resp->body = NULL; /* MHD frees it now */
	if (resp->content_type && status != 204 && status != 304)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	/* http_response_header has refused what MHD would refuse. */
	for (size_t i = 0; i < resp->nheaders; i++)
		MHD_add_response_header(r, resp->header_names[i], resp->header_values[i]);
	pthread_mutex_lock(&cr->srv->lock);
	stopping = cr->srv->stopping;
	pthread_mutex_unlock(&cr->srv->lock);
	if (stopping)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	ret = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	if (ret == MHD_YES) {
		cr->status = status;
		cr->bytes = len;
		cr->route = resp->route;
	}
out:
	http_response_release(resp);
	return ret;
}

/* A response the server makes itself: {"error":{"code":..,"message":..,"field":null}}. */
static enum MHD_Result queue_error(struct conn_request *cr, struct MHD_Connection *conn, int status,
                                   const char *code, const char *message)
{
	struct http_response resp;
	char body[512];
	int n;

	http_response_init(&resp);
	resp.status = status;
	n = snprintf(body, sizeof(body),
	             "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"field\":null}}", code,
	             message);
	if (n < 0 || (size_t)n >= sizeof(body) ||
	    http_response_body(&resp, "application/json", body, (size_t)n) != SC_OK)
		return MHD_NO;
	return queue(cr, conn, &resp);
}

static enum MHD_Result too_large(struct conn_request *cr, struct MHD_Connection *conn)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "the request body is larger than %zu bytes; send less",
	         cr->srv->lim.max_body);
	return queue_error(cr, conn, 413, "too_large", msg);
}

static enum MHD_Result sum_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
	size_t *sum = cls;

	(void)kind;
	*sum += strlen(key) + (value ? strlen(value) : 0) + 4; /* "key: value\r\n" */
	return MHD_YES;
}

static const char *lookup_header(const struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->impl, MHD_HEADER_KIND, name);
}

/* ---- forwarding headers of trusted proxies ---- */

static bool trusted(const struct http_server *srv, const struct in6_addr *a)
{
	for (size_t i = 0; i < srv->nproxies; i++)
		if (memcmp(&srv->proxies[i], a, sizeof(*a)) == 0)
			return true;
	return false;
}

/* How many headers of one name are read, the last ones sent. */
#define FORWARD_HEADERS_MAX 16

/* The values of the request headers called name, the last FORWARD_HEADERS_MAX in order. */
struct header_values {
	const char *name;
	const char *v[FORWARD_HEADERS_MAX];
	size_t n;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
	struct header_values *h = cls;

	(void)kind;
	if (!value || strcasecmp(key, h->name) != 0)
		return MHD_YES;
	if (h->n == FORWARD_HEADERS_MAX) {
		memmove(h->v, h->v + 1, (FORWARD_HEADERS_MAX - 1) * sizeof(h->v[0]));
		h->n--;
	}
	h->v[h->n++] = value;
	return MHD_YES;
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
 * A request from a trusted proxy: the client is the last entry of
 * X-Forwarded-For that is not a trusted proxy, the scheme the last value of
 * X-Forwarded-Proto. An entry that is not an address stops the search and
 * leaves the peer as the client: past it, nothing was written by a proxy we
 * trust.
 */
static void forwarded(struct conn_request *cr, struct MHD_Connection *conn)
{
	struct header_values xff = { .name = "X-Forwarded-For" };
	struct header_values xfp = { .name = "X-Forwarded-Proto" };
	char entry[INET6_ADDRSTRLEN + 1];
	struct in6_addr client;
	bool named = false, stop = false;

	if (!cr->peer_known || !trusted(cr->srv, &cr->peer))
		return;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, &xff);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, &xfp);
	for (size_t i = xff.n; i-- > 0 && !named && !stop;) {
		size_t end = strlen(xff.v[i]);

		while (end > 0 && !named && !stop) {
			if (!list_entry_before(xff.v[i], &end, entry, sizeof(entry)))
				stop = true;
			else if (!entry[0])
				continue; /* "a, , b": an empty entry says nothing */
			else if (!parse_ip(entry, &client))
				stop = true;
			else if (!trusted(cr->srv, &client))
				named = true;
		}
	}
	if (named) {
		snprintf(cr->proxy, sizeof(cr->proxy), "%s", cr->remote);
		ip_text(&client, cr->remote, sizeof(cr->remote));
	}
	if (xfp.n) {
		size_t end = strlen(xfp.v[xfp.n - 1]);

		cr->tls = list_entry_before(xfp.v[xfp.n - 1], &end, entry, sizeof(entry)) &&
		          strcasecmp(entry, "https") == 0;
	}
}

/* ---- where the body ends ---- */

/* The Content-Length and Transfer-Encoding headers of a request. */
struct framing {
	const char *cl, *te; /* the first of each, or NULL */
	unsigned ncl, nte;
	bool cl_differ; /* two Content-Length headers with different values */
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	struct framing *f = cls;

	(void)kind;
	value = value ? value : "";
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
		if (f->ncl++ == 0)
			f->cl = value;
		else if (strcmp(f->cl, value) != 0)
			f->cl_differ = true;
	} else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
		if (f->nte++ == 0)
			f->te = value;
	}
	return MHD_YES;
}

/*
 * A request whose body could end in two places is refused before the body
 * is read: a proxy in front that reads it the other way would take what
 * follows for a request of its own (request smuggling). libmicrohttpd reads
 * the first Content-Length and ignores the others, and lets
 * Transfer-Encoding win over Content-Length on a connection it keeps open.
 * The answer closes the connection, so nothing after the head is read as a
 * request. NULL when the framing is unambiguous, else the message.
 */
static const char *ambiguous_framing(struct MHD_Connection *conn)
{
	struct framing f = { 0 };

	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_framing, &f);
	if (f.cl_differ)
		return "the request has Content-Length headers with different values; send "
		       "one";
	if (f.nte && f.ncl)
		return "the request has both Transfer-Encoding and Content-Length; send one of "
		       "them";
	if (f.nte > 1 || (f.te && strcasecmp(f.te, "chunked") != 0))
		return "Transfer-Encoding must be one header with the value chunked";
	return NULL;
}

/* The headers are in: check their size and the announced body size. */
static enum MHD_Result begin(struct conn_request *cr, struct MHD_Connection *conn,
                             const char *method, const char *version)
{
	const struct http_limits *lim = &cr->srv->lim;
	const char *te, *cl, *ambiguous;
	size_t head;

	cr->started = true;
	snprintf(cr->method, sizeof(cr->method), "%s", method);
	/*
	 * MHD's memory pool cuts off headers far above max_header (answering 431
	 * itself); this answers the ones in between in our own words.
	 */
	head = strlen(method) + strlen(cr->target) + strlen(version) + 4;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, sum_header, &head);
	if (head > lim->max_header) {
		char msg[128];

		snprintf(msg, sizeof(msg),
		         "the request line and headers are larger than %zu bytes; send fewer or "
		         "shorter headers",
		         lim->max_header);
		return queue_error(cr, conn, 431, "header_too_large", msg);
	}
	forwarded(cr, conn);
	if ((ambiguous = ambiguous_framing(conn)))
		return queue_error(cr, conn, 400, "invalid", ambiguous);
	te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (!te && cl && *cl) {
		unsigned long long n = 0;
		bool big = false;

		for (const char *p = cl; *p >= '0' && *p <= '9'; p++) {
			if (n > (ULLONG_MAX - 9) / 10)
				big = true;
			else
				n = n * 10 + (unsigned long long)(*p - '0');
		}
		/* Answered before the body is read: the client need not send it. */
		if (big || n > lim->max_body)
			return too_large(cr, conn);
		/* Not all of it up front: a client that announces much and sends little holds
		 * little. */
		if (n > 0) {
			size_t cap = n < 65536 ? (size_t)n + 1 : 65536;

			cr->body = malloc(cap);
			if (!cr->body)
				return MHD_NO;
			cr->body_cap = cap;
		}
	}
	return MHD_YES;
}

/* One piece of the body: keep it, or count it as discarded once the body is too large. */
static enum MHD_Result take_body(struct conn_request *cr, const char *data, size_t n)
{
	size_t max = cr->srv->lim.max_body;

	if (cr->too_large) {
		/*
		 * MHD cannot answer in the middle of a body, so the rest is read and
		 * dropped before the 413; but not without end.
		 */
		cr->discarded += n;
		return cr->discarded > (max > 65536 ? max : 65536) ? MHD_NO : MHD_YES;
	}
	if (n > max - cr->body_len) {
		cr->too_large = true;
		free(cr->body);
		cr->body = NULL;
		cr->body_len = cr->body_cap = 0;
		return MHD_YES;
	}
	if (cr->body_len + n + 1 > cr->body_cap) {
		size_t cap = cr->body_cap ? cr->body_cap : 1024;
		char *grown;

		while (cap < cr->body_len + n + 1)
			cap *= 2;
		if (cap > max + 1)
			cap = max + 1;
		grown = realloc(cr->body, cap);
		if (!grown)
			return MHD_NO;
		cr->body = grown;
		cr->body_cap = cap;
	}
	memcpy(cr->body + cr->body_len, data, n);
	cr->body_len += n;
	cr->body[cr->body_len] = '\0';
	return MHD_YES;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **req_cls)
{
	struct http_server *srv = cls;
	struct conn_request *cr = *req_cls;
	struct http_request req;
	struct http_response resp;
	char *q;

	(void)url;
	if (!cr)
		return MHD_NO;
	if (!cr->started)
		return begin(cr, conn, method, version);
	if (*upload_data_size) {
		size_t n = *upload_data_size;

		*upload_data_size = 0;
		return take_body(cr, upload_data, n);
	}
	if (cr->too_large)
		return too_large(cr, conn);
	/*
	 * Once the server is stopping, a request whose handler has not begun is
	 * answered at once: the handlers already running are what the stop waits
	 * for, and a queue of new work behind them would hold it up.
	 */
	pthread_mutex_lock(&srv->lock);
	bool stopping = srv->stopping;
	pthread_mutex_unlock(&srv->lock);
	if (stopping)
		return queue_error(cr, conn, 503, "unavailable",
		                   "the server is stopping; send the request again in a moment");

	memset(&req, 0, sizeof(req));
	q = strchr(cr->target, '?');
	if (q)
		*q++ = '\0';
	req.method = method;
	req.path = cr->target;
	req.query = q ? q : "";
	req.body = cr->body ? cr->body : "";
	req.body_len = cr->body_len;
	req.remote = cr->remote;
	req.tls = cr->tls;
	req.header = lookup_header;
	req.impl = conn;
	http_response_init(&resp);
	srv->handler(srv->ctx, &req, &resp);
	if (q)
		q[-1] = '?'; /* the log cuts the query itself */
	return queue(cr, conn, &resp);
}

/* ---- start and stop ---- */

enum sc_result http_server_start(const char *addr, const struct http_limits *lim,
                                 http_handler handler, void *ctx, struct http_server **out,
                                 struct sc_error *err)
{
	struct http_server *srv = NULL;
	struct http_limits defaults;
	pthread_condattr_t ca;
	enum sc_result rc;
	unsigned flags, threads;
	const char *log;

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
	srv->listen_fd = -1;
	srv->lim = *lim;
	srv->handler = handler;
	srv->ctx = ctx;
	log = getenv("SALESCOACH_HTTP_LOG");
	srv->log = !(log && strcmp(log, "0") == 0);
	for (size_t i = 0; i < lim->ntrusted_proxies; i++)
		parse_ip(lim->trusted_proxies[i], &srv->proxies[srv->nproxies++]);
	pthread_mutex_init(&srv->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&srv->drained, &ca);
	pthread_condattr_destroy(&ca);

	rc = open_listener(addr, &srv->listen_fd, &srv->port, err);
	if (rc != SC_OK)
		goto out;

	/* MHD sends with MSG_NOSIGNAL where it can; elsewhere a closed peer would kill us. */
	if (MHD_is_feature_supported(MHD_FEATURE_AUTOSUPPRESS_SIGPIPE) != MHD_YES)
		signal(SIGPIPE, SIG_IGN);

	/* MHD_quiesce_daemon needs the inter-thread channel to wake the pool. */
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC;
	flags |= MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES ? MHD_USE_EPOLL
	                                                                : MHD_USE_POLL;
	/* MHD splits the connection limit over the pool; each worker needs one at least. */
	threads = lim->threads < lim->connections ? lim->threads : lim->connections;
	srv->daemon = MHD_start_daemon(
	        flags, 0, NULL, NULL, on_access, srv, MHD_OPTION_LISTEN_SOCKET, srv->listen_fd,
	        MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0u,
	        MHD_OPTION_CONNECTION_LIMIT, lim->connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	        lim->per_ip, MHD_OPTION_CONNECTION_TIMEOUT, lim->timeout_s,
	        /* The pool holds the request head, the parsed headers and the response head. */
	        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(lim->max_header * 2 + 8192),
	        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
	        srv, MHD_OPTION_END);
	if (!srv->daemon) {
		rc = sc_fail(
		        err, SC_IO, "addr",
		        "cannot serve on %s: the HTTP library refused to start (too many threads "
		        "or connections for this system?)",
		        addr);
		goto out;
	}
	*out = srv;
	srv = NULL;
out:
	if (srv) {
		if (srv->listen_fd >= 0)
			close(srv->listen_fd);
		pthread_cond_destroy(&srv->drained);
		pthread_mutex_destroy(&srv->lock);
		free(srv);
	}
	return rc;
}

unsigned http_server_port(const struct http_server *srv)
{
	return srv ? srv->port : 0;
}

void http_server_stop(struct http_server **psrv)
{
	struct http_server *srv = psrv ? *psrv : NULL;
	struct timespec deadline;

	if (!srv)
		return;
	pthread_mutex_lock(&srv->lock);
	srv->stopping = true;
	pthread_mutex_unlock(&srv->lock);
	/* No new connections; the listening socket stays ours to close after the stop. */
	(void)MHD_quiesce_daemon(srv->daemon);

	/*
	 * Let the requests in flight finish and their responses go out. A client
	 * that stalls is cut when it has been idle for timeout_s anyway, so that
	 * bounds the wait.
	 */
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += (time_t)srv->lim.timeout_s + 1;
	pthread_mutex_lock(&srv->lock);
	while (srv->active > 0) {
		if (pthread_cond_timedwait(&srv->drained, &srv->lock, &deadline) == ETIMEDOUT)
			break;
	}
	pthread_mutex_unlock(&srv->lock);

	MHD_stop_daemon(srv->daemon);
	close(srv->listen_fd);
	pthread_cond_destroy(&srv->drained);
	pthread_mutex_destroy(&srv->lock);
	free(srv);
	*psrv = NULL;
}
