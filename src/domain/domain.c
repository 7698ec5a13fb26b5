/*
 * domain.c - validation, references, removal, privacy and audit (see
 * domain.h). Rules that span fields or records live in validate_rules().
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

#include "model/recjson.h"
#include "domain/settings.h"
#include "base/text.h"

#define LOCAL_ADMIN "local administrator"

enum sc_result domain_init(struct domain *d, struct store *st, int64_t org, struct sc_error *err)
{
	char locale[16];
	enum sc_result rc;

	memset(d, 0, sizeof(*d));
	d->store = st;
	d->org = org;
	snprintf(d->actor.name, sizeof(d->actor.name), "%s", LOCAL_ADMIN);
	if ((rc = settings_get(st, org, "timezone", d->tz, sizeof(d->tz), err)) ||
	    (rc = settings_get(st, org, "locale", locale, sizeof(locale), err)))
		return rc;
	if (!msg_lang_parse(locale, &d->lang))
		d->lang = MSG_EN;
	tu_today(d->tz, d->today);
	return SC_OK;
}

/* Field index by name; the name is one of this file's own, so it exists. */
static int fx(const struct entity_def *def, const char *name)
{
	return entity_field(def, name);
}

static enum sc_result find_one(struct domain *d, const struct entity_def *def, const char *field,
                               const char *text, struct record **out, struct sc_error *err)
{
	struct filter f = { fx(def, field), FO_EQ, 0, 0, text };
	return store_first(d->store, d->org, def, &f, 1, out, err);
}

enum sc_result domain_act_as(struct domain *d, const char *email, struct sc_error *err)
{
	const struct entity_def *pdef = entity_get(E_PERSON);
	struct record *p = NULL;
	char lower[256];
	size_t i;
	enum sc_result rc;

	for (i = 0; email[i] && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower((unsigned char)email[i]);
	lower[i] = '\0';
	if ((rc = find_one(d, pdef, "email", lower, &p, err)))
		return rc;
	if (!p)
		return sc_fail(err, SC_INVALID, "as",
		               "--as: nobody in this organisation has the e-mail address '%s'",
		               email);
	if (!record_int(p, "active")) {
		record_free(&p);
		return sc_fail(err, SC_FORBIDDEN, "as", "--as: %s is not active", email);
	}
	d->actor.person_id = p->id;
	snprintf(d->actor.name, sizeof(d->actor.name), "%s", lower);
	record_free(&p);
	return domain_access_roles(d, d->actor.person_id, &d->actor.roles, err);
}

enum sc_result domain_act_as_person(struct domain *d, int64_t person, struct sc_error *err)
{
	struct record *p = NULL;
	enum sc_result rc = store_get(d->store, d->org, entity_get(E_PERSON), person, &p, err);
	if (rc == SC_NOT_FOUND)
		return sc_fail(err, SC_FORBIDDEN, NULL, "person %" PRId64 " does not exist",
		               person);
	if (rc)
		return rc;
	if (!record_int(p, "active")) {
		rc = sc_fail(err, SC_FORBIDDEN, NULL, "%s is no longer active",
		             record_text(p, "email"));
		record_free(&p);
		return rc;
	}
	d->actor.person_id = p->id;
	snprintf(d->actor.name, sizeof(d->actor.name), "%s", record_text(p, "email"));
	record_free(&p);
	return domain_access_roles(d, d->actor.person_id, &d->actor.roles, err);
}

/* ---- validation --------------------------------------------------------------------------- */

/* Fill absent fields of a new record with their defaults. */
static enum sc_result apply_defaults(const struct domain *d, struct record *rec,
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

static enum sc_result check_required(const struct record *rec, struct sc_error *err)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		if ((f->flags & FF_REQUIRED) && rec->v[i].state != V_SET)
			return sc_fail(err, SC_INVALID, f->name, "%s is required: %s (%s)", f->name,
			               f->help, entity_type_hint(f));
	}
	return SC_OK;
}

enum sc_result domain_load_ref(struct domain *d, const struct record *rec, const char *name,
                               struct record **out, struct sc_error *err)
{
	int i = fx(rec->def, name);
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
		return sc_fail(err, SC_NOT_FOUND, f->name,
		               "%s: there is no %s with id %" PRId64
		               "; `salescoach %s list` shows the ids",
		               f->name, target->name, rec->v[i].i, target->name);
	return rc;
}

static enum sc_result check_refs(struct domain *d, const struct record *rec, struct sc_error *err)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		struct record *ref = NULL;
		enum sc_result rc;
		if (rec->def->fields[i].type != FT_REF)
			continue;
		rc = domain_load_ref(d, rec, rec->def->fields[i].name, &ref, err);
		record_free(&ref);
		if (rc)
			return rc;
	}
	return SC_OK;
}

static enum sc_result check_unique(struct domain *d, const struct record *rec, struct sc_error *err)
{
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
			return sc_fail(err, SC_CONFLICT, f->name,
			               "%s: another %s already has %s %s; each %s may be used once",
			               f->name, rec->def->name, f->name,
			               record_format(rec, (int)i, shown, sizeof(shown)), f->name);
	}
	return SC_OK;
}

static enum sc_result check_skill_exists(struct domain *d, const char *field, const char *code,
                                         struct sc_error *err)
{
	struct record *skill = NULL;
	enum sc_result rc = find_one(d, entity_get(E_SKILL), "code", code, &skill, err);
	if (rc)
		return rc;
	if (!skill)
		return sc_fail(
		        err, SC_INVALID, field,
		        "%s: there is no skill '%s' in the framework; `salescoach skill list` "
		        "shows the codes",
		        field, code);
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
static enum sc_result check_order(const struct record *rec, const char *earlier, const char *later,
                                  struct sc_error *err)
{
	if (has(rec, earlier) && has(rec, later) && strcmp(txt(rec, later), txt(rec, earlier)) < 0)
		return sc_fail(err, SC_INVALID, later,
		               "%s (%s) is before %s (%s); it must be on or after it", later,
		               txt(rec, later), earlier, txt(rec, earlier));
	return SC_OK;
}

static enum sc_result check_not_future(const struct domain *d, const struct record *rec,
                                       const char *field, struct sc_error *err)
{
	if (has(rec, field) && strcmp(txt(rec, field), d->today) > 0)
		return sc_fail(err, SC_INVALID, field, "%s (%s) is in the future; today is %s",
		               field, txt(rec, field), d->today);
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
		return sc_fail(err, SC_INVALID, up, "%s: a %s cannot be its own %s", up,
		               rec->def->name, up);
	while (next && steps++ < 1000) {
		struct record *r = NULL;
		if (store_get(d->store, d->org, rec->def, next, &r, NULL))
			return SC_OK;
		next = has(r, up) ? record_int(r, up) : 0;
		record_free(&r);
		if (rec->id && next == rec->id)
			return sc_fail(err, SC_INVALID, up,
			               "%s: this would make a loop (%s %" PRId64
			               " would end up above itself)",
			               up, rec->def->name, rec->id);
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
	struct filter f = { fx(sdef, "assignment"), FO_EQ, rec->id, 0, NULL };
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
			rc = sc_fail(
			        err, SC_CONFLICT, strcmp(local, from) < 0 ? "starts_on" : "ends_on",
			        "session %" PRId64 " (%s) would fall outside %s to %s; move or "
			        "remove it first",
			        list.items[i]->id, local, from, to);
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
		return sc_fail(err, SC_INVALID, "coachee",
		               "coachee: person %" PRId64 " is the coach of this assignment; coach "
		               "and coachee must be different people",
		               coach_pid);
	if ((rc = check_order(rec, "starts_on", "ends_on", err)))
		return rc;
	if ((rc = domain_load_ref(d, rec, "programme", &prog, err)))
		return rc;
	const char *ps = txt(prog, "starts_on"), *pe = txt(prog, "ends_on");
	if (strcmp(txt(rec, "starts_on"), ps) < 0 || strcmp(txt(rec, "starts_on"), pe) > 0)
		rc = sc_fail(err, SC_INVALID, "starts_on",
		             "starts_on (%s) is outside programme %" PRId64
		             ", which runs from %s to %s; choose a date inside it",
		             txt(rec, "starts_on"), prog->id, ps, pe);
	else if (has(rec, "ends_on") && strcmp(txt(rec, "ends_on"), pe) > 0)
		rc = sc_fail(err, SC_INVALID, "ends_on",
		             "ends_on (%s) is after the end of programme %" PRId64
		             " (%s); choose a date inside it",
		             txt(rec, "ends_on"), prog->id, pe);
	record_free(&prog);
	if (rc)
		return rc;
	if ((rc = domain_load_ref(d, rec, "coachee", &coachee, err)))
		return rc;
	if (!record_int(coachee, "active") && strcmp(txt(rec, "status"), "active") == 0)
		rc = sc_fail(err, SC_INVALID, "coachee",
		             "coachee: person %" PRId64 " is not active; reactivate them first",
		             coachee->id);
	record_free(&coachee);
	if (rc)
		return rc;
	if (rec->id && (rc = check_sessions_inside(d, rec, err)))
		return rc;
	/* One relationship per coachee and programme at a time. */
	struct filter f[4] = {
		{ fx(rec->def, "programme"), FO_EQ, record_int(rec, "programme"), 0, NULL },
		{ fx(rec->def, "coachee"), FO_EQ, record_int(rec, "coachee"), 0, NULL },
		{ fx(rec->def, "status"), FO_EQ, 0, 0, "active" },
		{ FILTER_ID, FO_NE, rec->id, 0, NULL }
	};
	int64_t n = 0;
	if (strcmp(txt(rec, "status"), "active") != 0)
		return SC_OK;
	if ((rc = store_count(d->store, d->org, rec->def, f, 4, &n, err)))
		return rc;
	if (n)
		return sc_fail(err, SC_CONFLICT, "coachee",
		               "coachee: person %" PRId64 " already has an active assignment in "
		               "programme %" PRId64 "; end that one first (status ended)",
		               record_int(rec, "coachee"), record_int(rec, "programme"));
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
				return sc_fail(err, SC_INVALID, ride_fields[i],
				               "%s: only a ride_along session has a %s; set --kind "
				               "ride_along or leave it out",
				               ride_fields[i], ride_fields[i]);
	if (has(rec, "feedback") && strcmp(txt(rec, "status"), "held") != 0)
		return sc_fail(err, SC_INVALID, "feedback",
		               "feedback: only a held session can have the coachee's feedback");
	tu_now_instant(now);
	if (strcmp(txt(rec, "status"), "held") == 0 && strcmp(txt(rec, "at"), now) > 0)
		return sc_fail(err, SC_INVALID, "status",
		               "status: a session in the future cannot be held yet; record it as "
		               "planned");
	if ((rc = domain_load_ref(d, rec, "assignment", &a, err)))
		return rc;
	rc = assignment_window(d, a, from, to, err);
	record_free(&a);
	if (rc)
		return rc;
	if (!tu_format_local(txt(rec, "at"), d->tz, local))
		return sc_fail(err, SC_INVALID, "at", "at: not a valid time");
	local[10] = '\0';
	if (strcmp(local, from) < 0 || strcmp(local, to) > 0)
		return sc_fail(err, SC_INVALID, "at",
		               "at (%s) is outside assignment %" PRId64
		               ", which runs from %s to %s; choose a time inside it",
		               local, record_int(rec, "assignment"), from, to);
	return SC_OK;
}

static enum sc_result validate_rules(struct domain *d, const struct record *rec,
                                     struct sc_error *err)
{
	enum sc_result rc = SC_OK;
	struct record *r = NULL;
	char kind[32];
	int64_t pid, coach_pid;

	switch (rec->def->kind) {
	case E_PERSON:
		return check_no_cycle(d, rec, "superior", err);
	case E_TEAM:
		return check_no_cycle(d, rec, "parent", err);
	case E_PROGRAMME: {
		if ((rc = check_order(rec, "starts_on", "ends_on", err)) || !rec->id)
			return rc;
		/* Existing assignments must stay inside the programme. */
		const struct entity_def *adef = entity_get(E_ASSIGNMENT);
		struct filter f[2] = { { fx(adef, "programme"), FO_EQ, rec->id, 0, NULL },
			               { fx(adef, "starts_on"), FO_LT, 0, 0,
			                 txt(rec, "starts_on") } };
		int64_t n = 0;
		if ((rc = store_count(d->store, d->org, adef, f, 2, &n, err)))
			return rc;
		f[1] = (struct filter){ fx(adef, "ends_on"), FO_GT, 0, 0, txt(rec, "ends_on") };
		int64_t m = 0, late = 0;
		if ((rc = store_count(d->store, d->org, adef, f, 2, &m, err)))
			return rc;
		f[1] = (struct filter){ fx(adef, "starts_on"), FO_GT, 0, 0, txt(rec, "ends_on") };
		if ((rc = store_count(d->store, d->org, adef, f, 2, &late, err)))
			return rc;
		m += late;
		if (n + m)
			return sc_fail(err, SC_CONFLICT, n ? "starts_on" : "ends_on",
			               "%" PRId64
			               " assignment(s) of this programme would fall outside "
			               "%s to %s; change their dates first",
			               n + m, txt(rec, "starts_on"), txt(rec, "ends_on"));
		return SC_OK;
	}
	case E_COACH:
		if (strcmp(txt(rec, "kind"), "external") == 0 && !has(rec, "company"))
			return sc_fail(
			        err, SC_INVALID, "company",
			        "company is required for an external coach: the company they "
			        "come from");
		if (strcmp(txt(rec, "kind"), "external") != 0 && has(rec, "company"))
			return sc_fail(
			        err, SC_INVALID, "company",
			        "company: only an external coach has a company; leave it out");
		return SC_OK;
	case E_TRAINING:
		return check_not_future(d, rec, "completed_on", err);
	case E_ASSIGNMENT:
		return validate_assignment(d, rec, err);
	case E_SESSION:
		return validate_session(d, rec, err);
	case E_OBSERVATION:
		if ((rc = domain_load_ref(d, rec, "session", &r, err)))
			return rc;
		if (strcmp(txt(r, "kind"), "ride_along") != 0)
			rc = sc_fail(err, SC_INVALID, "session",
			             "session: %" PRId64 " is a %s session; observations belong to "
			             "a ride_along session",
			             r->id, txt(r, "kind"));
		record_free(&r);
		return rc;
	case E_ACTION:
		if ((rc = domain_load_ref(d, rec, "assignment", &r, err)))
			return rc;
		pid = record_int(r, "coachee");
		rc = coach_person(d, record_int(r, "coach"), &coach_pid, NULL, 0, err);
		record_free(&r);
		if (rc)
			return rc;
		if (record_int(rec, "owner") != pid && record_int(rec, "owner") != coach_pid)
			return sc_fail(err, SC_INVALID, "owner",
			               "owner: an action item belongs to the coach (person %" PRId64
			               ") or the coachee (person %" PRId64 ") of the assignment",
			               coach_pid, pid);
		if (has(rec, "session")) {
			if ((rc = domain_load_ref(d, rec, "session", &r, err)))
				return rc;
			if (record_int(r, "assignment") != record_int(rec, "assignment"))
				rc = sc_fail(err, SC_INVALID, "session",
				             "session: %" PRId64 " belongs to another assignment",
				             r->id);
			record_free(&r);
			if (rc)
				return rc;
		}
		return check_not_future(d, rec, "done_on", err);
	case E_APPRAISAL:
		if (record_int(rec, "rep") == record_int(rec, "manager"))
			return sc_fail(err, SC_INVALID, "manager",
			               "manager: a rep cannot appraise themselves");
		return check_order(rec, "period_from", "period_to", err);
	case E_ASSESSMENT:
		if (record_int(rec, "candidate") == record_int(rec, "assessor"))
			return sc_fail(err, SC_INVALID, "assessor",
			               "assessor: a candidate cannot assess themselves");
		return SC_OK;
	case E_SUPERVISION:
		if (record_int(rec, "manager") == record_int(rec, "reviewer"))
			return sc_fail(err, SC_INVALID, "reviewer",
			               "reviewer: a manager cannot review their own coaching; the "
			               "reviewer is their superior");
		return check_order(rec, "reviewed_on", "next_review_on", err);
	case E_TASK:
		if (has(rec, "delegated_to") && !record_int(rec, "delegable"))
			return sc_fail(
			        err, SC_INVALID, "delegated_to",
			        "delegated_to: the task is not delegable; set --delegable true "
			        "first");
		if (has(rec, "delegated_to") &&
		    record_int(rec, "delegated_to") == record_int(rec, "manager"))
			return sc_fail(err, SC_INVALID, "delegated_to",
			               "delegated_to: delegate to someone other than the manager");
		return SC_OK;
	case E_INCENTIVE:
		if ((rc = coach_person(d, record_int(rec, "coach"), &pid, kind, sizeof(kind), err)))
			return rc;
		if (strcmp(kind, "senior") != 0)
			return sc_fail(
			        err, SC_INVALID, "coach",
			        "coach: incentive plans are for senior coaches; coach %" PRId64
			        " is a %s coach",
			        record_int(rec, "coach"), kind);
		return check_order(rec, "starts_on", "ends_on", err);
	case E_PRESENCE:
		if ((rc = coach_person(d, record_int(rec, "coach"), &pid, kind, sizeof(kind), err)))
			return rc;
		if (strcmp(kind, "internal") != 0 && strcmp(kind, "external") != 0)
			return sc_fail(
			        err, SC_INVALID, "coach",
			        "coach: presence is logged for internal and external coaches; "
			        "coach %" PRId64 " is a %s coach",
			        record_int(rec, "coach"), kind);
		if (has(rec, "activity") && strcmp(txt(rec, "kind"), "team_activity") != 0 &&
		    strcmp(txt(rec, "kind"), "team_meeting") != 0)
			return sc_fail(err, SC_INVALID, "activity",
			               "activity: only a team_meeting or team_activity presence "
			               "refers to a team activity");
		return SC_OK;
	case E_SURVEY:
		if (!has(rec, "not_reporting"))
			return SC_OK;
		if (strcmp(txt(rec, "respondent"), "coachee") != 0)
			return sc_fail(
			        err, SC_INVALID, "not_reporting",
			        "not_reporting: 'this coach does not report on me' is asked of "
			        "coachees only; leave it out for management answers");
		if ((rc = coach_person(d, record_int(rec, "coach"), &pid, kind, sizeof(kind), err)))
			return rc;
		if (strcmp(kind, "internal") != 0 && strcmp(kind, "external") != 0)
			return sc_fail(
			        err, SC_INVALID, "not_reporting",
			        "not_reporting: this item is asked about internal and external "
			        "coaches only; coach %" PRId64 " is a %s coach",
			        record_int(rec, "coach"), kind);
		return SC_OK;
	case E_RESULT: {
		const struct entity_def *def = rec->def;
		struct filter f[3] = { { fx(def, "rep"), FO_EQ, record_int(rec, "rep"), 0, NULL },
			               { fx(def, "month"), FO_EQ, 0, 0, txt(rec, "month") },
			               { FILTER_ID, FO_NE, rec->id, 0, NULL } };
		int64_t n = 0;
		if ((rc = store_count(d->store, d->org, def, f, 3, &n, err)))
			return rc;
		if (n)
			return sc_fail(err, SC_CONFLICT, "month",
			               "month: rep %" PRId64 " already has a result for %s; update "
			               "that one instead",
			               record_int(rec, "rep"), txt(rec, "month"));
		return SC_OK;
	}
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
			rc = domain_set_number(scratch, (int)i, (double)rec->v[i].i, err);
		else if (rec->def->fields[i].type == FT_REAL)
			rc = domain_set_number(scratch, (int)i, rec->v[i].r, err);
		else
			rc = domain_parse(d, scratch, (int)i, record_format(rec, (int)i, text, cap),
			                  err);
	}
out:
	free(text);
	record_free(&scratch);
	return rc;
}

static enum sc_result validate(struct domain *d, const struct record *rec, struct sc_error *err)
{
	enum sc_result rc;

	if ((rc = check_values(d, rec, err)) || (rc = check_required(rec, err)) ||
	    (rc = check_refs(d, rec, err)) || (rc = check_unique(d, rec, err)) ||
	    (rc = check_skills(d, rec, err)))
		return rc;
	return validate_rules(d, rec, err);
}

/* ---- audit -------------------------------------------------------------------------------- */

static char *json_text(const struct record *rec)
{
	json_t *obj = rec ? recjson_object(rec, RJ_REDACT) : NULL;
	char *s = obj ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(obj);
	return s;
}

static enum sc_result audit(struct domain *d, const char *action, const struct entity_def *def,
                            int64_t id, const struct record *before, const struct record *after,
                            struct sc_error *err)
{
	struct record *log = record_new(entity_get(E_AUDIT));
	char now[TU_INSTANT_LEN];
	char *b = json_text(before), *a = json_text(after);
	enum sc_result rc = SC_NOMEM;

	if (!log || (before && !b) || (after && !a))
		goto out;
	tu_now_instant(now);
	if ((rc = record_put_text(log, "at", now)) ||
	    (rc = record_put_text(log, "actor", d->actor.name)) ||
	    (rc = record_put_text(log, "entity", def->name)) ||
	    (rc = record_put_text(log, "action", action)))
		goto out;
	record_put_int(log, "record_id", id);
	if (b && (rc = record_put_text(log, "before", b)))
		goto out;
	if (a && (rc = record_put_text(log, "after", a)))
		goto out;
	rc = store_insert(d->store, d->org, log, err);
out:
	if (rc == SC_NOMEM)
		sc_fail(err, rc, NULL, "out of memory");
	free(b);
	free(a);
	record_free(&log);
	return rc;
}

/* ---- prevention at input ------------------------------------------------------------------ */

/*
 * The override reason of a change: the caller's, else one the caller set
 * in the record itself (change: the values given, as an update carries
 * them). *out borrows from d or change; NULL when there is none.
 */
static enum sc_result given_reason(struct domain *d, const struct record *change, const char **out,
                                   struct sc_error *err)
{
	int i = entity_field(change->def, "override_reason");
	const char *r = d->override_reason;

	*out = NULL;
	if (i >= 0 && change->v[i].state == V_NULL)
		return sc_fail(err, SC_INVALID, "override_reason", "%s",
		               msg_text(d->lang, "prevent.keep_reason"));
	if (!r && i >= 0 && change->v[i].state == V_SET)
		r = change->v[i].s;
	if (!r)
		return SC_OK;
	const char *p = r;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return sc_fail(err, SC_INVALID, "override_reason", "%s",
		               msg_text(d->lang, "prevent.blank_reason"));
	*out = r;
	return SC_OK;
}

/*
 * Hold the change that makes `after` (before: the stored record on update)
 * against the pitfalls prevented at input: refuse it, or with an override
 * reason write the reason into after and change (what is stored), or leave
 * a warning in d. Runs inside the change's transaction and writes nothing.
 */
static enum sc_result prevent(struct domain *d, struct record *after, const struct record *before,
                              struct record *change, struct sc_error *err)
{
	struct prevent_outcome po;
	const char *given = NULL;
	char *reason = NULL, *warning = NULL;
	enum sc_result rc;

	if ((rc = given_reason(d, change, &given, err)) ||
	    (rc = domain_prevent_check(d, after, before, &po, err)))
		return rc;
	if (!po.pitfall[0]) {
		if (given)
			return sc_fail(err, SC_INVALID, "override_reason", "%s",
			               msg_text(d->lang, "prevent.nothing_to_override"));
		snprintf(d->warning, sizeof(d->warning), "%s", po.warning);
		return SC_OK;
	}
	if (!given)
		return sc_fail(err, SC_CONFLICT, po.field, "%s %s %s", po.pitfall, po.how,
		               msg_text(d->lang, "prevent.override_hint"));
	/* given may be the record's own value, which the parse below replaces. */
	int i = entity_field(after->def, "override_reason");
	const struct msg_arg arg = { "pitfall", po.pitfall };
	if (!(reason = strdup(given)) ||
	    !(warning = msg_format(d->lang, "prevent.overridden", &arg, 1))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	if ((rc = domain_parse(d, after, i, reason, err)) ||
	    (change != after && (rc = domain_parse(d, change, i, reason, err))))
		goto out;
	snprintf(d->warning, sizeof(d->warning), "%s", warning);
out:
	free(reason);
	free(warning);
	return rc;
}

/* ---- changes ------------------------------------------------------------------------------ */

static enum sc_result check_writable(const struct entity_def *def, struct sc_error *err)
{
	if (def->eflags & EF_READONLY)
		return sc_fail(err, SC_FORBIDDEN, NULL,
		               "the %s log is written by salescoach itself and cannot be changed",
		               def->name);
	return SC_OK;
}

enum sc_result domain_add(struct domain *d, struct record *rec, struct sc_error *err)
{
	enum sc_result rc;

	d->warning[0] = '\0';
	if ((rc = check_writable(rec->def, err)))
		return rc;
	rec->id = 0;
	if ((rc = apply_defaults(d, rec, err)) || (rc = store_begin(d->store, err)))
		return rc;
	if ((rc = validate(d, rec, err)) || (rc = domain_access_write(d, rec, err)) ||
	    (rc = domain_access_fields(d, rec, rec, err)) ||
	    (rc = domain_survey_ballot(d, rec, err)) || (rc = prevent(d, rec, NULL, rec, err)) ||
	    (rc = store_insert(d->store, d->org, rec, err)) ||
	    (rc = audit(d, "add", rec->def, rec->id, NULL, rec, err)) ||
	    (rc = store_commit(d->store, err))) {
		store_rollback(d->store);
		rec->id = 0;
		d->warning[0] = '\0';
		return rc;
	}
	return SC_OK;
}

enum sc_result domain_update(struct domain *d, const struct record *rec, struct sc_error *err)
{
	struct record *before = NULL, *merged = NULL, *change = NULL;
	enum sc_result rc;

	d->warning[0] = '\0';
	if ((rc = check_writable(rec->def, err)) || (rc = store_begin(d->store, err)))
		return rc;
	if ((rc = domain_access_kind(d, rec->def, err)) ||
	    (rc = store_get(d->store, d->org, rec->def, rec->id, &before, err)) ||
	    (rc = domain_access_read(d, before, err)) || (rc = domain_access_write(d, before, err)))
		goto fail;
	/* change: what is written, rec plus an override reason when one is used. */
	if (!(merged = record_dup(before)) || !(change = record_dup(rec))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		const struct value *v = &rec->v[i];
		if (v->state == V_ABSENT)
			continue;
		if (f->flags & FF_FIXED) {
			char a[300], b[300];
			record_format(rec, (int)i, a, sizeof(a));
			record_format(before, (int)i, b, sizeof(b));
			if (strcmp(a, b) != 0 || v->state != before->v[i].state) {
				rc = sc_fail(
				        err, SC_INVALID, f->name,
				        "%s cannot be changed once set; remove the %s and add a "
				        "new one instead",
				        f->name, rec->def->name);
				goto fail;
			}
		}
		record_clear(merged, (int)i);
		merged->v[i] = *v;
		if (v->s && !(merged->v[i].s = strdup(v->s))) {
			merged->v[i].state = V_ABSENT;
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			goto fail;
		}
	}
	if ((rc = validate(d, merged, err)) || (rc = domain_access_write(d, merged, err)) ||
	    (rc = domain_access_fields(d, merged, rec, err)) ||
	    (rc = prevent(d, merged, before, change, err)) ||
	    (rc = store_update(d->store, d->org, change, err)) ||
	    (rc = audit(d, "update", rec->def, rec->id, before, merged, err)) ||
	    (rc = store_commit(d->store, err)))
		goto fail;
	record_free(&before);
	record_free(&merged);
	record_free(&change);
	return SC_OK;
fail:
	store_rollback(d->store);
	d->warning[0] = '\0';
	record_free(&before);
	record_free(&merged);
	record_free(&change);
	return rc;
}

/* Describe the records that refer to def/id (not counting its own parts) in out. */
static enum sc_result blockers(struct domain *d, const struct entity_def *def, int64_t id,
                               char *out, size_t n, struct sc_error *err)
{
	size_t len = 0;
	out[0] = '\0';
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *e = entity_get((enum entity_kind)k);
		for (size_t i = 0; i < e->nfields; i++) {
			const struct field_def *f = &e->fields[i];
			struct filter flt = { (int)i, FO_EQ, id, 0, NULL };
			int64_t count = 0;
			enum sc_result rc;

			if (f->type != FT_REF || f->ref != def->kind || (f->flags & FF_OWNER))
				continue;
			if ((rc = store_count(d->store, d->org, e, &flt, 1, &count, err)))
				return rc;
			if (count && len < n)
				len += (size_t)snprintf(out + len, n - len,
				                        "%s%" PRId64 " %s (as %s)", len ? ", " : "",
				                        count, count == 1 ? e->name : e->plural,
				                        f->name);
		}
	}
	return SC_OK;
}

/* Audit the removal of the parts that go with record id of def (recursively). */
static enum sc_result audit_parts(struct domain *d, const struct entity_def *def, int64_t id,
                                  struct sc_error *err)
{
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *e = entity_get((enum entity_kind)k);
		for (size_t i = 0; i < e->nfields; i++) {
			const struct field_def *f = &e->fields[i];
			struct filter flt = { (int)i, FO_EQ, id, 0, NULL };
			struct list_opts lo = { &flt, 1, FILTER_ID, false, 0, 0 };
			struct record_list list = { 0 };
			enum sc_result rc;

			if (f->type != FT_REF || f->ref != def->kind || !(f->flags & FF_OWNER))
				continue;
			rc = store_list(d->store, d->org, e, &lo, &list, err);
			for (size_t r = 0; rc == SC_OK && r < list.n; r++) {
				rc = audit_parts(d, e, list.items[r]->id, err);
				if (rc == SC_OK)
					rc = audit(d, "remove", e, list.items[r]->id, list.items[r],
					           NULL, err);
			}
			record_list_release(&list);
			if (rc)
				return rc;
		}
	}
	return SC_OK;
}

enum sc_result domain_remove(struct domain *d, const struct entity_def *def, int64_t id,
                             struct sc_error *err)
{
	struct record *before = NULL;
	char why[1024];
	enum sc_result rc;

	if ((rc = check_writable(def, err)) || (rc = store_begin(d->store, err)))
		return rc;
	if ((rc = domain_access_kind(d, def, err)) ||
	    (rc = store_get(d->store, d->org, def, id, &before, err)) ||
	    (rc = domain_access_read(d, before, err)) ||
	    (rc = domain_access_write(d, before, err)) ||
	    (rc = blockers(d, def, id, why, sizeof(why), err)))
		goto out;
	if (why[0]) {
		const char *hint =
		        def->kind == E_PERSON       ? " Set the person inactive instead "
		                                      "(--active false), or remove those first."
		        : def->kind == E_COACH      ? " Set the coach inactive instead "
		                                      "(--active false), or remove those first."
		        : def->kind == E_ASSIGNMENT ? " End the assignment instead "
		                                      "(--status ended), or remove those first."
		                                    : " Remove those first.";
		rc = sc_fail(err, SC_CONFLICT, "id",
		             "%s %" PRId64 " cannot be removed: it is referred to by %s.%s",
		             def->name, id, why, hint);
		goto out;
	}
	if ((rc = audit_parts(d, def, id, err)) ||
	    (rc = store_delete(d->store, d->org, def, id, err)) ||
	    (rc = audit(d, "remove", def, id, before, NULL, err)))
		goto out;
	rc = store_commit(d->store, err);
out:
	if (rc)
		store_rollback(d->store);
	record_free(&before);
	return rc;
}
