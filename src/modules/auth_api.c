/* auth_api.c - HTTP handlers for login, logout, the current user and password changes.
 * POST /api/v1/auth/login is public and exempt from CSRF (there is no session yet); it
 * commits even when it fails, so the failure counter and the login log are kept. */
#include <string.h>
#include "db/db.h"
#include "http/auth.h"
#include "http/http.h"
#include "modules/users.h"

/* me_json: the current user as the UI needs it (new reference) */
static json_t *me_json(struct fz_req *req, const struct fz_user *u, const char *csrf)
{
    json_t *me = NULL;
    if (users_get(req->db, NULL, u->id, &me))
        return NULL;
    json_t *perms = json_array();
    for (size_t i = 0; i < u->nperms; i++)
        json_array_append_new(perms, json_string(u->perms[i]));
    json_object_set_new(me, "permissions", perms);
    static const char *const scopes[] = { "own", "dept", "all" };
    json_object_set_new(me, "data_scope", json_string(scopes[u->scope]));
    json_object_set_new(me, "csrf_token", json_string(csrf));
    return me;
}

enum fz_err auth_api_login(struct fz_req *req, struct fz_resp *resp)
{
    const char *username = NULL, *password = NULL;
    enum fz_err rc = http_body_str(req, resp, "username", true, 64, &username);
    if (!rc)
        rc = http_body_str(req, resp, "password", true, 256, &password);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = users_login(req->db, username, password, req->ip, req->user_agent, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    char csrf[65];
    rc = auth_session_create(req, resp, id, csrf);
    struct fz_user *u = NULL;
    if (!rc)
        rc = auth_user_load(req->db, id, &u);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    json_t *me = me_json(req, u, csrf);
    json_t *body = json_pack("{s:o, s:s, s:b}", "user", me ? me : json_null(), "csrf_token",
                             csrf, "must_change_password", u->must_change_password);
    req->audit_action = "auth.login";
    req->audit_entity = "user";
    snprintf(req->audit_id, sizeof req->audit_id, "%lld", (long long)id);
    snprintf(req->audit_summary, sizeof req->audit_summary, "%s 登录", u->username);
    req->audit_detail = json_pack("{s:s}", "username", u->username);
    /* the entry names the user who logged in */
    auth_user_free(req->user);
    req->user = u;
    return http_json(resp, 200, body);
}

enum fz_err auth_api_logout(struct fz_req *req, struct fz_resp *resp)
{
    users_log_event(req->db, req->user->username, req->user->id, req->ip, req->user_agent,
                    "logout", "");
    http_audit(req, "auth.logout", "user", req->user->id, "%s 退出登录",
               req->user->username);
    enum fz_err rc = auth_session_end(req, resp);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_no_content(resp);
}

enum fz_err auth_api_me(struct fz_req *req, struct fz_resp *resp)
{
    json_t *me = me_json(req, req->user, req->user->csrf);
    if (!me)
        return http_error(resp, FZ_ENOTFOUND, NULL, NULL);
    return http_json(resp, 200, me);
}

enum fz_err auth_api_password(struct fz_req *req, struct fz_resp *resp)
{
    const char *old_pw = NULL, *new_pw = NULL;
    enum fz_err rc = http_body_str(req, resp, "old_password", true, 256, &old_pw);
    if (!rc)
        rc = http_body_str(req, resp, "new_password", true, 256, &new_pw);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = users_change_password(req->db, req->user->id, old_pw, new_pw, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "user.password_change", "user", req->user->id, "%s 修改密码",
               req->user->username);
    return http_no_content(resp);
}
