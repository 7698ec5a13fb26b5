/*
 * demo_org.c - the demo's organisation: people, teams, coaches, the
 * managers' and seniors' records, appraisals and team activities.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/domain.h"
#include "domain/org.h"
#include "model/entity.h"
#include "model/record.h"
#include "base/timeutil.h"
#include "seed/demo.h"
#include "seed/demo_int.h"

/* ---- organisation, people, teams, coaches -------------------------------------------------- */

enum sc_result demo_load_people(struct demo *dm)
{
	enum sc_result rc;

	for (int i = 0; i < NPEOPLE; i++) {
		const struct person_def *p = &people[i];
		struct record *r = demo_rec(E_PERSON);
		demo_set_s(dm, r, "name", p->name);
		demo_set_s(dm, r, "email", p->email);
		demo_set_s(dm, r, "title", p->title);
		demo_set_i(r, "active", p->left == NONE);
		if (p->superior >= 0)
			demo_set_i(r, "superior", dm->person[p->superior]);
		demo_set_i(r, "years_experience", p->years);
		demo_set_s(dm, r, "track_record", p->track);
		if ((rc = demo_add(dm, &r, p->email, &dm->person[i])))
			return rc;
	}
	return SC_OK;
}

enum sc_result demo_load_teams(struct demo *dm)
{
	enum sc_result rc;

	for (int i = 0; i < NTEAMS; i++) {
		struct record *r = demo_rec(E_TEAM);
		demo_set_s(dm, r, "name", teams[i].name);
		demo_set_i(r, "manager", dm->person[teams[i].manager]);
		if (teams[i].parent >= 0)
			demo_set_i(r, "parent", dm->team[teams[i].parent]);
		if ((rc = demo_add(dm, &r, teams[i].name, &dm->team[i])))
			return rc;
	}
	for (int i = 0; i < NPROGRAMMES; i++) {
		struct record *r = demo_rec(E_PROGRAMME);
		demo_set_i(r, "team", dm->team[programmes[i].team]);
		demo_set_s(dm, r, "model", programmes[i].model);
		demo_set_day(dm, r, "starts_on", dm->prog_start);
		demo_set_day(dm, r, "ends_on", dm->prog_end);
		demo_set_r(r, "target_hours", programmes[i].target);
		demo_set_s(dm, r, "name", programmes[i].name);
		if ((rc = demo_add(dm, &r, programmes[i].name, &dm->programme[i])))
			return rc;
	}
	return SC_OK;
}

enum sc_result demo_load_coaches(struct demo *dm)
{
	/* completed: day offset, or NONE while enrolled (the error case of coach-untrained). */
	const struct {
		int coach;
		const char *course, *provider;
		int completed;
	} trainings[] = {
		{ C_JEROEN, "Coachend leidinggeven voor salesmanagers", "Sales Academy Nederland",
		  -420 },
		{ C_SANDRA, "Situationeel leidinggeven", "Sales Academy Nederland", -900 },
		{ C_SANDRA, "Coachend leidinggeven voor salesmanagers", "Sales Academy Nederland",
		  -610 },
		{ C_ERIK, "Coachen voor senior verkopers", "Sales Academy Nederland",
		  dm->senior_start - 21 },
		{ C_NICOLE, "Coachen voor senior verkopers", "Sales Academy Nederland", -12 },
		{ C_BAS, "Coachen voor senior verkopers", "Sales Academy Nederland", NONE },
		{ C_LINDA, "Professioneel coachen (ICF ACC-traject)", "Coachacademie Utrecht",
		  -300 },
		{ C_THOMAS, "Co-actief coachen", "CTI Nederland", -1100 },
		{ C_KEES, "Master coach sales performance", "Kompas Academy", -2000 },
		{ C_FATIMA, "Coaching in de praktijk (EMCC)", "Coachacademie Utrecht", -900 },
		{ C_BRAM, "Sales coaching: de basis", "Kompas Academy", -200 },
	};
	enum sc_result rc;

	for (int i = 0; i < NCOACHES; i++) {
		const struct coach_def *c = &coaches[i];
		struct record *r = demo_rec(E_COACH);
		demo_set_i(r, "person", dm->person[c->person]);
		demo_set_s(dm, r, "kind", c->kind);
		demo_set_s(dm, r, "company", c->company);
		demo_set_i(r, "capacity", c->capacity);
		demo_set_r(r, "hours_per_week", c->hours);
		demo_set_s(dm, r, "certification", c->certification);
		demo_set_i(r, "active", c->active);
		if ((rc = demo_add(dm, &r, people[c->person].email, &dm->coach[i])))
			return rc;
	}
	for (size_t i = 0; i < ARRAY_SIZE(trainings); i++) {
		struct record *r = demo_rec(E_TRAINING);
		demo_set_i(r, "coach", dm->coach[trainings[i].coach]);
		demo_set_s(dm, r, "course", trainings[i].course);
		demo_set_s(dm, r, "provider", trainings[i].provider);
		if (trainings[i].completed != NONE)
			demo_set_day(dm, r, "completed_on", trainings[i].completed);
		if ((rc = demo_add(dm, &r, trainings[i].course, NULL)))
			return rc;
	}
	return SC_OK;
}

/* ---- the manager-model and senior-model records -------------------------------------------- */

enum sc_result demo_load_management(struct demo *dm)
{
	/* Sandra's gap: 10 x 3 h = 30 h needed, 5 h x 52 / 12 = 21.67 h available. */
	const struct {
		int manager;
		const char *name;
		double hours;
		bool delegable;
		int delegated_to;
	} tasks[] = {
		{ P_JEROEN, "Wekelijkse forecast en pipelinerapportage", 2.5, true, P_SANNE },
		{ P_JEROEN, "Offertes controleren en goedkeuren", 2, true, -1 },
		{ P_JEROEN, "Weekstart en teamoverleg", 1.5, false, -1 },
		{ P_JEROEN, "Bezoeken aan de grootste klanten", 4, false, -1 },
		{ P_JEROEN, "Werving en selectie", 1.5, false, -1 },
		{ P_SANDRA, "Wekelijkse forecast en pipelinerapportage", 3, true, -1 },
		{ P_SANDRA, "Offertes opstellen en prijsaanvragen", 2.5, true, P_KIM },
		{ P_SANDRA, "CRM-opschoning en datakwaliteit", 1.5, true, -1 },
		{ P_SANDRA, "Weekstart en teamoverleg", 2, false, -1 },
		{ P_SANDRA, "Escalaties van key accounts", 4, false, -1 },
		{ P_MARK, "Regio-overleg met de directie", 2, false, -1 },
		{ P_PETER, "Beursen en evenementen plannen", 1, true, -1 },
		{ P_WOUTER, "Maandrapportage regio Noord", 2, true, -1 },
	};
	const struct {
		int manager, off, next;
		const char *notes;
		const char *apart; /* keeps appraisal apart: the review's question, or NULL */
	} reviews[] = {
		{ P_JEROEN, -175, -85,
		  "Cadans besproken: wekelijks een vast moment per accountmanager, dat houdt "
		  "Jeroen goed vol. De feedback van de coachees is gemiddeld hoog. Aandachtspunt: "
		  "meer vragen stellen en minder zelf oplossen." },
		{ P_JEROEN, -85, 5,
		  "Coachingpraktijk op koers; de forecast is overgedragen aan de "
		  "salesondersteuning "
		  "en dat geeft ruimte. Volgende keer: hoe hij ride-alongs voorbereidt.",
		  "yes" },
		{ P_SANDRA, -205, -115,
		  "Sandra coacht tien mensen naast haar key accounts. De cadans is goed, maar "
		  "gesprekken schuiven vaak door escalaties. Afgesproken: delegeren onderzoeken." },
		{ P_SANDRA, -120, -30,
		  "Kort tussentijds overleg. Coachinggesprekken worden vaker afgezegd; de "
		  "feedback van de coachees daalt licht. Vervolg over een kwartaal.",
		  "partly" },
	};
	enum sc_result rc;

	for (size_t i = 0; i < ARRAY_SIZE(tasks); i++) {
		struct record *r = demo_rec(E_TASK);
		demo_set_i(r, "manager", dm->person[tasks[i].manager]);
		demo_set_s(dm, r, "name", tasks[i].name);
		demo_set_r(r, "hours_per_week", tasks[i].hours);
		demo_set_i(r, "delegable", tasks[i].delegable);
		if (tasks[i].delegated_to >= 0)
			demo_set_i(r, "delegated_to", dm->person[tasks[i].delegated_to]);
		if ((rc = demo_add(dm, &r, tasks[i].name, NULL)))
			return rc;
	}
	for (size_t i = 0; i < ARRAY_SIZE(reviews); i++) {
		struct record *r = demo_rec(E_SUPERVISION);
		demo_set_i(r, "manager", dm->person[reviews[i].manager]);
		demo_set_i(r, "reviewer", dm->person[P_ANNELIES]);
		demo_set_day(dm, r, "reviewed_on", reviews[i].off);
		demo_set_s(dm, r, "notes", reviews[i].notes);
		demo_set_day(dm, r, "next_review_on", reviews[i].next);
		if (reviews[i].apart)
			demo_set_s(dm, r, "keeps_appraisal_apart", reviews[i].apart);
		if ((rc = demo_add(dm, &r, "review", NULL)))
			return rc;
	}
	return SC_OK;
}

enum sc_result demo_load_seniors(struct demo *dm)
{
	/* The assessments: Tuesday to Thursday, about six weeks before coaching started. */
	int day = demo_weekday_in(dm, dm->senior_start - 49, dm->senior_start - 43, 1);
	const struct {
		int candidate, assessor, off;
		int motivation, traits, ability, track;
		const char *decision, *notes;
	} assessments[] = {
		{ P_ERIK, P_MARK, day, 4, 5, 4, 5, "ready",
		  "Geduldig, luistert goed en wordt door de junioren opgezocht." },
		{ P_NICOLE, P_MARK, day + 1, 3, 4, 3, 4, "ready",
		  "Voldoet net: gemotiveerd, maar coachen is nieuw voor haar. Training volgen." },
		{ P_BAS, P_MARK, day + 2, 4, 2, 4, 4, "not_ready",
		  "Sterke verkoper, maar ongeduldig: neemt het gesprek over. Eerst training, dan "
		  "opnieuw beoordelen." },
		{ P_HANNEKE, P_JEROEN, -60, 4, 4, 4, 5, "ready",
		  "Kandidaat voor een seniorrol in Amsterdam; nog geen coachees." },
	};
	enum sc_result rc;

	for (size_t i = 0; i < ARRAY_SIZE(assessments); i++) {
		struct record *r = demo_rec(E_ASSESSMENT);
		demo_set_i(r, "candidate", dm->person[assessments[i].candidate]);
		demo_set_i(r, "assessor", dm->person[assessments[i].assessor]);
		demo_set_day(dm, r, "assessed_on", assessments[i].off);
		demo_set_i(r, "motivation", assessments[i].motivation);
		demo_set_i(r, "traits", assessments[i].traits);
		demo_set_i(r, "ability", assessments[i].ability);
		demo_set_i(r, "track_record", assessments[i].track);
		demo_set_s(dm, r, "decision", assessments[i].decision);
		demo_set_s(dm, r, "notes", assessments[i].notes);
		if ((rc = demo_add(dm, &r, people[assessments[i].candidate].email, NULL)))
			return rc;
	}

	/* Erik: a fixed 20 % reduction. Nicole: computed from her hours, never applied. */
	struct record *r = demo_rec(E_INCENTIVE);
	demo_set_i(r, "coach", dm->coach[C_ERIK]);
	demo_set_day(dm, r, "starts_on", dm->senior_start);
	demo_set_day(dm, r, "ends_on", dm->prog_end);
	demo_set_r(r, "target_reduction_pct", 20);
	demo_set_r(r, "bonus_share_pct", 10);
	demo_set_i(r, "base_bonus", 12000);
	if ((rc = demo_add(dm, &r, "incentive of Erik van Leeuwen", NULL)))
		return rc;
	r = demo_rec(E_INCENTIVE);
	demo_set_i(r, "coach", dm->coach[C_NICOLE]);
	demo_set_day(dm, r, "starts_on", dm->senior_start);
	demo_set_day(dm, r, "ends_on", dm->prog_end);
	demo_set_r(r, "bonus_share_pct", 15);
	demo_set_i(r, "base_bonus", 10000);
	return demo_add(dm, &r, "incentive of Nicole Hendriks", NULL);
}

/* ---- appraisals ---------------------------------------------------------------------------- */

/* The appraisals of the demo, in one list so that sessions can keep their distance. */
struct appraisal_spec {
	int rep, manager, off;
	bool interim;
};

static size_t appraisal_specs(const struct demo *dm, struct appraisal_spec *out, size_t max)
{
	size_t n = 0;

	for (int p = 0; p < NPEOPLE && n < max; p++) {
		int sup = people[p].superior;
		if (!people[p].quota || sup < 0 || people[p].joined > dm->mid - 30)
			continue;
		out[n++] = (struct appraisal_spec){ p, sup, dm->mid + p % 4, false };
	}
	/* coaching-mixed-with-appraisal: 1 day apart (fires) and 3 days apart (inside). */
	if (n + 2 <= max) {
		out[n++] = (struct appraisal_spec){ P_DAAN, P_SANDRA, -9, true };
		out[n++] = (struct appraisal_spec){ P_LOTTE, P_JEROEN, -22, true };
	}
	return n;
}

/* True when rep has an appraisal by manager within 2 days of day off. */
bool demo_near_appraisal(const struct demo *dm, int rep, int manager, int off)
{
	struct appraisal_spec list[NPEOPLE + 2];
	size_t n = appraisal_specs(dm, list, ARRAY_SIZE(list));

	for (size_t i = 0; i < n; i++)
		if (list[i].rep == rep && list[i].manager == manager && off >= list[i].off - 2 &&
		    off <= list[i].off + 2)
			return true;
	return false;
}

/* Offset of the first day of the month k months before the month of day off. */
static int months_back(const struct demo *dm, int off, int k)
{
	int first = demo_month_start_of(dm, off);
	while (k-- > 0)
		first = demo_month_start_of(dm, first - 1);
	return first;
}

enum sc_result demo_load_appraisals(struct demo *dm)
{
	static const char *const texts[] = {
		"Halfjaarlijkse beoordeling: omzetdoel grotendeels gehaald, sterke "
		"klantrelaties. Ontwikkelpunt: nieuwe klanten binnenhalen.",
		"Halfjaarlijkse beoordeling: boven target, betrouwbaar in de forecast.",
		"Halfjaarlijkse beoordeling: onder target door twee uitgestelde orders; inzet en "
		"activiteit zijn goed.",
		"Halfjaarlijkse beoordeling: goede start, groeit in grotere trajecten.",
	};
	struct appraisal_spec list[NPEOPLE + 2];
	size_t n = appraisal_specs(dm, list, ARRAY_SIZE(list));
	enum sc_result rc;

	for (size_t i = 0; i < n; i++) {
		const struct appraisal_spec *a = &list[i];
		struct record *r = demo_rec(E_APPRAISAL);
		/* The half year, or for an interim appraisal the quarter, before its month. */
		demo_set_i(r, "rep", dm->person[a->rep]);
		demo_set_i(r, "manager", dm->person[a->manager]);
		int round = a->interim ? a->off : dm->mid;
		demo_set_day(dm, r, "period_from", months_back(dm, round, a->interim ? 3 : 6));
		demo_set_day(dm, r, "period_to", demo_month_start_of(dm, round) - 1);
		demo_set_day(dm, r, "recorded_on", a->off);
		demo_set_i(r, "rating",
		           demo_rnd_pct(dm, 15)   ? 5
		           : demo_rnd_pct(dm, 15) ? 2
		                                  : demo_rnd_in(dm, 3, 4));
		if (a->interim)
			demo_set_s(dm, r, "text",
			           "Tussentijdse beoordeling van het afgelopen kwartaal op verzoek "
			           "van "
			           "HR.");
		else
			demo_set_s(dm, r, "text", PICK(dm, texts));
		/* Built here so that the generator draws the same numbers, added later. */
		if (a->interim && dm->ninterim < ARRAY_SIZE(dm->interim)) {
			dm->interim[dm->ninterim].rec = r;
			dm->interim[dm->ninterim++].rep = a->rep;
			continue;
		}
		if ((rc = demo_add(dm, &r, people[a->rep].email, NULL)))
			return rc;
	}
	return SC_OK;
}

/*
 * The interim appraisals of the mixing case, after the sessions they lie
 * near: Sandra's of Daan, one day after a coaching session, is refused in
 * the manager model and recorded with an override; Jeroen's of Lotte, three
 * days away, is outside the window.
 */
enum sc_result demo_load_interim_appraisals(struct demo *dm)
{
	enum sc_result rc = SC_OK;

	for (size_t i = 0; i < dm->ninterim; i++) {
		int rep = dm->interim[i].rep;
		rc = demo_add_override(dm, &dm->interim[i].rec, people[rep].email, NULL,
		                       rep == P_DAAN
		                               ? "De beoordelingsronde van HR viel in dezelfde "
		                                 "week als het coachinggesprek; bewust zo "
		                                 "vastgelegd, de salesdirecteur is ingelicht."
		                               : NULL);
		if (rc)
			break;
	}
	return rc;
}

/* ---- team activities ----------------------------------------------------------------------- */

/* The coach introduced at a meeting of team on day off, or -1 (Bram never is). */
static int introduced_at(int team, int off, const bool *done)
{
	for (int c = 0; c < NCOACHES; c++)
		if (coaches[c].team == team && c != C_BRAM && !done[c] && off >= coaches[c].start)
			return c;
	return -1;
}

static enum sc_result add_activity(struct demo *dm, int team, int off, bool event, int introduces)
{
	static const char *const events[] = { "Productdemo nieuwe multifunctionals",
		                              "Training onderhandelen in tenders",
		                              "Kwartaalkick-off", "Klantevent: open huis showroom",
		                              "Workshop accountplanning" };
	size_t nth = (size_t)(off < 0 ? -off : off) / 30;
	struct record *r = demo_rec(E_ACTIVITY);
	struct activity_spec *a;
	char title[200];
	enum sc_result rc;

	if (dm->nact[team] >= MAX_ACTIVITY) {
		record_free(&r);
		return SC_OK;
	}
	a = &dm->act[team][dm->nact[team]];
	demo_set_i(r, "team", dm->team[team]);
	if (event) {
		demo_set_at(dm, r, "at", off, 14 * 60);
		demo_set_s(dm, r, "kind", nth % 2 ? "training" : "event");
		demo_set_s(dm, r, "title", events[nth % ARRAY_SIZE(events)]);
		demo_set_i(r, "minutes", 120);
	} else {
		if (introduces >= 0)
			snprintf(title, sizeof(title), "%s en kennismaking met %s",
			         teams[team].meeting, people[coaches[introduces].person].name);
		else
			snprintf(title, sizeof(title), "%s", teams[team].meeting);
		demo_set_at(dm, r, "at", off, 9 * 60);
		demo_set_s(dm, r, "kind", "team_meeting");
		demo_set_s(dm, r, "title", title);
		if (introduces >= 0)
			demo_set_i(r, "introduces", dm->coach[introduces]);
	}
	if ((rc = demo_add(dm, &r, teams[team].name, &a->id)))
		return rc;
	a->off = off;
	a->event = event;
	a->introduces = introduces;
	dm->nact[team]++;
	return SC_OK;
}

/*
 * A weekly meeting per team and a monthly event on a Wednesday, on the next
 * working day when the day is a public holiday (demo_working_day). In the
 * 30-day window every team therefore has exactly four meetings and one event;
 * a meeting that would fall in the band moves three days earlier, one that
 * would fall today moves to tomorrow.
 */
enum sc_result demo_load_activities(struct demo *dm)
{
	enum sc_result rc;

	for (int t = 0; t < NTEAMS; t++) {
		bool introduced[NCOACHES] = { false };
		int meeting = demo_weekday_in(dm, -190, -184, teams[t].meeting_weekday);
		for (int k = 6; k >= -1; k--) {
			int event = demo_weekday_in(dm, -16 - 30 * k, -10 - 30 * k, 2);
			for (; meeting < event && meeting <= PLANNED_UNTIL; meeting += 7) {
				int off = demo_working_day(dm, demo_in_band(meeting) ? meeting - 3
				                               : meeting == 0        ? 1
				                                                     : meeting);
				int c = introduced_at(t, off, introduced);
				if (c >= 0)
					introduced[c] = true;
				if ((rc = add_activity(dm, t, off, false, c)))
					return rc;
			}
			if (event <= PLANNED_UNTIL &&
			    (rc = add_activity(dm, t, demo_working_day(dm, event), true, -1)))
				return rc;
		}
		for (; meeting <= PLANNED_UNTIL; meeting += 7)
			if ((rc = add_activity(dm, t, demo_working_day(dm, meeting), false, -1)))
				return rc;
	}
	return SC_OK;
}
