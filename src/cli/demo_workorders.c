/* demo_workorders.c - demo work orders: the 12345 and message-board orders of 2023 that the
 * annual report counts (700余件, 答复率 100%), a lighter 2024-2025, and the current year
 * up to today in every state (open, near due, overdue, supervised, paused, duplicates).
 * Every order is replayed through the work-order module with historical times (wo_act_at)
 * by the demo users who would have handled it, so timelines and figures are real.
 * Deterministic: a fixed-seed xorshift generator. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "db/db.h"
#include "http/auth.h"
#include "modules/audit.h"
#include "modules/calendar.h"
#include "modules/workorders.h"
#include "util/timeutil.h"

static uint32_t rng = 20231231u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static int pick(int n)
{
    return (int)(next() % (uint32_t)n);
}

static const struct topic {
    const char *category, *dept, *subject, *content;
} topics[] = {
    { "consult", "HMSC-SVC", "咨询企业入驻园区的办理流程", "想了解在华明高新区注册和入驻需要哪些材料，办理时限多久。" },
    { "consult", "HMSC-SVC", "咨询高新技术企业认定扶持政策", "公司计划申报高新技术企业，想咨询园区有哪些配套奖励政策。" },
    { "consult", "HMSC-SVC", "咨询信易贷平台申请条件", "小微企业想通过信易贷平台融资，咨询申请条件和流程。" },
    { "consult", "HMSC-SVC", "咨询员工子女入学政策", "园区企业员工咨询子女在东丽区入学需要的材料。" },
    { "consult", "HMSC-PLAN", "咨询厂房扩建规划审批手续", "企业拟在现有厂区内扩建仓库，咨询规划审批需要办理的手续。" },
    { "help", "HMSC-PLAN", "园区道路路面破损影响通行", "华明高新区某路段路面出现大面积破损和坑洼，车辆通行困难，请尽快修复。" },
    { "help", "HMSC-PLAN", "园区路灯夜间不亮", "园区内主干道部分路灯连续多日夜间不亮，员工下夜班出行不安全。" },
    { "help", "HMSC-SVC", "企业用工招聘需要帮助", "企业扩产急需招聘一线操作工，希望园区协助对接招聘渠道。" },
    { "help", "HMSC-PLAN", "园区公交站点设置不合理", "园区员工通勤不便，建议在企业集中区域增设公交站点。" },
    { "complaint", "HMSC-ENF", "夜间施工噪音扰民", "园区附近工地夜间施工噪音很大，影响周边员工宿舍休息。" },
    { "complaint", "HMSC-ENF", "园区周边占道经营", "园区门口有流动摊贩占道经营，影响车辆和行人通行，环境脏乱。" },
    { "complaint", "HMSC-ENF", "建筑工地扬尘污染", "园区内某在建项目未采取苫盖措施，扬尘严重。" },
    { "complaint", "HMSC-PLAN", "垃圾清运不及时", "园区公共区域垃圾桶满溢多日无人清运，气味很大。" },
    { "complaint", "HMSC-SVC", "物业服务收费不合理", "园区某楼宇物业公司收取的服务费用与合同约定不符。" },
    { "report", "HMSC-ENF", "举报违法建设", "园区内有企业在厂区空地私自搭建彩钢板房，疑似违法建设。" },
    { "report", "HMSC-SAFE", "举报企业消防通道被占用", "某企业厂房消防通道长期堆放货物，存在安全隐患。" },
    { "report", "HMSC-SAFE", "举报企业违规存放危险化学品", "发现某仓库内违规存放油漆稀料等易燃物品。" },
    { "suggestion", "HMSC-SVC", "建议增设园区便民服务点", "建议在园区内设置便民服务点，方便企业员工办理社保等业务。" },
    { "suggestion", "HMSC-PLAN", "建议增加园区停车位", "园区企业员工车辆多，路边停车位不足，建议规划增设停车场。" },
    { "praise", "HMSC-SVC", "感谢园区帮助解决企业用电问题", "园区服务中心工作人员积极协调，很快解决了企业用电扩容问题，特此表扬。" },
    { "other", "HMSC-SVC", "反映园区食堂就餐问题", "园区共享食堂就餐高峰排队时间长，希望改进。" },
};
#define NTOPICS (int)(sizeof topics / sizeof topics[0])

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄",
                                        "周", "吴", "徐", "孙", "马", "朱", "胡", "郭" };
static const char *const given[] = { "先生", "女士", "伟", "芳", "敏", "静", "强", "磊",
                                     "洋", "艳", "杰", "娟" };

struct actors {
    struct fz_user *dispatcher, *leader;
    struct fz_user *by_dept[4];         /* handlers of HMSC-SVC, -ENF, -PLAN, -SAFE */
};

static const char *const handled_depts[] = { "HMSC-SVC", "HMSC-ENF", "HMSC-PLAN",
                                             "HMSC-SAFE" };

static struct fz_user *load_user(struct db *db, const char *name)
{
    int64_t id = 0;
    struct fz_user *u = NULL;
    if (db_query_int(db, &id, "SELECT id FROM users WHERE username = ?", "t", name) ||
        auth_user_load(db, id, &u))
        return NULL;
    return u;
}

/* local time on working day `day` at hh:mm */
static time_t at_day(int32_t day, int hh, int mm)
{
    return (time_t)day * 86400 - (time_t)time_offset() * 60 + hh * 3600 + mm * 60;
}

static int act(struct db *db, const struct calendar *cal, const struct fz_user *u,
               int64_t id, json_t *body, time_t t)
{
    struct fz_problem p = {0};
    char summary[160];
    enum fz_err rc = wo_act_at(db, cal, u, id, body, t, NULL, summary, &p);
    if (rc)
        fprintf(stderr, "fazhi demo: work order %lld %s: %s\n", (long long)id,
                json_string_value(json_object_get(body, "action")),
                p.message[0] ? p.message : fz_strerror(rc));
    json_decref(body);
    return rc ? 1 : 0;
}

/* next_work: the working day n after day (n >= 0) */
static int32_t next_work(const struct calendar *cal, int32_t day, int n)
{
    int32_t out = day;
    calendar_add_workdays(cal, day, n, &out);
    return out;
}

/* replay: the lifecycle of one order up to `stage` (0 received .. 8 closed); returns 0 */
static int replay(struct db *db, const struct calendar *cal, const struct actors *a,
                  int64_t id, int32_t day, int hh, int dept_i, int64_t dept_id, int stage,
                  time_t now, bool late)
{
    const struct fz_user *h = a->by_dept[dept_i];
    time_t t = at_day(day, hh, 30);
    int32_t d2 = next_work(cal, day, late ? 6 + pick(3) : pick(3));
    int bad = 0;
    struct step { int stage; time_t t; const struct fz_user *u; json_t *body; } steps[] = {
        { 1, t + 1800, a->dispatcher, json_pack("{s:s, s:I}", "action", "dispatch",
                                                "dept_id", (json_int_t)dept_id) },
        { 2, t + 3600 + pick(3) * 600, h, json_pack("{s:s}", "action", "sign") },
        { 3, t + 7200, h, json_pack("{s:s}", "action", "start") },
        { 4, at_day(d2, 10, pick(50)), h, json_pack("{s:s, s:s}", "action", "draft", "reply",
          "经核实，已安排相关部门处理，并将处理结果电话告知来电人。感谢您对园区工作的关心。") },
        { 5, at_day(d2, 14, pick(50)), a->leader, json_pack("{s:s, s:b}", "action", "review",
                                                           "approve", 1) },
        { 6, at_day(d2, 16, pick(50)), h, json_pack("{s:s}", "action", "reply") },
        { 7, at_day(next_work(cal, d2, 1), 10, pick(50)), h, NULL },
        { 8, at_day(next_work(cal, d2, 1), 11, pick(50)), h,
          json_pack("{s:s}", "action", "close") },
    };
    int r = pick(100);
    steps[6].body = json_pack("{s:s, s:s, s:b}", "action", "callback", "result",
                              r < 86 ? "satisfied" : r < 96 ? "basic" : r < 99 ? "dissatisfied"
                                                                               : "unreachable",
                              "solved", r < 95);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (!bad && steps[i].stage <= stage && steps[i].t <= now)
            bad = act(db, cal, steps[i].u, id, steps[i].body, steps[i].t);
        else
            json_decref(steps[i].body);
    }
    return bad;
}

static int64_t dept_of(struct db *db, const char *code)
{
    int64_t id = 0;
    db_query_int(db, &id, "SELECT id FROM departments WHERE code = ?", "t", code);
    return id;
}

/* one_order: register and replay one order received on `day` */
static int one_order(struct db *db, const struct calendar *cal, const struct actors *a,
                     int32_t day, int stage, time_t now, bool late, int64_t *id_out)
{
    const struct topic *tp = &topics[pick(NTOPICS)];
    int hh = 8 + pick(9);
    time_t t = at_day(day, hh, pick(60));
    if (t > now)
        return 0;
    char rts[FZ_TS_LEN], phone[16], name[32], platform[32];
    time_format(t, rts);
    snprintf(phone, sizeof phone, "13%09u", next() % 1000000000u);
    snprintf(name, sizeof name, "%s%s", surnames[pick(16)], given[pick(12)]);
    bool board = pick(100) < 22;
    snprintf(platform, sizeof platform, "TJ%.4s%08u", rts, next() % 100000000u);
    struct wo_input in = {
        .channel = board ? "board" : "hotline", .category = tp->category,
        .urgency = pick(100) < 3 ? "urgent" : "normal", .subject = tp->subject,
        .content = tp->content, .citizen_name = name, .citizen_phone = phone,
        .address = "天津市东丽区华明高新技术产业区", .received_at = rts,
        .platform_no = board ? NULL : platform,
    };
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = wo_create(db, cal, NULL, &in, &id, &p);
    if (rc) {
        fprintf(stderr, "fazhi demo: work order: %s\n", p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    int di = 0;
    while (di < 3 && strcmp(handled_depts[di], tp->dept) != 0)
        di++;
    if (id_out)
        *id_out = id;
    return replay(db, cal, a, id, day, hh, di, dept_of(db, tp->dept), stage, now, late);
}

static int year_orders(struct fz_ctx *ctx, const struct audit_key *key,
                       const struct calendar *cal, const struct actors *a, int year, int n,
                       time_t now)
{
    int32_t first = 0, last = 0;
    char ymd[24];
    snprintf(ymd, sizeof ymd, "%04d-01-03", year);
    calendar_day(ymd, &first);
    snprintf(ymd, sizeof ymd, "%04d-12-20", year);
    calendar_day(ymd, &last);
    int32_t today = (int32_t)((now + (time_t)time_offset() * 60) / 86400);
    if (last > today)
        last = today;
    int bad = 0, made = 0;
    for (int i = 0; i < n && !bad; i += 50) {
        if (db_begin(ctx->db))
            return 1;
        for (int j = i; j < i + 50 && j < n && !bad; j++) {
            int32_t day = first + (int32_t)((int64_t)(last - first) * j / n);
            bool work = false;
            while (!calendar_is_workday(cal, day, &work) && !work)
                day++;
            int age = today - day;     /* recent orders are still being handled */
            int stage = age > 12 ? 8 : age > 7 ? 5 + pick(4) : age > 2 ? 1 + pick(6)
                                                                         : pick(4);
            /* a few are late: replied after the deadline, and in the current year a
             * few open ones are left overdue */
            bool late = pick(100) < 3;
            if (year == 2023)
                stage = 8;
            else if (age > 12 && age < 60 && pick(100) < 8)
                stage = 3;
            bad = one_order(ctx->db, cal, a, day, stage, now, late, NULL);
            made++;
        }
        char summary[160];
        snprintf(summary, sizeof summary, "演示数据：%d 年工单 %d 件（全流程回放）", year, made);
        if (!bad)
            bad = demo_audit_commit(ctx, key, "demo.workorders", "workorder", 0, summary);
        else
            db_rollback(ctx->db);
        made = 0;
    }
    return bad;
}

int demo_seed_workorders(struct fz_ctx *ctx, const struct audit_key *key)
{
    struct calendar *cal = NULL;
    if (calendar_load(ctx->db, &cal))
        return 1;
    struct actors a = { load_user(ctx->db, "handler"), load_user(ctx->db, "leader"),
                        { load_user(ctx->db, "handler"), load_user(ctx->db, "handler2"),
                          load_user(ctx->db, "handler3"), load_user(ctx->db, "admin") } };
    time_t now = time(NULL);
    int bad = !a.dispatcher || !a.leader || !a.by_dept[1] || !a.by_dept[2];
    struct tm tm;
    time_t local = now + (time_t)time_offset() * 60;
    gmtime_r(&local, &tm);
    int this_year = tm.tm_year + 1900;
    /* 2023: the report's 700余件, all answered */
    if (!bad)
        bad = year_orders(ctx, key, cal, &a, 2023, 726, now);
    for (int y = 2024; !bad && y <= this_year && calendar_year_loaded(cal, y); y++)
        bad = year_orders(ctx, key, cal, &a, y, y == this_year ? 540 : 680, now);
    calendar_free(cal);
    auth_user_free(a.dispatcher);
    auth_user_free(a.leader);
    for (int i = 0; i < 4; i++)
        auth_user_free(a.by_dept[i]);
    return bad;
}
