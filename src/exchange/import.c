/*
 * import.c - a CSV file read as a stream and stored in one transaction
 * (import.h): the lines, the encoding, the separator, the header and its
 * mapping, duplicates within the file, and the report of bad rows.
 *
 * The file is fed to libcsv one physical line at a time, so the line where
 * each row starts is known even when a quoted field holds line breaks, and
 * each line's encoding is checked before the parser sees it.
 */
#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "base/util.h"
#include "exchange/csvstyle.h"
#include "exchange/import_int.h"

#define IMPORT_LINE_MAX (1L << 20) /* a physical line */
#define IMPORT_ROW_MAX  (1L << 20) /* the fields of one row together */
#define IMPORT_FIELDS   256        /* fields of one row */

/* The args of a message, as the pair (array, count) that msg_format takes. */
#define MSG_ARGS(...)                                                                              \
	((const struct msg_arg[]){ __VA_ARGS__ }),                                                 \
	        (sizeof((const struct msg_arg[]){ __VA_ARGS__ }) / sizeof(struct msg_arg))

struct importer {
	struct domain *d;
	const struct import_opts *o;
	const struct import_kind_def *kd;
	struct import_report *rep;
	struct sc_error *err;
	enum sc_result fatal; /* a failure that ends the import */
	struct csv_parser parser;
	bool day_first;
	char decimal;
	long line;       /* the physical line being fed */
	long row_line;   /* where the row being parsed began */
	long bad_line;   /* a line of that row that is not UTF-8, or 0 */
	char *buf;       /* the row's fields, each terminated */
	size_t len, cap; /* of buf */
	size_t off[IMPORT_FIELDS];
	size_t nfields;
	bool too_big;
	bool header_done;
	int col[IMPORT_FIELDS]; /* our column of each of the file's, -1 none */
	size_t ncols;           /* columns of the header */
	char heading[IMPORT_COLS_MAX][128];
	size_t nmapped[IMPORT_COLS_MAX];    /* file columns mapped to each of ours */
	char joined[IMPORT_COLS_MAX][1024]; /* of a row: ours that several columns fill */
	struct import_seen *seen;           /* the records written, for duplicates */
	struct import_people people;        /* found by e-mail address */
	struct import_results results;      /* of the rep at hand */
	int field[IMPORT_COLS_MAX];         /* the entity field of each of our columns */
};

/* ---- the report ---------------------------------------------------------------------------- */

static void bad_row(struct importer *im, long line, const char *column, const char *reason)
{
	struct import_report *rep = im->rep;

	rep->bad++;
	if (rep->nlisted >= IMPORT_REPORT_MAX)
		return;
	struct import_bad *b = &rep->list[rep->nlisted++];
	b->line = line;
	/* Cut by the sizes where a value was long: never inside a character. */
	text_quote(column ? column : "", b->column, sizeof(b->column));
	text_quote(reason, b->reason, sizeof(b->reason));
}

/* A bad row whose reason is the catalogue's id with args. */
static void bad_msg(struct importer *im, long line, const char *column, const char *id,
                    const struct msg_arg *args, size_t n)
{
	char *text = msg_format(domain_lang(im->d), id, args, n);
	if (!text) {
		im->fatal = sc_fail(im->err, SC_NOMEM, NULL, "out of memory");
		return;
	}
	bad_row(im, line, column, text);
	free(text);
}

/* ---- the header ---------------------------------------------------------------------------- */

/* Our column for the file's heading h: through the mapping when there is one. */
static int our_col(const struct importer *im, const char *h, size_t hlen)
{
	const struct import_map *map = im->o->map;
	char trimmed[128];

	while (hlen && h[hlen - 1] == ' ')
		hlen--;
	while (hlen && *h == ' ')
		h++, hlen--;
	snprintf(trimmed, sizeof(trimmed), "%.*s", (int)hlen, h);
	for (size_t m = 0; map && m < map->n; m++)
		if (!strcasecmp(map->their[m], trimmed))
			return map->ours[m][0] ? import_kind_col(im->kd, map->ours[m]) : -1;
	return import_kind_col(im->kd, trimmed);
}

static enum sc_result header(struct importer *im)
{
	const struct import_kind_def *kd = im->kd;
	enum msg_lang lang = domain_lang(im->d);

	im->ncols = im->nfields;
	for (size_t c = 0; c < kd->ncols; c++)
		im->heading[c][0] = '\0';
	for (size_t j = 0; j < im->nfields; j++) {
		const char *h = im->buf + im->off[j];
		int c = im->col[j] = our_col(im, h, strlen(h));
		if (c < 0)
			continue;
		/* Several columns for one of ours (first and last name) are joined by a space. */
		if (!im->nmapped[c]++)
			snprintf(im->heading[c], sizeof(im->heading[0]), "%s", h);
	}
	for (size_t c = 0; c < kd->ncols; c++)
		if (kd->cols[c].required && !im->heading[c][0])
			return sc_fail_msg(im->err, SC_INVALID, kd->cols[c].name, lang,
			                   "import.col_missing", "column", kd->cols[c].name, NULL);
	im->header_done = true;
	return SC_OK;
}

/* ---- one row ------------------------------------------------------------------------------- */

static void row_store(struct importer *im, long line)
{
	struct import_row row = { .decimal = im->decimal,
		                  .day_first = im->day_first,
		                  .people = &im->people,
		                  .seen = im->seen,
		                  .results = &im->results,
		                  .line = line,
		                  .field = im->field };
	char key[1024], lnum[24];
	long first;

	for (size_t c = 0; c < im->kd->ncols; c++)
		row.heading[c] = im->heading[c][0] ? im->heading[c] : NULL;
	if (im->nfields < im->ncols) {
		char have[24], want[24];
		int c = im->col[im->nfields]; /* the first column the row lacks */
		snprintf(have, sizeof(have), "%zu", im->nfields);
		snprintf(want, sizeof(want), "%zu", im->ncols);
		bad_msg(im, line, c >= 0 ? im->heading[c] : "", "import.too_few",
		        MSG_ARGS({ "have", have }, { "want", want }));
		return;
	}
	for (size_t c = 0; c < im->kd->ncols; c++)
		im->joined[c][0] = '\0';
	for (size_t j = 0; j < im->nfields && j < im->ncols; j++) {
		int c = im->col[j];
		const char *v = im->buf + im->off[j];
		if (c < 0)
			continue;
		if (im->nmapped[c] < 2) {
			row.v[c] = v;
			continue;
		}
		size_t n = strlen(im->joined[c]);
		if (*v)
			snprintf(im->joined[c] + n, sizeof(im->joined[c]) - n, "%s%s", n ? " " : "",
			         v);
		row.v[c] = im->joined[c];
	}
	for (size_t c = 0; c < im->kd->ncols; c++)
		if (im->kd->cols[c].required && row.v[c] && !row.v[c][0]) {
			bad_msg(im, line, row.heading[c], "import.cell_empty",
			        MSG_ARGS({ "column", row.heading[c] }));
			return;
		}
	struct sc_error err;
	enum import_outcome outcome;
	sc_error_init(&err);
	enum sc_result rc = import_row_store(im->d, im->kd, &row, &outcome, &first, &err);
	if (rc == SC_OK && outcome == IMPORT_DUPLICATE) {
		/* Named by the key's (first) column: a person's e-mail address. */
		const char *column = row.heading[im->kd->kind == IMPORT_PEOPLE ? 1 : 0];
		import_row_key(im->kd, &row, key, sizeof(key));
		snprintf(lnum, sizeof(lnum), "%ld", first);
		if (first)
			bad_msg(im, line, column, "import.duplicate",
			        MSG_ARGS({ "key", key }, { "first", lnum }));
		else
			bad_msg(im, line, column, "import.duplicate_earlier",
			        MSG_ARGS({ "key", key }));
	} else if (rc == SC_OK) {
		im->rep->added += outcome == IMPORT_ADDED;
		im->rep->updated += outcome == IMPORT_UPDATED;
		im->rep->unchanged += outcome == IMPORT_UNCHANGED;
	} else if (rc == SC_INVALID || rc == SC_CONFLICT || rc == SC_NOT_FOUND ||
	           rc == SC_FORBIDDEN) {
		bad_row(im, line, err.field, err.message);
	} else {
		*im->err = err;
		im->fatal = rc;
	}
}

/* libcsv: one field of the row. */
static void on_field(void *s, size_t n, void *data)
{
	struct importer *im = data;

	if (im->nfields >= IMPORT_FIELDS || im->len + n + 1 > IMPORT_ROW_MAX) {
		im->too_big = true;
		return;
	}
	if (im->len + n + 1 > im->cap) {
		size_t cap = im->cap ? im->cap : 4096;
		while (cap < im->len + n + 1)
			cap *= 2;
		char *b = realloc(im->buf, cap);
		if (!b) {
			im->too_big = true;
			return;
		}
		im->buf = b, im->cap = cap;
	}
	im->off[im->nfields++] = im->len;
	/* A line break inside a quoted field is "\n", also in a file of "\r\n" lines. */
	for (const char *p = s, *end = p + n; p < end; p++)
		if (!(*p == '\r' && p + 1 < end && p[1] == '\n'))
			im->buf[im->len++] = *p;
	im->buf[im->len++] = '\0';
}

/* libcsv: the end of a row. */
static void on_row(int c, void *data)
{
	struct importer *im = data;
	long line = im->row_line;
	char lnum[24];

	(void)c;
	/* The next row begins on the line after the one that ends this one. */
	im->row_line = im->line + 1;
	if (im->fatal)
		goto next;
	if (im->bad_line)
		snprintf(lnum, sizeof(lnum), "%ld", im->bad_line);
	if (!im->header_done) {
		if (im->bad_line)
			im->fatal = sc_fail_msg(im->err, SC_INVALID, NULL, domain_lang(im->d),
			                        "import.not_utf8", "line", lnum, NULL);
		else
			im->fatal = header(im);
	} else if (im->bad_line) {
		bad_msg(im, line, "", "import.not_utf8", MSG_ARGS({ "line", lnum }));
		if (im->rep->nlisted && im->rep->list[im->rep->nlisted - 1].line == line)
			im->rep->list[im->rep->nlisted - 1].whole = true;
	} else if (im->too_big) {
		bad_msg(im, line, "", "import.too_big", NULL, 0);
	} else if (!(im->nfields == 1 &&
	             im->len == 1)) { /* a row of one empty field: a blank line */
		row_store(im, line);
	}
next:
	im->nfields = 0;
	im->len = 0;
	im->too_big = false;
	im->bad_line = 0;
}

/* ---- the file ------------------------------------------------------------------------------ */

/* The separator of the header line: ';' when it has more of them than ',' outside quotes. */
static char detect_sep(const char *line, size_t n, char fallback)
{
	size_t commas = 0, semis = 0;
	bool quoted = false;

	for (size_t i = 0; i < n; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (!quoted && line[i] == ',')
			commas++;
		else if (!quoted && line[i] == ';')
			semis++;
	}
	if (!commas && !semis)
		return fallback;
	return semis > commas ? ';' : ',';
}

static enum sc_result refuse_file(struct importer *im, const char *id, long line)
{
	char lnum[24];
	snprintf(lnum, sizeof(lnum), "%ld", line);
	return sc_fail_msg(im->err, SC_INVALID, NULL, domain_lang(im->d), id, "line", lnum, NULL);
}

/* The first line: a byte order mark, the separator and, from it, the decimal mark. */
static enum sc_result first_line(struct importer *im, const char **p, size_t *len, char fallback)
{
	const unsigned char *u = (const unsigned char *)*p;

	if (*len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return refuse_file(im, "import.utf16", 1);
	if (*len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		*p += 3, *len -= 3;
	im->rep->sep = detect_sep(*p, *len, fallback);
	im->decimal = im->rep->sep == ';' ? ',' : '.';
	csv_set_delim(&im->parser, (unsigned char)im->rep->sep);
	im->row_line = 1;
	return SC_OK;
}

static enum sc_result read_all(struct importer *im, FILE *in, char fallback)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long long bytes = 0;
	enum sc_result rc = SC_OK;

	while (!im->fatal && (n = getline(&line, &cap, in)) > 0) {
		const char *p = line;
		size_t len = (size_t)n;
		im->line++;
		bytes += n;
		if (n > IMPORT_LINE_MAX) {
			rc = refuse_file(im, "import.line_too_long", im->line);
			break;
		}
		if (im->line == 1 && (rc = first_line(im, &p, &len, fallback)))
			break;
		if (!im->bad_line && !text_utf8_valid(p, len))
			im->bad_line = im->line;
		if (csv_parse(&im->parser, p, len, on_field, on_row, im) != len) {
			rc = sc_fail(im->err, SC_NOMEM, NULL, "out of memory reading line %ld",
			             im->line);
			break;
		}
		if (im->o->progress && im->line % 4096 == 0)
			im->o->progress(im->o->progress_ctx, im->line, bytes);
	}
	free(line);
	if (!rc && ferror(in))
		rc = sc_fail(im->err, SC_IO, NULL, "the file could not be read");
	if (!rc && !im->fatal)
		csv_fini(&im->parser, on_field, on_row, im);
	if (!rc && im->fatal)
		rc = im->fatal;
	if (!rc && !im->header_done)
		rc = refuse_file(im, "import.empty", 1);
	im->rep->lines = im->line;
	if (im->o->progress)
		im->o->progress(im->o->progress_ctx, im->line, bytes);
	return rc;
}

/* The audit entry of an import: its kind and counts. */
static enum sc_result audit(struct importer *im)
{
	const struct import_report *rep = im->rep;
	json_t *o = json_pack("{s:s,s:I,s:I,s:I,s:I,s:b}", "kind", import_kind_name(im->o->kind),
	                      "added", (json_int_t)rep->added, "updated", (json_int_t)rep->updated,
	                      "unchanged", (json_int_t)rep->unchanged, "bad", (json_int_t)rep->bad,
	                      "skip_bad", im->o->skip_bad);
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	enum sc_result rc =
	        text ? domain_audit_note(im->d, "import", entity_get(im->kd->entity)->name, text,
	                                 im->err)
	             : sc_fail(im->err, SC_NOMEM, NULL, "out of memory");
	free(text);
	json_decref(o);
	return rc;
}

static bool is_admin(const struct domain *d)
{
	return d->actor.person_id == 0 || (d->actor.roles & ROLE_ADMIN);
}

/* Read the file inside the open transaction, and keep it or undo it. */
static enum sc_result run(struct importer *im, FILE *in, char fallback)
{
	struct domain *d = im->d;
	enum sc_result rc;

	/*
	 * One audit entry for the whole import (audit() below), none per row.
	 * A savepoint per row only where the good rows are kept without the bad
	 * ones: otherwise one bad row undoes the whole file anyway.
	 */
	d->batch = im->o->skip_bad ? DOMAIN_BATCH_EACH : DOMAIN_BATCH_WHOLE;
	d->ref_seen.kind = E_COUNT;
	rc = read_all(im, in, fallback);
	d->batch = DOMAIN_BATCH_NONE;
	bool keep = !rc && !im->o->dry_run && (im->rep->bad == 0 || im->o->skip_bad);
	if (keep && !(rc = audit(im)) && !(rc = store_commit(d->store, im->err))) {
		im->rep->committed = true;
		return SC_OK;
	}
	store_rollback(d->store);
	return rc;
}

/* Every column of ours the mapping names must be one of the kind's. */
static enum sc_result check_map(const struct domain *d, const struct import_opts *o,
                                struct sc_error *err)
{
	const struct import_kind_def *kd = import_kind_get(o->kind);
	char cols[512] = "";

	for (size_t c = 0; c < kd->ncols; c++)
		snprintf(cols + strlen(cols), sizeof(cols) - strlen(cols), "%s%s", c ? ", " : "",
		         kd->cols[c].name);
	for (size_t m = 0; o->map && m < o->map->n; m++)
		if (o->map->ours[m][0] && import_kind_col(kd, o->map->ours[m]) < 0)
			return sc_fail_msg(err, SC_INVALID, "map", domain_lang(d),
			                   "import.map_unknown", "column", o->map->ours[m], "kind",
			                   import_kind_name(o->kind), "columns", cols, NULL);
	return SC_OK;
}

enum sc_result import_csv(struct domain *d, FILE *in, const struct import_opts *o,
                          struct import_report *rep, struct sc_error *err)
{
	struct importer *im;
	struct csv_style style;
	enum sc_result rc;

	memset(rep, 0, sizeof(*rep));
	if (!is_admin(d))
		return sc_fail_msg(err, SC_FORBIDDEN, NULL, domain_lang(d), "import.admin_only",
		                   NULL);
	if ((rc = check_map(d, o, err)) || (rc = csv_style_get(d->store, d->org, &style, err)))
		return rc;
	if (!(im = calloc(1, sizeof(*im))))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	*im = (struct importer){ .d = d,
		                 .o = o,
		                 .kd = import_kind_get(o->kind),
		                 .rep = rep,
		                 .err = err,
		                 .day_first = style.decimal == ',' };
	import_kind_fields(im->kd, im->field);
	if (csv_init(&im->parser, 0)) {
		free(im);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	if (!(im->seen = calloc(1, sizeof(*im->seen))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	else if (!(rc = store_begin(d->store, err)) &&
	         (rc = import_seen_init(d, im->kd, im->seen, err)))
		store_rollback(d->store);
	if (!rc)
		rc = run(im, in, style.sep);
	csv_free(&im->parser);
	record_list_release(&im->results.list);
	free(im->results.month);
	free(im->buf);
	if (im->seen)
		free(im->seen->bits);
	free(im->seen);
	free(im);
	return rc;
}

char *import_report_json(const struct import_opts *o, const struct import_report *rep)
{
	json_t *list = json_array();
	json_t *obj = json_pack(
	        "{s:s,s:I,s:I,s:I,s:I,s:b,s:b,s:I}", "kind", import_kind_name(o->kind), "added",
	        (json_int_t)rep->added, "updated", (json_int_t)rep->updated, "unchanged",
	        (json_int_t)rep->unchanged, "bad", (json_int_t)rep->bad, "dry_run", o->dry_run,
	        "committed", rep->committed, "more_bad", (json_int_t)(rep->bad - rep->nlisted));
	char *text = NULL;

	if (!list || !obj)
		goto out;
	for (size_t i = 0; i < rep->nlisted; i++) {
		const struct import_bad *b = &rep->list[i];
		if (json_array_append_new(list,
		                          json_pack("{s:I,s:s,s:s}", "line", (json_int_t)b->line,
		                                    "column", b->column, "reason", b->reason)))
			goto out;
	}
	if (json_object_set(obj, "bad_lines", list) == 0)
		text = json_dumps(obj, JSON_COMPACT);
out:
	json_decref(list);
	json_decref(obj);
	return text;
}
