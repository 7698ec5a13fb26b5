/*
 * fuzz_multipart.c - a multipart/form-data body (src/api/api_multipart.c),
 * as POST /api/imports reads a form: the boundary of a Content-Type, and the
 * parts of a body.
 *
 * The input, in lines: the Content-Type header, then the body (the rest,
 * NULs and line breaks included). What is checked of an accepted form: at
 * most MULTIPART_MAX_PARTS parts, each with a name, names unique, each
 * part's data inside the body and free of the delimiter that ends it; and
 * that the parts, written again as a form, read back the same.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_multipart.h"
#include "invariant.h"

/* The parts of mp written again as a form with boundary; owned, *len its length. */
static char *rewrite(const struct multipart *mp, const char *boundary, size_t *len)
{
	size_t cap = 256, n = 0;
	for (size_t i = 0; i < mp->n; i++)
		cap += mp->parts[i].len + 512;
	char *out = malloc(cap);
	FUZZ_ASSERT(out != NULL, "no memory");
	for (size_t i = 0; i < mp->n; i++) {
		n += (size_t)snprintf(out + n, cap - n,
		                      "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n",
		                      boundary, mp->parts[i].name);
		memcpy(out + n, mp->parts[i].data, mp->parts[i].len);
		n += mp->parts[i].len;
		n += (size_t)snprintf(out + n, cap - n, "\r\n");
	}
	n += (size_t)snprintf(out + n, cap - n, "--%s--\r\n", boundary);
	*len = n;
	return out;
}

static bool quotable(const char *name)
{
	return !strpbrk(name, "\"\\\r\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	char *type = fuzz_part(&in, '\n', NULL);
	size_t blen = in.n;
	char *body = malloc(blen + 1), boundary[71];
	struct multipart mp, again;
	bool form;

	FUZZ_ASSERT(body != NULL, "no memory");
	memcpy(body, in.p, blen);
	body[blen] = '\0';
	if (multipart_boundary(type, boundary, &form)) {
		size_t bl = strlen(boundary);
		FUZZ_ASSERT(form && bl >= 1 && bl <= 70, "a boundary of %zu characters", bl);
		if (multipart_read(body, blen, boundary, &mp)) {
			char delim[80];
			snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
			FUZZ_ASSERT(mp.n >= 1 && mp.n <= MULTIPART_MAX_PARTS, "%zu parts", mp.n);
			bool plain = true;
			for (size_t i = 0; i < mp.n; i++) {
				const struct multipart_part *p = &mp.parts[i];
				FUZZ_ASSERT(p->name[0], "part %zu has no name", i);
				FUZZ_ASSERT(multipart_get(&mp, p->name) == p, "the name %s twice",
				            p->name);
				FUZZ_ASSERT(p->data >= body && p->data + p->len <= body + blen,
				            "part %zu outside the body", i);
				FUZZ_ASSERT(!memmem(p->data, p->len, delim, strlen(delim)),
				            "part %zu holds its delimiter", i);
				plain = plain && quotable(p->name);
			}
			if (plain) {
				size_t n;
				char *form2 = rewrite(&mp, boundary, &n);
				FUZZ_ASSERT(multipart_read(form2, n, boundary, &again),
				            "the parts written again do not read");
				FUZZ_ASSERT(again.n == mp.n, "%zu parts, then %zu", mp.n, again.n);
				for (size_t i = 0; i < mp.n; i++)
					FUZZ_ASSERT(again.parts[i].len == mp.parts[i].len &&
					                    !memcmp(again.parts[i].data,
					                            mp.parts[i].data,
					                            mp.parts[i].len) &&
					                    !strcmp(again.parts[i].name,
					                            mp.parts[i].name),
					            "part %zu reads differently", i);
				free(form2);
			}
		}
	}
	free(type);
	free(body);
	return 0;
}
