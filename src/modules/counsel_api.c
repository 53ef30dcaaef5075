/* counsel_api.c - HTTP handlers of legal counsel: review requests (/api/v1/reviews) with
 * assignment, return for material, resubmission, opinion letters (also as DOCX) and the
 * figures; law firms, lawyers and engagements. The data scope is applied by counsel.c:
 * a counsel asking for another counsel's request gets 404. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "http/server.h"
#include "modules/api.h"
#include "modules/calendar.h"
#include "modules/counsel.h"
#include "util/str.h"

/* open_ctx: the module context; the calendar only when due dates are computed */
/* mkctx: the module context of a request: who, now, and the file store */
static struct dec_ctx mkctx(struct fz_req *req)
{
    return (struct dec_ctx){ .db = req->db, .actor = req->user, .now = time(NULL),
                             .files = req->srv ? req->srv->cfg->files : NULL };
}

static enum fz_err open_ctx(struct fz_req *req, struct fz_resp *resp, struct dec_ctx *c,
                            struct calendar **cal)
{
    *c = mkctx(req);
    *cal = NULL;
    if (calendar_load(req->db, cal))
        return http_error(resp, FZ_EDB, "工作日历加载失败", NULL);
    c->cal = *cal;
    return FZ_OK;
}

static json_t *audit_body(json_t *body)
{
    json_t *o = json_deep_copy(body);
    json_t *arr = json_object_get(o, "attachments");
    size_t i;
    json_t *d;
    json_array_foreach(arr, i, d) {
        json_object_del(d, "text");
        json_object_del(d, "content_base64");
    }
    return o;
}

static enum fz_err render(struct fz_req *req, struct fz_resp *resp, int64_t id, int status)
{
    struct dec_ctx c = mkctx(req);
    json_t *r = NULL;
    enum fz_err rc = counsel_request_get(&c, id, &r);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "审查申请不存在" : NULL, NULL);
    return http_json(resp, status, r);
}

static enum fz_err date_query(struct fz_req *req, struct fz_resp *resp, const char *name,
                              const char **out)
{
    int32_t d = 0;
    *out = http_query(req, name);
    if (*out && (strlen(*out) != 10 || calendar_day(*out, &d)))
        return http_error(resp, FZ_EINVAL, "日期应为 YYYY-MM-DD", name);
    return FZ_OK;
}

enum fz_err counsel_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct review_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = date_query(req, resp, "from", &f.from);
    if (!rc)
        rc = date_query(req, resp, "to", &f.to);
    if (!rc)
        rc = date_query(req, resp, "letter_from", &f.letter_from);
    if (!rc)
        rc = date_query(req, resp, "letter_to", &f.letter_to);
    const char *cid = http_query(req, "counsel_id"), *did = http_query(req, "decision_id");
    if (!rc && cid && str_to_i64(cid, &f.counsel_id))
        rc = http_error(resp, FZ_EINVAL, "counsel_id 应为整数", "counsel_id");
    if (!rc && did && str_to_i64(did, &f.decision_id))
        rc = http_error(resp, FZ_EINVAL, "decision_id 应为整数", "decision_id");
    if (rc)
        return rc;
    f.q = http_query(req, "q");
    f.kind = http_query(req, "kind");
    f.status = http_query(req, "status");
    f.mine = str_eq(http_query(req, "mine"), "1") || str_eq(http_query(req, "mine"), "true");
    f.overdue = str_eq(http_query(req, "overdue"), "1") ||
                str_eq(http_query(req, "overdue"), "true");
    f.limit = pg.size;
    f.offset = pg.offset;
    struct dec_ctx c = mkctx(req);
    json_t *items = NULL;
    int64_t total = 0;
    rc = counsel_request_list(&c, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err counsel_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : render(req, resp, id, 200);
}

enum fz_err counsel_api_create(struct fz_req *req, struct fz_resp *resp)
{
    struct review_input in = { .attachments = json_object_get(req->body, "attachments") };
    enum fz_err rc = http_body_str(req, resp, "title", true, 200, &in.title);
    if (!rc)
        rc = http_body_str(req, resp, "kind", true, 32, &in.kind);
    if (!rc)
        rc = http_body_str(req, resp, "material", false, 20000, &in.material);
    if (!rc)
        rc = http_body_str(req, resp, "submitted_on", false, 10, &in.submitted_on);
    if (!rc)
        rc = http_body_int(req, resp, "decision_id", false, &in.decision_id, NULL);
    if (!rc)
        rc = http_body_int(req, resp, "counsel_id", false, &in.counsel_id, NULL);
    struct calendar *cal = NULL;
    struct dec_ctx c;
    if (!rc)
        rc = open_ctx(req, resp, &c, &cal);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = counsel_request_create(&c, &in, &id, &p);
    calendar_free(cal);
    if (rc)
        return http_problem(resp, rc, &p);
    rc = render(req, resp, id, 201);
    if (!rc)
        http_audit(req, "review.create", "review_request", id, "提交合法性审查申请 %s：%s",
                   json_string_value(json_object_get(resp->json, "no")), in.title);
    req->audit_detail = audit_body(req->body);
    return rc;
}

/* review_write: the shared shape of assign / return / resubmit */
typedef enum fz_err (*review_fn)(const struct dec_ctx *c, int64_t id, json_t *body,
                                 struct fz_problem *p);

static enum fz_err review_write(struct fz_req *req, struct fz_resp *resp, review_fn fn,
                                const char *action, const char *what)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    struct calendar *cal = NULL;
    struct dec_ctx c;
    if (!rc)
        rc = open_ctx(req, resp, &c, &cal);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = fn(&c, id, req->body, &p);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "审查申请不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    rc = render(req, resp, id, 200);
    if (!rc)
        http_audit(req, action, "review_request", id, "审查申请 %s %s",
                   json_string_value(json_object_get(resp->json, "no")), what);
    req->audit_detail = audit_body(req->body);
    return rc;
}

enum fz_err counsel_api_assign(struct fz_req *req, struct fz_resp *resp)
{
    return review_write(req, resp, counsel_assign, "review.assign", "指派法律顾问");
}

enum fz_err counsel_api_return(struct fz_req *req, struct fz_resp *resp)
{
    return review_write(req, resp, counsel_return, "review.return", "退回补充材料");
}

enum fz_err counsel_api_resubmit(struct fz_req *req, struct fz_resp *resp)
{
    return review_write(req, resp, counsel_resubmit, "review.resubmit", "补充材料后重新提交");
}

enum fz_err counsel_api_opinion(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    struct calendar *cal = NULL;
    struct dec_ctx c;
    if (!rc)
        rc = open_ctx(req, resp, &c, &cal);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t letter = 0;
    char no[64] = "";
    rc = counsel_opinion(&c, id, req->body, &letter, no, &p);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "审查申请不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    rc = render(req, resp, id, 201);
    if (!rc)
        http_audit(req, "review.opinion", "review_request", id, "出具法律意见书 %s（审查申请 %s）",
                   no, json_string_value(json_object_get(resp->json, "no")));
    req->audit_detail = audit_body(req->body);
    return rc;
}

enum fz_err counsel_api_attachment(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, att = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_param_id(req, resp, 1, &att);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    char *data = NULL;
    size_t len = 0;
    json_t *meta = NULL;
    rc = counsel_attachment(&c, id, att, &data, &len, &meta);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "材料不存在" : NULL, NULL);
    char ascii[64];
    snprintf(ascii, sizeof ascii, "attachment-%lld", (long long)att);
    rc = http_download(resp, data, len, "application/octet-stream", ascii,
                   json_string_value(json_object_get(meta, "name")));
    if (!rc)
        rc = http_header(resp, "X-Content-SHA256",
                         json_string_value(json_object_get(meta, "sha256")));
    json_decref(meta);
    return rc;
}

enum fz_err counsel_api_letter(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    char *data = NULL, name[160], ascii[64];
    size_t len = 0;
    rc = counsel_letter_docx(&c, id, &data, &len, name);
    if (rc == FZ_ECONFLICT)
        return http_error_code(resp, rc, "no_letter", "尚未出具法律意见书", NULL);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "审查申请不存在" : NULL, NULL);
    snprintf(ascii, sizeof ascii, "opinion-letter-%lld.docx", (long long)id);
    return http_download(resp, data, len,
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     ascii, name);
}

enum fz_err counsel_api_stats(struct fz_req *req, struct fz_resp *resp)
{
    const char *from = NULL, *to = NULL;
    enum fz_err rc = date_query(req, resp, "from", &from);
    if (!rc)
        rc = date_query(req, resp, "to", &to);
    if (rc)
        return rc;
    if (!from)
        return http_error(resp, FZ_EINVAL, "请指定统计起始日期 from", "from");
    if (!to)
        return http_error(resp, FZ_EINVAL, "请指定统计截止日期 to", "to");
    if (strcmp(from, to) > 0)
        return http_error(resp, FZ_EINVAL, "截止日期不能早于起始日期", "to");
    struct dec_ctx c = mkctx(req);
    json_t *out = NULL;
    rc = counsel_stats(&c, from, to, &out);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, out);
}

/* ---- firms, lawyers, engagements ---- */

enum fz_err counsel_api_firms(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = counsel_firms(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

static enum fz_err firm_save(struct fz_req *req, struct fz_resp *resp, int64_t id)
{
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    int64_t out = 0;
    enum fz_err rc = counsel_firm_save(&c, id, req->body, &out, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "律师事务所不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, id ? "counsel.firm_update" : "counsel.firm_create", "law_firm", out,
               "%s律师事务所 #%lld", id ? "修改" : "登记", (long long)out);
    rc = counsel_api_firms(req, resp);
    if (!rc && !id)
        resp->status = 201;
    return rc;
}

enum fz_err counsel_api_firm_create(struct fz_req *req, struct fz_resp *resp)
{
    return firm_save(req, resp, 0);
}

enum fz_err counsel_api_firm_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : firm_save(req, resp, id);
}

enum fz_err counsel_api_lawyer_save(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    rc = counsel_lawyer_save(&c, id, req->body, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "律师事务所不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "counsel.lawyer_save", "law_firm", id, "律师事务所 #%lld 登记律师（用户 #%lld）",
               (long long)id, (long long)json_integer_value(json_object_get(req->body,
                                                                            "user_id")));
    return counsel_api_firms(req, resp);
}

enum fz_err counsel_api_lawyers(struct fz_req *req, struct fz_resp *resp)
{
    struct dec_ctx c = mkctx(req);
    json_t *items = NULL;
    enum fz_err rc = counsel_lawyers(&c, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

enum fz_err counsel_api_engagements(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = counsel_engagements(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

enum fz_err counsel_api_engagement_create(struct fz_req *req, struct fz_resp *resp)
{
    struct dec_ctx c = mkctx(req);
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = counsel_engagement_create(&c, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "counsel.engagement_create", "counsel_engagement", id,
               "登记法律顾问聘用 #%lld", (long long)id);
    rc = counsel_api_engagements(req, resp);
    if (!rc)
        resp->status = 201;
    return rc;
}
