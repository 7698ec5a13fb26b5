/*
 * http_parse.c - the request parser and the chunked decoder. See
 * http_parse.h for the grammar and why it is strict.
 */
#include "http/http_parse.h"

#include <string.h>
#include <strings.h>

/* Spans are 32-bit: a head is never near that (max_header is far smaller). */
#define SPAN_MAX ((size_t)UINT32_MAX / 2)

/* ---- characters ---- */

/* RFC 9110 token characters: methods and field names. */
static bool is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* Visible ASCII: what a request target is made of. */
static bool is_vchar(unsigned char c)
{
	return c > 0x20 && c < 0x7f;
}

/* What a field value may hold: HT, SP, visible ASCII and obs-text (bytes from 0x80). */
static bool is_field_char(unsigned char c)
{
	return c == '\t' || (c >= 0x20 && c != 0x7f);
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether p[0..n) is text, ignoring ASCII case. */
static bool equals_ci(const char *p, size_t n, const char *text)
{
	return strlen(text) == n && strncasecmp(p, text, n) == 0;
}

/* ---- refusals ---- */

static enum http_parse_status refuse(struct http_refusal *why, int status, const char *code,
                                     const char *message)
{
	why->status = status;
	why->code = code;
	why->message = message;
	why->limit = HTTP_LIMIT_NONE;
	return HTTP_PARSE_REFUSED;
}

/* A refusal for passing one of the configured limits. */
static enum http_parse_status over(struct http_refusal *why, int status, const char *code,
                                   const char *message, enum http_limit_kind limit)
{
	refuse(why, status, code, message);
	why->limit = limit;
	return HTTP_PARSE_REFUSED;
}

static enum http_parse_status bad(struct http_refusal *why, const char *message)
{
	return refuse(why, 400, "bad_request", message);
}

static const char msg_request_line[] =
        "the request line must be METHOD /target HTTP/1.1, separated by single spaces";
static const char msg_field_line[] =
        "a header line must be Name: value, with no space before the colon, no line "
        "folding and no control characters";
static const char msg_line_end[] = "every line of the request head must end in CRLF";

/* A byte that does not belong where it is: a bare LF says so, anything else says what. */
static enum http_parse_status bad_byte(struct http_refusal *why, unsigned char b,
                                       const char *message)
{
	return bad(why, b == '\n' ? msg_line_end : message);
}
static const char msg_head_too_large[] =
        "the request line and headers are too large; send fewer or shorter headers";
static const char msg_body_too_large[] = "the request body is too large; send less";
static const char msg_chunk[] =
        "the chunked body is malformed: each chunk is its size in hex, CRLF, the data and "
        "CRLF, and the last is 0 CRLF CRLF";

static enum http_parse_status head_too_large(struct http_refusal *why)
{
	return over(why, 431, "headers_too_large", msg_head_too_large, HTTP_LIMIT_HEADER);
}

static enum http_parse_status line_too_long(struct http_refusal *why)
{
	return over(why, 414, "uri_too_long",
	            "the request line is too long; shorten the path or the query", HTTP_LIMIT_LINE);
}

static enum http_parse_status body_too_large(struct http_refusal *why)
{
	return over(why, 413, "too_large", msg_body_too_large, HTTP_LIMIT_BODY);
}

/* ---- the request line ---- */

/*
 * The request line has ended (its LF is the byte being checked): the HTTP/2
 * preface, a version we do not serve, or a target of the wrong form are
 * refused here. DONE when it is one to serve.
 */
static enum http_parse_status judge_request_line(const struct http_head_scan *s, const char *buf,
                                                 struct http_refusal *why)
{
	const char *method = buf + s->start, *target = buf + s->target, *v = buf + s->version;

	if (s->method_len == 3 && memcmp(method, "PRI", 3) == 0 && s->target_len == 1 &&
	    target[0] == '*' && memcmp(v, "HTTP/2.0", 8) == 0)
		return HTTP_PARSE_PREFACE;
	if (v[5] != '1' || (v[7] != '0' && v[7] != '1'))
		return refuse(why, 505, "version_not_supported",
		              "this server speaks HTTP/1.1 and HTTP/1.0; send HTTP/1.1");
	if (target[0] == '*' &&
	    (s->target_len != 1 || s->method_len != 7 || memcmp(method, "OPTIONS", 7) != 0))
		return bad(why, "the request target must start with /; * is only for OPTIONS");
	return HTTP_PARSE_DONE;
}

/* ---- field lines ---- */

/*
 * Split the field line p[0..n) (no CRLF) into its name and its value
 * without the whitespace around it. False when it is not token ":" value.
 */
static bool split_field(const char *p, size_t n, size_t *name_len, size_t *value_off,
                        size_t *value_len)
{
	size_t i = 0, b, e;

	while (i < n && is_tchar((unsigned char)p[i]))
		i++;
	/* No name, a space before the colon, a folded line (starting with SP or HT), no colon. */
	if (i == 0 || i == n || p[i] != ':')
		return false;
	*name_len = i;
	for (size_t j = i + 1; j < n; j++)
		if (!is_field_char((unsigned char)p[j]))
			return false;
	b = i + 1;
	e = n;
	while (b < e && (p[b] == ' ' || p[b] == '\t'))
		b++;
	while (e > b && (p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	*value_off = b;
	*value_len = e - b;
	return true;
}

/* ---- the whole head ---- */

/*
 * Content-Length's value: plain digits that fit 63 bits. A length past
 * INT64_MAX is refused as unreadable, not as too large: proxies that keep
 * lengths signed would read it as something else.
 */
static bool parse_length(const char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned d;

		if (p[i] < '0' || p[i] > '9')
			return false;
		d = (unsigned)(p[i] - '0');
		if (v > ((uint64_t)INT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Whether the comma-separated list p[0..n) holds token, ignoring case. */
static bool list_has(const char *p, size_t n, const char *token)
{
	size_t i = 0;

	while (i < n) {
		size_t b = i, e;

		while (i < n && p[i] != ',')
			i++;
		e = i++;
		while (b < e && (p[b] == ' ' || p[b] == '\t'))
			b++;
		while (e > b && (p[e - 1] == ' ' || p[e - 1] == '\t'))
			e--;
		if (equals_ci(p + b, e - b, token))
			return true;
	}
	return false;
}

/* Where the body ends and whether the connection stays, from the fields of a complete head. */
static enum http_parse_status framing(const char *buf, struct http_head *h,
                                      const struct http_parse_limits *lim, struct http_refusal *why)
{
	unsigned ncl = 0, nte = 0, nhost = 0;
	const struct http_field *te = NULL;
	uint64_t cl = 0;
	bool close = false, keep = false;

	for (unsigned i = 0; i < h->nfields; i++) {
		const struct http_field *f = &h->fields[i];
		const char *name = buf + f->name.off, *value = buf + f->value.off;
		size_t nlen = f->name.len, vlen = f->value.len;
		uint64_t v;

		if (equals_ci(name, nlen, "content-length")) {
			if (!parse_length(value, vlen, &v))
				return bad(why, "Content-Length must be plain digits (a number of "
				                "bytes below 2^63)");
			if (ncl++ && v != cl)
				return bad(why, "the request has Content-Length headers with "
				                "different values; send one");
			cl = v;
		} else if (equals_ci(name, nlen, "transfer-encoding")) {
			nte++;
			te = f;
		} else if (equals_ci(name, nlen, "host")) {
			nhost++;
		} else if (equals_ci(name, nlen, "connection")) {
			close = close || list_has(value, vlen, "close");
			keep = keep || list_has(value, vlen, "keep-alive");
		} else if (equals_ci(name, nlen, "expect")) {
			h->expect_continue = equals_ci(value, vlen, "100-continue");
		}
	}
	if (nte && ncl)
		return bad(why, "the request has both Transfer-Encoding and Content-Length; send "
		                "one of them");
	if (nte > 1 || (te && !equals_ci(buf + te->value.off, te->value.len, "chunked")))
		return bad(why, "Transfer-Encoding must be one header with the value chunked");
	if (nte && h->minor == 0)
		return bad(why, "Transfer-Encoding needs HTTP/1.1; send Content-Length");
	if (nhost > 1 || (h->minor == 1 && nhost == 0))
		return bad(why, "an HTTP/1.1 request needs one Host header");
	if (cl > lim->max_body)
		return body_too_large(why);
	h->chunked = nte == 1;
	h->content_length = cl;
	h->keep_alive = h->minor == 1 ? !close : keep && !close;
	return HTTP_PARSE_DONE;
}

/*
 * The head buf[0..len) is complete and every byte of it checked: fill
 * *head with its pieces and what its fields say.
 */
static enum http_parse_status finish(const struct http_head_scan *s, const char *buf, size_t len,
                                     const struct http_parse_limits *lim, struct http_head *head,
                                     struct http_refusal *why)
{
	const char *lf = memchr(buf + s->start, '\n', len - s->start);
	size_t at = (size_t)(lf - buf) + 1; /* the first field line */

	memset(head, 0, sizeof(*head));
	head->len = len;
	head->method = (struct http_span){ (uint32_t)s->start, (uint32_t)s->method_len };
	head->target = (struct http_span){ (uint32_t)s->target, (uint32_t)s->target_len };
	head->minor = (unsigned)(buf[s->version + 7] - '0');
	while (at < len) {
		size_t n, name_len = 0, value_off = 0, value_len = 0;
		struct http_field *f;

		lf = memchr(buf + at, '\n', len - at);
		n = (size_t)(lf - buf) - 1 - at; /* checked: every line ends in CRLF */
		if (n == 0)
			break;
		f = &head->fields[head->nfields++];
		(void)split_field(buf + at, n, &name_len, &value_off, &value_len);
		f->name = (struct http_span){ (uint32_t)at, (uint32_t)name_len };
		f->value = (struct http_span){ (uint32_t)(at + value_off), (uint32_t)value_len };
		at += n + 2;
	}
	return framing(buf, head, lim, why);
}

/* Where in the grammar of a head the next byte falls. */
enum head_state {
	H_START,    /* a request line, or an empty line before it */
	H_START_LF, /* the LF of such an empty line */
	H_METHOD,
	H_TARGET0, /* the first byte of the target */
	H_TARGET,
	H_VERSION,  /* "HTTP/d.d" and the CR after it */
	H_LINE_LF,  /* the LF of the request line */
	H_FIELD0,   /* the first byte of a field line, or the CR of the empty line */
	H_NAME,     /* a field name, up to its colon */
	H_VALUE,    /* a field value, up to CR */
	H_FIELD_LF, /* the LF of a field line */
	H_END_LF,   /* the LF of the empty line that ends the head */
};

/* Bytes of the request line and its CR: checked against max_line. */
static enum http_parse_status request_line_byte(struct http_head_scan *s, const char *buf, size_t p,
                                                const struct http_parse_limits *lim,
                                                struct http_refusal *why)
{
	static const char version[] = "HTTP/d.d";
	unsigned char b = (unsigned char)buf[p];
	size_t k;

	switch (s->state) {
	case H_METHOD:
		if (b == ' ') {
			s->method_len = p - s->start;
			s->target = p + 1;
			s->state = H_TARGET0;
		} else if (!is_tchar(b)) {
			return bad_byte(why, b, msg_request_line);
		}
		break;
	case H_TARGET0:
		if (b != '/' && b != '*')
			return bad_byte(why, b, msg_request_line);
		s->state = H_TARGET;
		break;
	case H_TARGET:
		if (b == ' ') {
			s->target_len = p - s->target;
			s->version = p + 1;
			s->state = H_VERSION;
		} else if (!is_vchar(b)) {
			return bad_byte(why, b, msg_request_line);
		}
		break;
	default: /* H_VERSION */
		k = p - s->version;
		if (k == sizeof(version) - 1) {
			if (b != '\r')
				return bad_byte(why, b, msg_request_line);
			s->state = H_LINE_LF;
			return HTTP_PARSE_MORE; /* the CR is not the line's: no length check */
		}
		if (version[k] == 'd' ? !(b >= '0' && b <= '9') : b != version[k])
			return bad_byte(why, b, msg_request_line);
		break;
	}
	if (p - s->start >= lim->max_line)
		return line_too_long(why);
	return HTTP_PARSE_MORE;
}

/* Bytes of the field lines and the empty line that ends the head. */
static enum http_parse_status field_byte(struct http_head_scan *s, unsigned char b,
                                         struct http_refusal *why)
{
	switch (s->state) {
	case H_FIELD0:
		if (b == '\r') {
			s->state = H_END_LF;
			return HTTP_PARSE_MORE;
		}
		/* SP or HT here would fold the line before; a colon would have no name. */
		if (!is_tchar(b))
			return bad_byte(why, b, msg_field_line);
		if (++s->nfields > HTTP_PARSE_MAX_FIELDS)
			return refuse(why, 431, "headers_too_large",
			              "the request has more than 100 header fields; send fewer");
		s->state = H_NAME;
		return HTTP_PARSE_MORE;
	case H_NAME:
		if (b == ':')
			s->state = H_VALUE;
		else if (!is_tchar(b))
			return bad(why, msg_field_line);
		return HTTP_PARSE_MORE;
	case H_VALUE:
		if (b == '\r')
			s->state = H_FIELD_LF;
		else if (!is_field_char(b))
			return bad_byte(why, b, msg_field_line);
		return HTTP_PARSE_MORE;
	case H_FIELD_LF:
		if (b != '\n')
			return bad(why, msg_line_end);
		s->state = H_FIELD0;
		return HTTP_PARSE_MORE;
	default: /* H_END_LF */
		return b == '\n' ? HTTP_PARSE_DONE : bad(why, msg_line_end);
	}
}

/* Check the byte at p, the next of the head; DONE when it ends the head. */
static enum http_parse_status head_byte(struct http_head_scan *s, const char *buf, size_t p,
                                        const struct http_parse_limits *lim, size_t max_header,
                                        struct http_refusal *why)
{
	unsigned char b = (unsigned char)buf[p];
	enum http_parse_status st;

	if (p >= max_header)
		return head_too_large(why);
	switch (s->state) {
	case H_START:
		if (b == '\r') {
			s->state = H_START_LF;
			return HTTP_PARSE_MORE;
		}
		if (!is_tchar(b))
			return bad_byte(why, b, msg_request_line);
		s->start = p;
		s->state = H_METHOD;
		return HTTP_PARSE_MORE;
	case H_START_LF:
		if (b != '\n')
			return bad(why, msg_line_end);
		s->state = H_START;
		return HTTP_PARSE_MORE;
	case H_METHOD:
	case H_TARGET0:
	case H_TARGET:
	case H_VERSION:
		return request_line_byte(s, buf, p, lim, why);
	case H_LINE_LF:
		if (b != '\n')
			return bad(why, msg_line_end);
		s->state = H_FIELD0;
		st = judge_request_line(s, buf, why);
		return st == HTTP_PARSE_DONE ? HTTP_PARSE_MORE : st;
	default:
		return field_byte(s, b, why);
	}
}

void http_head_scan_init(struct http_head_scan *scan)
{
	memset(scan, 0, sizeof(*scan));
	scan->state = H_START;
}

enum http_parse_status http_head_parse(struct http_head_scan *scan, const char *buf, size_t len,
                                       const struct http_parse_limits *lim, struct http_head *head,
                                       struct http_refusal *why)
{
	size_t max_header = lim->max_header < SPAN_MAX ? lim->max_header : SPAN_MAX;

	while (scan->pos < len) {
		enum http_parse_status st = head_byte(scan, buf, scan->pos, lim, max_header, why);

		scan->pos++;
		if (st == HTTP_PARSE_DONE)
			return finish(scan, buf, scan->pos, lim, head, why);
		if (st != HTTP_PARSE_MORE)
			return st;
	}
	return HTTP_PARSE_MORE;
}

const struct http_field *http_head_field(const struct http_head *head, const char *buf,
                                         const char *name)
{
	for (unsigned i = 0; i < head->nfields; i++) {
		const struct http_field *f = &head->fields[i];

		if (equals_ci(buf + f->name.off, f->name.len, name))
			return f;
	}
	return NULL;
}

/* ---- chunked bodies ---- */

enum chunk_state {
	CH_SIZE,       /* hex digits of a chunk size */
	CH_SIZE_WS,    /* whitespace after them, before ";" */
	CH_EXT,        /* a chunk extension, up to CR */
	CH_SIZE_LF,    /* the LF of the chunk-size line */
	CH_DATA,       /* data bytes */
	CH_DATA_CR,    /* the CRLF after them */
	CH_DATA_LF,    /* */
	CH_TLINE,      /* the start of a trailer line, or the CR of the last empty line */
	CH_TNAME,      /* a trailer field's name */
	CH_TVALUE,     /* its value, up to CR */
	CH_TRAILER_LF, /* the LF of a trailer line */
	CH_END_LF,     /* the LF of the empty line that ends the body */
};

void http_chunked_init(struct http_chunked *c, uint64_t max_body)
{
	memset(c, 0, sizeof(*c));
	c->state = CH_SIZE;
	c->max_body = max_body;
}

/*
 * The chunk size has ended (at b, the byte after its digits): refused 413
 * when it takes the body past max_body, before its data is sent.
 */
static enum http_parse_status chunk_size_end(struct http_chunked *c, struct http_refusal *why)
{
	if (!c->digits)
		return bad(why, msg_chunk);
	if (c->left > c->max_body - c->total)
		return body_too_large(why);
	return HTTP_PARSE_MORE;
}

/* One byte of a chunk-size line. Sizes past INT64_MAX are unreadable (see parse_length). */
static enum http_parse_status chunk_size_byte(struct http_chunked *c, unsigned char b,
                                              struct http_refusal *why)
{
	int d;

	if (++c->line > HTTP_PARSE_MAX_CHUNK_LINE)
		return bad(why, msg_chunk);
	switch (c->state) {
	case CH_SIZE:
		if ((d = hex_value(b)) >= 0) {
			if (c->left > ((uint64_t)INT64_MAX - (unsigned)d) / 16)
				return bad(why, msg_chunk);
			c->left = c->left * 16 + (unsigned)d;
			c->digits = true;
			return HTTP_PARSE_MORE;
		}
		if (b == ';')
			c->state = CH_EXT;
		else if (b == ' ' || b == '\t')
			c->state = CH_SIZE_WS;
		else if (b == '\r')
			c->state = CH_SIZE_LF;
		else
			return bad(why, msg_chunk);
		return chunk_size_end(c, why);
	case CH_SIZE_WS:
		if (b == ';')
			c->state = CH_EXT;
		else if (b != ' ' && b != '\t')
			return bad(why, msg_chunk);
		return HTTP_PARSE_MORE;
	default: /* CH_EXT */
		if (b == '\r')
			c->state = CH_SIZE_LF;
		else if (!is_field_char(b))
			return bad(why, msg_chunk);
		return HTTP_PARSE_MORE;
	}
}

/* One byte of the trailer section, which ends the body. */
static enum http_parse_status trailer_byte(struct http_chunked *c, unsigned char b,
                                           struct http_refusal *why)
{
	if (++c->trailer > HTTP_PARSE_MAX_TRAILER)
		return refuse(why, 431, "headers_too_large",
		              "the trailer fields of the chunked body are larger than 8192 bytes; "
		              "send fewer");
	switch (c->state) {
	case CH_TLINE:
		if (b == '\r')
			c->state = CH_END_LF;
		else if (is_tchar(b))
			c->state = CH_TNAME;
		else
			return bad(why, msg_chunk);
		return HTTP_PARSE_MORE;
	case CH_TNAME:
		if (b == ':')
			c->state = CH_TVALUE;
		else if (!is_tchar(b))
			return bad(why, msg_chunk);
		return HTTP_PARSE_MORE;
	case CH_TVALUE:
		if (b == '\r')
			c->state = CH_TRAILER_LF;
		else if (!is_field_char(b))
			return bad(why, msg_chunk);
		return HTTP_PARSE_MORE;
	case CH_TRAILER_LF:
		if (b != '\n')
			return bad(why, msg_chunk);
		c->state = CH_TLINE;
		return HTTP_PARSE_MORE;
	default: /* CH_END_LF */
		return b == '\n' ? HTTP_PARSE_DONE : bad(why, msg_chunk);
	}
}

enum http_parse_status http_chunked_next(struct http_chunked *c, const char *in, size_t len,
                                         size_t *used, size_t *data_off, size_t *data_len,
                                         struct http_refusal *why)
{
	size_t i = 0;
	enum http_parse_status st = HTTP_PARSE_MORE;

	*data_off = 0;
	*data_len = 0;
	while (i < len && st == HTTP_PARSE_MORE) {
		unsigned char b = (unsigned char)in[i];

		switch (c->state) {
		case CH_DATA: {
			size_t n = len - i < c->left ? len - i : (size_t)c->left;

			*data_off = i;
			*data_len = n;
			c->left -= n;
			c->total += n;
			if (c->left == 0)
				c->state = CH_DATA_CR;
			*used = i + n;
			return HTTP_PARSE_MORE; /* one run of data at a time */
		}
		case CH_SIZE_LF:
			if (b != '\n') {
				st = bad(why, msg_chunk);
				break;
			}
			c->line = 0;
			c->state = c->left ? CH_DATA : CH_TLINE;
			break;
		case CH_DATA_CR:
			if (b == '\r')
				c->state = CH_DATA_LF;
			else
				st = bad(why, msg_chunk);
			break;
		case CH_DATA_LF:
			if (b == '\n') {
				c->state = CH_SIZE;
				c->digits = false;
			} else {
				st = bad(why, msg_chunk);
			}
			break;
		case CH_SIZE:
		case CH_SIZE_WS:
		case CH_EXT:
			st = chunk_size_byte(c, b, why);
			break;
		default:
			st = trailer_byte(c, b, why);
			break;
		}
		i++;
	}
	*used = i;
	return st;
}
