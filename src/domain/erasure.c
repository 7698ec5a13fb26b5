/*
 * erasure.c - erasure of a person and retention of coaching content (see
 * erasure.h). Everything is done through store.h's records, in one
 * transaction with secure erasing on, and the file is scrubbed after when
 * something was deleted.
 */
#include "domain/erasure.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/settings.h"

/* ---- the content of relationships ---------------------------------------------------------- */

/* Whether rec holds private content: a private field set and not empty. */
static bool has_content(const struct record *rec)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct value *v = &rec->v[i];
		if (!(rec->def->fields[i].flags & FF_PRIVATE) || v->state != V_SET)
			continue;
		if (v->s && !*v->s)
			continue;
		return true;
	}
	return false;
}

/*
 * Clear the private fields of rec in the store: null, or "" where one is
 * required (an action item's text).
 */
static enum sc_result clear_private(struct domain *d, const struct record *rec,
                                    struct sc_error *err)
{
	struct record *upd = record_new(rec->def);
	enum sc_result rc = SC_OK;

	if (!upd)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	upd->id = rec->id;
	for (size_t i = 0; i < rec->def->nfields && !rc; i++) {
		const struct field_def *f = &rec->def->fields[i];
		if (!(f->flags & FF_PRIVATE))
			continue;
		if (f->flags & FF_REQUIRED)
			rc = record_set_text(upd, (int)i, "");
		else
			record_set_null(upd, (int)i);
	}
	if (rc)
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	else
		rc = store_update(d->store, d->org, upd, err);
	record_free(&upd);
	return rc;
}

enum erase_how { CLEAR, REMOVE };

/*
 * The records of kind k that meet f: each with content cleared (CLEAR), or
 * each removed (REMOVE); *count grows by those concerned. dry: only counted.
 */
static enum sc_result each(struct domain *d, enum entity_kind k, const struct filter *f, size_t nf,
                           enum erase_how how, bool dry, int64_t *count, struct sc_error *err)
{
	const struct entity_def *def = entity_get(k);
	struct list_opts opts = { .filters = f, .nfilters = nf, .order_field = FILTER_ID };
	struct record_list list = { 0 };
	enum sc_result rc = store_list(d->store, d->org, def, &opts, &list, err);

	for (size_t i = 0; i < list.n && !rc; i++) {
		if (how == CLEAR && !has_content(list.items[i]))
			continue;
		(*count)++;
		if (dry)
			continue;
		rc = how == CLEAR ? clear_private(d, list.items[i], err)
		                  : store_delete(d->store, d->org, def, list.items[i]->id, err);
	}
	record_list_release(&list);
	return rc;
}

/* The private content of the assignments ids[0..n): cleared (dry: counted) into *c. */
static enum sc_result clear_relationships(struct domain *d, const int64_t *ids, size_t n, bool dry,
                                          struct erasure_content *c, struct sc_error *err)
{
	/* Each kind by its reference: to the assignment, or to a session or plan of it. */
	const struct {
		enum entity_kind kind;
		const char *field;    /* the kind's reference */
		enum entity_kind via; /* E_COUNT: field names the assignment */
		enum erase_how how;
		int64_t *count;
	} parts[] = {
		{ E_SESSION, "assignment", E_COUNT, CLEAR, &c->sessions },
		{ E_ACTION, "assignment", E_COUNT, CLEAR, &c->actions },
		{ E_PLAN, "assignment", E_COUNT, CLEAR, &c->plans },
		{ E_OBSERVATION, "session", E_SESSION, CLEAR, &c->observations },
		{ E_SHARE, "session", E_SESSION, REMOVE, &c->shares },
		{ E_SELF_ASSESSMENT, "plan", E_PLAN, REMOVE, &c->self_assessments },
	};
	enum sc_result rc = SC_OK;

	for (size_t i = 0; rc == SC_OK && i < sizeof(parts) / sizeof(parts[0]); i++) {
		struct filter f = { .field =
			                    entity_field(entity_get(parts[i].kind), parts[i].field),
			            .op = parts[i].via == E_COUNT ? FO_IN : FO_IN_VIA,
			            .in = ids,
			            .nin = n };
		if (parts[i].via != E_COUNT)
			f.via = entity_field(entity_get(parts[i].via), "assignment");
		rc = each(d, parts[i].kind, &f, 1, parts[i].how, dry, parts[i].count, err);
	}
	return rc;
}

static void content_add(struct erasure_content *to, const struct erasure_content *c)
{
	to->sessions += c->sessions;
	to->observations += c->observations;
	to->actions += c->actions;
	to->plans += c->plans;
	to->self_assessments += c->self_assessments;
	to->shares += c->shares;
}

static bool content_any(const struct erasure_content *c)
{
	return c->sessions || c->observations || c->actions || c->plans || c->self_assessments ||
	       c->shares;
}

/* The counts of c into obj. */
static void content_json(json_t *obj, const struct erasure_content *c)
{
	json_object_set_new(obj, "sessions", json_integer(c->sessions));
	json_object_set_new(obj, "observations", json_integer(c->observations));
	json_object_set_new(obj, "actions", json_integer(c->actions));
	json_object_set_new(obj, "plans", json_integer(c->plans));
	json_object_set_new(obj, "self_assessments", json_integer(c->self_assessments));
	json_object_set_new(obj, "shares", json_integer(c->shares));
}

/* Audit obj (consumed) as action on entity id; no content, only counts and the reason. */
static enum sc_result audit_json(struct domain *d, const char *action, const char *entity,
                                 int64_t id, json_t *obj, struct sc_error *err)
{
	char *text = obj ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	enum sc_result rc = text ? domain_audit_about(d, action, entity, id, text, err)
	                         : sc_fail(err, SC_NOMEM, NULL, "out of memory");
	free(text);
	json_decref(obj);
	return rc;
}

/* Who may erase and retain: the organisation's administrators (PRODUCT.md "People and roles"). */
static enum sc_result need_admin(struct domain *d, struct sc_error *err)
{
	if (d->actor.person_id == 0 || (d->actor.roles & ROLE_ADMIN))
		return SC_OK;
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "erase.err.admin", NULL);
}

static enum sc_result legal_hold(struct domain *d, bool *held, struct sc_error *err)
{
	char v[16];
	enum sc_result rc = settings_get(d->store, d->org, "legal_hold", v, sizeof(v), err);

	*held = rc == SC_OK && !strcmp(v, "true");
	return rc;
}

/*
 * The setting under which a scrub that could not complete is remembered, so
 * that the next erase or retain finishes it even when it deletes nothing.
 * Not one of the settings users see (domain/settings.c): set only here.
 */
#define SCRUB_PENDING "scrub_pending"

/*
 * Scrub the file when needed (something was deleted) or when an earlier
 * scrub could not complete. *scrubbed: false only when a scrub was wanted and
 * did not complete (another connection held a read open); then it is
 * remembered for the next run.
 */
static void scrub(struct domain *d, bool needed, bool *scrubbed)
{
	struct sc_error ignored;
	char *pending = NULL;

	*scrubbed = true;
	if (store_setting_get(d->store, d->org, SCRUB_PENDING, &pending, &ignored) == SC_OK &&
	    pending && !strcmp(pending, "true"))
		needed = true;
	free(pending);
	if (!needed)
		return;
	/* Cleared first: the scrub then leaves no write of its own in the log. */
	store_setting_put(d->store, d->org, SCRUB_PENDING, "false", &ignored);
	if (store_scrub(d->store, scrubbed, &ignored) != SC_OK)
		*scrubbed = false;
	if (!*scrubbed)
		store_setting_put(d->store, d->org, SCRUB_PENDING, "true", &ignored);
}

/*
 * Run change(d, arg, err) in one transaction with secure erasing on, then
 * scrub the file when *deleted (read after change) says something went.
 */
static enum sc_result
erase_in_transaction(struct domain *d,
                     enum sc_result (*change)(struct domain *, void *, struct sc_error *),
                     void *arg, const bool *deleted, bool *scrubbed, struct sc_error *err)
{
	enum sc_result rc;
	struct sc_error ignored;

	*scrubbed = true;
	if ((rc = store_secure_erase(d->store, true, err)))
		return rc;
	if ((rc = store_begin(d->store, err)))
		goto out;
	if ((rc = change(d, arg, err)) || (rc = store_commit(d->store, err))) {
		store_rollback(d->store);
		goto out;
	}
	/* Committed: a scrub that cannot finish now is said, and done by the next run. */
	scrub(d, *deleted, scrubbed);
out:
	store_secure_erase(d->store, false, &ignored);
	return rc;
}

/* ---- erasure of a person ------------------------------------------------------------------- */

void erasure_email(int64_t person, char *out, size_t n)
{
	snprintf(out, n, "erased-%" PRId64 "@erased.invalid", person);
}

struct erase_job {
	int64_t person;
	const char *reason;
	bool dry;
	struct erasure_report *out;
	const struct record *before; /* the person */
};

/*
 * The ids of the assignments person is the coachee in, into *ids (owned), *n.
 * Where they are the coach the relationship and its content stay: they are
 * the coachee's record too (PRODUCT.md, Privacy), and the coach is anonymised.
 */
static enum sc_result relationships_of(struct domain *d, int64_t person, int64_t **ids, size_t *n,
                                       struct sc_error *err)
{
	const struct entity_def *as = entity_get(E_ASSIGNMENT);
	struct filter f = { .field = entity_field(as, "coachee"), .op = FO_EQ, .i = person };
	struct record_list list = { 0 };
	struct list_opts opts = { .filters = &f, .nfilters = 1, .order_field = FILTER_ID };
	enum sc_result rc = store_list(d->store, d->org, as, &opts, &list, err);

	*ids = NULL, *n = 0;
	if (rc)
		goto out;
	if (list.n && !(*ids = calloc(list.n, sizeof(**ids)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < list.n; i++)
		(*ids)[(*n)++] = list.items[i]->id;
out:
	record_list_release(&list);
	return rc;
}

/* The person's accounts (with their logins, tokens and setup links) and their own records. */
static enum sc_result remove_own(struct domain *d, struct erase_job *job, struct sc_error *err)
{
	struct erasure_report *o = job->out;
	struct filter f = { .op = FO_EQ, .i = job->person };
	struct record *acc = NULL;
	enum sc_result rc;
	static const struct {
		enum entity_kind kind;
		size_t at; /* offset of its count in struct erasure_report */
	} owned[] = {
		{ E_SECURITY, offsetof(struct erasure_report, security_events) },
		{ E_CALENDAR, offsetof(struct erasure_report, calendar_feeds) },
		{ E_NOTICE, offsetof(struct erasure_report, notices) },
		{ E_NOTIFY_PREF, offsetof(struct erasure_report, notify_prefs) },
		{ E_BALLOT, offsetof(struct erasure_report, ballots) },
		{ E_SHARE, offsetof(struct erasure_report, content.shares) },
	};

	f.field = entity_field(entity_get(E_ACCOUNT), "person");
	if ((rc = store_first(d->store, d->org, entity_get(E_ACCOUNT), &f, 1, &acc, err)))
		return rc;
	if (acc) {
		struct filter a = { .op = FO_EQ, .i = acc->id };
		int64_t n;
		o->accounts++;
		a.field = entity_field(entity_get(E_LOGIN), "account");
		if ((rc = store_count(d->store, d->org, entity_get(E_LOGIN), &a, 1, &n, err)))
			goto out;
		o->logins += n;
		a.field = entity_field(entity_get(E_TOKEN), "account");
		if ((rc = store_count(d->store, d->org, entity_get(E_TOKEN), &a, 1, &n, err)))
			goto out;
		o->tokens += n;
		a.field = entity_field(entity_get(E_SETUP), "account");
		if ((rc = store_count(d->store, d->org, entity_get(E_SETUP), &a, 1, &n, err)))
			goto out;
		o->setups += n;
		/* Logins, tokens and setup links are parts of the account: removed with it. */
		if (!job->dry &&
		    ((rc = store_delete(d->store, d->org, entity_get(E_ACCOUNT), acc->id, err)) ||
		     (rc = account_access_ended(d->store, d->org, err))))
			goto out;
	}
	for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]) && !rc; i++) {
		const struct entity_def *def = entity_get(owned[i].kind);
		f.field = entity_field(def, "person");
		rc = each(d, owned[i].kind, &f, 1, REMOVE, job->dry,
		          (int64_t *)((char *)o + owned[i].at), err);
	}
out:
	record_free(&acc);
	return rc;
}

/*
 * Field `field` of the records of kind k that meet f set to text (borrowed): the log
 * rows that name the person. *count grows by the rows changed.
 */
static enum sc_result rename_rows(struct domain *d, enum entity_kind k, const struct filter *f,
                                  const char *field, const char *text, bool dry, int64_t *count,
                                  struct sc_error *err)
{
	const struct entity_def *def = entity_get(k);
	struct list_opts opts = { .filters = f, .nfilters = 1, .order_field = FILTER_ID };
	struct record_list list = { 0 };
	enum sc_result rc = store_list(d->store, d->org, def, &opts, &list, err);
	int i = entity_field(def, field);

	for (size_t r = 0; r < list.n && !rc; r++) {
		struct record *upd;
		(*count)++;
		if (dry)
			continue;
		if (!(upd = record_new(def)) || record_set_text(upd, i, text)) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		} else {
			upd->id = list.items[r]->id;
			rc = store_update(d->store, d->org, upd, err);
		}
		record_free(&upd);
	}
	record_list_release(&list);
	return rc;
}

/* Add the lower-cased e-mail of JSON text (a copy of the person record) to addrs, once. */
static void add_address(json_t *addrs, const char *text)
{
	json_t *obj = text ? json_loads(text, 0, NULL) : NULL;
	const char *e = json_string_value(json_object_get(obj, "email"));
	char low[320];
	size_t i;

	for (i = 0; e && e[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)((e[i] >= 'A' && e[i] <= 'Z') ? e[i] - 'A' + 'a' : e[i]);
	if (e && *e && !e[i]) {
		low[i] = '\0';
		json_object_set_new(addrs, low, json_true());
	}
	json_decref(obj);
}

/*
 * The person record's own history (its values were the name and the
 * address): every address it ever had added to addrs, then (not dry) the
 * rows lose their before and after. *n grows by the rows.
 */
static enum sc_result person_history(struct domain *d, struct erase_job *job, json_t *addrs,
                                     int64_t *n, struct sc_error *err)
{
	const struct entity_def *audit = entity_get(E_AUDIT);
	struct filter both[2] = {
		{ .field = entity_field(audit, "entity"), .op = FO_EQ, .s = "person" },
		{ .field = entity_field(audit, "record_id"), .op = FO_EQ, .i = job->person },
	};
	struct list_opts opts = { .filters = both, .nfilters = 2, .order_field = FILTER_ID };
	struct record_list list = { 0 };
	enum sc_result rc = store_list(d->store, d->org, audit, &opts, &list, err);

	for (size_t r = 0; r < list.n && !rc; r++) {
		struct record *upd = NULL;
		add_address(addrs, record_text(list.items[r], "before"));
		add_address(addrs, record_text(list.items[r], "after"));
		(*n)++;
		if (job->dry)
			continue;
		if (!(upd = record_new(audit))) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			break;
		}
		upd->id = list.items[r]->id;
		record_set_null(upd, entity_field(audit, "before"));
		record_set_null(upd, entity_field(audit, "after"));
		rc = store_update(d->store, d->org, upd, err);
		record_free(&upd);
	}
	record_list_release(&list);
	return rc;
}

/*
 * The logs keep who did and read what, by a name that no longer says who:
 * every e-mail address the person had (how the logs name an actor: the
 * current one and each earlier one in the person record's history) and the
 * name become the anonymised ones; the audit log's copies of the person
 * record itself lose their before and after.
 */
static enum sc_result anonymise_logs(struct domain *d, struct erase_job *job, const char *name,
                                     const char *email, struct sc_error *err)
{
	static const struct {
		enum entity_kind kind;
		const char *field;
	} named[] = { { E_AUDIT, "actor" },
		      { E_ACK, "acked_by" },
		      { E_SETUP, "issued_by" },
		      { E_SECURITY, "actor" } };
	json_t *addrs = json_object();
	int64_t *n = &job->out->log_rows, person_rows = 0;
	const char *addr;
	json_t *v;
	enum sc_result rc;

	if (!addrs)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_object_set_new(addrs, record_text(job->before, "email"), json_true());
	/* Read before the history is cleared: it holds the earlier addresses. */
	if ((rc = person_history(d, job, addrs, &person_rows, err)))
		goto out;
	json_object_foreach(addrs, addr, v)
	{
		for (size_t i = 0; i < sizeof(named) / sizeof(named[0]) && !rc; i++) {
			const struct entity_def *def = entity_get(named[i].kind);
			struct filter f = { .field = entity_field(def, named[i].field),
				            .op = FO_EQ,
				            .s = addr };
			rc = rename_rows(d, named[i].kind, &f, named[i].field, email, job->dry, n,
			                 err);
		}
		if (rc)
			goto out;
	}
	struct filter f = { .field = entity_field(entity_get(E_ACCESS), "reader"),
		            .op = FO_EQ,
		            .i = job->person };
	if ((rc = rename_rows(d, E_ACCESS, &f, "reader_name", name, job->dry, n, err)))
		goto out;
	*n += person_rows;
out:
	json_decref(addrs);
	return rc;
}

/* The person record itself: anonymised, inactive, without their free text. */
static enum sc_result anonymise_person(struct domain *d, struct erase_job *job, const char *name,
                                       const char *email, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct record *upd = record_new(def);
	struct filter f = { .field = entity_field(entity_get(E_COACH), "person"),
		            .op = FO_EQ,
		            .i = job->person };
	struct record *coach = NULL;
	enum sc_result rc = SC_NOMEM;

	if (!upd || record_put_text(upd, "name", name) || record_put_text(upd, "email", email))
		goto out;
	upd->id = job->person;
	record_put_int(upd, "active", 0);
	record_set_null(upd, entity_field(def, "title"));
	record_set_null(upd, entity_field(def, "track_record"));
	if ((rc = store_update(d->store, d->org, upd, err)) ||
	    (rc = store_first(d->store, d->org, entity_get(E_COACH), &f, 1, &coach, err)) || !coach)
		goto out;
	/* A coach profile stays (its activity counts) but coaches no more. */
	record_free(&upd);
	if (!(upd = record_new(entity_get(E_COACH)))) {
		rc = SC_NOMEM;
		goto out;
	}
	upd->id = coach->id;
	record_put_int(upd, "active", 0);
	rc = store_update(d->store, d->org, upd, err);
out:
	if (rc == SC_NOMEM)
		sc_fail(err, rc, NULL, "out of memory");
	record_free(&upd);
	record_free(&coach);
	return rc;
}

static enum sc_result erase_change(struct domain *d, void *arg, struct sc_error *err)
{
	struct erase_job *job = arg;
	struct erasure_report *o = job->out;
	char name[160], email[80];
	int64_t *ids = NULL;
	size_t n = 0;
	bool held;
	enum sc_result rc;

	/* Read in the transaction that erases: a hold set meanwhile is seen. */
	if ((rc = legal_hold(d, &held, err)))
		return rc;
	if (held)
		return sc_fail_msg(err, SC_CONFLICT, "legal_hold", d->lang, "erase.err.legal_hold",
		                   NULL);
	/* The name is data: in the organisation's language, whatever --lang the command had. */
	char locale[16];
	enum msg_lang lang = MSG_EN;
	if (settings_get(d->store, d->org, "locale", locale, sizeof(locale), NULL) == SC_OK)
		msg_lang_parse(locale, &lang);
	erasure_email(job->person, email, sizeof(email));
	snprintf(name, sizeof(name), "%s %" PRId64, msg_text(lang, "erase.name"), job->person);
	if ((rc = relationships_of(d, job->person, &ids, &n, err)) ||
	    (rc = clear_relationships(d, ids, n, job->dry, &o->content, err)) ||
	    (rc = remove_own(d, job, err)) || (rc = anonymise_logs(d, job, name, email, err)))
		goto out;
	o->relationships = (int64_t)n;
	if (job->dry || (rc = anonymise_person(d, job, name, email, err)))
		goto out;
	json_t *obj = json_object();
	if (obj) {
		json_object_set_new(obj, "reason", json_string(job->reason));
		json_object_set_new(obj, "relationships", json_integer(o->relationships));
		content_json(obj, &o->content);
		json_object_set_new(obj, "accounts", json_integer(o->accounts));
		json_object_set_new(obj, "logins", json_integer(o->logins));
		json_object_set_new(obj, "tokens", json_integer(o->tokens));
		json_object_set_new(obj, "calendar_feeds", json_integer(o->calendar_feeds));
		json_object_set_new(obj, "notices", json_integer(o->notices));
		json_object_set_new(obj, "notify_prefs", json_integer(o->notify_prefs));
		json_object_set_new(obj, "log_rows", json_integer(o->log_rows));
	}
	rc = audit_json(d, "erase", "person", job->person, obj, err);
out:
	free(ids);
	return rc;
}

enum sc_result erasure_person(struct domain *d, int64_t person, const char *reason, bool dry_run,
                              struct erasure_report *out, struct sc_error *err)
{
	struct erase_job job = { .person = person, .reason = reason, .dry = dry_run, .out = out };
	struct record *p = NULL;
	char email[80];
	enum sc_result rc;

	memset(out, 0, sizeof(*out));
	if ((rc = need_admin(d, err)))
		return rc;
	if (!reason || !*reason)
		return sc_fail_msg(err, SC_INVALID, "reason", d->lang, "erase.err.reason", NULL);
	/* The audit entry names who erased: never the erased person's own address. */
	if (d->actor.person_id == person)
		return sc_fail_msg(err, SC_CONFLICT, "id", d->lang, "erase.err.self", NULL);
	if ((rc = store_get(d->store, d->org, entity_get(E_PERSON), person, &p, err)))
		return rc == SC_NOT_FOUND
		               ? sc_fail_msg(err, rc, "id", d->lang, "erase.err.no_person", "id",
		                             SC_I64(person), NULL)
		               : rc;
	erasure_email(person, email, sizeof(email));
	if (!strcmp(record_text(p, "email"), email)) {
		/* Erased before: nothing to delete, but a scrub left undone is done now. */
		out->already = true;
		if (!dry_run) {
			if ((rc = store_secure_erase(d->store, true, err)) == SC_OK) {
				scrub(d, true, &out->scrubbed);
				store_secure_erase(d->store, false, err);
			}
		}
		goto out;
	}
	job.before = p;
	if (dry_run) {
		rc = erase_change(d, &job, err);
	} else {
		bool deleted = true; /* at least the name and address */
		rc = erase_in_transaction(d, erase_change, &job, &deleted, &out->scrubbed, err);
	}
out:
	record_free(&p);
	return rc;
}

/* ---- retention ----------------------------------------------------------------------------- */

void erasure_months_before(const char *date, int months, char out[TU_DATE_LEN])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 0, m = 0, day = 0;

	if (sscanf(date, "%d-%d-%d", &y, &m, &day) != 3 || m < 1 || m > 12 || y < 1)
		y = 1970, m = 1, day = 1;
	long total = (long)y * 12 + (m - 1) - months;
	y = (int)(total / 12), m = (int)(total % 12) + 1;
	int last = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	char buf[48];
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, day < last ? day : last);
	memcpy(out, buf, TU_DATE_LEN - 1);
	out[TU_DATE_LEN - 1] = '\0';
}

/* The relationships that ended before cutoff: their rows in r (content not yet counted). */
static enum sc_result ended_before(struct domain *d, struct retention_report *r,
                                   struct sc_error *err)
{
	struct list_opts opts = { .order_field = FILTER_ID };
	struct record_list as = { 0 }, progs = { 0 };
	enum sc_result rc = store_list(d->store, d->org, entity_get(E_ASSIGNMENT), &opts, &as, err);

	if (rc || (rc = store_list(d->store, d->org, entity_get(E_PROGRAMME), &opts, &progs, err)))
		goto out;
	if (as.n && !(r->rows = calloc(as.n, sizeof(*r->rows)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < as.n; i++) {
		const struct record *a = as.items[i];
		const char *end = record_text(a, "ends_on");
		for (size_t p = 0; !end && p < progs.n; p++)
			if (progs.items[p]->id == record_int(a, "programme"))
				end = record_text(progs.items[p], "ends_on");
		if (!end || strcmp(end, r->cutoff) >= 0)
			continue;
		struct retention_row *row = &r->rows[r->n++];
		row->assignment = a->id;
		row->coachee = record_int(a, "coachee");
		row->coach_person = record_int(a, "coach");
		snprintf(row->ended_on, sizeof(row->ended_on), "%.10s", end);
	}
out:
	record_list_release(&as);
	record_list_release(&progs);
	return rc;
}

struct retain_job {
	struct retention_report *r;
	bool dry;
	bool deleted; /* something went: the file is scrubbed */
};

static enum sc_result retain_change(struct domain *d, void *arg, struct sc_error *err)
{
	struct retain_job *job = arg;
	struct retention_report *r = job->r;
	size_t kept = 0;
	enum sc_result rc;

	/* Read again in the transaction that deletes: a hold set meanwhile is seen. */
	if ((rc = legal_hold(d, &r->held, err)) || r->held) {
		r->n = 0;
		return rc;
	}
	for (size_t i = 0; i < r->n && !rc; i++) {
		struct retention_row *row = &r->rows[i];
		rc = clear_relationships(d, &row->assignment, 1, job->dry, &row->content, err);
		if (!rc && content_any(&row->content)) {
			content_add(&r->total, &row->content);
			r->rows[kept++] = *row;
		}
	}
	r->n = kept;
	if (rc || job->dry || !content_any(&r->total))
		return rc;
	job->deleted = true;
	json_t *obj = json_object();
	if (obj) {
		json_object_set_new(obj, "retention_months", json_integer(r->months));
		json_object_set_new(obj, "ended_before", json_string(r->cutoff));
		json_object_set_new(obj, "relationships", json_integer((json_int_t)r->n));
		content_json(obj, &r->total);
	}
	return audit_json(d, "retain", "assignment", 0, obj, err);
}

enum sc_result erasure_retain(struct domain *d, bool dry_run, struct retention_report *out,
                              struct sc_error *err)
{
	struct retain_job job = { .r = out, .dry = dry_run };
	enum sc_result rc;

	memset(out, 0, sizeof(*out));
	if ((rc = need_admin(d, err)) || (rc = legal_hold(d, &out->held, err)) || out->held)
		return rc;
	out->months = (int)settings_number(d->store, d->org, "retention_months");
	erasure_months_before(d->today, out->months, out->cutoff);
	if ((rc = ended_before(d, out, err)))
		return rc;
	if (dry_run)
		rc = retain_change(d, &job, err);
	else
		rc = erase_in_transaction(d, retain_change, &job, &job.deleted, &out->scrubbed,
		                          err);
	/* The rows name the coach profile until here; the report names its person. */
	for (size_t i = 0; i < out->n && !rc; i++) {
		struct record *c = NULL;
		if (store_get(d->store, d->org, entity_get(E_COACH), out->rows[i].coach_person, &c,
		              NULL) == SC_OK)
			out->rows[i].coach_person = record_int(c, "person");
		record_free(&c);
	}
	return rc;
}

void erasure_retention_release(struct retention_report *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}
