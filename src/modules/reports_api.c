/* reports_api.c - HTTP handlers of the annual rule-of-law report and of the figures the
 * leaders' dashboard draws (modules/reports.h): parse -> validate -> call -> render.
 * The dashboard and the report read the same figure table: GET /reports/figures for any
 * period, GET /reports/{year}/figures for a report year. Documents are served as files
 * (DOCX, PDF, Markdown as attachments; HTML inline for the preview) and a published
 * report from its frozen bytes. PDF without LibreOffice is 501 naming the program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "db/db.h"
#include "http/http.h"
#include "http/server.h"
#include "modules/api.h"
#include "modules/reports.h"
#include "util/str.h"

static struct report_ctx ctx_of(struct fz_req *req)
{
    return (struct report_ctx){ .db = req->db, .actor = req->user,
                                .files = req->srv ? req->srv->cfg->files : NULL };
}

/* year_param: path parameter 0 as a report year, 404 otherwise */
static enum fz_err year_param(struct fz_req *req, struct fz_resp *resp, int64_t *year)
{
    int64_t y = 0;
    if (req->nparams < 1 || str_to_i64(req->params[0], &y) || y < 2000 || y > 2099)
        return http_error(resp, FZ_ENOTFOUND, "没有该年度的报告", NULL);
    *year = y;
    return FZ_OK;
}

static enum fz_err not_found(struct fz_resp *resp, int64_t year)
{
    char msg[96];
    snprintf(msg, sizeof msg, "%lld 年度报告尚未创建", (long long)year);
    return http_error(resp, FZ_ENOTFOUND, msg, NULL);
}

enum fz_err reports_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct report_ctx c = ctx_of(req);
    json_t *items = NULL;
    enum fz_err rc = reports_list(&c, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o, s:I}", "items", items, "total",
                                          (json_int_t)json_array_size(items)));
}

enum fz_err reports_api_create(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0, id = 0;
    enum fz_err rc = http_body_int(req, resp, "year", true, &year, NULL);
    if (rc)
        return rc;
    struct report_ctx c = ctx_of(req);
    struct fz_problem p = {0};
    rc = reports_create(&c, year, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *r = NULL;
    rc = reports_get(&c, year, &r);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "report.create", "report", id, "创建 %lld 年度法治政府建设报告",
               (long long)year);
    return http_json(resp, 201, r);
}

/* period: from and to ('YYYY-MM-DD'), both required */
static enum fz_err period(struct fz_req *req, struct fz_resp *resp, const char **from,
                          const char **to)
{
    *from = http_query(req, "from");
    *to = http_query(req, "to");
    if (!*from)
        return http_error(resp, FZ_EINVAL, "请指定统计起始日期 from（YYYY-MM-DD）", "from");
    if (!*to)
        return http_error(resp, FZ_EINVAL, "请指定统计截止日期 to（YYYY-MM-DD）", "to");
    return FZ_OK;
}

enum fz_err reports_api_figures(struct fz_req *req, struct fz_resp *resp)
{
    const char *from = NULL, *to = NULL;
    enum fz_err rc = period(req, resp, &from, &to);
    if (rc)
        return rc;
    json_t *figs = NULL, *series = NULL;
    rc = reports_figures(req->db, from, to, 0, &figs);
    if (rc == FZ_EINVAL)
        return http_error(resp, rc, "日期应为 YYYY-MM-DD，且起始日期不晚于截止日期", "from");
    if (!rc)
        rc = reports_series(req->db, from, to, 0, &series);
    if (rc) {
        json_decref(figs);
        return http_error(resp, rc, NULL, NULL);
    }
    return http_json(resp, 200, json_pack("{s:s, s:s, s:o, s:o}", "from", from, "to", to,
                                          "figures", figs, "series", series));
}

enum fz_err reports_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    enum fz_err rc = year_param(req, resp, &year);
    if (rc)
        return rc;
    struct report_ctx c = ctx_of(req);
    json_t *r = NULL;
    rc = reports_get(&c, year, &r);
    if (rc == FZ_ENOTFOUND)
        return not_found(resp, year);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, r);
}

/* GET /reports/:year/figures: the report's figures now; a published report also gives
 * the snapshot taken when it was frozen */
enum fz_err reports_api_year_figures(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    enum fz_err rc = year_param(req, resp, &year);
    if (rc)
        return rc;
    json_t *row = NULL, *figs = NULL;
    rc = db_query_row(req->db, &row, "SELECT status, frozen_at, frozen_figures FROM reports"
                      " WHERE year = ?", "i", year);
    if (rc == FZ_ENOTFOUND)
        return not_found(resp, year);
    char from[16], to[16];
    snprintf(from, sizeof from, "%04lld-01-01", (long long)year);
    snprintf(to, sizeof to, "%04lld-12-31", (long long)year);
    if (!rc)
        rc = reports_figures(req->db, from, to, 0, &figs);
    if (rc) {
        json_decref(row);
        return http_error(resp, rc, NULL, NULL);
    }
    const char *snap = json_string_value(json_object_get(row, "frozen_figures"));
    json_t *frozen = snap ? json_loads(snap, 0, NULL) : NULL;
    json_t *out = json_pack("{s:I, s:s, s:s, s:O, s:o, s:O, s:o}", "year", (json_int_t)year,
                            "from", from, "to", to, "status", json_object_get(row, "status"),
                            "figures", figs, "frozen_at", json_object_get(row, "frozen_at"),
                            "frozen_figures", frozen ? frozen : json_null());
    json_decref(row);
    return http_json(resp, 200, out);
}

enum fz_err reports_api_section_put(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0, n = -1, version = 0;
    const char *body = NULL;
    enum fz_err rc = year_param(req, resp, &year);
    if (!rc && (str_to_i64(req->params[1], &n) || n < 0 || n > 5))
        return http_error(resp, FZ_ENOTFOUND, "部分编号应为 0（导语）至 5", NULL);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (!rc)
        rc = http_body_str(req, resp, "body", false, 50000, &body);
    if (rc)
        return rc;
    if (!body)                      /* "" clears a section; absent is a mistake */
        return http_error(resp, FZ_EINVAL, "字段 body 不能缺少（清空请传空字符串）", "body");
    struct report_ctx c = ctx_of(req);
    struct fz_problem p = {0};
    rc = reports_section_put(&c, year, n, body, version, &p);
    if (rc == FZ_ENOTFOUND)
        return not_found(resp, year);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *r = NULL;
    rc = reports_get(&c, year, &r);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "report.section", "report", json_integer_value(json_object_get(r, "id")),
               "修改 %lld 年度报告第 %lld 部分（%s）", (long long)year, (long long)n,
               reports_section_title((int)n));
    return http_json(resp, 200, r);
}

/* act_error: a failed action; a state conflict lists the allowed actions */
static enum fz_err act_error(struct fz_resp *resp, enum fz_err rc, const struct fz_problem *p,
                             json_t *allowed)
{
    http_problem(resp, rc, p);
    if (allowed)
        json_object_set_new(json_object_get(resp->json, "error"), "allowed_actions", allowed);
    return rc;
}

enum fz_err reports_api_action(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    const char *action = NULL;
    enum fz_err rc = year_param(req, resp, &year);
    if (!rc)
        rc = http_body_str(req, resp, "action", true, 32, &action);
    if (rc)
        return rc;
    struct report_ctx c = ctx_of(req);
    struct fz_problem p = {0};
    json_t *allowed = NULL, *detail = NULL;
    char summary[160] = "";
    rc = reports_act(&c, year, req->body, &allowed, &detail, summary, &p);
    if (rc == FZ_ENOTFOUND)
        return not_found(resp, year);
    if (rc)
        return act_error(resp, rc, &p, allowed);
    json_t *r = NULL;
    rc = reports_get(&c, year, &r);
    if (rc) {
        json_decref(detail);
        return http_error(resp, rc, NULL, NULL);
    }
    /* the audit action names the step, e.g. report.publish (a static string) */
    static const char *const audits[] = { "report.submit_review", "report.approve",
                                          "report.return", "report.confidentiality",
                                          "report.submit", "report.publish", NULL };
    const char *audit = "report.action";
    for (int i = 0; audits[i]; i++)
        if (str_eq(audits[i], json_string_value(json_object_get(detail, "audit_action"))))
            audit = audits[i];
    json_object_del(detail, "audit_action");
    json_t *b = req->body ? json_deep_copy(req->body) : json_object();
    json_object_update(b, detail);
    json_decref(detail);
    http_audit(req, audit, "report", json_integer_value(json_object_get(r, "id")), "%s",
               summary);
    json_decref(req->audit_detail);
    req->audit_detail = b;
    return http_json(resp, 200, r);
}

/* send: the document as the response body (takes data); HTML inline for the preview
 * unless ?download=1, everything else as an attachment named in UTF-8 (RFC 6266) */
static enum fz_err send(struct fz_req *req, struct fz_resp *resp, char *data, size_t len,
                        const char *ctype, const char *format, int64_t year,
                        const char *name, bool frozen)
{
    bool inline_html = str_eq(format, "html") && !str_eq(http_query(req, "download"), "1");
    char ascii[64];
    snprintf(ascii, sizeof ascii, "report-%lld.%s", (long long)year, format);
    http_resp_clear(resp);
    resp->body = data;
    resp->len = len;
    resp->status = 200;
    resp->content_type = ctype;
    enum fz_err rc = http_disposition(resp, inline_html, ascii, name);
    if (!rc)
        rc = http_header(resp, "X-Report-Frozen", frozen ? "true" : "false");
    if (!rc && str_eq(format, "html"))
        rc = http_header(resp, "Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'");
    return rc;
}

/* GET /reports/:year/document.{docx,html,md,pdf} */
enum fz_err reports_api_document(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    enum fz_err rc = year_param(req, resp, &year);
    if (rc)
        return rc;
    const char *dot = strrchr(req->path, '.');
    const char *format = dot ? dot + 1 : "";
    struct report_ctx c = ctx_of(req);
    struct fz_problem p = {0};
    char *data = NULL, name[192];
    size_t len = 0;
    const char *ctype = NULL;
    bool frozen = false;
    rc = reports_document(&c, year, format, &data, &len, &ctype, name, &frozen, &p);
    if (rc == FZ_ENOTFOUND)
        return not_found(resp, year);
    if (rc && str_eq(p.code, "pdf_unavailable")) {
        http_problem(resp, rc, &p);
        resp->status = 501;             /* Not Implemented: no converter on this server */
        return rc;
    }
    if (rc)
        return http_problem(resp, rc, &p);
    return send(req, resp, data, len, ctype, format, year, name, frozen);
}
