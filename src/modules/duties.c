/* duties.c - the leading group, its duty items, the 谁执法谁普法 list and learning tasks
 * (issue 7, see duties.h). Each register is a table of field specs: a create or update
 * merges the input over the current record, validates every field of the merge against
 * the specs (clean_all), then writes the columns in spec order with one prepared
 * statement. The overdue flag is computed on read against today's date, never stored. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "modules/duties.h"
#include "modules/registries.h"
#include "util/str.h"
#include "util/timeutil.h"
#include "util/xlsx.h"

/* ---- field specs ---- */

enum ftype { F_TEXT, F_DATE, F_INT, F_ENUM, F_USER, F_DEPT };

struct fspec {
    const char *name;           /* JSON key = column name */
    enum ftype type;
    bool required;
    int64_t min, max;           /* F_INT range; F_TEXT max characters */
    const char *label;          /* Chinese, for messages */
    const char *const *codes;   /* F_ENUM, the first is the default; NULL-terminated */
};

static const char *const status_codes[] = { "not_started", "in_progress", "done", NULL };
static const char *const status_labels[] = { "未开始", "进行中", "已完成", NULL };
static const char *const role_codes[] = { "member", "deputy", "leader", NULL };
static const char *const role_labels[] = { "成员", "副组长", "组长", NULL };

static const char *label_of(const char *const *codes, const char *const *labels,
                            const char *code)
{
    for (int i = 0; code && codes[i]; i++)
        if (str_eq(codes[i], code))
            return labels[i];
    return "";
}

static void today(char out[11])
{
    char ts[FZ_TS_LEN];
    time_now(ts);
    memcpy(out, ts, 10);
    out[10] = '\0';
}

/* ---- pure rules ---- */

bool duties_overdue(const char *status, const char *due_on, const char *today)
{
    return due_on && *due_on && today && !str_eq(status, "done") &&
           strcmp(due_on, today) < 0;
}

const char *duties_status_rule(const char *status, const char *evidence, const char **field)
{
    *field = "status";
    if (!str_in(status, status_codes))
        return "状态取值无效";
    *field = "evidence";
    if (str_eq(status, "done") && (!evidence || strspn(evidence, " \t\r\n") == strlen(evidence)))
        return "标记为已完成时须填写完成情况佐证";
    *field = NULL;
    return NULL;
}

enum fz_err duties_version_due(const char *effective_from, const char *today, char out[11])
{
    const char *from = effective_from && strcmp(effective_from, today) > 0 ? effective_from
                                                                           : today;
    return registries_date_add(from, 30, out);
}

static enum fz_err bad(struct fz_problem *p, const struct fspec *f, const char *what)
{
    fz_problem_set(p, f->name, NULL, "%s%s", f->label, what);
    return FZ_EINVAL;
}

static enum fz_err ref_exists(struct db *db, const struct fspec *f, int64_t id,
                              struct fz_problem *p)
{
    int64_t n = 0;
    const char *sql = f->type == F_USER ? "SELECT count(*) FROM users WHERE id = ?"
                                        : "SELECT count(*) FROM departments WHERE id = ?";
    enum fz_err rc = db_query_int(db, &n, sql, "i", id);
    if (!rc && !n)
        rc = bad(p, f, "不存在");
    return rc;
}

/* clean_text: a string of at most max characters; blank counts as absent */
static enum fz_err clean_text(const struct fspec *f, json_t *rec, const json_t *v,
                              struct fz_problem *p)
{
    if (v && !json_is_null(v) && !json_is_string(v))
        return bad(p, f, "应为文本");
    const char *s = v ? json_string_value(v) : NULL;
    bool blank = !s || strspn(s, " \t\r\n") == strlen(s);
    if (blank && f->required)
        return bad(p, f, "不能为空");
    if (s && str_utf8_len(s) > f->max)
        return bad(p, f, "过长");
    json_object_set_new(rec, f->name, json_string(blank ? "" : s));
    return FZ_OK;
}

static enum fz_err clean_one(struct db *db, const struct fspec *f, json_t *rec,
                             struct fz_problem *p)
{
    json_t *v = json_object_get(rec, f->name);
    bool absent = !v || json_is_null(v) ||
                  (json_is_string(v) && !*json_string_value(v));
    if (f->type == F_TEXT)
        return clean_text(f, rec, v, p);
    if (absent && f->required)
        return bad(p, f, "不能为空");
    if (f->type == F_ENUM) {
        const char *s = absent ? f->codes[0] : json_string_value(v);
        bool ok = false;
        for (int i = 0; s && f->codes[i]; i++)
            ok = ok || str_eq(s, f->codes[i]);
        if (!ok)
            return bad(p, f, "取值无效");
        json_object_set_new(rec, f->name, json_string(s));
        return FZ_OK;
    }
    if (f->type == F_DATE) {
        char d[11];
        if (absent)
            return json_object_set_new(rec, f->name, json_null()) ? FZ_ENOMEM : FZ_OK;
        if (!json_is_string(v) || registries_date(json_string_value(v), false, d))
            return bad(p, f, "应为日期 YYYY-MM-DD");
        json_object_set_new(rec, f->name, json_string(d));
        return FZ_OK;
    }
    if (absent) {
        json_object_set_new(rec, f->name, f->type == F_INT ? json_integer(f->min)
                                                           : json_null());
        return FZ_OK;
    }
    if (!json_is_integer(v))
        return bad(p, f, "应为整数");
    int64_t n = json_integer_value(v);
    if (f->type == F_INT && (n < f->min || n > f->max))
        return bad(p, f, "超出范围");
    if (f->type != F_INT)
        return n > 0 ? ref_exists(db, f, n, p) : bad(p, f, "不存在");
    return FZ_OK;
}

static enum fz_err clean_all(struct db *db, const struct fspec *specs, json_t *rec,
                             struct fz_problem *p)
{
    enum fz_err rc = FZ_OK;
    for (const struct fspec *f = specs; !rc && f->name; f++)
        rc = clean_one(db, f, rec, p);
    return rc;
}

/* bind_all: the cleaned values in spec order as ?1..?n; *n gets n */
static enum fz_err bind_all(struct db_stmt *st, const struct fspec *specs,
                            const json_t *rec, int *n)
{
    enum fz_err rc = FZ_OK;
    int i = 0;
    for (const struct fspec *f = specs; !rc && f->name; f++) {
        json_t *v = json_object_get(rec, f->name);
        i++;
        if (!v || json_is_null(v))
            rc = db_bind_null(st, i);
        else if (json_is_integer(v))
            rc = db_bind_int(st, i, json_integer_value(v));
        else
            rc = db_bind_text(st, i, json_string_value(v));
    }
    *n = i;
    return rc;
}

/* ---- generic create / update ---- */

typedef enum fz_err (*rules_fn)(struct db *db, const json_t *rec, struct fz_problem *p);
typedef enum fz_err (*getter)(struct db *db, int64_t id, json_t **out);

struct entity {
    const struct fspec *specs;
    const char *insert_sql;     /* ?1..?n fields, ?n+1 created_by, ?n+2 timestamp */
    const char *update_sql;     /* ?1..?n, ?n+1 updated_at, ?n+2 id, ?n+3 version */
    rules_fn rules;             /* cross-field checks, or NULL */
    getter get;
};

static enum fz_err write_rec(struct db *db, const char *sql, const struct fspec *specs,
                             const json_t *rec, int64_t a, int64_t b, bool update)
{
    struct db_stmt *st = NULL;
    char ts[FZ_TS_LEN];
    time_now(ts);
    int n = 0;
    enum fz_err rc = db_prepare(db, sql, &st);
    if (rc)
        return rc;
    rc = bind_all(st, specs, rec, &n);
    if (!rc && update)
        rc = db_bind_text(st, n + 1, ts);
    if (!rc)
        rc = update ? db_bind_int(st, n + 2, a)
                    : (a ? db_bind_int(st, n + 1, a) : db_bind_null(st, n + 1));
    if (!rc)
        rc = update ? db_bind_int(st, n + 3, b) : db_bind_text(st, n + 2, ts);
    bool row = false;
    if (!rc)
        rc = db_step(st, &row);
    db_finish(st);
    return rc;
}

static enum fz_err entity_create(struct db *db, const struct entity *e, int64_t actor,
                                 json_t *in, int64_t *id, struct fz_problem *p)
{
    if (!json_is_object(in)) {
        fz_problem_set(p, NULL, NULL, "请求体应为 JSON 对象");
        return FZ_EINVAL;
    }
    json_t *rec = json_object();
    for (const struct fspec *f = e->specs; f->name; f++) {
        json_t *v = json_object_get(in, f->name);
        if (v)
            json_object_set(rec, f->name, v);
    }
    enum fz_err rc = clean_all(db, e->specs, rec, p);
    if (!rc && e->rules)
        rc = e->rules(db, rec, p);
    if (!rc)
        rc = write_rec(db, e->insert_sql, e->specs, rec, actor, 0, false);
    if (!rc)
        *id = db_last_id(db);
    json_decref(rec);
    return rc;
}

static enum fz_err entity_update(struct db *db, const struct entity *e, int64_t id,
                                 int64_t version, json_t *in, struct fz_problem *p)
{
    json_t *rec = NULL;
    enum fz_err rc = e->get(db, id, &rec);
    if (rc)
        return rc;
    if (json_integer_value(json_object_get(rec, "version")) != version) {
        json_decref(rec);
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        return FZ_ECONFLICT;
    }
    for (const struct fspec *f = e->specs; json_is_object(in) && f->name; f++) {
        json_t *v = json_object_get(in, f->name);
        if (v)
            json_object_set(rec, f->name, v);
    }
    rc = clean_all(db, e->specs, rec, p);
    if (!rc && e->rules)
        rc = e->rules(db, rec, p);
    if (!rc)
        rc = write_rec(db, e->update_sql, e->specs, rec, id, version, true);
    json_decref(rec);
    return rc;
}

static int64_t limit_of(const struct duties_filter *f)
{
    return f->limit > 0 ? f->limit : -1;
}

static void set_label(json_t *o, const char *key, const char *const *codes,
                      const char *const *labels)
{
    char lk[40];
    snprintf(lk, sizeof lk, "%s_label", key);
    json_object_set_new(o, lk, json_string(label_of(codes, labels,
                                         json_string_value(json_object_get(o, key)))));
}

/* ---- leading group ---- */

static const struct fspec member_specs[] = {
    { "user_id", F_USER, true, 0, 0, "成员", NULL },
    { "role", F_ENUM, true, 0, 0, "职务（组长/副组长/成员）", role_codes },
    { "title", F_TEXT, false, 0, 64, "职务说明", NULL },
    { "from_on", F_DATE, true, 0, 0, "起始日期", NULL },
    { "until_on", F_DATE, false, 0, 0, "截止日期", NULL },
    { NULL, F_TEXT, false, 0, 0, NULL, NULL },
};

#define MEMBER_COLS                                                                    \
    "SELECT m.id, m.user_id, u.display_name AS user_name, u.username,"                 \
    " d.name AS dept_name, m.role, m.title, m.from_on, m.until_on, m.created_at,"      \
    " m.updated_at, m.version FROM leading_group_members m"                            \
    " JOIN users u ON u.id = m.user_id LEFT JOIN departments d ON d.id = u.dept_id"
#define MEMBER_ORDER                                                                   \
    " ORDER BY CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END,"      \
    " m.from_on, m.id"

static void fix_member(json_t *m, const char *day)
{
    const char *from = json_string_value(json_object_get(m, "from_on"));
    const char *until = json_string_value(json_object_get(m, "until_on"));
    set_label(m, "role", role_codes, role_labels);
    json_object_set_new(m, "active", json_boolean(from && strcmp(from, day) <= 0 &&
                                                  (!until || strcmp(until, day) >= 0)));
}

static enum fz_err member_rules(struct db *db, const json_t *rec, struct fz_problem *p)
{
    (void)db;
    const char *from = json_string_value(json_object_get(rec, "from_on"));
    const char *until = json_string_value(json_object_get(rec, "until_on"));
    if (from && until && strcmp(until, from) < 0) {
        fz_problem_set(p, "until_on", NULL, "截止日期不能早于起始日期");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

enum fz_err duties_member_get(struct db *db, int64_t id, json_t **out)
{
    char day[11];
    today(day);
    enum fz_err rc = db_query_row(db, out, MEMBER_COLS " WHERE m.id = ?", "i", id);
    if (!rc)
        fix_member(*out, day);
    return rc;
}

static const struct entity member_entity = {
    .specs = member_specs,
    .insert_sql = "INSERT INTO leading_group_members(user_id, role, title, from_on,"
                  " until_on, created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    .update_sql = "UPDATE leading_group_members SET user_id = ?1, role = ?2, title = ?3,"
                  " from_on = ?4, until_on = ?5, updated_at = ?6, version = version + 1"
                  " WHERE id = ?7 AND version = ?8",
    .rules = member_rules,
    .get = duties_member_get,
};

enum fz_err duties_members_list(struct db *db, const char *date, json_t **out)
{
    char day[11];
    today(day);
    enum fz_err rc = db_query_json(db, out,
                                   MEMBER_COLS " WHERE ?1 IS NULL OR (m.from_on <= ?1 AND"
                                   " (m.until_on IS NULL OR m.until_on >= ?1))" MEMBER_ORDER,
                                   "t", date);
    size_t i;
    json_t *m;
    if (!rc)
        json_array_foreach(*out, i, m)
            fix_member(m, day);
    return rc;
}

enum fz_err duties_member_create(struct db *db, int64_t actor, json_t *in, int64_t *id,
                                 struct fz_problem *p)
{
    return entity_create(db, &member_entity, actor, in, id, p);
}

enum fz_err duties_member_update(struct db *db, int64_t id, int64_t version, json_t *in,
                                 struct fz_problem *p)
{
    return entity_update(db, &member_entity, id, version, in, p);
}

/* ---- duty items ---- */

static const struct fspec duty_specs[] = {
    { "year", F_INT, true, 2000, 2099, "年度", NULL },
    { "title", F_TEXT, true, 0, 500, "工作任务", NULL },
    { "owner_id", F_USER, false, 0, 0, "责任人", NULL },
    { "dept_id", F_DEPT, false, 0, 0, "责任部门", NULL },
    { "due_on", F_DATE, true, 0, 0, "完成时限", NULL },
    { "status", F_ENUM, false, 0, 0, "状态", status_codes },
    { "evidence", F_TEXT, false, 0, 4000, "完成情况佐证", NULL },
    { NULL, F_TEXT, false, 0, 0, NULL, NULL },
};

#define DUTY_COLS                                                                      \
    "SELECT t.id, t.year, t.title, t.owner_id, u.display_name AS owner_name,"          \
    " t.dept_id, d.name AS dept_name, t.due_on, t.status, t.evidence, t.created_at,"   \
    " t.updated_at, t.version FROM duties t LEFT JOIN users u ON u.id = t.owner_id"    \
    " LEFT JOIN departments d ON d.id = t.dept_id"

static void fix_duty(json_t *t, const char *day)
{
    json_object_set_new(t, "overdue",
                        json_boolean(duties_overdue(json_string_value(json_object_get(t,
                                                    "status")),
                                                    json_string_value(json_object_get(t,
                                                    "due_on")), day)));
    set_label(t, "status", status_codes, status_labels);
}

static enum fz_err duty_rules(struct db *db, const json_t *rec, struct fz_problem *p)
{
    (void)db;
    const char *field = NULL;
    const char *why = duties_status_rule(json_string_value(json_object_get(rec, "status")),
                                         json_string_value(json_object_get(rec, "evidence")),
                                         &field);
    if (why) {
        fz_problem_set(p, field, NULL, "%s", why);
        return FZ_EINVAL;
    }
    return FZ_OK;
}

enum fz_err duties_get(struct db *db, int64_t id, json_t **out)
{
    char day[11];
    today(day);
    enum fz_err rc = db_query_row(db, out, DUTY_COLS " WHERE t.id = ?", "i", id);
    if (!rc)
        fix_duty(*out, day);
    return rc;
}

static const struct entity duty_entity = {
    .specs = duty_specs,
    .insert_sql = "INSERT INTO duties(year, title, owner_id, dept_id, due_on, status,"
                  " evidence, created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    .update_sql = "UPDATE duties SET year = ?1, title = ?2, owner_id = ?3, dept_id = ?4,"
                  " due_on = ?5, status = ?6, evidence = ?7, updated_at = ?8,"
                  " version = version + 1 WHERE id = ?9 AND version = ?10",
    .rules = duty_rules,
    .get = duties_get,
};

enum fz_err duties_create(struct db *db, int64_t actor, json_t *in, int64_t *id,
                          struct fz_problem *p)
{
    return entity_create(db, &duty_entity, actor, in, id, p);
}

enum fz_err duties_update(struct db *db, int64_t id, int64_t version, json_t *in,
                          struct fz_problem *p)
{
    return entity_update(db, &duty_entity, id, version, in, p);
}

#define DUTY_WHERE                                                                     \
    " WHERE (?2 = 0 OR t.year = ?2) AND (?3 IS NULL OR t.status = ?3)"                 \
    " AND (?4 = 0 OR t.dept_id = ?4)"                                                  \
    " AND (?5 = 0 OR (t.status <> 'done' AND t.due_on < ?1))"

enum fz_err duties_list(struct db *db, const struct duties_filter *f, json_t **items,
                        int64_t *total)
{
    char day[11];
    today(day);
    enum fz_err rc = db_query_int(db, total,
                                  "SELECT count(*) FROM duties t" DUTY_WHERE, "titii", day,
                                  f->year, f->status, f->dept_id, (int64_t)f->overdue);
    if (!rc)
        rc = db_query_json(db, items, DUTY_COLS DUTY_WHERE
                           " ORDER BY t.year DESC, t.due_on, t.id LIMIT ?6 OFFSET ?7",
                           "titiiii", day, f->year, f->status, f->dept_id,
                           (int64_t)f->overdue, limit_of(f), f->offset);
    size_t i;
    json_t *t;
    if (!rc)
        json_array_foreach(*items, i, t)
            fix_duty(t, day);
    return rc;
}

static const struct xlsx_col duty_xlsx[] = {
    { "year", "年度", 8 }, { "title", "工作任务", 48 }, { "dept_name", "责任部门", 16 },
    { "owner_name", "责任人", 10 }, { "due_on", "完成时限", 12 },
    { "status_label", "状态", 8 }, { "overdue", "逾期", 6 },
    { "evidence", "完成情况佐证", 48 }, { NULL, NULL, 0 },
};

enum fz_err duties_xlsx(struct db *db, const struct duties_filter *f, char **data,
                        size_t *len)
{
    struct duties_filter all = *f;
    all.limit = 0;
    all.offset = 0;
    json_t *items = NULL;
    int64_t total = 0;
    enum fz_err rc = duties_list(db, &all, &items, &total);
    if (!rc)
        rc = xlsx_write("责任分工", duty_xlsx, items, data, len);
    json_decref(items);
    return rc;
}

/* ---- 谁执法谁普法 ---- */

static const struct fspec pufa_specs[] = {
    { "year", F_INT, true, 2000, 2099, "年度", NULL },
    { "dept_id", F_DEPT, true, 0, 0, "执法部门", NULL },
    { "content", F_TEXT, true, 0, 1000, "普法内容", NULL },
    { "audience", F_TEXT, false, 0, 200, "普法对象", NULL },
    { "planned_count", F_INT, false, 0, 100000, "计划次数", NULL },
    { "progress_count", F_INT, false, 0, 100000, "已开展次数", NULL },
    { "status", F_ENUM, false, 0, 0, "状态", status_codes },
    { NULL, F_TEXT, false, 0, 0, NULL, NULL },
};

#define PUFA_COLS                                                                      \
    "SELECT q.id, q.year, q.dept_id, d.name AS dept_name, q.content, q.audience,"      \
    " q.planned_count, q.progress_count, q.status, q.created_at, q.updated_at,"        \
    " q.version FROM pufa_duties q JOIN departments d ON d.id = q.dept_id"

/* an enforcement department: kind external (the district departments) or 综合执法部 */
static enum fz_err pufa_rules(struct db *db, const json_t *rec, struct fz_problem *p)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n,
                                  "SELECT count(*) FROM departments WHERE id = ? AND"
                                  " (kind = 'external' OR name = '综合执法部')",
                                  "i", json_integer_value(json_object_get(rec, "dept_id")));
    if (!rc && !n) {
        fz_problem_set(p, "dept_id", NULL, "普法责任清单只登记执法部门");
        rc = FZ_EINVAL;
    }
    return rc;
}

enum fz_err duties_pufa_get(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_row(db, out, PUFA_COLS " WHERE q.id = ?", "i", id);
    if (!rc)
        set_label(*out, "status", status_codes, status_labels);
    return rc;
}

static const struct entity pufa_entity = {
    .specs = pufa_specs,
    .insert_sql = "INSERT INTO pufa_duties(year, dept_id, content, audience, planned_count,"
                  " progress_count, status, created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    .update_sql = "UPDATE pufa_duties SET year = ?1, dept_id = ?2, content = ?3,"
                  " audience = ?4, planned_count = ?5, progress_count = ?6, status = ?7,"
                  " updated_at = ?8, version = version + 1 WHERE id = ?9 AND version = ?10",
    .rules = pufa_rules,
    .get = duties_pufa_get,
};

enum fz_err duties_pufa_create(struct db *db, int64_t actor, json_t *in, int64_t *id,
                               struct fz_problem *p)
{
    return entity_create(db, &pufa_entity, actor, in, id, p);
}

enum fz_err duties_pufa_update(struct db *db, int64_t id, int64_t version, json_t *in,
                               struct fz_problem *p)
{
    return entity_update(db, &pufa_entity, id, version, in, p);
}

#define PUFA_WHERE                                                                     \
    " WHERE (?1 = 0 OR q.year = ?1) AND (?2 IS NULL OR q.status = ?2)"                 \
    " AND (?3 = 0 OR q.dept_id = ?3)"

enum fz_err duties_pufa_list(struct db *db, const struct duties_filter *f, json_t **items,
                             int64_t *total)
{
    enum fz_err rc = db_query_int(db, total, "SELECT count(*) FROM pufa_duties q" PUFA_WHERE,
                                  "iti", f->year, f->status, f->dept_id);
    if (!rc)
        rc = db_query_json(db, items, PUFA_COLS PUFA_WHERE
                           " ORDER BY q.year DESC, d.sort, q.id LIMIT ?4 OFFSET ?5",
                           "itiii", f->year, f->status, f->dept_id, limit_of(f), f->offset);
    size_t i;
    json_t *q;
    if (!rc)
        json_array_foreach(*items, i, q)
            set_label(q, "status", status_codes, status_labels);
    return rc;
}

enum fz_err duties_pufa_progress(struct db *db, int64_t year, json_t **out)
{
    return db_query_json(db, out,
                         "SELECT q.dept_id, d.name AS dept_name, count(*) AS items,"
                         " sum(q.status = 'done') AS done, sum(q.planned_count) AS planned,"
                         " sum(q.progress_count) AS progress FROM pufa_duties q"
                         " JOIN departments d ON d.id = q.dept_id"
                         " WHERE ?1 = 0 OR q.year = ?1 GROUP BY q.dept_id, d.name, d.sort"
                         " ORDER BY d.sort",
                         "i", year);
}

/* ---- learning tasks ---- */

static const struct fspec learning_specs[] = {
    { "title", F_TEXT, true, 0, 200, "学习任务", NULL },
    { "regulation_ref", F_TEXT, false, 0, 500, "学习法规", NULL },
    { "due_on", F_DATE, true, 0, 0, "完成时限", NULL },
    { NULL, F_TEXT, false, 0, 0, NULL, NULL },
};

static const char *const origin_codes[] = { "manual", "version", "teaching", NULL };
static const char *const origin_labels[] = { "手动布置", "法规修订自动布置", "以案说法", NULL };

/* what a batch of tasks was made for */
struct batch_src {
    const char *origin;         /* one of origin_codes */
    int64_t regulation_id;      /* 0: none */
    int64_t version_id;         /* regulation_versions.id; 0: none */
    int64_t teaching_id;        /* teaching_materials.id; 0: none */
    bool allow_empty;           /* nobody to assign is not an error (version tasks) */
};

/* assign: one task per active user of dept (and its sub-departments); a user who already
 * has a task of this batch, or of this regulation version, is skipped */
static enum fz_err assign(struct db *db, const json_t *rec, int64_t batch, int64_t dept,
                          const struct batch_src *src, int64_t actor, int64_t *created)
{
    char ts[FZ_TS_LEN];
    time_now(ts);
    int64_t n = 0;
    enum fz_err rc = db_run(
        db, &n,
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT d.id FROM departments d"
        " JOIN sub ON d.parent_id = sub.id)"
        " INSERT INTO learning_tasks(batch_id, title, regulation_ref, regulation_id,"
        " regulation_version_id, teaching_id, origin, user_id, dept_id, due_on, created_by,"
        " created_at)"
        " SELECT ?2, ?3, ?4, nullif(?5, 0), nullif(?6, 0), nullif(?7, 0), ?8, u.id,"
        " u.dept_id, ?9, nullif(?10, 0), ?11"
        " FROM users u WHERE u.status = 'active' AND u.dept_id IN (SELECT id FROM sub)"
        " ON CONFLICT DO NOTHING",
        "iittiiittit", dept, batch, json_string_value(json_object_get(rec, "title")),
        json_string_value(json_object_get(rec, "regulation_ref")), src->regulation_id,
        src->version_id, src->teaching_id, src->origin,
        json_string_value(json_object_get(rec, "due_on")), actor, ts);
    *created += n;
    return rc;
}

/* create_batch: the validated rec fanned out to the departments of depts */
static enum fz_err create_batch(struct db *db, int64_t actor, json_t *rec,
                                const json_t *depts, const struct batch_src *src,
                                json_t **out, struct fz_problem *p)
{
    enum fz_err rc = clean_all(db, learning_specs, rec, p);
    if (rc)
        return rc;
    int64_t batch = 0, created = 0;
    rc = db_query_int(db, &batch, "SELECT coalesce(max(batch_id), 0) + 1 FROM learning_tasks",
                      "");
    size_t i;
    json_t *d;
    json_array_foreach(depts, i, d) {
        if (rc)
            break;
        if (!json_is_integer(d) || json_integer_value(d) <= 0) {
            fz_problem_set(p, "dept_ids", NULL, "部门应为部门编号");
            return FZ_EINVAL;
        }
        rc = assign(db, rec, batch, json_integer_value(d), src, actor, &created);
    }
    if (!rc && !created && !src->allow_empty) {
        fz_problem_set(p, "dept_ids", NULL, "所选部门没有在职人员，未布置任务");
        rc = FZ_EINVAL;
    }
    if (!rc)
        *out = json_pack("{s:I, s:I}", "batch_id", (json_int_t)batch, "created",
                         (json_int_t)created);
    return rc;
}

static json_t *learning_rec(const json_t *in)
{
    json_t *rec = json_object();
    for (const struct fspec *f = learning_specs; f->name; f++) {
        json_t *v = json_object_get(in, f->name);
        if (v)
            json_object_set(rec, f->name, v);
    }
    return rec;
}

/* set_default: rec[key] = the formatted text when rec has no string there; cut to max
 * characters on a character boundary so a long regulation title never fails validation */
static void set_default(json_t *rec, const char *key, long max, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void set_default(json_t *rec, const char *key, long max, const char *fmt, ...)
{
    if (json_string_value(json_object_get(rec, key)))
        return;
    char buf[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf);
    while (n && str_utf8_len(buf) > max) {
        do
            n--;
        while (n && ((unsigned char)buf[n] & 0xC0) == 0x80);
        buf[n] = '\0';
    }
    json_object_set_new(rec, key, json_string(buf));
}

static enum fz_err dept_array(json_t *in, json_t **ids, struct fz_problem *p)
{
    json_t *depts = json_object_get(in, "dept_ids");
    if (!json_is_array(depts) || !json_array_size(depts)) {
        fz_problem_set(p, "dept_ids", NULL, "请选择部门");
        return FZ_EINVAL;
    }
    *ids = depts;
    return FZ_OK;
}

enum fz_err duties_learning_create(struct db *db, int64_t actor, json_t *in,
                                   int64_t regulation_id, json_t **out,
                                   struct fz_problem *p)
{
    json_t *depts = NULL;
    enum fz_err rc = dept_array(in, &depts, p);
    if (rc)
        return rc;
    struct batch_src src = { "manual", regulation_id, 0, 0, false };
    json_t *rec = learning_rec(in);
    rc = create_batch(db, actor, rec, depts, &src, out, p);
    json_decref(rec);
    return rc;
}

/* regulation_depts: the ids of the departments that apply regulation id (new array) */
static enum fz_err regulation_depts(struct db *db, int64_t id, json_t **ids)
{
    json_t *rows = NULL, *r;
    enum fz_err rc = db_query_json(db, &rows, "SELECT dept_id FROM regulation_depts"
                                   " WHERE regulation_id = ? ORDER BY dept_id", "i", id);
    size_t i;
    *ids = json_array();
    if (!rc)
        json_array_foreach(rows, i, r)
            json_array_append(*ids, json_object_get(r, "dept_id"));
    json_decref(rows);
    return rc;
}

enum fz_err duties_learning_from_regulation(struct db *db, int64_t actor, int64_t id,
                                            json_t *in, json_t **out,
                                            struct fz_problem *p)
{
    json_t *reg = NULL, *ids = NULL;
    enum fz_err rc = db_query_row(db, &reg, "SELECT title FROM regulations WHERE id = ?",
                                  "i", id);
    if (rc)
        return rc;
    rc = regulation_depts(db, id, &ids);
    json_t *rec = learning_rec(in);
    const char *title = json_string_value(json_object_get(reg, "title"));
    set_default(rec, "title", 200, "学习《%s》", title);
    set_default(rec, "regulation_ref", 500, "《%s》", title);
    if (!rc && !json_array_size(ids)) {
        fz_problem_set(p, "regulation_id", NULL, "该法规未登记适用部门");
        rc = FZ_EINVAL;
    }
    struct batch_src src = { "manual", id, 0, 0, false };
    if (!rc)
        rc = create_batch(db, actor, rec, ids, &src, out, p);
    json_decref(rec);
    json_decref(ids);
    json_decref(reg);
    return rc;
}

enum fz_err duties_learning_on_version(struct db *db, int64_t actor, int64_t regulation_id,
                                       int64_t no, int64_t *created)
{
    json_t *v = NULL, *ids = NULL, *out = NULL, *rec = NULL;
    struct fz_problem p = {0};
    char day[11], due[11];
    if (created)
        *created = 0;
    enum fz_err rc = db_query_row(db, &v,
        "SELECT r.title, v.id AS vid, v.doc_no, v.effective_from FROM regulations r"
        " JOIN regulation_versions v ON v.regulation_id = r.id"
        " WHERE r.id = ? AND v.no = ?", "ii", regulation_id, no);
    if (!rc)
        rc = regulation_depts(db, regulation_id, &ids);
    if (rc || !json_array_size(ids))
        goto out;
    today(day);
    rc = duties_version_due(json_string_value(json_object_get(v, "effective_from")), day, due);
    const char *title = json_string_value(json_object_get(v, "title"));
    const char *doc_no = json_string_value(json_object_get(v, "doc_no"));
    rec = json_pack("{s:s}", "due_on", due);
    set_default(rec, "title", 200, "学习新修订的《%s》（%s起施行）", title,
                json_string_value(json_object_get(v, "effective_from")));
    set_default(rec, "regulation_ref", 500, "《%s》第%lld版%s%s%s", title, (long long)no,
                doc_no && *doc_no ? "（" : "", doc_no ? doc_no : "",
                doc_no && *doc_no ? "）" : "");
    struct batch_src src = { "version", regulation_id,
                             json_integer_value(json_object_get(v, "vid")), 0, true };
    if (!rc)
        rc = create_batch(db, actor, rec, ids, &src, &out, &p);
    if (!rc && created)
        *created = json_integer_value(json_object_get(out, "created"));
out:
    json_decref(out);
    json_decref(rec);
    json_decref(ids);
    json_decref(v);
    return rc;
}

enum fz_err duties_learning_for_teaching(struct db *db, int64_t actor, int64_t teaching_id,
                                         json_t *in, json_t **out, struct fz_problem *p)
{
    json_t *t = NULL, *depts = NULL;
    enum fz_err rc = db_query_row(db, &t, "SELECT title, status FROM teaching_materials"
                                  " WHERE id = ?", "i", teaching_id);
    if (rc)
        return rc;
    if (!str_eq(json_string_value(json_object_get(t, "status")), "published")) {
        fz_problem_set(p, NULL, NULL, "教学材料发布后才能布置学习");
        rc = FZ_ECONFLICT;
    }
    if (!rc)
        rc = dept_array(in, &depts, p);
    json_t *rec = learning_rec(in);
    set_default(rec, "title", 200, "以案说法学习：%s",
                json_string_value(json_object_get(t, "title")));
    struct batch_src src = { "teaching", 0, 0, teaching_id, false };
    if (!rc)
        rc = create_batch(db, actor, rec, depts, &src, out, p);
    json_decref(rec);
    json_decref(t);
    return rc;
}

#define LEARN_COLS                                                                     \
    "SELECT k.id, k.batch_id, k.title, k.regulation_ref, k.regulation_id,"             \
    " k.regulation_version_id, k.teaching_id, k.origin, k.user_id,"                    \
    " u.display_name AS user_name, k.dept_id, d.name AS dept_name, k.due_on,"          \
    " k.completed_at, k.score, k.version FROM learning_tasks k"                        \
    " JOIN users u ON u.id = k.user_id LEFT JOIN departments d ON d.id = k.dept_id"

static void fix_learning(json_t *k, const char *day)
{
    bool done = !json_is_null(json_object_get(k, "completed_at"));
    const char *due = json_string_value(json_object_get(k, "due_on"));
    json_object_set_new(k, "overdue",
                        json_boolean(duties_overdue(done ? "done" : "pending", due, day)));
    json_object_set_new(k, "completed", json_boolean(done));
    set_label(k, "origin", origin_codes, origin_labels);
}

enum fz_err duties_learning_get(struct db *db, int64_t id, json_t **out)
{
    char day[11];
    today(day);
    enum fz_err rc = db_query_row(db, out, LEARN_COLS " WHERE k.id = ?", "i", id);
    if (!rc)
        fix_learning(*out, day);
    return rc;
}

enum fz_err duties_learning_complete(struct db *db, int64_t actor, int64_t id,
                                     bool has_score, int64_t score, struct fz_problem *p)
{
    json_t *k = NULL;
    enum fz_err rc = duties_learning_get(db, id, &k);
    if (rc)
        return rc;
    if (json_integer_value(json_object_get(k, "user_id")) != actor) {
        fz_problem_set(p, NULL, NULL, "只能完成布置给本人的学法任务");
        rc = FZ_EFORBIDDEN;
    } else if (json_is_true(json_object_get(k, "completed"))) {
        fz_problem_set(p, NULL, NULL, "该学法任务已完成");
        rc = FZ_ECONFLICT;
    } else if (has_score && (score < 0 || score > 100)) {
        fz_problem_set(p, "score", NULL, "测试成绩应在 0 到 100 之间");
        rc = FZ_EINVAL;
    }
    json_decref(k);
    char ts[FZ_TS_LEN];
    time_now(ts);
    if (!rc && has_score)
        rc = db_run(db, NULL, "UPDATE learning_tasks SET completed_at = ?, score = ?,"
                    " version = version + 1 WHERE id = ?", "tii", ts, score, id);
    else if (!rc)
        rc = db_run(db, NULL, "UPDATE learning_tasks SET completed_at = ?,"
                    " version = version + 1 WHERE id = ?", "ti", ts, id);
    return rc;
}

#define LEARN_WHERE                                                                    \
    " WHERE (?1 = 0 OR k.user_id = ?1) AND (?2 = 0 OR k.batch_id = ?2)"                \
    " AND (?3 = 0 OR CAST(substr(k.due_on, 1, 4) AS INTEGER) = ?3)"                    \
    " AND (?4 IS NULL OR (?4 = 'done') = (k.completed_at IS NOT NULL))"                \
    " AND (?5 = 0 OR k.dept_id = ?5) AND (?6 IS NULL OR k.origin = ?6)"

enum fz_err duties_learning_list(struct db *db, const struct duties_filter *f,
                                 json_t **items, int64_t *total)
{
    char day[11];
    today(day);
    enum fz_err rc = db_query_int(db, total,
                                  "SELECT count(*) FROM learning_tasks k" LEARN_WHERE,
                                  "iiitit", f->user_id, f->batch_id, f->year, f->status,
                                  f->dept_id, f->origin);
    if (!rc)
        rc = db_query_json(db, items, LEARN_COLS LEARN_WHERE
                           " ORDER BY k.due_on DESC, k.id LIMIT ?7 OFFSET ?8",
                           "iiititii", f->user_id, f->batch_id, f->year, f->status,
                           f->dept_id, f->origin, limit_of(f), f->offset);
    size_t i;
    json_t *k;
    if (!rc)
        json_array_foreach(*items, i, k)
            fix_learning(k, day);
    return rc;
}

enum fz_err duties_learning_batches(struct db *db, int64_t year, json_t **out)
{
    enum fz_err rc = db_query_json(db, out,
                         "SELECT batch_id, min(title) AS title, min(regulation_ref)"
                         " AS regulation_ref, min(origin) AS origin, min(teaching_id)"
                         " AS teaching_id, min(due_on) AS due_on, count(*) AS total,"
                         " count(completed_at) AS completed, avg(score) AS avg_score"
                         " FROM learning_tasks WHERE ?1 = 0 OR"
                         " CAST(substr(due_on, 1, 4) AS INTEGER) = ?1"
                         " GROUP BY batch_id ORDER BY min(due_on) DESC, batch_id DESC",
                         "i", year);
    size_t i;
    json_t *b;
    if (!rc)
        json_array_foreach(*out, i, b)
            set_label(b, "origin", origin_codes, origin_labels);
    return rc;
}
