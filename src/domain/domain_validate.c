/*
 * domain_validate.c - whether a record may be written: defaults, required
 * fields, references to records that exist, unique values, skills of the
 * framework, and the rules of each kind that span fields or records
 * (validate_rules: order of dates, parties, no cycles, one result a month).
 */
#include "domain/domain.h"
#include "domain/domain_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/settings.h"
#include "model/recjson.h"

/* Fill absent fields of a new record with their defaults. */
enum sc_result domain_apply_defaults(const struct domain *d, struct record *rec,
                                     struct sc_error *err)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		enum sc_result rc;
		if (rec->v[i].state != V_ABSENT || !f->dflt)
			continue;
		if (strcmp(f->dflt, "@today") == 0)
			rc = record_set_text(rec, (int)i, d->today);
		else
			rc = domain_parse(d, rec, (int)i, f->dflt, err);
		if (rc)
			return rc;
	}
	return SC_OK;
}

static enum sc_result check_required(enum msg_lang lang, const struct record *rec,
                                     struct sc_error *err)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		/* The help of a field (entity.c) is English: said in English only. */
		if ((f->flags & FF_REQUIRED) && rec->v[i].state != V_SET)
			return sc_fail_msg(err, SC_INVALID, f->name, lang,
			                   lang == MSG_EN ? "err.field.required"
			                                  : "err.field.required_kind",
			                   "field", f->name, "help", f->help, "kind",
			                   entity_type_hint_in(f, lang), NULL);
	}
	return SC_OK;
}

enum sc_result domain_load_ref(struct domain *d, const struct record *rec, const char *name,
                               struct record **out, struct sc_error *err)
{
	int i = entity_field(rec->def, name);
	const struct field_def *f = &rec->def->fields[i];
	const struct entity_def *target = entity_get(f->ref);
	enum sc_result rc;

	*out = NULL;
	if (rec->v[i].state != V_SET)
		return SC_OK;
	rc = store_get(d->store, d->org, target, rec->v[i].i, out, err);
	/*
	 * A record the actor may not read is, to them, one that does not exist:
	 * otherwise the checks that follow (dates inside the assignment, its
	 * parties, one plan per assignment) would describe it. People are the
	 * exception: a person is named by id to be shared with or to own an action.
	 */
	if (rc == SC_OK && f->ref != E_PERSON && domain_access_read(d, *out, NULL) != SC_OK) {
		record_free(out);
		rc = SC_NOT_FOUND;
	}
	if (rc == SC_NOT_FOUND)
		return sc_fail_msg(err, SC_NOT_FOUND, f->name, d->lang, "err.ref.missing", "field",
		                   f->name, "entity", target->name, "noun", domain_noun(d, target),
		                   "id", SC_I64(rec->v[i].i), NULL);
	return rc;
}

static enum sc_result check_refs(struct domain *d, const struct record *rec, struct sc_error *err)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		struct record *ref = NULL;
		enum sc_result rc;
		if (f->type != FT_REF)
			continue;
		/* In a batch nothing is removed: a record found once is there still. */
		if (d->batch && rec->v[i].state == V_SET && d->ref_seen.kind == (int)f->ref &&
		    d->ref_seen.id == rec->v[i].i)
			continue;
		rc = domain_load_ref(d, rec, f->name, &ref, err);
		if (rc == SC_OK && ref && d->batch) {
			d->ref_seen.kind = (int)f->ref;
			d->ref_seen.id = ref->id;
		}
		record_free(&ref);
		if (rc)
			return rc;
	}
	return SC_OK;
}

/* In a batch whose caller has just found no other record with this one's key (domain.h). */
static bool key_checked(const struct domain *d)
{
	return d->batch != DOMAIN_BATCH_NONE && d->key_checked;
}

static enum sc_result check_unique(struct domain *d, const struct record *rec, struct sc_error *err)
{
	if (key_checked(d))
		return SC_OK;
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		struct filter flt[2] = { { (int)i, FO_EQ, rec->v[i].i, rec->v[i].r, rec->v[i].s },
			                 { FILTER_ID, FO_NE, rec->id, 0, NULL } };
		int64_t n = 0;
		char shown[300];
		enum sc_result rc;

		if (!(f->flags & FF_UNIQUE) || rec->v[i].state != V_SET)
			continue;
		if ((rc = store_count(d->store, d->org, rec->def, flt, 2, &n, err)))
			return rc;
		if (n > 0)
			return sc_fail_msg(err, SC_CONFLICT, f->name, d->lang, "err.unique",
			                   "field", f->name, "entity", rec->def->name, "value",
			                   record_format(rec, (int)i, shown, sizeof(shown)), NULL);
	}
	return SC_OK;
}

static enum sc_result check_skill_exists(struct domain *d, const char *field, const char *code,
                                         struct sc_error *err)
{
	struct record *skill = NULL;
	enum sc_result rc = domain_find_one(d, entity_get(E_SKILL), "code", code, &skill, err);
	if (rc)
		return rc;
	if (!skill)
		return sc_fail_msg(err, SC_INVALID, field, d->lang, "err.skill.missing", "field",
		                   field, "value", code, NULL);
	record_free(&skill);
	return SC_OK;
}

static enum sc_result check_skills(struct domain *d, const struct record *rec, struct sc_error *err)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		if ((f->type != FT_SKILLS &&
		     !(f->type == FT_CODE && strcmp(f->name, "skill") == 0)) ||
		    rec->v[i].state != V_SET)
			continue;
		char buf[1024], *save = NULL;
		snprintf(buf, sizeof(buf), "%s", rec->v[i].s);
		for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			enum sc_result rc = check_skill_exists(d, f->name, tok, err);
			if (rc)
				return rc;
		}
	}
	return SC_OK;
}

static const char *txt(const struct record *rec, const char *field)
{
	return record_text(rec, field);
}

static bool has(const struct record *rec, const char *field)
{
	return record_is_set(rec, field);
}

/* Fails when date field `later` lies before date field `earlier`. */
static enum sc_result check_order(enum msg_lang lang, const struct record *rec, const char *earlier,
                                  const char *later, struct sc_error *err)
{
	if (has(rec, earlier) && has(rec, later) && strcmp(txt(rec, later), txt(rec, earlier)) < 0)
		return sc_fail_msg(err, SC_INVALID, later, lang, "err.date.order", "later", later,
		                   "later_on", txt(rec, later), "earlier", earlier, "earlier_on",
		                   txt(rec, earlier), NULL);
	return SC_OK;
}

static enum sc_result check_not_future(const struct domain *d, const struct record *rec,
                                       const char *field, struct sc_error *err)
{
	if (has(rec, field) && strcmp(txt(rec, field), d->today) > 0)
		return sc_fail_msg(err, SC_INVALID, field, d->lang, "err.date.future", "field",
		                   field, "value", txt(rec, field), "today", d->today, NULL);
	return SC_OK;
}

/* Walk field `up` (superior / parent) from rec to make sure it never comes back. */
static enum sc_result check_no_cycle(struct domain *d, const struct record *rec, const char *up,
                                     struct sc_error *err)
{
	int64_t next = record_int(rec, up);
	int steps = 0;

	if (!has(rec, up))
		return SC_OK;
	if (rec->id && next == rec->id)
		return sc_fail_msg(err, SC_INVALID, up, d->lang,
		                   strcmp(up, "superior") ? "err.cycle.self.parent"
		                                          : "err.cycle.self.superior",
		                   NULL);
	while (next && steps++ < 1000) {
		struct record *r = NULL;
		if (store_get(d->store, d->org, rec->def, next, &r, NULL))
			return SC_OK;
		next = has(r, up) ? record_int(r, up) : 0;
		record_free(&r);
		if (rec->id && next == rec->id)
			return sc_fail_msg(err, SC_INVALID, up, d->lang,
			                   strcmp(up, "superior") ? "err.cycle.loop.parent"
			                                          : "err.cycle.loop.superior",
			                   "id", SC_I64(rec->id), NULL);
	}
	return SC_OK;
}

static enum sc_result coach_person(struct domain *d, int64_t coach_id, int64_t *person, char *kind,
                                   size_t n, struct sc_error *err)
{
	struct record *c = NULL;
	enum sc_result rc = store_get(d->store, d->org, entity_get(E_COACH), coach_id, &c, err);
	if (rc)
		return rc;
	*person = record_int(c, "person");
	if (kind)
		snprintf(kind, n, "%s", txt(c, "kind"));
	record_free(&c);
	return SC_OK;
}

/* The last day of assignment a: its own end, else its programme's. */
static enum sc_result assignment_window(struct domain *d, const struct record *a, char *from,
                                        char *to, struct sc_error *err)
{
	snprintf(from, TU_DATE_LEN, "%s", txt(a, "starts_on"));
	if (has(a, "ends_on")) {
		snprintf(to, TU_DATE_LEN, "%s", txt(a, "ends_on"));
		return SC_OK;
	}
	struct record *p = NULL;
	enum sc_result rc = domain_load_ref(d, a, "programme", &p, err);
	if (rc)
		return rc;
	snprintf(to, TU_DATE_LEN, "%s", txt(p, "ends_on"));
	record_free(&p);
	return SC_OK;
}

/* Existing sessions of assignment rec must stay inside its new dates. */
static enum sc_result check_sessions_inside(struct domain *d, const struct record *rec,
                                            struct sc_error *err)
{
	const struct entity_def *sdef = entity_get(E_SESSION);
	struct filter f = { entity_field(sdef, "assignment"), FO_EQ, rec->id, 0, NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
	struct record_list list = { 0 };
	char from[TU_DATE_LEN], to[TU_DATE_LEN], local[TU_DISPLAY_LEN];
	enum sc_result rc = assignment_window(d, rec, from, to, err);

	if (rc || (rc = store_list(d->store, d->org, sdef, &lo, &list, err)))
		goto out;
	for (size_t i = 0; i < list.n; i++) {
		if (!tu_format_local(txt(list.items[i], "at"), d->tz, local))
			continue;
		local[10] = '\0';
		if (strcmp(local, from) < 0 || strcmp(local, to) > 0) {
			rc = sc_fail_msg(err, SC_CONFLICT,
			                 strcmp(local, from) < 0 ? "starts_on" : "ends_on", d->lang,
			                 "err.assignment.session_outside", "id",
			                 SC_I64(list.items[i]->id), "on", local, "from", from, "to",
			                 to, NULL);
			break;
		}
	}
out:
	record_list_release(&list);
	return rc;
}

static enum sc_result validate_assignment(struct domain *d, const struct record *rec,
                                          struct sc_error *err)
{
	struct record *prog = NULL, *coachee = NULL;
	int64_t coach_pid = 0;
	enum sc_result rc;

	if ((rc = coach_person(d, record_int(rec, "coach"), &coach_pid, NULL, 0, err)))
		return rc;
	if (coach_pid == record_int(rec, "coachee"))
		return sc_fail_msg(err, SC_INVALID, "coachee", d->lang, "err.assignment.self", "id",
		                   SC_I64(coach_pid), NULL);
	if ((rc = check_order(d->lang, rec, "starts_on", "ends_on", err)))
		return rc;
	if ((rc = domain_load_ref(d, rec, "programme", &prog, err)))
		return rc;
	const char *ps = txt(prog, "starts_on"), *pe = txt(prog, "ends_on");
	if (strcmp(txt(rec, "starts_on"), ps) < 0 || strcmp(txt(rec, "starts_on"), pe) > 0)
		rc = sc_fail_msg(err, SC_INVALID, "starts_on", d->lang,
		                 "err.assignment.start_outside", "on", txt(rec, "starts_on"), "id",
		                 SC_I64(prog->id), "from", ps, "to", pe, NULL);
	else if (has(rec, "ends_on") && strcmp(txt(rec, "ends_on"), pe) > 0)
		rc = sc_fail_msg(err, SC_INVALID, "ends_on", d->lang, "err.assignment.end_after",
		                 "on", txt(rec, "ends_on"), "id", SC_I64(prog->id), "to", pe, NULL);
	record_free(&prog);
	if (rc)
		return rc;
	if ((rc = domain_load_ref(d, rec, "coachee", &coachee, err)))
		return rc;
	if (!record_int(coachee, "active") && strcmp(txt(rec, "status"), "active") == 0)
		rc = sc_fail_msg(err, SC_INVALID, "coachee", d->lang, "err.assignment.inactive",
		                 "id", SC_I64(coachee->id), NULL);
	record_free(&coachee);
	if (rc)
		return rc;
	if (rec->id && (rc = check_sessions_inside(d, rec, err)))
		return rc;
	/* One relationship per coachee and programme at a time. */
	struct filter f[4] = { { entity_field(rec->def, "programme"), FO_EQ,
		                 record_int(rec, "programme"), 0, NULL },
		               { entity_field(rec->def, "coachee"), FO_EQ,
		                 record_int(rec, "coachee"), 0, NULL },
		               { entity_field(rec->def, "status"), FO_EQ, 0, 0, "active" },
		               { FILTER_ID, FO_NE, rec->id, 0, NULL } };
	int64_t n = 0;
	if (strcmp(txt(rec, "status"), "active") != 0)
		return SC_OK;
	if ((rc = store_count(d->store, d->org, rec->def, f, 4, &n, err)))
		return rc;
	if (n)
		return sc_fail_msg(err, SC_CONFLICT, "coachee", d->lang, "err.assignment.twice",
		                   "id", SC_I64(record_int(rec, "coachee")), "programme",
		                   SC_I64(record_int(rec, "programme")), NULL);
	return SC_OK;
}

static enum sc_result validate_session(struct domain *d, const struct record *rec,
                                       struct sc_error *err)
{
	static const char *const ride_fields[] = { "customer", "stage", "role", "follow_up" };
	struct record *a = NULL;
	char from[TU_DATE_LEN], to[TU_DATE_LEN], local[TU_DISPLAY_LEN], now[TU_INSTANT_LEN];
	enum sc_result rc;

	if (strcmp(txt(rec, "kind"), "ride_along") != 0)
		for (size_t i = 0; i < 4; i++)
			if (has(rec, ride_fields[i]))
				return sc_fail_msg(err, SC_INVALID, ride_fields[i], d->lang,
				                   "err.session.ride_only", "field", ride_fields[i],
				                   NULL);
	if (has(rec, "feedback") && strcmp(txt(rec, "status"), "held") != 0)
		return sc_fail_msg(err, SC_INVALID, "feedback", d->lang, "err.session.feedback",
		                   NULL);
	tu_now_instant(now);
	if (strcmp(txt(rec, "status"), "held") == 0 && strcmp(txt(rec, "at"), now) > 0)
		return sc_fail_msg(err, SC_INVALID, "status", d->lang, "err.session.held_future",
		                   NULL);
	if ((rc = domain_load_ref(d, rec, "assignment", &a, err)))
		return rc;
	rc = assignment_window(d, a, from, to, err);
	record_free(&a);
	if (rc)
		return rc;
	if (!tu_format_local(txt(rec, "at"), d->tz, local))
		return sc_fail_msg(err, SC_INVALID, "at", d->lang, "err.session.bad_time", NULL);
	local[10] = '\0';
	if (strcmp(local, from) < 0 || strcmp(local, to) > 0)
		return sc_fail_msg(err, SC_INVALID, "at", d->lang, "err.session.outside", "on",
		                   local, "id", SC_I64(record_int(rec, "assignment")), "from", from,
		                   "to", to, NULL);
	return SC_OK;
}

/* Existing assignments of a programme must stay inside its dates. */
static enum sc_result validate_programme(struct domain *d, const struct record *rec,
                                         struct sc_error *err)
{
	enum sc_result rc;
	if ((rc = check_order(d->lang, rec, "starts_on", "ends_on", err)) || !rec->id)
		return rc;
	const struct entity_def *adef = entity_get(E_ASSIGNMENT);
	struct filter f[2] = { { entity_field(adef, "programme"), FO_EQ, rec->id, 0, NULL },
		               { entity_field(adef, "starts_on"), FO_LT, 0, 0,
		                 txt(rec, "starts_on") } };
	int64_t early = 0, late = 0, after = 0;
	if ((rc = store_count(d->store, d->org, adef, f, 2, &early, err)))
		return rc;
	f[1] = (struct filter){ entity_field(adef, "ends_on"), FO_GT, 0, 0, txt(rec, "ends_on") };
	if ((rc = store_count(d->store, d->org, adef, f, 2, &late, err)))
		return rc;
	f[1] = (struct filter){ entity_field(adef, "starts_on"), FO_GT, 0, 0, txt(rec, "ends_on") };
	if ((rc = store_count(d->store, d->org, adef, f, 2, &after, err)))
		return rc;
	if (early + late + after)
		return sc_fail_msg(err, SC_CONFLICT, early ? "starts_on" : "ends_on", d->lang,
		                   "err.programme.outside", "n", SC_I64(early + late + after),
		                   "from", txt(rec, "starts_on"), "to", txt(rec, "ends_on"), NULL);
	return SC_OK;
}

static enum sc_result validate_coach(enum msg_lang lang, const struct record *rec,
                                     struct sc_error *err)
{
	bool external = strcmp(txt(rec, "kind"), "external") == 0;
	if (external && !has(rec, "company"))
		return sc_fail_msg(err, SC_INVALID, "company", lang, "err.coach.company_required",
		                   NULL);
	if (!external && has(rec, "company"))
		return sc_fail_msg(err, SC_INVALID, "company", lang, "err.coach.company_only",
		                   NULL);
	return SC_OK;
}

static enum sc_result validate_observation(struct domain *d, const struct record *rec,
                                           struct sc_error *err)
{
	struct record *r = NULL;
	enum sc_result rc = domain_load_ref(d, rec, "session", &r, err);
	if (rc)
		return rc;
	if (strcmp(txt(r, "kind"), "ride_along") != 0) {
		char label[64];
		snprintf(label, sizeof(label), "session.kind.%s", txt(r, "kind"));
		rc = sc_fail_msg(err, SC_INVALID, "session", d->lang, "err.observation.kind", "id",
		                 SC_I64(r->id), "kind", msg_text(d->lang, label), NULL);
	}
	record_free(&r);
	return rc;
}

/* An action item belongs to a party of its assignment, and its session to the same one. */
static enum sc_result validate_action(struct domain *d, const struct record *rec,
                                      struct sc_error *err)
{
	struct record *r = NULL;
	int64_t pid, coach_pid;
	enum sc_result rc = domain_load_ref(d, rec, "assignment", &r, err);
	if (rc)
		return rc;
	pid = record_int(r, "coachee");
	rc = coach_person(d, record_int(r, "coach"), &coach_pid, NULL, 0, err);
	record_free(&r);
	if (rc)
		return rc;
	if (record_int(rec, "owner") != pid && record_int(rec, "owner") != coach_pid)
		return sc_fail_msg(err, SC_INVALID, "owner", d->lang, "err.action.owner", "coach",
		                   SC_I64(coach_pid), "coachee", SC_I64(pid), NULL);
	if (has(rec, "session")) {
		if ((rc = domain_load_ref(d, rec, "session", &r, err)))
			return rc;
		if (record_int(r, "assignment") != record_int(rec, "assignment"))
			rc = sc_fail_msg(err, SC_INVALID, "session", d->lang, "err.action.session",
			                 "id", SC_I64(r->id), NULL);
		record_free(&r);
		if (rc)
			return rc;
	}
	return check_not_future(d, rec, "done_on", err);
}

/* Two people of rec's fields a and b must differ; else message id says why, on field b. */
static enum sc_result check_differ(enum msg_lang lang, const struct record *rec, const char *a,
                                   const char *b, const char *id, struct sc_error *err)
{
	if (record_int(rec, a) == record_int(rec, b))
		return sc_fail_msg(err, SC_INVALID, b, lang, id, NULL);
	return SC_OK;
}

static enum sc_result validate_task(enum msg_lang lang, const struct record *rec,
                                    struct sc_error *err)
{
	if (has(rec, "delegated_to") && !record_int(rec, "delegable"))
		return sc_fail_msg(err, SC_INVALID, "delegated_to", lang, "err.task.not_delegable",
		                   NULL);
	if (has(rec, "delegated_to") &&
	    record_int(rec, "delegated_to") == record_int(rec, "manager"))
		return sc_fail_msg(err, SC_INVALID, "delegated_to", lang, "err.task.self", NULL);
	return SC_OK;
}

/*
 * The coach of rec's "coach" is one of kinds ("senior", "internal|external");
 * else field refuses with message id, which says what is allowed.
 */
static enum sc_result check_coach_kind(struct domain *d, const struct record *rec,
                                       const char *field, const char *kinds, const char *id,
                                       struct sc_error *err)
{
	char kind[32], label[64];
	int64_t pid;
	enum sc_result rc;

	if ((rc = coach_person(d, record_int(rec, "coach"), &pid, kind, sizeof(kind), err)))
		return rc;
	for (const char *p = kinds; *p;) {
		size_t n = strcspn(p, "|");
		if (strlen(kind) == n && strncmp(p, kind, n) == 0)
			return SC_OK;
		p += n + (p[n] == '|');
	}
	snprintf(label, sizeof(label), "err.label.coach.kind.%s", kind);
	return sc_fail_msg(err, SC_INVALID, field, d->lang, id, "id",
	                   SC_I64(record_int(rec, "coach")), "kind",
	                   msg_exists(label) ? msg_text(d->lang, label) : kind, NULL);
}

static enum sc_result validate_presence(struct domain *d, const struct record *rec,
                                        struct sc_error *err)
{
	enum sc_result rc = check_coach_kind(d, rec, "coach", "internal|external",
	                                     "presence is logged for internal and external "
	                                     "coaches",
	                                     err);
	if (rc)
		return rc;
	if (has(rec, "activity") && strcmp(txt(rec, "kind"), "team_activity") != 0 &&
	    strcmp(txt(rec, "kind"), "team_meeting") != 0)
		return sc_fail_msg(err, SC_INVALID, "activity", d->lang, "err.presence.activity",
		                   NULL);
	return SC_OK;
}

static enum sc_result validate_survey(struct domain *d, const struct record *rec,
                                      struct sc_error *err)
{
	if (has(rec, "feels_like_assessment") && strcmp(txt(rec, "respondent"), "coachee") != 0)
		return sc_fail_msg(err, SC_INVALID, "feels_like_assessment", d->lang,
		                   "err.survey.feels_like_assessment", NULL);
	if (!has(rec, "not_reporting"))
		return SC_OK;
	if (strcmp(txt(rec, "respondent"), "coachee") != 0)
		return sc_fail_msg(err, SC_INVALID, "not_reporting", d->lang,
		                   "err.survey.not_reporting", NULL);
	return check_coach_kind(d, rec, "not_reporting", "internal|external",
	                        "err.survey.not_reporting_kind", err);
}

/* One sales result per rep and month. */
static enum sc_result validate_result(struct domain *d, const struct record *rec,
                                      struct sc_error *err)
{
	const struct entity_def *def = rec->def;
	struct filter f[3] = { { entity_field(def, "rep"), FO_EQ, record_int(rec, "rep"), 0, NULL },
		               { entity_field(def, "month"), FO_EQ, 0, 0, txt(rec, "month") },
		               { FILTER_ID, FO_NE, rec->id, 0, NULL } };
	int64_t n = 0;
	enum sc_result rc =
	        key_checked(d) ? SC_OK : store_count(d->store, d->org, def, f, 3, &n, err);
	if (rc)
		return rc;
	if (n)
		return sc_fail_msg(err, SC_CONFLICT, "month", d->lang, "err.result.twice", "id",
		                   SC_I64(record_int(rec, "rep")), "month", txt(rec, "month"),
		                   NULL);
	return SC_OK;
}

/* The rules of each kind beyond its fields' own: order of dates, parties, references. */
static enum sc_result validate_rules(struct domain *d, const struct record *rec,
                                     struct sc_error *err)
{
	enum sc_result rc;

	switch (rec->def->kind) {
	case E_PERSON:
		return check_no_cycle(d, rec, "superior", err);
	case E_TEAM:
		return check_no_cycle(d, rec, "parent", err);
	case E_PROGRAMME:
		return validate_programme(d, rec, err);
	case E_COACH:
		return validate_coach(d->lang, rec, err);
	case E_TRAINING:
		return check_not_future(d, rec, "completed_on", err);
	case E_ASSIGNMENT:
		return validate_assignment(d, rec, err);
	case E_SESSION:
		return validate_session(d, rec, err);
	case E_OBSERVATION:
		return validate_observation(d, rec, err);
	case E_ACTION:
		return validate_action(d, rec, err);
	case E_APPRAISAL:
		rc = check_differ(d->lang, rec, "rep", "manager", "err.appraisal.self", err);
		return rc ? rc : check_order(d->lang, rec, "period_from", "period_to", err);
	case E_ASSESSMENT:
		return check_differ(d->lang, rec, "candidate", "assessor", "err.assessment.self",
		                    err);
	case E_SUPERVISION:
		rc = check_differ(d->lang, rec, "manager", "reviewer", "err.supervision.self", err);
		return rc ? rc : check_order(d->lang, rec, "reviewed_on", "next_review_on", err);
	case E_TASK:
		return validate_task(d->lang, rec, err);
	case E_INCENTIVE:
		rc = check_coach_kind(d, rec, "coach", "senior", "err.incentive.senior", err);
		return rc ? rc : check_order(d->lang, rec, "starts_on", "ends_on", err);
	case E_PRESENCE:
		return validate_presence(d, rec, err);
	case E_SURVEY:
		return validate_survey(d, rec, err);
	case E_RESULT:
		return validate_result(d, rec, err);
	default:
		return SC_OK;
	}
}

/*
 * Check every set value as if it had been typed, so that records built by
 * code (importers, the demo, the API) meet the same rules as the command line.
 */
static enum sc_result check_values(struct domain *d, const struct record *rec, struct sc_error *err)
{
	struct record *scratch = record_new(rec->def);
	enum sc_result rc = SC_OK;
	size_t cap = 64;
	char *text = NULL;

	for (size_t i = 0; i < rec->def->nfields; i++)
		if (rec->v[i].state == V_SET && rec->v[i].s && strlen(rec->v[i].s) + 64 > cap)
			cap = strlen(rec->v[i].s) + 64;
	text = malloc(cap);
	if (!scratch || !text) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < rec->def->nfields && rc == SC_OK; i++) {
		if (rec->v[i].state != V_SET)
			continue;
		if (rec->def->fields[i].type == FT_INT)
			rc = domain_set_number(d, scratch, (int)i, (double)rec->v[i].i, err);
		else if (rec->def->fields[i].type == FT_REAL)
			rc = domain_set_number(d, scratch, (int)i, rec->v[i].r, err);
		else
			rc = domain_parse(d, scratch, (int)i, record_format(rec, (int)i, text, cap),
			                  err);
	}
out:
	free(text);
	record_free(&scratch);
	return rc;
}

enum sc_result domain_validate(struct domain *d, const struct record *rec, struct sc_error *err)
{
	enum sc_result rc;

	bool parsed = d->batch != DOMAIN_BATCH_NONE && d->values_parsed;

	if ((!parsed && (rc = check_values(d, rec, err))) ||
	    (rc = check_required(d->lang, rec, err)) || (rc = check_refs(d, rec, err)) ||
	    (rc = check_unique(d, rec, err)) || (rc = check_skills(d, rec, err)))
		return rc;
	return validate_rules(d, rec, err);
}
