/*
 * invariant.h - what the fuzz targets share: stopping on a broken invariant
 * so that libFuzzer keeps the input, and reading an input as a few parts.
 */
#ifndef SALESCOACH_FUZZ_INVARIANT_H
#define SALESCOACH_FUZZ_INVARIANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Stop the run (abort, which libFuzzer reports as a crash and saves the
 * input for) when cond is false, saying which invariant broke and why.
 */
#define FUZZ_ASSERT(cond, ...)                                                                     \
	do {                                                                                       \
		if (!(cond))                                                                       \
			fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                         \
	} while (0)

_Noreturn void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* The input, read front to back; what is not there reads as 0 or "". */
struct fuzz_input {
	const uint8_t *p;
	size_t n;
};

/* The next byte, or 0 at the end. */
uint8_t fuzz_byte(struct fuzz_input *in);

/*
 * The bytes up to the next sep (consumed, not returned) or the end, as a
 * NUL-terminated copy; *len (may be NULL) gets their count, NULs inside
 * included. Returns owned (free); never NULL (aborts on no memory).
 */
char *fuzz_part(struct fuzz_input *in, char sep, size_t *len);

/* A NUL-terminated copy of n bytes at p. Owned; never NULL. */
char *fuzz_copy(const void *p, size_t n);

/*
 * The path of file name in a private temporary folder, made on first use;
 * the folder and the files named are removed at exit. Static.
 */
const char *fuzz_temp_path(const char *name);

/* Write n bytes at p to path, replacing it; aborts when it cannot. */
void fuzz_write_file(const char *path, const void *p, size_t n);

/*
 * s (n bytes) shown for a failure message: printable ASCII, other bytes as
 * \xNN. Static: one of four buffers, reused in turn.
 */
const char *fuzz_show(const char *s, size_t n);

#endif
