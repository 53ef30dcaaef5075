/* patrols_api.c - HTTP handlers of /api/v1/patrols: start a patrol, record findings, end
 * it, and turn a finding into an inspection or a penalty case. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/patrols.h"
#include "util/str.h"
#include "util/timeutil.h"

static enum fz_err reply_patrol(struct fz_req *req, struct fz_resp *resp, int64_t id,
                                int status)
{
    json_t *pt = NULL;
    enum fz_err rc = patrol_get(req->db, req->user, id, &pt);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "巡查记录不存在" : NULL, NULL);
    return http_json(resp, status, pt);
}

enum fz_err patrols_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    enum fz_err rc = http_page(req, resp, &pg);
    if (rc)
        return rc;
    char fb[FZ_TS_LEN], tb[FZ_TS_LEN];
    const char *from = NULL, *to = NULL, *f = http_query(req, "from"), *t = http_query(req, "to");
    time_t x;
    if (f) {
        if (time_parse(f, &x))
            return http_error(resp, FZ_EINVAL, "日期格式应为 YYYY-MM-DD", "from");
        time_format(x, fb);
        from = fb;
    }
    if (t) {
        if (time_parse(t, &x))
            return http_error(resp, FZ_EINVAL, "日期格式应为 YYYY-MM-DD", "to");
        time_format(strlen(t) == 10 ? x + 86399 : x, tb);
        to = tb;
    }
    json_t *items = NULL;
    int64_t total = 0;
    rc = patrols_list(req->db, req->user, from, to, pg.size, pg.offset, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

enum fz_err patrols_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : reply_patrol(req, resp, id, 200);
}

enum fz_err patrols_api_create(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_problem p = {0};
    int64_t id = 0;
    enum fz_err rc = patrol_create(req->db, req->user, req->body, time(NULL), &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "patrol.create", "patrol", id, "开始园区巡查 #%lld", (long long)id);
    return reply_patrol(req, resp, id, 201);
}

enum fz_err patrols_api_end(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = patrol_end(req->db, req->user, id, req->body, time(NULL), &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "巡查记录不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "patrol.end", "patrol", id, "结束园区巡查 #%lld", (long long)id);
    return reply_patrol(req, resp, id, 200);
}

enum fz_err patrols_api_finding(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, fid = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = patrol_add_finding(req->db, req->user, id, req->body, time(NULL), &fid, &p);
    if (rc == FZ_ENOTFOUND)
        return http_error(resp, rc, "巡查记录不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "patrol.finding", "patrol", id, "巡查发现 #%lld", (long long)fid);
    return reply_patrol(req, resp, id, 201);
}

enum fz_err patrols_api_convert(struct fz_req *req, struct fz_resp *resp)
{
    int64_t fid = 0, case_id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &fid);
    if (rc)
        return rc;
    struct calendar *cal = NULL;
    rc = calendar_load(req->db, &cal);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    struct fz_problem p = {0};
    rc = patrol_convert(req->db, cal, req->user, fid, req->body, time(NULL), &case_id, &p);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND && !p.message[0])
        return http_error(resp, rc, "巡查发现不存在", NULL);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "patrol.convert", "case", case_id, "巡查发现 #%lld 转为案件 #%lld",
               (long long)fid, (long long)case_id);
    return http_json(resp, 201, json_pack("{s:I, s:I}", "finding_id", (json_int_t)fid,
                                          "case_id", (json_int_t)case_id));
}
