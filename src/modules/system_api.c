/* system_api.c - health check and the OpenAPI 3.1 document, generated from the route
 * table (routes.c) so that every route is documented by construction. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"

#define FZ_VERSION "0.1.0"

enum fz_err system_api_health(struct fz_req *req, struct fz_resp *resp)
{
    int64_t one = 0;
    if (db_query_int(req->db, &one, "SELECT 1", ""))
        return http_error(resp, FZ_EDB, "数据库不可用", NULL);
    return http_json(resp, 200, json_pack("{s:s}", "status", "ok"));
}

/* oas_path: "/api/v1/users/:id" -> "/api/v1/users/{id}", params appended to arr */
static void oas_path(const char *pattern, char *out, size_t n, json_t *params)
{
    size_t o = 0;
    for (const char *p = pattern; *p && o + 2 < n;) {
        if (*p != ':') {
            out[o++] = *p++;
            continue;
        }
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p - 1) : strlen(p + 1);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, p + 1);
        o += (size_t)snprintf(out + o, n - o, "{%s}", name);
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name,
                                                "in", "path", "required", 1, "schema",
                                                "type", "string"));
        p += len + 1;
    }
    out[o < n ? o : n - 1] = '\0';
}

static json_t *error_response(const char *what)
{
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", what, "content",
                     "application/json", "schema", "$ref", "#/components/schemas/Error");
}

static void add_list_params(json_t *params)
{
    static const char *const q[][2] = {
        { "page", "页码，从 1 开始" }, { "page_size", "每页条数，1-200，默认 20" },
        { "sort", "排序字段，前加 - 表示倒序" },
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        json_array_append_new(params, json_pack("{s:s, s:s, s:s, s:{s:s}}", "name", q[i][0],
                                                "in", "query", "description", q[i][1],
                                                "schema", "type",
                                                i < 2 ? "integer" : "string"));
}

/* raw_body: the request body of a file import (R_RAW) or a multipart upload (R_UPLOAD) */
static json_t *raw_body(unsigned flags)
{
    if (flags & R_UPLOAD)
        return json_pack("{s:b, s:{s:{s:{s:s, s:[s], s:{s:{s:s, s:s}, s:{s:s}}}}}}",
                         "required", 1, "content", "multipart/form-data", "schema", "type",
                         "object", "required", "file", "properties", "file", "type", "string",
                         "format", "binary", "description", "type", "string");
    return json_pack("{s:b, s:{s:{s:{s:s}}, s:{s:{s:s, s:s}}}}", "required", 1, "content",
                     "text/csv", "schema", "type", "string",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "schema", "type", "string", "format", "binary");
}

static json_t *operation(const struct route *r, json_t *params)
{
    char opid[160];
    size_t o = 0;
    o += (size_t)snprintf(opid, sizeof opid, "%s", r->method);
    for (const char *p = r->pattern; *p && o + 1 < sizeof opid; p++)
        opid[o++] = (*p == '/' || *p == ':' || *p == '.' || *p == '-') ? '_' : *p;
    opid[o] = '\0';
    json_t *op = json_pack("{s:s, s:s, s:[s], s:o}", "operationId", opid, "summary",
                           r->summary, "tags", r->tag, "parameters", params);
    json_t *res = json_object();
    bool create = (r->flags & R_CREATES) != 0;
    json_object_set_new(res, create ? "201" : "200",
                        json_pack("{s:s, s:{s:{s:{}}}}", "description", "成功", "content",
                                  "application/json", "schema"));
    json_object_set_new(res, "204", json_pack("{s:s}", "description", "成功，无内容"));
    json_object_set_new(res, "400", error_response("请求格式错误"));
    if (!(r->flags & R_PUBLIC)) {
        json_object_set_new(res, "401", error_response("未登录或会话已过期"));
        json_object_set_new(res, "403", error_response("没有权限或 CSRF 令牌错误"));
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "cookieAuth"));
    } else {
        json_object_set_new(op, "security", json_array());
    }
    json_object_set_new(res, "404", error_response("记录不存在"));
    if (strcmp(r->method, "GET") != 0) {
        json_object_set_new(res, "409", error_response("状态或版本冲突"));
        json_object_set_new(res, "413", error_response("请求内容过大"));
        json_object_set_new(res, "422", error_response("字段值无效"));
    }
    json_object_set_new(op, "responses", res);
    json_t *schema = r->body_schema ? json_loads(r->body_schema, 0, NULL) : NULL;
    if (schema && json_object_get(schema, "content")) {
        /* a file or form body: the row names its media types itself */
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:O}", "required", 1, "content",
                                      json_object_get(schema, "content")));
        json_decref(schema);
    } else if (r->flags & (R_RAW | R_UPLOAD)) {
        json_decref(schema);
        json_object_set_new(op, "requestBody", raw_body(r->flags));
    } else if (schema) {
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content",
                                      "application/json", "schema", schema));
    }
    return op;
}

static json_t *components(void)
{
    return json_pack(
        "{s:{s:{s:s, s:[s], s:{s:{s:s, s:[s], s:{s:{s:s}, s:{s:s}, s:{s:[s,s]}}}}}},"
        " s:{s:{s:s, s:s, s:s, s:s}}}",
        "schemas", "Error", "type", "object", "required", "error", "properties", "error",
        "type", "object", "required", "code", "properties", "code", "type", "string",
        "message", "type", "string", "field", "type", "string", "null",
        "securitySchemes", "cookieAuth", "type", "apiKey", "in", "cookie", "name",
        "fazhi_session", "description",
        "登录后获得的会话 Cookie；修改数据的请求还须带 X-CSRF-Token 请求头");
}

enum fz_err system_api_openapi(struct fz_req *req, struct fz_resp *resp)
{
    (void)req;
    json_t *paths = json_object();
    for (const struct route *r = fz_routes; r->method; r++) {
        char path[256];
        json_t *params = json_array();
        oas_path(r->pattern, path, sizeof path, params);
        if (r->flags & R_PAGED)
            add_list_params(params);
        json_t *item = json_object_get(paths, path);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, path, item);
        }
        char m[16];
        size_t i = 0;
        for (; r->method[i] && i < sizeof m - 1; i++)
            m[i] = (char)(r->method[i] | 0x20);
        m[i] = '\0';
        json_object_set_new(item, m, operation(r, params));
    }
    json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:o}", "openapi",
                            "3.1.0", "info", "title", "fazhi 法治政府建设管理平台 API",
                            "version", FZ_VERSION, "description",
                            "错误统一为 {\"error\":{\"code\",\"message\",\"field\"}}；列表分页"
                            "返回 {items,total,page,page_size}；修改带 version，过期返回 409。",
                            "servers", "url", "/", "paths", paths, "components",
                            components());
    return http_json(resp, 200, doc);
}
