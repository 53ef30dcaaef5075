/* common.c - small helpers shared by the subcommands (see cli.h). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}

int cli_audit_key(struct fz_ctx *ctx, struct audit_key *key)
{
    enum fz_err rc = audit_key_load(ctx->cfg->audit_key, true, key);
    if (rc) {
        fprintf(stderr, "fazhi: cannot load audit key %s\n", ctx->cfg->audit_key);
        return 1;
    }
    rc = audit_key_bind(ctx->db, key);
    if (rc == FZ_ECONFLICT) {
        fprintf(stderr, "fazhi: audit key %s does not belong to database %s\n",
                ctx->cfg->audit_key, ctx->cfg->db);
        return 1;
    }
    return rc ? 1 : 0;
}

int cli_read_password(char *buf, size_t n)
{
    if (!fgets(buf, (int)n, stdin)) {
        fprintf(stderr, "fazhi: no password on standard input\n");
        return 1;
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

int cli_publish_head(struct fz_ctx *ctx)
{
    char path[1100];
    snprintf(path, sizeof path, "%s.head", ctx->cfg->audit_key);
    if (audit_publish_head(ctx->db, path)) {
        fprintf(stderr, "fazhi: cannot write %s\n", path);
        return 1;
    }
    return 0;
}
