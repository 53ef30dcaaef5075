/* org.h - the organisation: the department tree (the center's offices, its development
 * company, and the outside enforcement departments) and the roles with their permissions
 * and data scope. Permissions are a catalogue in the database that module migrations add
 * to; roles grant them. Built-in roles cannot be deleted, and the admin role's grants
 * cannot be edited (so nobody can lock every administrator out). */
#ifndef FZ_ORG_H
#define FZ_ORG_H

#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"

struct db;

struct dept_input {
    int64_t parent_id;          /* 0: unchanged (update) / required (create) */
    const char *name, *code, *kind;
    int64_t sort;
    bool has_sort;
};

/* Departments. Results are new JSON references the caller owns. */
enum fz_err org_depts_list(struct db *db, json_t **items);
enum fz_err org_dept_get(struct db *db, int64_t id, json_t **out);
enum fz_err org_dept_create(struct db *db, const struct dept_input *in, int64_t *id,
                            struct fz_problem *p);
/* org_dept_update: FZ_ECONFLICT on a stale version or a parent that would make a cycle */
enum fz_err org_dept_update(struct db *db, int64_t id, int64_t version,
                            const struct dept_input *in, struct fz_problem *p);
/* org_dept_delete: FZ_ECONFLICT while it has sub-departments or users */
enum fz_err org_dept_delete(struct db *db, int64_t id, struct fz_problem *p);

struct role_input {
    const char *code, *name, *data_scope;
    json_t *permissions;        /* array of permission codes; NULL: unchanged */
};

enum fz_err org_roles_list(struct db *db, json_t **items);
enum fz_err org_role_get(struct db *db, int64_t id, json_t **out);
enum fz_err org_role_create(struct db *db, const struct role_input *in, int64_t *id,
                            struct fz_problem *p);
enum fz_err org_role_update(struct db *db, int64_t id, int64_t version,
                            const struct role_input *in, struct fz_problem *p);
enum fz_err org_role_delete(struct db *db, int64_t id, struct fz_problem *p);
enum fz_err org_permissions_list(struct db *db, json_t **items);

#endif
