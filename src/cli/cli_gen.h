/*
 * cli_gen.h - `salescoach gen`: generate a large synthetic organisation
 * (src/seed/gen.h) on the command line (cli_gen.c).
 */
#ifndef SALESCOACH_CLI_GEN_H
#define SALESCOACH_CLI_GEN_H

#include "cli/cli.h"

/* Handle `salescoach gen ...`; argv[0] is "gen". Returns the exit code. */
int cli_gen(struct cli *c, int argc, char **argv);

#endif
