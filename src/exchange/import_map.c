/*
 * import_map.c - a mapping file: a CRM's column names to ours, two columns
 * per line ("Opportunity Owner Email,rep"), ',' or ';', '#' for a comment;
 * and the mappings built into the program (import.h).
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "exchange/import.h"

struct map_line {
	char f[3][128];
	size_t n;
	bool too_long;
};

static void map_field(void *s, size_t n, void *data)
{
	struct map_line *ml = data;

	if (ml->n < 3) {
		if (n >= sizeof(ml->f[0]))
			ml->too_long = true;
		snprintf(ml->f[ml->n], sizeof(ml->f[0]), "%.*s", (int)n, (const char *)s);
	}
	ml->n++;
}

static void map_row(int c, void *data)
{
	(void)c, (void)data;
}

/* Trim spaces at both ends of s, in place. */
static void trim(char *s)
{
	size_t n = strlen(s), k = 0;

	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	while (s[k] == ' ')
		k++;
	memmove(s, s + k, n - k + 1);
}

static enum sc_result map_refuse(enum msg_lang lang, long line, struct sc_error *err)
{
	char lnum[24];
	snprintf(lnum, sizeof(lnum), "%ld", line);
	return sc_fail_msg(err, SC_INVALID, "map", lang, "import.map_bad", "line", lnum, NULL);
}

enum sc_result import_map_read(FILE *in, enum msg_lang lang, struct import_map *map,
                               struct sc_error *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	enum sc_result rc = SC_OK;
	char sep = 0;

	map->n = 0;
	while ((n = getline(&line, &cap, in)) > 0) {
		char *p = line;
		lineno++;
		if (lineno == 1 && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
			p += 3;
		while (*p == ' ')
			p++;
		if (*p == '#' || *p == '\n' || *p == '\r' || !*p)
			continue;
		if (!text_utf8_valid(p, strlen(p))) {
			char lnum[24];
			snprintf(lnum, sizeof(lnum), "%ld", lineno);
			rc = sc_fail_msg(err, SC_INVALID, "map", lang, "import.not_utf8", "line",
			                 lnum, NULL);
			break;
		}
		if (!sep)
			sep = strchr(p, ';') && !strchr(p, ',') ? ';' : ',';
		struct csv_parser cp;
		struct map_line ml = { 0 };
		if (csv_init(&cp, 0)) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			break;
		}
		csv_set_delim(&cp, (unsigned char)sep);
		csv_parse(&cp, p, strlen(p), map_field, map_row, &ml);
		csv_fini(&cp, map_field, map_row, &ml);
		csv_free(&cp);
		if (ml.n != 2 || ml.too_long || map->n >= IMPORT_MAP_MAX) {
			rc = map_refuse(lang, lineno, err);
			break;
		}
		trim(ml.f[0]);
		trim(ml.f[1]);
		snprintf(map->their[map->n], sizeof(map->their[0]), "%s", ml.f[0]);
		snprintf(map->ours[map->n], sizeof(map->ours[0]), "%.63s", ml.f[1]);
		map->n++;
	}
	free(line);
	if (!rc && ferror(in))
		rc = sc_fail(err, SC_IO, "map", "the mapping could not be read");
	return rc;
}

enum sc_result import_map_parse(const char *text, size_t len, enum msg_lang lang,
                                struct import_map *map, struct sc_error *err)
{
	FILE *f;

	map->n = 0;
	if (len == 0)
		return SC_OK;
	if (!(f = fmemopen((void *)text, len, "r")))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	enum sc_result rc = import_map_read(f, lang, map, err);
	fclose(f);
	return rc;
}

/* The mappings of share/mappings/, embedded at build time (meson.build). */
extern const char import_map_salesforce_users[], import_map_salesforce_results[];
extern const char import_map_hubspot_owners[], import_map_hubspot_results[];

static const struct builtin {
	const char *name, *crm;
	enum import_kind kind;
	const char *text;
} builtins[] = {
	{ "salesforce", "Salesforce", IMPORT_PEOPLE, import_map_salesforce_users },
	{ "salesforce", "Salesforce", IMPORT_RESULTS, import_map_salesforce_results },
	{ "hubspot", "HubSpot", IMPORT_PEOPLE, import_map_hubspot_owners },
	{ "hubspot", "HubSpot", IMPORT_RESULTS, import_map_hubspot_results },
};

const char *import_map_builtin(const char *name, enum import_kind kind)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name) && builtins[i].kind == kind)
			return builtins[i].text;
	return NULL;
}

const char *import_map_crm(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].crm;
	return NULL;
}
