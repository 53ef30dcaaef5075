/* router.c - matches method + path against the route table (routes.c) and runs the checks
 * its row declares, once, for every route: session (401), forced password change (403),
 * permission (403), CSRF on state-changing methods (403), JSON body (400). A
 * state-changing route runs in one write transaction together with its audit entry: the
 * change and its record commit together or not at all (全过程记录). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/auth.h"
#include "http/http.h"
#include "http/server.h"
#include "modules/audit.h"
#include "util/str.h"

/* match: does path fit pattern? Fills params with pointers into scratch. */
static bool match(const char *pattern, const char *path, struct fz_req *req,
                  char *scratch, size_t scratch_len)
{
    int np = 0;
    size_t used = 0;
    const char *p = pattern, *u = path;
    while (*p && *u) {
        if (*p == ':') {
            while (*p && *p != '/')
                p++;
            const char *end = strchr(u, '/');
            size_t n = end ? (size_t)(end - u) : strlen(u);
            if (!n || np >= FZ_MAX_PARAMS || used + n + 1 > scratch_len)
                return false;
            memcpy(scratch + used, u, n);
            scratch[used + n] = '\0';
            req->params[np++] = scratch + used;
            used += n + 1;
            u += n;
            continue;
        }
        if (*p != *u)
            return false;
        p++;
        u++;
    }
    if (*p || *u)
        return false;
    req->nparams = np;
    return true;
}

static bool is_write(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* find: the route for req; *path_known tells 405 from 404 when none. */
static const struct route *find(struct fz_req *req, char *scratch, size_t n,
                                bool *path_known)
{
    *path_known = false;
    const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
    for (const struct route *r = fz_routes; r->method; r++) {
        if (!match(r->pattern, req->path, req, scratch, n))
            continue;
        *path_known = true;
        if (strcmp(r->method, method) == 0)
            return r;
    }
    return NULL;
}

static enum fz_err parse_body(struct fz_req *req, struct fz_resp *resp)
{
    if (!req->raw || !req->raw_len)
        return FZ_OK;
    json_error_t err;
    req->body = json_loadb(req->raw, req->raw_len, JSON_REJECT_DUPLICATES, &err);
    if (!req->body) {
        char msg[320];
        snprintf(msg, sizeof msg, "请求体不是有效的 JSON（第 %d 行第 %d 列）：%s",
                 err.line, err.column, err.text);
        return http_error_code(resp, FZ_EMALFORMED, "malformed_json", msg, "body");
    }
    if (!json_is_object(req->body))
        return http_error_code(resp, FZ_EMALFORMED, "malformed_json",
                               "请求体应为 JSON 对象", "body");
    return FZ_OK;
}

/* redact: a copy of the body with secrets replaced, for the audit detail */
static json_t *redact(json_t *body)
{
    json_t *o = json_deep_copy(body);
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        if (strstr(k, "password") || strstr(k, "token") || strstr(k, "secret"))
            json_object_set_new(o, k, json_string("***"));
    }
    return o;
}

static enum fz_err append_audit(struct fz_req *req, const struct route *r)
{
    struct fz_server *s = (struct fz_server *)req->srv;
    char action[160];
    if (!req->audit_action)
        snprintf(action, sizeof action, "%s %s", r->method, r->pattern);
    if (!req->audit_detail && req->body)
        req->audit_detail = redact(req->body);
    struct audit_entry e = {
        .user_id = req->user ? req->user->id : 0,
        .username = req->user ? req->user->username : "",
        .ip = req->ip,
        .method = req->method,
        .path = req->path,
        .action = req->audit_action ? req->audit_action : action,
        .entity_type = req->audit_entity ? req->audit_entity : "",
        .entity_id = req->audit_id,
        .summary = req->audit_summary,
        .detail = req->audit_detail,
    };
    return audit_append(req->db, &s->key, &e, NULL);
}

/* publish_head: after a commit, let the head file catch up (see audit.h) */
static void publish_head(struct fz_req *req)
{
    struct fz_server *s = (struct fz_server *)req->srv;
    pthread_mutex_lock(&s->head_mu);
    if (audit_publish_head(req->db, s->head_path))
        fprintf(stderr, "audit: cannot write %s\n", s->head_path);
    pthread_mutex_unlock(&s->head_mu);
}

/* run_write: handler + audit entry in one transaction */
static void run_write(const struct route *r, struct fz_req *req, struct fz_resp *resp)
{
    enum fz_err rc = db_begin(req->db);
    if (rc) {
        http_error(resp, rc == FZ_EBUSY ? FZ_EBUSY : FZ_EDB, NULL, NULL);
        return;
    }
    rc = r->fn(req, resp);
    bool ok = !rc && resp->status >= 200 && resp->status < 300;
    if (ok && !(r->flags & R_NO_AUDIT))
        rc = append_audit(req, r);
    if ((ok && !rc) || (r->flags & R_COMMIT_ERR)) {
        enum fz_err crc = db_commit(req->db);
        if (crc)
            rc = crc;
        if (ok && !rc && !(r->flags & R_NO_AUDIT))
            publish_head(req);
    } else {
        db_rollback(req->db);
    }
    if (ok && rc)      /* the change could not be made durable: it did not happen */
        http_error(resp, rc == FZ_EBUSY ? FZ_EBUSY : FZ_EDB, NULL, NULL);
}

void router_dispatch(struct fz_req *req, struct fz_resp *resp)
{
    char scratch[512];
    bool known = false;
    const struct route *r = find(req, scratch, sizeof scratch, &known);
    if (!r) {
        if (known)
            http_error(resp, FZ_EMETHOD, NULL, NULL);
        else
            http_error(resp, FZ_ENOTFOUND, "接口不存在", NULL);
        return;
    }
    if (auth_session_user(req, &req->user)) {
        http_error(resp, FZ_EDB, NULL, NULL);
        return;
    }
    if (!(r->flags & R_PUBLIC)) {
        if (!req->user) {
            http_error(resp, FZ_EUNAUTH, NULL, NULL);
            return;
        }
        if (req->user->must_change_password && !(r->flags & R_PWCHANGE)) {
            http_error_code(resp, FZ_EFORBIDDEN, "password_change_required",
                            "请先修改初始密码", NULL);
            return;
        }
        if (r->perm && !http_has_perm(req->user, r->perm)) {
            http_error(resp, FZ_EFORBIDDEN, NULL, NULL);
            return;
        }
    }
    bool write = is_write(req->method);
    if (write && !(r->flags & R_NO_CSRF) && (req->user || !(r->flags & R_PUBLIC)) &&
        !auth_csrf_ok(req)) {
        http_error_code(resp, FZ_EFORBIDDEN, "csrf_failed",
                        "缺少或错误的 X-CSRF-Token 请求头", NULL);
        return;
    }
    if (!(r->flags & R_RAW) && parse_body(req, resp))
        return;
    if (!write) {
        r->fn(req, resp);
        return;
    }
    run_write(r, req, resp);
}
