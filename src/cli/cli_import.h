/*
 * cli_import.h - `salescoach import KIND FILE`: a CSV file into the
 * organisation (cli_import.c; exchange/import.h does the work).
 */
#ifndef SALESCOACH_CLI_IMPORT_H
#define SALESCOACH_CLI_IMPORT_H

#include "cli/cli.h"

/* `salescoach import ...`; argv[0] is "import". Returns the exit code. */
int cli_import(struct cli *c, int argc, char **argv);

#endif
