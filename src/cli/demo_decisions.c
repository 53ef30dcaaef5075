/* demo_decisions.c - demo data of issue 6: the center's legal adviser 天津秦天律师事务所
 * (two lawyers, yearly engagements) and the 2023 the annual report describes - 152 legal
 * opinion letters ("近150余份法律意见书") across kinds with realistic turnaround, four
 * major decisions run through their whole procedure (one of the development company: the
 * 园区道路提升改造 project), and the 党组会, 主任办公会 and the company's 董事会 and
 * 总经理办公会 deciding them and other major matters; then 2024-2026, ending with one
 * decision waiting for its legality review and one still in drafting.
 * Every record goes through decisions.c / counsel.c as the demo user who would have
 * entered it, replayed in date order from one event list, so numbers (letter numbers,
 * meeting numbers) come out chronological. Deterministic: a fixed-seed xorshift. */
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
#include "modules/counsel.h"
#include "modules/decisions.h"
#include "modules/users.h"
#include "util/str.h"
#include "util/timeutil.h"

#define DEMO_PASSWORD "Fazhi@2026"     /* the same as demo.c's */

/* ---- people ---- */

static const struct extra_user {
    const char *username, *name, *dept, *role;
} extra_users[] = {
    { "deputy1", "刘志刚", "HMSC", "leader" },
    { "deputy2", "张伟", "HMSC", "leader" },
    { "discipline", "陈静", "HMSC-PARTY", "viewer" },
    { "gm", "马骏", "HMDC", "leader" },
    { "vgm", "孙立", "HMDC", "viewer" },
    { "cfo", "赵敏", "HMDC", "viewer" },
    { "counsel2", "郑一鸣", "EXT-LAW", "counsel" },
    { NULL, NULL, NULL, NULL },
};

/* the members of each body, chair first: username and duty */
static const struct body_spec {
    const char *code;
    const char *members[6][2];
} body_specs[] = {
    { "party_group", { { "leader", "党组书记、主任" }, { "deputy2", "党组成员、副主任" },
                       { "deputy1", "党组成员、副主任" }, { "discipline", "党组成员、纪检组长" } } },
    { "director_office", { { "leader", "主任" }, { "deputy1", "副主任" },
                           { "deputy2", "副主任" } } },
    { "board", { { "leader", "董事长" }, { "gm", "董事、总经理" }, { "vgm", "董事、副总经理" },
                 { "cfo", "董事、财务总监" }, { "deputy1", "董事" } } },
    { "gm_office", { { "gm", "总经理" }, { "vgm", "副总经理" }, { "cfo", "财务总监" } } },
    { NULL, { { NULL, NULL } } },
};

#define NPEOPLE 24
struct people {
    struct db *db;
    const char *name[NPEOPLE];
    struct fz_user *u[NPEOPLE];
    int n;
};

/* person: the loaded user `username` (cached; NULL if unknown) */
static struct fz_user *person(struct people *pp, const char *username)
{
    for (int i = 0; i < pp->n; i++)
        if (str_eq(pp->name[i], username))
            return pp->u[i];
    int64_t id = 0;
    struct fz_user *u = NULL;
    if (pp->n >= NPEOPLE ||
        db_query_int(pp->db, &id, "SELECT id FROM users WHERE username = ?", "t", username) ||
        auth_user_load(pp->db, id, &u))
        return NULL;
    pp->name[pp->n] = username;
    pp->u[pp->n++] = u;
    return u;
}

static void people_free(struct people *pp)
{
    for (int i = 0; i < pp->n; i++)
        auth_user_free(pp->u[i]);
}

static uint32_t rng = 20230601u;

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

static int64_t id_of(struct db *db, const char *sql, const char *key)
{
    int64_t id = 0;
    db_query_int(db, &id, sql, "t", key);
    return id;
}

/* jq: JSON written with single quotes (readable in C) -> a new object */
static json_t *jq(const char *s)
{
    size_t n = strlen(s);
    char *t = malloc(n + 1);
    if (!t)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        t[i] = s[i] == '\'' ? '"' : s[i];
    json_error_t e;
    json_t *o = json_loads(t, 0, &e);
    if (!o)
        fprintf(stderr, "fazhi demo: bad script json (%s): %.80s\n", e.text, s);
    free(t);
    return o;
}

static int32_t day_of(const char *ymd)
{
    int32_t d = 0;
    calendar_day(ymd, &d);
    return d;
}

/* at: local time hh:mm on day */
static time_t at(int32_t day, int minute)
{
    return (time_t)day * 86400 - (time_t)time_offset() * 60 + minute * 60;
}

/* ---- the scripts: decisions ---- */

struct dstep {
    const char *date;
    int hh;
    const char *actor;          /* username */
    const char *action;         /* create | letter | a decision action */
    const char *body;           /* JSON with single quotes, or NULL */
};

struct dscript {
    const char *title, *category, *org, *lead, *proposer, *description;
    int cat_year, cat_seq;      /* the catalogue item it implements, or 0 */
    struct dstep steps[16];
};

#define DOC(name, text) "{'name':'" name "','text':'" text "'}"

static const struct dscript decisions[] = {
    { "《华明高新区企业服务扶持资金管理办法》制定", "public_policy", "center", "HMSC-SVC",
      "服务中心党组", "规范企业服务扶持资金的申报、审核、拨付和监督，提高资金使用效益。", 2023, 1,
      { { "2023-02-13", 9, "legal", "create", NULL },
        { "2023-03-10", 15, "legal", "expert",
          "{'state':'done','experts':'天津财经大学财政学教授 王立群；东丽区财政局 李红；"
          "天津秦天律师事务所 吴律师','opinion':'办法总体可行，建议明确绩效评价和资金追回情形。',"
          "'documents':[" DOC("专家论证意见.txt", "一、必要性……二、可行性……三、建议：明确绩效评价、"
          "资金追回和信用惩戒情形。") "]}" },
        { "2023-03-15", 10, "legal", "risk",
          "{'state':'done','level':'low','summary':'资金来源已列入年度预算，涉及企业面较广但"
          "不涉及群众切身利益，风险低。'}" },
        { "2023-03-23", 10, "legal", "participation",
          "{'state':'done','method':'华明高新区门户网站公开征求意见、企业座谈会',"
          "'comment_start':'2023-02-20','comment_end':'2023-03-22','comments_received':37,"
          "'adoption':'收到意见37条，采纳21条，部分采纳6条。','documents':["
          DOC("征求意见稿.txt", "华明高新区企业服务扶持资金管理办法（征求意见稿）第一条 为规范……")
          "," DOC("公众意见采纳情况报告.txt", "共收到意见37条，采纳21条……") "]}" },
        { "2023-03-27", 10, "legal", "submit_review",
          "{'counsel':'counsel','material':'决策草案、起草说明、法律依据、公众参与及专家论证情况',"
          "'documents':[" DOC("决策草案送审稿.txt", "华明高新区企业服务扶持资金管理办法（送审稿）……")
          "," DOC("起草说明.txt", "一、制定的必要性；二、主要内容；三、履行程序情况。") "]}" },
        { "2023-04-06", 16, "counsel", "letter",
          "{'conclusion':'lawful_with_changes','reasoning':'经审查，该办法在服务中心职权范围内，"
          "已履行公众参与、专家论证程序，内容与《预算法》《天津市企业扶持资金管理办法》等规定"
          "不相抵触。建议删除第十二条中设定罚款的内容（规范性文件不得设定行政处罚），修改后合法。'}" },
        { "2023-04-07", 10, "legal", "review",
          "{'from_letter':true,'reviewer':'天津秦天律师事务所 吴律师（法务部李明华复核）'}" },
        { "2023-04-20", 10, "leader", "publish",
          "{'channel':'华明高新区门户网站、东丽区人民政府网站','doc_no':'华明服发〔2023〕5号',"
          "'documents':[" DOC("公布文本.txt", "华明高新区企业服务扶持资金管理办法（2023年4月20日公布）")
          "]}" },
        { "2023-05-08", 15, "legal", "archive", NULL },
        { NULL, 0, NULL, NULL, NULL } } },
    { "华明高新区道路提升改造工程", "construction", "company", "HMDC", "天津市滨海华明开发建设有限公司",
      "对园区主干道路面、排水、照明进行提升改造，改善园区通行条件（园区道路改造）。", 2023, 2,
      { { "2023-03-06", 9, "gm", "create", NULL },
        { "2023-03-28", 14, "legal", "expert",
          "{'state':'done','experts':'天津市政工程设计研究院 高级工程师 周建；天津大学 交通工程 刘教授',"
          "'opinion':'方案技术可行，建议分段施工、保障企业通行。'}" },
        { "2023-04-13", 10, "legal", "participation",
          "{'state':'done','method':'公开征求意见、沿线企业座谈会、听证会','comment_start':'2023-03-13',"
          "'comment_end':'2023-04-12','comments_received':52,'adoption':'采纳分段施工、夜间施工限时等意见。',"
          "'documents':[" DOC("听证会笔录.txt", "2023年4月3日听证会，参加人15名……") "]}" },
        { "2023-04-14", 11, "legal", "risk",
          "{'state':'done','level':'medium','summary':'施工期间影响企业通行和周边环境，存在信访风险。',"
          "'measures':'制定交通组织方案、扬尘噪声控制措施和信访应急预案，风险可控。'}" },
        { "2023-04-17", 10, "legal", "submit_review",
          "{'counsel':'counsel2','material':'项目建议书、可行性研究报告、听证及风险评估报告',"
          "'documents':[" DOC("可行性研究报告摘要.txt", "项目总投资约2860万元……") "]}" },
        { "2023-04-26", 16, "counsel2", "letter",
          "{'conclusion':'lawful','reasoning':'项目已列入园区年度建设计划，履行了公众参与、专家论证、"
          "风险评估程序，招标采购安排符合《招标投标法》规定，决策程序合法。'}" },
        { "2023-04-27", 9, "legal", "review", "{'from_letter':true}" },
        { "2023-05-16", 10, "leader", "publish",
          "{'channel':'开发建设公司网站、华明高新区门户网站','doc_no':'华明建司〔2023〕12号'}" },
        { "2023-10-20", 15, "legal", "implement",
          "{'unit':'天津市滨海华明开发建设有限公司','report':'一期工程（华明大道东段）已完工通车，"
          "二期工程按计划推进。'}" },
        { "2023-12-15", 15, "legal", "archive", NULL },
        { NULL, 0, NULL, NULL, NULL } } },
    { "《华明高新区产业用地节约集约利用实施方案》", "resources", "center", "HMSC-PLAN",
      "规划建设部", "盘活低效用地，提高园区土地利用效率。", 2023, 3,
      { { "2023-05-15", 9, "legal", "create", NULL },
        { "2023-06-16", 10, "legal", "expert",
          "{'state':'done','experts':'天津市规划和自然资源局东丽分局 专家 赵宏；南开大学 土地经济 孙教授'}" },
        { "2023-06-19", 10, "legal", "risk",
          "{'state':'na','reason':'方案不直接涉及群众切身利益，经研判无社会稳定风险。'}" },
        { "2023-06-26", 10, "legal", "participation",
          "{'state':'done','method':'网上公开征求意见、入驻企业走访','comment_start':'2023-05-22',"
          "'comment_end':'2023-06-21','comments_received':18}" },
        { "2023-06-27", 10, "legal", "submit_review",
          "{'counsel':'counsel','documents':[" DOC("实施方案送审稿.txt", "一、总体要求……") "]}" },
        { "2023-07-07", 16, "counsel", "letter",
          "{'conclusion':'lawful','reasoning':'方案符合《土地管理法》及天津市有关节约集约用地的规定，"
          "程序完备，内容合法。'}" },
        { "2023-07-07", 17, "legal", "review", "{'from_letter':true}" },
        { "2023-07-20", 10, "leader", "publish",
          "{'channel':'华明高新区门户网站','doc_no':'华明服发〔2023〕9号'}" },
        { "2023-12-20", 15, "legal", "implement",
          "{'unit':'规划建设部','report':'已盘活低效用地约120亩，引进项目3个。'}" },
        { "2024-06-28", 15, "legal", "evaluate",
          "{'evaluator':'天津市城市规划设计研究总院（第三方）','conclusion':'实施效果总体达到预期，"
          "建议延续并完善亩均效益评价指标。'}" },
        { "2024-07-15", 15, "legal", "archive", NULL },
        { NULL, 0, NULL, NULL, NULL } } },
    { "园区共享食堂运营模式调整", "other", "center", "HMSC-SVC", "企业服务部",
      "共享食堂由自营调整为委托专业餐饮企业运营，提高就餐服务质量。", 0, 0,
      { { "2023-08-07", 9, "legal", "create", NULL },
        { "2023-08-10", 10, "legal", "expert",
          "{'state':'na','reason':'不属于专业性、技术性较强的事项。'}" },
        { "2023-08-25", 10, "legal", "risk",
          "{'state':'done','level':'low','summary':'涉及就餐职工约2000人，价格保持不变，风险低。'}" },
        { "2023-08-30", 10, "legal", "participation",
          "{'state':'done','method':'园区企业职工问卷调查、网上征求意见','comment_start':'2023-08-14',"
          "'comment_end':'2023-08-29','shortening_reason':'现运营合同9月30日到期，须在到期前完成决策，"
          "情况紧急，征求意见期缩短为15日。','comments_received':214}" },
        { "2023-09-04", 10, "legal", "submit_review", "{'material':'调整方案、问卷调查报告'}" },
        { "2023-09-13", 16, "legal", "review",
          "{'result':'lawful','reviewer':'法务部 李明华','opinion':'方案在服务中心职权范围内，"
          "委托运营应通过政府采购程序确定运营方，内容合法。'}" },
        { "2023-10-26", 10, "leader", "publish", "{'channel':'华明高新区门户网站、园区公告栏'}" },
        { "2023-11-30", 15, "legal", "archive", NULL },
        { NULL, 0, NULL, NULL, NULL } } },
    { "《华明高新区优化营商环境若干措施》", "public_policy", "center", "HMSC-SVC", "服务中心党组",
      "围绕企业全生命周期服务，提出20条优化营商环境措施。", 2024, 1,
      { { "2024-03-04", 9, "legal", "create", NULL },
        { "2024-03-29", 10, "legal", "expert", "{'state':'done','experts':'天津市营商环境研究会 专家组'}" },
        { "2024-03-29", 11, "legal", "risk", "{'state':'na','reason':'属于惠企便民措施，无社会稳定风险。'}" },
        { "2024-04-11", 10, "legal", "participation",
          "{'state':'done','method':'网上公开征求意见、企业家座谈会','comment_start':'2024-03-11',"
          "'comment_end':'2024-04-10','comments_received':64}" },
        { "2024-04-15", 10, "legal", "submit_review", "{'counsel':'counsel'}" },
        { "2024-04-24", 16, "counsel", "letter",
          "{'conclusion':'lawful','reasoning':'措施符合《优化营商环境条例》规定，未设定减损企业权利"
          "或者增加其义务的内容。'}" },
        { "2024-04-25", 9, "legal", "review", "{'from_letter':true}" },
        { "2024-05-16", 10, "leader", "publish",
          "{'channel':'华明高新区门户网站','doc_no':'华明服发〔2024〕3号'}" },
        { "2024-06-20", 15, "legal", "archive", NULL },
        { NULL, 0, NULL, NULL, NULL } } },
    { "华明高新区智慧停车项目", "construction", "company", "HMDC", "天津市滨海华明开发建设有限公司",
      "建设园区智慧停车管理平台和立体停车设施，缓解园区停车难。", 2025, 1,
      { { "2025-04-07", 9, "gm", "create", NULL },
        { "2025-05-09", 10, "legal", "expert", "{'state':'done','experts':'天津市交通科学研究院 专家组'}" },
        { "2025-05-12", 10, "legal", "risk",
          "{'state':'done','level':'medium','summary':'收费标准调整可能引发企业职工不满。',"
          "'measures':'前两年维持现行收费标准，设置职工月卡优惠。'}" },
        { "2025-05-15", 10, "legal", "participation",
          "{'state':'done','method':'网上公开征求意见、听证会','comment_start':'2025-04-14',"
          "'comment_end':'2025-05-14','comments_received':41}" },
        { "2025-05-19", 10, "legal", "submit_review", "{'counsel':'counsel2'}" },
        { "2025-05-28", 16, "counsel2", "letter",
          "{'conclusion':'lawful_with_changes','reasoning':'收费事项应按照《天津市机动车停放服务收费"
          "管理办法》履行价格备案程序，补充后合法。'}" },
        { "2025-05-29", 9, "legal", "review", "{'from_letter':true}" },
        { "2025-06-17", 10, "leader", "publish", "{'channel':'开发建设公司网站、华明高新区门户网站'}" },
        { "2025-12-10", 15, "legal", "implement",
          "{'unit':'天津市滨海华明开发建设有限公司','report':'智慧停车平台已上线，立体停车设施主体完工。'}" },
        { NULL, 0, NULL, NULL, NULL } } },
    { "《华明高新区科创绿谷产业扶持政策（2026-2028年）》", "public_policy", "center", "HMSC-SVC",
      "服务中心党组", "支持科技型企业在科创绿谷集聚发展。", 2026, 1,
      { { "2026-09-07", 9, "legal", "create", NULL },
        { "2026-10-15", 10, "legal", "participation",
          "{'state':'done','method':'网上公开征求意见、科技企业座谈会','comment_start':'2026-09-14',"
          "'comment_end':'2026-10-14','comments_received':29}" },
        { "2026-10-20", 10, "legal", "expert", "{'state':'done','experts':'天津市科技发展战略研究院 专家组'}" },
        { "2026-10-21", 10, "legal", "risk", "{'state':'na','reason':'属于惠企政策，无社会稳定风险。'}" },
        { "2026-11-19", 10, "legal", "submit_review",
          "{'counsel':'counsel','material':'政策草案、起草说明、公众参与和专家论证情况',"
          "'documents':[" DOC("政策草案送审稿.txt", "第一条 为支持科技型企业……") "]}" },
        { NULL, 0, NULL, NULL, NULL } } },
    { "《华明高新区园区道路停车管理办法》", "public_policy", "center", "HMSC-PLAN", "规划建设部",
      "规范园区道路停车秩序。", 2026, 2,
      { { "2026-11-02", 9, "legal", "create", NULL },
        { "2026-11-16", 10, "legal", "expert", "{'state':'done','experts':'天津市交通科学研究院 专家组'}" },
        /* 听证会 (Art. 16-17): materials sent 8 days before the hearing */
        { "2026-11-20", 15, "legal", "hearing",
          "{'held_on':'2026-11-20','place':'服务中心三楼会议室','presider':'规划建设部 刘振华',"
          "'notice_on':'2026-11-04','selection_method':'在华明高新区门户网站公开报名，按园区企业、"
          "周边居民、停车经营者三类随机抽取，保证各方均有代表','materials_sent_on':'2026-11-12',"
          "'participants':[{'name':'张伟','represents':'园区企业','chosen_by':'报名抽取'},"
          "{'name':'刘芳','represents':'周边居民','chosen_by':'报名抽取'},"
          "{'name':'赵强','represents':'停车经营者','chosen_by':'报名抽取'}],"
          "'minutes':'听证参加人就收费标准、夜间停车和新能源车位分别发表意见，记录在案。',"
          "'minutes_signed':true,'adoption':'拟采纳增设夜间限时免费停车的意见。'}" },
        { NULL, 0, NULL, NULL, NULL } } },
};
#define NDEC (int)(sizeof decisions / sizeof decisions[0])

/* ---- the scripts: matters, meetings, catalogues ---- */

struct dmatter {
    const char *date, *title, *kind;
    int64_t amount;             /* yuan; -1 none */
    const char *org;
    const char *direct;         /* decided directly (not major): outcome */
};

static const struct dmatter matters[] = {
    { "2023-01-10", "综合执法部负责人任免", "personnel", -1, "center", NULL },
    { "2023-01-10", "2023年度园区基础设施维护资金", "large_expense", 1200000, "center", NULL },
    { "2023-03-02", "办公用品及耗材采购", "large_expense", 35000, "center", "adopted" },
    { "2023-06-01", "园区物业服务合同（2023-2025年度）", "contract", 1800000, "center", NULL },
    { "2023-08-15", "华明高新区道路提升改造工程施工合同", "contract", 28600000, "company", NULL },
    { "2024-05-06", "企业服务部副部长任免", "personnel", -1, "center", NULL },
    { "2026-03-06", "2026年度企业服务扶持资金拨付", "large_expense", 3000000, "center", NULL },
    { "2026-10-16", "科创绿谷孵化器改造项目", "major_project", 2400000, "center", NULL },
};
#define NMATTER (int)(sizeof matters / sizeof matters[0])

struct ditem {
    int dec, matter;            /* 1-based script indexes, 0 = none */
    const char *presenter, *outcome, *resolution;
    const char *dissenter, *dissent;
};

struct dmeeting {
    const char *date, *start, *body, *title, *place;
    const char *absent, *absent_reason;
    const char *guests[3];
    const char *recorder;
    struct ditem items[3];
    const char *minutes;
    const char *planned_on;     /* set: only planned on that day, not yet held */
};

static const struct dmeeting meetings[] = {
    { "2023-01-16", "09:00", "party_group", "党组会议（干部任免、基础设施维护资金）", "服务中心三楼会议室", NULL, NULL,
      { "legal" }, "综合办公室 郑小雨",
      { { 0, 1, "党组书记 王建国", "adopted", "同意综合执法部负责人任免方案，按程序办理。", NULL, NULL },
        { 0, 2, "副主任 刘志刚", "adopted", "同意安排园区基础设施维护资金120万元，纳入年度预算执行。",
          NULL, NULL } },
      "会议研究了干部任免和年度基础设施维护资金安排，形成决定如上。", NULL },
    { "2023-04-13", "09:00", "party_group", "党组会议（企业服务扶持资金管理办法）", "服务中心三楼会议室",
      "discipline", "参加区纪委全会", { "legal", "handler" }, "综合办公室 郑小雨",
      { { 1, 0, "企业服务部", "adopted", "审议通过《华明高新区企业服务扶持资金管理办法》，"
          "按合法性审查意见修改后公布施行。", NULL, NULL } },
      "会议听取了企业服务部关于扶持资金管理办法起草情况的汇报和法律顾问的合法性审查意见，"
      "经讨论，主持人最后发表意见，会议决定通过。", NULL },
    { "2023-05-09", "14:30", "board", "董事会（道路提升改造工程）", "开发建设公司会议室", NULL, NULL,
      { "legal" }, "开发建设公司 综合部",
      { { 2, 0, "总经理 马骏", "adopted", "同意实施华明高新区道路提升改造工程，分两期建设。",
          "cfo", "项目资金压力较大，建议压缩一期规模，分三期实施。" } },
      "董事会审议了道路提升改造工程，赵敏董事对分期方案持不同意见，已如实记录。", NULL },
    { "2023-06-08", "09:00", "director_office", "主任办公会（园区物业服务合同）", "服务中心三楼会议室", NULL,
      NULL, { "legal" }, "综合办公室 郑小雨",
      { { 0, 4, "企业服务部", "adopted", "同意续签园区物业服务合同，合同文本经法律顾问审查后签订。",
          NULL, NULL } },
      "会议研究了园区物业服务合同续签事项。", NULL },
    { "2023-07-13", "09:00", "director_office", "主任办公会（产业用地节约集约利用实施方案）", "服务中心三楼会议室",
      NULL, NULL, { "legal", "handler3" }, "综合办公室 郑小雨",
      { { 3, 0, "规划建设部", "adopted", "通过《华明高新区产业用地节约集约利用实施方案》。", NULL, NULL } },
      "会议审议了产业用地节约集约利用实施方案。", NULL },
    { "2023-08-22", "15:00", "gm_office", "总经理办公会（道路提升改造工程施工合同）", "开发建设公司会议室", NULL, NULL,
      { "legal" }, "开发建设公司 综合部",
      { { 0, 5, "工程部", "adopted", "同意与中标单位签订道路提升改造工程施工合同。", NULL, NULL } },
      "会议研究了道路提升改造工程施工合同签订事项。", NULL },
    { "2023-09-21", "09:00", "director_office", "主任办公会（共享食堂运营模式调整）", "服务中心三楼会议室",
      NULL, NULL, { "legal", "handler" }, "综合办公室 郑小雨",
      { { 4, 0, "企业服务部", "deferred", "暂缓决定，请企业服务部进一步听取职工意见后再提交会议研究。",
          "deputy2", "职工对委托运营后的价格和品质仍有顾虑，建议补充调研。" } },
      "会议讨论了共享食堂运营模式调整，决定暂缓。", NULL },
    { "2023-10-19", "09:00", "director_office", "主任办公会（共享食堂运营模式调整，再次审议）", "服务中心三楼会议室",
      NULL, NULL, { "legal", "handler" }, "综合办公室 郑小雨",
      { { 4, 0, "企业服务部", "adopted", "同意共享食堂委托专业餐饮企业运营，价格两年内不上调。",
          NULL, NULL } },
      "会议再次审议共享食堂运营模式调整，企业服务部补充了职工调研情况，会议决定通过。", NULL },
    { "2024-05-09", "09:00", "party_group", "党组会议（优化营商环境若干措施、干部任免）", "服务中心三楼会议室", NULL, NULL,
      { "legal" }, "综合办公室 郑小雨",
      { { 5, 0, "企业服务部", "adopted", "审议通过《华明高新区优化营商环境若干措施》。", NULL, NULL },
        { 0, 6, "党组书记 王建国", "adopted", "同意企业服务部副部长任免。", NULL, NULL } },
      "会议审议了优化营商环境若干措施和干部任免事项。", NULL },
    { "2025-06-10", "14:30", "board", "董事会（智慧停车项目）", "开发建设公司会议室", "vgm", "外出学习",
      { "legal" }, "开发建设公司 综合部",
      { { 6, 0, "总经理 马骏", "adopted", "同意实施智慧停车项目，按合法性审查意见完成收费备案。",
          NULL, NULL } },
      "董事会审议了智慧停车项目。", NULL },
    { "2026-03-12", "09:00", "party_group", "党组会议（年度企业服务扶持资金拨付）", "服务中心三楼会议室", NULL, NULL,
      { "legal" }, "综合办公室 郑小雨",
      { { 0, 7, "企业服务部", "adopted", "同意拨付2026年度企业服务扶持资金300万元。", NULL, NULL } },
      "会议研究了年度扶持资金拨付事项。", NULL },
    { "2026-10-22", "09:00", "director_office", "主任办公会（科创绿谷孵化器改造项目）", "服务中心三楼会议室",
      NULL, NULL, { "legal", "handler3" }, "综合办公室 郑小雨",
      { { 0, 8, "规划建设部", "adopted", "同意实施科创绿谷孵化器改造项目。", NULL, NULL } },
      "会议研究了科创绿谷孵化器改造项目。", NULL },
    { "2026-12-03", "09:00", "party_group", "党组会议（科创绿谷产业扶持政策）", "服务中心三楼会议室", NULL, NULL,
      { NULL }, "综合办公室 郑小雨",
      { { 7, 0, "企业服务部", NULL, NULL, NULL, NULL } },
      NULL, "2026-11-23" },
};
#define NMEETING (int)(sizeof meetings / sizeof meetings[0])

struct dcat {
    int year;
    const char *created, *approved, *published;
    const char *items[4][3];    /* title, category, lead department code */
};

static const struct dcat catalogues[] = {
    { 2023, "2023-01-05", "2023-01-12", "2023-01-16",
      { { "制定华明高新区企业服务扶持资金管理办法", "public_policy", "HMSC-SVC" },
        { "华明高新区道路提升改造工程", "construction", "HMDC" },
        { "制定华明高新区产业用地节约集约利用实施方案", "resources", "HMSC-PLAN" } } },
    { 2024, "2024-01-08", "2024-01-15", "2024-01-22",
      { { "制定华明高新区优化营商环境若干措施", "public_policy", "HMSC-SVC" },
        { "华明高新区公共服务设施专项规划（2024-2030年）", "plan", "HMSC-PLAN" } } },
    { 2025, "2025-01-06", "2025-01-13", "2025-01-20",
      { { "华明高新区智慧停车项目", "construction", "HMDC" } } },
    { 2026, "2026-01-08", "2026-01-15", "2026-01-20",
      { { "制定科创绿谷产业扶持政策（2026-2028年）", "public_policy", "HMSC-SVC" },
        { "制定园区道路停车管理办法", "public_policy", "HMSC-PLAN" } } },
    { 2027, "2026-11-20", NULL, NULL,
      { { "华明高新区低效工业用地更新改造计划", "resources", "HMSC-PLAN" },
        { "园区公共充电设施建设项目", "construction", "HMDC" } } },
};
#define NCAT (int)(sizeof catalogues / sizeof catalogues[0])

/* ---- generated review requests (the bulk of the letters) ---- */

static const char *const gen_titles[5][8] = {
    { NULL },                                                   /* decision: scripts */
    { "园区物业服务合同", "园区绿化养护服务合同", "厂房租赁合同", "道路日常维修工程施工合同",
      "招商引资合作协议", "安保服务采购合同", "技术服务合同", "委托代建协议" },
    { "园区企业信用承诺管理办法（草案）", "园区安全生产监督检查工作规程", "企业服务专员工作制度",
      "园区应急物资管理办法", "园区广告设置管理规定", NULL, NULL, NULL },
    { "行政处罚决定书（违法建设）", "责令限期改正通知书", "行政处罚事先告知书",
      "查封扣押决定书（危险化学品）", "行政处罚决定书（占道经营）", "不予行政处罚决定书",
      NULL, NULL },
    { "政府信息公开申请答复书", "信访事项答复意见", "企业劳动争议处理意见",
      "民事诉讼应诉方案", "行政复议答复书", NULL, NULL, NULL },
};

static const char *const kind_codes[5] = { "decision", "contract", "normative_document",
                                           "enforcement_document", "other" };

struct gen {
    int32_t sub, ret, resub, letter;    /* ret 0: not returned */
    int kind, topic, counsel, concl;
    int64_t id;
};

struct plan {
    struct gen *g;
    int n, cap;
};

static const char *const conclusions[] = { "lawful", "lawful_with_changes", "unlawful",
                                           "other" };

/* workday_after: n working days after day (day itself not counted) */
static int32_t workday_after(const struct calendar *cal, int32_t day, int n)
{
    int32_t out = day + n;
    calendar_add_workdays(cal, day, n, &out);
    return out;
}

/* turnaround: mostly 2-4 working days; about 8 % beyond the 5-day limit */
static int turnaround(void)
{
    int r = pick(100);
    return r < 10 ? 1 : r < 30 ? 2 : r < 60 ? 3 : r < 80 ? 4 : r < 92 ? 5 : r < 97 ? 6 : 7;
}

static int plan_year(struct plan *pl, const struct calendar *cal, int year, int n,
                     int32_t today)
{
    char ymd[16];
    snprintf(ymd, sizeof ymd, "%04d-01-03", year);
    int32_t first = day_of(ymd);
    snprintf(ymd, sizeof ymd, "%04d-12-15", year);
    int32_t last = day_of(ymd);
    if (last > today)
        last = today;
    for (int i = 0; i < n && first <= last; i++) {
        if (pl->n == pl->cap) {
            int cap = pl->cap ? pl->cap * 2 : 256;
            struct gen *g = realloc(pl->g, (size_t)cap * sizeof *g);
            if (!g)
                return 1;
            pl->g = g;
            pl->cap = cap;
        }
        struct gen *g = &pl->g[pl->n++];
        memset(g, 0, sizeof *g);
        int32_t d = first + (int32_t)((int64_t)(last - first) * i / n);
        bool work = false;
        while (!calendar_is_workday(cal, d, &work) && !work)
            d++;
        int r = pick(100);
        g->kind = r < 45 ? 1 : r < 55 ? 2 : r < 85 ? 3 : 4;
        int ntop = 0;
        while (ntop < 8 && gen_titles[g->kind][ntop])
            ntop++;
        g->topic = pick(ntop);
        g->counsel = pick(100) < 60 ? 0 : 1;
        int c = pick(100);
        g->concl = c < 62 ? 0 : c < 92 ? 1 : c < 96 ? 2 : 3;
        g->sub = d;
        if (pick(100) < 8) {
            g->ret = workday_after(cal, d, 1);
            g->resub = workday_after(cal, g->ret, 1 + pick(2));
            g->letter = workday_after(cal, g->resub, turnaround());
        } else {
            g->letter = workday_after(cal, d, turnaround());
        }
    }
    return 0;
}

/* ---- the event list ---- */

enum ev_kind { EV_SUBMIT, EV_RETURN, EV_RESUBMIT, EV_ANSWER, EV_CATALOGUE, EV_MATTER,
               EV_DECISION, EV_MEETING };

struct event {
    int32_t day;
    int minute;
    int order;                  /* insertion order: ties keep the script's order */
    enum ev_kind kind;
    int idx, sub;
};

struct events {
    struct event *e;
    int n, cap;
};

static int push(struct events *ev, int32_t day, int minute, enum ev_kind kind, int idx,
                int sub)
{
    if (ev->n == ev->cap) {
        int cap = ev->cap ? ev->cap * 2 : 512;
        struct event *e = realloc(ev->e, (size_t)cap * sizeof *e);
        if (!e)
            return 1;
        ev->e = e;
        ev->cap = cap;
    }
    ev->e[ev->n] = (struct event){ day, minute, ev->n, kind, idx, sub };
    ev->n++;
    return 0;
}

static int by_time(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->minute != y->minute)
        return x->minute < y->minute ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* ---- running ---- */

struct run {
    struct fz_ctx *ctx;
    const struct audit_key *key;
    const struct calendar *cal;
    struct people pp;
    struct plan plan;
    int64_t dec_id[NDEC], dec_req[NDEC], matter_id[NMATTER];
    int32_t today;
    time_t now;
    char summary[200];
    const char *action, *etype;
    int64_t eid;
};

static struct dec_ctx dctx(struct run *r, const char *user, int32_t day, int minute)
{
    return (struct dec_ctx){ .db = r->ctx->db, .cal = r->cal,
                             .actor = user ? person(&r->pp, user) : NULL,
                             .now = at(day, minute), .files = r->ctx->cfg->files };
}

static int report(enum fz_err rc, const char *what, const struct fz_problem *p)
{
    if (rc)
        fprintf(stderr, "fazhi demo: %s: %s\n", what, p->message[0] ? p->message : fz_strerror(rc));
    return rc ? 1 : 0;
}

static const char *reasoning(int kind, int concl)
{
    static const char *const text[4] = {
        "经审查，该事项在服务中心职权范围内，内容符合有关法律、法规和规章的规定，程序完备，合法。",
        "经审查，该事项总体合法，但部分条款表述不够严谨，权利义务约定不够明确，建议按修改意见调整后实施。",
        "经审查，该事项部分内容与上位法规定相抵触，不宜按现有内容实施，建议重新研究。",
        "该事项属于一般法律咨询，已提出处理建议，供参考。",
    };
    (void)kind;
    return text[concl];
}

static int gen_event(struct run *r, const struct event *e)
{
    struct gen *g = &r->plan.g[e->idx];
    const char *counsel = g->counsel ? "counsel2" : "counsel";
    const char *requester = g->kind == 3 ? "officer1" : "legal";
    struct fz_problem p = {0};
    enum fz_err rc = FZ_OK;
    char d[11];
    if (e->kind == EV_SUBMIT) {
        /* the legal office files and assigns every request; enforcement documents are
         * then recorded as the officer's own request */
        struct dec_ctx c = dctx(r, "legal", e->day, e->minute);
        struct fz_user *cu = person(&r->pp, counsel), *ru = person(&r->pp, requester);
        calendar_ymd(g->sub, d);
        struct review_input in = {
            .title = gen_titles[g->kind][g->topic], .kind = kind_codes[g->kind],
            .material = "送审文本及相关材料", .submitted_on = d, .counsel_id = cu ? cu->id : 0,
        };
        rc = counsel_request_create(&c, &in, &g->id, &p);
        if (!rc && g->kind == 3 && ru)
            rc = db_run(r->ctx->db, NULL, "UPDATE review_requests SET requested_by = ?,"
                        " requester_dept_id = ? WHERE id = ?", "iii", ru->id, ru->dept_id, g->id);
        return report(rc, "review request", &p);
    }
    if (!g->id)
        return 0;
    if (e->kind == EV_RETURN) {
        struct dec_ctx c = dctx(r, counsel, e->day, e->minute);
        json_t *b = json_pack("{s:s}", "reason", "请补充相关依据文件和前期审批材料。");
        rc = counsel_return(&c, g->id, b, &p);
        json_decref(b);
        return report(rc, "review return", &p);
    }
    if (e->kind == EV_RESUBMIT) {
        struct dec_ctx c = dctx(r, requester, e->day, e->minute);
        json_t *b = json_pack("{s:s}", "material", "已补充依据文件和前期审批材料。");
        rc = counsel_resubmit(&c, g->id, b, &p);
        json_decref(b);
        return report(rc, "review resubmit", &p);
    }
    struct dec_ctx c = dctx(r, counsel, e->day, e->minute);
    calendar_ymd(g->letter, d);
    json_t *b = json_pack("{s:s, s:s, s:s}", "letter_on", d, "conclusion",
                          conclusions[g->concl], "reasoning", reasoning(g->kind, g->concl));
    int64_t letter = 0;
    char no[64];
    rc = counsel_opinion(&c, g->id, b, &letter, no, &p);
    json_decref(b);
    return report(rc, "opinion letter", &p);
}

static int64_t catalogue_item(struct db *db, int year, int seq)
{
    int64_t id = 0;
    if (year)
        db_query_int(db, &id, "SELECT i.id FROM decision_catalogue_items i JOIN"
                     " decision_catalogues c ON c.id = i.catalogue_id WHERE c.year = ?"
                     " AND i.seq = ?", "ii", (int64_t)year, (int64_t)seq);
    return id;
}

/* counsel_for_decision: submit_review naming a counsel files the review request first,
 * as the API does */
static enum fz_err counsel_for_decision(struct run *r, struct dec_ctx *c, int i, json_t *body,
                                        const char *date, struct fz_problem *p)
{
    const char *who = json_string_value(json_object_get(body, "counsel"));
    struct fz_user *cu = who ? person(&r->pp, who) : NULL;
    if (!cu)
        return FZ_OK;
    char title[700];
    snprintf(title, sizeof title, "%s合法性审查", decisions[i].title);
    struct review_input in = {
        .title = title, .kind = "decision", .decision_id = r->dec_id[i], .counsel_id = cu->id,
        .submitted_on = date, .attachments = json_object_get(body, "documents"),
        .material = json_string_value(json_object_get(body, "material")),
    };
    enum fz_err rc = counsel_request_create(c, &in, &r->dec_req[i], p);
    json_object_del(body, "counsel");
    json_object_set_new(body, "review_request_id", json_integer(r->dec_req[i]));
    return rc;
}

static int dec_event(struct run *r, const struct event *e, json_t **detail)
{
    const struct dscript *ds = &decisions[e->idx];
    const struct dstep *st = &ds->steps[e->sub];
    struct dec_ctx c = dctx(r, st->actor, e->day, e->minute);
    struct fz_problem p = {0};
    json_t *body = st->body ? jq(st->body) : json_object();
    if (!body)
        return 1;
    enum fz_err rc = FZ_OK;
    r->etype = "decision";
    if (str_eq(st->action, "create")) {
        struct dec_input in = {
            .title = ds->title, .category = ds->category, .org = ds->org,
            .proposer = ds->proposer, .description = ds->description, .initiated_on = st->date,
            .lead_dept_id = id_of(r->ctx->db, "SELECT id FROM departments WHERE code = ?",
                                  ds->lead),
            .catalogue_item_id = catalogue_item(r->ctx->db, ds->cat_year, ds->cat_seq),
        };
        rc = dec_create(&c, &in, &r->dec_id[e->idx], &p);
        r->action = "decision.create";
        r->eid = r->dec_id[e->idx];
        dec_summarize(r->summary, "启动重大行政决策：%s", ds->title);
    } else if (str_eq(st->action, "letter")) {
        int64_t letter = 0;
        char no[64] = "";
        json_object_set_new(body, "letter_on", json_string(st->date));
        rc = counsel_opinion(&c, r->dec_req[e->idx], body, &letter, no, &p);
        r->action = "review.opinion";
        r->etype = "review_request";
        r->eid = r->dec_req[e->idx];
        dec_summarize(r->summary, "出具法律意见书 %s（%s）", no, ds->title);
    } else {
        if (str_eq(st->action, "submit_review"))
            rc = counsel_for_decision(r, &c, e->idx, body, st->date, &p);
        if (json_is_true(json_object_get(body, "from_letter"))) {
            json_object_del(body, "from_letter");
            json_object_set_new(body, "review_id", json_integer(r->dec_req[e->idx]));
        } else if (!json_object_get(body, "date")) {
            json_object_set_new(body, "date", json_string(st->date));
        }
        json_object_set_new(body, "action", json_string(st->action));
        if (!rc)
            rc = dec_act(&c, r->dec_id[e->idx], body, NULL, r->summary, detail, &p);
        r->action = str_eq(st->action, "archive") ? "decision.archive" : "decision.action";
        r->eid = r->dec_id[e->idx];
    }
    json_decref(body);
    return report(rc, ds->title, &p);
}

static int matter_event(struct run *r, const struct event *e)
{
    const struct dmatter *m = &matters[e->idx];
    struct dec_ctx c = dctx(r, "leader", e->day, e->minute);
    struct fz_problem p = {0};
    json_t *body = json_pack("{s:s, s:s, s:s}", "title", m->title, "kind", m->kind, "org", m->org);
    if (m->amount >= 0)
        json_object_set_new(body, "amount", json_integer(m->amount));
    enum fz_err rc = matter_create(&c, body, &r->matter_id[e->idx], &p);
    json_decref(body);
    r->action = "matter.create";
    r->etype = "major_matter";
    r->eid = r->matter_id[e->idx];
    dec_summarize(r->summary, "登记事项：%s", m->title);
    if (!rc && m->direct) {
        body = json_pack("{s:s}", "outcome", m->direct);
        rc = matter_decide(&c, r->matter_id[e->idx], body, r->summary, &p);
        json_decref(body);
        r->action = "matter.decide";
    }
    return report(rc, m->title, &p);
}

static int catalogue_event(struct run *r, const struct event *e)
{
    const struct dcat *k = &catalogues[e->idx];
    struct fz_problem p = {0};
    enum fz_err rc = FZ_OK;
    int64_t id = 0;
    r->etype = "decision_catalogue";
    if (e->sub == 0) {
        struct dec_ctx c = dctx(r, "legal", e->day, e->minute);
        json_t *items = json_array();
        for (int i = 0; i < 4 && k->items[i][0]; i++)
            json_array_append_new(items, json_pack("{s:s, s:s, s:I}", "title", k->items[i][0],
                "category", k->items[i][1], "lead_dept_id", (json_int_t)id_of(r->ctx->db,
                "SELECT id FROM departments WHERE code = ?", k->items[i][2])));
        json_t *body = json_pack("{s:i, s:o}", "year", k->year, "items", items);
        rc = dec_catalogue_save(&c, 0, 0, body, &id, &p);
        json_decref(body);
        r->action = "decision.catalogue_create";
        dec_summarize(r->summary, "编制%d年度重大行政决策事项目录", k->year);
    } else {
        struct dec_ctx c = dctx(r, "leader", e->day, e->minute);
        db_query_int(r->ctx->db, &id, "SELECT id FROM decision_catalogues WHERE year = ?", "i",
                     (int64_t)k->year);
        char d[11];
        calendar_ymd(e->day, d);
        json_t *body = json_pack("{s:s, s:s}", "action", e->sub == 1 ? "party_approve" : "publish",
                                 "date", d);
        rc = dec_catalogue_advance(&c, id, body, &p);
        json_decref(body);
        r->action = "decision.catalogue_action";
        dec_summarize(r->summary, "%d年度决策事项目录%s", k->year,
                      e->sub == 1 ? "经党委同意" : "向社会公布");
    }
    r->eid = id;
    return report(rc, "decision catalogue", &p);
}

static const char *const agree_words[] = { "同意。", "同意，建议抓紧组织实施。",
                                           "同意，注意做好政策解读。", "同意，请按审查意见完善。" };

static enum fz_err attend(struct run *r, struct dec_ctx *c, const struct dmeeting *m,
                          int64_t mid, int64_t body_id, json_t **members, struct fz_problem *p)
{
    enum fz_err rc = db_query_json(r->ctx->db, members, "SELECT bm.user_id, u.username FROM"
                                   " meeting_body_members bm JOIN users u ON u.id = bm.user_id"
                                   " WHERE bm.body_id = ? ORDER BY bm.sort", "i", body_id);
    if (rc)
        return rc;
    json_t *list = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(*members, i, x) {
        bool away = str_eq(m->absent, json_string_value(json_object_get(x, "username")));
        json_t *a = json_pack("{s:O, s:b}", "user_id", json_object_get(x, "user_id"), "present",
                              !away);
        if (away)
            json_object_set_new(a, "absence_reason", json_string(m->absent_reason));
        json_array_append_new(list, a);
    }
    for (int g = 0; g < 3 && m->guests[g]; g++) {
        struct fz_user *u = person(&r->pp, m->guests[g]);
        if (u)
            json_array_append_new(list, json_pack("{s:I, s:b, s:s}", "user_id", (json_int_t)u->id,
                                                  "present", 1, "role", "attendee"));
    }
    json_t *body = json_pack("{s:o}", "attendees", list);
    rc = mtg_attendance(c, mid, body, p);
    json_decref(body);
    return rc;
}

static enum fz_err discuss(struct dec_ctx *c, const struct ditem *it,
                           int64_t mid, int64_t item, json_t *members, struct fz_problem *p)
{
    json_t *ops = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(members, i, x) {
        const char *u = json_string_value(json_object_get(x, "username"));
        bool no = str_eq(u, it->dissenter);
        json_array_append_new(ops, json_pack("{s:O, s:s, s:s}", "user_id",
                                             json_object_get(x, "user_id"), "opinion",
                                             no ? "disagree" : "agree", "statement",
                                             no ? it->dissent : agree_words[pick(4)]));
    }
    json_t *body = json_pack("{s:o}", "opinions", ops);
    enum fz_err rc = mtg_opinions(c, mid, item, body, p);
    json_decref(body);
    c->now += 20 * 60;
    char sub[200];
    body = json_pack("{s:s, s:s}", "outcome", it->outcome, "resolution", it->resolution);
    if (!rc)
        rc = mtg_decide(c, mid, item, body, NULL, sub, p);
    json_decref(body);
    return rc;
}

/* present_members: the members who attended (opinions come only from them) */
static json_t *present_members(json_t *members, const char *absent)
{
    json_t *out = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(members, i, x)
        if (!str_eq(absent, json_string_value(json_object_get(x, "username"))))
            json_array_append(out, x);
    return out;
}

static int meeting_event(struct run *r, const struct event *e)
{
    const struct dmeeting *m = &meetings[e->idx];
    const char *op = str_eq(m->body, "gm_office") ? "gm" : "leader";
    struct dec_ctx c = dctx(r, op, e->day, e->minute);
    struct fz_problem p = {0};
    int64_t body_id = id_of(r->ctx->db, "SELECT id FROM meeting_bodies WHERE code = ?", m->body);
    json_t *items = json_array();
    for (int i = 0; i < 3 && (m->items[i].dec || m->items[i].matter); i++) {
        const struct ditem *it = &m->items[i];
        json_t *x = json_pack("{s:s}", "presenter", it->presenter);
        if (it->dec)
            json_object_set_new(x, "decision_id", json_integer(r->dec_id[it->dec - 1]));
        else
            json_object_set_new(x, "matter_id", json_integer(r->matter_id[it->matter - 1]));
        json_array_append_new(items, x);
    }
    json_t *body = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "body_id", (json_int_t)body_id,
                             "title", m->title, "held_on", m->date, "start_time", m->start,
                             "place", m->place, "recorder", m->recorder, "items", items);
    int64_t mid = 0;
    enum fz_err rc = mtg_create(&c, body, &mid, &p);
    json_decref(body);
    r->action = m->planned_on ? "meeting.create" : "meeting.held";
    r->etype = "meeting";
    r->eid = mid;
    dec_summarize(r->summary, "%s%s", m->planned_on ? "安排会议：" : "召开并记录会议：", m->title);
    if (rc || m->planned_on)
        return report(rc, m->title, &p);
    json_t *members = NULL, *ids = NULL;
    c.now += 30 * 60;
    rc = attend(r, &c, m, mid, body_id, &members, &p);
    if (!rc)
        rc = db_query_json(r->ctx->db, &ids, "SELECT id FROM meeting_items WHERE meeting_id = ?"
                           " ORDER BY seq", "i", mid);
    json_t *present = members ? present_members(members, m->absent) : NULL;
    for (size_t i = 0; !rc && i < json_array_size(ids); i++)
        rc = discuss(&c, &m->items[i], mid,
                     json_integer_value(json_object_get(json_array_get(ids, i), "id")),
                     present, &p);
    body = json_pack("{s:s}", "minutes", m->minutes);
    c.now += 30 * 60;
    if (!rc)
        rc = mtg_close(&c, mid, body, &p);
    json_decref(body);
    json_decref(present);
    json_decref(members);
    json_decref(ids);
    return report(rc, m->title, &p);
}

/* ---- setup: people, bodies, the law firm ---- */

/* commit: the audit entry (with an optional detail) and the transaction */
static int commit(struct run *r, json_t *detail)
{
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", (long long)r->eid);
    struct audit_entry e = { .username = "demo", .method = "CLI", .path = "fazhi demo",
                             .action = r->action, .entity_type = r->etype, .entity_id = ids,
                             .summary = r->summary, .detail = detail };
    enum fz_err rc = audit_append(r->ctx->db, r->key, &e, NULL);
    if (!rc)
        rc = db_commit(r->ctx->db);
    else
        db_rollback(r->ctx->db);
    return rc ? 1 : 0;
}

static int add_users(struct run *r)
{
    for (const struct extra_user *x = extra_users; x->username; x++) {
        json_t *roles = json_pack("[s]", x->role);
        struct user_input in = { .username = x->username, .display_name = x->name,
                                 .password = DEMO_PASSWORD, .roles = roles };
        struct fz_problem p = {0};
        int64_t id = 0;
        enum fz_err rc = db_begin(r->ctx->db);
        in.dept_id = id_of(r->ctx->db, "SELECT id FROM departments WHERE code = ?", x->dept);
        if (!rc)
            rc = users_create(r->ctx->db, NULL, &in, &id, &p);
        json_decref(roles);
        if (rc) {
            db_rollback(r->ctx->db);
            return report(rc, x->username, &p);
        }
        r->action = "user.create";
        r->etype = "user";
        r->eid = id;
        dec_summarize(r->summary, "创建演示用户 %s（%s）", x->username, x->name);
        if (commit(r, NULL))
            return 1;
    }
    return 0;
}

static int set_bodies(struct run *r, struct dec_ctx *c)
{
    for (const struct body_spec *b = body_specs; b->code; b++) {
        json_t *members = json_array();
        for (int i = 0; i < 6 && b->members[i][0]; i++) {
            struct fz_user *u = person(&r->pp, b->members[i][0]);
            if (u)
                json_array_append_new(members, json_pack("{s:I, s:s, s:b}", "user_id",
                                                         (json_int_t)u->id, "duty",
                                                         b->members[i][1], "is_chair", i == 0));
        }
        int64_t id = id_of(r->ctx->db, "SELECT id FROM meeting_bodies WHERE code = ?", b->code);
        json_t *body = json_pack("{s:I, s:o}", "version", (json_int_t)1, "members", members);
        struct fz_problem p = {0};
        enum fz_err rc = db_begin(r->ctx->db);
        if (!rc)
            rc = mtg_body_update(c, id, body, &p);
        json_decref(body);
        if (rc) {
            db_rollback(r->ctx->db);
            return report(rc, b->code, &p);
        }
        r->action = "meeting.body_update";
        r->etype = "meeting_body";
        r->eid = id;
        dec_summarize(r->summary, "设置议事机构成员：%s", b->code);
        if (commit(r, NULL))
            return 1;
    }
    return 0;
}

static int set_firm(struct run *r, struct dec_ctx *c)
{
    static const char *const terms[][3] = {
        { "2023-01-01", "2023-12-31", "QT-FG-2023-01" },
        { "2024-01-01", "2024-12-31", "QT-FG-2024-01" },
        { "2025-01-01", "2026-12-31", "QT-FG-2025-01" },
    };
    struct fz_problem p = {0};
    int64_t firm = 0, eid = 0;
    json_t *f = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", "天津秦天律师事务所",
                          "letter_prefix", "秦天法意", "address", "天津市河西区友谊路",
                          "contact", "吴律师", "phone", "022-23456781");
    enum fz_err rc = db_begin(r->ctx->db);
    if (!rc)
        rc = counsel_firm_save(c, 0, f, &firm, &p);
    json_decref(f);
    static const char *const lawyers[][3] = { { "counsel", "11201201010234567", "合伙人" },
                                              { "counsel2", "11201201810765432", "专职律师" } };
    for (int i = 0; !rc && i < 2; i++) {
        struct fz_user *u = person(&r->pp, lawyers[i][0]);
        json_t *l = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)(u ? u->id : 0),
                              "license_no", lawyers[i][1], "title", lawyers[i][2]);
        rc = counsel_lawyer_save(c, firm, l, &p);
        json_decref(l);
    }
    for (int i = 0; !rc && i < 3; i++) {
        json_t *e = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i}", "firm_id", (json_int_t)firm,
                              "start_on", terms[i][0], "end_on", terms[i][1], "contract_no",
                              terms[i][2], "scope", "常年法律顾问：重大行政决策合法性审查、合同审查、"
                              "规范性文件审查、执法文书审核、诉讼与信访法律事务、普法宣传",
                              "fee", 120000);
        rc = counsel_engagement_create(c, e, &eid, &p);
        json_decref(e);
    }
    if (rc) {
        db_rollback(r->ctx->db);
        return report(rc, "law firm", &p);
    }
    r->action = "counsel.firm_create";
    r->etype = "law_firm";
    r->eid = firm;
    dec_summarize(r->summary, "登记外聘法律顾问：天津秦天律师事务所（律师2名，聘用合同3份）");
    return commit(r, NULL);
}

/* ---- the event list and the run ---- */

static int build_events(struct run *r, struct events *ev)
{
    int bad = 0;
    for (int i = 0; i < NCAT; i++) {
        const char *dates[] = { catalogues[i].created, catalogues[i].approved,
                                catalogues[i].published };
        for (int s = 0; s < 3 && dates[s]; s++)
            bad |= push(ev, day_of(dates[s]), 8 * 60 + s, EV_CATALOGUE, i, s);
    }
    for (int i = 0; i < NMATTER; i++)
        bad |= push(ev, day_of(matters[i].date), 9 * 60, EV_MATTER, i, 0);
    for (int i = 0; i < NDEC; i++)
        for (int s = 0; decisions[i].steps[s].date; s++)
            bad |= push(ev, day_of(decisions[i].steps[s].date),
                        decisions[i].steps[s].hh * 60 + s, EV_DECISION, i, s);
    for (int i = 0; i < NMEETING; i++) {
        const char *d = meetings[i].planned_on ? meetings[i].planned_on : meetings[i].date;
        int hh = (meetings[i].start[0] - '0') * 10 + (meetings[i].start[1] - '0');
        bad |= push(ev, day_of(d), meetings[i].planned_on ? 16 * 60 : hh * 60 - 30, EV_MEETING,
                    i, 0);
    }
    for (int i = 0; i < r->plan.n; i++) {
        const struct gen *g = &r->plan.g[i];
        bad |= push(ev, g->sub, 9 * 60 + pick(400), EV_SUBMIT, i, 0);
        if (g->ret)
            bad |= push(ev, g->ret, 15 * 60 + pick(60), EV_RETURN, i, 0);
        if (g->resub)
            bad |= push(ev, g->resub, 10 * 60 + pick(60), EV_RESUBMIT, i, 0);
        bad |= push(ev, g->letter, 16 * 60 + pick(90), EV_ANSWER, i, 0);
    }
    qsort(ev->e, (size_t)ev->n, sizeof *ev->e, by_time);
    return bad;
}

static int month_of(int32_t day)
{
    char d[11];
    calendar_ymd(day, d);
    return ((d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0')) * 12 +
           (d[5] - '0') * 10 + (d[6] - '0');
}

static int exec(struct run *r, const struct event *e, json_t **detail)
{
    switch (e->kind) {
    case EV_SUBMIT:
    case EV_RETURN:
    case EV_RESUBMIT:
    case EV_ANSWER:
        return gen_event(r, e);
    case EV_CATALOGUE:
        return catalogue_event(r, e);
    case EV_MATTER:
        return matter_event(r, e);
    case EV_DECISION:
        return dec_event(r, e, detail);
    case EV_MEETING:
        return meeting_event(r, e);
    }
    return 1;
}

/* run_events: in date order; the bulk review events are committed a month at a time
 * with one audit entry, every other record with its own */
static int run_events(struct run *r, const struct events *ev)
{
    bool open = false;
    int month = -1, batch = 0;
    for (int i = 0; i < ev->n; i++) {
        const struct event *e = &ev->e[i];
        if (at(e->day, e->minute) > r->now)
            continue;
        bool bulk = e->kind <= EV_ANSWER;
        if (open && (!bulk || month_of(e->day) != month || batch >= 120)) {
            r->action = "demo.reviews";
            r->etype = "review_request";
            r->eid = 0;
            char d[11];
            calendar_ymd(e->day, d);
            dec_summarize(r->summary, "演示数据：合法性审查申请与法律意见书 %d 项操作（至 %s）",
                          batch, d);
            if (commit(r, NULL))
                return 1;
            open = false;
        }
        if (!open) {
            if (db_begin(r->ctx->db))
                return 1;
            open = true;
            month = month_of(e->day);
            batch = 0;
        }
        json_t *detail = NULL;
        if (exec(r, e, &detail)) {
            json_decref(detail);
            db_rollback(r->ctx->db);
            return 1;
        }
        batch++;
        if (!bulk) {
            int bad = commit(r, detail);
            json_decref(detail);
            open = false;
            if (bad)
                return 1;
        }
    }
    if (open) {
        r->action = "demo.reviews";
        r->etype = "review_request";
        r->eid = 0;
        dec_summarize(r->summary, "演示数据：合法性审查申请与法律意见书 %d 项操作", batch);
        return commit(r, NULL);
    }
    return 0;
}

int demo_seed_decisions(struct fz_ctx *ctx, const struct audit_key *key)
{
    struct calendar *cal = NULL;
    if (calendar_load(ctx->db, &cal))
        return 1;
    struct run *r = calloc(1, sizeof *r);
    if (!r) {
        calendar_free(cal);
        return 1;
    }
    r->ctx = ctx;
    r->key = key;
    r->cal = cal;
    r->pp.db = ctx->db;
    r->now = time(NULL);
    r->today = (int32_t)floor((double)(r->now + (time_t)time_offset() * 60) / 86400.0);
    struct dec_ctx c = { .db = ctx->db, .cal = cal, .now = r->now };
    struct events ev = {0};
    /* 152 letters in 2023 with the three decisions' (D1-D3); then lighter years */
    static const int per_year[][2] = { { 2023, 149 }, { 2024, 150 }, { 2025, 160 },
                                       { 2026, 130 } };
    int bad = add_users(r) || set_bodies(r, &c) || set_firm(r, &c);
    for (size_t i = 0; !bad && i < sizeof per_year / sizeof per_year[0]; i++)
        if (calendar_year_loaded(cal, per_year[i][0]))
            bad = plan_year(&r->plan, cal, per_year[i][0], per_year[i][1], r->today);
    if (!bad)
        bad = build_events(r, &ev);
    if (!bad)
        bad = run_events(r, &ev);
    free(ev.e);
    free(r->plan.g);
    people_free(&r->pp);
    free(r);
    calendar_free(cal);
    return bad;
}
