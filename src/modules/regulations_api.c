/* regulations_api.c - HTTP handlers of /api/v1/regulations (the regulations library):
 * list, detail with versions, create with the first version, new versions, metadata and
 * repeal (with the record's version), the articles of a version, the citation of an
 * article in the version in force on a day, and full-text search over the articles.
 * Handlers parse and validate the request; regulations.c decides everything else. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/regulations.h"
#include "util/str.h"
#include "util/timeutil.h"

/* query_id: an optional positive integer query argument (0 when absent); 422 otherwise */
static enum fz_err query_id(struct fz_req *req, struct fz_resp *resp, const char *name,
                            int64_t *out)
{
    const char *s = http_query(req, name);
    *out = 0;
    if (s && (str_to_i64(s, out) || *out <= 0)) {
        char msg[96];
        snprintf(msg, sizeof msg, "参数 %s 应为正整数", name);
        return http_error(resp, FZ_EINVAL, msg, name);
    }
    return FZ_OK;
}

/* query_enum: an optional level or status argument, checked against its list */
static enum fz_err query_enum(struct fz_req *req, struct fz_resp *resp, const char *name,
                              bool (*ok)(const char *), const char **out)
{
    *out = http_query(req, name);
    if (*out && !ok(*out)) {
        char msg[128];
        snprintf(msg, sizeof msg, "参数 %s 的取值无效", name);
        return http_error(resp, FZ_EINVAL, msg, name);
    }
    return FZ_OK;
}

/* body_array: an optional array field (NULL when absent or null); 422 when not an array */
static enum fz_err body_array(struct fz_req *req, struct fz_resp *resp, const char *field,
                              json_t **out)
{
    json_t *v = req->body ? json_object_get(req->body, field) : NULL;
    *out = NULL;
    if (!v || json_is_null(v))
        return FZ_OK;
    if (!json_is_array(v)) {
        char msg[96];
        snprintf(msg, sizeof msg, "字段 %s 应为数组", field);
        return http_error(resp, FZ_EINVAL, msg, field);
    }
    *out = v;
    return FZ_OK;
}

static enum fz_err read_meta(struct fz_req *req, struct fz_resp *resp, bool create,
                             struct reg_input *in)
{
    enum fz_err rc = http_body_str(req, resp, "title", create, 200, &in->title);
    if (!rc)
        rc = http_body_str(req, resp, "level", create, 16, &in->level);
    if (!rc)
        rc = http_body_str(req, resp, "issuer", false, 100, &in->issuer);
    if (!rc)
        rc = http_body_str(req, resp, "note", false, 1000, &in->note);
    if (!rc)
        rc = body_array(req, resp, "dept_ids", &in->dept_ids);
    if (!rc && !create)
        rc = http_body_str(req, resp, "status", false, 8, &in->status);
    if (!rc && !create)
        rc = http_body_str(req, resp, "repealed_on", false, 10, &in->repealed_on);
    return rc;
}

/* read_version: the text version fields; note_field is "version_note" on create */
static enum fz_err read_version(struct fz_req *req, struct fz_resp *resp,
                                const char *note_field, struct reg_version_input *v)
{
    enum fz_err rc = http_body_str(req, resp, "doc_no", false, 100, &v->doc_no);
    if (!rc)
        rc = http_body_str(req, resp, "promulgated_on", false, 10, &v->promulgated_on);
    if (!rc)
        rc = http_body_str(req, resp, "effective_from", true, 10, &v->effective_from);
    if (!rc)
        rc = http_body_str(req, resp, note_field, false, 1000, &v->note);
    if (!rc)
        rc = http_body_str(req, resp, "full_text", false, 0, &v->full_text);
    if (!rc)
        rc = body_array(req, resp, "articles", &v->articles);
    return rc;
}

/* short_title: at most n-1 bytes of title, cut at a character boundary (audit summary) */
static void short_title(const char *title, char *out, size_t n)
{
    size_t len = strlen(title);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)title[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out, title, len);
    out[len] = '\0';
}

static enum fz_err reply_reg(struct fz_req *req, struct fz_resp *resp, int64_t id,
                             int status)
{
    json_t *r = NULL;
    enum fz_err rc = reg_get(req->db, id, &r);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "法规不存在" : NULL, NULL);
    return http_json(resp, status, r);
}

/* GET /api/v1/regulations?level=&status=&dept=&q=&page=&page_size= */
enum fz_err regulations_api_list(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct reg_filter f = { .q = http_query(req, "q") };
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc)
        rc = query_enum(req, resp, "level", reg_level_ok, &f.level);
    if (!rc)
        rc = query_enum(req, resp, "status", reg_status_ok, &f.status);
    if (!rc)
        rc = query_id(req, resp, "dept", &f.dept_id);
    if (!rc && f.q && (str_utf8_len(f.q) < 0 || str_utf8_len(f.q) > 100))
        return http_error(resp, FZ_EINVAL, "检索词应为不超过 100 个字符的文本", "q");
    if (rc)
        return rc;
    json_t *items = NULL;
    int64_t total = 0;
    rc = reg_list(req->db, &f, pg.size, pg.offset, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}

/* GET /api/v1/regulations/:id */
enum fz_err regulations_api_get(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    return rc ? rc : reply_reg(req, resp, id, 200);
}

/* POST /api/v1/regulations: metadata + the first version's text */
enum fz_err regulations_api_create(struct fz_req *req, struct fz_resp *resp)
{
    struct reg_input in = {0};
    struct reg_version_input v = {0};
    enum fz_err rc = read_meta(req, resp, true, &in);
    if (!rc)
        rc = read_version(req, resp, "version_note", &v);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    int64_t id = 0;
    rc = reg_create(req->db, req->user->id, &in, &v, &id, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    char title[160];
    short_title(in.title, title, sizeof title);
    http_audit(req, "regulation.create", "regulation", id, "新增法规《%s》", title);
    return reply_reg(req, resp, id, 201);
}

/* POST /api/v1/regulations/:id/versions: a revised text */
enum fz_err regulations_api_version_create(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, no = 0;
    struct reg_version_input v = {0};
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = read_version(req, resp, "note", &v);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    rc = reg_version_add(req->db, req->user->id, id, &v, &no, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, "regulation.revise", "regulation", id, "法规 #%lld 新增第 %lld 版（%s 起施行）",
               (long long)id, (long long)no, v.effective_from);
    return reply_reg(req, resp, id, 201);
}

/* PUT /api/v1/regulations/:id: metadata, departments, status (已废止 / 现行有效) */
enum fz_err regulations_api_update(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, version = 0;
    struct reg_input in = {0};
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = http_body_version(req, resp, &version);
    if (!rc)
        rc = read_meta(req, resp, false, &in);
    if (rc)
        return rc;
    struct fz_problem p = {0};
    const char *action = "regulation.update";
    rc = reg_update(req->db, id, version, &in, &action, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    http_audit(req, action, "regulation", id, "%s法规 #%lld",
               strcmp(action, "regulation.repeal") == 0 ? "废止"
               : strcmp(action, "regulation.reinstate") == 0 ? "恢复施行" : "修改",
               (long long)id);
    return reply_reg(req, resp, id, 200);
}

/* GET /api/v1/regulations/:id/articles?version=N (default: the newest version) */
enum fz_err regulations_api_articles(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, no = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &id);
    if (!rc)
        rc = query_id(req, resp, "version", &no);
    if (rc)
        return rc;
    json_t *out = NULL;
    rc = reg_articles_get(req->db, id, no, &out);
    if (rc)
        return http_error(resp, rc, rc == FZ_ENOTFOUND ? "法规或版本不存在" : NULL, NULL);
    return http_json(resp, 200, out);
}

/* cite_args: id + article (+ version) from ref=reg/ID/vN/art/M or from id, article and
 * version; date defaults to today */
static enum fz_err cite_args(struct fz_req *req, struct fz_resp *resp, int64_t *id,
                             int64_t *no, int64_t *article, const char **date)
{
    const char *ref = http_query(req, "ref");
    enum fz_err rc = FZ_OK;
    if (ref) {
        if (reg_parse_citation(ref, id, no, article))
            return http_error(resp, FZ_EINVAL, "引用标识应形如 reg/12/v2/art/35", "ref");
    } else {
        rc = query_id(req, resp, "id", id);
        if (!rc)
            rc = query_id(req, resp, "article", article);
        if (!rc)
            rc = query_id(req, resp, "version", no);
        if (!rc && !*id)
            return http_error(resp, FZ_EINVAL, "请指定法规 id", "id");
        if (!rc && !*article)
            return http_error(resp, FZ_EINVAL, "请指定条号 article", "article");
    }
    *date = http_query(req, "date");
    if (!rc && *date && !reg_valid_date(*date))
        return http_error(resp, FZ_EINVAL, "日期 date 应为 YYYY-MM-DD 格式", "date");
    return rc;
}

/* GET /api/v1/regulations/cite?id=&article=&date= (or ?ref=reg/12/v2/art/35) */
enum fz_err regulations_api_cite(struct fz_req *req, struct fz_resp *resp)
{
    int64_t id = 0, no = 0, article = 0;
    const char *date = NULL;
    enum fz_err rc = cite_args(req, resp, &id, &no, &article, &date);
    if (rc)
        return rc;
    char ts[FZ_TS_LEN], day[11];
    if (!date) {
        time_now(ts);
        str_copy(day, sizeof day, ts);
        date = day;
    }
    json_t *out = NULL;
    struct fz_problem p = {0};
    rc = reg_cite(req->db, id, no, article, date, &out, &p);
    if (rc)
        return http_problem(resp, rc, &p);
    return http_json(resp, 200, out);
}

/* GET /api/v1/regulations/search?q=&status=&level=&dept=&page=&page_size= */
enum fz_err regulations_api_search(struct fz_req *req, struct fz_resp *resp)
{
    struct fz_page pg;
    struct reg_search_q s = { .q = http_query(req, "q") };
    enum fz_err rc = http_page(req, resp, &pg);
    if (!rc && !s.q)
        return http_error(resp, FZ_EINVAL, "请输入检索词", "q");
    if (!rc && (str_utf8_len(s.q) < 0 || str_utf8_len(s.q) > 100))
        return http_error(resp, FZ_EINVAL, "检索词应为不超过 100 个字符的文本", "q");
    if (!rc)
        rc = query_enum(req, resp, "status", reg_status_ok, &s.status);
    if (!rc)
        rc = query_enum(req, resp, "level", reg_level_ok, &s.level);
    if (!rc)
        rc = query_id(req, resp, "dept", &s.dept_id);
    if (rc)
        return rc;
    json_t *items = NULL;
    int64_t total = 0;
    rc = reg_search(req->db, &s, pg.size, pg.offset, &items, &total);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_list(resp, items, total, &pg);
}
