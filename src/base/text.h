/*
 * text.h - text and numbers from outside (command-line arguments, JSON
 * bodies, query strings, settings, an old database), read the same way at
 * every door.
 *
 * Text must be UTF-8: JSON can carry nothing else, so a value that is not
 * would be stored and then be unreadable through every JSON door. Numbers
 * are decimal notation only ("60", "-2", "3.5"): no hexadecimal, no
 * exponent, no spaces, no sign '+', nothing the API and --help do not
 * mention.
 */
#ifndef SALESCOACH_TEXT_H
#define SALESCOACH_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_problem {
	TEXT_FINE = 0,
	TEXT_NOT_UTF8,  /* a byte sequence that is not UTF-8 */
	TEXT_CONTROL,   /* a control character (C0 but tab/line breaks, DEL, C1) */
	TEXT_LINE_BREAK /* a tab or line break where one line is wanted */
};

/*
 * Check the n bytes at s. multiline allows tab, CR and LF. Returns the first
 * problem; *pat (may be NULL) gets its byte offset.
 */
enum text_problem text_check(const char *s, size_t n, bool multiline, size_t *pat);

/* True when the n bytes at s are UTF-8 (no overlong forms, no surrogates, at most U+10FFFF). */
bool text_utf8_valid(const char *s, size_t n);

/*
 * The length of the UTF-8 character at s (n > 0 bytes left), or 0 when the
 * bytes there are not one; then *bad is the length of the maximal invalid
 * subpart (at least 1), which one U+FFFD replaces (text_utf8_repair).
 */
size_t text_utf8_next(const char *s, size_t n, size_t *bad);

/*
 * A copy of the n bytes at s in which every maximal invalid sequence is
 * replaced by U+FFFD, as the Unicode standard recommends; NUL-terminated.
 * Returns owned (free), or NULL on no memory.
 */
char *text_utf8_repair(const char *s, size_t n);

/*
 * Copy s into out (size n > 0) so that the result is valid UTF-8 and never
 * ends inside a character: invalid bytes become '?'. For messages that quote
 * what a user typed. Returns out.
 */
char *text_quote(const char *s, char *out, size_t n);

/*
 * Read a decimal number: an optional '-', digits, and optionally '.' and
 * digits ("60", "-1.5"), at most 40 characters. False for anything else.
 */
bool text_decimal(const char *s, double *out);

/* Read a whole number in [min, max] written as an optional '-' and digits. False otherwise. */
bool text_whole(const char *s, int64_t min, int64_t max, int64_t *out);

/* The folder of the file path into dir (size n > 0): "." when path names none, "/" for "/x". */
void text_folder_of(const char *path, char *dir, size_t n);

#endif
