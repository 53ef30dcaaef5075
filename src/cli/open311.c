/* open311.c - `fazhi open311 key add|list|revoke`: the API keys of Open311 clients
 * (docs/open311.md). A new key is printed once on stdout and only its SHA-256 is stored.
 * Each change is written to the audit log as the user "cli", in the same transaction. */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"
#include "modules/open311.h"

static void usage(void)
{
    printf("usage: fazhi open311 key add NAME\n"
           "       fazhi open311 key list\n"
           "       fazhi open311 key revoke NAME\n\n"
           "API keys for POST /open311/v2/requests (the Open311 GeoReport v2 intake).\n"
           "`key add` prints the new key once on standard output; only its SHA-256 is\n"
           "stored, so a lost key is revoked and replaced, never recovered. NAME says who\n"
           "holds the key (1-64 bytes, no spaces) and appears in the audit log of every\n"
           "request sent with it. Reading the API needs no key.\n");
}

/* commit_with_audit: append the audit entry and commit, or roll back */
static int commit_with_audit(struct fz_ctx *ctx, const char *action, const char *name,
                             int64_t id, const char *summary)
{
    struct audit_key key;
    if (cli_audit_key(ctx, &key)) {
        db_rollback(ctx->db);
        return 1;
    }
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    json_t *detail = json_pack("{s:s}", "name", name);
    struct audit_entry e = { .username = "cli", .method = "CLI", .path = "fazhi open311",
                             .action = action, .entity_type = "open311_key",
                             .entity_id = ids, .summary = summary, .detail = detail };
    enum fz_err rc = audit_append(ctx->db, &key, &e, NULL);
    json_decref(detail);
    sodium_memzero(&key, sizeof key);
    if (!rc)
        rc = db_commit(ctx->db);
    else
        db_rollback(ctx->db);
    if (rc) {
        fprintf(stderr, "fazhi open311: could not commit: %s\n", fz_strerror(rc));
        return 1;
    }
    return cli_publish_head(ctx);
}

static int key_add(struct fz_ctx *ctx, const char *name)
{
    char key[OPEN311_KEY_LEN];
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = db_begin(ctx->db);
    if (!rc)
        rc = open311_key_add(ctx->db, name, key, &id, &p);
    if (rc) {
        db_rollback(ctx->db);
        fprintf(stderr, "fazhi open311 key add: %s\n",
                p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    char summary[160];
    snprintf(summary, sizeof summary, "命令行创建 Open311 API 密钥 %s", name);
    if (commit_with_audit(ctx, "open311.key_add", name, id, summary)) {
        sodium_memzero(key, sizeof key);
        return 1;
    }
    printf("%s\n", key);
    sodium_memzero(key, sizeof key);
    fprintf(stderr, "fazhi: open311 key %s created; it is shown only this once\n", name);
    return 0;
}

static int key_revoke(struct fz_ctx *ctx, const char *name)
{
    int64_t id = 0;
    enum fz_err rc = db_begin(ctx->db);
    if (!rc)
        rc = open311_key_revoke(ctx->db, name, &id);
    if (rc) {
        db_rollback(ctx->db);
        fprintf(stderr, "fazhi open311 key revoke: %s\n",
                rc == FZ_ENOTFOUND ? "no key with that name"
                : rc == FZ_ECONFLICT ? "key already revoked" : fz_strerror(rc));
        return 1;
    }
    char summary[160];
    snprintf(summary, sizeof summary, "命令行吊销 Open311 API 密钥 %s", name);
    if (commit_with_audit(ctx, "open311.key_revoke", name, id, summary))
        return 1;
    printf("fazhi: open311 key %s revoked\n", name);
    return 0;
}

static const char *text_or_dash(json_t *v)
{
    return json_is_string(v) ? json_string_value(v) : "-";
}

static int key_list(struct fz_ctx *ctx)
{
    json_t *rows = NULL;
    if (open311_key_list(ctx->db, &rows)) {
        fprintf(stderr, "fazhi open311 key list: cannot read the keys\n");
        return 1;
    }
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
        printf("%-24s %-8s created %s  last used %s\n",
               json_string_value(json_object_get(r, "name")),
               json_is_true(json_object_get(r, "revoked")) ? "revoked" : "active",
               text_or_dash(json_object_get(r, "created_at")),
               text_or_dash(json_object_get(r, "last_used_at")));
    json_decref(rows);
    return 0;
}

int cmd_open311(struct fz_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 3 || strcmp(argv[1], "key") != 0) {
        usage();
        return cli_wants_help(argc, argv) ? 0 : 2;
    }
    const char *sub = argv[2];
    if (strcmp(sub, "list") == 0 && argc == 3)
        return key_list(ctx);
    if (strcmp(sub, "add") == 0 && argc == 4)
        return key_add(ctx, argv[3]);
    if (strcmp(sub, "revoke") == 0 && argc == 4)
        return key_revoke(ctx, argv[3]);
    fprintf(stderr, "fazhi open311: unknown or incomplete subcommand; see fazhi open311 -h\n");
    return 2;
}
