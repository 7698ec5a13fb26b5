/*
 * cli_fixture.h - what the tests of the command line share: the real
 * program (SALESCOACH_BIN) run on a database of a test's own, the README's
 * walk-through organisation, and its records read back as JSON.
 */
#ifndef SALESCOACH_CLI_FIXTURE_H
#define SALESCOACH_CLI_FIXTURE_H

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
#include "model/entity.h"
#include "base/timeutil.h"

#define NOTES  "Joost loses the thread when the customer mentions a competitor"
#define AGENDA "Objections in renewals"

struct fixture {
	char dir[512];
	char db[600];
	struct harness_run last; /* the program, run in dir */
	char *kept[16];          /* snapshots, owned, freed by teardown */
	size_t nkept;
	int64_t coach_pid; /* the world of build_world() */
	int64_t rep_pid, manager_pid, asg, session;
};

/* Run the program on the fixture's database with the arguments up to NULL. */
#define sc(fx, ...) harness_run(&(fx)->last, (fx)->db, NULL, __VA_ARGS__)

int sc_env(struct fixture *fx, char *const *env, ...);
int64_t add(struct fixture *fx, ...);
char *idt(int64_t id);
json_t *list(struct fixture *fx, const char *noun, ...);
const char *snapshot(struct fixture *fx, const char *noun);
size_t count(struct fixture *fx, const char *noun);
int make_dir(struct fixture *fx);
int setup(void **state);
int teardown(void **state);
void build_world(struct fixture *fx);
int setup_world(void **state);
/* setup, and the demo organisation loaded by the real program into the fixture's database. */
int setup_demo_db(void **state);
/*
 * setup_demo_db for the first test of a group, a copy of that database for
 * every later one (loading the demo is the slow part); remove_demo_template
 * as the group's teardown removes the template.
 */
int setup_demo_copy(void **state);
int remove_demo_template(void **state);
json_t *shown(struct fixture *fx, const char *noun, int64_t id);
size_t count_with(json_t *arr, const char *field);

#endif
