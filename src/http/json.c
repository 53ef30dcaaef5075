/* json.c - response writers and request-body readers shared by every handler.
 * http_error() is the only writer of error bodies; its status and code come from one
 * table indexed by enum fz_err, so a code means the same thing on every route. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "http/http.h"
#include "util/str.h"

static const struct {
    int status;
    const char *code;
    const char *message;        /* default Chinese message */
} errmap[FZ_ERR_COUNT] = {
    [FZ_OK] = { 200, "ok", "成功" },
    [FZ_EINVAL] = { 422, "invalid_field", "字段值无效" },
    [FZ_EMALFORMED] = { 400, "bad_request", "请求格式错误" },
    [FZ_EUNAUTH] = { 401, "unauthorized", "未登录或会话已过期" },
    [FZ_EFORBIDDEN] = { 403, "forbidden", "没有权限执行此操作" },
    [FZ_ENOTFOUND] = { 404, "not_found", "记录不存在" },
    [FZ_ECONFLICT] = { 409, "conflict", "与当前状态冲突" },
    [FZ_ETOOLARGE] = { 413, "too_large", "请求内容过大" },
    [FZ_EMETHOD] = { 405, "method_not_allowed", "不支持的请求方法" },
    [FZ_ELOCKED] = { 423, "account_locked", "账号已锁定" },
    [FZ_EDB] = { 500, "internal_error", "服务器内部错误" },
    [FZ_ENOMEM] = { 500, "internal_error", "服务器内部错误" },
    [FZ_EIO] = { 500, "internal_error", "服务器内部错误" },
    [FZ_EINTERNAL] = { 500, "internal_error", "服务器内部错误" },
    [FZ_EBUSY] = { 503, "busy", "服务器繁忙，请稍后重试" },
};

int http_status_of(enum fz_err err)
{
    if ((unsigned)err >= FZ_ERR_COUNT || !errmap[err].status)
        return 500;
    return errmap[err].status;
}

void http_resp_clear(struct fz_resp *resp)
{
    if (resp->has_fd)
        close(resp->fd);
    json_decref(resp->json);
    free(resp->body);
    for (int i = 0; i < resp->nheaders; i++) {
        free(resp->headers[i][0]);
        free(resp->headers[i][1]);
    }
    memset(resp, 0, sizeof *resp);
}

enum fz_err http_error_code(struct fz_resp *resp, enum fz_err err, const char *code,
                            const char *message, const char *field)
{
    if ((unsigned)err >= FZ_ERR_COUNT || err == FZ_OK)
        err = FZ_EINTERNAL;
    json_decref(resp->json);
    free(resp->body);
    resp->body = NULL;
    resp->status = errmap[err].status;
    resp->json = json_pack("{s:{s:s, s:s, s:o}}", "error", "code",
                           code ? code : errmap[err].code, "message",
                           message ? message : errmap[err].message, "field",
                           field ? json_string(field) : json_null());
    return err;
}

enum fz_err http_error(struct fz_resp *resp, enum fz_err err, const char *message,
                       const char *field)
{
    return http_error_code(resp, err, NULL, message, field);
}

enum fz_err http_json(struct fz_resp *resp, int status, json_t *body)
{
    if (!body)
        return http_error(resp, FZ_ENOMEM, NULL, NULL);
    json_decref(resp->json);
    resp->json = body;
    resp->status = status;
    return FZ_OK;
}

enum fz_err http_no_content(struct fz_resp *resp)
{
    resp->status = 204;
    return FZ_OK;
}

enum fz_err http_text(struct fz_resp *resp, int status, const char *ctype,
                      const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return http_error(resp, FZ_ENOMEM, NULL, NULL);
    memcpy(copy, text, len);
    copy[len] = '\0';
    free(resp->body);
    resp->body = copy;
    resp->len = len;
    resp->content_type = ctype;
    resp->status = status;
    return FZ_OK;
}

enum fz_err http_header(struct fz_resp *resp, const char *name, const char *value)
{
    if (resp->nheaders >= FZ_MAX_HEADERS)
        return FZ_EINTERNAL;
    char *n = strdup(name), *v = strdup(value);
    if (!n || !v) {
        free(n);
        free(v);
        return FZ_ENOMEM;
    }
    resp->headers[resp->nheaders][0] = n;
    resp->headers[resp->nheaders][1] = v;
    resp->nheaders++;
    return FZ_OK;
}

enum fz_err http_param_id(struct fz_req *req, struct fz_resp *resp, int i, int64_t *out)
{
    int64_t v = 0;
    if (i >= req->nparams || str_to_i64(req->params[i], &v) || v <= 0)
        return http_error(resp, FZ_ENOTFOUND, NULL, NULL);
    *out = v;
    return FZ_OK;
}

/* field_msg: "<field>: <what>" as the Chinese message of a field error */
static enum fz_err field_error(struct fz_resp *resp, const char *field, const char *what)
{
    char msg[256];
    snprintf(msg, sizeof msg, "字段 %s %s", field, what);
    return http_error(resp, FZ_EINVAL, msg, field);
}

static json_t *body_field(struct fz_req *req, const char *field)
{
    json_t *v = req->body ? json_object_get(req->body, field) : NULL;
    return json_is_null(v) ? NULL : v;
}

enum fz_err http_body_str(struct fz_req *req, struct fz_resp *resp, const char *field,
                          bool required, size_t max_chars, const char **out)
{
    json_t *v = body_field(req, field);
    *out = NULL;
    if (!v) {
        if (required)
            return field_error(resp, field, "不能为空");
        return FZ_OK;
    }
    if (!json_is_string(v))
        return field_error(resp, field, "应为字符串");
    const char *s = json_string_value(v);
    if (memchr(s, '\0', json_string_length(v)) != NULL &&
        strlen(s) != json_string_length(v))
        return field_error(resp, field, "含有非法字符");
    if (required && !*s)
        return field_error(resp, field, "不能为空");
    long n = str_utf8_len(s);
    if (n < 0)
        return field_error(resp, field, "不是有效的 UTF-8 文本");
    if (max_chars && (size_t)n > max_chars) {
        char what[64];
        snprintf(what, sizeof what, "不能超过 %zu 个字符", max_chars);
        return field_error(resp, field, what);
    }
    *out = s;
    return FZ_OK;
}

enum fz_err http_body_int(struct fz_req *req, struct fz_resp *resp, const char *field,
                          bool required, int64_t *out, bool *present)
{
    json_t *v = body_field(req, field);
    if (present)
        *present = v != NULL;
    if (!v) {
        if (required)
            return field_error(resp, field, "不能为空");
        return FZ_OK;
    }
    if (!json_is_integer(v))
        return field_error(resp, field, "应为整数");
    *out = json_integer_value(v);
    return FZ_OK;
}

enum fz_err http_body_bool(struct fz_req *req, struct fz_resp *resp, const char *field,
                           bool *out, bool *present)
{
    json_t *v = body_field(req, field);
    if (present)
        *present = v != NULL;
    if (!v)
        return FZ_OK;
    if (!json_is_boolean(v))
        return field_error(resp, field, "应为 true 或 false");
    *out = json_is_true(v);
    return FZ_OK;
}

enum fz_err http_body_version(struct fz_req *req, struct fz_resp *resp, int64_t *out)
{
    bool present = false;
    enum fz_err rc = http_body_int(req, resp, "version", true, out, &present);
    if (!rc && *out < 1)
        return field_error(resp, "version", "应为正整数");
    return rc;
}

static enum fz_err query_int(struct fz_req *req, struct fz_resp *resp, const char *name,
                             int64_t def, int64_t min, int64_t max, int64_t *out)
{
    const char *s = http_query(req, name);
    if (!s) {
        *out = def;
        return FZ_OK;
    }
    int64_t v = 0;
    if (str_to_i64(s, &v) || v < min || v > max) {
        char what[96];
        snprintf(what, sizeof what, "应为 %lld 到 %lld 之间的整数", (long long)min,
                 (long long)max);
        return field_error(resp, name, what);
    }
    *out = v;
    return FZ_OK;
}

enum fz_err http_page(struct fz_req *req, struct fz_resp *resp, struct fz_page *out)
{
    enum fz_err rc = query_int(req, resp, "page", 1, 1, 1000000000, &out->page);
    if (!rc)
        rc = query_int(req, resp, "page_size", 20, 1, 200, &out->size);
    if (!rc)
        out->offset = (out->page - 1) * out->size;
    return rc;
}

enum fz_err http_list(struct fz_resp *resp, json_t *items, int64_t total,
                      const struct fz_page *pg)
{
    return http_json(resp, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total",
                                          (json_int_t)total, "page", (json_int_t)pg->page,
                                          "page_size", (json_int_t)pg->size));
}

enum fz_err http_sort(struct fz_req *req, struct fz_resp *resp,
                      const struct fz_sort *table, const char **order)
{
    const char *s = http_query(req, "sort");
    *order = table[0].asc;
    if (!s)
        return FZ_OK;
    bool desc = *s == '-';
    if (desc || *s == '+')
        s++;
    for (const struct fz_sort *t = table; t->name; t++) {
        if (strcmp(t->name, s) == 0) {
            *order = desc ? t->desc : t->asc;
            return FZ_OK;
        }
    }
    return field_error(resp, "sort", "不是可排序的字段");
}

void http_audit(struct fz_req *req, const char *action, const char *entity, int64_t id,
                const char *fmt, ...)
{
    req->audit_action = action;
    req->audit_entity = entity;
    snprintf(req->audit_id, sizeof req->audit_id, "%lld", (long long)id);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(req->audit_summary, sizeof req->audit_summary, fmt, ap);
    va_end(ap);
}

enum fz_err http_problem(struct fz_resp *resp, enum fz_err err, const struct fz_problem *p)
{
    if (!p || !p->message[0])
        return http_error(resp, err, NULL, NULL);
    return http_error_code(resp, err, p->code, p->message, p->field);
}

enum fz_err http_disposition(struct fz_resp *resp, bool inline_, const char *ascii,
                             const char *utf8)
{
    static const char hex[] = "0123456789ABCDEF";
    char h[1200];
    size_t o = (size_t)snprintf(h, sizeof h, "%s; filename=\"%.200s\"; filename*=UTF-8''",
                                inline_ ? "inline" : "attachment", ascii);
    for (const unsigned char *s = (const unsigned char *)utf8; *s && o + 4 < sizeof h; s++) {
        bool plain = (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
                     (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' || *s == '_';
        if (plain) {
            h[o++] = (char)*s;
        } else {
            h[o++] = '%';
            h[o++] = hex[*s >> 4];
            h[o++] = hex[*s & 15];
        }
    }
    h[o] = '\0';
    return http_header(resp, "Content-Disposition", h);
}

enum fz_err http_download(struct fz_resp *resp, char *data, size_t len, const char *ctype,
                          const char *ascii, const char *utf8)
{
    http_resp_clear(resp);
    resp->body = data;
    resp->len = len;
    resp->status = 200;
    resp->content_type = ctype;
    return http_disposition(resp, false, ascii, utf8);
}
