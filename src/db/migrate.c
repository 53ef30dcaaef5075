/* migrate.c - applies the embedded migrations (migrate.h) in version order.
 * Each pending migration and its schema_migrations row commit together, so a crash
 * mid-way leaves the database at the previous version, never between two. On PostgreSQL
 * the compatibility functions (dialect.h) come first, the identity sequences are moved past
 * seeded ids after each migration, and a session lock keeps several servers starting at
 * once from migrating together. */
#include <stdio.h>
#include "db/db.h"
#include "db/dialect.h"
#include "db/migrate.h"
#include "util/timeutil.h"

#define MIGRATE_LOCK "439788251242"

static enum fz_err apply(struct db *db, int *applied);

enum fz_err migrate_apply(struct db *db, int *applied)
{
    if (!db_is_pg(db))
        return apply(db, applied);
    enum fz_err rc = db_exec(db, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")");
    if (rc)
        return rc;
    rc = db_exec(db, dialect_pg_prelude);
    if (!rc)
        rc = apply(db, applied);
    db_exec(db, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")");
    return rc;
}

static enum fz_err apply(struct db *db, int *applied)
{
    int n = 0;
    enum fz_err rc = db_exec(db,
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    if (rc)
        return rc;
    for (const struct fz_migration *m = fz_migrations; m->version; m++) {
        int64_t have = 0;
        rc = db_query_int(db, &have,
                          "SELECT count(*) FROM schema_migrations WHERE version = ?",
                          "i", (int64_t)m->version);
        if (rc)
            return rc;
        if (have)
            continue;
        char ts[FZ_TS_LEN];
        time_now(ts);
        rc = db_begin(db);
        if (!rc)
            rc = db_exec(db, m->sql);
        if (!rc)
            rc = db_run(db, NULL,
                        "INSERT INTO schema_migrations(version, name, applied_at)"
                        " VALUES (?, ?, ?)", "itt", (int64_t)m->version, m->name, ts);
        if (!rc && db_is_pg(db))
            rc = db_exec(db, dialect_pg_sync_ids);
        if (!rc)
            rc = db_commit(db);
        if (rc) {
            db_rollback(db);
            fprintf(stderr, "migrate: %s failed\n", m->name);
            return rc;
        }
        n++;
    }
    if (applied)
        *applied = n;
    return FZ_OK;
}
