/* demo_cases.c - demo enforcement data: the officers of the center's 综合执法部 with their
 * certificates (one expired, one suspended, to show the Art. 42 gate), a powers list of
 * the district enforcement departments, and cases of 2023-2026 replayed through the case
 * module with historical times: ordinary-procedure penalty cases through notice,
 * statement, legal review, decision, service, publication, execution and closure; on-the-
 * spot decisions; patrol inspections; and open cases in the current year. Cases cite their
 * legal basis from the regulations library (seeded first); one open case has evidence
 * preserved in advance (Art. 56). Evidence files are small generated records stored in
 * the content-addressed file store. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "db/db.h"
#include "http/auth.h"
#include "modules/calendar.h"
#include "modules/cases.h"
#include "modules/files.h"
#include "modules/patrols.h"
#include "util/timeutil.h"

static const struct demo_officer {
    const char *user, *name, *dept, *cert, *from, *until, *status;
} officers[] = {
    { "officer1", "赵立新", "HMSC-ENF-1", "津东执12010001", "2021-03-01", "2027-02-28", "valid" },
    { "officer2", "钱志强", "HMSC-ENF-1", "津东执12010002", "2021-03-01", "2027-02-28", "valid" },
    { "officer3", "孙海涛", "HMSC-ENF-2", "津东执12010003", "2022-06-01", "2028-05-31", "valid" },
    { NULL, "李国庆", "HMSC-ENF-2", "津东执12010004", "2020-01-01", "2029-12-31", "valid" },
    { NULL, "周文斌", "HMSC-ENF-1", "津东执12010005", "2019-05-01", "2025-04-30", "valid" },
    { NULL, "吴俊峰", "HMSC-ENF-2", "津东执12010006", "2021-09-01", "2027-08-31", "suspended" },
    { NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};

static const struct demo_power {
    const char *code, *kind, *name, *dept, *basis;
} powers[] = {
    { "CG-XZCF-001", "penalty", "对擅自占用城市道路从事经营活动的处罚", "EXT-CG",
      "《天津市市容和环境卫生管理条例》第二十二条、第五十二条" },
    { "CG-XZCF-002", "penalty", "对建设工程施工现场未采取扬尘防治措施的处罚", "EXT-CG",
      "《中华人民共和国大气污染防治法》第六十九条、第一百一十五条" },
    { "ZJ-XZCF-001", "penalty", "对未取得施工许可证擅自施工的处罚", "EXT-ZJ",
      "《建筑工程施工许可管理办法》第十二条" },
    { "SJ-XZJC-001", "inspection", "对企业公示信息的抽查检查", "EXT-SJ",
      "《企业信息公示暂行条例》第十四条" },
    { "YJ-XZCF-001", "penalty", "对生产经营单位未按规定开展安全生产教育培训的处罚", "EXT-YJ",
      "《中华人民共和国安全生产法》第九十七条" },
    { "XF-XZCF-001", "penalty", "对占用、堵塞、封闭疏散通道、安全出口的处罚", "EXT-XF",
      "《中华人民共和国消防法》第六十条" },
    { "HM-XZJC-001", "inspection", "园区日常巡查（执法+服务）", "HMSC-ENF",
      "《天津市东丽区综合行政执法实施办法》（园区日常巡查）" },
    { NULL, NULL, NULL, NULL, NULL },
};

static int64_t id_of(struct db *db, const char *sql, const char *arg)
{
    int64_t id = 0;
    db_query_int(db, &id, sql, "t", arg);
    return id;
}

static time_t at(const char *iso)
{
    time_t t = 0;
    time_parse(iso, &t);
    return t;
}

static int step(struct fz_ctx *ctx, const struct calendar *cal, const struct fz_user *u,
                int64_t id, json_t *body, const char *when)
{
    struct fz_problem p = {0};
    char summary[160];
    enum fz_err rc = case_act(ctx->db, cal, u, id, body, at(when), NULL, summary, &p);
    if (rc)
        fprintf(stderr, "fazhi demo: case %lld %s: %s\n", (long long)id,
                json_string_value(json_object_get(body, "action")),
                p.message[0] ? p.message : fz_strerror(rc));
    json_decref(body);
    return rc ? 1 : 0;
}

/* evidence: a generated record file filed as evidence of the case */
static int evidence(struct fz_ctx *ctx, const struct fz_user *u, int64_t id,
                    const char *record, const char *name, const char *text, const char *when)
{
    struct fz_upload up = { .has_file = true, .size = strlen(text) };
    if (files_put(ctx->cfg->files, text, strlen(text), up.sha256, up.sm3))
        return 1;
    snprintf(up.filename, sizeof up.filename, "%s", name);
    snprintf(up.content_type, sizeof up.content_type, "text/plain; charset=utf-8");
    up.fields = json_pack("{s:s, s:s}", "record", record, "kind", "document");
    struct fz_problem p = {0};
    json_t *ev = NULL;
    enum fz_err rc = case_add_evidence(ctx->db, u, id, &up, at(when), &ev, &p);
    json_decref(up.fields);
    json_decref(ev);
    if (rc)
        fprintf(stderr, "fazhi demo: evidence: %s\n", p.message[0] ? p.message : fz_strerror(rc));
    return rc ? 1 : 0;
}

static int act(struct fz_ctx *ctx, const struct fz_user *u, int64_t id, const char *kind,
               json_t *officers, const char *summary, const char *when)
{
    json_t *b = json_pack("{s:s, s:O, s:s, s:s}", "kind", kind, "officers", officers, "place",
                          "华明高新区", "summary", summary);
    struct fz_problem p = {0};
    int64_t aid = 0;
    enum fz_err rc = case_add_act(ctx->db, u, id, b, at(when), &aid, &p);
    json_decref(b);
    if (rc)
        fprintf(stderr, "fazhi demo: act: %s\n", p.message[0] ? p.message : fz_strerror(rc));
    return rc ? 1 : 0;
}

struct who {
    struct fz_user *officer, *leader, *legal;
    json_t *pair;           /* officer ids of officer1 and officer2 */
};

/* one demo penalty case: the legal basis (reg: a library title, art: the article) is
 * cited in the version in force on the filing day */
struct demo_case {
    const char *title, *party, *kind;
    double fine;
    const char *day;
    int upto;               /* steps taken (99 = all) */
    const char *reg;        /* NULL: no citation */
    int art;
    bool preserve;          /* evidence preserved in advance (Art. 56), not yet handled */
};

/* with_basis: body plus "citations" naming article art of the library entry reg */
static void with_basis(struct fz_ctx *ctx, json_t *b, const struct demo_case *dc)
{
    int64_t rid = dc->reg ? id_of(ctx->db, "SELECT id FROM regulations WHERE title = ?",
                                  dc->reg) : 0;
    if (rid > 0)
        json_object_set_new(b, "citations", json_pack("[{s:I, s:i}]", "regulation_id",
                                                      (json_int_t)rid, "article", dc->art));
}

/* preservation: 先行登记保存 requested, approved by the head and carried out on day t */
static int preservation(struct fz_ctx *ctx, const struct calendar *cal, const struct who *w,
                        int64_t id, const char *t)
{
    int bad = step(ctx, cal, w->officer, id, json_pack("{s:s, s:[{s:s, s:i, s:s}], s:s}",
                   "action", "request_preservation", "items", "name", "未按规定储存的危险化学品",
                   "quantity", 12, "unit", "桶", "reason", "物品可能被转移，证据可能灭失"), t);
    int64_t pid = bad ? 0 : id_of(ctx->db, "SELECT max(id) FROM case_preservations WHERE"
                                  " status = ?", "requested");
    if (!bad)
        bad = step(ctx, cal, w->leader, id, json_pack("{s:s, s:I, s:b, s:s}", "action",
                   "approve_preservation", "preservation_id", (json_int_t)pid, "approved", 1,
                   "opinion", "同意先行登记保存"), t) ||
              step(ctx, cal, w->officer, id, json_pack("{s:s, s:I, s:O, s:s}", "action",
                   "preserve", "preservation_id", (json_int_t)pid, "officers", w->pair,
                   "place", "仓库"), t);
    return bad;
}

/* ordinary: one ordinary-procedure penalty case up to dc->upto steps */
static int ordinary(struct fz_ctx *ctx, const struct calendar *cal, const struct who *w,
                    const struct demo_case *dc)
{
    const char *title = dc->title, *party = dc->party, *kind = dc->kind, *day = dc->day;
    double fine = dc->fine;
    int upto = dc->upto;
    char t[9][40];
    /* the case's dates, spread over a few weeks from `day` (all working-day safe) */
    static const char *const times[] = { "T09:00:00+08:00", "T10:00:00+08:00",
                                         "T15:00:00+08:00", "T09:30:00+08:00",
                                         "T10:30:00+08:00", "T14:00:00+08:00",
                                         "T09:15:00+08:00", "T16:00:00+08:00",
                                         "T11:00:00+08:00" };
    int32_t d0 = 0;
    calendar_day(day, &d0);
    for (int i = 0; i < 9; i++) {
        int32_t d = d0;
        calendar_add_workdays(cal, d0, i * 2, &d);
        char ymd[11];
        calendar_ymd(d, ymd);
        snprintf(t[i], sizeof t[i], "%s%s", ymd, times[i]);
    }
    json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:O, s:b}", "kind", "penalty",
                          "procedure", "ordinary", "title", title, "party_name", party,
                          "party_kind", kind, "facts", title, "source", "园区巡查发现",
                          "officers", w->pair, "review_required", fine >= 5000);
    with_basis(ctx, b, dc);
    struct fz_problem p = {0};
    int64_t id = 0;
    json_t *warn = NULL;
    enum fz_err rc = case_create(ctx->db, cal, w->officer, b, at(t[0]), &id, &warn, &p);
    json_decref(b);
    json_decref(warn);
    if (rc) {
        fprintf(stderr, "fazhi demo: case: %s\n", p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    int bad = evidence(ctx, w->officer, id, "filing_form", "立案审批表.txt", title, t[0]);
    if (!bad && upto >= 1)
        bad = step(ctx, cal, w->leader, id, json_pack("{s:s}", "action", "approve_filing"), t[0]);
    if (!bad && upto >= 2)
        bad = act(ctx, w->officer, id, "inspection", w->pair, "现场检查，制作现场检查笔录", t[1]) ||
              evidence(ctx, w->officer, id, "inspection_record", "现场检查笔录.txt", title, t[1]) ||
              evidence(ctx, w->officer, id, "av_record", "执法记录仪视频说明.txt",
                       "执法记录仪全程录像，已归档", t[1]);
    if (!bad && upto >= 2 && dc->preserve)
        bad = preservation(ctx, cal, w, id, t[1]);
    json_t *pen = fine > 0 ? json_pack("{s:[s], s:f}", "kinds", "fine", "fine", fine)
                           : json_pack("{s:[s]}", "kinds", "warning");
    if (!bad && upto >= 3)
        bad = step(ctx, cal, w->officer, id, json_pack("{s:s, s:O}", "action", "notify",
                                                      "intended", pen), t[2]) ||
              evidence(ctx, w->officer, id, "notice_doc", "行政处罚事先告知书.txt", title, t[2]);
    if (!bad && upto >= 4)
        bad = step(ctx, cal, w->officer, id, json_pack("{s:s, s:s}", "action", "statement",
                   "statement", "当事人对违法事实无异议，请求从轻处罚"), t[3]) ||
              evidence(ctx, w->officer, id, "statement_record", "陈述申辩笔录.txt", "无异议", t[3]);
    if (!bad && upto >= 5 && fine >= 5000)
        bad = step(ctx, cal, w->officer, id, json_pack("{s:s}", "action", "submit_review"), t[4]) ||
              step(ctx, cal, w->legal, id, json_pack("{s:s, s:s, s:s}", "action", "review",
                   "result", "agree", "opinion", "事实清楚，证据充分，程序合法，适用依据正确"), t[4]);
    if (!bad && upto >= 6)
        bad = step(ctx, cal, w->leader, id, json_pack("{s:s, s:s, s:O, s:s}", "action",
                   "decide", "decision", "penalty", "penalty", pen, "basis", title), t[5]) ||
              evidence(ctx, w->officer, id, "decision_doc", "行政处罚决定书.txt", title, t[5]);
    if (!bad && upto >= 7)
        bad = step(ctx, cal, w->officer, id, json_pack("{s:s, s:s, s:O}", "action", "serve",
                   "method", "direct", "officers", w->pair), t[6]) ||
              evidence(ctx, w->officer, id, "service_receipt", "送达回证.txt", "当事人签收", t[6]);
    if (!bad && upto >= 8)
        bad = step(ctx, cal, w->leader, id, json_pack("{s:s}", "action", "publish"), t[6]) ||
              step(ctx, cal, w->officer, id, json_pack("{s:s, s:s}", "action", "execute",
                   "performed_on", day), t[7]) ||
              evidence(ctx, w->officer, id, "execution_record", "缴款凭证.txt", "已缴纳", t[7]);
    if (!bad && upto >= 9)
        bad = step(ctx, cal, w->leader, id, json_pack("{s:s, s:s}", "action", "close",
                   "conclusion", "处罚决定已履行完毕，予以结案"), t[8]);
    json_decref(pen);
    return bad;
}

static int seed_officers(struct fz_ctx *ctx)
{
    for (const struct demo_officer *o = officers; o->name; o++) {
        json_t *b = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "name", o->name,
                              "dept_id", (json_int_t)id_of(ctx->db,
                              "SELECT id FROM departments WHERE code = ?", o->dept),
                              "cert_no", o->cert, "issuer", "天津市人民政府", "valid_from",
                              o->from, "valid_until", o->until, "status", o->status, "user_id",
                              (json_int_t)(o->user ? id_of(ctx->db,
                              "SELECT id FROM users WHERE username = ?", o->user) : 0));
        struct fz_problem p = {0};
        int64_t id = 0;
        enum fz_err rc = officer_create(ctx->db, b, &id, &p);
        json_decref(b);
        if (rc) {
            fprintf(stderr, "fazhi demo: officer: %s\n", p.message);
            return 1;
        }
    }
    for (const struct demo_power *w = powers; w->code; w++) {
        json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:I}", "code", w->code, "kind", w->kind,
                              "name", w->name, "basis", w->basis, "dept_id",
                              (json_int_t)id_of(ctx->db, "SELECT id FROM departments"
                                                " WHERE code = ?", w->dept));
        struct fz_problem p = {0};
        int64_t id = 0;
        if (power_create(ctx->db, b, &id, &p)) {
            json_decref(b);
            fprintf(stderr, "fazhi demo: power: %s\n", p.message);
            return 1;
        }
        json_decref(b);
    }
    return 0;
}

/* patrols: monthly zone patrols of 2023 and the last weeks, a finding each; one finding
 * turned into an inspection */
static int seed_patrols(struct fz_ctx *ctx, const struct calendar *cal, const struct who *w)
{
    static const char *const days[] = { "2023-01-10", "2023-02-14", "2023-03-14",
        "2023-04-11", "2023-05-09", "2023-06-13", "2023-07-11", "2023-08-08", "2023-09-12",
        "2023-10-10", "2023-11-14", "2023-12-12", "2026-11-03", "2026-11-10", "2026-11-17",
        "2026-11-24", NULL };
    static const char *const finds[] = { "园区东路人行道有流动摊贩占道经营",
        "某企业门前堆放建筑垃圾未清运", "施工工地围挡破损，裸土未苫盖",
        "企业反映员工通勤公交班次少（服务需求）", "某厂房消防通道堆放货物" };
    int bad = 0;
    for (int i = 0; !bad && days[i]; i++) {
        char start[40], found[40], end[40];
        snprintf(start, sizeof start, "%sT09:00:00+08:00", days[i]);
        snprintf(found, sizeof found, "%sT10:20:00+08:00", days[i]);
        snprintf(end, sizeof end, "%sT11:30:00+08:00", days[i]);
        json_t *b = json_pack("{s:s, s:O, s:s}", "route", "华明大道—华兴路—园区东路—企业集中区",
                              "officers", w->pair, "summary", "日常园区巡查（执法+服务）");
        struct fz_problem p = {0};
        int64_t id = 0, fid = 0;
        bad = patrol_create(ctx->db, w->officer, b, at(start), &id, &p) != FZ_OK;
        json_decref(b);
        const char *text = finds[i % 5];
        b = json_pack("{s:s, s:s, s:s}", "description", text, "place", "华明高新区", "kind",
                      strstr(text, "服务需求") ? "service" : "issue");
        if (!bad)
            bad = patrol_add_finding(ctx->db, w->officer, id, b, at(found), &fid, &p) != FZ_OK;
        json_decref(b);
        b = json_pack("{s:s}", "summary", "巡查结束，发现问题已现场告知整改");
        if (!bad)
            bad = patrol_end(ctx->db, w->officer, id, b, at(end), &p) != FZ_OK;
        json_decref(b);
        if (!bad && i == 14) {       /* this month's finding becomes an inspection */
            int64_t case_id = 0;
            b = json_pack("{s:s, s:s, s:s, s:s}", "kind", "inspection", "title",
                          "施工工地扬尘防治检查", "party_name", "天津某建设工程有限公司",
                          "party_kind", "org");
            bad = patrol_convert(ctx->db, cal, w->officer, fid, b, at(end), &case_id, &p) != FZ_OK;
            json_decref(b);
        }
        if (bad)
            fprintf(stderr, "fazhi demo: patrol: %s\n", p.message);
    }
    return bad;
}

int demo_seed_cases(struct fz_ctx *ctx, const struct audit_key *key)
{
    struct calendar *cal = NULL;
    if (calendar_load(ctx->db, &cal))
        return 1;
    struct who w = { auth_user_load_name(ctx->db, "officer1"),
                     auth_user_load_name(ctx->db, "leader"),
                     auth_user_load_name(ctx->db, "legal"), NULL };
    int bad = !w.officer || !w.leader || !w.legal || db_begin(ctx->db);
    if (!bad)
        bad = seed_officers(ctx);
    if (!bad)
        w.pair = json_pack("[I, I]", (json_int_t)id_of(ctx->db, "SELECT id FROM officers"
                           " WHERE cert_no = ?", "津东执12010001"),
                           (json_int_t)id_of(ctx->db, "SELECT id FROM officers WHERE cert_no"
                           " = ?", "津东执12010002"));
    static const char *const shirong = "天津市市容和环境卫生管理条例";
    static const char *const daqi = "中华人民共和国大气污染防治法";
    static const char *const xiaofang = "中华人民共和国消防法";
    static const char *const anquan = "中华人民共和国安全生产法";
    static const struct demo_case cases[] = {
        { "园区道路旁擅自占道经营", "王某", "citizen", 200, "2023-03-14", 99, shirong, 52, false },
        { "施工工地未采取扬尘防治措施", "天津华明某建筑工程有限公司", "org", 20000, "2023-05-09",
          99, daqi, 115, false },
        { "厂区消防通道堆放杂物", "天津某新材料科技有限公司", "org", 5000, "2023-07-11", 99,
          xiaofang, 60, false },
        { "未按规定开展安全生产教育培训", "天津某精密机械有限公司", "org", 10000, "2023-09-12",
          99, anquan, 97, false },
        { "擅自搭建彩钢板房", "天津某物流有限公司", "org", 0, "2023-11-07", 99, NULL, 0, false },
        { "占用消防通道停放车辆", "天津某电子有限公司", "org", 3000, "2024-04-16", 99, xiaofang,
          60, false },
        { "夜间施工噪声扰民", "天津某市政工程有限公司", "org", 8000, "2025-06-10", 99, NULL, 0,
          false },
        { "店外占道堆放货物", "李某", "citizen", 500, "2026-10-13", 4, shirong, 52, false },
        { "施工现场裸土未苫盖", "天津某园林绿化有限公司", "org", 15000, "2026-10-27", 5, daqi, 115,
          false },
        { "危险化学品储存不规范", "天津某化工贸易有限公司", "org", 30000, "2026-11-10", 2, NULL,
          0, true },
    };
    for (size_t i = 0; !bad && i < sizeof cases / sizeof cases[0]; i++)
        bad = ordinary(ctx, cal, &w, &cases[i]);
    if (!bad)
        bad = seed_patrols(ctx, cal, &w);
    if (!bad)
        bad = demo_audit_commit(ctx, key, "demo.cases", "case", 0,
                                "演示数据：执法人员、权责清单与执法案件（全流程回放）");
    else
        db_rollback(ctx->db);
    json_decref(w.pair);
    auth_user_free(w.officer);
    auth_user_free(w.leader);
    auth_user_free(w.legal);
    calendar_free(cal);
    return bad;
}
