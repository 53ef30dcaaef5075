/* duties_api.c - HTTP handlers of the organisation registers (issue 7): the leading
 * group /api/v1/leading-group/members, duty items /api/v1/duties, the 谁执法谁普法 list
 * /api/v1/pufa-duties and learning tasks /api/v1/learning-tasks. Parse -> validate ->
 * call duties.c -> render; duties.c validates the records. Every write is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/api.h"
#include "modules/duties.h"
#include "modules/registries.h"
#include "util/str.h"
#include "util/timeutil.h"

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* ---- shared parsing and replies ---- */

static enum fz_err query_int(struct fz_req *req, struct fz_resp *resp, const char *name,
                             int64_t min, int64_t max, int64_t *out)
{
    const char *s = http_query(req, name);
    if (s && (str_to_i64(s, out) || *out < min || *out > max)) {
        char msg[96];
        snprintf(msg, sizeof msg, "参数 %s 应为 %lld 到 %lld 之间的整数", name,
                 (long long)min, (long long)max);
        return http_error(resp, FZ_EINVAL, msg, name);
    }
    return FZ_OK;
}

static enum fz_err query_status(struct fz_req *req, struct fz_resp *resp,
                                const char *const *allowed, const char **out)
{
    *out = http_query(req, "status");
    if (*out && !str_in(*out, allowed))
        return http_error(resp, FZ_EINVAL, "状态取值无效", "status");
    return FZ_OK;
}

static enum fz_err get_reply(struct fz_resp *resp, enum fz_err rc, json_t *item,
                             int status)
{
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "记录不存在" : NULL, NULL);
    return http_json(resp, status, item);
}

typedef enum fz_err (*create_fn)(struct db *db, int64_t actor, json_t *in, int64_t *id,
                                 struct fz_problem *p);
typedef enum fz_err (*update_fn)(struct db *db, int64_t id, int64_t version, json_t *in,
                                 struct fz_problem *p);
typedef enum fz_err (*get_fn)(struct db *db, int64_t id, json_t **out);

static enum fz_err create_reply(struct fz_req *req, struct fz_resp *resp, create_fn create,
                                get_fn get, const char *action, const char *entity,
                                const char *what)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = create(req->db, req->user->id, req->body, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *out = NULL;
    rc = get(req->db, id, &out);
    if (!rc)
        http_audit(req, action, entity, id, "登记%s #%lld", what, (long long)id);
    return get_reply(resp, rc, out, 201);
}

static enum fz_err update_reply(struct fz_req *req, struct fz_resp *resp, update_fn update,
                                get_fn get, const char *action, const char *entity,
                                const char *what)
{
    int64_t id = 0, version = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (rc)
        return rc;
    json_t *before = NULL, *after = NULL;
    rc = get(req->db, id, &before);
    if (rc)
        return get_reply(resp, rc, NULL, 200);
    struct fz_problem p = {0};
    rc = update(req->db, id, version, req->body, &p);
    if (!rc)
        rc = get(req->db, id, &after);
    if (rc) {
        json_decref(before);
        return http_problem(resp, rc, &p);
    }
    http_audit(req, action, entity, id, "修改%s #%lld", what, (long long)id);
    req->audit_detail = json_pack("{s:o, s:O}", "before", before, "after", after);
    return http_json(resp, 200, after);
}

/* ---- leading group ---- */

enum fz_err duties_api_members(struct fz_req *req, struct fz_resp *resp)
{
    const char *s = http_query(req, "date");
    char d[11];
    if (s && registries_date(s, false, d))
        return http_error(resp, FZ_EINVAL, "日期格式应为 YYYY-MM-DD", "date");
    json_t *items = NULL;
    enum fz_err rc = duties_members_list(req->db, s ? d : NULL, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o, s:s?}", "items", items, "date",
                                          s ? d : NULL));
}

enum fz_err duties_api_member_create(struct fz_req *req, struct fz_resp *resp)
{
    return create_reply(req, resp, duties_member_create, duties_member_get,
                        "leading_group.add", "leading_group_member", "领导小组成员");
}

enum fz_err duties_api_member_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, duties_member_update, duties_member_get,
                        "leading_group.update", "leading_group_member", "领导小组成员");
}

/* ---- duty items ---- */

static const char *const duty_status[] = { "not_started", "in_progress", "done", NULL };

/* duty_filter: year, dept_id, status and flag=overdue of the list and the export */
static enum fz_err duty_filter(struct fz_req *req, struct fz_resp *resp,
                               struct duties_filter *f)
{
    enum fz_err rc = query_int(req, resp, "year", 2000, 2099, &f->year);
    if (!rc)
        rc = query_int(req, resp, "dept_id", 1, INT64_MAX, &f->dept_id);
    if (!rc)
        rc = query_status(req, resp, duty_status, &f->status);
    const char *flag = http_query(req, "flag");
    if (!rc && flag && !str_eq(flag, "overdue"))
        rc = http_error(resp, FZ_EINVAL, "flag 只能为 overdue", "flag");
    f->overdue = flag != NULL;
    return rc;
}

enum fz_err duties_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct duties_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = duty_filter(req, resp, &f);
    if (rc)
        return rc;
    f.limit = pg.size;
    f.offset = pg.offset;
    json_t *items = NULL;
    int64_t total = 0;
    rc = duties_list(req->db, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

/* GET /api/v1/duties/export.xlsx: the filtered duty list as 责任分工_<date>.xlsx */
enum fz_err duties_api_export(struct fz_req *req, struct fz_resp *resp)
{
    struct duties_filter f = {0};
    enum fz_err rc = duty_filter(req, resp, &f);
    if (rc)
        return rc;
    char *data = NULL, day[FZ_TS_LEN], file[128];
    size_t len = 0;
    rc = duties_xlsx(req->db, &f, &data, &len);
    if (rc) {
        free(data);
        return http_error(resp, rc, NULL, NULL);
    }
    time_now(day);
    day[10] = '\0';
    snprintf(file, sizeof file, "责任分工_%s.xlsx", day);
    return http_download(resp, data, len, XLSX_MIME, "duties.xlsx", file);
}

enum fz_err duties_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    json_t *out = NULL;
    rc = duties_get(req->db, id, &out);
    return get_reply(resp, rc, out, 200);
}

enum fz_err duties_api_create(struct fz_req *req, struct fz_resp *resp)
{
    return create_reply(req, resp, duties_create, duties_get, "duty.create", "duty",
                        "责任分工");
}

enum fz_err duties_api_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, duties_update, duties_get, "duty.update", "duty",
                        "责任分工");
}

/* ---- 谁执法谁普法 ---- */

enum fz_err duties_api_pufa_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct duties_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = query_int(req, resp, "year", 2000, 2099, &f.year);
    if (!rc)
        rc = query_int(req, resp, "dept_id", 1, INT64_MAX, &f.dept_id);
    if (!rc)
        rc = query_status(req, resp, duty_status, &f.status);
    if (rc)
        return rc;
    f.limit = pg.size;
    f.offset = pg.offset;
    json_t *items = NULL;
    int64_t total = 0;
    rc = duties_pufa_list(req->db, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err duties_api_pufa_progress(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    enum fz_err rc = query_int(req, resp, "year", 2000, 2099, &year);
    if (rc)
        return rc;
    json_t *items = NULL;
    rc = duties_pufa_progress(req->db, year, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

enum fz_err duties_api_pufa_create(struct fz_req *req, struct fz_resp *resp)
{
    return create_reply(req, resp, duties_pufa_create, duties_pufa_get, "pufa_duty.create",
                        "pufa_duty", "普法责任");
}

enum fz_err duties_api_pufa_update(struct fz_req *req, struct fz_resp *resp)
{
    return update_reply(req, resp, duties_pufa_update, duties_pufa_get, "pufa_duty.update",
                        "pufa_duty", "普法责任");
}

/* ---- learning tasks ---- */

static const char *const learning_status[] = { "done", "pending", NULL };
static const char *const learning_origin[] = { "manual", "version", "teaching", NULL };

/* GET: mine=1 (or a user without duty:write) lists only the caller's tasks */
enum fz_err duties_api_learning_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct duties_filter f = {0};
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = query_int(req, resp, "year", 2000, 2099, &f.year);
    if (!rc)
        rc = query_int(req, resp, "batch_id", 1, INT64_MAX, &f.batch_id);
    if (!rc)
        rc = query_int(req, resp, "dept_id", 1, INT64_MAX, &f.dept_id);
    if (!rc)
        rc = query_status(req, resp, learning_status, &f.status);
    f.origin = http_query(req, "origin");
    if (!rc && f.origin && !str_in(f.origin, learning_origin))
        rc = http_error(resp, FZ_EINVAL, "来源应为 manual、version 或 teaching", "origin");
    if (rc)
        return rc;
    if (str_eq(http_query(req, "mine"), "1") || !http_has_perm(req->user, "duty:write"))
        f.user_id = req->user->id;
    f.limit = pg.size;
    f.offset = pg.offset;
    json_t *items = NULL;
    int64_t total = 0;
    rc = duties_learning_list(req->db, &f, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err duties_api_learning_batches(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    enum fz_err rc = query_int(req, resp, "year", 2000, 2099, &year);
    if (rc)
        return rc;
    json_t *items = NULL;
    rc = duties_learning_batches(req->db, year, &items);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o}", "items", items));
}

static enum fz_err batch_reply(struct fz_req *req, struct fz_resp *resp, enum fz_err rc,
                               json_t *out, const struct fz_problem *p)
{
    if (rc)
        return http_problem(resp, rc, p);
    int64_t batch = json_integer_value(json_object_get(out, "batch_id"));
    http_audit(req, "learning.assign", "learning_batch", batch,
               "布置学法任务（批次 %lld，%lld 人）", (long long)batch,
               (long long)json_integer_value(json_object_get(out, "created")));
    return http_json(resp, 201, out);
}

enum fz_err duties_api_learning_create(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_problem p = {0};
    json_t *out = NULL;
    enum fz_err rc = duties_learning_create(req->db, req->user->id, req->body, 0, &out, &p);
    return batch_reply(req, resp, rc, out, &p);
}

enum fz_err duties_api_learning_from_regulation(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    json_t *out = NULL;
    rc = duties_learning_from_regulation(req->db, req->user->id, id, req->body, &out, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "法规不存在", NULL);
    return batch_reply(req, resp, rc, out, &p);
}

enum fz_err duties_api_learning_complete(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, score = 0;
    bool has_score = false;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc && req->body)
        rc = http_body_int(req, resp, "score", false, &score, &has_score);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = duties_learning_complete(req->db, req->user->id, id, has_score, score, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "学法任务不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    json_t *out = NULL;
    rc = duties_learning_get(req->db, id, &out);
    if (!rc)
        http_audit(req, "learning.complete", "learning_task", id, "完成学法任务 #%lld",
                   (long long)id);
    return get_reply(resp, rc, out, 200);
}
