/* reports.c - the annual rule-of-law report and its figures (see reports.h).
 * Part 1 is the figure table: every figure the report and the dashboard show, each one
 * SQL query over the CTE p(f, t, fs, ts, now, today) that the caller binds once. Part 2
 * is live fields ({{fig:ID}}). Part 3 the report records and their flow (a table of
 * actions), part 4 rendering (Markdown, HTML, DOCX per GB/T 9704 via docx.c, PDF via
 * LibreOffice) and the freezing of a published report in the content-addressed store.
 * Everything else in the file is static. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/docx.h"
#include "modules/files.h"
#include "modules/reports.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/str.h"
#include "util/timeutil.h"

extern char **environ;

/* ==== part 1: the figures ==== */

/* the bounds every figure and series query reads: dates f, t; timestamps fs, ts (the
 * first and the last second of the period in the deployment's offset); now; today */
#define P "WITH p(f, t, fs, ts, now, today) AS (SELECT ?1, ?2, ?3, ?4, ?5, ?6) "

/* work orders as the 12345 system counts them (DOMAIN.md §5.4, workorders.c wo_stats):
 * hotline and message-board orders received in the period, duplicates merged into
 * another left out; rates = round(10000 * a / b) / 100, 0 when b = 0 */
#define WO_WHERE                                                                       \
    " WHERE w.merged_into IS NULL AND w.channel IN ('hotline', 'board')"               \
    " AND w.received_at >= p.fs AND w.received_at <= p.ts"
#define WO_FROM " FROM p, workorders w" WO_WHERE
#define RATE(a, b)                                                                     \
    "CASE WHEN coalesce(" b ", 0) = 0 THEN 0.0 ELSE round(10000.0 * (" a ") / (" b "))" \
    " / 100.0 END"
#define WO_REPLIED "sum(w.replied_at IS NOT NULL)"
#define WO_ON_TIME "sum(w.replied_at IS NOT NULL AND w.replied_at <= w.reply_due)"
#define WO_RATED "sum(w.callback_result IS NOT NULL AND w.callback_result <> 'unreachable')"
#define WO_SATISFIED                                                                   \
    "sum(w.callback_result = 'satisfied') + CASE WHEN coalesce((SELECT value FROM"      \
    " settings WHERE key = 'workorder.basic_counts_satisfied'), '1') <> '0' THEN 1"      \
    " ELSE 0 END * sum(w.callback_result = 'basic')"
#define WO_RATES                                                                       \
    RATE(WO_REPLIED, "count(*)") " AS reply_rate, " RATE(WO_ON_TIME, "count(*)")        \
    " AS on_time_rate, " RATE(WO_SATISFIED, WO_RATED) " AS satisfaction_rate"

#define ACT(kind) " FROM p, activities a WHERE a.kind = '" kind "'"                    \
    " AND a.held_on BETWEEN p.f AND p.t"
#define PUFA_KINDS "('pufa_lecture', 'pufa_onsite', 'pufa_online', 'pufa_case'," \
    " 'enforcement_publicity')"
#define CASES " FROM p, cases c WHERE c.created_at >= p.fs AND c.created_at <= p.ts"
#define IN_FORCE                                                                       \
    " EXISTS (SELECT 1 FROM regulation_versions v WHERE v.regulation_id = r.id"          \
    " AND v.effective_from <= p.t AND (v.effective_to IS NULL OR v.effective_to >= p.t))"
#define LIST(inner) "SELECT json_group_array(v) FROM (" inner " ORDER BY v)"

static const struct report_figure figures[] = {
    /* ---- 12345 hotline and message board ---- */
    { "wo_received", "12345热线及网上留言板受理工单", "件", "workorders", FIG_INT,
      P "SELECT count(*)" WO_FROM,
      "工单台账：渠道为12345热线或网上留言板、受理时间在统计期间内的工单（合并的重复件不计）" },
    { "wo_hotline", "其中：12345热线工单", "件", "workorders", FIG_INT,
      P "SELECT count(*)" WO_FROM " AND w.channel = 'hotline'",
      "工单台账：渠道为12345热线、受理时间在统计期间内的工单" },
    { "wo_board", "其中：网上留言板工单", "件", "workorders", FIG_INT,
      P "SELECT count(*)" WO_FROM " AND w.channel = 'board'",
      "工单台账：渠道为网上留言板、受理时间在统计期间内的工单" },
    { "wo_replied", "已答复工单", "件", "workorders", FIG_INT,
      P "SELECT count(*)" WO_FROM " AND w.replied_at IS NOT NULL",
      "上述工单中已答复（有答复时间）的工单" },
    { "wo_reply_rate", "工单答复率", "%", "workorders", FIG_REAL,
      P "SELECT " RATE(WO_REPLIED, "count(*)") WO_FROM,
      "答复率 = 已答复工单 / 受理工单（与工单统计口径一致）" },
    { "wo_on_time_rate", "工单按时答复率", "%", "workorders", FIG_REAL,
      P "SELECT " RATE(WO_ON_TIME, "count(*)") WO_FROM,
      "按时答复率 = 在答复期限内答复的工单 / 受理工单" },
    { "wo_satisfaction_rate", "工单满意率", "%", "workorders", FIG_REAL,
      P "SELECT " RATE(WO_SATISFIED, WO_RATED) WO_FROM,
      "满意率 =（满意 + 基本满意）/ 回访成功的工单（不含无法联系；基本满意是否计入按系统设置）" },
    { "wo_overdue", "超期工单（逾期答复或在办超期）", "件", "workorders", FIG_INT,
      P "SELECT count(*)" WO_FROM " AND ((w.replied_at IS NULL AND w.paused_at IS NULL"
      " AND w.reply_due < p.now) OR w.replied_at > w.reply_due)",
      "上述工单中答复晚于答复期限，或至今未答复且已过答复期限（暂停计时的除外）的工单" },

    /* ---- credit and integrity ---- */
    { "enterprises_settled", "新入驻园区企业", "家", "credit", FIG_INT,
      P "SELECT count(*) FROM p, enterprises e WHERE e.settled_on BETWEEN p.f AND p.t",
      "企业名录：入驻日期在统计期间内的企业" },
    { "commitments_signed", "签订信用承诺书", "份", "credit", FIG_INT,
      P "SELECT count(*) FROM p, commitments c WHERE c.kind = 'credit'"
      " AND c.signed_on BETWEEN p.f AND p.t",
      "信用承诺书登记：类型为信用承诺、签订日期在统计期间内的承诺书" },
    { "briefings_held", "诚信经营宣讲", "场", "credit", FIG_INT,
      P "SELECT count(*) FROM p, briefings b WHERE b.held_on BETWEEN p.f AND p.t",
      "诚信经营宣讲登记：举办日期在统计期间内的宣讲" },
    { "briefing_enterprises", "参加诚信经营宣讲的企业", "家", "credit", FIG_INT,
      P "SELECT count(DISTINCT a.enterprise_id) FROM p, briefing_attendees a"
      " JOIN briefings b ON b.id = a.briefing_id WHERE b.held_on BETWEEN p.f AND p.t",
      "诚信经营宣讲参加企业名单：统计期间内宣讲的参加企业（同一企业只计一次）" },

    /* ---- 普法, anti-fraud, study ---- */
    { "pufa_lectures", "普法讲座", "场", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("pufa_lecture"),
      "普法与学习记录：类型为普法讲座、举办日期在统计期间内的活动" },
    { "pufa_lectures_partner", "其中：律师事务所参与的普法讲座", "场", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("pufa_lecture") " AND a.partner <> ''",
      "上述普法讲座中登记了合作单位（律师事务所）的场次" },
    { "pufa_partners", "合作开展普法的单位", "", "outreach", FIG_LIST,
      P LIST("SELECT DISTINCT a.partner AS v FROM p, activities a"
             " WHERE a.held_on BETWEEN p.f AND p.t AND a.partner <> ''"),
      "普法与学习记录：统计期间内各类活动登记的合作单位（去重）" },
    { "pufa_laws", "宣传学习的法律法规", "", "outreach", FIG_LIST,
      P LIST("SELECT DISTINCT j.value AS v FROM p, activities a, json_each(a.laws) j"
             " WHERE a.held_on BETWEEN p.f AND p.t"),
      "普法与学习记录：统计期间内各类活动登记的法律法规（去重）" },
    { "pufa_onsite", "现场普法宣传", "场", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("pufa_onsite"),
      "普法与学习记录：类型为现场普法宣传的活动" },
    { "pufa_cases", "以案说法", "场", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("pufa_case"), "普法与学习记录：类型为以案说法的活动" },
    { "pufa_online_articles", "线上普法文章", "篇", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("pufa_online"),
      "普法与学习记录：类型为线上普法文章（微信公众号等）的记录" },
    { "pufa_online_reads", "线上普法文章阅读量", "次", "outreach", FIG_INT,
      P "SELECT coalesce(sum(a.reads), 0)" ACT("pufa_online"),
      "上述线上普法文章登记的阅读量之和" },
    { "pufa_audience", "普法活动覆盖人次", "人次", "outreach", FIG_INT,
      P "SELECT coalesce(sum(a.audience), 0) FROM p, activities a WHERE a.kind IN"
      PUFA_KINDS " AND a.held_on BETWEEN p.f AND p.t",
      "普法类活动（讲座、现场宣传、线上文章、以案说法、执法宣传）登记的参加人数之和" },
    { "anti_fraud_activities", "反诈宣传活动", "场", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("anti_fraud"), "普法与学习记录：类型为反诈宣传的活动" },
    { "anti_fraud_leaflets", "发放反诈宣传单页", "份", "outreach", FIG_INT,
      P "SELECT coalesce(sum(a.leaflets), 0)" ACT("anti_fraud"),
      "反诈宣传活动登记的发放宣传单页数之和" },
    { "anti_fraud_app_installs", "指导安装“国家反诈中心”APP", "人次", "outreach", FIG_INT,
      P "SELECT coalesce(sum(a.app_installs), 0)" ACT("anti_fraud"),
      "反诈宣传活动登记的指导安装“国家反诈中心”APP人数之和" },
    { "anti_fraud_audience", "反诈宣传覆盖人次", "人次", "outreach", FIG_INT,
      P "SELECT coalesce(sum(a.audience), 0)" ACT("anti_fraud"),
      "反诈宣传活动登记的面对面宣传人数之和" },
    { "anti_fraud_enterprises", "反诈宣传覆盖企业", "家次", "outreach", FIG_INT,
      P "SELECT coalesce(sum(a.enterprises_reached), 0)" ACT("anti_fraud"),
      "反诈宣传活动登记的覆盖企业数之和" },
    { "study_first_topic", "“第一议题”学习", "次", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("study_first_topic"),
      "学习记录：类型为“第一议题”学习的记录" },
    { "study_theory_group", "理论中心组学习", "次", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("study_theory_group"), "学习记录：类型为理论中心组学习的记录" },
    { "enforcement_publicity", "执法宣传（政策法规宣讲）", "场", "outreach", FIG_INT,
      P "SELECT count(*)" ACT("enforcement_publicity"),
      "普法与学习记录：类型为执法宣传（宣讲执法部门政策法规）的活动" },
    { "publicity_departments", "宣讲政策法规的执法部门", "", "outreach", FIG_LIST,
      P LIST("SELECT DISTINCT j.value AS v FROM p, activities a, json_each(a.departments) j"
             " WHERE a.held_on BETWEEN p.f AND p.t"),
      "执法宣传活动登记的执法部门及行业主管部门（去重）" },

    /* ---- major decisions and collective decision-making ---- */
    { "decisions_decided", "经集体讨论决定的重大行政决策", "项", "decisions", FIG_INT,
      P "SELECT count(*) FROM p, decisions d WHERE d.decided_on BETWEEN p.f AND p.t",
      "重大行政决策：集体讨论决定日期在统计期间内的决策（通过、不通过、暂缓均计）" },
    { "decisions_reviewed", "其中：经合法性审查的决策", "项", "decisions", FIG_INT,
      P "SELECT count(*) FROM p, decisions d WHERE d.decided_on BETWEEN p.f AND p.t"
      " AND d.review_result IN ('lawful', 'exploratory_with_risk_statement')",
      "上述决策中合法性审查结论为合法（或探索性改革已说明法律风险）的决策" },
    { "decisions_published", "公布的重大行政决策", "项", "decisions", FIG_INT,
      P "SELECT count(*) FROM p, decisions d WHERE d.published_on BETWEEN p.f AND p.t",
      "重大行政决策：公布日期在统计期间内的决策" },
    { "meetings_held", "召开集体决策会议", "次", "decisions", FIG_INT,
      P "SELECT count(*) FROM p, meetings m WHERE m.status IN ('held', 'closed')"
      " AND m.held_on BETWEEN p.f AND p.t",
      "集体决策会议（党组会、主任办公会、董事会、总经理办公会）：已召开且会议日期在统计期间内" },
    { "matters_decided", "集体决策的重大事项", "项", "decisions", FIG_INT,
      P "SELECT count(*) FROM p, major_matters m WHERE m.decided_on BETWEEN p.f AND p.t",
      "重大事项（“三重一大”）：决定日期在统计期间内的事项" },
    { "decisions_overdue", "合法性审查超期的决策", "项", "decisions", FIG_INT,
      P "SELECT count(*) FROM p, decisions d JOIN review_requests r"
      " ON r.id = d.review_request_id WHERE d.initiated_on BETWEEN p.f AND p.t"
      " AND d.status = 'under_review' AND r.answered_on IS NULL AND r.due_on < p.today",
      "启动日期在统计期间内、正在合法性审查且审查申请已过答复期限的决策" },

    /* ---- legality review by counsel ---- */
    { "review_requests", "合法性审查申请", "件", "counsel", FIG_INT,
      P "SELECT count(*) FROM p, review_requests r WHERE r.submitted_on BETWEEN p.f AND p.t",
      "合法性审查申请：提交日期在统计期间内的申请（决策、合同、规范性文件、执法文书等）" },
    { "opinion_letters", "法律顾问出具法律意见书", "份", "counsel", FIG_INT,
      P "SELECT count(*) FROM p, opinion_letters l WHERE l.letter_on BETWEEN p.f AND p.t",
      "法律意见书：出具日期在统计期间内的意见书" },
    { "review_avg_workdays", "法律意见书平均审查用时", "个工作日", "counsel", FIG_REAL,
      P "SELECT round(avg(r.turnaround_workdays), 2) FROM p, opinion_letters l"
      " JOIN review_requests r ON r.id = l.request_id WHERE l.letter_on BETWEEN p.f AND p.t",
      "上述意见书自提交（或补充材料后重新提交）至出具的工作日数的平均值" },
    { "reviews_overdue", "超期的合法性审查", "件", "counsel", FIG_INT,
      P "SELECT coalesce(sum(r.answered_on IS NOT NULL AND r.answered_on > r.due_on)"
      " + sum(r.answered_on IS NULL AND r.due_on < p.today), 0)"
      " FROM p, review_requests r WHERE r.submitted_on BETWEEN p.f AND p.t",
      "统计期间内提交的申请中逾期答复或至今未答复且已过期限的件数" },

    /* ---- administrative enforcement ---- */
    { "cases_total", "登记的行政执法案件和检查", "件", "enforcement", FIG_INT,
      P "SELECT count(*)" CASES, "执法案件台账：登记时间在统计期间内的案件与检查" },
    { "cases_ordinary", "其中：普通程序行政处罚案件", "件", "enforcement", FIG_INT,
      P "SELECT count(*)" CASES " AND c.kind = 'penalty' AND c.procedure = 'ordinary'",
      "上述案件中类别为行政处罚、适用普通程序的案件" },
    { "cases_simple", "其中：简易程序（当场处罚）案件", "件", "enforcement", FIG_INT,
      P "SELECT count(*)" CASES " AND c.kind = 'penalty' AND c.procedure = 'simple'",
      "上述案件中类别为行政处罚、适用简易程序的案件" },
    { "inspections", "其中：行政检查", "件", "enforcement", FIG_INT,
      P "SELECT count(*)" CASES " AND c.kind = 'inspection'", "上述记录中类别为行政检查的记录" },
    { "cases_with_acts", "有现场执法活动记录的案件", "件", "enforcement", FIG_INT,
      P "SELECT count(*)" CASES
      " AND EXISTS (SELECT 1 FROM case_acts a WHERE a.case_id = c.id)",
      "上述案件中记录了现场执法活动（检查、询问、取证、送达、当场处罚等）的案件" },
    { "cases_two_officers", "每项执法活动均由两名以上持证人员实施的案件", "件", "enforcement",
      FIG_INT,
      P "SELECT count(*)" CASES
      " AND EXISTS (SELECT 1 FROM case_acts a WHERE a.case_id = c.id)"
      " AND NOT EXISTS (SELECT 1 FROM case_acts a WHERE a.case_id = c.id AND (SELECT"
      " count(DISTINCT j.value) FROM json_each(a.certs) j) < 2)",
      "有现场执法活动的案件中，每项活动都登记了两个以上不同执法证号的案件（《行政处罚法》第四十二条）" },
    { "cases_full_record", "全过程记录完整的案件", "件", "enforcement", FIG_INT,
      P ", rec(code, due, simple) AS (VALUES ('filing_form', 3, 0),"
      " ('inspection_record', 4, 1), ('av_record', 4, 1), ('notice_doc', 6, 0),"
      " ('statement_record', 6, 0), ('decision_doc', 10, 1), ('service_receipt', 11, 1),"
      " ('execution_record', 12, 1)),"
      " k AS (SELECT c.id, c.procedure, CASE c.stage WHEN 'registered' THEN 0"
      " WHEN 'onsite' THEN 1 WHEN 'inspecting' THEN 2 WHEN 'investigating' THEN 3"
      " WHEN 'notified' THEN 4 WHEN 'hearing' THEN 5 WHEN 'heard' THEN 6"
      " WHEN 'reviewing' THEN 7 WHEN 'reviewed' THEN 8 WHEN 'decided' THEN 9"
      " WHEN 'served' THEN 10 WHEN 'executed' THEN 11 WHEN 'closed' THEN 12 ELSE 99 END"
      " AS rank" CASES ")"
      " SELECT count(*) FROM k WHERE NOT EXISTS (SELECT 1 FROM rec r WHERE k.rank >= r.due"
      " AND (k.procedure <> 'simple' OR r.simple = 1) AND NOT EXISTS (SELECT 1 FROM evidence e"
      " WHERE e.case_id = k.id AND e.record = r.code))",
      "登记时间在统计期间内、截至所处阶段应有的全过程记录（立案审批表、检查笔录、执法音像记录、"
      "告知书、陈述申辩笔录、决定书、送达回证、执行凭证）均已归档的案件" },
    { "cases_reviewed", "经法制审核的案件", "件", "enforcement", FIG_INT,
      P "SELECT count(*)" CASES " AND c.review_result = 'agree'",
      "上述案件中法制审核意见为同意的案件（《行政处罚法》第五十八条）" },
    { "cases_decided", "作出行政处罚决定", "件", "enforcement", FIG_INT,
      P "SELECT count(*) FROM p, cases c WHERE c.decided_at >= p.fs AND c.decided_at <= p.ts",
      "执法案件：决定时间在统计期间内的案件" },
    { "cases_published", "公示的行政处罚决定", "件", "enforcement", FIG_INT,
      P "SELECT count(*) FROM p, cases c WHERE c.published_at >= p.fs"
      " AND c.published_at <= p.ts",
      "执法案件：公示时间在统计期间内的处罚决定（含其后撤回公示的）" },
    { "penalty_fines", "罚款金额", "元", "enforcement", FIG_REAL,
      P "SELECT round(coalesce(sum(c.fine_amount), 0), 2) FROM p, cases c"
      " WHERE c.decided_at >= p.fs AND c.decided_at <= p.ts AND c.decision = 'penalty'",
      "统计期间内作出的行政处罚决定的罚款金额之和" },
    { "cases_overdue", "超期的执法案件（决定、送达、公示）", "件", "enforcement", FIG_INT,
      P "SELECT count(*)" CASES " AND ((c.decided_at IS NULL AND c.stage NOT IN ('closed',"
      " 'revoked') AND c.decision_due < p.now) OR (c.served_at IS NULL AND c.service_due"
      " < p.now) OR (c.publish_required = 1 AND c.published_at IS NULL AND c.publish_due"
      " < p.now))",
      "登记时间在统计期间内、至今超过决定期限（第六十条）、送达期限或公示期限仍未完成的案件" },
    { "officers_valid", "持有效执法证的执法人员", "人", "enforcement", FIG_INT,
      P "SELECT count(*) FROM p, officers o WHERE o.status = 'valid' AND o.valid_from <= p.t"
      " AND o.valid_until >= p.t",
      "执法人员名册：统计期间末日执法证在有效期内且未暂扣、吊销的人员" },

    /* ---- the regulations library ---- */
    { "regulations_in_force", "政策法规库收录的现行有效法律法规", "部", "regulations", FIG_INT,
      P "SELECT count(*) FROM p, regulations r WHERE" IN_FORCE,
      "政策法规库：统计期间末日有文本版本处于施行期内的法律、法规、规章和规范性文件" },
    { "regulations_by_dept", "政策法规库按执法部门", "", "regulations", FIG_LIST,
      P "SELECT json_group_array(v) FROM (SELECT d.name || '（' || count(DISTINCT r.id)"
      " || '部）' AS v FROM p, regulations r JOIN regulation_depts rd ON rd.regulation_id"
      " = r.id JOIN departments d ON d.id = rd.dept_id WHERE" IN_FORCE
      " GROUP BY d.id ORDER BY count(DISTINCT r.id) DESC, d.sort)",
      "政策法规库：上述法律法规按适用的执法部门分列（一部法规可适用于多个部门）" },

    { NULL, NULL, NULL, NULL, FIG_INT, NULL, NULL },
};

/* the dashboard's breakdowns; each query returns rows */
static const struct {
    const char *id, *sql;
} series[] = {
    { "wo_by_month",
      P "SELECT substr(w.received_at, 1, 7) AS month, count(*) AS received, " WO_REPLIED
      " AS replied, " WO_RATES WO_FROM " GROUP BY month ORDER BY month" },
    { "wo_by_category",
      P "SELECT w.category, c.name AS category_name, count(*) AS received, " WO_RATES
      " FROM p, workorders w JOIN wo_categories c ON c.code = w.category" WO_WHERE
      " GROUP BY w.category, c.name, c.sort ORDER BY c.sort" },
    { "cases_by_stage",
      P "SELECT c.stage, count(*) AS n" CASES " GROUP BY c.stage ORDER BY n DESC" },
    { "cases_by_dept",
      P "SELECT c.dept_id, d.name AS dept_name, count(*) AS n FROM p, cases c"
      " JOIN departments d ON d.id = c.dept_id WHERE c.created_at >= p.fs"
      " AND c.created_at <= p.ts GROUP BY c.dept_id, d.name ORDER BY n DESC" },
    { "decisions_by_status",
      P "SELECT d.status, count(*) AS n FROM p, decisions d"
      " WHERE d.initiated_on BETWEEN p.f AND p.t GROUP BY d.status ORDER BY n DESC" },
    { "reviews_by_month",
      P "SELECT month, sum(req) AS requests, sum(let) AS letters, round(avg(tw), 2)"
      " AS avg_workdays FROM (SELECT substr(r.submitted_on, 1, 7) AS month, 1 AS req,"
      " 0 AS let, NULL AS tw FROM p, review_requests r WHERE r.submitted_on BETWEEN p.f"
      " AND p.t UNION ALL SELECT substr(l.letter_on, 1, 7), 0, 1, r.turnaround_workdays"
      " FROM p, opinion_letters l JOIN review_requests r ON r.id = l.request_id"
      " WHERE l.letter_on BETWEEN p.f AND p.t) GROUP BY month ORDER BY month" },
    { "outreach_by_kind",
      P "SELECT a.kind, count(*) AS count, coalesce(sum(a.audience), 0) AS audience,"
      " coalesce(sum(a.enterprises_reached), 0) AS enterprises_reached,"
      " coalesce(sum(a.reads), 0) AS reads, coalesce(sum(a.leaflets), 0) AS leaflets,"
      " coalesce(sum(a.app_installs), 0) AS app_installs FROM p, activities a"
      " WHERE a.held_on BETWEEN p.f AND p.t GROUP BY a.kind ORDER BY count DESC" },
    { "regulations_by_dept",
      P "SELECT d.id AS dept_id, d.name AS dept_name, count(DISTINCT r.id) AS n"
      " FROM p, regulations r JOIN regulation_depts rd ON rd.regulation_id = r.id"
      " JOIN departments d ON d.id = rd.dept_id WHERE" IN_FORCE
      " GROUP BY d.id ORDER BY n DESC, d.sort" },
    { NULL, NULL },
};

const struct report_figure *reports_figure_table(void)
{
    return figures;
}

const struct report_figure *reports_figure_find(const char *id)
{
    for (const struct report_figure *f = figures; id && f->id; f++)
        if (strcmp(f->id, id) == 0)
            return f;
    return NULL;
}

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t jint(const json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

static time_t now_of(const struct report_ctx *c)
{
    return c->now ? c->now : time(NULL);
}

/* the bounds of a period (see P) */
struct period {
    char f[11], t[11];
    char fs[FZ_TS_LEN], ts[FZ_TS_LEN], now[FZ_TS_LEN];
    char today[11];
};

static bool is_date(const char *s)
{
    time_t t;
    return s && strlen(s) == 10 && !time_parse(s, &t);
}

/* period_make: the bounds of [from, to] as of now; FZ_EINVAL for a bad date or order */
static enum fz_err period_make(const char *from, const char *to, time_t now,
                               struct period *pd)
{
    time_t a, b;
    if (!is_date(from) || !is_date(to) || strcmp(from, to) > 0)
        return FZ_EINVAL;
    time_parse(from, &a);
    time_parse(to, &b);
    memcpy(pd->f, from, 11);
    memcpy(pd->t, to, 11);
    time_format(a, pd->fs);
    time_format(b + 86400 - 1, pd->ts);
    time_format(now, pd->now);
    memcpy(pd->today, pd->now, 10);
    pd->today[10] = '\0';
    return FZ_OK;
}

/* source_error: why a query could not run, in words a user may read (the backend's
 * message goes to the log): a module not installed yet is named by its table */
static void source_error(struct db *db, const char *id, char *out, size_t n)
{
    const char *msg = db_errmsg(db);
    fprintf(stderr, "reports: figure %s: %s\n", id, msg ? msg : "?");
    const char *tbl = msg ? strstr(msg, "no such table: ") : NULL;
    if (tbl)
        snprintf(out, n, "数据来源尚未建立（缺少数据表 %s，相关模块尚未启用），无法计算",
                 tbl + strlen("no such table: "));
    else
        snprintf(out, n, "数据来源的结构与指标定义不符，无法计算");
}

/* bind_period: the six parameters of P */
static enum fz_err bind_period(struct db_stmt *st, const struct period *pd)
{
    return db_bind_fmt(st, "tttttt", pd->f, pd->t, pd->fs, pd->ts, pd->now, pd->today);
}

/* fig_value: the value of one figure (new reference; JSON null when the query gives
 * NULL) or NULL with err filled when it cannot be computed */
static json_t *fig_value(struct db *db, const struct report_figure *f,
                         const struct period *pd, char *err, size_t n)
{
    struct db_stmt *st = NULL;
    bool row = false;
    json_t *v = NULL;
    if (db_prepare(db, f->sql, &st)) {
        source_error(db, f->id, err, n);
        return NULL;
    }
    enum fz_err rc = bind_period(st, pd);
    if (!rc)
        rc = db_step(st, &row);
    if (rc || !row) {
        source_error(db, f->id, err, n);
    } else if (db_col_null(st, 0)) {
        v = json_null();
    } else if (f->kind == FIG_INT) {
        v = json_integer(db_col_int(st, 0));
    } else if (f->kind == FIG_REAL) {
        v = json_real(round(db_col_double(st, 0) * 100.0) / 100.0);
    } else {
        v = json_loads(db_col_text(st, 0), 0, NULL);
        if (!json_is_array(v)) {
            json_decref(v);
            v = json_array();
        }
    }
    db_finish(st);
    return v;
}

enum fz_err reports_figures(struct db *db, const char *from, const char *to, time_t now,
                            json_t **out)
{
    struct period pd;
    if (period_make(from, to, now ? now : time(NULL), &pd))
        return FZ_EINVAL;
    json_t *arr = json_array();
    if (!arr)
        return FZ_ENOMEM;
    for (const struct report_figure *f = figures; f->id; f++) {
        char err[256] = "";
        json_t *v = fig_value(db, f, &pd, err, sizeof err);
        json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s}", "id", f->id, "label",
                              f->label, "value", v ? v : json_null(), "unit", f->unit,
                              "group", f->group, "source", f->source);
        if (o && !v)
            json_object_set_new(o, "error", json_string(err));
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return FZ_ENOMEM;
        }
    }
    *out = arr;
    return FZ_OK;
}

/* series_rows: the rows of one breakdown (new array) or NULL with err filled */
static json_t *series_rows(struct db *db, const char *id, const char *sql,
                           const struct period *pd, char *err, size_t n)
{
    json_t *rows = NULL;
    if (db_query_json(db, &rows, sql, "tttttt", pd->f, pd->t, pd->fs, pd->ts, pd->now,
                      pd->today)) {
        source_error(db, id, err, n);
        return NULL;
    }
    return rows;
}

enum fz_err reports_series(struct db *db, const char *from, const char *to, time_t now,
                           json_t **out)
{
    struct period pd;
    if (period_make(from, to, now ? now : time(NULL), &pd))
        return FZ_EINVAL;
    json_t *o = json_object();
    if (!o)
        return FZ_ENOMEM;
    for (int i = 0; series[i].id; i++) {
        char err[256] = "";
        json_t *rows = series_rows(db, series[i].id, series[i].sql, &pd, err, sizeof err);
        json_object_set_new(o, series[i].id,
                            rows ? rows : json_pack("{s:s}", "error", err));
    }
    *out = o;
    return FZ_OK;
}

/* ==== part 2: live fields {{fig:ID}} and {{fig:ID|余}} ==== */

/* a parsed live field: [start, end) in the text, the id and the format */
struct field {
    const char *start, *end;
    char id[64];
    char fmt[16];
};

/* next_field: the next "{{" at or after s; 0 none, 1 parsed into *f, -1 malformed (p) */
static int next_field(const char *s, struct field *f, struct fz_problem *p)
{
    const char *a = strstr(s, "{{");
    if (!a)
        return 0;
    const char *b = strstr(a + 2, "}}");
    const char *in = a + 2;
    if (!b || strncmp(in, "fig:", 4) != 0) {
        fz_problem_set(p, "body", "unknown_field", "无法识别的数据字段“%.40s”，应写作 {{fig:指标}}",
                       a);
        return -1;
    }
    in += 4;
    size_t k = 0;
    while (in < b && ((*in >= 'a' && *in <= 'z') || (*in >= '0' && *in <= '9') || *in == '_')
           && k + 1 < sizeof f->id)
        f->id[k++] = *in++;
    f->id[k] = '\0';
    f->fmt[0] = '\0';
    if (in < b && *in == '|' && (size_t)(b - in - 1) < sizeof f->fmt) {
        memcpy(f->fmt, in + 1, (size_t)(b - in - 1));
        f->fmt[b - in - 1] = '\0';
        in = b;
    }
    if (in != b || !k) {
        fz_problem_set(p, "body", "unknown_field", "无法识别的数据字段“%.*s”", (int)(b + 2 - a), a);
        return -1;
    }
    if (!reports_figure_find(f->id)) {
        fz_problem_set(p, "body", "unknown_field", "未知的数据字段“%s”（{{fig:%s}}）", f->id,
                       f->id);
        return -1;
    }
    if (f->fmt[0] && strcmp(f->fmt, "余") != 0) {
        fz_problem_set(p, "body", "unknown_field", "数据字段 %s 的格式“%s”无法识别（可用：余）",
                       f->id, f->fmt);
        return -1;
    }
    f->start = a;
    f->end = b + 2;
    return 1;
}

enum fz_err reports_fields_check(const char *text, struct fz_problem *p)
{
    struct field f;
    const char *s = text ? text : "";
    int r = next_field(s, &f, p);
    while (r > 0)
        r = next_field(f.end, &f, p);
    return r < 0 ? FZ_EINVAL : FZ_OK;
}

/* fields_used: the ids of the live fields in text, in order, without repeats (new) */
static json_t *fields_used(const char *text)
{
    json_t *ids = json_array();
    struct field f;
    struct fz_problem p = {0};
    for (const char *s = text ? text : ""; next_field(s, &f, &p) > 0; s = f.end) {
        bool seen = false;
        size_t i;
        json_t *v;
        json_array_foreach(ids, i, v)
            seen = seen || str_eq(json_string_value(v), f.id);
        if (!seen)
            json_array_append_new(ids, json_string(f.id));
    }
    return ids;
}

static const json_t *figure_in(const json_t *figs, const char *id)
{
    size_t i;
    const json_t *f;
    json_array_foreach(figs, i, f)
        if (str_eq(jstr(f, "id"), id))
            return f;
    return NULL;
}

/* format_real: 2 decimals without trailing zeros ("100", "98.5", "3.25") */
static void format_real(double v, char *out, size_t n)
{
    snprintf(out, n, "%.2f", v);
    char *dot = strchr(out, '.');
    if (!dot)
        return;
    char *e = out + strlen(out) - 1;
    while (e > dot && *e == '0')
        *e-- = '\0';
    if (e == dot)
        *e = '\0';
}

/* format_about: "700余" for 726, "70余" for 76, the number itself below 10 */
static void format_about(int64_t v, char *out, size_t n)
{
    int64_t step = 1;
    while (step * 10 <= v && step < 1000000000000LL)
        step *= 10;
    if (v < 10)
        snprintf(out, n, "%lld", (long long)v);
    else
        snprintf(out, n, "%lld余", (long long)(v / step * step));
}

void reports_format_value(const json_t *figure, const char *fmt, char *out, size_t n)
{
    const json_t *v = json_object_get(figure, "value");
    bool about = fmt && strcmp(fmt, "余") == 0;
    if (!figure || json_object_get(figure, "error")) {
        snprintf(out, n, "【数据暂缺】");
    } else if (json_is_integer(v)) {
        if (about)
            format_about((int64_t)json_integer_value(v), out, n);
        else
            snprintf(out, n, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        format_real(json_real_value(v), out, n);
    } else if (json_is_array(v)) {
        size_t i, o = 0;
        json_t *x;
        out[0] = '\0';
        json_array_foreach(v, i, x)
            if (o < n)
                o += (size_t)snprintf(out + o, n - o, "%s%s", i ? "、" : "",
                                      json_string_value(x) ? json_string_value(x) : "");
        if (!json_array_size(v))
            snprintf(out, n, "无");
    } else {
        snprintf(out, n, "—");
    }
}

enum fz_err reports_fields_expand(const char *text, const json_t *figs, char **out,
                                  struct fz_problem *p)
{
    struct buf b;
    buf_init(&b, 0);
    struct field f;
    const char *s = text ? text : "";
    enum fz_err rc = FZ_OK;
    int r = next_field(s, &f, p);
    while (!rc && r > 0) {
        char val[2048];
        reports_format_value(figure_in(figs, f.id), f.fmt, val, sizeof val);
        rc = buf_append(&b, s, (size_t)(f.start - s));
        if (!rc)
            rc = buf_puts(&b, val);
        s = f.end;
        r = next_field(s, &f, p);
    }
    if (!rc && r < 0)
        rc = FZ_EINVAL;
    if (!rc)
        rc = buf_puts(&b, s);
    char *res = rc ? NULL : buf_take(&b);
    buf_free(&b);
    if (!rc && !res)
        rc = FZ_ENOMEM;
    if (!rc)
        *out = res;
    return rc;
}

/* ==== part 3: the reports and their flow ==== */

static const char *const section_titles[] = {
    "导语", "主要举措和成效", "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责情况", "下一年度主要安排",
    "其他需要报告的情况",
};
static const char *const numerals[] = { "", "一", "二", "三", "四", "五" };

const char *reports_section_title(int n)
{
    return n >= 0 && n <= 5 ? section_titles[n] : NULL;
}

static const struct { const char *code, *name; } statuses[] = {
    { "draft", "起草中" }, { "review", "审核中" }, { "approved", "已审核通过" },
    { "confidentiality_review", "保密审查中" }, { "submitted", "已报送" },
    { "published", "已公开发布" }, { NULL, NULL },
};

static const char *status_name(const char *code)
{
    for (int i = 0; statuses[i].code; i++)
        if (str_eq(statuses[i].code, code))
            return statuses[i].name;
    return code ? code : "";
}

/* blank_n: the n bytes at s are only white space (ASCII or the ideographic space U+3000) */
static bool blank_n(const char *s, size_t n)
{
    for (size_t i = 0; s && i < n && s[i]; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            continue;
        if (i + 2 < n && (unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x80) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

static bool blank(const char *s)
{
    return blank_n(s, s ? strlen(s) : 0);
}

#define REPORT_COLS                                                                    \
    "SELECT id, year, title, status, confidentiality_opinion, confidentiality_by,"      \
    " recipients, submitted_on, published_on, publish_url, frozen_at, created_at,"      \
    " updated_at, version FROM reports"

static enum fz_err load_report(struct db *db, int64_t year, json_t **out)
{
    return db_query_row(db, out, REPORT_COLS " WHERE year = ?", "i", year);
}

static enum fz_err load_sections(struct db *db, int64_t id, json_t **out)
{
    return db_query_json(db, out, "SELECT s.n, s.body, s.version, s.updated_at,"
                         " u.display_name AS updated_by FROM report_sections s LEFT JOIN"
                         " users u ON u.id = s.updated_by WHERE s.report_id = ? ORDER BY s.n",
                         "i", id);
}

static void setting_text(struct db *db, const char *key, const char *dflt, char *out,
                         size_t n)
{
    char *v = NULL;
    if (db_query_text(db, &v, "SELECT value FROM settings WHERE key = ?", "t", key))
        v = NULL;
    str_copy(out, n, v ? v : dflt);
    free(v);
}

/* deadline: one deadline of §6.1/§6.3: due = mm-dd of the year after the report year,
 * to be done before it; state pending | on_time | late | overdue */
static json_t *deadline(struct db *db, const char *kind, const char *label, int64_t year,
                        const char *key, const char *done_on, const char *today)
{
    char mmdd[8], due[32];
    setting_text(db, key, str_eq(kind, "submit") ? "03-01" : "04-01", mmdd, sizeof mmdd);
    snprintf(due, sizeof due, "%04lld-%.5s", (long long)year + 1, mmdd);
    const char *state = done_on ? (strcmp(done_on, due) < 0 ? "on_time" : "late")
                                : (strcmp(today, due) >= 0 ? "overdue" : "pending");
    return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:b}", "kind", kind, "label", label, "due",
                     due, "done_on", done_on, "state", state, "flag",
                     str_eq(state, "late") || str_eq(state, "overdue"));
}

/* decorate: status name, period, deadlines and recipients as JSON on a reports row */
static void decorate(struct db *db, json_t *r, time_t now)
{
    char today[FZ_TS_LEN], from[16], to[16];
    time_format(now, today);
    today[10] = '\0';
    int64_t y = jint(r, "year");
    snprintf(from, sizeof from, "%04lld-01-01", (long long)y);
    snprintf(to, sizeof to, "%04lld-12-31", (long long)y);
    json_object_set_new(r, "status_name", json_string(status_name(jstr(r, "status"))));
    json_object_set_new(r, "period", json_pack("{s:s, s:s}", "from", from, "to", to));
    json_object_set_new(r, "deadlines", json_pack(
        "[o, o]",
        deadline(db, "submit", "报送（次年3月1日前）", y, "report.submit_by",
                 jstr(r, "submitted_on"), today),
        deadline(db, "publish", "公开发布（次年4月1日前）", y, "report.publish_by",
                 jstr(r, "published_on"), today)));
    json_t *rec = json_loads(jstr(r, "recipients") ? jstr(r, "recipients") : "[]", 0, NULL);
    json_object_set_new(r, "recipients", rec ? rec : json_array());
    json_object_set_new(r, "frozen", json_boolean(str_eq(jstr(r, "status"), "published")));
}

enum fz_err reports_list(const struct report_ctx *c, json_t **items)
{
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(c->db, &rows,
        "SELECT r.id, r.year, r.title, r.status, r.submitted_on, r.published_on,"
        " r.publish_url, r.recipients, r.updated_at, r.version, (SELECT count(*) FROM"
        " report_sections s WHERE s.report_id = r.id AND s.n BETWEEN 1 AND 5 AND"
        " trim(s.body, char(32, 9, 10, 13, 12288)) = '') AS empty_sections"
        " FROM reports r ORDER BY r.year DESC", "");
    if (rc)
        return rc;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
        decorate(c->db, r, now_of(c));
    *items = rows;
    return FZ_OK;
}

static enum fz_err add_event(const struct report_ctx *c, int64_t id, const char *action,
                             const char *from, const char *to, const char *comment,
                             json_t *data)
{
    char ts[FZ_TS_LEN];
    time_format(now_of(c), ts);
    char *d = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    enum fz_err rc = db_run(c->db, NULL,
        "INSERT INTO report_events(report_id, ts, user_id, username, action, from_status,"
        " to_status, comment, data) VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?)",
        "itittttt" "t", id, ts, c->actor ? c->actor->id : 0,
        c->actor ? c->actor->username : "cli", action, from ? from : "", to ? to : "",
        comment ? comment : "", d ? d : "{}");
    free(d);
    return rc;
}

enum fz_err reports_create(const struct report_ctx *c, int64_t year, int64_t *id,
                           struct fz_problem *p)
{
    char ts[FZ_TS_LEN], org[256], title[512], y[8];
    time_format(now_of(c), ts);
    int64_t this_year = 0;
    snprintf(y, sizeof y, "%.4s", ts);
    str_to_i64(y, &this_year);
    if (year < 2000 || year > this_year) {
        fz_problem_set(p, "year", NULL, "年度应在 2000 至 %lld 之间（报告总结已经开始的年度）",
                       (long long)this_year);
        return FZ_EINVAL;
    }
    setting_text(c->db, "report.org_name", "华明高新技术产业区服务中心", org, sizeof org);
    snprintf(title, sizeof title, "%s%lld年法治政府建设年度报告", org, (long long)year);
    enum fz_err rc = db_run(c->db, NULL,
        "INSERT INTO reports(year, title, created_by, created_at, updated_at)"
        " VALUES (?, ?, nullif(?, 0), ?, ?)", "ititt", year, title,
        c->actor ? c->actor->id : 0, ts, ts);
    if (rc == FZ_ECONFLICT) {
        fz_problem_set(p, "year", "duplicate", "%lld 年度报告已存在", (long long)year);
        return rc;
    }
    int64_t rid = rc ? 0 : db_last_id(c->db);
    for (int n = 0; !rc && n <= 5; n++)
        rc = db_run(c->db, NULL, "INSERT INTO report_sections(report_id, n, updated_by,"
                    " updated_at) VALUES (?, ?, nullif(?, 0), ?)", "iiit", rid, (int64_t)n,
                    c->actor ? c->actor->id : 0, ts);
    if (!rc)
        rc = add_event(c, rid, "create", "", "draft", "创建年度报告", NULL);
    if (!rc)
        *id = rid;
    return rc;
}

/* ---- the flow ---- */

struct ract;
typedef enum fz_err (*ract_fn)(struct ract *a);

struct raction {
    const char *name, *label, *perm, *audit;
    const char *from[4];        /* states it may run from (NULL-terminated) */
    const char *to;
    ract_fn fn;                 /* validates the body and writes side effects; may be NULL */
};

struct ract {
    const struct report_ctx *c;
    json_t *r;                  /* the reports row */
    json_t *body;
    struct fz_problem *p;
    const char *comment;        /* for the event */
    json_t *data;               /* for the event (owned) */
    json_t *detail;             /* for the audit entry (owned) */
};

static enum fz_err check_sections(struct ract *a);
static enum fz_err do_return(struct ract *a);
static enum fz_err do_submit(struct ract *a);
static enum fz_err do_publish(struct ract *a);

static const struct raction actions[] = {
    { "submit_review", "提交审核", "report:write", "report.submit_review", { "draft" },
      "review", check_sections },
    { "approve", "审核通过", "report:approve", "report.approve", { "review" }, "approved",
      check_sections },
    { "return", "退回修改", "report:approve", "report.return",
      { "review", "approved", "confidentiality_review" }, "draft", do_return },
    { "confidentiality_review", "送保密审查", "report:approve", "report.confidentiality",
      { "approved" }, "confidentiality_review", NULL },
    { "submit", "报送", "report:publish", "report.submit", { "confidentiality_review" },
      "submitted", do_submit },
    { "publish", "公开发布", "report:publish", "report.publish", { "submitted" },
      "published", do_publish },
    { NULL, NULL, NULL, NULL, { NULL }, NULL, NULL },
};

static bool may(const struct report_ctx *c, const char *perm)
{
    return !c->actor || http_has_perm(c->actor, perm);
}

static bool from_state(const struct raction *x, const char *st)
{
    for (int i = 0; x->from[i]; i++)
        if (str_eq(x->from[i], st))
            return true;
    return false;
}

/* allowed_actions: what the actor may do in state st (new array of {action, label}) */
static json_t *allowed_actions(const struct report_ctx *c, const char *st)
{
    json_t *arr = json_array();
    for (const struct raction *x = actions; x->name; x++)
        if (from_state(x, st) && may(c, x->perm))
            json_array_append_new(arr, json_pack("{s:s, s:s}", "action", x->name, "label",
                                                 x->label));
    return arr;
}

/* validation: the problems that block approval: empty mandatory sections and live
 * fields that no longer exist (new array of {n, title, message}) */
static json_t *validation(const json_t *sections)
{
    json_t *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(sections, i, s) {
        int64_t n = jint(s, "n");
        struct fz_problem p = {0};
        if (n >= 1 && n <= 5 && blank(jstr(s, "body")))
            json_array_append_new(out, json_pack("{s:I, s:s, s:s}", "n", (json_int_t)n,
                                                 "title", section_titles[n], "message",
                                                 "必备部分不能为空"));
        else if (reports_fields_check(jstr(s, "body"), &p))
            json_array_append_new(out, json_pack("{s:I, s:s, s:s}", "n", (json_int_t)n,
                                                 "title", section_titles[n], "message",
                                                 p.message));
    }
    return out;
}

static enum fz_err check_sections(struct ract *a)
{
    json_t *secs = NULL;
    enum fz_err rc = load_sections(a->c->db, jint(a->r, "id"), &secs);
    if (rc)
        return rc;
    json_t *bad = validation(secs);
    json_decref(secs);
    const char *doing = str_eq(jstr(a->body, "action"), "approve") ? "审核通过" : "提交审核";
    char empty[64] = "";
    const char *other = NULL;
    size_t i, o = 0;
    json_t *b;
    json_array_foreach(bad, i, b) {
        if (str_eq(jstr(b, "message"), "必备部分不能为空"))
            o += (size_t)snprintf(empty + o, o < sizeof empty ? sizeof empty - o : 0, "%s%s",
                                  o ? "、" : "", numerals[jint(b, "n")]);
        else if (!other)
            other = jstr(b, "message");
    }
    if (empty[0])
        fz_problem_set(a->p, "sections", "empty_section", "第%s部分（必备部分）为空，不能%s",
                       empty, doing);
    else if (other)
        fz_problem_set(a->p, "sections", "unknown_field", "%s，不能%s", other, doing);
    if (json_array_size(bad))
        rc = FZ_EINVAL;
    json_decref(bad);
    return rc;
}

/* body_text: optional string field k of the body, at most max characters */
static enum fz_err body_text(struct ract *a, const char *k, const char *what,
                             bool required, long max, const char **out)
{
    json_t *v = json_object_get(a->body, k);
    *out = NULL;
    if (v && !json_is_null(v) && !json_is_string(v)) {
        fz_problem_set(a->p, k, NULL, "%s应为文本", what);
        return FZ_EINVAL;
    }
    const char *s = json_string_value(v);
    if (required && blank(s)) {
        fz_problem_set(a->p, k, NULL, "%s不能为空", what);
        return FZ_EINVAL;
    }
    if (s && str_utf8_len(s) > max) {
        fz_problem_set(a->p, k, NULL, "%s不能超过 %ld 个字", what, max);
        return FZ_EINVAL;
    }
    *out = blank(s) ? NULL : s;
    return FZ_OK;
}

/* body_date: optional date field k, default today; not before the report year ended */
static enum fz_err body_date(struct ract *a, const char *k, const char *what, char out[11])
{
    const char *s = NULL;
    enum fz_err rc = body_text(a, k, what, false, 10, &s);
    if (rc)
        return rc;
    char ts[FZ_TS_LEN], first[32];
    time_format(now_of(a->c), ts);
    snprintf(first, sizeof first, "%04lld-01-01", (long long)jint(a->r, "year") + 1);
    if (s && !is_date(s)) {
        fz_problem_set(a->p, k, NULL, "%s应为 YYYY-MM-DD 格式的日期", what);
        return FZ_EINVAL;
    }
    snprintf(out, 11, "%.10s", s ? s : ts);
    if (strcmp(out, first) < 0 || strncmp(out, ts, 10) > 0) {
        fz_problem_set(a->p, k, NULL, "%s应在报告年度结束之后、且不晚于今天", what);
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err do_return(struct ract *a)
{
    return body_text(a, "comment", "退回意见", true, 2000, &a->comment);
}

/* recipients: [{name, submitted_on}] or ["name", ...] (dates default to submitted_on) */
static enum fz_err parse_recipients(struct ract *a, const char *dflt, json_t **out)
{
    json_t *in = json_object_get(a->body, "recipients"), *arr = json_array(), *v;
    size_t i;
    if (!json_is_array(in) || !json_array_size(in) || json_array_size(in) > 20) {
        json_decref(arr);
        fz_problem_set(a->p, "recipients", NULL, "请填写报送对象（1-20 个，如区委、区政府、区委依法治区办）");
        return FZ_EINVAL;
    }
    json_array_foreach(in, i, v) {
        const char *name = json_is_string(v) ? json_string_value(v) : jstr(v, "name");
        const char *on = json_is_object(v) ? jstr(v, "submitted_on") : NULL;
        if (blank(name) || str_utf8_len(name) > 100 || (on && !is_date(on))) {
            json_decref(arr);
            fz_problem_set(a->p, "recipients", NULL, "第 %zu 个报送对象的名称或报送日期无效", i + 1);
            return FZ_EINVAL;
        }
        json_array_append_new(arr, json_pack("{s:s, s:s}", "name", name, "submitted_on",
                                             on ? on : dflt));
    }
    *out = arr;
    return FZ_OK;
}

static enum fz_err do_submit(struct ract *a)
{
    const char *opinion = NULL, *by = NULL;
    char on[11];
    json_t *rec = NULL;
    enum fz_err rc = body_text(a, "confidentiality_opinion", "保密审查意见", true, 2000, &opinion);
    if (!rc)
        rc = body_text(a, "confidentiality_by", "保密审查人", false, 100, &by);
    if (!rc)
        rc = body_date(a, "submitted_on", "报送日期", on);
    if (!rc)
        rc = parse_recipients(a, on, &rec);
    if (rc)
        return rc;
    char *text = json_dumps(rec, JSON_COMPACT);
    rc = text ? db_run(a->c->db, NULL, "UPDATE reports SET confidentiality_opinion = ?,"
                       " confidentiality_by = coalesce(?, ''), recipients = ?, submitted_on = ?"
                       " WHERE id = ?", "tttti", opinion, by, text,
                       on, jint(a->r, "id"))
              : FZ_ENOMEM;
    free(text);
    a->comment = opinion;
    a->data = json_pack("{s:o, s:s}", "recipients", rec, "submitted_on", on);
    return rc;
}

static enum fz_err freeze(struct ract *a);

static enum fz_err do_publish(struct ract *a)
{
    const char *url = NULL;
    char on[11];
    enum fz_err rc = body_text(a, "url", "公开发布网址", true, 500, &url);
    if (!rc && strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
        fz_problem_set(a->p, "url", NULL, "公开发布网址应以 http:// 或 https:// 开头");
        rc = FZ_EINVAL;
    }
    if (!rc)
        rc = body_date(a, "published_on", "公开发布日期", on);
    if (!rc && jstr(a->r, "submitted_on") && strcmp(on, jstr(a->r, "submitted_on")) < 0) {
        fz_problem_set(a->p, "published_on", NULL, "公开发布日期不能早于报送日期 %s",
                       jstr(a->r, "submitted_on"));
        rc = FZ_EINVAL;
    }
    if (!rc)
        rc = db_run(a->c->db, NULL, "UPDATE reports SET publish_url = ?, published_on = ?"
                    " WHERE id = ?", "tti", url, on, jint(a->r, "id"));
    if (!rc)
        a->data = json_pack("{s:s, s:s}", "url", url, "published_on", on);
    return rc;
}

static const struct raction *find_action(const char *name)
{
    for (const struct raction *x = actions; x->name; x++)
        if (str_eq(x->name, name))
            return x;
    return NULL;
}

/* gate: the action exists, fits the state and the actor may run it */
static enum fz_err gate(const struct report_ctx *c, const struct raction *x,
                        const char *name, const char *st, json_t **allowed,
                        struct fz_problem *p)
{
    if (!x) {
        fz_problem_set(p, "action", NULL, "未知的操作 %s", name ? name : "（空）");
        return FZ_EINVAL;
    }
    if (!from_state(x, st)) {
        fz_problem_set(p, "action", "invalid_transition", "年度报告当前状态为“%s”，不能执行“%s”",
                       status_name(st), x->label);
        if (allowed)
            *allowed = allowed_actions(c, st);
        return FZ_ECONFLICT;
    }
    if (!may(c, x->perm)) {
        fz_problem_set(p, "action", NULL, "没有执行“%s”的权限", x->label);
        return FZ_EFORBIDDEN;
    }
    return FZ_OK;
}

enum fz_err reports_act(const struct report_ctx *c, int64_t year, json_t *body,
                        json_t **allowed, json_t **detail, char summary[160],
                        struct fz_problem *p)
{
    json_t *r = NULL;
    enum fz_err rc = load_report(c->db, year, &r);
    if (rc)
        return rc;
    const char *name = jstr(body, "action"), *st = jstr(r, "status");
    const struct raction *x = find_action(name);
    rc = gate(c, x, name, st, allowed, p);
    struct ract a = { .c = c, .r = r, .body = body, .p = p };
    if (!rc && x->fn)
        rc = x->fn(&a);
    char ts[FZ_TS_LEN];
    time_format(now_of(c), ts);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE reports SET status = ?, updated_at = ?,"
                    " version = version + 1 WHERE id = ?", "tti", x->to, ts, jint(r, "id"));
    if (!rc)
        rc = add_event(c, jint(r, "id"), x->name, st, x->to, a.comment, a.data);
    if (!rc && str_eq(x->to, "published"))
        rc = freeze(&a);
    if (!rc) {
        snprintf(summary, 160, "%lld 年度报告：%s（%s → %s）", (long long)year, x->label,
                 status_name(st), status_name(x->to));
        if (detail) {
            *detail = a.detail ? json_incref(a.detail) : json_object();
            json_object_set_new(*detail, "action", json_string(x->name));
            json_object_set_new(*detail, "audit_action", json_string(x->audit));
        }
    }
    json_decref(a.data);
    json_decref(a.detail);
    json_decref(r);
    return rc;
}

/* version_problem: a stale section, a locked or a frozen report */
static enum fz_err section_gate(const json_t *r, const json_t *sec, int64_t version,
                                struct fz_problem *p)
{
    const char *st = jstr(r, "status");
    if (str_eq(st, "published")) {
        fz_problem_set(p, NULL, "report_frozen", "%lld 年度报告已公开发布，内容不可再修改",
                       (long long)jint(r, "year"));
        return FZ_ECONFLICT;
    }
    if (!str_eq(st, "draft")) {
        fz_problem_set(p, NULL, "report_locked", "年度报告当前状态为“%s”，退回修改后方可编辑",
                       status_name(st));
        return FZ_ECONFLICT;
    }
    if (jint(sec, "version") != version) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        return FZ_ECONFLICT;
    }
    return FZ_OK;
}

enum fz_err reports_section_put(const struct report_ctx *c, int64_t year, int64_t n,
                                const char *body, int64_t version, struct fz_problem *p)
{
    if (n < 0 || n > 5) {
        fz_problem_set(p, "n", NULL, "部分编号应为 0（导语）至 5");
        return FZ_EINVAL;
    }
    if (str_utf8_len(body ? body : "") < 0 || str_utf8_len(body ? body : "") > 50000) {
        fz_problem_set(p, "body", NULL, "正文应为不超过 50000 字的 UTF-8 文本");
        return FZ_EINVAL;
    }
    json_t *r = NULL, *sec = NULL;
    enum fz_err rc = load_report(c->db, year, &r);
    if (!rc)
        rc = db_query_row(c->db, &sec, "SELECT version FROM report_sections WHERE"
                          " report_id = ? AND n = ?", "ii", jint(r, "id"), n);
    if (!rc)
        rc = section_gate(r, sec, version, p);
    if (!rc)
        rc = reports_fields_check(body, p);
    char ts[FZ_TS_LEN];
    time_format(now_of(c), ts);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE report_sections SET body = ?,"
                    " updated_by = nullif(?, 0), updated_at = ?, version = version + 1"
                    " WHERE report_id = ? AND n = ?",
                    "titii", body ? body : "", c->actor ? c->actor->id : 0, ts, jint(r, "id"),
                    n);
    if (!rc)
        rc = db_run(c->db, NULL, "UPDATE reports SET updated_at = ? WHERE id = ?", "ti", ts,
                    jint(r, "id"));
    char what[160];
    snprintf(what, sizeof what, "%s%s%s", numerals[n], n ? "、" : "", section_titles[n]);
    if (!rc)
        rc = add_event(c, jint(r, "id"), "edit", "", "", what, NULL);
    json_decref(r);
    json_decref(sec);
    return rc;
}

enum fz_err reports_get(const struct report_ctx *c, int64_t year, json_t **out)
{
    json_t *r = NULL, *secs = NULL, *events = NULL, *files = NULL;
    enum fz_err rc = load_report(c->db, year, &r);
    if (!rc)
        rc = load_sections(c->db, jint(r, "id"), &secs);
    if (!rc)
        rc = db_query_json(c->db, &events, "SELECT ts, username, action, from_status,"
                           " to_status, comment, data FROM report_events WHERE report_id = ?"
                           " ORDER BY id", "i", jint(r, "id"));
    if (!rc)
        rc = db_query_json(c->db, &files, "SELECT format, sha256, sm3, size, created_at"
                           " FROM report_files WHERE report_id = ? ORDER BY format", "i",
                           jint(r, "id"));
    if (rc) {
        json_decref(r);
        json_decref(secs);
        json_decref(events);
        return rc;
    }
    size_t i;
    json_t *s;
    json_array_foreach(secs, i, s) {
        int64_t n = jint(s, "n");
        char heading[160];
        snprintf(heading, sizeof heading, "%s%s%s", numerals[n], n ? "、" : "",
                 section_titles[n]);
        json_object_set_new(s, "title", json_string(section_titles[n]));
        json_object_set_new(s, "heading", json_string(heading));
        json_object_set_new(s, "mandatory", json_boolean(n >= 1));
        json_object_set_new(s, "fields", fields_used(jstr(s, "body")));
    }
    json_array_foreach(events, i, s) {
        json_t *d = json_loads(jstr(s, "data") ? jstr(s, "data") : "{}", 0, NULL);
        json_object_set_new(s, "data", d ? d : json_object());
    }
    decorate(c->db, r, now_of(c));
    json_object_set_new(r, "validation", validation(secs));
    json_object_set_new(r, "sections", secs);
    json_object_set_new(r, "events", events);
    json_object_set_new(r, "files", files);
    json_object_set_new(r, "allowed_actions", allowed_actions(c, jstr(r, "status")));
    *out = r;
    return FZ_OK;
}

/* ==== part 4: rendering ==== */

/* everything a rendering needs, with the live fields already replaced */
struct rdoc {
    int64_t year;
    const char *title;          /* borrowed from r */
    char org[256];
    char from[11], to[11];
    char *text[6];              /* owned; expanded section text */
    json_t *r;                  /* the reports row (owned) */
    json_t *figures;            /* owned */
    char sign_date[64];         /* 成文日期, "2024年2月26日", or "" */
    time_t mtime;               /* stamp of the document (its last change) */
};

static void rdoc_free(struct rdoc *d)
{
    for (int i = 0; i < 6; i++)
        free(d->text[i]);
    json_decref(d->r);
    json_decref(d->figures);
    memset(d, 0, sizeof *d);
}

/* cn_date: 'YYYY-MM-DD' as "2024年2月26日" (GB/T 9704 7.3.5.3: Arabic, no leading 0) */
static void cn_date(const char *ymd, char *out, size_t n)
{
    int64_t y = 0, m = 0, d = 0;
    char part[8];
    out[0] = '\0';
    if (!is_date(ymd))
        return;
    snprintf(part, sizeof part, "%.4s", ymd);
    str_to_i64(part, &y);
    snprintf(part, sizeof part, "%.2s", ymd + 5);
    str_to_i64(part, &m);
    snprintf(part, sizeof part, "%.2s", ymd + 8);
    str_to_i64(part, &d);
    snprintf(out, n, "%lld年%lld月%lld日", (long long)y, (long long)m, (long long)d);
}

static enum fz_err rdoc_load(const struct report_ctx *c, int64_t year, struct rdoc *d,
                             struct fz_problem *p)
{
    memset(d, 0, sizeof *d);
    json_t *secs = NULL;
    enum fz_err rc = load_report(c->db, year, &d->r);
    if (rc)
        return rc;
    d->year = year;
    d->title = jstr(d->r, "title");
    snprintf(d->from, sizeof d->from, "%04lld-01-01", (long long)year);
    snprintf(d->to, sizeof d->to, "%04lld-12-31", (long long)year);
    setting_text(c->db, "report.org_name", "华明高新技术产业区服务中心", d->org, sizeof d->org);
    cn_date(jstr(d->r, "submitted_on"), d->sign_date, sizeof d->sign_date);
    if (time_parse(jstr(d->r, "updated_at"), &d->mtime))
        d->mtime = now_of(c);
    rc = reports_figures(c->db, d->from, d->to, now_of(c), &d->figures);
    if (!rc)
        rc = load_sections(c->db, jint(d->r, "id"), &secs);
    size_t i;
    json_t *s;
    json_array_foreach(secs, i, s) {
        int64_t n = jint(s, "n");
        if (!rc && n >= 0 && n <= 5)
            rc = reports_fields_expand(jstr(s, "body"), d->figures, &d->text[n], p);
    }
    json_decref(secs);
    for (int n = 0; !rc && n <= 5; n++) {
        if (!d->text[n])
            d->text[n] = strdup("");
        if (!d->text[n])
            rc = FZ_ENOMEM;
    }
    if (rc)
        rdoc_free(d);
    return rc;
}

/* title_lines: the title in two lines when it starts with the organisation's name
 * ("天津市东丽区华明高新技术产业区服务中心" / "2023年法治政府建设年度报告"): one line of
 * 二号 holds about 20 characters, and GB/T 9704 splits a long title where the meaning
 * allows rather than inside a number */
static void title_lines(const struct rdoc *d, const char *sep, char *out, size_t n)
{
    size_t k = strlen(d->org);
    if (k && strncmp(d->title, d->org, k) == 0 && d->title[k])
        snprintf(out, n, "%s%s%s", d->org, sep, d->title + k);
    else
        snprintf(out, n, "%s", d->title);
}

/* a paragraph of a section: lead is a run-in heading "（一）强化组织领导。" or empty */
struct para {
    char lead[256];
    const char *rest;
    size_t rest_len;
};

/* split_para: line [s, s+n) into its run-in heading and the rest. A line that starts
 * with "（一）" .. "（十）" has a lead up to its first "。" or "：" within 80 bytes
 * (or just the "（一）" marker). */
static void split_para(const char *s, size_t n, struct para *out)
{
    static const char *const nums[] = { "一", "二", "三", "四", "五", "六", "七", "八",
                                         "九", "十", NULL };
    out->lead[0] = '\0';
    out->rest = s;
    out->rest_len = n;
    if (n < 9 || strncmp(s, "（", 3) != 0)
        return;
    const char *q = s + 3, *lim = s + n;
    int k = 0;
    while (k < 2 && q + 3 <= lim) {
        int i = 0;
        while (nums[i] && strncmp(q, nums[i], 3) != 0)
            i++;
        if (!nums[i])
            break;
        q += 3;
        k++;
    }
    if (!k || q + 3 > lim || strncmp(q, "）", 3) != 0)
        return;
    const char *end = q + 3;
    for (const char *e = end; e + 3 <= s + n && e < end + 80; e++)
        if (strncmp(e, "。", 3) == 0 || strncmp(e, "：", 3) == 0) {
            end = e + 3;
            break;
        }
    snprintf(out->lead, sizeof out->lead, "%.*s", (int)(end - s), s);
    out->rest = end;
    out->rest_len = n - (size_t)(end - s);
}

/* paragraphs: call fn for every non-blank line of text */
typedef enum fz_err (*para_fn)(void *ctx, const struct para *p);

static enum fz_err paragraphs(const char *text, para_fn fn, void *ctx)
{
    enum fz_err rc = FZ_OK;
    const char *s = text;
    while (!rc && s && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
            n--;
        while (n && (*s == ' ' || *s == '\t' || (n >= 3 && strncmp(s, "\u3000", 3) == 0))) {
            size_t k = *s == ' ' || *s == '\t' ? 1 : 3;     /* the indent staff typed */
            s += k;
            n -= k;
        }
        if (!blank_n(s, n)) {
            struct para p;
            split_para(s, n, &p);
            rc = fn(ctx, &p);
        }
        s = nl ? nl + 1 : NULL;
    }
    return rc;
}

/* figure_cell: "76 份" - the value and unit as the appendix shows them */
static void figure_cell(const json_t *f, char *out, size_t n)
{
    char v[2048];
    reports_format_value(f, NULL, v, sizeof v);
    const char *unit = jstr(f, "unit");
    const json_t *val = json_object_get(f, "value");
    bool plain = unit && *unit && !json_is_array(val) && !json_is_null(val) &&
                 !json_object_get(f, "error");
    snprintf(out, n, "%s%s%s", v, plain && strcmp(unit, "%") != 0 ? " " : "",
             plain ? unit : "");
}

/* figure_source: the source text, with the reason when it could not be computed */
static void figure_source(const json_t *f, char *out, size_t n)
{
    const char *err = jstr(f, "error");
    snprintf(out, n, "%s%s%s", jstr(f, "source"), err ? "。" : "", err ? err : "");
}

/* ---- Markdown ---- */

static enum fz_err md_text(struct buf *b, const char *s, size_t n, bool cell)
{
    enum fz_err rc = FZ_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        char ch = s[i];
        if (strchr("\\`*_[]<>#|", ch) && ch)
            rc = buf_printf(b, "\\%c", ch);
        else if (cell && (ch == '\n' || ch == '\r'))
            rc = buf_puts(b, " ");
        else
            rc = buf_append(b, &ch, 1);
    }
    return rc;
}

static enum fz_err md_para(void *ctx, const struct para *p)
{
    struct buf *b = ctx;
    enum fz_err rc = FZ_OK;
    if (p->lead[0]) {
        rc = buf_puts(b, "**");
        if (!rc)
            rc = md_text(b, p->lead, strlen(p->lead), false);
        if (!rc)
            rc = buf_puts(b, "**");
    }
    if (!rc)
        rc = md_text(b, p->rest, p->rest_len, false);
    if (!rc)
        rc = buf_puts(b, "\n\n");
    return rc;
}

static enum fz_err md_appendix(struct buf *b, const struct rdoc *d)
{
    char f[64], t[64];
    cn_date(d->from, f, sizeof f);
    cn_date(d->to, t, sizeof t);
    enum fz_err rc = buf_printf(b, "---\n\n## 附件：数据来源\n\n统计期间：%s至%s。以下数据由"
                                "法治工作平台（fazhi）按所列口径从各业务台账自动统计，"
                                "正文中的数字引用自本表。\n\n"
                                "| 序号 | 指标 | 数值 | 数据来源与统计口径 |\n"
                                "| --- | --- | --- | --- |\n", f, t);
    size_t i;
    json_t *x;
    json_array_foreach(d->figures, i, x) {
        char val[2100], src[1024];
        figure_cell(x, val, sizeof val);
        figure_source(x, src, sizeof src);
        if (!rc)
            rc = buf_printf(b, "| %zu | ", i + 1);
        if (!rc)
            rc = md_text(b, jstr(x, "label"), strlen(jstr(x, "label")), true);
        if (!rc)
            rc = buf_puts(b, " | ");
        if (!rc)
            rc = md_text(b, val, strlen(val), true);
        if (!rc)
            rc = buf_puts(b, " | ");
        if (!rc)
            rc = md_text(b, src, strlen(src), true);
        if (!rc)
            rc = buf_puts(b, " |\n");
    }
    return rc;
}

static enum fz_err render_md(const struct rdoc *d, char **out, size_t *len)
{
    struct buf b;
    buf_init(&b, 0);
    enum fz_err rc = buf_puts(&b, "# ");
    if (!rc)
        rc = md_text(&b, d->title, strlen(d->title), false);
    if (!rc)
        rc = buf_puts(&b, "\n\n");
    if (!rc)
        rc = paragraphs(d->text[0], md_para, &b);
    for (int n = 1; !rc && n <= 5; n++) {
        rc = buf_printf(&b, "## %s、%s\n\n", numerals[n], section_titles[n]);
        if (!rc)
            rc = paragraphs(d->text[n], md_para, &b);
    }
    if (!rc && d->sign_date[0])
        rc = buf_printf(&b, "%s  \n%s\n\n", d->org, d->sign_date);
    if (!rc)
        rc = md_appendix(&b, d);
    *len = b.len;
    char *s = rc ? NULL : buf_take(&b);
    buf_free(&b);
    if (!rc && !s)
        rc = FZ_ENOMEM;
    if (!rc)
        *out = s;
    return rc;
}

/* ---- HTML ---- */

static enum fz_err html_text(struct buf *b, const char *s, size_t n)
{
    enum fz_err rc = FZ_OK;
    size_t start = 0;
    for (size_t i = 0; !rc && i <= n; i++) {
        const char *rep = i == n ? "" : s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;"
                          : s[i] == '>' ? "&gt;" : s[i] == '"' ? "&quot;" : NULL;
        if (!rep)
            continue;
        rc = buf_append(b, s + start, i - start);
        if (!rc)
            rc = buf_puts(b, rep);
        start = i + 1;
    }
    return rc;
}

static enum fz_err html_para(void *ctx, const struct para *p)
{
    struct buf *b = ctx;
    enum fz_err rc = buf_puts(b, "<p>");
    if (!rc && p->lead[0]) {
        rc = buf_puts(b, "<span class=\"runin\">");
        if (!rc)
            rc = html_text(b, p->lead, strlen(p->lead));
        if (!rc)
            rc = buf_puts(b, "</span>");
    }
    if (!rc)
        rc = html_text(b, p->rest, p->rest_len);
    if (!rc)
        rc = buf_puts(b, "</p>\n");
    return rc;
}

static const char html_style[] =
    "@page{size:A4;margin:37mm 26mm 35mm 28mm}"
    "body{font-family:\"仿宋_GB2312\",\"FangSong_GB2312\",\"仿宋\",FangSong,STFangsong,serif;"
    "font-size:16pt;line-height:28pt;max-width:156mm;margin:24px auto;padding:0 16px;"
    "color:#000;background:#fff}"
    "h1{font-family:\"方正小标宋简体\",\"FZXiaoBiaoSong-B05S\",\"宋体\",SimSun,\"Songti SC\","
    "serif;font-size:22pt;font-weight:normal;line-height:1.45;text-align:center;"
    "margin:0 0 28pt}"
    "h2{font-family:\"黑体\",SimHei,\"Heiti SC\",sans-serif;font-size:16pt;font-weight:normal;"
    "margin:0;text-indent:2em}"
    "p{margin:0;text-indent:2em;text-align:justify}"
    ".runin{font-family:\"楷体_GB2312\",\"楷体\",KaiTi,STKaiti,serif}"
    ".sign{text-align:right;text-indent:0;padding-right:4em}"
    ".appendix{break-before:page;margin-top:28pt}"
    "table{border-collapse:collapse;width:100%;font-size:12pt;line-height:1.5}"
    "th,td{border:1px solid #000;padding:2pt 4pt;text-align:left;vertical-align:top}"
    "td.v{white-space:nowrap;text-align:right}"
    ".note{font-size:12pt;text-indent:0;color:#333}";

static enum fz_err html_appendix(struct buf *b, const struct rdoc *d)
{
    char f[64], t[64];
    cn_date(d->from, f, sizeof f);
    cn_date(d->to, t, sizeof t);
    enum fz_err rc = buf_printf(b, "<section class=\"appendix\" id=\"sources\"><h2>附件：数据来源"
                                "</h2><p class=\"note\">统计期间：%s至%s。以下数据由法治工作"
                                "平台（fazhi）按所列口径从各业务台账自动统计，正文中的数字引用"
                                "自本表。</p><table><thead><tr><th>序号</th><th>指标</th>"
                                "<th>数值</th><th>数据来源与统计口径</th></tr></thead><tbody>\n",
                                f, t);
    size_t i;
    json_t *x;
    json_array_foreach(d->figures, i, x) {
        char val[2100], src[1024];
        figure_cell(x, val, sizeof val);
        figure_source(x, src, sizeof src);
        if (!rc)
            rc = buf_printf(b, "<tr data-fig=\"%s\"><td>%zu</td><td>", jstr(x, "id"), i + 1);
        if (!rc)
            rc = html_text(b, jstr(x, "label"), strlen(jstr(x, "label")));
        if (!rc)
            rc = buf_puts(b, "</td><td class=\"v\">");
        if (!rc)
            rc = html_text(b, val, strlen(val));
        if (!rc)
            rc = buf_puts(b, "</td><td>");
        if (!rc)
            rc = html_text(b, src, strlen(src));
        if (!rc)
            rc = buf_puts(b, "</td></tr>\n");
    }
    if (!rc)
        rc = buf_puts(b, "</tbody></table></section>\n");
    return rc;
}

static enum fz_err render_html(const struct rdoc *d, char **out, size_t *len)
{
    struct buf b;
    buf_init(&b, 0);
    enum fz_err rc = buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta"
                              " charset=\"utf-8\"><title>");
    if (!rc)
        rc = html_text(&b, d->title, strlen(d->title));
    char title[600];
    title_lines(d, "\n", title, sizeof title);
    char *nl = strchr(title, '\n');
    if (!rc)
        rc = buf_printf(&b, "</title><style>%s</style></head><body>\n<h1>", html_style);
    if (!rc)
        rc = html_text(&b, title, nl ? (size_t)(nl - title) : strlen(title));
    if (!rc && nl)
        rc = buf_puts(&b, "<br>");
    if (!rc && nl)
        rc = html_text(&b, nl + 1, strlen(nl + 1));
    if (!rc)
        rc = buf_puts(&b, "</h1>\n");
    if (!rc)
        rc = paragraphs(d->text[0], html_para, &b);
    for (int n = 1; !rc && n <= 5; n++) {
        rc = buf_printf(&b, "<h2 id=\"s%d\">%s、%s</h2>\n", n, numerals[n], section_titles[n]);
        if (!rc)
            rc = paragraphs(d->text[n], html_para, &b);
    }
    if (!rc && d->sign_date[0]) {
        rc = buf_puts(&b, "<p class=\"sign\">&nbsp;</p><p class=\"sign\">");
        if (!rc)
            rc = html_text(&b, d->org, strlen(d->org));
        if (!rc)
            rc = buf_printf(&b, "</p><p class=\"sign\">%s</p>\n", d->sign_date);
    }
    if (!rc)
        rc = html_appendix(&b, d);
    if (!rc)
        rc = buf_puts(&b, "</body></html>\n");
    *len = b.len;
    char *s = rc ? NULL : buf_take(&b);
    buf_free(&b);
    if (!rc && !s)
        rc = FZ_ENOMEM;
    if (!rc)
        *out = s;
    return rc;
}

/* ---- DOCX ---- */

static enum fz_err docx_para_of(void *ctx, const struct para *p)
{
    struct docx *d = ctx;
    char *rest = strndup(p->rest, p->rest_len);
    if (!rest)
        return FZ_ENOMEM;
    enum fz_err rc;
    if (p->lead[0] && blank(rest))
        rc = docx_heading(d, 2, p->lead);
    else if (p->lead[0])
        rc = docx_para_runin(d, 2, p->lead, rest);
    else
        rc = docx_para(d, 0, rest);
    free(rest);
    return rc;
}

static enum fz_err docx_appendix(struct docx *x, const struct rdoc *d)
{
    char f[64], t[64];
    cn_date(d->from, f, sizeof f);
    cn_date(d->to, t, sizeof t);
    docx_page_break(x);
    docx_para(x, DOCX_NO_INDENT | DOCX_HEITI, "附件");
    docx_para(x, DOCX_CENTER, "数据来源");
    docx_paraf(x, DOCX_SMALL, "统计期间：%s至%s。以下数据由法治工作平台（fazhi）按所列口径从"
               "各业务台账自动统计，正文中的数字引用自本表。", f, t);
    static const int widths[] = { 7, 28, 17, 48 };
    static const char *const head[] = { "序号", "指标", "数值", "数据来源与统计口径" };
    docx_table_begin(x, 4, widths);
    docx_table_row(x, DOCX_BOLD, head);
    size_t i;
    json_t *fig;
    json_array_foreach(d->figures, i, fig) {
        char no[24], val[2100], src[1024];
        snprintf(no, sizeof no, "%zu", i + 1);
        figure_cell(fig, val, sizeof val);
        figure_source(fig, src, sizeof src);
        const char *cells[] = { no, jstr(fig, "label"), val, src };
        docx_table_row(x, 0, cells);
    }
    return docx_table_end(x);
}

static enum fz_err render_docx(const struct rdoc *d, char **out, size_t *len)
{
    struct docx *x = NULL;
    enum fz_err rc = docx_new(&x);
    if (rc)
        return rc;
    char title[600];
    title_lines(d, "\n", title, sizeof title);
    docx_gb9704(x, DOCX_GB_PAGE_NUMBERS | DOCX_GB_FONTS);
    docx_title(x, title);
    rc = paragraphs(d->text[0], docx_para_of, x);
    for (int n = 1; !rc && n <= 5; n++) {
        char h[160];
        snprintf(h, sizeof h, "%s、%s", numerals[n], section_titles[n]);
        rc = docx_heading(x, 1, h);
        if (!rc)
            rc = paragraphs(d->text[n], docx_para_of, x);
    }
    if (!rc && d->sign_date[0]) {
        docx_para(x, 0, "");
        docx_para(x, DOCX_RIGHT, d->org);
        rc = docx_para(x, DOCX_RIGHT, d->sign_date);
    }
    if (!rc)
        rc = docx_appendix(x, d);
    if (!rc)
        rc = docx_finish(x, d->title, d->mtime, out, len);
    docx_free(x);
    return rc;
}

static enum fz_err render(const struct rdoc *d, const char *format, char **out, size_t *len)
{
    if (str_eq(format, "md"))
        return render_md(d, out, len);
    if (str_eq(format, "html"))
        return render_html(d, out, len);
    return render_docx(d, out, len);
}

/* ---- freezing (publication) ---- */

static const char *const frozen_formats[] = { "docx", "html", "md", NULL };

static enum fz_err freeze_one(struct ract *a, const struct rdoc *d, const char *fmt,
                              const char *ts)
{
    char *data = NULL, sha[65], sm3[65];
    size_t len = 0;
    enum fz_err rc = render(d, fmt, &data, &len);
    if (!rc)
        rc = files_put(a->c->files, data, len, sha, sm3);
    free(data);
    if (!rc)
        rc = db_run(a->c->db, NULL, "INSERT INTO report_files(report_id, format, sha256, sm3,"
                    " size, created_at) VALUES (?, ?, ?, ?, ?, ?)", "itttit",
                    jint(a->r, "id"), fmt, sha, sm3, (int64_t)len, ts);
    char k[32];
    snprintf(k, sizeof k, "%s_sha256", fmt);
    if (!rc)
        json_object_set_new(a->detail, k, json_string(sha));
    snprintf(k, sizeof k, "%s_size", fmt);
    if (!rc)
        json_object_set_new(a->detail, k, json_integer((json_int_t)len));
    return rc;
}

/* freeze: render the published report once more and keep the bytes for good */
static enum fz_err freeze(struct ract *a)
{
    if (!a->c->files)
        return FZ_EINTERNAL;
    struct rdoc d;
    enum fz_err rc = rdoc_load(a->c, jint(a->r, "year"), &d, a->p);
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    time_format(now_of(a->c), ts);
    a->detail = json_object();
    for (int i = 0; !rc && frozen_formats[i]; i++)
        rc = freeze_one(a, &d, frozen_formats[i], ts);
    char *figs = rc ? NULL : json_dumps(d.figures, JSON_COMPACT);
    if (!rc)
        rc = figs ? db_run(a->c->db, NULL, "UPDATE reports SET frozen_at = ?,"
                           " frozen_figures = ? WHERE id = ?", "tti", ts, figs, jint(a->r, "id"))
                  : FZ_ENOMEM;
    free(figs);
    rdoc_free(&d);
    return rc;
}

/* read_all: the whole file at path (caller frees) */
static enum fz_err read_all(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? FZ_ENOTFOUND : FZ_EIO;
    struct buf b;
    buf_init(&b, 0);
    char chunk[65536];
    enum fz_err rc = FZ_OK;
    size_t n = fread(chunk, 1, sizeof chunk, f);
    while (!rc && n > 0) {
        rc = buf_append(&b, chunk, n);
        n = fread(chunk, 1, sizeof chunk, f);
    }
    if (!rc && ferror(f))
        rc = FZ_EIO;
    fclose(f);
    *len = b.len;
    char *s = rc ? NULL : buf_take(&b);
    buf_free(&b);
    if (!rc && !s)
        rc = FZ_ENOMEM;
    if (!rc)
        *out = s;
    return rc;
}

/* frozen_bytes: the stored document of format fmt, checked against its SHA-256 */
static enum fz_err frozen_bytes(const struct report_ctx *c, int64_t id, const char *fmt,
                                char **out, size_t *len, struct fz_problem *p)
{
    char *sha = NULL, path[1200], hex[FZ_HEX_LEN];
    uint8_t h[FZ_HASH_LEN];
    enum fz_err rc = db_query_text(c->db, &sha, "SELECT sha256 FROM report_files WHERE"
                                   " report_id = ? AND format = ?", "it", id, fmt);
    if (rc)
        return rc == FZ_ENOTFOUND ? FZ_EINTERNAL : rc;
    files_path(c->files ? c->files : "", sha, path, sizeof path);
    rc = read_all(path, out, len);
    if (!rc) {
        crypto_digest(FZ_SHA256, *out, *len, h);
        crypto_hex(h, sizeof h, hex);
        if (strcmp(hex, sha) != 0) {
            free(*out);
            rc = FZ_EIO;
        }
    }
    if (rc) {
        fprintf(stderr, "reports: frozen %s of report %lld (%s) unreadable or altered\n", fmt,
                (long long)id, sha);
        fz_problem_set(p, NULL, "frozen_unavailable", "已发布报告的存档文件缺失或已被改动");
        rc = FZ_EIO;
    }
    free(sha);
    return rc;
}

/* ---- PDF through LibreOffice ---- */

/* find_program: name on PATH into out; false when absent */
static bool find_program(const char *name, char *out, size_t n)
{
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *colon = strchr(path, ':');
        size_t k = colon ? (size_t)(colon - path) : strlen(path);
        snprintf(out, n, "%.*s/%s", (int)k, path, name);
        if (k && access(out, X_OK) == 0)
            return true;
        path = colon ? colon + 1 : NULL;
    }
    return false;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static enum fz_err write_all(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return FZ_EIO;
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    return ok ? FZ_OK : FZ_EIO;
}

/* run_soffice: convert dir/report.docx to dir/report.pdf; 0 on success */
static int run_soffice(const char *prog, const char *dir)
{
    char profile[1200], docx[1200];
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", dir);
    snprintf(docx, sizeof docx, "%s/report.docx", dir);
    char *const argv[] = { (char *)prog, profile, "--headless", "--norestore", "--nologo",
                           "--convert-to", "pdf", "--outdir", (char *)dir, docx, NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int err = posix_spawn(&pid, prog, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err)
        return -1;
    int status = 0;
    for (int waited = 0; waited < 1200; waited++) {        /* 120 s */
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
        if (w < 0 && errno != EINTR)
            return -1;
        struct timespec ts = { 0, 100 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

enum fz_err reports_pdf_from_docx(const char *docx, size_t len, char **pdf, size_t *pdf_len,
                                  struct fz_problem *p)
{
    char prog[1200];
    if (!find_program("soffice", prog, sizeof prog) &&
        !find_program("libreoffice", prog, sizeof prog)) {
        fz_problem_set(p, "format", "pdf_unavailable", "服务器未安装 LibreOffice（找不到 soffice"
                       " 程序），无法生成 PDF；请下载 DOCX 版本");
        return FZ_EIO;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[1024], path[1200];
    snprintf(dir, sizeof dir, "%s/fazhi-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return FZ_EIO;
    snprintf(path, sizeof path, "%s/report.docx", dir);
    enum fz_err rc = write_all(path, docx, len);
    if (!rc && run_soffice(prog, dir) != 0)
        rc = FZ_EIO;
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    if (!rc)
        rc = read_all(path, pdf, pdf_len);
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    if (rc) {
        fprintf(stderr, "reports: %s could not convert the report to PDF\n", prog);
        fz_problem_set(p, "format", "pdf_failed", "LibreOffice 转换 PDF 失败");
        rc = FZ_EIO;
    }
    return rc;
}

/* ---- documents ---- */

static const char *ctype_of(const char *format)
{
    if (str_eq(format, "docx"))
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (str_eq(format, "html"))
        return "text/html; charset=utf-8";
    if (str_eq(format, "md"))
        return "text/markdown; charset=utf-8";
    return "application/pdf";
}

/* document_bytes: the DOCX/HTML/MD of the report, frozen or rendered now */
static enum fz_err document_bytes(const struct report_ctx *c, const json_t *r,
                                  const char *fmt, char **data, size_t *len, bool *frozen,
                                  struct fz_problem *p)
{
    *frozen = str_eq(jstr(r, "status"), "published");
    if (*frozen)
        return frozen_bytes(c, jint(r, "id"), fmt, data, len, p);
    struct rdoc d;
    enum fz_err rc = rdoc_load(c, jint(r, "year"), &d, p);
    if (!rc)
        rc = render(&d, fmt, data, len);
    rdoc_free(&d);
    return rc;
}

enum fz_err reports_document(const struct report_ctx *c, int64_t year, const char *format,
                             char **data, size_t *len, const char **ctype, char name[192],
                             bool *frozen, struct fz_problem *p)
{
    static const char *const formats[] = { "docx", "html", "md", "pdf", NULL };
    bool known = false;
    for (int i = 0; formats[i]; i++)
        known = known || str_eq(formats[i], format);
    if (!known) {
        fz_problem_set(p, "format", NULL, "格式应为 docx、html、md 或 pdf");
        return FZ_EINVAL;
    }
    json_t *r = NULL;
    enum fz_err rc = load_report(c->db, year, &r);
    if (rc)
        return rc;
    bool pdf = str_eq(format, "pdf");
    rc = document_bytes(c, r, pdf ? "docx" : format, data, len, frozen, p);
    if (!rc && pdf) {
        char *docx = *data;
        rc = reports_pdf_from_docx(docx, *len, data, len, p);
        free(docx);
    }
    if (!rc) {
        *ctype = ctype_of(format);
        snprintf(name, 192, "%s.%s", jstr(r, "title"), format);
    }
    json_decref(r);
    return rc;
}
