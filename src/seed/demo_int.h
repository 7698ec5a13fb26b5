/*
 * demo_int.h - what the files of the demo organisation share: its cast and
 * calendar (the tables of demo_data.c), the loader's state, and the helpers
 * that build records. demo.c loads it all in order (see demo.h).
 */
#ifndef SALESCOACH_DEMO_INT_H
#define SALESCOACH_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "domain/domain.h"
#include "model/entity.h"
#include "model/record.h"

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

/* ---- teams, programmes, coaches ------------------------------------------------------------ */

enum team_ix { T_SALES, T_AMS, T_ROT, T_UTR, T_EIN, T_NRD, NTEAMS };

struct team_def {
	const char *name;
	int manager, parent;
	int meeting_weekday; /* 0 = Monday */
	const char *meeting;
};

enum programme_ix { PR_AMS, PR_ROT, PR_UTR, PR_EIN, PR_NRD, NPROGRAMMES };

struct programme_def {
	int team;
	const char *model;
	double target;
	const char *name;
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
struct coach_def {
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

struct assignment_def {
	int programme, coach, coachee;
	enum start_code start;
	enum profile profile;
	int anchor; /* a day offset in -7..-1 that is one of the weekly slots; 0: by weekday */
};

/* The coaching relationships of the demo (demo_data.c). */
#define NASSIGNMENTS 33

extern const struct person_def people[NPEOPLE];
extern const struct team_def teams[NTEAMS];
extern const struct programme_def programmes[NPROGRAMMES];
extern const struct coach_def coaches[NCOACHES];
extern const struct assignment_def assignments[NASSIGNMENTS];

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

/* demo_build.c: the seeded generator, dates as day offsets, records built and added. */
uint64_t demo_rnd(struct demo *dm);
int demo_rnd_in(struct demo *dm, int lo, int hi);
bool demo_rnd_pct(struct demo *dm, int pct);
const char *demo_pick(struct demo *dm, const char *const *list, size_t n);
void demo_day_text(const struct demo *dm, int off, char out[TU_DATE_LEN]);
int demo_weekday(const struct demo *dm, int off);
bool demo_is_weekday(const struct demo *dm, int off);
/* Whether day off is a Dutch public holiday (Christmas, New Year, Easter Monday, ...). */
bool demo_is_holiday(const struct demo *dm, int off);
/*
 * Day off, or when it is a public holiday the next weekday that is none (the
 * one before, when that would reach today from the past): where a planned
 * meeting or session goes instead of a holiday.
 */
int demo_working_day(const struct demo *dm, int off);
int demo_month_first(const struct demo *dm, int k);
void demo_month_text(const struct demo *dm, int k, char out[TU_MONTH_LEN]);
int demo_month_start_of(const struct demo *dm, int off);
bool demo_in_band(int off);
int demo_weekday_in(const struct demo *dm, int lo, int hi, int wd);
struct record *demo_rec(enum entity_kind kind);
void demo_set_s(struct demo *dm, struct record *r, const char *field, const char *s);
void demo_set_i(struct record *r, const char *field, int64_t v);
void demo_set_r(struct record *r, const char *field, double v);
void demo_set_day(struct demo *dm, struct record *r, const char *field, int off);
void demo_set_at(struct demo *dm, struct record *r, const char *field, int off, int minute_of_day);
enum sc_result demo_add(struct demo *dm, struct record **prec, const char *what, int64_t *id);
enum sc_result demo_add_override(struct demo *dm, struct record **prec, const char *what,
                                 int64_t *id, const char *reason);

/* demo_org.c: people, teams, coaches, the managers' and seniors' records, appraisals, team
 * activities. */
enum sc_result demo_load_people(struct demo *dm);
enum sc_result demo_load_teams(struct demo *dm);
enum sc_result demo_load_coaches(struct demo *dm);
enum sc_result demo_load_management(struct demo *dm);
enum sc_result demo_load_seniors(struct demo *dm);
bool demo_near_appraisal(const struct demo *dm, int rep, int manager, int off);
enum sc_result demo_load_appraisals(struct demo *dm);
enum sc_result demo_load_interim_appraisals(struct demo *dm);
enum sc_result demo_load_activities(struct demo *dm);

/* demo_coaching.c: coaching relationships, their sessions, actions and plans, and the window of the
 * internal and external coaches. */
int demo_start_offset(const struct demo *dm, enum start_code code);
bool demo_is_intext(int coach);
enum sc_result demo_load_assignment(struct demo *dm, size_t ix);
enum sc_result demo_load_window(struct demo *dm, int c);
enum sc_result demo_load_unrecorded(struct demo *dm);
enum sc_result demo_load_history(struct demo *dm, int c);

/* A random entry of a list whose size is known where it is used. */
#define PICK(dm, list) demo_pick(dm, list, ARRAY_SIZE(list))

#endif
