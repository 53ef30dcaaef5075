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
#include "modules/regulations.h"
#include "modules/scope.h"
#include "util/crypto.h"
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
    " c.executed_at, c.closed_at, c.conclusion, c.created_at, c.updated_at, c.version,"  \
    " (SELECT min(pr.handling_due) FROM case_preservations pr WHERE pr.case_id = c.id"   \
    "  AND pr.status = 'preserved') AS preservation_due"

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
        /* Art. 56: the earliest handling decision still due on preserved evidence */
        { "preservation_overdue", "preservation_due", "preservation_handled", NULL },
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
        "      AND c.publish_due < ?9)"
        "  OR (?8 = 'preservation_overdue' AND EXISTS (SELECT 1 FROM case_preservations pr"
        "      WHERE pr.case_id = c.id AND pr.status = 'preserved' AND pr.handling_due < ?9)))";
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

/* case_extras: the legal basis, preservations (Art. 56) and recusals (Art. 43) of case c
 * (borrowed; the arrays are added to it), each preservation with its deadline state */
static enum fz_err case_extras(struct db *db, int64_t id, json_t *c, time_t now)
{
    json_t *cites = NULL, *pres = NULL, *recs = NULL;
    enum fz_err rc = db_query_json(db, &cites,
        "SELECT cc.id, cc.regulation_id, cc.version_id, cc.version_no, cc.article_no, cc.label,"
        " cc.quote, cc.text, cc.text_sha256, cc.on_date, v.doc_no, v.effective_from,"
        " v.effective_to, v.status AS version_status FROM case_citations cc"
        " JOIN regulation_versions v ON v.id = cc.version_id WHERE cc.case_id = ? ORDER BY cc.id",
        "i", id);
    if (!rc)
        rc = db_query_json(db, &pres,
            "SELECT p.id, p.items, p.reason, p.status, p.requested_at, p.approved_at,"
            " ua.display_name AS approved_by_name, p.opinion, p.act_id, p.preserved_at,"
            " p.handling_due, p.handling, p.handling_note, p.handled_at"
            " FROM case_preservations p LEFT JOIN users ua ON ua.id = p.approved_by"
            " WHERE p.case_id = ? ORDER BY p.id", "i", id);
    if (!rc)
        rc = db_query_json(db, &recs,
            "SELECT r.id, r.officer_id, o.name AS officer_name, o.cert_no, r.applicant, r.reason,"
            " r.status, r.applied_at, r.decided_at, ud.display_name AS decided_by_name, r.opinion,"
            " r.replacement_id, ro.name AS replacement_name FROM case_recusals r"
            " JOIN officers o ON o.id = r.officer_id LEFT JOIN officers ro ON ro.id ="
            " r.replacement_id LEFT JOIN users ud ON ud.id = r.decided_by"
            " WHERE r.case_id = ? ORDER BY r.id", "i", id);
    if (rc) {
        json_decref(cites);
        json_decref(pres);
        json_decref(recs);
        return rc;
    }
    size_t i;
    json_t *x;
    json_array_foreach(pres, i, x) {
        json_t *v = json_loads(json_string_value(json_object_get(x, "items")), 0, NULL);
        json_object_set_new(x, "items", v ? v : json_array());
        const char *due = jstr(x, "handling_due");
        time_t t;
        const char *state = "";
        if (due && !time_parse(due, &t) && str_eq(jstr(x, "status"), "preserved"))
            state = now > t ? "overdue" : t - now < 2 * 86400 ? "near_due" : "";
        json_object_set_new(x, "due_state", json_string(state));
    }
    json_object_set_new(c, "citations", cites);
    json_object_set_new(c, "preservations", pres);
    json_object_set_new(c, "recusals", recs);
    return FZ_OK;
}

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
    rc = case_extras(db, id, c, time(NULL));
    if (rc) {
        json_decref(c);
        return rc;
    }
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

/* ---- legal basis: citations of the version in force on the day ---- */

#define MAX_CITATIONS 20
#define CITE_FIELD(n) { "citations[" #n "].regulation_id", "citations[" #n "].article" }
/* the fields an error names (fz_problem keeps static strings) */
static const char *const cite_fields[MAX_CITATIONS][2] = {
    CITE_FIELD(0), CITE_FIELD(1), CITE_FIELD(2), CITE_FIELD(3), CITE_FIELD(4),
    CITE_FIELD(5), CITE_FIELD(6), CITE_FIELD(7), CITE_FIELD(8), CITE_FIELD(9),
    CITE_FIELD(10), CITE_FIELD(11), CITE_FIELD(12), CITE_FIELD(13), CITE_FIELD(14),
    CITE_FIELD(15), CITE_FIELD(16), CITE_FIELD(17), CITE_FIELD(18), CITE_FIELD(19),
};

/* cite_day: the day a case's legal basis is resolved against: the date of the violation,
 * else the filing day, else the day the case was registered (local dates) */
static enum fz_err cite_day(struct db *db, int64_t id, char day[11])
{
    char *d = NULL;
    enum fz_err rc = db_query_text(db, &d, "SELECT coalesce(violation_at, filed_at, created_at)"
                                   " FROM cases WHERE id = ?", "i", id);
    if (!rc)
        str_copy(day, 11, d);
    free(d);
    return rc;
}

/* store_citation: one resolved citation (reg_cite's JSON, borrowed) of case id */
static enum fz_err store_citation(struct db *db, const struct fz_user *actor, int64_t id,
                                  json_t *cit, const char *day, const char *ts)
{
    json_t *art = json_object_get(cit, "article");
    int64_t rid = json_integer_value(json_object_get(cit, "regulation_id"));
    int64_t no = json_integer_value(json_object_get(json_object_get(cit, "version"), "no"));
    int64_t vid = 0;
    enum fz_err rc = db_query_int(db, &vid, "SELECT id FROM regulation_versions WHERE"
                                  " regulation_id = ? AND no = ?", "ii", rid, no);
    const char *text = jstr(art, "text") ? jstr(art, "text") : "";
    int64_t article = json_integer_value(json_object_get(art, "no")), dup = 0;
    uint8_t h[FZ_HASH_LEN];
    char hex[FZ_HEX_LEN];
    if (!rc)
        rc = db_query_int(db, &dup, "SELECT count(*) FROM case_citations WHERE case_id = ? AND"
                          " version_id = ? AND article_no = ?", "iii", id, vid, article);
    if (!rc && dup)
        return FZ_ECONFLICT;
    if (!rc)
        rc = crypto_digest(FZ_SHA256, text, strlen(text), h);
    if (rc)
        return rc;
    crypto_hex(h, sizeof h, hex);
    return db_run(db, NULL,
        "INSERT INTO case_citations(case_id, regulation_id, version_id, version_no, article_no,"
        " label, quote, text, text_sha256, on_date, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)", "iiiiittttt" "it", id, rid,
        vid, no, article, jstr(art, "label"),
        jstr(cit, "quote"), text, hex, day, actor ? actor->id : 0, ts);
}

/* add_citations: resolve list ([{regulation_id, article}]) against the case's day to the
 * versions in force then (reg_cite) and store them with the article text; *quotes gets
 * the 《title》第N条 added (new array). An unknown regulation or article, or no version
 * in force that day, is FZ_EINVAL naming citations[i].regulation_id or .article. */
static enum fz_err add_citations(struct db *db, const struct fz_user *actor, int64_t id,
                                 json_t *list, const char *ts, json_t **quotes,
                                 struct fz_problem *p)
{
    size_t n = json_array_size(list);
    if (!json_is_array(list) || !n || n > MAX_CITATIONS) {
        fz_problem_set(p, "citations", NULL, "法律依据应为 1 至 %d 项 {regulation_id, article}",
                       MAX_CITATIONS);
        return FZ_EINVAL;
    }
    char day[11];
    enum fz_err rc = cite_day(db, id, day);
    json_t *out = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        json_t *rid = json_object_get(x, "regulation_id"), *art = json_object_get(x, "article");
        json_t *cit = NULL;
        struct fz_problem q = {0};
        if (rc)
            break;
        if (!json_is_integer(rid) || json_integer_value(rid) <= 0 || !json_is_integer(art) ||
            json_integer_value(art) <= 0) {
            bool bad_reg = !json_is_integer(rid) || json_integer_value(rid) <= 0;
            fz_problem_set(p, cite_fields[i][bad_reg ? 0 : 1], NULL, "法律依据第%zu项：%s", i + 1,
                           bad_reg ? "请选择法规（regulation_id）" : "条号 article 应为正整数");
            rc = FZ_EINVAL;
            break;
        }
        rc = reg_cite(db, json_integer_value(rid), 0, json_integer_value(art), day, &cit, &q);
        if (rc == FZ_ENOTFOUND) {
            fz_problem_set(p, cite_fields[i][str_eq(q.field, "article") ? 1 : 0], q.code,
                           "法律依据第%zu项：%s", i + 1, q.message);
            rc = FZ_EINVAL;
            break;
        }
        if (!rc)
            rc = store_citation(db, actor, id, cit, day, ts);
        if (rc == FZ_ECONFLICT) {
            fz_problem_set(p, cite_fields[i][1], "duplicate", "法律依据第%zu项：本案已引用%s", i + 1,
                           jstr(cit, "quote"));
            rc = FZ_EINVAL;
        }
        if (!rc)
            json_array_append(out, json_object_get(cit, "quote"));
        json_decref(cit);
    }
    if (rc) {
        json_decref(out);
        return rc;
    }
    *quotes = out;
    return FZ_OK;
}

/* ---- create ---- */

static enum fz_err case_insert(struct db *db, const struct fz_user *actor, json_t *b,
                               time_t at, int64_t *id, json_t **warnings,
                               struct fz_problem *p)
{
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
    json_t *quotes = NULL;
    if (!rc && json_object_get(b, "citations"))
        rc = add_citations(db, actor, *id, json_object_get(b, "citations"), ts, &quotes, p);
    json_t *data = quotes ? json_pack("{s:o}", "citations", quotes) : NULL;
    if (!rc)
        rc = add_event(db, *id, actor, ts, "create", "", stage, jstr(b, "facts"), data);
    json_decref(data);
    return rc;
}

enum fz_err case_create(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                        json_t *b, time_t at, int64_t *id, json_t **warnings,
                        struct fz_problem *p)
{
    (void)cal;
    json_t *w = NULL;
    enum fz_err rc = case_insert(db, actor, b, at, id, &w, p);
    if (rc)
        json_decref(w);     /* *warnings is set only on success */
    else
        *warnings = w;
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

static enum fz_err officers_not_recused(struct db *db, int64_t id, json_t *ids,
                                        struct fz_problem *p);
static enum fz_err preservations_settled(struct cact *a, const char *what);
static enum fz_err actor_in_case(struct cact *a, bool *out);

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
    bool n = false;
    enum fz_err rc = actor_in_case(a, &n);
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
    enum fz_err rc = preservations_settled(a, "作出行政处罚决定");
    if (rc)
        return rc;
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
    if (!rc)
        rc = officers_not_recused(a->db, a->id, officers, a->p);   /* Art. 43 */
    if (rc) {
        json_decref(certs);
        return rc;
    }
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
    enum fz_err rc = preservations_settled(a, "结案");
    if (rc)
        return rc;
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

/* ---- legal basis added later, 先行登记保存 (Art. 56) and 回避 (Art. 43) ---- */

static enum fz_err do_cite(struct cact *a)
{
    json_t *quotes = NULL;
    enum fz_err rc = add_citations(a->db, a->actor, a->id, json_object_get(a->body, "citations"),
                                   a->now, &quotes, a->p);
    if (!rc)
        a->data = json_pack("{s:o}", "citations", quotes);
    return rc;
}

/* actor_in_case: the actor is an officer of the case, or one who applied or was asked to
 * withdraw from it (Art. 43); such a user approves nothing of the case */
static enum fz_err actor_in_case(struct cact *a, bool *out)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(a->db, &n,
        "SELECT count(*) FROM officers o WHERE o.user_id = ?2 AND (EXISTS (SELECT 1 FROM"
        " case_officers co WHERE co.case_id = ?1 AND co.officer_id = o.id) OR EXISTS"
        " (SELECT 1 FROM case_recusals r WHERE r.case_id = ?1 AND r.officer_id = o.id))",
        "ii", a->id, a->actor ? a->actor->id : 0);
    *out = n > 0;
    return rc;
}

/* body_id: the positive integer field `field` of the body, or FZ_EINVAL naming it */
static enum fz_err body_id(struct cact *a, const char *field, const char *what, int64_t *out)
{
    json_t *v = json_object_get(a->body, field);
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        fz_problem_set(a->p, field, NULL, "请指定%s（%s）", what, field);
        return FZ_EINVAL;
    }
    *out = json_integer_value(v);
    return FZ_OK;
}

/* load_preservation: the body's preservation_id of this case with its status */
static enum fz_err load_preservation(struct cact *a, json_t **out)
{
    int64_t pid = 0;
    enum fz_err rc = body_id(a, "preservation_id", "先行登记保存记录", &pid);
    if (!rc)
        rc = db_query_row(a->db, out, "SELECT id, status, handling_due FROM case_preservations"
                          " WHERE id = ? AND case_id = ?", "ii", pid, a->id);
    if (rc == FZ_ENOTFOUND) {
        fz_problem_set(a->p, "preservation_id", NULL, "本案没有编号为 %lld 的先行登记保存记录",
                       (long long)pid);
        rc = FZ_EINVAL;
    }
    return rc;
}

/* check_items: [{name, quantity?, unit?, note?}], 1..100 items, each named */
static enum fz_err check_items(struct cact *a, json_t *items)
{
    size_t n = json_array_size(items), i;
    json_t *x;
    if (!json_is_array(items) || !n || n > 100) {
        fz_problem_set(a->p, "items", NULL, "请登记需要先行登记保存的物品清单 items（1 至 100 项）");
        return FZ_EINVAL;
    }
    json_array_foreach(items, i, x) {
        json_t *q = json_object_get(x, "quantity");
        if (!jstr(x, "name") || (q && !json_is_null(q) && (!json_is_number(q) ||
                                                          json_number_value(q) <= 0))) {
            fz_problem_set(a->p, "items", NULL, "物品清单第%zu项：应填写物品名称 name，数量 quantity"
                           "为正数", i + 1);
            return FZ_EINVAL;
        }
    }
    return FZ_OK;
}

static enum fz_err do_request_preservation(struct cact *a)
{
    json_t *items = json_object_get(a->body, "items");
    enum fz_err rc = check_items(a, items);
    if (!rc)
        rc = need(a, "reason", "先行登记保存的理由（证据可能灭失或者以后难以取得的情形）", &a->comment);
    if (rc)
        return rc;
    char *text = json_dumps(items, JSON_COMPACT);
    rc = db_run(a->db, NULL, "INSERT INTO case_preservations(case_id, items, reason, status,"
                " requested_by, requested_at) VALUES (?, ?, ?, 'requested', nullif(?, 0), ?)",
                "ittit", a->id, text, a->comment, a->actor ? a->actor->id : 0, a->now);
    free(text);
    if (!rc)
        a->data = json_pack("{s:I, s:I}", "preservation_id", (json_int_t)db_last_id(a->db),
                            "items", (json_int_t)json_array_size(items));
    return rc;
}

static enum fz_err do_approve_preservation(struct cact *a)
{
    json_t *pr = NULL;
    enum fz_err rc = load_preservation(a, &pr);
    if (rc)
        return rc;
    bool busy = !str_eq(jstr(pr, "status"), "requested");
    int64_t pid = json_integer_value(json_object_get(pr, "id"));
    json_decref(pr);
    if (busy)
        return violation(a, "先行登记保存 #%lld 已经审批，不能重复审批", (long long)pid);
    bool inside = false;
    rc = actor_in_case(a, &inside);
    if (!rc && inside) {
        fz_problem_set(a->p, NULL, "approver_conflict",
                       "先行登记保存须经行政机关负责人批准，承办本案或申请回避的执法人员不能批准（《行政处罚法》第五十六条）");
        return FZ_EFORBIDDEN;
    }
    json_t *ok = json_object_get(a->body, "approved");
    if (!rc && !json_is_boolean(ok)) {
        fz_problem_set(a->p, "approved", NULL, "请选择是否批准 approved（true 或 false）");
        return FZ_EINVAL;
    }
    a->comment = jstr(a->body, "opinion");
    if (!rc && !json_is_true(ok))
        rc = need(a, "opinion", "不予批准的理由", &a->comment);
    a->data = json_pack("{s:I, s:b}", "preservation_id", (json_int_t)pid, "approved",
                        json_is_true(ok));
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE case_preservations SET status = ?, approved_by ="
                    " nullif(?, 0), approved_at = ?, opinion = coalesce(?, '') WHERE id = ?",
                    "titti", json_is_true(ok) ? "approved" : "rejected",
                    a->actor ? a->actor->id : 0, a->now, a->comment, pid);
    return rc;
}

static enum fz_err do_preserve(struct cact *a)
{
    json_t *pr = NULL;
    enum fz_err rc = load_preservation(a, &pr);
    if (rc)
        return rc;
    char status[16];
    str_copy(status, sizeof status, jstr(pr, "status"));
    int64_t pid = json_integer_value(json_object_get(pr, "id"));
    json_decref(pr);
    if (!str_eq(status, "approved"))
        return violation(a, "先行登记保存 #%lld %s（《行政处罚法》第五十六条：经行政机关负责人批准，方可先行登记保存）",
                         (long long)pid, str_eq(status, "requested") ? "尚未经行政机关负责人批准"
                         : str_eq(status, "rejected") ? "未获批准" : "已经执行");
    char due[FZ_TS_LEN];
    rc = due_workdays(a, 7, due);        /* Art. 56: handling decided within 7 working days */
    if (!rc)
        rc = record_act(a, "evidence", json_object_get(a->body, "officers"),
                        "先行登记保存证据（《行政处罚法》第五十六条）");
    int64_t act = rc ? 0 : db_last_id(a->db);
    a->comment = jstr(a->body, "comment");
    a->data = json_pack("{s:I, s:s}", "preservation_id", (json_int_t)pid, "handling_due", due);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE case_preservations SET status = 'preserved', act_id = ?,"
                    " preserved_at = ?, handling_due = ? WHERE id = ?", "itti", act, a->now,
                    due, pid);
    return rc;
}

/* the handling decisions on preserved evidence (Art. 56; the seven-day measures of the
 * 市场监督管理行政处罚程序规定 Art. 41, applied by analogy: unverified for other sectors) */
static const char *const handlings[] = { "release", "record", "inspect", "seize", "confiscate",
                                         "transfer", NULL };

static enum fz_err do_handle_preservation(struct cact *a)
{
    json_t *pr = NULL;
    enum fz_err rc = load_preservation(a, &pr);
    if (rc)
        return rc;
    bool preserved = str_eq(jstr(pr, "status"), "preserved");
    bool late = preserved && strcmp(a->now, jstr(pr, "handling_due")) > 0;
    int64_t pid = json_integer_value(json_object_get(pr, "id"));
    json_decref(pr);
    if (!preserved)
        return violation(a, "先行登记保存 #%lld 尚未执行或已作出处理决定", (long long)pid);
    const char *h = jstr(a->body, "handling");
    if (!str_in(h, handlings)) {
        fz_problem_set(a->p, "handling", NULL,
                       "处理决定应为 release（解除保存、退还）、record（证据保全后解除）、inspect（送交检验检测鉴定）、"
                       "seize（依法查封扣押）、confiscate（依法没收）或 transfer（移送有关机关）");
        return FZ_EINVAL;
    }
    a->comment = jstr(a->body, "comment");
    a->data = json_pack("{s:I, s:s, s:b}", "preservation_id", (json_int_t)pid, "handling", h,
                        "late", late);
    return db_run(a->db, NULL, "UPDATE case_preservations SET status = 'handled', handling = ?,"
                  " handling_note = coalesce(?, ''), handled_by = nullif(?, 0), handled_at = ?"
                  " WHERE id = ?", "ttiti", h, a->comment, a->actor ? a->actor->id : 0, a->now,
                  pid);
}

/* preservations_settled: 409 naming a preservation that waits for approval or for its
 * handling decision (Art. 56); `what` is the step it blocks */
static enum fz_err preservations_settled(struct cact *a, const char *what)
{
    json_t *r = NULL;
    enum fz_err rc = db_query_row(a->db, &r, "SELECT id, status FROM case_preservations"
                                  " WHERE case_id = ? AND status IN ('requested', 'preserved')"
                                  " ORDER BY id LIMIT 1", "i", a->id);
    if (rc == FZ_ENOTFOUND)
        return FZ_OK;
    if (rc)
        return rc;
    rc = violation(a, "先行登记保存 #%lld %s，不能%s（《行政处罚法》第五十六条）",
                   (long long)json_integer_value(json_object_get(r, "id")),
                   str_eq(jstr(r, "status"), "requested") ? "尚待行政机关负责人审批"
                                                          : "尚未作出处理决定", what);
    json_decref(r);
    return rc;
}

/* officers_not_recused: none of ids withdrew from this case (Art. 43) */
static enum fz_err officers_not_recused(struct db *db, int64_t id, json_t *ids,
                                        struct fz_problem *p)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        char *name = NULL;
        enum fz_err rc = db_query_text(db, &name,
            "SELECT o.name FROM case_recusals r JOIN officers o ON o.id = r.officer_id"
            " WHERE r.case_id = ? AND r.officer_id = ? AND r.status = 'granted'", "ii", id,
            (int64_t)json_integer_value(v));
        if (rc == FZ_ENOTFOUND)
            continue;
        if (!rc)
            fz_problem_set(p, "officers", "officer_recused",
                           "执法人员%s已决定回避，不得参与本案的执法活动（《行政处罚法》第四十三条）", name);
        free(name);
        return rc ? rc : FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err do_apply_recusal(struct cact *a)
{
    int64_t oid = 0, n = 0;
    enum fz_err rc = body_id(a, "officer_id", "申请回避的执法人员", &oid);
    if (!rc)
        rc = db_query_int(a->db, &n, "SELECT count(*) FROM case_officers WHERE case_id = ? AND"
                          " officer_id = ?", "ii", a->id, oid);
    if (!rc && !n) {
        fz_problem_set(a->p, "officer_id", NULL, "执法人员 #%lld 不是本案的承办人员", (long long)oid);
        return FZ_EINVAL;
    }
    static const char *const applicants[] = { "party", "self", NULL };
    const char *who = jstr(a->body, "applicant");
    if (!rc && !str_in(who, applicants)) {
        fz_problem_set(a->p, "applicant", NULL, "申请人应为 party（当事人申请）或 self（执法人员自行申请）");
        return FZ_EINVAL;
    }
    if (!rc)
        rc = need(a, "reason", "回避理由（与案件有直接利害关系或者有其他关系可能影响公正执法）", &a->comment);
    if (!rc)
        rc = db_query_int(a->db, &n, "SELECT count(*) FROM case_recusals WHERE case_id = ? AND"
                          " officer_id = ? AND status = 'pending'", "ii", a->id, oid);
    if (!rc && n) {
        fz_problem_set(a->p, "officer_id", "duplicate", "该执法人员已有待决定的回避申请");
        return FZ_ECONFLICT;
    }
    if (!rc)
        rc = db_run(a->db, NULL, "INSERT INTO case_recusals(case_id, officer_id, applicant,"
                    " reason, status, applied_by, applied_at) VALUES (?, ?, ?, ?, 'pending',"
                    " nullif(?, 0), ?)", "iitti" "t", a->id, oid, who, a->comment,
                    a->actor ? a->actor->id : 0, a->now);
    if (!rc)
        a->data = json_pack("{s:I, s:I, s:s}", "recusal_id", (json_int_t)db_last_id(a->db),
                            "officer_id", (json_int_t)oid, "applicant", who);
    return rc;
}

/* replace_officer: officer rid (valid certificate today, not withdrawn from the case, not
 * on it yet) joins the case in place of one who withdrew */
static enum fz_err replace_officer(struct cact *a, int64_t rid)
{
    int64_t ok = 0, on = 0;
    enum fz_err rc = db_query_int(a->db, &ok, "SELECT count(*) FROM officers WHERE id = ? AND"
                                  " status = 'valid' AND valid_from <= ? AND valid_until >= ?",
                                  "itt", rid, a->day, a->day);
    if (!rc)
        rc = db_query_int(a->db, &on, "SELECT count(*) FROM case_officers WHERE case_id = ? AND"
                          " officer_id = ?", "ii", a->id, rid);
    if (!rc && (!ok || on)) {
        fz_problem_set(a->p, "replacement_id", ok ? NULL : "certificate_invalid", "%s",
                       ok ? "替换的执法人员已是本案承办人员"
                          : "替换的执法人员须持有效执法证（《行政处罚法》第四十二条）");
        return FZ_EINVAL;
    }
    json_t *ids = json_pack("[I]", (json_int_t)rid);
    if (!rc)
        rc = officers_not_recused(a->db, a->id, ids, a->p);
    json_decref(ids);
    if (rc == FZ_EINVAL)
        a->p->field = "replacement_id";
    if (!rc)
        rc = db_run(a->db, NULL, "INSERT INTO case_officers(case_id, officer_id, role)"
                    " VALUES (?, ?, 'member')", "ii", a->id, rid);
    return rc;
}

/* withdraw_officer: Art. 43 granted - the officer leaves the case; when the lead left, the
 * replacement (or else the remaining officer with the lowest id) leads */
static enum fz_err withdraw_officer(struct cact *a, int64_t oid, int64_t rid)
{
    enum fz_err rc = db_run(a->db, NULL, "DELETE FROM case_officers WHERE case_id = ? AND"
                            " officer_id = ?", "ii", a->id, oid);
    if (!rc && rid)
        rc = replace_officer(a, rid);
    if (!rc)
        rc = db_run(a->db, NULL,
            "UPDATE case_officers SET role = 'lead' WHERE case_id = ?1 AND officer_id ="
            " (SELECT officer_id FROM case_officers WHERE case_id = ?1 ORDER BY CASE WHEN"
            " officer_id = ?2 THEN 0 ELSE 1 END, officer_id LIMIT 1) AND NOT EXISTS (SELECT 1"
            " FROM case_officers WHERE case_id = ?1 AND role = 'lead')", "ii", a->id, rid);
    return rc;
}

static enum fz_err do_decide_recusal(struct cact *a)
{
    int64_t rid = 0, repl = 0;
    json_t *r = NULL;
    enum fz_err rc = body_id(a, "recusal_id", "回避申请", &rid);
    if (!rc)
        rc = db_query_row(a->db, &r, "SELECT officer_id, status FROM case_recusals WHERE"
                          " id = ? AND case_id = ?", "ii", rid, a->id);
    if (rc == FZ_ENOTFOUND) {
        fz_problem_set(a->p, "recusal_id", NULL, "本案没有编号为 %lld 的回避申请", (long long)rid);
        return FZ_EINVAL;
    }
    if (rc)
        return rc;
    int64_t oid = json_integer_value(json_object_get(r, "officer_id"));
    bool pending = str_eq(jstr(r, "status"), "pending");
    json_decref(r);
    if (!pending)
        return violation(a, "回避申请 #%lld 已作出决定", (long long)rid);
    bool inside = false;
    rc = actor_in_case(a, &inside);
    if (!rc && inside) {
        fz_problem_set(a->p, NULL, "recusal_conflict",
                       "回避由行政机关负责人决定，被申请回避的人员和本案承办人员不能决定（《行政处罚法》第四十三条）");
        return FZ_EFORBIDDEN;
    }
    json_t *granted = json_object_get(a->body, "granted");
    if (!rc && !json_is_boolean(granted)) {
        fz_problem_set(a->p, "granted", NULL, "请选择是否同意回避 granted（true 或 false）");
        return FZ_EINVAL;
    }
    if (!rc)
        rc = need(a, "opinion", "决定理由", &a->comment);
    if (!rc && json_is_true(granted) && json_object_get(a->body, "replacement_id"))
        rc = body_id(a, "replacement_id", "替换的执法人员", &repl);
    if (!rc && json_is_true(granted))
        rc = withdraw_officer(a, oid, repl);
    a->data = json_pack("{s:I, s:I, s:b, s:I}", "recusal_id", (json_int_t)rid, "officer_id",
                        (json_int_t)oid, "granted", json_is_true(granted), "replacement_id",
                        (json_int_t)repl);
    if (!rc)
        rc = db_run(a->db, NULL, "UPDATE case_recusals SET status = ?, decided_by = nullif(?, 0),"
                    " decided_at = ?, opinion = ?, replacement_id = nullif(?, 0) WHERE id = ?",
                    "tittii", json_is_true(granted) ? "granted"
                    : "rejected", a->actor ? a->actor->id : 0, a->now, a->comment, repl, rid);
    return rc;
}

/* where the legal basis can still be added, preserved evidence handled and a recusal
 * applied for and decided: before the decision */
#define CITE_STAGES "registered investigating notified hearing heard reviewing reviewed" \
    " onsite inspecting"
#define HANDLE_STAGES "investigating notified hearing heard reviewing reviewed"
#define RECUSAL_STAGES "registered investigating notified hearing heard reviewing reviewed" \
    " inspecting"

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
    { "cite", "引用法律依据", "case:write", CITE_STAGES, NULL, do_cite },
    { "request_preservation", "申请先行登记保存", "case:write", "investigating", NULL,
      do_request_preservation },
    { "approve_preservation", "审批先行登记保存", "case:approve", "investigating", NULL,
      do_approve_preservation },
    { "preserve", "执行先行登记保存", "case:write", "investigating", NULL, do_preserve },
    { "handle_preservation", "先行登记保存处理决定", "case:approve", HANDLE_STAGES, NULL,
      do_handle_preservation },
    { "apply_recusal", "申请回避", "case:write", RECUSAL_STAGES, NULL, do_apply_recusal },
    { "decide_recusal", "回避决定", "case:approve", RECUSAL_STAGES, NULL, do_decide_recusal },
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
    if (!rc)
        rc = officers_not_recused(db, id, json_object_get(b, "officers"), p);   /* Art. 43 */
    if (rc) {
        json_decref(certs);
        return rc;
    }
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
