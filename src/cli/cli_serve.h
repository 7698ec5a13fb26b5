/*
 * cli_serve.h - `salescoach serve` (the HTTP API) and `salescoach account`
 * (cli_serve.c).
 */
#ifndef SALESCOACH_CLI_SERVE_H
#define SALESCOACH_CLI_SERVE_H

#include "cli/cli.h"

/* Handle `salescoach serve ...`; argv[0] is "serve". Returns the exit code. */
int cli_serve(struct cli *c, int argc, char **argv);

/* Handle `salescoach account ...`; argv[0] is "account". Returns the exit code. */
int cli_account(struct cli *c, int argc, char **argv);

#endif
