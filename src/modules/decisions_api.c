/* decisions_api.c - HTTP handlers of major decisions (/api/v1/decisions), the decision
 * catalogue (/api/v1/decision-catalogues, and its public view), collective decision
 * meetings (/api/v1/meetings, /api/v1/meeting-bodies) and major matters
 * (/api/v1/matters, /api/v1/matter-kinds). Parse -> validate -> call decisions.c ->
 * render; procedural rules answer 409 procedure_violation with allowed_actions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db/db.h"
#include "http/http.h"
#include "http/server.h"
#include "modules/api.h"
#include "modules/calendar.h"
#include "modules/counsel.h"
#include "modules/decisions.h"
#include "modules/files.h"
#include "util/str.h"
#include "util/timeutil.h"

/* mkctx: the module context of a request: who, now, and the file store for documents */
static struct dec_ctx mkctx(struct fz_req *req)
{
    return (struct dec_ctx){ .db = req->db, .actor = req->user, .now = time(NULL),
                             .files = req->srv ? req->srv->cfg->files : NULL };
}

/* ctx: the module context of a request; with_cal loads the working-day calendar
 * (released by done()) */
static enum fz_err ctx(struct fz_req *req, struct fz_resp *resp, bool with_cal,
                       struct dec_ctx *c, struct calendar **cal)
{
    *cal = NULL;
    *c = mkctx(req);
    if (with_cal && calendar_load(req->db, cal))
        return http_error(resp, FZ_EDB, "工作日历加载失败", NULL);
    c->cal = *cal;
    return FZ_OK;
}

/* conflict: a module error; a procedural conflict lists the allowed actions */
static enum fz_err conflict(struct fz_resp *resp, enum fz_err rc, struct fz_problem *p,
                            json_t *allowed)
{
    http_problem(resp, rc, p);
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

/* audit_body: the request body for the audit detail, with document contents replaced
 * by their size (the hashes are added by the module) */
static json_t *audit_body(json_t *body)
{
    json_t *o = json_deep_copy(body);
    static const char *const keys[] = { "documents", "attachments", NULL };
    for (int k = 0; keys[k]; k++) {
        json_t *arr = json_object_get(o, keys[k]);
        size_t i;
        json_t *d;
        json_array_foreach(arr, i, d) {
            const char *t = json_string_value(json_object_get(d, "text"));
            const char *b = json_string_value(json_object_get(d, "content_base64"));
            size_t n = t ? strlen(t) : b ? strlen(b) / 4 * 3 : 0;
            json_object_del(d, "text");            /* frees t and b */
            json_object_del(d, "content_base64");
            json_object_set_new(d, "bytes", json_integer((json_int_t)n));
        }
    }
    if (json_object_get(o, "text") || json_object_get(o, "content_base64")) {
        json_object_del(o, "text");
        json_object_del(o, "content_base64");
    }
    return o;
}

/* static_mime: the response type of a stored document (a static string) */
static const char *static_mime(const char *mime)
{
    static const char *const known[] = { "application/pdf", "image/png", "image/jpeg",
                                         "application/zip", NULL };
    if (mime && !strncmp(mime, "text/plain", 10))
        return "text/plain; charset=utf-8";
    for (int i = 0; mime && known[i]; i++)
        if (!strcmp(mime, known[i]))
            return known[i];
    return "application/octet-stream";
}

static enum fz_err query_year(struct fz_req *req, struct fz_resp *resp, int64_t *year)
{
    const char *y = http_query(req, "year");
    *year = 0;
    if (y && (str_to_i64(y, year) || *year < 2000 || *year > 2100))
        return http_error(resp, FZ_EINVAL, "year 应为年份", "year");
    return FZ_OK;
}

/* query_dates: the date filters of the list (YYYY-MM-DD each) and review_overdue */
static enum fz_err query_dates(struct fz_req *req, struct fz_resp *resp,
                               struct dec_filter *f)
{
    static const char *const keys[] = { "from", "to", "decided_from", "decided_to",
                                        "published_from", "published_to", NULL };
    const char **dst[] = { &f->from, &f->to, &f->decided_from, &f->decided_to,
                           &f->published_from, &f->published_to };
    for (int i = 0; keys[i]; i++) {
        const char *v = http_query(req, keys[i]);
        int32_t day = 0;
        if (v && (strlen(v) != 10 || calendar_day(v, &day)))
            return http_error(resp, FZ_EINVAL, "日期应为 YYYY-MM-DD 格式", keys[i]);
        *dst[i] = v;
    }
    const char *o = http_query(req, "review_overdue");
    f->review_overdue = o && (!strcmp(o, "1") || !strcmp(o, "true"));
    static __thread char today[11];
    time_t now = time(NULL);
    calendar_ymd((int32_t)((now + (time_t)time_offset() * 60) / 86400), today);
    f->today = today;
    return FZ_OK;
}

/* ==== decisions ==== */

enum fz_err decisions_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct dec_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = query_year(req, resp, &f.year);
    if (rc)
        return rc;
    f.q = http_query(req, "q");
    f.status = http_query(req, "status");
    f.org = http_query(req, "org");
    rc = query_dates(req, resp, &f);
    if (rc)
        return rc;
    f.limit = pg.size;
    f.offset = pg.offset;
    struct dec_ctx c = mkctx(req);
    json_t *items = NULL;
    int64_t total = 0;
    rc = dec_list(&c, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

static enum fz_err render_decision(struct fz_req *req, struct fz_resp *resp, int64_t id,
                                   int status)
{
    struct dec_ctx c = mkctx(req);
    json_t *d = NULL;
    enum fz_err rc = dec_get(&c, id, &d);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "决策不存在" : NULL, NULL);
    return http_json(resp, status, d);
}

enum fz_err decisions_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : render_decision(req, resp, id, 200);
}

enum fz_err decisions_api_create(struct fz_req *req, struct fz_resp *resp)
{
    struct dec_input in = {0};
    enum fz_err rc = http_body_str(req, resp, "title", true, 200, &in.title);
    if (!rc)
        rc = http_body_str(req, resp, "category", true, 32, &in.category);
    if (!rc)
        rc = http_body_str(req, resp, "org", false, 16, &in.org);
    if (!rc)
        rc = http_body_str(req, resp, "proposer", false, 200, &in.proposer);
    if (!rc)
        rc = http_body_str(req, resp, "description", false, 4000, &in.description);
    if (!rc)
        rc = http_body_str(req, resp, "initiated_on", false, 10, &in.initiated_on);
    if (!rc)
        rc = http_body_int(req, resp, "lead_dept_id", true, &in.lead_dept_id, NULL);
    if (!rc)
        rc = http_body_int(req, resp, "catalogue_item_id", false, &in.catalogue_item_id, NULL);
    json_t *party = json_object_get(req->body, "party_report_required");
    if (!rc && party && !json_is_boolean(party))
        rc = http_error(resp, FZ_EINVAL, "party_report_required 应为 true 或 false",
                        "party_report_required");
    if (rc)
        return rc;
    in.party_report_required = json_is_true(party);
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = dec_create(&c, &in, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    rc = render_decision(req, resp, id, 201);
    if (!rc)
        http_audit(req, "decision.create", "decision", id, "启动重大行政决策 %s：%s",
                   json_string_value(json_object_get(resp->json, "no")), in.title);
    req->audit_detail = audit_body(req->body);
    return rc;
}

/* review_for_counsel: submit_review with counsel_id first files a review request with
 * the decision's documents; the action then links it (new body in *out) */
static enum fz_err review_for_counsel(struct fz_req *req, struct fz_resp *resp,
                                      const struct dec_ctx *c, int64_t id, json_t **out)
{
    json_t *cid = json_object_get(req->body, "counsel_id");
    *out = json_incref(req->body);
    if (!json_is_string(json_object_get(req->body, "action")) ||
        strcmp(json_string_value(json_object_get(req->body, "action")), "submit_review") ||
        !json_is_integer(cid))
        return FZ_OK;
    json_t *d = NULL;
    enum fz_err rc = dec_get(c, id, &d);
    if (rc) {
        json_decref(*out);
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "决策不存在" : NULL, NULL);
    }
    char title[700];
    snprintf(title, sizeof title, "《%s》合法性审查",
             json_string_value(json_object_get(d, "title")));
    struct review_input in = {
        .title = title, .kind = "decision", .decision_id = id,
        .counsel_id = json_integer_value(cid),
        .material = json_string_value(json_object_get(req->body, "material")),
        .submitted_on = json_string_value(json_object_get(req->body, "date")),
        .attachments = json_object_get(req->body, "documents"),
    };
    struct fz_problem p = {0};
    int64_t rid = 0;
    rc = counsel_request_create(c, &in, &rid, &p);
    json_decref(d);
    if (rc) {
        json_decref(*out);
        return http_problem(resp, rc, &p);
    }
    json_decref(*out);
    *out = json_deep_copy(req->body);
    json_object_set_new(*out, "review_request_id", json_integer(rid));
    return FZ_OK;
}

enum fz_err decisions_api_action(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    const char *action = NULL;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_str(req, resp, "action", true, 32, &action);
    struct calendar *cal = NULL;
    struct dec_ctx c;
    if (!rc)
        rc = ctx(req, resp, true, &c, &cal);
    json_t *body = NULL;
    if (!rc)
        rc = review_for_counsel(req, resp, &c, id, &body);
    if (rc) {
        calendar_free(cal);
        return rc;
    }
    struct fz_problem p = {0};
    json_t *allowed = NULL, *audit = NULL;
    char summary[200] = "";
    rc = dec_act(&c, id, body, &allowed, summary, &audit, &p);
    calendar_free(cal);
    json_decref(body);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "决策不存在", NULL);
    if (rc) {
        json_decref(audit);
        return conflict(resp, rc, &p, allowed);
    }
    rc = render_decision(req, resp, id, 200);
    http_audit(req, !strcmp(action, "archive") ? "decision.archive" : "decision.action",
               "decision", id, "%s", summary);
    json_t *detail = audit_body(req->body);
    if (audit)
        json_object_update(detail, audit);
    json_decref(audit);
    req->audit_detail = detail;
    return rc;
}

enum fz_err decisions_api_attach(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    const char *step = NULL;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_str(req, resp, "step", true, 32, &step);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    int64_t doc = 0;
    rc = dec_attach(&c, id, step, req->body, &doc, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "决策不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *docs = NULL;
    rc = db_query_row(req->db, &docs, "SELECT id, step, name, mime, size, sha256, uploader,"
                      " uploaded_at FROM decision_documents WHERE id = ?", "i", doc);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "decision.attach", "decision", id, "决策 #%lld 上传材料 %s（SHA-256 %.16s…）",
               (long long)id, json_string_value(json_object_get(docs, "name")),
               json_string_value(json_object_get(docs, "sha256")));
    req->audit_detail = audit_body(req->body);
    json_object_set(req->audit_detail, "sha256", json_object_get(docs, "sha256"));
    return http_json(resp, 201, docs);
}

/* send_stored: stream a document of the file store (meta: name, sha256, sm3) */
static enum fz_err send_stored(struct fz_req *req, struct fz_resp *resp, json_t *meta,
                               const char *mime, const char *ascii)
{
    char path[1300];
    const char *sha = json_string_value(json_object_get(meta, "sha256"));
    files_path(req->srv->cfg->files, sha, path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return http_error(resp, FZ_ENOTFOUND, "材料文件在文件库中缺失", NULL);
    }
    resp->has_fd = true;
    resp->fd = fd;
    resp->fd_size = (uint64_t)st.st_size;
    resp->status = 200;
    resp->content_type = mime;
    http_disposition(resp, false, ascii, json_string_value(json_object_get(meta, "name")));
    http_header(resp, "X-Content-SHA256", sha);
    const char *sm3 = json_string_value(json_object_get(meta, "sm3"));
    if (sm3)
        http_header(resp, "X-Content-SM3", sm3);
    return FZ_OK;
}

/* POST /decisions/{id}/files: a document of a step as a streamed multipart upload
 * (fields step, name; file) into the file store - no JSON body limit */
enum fz_err decisions_api_upload(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    if (!req->upload || !req->upload->has_file)
        return http_error(resp, FZ_EINVAL, "请选择要上传的材料文件（表单字段 file）", "file");
    const char *step = json_string_value(json_object_get(req->upload->fields, "step"));
    if (!step || !*step)
        return http_error(resp, FZ_EINVAL, "请选择材料所属环节（表单字段 step）", "step");
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    json_t *row = NULL;
    rc = dec_attach_upload(&c, id, step, req->upload, &row, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "决策不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    if (files_adopt(req->srv->cfg->files, req->upload)) {
        json_decref(row);
        return http_error(resp, FZ_EIO, "材料文件无法存储", "file");
    }
    /* the hashes enter the Merkle audit log with this request's entry */
    http_audit(req, "decision.attach", "decision", id, "决策 #%lld 上传材料 %s（SHA-256 %.16s…）",
               (long long)id, json_string_value(json_object_get(row, "name")),
               req->upload->sha256);
    req->audit_detail = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "document_id",
                                  json_object_get(row, "id"), "step", json_object_get(row, "step"),
                                  "name", json_object_get(row, "name"), "size",
                                  json_object_get(row, "size"), "sha256",
                                  json_object_get(row, "sha256"), "sm3",
                                  json_object_get(row, "sm3"));
    return http_json(resp, 201, row);
}

enum fz_err decisions_api_document(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, doc = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_param_id(req, resp, 1, &doc);
    if (rc)
        return rc;
    char *data = NULL;
    size_t len = 0;
    json_t *meta = NULL;
    rc = dec_document(req->db, id, doc, &data, &len, &meta);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "材料不存在" : NULL, NULL);
    char ascii[64];
    snprintf(ascii, sizeof ascii, "document-%lld", (long long)doc);
    const char *mime = static_mime(json_string_value(json_object_get(meta, "mime")));
    if (!data) {
        rc = send_stored(req, resp, meta, mime, ascii);
        json_decref(meta);
        return rc;
    }
    rc = http_download(resp, data, len, mime, ascii,
                       json_string_value(json_object_get(meta, "name")));
    if (!rc)
        rc = http_header(resp, "X-Content-SHA256",
                         json_string_value(json_object_get(meta, "sha256")));
    json_decref(meta);
    return rc;
}

enum fz_err decisions_api_archive(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    char *data = NULL, name[128];
    size_t len = 0;
    struct fz_problem p = {0};
    rc = dec_archive_zip(req->db, req->srv ? req->srv->cfg->files : NULL, id, &data, &len,
                         name, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "决策不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    return http_download(resp, data, len, "application/zip", name, name);
}

/* ==== the catalogue ==== */

enum fz_err decisions_api_catalogues(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = dec_catalogues(req->db, http_has_perm(req->user, "decision:write"),
                                    &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

static enum fz_err render_catalogue(struct fz_req *req, struct fz_resp *resp, int64_t id,
                                    int status)
{
    json_t *c = NULL;
    enum fz_err rc = dec_catalogue_get(req->db, id, http_has_perm(req->user, "decision:write"),
                                       &c);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "决策事项目录不存在或尚未公布" : NULL,
                          NULL);
    return http_json(resp, status, c);
}

enum fz_err decisions_api_catalogue_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : render_catalogue(req, resp, id, 200);
}

enum fz_err decisions_api_catalogue_public(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    if (str_to_i64(req->params[0], &year) || year < 2000 || year > 2100)
        return http_error(resp, FZ_ENOTFOUND, "决策事项目录不存在", NULL);
    json_t *c = NULL;
    enum fz_err rc = dec_catalogue_year(req->db, year, &c);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "该年度的决策事项目录尚未公布" : NULL,
                          NULL);
    return http_json(resp, 200, c);
}

static enum fz_err catalogue_save(struct fz_req *req, struct fz_resp *resp, int64_t id)
{
    int64_t version = 0;
    if (id && http_body_version(req, resp, &version))
        return FZ_EINVAL;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    int64_t out = 0;
    enum fz_err rc = dec_catalogue_save(&c, id, version, req->body, &out, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "决策事项目录不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, id ? "decision.catalogue_update" : "decision.catalogue_create",
               "decision_catalogue", out, "%s决策事项目录 #%lld", id ? "修改" : "编制",
               (long long)out);
    return render_catalogue(req, resp, out, id ? 200 : 201);
}

enum fz_err decisions_api_catalogue_create(struct fz_req *req, struct fz_resp *resp)
{
    return catalogue_save(req, resp, 0);
}

enum fz_err decisions_api_catalogue_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : catalogue_save(req, resp, id);
}

enum fz_err decisions_api_catalogue_action(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    rc = dec_catalogue_advance(&c, id, req->body, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "决策事项目录不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "decision.catalogue_action", "decision_catalogue", id, "决策事项目录 #%lld：%s",
               (long long)id, json_string_value(json_object_get(req->body, "action")));
    return render_catalogue(req, resp, id, 200);
}

/* ==== meetings ==== */

enum fz_err decisions_api_bodies(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = mtg_bodies(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

enum fz_err decisions_api_body_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, version = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    rc = mtg_body_update(&c, id, req->body, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "会议类型不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "meeting.body_update", "meeting_body", id, "修改议事机构 #%lld 的成员与法定人数",
               (long long)id);
    return decisions_api_bodies(req, resp);
}

enum fz_err decisions_api_meetings(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct mtg_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = query_year(req, resp, &f.year);
    const char *b = http_query(req, "body_id");
    if (!rc && b && (str_to_i64(b, &f.body_id) || f.body_id <= 0))
        rc = http_error(resp, FZ_EINVAL, "body_id 应为正整数", "body_id");
    if (rc)
        return rc;
    f.q = http_query(req, "q");
    f.status = http_query(req, "status");
    f.limit = pg.size;
    f.offset = pg.offset;
    json_t *items = NULL;
    int64_t total = 0;
    rc = mtg_list(req->db, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

static enum fz_err render_meeting(struct fz_req *req, struct fz_resp *resp, int64_t id,
                                  int status)
{
    json_t *m = NULL;
    enum fz_err rc = mtg_get(req->db, id, &m);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "会议不存在" : NULL, NULL);
    return http_json(resp, status, m);
}

enum fz_err decisions_api_meeting_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : render_meeting(req, resp, id, 200);
}

enum fz_err decisions_api_meeting_create(struct fz_req *req, struct fz_resp *resp)
{
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = mtg_create(&c, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    rc = render_meeting(req, resp, id, 201);
    if (!rc)
        http_audit(req, "meeting.create", "meeting", id, "组织会议 %s：%s",
                   json_string_value(json_object_get(resp->json, "no")),
                   json_string_value(json_object_get(resp->json, "title")));
    return rc;
}

/* meeting_write: the shared shape of the meeting updates below */
typedef enum fz_err (*meeting_fn)(const struct dec_ctx *c, int64_t id, json_t *body,
                                  struct fz_problem *p);

static enum fz_err meeting_write(struct fz_req *req, struct fz_resp *resp, meeting_fn fn,
                                 const char *action, const char *what)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    rc = fn(&c, id, req->body, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "会议不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    rc = render_meeting(req, resp, id, 200);
    if (!rc)
        http_audit(req, action, "meeting", id, "%s %s", json_string_value(
                   json_object_get(resp->json, "no")), what);
    return rc;
}

enum fz_err decisions_api_meeting_update(struct fz_req *req, struct fz_resp *resp)
{
    return meeting_write(req, resp, mtg_update, "meeting.update", "修改会议信息或纪要");
}

enum fz_err decisions_api_meeting_attendance(struct fz_req *req, struct fz_resp *resp)
{
    return meeting_write(req, resp, mtg_attendance, "meeting.attendance", "登记出席情况");
}

enum fz_err decisions_api_meeting_close(struct fz_req *req, struct fz_resp *resp)
{
    return meeting_write(req, resp, mtg_close, "meeting.close", "结束会议，纪要定稿");
}

enum fz_err decisions_api_meeting_item(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, item = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    rc = mtg_add_item(&c, id, req->body, &item, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "会议不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "meeting.item_add", "meeting", id, "会议 #%lld 增加议题 #%lld", (long long)id,
               (long long)item);
    return render_meeting(req, resp, id, 201);
}

enum fz_err decisions_api_meeting_opinions(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, item = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_param_id(req, resp, 1, &item);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    rc = mtg_opinions(&c, id, item, req->body, &p);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "会议不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "meeting.opinions", "meeting", id, "会议 #%lld 议题 #%lld 登记与会人员意见",
               (long long)id, (long long)item);
    return render_meeting(req, resp, id, 200);
}

enum fz_err decisions_api_meeting_decide(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, item = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_param_id(req, resp, 1, &item);
    struct calendar *cal = NULL;
    struct dec_ctx c;
    if (!rc)
        rc = ctx(req, resp, true, &c, &cal);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    json_t *allowed = NULL;
    char summary[200] = "";
    rc = mtg_decide(&c, id, item, req->body, &allowed, summary, &p);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "会议不存在", NULL);
    if (rc)
        return conflict(resp, rc, &p, allowed);
    http_audit(req, "meeting.decide", "meeting", id, "%s", summary);
    return render_meeting(req, resp, id, 200);
}

enum fz_err decisions_api_minutes(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    char *data = NULL, name[160], ascii[64];
    size_t len = 0;
    rc = mtg_minutes_docx(req->db, id, &data, &len, name);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "会议不存在" : "会议纪要生成失败", NULL);
    snprintf(ascii, sizeof ascii, "minutes-%lld.docx", (long long)id);
    return http_download(resp, data, len,
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     ascii, name);
}

/* ==== major matters ==== */

enum fz_err decisions_api_matter_kinds(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = matter_kinds(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

enum fz_err decisions_api_matter_kind_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t version = 0;
    enum fz_err rc = http_body_version(req, resp, &version);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = matter_kind_update(req->db, req->params[0], req->body, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "事项类别不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "matter.kind_update", "major_matter_kind", 0, "修改重大事项类别 %s 的标准",
               req->params[0]);
    return decisions_api_matter_kinds(req, resp);
}

enum fz_err decisions_api_matters(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    enum fz_err rc = http_page(req, resp, &pg);
    if (rc)
        return rc;
    json_t *items = NULL;
    int64_t total = 0;
    rc = matter_list(req->db, http_query(req, "status"), pg.size, pg.offset, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

static enum fz_err render_matter(struct fz_req *req, struct fz_resp *resp, int64_t id,
                                 int status)
{
    json_t *m = NULL;
    enum fz_err rc = matter_get(req->db, id, &m);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "事项不存在" : NULL, NULL);
    return http_json(resp, status, m);
}

enum fz_err decisions_api_matter_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : render_matter(req, resp, id, 200);
}

enum fz_err decisions_api_matter_create(struct fz_req *req, struct fz_resp *resp)
{
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = matter_create(&c, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "matter.create", "major_matter", id, "登记事项：%s",
               json_string_value(json_object_get(req->body, "title")));
    return render_matter(req, resp, id, 201);
}

enum fz_err decisions_api_matter_decide(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    struct calendar *cal = NULL;
    struct dec_ctx c;
    if (!rc)
        rc = ctx(req, resp, true, &c, &cal);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    char summary[200] = "";
    rc = matter_decide(&c, id, req->body, summary, &p);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "事项不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "matter.decide", "major_matter", id, "%s", summary);
    return render_matter(req, resp, id, 200);
}
