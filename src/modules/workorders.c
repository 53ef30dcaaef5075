/* workorders.c - the work-order lifecycle, deadlines and figures (see workorders.h).
 * The lifecycle is the `actions` table: each row names the states it applies to, the
 * state it leads to, the permission it needs and a function that validates the body and
 * writes the side effects. wo_act() looks the row up, checks state and permission, runs
 * it, updates the status and appends the timeline event: one place for every transition. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/scope.h"
#include "modules/workorders.h"
#include "util/str.h"
#include "util/timeutil.h"

/* ---- statuses ---- */

static const struct { const char *code, *name; bool open; } statuses[] = {
    { "received", "待派单", true },
    { "dispatched", "已派单", true },
    { "signed", "已签收", true },
    { "in_progress", "办理中", true },
    { "drafted", "已拟答复", true },
    { "reviewed", "已审核", true },
    { "replied", "已答复", false },
    { "visited", "已回访", false },
    { "closed", "已办结", false },
    { NULL, NULL, false },
};

bool wo_is_status(const char *s)
{
    for (int i = 0; statuses[i].code; i++)
        if (str_eq(statuses[i].code, s))
            return true;
    return false;
}

/* ---- helpers ---- */

void wo_mask_phone(const char *in, char *out, size_t n)
{
    size_t len = strlen(in);
    if (len < 7) {
        snprintf(out, n, "%s", len ? "****" : "");
        return;
    }
    snprintf(out, n, "%.3s****%s", in, in + len - 4);
}

void wo_mask_name(const char *in, char *out, size_t n)
{
    if (!*in) {
        snprintf(out, n, "%s", "");
        return;
    }
    /* keep the first character (a surname), whatever its UTF-8 length */
    size_t first = 1;
    unsigned char c = (unsigned char)in[0];
    if (c >= 0xF0)
        first = 4;
    else if (c >= 0xE0)
        first = 3;
    else if (c >= 0xC0)
        first = 2;
    if (first > strlen(in))
        first = strlen(in);
    snprintf(out, n, "%.*s*", (int)first, in);
}

static int32_t local_day(time_t t)
{
    return (int32_t)floor((double)(t + (time_t)time_offset() * 60) / 86400.0);
}

static enum fz_err year_missing(struct fz_problem *p, const char *field)
{
    fz_problem_set(p, field, "calendar_year_missing",
                   "工作日历中缺少该年度的节假日安排，请管理员先导入当年的国务院通知");
    return FZ_EINVAL;
}

struct rule {
    int sign_minutes, sign_workdays, reply_minutes, reply_workdays;
};

static enum fz_err load_rule(struct db *db, const char *category, const char *urgency,
                             struct rule *r)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row,
        "SELECT sign_minutes, sign_workdays, reply_minutes, reply_workdays"
        " FROM wo_deadline_rules WHERE urgency = ? AND (category = ? OR category IS NULL)"
        " ORDER BY category IS NULL LIMIT 1", "tt", urgency, category);
    if (rc)
        return rc == FZ_ENOTFOUND ? FZ_EINTERNAL : rc;
    r->sign_minutes = (int)json_integer_value(json_object_get(row, "sign_minutes"));
    r->sign_workdays = (int)json_integer_value(json_object_get(row, "sign_workdays"));
    r->reply_minutes = (int)json_integer_value(json_object_get(row, "reply_minutes"));
    r->reply_workdays = (int)json_integer_value(json_object_get(row, "reply_workdays"));
    json_decref(row);
    return FZ_OK;
}

/* bigram Dice similarity of two UTF-8 texts, by code point pairs */
static double similarity(const char *a, const char *b)
{
    enum { MAXCP = 400 };
    uint32_t ca[MAXCP], cb[MAXCP];
    int na = 0, nb = 0;
    for (int pass = 0; pass < 2; pass++) {
        const unsigned char *s = (const unsigned char *)(pass ? b : a);
        uint32_t *out = pass ? cb : ca;
        int *n = pass ? &nb : &na;
        while (*s && *n < MAXCP) {
            uint32_t cp = *s++;
            while ((*s & 0xC0) == 0x80)
                cp = (cp << 8) | *s++;
            if (cp > ' ')
                out[(*n)++] = cp;
        }
    }
    if (na < 2 || nb < 2)
        return 0;
    int common = 0;
    bool used[MAXCP] = {0};
    for (int i = 0; i + 1 < na; i++)
        for (int j = 0; j + 1 < nb; j++)
            if (!used[j] && ca[i] == cb[j] && ca[i + 1] == cb[j + 1]) {
                used[j] = true;
                common++;
                break;
            }
    return 2.0 * common / (double)((na - 1) + (nb - 1));
}

/* find_duplicate: the newest order with the same phone within the window whose text is
 * similar (Dice >= 0.5); 0 when none */
static int64_t find_duplicate(struct db *db, const char *phone, const char *text,
                              time_t received)
{
    if (str_empty(phone))
        return 0;
    char since[FZ_TS_LEN];
    time_format(received - db_setting_int(db, "workorder.duplicate_window_days", 7) * 86400,
                since);
    json_t *rows = NULL;
    if (db_query_json(db, &rows,
                      "SELECT id, subject || ' ' || content AS text FROM workorders"
                      " WHERE citizen_phone = ? AND received_at >= ? AND merged_into IS NULL"
                      " ORDER BY id DESC LIMIT 50", "tt", phone, since))
        return 0;
    int64_t dup = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        if (similarity(text, json_string_value(json_object_get(r, "text"))) >= 0.5) {
            dup = json_integer_value(json_object_get(r, "id"));
            break;
        }
    }
    json_decref(rows);
    return dup;
}

static enum fz_err next_number(struct db *db, int year, char *out, size_t n)
{
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO wo_sequences(year, last) VALUES (?, 1)"
        " ON CONFLICT(year) DO UPDATE SET last = last + 1", "i", (int64_t)year);
    int64_t last = 0;
    if (!rc)
        rc = db_query_int(db, &last, "SELECT last FROM wo_sequences WHERE year = ?", "i",
                          (int64_t)year);
    if (!rc)
        snprintf(out, n, "GD%d-%06lld", year, (long long)last);
    return rc;
}

static enum fz_err add_event(struct db *db, int64_t wo, const struct fz_user *actor,
                             const char *ts, const char *action, const char *from,
                             const char *to, const char *comment, json_t *data)
{
    char *d = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO wo_events(wo_id, ts, user_id, username, action, from_status, to_status,"
        " comment, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "itittttt" "t", wo, ts,
        actor ? actor->id : 0, actor ? actor->username : "system", action, from ? from : "",
        to ? to : "", comment ? comment : "", d ? d : "{}");
    free(d);
    return rc;
}

/* ---- create ---- */

static enum fz_err check_input(struct db *db, const struct wo_input *in, struct fz_problem *p)
{
    static const char *const channels[] = { "hotline", "board", "phone", "walkin",
                                            "open311", NULL };
    static const char *const urgencies[] = { "normal", "urgent", "critical", NULL };
    if (!in->channel || !str_in(in->channel, channels)) {
        fz_problem_set(p, "channel", NULL,
                       "来源渠道应为 hotline（12345转办）、board（网上留言板）、phone、walkin 或 open311");
        return FZ_EINVAL;
    }
    int64_t n = 0;
    if (!in->category || db_query_int(db, &n, "SELECT count(*) FROM wo_categories WHERE code = ?",
                                      "t", in->category) || !n) {
        fz_problem_set(p, "category", NULL, "工单类别不存在");
        return FZ_EINVAL;
    }
    if (in->urgency && !str_in(in->urgency, urgencies)) {
        fz_problem_set(p, "urgency", NULL, "紧急程度应为 normal、urgent 或 critical");
        return FZ_EINVAL;
    }
    if (str_empty(in->subject) || str_utf8_len(in->subject) > 200) {
        fz_problem_set(p, "subject", NULL, "标题不能为空，且不超过 200 个字符");
        return FZ_EINVAL;
    }
    if (in->content && str_utf8_len(in->content) > 4000) {
        fz_problem_set(p, "content", NULL, "内容不能超过 4000 个字符");
        return FZ_EINVAL;
    }
    if (in->citizen_phone && strlen(in->citizen_phone) > 32) {
        fz_problem_set(p, "citizen_phone", NULL, "电话不能超过 32 个字符");
        return FZ_EINVAL;
    }
    if (in->has_location && (in->lat < -90 || in->lat > 90 || in->lng < -180 ||
                             in->lng > 180)) {
        fz_problem_set(p, "lat", NULL, "经纬度超出范围");
        return FZ_EINVAL;
    }
    if (in->channel && str_eq(in->channel, "hotline") && str_empty(in->platform_no)) {
        fz_problem_set(p, "platform_no", NULL, "12345转办单须填写市平台工单编号");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

enum fz_err wo_create(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                      const struct wo_input *in, int64_t *id, struct fz_problem *p)
{
    enum fz_err rc = check_input(db, in, p);
    if (rc)
        return rc;
    time_t received = time(NULL);
    if (in->received_at && time_parse(in->received_at, &received)) {
        fz_problem_set(p, "received_at", NULL, "受理时间格式应为 ISO 8601");
        return FZ_EINVAL;
    }
    const char *urgency = in->urgency ? in->urgency : "normal";
    struct rule r;
    rc = load_rule(db, in->category, urgency, &r);
    time_t sign_due = 0, reply_due = 0;
    if (!rc && (calendar_deadline(cal, received, r.sign_minutes, r.sign_workdays, &sign_due) ||
                calendar_deadline(cal, received, r.reply_minutes, r.reply_workdays, &reply_due)))
        return year_missing(p, "received_at");
    if (rc)
        return rc;
    char no[32], rts[FZ_TS_LEN], sts[FZ_TS_LEN], dts[FZ_TS_LEN], now[FZ_TS_LEN];
    time_format(received, rts);
    time_format(sign_due, sts);
    time_format(reply_due, dts);
    time_now(now);
    struct tm tm;
    time_t local = received + (time_t)time_offset() * 60;
    gmtime_r(&local, &tm);
    rc = next_number(db, tm.tm_year + 1900, no, sizeof no);
    if (rc)
        return rc;
    char text[8400];
    snprintf(text, sizeof text, "%s %s", in->subject, in->content ? in->content : "");
    int64_t dup = find_duplicate(db, in->citizen_phone, text, received);
    rc = db_run(db, NULL,
        "INSERT INTO workorders(no, platform_no, channel, category, urgency, subject, content,"
        " citizen_name, citizen_phone, citizen_email, address, lat, lng, enterprise_uscc,"
        " received_at, sign_due, reply_due, duplicate_hint, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0),"
        " nullif(?, 0), ?, ?)",
        "tttttttttttddtttt" "iitt", no, str_empty(in->platform_no) ? NULL : in->platform_no,
        in->channel, in->category, urgency, in->subject, in->content ? in->content : "",
        in->citizen_name ? in->citizen_name : "", in->citizen_phone ? in->citizen_phone : "",
        in->citizen_email ? in->citizen_email : "", in->address ? in->address : "",
        in->has_location ? in->lat : NAN, in->has_location ? in->lng : NAN,
        in->enterprise_uscc ? in->enterprise_uscc : "", rts, sts, dts, dup,
        actor ? actor->id : 0, now, now);
    if (rc == FZ_ECONFLICT) {
        fz_problem_set(p, "platform_no", "duplicate", "市平台工单编号 %s 已登记",
                       in->platform_no ? in->platform_no : "");
        return rc;
    }
    if (rc)
        return rc;
    *id = db_last_id(db);
    if (!in->has_location)
        db_run(db, NULL, "UPDATE workorders SET lat = NULL, lng = NULL WHERE id = ?", "i", *id);
    json_t *data = dup ? json_pack("{s:I}", "duplicate_of", (json_int_t)dup) : NULL;
    rc = add_event(db, *id, actor, rts, "create", "", "received",
                   dup ? "疑似重复工单（同一电话、相近内容）" : "", data);
    json_decref(data);
    return rc;
}

/* ---- reading ---- */

#define WO_COLS                                                                        \
    "w.id, w.no, w.platform_no, w.channel, w.category, c.name AS category_name,"      \
    " w.urgency, w.subject, w.content, w.citizen_name, w.citizen_phone, w.citizen_email," \
    " w.address, w.lat, w.lng, w.enterprise_uscc, w.status, w.dept_id, d.name AS dept_name," \
    " w.handler_id, w.received_at, w.dispatched_at, w.signed_at, w.replied_at,"        \
    " w.visited_at, w.closed_at, w.sign_due, w.reply_due, w.paused_at, w.paused_workdays," \
    " w.ext_requested_days, w.ext_reason, w.extensions, w.supervised, w.supervised_at,"  \
    " w.overdue_at, w.reply_draft, w.reply_text, w.handling_workdays, w.callback_result," \
    " w.solved, w.reopen_count, w.merged_into, w.duplicate_hint, w.created_at,"         \
    " w.updated_at, w.version"

#define WO_FROM                                                                        \
    " FROM workorders w JOIN wo_categories c ON c.code = w.category"                    \
    " LEFT JOIN departments d ON d.id = w.dept_id"

/* the data scope of work orders: the handling department (or own = created/handled);
 * whoever registered an order keeps seeing it, and orders not yet dispatched are also
 * visible to whoever may dispatch them (派单员) */
#define WO_SCOPE                                                                       \
    "(" SCOPE_SQL("w.dept_id", "coalesce(w.handler_id, w.created_by)")                 \
    " OR w.created_by = ?3"                                                            \
    " OR (w.dept_id IS NULL AND EXISTS (SELECT 1 FROM user_roles ur JOIN"              \
    " role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = ?3"            \
    " AND rp.permission = 'workorder:dispatch')))"

static const char *status_name(const char *code)
{
    for (int i = 0; statuses[i].code; i++)
        if (str_eq(statuses[i].code, code))
            return statuses[i].name;
    return code;
}

static bool status_open(const char *code)
{
    for (int i = 0; statuses[i].code; i++)
        if (str_eq(statuses[i].code, code))
            return statuses[i].open;
    return false;
}

/* decorate: masking, flags and labels of one order row */
static void decorate(json_t *w, const struct fz_user *actor, time_t now, time_t near_secs)
{
    bool pii = !actor || http_has_perm(actor, "workorder:pii");
    if (!pii) {
        char m[96];
        wo_mask_phone(json_string_value(json_object_get(w, "citizen_phone")), m, sizeof m);
        json_object_set_new(w, "citizen_phone", json_string(m));
        wo_mask_name(json_string_value(json_object_get(w, "citizen_name")), m, sizeof m);
        json_object_set_new(w, "citizen_name", json_string(m));
        json_object_set_new(w, "citizen_email", json_string(""));
    }
    const char *st = json_string_value(json_object_get(w, "status"));
    json_object_set_new(w, "status_name", json_string(status_name(st)));
    time_t due = 0;
    const char *rd = json_string_value(json_object_get(w, "reply_due"));
    bool open = status_open(st);
    bool paused = json_is_string(json_object_get(w, "paused_at"));
    bool overdue = open && rd && !time_parse(rd, &due) && now > due && !paused;
    const char *replied = json_string_value(json_object_get(w, "replied_at"));
    time_t rt = 0;
    bool late = replied && rd && !time_parse(replied, &rt) && !time_parse(rd, &due) && rt > due;
    bool near = open && !overdue && !paused && due && due - now < near_secs;
    json_object_set_new(w, "overdue", json_boolean(overdue));
    json_object_set_new(w, "replied_late", json_boolean(late));
    json_object_set_new(w, "near_due", json_boolean(near));
    json_object_set_new(w, "supervised",
                        json_boolean(json_integer_value(json_object_get(w, "supervised"))));
    json_t *solved = json_object_get(w, "solved");
    if (json_is_integer(solved))
        json_object_set_new(w, "solved", json_boolean(json_integer_value(solved)));
}

enum fz_err wo_list(struct db *db, const struct fz_user *actor, const struct wo_filter *f,
                    json_t **items, int64_t *total)
{
    char now[FZ_TS_LEN], soon[FZ_TS_LEN];
    time_t t = time(NULL);
    time_t near = (time_t)db_setting_int(db, "workorder.near_due_hours", 24) * 3600;
    time_format(t, now);
    time_format(t + near, soon);
    static const char *const where =
        WO_FROM " WHERE " WO_SCOPE
        " AND (?4 IS NULL OR w.no LIKE ?4 ESCAPE '\\' OR w.platform_no LIKE ?4 ESCAPE '\\'"
        "  OR w.subject LIKE ?4 ESCAPE '\\' OR w.content LIKE ?4 ESCAPE '\\'"
        "  OR w.citizen_phone = ?17)"
        " AND (?5 IS NULL OR w.status = ?5 OR (?5 = 'open' AND w.status IN ('received',"
        "  'dispatched', 'signed', 'in_progress', 'drafted', 'reviewed')))"
        " AND (?6 IS NULL OR w.category = ?6) AND (?7 IS NULL OR w.channel = ?7)"
        " AND (?8 IS NULL OR w.urgency = ?8) AND (?9 = 0 OR w.dept_id = ?9)"
        " AND (?10 IS NULL OR w.received_at >= ?10) AND (?11 IS NULL OR w.received_at <= ?11)"
        " AND (?12 IS NULL"
        "  OR (?12 = 'overdue' AND w.status IN ('received', 'dispatched', 'signed',"
        "      'in_progress', 'drafted', 'reviewed') AND w.paused_at IS NULL"
        "      AND w.reply_due < ?13)"
        "  OR (?12 = 'near_due' AND w.status IN ('received', 'dispatched', 'signed',"
        "      'in_progress', 'drafted', 'reviewed') AND w.paused_at IS NULL"
        "      AND w.reply_due >= ?13 AND w.reply_due < ?14)"
        "  OR (?12 = 'supervised' AND w.supervised = 1)"
        "  OR (?12 = 'paused' AND w.paused_at IS NOT NULL)"
        "  OR (?12 = 'duplicate' AND w.duplicate_hint IS NOT NULL AND w.merged_into IS NULL)"
        "  OR (?12 = 'late' AND w.replied_at > w.reply_due))"
        " AND (w.merged_into IS NULL OR ?18 = 1 OR ?12 = 'duplicate')";
    char sql[4096];
    char *q = str_like(f->q);
    snprintf(sql, sizeof sql, "SELECT count(*) %s", where);
    /* ?15 ?16 are the page; ?17 the raw keyword (an exact phone number) */
    enum fz_err rc = db_query_int(db, total, sql, "iiittttt" "itttttiiti", SCOPE_ARGS(actor),
                                  q, f->status, f->category, f->channel, f->urgency,
                                  f->dept_id, f->from, f->to, f->flag, now, soon,
                                  (int64_t)0, (int64_t)0, f->q, (int64_t)f->include_merged);
    if (!rc) {
        snprintf(sql, sizeof sql, "SELECT " WO_COLS " %s ORDER BY %s LIMIT ?15 OFFSET ?16",
                 where, f->order);
        rc = db_query_json(db, items, sql, "iiittttt" "itttttiiti", SCOPE_ARGS(actor), q,
                           f->status, f->category, f->channel, f->urgency, f->dept_id,
                           f->from, f->to, f->flag, now, soon, f->limit, f->offset, f->q,
                           (int64_t)f->include_merged);
    }
    free(q);
    if (rc)
        return rc;
    size_t i;
    json_t *w;
    json_array_foreach(*items, i, w)
        decorate(w, actor, t, near);
    return FZ_OK;
}

static enum fz_err load_order(struct db *db, const struct fz_user *actor, int64_t id,
                              json_t **out)
{
    return db_query_row(db, out, "SELECT " WO_COLS WO_FROM " WHERE w.id = ?4 AND " WO_SCOPE,
                        "iiii", SCOPE_ARGS(actor), id);
}

static json_t *allowed_actions(const struct fz_user *actor, json_t *w);

enum fz_err wo_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out)
{
    json_t *w = NULL;
    enum fz_err rc = load_order(db, actor, id, &w);
    if (rc)
        return rc;
    json_t *events = NULL;
    rc = db_query_json(db, &events,
                       "SELECT e.id, e.ts, e.username, coalesce(u.display_name, e.username)"
                       " AS display_name, e.action, e.from_status, e.to_status, e.comment,"
                       " e.data FROM wo_events e LEFT JOIN users u ON u.id = e.user_id"
                       " WHERE e.wo_id = ? ORDER BY e.id", "i", id);
    if (rc) {
        json_decref(w);
        return rc;
    }
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e) {
        json_t *d = json_loads(json_string_value(json_object_get(e, "data")), 0, NULL);
        json_object_set_new(e, "data", d ? d : json_object());
    }
    json_object_set_new(w, "allowed_actions", allowed_actions(actor, w));
    decorate(w, actor, time(NULL),
             (time_t)db_setting_int(db, "workorder.near_due_hours", 24) * 3600);
    json_object_set_new(w, "events", events);
    *out = w;
    return FZ_OK;
}

/* ---- the lifecycle ---- */

/* what an action function gets: the order as loaded, the body, and where to write */
struct act {
    struct db *db;
    const struct calendar *cal;
    const struct fz_user *actor;
    int64_t id;
    json_t *w;                  /* the order row (borrowed) */
    json_t *body;               /* the request body (borrowed) */
    const char *to;             /* resulting status; an action may change it */
    const char *comment;
    json_t *data;               /* event data (owned; may stay NULL) */
    char now[FZ_TS_LEN];
    time_t t;
    struct fz_problem *p;
};

static const char *body_str(struct act *a, const char *k)
{
    const char *s = json_string_value(json_object_get(a->body, k));
    return str_empty(s) ? NULL : s;
}

static enum fz_err need_text(struct act *a, const char *field, const char *what,
                             const char **out)
{
    json_t *v = json_object_get(a->body, field);
    if (v && !json_is_string(v)) {
        fz_problem_set(a->p, field, NULL, "字段 %s 应为字符串", field);
        return FZ_EINVAL;
    }
    *out = body_str(a, field);
    if (!*out) {
        fz_problem_set(a->p, field, NULL, "%s不能为空", what);
        return FZ_EINVAL;
    }
    if (str_utf8_len(*out) > 4000) {
        fz_problem_set(a->p, field, NULL, "%s不能超过 4000 个字符", what);
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err set_ts(struct act *a, const char *sql)
{
    return db_run(a->db, NULL, sql, "ti", a->now, a->id);
}

static enum fz_err do_dispatch(struct act *a)
{
    json_t *v = json_object_get(a->body, "dept_id");
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        fz_problem_set(a->p, "dept_id", NULL, "请选择承办部门（dept_id）");
        return FZ_EINVAL;
    }
    int64_t dept = json_integer_value(v), n = 0;
    enum fz_err rc = db_query_int(a->db, &n, "SELECT count(*) FROM departments WHERE id = ?",
                                  "i", dept);
    if (!rc && !n) {
        fz_problem_set(a->p, "dept_id", NULL, "承办部门不存在");
        return FZ_EINVAL;
    }
    a->comment = body_str(a, "comment");
    a->data = json_pack("{s:I}", "dept_id", (json_int_t)dept);
    if (!rc)
        rc = db_run(a->db, NULL,
                    "UPDATE workorders SET dept_id = ?, dispatched_at = ?, handler_id = NULL"
                    " WHERE id = ?", "iti", dept, a->now, a->id);
    return rc;
}

/* the signer must belong to the handling department (or see all) */
static enum fz_err in_handling_dept(struct act *a)
{
    if (a->actor->scope == SCOPE_ALL)
        return FZ_OK;
    int64_t dept = json_integer_value(json_object_get(a->w, "dept_id")), n = 0;
    enum fz_err rc = db_query_int(a->db, &n,
        "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT d.id FROM departments d"
        " JOIN sub ON d.parent_id = sub.id) SELECT count(*) FROM sub WHERE id = ?", "ii",
        a->actor->dept_id, dept);
    if (!rc && !n) {
        fz_problem_set(a->p, NULL, "not_handling_dept", "只有承办部门的人员可以办理该工单");
        return FZ_EFORBIDDEN;
    }
    return rc;
}

static enum fz_err do_sign(struct act *a)
{
    enum fz_err rc = in_handling_dept(a);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET signed_at = ?, handler_id = ?"
                    " WHERE id = ?", "tii", a->now, a->actor->id, a->id);
    return rc;
}

static enum fz_err do_return(struct act *a)
{
    enum fz_err rc = need_text(a, "reason", "退单理由", &a->comment);
    if (!rc)
        rc = in_handling_dept(a);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET dept_id = NULL, handler_id = NULL,"
                    " dispatched_at = NULL, signed_at = NULL WHERE id = ?", "i", a->id);
    return rc;
}

static enum fz_err do_start(struct act *a)
{
    return in_handling_dept(a);
}

static enum fz_err do_draft(struct act *a)
{
    const char *text = NULL;
    enum fz_err rc = need_text(a, "reply", "答复内容", &text);
    if (!rc)
        rc = in_handling_dept(a);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET reply_draft = ? WHERE id = ?", "ti",
                    text, a->id);
    a->data = json_pack("{s:s}", "reply", text ? text : "");
    return rc;
}

static enum fz_err do_review(struct act *a)
{
    int64_t drafter = 0;
    if (!db_query_int(a->db, &drafter, "SELECT user_id FROM wo_events WHERE wo_id = ? AND"
                      " action = 'draft' ORDER BY id DESC LIMIT 1", "i", a->id) &&
        a->actor && drafter == a->actor->id) {
        fz_problem_set(a->p, "action", "self_review", "不能审核本人拟写的答复");
        return FZ_EFORBIDDEN;
    }
    json_t *v = json_object_get(a->body, "approve");
    if (!json_is_boolean(v)) {
        fz_problem_set(a->p, "approve", NULL, "请选择审核结论（approve: true/false）");
        return FZ_EINVAL;
    }
    a->comment = body_str(a, "comment");
    if (!json_is_true(v)) {
        if (!a->comment) {
            fz_problem_set(a->p, "comment", NULL, "退回修改须填写审核意见");
            return FZ_EINVAL;
        }
        a->to = "in_progress";
    }
    a->data = json_pack("{s:b}", "approve", json_is_true(v));
    return FZ_OK;
}

static enum fz_err do_reply(struct act *a)
{
    const char *received = json_string_value(json_object_get(a->w, "received_at"));
    time_t rt = 0;
    int wd = 0;
    enum fz_err rc = time_parse(received, &rt) ? FZ_EINTERNAL : FZ_OK;
    if (!rc && calendar_workdays_between(a->cal, local_day(rt), local_day(a->t), &wd))
        return year_missing(a->p, NULL);
    wd -= (int)json_integer_value(json_object_get(a->w, "paused_workdays"));
    if (wd < 0)
        wd = 0;
    /* the first reply counts for the figures; a reply after reopening keeps it */
    if (!rc)
        rc = db_run(a->db, NULL,
                    "UPDATE workorders SET reply_text = reply_draft,"
                    " replied_at = coalesce(replied_at, ?),"
                    " handling_workdays = coalesce(handling_workdays, ?) WHERE id = ?",
                    "tii", a->now, (int64_t)wd, a->id);
    return rc;
}

static enum fz_err do_callback(struct act *a)
{
    static const char *const results[] = { "satisfied", "basic", "dissatisfied",
                                           "unreachable", NULL };
    const char *r = body_str(a, "result");
    if (!r || !str_in(r, results)) {
        fz_problem_set(a->p, "result", NULL,
                       "回访结果应为 satisfied（满意）、basic（基本满意）、dissatisfied（不满意）或 unreachable（无法联系）");
        return FZ_EINVAL;
    }
    json_t *solved = json_object_get(a->body, "solved");
    if (solved && !json_is_boolean(solved) && !json_is_null(solved)) {
        fz_problem_set(a->p, "solved", NULL, "solved 应为 true 或 false");
        return FZ_EINVAL;
    }
    if (!str_eq(r, "unreachable") && !json_is_boolean(solved)) {
        fz_problem_set(a->p, "solved", NULL, "请填写诉求是否解决（solved）");
        return FZ_EINVAL;
    }
    a->comment = body_str(a, "comment");
    a->data = json_pack("{s:s, s:O}", "result", r, "solved", solved ? solved : json_null());
    return db_run(a->db, NULL,
                  "UPDATE workorders SET callback_result = ?, solved = nullif(?, -1),"
                  " visited_at = ?"
                  " WHERE id = ?", "titi", r,
                  (int64_t)(json_is_boolean(solved) ? json_is_true(solved) : -1), a->now,
                  a->id);
}

static enum fz_err do_close(struct act *a)
{
    a->comment = body_str(a, "comment");
    return set_ts(a, "UPDATE workorders SET closed_at = ? WHERE id = ?");
}

static enum fz_err do_reopen(struct act *a)
{
    enum fz_err rc = need_text(a, "reason", "重新办理理由", &a->comment);
    struct rule r;
    if (!rc)
        rc = load_rule(a->db, json_string_value(json_object_get(a->w, "category")),
                       json_string_value(json_object_get(a->w, "urgency")), &r);
    time_t due = 0;
    if (!rc && calendar_deadline(a->cal, a->t, r.reply_minutes, r.reply_workdays, &due))
        return year_missing(a->p, NULL);
    char dts[FZ_TS_LEN];
    time_format(due, dts);
    if (!rc)
        rc = db_run(a->db, NULL,
                    "UPDATE workorders SET reopen_count = reopen_count + 1, reply_due = ?,"
                    " closed_at = NULL, visited_at = NULL, callback_result = NULL,"
                    " solved = NULL, overdue_at = NULL WHERE id = ?", "ti", dts, a->id);
    return rc;
}

static enum fz_err do_extend_request(struct act *a)
{
    json_t *v = json_object_get(a->body, "days");
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 60) {
        fz_problem_set(a->p, "days", NULL, "延期天数应为 1-60 个工作日");
        return FZ_EINVAL;
    }
    if (json_is_integer(json_object_get(a->w, "ext_requested_days"))) {
        fz_problem_set(a->p, "action", "extension_pending", "已有待审批的延期申请");
        return FZ_ECONFLICT;
    }
    enum fz_err rc = need_text(a, "reason", "延期理由", &a->comment);
    a->data = json_pack("{s:I}", "days", json_integer_value(v));
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET ext_requested_days = ?, ext_reason = ?"
                    " WHERE id = ?", "iti", (int64_t)json_integer_value(v), a->comment, a->id);
    return rc;
}

/* shift_due: the reply deadline moved n working days (or kept as clock time + secs) */
static enum fz_err shift_due(struct act *a, int n, struct fz_problem *p)
{
    time_t due = 0;
    const char *rd = json_string_value(json_object_get(a->w, "reply_due"));
    if (!rd || time_parse(rd, &due))
        return FZ_EINTERNAL;
    int32_t day = 0;
    if (calendar_add_workdays(a->cal, local_day(due), n, &day))
        return year_missing(p, NULL);
    time_t moved = due + (time_t)(day - local_day(due)) * 86400;
    char dts[FZ_TS_LEN];
    time_format(moved, dts);
    return db_run(a->db, NULL, "UPDATE workorders SET reply_due = ?, overdue_at = NULL"
                  " WHERE id = ?", "ti", dts, a->id);
}

static enum fz_err do_extend_approve(struct act *a)
{
    json_t *req = json_object_get(a->w, "ext_requested_days");
    if (!json_is_integer(req)) {
        fz_problem_set(a->p, "action", "no_extension_request", "没有待审批的延期申请");
        return FZ_ECONFLICT;
    }
    json_t *v = json_object_get(a->body, "approve");
    if (!json_is_boolean(v)) {
        fz_problem_set(a->p, "approve", NULL, "请选择是否批准（approve: true/false）");
        return FZ_EINVAL;
    }
    a->comment = body_str(a, "comment");
    a->data = json_pack("{s:b, s:I}", "approve", json_is_true(v), "days",
                        json_integer_value(req));
    enum fz_err rc = FZ_OK;
    if (json_is_true(v)) {
        rc = shift_due(a, (int)json_integer_value(req), a->p);
        if (!rc)
            rc = db_run(a->db, NULL, "UPDATE workorders SET extensions = extensions + 1"
                        " WHERE id = ?", "i", a->id);
    }
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET ext_requested_days = NULL,"
                    " ext_reason = NULL WHERE id = ?", "i", a->id);
    return rc;
}

static enum fz_err do_supervise(struct act *a)
{
    enum fz_err rc = need_text(a, "comment", "督办意见", &a->comment);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET supervised = 1,"
                    " supervised_at = coalesce(supervised_at, ?) WHERE id = ?", "ti", a->now,
                    a->id);
    return rc;
}

static enum fz_err do_pause(struct act *a)
{
    if (json_is_string(json_object_get(a->w, "paused_at"))) {
        fz_problem_set(a->p, "action", "already_paused", "工单已处于暂停计时状态");
        return FZ_ECONFLICT;
    }
    enum fz_err rc = need_text(a, "reason", "暂停理由（如等待群众补充材料）", &a->comment);
    if (!rc)
        rc = set_ts(a, "UPDATE workorders SET paused_at = ? WHERE id = ?");
    return rc;
}

static enum fz_err do_resume(struct act *a)
{
    const char *ps = json_string_value(json_object_get(a->w, "paused_at"));
    time_t pt = 0;
    if (!ps || time_parse(ps, &pt)) {
        fz_problem_set(a->p, "action", "not_paused", "工单未暂停计时");
        return FZ_ECONFLICT;
    }
    int wd = 0;
    if (calendar_workdays_between(a->cal, local_day(pt), local_day(a->t), &wd))
        return year_missing(a->p, NULL);
    a->comment = body_str(a, "comment");
    a->data = json_pack("{s:i}", "paused_workdays", wd);
    enum fz_err rc = shift_due(a, wd, a->p);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET paused_at = NULL,"
                    " paused_workdays = paused_workdays + ? WHERE id = ?", "ii", (int64_t)wd,
                    a->id);
    return rc;
}

static enum fz_err do_merge(struct act *a)
{
    json_t *v = json_object_get(a->body, "into");
    if (!json_is_integer(v) || json_integer_value(v) == a->id) {
        fz_problem_set(a->p, "into", NULL, "请指定要合并到的工单（into，不能是本工单）");
        return FZ_EINVAL;
    }
    int64_t into = json_integer_value(v), n = 0;
    enum fz_err rc = db_query_int(a->db, &n,
                                  "SELECT count(*) FROM workorders WHERE id = ? AND"
                                  " merged_into IS NULL", "i", into);
    if (!rc && !n) {
        fz_problem_set(a->p, "into", NULL, "目标工单不存在或已被合并");
        return FZ_EINVAL;
    }
    a->comment = body_str(a, "comment");
    a->data = json_pack("{s:I}", "into", (json_int_t)into);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE workorders SET merged_into = ?, closed_at = ?,"
                    " reply_text = '重复诉求，已合并办理' WHERE id = ?", "iti", into, a->now, a->id);
    if (!rc)
        rc = add_event(a->db, into, a->actor, a->now, "merged_from", "", "", "合并了重复工单",
                       a->data);
    return rc;
}

static enum fz_err do_comment(struct act *a)
{
    return need_text(a, "comment", "备注", &a->comment);
}

#define OPEN "received dispatched signed in_progress drafted reviewed"
#define HANDLING "signed in_progress drafted reviewed"

static const struct wo_action {
    const char *name;
    const char *label;
    const char *perm;
    const char *from;           /* space-separated states */
    const char *to;             /* NULL: unchanged */
    enum fz_err (*fn)(struct act *a);
} actions[] = {
    { "dispatch", "派单", "workorder:dispatch", "received", "dispatched", do_dispatch },
    { "sign", "签收", "workorder:handle", "dispatched", "signed", do_sign },
    { "return", "退单", "workorder:handle", "dispatched signed", "received", do_return },
    { "start", "开始办理", "workorder:handle", "signed", "in_progress", do_start },
    { "draft", "拟写答复", "workorder:handle", "in_progress drafted", "drafted", do_draft },
    { "review", "审核答复", "workorder:review", "drafted", "reviewed", do_review },
    { "reply", "答复群众", "workorder:handle", "reviewed", "replied", do_reply },
    { "callback", "回访", "workorder:handle", "replied", "visited", do_callback },
    { "close", "办结", "workorder:handle", "visited", "closed", do_close },
    { "reopen", "重新办理", "workorder:dispatch", "visited closed", "in_progress", do_reopen },
    { "extend_request", "申请延期", "workorder:handle", HANDLING, NULL, do_extend_request },
    { "extend_approve", "审批延期", "workorder:approve", HANDLING, NULL, do_extend_approve },
    { "supervise", "督办", "workorder:approve", OPEN, NULL, do_supervise },
    { "pause", "暂停计时", "workorder:handle", HANDLING, NULL, do_pause },
    { "resume", "恢复计时", "workorder:handle", HANDLING, NULL, do_resume },
    { "merge", "合并重复工单", "workorder:dispatch", "received dispatched", "closed", do_merge },
    { "comment", "备注", "workorder:read", OPEN " replied visited closed", NULL, do_comment },
    { NULL, NULL, NULL, NULL, NULL, NULL },
};

/* applies: the order's own preconditions of the actions that have them, so the list of
 * allowed actions offers nothing the action itself would refuse */
static bool applies(const struct wo_action *x, json_t *w)
{
    bool paused = json_is_string(json_object_get(w, "paused_at"));
    bool pending = json_is_integer(json_object_get(w, "ext_requested_days"));
    if (str_eq(x->name, "pause"))
        return !paused;
    if (str_eq(x->name, "resume"))
        return paused;
    if (str_eq(x->name, "extend_request"))
        return !pending;
    if (str_eq(x->name, "extend_approve"))
        return pending;
    return true;
}

/* allowed_actions: the actions whose state, preconditions and permission fit (new array) */
static json_t *allowed_actions(const struct fz_user *actor, json_t *w)
{
    const char *st = json_string_value(json_object_get(w, "status"));
    bool merged = json_is_integer(json_object_get(w, "merged_into"));
    json_t *arr = json_array();
    for (const struct wo_action *x = actions; x->name && !merged; x++)
        if (str_in_words(x->from, st) && applies(x, w) && (!actor || http_has_perm(actor, x->perm)))
            json_array_append_new(arr, json_pack("{s:s, s:s}", "action", x->name, "label",
                                                 x->label));
    return arr;
}

enum fz_err wo_act(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                   int64_t id, json_t *body, json_t **allowed, char summary[160],
                   struct fz_problem *p)
{
    return wo_act_at(db, cal, actor, id, body, time(NULL), allowed, summary, p);
}

enum fz_err wo_act_at(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                      int64_t id, json_t *body, time_t at, json_t **allowed,
                      char summary[160], struct fz_problem *p)
{
    const char *name = json_string_value(json_object_get(body, "action"));
    const struct wo_action *x = actions;
    while (x->name && !str_eq(x->name, name))
        x++;
    struct act a = { .db = db, .cal = cal, .actor = actor, .id = id, .body = body, .p = p };
    enum fz_err rc = load_order(db, actor, id, &a.w);
    if (rc)
        return rc;
    const char *st = json_string_value(json_object_get(a.w, "status"));
    if (!x->name) {
        fz_problem_set(p, "action", NULL, "未知的操作 %s", name ? name : "（空）");
        rc = FZ_EINVAL;
    } else if (!str_in_words(x->from, st) || json_is_integer(json_object_get(a.w, "merged_into"))) {
        fz_problem_set(p, "action", "invalid_transition", "工单当前状态为“%s”，不能执行“%s”",
                       status_name(st), x->label);
        rc = FZ_ECONFLICT;
    } else if (!http_has_perm(actor, x->perm)) {
        fz_problem_set(p, "action", NULL, "没有执行“%s”的权限", x->label);
        rc = FZ_EFORBIDDEN;
    }
    if (rc == FZ_ECONFLICT && allowed)
        *allowed = allowed_actions(actor, a.w);
    if (!rc) {
        a.t = at;
        time_format(a.t, a.now);
        a.to = x->to;
        rc = x->fn(&a);
        if (rc == FZ_ECONFLICT && allowed)
            *allowed = allowed_actions(actor, a.w);
    }
    const char *to = a.to ? a.to : st;
    if (!rc && !str_eq(to, st))
        rc = db_run(db, NULL, "UPDATE workorders SET status = ? WHERE id = ?", "ti", to, id);
    if (!rc)
        rc = db_run(db, NULL, "UPDATE workorders SET updated_at = ?, version = version + 1"
                    " WHERE id = ?", "ti", a.now, id);
    if (!rc)
        rc = add_event(db, id, actor, a.now, x->name, st, to, a.comment, a.data);
    if (!rc)
        snprintf(summary, 160, "工单 %s %s（%s → %s）",
                 json_string_value(json_object_get(a.w, "no")), x->label, status_name(st),
                 status_name(to));
    json_decref(a.data);
    json_decref(a.w);
    return rc;
}

/* ---- figures ---- */

/* One query computes every figure of a group; rates are derived in C from the counts so
 * the definitions (DOMAIN.md §5.4) live in one place:
 *   答复率 reply_rate = replied / received
 *   按时答复率 on_time_rate = replied on time / received
 *   解决率 resolution_rate = solved / callbacks reached (excluding unreachable)
 *   满意率 satisfaction_rate = (satisfied [+ basic]) / rated (excluding unreachable)
 * received excludes orders merged into another (duplicates). */
#define FIGURES                                                                        \
    " count(*) AS received,"                                                           \
    " sum(w.signed_at IS NOT NULL) AS signed,"                                         \
    " sum(w.signed_at IS NOT NULL AND w.signed_at <= w.sign_due) AS signed_on_time,"   \
    " sum(w.replied_at IS NOT NULL) AS replied,"                                       \
    " sum(w.replied_at IS NOT NULL AND w.replied_at <= w.reply_due) AS replied_on_time," \
    " sum(w.status = 'closed') AS closed,"                                             \
    " sum(w.callback_result IS NOT NULL AND w.callback_result <> 'unreachable') AS rated," \
    " sum(w.callback_result = 'satisfied') AS satisfied,"                              \
    " sum(w.callback_result = 'basic') AS basic,"                                      \
    " sum(w.callback_result = 'dissatisfied') AS dissatisfied,"                        \
    " sum(w.solved = 1) AS solved,"                                                    \
    " sum((w.replied_at IS NULL AND w.paused_at IS NULL AND w.reply_due < ?4)"         \
    "     OR w.replied_at > w.reply_due) AS overdue,"                                  \
    " sum(w.replied_at IS NULL AND w.paused_at IS NULL AND w.reply_due < ?4) AS open_overdue," \
    " sum(w.supervised) AS supervised, sum(w.extensions > 0) AS extended"

#define STATS_WHERE                                                                    \
    " FROM workorders w LEFT JOIN departments d ON d.id = w.dept_id"                   \
    " JOIN wo_categories c ON c.code = w.category WHERE w.merged_into IS NULL AND "    \
    WO_SCOPE " AND w.received_at >= ?5 AND w.received_at <= ?6"                        \
    " AND (?7 = 0 OR w.dept_id = ?7) AND (?8 IS NULL OR w.category = ?8)"

static double ratio(json_int_t a, json_int_t b)
{
    return b ? round(10000.0 * (double)a / (double)b) / 100.0 : 0.0;
}

static void derive_rates(json_t *g, bool basic_counts)
{
    const char *keys[] = { "received", "signed", "signed_on_time", "replied",
                           "replied_on_time", "closed", "rated", "satisfied", "basic",
                           "dissatisfied", "solved", "overdue", "open_overdue",
                           "supervised", "extended", NULL };
    for (int i = 0; keys[i]; i++)      /* sum() over no rows is NULL */
        if (!json_is_integer(json_object_get(g, keys[i])))
            json_object_set_new(g, keys[i], json_integer(0));
#define V(k) json_integer_value(json_object_get(g, k))
    json_t *avg = json_object_get(g, "avg_handling_workdays");
    json_object_set_new(g, "avg_handling_workdays",
                        json_real(json_is_number(avg)
                                      ? round(json_number_value(avg) * 100) / 100 : 0));
    json_object_set_new(g, "reply_rate", json_real(ratio(V("replied"), V("received"))));
    json_object_set_new(g, "on_time_rate", json_real(ratio(V("replied_on_time"),
                                                           V("received"))));
    json_object_set_new(g, "sign_on_time_rate", json_real(ratio(V("signed_on_time"),
                                                                V("received"))));
    json_object_set_new(g, "resolution_rate", json_real(ratio(V("solved"), V("rated"))));
    json_object_set_new(g, "satisfaction_rate",
                        json_real(ratio(V("satisfied") + (basic_counts ? V("basic") : 0),
                                        V("rated"))));
#undef V
}

/* The counted fields of a group; every figure is a sum of these over the rows of the
 * one grouped query, so totals, departments, categories and months come from a single
 * scan of the period (1,000,000 orders: one pass, not four). */
static const char *const counted[] = {
    "received", "signed", "signed_on_time", "replied", "replied_on_time", "closed", "rated",
    "satisfied", "basic", "dissatisfied", "solved", "overdue", "open_overdue", "supervised",
    "extended", "hw_sum", "hw_n", NULL,
};

/* add_into: add the counted fields of row r into the group keyed `key` of index,
 * creating it with the label fields named in labels */
static void add_into(json_t *index, const char *key, json_t *r, const char *const *labels)
{
    json_t *g = json_object_get(index, key);
    if (!g) {
        g = json_object();
        for (int i = 0; labels && labels[i]; i++)
            json_object_set(g, labels[i], json_object_get(r, labels[i]));
        for (int i = 0; counted[i]; i++)
            json_object_set_new(g, counted[i], json_integer(0));
        json_object_set_new(index, key, g);
    }
    for (int i = 0; counted[i]; i++) {
        json_int_t v = json_integer_value(json_object_get(r, counted[i]));
        json_object_set_new(g, counted[i],
                            json_integer(json_integer_value(json_object_get(g, counted[i])) + v));
    }
}

/* finish: the groups of index as an array with the average and rates derived */
static json_t *finish(json_t *index, bool basic)
{
    json_t *arr = json_array();
    const char *k;
    json_t *g;
    json_object_foreach(index, k, g) {
        json_int_t n = json_integer_value(json_object_get(g, "hw_n"));
        json_int_t sum = json_integer_value(json_object_get(g, "hw_sum"));
        json_object_set_new(g, "avg_handling_workdays", n ? json_real((double)sum / (double)n)
                                                          : json_null());
        json_object_del(g, "hw_n");
        json_object_del(g, "hw_sum");
        derive_rates(g, basic);
        json_array_append(arr, g);
    }
    return arr;
}

static int by_received_desc(const void *a, const void *b)
{
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "received"));
    json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "received"));
    return (x < y) - (x > y);
}

static int by_key(const void *a, const void *b, const char *key)
{
    json_t *x = json_object_get(*(json_t *const *)a, key);
    json_t *y = json_object_get(*(json_t *const *)b, key);
    if (json_is_integer(x))
        return (json_integer_value(x) > json_integer_value(y)) -
               (json_integer_value(x) < json_integer_value(y));
    return strcmp(json_string_value(x) ? json_string_value(x) : "",
                  json_string_value(y) ? json_string_value(y) : "");
}

static int by_sort(const void *a, const void *b)
{
    return by_key(a, b, "category_sort");
}

static int by_month(const void *a, const void *b)
{
    return by_key(a, b, "month");
}

/* sorted: arr ordered by cmp (jansson arrays have no sort: copy out and back) */
static json_t *sorted(json_t *arr, int (*cmp)(const void *, const void *))
{
    size_t n = json_array_size(arr);
    json_t **v = calloc(n ? n : 1, sizeof *v);
    json_t *out = json_array();
    for (size_t i = 0; v && i < n; i++)
        v[i] = json_array_get(arr, i);
    if (v)
        qsort(v, n, sizeof *v, cmp);
    for (size_t i = 0; v && i < n; i++)
        json_array_append(out, v[i]);
    free(v);
    json_decref(arr);
    return out;
}

enum fz_err wo_stats(struct db *db, const struct fz_user *actor, const char *from,
                     const char *to, int64_t dept_id, const char *category, json_t **out)
{
    char now[FZ_TS_LEN];
    time_now(now);
    bool basic = db_setting_int(db, "workorder.basic_counts_satisfied", 1) != 0;
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(db, &rows,
        "SELECT w.dept_id, coalesce(d.name, '未派单') AS dept_name, w.category,"
        " c.name AS category_name, c.sort AS category_sort,"
        " substr(w.received_at, 1, 7) AS month," FIGURES
        ", coalesce(sum(w.handling_workdays), 0) AS hw_sum, count(w.handling_workdays) AS hw_n"
        STATS_WHERE " GROUP BY w.dept_id, d.name, w.category, c.name, c.sort, month",
        "iiitttit", SCOPE_ARGS(actor), now, from, to, dept_id, category);
    if (rc)
        return rc;
    json_t *tot = json_object(), *dep = json_object(), *cat = json_object();
    json_t *mon = json_object();
    static const char *const dl[] = { "dept_id", "dept_name", NULL };
    static const char *const cl[] = { "category", "category_name", "category_sort", NULL };
    static const char *const ml[] = { "month", NULL };
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        char dk[32];
        snprintf(dk, sizeof dk, "%lld",
                 (long long)json_integer_value(json_object_get(r, "dept_id")));
        add_into(tot, "all", r, NULL);
        add_into(dep, dk, r, dl);
        add_into(cat, json_string_value(json_object_get(r, "category")), r, cl);
        add_into(mon, json_string_value(json_object_get(r, "month")), r, ml);
    }
    json_decref(rows);
    if (!json_object_get(tot, "all")) {
        json_t *none = json_object();
        add_into(tot, "all", none, NULL);
        json_decref(none);
    }
    json_t *totals = finish(tot, basic);
    json_t *t = json_incref(json_array_get(totals, 0));
    json_decref(totals);
    json_t *by_cat = sorted(finish(cat, basic), by_sort);
    json_array_foreach(by_cat, i, r)
        json_object_del(r, "category_sort");
    *out = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:{s:s, s:s, s:s, s:s, s:b}}",
                     "from", from, "to", to, "totals", t, "by_dept",
                     sorted(finish(dep, basic), by_received_desc), "by_category", by_cat,
                     "by_month", sorted(finish(mon, basic), by_month), "definitions",
                     "reply_rate", "答复率 = 已答复 / 受理量", "on_time_rate",
                     "按时答复率 = 期限内答复 / 受理量", "resolution_rate",
                     "解决率 = 回访确认已解决 / 回访成功数（不含无法联系）",
                     "satisfaction_rate", "满意率 = (满意 + 基本满意) / 回访成功数",
                     "basic_counts_satisfied", basic);
    json_decref(tot);
    json_decref(dep);
    json_decref(cat);
    json_decref(mon);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* ---- the sweep ---- */

enum fz_err wo_sweep(struct db *db, time_t now, int *n)
{
    char ts[FZ_TS_LEN];
    time_format(now, ts);
    json_t *ids = NULL;
    enum fz_err rc = db_query_json(db, &ids,
        "SELECT id, status FROM workorders WHERE overdue_at IS NULL AND paused_at IS NULL"
        " AND merged_into IS NULL AND status IN ('received', 'dispatched', 'signed',"
        " 'in_progress', 'drafted', 'reviewed') AND reply_due < ? LIMIT 1000", "t", ts);
    if (rc)
        return rc;
    size_t i;
    json_t *r;
    *n = 0;
    json_array_foreach(ids, i, r) {
        int64_t id = json_integer_value(json_object_get(r, "id"));
        rc = db_run(db, NULL, "UPDATE workorders SET overdue_at = ? WHERE id = ?", "ti", ts,
                    id);
        if (!rc)
            rc = add_event(db, id, NULL, ts, "overdue",
                           json_string_value(json_object_get(r, "status")),
                           json_string_value(json_object_get(r, "status")), "已超过答复期限",
                           NULL);
        if (rc)
            break;
        (*n)++;
    }
    json_decref(ids);
    return rc;
}

/* ---- categories and rules ---- */

enum fz_err wo_categories(struct db *db, json_t **items)
{
    return db_query_json(db, items,
                         "SELECT code, name, description, keywords, grp, open311, sort"
                         " FROM wo_categories ORDER BY sort", "");
}

enum fz_err wo_rules(struct db *db, json_t **items)
{
    return db_query_json(db, items,
                         "SELECT r.id, r.category, c.name AS category_name, r.urgency,"
                         " r.sign_minutes, r.sign_workdays, r.reply_minutes, r.reply_workdays,"
                         " r.basis, r.version FROM wo_deadline_rules r LEFT JOIN wo_categories c"
                         " ON c.code = r.category ORDER BY r.category IS NOT NULL, r.category,"
                         " r.urgency", "");
}

enum fz_err wo_rule_update(struct db *db, int64_t id, int64_t version, json_t *body,
                           struct fz_problem *p)
{
    static const char *const keys[] = { "sign_minutes", "sign_workdays", "reply_minutes",
                                        "reply_workdays", NULL };
    int64_t v[4];
    json_t *cur = NULL;
    enum fz_err rc = db_query_row(db, &cur,
                                  "SELECT sign_minutes, sign_workdays, reply_minutes,"
                                  " reply_workdays, version FROM wo_deadline_rules WHERE id = ?",
                                  "i", id);
    if (rc)
        return rc;
    for (int i = 0; keys[i]; i++) {
        json_t *x = json_object_get(body, keys[i]);
        v[i] = json_integer_value(json_object_get(cur, keys[i]));
        if (x && (!json_is_integer(x) || json_integer_value(x) < 0 ||
                  json_integer_value(x) > 100000)) {
            fz_problem_set(p, keys[i], NULL, "%s 应为非负整数", keys[i]);
            json_decref(cur);
            return FZ_EINVAL;
        }
        if (x)
            v[i] = json_integer_value(x);
    }
    int64_t have = json_integer_value(json_object_get(cur, "version"));
    json_decref(cur);
    if (have != version) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        return FZ_ECONFLICT;
    }
    if ((v[0] == 0 && v[1] == 0) || (v[2] == 0 && v[3] == 0)) {
        fz_problem_set(p, v[0] == 0 && v[1] == 0 ? "sign_workdays" : "reply_workdays", NULL,
                       "期限须为分钟数或工作日数之一（不能都为 0）");
        return FZ_EINVAL;
    }
    const char *basis = json_string_value(json_object_get(body, "basis"));
    return db_run(db, NULL,
                  "UPDATE wo_deadline_rules SET sign_minutes = ?, sign_workdays = ?,"
                  " reply_minutes = ?, reply_workdays = ?, basis = coalesce(?, basis),"
                  " version = version + 1 WHERE id = ?", "iiiiti", v[0], v[1], v[2], v[3],
                  basis, id);
}
