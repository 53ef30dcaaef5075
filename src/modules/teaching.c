/* teaching.c - 以案说法 teaching material from closed enforcement cases (see teaching.h):
 * the anonymiser (exact party data first, then patterns of personal data in any text),
 * the draft made from a case, editing, review and publication, and the activity link.
 * The anonymiser works on UTF-8 bytes in one pass: at each position it tries the party's
 * own values (longest first), then the patterns, else copies one character. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/cases.h"
#include "modules/teaching.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/timeutil.h"

#define TEXT_MAX (1u << 20)

/* ---- the party's alias ---- */

static const char *const compound_surnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "令狐", "轩辕", "端木", "独孤", "南宫", "西门", "百里", NULL,
};

/* org forms, longest first within a family; the alias keeps the form */
static const struct { const char *suffix, *alias; } org_forms[] = {
    { "公司", "某公司" }, { "合作社", "某合作社" }, { "事务所", "某事务所" },
    { "个体工商户", "某个体工商户" }, { "商行", "某商行" }, { "超市", "某超市" },
    { "工作室", "某工作室" }, { "酒店", "某酒店" }, { "餐厅", "某餐厅" }, { "厂", "某厂" },
    { "店", "某店" }, { "中心", "某中心" }, { NULL, NULL },
};

static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (!s[i])
            return i;
    return n;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

/* surname_len: the bytes of the surname at the start of a citizen's name */
static size_t surname_len(const char *name)
{
    for (int i = 0; compound_surnames[i]; i++) {
        size_t n = strlen(compound_surnames[i]);
        if (strncmp(name, compound_surnames[i], n) == 0 && name[n])
            return n;
    }
    return char_len(name);
}

void teaching_party_alias(const struct teach_party *party, char *out, size_t n)
{
    const char *name = party && party->name ? party->name : "";
    if (party && str_eq(party->kind, "org")) {
        for (int i = 0; org_forms[i].suffix; i++)
            if (ends_with(name, org_forms[i].suffix)) {
                snprintf(out, n, "%s", org_forms[i].alias);
                return;
            }
        snprintf(out, n, "某单位");
        return;
    }
    if (!*name) {
        snprintf(out, n, "某某");
        return;
    }
    snprintf(out, n, "%.*s某", (int)surname_len(name), name);
}

/* ---- the anonymiser ---- */

struct subst {
    const char *from;       /* NULL or "": unused */
    const char *to;
};

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t run_of(const char *s, bool (*pred)(char))
{
    size_t n = 0;
    while (s[n] && pred(s[n]))
        n++;
    return n;
}

/* before_is: the text before s (from start) ends with one of words, ignoring a
 * separator (space, ':' or '：') */
static bool before_is(const char *start, const char *s, const char *const *words)
{
    const char *e = s;
    while (e > start && (e[-1] == ' ' || e[-1] == ':'))
        e--;
    if (e - start >= 3 && memcmp(e - 3, "：", 3) == 0)
        e -= 3;
    for (int i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(e - start) >= n && memcmp(e - n, words[i], n) == 0)
            return true;
    }
    return false;
}

static const char *const phone_words[] = { "电话", "手机", "号码", "联系方式", "Tel",
                                           "tel", NULL };
static const char *const road_words[] = { "路", "街", "道", "巷", "弄", "村", "里", NULL };
static const char *const unit_words[] = { "号楼", "单元", "室", "栋", NULL };
static const char *const provinces[] = {
    "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏",
    "浙", "赣", "鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏",
    "川", "宁", "琼", NULL,
};

static bool is_upper_or_digit(char c)
{
    return is_digit(c) || (c >= 'A' && c <= 'Z');
}

/* plate: a plate number at s (津A12345, 津A·D12345, 津A.12345); *n its length, out the
 * masked form */
static bool plate(const char *s, size_t *n, char *out, size_t size)
{
    for (int i = 0; provinces[i]; i++) {
        size_t p = strlen(provinces[i]);
        if (strncmp(s, provinces[i], p) != 0 || !(s[p] >= 'A' && s[p] <= 'Z'))
            continue;
        size_t k = p + 1;
        if (strncmp(s + k, "·", 2) == 0)
            k += 2;
        else if (s[k] == '.')
            k++;
        size_t r = run_of(s + k, is_upper_or_digit);
        if ((r != 5 && r != 6) || is_alnum(s[k + r]))
            return false;
        snprintf(out, size, "%.*s%c·%s", (int)p, s, s[p], r == 5 ? "*****" : "******");
        *n = k + r;
        return true;
    }
    return false;
}

/* number: the personal number starting at s (an ASCII alphanumeric run not preceded by
 * one); *n the bytes it covers and *to its replacement, or false to copy it */
static bool number(const char *start, const char *s, size_t *n, const char **to)
{
    size_t run = run_of(s, is_alnum), digits = run_of(s, is_digit);
    bool upper = run_of(s, is_upper_or_digit) == run;
    *n = run;
    if ((run == 18 && digits >= 17 && (digits == 18 || s[17] == 'X' || s[17] == 'x')) ||
        (run == 15 && digits == 15)) {
        *to = "[身份证号]";
        return true;
    }
    if (run == 18 && upper) {
        *to = "[统一社会信用代码]";
        return true;
    }
    *to = "[电话]";
    if (digits == run && run == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9')
        return true;
    if (digits == run && (run == 3 || run == 4) && s[0] == '0' && s[run] == '-') {
        size_t local = run_of(s + run + 1, is_digit);
        *n = run + 1 + local;
        return (local == 7 || local == 8) && !is_alnum(s[*n]);
    }
    if (digits == run && run >= 7 && run <= 8 && before_is(start, s, phone_words))
        return true;
    *to = "某";
    for (int i = 0; digits == run && unit_words[i]; i++)
        if (strncmp(s + run, unit_words[i], strlen(unit_words[i])) == 0)
            return true;
    return digits == run && strncmp(s + run, "号", 3) == 0 && before_is(start, s, road_words);
}

/* exact: the longest of the party's values at s */
static const struct subst *exact(const char *s, const struct subst *subs, size_t nsubs)
{
    const struct subst *best = NULL;
    for (size_t i = 0; i < nsubs; i++) {
        size_t n = subs[i].from ? strlen(subs[i].from) : 0;
        if (n && strncmp(s, subs[i].from, n) == 0 && (!best || n > strlen(best->from)))
            best = &subs[i];
    }
    return best;
}

static enum fz_err scan(const char *text, const struct subst *subs, size_t nsubs,
                        struct buf *b)
{
    enum fz_err rc = FZ_OK;
    const char *s = text;
    while (!rc && *s) {
        const struct subst *x = exact(s, subs, nsubs);
        char masked[32];
        const char *to = NULL;
        size_t n = 0;
        bool fresh = s == text || !is_alnum(s[-1]);
        if (x) {
            rc = buf_puts(b, x->to);
            s += strlen(x->from);
        } else if (plate(s, &n, masked, sizeof masked)) {
            rc = buf_puts(b, masked);
            s += n;
        } else if (fresh && is_alnum(*s) && number(text, s, &n, &to)) {
            rc = buf_puts(b, to);
            s += n;
        } else {
            n = fresh && is_alnum(*s) ? run_of(s, is_alnum) : char_len(s);
            rc = buf_append(b, s, n);
            s += n;
        }
    }
    return rc;
}

enum fz_err teaching_anonymise(const char *text, const struct teach_party *party,
                               char **out)
{
    char alias[64];
    teaching_party_alias(party, alias, sizeof alias);
    const char *name = party && party->name ? party->name : "";
    bool citizen = party && !str_eq(party->kind, "org");
    const char *given = citizen && *name ? name + surname_len(name) : "";
    struct subst subs[] = {
        { name, alias },
        /* a given name of two characters or more also appears alone (小明 of 王小明) */
        { str_utf8_len(given) >= 2 ? given : NULL, "某" },
        { party ? party->id_no : NULL, "[证件号码]" },
        { party ? party->address : NULL, "[地址]" },
    };
    struct buf b;
    buf_init(&b, TEXT_MAX);
    enum fz_err rc = scan(text ? text : "", subs, sizeof subs / sizeof subs[0], &b);
    if (!rc) {
        *out = buf_take(&b);
        rc = *out ? FZ_OK : FZ_ENOMEM;
    }
    buf_free(&b);
    return rc;
}

/* ---- reading ---- */

static const char *const status_codes[] = { "draft", "submitted", "published", NULL };
static const char *const status_labels[] = { "草稿", "待审核", "已发布", NULL };

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

#define TEACH_COLS                                                                     \
    "SELECT t.id, t.case_id, c.no AS case_no, t.dept_id, d.name AS dept_name, t.title,"\
    " t.party, t.facts, t.basis, t.outcome, t.lesson, t.status, t.activity_id,"        \
    " a.title AS activity_title, a.held_on AS activity_held_on, t.review_comment,"     \
    " t.submitted_at, t.reviewed_by, r.display_name AS reviewer_name, t.published_at," \
    " t.created_by, w.display_name AS author_name, t.created_at, t.updated_at,"        \
    " t.version, (SELECT count(*) FROM learning_tasks k WHERE k.teaching_id = t.id)"   \
    " AS learners, (SELECT count(k.completed_at) FROM learning_tasks k"                \
    " WHERE k.teaching_id = t.id) AS learned FROM teaching_materials t"                \
    " JOIN cases c ON c.id = t.case_id LEFT JOIN departments d ON d.id = t.dept_id"    \
    " LEFT JOIN activities a ON a.id = t.activity_id"                                  \
    " LEFT JOIN users r ON r.id = t.reviewed_by LEFT JOIN users w ON w.id = t.created_by"

static void decorate(json_t *t)
{
    const char *st = jstr(t, "status");
    for (int i = 0; status_codes[i]; i++)
        if (str_eq(st, status_codes[i]))
            json_object_set_new(t, "status_label", json_string(status_labels[i]));
    json_object_set_new(t, "editable", json_boolean(str_eq(st, "draft")));
}

enum fz_err teaching_get(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_row(db, out, TEACH_COLS " WHERE t.id = ?", "i", id);
    if (!rc)
        decorate(*out);
    return rc;
}

#define TEACH_WHERE                                                                    \
    " WHERE (?1 IS NULL OR t.title LIKE ?1 ESCAPE '\\' OR t.facts LIKE ?1 ESCAPE '\\'" \
    " OR t.basis LIKE ?1 ESCAPE '\\' OR t.outcome LIKE ?1 ESCAPE '\\'"                 \
    " OR t.lesson LIKE ?1 ESCAPE '\\') AND (?2 IS NULL OR t.status = ?2)"              \
    " AND (?3 = 0 OR t.case_id = ?3)"

enum fz_err teaching_list(struct db *db, const struct teaching_filter *f, json_t **items,
                          int64_t *total)
{
    char *q = str_like(f->q);
    enum fz_err rc = db_query_int(db, total, "SELECT count(*) FROM teaching_materials t"
                                  TEACH_WHERE, "tti", q, f->status, f->case_id);
    if (!rc)
        rc = db_query_json(db, items, TEACH_COLS TEACH_WHERE
                           " ORDER BY t.updated_at DESC, t.id DESC LIMIT ?4 OFFSET ?5",
                           "ttiii", q, f->status, f->case_id,
                           f->limit > 0 ? f->limit : (int64_t)-1, f->offset);
    free(q);
    size_t i;
    json_t *t;
    if (!rc)
        json_array_foreach(*items, i, t)
            decorate(t);
    return rc;
}

/* ---- the draft from a case ---- */

static const struct { const char *code, *label; } decisions[] = {
    { "penalty", "给予行政处罚" }, { "no_penalty_minor", "违法行为轻微，不予行政处罚" },
    { "no_penalty_facts", "违法事实不能成立，不予行政处罚" }, { "transfer", "移送司法机关" },
    { NULL, NULL },
};

static const struct { const char *code, *label; } penalty_kinds[] = {
    { "warning", "警告" }, { "criticism", "通报批评" }, { "fine", "罚款" },
    { "confiscate_gains", "没收违法所得" }, { "confiscate_property", "没收非法财物" },
    { "confiscate_large", "没收较大数额违法所得、非法财物" },
    { "suspend_license", "暂扣许可证件" }, { "lower_qualification", "降低资质等级" },
    { "revoke_license", "吊销许可证件" }, { "restrict_business", "限制开展生产经营活动" },
    { "suspend_business", "责令停产停业" }, { "close", "责令关闭" },
    { "restrict_practice", "限制从业" }, { "detention", "行政拘留" }, { "other", "其他" },
    { NULL, NULL },
};

static const char *label_in(const char *code, const char *dflt, int which)
{
    for (int i = 0; which == 0 && decisions[i].code; i++)
        if (str_eq(code, decisions[i].code))
            return decisions[i].label;
    for (int i = 0; which == 1 && penalty_kinds[i].code; i++)
        if (str_eq(code, penalty_kinds[i].code))
            return penalty_kinds[i].label;
    return dflt;
}

/* outcome_text: the decision, penalty, execution and conclusion in a sentence or three */
static enum fz_err outcome_text(const json_t *c, struct buf *b)
{
    const char *decision = jstr(c, "decision");
    enum fz_err rc = FZ_OK;
    if (decision) {
        rc = buf_printf(b, "经调查，行政机关作出%s的决定", label_in(decision, decision, 0));
        json_t *kinds = json_object_get(json_object_get(c, "penalty"), "kinds"), *k;
        size_t i;
        json_array_foreach(kinds, i, k) {
            if (!rc)
                rc = buf_printf(b, "%s%s", i ? "、" : "：",
                                label_in(json_string_value(k), "其他", 1));
            if (!rc && str_eq(json_string_value(k), "fine"))
                rc = buf_printf(b, " %.2f 元",
                                json_number_value(json_object_get(c, "fine_amount")));
        }
        if (!rc)
            rc = buf_puts(b, "。");
    }
    if (!rc && jstr(c, "executed_at"))
        rc = buf_puts(b, "当事人已履行处罚决定。");
    const char *conclusion = jstr(c, "conclusion");
    if (!rc && conclusion && *conclusion)
        rc = buf_printf(b, "%s%s", decision ? "结案意见：" : "检查结论：", conclusion);
    return rc;
}

/* event_comment: the comment of the case's last event of action (the basis given with a
 * decision, the facts of an on-the-spot decision), or NULL */
static const char *event_comment(const json_t *c, const char *action)
{
    size_t i;
    json_t *e;
    const char *found = NULL;
    json_array_foreach(json_object_get(c, "events"), i, e) {
        const char *s = jstr(e, "comment");
        if (str_eq(jstr(e, "action"), action) && s && *s)
            found = s;
    }
    return found;
}

/* basis_text: the basis of the case's power and the basis given with its decision */
static enum fz_err basis_text(struct db *db, const json_t *c, struct buf *b)
{
    char *power = NULL;
    int64_t power_id = json_integer_value(json_object_get(c, "power_id"));
    enum fz_err rc = FZ_OK;
    if (power_id > 0) {
        rc = db_query_text(db, &power, "SELECT basis FROM powers WHERE id = ?", "i",
                           power_id);
        if (rc == FZ_ENOTFOUND)
            rc = FZ_OK;
    }
    if (!rc && power && *power)
        rc = buf_printf(b, "执法依据：%s。", power);
    const char *given = event_comment(c, "decide");
    if (!rc && given)
        rc = buf_printf(b, "决定依据：%s", given);
    free(power);
    return rc;
}

static void party_of(const json_t *c, struct teach_party *party)
{
    party->name = jstr(c, "party_name");
    party->kind = jstr(c, "party_kind");
    party->id_no = jstr(c, "party_id_no");
    party->address = jstr(c, "party_address");
}

/* anon_set: rec[key] = the anonymised text */
static enum fz_err anon_set(json_t *rec, const char *key, const char *text,
                            const struct teach_party *party)
{
    char *s = NULL;
    enum fz_err rc = teaching_anonymise(text, party, &s);
    if (!rc)
        json_object_set_new(rec, key, json_string(s));
    free(s);
    return rc;
}

/* draft_of: the draft's texts from the case, anonymised */
static enum fz_err draft_of(struct db *db, const json_t *c, json_t *rec)
{
    struct teach_party party;
    party_of(c, &party);
    char alias[64];
    teaching_party_alias(&party, alias, sizeof alias);
    json_object_set_new(rec, "party", json_string(alias));
    struct buf title, basis, outcome;
    buf_init(&title, TEXT_MAX);
    buf_init(&basis, TEXT_MAX);
    buf_init(&outcome, TEXT_MAX);
    enum fz_err rc = buf_printf(&title, "以案说法：%s", jstr(c, "title"));
    if (!rc)
        rc = basis_text(db, c, &basis);
    if (!rc)
        rc = outcome_text(c, &outcome);
    const char *facts = jstr(c, "facts");
    if (!facts || !*facts)
        facts = event_comment(c, "decide_on_spot");
    if (!rc)
        rc = anon_set(rec, "title", title.data, &party);
    if (!rc)
        rc = anon_set(rec, "facts", facts && *facts ? facts : jstr(c, "title"), &party);
    if (!rc)
        rc = anon_set(rec, "basis", basis.data, &party);
    if (!rc)
        rc = anon_set(rec, "outcome", outcome.data, &party);
    buf_free(&title);
    buf_free(&basis);
    buf_free(&outcome);
    return rc;
}

enum fz_err teaching_from_case(struct db *db, const struct fz_user *actor, int64_t case_id,
                               int64_t *id, struct fz_problem *p)
{
    json_t *c = NULL, *rec = json_object();
    int64_t existing = 0;
    enum fz_err rc = case_get(db, actor, case_id, &c);
    if (!rc && !str_eq(jstr(c, "stage"), "closed")) {
        fz_problem_set(p, NULL, "case_not_closed",
                       "只有已结案的案件才能生成以案说法教学材料（该案件当前：%s）",
                       jstr(c, "stage_name") ? jstr(c, "stage_name") : "");
        rc = FZ_ECONFLICT;
    }
    if (!rc && !db_query_int(db, &existing, "SELECT id FROM teaching_materials"
                             " WHERE case_id = ?", "i", case_id)) {
        fz_problem_set(p, NULL, "teaching_exists", "该案件已生成教学材料 #%lld",
                       (long long)existing);
        rc = FZ_ECONFLICT;
    }
    if (!rc)
        rc = draft_of(db, c, rec);
    char ts[FZ_TS_LEN];
    time_now(ts);
    if (!rc)
        rc = db_run(db, NULL, "INSERT INTO teaching_materials(case_id, dept_id, title, party,"
                    " facts, basis, outcome, created_by, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?)", "iitttttitt",
                    case_id, (int64_t)json_integer_value(json_object_get(c, "dept_id")),
                    jstr(rec, "title"), jstr(rec, "party"), jstr(rec, "facts"),
                    jstr(rec, "basis"), jstr(rec, "outcome"), actor ? actor->id : 0, ts, ts);
    if (!rc)
        *id = db_last_id(db);
    json_decref(rec);
    json_decref(c);
    return rc;
}

/* ---- editing and review ---- */

static const struct { const char *name, *label; long max; bool required; } fields[] = {
    { "title", "标题", 200, true }, { "facts", "基本案情", 10000, false },
    { "basis", "法律依据", 4000, false }, { "outcome", "处理结果", 4000, false },
    { "lesson", "以案说法（启示）", 4000, false }, { NULL, NULL, 0, false },
};

static bool blank(const char *s)
{
    return !s || strspn(s, " \t\r\n") == strlen(s);
}

/* merge: the keys of in over rec, checked and anonymised against the case's party */
static enum fz_err merge(struct db *db, json_t *rec, json_t *in, struct fz_problem *p)
{
    json_t *c = NULL;
    enum fz_err rc = db_query_row(db, &c, "SELECT party_name, party_kind, party_id_no,"
                                  " party_address FROM cases WHERE id = ?", "i",
                                  (int64_t)json_integer_value(json_object_get(rec,
                                                                              "case_id")));
    struct teach_party party = {0};
    if (!rc)
        party_of(c, &party);
    for (int i = 0; !rc && fields[i].name; i++) {
        json_t *v = json_object_get(in, fields[i].name);
        if (!v)
            continue;
        const char *s = json_string_value(v);
        if ((!json_is_string(v) && !json_is_null(v)) || (fields[i].required && blank(s)) ||
            (s && str_utf8_len(s) > fields[i].max)) {
            fz_problem_set(p, fields[i].name, NULL, "%s%s", fields[i].label,
                           !json_is_string(v) && !json_is_null(v) ? "应为文本"
                           : blank(s)                             ? "不能为空"
                                                                  : "过长或不是有效文本");
            rc = FZ_EINVAL;
        } else {
            rc = anon_set(rec, fields[i].name, s ? s : "", &party);
        }
    }
    json_decref(c);
    return rc;
}

enum fz_err teaching_update(struct db *db, int64_t id, int64_t version, json_t *in,
                            struct fz_problem *p)
{
    json_t *rec = NULL;
    enum fz_err rc = teaching_get(db, id, &rec);
    if (rc)
        return rc;
    if (!str_eq(jstr(rec, "status"), "draft")) {
        fz_problem_set(p, NULL, "frozen", "教学材料%s，不能修改",
                       str_eq(jstr(rec, "status"), "published") ? "已发布"
                                                                : "已提交审核（退回后可修改）");
        rc = FZ_ECONFLICT;
    } else if (json_integer_value(json_object_get(rec, "version")) != version) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        rc = FZ_ECONFLICT;
    }
    if (!rc && !json_is_object(in)) {
        fz_problem_set(p, NULL, NULL, "请求体应为 JSON 对象");
        rc = FZ_EINVAL;
    }
    if (!rc)
        rc = merge(db, rec, in, p);
    char ts[FZ_TS_LEN];
    time_now(ts);
    int64_t n = 0;
    if (!rc)
        rc = db_run(db, &n, "UPDATE teaching_materials SET title = ?, facts = ?, basis = ?,"
                    " outcome = ?, lesson = ?, updated_at = ?, version = version + 1"
                    " WHERE id = ? AND version = ? AND status = 'draft'", "ttttttii",
                    jstr(rec, "title"), jstr(rec, "facts"), jstr(rec, "basis"),
                    jstr(rec, "outcome"), jstr(rec, "lesson"), ts, id, version);
    if (!rc && !n) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        rc = FZ_ECONFLICT;
    }
    json_decref(rec);
    return rc;
}

/* the review steps: from status to status, and what the step records */
static const struct {
    const char *action, *from, *to, *label;
} steps[] = {
    { "submit", "draft", "submitted", "提交审核" },
    { "return", "submitted", "draft", "退回修改" },
    { "publish", "submitted", "published", "发布" },
    { NULL, NULL, NULL, NULL },
};

enum fz_err teaching_act(struct db *db, int64_t actor, int64_t id, const char *action,
                         const char *comment, struct fz_problem *p)
{
    int s = 0;
    while (steps[s].action && !str_eq(steps[s].action, action))
        s++;
    if (!steps[s].action)
        return FZ_EINVAL;
    json_t *t = NULL;
    enum fz_err rc = teaching_get(db, id, &t);
    if (rc)
        return rc;
    if (!str_eq(jstr(t, "status"), steps[s].from)) {
        fz_problem_set(p, NULL, "wrong_status", "教学材料当前为“%s”，不能%s",
                       jstr(t, "status_label"), steps[s].label);
        rc = FZ_ECONFLICT;
    } else if (s == 0 && blank(jstr(t, "lesson"))) {
        fz_problem_set(p, "lesson", NULL, "提交审核前请填写以案说法（启示）");
        rc = FZ_EINVAL;
    }
    json_decref(t);
    char ts[FZ_TS_LEN];
    time_now(ts);
    bool review = s > 0;
    if (!rc)
        rc = db_run(db, NULL, "UPDATE teaching_materials SET status = ?,"
                    " submitted_at = CASE WHEN ? = 0 THEN ? ELSE submitted_at END,"
                    " reviewed_by = CASE WHEN ? = 1 THEN ? ELSE reviewed_by END,"
                    " review_comment = CASE WHEN ? = 1 THEN ? ELSE review_comment END,"
                    " published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END,"
                    " updated_at = ?, version = version + 1 WHERE id = ?", "titiiitttti",
                    steps[s].to, (int64_t)review, ts, (int64_t)review, actor,
                    (int64_t)review, comment ? comment : "", steps[s].to, ts, ts, id);
    return rc;
}

enum fz_err teaching_link_activity(struct db *db, int64_t id, int64_t activity_id,
                                   struct fz_problem *p)
{
    json_t *t = NULL;
    enum fz_err rc = teaching_get(db, id, &t);
    json_decref(t);
    if (rc)
        return rc;
    char *kind = NULL;
    if (activity_id > 0 &&
        db_query_text(db, &kind, "SELECT kind FROM activities WHERE id = ?", "i",
                      activity_id) == FZ_OK &&
        !str_eq(kind, "pufa_case")) {
        fz_problem_set(p, "activity_id", NULL, "只能关联“以案说法”类普法活动");
        rc = FZ_EINVAL;
    } else if (activity_id > 0 && !kind) {
        fz_problem_set(p, "activity_id", NULL, "普法活动不存在");
        rc = FZ_EINVAL;
    }
    free(kind);
    char ts[FZ_TS_LEN];
    time_now(ts);
    if (!rc)
        rc = db_run(db, NULL, "UPDATE teaching_materials SET activity_id = nullif(?, 0),"
                    " updated_at = ?, version = version + 1 WHERE id = ?", "iti",
                    activity_id, ts, id);
    return rc;
}
