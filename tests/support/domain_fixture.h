/*
 * domain_fixture.h - what the tests of the domain (tests/domain/) share: a
 * small organisation built as a user types it, and the whole database
 * dumped before and after a refusal, to show that it changed nothing.
 *
 * The world of most tests: Marieke manages team Noord; its senior-coaching
 * programme runs 2026-06-01..2027-05-31; Pieter (a senior rep) coaches Joost;
 * Olga is another coach; Fleur is another rep of Marieke. Marieke assessed
 * Pieter as ready to coach on 2026-05-20. Pieter held a
 * ride-along with Joost on 2026-11-03 whose agenda, notes and follow-up are
 * private. Today is 2026-11-28 (SALESCOACH_NOW).
 */
#ifndef SALESCOACH_DOMAIN_FIXTURE_H
#define SALESCOACH_DOMAIN_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/account.h"
#include "domain/domain.h"
#include "model/entity.h"
#include "domain/org.h"
#include "model/recjson.h"
#include "model/record.h"
#include "domain/settings.h"
#include "store/store.h"

#define NOW "2026-11-28T12:00:00Z"

#define SECRET_AGENDA    "Joost wants to rehearse the price talk"
#define SECRET_NOTES     "Joost freezes when Hoogland asks for a discount"
#define SECRET_FOLLOW_UP "Role-play three discount requests before Friday"

struct world {
	int64_t marieke, pieter, olga, joost, fleur; /* people */
	int64_t team, prog;
	int64_t c_pieter, c_olga; /* coach profiles */
	int64_t asg;              /* Pieter coaches Joost */
	int64_t ride;             /* the held ride-along */
};

struct fixture {
	struct store *st;
	int64_t org;
	struct domain d;
	struct world w;
};

struct record *vrec_of(struct fixture *fx, enum entity_kind kind, va_list ap);
struct record *rec_of(struct fixture *fx, enum entity_kind kind, ...);
int64_t add(struct fixture *fx, enum entity_kind kind, ...);
void update(struct fixture *fx, enum entity_kind kind, int64_t id, ...);
const char *idt(int64_t id);
char *db_dump(struct fixture *fx);
int64_t count(struct fixture *fx, enum entity_kind kind);
void check_refusal(const char *what, enum sc_result rc, const struct sc_error *err,
                   enum sc_result code, const char *field, char *before, char *after);
void expect_add_refused(struct fixture *fx, struct record *rec, enum sc_result code,
                        const char *field, struct sc_error *out);
void expect_update_refused(struct fixture *fx, struct record *rec, enum sc_result code,
                           const char *field, struct sc_error *out);
struct record *with_id(struct record *rec, int64_t id);
void expect_parse_refused(struct fixture *fx, enum entity_kind kind, const char *field,
                          const char *text);
void build_world(struct fixture *fx);
int setup(void **state);
int teardown(void **state);
void act_as(struct fixture *fx, const char *email);
void act_as_admin(struct fixture *fx);
void audit_rows(struct fixture *fx, const char *entity, int64_t id, struct record_list *out);

#endif
