/*
 * api_multipart.h - a multipart/form-data body (RFC 7578) read from the
 * request's buffered body: its parts by name, each pointing into the body.
 * Used by POST /api/imports, which takes a file from a browser's form.
 */
#ifndef SALESCOACH_API_MULTIPART_H
#define SALESCOACH_API_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

/* At most this many parts, each name and file name at most this long. */
#define MULTIPART_MAX_PARTS 8
#define MULTIPART_NAME_MAX  64

struct multipart_part {
	char name[MULTIPART_NAME_MAX + 1];     /* the form field's name */
	char filename[MULTIPART_NAME_MAX * 4]; /* "" when the part is not a file */
	const char *data;                      /* borrowed from the body */
	size_t len;
};

struct multipart {
	size_t n;
	struct multipart_part parts[MULTIPART_MAX_PARTS];
};

/*
 * Whether type is multipart/form-data; its boundary (1 to 70 characters,
 * quoted or not) into boundary (at least 71 bytes). False for any other type,
 * or a multipart/form-data without a valid boundary (*had_type set true).
 */
bool multipart_boundary(const char *type, char *boundary, bool *had_type);

/*
 * Read body (len bytes) as parts separated by boundary into *mp. False when
 * it is not well formed: no closing delimiter, a part without
 * Content-Disposition: form-data and a name, a name given twice, headers
 * longer than 8 KiB or more than MULTIPART_MAX_PARTS parts.
 */
bool multipart_read(const char *body, size_t len, const char *boundary, struct multipart *mp);

/* The part named name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *mp, const char *name);

#endif
