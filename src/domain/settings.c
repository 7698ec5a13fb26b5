#include "domain/settings.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timeutil.h"
#include "model/entity.h"
#include "model/record.h"

static const char *const locales[] = { "nl", "en", NULL };
static const char *const truth[] = { "false", "true", NULL };

static const struct setting_def defs[] = {
	{ "locale", ST_ENUM, 0, 0, locales, "en" },
	{ "timezone", ST_ZONE, 0, 0, NULL, "Europe/Amsterdam" },
	{ "k", ST_INT, 2, 1000, NULL, "5" },
	{ "k_survey", ST_INT, 2, 1000, NULL, "3" },
	{ "retention_months", ST_INT, 1, 240, NULL, "24" },
	{ "legal_hold", ST_ENUM, 0, 0, truth, "false" },
	{ "window_days", ST_INT, 7, 365, NULL, "30" },
	{ "no_recent_session_days", ST_INT, 1, 365, NULL, "30" },
	{ "overdue_actions", ST_INT, 1, 100, NULL, "3" },
	{ "unrecorded_session_days", ST_INT, 1, 60, NULL, "2" },
	{ "mixing_window_days", ST_INT, 0, 60, NULL, "2" },
	{ "mixing_pulse_threshold", ST_REAL, 1, 5, NULL, "3.0" },
	{ "supervision_days", ST_INT, 1, 730, NULL, "90" },
	{ "supervision_reviewer", ST_INT, 0, 1e15, NULL, "0" },
	{ "max_span", ST_INT, 1, 100, NULL, "10" },
	{ "readiness_min_score", ST_INT, 1, 5, NULL, "3" },
	{ "readiness_min_mean", ST_REAL, 1, 5, NULL, "3.5" },
	{ "acceptance_min", ST_REAL, 1, 5, NULL, "3.5" },
	{ "spy_min", ST_REAL, 1, 5, NULL, "3.5" },
	{ "survey_window_days", ST_INT, 7, 730, NULL, "90" },
	{ "floor_days", ST_INT, 0, 31, NULL, "8" },
	{ "activity_share_pct", ST_REAL, 0, 100, NULL, "100" },
	{ "ride_alongs", ST_INT, 0, 100, NULL, "4" },
	{ "onboarding_days", ST_INT, 1, 365, NULL, "90" },
	{ "selling_hours", ST_INT, 1, 300, NULL, "140" },
	{ "bonus_floor_pct", ST_REAL, 0, 200, NULL, "80" },
	{ "bonus_cap_pct", ST_REAL, 0, 500, NULL, "120" },
	{ "impact_months", ST_INT, 1, 24, NULL, "3" },
	{ "smtp_url", ST_SMTP, 0, 0, NULL, "" },
	{ "smtp_from", ST_EMAIL, 0, 0, NULL, "" },
	{ "smtp_user", ST_TEXT, 0, 0, NULL, "" },
};

const struct setting_def *settings_all(size_t *n)
{
	*n = ARRAY_SIZE(defs);
	return defs;
}

const char *settings_help(const char *key, enum msg_lang lang)
{
	char id[64];

	snprintf(id, sizeof(id), "setting.%s", key);
	return msg_text(lang, id);
}

const struct setting_def *settings_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++)
		if (strcmp(defs[i].key, key) == 0)
			return &defs[i];
	return NULL;
}

/* Whether s is printable ASCII of at most 255 characters without a space or a quote. */
static bool word(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if ((unsigned char)s[n] <= 0x20 || (unsigned char)s[n] >= 0x7f || s[n] == '"' ||
		    s[n] == '\\')
			return false;
	return n <= 255;
}

/* The text kinds of setting: empty (from the environment) or of their form. */
static bool text_ok(enum setting_type t, const char *v)
{
	if (!*v)
		return true;
	if (!word(v))
		return false;
	switch (t) {
	case ST_SMTP: {
		const char *host = !strncmp(v, "smtp://", 7)    ? v + 7
		                   : !strncmp(v, "smtps://", 8) ? v + 8
		                                                : NULL;
		return host && *host && *host != ':' && *host != '/' && !strchr(host, '@');
	}
	case ST_EMAIL: {
		const char *at = strchr(v, '@');
		return at && at != v && at[1] && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
		       !strpbrk(v, "<>(),;:[]");
	}
	default:
		return true;
	}
}

/* settings_check, its message in lang. */
static enum sc_result check_in(const struct setting_def *def, const char *value, enum msg_lang lang,
                               struct sc_error *err)
{
	char shown[80];
	double v;

	/* Messages quote the value: only ever as valid UTF-8. */
	text_quote(value, shown, sizeof(shown));
	switch (def->type) {
	case ST_ENUM:
		for (const char *const *c = def->choices; *c; c++)
			if (strcmp(*c, value) == 0)
				return SC_OK;
		return sc_fail_msg(err, SC_INVALID, def->key, lang,
		                   def->choices == truth ? "err.setting.truth"
		                                         : "err.setting.locale",
		                   "key", def->key, "value", shown, NULL);
	case ST_ZONE:
		if (text_check(value, strlen(value), false, NULL) == TEXT_FINE &&
		    tu_valid_zone(value))
			return SC_OK;
		return sc_fail_msg(err, SC_INVALID, def->key, lang, "err.setting.zone", "key",
		                   def->key, "value", shown, NULL);
	case ST_SMTP:
	case ST_EMAIL:
	case ST_TEXT:
		if (text_ok(def->type, value))
			return SC_OK;
		return sc_fail_msg(err, SC_INVALID, def->key, lang,
		                   def->type == ST_SMTP    ? "err.setting.smtp_url"
		                   : def->type == ST_EMAIL ? "err.setting.email"
		                                           : "err.setting.text",
		                   "key", def->key, "value", shown, NULL);
	case ST_INT:
	case ST_REAL:
		if (!text_decimal(value, &v) || (def->type == ST_INT && v != floor(v)))
			return sc_fail_msg(err, SC_INVALID, def->key, lang,
			                   def->type == ST_INT ? "err.setting.not_whole"
			                                       : "err.setting.not_number",
			                   "key", def->key, "value", shown, NULL);
		if (v < def->min || v > def->max)
			return sc_fail_msg(err, SC_INVALID, def->key, lang, "err.setting.range",
			                   "key", def->key, "value", value, "min",
			                   SC_NUM(MSG_EN, def->min), "max",
			                   SC_NUM(MSG_EN, def->max), NULL);
		return SC_OK;
	}
	return SC_OK;
}

enum sc_result settings_check(const struct setting_def *def, const char *value,
                              struct sc_error *err)
{
	return check_in(def, value, MSG_EN, err);
}

enum sc_result settings_get(struct store *st, int64_t org, const char *key, char *out, size_t n,
                            struct sc_error *err)
{
	const struct setting_def *def = settings_find(key);
	char *value = NULL;
	enum sc_result rc;

	if (!def)
		return sc_fail(err, SC_INVALID, "key",
		               "unknown setting '%s'; `salescoach org show` lists them", key);
	if ((rc = store_setting_get(st, org, key, &value, err)))
		return rc;
	snprintf(out, n, "%s", value ? value : def->dflt);
	free(value);
	return SC_OK;
}

double settings_number(struct store *st, int64_t org, const char *key)
{
	const struct setting_def *def = settings_find(key);
	char buf[64];

	if (!def)
		return 0;
	if (settings_get(st, org, key, buf, sizeof(buf), NULL) != SC_OK ||
	    settings_check(def, buf, NULL) != SC_OK)
		return strtod(def->dflt, NULL);
	return strtod(buf, NULL);
}

enum sc_result settings_org_smtp(bool *allowed, enum msg_lang lang, struct sc_error *err)
{
	const char *v = getenv("SALESCOACH_SMTP_ORG_SERVERS");
	char shown[80];

	*allowed = true;
	if (!v || !*v || !strcmp(v, "allow"))
		return SC_OK;
	if (!strcmp(v, "deny")) {
		*allowed = false;
		return SC_OK;
	}
	return sc_fail_msg(err, SC_INVALID, NULL, lang, "err.setting.org_servers_env", "value",
	                   text_quote(v, shown, sizeof(shown)), NULL);
}

bool settings_operator_smtp(const char *key)
{
	return !strcmp(key, "smtp_url") || !strcmp(key, "smtp_from") || !strcmp(key, "smtp_user");
}

bool settings_editable(const char *key)
{
	bool allowed = true;

	if (!settings_operator_smtp(key))
		return true;
	return settings_org_smtp(&allowed, MSG_EN, NULL) == SC_OK && allowed;
}

enum sc_result settings_set(struct store *st, int64_t org, const char *key, const char *value,
                            struct sc_error *err)
{
	return settings_set_in(st, org, key, value, MSG_EN, err);
}

enum sc_result settings_set_in(struct store *st, int64_t org, const char *key, const char *value,
                               enum msg_lang lang, struct sc_error *err)
{
	const struct setting_def *def = settings_find(key);
	enum sc_result rc;
	char shown[80];

	if (!def)
		return sc_fail_msg(err, SC_INVALID, "key", lang, "err.setting.unknown", "key",
		                   text_quote(key, shown, sizeof(shown)), NULL);
	/* Emptying one is always allowed: it goes back to the operator's environment. */
	if (settings_operator_smtp(key) && *value) {
		bool allowed;
		if ((rc = settings_org_smtp(&allowed, lang, err)))
			return rc;
		if (!allowed)
			return sc_fail_msg(err, SC_INVALID, def->key, lang,
			                   "err.setting.operator_smtp", "key", def->key, NULL);
	}
	if ((rc = check_in(def, value, lang, err)))
		return rc;
	/* The named reviewer must be a person of the organisation (0 names nobody). */
	if (!strcmp(key, "supervision_reviewer") && strtod(value, NULL) > 0) {
		struct record *p = NULL;
		rc = store_get(st, org, entity_get(E_PERSON), (int64_t)strtod(value, NULL), &p,
		               err);
		record_free(&p);
		if (rc == SC_NOT_FOUND)
			return sc_fail_msg(err, SC_INVALID, def->key, lang, "err.setting.reviewer",
			                   "key", def->key, "value", value, NULL);
		if (rc)
			return rc;
	}
	return store_setting_put(st, org, key, value, err);
}
