/* main.c - the fazhi command table and dispatch (git.c model), nothing else.
 * Global options (--db, --config, --listen, --web, --audit-key, --threads) may stand
 * anywhere on the command line; main applies them to the configuration, does the set-up
 * the command's row asks for (NEED_DB opens and migrates the database), runs it and
 * returns its exit status. `fazhi CMD -h` prints the command's help without set-up. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "config.h"
#include "db/db.h"
#include "util/crypto.h"
#include "util/timeutil.h"

#define NEED_DB (1u << 0)   /* open the database at cfg->db, applying migrations */
#define EXISTING (1u << 1)  /* the database must exist already (checks, copies) */

struct command {
    const char *name;
    int (*run)(struct fz_ctx *ctx, int argc, char **argv);
    unsigned flags;
    const char *summary;    /* one line, shown by `fazhi help` */
};

static int cmd_help(struct fz_ctx *ctx, int argc, char **argv);

static const struct command commands[] = {
    { "serve", cmd_serve, 0, "run the HTTP server and the web UI" },
    { "user", cmd_user, NEED_DB, "add users, set passwords, unlock, list" },
    { "audit", cmd_audit, NEED_DB | EXISTING,
      "verify the tamper-evident audit log, show its head" },
    { "backup", cmd_backup, NEED_DB | EXISTING, "online, consistent copy of the database" },
    { "demo", cmd_demo, NEED_DB, "fill a new database with the demo data set" },
    { "open311", cmd_open311, NEED_DB, "manage Open311 API keys" },
    { "report", cmd_report, NEED_DB, "generate the annual rule-of-law report" },
    { "routes", cmd_routes, 0, "list every HTTP route with its permission" },
    { "db", cmd_db, 0, "copy a SQLite database to PostgreSQL and verify the copy" },
    { "help", cmd_help, 0, "list commands" },
    { NULL, NULL, 0, NULL },
};

/* global options: flag -> config key */
static const struct { const char *flag, *key; } globals[] = {
    { "--db", "db" }, { "--listen", "listen" }, { "--web", "web" },
    { "--audit-key", "audit_key" }, { "--threads", "threads" }, { NULL, NULL },
};

static int cmd_help(struct fz_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    printf("usage: fazhi <command> [options]\n\n"
           "fazhi 法治 - rule-of-law government work platform\n\ncommands:\n");
    for (const struct command *c = commands; c->name; c++)
        printf("  %-8s %s\n", c->name, c->summary);
    printf("\nglobal options: --db PATH  --config FILE  --listen HOST:PORT  --web DIR\n"
           "                --audit-key FILE  --threads N\n"
           "`fazhi <command> --help` shows a command's own options.\n");
    return 0;
}

/* take_globals: apply and remove global options from argv; returns the new argc or -1 */
static int take_globals(int argc, char **argv)
{
    const char *config = NULL;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            config = argv[i + 1];
    if (config_load(config))
        return -1;
    int out = 0;
    for (int i = 0; i < argc; i++) {
        int g = 0;
        while (globals[g].flag && strcmp(globals[g].flag, argv[i]) != 0)
            g++;
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            i++;
            continue;
        }
        if (globals[g].flag) {
            if (i + 1 >= argc) {
                fprintf(stderr, "fazhi: %s needs a value\n", argv[i]);
                return -1;
            }
            if (config_set(globals[g].key, argv[++i]))
                return -1;
            continue;
        }
        argv[out++] = argv[i];
    }
    argv[out] = NULL;
    config_finish();
    return out;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return cmd_help(NULL, 0, NULL), 2;
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0)
        name = "help";
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("fazhi 0.1.0\n");
        return 0;
    }
    const struct command *c = commands;
    while (c->name && strcmp(c->name, name) != 0)
        c++;
    if (!c->name) {
        fprintf(stderr, "fazhi: '%s' is not a command; see 'fazhi help'\n", name);
        return 2;
    }
    argc = take_globals(argc - 1, argv + 1);
    argv++;
    if (argc < 0)
        return 2;
    struct fz_ctx ctx = { .cfg = config_get() };
    time_set_offset(ctx.cfg->tz_offset_min);
    if (cli_wants_help(argc, argv))
        return c->run(&ctx, argc, argv);
    if (crypto_init()) {
        fprintf(stderr, "fazhi: SHA-256 or SM3 is not available in this OpenSSL\n");
        return 1;
    }
    if ((c->flags & EXISTING) && !db_target_is_pg(ctx.cfg->db) &&
        access(ctx.cfg->db, F_OK) != 0) {
        fprintf(stderr, "fazhi: database %s does not exist\n", ctx.cfg->db);
        return 1;
    }
    if ((c->flags & NEED_DB) && db_open(ctx.cfg->db, &ctx.db)) {
        fprintf(stderr, "fazhi: cannot open database %s\n", ctx.cfg->db);
        return 1;
    }
    int ret = c->run(&ctx, argc, argv);
    db_close(ctx.db);
    if (fflush(stdout) != 0) {
        perror("fazhi: write to stdout");
        return 1;
    }
    return ret;
}
