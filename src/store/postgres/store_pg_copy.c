/*
 * store_pg_copy.c - what store_copy (store_copy.c) needs of PostgreSQL: the
 * rows of a table of an organisation as they are, written back by column
 * name many rows to a statement, counted; a transaction whose references
 * wait for its commit; the id sequences moved past the copied ids.
 */
#include "store/postgres/store_pg_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Rows of one INSERT: its statement is prepared once per table and shape and
 * run again for each such slice of a page (a statement of thousands of
 * parameters prepared for each page cost more to plan than to run).
 */
#define COPY_ROWS 200
#define COPY_SQL  (1 << 20)

static struct pg_store *pg(struct store *st)
{
	return (struct pg_store *)st;
}

static const char *org_column(const char *table)
{
	return strcmp(table, "organisation") == 0 ? "id" : "org_id";
}

static enum sc_result copy_begin(struct store *base, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	enum sc_result rc = pg_begin(base, err);
	PGresult *res;

	/* Every foreign key is DEFERRABLE (sql/postgres/0001): checked at the commit. */
	if (rc == SC_OK && (rc = pg_run(st, 0, "SET CONSTRAINTS ALL DEFERRED", 0, NULL, &res,
	                                "copy", err)) == SC_OK)
		PQclear(res);
	if (rc)
		store_rollback(base);
	return rc;
}

static enum sc_result copy_read(struct store *base, int64_t org, const char *table, bool has_id,
                                int64_t after, size_t limit, struct copy_rows *out,
                                struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char sql[256], v[3][24];
	const char *params[3] = { v[0], v[1], v[2] };
	PGresult *res;
	enum sc_result rc;

	snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE %s = $1::bigint%s", table,
	         org_column(table),
	         has_id ? " AND id > $2::bigint ORDER BY id LIMIT $3::bigint" : "");
	snprintf(v[0], sizeof(v[0]), "%" PRId64, org);
	snprintf(v[1], sizeof(v[1]), "%" PRId64, after);
	snprintf(v[2], sizeof(v[2]), "%zu", limit);
	if ((rc = pg_run(st, org, sql, has_id ? 3 : 1, params, &res, table, err)))
		return rc;
	size_t ncols = (size_t)PQnfields(res);
	if (!(out->names = calloc(ncols ? ncols : 1, sizeof(char *))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; rc == SC_OK && i < ncols; i++)
		if (!(out->names[i] = strdup(PQfname(res, (int)i))))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	out->rows.ncols = ncols;
	if (rc == SC_OK)
		rc = pg_rows(res, &out->rows, err);
	PQclear(res);
	return rc;
}

/* The text of cell (r, c) of rows into buf (size 32) or the rows' texts; NULL for NULL. */
static const char *cell_text(const struct qrows *rows, size_t r, size_t c, char *buf)
{
	const struct qcell *cell = &rows->cells[r * rows->ncols + c];
	switch (cell->type) {
	case QT_INT:
		snprintf(buf, 32, "%" PRId64, cell->i);
		return buf;
	case QT_REAL:
		snprintf(buf, 32, "%.17g", cell->r);
		return buf;
	case QT_TEXT:
		return rows->texts + cell->text;
	default:
		return NULL;
	}
}

/*
 * Insert rows [first, first + n) of in with one statement: INSERT INTO
 * table (columns) VALUES ($1, ...), ($k, ...), ...
 */
static enum sc_result insert_rows(struct pg_store *st, int64_t org, const char *table,
                                  const struct copy_rows *in, size_t first, size_t n,
                                  struct sc_error *err)
{
	size_t ncols = in->rows.ncols, np = n * ncols, len = 0;
	char *sql = malloc(COPY_SQL);
	const char **params = calloc(np ? np : 1, sizeof(*params));
	char(*bufs)[32] = calloc(np ? np : 1, sizeof(*bufs));
	enum sc_result rc = SC_OK;
	PGresult *res;

	if (!sql || !params || !bufs) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	len += (size_t)snprintf(sql, COPY_SQL, "INSERT INTO %s (", table);
	for (size_t c = 0; c < ncols && len < COPY_SQL; c++)
		len += (size_t)snprintf(sql + len, COPY_SQL - len, "%s%s", c ? ", " : "",
		                        in->names[c]);
	len += (size_t)snprintf(sql + len, COPY_SQL - len, ") VALUES ");
	for (size_t r = 0; r < n && len < COPY_SQL; r++)
		for (size_t c = 0; c < ncols && len < COPY_SQL; c++) {
			size_t k = r * ncols + c;
			params[k] = cell_text(&in->rows, first + r, c, bufs[k]);
			len += (size_t)snprintf(sql + len, COPY_SQL - len, "%s$%zu%s",
			                        c   ? ", "
			                        : r ? ", ("
			                            : "(",
			                        k + 1, c == ncols - 1 ? ")" : "");
		}
	if (len >= COPY_SQL) {
		rc = sc_fail(err, SC_INTERNAL, NULL, "%s: too many rows to copy at once", table);
		goto out;
	}
	if ((rc = pg_run(st, org, sql, (int)np, params, &res, table, err)) == SC_OK)
		PQclear(res);
out:
	free(sql);
	free(params);
	free(bufs);
	return rc;
}

/*
 * A survey answer's coach_kind as the source has it: the BEFORE trigger of
 * 0001 gave it the coach's kind of now (an UPDATE of coach_kind alone fires
 * no trigger). One statement for the page: the ids and kinds as arrays.
 */
static enum sc_result keep_coach_kind(struct pg_store *st, int64_t org, const struct copy_rows *in,
                                      struct sc_error *err)
{
	int id = -1, kind = -1;
	for (size_t c = 0; c < in->rows.ncols; c++) {
		if (!strcmp(in->names[c], "id"))
			id = (int)c;
		if (!strcmp(in->names[c], "coach_kind"))
			kind = (int)c;
	}
	if (id < 0 || kind < 0 || !in->rows.nrows)
		return SC_OK;
	size_t n = in->rows.nrows, cap = n * 34 + 8;
	char *ids = malloc(cap), *kinds = malloc(cap), org_text[24], buf[32];
	size_t li = 0, lk = 0;
	enum sc_result rc = SC_OK;
	if (!ids || !kinds) {
		free(ids);
		free(kinds);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	ids[li++] = kinds[lk++] = '{';
	for (size_t r = 0; r < n; r++) {
		const char *k = cell_text(&in->rows, r, (size_t)kind, buf);
		/* A kind is one of four words (the column's CHECK): nothing to quote. */
		lk += (size_t)snprintf(kinds + lk, cap - lk, "%s%s", r ? "," : "", k ? k : "NULL");
		li += (size_t)snprintf(ids + li, cap - li, "%s%" PRId64, r ? "," : "",
		                       qrows_int(&in->rows, r, (size_t)id));
	}
	snprintf(ids + li, cap - li, "}");
	snprintf(kinds + lk, cap - lk, "}");
	snprintf(org_text, sizeof(org_text), "%" PRId64, org);
	const char *params[3] = { org_text, ids, kinds };
	PGresult *res;
	if ((rc = pg_run(st, org,
	                 "UPDATE survey_answer a SET coach_kind = x.kind"
	                 " FROM unnest($2::bigint[], $3::text[]) AS x (id, kind)"
	                 " WHERE a.org_id = $1::bigint AND a.id = x.id",
	                 3, params, &res, "survey_answer", err)) == SC_OK)
		PQclear(res);
	free(ids);
	free(kinds);
	return rc;
}

static enum sc_result copy_write(struct store *base, int64_t org, const char *table,
                                 const struct copy_rows *in, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	size_t per = COPY_ROWS;
	enum sc_result rc = SC_OK;

	for (size_t first = 0; rc == SC_OK && first < in->rows.nrows; first += per) {
		size_t n = in->rows.nrows - first < per ? in->rows.nrows - first : per;
		rc = insert_rows(st, org, table, in, first, n, err);
	}
	if (rc == SC_OK && !strcmp(table, "survey_answer"))
		rc = keep_coach_kind(st, org, in, err);
	return rc;
}

static enum sc_result copy_count(struct store *base, int64_t org, const char *table, bool has_id,
                                 int64_t *n, struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char sql[160], v[24];
	const char *params[1] = { v };
	PGresult *res;
	enum sc_result rc;

	(void)has_id;
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE %s = $1::bigint", table,
	         org_column(table));
	snprintf(v, sizeof(v), "%" PRId64, org);
	if ((rc = pg_run(st, org, sql, 1, params, &res, table, err)))
		return rc;
	*n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return SC_OK;
}

/* The next id the table's identity gives is past max_id (and never goes back). */
static enum sc_result copy_ids_after(struct store *base, const char *table, int64_t max_id,
                                     struct sc_error *err)
{
	struct pg_store *st = pg(base);
	char v[24];
	const char *params[2] = { table, v };
	PGresult *res;
	enum sc_result rc;

	snprintf(v, sizeof(v), "%" PRId64, max_id);
	if ((rc = pg_run(st, 0,
	                 "SELECT setval(s, greatest(coalesce(pg_sequence_last_value(s::regclass),"
	                 " 0), $2::bigint)) FROM pg_get_serial_sequence($1::text, 'id') AS s",
	                 2, params, &res, table, err)) == SC_OK)
		PQclear(res);
	return rc;
}

const struct store_copy_ops pg_copy_ops = {
	.begin = copy_begin,
	.read = copy_read,
	.write = copy_write,
	.count = copy_count,
	.ids_after = copy_ids_after,
};
