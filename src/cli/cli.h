/* cli.h - what every subcommand gets from main.c, and the prototypes of the
 * subcommands (one file each in src/cli/). A command returns the process exit status:
 * 0 success, 1 failure it has explained on stderr, 2 usage error. */
#ifndef FZ_CLI_H
#define FZ_CLI_H

#include <stdint.h>
#include "config.h"

struct db;

struct fz_ctx {
    const struct fz_config *cfg;
    struct db *db;              /* open and migrated when the command row says NEED_DB */
};

int cmd_serve(struct fz_ctx *ctx, int argc, char **argv);
int cmd_user(struct fz_ctx *ctx, int argc, char **argv);
int cmd_audit(struct fz_ctx *ctx, int argc, char **argv);
int cmd_backup(struct fz_ctx *ctx, int argc, char **argv);
int cmd_demo(struct fz_ctx *ctx, int argc, char **argv);
int cmd_routes(struct fz_ctx *ctx, int argc, char **argv);
int cmd_open311(struct fz_ctx *ctx, int argc, char **argv);
int cmd_report(struct fz_ctx *ctx, int argc, char **argv);
int cmd_db(struct fz_ctx *ctx, int argc, char **argv);

/* cli_wants_help: argv holds -h or --help */
int cli_wants_help(int argc, char **argv);
/* cli_audit_key: load (creating if needed) the audit key of ctx's database and bind it;
 * prints the reason and returns non-zero on failure. */
struct audit_key;
int cli_audit_key(struct fz_ctx *ctx, struct audit_key *key);
/* cli_read_password: one line from stdin without the newline into buf; 0 on success. */
int cli_read_password(char *buf, size_t n);
/* cli_publish_head: write the audit head file after a commit (see audit.h). */
int cli_publish_head(struct fz_ctx *ctx);

/* Demo seeders: one function per module in src/cli/demo_<module>.c, listed in the table
 * in demo.c. Each runs after the departments and users exist, writes through the module
 * API inside transactions, appends an audit entry per record (demo_audit_commit) and
 * returns 0 or 1. */
int demo_audit_commit(struct fz_ctx *ctx, const struct audit_key *key, const char *action,
                      const char *etype, int64_t id, const char *summary);
/* -- demo seeders (one line per module) -- */
int demo_seed_duties(struct fz_ctx *ctx, const struct audit_key *key);
int demo_seed_reports(struct fz_ctx *ctx, const struct audit_key *key);
int demo_seed_regulations(struct fz_ctx *ctx, const struct audit_key *key);
int demo_seed_decisions(struct fz_ctx *ctx, const struct audit_key *key);
int demo_seed_cases(struct fz_ctx *ctx, const struct audit_key *key);
int demo_seed_registries(struct fz_ctx *ctx, const struct audit_key *key);
int demo_seed_workorders(struct fz_ctx *ctx, const struct audit_key *key);

#endif
