/*
 * planner_whatif.c - the figures of a capacity what-if (planner.h): read from
 * text as the HTTP API and the command line receive them, checked against
 * the ranges of the figures they replace (the fields of model/entity.c),
 * refused in the caller's language.
 */
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "model/entity.h"
#include "plan/planner.h"

/* The value quoted back in a message: valid UTF-8, cut short. */
#define QUOTED_LEN 48

static enum sc_result refuse(enum msg_lang lang, const char *key, const char *shown, const char *id,
                             const char *text, double min, double max, struct sc_error *err)
{
	char quoted[QUOTED_LEN], lo[24], hi[24];
	text_quote(text, quoted, sizeof(quoted));
	snprintf(lo, sizeof(lo), "%g", min);
	snprintf(hi, sizeof(hi), "%g", max);
	return sc_fail_msg(err, SC_INVALID, key, lang, id, "field", shown, "value", quoted, "min",
	                   lo, "max", hi, NULL);
}

/* The range of a field of the records whose figure a what-if replaces. */
static void field_range(enum entity_kind k, const char *name, double *min, double *max)
{
	const struct entity_def *def = entity_get(k);
	const struct field_def *f = &def->fields[entity_field(def, name)];
	*min = f->min;
	*max = f->max;
}

/* A decimal number in [min, max] written as digits with at most one decimal point. */
static bool decimal_in(const char *text, double min, double max, double *out)
{
	double v;
	if (text[0] == '-' || !text_decimal(text, &v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

enum sc_result planner_whatif_set(enum msg_lang lang, struct capacity_whatif *w, const char *key,
                                  const char *shown, const char *text, struct sc_error *err)
{
	double min, max;

	if (!shown)
		shown = key;
	if (!strcmp(key, "coachees")) {
		int64_t v;
		field_range(E_COACH, "capacity", &min, &max); /* no more than a coach may hold */
		if (text[0] == '-' || !text_whole(text, 0, (int64_t)max, &v))
			return refuse(lang, key, shown, "err.plan.whatif_coachees", text, 0, max,
			              err);
		w->coachees = v;
		w->has_coachees = true;
	} else if (!strcmp(key, "target_hours")) {
		field_range(E_PROGRAMME, "target_hours", &min, &max);
		if (!decimal_in(text, min, max, &w->target_hours))
			return refuse(lang, key, shown, "err.plan.whatif_target", text, min, max,
			              err);
		w->has_target = true;
	} else if (!strcmp(key, "hours_per_week")) {
		field_range(E_COACH, "hours_per_week", &min, &max);
		if (!decimal_in(text, min, max, &w->hours_per_week))
			return refuse(lang, key, shown, "err.plan.whatif_hours", text, min, max,
			              err);
		w->has_hours = true;
	} else {
		return sc_fail_msg(err, SC_INVALID, key, lang, "err.plan.whatif_unknown", "field",
		                   shown, NULL);
	}
	return SC_OK;
}

bool planner_whatif_any(const struct capacity_whatif *w)
{
	return w && (w->has_coachees || w->has_target || w->has_hours);
}
