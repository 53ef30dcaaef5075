/* org_api.c - HTTP handlers of /api/v1/departments, /api/v1/roles and /api/v1/permissions.
 * Every update carries the record's version; a stale one is 409 version_conflict. */
#include "db/db.h"
#include "http/http.h"
#include "modules/org.h"

static enum fz_err list_reply(struct fz_resp *resp, enum fz_err rc, json_t *items)
{
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o, s:I}", "items", items, "total",
                                          (json_int_t)json_array_size(items)));
}

enum fz_err org_api_depts(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = org_depts_list(req->db, &items);
    return list_reply(resp, rc, items);
}

static enum fz_err read_dept(struct fz_req *req, struct fz_resp *resp, bool create,
                             struct dept_input *in)
{
    enum fz_err rc = http_body_int(req, resp, "parent_id", create, &in->parent_id, NULL);
    if (!rc)
        rc = http_body_str(req, resp, "name", create, 64, &in->name);
    if (!rc)
        rc = http_body_str(req, resp, "code", create, 32, &in->code);
    if (!rc)
        rc = http_body_str(req, resp, "kind", false, 16, &in->kind);
    if (!rc)
        rc = http_body_int(req, resp, "sort", false, &in->sort, &in->has_sort);
    return rc;
}

static enum fz_err reply_dept(struct fz_req *req, struct fz_resp *resp, int64_t id,
                              int status)
{
    json_t *d = NULL;
    enum fz_err rc = org_dept_get(req->db, id, &d);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, status, d);
}

enum fz_err org_api_dept_create(struct fz_req *req, struct fz_resp *resp)
{
    struct dept_input in = {0};
    enum fz_err rc = read_dept(req, resp, true, &in);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = org_dept_create(req->db, &in, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "dept.create", "department", id, "创建部门 %s", in.name);
    return reply_dept(req, resp, id, 201);
}

enum fz_err org_api_dept_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, version = 0;
    struct dept_input in = {0};
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (!rc)
        rc = read_dept(req, resp, false, &in);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = org_dept_update(req->db, id, version, &in, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "dept.update", "department", id, "修改部门 #%lld", (long long)id);
    return reply_dept(req, resp, id, 200);
}

enum fz_err org_api_dept_delete(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = org_dept_delete(req->db, id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "dept.delete", "department", id, "删除部门 #%lld", (long long)id);
    return http_no_content(resp);
}

enum fz_err org_api_roles(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = org_roles_list(req->db, &items);
    return list_reply(resp, rc, items);
}

enum fz_err org_api_permissions(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = org_permissions_list(req->db, &items);
    return list_reply(resp, rc, items);
}

static enum fz_err read_role(struct fz_req *req, struct fz_resp *resp, bool create,
                             struct role_input *in)
{
    enum fz_err rc = FZ_OK;
    if (create)
        rc = http_body_str(req, resp, "code", true, 32, &in->code);
    if (!rc)
        rc = http_body_str(req, resp, "name", create, 64, &in->name);
    if (!rc)
        rc = http_body_str(req, resp, "data_scope", false, 8, &in->data_scope);
    json_t *perms = json_object_get(req->body, "permissions");
    if (!rc && perms && !json_is_null(perms)) {
        if (!json_is_array(perms))
            return http_error(resp, FZ_EINVAL, "字段 permissions 应为权限代码的数组",
                              "permissions");
        in->permissions = perms;
    }
    return rc;
}

static enum fz_err reply_role(struct fz_req *req, struct fz_resp *resp, int64_t id,
                              int status)
{
    json_t *r = NULL;
    enum fz_err rc = org_role_get(req->db, id, &r);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, status, r);
}

enum fz_err org_api_role_create(struct fz_req *req, struct fz_resp *resp)
{
    struct role_input in = {0};
    enum fz_err rc = read_role(req, resp, true, &in);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = org_role_create(req->db, &in, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "role.create", "role", id, "创建角色 %s", in.name);
    return reply_role(req, resp, id, 201);
}

enum fz_err org_api_role_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, version = 0;
    struct role_input in = {0};
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (!rc)
        rc = read_role(req, resp, false, &in);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = org_role_update(req->db, id, version, &in, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "role.update", "role", id, "修改角色 #%lld", (long long)id);
    return reply_role(req, resp, id, 200);
}

enum fz_err org_api_role_delete(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = org_role_delete(req->db, id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "role.delete", "role", id, "删除角色 #%lld", (long long)id);
    return http_no_content(resp);
}
