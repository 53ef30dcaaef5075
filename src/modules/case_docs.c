/* case_docs.c - the key documents of an enforcement case rendered as DOCX (docx.c):
 * 立案审批表, 行政处罚事先告知书, 行政处罚决定书 (with the contents Art. 59 requires) and
 * 送达回证, numbered with the department's 文号 sequence assigned at filing, notice and
 * decision; the notice and the decision print the legal basis the case cites, each
 * article in the version in force on the day with its text. Rendering reads the case
 * only; filing a document into the case's evidence (the full-process record) is done by
 * the API with files_put + case_add_evidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/cases.h"
#include "modules/docx.h"
#include "util/str.h"

static const char *s(json_t *o, const char *k)
{
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

/* penalty_text: 罚款人民币2,000.00元 / 警告 … from {kinds, fine} */
static void penalty_text(json_t *pen, char *out, size_t n)
{
    static const char *const names[][2] = {
        { "warning", "警告" }, { "criticism", "通报批评" }, { "fine", "罚款" },
        { "confiscate_gains", "没收违法所得" }, { "confiscate_property", "没收非法财物" },
        { "confiscate_large", "没收较大数额违法所得或非法财物" },
        { "suspend_license", "暂扣许可证件" }, { "lower_qualification", "降低资质等级" },
        { "revoke_license", "吊销许可证件" }, { "restrict_business", "限制开展生产经营活动" },
        { "suspend_business", "责令停产停业" }, { "close", "责令关闭" },
        { "restrict_practice", "限制从业" }, { "detention", "行政拘留" }, { "other", "其他" },
    };
    size_t o = 0;
    size_t i;
    json_t *k;
    out[0] = '\0';
    json_array_foreach(json_object_get(pen, "kinds"), i, k) {
        const char *label = json_string_value(k);
        for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
            if (str_eq(names[j][0], json_string_value(k)))
                label = names[j][1];
        if (str_eq(json_string_value(k), "fine"))
            o += (size_t)snprintf(out + o, o < n ? n - o : 0, "%s罚款人民币%.2f元",
                                  i ? "；" : "", json_number_value(json_object_get(pen, "fine")));
        else
            o += (size_t)snprintf(out + o, o < n ? n - o : 0, "%s%s", i ? "；" : "", label);
    }
}

static void date_cn(const char *iso, char *out, size_t n)
{
    if (strlen(iso) < 10) {
        snprintf(out, n, "    年  月  日");
        return;
    }
    snprintf(out, n, "%.4s年%d月%d日", iso, (iso[5] - '0') * 10 + (iso[6] - '0'),
             (iso[8] - '0') * 10 + (iso[9] - '0'));
}

static void party_block(struct docx *d, json_t *c)
{
    docx_paraf(d, DOCX_NO_INDENT, "当事人：%s", s(c, "party_name"));
    if (*s(c, "party_id_no"))
        docx_paraf(d, DOCX_NO_INDENT, "%s：%s",
                   str_eq(s(c, "party_kind"), "org") ? "统一社会信用代码" : "身份证件号码",
                   s(c, "party_id_no"));
    docx_paraf(d, DOCX_NO_INDENT, "地址：%s", *s(c, "party_address") ? s(c, "party_address")
                                                                     : "（未登记）");
}

static void signature(struct docx *d, json_t *c, const char *date_iso)
{
    char date[64];
    date_cn(date_iso, date, sizeof date);
    docx_para(d, 0, "");
    docx_paraf(d, DOCX_RIGHT, "%s（印章）", s(c, "dept_name"));
    docx_para(d, DOCX_RIGHT, date);
}

/* basis_block: the legal basis the case cites (Art. 59 (3); Art. 44 for the notice), each
 * article in the version in force on the day of the violation, with its text */
static void basis_block(struct docx *d, json_t *c, const char *lead)
{
    json_t *cites = json_object_get(c, "citations");
    char quotes[1024] = "";
    size_t o = 0, i;
    json_t *x;
    json_array_foreach(cites, i, x)
        o += (size_t)snprintf(quotes + o, o < sizeof quotes ? sizeof quotes - o : 0, "%s%s",
                              i ? "、" : "", s(x, "quote"));
    if (!json_array_size(cites)) {
        docx_paraf(d, 0, "%s：（未登记法律依据）。", lead);
        return;
    }
    docx_paraf(d, 0, "%s：%s。", lead, quotes);
    json_array_foreach(cites, i, x)
        docx_paraf(d, 0, "%s（%s%s%s起施行的版本）：%s", s(x, "quote"), s(x, "doc_no"),
                   *s(x, "doc_no") ? "，" : "", s(x, "effective_from"), s(x, "text"));
}

static void filing_form(struct docx *d, json_t *c)
{
    docx_title(d, "立案审批表");
    docx_paraf(d, DOCX_RIGHT, "编号：%s", *s(c, "filing_no") ? s(c, "filing_no") : "（待批准立案后生成）");
    static const int w[] = { 25, 75 };
    docx_table_begin(d, 2, w);
    char officers[512] = "";
    size_t o = 0, i;
    json_t *x;
    json_array_foreach(json_object_get(c, "officers"), i, x)
        o += (size_t)snprintf(officers + o, o < sizeof officers ? sizeof officers - o : 0,
                              "%s%s（执法证号%s）", i ? "、" : "", s(x, "name"), s(x, "cert_no"));
    const char *rows[][2] = {
        { "案件编号", s(c, "no") }, { "案由", s(c, "title") },
        { "当事人", s(c, "party_name") }, { "地址", s(c, "party_address") },
        { "案件来源", s(c, "source") }, { "简要案情", s(c, "facts") },
        { "承办部门", s(c, "dept_name") }, { "承办人", officers },
        { "立案时间", s(c, "filed_at") }, { "审批意见", *s(c, "filed_at") ? "同意立案" : "" },
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        docx_table_row(d, 0, rows[k]);
    docx_table_end(d);
}

static void notice_doc(struct docx *d, json_t *c)
{
    char pen[512];
    penalty_text(json_object_get(c, "intended"), pen, sizeof pen);
    docx_title(d, "行政处罚事先告知书");
    docx_paraf(d, DOCX_CENTER, "%s", *s(c, "notice_no") ? s(c, "notice_no") : "");
    party_block(d, c);
    docx_paraf(d, 0, "经调查，你（单位）%s。", s(c, "facts"));
    basis_block(d, c, "依据");
    docx_paraf(d, 0, "本机关拟对你（单位）作出如下行政处罚：%s。", pen);
    docx_para(d, 0, "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）"
                    "有权进行陈述和申辩。");
    if (json_is_true(json_object_get(c, "hearing_right")))
        docx_paraf(d, 0, "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）"
                         "有权要求听证。如要求听证，应当在收到本告知书之日起五个工作日内"
                         "（即%.10s前）提出，逾期视为放弃听证权利。", s(c, "hearing_request_due"));
    docx_para(d, 0, "逾期不陈述、申辩的，视为放弃上述权利。");
    signature(d, c, s(c, "notice_served_at"));
}

static void decision_doc(struct docx *d, json_t *c)
{
    char pen[512];
    penalty_text(json_object_get(c, "penalty"), pen, sizeof pen);
    docx_title(d, "行政处罚决定书");
    docx_paraf(d, DOCX_CENTER, "%s", s(c, "decision_no"));
    /* Art. 59 (1)-(6): party, facts and evidence, penalty and basis, manner and deadline
     * of performance, remedies, agency and date (and the seal) */
    party_block(d, c);
    docx_paraf(d, 0, "违法事实和证据：%s。以上事实有现场检查笔录、询问笔录、现场执法音像记录等"
                     "证据为证。", s(c, "facts"));
    docx_paraf(d, 0, "行政处罚的种类和依据：%s。", *pen ? pen : "不予行政处罚");
    basis_block(d, c, "处罚依据");
    if (json_number_value(json_object_get(c, "fine_amount")) > 0)
        docx_para(d, 0, "履行方式和期限：请自收到本决定书之日起十五日内，到指定银行或者通过电子支付"
                        "系统缴纳罚款（《中华人民共和国行政处罚法》第六十七条）。到期不缴纳罚款的，"
                        "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额"
                        "（第七十二条）。");
    docx_para(d, 0, "如不服本处罚决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在"
                    "六个月内依法向人民法院提起行政诉讼。行政复议和行政诉讼期间，本决定不停止执行"
                    "（《中华人民共和国行政处罚法》第七十三条）。");
    signature(d, c, s(c, "decided_at"));
}

static void service_receipt(struct docx *d, json_t *c)
{
    docx_title(d, "送达回证");
    static const int w[] = { 25, 75 };
    docx_table_begin(d, 2, w);
    char doc[256];
    snprintf(doc, sizeof doc, "行政处罚决定书（%s）", s(c, "decision_no"));
    const char *rows[][2] = {
        { "送达文书", doc }, { "受送达人", s(c, "party_name") },
        { "送达地点", s(c, "party_address") }, { "送达方式", s(c, "service_method") },
        { "送达时间", s(c, "served_at") }, { "受送达人签收", "" }, { "送达人", "" },
        { "备注", "依据《中华人民共和国行政处罚法》第六十一条送达" },
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        docx_table_row(d, 0, rows[k]);
    docx_table_end(d);
    signature(d, c, s(c, "served_at"));
}

static const struct doc_kind {
    const char *code, *name, *needs;     /* needs: a field that must be set first */
    void (*render)(struct docx *d, json_t *c);
} kinds[] = {
    { "filing_form", "立案审批表", NULL, filing_form },
    { "notice_doc", "行政处罚事先告知书", "notice_served_at", notice_doc },
    { "decision_doc", "行政处罚决定书", "decided_at", decision_doc },
    { "service_receipt", "送达回证", "decided_at", service_receipt },
    { NULL, NULL, NULL, NULL },
};

enum fz_err case_document(struct db *db, const struct fz_user *actor, int64_t id,
                          const char *kind, char **out, size_t *len, char name[128],
                          struct fz_problem *p)
{
    const struct doc_kind *k = kinds;
    while (k->code && !str_eq(k->code, kind))
        k++;
    if (!k->code) {
        fz_problem_set(p, "kind", NULL, "文书种类应为 filing_form、notice_doc、"
                       "decision_doc 或 service_receipt");
        return FZ_ENOTFOUND;
    }
    json_t *c = NULL;
    enum fz_err rc = case_get(db, actor, id, &c);
    if (rc)
        return rc;
    if (k->needs && !json_is_string(json_object_get(c, k->needs))) {
        fz_problem_set(p, "kind", "procedure_violation", "案件尚未进行到可以制作%s的阶段",
                       k->name);
        json_decref(c);
        return FZ_ECONFLICT;
    }
    struct docx *d = NULL;
    rc = docx_new(&d);
    if (!rc) {
        k->render(d, c);
        rc = docx_finish(d, k->name, 0, out, len);
    }
    docx_free(d);
    snprintf(name, 128, "%s-%s.docx", k->name, s(c, "no"));
    json_decref(c);
    return rc;
}
