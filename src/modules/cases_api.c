/* cases_api.c - HTTP handlers of administrative enforcement: officers, the powers list,
 * cases and their actions, on-site acts, evidence uploads (streamed, hashed with SHA-256
 * and SM3, stored content-addressed, entered into the audit log) and downloads, and the
 * public publication pages (no login): decisions, officers and the powers list. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "db/db.h"
#include "http/http.h"
#include "http/server.h"
#include "modules/calendar.h"
#include "modules/cases.h"
#include "modules/files.h"
#include "util/buf.h"
#include "util/str.h"

static enum fz_err reply_list(struct fz_resp *resp, enum fz_err rc, json_t *items)
{
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o, s:I}", "items", items, "total",
                                          (json_int_t)json_array_size(items)));
}

/* ---- officers ---- */

enum fz_err cases_api_officers(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = officers_list(req->db, req->user, http_query(req, "q"), &items);
    return reply_list(resp, rc, items);
}

enum fz_err cases_api_officer_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    json_t *o = NULL;
    if (!rc)
        rc = officer_get(req->db, id, &o);
    if (rc)
        return resp->status ? rc : http_error(resp, rc, "执法人员不存在", NULL);
    return http_json(resp, 200, o);
}

enum fz_err cases_api_officer_create(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = officer_create(req->db, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *o = NULL;
    rc = officer_get(req->db, id, &o);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "officer.create", "officer", id, "登记执法人员 %s（%s）",
               json_string_value(json_object_get(o, "name")),
               json_string_value(json_object_get(o, "cert_no")));
    return http_json(resp, 201, o);
}

enum fz_err cases_api_officer_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = officer_update(req->db, id, req->body, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *o = NULL;
    rc = officer_get(req->db, id, &o);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "officer.update", "officer", id, "修改执法人员 %s 的证件信息",
               json_string_value(json_object_get(o, "name")));
    return http_json(resp, 200, o);
}

/* ---- powers ---- */

enum fz_err cases_api_powers(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = powers_list(req->db, &items);
    return reply_list(resp, rc, items);
}

enum fz_err cases_api_power_create(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = power_create(req->db, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "power.create", "power", id, "新增权责事项 %s",
               json_string_value(json_object_get(req->body, "name")));
    json_t *items = NULL;
    rc = powers_list(req->db, &items);
    return reply_list(resp, rc, items);
}

/* ---- cases ---- */

enum fz_err cases_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    enum fz_err rc = http_page(req, resp, &pg);
    if (rc)
        return rc;
    struct case_filter f = { .q = http_query(req, "q"), .stage = http_query(req, "stage"),
                             .kind = http_query(req, "kind"), .flag = http_query(req, "flag"),
                             .limit = pg.size, .offset = pg.offset };
    const char *dept = http_query(req, "dept_id");
    if (dept && (str_to_i64(dept, &f.dept_id) || f.dept_id <= 0))
        return http_error(resp, FZ_EINVAL, "字段 dept_id 应为正整数", "dept_id");
    json_t *items = NULL;
    int64_t total = 0;
    rc = cases_list(req->db, req->user, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err cases_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    json_t *c = NULL;
    if (!rc)
        rc = case_get(req->db, req->user, id, &c);
    if (rc)
        return resp->status ? rc : http_error(resp, rc, "案件不存在", NULL);
    return http_json(resp, 200, c);
}

enum fz_err cases_api_create(struct fz_req *req, struct fz_resp *resp)
{
    struct calendar *cal = NULL;
    enum fz_err rc = calendar_load(req->db, &cal);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    struct fz_problem p = {0};
    int64_t id = 0;
    json_t *warnings = NULL;
    rc = case_create(req->db, cal, req->user, req->body, time(NULL), &id, &warnings, &p);
    calendar_free(cal);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *c = NULL;
    rc = case_get(req->db, req->user, id, &c);
    if (rc) {
        json_decref(warnings);
        return http_error(resp, rc, NULL, NULL);
    }
    json_object_set_new(c, "warnings", warnings);
    http_audit(req, "case.create", "case", id, "登记案件 %s：%s",
               json_string_value(json_object_get(c, "no")),
               json_string_value(json_object_get(c, "title")));
    return http_json(resp, 201, c);
}

enum fz_err cases_api_action(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    const char *action = NULL;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_str(req, resp, "action", true, 32, &action);
    if (rc)
        return rc;
    struct calendar *cal = NULL;
    rc = calendar_load(req->db, &cal);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    struct fz_problem p = {0};
    json_t *allowed = NULL;
    char summary[160] = "";
    rc = case_act(req->db, cal, req->user, id, req->body, time(NULL), &allowed, summary, &p);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND) {
        json_decref(allowed);
        return http_error(resp, rc, "案件不存在", NULL);
    }
    if (rc) {
        http_problem(resp, rc, &p);
        if (allowed) {
            json_t *names = json_array();
            size_t i;
            json_t *a;
            json_array_foreach(allowed, i, a)
                json_array_append(names, json_object_get(a, "action"));
            json_object_set_new(json_object_get(resp->json, "error"), "allowed_actions", names);
            json_decref(allowed);
        }
        return rc;
    }
    json_t *c = NULL;
    rc = case_get(req->db, req->user, id, &c);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "case.action", "case", id, "%s", summary);
    return http_json(resp, 200, c);
}

enum fz_err cases_api_add_act(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, act = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = case_add_act(req->db, req->user, id, req->body, time(NULL), &act, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "案件不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *c = NULL;
    rc = case_get(req->db, req->user, id, &c);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "case.act", "case", id, "案件 %s 记录现场执法活动 #%lld",
               json_string_value(json_object_get(c, "no")), (long long)act);
    return http_json(resp, 201, c);
}

enum fz_err cases_api_add_evidence(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    if (!req->upload || !req->upload->has_file)
        return http_error(resp, FZ_EINVAL, "请选择要上传的证据文件（表单字段 file）", "file");
    /* check first, then move the file in: a refused upload leaves nothing in the store */
    json_t *c = NULL;
    rc = case_get(req->db, req->user, id, &c);
    json_decref(c);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "案件不存在" : NULL, NULL);
    struct fz_problem p = {0};
    json_t *ev = NULL;
    rc = case_add_evidence(req->db, req->user, id, req->upload, 0, &ev, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    if (files_adopt(req->srv->cfg->files, req->upload)) {
        json_decref(ev);
        return http_error(resp, FZ_EIO, "证据文件无法存储", "file");
    }
    /* the hashes enter the Merkle audit log with this request's entry */
    req->audit_detail = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "evidence_id",
                                  json_object_get(ev, "id"), "filename",
                                  json_object_get(ev, "filename"), "size",
                                  json_object_get(ev, "size"), "sha256",
                                  json_object_get(ev, "sha256"), "sm3",
                                  json_object_get(ev, "sm3"), "record",
                                  json_object_get(ev, "record"));
    req->audit_action = "case.evidence";
    req->audit_entity = "case";
    snprintf(req->audit_id, sizeof req->audit_id, "%lld", (long long)id);
    snprintf(req->audit_summary, sizeof req->audit_summary, "上传证据 %.180s（SHA-256 %.16s…）",
             req->upload->filename, req->upload->sha256);
    return http_json(resp, 201, ev);
}

enum fz_err cases_api_evidence_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    json_t *ev = NULL;
    if (!rc)
        rc = evidence_get(req->db, req->user, id, &ev);
    if (rc)
        return resp->status ? rc : http_error(resp, rc, "证据不存在", NULL);
    return http_json(resp, 200, ev);
}

enum fz_err cases_api_evidence_file(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    json_t *ev = NULL;
    if (!rc)
        rc = evidence_get(req->db, req->user, id, &ev);
    if (rc)
        return resp->status ? rc : http_error(resp, rc, "证据不存在", NULL);
    char path[1300];
    files_path(req->srv->cfg->files, json_string_value(json_object_get(ev, "sha256")), path,
               sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        json_decref(ev);
        return http_error(resp, FZ_ENOTFOUND, "证据文件缺失", NULL);
    }
    resp->has_fd = true;
    resp->fd = fd;
    resp->fd_size = (uint64_t)st.st_size;
    resp->status = 200;
    resp->content_type = "application/octet-stream";
    http_disposition(resp, false, "evidence", json_string_value(json_object_get(ev, "filename")));
    http_header(resp, "X-Content-SHA256", json_string_value(json_object_get(ev, "sha256")));
    http_header(resp, "X-Content-SM3", json_string_value(json_object_get(ev, "sm3")));
    json_decref(ev);
    return FZ_OK;
}

/* ---- publication (no login) ---- */

enum fz_err cases_api_public_json(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = cases_published(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:s, s:o}", "title", "行政处罚决定公示",
                                          "items", items));
}

/* html: s with &<>"' escaped into b */
static void html(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_append(b, s, 1);
        }
    }
}

enum fz_err cases_api_public_html(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = cases_published(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    struct buf b;
    buf_init(&b, 0);
    buf_puts(&b, "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                 "<title>行政处罚决定公示</title><style>body{font-family:'Noto Sans CJK SC',"
                 "sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}"
                 "td,th{border:1px solid #ccc;padding:6px 8px;text-align:left;vertical-align:top}"
                 "th{background:#f3f5f8}</style></head><body><h1>行政处罚决定公示</h1>"
                 "<p>依据《中华人民共和国行政处罚法》第四十八条和国办发〔2018〕118号公开。"
                 "自然人当事人姓名已作脱敏处理。<a href=\"/public/decisions.json\">JSON</a></p>"
                 "<table><thead><tr><th>决定书文号</th><th>执法机关</th><th>当事人</th>"
                 "<th>案由</th><th>处罚内容</th><th>决定日期</th><th>公示日期</th></tr>"
                 "</thead><tbody>");
    size_t i;
    json_t *c;
    json_array_foreach(items, i, c) {
        char fine[64] = "";
        double f = json_number_value(json_object_get(c, "fine_amount"));
        if (f > 0)
            snprintf(fine, sizeof fine, "罚款 %.2f 元", f);
        const char *cols[] = { "decision_no", "agency", "party_name", "title", NULL,
                               "decided_at", "published_at" };
        buf_puts(&b, "<tr>");
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            buf_puts(&b, "<td>");
            if (cols[k])
                html(&b, json_string_value(json_object_get(c, cols[k])));
            else
                html(&b, fine[0] ? fine : "警告或其他");
            buf_puts(&b, "</td>");
        }
        buf_puts(&b, "</tr>");
    }
    if (!json_array_size(items))
        buf_puts(&b, "<tr><td colspan=\"7\">暂无公示信息</td></tr>");
    buf_puts(&b, "</tbody></table></body></html>");
    json_decref(items);
    char *text = buf_take(&b);
    rc = http_text(resp, 200, "text/html; charset=utf-8", text, strlen(text));
    free(text);
    return rc;
}

enum fz_err cases_api_public_officers(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = db_query_json(req->db, &items,
        "SELECT o.name, d.name AS dept_name, o.cert_no, o.cert_kind, o.valid_until"
        " FROM officers o JOIN departments d ON d.id = o.dept_id WHERE o.status = 'valid'"
        " ORDER BY d.id, o.name", "");
    return reply_list(resp, rc, items);
}

/* ---- documents ---- */

static const char DOCX_TYPE[] =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

enum fz_err cases_api_document(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    char *data = NULL, name[128];
    size_t len = 0;
    struct fz_problem p = {0};
    rc = case_document(req->db, req->user, id, req->params[1], &data, &len, name, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "案件不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    resp->body = data;
    resp->len = len;
    resp->status = 200;
    resp->content_type = DOCX_TYPE;
    http_disposition(resp, false, "document.docx", name);
    return FZ_OK;
}

/* POST: render the document and file it as evidence of the case, so the full-process
 * record holds the exact bytes handed out, with their hashes in the audit log */
enum fz_err cases_api_document_file(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    char *data = NULL, name[128];
    size_t len = 0;
    struct fz_problem p = {0};
    rc = case_document(req->db, req->user, id, req->params[1], &data, &len, name, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "案件不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    struct fz_upload up = { .has_file = true, .size = len };
    rc = files_put(req->srv->cfg->files, data, len, up.sha256, up.sm3);
    free(data);
    if (rc)
        return http_error(resp, rc, "文书无法存储", NULL);
    str_copy(up.filename, sizeof up.filename, name);
    str_copy(up.content_type, sizeof up.content_type, DOCX_TYPE);
    up.fields = json_pack("{s:s, s:s, s:s}", "record", req->params[1], "kind", "document",
                          "description", "系统生成的执法文书");
    json_t *ev = NULL;
    rc = case_add_evidence(req->db, req->user, id, &up, 0, &ev, &p);
    json_decref(up.fields);
    if (rc)
        return http_problem(resp, rc, &p);
    req->audit_detail = json_pack("{s:O, s:s, s:s, s:s}", "evidence_id",
                                  json_object_get(ev, "id"), "document", name, "sha256",
                                  up.sha256, "sm3", up.sm3);
    req->audit_action = "case.document";
    req->audit_entity = "case";
    snprintf(req->audit_id, sizeof req->audit_id, "%lld", (long long)id);
    snprintf(req->audit_summary, sizeof req->audit_summary, "制作并归档文书 %.200s", name);
    return http_json(resp, 201, ev);
}

/* before-the-fact publicity (事前公开, 118号 T-01): the powers list, its legal bases and
 * the departments holding them, without login */
enum fz_err cases_api_public_powers(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = db_query_json(req->db, &items,
        "SELECT p.code, p.kind, p.name, d.name AS dept_name, p.basis, p.article"
        " FROM powers p JOIN departments d ON d.id = p.dept_id WHERE p.status = 'active'"
        " ORDER BY d.id, p.code", "");
    return reply_list(resp, rc, items);
}
