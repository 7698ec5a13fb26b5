/*
 * import_kind.c - the kinds of records a CSV file brings in: their columns,
 * the key that finds a record already stored (a person by e-mail, a team by
 * name, a result by person and month, a session by coach, coachee and time),
 * and one row stored through the domain as the caller (import_int.h).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "exchange/import_int.h"

static const struct import_col people_cols[] = {
	{ "name", true },          { "email", true },     { "title", false },
	{ "active", false },       { "superior", false }, { "years_experience", false },
	{ "track_record", false },
};

static const struct import_col team_cols[] = {
	{ "name", true },
	{ "manager", false },
	{ "parent", false },
};

static const struct import_col result_cols[] = {
	{ "rep", true },         { "month", true },      { "quota", true },
	{ "revenue", true },     { "deals_won", false }, { "deals_lost", false },
	{ "activities", false },
};

/* A session names its assignment by the coach's and the coachee's e-mail. */
static const struct import_col session_cols[] = {
	{ "coach", true },   { "coachee", true },   { "at", true },      { "kind", true },
	{ "minutes", true }, { "status", false },   { "skills", false }, { "feedback", false },
	{ "intro", false },  { "customer", false }, { "stage", false },  { "role", false },
};

#define KIND(k, e, c) [k] = { k, e, c, ARRAY_SIZE(c) }
static const struct import_kind_def kinds[IMPORT_KINDS] = {
	KIND(IMPORT_PEOPLE, E_PERSON, people_cols),
	KIND(IMPORT_TEAMS, E_TEAM, team_cols),
	KIND(IMPORT_RESULTS, E_RESULT, result_cols),
	KIND(IMPORT_SESSIONS, E_SESSION, session_cols),
};

static const char *const kind_names[IMPORT_KINDS] = { "people", "teams", "results", "sessions" };

const struct import_kind_def *import_kind_get(enum import_kind k)
{
	return &kinds[k];
}

bool import_kind_parse(const char *name, enum import_kind *out)
{
	for (int k = 0; k < IMPORT_KINDS; k++)
		if (!strcmp(name, kind_names[k])) {
			*out = (enum import_kind)k;
			return true;
		}
	return false;
}

const char *import_kind_name(enum import_kind k)
{
	return kind_names[k];
}

void import_kind_fields(const struct import_kind_def *kd, int field[IMPORT_COLS_MAX])
{
	for (size_t c = 0; c < kd->ncols; c++)
		field[c] = entity_field(entity_get(kd->entity), kd->cols[c].name);
}

/* heading as a name of ours: trimmed, lower case, spaces and hyphens as '_'. */
static void normalise(const char *heading, char *out, size_t n)
{
	size_t k = 0;

	while (*heading == ' ')
		heading++;
	for (; *heading && k + 1 < n; heading++)
		out[k++] = (*heading == ' ' || *heading == '-')
		                   ? '_'
		                   : (char)tolower((unsigned char)*heading);
	while (k && out[k - 1] == '_')
		k--;
	out[k] = '\0';
}

/* Whether heading is what people read for column name of kd, in Dutch or English. */
static bool is_label(const struct import_kind_def *kd, const char *name, const char *heading)
{
	const char *entity = entity_get(kd->entity)->name;
	char id[128];

	if (kd->kind == IMPORT_SESSIONS && (!strcmp(name, "coach") || !strcmp(name, "coachee")))
		entity = "assignment";
	snprintf(id, sizeof(id), "label.%s.%s", entity, name);
	if (!msg_exists(id))
		return false;
	return !strcasecmp(heading, msg_text(MSG_NL, id)) ||
	       !strcasecmp(heading, msg_text(MSG_EN, id));
}

int import_kind_col(const struct import_kind_def *kd, const char *heading)
{
	char h[128];

	normalise(heading, h, sizeof(h));
	if (!strcmp(h, "e_mail") || !strcmp(h, "e_mailadres") || !strcmp(h, "email_address"))
		snprintf(h, sizeof(h), "email");
	if (kd->kind == IMPORT_RESULTS && (!strcmp(h, "email") || !strcmp(h, "person")))
		snprintf(h, sizeof(h), "rep");
	for (size_t c = 0; c < kd->ncols; c++)
		if (!strcmp(h, kd->cols[c].name) || is_label(kd, kd->cols[c].name, heading))
			return (int)c;
	return -1;
}

void import_row_key(const struct import_kind_def *kd, const struct import_row *row, char *key,
                    size_t n)
{
	const char *a = "", *b = "", *c = "";

	switch (kd->kind) {
	case IMPORT_PEOPLE:
		a = row->v[1];
		break;
	case IMPORT_TEAMS:
		a = row->v[0];
		break;
	case IMPORT_RESULTS:
		a = row->v[0], b = row->v[1];
		break;
	case IMPORT_SESSIONS:
		a = row->v[0], b = row->v[1], c = row->v[2];
		break;
	case IMPORT_KINDS:
		break;
	}
	char month[8];
	if (kd->kind == IMPORT_RESULTS && b &&
	    import_month(b, row->day_first, month) == IMPORT_DATE_OK)
		b = month; /* november 2026 and 2026-11 are one month */
	/* "a, b, c" in lower case, cut at n; without a format (once a row). */
	const char *part[5] = { a ? a : "", b && *b ? ", " : "", b ? b : "", c && *c ? ", " : "",
		                c ? c : "" };
	size_t k = 0;
	for (size_t i = 0; i < 5 && n; i++)
		for (const char *p = part[i]; *p && k + 1 < n; p++)
			key[k++] = (char)tolower((unsigned char)*p);
	if (n)
		key[k] = '\0';
}

/* Refuse the value of column c of row with the message id ({value} filled in). */
static enum sc_result refuse(const struct domain *d, const struct import_row *row, int c,
                             const char *id, struct sc_error *err)
{
	return sc_fail_msg(err, SC_INVALID, row->heading[c], domain_lang(d), id, "value", row->v[c],
	                   NULL);
}

/* The first record of def the actor may read with field == value (text or id); *out owned. */
static enum sc_result find(struct domain *d, enum entity_kind k, const struct filter *f, size_t nf,
                           struct record **out, struct sc_error *err)
{
	struct record_list list = { 0 };
	struct list_opts lo = { f, nf, FILTER_ID, true, 1, 0, true };
	enum sc_result rc = domain_list(d, entity_get(k), &lo, &list, err);

	*out = NULL;
	if (rc == SC_OK && list.n) {
		*out = list.items[0];
		list.items[0] = NULL;
	}
	record_list_release(&list);
	return rc;
}

static struct filter text_is(enum entity_kind k, const char *field, const char *value)
{
	return (struct filter){ .field = entity_field(entity_get(k), field),
		                .op = FO_EQ,
		                .s = value };
}

static struct filter int_is(enum entity_kind k, const char *field, int64_t value)
{
	return (struct filter){ .field = entity_field(entity_get(k), field),
		                .op = FO_EQ,
		                .i = value };
}

/* The person id of an e-mail address in column c, or SC_INVALID saying nobody has it. */
static enum sc_result person_of(struct domain *d, const struct import_row *row, int c, int64_t *id,
                                struct sc_error *err)
{
	struct record *p = NULL;
	char lower[256];
	size_t n = strlen(row->v[c]);

	if (n >= sizeof(lower))
		return refuse(d, row, c, "import.unknown_person", err);
	for (size_t k = 0; k <= n; k++)
		lower[k] = (char)tolower((unsigned char)row->v[c][k]);
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t k = 0; k < n; k++)
		h = (h ^ (unsigned char)lower[k]) * 1099511628211ULL;
	struct import_person *slot =
	        row->people ? &row->people->slot[(h ^ (h >> 29)) % IMPORT_PEOPLE_SLOTS] : NULL;
	if (slot && slot->email[0] && !strcmp(slot->email, lower)) {
		*id = slot->id;
		return SC_OK;
	}
	struct filter f = text_is(E_PERSON, "email", lower);
	enum sc_result rc = find(d, E_PERSON, &f, 1, &p, err);
	if (rc)
		return rc;
	if (!p)
		return refuse(d, row, c, "import.unknown_person", err);
	*id = p->id;
	record_free(&p);
	if (slot && n < sizeof(slot->email)) {
		memcpy(slot->email, lower, n + 1);
		slot->id = *id;
	}
	return SC_OK;
}

/*
 * The assignment of a session row: the coach's coach profile coaching the
 * coachee, the one whose dates hold the session's day when there are several.
 */
static enum sc_result assignment_of(struct domain *d, const struct import_row *row, const char *at,
                                    int64_t *id, struct sc_error *err)
{
	int64_t coach = 0, coachee = 0;
	struct record *profile = NULL;
	struct record_list list = { 0 };
	enum sc_result rc;

	*id = 0;
	if ((rc = person_of(d, row, 0, &coach, err)) || (rc = person_of(d, row, 1, &coachee, err)))
		return rc;
	struct filter fc = int_is(E_COACH, "person", coach);
	if ((rc = find(d, E_COACH, &fc, 1, &profile, err)))
		return rc;
	if (profile) {
		struct filter fa[2] = { int_is(E_ASSIGNMENT, "coach", profile->id),
			                int_is(E_ASSIGNMENT, "coachee", coachee) };
		struct list_opts lo = { fa, 2, FILTER_ID, false, 0, 0, true };
		rc = domain_list(d, entity_get(E_ASSIGNMENT), &lo, &list, err);
	}
	for (size_t i = 0; rc == SC_OK && i < list.n; i++) {
		const struct record *a = list.items[i];
		const char *ends = record_is_set(a, "ends_on") ? record_text(a, "ends_on") : "9999";
		if (!*id || (strncmp(at, record_text(a, "starts_on"), 10) >= 0 &&
		             strncmp(at, ends, 10) <= 0))
			*id = a->id;
	}
	record_list_release(&list);
	record_free(&profile);
	if (rc == SC_OK && !*id)
		rc = sc_fail_msg(err, SC_INVALID, row->heading[1], domain_lang(d),
		                 "import.no_assignment", "coach", row->v[0], "coachee", row->v[1],
		                 NULL);
	return rc;
}

/* Money in whole euros: a CRM writes cents, salescoach counts euros. */
static bool is_money(const struct field_def *f)
{
	return !strcmp(f->name, "quota") || !strcmp(f->name, "revenue");
}

/* The text of column c as domain_parse reads field f: numbers, dates and truth values translated.
 */
static enum sc_result translate(const struct domain *d, const struct import_row *row, int c,
                                const struct field_def *f, char *out, size_t n,
                                struct sc_error *err)
{
	const char *v = row->v[c];
	enum import_date r = IMPORT_DATE_OK;

	switch (f->type) {
	case FT_INT:
	case FT_REAL:
		if (!import_number(v, row->decimal, out, n))
			return refuse(d, row, c, "import.bad_number", err);
		if (f->type == FT_INT && is_money(f) && strchr(out, '.'))
			snprintf(out, n, "%.0f", round(strtod(out, NULL)));
		else if (f->type == FT_INT && strchr(out, '.') &&
		         strspn(strchr(out, '.') + 1, "0") == strlen(strchr(out, '.') + 1))
			*strchr(out, '.') = '\0';
		return SC_OK;
	case FT_BOOL:
		if (!import_bool(v))
			return refuse(d, row, c, "import.bad_bool", err);
		snprintf(out, n, "%s", import_bool(v));
		return SC_OK;
	case FT_DATE:
		r = n > 10 ? import_date(v, row->day_first, out) : IMPORT_DATE_BAD;
		break;
	case FT_MONTH:
		r = n > 7 ? import_month(v, row->day_first, out) : IMPORT_DATE_BAD;
		break;
	case FT_DATETIME:
		r = import_instant(v, row->day_first, out, n);
		break;
	default:
		snprintf(out, n, "%s", v);
		return SC_OK;
	}
	if (r == IMPORT_DATE_AMBIGUOUS)
		return refuse(d, row, c, "import.ambiguous_date", err);
	if (r == IMPORT_DATE_BAD)
		return refuse(d, row, c,
		              f->type == FT_MONTH      ? "import.bad_month"
		              : f->type == FT_DATETIME ? "import.bad_instant"
		                                       : "import.bad_date",
		              err);
	return SC_OK;
}

/* Column c of row into field name of rec, the message naming the file's column. */
static enum sc_result put(struct domain *d, struct record *rec, const struct import_row *row, int c,
                          const char *name, struct sc_error *err)
{
	int i = row->field ? row->field[c] : entity_field(rec->def, name);
	char text[4096];
	enum sc_result rc;

	if (!row->v[c] || !row->v[c][0]) /* an empty cell leaves the value as it is */
		return SC_OK;
	if (rec->def->fields[i].type == FT_REF && rec->def->fields[i].ref == E_PERSON) {
		int64_t id;
		if ((rc = person_of(d, row, c, &id, err)) == SC_OK)
			record_set_int(rec, i, id);
		return rc;
	}
	if ((rc = translate(d, row, c, &rec->def->fields[i], text, sizeof(text), err)))
		return rc;
	return domain_parse(d, rec, i, text, err); /* the column is named by name_column */
}

/* A team's parent, named in column c. */
static enum sc_result put_team(struct domain *d, struct record *rec, const struct import_row *row,
                               int c, struct sc_error *err)
{
	struct record *t = NULL;

	if (!row->v[c] || !row->v[c][0])
		return SC_OK;
	struct filter f = text_is(E_TEAM, "name", row->v[c]);
	enum sc_result rc = find(d, E_TEAM, &f, 1, &t, err);
	if (rc)
		return rc;
	if (!t)
		return refuse(d, row, c, "import.unknown_team", err);
	record_put_int(rec, "parent", t->id);
	record_free(&t);
	return SC_OK;
}

/* "YYYY-MM" as a number that sorts and compares as the month does. */
static int month_number(const char *m)
{
	int y = 0;

	for (int k = 0; k < 4; k++)
		y = y * 10 + (m[k] - '0');
	return y * 12 + (m[5] - '0') * 10 + (m[6] - '0');
}

/* Keep the month of the cache's record i; false: out of memory. */
static bool result_month(struct import_results *cache, size_t i, int mf)
{
	if (cache->list.n > cache->month_cap) {
		size_t cap = cache->list.cap > cache->list.n ? cache->list.cap : cache->list.n;
		int *m = realloc(cache->month, cap * sizeof(*m));
		if (!m)
			return false;
		cache->month = m, cache->month_cap = cap;
	}
	cache->month[i] = month_number(cache->list.items[i]->v[mf].s);
	return true;
}

/* The stored result of rec's rep and month, as an owned copy in *existing, or NULL. */
static enum sc_result result_of(struct domain *d, struct import_results *cache,
                                const struct record *rec, struct record **existing,
                                struct sc_error *err)
{
	int64_t rep = record_int(rec, "rep");
	int mf = entity_field(rec->def, "month");
	const char *m = rec->v[mf].state == V_SET ? rec->v[mf].s : NULL;
	int month = m && strlen(m) == 7 ? month_number(m) : -1;

	*existing = NULL;
	if (cache->rep != rep && cache->last != rep) {
		/* A rep's first line: found alone, in case the file has one line a rep. */
		struct filter f[2] = { int_is(E_RESULT, "rep", rep),
			               text_is(E_RESULT, "month", m) };
		record_list_release(&cache->list);
		cache->rep = 0;
		cache->last = rep;
		return m ? find(d, E_RESULT, f, 2, existing, err) : SC_OK;
	}
	if (cache->rep != rep) { /* the rep's second line: read all the rep's results */
		struct filter f = int_is(E_RESULT, "rep", rep);
		struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0, true };
		struct record_list all = { 0 };
		enum sc_result rc = domain_list(d, rec->def, &lo, &all, err);
		record_list_release(&cache->list);
		cache->list = all;
		cache->rep = 0;
		if (rc)
			return rc;
		for (size_t i = 0; i < cache->list.n; i++)
			if (!result_month(cache, i, mf))
				return sc_fail(err, SC_NOMEM, NULL, "out of memory");
		cache->rep = rep;
	}
	for (size_t i = cache->list.n; i-- > 0;)
		if (cache->month[i] == month) {
			if (!(*existing = record_dup(cache->list.items[i])))
				return sc_fail(err, SC_NOMEM, NULL, "out of memory");
			break;
		}
	return SC_OK;
}

/* A result the import added, kept with its rep's. */
static void result_added(struct import_results *cache, const struct record *rec)
{
	struct record *copy;

	if (cache->rep != record_int(rec, "rep"))
		return;
	if (!(copy = record_dup(rec)) || record_list_push(&cache->list, copy) != SC_OK ||
	    !result_month(cache, cache->list.n - 1, entity_field(rec->def, "month"))) {
		if (cache->list.n && cache->list.items[cache->list.n - 1] == copy)
			cache->list.n--;
		record_free(&copy);
		cache->rep = 0; /* read again at the next row */
	}
}

static bool seen_before(const struct import_seen *seen, int64_t id, long *first);

/*
 * A team this import wrote whose name is rec's but for upper and lower case
 * (ASCII), as an owned copy in *existing: the file names one team twice.
 * An organisation has tens or hundreds of teams, not millions: they are read
 * from the store for a name not found as it is written, not kept.
 */
static enum sc_result team_written(struct domain *d, const struct import_seen *seen,
                                   const struct record *rec, struct record **existing,
                                   struct sc_error *err)
{
	struct list_opts lo = { NULL, 0, FILTER_ID, false, 0, 0, true };
	struct record_list teams = { 0 };
	enum sc_result rc = domain_list(d, rec->def, &lo, &teams, err);
	long first;

	for (size_t i = 0; rc == SC_OK && i < teams.n && !*existing; i++)
		if (!strcasecmp(record_text(teams.items[i], "name"), record_text(rec, "name")) &&
		    seen_before(seen, teams.items[i]->id, &first) &&
		    !(*existing = record_dup(teams.items[i])))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	record_list_release(&teams);
	return rc;
}

/* rec filled from row; *existing the stored record it names, or NULL. */
static enum sc_result fill(struct domain *d, const struct import_kind_def *kd,
                           const struct import_row *row, struct record *rec,
                           struct record **existing, struct sc_error *err)
{
	enum entity_kind k = kd->entity;
	enum sc_result rc = SC_OK;
	int64_t asg = 0;

	for (size_t c = 0; c < kd->ncols && !rc; c++) {
		const char *name = kd->cols[c].name;
		if (k == E_SESSION && c < 2)
			continue;
		rc = k == E_TEAM && !strcmp(name, "parent") ? put_team(d, rec, row, (int)c, err)
		                                            : put(d, rec, row, (int)c, name, err);
	}
	if (rc)
		return rc;
	switch (k) {
	case E_PERSON: {
		struct filter f = text_is(k, "email", record_text(rec, "email"));
		return find(d, k, &f, 1, existing, err);
	}
	case E_TEAM: {
		struct filter f = text_is(k, "name", record_text(rec, "name"));
		rc = find(d, k, &f, 1, existing, err);
		return rc || *existing || !row->seen
		               ? rc
		               : team_written(d, row->seen, rec, existing, err);
	}
	case E_RESULT: {
		if (row->results)
			return result_of(d, row->results, rec, existing, err);
		struct filter f[2] = { int_is(k, "rep", record_int(rec, "rep")),
			               text_is(k, "month", record_text(rec, "month")) };
		return find(d, k, f, 2, existing, err);
	}
	default:
		if ((rc = assignment_of(d, row, record_text(rec, "at"), &asg, err)))
			return rc;
		record_put_int(rec, "assignment", asg);
		struct filter f[2] = { int_is(k, "assignment", asg),
			               text_is(k, "at", record_text(rec, "at")) };
		return find(d, k, f, 2, existing, err);
	}
}

/* Whether every value rec sets is the one old holds already. */
static bool same(const struct record *rec, const struct record *old)
{
	for (size_t i = 0; i < rec->def->nfields; i++) {
		char a[4096], b[4096];
		if (rec->v[i].state == V_ABSENT)
			continue;
		if (rec->v[i].state != old->v[i].state)
			return false;
		record_format(rec, (int)i, a, sizeof(a));
		record_format(old, (int)i, b, sizeof(b));
		if (strcmp(a, b) != 0)
			return false;
	}
	return true;
}

/* The file's column for a field the domain refused, when the file has one. */
static void name_column(const struct import_kind_def *kd, const struct import_row *row,
                        struct sc_error *err)
{
	size_t n = strlen(err->field);

	/* The domain begins with the field's name; the report has a column of its own for it. */
	if (n && !strncmp(err->message, err->field, n) && !strncmp(err->message + n, ": ", 2))
		memmove(err->message, err->message + n + 2, strlen(err->message + n + 2) + 1);
	if (!strcmp(err->field, "assignment")) {
		snprintf(err->field, sizeof(err->field), "%s", row->heading[1]);
		return;
	}
	for (size_t c = 0; c < kd->ncols; c++)
		if (row->heading[c] && !strcmp(err->field, kd->cols[c].name)) {
			snprintf(err->field, sizeof(err->field), "%s", row->heading[c]);
			return;
		}
}

/* The ids of the organisation's records of kd at the start of the import. */
enum sc_result import_seen_init(struct domain *d, const struct import_kind_def *kd,
                                struct import_seen *seen, struct sc_error *err)
{
	const struct entity_def *def = entity_get(kd->entity);
	int64_t ends[2] = { 0, 0 };

	for (int hi = 0; hi < 2; hi++) {
		struct record_list list = { 0 };
		struct list_opts lo = { NULL, 0, FILTER_ID, hi == 1, 1, 0, true };
		enum sc_result rc = store_list(d->store, d->org, def, &lo, &list, err);
		if (rc)
			return rc;
		ends[hi] = list.n ? list.items[0]->id : 0;
		record_list_release(&list);
	}
	seen->lo = ends[0], seen->hi = ends[1];
	/* The ids of one file are shared by all organisations: at most the highest 64 Mi. */
	if (seen->hi - seen->lo >= IMPORT_SEEN_BITS)
		seen->lo = seen->hi - IMPORT_SEEN_BITS + 1;
	if (seen->hi && !(seen->bits = calloc((size_t)((seen->hi - seen->lo) / 8 + 1), 1)))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	return SC_OK;
}

/* Whether record id was written by an earlier row; *first that row's line, or 0. */
static bool seen_before(const struct import_seen *seen, int64_t id, long *first)
{
	size_t at = (size_t)id % IMPORT_LINE_SLOTS;
	bool kept = id && seen->slot[at].id == id; /* the slot of an id this import wrote */
	bool was = kept || id > seen->hi ||
	           (id >= seen->lo && seen->bits &&
	            (seen->bits[(id - seen->lo) / 8] & (1u << ((id - seen->lo) % 8))));

	*first = kept ? seen->slot[at].line : 0;
	return was;
}

/* Record id as written by the row on line. */
static void seen_mark(struct import_seen *seen, int64_t id, long line)
{
	size_t at = (size_t)id % IMPORT_LINE_SLOTS;

	if (id >= seen->lo && id <= seen->hi && seen->bits)
		seen->bits[(id - seen->lo) / 8] |= (unsigned char)(1u << ((id - seen->lo) % 8));
	seen->slot[at].id = id;
	seen->slot[at].line = line;
}

enum sc_result import_row_store(struct domain *d, const struct import_kind_def *kd,
                                const struct import_row *row, enum import_outcome *out, long *first,
                                struct sc_error *err)
{
	struct record *rec = record_new(entity_get(kd->entity)), *old = NULL;
	enum sc_result rc;

	*first = 0;
	if (!rec)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if ((rc = fill(d, kd, row, rec, &old, err))) {
		name_column(kd, row, err);
		goto out;
	}
	if (old && row->seen && seen_before(row->seen, old->id, first)) {
		*out = IMPORT_DUPLICATE;
		goto out;
	}
	/*
	 * fill found the record by its key, or that none has it, and gave it
	 * only values domain_parse read or ids of records it found (domain.h).
	 */
	d->key_checked = kd->kind != IMPORT_SESSIONS;
	d->values_parsed = true;
	if (old && same(rec, old)) {
		*out = IMPORT_UNCHANGED;
	} else if (old) {
		rec->id = old->id;
		rc = domain_update(d, rec, err);
		*out = IMPORT_UPDATED;
	} else {
		rc = domain_add(d, rec, err);
		*out = IMPORT_ADDED;
	}
	d->key_checked = d->values_parsed = false;
	if (rc)
		name_column(kd, row, err);
	else if (row->seen)
		seen_mark(row->seen, old ? old->id : rec->id, row->line);
	if (!rc && !old && row->results && kd->kind == IMPORT_RESULTS)
		result_added(row->results, rec);
out:
	record_free(&rec);
	record_free(&old);
	return rc;
}
