/* scope.h - the data-scope filter every module puts in its queries (数据权限).
 * A role's scope is all / own department and below / own records; a user's scope is the
 * widest of their roles. SCOPE_SQL(dept column, owner column) is a constant SQL condition
 * that takes the first three parameters: ?1 scope (0 own, 1 dept, 2 all), ?2 the actor's
 * department, ?3 the actor's user id; the query's own parameters start at ?4.
 * SCOPE_ARGS(actor) expands to those three values, for db_run-style "iii" formats;
 * a NULL actor (the CLI) sees everything. */
#ifndef FZ_SCOPE_H
#define FZ_SCOPE_H

#define SCOPE_SQL(deptcol, ownercol)                                                    \
    "(?1 = 2 OR (?1 = 1 AND " deptcol " IN (WITH RECURSIVE scope_sub(id) AS ("          \
    "SELECT ?2 UNION ALL SELECT d.id FROM departments d JOIN scope_sub"                \
    " ON d.parent_id = scope_sub.id) SELECT id FROM scope_sub))"                        \
    " OR (?1 = 0 AND " ownercol " = ?3))"

#define SCOPE_ARGS(actor)                                                               \
    (int64_t)((actor) ? (int64_t)(actor)->scope : 2),                                   \
    (int64_t)((actor) ? (actor)->dept_id : 0), (int64_t)((actor) ? (actor)->id : 0)

#endif
