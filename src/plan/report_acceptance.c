/*
 * report_acceptance.c - the acceptance report (report.h, report_acceptance):
 * the pulse survey's means per month, per coaching model and per coach, for
 * each respondent group. It reads the answers counted and summed per coach,
 * the coach's kind when answered, group and month (SQ_ACCEPTANCE), never one
 * answer, and shows a mean only from min_answers answers on, and each item
 * only from min_answers answers of that item. This month is an open round:
 * nothing of it is shown until it is over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"
#include "plan/report.h"
#include "plan/report_int.h"
#include "rules/rules.h"

#define NMODELS 4
#define NGROUPS 2

/* The survey items (PRODUCT.md, pulse survey); the first four make "mean". */
enum { NITEMS = 6, NMEAN = 4 };
/* What a figure is of: MEAN (counted by the answers) or an item 0..NITEMS-1 (by its own). */
enum { MEAN = -1, NFIG = NITEMS + 1 };
static const char *const items[NITEMS] = {
	"respect", "trust", "helps", "part_of_team", "not_reporting", "feels_like_assessment"
};
static const char *const groups[NGROUPS] = { "coachee", "management" };

/* The answers of one group in one month: counted and summed, never listed. */
struct acell {
	long n, sum[NITEMS], cnt[NITEMS];
	bool hidden;          /* coaches: the mean withheld, and every item with it */
	bool ihidden[NITEMS]; /* coaches: the item withheld */
};

/* A coach with the kind they had when answered: a coach whose kind changed is two. */
struct acoach {
	int64_t id, person;
	int model;
	bool selected; /* within the team and programme asked for */
	char *name;
	struct acell *c; /* nmonths * NGROUPS, month by month */
};

struct acceptance {
	const struct report_opts *o;
	struct report_range rg;
	long k_survey, min_answers;
	long open;     /* the index of this month in the range: it and later months are open */
	bool filtered; /* a team or programme asked for */
	struct acoach *co;
	size_t nco, capco;
	struct acell *m[NMODELS]; /* nmonths * NGROUPS each: the selected coaches' cells summed */
};

/* The coach of this row, added when new (rows come ordered by coach and kind). NULL: no
 * memory. */
static struct acoach *coach_of(struct acceptance *ac, const struct qrows *q, size_t r, int model)
{
	int64_t id = qrows_int(q, r, 0);
	if (ac->nco && ac->co[ac->nco - 1].id == id && ac->co[ac->nco - 1].model == model)
		return &ac->co[ac->nco - 1];
	if (ac->nco == ac->capco) {
		size_t cap = ac->capco ? 2 * ac->capco : 16;
		struct acoach *co = realloc(ac->co, cap * sizeof(*co));
		if (!co)
			return NULL;
		ac->co = co;
		ac->capco = cap;
	}
	struct acoach n = { id,
		            qrows_int(q, r, 2),
		            model,
		            qrows_int(q, r, 19) != 0,
		            strdup(qrows_text(q, r, 3)),
		            calloc(ac->rg.nmonths * NGROUPS, sizeof(struct acell)) };
	if (!n.name || !n.c) {
		free(n.name);
		free(n.c);
		return NULL;
	}
	ac->co[ac->nco++] = n;
	return &ac->co[ac->nco - 1];
}

/* One row of SQ_ACCEPTANCE: a coach's answers of one group in one month. */
static bool tally_row(struct acceptance *ac, const struct qrows *q, size_t r)
{
	int model = report_model_of(qrows_text(q, r, 1));
	int g = strcmp(qrows_text(q, r, 4), "coachee") == 0 ? 0 : 1;
	long m = report_month_number(qrows_text(q, r, 5)) - report_month_number(ac->rg.from);
	if (model < 0 || m < 0 || m >= (long)ac->rg.nmonths ||
	    (ac->o->model && strcmp(ac->o->model, rules_models()[model])))
		return true;
	struct acoach *co = coach_of(ac, q, r, model);
	if (!co)
		return false;
	struct acell *c = &co->c[m * NGROUPS + g];
	c->n = (long)qrows_int(q, r, 6);
	for (int it = 0; it < NITEMS; it++) {
		c->sum[it] = qrows_null(q, r, 7 + 2 * it) ? 0 : (long)qrows_int(q, r, 7 + 2 * it);
		c->cnt[it] = (long)qrows_int(q, r, 8 + 2 * it);
	}
	return true;
}

static enum sc_result acceptance_load(struct domain *d, struct acceptance *ac, struct sc_error *err)
{
	struct qrows q = { 0 };
	enum sc_result rc;
	struct qparam p[4] = { { 0, ac->rg.first[0] },
		               { 0, ac->rg.last },
		               { ac->o->team, NULL },
		               { ac->o->programme, NULL } };

	for (int i = 0; i < NMODELS; i++)
		if (!(ac->m[i] = calloc(ac->rg.nmonths * NGROUPS, sizeof(struct acell))))
			return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if ((rc = store_query(d->store, d->org, SQ_ACCEPTANCE, p, 4, &q, err)))
		return rc;
	for (size_t r = 0; r < q.nrows && rc == SC_OK; r++)
		if (!tally_row(ac, &q, r))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	qrows_release(&q);
	return rc;
}

/* Whether a model's figure may be shown: min_answers answers, and (as one person answers a
 * coach once a month) at least k people, as the answers about one coach show. */
static bool model_shown(const struct acceptance *ac, long n, long most)
{
	return n >= ac->min_answers && most >= ac->rg.k;
}

/* The answers a figure (MEAN or an item) of a cell is of, and whether a coach's is withheld. */
static long count_of(const struct acell *c, int it)
{
	return it == MEAN ? c->n : c->cnt[it];
}

static bool *hidden_of(struct acell *c, int it)
{
	return it == MEAN ? &c->hidden : &c->ihidden[it];
}

/*
 * The complementary suppression of one figure of model's cells x: while the
 * withheld coaches' answers of it could not be shown as a model's figure
 * (the model's figure less the coaches shown would give them back), the
 * shown coach of the fewest answers of it is withheld as well.
 */
static void suppress_figure(struct acceptance *ac, int model, size_t x, int it)
{
	for (;;) {
		long hidden = 0, most = 0;
		struct acell *next = NULL;
		for (size_t i = 0; i < ac->nco; i++) {
			struct acell *c = &ac->co[i].c[x];
			long n = count_of(c, it);
			if (ac->co[i].model != model || n == 0)
				continue;
			if (*hidden_of(c, it)) {
				hidden += n;
				most = n > most ? n : most;
			} else if (!next || n < count_of(next, it)) {
				next = c;
			}
		}
		if (hidden == 0 || model_shown(ac, hidden, most) || !next)
			return;
		*hidden_of(next, it) = true;
	}
}

/*
 * Withhold each coach's cell of fewer than min_answers answers, and more as
 * suppress_figure says; then each item of a cell withheld or of fewer than
 * min_answers answers of the item, and more the same way. Over every coach,
 * whatever the filters, so that a coach's cell is the same in every report.
 * Then the model's cells: the selected coaches' summed.
 */
static void suppress(struct acceptance *ac)
{
	size_t nx = ac->rg.nmonths * NGROUPS;
	for (size_t i = 0; i < ac->nco; i++)
		for (size_t x = 0; x < nx; x++)
			ac->co[i].c[x].hidden = ac->co[i].c[x].n < ac->min_answers;
	for (int model = 0; model < NMODELS; model++)
		for (size_t x = 0; x < nx; x++)
			suppress_figure(ac, model, x, MEAN);
	for (size_t i = 0; i < ac->nco; i++)
		for (size_t x = 0; x < nx; x++)
			for (int it = 0; it < NITEMS; it++) {
				struct acell *c = &ac->co[i].c[x];
				c->ihidden[it] = c->hidden || c->cnt[it] < ac->min_answers;
			}
	for (int model = 0; model < NMODELS; model++)
		for (size_t x = 0; x < nx; x++)
			for (int it = 0; it < NITEMS; it++)
				suppress_figure(ac, model, x, it);
	for (size_t i = 0; i < ac->nco; i++)
		for (size_t x = 0; ac->co[i].selected && x < nx; x++) {
			const struct acell *c = &ac->co[i].c[x];
			struct acell *mc = &ac->m[ac->co[i].model][x];
			mc->n += c->n;
			for (int it = 0; it < NITEMS; it++) {
				mc->sum[it] += c->sum[it];
				mc->cnt[it] += c->cnt[it];
			}
		}
}

/* A mean sum / n in tenths, halves up (n > 0). */
static long tenths(long sum, long n)
{
	return (20 * sum + n) / (2 * n);
}

/*
 * One group's figures: answers and the means, each shown as shown says
 * (NFIG: the mean, then each item). answers: always to administrators
 * (every) from min_answers on, to others only when the mean is shown.
 */
static json_t *cell_json(const struct acceptance *ac, const struct acell *c, const bool *shown,
                         bool every)
{
	long sum4 = 0;
	bool count = every ? c->n >= ac->min_answers : shown[0];
	json_t *o = json_pack("{s:o,s:b}", "answers", count ? json_integer(c->n) : json_null(),
	                      "withheld", c->n > 0 && !shown[0]);
	for (int it = 0; it < NMEAN; it++)
		sum4 += c->sum[it];
	if (o)
		json_object_set_new(o, "mean",
		                    shown[0] ? report_tenths(sum4, NMEAN * c->n) : json_null());
	for (int it = 0; o && it < NITEMS; it++)
		json_object_set_new(o, items[it],
		                    shown[0] && shown[1 + it] && c->cnt[it] > 0
		                            ? report_tenths(c->sum[it], c->cnt[it])
		                            : json_null());
	return o;
}

/* The trend of one group: the change of "mean" from month a to month b (indexes). */
static json_t *trend_json(const struct acceptance *ac, const struct acell *cells, long a, long b,
                          int g)
{
	const struct acell *ca = &cells[a * NGROUPS + g], *cb = &cells[b * NGROUPS + g];
	long sa = ca->sum[0] + ca->sum[1] + ca->sum[2] + ca->sum[3];
	long sb = cb->sum[0] + cb->sum[1] + cb->sum[2] + cb->sum[3];
	char fm[8], tm[8];
	report_month_text(report_month_number(ac->rg.from) + (int)a, fm);
	report_month_text(report_month_number(ac->rg.from) + (int)b, tm);
	return json_pack("{s:s,s:s,s:f}", "from", fm, "to", tm, "change",
	                 (double)(tenths(sb, NMEAN * cb->n) - tenths(sa, NMEAN * ca->n)) / 10.0);
}

/*
 * The months of cells (nmonths * NGROUPS; shown: NFIG per cell) as
 * [{"month", "open", "coachee", "management"}] and the trend of each group:
 * the change of "mean" from its first shown month to its last, when two
 * months are shown (an open month never is).
 */
static json_t *months_json(const struct acceptance *ac, const struct acell *cells,
                           const bool *shown, bool every, json_t **trend)
{
	json_t *months = json_array();
	long first[NGROUPS] = { -1, -1 }, last[NGROUPS] = { -1, -1 };

	*trend = json_object();
	for (size_t m = 0; months && *trend && m < ac->rg.nmonths; m++) {
		char ym[8];
		report_month_text(report_month_number(ac->rg.from) + (int)m, ym);
		json_t *mo = json_pack("{s:s,s:b}", "month", ym, "open", (long)m >= ac->open);
		for (int g = 0; mo && g < NGROUPS; g++) {
			size_t x = m * NGROUPS + g;
			json_object_set_new(mo, groups[g],
			                    cell_json(ac, &cells[x], &shown[x * NFIG], every));
			if (shown[x * NFIG] && first[g] < 0)
				first[g] = (long)m;
			if (shown[x * NFIG])
				last[g] = (long)m;
		}
		if (!mo || json_array_append_new(months, mo)) {
			json_decref(months);
			months = NULL;
		}
	}
	for (int g = 0; months && *trend && g < NGROUPS; g++)
		json_object_set_new(*trend, groups[g],
		                    first[g] >= 0 && last[g] > first[g]
		                            ? trend_json(ac, cells, first[g], last[g], g)
		                            : json_null());
	if (!months || !*trend) {
		json_decref(months);
		json_decref(*trend);
		*trend = NULL;
		return NULL;
	}
	return months;
}

/* An entry with its months and trend: o gets "months" and "trend"; NULL (o freed) on failure. */
static json_t *with_months(const struct acceptance *ac, json_t *o, const struct acell *cells,
                           const bool *shown, bool every)
{
	json_t *trend = NULL, *months = o ? months_json(ac, cells, shown, every, &trend) : NULL;
	if (!months || json_object_set_new(o, "months", months)) {
		json_decref(trend);
		json_decref(o);
		return NULL;
	}
	if (json_object_set_new(o, "trend", trend)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * Whether figure it (MEAN or an item) of model's cell x may be shown. Never
 * in an open month: read twice, one answer apart, it would give that answer
 * back. Else when the selected coaches' answers could be shown as a model's
 * figure, and, with a team or programme asked for, none of the selected
 * coaches' figures is withheld: the filtered figure is then a sum of shown
 * coach figures, whatever the range or filter it is compared with (which
 * coaches a filter selects depends on the range). Without those filters it
 * is every coach's: what suppress() withheld could be shown as a model's
 * figure, so this figure less the coaches shown (or less a manager's own)
 * gives no smaller group back.
 */
static bool model_figure_shown(const struct acceptance *ac, int model, size_t x, int it)
{
	long n = 0, most = 0;
	if ((long)(x / NGROUPS) >= ac->open)
		return false;
	for (size_t i = 0; i < ac->nco; i++) {
		struct acoach *co = &ac->co[i];
		long k = count_of(&co->c[x], it);
		if (co->model != model || !co->selected || k == 0)
			continue;
		if (ac->filtered && *hidden_of(&co->c[x], it))
			return false;
		n += k;
		most = k > most ? k : most;
	}
	return model_shown(ac, n, most);
}

static json_t *models_json(const struct acceptance *ac, bool every, bool *shown)
{
	json_t *list = json_array();
	for (int model = 0; list && model < NMODELS; model++) {
		if (ac->o->model && strcmp(ac->o->model, rules_models()[model]))
			continue;
		for (size_t x = 0; x < ac->rg.nmonths * NGROUPS; x++)
			for (int it = MEAN; it < NITEMS; it++)
				shown[x * NFIG + 1 + it] = model_figure_shown(ac, model, x, it);
		json_t *o = with_months(ac, json_pack("{s:s}", "model", rules_models()[model]),
		                        ac->m[model], shown, every);
		if (!o || json_array_append_new(list, o)) {
			json_decref(list);
			list = NULL;
		}
	}
	return list;
}

/* Every coach's rows (every), or only those of the coach who is person. */
static json_t *coaches_json(const struct acceptance *ac, bool every, int64_t person, bool *shown)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < ac->nco; i++) {
		const struct acoach *co = &ac->co[i];
		if ((!every && (!person || co->person != person)) || !co->selected)
			continue;
		for (size_t x = 0; x < ac->rg.nmonths * NGROUPS; x++) {
			shown[x * NFIG] = !co->c[x].hidden && (long)(x / NGROUPS) < ac->open;
			for (int it = 0; it < NITEMS; it++)
				shown[x * NFIG + 1 + it] = !co->c[x].ihidden[it];
		}
		json_t *o =
		        with_months(ac,
		                    json_pack("{s:I,s:s,s:s}", "coach", (json_int_t)co->id, "name",
		                              co->name, "kind", rules_models()[co->model]),
		                    co->c, shown, every);
		if (!o || json_array_append_new(list, o)) {
			json_decref(list);
			list = NULL;
		}
	}
	return list;
}

/*
 * Who reads what: administrators every coach and model; executives and
 * managers the models (and a manager who coaches their own rows too); a
 * coach only their own rows. Anyone else is refused.
 */
static enum sc_result acceptance_reader(struct domain *d, bool *models, bool *every,
                                        struct sc_error *err)
{
	enum report_view view;
	struct sc_error ignored;

	*models = *every = false;
	sc_error_init(&ignored);
	if (report_view(d, &view, &ignored) == SC_OK) {
		*models = true;
		*every = view == REPORT_VIEW_ACTIVITY;
		return SC_OK;
	}
	if (d->actor.roles & ROLE_COACH)
		return SC_OK;
	return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.report.acceptance.hidden", NULL);
}

static json_t *acceptance_json(struct domain *d, struct acceptance *ac, bool models, bool every)
{
	bool *shown = calloc(ac->rg.nmonths * NGROUPS * NFIG, sizeof(*shown));
	json_t *out = NULL;

	json_t *ml = shown && models ? models_json(ac, every, shown) : json_array();
	json_t *cl = shown ? coaches_json(ac, every, d->actor.person_id, shown) : NULL;
	if (ml && cl)
		out = json_pack("{s:i,s:i,s:i,s:s,s:s,s:o,s:O,s:O}", "k", (int)ac->rg.k, "k_survey",
		                (int)ac->k_survey, "min_answers", (int)ac->min_answers, "from",
		                ac->rg.from, "to", ac->rg.to, "filters", report_filters_json(ac->o),
		                "models", ml, "coaches", cl);
	json_decref(ml);
	json_decref(cl);
	free(shown);
	return out;
}

enum sc_result report_acceptance(struct domain *d, const struct report_opts *o, json_t **out,
                                 struct sc_error *err)
{
	struct acceptance ac = { .o = o };
	bool models, every;
	char kbuf[16];
	enum sc_result rc;

	*out = NULL;
	if ((rc = acceptance_reader(d, &models, &every, err)) ||
	    (rc = report_range_open(d, o, &ac.rg, err)) ||
	    (rc = settings_get(d->store, d->org, "k_survey", kbuf, sizeof(kbuf), err))) {
		report_range_close(&ac.rg);
		return rc;
	}
	/* As the programme report: the larger of k (the smallest group an executive may see)
	 * and k_survey (the fewest answers anyone may see a result of). */
	ac.k_survey = strtol(kbuf, NULL, 10);
	ac.min_answers = ac.k_survey > ac.rg.k ? ac.k_survey : ac.rg.k;
	/* The round of this month is open: it and any later month are not shown yet. */
	ac.open = report_month_number(d->today) - report_month_number(ac.rg.from);
	ac.filtered = o->team || o->programme;
	if ((rc = acceptance_load(d, &ac, err)) == SC_OK) {
		suppress(&ac);
		if (!(*out = acceptance_json(d, &ac, models, every)))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	for (size_t i = 0; i < ac.nco; i++) {
		free(ac.co[i].name);
		free(ac.co[i].c);
	}
	free(ac.co);
	for (int i = 0; i < NMODELS; i++)
		free(ac.m[i]);
	report_range_close(&ac.rg);
	return rc;
}
