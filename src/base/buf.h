/*
 * buf.h - a growable text: bytes appended to a NUL-terminated string that
 * doubles its room as needed, with an optional limit. A failed growth (no
 * memory, or past the limit) marks the buffer failed: later appends do
 * nothing, so a caller appends freely and checks once at the end.
 */
#ifndef SALESCOACH_BUF_H
#define SALESCOACH_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *s;      /* NUL-terminated once anything was appended; owned */
	size_t len;   /* bytes in s, the NUL not counted */
	size_t cap;   /* room in s */
	size_t limit; /* the most room it may take, NUL included; 0: no limit */
	bool failed;  /* an append did not fit: s holds what came before */
};

/* Append s[0..n). */
void buf_put(struct buf *b, const char *s, size_t n);

/* Append the string s. */
void buf_puts(struct buf *b, const char *s);

/* The text, handed over to the caller (free()); NULL when an append failed. b is empty after. */
char *buf_take(struct buf *b);

/* Free the text; b is empty after. */
void buf_release(struct buf *b);

#endif
