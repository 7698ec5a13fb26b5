/*
 * fuzz_settings.c - an organisation's settings as `salescoach org set KEY
 * VALUE` gives them (settings_set in src/domain/settings.c): locale, time
 * zone, the k of aggregates and the thresholds of the rules, checked and
 * stored (an in-memory SQLite store).
 *
 * The input: a byte choosing the setting (from 240: the key is the first
 * line instead), then the value.
 *
 * What must hold: a value refused is refused with a message naming the
 * setting; a value accepted is one the setting allows (a number in range,
 * a locale, a time zone file), is read back as it was set, and is the
 * number the rules then use.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/text.h"
#include "base/timeutil.h"
#include "domain/org.h"
#include "domain/settings.h"
#include "invariant.h"

static struct store *st;
static int64_t org;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sc_error err;

	(void)argc;
	(void)argv;
	sc_error_init(&err);
	if (store_open_sqlite(":memory:", &st, &err) ||
	    org_create(st, "Fuzz Sales", "fuzz", "en", "Europe/Amsterdam", &org, &err)) {
		fprintf(stderr, "fuzz_settings: %s\n", err.message);
		exit(1);
	}
	return 0;
}

static void check_accepted(const struct setting_def *def, const char *value)
{
	char back[512], path[512];
	struct sc_error err;
	struct stat sb;
	double v;

	sc_error_init(&err);
	FUZZ_ASSERT(settings_get(st, org, def->key, back, sizeof(back), &err) == SC_OK &&
	                    !strcmp(back, value),
	            "%s set to \"%s\" reads back as \"%s\"", def->key,
	            fuzz_show(value, strlen(value)), back);
	switch (def->type) {
	case ST_INT:
	case ST_REAL:
		FUZZ_ASSERT(text_decimal(value, &v) && v >= def->min && v <= def->max &&
		                    (def->type == ST_REAL || v == floor(v)),
		            "%s accepted %s", def->key, fuzz_show(value, strlen(value)));
		FUZZ_ASSERT(settings_number(st, org, def->key) == v, "%s = %s is used as %g",
		            def->key, value, settings_number(st, org, def->key));
		break;
	case ST_ENUM: {
		bool known = false;
		for (const char *const *c = def->choices; *c && !known; c++)
			known = !strcmp(*c, value);
		FUZZ_ASSERT(known, "%s accepted %s", def->key, fuzz_show(value, strlen(value)));
		break;
	}
	case ST_ZONE:
		FUZZ_ASSERT(text_check(value, strlen(value), false, NULL) == TEXT_FINE,
		            "%s accepted %s", def->key, fuzz_show(value, strlen(value)));
		if (strcmp(value, "UTC") != 0) {
			FILE *f;
			char magic[4] = "";
			snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", value);
			FUZZ_ASSERT(stat(path, &sb) == 0 && S_ISREG(sb.st_mode),
			            "%s accepted %s, which is no zone file", def->key,
			            fuzz_show(value, strlen(value)));
			f = fopen(path, "rb");
			FUZZ_ASSERT(f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4),
			            "%s accepted %s, which is not a time zone", def->key,
			            fuzz_show(value, strlen(value)));
			fclose(f);
		}
		FUZZ_ASSERT(strncmp(value, "right/", 6) != 0,
		            "%s accepted %s, a zone that counts leap seconds", def->key, value);
		break;
	case ST_SMTP:
	case ST_EMAIL:
	case ST_TEXT: {
		/* Empty (from the environment), or one word of printable ASCII. */
		size_t len = strlen(value);
		bool word = len <= 255;
		for (size_t i = 0; i < len && word; i++)
			word = (unsigned char)value[i] > 0x20 && (unsigned char)value[i] < 0x7f &&
			       value[i] != '"' && value[i] != '\\';
		FUZZ_ASSERT(word, "%s accepted %s", def->key, fuzz_show(value, len));
		FUZZ_ASSERT(!len || def->type != ST_SMTP || !strncmp(value, "smtp://", 7) ||
		                    !strncmp(value, "smtps://", 8),
		            "%s accepted %s, no SMTP address", def->key, value);
		FUZZ_ASSERT(!len || def->type != ST_EMAIL || strchr(value, '@'),
		            "%s accepted %s, no e-mail address", def->key, value);
		break;
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	size_t n;
	const struct setting_def *defs = settings_all(&n);
	uint8_t pick = fuzz_byte(&in);
	char *key = pick >= 240 ? fuzz_part(&in, '\n', NULL) : NULL;
	const struct setting_def *def = key ? settings_find(key) : &defs[pick % n];
	char *value = fuzz_part(&in, '\n', NULL);
	struct sc_error err;

	sc_error_init(&err);
	if (settings_set(st, org, key ? key : def->key, value, &err) == SC_OK) {
		FUZZ_ASSERT(def, "the unknown setting %s was set", fuzz_show(key, strlen(key)));
		check_accepted(def, value);
	} else {
		size_t len = strlen(err.message);
		FUZZ_ASSERT(err.code == SC_INVALID, "refused with %d: %s", err.code, err.message);
		FUZZ_ASSERT(len > 0 && text_utf8_valid(err.message, len),
		            "refused without a message of UTF-8: %s", fuzz_show(err.message, len));
		FUZZ_ASSERT(!strcmp(err.field, def ? def->key : "key"),
		            "the refusal names %s, not the setting", err.field);
	}
	free(value);
	free(key);
	return 0;
}
