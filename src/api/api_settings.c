/*
 * api_settings.c - the organisation's settings (/api/settings): GET lists
 * every setting with its value, default, range and what it is for in the
 * caller's language, and whether it may be changed here (not the SMTP
 * settings when the operator denies organisations servers of their own);
 * PATCH changes some of them, checked by the same code as `salescoach org
 * set` (domain/settings.c), all or nothing. Both are for administrators
 * only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "base/util.h"
#include "domain/settings.h"

/* The unit of a setting, from its name: days, months, percent, hours; NULL for a count. */
static const char *unit_of(const char *key)
{
	static const struct {
		const char *suffix, *unit;
	} units[] = { { "_days", "days" },
		      { "_months", "months" },
		      { "_pct", "percent" },
		      { "_hours", "hours" } };
	size_t n = strlen(key);
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		size_t s = strlen(units[i].suffix);
		if (n > s && strcmp(key + n - s, units[i].suffix) == 0)
			return units[i].unit;
	}
	return NULL;
}

/* A stored value as JSON: a number for the numeric settings, else the text. */
static json_t *value_json(const struct setting_def *def, const char *value)
{
	if (def->type == ST_INT)
		return json_integer((json_int_t)strtod(value, NULL));
	if (def->type == ST_REAL)
		return json_real(strtod(value, NULL));
	return json_string(value);
}

static const char *type_name(enum setting_type t)
{
	switch (t) {
	case ST_INT:
		return "integer";
	case ST_REAL:
		return "number";
	case ST_ENUM:
		return "choice";
	case ST_ZONE:
		return "timezone";
	case ST_SMTP:
	case ST_EMAIL:
	case ST_TEXT:
		return "text";
	}
	return "text";
}

static json_t *setting_json(const struct setting_def *def, const char *value, enum msg_lang lang)
{
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(def->key));
	json_object_set_new(o, "type", json_string(type_name(def->type)));
	json_object_set_new(o, "value", value_json(def, value));
	json_object_set_new(o, "default", value_json(def, def->dflt));
	if (def->type == ST_INT || def->type == ST_REAL) {
		bool whole = def->type == ST_INT;
		json_object_set_new(
		        o, "min", whole ? json_integer((json_int_t)def->min) : json_real(def->min));
		json_object_set_new(
		        o, "max", whole ? json_integer((json_int_t)def->max) : json_real(def->max));
	} else {
		json_object_set_new(o, "min", json_null());
		json_object_set_new(o, "max", json_null());
	}
	json_t *choices = json_array();
	for (const char *const *ch = def->choices; ch && *ch; ch++)
		json_array_append_new(choices, json_string(*ch));
	json_object_set_new(o, "choices", choices);
	const char *unit = unit_of(def->key);
	json_object_set_new(o, "unit", unit ? json_string(unit) : json_null());
	json_object_set_new(o, "help", json_string(settings_help(def->key, lang)));
	/* False for the SMTP settings a hosted server's operator keeps
	 * (SALESCOACH_SMTP_ORG_SERVERS). */
	json_object_set_new(o, "editable", json_boolean(settings_editable(def->key)));
	return o;
}

/* Every setting of the caller's organisation as {"settings":[...]}. */
static void answer_all(struct api_call *c)
{
	size_t n;
	const struct setting_def *defs = settings_all(&n);
	json_t *items = json_array();
	struct sc_error err;
	char value[256];

	sc_error_init(&err);
	for (size_t i = 0; i < n; i++) {
		if (settings_get(c->st, c->d.org, defs[i].key, value, sizeof(value), &err)) {
			json_decref(items);
			api_fail(c, &err);
			return;
		}
		json_array_append_new(items, setting_json(&defs[i], value, c->d.lang));
	}
	api_json(c, 200, json_pack("{s:o}", "settings", items));
}

/* A member's value as the text settings are kept in; false (and 422) when it is not one. */
static bool value_text(struct api_call *c, const char *key, json_t *v, char *out, size_t n)
{
	if (json_is_string(v) && strlen(json_string_value(v)) < n) {
		snprintf(out, n, "%s", json_string_value(v));
		return true;
	}
	if (json_is_integer(v)) {
		snprintf(out, n, "%lld", (long long)json_integer_value(v));
		return true;
	}
	if (json_is_real(v) && isfinite(json_real_value(v))) {
		snprintf(out, n, "%.15g", json_real_value(v));
		return true;
	}
	api_error_msg(c, 422, "invalid", key, "http.setting_value", "field", key, NULL);
	return false;
}

/* PATCH: every member checked and stored in one transaction, or none; each change audited. */
static void change(struct api_call *c)
{
	enum { MAX = 64 };
	json_t *body = api_body(c), *v;
	const char *key, *keys[MAX], *values[MAX];
	char text[MAX][256];
	struct sc_error err;
	size_t n = 0;

	if (!body)
		return;
	json_object_foreach(body, key, v)
	{
		if (n == MAX) {
			char most[8];
			snprintf(most, sizeof(most), "%d", MAX);
			api_error_msg(c, 422, "invalid", NULL, "http.settings_many", "max", most,
			              NULL);
			json_decref(body);
			return;
		}
		if (!value_text(c, key, v, text[n], sizeof(text[n]))) {
			json_decref(body);
			return;
		}
		keys[n] = key;
		values[n] = text[n];
		n++;
	}
	sc_error_init(&err);
	if (domain_set_settings(&c->d, keys, values, n, &err)) {
		api_fail(c, &err);
		json_decref(body);
		return;
	}
	json_decref(body);
	answer_all(c);
}

void api_settings(struct api_call *c)
{
	static const char *const keys[] = { "lang", NULL };
	struct sc_error err;

	sc_error_init(&err);
	if (!api_only_query(c, keys))
		return;
	if (domain_access_settings(&c->d, &err)) {
		api_fail(c, &err);
		return;
	}
	if (strcmp(c->req->method, "GET") == 0)
		answer_all(c);
	else
		change(c);
}
