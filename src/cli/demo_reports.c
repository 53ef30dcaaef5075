/* demo_reports.c - demo data of issue 8: the center's 2023 法治政府建设年度报告 with the
 * narrative of the real 2023 report (/work/shared/seed), rearranged into the five sections
 * the rules require, its figures as live fields ({{fig:...}}) so that they come out of
 * the other modules' demo data; taken through the whole flow by the people who would
 * have done it, on the dates they would have (review, approval, 保密审查, submission
 * before 1 March, publication before 1 April 2024) and frozen; then the 2024 and 2025
 * reports in draft (partly written). Runs after every other seeder. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "db/db.h"
#include "http/auth.h"
#include "modules/audit.h"
#include "modules/reports.h"
#include "util/str.h"
#include "util/timeutil.h"

/* ---- the 2023 narrative (the seed report; figures replaced by live fields) ---- */

static const char s2023_0[] =
    "2023年，在区委、区政府的坚强领导下，华明高新技术产业区服务中心围绕全市法治政府建设工作"
    "要点，对照《东丽区关于进一步加强法治建设的实施方案》内容，全面贯彻落实党的二十大及二十届"
    "一中、二中全会精神，深入学习习近平法治思想和习近平总书记系列重要讲话精神，认真落实市级、"
    "区级相关文件及会议精神，强化组织领导，精心安排部署，扎实推进服务中心依法行政、依法监督、"
    "依法治理等相关工作，着力为营造良好营商环境，全面建设科创绿谷、都市新区提供坚强法治保障。";

static const char s2023_1[] =
    "（一）强化组织领导。华明高新技术产业区服务中心党组高度重视此项工作，将法治政府建设工作纳入"
    "《华明高新区2023年工作要点》，严格落实党政主要负责人履行推进法治建设第一责任人职责，第一"
    "时间成立由华明高新区党组书记为组长，其他党组成员为副组长，相关科室负责人为成员的华明高新区"
    "法治建设工作领导小组，积极谋划、细化分工，压紧压实责任，为促进园区经济社会持续健康发展创造"
    "良好的法治环境，提供有力的法治保障。\n"
    "（二）筑牢理论武装。华明高新技术产业区服务中心党组严格落实“第一议题”学习制度，充分发挥党员"
    "干部“头雁效应”，坚持以上率下，带头深入学习贯彻习近平法治思想，并将习近平法治思想和相关法律"
    "法规纳入理论中心组学习重点学习内容，深刻领会科学内涵，精神实质和实践要求，特别是全面把握"
    "“十一个坚持”“十二个关键词”等重要内容，形成自觉学法、守法、用法的良好氛围，不断强化法治思维"
    "在履行政府职能、推进行政决策、坚持文明执法、强化制约监督、化解社会矛盾等方面中的重要作用，"
    "切实做到学懂、弄通、做实。\n"
    "（三）深化普法宣传。自“八五”普法全面启动以来，华明高新技术产业区服务中心深入学习贯彻习近平"
    "法治思想坚持把普法和依法治理作为推进高新区发展的重要抓手，统筹抓好学法、普法、守法、用法，"
    "以高质量法治环境打造一流营商环境，全力护航华明高新区经济社会高质量发展。今年以来，华明高新"
    "技术产业区服务中心多次邀请{{fig:pufa_partners}}律师，为园区企业开展学习《民法典》、"
    "《合同法》、《安全生产法》等法律法规宣传，切实提高企业法治思维和依法办事能力，促进企业依法"
    "经营，有效防控法律风险。同时充分利用微信公众号等线上平台，进行法律知识宣传，持续增强学法"
    "积极性，不断营造园区浓厚法治氛围。\n"
    "（四）强化反诈力度。今年以来，衡晓帆副市长多次对打击治理电信网络诈骗犯罪工作作出批示，为此，"
    "华明高新技术产业区服务中心高度重视，精心部署，充分发挥“执法+服务”职能作用，在坚持完成日常"
    "园区巡逻的同时，服务中心综合执法部门员工多措并举，创新思维，结合企业特点，发放反诈宣传单页，"
    "推广介绍并指导安装使用“国家反诈中心”APP，面对面地向员工们讲解电信网络诈骗的惯用手法，让企业"
    "及员工充分了解电信网络诈骗案件的主要表现方式、特点、危害及预防措施等内容，提醒企业及员工要"
    "牢固树立个人财产安全意识，对可疑电话、短信、链接，要保持清醒头脑、高度警惕，做到防范知识入脑"
    "入心，切实守好自己的“钱袋子”。\n"
    "（五）推进依法执政。一是持续推进“放管服”改革，依托双万双服平台对新入驻企业进行诚信经营宣讲，"
    "签订了{{fig:commitments_signed}}份信用承诺书，同步开展企业信易贷平台宣传工作。及时回应、妥善"
    "处置12345市民热线以及网上留言板办理工单{{fig:wo_received|余}}件，答复率为"
    "{{fig:wo_reply_rate}}%。二是健全制度，建立健全华明高新区服务中心和天津市滨海华明开发建设有限"
    "公司重大事项集体决策机制，严格落实重大行政决策程序规定。聘用专业第三方机构对决策合法性进行"
    "审查，今年已累计出具{{fig:opinion_letters}}份法律意见书，进一步完善法律顾问参与行政决策合法性"
    "审查工作机制制度。三是规范行政执法行为，保证双人执法，全过程记录执法，法务审核文书等涉法"
    "流程，保证有法可依，有法必依，保障有力。在华明高新区范围内召开执法宣传工作，普及区城管委、"
    "区住建委、区市场监管局、区应急管理局、区消防支队等执法部门及行业主管部门的政策法规，确保政策"
    "法规实时更新，从上至下层层落实到位。";

static const char s2023_2[] =
    "（一）思想重视程度不够。虽然能够按照上级工作部署要求开展工作，但思想上没有高度重视依法建设"
    "工作，运用法治思维和法治方式解决重大突发事件的能力尚待提高。个别部门对深入推进全面依法治区"
    "的重要性认识不足、紧迫感不强。\n"
    "（二）依法行政能力欠缺。园区经济业务领域较为广泛，需要运用法律知识解决的问题也很多，面对更加"
    "复杂的工作环境和工作流程，干部队伍依法办事能力还需加强，对新修订的法律法规学习仍需加强、存在"
    "对个别法规政策掌握不准等问题，对执法取证等要点内容掌握不全面。\n"
    "（三）普法宣传工作不强。创新运用新媒体、新方式开展法治宣传工作能力有待加强，如利用微信公众号"
    "宣传习近平法治思想、全面依法治国取得的历史成就力度不够，氛围营造不够；对个别重点普法对象的"
    "法治宣传教育针对性、实效性不强；普法活动偏理论化、概念化，“以案说法”不足。";

/* the seed has no section of its own for the principal leaders' duty; staff wrote it
 * from the seed's (一) and (二) with the study and meeting figures as live fields */
static const char s2023_3[] =
    "华明高新技术产业区服务中心党组书记、主任严格履行推进法治建设第一责任人职责，将法治政府建设"
    "纳入《华明高新区2023年工作要点》，亲自担任华明高新区法治建设工作领导小组组长，对法治建设"
    "重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。\n"
    "带头落实“第一议题”学习制度，全年组织“第一议题”学习{{fig:study_first_topic}}次、理论中心组"
    "学习{{fig:study_theory_group}}次，带头学习习近平法治思想和新修订的法律法规。坚持重大事项集体"
    "决策，全年召开集体决策会议{{fig:meetings_held}}次，重大行政决策均经法律顾问合法性审查后提交"
    "集体讨论决定。";

static const char s2023_4[] =
    "一是深入贯彻落实习近平新时代中国特色社会主义思想和党的二十大精神，深入开展习近平法治思想学习"
    "宣传教育，认真履行第一责任职责，不断强化运用法治的责任、意识、能力，更好的服务区域经济社会"
    "发展。严格按照中央、市、区关于法治建设的要求，带动广大党员干部树牢法治思维，自觉尊法、学法、"
    "守法、用法。\n"
    "二是进一步转变政府职能，深化放管服改革，优化营商环境，用法治护航改革发展稳定各项事业。紧紧"
    "围绕深化放管服改革和优化营商环境要求，着力解决服务企业、服务群众最后一公里问题。\n"
    "三是加大法治宣传教育力度，创新形式载体、扩大覆盖面，提升法治宣传教育成效，切实用法治保障职工"
    "群众的幸福感、获得感、安全感。加大推进法治队伍建设力度，高效发挥法治人员在推进法治建设中的"
    "作用，拓宽培养和引进法治人才渠道，大力营造拴心留人的环境和干事创业的氛围。";

static const char s2023_5[] = "本年度无其他需要报告的情况。";

/* ---- the 2024 and 2025 drafts (partly written) ---- */

static const char s2024_0[] =
    "2024年，华明高新技术产业区服务中心坚持以习近平法治思想为指导，持续推进依法行政，法治政府"
    "建设各项工作取得新进展。";
static const char s2024_1[] =
    "（一）回应群众诉求。全年受理12345热线及网上留言板工单{{fig:wo_received}}件，答复率"
    "{{fig:wo_reply_rate}}%，按时答复率{{fig:wo_on_time_rate}}%，满意率{{fig:wo_satisfaction_rate}}%。\n"
    "（二）严格决策程序。全年提请合法性审查{{fig:review_requests}}件，法律顾问出具法律意见书"
    "{{fig:opinion_letters}}份。\n"
    "（三）规范执法行为。全年登记执法案件和检查{{fig:cases_total}}件，经法制审核{{fig:cases_reviewed}}"
    "件，公示行政处罚决定{{fig:cases_published}}件。";
static const char s2025_1[] =
    "（一）回应群众诉求。全年受理12345热线及网上留言板工单{{fig:wo_received}}件，答复率"
    "{{fig:wo_reply_rate}}%。\n"
    "（二）普法与信用建设。签订信用承诺书{{fig:commitments_signed}}份，举办普法讲座"
    "{{fig:pufa_lectures}}场。";
static const char s2025_2[] =
    "（一）（待补充）";

struct step {
    const char *when;           /* local time it happened */
    const char *user;           /* who did it */
    int section;                /* >= 0: write this section with text */
    const char *text;
    const char *action;         /* else: this flow action (JSON body below), or "create" */
    const char *body;           /* single quotes for double quotes */
};

static const struct step steps[] = {
    { "2024-01-15T09:30:00+08:00", "legal", -1, NULL, "create", "{'year':2023}" },
    { "2024-01-22T10:00:00+08:00", "legal", 0, s2023_0, NULL, NULL },
    { "2024-01-22T15:00:00+08:00", "legal", 1, s2023_1, NULL, NULL },
    { "2024-01-24T10:00:00+08:00", "legal", 2, s2023_2, NULL, NULL },
    { "2024-01-25T10:00:00+08:00", "legal", 3, s2023_3, NULL, NULL },
    { "2024-01-26T10:00:00+08:00", "legal", 4, s2023_4, NULL, NULL },
    { "2024-01-26T11:00:00+08:00", "legal", 5, s2023_5, NULL, NULL },
    { "2024-02-05T09:00:00+08:00", "legal", -1, NULL, "submit_review", "{}" },
    { "2024-02-08T16:00:00+08:00", "leader", -1, NULL, "approve", "{}" },
    { "2024-02-19T09:30:00+08:00", "leader", -1, NULL, "confidentiality_review", "{}" },
    { "2024-02-26T10:00:00+08:00", "leader", -1, NULL, "submit",
      "{'confidentiality_opinion':'经保密审查，报告不涉及国家秘密、工作秘密、商业秘密和个人隐私，"
      "同意报送并公开发布。','confidentiality_by':'综合办公室（保密工作）','submitted_on':"
      "'2024-02-26','recipients':['中共天津市东丽区委员会','天津市东丽区人民政府',"
      "'中共天津市东丽区委全面依法治区委员会办公室']}" },
    { "2024-03-28T10:00:00+08:00", "leader", -1, NULL, "publish",
      "{'url':'https://demo.fazhi.local/fzzfjs/2023/hmgxq-fzzfjs-ndbg.html',"
      "'published_on':'2024-03-28'}" },
    { "2025-01-10T09:30:00+08:00", "legal", -1, NULL, "create", "{'year':2024}" },
    { "2025-01-20T10:00:00+08:00", "legal", 0, s2024_0, NULL, NULL },
    { "2025-01-20T15:00:00+08:00", "legal", 1, s2024_1, NULL, NULL },
    { "2026-01-12T09:30:00+08:00", "legal", -1, NULL, "create", "{'year':2025}" },
    { "2026-01-19T10:00:00+08:00", "legal", 1, s2025_1, NULL, NULL },
    { "2026-01-19T15:00:00+08:00", "legal", 2, s2025_2, NULL, NULL },
};

/* audit_commit: one audit entry with its detail, then commit (demo_audit_commit without
 * a detail would lose the SHA-256 of the frozen documents) */
static int audit_commit(struct fz_ctx *ctx, const struct audit_key *key, const char *action,
                        int64_t id, const char *summary, json_t *detail)
{
    char ids[32];
    snprintf(ids, sizeof ids, "%lld", (long long)id);
    struct audit_entry e = { .username = "demo", .method = "CLI", .path = "fazhi demo",
                             .action = action, .entity_type = "report", .entity_id = ids,
                             .summary = summary, .detail = detail };
    enum fz_err rc = audit_append(ctx->db, key, &e, NULL);
    if (!rc)
        rc = db_commit(ctx->db);
    else
        db_rollback(ctx->db);
    return rc ? 1 : 0;
}

static json_t *body_of(const char *text)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *c = buf; *c; c++)
        if (*c == '\'')
            *c = '"';
    return json_loads(buf, 0, NULL);
}

/* run_step: one step in its own transaction with its audit entry */
static int run_step(struct fz_ctx *ctx, const struct audit_key *key, const struct step *s,
                    int64_t *year)
{
    time_t at = 0;
    time_parse(s->when, &at);
    struct fz_user *u = auth_user_load_name(ctx->db, s->user);
    struct report_ctx c = { .db = ctx->db, .actor = u, .files = ctx->cfg->files, .now = at };
    struct fz_problem p = {0};
    json_t *body = s->body ? body_of(s->body) : NULL, *detail = NULL;
    char summary[200] = "", action[64];
    int64_t id = 0;
    enum fz_err rc = !u ? FZ_ENOTFOUND : db_begin(ctx->db);
    if (!rc && str_eq(s->action, "create")) {
        *year = json_integer_value(json_object_get(body, "year"));
        rc = reports_create(&c, *year, &id, &p);
        snprintf(summary, sizeof summary, "创建 %lld 年度法治政府建设报告", (long long)*year);
        snprintf(action, sizeof action, "report.create");
    } else if (!rc && s->action) {
        json_object_set_new(body, "action", json_string(s->action));
        rc = reports_act(&c, *year, body, NULL, &detail, summary, &p);
        snprintf(action, sizeof action, "%s",
                 rc ? "" : json_string_value(json_object_get(detail, "audit_action")));
        json_object_del(detail, "audit_action");
    } else if (!rc) {
        json_t *r = NULL;
        rc = db_query_row(ctx->db, &r, "SELECT s.version FROM report_sections s JOIN reports"
                          " r ON r.id = s.report_id WHERE r.year = ? AND s.n = ?", "ii",
                          *year, (int64_t)s->section);
        if (!rc)
            rc = reports_section_put(&c, *year, s->section, s->text,
                                     json_integer_value(json_object_get(r, "version")), &p);
        json_decref(r);
        snprintf(summary, sizeof summary, "修改 %lld 年度报告第 %d 部分（%s）", (long long)*year,
                 s->section, reports_section_title(s->section));
        snprintf(action, sizeof action, "report.section");
    }
    if (!rc && !id)
        rc = db_query_int(ctx->db, &id, "SELECT id FROM reports WHERE year = ?", "i", *year);
    json_decref(body);
    auth_user_free(u);
    if (rc) {
        if (u)
            db_rollback(ctx->db);
        json_decref(detail);
        fprintf(stderr, "fazhi demo: report %lld (%s): %s\n", (long long)*year, s->when,
                p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    int bad = audit_commit(ctx, key, action, id, summary, detail);
    json_decref(detail);
    return bad;
}

int demo_seed_reports(struct fz_ctx *ctx, const struct audit_key *key)
{
    time_t now = time(NULL);
    int64_t year = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        time_t at = 0;
        time_parse(steps[i].when, &at);
        if (at > now)           /* a demo built "earlier" stops at its own today */
            break;
        if (run_step(ctx, key, &steps[i], &year))
            return 1;
    }
    return 0;
}
