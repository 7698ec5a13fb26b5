/*
 * cli_advise.h - `salescoach advise`: the model advisor on the command line
 * (cli_advise.c). It works without a database; when one exists, the
 * organisation's locale picks the language unless --lang is given.
 */
#ifndef SALESCOACH_CLI_ADVISE_H
#define SALESCOACH_CLI_ADVISE_H

#include "cli/cli.h"

/* Handle `salescoach advise ...`; argv[0] is "advise". Returns the exit code (0 or 2). */
int cli_advise(struct cli *c, int argc, char **argv);

#endif
