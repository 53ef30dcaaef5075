/* audit.c - `fazhi audit verify|head|proof`: check the tamper-evident audit log from the
 * shell, with no server running. verify exits 0 when the log is intact and 1 naming the
 * first bad entry when a row was changed, deleted or inserted behind the server's back. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"
#include "modules/cases.h"
#include "modules/decisions.h"
#include "modules/registries.h"
#include "util/crypto.h"
#include "util/str.h"
#include <stdlib.h>

static void usage(void)
{
    printf("usage: fazhi audit verify [--db PATH] [--audit-key FILE | --public-key HEX]\n"
           "       fazhi audit head [--db PATH]\n"
           "       fazhi audit proof SEQ [--db PATH]\n\n"
           "verify recomputes every leaf hash, every stored subtree hash and every tree\n"
           "root of the audit log (RFC 9162), checks each signed tree head with the\n"
           "audit key, and that the log still holds the last published head\n"
           "(<audit-key>.head). Exit 0: intact. Exit 1: names the first bad entry.\n");
}

static int verify(struct fz_ctx *ctx, int argc, char **argv)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    bool have_pk = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--public-key") == 0 && i + 1 < argc) {
            if (crypto_unhex(argv[++i], pk, sizeof pk)) {
                fprintf(stderr, "fazhi audit verify: --public-key needs 64 hex digits\n");
                return 2;
            }
            have_pk = true;
        } else {
            fprintf(stderr, "fazhi audit verify: unexpected argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!have_pk) {
        struct audit_key key;
        if (audit_key_load(ctx->cfg->audit_key, false, &key)) {
            fprintf(stderr, "fazhi audit verify: cannot read the audit key %s; give it with"
                    " --audit-key FILE or --public-key HEX\n", ctx->cfg->audit_key);
            return 1;
        }
        memcpy(pk, key.pk, sizeof pk);
        sodium_memzero(&key, sizeof key);
    }
    int64_t bad = -1, n = 0;
    const char *why = "";
    char *recorded = NULL, hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    crypto_hex(pk, sizeof pk, hex);
    if (!db_query_text(ctx->db, &recorded,
                       "SELECT value FROM settings WHERE key = 'audit_public_key'", "") &&
        strcmp(recorded, hex) != 0) {
        printf("TAMPERED: the audit key %s does not match the public key recorded in the"
               " database (%s)\n", hex, recorded);
        free(recorded);
        return 1;
    }
    free(recorded);
    enum fz_err rc = audit_verify(ctx->db, pk, &bad, &why);
    if (!rc) {
        char head[1100];
        snprintf(head, sizeof head, "%s.head", ctx->cfg->audit_key);
        rc = audit_verify_head(ctx->db, head, &bad, &why);
    }
    int64_t nfiles = 0;
    if (!rc) {                   /* the evidence files the log's entries vouch for */
        json_t *badfile = NULL;
        rc = cases_verify_files(ctx->db, ctx->cfg->files, &badfile, &nfiles);
        if (!rc && badfile) {
            printf("TAMPERED: evidence #%lld of case #%lld (%s) is %s on disk: SHA-256 %s\n",
                   (long long)json_integer_value(json_object_get(badfile, "id")),
                   (long long)json_integer_value(json_object_get(badfile, "case_id")),
                   json_string_value(json_object_get(badfile, "filename")),
                   json_string_value(json_object_get(badfile, "problem")),
                   json_string_value(json_object_get(badfile, "sha256")));
            json_decref(badfile);
            return 1;
        }
    }
    int64_t ndocs = 0;
    if (!rc) {                   /* decision documents and review attachments in the store */
        json_t *badfile = NULL;
        rc = dec_verify_files(ctx->db, ctx->cfg->files, &badfile, &ndocs);
        if (!rc && badfile) {
            printf("TAMPERED: %s #%lld (%s) of #%lld is %s on disk: SHA-256 %s\n",
                   json_string_value(json_object_get(badfile, "table")),
                   (long long)json_integer_value(json_object_get(badfile, "id")),
                   json_string_value(json_object_get(badfile, "name")),
                   (long long)json_integer_value(json_object_get(badfile, "owner_id")),
                   json_string_value(json_object_get(badfile, "problem")),
                   json_string_value(json_object_get(badfile, "sha256")));
            json_decref(badfile);
            return 1;
        }
    }
    int64_t nscans = 0;
    if (!rc) {                   /* the scans of credit commitment letters */
        json_t *badfile = NULL;
        rc = registries_verify_files(ctx->db, ctx->cfg->files, &badfile, &nscans);
        if (!rc && badfile) {
            printf("TAMPERED: commitment scan #%lld of letter #%lld (%s) is %s on disk:"
                   " SHA-256 %s\n",
                   (long long)json_integer_value(json_object_get(badfile, "id")),
                   (long long)json_integer_value(json_object_get(badfile, "commitment_id")),
                   json_string_value(json_object_get(badfile, "filename")),
                   json_string_value(json_object_get(badfile, "problem")),
                   json_string_value(json_object_get(badfile, "sha256")));
            json_decref(badfile);
            return 1;
        }
    }
    if (rc == FZ_ECONFLICT) {
        if (bad >= 0)
            printf("TAMPERED: audit entry %lld: %s\n", (long long)bad, why);
        else
            printf("TAMPERED: %s\n", why);
        return 1;
    }
    if (rc) {
        fprintf(stderr, "fazhi audit verify: %s\n", fz_strerror(rc));
        return 1;
    }
    struct audit_head h;
    db_query_int(ctx->db, &n, "SELECT count(*) FROM audit_log", "");
    if (audit_head(ctx->db, &h))
        return 1;
    printf("OK: %lld audit entries intact; tree size %lld, root %s\n", (long long)n,
           (long long)h.size, h.root);
    printf("OK: %lld evidence files match their SHA-256 and SM3\n", (long long)nfiles);
    printf("OK: %lld decision documents and review attachments match their SHA-256\n",
           (long long)ndocs);
    printf("OK: %lld commitment letter scans match their SHA-256 and SM3\n", (long long)nscans);
    return 0;
}

int cmd_audit(struct fz_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "verify") == 0)
        return verify(ctx, argc - 2, argv + 2);
    if (strcmp(argv[1], "head") == 0) {
        struct audit_head h;
        if (audit_head(ctx->db, &h))
            return 1;
        printf("size %lld\nroot %s\nsignature %s\n", (long long)h.size, h.root,
               h.signature);
        return 0;
    }
    if (strcmp(argv[1], "proof") == 0 && argc == 3) {
        int64_t seq = -1;
        json_t *out = NULL;
        if (str_to_i64(argv[2], &seq) || audit_proof(ctx->db, seq, &out)) {
            fprintf(stderr, "fazhi audit proof: no entry %s\n", argv[2]);
            return 1;
        }
        char *s = json_dumps(out, JSON_INDENT(2));
        printf("%s\n", s);
        free(s);
        json_decref(out);
        return 0;
    }
    fprintf(stderr, "fazhi audit: unknown subcommand %s\n", argv[1]);
    return 2;
}
