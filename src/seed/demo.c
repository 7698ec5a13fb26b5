/*
 * demo.c - the demo organisation (see demo.h).
 *
 * Van Dijk Kantoorsystemen B.V. sells office equipment through five regional
 * teams, one or two per coaching model. Everything is built through the
 * domain layer, so the demo obeys the same rules as data typed by a user.
 *
 * Dates are day offsets from today (0 = today, -1 = yesterday): the history
 * always ends today, whatever the clock says. The pitfall cases of
 * docs/demo.md are built on exact offsets; the background around them is
 * drawn from a seeded generator but kept healthy, so that each rule fires for
 * the designed cases and not by accident. Three habits keep the cases stable
 * whatever reading a rule engine takes of its thresholds:
 *   - nothing a window rule counts (presence, team activity, ride-along)
 *     happens on days -31 to -29 or today, so windows of 28 to 31 days agree;
 *   - every non-floor presence of a coach in the window falls on one of the
 *     coach's floor days, so "days on the floor" and "days present" agree;
 *   - coachees meet in weekly slots of which any four in a row hold at least
 *     225 minutes, so every calendar month meets every programme's target
 *     unless a case says otherwise.
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
#include "base/util.h"

/* ---- pulse surveys ------------------------------------------------------------------------- */

/*
 * helps and part_of_team: the designed value when given (not 0), else at least 4, so that
 * only the designed groups come near the low-acceptance threshold. Both are drawn either way,
 * so that the draws after them (sales results) stay what they were.
 */
static enum sc_result add_answer(struct demo *dm, int c, bool coachee, int off, int respect,
                                 int trust, int not_reporting, int helps, int part_of_team)
{
	struct record *r = demo_rec(E_SURVEY);
	int drawn_helps = demo_rnd_in(dm, c == C_THOMAS ? 2 : 3, 5);
	int drawn_part = demo_rnd_in(dm, c == C_THOMAS ? 2 : 3, 5);

	demo_set_i(r, "coach", dm->coach[c]);
	demo_set_s(dm, r, "respondent", coachee ? "coachee" : "management");
	demo_set_day(dm, r, "answered_on", off);
	demo_set_i(r, "respect", respect);
	demo_set_i(r, "trust", trust);
	demo_set_i(r, "helps", helps ? helps : drawn_helps < 4 ? 4 : drawn_helps);
	demo_set_i(r, "part_of_team",
	           part_of_team     ? part_of_team
	           : drawn_part < 4 ? 4
	                            : drawn_part);
	if (not_reporting)
		demo_set_i(r, "not_reporting", not_reporting);
	return demo_add(dm, &r, "survey answer", NULL);
}

/*
 * The ballot beside an answer, as the survey form writes it: that person p
 * (enum person_ix) answered about coach c in the round (calendar month) of day
 * off, never what. None when p has one for that round already: two of the
 * demo's rounds, 30 days apart, can fall in one month.
 */
static enum sc_result add_ballot(struct demo *dm, int c, int p, int off)
{
	const struct entity_def *def = entity_get(E_BALLOT);
	char day[TU_DATE_LEN], round[8];
	int64_t n = 0;
	enum sc_result rc;

	demo_day_text(dm, off, day);
	snprintf(round, sizeof(round), "%.7s", day);
	struct filter f[] = {
		{ entity_field(def, "coach"), FO_EQ, dm->coach[c], 0, NULL },
		{ entity_field(def, "person"), FO_EQ, dm->person[p], 0, NULL },
		{ entity_field(def, "round"), FO_EQ, 0, 0, round },
	};
	if ((rc = store_count(dm->d.store, dm->d.org, def, f, 3, &n, dm->err)) || n > 0)
		return rc;
	struct record *b = demo_rec(E_BALLOT);
	demo_set_i(b, "coach", dm->coach[c]);
	demo_set_i(b, "person", dm->person[p]);
	demo_set_s(dm, b, "round", round);
	if (dm->nomem)
		rc = sc_fail(dm->err, SC_NOMEM, NULL, "out of memory while loading the demo");
	else
		rc = store_insert(dm->d.store, dm->d.org, b, dm->err);
	record_free(&b);
	return rc;
}

/* The m-th person above coach c in the reporting line (0: the first), or -1. */
static int line_above(int c, int m)
{
	int p = people[coaches[c].person].superior;
	for (; p >= 0 && m > 0; m--)
		p = people[p].superior;
	return p;
}

/*
 * A round: one answer per coachee and four from management. Every round of
 * a coach gives the designed figures the same values, so any period of
 * rounds has the same mean (docs/demo.md).
 */
static enum sc_result survey_round(struct demo *dm, int c, int off)
{
	static const int thomas_trust[] = { 3, 3, 4, 3 }, linda_respect[] = { 3, 4, 3, 4 };
	static const int thomas_part[] = { 3, 3, 4, 3 }, linda_helps[] = { 3, 4, 3, 4 };
	enum sc_result rc;
	int j = 0;

	for (size_t a = 0; a < NASSIGNMENTS; a++) {
		if (assignments[a].coach != c || demo_start_offset(dm, assignments[a].start) > off)
			continue;
		int nr = c == C_KEES     ? (j == 1 ? 4 : 3)
		         : c == C_FATIMA ? (j == 0 ? 3 : 4)
		                         : demo_rnd_in(dm, 4, 5);
		if ((rc = add_answer(dm, c, true, off, demo_rnd_in(dm, 4, 5), demo_rnd_in(dm, 4, 5),
		                     nr, 0, 0)) ||
		    (rc = add_ballot(dm, c, assignments[a].coachee, off)))
			return rc;
		j++;
	}
	for (int m = 0; m < 4; m++) {
		int respect = c == C_THOMAS  ? (m == 2 ? 3 : 4)
		              : c == C_LINDA ? linda_respect[m]
		                             : demo_rnd_in(dm, 4, 5);
		int trust = c == C_THOMAS ? thomas_trust[m] : demo_rnd_in(dm, 4, 5);
		int helps = c == C_LINDA ? linda_helps[m] : 0;
		int part = c == C_THOMAS ? thomas_part[m] : 0;
		if ((rc = add_answer(dm, c, false, off, respect, trust, 0, helps, part)))
			return rc;
		/* Management's ballots: the reporting line above the coach, as far as it goes. */
		if (line_above(c, m) >= 0 && (rc = add_ballot(dm, c, line_above(c, m), off)))
			return rc;
	}
	return SC_OK;
}

static enum sc_result load_surveys(struct demo *dm)
{
	enum sc_result rc;

	for (int c = 0; c < NCOACHES; c++) {
		if (!demo_is_intext(c))
			continue;
		if (coaches[c].start == MAIN_START) {
			for (int off = -155; off <= -5; off += 30)
				if ((rc = survey_round(dm, c, off)))
					return rc;
			continue;
		}
		/* Onboarding: at 30 and 60 days, as far as they have come. */
		for (int d = 30; coaches[c].start + d <= -1; d += 30)
			if ((rc = survey_round(dm, c, coaches[c].start + d)))
				return rc;
	}
	return SC_OK;
}

/*
 * The manager-coaches' pulse on day -5: each active coachee answers "my coaching sessions feel
 * like an assessment" (docs/demo.md). Jeroen's 8 coachees average exactly 3.0, so
 * coaching-mixed-with-appraisal fires for him although his appraisal of Lotte kept 3 days
 * from a session; Sandra's 10 average 2.9, just inside. Fixed values, no draws, so that the
 * draws after them stay what they were.
 */
static enum sc_result load_pulse(struct demo *dm)
{
	static const int jeroen[] = { 3, 4, 2, 3, 3, 3, 4, 2 };
	static const int sandra[] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 2 };
	int nj = 0, ns = 0;
	enum sc_result rc;

	for (size_t a = 0; a < NASSIGNMENTS; a++) {
		int c = assignments[a].coach;
		if ((c != C_JEROEN && c != C_SANDRA) || assignments[a].profile == PF_PAUSED ||
		    assignments[a].profile == PF_ENDED)
			continue;
		int feels = c == C_JEROEN ? jeroen[nj++ % 8] : sandra[ns++ % 10];
		struct record *r = demo_rec(E_SURVEY);
		demo_set_i(r, "coach", dm->coach[c]);
		demo_set_s(dm, r, "respondent", "coachee");
		demo_set_day(dm, r, "answered_on", -5);
		demo_set_i(r, "respect", 4);
		demo_set_i(r, "trust", 4);
		demo_set_i(r, "helps", 4);
		demo_set_i(r, "part_of_team", 4);
		demo_set_i(r, "feels_like_assessment", feels);
		if ((rc = demo_add(dm, &r, "survey answer", NULL)) ||
		    (rc = add_ballot(dm, c, assignments[a].coachee, -5)))
			return rc;
	}
	return SC_OK;
}

/* ---- sales results ------------------------------------------------------------------------- */

static bool coached_from(const struct demo *dm, int p, int *from)
{
	for (size_t a = 0; a < NASSIGNMENTS; a++)
		if (assignments[a].coachee == p) {
			*from = demo_start_offset(dm, assignments[a].start);
			return true;
		}
	return false;
}

static enum sc_result load_results(struct demo *dm)
{
	int days = demo_month_first(dm, 1) - demo_month_first(dm, 0);
	enum sc_result rc;

	for (int p = 0; p < NPEOPLE; p++) {
		const struct person_def *pd = &people[p];
		int from = NONE, avg = demo_rnd_in(dm, 6, 10) * 1000;
		int base = demo_rnd_in(dm, 80, 100);
		bool coached = coached_from(dm, p, &from);
		if (!pd->quota)
			continue;
		for (int k = -6; k <= 0; k++) {
			int first = demo_month_first(dm, k), end = demo_month_first(dm, k + 1) - 1;
			struct record *r;
			char month[TU_MONTH_LEN];
			if (end < pd->joined || first > pd->left ||
			    (p == P_EMMA && first > EMMA_PAUSED))
				continue;
			/* Erik's quota falls by his fixed 20 % less 500 euros once he coaches. */
			long quota = p == P_ERIK && first >= dm->senior_start ? 63500 : pd->quota;
			int pct = base + demo_rnd_in(dm, -12, 18) +
			          (coached && first > from ? 2 * (k + 7) : 0);
			long revenue = quota * pct / 100;
			long acts = demo_rnd_in(dm, 90, 150);
			if (k == 0) {
				revenue = revenue * dm->mday / days;
				acts = acts * dm->mday / days;
			}
			long won = revenue / avg,
			     lost = won * demo_rnd_in(dm, 40, 90) / 100 + demo_rnd_in(dm, 0, 2);
			demo_month_text(dm, k, month);
			r = demo_rec(E_RESULT);
			demo_set_i(r, "rep", dm->person[p]);
			demo_set_s(dm, r, "month", month);
			demo_set_i(r, "quota", quota);
			demo_set_i(r, "revenue", revenue);
			demo_set_i(r, "deals_won", won);
			demo_set_i(r, "deals_lost", lost);
			demo_set_i(r, "activities", acts);
			if ((rc = demo_add(dm, &r, pd->email, NULL)))
				return rc;
		}
	}
	return SC_OK;
}

/* ---- the whole load ------------------------------------------------------------------------ */

/* Demo logins: one per role at least; every one has the password DEMO_PASSWORD. */
#define DEMO_PASSWORD    "demo-password"
#define DEMO_ADMIN_EMAIL "admin@salescoach.example"
static const struct {
	int person;              /* P_*, or -1 for the administrator */
	const char *role, *what; /* what: the message id of what the login shows */
} logins[] = {
	{ -1, "admin", "demo.who.admin" },         { P_ANNELIES, "executive", "demo.who.director" },
	{ P_JEROEN, "member", "demo.who.jeroen" }, { P_SANDRA, "member", "demo.who.sandra" },
	{ P_LOTTE, "member", "demo.who.lotte" },   { P_ERIK, "member", "demo.who.erik" },
	{ P_LINDA, "member", "demo.who.linda" },   { P_KEES, "member", "demo.who.kees" },
};

static const char *login_email(int i)
{
	return logins[i].person < 0 ? DEMO_ADMIN_EMAIL : people[logins[i].person].email;
}

/* The administrator (a person of their own) and the demo logins. */
static enum sc_result load_accounts(struct demo *dm)
{
	struct record *r = record_new(entity_get(E_PERSON));
	int64_t admin = 0, id;
	enum sc_result rc;

	if (r) {
		record_put_text(r, "name", "Programmabeheerder");
		record_put_text(r, "email", DEMO_ADMIN_EMAIL);
		record_put_text(r, "title", "Sales enablement");
	}
	if ((rc = demo_add(dm, &r, "the administrator", &admin)) ||
	    (rc = account_global_init(dm->err)))
		return rc;
	for (size_t i = 0; i < ARRAY_SIZE(logins); i++) {
		int64_t person = logins[i].person < 0 ? admin : dm->person[logins[i].person];
		if ((rc = account_set(&dm->d, person, logins[i].role, DEMO_PASSWORD, &id, dm->err)))
			return rc;
		dm->count[E_ACCOUNT]++;
	}
	return SC_OK;
}

/* Columns text takes on a terminal: one a UTF-8 character. */
static size_t display_width(const char *text)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		w += (*p & 0xc0) != 0x80;
	return w;
}

/* Print message id in lang with its args, and a newline. */
static void say(FILE *out, enum msg_lang lang, const char *id, const struct msg_arg *args, size_t n)
{
	char *text = msg_format(lang, id, args, n);
	fprintf(out, "%s\n", text ? text : msg_text(lang, id));
	free(text);
}

static void summary(const struct demo *dm, FILE *out, enum msg_lang lang, int64_t org)
{
	static const struct {
		int person;
		const char *what;
	} try[] = {
		{ P_JEROEN, "demo.who.jeroen" }, { P_SANDRA, "demo.who.sandra" },
		{ P_LOTTE, "demo.who.lotte" },   { P_ERIK, "demo.who.erik" },
		{ P_LINDA, "demo.who.linda" },   { P_KEES, "demo.who.kees" },
	};
	char id[24], noun[64];

	snprintf(id, sizeof(id), "%lld", (long long)org);
	struct msg_arg args[] = {
		{ "name", DEMO_NAME }, { "slug", DEMO_SLUG }, { "id", id }, { "today", dm->d.today }
	};
	say(out, lang, "demo.loaded", args, ARRAY_SIZE(args));
	fputc('\n', out);
	say(out, lang, "demo.records", NULL, 0);
	const char *nouns[E_COUNT] = { 0 };
	size_t w = 0;
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (!dm->count[k])
			continue;
		snprintf(noun, sizeof(noun), "noun.%s%s", def->name,
		         dm->count[k] == 1 ? "" : ".many");
		nouns[k] = msg_exists(noun)    ? msg_text(lang, noun)
		           : dm->count[k] == 1 ? def->name
		                               : def->plural;
		if (display_width(nouns[k]) > w)
			w = display_width(nouns[k]);
	}
	for (int k = 0; k < E_COUNT; k++)
		if (nouns[k])
			fprintf(out, "  %s%*s %5zu\n", nouns[k], (int)(w - display_width(nouns[k])),
			        "", dm->count[k]);
	fputc('\n', out);
	say(out, lang, "demo.models", NULL, 0);
	fputc('\n', out);
	say(out, lang, "demo.try", NULL, 0);
	for (size_t i = 0; i < ARRAY_SIZE(try); i++)
		fprintf(out, "  %-40s %s\n", people[try[i].person].email,
		        msg_text(lang, try[i].what));
	fputc('\n', out);
	say(out, lang, "demo.cases", NULL, 0);
	demo_print_logins(out, lang);
}

void demo_print_logins(FILE *out, enum msg_lang lang)
{
	struct msg_arg pw = { "password", DEMO_PASSWORD };

	fputc('\n', out);
	say(out, lang, "demo.logins", &pw, 1);
	for (size_t i = 0; i < ARRAY_SIZE(logins); i++)
		fprintf(out, "  %-40s %s\n", login_email((int)i), msg_text(lang, logins[i].what));
}

static enum sc_result refuse_if_used(struct store *st, struct sc_error *err)
{
	struct org *orgs = NULL;
	size_t n = 0;
	enum sc_result rc = store_org_list(st, &orgs, &n, err);

	if (rc == SC_OK && n > 0)
		rc = sc_fail(err, SC_CONFLICT, NULL,
		             "this database already holds data (organisation '%s'); the demo loads "
		             "only into an empty database: use a new --db path",
		             orgs[0].slug);
	free(orgs);
	return rc;
}

/* Set the calendar of the load from today. */
static void set_calendar(struct demo *dm)
{
	dm->t = tu_date_to_days(dm->d.today);
	dm->y = atoi(dm->d.today);
	dm->m = atoi(dm->d.today + 5);
	dm->mday = atoi(dm->d.today + 8);
	dm->prog_start = demo_month_start_of(dm, -200);
	dm->prog_end = demo_month_start_of(dm, demo_month_start_of(dm, 183) + 40) - 1;
	dm->senior_start = demo_month_first(dm, -4);
	dm->pm_first = demo_month_first(dm, -1);
	dm->pm_last = demo_month_first(dm, 0) - 1;
	/* The half-year appraisals: the week starting on the Monday in -156..-150. */
	dm->mid = demo_weekday_in(dm, -156, -150, 0);
}

enum sc_result demo_load(struct store *st, FILE *out, enum msg_lang lang, int64_t *org,
                         struct sc_error *err)
{
	struct demo *dm = calloc(1, sizeof(*dm));
	enum sc_result rc;

	sc_error_init(err);
	if (!dm)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if ((rc = refuse_if_used(st, err)) ||
	    (rc = org_create(st, DEMO_NAME, DEMO_SLUG, "nl", "Europe/Amsterdam", org, err)) ||
	    (rc = domain_init(&dm->d, st, *org, err)))
		goto out;
	dm->err = err;
	dm->rng = DEMO_SEED;
	set_calendar(dm);
	if ((rc = demo_load_people(dm)) || (rc = demo_load_teams(dm)) ||
	    (rc = demo_load_coaches(dm)) || (rc = demo_load_management(dm)) ||
	    (rc = demo_load_seniors(dm)) || (rc = demo_load_appraisals(dm)) ||
	    (rc = demo_load_activities(dm)))
		goto out;
	for (size_t i = 0; i < NASSIGNMENTS; i++)
		if ((rc = demo_load_assignment(dm, i)))
			goto out;
	if ((rc = demo_load_interim_appraisals(dm)))
		goto out;
	for (int c = 0; c < NCOACHES; c++)
		if (demo_is_intext(c) &&
		    ((rc = demo_load_window(dm, c)) || (rc = demo_load_history(dm, c))))
			goto out;
	if ((rc = load_surveys(dm)) || (rc = load_pulse(dm)) || (rc = load_results(dm)) ||
	    (rc = load_accounts(dm)) || (rc = demo_load_unrecorded(dm)))
		goto out;
	if (out)
		summary(dm, out, lang, *org);
out:
	for (size_t i = 0; i < dm->ninterim; i++)
		record_free(&dm->interim[i].rec);
	free(dm);
	return rc;
}
