/*
 * demo_coaching.c - the demo's coaching: relationships with their sessions,
 * action items and plans, and the window of the internal and external
 * coaches (docs/demo.md).
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

/* ---- words --------------------------------------------------------------------------------- */

static const char *const skill_codes[] = {
	"prospecting",         "call_preparation", "opening", "needs_analysis", "presenting_value",
	"handling_objections", "negotiating",      "closing", "follow_up",      "account_planning"
};
static const char *const skill_words[] = { "prospectie",         "gespreksvoorbereiding",
	                                   "de opening",         "behoefteanalyse",
	                                   "waarde presenteren", "bezwaren behandelen",
	                                   "onderhandelen",      "afsluiten",
	                                   "opvolging",          "accountplanning" };

static const char *const notes_text[] = {
	"%s ging duidelijk beter dan vorige keer. Afgesproken om het bij de komende twee "
	"klantgesprekken bewust toe te passen.",
	"We hebben %s geoefend in een rollenspel. Nog wat gehaast; volgende keer meer stiltes "
	"laten vallen.",
	"Open gesprek over de pipeline. De focus blijft op %s; de coachee kiest zelf de volgende "
	"stap.",
	"Session held in English at the coachee's request: worked on %s with a real case from "
	"this week.",
	"Zelfinschatting besproken. Op %s ziet de coachee zelf vooruitgang; een concreet voorbeeld "
	"genoteerd.",
	"Twee klantsituaties van deze week nagelopen. Bij %s helpt het om eerst samen te vatten "
	"wat de klant zei.",
};

static const char *const customers[] = {
	"Advocatenkantoor Meijer & Partners",
	"Zorggroep Zonnehof",
	"Logistiek Centrum Botlek",
	"Basisschool De Regenboog",
	"Accountantskantoor Brink",
	"Hotel De Vijf Zinnen",
	"Installatiebedrijf Kuiper",
	"Makelaardij Van Os",
	"Woningcorporatie Thuisbasis",
	"Fysiotherapie Centrum Oost",
	"Drukkerij Veldhuis",
	"Gemeentelijke Sportbedrijven",
};
static const char *const stages[] = { "prospecting", "qualification", "proposal",
	                              "negotiation", "closing",       "after_sales" };
static const char *const follow_ups[] = {
	"Samenvatting van het bezoek binnen 24 uur naar de klant; vervolgafspraak voorstellen.",
	"Offerte aanpassen op de genoemde bezwaren en vooraf met de coach doorlopen.",
	"Beslisser bij de klant in kaart brengen en een tweede gesprek met hem plannen.",
	"Referentiebezoek bij een vergelijkbare klant organiseren.",
};
static const char *const strengths[] = {
	"Sterke opening: agenda en tijd vooraf met de klant afgestemd.",
	"Goede open vragen; de klant vertelde zelf over zijn knelpunten.",
	"Bleef rustig bij het prijsbezwaar en vroeg door.",
	"Duidelijke samenvatting aan het eind van het gesprek.",
	"Goed voorbereid: kende de cijfers en de organisatie van de klant.",
};
static const char *const improvements[] = {
	"Eerst doorvragen op het bezwaar voordat je antwoordt.",
	"Vraag aan het eind concreet om een volgende stap.",
	"Minder over het product praten, meer over het probleem van de klant.",
	"Laat stiltes vallen na een vraag.",
	"Noem de prijs pas als de waarde helder is.",
};
static const char *const coachee_actions[] = {
	"Accountplan voor de drie grootste klanten bijwerken",
	"Drie open vragen voorbereiden voor het volgende klantgesprek",
	"Na elk bezoek binnen 24 uur een opvolgmail sturen",
	"Het bezwaar 'te duur' oefenen met een collega",
	"Pipeline in het CRM opschonen en de volgende stappen invullen",
	"Een referentieklant vragen om een case voor de offerte",
};
static const char *const coach_actions[] = {
	"Opname van het klantgesprek delen, met feedback",
	"Ride-along inplannen bij een nieuwe klant",
	"Artikel over onderhandelen op waarde delen",
};
static const char *const goals[] = {
	"Meer eerste gesprekken omzetten in een vervolgafspraak door een scherpere "
	"behoefteanalyse.",
	"Minder korting weggeven: onderhandelen op waarde in plaats van op prijs.",
	"Elke week vijf nieuwe prospects benaderen en dat ritme volhouden.",
	"Zekerder afsluiten: in elk voorstelgesprek om een concrete beslissing vragen.",
	"Grote klanten planmatig uitbouwen met een accountplan per klant.",
};

/* ---- coaching relationships and their sessions --------------------------------------------- */

int demo_start_offset(const struct demo *dm, enum start_code code)
{
	switch (code) {
	case ST_SENIOR:
		return dm->senior_start;
	case ST_FATIMA:
		return FATIMA_START;
	case ST_BRAM:
		return BRAM_START;
	default:
		return MAIN_START;
	}
}

bool demo_is_intext(int coach)
{
	return !strcmp(coaches[coach].kind, "internal") || !strcmp(coaches[coach].kind, "external");
}

static int last_day(const struct assignment_def *ad)
{
	return ad->profile == PF_ENDED ? RIK_LEFT : ad->profile == PF_PAUSED ? EMMA_PAUSED : -1;
}

struct session_spec {
	int off, minute, minutes;
	const char *kind, *status;
	bool intro;
};

static int kind_minutes(const char *kind)
{
	return !strcmp(kind, "ride_along") ? 150 : !strcmp(kind, "call_review") ? 45 : 60;
}

/*
 * Add a session of assignment ix; a held ride-along gets its observations
 * and, before the window, is remembered for the coach's presence log.
 */
static enum sc_result add_session(struct demo *dm, size_t ix, const struct session_spec *ss,
                                  int64_t *id)
{
	const struct assignment_def *ad = &assignments[ix];
	bool held = !strcmp(ss->status, "held");
	bool ride = !strcmp(ss->kind, "ride_along");
	int s1 = dm->asg_skill[ix][demo_rnd(dm) % 2], s2 = demo_rnd_in(dm, 0, 9);
	char skills[80], agenda[300], notes[600], what[120], day[TU_DATE_LEN];
	struct record *r = demo_rec(E_SESSION);
	int64_t sid = 0;
	enum sc_result rc;

	if (s2 == s1)
		s2 = (s1 + 3) % 10;
	if (ride || !strcmp(ss->kind, "deal_review"))
		snprintf(skills, sizeof(skills), "%s,%s", skill_codes[s1], skill_codes[s2]);
	else
		snprintf(skills, sizeof(skills), "%s", skill_codes[s1]);
	if (ss->intro)
		snprintf(agenda, sizeof(agenda),
		         "Kennismaking: verwachtingen, werkwijze en vertrouwelijkheid van de "
		         "coaching");
	else if (ride)
		snprintf(agenda, sizeof(agenda),
		         "Voorbereiding klantbezoek: rolverdeling en focus op %s", skill_words[s1]);
	else if (!strcmp(ss->kind, "call_review"))
		snprintf(agenda, sizeof(agenda),
		         "Opname van een klantgesprek samen terugluisteren; let op %s",
		         skill_words[s1]);
	else if (!strcmp(ss->kind, "deal_review"))
		snprintf(agenda, sizeof(agenda), "Lopende deal doornemen: volgende stap en %s",
		         skill_words[s1]);
	else if (!strcmp(ss->kind, "team"))
		snprintf(agenda, sizeof(agenda), "Teamcoaching: %s oefenen in tweetallen",
		         skill_words[s1]);
	else
		snprintf(agenda, sizeof(agenda), "Terugblik op de week, pipeline en oefenpunt: %s",
		         skill_words[s1]);
	demo_set_i(r, "assignment", dm->assignment[ix]);
	demo_set_s(dm, r, "kind", ss->kind);
	demo_set_at(dm, r, "at", ss->off, ss->minute);
	demo_set_i(r, "minutes", ss->minutes);
	demo_set_s(dm, r, "status", ss->status);
	demo_set_s(dm, r, "agenda", agenda);
	demo_set_s(dm, r, "skills", skills);
	if (ss->intro)
		demo_set_i(r, "intro", 1);
	if (held) {
		snprintf(notes, sizeof(notes), PICK(dm, notes_text), skill_words[s1]);
		notes[0] = (char)(notes[0] >= 'a' && notes[0] <= 'z' ? notes[0] - 32 : notes[0]);
		demo_set_s(dm, r, "notes", notes);
		if (demo_rnd_pct(dm, 88)) {
			/* Thomas's coachees rate his sessions lower. */
			bool thomas = ad->coach == C_THOMAS;
			demo_set_i(r, "feedback", demo_rnd_in(dm, thomas ? 2 : 3, thomas ? 4 : 5));
		}
	}
	if (ride) {
		demo_set_s(dm, r, "customer", PICK(dm, customers));
		demo_set_s(dm, r, "stage", PICK(dm, stages));
		demo_set_s(dm, r, "role", demo_rnd_pct(dm, 60) ? "observer" : "co_pilot");
		if (held)
			demo_set_s(dm, r, "follow_up", PICK(dm, follow_ups));
	}
	demo_day_text(dm, ss->off, day);
	snprintf(what, sizeof(what), "%s, %s", people[ad->coachee].email, day);
	if ((rc = demo_add(dm, &r, what, &sid)))
		return rc;
	if (id)
		*id = sid;
	if (!(held && ride))
		return SC_OK;
	if (demo_is_intext(ad->coach) && ss->off < BAND_FIRST && dm->nrides[ad->coach] < MAX_RIDES)
		dm->rides[ad->coach][dm->nrides[ad->coach]++] = ss->off;
	for (int k = 0; k < 2; k++) {
		struct record *o = demo_rec(E_OBSERVATION);
		demo_set_i(o, "session", sid);
		demo_set_s(dm, o, "skill", skill_codes[k ? s2 : s1]);
		demo_set_s(dm, o, "strengths", PICK(dm, strengths));
		demo_set_s(dm, o, "improvement", PICK(dm, improvements));
		if ((rc = demo_add(dm, &o, "ride-along observation", NULL)))
			return rc;
	}
	return SC_OK;
}

/*
 * The kind of the k-th weekly slot: every four slots in a row hold a
 * ride-along and at most one 45-minute call review, so any calendar month
 * (at least four slots) holds at least 225 minutes, above every target.
 */
static const char *slot_kind(int k, bool manager_model)
{
	static const char *const pattern[] = { "one_to_one", "call_review", "one_to_one",
		                               "ride_along", "one_to_one",  "deal_review",
		                               "one_to_one", "ride_along" };
	const char *kind = pattern[k % 8];
	return manager_model && k % 8 == 5 ? "team" : kind;
}

/* Plan the k-th slot at day s of a designed case; false when no session is held or logged. */
static bool shape_slot(const struct demo *dm, const struct assignment_def *ad, int s,
                       struct session_spec *ss, int k)
{
	int later;

	switch (ad->profile) {
	case PF_MIX_FIRE:
	case PF_MIX_INSIDE:
		/* The session of the mixing case is a plain one-to-one. */
		if (s == (ad->profile == PF_MIX_FIRE ? -10 : -25)) {
			ss->kind = "one_to_one";
			ss->minutes = 60;
		}
		return true;
	case PF_LAPSED:
		/* Three weeks apart from -78 on: never 3 hours in a calendar month. */
		if (s < -78)
			return true;
		if (s == -78 || s == -57 || s == -36) {
			ss->kind = "one_to_one";
			ss->minutes = 60;
			return true;
		}
		ss->status = s == -8 ? "no_show" : "cancelled";
		return s == -8 || k % 2 == 0;
	case PF_LAST29:
		if (s == -29) {
			/* Long enough to meet the target of the month it falls in. */
			ss->kind = "deal_review";
			ss->minutes = 180;
		} else if (s > -29) {
			ss->status = s == -8 ? "no_show" : "cancelled";
		}
		return true;
	case PF_CAD_LOW:
	case PF_CAD_EXACT:
		if (s < dm->pm_first || s > dm->pm_last)
			return true;
		later = (dm->pm_last - s) / 7;
		if (later < (ad->profile == PF_CAD_LOW ? 2 : 3)) {
			ss->kind = "one_to_one";
			ss->minutes = ad->profile == PF_CAD_LOW ? 75 : 60;
		} else {
			ss->status = "cancelled";
		}
		return true;
	default:
		return true;
	}
}

/* Collect an action item that came out of a held session. */
static void note_action(struct demo *dm, int off, int64_t session)
{
	struct action_spec *a;

	if (dm->nactions >= MAX_ACTIONS || !demo_rnd_pct(dm, 35))
		return;
	a = &dm->actions[dm->nactions++];
	a->session_off = off;
	a->session = session;
	a->due = off + (demo_rnd_pct(dm, 70) ? 7 : 14);
	a->by_coach = demo_rnd_pct(dm, 20);
	a->text = a->by_coach ? PICK(dm, coach_actions) : PICK(dm, coachee_actions);
}

static enum sc_result add_action(struct demo *dm, size_t ix, const struct action_spec *a, int done)
{
	const struct assignment_def *ad = &assignments[ix];
	struct record *r = demo_rec(E_ACTION);

	demo_set_i(r, "assignment", dm->assignment[ix]);
	if (a->session)
		demo_set_i(r, "session", a->session);
	demo_set_i(r, "owner", dm->person[a->by_coach ? coaches[ad->coach].person : ad->coachee]);
	demo_set_s(dm, r, "text", a->text);
	demo_set_day(dm, r, "due_on", a->due);
	if (done != NONE)
		demo_set_day(dm, r, "done_on", done);
	return demo_add(dm, &r, people[ad->coachee].email, NULL);
}

/*
 * Every action item with a due date before today is done, except: one
 * coachee-owned item left open in some relationships (never more), and the
 * designed overdue-actions cases.
 */
static enum sc_result load_actions(struct demo *dm, size_t ix)
{
	const struct assignment_def *ad = &assignments[ix];
	bool designed = ad->profile == PF_OVERDUE_FIRE || ad->profile == PF_OVERDUE_INSIDE;
	bool ongoing = ad->profile != PF_ENDED && ad->profile != PF_PAUSED;
	size_t open = SIZE_MAX;
	enum sc_result rc;

	if (ongoing && !designed && demo_rnd_pct(dm, 30))
		for (size_t i = 0; i < dm->nactions; i++)
			if (!dm->actions[i].by_coach && dm->actions[i].due <= -1 &&
			    (open == SIZE_MAX || dm->actions[i].due > dm->actions[open].due))
				open = i;
	for (size_t i = 0; i < dm->nactions; i++) {
		const struct action_spec *a = &dm->actions[i];
		int lo = a->session_off + 1 < -1 ? a->session_off + 1 : -1;
		int done = NONE;
		if (a->due <= -1 && i != open) {
			done = a->due + demo_rnd_in(dm, -4, 1);
			done = done < lo ? lo : done > -1 ? -1 : done;
		} else if (a->due >= 0 && demo_rnd_pct(dm, 20)) {
			done = demo_rnd_in(dm, lo, -1);
		}
		if ((rc = add_action(dm, ix, a, done)))
			return rc;
	}
	if (designed) {
		static const int fire[] = { -20, -12, -5 }, inside[] = { -14, -6, 0 };
		const int *due = ad->profile == PF_OVERDUE_FIRE ? fire : inside;
		for (int k = 0; k < 3; k++) {
			struct action_spec a = { 0, 0, due[k], false, coachee_actions[k + 1] };
			if ((rc = add_action(dm, ix, &a, NONE)))
				return rc;
		}
	}
	return SC_OK;
}

static enum sc_result load_plan(struct demo *dm, size_t ix, int start, int last)
{
	const struct assignment_def *ad = &assignments[ix];
	struct record *r = demo_rec(E_PLAN);
	char skills[80];
	int64_t plan = 0;
	int mid = start + (last - start) / 2;
	const int when[3] = { start + 3, mid, last - 9 };
	enum sc_result rc;

	snprintf(skills, sizeof(skills), "%s,%s", skill_codes[dm->asg_skill[ix][0]],
	         skill_codes[dm->asg_skill[ix][1]]);
	demo_set_i(r, "assignment", dm->assignment[ix]);
	demo_set_s(dm, r, "goals", goals[ix % ARRAY_SIZE(goals)]);
	demo_set_s(dm, r, "skills", skills);
	demo_set_day(dm, r, "review_on", last == -1 ? demo_rnd_in(dm, 20, 45) : last);
	if ((rc = demo_add(dm, &r, people[ad->coachee].email, &plan)))
		return rc;
	for (int w = 0; w < 3; w++) {
		if (w == 2 && when[2] < mid + 20)
			break;
		for (int k = 0; k < 2; k++) {
			struct record *s = demo_rec(E_SELF_ASSESSMENT);
			demo_set_i(s, "plan", plan);
			demo_set_s(dm, s, "skill", skill_codes[dm->asg_skill[ix][k]]);
			demo_set_day(dm, s, "assessed_on", when[w]);
			demo_set_i(s, "score",
			           2 + w - (demo_rnd_pct(dm, 30) ? 1 : 0) + (k && w ? 1 : 0));
			if ((rc = demo_add(dm, &s, "self-assessment", NULL)))
				return rc;
		}
	}
	return SC_OK;
}

/* The position of assignment ix among its coach's: gives each coachee an hour of their own. */
static int coachee_number(size_t ix)
{
	int n = 0;
	for (size_t i = 0; i < ix; i++)
		n += assignments[i].coach == assignments[ix].coach;
	return n;
}

/* The slot of assignment ix in -7..-1, on a weekday from Monday to Thursday. */
static int slot_anchor(const struct demo *dm, size_t ix)
{
	const struct assignment_def *ad = &assignments[ix];
	return ad->anchor ? ad->anchor : demo_weekday_in(dm, -7, -1, (int)(ix % 4));
}

/*
 * Why Bas Dekker coaches although he is not assessed as ready (and, with
 * Sara, beyond his capacity of one): the coach-not-assessed and
 * coach-overloaded cases. NULL for every other relationship.
 */
static const char *assignment_override(const struct assignment_def *ad)
{
	if (ad->coach != C_BAS)
		return NULL;
	if (ad->coachee == P_LUUK)
		return "Luuk vroeg zelf om Bas als coach; Mark Jansen laat dit doorgaan terwijl "
		       "Bas de coachingstraining afrondt, daarna volgt een nieuwe beoordeling.";
	return "Tijdelijk: Nicole heeft geen ruimte en Sara wil niet wachten. Mark Jansen "
	       "bespreekt de belasting van Bas maandelijks; herbeoordeling na de training.";
}

enum sc_result demo_load_assignment(struct demo *dm, size_t ix)
{
	const struct assignment_def *ad = &assignments[ix];
	bool manager_model = !strcmp(programmes[ad->programme].model, "manager");
	bool intext = demo_is_intext(ad->coach);
	bool ongoing = ad->profile != PF_ENDED && ad->profile != PF_PAUSED;
	int coach_person = coaches[ad->coach].person;
	int start = demo_start_offset(dm, ad->start), last = last_day(ad);
	int minute = 8 * 60 + 50 * coachee_number(ix);
	struct record *r = demo_rec(E_ASSIGNMENT);
	enum sc_result rc;

	dm->asg_skill[ix][0] = demo_rnd_in(dm, 0, 9);
	dm->asg_skill[ix][1] = (dm->asg_skill[ix][0] + demo_rnd_in(dm, 1, 9)) % 10;
	demo_set_i(r, "programme", dm->programme[ad->programme]);
	demo_set_i(r, "coach", dm->coach[ad->coach]);
	demo_set_i(r, "coachee", dm->person[ad->coachee]);
	demo_set_day(dm, r, "starts_on", start);
	if (ad->profile == PF_ENDED)
		demo_set_day(dm, r, "ends_on", last);
	demo_set_s(dm, r, "status",
	           ad->profile == PF_ENDED    ? "ended"
	           : ad->profile == PF_PAUSED ? "paused"
	                                      : "active");
	if ((rc = demo_add_override(dm, &r, people[ad->coachee].email, &dm->assignment[ix],
	                            assignment_override(ad))))
		return rc;
	if ((rc = load_plan(dm, ix, start, last)))
		return rc;

	dm->nactions = 0;
	struct session_spec intro = {
		demo_working_day(dm, start), minute, 90, "one_to_one", "held", true
	};
	int64_t sid = 0;
	if ((rc = add_session(dm, ix, &intro, &sid)))
		return rc;

	int s = slot_anchor(dm, ix);
	while (s - 7 >= start + 2)
		s -= 7;
	for (int k = 0; s <= (ongoing ? PLANNED_UNTIL : last); s += 7, k++) {
		/* Nobody is coached on a public holiday: the slot moves to a working day. */
		struct session_spec ss = { demo_working_day(dm, s),     minute, 0,
			                   slot_kind(k, manager_model), "held", false };
		if (s > last && s <= 0)
			continue;
		if (manager_model && demo_near_appraisal(dm, ad->coachee, coach_person, ss.off) &&
		    !(ad->profile == PF_MIX_FIRE && s == -10))
			continue;
		if (s >= 1) {
			ss.status = "planned";
		} else if (intext && s >= BAND_FIRST && !strcmp(ss.kind, "ride_along")) {
			/* In the window a coach's ride-alongs are the designed ones. */
			ss.kind = "one_to_one";
		}
		ss.minutes = kind_minutes(ss.kind);
		if (s <= -1 && !shape_slot(dm, ad, s, &ss, k))
			continue;
		/* Now and then a session is called off and held a few days later. */
		int called_off = s - 2;
		while (!demo_is_weekday(dm, called_off) || demo_is_holiday(dm, called_off))
			called_off--;
		if (s <= -1 && ad->profile == PF_NORMAL && called_off > start &&
		    demo_rnd_pct(dm, 8) &&
		    !(manager_model &&
		      demo_near_appraisal(dm, ad->coachee, coach_person, called_off))) {
			struct session_spec off = { called_off,
				                    minute,
				                    60,
				                    "one_to_one",
				                    demo_rnd_pct(dm, 70) ? "cancelled" : "no_show",
				                    false };
			if ((rc = add_session(dm, ix, &off, NULL)))
				return rc;
		}
		if ((rc = add_session(dm, ix, &ss, &sid)))
			return rc;
		if (!strcmp(ss.status, "held"))
			note_action(dm, s, sid);
	}
	return load_actions(dm, ix);
}

/* The index of the relationship of coachee in assignments[]. */
static size_t assignment_of(int coachee)
{
	size_t ix = 0;

	while (ix < NASSIGNMENTS - 1 && assignments[ix].coachee != coachee)
		ix++;
	return ix;
}

/* A one-to-one of relationship ix on day off at 16:00, still planned: nobody recorded it. */
static enum sc_result unrecorded_session(struct demo *dm, size_t ix, int off)
{
	struct record *r = demo_rec(E_SESSION);

	demo_set_i(r, "assignment", dm->assignment[ix]);
	demo_set_s(dm, r, "kind", "one_to_one");
	demo_set_at(dm, r, "at", off, 16 * 60);
	demo_set_i(r, "minutes", 60);
	demo_set_s(dm, r, "status", "planned");
	demo_set_s(dm, r, "agenda", "Extra gesprek: voorbereiding offertegesprek");
	return demo_add(dm, &r, "an unrecorded session", NULL);
}

/*
 * session-not-recorded: Bas planned an extra one-to-one with Sara on the last
 * working day at least 3 days ago and never recorded it (fires: the limit is
 * 2 days after its day); Linda's with Marloes yesterday is not recorded yet
 * either, just inside (only on a working day: after a weekend there is none).
 * Loaded last and without draws, so that nothing else of the demo moves.
 */
enum sc_result demo_load_unrecorded(struct demo *dm)
{
	int off = -3;
	enum sc_result rc;

	while (!demo_is_weekday(dm, off) || demo_is_holiday(dm, off))
		off--;
	if ((rc = unrecorded_session(dm, assignment_of(P_SARA), off)))
		return rc;
	if (demo_is_weekday(dm, -1) && !demo_is_holiday(dm, -1))
		return unrecorded_session(dm, assignment_of(P_MARLOES), -1);
	return SC_OK;
}

/* ---- the window of the internal and external coaches --------------------------------------- */

/* Offsets of team's activities inside the window, in time order. */
static size_t window_activities(const struct demo *dm, int team, const struct activity_spec **out,
                                size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < dm->nact[team] && n < max; i++)
		if (dm->act[team][i].off >= WINDOW_FIRST && dm->act[team][i].off <= -1)
			out[n++] = &dm->act[team][i];
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && out[j]->off < out[j - 1]->off; j--) {
			const struct activity_spec *t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static enum sc_result add_presence(struct demo *dm, int coach, int off, const char *kind,
                                   int64_t activity, const char *note)
{
	struct record *r = demo_rec(E_PRESENCE);

	demo_set_i(r, "coach", dm->coach[coach]);
	demo_set_day(dm, r, "present_on", off);
	demo_set_s(dm, r, "kind", kind);
	if (activity)
		demo_set_i(r, "activity", activity);
	demo_set_s(dm, r, "note", note);
	return demo_add(dm, &r, people[coaches[coach].person].email, NULL);
}

static bool has_day(const int *days, int n, int off)
{
	for (int i = 0; i < n; i++)
		if (days[i] == off)
			return true;
	return false;
}

/*
 * The coach's presence in the window: floor days that include every other
 * kind of presence, the team activities attended, and the ride-alongs, each
 * a held ride-along session and a customer appointment on a floor day.
 */
enum sc_result demo_load_window(struct demo *dm, int c)
{
	const struct coach_def *cd = &coaches[c];
	const struct activity_spec *wa[8];
	size_t nwa = window_activities(dm, cd->team, wa, ARRAY_SIZE(wa));
	int fd[28], nfd = 0, act_days = 0, rides[28], nrides = 0, turn = 0;
	enum sc_result rc;

	for (size_t i = 0; i < nwa; i++)
		if ((cd->att >> i) & 1u && !has_day(fd, nfd, wa[i]->off))
			fd[nfd++] = wa[i]->off;
	act_days = nfd;
	/* 11 is prime to 28: a spread of the window's days in a fixed order. */
	for (int j = 0; j < 28 && nfd < cd->floor; j++) {
		int off = -1 - (j * 11) % 28;
		if (demo_is_weekday(dm, off) && !demo_is_holiday(dm, off) && !has_day(fd, nfd, off))
			fd[nfd++] = off;
	}
	for (int i = act_days; i < nfd && nrides < cd->rides; i++)
		rides[nrides++] = fd[i];
	for (int i = 0; i < act_days && nrides < cd->rides; i++)
		rides[nrides++] = fd[i];

	for (int i = 0; i < nfd; i++)
		if ((rc = add_presence(dm, c, fd[i], "sales_floor", 0, NULL)))
			return rc;
	for (size_t i = 0; i < nwa; i++) {
		if (!((cd->att >> i) & 1u))
			continue;
		if ((rc = add_presence(dm, c, wa[i]->off,
		                       wa[i]->event ? "team_activity" : "team_meeting", wa[i]->id,
		                       NULL)))
			return rc;
	}
	for (int i = 0; i < nrides; i++) {
		size_t mine[NASSIGNMENTS], n = 0;
		for (size_t a = 0; a < NASSIGNMENTS; a++)
			if (assignments[a].coach == c && assignments[a].profile == PF_NORMAL &&
			    demo_start_offset(dm, assignments[a].start) < rides[i])
				mine[n++] = a;
		if (!n)
			continue;
		struct session_spec ss = {
			rides[i], 13 * 60 + 30, 150, "ride_along", "held", false
		};
		if ((rc = add_session(dm, mine[turn++ % n], &ss, NULL)) ||
		    (rc = add_presence(dm, c, rides[i], "customer_appointment", 0,
		                       "Klantbezoek samen met de accountmanager")))
			return rc;
	}
	return SC_OK;
}

/* Presence before the window: usual floor days, most team activities, the ride-alongs. */
enum sc_result demo_load_history(struct demo *dm, int c)
{
	const struct coach_def *cd = &coaches[c];
	enum sc_result rc;

	for (int off = cd->start; off < BAND_FIRST; off++)
		if ((cd->weekdays >> demo_weekday(dm, off)) & 1u && !demo_is_holiday(dm, off) &&
		    (rc = add_presence(dm, c, off, "sales_floor", 0, NULL)))
			return rc;
	for (size_t i = 0; i < dm->nact[cd->team]; i++) {
		const struct activity_spec *a = &dm->act[cd->team][i];
		if (a->off < cd->start || a->off >= BAND_FIRST)
			continue;
		if (a->introduces != c && !demo_rnd_pct(dm, 85))
			continue;
		if ((rc = add_presence(dm, c, a->off, a->event ? "team_activity" : "team_meeting",
		                       a->id, NULL)))
			return rc;
	}
	for (size_t i = 0; i < dm->nrides[c]; i++)
		if ((rc = add_presence(dm, c, dm->rides[c][i], "customer_appointment", 0,
		                       "Ride-along")))
			return rc;
	return SC_OK;
}
