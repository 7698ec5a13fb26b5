/*
 * msg.c - lookups in the embedded message catalogue.
 */
#include "base/msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/msg_catalogue.h"

bool msg_lang_parse(const char *code, enum msg_lang *out)
{
	if (!code)
		return false;
	if (!strcmp(code, "en")) {
		*out = MSG_EN;
		return true;
	}
	if (!strcmp(code, "nl")) {
		*out = MSG_NL;
		return true;
	}
	return false;
}

const char *msg_lang_code(enum msg_lang lang)
{
	return lang == MSG_NL ? "nl" : "en";
}

static int entry_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct msg_entry *)elem)->id);
}

static const struct msg_entry *find(const char *id)
{
	return bsearch(id, msg_catalogue, msg_catalogue_len, sizeof(msg_catalogue[0]), entry_cmp);
}

const char *msg_text(enum msg_lang lang, const char *id)
{
	const struct msg_entry *e = find(id);

	if (!e)
		return id;
	return e->text[lang == MSG_NL ? 1 : 0];
}

bool msg_exists(const char *id)
{
	return find(id) != NULL;
}

size_t msg_count(void)
{
	return msg_catalogue_len;
}

const char *msg_id_at(size_t i)
{
	return i < msg_catalogue_len ? msg_catalogue[i].id : NULL;
}

/* A growable string with a fixed maximum: no message is longer than this. */
#define MSG_MAX (64 * 1024)

char *msg_format(enum msg_lang lang, const char *id, const struct msg_arg *args, size_t nargs)
{
	const char *p = msg_text(lang, id);
	struct buf b = { .limit = MSG_MAX };

	buf_put(&b, "", 0);
	while (*p) {
		const char *open = strchr(p, '{');
		if (!open) {
			buf_put(&b, p, strlen(p));
			break;
		}
		buf_put(&b, p, (size_t)(open - p));
		const char *close = strchr(open, '}');
		const char *bar = NULL;
		const struct msg_arg *arg = NULL;
		if (close) {
			bar = memchr(open, '|', (size_t)(close - open));
			const char *end = bar ? bar : close;
			size_t len = (size_t)(end - open - 1);
			for (size_t i = 0; i < nargs && !arg; i++)
				if (strlen(args[i].name) == len &&
				    !strncmp(args[i].name, open + 1, len))
					arg = &args[i];
		}
		if (arg) {
			const char *v = arg->value ? arg->value : "";
			buf_put(&b, v, strlen(v));
			if (bar) {
				/* {n|one|other}: the word for exactly one, or for any other number.
				 */
				const char *other = memchr(bar + 1, '|', (size_t)(close - bar - 1));
				const char *w = !strcmp(v, "1") || !other ? bar + 1 : other + 1;
				const char *wend = !strcmp(v, "1") && other ? other : close;
				buf_put(&b, " ", 1);
				buf_put(&b, w, (size_t)(wend - w));
			}
			p = close + 1;
		} else {
			buf_put(&b, "{", 1);
			p = open + 1;
		}
	}
	return buf_take(&b);
}

const char *msg_number(enum msg_lang lang, double v, int decimals, char *buf, size_t n)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	snprintf(buf, n, "%.*f", decimals, v);
	char *point = strchr(buf, '.');
	if (point) {
		char *end = buf + strlen(buf) - 1;
		while (end > point && *end == '0')
			*end-- = '\0';
		if (end == point)
			*end = '\0';
		else if (lang == MSG_NL)
			*point = ',';
	}
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	return buf;
}

/*
 * The whole digits of p (up to a '.' or the end) into out from *o, a thousands
 * separator of lang between each group of three; out has room for 96.
 */
static void group_digits(enum msg_lang lang, const char *p, size_t whole, char *out, size_t *o)
{
	for (size_t i = 0; i < whole && *o + 2 < 96; i++) {
		if (i > 0 && (whole - i) % 3 == 0)
			out[(*o)++] = lang == MSG_NL ? '.' : ',';
		out[(*o)++] = p[i];
	}
	out[*o] = '\0';
}

const char *msg_int(enum msg_lang lang, int64_t v, char *buf, size_t n)
{
	char digits[32], out[96];
	const char *p = digits;
	size_t o = 0;

	snprintf(digits, sizeof(digits), "%lld", (long long)v);
	if (*p == '-')
		out[o++] = *p++;
	group_digits(lang, p, strlen(p), out, &o);
	snprintf(buf, n, "%s", out);
	return buf;
}

const char *msg_money(enum msg_lang lang, double v, char *buf, size_t n)
{
	char digits[64], out[96];
	const char *p = digits;
	size_t o = 0, whole;
	double cents = round(v * 100.0);

	snprintf(digits, sizeof(digits), "%.*f", fmod(cents, 100.0) == 0 ? 0 : 2, cents / 100.0);
	if (*p == '-' && strcmp(digits, "-0") != 0)
		out[o++] = '-';
	if (*p == '-')
		p++;
	whole = strcspn(p, ".");
	group_digits(lang, p, whole, out, &o);
	if (p[whole] == '.' && o + 4 < sizeof(out)) {
		out[o++] = lang == MSG_NL ? ',' : '.';
		out[o++] = p[whole + 1];
		out[o++] = p[whole + 2];
	}
	out[o] = '\0';
	snprintf(buf, n, "%s%s", lang == MSG_NL ? "€ " : "€", out);
	return buf;
}
