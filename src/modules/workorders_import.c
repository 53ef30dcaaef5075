/* workorders_import.c - import of the city 12345 platform's exports (CSV or XLSX, read by
 * util/table.c) into work orders. The header row names the columns in Chinese or English;
 * each data row becomes one order, keyed by the platform's order number, so importing the
 * same file twice creates nothing new. Each row runs inside a SAVEPOINT: a bad row is
 * reported (row, column, reason) and leaves no trace, good rows are kept. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/workorders.h"
#include "util/str.h"
#include "util/table.h"
#include "util/timeutil.h"

enum col { C_NO, C_CHANNEL, C_CATEGORY, C_URGENCY, C_SUBJECT, C_CONTENT, C_NAME, C_PHONE,
           C_ADDRESS, C_RECEIVED, C_DEPT, C_USCC, C_COUNT };

static const struct { enum col col; const char *names[4]; const char *label; } headers[] = {
    { C_NO, { "工单编号", "市平台工单编号", "platform_no", "转办单号" }, "工单编号" },
    { C_CHANNEL, { "来源", "来源渠道", "channel", NULL }, "来源" },
    { C_CATEGORY, { "诉求类型", "类别", "category", "工单类型" }, "诉求类型" },
    { C_URGENCY, { "紧急程度", "urgency", NULL, NULL }, "紧急程度" },
    { C_SUBJECT, { "标题", "诉求标题", "subject", NULL }, "标题" },
    { C_CONTENT, { "诉求内容", "内容", "content", NULL }, "诉求内容" },
    { C_NAME, { "来电人", "姓名", "citizen_name", "诉求人" }, "来电人" },
    { C_PHONE, { "联系电话", "电话", "citizen_phone", NULL }, "联系电话" },
    { C_ADDRESS, { "地址", "事发地址", "address", NULL }, "地址" },
    { C_RECEIVED, { "受理时间", "来电时间", "received_at", NULL }, "受理时间" },
    { C_DEPT, { "承办部门", "承办单位", "dept", NULL }, "承办部门" },
    { C_USCC, { "统一社会信用代码", "enterprise_uscc", NULL, NULL }, "统一社会信用代码" },
};

static const char *lookup(const char *text, const char *const (*pairs)[2], int n)
{
    for (int i = 0; i < n; i++)
        if (str_eq(text, pairs[i][0]))
            return pairs[i][1];
    return NULL;
}

static void reject(json_t *report, int64_t line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void reject(json_t *report, int64_t line, const char *column, const char *fmt, ...)
{
    char reason[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    json_array_append_new(report, json_pack("{s:I, s:s, s:s}", "row", (json_int_t)line,
                                            "column", column, "reason", reason));
}

/* received_text: "2024-02-08 10:00[:00]", ISO, or an XLSX serial -> ISO with zone */
static bool received_text(const char *in, char out[FZ_TS_LEN])
{
    time_t t;
    char buf[64];
    if (strlen(in) == 16 && in[10] == ' ') {          /* no seconds */
        snprintf(buf, sizeof buf, "%s:00", in);
        in = buf;
    }
    if (!time_parse(in, &t)) {
        time_format(t, out);
        return true;
    }
    char *end = NULL;
    double serial = strtod(in, &end);
    if (end && !*end && end != in && serial > 20000 && serial < 80000) {
        /* Excel's day 0 is 1899-12-30, local time */
        double secs = (serial - 25569.0) * 86400.0;
        t = (time_t)llround(secs) - (time_t)time_offset() * 60;
        time_format(t, out);
        return true;
    }
    return false;
}

static enum fz_err map_columns(const struct table *t, int idx[C_COUNT], json_t *report)
{
    for (int c = 0; c < C_COUNT; c++)
        idx[c] = -1;
    if (!t->nrows) {
        reject(report, 1, "", "文件中没有数据");
        return FZ_EINVAL;
    }
    const struct table_row *h = &t->rows[0];
    for (size_t i = 0; i < h->ncells; i++)
        for (size_t k = 0; k < sizeof headers / sizeof headers[0]; k++)
            for (int n = 0; n < 4 && headers[k].names[n]; n++)
                if (str_eq(h->cells[i], headers[k].names[n]))
                    idx[headers[k].col] = (int)i;
    static const enum col required[] = { C_NO, C_CATEGORY, C_SUBJECT, C_RECEIVED };
    bool ok = true;
    for (size_t r = 0; r < sizeof required / sizeof required[0]; r++)
        if (idx[required[r]] < 0) {
            reject(report, h->line, headers[required[r]].label, "缺少必需的列“%s”",
                   headers[required[r]].label);
            ok = false;
        }
    return ok ? FZ_OK : FZ_EINVAL;
}

/* one_row: validate and create; FZ_EINVAL with the row rejected in the report */
static enum fz_err one_row(struct db *db, const struct calendar *cal,
                           const struct fz_user *actor, const struct table_row *row,
                           const int idx[C_COUNT], json_t *report, bool *created)
{
#define CELL(c) (idx[c] >= 0 ? table_cell(row, (size_t)idx[c]) : "")
    static const char *const chan_pairs[][2] = {
        { "12345热线", "hotline" }, { "12345", "hotline" }, { "热线", "hotline" },
        { "hotline", "hotline" }, { "网上留言板", "board" }, { "留言板", "board" },
        { "board", "board" }, { "电话", "phone" }, { "phone", "phone" },
        { "来访", "walkin" }, { "walkin", "walkin" },
    };
    static const char *const urg_pairs[][2] = {
        { "一般", "normal" }, { "normal", "normal" }, { "紧急", "urgent" },
        { "urgent", "urgent" }, { "特急", "critical" }, { "critical", "critical" },
    };
    *created = false;
    const char *no = CELL(C_NO);
    if (!*no) {
        reject(report, row->line, "工单编号", "工单编号不能为空");
        return FZ_EINVAL;
    }
    int64_t n = 0;
    if (!db_query_int(db, &n, "SELECT count(*) FROM workorders WHERE platform_no = ?", "t", no)
        && n)
        return FZ_OK;                   /* imported before: nothing new */
    const char *ch = *CELL(C_CHANNEL) ? lookup(CELL(C_CHANNEL), chan_pairs, 11) : "hotline";
    if (!ch) {
        reject(report, row->line, "来源", "无法识别的来源“%s”（应为12345热线、网上留言板、电话或来访）",
               CELL(C_CHANNEL));
        return FZ_EINVAL;
    }
    const char *urg = *CELL(C_URGENCY) ? lookup(CELL(C_URGENCY), urg_pairs, 6) : "normal";
    if (!urg) {
        reject(report, row->line, "紧急程度", "无法识别的紧急程度“%s”（应为一般、紧急或特急）",
               CELL(C_URGENCY));
        return FZ_EINVAL;
    }
    char *cat = NULL;
    if (db_query_text(db, &cat, "SELECT code FROM wo_categories WHERE name = ? OR code = ?",
                      "tt", CELL(C_CATEGORY), CELL(C_CATEGORY))) {
        reject(report, row->line, "诉求类型", "无法识别的诉求类型“%s”", CELL(C_CATEGORY));
        return FZ_EINVAL;
    }
    char received[FZ_TS_LEN];
    if (!received_text(CELL(C_RECEIVED), received)) {
        free(cat);
        reject(report, row->line, "受理时间", "受理时间“%s”格式不正确（应为 YYYY-MM-DD HH:MM:SS）",
               CELL(C_RECEIVED));
        return FZ_EINVAL;
    }
    int64_t dept = 0;
    if (*CELL(C_DEPT) && db_query_int(db, &dept, "SELECT id FROM departments WHERE name = ?"
                                      " OR code = ?", "tt", CELL(C_DEPT), CELL(C_DEPT))) {
        free(cat);
        reject(report, row->line, "承办部门", "承办部门“%s”不存在", CELL(C_DEPT));
        return FZ_EINVAL;
    }
    struct wo_input in = {
        .platform_no = no, .channel = ch, .category = cat, .urgency = urg,
        .subject = CELL(C_SUBJECT), .content = CELL(C_CONTENT),
        .citizen_name = CELL(C_NAME), .citizen_phone = CELL(C_PHONE),
        .address = CELL(C_ADDRESS), .enterprise_uscc = CELL(C_USCC), .received_at = received,
    };
#undef CELL
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = wo_create(db, cal, actor, &in, &id, &p);
    free(cat);
    if (!rc && dept) {
        json_t *body = json_pack("{s:s, s:I}", "action", "dispatch", "dept_id", (json_int_t)dept);
        char summary[160];
        rc = wo_act(db, cal, actor, id, body, NULL, summary, &p);
        json_decref(body);
    }
    if (rc == FZ_EINVAL || rc == FZ_ECONFLICT || rc == FZ_EFORBIDDEN || rc == FZ_ENOTFOUND) {
        const char *col = "";
        for (size_t k = 0; p.field && k < sizeof headers / sizeof headers[0]; k++)
            if (str_eq(headers[k].names[2], p.field))
                col = headers[k].label;
        reject(report, row->line, col, "%s", p.message[0] ? p.message : "无法导入");
        return FZ_EINVAL;
    }
    *created = !rc;
    return rc;
}

enum fz_err wo_import(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                      const struct table *t, json_t **out)
{
    json_t *rejected = json_array();
    int idx[C_COUNT];
    int64_t created = 0, existing = 0;
    enum fz_err rc = map_columns(t, idx, rejected);
    for (size_t i = 1; !rc && i < t->nrows; i++) {
        bool made = false;
        rc = db_exec(db, "SAVEPOINT wo_row");
        if (rc)
            break;
        enum fz_err r = one_row(db, cal, actor, &t->rows[i], idx, rejected, &made);
        if (r == FZ_EINVAL) {
            db_exec(db, "ROLLBACK TO wo_row");
            db_exec(db, "RELEASE wo_row");
            continue;
        }
        if (r) {
            rc = r;
            break;
        }
        rc = db_exec(db, "RELEASE wo_row");
        if (made)
            created++;
        else
            existing++;
    }
    if (rc == FZ_EINVAL)         /* the header itself was unusable: report, no rows */
        rc = FZ_OK;
    if (rc) {
        json_decref(rejected);
        return rc;
    }
    *out = json_pack("{s:I, s:I, s:I, s:o}", "rows", (json_int_t)(t->nrows ? t->nrows - 1 : 0),
                     "created", (json_int_t)created, "existing", (json_int_t)existing,
                     "rejected", rejected);
    return *out ? FZ_OK : FZ_ENOMEM;
}
