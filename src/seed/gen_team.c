/*
 * gen_team.c - one team of the synthetic organisation: its reps, coaches
 * (by the team's model), the managers' and seniors' records, appraisals, and
 * the coaching relationships with their plans. gen.c calls gen_add_team for
 * every team; gen_history.c then writes the team's history.
 */
#include "seed/gen_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"

static const char *const companies[][2] = {
	{ "Compass Sales Coaching", "compass-coaching" },
	{ "Sharp Selling Advisors", "sharpselling" },
	{ "Northstar Performance", "northstar-performance" },
	{ "Field Forward Coaching", "fieldforward" },
	{ "Keystone Sales Partners", "keystone-partners" },
	{ "Clearpath Coaching", "clearpath" },
};
static const struct {
	const char *name;
	double hours;
	bool delegable;
} tasks[] = {
	{ "Weekly forecast and pipeline report", 3, true },
	{ "Checking and approving quotes", 2, true },
	{ "CRM clean-up and data quality", 1.5, true },
	{ "Weekly team meeting", 1.5, false },
	{ "Visits to the largest customers", 4, false },
	{ "Recruitment and selection", 1.5, false },
	{ "Escalations of key accounts", 2.5, false },
	{ "Planning trade fairs and events", 1, true },
};
static const char *const courses[][2] = {
	{ "Coaching for sales managers", "Sales Academy" },
	{ "Situational leadership", "Sales Academy" },
	{ "Coaching for senior sales professionals", "Sales Academy" },
	{ "Professional coaching (ICF ACC track)", "Coaching Institute" },
	{ "Co-active coaching", "CTI" },
	{ "Sales coaching: the basics", "Compass Academy" },
};
static const char *const review_notes[] = {
	"Cadence discussed: a fixed weekly moment per rep, kept up well. Coachees' feedback is "
	"high on average; point of attention: ask more, solve less.",
	"Coaching practice on track; delegating the forecast freed time. Next time: how "
	"ride-alongs are prepared.",
	"Sessions are moved often because of escalations; the coachees' feedback drops slightly. "
	"Agreed to look into delegating.",
};
static const char *const goals[] = {
	"Turn more first meetings into a follow-up by a sharper needs analysis.",
	"Give away less discount: negotiate on value instead of price.",
	"Approach five new prospects every week and keep that rhythm.",
	"Close with more confidence: ask for a decision in every proposal meeting.",
	"Grow the large accounts with a plan per account.",
};

/* ---- a team: its reps ---------------------------------------------------------------------- */

/* Senior coaches of a senior-model team of n reps: about one in four. */
static int seniors_of(int n)
{
	return n >= 2 ? (n + 2) / 4 : 0;
}

/* Who stays, who leaves, who goes on leave and who joins during the history. */
static void plan_reps(struct gen *g, struct team *tm)
{
	int seniors = tm->model == M_SENIOR ? seniors_of(tm->n) : 0;

	for (int j = 0; j < tm->n; j++) {
		struct rep *r = &tm->reps[j];
		unsigned roll;

		memset(r, 0, sizeof(*r));
		r->join = -NONE;
		r->leave = r->pause = NONE;
		r->mixed = -1;
		r->senior = j < seniors;
		r->quota = (r->senior ? rnd_in(g, 140, 190) : rnd_in(g, 80, 140)) * 500;
		r->base = rnd_in(g, 82, 104);
		r->deal = rnd_in(g, 8, 24) * 500;
		if (r->senior)
			continue;
		roll = (unsigned)(rnd(g) % 1000);
		if (roll < 30 && g->hs + 60 <= -15)
			r->leave = workday(g, rnd_in(g, g->hs + 60, -15));
		else if (roll < 50 && g->hs + 45 <= -10)
			r->pause =
			        workday(g, rnd_in(g, g->hs + 45 > -120 ? g->hs + 45 : -120, -10));
		else if (roll < 90 && g->hs + 14 <= -21)
			r->join = rnd_in(g, g->hs + 14 > -365 ? g->hs + 14 : -365, -21);
		if (r->leave >= 0 || r->pause >= 0)
			r->leave = r->pause = NONE; /* a weekend moved it to today or later */
		if (r->join != -NONE)
			r->quota = rnd_in(g, 70, 90) * 500;
	}
}

static const char *rep_title(const struct rep *r, int years)
{
	if (r->senior || years >= 10)
		return "Senior account manager";
	return years <= 2 ? "Junior account manager" : "Account manager";
}

static enum sc_result add_reps(struct gen *g, struct team *tm)
{
	char dom[100];
	enum sc_result rc;

	gen_own_domain(g, dom, sizeof(dom));
	for (int j = 0; j < tm->n; j++) {
		struct rep *r = &tm->reps[j];
		int years = r->senior          ? rnd_in(g, 8, 20)
		            : r->join != -NONE ? rnd_in(g, 0, 2)
		                               : rnd_in(g, 1, 15);
		if ((rc = gen_add_person(g, rep_title(r, years), tm->manager, years,
		                         r->senior || (years >= 8 && chance(g, 500)),
		                         r->leave == NONE, dom, &r->person)))
			return rc;
	}
	return SC_OK;
}

/* ---- a team: its coaches ------------------------------------------------------------------- */

static struct coach *new_coach(struct team *tm, enum model kind, int64_t person, int start, int rep)
{
	struct coach *c = &tm->coaches[tm->ncoaches++];

	memset(c, 0, sizeof(*c));
	c->person = person;
	c->kind = kind;
	c->start = start;
	c->rep = rep;
	c->ride_every = 4;
	return c;
}

static enum sc_result add_coach_person(struct gen *g, struct team *tm, enum model kind, int start,
                                       struct coach **out)
{
	bool background = kind == M_EXTERNAL || !chance(g, CHANCE_NO_BACKGROUND);
	char dom[100];
	int64_t person;
	enum sc_result rc;

	if (kind == M_EXTERNAL)
		snprintf(dom, sizeof(dom), "%s.example",
		         companies[rnd(g) % ARRAY_SIZE(companies)][1]);
	else
		gen_own_domain(g, dom, sizeof(dom));
	if ((rc = gen_add_person(g,
	                         kind == M_EXTERNAL ? "Sales coach"
	                         : background       ? "Internal sales coach"
	                                            : "Learning and development coach",
	                         kind == M_EXTERNAL ? 0 : tm->regional,
	                         background ? rnd_in(g, 6, 25) : 0, background, true, dom,
	                         &person)))
		return rc;
	*out = new_coach(tm, kind, person, start, -1);
	if (!background)
		(*out)->flags |= CF_NO_BACKGROUND;
	return SC_OK;
}

/* A second external coach, started lately, takes over a few reps. */
static enum sc_result second_external(struct gen *g, struct team *tm)
{
	struct coach *c;
	enum sc_result rc;

	if (tm->model == M_EXTERNAL && chance(g, CHANCE_ONBOARDING)) {
		int lo = g->hs + 30 > -85 ? g->hs + 30 : -85, hi = -20;
		int plain[TEAM_MAX], nplain = 0;
		for (int j = tm->n - 1; j >= 0; j--)
			if (tm->reps[j].nspans == 1 && tm->reps[j].join == -NONE &&
			    tm->reps[j].leave == NONE && tm->reps[j].pause == NONE)
				plain[nplain++] = j;
		if (lo <= hi && nplain >= 5) {
			int since = workday(g, rnd_in(g, lo, hi)), take = rnd_in(g, 3, 4);
			if ((rc = add_coach_person(g, tm, M_EXTERNAL, since, &c)))
				return rc;
			if (chance(g, CHANCE_ONBOARD_GAP)) {
				static const unsigned gaps[] = { CF_NO_INTRO_MEETING,
					                         CF_NO_INTRO_SESSION,
					                         CF_MISSED_SURVEY };
				/* A missing day-30 survey shows once it is a week overdue. */
				c->flags |= gaps[rnd(g) % (since + 37 <= -1 ? 3 : 2)];
			}
			for (int k = 0; k < take; k++) {
				struct rep *r = &tm->reps[plain[k]];
				r->spans[0].to = since - 1;
				r->spans[1] = (struct span){ tm->ncoaches - 1, since, NONE };
				r->nspans = 2;
			}
		}
	}
	return SC_OK;
}

/* A coach's capacity and rides, and the pitfalls designed for it by the chances of its kind. */
static enum sc_result design_coach(struct gen *g, struct coach *c)
{
	c->capacity = c->planned + rnd_in(g, 0, 2);
	if (c->planned >= 3 && chance(g, CHANCE_OVERLOADED)) {
		c->flags |= CF_OVERLOADED;
		c->capacity = c->planned - rnd_in(g, 1, 2);
	}
	if (c->capacity < 1)
		c->capacity = 1;
	if (chance(g, CHANCE_UNTRAINED))
		c->flags |= CF_UNTRAINED;
	c->ride_every = c->planned >= 6 ? 4 : 2;
	if (c->kind == M_MANAGER) {
		if (chance(g, CHANCE_NO_TIME))
			c->flags |= CF_NO_TIME;
		if (chance(g, CHANCE_NO_SUPERVISOR))
			c->flags |= CF_NO_SUPERVISION;
	} else if (c->kind == M_SENIOR) {
		if (chance(g, CHANCE_NOT_ASSESSED))
			c->flags |= CF_NOT_ASSESSED;
		if (chance(g, CHANCE_NO_INCENTIVE))
			c->flags |= CF_NO_INCENTIVE;
		else if (chance(g, CHANCE_NOT_REDUCED))
			c->flags |= CF_NOT_REDUCED;
		if (!(c->held = calloc((size_t)g->nmonths, sizeof(*c->held))))
			return sc_fail(g->err, SC_NOMEM, NULL, "out of memory");
	} else {
		if (chance(g, CHANCE_LOW_ACCEPT))
			c->flags |= CF_LOW_ACCEPT;
		if (chance(g, CHANCE_SPY))
			c->flags |= CF_SPY;
		if (chance(g, CHANCE_OFF_FLOOR))
			c->flags |= CF_OFF_FLOOR;
		if (chance(g, CHANCE_SKIPS_ACTS))
			c->flags |= CF_SKIPS_ACTS;
		if (chance(g, CHANCE_NO_RIDES))
			c->flags |= CF_NO_RIDES;
		/* Three floor days a week: every weekday but two. */
		int skip1 = rnd_in(g, 0, 4), skip2 = (skip1 + rnd_in(g, 1, 4)) % 5;
		c->floor_days = 0x1fu & ~(1u << skip1) & ~(1u << skip2);
		for (c->only_day = 0; !(c->floor_days >> c->only_day & 1u); c->only_day++)
			;
	}
	return SC_OK;
}

/*
 * Who coaches whom: the coaches of the team's model and each rep's
 * relationships; then each coach's load, capacity and designed pitfalls.
 */
static enum sc_result plan_coaching(struct gen *g, struct team *tm)
{
	int seniors = tm->model == M_SENIOR ? seniors_of(tm->n) : 0;
	int start = workday(g, g->hs);
	struct coach *c;
	enum sc_result rc;

	tm->ncoaches = 0;
	if (tm->model == M_MANAGER) {
		new_coach(tm, M_MANAGER, tm->manager, start, -1);
	} else if (tm->model == M_SENIOR) {
		/* Seniors start a month into the history, so their quota before it is known. */
		start = workday(g, g->p->months >= 2 ? g->month_first[1] : g->hs);
		for (int j = 0; j < seniors; j++)
			new_coach(tm, M_SENIOR, tm->reps[j].person, start, j);
	} else if ((rc = add_coach_person(g, tm, tm->model, start, &c))) {
		return rc;
	}

	/* Each rep's relationship from the start (the senior coaches are not coached). */
	for (int j = seniors; j < tm->n && tm->ncoaches > 0; j++) {
		struct rep *r = &tm->reps[j];
		int coach = tm->model == M_SENIOR ? (j - seniors) % seniors : 0;
		int from = tm->coaches[coach].start;
		if (r->join != -NONE && r->join > from)
			from = workday(g, r->join + rnd_in(g, 0, 7));
		r->spans[0] = (struct span){ coach, from, r->leave != NONE ? r->leave : r->pause };
		r->nspans = r->spans[0].to == NONE || r->spans[0].to >= from;
	}

	if ((rc = second_external(g, tm)))
		return rc;

	for (int j = 0; j < tm->n; j++)
		for (int s = 0; s < tm->reps[j].nspans; s++)
			if (tm->reps[j].spans[s].to == NONE)
				tm->coaches[tm->reps[j].spans[s].coach].planned++;
	for (int k = 0; k < tm->ncoaches; k++)
		if ((rc = design_coach(g, &tm->coaches[k])))
			return rc;
	return SC_OK;
}

static double ceil_half(double v)
{
	return ceil(v * 2) / 2;
}

static double floor_half(double v)
{
	return floor(v * 2) / 2;
}

/* The hours per week a coach has for coaching: enough for its coachees unless designed short. */
static double coach_hours(struct gen *g, const struct team *tm, const struct coach *c)
{
	double per_week = c->planned * tm->target * 12 / 52;

	switch (c->kind) {
	case M_MANAGER:
		if (c->flags & CF_NO_TIME) {
			double h = floor_half(per_week) - 0.5 * rnd_in(g, 1, 3);
			return h >= 0.5 ? h : 0.5;
		}
		/* A margin, so that needed <= available also in floating point. */
		return ceil_half(per_week + 0.01) + 0.5 * rnd_in(g, 0, 2);
	case M_SENIOR:
		return rnd_in(g, 4, 8) * 0.5;
	case M_INTERNAL:
		return rnd_in(g, 24, 36);
	default:
		return rnd_in(g, 6, 16);
	}
}

/* The coach profiles and their training: completed before coaching began, or only enrolled. */
static enum sc_result add_coaches(struct gen *g, struct team *tm)
{
	static const char *const certifications[] = { "ICF ACC", "ICF PCC", "EMCC Practitioner",
		                                      NULL };
	enum sc_result rc;

	for (int k = 0; k < tm->ncoaches; k++) {
		struct coach *c = &tm->coaches[k];
		struct record *r = gen_fresh(g, E_COACH);
		gen_set_i(g, r, "person", c->person);
		gen_set_s(g, r, "kind", gen_model_names[c->kind]);
		if (c->kind == M_EXTERNAL)
			gen_set_s(g, r, "company", companies[rnd(g) % ARRAY_SIZE(companies)][0]);
		gen_set_i(g, r, "capacity", c->capacity);
		gen_set_r(g, r, "hours_per_week", coach_hours(g, tm, c));
		if (c->kind >= M_INTERNAL)
			gen_set_s(g, r, "certification", PICK(g, certifications));
		if ((rc = gen_put(g, r, &c->id)))
			return rc;

		int ncourses = c->flags & CF_UNTRAINED ? 1 : rnd_in(g, 1, 2);
		for (int i = 0; i < ncourses; i++) {
			size_t course = c->kind == M_MANAGER  ? (size_t)i
			                : c->kind == M_SENIOR ? 2
			                                      : 3 + rnd(g) % 3;
			r = gen_fresh(g, E_TRAINING);
			gen_set_i(g, r, "coach", c->id);
			gen_set_s(g, r, "course", courses[course][0]);
			gen_set_s(g, r, "provider", courses[course][1]);
			if (!(c->flags & CF_UNTRAINED)) {
				int done = c->start - rnd_in(g, 14, 700);
				gen_set_day(g, r, "completed_on", done <= -1 ? done : -1);
			}
			if ((rc = gen_put(g, r, NULL)))
				return rc;
		}
	}
	return SC_OK;
}

/* Recurring tasks of the team's manager, and the coach-the-coach reviews of a manager-coach. */
static enum sc_result add_management(struct gen *g, struct team *tm)
{
	int ntasks = rnd_in(g, 3, 5), first = (int)(rnd(g) % ARRAY_SIZE(tasks));
	enum sc_result rc;

	for (int i = 0; i < ntasks; i++) {
		size_t k = (size_t)(first + 3 * i) % ARRAY_SIZE(tasks);
		struct record *r = gen_fresh(g, E_TASK);
		gen_set_i(g, r, "manager", tm->manager);
		gen_set_s(g, r, "name", tasks[k].name);
		gen_set_r(g, r, "hours_per_week", tasks[k].hours);
		gen_set_i(g, r, "delegable", tasks[k].delegable);
		if (tasks[k].delegable && chance(g, 350))
			gen_set_i(g, r, "delegated_to", g->support);
		if ((rc = gen_put(g, r, NULL)))
			return rc;
	}
	for (int k = 0; k < tm->ncoaches; k++) {
		const struct coach *c = &tm->coaches[k];
		if (c->kind != M_MANAGER)
			continue;
		/* Each quarter; the designed ones stopped 100 to 200 days ago. */
		int until = c->flags & CF_NO_SUPERVISION ? -rnd_in(g, 100, 200) : -1;
		for (int day = workday(g, c->start + rnd_in(g, 20, 60)); day <= until;
		     day = workday(g, day + rnd_in(g, 60, 83))) {
			struct record *r = gen_fresh(g, E_SUPERVISION);
			gen_set_i(g, r, "manager", c->person);
			gen_set_i(g, r, "reviewer", tm->regional);
			gen_set_day(g, r, "reviewed_on", day);
			gen_set_s(g, r, "notes", PICK(g, review_notes));
			gen_set_day(g, r, "next_review_on", day + 90);
			if ((rc = gen_put(g, r, NULL)))
				return rc;
		}
	}
	return SC_OK;
}

static enum sc_result add_assessment(struct gen *g, struct team *tm, int64_t candidate, int day,
                                     bool ready)
{
	struct record *r = gen_fresh(g, E_ASSESSMENT);
	/* Lowest 3, mean at least 3.5 when ready; one criterion at 2 when not. */
	int scores[4] = { rnd_in(g, 4, 5), rnd_in(g, 3, 5), rnd_in(g, 3, 5), rnd_in(g, 4, 5) };

	if (!ready)
		scores[1 + rnd(g) % 3] = 2;
	gen_set_i(g, r, "candidate", candidate);
	gen_set_i(g, r, "assessor", tm->manager);
	gen_set_day(g, r, "assessed_on", day);
	gen_set_i(g, r, "motivation", scores[0]);
	gen_set_i(g, r, "traits", scores[1]);
	gen_set_i(g, r, "ability", scores[2]);
	gen_set_i(g, r, "track_record", scores[3]);
	gen_set_s(g, r, "decision", ready ? "ready" : "not_ready");
	gen_set_s(g, r, "notes",
	          ready ? "Patient, listens well and is sought out by the juniors."
	                : "Strong seller, but impatient: takes the conversation over. Training "
	                  "first, then assess again.");
	return gen_put(g, r, NULL);
}

/* Readiness assessments and incentive plans of the senior coaches. */
static enum sc_result add_seniors(struct gen *g, struct team *tm)
{
	enum sc_result rc;

	for (int k = 0; k < tm->ncoaches; k++) {
		struct coach *c = &tm->coaches[k];
		if (c->kind != M_SENIOR)
			continue;
		int day = workday(g, c->start - rnd_in(g, 35, 55));
		/* Not assessed: never, or found not ready (and assigned anyway, overridden). */
		if ((!(c->flags & CF_NOT_ASSESSED) || chance(g, 500)) &&
		    (rc = add_assessment(g, tm, c->person, day, !(c->flags & CF_NOT_ASSESSED))))
			return rc;
		if (c->flags & CF_NO_INCENTIVE)
			continue;
		struct record *r = gen_fresh(g, E_INCENTIVE);
		gen_set_i(g, r, "coach", c->id);
		gen_set_day(g, r, "starts_on", g->month_first[month_of(g, c->start)]);
		if (chance(g, 500))
			gen_set_day(g, r, "ends_on", g->prog_end);
		if (chance(g, 600)) {
			c->reduction = rnd_in(g, 10, 25);
			gen_set_r(g, r, "target_reduction_pct", c->reduction);
		}
		gen_set_r(g, r, "bonus_share_pct", rnd_in(g, 5, 15));
		gen_set_i(g, r, "base_bonus", rnd_in(g, 16, 30) * 500);
		if ((rc = gen_put(g, r, NULL)))
			return rc;
	}
	/* Now and then a rep who does not coach is assessed as a candidate. */
	if (tm->model == M_MANAGER && tm->n > 0 && chance(g, 200)) {
		struct rep *r = &tm->reps[rnd(g) % (unsigned)tm->n];
		int day = workday(g, -rnd_in(g, 20, 200));
		if (r->leave == NONE && day > g->hs &&
		    (rc = add_assessment(g, tm, r->person, day, chance(g, 700))))
			return rc;
	}
	return SC_OK;
}

/*
 * The half-yearly appraisal days of each rep, in January and July, decided
 * before the sessions so that a manager-coach's sessions can keep away.
 */
static void plan_appraisals(struct gen *g, struct team *tm)
{
	for (int j = 0; j < tm->n; j++) {
		struct rep *r = &tm->reps[j];
		for (int k = 1; k < g->nmonths && r->napp < MAX_APPRAISAL; k++) {
			int mm = ((g->m - 1 - (int)g->p->months + k) % 12 + 12) % 12;
			if (mm != 0 && mm != 6)
				continue;
			int b = g->month_first[k], day = workday(g, b + rnd_in(g, 9, 25));
			if (day > -1 || r->join > b - 90 || day > r->leave || day > r->pause)
				continue;
			r->app[r->napp++] = day;
		}
		/* A coaching session right before the latest appraisal, by the same manager. */
		if (tm->model == M_MANAGER && r->napp > 0 && r->nspans == 1 &&
		    r->spans[0].to == NONE && r->app[r->napp - 1] >= -365 &&
		    chance(g, CHANCE_MIXED))
			r->mixed = r->napp - 1;
	}
}

/* ---- a team: its relationships ------------------------------------------------------------- */

/* The coaching plan of a relationship and the coachee's self-assessments, each half year. */
static enum sc_result add_plan(struct gen *g, const struct rel *x)
{
	struct record *r = gen_fresh(g, E_PLAN);
	char focus[64];
	int64_t plan;
	enum sc_result rc;

	snprintf(focus, sizeof(focus), "%s,%s", org_default_skills[x->skills[0]],
	         org_default_skills[x->skills[1]]);
	gen_set_i(g, r, "assignment", x->assignment);
	gen_set_s(g, r, "goals", PICK(g, goals));
	gen_set_s(g, r, "skills", focus);
	gen_set_day(g, r, "review_on", x->active ? rnd_in(g, 7, 80) : x->sp->to);
	if ((rc = gen_put(g, r, &plan)))
		return rc;
	int until = x->sp->to < -1 ? x->sp->to : -1;
	for (int day = x->sp->from, round = 0; day <= until; day += 182, round++)
		for (int i = 0; i < 2; i++) {
			int score = 2 + round + rnd_in(g, -1, 1);
			r = gen_fresh(g, E_SELF_ASSESSMENT);
			gen_set_i(g, r, "plan", plan);
			gen_set_s(g, r, "skill", org_default_skills[x->skills[i]]);
			gen_set_day(g, r, "assessed_on", day);
			gen_set_i(g, r, "score", score < 1 ? 1 : score > 5 ? 5 : score);
			if ((rc = gen_put(g, r, NULL)))
				return rc;
		}
	return SC_OK;
}

/*
 * The assignment of one span of a rep, with its plan; its sessions follow
 * week by week (gen_history.c). An active assignment the domain would
 * refuse (a senior coach not assessed as ready, a coach at capacity)
 * carries an override reason, as a user would have had to give one.
 */
static enum sc_result add_relationship(struct gen *g, struct team *tm, struct rep *r,
                                       const struct span *sp)
{
	struct rel *x = &tm->rels[tm->nrels++];
	struct record *rec = gen_fresh(g, E_ASSIGNMENT);
	bool paused = r->pause != NONE && sp->to == r->pause;
	const char *why = NULL;

	memset(x, 0, sizeof(*x));
	x->r = r;
	x->c = &tm->coaches[sp->coach];
	x->sp = sp;
	x->active = sp->to == NONE;
	x->last = x->active ? PLANNED_UNTIL : sp->to;
	x->lapse = NONE;
	if (x->active && chance(g, CHANCE_LAPSED)) {
		int lapse = -rnd_in(g, 35, 70);
		if (lapse > sp->from + 14)
			x->lapse = lapse;
	}
	x->overdue = x->active && chance(g, CHANCE_OVERDUE);
	x->skills[0] = (int)(rnd(g) % ORG_DEFAULT_SKILLS);
	x->skills[1] = (x->skills[0] + rnd_in(g, 1, ORG_DEFAULT_SKILLS - 1)) % ORG_DEFAULT_SKILLS;
	x->wd = rnd_in(g, 0, 4);
	x->minute = 8 * 60 + 30 * rnd_in(g, 0, 16);
	x->phase = rnd_in(g, 0, 3);
	x->next_slot = sp->from + 3;
	while (weekday(g, x->next_slot) != x->wd)
		x->next_slot++;

	if (x->active) {
		if (x->c->flags & CF_NOT_ASSESSED)
			why = "Assigned before the readiness assessment was complete; the team "
			      "manager follows up.";
		else if (x->c->active >= x->c->capacity)
			why = "Assigned beyond the coach's capacity until a second coach is found.";
		x->c->active++;
	}
	gen_set_i(g, rec, "programme", tm->programme);
	gen_set_i(g, rec, "coach", x->c->id);
	gen_set_i(g, rec, "coachee", r->person);
	gen_set_day(g, rec, "starts_on", sp->from);
	if (!x->active && !paused)
		gen_set_day(g, rec, "ends_on", sp->to);
	gen_set_s(g, rec, "status", x->active ? "active" : paused ? "paused" : "ended");
	if (why)
		gen_set_s(g, rec, "override_reason", why);
	enum sc_result rc = gen_put(g, rec, &x->assignment);
	return rc ? rc : add_plan(g, x);
}

/* Everything of team ix but its history: people, the team, its programme, coaches, plans. */
enum sc_result gen_add_team(struct gen *g, unsigned ix)
{
	static const char *const described[NMODELS] = { "coaching by the manager",
		                                        "senior reps coach juniors",
		                                        "an internal sales coach",
		                                        "external sales coaches" };
	struct team *tm = &g->teams[ix];
	char name[64], title[160], dom[100];
	enum sc_result rc;

	gen_stream(g, (uint64_t)ix + 1);
	tm->ix = ix;
	tm->model = g->models[ix];
	tm->n = (int)g->sizes[ix];
	tm->regional = g->regional;
	tm->target = chance(g, 880) ? 3 : chance(g, 670) ? 3.5 : 4;
	tm->meeting_wd = chance(g, 800) ? 0 : 1;
	plan_reps(g, tm);

	gen_own_domain(g, dom, sizeof(dom));
	snprintf(name, sizeof(name), "Team %u", ix + 1);
	if ((rc = gen_add_person(g, "Sales manager", g->regional, rnd_in(g, 8, 22), true, true, dom,
	                         &tm->manager)) ||
	    (rc = gen_add_team_record(g, name, tm->manager, g->region_team, &tm->id)) ||
	    (rc = add_reps(g, tm)))
		return rc;

	struct record *r = gen_fresh(g, E_PROGRAMME);
	snprintf(title, sizeof(title), "%s: %s", name, described[tm->model]);
	gen_set_i(g, r, "team", tm->id);
	gen_set_s(g, r, "model", gen_model_names[tm->model]);
	gen_set_day(g, r, "starts_on", g->hs);
	gen_set_day(g, r, "ends_on", g->prog_end);
	gen_set_r(g, r, "target_hours", tm->target);
	gen_set_s(g, r, "name", title);
	if ((rc = gen_put(g, r, &tm->programme)) || (rc = plan_coaching(g, tm)) ||
	    (rc = add_coaches(g, tm)) || (rc = add_management(g, tm)) || (rc = add_seniors(g, tm)))
		return rc;
	plan_appraisals(g, tm);
	for (int j = 0; j < tm->n; j++)
		for (int s = 0; s < tm->reps[j].nspans; s++)
			if ((rc = add_relationship(g, tm, &tm->reps[j], &tm->reps[j].spans[s])))
				return rc;
	tm->rng = g->rng;
	return SC_OK;
}
