/*
 * rules.c - the pitfall monitor's frame: the table of rules, one evaluation
 * (context, filters, acknowledgements, order) and the helpers that build
 * alerts. The rules themselves live in rules_*.c, by what they watch.
 */
#include "rules/rules_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calc.h"
#include "domain/settings.h"
#include "base/util.h"

#define M_MANAGER  0x1u
#define M_SENIOR   0x2u
#define M_INTERNAL 0x4u
#define M_EXTERNAL 0x8u
#define M_ALL      0xfu

static const char *const models[] = { "manager", "senior", "internal", "external", NULL };

static const struct rule_def rule_table[] = {
	{ "no-recent-session", M_ALL },
	{ "below-cadence", M_ALL },
	{ "coach-untrained", M_ALL },
	{ "coach-overloaded", M_ALL },
	{ "overdue-actions", M_ALL },
	{ "coaching-mixed-with-appraisal", M_ALL },
	{ "no-supervision", M_MANAGER },
	{ "manager-no-time", M_MANAGER },
	{ "span-too-wide", M_MANAGER },
	{ "coach-not-assessed", M_SENIOR },
	{ "no-incentive", M_SENIOR },
	{ "target-not-reduced", M_SENIOR },
	{ "low-acceptance", M_INTERNAL | M_EXTERNAL },
	{ "seen-as-spy", M_INTERNAL | M_EXTERNAL },
	{ "not-on-floor", M_INTERNAL | M_EXTERNAL },
	{ "misses-team-activities", M_INTERNAL | M_EXTERNAL },
	{ "no-ride-alongs", M_INTERNAL | M_EXTERNAL },
	{ "no-sales-background", M_INTERNAL | M_EXTERNAL },
	{ "acceptance-not-built", M_EXTERNAL },
	{ "session-not-recorded", M_ALL },
};

#define NRULES (ARRAY_SIZE(rule_table))

const struct rule_def *rules_all(size_t *n)
{
	*n = NRULES;
	return rule_table;
}

const struct rule_def *rules_find(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (!strcmp(rule_table[i].id, id))
			return &rule_table[i];
	return NULL;
}

const char *const *rules_models(void)
{
	return models;
}

static unsigned model_bit(const char *model)
{
	for (unsigned i = 0; models[i]; i++)
		if (model && !strcmp(models[i], model))
			return 1u << i;
	return 0;
}

const char *alert_severity_name(enum alert_severity sev)
{
	switch (sev) {
	case SEV_INFO:
		return "info";
	case SEV_WARNING:
		return "warning";
	case SEV_ERROR:
		return "error";
	}
	return "warning";
}

void alert_list_release(struct alert_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].summary);
		free(list->items[i].mitigation);
	}
	free(list->items);
	*list = (struct alert_list){ 0 };
}

/* ---- helpers for the rule files ---------------------------------------------------------- */

/* Copy src into dst (size n), cut to fit. */
static void copy(char *dst, size_t n, const char *src)
{
	size_t len = src ? strnlen(src, n - 1) : 0;

	memcpy(dst, src ? src : "", len);
	dst[len] = '\0';
}

double rules_setting(struct rules_ctx *c, const char *key)
{
	return settings_number(c->d->store, c->d->org, key);
}

void rules_date(struct rules_ctx *c, int days, char out[TU_DATE_LEN])
{
	tu_date_add(c->d->today, days, out);
}

void rules_instant_of(struct rules_ctx *c, const char *date, char out[TU_INSTANT_LEN])
{
	char local[TU_DISPLAY_LEN];

	long back = tu_days_between(date, c->d->today);
	if (back >= -1 && back < RULES_DAYS) {
		memcpy(out, c->day_start[RULES_DAYS - 1 - back], TU_INSTANT_LEN);
		return;
	}
	snprintf(local, sizeof(local), "%.10sT00:00", date);
	if (!tu_parse_instant(local, c->d->tz, out))
		snprintf(out, TU_INSTANT_LEN, "%.10sT00:00:00Z", date);
}

const char *rules_day_start(struct rules_ctx *c, int back)
{
	if (back < -1)
		back = -1;
	if (back > RULES_DAYS - 1)
		back = RULES_DAYS - 1;
	return c->day_start[RULES_DAYS - 1 - back];
}

long rules_find_start(char (*starts)[TU_INSTANT_LEN], size_t n, const char *at)
{
	size_t lo = 0, hi = n;

	if (!n || strcmp(at, starts[0]) < 0 || strcmp(at, starts[n - 1]) >= 0)
		return -1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(starts[mid], at) <= 0)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo;
}

void rules_local_date(struct rules_ctx *c, const char *instant, char out[TU_DATE_LEN])
{
	char local[TU_DISPLAY_LEN];

	/* The day index covers the usual case without touching the zone database. */
	long day = rules_find_start(c->day_start, RULES_DAYS + 1, instant);
	if (day >= 0) {
		rules_date(c, (int)day - (RULES_DAYS - 1), out);
		return;
	}
	if (tu_format_local(instant, c->d->tz, local))
		snprintf(out, TU_DATE_LEN, "%.10s", local);
	else
		snprintf(out, TU_DATE_LEN, "%.10s", instant);
}

long rules_days_since(struct rules_ctx *c, const char *when)
{
	char date[TU_DATE_LEN];

	if (strlen(when) > 10)
		rules_local_date(c, when, date);
	else
		copy(date, sizeof(date), when);
	return tu_days_between(date, c->d->today);
}

bool rules_query(struct rules_ctx *c, enum store_query q, const struct qparam *params, size_t n,
                 struct qrows *out)
{
	if (c->rc)
		return false;
	c->rc = store_query(c->d->store, c->d->org, q, params, n, out, c->err);
	return c->rc == SC_OK;
}

long rules_find_row(const struct qrows *rows, size_t col, int64_t id)
{
	size_t lo = 0, hi = rows->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = qrows_int(rows, mid, col);
		if (v == id)
			return (long)mid;
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

size_t rules_first_row(const struct qrows *rows, size_t col, int64_t id)
{
	size_t lo = 0, hi = rows->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (qrows_int(rows, mid, col) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rows->nrows && qrows_int(rows, lo, col) == id ? lo : rows->nrows;
}

/* An active assignment's load, with its coach, for sorting by coach. */
struct coach_load {
	int64_t coach;
	struct calc_load load;
};

static int cmp_coach_load(const void *a, const void *b)
{
	const struct coach_load *x = a, *y = b;
	return (x->coach > y->coach) - (x->coach < y->coach);
}

/* Fill c->needed and c->needed_coachees: calc_needed per coach over its active assignments. */
static bool coach_needs(struct rules_ctx *c)
{
	const struct qrows *aa = &c->assignments, *co = &c->coaches;
	size_t n = aa->nrows;
	struct coach_load *all = calloc(n ? n : 1, sizeof(*all));
	struct calc_load *one = calloc(n ? n : 1, sizeof(*one));

	c->needed = calloc(co->nrows ? co->nrows : 1, sizeof(*c->needed));
	c->needed_coachees = calloc(co->nrows ? co->nrows : 1, sizeof(*c->needed_coachees));
	if (!all || !one || !c->needed || !c->needed_coachees) {
		free(all);
		free(one);
		c->rc = sc_fail(c->err, SC_NOMEM, NULL, "out of memory");
		return false;
	}
	for (size_t i = 0; i < n; i++)
		all[i] = (struct coach_load){ qrows_int(aa, i, AA_COACH),
			                      { qrows_int(aa, i, AA_COACHEE),
			                        qrows_real(aa, i, AA_TARGET) } };
	qsort(all, n, sizeof(*all), cmp_coach_load);
	/* Coaches are ordered by id, like the sorted loads: one merge. */
	size_t i = 0;
	for (size_t r = 0; r < co->nrows; r++) {
		int64_t coach = qrows_int(co, r, CO_ID);
		size_t k = 0;
		while (i < n && all[i].coach < coach)
			i++;
		while (i < n && all[i].coach == coach)
			one[k++] = all[i++].load;
		c->needed[r] = calc_needed(one, k, &c->needed_coachees[r]);
	}
	free(all);
	free(one);
	return true;
}

int64_t rules_coach_team(struct rules_ctx *c, int64_t coach)
{
	for (size_t r = 0; r < c->assignments.nrows; r++)
		if (qrows_int(&c->assignments, r, AA_COACH) == coach)
			return qrows_int(&c->assignments, r, AA_TEAM);
	return 0;
}

bool rules_wanted(struct rules_ctx *c, const char *rule)
{
	if (c->filter->rule && strcmp(c->filter->rule, rule))
		return false;
	if (c->filter->model) {
		const struct rule_def *def = rules_find(rule);
		if (def && !(def->models & model_bit(c->filter->model)))
			return false;
	}
	return true;
}

struct alert *alert_begin(struct rules_ctx *c, const char *rule, const char *subject_kind,
                          int64_t subject_id, enum alert_severity sev, const char *model,
                          int64_t team, int64_t programme)
{
	const struct rule_def *def = rules_find(rule);

	if (c->rc || !def || !rules_wanted(c, rule))
		return NULL;
	if (!(def->models & model_bit(model)))
		return NULL;
	if (c->filter->model && strcmp(c->filter->model, model))
		return NULL;
	if (c->filter->team && c->filter->team != team)
		return NULL;
	struct alert_list *l = c->out;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct alert *p = realloc(l->items, cap * sizeof(*p));
		if (!p) {
			c->rc = sc_fail(c->err, SC_NOMEM, NULL, "out of memory");
			return NULL;
		}
		l->items = p;
		l->cap = cap;
	}
	struct alert *a = &l->items[l->n++];
	memset(a, 0, sizeof(*a));
	snprintf(a->id, sizeof(a->id), "%s:%s-%" PRId64, rule, subject_kind, subject_id);
	a->rule = def->id;
	a->severity = sev;
	copy(a->model, sizeof(a->model), model);
	a->team = team;
	a->programme = programme;
	return a;
}

void alert_person(struct alert *a, const char *role, int64_t id, const char *name)
{
	if (!a || a->npeople == ALERT_MAX_PEOPLE)
		return;
	struct alert_person *p = &a->people[a->npeople++];
	p->id = id;
	copy(p->role, sizeof(p->role), role);
	copy(p->name, sizeof(p->name), name ? name : "");
}

static struct alert_fact *fact(struct alert *a, const char *name, enum fact_kind kind, bool stable)
{
	if (!a || a->nfacts == ALERT_MAX_FACTS)
		return NULL;
	struct alert_fact *f = &a->facts[a->nfacts++];
	memset(f, 0, sizeof(*f));
	copy(f->name, sizeof(f->name), name);
	f->kind = kind;
	f->stable = stable;
	return f;
}

void alert_fact_int(struct alert *a, const char *name, int64_t v, bool stable)
{
	struct alert_fact *f = fact(a, name, FK_INT, stable);
	if (f)
		f->i = v;
}

void alert_fact_real(struct alert *a, const char *name, double v, bool stable)
{
	struct alert_fact *f = fact(a, name, FK_REAL, stable);
	if (f)
		f->r = round(v * 100.0) / 100.0 + 0.0; /* + 0.0: no "-0" */
}

void alert_fact_money(struct alert *a, const char *name, double v, bool stable)
{
	struct alert_fact *f = fact(a, name, FK_MONEY, stable);
	if (f)
		f->r = round(v * 100.0) / 100.0 + 0.0;
}

void alert_fact_bool(struct alert *a, const char *name, bool v, bool stable)
{
	struct alert_fact *f = fact(a, name, FK_BOOL, stable);
	if (f)
		f->i = v;
}

void alert_fact_date(struct alert *a, const char *name, const char *v, bool stable)
{
	struct alert_fact *f = fact(a, name, v ? FK_DATE : FK_TEXT, stable);
	if (f)
		copy(f->s, sizeof(f->s), v ? v : "");
}

void alert_fact_text(struct alert *a, const char *name, const char *v, bool stable)
{
	struct alert_fact *f = fact(a, name, FK_TEXT, stable);
	if (f)
		copy(f->s, sizeof(f->s), v ? v : "");
}

/* FNV-1a, 64 bits: a digest to notice changed facts, not a security measure. */
static void digest(struct alert *a)
{
	uint64_t h = 0xcbf29ce484222325ull;
	char buf[300];

	for (size_t i = 0; i < a->nfacts + 1; i++) {
		if (i == a->nfacts) {
			copy(buf, sizeof(buf), a->id);
		} else {
			const struct alert_fact *f = &a->facts[i];
			if (!f->stable)
				continue;
			switch (f->kind) {
			case FK_INT:
			case FK_BOOL:
				snprintf(buf, sizeof(buf), "%s=%" PRId64, f->name, f->i);
				break;
			case FK_REAL:
			case FK_MONEY:
				snprintf(buf, sizeof(buf), "%s=%.2f", f->name, f->r);
				break;
			default:
				snprintf(buf, sizeof(buf), "%s=%s", f->name, f->s);
			}
		}
		for (const char *p = buf; *p; p++) {
			h ^= (unsigned char)*p;
			h *= 0x100000001b3ull;
		}
		h ^= 0xff;
		h *= 0x100000001b3ull;
	}
	snprintf(a->digest, sizeof(a->digest), "%016" PRIx64, h);
}

#define MAX_ARGS (ALERT_MAX_FACTS + ALERT_MAX_PEOPLE + 8)

/* The placeholders of a: extra args, facts (as people read them) and people by role. */
static size_t alert_args(struct rules_ctx *c, const struct alert *a, const struct msg_arg *extra,
                         size_t nextra, struct msg_arg *args, char (*vals)[200])
{
	size_t n = 0;

	for (size_t i = 0; i < nextra && n < MAX_ARGS; i++)
		args[n++] = extra[i];
	for (size_t i = 0; i < a->nfacts && n < MAX_ARGS; i++) {
		const struct alert_fact *f = &a->facts[i];
		switch (f->kind) {
		case FK_INT:
			snprintf(vals[n], 200, "%" PRId64, f->i);
			break;
		case FK_REAL:
			msg_number(c->lang, f->r, 2, vals[n], 200);
			break;
		case FK_MONEY:
			msg_money(c->lang, f->r, vals[n], 200);
			break;
		case FK_BOOL:
			snprintf(vals[n], 200, "%s",
			         msg_text(c->lang, f->i ? "common.yes" : "common.no"));
			break;
		default:
			snprintf(vals[n], 200, "%s", f->s);
		}
		args[n].name = f->name;
		args[n].value = vals[n];
		n++;
	}
	for (size_t i = 0; i < a->npeople && n < MAX_ARGS; i++) {
		args[n].name = a->people[i].role;
		args[n].value = a->people[i].name;
		n++;
	}
	return n;
}

void alert_finish(struct rules_ctx *c, struct alert *a, const char *summary_id,
                  const char *mitigation_id, const struct msg_arg *extra, size_t nextra)
{
	struct msg_arg args[MAX_ARGS];
	char vals[MAX_ARGS][200];

	if (!a)
		return;
	digest(a);
	size_t n = alert_args(c, a, extra, nextra, args, vals);
	a->summary = msg_format(c->lang, summary_id, args, n);
	a->mitigation = msg_format(c->lang, mitigation_id, args, n);
	if ((!a->summary || !a->mitigation) && !c->rc)
		c->rc = sc_fail(c->err, SC_NOMEM, NULL, "out of memory");
}

void alert_mitigation_append(struct rules_ctx *c, struct alert *a, const char *id,
                             const struct msg_arg *extra, size_t nextra)
{
	struct msg_arg args[MAX_ARGS];
	char vals[MAX_ARGS][200];

	if (!a || !a->mitigation)
		return;
	size_t n = alert_args(c, a, extra, nextra, args, vals);
	char *more = msg_format(c->lang, id, args, n);
	size_t len = strlen(a->mitigation);
	char *joined = more ? realloc(a->mitigation, len + strlen(more) + 2) : NULL;
	if (!joined) {
		free(more);
		if (!c->rc)
			c->rc = sc_fail(c->err, SC_NOMEM, NULL, "out of memory");
		return;
	}
	a->mitigation = joined;
	if (len)
		strcat(a->mitigation, " ");
	strcat(a->mitigation, more);
	free(more);
}

/* ---- one evaluation ---------------------------------------------------------------------- */

static int alert_cmp(const void *pa, const void *pb)
{
	const struct alert *a = pa, *b = pb;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	const struct rule_def *ra = rules_find(a->rule), *rb = rules_find(b->rule);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Whether the acting person may see a: it concerns them or someone they answer for. */
static enum sc_result visible(struct domain *d, const struct alert *a, bool *yes,
                              struct sc_error *err)
{
	*yes = d->actor.person_id == 0;
	for (size_t i = 0; i < a->npeople && !*yes; i++) {
		enum sc_result rc = domain_access_person(d, a->people[i].id, yes, err);
		if (rc)
			return rc;
	}
	return SC_OK;
}

/* Mark acknowledged alerts, drop them unless f->all, drop what the actor may not see. */
static enum sc_result apply_acks(struct rules_ctx *c, size_t first)
{
	const struct entity_def *def = entity_get(E_ACK);
	struct record_list acks = { 0 };
	struct list_opts lo = { NULL, 0, FILTER_ID, false, 0, 0 };
	enum sc_result rc = store_list(c->d->store, c->d->org, def, &lo, &acks, c->err);

	if (rc)
		return rc;
	struct alert_list *l = c->out;
	size_t keep = first;
	for (size_t i = first; i < l->n; i++) {
		struct alert *a = &l->items[i];
		for (size_t j = 0; j < acks.n; j++) {
			const struct record *r = acks.items[j];
			if (strcmp(record_text(r, "alert"), a->id))
				continue;
			if (!strcmp(record_text(r, "facts"), a->digest)) {
				a->acknowledged = true;
				snprintf(a->ack_reason, sizeof(a->ack_reason), "%s",
				         record_text(r, "reason"));
				const char *by = record_text(r, "acked_by");
				copy(a->ack_by, sizeof(a->ack_by), by ? by : "");
				const char *at = record_text(r, "acked_at");
				copy(a->ack_at, sizeof(a->ack_at), at ? at : "");
			}
			break;
		}
		bool seen = true;
		if (rc == SC_OK)
			rc = visible(c->d, a, &seen, c->err);
		bool hidden = (a->acknowledged && !c->filter->all) || !seen;
		if (hidden) {
			if (a->acknowledged && !c->filter->all)
				l->quiet++;
			free(a->summary);
			free(a->mitigation);
			continue;
		}
		if (keep != i)
			l->items[keep] = *a;
		keep++;
	}
	l->n = keep;
	record_list_release(&acks);
	return rc;
}

enum sc_result rules_evaluate(struct domain *d, enum msg_lang lang, const struct alert_filter *f,
                              struct alert_list *out, struct sc_error *err)
{
	static const struct alert_filter none = { 0 };
	struct rules_ctx c = { 0 };
	size_t first = out->n;
	char date[TU_DATE_LEN];

	if (!f)
		f = &none;
	/* Alerts name people: who may read them at all is the domain's to say, at every door. */
	enum sc_result access = domain_access_alerts(d, err);
	if (access)
		return access;
	if (f->rule && !rules_find(f->rule))
		return sc_fail_msg(err, SC_INVALID, "rule", d->lang, "err.alerts.no_rule", "value",
		                   f->rule, NULL);
	if (f->model && !model_bit(f->model))
		return sc_fail_msg(err, SC_INVALID, "model", d->lang, "err.alerts.no_model",
		                   "value", f->model, NULL);
	if (f->team) {
		struct record *team = NULL;
		enum sc_result rc =
		        store_get(d->store, d->org, entity_get(E_TEAM), f->team, &team, err);
		record_free(&team);
		if (rc == SC_NOT_FOUND)
			return sc_fail_msg(err, SC_NOT_FOUND, "team", d->lang, "err.alerts.no_team",
			                   "id", SC_I64(f->team), NULL);
		if (rc)
			return rc;
	}
	c.d = d;
	c.lang = lang;
	c.filter = f;
	c.out = out;
	c.err = err;
	tu_now_instant(c.now);
	c.day_start = calloc(RULES_DAYS + 1, sizeof(*c.day_start));
	if (!c.day_start)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	rules_date(&c, -(RULES_DAYS - 1), date);
	if (!tu_day_starts(date, RULES_DAYS + 1, d->tz, c.day_start))
		for (int i = 0; i <= RULES_DAYS; i++) {
			rules_date(&c, i - (RULES_DAYS - 1), date);
			snprintf(c.day_start[i], TU_INSTANT_LEN, "%sT00:00:00Z", date);
		}

	struct qparam today[] = { { 0, d->today }, { 0, c.now } };
	if (rules_query(&c, SQ_ACTIVE_ASSIGNMENTS, today, 2, &c.assignments) &&
	    rules_query(&c, SQ_COACHES, today, 1, &c.coaches) &&
	    rules_query(&c, SQ_TEAMS, today, 1, &c.teams) && coach_needs(&c)) {
		enum sc_result (*const groups[])(struct rules_ctx *) = {
			rules_relationships, rules_coaches,  rules_manager,
			rules_senior,        rules_presence,
		};
		for (size_t i = 0; i < ARRAY_SIZE(groups) && !c.rc; i++)
			c.rc = groups[i](&c);
	}
	if (!c.rc)
		c.rc = apply_acks(&c, first);
	if (!c.rc && out->n > first)
		qsort(out->items + first, out->n - first, sizeof(out->items[0]), alert_cmp);
	qrows_release(&c.assignments);
	qrows_release(&c.coaches);
	qrows_release(&c.teams);
	free(c.needed);
	free(c.needed_coachees);
	free(c.day_start);
	if (c.rc) {
		for (size_t i = first; i < out->n; i++) {
			free(out->items[i].summary);
			free(out->items[i].mitigation);
		}
		out->n = first;
	}
	return c.rc;
}

/*
 * Whether the actor may acknowledge a, which they can see: an administrator
 * any alert; a manager one that names someone below them in the reporting
 * line. An alert about a manager alone is their superior's to acknowledge,
 * or an administrator's: a pitfall is not silenced by the person it is
 * about. SC_FORBIDDEN saying so when not.
 */
static enum sc_result ack_allowed(struct domain *d, const struct alert *a, struct sc_error *err)
{
	bool yes = d->actor.person_id == 0 || (d->actor.roles & ROLE_ADMIN);

	for (size_t i = 0; i < a->npeople && !yes && (d->actor.roles & ROLE_MANAGER); i++) {
		enum sc_result rc = domain_manages(d, a->people[i].id, &yes, err);
		if (rc)
			return rc;
	}
	if (yes)
		return SC_OK;
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang,
	                   (d->actor.roles & ROLE_MANAGER) ? "err.alerts.ack_not_below"
	                                                   : "err.alerts.ack_who",
	                   "id", a->id, NULL);
}

enum sc_result rules_ack(struct domain *d, const char *alert_id, const char *reason,
                         struct sc_error *err)
{
	struct alert_filter f = { .all = true };
	struct alert_list list = { 0 };
	const struct alert *a = NULL;
	struct record *rec = NULL;
	struct record_list found = { 0 };
	char now[TU_INSTANT_LEN];
	enum sc_result rc;

	tu_now_instant(now);
	if (!reason || !*reason)
		return sc_fail_msg(err, SC_INVALID, "reason", d->lang, "err.alerts.ack_reason",
		                   NULL);
	if ((rc = rules_evaluate(d, MSG_EN, &f, &list, err)))
		return rc;
	for (size_t i = 0; i < list.n && !a; i++)
		if (!strcmp(list.items[i].id, alert_id))
			a = &list.items[i];
	if (!a) {
		rc = sc_fail_msg(err, SC_NOT_FOUND, "id", d->lang, "err.alerts.not_firing", "id",
		                 alert_id, NULL);
		goto out;
	}
	if ((rc = ack_allowed(d, a, err)))
		goto out;
	const struct entity_def *def = entity_get(E_ACK);
	struct filter flt = { entity_field(def, "alert"), FO_EQ, 0, 0, alert_id };
	struct list_opts lo = { &flt, 1, FILTER_ID, false, 1, 0 };
	if ((rc = store_list(d->store, d->org, def, &lo, &found, err)))
		goto out;
	rec = record_new(def);
	if (!rec) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	if ((rc = record_put_text(rec, "alert", alert_id)) ||
	    (rc = record_put_text(rec, "facts", a->digest)) ||
	    (rc = record_put_text(rec, "reason", reason)) ||
	    (rc = record_put_text(rec, "acked_by", d->actor.name)) ||
	    (rc = record_put_text(rec, "acked_at", now))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	if (found.n) {
		rec->id = found.items[0]->id;
		rc = domain_update(d, rec, err);
	} else {
		rc = domain_add(d, rec, err);
	}
out:
	record_free(&rec);
	record_list_release(&found);
	alert_list_release(&list);
	return rc;
}
