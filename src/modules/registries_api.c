/* registries_api.c - HTTP handlers of issue 7's registers: /api/v1/enterprises (with
 * import, XLSX export and the credit page), /commitments, /briefings, /breaches,
 * /activities, the enterprise service registers (/service-requests, /service-visits,
 * /financing-contacts), the scanned letters (/commitments/:id/scan) and /registries/stats.
 * Parse -> validate -> call registries.c -> render; the module validates the records, so
 * a handler only reads the query and the version.
 * Every write names itself for the audit log; updates record the record before/after. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db/db.h"
#include "http/http.h"
#include "http/server.h"
#include "modules/api.h"
#include "modules/files.h"
#include "modules/registries.h"
#include "modules/uscc.h"
#include "util/str.h"
#include "util/table.h"
#include "util/timeutil.h"

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* ---- shared parsing ---- */

static enum fz_err query_date(struct fz_req *req, struct fz_resp *resp, const char *name,
                              char out[11], const char **val)
{
    const char *s = http_query(req, name);
    *val = NULL;
    if (!s)
        return FZ_OK;
    if (registries_date(s, false, out))
        return http_error(resp, FZ_EINVAL, "日期格式应为 YYYY-MM-DD", name);
    *val = out;
    return FZ_OK;
}

static enum fz_err query_id(struct fz_req *req, struct fz_resp *resp, const char *name,
                            int64_t *out)
{
    const char *s = http_query(req, name);
    if (s && (str_to_i64(s, out) || *out <= 0)) {
        char msg[64];
        snprintf(msg, sizeof msg, "字段 %s 应为正整数", name);
        return http_error(resp, FZ_EINVAL, msg, name);
    }
    return FZ_OK;
}

/* the storage of the dates a filter points into */
struct dates {
    char from[11], to[11];
};

/* read_filter: the common list filters of the query string into f */
static enum fz_err read_filter(struct fz_req *req, struct fz_resp *resp,
                               struct registries_filter *f, struct dates *d)
{
    f->q = http_query(req, "q");
    f->industry = http_query(req, "industry");
    f->status = http_query(req, "status");
    f->kind = http_query(req, "kind");
    f->group = http_query(req, "group");
    f->category = http_query(req, "category");
    f->source = http_query(req, "source");
    f->channel = http_query(req, "channel");
    f->outcome = http_query(req, "outcome");
    enum fz_err rc = query_date(req, resp, "from", d->from, &f->from);
    if (!rc)
        rc = query_date(req, resp, "to", d->to, &f->to);
    if (!rc)
        rc = query_id(req, resp, "enterprise_id", &f->enterprise_id);
    if (!rc)
        rc = query_id(req, resp, "dept_id", &f->dept_id);
    if (!rc)
        rc = query_id(req, resp, "visit_id", &f->visit_id);
    const char *year = http_query(req, "year");
    if (!rc && year && (str_to_i64(year, &f->year) || f->year < 1949 || f->year > 2099))
        rc = http_error(resp, FZ_EINVAL, "年份应为 1949 到 2099 之间的整数", "year");
    if (!rc && f->group && !str_eq(f->group, "pufa") && !str_eq(f->group, "anti_fraud") &&
        !str_eq(f->group, "study"))
        rc = http_error(resp, FZ_EINVAL, "group 应为 pufa、anti_fraud 或 study", "group");
    return rc;
}

/* read_list: page, sort (from table) and filters */
static enum fz_err read_list(struct fz_req *req, struct fz_resp *resp,
                             const struct fz_sort *sorts, struct fz_page *pg,
                             struct registries_filter *f, struct dates *d)
{
    enum fz_err rc = http_page(req, resp, pg);
    if (!rc)
        rc = http_sort(req, resp, sorts, &f->order);
    if (!rc)
        rc = read_filter(req, resp, f, d);
    f->limit = pg->size;
    f->offset = pg->offset;
    return rc;
}

static enum fz_err list_reply(struct fz_resp *resp, enum fz_err rc, json_t *items,
                              int64_t total, const struct fz_page *pg)
{
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, pg);
}

static enum fz_err get_reply(struct fz_resp *resp, enum fz_err rc, json_t *item,
                             int status)
{
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "记录不存在" : NULL, NULL);
    return http_json(resp, status, item);
}

/* xlsx_reply: the file as a download named name (UTF-8, RFC 5987 encoded) */
static enum fz_err xlsx_reply(struct fz_resp *resp, enum fz_err rc, char *data, size_t len,
                              const char *name)
{
    if (rc) {
        free(data);
        return http_error(resp, rc, NULL, NULL);
    }
    char day[FZ_TS_LEN], file[256];
    time_now(day);
    day[10] = '\0';
    snprintf(file, sizeof file, "%s_%s.xlsx", name, day);
    return http_download(resp, data, len, XLSX_MIME, "export.xlsx", file);
}

/* ---- enterprises ---- */

static const struct fz_sort enterprise_sorts[] = {
    { "id", "e.id ASC", "e.id DESC" },
    { "name", "e.name ASC, e.id ASC", "e.name DESC, e.id DESC" },
    { "uscc", "e.uscc ASC", "e.uscc DESC" },
    { "settled_on", "e.settled_on ASC, e.id ASC", "e.settled_on DESC, e.id DESC" },
    { "industry", "e.industry ASC, e.id ASC", "e.industry DESC, e.id DESC" },
    { "created_at", "e.created_at ASC, e.id ASC", "e.created_at DESC, e.id DESC" },
    { NULL, NULL, NULL },
};

enum fz_err registries_api_enterprises(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct registries_filter f = {0};
    struct dates d;
    enum fz_err rc = read_list(req, resp, enterprise_sorts, &pg, &f, &d);
    if (rc)
        return rc;
    json_t *items = NULL;
    int64_t total = 0;
    rc = registries_enterprises_list(req->db, &f, &items, &total);
    return list_reply(resp, rc, items, total, &pg);
}

/* with_warnings: an enterprise reply, with the GB 11714 org-code warning when due */
static json_t *with_warnings(json_t *e)
{
    struct uscc_result ur;
    char msg[160];
    if (!uscc_check(json_string_value(json_object_get(e, "uscc")), &ur) && !ur.org_ok)
        json_object_set_new(e, "warnings",
                            json_pack("[{s:s, s:s}]", "field", "uscc", "message",
                                      uscc_message(&ur, msg, sizeof msg)));
    return e;
}

enum fz_err registries_api_enterprise_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    json_t *e = NULL;
    rc = registries_enterprise_get(req->db, id, &e);
    return get_reply(resp, rc, rc ? NULL : with_warnings(e), 200);
}

enum fz_err registries_api_enterprise_create(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = registries_enterprise_create(req->db, req->user, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *e = NULL;
    rc = registries_enterprise_get(req->db, id, &e);
    if (!rc)
        http_audit(req, "enterprise.create", "enterprise", id, "登记企业 %s（%s）",
                   json_string_value(json_object_get(e, "name")),
                   json_string_value(json_object_get(e, "uscc")));
    return get_reply(resp, rc, rc ? NULL : with_warnings(e), 201);
}

/* the shape every update handler shares: id, version, before, update, after, audit */
typedef enum fz_err (*update_fn)(struct db *db, const struct fz_user *actor, int64_t id,
                                 int64_t version, json_t *in, struct fz_problem *p);
typedef enum fz_err (*getter_fn)(struct fz_req *req, int64_t id, json_t **out);

static enum fz_err update_reply(struct fz_req *req, struct fz_resp *resp, update_fn update,
                                getter_fn get, const char *action, const char *entity,
                                const char *what)
{
    int64_t id = 0, version = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (rc)
        return rc;
    json_t *before = NULL, *after = NULL;
    rc = get(req, id, &before);
    if (rc)
        return get_reply(resp, rc, NULL, 200);
    struct fz_problem p = {0};
    rc = update(req->db, req->user, id, version, req->body, &p);
    if (!rc)
        rc = get(req, id, &after);
    if (rc) {
        json_decref(before);
        return http_problem(resp, rc, &p);
    }
    http_audit(req, action, entity, id, "修改%s #%lld", what, (long long)id);
    req->audit_detail = json_pack("{s:o, s:O}", "before", before, "after", after);
    return http_json(resp, 200, after);
}

typedef enum fz_err (*scoped_list_fn)(struct db *db, const struct fz_user *actor,
                                      const struct registries_filter *f, json_t **items,
                                      int64_t *total);
typedef enum fz_err (*scoped_xlsx_fn)(struct db *db, const struct fz_user *actor,
                                      const struct registries_filter *f, char **data,
                                      size_t *len);
typedef enum fz_err (*create_fn)(struct db *db, const struct fz_user *actor, json_t *in,
                                 int64_t *id, struct fz_problem *p);
typedef enum fz_err (*scoped_get_fn)(struct db *db, const struct fz_user *actor,
                                     int64_t id, json_t **out);

typedef enum fz_err (*plain_list_fn)(struct db *db, const struct registries_filter *f,
                                     json_t **items, int64_t *total);

/* list_of: a register's page: filters and sort from the query (sorts[0].desc is the
 * default order), rows from plain (every reader sees all) or scoped (rows follow the
 * actor's data scope) */
static enum fz_err list_of(struct fz_req *req, struct fz_resp *resp,
                           const struct fz_sort *sorts, plain_list_fn plain,
                           scoped_list_fn scoped)
{
    struct fz_page pg;
    struct registries_filter f = {0};
    struct dates d;
    enum fz_err rc = read_list(req, resp, sorts, &pg, &f, &d);
    if (rc)
        return rc;
    if (!http_query(req, "sort"))
        f.order = sorts[0].desc;
    json_t *items = NULL;
    int64_t total = 0;
    rc = plain ? plain(req->db, &f, &items, &total)
               : scoped(req->db, req->user, &f, &items, &total);
    return list_reply(resp, rc, items, total, &pg);
}

static enum fz_err scoped_list(struct fz_req *req, struct fz_resp *resp,
                               const struct fz_sort *sorts, scoped_list_fn list)
{
    return list_of(req, resp, sorts, NULL, list);
}

static enum fz_err plain_list(struct fz_req *req, struct fz_resp *resp,
                              const struct fz_sort *sorts, plain_list_fn list)
{
    return list_of(req, resp, sorts, list, NULL);
}

static enum fz_err scoped_export(struct fz_req *req, struct fz_resp *resp,
                                 const struct fz_sort *sorts, scoped_xlsx_fn xlsx,
                                 const char *name)
{
    struct registries_filter f = {0};
    struct dates d;
    enum fz_err rc = read_filter(req, resp, &f, &d);
    if (rc)
        return rc;
    f.order = sorts[0].desc;
    char *data = NULL;
    size_t len = 0;
    rc = xlsx(req->db, req->user, &f, &data, &len);
    return xlsx_reply(resp, rc, data, len, name);
}

static enum fz_err scoped_get(struct fz_req *req, struct fz_resp *resp, scoped_get_fn get)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    json_t *x = NULL;
    rc = get(req->db, req->user, id, &x);
    return get_reply(resp, rc, x, 200);
}

/* scoped_create: create, read back, audit "<what>：<enterprise name>" */
static enum fz_err scoped_create(struct fz_req *req, struct fz_resp *resp,
                                 create_fn create, scoped_get_fn get, const char *action,
                                 const char *entity, const char *what)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = create(req->db, req->user, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *x = NULL;
    rc = get(req->db, NULL, id, &x);
    if (!rc)
        http_audit(req, action, entity, id, "登记%s：%s", what,
                   json_string_value(json_object_get(x, "enterprise_name")));
    return get_reply(resp, rc, x, 201);
}

/* record_get: GET …/:id through the register's getter */
static enum fz_err record_get(struct fz_req *req, struct fz_resp *resp, getter_fn get)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    json_t *x = NULL;
    rc = get(req, id, &x);
    return get_reply(resp, rc, x, 200);
}

/* record_create: create, read back, audit "登记<label or what>：<x[name]>" */
static enum fz_err record_create(struct fz_req *req, struct fz_resp *resp, create_fn create,
                                 getter_fn get, const char *action, const char *entity,
                                 const char *label, const char *what, const char *name)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = create(req->db, req->user, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *x = NULL;
    rc = get(req, id, &x);
    if (!rc)
        http_audit(req, action, entity, id, "登记%s：%s",
                   label ? json_string_value(json_object_get(x, label)) : what,
                   json_string_value(json_object_get(x, name)));
    return get_reply(resp, rc, x, 201);
}

static enum fz_err get_enterprise(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_enterprise_get(req->db, id, out);
}

enum fz_err registries_api_enterprise_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_enterprise_update, get_enterprise,
                        "enterprise.update", "enterprise", "企业");
}

enum fz_err registries_api_enterprise_credit(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    json_t *credit = NULL;
    rc = registries_enterprise_credit(req->db, id, &credit);
    return get_reply(resp, rc, credit, 200);
}

/* import_format: the table format the request says or shows; 400 when they disagree */
static enum fz_err import_format(struct fz_req *req, struct fz_resp *resp,
                                 enum table_format *fmt)
{
    const char *ct = http_request_header(req, "Content-Type");
    *fmt = table_sniff(req->raw, req->raw_len);
    if (ct && strncmp(ct, XLSX_MIME, strlen(XLSX_MIME)) == 0 && *fmt != TABLE_XLSX)
        return http_error(resp, FZ_EMALFORMED, "上传的文件不是有效的 XLSX 工作簿", "file");
    if (ct && (strncmp(ct, "application/json", 16) == 0 ||
               strncmp(ct, "multipart/", 10) == 0 ||
               strncmp(ct, "application/x-www-form-urlencoded", 33) == 0))
        return http_error(resp, FZ_EMALFORMED,
                          "请直接上传文件内容（Content-Type: text/csv 或 XLSX 类型）", "file");
    return FZ_OK;
}

enum fz_err registries_api_enterprises_import(struct fz_req *req, struct fz_resp *resp)
{
    if (!req->raw || !req->raw_len)
        return http_error(resp, FZ_EINVAL, "请上传 CSV 或 XLSX 文件", "file");
    enum table_format fmt;
    enum fz_err rc = import_format(req, resp, &fmt);
    if (rc)
        return rc;
    struct table *t = NULL;
    char why[256] = "";
    rc = table_read(req->raw, req->raw_len, fmt, &t, why, sizeof why);
    if (rc)
        return http_error(resp, rc, why[0] ? why : NULL, "file");
    struct fz_problem p = {0};
    json_t *report = NULL;
    rc = registries_enterprises_import(req->db, req->user, t, &report, &p);
    table_free(t);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "enterprise.import", "enterprise", 0,
               "导入企业名录：新增 %lld 家，更新 %lld 家，未变 %lld 家，拒绝 %zu 行",
               (long long)json_integer_value(json_object_get(report, "created")),
               (long long)json_integer_value(json_object_get(report, "updated")),
               (long long)json_integer_value(json_object_get(report, "unchanged")),
               json_array_size(json_object_get(report, "rejected")));
    req->audit_detail = json_deep_copy(report);
    return http_json(resp, 200, report);
}

enum fz_err registries_api_enterprises_export(struct fz_req *req, struct fz_resp *resp)
{
    struct registries_filter f = {0};
    struct dates d;
    enum fz_err rc = http_sort(req, resp, enterprise_sorts, &f.order);
    if (!rc)
        rc = read_filter(req, resp, &f, &d);
    if (rc)
        return rc;
    char *data = NULL;
    size_t len = 0;
    rc = registries_enterprises_xlsx(req->db, &f, &data, &len);
    return xlsx_reply(resp, rc, data, len, "企业名录");
}

/* ---- credit commitment letters ---- */

static const struct fz_sort commitment_sorts[] = {
    { "signed_on", "c.signed_on ASC, c.id ASC", "c.signed_on DESC, c.id DESC" },
    { "id", "c.id ASC", "c.id DESC" },
    { "enterprise_name", "e.name ASC, c.id ASC", "e.name DESC, c.id DESC" },
    { "valid_until", "c.valid_until ASC, c.id ASC", "c.valid_until DESC, c.id DESC" },
    { NULL, NULL, NULL },
};

enum fz_err registries_api_commitments(struct fz_req *req, struct fz_resp *resp)
{
    return plain_list(req, resp, commitment_sorts, registries_commitments_list);
}

static enum fz_err get_commitment(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_commitment_get(req->db, id, out);
}

enum fz_err registries_api_commitment_get(struct fz_req *req, struct fz_resp *resp)
{
    return record_get(req, resp, get_commitment);
}

enum fz_err registries_api_commitment_create(struct fz_req *req, struct fz_resp *resp)
{
    return record_create(req, resp, registries_commitment_create, get_commitment,
                         "commitment.create", "commitment", "kind_label", NULL,
                         "enterprise_name");
}

enum fz_err registries_api_commitment_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_commitment_update, get_commitment,
                        "commitment.update", "commitment", "信用承诺书");
}

enum fz_err registries_api_commitments_export(struct fz_req *req, struct fz_resp *resp)
{
    struct registries_filter f = {0};
    struct dates d;
    enum fz_err rc = read_filter(req, resp, &f, &d);
    if (rc)
        return rc;
    f.order = commitment_sorts[0].desc;
    char *data = NULL;
    size_t len = 0;
    rc = registries_commitments_xlsx(req->db, &f, &data, &len);
    return xlsx_reply(resp, rc, data, len, "信用承诺书");
}

/* ---- integrity briefings ---- */

static const struct fz_sort briefing_sorts[] = {
    { "held_on", "b.held_on ASC, b.id ASC", "b.held_on DESC, b.id DESC" },
    { "id", "b.id ASC", "b.id DESC" },
    { NULL, NULL, NULL },
};

enum fz_err registries_api_briefings(struct fz_req *req, struct fz_resp *resp)
{
    return plain_list(req, resp, briefing_sorts, registries_briefings_list);
}

static enum fz_err get_briefing(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_briefing_get(req->db, id, out);
}

enum fz_err registries_api_briefing_get(struct fz_req *req, struct fz_resp *resp)
{
    return record_get(req, resp, get_briefing);
}

enum fz_err registries_api_briefing_create(struct fz_req *req, struct fz_resp *resp)
{
    return record_create(req, resp, registries_briefing_create, get_briefing,
                         "briefing.create", "briefing", NULL, "诚信经营宣讲", "title");
}

enum fz_err registries_api_briefing_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_briefing_update, get_briefing,
                        "briefing.update", "briefing", "诚信经营宣讲");
}

/* ---- breaches ---- */

static const struct fz_sort breach_sorts[] = {
    { "found_on", "x.found_on ASC, x.id ASC", "x.found_on DESC, x.id DESC" },
    { "id", "x.id ASC", "x.id DESC" },
    { NULL, NULL, NULL },
};

enum fz_err registries_api_breaches(struct fz_req *req, struct fz_resp *resp)
{
    return plain_list(req, resp, breach_sorts, registries_breaches_list);
}

static enum fz_err get_breach(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_breach_get(req->db, id, out);
}

enum fz_err registries_api_breach_get(struct fz_req *req, struct fz_resp *resp)
{
    return record_get(req, resp, get_breach);
}

enum fz_err registries_api_breach_create(struct fz_req *req, struct fz_resp *resp)
{
    return record_create(req, resp, registries_breach_create, get_breach,
                         "breach.create", "breach", NULL, "违诺记录", "enterprise_name");
}

enum fz_err registries_api_breach_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_breach_update, get_breach, "breach.update",
                        "breach", "违诺记录");
}

/* ---- activities ---- */

static const struct fz_sort activity_sorts[] = {
    { "held_on", "a.held_on ASC, a.id ASC", "a.held_on DESC, a.id DESC" },
    { "id", "a.id ASC", "a.id DESC" },
    { "kind", "a.kind ASC, a.held_on DESC", "a.kind DESC, a.held_on DESC" },
    { "audience", "a.audience ASC, a.id ASC", "a.audience DESC, a.id DESC" },
    { NULL, NULL, NULL },
};

enum fz_err registries_api_activities(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_list(req, resp, activity_sorts, registries_activities_list);
}

enum fz_err registries_api_activity_kinds(struct fz_req *req, struct fz_resp *resp)
{
    (void)req;
    json_t *kinds = registries_activity_kinds();
    return http_json(resp, 200, json_pack("{s:o}", "items", kinds));
}

static enum fz_err get_activity(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_activity_get(req->db, req->user, id, out);
}

/* get_activity_any: the read-back of a record just created, whatever the scope */
static enum fz_err get_activity_any(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_activity_get(req->db, NULL, id, out);
}

enum fz_err registries_api_activity_get(struct fz_req *req, struct fz_resp *resp)
{
    return record_get(req, resp, get_activity);
}

enum fz_err registries_api_activity_create(struct fz_req *req, struct fz_resp *resp)
{
    return record_create(req, resp, registries_activity_create, get_activity_any,
                         "activity.create", "activity", "kind_label", NULL, "title");
}

enum fz_err registries_api_activity_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_activity_update, get_activity,
                        "activity.update", "activity", "活动记录");
}

enum fz_err registries_api_activities_export(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_export(req, resp, activity_sorts, registries_activities_xlsx, "普法与学习");
}

/* ---- statistics ---- */

enum fz_err registries_api_stats(struct fz_req *req, struct fz_resp *resp)
{
    char from[11], to[11];
    const char *f = NULL, *t = NULL;
    enum fz_err rc = query_date(req, resp, "from", from, &f);
    if (!rc)
        rc = query_date(req, resp, "to", to, &t);
    if (rc)
        return rc;
    char now[FZ_TS_LEN];
    time_now(now);
    if (!f)
        snprintf(from, sizeof from, "%.4s-01-01", now);
    if (!t)
        snprintf(to, sizeof to, "%.4s-12-31", now);
    if (strcmp(from, to) > 0)
        return http_error(resp, FZ_EINVAL, "结束日期不能早于开始日期", "to");
    json_t *stats = NULL;
    rc = registries_stats(req->db, req->user, from, to, &stats);
    return get_reply(resp, rc, stats, 200);
}

/* ---- enterprise service: requests, visits, 信易贷 contacts ---- */

static const struct fz_sort request_sorts[] = {
    { "received_on", "r.received_on ASC, r.id ASC", "r.received_on DESC, r.id DESC" },
    { "id", "r.id ASC", "r.id DESC" },
    { "resolved_on", "r.resolved_on ASC, r.id ASC", "r.resolved_on DESC, r.id DESC" },
    { "working_days", "r.working_days ASC, r.id ASC", "r.working_days DESC, r.id DESC" },
    { "enterprise_name", "e.name ASC, r.id ASC", "e.name DESC, r.id DESC" },
    { NULL, NULL, NULL },
};

static enum fz_err get_request(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_request_get(req->db, req->user, id, out);
}

enum fz_err registries_api_requests(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_list(req, resp, request_sorts, registries_requests_list);
}

enum fz_err registries_api_requests_export(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_export(req, resp, request_sorts, registries_requests_xlsx, "企业诉求");
}

enum fz_err registries_api_request_get(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_get(req, resp, registries_request_get);
}

enum fz_err registries_api_request_create(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_create(req, resp, registries_request_create, registries_request_get,
                         "service_request.create", "service_request", "企业诉求");
}

enum fz_err registries_api_request_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_request_update, get_request,
                        "service_request.update", "service_request", "企业诉求");
}

enum fz_err registries_api_service_codes(struct fz_req *req, struct fz_resp *resp)
{
    (void)req;
    return http_json(resp, 200, registries_service_codes());
}

static const struct fz_sort visit_sorts[] = {
    { "visited_on", "v.visited_on ASC, v.id ASC", "v.visited_on DESC, v.id DESC" },
    { "id", "v.id ASC", "v.id DESC" },
    { "enterprise_name", "e.name ASC, v.id ASC", "e.name DESC, v.id DESC" },
    { NULL, NULL, NULL },
};

static enum fz_err get_visit(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_visit_get(req->db, req->user, id, out);
}

enum fz_err registries_api_visits(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_list(req, resp, visit_sorts, registries_visits_list);
}

enum fz_err registries_api_visits_export(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_export(req, resp, visit_sorts, registries_visits_xlsx, "走访企业");
}

enum fz_err registries_api_visit_get(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_get(req, resp, registries_visit_get);
}

enum fz_err registries_api_visit_create(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_create(req, resp, registries_visit_create, registries_visit_get,
                         "service_visit.create", "service_visit", "走访企业");
}

enum fz_err registries_api_visit_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_visit_update, get_visit,
                        "service_visit.update", "service_visit", "走访记录");
}

static const struct fz_sort financing_sorts[] = {
    { "contacted_on", "f.contacted_on ASC, f.id ASC", "f.contacted_on DESC, f.id DESC" },
    { "id", "f.id ASC", "f.id DESC" },
    { "granted_amount", "f.granted_amount ASC, f.id ASC", "f.granted_amount DESC, f.id DESC" },
    { "enterprise_name", "e.name ASC, f.id ASC", "e.name DESC, f.id DESC" },
    { NULL, NULL, NULL },
};

static enum fz_err get_financing(struct fz_req *req, int64_t id, json_t **out)
{
    return registries_financing_get(req->db, req->user, id, out);
}

enum fz_err registries_api_financing(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_list(req, resp, financing_sorts, registries_financing_list);
}

enum fz_err registries_api_financing_export(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_export(req, resp, financing_sorts, registries_financing_xlsx,
                         "信易贷宣传对接");
}

enum fz_err registries_api_financing_get(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_get(req, resp, registries_financing_get);
}

enum fz_err registries_api_financing_create(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_create(req, resp, registries_financing_create, registries_financing_get,
                         "financing_contact.create", "financing_contact", "信易贷宣传对接");
}

enum fz_err registries_api_financing_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, registries_financing_update, get_financing,
                        "financing_contact.update", "financing_contact", "信易贷对接记录");
}

enum fz_err registries_api_enterprise_service(struct fz_req *req, struct fz_resp *resp)
{
    return scoped_get(req, resp, registries_enterprise_service);
}

/* ---- scanned commitment letters ---- */

/* POST /commitments/:id/scan: the streamed multipart upload (field file) becomes the
 * letter's scan; its SHA-256 and SM3 enter the audit log with this request's entry */
enum fz_err registries_api_scan_upload(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    if (!req->upload || !req->upload->has_file)
        return http_error(resp, FZ_EINVAL, "请选择承诺书扫描件（表单字段 file）", "file");
    struct fz_problem p = {0};
    json_t *scan = NULL;
    rc = registries_scan_add(req->db, req->user, id, req->upload, &scan, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "承诺书不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    if (files_adopt(req->srv->cfg->files, req->upload)) {
        json_decref(scan);
        return http_error(resp, FZ_EIO, "扫描件无法存储", "file");
    }
    req->audit_detail = json_pack("{s:I, s:O, s:O, s:O, s:O, s:O, s:O}", "commitment_id",
                                  (json_int_t)id, "scan_id", json_object_get(scan, "id"),
                                  "filename", json_object_get(scan, "filename"), "size",
                                  json_object_get(scan, "size"), "content_type",
                                  json_object_get(scan, "content_type"), "sha256",
                                  json_object_get(scan, "sha256"), "sm3",
                                  json_object_get(scan, "sm3"));
    req->audit_action = "commitment.scan";
    req->audit_entity = "commitment";
    snprintf(req->audit_id, sizeof req->audit_id, "%lld", (long long)id);
    snprintf(req->audit_summary, sizeof req->audit_summary,
             "上传承诺书扫描件 %.160s（SHA-256 %.16s…）", req->upload->filename,
             req->upload->sha256);
    return http_json(resp, 201, scan);
}

/* GET /commitments/:id/scan: the newest scan, shown inline (PDF or image) */
enum fz_err registries_api_scan_file(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    json_t *scan = NULL;
    if (!rc)
        rc = registries_scan_get(req->db, id, &scan);
    if (rc)
        return resp->status ? rc : http_error(resp, rc, "该承诺书没有扫描件", NULL);
    char path[1300];
    files_path(req->srv->cfg->files, json_string_value(json_object_get(scan, "sha256")),
               path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        json_decref(scan);
        return http_error(resp, FZ_ENOTFOUND, "扫描件文件缺失", NULL);
    }
    resp->has_fd = true;
    resp->fd = fd;
    resp->fd_size = (uint64_t)st.st_size;
    resp->status = 200;
    /* one of the types registries_scan_add accepts: a static string for the response */
    static const char *const types[] = { "application/pdf", "image/jpeg", "image/png",
                                         "image/tiff", "application/ofd", NULL };
    resp->content_type = "application/octet-stream";
    for (int i = 0; types[i]; i++)
        if (str_eq(types[i], json_string_value(json_object_get(scan, "content_type"))))
            resp->content_type = types[i];
    http_disposition(resp, true, "scan", json_string_value(json_object_get(scan, "filename")));
    http_header(resp, "X-Content-SHA256", json_string_value(json_object_get(scan, "sha256")));
    http_header(resp, "X-Content-SM3", json_string_value(json_object_get(scan, "sm3")));
    json_decref(scan);
    return FZ_OK;
}
