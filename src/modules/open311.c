/* open311.c - the Open311 GeoReport v2 intake without HTTP (see open311.h): keys, the
 * form decoder, discovery, services, service definitions with attribute validation, the
 * POST that turns a request into a work order, and the public queries.
 * The public queries share one column list (PUB_COLS) that holds no personal field, and
 * one condition (PUB_FROM) that shows only orders from the public channels. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "db/db.h"
#include "modules/open311.h"
#include "modules/workorders.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/str.h"
#include "util/timeutil.h"

#define MAX_FIELDS 200          /* form fields in one POST */
#define MAX_LIST 1000           /* ids / codes in a comma list, and rows returned */
#define SPAN_SECS (90 * 86400)  /* the longest start_date..end_date span */

/* ---- errors ---- */

/* utf8_trim: cut an incomplete UTF-8 sequence at the end of s (after truncation) */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (!i)
        return;
    unsigned char c = (unsigned char)s[i - 1];
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < want)
        s[i - 1] = '\0';
}

void open311_error_add(struct open311_errors *errs, int code, const char *fmt, ...)
{
    if (errs->n >= OPEN311_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errs->e[errs->n].description, sizeof errs->e[0].description, fmt, ap);
    va_end(ap);
    utf8_trim(errs->e[errs->n].description);
    errs->e[errs->n].code = code;
    errs->n++;
}

int open311_errors_status(const struct open311_errors *errs)
{
    int status = 400;
    for (int i = 0; i < errs->n; i++) {
        if (errs->e[i].code == 403)
            return 403;
        if (errs->e[i].code == 404)
            status = 404;
    }
    return status;
}

json_t *open311_errors_to_json(const struct open311_errors *errs)
{
    json_t *arr = json_array();
    for (int i = 0; arr && i < errs->n; i++)
        json_array_append_new(arr, json_pack("{s:i, s:s}", "code", errs->e[i].code,
                                             "description", errs->e[i].description));
    return arr;
}

/* ---- small helpers ---- */

/* utf8_prefix: bytes of the first n code points of valid UTF-8 s */
static size_t utf8_prefix(const char *s, long n)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n > 0) {
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
        n--;
    }
    return (size_t)(p - (const unsigned char *)s);
}

static bool has_ctl(const char *s, bool newlines_ok)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p == '\n' || *p == '\r' || *p == '\t') && (newlines_ok || *p == '\t'))
            continue;
        if (*p < 0x20 || *p == 0x7F)
            return true;
    }
    return false;
}

static enum fz_err setting(struct db *db, const char *key, const char *def, char **out)
{
    enum fz_err rc = db_query_text(db, out, "SELECT value FROM settings WHERE key = ?", "t",
                                   key);
    if (rc == FZ_ENOTFOUND) {
        *out = strdup(def);
        rc = *out ? FZ_OK : FZ_ENOMEM;
    }
    return rc;
}

/* to_bool: replace integer field k of o by a JSON boolean */
static void to_bool(json_t *o, const char *k)
{
    json_object_set_new(o, k, json_boolean(json_integer_value(json_object_get(o, k))));
}

/* parse_number: a whole-string finite decimal number */
static enum fz_err parse_number(const char *s, double *out)
{
    char *end = NULL;
    if (str_empty(s) || strlen(s) > 40)
        return FZ_EINVAL;
    double v = strtod(s, &end);
    if (!end || *end || !isfinite(v))
        return FZ_EINVAL;
    *out = v;
    return FZ_OK;
}

enum fz_err open311_w3c_time(const char *s, time_t *out, int *date_only)
{
    size_t n = s ? strlen(s) : 0;
    if (date_only)
        *date_only = n == 10;
    if (n == 10)
        return time_parse(s, out);
    if (n < 17 || n > 40 || s[10] != 'T')
        return FZ_EINVAL;
    size_t z = 11;
    while (s[z] && s[z] != 'Z' && s[z] != '+' && s[z] != '-')
        z++;
    if (!s[z])
        return FZ_EINVAL;            /* a time must carry its zone */
    char tmp[64];
    if (z - 11 == 5)                 /* hh:mm without seconds */
        snprintf(tmp, sizeof tmp, "%.*s:00%s", (int)z, s, s + z);
    else
        snprintf(tmp, sizeof tmp, "%s", s);
    return time_parse(tmp, out);
}

/* ---- the form ---- */

struct open311_form {
    json_t *fields;             /* name -> array of values, in arrival order */
};

void open311_form_free(struct open311_form *f)
{
    if (!f)
        return;
    json_decref(f->fields);
    free(f);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* url_decode: n bytes of s into out (n+1 bytes); -1 on a bad %XX or a NUL byte */
static long url_decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return -1;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return (long)o;
}

/* decode_part: one decoded, checked name or value (new string) or NULL with an error */
static char *decode_part(const char *s, size_t n, struct open311_errors *errs)
{
    char *out = malloc(n + 1);
    if (!out) {
        open311_error_add(errs, 400, "服务暂时不可用（内存不足）");
        return NULL;
    }
    if (url_decode(s, n, out) < 0) {
        open311_error_add(errs, 400, "请求体不是有效的 application/x-www-form-urlencoded 编码");
        free(out);
        return NULL;
    }
    if (str_utf8_len(out) < 0 || has_ctl(out, true)) {
        open311_error_add(errs, 400, "请求体含有无效的 UTF-8 编码或控制字符");
        free(out);
        return NULL;
    }
    return out;
}

/* form_add: record name=value; only names ending in [] may repeat */
static void form_add(json_t *fields, char *name, char *value, struct open311_errors *errs)
{
    json_t *arr = json_object_get(fields, name);
    json_t *v = json_string(value);     /* NULL for what jansson deems bad UTF-8 */
    size_t len = strlen(name);
    if (!v)
        open311_error_add(errs, 400, "请求体含有无效的 UTF-8 编码");
    else if (arr && !(len > 2 && strcmp(name + len - 2, "[]") == 0))
        open311_error_add(errs, 400, "字段 %s 重复出现", name);
    else if (json_object_size(fields) >= MAX_FIELDS && !arr)
        open311_error_add(errs, 400, "表单字段过多");
    else if (arr)
        json_array_append(arr, v);
    else
        json_object_set_new(fields, name, json_pack("[O]", v));
    json_decref(v);
}

enum fz_err open311_form_parse(const char *body, size_t len, struct open311_form **out,
                               struct open311_errors *errs)
{
    struct open311_form *f = calloc(1, sizeof *f);
    json_t *fields = json_object();
    if (!f || !fields) {
        free(f);
        json_decref(fields);
        return FZ_ENOMEM;
    }
    f->fields = fields;
    size_t i = 0;
    while (body && i < len && !errs->n) {
        const char *amp = memchr(body + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - body) : len;
        const char *eq = memchr(body + i, '=', end - i);
        size_t name_end = eq ? (size_t)(eq - body) : end;
        if (end > i) {
            char *name = decode_part(body + i, name_end - i, errs);
            char *value = name ? decode_part(eq ? eq + 1 : body + end,
                                             eq ? end - name_end - 1 : 0, errs) : NULL;
            if (name && value && strlen(name) > 100)
                open311_error_add(errs, 400, "表单字段名过长");
            else if (name && value)
                form_add(f->fields, name, value, errs);
            free(name);
            free(value);
        }
        i = end + 1;
    }
    if (errs->n) {
        open311_form_free(f);
        return FZ_EINVAL;
    }
    *out = f;
    return FZ_OK;
}

/* form_get: the value of a single field; NULL when absent or empty (the spec's rule) */
static const char *form_get(const struct open311_form *f, const char *name)
{
    const char *v = json_string_value(json_array_get(json_object_get(f->fields, name), 0));
    return str_empty(v) ? NULL : v;
}

/* ---- keys ---- */

static void key_hash(const char *key, char hex[FZ_HEX_LEN])
{
    uint8_t h[FZ_HASH_LEN];
    crypto_digest(FZ_SHA256, key, strlen(key), h);
    crypto_hex(h, sizeof h, hex);
}

static bool key_name_ok(const char *name)
{
    if (str_empty(name) || strlen(name) > 64 || str_utf8_len(name) < 0 || has_ctl(name, false))
        return false;
    return !strchr(name, ' ');
}

enum fz_err open311_key_add(struct db *db, const char *name, char key[OPEN311_KEY_LEN],
                            int64_t *id, struct fz_problem *p)
{
    if (!key_name_ok(name)) {
        fz_problem_set(p, "name", NULL, "名称须为 1-64 字节、不含空格和控制字符");
        return FZ_EINVAL;
    }
    char k[OPEN311_KEY_LEN], hex[FZ_HEX_LEN], now[FZ_TS_LEN];
    crypto_token((OPEN311_KEY_LEN - 1) / 2, k);
    key_hash(k, hex);
    time_now(now);
    enum fz_err rc = db_run(db, NULL, "INSERT INTO open311_keys(name, key_hash, created_at)"
                            " VALUES (?, ?, ?)", "ttt", name, hex, now);
    if (rc == FZ_ECONFLICT)
        fz_problem_set(p, "name", "duplicate", "名称 %s 已被使用（已吊销的密钥也保留名称）",
                       name);
    if (!rc) {
        *id = db_last_id(db);
        memcpy(key, k, OPEN311_KEY_LEN);
    }
    sodium_memzero(k, sizeof k);
    return rc;
}

enum fz_err open311_key_revoke(struct db *db, const char *name, int64_t *id)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row, "SELECT id, revoked FROM open311_keys"
                                  " WHERE name = ?", "t", name);
    if (rc)
        return rc;
    *id = json_integer_value(json_object_get(row, "id"));
    bool revoked = json_integer_value(json_object_get(row, "revoked"));
    json_decref(row);
    if (revoked)
        return FZ_ECONFLICT;
    char now[FZ_TS_LEN];
    time_now(now);
    return db_run(db, NULL, "UPDATE open311_keys SET revoked = 1, revoked_at = ?"
                  " WHERE id = ?", "ti", now, *id);
}

enum fz_err open311_key_list(struct db *db, json_t **out)
{
    enum fz_err rc = db_query_json(db, out, "SELECT id, name, created_at, revoked, revoked_at,"
                                   " last_used_at FROM open311_keys ORDER BY id", "");
    size_t i;
    json_t *k;
    if (!rc)
        json_array_foreach(*out, i, k)
            to_bool(k, "revoked");
    return rc;
}

/* check_key: the active key's id and name; a 403 error otherwise */
static enum fz_err check_key(struct db *db, const char *key, int64_t *id, char *name,
                             size_t n, struct open311_errors *errs)
{
    if (!key || strlen(key) > 200) {
        open311_error_add(errs, 403, "缺少 api_key 或 api_key 无效");
        return FZ_EFORBIDDEN;
    }
    char hex[FZ_HEX_LEN];
    key_hash(key, hex);
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row, "SELECT id, name FROM open311_keys"
                                  " WHERE key_hash = ? AND revoked = 0", "t", hex);
    if (rc == FZ_ENOTFOUND) {
        open311_error_add(errs, 403, "api_key 无效或已被吊销");
        return FZ_EFORBIDDEN;
    }
    if (rc)
        return rc;
    *id = json_integer_value(json_object_get(row, "id"));
    str_copy(name, n, json_string_value(json_object_get(row, "name")));
    json_decref(row);
    return FZ_OK;
}

/* ---- discovery and services ---- */

enum fz_err open311_discovery(struct db *db, const char *url, json_t **out)
{
    static const char *const keys[] = { "open311.changeset", "open311.contact",
                                        "open311.key_service", "open311.base_url",
                                        "open311.endpoint_type" };
    char *v[5] = { NULL };
    enum fz_err rc = FZ_OK;
    for (int i = 0; i < 5 && !rc; i++)
        rc = setting(db, keys[i], i == 4 ? "production" : "", &v[i]);
    if (!rc) {
        *out = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:[s, s]}], s:s}",
                         "changeset", v[0], "contact", v[1], "key_service", v[2],
                         "endpoints", "specification", OPEN311_SPEC, "url",
                         *v[3] ? v[3] : url, "changeset", v[0], "type", v[4], "formats",
                         "text/xml", "application/json", "notes",
                         "单一辖区：jurisdiction_id 可不填，填写时接受并忽略。"
                         "服务类型均为 realtime：提交后立即返回 service_request_id（工单编号）。"
                         "status 为 open（办理中）或 closed（已答复、已回访、已办结）；"
                         "status_notes 为答复群众的内容，expected_datetime 为答复期限。");
        rc = *out ? FZ_OK : FZ_ENOMEM;
    }
    for (int i = 0; i < 5; i++)
        free(v[i]);
    return rc;
}

enum fz_err open311_services(struct db *db, json_t **out)
{
    enum fz_err rc = db_query_json(db, out,
        "SELECT c.code AS service_code, c.name AS service_name, c.description,"
        " EXISTS (SELECT 1 FROM open311_attributes a WHERE a.service_code = c.code)"
        " AS metadata, 'realtime' AS type, c.keywords, c.grp AS \"group\""
        " FROM wo_categories c WHERE c.open311 = 1 ORDER BY c.sort, c.code", "");
    size_t i;
    json_t *s;
    if (!rc)
        json_array_foreach(*out, i, s)
            to_bool(s, "metadata");
    return rc;
}

static bool published(struct db *db, const char *code)
{
    int64_t n = 0;
    return code && !db_query_int(db, &n, "SELECT count(*) FROM wo_categories"
                                 " WHERE code = ? AND open311 = 1", "t", code) && n;
}

/* attribute_values: the [{key, name}] of a list attribute (new reference) */
static enum fz_err attribute_values(struct db *db, int64_t id, json_t **out)
{
    return db_query_json(db, out, "SELECT key, name FROM open311_attribute_values"
                         " WHERE attribute_id = ? ORDER BY sort, key", "i", id);
}

static bool is_list(const char *datatype)
{
    return str_eq(datatype, "singlevaluelist") || str_eq(datatype, "multivaluelist");
}

enum fz_err open311_service_definition(struct db *db, const char *code, json_t **out)
{
    if (!published(db, code))
        return FZ_ENOTFOUND;
    json_t *attrs = NULL;
    enum fz_err rc = db_query_json(db, &attrs,
        "SELECT id, variable, code, datatype, required,"
        " nullif(datatype_description, '') AS datatype_description, ord AS \"order\","
        " description FROM open311_attributes WHERE service_code = ? ORDER BY ord", "t",
        code);
    size_t i;
    json_t *a;
    json_array_foreach(attrs, i, a) {
        if (rc)
            break;
        to_bool(a, "variable");
        to_bool(a, "required");
        if (is_list(json_string_value(json_object_get(a, "datatype")))) {
            json_t *vals = NULL;
            rc = attribute_values(db, json_integer_value(json_object_get(a, "id")), &vals);
            if (!rc)
                json_object_set_new(a, "values", vals);
        }
        json_object_del(a, "id");
    }
    if (rc) {
        json_decref(attrs);
        return rc;
    }
    *out = json_pack("{s:s, s:o}", "service_code", code, "attributes", attrs);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* ---- public reads ---- */

/* No personal field here: never citizen_name, citizen_phone, citizen_email. */
#define PUB_COLS                                                                       \
    "SELECT w.no AS service_request_id,"                                               \
    " CASE WHEN w.status IN ('replied', 'visited', 'closed') THEN 'closed'"            \
    "  ELSE 'open' END AS status,"                                                     \
    " nullif(w.reply_text, '') AS status_notes, c.name AS service_name,"               \
    " w.category AS service_code, nullif(w.content, '') AS description,"               \
    " d.name AS agency_responsible, NULL AS service_notice,"                           \
    " w.received_at AS requested_datetime, w.updated_at AS updated_datetime,"          \
    " w.reply_due AS expected_datetime, nullif(w.address, '') AS address,"             \
    " nullif(r.address_id, '') AS address_id, NULL AS zipcode, w.lat AS lat,"          \
    " w.lng AS \"long\", nullif(r.media_url, '') AS media_url"

/* only orders citizens sent in for publication: Open311 and the message board */
#define PUB_FROM                                                                       \
    " FROM workorders w JOIN wo_categories c ON c.code = w.category"                   \
    " LEFT JOIN departments d ON d.id = w.dept_id"                                     \
    " LEFT JOIN open311_requests r ON r.wo_id = w.id"                                  \
    " WHERE w.channel IN ('open311', 'board')"

enum fz_err open311_request_get(struct db *db, const char *id, json_t **out)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row, PUB_COLS PUB_FROM " AND w.no = ?", "t", id);
    if (rc)
        return rc;
    *out = json_pack("[o]", row);
    return *out ? FZ_OK : FZ_ENOMEM;
}

enum fz_err open311_token(struct db *db, const char *token, json_t **out)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row, "SELECT w.no AS service_request_id, r.token"
                                  " FROM open311_requests r JOIN workorders w"
                                  " ON w.id = r.wo_id WHERE r.token = ?", "t", token);
    if (rc)
        return rc;
    *out = json_pack("[o]", row);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* comma_list: the non-empty, trimmed items of s as a JSON array text (caller frees);
 * NULL with an error when an item is too long or there are too many */
static char *comma_list(const char *s, const char *arg, struct open311_errors *errs)
{
    json_t *arr = json_array();
    const char *p = s;
    while (arr && p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t')) {
            p++;
            n--;
        }
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n > 64 || json_array_size(arr) >= MAX_LIST) {
            open311_error_add(errs, 400, "%s 中的项目过长或过多（至多 %d 项）", arg, MAX_LIST);
            json_decref(arr);
            return NULL;
        }
        if (n)
            json_array_append_new(arr, json_stringn(p, n));
        p = comma ? comma + 1 : NULL;
    }
    char *text = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
    json_decref(arr);
    return text;
}

/* status_set: open/closed flags from the status comma list */
static void status_set(const char *s, int64_t *open, int64_t *closed,
                       struct open311_errors *errs)
{
    *open = *closed = !s;
    for (const char *p = s; p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == 4 && strncmp(p, "open", 4) == 0)
            *open = 1;
        else if (n == 6 && strncmp(p, "closed", 6) == 0)
            *closed = 1;
        else if (n) {
            open311_error_add(errs, 400, "status 只能是 open、closed 或两者的逗号列表");
            return;
        }
        p = comma ? comma + 1 : NULL;
    }
    if (!*open && !*closed)
        *open = *closed = 1;
}

/* date_range: [from, to] from start_date / end_date with the spec's defaults */
static void date_range(const struct open311_query *q, time_t now, char from[FZ_TS_LEN],
                       char to[FZ_TS_LEN], struct open311_errors *errs)
{
    time_t s = 0, e = 0;
    int s_date = 0, e_date = 0, bad = 0;
    if (q->start_date && open311_w3c_time(q->start_date, &s, &s_date)) {
        open311_error_add(errs, 400, "start_date 应为带时区的 W3C 日期时间，"
                          "如 2026-11-01T00:00:00+08:00");
        bad = 1;
    }
    if (q->end_date && open311_w3c_time(q->end_date, &e, &e_date)) {
        open311_error_add(errs, 400, "end_date 应为带时区的 W3C 日期时间，"
                          "如 2026-11-30T23:59:59+08:00");
        bad = 1;
    }
    if (bad)
        return;
    if (e_date)
        e += 86400 - 1;             /* a bare end date covers its whole day */
    if (!q->start_date && !q->end_date) {
        e = now;
        s = now - SPAN_SECS;
    } else if (!q->end_date) {
        e = s + SPAN_SECS;
    } else if (!q->start_date) {
        s = e - SPAN_SECS;
    }
    if (e < s)
        open311_error_add(errs, 400, "end_date 不能早于 start_date");
    else if (e - s > SPAN_SECS)
        open311_error_add(errs, 400, "start_date 与 end_date 的间隔不能超过 90 天");
    time_format(s, from);
    time_format(e, to);
}

enum fz_err open311_requests(struct db *db, const struct open311_query *q, time_t now,
                             struct open311_errors *errs, json_t **out)
{
    char *ids = NULL, *codes = NULL, from[FZ_TS_LEN] = "", to[FZ_TS_LEN] = "";
    int64_t open = 1, closed = 1;
    if (q->service_request_id) {
        ids = comma_list(q->service_request_id, "service_request_id", errs);
    } else {
        if (q->service_code)
            codes = comma_list(q->service_code, "service_code", errs);
        status_set(q->status, &open, &closed, errs);
        date_range(q, now, from, to, errs);
    }
    enum fz_err rc = errs->n ? FZ_EINVAL : FZ_OK;
    if (!rc)
        rc = db_query_json(db, out, PUB_COLS PUB_FROM
            " AND (?1 IS NULL OR w.no IN (SELECT value FROM json_each(?1)))"
            " AND (?1 IS NOT NULL OR ("
            "  (?2 IS NULL OR w.category IN (SELECT value FROM json_each(?2)))"
            "  AND w.received_at >= ?3 AND w.received_at <= ?4"
            "  AND (CASE WHEN w.status IN ('replied', 'visited', 'closed') THEN ?6"
            "   ELSE ?5 END) = 1))"
            " ORDER BY w.received_at DESC, w.id DESC LIMIT 1000", "ttttii", ids, codes,
            from, to, open, closed);
    free(ids);
    free(codes);
    return rc;
}

/* ---- POST requests ---- */

/* what a POST says, checked; strings are borrowed from the form */
struct post {
    const char *service_code, *description, *address_string, *address_id;
    const char *email, *phone, *first_name, *last_name, *media_url;
    const char *device_id, *account_id;
    double lat, lng;
    bool has_location;
    const char *urgency;        /* from an attribute that maps to the urgency */
    struct buf lines;           /* "label：value" lines for the work order content */
    struct buf addr;            /* attribute values that add to the address */
    json_t *attrs;              /* the accepted attribute values (owned) */
};

/* the longest value of each optional field, in code points; newlines only in text */
static const struct {
    const char *name;
    long max;
    bool newlines;
} limits[] = {
    { "description", 4000, true }, { "address_string", 200, false },
    { "address_id", 64, false },   { "email", 128, false },
    { "phone", 32, false },        { "first_name", 32, false },
    { "last_name", 32, false },    { "media_url", 1000, false },
    { "device_id", 64, false },    { "account_id", 64, false },
    { NULL, 0, false },
};

static void check_limits(const struct open311_form *f, struct open311_errors *errs)
{
    for (int i = 0; limits[i].name; i++) {
        const char *v = form_get(f, limits[i].name);
        if (v && str_utf8_len(v) > limits[i].max)
            open311_error_add(errs, 400, "%s 不能超过 %ld 个字符", limits[i].name,
                              limits[i].max);
        else if (v && !limits[i].newlines && strpbrk(v, "\r\n"))
            open311_error_add(errs, 400, "%s 不能换行", limits[i].name);
    }
}

static void check_location(const struct open311_form *f, struct post *p,
                           struct open311_errors *errs)
{
    const char *lat = form_get(f, "lat"), *lng = form_get(f, "long");
    if (!lat != !lng) {
        open311_error_add(errs, 400, "lat 和 long 须同时提供");
        return;
    }
    if (lat) {
        bool ok = true;
        if (parse_number(lat, &p->lat) || p->lat < -90 || p->lat > 90) {
            open311_error_add(errs, 400, "lat 应为 -90 到 90 之间的数字（WGS84 纬度）");
            ok = false;
        }
        if (parse_number(lng, &p->lng) || p->lng < -180 || p->lng > 180) {
            open311_error_add(errs, 400, "long 应为 -180 到 180 之间的数字（WGS84 经度）");
            ok = false;
        }
        p->has_location = ok;
        return;
    }
    if (!p->address_string && !p->address_id)
        open311_error_add(errs, 400, "须提供位置：lat 和 long，或 address_string，或 address_id");
}

static void check_fields(const struct open311_form *f, struct post *p,
                         struct open311_errors *errs)
{
    p->description = form_get(f, "description");
    p->address_string = form_get(f, "address_string");
    p->address_id = form_get(f, "address_id");
    p->email = form_get(f, "email");
    p->phone = form_get(f, "phone");
    p->first_name = form_get(f, "first_name");
    p->last_name = form_get(f, "last_name");
    p->media_url = form_get(f, "media_url");
    p->device_id = form_get(f, "device_id");
    p->account_id = form_get(f, "account_id");
    check_limits(f, errs);
    check_location(f, p, errs);
    const char *at = p->email ? strchr(p->email, '@') : NULL;
    if (p->email && (!at || at == p->email || !at[1] || strchr(p->email, ' ')))
        open311_error_add(errs, 400, "email 格式不正确");
    if (p->media_url && strncmp(p->media_url, "https://", 8) != 0 &&
        strncmp(p->media_url, "http://", 7) != 0)
        open311_error_add(errs, 400, "media_url 应为 http:// 或 https:// 开头的网址");
}

/* given_values: the non-empty values of attribute[code] and attribute[code][] */
static json_t *given_values(const struct open311_form *f, const char *code)
{
    json_t *out = json_array();
    char k[160];
    for (int pass = 0; pass < 2; pass++) {
        snprintf(k, sizeof k, pass ? "attribute[%s][]" : "attribute[%s]", code);
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(f->fields, k), i, v)
            if (!str_empty(json_string_value(v)))
                json_array_append(out, v);
    }
    return out;
}

/* list_names: the names of the given keys joined by 、 into out; -1 if a key is unknown,
 * -2 if one is given twice */
static int list_names(json_t *values, json_t *given, struct buf *out)
{
    size_t i, j;
    json_t *g, *v;
    json_array_foreach(given, i, g) {
        for (size_t k = 0; k < i; k++)
            if (json_equal(json_array_get(given, k), g))
                return -2;
        const char *name = NULL;
        json_array_foreach(values, j, v)
            if (str_eq(json_string_value(json_object_get(v, "key")), json_string_value(g)))
                name = json_string_value(json_object_get(v, "name"));
        if (!name)
            return -1;
        buf_printf(out, "%s%s", i ? "、" : "", name);
    }
    return 0;
}

/* check_value: validate the given values of one attribute per its datatype; the
 * readable form goes to shown */
static enum fz_err check_value(struct db *db, json_t *a, json_t *given, struct buf *shown,
                               struct open311_errors *errs)
{
    const char *code = json_string_value(json_object_get(a, "code"));
    const char *type = json_string_value(json_object_get(a, "datatype"));
    const char *v = json_string_value(json_array_get(given, 0));
    double num = 0;
    time_t t = 0;
    if (json_array_size(given) > 1 && !str_eq(type, "multivaluelist")) {
        open311_error_add(errs, 400, "attribute[%s] 只能有一个值", code);
    } else if (str_eq(type, "string") && (str_utf8_len(v) > 200 || strpbrk(v, "\r\n"))) {
        open311_error_add(errs, 400, "attribute[%s] 应为一行不超过 200 字的文字", code);
    } else if (str_eq(type, "text") && str_utf8_len(v) > 2000) {
        open311_error_add(errs, 400, "attribute[%s] 不能超过 2000 个字符", code);
    } else if (str_eq(type, "number") && parse_number(v, &num)) {
        open311_error_add(errs, 400, "attribute[%s] 应为数字", code);
    } else if (str_eq(type, "datetime") && open311_w3c_time(v, &t, NULL)) {
        open311_error_add(errs, 400, "attribute[%s] 应为带时区的 W3C 日期时间", code);
    } else if (is_list(type)) {
        json_t *values = NULL;
        enum fz_err rc = attribute_values(db, json_integer_value(json_object_get(a, "id")),
                                          &values);
        if (rc)
            return rc;
        int bad = list_names(values, given, shown);
        json_decref(values);
        if (bad)
            open311_error_add(errs, 400, bad == -2 ? "attribute[%s] 有重复的值"
                              : "attribute[%s] 的值不在可选列表中", code);
    } else if (str_eq(type, "datetime")) {
        char ts[FZ_TS_LEN];
        time_format(t, ts);
        buf_puts(shown, ts);
    } else {
        buf_puts(shown, v);
    }
    return FZ_OK;
}

/* check_attribute: one attribute of the service: required, datatype, list values; an
 * accepted value is recorded where the attribute maps to */
static enum fz_err check_attribute(struct db *db, const struct open311_form *f, json_t *a,
                                   struct post *p, struct open311_errors *errs)
{
    const char *code = json_string_value(json_object_get(a, "code"));
    const char *maps = json_string_value(json_object_get(a, "maps_to"));
    json_t *given = given_values(f, code);
    int before = errs->n;
    enum fz_err rc = FZ_OK;
    struct buf shown;
    buf_init(&shown, 0);
    if (!json_array_size(given)) {
        if (json_integer_value(json_object_get(a, "required")))
            open311_error_add(errs, 400, "缺少必填属性 attribute[%s]（%s）", code,
                              json_string_value(json_object_get(a, "label")));
    } else {
        rc = check_value(db, a, given, &shown, errs);
    }
    if (!rc && errs->n == before && json_array_size(given)) {
        bool multi = str_eq(json_string_value(json_object_get(a, "datatype")),
                            "multivaluelist");
        json_object_set(p->attrs, code, multi ? given : json_array_get(given, 0));
        if (str_eq(maps, "urgency"))
            p->urgency = json_string_value(json_array_get(given, 0));
        else if (str_eq(maps, "address"))
            buf_printf(&p->addr, "%s%s", p->addr.len ? "，" : "",
                       shown.data ? shown.data : "");
        else
            buf_printf(&p->lines, "%s：%s\n",
                       json_string_value(json_object_get(a, "label")),
                       shown.data ? shown.data : "");
    }
    buf_free(&shown);
    json_decref(given);
    return rc;
}

static enum fz_err check_attributes(struct db *db, const struct open311_form *f,
                                    struct post *p, struct open311_errors *errs)
{
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(db, &rows,
        "SELECT id, code, datatype, required, label, maps_to FROM open311_attributes"
        " WHERE service_code = ? AND variable = 1 ORDER BY ord", "t", p->service_code);
    size_t i;
    json_t *a;
    json_array_foreach(rows, i, a)
        if (!rc)
            rc = check_attribute(db, f, a, p, errs);
    json_decref(rows);
    return rc;
}

/* make_subject: the first line of the description (at most 40 code points), or the
 * service name when there is none */
static void make_subject(const char *desc, const char *fallback, char *out, size_t n)
{
    const char *s = desc ? desc : "";
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t line = strcspn(s, "\r\n"), cut = utf8_prefix(s, 40);
    while (line && (s[line - 1] == ' ' || s[line - 1] == '\t'))
        line--;
    if (!line)
        snprintf(out, n, "%s", fallback);
    else if (line > cut)
        snprintf(out, n, "%.*s…", (int)cut, s);
    else
        snprintf(out, n, "%.*s", (int)line, s);
}

/* make_name: first + last name, family name first when either is not ASCII */
static void make_name(const char *first, const char *last, char *out, size_t n)
{
    bool ascii = true;
    for (const char *s = first; s && *s; s++)
        ascii = ascii && !((unsigned char)*s & 0x80);
    for (const char *s = last; s && *s; s++)
        ascii = ascii && !((unsigned char)*s & 0x80);
    if (!first || !last)
        snprintf(out, n, "%s", first ? first : last ? last : "");
    else if (ascii)
        snprintf(out, n, "%s %s", first, last);
    else
        snprintf(out, n, "%s%s", last, first);
}

/* make_content: the description, then the attribute lines and what the work order has
 * no field for (new string, caller frees) */
static char *make_content(const struct post *p)
{
    struct buf c;
    buf_init(&c, 0);
    if (p->description)
        buf_puts(&c, p->description);
    if (p->lines.len || p->address_id || p->media_url) {
        buf_puts(&c, c.len ? "\n\n【Open311 补充信息】\n" : "【Open311 补充信息】\n");
        if (p->lines.len)
            buf_puts(&c, p->lines.data);
        if (p->address_id)
            buf_printf(&c, "地址编号：%s\n", p->address_id);
        if (p->media_url)
            buf_printf(&c, "图片链接：%s\n", p->media_url);
        c.data[--c.len] = '\0';        /* the last newline */
    }
    return buf_take(&c);
}

/* record: the token row, the key's last use, and the response */
static enum fz_err record(struct db *db, const struct post *p, int64_t key_id,
                          struct open311_created *info, json_t **out)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row, "SELECT no, reply_due FROM workorders"
                                  " WHERE id = ?", "i", info->wo_id);
    if (rc)
        return rc;
    char token[33], now[FZ_TS_LEN], notice[200];
    crypto_token(16, token);
    time_now(now);
    str_copy(info->no, sizeof info->no, json_string_value(json_object_get(row, "no")));
    snprintf(notice, sizeof notice, "已登记为工单 %s，答复期限 %s", info->no,
             json_string_value(json_object_get(row, "reply_due")));
    json_decref(row);
    char *attrs = json_dumps(p->attrs, JSON_COMPACT | JSON_SORT_KEYS);
    rc = db_run(db, NULL,
        "INSERT INTO open311_requests(wo_id, token, key_id, address_id, media_url,"
        " device_id, account_id, attributes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "itittttt" "t", info->wo_id, token, key_id, p->address_id ? p->address_id : "",
        p->media_url ? p->media_url : "", p->device_id ? p->device_id : "",
        p->account_id ? p->account_id : "", attrs ? attrs : "{}", now);
    free(attrs);
    if (!rc)
        rc = db_run(db, NULL, "UPDATE open311_keys SET last_used_at = ? WHERE id = ?", "ti",
                    now, key_id);
    if (rc)
        return rc;
    json_t *one = json_pack("{s:s, s:s}", "service_request_id", info->no, "service_notice",
                            notice);
    if (one && p->account_id)
        json_object_set_new(one, "account_id", json_string(p->account_id));
    *out = one ? json_pack("[o]", one) : NULL;
    return *out ? FZ_OK : FZ_ENOMEM;
}

static enum fz_err create_order(struct db *db, const struct calendar *cal, struct post *p,
                                int64_t key_id, struct open311_created *info,
                                struct open311_errors *errs, json_t **out)
{
    char *service = NULL, subject[200], name[272], address[1300];
    enum fz_err rc = db_query_text(db, &service, "SELECT name FROM wo_categories"
                                   " WHERE code = ?", "t", p->service_code);
    char *content = rc ? NULL : make_content(p);
    if (!rc && !content)
        rc = FZ_ENOMEM;
    if (!rc && str_utf8_len(content) > 4000)
        open311_error_add(errs, 400, "description 与属性合计不能超过 4000 个字符");
    if (rc || errs->n) {
        free(service);
        free(content);
        return rc;
    }
    make_subject(p->description, service, subject, sizeof subject);
    make_name(p->first_name, p->last_name, name, sizeof name);
    snprintf(address, sizeof address, "%s%s%s", p->address_string ? p->address_string : "",
             p->address_string && p->addr.len ? " " : "", p->addr.len ? p->addr.data : "");
    struct wo_input in = {
        .channel = "open311", .category = p->service_code, .urgency = p->urgency,
        .subject = subject, .content = content, .citizen_name = name,
        .citizen_phone = p->phone, .citizen_email = p->email, .address = address,
        .lat = p->lat, .lng = p->lng, .has_location = p->has_location,
    };
    struct fz_problem prob = {0};
    rc = wo_create(db, cal, NULL, &in, &info->wo_id, &prob);
    free(service);
    free(content);
    if (rc == FZ_EINVAL) {
        open311_error_add(errs, 400, "%s", prob.message[0] ? prob.message : "诉求无法登记");
        return rc;
    }
    if (!rc)
        rc = record(db, p, key_id, info, out);
    return rc;
}

enum fz_err open311_request_create(struct db *db, const struct calendar *cal,
                                   const struct open311_form *f, struct open311_errors *errs,
                                   struct open311_created *info, json_t **out)
{
    int64_t key_id = 0;
    enum fz_err rc = check_key(db, form_get(f, "api_key"), &key_id, info->key_name,
                               sizeof info->key_name, errs);
    if (errs->n)
        return FZ_EINVAL;
    if (rc)
        return rc;
    struct post p = { .service_code = form_get(f, "service_code") };
    if (!p.service_code)
        open311_error_add(errs, 400, "缺少 service_code");
    else if (strlen(p.service_code) > 40 || !published(db, p.service_code))
        open311_error_add(errs, 404, "service_code 不存在：%.40s", p.service_code);
    if (errs->n)
        return FZ_EINVAL;
    str_copy(info->service_code, sizeof info->service_code, p.service_code);
    buf_init(&p.lines, 0);
    buf_init(&p.addr, 0);
    p.attrs = json_object();
    check_fields(f, &p, errs);
    rc = check_attributes(db, f, &p, errs);
    if (!rc && !errs->n)
        rc = create_order(db, cal, &p, key_id, info, errs, out);
    buf_free(&p.lines);
    buf_free(&p.addr);
    json_decref(p.attrs);
    return errs->n ? FZ_EINVAL : rc;
}
