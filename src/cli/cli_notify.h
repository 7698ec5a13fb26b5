/*
 * cli_notify.h - `salescoach notify` (cli_notify.c).
 */
#ifndef SALESCOACH_CLI_NOTIFY_H
#define SALESCOACH_CLI_NOTIFY_H

#include "cli/cli.h"

/* `salescoach notify [--dry-run]`; argv[0] is "notify". Returns the exit code. */
int cli_notify(struct cli *c, int argc, char **argv);

#endif
