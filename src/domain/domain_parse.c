/*
 * domain_parse.c - a value typed or sent by a user into a field of a
 * record: type, format, range, UTF-8 and control characters, the same for
 * every door (see domain_parse in domain.h).
 */
#include "domain/domain.h"
#include "domain/domain_int.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timeutil.h"

/* ---- parsing ------------------------------------------------------------------------------ */

static bool valid_code(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 40 || !islower((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

static bool valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);

	if (n < 3 || n > 254 || !at || at == s || strchr(at + 1, '@'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (isspace((unsigned char)s[i]) || iscntrl((unsigned char)s[i]) || s[i] == ',' ||
		    s[i] == ';' || s[i] == '<' || s[i] == '>')
			return false;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

/*
 * Every value from outside, whatever its type: UTF-8, no control
 * characters, and line breaks only in long free text (entity.h).
 */
static enum sc_result check_text(const struct field_def *f, const char *text, struct sc_error *err)
{
	size_t at = 0;
	switch (text_check(text, strlen(text), entity_text_multiline(f), &at)) {
	case TEXT_FINE:
		return SC_OK;
	case TEXT_NOT_UTF8:
		return sc_fail(err, SC_INVALID, f->name,
		               "%s: the text is not UTF-8 (byte %zu is not part of a UTF-8 "
		               "character); save the file as UTF-8, or retype the text",
		               f->name, at + 1);
	case TEXT_CONTROL:
		return sc_fail(err, SC_INVALID, f->name,
		               "%s: contains a control character (byte %zu); use plain text",
		               f->name, at + 1);
	case TEXT_LINE_BREAK:
		return sc_fail(err, SC_INVALID, f->name,
		               "%s: must be one line; remove the line break or tab (byte %zu)",
		               f->name, at + 1);
	}
	return SC_OK;
}

/*
 * Put the number v into field i of rec, checked against its type and range;
 * shown is how the user wrote it, for messages.
 */
static enum sc_result set_number(struct record *rec, int i, double v, const char *shown,
                                 struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	if (f->type == FT_INT && v != floor(v))
		return sc_fail(err, SC_INVALID, f->name, "%s: %s is not a whole number", f->name,
		               shown);
	if (v < f->min || v > f->max)
		return sc_fail(err, SC_INVALID, f->name,
		               "%s: %s is out of range; use %.10g to %.10g", f->name, shown, f->min,
		               f->max);
	if (f->type == FT_INT)
		record_set_int(rec, i, (int64_t)v);
	else
		record_set_real(rec, i, v);
	return SC_OK;
}

enum sc_result domain_set_number(struct record *rec, int i, double v, struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	char shown[64];

	if (f->type != FT_INT && f->type != FT_REAL)
		return sc_fail(err, SC_INVALID, f->name, "%s must be %s", f->name,
		               entity_type_hint(f));
	if (!isfinite(v))
		return sc_fail(err, SC_INVALID, f->name, "%s: not a finite number", f->name);
	snprintf(shown, sizeof(shown), "%.17g", v);
	return set_number(rec, i, v, shown, err);
}

static void list_choices(const struct field_def *f, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (const char *const *c = f->choices; *c && len < n; c++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", c == f->choices ? "" : ", ",
		                        *c);
}

/* Normalise "a, b ,c" into "a,b,c", checking each code. */
static enum sc_result parse_skills(const struct field_def *f, const char *text, char *out, size_t n,
                                   struct sc_error *err)
{
	char buf[1024];
	size_t len = 0;
	char *save = NULL;

	if (strlen(text) >= sizeof(buf))
		return sc_fail(err, SC_INVALID, f->name, "%s: too long; list at most a few skills",
		               f->name);
	snprintf(buf, sizeof(buf), "%s", text);
	out[0] = '\0';
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*tok))
			tok++;
		char *end = tok + strlen(tok);
		while (end > tok && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (!*tok)
			continue;
		if (!valid_code(tok))
			return sc_fail(err, SC_INVALID, f->name,
			               "%s: '%s' is not a skill code; codes are lower case, like "
			               "handling_objections (`salescoach skill list`)",
			               f->name, tok);
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", tok);
		if (len >= n)
			return sc_fail(err, SC_INVALID, f->name, "%s: too many skills", f->name);
	}
	return SC_OK;
}

/*
 * An instant into field i: in the organisation's zone tz unless it has an
 * offset. A local time that the clocks skip, or pass twice, is refused: the
 * user says which instant they mean, nothing is guessed.
 */
static enum sc_result parse_instant(const char *tz, struct record *rec, int i, const char *text,
                                    struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	char utc[TU_INSTANT_LEN];
	struct tu_clock_change ch;

	switch (tu_parse_exact(text, tz, utc, &ch)) {
	case TU_EXACT_OK:
		return record_set_text(rec, i, utc);
	case TU_EXACT_SKIPPED:
		return sc_fail(err, SC_INVALID, f->name,
		               "%s: %s does not exist in %s (the clocks go forward); they skip "
		               "from %s to %s, so give a time before %s or from %s",
		               f->name, text, tz, ch.from, ch.to, ch.from, ch.to);
	case TU_EXACT_TWICE:
		return sc_fail(err, SC_INVALID, f->name,
		               "%s: %s happens twice in %s (the clocks go back from %s to %s); "
		               "give the offset: %s%s for the first, %s%s for the second",
		               f->name, text, tz, ch.from, ch.to, text, ch.offset_before, text,
		               ch.offset_after);
	case TU_EXACT_BAD:
		break;
	}
	return sc_fail(err, SC_INVALID, f->name,
	               "%s: '%s' is not a time; write YYYY-MM-DDTHH:MM, e.g. 2026-11-03T10:00 (%s "
	               "time)",
	               f->name, text, tz);
}

/* Free text: at most f->max bytes, and not blank when required. */
static enum sc_result parse_text(struct record *rec, int i, const char *text, struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	size_t n = strlen(text);
	const char *p = text;

	if (n > f->max)
		return sc_fail(err, SC_INVALID, f->name, "%s: too long (%zu bytes); at most %.0f",
		               f->name, n, f->max);
	while (isspace((unsigned char)*p))
		p++;
	if (!*p && (f->flags & FF_REQUIRED))
		return sc_fail(err, SC_INVALID, f->name, "%s: must not be blank", f->name);
	return record_set_text(rec, i, text);
}

/* An e-mail address, kept in lower case. */
static enum sc_result parse_email(struct record *rec, int i, const char *text, struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	char buf[1100];
	size_t n = strlen(text);

	if (n >= sizeof(buf) || !valid_email(text))
		return sc_fail(err, SC_INVALID, f->name,
		               "%s: '%s' is not an e-mail address; write name@example.com", f->name,
		               text);
	for (size_t k = 0; k <= n; k++)
		buf[k] = (char)tolower((unsigned char)text[k]);
	return record_set_text(rec, i, buf);
}

/* A comma-separated list of skill codes; none left is no value. */
static enum sc_result parse_skill_list(struct record *rec, int i, const char *text,
                                       struct sc_error *err)
{
	char buf[1100];
	enum sc_result rc = parse_skills(&rec->def->fields[i], text, buf, sizeof(buf), err);

	if (rc)
		return rc;
	if (!buf[0]) {
		record_set_null(rec, i);
		return SC_OK;
	}
	return record_set_text(rec, i, buf);
}

/* The row of kind k in d's organisation with this id (field NULL) or field equal to id or text. */
static struct record *one_where(const struct domain *d, enum entity_kind k, const char *field,
                                int64_t id, const char *text, struct sc_error *err)
{
	const struct entity_def *def = entity_get(k);
	struct record_list rows = { 0 };
	struct record *out = NULL;

	if (!field) {
		if (store_get(d->store, d->org, def, id, &out, NULL))
			record_free(&out);
		return out;
	}
	struct filter flt = { entity_field(def, field), FO_EQ, id, 0, text };
	struct list_opts lo = { &flt, 1, FILTER_ID, false, 1, 0 };
	if (!store_list(d->store, d->org, def, &lo, &rows, err) && rows.n) {
		out = rows.items[0];
		rows.items[0] = NULL;
	}
	record_list_release(&rows);
	return out;
}

enum sc_result domain_coach_ref(const struct domain *d, const char *name, const char *text,
                                int64_t *coach, struct sc_error *err)
{
	struct record *person = NULL, *profile = NULL;
	int64_t v = 0;
	enum sc_result rc = SC_OK;

	if (strchr(text, '@')) {
		person = one_where(d, E_PERSON, "email", 0, text, err);
		if (!person)
			return sc_fail(
			        err, SC_INVALID, name,
			        "%s: nobody here has the e-mail address '%s'; give the coach "
			        "profile's id or a coach's address (`salescoach coach list`)",
			        name, text);
	} else if (!text_whole(text, 1, INT64_MAX, &v)) {
		return sc_fail(err, SC_INVALID, name,
		               "%s: '%s' is neither a coach profile's id nor an e-mail address; "
		               "`salescoach coach list` shows the coaches",
		               name, text);
	} else if ((profile = one_where(d, E_COACH, NULL, v, NULL, err)) ||
	           !(person = one_where(d, E_PERSON, NULL, v, NULL, err))) {
		/* A coach profile's id, or no person's either: the checks of the record say so. */
		record_free(&profile);
		*coach = v;
		return SC_OK;
	}
	profile = one_where(d, E_COACH, "person", person->id, NULL, err);
	if (profile && !v)
		*coach = profile->id;
	else if (profile)
		rc = sc_fail(err, SC_INVALID, name,
		             "%s: there is no coach profile %" PRId64 "; %" PRId64
		             " is %s's person id; %s's coach profile is %" PRId64
		             " (or give the e-mail address %s)",
		             name, v, v, record_text(person, "name"), record_text(person, "name"),
		             profile->id, record_text(person, "email"));
	else if (v)
		rc = sc_fail(err, SC_INVALID, name,
		             "%s: there is no coach profile %" PRId64 "; %" PRId64
		             " is %s's person id and %s has no coach profile (`salescoach coach "
		             "list` shows the coaches)",
		             name, v, v, record_text(person, "name"), record_text(person, "name"));
	else
		rc = sc_fail(err, SC_INVALID, name,
		             "%s: %s (%s) has no coach profile; `salescoach coach list` shows the "
		             "coaches",
		             name, record_text(person, "name"), text);
	record_free(&person);
	record_free(&profile);
	return rc;
}

enum sc_result domain_parse(const struct domain *d, struct record *rec, int i, const char *text,
                            struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	char choices[256];
	enum sc_result rc;

	if (text[0] == '\0') {
		if (f->flags & FF_REQUIRED)
			return sc_fail(err, SC_INVALID, f->name, "%s: must not be empty", f->name);
		record_set_null(rec, i);
		return SC_OK;
	}
	/* Before anything quotes the text back in a message. */
	if ((rc = check_text(f, text, err)))
		return rc;
	switch (f->type) {
	case FT_TEXT:
		return parse_text(rec, i, text, err);
	case FT_INT:
	case FT_REAL: {
		double v;
		if (!text_decimal(text, &v))
			return sc_fail(err, SC_INVALID, f->name,
			               "%s: '%s' is not %s; write it in decimal digits, like %s",
			               f->name, text, entity_type_hint(f),
			               f->type == FT_INT ? "60" : "2.5");
		return set_number(rec, i, v, text, err);
	}
	case FT_BOOL:
		if (!strcmp(text, "true") || !strcmp(text, "yes") || !strcmp(text, "1"))
			record_set_int(rec, i, 1);
		else if (!strcmp(text, "false") || !strcmp(text, "no") || !strcmp(text, "0"))
			record_set_int(rec, i, 0);
		else
			return sc_fail(err, SC_INVALID, f->name, "%s: '%s' is not true or false",
			               f->name, text);
		return SC_OK;
	case FT_REF: {
		int64_t v;
		if (f->ref == E_COACH && d && d->store) { /* without a store: the id as it is */
			enum sc_result rc = domain_coach_ref(d, f->name, text, &v, err);
			if (!rc)
				record_set_int(rec, i, v);
			return rc;
		}
		if (!text_whole(text, 1, INT64_MAX, &v))
			return sc_fail(
			        err, SC_INVALID, f->name,
			        "%s: '%s' is not an id; ids are whole numbers (`salescoach %s "
			        "list` shows them)",
			        f->name, text, entity_get(f->ref)->name);
		record_set_int(rec, i, v);
		return SC_OK;
	}
	case FT_DATE:
		if (!tu_valid_date(text))
			return sc_fail(err, SC_INVALID, f->name,
			               "%s: '%s' is not a date; write YYYY-MM-DD, e.g. 2026-11-03",
			               f->name, text);
		return record_set_text(rec, i, text);
	case FT_MONTH:
		if (!tu_valid_month(text))
			return sc_fail(err, SC_INVALID, f->name,
			               "%s: '%s' is not a month; write YYYY-MM, e.g. 2026-11",
			               f->name, text);
		return record_set_text(rec, i, text);
	case FT_DATETIME:
		return parse_instant(d ? d->tz : "UTC", rec, i, text, err);
	case FT_EMAIL:
		return parse_email(rec, i, text, err);
	case FT_ENUM:
		for (const char *const *c = f->choices; *c; c++)
			if (strcmp(*c, text) == 0)
				return record_set_text(rec, i, text);
		list_choices(f, choices, sizeof(choices));
		return sc_fail(err, SC_INVALID, f->name, "%s: '%s' is not allowed; use one of: %s",
		               f->name, text, choices);
	case FT_CODE:
		if (!valid_code(text))
			return sc_fail(
			        err, SC_INVALID, f->name,
			        "%s: '%s' is not a code; use lower-case letters, digits and _, "
			        "starting with a letter (at most 40)",
			        f->name, text);
		return record_set_text(rec, i, text);
	case FT_SKILLS:
		return parse_skill_list(rec, i, text, err);
	}
	return sc_fail(err, SC_INTERNAL, f->name, "unknown field type");
}
