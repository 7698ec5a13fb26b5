/*
 * domain_range.c - how a list is ordered and which dates it covers, the
 * same at every door: the order field (not private content), and the date
 * range (from, to) on the field that dates a record of the kind
 * (entity_when), with local days of the organisation's time zone turned
 * into the stored instants.
 */
#include "domain/domain.h"

#include <stdio.h>
#include <string.h>

const char *domain_noun(const struct domain *d, const struct entity_def *def)
{
	char id[96];

	snprintf(id, sizeof(id), "noun.%s", def->name);
	return msg_exists(id) ? msg_text(domain_lang(d), id) : def->name;
}

enum sc_result domain_order(const struct entity_def *def, const char *name, enum msg_lang lang,
                            int *field, struct sc_error *err)
{
	if (strcmp(name, "id") == 0) {
		*field = FILTER_ID;
		return SC_OK;
	}
	int i = entity_field(def, name);
	if (i < 0)
		return sc_fail_msg(err, SC_INVALID, "order", lang, "err.order.no_field", "entities",
		                   def->plural, "name", name, NULL);
	if (def->fields[i].flags & (FF_PRIVATE | FF_SECRET))
		return sc_fail_msg(err, SC_INVALID, "order", lang, "err.order.private", "name",
		                   name, NULL);
	*field = i;
	return SC_OK;
}

/* One bound: a local date (or month) checked, as the field's stored form in out. */
static enum sc_result bound(const struct domain *d, const struct field_def *f, const char *name,
                            const char *value, bool upper, char out[TU_INSTANT_LEN],
                            struct sc_error *err)
{
	char shown[48];

	snprintf(shown, sizeof(shown), "%.40s", value);
	if (f->type == FT_MONTH) {
		if (!tu_valid_month(value))
			return sc_fail_msg(err, SC_INVALID, name, d->lang, "err.month.bad", "field",
			                   name, "value", shown, NULL);
		strcpy(out, value);
		return SC_OK;
	}
	if (!tu_valid_date(value))
		return sc_fail_msg(err, SC_INVALID, name, d->lang, "err.date.bad", "field", name,
		                   "value", shown, NULL);
	if (f->type == FT_DATE) {
		strcpy(out, value);
		return SC_OK;
	}
	/* An instant: from the start of the day from, to before the start of the day after to. */
	char day[TU_DATE_LEN];
	if (upper)
		tu_date_add(value, 1, day);
	else
		strcpy(day, value);
	if (!tu_day_starts(day, 1, d->tz, (char(*)[TU_INSTANT_LEN])out))
		return sc_fail_msg(err, SC_INVALID, name, d->lang, "err.range.out", "field", name,
		                   "value", shown, NULL);
	return SC_OK;
}

enum sc_result domain_range(const struct domain *d, const struct entity_def *def, const char *from,
                            const char *to, struct date_range *r, struct sc_error *err)
{
	int when = entity_when(def);
	enum sc_result rc;

	memset(r, 0, sizeof(*r));
	if (!from && !to)
		return SC_OK;
	if (when < 0)
		return sc_fail_msg(err, SC_INVALID, from ? "from" : "to", d->lang,
		                   "err.range.no_date", "entities", def->plural, NULL);
	const struct field_def *f = &def->fields[when];
	if (from && (rc = bound(d, f, "from", from, false, r->from, err)))
		return rc;
	if (to && (rc = bound(d, f, "to", to, true, r->to, err)))
		return rc;
	if (from && to && strcmp(from, to) > 0)
		return sc_fail_msg(err, SC_INVALID, "to", d->lang, "err.range.order", "to", to,
		                   "from", from, NULL);
	if (from)
		r->f[r->n++] = (struct filter){ .field = when, .op = FO_GE, .s = r->from };
	if (to)
		r->f[r->n++] = (struct filter){ .field = when,
			                        .op = f->type == FT_DATETIME ? FO_LT : FO_LE,
			                        .s = r->to };
	return SC_OK;
}
