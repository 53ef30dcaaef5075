/* db.c - SQLite backend of the data-access layer (see db.h for the contract).
 * PRAGMAs at open: journal_mode=WAL, synchronous=FULL (a COMMIT returns only after the WAL
 * is fsynced: acknowledged writes survive kill -9 and power loss), foreign_keys=ON,
 * busy_timeout. Statements are cached per connection in a small open-addressed table. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "db/db.h"
#include "db/migrate.h"

#define STMT_CACHE 128

struct db_stmt {
    sqlite3_stmt *s;
    struct db *db;
    char *sql;
};

struct db {
    sqlite3 *h;
    char *path;
    bool in_tx;
    struct db_stmt cache[STMT_CACHE];
};

static enum fz_err map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return FZ_OK;
    case SQLITE_CONSTRAINT:
        return FZ_ECONFLICT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return FZ_EBUSY;
    case SQLITE_NOMEM:
        return FZ_ENOMEM;
    case SQLITE_TOOBIG:
        return FZ_ETOOLARGE;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
        return FZ_EIO;
    default:
        return FZ_EDB;
    }
}

static enum fz_err db_fail(struct db *db, int rc, const char *what)
{
    fprintf(stderr, "db: %s failed: %s\n", what, sqlite3_errmsg(db->h));
    return map_rc(rc);
}

enum fz_err db_open_nomigrate(const char *path, bool readonly, struct db **out)
{
    struct db *db = calloc(1, sizeof *db);
    if (!db)
        return FZ_ENOMEM;
    int flags = readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "db: cannot open %s: %s\n", path,
                db->h ? sqlite3_errmsg(db->h) : "out of memory");
        sqlite3_close(db->h);
        free(db);
        return FZ_EIO;
    }
    db->path = strdup(path);
    sqlite3_busy_timeout(db->h, 10000);
    sqlite3_extended_result_codes(db->h, 1);
    const char *pragmas = readonly
        ? "PRAGMA foreign_keys=ON;"
        : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
          "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
          "PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456;";
    enum fz_err e = db_exec(db, pragmas);
    if (e || !db->path) {
        db_close(db);
        return e ? e : FZ_ENOMEM;
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
        sqlite3_finalize(db->cache[i].s);
        free(db->cache[i].sql);
    }
    sqlite3_close(db->h);
    free(db->path);
    free(db);
}

const char *db_errmsg(struct db *db)
{
    return sqlite3_errmsg(db->h);
}

const char *db_path(struct db *db)
{
    return db->path;
}

enum fz_err db_exec(struct db *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "db: exec failed: %s\n", err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return map_rc(rc);
    }
    return FZ_OK;
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
        if (!c->s) {
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
        sqlite3_finalize(slot->s);
        free(slot->sql);
        slot->s = NULL;
        slot->sql = NULL;
    }
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
    if (rc != SQLITE_OK)
        return db_fail(db, rc, "prepare");
    slot->sql = strdup(sql);
    if (!slot->sql) {
        sqlite3_finalize(s);
        return FZ_ENOMEM;
    }
    slot->s = s;
    slot->db = db;
    *out = slot;
    return FZ_OK;
}

void db_finish(struct db_stmt *st)
{
    if (!st)
        return;
    sqlite3_reset(st->s);
    sqlite3_clear_bindings(st->s);
}

enum fz_err db_bind_int(struct db_stmt *st, int i, int64_t v)
{
    return map_rc(sqlite3_bind_int64(st->s, i, v));
}

enum fz_err db_bind_double(struct db_stmt *st, int i, double v)
{
    return map_rc(sqlite3_bind_double(st->s, i, v));
}

enum fz_err db_bind_text(struct db_stmt *st, int i, const char *v)
{
    if (!v)
        return map_rc(sqlite3_bind_null(st->s, i));
    return map_rc(sqlite3_bind_text(st->s, i, v, -1, SQLITE_TRANSIENT));
}

enum fz_err db_bind_blob(struct db_stmt *st, int i, const void *v, size_t n)
{
    return map_rc(sqlite3_bind_blob64(st->s, i, v, n, SQLITE_TRANSIENT));
}

enum fz_err db_bind_null(struct db_stmt *st, int i)
{
    return map_rc(sqlite3_bind_null(st->s, i));
}

enum fz_err db_step(struct db_stmt *st, bool *row)
{
    int rc = sqlite3_step(st->s);
    if (rc == SQLITE_ROW) {
        *row = true;
        return FZ_OK;
    }
    *row = false;
    if (rc == SQLITE_DONE)
        return FZ_OK;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)   /* expected by callers: no log noise */
        return FZ_ECONFLICT;
    return db_fail(st->db, rc, "step");
}

int db_col_count(struct db_stmt *st)
{
    return sqlite3_column_count(st->s);
}

const char *db_col_name(struct db_stmt *st, int i)
{
    return sqlite3_column_name(st->s, i);
}

bool db_col_null(struct db_stmt *st, int i)
{
    return sqlite3_column_type(st->s, i) == SQLITE_NULL;
}

int64_t db_col_int(struct db_stmt *st, int i)
{
    return sqlite3_column_int64(st->s, i);
}

double db_col_double(struct db_stmt *st, int i)
{
    return sqlite3_column_double(st->s, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st->s, i);
    return t ? (const char *)t : "";
}

const void *db_col_blob(struct db_stmt *st, int i, size_t *n)
{
    const void *p = sqlite3_column_blob(st->s, i);
    *n = (size_t)sqlite3_column_bytes(st->s, i);
    return p;
}

json_t *db_row_json(struct db_stmt *st)
{
    json_t *o = json_object();
    int n = sqlite3_column_count(st->s);
    for (int i = 0; i < n; i++) {
        json_t *v;
        switch (sqlite3_column_type(st->s, i)) {
        case SQLITE_INTEGER:
            v = json_integer(sqlite3_column_int64(st->s, i));
            break;
        case SQLITE_FLOAT:
            v = json_real(sqlite3_column_double(st->s, i));
            break;
        case SQLITE_NULL:
            v = json_null();
            break;
        default:
            v = json_string((const char *)sqlite3_column_text(st->s, i));
            break;
        }
        json_object_set_new(o, sqlite3_column_name(st->s, i), v ? v : json_null());
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
        *changes = sqlite3_changes64(db->h);
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
    return sqlite3_last_insert_rowid(db->h);
}

enum fz_err db_begin(struct db *db)
{
    if (db->in_tx)
        return FZ_EINTERNAL;
    enum fz_err rc = db_exec(db, "BEGIN IMMEDIATE");
    if (!rc)
        db->in_tx = true;
    return rc;
}

enum fz_err db_commit(struct db *db)
{
    enum fz_err rc = db_exec(db, "COMMIT");
    if (rc) {
        db_rollback(db);
        return rc;
    }
    db->in_tx = false;
    return FZ_OK;
}

void db_rollback(struct db *db)
{
    if (sqlite3_get_autocommit(db->h) == 0)
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    db->in_tx = false;
}

bool db_in_tx(struct db *db)
{
    return db->in_tx;
}

enum fz_err db_backup(struct db *db, const char *dest)
{
    sqlite3 *to = NULL;
    int rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "backup: cannot create %s\n", dest);
        sqlite3_close(to);
        return FZ_EIO;
    }
    sqlite3_backup *b = sqlite3_backup_init(to, "main", db->h, "main");
    if (!b) {
        fprintf(stderr, "backup: %s\n", sqlite3_errmsg(to));
        sqlite3_close(to);
        return FZ_EDB;
    }
    /* copy in one step: the source is read in one read transaction, so the copy is a
     * consistent snapshot even while the server keeps writing */
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE)
        rc = sqlite3_exec(to, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    else
        fprintf(stderr, "backup: copy failed: %s\n", sqlite3_errstr(rc));
    sqlite3_close(to);
    return rc == SQLITE_OK ? FZ_OK : map_rc(rc);
}

static enum fz_err expect_clean(struct db *db, const char *sql, const char *ok)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db, sql, &st);
    if (rc)
        return rc;
    bool row = false;
    rc = db_step(st, &row);
    if (!rc && row && !(ok && strcmp(db_col_text(st, 0), ok) == 0)) {
        fprintf(stderr, "db: %s: %s\n", sql, db_col_text(st, 0));
        rc = FZ_EDB;
    }
    db_finish(st);
    return rc;
}

enum fz_err db_integrity(struct db *db)
{
    enum fz_err rc = expect_clean(db, "PRAGMA integrity_check", "ok");
    if (!rc)
        rc = expect_clean(db, "PRAGMA foreign_key_check", NULL);
    return rc;
}
