/*
 * gen_int.h - what the files of the generator share (gen.c: the
 * organisation, its people, teams, coaches and relationships;
 * gen_history.c: the history, written week by week). Nothing outside the
 * generator uses it.
 *
 * Days are offsets from today (0 = today, -1 = yesterday). A team draws its
 * random numbers from a stream of its own, kept in struct team between the
 * weeks of the history, so its data does not depend on the other teams.
 */
#ifndef SALESCOACH_GEN_INT_H
#define SALESCOACH_GEN_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "seed/gen.h"
#include "base/util.h"
#include "domain/org.h"
#include "model/record.h"

#define NONE          1000000 /* "no such day" in day offsets */
#define PLANNED_UNTIL 21      /* planned sessions reach three weeks ahead */
#define TEAM_MAX      12
#define MAX_COACHES   4 /* coach profiles of one team */
#define MAX_APPRAISAL (GEN_MAX_MONTHS / 6 + 2)
#define RECENT_HELD   8 /* held sessions remembered per relationship, for action items */

/* Chances of the designed pitfalls, per mille of the people they can concern. */
#define CHANCE_LAPSED        20  /* no-recent-session: an active relationship lapses */
#define CHANCE_OVERDUE       20  /* overdue-actions: 3 or 4 items left open */
#define CHANCE_MIXED         30  /* coaching-mixed-with-appraisal: a session next to it */
#define CHANCE_UNTRAINED     30  /* coach-untrained */
#define CHANCE_OVERLOADED    30  /* coach-overloaded */
#define CHANCE_NO_TIME       40  /* manager-no-time */
#define CHANCE_NO_SUPERVISOR 40  /* no-supervision */
#define CHANCE_NOT_ASSESSED  40  /* coach-not-assessed */
#define CHANCE_NO_INCENTIVE  40  /* no-incentive */
#define CHANCE_NOT_REDUCED   40  /* target-not-reduced */
#define CHANCE_LOW_ACCEPT    40  /* low-acceptance */
#define CHANCE_SPY           40  /* seen-as-spy */
#define CHANCE_OFF_FLOOR     40  /* not-on-floor */
#define CHANCE_SKIPS_ACTS    40  /* misses-team-activities */
#define CHANCE_NO_RIDES      40  /* no-ride-alongs */
#define CHANCE_NO_BACKGROUND 50  /* no-sales-background */
#define CHANCE_ONBOARDING    150 /* an external team has a second coach, started lately */
#define CHANCE_ONBOARD_GAP   350 /* acceptance-not-built: that coach misses a step */

enum model { M_MANAGER, M_SENIOR, M_INTERNAL, M_EXTERNAL, NMODELS };

/* "manager", "senior", "internal", "external". */
extern const char *const gen_model_names[NMODELS];

/* The pitfalls a coach is designed to show. */
enum {
	CF_UNTRAINED = 1u << 0,
	CF_OVERLOADED = 1u << 1,
	CF_NO_TIME = 1u << 2,
	CF_NO_SUPERVISION = 1u << 3,
	CF_NOT_ASSESSED = 1u << 4,
	CF_NO_INCENTIVE = 1u << 5,
	CF_NOT_REDUCED = 1u << 6,
	CF_LOW_ACCEPT = 1u << 7,
	CF_SPY = 1u << 8,
	CF_OFF_FLOOR = 1u << 9,
	CF_SKIPS_ACTS = 1u << 10,
	CF_NO_RIDES = 1u << 11,
	CF_NO_BACKGROUND = 1u << 12,
	CF_NO_INTRO_MEETING = 1u << 13,
	CF_NO_INTRO_SESSION = 1u << 14,
	CF_MISSED_SURVEY = 1u << 15,
};

/* A coaching relationship of a rep: who coaches, from when to when (NONE: ongoing). */
struct span {
	int coach; /* index into the team's coaches */
	int from, to;
};

struct rep {
	int64_t person;
	int quota;       /* monthly base quota in euros */
	int join, leave; /* first and last day employed: -NONE and NONE when outside the history */
	int pause;       /* last day before a leave of absence, or NONE */
	bool senior;     /* a senior coach of a senior-model team */
	struct span spans[2];
	int nspans;
	int app[MAX_APPRAISAL]; /* days of the appraisals recorded */
	int napp;
	int mixed;      /* index of the appraisal a coaching session is held next to, or -1 */
	int base, deal; /* attainment in percent and deal size in euros, for the results */
};

struct coach {
	int64_t id, person;
	enum model kind;
	int start;
	int capacity, active; /* capacity; active coachees assigned so far */
	int planned;          /* active coachees it will have */
	int rep;              /* the rep who is this senior coach, or -1 */
	int ride_every;       /* a ride-along every this many sessions per coachee */
	int reduction;        /* a senior's fixed target reduction in percent, 0: computed */
	unsigned flags;       /* CF_* */
	unsigned floor_days;  /* weekdays on the sales floor (bit 0 = Monday) */
	int only_day;         /* the one floor weekday left to a coach designed off the floor */
	bool introduced;      /* at a team meeting already */
	int *held;            /* minutes held per month of the history (owned, senior coaches) */
};

struct team;

/* A relationship while the weeks of its history are written. */
struct rel {
	struct rep *r;
	struct coach *c;
	const struct span *sp;
	int64_t assignment;
	bool active;
	int last;  /* the last day a session may take place */
	int lapse; /* from this day on, sessions are called off; NONE */
	bool overdue;
	int skills[2];
	int wd, minute, phase;
	bool intro_done;
	int next_slot, k; /* the next weekly slot and its number */
	int recent_day[RECENT_HELD];
	int64_t recent_id[RECENT_HELD];
	size_t nrecent;
};

struct team {
	unsigned ix;
	enum model model;
	int n;
	int64_t id, programme, manager, regional;
	double target;
	int meeting_wd; /* weekday of the weekly meeting, 0 = Monday */
	uint64_t rng;   /* the team's stream between the weeks of the history */
	struct rep reps[TEAM_MAX];
	struct coach coaches[MAX_COACHES];
	int ncoaches;
	struct rel rels[2 * TEAM_MAX];
	int nrels;
};

struct gen {
	struct store *st;
	struct sc_error *err;
	const struct gen_params *p;
	struct gen_report *out;
	int64_t org;
	uint64_t rng;
	bool nomem;
	char tz[64];
	long t; /* today in days since 1970-01-01 */
	int y, m;
	int hs;           /* the first day of the history */
	int prog_end;     /* the last day of every programme */
	int nmonths;      /* months from hs to today's month, inclusive */
	int *month_first; /* offset of the first day of month k of the history, k <= nmonths */
	int *event_day;   /* the day of month k's team event (third Wednesday) */
	int day_lo, day_hi;
	int *utc_off;  /* seconds the zone is ahead of UTC, per day in day_lo..day_hi */
	int *month_of; /* month index of each day in day_lo..day_hi, -1 before */
	char (*dates)[TU_DATE_LEN]; /* the text of each day in day_lo..day_hi */
	unsigned nteams;
	unsigned *sizes;
	enum model *models;
	struct team *teams;    /* nteams, owned */
	unsigned long npeople; /* for unique e-mail addresses */
	int64_t director, top_team, regional, region_team, support;
	struct record *rec[E_COUNT];
	struct {
		const char *name; /* a string literal of the generator */
		int ix;
	} fields[E_COUNT][16]; /* field indexes looked up so far, per entity kind */
	size_t nfields[E_COUNT];
	struct timespec started, shown;
};

/* ---- random numbers: splitmix64 (base/util.h) ---------------------------------------------- */

static inline uint64_t rnd(struct gen *g)
{
	return sc_splitmix64(&g->rng);
}

/* A whole number in lo..hi. */
static inline int rnd_in(struct gen *g, int lo, int hi)
{
	return lo + (int)(rnd(g) % (uint64_t)(hi - lo + 1));
}

/* True with the given chance in per mille. */
static inline bool chance(struct gen *g, unsigned per_mille)
{
	return rnd(g) % 1000 < per_mille;
}

static inline const char *pick(struct gen *g, const char *const *list, size_t n)
{
	return list[rnd(g) % n];
}

#define PICK(g, list) pick(g, list, ARRAY_SIZE(list))

/* ---- days ---------------------------------------------------------------------------------- */

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
static inline int weekday(const struct gen *g, int day)
{
	return (int)(((g->t + day) % 7 + 7 + 3) % 7);
}

/* day, or the Monday after it when it falls in a weekend. */
static inline int workday(const struct gen *g, int day)
{
	int wd = weekday(g, day);
	return wd >= 5 ? day + 7 - wd : day;
}

/* Month index of day in the history (0 = the first month), or -1. */
static inline int month_of(const struct gen *g, int day)
{
	if (day < g->day_lo || day > g->day_hi)
		return -1;
	return g->month_of[day - g->day_lo];
}

/* "YYYY-MM-DD" of day. */
void gen_day_text(const struct gen *g, int day, char out[TU_DATE_LEN]);

/* Offset of the first day of the month delta months from today's month. */
int gen_month_start(const struct gen *g, int delta);

/* Show "generating WHAT: DONE of OF" on the progress stream, now and then and at the end. */
void gen_progress(struct gen *g, const char *what, unsigned done, unsigned of);

/* ---- records (gen.c) ----------------------------------------------------------------------- */

/*
 * The reusable record of kind k with every field given: its default when it
 * has one, else null. Every record of a kind then has the same shape, which
 * keeps the store's prepared statement for it. Borrowed until the next call.
 */
struct record *gen_fresh(struct gen *g, enum entity_kind k);

/* Setters by field name; name must be a string literal (its address is cached). */
void gen_set_s(struct gen *g, struct record *r, const char *name, const char *s);
void gen_set_i(struct gen *g, struct record *r, const char *name, int64_t v);
void gen_set_r(struct gen *g, struct record *r, const char *name, double v);
void gen_set_day(struct gen *g, struct record *r, const char *name, int day);
/* An instant at minute (local time) of day. */
void gen_set_at(struct gen *g, struct record *r, const char *name, int day, int minute);

/* Store r (from gen_fresh); *id receives its id when id is not NULL. */
enum sc_result gen_put(struct gen *g, struct record *r, int64_t *id);

/* ---- the history (gen_history.c) ----------------------------------------------------------- */

/*
 * Write the history of every team week by week, from the first week of the
 * history to three weeks ahead: team activities, sessions and what they
 * leave behind, presence, surveys, appraisals and each month's sales
 * results, so that rows lie about in the order they would have been
 * recorded. Then the designed overdue action items.
 */
enum sc_result gen_history(struct gen *g);

/*
 * Between gen.c (the organisation and its regions) and gen_team.c (a team):
 * the random stream of a part, people and team records, and one whole team.
 */
void gen_stream(struct gen *g, uint64_t ix);
enum sc_result gen_add_person(struct gen *g, const char *title, int64_t superior, int years,
                              bool track, bool active, const char *domain, int64_t *id);
void gen_own_domain(const struct gen *g, char *out, size_t n);
enum sc_result gen_add_team_record(struct gen *g, const char *name, int64_t manager, int64_t parent,
                                   int64_t *id);
enum sc_result gen_add_team(struct gen *g, unsigned ix);

#endif
