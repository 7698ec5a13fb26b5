/*
 * store.c - dispatch of store.h to the implementation behind a handle.
 */
#include "store/store_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool store_target_is_postgres(const char *target)
{
	return target && (strncmp(target, "postgresql://", 13) == 0 ||
	                  strncmp(target, "postgres://", 11) == 0);
}

void store_target_shown(const char *target, char *out, size_t n)
{
	size_t len = 0;

	if (!n)
		return;
	out[0] = '\0';
	if (!store_target_is_postgres(target)) {
		snprintf(out, n, "%s", target ? target : "");
		return;
	}
	const char *rest = strstr(target, "://") + 3;
	size_t authority = strcspn(rest, "/?");
	const char *at = NULL;
	for (const char *p = rest; p < rest + authority; p++)
		if (*p == '@')
			at = p;
	const char *colon = at ? memchr(rest, ':', (size_t)(at - rest)) : NULL;
	/* The scheme and the user, without ":secret"; then the rest, parameter by parameter. */
	len += (size_t)snprintf(out, n, "%.*s", (int)((colon ? colon : rest) - target), target);
	const char *p = colon ? at : rest;
	while (*p && len < n) {
		size_t run = strcspn(p, "?&");
		if (!strncmp(p, "password=", 9))
			len += (size_t)snprintf(out + len, n - len, "password=...");
		else
			len += (size_t)snprintf(out + len, n - len, "%.*s", (int)run, p);
		p += run;
		if (*p && len < n)
			len += (size_t)snprintf(out + len, n - len, "%c", *p++);
	}
}

enum sc_result store_open(const char *target, struct store **out, struct sc_error *err)
{
	if (store_target_is_postgres(target))
		return store_open_postgres(target, out, err);
	return store_open_sqlite(target, out, err);
}

void store_close(struct store **pstore)
{
	if (!*pstore)
		return;
	(*pstore)->ops->close(*pstore);
	*pstore = NULL;
}

const char *store_kind(const struct store *st)
{
	return st->ops->kind;
}

enum sc_result store_schema_version(struct store *st, int *version, struct sc_error *err)
{
	return st->ops->schema_version(st, version, err);
}

enum sc_result store_begin(struct store *st, struct sc_error *err)
{
	return st->ops->begin(st, err);
}

enum sc_result store_commit(struct store *st, struct sc_error *err)
{
	return st->ops->commit(st, err);
}

enum sc_result store_read_begin(struct store *st, struct sc_error *err)
{
	return st->ops->read_begin(st, err);
}

void store_rollback(struct store *st)
{
	st->ops->rollback(st);
}

enum sc_result store_savepoint(struct store *st, struct sc_error *err)
{
	return st->ops->savepoint(st, err);
}

enum sc_result store_set_durability(struct store *st, enum store_durability d, struct sc_error *err)
{
	if (d != STORE_DURABLE_FULL && d != STORE_DURABLE_NORMAL)
		return sc_fail(err, SC_INVALID, NULL, "no such durability: %d", (int)d);
	return st->ops->set_durability(st, d, err);
}

enum sc_result store_durability(struct store *st, enum store_durability *d, struct sc_error *err)
{
	return st->ops->durability(st, d, err);
}

const char *store_durability_name(enum store_durability d)
{
	return d == STORE_DURABLE_NORMAL ? "normal" : "full";
}

bool store_durability_parse(const char *name, enum store_durability *d)
{
	if (!name || (strcmp(name, "full") != 0 && strcmp(name, "normal") != 0))
		return false;
	*d = strcmp(name, "full") == 0 ? STORE_DURABLE_FULL : STORE_DURABLE_NORMAL;
	return true;
}

enum sc_result store_secure_erase(struct store *st, bool on, struct sc_error *err)
{
	return st->ops->secure_erase(st, on, err);
}

enum sc_result store_scrub(struct store *st, bool *complete, struct sc_error *err)
{
	return st->ops->scrub(st, complete, err);
}

enum sc_result store_backup(struct store *st, const char *path, bool replace,
                            struct store_copy_info *info, struct sc_error *err)
{
	*info = (struct store_copy_info){ 0 };
	return st->ops->backup(st, path, replace, info, err);
}

enum sc_result store_org_insert(struct store *st, const char *name, const char *slug, int64_t *id,
                                struct sc_error *err)
{
	return st->ops->org_insert(st, name, slug, id, err);
}

enum sc_result store_org_list(struct store *st, struct org **out, size_t *n, struct sc_error *err)
{
	return st->ops->org_list(st, out, n, err);
}

enum sc_result store_setting_get(struct store *st, int64_t org, const char *key, char **value,
                                 struct sc_error *err)
{
	return st->ops->setting_get(st, org, key, value, err);
}

enum sc_result store_setting_versioned(struct store *st, int64_t org, const char *key, char **value,
                                       char version[STORE_VERSION_LEN], struct sc_error *err)
{
	version[0] = '\0';
	if (st->ops->setting_versioned)
		return st->ops->setting_versioned(st, org, key, value, version, err);
	return st->ops->setting_get(st, org, key, value, err);
}

enum sc_result store_setting_put(struct store *st, int64_t org, const char *key, const char *value,
                                 struct sc_error *err)
{
	return st->ops->setting_put(st, org, key, value, err);
}

enum sc_result store_insert(struct store *st, int64_t org, struct record *rec, struct sc_error *err)
{
	return st->ops->insert(st, org, rec, err);
}

enum sc_result store_update(struct store *st, int64_t org, const struct record *rec,
                            struct sc_error *err)
{
	return st->ops->update(st, org, rec, err);
}

enum sc_result store_delete(struct store *st, int64_t org, const struct entity_def *def, int64_t id,
                            struct sc_error *err)
{
	return st->ops->delete (st, org, def, id, err);
}

enum sc_result store_get(struct store *st, int64_t org, const struct entity_def *def, int64_t id,
                         struct record **out, struct sc_error *err)
{
	return st->ops->get(st, org, def, id, out, err);
}

enum sc_result store_list(struct store *st, int64_t org, const struct entity_def *def,
                          const struct list_opts *opts, struct record_list *out,
                          struct sc_error *err)
{
	return st->ops->list(st, org, def, opts, out, err);
}

enum sc_result store_first(struct store *st, int64_t org, const struct entity_def *def,
                           const struct filter *filters, size_t nfilters, struct record **out,
                           struct sc_error *err)
{
	struct list_opts lo = { filters, nfilters, FILTER_ID, false, 1, 0 };
	struct record_list list = { 0 };
	enum sc_result rc = store_list(st, org, def, &lo, &list, err);

	*out = NULL;
	if (rc == SC_OK && list.n == 1) {
		*out = list.items[0];
		list.items[0] = NULL;
		list.n = 0;
	}
	record_list_release(&list);
	return rc;
}

enum sc_result store_count(struct store *st, int64_t org, const struct entity_def *def,
                           const struct filter *filters, size_t nfilters, int64_t *count,
                           struct sc_error *err)
{
	return st->ops->count(st, org, def, filters, nfilters, count, err);
}

/*
 * The columns each named query answers, as store.h documents them: every
 * implementation is held to them once here, so that a reader of a row by
 * column position never reads past its end (a cell out of range would
 * otherwise read as 0 or NULL without a word).
 */
static const size_t query_columns[SQ_COUNT] = {
	[SQ_ACTIVE_ASSIGNMENTS] = 15,
	[SQ_HELD_MINUTES] = 3,
	[SQ_COACHES] = 14,
	[SQ_OVERDUE_ACTIONS] = 3,
	[SQ_UNRECORDED_SESSIONS] = 5,
	[SQ_MIXED_APPRAISALS] = 14,
	[SQ_SUPERVISION] = 3,
	[SQ_MANAGER_TASKS] = 6,
	[SQ_TEAM_SPANS] = 6,
	[SQ_READINESS] = 7,
	[SQ_INCENTIVES] = 7,
	[SQ_SENIOR_QUOTAS] = 3,
	[SQ_SENIOR_SESSIONS] = 3,
	[SQ_SURVEY_MEANS] = 11,
	[SQ_PRESENCE] = 2,
	[SQ_APPOINTMENTS] = 4,
	[SQ_TEAM_ATTENDANCE] = 4,
	[SQ_ONBOARDING] = 6,
	[SQ_TEAMS] = 6,
	[SQ_SESSION_SCAN] = 2,
	[SQ_COACHEES] = 16,
	[SQ_ROLES] = 5,
	[SQ_ACCESS_REREAD] = 1,
	[SQ_SESSION_CHANGES] = 2,
	[SQ_COVERAGE] = 9,
	[SQ_HOURS] = 10,
	[SQ_COACH_LOAD] = 16,
	[SQ_IMPACT_ASSIGNMENTS] = 9,
	[SQ_IMPACT_RESULTS] = 6,
	[SQ_ACCEPTANCE] = 20,
	[SQ_SURVEY_BY_KIND] = 14,
	[SQ_PROGRAMME_HELD] = 6,
};

enum sc_result store_query(struct store *st, int64_t org, enum store_query q,
                           const struct qparam *params, size_t nparams, struct qrows *out,
                           struct sc_error *err)
{
	if ((int)q < 0 || q >= SQ_COUNT)
		return sc_fail(err, SC_INTERNAL, NULL, "unknown query %d", (int)q);
	enum sc_result rc = st->ops->query(st, org, q, params, nparams, out, err);
	if (rc == SC_OK && out->ncols != query_columns[q]) {
		rc = sc_fail(err, SC_INTERNAL, NULL,
		             "named query %d answered %zu columns where store.h documents %zu",
		             (int)q, out->ncols, query_columns[q]);
		qrows_release(out);
	}
	return rc;
}

bool qrows_add_text(struct qrows *out, const char *text, size_t n, size_t *at)
{
	if (n >= SIZE_MAX / 2 - out->tlen)
		return false;
	if (out->tlen + n + 1 > out->tcap) {
		size_t cap = out->tcap ? out->tcap : 1024;
		while (cap < out->tlen + n + 1)
			cap *= 2;
		char *p = realloc(out->texts, cap);
		if (!p)
			return false;
		out->texts = p;
		out->tcap = cap;
	}
	memcpy(out->texts + out->tlen, text, n);
	out->texts[out->tlen + n] = '\0';
	*at = out->tlen;
	out->tlen += n + 1;
	return true;
}

const struct entity_def *store_filter_via(const struct entity_def *def, const struct filter *f)
{
	if (f->field < 0 || (size_t)f->field >= def->nfields ||
	    def->fields[f->field].type != FT_REF)
		return NULL;
	const struct entity_def *ref = entity_get(def->fields[f->field].ref);
	return ref && f->via >= 0 && (size_t)f->via < ref->nfields ? ref : NULL;
}

void qrows_release(struct qrows *rows)
{
	free(rows->cells);
	free(rows->texts);
	*rows = (struct qrows){ 0 };
}

/*
 * A cell of rows. A row or column past the end is a mistake in the caller
 * (the query's shape is checked in store_query): stop, naming it, in every
 * build, rather than read a made-up 0.
 */
static const struct qcell *cell(const struct qrows *rows, size_t row, size_t col)
{
	if (row >= rows->nrows || col >= rows->ncols) {
		fprintf(stderr, "salescoach: internal error: cell (%zu, %zu) of %zu x %zu rows\n",
		        row, col, rows->nrows, rows->ncols);
		abort();
	}
	return &rows->cells[row * rows->ncols + col];
}

int64_t qrows_int(const struct qrows *rows, size_t row, size_t col)
{
	const struct qcell *c = cell(rows, row, col);

	if (!c)
		return 0;
	if (c->type == QT_REAL)
		return (int64_t)c->r;
	if (c->type == QT_TEXT)
		return strtoll(rows->texts + c->text, NULL, 10);
	return c->i;
}

double qrows_real(const struct qrows *rows, size_t row, size_t col)
{
	const struct qcell *c = cell(rows, row, col);

	if (!c)
		return 0.0;
	if (c->type == QT_INT)
		return (double)c->i;
	if (c->type == QT_TEXT)
		return strtod(rows->texts + c->text, NULL);
	return c->r;
}

const char *qrows_text(const struct qrows *rows, size_t row, size_t col)
{
	const struct qcell *c = cell(rows, row, col);

	return c && c->type == QT_TEXT ? rows->texts + c->text : NULL;
}

bool qrows_null(const struct qrows *rows, size_t row, size_t col)
{
	const struct qcell *c = cell(rows, row, col);

	return !c || c->type == QT_NULL;
}
