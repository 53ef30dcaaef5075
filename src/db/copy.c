/* copy.c - db_copy (db.h): moves a SQLite database's rows into another fazhi database,
 * for `fazhi db copy` (SQLite -> PostgreSQL). The source's catalog gives the tables and
 * their foreign keys; parents are copied before children (self-references are satisfied
 * by copying rows in rowid order), every value is bound with its own storage class, and
 * the whole copy is one transaction of the target, so a failure leaves it as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "util/buf.h"

#define MAX_TABLES 256

struct table {
    char name[128];
    bool done;
};

static bool skipped(const char *name, const char *const *skip)
{
    if (strcmp(name, "schema_migrations") == 0 || strncmp(name, "sqlite_", 7) == 0)
        return true;
    for (size_t i = 0; skip && skip[i]; i++)
        if (strncmp(name, skip[i], strlen(skip[i])) == 0)   /* FTS shadow tables too */
            return true;
    return false;
}

/* tables: the source's ordinary tables, in an order where every table comes after the
 * tables its foreign keys point to */
static enum fz_err tables(struct db *from, const char *const *skip, struct table *t, int *n)
{
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(from, &rows, "SELECT name FROM sqlite_master WHERE type ="
                                   " 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name", "");
    if (rc)
        return rc;
    int count = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        const char *name = json_string_value(json_object_get(r, "name"));
        if (!name || skipped(name, skip) || count == MAX_TABLES || strlen(name) >= 128)
            continue;
        snprintf(t[count++].name, sizeof t[0].name, "%s", name);
    }
    json_decref(rows);
    struct table order[MAX_TABLES];
    int placed = 0;
    while (!rc && placed < count) {
        int before = placed;
        for (int k = 0; !rc && k < count; k++) {
            if (t[k].done)
                continue;
            json_t *fks = NULL;
            rc = db_query_json(from, &fks, "SELECT \"table\" AS parent FROM"
                               " pragma_foreign_key_list(?)", "t", t[k].name);
            bool ready = true;
            json_array_foreach(fks, i, r) {
                const char *parent = json_string_value(json_object_get(r, "parent"));
                for (int m = 0; parent && m < count; m++)
                    if (m != k && strcmp(t[m].name, parent) == 0 && !t[m].done)
                        ready = false;
            }
            json_decref(fks);
            if (!rc && ready) {
                t[k].done = true;
                order[placed++] = t[k];
            }
        }
        if (!rc && placed == before) {
            fprintf(stderr, "db copy: foreign keys form a cycle among the remaining tables\n");
            rc = FZ_EINVAL;
        }
    }
    if (!rc) {
        memcpy(t, order, sizeof order[0] * (size_t)count);
        *n = count;
    }
    return rc;
}

/* copy_table: every row of name, in rowid order, into to */
static enum fz_err copy_table(struct db *from, struct db *to, const char *name, int64_t *rows)
{
    struct buf q, ins;
    buf_init(&q, 0);
    buf_init(&ins, 0);
    enum fz_err rc = buf_printf(&q, "SELECT * FROM \"%s\" ORDER BY rowid", name);
    struct db_stmt *src = NULL, *dst = NULL;
    if (!rc)
        rc = db_prepare(from, q.data, &src);
    bool row = false;
    if (!rc)
        rc = db_step(src, &row);
    int ncol = rc ? 0 : db_col_count(src);
    if (!rc && row) {
        rc = buf_printf(&ins, "INSERT INTO \"%s\"(", name);
        for (int c = 0; !rc && c < ncol; c++)
            rc = buf_printf(&ins, "%s\"%s\"", c ? ", " : "", db_col_name(src, c));
        if (!rc)
            rc = buf_puts(&ins, ") VALUES (");
        for (int c = 0; !rc && c < ncol; c++)
            rc = buf_puts(&ins, c ? ", ?" : "?");
        if (!rc)
            rc = buf_puts(&ins, ")");
        if (!rc)
            rc = db_prepare(to, ins.data, &dst);
    }
    *rows = 0;
    while (!rc && row) {
        for (int c = 0; !rc && c < ncol; c++) {
            size_t len = 0;
            const void *blob;
            switch (db_col_kind(src, c)) {
            case DB_INT:
                rc = db_bind_int(dst, c + 1, db_col_int(src, c));
                break;
            case DB_REAL:
                rc = db_bind_double(dst, c + 1, db_col_double(src, c));
                break;
            case DB_TEXT:
                rc = db_bind_text(dst, c + 1, db_col_text(src, c));
                break;
            case DB_BLOB:
                blob = db_col_blob(src, c, &len);
                rc = db_bind_blob(dst, c + 1, blob ? blob : "", len);
                break;
            default:
                rc = db_bind_null(dst, c + 1);
            }
        }
        bool done = false;
        if (!rc)
            rc = db_step(dst, &done);
        db_finish(dst);
        if (!rc)
            (*rows)++;
        if (!rc)
            rc = db_step(src, &row);
    }
    if (rc)
        fprintf(stderr, "db copy: table %s failed after %lld rows\n", name, (long long)*rows);
    db_finish(src);
    buf_free(&q);
    buf_free(&ins);
    return rc;
}

enum fz_err db_copy(struct db *from, struct db *to, const char *const *skip, json_t **counts)
{
    struct table *t = calloc(MAX_TABLES, sizeof *t);
    if (!t)
        return FZ_ENOMEM;
    int n = 0;
    enum fz_err rc = tables(from, skip, t, &n);
    json_t *out = json_object();
    if (!rc)
        rc = db_begin(to);
    for (int k = n - 1; !rc && k >= 0; k--) {        /* children first: empty the target */
        char q[200];
        snprintf(q, sizeof q, "DELETE FROM \"%s\"", t[k].name);
        rc = db_run(to, NULL, q, "");
    }
    for (int k = 0; !rc && k < n; k++) {
        int64_t rows = 0;
        rc = copy_table(from, to, t[k].name, &rows);
        if (!rc)
            json_object_set_new(out, t[k].name, json_integer(rows));
    }
    if (!rc)
        rc = db_reset_sequences(to);
    if (!rc)
        rc = db_commit(to);
    else if (db_in_tx(to))
        db_rollback(to);
    free(t);
    if (rc) {
        json_decref(out);
        return rc;
    }
    *counts = out;
    return FZ_OK;
}
