/*
 * store_pg_record.c - the records of store.h in PostgreSQL: insert, update,
 * delete, get, and the reads of store_list and store_count with the WHERE
 * clause built from their filters (store_pg_int.h).
 *
 * SQL text is built only from the static entity definitions (table and
 * column names); every value is a parameter ($1, $2, ...), sent as text
 * and typed by its column. The statement of each text is prepared once per
 * connection (pg_run).
 */
#include "store/postgres/store_pg_int.h"
#include "base/timeutil.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX    8192
#define PARAMS_MAX 128

static struct pg_store *pg(struct store *st)
{
	return (struct pg_store *)st;
}

/*
 * The parameters of one statement as text: up to PARAMS_MAX, each either
 * borrowed (a record's text) or formatted into its own slot of buf.
 */
struct params {
	const char *v[PARAMS_MAX];
	char buf[PARAMS_MAX][32];
	char *owned[PARAMS_MAX]; /* an array of ids: freed by params_free */
	int n;
};

static bool param_text(struct params *p, const char *s)
{
	if (p->n >= PARAMS_MAX)
		return false;
	p->v[p->n++] = s;
	return true;
}

static bool param_int(struct params *p, int64_t i)
{
	if (p->n >= PARAMS_MAX)
		return false;
	snprintf(p->buf[p->n], sizeof(p->buf[0]), "%" PRId64, i);
	p->v[p->n] = p->buf[p->n];
	p->n++;
	return true;
}

static bool param_real(struct params *p, double r)
{
	if (p->n >= PARAMS_MAX)
		return false;
	snprintf(p->buf[p->n], sizeof(p->buf[0]), "%.17g", r);
	p->v[p->n] = p->buf[p->n];
	p->n++;
	return true;
}

static void params_free(struct params *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->owned[i]);
}

/* Value v of field f as the next parameter. */
static bool param_value(struct params *p, const struct field_def *f, const struct value *v)
{
	if (v->state != V_SET)
		return param_text(p, NULL);
	switch (f->type) {
	case FT_INT:
	case FT_BOOL:
	case FT_REF:
		return param_int(p, v->i);
	case FT_REAL:
		return param_real(p, v->r);
	default:
		return param_text(p, v->s);
	}
}

/* Append printf output to buf (size SQL_MAX); false when it does not fit. */
static bool append(char *buf, size_t *len, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static bool append(char *buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *len, SQL_MAX - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= SQL_MAX - *len)
		return false;
	*len += (size_t)n;
	return true;
}

static enum sc_result too_long(struct sc_error *err)
{
	return sc_fail(err, SC_INTERNAL, NULL, "statement too long or an invalid filter");
}

enum sc_result pg_insert(struct store *base, int64_t org, struct record *rec, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	const struct entity_def *def = rec->def;
	char sql[SQL_MAX], now[TU_INSTANT_LEN];
	size_t len = 0;
	struct params p = { .n = 0 };
	PGresult *res;
	enum sc_result rc;

	tu_now_instant(now);
	if (def->eflags & EF_UNDATED)
		memcpy(now + 8, "01T00:00:00Z", 13); /* "YYYY-MM-" kept */
	append(sql, &len, "INSERT INTO %s (org_id, created_at, updated_at", def->table);
	for (size_t i = 0; i < def->nfields; i++)
		if (rec->v[i].state != V_ABSENT && !append(sql, &len, ", %s", def->fields[i].name))
			return too_long(err);
	param_int(&p, org);
	param_text(&p, now);
	param_text(&p, now);
	if (!append(sql, &len, ") VALUES ($1, $2, $3"))
		return too_long(err);
	for (size_t i = 0; i < def->nfields; i++) {
		if (rec->v[i].state == V_ABSENT)
			continue;
		if (!param_value(&p, &def->fields[i], &rec->v[i]) ||
		    !append(sql, &len, ", $%d", p.n))
			return too_long(err);
	}
	if (!append(sql, &len, ") RETURNING id"))
		return too_long(err);
	if ((rc = pg_run(st, org, sql, p.n, p.v, &res, def->name, err)))
		return rc;
	rec->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	rec->org_id = org;
	memcpy(rec->created_at, now, sizeof(now));
	PQclear(res);
	return SC_OK;
}

/* The rows a change reached, from its command status ("UPDATE 1"). */
static long changed(PGresult *res)
{
	return strtol(PQcmdTuples(res), NULL, 10);
}

enum sc_result pg_update(struct store *base, int64_t org, const struct record *rec,
                         struct sc_error *err)
{
	struct pg_store *st = pg(base);
	const struct entity_def *def = rec->def;
	char sql[SQL_MAX], now[TU_INSTANT_LEN];
	size_t len = 0;
	struct params p = { .n = 0 };
	PGresult *res;
	enum sc_result rc;

	tu_now_instant(now);
	param_text(&p, now);
	append(sql, &len, "UPDATE %s SET updated_at = $1", def->table);
	for (size_t i = 0; i < def->nfields; i++) {
		if (rec->v[i].state == V_ABSENT)
			continue;
		if (!param_value(&p, &def->fields[i], &rec->v[i]) ||
		    !append(sql, &len, ", %s = $%d", def->fields[i].name, p.n))
			return too_long(err);
	}
	param_int(&p, org);
	param_int(&p, rec->id);
	if (!append(sql, &len, " WHERE org_id = $%d AND id = $%d", p.n - 1, p.n))
		return too_long(err);
	if ((rc = pg_run(st, org, sql, p.n, p.v, &res, def->name, err)))
		return rc;
	if (changed(res) == 0)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)rec->id);
	PQclear(res);
	return rc;
}

enum sc_result pg_delete(struct store *base, int64_t org, const struct entity_def *def, int64_t id,
                         struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char sql[256];
	struct params p = { .n = 0 };
	PGresult *res;
	enum sc_result rc;

	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE org_id = $1 AND id = $2", def->table);
	param_int(&p, org);
	param_int(&p, id);
	if ((rc = pg_run(st, org, sql, p.n, p.v, &res, def->name, err)))
		return rc;
	if (changed(res) == 0)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)id);
	PQclear(res);
	return rc;
}

static const char *op_sql(enum filter_op op)
{
	switch (op) {
	case FO_EQ:
		return "=";
	case FO_NE:
		return "<>";
	case FO_LT:
		return "<";
	case FO_LE:
		return "<=";
	case FO_GT:
		return ">";
	case FO_GE:
		return ">=";
	case FO_NULL:
		return "IS NULL";
	case FO_NOT_NULL:
		return "IS NOT NULL";
	case FO_IN:
	case FO_IN_VIA:
		return "= ANY";
	}
	return "=";
}

/* The ids of an FO_IN filter as a PostgreSQL array, "{1,2,3}". Returns owned, or NULL. */
static char *id_array(const struct filter *f)
{
	size_t cap = 3 + f->nin * 21, len = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	out[len++] = '{';
	for (size_t i = 0; i < f->nin; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%lld", i ? "," : "",
		                        (long long)f->in[i]);
	snprintf(out + len, cap - len, "}");
	return out;
}

/* A filter's value as the next parameter. */
static bool param_filter(struct params *p, const struct entity_def *def, const struct filter *f)
{
	if (f->op == FO_IN || f->op == FO_IN_VIA) {
		char *ids = id_array(f);
		if (!ids || p->n >= PARAMS_MAX) {
			free(ids);
			return false;
		}
		p->owned[p->n] = ids;
		return param_text(p, ids);
	}
	enum field_type t = f->field == FILTER_ID ? FT_INT : def->fields[f->field].type;
	if (t == FT_INT || t == FT_BOOL || t == FT_REF)
		return param_int(p, f->i);
	if (t == FT_REAL)
		return param_real(p, f->r);
	return param_text(p, f->s ? f->s : "");
}

/*
 * Append " WHERE org_id = $k AND ..." for filters, their values to p (the
 * organisation first); false when too long or a filter is invalid.
 */
static bool append_where(char *sql, size_t *len, struct params *p, int64_t org,
                         const struct entity_def *def, const struct filter *filters, size_t n)
{
	if (!param_int(p, org) || !append(sql, len, " WHERE org_id = $%d", p->n))
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct filter *f = &filters[i];
		if (f->field != FILTER_ID && (f->field < 0 || (size_t)f->field >= def->nfields))
			return false;
		const char *col = f->field == FILTER_ID ? "id" : def->fields[f->field].name;
		if (f->op == FO_NULL || f->op == FO_NOT_NULL) {
			if (!append(sql, len, " AND %s %s", col, op_sql(f->op)))
				return false;
			continue;
		}
		if (f->op == FO_IN_VIA) {
			const struct entity_def *ref = store_filter_via(def, f);
			int org_at = p->n + 1;
			if (!ref || !param_int(p, org) || !param_filter(p, def, f) ||
			    !append(sql, len,
			            " AND %s IN (SELECT id FROM %s WHERE org_id = $%d"
			            " AND %s = ANY ($%d::bigint[]))",
			            col, ref->table, org_at, ref->fields[f->via].name, p->n))
				return false;
			continue;
		}
		if (!param_filter(p, def, f))
			return false;
		if (f->op == FO_IN ? !append(sql, len, " AND %s = ANY ($%d::bigint[])", col, p->n)
		                   : !append(sql, len, " AND %s %s $%d", col, op_sql(f->op), p->n))
			return false;
	}
	return true;
}

/* Build a record of def from row of "SELECT id, org_id, created_at, fields..." */
static enum sc_result row_to_record(PGresult *res, int row, const struct entity_def *def,
                                    struct record **out, struct sc_error *err)
{
	struct record *rec = record_new(def);
	if (!rec)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	rec->id = strtoll(PQgetvalue(res, row, 0), NULL, 10);
	rec->org_id = strtoll(PQgetvalue(res, row, 1), NULL, 10);
	snprintf(rec->created_at, sizeof(rec->created_at), "%s", PQgetvalue(res, row, 2));
	for (size_t i = 0; i < def->nfields; i++) {
		int col = (int)i + 3;
		if (PQgetisnull(res, row, col)) {
			record_set_null(rec, (int)i);
			continue;
		}
		const char *v = PQgetvalue(res, row, col);
		switch (def->fields[i].type) {
		case FT_INT:
		case FT_BOOL:
		case FT_REF:
			record_set_int(rec, (int)i, strtoll(v, NULL, 10));
			break;
		case FT_REAL:
			record_set_real(rec, (int)i, strtod(v, NULL));
			break;
		default:
			if (record_set_text(rec, (int)i, v)) {
				record_free(&rec);
				return sc_fail(err, SC_NOMEM, NULL, "out of memory");
			}
			break;
		}
	}
	*out = rec;
	return SC_OK;
}

static bool append_select(char *sql, size_t *len, const struct entity_def *def)
{
	if (!append(sql, len, "SELECT id, org_id, created_at"))
		return false;
	for (size_t i = 0; i < def->nfields; i++)
		if (!append(sql, len, ", %s", def->fields[i].name))
			return false;
	return append(sql, len, " FROM %s", def->table);
}

enum sc_result pg_get(struct store *base, int64_t org, const struct entity_def *def, int64_t id,
                      struct record **out, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char sql[SQL_MAX];
	size_t len = 0;
	struct params p = { .n = 0 };
	PGresult *res;
	enum sc_result rc;

	*out = NULL;
	param_int(&p, org);
	param_int(&p, id);
	if (!append_select(sql, &len, def) || !append(sql, &len, " WHERE org_id = $1 AND id = $2"))
		return too_long(err);
	if ((rc = pg_run(st, org, sql, p.n, p.v, &res, def->name, err)))
		return rc;
	if (PQntuples(res) == 1)
		rc = row_to_record(res, 0, def, out, err);
	else
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)id);
	PQclear(res);
	return rc;
}

enum sc_result pg_list(struct store *base, int64_t org, const struct entity_def *def,
                       const struct list_opts *opts, struct record_list *out, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	static const struct list_opts none = { NULL, 0, FILTER_ID, false, 0, 0, false };
	char sql[SQL_MAX];
	size_t len = 0;
	struct params p = { .n = 0 };
	PGresult *res;
	enum sc_result rc = SC_OK;

	if (!opts)
		opts = &none;
	if (opts->order_field != FILTER_ID &&
	    (opts->order_field < 0 || (size_t)opts->order_field >= def->nfields))
		return too_long(err);
	bool ok = append_select(sql, &len, def) &&
	          append_where(sql, &len, &p, org, def, opts->filters, opts->nfilters);
	if (ok && opts->order_field == FILTER_ID)
		ok = append(sql, &len, " ORDER BY id%s", opts->descending ? " DESC" : "");
	else if (ok)
		ok = append(sql, &len, " ORDER BY %s%s, id", def->fields[opts->order_field].name,
		            opts->descending ? " DESC" : "");
	if (ok && opts->limit)
		ok = append(sql, &len, " LIMIT %zu", opts->limit);
	if (ok && opts->offset)
		ok = append(sql, &len, " OFFSET %zu", opts->offset);
	if (!ok) {
		params_free(&p);
		return too_long(err);
	}
	rc = pg_run(st, org, sql, p.n, p.v, &res, def->name, err);
	params_free(&p);
	if (rc)
		return rc;
	for (int i = 0, n = PQntuples(res); i < n && rc == SC_OK; i++) {
		struct record *rec;
		if ((rc = row_to_record(res, i, def, &rec, err)))
			break;
		if (record_list_push(out, rec)) {
			record_free(&rec);
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		}
	}
	PQclear(res);
	return rc;
}

enum sc_result pg_count(struct store *base, int64_t org, const struct entity_def *def,
                        const struct filter *filters, size_t nfilters, int64_t *count,
                        struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char sql[SQL_MAX];
	size_t len = 0;
	struct params p = { .n = 0 };
	PGresult *res;
	enum sc_result rc;

	if (!append(sql, &len, "SELECT count(*) FROM %s", def->table) ||
	    !append_where(sql, &len, &p, org, def, filters, nfilters)) {
		params_free(&p);
		return too_long(err);
	}
	rc = pg_run(st, org, sql, p.n, p.v, &res, def->name, err);
	params_free(&p);
	if (rc)
		return rc;
	*count = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return SC_OK;
}
