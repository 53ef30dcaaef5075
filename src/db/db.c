/* db.c - the data-access layer's front (contract in db.h): picks the backend from the
 * target (a postgresql:// or postgres:// URI selects PostgreSQL, anything else is a SQLite
 * file), keeps the per-connection statement cache, and implements every convenience call
 * (db_run, db_query_*, db_row_json, settings) once for both backends (backend.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/backend.h"
#include "db/dialect.h"
#include "db/migrate.h"

bool db_target_is_pg(const char *target)
{
    return target && (strncmp(target, "postgresql://", 13) == 0 ||
                      strncmp(target, "postgres://", 11) == 0);
}

enum fz_err db_open_nomigrate(const char *path, bool readonly, struct db **out)
{
    struct db *db = calloc(1, sizeof *db);
    if (!db)
        return FZ_ENOMEM;
    db->ops = db_target_is_pg(path) ? &db_pg_ops : &db_sqlite_ops;
    db->path = strdup(path);
    if (!db->path) {
        free(db);
        return FZ_ENOMEM;
    }
    enum fz_err rc = db->ops->open(db, path, readonly);
    if (rc) {
        db_close(db);
        return rc;
    }
    *out = db;
    return FZ_OK;
}

enum fz_err db_open(const char *path, struct db **out)
{
    struct db *db = NULL;
    enum fz_err rc = db_open_nomigrate(path, false, &db);
    if (rc)
        return rc;
    rc = migrate_apply(db, NULL);
    if (rc) {
        db_close(db);
        return rc;
    }
    *out = db;
    return FZ_OK;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (db->cache[i].h)
            db->ops->finalize(&db->cache[i]);
        free(db->cache[i].sql);
    }
    if (db->h)
        db->ops->close(db);
    free(db->path);
    free(db);
}

const char *db_errmsg(struct db *db)
{
    return db->ops->errmsg(db);
}

const char *db_path(struct db *db)
{
    return db->path;
}

const char *db_backend(struct db *db)
{
    return db->ops->name;
}

bool db_is_pg(struct db *db)
{
    return db->ops == &db_pg_ops;
}

enum fz_err db_exec(struct db *db, const char *sql)
{
    return db->ops->exec(db, sql);
}

static unsigned hash_str(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

enum fz_err db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    unsigned h = hash_str(sql) % STMT_CACHE;
    struct db_stmt *slot = NULL;
    for (int i = 0; i < STMT_CACHE; i++) {
        struct db_stmt *c = &db->cache[(h + i) % STMT_CACHE];
        if (!c->h) {
            slot = c;
            break;
        }
        if (strcmp(c->sql, sql) == 0) {
            *out = c;
            return FZ_OK;
        }
    }
    if (!slot) {                    /* full: evict the home slot */
        slot = &db->cache[h];
        db->ops->finalize(slot);
        free(slot->sql);
        slot->h = NULL;
        slot->sql = NULL;
    }
    slot->db = db;
    slot->sql = strdup(sql);
    if (!slot->sql)
        return FZ_ENOMEM;
    enum fz_err rc = db->ops->prepare(db, slot);
    if (rc) {
        free(slot->sql);
        slot->sql = NULL;
        slot->h = NULL;
        return rc;
    }
    *out = slot;
    return FZ_OK;
}

void db_finish(struct db_stmt *st)
{
    if (st)
        st->db->ops->reset(st);
}

enum fz_err db_bind_int(struct db_stmt *st, int i, int64_t v)
{
    return st->db->ops->bind_int(st, i, v);
}

enum fz_err db_bind_double(struct db_stmt *st, int i, double v)
{
    return st->db->ops->bind_double(st, i, v);
}

enum fz_err db_bind_text(struct db_stmt *st, int i, const char *v)
{
    if (!v)
        return st->db->ops->bind_null(st, i);
    return st->db->ops->bind_text(st, i, v);
}

enum fz_err db_bind_blob(struct db_stmt *st, int i, const void *v, size_t n)
{
    return st->db->ops->bind_blob(st, i, v, n);
}

enum fz_err db_bind_null(struct db_stmt *st, int i)
{
    return st->db->ops->bind_null(st, i);
}

enum fz_err db_step(struct db_stmt *st, bool *row)
{
    return st->db->ops->step(st, row);
}

int db_col_count(struct db_stmt *st)
{
    return st->db->ops->col_count(st);
}

const char *db_col_name(struct db_stmt *st, int i)
{
    return st->db->ops->col_name(st, i);
}

enum db_coltype db_col_kind(struct db_stmt *st, int i)
{
    return st->db->ops->col_type(st, i);
}

bool db_col_null(struct db_stmt *st, int i)
{
    return st->db->ops->col_type(st, i) == DB_NULL;
}

int64_t db_col_int(struct db_stmt *st, int i)
{
    return st->db->ops->col_int(st, i);
}

double db_col_double(struct db_stmt *st, int i)
{
    return st->db->ops->col_double(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
    const char *t = st->db->ops->col_text(st, i);
    return t ? t : "";
}

const void *db_col_blob(struct db_stmt *st, int i, size_t *n)
{
    return st->db->ops->col_blob(st, i, n);
}

json_t *db_row_json(struct db_stmt *st)
{
    const struct db_ops *ops = st->db->ops;
    json_t *o = json_object();
    int n = ops->col_count(st);
    for (int i = 0; i < n; i++) {
        json_t *v;
        switch (ops->col_type(st, i)) {
        case DB_INT:
            v = json_integer(ops->col_int(st, i));
            break;
        case DB_REAL:
            v = json_real(ops->col_double(st, i));
            break;
        case DB_NULL:
            v = json_null();
            break;
        default:
            v = json_string(db_col_text(st, i));
            break;
        }
        json_object_set_new(o, ops->col_name(st, i), v ? v : json_null());
    }
    return o;
}

static enum fz_err bind_va(struct db_stmt *st, const char *fmt, va_list ap)
{
    enum fz_err rc = FZ_OK;
    for (int i = 0; fmt && fmt[i] && !rc; i++) {
        switch (fmt[i]) {
        case 'i':
            rc = db_bind_int(st, i + 1, va_arg(ap, int64_t));
            break;
        case 'd':
            rc = db_bind_double(st, i + 1, va_arg(ap, double));
            break;
        case 't':
            rc = db_bind_text(st, i + 1, va_arg(ap, const char *));
            break;
        case 'n':
            rc = db_bind_null(st, i + 1);
            break;
        default:
            rc = FZ_EINTERNAL;
        }
    }
    return rc;
}

enum fz_err db_bind_fmt(struct db_stmt *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum fz_err rc = bind_va(st, fmt, ap);
    va_end(ap);
    return rc;
}

/* prep_va: prepare and bind; on failure nothing is left bound. */
static enum fz_err prep_va(struct db *db, struct db_stmt **out, const char *sql,
                           const char *fmt, va_list ap)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db, sql, &st);
    if (rc)
        return rc;
    rc = bind_va(st, fmt, ap);
    if (rc) {
        db_finish(st);
        return rc;
    }
    *out = st;
    return FZ_OK;
}

enum fz_err db_run(struct db *db, int64_t *changes, const char *sql, const char *fmt, ...)
{
    struct db_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    enum fz_err rc = prep_va(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc)
        return rc;
    bool row = true;
    while (!rc && row)
        rc = db_step(st, &row);
    db_finish(st);
    if (!rc && changes)
        *changes = db->ops->changes(db);
    return rc;
}

enum fz_err db_query_int(struct db *db, int64_t *out, const char *sql, const char *fmt, ...)
{
    struct db_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    enum fz_err rc = prep_va(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc)
        return rc;
    bool row = false;
    rc = db_step(st, &row);
    if (!rc && !row)
        rc = FZ_ENOTFOUND;
    if (!rc)
        *out = db_col_int(st, 0);
    db_finish(st);
    return rc;
}

enum fz_err db_query_text(struct db *db, char **out, const char *sql, const char *fmt, ...)
{
    struct db_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    enum fz_err rc = prep_va(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc)
        return rc;
    bool row = false;
    rc = db_step(st, &row);
    if (!rc && !row)
        rc = FZ_ENOTFOUND;
    if (!rc) {
        *out = strdup(db_col_text(st, 0));
        if (!*out)
            rc = FZ_ENOMEM;
    }
    db_finish(st);
    return rc;
}

enum fz_err db_query_json(struct db *db, json_t **out, const char *sql, const char *fmt, ...)
{
    struct db_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    enum fz_err rc = prep_va(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc)
        return rc;
    json_t *arr = json_array();
    bool row = true;
    while (!rc) {
        rc = db_step(st, &row);
        if (rc || !row)
            break;
        json_array_append_new(arr, db_row_json(st));
    }
    db_finish(st);
    if (rc) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return FZ_OK;
}

enum fz_err db_query_row(struct db *db, json_t **out, const char *sql, const char *fmt, ...)
{
    struct db_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    enum fz_err rc = prep_va(db, &st, sql, fmt, ap);
    va_end(ap);
    if (rc)
        return rc;
    bool row = false;
    rc = db_step(st, &row);
    if (!rc && !row)
        rc = FZ_ENOTFOUND;
    if (!rc)
        *out = db_row_json(st);
    db_finish(st);
    return rc;
}

int64_t db_setting_int(struct db *db, const char *key, int64_t def)
{
    char *v = NULL;
    int64_t n = def;
    if (!db_query_text(db, &v, "SELECT value FROM settings WHERE key = ?", "t", key)) {
        char *end = NULL;
        long long x = strtoll(v, &end, 10);
        if (end && !*end && end != v)
            n = x;
        free(v);
    }
    return n;
}

int64_t db_last_id(struct db *db)
{
    return db->ops->last_id(db);
}

int64_t db_changes(struct db *db)
{
    return db->ops->changes(db);
}

enum fz_err db_begin(struct db *db)
{
    if (db->in_tx)
        return FZ_EINTERNAL;
    enum fz_err rc = db->ops->begin(db);
    if (!rc)
        db->in_tx = true;
    return rc;
}

enum fz_err db_commit(struct db *db)
{
    enum fz_err rc = db->ops->commit(db);
    if (rc) {
        db_rollback(db);
        return rc;
    }
    db->in_tx = false;
    return FZ_OK;
}

void db_rollback(struct db *db)
{
    db->ops->rollback(db);
    db->in_tx = false;
}

bool db_in_tx(struct db *db)
{
    return db->in_tx;
}

enum fz_err db_reset_sequences(struct db *db)
{
    return db_is_pg(db) ? db_exec(db, dialect_pg_sync_ids) : FZ_OK;
}

enum fz_err db_backup(struct db *db, const char *dest)
{
    return db->ops->backup(db, dest);
}

enum fz_err db_integrity(struct db *db)
{
    return db->ops->integrity(db);
}
