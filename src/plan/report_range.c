/*
 * report_range.c - what every report of a range of months shares
 * (report_int.h): its parameters checked, the months settled in the
 * organisation's time zone, the organisation's k, and the complementary
 * suppression (report_suppress): no figure, and no difference of figures,
 * describes fewer than k people.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

int report_month_number(const char *ym)
{
	return atoi(ym) * 12 + atoi(ym + 5) - 1;
}

void report_month_text(int n, char out[8])
{
	unsigned u = n < 0 ? 0 : (unsigned)n;
	snprintf(out, 8, "%04u-%02u", u / 12 % 10000, u % 12 % 100 + 1);
}

int report_model_of(const char *model)
{
	const char *const *all = rules_models();
	for (int i = 0; model && all[i]; i++)
		if (!strcmp(all[i], model))
			return i;
	return -1;
}

/* Whether a record of kind with this id exists in the organisation. */
static enum sc_result exists(struct domain *d, enum entity_kind kind, int64_t id, bool *yes,
                             struct sc_error *err)
{
	struct filter f = { FILTER_ID, FO_EQ, id, 0, NULL, NULL, 0, 0 };
	int64_t n = 0;
	enum sc_result rc = store_count(d->store, d->org, entity_get(kind), &f, 1, &n, err);
	*yes = n > 0;
	return rc;
}

/* The parameters checked and the months settled; SC_INVALID naming the parameter. */
static enum sc_result range_check(struct domain *d, const struct report_opts *o,
                                  struct report_range *rg, struct sc_error *err)
{
	static const char *const names[2] = { "from", "to" };
	const char *given[2] = { o->from, o->to };
	enum sc_result rc;
	bool yes;

	for (int i = 0; i < 2; i++)
		if (given[i] && !tu_valid_month(given[i]))
			return sc_fail_msg(err, SC_INVALID, names[i], d->lang,
			                   "err.report.bad_month", "param", names[i], "value",
			                   given[i], NULL);
	snprintf(rg->now, sizeof(rg->now), "%.7s", d->today);
	snprintf(rg->to, sizeof(rg->to), "%.7s", o->to ? o->to : d->today);
	if (report_month_number(rg->to) > report_month_number(rg->now))
		return sc_fail_msg(err, SC_INVALID, "to", d->lang, "err.report.to_in_future", "to",
		                   rg->to, "now", rg->now, NULL);
	if (o->from)
		snprintf(rg->from, sizeof(rg->from), "%s", o->from);
	else
		report_month_text(report_month_number(rg->to) - (REPORT_DEFAULT_MONTHS - 1),
		                  rg->from);
	/* The default from before the first month there is: refused, naming to. */
	if (!tu_valid_month(rg->from))
		return sc_fail_msg(err, SC_INVALID, "to", d->lang, "err.report.to_too_early", "to",
		                   rg->to, "first", REPORT_FIRST_MONTH, NULL);
	int span = report_month_number(rg->to) - report_month_number(rg->from) + 1;
	if (span < 1)
		return sc_fail_msg(err, SC_INVALID, "from", d->lang, "err.report.from_after_to",
		                   "from", rg->from, "to", rg->to, NULL);
	if (span > REPORT_MAX_MONTHS)
		return sc_fail_msg(err, SC_INVALID, "from", d->lang, "err.report.range_too_long",
		                   "max", SC_INT(d->lang, REPORT_MAX_MONTHS), NULL);
	rg->nmonths = (size_t)span;
	if (o->model && report_model_of(o->model) < 0)
		return sc_fail_msg(err, SC_INVALID, "model", d->lang, "err.report.unknown_model",
		                   "value", o->model, NULL);
	if (o->team && ((rc = exists(d, E_TEAM, o->team, &yes, err)) || !yes))
		return rc ? rc
		          : sc_fail_msg(err, SC_INVALID, "team", d->lang, "err.report.unknown_team",
		                        "id", SC_I64(o->team), NULL);
	if (o->programme && ((rc = exists(d, E_PROGRAMME, o->programme, &yes, err)) || !yes))
		return rc ? rc
		          : sc_fail_msg(err, SC_INVALID, "programme", d->lang,
		                        "err.report.unknown_programme", "id", SC_I64(o->programme),
		                        NULL);
	return SC_OK;
}

enum sc_result report_range_open(struct domain *d, const struct report_opts *o,
                                 struct report_range *rg, struct sc_error *err)
{
	char kbuf[16];
	enum sc_result rc;

	memset(rg, 0, sizeof(*rg));
	if ((rc = range_check(d, o, rg, err)))
		return rc;
	if ((rc = settings_get(d->store, d->org, "k", kbuf, sizeof(kbuf), err)))
		return rc;
	rg->k = strtol(kbuf, NULL, 10);
	rg->starts = calloc(rg->nmonths + 1, sizeof(*rg->starts));
	rg->first = calloc(rg->nmonths + 1, sizeof(*rg->first));
	if (!rg->starts || !rg->first) {
		report_range_close(rg);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	if (!tu_month_starts(rg->from, rg->nmonths + 1, d->tz, rg->starts)) {
		report_range_close(rg);
		return sc_fail(err, SC_INTERNAL, NULL, "the months of %s cannot be computed",
		               d->tz);
	}
	for (size_t m = 0; m <= rg->nmonths; m++) {
		char ym[8];
		report_month_text(report_month_number(rg->from) + (int)m, ym);
		snprintf(rg->first[m], TU_DATE_LEN, "%s-01", ym);
	}
	tu_date_add(rg->first[rg->nmonths], -1, rg->last);
	return SC_OK;
}

void report_range_close(struct report_range *rg)
{
	free(rg->starts);
	free(rg->first);
	rg->starts = NULL;
	rg->first = NULL;
}

void report_held_open(struct report_held *h, const char *held)
{
	h->at = held ? held : "";
	h->end = h->at + strcspn(h->at, ";"); /* one pass over the instants */
	h->num = *h->end == ';' ? h->end + 1 : NULL;
	h->month = 0;
}

/* x as read from memory in big-endian order (the order in which memcmp compares bytes). */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BIG64(x) __builtin_bswap64(x)
#define BIG32(x) __builtin_bswap32(x)
#else
#define BIG64(x) (x)
#define BIG32(x) (x)
#endif

/*
 * The instant at (len characters) against the instant b, as strncmp over an
 * instant's length would compare them (a shorter one comes first).
 */
static int instant_cmp(const char *at, size_t len, const char *b)
{
	_Static_assert(TU_INSTANT_LEN - 1 == 20, "an instant is 8 + 8 + 4 characters");
	if (len < TU_INSTANT_LEN - 1) {
		int c = memcmp(at, b, len);
		return c ? c : -1;
	}
	/* Eight characters at a time (then four), compared as memcmp would. */
	uint64_t x, y;
	for (size_t i = 0; i < 16; i += 8) {
		memcpy(&x, at + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return BIG64(x) < BIG64(y) ? -1 : 1;
	}
	uint32_t u, v;
	memcpy(&u, at + 16, 4);
	memcpy(&v, b + 16, 4);
	if (u == v)
		return 0;
	return BIG32(u) < BIG32(v) ? -1 : 1;
}

/* The month of the range the instant at (len characters) lies in, or -1; hint: the likely one. */
static long month_of(const struct report_range *rg, const char *at, size_t len, size_t hint)
{
	if (hint < rg->nmonths && instant_cmp(at, len, rg->starts[hint]) >= 0 &&
	    instant_cmp(at, len, rg->starts[hint + 1]) < 0)
		return (long)hint;
	if (instant_cmp(at, len, rg->starts[0]) < 0 ||
	    instant_cmp(at, len, rg->starts[rg->nmonths]) >= 0)
		return -1;
	size_t lo = 0, hi = rg->nmonths; /* starts[lo] <= at < starts[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (instant_cmp(at, len, rg->starts[mid]) >= 0)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo;
}

bool report_held_next(const struct report_range *rg, struct report_held *h, long *month, long *n)
{
	if (h->at >= h->end)
		return false;
	const char *comma = memchr(h->at, ',', (size_t)(h->end - h->at));
	size_t len = (size_t)((comma ? comma : h->end) - h->at);
	*month = month_of(rg, h->at, len, h->month);
	if (*month >= 0)
		h->month = (size_t)*month;
	h->at += len + (comma != NULL);
	*n = 0;
	if (h->num) {
		for (; *h->num >= '0' && *h->num <= '9'; h->num++)
			*n = *n * 10 + (*h->num - '0');
		h->num += *h->num == ',';
	}
	return true;
}

bool report_filtered_out(const struct report_opts *o, const char *model, int64_t team,
                         int64_t programme)
{
	return (o->model && strcmp(o->model, model)) || (o->team && o->team != team) ||
	       (o->programme && o->programme != programme);
}

json_t *report_filters_json(const struct report_opts *o)
{
	return json_pack("{s:o,s:o,s:o}", "team", o->team ? json_integer(o->team) : json_null(),
	                 "model", o->model ? json_string(o->model) : json_null(), "programme",
	                 o->programme ? json_integer(o->programme) : json_null());
}

json_t *report_programme_json(const char *key, int64_t id, const char *model, int64_t team,
                              const char *name)
{
	json_t *o = json_object(), *t = json_object();
	if (!o || !t || json_object_set_new_nocheck(t, "id", json_integer(team)) ||
	    json_object_set_new_nocheck(t, "name", json_string(name)) ||
	    json_object_set_new_nocheck(o, key, json_integer(id)) ||
	    json_object_set_new_nocheck(o, "model", json_string(model))) {
		json_decref(o);
		json_decref(t);
		return NULL;
	}
	if (json_object_set_new_nocheck(o, "team", t)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Bits of a person's membership. */
enum {
	IN_KEPT = 1,       /* in a kept group */
	IN_KEPT_SHOWN = 2, /* in a kept group that is shown */
	IN_OUT = 4,        /* in a group left out */
	IN_OUT_SHOWN = 8   /* in a group left out that is shown */
};

static int64_t person(const struct report_group *g, size_t i)
{
	const char *at = (const char *)g->first + i * (g->stride ? g->stride : sizeof(int64_t));
	int64_t id;
	memcpy(&id, at, sizeof(id));
	return id;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The index of id in the ascending list all of n. */
static size_t index_of(const int64_t *all, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (all[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Small: between 1 and k - 1 people, which a figure must never describe. */
static bool small(size_t n, long k)
{
	return n > 0 && (long)n < k;
}

/*
 * Every group's people as indexes into the distinct people of the month
 * (*all, *nall), *idx[sum of n] in the order of the groups. false: no memory.
 */
static bool index_people(const struct report_group *g, size_t ng, int64_t **all, size_t *nall,
                         size_t **idx)
{
	size_t total = 0, n = 0, at = 0;
	for (size_t i = 0; i < ng; i++)
		total += g[i].n;
	*all = malloc((total ? total : 1) * sizeof(**all));
	*idx = malloc((total ? total : 1) * sizeof(**idx));
	if (!*all || !*idx)
		return false;
	for (size_t i = 0; i < ng; i++)
		for (size_t j = 0; j < g[i].n; j++)
			(*all)[n++] = person(&g[i], j);
	qsort(*all, n, sizeof(**all), by_id);
	*nall = 0;
	for (size_t i = 0; i < n; i++)
		if (*nall == 0 || (*all)[*nall - 1] != (*all)[i])
			(*all)[(*nall)++] = (*all)[i];
	for (size_t i = 0; i < ng; i++)
		for (size_t j = 0; j < g[i].n; j++)
			(*idx)[at++] = index_of(*all, *nall, person(&g[i], j));
	return true;
}

/* Whether the total of the kept groups may be shown (report_suppress). */
static bool total_allowed(const struct report_group *g, size_t ng, const size_t *idx,
                          unsigned char *bits, size_t nall, long k)
{
	size_t at = 0, kept = 0, r_in = 0, r_out = 0;
	memset(bits, 0, nall);
	for (size_t i = 0; i < ng; i++)
		for (size_t j = 0; j < g[i].n; j++, at++)
			bits[idx[at]] |=
			        (g[i].kept ? IN_KEPT : IN_OUT) | (g[i].hidden ? 0
			                                          : g[i].kept ? IN_KEPT_SHOWN
			                                                      : IN_OUT_SHOWN);
	for (size_t p = 0; p < nall; p++) {
		kept += (bits[p] & IN_KEPT) != 0;
		r_in += (bits[p] & (IN_KEPT | IN_KEPT_SHOWN)) == IN_KEPT;
		r_out += (bits[p] & (IN_KEPT | IN_OUT | IN_OUT_SHOWN)) == IN_OUT;
	}
	return (long)kept >= k && !small(r_in, k) && !small(r_out, k);
}

bool report_suppress(struct report_group *g, size_t ng, long k, bool *total_shown)
{
	int64_t *all = NULL;
	size_t *idx = NULL, nall = 0, *shown_in = NULL, r = 0;
	unsigned char *bits = NULL;
	bool ok = index_people(g, ng, &all, &nall, &idx);

	/* shown_in[p]: the number of shown groups person p is in; r: the people in none. */
	ok = ok && (shown_in = calloc(nall ? nall : 1, sizeof(*shown_in))) &&
	     (bits = malloc(nall ? nall : 1));
	for (size_t i = 0, at = 0; ok && i < ng; at += g[i].n, i++) {
		g[i].hidden = small(g[i].n, k);
		for (size_t j = 0; j < g[i].n && !g[i].hidden; j++)
			shown_in[idx[at + j]]++;
	}
	for (size_t p = 0; ok && p < nall; p++)
		r += shown_in[p] == 0;
	while (ok && small(r, k)) {
		size_t next = ng, at = 0, next_at = 0;
		for (size_t i = 0; i < ng; at += g[i].n, i++)
			if (!g[i].hidden && g[i].n > 0 && (next == ng || g[i].n < g[next].n)) {
				next = i;
				next_at = at;
			}
		if (next == ng)
			break;
		g[next].hidden = true;
		for (size_t j = 0; j < g[next].n; j++)
			r += --shown_in[idx[next_at + j]] == 0;
	}
	if (ok)
		*total_shown = total_allowed(g, ng, idx, bits, nall, k);
	free(all);
	free(idx);
	free(shown_in);
	free(bits);
	return ok;
}

json_t *report_months_json(const struct report_range *rg, const struct report_opts *o,
                           json_t *(*month)(void *ctx, size_t m), void *ctx)
{
	json_t *months = json_array();
	for (size_t m = 0; months && m < rg->nmonths; m++) {
		json_t *mo = month(ctx, m);
		if (!mo || json_array_append_new(months, mo)) {
			json_decref(months);
			return NULL;
		}
	}
	if (!months)
		return NULL;
	return json_pack("{s:i,s:s,s:s,s:o,s:o}", "k", (int)rg->k, "from", rg->from, "to", rg->to,
	                 "filters", report_filters_json(o), "months", months);
}
