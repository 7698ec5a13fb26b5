/*
 * rules_json.c - alerts as JSON, for `alerts --json` and the HTTP API.
 */
#include <jansson.h>

#include "rules/rules.h"

static json_t *fact_json(const struct alert_fact *f)
{
	switch (f->kind) {
	case FK_INT:
		return json_integer(f->i);
	case FK_REAL:
	case FK_MONEY:
		return json_real(f->r);
	case FK_BOOL:
		return json_boolean(f->i);
	case FK_DATE:
	case FK_TEXT:
		return *f->s ? json_string(f->s) : json_null();
	}
	return json_null();
}

static json_t *alert_json(const struct alert *a)
{
	json_t *o = json_object(), *people = json_array(), *facts = json_object();

	if (!o || !people || !facts) {
		json_decref(o);
		json_decref(people);
		json_decref(facts);
		return NULL;
	}
	json_object_set_new(o, "id", json_string(a->id));
	json_object_set_new(o, "rule", json_string(a->rule));
	json_object_set_new(o, "severity", json_string(alert_severity_name(a->severity)));
	json_object_set_new(o, "model", json_string(a->model));
	json_object_set_new(o, "team", a->team ? json_integer(a->team) : json_null());
	json_object_set_new(o, "programme",
	                    a->programme ? json_integer(a->programme) : json_null());
	for (size_t i = 0; i < a->npeople; i++) {
		/* id 0: a role without a person on record ("the programme's sponsor"). */
		json_t *p = json_pack("{s:o, s:s, s:s}", "id",
		                      a->people[i].id ? json_integer(a->people[i].id) : json_null(),
		                      "role", a->people[i].role, "name", a->people[i].name);
		json_array_append_new(people, p);
	}
	json_object_set_new(o, "people", people);
	for (size_t i = 0; i < a->nfacts; i++)
		json_object_set_new(facts, a->facts[i].name, fact_json(&a->facts[i]));
	json_object_set_new(o, "facts", facts);
	json_object_set_new(o, "summary", json_string(a->summary ? a->summary : ""));
	json_object_set_new(o, "mitigation", json_string(a->mitigation ? a->mitigation : ""));
	json_object_set_new(o, "acknowledged", json_boolean(a->acknowledged));
	if (a->acknowledged)
		json_object_set_new(o, "acknowledgement",
		                    json_pack("{s:s, s:s, s:s}", "reason", a->ack_reason, "by",
		                              a->ack_by, "at", a->ack_at));
	return o;
}

json_t *rules_json(const struct alert_list *list)
{
	json_t *root = json_object(), *arr = json_array(), *counts = json_object();
	json_int_t by[3] = { 0 };

	if (!root || !arr || !counts) {
		json_decref(root);
		json_decref(arr);
		json_decref(counts);
		return NULL;
	}
	for (size_t i = 0; i < list->n; i++) {
		json_array_append_new(arr, alert_json(&list->items[i]));
		by[list->items[i].severity]++;
	}
	json_object_set_new(root, "alerts", arr);
	json_object_set_new(counts, "total", json_integer((json_int_t)list->n));
	json_object_set_new(counts, "error", json_integer(by[SEV_ERROR]));
	json_object_set_new(counts, "warning", json_integer(by[SEV_WARNING]));
	json_object_set_new(counts, "info", json_integer(by[SEV_INFO]));
	json_object_set_new(counts, "acknowledged_not_shown",
	                    json_integer((json_int_t)list->quiet));
	json_object_set_new(root, "counts", counts);
	return root;
}
