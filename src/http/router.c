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
#include "util/crypto.h"
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

/* redact_in: replace secrets at any depth (keys naming passwords, tokens, secrets) */
static void redact_in(json_t *v)
{
    const char *k;
    json_t *x;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, k, x) {
            if (strstr(k, "password") || strstr(k, "token") || strstr(k, "secret") ||
                strstr(k, "api_key"))
                json_object_set_new(v, k, json_string("***"));
            else
                redact_in(x);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x)
            redact_in(x);
    }
}

#define AUDIT_DETAIL_MAX 8192

/* redact: the body as the audit detail, secrets replaced; a body larger than
 * AUDIT_DETAIL_MAX is kept as its size and SHA-256 only, so the log stays small */
static json_t *redact(json_t *body)
{
    json_t *o = json_deep_copy(body);
    redact_in(o);
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    size_t n = text ? strlen(text) : 0;
    if (n > AUDIT_DETAIL_MAX) {
        uint8_t h[FZ_HASH_LEN];
        char hex[FZ_HEX_LEN];
        crypto_digest(FZ_SHA256, text, n, h);
        crypto_hex(h, sizeof h, hex);
        json_decref(o);
        o = json_pack("{s:b, s:I, s:s}", "truncated", 1, "bytes", (json_int_t)n,
                      "sha256", hex);
    }
    free(text);
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

static void write_locked(const struct route *r, struct fz_req *req, struct fz_resp *resp);

/* run_write: handler + audit entry in one transaction */
static void run_write(const struct route *r, struct fz_req *req, struct fz_resp *resp)
{
    struct fz_server *s = (struct fz_server *)req->srv;
    /* one writer at a time in this process: SQLite has one write lock anyway, and its
     * busy handler polls with sleeps, while a mutex hands the turn over at once */
    pthread_mutex_lock(&s->write_mu);
    write_locked(r, req, resp);
    pthread_mutex_unlock(&s->write_mu);
}

static void write_locked(const struct route *r, struct fz_req *req, struct fz_resp *resp)
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

/* method_not_allowed: 405 with the Allow header listing the path's methods (RFC 9110) */
static void method_not_allowed(struct fz_req *req, struct fz_resp *resp)
{
    char scratch[512], allow[128] = "";
    size_t o = 0;
    for (const struct route *r = fz_routes; r->method; r++) {
        struct fz_req tmp = { .method = req->method, .path = req->path };
        if (!match(r->pattern, req->path, &tmp, scratch, sizeof scratch) ||
            strstr(allow, r->method))
            continue;
        o += (size_t)snprintf(allow + o, sizeof allow - o, "%s%s", o ? ", " : "",
                              r->method);
        if (strcmp(r->method, "GET") == 0)
            o += (size_t)snprintf(allow + o, sizeof allow - o, ", HEAD");
        if (o >= sizeof allow)
            break;
    }
    http_error(resp, FZ_EMETHOD, "该接口不支持此请求方法", NULL);
    http_header(resp, "Allow", allow);
}

const struct route *router_lookup(const char *method, const char *path)
{
    char scratch[512];
    bool known = false;
    struct fz_req tmp = { .method = method, .path = path };
    return find(&tmp, scratch, sizeof scratch, &known);
}

/* check_access: session (401), forced password change, permission and CSRF (403) as the
 * route's row asks; false when resp holds the refusal. Loads req->user. */
static bool check_access(const struct route *r, struct fz_req *req, struct fz_resp *resp)
{
    if (!req->user && auth_session_user(req, &req->user)) {
        http_error(resp, FZ_EDB, NULL, NULL);
        return false;
    }
    if (!(r->flags & R_PUBLIC)) {
        if (!req->user) {
            http_error(resp, FZ_EUNAUTH, NULL, NULL);
            return false;
        }
        if (req->user->must_change_password && !(r->flags & R_PWCHANGE)) {
            http_error_code(resp, FZ_EFORBIDDEN, "password_change_required",
                            "请先修改初始密码", NULL);
            return false;
        }
        if (r->perm && !http_has_perm(req->user, r->perm)) {
            http_error(resp, FZ_EFORBIDDEN, NULL, NULL);
            return false;
        }
    }
    if (is_write(req->method) && !(r->flags & R_NO_CSRF) &&
        (req->user || !(r->flags & R_PUBLIC)) && !auth_csrf_ok(req)) {
        http_error_code(resp, FZ_EFORBIDDEN, "csrf_failed",
                        "缺少或错误的 X-CSRF-Token 请求头", NULL);
        return false;
    }
    return true;
}

bool router_precheck(const struct route *r, struct fz_req *req, struct fz_resp *resp)
{
    return check_access(r, req, resp);
}

void router_dispatch(struct fz_req *req, struct fz_resp *resp)
{
    char scratch[512];
    bool known = false;
    const struct route *r = find(req, scratch, sizeof scratch, &known);
    if (!r) {
        if (known)
            method_not_allowed(req, resp);
        else
            http_error(resp, FZ_ENOTFOUND, "接口不存在", NULL);
        return;
    }
    if (!check_access(r, req, resp))
        return;
    if (!(r->flags & (R_RAW | R_UPLOAD)) && parse_body(req, resp))
        return;
    if (!is_write(req->method)) {
        r->fn(req, resp);
        return;
    }
    run_write(r, req, resp);
}
