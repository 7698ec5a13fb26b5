/*
 * msg.h - what salescoach says to people, in their language.
 *
 * Texts live in message catalogues (msg/LANG/AREA.json), not in code: one
 * flat JSON object per file mapping an id ("rule.span-too-wide.mitigation")
 * to a text with named placeholders ("{manager} ... {max_span}"). The build
 * checks that every language holds every id with the same placeholders and
 * embeds them, so a lookup never fails at run time.
 */
#ifndef SALESCOACH_MSG_H
#define SALESCOACH_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum msg_lang { MSG_EN, MSG_NL };

/* "en" or "nl" into *out; false for anything else. */
bool msg_lang_parse(const char *code, enum msg_lang *out);

/* The code of lang: "en" or "nl". */
const char *msg_lang_code(enum msg_lang lang);

/*
 * The text of id in lang: static, never NULL. An id missing from the
 * catalogue (a programming error) yields the id itself.
 */
const char *msg_text(enum msg_lang lang, const char *id);

/* True when the catalogue holds id. */
bool msg_exists(const char *id);

/* How many ids the catalogue holds; with msg_id_at, a walk over all of them (for checks). */
size_t msg_count(void);

/* The i-th id of the catalogue in sorted order (static), NULL when i >= msg_count(). */
const char *msg_id_at(size_t i);

struct msg_arg {
	const char *name;  /* placeholder name, without braces */
	const char *value; /* borrowed; NULL reads as "" */
};

/*
 * id's text in lang with each {name} replaced by the value of the arg of
 * that name, and each {name|one|other} by the value, a space and the word
 * one when the value is "1", else other ("{days|day|days}"); a placeholder
 * without an arg is left as it is. Returns an
 * owned string (free()), NULL when out of memory.
 */
char *msg_format(enum msg_lang lang, const char *id, const struct msg_arg *args, size_t nargs);

/*
 * v as people read it in lang, with the given number of decimals, trailing
 * zeros after the point dropped ("21.67", "26", Dutch "21,67"); written to
 * buf (size n), which is returned.
 */
const char *msg_number(enum msg_lang lang, double v, int decimals, char *buf, size_t n);

/*
 * The whole number v as people read it in lang, grouped by thousands:
 * "100,000" in English, "100.000" in Dutch ("-1,250", "999"). Written to buf
 * (size n, 32 is enough for any int64_t), which is returned.
 */
const char *msg_int(enum msg_lang lang, int64_t v, char *buf, size_t n);

/*
 * v euros as people read them in lang: "€70,000" and "€1,234.50" in English,
 * "€ 70.000" and "€ 1.234,50" in Dutch; cents only when there are any. Written
 * to buf (size n, 32 is enough for any quota), which is returned.
 */
const char *msg_money(enum msg_lang lang, double v, char *buf, size_t n);

#endif
