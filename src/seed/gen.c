/*
 * gen.c - the synthetic organisation (see gen.h): its calendar, people,
 * teams, programmes, coaches and their relationships; gen_history.c then
 * writes the history of every team week by week.
 *
 * Healthy by default, each pitfall by design: a coach or relationship is
 * picked for a pitfall with a small chance (the CHANCE_* of gen_int.h, in
 * per mille), and everything else is kept clear of the thresholds of
 * src/domain/settings.c: coaches with the capacity, hours, training, assessment,
 * incentive and supervision their coachees need, weekly sessions of which
 * any three hold three hours, floor days three times a week, a ride-along
 * per coachee every two or four weeks, surveys answered 3 to 5, and the
 * sessions of a manager-coach kept three days away from the appraisals the
 * same manager records.
 */
#include "seed/gen_int.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"

#define TEAMS_REGION 10 /* sales teams per region */

const char *const gen_model_names[NMODELS] = { "manager", "senior", "internal", "external" };

/* Share of the teams per model, in per mille (40, 25, 20 and 15 %). */
static const unsigned model_share[NMODELS] = { 400, 250, 200, 150 };

/* ---- words --------------------------------------------------------------------------------- */

static const char *const first_names[] = {
	"Anna",  "Ben",    "Chloe",  "Daniel", "Emma",   "Farid",  "Grace", "Hugo",
	"Iris",  "Jonas",  "Kim",    "Lars",   "Maria",  "Nina",   "Omar",  "Priya",
	"Quinn", "Rosa",   "Sam",    "Tara",   "Umar",   "Vera",   "Wes",   "Yara",
	"Zoe",   "Aaron",  "Bianca", "Carlos", "Dina",   "Elias",  "Fleur", "Gideon",
	"Hana",  "Ivan",   "Julia",  "Koen",   "Lena",   "Milan",  "Noor",  "Oscar",
	"Paula", "Rafael", "Sofia",  "Tom",    "Ursula", "Victor", "Wendy", "Yusuf",
};
static const char *const last_names[] = {
	"Adams",  "Bakker",  "Carter", "Dekker",  "Evans",   "Fischer",  "Garcia", "Hendriks",
	"Ivanov", "Jansen",  "Kovacs", "Lambert", "Meijer",  "Novak",    "Okafor", "Peters",
	"Quint",  "Rossi",   "Smit",   "Tanaka",  "Ulrich",  "Visser",   "Wagner", "Young",
	"Zeller", "Brouwer", "Chen",   "Dubois",  "Eriksen", "Fontaine", "Graaf",  "Haddad",
	"Jacobs", "Kaya",    "Lopez",  "Martens", "Nielsen", "Olsen",    "Patel",  "Reyes",
};
static const char *const track_records[] = {
	"%d years in field sales of office equipment; above target in most of them.",
	"%d years of B2B sales, the last ones as key account manager for public tenders.",
	"%d years selling managed print and document services; twice in the Presidents Club.",
	"%d years in sales, built a region from a handful of accounts to a full team.",
	"%d years of account management in logistics and healthcare.",
};
/* The stream of number ix (0: the organisation; then teams; then regions). */
void gen_stream(struct gen *g, uint64_t ix)
{
	g->rng = g->p->seed ^ (ix * 0xd1b54a32d192ed03ULL);
	g->rng = rnd(g);
}

/* ---- calendar ------------------------------------------------------------------------------ */

void gen_day_text(const struct gen *g, int day, char out[TU_DATE_LEN])
{
	if (g->dates && day >= g->day_lo && day <= g->day_hi)
		memcpy(out, g->dates[day - g->day_lo], TU_DATE_LEN);
	else
		tu_days_to_date(g->t + day, out);
}

int gen_month_start(const struct gen *g, int delta)
{
	int mm = g->y * 12 + g->m - 1 + delta;
	char s[TU_DATE_LEN];

	snprintf(s, sizeof(s), "%04u-%02u-01", (unsigned)(mm / 12) % 10000u,
	         (unsigned)(mm % 12 + 1) % 100u);
	return (int)(tu_date_to_days(s) - g->t);
}

/* The stored UTC instant of minute (local time) on day, formatted by hand: sessions are many. */
static void instant(const struct gen *g, int day, int minute, char out[TU_INSTANT_LEN])
{
	int off = day >= g->day_lo && day <= g->day_hi ? g->utc_off[day - g->day_lo] : 0;
	int secs = minute * 60 - off, utc_day = day;

	for (; secs < 0; secs += 86400)
		utc_day--;
	for (; secs >= 86400; secs -= 86400)
		utc_day++;
	gen_day_text(g, utc_day, out);
	int hh = secs / 3600, mm = secs / 60 % 60, ss = secs % 60;
	char *p = out + 10;
	*p++ = 'T';
	*p++ = (char)('0' + hh / 10);
	*p++ = (char)('0' + hh % 10);
	*p++ = ':';
	*p++ = (char)('0' + mm / 10);
	*p++ = (char)('0' + mm % 10);
	*p++ = ':';
	*p++ = (char)('0' + ss / 10);
	*p++ = (char)('0' + ss % 10);
	*p++ = 'Z';
	*p = '\0';
}

static enum sc_result set_calendar(struct gen *g)
{
	char today[TU_DATE_LEN];

	tu_today(g->tz, today);
	snprintf(g->out->today, sizeof(g->out->today), "%s", today);
	g->t = tu_date_to_days(today);
	g->y = atoi(today);
	g->m = atoi(today + 5);
	g->hs = gen_month_start(g, -(int)g->p->months);
	g->prog_end = gen_month_start(g, 13) - 1;
	g->nmonths = (int)g->p->months + 1;
	g->day_lo = g->hs - 7;
	g->day_hi = PLANNED_UNTIL + 14;
	gen_day_text(g, g->hs, g->out->first_day);

	size_t ndays = (size_t)(g->day_hi - g->day_lo + 1);
	g->month_first = calloc((size_t)g->nmonths + 1, sizeof(int));
	g->event_day = calloc((size_t)g->nmonths, sizeof(int));
	g->utc_off = calloc(ndays, sizeof(int));
	g->month_of = calloc(ndays, sizeof(int));
	g->dates = calloc(ndays, sizeof(*g->dates));
	if (!g->month_first || !g->event_day || !g->utc_off || !g->month_of || !g->dates)
		return sc_fail(g->err, SC_NOMEM, NULL, "out of memory");
	for (int k = 0; k <= g->nmonths; k++)
		g->month_first[k] = gen_month_start(g, k - (int)g->p->months);
	for (int k = 0; k < g->nmonths; k++) {
		int day = g->month_first[k] + 14;
		while (weekday(g, day) != 2)
			day++;
		g->event_day[k] = day == 0 ? 1 : day; /* nothing is held today */
	}
	/* The zone's offset at noon holds for the whole working day, also on a DST Sunday. */
	for (int day = g->day_lo, k = -1; day <= g->day_hi; day++) {
		char local[TU_DATE_LEN + 8], utc[TU_INSTANT_LEN];
		tu_days_to_date(g->t + day, g->dates[day - g->day_lo]);
		snprintf(local, sizeof(local), "%sT12:00", g->dates[day - g->day_lo]);
		if (!tu_parse_instant(local, g->tz, utc))
			return sc_fail(g->err, SC_INTERNAL, NULL, "time zone %s: cannot place %s",
			               g->tz, local);
		long secs =
		        tu_date_to_days(utc) * 86400 + atoi(utc + 11) * 3600 + atoi(utc + 14) * 60;
		g->utc_off[day - g->day_lo] = (int)((g->t + day) * 86400 + 12 * 3600 - secs);
		while (k + 1 <= g->nmonths && day >= g->month_first[k + 1])
			k++;
		g->month_of[day - g->day_lo] = k < g->nmonths ? k : -1;
	}
	return SC_OK;
}

/* ---- records ------------------------------------------------------------------------------- */

struct record *gen_fresh(struct gen *g, enum entity_kind k)
{
	struct record *r = g->rec[k];

	if (!r && !(r = g->rec[k] = record_new(entity_get(k)))) {
		g->nomem = true;
		return NULL;
	}
	r->id = 0;
	for (size_t i = 0; i < r->def->nfields; i++) {
		const struct field_def *f = &r->def->fields[i];
		if (!f->dflt || !strcmp(f->dflt, "@today"))
			record_set_null(r, (int)i);
		else if (f->type == FT_BOOL)
			record_set_int(r, (int)i, !strcmp(f->dflt, "true"));
		else if (f->type == FT_INT)
			record_set_int(r, (int)i, strtoll(f->dflt, NULL, 10));
		else if (f->type == FT_REAL)
			record_set_real(r, (int)i, strtod(f->dflt, NULL));
		else if (record_set_text(r, (int)i, f->dflt) != SC_OK)
			g->nomem = true;
	}
	return r;
}

/* Index of field name of r; the name's address identifies it after the first look-up. */
static int field(struct gen *g, const struct record *r, const char *name)
{
	enum entity_kind k = r->def->kind;
	int ix;

	for (size_t i = 0; i < g->nfields[k]; i++)
		if (g->fields[k][i].name == name)
			return g->fields[k][i].ix;
	ix = entity_field(r->def, name);
	assert(ix >= 0 && "unknown field");
	if (g->nfields[k] < ARRAY_SIZE(g->fields[k])) {
		g->fields[k][g->nfields[k]].name = name;
		g->fields[k][g->nfields[k]++].ix = ix;
	}
	return ix;
}

void gen_set_s(struct gen *g, struct record *r, const char *name, const char *s)
{
	if (r && s && record_set_text(r, field(g, r, name), s) != SC_OK)
		g->nomem = true;
}

void gen_set_i(struct gen *g, struct record *r, const char *name, int64_t v)
{
	if (r)
		record_set_int(r, field(g, r, name), v);
}

void gen_set_r(struct gen *g, struct record *r, const char *name, double v)
{
	if (r)
		record_set_real(r, field(g, r, name), v);
}

void gen_set_day(struct gen *g, struct record *r, const char *name, int day)
{
	char d[TU_DATE_LEN];

	gen_day_text(g, day, d);
	gen_set_s(g, r, name, d);
}

void gen_set_at(struct gen *g, struct record *r, const char *name, int day, int minute)
{
	char at[TU_INSTANT_LEN];

	instant(g, day, minute, at);
	gen_set_s(g, r, name, at);
}

enum sc_result gen_put(struct gen *g, struct record *r, int64_t *id)
{
	enum sc_result rc;

	if (!r || g->nomem)
		return sc_fail(g->err, SC_NOMEM, NULL, "out of memory");
	if ((rc = store_insert(g->st, g->org, r, g->err)))
		return rc;
	g->out->count[r->def->kind]++;
	if (id)
		*id = r->id;
	return SC_OK;
}

/* ---- people, the organisation, regions ----------------------------------------------------- */

enum sc_result gen_add_person(struct gen *g, const char *title, int64_t superior, int years,
                              bool track, bool active, const char *domain, int64_t *id)
{
	const char *first = PICK(g, first_names), *last = PICK(g, last_names);
	char name[128], email[200], text[300];
	struct record *r = gen_fresh(g, E_PERSON);
	int n;

	snprintf(name, sizeof(name), "%s %s", first, last);
	n = snprintf(email, sizeof(email), "%s.%s.%lu@%s", first, last, ++g->npeople, domain);
	for (int i = 0; i < n && i < (int)sizeof(email); i++)
		email[i] = (char)tolower((unsigned char)email[i]);
	gen_set_s(g, r, "name", name);
	gen_set_s(g, r, "email", email);
	gen_set_s(g, r, "title", title);
	gen_set_i(g, r, "active", active);
	if (superior)
		gen_set_i(g, r, "superior", superior);
	gen_set_i(g, r, "years_experience", years);
	if (track) {
		snprintf(text, sizeof(text), PICK(g, track_records), years);
		gen_set_s(g, r, "track_record", text);
	}
	return gen_put(g, r, id);
}

/* The e-mail domain of the organisation's own people. */
void gen_own_domain(const struct gen *g, char *out, size_t n)
{
	snprintf(out, n, "%s.example", g->out->slug);
}

enum sc_result gen_add_team_record(struct gen *g, const char *name, int64_t manager, int64_t parent,
                                   int64_t *id)
{
	struct record *r = gen_fresh(g, E_TEAM);

	gen_set_s(g, r, "name", name);
	gen_set_i(g, r, "manager", manager);
	if (parent)
		gen_set_i(g, r, "parent", parent);
	return gen_put(g, r, id);
}

/*
 * The organisation with its settings and skills, as org_create makes one,
 * but inside the generator's transaction; and the director at the top.
 */
static enum sc_result add_org(struct gen *g)
{
	char name[128], described[200], dom[100];
	enum sc_result rc;

	snprintf(name, sizeof(name), "Generated organisation %" PRIu64, g->p->seed);
	gen_describe(g->p, g->out->today, described, sizeof(described));
	if ((rc = store_org_insert(g->st, name, g->out->slug, &g->org, g->err)) ||
	    (rc = store_setting_put(g->st, g->org, "locale", "en", g->err)) ||
	    (rc = store_setting_put(g->st, g->org, GEN_SETTING, described, g->err)))
		return rc;
	g->out->org = g->org;
	for (size_t i = 0; i < ORG_DEFAULT_SKILLS; i++) {
		struct record *r = gen_fresh(g, E_SKILL);
		gen_set_s(g, r, "code", org_default_skills[i]);
		gen_set_s(g, r, "name", org_skill_text(i, "name", MSG_EN));
		gen_set_s(g, r, "description", org_skill_text(i, "description", MSG_EN));
		if ((rc = gen_put(g, r, NULL)))
			return rc;
	}
	gen_own_domain(g, dom, sizeof(dom));
	if ((rc = gen_add_person(g, "Sales director", 0, rnd_in(g, 18, 30), true, true, dom,
	                         &g->director)))
		return rc;
	return gen_add_team_record(g, "Sales organisation", g->director, 0, &g->top_team);
}

/* A region: its manager, its team over the sales teams, and a sales support assistant. */
static enum sc_result add_region(struct gen *g, unsigned region)
{
	char name[64], dom[100];
	enum sc_result rc;

	gen_own_domain(g, dom, sizeof(dom));
	snprintf(name, sizeof(name), "Region %u", region + 1);
	if ((rc = gen_add_person(g, "Regional sales manager", g->director, rnd_in(g, 12, 25), true,
	                         true, dom, &g->regional)) ||
	    (rc = gen_add_team_record(g, name, g->regional, g->top_team, &g->region_team)))
		return rc;
	return gen_add_person(g, "Sales support", g->regional, rnd_in(g, 0, 6), false, true, dom,
	                      &g->support);
}

/*
 * Team sizes of 8 to 12 (mostly 9 or 10) that add up to the reps, and the
 * model of each team in the shares of model_share, shuffled.
 */
static enum sc_result plan_teams(struct gen *g)
{
	static const unsigned dist[][2] = {
		{ 8, 200 }, { 9, 350 }, { 10, 400 }, { 11, 30 }, { 12, 20 }
	};
	unsigned reps = g->p->reps, sum = 0, n = 0;
	unsigned *sizes = calloc(reps / 8 + 2, sizeof(*sizes));

	if (!(g->sizes = sizes))
		return sc_fail(g->err, SC_NOMEM, NULL, "out of memory");
	if (reps <= TEAM_MAX) {
		sizes[n++] = reps;
		sum = reps;
	}
	while (sum < reps) {
		unsigned r = (unsigned)(rnd(g) % 1000), size = 10;
		for (size_t k = 0, acc = 0; k < ARRAY_SIZE(dist); k++) {
			acc += dist[k][1];
			if (r < acc) {
				size = dist[k][0];
				break;
			}
		}
		sizes[n++] = size;
		sum += size;
	}
	/* Take the excess from the last teams; below 8 only when nothing else fits. */
	for (unsigned floor = 8; sum > reps; floor = floor > 1 ? floor - 1 : 1) {
		bool took = false;
		for (unsigned i = n; i-- > 0 && sum > reps;)
			if (sizes[i] > floor) {
				sizes[i]--;
				sum--;
				took = true;
			}
		if (!took && floor == 1)
			break;
	}
	while (n > 1 && sizes[n - 1] == 0)
		n--;
	g->nteams = g->out->teams = n;

	/* Largest remainder, and every model once there are four teams. */
	unsigned count[NMODELS], total = 0;
	bool bumped[NMODELS] = { false };
	if (!(g->models = calloc(n, sizeof(*g->models))) ||
	    !(g->teams = calloc(n, sizeof(*g->teams))))
		return sc_fail(g->err, SC_NOMEM, NULL, "out of memory");
	for (int k = 0; k < NMODELS; k++)
		total += count[k] = n * model_share[k] / 1000;
	while (total < n) {
		int best = -1;
		for (int k = 0; k < NMODELS; k++)
			if (!bumped[k] &&
			    (best < 0 || n * model_share[k] % 1000 > n * model_share[best] % 1000))
				best = k;
		count[best]++;
		bumped[best] = true;
		total++;
	}
	for (int k = 0; k < NMODELS && n >= NMODELS; k++)
		if (count[k] == 0) {
			int most = 0;
			for (int j = 1; j < NMODELS; j++)
				if (count[j] > count[most])
					most = j;
			count[most]--;
			count[k]++;
		}
	for (unsigned i = 0, k = 0; i < n; i++) {
		while (count[k] == 0)
			k++;
		g->models[i] = (enum model)k;
		count[k]--;
	}
	for (unsigned i = n; i > 1; i--) {
		unsigned j = (unsigned)(rnd(g) % i);
		enum model tmp = g->models[i - 1];
		g->models[i - 1] = g->models[j];
		g->models[j] = tmp;
	}
	return SC_OK;
}

/* ---- the whole run ------------------------------------------------------------------------- */

static double seconds_since(const struct timespec *from)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - from->tv_sec) + (double)(now.tv_nsec - from->tv_nsec) / 1e9;
}

void gen_progress(struct gen *g, const char *what, unsigned done, unsigned of)
{
	if (!g->p->progress || (done < of && seconds_since(&g->shown) < 0.25))
		return;
	clock_gettime(CLOCK_MONOTONIC, &g->shown);
	fprintf(g->p->progress, "\rgenerating %s: %u of %u, %.0f s   %s", what, done, of,
	        seconds_since(&g->started), done == of ? "\n" : "");
	fflush(g->p->progress);
}

enum sc_result gen_check(const struct gen_params *p, struct sc_error *err)
{
	if (p->reps < 1 || p->reps > GEN_MAX_REPS)
		return sc_fail(err, SC_INVALID, "reps",
		               "--reps: give a number of reps from 1 to %d", GEN_MAX_REPS);
	if (p->months < 1 || p->months > GEN_MAX_MONTHS)
		return sc_fail(err, SC_INVALID, "months",
		               "--months: give a number of months of history from 1 to %d",
		               GEN_MAX_MONTHS);
	if (p->slug && !org_valid_slug(p->slug))
		return sc_fail(err, SC_INVALID, "org",
		               "--org: '%s' is not usable as a slug; use 1 to 60 lower-case "
		               "letters, digits and '-'",
		               p->slug);
	return SC_OK;
}

bool gen_parse_number(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

void gen_describe(const struct gen_params *p, const char *today, char *out, size_t n)
{
	snprintf(out, n, "reps=%u months=%u seed=%" PRIu64 " day=%s", p->reps, p->months, p->seed,
	         today);
}

/* Refuse a slug that is taken, before anything is written. */
static enum sc_result check_free(struct gen *g)
{
	struct org *orgs = NULL;
	size_t n = 0;
	enum sc_result rc = store_org_list(g->st, &orgs, &n, g->err);

	for (size_t i = 0; rc == SC_OK && i < n; i++)
		if (!strcmp(orgs[i].slug, g->out->slug))
			rc = sc_fail(g->err, SC_CONFLICT, "org",
			             "an organisation '%s' exists already in this database; choose "
			             "another slug with --org SLUG, or use a new --db",
			             g->out->slug);
	free(orgs);
	return rc;
}

static enum sc_result generate(struct gen *g)
{
	enum sc_result rc;

	gen_stream(g, 0);
	if ((rc = set_calendar(g)) || (rc = plan_teams(g)) || (rc = store_begin(g->st, g->err)))
		return rc;
	if ((rc = add_org(g)))
		goto fail;
	for (unsigned i = 0; i < g->nteams; i++) {
		if (i % TEAMS_REGION == 0) {
			gen_stream(g, (uint64_t)g->nteams + 1 + i / TEAMS_REGION);
			if ((rc = add_region(g, i / TEAMS_REGION)))
				goto fail;
		}
		if ((rc = gen_add_team(g, i)))
			goto fail;
		gen_progress(g, "teams", i + 1, g->nteams);
	}
	if ((rc = gen_history(g)) || (rc = store_commit(g->st, g->err)))
		goto fail;
	return SC_OK;
fail:
	store_rollback(g->st);
	return rc;
}

enum sc_result gen_run(struct store *st, const struct gen_params *p, struct gen_report *out,
                       struct sc_error *err)
{
	struct gen *g = calloc(1, sizeof(*g));
	const struct setting_def *zone = settings_find("timezone");
	enum sc_result rc;

	memset(out, 0, sizeof(*out));
	if (!g)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	g->st = st;
	g->err = err;
	g->p = p;
	g->out = out;
	clock_gettime(CLOCK_MONOTONIC, &g->started);
	g->shown = g->started;
	/* The organisation keeps the default zone: its local days are the history's days. */
	snprintf(g->tz, sizeof(g->tz), "%s", zone ? zone->dflt : "UTC");
	if (p->slug)
		snprintf(out->slug, sizeof(out->slug), "%s", p->slug);
	else
		snprintf(out->slug, sizeof(out->slug), "gen-%" PRIu64, p->seed);
	if (!(rc = gen_check(p, err)) && !(rc = check_free(g)))
		rc = generate(g);
	out->seconds = seconds_since(&g->started);

	for (int k = 0; k < E_COUNT; k++)
		record_free(&g->rec[k]);
	for (unsigned i = 0; g->teams && i < g->nteams; i++)
		for (int k = 0; k < g->teams[i].ncoaches; k++)
			free(g->teams[i].coaches[k].held);
	free(g->teams);
	free(g->month_first);
	free(g->event_day);
	free(g->utc_off);
	free(g->month_of);
	free(g->dates);
	free(g->sizes);
	free(g->models);
	free(g);
	return rc;
}
