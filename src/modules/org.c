/* org.c - departments and roles (see org.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "modules/org.h"
#include "util/str.h"
#include "util/timeutil.h"


enum fz_err org_depts_list(struct db *db, json_t **items)
{
    return db_query_json(db, items,
        "SELECT id, parent_id, name, code, kind, sort, created_at, updated_at, version"
        " FROM departments ORDER BY coalesce(parent_id, 0), sort, id", "");
}

enum fz_err org_dept_get(struct db *db, int64_t id, json_t **out)
{
    return db_query_row(db, out,
        "SELECT id, parent_id, name, code, kind, sort, created_at, updated_at, version"
        " FROM departments WHERE id = ?", "i", id);
}

static enum fz_err check_dept_fields(const struct dept_input *in, bool create,
                                     struct fz_problem *p)
{
    if ((create || in->name) && (str_empty(in->name) || str_utf8_len(in->name) > 64)) {
        fz_problem_set(p, "name", NULL, "部门名称不能为空，且不超过 64 个字符");
        return FZ_EINVAL;
    }
    if ((create || in->code) && (str_empty(in->code) || strlen(in->code) > 32)) {
        fz_problem_set(p, "code", NULL, "部门代码不能为空，且不超过 32 个字符");
        return FZ_EINVAL;
    }
    if (in->kind && !str_eq(in->kind, "internal") && !str_eq(in->kind, "company") &&
        !str_eq(in->kind, "external")) {
        fz_problem_set(p, "kind", NULL, "部门类型应为 internal、company 或 external");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err dept_exists(struct db *db, int64_t id, const char *field,
                               struct fz_problem *p)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n, "SELECT count(*) FROM departments WHERE id = ?",
                                  "i", id);
    if (!rc && !n) {
        fz_problem_set(p, field, NULL, "上级部门不存在");
        rc = FZ_EINVAL;
    }
    return rc;
}

enum fz_err org_dept_create(struct db *db, const struct dept_input *in, int64_t *id,
                            struct fz_problem *p)
{
    enum fz_err rc = check_dept_fields(in, true, p);
    if (!rc && in->parent_id <= 0) {
        fz_problem_set(p, "parent_id", NULL, "请选择上级部门");
        rc = FZ_EINVAL;
    }
    if (!rc)
        rc = dept_exists(db, in->parent_id, "parent_id", p);
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    time_now(ts);
    rc = db_run(db, NULL,
                "INSERT INTO departments(parent_id, name, code, kind, sort, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "itttitt", in->parent_id,
                in->name, in->code, in->kind ? in->kind : "internal", in->sort, ts, ts);
    if (rc == FZ_ECONFLICT)
        fz_problem_set(p, "code", "duplicate", "部门代码 %s 已存在", in->code);
    if (!rc)
        *id = db_last_id(db);
    return rc;
}

static enum fz_err version_conflict(struct fz_problem *p)
{
    fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
    return FZ_ECONFLICT;
}

enum fz_err org_dept_update(struct db *db, int64_t id, int64_t version,
                            const struct dept_input *in, struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = org_dept_get(db, id, &cur);
    if (rc)
        return rc;
    bool is_root = json_is_null(json_object_get(cur, "parent_id"));
    int64_t have = json_integer_value(json_object_get(cur, "version"));
    json_decref(cur);
    if (have != version)
        return version_conflict(p);
    rc = check_dept_fields(in, false, p);
    if (!rc && in->parent_id > 0) {
        if (is_root) {
            fz_problem_set(p, "parent_id", NULL, "根部门不能设置上级部门");
            return FZ_EINVAL;
        }
        rc = dept_exists(db, in->parent_id, "parent_id", p);
        int64_t cycle = 0;
        if (!rc)
            rc = db_query_int(db, &cycle,
                "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT d.id FROM departments d"
                " JOIN sub ON d.parent_id = sub.id) SELECT count(*) FROM sub WHERE id = ?",
                "ii", id, in->parent_id);
        if (!rc && cycle) {
            fz_problem_set(p, "parent_id", NULL, "上级部门不能是本部门或其下级部门");
            return FZ_EINVAL;
        }
    }
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    time_now(ts);
    int64_t n = 0;
    rc = db_run(db, &n,
        "UPDATE departments SET parent_id = CASE WHEN ? > 0 THEN ? ELSE parent_id END,"
        " name = coalesce(?, name), code = coalesce(?, code), kind = coalesce(?, kind),"
        " sort = CASE WHEN ? THEN ? ELSE sort END, updated_at = ?, version = version + 1"
        " WHERE id = ? AND version = ?", "iitttiitii", in->parent_id, in->parent_id,
        in->name, in->code, in->kind, (int64_t)in->has_sort, in->sort, ts, id, version);
    if (rc == FZ_ECONFLICT)
        fz_problem_set(p, "code", "duplicate", "部门代码已存在");
    else if (!rc && !n)
        return version_conflict(p);
    return rc;
}

enum fz_err org_dept_delete(struct db *db, int64_t id, struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = org_dept_get(db, id, &cur);
    if (rc)
        return rc;
    json_decref(cur);
    int64_t kids = 0, users = 0;
    rc = db_query_int(db, &kids, "SELECT count(*) FROM departments WHERE parent_id = ?", "i",
                      id);
    if (!rc)
        rc = db_query_int(db, &users, "SELECT count(*) FROM users WHERE dept_id = ?", "i", id);
    if (rc)
        return rc;
    if (kids || users) {
        fz_problem_set(p, NULL, "in_use", "该部门下还有%s，不能删除",
                       kids ? "下级部门" : "用户");
        return FZ_ECONFLICT;
    }
    rc = db_run(db, NULL, "DELETE FROM departments WHERE id = ?", "i", id);
    if (rc == FZ_ECONFLICT)
        fz_problem_set(p, NULL, "in_use", "该部门仍被其他记录引用，不能删除");
    return rc;
}

/* ---- roles ---- */

#define ROLE_SELECT                                                                    \
    "SELECT r.id, r.code, r.name, r.data_scope, r.builtin, r.created_at, r.updated_at,"  \
    " r.version, (SELECT json_group_array(permission) FROM (SELECT permission FROM"     \
    " role_permissions WHERE role_id = r.id ORDER BY permission)) AS permissions FROM roles r"

static void fix_role(json_t *r)
{
    json_object_set_new(r, "builtin",
                        json_boolean(json_integer_value(json_object_get(r, "builtin"))));
    const char *perms = json_string_value(json_object_get(r, "permissions"));
    json_t *arr = perms ? json_loads(perms, 0, NULL) : NULL;
    json_object_set_new(r, "permissions", arr ? arr : json_array());
}

enum fz_err org_roles_list(struct db *db, json_t **items)
{
    enum fz_err rc = db_query_json(db, items, ROLE_SELECT " ORDER BY r.builtin DESC, r.id",
                                   "");
    size_t i;
    json_t *r;
    if (!rc)
        json_array_foreach(*items, i, r)
            fix_role(r);
    return rc;
}

enum fz_err org_role_get(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_row(db, out, ROLE_SELECT " WHERE r.id = ?", "i", id);
    if (!rc)
        fix_role(*out);
    return rc;
}

static enum fz_err set_perms(struct db *db, int64_t rid, json_t *perms, struct fz_problem *p)
{
    if (!json_is_array(perms)) {
        fz_problem_set(p, "permissions", NULL, "字段 permissions 应为权限代码的数组");
        return FZ_EINVAL;
    }
    enum fz_err rc = db_run(db, NULL, "DELETE FROM role_permissions WHERE role_id = ?", "i",
                            rid);
    size_t i;
    json_t *v;
    json_array_foreach(perms, i, v) {
        int64_t n = 0;
        if (rc)
            break;
        if (json_is_string(v))
            rc = db_query_int(db, &n, "SELECT count(*) FROM permissions WHERE code = ?", "t",
                              json_string_value(v));
        if (!rc && !n) {
            fz_problem_set(p, "permissions", NULL, "权限 %s 不存在",
                           json_is_string(v) ? json_string_value(v) : "?");
            return FZ_EINVAL;
        }
        if (!rc)
            rc = db_run(db, NULL,
                        "INSERT OR IGNORE INTO role_permissions(role_id, permission)"
                        " VALUES (?, ?)", "it", rid, json_string_value(v));
    }
    return rc;
}

static enum fz_err check_scope(const char *s, struct fz_problem *p)
{
    if (s && !str_eq(s, "all") && !str_eq(s, "dept") && !str_eq(s, "own")) {
        fz_problem_set(p, "data_scope", NULL, "数据范围应为 all、dept 或 own");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

enum fz_err org_role_create(struct db *db, const struct role_input *in, int64_t *id,
                            struct fz_problem *p)
{
    if (str_empty(in->code) || strlen(in->code) > 32) {
        fz_problem_set(p, "code", NULL, "角色代码不能为空，且不超过 32 个字符");
        return FZ_EINVAL;
    }
    if (str_empty(in->name) || str_utf8_len(in->name) > 64) {
        fz_problem_set(p, "name", NULL, "角色名称不能为空，且不超过 64 个字符");
        return FZ_EINVAL;
    }
    enum fz_err rc = check_scope(in->data_scope, p);
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    time_now(ts);
    rc = db_run(db, NULL,
                "INSERT INTO roles(code, name, data_scope, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)", "ttttt", in->code, in->name,
                in->data_scope ? in->data_scope : "own", ts, ts);
    if (rc == FZ_ECONFLICT)
        fz_problem_set(p, "code", "duplicate", "角色代码 %s 已存在", in->code);
    if (rc)
        return rc;
    *id = db_last_id(db);
    return in->permissions ? set_perms(db, *id, in->permissions, p) : FZ_OK;
}

enum fz_err org_role_update(struct db *db, int64_t id, int64_t version,
                            const struct role_input *in, struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = org_role_get(db, id, &cur);
    if (rc)
        return rc;
    int64_t have = json_integer_value(json_object_get(cur, "version"));
    bool admin = str_eq(json_string_value(json_object_get(cur, "code")), "admin");
    json_decref(cur);
    if (have != version)
        return version_conflict(p);
    if (admin && (in->permissions || in->data_scope)) {
        fz_problem_set(p, in->permissions ? "permissions" : "data_scope", "builtin_role",
                       "系统管理员角色的权限和数据范围不能修改");
        return FZ_ECONFLICT;
    }
    if (in->name && (!*in->name || str_utf8_len(in->name) > 64)) {
        fz_problem_set(p, "name", NULL, "角色名称不能为空，且不超过 64 个字符");
        return FZ_EINVAL;
    }
    rc = check_scope(in->data_scope, p);
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    time_now(ts);
    int64_t n = 0;
    rc = db_run(db, &n,
                "UPDATE roles SET name = coalesce(?, name), data_scope = coalesce(?, data_scope),"
                " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?", "tttii",
                in->name, in->data_scope, ts, id, version);
    if (!rc && !n)
        return version_conflict(p);
    if (!rc && in->permissions)
        rc = set_perms(db, id, in->permissions, p);
    return rc;
}

enum fz_err org_role_delete(struct db *db, int64_t id, struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = org_role_get(db, id, &cur);
    if (rc)
        return rc;
    bool builtin = json_is_true(json_object_get(cur, "builtin"));
    json_decref(cur);
    if (builtin) {
        fz_problem_set(p, NULL, "builtin_role", "内置角色不能删除");
        return FZ_ECONFLICT;
    }
    int64_t users = 0;
    rc = db_query_int(db, &users, "SELECT count(*) FROM user_roles WHERE role_id = ?", "i", id);
    if (!rc && users) {
        fz_problem_set(p, NULL, "in_use", "仍有 %lld 个用户使用该角色，不能删除",
                       (long long)users);
        return FZ_ECONFLICT;
    }
    if (!rc)
        rc = db_run(db, NULL, "DELETE FROM roles WHERE id = ?", "i", id);
    return rc;
}

enum fz_err org_permissions_list(struct db *db, json_t **items)
{
    return db_query_json(db, items,
                         "SELECT code, module, name FROM permissions ORDER BY module, sort, code",
                         "");
}
