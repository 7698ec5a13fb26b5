/*
 * http_parse.h - the HTTP/1.1 request parser of the server: bytes in, a
 * parsed request head (or the status of a refusal) out, and a decoder for
 * chunked bodies. Pure functions: no I/O, no allocation, no clock, so that
 * they can be unit-tested and fuzzed on their own (tests/http/test_http_parse.c,
 * tests/fuzz/fuzz_http_request.c).
 *
 * The grammar is RFC 9112's, read strictly, because whatever a parser lets
 * through that a proxy in front reads another way is a request smuggled past
 * that proxy:
 *
 * - Every line ends in CRLF; a bare LF is refused (400), and so is a CR
 *   anywhere else.
 * - The request line is exactly METHOD SP target SP HTTP/d.d: the method a
 *   token, the target visible ASCII starting with "/" ("*" only with
 *   OPTIONS). HTTP/1.0 and HTTP/1.1 are served, any other d.d is 505, and
 *   the HTTP/2 connection preface (PRI * HTTP/2.0) is reported apart.
 *   Empty lines before the request line are skipped (RFC 9112 2.2).
 * - A field line is token ":" OWS value OWS: no whitespace before the colon,
 *   no line folding, no control character but HT in the value.
 * - Content-Length is plain digits; several are allowed only when equal.
 *   Transfer-Encoding must be one header saying "chunked", and never beside
 *   Content-Length. HTTP/1.1 needs one Host header.
 *
 * The head is checked line by line as it arrives, so a bad request line is
 * refused as soon as it ends (or sooner: a byte that can never start a
 * request line, such as a TLS handshake's, is refused at once), and the work
 * over a head's life is linear in its length however it is split.
 */
#ifndef SALESCOACH_HTTP_PARSE_H
#define SALESCOACH_HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Header fields in one request at most; the 101st is answered 431. */
#define HTTP_PARSE_MAX_FIELDS 100

/* Bytes of a chunk-size line (with extensions) and of the trailer section at most. */
#define HTTP_PARSE_MAX_CHUNK_LINE 1024
#define HTTP_PARSE_MAX_TRAILER    8192

/* The limits a head and a body are held to. All must be at least 1. */
struct http_parse_limits {
	size_t max_line;   /* bytes of the request line without CRLF; above: 414 */
	size_t max_header; /* bytes of the head from its first byte to its empty line; above: 431 */
	uint64_t max_body; /* bytes of a body (declared or decoded); above: 413 */
};

/* A piece of the buffer given to http_head_parse: buf[off] to buf[off + len]. */
struct http_span {
	uint32_t off, len;
};

struct http_field {
	struct http_span name;  /* a token, as sent (match it case-insensitively) */
	struct http_span value; /* without the whitespace around it; may be empty */
};

/* A request head, as pieces of the buffer it was parsed from. */
struct http_head {
	struct http_span method;
	struct http_span target; /* raw, with the query string */
	unsigned minor;          /* HTTP/1.<minor>: 0 or 1 */
	size_t len;              /* bytes of the head, through its empty line */
	unsigned nfields;
	struct http_field fields[HTTP_PARSE_MAX_FIELDS];
	/* What the fields say about the body and the connection. */
	bool chunked;            /* Transfer-Encoding: chunked */
	uint64_t content_length; /* 0 when chunked or without Content-Length */
	bool keep_alive;      /* the client keeps the connection (1.1 unless close; 1.0 if asked) */
	bool expect_continue; /* Expect: 100-continue */
};

/*
 * How far http_head_parse has checked a head that is still arriving: every
 * byte is checked once, in order, and a refusal is decided by the first
 * byte that makes one (so the answer never depends on how the bytes came).
 */
struct http_head_scan {
	size_t pos;     /* bytes checked so far */
	int state;      /* where in the grammar the next byte falls */
	size_t start;   /* offset of the request line */
	size_t target;  /* of the request target */
	size_t version; /* of "HTTP/" */
	size_t method_len, target_len;
	unsigned nfields;
};

enum http_parse_status {
	HTTP_PARSE_MORE,    /* nothing wrong so far; send more bytes */
	HTTP_PARSE_DONE,    /* the head (or chunked body) is complete */
	HTTP_PARSE_REFUSED, /* answer the refusal and close the connection */
	HTTP_PARSE_PREFACE, /* the HTTP/2 connection preface: no HTTP/1.x to answer */
};

/* Which configured limit a refusal is about, so that its message can name the number. */
enum http_limit_kind {
	HTTP_LIMIT_NONE,
	HTTP_LIMIT_LINE,   /* max_line */
	HTTP_LIMIT_HEADER, /* max_header */
	HTTP_LIMIT_BODY,   /* max_body */
};

/* Why a request is refused: the HTTP status, the error code of the JSON body, a sentence. */
struct http_refusal {
	int status;
	const char *code;    /* static: "bad_request", "too_large", ... */
	const char *message; /* static; says what to send instead */
	enum http_limit_kind limit;
};

/* Start scanning a new head. */
void http_head_scan_init(struct http_head_scan *scan);

/*
 * Check the bytes buf[0..len) of a head that may still be arriving; call
 * again with the same scan and the same bytes plus those that came since.
 * MORE: the head is not complete and nothing is wrong yet. DONE: *head is
 * filled (every span lies inside buf[0..head->len)); bytes after head->len
 * belong to the body or the next request. REFUSED: *why says why (400, 413,
 * 414, 431 or 505). PREFACE: the HTTP/2 preface. head and why are written
 * only on DONE and REFUSED.
 */
enum http_parse_status http_head_parse(struct http_head_scan *scan, const char *buf, size_t len,
                                       const struct http_parse_limits *lim, struct http_head *head,
                                       struct http_refusal *why);

/* The value of the first field called name (case-insensitive) of head, or NULL. */
const struct http_field *http_head_field(const struct http_head *head, const char *buf,
                                         const char *name);

/* The state of a chunked body being decoded. */
struct http_chunked {
	int state;
	uint64_t left;     /* data bytes left in the current chunk */
	uint64_t total;    /* data bytes decoded so far */
	uint64_t max_body; /* above it: 413 */
	size_t line;       /* bytes of the current chunk-size or trailer line */
	size_t trailer;    /* bytes of the trailer section so far */
	bool digits;       /* the chunk-size line has a digit */
};

/* Start decoding a chunked body of at most max_body bytes. */
void http_chunked_init(struct http_chunked *c, uint64_t max_body);

/*
 * Decode from in[0..len): consume framing bytes and at most one run of data.
 * *used is how many bytes of in were consumed; the body's data among them is
 * in[*data_off .. *data_off + *data_len) (*data_len may be 0). MORE: call
 * again with the bytes after *used (more must arrive when *used is 0 or
 * all of in was used). DONE: the last chunk and the trailers have ended at
 * *used; what follows is the next request. REFUSED: *why says why (400 for
 * bad framing, 413 past max_body, 431 for a trailer section too long).
 */
enum http_parse_status http_chunked_next(struct http_chunked *c, const char *in, size_t len,
                                         size_t *used, size_t *data_off, size_t *data_len,
                                         struct http_refusal *why);

#endif
