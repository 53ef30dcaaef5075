/* users_api.c - HTTP handlers of /api/v1/users: list, get, create, update, reset a
 * password, unlock. Data scope is enforced by the users module: a user outside the
 * caller's scope is 404, as if it did not exist. */
#include <stdio.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/users.h"
#include "util/str.h"

static const struct fz_sort user_sorts[] = {
    { "id", "u.id ASC", "u.id DESC" },
    { "username", "u.username ASC", "u.username DESC" },
    { "display_name", "u.display_name ASC", "u.display_name DESC" },
    { "created_at", "u.created_at ASC, u.id ASC", "u.created_at DESC, u.id DESC" },
    { "last_login_at", "u.last_login_at ASC", "u.last_login_at DESC" },
    { NULL, NULL, NULL },
};

enum fz_err users_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct users_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = http_sort(req, resp, user_sorts, &f.order);
    if (rc)
        return rc;
    f.q = http_query(req, "q");
    f.role = http_query(req, "role");
    f.status = http_query(req, "status");
    const char *dept = http_query(req, "dept_id");
    if (dept && (str_to_i64(dept, &f.dept_id) || f.dept_id <= 0))
        return http_error(resp, FZ_EINVAL, "字段 dept_id 应为正整数", "dept_id");
    if (f.status && !(str_eq(f.status, "active") || str_eq(f.status, "disabled") ||
                      str_eq(f.status, "locked")))
        return http_error(resp, FZ_EINVAL, "字段 status 应为 active、disabled 或 locked",
                          "status");
    f.limit = pg.size;
    f.offset = pg.offset;
    json_t *items = NULL;
    int64_t total = 0;
    rc = users_list(req->db, req->user, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err users_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    json_t *u = NULL;
    rc = users_get(req->db, req->user, id, &u);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "用户不存在" : NULL, NULL);
    return http_json(resp, 200, u);
}

/* read_input: the body fields of a create or update */
static enum fz_err read_input(struct fz_req *req, struct fz_resp *resp, bool create,
                              struct user_input *in)
{
    enum fz_err rc = FZ_OK;
    if (create)
        rc = http_body_str(req, resp, "username", true, 32, &in->username);
    if (!rc && create)
        rc = http_body_str(req, resp, "password", true, 128, &in->password);
    if (!rc)
        rc = http_body_str(req, resp, "display_name", create, 64, &in->display_name);
    if (!rc)
        rc = http_body_int(req, resp, "dept_id", false, &in->dept_id, NULL);
    if (!rc)
        rc = http_body_str(req, resp, "phone", false, 32, &in->phone);
    if (!rc)
        rc = http_body_str(req, resp, "email", false, 128, &in->email);
    if (!rc && !create)
        rc = http_body_str(req, resp, "status", false, 16, &in->status);
    if (rc)
        return rc;
    json_t *roles = json_object_get(req->body, "roles");
    if (roles && !json_is_null(roles)) {
        if (!json_is_array(roles))
            return http_error(resp, FZ_EINVAL, "字段 roles 应为角色代码的数组", "roles");
        in->roles = roles;
    }
    if (in->dept_id < 0)
        return http_error(resp, FZ_EINVAL, "字段 dept_id 应为正整数", "dept_id");
    return FZ_OK;
}

enum fz_err users_api_create(struct fz_req *req, struct fz_resp *resp)
{
    struct user_input in = { .initial_password = true };
    enum fz_err rc = read_input(req, resp, true, &in);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = users_create(req->db, req->user, &in, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *u = NULL;
    rc = users_get(req->db, NULL, id, &u);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "user.create", "user", id, "创建用户 %s（%s）", in.username,
               in.display_name);
    return http_json(resp, 201, u);
}

enum fz_err users_api_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, version = 0;
    struct user_input in = {0};
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (!rc)
        rc = read_input(req, resp, false, &in);
    if (rc)
        return rc;
    json_t *before = NULL;
    rc = users_get(req->db, req->user, id, &before);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "用户不存在" : NULL, NULL);
    struct fz_problem p = {0};
    rc = users_update(req->db, req->user, id, version, &in, &p);
    json_t *after = NULL;
    if (!rc)
        rc = users_get(req->db, NULL, id, &after);
    if (rc) {
        json_decref(before);
        return http_problem(resp, rc, &p);
    }
    http_audit(req, "user.update", "user", id, "修改用户 %s",
               json_string_value(json_object_get(after, "username")));
    req->audit_detail = json_pack("{s:o, s:O}", "before", before, "after", after);
    return http_json(resp, 200, after);
}

enum fz_err users_api_reset_password(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    const char *pw = NULL;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_str(req, resp, "password", true, 128, &pw);
    if (rc)
        return rc;
    json_t *u = NULL;
    rc = users_get(req->db, req->user, id, &u);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "用户不存在" : NULL, NULL);
    http_audit(req, "user.reset_password", "user", id, "重置用户 %s 的密码",
               json_string_value(json_object_get(u, "username")));
    json_decref(u);
    struct fz_problem p = {0};
    rc = users_set_password(req->db, id, pw, true, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    return http_no_content(resp);
}

enum fz_err users_api_unlock(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    rc = users_unlock(req->db, req->user, id);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "用户不存在" : NULL, NULL);
    http_audit(req, "user.unlock", "user", id, "解锁用户 #%lld", (long long)id);
    return http_no_content(resp);
}
