/* decisions.c - major administrative decisions: gates, the procedure as a table of
 * actions, documents and the sealed archive (see decisions.h); below the "meetings"
 * line the meetings that decide them and the major matters; the catalogue at the end.
 * Every action row names its permission and a function that validates the body and
 * writes the step's side effects; dec_run() checks the gate (dec_gate, a pure function
 * of the decision's state), the permission and the procedural date, runs the function,
 * records the step with who/when/outcome and stores the documents posted with it. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/decisions.h"
#include "modules/docx.h"
#include "modules/files.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/str.h"
#include "util/timeutil.h"

#define REG "《重大行政决策程序暂行条例》"
#define MAX_DOC_BYTES (8u << 20)

/* ---- small helpers ---- */

/* fail: fill p (message truncated on a UTF-8 boundary) and return rc */
enum fz_err dec_fail(struct fz_problem *p, enum fz_err rc, const char *field,
                        const char *code, const char *fmt, ...)
{
    char big[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(big, sizeof big, fmt, ap);
    va_end(ap);
    size_t n = strlen(big);
    if (n >= sizeof p->message) {
        n = sizeof p->message - 1;
        while (n && ((unsigned char)big[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(p->message, big, n);
    p->message[n] = '\0';
    p->field = field;
    p->code = code;
    return rc;
}

/* summarize: printf into out[200], cut on a UTF-8 boundary (audit summaries) */
void dec_summarize(char out[200], const char *fmt, ...)
{
    char big[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(big, sizeof big, fmt, ap);
    va_end(ap);
    size_t n = strlen(big);
    if (n >= 200) {
        n = 199;
        while (n && ((unsigned char)big[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, big, n);
    out[n] = '\0';
}

static enum fz_err violation(struct fz_problem *p, const char *field, const char *msg)
{
    return dec_fail(p, FZ_ECONFLICT, field, "procedure_violation", "%s", msg);
}

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t jint(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* bstr: a non-empty string field of body, else NULL */
static const char *bstr(json_t *body, const char *k)
{
    const char *s = jstr(body, k);
    return str_empty(s) ? NULL : s;
}

/* year_of: the year of a 'YYYY-MM-DD' date */
static int year_of(const char *ymd)
{
    int y = 0;
    for (int i = 0; i < 4 && ymd[i] >= '0' && ymd[i] <= '9'; i++)
        y = y * 10 + (ymd[i] - '0');
    return y;
}

static int32_t local_day(time_t t)
{
    return (int32_t)floor((double)(t + (time_t)time_offset() * 60) / 86400.0);
}

/* text: an optional (or required) string field of at most max characters */
enum fz_err dec_text(json_t *body, const char *k, const char *what, bool required,
                        long max, const char **out, struct fz_problem *p)
{
    json_t *v = json_object_get(body, k);
    *out = NULL;
    if (v && !json_is_string(v) && !json_is_null(v))
        return dec_fail(p, FZ_EINVAL, k, NULL, "%s应为字符串", what);
    const char *s = json_string_value(v);
    if (str_empty(s)) {
        if (required)
            return dec_fail(p, FZ_EINVAL, k, NULL, "%s不能为空", what);
        return FZ_OK;
    }
    long n = str_utf8_len(s);
    if (n < 0 || n > max)
        return dec_fail(p, FZ_EINVAL, k, NULL, "%s不能超过 %ld 个字符", what, max);
    *out = s;
    return FZ_OK;
}

/* date_field: a 'YYYY-MM-DD' field as a day number; absent -> FZ_OK with *present false */
enum fz_err dec_date(json_t *body, const char *k, const char *what, int32_t *day,
                              bool *present, struct fz_problem *p)
{
    const char *s = bstr(body, k);
    *present = s != NULL;
    if (s && (strlen(s) != 10 || calendar_day(s, day)))
        return dec_fail(p, FZ_EINVAL, k, NULL, "%s应为 YYYY-MM-DD 格式的日期", what);
    return FZ_OK;
}

static enum fz_err year_missing(struct fz_problem *p, const char *field)
{
    return dec_fail(p, FZ_EINVAL, field, "calendar_year_missing",
                "工作日历中缺少该年度的节假日安排，请管理员先导入当年的国务院通知");
}

static const char *actor_name(const struct fz_user *u)
{
    return u ? u->username : "system";
}

static const char *actor_display(const struct fz_user *u)
{
    return u ? u->display_name : "系统";
}

static bool may(const struct dec_ctx *c, const char *perm)
{
    return !c->actor || http_has_perm(c->actor, perm);
}

/* ---- documents ---- */

void dec_doc_free(struct dec_doc *d)
{
    if (!d)
        return;
    free(d->data);
    d->data = NULL;
}

static bool safe_name(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == '/' || *s == '\\')
            return false;
    return true;
}

static enum fz_err decode_b64(const char *b64, struct dec_doc *out, const char *field,
                              struct fz_problem *p)
{
    size_t max = strlen(b64) / 4 * 3 + 3;
    if (max > MAX_DOC_BYTES + 3)
        return dec_fail(p, FZ_ETOOLARGE, field, NULL, "单个材料不能超过 8 MiB");
    out->data = malloc(max ? max : 1);
    if (!out->data)
        return FZ_ENOMEM;
    if (sodium_base642bin(out->data, max, b64, strlen(b64), " \r\n\t", &out->len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        dec_doc_free(out);
        return dec_fail(p, FZ_EINVAL, field, NULL, "材料内容 content_base64 不是有效的 Base64");
    }
    return FZ_OK;
}

enum fz_err dec_doc_parse(json_t *doc, const char *field, struct dec_doc *out,
                          struct fz_problem *p)
{
    memset(out, 0, sizeof *out);
    const char *name = jstr(doc, "name"), *txt = jstr(doc, "text");
    const char *b64 = jstr(doc, "content_base64"), *mime = jstr(doc, "mime");
    if (!json_is_object(doc) || str_empty(name) || str_utf8_len(name) > 120 ||
        !safe_name(name))
        return dec_fail(p, FZ_EINVAL, field, NULL,
                    "材料须有名称 name（不超过 120 个字符，不含斜杠和控制字符）");
    if (!txt == !b64)
        return dec_fail(p, FZ_EINVAL, field, NULL,
                    "材料“%s”须提供 text（文本）或 content_base64（文件内容）之一", name);
    if (mime && (strlen(mime) > 100 || !strchr(mime, '/') || strchr(mime, '\n') ||
                 strchr(mime, '\r')))
        return dec_fail(p, FZ_EINVAL, field, NULL, "材料类型 mime 无效");
    str_copy(out->name, sizeof out->name, name);
    str_copy(out->mime, sizeof out->mime,
             mime ? mime : txt ? "text/plain; charset=utf-8" : "application/octet-stream");
    if (txt) {
        out->len = strlen(txt);
        if (out->len > MAX_DOC_BYTES)
            return dec_fail(p, FZ_ETOOLARGE, field, NULL, "单个材料不能超过 8 MiB");
        out->data = malloc(out->len ? out->len : 1);
        if (!out->data)
            return FZ_ENOMEM;
        memcpy(out->data, txt, out->len);
    } else {
        enum fz_err rc = decode_b64(b64, out, field, p);
        if (rc)
            return rc;
    }
    uint8_t h[FZ_HASH_LEN];
    enum fz_err rc = crypto_digest(FZ_SHA256, out->data, out->len, h);
    if (rc) {
        dec_doc_free(out);
        return rc;
    }
    crypto_hex(h, FZ_HASH_LEN, out->sha256);
    return FZ_OK;
}

enum fz_err dec_doc_put(const struct dec_ctx *c, struct dec_doc *d)
{
    char sha[65];
    if (!c->files)
        return FZ_OK;
    enum fz_err rc = files_put(c->files, d->data, d->len, sha, d->sm3);
    if (!rc && !str_eq(sha, d->sha256))
        rc = FZ_EINTERNAL;
    return rc;
}

/* store_doc: insert one parsed document of decision dec (step_id 0: none); with a file
 * store the bytes go there and the row keeps an empty blob */
static enum fz_err store_doc(const struct dec_ctx *c, int64_t dec, int64_t step_id,
                             const char *step, struct dec_doc *d, int64_t *id)
{
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    enum fz_err rc = dec_doc_put(c, d);
    struct db_stmt *st = NULL;
    if (!rc)
        rc = db_prepare(c->db,
            "INSERT INTO decision_documents(decision_id, step_id, step, name, mime, size,"
            " sha256, content, uploaded_by, uploader, uploaded_at, store, sm3)"
            " VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?, ?, ?)", &st);
    if (rc)
        return rc;
    rc = db_bind_fmt(st, "iitttit", dec, step_id, step, d->name, d->mime, (int64_t)d->len,
                     d->sha256);
    if (!rc)
        rc = db_bind_blob(st, 8, c->files ? "" : (const char *)d->data,
                          c->files ? 0 : d->len);
    if (!rc)
        rc = db_bind_int(st, 9, c->actor ? c->actor->id : 0);
    if (!rc)
        rc = db_bind_text(st, 10, actor_display(c->actor));
    if (!rc)
        rc = db_bind_text(st, 11, now);
    if (!rc)
        rc = db_bind_text(st, 12, c->files ? "files" : "db");
    if (!rc)
        rc = c->files ? db_bind_text(st, 13, d->sm3) : db_bind_null(st, 13);
    bool row = false;
    if (!rc)
        rc = db_step(st, &row);
    db_finish(st);
    if (!rc && id)
        *id = db_last_id(c->db);
    return rc;
}

/* store_docs: the "documents" array of body, each stored with the step */
static enum fz_err store_docs(const struct dec_ctx *c, int64_t dec, int64_t step_id,
                              const char *step, json_t *body, json_t *names,
                              struct fz_problem *p)
{
    json_t *docs = json_object_get(body, "documents");
    if (!docs || json_is_null(docs))
        return FZ_OK;
    if (!json_is_array(docs) || json_array_size(docs) > 20)
        return dec_fail(p, FZ_EINVAL, "documents", NULL, "documents 应为不超过 20 份材料的数组");
    size_t i;
    json_t *x;
    json_array_foreach(docs, i, x) {
        struct dec_doc d;
        enum fz_err rc = dec_doc_parse(x, "documents", &d, p);
        if (!rc)
            rc = store_doc(c, dec, step_id, step, &d, NULL);
        if (!rc && names)
            json_array_append_new(names, json_pack("{s:s, s:s}", "name", d.name, "sha256",
                                                   d.sha256));
        dec_doc_free(&d);
        if (rc)
            return rc;
    }
    return FZ_OK;
}

/* ---- the gates ---- */

static bool is_status(const struct dec_state *s, const char *st)
{
    return str_eq(s->status, st);
}

static bool gate_prep(const struct dec_state *s, const char **why)
{
    if (is_status(s, "drafting"))
        return true;
    *why = "决策草案已提请合法性审查（" REG "第二十六条），公众参与、专家论证和风险评估"
           "应在提请审查前完成";
    return false;
}

static bool gate_submit(const struct dec_state *s, const char **why)
{
    if (is_status(s, "under_review"))
        *why = "已提请合法性审查，正在审查中";
    else if (!is_status(s, "drafting"))
        *why = "合法性审查已经完成，不能重复提请";
    else if (s->participation == DEC_PENDING)
        *why = "尚未完成公众参与，或说明依法不予公开的理由（" REG "第十四条、第十五条）";
    else if (s->expert == DEC_PENDING)
        *why = "尚未完成专家论证，或说明无需论证的理由（" REG "第十九条）";
    else if (s->risk == DEC_PENDING)
        *why = "尚未完成风险评估，或说明无需评估的理由（" REG "第二十二条）";
    return !*why;
}

static bool gate_decide(const struct dec_state *s, const char **why)
{
    if (is_status(s, "reviewed") || is_status(s, "deferred"))
        return true;
    if (is_status(s, "drafting") && str_eq(s->review_result, "unlawful"))
        *why = "合法性审查认为决策草案不合法，不得提交集体讨论（" REG "第二十五条）";
    else if (is_status(s, "drafting") || is_status(s, "under_review"))
        *why = "尚未完成合法性审查（" REG "第二十五条）";
    else
        *why = "决策已经集体讨论决定";
    return false;
}

static bool gate_publish(const struct dec_state *s, const char **why)
{
    if (is_status(s, "decided") && s->party_report_required &&
        !(str_eq(s->party_report, "agreed") || str_eq(s->party_report, "agreed_with_changes")))
        *why = s->party_report
                   ? "同级党委未同意出台该决策，不得公布（" REG "第三十一条）"
                   : "该决策出台前应当按照规定向同级党委请示报告（" REG "第三十一条），"
                     "尚未登记请示报告，不得公布";
    else if (is_status(s, "decided"))
        return true;
    else if (is_status(s, "rejected"))
        *why = "决策未获集体讨论通过，不予公布";
    else if (is_status(s, "published"))
        *why = "决策已经公布";
    else
        *why = "尚未经集体讨论决定（" REG "第三十条），不得公布（第三十二条）";
    return false;
}

/* gate_party_report: Art. 31 - the report comes after the collective decision and
 * before the decision is issued */
static bool gate_party_report(const struct dec_state *s, const char **why)
{
    if (is_status(s, "decided"))
        return true;
    if (is_status(s, "published"))
        *why = "决策已经公布；向同级党委请示报告应在决策出台前进行（" REG "第三十一条）";
    else if (is_status(s, "rejected"))
        *why = "决策未获集体讨论通过，不予出台";
    else
        *why = "尚未经集体讨论决定（" REG "第三十条），还不能向同级党委请示报告（第三十一条）";
    return false;
}

/* gate_party_flag: whether Art. 31 applies may be set until the decision is issued */
static bool gate_party_flag(const struct dec_state *s, const char **why)
{
    if (!is_status(s, "published") && !is_status(s, "rejected"))
        return true;
    *why = "决策已经公布或未获通过，不能再变更是否须向党委请示报告";
    return false;
}

/* gate_implement: Art. 34-36 need a published decision that is not suspended or
 * terminated (Art. 37) */
static bool gate_implement(const char *a, const struct dec_state *s, const char **why)
{
    if (!is_status(s, "published")) {
        *why = str_eq(a, "implement")
                   ? "决策尚未公布（" REG "第三十二条），不能登记执行情况（第三十四条）"
                   : "决策尚未公布（" REG "第三十二条），不能开展决策后评估（第三十六条）";
        return false;
    }
    if (str_eq(a, "implement") && str_eq(s->impl_state, "suspended"))
        *why = "决策已中止执行（" REG "第三十七条），恢复执行后才能登记执行情况";
    else if (str_eq(a, "implement") && str_eq(s->impl_state, "terminated"))
        *why = "决策已停止执行（" REG "第三十七条）";
    return !*why;
}

/* gate_adjust: Art. 37 - only a decision in implementation (published) is adjusted,
 * suspended, resumed or terminated; the kind's own transition is dec_adjust_next */
static bool gate_adjust(const struct dec_state *s, const char **why)
{
    if (!is_status(s, "published"))
        *why = "决策尚未公布实施（" REG "第三十二条），没有可调整、中止或停止执行的决策"
               "（第三十七条）";
    else if (str_eq(s->impl_state, "terminated"))
        *why = "决策已停止执行（" REG "第三十七条），不能再调整或恢复";
    return !*why;
}

static bool gate_archive(const struct dec_state *s, const char **why)
{
    if (is_status(s, "published") || is_status(s, "rejected"))
        return true;
    if (is_status(s, "decided"))
        *why = "决策尚未公布（" REG "第三十二条），不能归档";
    else
        *why = "尚未经集体讨论决定（" REG "第三十条），不能归档（第三十三条）";
    return false;
}

bool dec_gate(const char *action, const struct dec_state *s, const char **why)
{
    *why = NULL;
    const char *a = action ? action : "";
    if (is_status(s, "archived")) {
        *why = "决策档案已归档封存（" REG "第三十三条），不能再变更";
        return false;
    }
    if (str_eq(a, "participation") || str_eq(a, "expert") || str_eq(a, "risk") ||
        str_eq(a, "hearing"))
        return gate_prep(s, why);
    if (str_eq(a, "submit_review"))
        return gate_submit(s, why);
    if (str_eq(a, "review")) {
        if (is_status(s, "under_review"))
            return true;
        *why = is_status(s, "drafting") ? "尚未提请合法性审查（" REG "第二十六条）"
                                        : "合法性审查已经完成";
        return false;
    }
    if (str_eq(a, "decide"))
        return gate_decide(s, why);
    if (str_eq(a, "publish"))
        return gate_publish(s, why);
    if (str_eq(a, "implement") || str_eq(a, "evaluate"))
        return gate_implement(a, s, why);
    if (str_eq(a, "party_report"))
        return gate_party_report(s, why);
    if (str_eq(a, "party_report_required"))
        return gate_party_flag(s, why);
    if (str_eq(a, "adjust"))
        return gate_adjust(s, why);
    if (str_eq(a, "archive"))
        return gate_archive(s, why);
    if (str_eq(a, "comment") || str_eq(a, "attach"))
        return true;
    *why = "未知的操作";
    return false;
}

enum fz_err dec_check_comment_period(int32_t start, int32_t end, const char *reason,
                                     struct fz_problem *p)
{
    if (end < start)
        return dec_fail(p, FZ_EINVAL, "comment_end", NULL, "征求意见截止日期不能早于开始日期");
    if (end - start >= 30 || !str_empty(reason))
        return FZ_OK;
    return dec_fail(p, FZ_ECONFLICT, "shortening_reason", "procedure_violation",
                "公开征求意见期限为 %d 日，不足30日；因情况紧急等原因缩短期限的，"
                "应当说明理由（" REG "第十五条）", (int)(end - start));
}

enum fz_err dec_check_review_time(int workdays, const char *override_reason,
                                  struct fz_problem *p)
{
    if (workdays >= 7 || !str_empty(override_reason))
        return FZ_OK;
    return dec_fail(p, FZ_ECONFLICT, "override_reason", "procedure_violation",
                "合法性审查时间仅 %d 个工作日，一般不少于7个工作日（" REG "第二十六条）；"
                "确需缩短的，请填写理由", workdays);
}

enum fz_err dec_check_hearing_notice(int32_t sent, int32_t held, struct fz_problem *p)
{
    if (sent > held)
        return dec_fail(p, FZ_EINVAL, "materials_sent_on", NULL,
                    "听证材料送达日期不能晚于听证会日期");
    if (held - sent >= DEC_HEARING_NOTICE_DAYS)
        return FZ_OK;
    return dec_fail(p, FZ_ECONFLICT, "materials_sent_on", "procedure_violation",
                "听证材料于听证会前 %d 日送达，听证会材料应当于召开听证会%d日前送达听证"
                "参加人（" REG "第十七条）", (int)(held - sent), DEC_HEARING_NOTICE_DAYS);
}

const char *dec_adjust_next(const char *from, const char *kind, const char **why)
{
    static const struct { const char *kind, *to; } next[] = {
        { "adjust", "adjusted" }, { "suspend", "suspended" }, { "resume", "resumed" },
        { "terminate", "terminated" }, { NULL, NULL },
    };
    const char *to = NULL;
    *why = NULL;
    for (int i = 0; next[i].kind; i++)
        if (str_eq(kind, next[i].kind))
            to = next[i].to;
    bool suspended = str_eq(from, "suspended");
    if (!to)
        *why = "调整类型应为 adjust（调整）、suspend（中止执行）、resume（恢复执行）或"
               " terminate（停止执行）";
    else if (!from || str_eq(from, "terminated"))
        *why = !from ? "决策尚未公布实施（" REG "第三十七条）"
                     : "决策已停止执行（" REG "第三十七条），不能再调整或恢复";
    else if (str_eq(kind, "suspend") && suspended)
        *why = "决策已中止执行";
    else if (str_eq(kind, "resume") && !suspended)
        *why = "决策未中止执行，无需恢复执行";
    return *why ? NULL : to;
}

bool mtg_quorum_held(int members, int present, int num, int den, bool strict)
{
    if (members <= 0 || den <= 0 || num < 0 || present < 0)
        return false;
    int64_t lhs = (int64_t)present * den, rhs = (int64_t)members * num;
    return strict ? lhs > rhs : lhs >= rhs;
}

bool mtg_against_majority(const char *outcome, int agree, int disagree)
{
    if (str_eq(outcome, "adopted"))
        return disagree > agree;
    if (str_eq(outcome, "rejected"))
        return agree > disagree;
    return false;
}

/* ---- decisions: reading ---- */

static const char *const categories[] = { "public_policy", "plan", "resources",
                                          "construction", "other", NULL };
static const char *const orgs[] = { "center", "company", NULL };

static const struct { const char *code, *name; } status_names[] = {
    { "drafting", "起草中" }, { "under_review", "合法性审查中" }, { "reviewed", "待集体讨论" },
    { "decided", "已决定" }, { "rejected", "未通过" }, { "deferred", "暂缓决定" },
    { "published", "已公布" }, { "archived", "已归档" }, { NULL, NULL },
};

static const char *status_name(const char *code)
{
    for (int i = 0; status_names[i].code; i++)
        if (str_eq(status_names[i].code, code))
            return status_names[i].name;
    return code ? code : "";
}

static enum dec_proc proc_of(const char *s)
{
    return str_eq(s, "done") ? DEC_DONE : str_eq(s, "na") ? DEC_NA : DEC_PENDING;
}

static void state_of(json_t *d, struct dec_state *s)
{
    s->status = jstr(d, "status");
    s->participation = proc_of(jstr(d, "participation"));
    s->expert = proc_of(jstr(d, "expert"));
    s->risk = proc_of(jstr(d, "risk"));
    s->review_result = jstr(d, "review_result");
    s->party_report_required = jint(d, "party_report_required") != 0;
    s->party_report = jstr(d, "party_report_outcome");
    s->impl_state = jstr(d, "impl_state");
}

#define DEC_COLS                                                                       \
    "d.id, d.no, d.year, d.title, d.category, d.org, d.lead_dept_id,"                  \
    " dp.name AS lead_dept_name, d.catalogue_item_id, d.proposer, d.description,"      \
    " d.status, d.initiated_on, d.participation, d.comment_start, d.comment_end,"      \
    " d.shortening_reason, d.expert, d.risk, d.review_submitted_on,"                   \
    " d.review_request_id, d.review_result, d.reviewed_on, d.review_workdays,"         \
    " d.review_override_reason, d.meeting_item_id, d.outcome, d.decided_on,"           \
    " d.published_on, d.archived_at, d.archived_by, d.archive_sha256, d.created_at,"   \
    " d.updated_at, d.version, d.party_report_required, d.party_reported_on,"           \
    " d.party_report_outcome, d.impl_state"
#define DEC_FROM " FROM decisions d LEFT JOIN departments dp ON dp.id = d.lead_dept_id"

/* impl_state_name: the Chinese name of an implementation state (Art. 37) */
static const char *impl_state_name(const char *st)
{
    static const struct { const char *code, *name; } names[] = {
        { "in_force", "执行中" }, { "adjusted", "已调整" }, { "suspended", "已中止执行" },
        { "resumed", "已恢复执行" }, { "terminated", "已停止执行" }, { NULL, NULL },
    };
    for (int i = 0; st && names[i].code; i++)
        if (str_eq(names[i].code, st))
            return names[i].name;
    return NULL;
}

/* name_states: status_name and impl_state_name of a decision row */
static void name_states(json_t *d)
{
    json_object_set_new(d, "status_name", json_string(status_name(jstr(d, "status"))));
    const char *impl = impl_state_name(jstr(d, "impl_state"));
    json_object_set_new(d, "impl_state_name", impl ? json_string(impl) : json_null());
}

static enum fz_err load_decision(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_row(db, out, "SELECT " DEC_COLS DEC_FROM " WHERE d.id = ?",
                                  "i", id);
    if (!rc)
        name_states(*out);
    return rc;
}

/* the action table is below; dec_get needs its labels and permissions */
struct act;
static const struct dec_action {
    const char *name;
    const char *label;
    const char *perm;
    enum fz_err (*fn)(struct act *a);
} actions[];

static const struct dec_action *find_action(const char *name)
{
    for (const struct dec_action *x = actions; x->name; x++)
        if (str_eq(x->name, name))
            return x;
    return NULL;
}

/* allowed_actions: the actions whose gate and permission pass (new array) */
static json_t *allowed_actions(const struct dec_ctx *c, json_t *d)
{
    struct dec_state s;
    state_of(d, &s);
    json_t *arr = json_array();
    for (const struct dec_action *x = actions; x->name; x++) {
        const char *why = NULL;
        if (x->fn && dec_gate(x->name, &s, &why) && may(c, x->perm))
            json_array_append_new(arr, json_pack("{s:s, s:s}", "action", x->name, "label",
                                                 x->label));
    }
    return arr;
}

static const struct proc_step {
    const char *key, *label, *basis, *action;
    bool optional;
} procedure[] = {
    { "initiate", "决策启动", "第十条、第十一条", NULL, false },
    { "participation", "公众参与", "第十四条至第十八条", "participation", false },
    { "hearing", "听证会", "第十六条、第十七条", "hearing", true },
    { "expert", "专家论证", "第十九条至第二十一条", "expert", false },
    { "risk", "风险评估", "第二十二条至第二十四条", "risk", false },
    { "review", "合法性审查", "第二十五条至第二十八条", "review", false },
    { "decide", "集体讨论决定", "第三十条", "decide", false },
    { "party_report", "向同级党委请示报告", "第三十一条", "party_report", true },
    { "publish", "决策公布", "第三十二条", "publish", false },
    { "implement", "执行与后评估", "第三十四条至第三十六条", "implement", true },
    { "adjust", "决策调整、中止或停止执行", "第三十七条", "adjust", true },
    { "archive", "归档", "第三十三条", "archive", false },
    { NULL, NULL, NULL, NULL, false },
};

/* step_state: done | na | in_progress | failed | pending for one procedure step */
static const char *step_state(const struct proc_step *ps, json_t *d)
{
    const char *st = jstr(d, "status");
    if (str_eq(ps->key, "initiate"))
        return "done";
    if (str_eq(ps->key, "participation") || str_eq(ps->key, "expert") ||
        str_eq(ps->key, "risk")) {
        const char *v = jstr(d, ps->key);
        return str_eq(v, "done") ? "done" : str_eq(v, "na") ? "na" : "pending";
    }
    if (str_eq(ps->key, "review")) {
        if (str_eq(st, "under_review"))
            return "in_progress";
        if (str_eq(jstr(d, "review_result"), "unlawful") && str_eq(st, "drafting"))
            return "failed";
        return json_is_string(json_object_get(d, "reviewed_on")) ? "done" : "pending";
    }
    if (str_eq(ps->key, "decide"))
        return str_eq(st, "deferred") ? "in_progress"
               : json_is_string(json_object_get(d, "decided_on")) ? "done" : "pending";
    if (str_eq(ps->key, "publish"))
        return json_is_string(json_object_get(d, "published_on")) ? "done" : "pending";
    if (str_eq(ps->key, "party_report")) {
        const char *o = jstr(d, "party_report_outcome");
        if (o)
            return str_eq(o, "disagreed") ? "failed" : "done";
        return jint(d, "party_report_required") ? "pending" : "na";
    }
    if (str_eq(ps->key, "archive"))
        return json_is_string(json_object_get(d, "archived_at")) ? "done" : "pending";
    return "pending";
}

/* last_step: the newest recorded step row among the given actions (borrowed) */
static json_t *last_step(json_t *steps, const char *a1, const char *a2)
{
    json_t *found = NULL;
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s) {
        const char *a = jstr(s, "action");
        if (str_eq(a, a1) || (a2 && str_eq(a, a2)))
            found = s;
    }
    return found;
}

static json_t *procedure_json(json_t *d, json_t *steps)
{
    struct dec_state s;
    state_of(d, &s);
    json_t *arr = json_array();
    for (const struct proc_step *ps = procedure; ps->key; ps++) {
        const char *state = step_state(ps, d);
        bool implement = str_eq(ps->key, "implement");
        bool party = str_eq(ps->key, "party_report");
        json_t *last = last_step(steps, ps->key,
                                 implement ? "evaluate"
                                 : str_eq(ps->key, "review") ? "submit_review" : NULL);
        if (ps->optional && !party && last)
            state = "done";
        bool optional = party ? !s.party_report_required : ps->optional;
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b}", "key", ps->key, "label", ps->label,
                              "basis", ps->basis, "state", state, "optional", optional);
        if (last) {
            json_object_set(o, "on_date", json_object_get(last, "on_date"));
            json_object_set(o, "by", json_object_get(last, "display_name"));
            json_object_set(o, "outcome", json_object_get(last, "outcome"));
        }
        const char *gate = str_eq(ps->key, "review") && str_eq(s.status, "drafting")
                               ? "submit_review" : ps->action;
        const char *why = NULL;
        bool open = str_eq(state, "pending") || str_eq(state, "failed") ||
                    str_eq(state, "in_progress");
        bool sealed = str_eq(s.status, "archived");
        if (gate && open && !sealed && !dec_gate(gate, &s, &why))
            json_object_set_new(o, "blocked", json_string(why));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* blocked_actions: the main actions that cannot run now and why (new array) */
static json_t *blocked_actions(json_t *d)
{
    static const char *const main_actions[] = { "participation", "hearing", "expert",
                                                "risk", "submit_review", "review", "decide",
                                                "party_report", "publish", "adjust",
                                                "archive", NULL };
    struct dec_state s;
    state_of(d, &s);
    json_t *arr = json_array();
    for (int i = 0; main_actions[i]; i++) {
        const char *why = NULL;
        if (!dec_gate(main_actions[i], &s, &why))
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "action", main_actions[i],
                                                 "label", find_action(main_actions[i])->label,
                                                 "reason", why));
    }
    return arr;
}

static enum fz_err load_steps(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_json(db, out,
        "SELECT id, action, on_date, ts, username, display_name, from_status, to_status,"
        " outcome, comment, data FROM decision_steps WHERE decision_id = ? ORDER BY id",
        "i", id);
    size_t i;
    json_t *s;
    if (!rc)
        json_array_foreach(*out, i, s) {
            json_t *x = json_loads(jstr(s, "data"), 0, NULL);
            json_object_set_new(s, "data", x ? x : json_object());
            const struct dec_action *a = find_action(jstr(s, "action"));
            json_object_set_new(s, "label", json_string(a ? a->label
                                                          : str_eq(jstr(s, "action"), "initiate")
                                                                ? "决策启动" : ""));
        }
    return rc;
}

static enum fz_err load_documents(struct db *db, int64_t id, json_t **out)
{
    return db_query_json(db, out,
        "SELECT id, step_id, step, name, mime, size, sha256, sm3, store, uploader,"
        " uploaded_at FROM decision_documents WHERE decision_id = ? ORDER BY id", "i", id);
}

/* load_hearings: the hearings of a decision, participants as an array (Art. 16-17) */
static enum fz_err load_hearings(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_json(db, out,
        "SELECT id, step_id, held_on, place, presider, notice_on, selection_method,"
        " materials_sent_on, notice_days, participants, minutes, minutes_signed, adoption"
        " FROM decision_hearings WHERE decision_id = ? ORDER BY held_on, id", "i", id);
    size_t i;
    json_t *h;
    if (!rc)
        json_array_foreach(*out, i, h) {
            json_t *x = json_loads(jstr(h, "participants"), 0, NULL);
            json_object_set_new(h, "participants", x ? x : json_array());
        }
    return rc;
}

/* adjustments: the Art. 37 history from the steps (new array) */
static json_t *adjustments(json_t *steps)
{
    json_t *arr = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s) {
        if (!str_eq(jstr(s, "action"), "adjust"))
            continue;
        json_t *o = json_deep_copy(json_object_get(s, "data"));
        json_object_set(o, "on_date", json_object_get(s, "on_date"));
        json_object_set(o, "by", json_object_get(s, "display_name"));
        json_object_set(o, "label", json_object_get(s, "outcome"));
        const char *to = impl_state_name(jstr(o, "to_state"));
        json_object_set_new(o, "to_state_name", json_string(to ? to : ""));
        json_array_append_new(arr, o);
    }
    return arr;
}

enum fz_err dec_get(const struct dec_ctx *c, int64_t id, json_t **out)
{
    json_t *d = NULL, *steps = NULL, *docs = NULL, *meeting = NULL;
    enum fz_err rc = load_decision(c->db, id, &d);
    if (!rc)
        rc = load_steps(c->db, id, &steps);
    if (!rc)
        rc = load_documents(c->db, id, &docs);
    if (!rc && json_is_integer(json_object_get(d, "meeting_item_id")))
        db_query_row(c->db, &meeting,
                     "SELECT m.id AS meeting_id, m.no AS meeting_no, m.title AS meeting_title,"
                     " m.held_on, b.name AS body_name, i.id AS item_id, i.resolution, i.dissent"
                     " FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id"
                     " JOIN meeting_bodies b ON b.id = m.body_id WHERE i.id = ?", "i",
                     jint(d, "meeting_item_id"));
    json_t *agenda = NULL, *hearings = NULL;
    if (!rc)
        rc = load_hearings(c->db, id, &hearings);
    if (!rc)
        rc = db_query_json(c->db, &agenda,
            "SELECT i.id AS item_id, i.title, i.outcome, m.id AS meeting_id, m.no AS meeting_no,"
            " m.held_on, m.status AS meeting_status, m.quorum_held, b.name AS body_name"
            " FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id"
            " JOIN meeting_bodies b ON b.id = m.body_id WHERE i.decision_id = ?"
            " ORDER BY m.held_on, i.id", "i", id);
    if (rc) {
        json_decref(d);
        json_decref(steps);
        json_decref(docs);
        json_decref(meeting);
        json_decref(hearings);
        return rc;
    }
    json_object_set_new(d, "agenda", agenda);
    json_object_set_new(d, "hearings", hearings);
    json_object_set_new(d, "adjustments", adjustments(steps));
    json_object_set_new(d, "procedure", procedure_json(d, steps));
    json_object_set_new(d, "allowed_actions", allowed_actions(c, d));
    json_object_set_new(d, "blocked_actions", blocked_actions(d));
    json_object_set_new(d, "steps", steps);
    json_object_set_new(d, "documents", docs);
    json_object_set_new(d, "meeting", meeting ? meeting : json_null());
    *out = d;
    return FZ_OK;
}

/* the list's filters; the date bounds and review_overdue are the dashboard's figures
 * (reports.c: decisions_by_status, decisions_decided, decisions_published,
 * decisions_overdue), so a click there lists exactly the records it counted */
#define DEC_WHERE                                                                      \
    DEC_FROM " WHERE (?1 IS NULL OR d.title LIKE '%' || ?1 || '%' OR d.no LIKE '%' || ?1" \
    " || '%') AND (?2 IS NULL OR d.status = ?2) AND (?3 IS NULL OR d.org = ?3)"          \
    " AND (?4 = 0 OR d.year = ?4)"                                                      \
    " AND (?5 IS NULL OR d.initiated_on >= ?5) AND (?6 IS NULL OR d.initiated_on <= ?6)" \
    " AND (?7 IS NULL OR d.decided_on >= ?7) AND (?8 IS NULL OR d.decided_on <= ?8)"    \
    " AND (?9 IS NULL OR d.published_on >= ?9) AND (?10 IS NULL OR d.published_on <= ?10)" \
    " AND (?11 = 0 OR (d.status = 'under_review' AND EXISTS (SELECT 1 FROM"            \
    " review_requests r WHERE r.id = d.review_request_id AND r.answered_on IS NULL"     \
    " AND r.due_on < ?12)))"
#define DEC_ARGS(f)                                                                    \
    (f)->q, (f)->status, (f)->org, (f)->year, (f)->from, (f)->to, (f)->decided_from,   \
        (f)->decided_to, (f)->published_from, (f)->published_to,                       \
        (int64_t)(f)->review_overdue, (f)->today ? (f)->today : ""

enum fz_err dec_list(const struct dec_ctx *c, const struct dec_filter *f, json_t **items,
                     int64_t *total)
{
    enum fz_err rc = db_query_int(c->db, total, "SELECT count(*)" DEC_WHERE,
                                  "ttti" "tttttt" "it", DEC_ARGS(f));
    if (!rc)
        rc = db_query_json(c->db, items,
                           "SELECT " DEC_COLS DEC_WHERE " ORDER BY d.initiated_on DESC, d.id DESC"
                           " LIMIT ?13 OFFSET ?14", "ttti" "tttttt" "it" "ii", DEC_ARGS(f),
                           f->limit, f->offset);
    size_t i;
    json_t *d;
    if (!rc)
        json_array_foreach(*items, i, d) {
            name_states(d);
            json_object_set_new(d, "blocked_actions", blocked_actions(d));
        }
    return rc;
}

/* ---- decisions: creation ---- */

static enum fz_err next_no(struct db *db, int year, char out[32])
{
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO decision_sequences(year, last) VALUES (?, 1)"
        " ON CONFLICT(year) DO UPDATE SET last = last + 1", "i", (int64_t)year);
    int64_t last = 0;
    if (!rc)
        rc = db_query_int(db, &last, "SELECT last FROM decision_sequences WHERE year = ?",
                          "i", (int64_t)year);
    if (!rc)
        snprintf(out, 32, "JC%d-%03lld", year, (long long)last);
    return rc;
}

static enum fz_err add_step(const struct dec_ctx *c, int64_t dec, const char *action,
                            const char *date, const char *from, const char *to,
                            const char *outcome, const char *comment, json_t *data,
                            int64_t *step_id)
{
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    char *js = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    enum fz_err rc = db_run(c->db, NULL,
        "INSERT INTO decision_steps(decision_id, action, on_date, ts, user_id, username,"
        " display_name, from_status, to_status, outcome, comment, data)"
        " VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?)", "itttittttttt", dec,
        action, date, now, c->actor ? c->actor->id : 0, actor_name(c->actor),
        actor_display(c->actor), from ? from : "", to ? to : "", outcome ? outcome : "",
        comment ? comment : "", js ? js : "{}");
    free(js);
    if (!rc && step_id)
        *step_id = db_last_id(c->db);
    return rc;
}

static enum fz_err check_create(const struct dec_ctx *c, const struct dec_input *in,
                                struct fz_problem *p)
{
    if (str_empty(in->title) || str_utf8_len(in->title) > 200)
        return dec_fail(p, FZ_EINVAL, "title", NULL, "决策事项名称不能为空，且不超过 200 个字符");
    if (!str_in(in->category, categories))
        return dec_fail(p, FZ_EINVAL, "category", NULL,
                    "决策类别应为 public_policy（重大公共政策）、plan（重要规划）、"
                    "resources（资源开发利用）、construction（重大公共建设项目）或 other");
    if (in->org && !str_in(in->org, orgs))
        return dec_fail(p, FZ_EINVAL, "org", NULL,
                    "决策主体应为 center（服务中心）或 company（开发建设公司）");
    if ((in->proposer && str_utf8_len(in->proposer) > 200) ||
        (in->description && str_utf8_len(in->description) > 4000))
        return dec_fail(p, FZ_EINVAL, in->description ? "description" : "proposer", NULL,
                    "提出主体不超过 200 个字符，决策说明不超过 4000 个字符");
    int64_t n = 0;
    enum fz_err rc = db_query_int(c->db, &n, "SELECT count(*) FROM departments WHERE id = ?",
                                  "i", in->lead_dept_id);
    if (!rc && !n)
        return dec_fail(p, FZ_EINVAL, "lead_dept_id", NULL, "请选择承办单位（lead_dept_id）");
    if (!rc && in->catalogue_item_id > 0) {
        rc = db_query_int(c->db, &n, "SELECT count(*) FROM decision_catalogue_items"
                          " WHERE id = ?", "i", in->catalogue_item_id);
        if (!rc && !n)
            return dec_fail(p, FZ_EINVAL, "catalogue_item_id", NULL, "决策事项目录中没有该事项");
        if (!rc)
            rc = db_query_int(c->db, &n, "SELECT count(*) FROM decisions WHERE"
                              " catalogue_item_id = ?", "i", in->catalogue_item_id);
        if (!rc && n)
            return dec_fail(p, FZ_ECONFLICT, "catalogue_item_id", "duplicate",
                        "该目录事项已经启动决策程序");
    }
    return rc;
}

enum fz_err dec_create(const struct dec_ctx *c, const struct dec_input *in, int64_t *id,
                       struct fz_problem *p)
{
    enum fz_err rc = check_create(c, in, p);
    if (rc)
        return rc;
    int32_t day = local_day(c->now), today = day;
    if (in->initiated_on && (strlen(in->initiated_on) != 10 ||
                             calendar_day(in->initiated_on, &day)))
        return dec_fail(p, FZ_EINVAL, "initiated_on", NULL, "启动日期应为 YYYY-MM-DD");
    if (day > today)
        return dec_fail(p, FZ_EINVAL, "initiated_on", NULL, "启动日期不能晚于今天");
    char date[11], now[FZ_TS_LEN], no[32];
    calendar_ymd(day, date);
    time_format(c->now, now);
    int year = year_of(date);
    rc = next_no(c->db, year, no);
    if (!rc)
        rc = db_run(c->db, NULL,
            "INSERT INTO decisions(no, year, title, category, org, lead_dept_id,"
            " catalogue_item_id, proposer, description, initiated_on, created_by, created_at,"
            " updated_at, party_report_required)"
            " VALUES (?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?, ?, nullif(?, 0), ?, ?, ?)",
            "titttiittt" "itti", no, (int64_t)year, in->title, in->category,
            in->org ? in->org : "center", in->lead_dept_id, in->catalogue_item_id,
            in->proposer ? in->proposer : "", in->description ? in->description : "", date,
            c->actor ? c->actor->id : 0, now, now, (int64_t)in->party_report_required);
    if (rc)
        return rc;
    *id = db_last_id(c->db);
    json_t *data = json_pack("{s:I, s:s}", "lead_dept_id", (json_int_t)in->lead_dept_id,
                             "proposer", in->proposer ? in->proposer : "");
    rc = add_step(c, *id, "initiate", date, "", "drafting", "启动", "决定启动决策程序，"
                  "确定承办单位", data, NULL);
    json_decref(data);
    return rc;
}

/* ---- decisions: the procedure ---- */

/* a meeting's decision on a decision (mtg_decide -> dec_run) */
struct mtg_ref {
    int64_t meeting_id, item_id;
    const char *meeting_no, *body_name, *org, *held_on, *outcome, *resolution;
    int present, total;
};

/* what an action function gets: the decision as loaded, the body, where to write */
struct act {
    const struct dec_ctx *c;
    int64_t id;
    json_t *d;                  /* the decision row (borrowed) */
    json_t *body;               /* the request body (borrowed) */
    const struct mtg_ref *m;    /* set when a meeting decides */
    const char *to;             /* resulting status; NULL = unchanged */
    const char *outcome;        /* short outcome label of the step */
    const char *comment;
    json_t *data;               /* step details (owned; may stay NULL) */
    json_t *audit;              /* audit detail (owned; may stay NULL) */
    int32_t day;                /* the procedural date */
    char date[11];
    struct fz_problem *p;
};

static void set_day(struct act *a, int32_t day)
{
    a->day = day;
    calendar_ymd(day, a->date);
}

/* step_day: the procedural date from body "date" (default today): not in the future,
 * not before the decision was initiated */
static enum fz_err step_day(struct act *a)
{
    int32_t today = local_day(a->c->now), day = today, start = 0;
    bool present = false;
    enum fz_err rc = dec_date(a->body, "date", "日期", &day, &present, a->p);
    if (rc)
        return rc;
    if (day > today)
        return dec_fail(a->p, FZ_EINVAL, "date", NULL, "日期不能晚于今天");
    const char *init = jstr(a->d, "initiated_on");
    if (init && !calendar_day(init, &start) && day < start)
        return dec_fail(a->p, FZ_EINVAL, "date", NULL, "日期不能早于决策启动日期（%s）", init);
    set_day(a, day);
    return FZ_OK;
}

/* not_before: the step's date is not before the date in column col of the decision */
static enum fz_err not_before(struct act *a, const char *col, const char *what)
{
    int32_t d = 0;
    const char *s = jstr(a->d, col);
    if (s && !calendar_day(s, &d) && a->day < d)
        return dec_fail(a->p, FZ_EINVAL, "date", NULL, "日期不能早于%s（%s）", what, s);
    return FZ_OK;
}

/* not_before_day: day is not before the date in column col of the decision */
static enum fz_err not_before_day(struct act *a, int32_t day, const char *col,
                                  const char *what, const char *field)
{
    int32_t d = 0;
    const char *s = jstr(a->d, col);
    if (s && !calendar_day(s, &d) && day < d)
        return dec_fail(a->p, FZ_EINVAL, field, NULL, "日期不能早于%s（%s）", what, s);
    return FZ_OK;
}

/* prep_state: "state" done | na; na needs a reason (Art. 14, 19, 22) */
static enum fz_err prep_state(struct act *a, const char *what, bool *done)
{
    const char *st = bstr(a->body, "state");
    if (!str_eq(st, "done") && !str_eq(st, "na"))
        return dec_fail(a->p, FZ_EINVAL, "state", NULL,
                    "请选择%s的情况：done（已开展）或 na（不适用，须说明理由）", what);
    *done = str_eq(st, "done");
    if (*done)
        return FZ_OK;
    enum fz_err rc = dec_text(a->body, "reason", "不适用的理由", true, 1000, &a->comment, a->p);
    if (!rc) {
        a->outcome = "不适用";
        a->data = json_pack("{s:s, s:s}", "state", "na", "reason", a->comment);
    }
    return rc;
}

static enum fz_err do_participation(struct act *a)
{
    bool done = false;
    enum fz_err rc = prep_state(a, "公众参与", &done);
    if (rc)
        return rc;
    if (!done)
        return db_run(a->c->db, NULL,
                      "UPDATE decisions SET participation = 'na', comment_start = NULL,"
                      " comment_end = NULL, shortening_reason = NULL WHERE id = ?", "i", a->id);
    const char *method = NULL, *reason = NULL, *adoption = NULL;
    int32_t start = 0, end = 0;
    bool has_start = false, has_end = false;
    rc = dec_text(a->body, "method", "公众参与方式", true, 200, &method, a->p);
    if (!rc)
        rc = dec_date(a->body, "comment_start", "征求意见开始日期", &start, &has_start, a->p);
    if (!rc)
        rc = dec_date(a->body, "comment_end", "征求意见截止日期", &end, &has_end, a->p);
    if (!rc && (!has_start || !has_end))
        rc = dec_fail(a->p, FZ_EINVAL, has_start ? "comment_end" : "comment_start", NULL,
                  "请填写公开征求意见的起止日期（第十五条）");
    if (!rc)
        rc = dec_text(a->body, "shortening_reason", "缩短期限的理由", false, 1000, &reason, a->p);
    if (!rc)
        rc = dec_text(a->body, "adoption", "意见采纳情况", false, 4000, &adoption, a->p);
    if (!rc)
        rc = dec_check_comment_period(start, end, reason, a->p);
    if (rc)
        return rc;
    char s1[11], s2[11];
    calendar_ymd(start, s1);
    calendar_ymd(end, s2);
    a->outcome = "已开展";
    a->data = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s?, s:s?, s:I}", "state", "done",
                        "method", method, "comment_start", s1, "comment_end", s2, "days",
                        (int)(end - start), "shortening_reason", reason, "adoption", adoption,
                        "comments_received", (json_int_t)jint(a->body, "comments_received"));
    return db_run(a->c->db, NULL,
                  "UPDATE decisions SET participation = 'done', comment_start = ?,"
                  " comment_end = ?, shortening_reason = ? WHERE id = ?", "ttti", s1, s2,
                  reason, a->id);
}

static enum fz_err do_expert(struct act *a)
{
    bool done = false;
    enum fz_err rc = prep_state(a, "专家论证", &done);
    const char *experts = NULL, *opinion = NULL;
    if (!rc && done)
        rc = dec_text(a->body, "experts", "论证专家", true, 1000, &experts, a->p);
    if (!rc && done)
        rc = dec_text(a->body, "opinion", "专家论证意见", false, 4000, &opinion, a->p);
    if (rc)
        return rc;
    if (done) {
        a->outcome = "已论证";
        a->data = json_pack("{s:s, s:s, s:s?}", "state", "done", "experts", experts,
                            "opinion", opinion);
    }
    return db_run(a->c->db, NULL, "UPDATE decisions SET expert = ? WHERE id = ?", "ti",
                  done ? "done" : "na", a->id);
}

static enum fz_err do_risk(struct act *a)
{
    static const char *const levels[] = { "low", "medium", "high", NULL };
    bool done = false;
    enum fz_err rc = prep_state(a, "风险评估", &done);
    const char *level = NULL, *summary = NULL, *measures = NULL;
    if (!rc && done) {
        level = bstr(a->body, "level");
        if (!str_in(level, levels))
            rc = dec_fail(a->p, FZ_EINVAL, "level", NULL,
                      "风险等级应为 low（低）、medium（中）或 high（高）");
    }
    if (!rc && done)
        rc = dec_text(a->body, "summary", "风险评估结论", false, 4000, &summary, a->p);
    if (!rc && done)
        rc = dec_text(a->body, "measures", "风险防范措施", str_eq(level, "high"), 4000, &measures,
                  a->p);
    if (rc)
        return rc;
    if (done) {
        a->outcome = str_eq(level, "low") ? "低风险" : str_eq(level, "medium") ? "中风险"
                                                                             : "高风险";
        a->data = json_pack("{s:s, s:s, s:s?, s:s?}", "state", "done", "level", level,
                            "summary", summary, "measures", measures);
    }
    return db_run(a->c->db, NULL, "UPDATE decisions SET risk = ? WHERE id = ?", "ti",
                  done ? "done" : "na", a->id);
}

/* linked_request: the review request id of body field k, which must be this decision's */
static enum fz_err linked_request(struct act *a, const char *k, json_t **row)
{
    json_t *v = json_object_get(a->body, k);
    *row = NULL;
    if (!v || json_is_null(v))
        return FZ_OK;
    if (!json_is_integer(v))
        return dec_fail(a->p, FZ_EINVAL, k, NULL, "%s 应为审查申请编号（整数）", k);
    enum fz_err rc = db_query_row(a->c->db, row,
        "SELECT r.id, r.no, r.kind, r.decision_id, r.status, l.no AS letter_no,"
        " l.letter_on, l.conclusion, l.reasoning, f.name AS firm_name,"
        " u.display_name AS counsel_name FROM review_requests r"
        " LEFT JOIN opinion_letters l ON l.request_id = r.id"
        " LEFT JOIN law_firms f ON f.id = l.firm_id LEFT JOIN users u ON u.id = l.counsel_id"
        " WHERE r.id = ?", "i", (int64_t)json_integer_value(v));
    if (rc == FZ_ENOTFOUND)
        return dec_fail(a->p, FZ_EINVAL, k, NULL, "审查申请不存在");
    if (!rc && jint(*row, "decision_id") != a->id) {
        json_decref(*row);
        *row = NULL;
        return dec_fail(a->p, FZ_EINVAL, k, NULL, "该审查申请不是本决策的合法性审查");
    }
    return rc;
}

static enum fz_err do_submit_review(struct act *a)
{
    int32_t end = 0;
    const char *ce = jstr(a->d, "comment_end");
    if (str_eq(jstr(a->d, "participation"), "done") && ce && !calendar_day(ce, &end) &&
        a->day < end)
        return dec_fail(a->p, FZ_ECONFLICT, "date", "procedure_violation",
                    "公开征求意见期至 %s 尚未结束，不能提请合法性审查（" REG "第十五条）", ce);
    const char *material = NULL;
    json_t *req = NULL;
    enum fz_err rc = dec_text(a->body, "material", "报送材料说明", false, 4000, &material, a->p);
    if (!rc)
        rc = linked_request(a, "review_request_id", &req);
    if (rc)
        return rc;
    a->to = "under_review";
    a->outcome = "已提请";
    a->comment = material;
    a->data = json_pack("{s:s?, s:O?}", "material", material, "review_request_no",
                        req ? json_object_get(req, "no") : NULL);
    rc = db_run(a->c->db, NULL,
                "UPDATE decisions SET review_submitted_on = ?, review_request_id = nullif(?, 0),"
                " review_result = NULL, reviewed_on = NULL, review_workdays = NULL,"
                " review_override_reason = NULL WHERE id = ?", "tii", a->date,
                req ? jint(req, "id") : 0, a->id);
    json_decref(req);
    return rc;
}

static const char *const results[] = { "lawful", "unlawful", "exploratory_with_risk_statement",
                                       NULL };

static const char *result_label(const char *r)
{
    return str_eq(r, "lawful") ? "合法" : str_eq(r, "unlawful") ? "不合法"
                                                               : "探索性改革（已说明法律风险）";
}

/* from_letter: defaults of a review fulfilled by a counsel's opinion letter */
static enum fz_err from_letter(struct act *a, json_t *req, const char **result)
{
    if (!str_eq(jstr(req, "status"), "answered"))
        return dec_fail(a->p, FZ_ECONFLICT, "review_id", "procedure_violation",
                    "法律顾问尚未就审查申请 %s 出具法律意见书", jstr(req, "no"));
    const char *concl = jstr(req, "conclusion");
    if (!*result)
        *result = str_eq(concl, "unlawful") ? "unlawful"
                  : str_eq(concl, "other") ? NULL : "lawful";
    if (!*result)
        return dec_fail(a->p, FZ_EINVAL, "result", NULL,
                    "法律意见书结论为“其他”，请选择审查结论（result）");
    bool present = json_object_get(a->body, "date") != NULL;
    int32_t day = 0;
    if (!present && !calendar_day(jstr(req, "letter_on"), &day))
        set_day(a, day);
    return FZ_OK;
}

static enum fz_err review_fields(struct act *a, json_t *req, const char **result,
                                 const char **reviewer, const char **opinion,
                                 const char **risk, const char **override)
{
    enum fz_err rc = dec_text(a->body, "reviewer", "审查人", false, 100, reviewer, a->p);
    if (!rc)
        rc = dec_text(a->body, "opinion", "审查意见", !req, 4000, opinion, a->p);
    if (!rc)
        rc = dec_text(a->body, "override_reason", "缩短审查时间的理由", false, 1000, override,
                  a->p);
    if (!rc && *result && !str_in(*result, results))
        rc = dec_fail(a->p, FZ_EINVAL, "result", NULL,
                  "审查结论应为 lawful（合法）、unlawful（不合法）或"
                  " exploratory_with_risk_statement（探索性改革，须说明法律风险）");
    if (!rc && req)
        rc = from_letter(a, req, result);
    if (!rc && !*result)
        rc = dec_fail(a->p, FZ_EINVAL, "result", NULL, "请选择审查结论（result）");
    if (!rc)
        rc = dec_text(a->body, "risk_statement", "法律风险说明",
                  str_eq(*result, "exploratory_with_risk_statement"), 2000, risk, a->p);
    return rc;
}

static enum fz_err do_review(struct act *a)
{
    json_t *req = NULL;
    const char *result = bstr(a->body, "result"), *reviewer = NULL, *opinion = NULL;
    const char *risk = NULL, *override = NULL;
    enum fz_err rc = linked_request(a, "review_id", &req);
    if (!rc)
        rc = review_fields(a, req, &result, &reviewer, &opinion, &risk, &override);
    int32_t sub = 0;
    int wd = 0;
    const char *subs = jstr(a->d, "review_submitted_on");
    if (!rc && (!subs || calendar_day(subs, &sub)))
        rc = FZ_EINTERNAL;
    if (!rc && a->day < sub)
        rc = dec_fail(a->p, FZ_EINVAL, "date", NULL, "审查意见日期不能早于提请审查日期（%s）", subs);
    if (!rc && calendar_workdays_between(a->c->cal, sub, a->day, &wd))
        rc = year_missing(a->p, "date");
    if (!rc)
        rc = dec_check_review_time(wd, override, a->p);
    if (!rc && req && !reviewer)
        reviewer = jstr(req, "counsel_name");
    if (!rc) {
        a->to = str_eq(result, "unlawful") ? "drafting" : "reviewed";
        a->outcome = result_label(result);
        a->data = json_pack("{s:s, s:s, s:s?, s:s?, s:i, s:s, s:s?, s:s?, s:O?, s:O?, s:O?}",
                            "result", result, "submitted_on", subs, "opinion",
                            opinion ? opinion : jstr(req, "reasoning"), "reviewer",
                            reviewer ? reviewer : actor_display(a->c->actor), "workdays", wd,
                            "reviewed_on", a->date, "override_reason", override,
                            "risk_statement", risk, "review_request_no",
                            req ? json_object_get(req, "no") : NULL, "letter_no",
                            req ? json_object_get(req, "letter_no") : NULL, "firm",
                            req ? json_object_get(req, "firm_name") : NULL);
        a->comment = jstr(a->data, "opinion");      /* owned by a->data, outlives req */
        rc = db_run(a->c->db, NULL,
                    "UPDATE decisions SET review_result = ?, reviewed_on = ?,"
                    " review_workdays = ?, review_override_reason = ?,"
                    " review_request_id = coalesce(nullif(?, 0), review_request_id)"
                    " WHERE id = ?", "ttitii", result, a->date, (int64_t)wd, override,
                    req ? jint(req, "id") : 0, a->id);
    }
    json_decref(req);
    return rc;
}

static enum fz_err do_decide(struct act *a)
{
    if (!a->m)
        return violation(a->p, "meeting_item_id",
                         "重大行政决策应当经集体讨论决定（" REG "第三十条）："
                         "请在集体决策会议中对该议题作出决定");
    if (!str_eq(a->m->org, jstr(a->d, "org")))
        return violation(a->p, "meeting_item_id",
                         str_eq(jstr(a->d, "org"), "company")
                             ? "该决策属于开发建设公司，应由董事会或总经理办公会集体讨论决定"
                             : "该决策属于服务中心，应由党组会或主任办公会集体讨论决定");
    int32_t day = 0;
    if (calendar_day(a->m->held_on, &day))
        return FZ_EINTERNAL;
    set_day(a, day);
    enum fz_err rc = not_before(a, "reviewed_on", "合法性审查完成日期");
    if (rc)
        return rc;
    const char *o = a->m->outcome;
    a->to = str_eq(o, "adopted") ? "decided" : str_eq(o, "rejected") ? "rejected" : "deferred";
    a->outcome = str_eq(o, "adopted") ? "通过" : str_eq(o, "rejected") ? "不通过" : "暂缓";
    a->comment = a->m->resolution;
    a->data = json_pack("{s:I, s:s, s:s, s:I, s:i, s:i, s:s}", "meeting_id",
                        (json_int_t)a->m->meeting_id, "meeting_no", a->m->meeting_no, "body",
                        a->m->body_name, "item_id", (json_int_t)a->m->item_id, "present",
                        a->m->present, "members", a->m->total, "outcome", o);
    return db_run(a->c->db, NULL,
                  "UPDATE decisions SET outcome = ?, decided_on = CASE WHEN ? = 'deferred'"
                  " THEN NULL ELSE ? END, meeting_item_id = ? WHERE id = ?", "tttii", o, o,
                  a->date, a->m->item_id, a->id);
}

static enum fz_err do_publish(struct act *a)
{
    const char *channel = NULL, *doc_no = NULL;
    enum fz_err rc = dec_text(a->body, "channel", "公布渠道", true, 200, &channel, a->p);
    if (!rc)
        rc = dec_text(a->body, "doc_no", "文号", false, 64, &doc_no, a->p);
    if (!rc)
        rc = not_before(a, "decided_on", "决定日期");
    if (rc)
        return rc;
    a->to = "published";
    a->outcome = "已公布";
    a->data = json_pack("{s:s, s:s?}", "channel", channel, "doc_no", doc_no);
    return db_run(a->c->db, NULL, "UPDATE decisions SET published_on = ?,"
                  " impl_state = 'in_force' WHERE id = ?", "ti", a->date, a->id);
}

static enum fz_err do_implement(struct act *a)
{
    const char *unit = NULL, *report = NULL;
    enum fz_err rc = dec_text(a->body, "unit", "执行单位", true, 100, &unit, a->p);
    if (!rc)
        rc = dec_text(a->body, "report", "执行情况", true, 4000, &report, a->p);
    if (!rc) {
        a->outcome = "执行情况";
        a->comment = report;
        a->data = json_pack("{s:s}", "unit", unit);
    }
    return rc;
}

static enum fz_err do_evaluate(struct act *a)
{
    const char *evaluator = NULL, *conclusion = NULL;
    enum fz_err rc = dec_text(a->body, "evaluator", "评估机构", true, 100, &evaluator, a->p);
    if (!rc)
        rc = dec_text(a->body, "conclusion", "评估结论", true, 4000, &conclusion, a->p);
    if (!rc) {
        a->outcome = "已评估";
        a->comment = conclusion;
        a->data = json_pack("{s:s}", "evaluator", evaluator);
    }
    return rc;
}

/* ---- hearing (Art. 16-17) ---- */

/* hearing_participants: [{name, represents, chosen_by}], 1..200; a new copy in *out */
static enum fz_err hearing_participants(struct act *a, json_t **out)
{
    json_t *arr = json_object_get(a->body, "participants");
    *out = NULL;
    if (!json_is_array(arr) || !json_array_size(arr) || json_array_size(arr) > 200)
        return dec_fail(a->p, FZ_EINVAL, "participants", NULL,
                    "请列出听证参加人（1 至 200 人，每人 name、represents、chosen_by）");
    json_t *res = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) {
        const char *name = NULL, *rep = NULL, *by = NULL;
        enum fz_err rc = dec_text(x, "name", "听证参加人姓名", true, 100, &name, a->p);
        if (!rc)
            rc = dec_text(x, "represents", "代表的利益方", false, 200, &rep, a->p);
        if (!rc)
            rc = dec_text(x, "chosen_by", "产生方式", false, 100, &by, a->p);
        if (rc) {
            a->p->field = "participants";
            json_decref(res);
            return rc;
        }
        json_array_append_new(res, json_pack("{s:s, s:s, s:s}", "name", name, "represents",
                                             rep ? rep : "", "chosen_by", by ? by : ""));
    }
    *out = res;
    return FZ_OK;
}

/* hearing_dates: held_on (the step's date), notice_on < held_on, materials_sent_on at
 * least 7 days before (Art. 17) */
static enum fz_err hearing_dates(struct act *a, int32_t *notice, int32_t *sent)
{
    int32_t held = 0;
    bool h = false, n = false, m = false;
    enum fz_err rc = dec_date(a->body, "held_on", "听证会日期", &held, &h, a->p);
    if (!rc)
        rc = dec_date(a->body, "notice_on", "听证公告日期", notice, &n, a->p);
    if (!rc)
        rc = dec_date(a->body, "materials_sent_on", "听证材料送达日期", sent, &m, a->p);
    if (!rc && (!h || !n || !m))
        return dec_fail(a->p, FZ_EINVAL, !h ? "held_on" : !n ? "notice_on" : "materials_sent_on",
                    NULL, "请填写听证会日期、听证公告日期和听证材料送达日期（第十七条）");
    if (rc)
        return rc;
    if (held > a->day)
        return dec_fail(a->p, FZ_EINVAL, "held_on", NULL, "听证会日期不能晚于登记日期");
    if (*notice >= held)
        return dec_fail(a->p, FZ_ECONFLICT, "notice_on", "procedure_violation",
                    "听证会的时间、地点、听证参加人遴选办法和名单应当提前向社会公布"
                    "（" REG "第十七条）");
    rc = not_before_day(a, *notice, "initiated_on", "决策启动日期", "notice_on");
    if (!rc)
        rc = dec_check_hearing_notice(*sent, held, a->p);
    if (!rc)
        set_day(a, held);
    return rc;
}

static enum fz_err do_hearing(struct act *a)
{
    const char *place = NULL, *presider = NULL, *sel = NULL, *minutes = NULL, *adopt = NULL;
    int32_t notice = 0, sent = 0;
    json_t *people = NULL;
    enum fz_err rc = hearing_dates(a, &notice, &sent);
    if (!rc)
        rc = dec_text(a->body, "place", "听证地点", true, 200, &place, a->p);
    if (!rc)
        rc = dec_text(a->body, "presider", "听证主持人", true, 100, &presider, a->p);
    if (!rc)
        rc = dec_text(a->body, "selection_method", "听证参加人遴选办法", true, 1000, &sel, a->p);
    if (!rc)
        rc = hearing_participants(a, &people);
    if (!rc)
        rc = dec_text(a->body, "minutes", "听证笔录", true, 20000, &minutes, a->p);
    if (!rc)
        rc = dec_text(a->body, "adoption", "听证意见采纳情况", false, 4000, &adopt, a->p);
    if (!rc && !json_is_true(json_object_get(a->body, "minutes_signed")))
        rc = dec_fail(a->p, FZ_ECONFLICT, "minutes_signed", "procedure_violation",
                  "听证笔录应当经听证参加人确认签字（" REG "第十七条）");
    if (rc) {
        json_decref(people);
        return rc;
    }
    char ns[11], ss[11], now[FZ_TS_LEN];
    calendar_ymd(notice, ns);
    calendar_ymd(sent, ss);
    time_format(a->c->now, now);
    char *pj = json_dumps(people, JSON_COMPACT);
    int days = (int)(a->day - sent);
    rc = pj ? db_run(a->c->db, NULL,
        "INSERT INTO decision_hearings(decision_id, held_on, place, presider, notice_on,"
        " selection_method, materials_sent_on, notice_days, participants, minutes,"
        " minutes_signed, adoption, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        "ittttttittt" "t", a->id, a->date, place, presider, ns, sel, ss, (int64_t)days, pj,
        minutes, adopt ? adopt : "", now) : FZ_ENOMEM;
    free(pj);
    a->outcome = "已举行听证会";
    a->comment = minutes;
    a->data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:b, s:s?}", "held_on",
                        a->date, "place", place, "presider", presider, "notice_on", ns,
                        "selection_method", sel, "materials_sent_on", ss, "notice_days", days,
                        "participants", people, "minutes_signed", 1, "adoption", adopt);
    return rc;
}

/* ---- the report to the Party committee (Art. 31) ---- */

static enum fz_err do_party_report(struct act *a)
{
    static const char *const outcomes[] = { "agreed", "agreed_with_changes", "disagreed",
                                            NULL };
    const char *committee = NULL, *opinion = NULL, *o = bstr(a->body, "outcome");
    enum fz_err rc = dec_text(a->body, "committee", "请示报告的党委", true, 200, &committee,
                              a->p);
    if (!rc && !str_in(o, outcomes))
        rc = dec_fail(a->p, FZ_EINVAL, "outcome", NULL,
                  "党委意见应为 agreed（同意）、agreed_with_changes（原则同意，提出修改意见）"
                  "或 disagreed（不同意）");
    if (!rc)
        rc = dec_text(a->body, "opinion", "党委意见", false, 4000, &opinion, a->p);
    if (!rc)
        rc = not_before(a, "decided_on", "集体讨论决定日期");
    if (rc)
        return rc;
    a->outcome = str_eq(o, "agreed") ? "党委同意" : str_eq(o, "disagreed") ? "党委不同意"
                                                                       : "党委原则同意";
    a->comment = opinion;
    a->data = json_pack("{s:s, s:s, s:s?}", "committee", committee, "outcome", o, "opinion",
                        opinion);
    return db_run(a->c->db, NULL, "UPDATE decisions SET party_reported_on = ?,"
                  " party_report_outcome = ? WHERE id = ?", "tti", a->date, o, a->id);
}

static enum fz_err do_party_flag(struct act *a)
{
    json_t *v = json_object_get(a->body, "required");
    if (!json_is_boolean(v))
        return dec_fail(a->p, FZ_EINVAL, "required", NULL,
                    "required 应为 true（须向同级党委请示报告）或 false");
    enum fz_err rc = dec_text(a->body, "reason", "依据或理由", false, 1000, &a->comment, a->p);
    if (rc)
        return rc;
    bool on = json_is_true(v);
    a->outcome = on ? "须向党委请示报告" : "无需向党委请示报告";
    a->data = json_pack("{s:b}", "required", on);
    return db_run(a->c->db, NULL, "UPDATE decisions SET party_report_required = ? WHERE id = ?",
                  "ii", (int64_t)on, a->id);
}

/* ---- adjustment, suspension, termination (Art. 37) ---- */

/* adjust_meeting: the adopted agenda item that decided the adjustment (a held meeting
 * with a quorum, of the decision's organisation, not another decision's item) */
static enum fz_err adjust_meeting(struct act *a, json_t **row)
{
    json_t *v = json_object_get(a->body, "meeting_item_id");
    *row = NULL;
    if (!json_is_integer(v))
        return dec_fail(a->p, FZ_EINVAL, "meeting_item_id", NULL,
                    "meeting_item_id 应为会议议题编号（整数）");
    enum fz_err rc = db_query_row(a->c->db, row,
        "SELECT i.id, i.title, i.outcome, i.decision_id, i.resolution, m.id AS meeting_id,"
        " m.no AS meeting_no, m.held_on, m.quorum_held, b.org, b.name AS body_name"
        " FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id"
        " JOIN meeting_bodies b ON b.id = m.body_id WHERE i.id = ?", "i",
        (int64_t)json_integer_value(v));
    if (rc == FZ_ENOTFOUND)
        return dec_fail(a->p, FZ_EINVAL, "meeting_item_id", NULL, "会议议题不存在");
    const char *why = NULL;
    if (!rc && json_is_integer(json_object_get(*row, "decision_id")))
        why = "该议题是对决策本身的讨论决定，调整决策应另列议题";
    else if (!rc && !str_eq(jstr(*row, "outcome"), "adopted"))
        why = "该会议议题尚未获集体讨论通过（" REG "第三十七条：未经法定程序不得随意变更或者"
              "停止执行）";
    else if (!rc && !str_eq(jstr(*row, "org"), jstr(a->d, "org")))
        why = "该会议不是本决策的决策机关的集体决策会议";
    if (why) {
        json_decref(*row);
        *row = NULL;
        return violation(a->p, "meeting_item_id", why);
    }
    return rc;
}

/* adjust_basis: who decided it - a meeting item, or in an emergency the head alone may
 * first suspend (Art. 37); *m gets the meeting row (new JSON) or stays NULL */
static enum fz_err adjust_basis(struct act *a, const char *kind, const char **head,
                                json_t **m)
{
    *m = NULL;
    bool emergency = json_is_true(json_object_get(a->body, "emergency"));
    if (emergency && !str_eq(kind, "suspend"))
        return violation(a->p, "emergency",
                         "情况紧急时行政首长只能先决定中止执行（" REG "第三十七条）；"
                         "调整、恢复或停止执行须经集体讨论决定");
    if (emergency)
        return dec_text(a->body, "head", "决定中止执行的行政首长", true, 100, head, a->p);
    if (!json_object_get(a->body, "meeting_item_id"))
        return violation(a->p, "meeting_item_id",
                         "依法作出的重大行政决策，未经法定程序不得随意变更或者停止执行"
                         "（" REG "第三十七条）：请关联集体讨论决定的会议议题"
                         "（紧急情况下中止执行可由行政首长先行决定）");
    enum fz_err rc = adjust_meeting(a, m);
    int32_t held = 0;
    if (!rc && !calendar_day(jstr(*m, "held_on"), &held) && a->day < held)
        rc = dec_fail(a->p, FZ_EINVAL, "date", NULL, "日期不能早于会议日期（%s）",
                  jstr(*m, "held_on"));
    return rc;
}

static const char *adjust_label(const char *kind)
{
    return str_eq(kind, "adjust") ? "调整决策" : str_eq(kind, "suspend") ? "中止执行"
           : str_eq(kind, "resume") ? "恢复执行" : "停止执行";
}

static enum fz_err do_adjust(struct act *a)
{
    static const char *const kinds[] = { "adjust", "suspend", "resume", "terminate", NULL };
    const char *kind = bstr(a->body, "kind"), *why = NULL, *from = jstr(a->d, "impl_state");
    if (!str_in(kind, kinds))
        return dec_fail(a->p, FZ_EINVAL, "kind", NULL,
                    "调整类型 kind 应为 adjust（调整）、suspend（中止执行）、resume（恢复执行）"
                    "或 terminate（停止执行）");
    const char *to = dec_adjust_next(from, kind, &why);
    if (!to)
        return violation(a->p, "kind", why);
    const char *proposer = NULL, *reasons = NULL, *content = NULL, *procs = NULL;
    const char *head = NULL;
    bool major = json_is_true(json_object_get(a->body, "major"));
    json_t *m = NULL;
    enum fz_err rc = dec_text(a->body, "proposer", "提出调整的单位或人员", true, 200, &proposer,
                              a->p);
    if (!rc)
        rc = dec_text(a->body, "reasons", "理由", true, 4000, &reasons, a->p);
    if (!rc)
        rc = dec_text(a->body, "content", "调整内容", str_eq(kind, "adjust"), 4000, &content,
                  a->p);
    if (!rc)
        rc = dec_text(a->body, "procedures", "重新履行的法定程序", false, 2000, &procs, a->p);
    if (!rc && major && !procs)
        rc = violation(a->p, "procedures", "需要作出重大调整的，应当依照" REG "履行相关法定程序"
                       "（第三十七条）：请说明重新履行的程序");
    if (!rc)
        rc = not_before(a, "published_on", "决策公布日期");
    if (!rc)
        rc = adjust_basis(a, kind, &head, &m);
    if (rc) {
        json_decref(m);
        return rc;
    }
    a->outcome = adjust_label(kind);
    a->comment = reasons;
    a->data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:b, s:s?, s:s?, s:O?, s:O?, s:O?,"
                        " s:O?}", "kind", kind, "from_state", from, "to_state", to,
                        "proposer", proposer, "reasons", reasons, "content", content, "major",
                        major, "procedures", procs, "head", head, "meeting_item_id",
                        m ? json_object_get(m, "id") : NULL, "meeting_no",
                        m ? json_object_get(m, "meeting_no") : NULL, "item_title",
                        m ? json_object_get(m, "title") : NULL, "body",
                        m ? json_object_get(m, "body_name") : NULL);
    json_decref(m);
    return db_run(a->c->db, NULL, "UPDATE decisions SET impl_state = ? WHERE id = ?", "ti",
                  to, a->id);
}

static enum fz_err do_comment(struct act *a)
{
    return dec_text(a->body, "comment", "备注", true, 4000, &a->comment, a->p);
}

static enum fz_err manifest_build(struct db *db, json_t *d, json_t **manifest);
static enum fz_err manifest_text(json_t *manifest, char **txt, char hex[FZ_HEX_LEN]);

static enum fz_err do_archive(struct act *a)
{
    json_t *docs = json_object_get(a->body, "documents");
    if (json_array_size(docs))
        return dec_fail(a->p, FZ_EINVAL, "documents", NULL,
                    "归档即封存档案，材料须在归档前上传");
    enum fz_err rc = not_before(a, json_is_string(json_object_get(a->d, "published_on"))
                                       ? "published_on" : "decided_on", "公布或决定日期");
    char now[FZ_TS_LEN];
    time_format(a->c->now, now);
    if (!rc)
        rc = db_run(a->c->db, NULL, "UPDATE decisions SET archived_at = ?, archived_by = ?"
                    " WHERE id = ?", "tti", now, actor_display(a->c->actor), a->id);
    json_t *fresh = NULL, *manifest = NULL;
    char *txt = NULL, hex[FZ_HEX_LEN];
    if (!rc)
        rc = load_decision(a->c->db, a->id, &fresh);
    if (!rc)
        rc = manifest_build(a->c->db, fresh, &manifest);
    if (!rc)
        rc = manifest_text(manifest, &txt, hex);
    if (!rc)
        rc = db_run(a->c->db, NULL, "UPDATE decisions SET archive_sha256 = ? WHERE id = ?",
                    "ti", hex, a->id);
    if (!rc) {
        a->to = "archived";
        a->outcome = "已归档";
        a->data = json_pack("{s:s}", "manifest_sha256", hex);
        a->audit = json_pack("{s:s, s:O}", "manifest_sha256", hex, "documents",
                             json_object_get(manifest, "documents"));
    }
    free(txt);
    json_decref(manifest);
    json_decref(fresh);
    return rc;
}

static const struct dec_action actions[] = {
    { "participation", "登记公众参与", "decision:write", do_participation },
    { "expert", "登记专家论证", "decision:write", do_expert },
    { "risk", "登记风险评估", "decision:write", do_risk },
    { "submit_review", "提请合法性审查", "decision:write", do_submit_review },
    { "review", "登记合法性审查意见", "decision:write", do_review },
    { "decide", "集体讨论决定", "decision:approve", do_decide },
    { "publish", "公布决策", "decision:approve", do_publish },
    { "implement", "登记执行情况", "decision:write", do_implement },
    { "evaluate", "登记决策后评估", "decision:write", do_evaluate },
    { "hearing", "登记听证会", "decision:write", do_hearing },
    { "party_report", "登记向党委请示报告", "decision:write", do_party_report },
    { "party_report_required", "设定是否须向党委请示报告", "decision:write", do_party_flag },
    { "adjust", "决策调整、中止或停止执行", "decision:approve", do_adjust },
    { "archive", "归档", "decision:write", do_archive },
    { "comment", "备注", "decision:write", do_comment },
    { "attach", "上传材料", "decision:write", NULL },
    { NULL, NULL, NULL, NULL },
};

/* finish: status, version, the step row and its documents after a successful action */
static enum fz_err finish(struct act *a, const struct dec_action *x, const char *from,
                          json_t **audit)
{
    const char *to = a->to ? a->to : from;
    char now[FZ_TS_LEN];
    time_format(a->c->now, now);
    enum fz_err rc = db_run(a->c->db, NULL, "UPDATE decisions SET status = ?, updated_at = ?,"
                            " version = version + 1 WHERE id = ?", "tti", to, now, a->id);
    int64_t step = 0;
    if (!rc)
        rc = add_step(a->c, a->id, x->name, a->date, from, to, a->outcome, a->comment,
                      a->data, &step);
    if (!rc && str_eq(x->name, "hearing"))
        rc = db_run(a->c->db, NULL, "UPDATE decision_hearings SET step_id = ? WHERE"
                    " decision_id = ? AND step_id IS NULL", "ii", step, a->id);
    json_t *names = json_array();
    if (!rc)
        rc = store_docs(a->c, a->id, step, x->name, a->body, names, a->p);
    if (!rc && audit) {
        *audit = a->audit ? json_incref(a->audit) : json_object();
        if (json_array_size(names))
            json_object_set(*audit, "attached", names);
    }
    json_decref(names);
    return rc;
}

static enum fz_err dec_run(const struct dec_ctx *c, int64_t id, json_t *body,
                           const struct mtg_ref *m, json_t **allowed, char summary[200],
                           json_t **audit, struct fz_problem *p)
{
    const char *name = jstr(body, "action");
    const struct dec_action *x = find_action(name);
    if (!x || !x->fn)
        return dec_fail(p, FZ_EINVAL, "action", NULL, "未知的操作 %s", name ? name : "（空）");
    json_t *d = NULL;
    enum fz_err rc = load_decision(c->db, id, &d);
    if (rc)
        return rc;
    struct dec_state s;
    state_of(d, &s);
    const char *why = NULL, *from = s.status;
    struct act a = { .c = c, .id = id, .d = d, .body = body, .m = m, .p = p };
    if (!dec_gate(x->name, &s, &why))
        rc = violation(p, "action", why);
    else if (!may(c, x->perm))
        rc = dec_fail(p, FZ_EFORBIDDEN, "action", NULL, "没有执行“%s”的权限", x->label);
    if (!rc)
        rc = step_day(&a);
    if (!rc)
        rc = x->fn(&a);
    if (rc == FZ_ECONFLICT && allowed)
        *allowed = allowed_actions(c, d);
    if (!rc)
        rc = finish(&a, x, from, audit);
    if (!rc)
        dec_summarize(summary, "决策 %s %s（%s → %s）", jstr(d, "no"), x->label,
                 status_name(from), status_name(a.to ? a.to : from));
    json_decref(a.data);
    json_decref(a.audit);
    json_decref(d);
    return rc;
}

enum fz_err dec_act(const struct dec_ctx *c, int64_t id, json_t *body, json_t **allowed,
                    char summary[200], json_t **audit, struct fz_problem *p)
{
    json_t *item = json_object_get(body, "meeting_item_id");
    if (!str_eq(jstr(body, "action"), "decide") || !json_is_integer(item))
        return dec_run(c, id, body, NULL, allowed, summary, audit, p);
    json_t *row = NULL;
    enum fz_err rc = db_query_row(c->db, &row, "SELECT meeting_id, decision_id FROM"
                                  " meeting_items WHERE id = ?", "i",
                                  (int64_t)json_integer_value(item));
    if (rc == FZ_ENOTFOUND)
        return dec_fail(p, FZ_EINVAL, "meeting_item_id", NULL, "会议议题不存在");
    if (rc)
        return rc;
    if (jint(row, "decision_id") != id) {
        json_decref(row);
        return dec_fail(p, FZ_EINVAL, "meeting_item_id", NULL, "该会议议题未关联本决策");
    }
    int64_t meeting = jint(row, "meeting_id");
    json_decref(row);
    if (audit)
        *audit = NULL;
    return mtg_decide(c, meeting, json_integer_value(item), body, allowed, summary, p);
}

static const char *const doc_steps[] = { "initiate", "participation", "hearing", "expert",
                                         "risk", "party_report", "adjust",
                                         "submit_review", "review", "decide", "publish",
                                         "implement", "evaluate", "archive", "other", NULL };

static enum fz_err check_attachable(const struct dec_ctx *c, int64_t id, const char *step,
                                    struct fz_problem *p);
static enum fz_err touch(const struct dec_ctx *c, int64_t id);

/* last_step_id: the newest recorded step of that action (a document belongs to it), 0 */
static int64_t last_step_id(const struct dec_ctx *c, int64_t id, const char *step)
{
    int64_t step_id = 0;
    if (db_query_int(c->db, &step_id, "SELECT max(id) FROM decision_steps WHERE"
                     " decision_id = ? AND action = ?", "it", id, step))
        step_id = 0;
    return step_id;
}

enum fz_err dec_attach(const struct dec_ctx *c, int64_t id, const char *step, json_t *doc,
                       int64_t *doc_id, struct fz_problem *p)
{
    enum fz_err rc = check_attachable(c, id, step, p);
    struct dec_doc dd;
    if (!rc)
        rc = dec_doc_parse(doc, "document", &dd, p);
    if (rc)
        return rc;
    rc = store_doc(c, id, last_step_id(c, id, step), step, &dd, doc_id);
    dec_doc_free(&dd);
    if (!rc)
        rc = touch(c, id);
    return rc;
}

enum fz_err dec_document(struct db *db, int64_t id, int64_t doc_id, char **data,
                         size_t *len, json_t **meta)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db, "SELECT name, mime, sha256, content, store, sm3, size"
                                " FROM decision_documents WHERE id = ? AND decision_id = ?",
                                &st);
    bool row = false;
    if (!rc)
        rc = db_bind_fmt(st, "ii", doc_id, id);
    if (!rc)
        rc = db_step(st, &row);
    if (!rc && !row)
        rc = FZ_ENOTFOUND;
    bool in_files = !rc && str_eq(db_col_text(st, 4), "files");
    *data = NULL;
    *len = 0;
    if (!rc && !in_files) {
        size_t n = 0;
        const void *b = db_col_blob(st, 3, &n);
        *data = malloc(n ? n : 1);
        if (!*data)
            rc = FZ_ENOMEM;
        if (!rc && n)
            memcpy(*data, b, n);
        *len = n;
    }
    if (!rc)
        *meta = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:I}", "name", db_col_text(st, 0),
                          "mime", db_col_text(st, 1), "sha256", db_col_text(st, 2), "store",
                          in_files ? "files" : "db", "sm3", db_col_text(st, 5), "size",
                          (json_int_t)db_col_int(st, 6));
    db_finish(st);
    return rc;
}

/* check_attachable: the decision exists, is not sealed, and step is a document step */
static enum fz_err check_attachable(const struct dec_ctx *c, int64_t id, const char *step,
                                    struct fz_problem *p)
{
    json_t *d = NULL;
    enum fz_err rc = load_decision(c->db, id, &d);
    if (rc)
        return rc;
    struct dec_state s;
    state_of(d, &s);
    const char *why = NULL;
    if (!dec_gate("attach", &s, &why))
        rc = violation(p, "step", why);
    else if (!str_in(step, doc_steps))
        rc = dec_fail(p, FZ_EINVAL, "step", NULL, "材料所属环节 step 无效");
    json_decref(d);
    return rc;
}

/* touch: the decision changed (a document was added) */
static enum fz_err touch(const struct dec_ctx *c, int64_t id)
{
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    return db_run(c->db, NULL, "UPDATE decisions SET updated_at = ?, version = version + 1"
                  " WHERE id = ?", "ti", now, id);
}

enum fz_err dec_attach_upload(const struct dec_ctx *c, int64_t id, const char *step,
                              const struct fz_upload *up, json_t **row,
                              struct fz_problem *p)
{
    const char *name = json_string_value(json_object_get(up->fields, "name"));
    if (str_empty(name))
        name = up->filename;
    enum fz_err rc = check_attachable(c, id, step, p);
    if (!rc && (str_utf8_len(name) > 120 || !safe_name(name)))
        rc = dec_fail(p, FZ_EINVAL, "name", NULL,
                  "材料名称不超过 120 个字符，不含斜杠和控制字符");
    if (rc)
        return rc;
    int64_t step_id = last_step_id(c, id, step), doc = 0;
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    rc = db_run(c->db, NULL,
        "INSERT INTO decision_documents(decision_id, step_id, step, name, mime, size,"
        " sha256, content, uploaded_by, uploader, uploaded_at, store, sm3)"
        " VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, x'', nullif(?, 0), ?, ?, 'files', ?)",
        "iitttit" "itt" "t", id, step_id, step, name, up->content_type, (int64_t)up->size,
        up->sha256, c->actor ? c->actor->id : 0, actor_display(c->actor), now, up->sm3);
    if (!rc)
        doc = db_last_id(c->db);
    if (!rc)
        rc = touch(c, id);
    if (!rc)
        rc = db_query_row(c->db, row, "SELECT id, step, name, mime, size, sha256, sm3, store,"
                          " uploader, uploaded_at FROM decision_documents WHERE id = ?", "i",
                          doc);
    return rc;
}

enum fz_err dec_read_stored(const char *files, const char *sha256, struct buf *b)
{
    char path[1300];
    if (!files)
        return FZ_ENOTFOUND;
    files_path(files, sha256, path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return FZ_ENOTFOUND;
    char chunk[65536];
    size_t n;
    enum fz_err rc = FZ_OK;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = buf_append(b, chunk, n);
    if (!rc && ferror(f))
        rc = FZ_EIO;
    fclose(f);
    uint8_t h[FZ_HASH_LEN];
    char hex[FZ_HEX_LEN];
    if (!rc)
        rc = crypto_digest(FZ_SHA256, b->data ? (const void *)b->data : "", b->len, h);
    if (!rc)
        crypto_hex(h, FZ_HASH_LEN, hex);
    if (!rc && !str_eq(hex, sha256))
        rc = FZ_ECONFLICT;
    return rc;
}

/* verify_table: files_check every file-store row of one document table */
static enum fz_err verify_table(struct db *db, const char *files, const char *sql,
                                const char *table, json_t **bad, int64_t *n)
{
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(db, &rows, sql, "");
    size_t i;
    json_t *r;
    if (!rc)
        json_array_foreach(rows, i, r) {
            enum fz_err c = files_check(files, jstr(r, "sha256"), jstr(r, "sm3"),
                                        (uint64_t)jint(r, "size"));
            (*n)++;
            if (c == FZ_ENOTFOUND || c == FZ_ECONFLICT) {
                json_object_set_new(r, "table", json_string(table));
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

enum fz_err dec_verify_files(struct db *db, const char *files, json_t **bad, int64_t *n)
{
    *bad = NULL;
    *n = 0;
    enum fz_err rc = verify_table(db, files,
        "SELECT id, decision_id AS owner_id, name, size, sha256, coalesce(sm3, '') AS sm3"
        " FROM decision_documents WHERE store = 'files' ORDER BY id", "decision_documents",
        bad, n);
    if (!rc && !*bad)
        rc = verify_table(db, files,
            "SELECT id, request_id AS owner_id, name, size, sha256, coalesce(sm3, '') AS sm3"
            " FROM review_attachments WHERE store = 'files' ORDER BY id", "review_attachments",
            bad, n);
    return rc;
}

/* ---- the sealed archive (Art. 33) ---- */

/* doc_path: documents/NNN-<step>.<ext>: ASCII, so any unzip and sha256sum read it; the
 * original name stays in manifest.json */
static void doc_path(int idx, const char *step, const char *name, const char *mime,
                     char out[96])
{
    char ext[12] = "";
    const char *dot = strrchr(name, '.');
    size_t n = dot ? strlen(dot) : 0;
    bool ok = n >= 2 && n <= 9;
    for (size_t i = 1; ok && i < n; i++) {
        char ch = dot[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        ext[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    if (ok) {
        ext[0] = '.';
        ext[n] = '\0';
    } else {
        str_copy(ext, sizeof ext, strncmp(mime, "text/", 5) == 0 ? ".txt"
                                  : str_eq(mime, "application/pdf") ? ".pdf" : ".bin");
    }
    snprintf(out, 96, "documents/%03d-%s%s", idx, step, ext);
}

static json_t *manifest_steps(json_t *steps)
{
    json_t *arr = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s) {
        if (str_eq(jstr(s, "action"), "archive"))
            continue;
        json_array_append_new(arr, json_pack(
            "{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "action",
            json_object_get(s, "action"), "label", json_object_get(s, "label"), "on_date",
            json_object_get(s, "on_date"), "recorded_at", json_object_get(s, "ts"), "by",
            json_object_get(s, "username"), "by_name", json_object_get(s, "display_name"),
            "to_status", json_object_get(s, "to_status"), "outcome",
            json_object_get(s, "outcome"), "comment", json_object_get(s, "comment"), "data",
            json_object_get(s, "data")));
    }
    return arr;
}

/* manifest_build: what the archive says, from the database; deterministic, and the same
 * before and after the archive step (which it leaves out) */
static enum fz_err manifest_build(struct db *db, json_t *d, json_t **manifest)
{
    int64_t id = jint(d, "id");
    json_t *steps = NULL, *docs = NULL;
    enum fz_err rc = load_steps(db, id, &steps);
    if (!rc)
        rc = db_query_json(db, &docs, "SELECT step, name, mime, size, sha256, uploader,"
                           " uploaded_at FROM decision_documents WHERE decision_id = ?"
                           " ORDER BY id", "i", id);
    if (rc) {
        json_decref(steps);
        return rc;
    }
    size_t i;
    json_t *x;
    json_array_foreach(docs, i, x) {
        char path[96];
        doc_path((int)i + 1, jstr(x, "step"), jstr(x, "name"), jstr(x, "mime"), path);
        json_object_set_new(x, "path", json_string(path));
    }
    static const char *const keys[] = { "no", "title", "category", "org", "lead_dept_name",
                                        "proposer", "description", "initiated_on",
                                        "comment_start", "comment_end", "shortening_reason",
                                        "participation", "expert", "risk",
                                        "review_submitted_on", "review_result",
                                        "reviewed_on", "review_workdays",
                                        "review_override_reason", "outcome", "decided_on",
                                        "published_on", NULL };
    json_t *dec = json_object();
    for (int k = 0; keys[k]; k++)
        json_object_set(dec, keys[k], json_object_get(d, keys[k]));
    /* added by 014 only where they say something, so the manifests of decisions
     * archived before keep the hash that was sealed */
    if (jint(d, "party_report_required"))
        json_object_set_new(dec, "party_report_required", json_true());
    static const char *const more[] = { "party_reported_on", "party_report_outcome", NULL };
    for (int k = 0; more[k]; k++)
        if (json_is_string(json_object_get(d, more[k])))
            json_object_set(dec, more[k], json_object_get(d, more[k]));
    if (jstr(d, "impl_state") && !str_eq(jstr(d, "impl_state"), "in_force"))
        json_object_set(dec, "impl_state", json_object_get(d, "impl_state"));
    *manifest = json_pack("{s:s, s:s, s:o, s:o, s:o, s:O, s:O, s:s}", "format",
                          "fazhi-decision-archive/1", "regulation",
                          "重大行政决策程序暂行条例（国务院令第713号）", "decision", dec, "steps",
                          manifest_steps(steps), "documents", docs, "sealed_at",
                          json_object_get(d, "archived_at"), "sealed_by",
                          json_object_get(d, "archived_by"), "verify",
                          "sha256sum -c manifest.sha256");
    json_decref(steps);
    return *manifest ? FZ_OK : FZ_ENOMEM;
}

static enum fz_err manifest_text(json_t *manifest, char **txt, char hex[FZ_HEX_LEN])
{
    char *s = json_dumps(manifest, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (!s)
        return FZ_ENOMEM;
    size_t n = strlen(s);
    char *t = realloc(s, n + 2);
    if (!t) {
        free(s);
        return FZ_ENOMEM;
    }
    t[n] = '\n';
    t[n + 1] = '\0';
    uint8_t h[FZ_HASH_LEN];
    enum fz_err rc = crypto_digest(FZ_SHA256, t, n + 1, h);
    if (rc) {
        free(t);
        return rc;
    }
    crypto_hex(h, FZ_HASH_LEN, hex);
    *txt = t;
    return FZ_OK;
}

static enum fz_err readme(json_t *d, const char *manifest_hex, struct buf *b)
{
    const char *no = jstr(d, "no");
    return buf_printf(b,
        "重大行政决策档案 %s\r\n《%s》\r\n\r\n"
        "归档时间：%s    归档人：%s\r\n依据：《重大行政决策程序暂行条例》第三十三条\r\n\r\n"
        "本档案包含：\r\n"
        "  documents/        各程序环节的材料（原文件名见 manifest.json）\r\n"
        "  manifest.json     决策信息、每个程序环节（何人、何时、结果）及每份材料的 SHA-256\r\n"
        "  manifest.sha256   本包内全部文件（本文件除外）的 SHA-256 校验值\r\n"
        "  README.txt        本说明\r\n\r\n"
        "离线核验（无需 fazhi 系统）：\r\n"
        "  Linux:   unzip %s-archive.zip -d %s && cd %s && sha256sum -c manifest.sha256\r\n"
        "  macOS:   unzip 后在目录中执行 shasum -a 256 -c manifest.sha256\r\n"
        "  Windows: 在 PowerShell 中对每个文件执行 Get-FileHash -Algorithm SHA256 <文件>，"
        "与 manifest.sha256 中的值逐一比对\r\n"
        "每个文件都显示 OK（确定）即未被改动；任何文件被改动，sha256sum 会报告 FAILED"
        "并以非零状态退出。\r\n\r\n"
        "manifest.json 的 SHA-256 为\r\n  %s\r\n"
        "归档时该值及每份材料的 SHA-256 已写入 fazhi 的防篡改审计日志（操作 decision.archive，"
        "对象 decision #%lld），可在“操作日志”中查到并以包含证明核验，"
        "从而证明本包与归档时封存的档案一致。\r\n",
        no, jstr(d, "title"), jstr(d, "archived_at"), jstr(d, "archived_by"), no, no, no,
        manifest_hex, (long long)jint(d, "id"));
}

/* load_contents: every document's bytes in id order, checked against the stored hash */
static enum fz_err load_contents(struct db *db, const char *files, int64_t id,
                                 struct buf *bufs, size_t n, struct fz_problem *p)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db, "SELECT sha256, content, store, name FROM decision_documents"
                                " WHERE decision_id = ? ORDER BY id", &st);
    if (!rc)
        rc = db_bind_int(st, 1, id);
    bool row = true;
    for (size_t i = 0; !rc && row; i++) {
        rc = db_step(st, &row);
        if (rc || !row)
            break;
        if (str_eq(db_col_text(st, 2), "files")) {
            rc = i < n ? dec_read_stored(files, db_col_text(st, 0), &bufs[i]) : FZ_EINTERNAL;
            if (rc == FZ_ECONFLICT || rc == FZ_ENOTFOUND)
                rc = dec_fail(p, FZ_ECONFLICT, NULL, "integrity_failure",
                          "决策档案中的材料“%s”%s", db_col_text(st, 3),
                          rc == FZ_ENOTFOUND ? "在文件库中缺失" : "与归档时封存的 SHA-256 不一致，"
                          "可能已被改动");
            continue;
        }
        size_t len = 0;
        const void *blob = db_col_blob(st, 1, &len);
        uint8_t h[FZ_HASH_LEN];
        char hex[FZ_HEX_LEN];
        rc = i < n ? crypto_digest(FZ_SHA256, blob ? blob : "", len, h) : FZ_EINTERNAL;
        if (!rc)
            crypto_hex(h, FZ_HASH_LEN, hex);
        if (!rc && !str_eq(hex, db_col_text(st, 0)))
            rc = dec_fail(p, FZ_ECONFLICT, NULL, "integrity_failure",
                      "决策档案中的材料与归档时封存的 SHA-256 不一致，可能已被改动");
        if (!rc && len)
            rc = buf_append(&bufs[i], blob, len);
    }
    db_finish(st);
    return rc;
}

static enum fz_err build_zip(json_t *d, json_t *docs, struct buf *bufs, const char *mtxt,
                             const char *mhex, char **out, size_t *len)
{
    size_t n = json_array_size(docs);
    struct buf sums, rd;
    buf_init(&sums, 0);
    buf_init(&rd, 0);
    enum fz_err rc = readme(d, mhex, &rd);
    uint8_t h[FZ_HASH_LEN];
    char rhex[FZ_HEX_LEN];
    for (size_t i = 0; !rc && i < n; i++)
        rc = buf_printf(&sums, "%s  %s\n", jstr(json_array_get(docs, i), "sha256"),
                        jstr(json_array_get(docs, i), "path"));
    if (!rc)
        rc = crypto_digest(FZ_SHA256, rd.data, rd.len, h);
    if (!rc) {
        crypto_hex(h, FZ_HASH_LEN, rhex);
        rc = buf_printf(&sums, "%s  manifest.json\n%s  README.txt\n", mhex, rhex);
    }
    struct docx_part *parts = calloc(n + 3, sizeof *parts);
    if (!rc && !parts)
        rc = FZ_ENOMEM;
    time_t mtime = 0;
    if (!rc && time_parse(jstr(d, "archived_at"), &mtime))
        rc = FZ_EINTERNAL;
    if (!rc) {
        for (size_t i = 0; i < n; i++)
            parts[i] = (struct docx_part){ jstr(json_array_get(docs, i), "path"),
                                           bufs[i].data, bufs[i].len };
        parts[n] = (struct docx_part){ "manifest.json", mtxt, strlen(mtxt) };
        parts[n + 1] = (struct docx_part){ "README.txt", rd.data, rd.len };
        parts[n + 2] = (struct docx_part){ "manifest.sha256", sums.data, sums.len };
        rc = docx_zip(parts, n + 3, mtime, out, len);
    }
    free(parts);
    buf_free(&sums);
    buf_free(&rd);
    return rc;
}

enum fz_err dec_archive_zip(struct db *db, const char *files, int64_t id, char **data,
                            size_t *len, char name[128], struct fz_problem *p)
{
    json_t *d = NULL, *manifest = NULL;
    enum fz_err rc = load_decision(db, id, &d);
    if (rc)
        return rc;
    char *mtxt = NULL, mhex[FZ_HEX_LEN];
    if (!json_is_string(json_object_get(d, "archived_at")))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "not_archived", "决策尚未归档，没有归档包");
    if (!rc)
        rc = manifest_build(db, d, &manifest);
    if (!rc)
        rc = manifest_text(manifest, &mtxt, mhex);
    if (!rc && !str_eq(mhex, jstr(d, "archive_sha256")))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "integrity_failure",
                  "决策档案与归档时封存的校验值不一致，可能已被改动");
    json_t *docs = manifest ? json_object_get(manifest, "documents") : NULL;
    size_t n = json_array_size(docs);
    struct buf *bufs = calloc(n + 1, sizeof *bufs);
    if (!rc && !bufs)
        rc = FZ_ENOMEM;
    if (!rc)
        rc = load_contents(db, files, id, bufs, n, p);
    if (!rc)
        rc = build_zip(d, docs, bufs, mtxt, mhex, data, len);
    if (!rc)
        snprintf(name, 128, "%s-archive.zip", jstr(d, "no"));
    for (size_t i = 0; bufs && i < n; i++)
        buf_free(&bufs[i]);
    free(bufs);
    free(mtxt);
    json_decref(manifest);
    json_decref(d);
    return rc;
}

/* ==== meetings (集体决策) ==== */

static const char *const outcomes[] = { "adopted", "rejected", "deferred", NULL };

static const char *outcome_label(const char *o)
{
    return str_eq(o, "adopted") ? "通过" : str_eq(o, "rejected") ? "不通过"
                                     : str_eq(o, "deferred") ? "暂缓" : "";
}

enum fz_err mtg_bodies(struct db *db, json_t **items)
{
    enum fz_err rc = db_query_json(db, items,
        "SELECT id, code, name, org, quorum_num, quorum_den, quorum_strict, description, sort,"
        " version FROM meeting_bodies ORDER BY sort, id", "");
    size_t i;
    json_t *b;
    if (!rc)
        json_array_foreach(*items, i, b) {
            json_t *m = NULL;
            rc = db_query_json(db, &m,
                "SELECT bm.user_id, u.display_name, u.username, bm.duty, bm.is_chair, bm.sort"
                " FROM meeting_body_members bm JOIN users u ON u.id = bm.user_id"
                " WHERE bm.body_id = ? ORDER BY bm.is_chair DESC, bm.sort, bm.user_id", "i",
                jint(b, "id"));
            if (rc)
                break;
            json_object_set_new(b, "members", m);
        }
    return rc;
}

static enum fz_err user_exists(struct db *db, int64_t id, const char *field,
                               struct fz_problem *p)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n, "SELECT count(*) FROM users WHERE id = ?", "i", id);
    if (!rc && !n)
        return dec_fail(p, FZ_EINVAL, field, NULL, "用户 #%lld 不存在", (long long)id);
    return rc;
}

static enum fz_err body_members(const struct dec_ctx *c, int64_t id, json_t *members,
                                struct fz_problem *p)
{
    if (!json_is_array(members) || json_array_size(members) > 50)
        return dec_fail(p, FZ_EINVAL, "members", NULL, "members 应为不超过 50 名成员的数组");
    enum fz_err rc = db_run(c->db, NULL, "DELETE FROM meeting_body_members WHERE body_id = ?",
                            "i", id);
    size_t i;
    json_t *m;
    json_array_foreach(members, i, m) {
        int64_t uid = jint(m, "user_id");
        const char *duty = jstr(m, "duty");
        if (!rc)
            rc = user_exists(c->db, uid, "members", p);
        if (!rc && duty && str_utf8_len(duty) > 50)
            rc = dec_fail(p, FZ_EINVAL, "members", NULL, "职务不超过 50 个字符");
        if (!rc)
            rc = db_run(c->db, NULL, "INSERT INTO meeting_body_members(body_id, user_id, duty,"
                        " is_chair, sort) VALUES (?, ?, ?, ?, ?)", "iitii", id, uid,
                        duty ? duty : "", (int64_t)json_is_true(json_object_get(m, "is_chair")),
                        (int64_t)i);
        if (rc == FZ_ECONFLICT)
            rc = dec_fail(p, FZ_EINVAL, "members", NULL, "成员重复");
    }
    return rc;
}

enum fz_err mtg_body_update(const struct dec_ctx *c, int64_t id, json_t *body,
                            struct fz_problem *p)
{
    json_t *b = NULL;
    enum fz_err rc = db_query_row(c->db, &b, "SELECT quorum_num, quorum_den, quorum_strict,"
                                  " version FROM meeting_bodies WHERE id = ?", "i", id);
    if (rc)
        return rc;
    int64_t num = jint(b, "quorum_num"), den = jint(b, "quorum_den");
    int64_t strict = jint(b, "quorum_strict"), version = jint(b, "version");
    json_decref(b);
    if (jint(body, "version") != version)
        return dec_fail(p, FZ_ECONFLICT, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
    if (json_is_integer(json_object_get(body, "quorum_num")))
        num = jint(body, "quorum_num");
    if (json_is_integer(json_object_get(body, "quorum_den")))
        den = jint(body, "quorum_den");
    if (json_is_boolean(json_object_get(body, "quorum_strict")))
        strict = json_is_true(json_object_get(body, "quorum_strict"));
    if (num < 1 || den < 1 || num > den || den > 100)
        return dec_fail(p, FZ_EINVAL, "quorum_num", NULL,
                    "法定人数比例应为 quorum_num/quorum_den（1 ≤ 分子 ≤ 分母 ≤ 100）");
    rc = db_run(c->db, NULL, "UPDATE meeting_bodies SET quorum_num = ?, quorum_den = ?,"
                " quorum_strict = ?, version = version + 1 WHERE id = ?", "iiii", num, den,
                strict, id);
    json_t *members = json_object_get(body, "members");
    if (!rc && members)
        rc = body_members(c, id, members, p);
    return rc;
}

#define MTG_COLS                                                                       \
    "m.id, m.body_id, b.code AS body_code, b.name AS body_name, b.org, b.quorum_num,"  \
    " b.quorum_den, b.quorum_strict, m.no, m.seq, m.title, m.held_on, m.start_time,"   \
    " m.place, m.chair_id, cu.display_name AS chair_name, m.recorder, m.status,"       \
    " m.members_total, m.members_present, m.quorum_held, m.minutes, m.closed_at,"      \
    " m.created_at, m.updated_at, m.version"
#define MTG_FROM " FROM meetings m JOIN meeting_bodies b ON b.id = m.body_id"          \
    " LEFT JOIN users cu ON cu.id = m.chair_id"

static void quorum_text(json_t *m)
{
    int64_t num = jint(m, "quorum_num"), den = jint(m, "quorum_den");
    bool strict = jint(m, "quorum_strict") != 0;
    char t[64];
    if (strict && num * 2 == den)
        snprintf(t, sizeof t, "过半数成员到会");
    else
        snprintf(t, sizeof t, "%s %lld/%lld 的成员到会", strict ? "超过" : "不少于",
                 (long long)num, (long long)den);
    json_object_set_new(m, "quorum_rule", json_string(t));
    json_object_set_new(m, "quorum_held", json_boolean(jint(m, "quorum_held")));
    const char *st = jstr(m, "status");
    json_object_set_new(m, "status_name", json_string(str_eq(st, "planned") ? "待召开"
                                                      : str_eq(st, "held") ? "已召开"
                                                                           : "已结束"));
}

static enum fz_err load_meeting(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_row(db, out, "SELECT " MTG_COLS MTG_FROM " WHERE m.id = ?", "i",
                                  id);
    if (!rc)
        quorum_text(*out);
    return rc;
}

static enum fz_err load_items(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_json(db, out,
        "SELECT i.id, i.seq, i.title, i.presenter, i.description, i.decision_id,"
        " d.no AS decision_no, d.title AS decision_title, d.status AS decision_status,"
        " i.matter_id, mm.title AS matter_title, mm.kind AS matter_kind, i.outcome,"
        " i.resolution, i.dissent, i.against_majority_reason, i.decided_at"
        " FROM meeting_items i LEFT JOIN decisions d ON d.id = i.decision_id"
        " LEFT JOIN major_matters mm ON mm.id = i.matter_id WHERE i.meeting_id = ?"
        " ORDER BY i.seq", "i", id);
    size_t i;
    json_t *it;
    if (!rc)
        json_array_foreach(*out, i, it) {
            json_t *ops = NULL;
            rc = db_query_json(db, &ops,
                "SELECT o.user_id, u.display_name, o.opinion, o.statement, a.role"
                " FROM meeting_opinions o JOIN users u ON u.id = o.user_id"
                " LEFT JOIN meeting_attendance a ON a.meeting_id = ? AND a.user_id = o.user_id"
                " WHERE o.item_id = ? ORDER BY o.rowid", "ii", id, jint(it, "id"));
            if (rc)
                break;
            json_object_set_new(it, "opinions", ops);
            json_object_set_new(it, "outcome_name",
                                json_string(outcome_label(jstr(it, "outcome"))));
        }
    return rc;
}

enum fz_err mtg_get(struct db *db, int64_t id, json_t **out)
{
    json_t *m = NULL, *att = NULL, *items = NULL;
    enum fz_err rc = load_meeting(db, id, &m);
    if (!rc)
        rc = db_query_json(db, &att,
            "SELECT a.user_id, u.display_name, dp.name AS dept_name, a.role, a.present,"
            " a.absence_reason, coalesce(bm.duty, '') AS duty FROM meeting_attendance a"
            " JOIN users u ON u.id = a.user_id LEFT JOIN departments dp ON dp.id = u.dept_id"
            " LEFT JOIN meeting_body_members bm ON bm.body_id = ? AND bm.user_id = a.user_id"
            " WHERE a.meeting_id = ? ORDER BY a.role DESC, bm.is_chair DESC, bm.sort,"
            " a.user_id", "ii", m ? jint(m, "body_id") : 0, id);
    if (!rc)
        rc = load_items(db, id, &items);
    if (rc) {
        json_decref(m);
        json_decref(att);
        return rc;
    }
    size_t i;
    json_t *a;
    json_array_foreach(att, i, a)
        json_object_set_new(a, "present", json_boolean(jint(a, "present")));
    json_object_set_new(m, "attendance", att);
    json_object_set_new(m, "items", items);
    *out = m;
    return FZ_OK;
}

#define MTG_WHERE MTG_FROM " WHERE (?1 IS NULL OR m.title LIKE '%' || ?1 || '%'"          \
    " OR m.no LIKE '%' || ?1 || '%') AND (?2 IS NULL OR m.status = ?2)"                  \
    " AND (?3 = 0 OR m.body_id = ?3) AND (?4 = 0 OR substr(m.held_on, 1, 4) = CAST(?4 AS TEXT))"

enum fz_err mtg_list(struct db *db, const struct mtg_filter *f, json_t **items,
                     int64_t *total)
{
    enum fz_err rc = db_query_int(db, total, "SELECT count(*)" MTG_WHERE, "ttii", f->q,
                                  f->status, f->body_id, f->year);
    if (!rc)
        rc = db_query_json(db, items, "SELECT " MTG_COLS ", (SELECT count(*) FROM"
                           " meeting_items i WHERE i.meeting_id = m.id) AS item_count"
                           MTG_WHERE " ORDER BY m.held_on DESC, m.id DESC LIMIT ?5 OFFSET ?6",
                           "ttiiii", f->q, f->status, f->body_id, f->year, f->limit,
                           f->offset);
    size_t i;
    json_t *m;
    if (!rc)
        json_array_foreach(*items, i, m) {
            quorum_text(m);
            json_object_del(m, "minutes");
        }
    return rc;
}

/* add_item: one agenda item of meeting id (whose body belongs to org) */
static enum fz_err add_item(const struct dec_ctx *c, int64_t id, const char *org,
                            json_t *it, int64_t *item_id, struct fz_problem *p)
{
    const char *title = NULL, *presenter = NULL, *desc = NULL;
    int64_t dec = jint(it, "decision_id"), matter = jint(it, "matter_id");
    json_t *linked = NULL;
    enum fz_err rc = FZ_OK;
    if (dec > 0 && db_query_row(c->db, &linked, "SELECT title, org, status FROM decisions"
                                " WHERE id = ?", "i", dec))
        return dec_fail(p, FZ_EINVAL, "decision_id", NULL, "关联的决策不存在");
    if (matter > 0 && !linked && db_query_row(c->db, &linked, "SELECT title, org, status"
                                              " FROM major_matters WHERE id = ?", "i", matter))
        return dec_fail(p, FZ_EINVAL, "matter_id", NULL, "关联的重大事项不存在");
    if (linked && !str_eq(jstr(linked, "org"), org))
        rc = dec_fail(p, FZ_EINVAL, dec > 0 ? "decision_id" : "matter_id", NULL,
                  str_eq(org, "company")
                      ? "该事项属于服务中心，应由党组会或主任办公会集体讨论"
                      : "该事项属于开发建设公司，应由董事会或总经理办公会集体讨论");
    if (!rc)
        rc = dec_text(it, "title", "议题名称", !linked, 200, &title, p);
    if (!rc)
        rc = dec_text(it, "presenter", "汇报人", false, 50, &presenter, p);
    if (!rc)
        rc = dec_text(it, "description", "议题说明", false, 4000, &desc, p);
    char dflt[700];
    if (!rc && !title) {
        snprintf(dflt, sizeof dflt, "%s%s", dec > 0 ? "审议：" : "研究：",
                 jstr(linked, "title"));
        title = dflt;
    }
    if (!rc)
        rc = db_run(c->db, NULL,
            "INSERT INTO meeting_items(meeting_id, seq, title, presenter, description,"
            " decision_id, matter_id) VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM"
            " meeting_items WHERE meeting_id = ?), ?, ?, ?, nullif(?, 0), nullif(?, 0))",
            "iitttii", id, id, title, presenter ? presenter : "", desc ? desc : "",
            dec > 0 ? dec : 0, dec > 0 ? 0 : matter);
    if (!rc && item_id)
        *item_id = db_last_id(c->db);
    json_decref(linked);
    return rc;
}

static enum fz_err meeting_no(struct db *db, int64_t body, const char *name, int year,
                              char out[128], int64_t *seq)
{
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO meeting_sequences(body_id, year, last) VALUES (?, ?, 1)"
        " ON CONFLICT(body_id, year) DO UPDATE SET last = last + 1", "ii", body,
        (int64_t)year);
    if (!rc)
        rc = db_query_int(db, seq, "SELECT last FROM meeting_sequences WHERE body_id = ?"
                          " AND year = ?", "ii", body, (int64_t)year);
    if (!rc)
        snprintf(out, 128, "%s〔%d〕第%lld次", name, year, (long long)*seq);
    return rc;
}

static bool hhmm(const char *s)
{
    return strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
           s[2] == ':' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' &&
           (s[0] < '2' || s[1] <= '3');
}

struct mtg_fields {
    const char *title, *place, *start, *recorder;
    int64_t chair;
};

static enum fz_err meeting_fields(const struct dec_ctx *c, json_t *body, bool create,
                                  struct mtg_fields *f, struct fz_problem *p)
{
    enum fz_err rc = dec_text(body, "title", "会议名称", create, 200, &f->title, p);
    if (!rc)
        rc = dec_text(body, "place", "会议地点", false, 100, &f->place, p);
    if (!rc)
        rc = dec_text(body, "start_time", "开始时间", false, 5, &f->start, p);
    if (!rc && f->start && !hhmm(f->start))
        rc = dec_fail(p, FZ_EINVAL, "start_time", NULL, "开始时间应为 HH:MM");
    if (!rc)
        rc = dec_text(body, "recorder", "记录人", false, 50, &f->recorder, p);
    f->chair = jint(body, "chair_id");
    if (!rc && f->chair > 0)
        rc = user_exists(c->db, f->chair, "chair_id", p);
    return rc;
}

enum fz_err mtg_create(const struct dec_ctx *c, json_t *body, int64_t *id,
                       struct fz_problem *p)
{
    json_t *b = NULL;
    if (db_query_row(c->db, &b, "SELECT id, name, org FROM meeting_bodies WHERE id = ?", "i",
                     jint(body, "body_id")))
        return dec_fail(p, FZ_EINVAL, "body_id", NULL,
                    "请选择会议类型（党组会、主任办公会、董事会或总经理办公会）");
    struct mtg_fields f = {0};
    int32_t day = 0;
    bool has = false;
    enum fz_err rc = meeting_fields(c, body, true, &f, p);
    if (!rc)
        rc = dec_date(body, "held_on", "会议日期", &day, &has, p);
    if (!rc && !has)
        rc = dec_fail(p, FZ_EINVAL, "held_on", NULL, "请填写会议日期");
    char date[11], no[128], now[FZ_TS_LEN];
    int64_t seq = 0;
    calendar_ymd(day, date);
    time_format(c->now, now);
    if (!rc && f.chair <= 0)
        db_query_int(c->db, &f.chair, "SELECT user_id FROM meeting_body_members WHERE"
                     " body_id = ? AND is_chair = 1 LIMIT 1", "i", jint(b, "id"));
    if (!rc)
        rc = meeting_no(c->db, jint(b, "id"), jstr(b, "name"), year_of(date), no, &seq);
    if (!rc)
        rc = db_run(c->db, NULL,
            "INSERT INTO meetings(body_id, no, seq, title, held_on, start_time, place,"
            " chair_id, recorder, created_by, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?, nullif(?, 0), ?, ?)",
            "itittttititt", jint(b, "id"), no, seq, f.title, date, f.start ? f.start : "",
            f.place ? f.place : "", f.chair, f.recorder ? f.recorder : "",
            c->actor ? c->actor->id : 0, now, now);
    if (!rc)
        *id = db_last_id(c->db);
    json_t *items = json_object_get(body, "items");
    if (!rc && items && (!json_is_array(items) || json_array_size(items) > 50))
        rc = dec_fail(p, FZ_EINVAL, "items", NULL, "items 应为不超过 50 个议题的数组");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (!rc)
            rc = add_item(c, *id, jstr(b, "org"), it, NULL, p);
    }
    json_decref(b);
    return rc;
}

static enum fz_err touch_meeting(const struct dec_ctx *c, int64_t id)
{
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    return db_run(c->db, NULL, "UPDATE meetings SET updated_at = ?, version = version + 1"
                  " WHERE id = ?", "ti", now, id);
}

static enum fz_err not_closed(json_t *m, struct fz_problem *p)
{
    if (str_eq(jstr(m, "status"), "closed"))
        return dec_fail(p, FZ_ECONFLICT, NULL, "meeting_closed", "会议已结束，纪要已定稿，不能再修改");
    return FZ_OK;
}

enum fz_err mtg_update(const struct dec_ctx *c, int64_t id, json_t *body,
                       struct fz_problem *p)
{
    json_t *m = NULL;
    enum fz_err rc = load_meeting(c->db, id, &m);
    if (rc)
        return rc;
    struct mtg_fields f = {0};
    const char *minutes = NULL;
    rc = not_closed(m, p);
    if (!rc && jint(body, "version") != jint(m, "version"))
        rc = dec_fail(p, FZ_ECONFLICT, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
    if (!rc)
        rc = meeting_fields(c, body, false, &f, p);
    if (!rc)
        rc = dec_text(body, "minutes", "会议纪要", false, 20000, &minutes, p);
    if (!rc)
        rc = db_run(c->db, NULL,
            "UPDATE meetings SET title = coalesce(?, title), place = coalesce(?, place),"
            " start_time = coalesce(?, start_time), recorder = coalesce(?, recorder),"
            " minutes = coalesce(?, minutes), chair_id = coalesce(nullif(?, 0), chair_id)"
            " WHERE id = ?", "tttttii", f.title, f.place, f.start, f.recorder, minutes,
            f.chair, id);
    if (!rc)
        rc = touch_meeting(c, id);
    json_decref(m);
    return rc;
}

enum fz_err mtg_add_item(const struct dec_ctx *c, int64_t id, json_t *body,
                         int64_t *item_id, struct fz_problem *p)
{
    json_t *m = NULL;
    enum fz_err rc = load_meeting(c->db, id, &m);
    if (rc)
        return rc;
    rc = not_closed(m, p);
    if (!rc)
        rc = add_item(c, id, jstr(m, "org"), body, item_id, p);
    if (!rc)
        rc = touch_meeting(c, id);
    json_decref(m);
    return rc;
}

/* attendee: one row of an attendance list, validated */
static enum fz_err attendee(const struct dec_ctx *c, json_t *x, json_t *members,
                            int64_t id, int *total, int *present, struct fz_problem *p)
{
    int64_t uid = jint(x, "user_id");
    json_t *pr = json_object_get(x, "present");
    const char *role = bstr(x, "role"), *reason = NULL;
    enum fz_err rc = user_exists(c->db, uid, "attendees", p);
    if (!rc && !json_is_boolean(pr))
        rc = dec_fail(p, FZ_EINVAL, "attendees", NULL, "请为每位人员填写是否出席（present）");
    if (!rc)
        rc = dec_text(x, "absence_reason", "缺席原因", !json_is_true(pr), 200, &reason, p);
    if (rc == FZ_EINVAL)
        p->field = "attendees";
    bool member = false;
    size_t i;
    json_t *m;
    json_array_foreach(members, i, m)
        member = member || jint(m, "user_id") == uid;
    if (!role)
        role = member || !json_array_size(members) ? "member" : "attendee";
    if (!rc && !str_eq(role, "member") && !str_eq(role, "attendee"))
        rc = dec_fail(p, FZ_EINVAL, "attendees", NULL, "role 应为 member（成员）或 attendee（列席）");
    if (!rc)
        rc = db_run(c->db, NULL, "INSERT INTO meeting_attendance(meeting_id, user_id, role,"
                    " present, absence_reason) VALUES (?, ?, ?, ?, ?)", "iitit", id, uid, role,
                    (int64_t)json_is_true(pr), reason ? reason : "");
    if (rc == FZ_ECONFLICT)
        rc = dec_fail(p, FZ_EINVAL, "attendees", NULL, "出席名单中有重复人员");
    if (!rc && str_eq(role, "member")) {
        (*total)++;
        *present += json_is_true(pr);
    }
    return rc;
}

static enum fz_err members_listed(struct db *db, int64_t id, json_t *members,
                                  struct fz_problem *p)
{
    size_t i;
    json_t *m;
    json_array_foreach(members, i, m) {
        int64_t n = 0;
        enum fz_err rc = db_query_int(db, &n, "SELECT count(*) FROM meeting_attendance"
                                      " WHERE meeting_id = ? AND user_id = ? AND role = 'member'",
                                      "ii", id, jint(m, "user_id"));
        if (rc)
            return rc;
        if (!n)
            return dec_fail(p, FZ_EINVAL, "attendees", NULL,
                        "成员%s未登记出席或缺席（每位成员都须登记）", jstr(m, "display_name"));
    }
    return FZ_OK;
}

enum fz_err mtg_attendance(const struct dec_ctx *c, int64_t id, json_t *body,
                           struct fz_problem *p)
{
    json_t *m = NULL, *members = NULL;
    enum fz_err rc = load_meeting(c->db, id, &m);
    if (rc)
        return rc;
    json_t *list = json_object_get(body, "attendees");
    int32_t day = 0;
    int64_t decided = 0;
    rc = not_closed(m, p);
    if (!rc && (calendar_day(jstr(m, "held_on"), &day) || day > local_day(c->now)))
        rc = dec_fail(p, FZ_ECONFLICT, "held_on", "not_held", "会议尚未召开（%s），不能登记出席情况",
                  jstr(m, "held_on"));
    if (!rc)
        rc = db_query_int(c->db, &decided, "SELECT count(*) FROM meeting_items WHERE"
                          " meeting_id = ? AND outcome IS NOT NULL", "i", id);
    if (!rc && decided)
        rc = dec_fail(p, FZ_ECONFLICT, "attendees", NULL, "已有议题作出决定，不能再修改出席情况");
    if (!rc && (!json_is_array(list) || !json_array_size(list) || json_array_size(list) > 100))
        rc = dec_fail(p, FZ_EINVAL, "attendees", NULL, "attendees 应为 1-100 人的出席名单");
    if (!rc)
        rc = db_query_json(c->db, &members, "SELECT bm.user_id, u.display_name FROM"
                           " meeting_body_members bm JOIN users u ON u.id = bm.user_id"
                           " WHERE bm.body_id = ?", "i", jint(m, "body_id"));
    if (!rc)
        rc = db_run(c->db, NULL, "DELETE FROM meeting_attendance WHERE meeting_id = ?", "i", id);
    int total = 0, present = 0;
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        if (!rc)
            rc = attendee(c, x, members, id, &total, &present, p);
    }
    if (!rc)
        rc = members_listed(c->db, id, members, p);
    bool held = mtg_quorum_held(total, present, (int)jint(m, "quorum_num"),
                                (int)jint(m, "quorum_den"), jint(m, "quorum_strict") != 0);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE meetings SET status = 'held', members_total = ?,"
                    " members_present = ?, quorum_held = ? WHERE id = ?", "iiii",
                    (int64_t)total, (int64_t)present, (int64_t)held, id);
    if (!rc)
        rc = touch_meeting(c, id);
    json_decref(members);
    json_decref(m);
    return rc;
}

static enum fz_err load_item(struct db *db, int64_t id, int64_t item_id, json_t **out,
                             struct fz_problem *p)
{
    enum fz_err rc = db_query_row(db, out, "SELECT id, title, decision_id, matter_id, outcome"
                                  " FROM meeting_items WHERE id = ? AND meeting_id = ?", "ii",
                                  item_id, id);
    if (rc == FZ_ENOTFOUND)
        return dec_fail(p, FZ_ENOTFOUND, "item_id", NULL, "会议议题不存在");
    return rc;
}

enum fz_err mtg_opinions(const struct dec_ctx *c, int64_t id, int64_t item_id,
                         json_t *body, struct fz_problem *p)
{
    static const char *const kinds[] = { "agree", "disagree", "abstain", NULL };
    json_t *m = NULL, *it = NULL;
    enum fz_err rc = load_meeting(c->db, id, &m);
    if (!rc)
        rc = load_item(c->db, id, item_id, &it, p);
    if (!rc && !str_eq(jstr(m, "status"), "held"))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "not_held",
                  str_eq(jstr(m, "status"), "closed") ? "会议已结束" : "请先登记出席情况");
    if (!rc && json_is_string(json_object_get(it, "outcome")))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "item_decided", "该议题已作出决定，不能再修改发表的意见");
    json_t *list = json_object_get(body, "opinions");
    if (!rc && (!json_is_array(list) || !json_array_size(list)))
        rc = dec_fail(p, FZ_EINVAL, "opinions", NULL, "opinions 应为与会人员意见的数组");
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        int64_t n = 0, uid = jint(x, "user_id");
        const char *op = bstr(x, "opinion"), *st = NULL;
        if (!rc)
            rc = db_query_int(c->db, &n, "SELECT count(*) FROM meeting_attendance WHERE"
                              " meeting_id = ? AND user_id = ? AND present = 1", "ii", id, uid);
        if (!rc && !n)
            rc = dec_fail(p, FZ_EINVAL, "opinions", NULL, "用户 #%lld 未出席会议，不能登记其意见",
                      (long long)uid);
        if (!rc && !str_in(op, kinds))
            rc = dec_fail(p, FZ_EINVAL, "opinions", NULL,
                      "意见应为 agree（同意）、disagree（不同意）或 abstain（弃权）");
        if (!rc)
            rc = dec_text(x, "statement", "发言要点", false, 2000, &st, p);
        if (!rc)
            rc = db_run(c->db, NULL, "INSERT INTO meeting_opinions(item_id, user_id, opinion,"
                        " statement) VALUES (?, ?, ?, ?) ON CONFLICT(item_id, user_id) DO"
                        " UPDATE SET opinion = excluded.opinion, statement = excluded.statement",
                        "iitt", item_id, uid, op, st ? st : "");
    }
    if (!rc)
        rc = touch_meeting(c, id);
    json_decref(it);
    json_decref(m);
    return rc;
}

/* dissent_text: the disagreeing members' statements, "姓名：要点；…" (caller frees) */
static char *dissent_text(struct db *db, int64_t item_id, const char *extra)
{
    json_t *rows = NULL;
    struct buf b;
    buf_init(&b, 8000);
    if (!db_query_json(db, &rows, "SELECT u.display_name, o.statement FROM meeting_opinions o"
                       " JOIN users u ON u.id = o.user_id WHERE o.item_id = ? AND"
                       " o.opinion = 'disagree' ORDER BY o.rowid", "i", item_id)) {
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r)
            buf_printf(&b, "%s%s：不同意%s%s", i ? "；" : "", jstr(r, "display_name"),
                       str_empty(jstr(r, "statement")) ? "" : "，",
                       jstr(r, "statement"));
    }
    if (!str_empty(extra))
        buf_printf(&b, "%s%s", b.len ? "；" : "", extra);
    json_decref(rows);
    return buf_take(&b);
}

/* decide_checks: may the meeting decide item `it` now? (quorum, Art. 30 majority) */
static enum fz_err decide_checks(const struct dec_ctx *c, json_t *m, json_t *it,
                                 const char *outcome, const char *reason, struct fz_problem *p)
{
    const char *st = jstr(m, "status");
    if (str_eq(st, "planned"))
        return violation(p, NULL, "会议尚未登记出席情况，不能作出决定（集体讨论须达到法定人数）");
    if (str_eq(st, "closed"))
        return dec_fail(p, FZ_ECONFLICT, NULL, "meeting_closed", "会议已结束");
    if (!json_is_true(json_object_get(m, "quorum_held")))
        return dec_fail(p, FZ_ECONFLICT, NULL, "procedure_violation",
                    "会议未达到法定人数（应到成员 %lld 人，实到 %lld 人，须%s），不能作出决定",
                    (long long)jint(m, "members_total"), (long long)jint(m, "members_present"),
                    jstr(m, "quorum_rule"));
    if (json_is_string(json_object_get(it, "outcome")))
        return dec_fail(p, FZ_ECONFLICT, NULL, "item_decided", "该议题已作出决定");
    if (!str_in(outcome, outcomes))
        return dec_fail(p, FZ_EINVAL, "outcome", NULL,
                    "决定应为 adopted（通过）、rejected（不通过）或 deferred（暂缓）");
    int64_t agree = 0, disagree = 0;
    enum fz_err rc = db_query_int(c->db, &agree, "SELECT count(*) FROM meeting_opinions o"
        " JOIN meeting_attendance a ON a.user_id = o.user_id AND a.meeting_id = ?"
        " AND a.role = 'member' WHERE o.item_id = ? AND o.opinion = 'agree'", "ii",
        jint(m, "id"), jint(it, "id"));
    if (!rc)
        rc = db_query_int(c->db, &disagree, "SELECT count(*) FROM meeting_opinions o"
            " JOIN meeting_attendance a ON a.user_id = o.user_id AND a.meeting_id = ?"
            " AND a.role = 'member' WHERE o.item_id = ? AND o.opinion = 'disagree'", "ii",
            jint(m, "id"), jint(it, "id"));
    if (!rc && mtg_against_majority(outcome, (int)agree, (int)disagree) && str_empty(reason))
        return dec_fail(p, FZ_ECONFLICT, "against_majority_reason", "procedure_violation",
                    "决定与多数成员的意见不一致（同意 %lld 人，不同意 %lld 人），主持人应当"
                    "当场说明理由（" REG "第三十条）", (long long)agree, (long long)disagree);
    return rc;
}

static enum fz_err decide_matter(const struct dec_ctx *c, int64_t matter, int64_t item,
                                 const char *outcome, const char *held_on)
{
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    return db_run(c->db, NULL,
        "UPDATE major_matters SET status = CASE WHEN ? = 'deferred' THEN 'pending'"
        " ELSE 'decided' END, outcome = ?, meeting_item_id = ?, decided_on = ?,"
        " decided_by = nullif(?, 0), updated_at = ?, version = version + 1 WHERE id = ?",
        "ttititi", outcome, outcome, item, held_on,
        c->actor ? c->actor->id : 0, now, matter);
}

enum fz_err mtg_decide(const struct dec_ctx *c, int64_t id, int64_t item_id, json_t *body,
                       json_t **allowed, char summary[200], struct fz_problem *p)
{
    json_t *m = NULL, *it = NULL;
    const char *outcome = bstr(body, "outcome"), *resolution = NULL, *dissent = NULL;
    const char *reason = NULL;
    enum fz_err rc = load_meeting(c->db, id, &m);
    if (!rc)
        rc = load_item(c->db, id, item_id, &it, p);
    if (!rc)
        rc = dec_text(body, "resolution", "决定内容", false, 4000, &resolution, p);
    if (!rc)
        rc = dec_text(body, "dissent", "不同意见", false, 4000, &dissent, p);
    if (!rc)
        rc = dec_text(body, "against_majority_reason", "主持人说明的理由", false, 2000, &reason, p);
    if (!rc)
        rc = decide_checks(c, m, it, outcome, reason, p);
    int64_t dec = jint(it, "decision_id"), matter = jint(it, "matter_id");
    struct mtg_ref ref = { id, item_id, jstr(m, "no"), jstr(m, "body_name"), jstr(m, "org"),
                           jstr(m, "held_on"), outcome, resolution ? resolution : "",
                           (int)jint(m, "members_present"), (int)jint(m, "members_total") };
    json_t *dbody = json_pack("{s:s}", "action", "decide");
    char sub[200] = "";
    if (!rc && dec > 0)
        rc = dec_run(c, dec, dbody, &ref, allowed, sub, NULL, p);
    json_decref(dbody);
    if (!rc && matter > 0)
        rc = decide_matter(c, matter, item_id, outcome, jstr(m, "held_on"));
    char *dis = rc ? NULL : dissent_text(c->db, item_id, dissent);
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE meeting_items SET outcome = ?, resolution = ?,"
                    " dissent = ?, against_majority_reason = ?, decided_at = ? WHERE id = ?",
                    "ttttti", outcome,
                    resolution ? resolution : "", dis ? dis : "", reason ? reason : "", now,
                    item_id);
    if (!rc)
        rc = touch_meeting(c, id);
    if (!rc)
        dec_summarize(summary, "%s 议题“%s”：%s%s%s", jstr(m, "no"), jstr(it, "title"),
                 outcome_label(outcome), sub[0] ? "；" : "", sub);
    free(dis);
    json_decref(it);
    json_decref(m);
    return rc;
}

enum fz_err mtg_close(const struct dec_ctx *c, int64_t id, json_t *body,
                      struct fz_problem *p)
{
    json_t *m = NULL, *open = NULL;
    const char *minutes = NULL;
    enum fz_err rc = load_meeting(c->db, id, &m);
    if (rc)
        return rc;
    rc = not_closed(m, p);
    if (!rc && !str_eq(jstr(m, "status"), "held"))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "not_held", "会议尚未登记出席情况，不能结束");
    if (!rc)
        rc = dec_text(body, "minutes", "会议纪要", false, 20000, &minutes, p);
    if (!rc && !minutes && str_empty(jstr(m, "minutes")))
        rc = dec_fail(p, FZ_EINVAL, "minutes", NULL, "请填写会议纪要");
    if (!rc && !db_query_row(c->db, &open, "SELECT title FROM meeting_items WHERE"
                             " meeting_id = ? AND outcome IS NULL ORDER BY seq LIMIT 1", "i", id))
        rc = dec_fail(p, FZ_ECONFLICT, "items", "items_undecided", "议题“%s”尚未作出决定",
                  jstr(open, "title"));
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE meetings SET status = 'closed', minutes ="
                    " coalesce(?, minutes), closed_at = ? WHERE id = ?", "tti", minutes, now, id);
    if (!rc)
        rc = touch_meeting(c, id);
    json_decref(open);
    json_decref(m);
    return rc;
}

/* ---- minutes as DOCX ---- */

static const char *opinion_label(const char *o)
{
    return str_eq(o, "agree") ? "同意" : str_eq(o, "disagree") ? "不同意" : "弃权";
}

/* cn_date: 'YYYY-MM-DD' -> 'YYYY年M月D日' */
static void cn_date(const char *ymd, char out[32])
{
    int32_t day = 0;
    if (!ymd || calendar_day(ymd, &day)) {
        snprintf(out, 32, "%s", ymd ? ymd : "");
        return;
    }
    int y = year_of(ymd), mo = (ymd[5] - '0') * 10 + (ymd[6] - '0');
    int d = (ymd[8] - '0') * 10 + (ymd[9] - '0');
    snprintf(out, 32, "%d年%d月%d日", y, mo, d);
}

static void cn_ordinal(size_t i, char out[16])
{
    static const char *const n[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    if (i < 10)
        snprintf(out, 16, "%s", n[i]);
    else if (i < 20)
        snprintf(out, 16, "十%s", i == 10 ? "" : n[i - 11]);
    else
        snprintf(out, 16, "%d", (int)(i % 1000) + 1);
}

/* people: the names of attendance rows matching role/present, "、"-joined (caller frees) */
static char *people(json_t *att, const char *role, bool present, bool reasons)
{
    struct buf b;
    buf_init(&b, 0);
    size_t i;
    json_t *a;
    json_array_foreach(att, i, a) {
        bool here = json_is_true(json_object_get(a, "present"));
        if (!str_eq(jstr(a, "role"), role) || here != present)
            continue;
        buf_printf(&b, "%s%s", b.len ? "、" : "", jstr(a, "display_name"));
        if (reasons && !str_empty(jstr(a, "absence_reason")))
            buf_printf(&b, "（%s）", jstr(a, "absence_reason"));
    }
    return buf_take(&b);
}

static void minutes_header(struct docx *d, json_t *m)
{
    char date[32];
    cn_date(jstr(m, "held_on"), date);
    json_t *att = json_object_get(m, "attendance");
    char *present = people(att, "member", true, false);
    char *absent = people(att, "member", false, true);
    char *guests = people(att, "attendee", true, false);
    docx_paraf(d, DOCX_NO_INDENT, "会议名称：%s", jstr(m, "title"));
    docx_paraf(d, DOCX_NO_INDENT, "时　　间：%s %s", date, jstr(m, "start_time"));
    docx_paraf(d, DOCX_NO_INDENT, "地　　点：%s", jstr(m, "place"));
    docx_paraf(d, DOCX_NO_INDENT, "主 持 人：%s", jstr(m, "chair_name") ? jstr(m, "chair_name") : "");
    docx_paraf(d, DOCX_NO_INDENT, "出席成员：%s", present && *present ? present : "无");
    docx_paraf(d, DOCX_NO_INDENT, "缺席成员：%s", absent && *absent ? absent : "无");
    if (guests && *guests)
        docx_paraf(d, DOCX_NO_INDENT, "列席人员：%s", guests);
    docx_paraf(d, DOCX_NO_INDENT, "记 录 人：%s", jstr(m, "recorder"));
    docx_paraf(d, 0, "本次会议应到成员 %lld 人，实到 %lld 人，议事规则为%s，%s。",
               (long long)jint(m, "members_total"), (long long)jint(m, "members_present"),
               jstr(m, "quorum_rule"),
               json_is_true(json_object_get(m, "quorum_held")) ? "符合法定人数"
                                                               : "未达到法定人数");
    free(present);
    free(absent);
    free(guests);
}

static void minutes_item(struct docx *d, size_t idx, json_t *it)
{
    char ord[16], head[800];
    cn_ordinal(idx, ord);
    snprintf(head, sizeof head, "（%s）%s", ord, jstr(it, "title"));
    docx_heading(d, 2, head);
    if (!str_empty(jstr(it, "presenter")))
        docx_paraf(d, 0, "汇报人：%s", jstr(it, "presenter"));
    if (!str_empty(jstr(it, "decision_no")))
        docx_paraf(d, 0, "关联重大行政决策：%s《%s》", jstr(it, "decision_no"),
                   jstr(it, "decision_title"));
    if (!str_empty(jstr(it, "description")))
        docx_para(d, 0, jstr(it, "description"));
    json_t *ops = json_object_get(it, "opinions");
    if (json_array_size(ops)) {
        docx_para(d, 0, "与会人员发表意见如下：");
        static const int widths[] = { 18, 12, 12, 58 };
        const char *header[] = { "姓名", "身份", "意见", "发言要点" };
        docx_table_begin(d, 4, widths);
        docx_table_row(d, DOCX_BOLD, header);
        size_t i;
        json_t *o;
        json_array_foreach(ops, i, o) {
            const char *cells[] = { jstr(o, "display_name"),
                                    str_eq(jstr(o, "role"), "attendee") ? "列席" : "成员",
                                    opinion_label(jstr(o, "opinion")), jstr(o, "statement") };
            docx_table_row(d, 0, cells);
        }
        docx_table_end(d);
    }
    const char *oc = jstr(it, "outcome");
    docx_paraf(d, 0, "会议决定：%s。%s", oc ? outcome_label(oc) : "尚未作出决定",
               jstr(it, "resolution") ? jstr(it, "resolution") : "");
    if (!str_empty(jstr(it, "dissent")))
        docx_paraf(d, 0, "不同意见（如实记录）：%s", jstr(it, "dissent"));
    if (!str_empty(jstr(it, "against_majority_reason")))
        docx_paraf(d, 0, "主持人说明：%s", jstr(it, "against_majority_reason"));
}

enum fz_err mtg_minutes_docx(struct db *db, int64_t id, char **data, size_t *len,
                             char name[160])
{
    json_t *m = NULL;
    enum fz_err rc = mtg_get(db, id, &m);
    if (rc)
        return rc;
    struct docx *d = NULL;
    rc = docx_new(&d);
    bool closed = str_eq(jstr(m, "status"), "closed");
    char title[200], date[32];
    snprintf(title, sizeof title, "%s会议纪要%s", jstr(m, "body_name"), closed ? "" : "（草稿）");
    if (!rc) {
        docx_title(d, title);
        docx_para(d, DOCX_CENTER, jstr(m, "no"));
        docx_para(d, 0, "");
        minutes_header(d, m);
        docx_heading(d, 1, "一、会议议题及决定");
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(m, "items"), i, it)
            minutes_item(d, i, it);
        docx_heading(d, 1, "二、会议纪要");
        docx_para(d, 0, str_empty(jstr(m, "minutes")) ? "（纪要尚未填写）" : jstr(m, "minutes"));
        docx_para(d, 0, "");
        docx_paraf(d, DOCX_RIGHT, "记录人：%s", jstr(m, "recorder"));
        cn_date(jstr(m, "held_on"), date);
        docx_para(d, DOCX_RIGHT, date);
        time_t mtime = 0;
        const char *ts = closed ? jstr(m, "closed_at") : jstr(m, "updated_at");
        if (!ts || time_parse(ts, &mtime))
            mtime = 0;
        rc = docx_finish(d, title, mtime, data, len);
    }
    if (!rc)
        snprintf(name, 160, "%s会议纪要.docx", jstr(m, "no"));
    docx_free(d);
    json_decref(m);
    return rc;
}

/* ==== major matters (重大事项) ==== */

enum fz_err matter_kinds(struct db *db, json_t **items)
{
    return db_query_json(db, items, "SELECT code, name, threshold, basis, sort, version"
                         " FROM major_matter_kinds ORDER BY sort, code", "");
}

enum fz_err matter_kind_update(struct db *db, const char *code, json_t *body,
                               struct fz_problem *p)
{
    json_t *k = NULL;
    enum fz_err rc = db_query_row(db, &k, "SELECT version FROM major_matter_kinds WHERE"
                                  " code = ?", "t", code);
    if (rc)
        return rc;
    int64_t version = jint(k, "version");
    json_decref(k);
    const char *name = NULL, *basis = NULL;
    json_t *th = json_object_get(body, "threshold");
    if (jint(body, "version") != version)
        return dec_fail(p, FZ_ECONFLICT, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
    rc = dec_text(body, "name", "类别名称", false, 50, &name, p);
    if (!rc)
        rc = dec_text(body, "basis", "依据", false, 500, &basis, p);
    if (!rc && th && !json_is_null(th) && (!json_is_integer(th) || json_integer_value(th) < 0))
        rc = dec_fail(p, FZ_EINVAL, "threshold", NULL, "金额标准应为非负整数（元），或 null 表示一律属于重大事项");
    if (!rc)
        rc = db_run(db, NULL,
            "UPDATE major_matter_kinds SET name = coalesce(?, name), basis = coalesce(?, basis),"
            " threshold = CASE WHEN ? THEN nullif(?, -1) ELSE threshold END,"
            " version = version + 1 WHERE code = ?", "ttiit", name, basis, (int64_t)(th != NULL),
            (int64_t)(json_is_integer(th) ? json_integer_value(th) : -1), code);
    return rc;
}

#define MATTER_COLS                                                                    \
    "mm.id, mm.title, mm.kind, k.name AS kind_name, k.threshold, k.basis, mm.amount,"  \
    " mm.org, mm.description, mm.status, mm.outcome, mm.meeting_item_id,"              \
    " mi.meeting_id, mt.no AS meeting_no, mm.decided_on, du.display_name AS decided_by_name," \
    " mm.created_at, mm.updated_at, mm.version,"                                       \
    " (k.threshold IS NULL OR coalesce(mm.amount, 0) >= k.threshold) AS major"
#define MATTER_FROM                                                                    \
    " FROM major_matters mm JOIN major_matter_kinds k ON k.code = mm.kind"             \
    " LEFT JOIN meeting_items mi ON mi.id = mm.meeting_item_id"                        \
    " LEFT JOIN meetings mt ON mt.id = mi.meeting_id"                                  \
    " LEFT JOIN users du ON du.id = mm.decided_by"

static void matter_decorate(json_t *x)
{
    json_object_set_new(x, "major", json_boolean(jint(x, "major")));
    json_object_set_new(x, "outcome_name", json_string(outcome_label(jstr(x, "outcome"))));
}

enum fz_err matter_get(struct db *db, int64_t id, json_t **out)
{
    enum fz_err rc = db_query_row(db, out, "SELECT " MATTER_COLS MATTER_FROM
                                  " WHERE mm.id = ?", "i", id);
    if (!rc)
        matter_decorate(*out);
    return rc;
}

enum fz_err matter_list(struct db *db, const char *status, int64_t limit, int64_t offset,
                        json_t **items, int64_t *total)
{
    enum fz_err rc = db_query_int(db, total, "SELECT count(*) FROM major_matters mm WHERE"
                                  " (?1 IS NULL OR mm.status = ?1)", "t", status);
    if (!rc)
        rc = db_query_json(db, items, "SELECT " MATTER_COLS MATTER_FROM
                           " WHERE (?1 IS NULL OR mm.status = ?1) ORDER BY mm.id DESC"
                           " LIMIT ?2 OFFSET ?3", "tii", status, limit, offset);
    size_t i;
    json_t *x;
    if (!rc)
        json_array_foreach(*items, i, x)
            matter_decorate(x);
    return rc;
}

enum fz_err matter_create(const struct dec_ctx *c, json_t *body, int64_t *id,
                          struct fz_problem *p)
{
    const char *title = NULL, *desc = NULL, *kind = bstr(body, "kind");
    const char *org = bstr(body, "org");
    json_t *amount = json_object_get(body, "amount");
    int64_t n = 0;
    enum fz_err rc = dec_text(body, "title", "事项名称", true, 200, &title, p);
    if (!rc)
        rc = dec_text(body, "description", "事项说明", false, 4000, &desc, p);
    if (!rc && (!kind || db_query_int(c->db, &n, "SELECT count(*) FROM major_matter_kinds"
                                      " WHERE code = ?", "t", kind) || !n))
        rc = dec_fail(p, FZ_EINVAL, "kind", NULL, "事项类别不存在");
    if (!rc && amount && !json_is_null(amount) &&
        (!json_is_integer(amount) || json_integer_value(amount) < 0))
        rc = dec_fail(p, FZ_EINVAL, "amount", NULL, "金额应为非负整数（元）");
    if (!rc && org && !str_in(org, orgs))
        rc = dec_fail(p, FZ_EINVAL, "org", NULL, "决策主体应为 center 或 company");
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    if (!rc)
        rc = db_run(c->db, NULL,
            "INSERT INTO major_matters(title, kind, amount, org, description, created_by,"
            " created_at, updated_at) VALUES (?, ?, nullif(?, -1), ?, ?, nullif(?, 0), ?, ?)",
            "ttittitt", title, kind,
            (int64_t)(json_is_integer(amount) ? json_integer_value(amount) : -1),
            org ? org : "center", desc ? desc : "", c->actor ? c->actor->id : 0, now, now);
    if (!rc)
        *id = db_last_id(c->db);
    return rc;
}

enum fz_err matter_decide(const struct dec_ctx *c, int64_t id, json_t *body,
                          char summary[200], struct fz_problem *p)
{
    json_t *x = NULL;
    enum fz_err rc = matter_get(c->db, id, &x);
    if (rc)
        return rc;
    json_t *item = json_object_get(body, "meeting_item_id");
    const char *outcome = bstr(body, "outcome");
    if (!str_eq(jstr(x, "status"), "pending"))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "already_decided", "该事项已作出决定");
    json_t *row = NULL;
    if (!rc && json_is_integer(item)) {
        rc = db_query_row(c->db, &row, "SELECT meeting_id FROM meeting_items WHERE id = ?"
                          " AND matter_id = ?", "ii", (int64_t)json_integer_value(item), id);
        if (rc == FZ_ENOTFOUND)
            rc = dec_fail(p, FZ_EINVAL, "meeting_item_id", NULL, "该会议议题未关联本事项");
        if (!rc)
            rc = mtg_decide(c, jint(row, "meeting_id"), json_integer_value(item), body, NULL,
                            summary, p);
        json_decref(row);
        json_decref(x);
        return rc;
    }
    if (!rc && json_is_true(json_object_get(x, "major")))
        rc = dec_fail(p, FZ_ECONFLICT, "meeting_item_id", "procedure_violation",
                  "重大事项须经集体讨论决定，不能在会议之外作出决定（%s：%s）",
                  jstr(x, "kind_name"), jstr(x, "basis"));
    if (!rc && !str_in(outcome, outcomes))
        rc = dec_fail(p, FZ_EINVAL, "outcome", NULL,
                  "决定应为 adopted（通过）、rejected（不通过）或 deferred（暂缓）");
    char today[11];
    calendar_ymd(local_day(c->now), today);
    if (!rc)
        rc = decide_matter(c, id, 0, outcome, today);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE major_matters SET meeting_item_id = NULL WHERE id = ?",
                    "i", id);
    if (!rc)
        dec_summarize(summary, "事项“%s”（非重大事项）直接决定：%s", jstr(x, "title"),
                 outcome_label(outcome));
    json_decref(x);
    return rc;
}

/* ==== the catalogue (决策事项目录, Art. 3 ¶3) ==== */

#define CAT_COLS                                                                       \
    "c.id, c.year, c.title, c.status, c.party_approved_on, c.published_on, c.created_at," \
    " c.updated_at, c.version, (SELECT count(*) FROM decision_catalogue_items i"        \
    " WHERE i.catalogue_id = c.id) AS item_count"

enum fz_err dec_catalogues(struct db *db, bool all, json_t **items)
{
    return db_query_json(db, items, "SELECT " CAT_COLS " FROM decision_catalogues c"
                         " WHERE (? = 1 OR c.status = 'published') ORDER BY c.year DESC", "i",
                         (int64_t)all);
}

enum fz_err dec_catalogue_get(struct db *db, int64_t id, bool all, json_t **out)
{
    json_t *c = NULL, *items = NULL;
    enum fz_err rc = db_query_row(db, &c, "SELECT " CAT_COLS " FROM decision_catalogues c"
                                  " WHERE c.id = ? AND (? = 1 OR c.status = 'published')",
                                  "ii", id, (int64_t)all);
    if (!rc)
        rc = db_query_json(db, &items,
            "SELECT i.id, i.seq, i.title, i.category, i.lead_dept_id, dp.name AS lead_dept_name,"
            " i.planned, i.note, d.id AS decision_id, d.no AS decision_no,"
            " d.status AS decision_status FROM decision_catalogue_items i"
            " LEFT JOIN departments dp ON dp.id = i.lead_dept_id"
            " LEFT JOIN decisions d ON d.catalogue_item_id = i.id WHERE i.catalogue_id = ?"
            " ORDER BY i.seq", "i", id);
    if (rc) {
        json_decref(c);
        return rc;
    }
    json_object_set_new(c, "items", items);
    *out = c;
    return FZ_OK;
}

enum fz_err dec_catalogue_year(struct db *db, int64_t year, json_t **out)
{
    int64_t id = 0;
    enum fz_err rc = db_query_int(db, &id, "SELECT id FROM decision_catalogues WHERE"
                                  " year = ? AND status = 'published'", "i", year);
    return rc ? rc : dec_catalogue_get(db, id, false, out);
}

static enum fz_err catalogue_items(const struct dec_ctx *c, int64_t id, json_t *items,
                                   struct fz_problem *p)
{
    if (!json_is_array(items) || json_array_size(items) > 100)
        return dec_fail(p, FZ_EINVAL, "items", NULL, "items 应为不超过 100 个事项的数组");
    int64_t linked = 0;
    enum fz_err rc = db_query_int(c->db, &linked, "SELECT count(*) FROM decisions d JOIN"
                                  " decision_catalogue_items i ON i.id = d.catalogue_item_id"
                                  " WHERE i.catalogue_id = ?", "i", id);
    if (!rc && linked)
        return dec_fail(p, FZ_ECONFLICT, "items", NULL, "目录事项已关联决策，不能整体替换");
    if (!rc)
        rc = db_run(c->db, NULL, "DELETE FROM decision_catalogue_items WHERE catalogue_id = ?",
                    "i", id);
    size_t i;
    json_t *x;
    json_array_foreach(items, i, x) {
        const char *title = NULL, *planned = NULL, *note = NULL, *cat = bstr(x, "category");
        int64_t dept = jint(x, "lead_dept_id"), n = 0;
        if (!rc)
            rc = dec_text(x, "title", "事项名称", true, 200, &title, p);
        if (!rc && !str_in(cat, categories))
            rc = dec_fail(p, FZ_EINVAL, "items", NULL, "事项“%s”的类别无效", title);
        if (!rc)
            rc = dec_text(x, "planned", "计划时间", false, 50, &planned, p);
        if (!rc)
            rc = dec_text(x, "note", "备注", false, 500, &note, p);
        if (!rc && dept > 0 && (db_query_int(c->db, &n, "SELECT count(*) FROM departments"
                                             " WHERE id = ?", "i", dept) || !n))
            rc = dec_fail(p, FZ_EINVAL, "items", NULL, "事项“%s”的承办单位不存在", title);
        if (rc == FZ_EINVAL)
            p->field = "items";
        if (!rc)
            rc = db_run(c->db, NULL,
                "INSERT INTO decision_catalogue_items(catalogue_id, seq, title, category,"
                " lead_dept_id, planned, note) VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?)",
                "iittitt", id, (int64_t)i + 1, title, cat, dept > 0 ? dept : 0,
                planned ? planned : "", note ? note : "");
    }
    return rc;
}

static enum fz_err catalogue_create(const struct dec_ctx *c, json_t *body, int64_t *id,
                                    struct fz_problem *p)
{
    int64_t year = jint(body, "year");
    const char *title = NULL;
    if (year < 2000 || year > 2100)
        return dec_fail(p, FZ_EINVAL, "year", NULL, "请填写目录年度（2000-2100）");
    enum fz_err rc = dec_text(body, "title", "目录名称", false, 200, &title, p);
    char dflt[128], now[FZ_TS_LEN];
    snprintf(dflt, sizeof dflt, "华明高新区%lld年度重大行政决策事项目录", (long long)year);
    time_format(c->now, now);
    if (!rc)
        rc = db_run(c->db, NULL, "INSERT INTO decision_catalogues(year, title, created_by,"
                    " created_at, updated_at) VALUES (?, ?, nullif(?, 0), ?, ?)", "ititt", year,
                    title ? title : dflt, c->actor ? c->actor->id : 0,
                    now, now);
    if (rc == FZ_ECONFLICT)
        return dec_fail(p, FZ_ECONFLICT, "year", "duplicate", "%lld 年度的决策事项目录已存在",
                    (long long)year);
    if (!rc)
        *id = db_last_id(c->db);
    return rc;
}

enum fz_err dec_catalogue_save(const struct dec_ctx *c, int64_t id, int64_t version,
                               json_t *body, int64_t *out_id, struct fz_problem *p)
{
    enum fz_err rc = FZ_OK;
    json_t *items = json_object_get(body, "items");
    if (!id) {
        rc = catalogue_create(c, body, out_id, p);
        if (!rc && items)
            rc = catalogue_items(c, *out_id, items, p);
        return rc;
    }
    json_t *row = NULL;
    rc = db_query_row(c->db, &row, "SELECT status, version FROM decision_catalogues"
                      " WHERE id = ?", "i", id);
    if (rc)
        return rc;
    const char *title = NULL;
    if (jint(row, "version") != version)
        rc = dec_fail(p, FZ_ECONFLICT, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
    else if (!str_eq(jstr(row, "status"), "draft"))
        rc = dec_fail(p, FZ_ECONFLICT, NULL, "catalogue_locked",
                  "目录已经党委同意或已公布，不能再修改（" REG "第三条第三款）");
    json_decref(row);
    if (!rc)
        rc = dec_text(body, "title", "目录名称", false, 200, &title, p);
    char now[FZ_TS_LEN];
    time_format(c->now, now);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE decision_catalogues SET title = coalesce(?, title),"
                    " updated_at = ?, version = version + 1 WHERE id = ?", "tti", title, now, id);
    if (!rc && items)
        rc = catalogue_items(c, id, items, p);
    *out_id = id;
    return rc;
}

enum fz_err dec_catalogue_advance(const struct dec_ctx *c, int64_t id, json_t *body,
                                  struct fz_problem *p)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(c->db, &row, "SELECT status, (SELECT count(*) FROM"
                                  " decision_catalogue_items WHERE catalogue_id = ?1) AS n"
                                  " FROM decision_catalogues WHERE id = ?1", "i", id);
    if (rc)
        return rc;
    const char *action = bstr(body, "action"), *st = jstr(row, "status");
    int32_t day = local_day(c->now);
    bool present = false;
    rc = dec_date(body, "date", "日期", &day, &present, p);
    if (!rc && day > local_day(c->now))
        rc = dec_fail(p, FZ_EINVAL, "date", NULL, "日期不能晚于今天");
    if (!rc && str_eq(action, "party_approve")) {
        if (!str_eq(st, "draft"))
            rc = dec_fail(p, FZ_ECONFLICT, "action", NULL, "目录已经党委同意");
        else if (!jint(row, "n"))
            rc = dec_fail(p, FZ_EINVAL, "items", NULL, "目录还没有决策事项");
    } else if (!rc && str_eq(action, "publish")) {
        if (str_eq(st, "draft"))
            rc = violation(p, "action", "决策事项目录须经同级党委同意后才能向社会公布（" REG
                           "第三条第三款）");
        else if (str_eq(st, "published"))
            rc = dec_fail(p, FZ_ECONFLICT, "action", NULL, "目录已经公布");
    } else if (!rc) {
        rc = dec_fail(p, FZ_EINVAL, "action", NULL, "action 应为 party_approve（党委同意）或 publish（公布）");
    }
    json_decref(row);
    char date[11], now[FZ_TS_LEN];
    calendar_ymd(day, date);
    time_format(c->now, now);
    if (!rc && str_eq(action, "party_approve"))
        rc = db_run(c->db, NULL, "UPDATE decision_catalogues SET status = 'party_approved',"
                    " party_approved_on = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                    "tti", date, now, id);
    else if (!rc)
        rc = db_run(c->db, NULL, "UPDATE decision_catalogues SET status = 'published',"
                    " published_on = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                    "tti", date, now, id);
    return rc;
}
