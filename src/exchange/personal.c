/*
 * personal.c - the personal-data export of one person (personal.h): each
 * kind of record narrowed to the person, read through domain_list_about so
 * that privacy and the access log hold as for every read.
 */
#include "exchange/personal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "model/recjson.h"

/* One export on its way: the domain, the person, the document, and whether any private
 * coaching content was written into it. */
struct pexp {
	struct domain *d;
	int64_t person;
	json_t *doc;
	bool private_written;
};

/* Whether l holds private coaching content: a record that is nothing else, or a private field
 * with a value (what the reader was not shown is cleared by then). */
static bool holds_private(const struct record_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct record *r = l->items[i];
		if (domain_private_only(r->def->kind))
			return true;
		for (size_t f = 0; f < r->def->nfields; f++)
			if ((r->def->fields[f].flags & FF_PRIVATE) && r->v[f].state == V_SET)
				return true;
	}
	return false;
}

/* One condition on field name of kind (an id when in is NULL, else among nin ids). */
static struct filter cond(enum entity_kind kind, const char *name, int64_t id, const int64_t *in,
                          size_t nin)
{
	int f = name ? entity_field(entity_get(kind), name) : FILTER_ID;
	return (struct filter){
		.field = f, .op = in ? FO_IN : FO_EQ, .i = id, .in = in, .nin = nin
	};
}

/* The records of kind that meet f (nf of them), read about the person, into *out. */
static enum sc_result about(struct pexp *x, enum entity_kind kind, const struct filter *f,
                            size_t nf, struct record_list *out, struct sc_error *err)
{
	struct list_opts lo = { f, nf, FILTER_ID, false, 0, 0 };
	return domain_list_about(x->d, x->person, entity_get(kind), &lo, out, err);
}

/* Set member key of obj to the records of kind that meet f: an array. */
static enum sc_result put_list(struct pexp *x, json_t *obj, const char *key, enum entity_kind kind,
                               const struct filter *f, size_t nf, struct sc_error *err)
{
	struct record_list l = { 0 };
	enum sc_result rc = about(x, kind, f, nf, &l, err);
	if (rc == SC_OK) {
		json_t *a = recjson_array(&l, RJ_SHOW);
		x->private_written |= holds_private(&l);
		if (!a || json_object_set_new(obj, key, a))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	record_list_release(&l);
	return rc;
}

/* The ids of the records of kind that meet f, into *ids (owned) and *n. */
static enum sc_result ids_of(struct pexp *x, enum entity_kind kind, const struct filter *f,
                             size_t nf, int64_t **ids, size_t *n, struct sc_error *err)
{
	struct record_list l = { 0 };
	enum sc_result rc = about(x, kind, f, nf, &l, err);
	*ids = NULL;
	*n = 0;
	if (rc == SC_OK && l.n && !(*ids = calloc(l.n, sizeof(**ids))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; rc == SC_OK && i < l.n; i++)
		(*ids)[(*n)++] = l.items[i]->id;
	record_list_release(&l);
	return rc;
}

/* {"id": person, "name": ...} of a party of a relationship (name only: no more of them). */
static json_t *party(struct pexp *x, int64_t person)
{
	struct record *p = NULL;
	struct sc_error e;
	json_t *o = json_pack("{sI}", "id", (json_int_t)person);

	sc_error_init(&e);
	if (o && store_get(x->d->store, x->d->org, entity_get(E_PERSON), person, &p, &e) == SC_OK)
		json_object_set_new(o, "name", json_string(record_text(p, "name")));
	record_free(&p);
	return o;
}

/* One relationship (assignment a) with everything recorded in it. */
static enum sc_result relationship(struct pexp *x, const struct record *a, int64_t coach_person,
                                   json_t *arr, struct sc_error *err)
{
	const int64_t id = a->id;
	json_t *o = json_object();
	enum sc_result rc = SC_OK;

	if (!o || json_array_append_new(arr, o))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_object_set_new(o, "role",
	                    json_string(coach_person == x->person ? "coach" : "coachee"));
	json_object_set_new(o, "assignment", recjson_object(a, RJ_SHOW));
	json_object_set_new(o, "coach", party(x, coach_person));
	json_object_set_new(o, "coachee", party(x, record_int(a, "coachee")));
	struct filter by_asg = cond(E_SESSION, "assignment", id, NULL, 0);
	struct filter via_session = { .field = entity_field(entity_get(E_OBSERVATION), "session"),
		                      .op = FO_IN_VIA,
		                      .in = &id,
		                      .nin = 1,
		                      .via = entity_field(entity_get(E_SESSION), "assignment") };
	struct filter via_plan = { .field = entity_field(entity_get(E_SELF_ASSESSMENT), "plan"),
		                   .op = FO_IN_VIA,
		                   .in = &id,
		                   .nin = 1,
		                   .via = entity_field(entity_get(E_PLAN), "assignment") };
	struct filter share_via = via_session;
	share_via.field = entity_field(entity_get(E_SHARE), "session");
	struct filter plan_asg = cond(E_PLAN, "assignment", id, NULL, 0);
	struct filter action_asg = cond(E_ACTION, "assignment", id, NULL, 0);

	if ((rc = put_list(x, o, "sessions", E_SESSION, &by_asg, 1, err)) ||
	    (rc = put_list(x, o, "observations", E_OBSERVATION, &via_session, 1, err)) ||
	    (rc = put_list(x, o, "actions", E_ACTION, &action_asg, 1, err)) ||
	    (rc = put_list(x, o, "plans", E_PLAN, &plan_asg, 1, err)) ||
	    (rc = put_list(x, o, "self_assessments", E_SELF_ASSESSMENT, &via_plan, 1, err)))
		return rc;
	/* Shares the coachee made of this relationship's sessions: the coachee's own records,
	 * read by the coachee and the recipient only, so not in the coach's export. */
	if (coach_person == x->person)
		return SC_OK;
	return put_list(x, o, "shares", E_SHARE, &share_via, 1, err);
}

/* The relationships the person is coach (profiles coaches[]) or coachee of. */
static enum sc_result relationships(struct pexp *x, const int64_t *coaches, size_t ncoaches,
                                    struct sc_error *err)
{
	struct filter f[2] = { cond(E_ASSIGNMENT, "coachee", x->person, NULL, 0),
		               cond(E_ASSIGNMENT, "coach", 0, coaches, ncoaches) };
	struct record_list l = { 0 };
	json_t *arr = json_array();
	enum sc_result rc = SC_OK;

	if (!arr || json_object_set_new(x->doc, "relationships", arr))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	/* As coachee, then as coach (none when the person has no coach profile). */
	for (size_t s = 0; s < 2 && rc == SC_OK; s++) {
		if (s == 1 && !ncoaches)
			break;
		rc = about(x, E_ASSIGNMENT, &f[s], 1, &l, err);
		for (size_t i = 0; rc == SC_OK && i < l.n; i++) {
			int64_t coach_person = x->person;
			if (s == 0) {
				struct filter cf = cond(E_COACH, NULL,
				                        record_int(l.items[i], "coach"), NULL, 0);
				struct record_list c = { 0 };
				if ((rc = store_list(
				             x->d->store, x->d->org, entity_get(E_COACH),
				             &(struct list_opts){ &cf, 1, FILTER_ID, false, 0, 0 },
				             &c, err)) == SC_OK)
					coach_person = c.n ? record_int(c.items[0], "person") : 0;
				record_list_release(&c);
			}
			if (rc == SC_OK)
				rc = relationship(x, l.items[i], coach_person, arr, err);
		}
		record_list_release(&l);
	}
	return rc;
}

/* The person record, their roles, and their account with its logins, tokens and setup links. */
static enum sc_result identity(struct pexp *x, struct sc_error *err)
{
	struct filter me = cond(E_PERSON, NULL, x->person, NULL, 0);
	struct filter acc = cond(E_ACCOUNT, "person", x->person, NULL, 0);
	struct record_list l = { 0 };
	int64_t *accounts = NULL;
	size_t naccounts = 0;
	unsigned roles = 0;
	enum sc_result rc;

	if ((rc = about(x, E_PERSON, &me, 1, &l, err)))
		return rc;
	if (!l.n) {
		record_list_release(&l);
		return sc_fail_msg(err, SC_NOT_FOUND, "id", x->d->lang, "err.read.missing",
		                   "entity", "person", "noun",
		                   domain_noun(x->d, entity_get(E_PERSON)), "id", SC_I64(x->person),
		                   "entities", "people", NULL);
	}
	json_object_set_new(x->doc, "person", recjson_object(l.items[0], RJ_SHOW));
	record_list_release(&l);
	if ((rc = domain_person_roles(x->d, x->person, &roles, err)))
		return rc;
	json_t *r = json_array();
	for (unsigned b = ROLE_ADMIN; b <= ROLE_REP; b <<= 1)
		if (roles & b)
			json_array_append_new(r, json_string(domain_role_name(b)));
	json_object_set_new(x->doc, "roles", r);
	if ((rc = put_list(x, x->doc, "accounts", E_ACCOUNT, &acc, 1, err)) ||
	    (rc = ids_of(x, E_ACCOUNT, &acc, 1, &accounts, &naccounts, err)))
		return rc;
	struct filter of_acc = cond(E_LOGIN, "account", 0, accounts, naccounts);
	if ((rc = put_list(x, x->doc, "login_sessions", E_LOGIN, &of_acc, 1, err)) == SC_OK &&
	    (rc = put_list(x, x->doc, "api_tokens", E_TOKEN, &of_acc, 1, err)) == SC_OK)
		rc = put_list(x, x->doc, "setup_links", E_SETUP, &of_acc, 1, err);
	/* Audit entries about the person's record and about their account. */
	struct filter pa[2] = { { .field = entity_field(entity_get(E_AUDIT), "entity"),
		                  .op = FO_EQ,
		                  .s = "person" },
		                cond(E_AUDIT, "record_id", x->person, NULL, 0) };
	if (rc == SC_OK)
		rc = put_list(x, x->doc, "audit_log", E_AUDIT, pa, 2, err);
	json_t *audit = json_object_get(x->doc, "audit_log");
	for (size_t i = 0; rc == SC_OK && audit && i < naccounts; i++) {
		struct filter aa[2] = { pa[0], cond(E_AUDIT, "record_id", accounts[i], NULL, 0) };
		aa[0].s = "account";
		struct record_list al = { 0 };
		rc = about(x, E_AUDIT, aa, 2, &al, err);
		for (size_t k = 0; rc == SC_OK && k < al.n; k++)
			json_array_append_new(audit, recjson_object(al.items[k], RJ_SHOW));
		record_list_release(&al);
	}
	free(accounts);
	return rc;
}

/* The coach profile, its trainings, incentive plans and presences; then the relationships. */
static enum sc_result coaching(struct pexp *x, struct sc_error *err)
{
	struct filter mine = cond(E_COACH, "person", x->person, NULL, 0);
	int64_t *coaches = NULL;
	size_t n = 0;
	enum sc_result rc;

	if ((rc = put_list(x, x->doc, "coach_profiles", E_COACH, &mine, 1, err)) ||
	    (rc = ids_of(x, E_COACH, &mine, 1, &coaches, &n, err)))
		return rc;
	struct filter of_coach = cond(E_TRAINING, "coach", 0, coaches, n);
	if ((rc = put_list(x, x->doc, "trainings", E_TRAINING, &of_coach, 1, err)) == SC_OK &&
	    (rc = put_list(x, x->doc, "incentive_plans", E_INCENTIVE, &of_coach, 1, err)) ==
	            SC_OK &&
	    (rc = put_list(x, x->doc, "presences", E_PRESENCE, &of_coach, 1, err)) == SC_OK)
		rc = relationships(x, coaches, n, err);
	free(coaches);
	return rc;
}

/* One list of kind whose field name is the person. */
static enum sc_result put_mine(struct pexp *x, const char *key, enum entity_kind kind,
                               const char *name, struct sc_error *err)
{
	struct filter f = cond(kind, name, x->person, NULL, 0);
	return put_list(x, x->doc, key, kind, &f, 1, err);
}

/* Work, e-mail and the logs: every other record that names the person. */
static enum sc_result the_rest(struct pexp *x, struct sc_error *err)
{
	static const struct {
		const char *key;
		enum entity_kind kind;
		const char *field;
	} lists[] = {
		{ "teams_managed", E_TEAM, "manager" },
		{ "sales_results", E_RESULT, "rep" },
		{ "appraisals", E_APPRAISAL, "rep" },
		{ "readiness_assessments", E_ASSESSMENT, "candidate" },
		{ "supervision_reviews", E_SUPERVISION, "manager" },
		{ "manager_tasks", E_TASK, "manager" },
		{ "tasks_delegated_to_me", E_TASK, "delegated_to" },
		{ "sessions_shared_with_me", E_SHARE, "person" },
		{ "survey_ballots", E_BALLOT, "person" },
		{ "notification_preferences", E_NOTIFY_PREF, "person" },
		{ "emails_sent", E_NOTICE, "person" },
		{ "access_log_of_my_content", E_ACCESS, "subject" },
		{ "access_log_of_my_reads", E_ACCESS, "reader" },
		{ "security_events", E_SECURITY, "person" },
	};
	enum sc_result rc = SC_OK;

	for (size_t i = 0; rc == SC_OK && i < ARRAY_SIZE(lists); i++)
		rc = put_mine(x, lists[i].key, lists[i].kind, lists[i].field, err);
	if (rc)
		return rc;
	/* The calendar feed: whether there is one; its secret is never shown. */
	struct filter f = cond(E_CALENDAR, "person", x->person, NULL, 0);
	struct record_list l = { 0 };
	if ((rc = about(x, E_CALENDAR, &f, 1, &l, err)) == SC_OK)
		json_object_set_new(x->doc, "calendar_feed", json_boolean(l.n > 0));
	record_list_release(&l);
	return rc;
}

/* The document's heading: what it is, of whom, by whom, and what it leaves out (written after
 * the content: whether private content is in it is known then). */
static enum sc_result heading(struct pexp *x, bool self, struct sc_error *err)
{
	enum msg_lang lang = x->d->lang;
	char now[TU_INSTANT_LEN];
	json_t *notes = json_array();

	tu_now_instant(now);
	if (!notes)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_array_append_new(notes, json_string(msg_text(lang, "personal.note.scope")));
	json_array_append_new(notes, json_string(msg_text(lang, "personal.note.surveys")));
	json_array_append_new(notes, json_string(msg_text(lang, "personal.note.secrets")));
	/* An administrator's export holds only what they may read themself: a relationship they
	 * are a party to, a session shared with them. */
	if (!self)
		json_array_append_new(
		        notes,
		        json_string(msg_text(lang, x->private_written ? "personal.note.partly"
		                                                      : "personal.note.withheld")));
	if (json_object_set_new(x->doc, "format", json_string(PERSONAL_FORMAT)) ||
	    json_object_set_new(x->doc, "exported_at", json_string(now)) ||
	    json_object_set_new(x->doc, "exported_by", json_string(x->d->actor.name)) ||
	    json_object_set_new(x->doc, "private_content_included",
	                        json_boolean(self || x->private_written)) ||
	    json_object_set_new(x->doc, "notes", notes))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	return SC_OK;
}

enum sc_result personal_export(struct domain *d, int64_t person, bool local, json_t **out,
                               struct sc_error *err)
{
	bool self = d->actor.person_id > 0 && d->actor.person_id == person;
	struct pexp x = { d, person, json_object(), false };
	enum sc_result rc;

	*out = NULL;
	if (!x.doc)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if ((rc = identity(&x, err)) == SC_OK && (rc = coaching(&x, err)) == SC_OK &&
	    (rc = the_rest(&x, err)) == SC_OK)
		rc = heading(&x, self, err);
	if (rc == SC_OK && (!self || local)) {
		char after[80];
		snprintf(after, sizeof(after), "{\"person\":%" PRId64 "%s}", person,
		         local ? ",\"via\":\"command line\"" : "");
		rc = domain_audit_about(d, "export", "person", person, after, err);
	}
	if (rc) {
		json_decref(x.doc);
		return rc;
	}
	*out = x.doc;
	return SC_OK;
}

void personal_file_name(int64_t person, const char *day, const char *ext, char *buf, size_t size)
{
	snprintf(buf, size, "personal-data-%" PRId64 "-%s.%s", person, day, ext);
}
