/*
 * alerts_fixture.h - what the tests of `salescoach alerts` share: the demo
 * organisation loaded once by the real program into a temporary database,
 * a copy of it for tests that change data, and readers of the alerts'
 * JSON. The reference day is fixed by SALESCOACH_NOW.
 */
#ifndef SALESCOACH_ALERTS_FIXTURE_H
#define SALESCOACH_ALERTS_FIXTURE_H

#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "cli_harness.h"
#include "base/msg.h"
#include "rules/rules.h"

#define SANDRA "sandra.visser@vandijk.example"
#define LOTTE  "lotte.mulder@vandijk.example"

struct fixture {
	char dir[512];
	char demo_db[600];       /* the demo, loaded once, never changed */
	char copy_db[600];       /* a copy for the tests that change data */
	const char *db;          /* the database the runs use */
	struct harness_run last; /* the program, run in dir */
	json_t *base;            /* alerts --json on the untouched demo, owned */
	char *demo_error;        /* what the demo load said when it failed, owned */
};

/* Run the program on the fixture's database with the arguments up to NULL. */
#define sc(fx, ...) harness_run(&(fx)->last, (fx)->db, NULL, __VA_ARGS__)

json_t *run_json(struct fixture *fx, ...);
json_t *alerts_of(json_t *root);
json_int_t count_of(json_t *root, const char *name);
const char *str(json_t *obj, const char *key);
bool concerns(json_t *alert, const char *name);
size_t count_alerts(json_t *root, const char *rule, const char *who, const char *also);
json_t *the_alert(json_t *root, const char *rule, const char *who);
double fact(json_t *alert, const char *name);
const char *fact_text(json_t *alert, const char *name);
void expect_fact(json_t *alert, const char *name, double want);
int64_t id_where(struct fixture *fx, const char *noun, const char *field, json_t *value);
char *idt(int64_t id, char buf[24]);
void last_line(const char *text, char *line, size_t n);
char *totals_line(json_t *root, enum msg_lang lang);
int setup_group(void **state);
int teardown_group(void **state);
bool load_demo(struct fixture *fx);
void demo(struct fixture *fx);
json_t *base(struct fixture *fx);
bool copy_file(const char *from, const char *to);
int setup_copy(void **state);
int teardown_copy(void **state);

#endif
