/*
 * zip_read.c - a ZIP file read back with libzip (zip_read.h).
 */
#define _GNU_SOURCE /* memmem */
#include "zip_read.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include <cmocka.h>

/* Whether entry i of za holds text (NULL: any bytes). */
static bool entry_holds(zip_t *za, zip_uint64_t i, const char *text)
{
	zip_stat_t st;
	zip_file_t *f;
	bool holds = false;

	if (zip_stat_index(za, i, 0, &st) < 0 || !(f = zip_fopen_index(za, i, 0)))
		fail_msg("entry %llu of the ZIP cannot be read", (unsigned long long)i);
	char *bytes = malloc(st.size + 1);
	assert_non_null(bytes);
	assert_true(zip_fread(f, bytes, st.size) == (zip_int64_t)st.size);
	zip_fclose(f);
	holds = !text || memmem(bytes, st.size, text, strlen(text)) != NULL;
	free(bytes);
	return holds;
}

bool zip_read_holds(const void *zip, size_t len, const char *name, const char *text)
{
	zip_error_t err;
	zip_source_t *src;
	zip_t *za;
	bool holds = false;

	zip_error_init(&err);
	if (!(src = zip_source_buffer_create(zip, len, 0, &err)) ||
	    !(za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err)))
		fail_msg("not a ZIP: %s", zip_error_strerror(&err));
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n && !holds; i++)
		if (!name || !strcmp(zip_get_name(za, (zip_uint64_t)i, 0), name))
			holds = entry_holds(za, (zip_uint64_t)i, text);
	zip_discard(za); /* frees src too */
	zip_error_fini(&err);
	return holds;
}
