/* dialect.h - the one place where SQLite's SQL and PostgreSQL's differ. fazhi's queries and
 * migrations are written once, in SQLite's dialect; the PostgreSQL backend passes each
 * statement through dialect_pg() before preparing it, and each migration script through
 * dialect_pg_script(). What is translated (docs/postgresql.md lists it too):
 *   ?NNN and ? placeholders      -> $NNN
 *   json_group_array(x)         -> coalesce(json_agg(x), '[]'::json)
 *   json_object / json_array    -> json_build_object / json_build_array
 *   json_each(x) [AS] t         -> json_array_elements_text((x)::json) AS t(value)
 *   group_concat(x[, sep])      -> string_agg((x)::text, sep)
 *   ifnull, instr, max(a,b..), min(a,b..) -> coalesce, strpos, greatest, least
 *   date(x[, '+N days'])        -> to_char((x)::date + N, 'YYYY-MM-DD')
 *   strftime(fmt, x)            -> to_char(x, fmt in PostgreSQL's pattern letters)
 *   LIKE                        -> ILIKE (SQLite's LIKE ignores ASCII case)
 *   a IS b / a IS NOT b         -> IS [NOT] DISTINCT FROM (null-safe equality)
 *   INSERT OR IGNORE ...        -> INSERT ... ON CONFLICT DO NOTHING
 * and in migration scripts the column types INTEGER/REAL/BLOB and INTEGER PRIMARY KEY
 * (rowid alias) -> BIGINT/DOUBLE PRECISION/BYTEA and an identity column, and blocks
 *   -- @sqlite <SQLite text> -- @postgres <a block comment holding PostgreSQL text> -- @end
 * (triggers, full-text tables) are replaced by the PostgreSQL text inside the comment, which
 * SQLite skips.
 * Ownership: results are new strings the caller frees. */
#ifndef FZ_DB_DIALECT_H
#define FZ_DB_DIALECT_H

#include "fz_err.h"

/* dialect_pg: translate one statement; *nparams gets the number of parameters ($1..$n).
 * FZ_EINVAL (with a message on stderr) for a construct that has no translation. */
enum fz_err dialect_pg(const char *sql, char **out, int *nparams);
/* dialect_pg_prelude: functions PostgreSQL lacks that fazhi's SQL uses (sum over a
 * comparison, round of a double to N places), created before the migrations run. */
extern const char dialect_pg_prelude[];
/* dialect_pg_sync_ids: moves every identity column's sequence past the largest id, after
 * rows were inserted with explicit ids (migrations seed some). */
extern const char dialect_pg_sync_ids[];

/* dialect_pg_script: translate a migration script (several statements, DDL included). */
enum fz_err dialect_pg_script(const char *sql, char **out);

#endif
