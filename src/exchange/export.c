/*
 * export.c - the export writer (export.h): a table written cell by cell as
 * CSV in the organisation's style, or as XLSX with libxlsxwriter, which
 * writes a file: it goes to a temporary file in $TMPDIR (or /tmp) that is
 * read back and removed.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/text.h"
#include "base/timeutil.h"
#include "exchange/export.h"

#define COLS_MAX     256   /* columns of a table at most; more are left out */
#define XLSX_TEXT    32767 /* the longest text of a spreadsheet cell, in bytes here */
#define WIDTH_MIN    6
#define WIDTH_MAX    60
#define CSV_BOM      "\xef\xbb\xbf"
#define XLSX_TYPE    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define XLSX_TMPNAME "salescoach-export-XXXXXX"
#define ZONE_CACHE   4096 /* minutes whose local time an export remembers */

/* One UTC minute "YYYY-MM-DDTHH:MM" and its local time "YYYY-MM-DD HH:MM". */
struct zone_minute {
	char utc[17];
	char local[17];
};

struct export_writer {
	enum export_format fmt;
	struct csv_style style;
	char tz[64];
	enum export_type types[COLS_MAX];
	size_t widths[COLS_MAX];
	size_t ncols;
	size_t col;   /* the next cell's column in the current row */
	uint32_t row; /* the current row; 0 is the header */
	bool failed;  /* out of memory or a write that failed */
	/* Local times already converted: a zone switch per instant costs more than the rest. */
	struct zone_minute *zone;
	/* CSV */
	FILE *mem;
	char *buf;
	size_t buflen;
	/* XLSX */
	char path[PATH_MAX];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date, *month, *datetime;
};

bool export_format_parse(const char *text, enum export_format *out)
{
	static const char *const names[] = { "json", "csv", "xlsx" };
	for (size_t i = 0; i < 3; i++)
		if (text && strcmp(text, names[i]) == 0) {
			*out = (enum export_format)i;
			return true;
		}
	return false;
}

const char *export_format_name(enum export_format fmt)
{
	return fmt == EXPORT_CSV ? "csv" : fmt == EXPORT_XLSX ? "xlsx" : "json";
}

const char *export_content_type(enum export_format fmt)
{
	return fmt == EXPORT_CSV    ? "text/csv; charset=utf-8"
	       : fmt == EXPORT_XLSX ? XLSX_TYPE
	                            : "application/json";
}

/* Whether the media range at p (up to ',' or the end) is type, parameters aside. */
static bool media_is(const char *p, const char *type)
{
	size_t n = strlen(type);
	while (*p == ' ' || *p == '\t')
		p++;
	return strncasecmp(p, type, n) == 0 &&
	       (p[n] == '\0' || p[n] == ',' || p[n] == ';' || p[n] == ' ');
}

enum export_format export_format_accept(const char *accept)
{
	for (const char *p = accept; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : "") {
		if (media_is(p, "application/json"))
			return EXPORT_JSON;
		if (media_is(p, "text/csv"))
			return EXPORT_CSV;
		if (media_is(p, XLSX_TYPE))
			return EXPORT_XLSX;
	}
	return EXPORT_JSON;
}

enum sc_result export_format_refuse(const char *given, enum msg_lang lang, struct sc_error *err)
{
	char shown[48];
	text_quote(given ? given : "", shown, sizeof(shown));
	return sc_fail_msg(err, SC_INVALID, "format", lang, "export.format_unknown", "format",
	                   shown, NULL);
}

enum sc_result export_too_many(size_t total, enum msg_lang lang, struct sc_error *err)
{
	return sc_fail_msg(err, SC_INVALID, "limit", lang, "export.too_many", "max",
	                   SC_INT(lang, EXPORT_MAX_ROWS), "total", SC_INT(lang, total), NULL);
}

/* ---- opening ------------------------------------------------------------------------------ */

/* An XLSX worksheet's name: at most 31 characters, none of []:*?/\ . */
static void sheet_name(const char *sheet, char *out, size_t n)
{
	size_t o = 0, chars = 0;
	for (const char *p = sheet ? sheet : ""; *p && o + 1 < n; p++) {
		if ((*p & 0xc0) != 0x80 && chars++ == 31)
			break;
		out[o++] = strchr("[]:*?/\\", *p) ? '_' : *p;
	}
	out[o] = '\0';
	if (!o || !text_utf8_valid(out, o))
		snprintf(out, n, "export");
}

static enum sc_result open_xlsx(struct export_writer *w, const char *sheet, struct sc_error *err)
{
	const char *dir = getenv("TMPDIR");
	char name[64];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	if (snprintf(w->path, sizeof(w->path), "%s/%s", dir, XLSX_TMPNAME) >= (int)sizeof(w->path))
		return sc_fail(err, SC_IO, NULL, "TMPDIR is too long a path");
	if ((fd = mkstemp(w->path)) < 0)
		return sc_fail(err, SC_IO, NULL, "cannot make a temporary file in %s: %s", dir,
		               strerror(errno));
	close(fd);
	/*
	 * Constant memory: each row goes to a temporary file once the next one
	 * begins, its texts inline (no shared-string table), so memory does not
	 * grow with the rows; cells must come in row order, as they do here. The
	 * column widths and the autofilter, set after the rows, are written in
	 * the sheet's head at the close and are kept.
	 */
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = (char *)dir };
	sheet_name(sheet, name, sizeof(name));
	if (!(w->wb = workbook_new_opt(w->path, &opts)) ||
	    !(w->ws = workbook_add_worksheet(w->wb, name))) {
		unlink(w->path);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	w->bold = workbook_add_format(w->wb);
	w->date = workbook_add_format(w->wb);
	w->month = workbook_add_format(w->wb);
	w->datetime = workbook_add_format(w->wb);
	format_set_bold(w->bold);
	format_set_num_format(w->date, "yyyy-mm-dd");
	format_set_num_format(w->month, "yyyy-mm");
	format_set_num_format(w->datetime, "yyyy-mm-dd hh:mm");
	worksheet_freeze_panes(w->ws, 1, 0);
	return SC_OK;
}

enum sc_result export_open(enum export_format fmt, struct csv_style style, const char *tz,
                           const char *sheet, struct export_writer **out, struct sc_error *err)
{
	struct export_writer *w = calloc(1, sizeof(*w));
	enum sc_result rc = SC_OK;

	*out = NULL;
	if (!w)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	w->fmt = fmt;
	w->style = style;
	w->zone = calloc(ZONE_CACHE, sizeof(*w->zone));
	snprintf(w->tz, sizeof(w->tz), "%s", tz && *tz ? tz : "UTC");
	if (fmt == EXPORT_XLSX) {
		rc = open_xlsx(w, sheet, err);
	} else if (fmt != EXPORT_CSV) {
		rc = sc_fail(err, SC_INVALID, "format", "an export is CSV or XLSX");
	} else if (!(w->mem = open_memstream(&w->buf, &w->buflen))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	} else {
		fputs(CSV_BOM, w->mem);
	}
	if (rc != SC_OK) {
		if (w->mem)
			fclose(w->mem);
		free(w->buf);
		free(w->zone);
		free(w);
		return rc;
	}
	*out = w;
	return SC_OK;
}

/* ---- cells -------------------------------------------------------------------------------- */

/* Display width of UTF-8 text: one column per character. */
static size_t width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

static void widen(struct export_writer *w, size_t cells)
{
	if (w->col < COLS_MAX && cells > w->widths[w->col])
		w->widths[w->col] = cells;
}

/* The separator before a CSV cell that is not its row's first. */
static void csv_sep(struct export_writer *w)
{
	if (w->col)
		fputc(w->style.sep, w->mem);
}

/* text as one CSV field; a formula's first character guarded by a quote when guard. */
static void csv_text(struct export_writer *w, const char *text, bool guard)
{
	size_t need = csv_field(NULL, 0, text, w->style.sep);
	char *field = malloc(need + 2);

	if (!field) {
		w->failed = true;
		return;
	}
	if (guard && text[0] && strchr("=+-@\t\r", text[0])) {
		/* A spreadsheet would run it: kept as text by a leading quote (docs/export.md). */
		char *quoted = malloc(strlen(text) + 2);
		if (!quoted) {
			free(field);
			w->failed = true;
			return;
		}
		quoted[0] = '\'';
		strcpy(quoted + 1, text);
		free(field);
		need = csv_field(NULL, 0, quoted, w->style.sep);
		if ((field = malloc(need + 1)))
			csv_field(field, need + 1, quoted, w->style.sep);
		free(quoted);
		if (!field) {
			w->failed = true;
			return;
		}
	} else {
		csv_field(field, need + 1, text, w->style.sep);
	}
	fwrite(field, 1, need, w->mem);
	free(field);
}

/* UTF-8 text cut to at most max bytes, on a character's boundary: its new length. */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static void xlsx_text(struct export_writer *w, const char *text, lxw_format *fmt)
{
	size_t n = strlen(text);
	char *fixed = text_utf8_valid(text, n) ? NULL : text_utf8_repair(text, n);
	const char *s = fixed ? fixed : text;
	char *cut = NULL;

	n = strlen(s);
	if (utf8_cut(s, n, XLSX_TEXT) < n) {
		n = utf8_cut(s, n, XLSX_TEXT);
		if ((cut = malloc(n + 1))) {
			memcpy(cut, s, n);
			cut[n] = '\0';
			s = cut;
		}
	}
	if (worksheet_write_string(w->ws, w->row, (lxw_col_t)w->col, s, fmt) != LXW_NO_ERROR)
		w->failed = true;
	widen(w, width(s, n));
	free(fixed);
	free(cut);
}

void export_column(struct export_writer *w, const char *name, enum export_type t)
{
	if (w->ncols == COLS_MAX || w->row != 0)
		return;
	w->types[w->ncols] = t;
	w->col = w->ncols++;
	if (w->fmt == EXPORT_CSV) {
		csv_sep(w);
		csv_text(w, name, false);
		widen(w, width(name, strlen(name)));
	} else {
		xlsx_text(w, name, w->bold);
	}
	w->col = w->ncols;
}

void export_number(struct export_writer *w, double v)
{
	enum export_type t;
	char num[64];

	if (w->col >= w->ncols)
		return;
	t = w->types[w->col];
	if (w->fmt == EXPORT_XLSX) {
		lxw_error e =
		        t == XT_BOOL
		                ? worksheet_write_boolean(w->ws, w->row, (lxw_col_t)w->col, v != 0,
		                                          NULL)
		                : worksheet_write_number(w->ws, w->row, (lxw_col_t)w->col, v, NULL);
		if (e != LXW_NO_ERROR)
			w->failed = true;
	}
	if (t == XT_BOOL)
		snprintf(num, sizeof(num), "%s", v != 0 ? "true" : "false");
	else if (t == XT_INT)
		snprintf(num, sizeof(num), "%.0f", v);
	else
		snprintf(num, sizeof(num), "%.15g", v);
	for (char *p = num; *p; p++)
		if (*p == '.')
			*p = w->style.decimal;
	if (w->fmt == EXPORT_CSV) {
		csv_sep(w);
		csv_text(w, num, false);
	}
	widen(w, strlen(num));
	w->col++;
}

/* Digits of s[0..n) as a number. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* A date, month or local "YYYY-MM-DD HH:MM[:SS]" as a spreadsheet's date. */
static bool xlsx_when(const char *s, lxw_datetime *dt)
{
	size_t n = strlen(s);
	static const char pattern[] = "dddd-dd-dd dd:dd:dd";

	if (n != 7 && n != 10 && n != 16 && n != 19)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pattern[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pattern[i])
			return false;
	*dt = (lxw_datetime){
		digits(s, 4), digits(s + 5, 2), n > 7 ? digits(s + 8, 2) : 1, 0, 0, 0
	};
	if (n >= 16) {
		dt->hour = digits(s + 11, 2);
		dt->min = digits(s + 14, 2);
		dt->sec = n == 19 ? digits(s + 17, 2) : 0;
	}
	return true;
}

/* A stored UTC instant as "YYYY-MM-DD HH:MM:SS" in w's zone; false when it is not one. */
static bool local_instant(const struct export_writer *w, const char *utc, char *out, size_t n)
{
	char local[TU_DISPLAY_LEN];
	struct zone_minute *z = NULL;
	unsigned h = 2166136261u;

	if (strlen(utc) != 20)
		return false;
	for (size_t i = 0; i < 16; i++)
		h = (h ^ (unsigned char)utc[i]) * 16777619u;
	if (w->zone) {
		z = &w->zone[h % ZONE_CACHE];
		if (memcmp(z->utc, utc, 16) == 0) {
			snprintf(out, n, "%.16s:%.2s", z->local, utc + 17);
			return true;
		}
	}
	if (!tu_format_local(utc, w->tz, local))
		return false;
	if (z) {
		memcpy(z->utc, utc, 16);
		memcpy(z->local, local, 16);
	}
	/* Zones differ from UTC by whole minutes: the seconds are UTC's. */
	snprintf(out, n, "%.16s:%.2s", local, utc + 17);
	return true;
}

void export_cell(struct export_writer *w, const char *text)
{
	enum export_type t;
	char local[48];
	lxw_datetime dt;

	if (w->col >= w->ncols)
		return;
	t = w->types[w->col];
	if (!text || !*text) {
		if (w->fmt == EXPORT_CSV)
			csv_sep(w);
		w->col++;
		return;
	}
	if (t == XT_INT || t == XT_REAL || t == XT_BOOL) {
		char *end;
		double v = t == XT_BOOL ? strcmp(text, "true") == 0 : strtod(text, &end);
		if (t == XT_BOOL || (*end == '\0' && end != text)) {
			export_number(w, v);
			return;
		}
		t = XT_TEXT; /* not a number after all: shown as it is */
	}
	if (t == XT_DATETIME && local_instant(w, text, local, sizeof(local)))
		text = local;
	if (w->fmt == EXPORT_CSV) {
		csv_sep(w);
		csv_text(w, text, t == XT_TEXT);
		widen(w, width(text, strlen(text)));
	} else if (t != XT_TEXT && xlsx_when(text, &dt)) {
		lxw_format *f = t == XT_MONTH ? w->month : t == XT_DATE ? w->date : w->datetime;
		if (worksheet_write_datetime(w->ws, w->row, (lxw_col_t)w->col, &dt, f))
			w->failed = true;
		widen(w, t == XT_DATETIME ? 16 : strlen(text));
	} else {
		xlsx_text(w, text, NULL);
	}
	w->col++;
}

void export_row_end(struct export_writer *w)
{
	while (w->col < w->ncols)
		export_cell(w, NULL);
	if (w->fmt == EXPORT_CSV)
		fputs("\r\n", w->mem);
	w->row++;
	w->col = 0;
}

/* ---- finishing ---------------------------------------------------------------------------- */

/* The whole of the file at path into *bytes. */
static enum sc_result read_back(const char *path, char **bytes, size_t *len, struct sc_error *err)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (!fp)
		return sc_fail(err, SC_IO, NULL, "cannot read the spreadsheet back: %s",
		               strerror(errno));
	if (fseek(fp, 0, SEEK_END) || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)size + 1)) || fread(buf, 1, (size_t)size, fp) != (size_t)size) {
		fclose(fp);
		free(buf);
		return sc_fail(err, SC_IO, NULL, "cannot read the spreadsheet back");
	}
	fclose(fp);
	*bytes = buf;
	*len = (size_t)size;
	return SC_OK;
}

static enum sc_result finish_xlsx(struct export_writer *w, char **bytes, size_t *len,
                                  struct sc_error *err)
{
	enum sc_result rc = SC_OK;
	lxw_error e;

	for (size_t c = 0; c < w->ncols; c++) {
		size_t cells = w->widths[c] + 2;
		cells = cells < WIDTH_MIN ? WIDTH_MIN : cells > WIDTH_MAX ? WIDTH_MAX : cells;
		worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, (double)cells, NULL);
	}
	if (w->ncols)
		worksheet_autofilter(w->ws, 0, 0, w->row ? w->row - 1 : 0,
		                     (lxw_col_t)(w->ncols - 1));
	e = workbook_close(w->wb);
	w->wb = NULL;
	if (w->failed || e != LXW_NO_ERROR)
		rc = sc_fail(err, SC_IO, NULL, "the spreadsheet could not be written: %s",
		             w->failed ? "a cell was refused" : lxw_strerror(e));
	else
		rc = read_back(w->path, bytes, len, err);
	unlink(w->path);
	return rc;
}

enum sc_result export_finish(struct export_writer *w, char **bytes, size_t *len,
                             struct sc_error *err)
{
	enum sc_result rc = SC_OK;

	*bytes = NULL;
	*len = 0;
	if (w->fmt == EXPORT_XLSX) {
		rc = finish_xlsx(w, bytes, len, err);
	} else {
		bool bad = fclose(w->mem) != 0 || w->failed;
		w->mem = NULL;
		if (bad) {
			free(w->buf);
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		} else {
			*bytes = w->buf;
			*len = w->buflen;
		}
		w->buf = NULL;
	}
	free(w->zone);
	free(w);
	return rc;
}

void export_abort(struct export_writer *w)
{
	if (!w)
		return;
	if (w->wb) {
		workbook_close(w->wb);
		unlink(w->path);
	}
	if (w->mem)
		fclose(w->mem);
	free(w->buf);
	free(w->zone);
	free(w);
}
