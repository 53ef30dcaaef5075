/* counsel.c - law firms, lawyers, engagements, review requests and opinion letters (see
 * counsel.h). A request moves submitted -> assigned -> (returned -> assigned)* ->
 * answered; each move appends a review_events row. Every read of a request goes through
 * RV_SCOPE, so a counsel never learns that another counsel's request exists. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/counsel.h"
#include "modules/docx.h"
#include "modules/scope.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/timeutil.h"

static const char *const kinds[] = { "decision", "contract", "normative_document",
                                     "enforcement_document", "other", NULL };
static const char *const kind_names[] = { "重大行政决策", "合同", "规范性文件", "执法文书",
                                          "其他", NULL };
static const char *const conclusions[] = { "lawful", "lawful_with_changes", "unlawful",
                                           "other", NULL };
static const char *const conclusion_names[] = { "合法", "修改后合法", "不合法", "其他", NULL };

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t jint(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static int find(const char *v, const char *const *set)
{
    for (int i = 0; v && set[i]; i++)
        if (str_eq(v, set[i]))
            return i;
    return -1;
}

static const char *kind_name(const char *k)
{
    int i = find(k, kinds);
    return i < 0 ? "" : kind_names[i];
}

static int32_t today(const struct dec_ctx *c)
{
    return (int32_t)floor((double)(c->now + (time_t)time_offset() * 60) / 86400.0);
}

static bool may(const struct dec_ctx *c, const char *perm)
{
    return !c->actor || http_has_perm(c->actor, perm);
}

/* due_workdays: setting review.due_workdays (1-60 working days, default 5) */
static int due_workdays(struct db *db)
{
    int64_t n = db_setting_int(db, "review.due_workdays", 5);
    return n < 1 || n > 60 ? 5 : (int)n;
}

static enum fz_err version_ok(json_t *body, int64_t have, struct fz_problem *p)
{
    if (jint(body, "version") != have)
        return dec_fail(p, FZ_ECONFLICT, "version", "version_conflict",
                        "记录已被他人修改，请刷新后重试");
    return FZ_OK;
}

/* ---- firms, lawyers, engagements ---- */

enum fz_err counsel_firms(struct db *db, json_t **items)
{
    char d[11];
    calendar_ymd((int32_t)floor((double)(time(NULL) + (time_t)time_offset() * 60) / 86400.0),
                 d);
    enum fz_err rc = db_query_json(db, items,
        "SELECT f.id, f.name, f.letter_prefix, f.address, f.contact, f.phone, f.status,"
        " f.version, EXISTS (SELECT 1 FROM counsel_engagements e WHERE e.firm_id = f.id"
        " AND e.start_on <= ?1 AND e.end_on >= ?1) AS engaged FROM law_firms f ORDER BY f.id",
        "t", d);
    size_t i;
    json_t *f;
    if (!rc)
        json_array_foreach(*items, i, f) {
            json_t *l = NULL, *e = NULL;
            rc = db_query_json(db, &l, "SELECT cl.user_id, u.display_name, u.username,"
                               " cl.license_no, cl.title FROM counsel_lawyers cl JOIN users u"
                               " ON u.id = cl.user_id WHERE cl.firm_id = ? ORDER BY cl.user_id",
                               "i", jint(f, "id"));
            if (!rc)
                rc = db_query_json(db, &e, "SELECT id, contract_no, start_on, end_on, scope, fee"
                                   " FROM counsel_engagements WHERE firm_id = ?"
                                   " ORDER BY start_on DESC", "i", jint(f, "id"));
            json_object_set_new(f, "lawyers", l ? l : json_array());
            json_object_set_new(f, "engagements", e ? e : json_array());
            json_object_set_new(f, "engaged", json_boolean(jint(f, "engaged")));
            if (rc)
                break;
        }
    return rc;
}

static bool prefix_ok(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == '/' || *s == '%')
            return false;
    return true;
}

enum fz_err counsel_firm_save(const struct dec_ctx *c, int64_t id, json_t *body,
                              int64_t *out_id, struct fz_problem *p)
{
    const char *name = NULL, *prefix = NULL, *addr = NULL, *contact = NULL, *phone = NULL;
    const char *status = jstr(body, "status");
    enum fz_err rc = dec_text(body, "name", "律师事务所名称", !id, 100, &name, p);
    if (!rc)
        rc = dec_text(body, "letter_prefix", "意见书编号前缀", !id, 20, &prefix, p);
    if (!rc && prefix && !prefix_ok(prefix))
        rc = dec_fail(p, FZ_EINVAL, "letter_prefix", NULL, "编号前缀不能含空白、斜杠或百分号");
    if (!rc)
        rc = dec_text(body, "address", "地址", false, 200, &addr, p);
    if (!rc)
        rc = dec_text(body, "contact", "联系人", false, 50, &contact, p);
    if (!rc)
        rc = dec_text(body, "phone", "电话", false, 32, &phone, p);
    if (!rc && status && !str_eq(status, "active") && !str_eq(status, "inactive"))
        rc = dec_fail(p, FZ_EINVAL, "status", NULL, "状态应为 active 或 inactive");
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    if (!rc && !id) {
        rc = db_run(c->db, NULL, "INSERT INTO law_firms(name, letter_prefix, address, contact,"
                    " phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "ttttttt",
                    name, prefix, addr ? addr : "", contact ? contact : "", phone ? phone : "",
                    now, now);
        if (!rc)
            *out_id = db_last_id(c->db);
    } else if (!rc) {
        json_t *f = NULL;
        rc = db_query_row(c->db, &f, "SELECT version FROM law_firms WHERE id = ?", "i", id);
        if (!rc)
            rc = version_ok(body, jint(f, "version"), p);
        json_decref(f);
        if (!rc)
            rc = db_run(c->db, NULL,
                "UPDATE law_firms SET name = coalesce(?, name), letter_prefix ="
                " coalesce(?, letter_prefix), address = coalesce(?, address), contact ="
                " coalesce(?, contact), phone = coalesce(?, phone), status = coalesce(?, status),"
                " updated_at = ?, version = version + 1 WHERE id = ?", "ttttttti", name, prefix,
                addr, contact, phone, status, now, id);
        *out_id = id;
    }
    if (rc == FZ_ECONFLICT && !p->message[0])
        rc = dec_fail(p, FZ_ECONFLICT, "name", "duplicate", "律师事务所名称或编号前缀已存在");
    return rc;
}

enum fz_err counsel_lawyer_save(const struct dec_ctx *c, int64_t firm_id, json_t *body,
                                struct fz_problem *p)
{
    int64_t uid = jint(body, "user_id"), n = 0;
    const char *license = NULL, *title = NULL;
    enum fz_err rc = db_query_int(c->db, &n, "SELECT count(*) FROM law_firms WHERE id = ?",
                                  "i", firm_id);
    if (!rc && !n)
        return FZ_ENOTFOUND;
    if (!rc)
        rc = db_query_int(c->db, &n, "SELECT count(*) FROM user_roles ur JOIN roles r ON"
                          " r.id = ur.role_id WHERE ur.user_id = ? AND r.code = 'counsel'", "i",
                          uid);
    if (!rc && !n)
        rc = dec_fail(p, FZ_EINVAL, "user_id", NULL,
                      "该用户不是外聘法律顾问（须具有 counsel 角色）");
    if (!rc)
        rc = dec_text(body, "license_no", "律师执业证号", false, 32, &license, p);
    if (!rc)
        rc = dec_text(body, "title", "职务", false, 50, &title, p);
    if (!rc)
        rc = db_run(c->db, NULL, "INSERT INTO counsel_lawyers(user_id, firm_id, license_no, title)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET firm_id ="
                    " excluded.firm_id, license_no = excluded.license_no, title = excluded.title",
                    "iitt", uid, firm_id, license ? license : "", title ? title : "");
    return rc;
}

enum fz_err counsel_lawyers(const struct dec_ctx *c, json_t **items)
{
    char d[11];
    calendar_ymd(today(c), d);
    enum fz_err rc = db_query_json(c->db, items,
        "SELECT cl.user_id, u.display_name, u.username, cl.license_no, cl.title, cl.firm_id,"
        " f.name AS firm_name, EXISTS (SELECT 1 FROM counsel_engagements e WHERE"
        " e.firm_id = f.id AND e.start_on <= ?1 AND e.end_on >= ?1) AS engaged,"
        " (SELECT count(*) FROM review_requests r WHERE r.counsel_id = cl.user_id AND"
        " r.status IN ('assigned', 'returned')) AS open_requests"
        " FROM counsel_lawyers cl JOIN users u ON u.id = cl.user_id"
        " JOIN law_firms f ON f.id = cl.firm_id WHERE u.status = 'active'"
        " ORDER BY f.id, cl.user_id", "t", d);
    size_t i;
    json_t *x;
    if (!rc)
        json_array_foreach(*items, i, x)
            json_object_set_new(x, "engaged", json_boolean(jint(x, "engaged")));
    return rc;
}

enum fz_err counsel_engagement_create(const struct dec_ctx *c, json_t *body, int64_t *id,
                                      struct fz_problem *p)
{
    int64_t firm = jint(body, "firm_id"), n = 0;
    const char *no = NULL, *scope = NULL;
    int32_t s = 0, e = 0;
    bool hs = false, he = false;
    json_t *fee = json_object_get(body, "fee");
    enum fz_err rc = db_query_int(c->db, &n, "SELECT count(*) FROM law_firms WHERE id = ?",
                                  "i", firm);
    if (!rc && !n)
        rc = dec_fail(p, FZ_EINVAL, "firm_id", NULL, "律师事务所不存在");
    if (!rc)
        rc = dec_text(body, "contract_no", "合同编号", false, 64, &no, p);
    if (!rc)
        rc = dec_text(body, "scope", "服务范围", true, 2000, &scope, p);
    if (!rc)
        rc = dec_date(body, "start_on", "聘用开始日期", &s, &hs, p);
    if (!rc)
        rc = dec_date(body, "end_on", "聘用结束日期", &e, &he, p);
    if (!rc && (!hs || !he))
        rc = dec_fail(p, FZ_EINVAL, hs ? "end_on" : "start_on", NULL, "请填写聘用期限的起止日期");
    if (!rc && e < s)
        rc = dec_fail(p, FZ_EINVAL, "end_on", NULL, "聘用结束日期不能早于开始日期");
    if (!rc && fee && !json_is_null(fee) && (!json_is_integer(fee) || json_integer_value(fee) < 0))
        rc = dec_fail(p, FZ_EINVAL, "fee", NULL, "费用应为非负整数（元）");
    char sd[11], ed[11], now[FZ_TS_LEN];
    calendar_ymd(s, sd);
    calendar_ymd(e, ed);
    time_format(c->now, now);
    if (!rc)
        rc = db_run(c->db, NULL, "INSERT INTO counsel_engagements(firm_id, contract_no, start_on,"
                    " end_on, scope, fee, created_at) VALUES (?, ?, ?, ?, ?, nullif(?, -1), ?)",
                    "ittttit", firm, no ? no : "", sd, ed, scope,
                    (int64_t)(json_is_integer(fee) ? json_integer_value(fee) : -1), now);
    if (!rc)
        *id = db_last_id(c->db);
    return rc;
}

enum fz_err counsel_engagements(struct db *db, json_t **items)
{
    return db_query_json(db, items, "SELECT e.id, e.firm_id, f.name AS firm_name, e.contract_no,"
                         " e.start_on, e.end_on, e.scope, e.fee, e.created_at FROM"
                         " counsel_engagements e JOIN law_firms f ON f.id = e.firm_id"
                         " ORDER BY e.start_on DESC, e.id DESC", "");
}

/* ---- review requests ---- */

#define RV_SCOPE "(" SCOPE_SQL("r.requester_dept_id", "r.counsel_id") " OR r.requested_by = ?3)"

#define RV_COLS                                                                        \
    "r.id, r.no, r.title, r.kind, r.decision_id, d.no AS decision_no,"                  \
    " d.title AS decision_title, r.requested_by, ru.display_name AS requester_name,"   \
    " r.requester_dept_id, dp.name AS requester_dept_name, r.submitted_on, r.due_on,"  \
    " r.counsel_id, cu.display_name AS counsel_name, r.firm_id, f.name AS firm_name,"  \
    " r.status, r.return_reason, r.returns, r.answered_on, r.turnaround_workdays,"     \
    " r.created_at, r.updated_at, r.version, l.id AS letter_id, l.no AS letter_no,"    \
    " l.letter_on, l.conclusion"
#define RV_FROM                                                                        \
    " FROM review_requests r LEFT JOIN decisions d ON d.id = r.decision_id"            \
    " LEFT JOIN users ru ON ru.id = r.requested_by"                                    \
    " LEFT JOIN departments dp ON dp.id = r.requester_dept_id"                         \
    " LEFT JOIN users cu ON cu.id = r.counsel_id LEFT JOIN law_firms f ON f.id = r.firm_id" \
    " LEFT JOIN opinion_letters l ON l.request_id = r.id"

static void decorate(const struct dec_ctx *c, json_t *r)
{
    static const char *const st[][2] = { { "submitted", "待指派" }, { "assigned", "审查中" },
                                         { "returned", "退回补充材料" },
                                         { "answered", "已出具意见" } };
    char t[11];
    calendar_ymd(today(c), t);
    const char *s = jstr(r, "status"), *due = jstr(r, "due_on"), *ans = jstr(r, "answered_on");
    for (size_t i = 0; i < 4; i++)
        if (str_eq(s, st[i][0]))
            json_object_set_new(r, "status_name", json_string(st[i][1]));
    json_object_set_new(r, "kind_name", json_string(kind_name(jstr(r, "kind"))));
    int ci = find(jstr(r, "conclusion"), conclusions);
    if (ci >= 0)
        json_object_set_new(r, "conclusion_name", json_string(conclusion_names[ci]));
    bool late = ans ? strcmp(ans, due) > 0 : strcmp(t, due) > 0;
    json_object_set_new(r, "overdue", json_boolean(due && late));
}

static enum fz_err load_request(const struct dec_ctx *c, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_row(c->db, out, "SELECT " RV_COLS ", r.material" RV_FROM
                                  " WHERE r.id = ?4 AND " RV_SCOPE, "iiii",
                                  SCOPE_ARGS(c->actor), id);
    if (!rc)
        decorate(c, *out);
    return rc;
}

static enum fz_err add_event(const struct dec_ctx *c, int64_t id, const char *action,
                             const char *comment)
{
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    return db_run(c->db, NULL, "INSERT INTO review_events(request_id, ts, user_id, username,"
                  " action, comment) VALUES (?, ?, nullif(?, 0), ?, ?, ?)", "itittt", id, now,
                  c->actor ? c->actor->id : 0, c->actor ? c->actor->display_name : "系统",
                  action, comment ? comment : "");
}

static enum fz_err touch(const struct dec_ctx *c, int64_t id)
{
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    return db_run(c->db, NULL, "UPDATE review_requests SET updated_at = ?, version = version + 1"
                  " WHERE id = ?", "ti", now, id);
}

/* store_attachments: the documents of array docs for request id (letter 0: none) */
static enum fz_err store_attachments(const struct dec_ctx *c, int64_t id, int64_t letter,
                                     json_t *docs, struct fz_problem *p)
{
    if (!docs || json_is_null(docs))
        return FZ_OK;
    if (!json_is_array(docs) || json_array_size(docs) > 20)
        return dec_fail(p, FZ_EINVAL, "attachments", NULL, "attachments 应为不超过 20 份材料的数组");
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    size_t i;
    json_t *x;
    json_array_foreach(docs, i, x) {
        struct dec_doc d;
        enum fz_err rc = dec_doc_parse(x, "attachments", &d, p);
        struct db_stmt *st = NULL;
        if (!rc)      /* with a file store the bytes go there, the row keeps x'' */
            rc = dec_doc_put(c, &d);
        if (!rc)
            rc = db_prepare(c->db, "INSERT INTO review_attachments(request_id, letter_id, name,"
                            " mime, size, sha256, content, uploaded_by, uploaded_at, store, sm3)"
                            " VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, nullif(?, 0), ?, ?,"
                            " nullif(?, ''))", &st);
        if (!rc)
            rc = db_bind_fmt(st, "iittit", id, letter, d.name, d.mime, (int64_t)d.len, d.sha256);
        if (!rc)
            rc = db_bind_blob(st, 7, c->files ? (const void *)"" : d.data, c->files ? 0 : d.len);
        if (!rc)
            rc = db_bind_int(st, 8, c->actor ? c->actor->id : 0);
        if (!rc)
            rc = db_bind_text(st, 9, now);
        if (!rc)
            rc = db_bind_text(st, 10, c->files ? "files" : "db");
        if (!rc)
            rc = db_bind_text(st, 11, c->files ? d.sm3 : "");
        bool row = false;
        if (!rc)
            rc = db_step(st, &row);
        if (st)
            db_finish(st);
        dec_doc_free(&d);
        if (rc)
            return rc;
    }
    return FZ_OK;
}

/* lawyer_firm: the firm of lawyer uid, which must be engaged on day */
static enum fz_err lawyer_firm(const struct dec_ctx *c, int64_t uid, int32_t day,
                               int64_t *firm, struct fz_problem *p)
{
    char d[11];
    calendar_ymd(day, d);
    json_t *row = NULL;
    enum fz_err rc = db_query_row(c->db, &row,
        "SELECT cl.firm_id, f.name, EXISTS (SELECT 1 FROM counsel_engagements e WHERE"
        " e.firm_id = cl.firm_id AND e.start_on <= ? AND e.end_on >= ?) AS engaged"
        " FROM counsel_lawyers cl JOIN law_firms f ON f.id = cl.firm_id"
        " JOIN users u ON u.id = cl.user_id WHERE cl.user_id = ? AND u.status = 'active'",
        "tti", d, d, uid);
    if (rc == FZ_ENOTFOUND)
        return dec_fail(p, FZ_EINVAL, "counsel_id", NULL, "请选择律师事务所的法律顾问");
    if (!rc && !jint(row, "engaged"))
        rc = dec_fail(p, FZ_EINVAL, "counsel_id", NULL, "%s 在 %s 没有有效的法律顾问聘用合同",
                      jstr(row, "name"), d);
    if (!rc)
        *firm = jint(row, "firm_id");
    json_decref(row);
    return rc;
}

static enum fz_err next_no(struct db *db, int year, char out[32])
{
    enum fz_err rc = db_run(db, NULL, "INSERT INTO review_sequences(year, last) VALUES (?, 1)"
                            " ON CONFLICT(year) DO UPDATE SET last = last + 1", "i",
                            (int64_t)year);
    int64_t last = 0;
    if (!rc)
        rc = db_query_int(db, &last, "SELECT last FROM review_sequences WHERE year = ?", "i",
                          (int64_t)year);
    if (!rc)
        snprintf(out, 32, "SC%d-%04lld", year, (long long)last);
    return rc;
}

static int year_of(int32_t day)
{
    char d[11];
    calendar_ymd(day, d);
    return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
}

static enum fz_err check_request(const struct dec_ctx *c, const struct review_input *in,
                                 struct fz_problem *p)
{
    if (str_empty(in->title) || str_utf8_len(in->title) > 200)
        return dec_fail(p, FZ_EINVAL, "title", NULL, "审查事项名称不能为空，且不超过 200 个字符");
    if (find(in->kind, kinds) < 0)
        return dec_fail(p, FZ_EINVAL, "kind", NULL,
                        "审查类别应为 decision（重大行政决策）、contract（合同）、normative_document"
                        "（规范性文件）、enforcement_document（执法文书）或 other");
    if (in->material && str_utf8_len(in->material) > 20000)
        return dec_fail(p, FZ_EINVAL, "material", NULL, "材料说明不能超过 20000 个字符");
    if (in->counsel_id > 0 && !may(c, "review:admin"))
        return dec_fail(p, FZ_EFORBIDDEN, "counsel_id", NULL, "只有法务部门可以指派法律顾问");
    int64_t n = 0;
    enum fz_err rc = FZ_OK;
    if (in->decision_id > 0)
        rc = db_query_int(c->db, &n, "SELECT count(*) FROM decisions WHERE id = ?", "i",
                          in->decision_id);
    if (!rc && in->decision_id > 0 && !n)
        return dec_fail(p, FZ_EINVAL, "decision_id", NULL, "关联的重大行政决策不存在");
    return rc;
}

enum fz_err counsel_request_create(const struct dec_ctx *c, const struct review_input *in,
                                   int64_t *id, struct fz_problem *p)
{
    enum fz_err rc = check_request(c, in, p);
    int32_t sub = today(c), due = 0;
    if (!rc && in->submitted_on && (strlen(in->submitted_on) != 10 ||
                                    calendar_day(in->submitted_on, &sub)))
        rc = dec_fail(p, FZ_EINVAL, "submitted_on", NULL, "提交日期应为 YYYY-MM-DD");
    if (!rc && sub > today(c))
        rc = dec_fail(p, FZ_EINVAL, "submitted_on", NULL, "提交日期不能晚于今天");
    if (!rc && calendar_add_workdays(c->cal, sub, due_workdays(c->db), &due))
        rc = dec_fail(p, FZ_EINVAL, "submitted_on", "calendar_year_missing",
                      "工作日历中缺少该年度的节假日安排，无法计算审查期限");
    int64_t firm = 0;
    if (!rc && in->counsel_id > 0)
        rc = lawyer_firm(c, in->counsel_id, sub, &firm, p);
    char no[32], sd[11], dd[11], now[FZ_TS_LEN];
    calendar_ymd(sub, sd);
    calendar_ymd(due, dd);
    time_format(c->now, now);
    if (!rc)
        rc = next_no(c->db, year_of(sub), no);
    if (!rc)
        rc = db_run(c->db, NULL,
            "INSERT INTO review_requests(no, title, kind, material, decision_id, requested_by,"
            " requester_dept_id, submitted_on, due_on, counsel_id, firm_id, status, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), ?, ?,"
            " nullif(?, 0), nullif(?, 0), ?, ?, ?)", "ttttiiitti" "ittt", no, in->title,
            in->kind, in->material ? in->material : "", in->decision_id,
            c->actor ? c->actor->id : 0, c->actor ? c->actor->dept_id : 0, sd, dd,
            in->counsel_id, firm, in->counsel_id > 0 ? "assigned" : "submitted", now, now);
    if (rc)
        return rc;
    *id = db_last_id(c->db);
    rc = add_event(c, *id, "submit", in->title);
    if (!rc && in->counsel_id > 0)
        rc = add_event(c, *id, "assign", NULL);
    if (!rc)
        rc = store_attachments(c, *id, 0, in->attachments, p);
    return rc;
}

/* request_actions: what the actor may do with request r now */
static json_t *request_actions(const struct dec_ctx *c, json_t *r)
{
    const char *st = jstr(r, "status");
    bool mine = !c->actor || jint(r, "counsel_id") == c->actor->id;
    bool requester = !c->actor || jint(r, "requested_by") == c->actor->id ||
                     http_has_perm(c->actor, "review:admin");
    json_t *a = json_array();
    if (!str_eq(st, "answered") && may(c, "review:admin"))
        json_array_append_new(a, json_string("assign"));
    if (str_eq(st, "assigned") && mine && may(c, "review:answer")) {
        json_array_append_new(a, json_string("return"));
        json_array_append_new(a, json_string("opinion"));
    }
    if (str_eq(st, "returned") && requester && may(c, "review:request"))
        json_array_append_new(a, json_string("resubmit"));
    return a;
}

enum fz_err counsel_request_get(const struct dec_ctx *c, int64_t id, json_t **out)
{
    json_t *r = NULL, *att = NULL, *ev = NULL, *letter = NULL;
    enum fz_err rc = load_request(c, id, &r);
    if (!rc)
        rc = db_query_json(c->db, &att, "SELECT id, letter_id, name, mime, size, sha256,"
                           " uploaded_at FROM review_attachments WHERE request_id = ?"
                           " ORDER BY id", "i", id);
    if (!rc)
        rc = db_query_json(c->db, &ev, "SELECT ts, username, action, comment FROM"
                           " review_events WHERE request_id = ? ORDER BY id", "i", id);
    if (!rc && jint(r, "letter_id"))
        rc = db_query_row(c->db, &letter, "SELECT l.id, l.no, l.letter_on, l.conclusion,"
                          " l.reasoning, f.name AS firm_name, u.display_name AS counsel_name"
                          " FROM opinion_letters l JOIN law_firms f ON f.id = l.firm_id"
                          " JOIN users u ON u.id = l.counsel_id WHERE l.request_id = ?", "i",
                          id);
    if (rc) {
        json_decref(r);
        json_decref(att);
        json_decref(ev);
        return rc;
    }
    int ci = letter ? find(jstr(letter, "conclusion"), conclusions) : -1;
    if (ci >= 0)
        json_object_set_new(letter, "conclusion_name", json_string(conclusion_names[ci]));
    json_object_set_new(r, "attachments", att);
    json_object_set_new(r, "events", ev);
    json_object_set_new(r, "letter", letter ? letter : json_null());
    json_object_set_new(r, "allowed_actions", request_actions(c, r));
    *out = r;
    return FZ_OK;
}

#define RV_WHERE RV_FROM " WHERE " RV_SCOPE                                             \
    " AND (?4 IS NULL OR r.title LIKE '%' || ?4 || '%' OR r.no LIKE '%' || ?4 || '%'"   \
    " OR l.no LIKE '%' || ?4 || '%') AND (?5 IS NULL OR r.kind = ?5)"                  \
    " AND (?6 IS NULL OR r.status = ?6 OR (?6 = 'open' AND r.status <> 'answered'))"    \
    " AND (?7 IS NULL OR r.submitted_on >= ?7) AND (?8 IS NULL OR r.submitted_on <= ?8)" \
    " AND (?9 = 0 OR r.counsel_id = ?9) AND (?10 = 0 OR r.decision_id = ?10)"          \
    " AND (?11 = 0 OR (r.status <> 'answered' AND r.due_on < ?12)"                      \
    "  OR r.answered_on > r.due_on)"                                                    \
    " AND (?15 IS NULL OR l.letter_on >= ?15) AND (?16 IS NULL OR l.letter_on <= ?16)"

enum fz_err counsel_request_list(const struct dec_ctx *c, const struct review_filter *f,
                                 json_t **items, int64_t *total)
{
    char t[11];
    calendar_ymd(today(c), t);
    int64_t counsel = f->mine ? (c->actor ? c->actor->id : -1) : f->counsel_id;
    /* ?13/?14 (limit, offset) are unused by the count but keep the numbering */
    enum fz_err rc = db_query_int(c->db, total, "SELECT count(*)" RV_WHERE,
                                  "iiittttt" "iiit" "ii" "tt", SCOPE_ARGS(c->actor), f->q,
                                  f->kind, f->status, f->from, f->to, counsel, f->decision_id,
                                  (int64_t)f->overdue, t, (int64_t)0, (int64_t)0,
                                  f->letter_from, f->letter_to);
    if (!rc)
        rc = db_query_json(c->db, items, "SELECT " RV_COLS RV_WHERE
                           " ORDER BY r.submitted_on DESC, r.id DESC LIMIT ?13 OFFSET ?14",
                           "iiittttt" "iiitii" "tt", SCOPE_ARGS(c->actor), f->q, f->kind,
                           f->status, f->from, f->to, counsel, f->decision_id,
                           (int64_t)f->overdue, t, f->limit, f->offset, f->letter_from,
                           f->letter_to);
    size_t i;
    json_t *r;
    if (!rc)
        json_array_foreach(*items, i, r)
            decorate(c, r);
    return rc;
}

enum fz_err counsel_assign(const struct dec_ctx *c, int64_t id, json_t *body,
                           struct fz_problem *p)
{
    json_t *r = NULL;
    enum fz_err rc = load_request(c, id, &r);
    if (rc)
        return rc;
    int64_t uid = jint(body, "counsel_id"), firm = 0;
    if (str_eq(jstr(r, "status"), "answered"))
        rc = dec_fail(p, FZ_ECONFLICT, "counsel_id", NULL, "已出具法律意见书，不能再指派");
    if (!rc)
        rc = lawyer_firm(c, uid, today(c), &firm, p);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE review_requests SET counsel_id = ?, firm_id = ?,"
                    " status = CASE WHEN status = 'submitted' THEN 'assigned' ELSE status END"
                    " WHERE id = ?", "iii", uid, firm, id);
    if (!rc)
        rc = add_event(c, id, "assign", NULL);
    if (!rc)
        rc = touch(c, id);
    json_decref(r);
    return rc;
}

/* assigned_to_actor: the request is assigned and the actor is its counsel */
static enum fz_err assigned_to_actor(const struct dec_ctx *c, json_t *r, struct fz_problem *p)
{
    const char *st = jstr(r, "status");
    if (str_eq(st, "answered"))
        return dec_fail(p, FZ_ECONFLICT, NULL, "already_answered", "已出具法律意见书");
    if (str_eq(st, "returned"))
        return dec_fail(p, FZ_ECONFLICT, NULL, "awaiting_material", "已退回补充材料，等待申请人补充");
    if (str_eq(st, "submitted"))
        return dec_fail(p, FZ_ECONFLICT, NULL, "not_assigned", "尚未指派法律顾问");
    if (c->actor && jint(r, "counsel_id") != c->actor->id)
        return dec_fail(p, FZ_EFORBIDDEN, NULL, NULL, "只有被指派的法律顾问可以办理该审查申请");
    return FZ_OK;
}

enum fz_err counsel_return(const struct dec_ctx *c, int64_t id, json_t *body,
                           struct fz_problem *p)
{
    json_t *r = NULL;
    enum fz_err rc = load_request(c, id, &r);
    if (rc)
        return rc;
    const char *reason = NULL;
    rc = assigned_to_actor(c, r, p);
    if (!rc)
        rc = dec_text(body, "reason", "退回理由（需要补充的材料）", true, 2000, &reason, p);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE review_requests SET status = 'returned',"
                    " return_reason = ?, returns = returns + 1 WHERE id = ?", "ti", reason, id);
    if (!rc)
        rc = add_event(c, id, "return", reason);
    if (!rc)
        rc = touch(c, id);
    json_decref(r);
    return rc;
}

enum fz_err counsel_resubmit(const struct dec_ctx *c, int64_t id, json_t *body,
                             struct fz_problem *p)
{
    json_t *r = NULL;
    enum fz_err rc = load_request(c, id, &r);
    if (rc)
        return rc;
    const char *material = NULL;
    json_t *att = json_object_get(body, "attachments");
    int32_t due = 0;
    if (!str_eq(jstr(r, "status"), "returned"))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "not_returned", "该申请未被退回，无需补充材料");
    else if (c->actor && jint(r, "requested_by") != c->actor->id &&
             !http_has_perm(c->actor, "review:admin"))
        rc = dec_fail(p, FZ_EFORBIDDEN, NULL, NULL, "只有申请人或法务部门可以补充材料");
    if (!rc)
        rc = dec_text(body, "material", "补充材料说明", !json_array_size(att), 20000, &material, p);
    if (!rc && calendar_add_workdays(c->cal, today(c), due_workdays(c->db),
                                     &due))
        rc = dec_fail(p, FZ_EINVAL, NULL, "calendar_year_missing",
                      "工作日历中缺少该年度的节假日安排，无法计算审查期限");
    char dd[11];
    calendar_ymd(due, dd);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE review_requests SET status = 'assigned', due_on = ?,"
                    " material = CASE WHEN ? IS NULL THEN material ELSE material ||"
                    " char(10) || char(10) || '【补充材料】' || ? END WHERE id = ?", "ttti", dd,
                    material, material, id);
    if (!rc)
        rc = store_attachments(c, id, 0, att, p);
    if (!rc)
        rc = add_event(c, id, "resubmit", material);
    if (!rc)
        rc = touch(c, id);
    json_decref(r);
    return rc;
}

static enum fz_err letter_no(const struct dec_ctx *c, int64_t firm, int year, int64_t *seq,
                             char no[64])
{
    char *prefix = NULL;
    enum fz_err rc = db_run(c->db, NULL, "INSERT INTO letter_sequences(firm_id, year, last)"
                            " VALUES (?, ?, 1) ON CONFLICT(firm_id, year) DO UPDATE SET"
                            " last = last + 1", "ii", firm, (int64_t)year);
    if (!rc)
        rc = db_query_int(c->db, seq, "SELECT last FROM letter_sequences WHERE firm_id = ?"
                          " AND year = ?", "ii", firm, (int64_t)year);
    if (!rc)
        rc = db_query_text(c->db, &prefix, "SELECT letter_prefix FROM law_firms WHERE id = ?",
                           "i", firm);
    if (!rc)
        snprintf(no, 64, "%s〔%d〕第%03lld号", prefix, year, (long long)*seq);
    free(prefix);
    return rc;
}

static enum fz_err opinion_fields(const struct dec_ctx *c, json_t *r, json_t *body,
                                  int32_t *day, const char **concl, const char **reasoning,
                                  struct fz_problem *p)
{
    bool present = false;
    int32_t sub = 0;
    *day = today(c);
    *concl = jstr(body, "conclusion");
    enum fz_err rc = dec_date(body, "letter_on", "出具日期", day, &present, p);
    if (!rc && *day > today(c))
        rc = dec_fail(p, FZ_EINVAL, "letter_on", NULL, "出具日期不能晚于今天");
    if (!rc && !calendar_day(jstr(r, "submitted_on"), &sub) && *day < sub)
        rc = dec_fail(p, FZ_EINVAL, "letter_on", NULL, "出具日期不能早于提交日期（%s）",
                      jstr(r, "submitted_on"));
    if (!rc && find(*concl, conclusions) < 0)
        rc = dec_fail(p, FZ_EINVAL, "conclusion", NULL,
                      "结论应为 lawful（合法）、lawful_with_changes（修改后合法）、unlawful"
                      "（不合法）或 other（其他）");
    if (!rc)
        rc = dec_text(body, "reasoning", "法律意见（理由）", true, 20000, reasoning, p);
    return rc;
}

enum fz_err counsel_opinion(const struct dec_ctx *c, int64_t id, json_t *body,
                            int64_t *letter_id, char no[64], struct fz_problem *p)
{
    json_t *r = NULL;
    enum fz_err rc = load_request(c, id, &r);
    if (rc)
        return rc;
    const char *concl = NULL, *reasoning = NULL;
    int32_t day = 0, sub = 0;
    int64_t seq = 0, firm = jint(r, "firm_id");
    int wd = 0;
    rc = assigned_to_actor(c, r, p);
    if (!rc)
        rc = opinion_fields(c, r, body, &day, &concl, &reasoning, p);
    if (!rc && (calendar_day(jstr(r, "submitted_on"), &sub) ||
                calendar_workdays_between(c->cal, sub, day, &wd)))
        rc = dec_fail(p, FZ_EINVAL, "letter_on", "calendar_year_missing",
                      "工作日历中缺少该年度的节假日安排");
    if (!rc)
        rc = letter_no(c, firm, year_of(day), &seq, no);
    char d[11], now[FZ_TS_LEN];
    calendar_ymd(day, d);
    time_format(c->now, now);
    if (!rc)
        rc = db_run(c->db, NULL, "INSERT INTO opinion_letters(request_id, firm_id, counsel_id,"
                    " year, seq, no, letter_on, conclusion, reasoning, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiiiitttt" "t", id, firm,
                    jint(r, "counsel_id"), (int64_t)year_of(day), seq, no, d, concl, reasoning,
                    now);
    if (!rc)
        *letter_id = db_last_id(c->db);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE review_requests SET status = 'answered',"
                    " answered_on = ?, turnaround_workdays = ? WHERE id = ?", "tii", d,
                    (int64_t)wd, id);
    if (!rc)
        rc = store_attachments(c, id, *letter_id, json_object_get(body, "attachments"), p);
    if (!rc)
        rc = add_event(c, id, "opinion", no);
    if (!rc)
        rc = touch(c, id);
    json_decref(r);
    return rc;
}

enum fz_err counsel_attachment(const struct dec_ctx *c, int64_t id, int64_t att_id,
                               char **data, size_t *len, json_t **meta)
{
    json_t *r = NULL;
    enum fz_err rc = load_request(c, id, &r);
    json_decref(r);
    if (rc)
        return rc;
    struct db_stmt *st = NULL;
    rc = db_prepare(c->db, "SELECT name, mime, sha256, content, store FROM review_attachments"
                    " WHERE id = ? AND request_id = ?", &st);
    bool row = false;
    if (!rc)
        rc = db_bind_fmt(st, "ii", att_id, id);
    if (!rc)
        rc = db_step(st, &row);
    if (!rc && !row)
        rc = FZ_ENOTFOUND;
    if (!rc && str_eq(db_col_text(st, 4), "files")) {
        struct buf b;            /* kept in the file store (014): read and check it */
        buf_init(&b, 0);
        rc = dec_read_stored(c->files, db_col_text(st, 2), &b);
        *len = b.len;
        *data = !rc ? buf_take(&b) : NULL;
        buf_free(&b);
        if (!rc && !*data)
            rc = FZ_ENOMEM;
        if (!rc)
            *meta = json_pack("{s:s, s:s, s:s}", "name", db_col_text(st, 0), "mime",
                              db_col_text(st, 1), "sha256", db_col_text(st, 2));
    } else if (!rc) {
        size_t n = 0;
        const void *b = db_col_blob(st, 3, &n);
        *data = malloc(n ? n : 1);
        if (!*data)
            rc = FZ_ENOMEM;
        if (!rc && n)
            memcpy(*data, b, n);
        *len = n;
        if (!rc)
            *meta = json_pack("{s:s, s:s, s:s}", "name", db_col_text(st, 0), "mime",
                              db_col_text(st, 1), "sha256", db_col_text(st, 2));
    }
    if (st)
        db_finish(st);
    return rc;
}

static void cn_date(const char *ymd, char out[32])
{
    if (!ymd || strlen(ymd) != 10) {
        snprintf(out, 32, "%s", ymd ? ymd : "");
        return;
    }
    snprintf(out, 32, "%.4s年%d月%d日", ymd, (ymd[5] - '0') * 10 + (ymd[6] - '0'),
             (ymd[8] - '0') * 10 + (ymd[9] - '0'));
}

enum fz_err counsel_letter_docx(const struct dec_ctx *c, int64_t id, char **data,
                                size_t *len, char name[160])
{
    json_t *r = NULL;
    enum fz_err rc = counsel_request_get(c, id, &r);
    if (rc)
        return rc;
    json_t *l = json_object_get(r, "letter");
    struct docx *d = NULL;
    if (!json_is_object(l))
        rc = FZ_ECONFLICT;
    if (!rc)
        rc = docx_new(&d);
    char sub[32], on[32];
    cn_date(jstr(r, "submitted_on"), sub);
    cn_date(jstr(l, "letter_on"), on);
    if (!rc) {
        docx_title(d, "法律意见书");
        docx_para(d, DOCX_CENTER, jstr(l, "no"));
        docx_para(d, 0, "");
        docx_paraf(d, DOCX_NO_INDENT, "致：华明高新技术产业区服务中心%s",
                   jstr(r, "requester_dept_name") ? jstr(r, "requester_dept_name") : "");
        docx_paraf(d, 0, "贵单位于%s提交的“%s”（审查申请 %s，类别：%s）收悉。本所律师依据"
                   "有关法律、法规和规章的规定，对相关材料进行了审查，现出具法律意见如下：",
                   sub, jstr(r, "title"), jstr(r, "no"), jstr(r, "kind_name"));
        docx_heading(d, 1, "一、审查结论");
        docx_para(d, 0, jstr(l, "conclusion_name"));
        docx_heading(d, 1, "二、法律意见及理由");
        docx_para(d, 0, jstr(l, "reasoning"));
        docx_para(d, 0, "");
        docx_para(d, DOCX_RIGHT, jstr(l, "firm_name"));
        docx_paraf(d, DOCX_RIGHT, "律师：%s", jstr(l, "counsel_name"));
        docx_para(d, DOCX_RIGHT, on);
        time_t mtime = 0;
        if (time_parse(jstr(l, "letter_on"), &mtime))
            mtime = 0;
        rc = docx_finish(d, "法律意见书", mtime, data, len);
    }
    if (!rc)
        snprintf(name, 160, "%s.docx", jstr(l, "no"));
    docx_free(d);
    json_decref(r);
    return rc;
}

/* ---- figures ---- */

/* the rows of the figures: one per request (by submission date) and one per letter (by
 * letter date), in the actor's scope, so a group can count both at once */
#define FIG_ROWS                                                                       \
    " FROM (SELECT r.kind, r.counsel_id, substr(r.submitted_on, 1, 7) AS month,"        \
    " 1 AS req, 0 AS let, NULL AS tw FROM review_requests r WHERE " RV_SCOPE            \
    " AND r.submitted_on >= ?4 AND r.submitted_on <= ?5"                                \
    " UNION ALL SELECT r.kind, l.counsel_id, substr(l.letter_on, 1, 7), 0, 1,"          \
    " r.turnaround_workdays FROM opinion_letters l JOIN review_requests r"              \
    " ON r.id = l.request_id WHERE " RV_SCOPE " AND l.letter_on >= ?4 AND l.letter_on <= ?5) x"
#define FIG_COLS " sum(req) AS requests, sum(let) AS letters," \
    " round(avg(tw), 2) AS avg_workdays, max(tw) AS max_workdays"

static enum fz_err fig(const struct dec_ctx *c, const char *sql, const char *from,
                       const char *to, json_t **out)
{
    return db_query_json(c->db, out, sql, "iiitt", SCOPE_ARGS(c->actor), from, to);
}

enum fz_err counsel_stats(const struct dec_ctx *c, const char *from, const char *to,
                          json_t **out)
{
    json_t *tot = NULL, *by_kind = NULL, *by_counsel = NULL, *by_month = NULL;
    json_t *by_concl = NULL, *overdue = NULL;
    char t[11];
    calendar_ymd(today(c), t);
    enum fz_err rc = fig(c, "SELECT" FIG_COLS FIG_ROWS, from, to, &tot);
    if (!rc)
        rc = fig(c, "SELECT kind," FIG_COLS FIG_ROWS " GROUP BY kind ORDER BY letters DESC",
                 from, to, &by_kind);
    if (!rc)
        rc = fig(c, "SELECT x.counsel_id, u.display_name AS counsel_name," FIG_COLS FIG_ROWS
                 " LEFT JOIN users u ON u.id = x.counsel_id GROUP BY x.counsel_id, u.display_name"
                 " ORDER BY letters DESC", from, to, &by_counsel);
    if (!rc)
        rc = fig(c, "SELECT month," FIG_COLS FIG_ROWS " GROUP BY month ORDER BY month", from,
                 to, &by_month);
    if (!rc)
        rc = fig(c, "SELECT l.conclusion, count(*) AS letters FROM opinion_letters l"
                 " JOIN review_requests r ON r.id = l.request_id WHERE " RV_SCOPE
                 " AND l.letter_on >= ?4 AND l.letter_on <= ?5 GROUP BY l.conclusion",
                 from, to, &by_concl);
    if (!rc)
        rc = db_query_json(c->db, &overdue,
            "SELECT sum(r.answered_on IS NOT NULL AND r.answered_on > r.due_on) AS answered_late,"
            " sum(r.answered_on IS NULL AND r.due_on < ?6) AS open_overdue"
            " FROM review_requests r WHERE " RV_SCOPE " AND r.submitted_on >= ?4"
            " AND r.submitted_on <= ?5", "iiittt", SCOPE_ARGS(c->actor), from, to, t);
    if (rc) {
        json_decref(tot);
        json_decref(by_kind);
        json_decref(by_counsel);
        json_decref(by_month);
        json_decref(by_concl);
        return rc;
    }
    size_t i;
    json_t *x;
    json_array_foreach(by_kind, i, x)
        json_object_set_new(x, "kind_name", json_string(kind_name(jstr(x, "kind"))));
    json_array_foreach(by_concl, i, x) {
        int ci = find(jstr(x, "conclusion"), conclusions);
        json_object_set_new(x, "conclusion_name", json_string(ci < 0 ? "" : conclusion_names[ci]));
    }
    json_t *o = json_array_get(overdue, 0), *tt = json_array_get(tot, 0);
    int64_t late = jint(o, "answered_late"), open = jint(o, "open_overdue");
    *out = json_pack("{s:s, s:s, s:{s:I, s:I, s:O, s:O}, s:{s:I, s:I, s:I}, s:o, s:o, s:o, s:o}",
                     "from", from, "to", to, "totals", "requests", (json_int_t)jint(tt, "requests"),
                     "letters", (json_int_t)jint(tt, "letters"), "avg_workdays",
                     json_object_get(tt, "avg_workdays"), "max_workdays",
                     json_object_get(tt, "max_workdays"), "overdue", "answered_late",
                     (json_int_t)late, "open_overdue", (json_int_t)open, "total",
                     (json_int_t)(late + open), "by_kind", by_kind, "by_counsel", by_counsel,
                     "by_month", by_month, "by_conclusion", by_concl);
    json_decref(tot);
    json_decref(overdue);
    return *out ? FZ_OK : FZ_ENOMEM;
}
