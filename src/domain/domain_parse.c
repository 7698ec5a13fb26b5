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
static enum sc_result check_text(enum msg_lang lang, const struct field_def *f, const char *text,
                                 struct sc_error *err)
{
	size_t at = 0;
	switch (text_check(text, strlen(text), entity_text_multiline(f), &at)) {
	case TEXT_FINE:
		return SC_OK;
	case TEXT_NOT_UTF8:
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.text.not_utf8", "field",
		                   f->name, "byte", SC_I64(at + 1), NULL);
	case TEXT_CONTROL:
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.text.control", "field",
		                   f->name, "byte", SC_I64(at + 1), NULL);
	case TEXT_LINE_BREAK:
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.text.line_break", "field",
		                   f->name, "byte", SC_I64(at + 1), NULL);
	}
	return SC_OK;
}

/*
 * Put the number v into field i of rec, checked against its type and range;
 * shown is how the user wrote it, for messages.
 */
static enum sc_result set_number(enum msg_lang lang, struct record *rec, int i, double v,
                                 const char *shown, struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	if (f->type == FT_INT && v != floor(v))
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.number.not_whole", "field",
		                   f->name, "value", shown, NULL);
	if (v < f->min || v > f->max)
		/* The bounds as they are typed: with a decimal point in every language. */
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.number.range", "field",
		                   f->name, "value", shown, "min", SC_NUM(MSG_EN, f->min), "max",
		                   SC_NUM(MSG_EN, f->max), NULL);
	if (f->type == FT_INT)
		record_set_int(rec, i, (int64_t)v);
	else
		record_set_real(rec, i, v);
	return SC_OK;
}

enum sc_result domain_set_number(const struct domain *d, struct record *rec, int i, double v,
                                 struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	enum msg_lang lang = domain_lang(d);
	char shown[64];

	if (f->type != FT_INT && f->type != FT_REAL)
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.field.must_be", "field",
		                   f->name, "kind", entity_type_hint_in(f, lang), NULL);
	if (!isfinite(v))
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.number.not_finite", "field",
		                   f->name, NULL);
	/* Formatted only for a message: a number that passes is set as it is. */
	shown[0] = '\0';
	if ((f->type == FT_INT && v != floor(v)) || v < f->min || v > f->max)
		snprintf(shown, sizeof(shown), "%.17g", v);
	return set_number(lang, rec, i, v, shown, err);
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
static enum sc_result parse_skills(enum msg_lang lang, const struct field_def *f, const char *text,
                                   char *out, size_t n, struct sc_error *err)
{
	char buf[1024];
	size_t len = 0;
	char *save = NULL;

	if (strlen(text) >= sizeof(buf))
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.skills.too_long", "field",
		                   f->name, NULL);
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
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.skills.not_code",
			                   "field", f->name, "value", tok, NULL);
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", tok);
		if (len >= n)
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.skills.too_many",
			                   "field", f->name, NULL);
	}
	return SC_OK;
}

/*
 * An instant into field i: in the organisation's zone tz unless it has an
 * offset. A local time that the clocks skip, or pass twice, is refused: the
 * user says which instant they mean, nothing is guessed.
 */
static enum sc_result parse_instant(enum msg_lang lang, const char *tz, struct record *rec, int i,
                                    const char *text, struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	char utc[TU_INSTANT_LEN];
	struct tu_clock_change ch;

	switch (tu_parse_exact(text, tz, utc, &ch)) {
	case TU_EXACT_OK:
		return record_set_text(rec, i, utc);
	case TU_EXACT_SKIPPED:
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.time.skipped", "field",
		                   f->name, "value", text, "zone", tz, "from", ch.from, "to", ch.to,
		                   NULL);
	case TU_EXACT_TWICE:
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.time.twice", "field",
		                   f->name, "value", text, "zone", tz, "from", ch.from, "to", ch.to,
		                   "before", ch.offset_before, "after", ch.offset_after, NULL);
	case TU_EXACT_BAD:
		break;
	}
	return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.time.bad", "field", f->name,
	                   "value", text, "zone", tz, NULL);
}

/* Free text: at most f->max bytes, and not blank when required. */
static enum sc_result parse_text(enum msg_lang lang, struct record *rec, int i, const char *text,
                                 struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	size_t n = strlen(text);
	const char *p = text;

	if (n > f->max)
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.text.too_long", "field",
		                   f->name, "bytes", SC_I64(n), "max", SC_I64(f->max), NULL);
	while (isspace((unsigned char)*p))
		p++;
	if (!*p && (f->flags & FF_REQUIRED))
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.text.blank", "field",
		                   f->name, NULL);
	return record_set_text(rec, i, text);
}

/* An e-mail address, kept in lower case. */
static enum sc_result parse_email(enum msg_lang lang, struct record *rec, int i, const char *text,
                                  struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	char buf[1100];
	size_t n = strlen(text);

	if (n >= sizeof(buf) || !valid_email(text))
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.email.bad", "field",
		                   f->name, "value", text, NULL);
	for (size_t k = 0; k <= n; k++)
		buf[k] = (char)tolower((unsigned char)text[k]);
	return record_set_text(rec, i, buf);
}

/* A comma-separated list of skill codes; none left is no value. */
static enum sc_result parse_skill_list(enum msg_lang lang, struct record *rec, int i,
                                       const char *text, struct sc_error *err)
{
	char buf[1100];
	enum sc_result rc = parse_skills(lang, &rec->def->fields[i], text, buf, sizeof(buf), err);

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
			return sc_fail_msg(err, SC_INVALID, name, d->lang, "err.coach_ref.no_email",
			                   "field", name, "value", text, NULL);
	} else if (!text_whole(text, 1, INT64_MAX, &v)) {
		return sc_fail_msg(err, SC_INVALID, name, d->lang, "err.coach_ref.bad", "field",
		                   name, "value", text, NULL);
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
		rc = sc_fail_msg(err, SC_INVALID, name, d->lang, "err.coach_ref.person_id", "field",
		                 name, "id", SC_I64(v), "name", record_text(person, "name"),
		                 "coach", SC_I64(profile->id), "email",
		                 record_text(person, "email"), NULL);
	else if (v)
		rc = sc_fail_msg(err, SC_INVALID, name, d->lang, "err.coach_ref.person_no_coach",
		                 "field", name, "id", SC_I64(v), "name",
		                 record_text(person, "name"), NULL);
	else
		rc = sc_fail_msg(err, SC_INVALID, name, d->lang, "err.coach_ref.email_no_coach",
		                 "field", name, "name", record_text(person, "name"), "value", text,
		                 NULL);
	record_free(&person);
	record_free(&profile);
	return rc;
}

/* A field referring to a person, given as the person's e-mail address (any case). */
static enum sc_result person_ref(const struct domain *d, struct record *rec, int i,
                                 const char *text, struct sc_error *err)
{
	const char *name = rec->def->fields[i].name;
	char lower[256];
	size_t n = strlen(text);

	if (n >= sizeof(lower) || !valid_email(text))
		return sc_fail_msg(err, SC_INVALID, name, d->lang, "err.person_ref.no_email",
		                   "field", name, "value", text, NULL);
	for (size_t k = 0; k <= n; k++)
		lower[k] = (char)tolower((unsigned char)text[k]);
	struct sc_error found;
	sc_error_init(&found);
	struct record *person = one_where(d, E_PERSON, "email", 0, lower, &found);
	if (!person && found.code) { /* the store failed */
		if (err)
			*err = found;
		return found.code;
	}
	if (!person)
		return sc_fail_msg(err, SC_INVALID, name, d->lang, "err.person_ref.no_email",
		                   "field", name, "value", text, NULL);
	record_set_int(rec, i, person->id);
	record_free(&person);
	return SC_OK;
}

enum sc_result domain_parse(const struct domain *d, struct record *rec, int i, const char *text,
                            struct sc_error *err)
{
	const struct field_def *f = &rec->def->fields[i];
	enum msg_lang lang = domain_lang(d);
	char choices[256];
	enum sc_result rc;

	if (text[0] == '\0') {
		if (f->flags & FF_REQUIRED)
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.field.empty",
			                   "field", f->name, NULL);
		record_set_null(rec, i);
		return SC_OK;
	}
	/* Before anything quotes the text back in a message. */
	if ((rc = check_text(lang, f, text, err)))
		return rc;
	switch (f->type) {
	case FT_TEXT:
		return parse_text(lang, rec, i, text, err);
	case FT_INT:
	case FT_REAL: {
		double v;
		if (!text_decimal(text, &v))
			return sc_fail_msg(err, SC_INVALID, f->name, lang,
			                   f->type == FT_INT ? "err.number.bad_int"
			                                     : "err.number.bad_real",
			                   "field", f->name, "value", text, NULL);
		return set_number(lang, rec, i, v, text, err);
	}
	case FT_BOOL:
		if (!strcmp(text, "true") || !strcmp(text, "yes") || !strcmp(text, "1"))
			record_set_int(rec, i, 1);
		else if (!strcmp(text, "false") || !strcmp(text, "no") || !strcmp(text, "0"))
			record_set_int(rec, i, 0);
		else
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.bool.bad", "field",
			                   f->name, "value", text, NULL);
		return SC_OK;
	case FT_REF: {
		int64_t v;
		if (f->ref == E_COACH && d && d->store) { /* without a store: the id as it is */
			enum sc_result rc = domain_coach_ref(d, f->name, text, &v, err);
			if (!rc)
				record_set_int(rec, i, v);
			return rc;
		}
		if (f->ref == E_PERSON && d && d->store && strchr(text, '@'))
			return person_ref(d, rec, i, text, err);
		if (!text_whole(text, 1, INT64_MAX, &v))
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.ref.bad", "field",
			                   f->name, "value", text, "entity",
			                   entity_get(f->ref)->name, NULL);
		record_set_int(rec, i, v);
		return SC_OK;
	}
	case FT_DATE:
		if (!tu_valid_date(text))
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.date.bad", "field",
			                   f->name, "value", text, NULL);
		return record_set_text(rec, i, text);
	case FT_MONTH:
		if (!tu_valid_month(text))
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.month.bad", "field",
			                   f->name, "value", text, NULL);
		return record_set_text(rec, i, text);
	case FT_DATETIME:
		return parse_instant(lang, d ? d->tz : "UTC", rec, i, text, err);
	case FT_EMAIL:
		return parse_email(lang, rec, i, text, err);
	case FT_ENUM:
		for (const char *const *c = f->choices; *c; c++)
			if (strcmp(*c, text) == 0)
				return record_set_text(rec, i, text);
		list_choices(f, choices, sizeof(choices));
		return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.enum.bad", "field", f->name,
		                   "value", text, "choices", choices, NULL);
	case FT_CODE:
		if (!valid_code(text))
			return sc_fail_msg(err, SC_INVALID, f->name, lang, "err.code.bad", "field",
			                   f->name, "value", text, NULL);
		return record_set_text(rec, i, text);
	case FT_SKILLS:
		return parse_skill_list(lang, rec, i, text, err);
	}
	return sc_fail(err, SC_INTERNAL, f->name, "unknown field type");
}
