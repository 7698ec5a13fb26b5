/*
 * store_sqlite_repair.c - migration 0006: text that is not UTF-8.
 *
 * Before every door checked text (src/base/text.h), the command line stored
 * bytes that are not UTF-8; JSON cannot carry them, so such records
 * vanished from every JSON door. The migration replaces each invalid
 * sequence with U+FFFD in every text column of every table, and writes an
 * audit-log row per repaired value of a record (private content redacted,
 * as in every audit row). Table and column names come from the schema
 * itself; values are never part of the SQL text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/entity.h"
#include "store/sqlite/store_sqlite_int.h"
#include "base/text.h"
#include "base/timeutil.h"

/* sc_utf8_valid(x): 1 when x is not text or is UTF-8, else 0. */
static void fn_valid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	sqlite3_result_int(ctx, text_utf8_valid(s, (size_t)sqlite3_value_bytes(argv[0])));
}

/* sc_utf8_repair(x): x with every invalid sequence replaced by U+FFFD. */
static void fn_repair(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	char *fixed = text_utf8_repair((const char *)sqlite3_value_text(argv[0]),
	                               (size_t)sqlite3_value_bytes(argv[0]));
	if (!fixed) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, fixed, -1, free);
}

int sqlite_text_functions(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	int rc = sqlite3_create_function(db, "sc_utf8_valid", 1, flags, NULL, fn_valid, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "sc_utf8_repair", 1, flags, NULL, fn_repair, NULL,
		                             NULL);
	return rc;
}

static enum sc_result fail(sqlite3 *db, struct sc_error *err, const char *what)
{
	return sc_fail(err, SC_STORE, NULL, "repairing text that is not UTF-8: %s: %s", what,
	               sqlite3_errmsg(db));
}

/* The entity stored in table, or NULL (organisation, setting, ...: no audit of their own). */
static const struct entity_def *entity_of_table(const char *table)
{
	for (int k = 0; k < E_COUNT; k++)
		if (!strcmp(entity_get((enum entity_kind)k)->table, table))
			return entity_get((enum entity_kind)k);
	return NULL;
}

/* Run sql (owned, from sqlite3_mprintf), binding now to ?1 where it has one. */
static enum sc_result run(sqlite3 *db, char *sql, const char *now, struct sc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	enum sc_result rc = SC_OK;

	if (!sql)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory repairing text");
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		rc = fail(db, err, "prepare");
	else if ((sqlite3_bind_parameter_count(stmt) &&
	          sqlite3_bind_text(stmt, 1, now, -1, SQLITE_STATIC) != SQLITE_OK) ||
	         sqlite3_step(stmt) != SQLITE_DONE)
		rc = fail(db, err, "update");
	sqlite3_finalize(stmt);
	sqlite3_free(sql);
	return rc;
}

/* Repair column col of table: audit rows first (they read the bad value), then the value. */
static enum sc_result repair_column(sqlite3 *db, const char *table, const char *col,
                                    const char *now, struct sc_error *err)
{
	const struct entity_def *def = entity_of_table(table);
	enum sc_result rc;
	char *sql;

	if (def && def->kind != E_AUDIT && def->kind != E_ACCESS) {
		int i = entity_field(def, col);
		if (i >= 0 && (def->fields[i].flags & (FF_PRIVATE | FF_SECRET)))
			sql = sqlite3_mprintf(
			        "INSERT INTO audit_log (org_id, created_at, updated_at, at, actor, "
			        "entity, record_id, action, before, after) "
			        "SELECT org_id, ?1, ?1, ?1, 'salescoach (migration 0006)', %Q, id, "
			        "'repair', json_object(%Q, '[private]'), json_object(%Q, "
			        "'[private]') FROM \"%w\" WHERE NOT sc_utf8_valid(\"%w\")",
			        def->name, col, col, table, col);
		else /* the value before cannot be JSON text: the row says what it was */
			sql = sqlite3_mprintf(
			        "INSERT INTO audit_log (org_id, created_at, updated_at, at, actor, "
			        "entity, record_id, action, before, after) "
			        "SELECT org_id, ?1, ?1, ?1, 'salescoach (migration 0006)', %Q, id, "
			        "'repair', json_object(%Q, '[not UTF-8]'), json_object(%Q, "
			        "sc_utf8_repair(\"%w\")) FROM \"%w\" WHERE NOT "
			        "sc_utf8_valid(\"%w\")",
			        def->name, col, col, col, table, col);
		if ((rc = run(db, sql, now, err)))
			return rc;
	}
	return run(db,
	           sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = sc_utf8_repair(\"%w\") "
	                           "WHERE NOT sc_utf8_valid(\"%w\")",
	                           table, col, col, col),
	           now, err);
}

enum sc_result sqlite_repair_text(sqlite3 *db, struct sc_error *err)
{
	sqlite3_stmt *tables = NULL, *cols = NULL;
	enum sc_result rc = SC_OK;
	char now[TU_INSTANT_LEN];

	tu_now_instant(now);
	if (sqlite3_prepare_v2(db,
	                       "SELECT name FROM sqlite_master WHERE type = 'table' "
	                       "AND name NOT LIKE 'sqlite_%' ORDER BY name",
	                       -1, &tables, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT name, type FROM pragma_table_info(?)", -1, &cols,
	                       NULL) != SQLITE_OK) {
		rc = fail(db, err, "reading the schema");
		goto out;
	}
	while (rc == SC_OK && sqlite3_step(tables) == SQLITE_ROW) {
		char table[128];
		snprintf(table, sizeof(table), "%s", (const char *)sqlite3_column_text(tables, 0));
		sqlite3_reset(cols);
		sqlite3_bind_text(cols, 1, table, -1, SQLITE_TRANSIENT);
		/* Columns first, then changes: no statement reads a table while it is changed. */
		char names[64][64];
		size_t n = 0;
		while (rc == SC_OK && sqlite3_step(cols) == SQLITE_ROW) {
			const char *type = (const char *)sqlite3_column_text(cols, 1);
			if (!type || sqlite3_stricmp(type, "TEXT"))
				continue;
			if (n == 64)
				rc = sc_fail(
				        err, SC_INTERNAL, NULL,
				        "repairing text: table %s has more than 64 text columns",
				        table);
			else
				snprintf(names[n++], sizeof(names[0]), "%s",
				         (const char *)sqlite3_column_text(cols, 0));
		}
		for (size_t i = 0; i < n && rc == SC_OK; i++)
			rc = repair_column(db, table, names[i], now, err);
	}
out:
	sqlite3_finalize(tables);
	sqlite3_finalize(cols);
	return rc;
}
