/*
 * store_sqlite_copy.c - what store_copy (store_copy.c) needs of SQLite:
 * the rows of a table of an organisation as they are, written back by
 * column name, counted; a transaction whose references wait for its commit.
 */
#include "store/sqlite/store_sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_SQL 8192

static struct sqlite_store *sq(struct store *st)
{
	return (struct sqlite_store *)st;
}

/* The column that says a row's organisation: its id, in the organisation's own table. */
static const char *org_column(const char *table)
{
	return strcmp(table, "organisation") == 0 ? "id" : "org_id";
}

static enum sc_result copy_begin(struct store *base, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	enum sc_result rc = store_begin(base, err);
	/* Until the commit, which checks every reference once (it resets itself then). */
	if (rc == SC_OK &&
	    sqlite3_exec(st->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK) {
		rc = sqlite_fail(st, err, "copy");
		store_rollback(base);
	}
	return rc;
}

static enum sc_result copy_read(struct store *base, int64_t org, const char *table, bool has_id,
                                int64_t after, size_t limit, struct copy_rows *out,
                                struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[256];
	sqlite3_stmt *stmt;
	enum sc_result rc;

	snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE %s = ?1%s", table, org_column(table),
	         has_id ? " AND id > ?2 ORDER BY id LIMIT ?3" : "");
	if ((rc = sqlite_cached(st, sql, &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	if (has_id) {
		sqlite3_bind_int64(stmt, 2, after);
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)limit);
	}
	size_t ncols = (size_t)sqlite3_column_count(stmt);
	if (!(out->names = calloc(ncols ? ncols : 1, sizeof(char *))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; rc == SC_OK && i < ncols; i++)
		if (!(out->names[i] = strdup(sqlite3_column_name(stmt, (int)i))))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	out->rows.ncols = ncols; /* names are freed by it, rows or none */
	if (rc == SC_OK)
		rc = sqlite_rows(st, stmt, &out->rows, err);
	sqlite_release(st, stmt);
	return rc;
}

/* Bind cell c of row r of rows at pos. */
static void bind_cell(sqlite3_stmt *stmt, int pos, const struct qrows *rows, size_t r, size_t c)
{
	const struct qcell *cell = &rows->cells[r * rows->ncols + c];
	switch (cell->type) {
	case QT_INT:
		sqlite3_bind_int64(stmt, pos, cell->i);
		break;
	case QT_REAL:
		sqlite3_bind_double(stmt, pos, cell->r);
		break;
	case QT_TEXT:
		sqlite3_bind_text(stmt, pos, rows->texts + cell->text, -1, SQLITE_STATIC);
		break;
	default:
		sqlite3_bind_null(stmt, pos);
	}
}

/*
 * A survey answer's coach_kind as the source has it: the trigger of 0015
 * set the coach's kind of now when the row went in (an UPDATE of
 * coach_kind alone fires no trigger).
 */
static enum sc_result keep_coach_kind(struct sqlite_store *st, const struct copy_rows *in,
                                      struct sc_error *err)
{
	int id = -1, kind = -1;
	sqlite3_stmt *stmt;
	enum sc_result rc;

	for (size_t c = 0; c < in->rows.ncols; c++) {
		if (!strcmp(in->names[c], "id"))
			id = (int)c;
		if (!strcmp(in->names[c], "coach_kind"))
			kind = (int)c;
	}
	if (id < 0 || kind < 0)
		return SC_OK;
	if ((rc = sqlite_cached(st, "UPDATE survey_answer SET coach_kind = ?1 WHERE id = ?2", &stmt,
	                        err)))
		return rc;
	for (size_t r = 0; rc == SC_OK && r < in->rows.nrows; r++) {
		bind_cell(stmt, 1, &in->rows, r, (size_t)kind);
		bind_cell(stmt, 2, &in->rows, r, (size_t)id);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = sqlite_fail(st, err, "survey_answer");
		sqlite3_reset(stmt);
	}
	sqlite_release(st, stmt);
	return rc;
}

static enum sc_result copy_write(struct store *base, int64_t org, const char *table,
                                 const struct copy_rows *in, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[COPY_SQL];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc;

	(void)org; /* every row says its organisation */
	len += (size_t)snprintf(sql, sizeof(sql), "INSERT INTO %s (", table);
	for (size_t c = 0; c < in->rows.ncols && len < sizeof(sql); c++)
		len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s%s", c ? ", " : "",
		                        in->names[c]);
	for (size_t c = 0; c < in->rows.ncols && len < sizeof(sql); c++)
		len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s?",
		                        c ? ", " : ") VALUES (");
	if (len >= sizeof(sql) - 2)
		return sc_fail(err, SC_INTERNAL, NULL, "%s: too many columns to copy", table);
	memcpy(sql + len, ")", 2);
	if ((rc = sqlite_cached(st, sql, &stmt, err)))
		return rc;
	for (size_t r = 0; rc == SC_OK && r < in->rows.nrows; r++) {
		for (size_t c = 0; c < in->rows.ncols; c++)
			bind_cell(stmt, (int)c + 1, &in->rows, r, c);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = sqlite_fail(st, err, table);
		sqlite3_reset(stmt);
	}
	sqlite3_clear_bindings(stmt);
	sqlite_release(st, stmt);
	if (rc == SC_OK && !strcmp(table, "survey_answer"))
		rc = keep_coach_kind(st, in, err);
	return rc;
}

static enum sc_result copy_count(struct store *base, int64_t org, const char *table, bool has_id,
                                 int64_t *n, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[160];
	sqlite3_stmt *stmt;
	enum sc_result rc;

	(void)has_id;
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE %s = ?1", table,
	         org_column(table));
	if ((rc = sqlite_cached(st, sql, &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*n = sqlite3_column_int64(stmt, 0);
	else
		rc = sqlite_fail(st, err, table);
	sqlite_release(st, stmt);
	return rc;
}

/* SQLite gives a new row the highest id + 1: nothing to move. */
static enum sc_result copy_ids_after(struct store *base, const char *table, int64_t max_id,
                                     struct sc_error *err)
{
	(void)base;
	(void)table;
	(void)max_id;
	(void)err;
	return SC_OK;
}

const struct store_copy_ops sqlite_copy_ops = {
	.begin = copy_begin,
	.read = copy_read,
	.write = copy_write,
	.count = copy_count,
	.ids_after = copy_ids_after,
};
