/*
 * cli_plan.h - the planners on the command line: `plan capacity`,
 * `incentive --coach ID --month YYYY-MM` and `leadership` (cli_plan.c).
 *
 * `plan` and `incentive` are also entity nouns; cli.c asks cli_plan_handles
 * first and leaves every other use of them to the entity commands.
 */
#ifndef SALESCOACH_CLI_PLAN_H
#define SALESCOACH_CLI_PLAN_H

#include <stdbool.h>

#include "cli/cli.h"

/* True when `salescoach NOUN ARGV...` is a planner command (argv[0] follows the noun). */
bool cli_plan_handles(const char *noun, int argc, char **argv);

/* Run the planner command cli_plan_handles accepted; returns the exit code. */
int cli_plan_command(struct cli *c, const char *noun, int argc, char **argv);

/* The planner lines of the help of the `plan` and `incentive` nouns (nothing for others). */
void cli_plan_noun_help(struct cli *c, const char *noun);

#endif
