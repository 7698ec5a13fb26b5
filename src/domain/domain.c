/*
 * domain.c - adding, updating and removing records (see domain.h): each
 * change validated (domain_validate.c), prevented where a pitfall is likely
 * (domain_prevent.c), written in one transaction and audited.
 */
#include "domain/domain.h"
#include "domain/domain_int.h"
#include "domain/account.h"

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
	d->ref_seen.kind = E_COUNT;
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

enum sc_result domain_find_one(struct domain *d, const struct entity_def *def, const char *field,
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
	if ((rc = domain_find_one(d, pdef, "email", lower, &p, err)))
		return rc;
	if (!p)
		return sc_fail_msg(err, SC_INVALID, "as", d->lang, "err.as.nobody", "email", email,
		                   NULL);
	if (!record_int(p, "active")) {
		record_free(&p);
		return sc_fail_msg(err, SC_FORBIDDEN, "as", d->lang, "err.as.inactive", "email",
		                   email, NULL);
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
		return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.actor.missing", "id",
		                   SC_I64(person), NULL);
	if (rc)
		return rc;
	if (!record_int(p, "active")) {
		rc = sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.actor.inactive", "email",
		                 record_text(p, "email"), NULL);
		record_free(&p);
		return rc;
	}
	d->actor.person_id = p->id;
	snprintf(d->actor.name, sizeof(d->actor.name), "%s", record_text(p, "email"));
	record_free(&p);
	return domain_access_roles(d, d->actor.person_id, &d->actor.roles, err);
}

/* ---- audit -------------------------------------------------------------------------------- */

static char *json_text(const struct record *rec)
{
	json_t *obj = rec ? recjson_object(rec, RJ_REDACT) : NULL;
	char *s = obj ? json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(obj);
	return s;
}

/* One entry of the audit log: what entity's record id was changed how, before and after as JSON. */
static enum sc_result audit_entry(struct domain *d, const char *action, const char *entity,
                                  int64_t id, const char *before, const char *after,
                                  struct sc_error *err)
{
	struct record *log = record_new(entity_get(E_AUDIT));
	char now[TU_INSTANT_LEN];
	enum sc_result rc = SC_NOMEM;

	if (!log)
		goto out;
	tu_now_instant(now);
	if ((rc = record_put_text(log, "at", now)) ||
	    (rc = record_put_text(log, "actor", d->actor.name)) ||
	    (rc = record_put_text(log, "entity", entity)) ||
	    (rc = record_put_text(log, "action", action)))
		goto out;
	record_put_int(log, "record_id", id);
	if (before && (rc = record_put_text(log, "before", before)))
		goto out;
	if (after && (rc = record_put_text(log, "after", after)))
		goto out;
	rc = store_insert(d->store, d->org, log, err);
out:
	if (rc == SC_NOMEM)
		sc_fail(err, rc, NULL, "out of memory");
	record_free(&log);
	return rc;
}

static enum sc_result audit(struct domain *d, const char *action, const struct entity_def *def,
                            int64_t id, const struct record *before, const struct record *after,
                            struct sc_error *err)
{
	char *b, *a;
	enum sc_result rc;

	if (d->batch) /* the batch's caller writes one entry for the whole */
		return SC_OK;
	b = json_text(before), a = json_text(after);

	if ((before && !b) || (after && !a))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	else
		rc = audit_entry(d, action, def->name, id, b, a, err);
	free(b);
	free(a);
	return rc;
}

/*
 * The audit entry of an added record. A person's answer to the anonymous
 * survey gets none: the entry would name them beside the answer (its id, its
 * values and the moment). That they answered about the coach this month is
 * in their ballot (domain_survey_ballot), which holds no answer.
 */
static enum sc_result audit_add(struct domain *d, const struct record *rec, struct sc_error *err)
{
	if (rec->def->kind == E_SURVEY && d->actor.person_id)
		return SC_OK;
	return audit(d, "add", rec->def, rec->id, NULL, rec, err);
}

enum sc_result domain_audit_note(struct domain *d, const char *action, const char *entity,
                                 const char *after, struct sc_error *err)
{
	return audit_entry(d, action, entity, 0, NULL, after, err);
}

enum sc_result domain_audit_about(struct domain *d, const char *action, const char *entity,
                                  int64_t id, const char *after, struct sc_error *err)
{
	return audit_entry(d, action, entity, id, NULL, after, err);
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
		if (po.warning[0])
			snprintf(d->warning, sizeof(d->warning), "%s", po.warning);
		else
			d->warning[0] = '\0';
		return SC_OK;
	}
	if (!given) {
		rc = sc_fail(err, po.invalid ? SC_INVALID : SC_CONFLICT, po.field, "%s %s",
		             po.pitfall, po.how);
		if (err)
			err->overridable = true;
		return rc;
	}
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

/*
 * A change's own transaction, or its savepoint inside the caller's batch, or
 * nothing when the caller keeps or undoes the batch as a whole (struct domain).
 */
static enum sc_result tx_begin(struct domain *d, struct sc_error *err)
{
	if (d->batch == DOMAIN_BATCH_WHOLE)
		return SC_OK;
	return d->batch ? store_savepoint(d->store, err) : store_begin(d->store, err);
}

static enum sc_result tx_commit(struct domain *d, struct sc_error *err)
{
	return d->batch == DOMAIN_BATCH_WHOLE ? SC_OK : store_commit(d->store, err);
}

static void tx_rollback(struct domain *d)
{
	if (d->batch != DOMAIN_BATCH_WHOLE)
		store_rollback(d->store);
}

static enum sc_result check_writable(const struct domain *d, const struct entity_def *def,
                                     struct sc_error *err)
{
	if (def->eflags & EF_READONLY)
		return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.readonly", "entity",
		                   def->name, NULL);
	return SC_OK;
}

enum sc_result domain_add(struct domain *d, struct record *rec, struct sc_error *err)
{
	enum sc_result rc;

	d->warning[0] = '\0';
	if ((rc = check_writable(d, rec->def, err)))
		return rc;
	rec->id = 0;
	if ((rc = domain_apply_defaults(d, rec, err)) || (rc = tx_begin(d, err)))
		return rc;
	if ((rc = domain_validate(d, rec, err)) || (rc = domain_access_write(d, rec, err)) ||
	    (rc = domain_access_fields(d, rec, rec, err)) ||
	    (rc = domain_survey_ballot(d, rec, err)) || (rc = prevent(d, rec, NULL, rec, err)) ||
	    (rc = store_insert(d->store, d->org, rec, err)) || (rc = audit_add(d, rec, err)) ||
	    (rc = tx_commit(d, err))) {
		tx_rollback(d);
		rec->id = 0;
		d->warning[0] = '\0';
		return rc;
	}
	return SC_OK;
}

/*
 * Whether changing before into after (NULL: removing it) ends someone's way
 * in: an account changed or removed, a login session or API token removed, a
 * person made inactive or removed. Such a change writes a new access epoch
 * (account.h) with it, so that other processes stop trusting their memory.
 */
static bool ends_access(const struct record *before, const struct record *after)
{
	switch (before->def->kind) {
	case E_ACCOUNT:
		return true;
	case E_LOGIN:
	case E_TOKEN:
		return !after;
	case E_PERSON:
		return !after || (record_int(before, "active") && !record_int(after, "active"));
	default:
		return false;
	}
}

enum sc_result domain_update(struct domain *d, const struct record *rec, struct sc_error *err)
{
	struct record *before = NULL, *merged = NULL, *change = NULL;
	enum sc_result rc;

	d->warning[0] = '\0';
	if ((rc = check_writable(d, rec->def, err)) || (rc = tx_begin(d, err)))
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
				rc = sc_fail_msg(err, SC_INVALID, f->name, d->lang, "err.fixed",
				                 "field", f->name, "entity", rec->def->name, NULL);
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
	if ((rc = domain_validate(d, merged, err)) || (rc = domain_access_write(d, merged, err)) ||
	    (rc = domain_access_fields(d, merged, rec, err)) ||
	    (rc = prevent(d, merged, before, change, err)) ||
	    (rc = store_update(d->store, d->org, change, err)) ||
	    (ends_access(before, merged) && (rc = account_access_ended(d->store, d->org, err))) ||
	    (rc = audit(d, "update", rec->def, rec->id, before, merged, err)) ||
	    (rc = tx_commit(d, err)))
		goto fail;
	record_free(&before);
	record_free(&merged);
	record_free(&change);
	return SC_OK;
fail:
	tx_rollback(d);
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
			if (count && len < n) {
				const struct msg_arg a[] = {
					{ "n", SC_I64(count) },
					{ "entity", count == 1 ? e->name : e->plural },
					{ "field", f->name },
				};
				char *one = msg_format(d->lang, "err.remove.blocker", a, 3);
				if (!one)
					return sc_fail(err, SC_NOMEM, NULL, "out of memory");
				len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ", " : "",
				                        one);
				free(one);
			}
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

	d->ref_seen.kind = E_COUNT; /* a reference checked before may name this record */
	if ((rc = check_writable(d, def, err)) || (rc = tx_begin(d, err)))
		return rc;
	if ((rc = domain_access_kind(d, def, err)) ||
	    (rc = store_get(d->store, d->org, def, id, &before, err)) ||
	    (rc = domain_access_read(d, before, err)) ||
	    (rc = domain_access_write(d, before, err)) ||
	    (rc = blockers(d, def, id, why, sizeof(why), err)))
		goto out;
	if (why[0]) {
		const char *hint = def->kind == E_PERSON       ? "err.remove.how.person"
		                   : def->kind == E_COACH      ? "err.remove.how.coach"
		                   : def->kind == E_ASSIGNMENT ? "err.remove.how.assignment"
		                                               : "err.remove.how";
		rc = sc_fail_msg(err, SC_CONFLICT, "id", d->lang, "err.remove.blocked", "entity",
		                 def->name, "id", SC_I64(id), "by", why, "how",
		                 msg_text(d->lang, hint), NULL);
		goto out;
	}
	if ((rc = audit_parts(d, def, id, err)) ||
	    (rc = store_delete(d->store, d->org, def, id, err)) ||
	    (ends_access(before, NULL) && (rc = account_access_ended(d->store, d->org, err))) ||
	    (rc = audit(d, "remove", def, id, before, NULL, err)))
		goto out;
	rc = tx_commit(d, err);
out:
	if (rc)
		tx_rollback(d);
	record_free(&before);
	return rc;
}

/* ---- settings ----------------------------------------------------------------------------- */

/* {"key": value} as JSON text, value a string; NULL when out of memory. */
static char *setting_text(const char *key, const char *value)
{
	json_t *o = json_pack("{s:s}", key, value);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return s;
}

enum sc_result domain_set_settings(struct domain *d, const char *const *keys,
                                   const char *const *values, size_t n, struct sc_error *err)
{
	enum sc_result rc;

	if ((rc = domain_access_settings(d, err)) || (rc = tx_begin(d, err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		char old[256];
		char *b = NULL, *a = NULL;
		if (!settings_find(keys[i])) {
			/* Refused in the actor's language, and named by itself as the others are.
			 */
			rc = settings_set_in(d->store, d->org, keys[i], values[i], d->lang, err);
			if (err)
				snprintf(err->field, sizeof(err->field), "%s", keys[i]);
			break;
		}
		if (!(rc = settings_get(d->store, d->org, keys[i], old, sizeof(old), err)) &&
		    !(rc = settings_set_in(d->store, d->org, keys[i], values[i], d->lang, err))) {
			b = setting_text(keys[i], old);
			a = setting_text(keys[i], values[i]);
			rc = b && a ? audit_entry(d, "update", "setting", 0, b, a, err)
			            : sc_fail(err, SC_NOMEM, NULL, "out of memory");
		}
		free(b);
		free(a);
	}
	if (rc || (rc = tx_commit(d, err))) {
		tx_rollback(d);
		return rc;
	}
	return SC_OK;
}
