/*
 * cli_backup.h - `salescoach backup` and `salescoach restore` (cli_backup.c,
 * docs/backup.md).
 */
#ifndef SALESCOACH_CLI_BACKUP_H
#define SALESCOACH_CLI_BACKUP_H

#include "cli/cli.h"

/* Handle `salescoach backup ...`; argv[0] is "backup". Returns the exit code. */
int cli_backup(struct cli *c, int argc, char **argv);

/* Handle `salescoach restore ...`; argv[0] is "restore". Returns the exit code. */
int cli_restore(struct cli *c, int argc, char **argv);

/*
 * Handle `salescoach copy --from DB --to DB [--org SLUG]` (cli_copy.c);
 * argv[0] is "copy". Returns the exit code.
 */
int cli_copy(struct cli *c, int argc, char **argv);

#endif
