/*
 * rules.h - the pitfall monitor: every rule of PRODUCT.md's table, evaluated
 * for an organisation now, each alert with its severity, the people it
 * concerns, the facts that triggered it and the mitigation in words.
 *
 * Rules read their facts with the store's named queries (store.h), each
 * computed set-wise for the whole organisation; thresholds come from the
 * organisation's settings. Alerts carry no private coaching content: only
 * activity (dates, hours, counts) and survey means from k_survey answers on.
 */
#ifndef SALESCOACH_RULES_H
#define SALESCOACH_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "base/msg.h"
#include "base/result.h"

enum alert_severity { SEV_INFO, SEV_WARNING, SEV_ERROR };

/* "info", "warning", "error". */
const char *alert_severity_name(enum alert_severity sev);

/* A rule of the table: its id and the models it applies to. */
struct rule_def {
	const char *id;
	unsigned models; /* bit (1 << i) for model i of rules_models() */
};

/* The rules in table order; *n receives the count. */
const struct rule_def *rules_all(size_t *n);

/* The rule with this id, or NULL. */
const struct rule_def *rules_find(const char *id);

/* The four models in order: manager, senior, internal, external (NULL-terminated). */
const char *const *rules_models(void);

#define ALERT_MAX_PEOPLE 12
#define ALERT_MAX_FACTS  20

struct alert_person {
	int64_t id;
	char role[16]; /* coach, coachee, manager, superior, sponsor, ... */
	char name[128];
};

/* FK_MONEY: euros in r, a number in JSON like FK_REAL, shown as money in the texts. */
enum fact_kind { FK_INT, FK_REAL, FK_BOOL, FK_DATE, FK_TEXT, FK_MONEY };

struct alert_fact {
	char name[40];
	enum fact_kind kind;
	int64_t i; /* FK_INT, FK_BOOL */
	double r;  /* FK_REAL and FK_MONEY, rounded to 2 decimals */
	char s[200];
	bool stable; /* part of the digest: a change brings an acknowledged alert back */
};

struct alert {
	char id[96];      /* rule:subject, stable across evaluations */
	const char *rule; /* static */
	enum alert_severity severity;
	char model[16];
	int64_t team, programme; /* 0 when the alert is not about one */
	struct alert_person people[ALERT_MAX_PEOPLE];
	size_t npeople;
	struct alert_fact facts[ALERT_MAX_FACTS];
	size_t nfacts;
	char digest[17];  /* of the rule and the stable facts */
	char *summary;    /* owned: what was found, in words */
	char *mitigation; /* owned: who should do what */
	bool acknowledged;
	char ack_reason[1000];
	char ack_by[300];
	char ack_at[21];
};

struct alert_list {
	struct alert *items;
	size_t n, cap;
	size_t quiet; /* acknowledged alerts left out (without f->all) */
};

/* Free the alerts' texts and the array, and zero the list. */
void alert_list_release(struct alert_list *list);

struct alert_filter {
	int64_t team;      /* 0: every team */
	const char *model; /* NULL: every model */
	const char *rule;  /* NULL: every rule */
	bool all;          /* include acknowledged alerts */
};

/*
 * Evaluate the organisation of d now (d->today) and append the alerts that
 * pass f to *out, with texts in lang, ordered by severity (errors first),
 * rule and id. Acknowledged alerts whose facts have not changed are left
 * out unless f->all. Acting as a named person (d->actor.person_id), only
 * the alerts that concern that person are given; an executive gets none
 * but SC_FORBIDDEN (domain_access_alerts). Reads only.
 */
enum sc_result rules_evaluate(struct domain *d, enum msg_lang lang, const struct alert_filter *f,
                              struct alert_list *out, struct sc_error *err);

/*
 * Acknowledge the alert with this id (it must be firing now, and seen by
 * the actor: else SC_NOT_FOUND) with a reason: it stays out of
 * rules_evaluate's answer until its facts change. Audited. Administrators
 * acknowledge any alert, managers one that names someone below them in the
 * reporting line; anyone else, and a manager for an alert about themselves
 * alone, SC_FORBIDDEN.
 */
enum sc_result rules_ack(struct domain *d, const char *alert_id, const char *reason,
                         struct sc_error *err);

/*
 * The alerts as JSON: {"alerts": [...], "counts": {...}} with each alert's
 * id, rule, severity, model, team, programme, people, facts (numbers as
 * numbers), summary, mitigation and acknowledgement. Returns a new
 * reference (json_decref), NULL when out of memory.
 */
struct json_t;
struct json_t *rules_json(const struct alert_list *list);

#endif
