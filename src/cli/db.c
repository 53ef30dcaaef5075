/* db.c - `fazhi db copy --from FILE.db --to postgresql://…`: moves a SQLite database to
 * PostgreSQL (or into another SQLite file) and verifies the copy: the target is migrated to
 * the same schema, every table's rows are copied in one transaction (db_copy), the
 * regulations' full-text index is rebuilt in the target's own form, and then the row
 * counts of every table and the audit log's tree size and root hash are compared on both
 * sides. The audit key and the file store stay files: the target is served with the
 * source's (audit_key / files settings), which the command prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"
#include "modules/regulations.h"

static void usage(void)
{
    printf("usage: fazhi db copy --from FILE.db --to TARGET\n\n"
           "Copies every table of the SQLite database FILE.db into TARGET (a postgresql://\n"
           "URI, or a new SQLite file), which must hold no users or audit entries yet, then\n"
           "verifies the copy: rows per table and the audit log's root hash must be equal.\n"
           "Serve TARGET with --audit-key FILE.db.audit-key and files = FILE.db.files.\n");
}

/* reindex: the full-text index of the regulation articles, built by the target itself */
static enum fz_err reindex(struct db *to)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_begin(to);
    if (!rc)
        rc = db_run(to, NULL, "DELETE FROM regulation_fts", "");
    if (!rc)
        rc = db_prepare(to, "SELECT id, text FROM regulation_articles ORDER BY id", &st);
    json_t *rows = json_array();
    bool row = true;
    while (!rc && row) {
        rc = db_step(st, &row);
        if (!rc && row)
            json_array_append_new(rows, json_pack("{s:I, s:s}", "id",
                                  (json_int_t)db_col_int(st, 0), "text", db_col_text(st, 1)));
    }
    db_finish(st);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        if (rc)
            break;
        char *terms = reg_bigrams(json_string_value(json_object_get(r, "text")));
        rc = terms ? db_run(to, NULL, "INSERT INTO regulation_fts(rowid, terms) VALUES (?, ?)",
                            "it", (int64_t)json_integer_value(json_object_get(r, "id")), terms)
                   : FZ_ENOMEM;
        free(terms);
    }
    json_decref(rows);
    if (!rc)
        rc = db_commit(to);
    else if (db_in_tx(to))
        db_rollback(to);
    return rc;
}

/* verify: equal row counts per table and the same audit tree head on both sides */
static int verify(struct db *from, struct db *to, json_t *counts)
{
    int bad = 0;
    const char *table;
    json_t *v;
    printf("%-32s %12s %12s\n", "table", "source", "target");
    json_object_foreach(counts, table, v) {
        char q[200];
        int64_t a = -1, b = -1;
        snprintf(q, sizeof q, "SELECT count(*) FROM \"%s\"", table);
        db_query_int(from, &a, q, "");
        db_query_int(to, &b, q, "");
        printf("%-32s %12lld %12lld%s\n", table, (long long)a, (long long)b,
               a == b ? "" : "   DIFFERENT");
        bad |= a != b;
    }
    struct audit_head ha, hb;
    if (audit_head(from, &ha) || audit_head(to, &hb)) {
        fprintf(stderr, "fazhi db copy: cannot read the audit tree heads\n");
        return 1;
    }
    bool same = ha.size == hb.size && strcmp(ha.root, hb.root) == 0;
    printf("audit log: source size %lld root %s\n           target size %lld root %s%s\n",
           (long long)ha.size, ha.root, (long long)hb.size, hb.root, same ? "" : "   DIFFERENT");
    return bad || !same;
}

static int copy(int argc, char **argv)
{
    const char *src = NULL, *dst = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
            src = argv[++i];
        else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
            dst = argv[++i];
        else {
            fprintf(stderr, "fazhi db copy: unexpected argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!src || !dst) {
        usage();
        return 2;
    }
    if (db_target_is_pg(src) || access(src, R_OK) != 0) {
        fprintf(stderr, "fazhi db copy: --from must be an existing SQLite file: %s\n", src);
        return 2;
    }
    struct db *from = NULL, *to = NULL;
    int ret = 1;
    int64_t used = 0, entries = 0;
    if (db_open_nomigrate(src, true, &from)) {
        fprintf(stderr, "fazhi db copy: cannot open %s\n", src);
    } else if (db_open(dst, &to)) {
        fprintf(stderr, "fazhi db copy: cannot open or migrate %s\n", dst);
    } else if (db_query_int(to, &used, "SELECT count(*) FROM users", "") ||
               db_query_int(to, &entries, "SELECT count(*) FROM audit_log", "") ||
               used || entries) {
        fprintf(stderr, "fazhi db copy: %s already holds data; copy into a new database\n",
                dst);
    } else {
        int64_t a = 0, b = 0;
        db_query_int(from, &a, "SELECT max(version) FROM schema_migrations", "");
        db_query_int(to, &b, "SELECT max(version) FROM schema_migrations", "");
        static const char *const skip[] = { "regulation_fts", NULL };
        json_t *counts = NULL;
        if (a != b)
            fprintf(stderr, "fazhi db copy: %s is at schema version %lld, this fazhi at %lld;"
                    " open it once with this fazhi first\n", src, (long long)a, (long long)b);
        else if (db_copy(from, to, skip, &counts) || reindex(to))
            fprintf(stderr, "fazhi db copy: the copy failed; %s is unchanged\n", dst);
        else if (verify(from, to, counts))
            fprintf(stderr, "fazhi db copy: the copy differs from the source\n");
        else {
            printf("OK: copied and verified. Serve it with --audit-key %s.audit-key and"
                   " files = %s.files\n", src, src);
            ret = 0;
        }
        json_decref(counts);
    }
    db_close(to);
    db_close(from);
    return ret;
}

int cmd_db(struct fz_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    if (cli_wants_help(argc, argv) || argc < 2) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "copy") == 0)
        return copy(argc, argv);
    fprintf(stderr, "fazhi db: unknown subcommand %s (copy)\n", argv[1]);
    return 2;
}
