/*
 * http_log.c - the request log: one JSON line on stderr per request (see
 * http_server_start in http.h). Written by the loops.
 */
#include "http/http_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Longest method and path written to the log, in bytes as sent. */
#define LOG_METHOD_MAX 16
#define LOG_PATH_MAX   256

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

/* Runs of this many hex digits and more in a path are secrets, and never logged. */
#define LOG_SECRET_RUN 32

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * The first max bytes of path into out (size bytes), each run of
 * LOG_SECRET_RUN or more hex digits written as "***": an address that is
 * itself the credential (a calendar feed's) must not end up in a log that
 * more people read than the feed's owner.
 */
static void mask_secrets(char *out, size_t size, const char *path, size_t max)
{
	size_t o = 0, i = 0;

	while (path[i] && i < max && o + 4 < size) {
		size_t run = 0;
		while (i + run < max && is_hex(path[i + run]))
			run++;
		if (run >= LOG_SECRET_RUN) {
			memcpy(out + o, "***", 3);
			o += 3;
			i += run;
		} else if (run) {
			size_t n = run < size - o - 1 ? run : size - o - 1;
			memcpy(out + o, path + i, n);
			o += n;
			i += run;
		} else {
			out[o++] = path[i++];
		}
	}
	out[o] = '\0';
}

/*
 * In one write() so that lines from the loops never interleave. Only the
 * method and the path: query strings, headers and bodies can carry
 * passwords, tokens and private notes.
 */
void http_log(const struct conn *c, const struct conn_request *cr, int status, size_t bytes,
              const char *route, const char *closed)
{
	/* Every part is bounded, so the line always fits: no half-written JSON. */
	char line[2 * 7 * LOG_PATH_MAX], at[32], method[7 * LOG_METHOD_MAX], path[7 * LOG_PATH_MAX];
	char rt[7 * 64], proxy[INET6_ADDRSTRLEN + 16] = "", masked[LOG_PATH_MAX + 1];
	const char *remote = cr && cr->remote[0] ? cr->remote : c->peer_text;
	struct timespec wall;
	struct tm tm;
	int64_t t0 = cr ? cr->t0 : c->t0;
	double ms = (double)(http_now() - t0) / 1e6;
	ssize_t w;
	int n;

	clock_gettime(CLOCK_REALTIME, &wall);
	gmtime_r(&wall.tv_sec, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_escape(method, sizeof(method), cr ? cr->method : "", LOG_METHOD_MAX);
	mask_secrets(masked, sizeof(masked), cr ? cr->path : "", LOG_PATH_MAX);
	json_escape(path, sizeof(path), masked, LOG_PATH_MAX);
	json_escape(rt, sizeof(rt), route ? route : "", 64);
	/* Addresses as inet_ntop wrote them: nothing to escape. */
	if (cr && cr->proxy[0])
		snprintf(proxy, sizeof(proxy), ",\"proxy\":\"%s\"", cr->proxy);
	n = snprintf(line, sizeof(line),
	             "{\"at\":\"%s\",\"remote\":\"%s\"%s,\"method\":\"%s\",\"path\":\"%s\","
	             "\"status\":%d,\"ms\":%.2f,\"bytes\":%zu,\"route\":%s%s%s%s%s%s}\n",
	             at, remote, proxy, method, path, status, ms, bytes, route ? "\"" : "",
	             route ? rt : "null", route ? "\"" : "", closed ? ",\"closed\":\"" : "",
	             closed ? closed : "", closed ? "\"" : "");
	if (n <= 0 || (size_t)n >= sizeof(line))
		return;
	/* A lost log line is not worth failing a request for. */
	w = write(STDERR_FILENO, line, (size_t)n);
	(void)w;
}
