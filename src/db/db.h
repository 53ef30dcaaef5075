/* db.h - the one data-access layer of fazhi. Modules talk to storage only through this
 * header: prepared statements with `?` placeholders, typed binds and columns, transactions.
 * Backends (src/db/backend.h): SQLite 3 in WAL mode (synchronous=FULL, foreign keys on, busy
 * timeout), so a committed write survives kill -9 and power loss - the embedded default; and
 * PostgreSQL through libpq when the target is a postgresql:// URI (db_pg.c), with the SQL
 * written once in SQLite's dialect and translated in one place (dialect.c).
 * Ownership: struct db is owned by whoever opened it (db_close). Statements come from a
 * per-connection cache: never free them, call db_finish() when done (it resets them).
 * Column text is borrowed and valid until the next db_step()/db_finish() on that statement.
 * A struct db is used by one thread at a time (the server keeps a pool). */
#ifndef FZ_DB_H
#define FZ_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct db_stmt;

/* db_open: open (creating if absent) the database at path, set the PRAGMAs and apply
 * pending migrations. Caller owns *out (db_close). */
enum fz_err db_open(const char *path, struct db **out);
/* db_open_nomigrate: same without migrations (used by backup and verify tools). */
enum fz_err db_open_nomigrate(const char *path, bool readonly, struct db **out);
void db_close(struct db *db);
/* db_errmsg: the backend's last message (for the log only, never for users). */
const char *db_errmsg(struct db *db);
/* db_path: the file name the database was opened with (borrowed). */
const char *db_path(struct db *db);

/* db_target_is_pg: target is a postgresql:// or postgres:// URI. */
bool db_target_is_pg(const char *target);
/* db_backend: "sqlite" or "postgresql"; db_is_pg: the latter. */
const char *db_backend(struct db *db);
bool db_is_pg(struct db *db);

/* db_exec: run a script of one or more statements without parameters. */
enum fz_err db_exec(struct db *db, const char *sql);

/* db_prepare: a cached prepared statement for sql (compare by text). Borrowed: release
 * with db_finish(). */
enum fz_err db_prepare(struct db *db, const char *sql, struct db_stmt **out);
void db_finish(struct db_stmt *st);

/* Binds, 1-based like SQL. text NULL binds NULL. */
enum fz_err db_bind_int(struct db_stmt *st, int i, int64_t v);
enum fz_err db_bind_double(struct db_stmt *st, int i, double v);
enum fz_err db_bind_text(struct db_stmt *st, int i, const char *v);
enum fz_err db_bind_blob(struct db_stmt *st, int i, const void *v, size_t n);
enum fz_err db_bind_null(struct db_stmt *st, int i);

/* db_step: run one step; *row is true when a row is available, false when done.
 * Constraint violations come back as FZ_ECONFLICT, busy as FZ_EBUSY. */
enum fz_err db_step(struct db_stmt *st, bool *row);

enum db_coltype { DB_NULL, DB_INT, DB_REAL, DB_TEXT, DB_BLOB };

int db_col_count(struct db_stmt *st);
/* db_col_kind: the storage class of column i of the current row */
enum db_coltype db_col_kind(struct db_stmt *st, int i);
const char *db_col_name(struct db_stmt *st, int i);
bool db_col_null(struct db_stmt *st, int i);
int64_t db_col_int(struct db_stmt *st, int i);
double db_col_double(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);     /* "" for NULL */
const void *db_col_blob(struct db_stmt *st, int i, size_t *n);

/* db_row_json: the current row as a new JSON object keyed by column name (integers,
 * reals, strings, null). Caller owns the reference. */
json_t *db_row_json(struct db_stmt *st);

/* db_run: prepare sql, bind args described by fmt, step to completion, finish.
 * fmt has one letter per `?`: 'i' int64_t, 'd' double, 't' const char * (NULL = null),
 * 'n' null (no argument). *changes (may be NULL) gets the number of rows changed. */
enum fz_err db_run(struct db *db, int64_t *changes, const char *sql, const char *fmt, ...);
/* db_query_int: like db_run, but *out gets the first column of the first row;
 * FZ_ENOTFOUND when there is no row. */
enum fz_err db_query_int(struct db *db, int64_t *out, const char *sql, const char *fmt, ...);
/* db_query_text: the first column of the first row, as a new string (caller frees). */
enum fz_err db_query_text(struct db *db, char **out, const char *sql, const char *fmt, ...);
/* db_query_json: every row as a JSON array of objects (new reference in *out). */
enum fz_err db_query_json(struct db *db, json_t **out, const char *sql, const char *fmt, ...);
/* db_query_row: the first row as a JSON object (new reference); FZ_ENOTFOUND if none. */
enum fz_err db_query_row(struct db *db, json_t **out, const char *sql, const char *fmt, ...);
/* db_bindv: bind args per fmt (as db_run) to an already prepared statement. */
enum fz_err db_bind_fmt(struct db_stmt *st, const char *fmt, ...);

int64_t db_last_id(struct db *db);
/* db_changes: rows changed by the connection's last INSERT, UPDATE or DELETE. */
int64_t db_changes(struct db *db);

/* db_setting_int: the integer value of a row of the settings table (deployment
 * defaults that admins may change), or def when absent or not an integer. */
int64_t db_setting_int(struct db *db, const char *key, int64_t def);

/* Transactions. db_begin takes the write lock at once (BEGIN IMMEDIATE), so a writer never
 * fails half-way on lock upgrade. Nesting is not supported: FZ_EINTERNAL. */
enum fz_err db_begin(struct db *db);
enum fz_err db_commit(struct db *db);
void db_rollback(struct db *db);
bool db_in_tx(struct db *db);

/* db_reset_sequences: after rows were inserted with explicit ids, make the next generated
 * id follow the largest one (PostgreSQL's identity sequences; nothing to do on SQLite). */
enum fz_err db_reset_sequences(struct db *db);

/* db_copy: every table of the SQLite database from into the freshly migrated database
 * to (either backend), in one transaction of to: to's rows (the migrations' seed data)
 * are replaced by from's, tables in foreign-key order, values with their storage class.
 * Tables named in skip (NULL-terminated; full-text indexes, which the caller rebuilds)
 * are left out, as are schema_migrations and SQLite's own. *counts (new JSON object)
 * gets {table: rows copied}. */
enum fz_err db_copy(struct db *from, struct db *to, const char *const *skip, json_t **counts);

/* db_backup: online, consistent copy of the open database into a new file at dest. */
enum fz_err db_backup(struct db *db, const char *dest);
/* db_integrity: PRAGMA integrity_check and foreign_key_check both clean -> FZ_OK. */
enum fz_err db_integrity(struct db *db);

#endif
