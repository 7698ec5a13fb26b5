/*
 * csvstyle.c - the organisation's CSV separator and decimal mark, and one
 * field written as CSV (csvstyle.h).
 */
#include <stdbool.h>
#include <string.h>

#include "domain/settings.h"
#include "exchange/csvstyle.h"

struct csv_style csv_style_of(const char *locale)
{
	if (locale && strcmp(locale, "nl") == 0)
		return (struct csv_style){ ';', ',' };
	return (struct csv_style){ ',', '.' };
}

enum sc_result csv_style_get(struct store *st, int64_t org, struct csv_style *out,
                             struct sc_error *err)
{
	char locale[16];
	enum sc_result rc = settings_get(st, org, "locale", locale, sizeof(locale), err);

	*out = csv_style_of(rc == SC_OK ? locale : NULL);
	return rc;
}

static bool needs_quotes(const char *text, char sep)
{
	size_t len = strlen(text);

	if (len && (text[0] == ' ' || text[len - 1] == ' '))
		return true;
	for (const char *p = text; *p; p++)
		if (*p == sep || *p == '"' || *p == '\n' || *p == '\r')
			return true;
	return false;
}

size_t csv_field(char *out, size_t n, const char *text, char sep)
{
	bool quote = needs_quotes(text, sep);
	size_t len = 0;

#define PUT(c)                                                                                     \
	do {                                                                                       \
		if (len + 1 < n)                                                                   \
			out[len] = (c);                                                            \
		len++;                                                                             \
	} while (0)
	if (quote)
		PUT('"');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			PUT('"');
		PUT(*p);
	}
	if (quote)
		PUT('"');
#undef PUT
	if (n)
		out[len < n ? len : n - 1] = '\0';
	return len;
}
