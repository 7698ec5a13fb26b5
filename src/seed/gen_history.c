/*
 * gen_history.c - the history of the synthetic organisation, written week
 * by week (see gen_int.h).
 *
 * Each week of a team: its activities and which of its internal or external
 * coaches attended, their floor days, the sessions of every relationship
 * with their observations and action items, the appraisals, survey rounds,
 * and the sales results of a month that ended. Teams take turns by blocks
 * of four weeks, so rows lie in the database about in the order a real
 * organisation would have recorded them: a month's sessions lie together.
 */
#include "seed/gen_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- words --------------------------------------------------------------------------------- */

static const char *const customers[] = {
	"Harbour Logistics",    "Greenfield School Board", "Meyer & Partners Law",
	"Sunrise Care Group",   "Brink Accountants",       "Hotel Five Senses",
	"Kuiper Installations", "Van Os Real Estate",      "Homebase Housing",
	"East Side Physio",     "Veldhuis Printing",       "City Sports Services",
	"Atlas Engineering",    "Riverside Clinic",        "Orchard Retail",
};
static const char *const stages[] = { "prospecting", "qualification", "proposal",
	                              "negotiation", "closing",       "after_sales" };
static const char *const agendas[] = {
	"Pipeline review and the next steps per deal",
	"Preparation of next week's customer visits",
	"Review of a recorded call",
	"Progress on the coaching plan's focus skills",
	"Objections heard this month, and answers",
	"Account plan for the largest customer",
};
static const char *const notes_text[] = {
	"Worked on %s with a case from this week; the coachee picks the next step.",
	"Role play on %s. Still a bit rushed; next time leave more silences.",
	"Open conversation about the pipeline. The focus stays on %s.",
	"Self-assessment discussed: progress on %s, one concrete example noted.",
	"Two customer situations reviewed; for %s it helps to summarise first.",
};
static const char *const follow_ups[] = {
	"Send the customer a summary within 24 hours and propose a follow-up meeting.",
	"Rework the proposal on the objections raised and review it with the coach first.",
	"Map the decision makers and plan a second meeting with them.",
	"Arrange a reference visit at a similar customer.",
};
static const char *const strengths[] = {
	"Strong opening: agenda and time agreed with the customer.",
	"Good open questions; the customer named the problems himself.",
	"Stayed calm at the price objection and asked on.",
	"Clear summary at the end of the meeting.",
	"Well prepared: knew the customer's figures and organisation.",
};
static const char *const improvements[] = {
	"Explore the objection before answering it.",
	"Ask for a concrete next step at the end.",
	"Talk less about the product, more about the customer's problem.",
	"Leave a silence after a question.",
	"Name the price only once the value is clear.",
};
static const char *const coachee_actions[] = {
	"Update the account plan of the three largest customers",
	"Prepare three open questions for the next customer meeting",
	"Send a follow-up e-mail within 24 hours of every visit",
	"Practise the 'too expensive' objection with a colleague",
	"Clean up the pipeline in the CRM and fill in the next steps",
};
static const char *const coach_actions[] = {
	"Share the call recording with feedback",
	"Plan a ride-along at a new customer",
	"Share an article on negotiating on value",
};
static const char *const events[][2] = {
	{ "event", "Product demo of the new range" },
	{ "training", "Training: negotiating in tenders" },
	{ "event", "Quarterly kick-off" },
	{ "other", "Customer open day in the showroom" },
	{ "training", "Workshop account planning" },
};
static const char *const appraisal_texts[] = {
	"Half-year appraisal: revenue target largely met, strong customer relationships. "
	"Development point: winning new customers.",
	"Half-year appraisal: above target, reliable in the forecast.",
	"Half-year appraisal: below target because of two postponed orders; effort and activity "
	"are good.",
	"Half-year appraisal: a good start, growing into larger deals.",
};

/* ---- presence ------------------------------------------------------------------------------ */

static enum sc_result add_presence(struct gen *g, const struct coach *c, int day, const char *kind,
                                   int64_t activity, const char *note)
{
	struct record *r = gen_fresh(g, E_PRESENCE);

	gen_set_i(g, r, "coach", c->id);
	gen_set_day(g, r, "present_on", day);
	gen_set_s(g, r, "kind", kind);
	if (activity)
		gen_set_i(g, r, "activity", activity);
	gen_set_s(g, r, "note", note);
	return gen_put(g, r, NULL);
}

/*
 * A team activity on day, and the internal or external coaches of the team
 * who attended: nearly all of them, about half for a coach designed to miss
 * activities in the last weeks. A coach is introduced at the first meeting
 * after their start, unless designed not to be.
 */
static enum sc_result add_activity(struct gen *g, struct team *tm, int day, bool event)
{
	struct record *r = gen_fresh(g, E_ACTIVITY);
	int64_t id;
	enum sc_result rc;

	gen_set_i(g, r, "team", tm->id);
	if (event) {
		size_t e = (size_t)(day < 0 ? -day : day) / 30 % ARRAY_SIZE(events);
		gen_set_at(g, r, "at", day, 14 * 60);
		gen_set_s(g, r, "kind", events[e][0]);
		gen_set_s(g, r, "title", events[e][1]);
		gen_set_i(g, r, "minutes", 120);
	} else {
		int64_t introduces = 0;
		for (int k = 0; k < tm->ncoaches && !introduces; k++) {
			struct coach *c = &tm->coaches[k];
			if (c->kind >= M_INTERNAL && !c->introduced && day >= c->start) {
				c->introduced = true;
				if (!(c->flags & CF_NO_INTRO_MEETING))
					introduces = c->id;
			}
		}
		gen_set_at(g, r, "at", day, 9 * 60);
		gen_set_s(g, r, "title",
		          introduces ? "Weekly team meeting and introduction of the "
		                       "coach"
		                     : "Weekly team meeting");
		if (introduces)
			gen_set_i(g, r, "introduces", introduces);
	}
	if ((rc = gen_put(g, r, &id)))
		return rc;
	for (int k = 0; k < tm->ncoaches; k++) {
		const struct coach *c = &tm->coaches[k];
		if (c->kind < M_INTERNAL || day < c->start || day > -1)
			continue;
		unsigned attend = (c->flags & CF_SKIPS_ACTS) && day >= -40 ? 450 : 970;
		if (chance(g, attend) &&
		    (rc = add_presence(g, c, day, event ? "team_activity" : "team_meeting", id,
		                       NULL)))
			return rc;
	}
	return SC_OK;
}

/* Floor days of the week w..w+6 of the team's internal and external coaches. */
static enum sc_result week_floor(struct gen *g, const struct team *tm, int w)
{
	enum sc_result rc;

	for (int k = 0; k < tm->ncoaches; k++) {
		const struct coach *c = &tm->coaches[k];
		if (c->kind < M_INTERNAL)
			continue;
		for (int day = w; day < w + 5 && day <= -1; day++) {
			int wd = weekday(g, day);
			if (day < c->start || !(c->floor_days >> wd & 1u))
				continue;
			/* Designed off the floor: one day a week in the last weeks. */
			if ((c->flags & CF_OFF_FLOOR) && day >= -40 && wd != c->only_day)
				continue;
			if (chance(g, 950) &&
			    (rc = add_presence(g, c, day, "sales_floor", 0, NULL)))
				return rc;
		}
	}
	return SC_OK;
}

/* ---- sessions ------------------------------------------------------------------------------ */

/* True when a coaching session of r on day would lie within the mixing window of an appraisal. */
static bool near_appraisal(const struct team *tm, const struct rep *r, int day)
{
	if (tm->model != M_MANAGER)
		return false;
	for (int i = 0; i < r->napp; i++)
		if (day >= r->app[i] - 2 && day <= r->app[i] + 2)
			return true;
	return false;
}

/*
 * The day of the designed session next to appraisal r->mixed: the day
 * before it, or the same day when that is a Monday. Never after it, so that
 * the appraisal, written later, is the change that needs the override.
 */
static int mixed_day(const struct gen *g, const struct rep *r)
{
	int a = r->app[r->mixed], day = weekday(g, a - 1) < 5 ? a - 1 : a;
	return day <= -1 && day > r->spans[0].from ? day : NONE;
}

/* day, or a day three or four days away when day is near an appraisal; NONE if none fits. */
static int clear_of_appraisals(const struct gen *g, const struct team *tm, const struct rel *x,
                               int day)
{
	static const int moves[] = { 3, -3, 4, -4 };

	if (!near_appraisal(tm, x->r, day))
		return day;
	for (size_t i = 0; i < ARRAY_SIZE(moves); i++) {
		int d = day + moves[i];
		if (weekday(g, d) < 5 && d >= x->sp->from && d <= x->last && d != 0 &&
		    (d < 0) == (day < 0) && !near_appraisal(tm, x->r, d))
			return d;
	}
	return NONE;
}

static const char *slot_kind(struct gen *g, const struct rel *x, int day)
{
	unsigned roll = (unsigned)(rnd(g) % 100);

	if (x->c->kind >= M_INTERNAL) {
		/* A ride-along per coachee every two or four weeks, or none lately by design. */
		bool rides = !(x->c->flags & CF_NO_RIDES) || day < -45;
		if (rides && (x->k + x->phase) % x->c->ride_every == 0)
			return "ride_along";
		return roll < 50   ? "one_to_one"
		       : roll < 70 ? "call_review"
		       : roll < 90 ? "deal_review"
		                   : "team";
	}
	if (x->c->kind == M_SENIOR)
		return roll < 25   ? "ride_along"
		       : roll < 70 ? "one_to_one"
		       : roll < 90 ? "call_review"
		                   : "deal_review";
	return roll < 15   ? "ride_along"
	       : roll < 55 ? "one_to_one"
	       : roll < 70 ? "call_review"
	       : roll < 95 ? "deal_review"
	                   : "team";
}

/* Any three sessions of these lengths hold at least three hours. */
static int kind_minutes(struct gen *g, const char *kind)
{
	if (!strcmp(kind, "ride_along"))
		return 150 + 30 * rnd_in(g, 0, 3);
	if (!strcmp(kind, "deal_review"))
		return 75;
	if (!strcmp(kind, "team"))
		return 90;
	return 60;
}

/* An action item of session (0: none) held on day from; open ones stay open. */
static enum sc_result add_action(struct gen *g, const struct rel *x, int64_t session, int from,
                                 int due, bool open)
{
	bool by_coach = chance(g, 200);
	struct record *r = gen_fresh(g, E_ACTION);

	gen_set_i(g, r, "assignment", x->assignment);
	if (session)
		gen_set_i(g, r, "session", session);
	gen_set_i(g, r, "owner", by_coach ? x->c->person : x->r->person);
	gen_set_s(g, r, "text", by_coach ? PICK(g, coach_actions) : PICK(g, coachee_actions));
	gen_set_day(g, r, "due_on", due);
	/* Old items are done; of the last six weeks' a quarter is still open. */
	if (!open && from + 1 <= -1) {
		int done = -NONE;
		if (due < -42 || (due < 0 && chance(g, 750)))
			done = due + rnd_in(g, -5, 3);
		else if (due >= 0 && chance(g, 300))
			done = rnd_in(g, from + 1, -1);
		if (done != -NONE) {
			done = done < from + 1 ? from + 1 : done > -1 ? -1 : done;
			gen_set_day(g, r, "done_on", done);
		}
	}
	return gen_put(g, r, NULL);
}

static enum sc_result add_session(struct gen *g, struct rel *x, int day, const char *kind,
                                  const char *status, bool intro)
{
	bool held = !strcmp(status, "held"), ride = !strcmp(kind, "ride_along");
	int minutes = intro ? 75 : kind_minutes(g, kind), nfocus = rnd_in(g, 1, 2);
	struct record *r = gen_fresh(g, E_SESSION);
	char text[300], focus[64];
	int64_t id;
	enum sc_result rc;

	gen_set_i(g, r, "assignment", x->assignment);
	gen_set_s(g, r, "kind", kind);
	gen_set_at(g, r, "at", day, x->minute);
	gen_set_i(g, r, "minutes", minutes);
	gen_set_s(g, r, "status", status);
	if (chance(g, 500))
		gen_set_s(g, r, "agenda", PICK(g, agendas));
	snprintf(focus, sizeof(focus), "%s%s%s", org_default_skills[x->skills[0]],
	         nfocus > 1 ? "," : "", nfocus > 1 ? org_default_skills[x->skills[1]] : "");
	gen_set_s(g, r, "skills", focus);
	if (held && chance(g, 600)) {
		snprintf(text, sizeof(text), PICK(g, notes_text),
		         org_skill_text((size_t)x->skills[0], "name", MSG_EN));
		gen_set_s(g, r, "notes", text);
	}
	if (held && chance(g, 700)) {
		unsigned roll = (unsigned)(rnd(g) % 100);
		gen_set_i(g, r, "feedback",
		          roll < 2    ? 1
		          : roll < 7  ? 2
		          : roll < 25 ? 3
		          : roll < 65 ? 4
		                      : 5);
	}
	gen_set_i(g, r, "intro", intro);
	if (ride) {
		gen_set_s(g, r, "customer", PICK(g, customers));
		gen_set_s(g, r, "stage", PICK(g, stages));
		gen_set_s(g, r, "role", chance(g, 700) ? "observer" : "co_pilot");
		if (held && chance(g, 500))
			gen_set_s(g, r, "follow_up", PICK(g, follow_ups));
	}
	if ((rc = gen_put(g, r, &id)) || !held)
		return rc;

	/* What a held session leaves behind: hours, an appointment, observations, actions. */
	int month = month_of(g, day);
	if (x->c->held && month >= 0)
		x->c->held[month] += minutes;
	if (ride && x->c->kind >= M_INTERNAL &&
	    (rc = add_presence(g, x->c, day, "customer_appointment", 0, "Ride-along with the rep")))
		return rc;
	for (int i = ride ? (chance(g, 250) ? 2 : 1) : 0; i > 0; i--) {
		struct record *o = gen_fresh(g, E_OBSERVATION);
		gen_set_i(g, o, "session", id);
		gen_set_s(g, o, "skill", org_default_skills[x->skills[i - 1]]);
		gen_set_s(g, o, "strengths", PICK(g, strengths));
		gen_set_s(g, o, "improvement", PICK(g, improvements));
		if ((rc = gen_put(g, o, NULL)))
			return rc;
	}
	size_t slot = x->nrecent++ % RECENT_HELD;
	x->recent_day[slot] = day;
	x->recent_id[slot] = id;
	if (chance(g, 220))
		return add_action(g, x, id, day, day + rnd_in(g, 7, 21), false);
	return SC_OK;
}

/*
 * The sessions of a relationship in the week w..w+6: its introduction, the
 * weekly slot (held, or called off and often made up a few days later;
 * planned ahead), and the designed session next to an appraisal.
 */
static enum sc_result week_sessions(struct gen *g, const struct team *tm, struct rel *x, int w)
{
	enum sc_result rc;
	int day;

	if (!x->intro_done && x->sp->from <= w + 6) {
		x->intro_done = true;
		day = clear_of_appraisals(g, tm, x, x->sp->from);
		if (day != NONE && day != 0 && (day < 0 || (x->active && day <= PLANNED_UNTIL)) &&
		    (rc = add_session(g, x, day, "one_to_one", day < 0 ? "held" : "planned",
		                      !(x->c->flags & CF_NO_INTRO_SESSION))))
			return rc;
	}
	for (; x->next_slot <= w + 6 && x->next_slot <= x->last; x->next_slot += 7, x->k++) {
		int slot = x->next_slot;
		if (slot == 0 || (slot > 0 && (!x->active || slot > PLANNED_UNTIL)))
			continue;
		if ((day = clear_of_appraisals(g, tm, x, slot)) == NONE)
			continue;
		const char *kind = slot_kind(g, x, day), *status = "planned";
		if (day < 0) {
			unsigned roll = (unsigned)(rnd(g) % 1000);
			if (day >= x->lapse)
				status = roll < 700 ? "cancelled" : "no_show";
			else
				status = roll < 880 ? "held" : roll < 960 ? "cancelled" : "no_show";
		}
		if ((rc = add_session(g, x, day, kind, status, false)))
			return rc;
		if (day < 0 && day < x->lapse && strcmp(status, "held") != 0 && chance(g, 600)) {
			int again = workday(g, day + 2);
			if (again <= -1 && again <= x->last && !near_appraisal(tm, x->r, again) &&
			    (rc = add_session(g, x, again, "one_to_one", "held", false)))
				return rc;
		}
	}
	if (x->r->mixed >= 0 && x->sp == &x->r->spans[0] && (day = mixed_day(g, x->r)) != NONE &&
	    day >= w && day <= w + 6)
		return add_session(g, x, day, "deal_review", "held", false);
	return SC_OK;
}

/* The designed overdue actions: three or four items due in the last weeks, left open. */
static enum sc_result add_overdue(struct gen *g, const struct rel *x)
{
	int items = rnd_in(g, 3, 4);
	enum sc_result rc;

	for (int i = 0; i < items; i++) {
		int due = rnd_in(g, -25, -2), from = x->sp->from;
		int64_t session = 0;
		for (size_t k = 0; k < RECENT_HELD && k < x->nrecent; k++)
			if (x->recent_day[k] <= due - 7 && x->recent_day[k] >= from) {
				from = x->recent_day[k];
				session = x->recent_id[k];
			}
		if (due > x->sp->from && (rc = add_action(g, x, session, from, due, true)))
			return rc;
	}
	return SC_OK;
}

/* ---- appraisals, surveys, results ---------------------------------------------------------- */

static enum sc_result week_appraisals(struct gen *g, const struct team *tm, int w)
{
	enum sc_result rc;

	for (int j = 0; j < tm->n; j++) {
		const struct rep *r = &tm->reps[j];
		for (int i = 0; i < r->napp; i++) {
			int day = r->app[i], b = month_of(g, day);
			if (day < w || day > w + 6)
				continue;
			struct record *rec = gen_fresh(g, E_APPRAISAL);
			int rating = chance(g, 150) ? 5 : chance(g, 100) ? 2 : rnd_in(g, 3, 4);
			/* The half year before the month of the appraisal. */
			int delta = b - (g->nmonths - 1);
			gen_set_i(g, rec, "rep", r->person);
			gen_set_i(g, rec, "manager", tm->manager);
			gen_set_day(g, rec, "period_from", gen_month_start(g, delta - 6));
			gen_set_day(g, rec, "period_to", g->month_first[b] - 1);
			gen_set_day(g, rec, "recorded_on", day);
			gen_set_i(g, rec, "rating", rating);
			gen_set_s(g, rec, "text", PICK(g, appraisal_texts));
			if (i == r->mixed && mixed_day(g, r) != NONE)
				gen_set_s(g, rec, "override_reason",
				          "HR's appraisal round fell in the week of the coaching "
				          "session; recorded so deliberately, the regional manager "
				          "knows.");
			if ((rc = gen_put(g, rec, NULL)))
				return rc;
		}
	}
	return SC_OK;
}

/* An answer 3 to 5, mostly 4 or 5; or, for a designed low group, 2 to 4. */
static int answer(struct gen *g, bool low)
{
	unsigned roll = (unsigned)(rnd(g) % 100);

	if (low)
		return roll < 30 ? 2 : roll < 75 ? 3 : 4;
	return roll < 10 ? 3 : roll < 55 ? 4 : 5;
}

static enum sc_result add_answer(struct gen *g, const struct coach *c, bool coachee, int day)
{
	bool recent = day >= -120;
	struct record *r = gen_fresh(g, E_SURVEY);

	gen_set_i(g, r, "coach", c->id);
	gen_set_s(g, r, "respondent", coachee ? "coachee" : "management");
	gen_set_day(g, r, "answered_on", day);
	gen_set_i(g, r, "respect", answer(g, false));
	gen_set_i(g, r, "trust", answer(g, !coachee && recent && (c->flags & CF_LOW_ACCEPT)));
	gen_set_i(g, r, "helps", answer(g, false));
	gen_set_i(g, r, "part_of_team", answer(g, false));
	if (coachee)
		gen_set_i(g, r, "not_reporting", answer(g, recent && (c->flags & CF_SPY)));
	return gen_put(g, r, NULL);
}

/* Survey rounds in the week: every 30 days from a coach's start, its coachees and management. */
static enum sc_result week_surveys(struct gen *g, const struct team *tm, int w)
{
	enum sc_result rc;

	for (int k = 0; k < tm->ncoaches; k++) {
		const struct coach *c = &tm->coaches[k];
		if (c->kind < M_INTERNAL || c->start + 30 > w + 6)
			continue;
		int day = c->start + 30 +
		          (w > c->start + 30 ? (w - c->start - 30 + 29) / 30 * 30 : 0);
		if (day > w + 6 || day > -1)
			continue;
		if ((c->flags & CF_MISSED_SURVEY) && day == c->start + 30)
			continue;
		for (int j = 0; j < tm->n; j++)
			for (int s = 0; s < tm->reps[j].nspans; s++) {
				const struct span *sp = &tm->reps[j].spans[s];
				if (sp->coach == k && sp->from <= day && day <= sp->to &&
				    chance(g, 900) && (rc = add_answer(g, c, true, day)))
					return rc;
			}
		for (int m = 0; m < 3; m++)
			if ((rc = add_answer(g, c, false, day)))
				return rc;
	}
	return SC_OK;
}

/* The coach profile of the senior coach who is rep j, or NULL. */
static const struct coach *senior_coach(const struct team *tm, int j)
{
	for (int k = 0; k < tm->ncoaches; k++)
		if (tm->coaches[k].rep == j)
			return &tm->coaches[k];
	return NULL;
}

/*
 * A senior coach's quota in month k: from the plan's month on, lowered by
 * its fixed percentage or by the coaching hours over 140 selling hours, to
 * a hundred below what the plan implies. The designed cases keep the full
 * quota, as does the month before the plan (the plan's Q0).
 */
static long senior_quota(const struct gen *g, const struct coach *c, int k, long q0)
{
	int plan = month_of(g, c->start);

	if ((c->flags & (CF_NO_INCENTIVE | CF_NOT_REDUCED)) || k < plan || plan < 1)
		return q0;
	double implied = c->reduction ? q0 - q0 * c->reduction / 100.0
	                              : q0 - q0 * (c->held[k] / 60.0) / 140.0;
	return (long)(floor(implied / 100) * 100) - 100;
}

/* The sales results of month k of every rep employed in it; this month's so far. */
static enum sc_result month_results(struct gen *g, const struct team *tm, int k)
{
	int first = g->month_first[k], days = g->month_first[k + 1] - first;
	int upto = k == g->nmonths - 1 ? 1 - first : days;
	char month[TU_DATE_LEN];
	enum sc_result rc;

	gen_day_text(g, first, month);
	month[7] = '\0';
	for (int j = 0; j < tm->n; j++) {
		const struct rep *r = &tm->reps[j];
		const struct coach *senior = senior_coach(tm, j);
		if ((r->join != -NONE && month_of(g, r->join) > k) ||
		    (r->leave != NONE && month_of(g, r->leave) < k))
			continue;
		long quota = senior ? senior_quota(g, senior, k, r->quota) : r->quota;
		long revenue = quota * (r->base + rnd_in(g, -15, 20)) / 100 * upto / days;
		long acts = (long)rnd_in(g, 80, 160) * upto / days, won = revenue / r->deal;
		struct record *rec = gen_fresh(g, E_RESULT);
		gen_set_i(g, rec, "rep", r->person);
		gen_set_s(g, rec, "month", month);
		gen_set_i(g, rec, "quota", quota);
		gen_set_i(g, rec, "revenue", revenue);
		gen_set_i(g, rec, "deals_won", won);
		gen_set_i(g, rec, "deals_lost", won * rnd_in(g, 40, 90) / 100 + rnd_in(g, 0, 2));
		gen_set_i(g, rec, "activities", acts);
		if ((rc = gen_put(g, rec, NULL)))
			return rc;
	}
	return SC_OK;
}

/* ---- the weeks ----------------------------------------------------------------------------- */

/* One week of one team; months[] are the months whose results are due this week. */
static enum sc_result team_week(struct gen *g, struct team *tm, int w, int event, const int *months,
                                int nmonths)
{
	int meeting = w + tm->meeting_wd;
	enum sc_result rc;

	if (meeting >= g->hs && meeting <= PLANNED_UNTIL &&
	    (rc = add_activity(g, tm, meeting == 0 ? 1 : meeting, false)))
		return rc;
	if (event != NONE && (rc = add_activity(g, tm, event, true)))
		return rc;
	if ((rc = week_floor(g, tm, w)))
		return rc;
	for (int i = 0; i < tm->nrels; i++)
		if ((rc = week_sessions(g, tm, &tm->rels[i], w)))
			return rc;
	if ((rc = week_appraisals(g, tm, w)) || (rc = week_surveys(g, tm, w)))
		return rc;
	for (int i = 0; i < nmonths; i++)
		if ((rc = month_results(g, tm, months[i])))
			return rc;
	return SC_OK;
}

/* The event day of week w (NONE) and the months whose results are due in it (at most two). */
static void week_calendar(const struct gen *g, int w, int *event, int months[2], int *nmonths)
{
	*event = NONE;
	*nmonths = 0;
	for (int k = 0; k < g->nmonths; k++) {
		int end = g->month_first[k + 1] - 1;
		if (g->event_day[k] >= w && g->event_day[k] <= w + 6 && g->event_day[k] >= g->hs &&
		    g->event_day[k] <= PLANNED_UNTIL)
			*event = g->event_day[k];
		/* A month's results once it ended; this month's in this week. */
		if (k < g->nmonths - 1 ? end >= w && end <= w + 6 : 0 >= w && 0 <= w + 6)
			months[(*nmonths)++] = k;
	}
}

/*
 * Teams take turns by blocks of BLOCK_WEEKS weeks: rows stay in the order
 * of time to within a block, and each relationship's rows of a block lie
 * together in the indexes by assignment, which keeps the writing fast.
 */
#define BLOCK_WEEKS 4

enum sc_result gen_history(struct gen *g)
{
	int first = g->hs - weekday(g, g->hs), nweeks = (PLANNED_UNTIL - first) / 7 + 1;
	enum sc_result rc;

	for (int block = 0; block < nweeks; block += BLOCK_WEEKS) {
		int events[BLOCK_WEEKS], months[BLOCK_WEEKS][2], nmonths[BLOCK_WEEKS];
		int weeks = nweeks - block < BLOCK_WEEKS ? nweeks - block : BLOCK_WEEKS;
		for (int k = 0; k < weeks; k++)
			week_calendar(g, first + 7 * (block + k), &events[k], months[k],
			              &nmonths[k]);
		for (unsigned i = 0; i < g->nteams; i++) {
			struct team *tm = &g->teams[i];
			g->rng = tm->rng;
			for (int k = 0; k < weeks; k++)
				if ((rc = team_week(g, tm, first + 7 * (block + k), events[k],
				                    months[k], nmonths[k])))
					return rc;
			tm->rng = g->rng;
		}
		gen_progress(g, "weeks of history", (unsigned)(block + weeks), (unsigned)nweeks);
	}
	for (unsigned i = 0; i < g->nteams; i++) {
		struct team *tm = &g->teams[i];
		g->rng = tm->rng;
		for (int k = 0; k < tm->nrels; k++)
			if (tm->rels[k].overdue && (rc = add_overdue(g, &tm->rels[k])))
				return rc;
	}
	return SC_OK;
}
