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
#include "seed/demo.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/domain.h"
#include "model/entity.h"
#include "domain/org.h"
#include "model/record.h"
#include "base/timeutil.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define DEMO_NAME     "Van Dijk Kantoorsystemen B.V."
#define DEMO_SLUG     "vandijk"
#define DEMO_SEED     0x5a1e5c0ac4d1ULL
#define NONE          100000 /* "no such day" in day offsets */
#define MAIN_START    (-185) /* first day of most coaching relationships */
#define FATIMA_START  (-75)  /* second external coach: onboarding, all steps done */
#define BRAM_START    (-45)  /* third external coach: onboarding, one step missing */
#define EMMA_PAUSED   (-40)  /* last session before parental leave */
#define RIK_LEFT      (-60)  /* last day of the rep who left */
#define MILAN_JOINED  (-50)  /* first day of the newest rep */
#define WINDOW_FIRST  (-28)  /* the 30-day window as every reading agrees on it */
#define BAND_FIRST    (-31)  /* days -31..-29 are kept empty of counted events */
#define BAND_LAST     (-29)
#define PLANNED_UNTIL 21 /* planned sessions reach three weeks ahead */
#define MAX_ACTIVITY  80
#define MAX_RIDES     96
#define MAX_ACTIONS   64

/* ---- the people ---------------------------------------------------------------------------- */

enum person_ix {
	P_ANNELIES,
	P_JEROEN,
	P_LOTTE,
	P_SVEN,
	P_HANNEKE,
	P_RACHID,
	P_IRIS,
	P_TIM,
	P_NOOR,
	P_RUBEN,
	P_EMMA,
	P_SANNE,
	P_RIK,
	P_SANDRA,
	P_DAAN,
	P_YOUSSEF,
	P_FEMKE,
	P_JOOST,
	P_ANOUK,
	P_BART,
	P_MILA,
	P_THIJS,
	P_ESTHER,
	P_NIELS,
	P_KIM,
	P_MARK,
	P_ERIK,
	P_NICOLE,
	P_BAS,
	P_JESSE,
	P_FLEUR,
	P_LUUK,
	P_SARA,
	P_PETER,
	P_MARLOES,
	P_STIJN,
	P_KOEN,
	P_LINDA,
	P_THOMAS,
	P_WOUTER,
	P_ANNA,
	P_GERRIT,
	P_LISA,
	P_JORIEN,
	P_ROB,
	P_MILAN,
	P_KEES,
	P_FATIMA,
	P_BRAM,
	NPEOPLE
};

struct person_def {
	const char *name, *email, *title;
	int superior; /* enum person_ix, or -1 */
	int years;
	int quota;  /* monthly quota in euros; 0: no sales results */
	int joined; /* first day (offset), or -NONE */
	int left;   /* last day (offset), or NONE; inactive when set */
	const char *track;
};

#define VD(x) x "@vandijk.example"

static const struct person_def people[NPEOPLE] = {
	[P_ANNELIES] = { "Annelies de Vries", VD("annelies.devries"), "Salesdirecteur", -1, 24, 0,
	                 -NONE, NONE,
	                 "Begon als accountmanager bij een leverancier van kopieersystemen; bouwde "
	                 "de regio Randstad op van 4 naar 28 verkopers." },
	[P_JEROEN] = { "Jeroen Bakker", VD("jeroen.bakker"), "Salesmanager Amsterdam", P_ANNELIES,
	               15, 0, -NONE, NONE,
	               "Tien jaar topverkoper multifunctionals en managed print; tweemaal in de "
	               "Presidents Club." },
	[P_LOTTE] = { "Lotte Mulder", VD("lotte.mulder"), "Accountmanager", P_JEROEN, 6, 62000,
	              -NONE, NONE, NULL },
	[P_SVEN] = { "Sven de Jong", VD("sven.dejong"), "Accountmanager", P_JEROEN, 3, 48000, -NONE,
	             NONE, NULL },
	[P_HANNEKE] = { "Hanneke Vos", VD("hanneke.vos"), "Senior accountmanager", P_JEROEN, 12,
	                85000, -NONE, NONE,
	                "Grootste klantportefeuille van Amsterdam; won de aanbesteding van drie "
	                "gemeenten op rij." },
	[P_RACHID] = { "Rachid Bouzid", VD("rachid.bouzid"), "Accountmanager", P_JEROEN, 4, 55000,
	               -NONE, NONE, NULL },
	[P_IRIS] = { "Iris van den Berg", VD("iris.vandenberg"), "Accountmanager", P_JEROEN, 2,
	             45000, -NONE, NONE, NULL },
	[P_TIM] = { "Tim Jacobs", VD("tim.jacobs"), "Junior accountmanager", P_JEROEN, 1, 40000,
	            -NONE, NONE, NULL },
	[P_NOOR] = { "Noor Hermans", VD("noor.hermans"), "Accountmanager", P_JEROEN, 5, 58000,
	             -NONE, NONE, NULL },
	[P_RUBEN] = { "Ruben Koster", VD("ruben.koster"), "Accountmanager", P_JEROEN, 7, 66000,
	              -NONE, NONE, NULL },
	[P_EMMA] = { "Emma Verbeek", VD("emma.verbeek"), "Accountmanager", P_JEROEN, 4, 52000,
	             -NONE, NONE, NULL },
	[P_SANNE] = { "Sanne Kok", VD("sanne.kok"), "Salesondersteuning", P_JEROEN, 0, 0, -NONE,
	              NONE, NULL },
	[P_RIK] = { "Rik Verhoeven", VD("rik.verhoeven"), "Accountmanager", P_JEROEN, 5, 57000,
	            -NONE, RIK_LEFT, NULL },
	[P_SANDRA] = { "Sandra Visser", VD("sandra.visser"), "Salesmanager Rotterdam", P_ANNELIES,
	               13, 0, -NONE, NONE,
	               "Bouwde de havenregio op als accountmanager logistiek; acht jaar op rij "
	               "boven target." },
	[P_DAAN] = { "Daan Smits", VD("daan.smits"), "Accountmanager", P_SANDRA, 3, 60000, -NONE,
	             NONE, NULL },
	[P_YOUSSEF] = { "Youssef El Idrissi", VD("youssef.elidrissi"), "Accountmanager", P_SANDRA,
	                2, 50000, -NONE, NONE, NULL },
	[P_FEMKE] = { "Femke de Wit", VD("femke.dewit"), "Accountmanager", P_SANDRA, 6, 64000,
	              -NONE, NONE, NULL },
	[P_JOOST] = { "Joost van Dam", VD("joost.vandam"), "Senior accountmanager", P_SANDRA, 9,
	              70000, -NONE, NONE, NULL },
	[P_ANOUK] = { "Anouk Peters", VD("anouk.peters"), "Accountmanager", P_SANDRA, 2, 47000,
	              -NONE, NONE, NULL },
	[P_BART] = { "Bart Schouten", VD("bart.schouten"), "Accountmanager", P_SANDRA, 4, 53000,
	             -NONE, NONE, NULL },
	[P_MILA] = { "Mila Brouwer", VD("mila.brouwer"), "Junior accountmanager", P_SANDRA, 1,
	             44000, -NONE, NONE, NULL },
	[P_THIJS] = { "Thijs Maas", VD("thijs.maas"), "Accountmanager", P_SANDRA, 7, 68000, -NONE,
	              NONE, NULL },
	[P_ESTHER] = { "Esther Kuipers", VD("esther.kuipers"), "Senior accountmanager", P_SANDRA,
	               10, 72000, -NONE, NONE, NULL },
	[P_NIELS] = { "Niels Vermeulen", VD("niels.vermeulen"), "Accountmanager", P_SANDRA, 3,
	              49000, -NONE, NONE, NULL },
	[P_KIM] = { "Kim de Boer", VD("kim.deboer"), "Commercieel assistent", P_SANDRA, 0, 0, -NONE,
	            NONE, NULL },
	[P_MARK] = { "Mark Jansen", VD("mark.jansen"), "Salesmanager Utrecht", P_ANNELIES, 16, 0,
	             -NONE, NONE,
	             "Verkocht vijftien jaar document management aan het onderwijs en de zorg." },
	[P_ERIK] = { "Erik van Leeuwen", VD("erik.vanleeuwen"), "Senior accountmanager", P_MARK, 14,
	             80000, -NONE, NONE,
	             "Veertien jaar in het vak, al zes jaar boven de 110% van target; kent de "
	             "zorgsector als geen ander." },
	[P_NICOLE] = { "Nicole Hendriks", VD("nicole.hendriks"), "Senior accountmanager", P_MARK,
	               11, 70000, -NONE, NONE,
	               "Sterk in grote aanbestedingen; won vorig jaar het contract met de "
	               "provincie." },
	[P_BAS] = { "Bas Dekker", VD("bas.dekker"), "Senior accountmanager", P_MARK, 9, 75000,
	            -NONE, NONE,
	            "Topverkoper van Utrecht in de laatste twee jaar; snel en resultaatgericht." },
	[P_JESSE] = { "Jesse van Wijk", VD("jesse.vanwijk"), "Junior accountmanager", P_MARK, 1,
	              42000, -NONE, NONE, NULL },
	[P_FLEUR] = { "Fleur Timmermans", VD("fleur.timmermans"), "Junior accountmanager", P_MARK,
	              1, 41000, -NONE, NONE, NULL },
	[P_LUUK] = { "Luuk Prins", VD("luuk.prins"), "Junior accountmanager", P_MARK, 2, 43000,
	             -NONE, NONE, NULL },
	[P_SARA] = { "Sara Claassen", VD("sara.claassen"), "Junior accountmanager", P_MARK, 1,
	             40000, -NONE, NONE, NULL },
	[P_PETER] = { "Peter Willems", VD("peter.willems"), "Salesmanager Eindhoven", P_ANNELIES,
	              12, 0, -NONE, NONE, "Twaalf jaar accountmanager in de maakindustrie." },
	[P_MARLOES] = { "Marloes van Beek", VD("marloes.vanbeek"), "Accountmanager", P_PETER, 5,
	                56000, -NONE, NONE, NULL },
	[P_STIJN] = { "Stijn Aarts", VD("stijn.aarts"), "Accountmanager", P_PETER, 8, 61000, -NONE,
	              NONE, NULL },
	[P_KOEN] = { "Koen Lambregts", VD("koen.lambregts"), "Accountmanager", P_PETER, 3, 52000,
	             -NONE, NONE, NULL },
	[P_LINDA] = { "Linda Smit", VD("linda.smit"), "Interne salescoach", P_ANNELIES, 12, 0,
	              -NONE, NONE,
	              "Twaalf jaar accountmanager bij Van Dijk, vier jaar nummer een van "
	              "Eindhoven; daarna teamleider inside sales." },
	[P_THOMAS] = { "Thomas de Graaf", VD("thomas.degraaf"),
	               "Interne coach leren en ontwikkelen", P_ANNELIES, 0, 0, -NONE, NONE, NULL },
	[P_WOUTER] = { "Wouter Postma", VD("wouter.postma"), "Salesmanager Noord", P_ANNELIES, 14,
	               0, -NONE, NONE,
	               "Veertien jaar verkoop van kantoorinrichting in het noorden." },
	[P_ANNA] = { "Anna Dijkstra", VD("anna.dijkstra"), "Accountmanager", P_WOUTER, 4, 54000,
	             -NONE, NONE, NULL },
	[P_GERRIT] = { "Gerrit Bosma", VD("gerrit.bosma"), "Senior accountmanager", P_WOUTER, 17,
	               63000, -NONE, NONE, NULL },
	[P_LISA] = { "Lisa Wiersma", VD("lisa.wiersma"), "Accountmanager", P_WOUTER, 2, 47000,
	             -NONE, NONE, NULL },
	[P_JORIEN] = { "Jorien Kramer", VD("jorien.kramer"), "Accountmanager", P_WOUTER, 5, 58000,
	               -NONE, NONE, NULL },
	[P_ROB] = { "Rob Veenstra", VD("rob.veenstra"), "Accountmanager", P_WOUTER, 6, 66000, -NONE,
	            NONE, NULL },
	[P_MILAN] = { "Milan Bos", VD("milan.bos"), "Junior accountmanager", P_WOUTER, 0, 40000,
	              MILAN_JOINED, NONE, NULL },
	[P_KEES] = { "Kees Mulder", "kees.mulder@kompas-coaching.example", "Senior salescoach", -1,
	             22, 0, -NONE, NONE,
	             "Twintig jaar verkoop en verkoopleiding in de kantoormarkt; sinds 2015 "
	             "zelfstandig salescoach." },
	[P_FATIMA] = { "Fatima El Amrani", "fatima.elamrani@scherpverkoop.example", "Salescoach",
	               -1, 15, 0, -NONE, NONE,
	               "Vijftien jaar B2B-verkoop in IT en telecom, waarvan zes als "
	               "salesmanager." },
	[P_BRAM] = { "Bram Hoekstra", "bram.hoekstra@kompas-coaching.example", "Salescoach", -1, 9,
	             0, -NONE, NONE, "Negen jaar accountmanager bij een leasemaatschappij." },
};

/* ---- teams, programmes, coaches ------------------------------------------------------------ */

enum team_ix { T_SALES, T_AMS, T_ROT, T_UTR, T_EIN, T_NRD, NTEAMS };

static const struct {
	const char *name;
	int manager, parent;
	int meeting_weekday; /* 0 = Monday */
	const char *meeting;
} teams[NTEAMS] = {
	[T_SALES] = { "Verkoop Nederland", P_ANNELIES, -1, 4, "Salesoverleg managementteam" },
	[T_AMS] = { "Team Amsterdam", P_JEROEN, T_SALES, 0, "Weekstart" },
	[T_ROT] = { "Team Rotterdam", P_SANDRA, T_SALES, 0, "Weekstart" },
	[T_UTR] = { "Team Utrecht", P_MARK, T_SALES, 0, "Weekstart" },
	[T_EIN] = { "Team Eindhoven", P_PETER, T_SALES, 0, "Weekstart" },
	[T_NRD] = { "Team Noord", P_WOUTER, T_SALES, 0, "Weekstart" },
};

enum programme_ix { PR_AMS, PR_ROT, PR_UTR, PR_EIN, PR_NRD, NPROGRAMMES };

static const struct {
	int team;
	const char *model;
	double target;
	const char *name;
} programmes[NPROGRAMMES] = {
	/* 3.25 h makes the manager-no-time case exact: 8 x 3.25 = 26 = 6 h x 52 / 12. */
	[PR_AMS] = { T_AMS, "manager", 3.25, "Amsterdam: coaching door de manager" },
	[PR_ROT] = { T_ROT, "manager", 3, "Rotterdam: coaching door de manager" },
	[PR_UTR] = { T_UTR, "senior", 3, "Utrecht: seniors coachen juniors" },
	[PR_EIN] = { T_EIN, "internal", 3, "Eindhoven: interne salescoach" },
	[PR_NRD] = { T_NRD, "external", 3, "Noord: externe salescoaches" },
};

enum coach_ix {
	C_JEROEN,
	C_SANDRA,
	C_MARK,
	C_ERIK,
	C_NICOLE,
	C_BAS,
	C_LINDA,
	C_THOMAS,
	C_KEES,
	C_FATIMA,
	C_BRAM,
	NCOACHES
};

/*
 * Window figures of the internal and external coaches (docs/demo.md): floor
 * days, ride-alongs and which of the team's five activities in the window
 * they attend (bit i = the i-th activity in time order).
 */
static const struct coach_def {
	int person;
	const char *kind, *company;
	int capacity;
	double hours;
	const char *certification;
	bool active;
	int team;          /* team whose activities the coach joins, or -1 */
	int floor;         /* floor days in the window */
	int rides;         /* ride-alongs in the window */
	unsigned att;      /* activities attended in the window */
	unsigned weekdays; /* usual floor days before the window (bit 0 = Monday) */
	int start;         /* first day with the team */
} coaches[NCOACHES] = {
	[C_JEROEN] = { P_JEROEN, "manager", NULL, 9, 6.0, NULL, true, -1, 0, 0, 0, 0, MAIN_START },
	[C_SANDRA] = { P_SANDRA, "manager", NULL, 10, 5.0, NULL, true, -1, 0, 0, 0, 0, MAIN_START },
	[C_MARK] = { P_MARK, "manager", NULL, 8, 2.0, NULL, false, -1, 0, 0, 0, 0, MAIN_START },
	[C_ERIK] = { P_ERIK, "senior", NULL, 2, 3.0, NULL, true, -1, 0, 0, 0, 0, MAIN_START },
	[C_NICOLE] = { P_NICOLE, "senior", NULL, 2, 3.0, NULL, true, -1, 0, 0, 0, 0, MAIN_START },
	[C_BAS] = { P_BAS, "senior", NULL, 1, 2.0, NULL, true, -1, 0, 0, 0, 0, MAIN_START },
	[C_LINDA] = { P_LINDA, "internal", NULL, 6, 32.0, "ICF ACC", true, T_EIN, 8, 4, 0x1d, 0x0e,
	              MAIN_START },
	[C_THOMAS] = { P_THOMAS, "internal", NULL, 4, 16.0, "NOBCO-geregistreerd coach", true,
	               T_EIN, 9, 2, 0x0d, 0x0a, MAIN_START },
	[C_KEES] = { P_KEES, "external", "Kompas Sales Coaching", 5, 8.0, "ICF PCC", true, T_NRD, 6,
	             5, 0x1f, 0x04, MAIN_START },
	[C_FATIMA] = { P_FATIMA, "external", "Scherp Verkoopadvies", 4, 6.0, "EMCC Practitioner",
	               true, T_NRD, 10, 5, 0x1f, 0x0a, FATIMA_START },
	[C_BRAM] = { P_BRAM, "external", "Kompas Sales Coaching", 3, 6.0, NULL, true, T_NRD, 11, 4,
	             0x1b, 0x15, BRAM_START },
};

/* ---- coaching relationships ---------------------------------------------------------------- */

/* How a relationship's sessions deviate from the weekly rhythm (docs/demo.md). */
enum profile {
	PF_NORMAL,
	PF_MIX_FIRE,       /* session at -10, appraisal at -9 by the same manager */
	PF_MIX_INSIDE,     /* session at -25, appraisal at -22 */
	PF_LAPSED,         /* last held session at -36 */
	PF_LAST29,         /* last held session at -29 */
	PF_CAD_LOW,        /* 2 x 75 minutes held last month */
	PF_CAD_EXACT,      /* 3 x 60 minutes held last month */
	PF_OVERDUE_FIRE,   /* 3 overdue action items */
	PF_OVERDUE_INSIDE, /* 2 overdue and 1 due today */
	PF_PAUSED,         /* parental leave from -40 */
	PF_ENDED           /* the rep left at -60 */
};

enum start_code { ST_MAIN, ST_SENIOR, ST_FATIMA, ST_BRAM };

static const struct assignment_def {
	int programme, coach, coachee;
	enum start_code start;
	enum profile profile;
	int anchor; /* a day offset in -7..-1 that is one of the weekly slots; 0: by weekday */
} assignments[] = {
	{ PR_AMS, C_JEROEN, P_LOTTE, ST_MAIN, PF_MIX_INSIDE, -4 },
	{ PR_AMS, C_JEROEN, P_SVEN, ST_MAIN, PF_NORMAL, 0 },
	{ PR_AMS, C_JEROEN, P_HANNEKE, ST_MAIN, PF_NORMAL, 0 },
	{ PR_AMS, C_JEROEN, P_RACHID, ST_MAIN, PF_NORMAL, 0 },
	{ PR_AMS, C_JEROEN, P_IRIS, ST_MAIN, PF_NORMAL, 0 },
	{ PR_AMS, C_JEROEN, P_TIM, ST_MAIN, PF_NORMAL, 0 },
	{ PR_AMS, C_JEROEN, P_NOOR, ST_MAIN, PF_OVERDUE_INSIDE, 0 },
	{ PR_AMS, C_JEROEN, P_RUBEN, ST_MAIN, PF_NORMAL, 0 },
	{ PR_AMS, C_JEROEN, P_EMMA, ST_MAIN, PF_PAUSED, 0 },
	{ PR_AMS, C_JEROEN, P_RIK, ST_MAIN, PF_ENDED, 0 },
	{ PR_ROT, C_SANDRA, P_DAAN, ST_MAIN, PF_MIX_FIRE, -3 },
	{ PR_ROT, C_SANDRA, P_YOUSSEF, ST_MAIN, PF_LAPSED, -1 },
	{ PR_ROT, C_SANDRA, P_FEMKE, ST_MAIN, PF_NORMAL, 0 },
	{ PR_ROT, C_SANDRA, P_JOOST, ST_MAIN, PF_NORMAL, 0 },
	{ PR_ROT, C_SANDRA, P_ANOUK, ST_MAIN, PF_NORMAL, 0 },
	{ PR_ROT, C_SANDRA, P_BART, ST_MAIN, PF_OVERDUE_FIRE, 0 },
	{ PR_ROT, C_SANDRA, P_MILA, ST_MAIN, PF_NORMAL, 0 },
	{ PR_ROT, C_SANDRA, P_THIJS, ST_MAIN, PF_NORMAL, 0 },
	{ PR_ROT, C_SANDRA, P_ESTHER, ST_MAIN, PF_NORMAL, 0 },
	{ PR_ROT, C_SANDRA, P_NIELS, ST_MAIN, PF_NORMAL, 0 },
	{ PR_UTR, C_ERIK, P_JESSE, ST_SENIOR, PF_LAST29, -1 },
	{ PR_UTR, C_NICOLE, P_FLEUR, ST_SENIOR, PF_CAD_EXACT, 0 },
	{ PR_UTR, C_BAS, P_LUUK, ST_SENIOR, PF_CAD_LOW, 0 },
	{ PR_UTR, C_BAS, P_SARA, ST_SENIOR, PF_NORMAL, 0 },
	{ PR_EIN, C_LINDA, P_MARLOES, ST_MAIN, PF_NORMAL, 0 },
	{ PR_EIN, C_LINDA, P_STIJN, ST_MAIN, PF_NORMAL, 0 },
	{ PR_EIN, C_THOMAS, P_KOEN, ST_MAIN, PF_NORMAL, 0 },
	{ PR_NRD, C_KEES, P_ANNA, ST_MAIN, PF_NORMAL, 0 },
	{ PR_NRD, C_KEES, P_GERRIT, ST_MAIN, PF_NORMAL, 0 },
	{ PR_NRD, C_KEES, P_LISA, ST_MAIN, PF_NORMAL, 0 },
	{ PR_NRD, C_FATIMA, P_JORIEN, ST_FATIMA, PF_NORMAL, 0 },
	{ PR_NRD, C_FATIMA, P_ROB, ST_FATIMA, PF_NORMAL, 0 },
	{ PR_NRD, C_BRAM, P_MILAN, ST_BRAM, PF_NORMAL, 0 },
};

#define NASSIGNMENTS N(assignments)

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

/* ---- the loader's state -------------------------------------------------------------------- */

struct activity_spec {
	int off;
	int64_t id;
	bool event;
	int introduces; /* enum coach_ix, or -1 */
};

struct action_spec {
	int session_off;
	int64_t session;
	int due;
	bool by_coach;
	const char *text;
};

struct demo {
	struct domain d;
	struct sc_error *err;
	uint64_t rng;
	long t; /* today in days since 1970-01-01 */
	int y, m, mday;
	int prog_start, prog_end, senior_start, pm_first, pm_last, mid;
	bool nomem;
	int64_t person[NPEOPLE], team[NTEAMS], programme[NPROGRAMMES], coach[NCOACHES];
	int64_t assignment[NASSIGNMENTS];
	int asg_skill[NASSIGNMENTS][2];
	struct activity_spec act[NTEAMS][MAX_ACTIVITY];
	size_t nact[NTEAMS];
	int rides[NCOACHES][MAX_RIDES]; /* ride-along days before the window */
	size_t nrides[NCOACHES];
	struct action_spec actions[MAX_ACTIONS];
	size_t nactions;
	size_t count[E_COUNT];
	/* The mixing case's appraisals (owned), added once their sessions exist. */
	struct {
		struct record *rec;
		int rep;
	} interim[2];
	size_t ninterim;
};

/* splitmix64: small, fast and the same on every platform. */
static uint64_t rnd(struct demo *dm)
{
	uint64_t z = (dm->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A whole number in lo..hi. */
static int rnd_in(struct demo *dm, int lo, int hi)
{
	return lo + (int)(rnd(dm) % (uint64_t)(hi - lo + 1));
}

/* True with the given chance in percent. */
static bool rnd_pct(struct demo *dm, int pct)
{
	return (int)(rnd(dm) % 100) < pct;
}

static const char *pick(struct demo *dm, const char *const *list, size_t n)
{
	return list[rnd(dm) % n];
}

#define PICK(dm, list) pick(dm, list, N(list))

/* ---- dates --------------------------------------------------------------------------------- */

static void day_text(const struct demo *dm, int off, char out[TU_DATE_LEN])
{
	tu_days_to_date(dm->t + off, out);
}

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
static int weekday(const struct demo *dm, int off)
{
	return (int)(((dm->t + off) % 7 + 7 + 3) % 7);
}

static bool is_weekday(const struct demo *dm, int off)
{
	return weekday(dm, off) < 5;
}

/* Offset of the first day of the month k months from today's month. */
static int month_first(const struct demo *dm, int k)
{
	int mm = dm->m - 1 + k;
	int y = dm->y + (mm >= 0 ? mm / 12 : -((11 - mm) / 12));
	char s[TU_DATE_LEN];

	mm -= (y - dm->y) * 12;
	snprintf(s, sizeof(s), "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)(mm + 1) % 100u);
	return (int)(tu_date_to_days(s) - dm->t);
}

/* "YYYY-MM" of the month k months from today's month. */
static void month_text(const struct demo *dm, int k, char out[TU_MONTH_LEN])
{
	char d[TU_DATE_LEN];

	day_text(dm, month_first(dm, k), d);
	memcpy(out, d, 7);
	out[7] = '\0';
}

/* Offset of the first day of the month that holds day off. */
static int month_start_of(const struct demo *dm, int off)
{
	char d[TU_DATE_LEN];

	day_text(dm, off, d);
	d[8] = '0';
	d[9] = '1';
	return (int)(tu_date_to_days(d) - dm->t);
}

static bool in_band(int off)
{
	return off >= BAND_FIRST && off <= BAND_LAST;
}

/* The offset in lo..hi that falls on weekday wd (the range spans a week). */
static int weekday_in(const struct demo *dm, int lo, int hi, int wd)
{
	for (int off = lo; off <= hi; off++)
		if (weekday(dm, off) == wd)
			return off;
	return lo;
}

/* ---- building records ---------------------------------------------------------------------- */

static struct record *rec(enum entity_kind kind)
{
	return record_new(entity_get(kind));
}

static void set_s(struct demo *dm, struct record *r, const char *field, const char *s)
{
	if (r && s && record_put_text(r, field, s) != SC_OK)
		dm->nomem = true;
}

static void set_i(struct record *r, const char *field, int64_t v)
{
	if (r)
		record_put_int(r, field, v);
}

static void set_r(struct record *r, const char *field, double v)
{
	if (r)
		record_put_real(r, field, v);
}

static void set_day(struct demo *dm, struct record *r, const char *field, int off)
{
	char d[TU_DATE_LEN];

	day_text(dm, off, d);
	set_s(dm, r, field, d);
}

/* An instant at minute_of_day (local time) on day off. */
static void set_at(struct demo *dm, struct record *r, const char *field, int off, int minute_of_day)
{
	char d[TU_DATE_LEN], local[48], utc[TU_INSTANT_LEN];

	day_text(dm, off, d);
	snprintf(local, sizeof(local), "%sT%02u:%02u", d, (unsigned)(minute_of_day / 60) % 100u,
	         (unsigned)(minute_of_day % 60) % 100u);
	/* An unparsable time is passed on as typed, for the domain to name it. */
	set_s(dm, r, field, tu_parse_instant(local, dm->d.tz, utc) ? utc : local);
}

/*
 * Add *prec through the domain, taking ownership of it. what names the
 * record in an error message, so that a refused demo record can be found.
 */
static enum sc_result add(struct demo *dm, struct record **prec, const char *what, int64_t *id)
{
	struct record *r = *prec;
	enum sc_result rc;

	if (!r || dm->nomem) {
		rc = sc_fail(dm->err, SC_NOMEM, NULL, "out of memory while loading the demo");
		goto out;
	}
	if ((rc = domain_add(&dm->d, r, dm->err))) {
		char field[sizeof(dm->err->field)], msg[sizeof(dm->err->message)];
		snprintf(field, sizeof(field), "%s", dm->err->field);
		snprintf(msg, sizeof(msg), "%s", dm->err->message);
		sc_fail(dm->err, rc, field,
		        "demo %s (%.100s) refused: %.300s; the database now holds part of the "
		        "demo, load it again with a new --db path",
		        r->def->name, what, msg);
		goto out;
	}
	dm->count[r->def->kind]++;
	if (id)
		*id = r->id;
out:
	record_free(prec);
	return rc;
}

/*
 * add(), with an override of a pitfall refusal when reason is not NULL: the
 * designed cases of docs/demo.md that a user could record only so.
 */
static enum sc_result add_override(struct demo *dm, struct record **prec, const char *what,
                                   int64_t *id, const char *reason)
{
	enum sc_result rc;

	dm->d.override_reason = reason;
	rc = add(dm, prec, what, id);
	dm->d.override_reason = NULL;
	return rc;
}

/* ---- organisation, people, teams, coaches -------------------------------------------------- */

static enum sc_result load_people(struct demo *dm)
{
	enum sc_result rc;

	for (int i = 0; i < NPEOPLE; i++) {
		const struct person_def *p = &people[i];
		struct record *r = rec(E_PERSON);
		set_s(dm, r, "name", p->name);
		set_s(dm, r, "email", p->email);
		set_s(dm, r, "title", p->title);
		set_i(r, "active", p->left == NONE);
		if (p->superior >= 0)
			set_i(r, "superior", dm->person[p->superior]);
		set_i(r, "years_experience", p->years);
		set_s(dm, r, "track_record", p->track);
		if ((rc = add(dm, &r, p->email, &dm->person[i])))
			return rc;
	}
	return SC_OK;
}

static enum sc_result load_teams(struct demo *dm)
{
	enum sc_result rc;

	for (int i = 0; i < NTEAMS; i++) {
		struct record *r = rec(E_TEAM);
		set_s(dm, r, "name", teams[i].name);
		set_i(r, "manager", dm->person[teams[i].manager]);
		if (teams[i].parent >= 0)
			set_i(r, "parent", dm->team[teams[i].parent]);
		if ((rc = add(dm, &r, teams[i].name, &dm->team[i])))
			return rc;
	}
	for (int i = 0; i < NPROGRAMMES; i++) {
		struct record *r = rec(E_PROGRAMME);
		set_i(r, "team", dm->team[programmes[i].team]);
		set_s(dm, r, "model", programmes[i].model);
		set_day(dm, r, "starts_on", dm->prog_start);
		set_day(dm, r, "ends_on", dm->prog_end);
		set_r(r, "target_hours", programmes[i].target);
		set_s(dm, r, "name", programmes[i].name);
		if ((rc = add(dm, &r, programmes[i].name, &dm->programme[i])))
			return rc;
	}
	return SC_OK;
}

static enum sc_result load_coaches(struct demo *dm)
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
		struct record *r = rec(E_COACH);
		set_i(r, "person", dm->person[c->person]);
		set_s(dm, r, "kind", c->kind);
		set_s(dm, r, "company", c->company);
		set_i(r, "capacity", c->capacity);
		set_r(r, "hours_per_week", c->hours);
		set_s(dm, r, "certification", c->certification);
		set_i(r, "active", c->active);
		if ((rc = add(dm, &r, people[c->person].email, &dm->coach[i])))
			return rc;
	}
	for (size_t i = 0; i < N(trainings); i++) {
		struct record *r = rec(E_TRAINING);
		set_i(r, "coach", dm->coach[trainings[i].coach]);
		set_s(dm, r, "course", trainings[i].course);
		set_s(dm, r, "provider", trainings[i].provider);
		if (trainings[i].completed != NONE)
			set_day(dm, r, "completed_on", trainings[i].completed);
		if ((rc = add(dm, &r, trainings[i].course, NULL)))
			return rc;
	}
	return SC_OK;
}

/* ---- the manager-model and senior-model records -------------------------------------------- */

static enum sc_result load_management(struct demo *dm)
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
	} reviews[] = {
		{ P_JEROEN, -175, -85,
		  "Cadans besproken: wekelijks een vast moment per accountmanager, dat houdt "
		  "Jeroen goed vol. De feedback van de coachees is gemiddeld hoog. Aandachtspunt: "
		  "meer vragen stellen en minder zelf oplossen." },
		{ P_JEROEN, -85, 5,
		  "Coachingpraktijk op koers; de forecast is overgedragen aan de "
		  "salesondersteuning "
		  "en dat geeft ruimte. Volgende keer: hoe hij ride-alongs voorbereidt." },
		{ P_SANDRA, -205, -115,
		  "Sandra coacht tien mensen naast haar key accounts. De cadans is goed, maar "
		  "gesprekken schuiven vaak door escalaties. Afgesproken: delegeren onderzoeken." },
		{ P_SANDRA, -120, -30,
		  "Kort tussentijds overleg. Coachinggesprekken worden vaker afgezegd; de "
		  "feedback van de coachees daalt licht. Vervolg over een kwartaal." },
	};
	enum sc_result rc;

	for (size_t i = 0; i < N(tasks); i++) {
		struct record *r = rec(E_TASK);
		set_i(r, "manager", dm->person[tasks[i].manager]);
		set_s(dm, r, "name", tasks[i].name);
		set_r(r, "hours_per_week", tasks[i].hours);
		set_i(r, "delegable", tasks[i].delegable);
		if (tasks[i].delegated_to >= 0)
			set_i(r, "delegated_to", dm->person[tasks[i].delegated_to]);
		if ((rc = add(dm, &r, tasks[i].name, NULL)))
			return rc;
	}
	for (size_t i = 0; i < N(reviews); i++) {
		struct record *r = rec(E_SUPERVISION);
		set_i(r, "manager", dm->person[reviews[i].manager]);
		set_i(r, "reviewer", dm->person[P_ANNELIES]);
		set_day(dm, r, "reviewed_on", reviews[i].off);
		set_s(dm, r, "notes", reviews[i].notes);
		set_day(dm, r, "next_review_on", reviews[i].next);
		if ((rc = add(dm, &r, "review", NULL)))
			return rc;
	}
	return SC_OK;
}

static enum sc_result load_seniors(struct demo *dm)
{
	/* The assessments: Tuesday to Thursday, about six weeks before coaching started. */
	int day = weekday_in(dm, dm->senior_start - 49, dm->senior_start - 43, 1);
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

	for (size_t i = 0; i < N(assessments); i++) {
		struct record *r = rec(E_ASSESSMENT);
		set_i(r, "candidate", dm->person[assessments[i].candidate]);
		set_i(r, "assessor", dm->person[assessments[i].assessor]);
		set_day(dm, r, "assessed_on", assessments[i].off);
		set_i(r, "motivation", assessments[i].motivation);
		set_i(r, "traits", assessments[i].traits);
		set_i(r, "ability", assessments[i].ability);
		set_i(r, "track_record", assessments[i].track);
		set_s(dm, r, "decision", assessments[i].decision);
		set_s(dm, r, "notes", assessments[i].notes);
		if ((rc = add(dm, &r, people[assessments[i].candidate].email, NULL)))
			return rc;
	}

	/* Erik: a fixed 20 % reduction. Nicole: computed from her hours, never applied. */
	struct record *r = rec(E_INCENTIVE);
	set_i(r, "coach", dm->coach[C_ERIK]);
	set_day(dm, r, "starts_on", dm->senior_start);
	set_day(dm, r, "ends_on", dm->prog_end);
	set_r(r, "target_reduction_pct", 20);
	set_r(r, "bonus_share_pct", 10);
	set_i(r, "base_bonus", 12000);
	if ((rc = add(dm, &r, "incentive of Erik van Leeuwen", NULL)))
		return rc;
	r = rec(E_INCENTIVE);
	set_i(r, "coach", dm->coach[C_NICOLE]);
	set_day(dm, r, "starts_on", dm->senior_start);
	set_day(dm, r, "ends_on", dm->prog_end);
	set_r(r, "bonus_share_pct", 15);
	set_i(r, "base_bonus", 10000);
	return add(dm, &r, "incentive of Nicole Hendriks", NULL);
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
static bool near_appraisal(const struct demo *dm, int rep, int manager, int off)
{
	struct appraisal_spec list[NPEOPLE + 2];
	size_t n = appraisal_specs(dm, list, N(list));

	for (size_t i = 0; i < n; i++)
		if (list[i].rep == rep && list[i].manager == manager && off >= list[i].off - 2 &&
		    off <= list[i].off + 2)
			return true;
	return false;
}

/* Offset of the first day of the month k months before the month of day off. */
static int months_back(const struct demo *dm, int off, int k)
{
	int first = month_start_of(dm, off);
	while (k-- > 0)
		first = month_start_of(dm, first - 1);
	return first;
}

static enum sc_result load_appraisals(struct demo *dm)
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
	size_t n = appraisal_specs(dm, list, N(list));
	enum sc_result rc;

	for (size_t i = 0; i < n; i++) {
		const struct appraisal_spec *a = &list[i];
		struct record *r = rec(E_APPRAISAL);
		/* The half year, or for an interim appraisal the quarter, before its month. */
		set_i(r, "rep", dm->person[a->rep]);
		set_i(r, "manager", dm->person[a->manager]);
		int round = a->interim ? a->off : dm->mid;
		set_day(dm, r, "period_from", months_back(dm, round, a->interim ? 3 : 6));
		set_day(dm, r, "period_to", month_start_of(dm, round) - 1);
		set_day(dm, r, "recorded_on", a->off);
		set_i(r, "rating", rnd_pct(dm, 15) ? 5 : rnd_pct(dm, 15) ? 2 : rnd_in(dm, 3, 4));
		if (a->interim)
			set_s(dm, r, "text",
			      "Tussentijdse beoordeling van het afgelopen kwartaal op verzoek van "
			      "HR.");
		else
			set_s(dm, r, "text", PICK(dm, texts));
		/* Built here so that the generator draws the same numbers, added later. */
		if (a->interim && dm->ninterim < N(dm->interim)) {
			dm->interim[dm->ninterim].rec = r;
			dm->interim[dm->ninterim++].rep = a->rep;
			continue;
		}
		if ((rc = add(dm, &r, people[a->rep].email, NULL)))
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
static enum sc_result load_interim_appraisals(struct demo *dm)
{
	enum sc_result rc = SC_OK;

	for (size_t i = 0; i < dm->ninterim; i++) {
		int rep = dm->interim[i].rep;
		rc = add_override(dm, &dm->interim[i].rec, people[rep].email, NULL,
		                  rep == P_DAAN ? "De beoordelingsronde van HR viel in dezelfde "
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
	struct record *r = rec(E_ACTIVITY);
	struct activity_spec *a;
	char title[200];
	enum sc_result rc;

	if (dm->nact[team] >= MAX_ACTIVITY) {
		record_free(&r);
		return SC_OK;
	}
	a = &dm->act[team][dm->nact[team]];
	set_i(r, "team", dm->team[team]);
	if (event) {
		set_at(dm, r, "at", off, 14 * 60);
		set_s(dm, r, "kind", nth % 2 ? "training" : "event");
		set_s(dm, r, "title", events[nth % N(events)]);
		set_i(r, "minutes", 120);
	} else {
		if (introduces >= 0)
			snprintf(title, sizeof(title), "%s en kennismaking met %s",
			         teams[team].meeting, people[coaches[introduces].person].name);
		else
			snprintf(title, sizeof(title), "%s", teams[team].meeting);
		set_at(dm, r, "at", off, 9 * 60);
		set_s(dm, r, "kind", "team_meeting");
		set_s(dm, r, "title", title);
		if (introduces >= 0)
			set_i(r, "introduces", dm->coach[introduces]);
	}
	if ((rc = add(dm, &r, teams[team].name, &a->id)))
		return rc;
	a->off = off;
	a->event = event;
	a->introduces = introduces;
	dm->nact[team]++;
	return SC_OK;
}

/*
 * A weekly meeting per team and a monthly event on a Wednesday. In the
 * 30-day window every team therefore has exactly four meetings and one event;
 * a meeting that would fall in the band moves three days earlier, one that
 * would fall today moves to tomorrow.
 */
static enum sc_result load_activities(struct demo *dm)
{
	enum sc_result rc;

	for (int t = 0; t < NTEAMS; t++) {
		bool introduced[NCOACHES] = { false };
		int meeting = weekday_in(dm, -190, -184, teams[t].meeting_weekday);
		for (int k = 6; k >= -1; k--) {
			int event = weekday_in(dm, -16 - 30 * k, -10 - 30 * k, 2);
			for (; meeting < event && meeting <= PLANNED_UNTIL; meeting += 7) {
				int off = in_band(meeting) ? meeting - 3
				          : meeting == 0   ? 1
				                           : meeting;
				int c = introduced_at(t, off, introduced);
				if (c >= 0)
					introduced[c] = true;
				if ((rc = add_activity(dm, t, off, false, c)))
					return rc;
			}
			if (event <= PLANNED_UNTIL && (rc = add_activity(dm, t, event, true, -1)))
				return rc;
		}
		for (; meeting <= PLANNED_UNTIL; meeting += 7)
			if ((rc = add_activity(dm, t, meeting, false, -1)))
				return rc;
	}
	return SC_OK;
}

/* ---- coaching relationships and their sessions --------------------------------------------- */

static int start_offset(const struct demo *dm, enum start_code code)
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

static bool is_intext(int coach)
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
	int s1 = dm->asg_skill[ix][rnd(dm) % 2], s2 = rnd_in(dm, 0, 9);
	char skills[80], agenda[300], notes[600], what[120], day[TU_DATE_LEN];
	struct record *r = rec(E_SESSION);
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
	set_i(r, "assignment", dm->assignment[ix]);
	set_s(dm, r, "kind", ss->kind);
	set_at(dm, r, "at", ss->off, ss->minute);
	set_i(r, "minutes", ss->minutes);
	set_s(dm, r, "status", ss->status);
	set_s(dm, r, "agenda", agenda);
	set_s(dm, r, "skills", skills);
	if (ss->intro)
		set_i(r, "intro", 1);
	if (held) {
		snprintf(notes, sizeof(notes), PICK(dm, notes_text), skill_words[s1]);
		notes[0] = (char)(notes[0] >= 'a' && notes[0] <= 'z' ? notes[0] - 32 : notes[0]);
		set_s(dm, r, "notes", notes);
		if (rnd_pct(dm, 88)) {
			/* Thomas's coachees rate his sessions lower. */
			bool thomas = ad->coach == C_THOMAS;
			set_i(r, "feedback", rnd_in(dm, thomas ? 2 : 3, thomas ? 4 : 5));
		}
	}
	if (ride) {
		set_s(dm, r, "customer", PICK(dm, customers));
		set_s(dm, r, "stage", PICK(dm, stages));
		set_s(dm, r, "role", rnd_pct(dm, 60) ? "observer" : "co_pilot");
		if (held)
			set_s(dm, r, "follow_up", PICK(dm, follow_ups));
	}
	day_text(dm, ss->off, day);
	snprintf(what, sizeof(what), "%s, %s", people[ad->coachee].email, day);
	if ((rc = add(dm, &r, what, &sid)))
		return rc;
	if (id)
		*id = sid;
	if (!(held && ride))
		return SC_OK;
	if (is_intext(ad->coach) && ss->off < BAND_FIRST && dm->nrides[ad->coach] < MAX_RIDES)
		dm->rides[ad->coach][dm->nrides[ad->coach]++] = ss->off;
	for (int k = 0; k < 2; k++) {
		struct record *o = rec(E_OBSERVATION);
		set_i(o, "session", sid);
		set_s(dm, o, "skill", skill_codes[k ? s2 : s1]);
		set_s(dm, o, "strengths", PICK(dm, strengths));
		set_s(dm, o, "improvement", PICK(dm, improvements));
		if ((rc = add(dm, &o, "ride-along observation", NULL)))
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

	if (dm->nactions >= MAX_ACTIONS || !rnd_pct(dm, 35))
		return;
	a = &dm->actions[dm->nactions++];
	a->session_off = off;
	a->session = session;
	a->due = off + (rnd_pct(dm, 70) ? 7 : 14);
	a->by_coach = rnd_pct(dm, 20);
	a->text = a->by_coach ? PICK(dm, coach_actions) : PICK(dm, coachee_actions);
}

static enum sc_result add_action(struct demo *dm, size_t ix, const struct action_spec *a, int done)
{
	const struct assignment_def *ad = &assignments[ix];
	struct record *r = rec(E_ACTION);

	set_i(r, "assignment", dm->assignment[ix]);
	if (a->session)
		set_i(r, "session", a->session);
	set_i(r, "owner", dm->person[a->by_coach ? coaches[ad->coach].person : ad->coachee]);
	set_s(dm, r, "text", a->text);
	set_day(dm, r, "due_on", a->due);
	if (done != NONE)
		set_day(dm, r, "done_on", done);
	return add(dm, &r, people[ad->coachee].email, NULL);
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

	if (ongoing && !designed && rnd_pct(dm, 30))
		for (size_t i = 0; i < dm->nactions; i++)
			if (!dm->actions[i].by_coach && dm->actions[i].due <= -1 &&
			    (open == SIZE_MAX || dm->actions[i].due > dm->actions[open].due))
				open = i;
	for (size_t i = 0; i < dm->nactions; i++) {
		const struct action_spec *a = &dm->actions[i];
		int lo = a->session_off + 1 < -1 ? a->session_off + 1 : -1;
		int done = NONE;
		if (a->due <= -1 && i != open) {
			done = a->due + rnd_in(dm, -4, 1);
			done = done < lo ? lo : done > -1 ? -1 : done;
		} else if (a->due >= 0 && rnd_pct(dm, 20)) {
			done = rnd_in(dm, lo, -1);
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
	struct record *r = rec(E_PLAN);
	char skills[80];
	int64_t plan = 0;
	int mid = start + (last - start) / 2;
	const int when[3] = { start + 3, mid, last - 9 };
	enum sc_result rc;

	snprintf(skills, sizeof(skills), "%s,%s", skill_codes[dm->asg_skill[ix][0]],
	         skill_codes[dm->asg_skill[ix][1]]);
	set_i(r, "assignment", dm->assignment[ix]);
	set_s(dm, r, "goals", goals[ix % N(goals)]);
	set_s(dm, r, "skills", skills);
	set_day(dm, r, "review_on", last == -1 ? rnd_in(dm, 20, 45) : last);
	if ((rc = add(dm, &r, people[ad->coachee].email, &plan)))
		return rc;
	for (int w = 0; w < 3; w++) {
		if (w == 2 && when[2] < mid + 20)
			break;
		for (int k = 0; k < 2; k++) {
			struct record *s = rec(E_SELF_ASSESSMENT);
			set_i(s, "plan", plan);
			set_s(dm, s, "skill", skill_codes[dm->asg_skill[ix][k]]);
			set_day(dm, s, "assessed_on", when[w]);
			set_i(s, "score", 2 + w - (rnd_pct(dm, 30) ? 1 : 0) + (k && w ? 1 : 0));
			if ((rc = add(dm, &s, "self-assessment", NULL)))
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
	return ad->anchor ? ad->anchor : weekday_in(dm, -7, -1, (int)(ix % 4));
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

static enum sc_result load_assignment(struct demo *dm, size_t ix)
{
	const struct assignment_def *ad = &assignments[ix];
	bool manager_model = !strcmp(programmes[ad->programme].model, "manager");
	bool intext = is_intext(ad->coach);
	bool ongoing = ad->profile != PF_ENDED && ad->profile != PF_PAUSED;
	int coach_person = coaches[ad->coach].person;
	int start = start_offset(dm, ad->start), last = last_day(ad);
	int minute = 8 * 60 + 50 * coachee_number(ix);
	struct record *r = rec(E_ASSIGNMENT);
	enum sc_result rc;

	dm->asg_skill[ix][0] = rnd_in(dm, 0, 9);
	dm->asg_skill[ix][1] = (dm->asg_skill[ix][0] + rnd_in(dm, 1, 9)) % 10;
	set_i(r, "programme", dm->programme[ad->programme]);
	set_i(r, "coach", dm->coach[ad->coach]);
	set_i(r, "coachee", dm->person[ad->coachee]);
	set_day(dm, r, "starts_on", start);
	if (ad->profile == PF_ENDED)
		set_day(dm, r, "ends_on", last);
	set_s(dm, r, "status",
	      ad->profile == PF_ENDED    ? "ended"
	      : ad->profile == PF_PAUSED ? "paused"
	                                 : "active");
	if ((rc = add_override(dm, &r, people[ad->coachee].email, &dm->assignment[ix],
	                       assignment_override(ad))))
		return rc;
	if ((rc = load_plan(dm, ix, start, last)))
		return rc;

	dm->nactions = 0;
	struct session_spec intro = { start, minute, 90, "one_to_one", "held", true };
	int64_t sid = 0;
	if ((rc = add_session(dm, ix, &intro, &sid)))
		return rc;

	int s = slot_anchor(dm, ix);
	while (s - 7 >= start + 2)
		s -= 7;
	for (int k = 0; s <= (ongoing ? PLANNED_UNTIL : last); s += 7, k++) {
		struct session_spec ss = {
			s, minute, 0, slot_kind(k, manager_model), "held", false
		};
		if (s > last && s <= 0)
			continue;
		if (manager_model && near_appraisal(dm, ad->coachee, coach_person, s) &&
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
		while (!is_weekday(dm, called_off))
			called_off--;
		if (s <= -1 && ad->profile == PF_NORMAL && called_off > start && rnd_pct(dm, 8) &&
		    !(manager_model && near_appraisal(dm, ad->coachee, coach_person, called_off))) {
			struct session_spec off = { called_off,
				                    minute,
				                    60,
				                    "one_to_one",
				                    rnd_pct(dm, 70) ? "cancelled" : "no_show",
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
	struct record *r = rec(E_PRESENCE);

	set_i(r, "coach", dm->coach[coach]);
	set_day(dm, r, "present_on", off);
	set_s(dm, r, "kind", kind);
	if (activity)
		set_i(r, "activity", activity);
	set_s(dm, r, "note", note);
	return add(dm, &r, people[coaches[coach].person].email, NULL);
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
static enum sc_result load_window(struct demo *dm, int c)
{
	const struct coach_def *cd = &coaches[c];
	const struct activity_spec *wa[8];
	size_t nwa = window_activities(dm, cd->team, wa, N(wa));
	int fd[28], nfd = 0, act_days = 0, rides[28], nrides = 0, turn = 0;
	enum sc_result rc;

	for (size_t i = 0; i < nwa; i++)
		if ((cd->att >> i) & 1u && !has_day(fd, nfd, wa[i]->off))
			fd[nfd++] = wa[i]->off;
	act_days = nfd;
	/* 11 is prime to 28: a spread of the window's days in a fixed order. */
	for (int j = 0; j < 28 && nfd < cd->floor; j++) {
		int off = -1 - (j * 11) % 28;
		if (is_weekday(dm, off) && !has_day(fd, nfd, off))
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
			    start_offset(dm, assignments[a].start) < rides[i])
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
static enum sc_result load_history(struct demo *dm, int c)
{
	const struct coach_def *cd = &coaches[c];
	enum sc_result rc;

	for (int off = cd->start; off < BAND_FIRST; off++)
		if ((cd->weekdays >> weekday(dm, off)) & 1u &&
		    (rc = add_presence(dm, c, off, "sales_floor", 0, NULL)))
			return rc;
	for (size_t i = 0; i < dm->nact[cd->team]; i++) {
		const struct activity_spec *a = &dm->act[cd->team][i];
		if (a->off < cd->start || a->off >= BAND_FIRST)
			continue;
		if (a->introduces != c && !rnd_pct(dm, 85))
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

/* ---- pulse surveys ------------------------------------------------------------------------- */

static enum sc_result add_answer(struct demo *dm, int c, bool coachee, int off, int respect,
                                 int trust, int not_reporting)
{
	struct record *r = rec(E_SURVEY);

	set_i(r, "coach", dm->coach[c]);
	set_s(dm, r, "respondent", coachee ? "coachee" : "management");
	set_day(dm, r, "answered_on", off);
	set_i(r, "respect", respect);
	set_i(r, "trust", trust);
	set_i(r, "helps", rnd_in(dm, c == C_THOMAS ? 2 : 3, 5));
	set_i(r, "part_of_team", rnd_in(dm, c == C_THOMAS ? 2 : 3, 5));
	if (not_reporting)
		set_i(r, "not_reporting", not_reporting);
	return add(dm, &r, "survey answer", NULL);
}

/*
 * A round: one answer per coachee and four from management. Every round of
 * a coach gives the designed figures the same values, so any period of
 * rounds has the same mean (docs/demo.md).
 */
static enum sc_result survey_round(struct demo *dm, int c, int off)
{
	static const int thomas_trust[] = { 3, 3, 4, 3 }, linda_respect[] = { 3, 4, 3, 4 };
	enum sc_result rc;
	int j = 0;

	for (size_t a = 0; a < NASSIGNMENTS; a++) {
		if (assignments[a].coach != c || start_offset(dm, assignments[a].start) > off)
			continue;
		int nr = c == C_KEES     ? (j == 1 ? 4 : 3)
		         : c == C_FATIMA ? (j == 0 ? 3 : 4)
		                         : rnd_in(dm, 4, 5);
		if ((rc = add_answer(dm, c, true, off, rnd_in(dm, 4, 5), rnd_in(dm, 4, 5), nr)))
			return rc;
		j++;
	}
	for (int m = 0; m < 4; m++) {
		int respect = c == C_THOMAS  ? (m == 2 ? 3 : 4)
		              : c == C_LINDA ? linda_respect[m]
		                             : rnd_in(dm, 4, 5);
		int trust = c == C_THOMAS ? thomas_trust[m] : rnd_in(dm, 4, 5);
		if ((rc = add_answer(dm, c, false, off, respect, trust, 0)))
			return rc;
	}
	return SC_OK;
}

static enum sc_result load_surveys(struct demo *dm)
{
	enum sc_result rc;

	for (int c = 0; c < NCOACHES; c++) {
		if (!is_intext(c))
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

/* ---- sales results ------------------------------------------------------------------------- */

static bool coached_from(const struct demo *dm, int p, int *from)
{
	for (size_t a = 0; a < NASSIGNMENTS; a++)
		if (assignments[a].coachee == p) {
			*from = start_offset(dm, assignments[a].start);
			return true;
		}
	return false;
}

static enum sc_result load_results(struct demo *dm)
{
	int days = month_first(dm, 1) - month_first(dm, 0);
	enum sc_result rc;

	for (int p = 0; p < NPEOPLE; p++) {
		const struct person_def *pd = &people[p];
		int from = NONE, avg = rnd_in(dm, 6, 10) * 1000;
		int base = rnd_in(dm, 80, 100);
		bool coached = coached_from(dm, p, &from);
		if (!pd->quota)
			continue;
		for (int k = -6; k <= 0; k++) {
			int first = month_first(dm, k), end = month_first(dm, k + 1) - 1;
			struct record *r;
			char month[TU_MONTH_LEN];
			if (end < pd->joined || first > pd->left ||
			    (p == P_EMMA && first > EMMA_PAUSED))
				continue;
			/* Erik's quota falls by his fixed 20 % less 500 euros once he coaches. */
			long quota = p == P_ERIK && first >= dm->senior_start ? 63500 : pd->quota;
			int pct = base + rnd_in(dm, -12, 18) +
			          (coached && first > from ? 2 * (k + 7) : 0);
			long revenue = quota * pct / 100;
			long acts = rnd_in(dm, 90, 150);
			if (k == 0) {
				revenue = revenue * dm->mday / days;
				acts = acts * dm->mday / days;
			}
			long won = revenue / avg,
			     lost = won * rnd_in(dm, 40, 90) / 100 + rnd_in(dm, 0, 2);
			month_text(dm, k, month);
			r = rec(E_RESULT);
			set_i(r, "rep", dm->person[p]);
			set_s(dm, r, "month", month);
			set_i(r, "quota", quota);
			set_i(r, "revenue", revenue);
			set_i(r, "deals_won", won);
			set_i(r, "deals_lost", lost);
			set_i(r, "activities", acts);
			if ((rc = add(dm, &r, pd->email, NULL)))
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
	int person; /* P_*, or -1 for the administrator */
	const char *role, *what;
} logins[] = {
	{ -1, "admin", "administrator: configuration and activity, no coaching content" },
	{ P_ANNELIES, "executive", "sales director: aggregates only" },
	{ P_JEROEN, "member", "sales manager who coaches his own team" },
	{ P_SANDRA, "member", "sales manager with too many reps to coach" },
	{ P_LOTTE, "member", "rep coached by her manager" },
	{ P_ERIK, "member", "senior rep who coaches a junior" },
	{ P_LINDA, "member", "internal coach" },
	{ P_KEES, "member", "external coach" },
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
	if ((rc = add(dm, &r, "the administrator", &admin)) || (rc = account_global_init(dm->err)))
		return rc;
	for (size_t i = 0; i < sizeof(logins) / sizeof(logins[0]); i++) {
		int64_t person = logins[i].person < 0 ? admin : dm->person[logins[i].person];
		if ((rc = account_set(&dm->d, person, logins[i].role, DEMO_PASSWORD, &id, dm->err)))
			return rc;
		dm->count[E_ACCOUNT]++;
	}
	return SC_OK;
}

static void summary(const struct demo *dm, FILE *out, int64_t org)
{
	fprintf(out, "Loaded the demo organisation %s (slug %s, id %lld), history up to %s.\n",
	        DEMO_NAME, DEMO_SLUG, (long long)org, dm->d.today);
	fprintf(out, "\nRecords:\n");
	for (int k = 0; k < E_COUNT; k++)
		if (dm->count[k])
			fprintf(out, "  %-16s %5zu\n",
			        dm->count[k] == 1 ? entity_get((enum entity_kind)k)->name
			                          : entity_get((enum entity_kind)k)->plural,
			        dm->count[k]);
	fprintf(out,
	        "\nTeams and models: Amsterdam and Rotterdam (manager), Utrecht (senior),\n"
	        "Eindhoven (internal), Noord (external).\n"
	        "\nPeople to try with --as:\n"
	        "  %-40s sales manager who coaches his own team\n"
	        "  %-40s sales manager with too many reps to coach\n"
	        "  %-40s rep coached by her manager\n"
	        "  %-40s senior rep who coaches a junior\n"
	        "  %-40s internal coach\n"
	        "  %-40s external coach\n"
	        "\nThe pitfall cases built into the demo are listed in docs/demo.md.\n",
	        people[P_JEROEN].email, people[P_SANDRA].email, people[P_LOTTE].email,
	        people[P_ERIK].email, people[P_LINDA].email, people[P_KEES].email);
	demo_print_logins(out);
}

void demo_print_logins(FILE *out)
{
	fprintf(out, "\nLogins of `salescoach serve` (password %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof(logins) / sizeof(logins[0]); i++)
		fprintf(out, "  %-40s %s\n", login_email((int)i), logins[i].what);
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
	dm->prog_start = month_start_of(dm, -200);
	dm->prog_end = month_start_of(dm, month_start_of(dm, 183) + 40) - 1;
	dm->senior_start = month_first(dm, -4);
	dm->pm_first = month_first(dm, -1);
	dm->pm_last = month_first(dm, 0) - 1;
	/* The half-year appraisals: the week starting on the Monday in -156..-150. */
	dm->mid = weekday_in(dm, -156, -150, 0);
}

enum sc_result demo_load(struct store *st, FILE *out, int64_t *org, struct sc_error *err)
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
	if ((rc = load_people(dm)) || (rc = load_teams(dm)) || (rc = load_coaches(dm)) ||
	    (rc = load_management(dm)) || (rc = load_seniors(dm)) || (rc = load_appraisals(dm)) ||
	    (rc = load_activities(dm)))
		goto out;
	for (size_t i = 0; i < NASSIGNMENTS; i++)
		if ((rc = load_assignment(dm, i)))
			goto out;
	if ((rc = load_interim_appraisals(dm)))
		goto out;
	for (int c = 0; c < NCOACHES; c++)
		if (is_intext(c) && ((rc = load_window(dm, c)) || (rc = load_history(dm, c))))
			goto out;
	if ((rc = load_surveys(dm)) || (rc = load_results(dm)) || (rc = load_accounts(dm)))
		goto out;
	if (out)
		summary(dm, out, *org);
out:
	for (size_t i = 0; i < dm->ninterim; i++)
		record_free(&dm->interim[i].rec);
	free(dm);
	return rc;
}
