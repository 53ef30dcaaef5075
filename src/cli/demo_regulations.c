/* demo_regulations.c - demo data of the regulations library: real titles, levels, issuers
 * and document numbers of the laws and rules the district enforcement departments apply,
 * each linked to its departments, with a few articles written for the demo (示例文本: not
 * the official text, as every note says). 行政处罚法 has its 2017 text and the 2021
 * revision, so citations show the version in force on a day; a district normative document
 * is repealed. Runs first among the seeders: the powers the enforcement seeder creates
 * later are linked to these entries by their 《title》 (009_regulations.sql trigger). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"
#include "modules/regulations.h"

#define DEMO_NOTE "示例文本：条文为演示编写，并非官方文本；引用请以国家法律法规数据库公布的文本为准"

struct demo_version {
    const char *doc_no, *promulgated, *effective, *text;
};

static const struct demo_reg {
    const char *title, *level, *issuer, *depts;     /* depts: codes, space-separated */
    struct demo_version v[2];                       /* v[1].text NULL: one version */
    const char *repealed_on;
} regs[] = {
    { "中华人民共和国行政处罚法", "法律", "全国人民代表大会常务委员会",
      "EXT-CG EXT-ZJ EXT-SJ EXT-YJ EXT-XF HMSC-ENF",
      { { "中华人民共和国主席令第七十六号", "2017-09-01", "2018-01-01",
          "中华人民共和国行政处罚法（2017年修正）\n"
          "第一章　总　则\n"
          "第一条　为规范行政处罚的设定与实施，保障和监督行政机关依法实施行政管理，维护公共利益"
          "和社会秩序，保护公民、法人和其他组织的合法权益，制定本法。\n"
          "第三条　公民、法人或者其他组织违反行政管理秩序，依法应当给予行政处罚的，由法律、法规"
          "或者规章规定，并由行政机关按照本法规定的程序实施。\n"
          "没有法定依据或者不遵守法定程序的，行政处罚无效。\n"
          "第四章　行政处罚的管辖和适用\n"
          "第二十九条　违法行为在二年内未被发现的，不再给予行政处罚，法律另有规定的除外。\n"
          "前款期限自违法行为发生之日起计算；违法行为有连续或者继续状态的，自行为终了之日起计算。\n"
          "第五章　行政处罚的决定\n"
          "第三十二条　当事人有权陈述和申辩。行政机关应当充分听取当事人意见，对其提出的事实、"
          "理由和证据进行复核；成立的，应当采纳。行政机关不得因当事人申辩而加重处罚。\n"
          "第四十二条　行政机关作出责令停产停业、吊销许可证或者执照、较大数额罚款等行政处罚决定前，"
          "应当告知当事人有要求举行听证的权利；当事人要求听证的，行政机关应当组织听证。\n" },
        { "中华人民共和国主席令第七十号", "2021-01-22", "2021-07-15",
          "中华人民共和国行政处罚法（2021年修订）\n"
          "第一章　总　则\n"
          "第一条　为规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，维护公共利益"
          "和社会秩序，保护公民、法人或者其他组织的合法权益，根据宪法，制定本法。\n"
          "第二条　行政处罚是指行政机关依法对违反行政管理秩序的公民、法人或者其他组织，以减损权益"
          "或者增加义务的方式予以惩戒的行为。\n"
          "第四章　行政处罚的管辖和适用\n"
          "第三十三条　违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害"
          "后果轻微并及时改正的，可以不予行政处罚。\n"
          "第三十六条　违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融"
          "安全且有危害后果的，上述期限延长至五年。法律另有规定的除外。\n"
          "第五章　行政处罚的决定\n"
          "第一节　一般规定\n"
          "第四十二条　行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律"
          "另有规定的除外。\n"
          "执法人员应当文明执法，尊重和保护当事人合法权益。\n"
          "第二节　简易程序\n"
          "第五十一条　违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以"
          "三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。\n"
          "第三节　普通程序\n"
          "第五十八条　有下列情形之一，在行政机关负责人作出行政处罚决定之前，应当由从事行政处罚"
          "决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定。\n"
          "第六十条　行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、"
          "规章另有规定的，从其规定。\n"
          "第四节　听证程序\n"
          "第六十三条　行政机关拟作出较大数额罚款、没收较大数额违法所得、降低资质等级、吊销许可"
          "证件、责令停产停业、责令关闭、限制从业等行政处罚决定的，应当告知当事人有要求听证的"
          "权利；当事人要求听证的，行政机关应当组织听证。\n"
          "第八章　附　则\n"
          "第八十五条　本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。\n" } },
      NULL },
    { "中华人民共和国安全生产法", "法律", "全国人民代表大会常务委员会", "EXT-YJ HMSC-SAFE",
      { { "中华人民共和国主席令第八十八号", "2021-06-10", "2021-09-01",
          "第一章　总　则\n"
          "第一条　为了加强安全生产工作，防止和减少生产安全事故，保障人民群众生命和财产安全，"
          "促进经济社会持续健康发展，制定本法。\n"
          "第三条　安全生产工作坚持人民至上、生命至上，把保护人民生命安全摆在首位，坚持安全第一、"
          "预防为主、综合治理的方针。\n"
          "第二章　生产经营单位的安全生产保障\n"
          "第二十八条　生产经营单位应当对从业人员进行安全生产教育和培训，保证从业人员具备必要的"
          "安全生产知识，掌握本岗位的安全操作技能。未经安全生产教育和培训合格的从业人员，不得"
          "上岗作业。\n"
          "第六章　法律责任\n"
          "第九十七条　生产经营单位未按照规定对从业人员进行安全生产教育和培训的，责令限期改正，"
          "处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { "中华人民共和国消防法", "法律", "全国人民代表大会常务委员会", "EXT-XF",
      { { "中华人民共和国主席令第八十一号", "2021-04-29", "2021-04-29",
          "第一条　为了预防火灾和减少火灾危害，加强应急救援工作，保护人身、财产安全，维护公共"
          "安全，制定本法。\n"
          "第十六条　机关、团体、企业、事业等单位应当落实消防安全责任制，按照标准配置消防设施、"
          "器材并定期检验维修，保障疏散通道、安全出口、消防车通道畅通。\n"
          "第二十八条　任何单位、个人不得损坏、挪用或者擅自拆除、停用消防设施、器材，不得占用、"
          "堵塞、封闭疏散通道、安全出口、消防车通道。\n"
          "第六十条　单位占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为的，责令"
          "改正，处五千元以上五万元以下罚款。\n"
          "个人有前款行为的，处警告或者五百元以下罚款。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { "中华人民共和国大气污染防治法", "法律", "全国人民代表大会常务委员会", "EXT-CG EXT-ZJ",
      { { "中华人民共和国主席令第十六号", "2018-10-26", "2018-10-26",
          "第一条　为保护和改善环境，防治大气污染，保障公众健康，推进生态文明建设，促进经济社会"
          "可持续发展，制定本法。\n"
          "第二条　防治大气污染，应当以改善大气环境质量为目标，坚持源头治理，加强对燃煤、工业、"
          "机动车船、扬尘等大气污染的综合防治，对颗粒物（PM2.5、PM10）、二氧化硫、氮氧化物等"
          "大气污染物实施协同控制。\n"
          "第六十九条　建设单位应当将防治扬尘污染的费用列入工程造价。施工单位应当制定施工扬尘"
          "污染防治实施方案，在施工工地设置硬质围挡，并采取覆盖、分段作业、洒水抑尘、冲洗地面"
          "和车辆等有效防尘降尘措施。\n"
          "第一百一十五条　施工单位未采取有效防尘降尘措施的，由县级以上人民政府住房城乡建设等"
          "主管部门按照职责责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { "企业信息公示暂行条例", "行政法规", "国务院", "EXT-SJ",
      { { "中华人民共和国国务院令第654号", "2014-08-07", "2014-10-01",
          "第一条　为了保障公平竞争，促进企业诚信自律，规范企业信息公示，强化企业信用约束，维护"
          "交易安全，提高政府监管效能，扩大社会监督，制定本条例。\n"
          "第八条　企业应当于每年1月1日至6月30日，通过企业信用信息公示系统报送上一年度年度报告，"
          "并向社会公示。\n"
          "第十四条　市场监督管理部门应当按照公平规范的要求，随机确定抽查的企业，组织对企业公示"
          "信息的情况进行检查，并将抽查结果通过企业信用信息公示系统向社会公布。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { "优化营商环境条例", "行政法规", "国务院", "EXT-CG EXT-ZJ EXT-SJ EXT-YJ EXT-XF HMSC-SVC",
      { { "中华人民共和国国务院令第722号", "2019-10-22", "2020-01-01",
          "第一条　为了持续优化营商环境，不断解放和发展社会生产力，加快建设现代化经济体系，推动"
          "高质量发展，制定本条例。\n"
          "第五十九条　行政执法中应当推广运用说服教育、劝导示范、行政指导等非强制性手段，依法"
          "慎重实施行政强制。采用非强制性手段能够达到行政管理目的的，不得实施行政强制。\n"
          "第六十一条　行政执法机关应当按照规定建立健全行政执法自由裁量基准，合理确定裁量范围、"
          "种类和幅度，规范行政执法自由裁量权的行使。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { "天津市市容和环境卫生管理条例", "地方性法规", "天津市人民代表大会常务委员会", "EXT-CG",
      { { "天津市人民代表大会常务委员会公告", "2017-09-27", "2018-01-01",
          "第一条　为了加强市容和环境卫生管理，创造整洁、优美、文明的城市环境，保障人民身体"
          "健康，根据有关法律、法规，结合本市实际，制定本条例。\n"
          "第二十二条　任何单位和个人不得擅自占用城市道路、桥梁、广场、地下通道等公共场所摆摊"
          "设点、堆放物料或者从事经营活动。\n"
          "第五十二条　违反本条例第二十二条规定，擅自占用公共场所从事经营活动的，由城市管理综合"
          "执法部门责令改正，可以处五十元以上五百元以下罚款。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { "建筑工程施工许可管理办法", "部门规章", "住房和城乡建设部", "EXT-ZJ HMSC-PLAN",
      { { "住房和城乡建设部令第18号", "2014-06-25", "2014-10-25",
          "第一条　为了加强对建筑活动的监督管理，维护建筑市场秩序，保证建筑工程的质量和安全，"
          "根据《中华人民共和国建筑法》，制定本办法。\n"
          "第二条　在中华人民共和国境内从事各类房屋建筑及其附属设施的建造、装修装饰和城镇市政"
          "基础设施工程的施工，建设单位在开工前应当依照本办法的规定申请领取施工许可证。\n"
          "第三条　本办法规定应当申请领取施工许可证的建筑工程未取得施工许可证的，一律不得开工。\n"
          "第十二条　对于未取得施工许可证或者为规避办理施工许可证将工程项目分解后擅自施工的，"
          "由有管辖权的发证机关责令停止施工，限期改正，对建设单位处工程合同价款百分之一以上"
          "百分之二以下罚款；对施工单位处三万元以下罚款。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { "东丽区城市管理相对集中行政处罚权实施办法（试行）", "规范性文件", "东丽区人民政府（示例）",
      "EXT-CG",
      { { "东丽政发〔2016〕12号（示例）", "2016-06-15", "2016-07-01",
          "第一条　为推进城市管理领域相对集中行政处罚权工作，规范城市管理执法行为，结合本区实际，"
          "制定本办法。\n"
          "第四条　区城市管理综合执法部门集中行使市容环境卫生、城市规划、园林绿化等方面法律、"
          "法规、规章规定的行政处罚权。\n" },
        { NULL, NULL, NULL, NULL } },
      "2022-03-01" },
    { "天津市东丽区综合行政执法实施办法", "规范性文件", "东丽区人民政府（示例）",
      "HMSC-ENF EXT-CG",
      { { "东丽政规〔2022〕1号（示例）", "2022-02-10", "2022-03-01",
          "第一条　为深化综合行政执法改革，推进执法重心下移，规范街镇和园区综合行政执法工作，"
          "制定本办法。\n"
          "第五条　园区综合执法机构应当建立日常巡查制度，对辖区内占道经营、违法建设、施工扬尘"
          "等行为开展巡查，坚持执法与服务相结合。\n"
          "第十二条　执法人员实施现场检查时不得少于两人，应当出示行政执法证件，并按照规定进行"
          "全过程记录。\n" },
        { NULL, NULL, NULL, NULL } },
      NULL },
    { NULL, NULL, NULL, NULL, { { NULL, NULL, NULL, NULL }, { NULL, NULL, NULL, NULL } },
      NULL },
};

/* dept_ids: the ids of the space-separated department codes (new reference) */
static json_t *dept_ids(struct db *db, const char *codes)
{
    json_t *ids = json_array();
    char code[32];
    const char *s = codes;
    while (ids && *s) {
        size_t n = strcspn(s, " ");
        int64_t id = 0;
        snprintf(code, sizeof code, "%.*s", (int)n, s);
        if (!db_query_int(db, &id, "SELECT id FROM departments WHERE code = ?", "t", code))
            json_array_append_new(ids, json_integer(id));
        s += n + (s[n] ? 1 : 0);
    }
    return ids;
}

static int failed(struct fz_ctx *ctx, const char *title, const struct fz_problem *p,
                  enum fz_err rc)
{
    db_rollback(ctx->db);
    fprintf(stderr, "fazhi demo: regulation %s: %s\n", title,
            p->message[0] ? p->message : fz_strerror(rc));
    return 1;
}

/* seed_one: the regulation with its first version, then its revision and its repeal,
 * each in its own transaction with its audit entry */
static int seed_one(struct fz_ctx *ctx, const struct audit_key *key, const struct demo_reg *r)
{
    json_t *ids = dept_ids(ctx->db, r->depts);
    struct reg_input in = { .title = r->title, .level = r->level, .issuer = r->issuer,
                            .note = DEMO_NOTE, .dept_ids = ids };
    struct reg_version_input v = { .doc_no = r->v[0].doc_no,
                                   .promulgated_on = r->v[0].promulgated,
                                   .effective_from = r->v[0].effective, .note = "示例文本",
                                   .full_text = r->v[0].text };
    struct fz_problem p = {0};
    int64_t id = 0, no = 0;
    char summary[256];
    enum fz_err rc = db_begin(ctx->db);
    if (!rc)
        rc = reg_create(ctx->db, 0, &in, &v, &id, &p);
    json_decref(ids);
    if (rc)
        return failed(ctx, r->title, &p, rc);
    snprintf(summary, sizeof summary, "新增法规《%s》", r->title);
    if (demo_audit_commit(ctx, key, "regulation.create", "regulation", id, summary))
        return 1;
    if (r->v[1].text) {
        struct reg_version_input v2 = { .doc_no = r->v[1].doc_no,
                                        .promulgated_on = r->v[1].promulgated,
                                        .effective_from = r->v[1].effective,
                                        .note = "示例文本", .full_text = r->v[1].text };
        rc = db_begin(ctx->db);
        if (!rc)
            rc = reg_version_add(ctx->db, 0, id, &v2, &no, &p);
        if (rc)
            return failed(ctx, r->title, &p, rc);
        snprintf(summary, sizeof summary, "法规《%s》新增第 %lld 版", r->title, (long long)no);
        if (demo_audit_commit(ctx, key, "regulation.revise", "regulation", id, summary))
            return 1;
    }
    if (r->repealed_on) {
        struct reg_input rep = { .status = "已废止", .repealed_on = r->repealed_on };
        const char *action = NULL;
        rc = db_begin(ctx->db);
        if (!rc)
            rc = reg_update(ctx->db, id, r->v[1].text ? 2 : 1, &rep, &action, &p);
        if (rc)
            return failed(ctx, r->title, &p, rc);
        snprintf(summary, sizeof summary, "废止法规《%s》", r->title);
        if (demo_audit_commit(ctx, key, action, "regulation", id, summary))
            return 1;
    }
    return 0;
}

int demo_seed_regulations(struct fz_ctx *ctx, const struct audit_key *key)
{
    for (const struct demo_reg *r = regs; r->title; r++)
        if (seed_one(ctx, key, r))
            return 1;
    return 0;
}
