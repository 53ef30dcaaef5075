/* db_sqlite.c - SQLite backend of the data-access layer (backend.h; contract in db.h).
 * PRAGMAs at open: journal_mode=WAL, synchronous=FULL (a COMMIT returns only after the WAL
 * is fsynced: acknowledged writes survive kill -9 and power loss), foreign_keys=ON,
 * busy_timeout. Writers take the lock at BEGIN IMMEDIATE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "db/backend.h"

#define H(db) ((sqlite3 *)(db)->h)
#define S(st) ((sqlite3_stmt *)(st)->h)

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

static enum fz_err lite_fail(struct db *db, int rc, const char *what)
{
    fprintf(stderr, "db: %s failed: %s\n", what, sqlite3_errmsg(H(db)));
    return map_rc(rc);
}

static enum fz_err lite_exec(struct db *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(H(db), sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "db: exec failed: %s\n", err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return map_rc(rc);
    }
    return FZ_OK;
}

static enum fz_err lite_open(struct db *db, const char *path, bool readonly)
{
    sqlite3 *h = NULL;
    int flags = readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &h, flags, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "db: cannot open %s: %s\n", path,
                h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return FZ_EIO;
    }
    db->h = h;
    sqlite3_busy_timeout(h, 10000);
    sqlite3_extended_result_codes(h, 1);
    const char *pragmas = readonly
        ? "PRAGMA foreign_keys=ON;"
        : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
          "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
          "PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456;";
    return lite_exec(db, pragmas);
}

static void lite_close(struct db *db)
{
    sqlite3_close(H(db));
}

static const char *lite_errmsg(struct db *db)
{
    return sqlite3_errmsg(H(db));
}

static enum fz_err lite_prepare(struct db *db, struct db_stmt *st)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v3(H(db), st->sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
    if (rc != SQLITE_OK)
        return lite_fail(db, rc, "prepare");
    st->h = s;
    return FZ_OK;
}

static void lite_finalize(struct db_stmt *st)
{
    sqlite3_finalize(S(st));
}

static void lite_reset(struct db_stmt *st)
{
    sqlite3_reset(S(st));
    sqlite3_clear_bindings(S(st));
}

static enum fz_err lite_bind_int(struct db_stmt *st, int i, int64_t v)
{
    return map_rc(sqlite3_bind_int64(S(st), i, v));
}

static enum fz_err lite_bind_double(struct db_stmt *st, int i, double v)
{
    return map_rc(sqlite3_bind_double(S(st), i, v));
}

static enum fz_err lite_bind_text(struct db_stmt *st, int i, const char *v)
{
    return map_rc(sqlite3_bind_text(S(st), i, v, -1, SQLITE_TRANSIENT));
}

static enum fz_err lite_bind_blob(struct db_stmt *st, int i, const void *v, size_t n)
{
    return map_rc(sqlite3_bind_blob64(S(st), i, v, n, SQLITE_TRANSIENT));
}

static enum fz_err lite_bind_null(struct db_stmt *st, int i)
{
    return map_rc(sqlite3_bind_null(S(st), i));
}

static enum fz_err lite_step(struct db_stmt *st, bool *row)
{
    int rc = sqlite3_step(S(st));
    if (rc == SQLITE_ROW) {
        *row = true;
        return FZ_OK;
    }
    *row = false;
    if (rc == SQLITE_DONE)
        return FZ_OK;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)   /* expected by callers: no log noise */
        return FZ_ECONFLICT;
    return lite_fail(st->db, rc, "step");
}

static int lite_col_count(struct db_stmt *st)
{
    return sqlite3_column_count(S(st));
}

static const char *lite_col_name(struct db_stmt *st, int i)
{
    return sqlite3_column_name(S(st), i);
}

static enum db_coltype lite_col_type(struct db_stmt *st, int i)
{
    switch (sqlite3_column_type(S(st), i)) {
    case SQLITE_INTEGER:
        return DB_INT;
    case SQLITE_FLOAT:
        return DB_REAL;
    case SQLITE_NULL:
        return DB_NULL;
    case SQLITE_BLOB:
        return DB_BLOB;
    default:
        return DB_TEXT;
    }
}

static int64_t lite_col_int(struct db_stmt *st, int i)
{
    return sqlite3_column_int64(S(st), i);
}

static double lite_col_double(struct db_stmt *st, int i)
{
    return sqlite3_column_double(S(st), i);
}

static const char *lite_col_text(struct db_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(S(st), i);
}

static const void *lite_col_blob(struct db_stmt *st, int i, size_t *n)
{
    const void *p = sqlite3_column_blob(S(st), i);
    *n = (size_t)sqlite3_column_bytes(S(st), i);
    return p;
}

static int64_t lite_changes(struct db *db)
{
    return sqlite3_changes64(H(db));
}

static int64_t lite_last_id(struct db *db)
{
    return sqlite3_last_insert_rowid(H(db));
}

static enum fz_err lite_begin(struct db *db)
{
    return lite_exec(db, "BEGIN IMMEDIATE");
}

static enum fz_err lite_commit(struct db *db)
{
    return lite_exec(db, "COMMIT");
}

static void lite_rollback(struct db *db)
{
    if (sqlite3_get_autocommit(H(db)) == 0)
        sqlite3_exec(H(db), "ROLLBACK", NULL, NULL, NULL);
}

static enum fz_err lite_backup(struct db *db, const char *dest)
{
    sqlite3 *to = NULL;
    int rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "backup: cannot create %s\n", dest);
        sqlite3_close(to);
        return FZ_EIO;
    }
    sqlite3_backup *b = sqlite3_backup_init(to, "main", H(db), "main");
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

static enum fz_err lite_integrity(struct db *db)
{
    enum fz_err rc = expect_clean(db, "PRAGMA integrity_check", "ok");
    if (!rc)
        rc = expect_clean(db, "PRAGMA foreign_key_check", NULL);
    return rc;
}

const struct db_ops db_sqlite_ops = {
    .name = "sqlite",
    .open = lite_open, .close = lite_close, .errmsg = lite_errmsg, .exec = lite_exec,
    .prepare = lite_prepare, .finalize = lite_finalize, .reset = lite_reset,
    .bind_int = lite_bind_int, .bind_double = lite_bind_double,
    .bind_text = lite_bind_text, .bind_blob = lite_bind_blob, .bind_null = lite_bind_null,
    .step = lite_step, .col_count = lite_col_count, .col_name = lite_col_name,
    .col_type = lite_col_type, .col_int = lite_col_int, .col_double = lite_col_double,
    .col_text = lite_col_text, .col_blob = lite_col_blob,
    .changes = lite_changes, .last_id = lite_last_id,
    .begin = lite_begin, .commit = lite_commit, .rollback = lite_rollback,
    .backup = lite_backup, .integrity = lite_integrity,
};
