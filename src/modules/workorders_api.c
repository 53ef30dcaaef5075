/* workorders_api.c - HTTP handlers of /api/v1/workorders: list with filters, create,
 * detail with timeline, the lifecycle actions, bulk dispatch, the figures, categories and
 * deadline rules. The calendar is loaded per request (a few hundred rows). */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/workorders.h"
#include "util/str.h"
#include "util/table.h"
#include "util/timeutil.h"
#include "util/xlsx.h"

static const struct fz_sort wo_sorts[] = {
    { "received_at", "w.received_at ASC, w.id ASC", "w.received_at DESC, w.id DESC" },
    { "reply_due", "w.reply_due ASC, w.id", "w.reply_due DESC, w.id DESC" },
    { "no", "w.no ASC", "w.no DESC" },
    { "updated_at", "w.updated_at ASC", "w.updated_at DESC" },
    { "id", "w.id ASC", "w.id DESC" },
    { NULL, NULL, NULL },
};

/* wo_order: the sort asked for, newest first by default */
static enum fz_err wo_order(struct fz_req *req, struct fz_resp *resp, const char **order)
{
    *order = "w.received_at DESC, w.id DESC";
    if (!http_query(req, "sort"))
        return FZ_OK;
    return http_sort(req, resp, wo_sorts, order);
}

static enum fz_err load_cal(struct fz_req *req, struct fz_resp *resp, struct calendar **cal)
{
    enum fz_err rc = calendar_load(req->db, cal);
    if (rc)
        return http_error(resp, rc, "工作日历加载失败", NULL);
    return FZ_OK;
}

/* bound: a from/to query argument as an ISO timestamp; a bare date in `to` covers the
 * whole day */
static enum fz_err bound(struct fz_req *req, struct fz_resp *resp, const char *name,
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

enum fz_err workorders_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct wo_filter f = {0};
    char fb[FZ_TS_LEN], tb[FZ_TS_LEN];
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = wo_order(req, resp, &f.order);
    if (!rc)
        rc = bound(req, resp, "from", false, fb, &f.from);
    if (!rc)
        rc = bound(req, resp, "to", true, tb, &f.to);
    if (rc)
        return rc;
    f.q = http_query(req, "q");
    f.status = http_query(req, "status");
    f.category = http_query(req, "category");
    f.channel = http_query(req, "channel");
    f.urgency = http_query(req, "urgency");
    f.flag = http_query(req, "flag");
    f.include_merged = str_eq(http_query(req, "include_merged"), "true") ||
                       str_eq(http_query(req, "include_merged"), "1");
    const char *dept = http_query(req, "dept_id");
    if (dept && (str_to_i64(dept, &f.dept_id) || f.dept_id <= 0))
        return http_error(resp, FZ_EINVAL, "字段 dept_id 应为正整数", "dept_id");
    if (f.status && !str_eq(f.status, "open") && !wo_is_status(f.status))
        return http_error(resp, FZ_EINVAL, "未知的工单状态", "status");
    static const char *const flags[] = { "overdue", "near_due", "supervised", "paused",
                                         "duplicate", "late", NULL };
    bool ok = !f.flag;
    for (int i = 0; !ok && flags[i]; i++)
        ok = str_eq(flags[i], f.flag);
    if (!ok)
        return http_error(resp, FZ_EINVAL,
                          "flag 应为 overdue、near_due、supervised、paused、duplicate 或 late",
                          "flag");
    f.limit = pg.size;
    f.offset = pg.offset;
    json_t *items = NULL;
    int64_t total = 0;
    rc = wo_list(req->db, req->user, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err workorders_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    json_t *w = NULL;
    rc = wo_get(req->db, req->user, id, &w);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "工单不存在" : NULL, NULL);
    return http_json(resp, 200, w);
}

/* read_order: the body of a create */
static enum fz_err read_order(struct fz_req *req, struct fz_resp *resp, struct wo_input *in)
{
    enum fz_err rc = http_body_str(req, resp, "channel", true, 16, &in->channel);
    if (!rc)
        rc = http_body_str(req, resp, "category", true, 32, &in->category);
    if (!rc)
        rc = http_body_str(req, resp, "urgency", false, 16, &in->urgency);
    if (!rc)
        rc = http_body_str(req, resp, "subject", true, 200, &in->subject);
    if (!rc)
        rc = http_body_str(req, resp, "content", false, 4000, &in->content);
    if (!rc)
        rc = http_body_str(req, resp, "platform_no", false, 64, &in->platform_no);
    if (!rc)
        rc = http_body_str(req, resp, "citizen_name", false, 64, &in->citizen_name);
    if (!rc)
        rc = http_body_str(req, resp, "citizen_phone", false, 32, &in->citizen_phone);
    if (!rc)
        rc = http_body_str(req, resp, "citizen_email", false, 128, &in->citizen_email);
    if (!rc)
        rc = http_body_str(req, resp, "address", false, 200, &in->address);
    if (!rc)
        rc = http_body_str(req, resp, "enterprise_uscc", false, 18, &in->enterprise_uscc);
    if (!rc)
        rc = http_body_str(req, resp, "received_at", false, 40, &in->received_at);
    if (!rc)
        rc = http_body_int(req, resp, "dept_id", false, &in->dept_id, NULL);
    if (rc)
        return rc;
    json_t *lat = json_object_get(req->body, "lat"), *lng = json_object_get(req->body, "lng");
    if ((lat && !json_is_null(lat)) || (lng && !json_is_null(lng))) {
        if (!json_is_number(lat))
            return http_error(resp, FZ_EINVAL, "纬度 lat 应为数字（须与 lng 同时提供）", "lat");
        if (!json_is_number(lng))
            return http_error(resp, FZ_EINVAL, "经度 lng 应为数字（须与 lat 同时提供）", "lng");
        in->lat = json_number_value(lat);
        in->lng = json_number_value(lng);
        in->has_location = true;
    }
    return FZ_OK;
}

/* dispatch_now: a create with dept_id is dispatched in the same transaction */
static enum fz_err dispatch_now(struct fz_req *req, const struct calendar *cal, int64_t id,
                                int64_t dept, struct fz_problem *p)
{
    json_t *body = json_pack("{s:s, s:I}", "action", "dispatch", "dept_id", (json_int_t)dept);
    char summary[160];
    enum fz_err rc = wo_act(req->db, cal, req->user, id, body, NULL, summary, p);
    json_decref(body);
    return rc;
}

enum fz_err workorders_api_create(struct fz_req *req, struct fz_resp *resp)
{
    struct wo_input in = {0};
    enum fz_err rc = read_order(req, resp, &in);
    if (rc)
        return rc;
    struct calendar *cal = NULL;
    rc = load_cal(req, resp, &cal);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = wo_create(req->db, cal, req->user, &in, &id, &p);
    if (!rc && in.dept_id > 0)
        rc = dispatch_now(req, cal, id, in.dept_id, &p);
    calendar_free(cal);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *w = NULL;
    rc = wo_get(req->db, req->user, id, &w);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "workorder.create", "workorder", id, "登记工单 %s：%s",
               json_string_value(json_object_get(w, "no")), in.subject);
    return http_json(resp, 201, w);
}

/* act_error: a failed action; a state conflict lists the allowed actions */
static enum fz_err act_error(struct fz_resp *resp, enum fz_err rc, struct fz_problem *p,
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

enum fz_err workorders_api_action(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    const char *action = NULL;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_str(req, resp, "action", true, 32, &action);
    if (rc)
        return rc;
    struct calendar *cal = NULL;
    rc = load_cal(req, resp, &cal);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    json_t *allowed = NULL;
    char summary[160] = "";
    rc = wo_act(req->db, cal, req->user, id, req->body, &allowed, summary, &p);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "工单不存在", NULL);
    if (rc)
        return act_error(resp, rc, &p, allowed);
    json_t *w = NULL;
    rc = wo_get(req->db, req->user, id, &w);
    if (rc == FZ_ENOTFOUND)      /* e.g. returned out of the actor's department */
        w = json_pack("{s:I, s:b}", "id", (json_int_t)id, "visible", 0);
    else if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, "workorder.action", "workorder", id, "%s", summary);
    return http_json(resp, 200, w);
}

enum fz_err workorders_api_bulk_dispatch(struct fz_req *req, struct fz_resp *resp)
{
    json_t *ids = json_object_get(req->body, "ids");
    int64_t dept = 0;
    enum fz_err rc = http_body_int(req, resp, "dept_id", true, &dept, NULL);
    if (rc)
        return rc;
    if (!json_is_array(ids) || !json_array_size(ids) || json_array_size(ids) > 200)
        return http_error(resp, FZ_EINVAL, "ids 应为 1-200 个工单编号的数组", "ids");
    struct calendar *cal = NULL;
    rc = load_cal(req, resp, &cal);
    if (rc)
        return rc;
    size_t i;
    json_t *v;
    json_t *done = json_array();
    json_array_foreach(ids, i, v) {
        struct fz_problem p = {0};
        char summary[160];
        if (!json_is_integer(v)) {
            rc = http_error(resp, FZ_EINVAL, "ids 中的每一项都应为整数", "ids");
            break;
        }
        json_t *body = json_pack("{s:s, s:I}", "action", "dispatch", "dept_id",
                                 (json_int_t)dept);
        rc = wo_act(req->db, cal, req->user, json_integer_value(v), body, NULL, summary, &p);
        json_decref(body);
        if (rc) {   /* all or nothing: the router rolls the transaction back */
            char msg[300];
            snprintf(msg, sizeof msg, "工单 #%lld：%s", (long long)json_integer_value(v),
                     p.message[0] ? p.message : "无法派单");
            http_error_code(resp, rc, p.code, msg, "ids");
            break;
        }
        json_array_append(done, v);
    }
    calendar_free(cal);
    if (rc) {
        json_decref(done);
        return rc;
    }
    req->audit_action = "workorder.bulk_dispatch";
    req->audit_entity = "workorder";
    snprintf(req->audit_summary, sizeof req->audit_summary, "批量派单 %zu 件到部门 #%lld",
             json_array_size(done), (long long)dept);
    return http_json(resp, 200, json_pack("{s:o, s:I}", "dispatched", done, "dept_id",
                                          (json_int_t)dept));
}

enum fz_err workorders_api_stats(struct fz_req *req, struct fz_resp *resp)
{
    char fb[FZ_TS_LEN], tb[FZ_TS_LEN];
    const char *from = NULL, *to = NULL;
    enum fz_err rc = bound(req, resp, "from", false, fb, &from);
    if (!rc)
        rc = bound(req, resp, "to", true, tb, &to);
    if (rc)
        return rc;
    if (!from)
        return http_error(resp, FZ_EINVAL, "请指定统计起始日期 from", "from");
    if (!to)
        return http_error(resp, FZ_EINVAL, "请指定统计截止日期 to", "to");
    if (strcmp(from, to) > 0)
        return http_error(resp, FZ_EINVAL, "截止日期不能早于起始日期", "to");
    int64_t dept = 0;
    const char *d = http_query(req, "dept_id");
    if (d && (str_to_i64(d, &dept) || dept <= 0))
        return http_error(resp, FZ_EINVAL, "字段 dept_id 应为正整数", "dept_id");
    json_t *out = NULL;
    rc = wo_stats(req->db, req->user, from, to, dept, http_query(req, "category"), &out);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, out);
}

enum fz_err workorders_api_categories(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = wo_categories(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

enum fz_err workorders_api_rules(struct fz_req *req, struct fz_resp *resp)
{
    json_t *items = NULL;
    enum fz_err rc = wo_rules(req->db, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

enum fz_err workorders_api_rule_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, version = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = wo_rule_update(req->db, id, version, req->body, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "workorder.rule_update", "wo_deadline_rule", id, "修改工单时限规则 #%lld",
               (long long)id);
    return workorders_api_rules(req, resp);
}

enum fz_err workorders_api_import(struct fz_req *req, struct fz_resp *resp)
{
    if (!req->raw || !req->raw_len)
        return http_error(resp, FZ_EINVAL, "请上传市平台导出的 CSV 或 XLSX 文件", "file");
    struct table *t = NULL;
    char why[256] = "";
    enum fz_err rc = table_read(req->raw, req->raw_len, TABLE_AUTO, &t, why, sizeof why);
    if (rc)
        return http_error(resp, rc == FZ_ETOOLARGE ? FZ_ETOOLARGE : FZ_EINVAL,
                          why[0] ? why : "文件无法读取", "file");
    struct calendar *cal = NULL;
    rc = load_cal(req, resp, &cal);
    json_t *report = NULL;
    if (!rc)
        rc = wo_import(req->db, cal, req->user, t, &report);
    calendar_free(cal);
    table_free(t);
    if (rc)
        return resp->status ? rc : http_error(resp, rc, NULL, NULL);
    req->audit_action = "workorder.import";
    req->audit_entity = "workorder";
    snprintf(req->audit_summary, sizeof req->audit_summary,
             "导入市平台工单：新建 %lld 件，已存在 %lld 件，拒绝 %zu 行",
             (long long)json_integer_value(json_object_get(report, "created")),
             (long long)json_integer_value(json_object_get(report, "existing")),
             json_array_size(json_object_get(report, "rejected")));
    req->audit_detail = json_pack("{s:O, s:O}", "created", json_object_get(report, "created"),
                                  "rejected", json_object_get(report, "rejected"));
    return http_json(resp, 200, report);
}

static const struct xlsx_col ledger_cols[] = {
    { "no", "工单编号", 16 }, { "platform_no", "市平台编号", 18 },
    { "channel_name", "来源", 10 }, { "category_name", "诉求类型", 8 },
    { "urgency_name", "紧急程度", 8 }, { "subject", "标题", 30 }, { "content", "诉求内容", 50 },
    { "citizen_name", "来电人", 10 }, { "citizen_phone", "联系电话", 14 },
    { "address", "地址", 30 }, { "dept_name", "承办部门", 16 },
    { "status_name", "状态", 10 }, { "received_at", "受理时间", 22 },
    { "sign_due", "签收期限", 22 }, { "signed_at", "签收时间", 22 },
    { "reply_due", "答复期限", 22 }, { "replied_at", "答复时间", 22 },
    { "handling_workdays", "办理工作日", 10 }, { "overdue_text", "是否超期", 8 },
    { "callback_name", "回访结果", 10 }, { "reply_text", "答复内容", 50 },
    { NULL, NULL, 0 },
};

/* ledger_row: the labels a person reads in Excel instead of codes */
static void ledger_row(json_t *w)
{
    static const char *const chans[][2] = { { "hotline", "12345热线" }, { "board", "网上留言板" },
                                            { "phone", "电话" }, { "walkin", "来访" },
                                            { "open311", "Open311" } };
    static const char *const urgs[][2] = { { "normal", "一般" }, { "urgent", "紧急" },
                                           { "critical", "特急" } };
    static const char *const cbs[][2] = { { "satisfied", "满意" }, { "basic", "基本满意" },
                                          { "dissatisfied", "不满意" },
                                          { "unreachable", "无法联系" } };
    const char *ch = json_string_value(json_object_get(w, "channel"));
    const char *ug = json_string_value(json_object_get(w, "urgency"));
    const char *cb = json_string_value(json_object_get(w, "callback_result"));
    for (size_t i = 0; i < 5; i++)
        if (str_eq(ch, chans[i][0]))
            json_object_set_new(w, "channel_name", json_string(chans[i][1]));
    for (size_t i = 0; i < 3; i++)
        if (str_eq(ug, urgs[i][0]))
            json_object_set_new(w, "urgency_name", json_string(urgs[i][1]));
    for (size_t i = 0; cb && i < 4; i++)
        if (str_eq(cb, cbs[i][0]))
            json_object_set_new(w, "callback_name", json_string(cbs[i][1]));
    bool late = json_is_true(json_object_get(w, "overdue")) ||
                json_is_true(json_object_get(w, "replied_late"));
    json_object_set_new(w, "overdue_text", json_string(late ? "是" : "否"));
}

enum fz_err workorders_api_export(struct fz_req *req, struct fz_resp *resp)
{
    struct wo_filter f = {0};
    char fb[FZ_TS_LEN], tb[FZ_TS_LEN];
    enum fz_err rc = wo_order(req, resp, &f.order);
    if (!rc)
        rc = bound(req, resp, "from", false, fb, &f.from);
    if (!rc)
        rc = bound(req, resp, "to", true, tb, &f.to);
    if (rc)
        return rc;
    f.q = http_query(req, "q");
    f.status = http_query(req, "status");
    f.category = http_query(req, "category");
    f.channel = http_query(req, "channel");
    f.urgency = http_query(req, "urgency");
    f.flag = http_query(req, "flag");
    const char *dept = http_query(req, "dept_id");
    if (dept && (str_to_i64(dept, &f.dept_id) || f.dept_id <= 0))
        return http_error(resp, FZ_EINVAL, "字段 dept_id 应为正整数", "dept_id");
    f.limit = 100000;
    json_t *items = NULL;
    int64_t total = 0;
    rc = wo_list(req->db, req->user, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    size_t i;
    json_t *w;
    json_array_foreach(items, i, w)
        ledger_row(w);
    char *data = NULL;
    size_t len = 0;
    rc = xlsx_write("工单台账", ledger_cols, items, &data, &len);
    json_decref(items);
    if (rc)
        return http_error(resp, rc, "导出失败", NULL);
    resp->body = data;
    resp->len = len;
    resp->status = 200;
    resp->content_type =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    http_disposition(resp, false, "workorders.xlsx", "工单台账.xlsx");
    return FZ_OK;
}
