/*
 * rules_fixture.h - what the tests of the pitfall monitor (tests/rules/)
 * share: a small organisation of their own per test, built through the
 * domain as a user types it, evaluated in English and Dutch, and checks of
 * what an alert says. Today is 2026-11-28 (SALESCOACH_NOW, noon UTC) and the
 * organisation's zone is Europe/Amsterdam.
 */
#ifndef SALESCOACH_RULES_FIXTURE_H
#define SALESCOACH_RULES_FIXTURE_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "domain/domain.h"
#include "model/entity.h"
#include "domain/org.h"
#include "model/record.h"
#include "rules/rules.h"
#include "domain/settings.h"
#include "store/store.h"
#include "base/timeutil.h"

#define NOW   "2026-11-28T12:00:00Z"
#define TODAY "2026-11-28"

/* No date: for the optional date arguments of the helpers below. */
#define NO_DAY 9999

struct fixture {
	struct store *st;
	int64_t org;
	struct domain d;
	struct alert_list list; /* the latest evaluation, in English */
};

struct world {
	int64_t boss, manager, team, prog;
	int64_t coach_person, coach; /* the person and the coach profile */
	int64_t rep, asg;
	char tag[8];
};

char *slot(void);
const char *num(int64_t v);
const char *day(int offset);
const char *at(int offset, const char *hhmm);
const char *email_of(const char *name);
struct record *build(enum entity_kind kind);
void put(struct fixture *fx, struct record *rec, const char *field, const char *text);
int64_t store(struct fixture *fx, struct record *rec);
int64_t add(struct fixture *fx, enum entity_kind kind, ...);
void update(struct fixture *fx, enum entity_kind kind, int64_t id, ...);
int64_t person(struct fixture *fx, const char *name, int64_t superior);
int64_t inactive_person(struct fixture *fx, const char *name, int64_t superior);
int64_t coach(struct fixture *fx, int64_t who, const char *kind, int capacity,
              const char *hours_per_week);
int64_t trained(struct fixture *fx, int64_t coach_id, const char *completed_on);
int64_t assessment(struct fixture *fx, int64_t candidate, int64_t assessor, int m, int t, int a,
                   int tr, const char *decision, const char *on);
int64_t assign(struct fixture *fx, int64_t prog, int64_t coach_id, int64_t coachee, int start);
int64_t session(struct fixture *fx, int64_t asg, const char *kind, const char *when, int minutes,
                const char *status);
int64_t held(struct fixture *fx, int64_t asg, const char *when, int minutes);
int64_t action(struct fixture *fx, int64_t asg, int64_t owner, int due, int done);
int64_t appraisal(struct fixture *fx, int64_t rep, int64_t manager, const char *on);
int64_t review(struct fixture *fx, int64_t manager, int64_t reviewer, int on, int next);
int64_t task(struct fixture *fx, int64_t manager, const char *name, const char *hours,
             bool delegable, int64_t delegated_to);
int64_t incentive(struct fixture *fx, int64_t coach_id, const char *starts, const char *ends,
                  const char *pct, const char *share);
int64_t result(struct fixture *fx, int64_t rep, const char *month, int64_t quota);
int64_t survey(struct fixture *fx, int64_t coach_id, const char *respondent, int on, int respect,
               int trust, int not_reporting);
int64_t presence(struct fixture *fx, int64_t coach_id, int on, const char *kind,
                 int64_t activity_id);
int64_t activity(struct fixture *fx, int64_t team, int on, const char *kind, int64_t introduces);
void world(struct fixture *fx, const char *tag, const char *model, const char *target, int start,
           struct world *w);
int64_t coachee(struct fixture *fx, struct world *w, int n, int start, int64_t *person_out);
void coachees(struct fixture *fx, struct world *w, int n);
void check_text(const struct alert *a, const char *what, const char *text, const char *lang);
const struct alert_list *eval(struct fixture *fx, const struct alert_filter *f);
const struct alert *dutch(struct fixture *fx, const char *id, struct alert_list *nl);
bool names(const struct alert *a, int64_t who);
const struct alert *find(const struct alert_list *l, const char *rule, int64_t who);
size_t count_rule(const struct alert_list *l, const char *rule);
const struct alert *fired(const struct alert_list *l, const char *rule, int64_t who);
void quiet(const struct alert_list *l, const char *rule, int64_t who);
const struct alert_fact *fact(const struct alert *a, const char *name);
bool has_fact(const struct alert *a, const char *name);
void fact_is_int(const struct alert *a, const char *name, int64_t v);
void fact_is_real(const struct alert *a, const char *name, double v);
void fact_is_text(const struct alert *a, const char *name, const char *v);
void contains(const char *text, const char *part);
void lacks(const char *text, const char *part);
struct alert_filter only(const char *rule);
int setup(void **state);
int teardown(void **state);
void act_as(struct fixture *fx, const char *name);

#endif
