/*
 * domain_access.c - who may read and write which records: the roles of
 * PRODUCT.md "People and roles" applied to every record, whatever the door
 * (command line with --as, HTTP API). Private fields are hidden separately,
 * by apply_privacy in domain.c; this file decides whether a record is seen
 * at all and whether a change may be made.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain_int.h"
#include "base/util.h"

/* How far up a reporting line is followed: deeper lines are not real. */
#define MAX_LINE_DEPTH 32

const char *domain_role_name(unsigned role)
{
	switch (role) {
	case ROLE_ADMIN:
		return "admin";
	case ROLE_EXECUTIVE:
		return "executive";
	case ROLE_MANAGER:
		return "manager";
	case ROLE_COACH:
		return "coach";
	case ROLE_REP:
		return "rep";
	default:
		return "?";
	}
}

static bool unrestricted(const struct domain *d)
{
	return d->actor.person_id == 0;
}

static bool is_admin(const struct domain *d)
{
	return unrestricted(d) || (d->actor.roles & ROLE_ADMIN);
}

enum sc_result domain_access_roles(struct domain *d, int64_t person, unsigned *roles,
                                   struct sc_error *err)
{
	struct qparam p = { person, NULL };
	struct qrows q = { 0 };
	enum sc_result rc;

	*roles = 0;
	if ((rc = store_query(d->store, d->org, SQ_ROLES, &p, 1, &q, err)))
		goto out;
	const char *role = q.nrows ? qrows_text(&q, 0, 0) : NULL;
	if (role && strcmp(role, "admin") == 0)
		*roles |= ROLE_ADMIN;
	/* An executive account sees aggregates only, whatever else the data says. */
	if (role && strcmp(role, "executive") == 0) {
		*roles = ROLE_EXECUTIVE;
		goto out;
	}
	if (q.nrows && (qrows_int(&q, 0, 1) || qrows_int(&q, 0, 2)))
		*roles |= ROLE_MANAGER;
	if (q.nrows && qrows_int(&q, 0, 3))
		*roles |= ROLE_COACH;
	if ((q.nrows && qrows_int(&q, 0, 4)) || !*roles)
		*roles |= ROLE_REP;
out:
	qrows_release(&q);
	return rc;
}

enum sc_result domain_coach_person(struct domain *d, int64_t coach_id, int64_t *person,
                                   struct sc_error *err)
{
	struct record *c = NULL;
	enum sc_result rc = store_get(d->store, d->org, entity_get(E_COACH), coach_id, &c, err);
	*person = 0;
	if (rc == SC_NOT_FOUND)
		return SC_OK; /* a reference being added to a coach that does not exist: validate
		                 says so */
	if (rc)
		return rc;
	*person = record_int(c, "person");
	record_free(&c);
	return SC_OK;
}

/* True in *yes when the actor is above person in the reporting line. */
static enum sc_result manages(struct domain *d, int64_t person, bool *yes, struct sc_error *err)
{
	const struct entity_def *pdef = entity_get(E_PERSON);
	int64_t id = person;

	*yes = false;
	if (!(d->actor.roles & ROLE_MANAGER) || person <= 0)
		return SC_OK;
	for (int depth = 0; depth < MAX_LINE_DEPTH; depth++) {
		struct record *p = NULL;
		enum sc_result rc = store_get(d->store, d->org, pdef, id, &p, err);
		if (rc == SC_NOT_FOUND)
			return SC_OK;
		if (rc)
			return rc;
		int64_t up = record_int(p, "superior");
		record_free(&p);
		if (up <= 0 || up == person)
			return SC_OK;
		if (up == d->actor.person_id) {
			*yes = true;
			return SC_OK;
		}
		id = up;
	}
	return SC_OK;
}

/* The actor is person, or above them in the reporting line. */
static enum sc_result self_or_manages(struct domain *d, int64_t person, bool *yes,
                                      struct sc_error *err)
{
	if (person > 0 && person == d->actor.person_id) {
		*yes = true;
		return SC_OK;
	}
	return manages(d, person, yes, err);
}

enum sc_result domain_manages(struct domain *d, int64_t person, bool *yes, struct sc_error *err)
{
	return manages(d, person, yes, err);
}

enum sc_result domain_access_person(struct domain *d, int64_t person, bool *yes,
                                    struct sc_error *err)
{
	if (is_admin(d)) {
		*yes = true;
		return SC_OK;
	}
	return self_or_manages(d, person, yes, err);
}

/* Whether the actor and person are the two sides of any assignment. */
static enum sc_result coaching_pair(struct domain *d, int64_t person, bool *yes,
                                    struct sc_error *err)
{
	const struct entity_def *adef = entity_get(E_ASSIGNMENT), *cdef = entity_get(E_COACH);
	struct filter cf = { entity_field(cdef, "person"), FO_EQ, 0, 0, NULL };
	struct list_opts clo = { &cf, 1, FILTER_ID, false, 0, 0 };
	struct record_list coaches = { 0 };
	enum sc_result rc = SC_OK;

	*yes = false;
	/* person coaches the actor, or the actor coaches person. */
	int64_t sides[2][2] = { { person, d->actor.person_id }, { d->actor.person_id, person } };
	for (int s = 0; s < 2 && !*yes && rc == SC_OK; s++) {
		cf.i = sides[s][0];
		rc = store_list(d->store, d->org, cdef, &clo, &coaches, err);
		for (size_t i = 0; rc == SC_OK && i < coaches.n && !*yes; i++) {
			struct filter af[2] = {
				{ entity_field(adef, "coach"), FO_EQ, coaches.items[i]->id, 0,
				  NULL },
				{ entity_field(adef, "coachee"), FO_EQ, sides[s][1], 0, NULL },
			};
			int64_t n = 0;
			rc = store_count(d->store, d->org, adef, af, 2, &n, err);
			*yes = n > 0;
		}
		record_list_release(&coaches);
	}
	return rc;
}

/* The coach's and coachee's person of the relationship rec belongs to (0 when none). */
static enum sc_result parties(struct domain *d, const struct record *rec, int64_t *coach,
                              int64_t *coachee, struct sc_error *err)
{
	enum sc_result rc;
	if (rec->def->kind == E_ASSIGNMENT) {
		*coachee = record_int(rec, "coachee");
		return domain_coach_person(d, record_int(rec, "coach"), coach, err);
	}
	rc = domain_parties(d, rec, coach, coachee, err);
	if (rc == SC_NOT_FOUND) {
		/* The relationship does not exist (yet): validation reports it. */
		*coach = *coachee = 0;
		return SC_OK;
	}
	return rc;
}

enum sc_result domain_shared_with(struct domain *d, int64_t session, int64_t person, bool *yes,
                                  struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_SHARE);
	struct filter f[2] = { { entity_field(def, "session"), FO_EQ, session, 0, NULL },
		               { entity_field(def, "person"), FO_EQ, person, 0, NULL } };
	int64_t n = 0;
	enum sc_result rc = store_count(d->store, d->org, def, f, 2, &n, err);
	*yes = n > 0;
	return rc;
}

/* The parties of the session a share is about (0 when it does not exist). */
static enum sc_result share_parties(struct domain *d, const struct record *share, int64_t *coach,
                                    int64_t *coachee, struct sc_error *err)
{
	struct record *session = NULL;
	enum sc_result rc = store_get(d->store, d->org, entity_get(E_SESSION),
	                              record_int(share, "session"), &session, err);
	*coach = *coachee = 0;
	if (rc == SC_NOT_FOUND)
		return SC_OK;
	if (rc == SC_OK)
		rc = parties(d, session, coach, coachee, err);
	record_free(&session);
	return rc;
}

/* Records that are private content and nothing else: found by the parties alone. */
bool domain_private_only(enum entity_kind kind)
{
	return kind == E_PLAN || kind == E_ACTION || kind == E_OBSERVATION ||
	       kind == E_SELF_ASSESSMENT;
}

enum sc_result domain_access_kind(struct domain *d, const struct entity_def *def,
                                  struct sc_error *err)
{
	if (is_admin(d))
		return SC_OK;
	switch (def->kind) {
	case E_TEAM:
	case E_PROGRAMME:
	case E_SKILL:
		return SC_OK;
	case E_ACK:
		/* Which alerts a manager may acknowledge is rules_ack's to say (ack_allowed). */
		if (d->actor.roles & ROLE_MANAGER)
			return SC_OK;
		break;
	case E_ACCESS:
		/* Everyone reads who read their own content; the scope keeps it theirs. */
		return SC_OK;
	case E_AUDIT:
	case E_SURVEY:
		break;
	default:
		if (d->actor.roles & (ROLE_MANAGER | ROLE_COACH | ROLE_REP))
			return SC_OK;
		break;
	}
	bool exec = d->actor.roles & ROLE_EXECUTIVE;
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang,
	                   exec ? "err.access.kind.executives" : "err.access.kind.you", "entity",
	                   def->name, "why",
	                   msg_text(d->lang, def->kind == E_SURVEY ? "err.access.kind.survey"
	                                     : exec                ? "err.access.kind.aggregates"
	                                                           : "err.access.kind.admin"),
	                   NULL);
}

/* Whether the actor may read the person rec: themselves, their reports, their own superior, the
 * other party of their coaching. */
static enum sc_result person_readable(struct domain *d, const struct record *rec, bool *yes,
                                      struct sc_error *err)
{
	int64_t me = d->actor.person_id;
	enum sc_result rc;

	if ((rc = self_or_manages(d, rec->id, yes, err)) || *yes)
		return rc;
	if (rec->id > 0 && me > 0) {
		/* One's own superior. */
		struct record *me_rec = NULL;
		if ((rc = store_get(d->store, d->org, rec->def, me, &me_rec, err)))
			return rc;
		*yes = record_int(me_rec, "superior") == rec->id;
		record_free(&me_rec);
		if (*yes)
			return SC_OK;
	}
	return coaching_pair(d, rec->id, yes, err);
}

/* Whether the per-record rule lets the actor read rec, their role's kinds aside: *yes. */
static enum sc_result record_rule(struct domain *d, const struct record *rec, bool *yes,
                                  struct sc_error *err)
{
	int64_t coach = 0, coachee = 0, me = d->actor.person_id;
	enum entity_kind k = rec->def->kind;
	enum sc_result rc;

	*yes = false;
	switch (k) {
	case E_TEAM:
	case E_PROGRAMME:
	case E_SKILL:
	case E_COACH:
	case E_TRAINING:
	case E_ACTIVITY:
	case E_ACK: /* to managers too (domain_access_kind): rules_ack is its only door */
		*yes = true;
		return SC_OK;
	case E_ASSIGNMENT:
	case E_SESSION:
	case E_PLAN:
	case E_ACTION:
	case E_OBSERVATION:
	case E_SELF_ASSESSMENT:
		if ((rc = parties(d, rec, &coach, &coachee, err)))
			return rc;
		if (me == coach || me == coachee) {
			*yes = true;
			return SC_OK;
		}
		if (k == E_SESSION && (rc = domain_shared_with(d, rec->id, me, yes, err)))
			return rc;
		if (*yes || domain_private_only(k))
			return SC_OK;
		if (is_admin(d)) {
			*yes = true;
			return SC_OK;
		}
		return manages(d, coachee, yes, err);
	default:
		break;
	}
	if (is_admin(d)) {
		*yes = true;
		return SC_OK;
	}
	switch (k) {
	case E_PERSON:
		return person_readable(d, rec, yes, err);
	case E_APPRAISAL:
	case E_RESULT:
		return self_or_manages(d, record_int(rec, "rep"), yes, err);
	case E_ACCESS:
		*yes = record_int(rec, "subject") == me;
		return SC_OK;
	case E_SHARE:
		if (record_int(rec, "person") == me) {
			*yes = true;
			return SC_OK;
		}
		if ((rc = share_parties(d, rec, &coach, &coachee, err)))
			return rc;
		*yes = me == coachee;
		return SC_OK;
	case E_ASSESSMENT:
		if (record_int(rec, "assessor") == me) {
			*yes = true;
			return SC_OK;
		}
		return self_or_manages(d, record_int(rec, "candidate"), yes, err);
	case E_SUPERVISION:
		if (record_int(rec, "reviewer") == me) {
			*yes = true;
			return SC_OK;
		}
		return self_or_manages(d, record_int(rec, "manager"), yes, err);
	case E_TASK:
		if (record_int(rec, "delegated_to") == me) {
			*yes = true;
			return SC_OK;
		}
		return self_or_manages(d, record_int(rec, "manager"), yes, err);
	case E_INCENTIVE:
	case E_PRESENCE:
		if ((rc = domain_coach_person(d, record_int(rec, "coach"), &coach, err)))
			return rc;
		return self_or_manages(d, coach, yes, err);
	default:
		return SC_OK;
	}
}

/* Whether the actor may read rec: *yes. */
static enum sc_result readable(struct domain *d, const struct record *rec, bool *yes,
                               struct sc_error *err)
{
	*yes = false;
	if (domain_access_kind(d, rec->def, NULL) != SC_OK)
		return SC_OK;
	return record_rule(d, rec, yes, err);
}

enum sc_result domain_access_record(struct domain *d, const struct record *rec, bool *yes,
                                    struct sc_error *err)
{
	*yes = true;
	if (unrestricted(d))
		return SC_OK;
	return record_rule(d, rec, yes, err);
}

enum sc_result domain_access_alerts(struct domain *d, struct sc_error *err)
{
	if (is_admin(d) || !(d->actor.roles & ROLE_EXECUTIVE))
		return SC_OK;
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.access.alerts", NULL);
}

enum sc_result domain_access_settings(struct domain *d, struct sc_error *err)
{
	if (is_admin(d))
		return SC_OK;
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.access.settings", NULL);
}

enum sc_result domain_access_read(struct domain *d, const struct record *rec, struct sc_error *err)
{
	bool yes = false;
	enum sc_result rc;

	if (unrestricted(d))
		return SC_OK;
	if ((rc = readable(d, rec, &yes, err)))
		return rc;
	/* Word for word what the store says of a record that does not exist: nothing tells. */
	if (!yes)
		return sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", rec->def->name,
		               (long long)rec->id);
	return SC_OK;
}

/* The actor may not change rec; message id says who may. */
static enum sc_result refuse(const struct domain *d, struct sc_error *err, const struct record *rec,
                             const char *id)
{
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.access.refuse", "entity",
	                   rec->def->name, "who", msg_text(d->lang, id), NULL);
}

/* A share of a session's summary: made and revoked by the coachee, with a third person. */
static enum sc_result share_writable(struct domain *d, const struct record *rec,
                                     struct sc_error *err)
{
	int64_t coach = 0, coachee = 0;
	enum sc_result rc;

	if ((rc = share_parties(d, rec, &coach, &coachee, err)))
		return rc;
	if (d->actor.person_id != coachee)
		return refuse(d, err, rec, "err.access.who.share");
	if (record_int(rec, "person") == coach || record_int(rec, "person") == coachee)
		return sc_fail_msg(err, SC_INVALID, "person", d->lang, "err.access.share_party",
		                   NULL);
	return SC_OK;
}

enum sc_result domain_access_write(struct domain *d, const struct record *rec, struct sc_error *err)
{
	int64_t coach = 0, coachee = 0, me = d->actor.person_id;
	bool yes = false;
	enum sc_result rc;

	if (unrestricted(d))
		return SC_OK;
	if (d->actor.roles == ROLE_EXECUTIVE)
		return refuse(d, err, rec, "err.access.who.executive");
	switch (rec->def->kind) {
	case E_SESSION:
	case E_PLAN:
	case E_ACTION:
	case E_OBSERVATION:
	case E_SELF_ASSESSMENT:
		if ((rc = parties(d, rec, &coach, &coachee, err)))
			return rc;
		if (me == coach || me == coachee)
			return SC_OK;
		return refuse(d, err, rec, "err.access.who.coaching");
	case E_SHARE:
		return share_writable(d, rec, err);
	case E_APPRAISAL:
		if (record_int(rec, "manager") == me &&
		    (rc = manages(d, record_int(rec, "rep"), &yes, err)))
			return rc;
		if (yes)
			return SC_OK;
		return refuse(d, err, rec, "err.access.who.appraisal");
	case E_TASK:
		if (record_int(rec, "manager") == me)
			return SC_OK;
		break;
	case E_ASSESSMENT:
		/* The candidate's superior chain: a rep cannot open the assignment gate. */
		if (record_int(rec, "assessor") == me &&
		    (rc = manages(d, record_int(rec, "candidate"), &yes, err)))
			return rc;
		if (yes || is_admin(d))
			return SC_OK;
		return refuse(d, err, rec, "err.access.who.assessment");
	case E_SUPERVISION:
		/* Coach-the-coach is the reviewed manager's superior's task, not their reports'. */
		if (record_int(rec, "reviewer") == me &&
		    (rc = manages(d, record_int(rec, "manager"), &yes, err)))
			return rc;
		if (yes || is_admin(d))
			return SC_OK;
		return refuse(d, err, rec, "err.access.who.supervision");
	case E_PRESENCE:
		if ((rc = domain_coach_person(d, record_int(rec, "coach"), &coach, err)))
			return rc;
		if (coach == me)
			return SC_OK;
		break;
	case E_ACK:
		/*
		 * Written by rules_ack alone (an internal kind, with no door of its
		 * own), which lets a manager acknowledge only the alerts about people
		 * below them in the reporting line: the record names the alert, whose
		 * people only the rules know.
		 */
		if (d->actor.roles & ROLE_MANAGER)
			return SC_OK;
		break;
	case E_SURVEY:
		/* Answered by a coachee of the coach, or by management. */
		if ((rc = domain_coach_person(d, record_int(rec, "coach"), &coach, err)))
			return rc;
		if (strcmp(record_text(rec, "respondent"), "management") == 0)
			rc = manages(d, coach, &yes, err);
		else
			rc = coaching_pair(d, coach, &yes, err);
		if (rc || yes)
			return rc;
		return refuse(d, err, rec, "err.access.who.survey");
	default:
		break;
	}
	if (is_admin(d))
		return SC_OK;
	return refuse(d, err, rec, "err.access.who.admin");
}

/* Fields of a session that only its coach records: the facts the cadence rules count. */
static bool session_fact(const char *field)
{
	static const char *const facts[] = { "assignment", "kind",           "at",       "minutes",
		                             "status",     "intro",          "customer", "stage",
		                             "role",       "override_reason" };
	for (size_t i = 0; i < ARRAY_SIZE(facts); i++)
		if (!strcmp(facts[i], field))
			return true;
	return false;
}

enum sc_result domain_access_fields(struct domain *d, const struct record *rec,
                                    const struct record *change, struct sc_error *err)
{
	int64_t coach = 0, coachee = 0, me = d->actor.person_id;
	enum sc_result rc;

	if (unrestricted(d) || rec->def->kind != E_SESSION)
		return SC_OK;
	if ((rc = parties(d, rec, &coach, &coachee, err)))
		return rc;
	for (size_t i = 0; i < change->def->nfields; i++) {
		const char *name = change->def->fields[i].name;
		if (change->v[i].state == V_ABSENT)
			continue;
		if (me == coach && me != coachee && !strcmp(name, "feedback"))
			return sc_fail_msg(err, SC_FORBIDDEN, name, d->lang, "err.access.feedback",
			                   NULL);
		if (me == coachee && me != coach && session_fact(name))
			return sc_fail_msg(err, SC_FORBIDDEN, name, d->lang,
			                   "err.access.session_fact", "field", name, NULL);
	}
	return SC_OK;
}

enum sc_result domain_survey_ballot(struct domain *d, const struct record *answer,
                                    struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_BALLOT);
	char round[8];
	int64_t n = 0;
	enum sc_result rc;

	if (unrestricted(d) || answer->def->kind != E_SURVEY)
		return SC_OK;
	if (strcmp(record_text(answer, "answered_on"), d->today) != 0)
		return sc_fail_msg(err, SC_INVALID, "answered_on", d->lang,
		                   "err.survey.answered_on", "today", d->today, NULL);
	snprintf(round, sizeof(round), "%.7s", d->today);
	struct filter f[] = {
		{ entity_field(def, "coach"), FO_EQ, record_int(answer, "coach"), 0, NULL },
		{ entity_field(def, "person"), FO_EQ, d->actor.person_id, 0, NULL },
		{ entity_field(def, "round"), FO_EQ, 0, 0, round },
	};
	if ((rc = store_count(d->store, d->org, def, f, 3, &n, err)))
		return rc;
	if (n > 0)
		return sc_fail_msg(err, SC_CONFLICT, "coach", d->lang, "err.survey.answered",
		                   "round", round, NULL);
	struct record *ballot = record_new(def);
	if (!ballot)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	record_put_int(ballot, "coach", record_int(answer, "coach"));
	record_put_int(ballot, "person", d->actor.person_id);
	if ((rc = record_put_text(ballot, "round", round)))
		rc = sc_fail(err, rc, NULL, "out of memory");
	else
		rc = store_insert(d->store, d->org, ballot, err);
	record_free(&ballot);
	return rc;
}

enum sc_result domain_survey_answered(struct domain *d, char round[8], int64_t **coaches, size_t *n,
                                      struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_BALLOT);
	struct record_list mine = { 0 };
	enum sc_result rc;

	snprintf(round, 8, "%.7s", d->today);
	*coaches = NULL;
	*n = 0;
	if (!d->actor.person_id)
		return SC_OK;
	struct filter f[] = {
		{ entity_field(def, "person"), FO_EQ, d->actor.person_id, 0, NULL },
		{ entity_field(def, "round"), FO_EQ, 0, 0, round },
	};
	struct list_opts lo = { .filters = f, .nfilters = 2, .order_field = FILTER_ID };
	if ((rc = store_list(d->store, d->org, def, &lo, &mine, err)))
		return rc;
	if (mine.n && !(*coaches = calloc(mine.n, sizeof(**coaches))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; !rc && i < mine.n; i++)
		(*coaches)[(*n)++] = record_int(mine.items[i], "coach");
	record_list_release(&mine);
	return rc;
}

/* ---- lists: the scope pushed down to the store --------------------------------------------- */

struct ids {
	int64_t *v;
	size_t n, cap;
	bool nomem;
};

static void ids_push(struct ids *a, int64_t id)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		int64_t *v = realloc(a->v, cap * sizeof(*v));
		if (!v) {
			a->nomem = true;
			return;
		}
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = id;
}

/* Append the ids (or field values) of the records of kind that meet f. */
static enum sc_result collect(struct domain *d, enum entity_kind kind, const char *field,
                              struct filter *f, size_t nf, struct ids *out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(kind);
	struct list_opts lo = { f, nf, FILTER_ID, false, 0, 0 };
	struct record_list l = { 0 };
	enum sc_result rc = store_list(d->store, d->org, def, &lo, &l, err);
	for (size_t i = 0; rc == SC_OK && i < l.n; i++)
		ids_push(out, field ? record_int(l.items[i], field) : l.items[i]->id);
	record_list_release(&l);
	return rc;
}

/* Everyone below the actor in the reporting line, level by level. */
static enum sc_result subtree(struct domain *d, struct ids *out, struct sc_error *err)
{
	const struct entity_def *pdef = entity_get(E_PERSON);
	struct ids level = { 0 };
	enum sc_result rc = SC_OK;

	if (!(d->actor.roles & ROLE_MANAGER))
		return SC_OK;
	ids_push(&level, d->actor.person_id);
	for (int depth = 0; rc == SC_OK && level.n && depth < MAX_LINE_DEPTH; depth++) {
		struct ids next = { 0 };
		struct filter f = {
			entity_field(pdef, "superior"), FO_IN, 0, 0, NULL, level.v, level.n
		};
		rc = collect(d, E_PERSON, NULL, &f, 1, &next, err);
		for (size_t i = 0; i < next.n; i++)
			if (next.v[i] != d->actor.person_id)
				ids_push(out, next.v[i]);
		free(level.v);
		level = next;
	}
	free(level.v);
	return rc;
}

/* The assignments the actor is coach or coachee of. */
static enum sc_result party_assignments(struct domain *d, struct ids *out, struct sc_error *err)
{
	const struct entity_def *adef = entity_get(E_ASSIGNMENT), *cdef = entity_get(E_COACH);
	struct filter cf = { entity_field(cdef, "person"), FO_EQ, d->actor.person_id, 0, NULL };
	struct ids coaches = { 0 };
	enum sc_result rc = collect(d, E_COACH, NULL, &cf, 1, &coaches, err);
	if (rc == SC_OK && coaches.n) {
		struct filter af = {
			entity_field(adef, "coach"), FO_IN, 0, 0, NULL, coaches.v, coaches.n
		};
		rc = collect(d, E_ASSIGNMENT, NULL, &af, 1, out, err);
	}
	free(coaches.v);
	struct filter mf = { entity_field(adef, "coachee"), FO_EQ, d->actor.person_id, 0, NULL };
	return rc ? rc : collect(d, E_ASSIGNMENT, NULL, &mf, 1, out, err);
}

/* The assignments whose coachee is one of people. */
static enum sc_result assignments_of(struct domain *d, const struct ids *people, struct ids *out,
                                     struct sc_error *err)
{
	const struct entity_def *adef = entity_get(E_ASSIGNMENT);
	struct filter f = {
		entity_field(adef, "coachee"), FO_IN, 0, 0, NULL, people->v, people->n
	};
	return people->n ? collect(d, E_ASSIGNMENT, NULL, &f, 1, out, err) : SC_OK;
}

/*
 * The ids of the records of kind whose field own is the actor, or whose
 * field line is the actor or someone below them in the reporting line.
 */
static enum sc_result own_or_line(struct domain *d, enum entity_kind kind, const char *own,
                                  const char *line, struct ids *out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(kind);
	struct filter f = { entity_field(def, own), FO_EQ, d->actor.person_id, 0, NULL };
	struct ids people = { 0 };
	enum sc_result rc = collect(d, kind, NULL, &f, 1, out, err);

	ids_push(&people, d->actor.person_id);
	if (rc == SC_OK && (rc = subtree(d, &people, err)) == SC_OK && people.nomem)
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (rc == SC_OK) {
		struct filter lf = {
			entity_field(def, line), FO_IN, 0, 0, NULL, people.v, people.n
		};
		rc = collect(d, kind, NULL, &lf, 1, out, err);
	}
	free(people.v);
	return rc;
}

/* The ids of the shares the actor may read: made to them, or of their own sessions. */
static enum sc_result readable_shares(struct domain *d, struct ids *out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_SHARE), *adef = entity_get(E_ASSIGNMENT);
	struct filter f = { entity_field(def, "person"), FO_EQ, d->actor.person_id, 0, NULL };
	struct filter cf = { entity_field(adef, "coachee"), FO_EQ, d->actor.person_id, 0, NULL };
	struct ids coached = { 0 };
	enum sc_result rc;

	if ((rc = collect(d, E_SHARE, NULL, &f, 1, out, err)) == SC_OK &&
	    (rc = collect(d, E_ASSIGNMENT, NULL, &cf, 1, &coached, err)) == SC_OK && coached.nomem)
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (rc == SC_OK) {
		struct filter sf = { .field = entity_field(def, "session"),
			             .op = FO_IN_VIA,
			             .in = coached.v,
			             .nin = coached.n,
			             .via = entity_field(entity_get(E_SESSION), "assignment") };
		rc = collect(d, E_SHARE, NULL, &sf, 1, out, err);
	}
	free(coached.v);
	return rc;
}

void domain_scope_release(struct domain_scope *s)
{
	free(s->ids);
	memset(s, 0, sizeof(*s));
	s->via = -1;
}

/*
 * The relationships the actor is party to, those of the people below them,
 * and, for sessions, those of sessions shared with them (then not exact:
 * each session is checked one by one).
 */
static enum sc_result scope_relationships(struct domain *d, const struct entity_def *def,
                                          struct domain_scope *out, struct ids *ids,
                                          struct sc_error *err)
{
	struct ids people = { 0 };
	enum sc_result rc;

	out->field = def->kind == E_ASSIGNMENT ? FILTER_ID : entity_field(def, "assignment");
	if ((rc = party_assignments(d, ids, err)) || (rc = subtree(d, &people, err)) ||
	    (rc = assignments_of(d, &people, ids, err)) || def->kind != E_SESSION) {
		free(people.v);
		return rc;
	}
	free(people.v);
	const struct entity_def *sdef = entity_get(E_SHARE);
	struct filter f = { entity_field(sdef, "person"), FO_EQ, d->actor.person_id, 0, NULL };
	struct ids shared = { 0 };
	rc = collect(d, E_SHARE, "session", &f, 1, &shared, err);
	if (rc == SC_OK && shared.n) {
		struct filter sf = { FILTER_ID, FO_IN, 0, 0, NULL, shared.v, shared.n };
		rc = collect(d, E_SESSION, "assignment", &sf, 1, ids, err);
		out->exact = false;
	}
	free(shared.v);
	return rc;
}

/* People: oneself, those below, one's superior, and the parties of one's relationships. */
static enum sc_result scope_people(struct domain *d, const struct entity_def *def, struct ids *ids,
                                   struct sc_error *err)
{
	int64_t me = d->actor.person_id;
	struct record *p = NULL;
	struct ids asg = { 0 };
	enum sc_result rc;

	ids_push(ids, me);
	if ((rc = subtree(d, ids, err)) || (rc = store_get(d->store, d->org, def, me, &p, err)))
		return rc;
	if (record_int(p, "superior") > 0)
		ids_push(ids, record_int(p, "superior"));
	record_free(&p);
	rc = party_assignments(d, &asg, err);
	if (rc == SC_OK && asg.n) {
		const struct entity_def *adef = entity_get(E_ASSIGNMENT);
		struct filter af = { FILTER_ID, FO_IN, 0, 0, NULL, asg.v, asg.n };
		struct record_list l = { 0 };
		struct list_opts lo = { &af, 1, FILTER_ID, false, 0, 0 };
		rc = store_list(d->store, d->org, adef, &lo, &l, err);
		for (size_t i = 0; rc == SC_OK && i < l.n; i++) {
			int64_t coach = 0;
			ids_push(ids, record_int(l.items[i], "coachee"));
			rc = domain_coach_person(d, record_int(l.items[i], "coach"), &coach, err);
			if (rc == SC_OK)
				ids_push(ids, coach);
		}
		record_list_release(&l);
	}
	free(asg.v);
	return rc;
}

/* Fill out's field, via and ids for def as the actor sees it (out->used already true). */
static enum sc_result scope_of_kind(struct domain *d, const struct entity_def *def,
                                    struct domain_scope *out, struct ids *ids, struct sc_error *err)
{
	switch (def->kind) {
	case E_TEAM:
	case E_PROGRAMME:
	case E_SKILL:
	case E_COACH:
	case E_TRAINING:
	case E_ACTIVITY:
	case E_ACK:
		/* Whoever may list these at all reads every one. */
		out->used = false;
		return SC_OK;
	case E_ASSIGNMENT:
	case E_SESSION:
		return scope_relationships(d, def, out, ids, err);
	case E_PLAN:
	case E_ACTION:
		out->field = entity_field(def, "assignment");
		return party_assignments(d, ids, err);
	case E_OBSERVATION:
	case E_SELF_ASSESSMENT:
		/* Parts of a session or a plan: through it, to the actor's relationships. */
		out->field = entity_field(def, def->kind == E_OBSERVATION ? "session" : "plan");
		out->via = entity_field(entity_get(def->fields[out->field].ref), "assignment");
		return party_assignments(d, ids, err);
	case E_PERSON:
		out->field = FILTER_ID;
		return scope_people(d, def, ids, err);
	case E_APPRAISAL:
	case E_RESULT:
		out->field = entity_field(def, "rep");
		ids_push(ids, d->actor.person_id);
		return subtree(d, ids, err);
	case E_ASSESSMENT:
		out->field = FILTER_ID;
		return own_or_line(d, E_ASSESSMENT, "assessor", "candidate", ids, err);
	case E_SUPERVISION:
		out->field = FILTER_ID;
		return own_or_line(d, E_SUPERVISION, "reviewer", "manager", ids, err);
	case E_TASK:
		out->field = FILTER_ID;
		return own_or_line(d, E_TASK, "delegated_to", "manager", ids, err);
	case E_INCENTIVE:
	case E_PRESENCE:
		/* Of the coach profiles of the actor and of the people below them. */
		out->field = entity_field(def, "coach");
		out->via = entity_field(entity_get(E_COACH), "person");
		ids_push(ids, d->actor.person_id);
		return subtree(d, ids, err);
	case E_SHARE:
		out->field = FILTER_ID;
		return readable_shares(d, ids, err);
	case E_ACCESS:
		/* The reads of one's own coaching content; administrators see every read. */
		out->field = entity_field(def, "subject");
		ids_push(ids, d->actor.person_id);
		return SC_OK;
	case E_SURVEY:
	case E_AUDIT:
	case E_ACCOUNT:
	case E_LOGIN:
	case E_TOKEN:
		/* An administrator's records (the kind is refused to others before this). */
		out->field = FILTER_ID;
		return SC_OK;
	default:
		out->used = out->exact = false;
		return SC_OK;
	}
}

enum sc_result domain_access_scope(struct domain *d, const struct entity_def *def,
                                   struct domain_scope *out, struct sc_error *err)
{
	struct ids ids = { 0 };
	enum sc_result rc;

	memset(out, 0, sizeof(*out));
	out->via = -1;
	out->exact = true;
	if (unrestricted(d) || (is_admin(d) && !domain_private_only(def->kind)))
		return SC_OK;
	out->used = true;
	rc = scope_of_kind(d, def, out, &ids, err);
	if (rc == SC_OK && ids.nomem)
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (rc || !out->used) {
		free(ids.v);
		ids.v = NULL;
		ids.n = 0;
	}
	if (rc) {
		domain_scope_release(out);
		return rc;
	}
	out->ids = ids.v;
	out->n = ids.n;
	return SC_OK;
}
