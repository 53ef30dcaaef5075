/* teaching_api.c - HTTP handlers of 以案说法 teaching material (issue 7):
 * POST /api/v1/cases/{id}/teaching, /api/v1/teaching (list, get, edit), its review steps
 * (submit, return, publish), the activity link and learning tasks on a material.
 * Parse -> validate -> call teaching.c -> render; every write is audited. Readers who
 * neither write nor publish material see published material only. */
#include <stdio.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/api.h"
#include "modules/duties.h"
#include "modules/teaching.h"
#include "util/str.h"

static bool sees_drafts(const struct fz_user *u)
{
    return http_has_perm(u, "teaching:write") || http_has_perm(u, "teaching:publish");
}

/* load: the material of path parameter 0, 404 when absent or not visible */
static enum fz_err load(struct fz_req *req, struct fz_resp *resp, int64_t *id, json_t **out)
{
    enum fz_err rc = http_param_id(req, resp, 0, id);
    if (rc)
        return rc;
    rc = teaching_get(req->db, *id, out);
    if (!rc && !sees_drafts(req->user) &&
        !str_eq(json_string_value(json_object_get(*out, "status")), "published")) {
        json_decref(*out);
        rc = FZ_ENOTFOUND;
    }
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "教学材料不存在" : NULL, NULL);
    return FZ_OK;
}

/* reply: the material after a write, with its audit entry */
static enum fz_err reply(struct fz_req *req, struct fz_resp *resp, int64_t id, int status,
                         const char *action, const char *what)
{
    json_t *out = NULL;
    enum fz_err rc = teaching_get(req->db, id, &out);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    http_audit(req, action, "teaching_material", id, "%s以案说法教学材料 #%lld", what,
               (long long)id);
    return http_json(resp, status, out);
}

static const char *const statuses[] = { "draft", "submitted", "published", NULL };

enum fz_err teaching_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct teaching_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (rc)
        return rc;
    f.q = http_query(req, "q");
    f.status = http_query(req, "status");
    const char *cid = http_query(req, "case_id");
    if (f.status && !str_in(f.status, statuses))
        return http_error(resp, FZ_EINVAL, "状态应为 draft、submitted 或 published", "status");
    if (cid && (str_to_i64(cid, &f.case_id) || f.case_id < 1))
        return http_error(resp, FZ_EINVAL, "case_id 应为案件编号", "case_id");
    if (!sees_drafts(req->user))
        f.status = "published";
    f.limit = pg.size;
    f.offset = pg.offset;
    json_t *items = NULL;
    int64_t total = 0;
    rc = teaching_list(req->db, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err teaching_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    json_t *out = NULL;
    enum fz_err rc = load(req, resp, &id, &out);
    return rc ? rc : http_json(resp, 200, out);
}

enum fz_err teaching_api_from_case(struct fz_req *req, struct fz_resp *resp)
{
    int64_t case_id = 0, id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &case_id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = teaching_from_case(req->db, req->user, case_id, &id, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "案件不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    return reply(req, resp, id, 201, "teaching.create", "从已结案件生成");
}

enum fz_err teaching_api_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, version = 0;
    json_t *before = NULL;
    enum fz_err rc = load(req, resp, &id, &before);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (rc) {
        json_decref(before);
        return rc;
    }
    struct fz_problem p = {0};
    rc = teaching_update(req->db, id, version, req->body, &p);
    if (rc) {
        json_decref(before);
        return http_problem(resp, rc, &p);
    }
    rc = reply(req, resp, id, 200, "teaching.update", "修改");
    if (!rc)
        req->audit_detail = json_pack("{s:o, s:O}", "before", before, "after", resp->json);
    else
        json_decref(before);
    return rc;
}

static enum fz_err step(struct fz_req *req, struct fz_resp *resp, const char *action,
                        const char *audit, const char *what)
{
    int64_t id = 0;
    json_t *t = NULL;
    const char *comment = NULL;
    enum fz_err rc = load(req, resp, &id, &t);
    json_decref(t);
    if (!rc && req->body)
        rc = http_body_str(req, resp, "comment", false, 500, &comment);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = teaching_act(req->db, req->user->id, id, action, comment, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    return reply(req, resp, id, 200, audit, what);
}

enum fz_err teaching_api_submit(struct fz_req *req, struct fz_resp *resp)
{
    return step(req, resp, "submit", "teaching.submit", "提交审核");
}

enum fz_err teaching_api_return(struct fz_req *req, struct fz_resp *resp)
{
    return step(req, resp, "return", "teaching.return", "退回");
}

enum fz_err teaching_api_publish(struct fz_req *req, struct fz_resp *resp)
{
    return step(req, resp, "publish", "teaching.publish", "发布");
}

/* PUT /api/v1/teaching/{id}/activity {"activity_id": n | null} */
enum fz_err teaching_api_activity(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, activity = 0;
    bool present = false;
    json_t *t = NULL;
    enum fz_err rc = load(req, resp, &id, &t);
    json_decref(t);
    if (!rc)
        rc = http_body_int(req, resp, "activity_id", false, &activity, &present);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = teaching_link_activity(req->db, id, activity, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    return reply(req, resp, id, 200, "teaching.link",
                 activity ? "关联普法活动：" : "取消关联普法活动：");
}

/* POST /api/v1/teaching/{id}/learning-tasks {dept_ids, due_on, title?}: a learning batch */
enum fz_err teaching_api_learning(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    json_t *t = NULL, *out = NULL;
    enum fz_err rc = load(req, resp, &id, &t);
    json_decref(t);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = duties_learning_for_teaching(req->db, req->user->id, id, req->body, &out, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    int64_t batch = json_integer_value(json_object_get(out, "batch_id"));
    http_audit(req, "learning.assign", "learning_batch", batch,
               "以案说法教学材料 #%lld 布置学习（批次 %lld，%lld 人）", (long long)id,
               (long long)batch, (long long)json_integer_value(json_object_get(out, "created")));
    return http_json(resp, 201, out);
}
