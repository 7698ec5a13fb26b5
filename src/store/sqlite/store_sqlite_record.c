/*
 * store_sqlite_record.c - the records of store.h in SQLite: insert, update,
 * delete, get, and the reads of store_list and store_count with the WHERE
 * clause built from their filters (store_sqlite_int.h).
 *
 * SQL text is built only from the static entity definitions (table and
 * column names); every value is a bound parameter. The text of a read is
 * kept by its shape and its statement in the connection's cache, so that a
 * read of a shape seen before neither builds nor prepares anything.
 */
#include "store/sqlite/store_sqlite_int.h"
#include "base/timeutil.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX 8192

static struct sqlite_store *sq(struct store *st)
{
	return (struct sqlite_store *)st;
}

/*
 * The slot of the read of shape key[0..n) (its text built already when
 * slot->n), or NULL when the shape is too long to keep.
 */
static struct sqlite_shape *shape_slot(struct sqlite_store *st, const int64_t *key, size_t n)
{
	struct sqlite_shape *victim = &st->shapes[0];

	if (n > SQLITE_SHAPE_KEY)
		return NULL;
	for (size_t i = 0; i < SQLITE_SHAPES; i++) {
		struct sqlite_shape *sh = &st->shapes[i];
		if (sh->n == n && !memcmp(sh->key, key, n * sizeof(*key))) {
			sh->used = ++st->clock;
			return sh;
		}
		if (sh->used < victim->used)
			victim = sh;
	}
	free(victim->sql);
	memset(victim, 0, sizeof(*victim));
	memcpy(victim->key, key, n * sizeof(*key));
	return victim; /* n 0 until its text is kept (shape_keep) */
}

/* Keep sql as the text of slot's shape of n keys; a statement found by it from now on. */
static void shape_keep(struct sqlite_store *st, struct sqlite_shape *slot, size_t n,
                       const char *sql)
{
	if (!slot || !(slot->sql = strdup(sql)))
		return;
	slot->hash = sqlite_sql_hash(sql);
	slot->n = n;
	slot->used = ++st->clock;
}

/* The shape of a read's filters appended to key at *n (every value that changes its text). */
static void shape_filters(int64_t *key, size_t *n, const struct filter *f, size_t nf)
{
	if (*n + 3 * nf > SQLITE_SHAPE_KEY) {
		*n = SQLITE_SHAPE_KEY + 1; /* too long: not kept */
		return;
	}
	for (size_t i = 0; i < nf; i++) {
		key[(*n)++] = f[i].field;
		key[(*n)++] = f[i].op;
		key[(*n)++] = f[i].op == FO_IN_VIA ? f[i].via : 0;
	}
}

/* Bind value v of field f at position pos. */
static void bind_value(sqlite3_stmt *stmt, int pos, const struct field_def *f,
                       const struct value *v)
{
	if (v->state != V_SET) {
		sqlite3_bind_null(stmt, pos);
		return;
	}
	switch (f->type) {
	case FT_INT:
	case FT_BOOL:
	case FT_REF:
		sqlite3_bind_int64(stmt, pos, v->i);
		break;
	case FT_REAL:
		sqlite3_bind_double(stmt, pos, v->r);
		break;
	default:
		sqlite3_bind_text(stmt, pos, v->s, -1, SQLITE_STATIC);
		break;
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

/*
 * Append the strings up to a NULL to buf (SQL_MAX) at *len: append() without
 * a format, for the statements built on every read (a format costs more than
 * the read of one row by its index).
 */
static bool cat(char *buf, size_t *len, ...) __attribute__((sentinel));
static bool cat(char *buf, size_t *len, ...)
{
	va_list ap;
	const char *s;
	bool ok = true;

	va_start(ap, len);
	while (ok && (s = va_arg(ap, const char *))) {
		size_t n = strlen(s);
		if (n >= SQL_MAX - *len) {
			ok = false;
			break;
		}
		memcpy(buf + *len, s, n + 1);
		*len += n;
	}
	va_end(ap);
	return ok;
}

/* Bit i set for every field i of rec that is given (set or null). */
static uint64_t insert_shape(const struct record *rec)
{
	uint64_t fields = 0;

	for (size_t i = 0; i < rec->def->nfields; i++)
		if (rec->v[i].state != V_ABSENT)
			fields |= UINT64_C(1) << i;
	return fields;
}

/*
 * The INSERT statement for rec's entity and shape: a cached one, moved to
 * the front of its entity's slots, or a new one prepared and cached in
 * place of the least recently used. The statement stays owned by st.
 */
static enum sc_result insert_stmt(struct sqlite_store *st, const struct record *rec,
                                  sqlite3_stmt **out, struct sc_error *err)
{
	const struct entity_def *def = rec->def;
	struct sqlite_insert *slots = st->inserts[def->kind], found = { 0, NULL };
	uint64_t fields = insert_shape(rec);
	char sql[SQL_MAX];
	size_t len = 0, at = SQLITE_INSERT_SHAPES - 1;

	for (size_t j = 0; j < SQLITE_INSERT_SHAPES; j++)
		if (slots[j].stmt && slots[j].fields == fields) {
			found = slots[j];
			at = j;
			break;
		}
	if (!found.stmt) {
		append(sql, &len, "INSERT INTO %s (org_id, created_at, updated_at", def->table);
		for (size_t i = 0; i < def->nfields; i++)
			if (rec->v[i].state != V_ABSENT)
				append(sql, &len, ", %s", def->fields[i].name);
		append(sql, &len, ") VALUES (?, ?, ?");
		for (size_t i = 0; i < def->nfields; i++)
			if (rec->v[i].state != V_ABSENT && !append(sql, &len, ", ?"))
				return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (!append(sql, &len, ")"))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &found.stmt,
		                       NULL) != SQLITE_OK)
			return sqlite_fail(st, err, "prepare");
		found.fields = fields;
		sqlite3_finalize(slots[at].stmt);
	}
	memmove(&slots[1], &slots[0], at * sizeof(slots[0]));
	slots[0] = found;
	*out = found.stmt;
	return SC_OK;
}

enum sc_result sqlite_insert(struct store *base, int64_t org, struct record *rec,
                             struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	const struct entity_def *def = rec->def;
	char now[TU_INSTANT_LEN];
	sqlite3_stmt *stmt;
	enum sc_result rc;
	int pos = 1;

	/* A shape is a bit set of fields; every entity has far fewer than 64. */
	if (def->nfields > 64)
		return sc_fail(err, SC_INTERNAL, NULL, "%s has too many fields", def->name);
	if ((rc = insert_stmt(st, rec, &stmt, err)))
		return rc;
	time_t t = tu_now();
	if (t != st->insert_time || !st->insert_now[0]) {
		tu_instant_from_time(t, st->insert_now);
		st->insert_time = t;
	}
	memcpy(now, st->insert_now, sizeof(now));
	if (def->eflags & EF_UNDATED)
		memcpy(now + 8, "01T00:00:00Z", 13); /* "YYYY-MM-" kept */
	sqlite3_bind_int64(stmt, pos++, org);
	sqlite3_bind_text(stmt, pos++, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, pos++, now, -1, SQLITE_TRANSIENT);
	for (size_t i = 0; i < def->nfields; i++)
		if (rec->v[i].state != V_ABSENT)
			bind_value(stmt, pos++, &def->fields[i], &rec->v[i]);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		rc = sqlite_fail(st, err, def->name);
	} else {
		rec->id = sqlite3_last_insert_rowid(st->db);
		rec->org_id = org;
		memcpy(rec->created_at, now, sizeof(now)); /* now: TU_INSTANT_LEN, terminated */
	}
	/* Ready for the next row, and holding no pointer into rec's values. */
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

enum sc_result sqlite_update(struct store *base, int64_t org, const struct record *rec,
                             struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	const struct entity_def *def = rec->def;
	char sql[SQL_MAX], now[TU_INSTANT_LEN];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc;
	int pos = 1;

	cat(sql, &len, "UPDATE ", def->table, " SET updated_at = ?", NULL);
	for (size_t i = 0; i < def->nfields; i++)
		if (rec->v[i].state != V_ABSENT &&
		    !cat(sql, &len, ", ", def->fields[i].name, " = ?", NULL))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
	if (!append(sql, &len, " WHERE org_id = ? AND id = ?"))
		return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
	if ((rc = sqlite_cached(st, sql, &stmt, err)))
		return rc;
	tu_now_instant(now);
	sqlite3_bind_text(stmt, pos++, now, -1, SQLITE_TRANSIENT);
	for (size_t i = 0; i < def->nfields; i++)
		if (rec->v[i].state != V_ABSENT)
			bind_value(stmt, pos++, &def->fields[i], &rec->v[i]);
	sqlite3_bind_int64(stmt, pos++, org);
	sqlite3_bind_int64(stmt, pos++, rec->id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(st, err, def->name);
	else if (sqlite3_changes(st->db) == 0)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)rec->id);
	sqlite_release(st, stmt);
	return rc;
}

enum sc_result sqlite_delete(struct store *base, int64_t org, const struct entity_def *def,
                             int64_t id, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[256];
	sqlite3_stmt *stmt;
	enum sc_result rc;

	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE org_id = ? AND id = ?", def->table);
	if ((rc = sqlite_cached(st, sql, &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	sqlite3_bind_int64(stmt, 2, id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(st, err, def->name);
	else if (sqlite3_changes(st->db) == 0)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)id);
	sqlite_release(st, stmt);
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
		/* One statement for any number of ids: a JSON array bound as text. */
		return "IN (SELECT value FROM json_each(?))";
	}
	return "=";
}

/* Append " WHERE org_id = ? AND ..." for filters; false when too long or a filter is invalid. */
static bool append_where(char *sql, size_t *len, const struct entity_def *def,
                         const struct filter *filters, size_t n)
{
	if (!cat(sql, len, " WHERE org_id = ?", NULL))
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct filter *f = &filters[i];
		const char *col = f->field == FILTER_ID ? "id" : def->fields[f->field].name;
		bool unary = f->op == FO_NULL || f->op == FO_NOT_NULL || f->op == FO_IN;
		if (f->op == FO_IN_VIA) {
			const struct entity_def *ref = store_filter_via(def, f);
			if (!ref ||
			    !append(sql, len,
			            " AND %s IN (SELECT id FROM %s WHERE org_id = ? AND %s %s)",
			            col, ref->table, ref->fields[f->via].name, op_sql(f->op)))
				return false;
			continue;
		}
		if (!cat(sql, len, " AND ", col, " ", op_sql(f->op), unary ? "" : " ?", NULL))
			return false;
	}
	return true;
}

/* The ids of an FO_IN filter as a JSON array, "[1,2,3]". Returns owned, or NULL. */
static char *id_array(const struct filter *f)
{
	size_t cap = 3 + f->nin * 21, len = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	out[len++] = '[';
	for (size_t i = 0; i < f->nin; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%lld", i ? "," : "",
		                        (long long)f->in[i]);
	snprintf(out + len, cap - len, "]");
	return out;
}

static int bind_filters(sqlite3_stmt *stmt, int pos, int64_t org, const struct entity_def *def,
                        const struct filter *filters, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct filter *f = &filters[i];
		if (f->op == FO_NULL || f->op == FO_NOT_NULL)
			continue;
		if (f->op == FO_IN_VIA)
			sqlite3_bind_int64(stmt, pos++, org);
		if (f->op == FO_IN || f->op == FO_IN_VIA) {
			char *ids = id_array(f);
			/* Out of memory binds NULL: nothing matches, which is safe. */
			sqlite3_bind_text(stmt, pos++, ids, -1, ids ? free : SQLITE_STATIC);
			continue;
		}
		enum field_type t = f->field == FILTER_ID ? FT_INT : def->fields[f->field].type;
		if (t == FT_INT || t == FT_BOOL || t == FT_REF)
			sqlite3_bind_int64(stmt, pos++, f->i);
		else if (t == FT_REAL)
			sqlite3_bind_double(stmt, pos++, f->r);
		else
			sqlite3_bind_text(stmt, pos++, f->s ? f->s : "", -1, SQLITE_STATIC);
	}
	return pos;
}

/* Build a record of def from the current row of "SELECT id, org_id, created_at, fields..." */
static enum sc_result row_to_record(sqlite3_stmt *stmt, const struct entity_def *def,
                                    struct record **out, struct sc_error *err)
{
	struct record *rec = record_new(def);
	if (!rec)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	rec->id = sqlite3_column_int64(stmt, 0);
	rec->org_id = sqlite3_column_int64(stmt, 1);
	snprintf(rec->created_at, sizeof(rec->created_at), "%s",
	         (const char *)sqlite3_column_text(stmt, 2));
	for (size_t i = 0; i < def->nfields; i++) {
		int col = (int)i + 3;
		if (sqlite3_column_type(stmt, col) == SQLITE_NULL) {
			record_set_null(rec, (int)i);
			continue;
		}
		switch (def->fields[i].type) {
		case FT_INT:
		case FT_BOOL:
		case FT_REF:
			record_set_int(rec, (int)i, sqlite3_column_int64(stmt, col));
			break;
		case FT_REAL:
			record_set_real(rec, (int)i, sqlite3_column_double(stmt, col));
			break;
		default:
			if (record_set_text(rec, (int)i,
			                    (const char *)sqlite3_column_text(stmt, col))) {
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
	cat(sql, len, "SELECT id, org_id, created_at", NULL);
	for (size_t i = 0; i < def->nfields; i++)
		if (!cat(sql, len, ", ", def->fields[i].name, NULL))
			return false;
	return cat(sql, len, " FROM ", def->table, NULL);
}

enum sc_result sqlite_get(struct store *base, int64_t org, const struct entity_def *def, int64_t id,
                          struct record **out, struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[SQL_MAX];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc;
	int step;

	*out = NULL;
	if (!st->get_sql[def->kind]) { /* built once: a record is read by id very often */
		if (!append_select(sql, &len, def) ||
		    !cat(sql, &len, " WHERE org_id = ? AND id = ?", NULL))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (!(st->get_sql[def->kind] = strdup(sql)))
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	if ((rc = sqlite_cached(st, st->get_sql[def->kind], &stmt, err)))
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	sqlite3_bind_int64(stmt, 2, id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		rc = row_to_record(stmt, def, out, err);
	else if (step == SQLITE_DONE)
		rc = sc_fail(err, SC_NOT_FOUND, "id", "no %s with id %lld", def->name,
		             (long long)id);
	else
		rc = sqlite_fail(st, err, def->name);
	sqlite_release(st, stmt);
	return rc;
}

enum sc_result sqlite_list(struct store *base, int64_t org, const struct entity_def *def,
                           const struct list_opts *opts, struct record_list *out,
                           struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	static const struct list_opts none = { NULL, 0, FILTER_ID, false, 0, 0 };
	char sql[SQL_MAX];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc = SC_OK;
	int pos, step;

	if (!opts)
		opts = &none;
	int64_t key[SQLITE_SHAPE_KEY] = { 1,
		                          def->kind,
		                          opts->order_field,
		                          opts->descending,
		                          (int64_t)opts->limit,
		                          (int64_t)opts->offset };
	size_t n = 6;
	shape_filters(key, &n, opts->filters, opts->nfilters);
	struct sqlite_shape *shape = shape_slot(st, key, n);
	if (shape && shape->n) {
		rc = sqlite_cached_hashed(st, shape->sql, shape->hash, &stmt, err);
	} else {
		if (!append_select(sql, &len, def) ||
		    !append_where(sql, &len, def, opts->filters, opts->nfilters))
			return sc_fail(err, SC_INTERNAL, NULL,
			               "statement too long or an invalid filter");
		if (opts->order_field == FILTER_ID)
			cat(sql, &len, " ORDER BY id", opts->descending ? " DESC" : "", NULL);
		else
			cat(sql, &len, " ORDER BY ", def->fields[opts->order_field].name,
			    opts->descending ? " DESC" : "", ", id", NULL);
		if (opts->limit &&
		    !append(sql, &len, " LIMIT %zu OFFSET %zu", opts->limit, opts->offset))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		if (!opts->limit && opts->offset &&
		    !append(sql, &len, " LIMIT -1 OFFSET %zu", opts->offset))
			return sc_fail(err, SC_INTERNAL, NULL, "statement too long");
		shape_keep(st, shape, n, sql);
		rc = sqlite_cached(st, sql, &stmt, err);
	}
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	pos = bind_filters(stmt, 2, org, def, opts->filters, opts->nfilters);
	(void)pos;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct record *rec;
		if ((rc = row_to_record(stmt, def, &rec, err)))
			break;
		if (record_list_push(out, rec)) {
			record_free(&rec);
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			break;
		}
	}
	if (rc == SC_OK && step != SQLITE_DONE)
		rc = sqlite_fail(st, err, def->name);
	sqlite_release(st, stmt);
	return rc;
}

enum sc_result sqlite_count(struct store *base, int64_t org, const struct entity_def *def,
                            const struct filter *filters, size_t nfilters, int64_t *count,
                            struct sc_error *err)
{
	struct sqlite_store *st = sq(base);
	char sql[SQL_MAX];
	size_t len = 0;
	sqlite3_stmt *stmt;
	enum sc_result rc;

	int64_t key[SQLITE_SHAPE_KEY] = { 2, def->kind };
	size_t n = 2;
	shape_filters(key, &n, filters, nfilters);
	struct sqlite_shape *shape = shape_slot(st, key, n);
	if (shape && shape->n) {
		rc = sqlite_cached_hashed(st, shape->sql, shape->hash, &stmt, err);
	} else {
		cat(sql, &len, "SELECT count(*) FROM ", def->table, NULL);
		if (!append_where(sql, &len, def, filters, nfilters))
			return sc_fail(err, SC_INTERNAL, NULL,
			               "statement too long or an invalid filter");
		shape_keep(st, shape, n, sql);
		rc = sqlite_cached(st, sql, &stmt, err);
	}
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, org);
	bind_filters(stmt, 2, org, def, filters, nfilters);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*count = sqlite3_column_int64(stmt, 0);
	else
		rc = sqlite_fail(st, err, def->name);
	sqlite_release(st, stmt);
	return rc;
}
