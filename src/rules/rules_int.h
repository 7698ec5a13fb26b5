/*
 * rules_int.h - what the rule files (rules_*.c) share with rules.c: the
 * context of one evaluation and the helpers that build alerts.
 */
#ifndef SALESCOACH_RULES_INT_H
#define SALESCOACH_RULES_INT_H

#include "rules/rules.h"
#include "store/store.h"
#include "base/timeutil.h"

/* Columns of SQ_ACTIVE_ASSIGNMENTS. */
enum {
	AA_ID,
	AA_PROGRAMME,
	AA_MODEL,
	AA_TEAM,
	AA_COACH,
	AA_COACH_PERSON,
	AA_COACH_NAME,
	AA_COACHEE,
	AA_COACHEE_NAME,
	AA_STARTS_ON,
	AA_ENDS_ON,
	AA_TARGET,
	AA_LAST_HELD,
	AA_NEXT_PLANNED,
	AA_LAST_UNRECORDED
};

/* Columns of SQ_COACHES. */
enum {
	CO_ID,
	CO_PERSON,
	CO_NAME,
	CO_KIND,
	CO_CAPACITY,
	CO_HOURS_PER_WEEK,
	CO_ACTIVE_COACHEES,
	CO_TRAININGS,
	CO_TRAINING_OPEN,
	CO_FIRST_START,
	CO_SUPERIOR,
	CO_SUPERIOR_NAME,
	CO_YEARS,
	CO_TRACK_RECORD
};

/* Number of local days kept in the day index (about two years back). */
#define RULES_DAYS 800

struct rules_ctx {
	struct domain *d;
	enum msg_lang lang;
	const struct alert_filter *filter;
	struct alert_list *out;
	enum sc_result rc; /* first failure of a helper; the rule stops at it */
	struct sc_error *err;
	char now[TU_INSTANT_LEN];
	/* The UTC instant at which local day today - RULES_DAYS + 1 + i begins,
	 * for i in [0, RULES_DAYS + 1]: the last one is tomorrow's start. */
	char (*day_start)[TU_INSTANT_LEN];
	/* Loaded once, shared by the rules. */
	struct qrows assignments; /* SQ_ACTIVE_ASSIGNMENTS */
	struct qrows coaches;     /* SQ_COACHES */
	struct qrows teams;       /* SQ_TEAMS */
	/* Per row of coaches: the coaching hours needed per month and the distinct coachees
	 * behind them, calc_needed over the coach's active assignments (as `plan capacity`). */
	double *needed;
	int64_t *needed_coachees;
};

/* Columns of SQ_TEAMS. */
enum { TM_ID, TM_NAME, TM_MANAGER, TM_MANAGER_NAME, TM_PROGRAMME, TM_MODEL };

/*
 * The row of rows whose column col (ascending whole numbers) holds id, or
 * -1. Used for the id-ordered shared rows.
 */
long rules_find_row(const struct qrows *rows, size_t col, int64_t id);

/* The first row of rows whose column col (ascending) holds id, or rows->nrows. */
size_t rules_first_row(const struct qrows *rows, size_t col, int64_t id);

/* The team of a coach's first active assignment, 0 when none. */
int64_t rules_coach_team(struct rules_ctx *c, int64_t coach);

/* A number setting of the organisation. */
double rules_setting(struct rules_ctx *c, const char *key);

/* Today plus days, as a date. */
void rules_date(struct rules_ctx *c, int days, char out[TU_DATE_LEN]);

/* The UTC instant at which local date (today - back days) begins. */
const char *rules_day_start(struct rules_ctx *c, int back);

/*
 * In n ascending instants at which periods begin (the last one ends the
 * last period), the index of the period instant at falls in, or -1 when it
 * is outside all of them.
 */
long rules_find_start(char (*starts)[TU_INSTANT_LEN], size_t n, const char *at);

/* The UTC instant at which the given local date begins (out must hold TU_INSTANT_LEN). */
void rules_instant_of(struct rules_ctx *c, const char *date, char out[TU_INSTANT_LEN]);

/* The local date of a UTC instant. */
void rules_local_date(struct rules_ctx *c, const char *instant, char out[TU_DATE_LEN]);

/* Whole days from the local date of instant (or a date) to today. */
long rules_days_since(struct rules_ctx *c, const char *instant_or_date);

/* Run a named query, recording a failure in c. */
bool rules_query(struct rules_ctx *c, enum store_query q, const struct qparam *params, size_t n,
                 struct qrows *out);

/*
 * Start an alert of rule about subject (kind-id, e.g. "coach", 12); NULL
 * when the filter keeps it out (its model or team) or on failure (c->rc).
 * Borrowed until the next alert_begin.
 */
struct alert *alert_begin(struct rules_ctx *c, const char *rule, const char *subject_kind,
                          int64_t subject_id, enum alert_severity sev, const char *model,
                          int64_t team, int64_t programme);

void alert_person(struct alert *a, const char *role, int64_t id, const char *name);

/*
 * alert_begin about the coach of row r of c->coaches, in the model of its
 * kind, with the coach's person in the given role (rules_coach.c).
 */
struct alert *rules_coach_alert(struct rules_ctx *c, const char *rule, size_t r,
                                enum alert_severity sev, const char *role);
void alert_fact_int(struct alert *a, const char *name, int64_t v, bool stable);
void alert_fact_real(struct alert *a, const char *name, double v, bool stable);
/* An amount in euros: a number in JSON, "€70,000" / "€ 70.000" in the texts. */
void alert_fact_money(struct alert *a, const char *name, double v, bool stable);
void alert_fact_bool(struct alert *a, const char *name, bool v, bool stable);
void alert_fact_date(struct alert *a, const char *name, const char *v, bool stable);
void alert_fact_text(struct alert *a, const char *name, const char *v, bool stable);

/*
 * Finish alert a: the digest, the summary from message summary_id and the
 * mitigation from mitigation_id, with placeholders taken from the facts
 * and the people's roles (extra args first).
 */
void alert_finish(struct rules_ctx *c, struct alert *a, const char *summary_id,
                  const char *mitigation_id, const struct msg_arg *extra, size_t nextra);

/* Append the text of message id (same placeholders) to a's mitigation. */
void alert_mitigation_append(struct rules_ctx *c, struct alert *a, const char *id,
                             const struct msg_arg *extra, size_t nextra);

/* The rules, by file. Each adds its alerts to c->out and returns c->rc. */
enum sc_result rules_relationships(struct rules_ctx *c); /* rules_relationship.c */
enum sc_result rules_coaches(struct rules_ctx *c);       /* rules_coach.c */
enum sc_result rules_manager(struct rules_ctx *c);       /* rules_manager.c */
enum sc_result rules_senior(struct rules_ctx *c);        /* rules_senior.c */
enum sc_result rules_presence(struct rules_ctx *c);      /* rules_presence.c */

/* True when the filter asks for rule (or every rule). */
bool rules_wanted(struct rules_ctx *c, const char *rule);

#endif
