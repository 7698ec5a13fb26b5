/*
 * store_copy.c - store_copy (store.h): organisations from one database to
 * another, table by table in pages of rows, through what each
 * implementation provides for it (struct store_copy_ops).
 */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

/* Rows read and written at a time: memory stays bounded whatever a table holds. */
#define COPY_PAGE 2000

/*
 * Every table that holds an organisation's rows, the organisation first
 * and then in the order their references allow (the references are checked
 * at the commit anyway). has_id: the table has an id column (org_setting
 * has none). A table added to the schema is added here; the copy test
 * compares every table of both databases and fails on one left out.
 */
static const struct copy_table {
	const char *name;
	bool has_id;
} tables[] = {
	{ "organisation", true },
	{ "org_setting", false },
	{ "person", true },
	{ "team", true },
	{ "programme", true },
	{ "coach", true },
	{ "training", true },
	{ "assignment", true },
	{ "coaching_session", true },
	{ "observation", true },
	{ "action_item", true },
	{ "skill", true },
	{ "coaching_plan", true },
	{ "self_assessment", true },
	{ "appraisal", true },
	{ "readiness_assessment", true },
	{ "supervision_review", true },
	{ "manager_task", true },
	{ "incentive_plan", true },
	{ "team_activity", true },
	{ "presence_log", true },
	{ "survey_answer", true },
	{ "sales_result", true },
	{ "audit_log", true },
	{ "access_log", true },
	{ "alert_ack", true },
	{ "account", true },
	{ "login_session", true },
	{ "api_token", true },
	{ "session_share", true },
	{ "account_setup", true },
	{ "security_event", true },
	{ "survey_ballot", true },
	{ "calendar_feed", true },
	{ "notify_sent", true },
	{ "notify_pref", true },
};

#define NTABLES (sizeof(tables) / sizeof(tables[0]))

void copy_rows_release(struct copy_rows *r)
{
	if (r->names)
		for (size_t i = 0; i < r->rows.ncols; i++)
			free(r->names[i]);
	free(r->names);
	qrows_release(&r->rows);
	r->names = NULL;
}

/* The column of r called name, or -1. */
static int column(const struct copy_rows *r, const char *name)
{
	for (size_t i = 0; i < r->rows.ncols; i++)
		if (!strcmp(r->names[i], name))
			return (int)i;
	return -1;
}

/* Copy table t of org, page by page; *rows counts them, *max_id is the highest id. */
static enum sc_result copy_table(struct store *from, struct store *to, int64_t org,
                                 const struct copy_table *t, int64_t *rows, int64_t *max_id,
                                 struct sc_error *err)
{
	int64_t after = 0;
	enum sc_result rc = SC_OK;

	*rows = 0;
	for (;;) {
		struct copy_rows page = { 0 };
		if ((rc = from->copy->read(from, org, t->name, t->has_id, after, COPY_PAGE, &page,
		                           err)))
			return rc;
		size_t n = page.rows.nrows;
		if (n && (rc = to->copy->write(to, org, t->name, &page, err)) == SC_OK &&
		    t->has_id) {
			int id = column(&page, "id");
			if (id < 0)
				rc = sc_fail(err, SC_INTERNAL, NULL, "%s: no id column", t->name);
			else
				after = qrows_int(&page.rows, n - 1, (size_t)id);
		}
		copy_rows_release(&page);
		if (rc)
			return rc;
		*rows += (int64_t)n;
		if (after > *max_id)
			*max_id = after;
		if (!t->has_id || n < COPY_PAGE)
			return SC_OK;
	}
}

/* The organisations to copy: every one, or the one of slug (SC_NOT_FOUND when none). */
static enum sc_result source_orgs(struct store *from, const char *slug, struct org **orgs,
                                  size_t *n, struct sc_error *err)
{
	enum sc_result rc = store_org_list(from, orgs, n, err);
	if (rc || !slug)
		return rc;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*orgs)[i].slug, slug)) {
			(*orgs)[0] = (*orgs)[i];
			*n = 1;
			return SC_OK;
		}
	free(*orgs);
	*orgs = NULL;
	return sc_fail(err, SC_NOT_FOUND, "org", "the source has no organisation '%s'", slug);
}

/* SC_CONFLICT when an organisation of orgs is in to already (by id or by slug). */
static enum sc_result none_there(struct store *to, const struct org *orgs, size_t n,
                                 struct sc_error *err)
{
	struct org *have = NULL;
	size_t nhave = 0;
	enum sc_result rc = store_org_list(to, &have, &nhave, err);

	for (size_t i = 0; rc == SC_OK && i < n; i++)
		for (size_t j = 0; j < nhave; j++)
			if (have[j].id == orgs[i].id || !strcmp(have[j].slug, orgs[i].slug)) {
				rc = sc_fail(err, SC_CONFLICT, "org",
				             "the destination has an organisation '%s' (id %lld) "
				             "already; a copy adds organisations and never merges: "
				             "copy into a database without it",
				             have[j].slug, (long long)have[j].id);
				break;
			}
	free(have);
	return rc;
}

/* Count table t of org on both sides: a difference is SC_STORE, naming it. */
static enum sc_result verify(struct store *from, struct store *to, int64_t org,
                             const struct copy_table *t, int64_t copied, struct sc_error *err)
{
	int64_t a = -1, b = -1;
	enum sc_result rc;

	if ((rc = from->copy->count(from, org, t->name, t->has_id, &a, err)) ||
	    (rc = to->copy->count(to, org, t->name, t->has_id, &b, err)))
		return rc;
	if (a != b || a != copied)
		return sc_fail(err, SC_STORE, NULL,
		               "the copy of %s of organisation %lld does not add up: %lld rows in "
		               "the source, %lld copied, %lld in the destination; nothing was kept",
		               t->name, (long long)org, (long long)a, (long long)copied,
		               (long long)b);
	return SC_OK;
}

static enum sc_result copy_all(struct store *from, struct store *to, const struct org *orgs,
                               size_t norgs, struct store_copy_report *report, struct sc_error *err)
{
	int64_t max_id[NTABLES] = { 0 };
	enum sc_result rc = SC_OK;

	for (size_t o = 0; o < norgs && rc == SC_OK; o++)
		for (size_t i = 0; i < NTABLES && rc == SC_OK; i++) {
			int64_t n = 0;
			rc = copy_table(from, to, orgs[o].id, &tables[i], &n, &max_id[i], err);
			if (rc == SC_OK)
				rc = verify(from, to, orgs[o].id, &tables[i], n, err);
			report->tables[i].rows += n;
			report->rows += n;
		}
	for (size_t i = 0; i < NTABLES && rc == SC_OK; i++)
		if (tables[i].has_id && max_id[i])
			rc = to->copy->ids_after(to, tables[i].name, max_id[i], err);
	return rc;
}

enum sc_result store_copy(struct store *from, struct store *to, const char *org_slug,
                          struct store_copy_report *report, struct sc_error *err)
{
	struct org *orgs = NULL;
	size_t norgs = 0;
	enum sc_result rc;

	*report = (struct store_copy_report){ 0 };
	if (!from->copy || !to->copy)
		return sc_fail(err, SC_INTERNAL, NULL, "this database cannot be copied");
	if (!(report->tables = calloc(NTABLES, sizeof(*report->tables))))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	report->ntables = NTABLES;
	for (size_t i = 0; i < NTABLES; i++)
		report->tables[i].table = tables[i].name;
	if ((rc = store_read_begin(from, err)))
		return rc;
	if ((rc = source_orgs(from, org_slug, &orgs, &norgs, err)) == SC_OK &&
	    (rc = to->copy->begin(to, err)) == SC_OK) {
		if ((rc = none_there(to, orgs, norgs, err)) == SC_OK &&
		    (rc = copy_all(from, to, orgs, norgs, report, err)) == SC_OK)
			rc = store_commit(to, err);
		if (rc)
			store_rollback(to);
	}
	store_rollback(from);
	report->norgs = rc ? 0 : norgs;
	free(orgs);
	return rc;
}
