/* cases.c - enforcement officers, the powers list and penalty cases (see cases.h).
 * The case lifecycle is the `actions` table below; each row names the stages it applies
 * to, the permission it needs and a function that checks the law's preconditions and
 * writes the effects. case_act() finds the row, checks stage and permission, runs it,
 * moves the stage and appends the timeline event, in the caller's transaction. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/cases.h"
#include "modules/files.h"
#include "modules/scope.h"
#include "util/str.h"
#include "util/timeutil.h"

/* ---- small helpers ---- */

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return str_empty(s) ? NULL : s;
}

static void local_ymd(time_t t, char out[11])
{
    int32_t day = (int32_t)floor((double)(t + (time_t)time_offset() * 60) / 86400.0);
    calendar_ymd(day, out);
}

static int32_t local_day(time_t t)
{
    return (int32_t)floor((double)(t + (time_t)time_offset() * 60) / 86400.0);
}

/* end_of_day: 23:59:59 local of day */
static time_t end_of_day(int32_t day)
{
    return (time_t)day * 86400 + 86399 - (time_t)time_offset() * 60;
}

static bool valid_ymd(const char *s)
{
    int32_t d;
    return s && strlen(s) == 10 && !calendar_day(s, &d);
}

/* ---- officers ---- */

#define OFFICER_COLS                                                                   \
    "o.id, o.user_id, o.name, o.dept_id, d.name AS dept_name, o.cert_no, o.cert_kind,"   \
    " o.issuer, o.valid_from, o.valid_until, o.status, o.legal_qualified, o.version,"    \
    " (o.status = 'valid' AND o.valid_from <= ?1 AND o.valid_until >= ?1) AS valid_now"

enum fz_err officers_list(struct db *db, const struct fz_user *actor, const char *q,
                          json_t **items)
{
    (void)actor;
    char today[11];
    local_ymd(time(NULL), today);
    char *like = str_like(q);
    enum fz_err rc = db_query_json(db, items,
        "SELECT " OFFICER_COLS " FROM officers o JOIN departments d ON d.id = o.dept_id"
        " WHERE (?2 IS NULL OR o.name LIKE ?2 ESCAPE '\\' OR o.cert_no LIKE ?2 ESCAPE '\\')"
        " ORDER BY o.dept_id, o.name", "tt", today, like);
    free(like);
    size_t i;
    json_t *o;
    if (!rc)
        json_array_foreach(*items, i, o)
            json_object_set_new(o, "valid_now", json_boolean(json_integer_value(
                                                    json_object_get(o, "valid_now"))));
    return rc;
}

enum fz_err officer_get(struct db *db, int64_t id, json_t **out)
{
    char today[11];
    local_ymd(time(NULL), today);
    enum fz_err rc = db_query_row(db, out,
        "SELECT " OFFICER_COLS " FROM officers o JOIN departments d ON d.id = o.dept_id"
        " WHERE o.id = ?2", "ti", today, id);
    if (!rc)
        json_object_set_new(*out, "valid_now", json_boolean(json_integer_value(
                                                   json_object_get(*out, "valid_now"))));
    return rc;
}

static enum fz_err officer_fields(struct db *db, json_t *b, bool create, struct fz_problem *p)
{
    static const char *const need[] = { "name", "cert_no", "valid_from", "valid_until", NULL };
    for (int i = 0; create && need[i]; i++)
        if (!jstr(b, need[i])) {
            fz_problem_set(p, need[i], NULL, "字段 %s 不能为空", need[i]);
            return FZ_EINVAL;
        }
    const char *from = jstr(b, "valid_from"), *until = jstr(b, "valid_until");
    if ((from && !valid_ymd(from)) || (until && !valid_ymd(until))) {
        fz_problem_set(p, from && !valid_ymd(from) ? "valid_from" : "valid_until", NULL,
                       "证件有效期日期格式应为 YYYY-MM-DD");
        return FZ_EINVAL;
    }
    if (from && until && strcmp(from, until) > 0) {
        fz_problem_set(p, "valid_until", NULL, "证件有效期截止日期不能早于起始日期");
        return FZ_EINVAL;
    }
    const char *st = jstr(b, "status");
    if (st && !str_eq(st, "valid") && !str_eq(st, "suspended") && !str_eq(st, "revoked")) {
        fz_problem_set(p, "status", NULL, "证件状态应为 valid、suspended 或 revoked");
        return FZ_EINVAL;
    }
    json_t *dept = json_object_get(b, "dept_id");
    int64_t n = 0;
    if (dept && (!json_is_integer(dept) ||
                 db_query_int(db, &n, "SELECT count(*) FROM departments WHERE id = ?", "i",
                              (int64_t)json_integer_value(dept)) || !n)) {
        fz_problem_set(p, "dept_id", NULL, "部门不存在");
        return FZ_EINVAL;
    }
    if (create && !dept) {
        fz_problem_set(p, "dept_id", NULL, "请选择执法人员所在部门");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

enum fz_err officer_create(struct db *db, json_t *b, int64_t *id, struct fz_problem *p)
{
    enum fz_err rc = officer_fields(db, b, true, p);
    if (rc)
        return rc;
    char now[FZ_TS_LEN];
    time_now(now);
    json_t *uid = json_object_get(b, "user_id");
    rc = db_run(db, NULL,
        "INSERT INTO officers(user_id, name, dept_id, cert_no, cert_kind, issuer, valid_from,"
        " valid_until, status, legal_qualified, created_at, updated_at)"
        " VALUES (nullif(?, 0), ?, ?, ?, coalesce(?, '行政执法证'), coalesce(?, ''), ?, ?,"
        " coalesce(?, 'valid'), ?, ?, ?)", "itittttttitt",
        (int64_t)(json_is_integer(uid) ? json_integer_value(uid) : 0), jstr(b, "name"),
        (int64_t)json_integer_value(json_object_get(b, "dept_id")), jstr(b, "cert_no"),
        jstr(b, "cert_kind"), jstr(b, "issuer"), jstr(b, "valid_from"),
        jstr(b, "valid_until"), jstr(b, "status"),
        (int64_t)json_is_true(json_object_get(b, "legal_qualified")), now, now);
    if (rc == FZ_ECONFLICT) {
        fz_problem_set(p, "cert_no", "duplicate", "执法证号 %s 已登记", jstr(b, "cert_no"));
        return rc;
    }
    if (!rc)
        *id = db_last_id(db);
    return rc;
}

enum fz_err officer_update(struct db *db, int64_t id, json_t *b, struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = officer_get(db, id, &cur);
    if (rc)
        return rc;
    int64_t have = json_integer_value(json_object_get(cur, "version"));
    json_decref(cur);
    json_t *v = json_object_get(b, "version");
    if (!json_is_integer(v)) {
        fz_problem_set(p, "version", NULL, "字段 version 不能为空");
        return FZ_EINVAL;
    }
    if (json_integer_value(v) != have) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        return FZ_ECONFLICT;
    }
    rc = officer_fields(db, b, false, p);
    if (rc)
        return rc;
    char now[FZ_TS_LEN];
    time_now(now);
    json_t *lq = json_object_get(b, "legal_qualified");
    return db_run(db, NULL,
        "UPDATE officers SET name = coalesce(?, name), issuer = coalesce(?, issuer),"
        " valid_from = coalesce(?, valid_from), valid_until = coalesce(?, valid_until),"
        " status = coalesce(?, status), legal_qualified = CASE WHEN ? < 0 THEN"
        " legal_qualified ELSE ? END, updated_at = ?, version = version + 1 WHERE id = ?",
        "tttttiiti", jstr(b, "name"), jstr(b, "issuer"), jstr(b, "valid_from"),
        jstr(b, "valid_until"), jstr(b, "status"),
        (int64_t)(json_is_boolean(lq) ? 0 : -1), (int64_t)json_is_true(lq), now, id);
}

enum fz_err officers_check(struct db *db, json_t *ids, const char *day, json_t **certs,
                           struct fz_problem *p)
{
    if (!json_is_array(ids)) {
        fz_problem_set(p, "officers", "two_officers_required",
                       "执法人员不得少于两人（《行政处罚法》第四十二条）：请选择执法人员");
        return FZ_EINVAL;
    }
    json_t *out = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        if (!json_is_integer(v)) {
            json_decref(out);
            fz_problem_set(p, "officers", NULL, "officers 应为执法人员编号的数组");
            return FZ_EINVAL;
        }
        json_t *o = NULL;
        enum fz_err rc = db_query_row(db, &o,
            "SELECT name, cert_no, status, valid_from, valid_until FROM officers WHERE id = ?",
            "i", (int64_t)json_integer_value(v));
        if (rc == FZ_ENOTFOUND) {
            json_decref(out);
            fz_problem_set(p, "officers", NULL, "执法人员 #%lld 不存在",
                           (long long)json_integer_value(v));
            return FZ_EINVAL;
        }
        if (rc) {
            json_decref(out);
            return rc;
        }
        const char *st = jstr(o, "status"), *from = jstr(o, "valid_from");
        const char *until = jstr(o, "valid_until");
        if (!str_eq(st, "valid") || strcmp(day, from) < 0 || strcmp(day, until) > 0) {
            fz_problem_set(p, "officers", "certificate_invalid",
                           "执法人员%s的执法证（%s）%s，不能从事执法活动（《行政处罚法》第四十二条）",
                           jstr(o, "name"), jstr(o, "cert_no"),
                           !str_eq(st, "valid") ? (str_eq(st, "suspended") ? "已暂扣" : "已吊销")
                           : strcmp(day, until) > 0 ? "已过有效期" : "尚未生效");
            json_decref(o);
            json_decref(out);
            return FZ_EINVAL;
        }
        bool dup = false;
        size_t j;
        json_t *c;
        json_array_foreach(out, j, c)
            dup = dup || str_eq(json_string_value(c), jstr(o, "cert_no"));
        if (!dup)
            json_array_append_new(out, json_string(jstr(o, "cert_no")));
        json_decref(o);
    }
    if (json_array_size(out) < 2) {
        json_decref(out);
        fz_problem_set(p, "officers", "two_officers_required",
                       "执法人员不得少于两人（《行政处罚法》第四十二条）");
        return FZ_EINVAL;
    }
    *certs = out;
    return FZ_OK;
}

/* ---- powers ---- */

enum fz_err powers_list(struct db *db, json_t **items)
{
    return db_query_json(db, items,
        "SELECT p.id, p.code, p.kind, p.name, p.dept_id, d.name AS dept_name, p.basis,"
        " p.regulation_id, p.article, p.status, p.version FROM powers p"
        " JOIN departments d ON d.id = p.dept_id ORDER BY p.dept_id, p.code", "");
}

enum fz_err power_create(struct db *db, json_t *b, int64_t *id, struct fz_problem *p)
{
    static const char *const need[] = { "code", "kind", "name", "basis", NULL };
    for (int i = 0; need[i]; i++)
        if (!jstr(b, need[i])) {
            fz_problem_set(p, need[i], NULL, "字段 %s 不能为空", need[i]);
            return FZ_EINVAL;
        }
    const char *k = jstr(b, "kind");
    if (!str_eq(k, "inspection") && !str_eq(k, "penalty") && !str_eq(k, "coercion") &&
        !str_eq(k, "other")) {
        fz_problem_set(p, "kind", NULL, "职权类别应为 inspection、penalty、coercion 或 other");
        return FZ_EINVAL;
    }
    json_t *dept = json_object_get(b, "dept_id");
    int64_t n = 0;
    if (!json_is_integer(dept) ||
        db_query_int(db, &n, "SELECT count(*) FROM departments WHERE id = ?", "i",
                     (int64_t)json_integer_value(dept)) || !n) {
        fz_problem_set(p, "dept_id", NULL, "请选择行使该职权的部门");
        return FZ_EINVAL;
    }
    char now[FZ_TS_LEN];
    time_now(now);
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO powers(code, kind, name, dept_id, basis, article, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, coalesce(?, ''), ?, ?)", "tttittt" "t", jstr(b, "code"), k,
        jstr(b, "name"), (int64_t)json_integer_value(dept), jstr(b, "basis"),
        jstr(b, "article"), now, now);
    if (rc == FZ_ECONFLICT)
        fz_problem_set(p, "code", "duplicate", "职权编码已存在");
    if (!rc)
        *id = db_last_id(db);
    return rc;
}

/* ---- cases: reading ---- */

static const struct { const char *code, *name; } stages[] = {
    { "registered", "立案审批中" }, { "investigating", "调查取证" },
    { "notified", "已告知（待陈述申辩）" }, { "hearing", "听证" },
    { "heard", "已陈述申辩" }, { "reviewing", "法制审核中" }, { "reviewed", "法制审核通过" },
    { "onsite", "当场处罚（简易程序）" }, { "inspecting", "检查中" },
    { "decided", "已作出决定" }, { "served", "已送达" }, { "executed", "已执行" },
    { "closed", "已结案" }, { "revoked", "决定已撤销" }, { NULL, NULL },
};

static const char *stage_name(const char *code)
{
    for (int i = 0; stages[i].code; i++)
        if (str_eq(stages[i].code, code))
            return stages[i].name;
    return code;
}

#define CASE_COLS                                                                      \
    "c.id, c.no, c.kind, c.procedure, c.dept_id, d.name AS dept_name, c.power_id,"     \
    " c.title, c.party_name, c.party_kind, c.party_id_no, c.party_address, c.facts,"   \
    " c.violation_at, c.source, c.workorder_id, c.from_case_id, c.stage, c.major,"     \
    " c.review_required, c.filed_at, c.filing_no, c.notice_no, c.decision_due,"       \
    " c.extension_days, c.intended,"                                                   \
    " c.notice_served_at, c.hearing_right, c.hearing_request_due, c.hearing_requested_at," \
    " c.hearing_at, c.statement, c.review_result, c.reviewed_by, c.reviewed_at,"       \
    " c.discussed_at, c.decision, c.penalty, c.fine_amount, c.decision_no, c.decided_at," \
    " c.service_due, c.served_at, c.service_method, c.publish_required, c.publish_due,"  \
    " c.published_at, c.withdrawn_at, c.withdraw_due, c.withdraw_reason, c.payment_due," \
    " c.executed_at, c.closed_at, c.conclusion, c.created_at, c.updated_at, c.version"

#define CASE_FROM " FROM cases c JOIN departments d ON d.id = c.dept_id"
/* scope: the case's department, or own = created it or is one of its officers */
#define CASE_SCOPE                                                                     \
    "(" SCOPE_SQL("c.dept_id", "c.created_by") " OR EXISTS (SELECT 1 FROM case_officers" \
    " co JOIN officers o ON o.id = co.officer_id WHERE co.case_id = c.id"              \
    " AND o.user_id = ?3))"

static void case_decorate(json_t *c, time_t now)
{
    const char *st = jstr(c, "stage");
    json_object_set_new(c, "stage_name", json_string(stage_name(st)));
    static const char *const jsons[] = { "intended", "penalty", NULL };
    for (int i = 0; jsons[i]; i++) {
        json_t *v = json_loads(json_string_value(json_object_get(c, jsons[i])), 0, NULL);
        json_object_set_new(c, jsons[i], v ? v : json_object());
    }
    static const char *const bools[] = { "major", "review_required", "hearing_right",
                                         "publish_required", NULL };
    for (int i = 0; bools[i]; i++)
        json_object_set_new(c, bools[i], json_boolean(json_integer_value(
                                             json_object_get(c, bools[i]))));
    /* deadline flags: each one open while its step is not done */
    struct { const char *flag, *due, *done; const char *const *open; } checks[] = {
        { "decision_overdue", "decision_due", "decided_at", NULL },
        { "service_overdue", "service_due", "served_at", NULL },
        { "publish_overdue", "publish_due", "published_at", NULL },
        { "withdraw_overdue", "withdraw_due", "withdrawn_at", NULL },
    };
    json_t *flags = json_array();
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        const char *due = jstr(c, checks[i].due);
        time_t t;
        if (!due || jstr(c, checks[i].done) || time_parse(due, &t))
            continue;
        if (str_eq(st, "closed") && strcmp(checks[i].flag, "decision_overdue") == 0)
            continue;
        if (now > t)
            json_array_append_new(flags, json_string(checks[i].flag));
        else if (t - now < 2 * 86400)
            json_array_append_new(flags, json_string("near_due"));
    }
    json_object_set_new(c, "flags", flags);
}

static enum fz_err load_case(struct db *db, const struct fz_user *actor, int64_t id,
                             json_t **out)
{
    return db_query_row(db, out, "SELECT " CASE_COLS CASE_FROM " WHERE c.id = ?4 AND "
                        CASE_SCOPE, "iiii", SCOPE_ARGS(actor), id);
}

enum fz_err cases_list(struct db *db, const struct fz_user *actor,
                       const struct case_filter *f, json_t **items, int64_t *total)
{
    char *q = str_like(f->q);
    static const char *const where =
        CASE_FROM " WHERE " CASE_SCOPE
        " AND (?4 IS NULL OR c.no LIKE ?4 ESCAPE '\\' OR c.title LIKE ?4 ESCAPE '\\'"
        "  OR c.party_name LIKE ?4 ESCAPE '\\' OR c.decision_no LIKE ?4 ESCAPE '\\')"
        " AND (?5 IS NULL OR c.stage = ?5 OR (?5 = 'open' AND c.stage NOT IN ('closed',"
        "  'revoked'))) AND (?6 IS NULL OR c.kind = ?6) AND (?7 = 0 OR c.dept_id = ?7)"
        " AND (?8 IS NULL"
        "  OR (?8 = 'decision_overdue' AND c.decided_at IS NULL AND c.stage NOT IN"
        "      ('closed', 'revoked') AND c.decision_due < ?9)"
        "  OR (?8 = 'service_overdue' AND c.served_at IS NULL AND c.service_due < ?9)"
        "  OR (?8 = 'publish_overdue' AND c.publish_required = 1 AND c.published_at IS NULL"
        "      AND c.publish_due < ?9))";
    char now[FZ_TS_LEN], sql[4096];
    time_t t = time(NULL);
    time_format(t, now);
    snprintf(sql, sizeof sql, "SELECT count(*) %s", where);
    enum fz_err rc = db_query_int(db, total, sql, "iiitttitt", SCOPE_ARGS(actor), q,
                                  f->stage, f->kind, f->dept_id, f->flag, now);
    if (!rc) {
        snprintf(sql, sizeof sql, "SELECT " CASE_COLS " %s ORDER BY c.id DESC"
                 " LIMIT ?10 OFFSET ?11", where);
        rc = db_query_json(db, items, sql, "iiitttittii", SCOPE_ARGS(actor), q, f->stage,
                           f->kind, f->dept_id, f->flag, now, f->limit, f->offset);
    }
    free(q);
    size_t i;
    json_t *c;
    if (!rc)
        json_array_foreach(*items, i, c)
            case_decorate(c, t);
    return rc;
}

static json_t *case_allowed(const struct fz_user *actor, json_t *c);

enum fz_err case_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out)
{
    json_t *c = NULL;
    enum fz_err rc = load_case(db, actor, id, &c);
    if (rc)
        return rc;
    json_t *officers = NULL, *acts = NULL, *events = NULL, *evidence = NULL, *check = NULL;
    rc = db_query_json(db, &officers,
        "SELECT o.id, o.name, o.cert_no, o.valid_until, o.status, co.role FROM case_officers co"
        " JOIN officers o ON o.id = co.officer_id WHERE co.case_id = ? ORDER BY co.role, o.id",
        "i", id);
    if (!rc)
        rc = db_query_json(db, &acts, "SELECT id, kind, at, place, summary, officers, certs"
                           " FROM case_acts WHERE case_id = ? ORDER BY at, id", "i", id);
    if (!rc)
        rc = db_query_json(db, &events, "SELECT ts, username, action, from_stage, to_stage,"
                           " comment, data FROM case_events WHERE case_id = ? ORDER BY id",
                           "i", id);
    if (!rc)
        rc = db_query_json(db, &evidence,
                           "SELECT id, act_id, stage, record, kind, filename, content_type,"
                           " size, sha256, sm3, description, uploaded_at FROM evidence"
                           " WHERE case_id = ? ORDER BY id", "i", id);
    if (!rc)
        rc = case_checklist(db, id, &check);
    if (rc) {
        json_decref(c);
        json_decref(officers);
        json_decref(acts);
        json_decref(events);
        json_decref(evidence);
        return rc;
    }
    size_t i;
    json_t *x;
    json_array_foreach(acts, i, x) {
        static const char *const k[] = { "officers", "certs" };
        for (int j = 0; j < 2; j++) {
            json_t *v = json_loads(json_string_value(json_object_get(x, k[j])), 0, NULL);
            json_object_set_new(x, k[j], v ? v : json_array());
        }
    }
    json_array_foreach(events, i, x) {
        json_t *v = json_loads(json_string_value(json_object_get(x, "data")), 0, NULL);
        json_object_set_new(x, "data", v ? v : json_object());
    }
    json_object_set_new(c, "allowed_actions", case_allowed(actor, c));
    case_decorate(c, time(NULL));
    json_object_set_new(c, "officers", officers);
    json_object_set_new(c, "acts", acts);
    json_object_set_new(c, "events", events);
    json_object_set_new(c, "evidence", evidence);
    json_object_set_new(c, "checklist", check);
    *out = c;
    return FZ_OK;
}

/* ---- the full-process record: what the law expects per stage (Art. 47; 118号 三) ---- */

static const struct record {
    const char *stage;      /* the first stage at which it is due */
    const char *code, *name;
    bool av;                /* audio-video (音像记录) rather than written */
} records[] = {
    { "investigating", "filing_form", "立案审批表", false },
    { "notified", "inspection_record", "现场检查（勘验）笔录或询问笔录", false },
    { "notified", "av_record", "现场执法音像记录", true },
    { "heard", "notice_doc", "行政处罚事先告知书", false },
    { "heard", "statement_record", "陈述申辩笔录（或放弃陈述申辩的书面材料）", false },
    { "served", "decision_doc", "行政处罚决定书", false },
    { "executed", "service_receipt", "送达回证", false },
    { "closed", "execution_record", "执行（缴款）凭证", false },
    { NULL, NULL, NULL, false },
};

static int stage_rank(const char *st)
{
    static const char *const order[] = { "registered", "onsite", "inspecting",
                                         "investigating", "notified", "hearing", "heard",
                                         "reviewing", "reviewed", "decided", "served",
                                         "executed", "closed", NULL };
    for (int i = 0; order[i]; i++)
        if (str_eq(order[i], st))
            return i;
    return 99;             /* revoked: everything reached */
}

enum fz_err case_checklist(struct db *db, int64_t id, json_t **out)
{
    char *stage = NULL, *procedure = NULL;
    enum fz_err rc = db_query_text(db, &stage, "SELECT stage FROM cases WHERE id = ?", "i", id);
    if (!rc)
        rc = db_query_text(db, &procedure, "SELECT procedure FROM cases WHERE id = ?", "i", id);
    if (rc) {
        free(stage);
        return rc;
    }
    json_t *arr = json_array();
    bool simple = str_eq(procedure, "simple");
    for (const struct record *r = records; r->code && !rc; r++) {
        if (simple && (str_eq(r->code, "filing_form") || str_eq(r->code, "notice_doc") ||
                       str_eq(r->code, "statement_record")))
            continue;      /* the simplified procedure has none of these (Arts. 51-52) */
        int64_t n = 0;
        rc = db_query_int(db, &n, "SELECT count(*) FROM evidence WHERE case_id = ? AND"
                          " record = ?", "it", id, r->code);
        bool due = stage_rank(stage) >= stage_rank(r->stage);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b, s:b, s:I}", "record",
                                             r->code, "name", r->name, "type",
                                             r->av ? "音像记录" : "文字记录", "due", due,
                                             "present", n > 0, "count", (json_int_t)n));
    }
    free(stage);
    free(procedure);
    if (rc) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return FZ_OK;
}

static bool known_record(const char *code)
{
    for (const struct record *r = records; r->code; r++)
        if (str_eq(r->code, code))
            return true;
    return str_eq(code, "other");
}

/* ---- numbering ---- */

static enum fz_err next_seq(struct db *db, int64_t dept, const char *kind, int year,
                            int64_t *n)
{
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO doc_sequences(dept_id, kind, year, last) VALUES (?, ?, ?, 1)"
        " ON CONFLICT(dept_id, kind, year) DO UPDATE SET last = last + 1", "iti", dept,
        kind, (int64_t)year);
    if (!rc)
        rc = db_query_int(db, n, "SELECT last FROM doc_sequences WHERE dept_id = ? AND"
                          " kind = ? AND year = ?", "iti", dept, kind, (int64_t)year);
    return rc;
}

static int year_of(time_t t)
{
    char ymd[11];
    local_ymd(t, ymd);
    return (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
}

/* doc_number: 文号 "东丽华明罚决〔2024〕第3号" per department, kind and year */
static enum fz_err doc_number(struct db *db, int64_t dept, const char *kind,
                              const char *label, time_t at, char *out, size_t n)
{
    int64_t seq = 0;
    enum fz_err rc = next_seq(db, dept, kind, year_of(at), &seq);
    char *prefix = NULL;
    if (!rc && db_query_text(db, &prefix, "SELECT value FROM settings WHERE key ="
                             " 'case.doc_prefix'", ""))
        prefix = strdup("");
    if (!rc)
        snprintf(out, n, "%s%s〔%d〕第%lld号", prefix ? prefix : "", label, year_of(at),
                 (long long)seq);
    free(prefix);
    return rc;
}

static enum fz_err add_event(struct db *db, int64_t id, const struct fz_user *actor,
                             const char *ts, const char *action, const char *from,
                             const char *to, const char *comment, json_t *data)
{
    char *d = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO case_events(case_id, ts, user_id, username, action, from_stage, to_stage,"
        " comment, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "itittttt" "t", id, ts,
        actor ? actor->id : 0, actor ? actor->username : "system", action, from ? from : "",
        to ? to : "", comment ? comment : "", d ? d : "{}");
    free(d);
    return rc;
}

/* ---- create ---- */

enum fz_err case_create(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                        json_t *b, time_t at, int64_t *id, json_t **warnings,
                        struct fz_problem *p)
{
    (void)cal;
    static const char *const kinds[] = { "penalty", "inspection", NULL };
    static const char *const procs[] = { "simple", "ordinary", NULL };
    static const char *const parties[] = { "citizen", "org", NULL };
    const char *kind = jstr(b, "kind") ? jstr(b, "kind") : "penalty";
    const char *proc = jstr(b, "procedure") ? jstr(b, "procedure") : "ordinary";
    if (!str_in(kind, kinds)) {
        fz_problem_set(p, "kind", NULL, "案件类别应为 penalty（行政处罚）或 inspection（行政检查）");
        return FZ_EINVAL;
    }
    if (!str_in(proc, procs) || (str_eq(kind, "inspection") && str_eq(proc, "simple"))) {
        fz_problem_set(p, "procedure", NULL, "程序应为 simple（简易程序）或 ordinary（普通程序）");
        return FZ_EINVAL;
    }
    if (!jstr(b, "title") || str_utf8_len(jstr(b, "title")) > 200) {
        fz_problem_set(p, "title", NULL, "案由不能为空，且不超过 200 个字符");
        return FZ_EINVAL;
    }
    if (!jstr(b, "party_name")) {
        fz_problem_set(p, "party_name", NULL, "当事人名称不能为空");
        return FZ_EINVAL;
    }
    if (!str_in(jstr(b, "party_kind"), parties)) {
        fz_problem_set(p, "party_kind", NULL, "当事人类型应为 citizen（公民）或 org（法人或其他组织）");
        return FZ_EINVAL;
    }
    const char *viol = jstr(b, "violation_at");
    if (viol && !valid_ymd(viol)) {
        fz_problem_set(p, "violation_at", NULL, "违法行为（终了）日期格式应为 YYYY-MM-DD");
        return FZ_EINVAL;
    }
    int64_t dept = actor ? actor->dept_id : 0, n = 0;
    json_t *dv = json_object_get(b, "dept_id");
    if (dv && !json_is_integer(dv)) {
        fz_problem_set(p, "dept_id", NULL, "字段 dept_id 应为整数");
        return FZ_EINVAL;
    }
    if (dv)
        dept = json_integer_value(dv);
    if (db_query_int(db, &n, "SELECT count(*) FROM departments x WHERE x.id = ?4 AND "
                     SCOPE_SQL("x.id", "-1"), "iiii", SCOPE_ARGS(actor), dept) || !n) {
        fz_problem_set(p, "dept_id", NULL, "办案部门不存在或不在您的数据权限范围内");
        return FZ_EINVAL;
    }
    char day[11];
    local_ymd(at, day);
    json_t *certs = NULL;
    enum fz_err rc = officers_check(db, json_object_get(b, "officers"), day, &certs, p);
    if (rc)
        return rc;
    json_decref(certs);
    *warnings = json_array();
    if (viol) {
        /* Art. 36: not discovered within two years (five for life, health and financial
         * security) -> no penalty; the platform warns, the officer decides */
        int32_t vd = 0;
        calendar_day(viol, &vd);
        if (local_day(at) - vd > 730)
            json_array_append_new(*warnings, json_string(
                "违法行为终了已超过二年，可能超过追责时效（《行政处罚法》第三十六条）"));
    }
    int64_t seq = 0, root = 1;
    rc = next_seq(db, root, "case_no", year_of(at), &seq);
    char no[32], ts[FZ_TS_LEN];
    snprintf(no, sizeof no, "AJ%d-%04lld", year_of(at), (long long)seq);
    time_format(at, ts);
    const char *stage = str_eq(kind, "inspection") ? "inspecting"
                        : str_eq(proc, "simple") ? "onsite" : "registered";
    json_t *wo = json_object_get(b, "workorder_id");
    if (!rc)
        rc = db_run(db, NULL,
            "INSERT INTO cases(no, kind, procedure, dept_id, power_id, title, party_name,"
            " party_kind, party_id_no, party_address, facts, violation_at, source,"
            " workorder_id, stage, major, review_required, created_by, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?, ?, coalesce(?, ''), coalesce(?, ''),"
            " coalesce(?, ''), ?, coalesce(?, ''), nullif(?, 0), ?, ?, ?, nullif(?, 0), ?, ?)",
            "tttiitttttttt" "itiiitt", no, kind, proc, dept,
            (int64_t)json_integer_value(json_object_get(b, "power_id")), jstr(b, "title"),
            jstr(b, "party_name"), jstr(b, "party_kind"), jstr(b, "party_id_no"),
            jstr(b, "party_address"), jstr(b, "facts"), viol, jstr(b, "source"),
            (int64_t)(json_is_integer(wo) ? json_integer_value(wo) : 0), stage,
            (int64_t)json_is_true(json_object_get(b, "major")),
            (int64_t)json_is_true(json_object_get(b, "review_required")),
            actor ? actor->id : 0, ts, ts);
    if (rc == FZ_ECONFLICT)
        fz_problem_set(p, "workorder_id", NULL, "关联的工单或权责事项不存在");
    if (rc)
        return rc;
    *id = db_last_id(db);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(b, "officers"), i, v)
        if (!rc)
            rc = db_run(db, NULL, "INSERT OR IGNORE INTO case_officers(case_id, officer_id,"
                        " role) VALUES (?, ?, ?)", "iit", *id,
                        (int64_t)json_integer_value(v), i == 0 ? "lead" : "member");
    if (!rc)
        rc = add_event(db, *id, actor, ts, "create", "", stage, jstr(b, "facts"), NULL);
    return rc;
}

/* ---- the lifecycle ---- */

struct cact {
    struct db *db;
    const struct calendar *cal;
    const struct fz_user *actor;
    int64_t id;
    json_t *c;              /* the case row (borrowed) */
    json_t *body;
    const char *to;         /* resulting stage; an action may change it */
    const char *comment;
    json_t *data;           /* event data (owned) */
    time_t t;
    char now[FZ_TS_LEN], day[11];
    struct fz_problem *p;
};

/* violation: a procedure gate, 409 procedure_violation citing the law */
static enum fz_err violation(struct cact *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static enum fz_err violation(struct cact *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->p->message, sizeof a->p->message, fmt, ap);
    va_end(ap);
    a->p->field = "action";
    a->p->code = "procedure_violation";
    return FZ_ECONFLICT;
}

static enum fz_err need(struct cact *a, const char *field, const char *what,
                        const char **out)
{
    json_t *v = json_object_get(a->body, field);
    *out = json_string_value(v);
    if (!json_is_string(v) || !**out) {
        fz_problem_set(a->p, field, NULL, "%s不能为空", what);
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err set_col(struct cact *a, const char *sql, const char *val)
{
    return db_run(a->db, NULL, sql, "ti", val, a->id);
}

static enum fz_err due_workdays(struct cact *a, int n, char out[FZ_TS_LEN])
{
    int32_t d = 0;
    if (calendar_add_workdays(a->cal, local_day(a->t), n, &d)) {
        fz_problem_set(a->p, NULL, "calendar_year_missing",
                       "工作日历中缺少该年度的节假日安排，无法计算期限");
        return FZ_EINVAL;
    }
    time_format(end_of_day(d), out);
    return FZ_OK;
}

static enum fz_err officers_now(struct cact *a)
{
    json_t *ids = NULL, *certs = NULL;
    enum fz_err rc = db_query_json(a->db, &ids, "SELECT officer_id FROM case_officers"
                                   " WHERE case_id = ?", "i", a->id);
    if (rc)
        return rc;
    json_t *flat = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v)
        json_array_append(flat, json_object_get(v, "officer_id"));
    json_decref(ids);
    rc = officers_check(a->db, flat, a->day, &certs, a->p);
    json_decref(flat);
    json_decref(certs);
    return rc;
}

static enum fz_err do_approve_filing(struct cact *a)
{
    enum fz_err rc = officers_now(a);   /* Art. 42: still two valid certificates */
    if (rc)
        return rc;
    /* Art. 60: decision within 90 days of filing; the filing day not counted */
    int64_t days = db_setting_int(a->db, "case.decision_days", 90);
    char due[FZ_TS_LEN], no[128];
    time_format(end_of_day(local_day(a->t) + (int32_t)days), due);
    rc = doc_number(a->db, json_integer_value(json_object_get(a->c, "dept_id")), "filing",
                    "立", a->t, no, sizeof no);
    a->comment = jstr(a->body, "comment");
    a->data = json_pack("{s:s, s:s}", "decision_due", due, "filing_no", no);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE cases SET filed_at = ?, decision_due = ?,"
                    " filing_no = ? WHERE id = ?", "ttti", a->now, due, no, a->id);
    return rc;
}

/* hearing_right: Art. 63 - large fines (thresholds set by provinces: configurable),
 * confiscation of large amounts, licence and qualification measures, suspension,
 * closure and restriction of practice */
static bool hearing_right(struct db *db, json_t *pen, bool citizen)
{
    static const char *const heavy[] = { "revoke_license", "lower_qualification",
                                         "suspend_license", "suspend_business", "close",
                                         "restrict_practice", "restrict_business",
                                         "confiscate_large", NULL };
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(pen, "kinds"), i, k)
        if (str_in(json_string_value(k), heavy))
            return true;
    double fine = json_number_value(json_object_get(pen, "fine"));
    int64_t limit = db_setting_int(db, citizen ? "case.hearing_fine_citizen"
                                               : "case.hearing_fine_org",
                            citizen ? 10000 : 100000);
    return fine >= (double)limit;
}

/* check_penalty: {kinds:[...], fine} with known kinds (Art. 9) */
static enum fz_err check_penalty(struct cact *a, json_t *pen, const char *field)
{
    static const char *const known[] = { "warning", "criticism", "fine", "confiscate_gains",
                                         "confiscate_property", "confiscate_large",
                                         "suspend_license", "lower_qualification",
                                         "revoke_license", "restrict_business",
                                         "suspend_business", "close", "restrict_practice",
                                         "detention", "other", NULL };
    json_t *kinds = json_object_get(pen, "kinds");
    if (!json_is_object(pen) || !json_is_array(kinds) || !json_array_size(kinds)) {
        fz_problem_set(a->p, field, NULL, "请填写处罚种类 kinds（《行政处罚法》第九条）");
        return FZ_EINVAL;
    }
    size_t i;
    json_t *k;
    bool has_fine = false;
    json_array_foreach(kinds, i, k) {
        if (!str_in(json_string_value(k), known)) {
            fz_problem_set(a->p, field, NULL, "未知的处罚种类 %s（《行政处罚法》第九条）",
                           json_is_string(k) ? json_string_value(k) : "?");
            return FZ_EINVAL;
        }
        has_fine = has_fine || str_eq(json_string_value(k), "fine");
    }
    json_t *fine = json_object_get(pen, "fine");
    if (has_fine && (!json_is_number(fine) || json_number_value(fine) <= 0)) {
        fz_problem_set(a->p, field, NULL, "罚款须填写大于零的罚款金额 fine（元）");
        return FZ_EINVAL;
    }
    if (!has_fine && fine && !json_is_null(fine) && json_number_value(fine) != 0) {
        fz_problem_set(a->p, field, NULL, "处罚种类不含罚款时不应填写罚款金额");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err do_notify(struct cact *a)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(a->db, &n, "SELECT count(*) FROM case_acts WHERE case_id = ?"
                                  " AND kind IN ('inspection', 'inquiry', 'evidence')", "i",
                                  a->id);
    if (!rc && !n)
        return violation(a, "尚未调查取证，不能告知拟作出的行政处罚（《行政处罚法》第五十四条、第五十五条）");
    json_t *pen = json_object_get(a->body, "intended");
    if (!rc)
        rc = check_penalty(a, pen, "intended");
    if (rc)
        return rc;
    bool citizen = str_eq(jstr(a->c, "party_kind"), "citizen");
    bool hr = hearing_right(a->db, pen, citizen);
    char due[FZ_TS_LEN];
    rc = due_workdays(a, 5, due);        /* Art. 64: request within 5 working days */
    char *text = json_dumps(pen, JSON_COMPACT | JSON_SORT_KEYS);
    char no[128] = "";
    if (!rc)
        rc = doc_number(a->db, json_integer_value(json_object_get(a->c, "dept_id")), "notice",
                        "罚告", a->t, no, sizeof no);
    a->comment = jstr(a->body, "comment");
    a->data = json_pack("{s:O, s:b, s:s, s:s}", "intended", pen, "hearing_right", hr,
                        "hearing_request_due", due, "notice_no", no);
    if (!rc)
        rc = db_run(a->db, NULL,
                    "UPDATE cases SET intended = ?, notice_served_at = ?, hearing_right = ?,"
                    " hearing_request_due = ?, notice_no = ? WHERE id = ?", "ttitti", text,
                    a->now, (int64_t)hr, hr ? due : NULL, no, a->id);
    free(text);
    return rc;
}

static enum fz_err do_statement(struct cact *a)
{
    enum fz_err rc = need(a, "statement", "陈述申辩内容", &a->comment);
    if (!rc)
        rc = set_col(a, "UPDATE cases SET statement = ? WHERE id = ?", "heard");
    return rc;
}

static enum fz_err do_waive(struct cact *a)
{
    enum fz_err rc = need(a, "comment", "当事人明确放弃陈述申辩的记录", &a->comment);
    if (!rc)
        rc = set_col(a, "UPDATE cases SET statement = ? WHERE id = ?", "waived");
    return rc;
}

static enum fz_err do_request_hearing(struct cact *a)
{
    if (!json_integer_value(json_object_get(a->c, "hearing_right")))
        return violation(a, "拟作出的处罚不属于应当告知听证权利的情形（《行政处罚法》第六十三条）");
    const char *due = jstr(a->c, "hearing_request_due");
    if (due && strcmp(a->now, due) > 0)
        return violation(a, "当事人已超过告知后五个工作日的听证申请期限（《行政处罚法》第六十四条）");
    a->comment = jstr(a->body, "comment");
    return set_col(a, "UPDATE cases SET hearing_requested_at = ? WHERE id = ?", a->now);
}

static enum fz_err do_schedule_hearing(struct cact *a)
{
    const char *when = NULL;
    enum fz_err rc = need(a, "hearing_at", "听证时间", &when);
    time_t ht;
    if (!rc && time_parse(when, &ht)) {
        fz_problem_set(a->p, "hearing_at", NULL, "听证时间格式应为 ISO 8601");
        rc = FZ_EINVAL;
    }
    if (rc)
        return rc;
    /* Art. 64 (2): notify the time and place at least 7 (working) days before */
    int32_t earliest = 0;
    if (calendar_add_workdays(a->cal, local_day(a->t), 7, &earliest)) {
        fz_problem_set(a->p, NULL, "calendar_year_missing",
                       "工作日历中缺少该年度的节假日安排，无法计算期限");
        return FZ_EINVAL;
    }
    if (local_day(ht) < earliest) {
        char ymd[11];
        calendar_ymd(earliest, ymd);
        fz_problem_set(a->p, "hearing_at", "hearing_notice_too_short",
                       "听证应在举行七个工作日前通知当事人，最早可定于 %s（《行政处罚法》第六十四条）",
                       ymd);
        return FZ_EINVAL;
    }
    char ts[FZ_TS_LEN];
    time_format(ht, ts);
    a->data = json_pack("{s:s}", "hearing_at", ts);
    a->comment = jstr(a->body, "place");
    return set_col(a, "UPDATE cases SET hearing_at = ? WHERE id = ?", ts);
}

static enum fz_err do_hold_hearing(struct cact *a)
{
    const char *at = jstr(a->c, "hearing_at");
    if (!at)
        return violation(a, "尚未确定听证时间并通知当事人（《行政处罚法》第六十四条）");
    if (strcmp(a->now, at) < 0)
        return violation(a, "听证时间尚未到达");
    enum fz_err rc = need(a, "record", "听证笔录摘要", &a->comment);
    /* Art. 58 (1)(2): a case that went through a hearing needs legal review */
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE cases SET statement = 'heard', review_required = 1"
                    " WHERE id = ?", "i", a->id);
    return rc;
}

static enum fz_err do_submit_review(struct cact *a)
{
    a->comment = jstr(a->body, "comment");
    return FZ_OK;
}

static enum fz_err do_review(struct cact *a)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(a->db, &n,
        "SELECT count(*) FROM case_officers co JOIN officers o ON o.id = co.officer_id"
        " WHERE co.case_id = ? AND o.user_id = ?", "ii", a->id, a->actor ? a->actor->id : 0);
    if (!rc && n) {
        fz_problem_set(a->p, NULL, "reviewer_conflict",
                       "承办本案的执法人员不能对本案进行法制审核（《行政处罚法》第五十八条）");
        return FZ_EFORBIDDEN;
    }
    static const char *const results[] = { "agree", "amend", "return", NULL };
    const char *r = jstr(a->body, "result");
    if (!str_in(r, results)) {
        fz_problem_set(a->p, "result", NULL, "审核意见应为 agree（同意）、amend（修改后再报）或 return（退回补充调查）");
        return FZ_EINVAL;
    }
    if (!rc)
        rc = need(a, "opinion", "审核意见理由", &a->comment);
    if (rc)
        return rc;
    a->to = str_eq(r, "agree") ? "reviewed" : str_eq(r, "amend") ? "heard" : "investigating";
    a->data = json_pack("{s:s}", "result", r);
    return db_run(a->db, NULL, "UPDATE cases SET review_result = ?, reviewed_by = ?,"
                  " reviewed_at = ? WHERE id = ?", "titi", r, a->actor ? a->actor->id : 0,
                  a->now, a->id);
}

static enum fz_err do_discuss(struct cact *a)
{
    enum fz_err rc = need(a, "minutes", "集体讨论记录", &a->comment);
    if (!rc)
        rc = set_col(a, "UPDATE cases SET discussed_at = ? WHERE id = ?", a->now);
    return rc;
}

static enum fz_err do_extend(struct cact *a)
{
    json_t *d = json_object_get(a->body, "days");
    int64_t max = db_setting_int(a->db, "case.max_extension_days", 30);
    int64_t used = json_integer_value(json_object_get(a->c, "extension_days"));
    if (!json_is_integer(d) || json_integer_value(d) < 1 ||
        json_integer_value(d) + used > max) {
        fz_problem_set(a->p, "days", NULL, "延长天数应为 1 至 %lld 天（已延长 %lld 天；延期规则为可配置的部门规定，未核实）",
                       (long long)(max - used), (long long)used);
        return FZ_EINVAL;
    }
    enum fz_err rc = need(a, "reason", "延期理由", &a->comment);
    const char *due = jstr(a->c, "decision_due");
    time_t t;
    if (!rc && (!due || time_parse(due, &t)))
        return violation(a, "尚未立案，没有办案期限可延长");
    char nd[FZ_TS_LEN];
    if (!rc) {
        time_format(t + (time_t)json_integer_value(d) * 86400, nd);
        a->data = json_pack("{s:I, s:s}", "days", json_integer_value(d), "decision_due", nd);
        rc = db_run(a->db, NULL, "UPDATE cases SET decision_due = ?, extension_days ="
                    " extension_days + ? WHERE id = ?", "tii", nd,
                    (int64_t)json_integer_value(d), a->id);
    }
    return rc;
}

/* no_increase: Art. 45 - the penalty may not exceed what was notified (the party's
 * statement must not make it heavier) */
static enum fz_err no_increase(struct cact *a, json_t *pen)
{
    json_t *intended = json_loads(json_string_value(json_object_get(a->c, "intended")), 0,
                                  NULL);
    bool ok = true;
    size_t i, j;
    json_t *k, *m;
    json_array_foreach(json_object_get(pen, "kinds"), i, k) {
        bool found = false;
        json_array_foreach(json_object_get(intended, "kinds"), j, m)
            found = found || json_equal(k, m);
        ok = ok && found;
    }
    double f = json_number_value(json_object_get(pen, "fine"));
    double fi = json_number_value(json_object_get(intended, "fine"));
    ok = ok && f <= fi + 1e-9;
    json_decref(intended);
    if (!ok) {
        fz_problem_set(a->p, "penalty", "penalty_increased",
                       "处罚决定不得重于事先告知的处罚（不得因当事人陈述申辩而加重，《行政处罚法》第四十五条）");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

/* decided_effects: number, service, publication and payment deadlines of a decision */
static enum fz_err decided_effects(struct cact *a, const char *decision, json_t *pen,
                                   const char *label, const char *kind)
{
    char no[128], sdue[FZ_TS_LEN], pdue[FZ_TS_LEN];
    enum fz_err rc = doc_number(a->db, json_integer_value(json_object_get(a->c, "dept_id")),
                                kind, label, a->t, no, sizeof no);
    if (!rc)
        rc = due_workdays(a, 7, sdue);                 /* Art. 61 */
    if (!rc)
        rc = due_workdays(a, (int)db_setting_int(a->db, "case.publish_workdays", 7), pdue);
    if (rc)
        return rc;
    bool publish = str_eq(decision, "penalty");
    char *text = pen ? json_dumps(pen, JSON_COMPACT | JSON_SORT_KEYS) : strdup("{}");
    double fine = pen ? json_number_value(json_object_get(pen, "fine")) : 0;
    a->data = json_pack("{s:s, s:s, s:s, s:s}", "decision", decision, "decision_no", no,
                        "service_due", sdue, "publish_due", pdue);
    rc = db_run(a->db, NULL,
                "UPDATE cases SET decision = ?, penalty = ?, fine_amount = ?, decision_no = ?,"
                " decided_at = ?, service_due = ?, publish_required = ?, publish_due = ?"
                " WHERE id = ?", "ttdtttiti", decision, text ? text : "{}", fine, no, a->now,
                sdue, (int64_t)publish, publish ? pdue : NULL, a->id);
    free(text);
    return rc;
}

static enum fz_err do_decide(struct cact *a)
{
    const char *st = jstr(a->c, "statement");
    if (!jstr(a->c, "notice_served_at") || !(str_eq(st, "heard") || str_eq(st, "waived")))
        return violation(a, "未告知当事人或未听取陈述申辩，不得作出行政处罚决定（《行政处罚法》第六十二条）");
    if (json_integer_value(json_object_get(a->c, "review_required")) &&
        !str_eq(jstr(a->c, "review_result"), "agree"))
        return violation(a, "本案须经法制审核且审核通过后方可作出决定（《行政处罚法》第五十八条）");
    if (json_integer_value(json_object_get(a->c, "major")) && !jstr(a->c, "discussed_at"))
        return violation(a, "重大案件应当由行政机关负责人集体讨论决定（《行政处罚法》第五十七条）");
    const char *due = jstr(a->c, "decision_due");
    if (due && strcmp(a->now, due) > 0)
        return violation(a, "已超过立案之日起九十日的办案期限（《行政处罚法》第六十条），请先办理延期");
    static const char *const decisions[] = { "penalty", "no_penalty_minor", "no_penalty_facts",
                                             "transfer", NULL };
    const char *d = jstr(a->body, "decision");
    if (!str_in(d, decisions)) {
        fz_problem_set(a->p, "decision", NULL,
                       "决定应为 penalty（给予处罚）、no_penalty_minor（轻微不予处罚）、"
                       "no_penalty_facts（事实不成立不予处罚）或 transfer（移送司法机关）"
                       "（《行政处罚法》第五十七条）");
        return FZ_EINVAL;
    }
    json_t *pen = json_object_get(a->body, "penalty");
    enum fz_err rc = FZ_OK;
    if (str_eq(d, "penalty")) {
        rc = check_penalty(a, pen, "penalty");
        if (!rc)
            rc = no_increase(a, pen);
    }
    if (rc)
        return rc;
    a->comment = jstr(a->body, "basis");
    return decided_effects(a, d, str_eq(d, "penalty") ? pen : NULL, "罚决", "penalty_decision");
}

/* record_act: an on-site act of the action (service, on-the-spot decision) */
static enum fz_err record_act(struct cact *a, const char *kind, json_t *officers,
                              const char *summary)
{
    json_t *certs = NULL;
    enum fz_err rc = officers_check(a->db, officers, a->day, &certs, a->p);
    if (rc)
        return rc;
    char *o = json_dumps(officers, JSON_COMPACT), *c = json_dumps(certs, JSON_COMPACT);
    rc = db_run(a->db, NULL,
                "INSERT INTO case_acts(case_id, kind, at, place, summary, officers, certs,"
                " created_by, created_at) VALUES (?, ?, ?, coalesce(?, ''), ?, ?, ?,"
                " nullif(?, 0), ?)", "itttttti" "t", a->id, kind, a->now, jstr(a->body, "place"),
                summary, o, c, a->actor ? a->actor->id : 0, a->now);
    free(o);
    free(c);
    json_decref(certs);
    return rc;
}

static enum fz_err do_decide_on_spot(struct cact *a)
{
    json_t *pen = json_object_get(a->body, "penalty");
    enum fz_err rc = check_penalty(a, pen, "penalty");
    if (rc)
        return rc;
    /* Art. 51: a warning or a fine of at most 200 yuan (citizen) / 3000 yuan (org) */
    bool citizen = str_eq(jstr(a->c, "party_kind"), "citizen");
    double limit = (double)db_setting_int(a->db, citizen ? "case.simple_max_fine_citizen"
                                                  : "case.simple_max_fine_org",
                                   citizen ? 200 : 3000);
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(pen, "kinds"), i, k)
        if (!str_eq(json_string_value(k), "warning") && !str_eq(json_string_value(k), "fine")) {
            fz_problem_set(a->p, "penalty", "simple_procedure_not_allowed",
                           "简易程序只能当场作出警告或者罚款（《行政处罚法》第五十一条）");
            return FZ_EINVAL;
        }
    double fine = json_number_value(json_object_get(pen, "fine"));
    if (fine > limit + 1e-9) {
        fz_problem_set(a->p, "penalty", "simple_procedure_not_allowed",
                       "适用简易程序的罚款不得超过%s%.0f元，应适用普通程序（《行政处罚法》第五十一条）",
                       citizen ? "对公民" : "对法人或者其他组织", limit);
        return FZ_EINVAL;
    }
    rc = need(a, "facts", "违法事实", &a->comment);
    if (!rc)
        rc = record_act(a, "onsite_decision", json_object_get(a->body, "officers"),
                        "当场作出行政处罚决定并交付当事人（《行政处罚法》第五十二条）");
    if (!rc)
        rc = decided_effects(a, "penalty", pen, "当场罚决", "simple_decision");
    char pay[FZ_TS_LEN];
    time_format(end_of_day(local_day(a->t) + 15), pay);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE cases SET served_at = ?, service_method = 'on_spot',"
                    " payment_due = ?, intended = penalty, notice_served_at = ?,"
                    " statement = 'heard' WHERE id = ?", "ttti", a->now, pay, a->now, a->id);
    return rc;
}

static enum fz_err do_serve(struct cact *a)
{
    static const char *const methods[] = { "on_spot", "direct", "mail", "electronic",
                                           "public_notice", NULL };
    const char *m = jstr(a->body, "method");
    if (!str_in(m, methods)) {
        fz_problem_set(a->p, "method", NULL,
                       "送达方式应为 on_spot（当场交付）、direct（直接送达）、mail（邮寄）、"
                       "electronic（电子送达）或 public_notice（公告送达）");
        return FZ_EINVAL;
    }
    if (str_eq(m, "electronic") && !json_is_true(json_object_get(a->body, "consent"))) {
        fz_problem_set(a->p, "consent", "consent_required",
                       "电子送达须经当事人书面同意并签订确认书（《行政处罚法》第六十一条）");
        return FZ_EINVAL;
    }
    enum fz_err rc = FZ_OK;
    if (str_eq(m, "on_spot") || str_eq(m, "direct"))
        rc = record_act(a, "service", json_object_get(a->body, "officers"),
                        "送达行政处罚决定书");
    /* Art. 67: pay within 15 days of receiving the decision (calendar days) */
    char pay[FZ_TS_LEN];
    time_format(end_of_day(local_day(a->t) + 15), pay);
    a->comment = jstr(a->body, "comment");
    a->data = json_pack("{s:s, s:s}", "method", m, "payment_due", pay);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE cases SET served_at = ?, service_method = ?,"
                    " payment_due = ? WHERE id = ?", "ttti", a->now, m, pay, a->id);
    return rc;
}

static enum fz_err do_publish(struct cact *a)
{
    if (!json_integer_value(json_object_get(a->c, "publish_required")))
        return violation(a, "本案决定无需公示");
    if (jstr(a->c, "published_at"))
        return violation(a, "本案决定已公示");
    a->comment = jstr(a->body, "comment");
    return set_col(a, "UPDATE cases SET published_at = ? WHERE id = ?", a->now);
}

static enum fz_err do_execute(struct cact *a)
{
    const char *paid = jstr(a->body, "performed_on");
    int32_t pd = 0;
    if (!paid || calendar_day(paid, &pd)) {
        fz_problem_set(a->p, "performed_on", NULL, "请填写履行（缴款）日期 YYYY-MM-DD");
        return FZ_EINVAL;
    }
    /* Art. 72 (1)(1): 3% of the fine per day late, never more than the fine */
    double fine = json_number_value(json_object_get(a->c, "fine_amount"));
    const char *due = jstr(a->c, "payment_due");
    time_t dt;
    double surcharge = 0;
    int late = 0;
    if (due && !time_parse(due, &dt) && pd > local_day(dt)) {
        late = pd - local_day(dt);
        surcharge = fmin(fine, fine * 0.03 * late);
    }
    a->comment = jstr(a->body, "comment");
    a->data = json_pack("{s:s, s:i, s:f}", "performed_on", paid, "days_late", late,
                        "surcharge", surcharge);
    return set_col(a, "UPDATE cases SET executed_at = ? WHERE id = ?", a->now);
}

static enum fz_err do_close(struct cact *a)
{
    if (json_integer_value(json_object_get(a->c, "publish_required")) &&
        !jstr(a->c, "published_at"))
        return violation(a, "行政处罚决定尚未公示，不能结案（《行政处罚法》第四十八条；国办发〔2018〕118号）");
    const char *d = jstr(a->c, "decision");
    if (str_eq(d, "penalty") && !jstr(a->c, "executed_at"))
        return violation(a, "处罚决定尚未执行完毕，不能结案");
    a->comment = jstr(a->body, "conclusion");
    return db_run(a->db, NULL, "UPDATE cases SET closed_at = ?, conclusion ="
                  " coalesce(?, conclusion) WHERE id = ?", "tti", a->now, a->comment, a->id);
}

static enum fz_err do_revoke(struct cact *a)
{
    enum fz_err rc = need(a, "reason", "撤销（变更、确认违法或无效）的理由", &a->comment);
    if (rc)
        return rc;
    if (jstr(a->c, "published_at") && !jstr(a->c, "withdrawn_at")) {
        char due[FZ_TS_LEN];
        rc = due_workdays(a, 3, due);    /* Art. 48 (2): withdraw within 3 (working) days */
        if (!rc)
            rc = set_col(a, "UPDATE cases SET withdraw_due = ? WHERE id = ?", due);
        a->data = json_pack("{s:s}", "withdraw_due", due);
    }
    return rc;
}

static enum fz_err do_withdraw(struct cact *a)
{
    if (!jstr(a->c, "published_at") || jstr(a->c, "withdrawn_at"))
        return violation(a, "本案没有需要撤回的公示信息");
    enum fz_err rc = need(a, "reason", "撤回公示的说明", &a->comment);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE cases SET withdrawn_at = ?, withdraw_reason = ?"
                    " WHERE id = ?", "tti", a->now, a->comment, a->id);
    return rc;
}

static enum fz_err do_conclude(struct cact *a)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(a->db, &n, "SELECT count(*) FROM case_acts WHERE case_id = ?",
                                  "i", a->id);
    if (!rc && !n)
        return violation(a, "尚无检查记录，不能办结检查（执法全过程记录，国办发〔2018〕118号）");
    if (!rc)
        rc = need(a, "conclusion", "检查结论", &a->comment);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE cases SET closed_at = ?, conclusion = ? WHERE id = ?",
                    "tti", a->now, a->comment, a->id);
    return rc;
}

static const struct case_action {
    const char *name, *label, *perm, *from, *to;
    enum fz_err (*fn)(struct cact *a);
} actions[] = {
    { "approve_filing", "批准立案", "case:approve", "registered", "investigating", do_approve_filing },
    { "notify", "告知拟处罚（陈述申辩、听证权利）", "case:write", "investigating", "notified", do_notify },
    { "statement", "记录陈述申辩", "case:write", "notified", "heard", do_statement },
    { "waive", "当事人放弃陈述申辩", "case:write", "notified", "heard", do_waive },
    { "request_hearing", "当事人申请听证", "case:write", "notified", "hearing", do_request_hearing },
    { "schedule_hearing", "确定听证时间", "case:write", "hearing", NULL, do_schedule_hearing },
    { "hold_hearing", "举行听证", "case:write", "hearing", "heard", do_hold_hearing },
    { "submit_review", "提交法制审核", "case:write", "heard", "reviewing", do_submit_review },
    { "review", "法制审核", "case:review", "reviewing", NULL, do_review },
    { "discuss", "集体讨论", "case:approve", "heard reviewed", NULL, do_discuss },
    { "extend", "延长办案期限", "case:approve",
      "investigating notified hearing heard reviewing reviewed", NULL, do_extend },
    { "decide", "作出决定", "case:approve", "heard reviewed", "decided", do_decide },
    { "decide_on_spot", "当场处罚（简易程序）", "case:write", "onsite", "served", do_decide_on_spot },
    { "serve", "送达决定书", "case:write", "decided", "served", do_serve },
    { "publish", "公示", "case:publish", "decided served executed closed", NULL, do_publish },
    { "execute", "执行（履行）", "case:write", "served", "executed", do_execute },
    { "close", "结案", "case:approve", "executed served decided", "closed", do_close },
    { "revoke", "撤销决定", "case:approve", "decided served executed closed", "revoked", do_revoke },
    { "withdraw_publication", "撤回公示", "case:publish", "revoked", NULL, do_withdraw },
    { "conclude", "办结检查", "case:write", "inspecting", "closed", do_conclude },
    { NULL, NULL, NULL, NULL, NULL, NULL },
};

/* applies: the case's own preconditions of actions that have them, so the allowed list
 * offers nothing the action would refuse for that reason */
static bool applies(const struct case_action *x, json_t *c)
{
    bool required = json_integer_value(json_object_get(c, "publish_required")) != 0;
    bool published = jstr(c, "published_at") != NULL;
    bool withdrawn = jstr(c, "withdrawn_at") != NULL;
    if (str_eq(x->name, "publish"))
        return required && !published;
    if (str_eq(x->name, "withdraw_publication"))
        return published && !withdrawn;
    return true;
}

static json_t *case_allowed(const struct fz_user *actor, json_t *c)
{
    const char *st = jstr(c, "stage");
    json_t *arr = json_array();
    for (const struct case_action *x = actions; x->name; x++)
        if (str_in_words(x->from, st) && applies(x, c) && (!actor || http_has_perm(actor, x->perm)))
            json_array_append_new(arr, json_pack("{s:s, s:s}", "action", x->name, "label",
                                                 x->label));
    return arr;
}

enum fz_err case_act(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                     int64_t id, json_t *body, time_t at, json_t **allowed,
                     char summary[160], struct fz_problem *p)
{
    const char *name = jstr(body, "action");
    const struct case_action *x = actions;
    while (x->name && !str_eq(x->name, name))
        x++;
    struct cact a = { .db = db, .cal = cal, .actor = actor, .id = id, .body = body, .t = at,
                      .p = p };
    enum fz_err rc = load_case(db, actor, id, &a.c);
    if (rc)
        return rc;
    const char *st = jstr(a.c, "stage");
    if (!x->name) {
        fz_problem_set(p, "action", NULL, "未知的操作 %s", name ? name : "（空）");
        rc = FZ_EINVAL;
    } else if (!str_in_words(x->from, st)) {
        fz_problem_set(p, "action", "invalid_transition", "案件当前阶段为“%s”，不能执行“%s”",
                       stage_name(st), x->label);
        rc = FZ_ECONFLICT;
    } else if (actor && !http_has_perm(actor, x->perm)) {
        fz_problem_set(p, "action", NULL, "没有执行“%s”的权限", x->label);
        rc = FZ_EFORBIDDEN;
    }
    if (!rc) {
        time_format(at, a.now);
        local_ymd(at, a.day);
        a.to = x->to;
        rc = x->fn(&a);
    }
    if (rc == FZ_ECONFLICT && allowed)
        *allowed = case_allowed(actor, a.c);
    const char *to = a.to ? a.to : st;
    if (!rc && !str_eq(to, st))
        rc = db_run(db, NULL, "UPDATE cases SET stage = ? WHERE id = ?", "ti", to, id);
    if (!rc)
        rc = db_run(db, NULL, "UPDATE cases SET updated_at = ?, version = version + 1"
                    " WHERE id = ?", "ti", a.now, id);
    if (!rc)
        rc = add_event(db, id, actor, a.now, x->name, st, to, a.comment, a.data);
    if (!rc)
        snprintf(summary, 160, "案件 %s %s（%s → %s）", jstr(a.c, "no"), x->label,
                 stage_name(st), stage_name(to));
    json_decref(a.data);
    json_decref(a.c);
    return rc;
}

/* ---- on-site acts and evidence ---- */

enum fz_err case_add_act(struct db *db, const struct fz_user *actor, int64_t id, json_t *b,
                         time_t at, int64_t *act_id, struct fz_problem *p)
{
    json_t *c = NULL;
    enum fz_err rc = load_case(db, actor, id, &c);
    if (rc)
        return rc;
    bool open = str_in(jstr(c, "stage"), (const char *const[]){ "investigating", "onsite",
                                                               "inspecting", NULL });
    json_decref(c);
    if (!open) {
        fz_problem_set(p, "kind", "procedure_violation",
                       "只有在调查取证、现场检查或当场处罚阶段才能记录现场执法活动（立案后方可调查，《行政处罚法》第五十四条）");
        return FZ_ECONFLICT;
    }
    static const char *const kinds[] = { "inspection", "inquiry", "evidence", NULL };
    const char *kind = jstr(b, "kind");
    if (!str_in(kind, kinds)) {
        fz_problem_set(p, "kind", NULL, "执法活动应为 inspection（检查）、inquiry（询问）或 evidence（取证）");
        return FZ_EINVAL;
    }
    char day[11], ts[FZ_TS_LEN];
    local_ymd(at, day);
    time_format(at, ts);
    json_t *certs = NULL;
    rc = officers_check(db, json_object_get(b, "officers"), day, &certs, p);
    if (rc)
        return rc;
    char *o = json_dumps(json_object_get(b, "officers"), JSON_COMPACT);
    char *cs = json_dumps(certs, JSON_COMPACT);
    rc = db_run(db, NULL,
                "INSERT INTO case_acts(case_id, kind, at, place, summary, officers, certs,"
                " created_by, created_at) VALUES (?, ?, ?, coalesce(?, ''), coalesce(?, ''),"
                " ?, ?, nullif(?, 0), ?)", "itttttti" "t", id, kind, ts, jstr(b, "place"),
                jstr(b, "summary"), o, cs, actor ? actor->id : 0, ts);
    free(o);
    free(cs);
    json_t *data = json_pack("{s:s, s:o}", "kind", kind, "certs", certs);
    if (!rc) {
        *act_id = db_last_id(db);
        rc = add_event(db, id, actor, ts, "act", "", "", jstr(b, "summary"), data);
    }
    json_decref(data);
    return rc;
}

enum fz_err case_add_evidence(struct db *db, const struct fz_user *actor, int64_t id,
                              const struct fz_upload *up, time_t at, json_t **out,
                              struct fz_problem *p)
{
    json_t *c = NULL;
    enum fz_err rc = load_case(db, actor, id, &c);
    if (rc)
        return rc;
    char stage[32];
    str_copy(stage, sizeof stage, jstr(c, "stage"));
    json_decref(c);
    const char *record = jstr(up->fields, "record");
    const char *kind = jstr(up->fields, "kind");
    static const char *const kinds[] = { "document", "photo", "audio", "video", "other", NULL };
    if (!record || !known_record(record)) {
        fz_problem_set(p, "record", NULL, "请选择证据对应的记录项 record（如 inquiry_record、av_record）");
        return FZ_EINVAL;
    }
    if (!kind)
        kind = strncmp(up->content_type, "image/", 6) == 0 ? "photo"
             : strncmp(up->content_type, "video/", 6) == 0 ? "video"
             : strncmp(up->content_type, "audio/", 6) == 0 ? "audio" : "document";
    if (!str_in(kind, kinds)) {
        fz_problem_set(p, "kind", NULL, "证据类型应为 document、photo、audio、video 或 other");
        return FZ_EINVAL;
    }
    int64_t act = 0;
    const char *as = jstr(up->fields, "act_id");
    if (as && (str_to_i64(as, &act) || act <= 0)) {
        fz_problem_set(p, "act_id", NULL, "act_id 应为执法活动编号");
        return FZ_EINVAL;
    }
    char now[FZ_TS_LEN];
    time_format(at ? at : time(NULL), now);
    rc = db_run(db, NULL,
                "INSERT INTO evidence(case_id, act_id, stage, record, kind, filename,"
                " content_type, size, sha256, sm3, description, uploaded_by, uploaded_at)"
                " VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, ''),"
                " nullif(?, 0), ?)",
                "iittttt" "ittt" "it", id, act, stage, record, kind, up->filename,
                up->content_type, (int64_t)up->size, up->sha256, up->sm3,
                jstr(up->fields, "description"), actor ? actor->id : 0, now);
    if (rc == FZ_ECONFLICT) {
        fz_problem_set(p, "act_id", NULL, "执法活动不存在");
        return rc;
    }
    if (rc)
        return rc;
    int64_t eid = db_last_id(db);
    json_t *data = json_pack("{s:I, s:s, s:s, s:s, s:I}", "evidence_id", (json_int_t)eid,
                             "filename", up->filename, "sha256", up->sha256, "sm3", up->sm3,
                             "size", (json_int_t)up->size);
    rc = add_event(db, id, actor, now, "evidence", stage, stage, record, data);
    json_decref(data);
    if (!rc)
        rc = evidence_get(db, actor, eid, out);
    return rc;
}

enum fz_err evidence_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out)
{
    return db_query_row(db, out,
        "SELECT e.id, e.case_id, e.act_id, e.stage, e.record, e.kind, e.filename,"
        " e.content_type, e.size, e.sha256, e.sm3, e.description, e.uploaded_at"
        " FROM evidence e JOIN cases c ON c.id = e.case_id WHERE e.id = ?4 AND " CASE_SCOPE,
        "iiii", SCOPE_ARGS(actor), id);
}

/* ---- publication (公示) ---- */

enum fz_err cases_published(struct db *db, json_t **items)
{
    enum fz_err rc = db_query_json(db, items,
        "SELECT c.decision_no, d.name AS agency, c.party_name, c.party_kind, c.title,"
        " c.facts, c.penalty, c.fine_amount, c.decided_at, c.published_at"
        " FROM cases c JOIN departments d ON d.id = c.dept_id"
        " WHERE c.published_at IS NOT NULL AND c.withdrawn_at IS NULL"
        " ORDER BY c.published_at DESC LIMIT 1000", "");
    size_t i;
    json_t *c;
    if (rc)
        return rc;
    json_array_foreach(*items, i, c) {
        /* T-07: personal information of citizens is masked; organisations are named */
        if (str_eq(jstr(c, "party_kind"), "citizen")) {
            const char *n = jstr(c, "party_name");
            char m[64];
            size_t first = (n && (unsigned char)n[0] >= 0xE0) ? 3 : 1;
            snprintf(m, sizeof m, "%.*s**", (int)first, n ? n : "");
            json_object_set_new(c, "party_name", json_string(m));
        }
        json_t *v = json_loads(json_string_value(json_object_get(c, "penalty")), 0, NULL);
        json_object_set_new(c, "penalty", v ? v : json_object());
    }
    return FZ_OK;
}

enum fz_err cases_verify_files(struct db *db, const char *root, json_t **bad, int64_t *n)
{
    *bad = NULL;
    *n = 0;
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(db, &rows, "SELECT id, case_id, filename, size, sha256, sm3"
                                   " FROM evidence ORDER BY id", "");
    if (rc)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        enum fz_err c = files_check(root, jstr(r, "sha256"), jstr(r, "sm3"),
                                    (uint64_t)json_integer_value(json_object_get(r, "size")));
        (*n)++;
        if (c == FZ_ENOTFOUND || c == FZ_ECONFLICT) {
            json_object_set_new(r, "problem", json_string(c == FZ_ENOTFOUND ? "missing"
                                                                            : "altered"));
            *bad = json_incref(r);
            break;
        }
        if (c) {
            rc = c;
            break;
        }
    }
    json_decref(rows);
    return rc;
}
