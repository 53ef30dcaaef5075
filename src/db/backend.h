/* backend.h - the contract between the data-access layer (db.c) and its storage backends
 * (db_sqlite.c: SQLite 3, the embedded default; db_pg.c: PostgreSQL through libpq).
 * Internal to src/db: modules never include it. db.c owns struct db and struct db_stmt,
 * the statement cache and every convenience call (db_run, db_query_*); a backend only
 * opens connections, prepares, binds, steps and reads columns.
 * Ownership: the backend's handle (db->h, st->h) is created by open/prepare and released
 * by close/finalize; column text stays valid until the next step or reset. */
#ifndef FZ_DB_BACKEND_H
#define FZ_DB_BACKEND_H

#include "db/db.h"

struct db_ops {
    const char *name;                      /* "sqlite" or "postgresql" */
    enum fz_err (*open)(struct db *db, const char *target, bool readonly);
    void (*close)(struct db *db);
    const char *(*errmsg)(struct db *db);
    enum fz_err (*exec)(struct db *db, const char *sql);
    enum fz_err (*prepare)(struct db *db, struct db_stmt *st);    /* st->sql is set */
    void (*finalize)(struct db_stmt *st);
    void (*reset)(struct db_stmt *st);
    enum fz_err (*bind_int)(struct db_stmt *st, int i, int64_t v);
    enum fz_err (*bind_double)(struct db_stmt *st, int i, double v);
    enum fz_err (*bind_text)(struct db_stmt *st, int i, const char *v);  /* v != NULL */
    enum fz_err (*bind_blob)(struct db_stmt *st, int i, const void *v, size_t n);
    enum fz_err (*bind_null)(struct db_stmt *st, int i);
    enum fz_err (*step)(struct db_stmt *st, bool *row);
    int (*col_count)(struct db_stmt *st);
    const char *(*col_name)(struct db_stmt *st, int i);
    enum db_coltype (*col_type)(struct db_stmt *st, int i);
    int64_t (*col_int)(struct db_stmt *st, int i);
    double (*col_double)(struct db_stmt *st, int i);
    const char *(*col_text)(struct db_stmt *st, int i);           /* NULL for SQL NULL */
    const void *(*col_blob)(struct db_stmt *st, int i, size_t *n);
    int64_t (*changes)(struct db *db);
    int64_t (*last_id)(struct db *db);
    enum fz_err (*begin)(struct db *db);
    enum fz_err (*commit)(struct db *db);
    void (*rollback)(struct db *db);
    enum fz_err (*backup)(struct db *db, const char *dest);
    enum fz_err (*integrity)(struct db *db);
};

#define STMT_CACHE 128

struct db_stmt {
    struct db *db;
    char *sql;                 /* the text as the module wrote it (cache key) */
    void *h;                   /* the backend's statement */
};

struct db {
    const struct db_ops *ops;
    void *h;                   /* the backend's connection */
    char *path;                /* file name or connection URI as given */
    bool in_tx;
    struct db_stmt cache[STMT_CACHE];
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

#endif
