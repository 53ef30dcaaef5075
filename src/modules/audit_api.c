/* audit_api.c - HTTP handlers for the operation log (audit log) and the login log:
 * filtered, paginated lists, the signed tree head, inclusion and consistency proofs. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "http/server.h"
#include "modules/audit.h"
#include "util/str.h"
#include "util/timeutil.h"

/* date_filter: query arg name as a timestamp bound; a bare date in `to` means the whole
 * day. *out is NULL when absent. */
static enum fz_err date_filter(struct fz_req *req, struct fz_resp *resp, const char *name,
                               bool end, char out[FZ_TS_LEN], const char **ptr)
{
    const char *s = http_query(req, name);
    *ptr = NULL;
    if (!s)
        return FZ_OK;
    time_t t;
    if (time_parse(s, &t))
        return http_error(resp, FZ_EINVAL, "日期格式应为 YYYY-MM-DD 或 ISO 8601 时间", name);
    if (end && strlen(s) == 10)
        t += 86400 - 1;
    time_format(t, out);
    *ptr = out;
    return FZ_OK;
}

enum fz_err audit_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    char fbuf[FZ_TS_LEN], tbuf[FZ_TS_LEN];
    const char *from = NULL, *to = NULL;
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = date_filter(req, resp, "from", false, fbuf, &from);
    if (!rc)
        rc = date_filter(req, resp, "to", true, tbuf, &to);
    if (rc)
        return rc;
    const char *user = http_query(req, "username"), *et = http_query(req, "entity_type");
    const char *action = http_query(req, "action"), *eid = http_query(req, "entity_id");
    const char *where =
        " FROM audit_log WHERE (?1 IS NULL OR username = ?1)"
        " AND (?2 IS NULL OR entity_type = ?2)"
        " AND (?3 IS NULL OR substr(action, 1, length(?3)) = ?3)"
        " AND (?4 IS NULL OR ts >= ?4) AND (?5 IS NULL OR ts <= ?5)"
        " AND (?6 IS NULL OR entity_id = ?6)";
    char sql[1024];
    int64_t total = 0;
    snprintf(sql, sizeof sql, "SELECT count(*) %s", where);
    rc = db_query_int(req->db, &total, sql, "tttttt", user, et, action, from, to, eid);
    json_t *items = NULL;
    snprintf(sql, sizeof sql,
             "SELECT seq, ts, user_id, username, ip, method, path, action, entity_type,"
             " entity_id, summary, detail, leaf_hash %s ORDER BY seq DESC LIMIT ?7 OFFSET ?8",
             where);
    if (!rc)
        rc = db_query_json(req->db, &items, sql, "ttttttii", user, et, action, from, to, eid,
                           pg.size, pg.offset);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {    /* detail is stored as JSON text */
        json_t *d = json_loads(json_string_value(json_object_get(it, "detail")), 0, NULL);
        json_object_set_new(it, "detail", d ? d : json_object());
    }
    return http_list(resp, items, total, &pg);
}

enum fz_err audit_api_head(struct fz_req *req, struct fz_resp *resp)
{
    struct audit_head h;
    enum fz_err rc = audit_head(req->db, &h);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    char pk[2 * crypto_sign_PUBLICKEYBYTES + 1];
    crypto_hex(req->srv->key.pk, sizeof req->srv->key.pk, pk);
    return http_json(resp, 200, json_pack("{s:I, s:s, s:s, s:s, s:s}", "size",
                                          (json_int_t)h.size, "root", h.root, "signature",
                                          h.signature, "public_key", pk, "algorithm",
                                          "sha256-rfc9162+ed25519"));
}

enum fz_err audit_api_proof(struct fz_req *req, struct fz_resp *resp)
{
    int64_t seq = -1;
    if (req->nparams < 1 || str_to_i64(req->params[0], &seq) || seq < 0)
        return http_error(resp, FZ_ENOTFOUND, "日志条目不存在", NULL);
    json_t *out = NULL;
    enum fz_err rc = audit_proof(req->db, seq, &out);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "日志条目不存在" : NULL, NULL);
    return http_json(resp, 200, out);
}

enum fz_err audit_api_consistency(struct fz_req *req, struct fz_resp *resp)
{
    int64_t first = 0, second = 0;
    const char *a = http_query(req, "first"), *b = http_query(req, "second");
    if (!a || str_to_i64(a, &first) || first < 1)
        return http_error(resp, FZ_EINVAL, "first 应为正整数", "first");
    if (!b || str_to_i64(b, &second) || second < first)
        return http_error(resp, FZ_EINVAL, "second 应为不小于 first 的整数", "second");
    json_t *out = NULL;
    enum fz_err rc = audit_consistency(req->db, first, second, &out);
    if (rc == FZ_EINVAL)
        return http_error(resp, rc, "second 超过了当前日志大小", "second");
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, out);
}

enum fz_err audit_api_login_log(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    char fbuf[FZ_TS_LEN], tbuf[FZ_TS_LEN];
    const char *from = NULL, *to = NULL;
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = date_filter(req, resp, "from", false, fbuf, &from);
    if (!rc)
        rc = date_filter(req, resp, "to", true, tbuf, &to);
    if (rc)
        return rc;
    const char *user = http_query(req, "username"), *result = http_query(req, "result");
    const char *where =
        " FROM login_log WHERE (?1 IS NULL OR username = ?1) AND (?2 IS NULL OR result = ?2)"
        " AND (?3 IS NULL OR ts >= ?3) AND (?4 IS NULL OR ts <= ?4)";
    char sql[1024];
    int64_t total = 0;
    snprintf(sql, sizeof sql, "SELECT count(*) %s", where);
    rc = db_query_int(req->db, &total, sql, "tttt", user, result, from, to);
    json_t *items = NULL;
    snprintf(sql, sizeof sql,
             "SELECT id, ts, username, user_id, ip, user_agent, result, reason %s"
             " ORDER BY id DESC LIMIT ?5 OFFSET ?6", where);
    if (!rc)
        rc = db_query_json(req->db, &items, sql, "ttttii", user, result, from, to, pg.size,
                           pg.offset);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}
