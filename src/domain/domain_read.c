/*
 * domain_read.c - reading records: the parties of a relationship, private
 * content shown only to them, every such read in the access log, and lists
 * narrowed to what the actor may read (see domain.h).
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
#include "base/timeutil.h"
#include "base/util.h"

/* ---- reading and privacy ------------------------------------------------------------------ */

static enum sc_result assignment_parties(struct domain *d, int64_t assignment, int64_t *coach,
                                         int64_t *coachee, struct sc_error *err)
{
	struct record *a = NULL;
	enum sc_result rc =
	        store_get(d->store, d->org, entity_get(E_ASSIGNMENT), assignment, &a, err);
	if (rc)
		return rc;
	*coachee = record_int(a, "coachee");
	rc = domain_coach_person(d, record_int(a, "coach"), coach, err);
	record_free(&a);
	return rc;
}

enum sc_result domain_parties(struct domain *d, const struct record *rec, int64_t *coach,
                              int64_t *coachee, struct sc_error *err)
{
	struct record *parent = NULL;
	enum sc_result rc;

	*coach = *coachee = 0;
	switch (rec->def->kind) {
	case E_SESSION:
	case E_ACTION:
	case E_PLAN:
		return assignment_parties(d, record_int(rec, "assignment"), coach, coachee, err);
	case E_OBSERVATION:
		rc = domain_load_ref(d, rec, "session", &parent, err);
		break;
	case E_SELF_ASSESSMENT:
		rc = domain_load_ref(d, rec, "plan", &parent, err);
		break;
	default:
		return sc_fail(err, SC_INTERNAL, NULL, "%s has no coaching relationship",
		               rec->def->name);
	}
	if (rc == SC_OK)
		rc = assignment_parties(d, record_int(parent, "assignment"), coach, coachee, err);
	record_free(&parent);
	return rc;
}

/*
 * The access-log writes of one list: the first begins a transaction, which
 * the list commits after its last record. A commit waits for the disk
 * (store.h, enum store_durability): a page of a hundred sessions must cost
 * one such wait, not a hundred.
 */
struct log_batch {
	bool open; /* a transaction of the batch's is open */
};

/*
 * Write the actor's read of fields of rec, coachee's private content, to
 * the access log, in batch's transaction when batch is not NULL (in the
 * store's own when one is open already). Repeated reads of the same fields
 * of one record within DOMAIN_ACCESS_WINDOW of the first are counted in its
 * row (reads, last_at), so that a coach who pages through a list all
 * afternoon adds a row per record per hour, not one per request. (Two first
 * reads at the same moment on two connections may both add a row: the log
 * still holds every read.)
 */
static enum sc_result log_read(struct domain *d, const struct record *rec, int64_t coachee,
                               const char *fields, struct log_batch *batch, struct sc_error *err)
{
	char now[TU_INSTANT_LEN], since[TU_INSTANT_LEN];
	struct qrows q = { 0 };
	time_t t = tu_now();
	enum sc_result rc;

	if (batch && !batch->open && store_begin(d->store, NULL) == SC_OK)
		batch->open = true;

	tu_instant_from_time(t, now);
	tu_instant_from_time(t - DOMAIN_ACCESS_WINDOW, since);
	struct qparam p[] = { { d->actor.person_id, NULL },
		              { coachee, NULL },
		              { 0, rec->def->name },
		              { rec->id, NULL },
		              { 0, fields },
		              { 0, since },
		              { 0, now } };
	rc = store_query(d->store, d->org, SQ_ACCESS_REREAD, p, ARRAY_SIZE(p), &q, err);
	bool counted = q.nrows > 0;
	qrows_release(&q);
	if (rc || counted)
		return rc;

	struct record *log = record_new(entity_get(E_ACCESS));
	if (!log)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	record_put_text(log, "at", now);
	record_put_text(log, "last_at", now);
	record_put_int(log, "reads", 1);
	record_put_int(log, "reader", d->actor.person_id);
	record_put_text(log, "reader_name", d->actor.name);
	record_put_int(log, "subject", coachee);
	record_put_text(log, "entity", rec->def->name);
	record_put_int(log, "record_id", rec->id);
	record_put_text(log, "fields", fields);
	rc = store_insert(d->store, d->org, log, err);
	record_free(&log);
	return rc;
}

/* Leave out every private field of rec: a read without content. */
static void strip_private(struct record *rec)
{
	for (size_t i = 0; i < rec->def->nfields; i++)
		if (rec->def->fields[i].flags & FF_PRIVATE)
			record_clear(rec, (int)i);
}

/*
 * Hide what the actor may not read; log what a reader other than the coachee
 * reads (in batch, when not NULL: see log_read).
 */
static enum sc_result apply_privacy(struct domain *d, struct record *rec, struct log_batch *batch,
                                    struct sc_error *err)
{
	int64_t coach, coachee;
	char fields[512];
	size_t len = 0;
	enum sc_result rc;

	if (!entity_has_private(rec->def))
		return SC_OK;
	if (d->actor.person_id == 0) {
		/* The local administrator is never a party: no lookup needed. */
		coach = coachee = -1;
	} else if ((rc = domain_parties(d, rec, &coach, &coachee, err))) {
		return rc;
	}
	bool may = d->actor.person_id &&
	           (d->actor.person_id == coach || d->actor.person_id == coachee);
	/* A session's summary the coachee shared with the reader. */
	if (!may && d->actor.person_id && rec->def->kind == E_SESSION &&
	    (rc = domain_shared_with(d, rec->id, d->actor.person_id, &may, err)))
		return rc;
	fields[0] = '\0';
	for (size_t i = 0; i < rec->def->nfields; i++) {
		if (!(rec->def->fields[i].flags & FF_PRIVATE))
			continue;
		if (!may) {
			record_clear(rec, (int)i);
			continue;
		}
		if (rec->v[i].state == V_SET && len < sizeof(fields))
			len += (size_t)snprintf(fields + len, sizeof(fields) - len, "%s%s",
			                        len ? "," : "", rec->def->fields[i].name);
	}
	if (!may || !fields[0] || d->actor.person_id == coachee)
		return SC_OK;
	return log_read(d, rec, coachee, fields, batch, err);
}

/*
 * The privacy of the records of out from first on: private fields left out
 * (no_content), or shown to the parties with each read logged, in one
 * transaction for the whole list.
 */
static enum sc_result privacy_all(struct domain *d, struct record_list *out, size_t first,
                                  bool no_content, struct sc_error *err)
{
	struct log_batch batch = { false };
	enum sc_result rc = SC_OK;

	for (size_t i = first; rc == SC_OK && i < out->n; i++)
		if (no_content)
			strip_private(out->items[i]);
		else
			rc = apply_privacy(d, out->items[i], &batch, err);
	if (batch.open && rc == SC_OK)
		rc = store_commit(d->store, err);
	else if (batch.open)
		store_rollback(d->store);
	return rc;
}

enum sc_result domain_get(struct domain *d, const struct entity_def *def, int64_t id,
                          struct record **out, struct sc_error *err)
{
	enum sc_result rc = domain_access_kind(d, def, err);
	if (rc)
		return rc;
	rc = store_get(d->store, d->org, def, id, out, err);
	if (rc == SC_OK && (rc = domain_access_read(d, *out, err)))
		record_free(out);
	if (rc == SC_NOT_FOUND)
		return sc_fail_msg(err, SC_NOT_FOUND, "id", d->lang, "err.read.missing", "entity",
		                   def->name, "noun", domain_noun(d, def), "id", SC_I64(id),
		                   "entities", def->plural, NULL);
	if (rc == SC_OK && (rc = apply_privacy(d, *out, NULL, err)))
		record_free(out);
	return rc;
}

enum sc_result domain_list(struct domain *d, const struct entity_def *def,
                           const struct list_opts *opts, struct record_list *out,
                           struct sc_error *err)
{
	return domain_list_total(d, def, opts, out, NULL, err);
}

/*
 * Keep the records of out from first on that the actor may read, and of
 * those the page that opts asks for; *total counts them all.
 */
static enum sc_result keep_readable(struct domain *d, const struct list_opts *opts,
                                    struct record_list *out, size_t first, size_t *total,
                                    struct sc_error *err)
{
	size_t kept = first, seen = 0; /* total: NULL when not wanted */
	enum sc_result rc = SC_OK;

	for (size_t i = first; i < out->n; i++) {
		struct record *r = out->items[i];
		out->items[i] = NULL;
		if (rc == SC_OK) {
			struct sc_error e;
			sc_error_init(&e);
			enum sc_result ar = domain_access_read(d, r, &e);
			if (ar == SC_OK) {
				bool in_page = seen >= opts->offset &&
				               (!opts->limit || seen < opts->offset + opts->limit);
				seen++;
				if (in_page) {
					out->items[kept++] = r;
					continue;
				}
			} else if (ar != SC_NOT_FOUND) {
				rc = ar;
				if (err)
					*err = e;
			}
		}
		record_free(&r);
	}
	out->n = kept;
	if (total)
		*total = seen;
	return rc;
}

enum sc_result domain_list_total(struct domain *d, const struct entity_def *def,
                                 const struct list_opts *opts, struct record_list *out,
                                 size_t *total, struct sc_error *err)
{
	size_t first = out->n;
	enum sc_result rc;
	struct list_opts all = { 0 };

	if (total)
		*total = 0;
	if ((rc = domain_access_kind(d, def, err)))
		return rc;

	/* Filtering or sorting on private content would reveal it. */
	for (size_t i = 0; opts && i < opts->nfilters; i++) {
		int fi = opts->filters[i].field;
		if (fi != FILTER_ID && (def->fields[fi].flags & FF_PRIVATE))
			return sc_fail_msg(err, SC_FORBIDDEN, def->fields[fi].name, d->lang,
			                   "err.read.private_filter", "field", def->fields[fi].name,
			                   NULL);
	}
	if (opts && opts->order_field != FILTER_ID &&
	    (def->fields[opts->order_field].flags & FF_PRIVATE))
		return sc_fail_msg(err, SC_FORBIDDEN, def->fields[opts->order_field].name, d->lang,
		                   "err.read.private_sort", NULL);
	if (opts)
		all = *opts;
	/* What the actor may read, as one more filter the store applies. */
	struct domain_scope scope;
	struct filter filters[LIST_MAX_FILTERS + 1];
	if ((rc = domain_access_scope(d, def, &scope, err)))
		return rc;
	if (scope.used) {
		if (all.nfilters > LIST_MAX_FILTERS) {
			domain_scope_release(&scope);
			return sc_fail(err, SC_INVALID, NULL, "at most %d filters",
			               LIST_MAX_FILTERS);
		}
		for (size_t i = 0; i < all.nfilters; i++)
			filters[i] = all.filters[i];
		filters[all.nfilters] = (struct filter){ .field = scope.field,
			                                 .op = scope.via >= 0 ? FO_IN_VIA : FO_IN,
			                                 .in = scope.ids,
			                                 .nin = scope.n,
			                                 .via = scope.via };
		all.filters = filters;
		all.nfilters++;
	}
	if (!scope.exact) {
		/* Which records the actor may read is decided per record: page after. */
		struct list_opts page = all;
		all.limit = all.offset = 0;
		rc = store_list(d->store, d->org, def, &all, out, err);
		if (rc == SC_OK)
			rc = keep_readable(d, &page, out, first, total, err);
	} else {
		int64_t n = 0;
		rc = store_list(d->store, d->org, def, &all, out, err);
		/* Counted only for a caller that wants the total (domain_list does not). */
		if (rc == SC_OK && total)
			rc = store_count(d->store, d->org, def, all.filters, all.nfilters, &n, err);
		if (total)
			*total = (size_t)n;
	}
	domain_scope_release(&scope);

	return rc ? rc : privacy_all(d, out, first, all.no_content, err);
}

enum sc_result domain_person_roles(struct domain *d, int64_t person, unsigned *roles,
                                   struct sc_error *err)
{
	return domain_access_roles(d, person, roles, err);
}

/*
 * Whether the export of person may hold rec: what the per-record rule of a
 * normal read lets the actor see (domain_access_record: an executive, who
 * lists aggregates only, gets their own records too), and besides it two things the normal read
 * leaves to an administrator. The person's own records of the kinds only an administrator lists
 * (their account with its logins, tokens and setup links, the audit entries and security events
 * about them, their survey ballots, e-mail choices, e-mails and calendar feed: the caller narrows
 * these to the person), and the access-log rows of their own reads (kind, id and field names read;
 * never content).
 */
static enum sc_result about_readable(struct domain *d, int64_t person, const struct record *rec,
                                     bool *yes, struct sc_error *err)
{
	*yes = true;
	switch (rec->def->kind) {
	case E_ACCOUNT:
	case E_LOGIN:
	case E_TOKEN:
	case E_SETUP:
	case E_AUDIT:
	case E_SECURITY:
	case E_BALLOT:
	case E_NOTIFY_PREF:
	case E_NOTICE:
	case E_CALENDAR:
		return SC_OK;
	case E_ACCESS:
		if (record_int(rec, "reader") == person)
			return SC_OK;
		break;
	default:
		break;
	}
	return domain_access_record(d, rec, yes, err);
}

/* Keep the records of out from first on that the export of person may hold (about_readable). */
static enum sc_result keep_about(struct domain *d, int64_t person, struct record_list *out,
                                 size_t first, struct sc_error *err)
{
	size_t kept = first;
	enum sc_result rc = SC_OK;

	for (size_t i = first; i < out->n; i++) {
		struct record *r = out->items[i];
		bool yes = false;
		out->items[i] = NULL;
		if (rc == SC_OK && (rc = about_readable(d, person, r, &yes, err)) == SC_OK && yes) {
			out->items[kept++] = r;
			continue;
		}
		record_free(&r);
	}
	out->n = kept;
	return rc;
}

enum sc_result domain_list_about(struct domain *d, int64_t person, const struct entity_def *def,
                                 const struct list_opts *opts, struct record_list *out,
                                 struct sc_error *err)
{
	bool self = d->actor.person_id > 0 && d->actor.person_id == person;
	bool admin = d->actor.person_id == 0 || (d->actor.roles & ROLE_ADMIN);
	size_t first = out->n;
	enum sc_result rc;

	if (!self && !admin)
		return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.export.who", NULL);
	/* Found by the parties alone (domain_private_only): not by an administrator. */
	if (!self && domain_private_only(def->kind))
		return SC_OK;
	rc = store_list(d->store, d->org, def, opts, out, err);
	if (rc == SC_OK)
		rc = keep_about(d, person, out, first, err);
	return rc ? rc : privacy_all(d, out, first, false, err);
}
