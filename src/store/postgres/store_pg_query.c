/*
 * store_pg_query.c - store_query for PostgreSQL: the named query's text
 * (store_pg_queries.c) run with its parameters, and its rows as the cells
 * store.h describes, typed by the columns' types.
 */
#include "store/postgres/store_pg_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The type oids of pg_type.h (catalog/pg_type_d.h is not among libpq's headers). */
enum {
	OID_BOOL = 16,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700,
};

#define QUERY_PARAMS 16

/*
 * One cell of column type oid from its text v. A numeric (a SUM of bigints,
 * an AVG) without a fraction is a whole number, as SQLite gives it.
 */
static bool cell(struct qrows *out, struct qcell *c, Oid type, const char *v, size_t n)
{
	switch (type) {
	case OID_BOOL:
		c->type = QT_INT;
		c->i = v[0] == 't';
		return true;
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		c->type = QT_INT;
		c->i = strtoll(v, NULL, 10);
		return true;
	case OID_NUMERIC:
		if (!strpbrk(v, ".eEN")) {
			c->type = QT_INT;
			c->i = strtoll(v, NULL, 10);
			return true;
		}
		/* fall through */
	case OID_FLOAT4:
	case OID_FLOAT8:
		c->type = QT_REAL;
		c->r = strtod(v, NULL);
		return true;
	default:
		c->type = QT_TEXT;
		return qrows_add_text(out, v, n, &c->text);
	}
}

enum sc_result pg_query(struct store *base, int64_t org, enum store_query q,
                        const struct qparam *params, size_t nparams, struct qrows *out,
                        struct sc_error *err)
{
	struct pg_store *st = (struct pg_store *)base;
	char ints[QUERY_PARAMS + 1][24];
	const char *values[QUERY_PARAMS + 1];
	PGresult *res;
	enum sc_result rc;

	if (nparams > QUERY_PARAMS || !pg_queries[q])
		return sc_fail(err, SC_INTERNAL, NULL, "named query %d: no PostgreSQL form",
		               (int)q);
	snprintf(ints[0], sizeof(ints[0]), "%" PRId64, org);
	values[0] = ints[0];
	for (size_t i = 0; i < nparams; i++) {
		snprintf(ints[i + 1], sizeof(ints[0]), "%" PRId64, params[i].i);
		values[i + 1] = params[i].s ? params[i].s : ints[i + 1];
	}
	if ((rc = pg_run(st, org, pg_queries[q], (int)nparams + 1, values, &res, "running a query",
	                 err)))
		return rc;
	rc = pg_rows(res, out, err);
	PQclear(res);
	return rc;
}

enum sc_result pg_rows(PGresult *res, struct qrows *out, struct sc_error *err)
{
	enum sc_result rc = SC_OK;
	size_t ncols = (size_t)PQnfields(res), nrows = (size_t)PQntuples(res);
	if (out->nrows && out->ncols != ncols)
		return sc_fail(err, SC_INTERNAL, NULL, "query rows of different shapes");
	out->ncols = ncols;
	size_t need = (out->nrows + nrows) * ncols;
	if (need > out->cap) {
		struct qcell *p = realloc(out->cells, (need ? need : 1) * sizeof(*p));
		if (!p)
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
		out->cells = p;
		out->cap = need;
	}
	Oid types[64];
	for (size_t c = 0; c < ncols && c < 64; c++)
		types[c] = PQftype(res, (int)c);
	for (size_t r = 0; r < nrows && rc == SC_OK; r++) {
		struct qcell *row = &out->cells[out->nrows * ncols];
		memset(row, 0, ncols * sizeof(*row));
		out->nrows++;
		for (size_t c = 0; c < ncols; c++) {
			if (PQgetisnull(res, (int)r, (int)c)) {
				row[c].type = QT_NULL;
				continue;
			}
			if (!cell(out, &row[c], c < 64 ? types[c] : 0,
			          PQgetvalue(res, (int)r, (int)c),
			          (size_t)PQgetlength(res, (int)r, (int)c))) {
				rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
				break;
			}
		}
	}
	return rc;
}
