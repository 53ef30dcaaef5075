/* demo_duties.c - the demo data of the organisation registers (issue 7), entered
 * through modules/duties.c with one audit entry per record: the 2023 rule-of-law
 * leading group as the 2023 report describes it (党组书记 as 组长, the other party-group
 * members as 副组长, section heads as members; one member replaced in 2024), the 2023
 * work plan's duty items (mostly done with evidence) plus one overdue item of the
 * current year, the 谁执法谁普法 list of the five district departments and 综合执法部,
 * two 2023 learning tasks, most completed, and 以案说法 teaching material from two closed
 * demo cases (when the case demo ran): one published and linked to a 以案说法 activity,
 * one still a draft. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/duties.h"
#include "modules/registries.h"
#include "modules/teaching.h"
#include "util/timeutil.h"

typedef enum fz_err (*create_fn)(struct db *db, int64_t actor, json_t *in, int64_t *id,
                                 struct fz_problem *p);

/* save: one record in its own transaction with its audit entry; in is consumed */
static int save(struct fz_ctx *ctx, const struct audit_key *key, create_fn create,
                json_t *in, const char *action, const char *etype, const char *summary)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = in ? db_begin(ctx->db) : FZ_ENOMEM;
    if (!rc) {
        rc = create(ctx->db, 0, in, &id, &p);
        if (rc)
            db_rollback(ctx->db);
    }
    json_decref(in);
    if (rc) {
        fprintf(stderr, "fazhi demo: %s: %s\n", summary,
                p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    return demo_audit_commit(ctx, key, action, etype, id, summary);
}

static int64_t user_id(struct fz_ctx *ctx, const char *username)
{
    int64_t id = 0;
    if (db_query_int(ctx->db, &id, "SELECT id FROM users WHERE username = ?", "t",
                     username))
        return 0;
    return id;
}

static int64_t dept_id(struct fz_ctx *ctx, const char *code)
{
    int64_t id = 0;
    if (db_query_int(ctx->db, &id, "SELECT id FROM departments WHERE code = ?", "t", code))
        return 0;
    return id;
}

/* ---- the leading group ---- */

static const struct {
    const char *username, *role, *title, *from, *until;
} members[] = {
    { "leader", "leader", "党组书记、主任", "2023-01-01", NULL },
    { "deputy1", "deputy", "党组成员、副主任", "2023-01-01", NULL },
    { "deputy2", "deputy", "党组成员、副主任", "2023-01-01", NULL },
    { "discipline", "deputy", "党组成员、纪检组长", "2023-01-01", NULL },
    { "legal", "member", "法务部部长（领导小组办公室主任）", "2023-01-01", NULL },
    { "admin", "member", "综合办公室主任", "2023-01-01", NULL },
    { "handler", "member", "企业服务部部长", "2023-01-01", NULL },
    { "handler2", "member", "综合执法部部长", "2023-01-01", NULL },
    { "handler3", "member", "规划建设部部长", "2023-01-01", "2024-03-31" },
    { "officer3", "member", "规划建设部部长（接任）", "2024-04-01", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static int seed_members(struct fz_ctx *ctx, const struct audit_key *key)
{
    for (int i = 0; members[i].username; i++) {
        json_t *in = json_pack("{s:I, s:s, s:s, s:s, s:s?}", "user_id",
                               (json_int_t)user_id(ctx, members[i].username), "role",
                               members[i].role, "title", members[i].title, "from_on",
                               members[i].from, "until_on", members[i].until);
        char summary[160];
        snprintf(summary, sizeof summary, "登记法治建设工作领导小组成员 %s（%s）",
                 members[i].username, members[i].title);
        if (save(ctx, key, duties_member_create, in, "leading_group.add",
                 "leading_group_member", summary))
            return 1;
    }
    return 0;
}

/* ---- the 2023 work plan ---- */

static const struct {
    const char *title, *owner, *dept, *due, *status, *evidence;
} items[] = {
    { "制定2023年度法治政府建设工作要点并报区依法治区办", "legal", "HMSC-LEGAL",
      "2023-03-31", "done", "《华明高新区服务中心2023年法治政府建设工作要点》已印发并报送" },
    { "党组理论学习中心组开展习近平法治思想专题学习", "leader", "HMSC-PARTY",
      "2023-06-30", "done", "中心组专题学习4次，学习记录及研讨材料已归档" },
    { "落实重大行政决策合法性审查和集体讨论制度", "legal", "HMSC-LEGAL",
      "2023-12-31", "done", "全年重大事项均经法律顾问合法性审查、党组会集体讨论" },
    { "完成新入驻企业信用承诺书签署", "handler", "HMSC-SVC", "2023-12-31", "done",
      "2023年新入驻企业80家，76家当年签署信用承诺书" },
    { "开展谁执法谁普法进企业活动", "handler2", "HMSC-ENF", "2023-11-30", "done",
      "联合秦天律师事务所开展法律讲座，覆盖企业职工千余人次" },
    { "推进行政执法三项制度落实", "handler2", "HMSC-ENF", "2023-12-31", "done",
      "执法公示、全过程记录、法制审核制度执行情况已形成专项报告" },
    { "组织工作人员年度学法考试", "admin", "HMSC-OFFICE", "2023-12-15", "done",
      "全员参加年度学法考试，平均成绩88分" },
    { "编制2023年度法治政府建设情况报告", "legal", "HMSC-LEGAL", "2024-01-31", "done",
      "年度报告已经党组会审议并按时报送、公开" },
    { NULL, NULL, NULL, NULL, NULL, NULL },
};

static int seed_duties(struct fz_ctx *ctx, const struct audit_key *key)
{
    for (int i = 0; items[i].title; i++) {
        json_t *in = json_pack("{s:i, s:s, s:I, s:I, s:s, s:s, s:s}", "year", 2023, "title",
                               items[i].title, "owner_id",
                               (json_int_t)user_id(ctx, items[i].owner), "dept_id",
                               (json_int_t)dept_id(ctx, items[i].dept), "due_on",
                               items[i].due, "status", items[i].status, "evidence",
                               items[i].evidence);
        if (save(ctx, key, duties_create, in, "duty.create", "duty", items[i].title))
            return 1;
    }
    /* the overdue item: this year's, due a month ago and still in progress */
    char ts[FZ_TS_LEN], due[11];
    time_now(ts);
    ts[10] = '\0';
    if (registries_date_add(ts, -30, due))
        return 1;
    json_t *in = json_pack("{s:i, s:s, s:I, s:I, s:s, s:s}", "year",
                           (int)((due[0] - '0') * 1000 + (due[1] - '0') * 100 +
                                 (due[2] - '0') * 10 + (due[3] - '0')),
                           "title", "修订中心行政规范性文件管理办法", "owner_id",
                           (json_int_t)user_id(ctx, "legal"), "dept_id",
                           (json_int_t)dept_id(ctx, "HMSC-LEGAL"), "due_on", due, "status",
                           "in_progress");
    return save(ctx, key, duties_create, in, "duty.create", "duty",
                "修订中心行政规范性文件管理办法");
}

/* ---- 谁执法谁普法 ---- */

static const struct {
    const char *dept, *content, *audience;
    int planned, progress;
} pufa[] = {
    { "EXT-CG", "《天津市市容和环境卫生管理条例》进企业宣讲", "区内企业、商户", 4, 4 },
    { "EXT-ZJ", "《建设工程质量管理条例》《建筑法》宣传", "在建项目施工单位", 3, 3 },
    { "EXT-SJ", "《食品安全法》《反不正当竞争法》普法", "食品生产经营企业", 4, 3 },
    { "EXT-YJ", "《安全生产法》专题讲座", "规上工业企业负责人、安全员", 6, 6 },
    { "EXT-XF", "《消防法》及消防安全常识宣传", "区内企业员工", 5, 5 },
    { "HMSC-ENF", "综合执法领域法律法规以案释法", "区内企业和居民", 6, 5 },
    { NULL, NULL, NULL, 0, 0 },
};

static int seed_pufa(struct fz_ctx *ctx, const struct audit_key *key)
{
    for (int i = 0; pufa[i].dept; i++) {
        const char *st = pufa[i].progress >= pufa[i].planned ? "done" : "in_progress";
        json_t *in = json_pack("{s:i, s:I, s:s, s:s, s:i, s:i, s:s}", "year", 2023,
                               "dept_id", (json_int_t)dept_id(ctx, pufa[i].dept), "content",
                               pufa[i].content, "audience", pufa[i].audience,
                               "planned_count", pufa[i].planned, "progress_count",
                               pufa[i].progress, "status", st);
        if (save(ctx, key, duties_pufa_create, in, "pufa_duty.create", "pufa_duty",
                 pufa[i].content))
            return 1;
    }
    return 0;
}

/* ---- learning tasks ---- */

static enum fz_err learning_create(struct db *db, int64_t actor, json_t *in, int64_t *id,
                                   struct fz_problem *p)
{
    json_t *out = NULL;
    enum fz_err rc = duties_learning_create(db, actor, in, 0, &out, p);
    if (!rc)
        *id = json_integer_value(json_object_get(out, "batch_id"));
    json_decref(out);
    return rc;
}

/* complete: the batch's tasks as their assignees did in 2023, all but every fifth one.
 * The completion day is set directly: the demo replays history. */
static int complete(struct fz_ctx *ctx, const char *title, const char *day)
{
    json_t *ids = NULL;
    enum fz_err rc = db_query_json(ctx->db, &ids, "SELECT id, user_id FROM learning_tasks"
                                   " WHERE title = ? ORDER BY id", "t", title);
    size_t i;
    json_t *r;
    if (!rc)
        rc = db_begin(ctx->db);
    json_array_foreach(ids, i, r) {
        if (rc || i % 5 == 4)
            continue;
        struct fz_problem p = {0};
        int64_t id = json_integer_value(json_object_get(r, "id"));
        rc = duties_learning_complete(ctx->db, json_integer_value(json_object_get(r,
                                      "user_id")), id, true, 80 + (int64_t)(i * 7 % 20),
                                      &p);
        if (!rc)
            rc = db_run(ctx->db, NULL, "UPDATE learning_tasks SET completed_at = ?"
                        " WHERE id = ?", "ti", day, id);
    }
    json_decref(ids);
    if (rc) {
        db_rollback(ctx->db);
        fprintf(stderr, "fazhi demo: learning tasks: %s\n", fz_strerror(rc));
        return 1;
    }
    return db_commit(ctx->db) ? 1 : 0;
}

static int seed_learning(struct fz_ctx *ctx, const struct audit_key *key)
{
    static const char *const codes[] = { "HMSC-OFFICE", "HMSC-LEGAL", "HMSC-ENF",
                                         "HMSC-SVC", "HMSC-PLAN", NULL };
    json_t *depts = json_array();
    for (int i = 0; codes[i]; i++)
        json_array_append_new(depts, json_integer(dept_id(ctx, codes[i])));
    json_t *a = json_pack("{s:s, s:s, s:s, s:O}", "title", "学习《中华人民共和国民法典》",
                          "regulation_ref", "《中华人民共和国民法典》", "due_on",
                          "2023-06-30", "dept_ids", depts);
    json_t *b = json_pack("{s:s, s:s, s:s, s:O}", "title",
                          "学习《中华人民共和国行政处罚法》", "regulation_ref",
                          "《中华人民共和国行政处罚法》第三章、第五章", "due_on",
                          "2023-10-31", "dept_ids", depts);
    json_decref(depts);
    return save(ctx, key, learning_create, a, "learning.assign", "learning_batch",
                "布置学法任务：民法典") ||
           save(ctx, key, learning_create, b, "learning.assign", "learning_batch",
                "布置学法任务：行政处罚法") ||
           complete(ctx, "学习《中华人民共和国民法典》", "2023-06-20T16:00:00+08:00") ||
           complete(ctx, "学习《中华人民共和国行政处罚法》", "2023-10-25T16:00:00+08:00");
}

/* ---- 以案说法 teaching material ---- */

static const struct {
    const char *case_title, *basis, *lesson, *activity_like;
} teachings[] = {
    { "厂区消防通道堆放杂物", "《中华人民共和国消防法》第二十八条、第六十条第一款第三项",
      "消防通道是火灾时人员疏散和消防救援的生命通道。《中华人民共和国消防法》第二十八条"
      "规定任何单位、个人不得占用、堵塞、封闭疏散通道、安全出口。企业应当落实消防安全主体"
      "责任，定期检查通道畅通情况；执法人员检查时应当全程记录，依法告知陈述申辩权利。",
      "%安全生产%" },
    { "夜间施工噪声扰民", NULL, NULL, NULL },       /* lesson NULL: left a draft */
    { NULL, NULL, NULL, NULL },
};

/* teach_one: the material of one closed demo case, in its own transaction; a missing
 * case (no case demo) is skipped */
static int teach_one(struct fz_ctx *ctx, const struct audit_key *key, int i, int64_t reviewer)
{
    int64_t case_id = 0, id = 0, activity = 0;
    if (db_query_int(ctx->db, &case_id, "SELECT id FROM cases WHERE title = ? AND"
                     " stage = 'closed' ORDER BY id LIMIT 1", "t", teachings[i].case_title))
        return 0;
    struct fz_problem p = {0};
    enum fz_err rc = db_begin(ctx->db);
    if (!rc)
        rc = teaching_from_case(ctx->db, NULL, case_id, &id, &p);
    json_t *t = NULL;
    if (!rc && teachings[i].lesson)
        rc = teaching_get(ctx->db, id, &t);
    json_t *in = t ? json_pack("{s:s, s:s}", "lesson", teachings[i].lesson, "basis",
                                teachings[i].basis) : NULL;
    if (!rc && t)
        rc = teaching_update(ctx->db, id, json_integer_value(json_object_get(t, "version")),
                             in, &p);
    if (!rc && t)
        rc = teaching_act(ctx->db, reviewer, id, "submit", NULL, &p);
    if (!rc && t)
        rc = teaching_act(ctx->db, reviewer, id, "publish", "案情已脱敏，同意发布", &p);
    if (!rc && teachings[i].activity_like &&
        !db_query_int(ctx->db, &activity, "SELECT id FROM activities WHERE kind = 'pufa_case'"
                      " AND title LIKE ? ORDER BY held_on LIMIT 1", "t",
                      teachings[i].activity_like))
        rc = teaching_link_activity(ctx->db, id, activity, &p);
    json_decref(in);
    json_decref(t);
    if (rc) {
        db_rollback(ctx->db);
        fprintf(stderr, "fazhi demo: teaching material: %s\n",
                p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    char summary[200];
    snprintf(summary, sizeof summary, "以案说法教学材料：%s", teachings[i].case_title);
    return demo_audit_commit(ctx, key, "teaching.create", "teaching_material", id, summary);
}

static int seed_teaching(struct fz_ctx *ctx, const struct audit_key *key)
{
    int64_t reviewer = user_id(ctx, "legal");
    for (int i = 0; teachings[i].case_title; i++)
        if (teach_one(ctx, key, i, reviewer))
            return 1;
    return 0;
}

int demo_seed_duties(struct fz_ctx *ctx, const struct audit_key *key)
{
    return seed_members(ctx, key) || seed_duties(ctx, key) || seed_pufa(ctx, key) ||
           seed_learning(ctx, key) || seed_teaching(ctx, key);
}
