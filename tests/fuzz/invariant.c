/*
 * invariant.c - see invariant.h.
 */
#include "invariant.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\n%s:%d: invariant broken: %s\n  ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n\n", stderr);
	abort();
}

uint8_t fuzz_byte(struct fuzz_input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

char *fuzz_copy(const void *p, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		abort();
	if (n)
		memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

char *fuzz_part(struct fuzz_input *in, char sep, size_t *len)
{
	const uint8_t *end = memchr(in->p, (unsigned char)sep, in->n);
	size_t n = end ? (size_t)(end - in->p) : in->n;
	char *s = fuzz_copy(in->p, n);

	if (len)
		*len = n;
	in->p += n + (end != NULL);
	in->n -= n + (end != NULL);
	return s;
}

static char temp_dir[64];
static char temp_files[4][128];
static size_t ntemp_files;

static void temp_cleanup(void)
{
	for (size_t i = 0; i < ntemp_files; i++)
		unlink(temp_files[i]);
	rmdir(temp_dir);
}

const char *fuzz_temp_path(const char *name)
{
	if (!temp_dir[0]) {
		/* In memory when there is /dev/shm: a file is written for every input. */
		const char *base = getenv("TMPDIR");
		if (!base || !*base || strlen(base) >= 32)
			base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(temp_dir, sizeof(temp_dir), "%s/salescoach-fuzz-XXXXXX", base);
		if (!mkdtemp(temp_dir))
			abort();
		atexit(temp_cleanup);
	}
	for (size_t i = 0; i < ntemp_files; i++)
		if (!strcmp(strrchr(temp_files[i], '/') + 1, name))
			return temp_files[i];
	if (ntemp_files == sizeof(temp_files) / sizeof(temp_files[0]) || strchr(name, '/'))
		abort();
	snprintf(temp_files[ntemp_files], sizeof(temp_files[0]), "%s/%s", temp_dir, name);
	return temp_files[ntemp_files++];
}

void fuzz_write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0)
		abort();
}

const char *fuzz_show(const char *s, size_t n)
{
	static char outs[4][1024]; /* a message may show a few at once */
	static unsigned next;
	char *out = outs[next++ % 4];
	size_t o = 0;

	for (size_t i = 0; i < n && o + 8 < sizeof(outs[0]); i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, sizeof(out) - o, "\\x%02X", c);
	}
	if (o + 8 >= sizeof(outs[0]))
		memcpy(out + o, "...", 4);
	else
		out[o] = '\0';
	return out;
}
