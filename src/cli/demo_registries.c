/* demo_registries.c - the demo data of issue 7, entered through modules/registries.c with
 * one audit entry per record: 94 enterprises of the zone (fictional names; Dongli codes
 * 91120110... with computed GB 11714 and GB 32100 check characters), the 2023 figures of
 * the center's 2023 rule-of-law report (80 enterprises settled in 2023, of which 76 signed
 * their credit commitment letter in 2023 and 4 in January 2024; integrity briefings for
 * the newcomers; 普法 lectures with 秦天律师事务所 on 《民法典》《合同法》《安全生产法》;
 * WeChat articles; anti-fraud work; study sessions; enforcement publicity covering 区城管委,
 * 区住建委, 区市场监管局, 区应急管理局, 区消防支队), the 信易贷 promotion at the briefings
 * with a few loans, 双万双服 requests and visits, and records of 2024-2026.
 * Deterministic: every value is computed from the record's index. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/registries.h"
#include "modules/uscc.h"
#include "util/str.h"

#define N_ENT 94        /* enterprises */
#define N_OLD 8         /* settled before 2023 */
#define N_2023 80       /* settled in 2023; the first 76 sign in 2023 */
#define SIGNED_2023 76

typedef enum fz_err (*create_fn)(struct db *db, const struct fz_user *actor, json_t *in,
                                 int64_t *id, struct fz_problem *p);

/* save: one record in its own transaction with its audit entry; in is consumed */
static int save(struct fz_ctx *ctx, const struct audit_key *key, create_fn create,
                json_t *in, const char *action, const char *etype, const char *summary,
                int64_t *id)
{
    struct fz_problem p = {0};
    int64_t nid = 0;
    enum fz_err rc = db_begin(ctx->db);
    if (!rc) {
        rc = create(ctx->db, NULL, in, &nid, &p);
        if (rc)
            db_rollback(ctx->db);
    }
    json_decref(in);
    if (rc) {
        fprintf(stderr, "fazhi demo: %s: %s\n", summary,
                p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    if (id)
        *id = nid;
    return demo_audit_commit(ctx, key, action, etype, nid, summary);
}

static int64_t dept(struct fz_ctx *ctx, const char *code)
{
    int64_t id = 0;
    if (db_query_int(ctx->db, &id, "SELECT id FROM departments WHERE code = ?", "t", code))
        return 0;
    return id;
}

/* ---- enterprises ---- */

static const char *const trade[N_ENT] = {
    "华科", "鑫源", "东瑞", "明泰", "恒昌", "博远", "金岳", "瑞丰", "中宏", "天盛",
    "汇通", "康达", "利华", "宏图", "新禾", "津桥", "海润", "联众", "智诚", "安信",
    "永和", "佳成", "润泽", "盛华", "兴业", "广源", "德信", "正阳", "创远", "立航",
    "凯利", "嘉禾", "远景", "华信", "腾达", "同泰", "中拓", "东旭", "诚达", "富华",
    "恒瑞", "卓越", "鼎盛", "合力", "众成", "百川", "长风", "驰宇", "蓝海", "云帆",
    "晨光", "华辰", "和润", "信达", "君泰", "拓新", "锦程", "元亨", "致远", "聚贤",
    "万通", "辰宇", "精诚", "华旭", "宝丰", "泰和", "景明", "思源", "启航", "清源",
    "恒通", "振华", "荣盛", "天泽", "沃德", "博瑞", "明阳", "汇鑫", "久安", "冠宇",
    "瀚海", "昌盛", "祥和", "融通", "星辰", "安泰", "中联", "金桥", "顺达", "亿成",
    "海川", "恒信", "瑞祥", "鸿运",
};

static const struct {
    const char *industry, *suffix[2];
} industries[] = {
    { "新一代信息技术", { "科技有限公司", "信息技术有限公司" } },
    { "高端装备制造", { "智能装备有限公司", "机械制造有限公司" } },
    { "新材料", { "新材料科技有限公司", "新材料有限公司" } },
    { "生物医药", { "生物科技有限公司", "医药科技有限公司" } },
    { "节能环保", { "环保科技有限公司", "节能技术有限公司" } },
    { "现代物流", { "供应链管理有限公司", "物流有限公司" } },
    { "科技服务", { "检测技术有限公司", "科技服务有限公司" } },
    { "商贸服务", { "商贸有限公司", "贸易有限公司" } },
    { "汽车零部件", { "汽车零部件有限公司", "汽车配件有限公司" } },
    { "食品加工", { "食品有限公司", "食品科技有限公司" } },
};

static const char *const surnames[] = { "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周",
                                        "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
                                        "林", "罗" };
static const char *const given[] = { "建华", "丽娟", "志强", "海燕", "国栋", "秀英", "晓东",
                                     "文杰", "春梅", "立新", "德明", "雪峰", "玉兰", "振宇",
                                     "红霞", "永刚", "凤英", "学军", "桂芳", "浩然" };
static const char *const roads[] = { "华丰路", "弘程道", "华兴道", "明珠路", "新兴路",
                                     "华盛道" };

/* settled dates of the enterprises before 2023 and after 2023 */
static const char *const old_dates[N_OLD] = { "2016-04-12", "2017-09-05", "2018-06-20",
                                              "2019-03-15", "2020-08-10", "2021-05-18",
                                              "2022-03-22", "2022-10-11" };
static const char *const late_dates[N_ENT - N_OLD - N_2023] = {
    "2024-03-12", "2024-06-25", "2024-10-09", "2025-04-16", "2025-09-03", "2026-05-20",
};
/* the last four 2023 newcomers settled in December and signed at the January briefing */
static const char *const dec_dates[N_2023 - SIGNED_2023] = { "2023-12-18", "2023-12-20",
                                                             "2023-12-26", "2023-12-28" };
#define JAN_BRIEFING "2024-01-11"

/* workday: date moved forward to a Monday when it falls on a weekend */
static void workday(const char *date, char out[11])
{
    int wd = registries_weekday(date);
    registries_date_add(date, wd == 6 ? 2 : wd == 0 ? 1 : 0, out);
}

/* settled_on: the settlement date of enterprise i */
static void settled_on(int i, char out[11])
{
    if (i < N_OLD) {
        memcpy(out, old_dates[i], 11);
        return;
    }
    int j = i - N_OLD;
    if (j >= N_2023) {
        memcpy(out, late_dates[j - N_2023], 11);
        return;
    }
    if (j >= SIGNED_2023) {
        memcpy(out, dec_dates[j - SIGNED_2023], 11);
        return;
    }
    char d[11];
    registries_date_add("2023-01-04", j * 4, d);       /* 2023-01-04 .. 2023-11-03 */
    workday(d, out);
}

/* uscc_of: a Dongli (120110) enterprise code with valid check characters */
static void uscc_of(int i, char out[USCC_LEN + 1])
{
    const char *alpha = uscc_alphabet();
    char body[9];
    if (i < N_OLD) {                 /* older firms kept their numeric organisation code */
        snprintf(body, sizeof body, "%08d", 55000000 + (i * 104729) % 4000000);
    } else {                         /* newer ones: MA + six characters */
        unsigned v = (unsigned)(i * 7919 + 10007) % (31u * 31 * 31 * 31 * 31 * 31);
        memcpy(body, "MA", 2);
        for (int k = 7; k >= 2; k--, v /= 31)
            body[k] = alpha[v % 31];
        body[8] = '\0';
    }
    snprintf(out, USCC_LEN + 1, "91120110%s%c", body, uscc_org_check_char(body));
    out[17] = uscc_check_char(out);
    out[18] = '\0';
}

static void person(int seed, char *out, size_t n)
{
    snprintf(out, n, "%s%s", surnames[(seed * 3) % 20],
             given[(seed * 7 + seed / 20 + 3) % 20]);
}

static json_t *enterprise_json(int i)
{
    char code[USCC_LEN + 1], date[11], name[128], rep[16], contact[16], phone[24], addr[160];
    int ind = (i * 7) % 10;
    uscc_of(i, code);
    settled_on(i, date);
    snprintf(name, sizeof name, "天津%s%s", trade[i], industries[ind].suffix[(i / 10) % 2]);
    person(i, rep, sizeof rep);
    person(i + 37, contact, sizeof contact);
    snprintf(phone, sizeof phone, "022-2%07d", (i * 104723 + 3907) % 10000000);
    snprintf(addr, sizeof addr, "天津市东丽区华明高新区%s%d号", roads[i % 6], 1 + (i * 13) % 120);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}], s:s}", "name", name,
                     "uscc", code, "legal_rep", rep, "address", addr, "industry",
                     industries[ind].industry, "settled_on", date, "contacts", "name",
                     contact, "phone", phone, "status", i == 3 ? "moved_out" : "active");
}

static int seed_enterprises(struct fz_ctx *ctx, const struct audit_key *key, int64_t *ids)
{
    for (int i = 0; i < N_ENT; i++) {
        json_t *in = enterprise_json(i);
        char summary[192];
        snprintf(summary, sizeof summary, "登记企业 %s",
                 json_string_value(json_object_get(in, "name")));
        if (save(ctx, key, registries_enterprise_create, in, "enterprise.create",
                 "enterprise", summary, &ids[i]))
            return 1;
    }
    return 0;
}

/* ---- commitment letters ---- */

#define CREDIT_TEXT                                                                    \
    "本企业郑重承诺：严格遵守国家法律法规和华明高新区各项管理规定，依法诚信经营；"  \
    "所提交材料真实、合法、有效；自觉接受政府部门和社会监督；如有违反，愿意承担相应"  \
    "法律责任，并同意将违诺情况记入企业信用档案。"

/* signed_on: the day enterprise i signs its credit letter */
static void signed_on(int i, char out[11])
{
    int j = i - N_OLD;
    if (j >= SIGNED_2023 && j < N_2023) {
        memcpy(out, JAN_BRIEFING, 11);
        return;
    }
    char settled[11], d[11];
    settled_on(i, settled);
    registries_date_add(settled, 3 + (i % 9), d);
    workday(d, out);
}

static int commit_one(struct fz_ctx *ctx, const struct audit_key *key, int64_t ent,
                      const char *kind, const char *date, const char *signer,
                      const char *content, int years, int64_t *id)
{
    char until[11], ref[128], summary[160];
    int64_t n = 0;
    db_query_int(ctx->db, &n, "SELECT count(*) FROM commitments", "");
    registries_date_add(date, years * 365, until);
    snprintf(ref, sizeof ref, "纸质原件存企业服务部（编号 XYCN-%.4s-%03lld）", date,
             (long long)n + 1);
    json_t *in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "enterprise_id",
                           (json_int_t)ent, "kind", kind, "content", content, "signed_on",
                           date, "signer", signer, "valid_until", until, "file_ref", ref);
    snprintf(summary, sizeof summary, "登记承诺书（%s，%s）", kind, date);
    return save(ctx, key, registries_commitment_create, in, "commitment.create",
                "commitment", summary, id);
}

/* seed_commitments: a credit letter from every newcomer since 2023; a few integrity and
 * notification letters later. ids[k]: the credit letter of enterprise k (0: none);
 * notif[]: the notification letters in the order of the table below. */
static int seed_commitments(struct fz_ctx *ctx, const struct audit_key *key,
                            const int64_t *ents, int64_t *ids, int64_t *notif)
{
    for (int i = N_OLD; i < N_ENT; i++) {
        char date[11], rep[16];
        signed_on(i, date);
        person(i, rep, sizeof rep);
        if (commit_one(ctx, key, ents[i], "credit", date, rep, CREDIT_TEXT, 3, &ids[i]))
            return 1;
    }
    static const struct {
        int ent;
        const char *kind, *date, *content;
    } more[] = {
        { 0, "integrity", "2024-05-15", "诚信经营承诺：依法纳税、按时足额支付员工工资、"
                                         "不拖欠账款、守合同重信用。" },
        { 2, "integrity", "2024-05-15", "诚信经营承诺：依法纳税、按时足额支付员工工资、"
                                         "不拖欠账款、守合同重信用。" },
        { 5, "integrity", "2025-04-22", "诚信经营承诺：落实安全生产主体责任，守法经营。" },
        { 89, "notification", "2025-03-18", "告知承诺：承诺在六个月内取得环境影响评价批复"
                                             "并报送服务中心。" },
        { 92, "notification", "2026-06-02", "告知承诺：承诺在三个月内完成消防设施检测并"
                                             "提交检测报告。" },
    };
    for (size_t k = 0; k < sizeof more / sizeof *more; k++) {
        char rep[16];
        person(more[k].ent, rep, sizeof rep);
        int64_t id = 0;
        if (commit_one(ctx, key, ents[more[k].ent], more[k].kind, more[k].date, rep,
                       more[k].content, 2, &id))
            return 1;
        if (strcmp(more[k].kind, "notification") == 0)
            *notif++ = id;
    }
    return 0;
}

/* ---- integrity briefings ---- */

static const struct {
    const char *date;
    const char *from, *to;      /* newcomers settled in [from, to] attended */
} briefing_rows[] = {
    { "2023-03-16", "2023-01-01", "2023-03-15" },
    { "2023-05-18", "2023-03-16", "2023-05-17" },
    { "2023-07-13", "2023-05-18", "2023-07-12" },
    { "2023-09-14", "2023-07-13", "2023-09-13" },
    { "2023-11-16", "2023-09-14", "2023-11-15" },
    { JAN_BRIEFING, "2023-11-16", "2024-01-10" },
    { "2024-07-11", "2024-01-11", "2024-07-10" },
    { "2024-11-14", "2024-07-11", "2024-11-13" },
    { "2025-05-15", "2024-11-14", "2025-05-14" },
    { "2025-09-18", "2025-05-15", "2025-09-17" },
    { "2026-06-11", "2025-09-18", "2026-06-10" },
};

static int seed_briefings(struct fz_ctx *ctx, const struct audit_key *key,
                          const int64_t *ents)
{
    int64_t svc = dept(ctx, "HMSC-SVC");
    for (size_t k = 0; k < sizeof briefing_rows / sizeof *briefing_rows; k++) {
        json_t *att = json_array();
        for (int i = N_OLD; i < N_ENT; i++) {
            char d[11];
            settled_on(i, d);
            if (strcmp(d, briefing_rows[k].from) >= 0 && strcmp(d, briefing_rows[k].to) <= 0)
                json_array_append_new(att, json_integer(ents[i]));
        }
        size_t n = json_array_size(att);
        size_t no = 1;
        for (size_t e = 0; e < k; e++)
            no += strncmp(briefing_rows[e].date, briefing_rows[k].date, 4) == 0;
        char title[128], summary[192];
        snprintf(title, sizeof title, "新入驻企业诚信经营宣讲会（%.4s年第%zu期）",
                 briefing_rows[k].date, no);
        json_t *in = json_pack(
            "{s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:s}", "title", title, "held_on",
            briefing_rows[k].date, "location", "华明高新区企业服务中心三楼会议室", "speaker",
            "企业服务部 周晓燕", "dept_id", (json_int_t)svc, "people_count",
            (json_int_t)(n * 2 + k % 3), "enterprise_ids", att, "notes",
            "依托“双万双服”平台组织新入驻企业开展诚信经营宣讲，现场签订信用承诺书，"
            "同步宣传“信易贷”平台。");
        snprintf(summary, sizeof summary, "登记诚信经营宣讲 %s", title);
        if (save(ctx, key, registries_briefing_create, in, "briefing.create", "briefing",
                 summary, NULL))
            return 1;
    }
    return 0;
}

/* ---- breaches ---- */

static int seed_breaches(struct fz_ctx *ctx, const struct audit_key *key,
                         const int64_t *ents, const int64_t *credit, const int64_t *notif)
{
    const struct {
        int ent;
        int64_t letter;
        const char *date, *what, *evidence, *handling, *status;
    } rows[] = {
        { 20, credit[20], "2024-08-21",
          "经12345热线投诉核实，企业拖欠装修施工人员工资，违反信用承诺书中“按时足额支付"
          "工资”的承诺。", "12345工单转办记录、双方调解笔录、工资支付凭证",
          "企业服务部约谈企业负责人，督促其于2024年8月30日前全额支付；已支付，记入企业"
          "信用档案。", "handled" },
        { 47, credit[47], "2025-06-11",
          "企业在厂区外公共道路占道堆放货物，经执法人员责令改正后仍未按期整改。",
          "现场检查笔录、照片6张、责令改正通知书",
          "综合执法部依法责令限期改正并约谈企业负责人，企业已于2025年6月20日整改完毕；"
          "已记入企业信用档案。", "handled" },
        { 89, notif[0], "2025-10-15",
          "告知承诺事项逾期未履行：承诺六个月内取得环境影响评价批复，逾期未提交。",
          "告知承诺书、催告通知书", "已书面催告，企业于2025年11月20日提交环评批复。",
          "handled" },
        { 92, notif[1], "2026-09-10",
          "告知承诺事项逾期未履行：承诺三个月内完成消防设施检测，逾期未提交检测报告。",
          "告知承诺书、现场核查记录", "", "open" },
    };
    for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
        json_t *in = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "enterprise_id",
                               (json_int_t)ents[rows[k].ent], "commitment_id",
                               (json_int_t)rows[k].letter, "found_on", rows[k].date,
                               "description", rows[k].what, "evidence", rows[k].evidence,
                               "handling", rows[k].handling, "status", rows[k].status);
        char summary[96];
        snprintf(summary, sizeof summary, "登记违诺记录（%s）", rows[k].date);
        if (save(ctx, key, registries_breach_create, in, "breach.create", "breach",
                 summary, NULL))
            return 1;
    }
    return 0;
}

/* ---- outreach and study ---- */

/* the leading group (党组) and, for the theory group, the heads of departments */
#define LEADERS "王建国、刘志刚、陈卫东、张丽萍、赵海鹰、孙立民"
#define HEADS "、李明华、周晓燕、吴国庆、马丽华"
#define QINTIAN "秦天律师事务所"

/* kind, date, organiser (department code), title, other fields as JSON written with
 * single quotes (turned into double quotes before parsing) */
static const struct {
    const char *kind, *date, *dept, *title, *json;
} acts[] = {
    /* 2023: 普法 lectures by 秦天律师事务所 (report: 《民法典》《合同法》《安全生产法》) */
    { "pufa_lecture", "2023-03-22", "HMSC-LEGAL", "《民法典》与企业经营风险防范专题讲座",
      "{'partner':'" QINTIAN "','laws':['《民法典》'],'audience':68,"
      "'enterprises_reached':31,'location':'服务中心三楼会议室'}" },
    { "pufa_lecture", "2023-06-14", "HMSC-LEGAL", "《安全生产法》解读暨安全生产月专题讲座",
      "{'partner':'" QINTIAN "','laws':['《安全生产法》'],'audience':85,"
      "'enterprises_reached':42,'location':'服务中心三楼会议室'}" },
    { "pufa_lecture", "2023-09-20", "HMSC-LEGAL", "合同签订与履行法律风险防范讲座",
      "{'partner':'" QINTIAN "','laws':['《合同法》','《民法典》'],'audience':57,"
      "'enterprises_reached':29,'location':'服务中心三楼会议室','notes':'讲座结合《民法典》"
      "合同编讲解（原《合同法》已于2021年1月1日《民法典》施行时废止）。'}" },
    { "pufa_lecture", "2023-11-15", "HMSC-LEGAL", "《民法典》合同编与劳动用工合规讲座",
      "{'partner':'" QINTIAN "','laws':['《民法典》','《劳动合同法》'],'audience':62,"
      "'enterprises_reached':33,'location':'服务中心三楼会议室'}" },
    { "pufa_onsite", "2023-04-15", "HMSC-LEGAL", "全民国家安全教育日现场普法宣传",
      "{'laws':['《国家安全法》'],'audience':150,'enterprises_reached':18,"
      "'location':'华明高新区企业服务中心广场'}" },
    { "pufa_onsite", "2023-12-04", "HMSC-LEGAL", "12·4国家宪法日暨宪法宣传周现场普法宣传",
      "{'laws':['《宪法》','《民法典》'],'audience':210,'enterprises_reached':26,"
      "'location':'华明高新区企业服务中心广场'}" },
    /* 2023: articles on the WeChat official account */
    { "pufa_online", "2023-02-24", "HMSC-OFFICE", "企业签订合同要注意哪些“坑”",
      "{'channel':'微信公众号','laws':['《民法典》'],'reads':1268}" },
    { "pufa_online", "2023-04-15", "HMSC-OFFICE", "4·15全民国家安全教育日｜国家安全法知识问答",
      "{'channel':'微信公众号','laws':['《国家安全法》'],'reads':956}" },
    { "pufa_online", "2023-05-31", "HMSC-OFFICE", "民法典宣传月｜与企业经营相关的十个知识点",
      "{'channel':'微信公众号','laws':['《民法典》'],'reads':1530}" },
    { "pufa_online", "2023-06-16", "HMSC-OFFICE", "安全生产月｜《安全生产法》要点速览",
      "{'channel':'微信公众号','laws':['《安全生产法》'],'reads':1102}" },
    { "pufa_online", "2023-08-10", "HMSC-OFFICE", "防范电信网络诈骗，守好企业“钱袋子”",
      "{'channel':'微信公众号','laws':['《反电信网络诈骗法》'],'reads':1874}" },
    { "pufa_online", "2023-09-15", "HMSC-OFFICE", "《优化营商环境条例》知识问答",
      "{'channel':'微信公众号','laws':['《优化营商环境条例》'],'reads':743}" },
    { "pufa_online", "2023-11-09", "HMSC-OFFICE", "119消防宣传月｜企业消防安全主体责任须知",
      "{'channel':'微信公众号','laws':['《消防法》'],'reads':815}" },
    { "pufa_online", "2023-12-04", "HMSC-OFFICE", "12·4国家宪法日｜学习宪法 尊崇宪法",
      "{'channel':'微信公众号','laws':['《宪法》'],'reads':1342}" },
    /* 2023: anti-fraud work of the enforcement staff */
    { "anti_fraud", "2023-03-28", "HMSC-ENF", "反诈宣传进企业（第一批）",
      "{'laws':['《反电信网络诈骗法》'],'audience':320,'enterprises_reached':18,"
      "'leaflets':600,'app_installs':210,'warnings':0}" },
    { "anti_fraud", "2023-05-23", "HMSC-ENF", "“国家反诈中心”APP推广安装专项行动",
      "{'audience':460,'enterprises_reached':25,'leaflets':800,'app_installs':395,"
      "'warnings':0}" },
    { "anti_fraud", "2023-07-19", "HMSC-ENF", "暑期防范电信网络诈骗宣传",
      "{'audience':280,'enterprises_reached':15,'leaflets':500,'app_installs':160,"
      "'warnings':1}" },
    { "anti_fraud", "2023-09-26", "HMSC-ENF", "反诈宣传进园区·面对面讲解诈骗惯用手法",
      "{'laws':['《反电信网络诈骗法》'],'audience':350,'enterprises_reached':21,"
      "'leaflets':650,'app_installs':240,'warnings':2,'notes':'巡逻中发现2名员工正与"
      "疑似诈骗人员联系，现场劝阻。'}" },
    { "anti_fraud", "2023-12-12", "HMSC-ENF", "岁末年初防范电信网络诈骗提醒",
      "{'audience':300,'enterprises_reached':19,'leaflets':550,'app_installs':180,"
      "'warnings':0}" },
    /* 2023: 第一议题 and the theory group of the leading group */
    { "study_first_topic", "2023-01-10", "HMSC-PARTY", "第一议题：学习党的二十大精神",
      "{'attendees':'" LEADERS "'}" },
    { "study_first_topic", "2023-02-14", "HMSC-PARTY",
      "第一议题：学习习近平法治思想——坚持全面依法治国",
      "{'attendees':'" LEADERS "','material':'《习近平法治思想学习纲要》'}" },
    { "study_first_topic", "2023-03-14", "HMSC-PARTY", "第一议题：学习党的二十届二中全会精神",
      "{'attendees':'" LEADERS "'}" },
    { "study_first_topic", "2023-04-11", "HMSC-PARTY",
      "第一议题：学习习近平总书记关于优化营商环境的重要论述",
      "{'attendees':'王建国、刘志刚、陈卫东、张丽萍、孙立民','absentees':'赵海鹰（公出）'}" },
    { "study_first_topic", "2023-05-16", "HMSC-PARTY",
      "第一议题：学习习近平总书记关于安全生产的重要论述",
      "{'attendees':'" LEADERS "','laws':['《安全生产法》']}" },
    { "study_first_topic", "2023-06-13", "HMSC-PARTY",
      "第一议题：学习习近平法治思想“十一个坚持”",
      "{'attendees':'" LEADERS "','material':'《习近平法治思想学习纲要》'}" },
    { "study_first_topic", "2023-08-15", "HMSC-PARTY",
      "第一议题：学习习近平总书记关于防范化解重大风险的重要论述",
      "{'attendees':'王建国、刘志刚、张丽萍、赵海鹰、孙立民','absentees':'陈卫东（病假）'}" },
    { "study_first_topic", "2023-09-12", "HMSC-PARTY",
      "第一议题：学习习近平总书记在深入推进京津冀协同发展座谈会上的重要讲话精神",
      "{'attendees':'" LEADERS "'}" },
    { "study_first_topic", "2023-10-17", "HMSC-PARTY",
      "第一议题：学习习近平总书记关于法治政府建设的重要论述",
      "{'attendees':'" LEADERS "'}" },
    { "study_first_topic", "2023-11-14", "HMSC-PARTY", "第一议题：学习习近平文化思想",
      "{'attendees':'" LEADERS "'}" },
    { "study_theory_group", "2023-03-28", "HMSC-PARTY",
      "理论中心组学习：习近平法治思想的科学内涵和实践要求",
      "{'attendees':'" LEADERS HEADS "','material':'《习近平法治思想学习纲要》'}" },
    { "study_theory_group", "2023-06-27", "HMSC-PARTY",
      "理论中心组学习：全面把握习近平法治思想“十一个坚持”",
      "{'attendees':'" LEADERS HEADS "'}" },
    { "study_theory_group", "2023-09-26", "HMSC-PARTY",
      "理论中心组学习：新修订的《行政复议法》", "{'attendees':'" LEADERS HEADS "',"
      "'laws':['《行政复议法》']}" },
    { "study_theory_group", "2023-12-19", "HMSC-PARTY",
      "理论中心组学习：法治政府建设与优化营商环境",
      "{'attendees':'" LEADERS HEADS "','laws':['《优化营商环境条例》']}" },
    /* 2023: enforcement publicity of the district departments' regulations */
    { "enforcement_publicity", "2023-04-20", "HMSC-ENF", "城市管理与住房建设政策法规宣讲",
      "{'departments':['区城管委','区住建委'],'laws':['《天津市市容和环境卫生管理条例》',"
      "'《建设工程质量管理条例》'],'audience':95,'enterprises_reached':40}" },
    { "enforcement_publicity", "2023-06-08", "HMSC-ENF", "安全生产与消防安全政策法规宣讲",
      "{'departments':['区应急管理局','区消防支队'],'laws':['《安全生产法》','《消防法》'],"
      "'audience':120,'enterprises_reached':52}" },
    { "enforcement_publicity", "2023-10-25", "HMSC-ENF", "市场监管政策法规宣讲",
      "{'departments':['区市场监管局'],'laws':['《产品质量法》','《食品安全法》',"
      "'《广告法》'],'audience':88,'enterprises_reached':37}" },
    /* 2024-2026 */
    { "pufa_lecture", "2024-04-17", "HMSC-LEGAL", "新修订《公司法》要点解读",
      "{'partner':'" QINTIAN "','laws':['《公司法》'],'audience':74,"
      "'enterprises_reached':38}" },
    { "pufa_case", "2024-11-20", "HMSC-LEGAL", "以案说法：一起合同诈骗案的警示",
      "{'partner':'" QINTIAN "','laws':['《刑法》','《民法典》'],'audience':46,"
      "'enterprises_reached':22}" },
    { "pufa_online", "2024-05-29", "HMSC-OFFICE", "民法典宣传月｜企业常见合同纠纷提示",
      "{'channel':'微信公众号','laws':['《民法典》'],'reads':1411}" },
    { "pufa_online", "2024-12-04", "HMSC-OFFICE", "12·4国家宪法日｜宪法知识问答",
      "{'channel':'微信公众号','laws':['《宪法》'],'reads':1196}" },
    { "anti_fraud", "2024-06-18", "HMSC-ENF", "反诈宣传进企业·守护员工“钱袋子”",
      "{'audience':410,'enterprises_reached':27,'leaflets':700,'app_installs':260,"
      "'warnings':1}" },
    { "study_first_topic", "2024-07-23", "HMSC-PARTY", "第一议题：学习党的二十届三中全会精神",
      "{'attendees':'" LEADERS "'}" },
    { "study_theory_group", "2024-09-24", "HMSC-PARTY",
      "理论中心组学习：深入学习贯彻习近平法治思想",
      "{'attendees':'" LEADERS HEADS "'}" },
    { "enforcement_publicity", "2024-05-22", "HMSC-ENF", "安全生产月政策法规宣讲",
      "{'departments':['区应急管理局','区消防支队'],'laws':['《安全生产法》'],"
      "'audience':110,'enterprises_reached':49}" },
    { "pufa_lecture", "2025-06-18", "HMSC-LEGAL", "《民营经济促进法》解读",
      "{'partner':'" QINTIAN "','laws':['《民营经济促进法》'],'audience':81,"
      "'enterprises_reached':44}" },
    { "pufa_case", "2025-08-13", "HMSC-LEGAL", "以案说法：安全生产事故典型案例剖析",
      "{'laws':['《安全生产法》'],'audience':58,'enterprises_reached':30}" },
    { "pufa_online", "2025-05-21", "HMSC-OFFICE", "《民营经济促进法》施行｜企业关心的十个问题",
      "{'channel':'微信公众号','laws':['《民营经济促进法》'],'reads':1687}" },
    { "anti_fraud", "2025-04-09", "HMSC-ENF", "“国家反诈中心”APP安装指导进园区",
      "{'audience':380,'enterprises_reached':24,'leaflets':600,'app_installs':310,"
      "'warnings':0}" },
    { "study_first_topic", "2025-10-28", "HMSC-PARTY", "第一议题：学习党的二十届四中全会精神",
      "{'attendees':'" LEADERS "'}" },
    { "study_theory_group", "2025-06-24", "HMSC-PARTY",
      "理论中心组学习：法治思维与依法行政能力提升",
      "{'attendees':'" LEADERS HEADS "'}" },
    { "enforcement_publicity", "2025-09-17", "HMSC-ENF", "城市管理与市场监管政策法规宣讲",
      "{'departments':['区城管委','区市场监管局'],'laws':['《天津市市容和环境卫生管理条例》',"
      "'《产品质量法》'],'audience':92,'enterprises_reached':41}" },
    { "pufa_lecture", "2026-04-22", "HMSC-LEGAL", "劳动合同与用工风险防范讲座",
      "{'partner':'" QINTIAN "','laws':['《劳动合同法》'],'audience':66,"
      "'enterprises_reached':35}" },
    { "pufa_case", "2026-07-15", "HMSC-LEGAL", "以案说法：企业劳动争议典型案例",
      "{'partner':'" QINTIAN "','laws':['《劳动合同法》'],'audience':52,"
      "'enterprises_reached':27}" },
    { "pufa_online", "2026-03-13", "HMSC-OFFICE", "优化营商环境｜涉企行政执法新规速览",
      "{'channel':'微信公众号','laws':['《优化营商环境条例》'],'reads':904}" },
    { "anti_fraud", "2026-05-19", "HMSC-ENF", "防范新型电信网络诈骗宣传",
      "{'audience':350,'enterprises_reached':22,'leaflets':500,'app_installs':190,"
      "'warnings':1}" },
    { "study_first_topic", "2026-03-17", "HMSC-PARTY", "第一议题：学习全国两会精神",
      "{'attendees':'" LEADERS "'}" },
    { "study_first_topic", "2026-09-15", "HMSC-PARTY",
      "第一议题：学习习近平总书记关于全面依法治国的重要论述",
      "{'attendees':'" LEADERS "'}" },
    { "study_theory_group", "2026-06-23", "HMSC-PARTY",
      "理论中心组学习：习近平法治思想与法治政府建设",
      "{'attendees':'" LEADERS HEADS "'}" },
    { "enforcement_publicity", "2026-10-21", "HMSC-ENF", "消防安全与住房建设政策法规宣讲",
      "{'departments':['区消防支队','区住建委'],'laws':['《消防法》'],'audience':97,"
      "'enterprises_reached':43}" },
};

/* act_json: the record of acts[k] */
static json_t *act_json(struct fz_ctx *ctx, size_t k)
{
    char text[2048];
    str_copy(text, sizeof text, acts[k].json);
    for (char *c = text; *c; c++)
        if (*c == '\'')
            *c = '"';
    json_error_t err;
    json_t *in = json_loads(text, 0, &err);
    if (!in) {
        fprintf(stderr, "fazhi demo: activity %zu: %s\n", k, err.text);
        return NULL;
    }
    json_object_set_new(in, "kind", json_string(acts[k].kind));
    json_object_set_new(in, "held_on", json_string(acts[k].date));
    json_object_set_new(in, "title", json_string(acts[k].title));
    json_object_set_new(in, "dept_id", json_integer(dept(ctx, acts[k].dept)));
    return in;
}

static int seed_activities(struct fz_ctx *ctx, const struct audit_key *key)
{
    for (size_t k = 0; k < sizeof acts / sizeof *acts; k++) {
        json_t *in = act_json(ctx, k);
        if (!in)
            return 1;
        char summary[256];
        snprintf(summary, sizeof summary, "登记活动 %s %s", acts[k].date, acts[k].title);
        if (save(ctx, key, registries_activity_create, in, "activity.create", "activity",
                 summary, NULL))
            return 1;
    }
    return 0;
}

/* ---- enterprise service: 双万双服 requests and visits, 信易贷 promotion ----
 * The report (一(五)) says the center used the 双万双服 platform to brief the newcomers and
 * "同步开展企业信易贷平台宣传工作"; it gives no count of requests, visits or loans. So: every
 * enterprise at a briefing is recorded as a 信易贷 contact of that day (channel lecture;
 * 76 in 2023, the enterprises at the five 2023 briefings), a few follow-ups record
 * applications and loans, and the requests and visits below are invented but fixed. */

#define SVC_STAFF "周晓燕、刘洋"

/* requests: enterprise index, received, category, responsible department, problem,
 * resolution, resolved (NULL: still open), status; visit: index into visit_rows or -1 */
static const struct {
    int ent, visit;
    const char *received, *category, *dept, *problem, *resolution, *resolved, *status;
} request_rows[] = {
    { 10, -1, "2023-02-14", "policy", "HMSC-SVC", "咨询高新技术企业认定的申报条件和材料",
      "企业服务部一对一辅导，企业已按期提交申报材料", "2023-02-17", "resolved" },
    { 12, -1, "2023-03-08", "approval", "HMSC-PLAN", "新建厂房施工许可办理进度慢，影响开工",
      "规划建设部协调区住建委开辟绿色通道，施工许可证已核发", "2023-03-21", "resolved" },
    { 15, -1, "2023-04-11", "infrastructure", "HMSC-PLAN", "厂区门前道路破损，货车通行困难",
      "协调滨海华明开发建设有限公司完成道路修补", "2023-04-28", "resolved" },
    { 20, -1, "2023-04-25", "talent", "HMSC-SVC", "技术工人招聘难，缺少数控操作工",
      "对接区人社局，在园区举办专场招聘会，企业招聘12人", "2023-05-16", "resolved" },
    { 25, -1, "2023-05-30", "financing", "HMSC-SVC", "流动资金紧张，希望了解政策性贷款",
      "推荐“信易贷”平台并对接合作银行，企业已在平台提交融资需求", "2023-06-06",
      "resolved" },
    { 31, -1, "2023-06-20", "safety", "HMSC-SAFE", "危化品仓库安全评价流程咨询",
      "安全生产监管部上门指导，讲解安全评价流程和备案要求", "2023-06-27", "resolved" },
    { 36, -1, "2023-07-12", "premises", "HMSC-PLAN", "扩大产能需租赁标准厂房约3000平方米",
      "推荐园区内空置标准厂房两处，企业已签订租赁合同", "2023-08-02", "resolved" },
    { 42, -1, "2023-08-16", "infrastructure", "HMSC-PLAN", "夏季用电高峰厂区频繁跳闸",
      "协调供电公司完成线路增容改造", "2023-08-29", "resolved" },
    { 47, -1, "2023-09-26", "approval", "HMSC-SVC", "营业执照经营范围变更办理咨询",
      "指导企业通过政务服务网全程网办", "2023-09-27", "resolved" },
    { 50, -1, "2023-09-28", "infrastructure", "HMSC-PLAN", "厂区周边道路夜间无照明，申请增设路灯",
      "协调完成路灯安装并通电", "2023-10-20", "resolved" },
    { 55, -1, "2023-10-18", "policy", "HMSC-LEGAL", "员工劳动合同纠纷，需要法律咨询",
      "法务部联系秦天律师事务所律师为企业提供免费法律咨询", "2023-10-20", "resolved" },
    { 60, -1, "2023-11-08", "safety", "HMSC-ENF", "周边商户占道经营，影响企业车辆出入",
      "综合执法部依法劝导商户整改，道路已恢复通畅", "2023-11-14", "resolved" },
    { 66, -1, "2023-12-06", "talent", "HMSC-SVC", "外地员工子女入学政策咨询",
      "协调区教育局解答入学政策，企业员工已完成报名", "2023-12-15", "resolved" },
    { 30, 3, "2023-06-15", "premises", "HMSC-PLAN", "走访发现：厂房屋面漏雨，需协调产权单位维修",
      "协调产权单位完成屋面防水维修", "2023-07-07", "resolved" },
    { 70, 6, "2023-10-12", "financing", "HMSC-SVC", "走访发现：企业有设备购置融资需求",
      "指导企业在“信易贷”平台申请设备贷款，银行已受理", "2023-10-24", "resolved" },
    { 72, -1, "2024-03-19", "approval", "HMSC-PLAN", "厂区扩建规划许可咨询",
      "规划建设部指导企业准备规划许可申请材料", "2024-03-26", "resolved" },
    { 80, 8, "2024-05-21", "talent", "HMSC-SVC", "走访发现：企业急需高校应届毕业生",
      "组织企业参加高校双选会", "2024-06-14", "resolved" },
    { 89, -1, "2025-04-22", "safety", "HMSC-SAFE", "新建车间环评与安全设施“三同时”咨询",
      "安全生产监管部联合法务部上门讲解", "2025-04-29", "resolved" },
    { 45, -1, "2025-09-09", "infrastructure", "HMSC-PLAN", "园区公交线路停靠站点距离厂区较远",
      "协调区交通部门增设公交站点", "2025-10-28", "resolved" },
    { 92, -1, "2026-06-16", "premises", "HMSC-PLAN", "申请办理新建仓库不动产登记",
      "", NULL, "in_progress" },
    { 93, -1, "2026-10-13", "policy", "HMSC-SVC", "咨询2026年度科技型中小企业评价政策", "",
      NULL, "received" },
};

static const struct {
    int ent;
    const char *date, *visitors, *purpose, *findings;
} visit_rows[] = {
    { 5, "2023-03-09", "王建国、" SVC_STAFF, "“双万双服”走访，了解企业复工达产情况",
      "企业生产经营正常，订单充足" },
    { 10, "2023-04-13", SVC_STAFF, "回访高新技术企业认定申报情况", "材料已提交，等待评审" },
    { 20, "2023-05-18", SVC_STAFF, "回访专场招聘会效果", "企业已招聘到12名技术工人" },
    { 30, "2023-06-13", "刘志刚、" SVC_STAFF, "“双万双服”走访新入驻企业",
      "厂房屋面漏雨，影响原料存放" },
    { 40, "2023-08-10", SVC_STAFF, "走访了解企业用工和融资情况", "企业经营平稳，暂无诉求" },
    { 55, "2023-09-07", "王建国、" SVC_STAFF, "“双万双服”走访，宣传惠企政策",
      "企业对研发费用加计扣除政策有兴趣" },
    { 70, "2023-10-10", SVC_STAFF, "走访新入驻企业，宣传“信易贷”平台",
      "企业计划购置生产设备，有融资需求" },
    { 62, "2023-11-22", SVC_STAFF, "走访新入驻企业，了解投产进度", "设备安装调试中" },
    { 80, "2024-05-16", "陈卫东、" SVC_STAFF, "“双万双服”走访重点企业", "企业急需招聘应届毕业生" },
    { 89, "2025-04-17", SVC_STAFF, "走访新入驻企业", "新建车间即将开工" },
    { 92, "2026-06-11", SVC_STAFF, "走访新入驻企业", "企业新建仓库已竣工" },
};

/* follow-up 信易贷 contacts: enterprise, date, channel, need, amounts (万元; < 0: none),
 * outcome, lender */
static const struct {
    int ent;
    const char *date, *channel, *need;
    double need_amount, applied, granted;
    const char *outcome, *lender;
} financing_rows[] = {
    { 25, "2023-06-06", "visit", "流动资金周转", 200, 200, 150, "granted", "天津农商银行" },
    { 38, "2023-07-20", "phone", "原材料采购资金", 100, 100, 80, "granted", "天津银行" },
    { 44, "2023-09-12", "visit", "厂房装修及设备购置", 300, 300, -1, "applied", "" },
    { 52, "2023-10-26", "online", "流动资金", 50, 50, -1, "declined", "" },
    { 70, "2023-10-24", "visit", "设备购置贷款", 260, 260, 200, "granted", "中国建设银行" },
    { 60, "2024-04-18", "visit", "扩大生产线", 500, 500, 500, "granted", "中国工商银行" },
    { 89, "2025-05-20", "phone", "新建车间配套资金", 150, 120, 120, "granted", "天津农商银行" },
};

static json_t *visit_json(struct fz_ctx *ctx, const int64_t *ents, size_t k)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "enterprise_id",
                     (json_int_t)ents[visit_rows[k].ent], "visited_on", visit_rows[k].date,
                     "visitors", visit_rows[k].visitors, "purpose", visit_rows[k].purpose,
                     "findings", visit_rows[k].findings, "dept_id",
                     (json_int_t)dept(ctx, "HMSC-SVC"));
}

static json_t *request_json(struct fz_ctx *ctx, const int64_t *ents, const int64_t *visits,
                            size_t k)
{
    json_t *in = json_pack("{s:I, s:s, s:s, s:I, s:I, s:s, s:s, s:s}", "enterprise_id",
                           (json_int_t)ents[request_rows[k].ent], "category",
                           request_rows[k].category, "problem", request_rows[k].problem,
                           "dept_id", (json_int_t)dept(ctx, request_rows[k].dept),
                           "recv_dept_id", (json_int_t)dept(ctx, "HMSC-SVC"), "received_on",
                           request_rows[k].received, "resolution",
                           request_rows[k].resolution, "status", request_rows[k].status);
    if (in && request_rows[k].resolved)
        json_object_set_new(in, "resolved_on", json_string(request_rows[k].resolved));
    if (in && request_rows[k].visit >= 0)
        json_object_set_new(in, "visit_id", json_integer(visits[request_rows[k].visit]));
    return in;
}

static int seed_service(struct fz_ctx *ctx, const struct audit_key *key, const int64_t *ents)
{
    int64_t visits[sizeof visit_rows / sizeof *visit_rows] = {0};
    for (size_t k = 0; k < sizeof visit_rows / sizeof *visit_rows; k++) {
        char summary[160];
        snprintf(summary, sizeof summary, "登记走访企业（%s）", visit_rows[k].date);
        if (save(ctx, key, registries_visit_create, visit_json(ctx, ents, k),
                 "service_visit.create", "service_visit", summary, &visits[k]))
            return 1;
    }
    for (size_t k = 0; k < sizeof request_rows / sizeof *request_rows; k++) {
        char summary[160];
        snprintf(summary, sizeof summary, "登记企业诉求（%s）", request_rows[k].received);
        if (save(ctx, key, registries_request_create, request_json(ctx, ents, visits, k),
                 "service_request.create", "service_request", summary, NULL))
            return 1;
    }
    return 0;
}

/* financing_at_briefing: enterprise i heard the 信易贷 presentation at its briefing */
static json_t *financing_at_briefing(struct fz_ctx *ctx, int64_t ent, int i,
                                     const char *date)
{
    const char *outcome = i % 5 == 0 ? "registered" : i % 7 == 0 ? "no_need" : "informed";
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s}", "enterprise_id",
                     (json_int_t)ent, "contacted_on", date, "channel", "lecture", "staff",
                     SVC_STAFF, "outcome", outcome, "dept_id",
                     (json_int_t)dept(ctx, "HMSC-SVC"), "notes",
                     "诚信经营宣讲会上同步宣传“信易贷”平台，发放平台注册指引");
}

static json_t *financing_json(struct fz_ctx *ctx, const int64_t *ents, size_t k)
{
    json_t *in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:I}", "enterprise_id",
                           (json_int_t)ents[financing_rows[k].ent], "contacted_on",
                           financing_rows[k].date, "channel", financing_rows[k].channel,
                           "staff", SVC_STAFF, "financing_need", financing_rows[k].need,
                           "need_amount", financing_rows[k].need_amount, "outcome",
                           financing_rows[k].outcome, "lender", financing_rows[k].lender,
                           "dept_id", (json_int_t)dept(ctx, "HMSC-SVC"));
    if (in && financing_rows[k].applied >= 0)
        json_object_set_new(in, "applied_amount", json_real(financing_rows[k].applied));
    if (in && financing_rows[k].granted >= 0)
        json_object_set_new(in, "granted_amount", json_real(financing_rows[k].granted));
    return in;
}

static int seed_financing(struct fz_ctx *ctx, const struct audit_key *key,
                          const int64_t *ents)
{
    for (size_t k = 0; k < sizeof briefing_rows / sizeof *briefing_rows; k++) {
        for (int i = N_OLD; i < N_ENT; i++) {
            char d[11], summary[128];
            settled_on(i, d);
            if (strcmp(d, briefing_rows[k].from) < 0 || strcmp(d, briefing_rows[k].to) > 0)
                continue;
            snprintf(summary, sizeof summary, "登记信易贷宣传对接（%s）", briefing_rows[k].date);
            if (save(ctx, key, registries_financing_create,
                     financing_at_briefing(ctx, ents[i], i, briefing_rows[k].date),
                     "financing_contact.create", "financing_contact", summary, NULL))
                return 1;
        }
    }
    for (size_t k = 0; k < sizeof financing_rows / sizeof *financing_rows; k++) {
        char summary[128];
        snprintf(summary, sizeof summary, "登记信易贷宣传对接（%s）", financing_rows[k].date);
        if (save(ctx, key, registries_financing_create, financing_json(ctx, ents, k),
                 "financing_contact.create", "financing_contact", summary, NULL))
            return 1;
    }
    return 0;
}

int demo_seed_registries(struct fz_ctx *ctx, const struct audit_key *key)
{
    int64_t ents[N_ENT] = {0}, credit[N_ENT] = {0}, notif[2] = {0};
    return seed_enterprises(ctx, key, ents) ||
           seed_commitments(ctx, key, ents, credit, notif) ||
           seed_briefings(ctx, key, ents) ||
           seed_breaches(ctx, key, ents, credit, notif) ||
           seed_activities(ctx, key) ||
           seed_service(ctx, key, ents) ||
           seed_financing(ctx, key, ents);
}
