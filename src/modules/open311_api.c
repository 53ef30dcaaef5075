/* open311_api.c - HTTP handlers of /open311/v2, the Open311 GeoReport v2 API
 * (docs/open311.md): the path's suffix picks the format (.xml, mandatory in the spec, or
 * .json), open311.c does the work, and the result is rendered as JSON or - through
 * libxml2's xmlTextWriter - as the XML the JSON is the Spark mapping of. Every error,
 * including a bad URL or format, is the spec's <errors> list with status 404, 403 or 400.
 * jurisdiction_id is accepted and ignored everywhere (one jurisdiction). */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/open311.h"
#include "util/str.h"

#define CT_XML "text/xml; charset=utf-8"
#define CT_JSON "application/json; charset=utf-8"
#define OOM_XML "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error><code>400" \
    "</code><description>服务暂时不可用</description></error></errors>\n"

enum fmt { FMT_NONE, FMT_XML, FMT_JSON };

/* suffix: the format named by name's ending; *base gets the length before the dot */
static enum fmt suffix(const char *name, size_t *base)
{
    const char *dot = strrchr(name, '.');
    *base = dot ? (size_t)(dot - name) : strlen(name);
    if (dot && strcmp(dot, ".xml") == 0)
        return FMT_XML;
    if (dot && strcmp(dot, ".json") == 0)
        return FMT_JSON;
    return FMT_NONE;
}

static enum fmt path_format(struct fz_req *req)
{
    const char *slash = strrchr(req->path, '/');
    size_t n;
    return suffix(slash ? slash + 1 : req->path, &n);
}

/* echo: s when it is safe to quote in an error description, else "…" */
static const char *echo(const char *s)
{
    if (!s || strlen(s) > 64 || str_utf8_len(s) < 0)
        return "…";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return "…";
    return s;
}

/* ---- XML: the JSON written back as the spec's elements ---- */

/* the element name of the items of each list wrapper (the Spark mapping, backwards) */
static const struct {
    const char *wrapper, *item;
} items[] = {
    { "services", "service" }, { "service_requests", "request" },
    { "attributes", "attribute" }, { "values", "value" }, { "errors", "error" },
    { "endpoints", "endpoint" }, { "formats", "format" }, { NULL, NULL },
};

static const char *item_name(const char *wrapper)
{
    for (int i = 0; items[i].wrapper; i++)
        if (strcmp(items[i].wrapper, wrapper) == 0)
            return items[i].item;
    return "item";
}

/* xml_clean: s without the characters XML 1.0 forbids (C0 controls but tab, LF, CR;
 * U+FFFE, U+FFFF); a new string, or NULL when out of memory */
static char *xml_clean(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = malloc(n + 1);
    for (size_t i = 0; out && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            continue;
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
            i += 2;
            continue;
        }
        out[o++] = (char)c;
    }
    if (out)
        out[o] = '\0';
    return out;
}

static int write_text(xmlTextWriterPtr w, const char *name, const char *text)
{
    char *clean = xml_clean(text);
    int rc = clean ? xmlTextWriterStartElement(w, BAD_CAST name) : -1;
    if (rc >= 0 && *clean)
        rc = xmlTextWriterWriteString(w, BAD_CAST clean);
    if (rc >= 0)
        rc = xmlTextWriterFullEndElement(w);
    free(clean);
    return rc;
}

/* write_node: element name holding v; arrays repeat their item element, null is empty */
static int write_node(xmlTextWriterPtr w, const char *name, json_t *v)
{
    char num[64];
    int rc = 0;
    const char *k;
    size_t i;
    json_t *x;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        rc = xmlTextWriterStartElement(w, BAD_CAST name);
        json_object_foreach(v, k, x)
            if (rc >= 0)
                rc = write_node(w, k, x);
        return rc < 0 ? rc : xmlTextWriterEndElement(w);
    case JSON_ARRAY:
        rc = xmlTextWriterStartElement(w, BAD_CAST name);
        json_array_foreach(v, i, x)
            if (rc >= 0)
                rc = write_node(w, item_name(name), x);
        return rc < 0 ? rc : xmlTextWriterFullEndElement(w);
    case JSON_STRING:
        return write_text(w, name, json_string_value(v));
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return write_text(w, name, num);
    case JSON_REAL:
        snprintf(num, sizeof num, "%.15g", json_real_value(v));
        return write_text(w, name, num);
    case JSON_TRUE:
        return write_text(w, name, "true");
    case JSON_FALSE:
        return write_text(w, name, "false");
    default:
        return write_text(w, name, "");
    }
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

/* to_xml: the document <?xml ...?><root>v</root>; a new string (free()) or NULL.
 * The declaration is written here: xmlTextWriterStartDocument() would spell the
 * encoding "UTF-8" and route the output through an encoder it does not need. */
static char *to_xml(const char *root, json_t *v, size_t *len)
{
    static const char decl[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    pthread_once(&xml_once, xml_init);
    xmlBufferPtr b = xmlBufferCreate();
    xmlTextWriterPtr w = b ? xmlNewTextWriterMemory(b, 0) : NULL;
    char *out = NULL;
    bool ok = w && xmlTextWriterSetIndent(w, 1) >= 0 &&
              xmlTextWriterSetIndentString(w, BAD_CAST "  ") >= 0 &&
              write_node(w, root, v) >= 0 && xmlTextWriterFlush(w) >= 0;
    if (w)
        xmlFreeTextWriter(w);
    if (ok) {
        size_t n = (size_t)xmlBufferLength(b);
        *len = sizeof decl - 1 + n + 1;
        out = malloc(*len + 1);
        if (out) {
            memcpy(out, decl, sizeof decl - 1);
            memcpy(out + sizeof decl - 1, xmlBufferContent(b), n);
            out[*len - 1] = '\n';
            out[*len] = '\0';
        }
    }
    if (b)
        xmlBufferFree(b);
    return out;
}

/* ---- responses ---- */

/* render: status + v (stolen) as XML under root, or as JSON */
static enum fz_err render(struct fz_resp *resp, enum fmt f, int status, const char *root,
                          json_t *v)
{
    char *text = NULL;
    size_t len = 0;
    if (v && f == FMT_JSON) {
        text = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
        len = text ? strlen(text) : 0;
    } else if (v) {
        text = to_xml(root, v, &len);
    }
    json_decref(v);
    if (!text) {
        fprintf(stderr, "open311: cannot render %s\n", root);
        http_text(resp, 400, CT_XML, OOM_XML, sizeof OOM_XML - 1);
        return FZ_ENOMEM;
    }
    enum fz_err rc = http_text(resp, status, f == FMT_JSON ? CT_JSON : CT_XML, text, len);
    free(text);
    return rc;
}

/* fail_list: the errors in the spec's format (XML unless .json was asked for) */
static enum fz_err fail_list(struct fz_resp *resp, enum fmt f,
                             const struct open311_errors *errs)
{
    render(resp, f == FMT_JSON ? FMT_JSON : FMT_XML, open311_errors_status(errs), "errors",
           open311_errors_to_json(errs));
    return FZ_EINVAL;
}

static enum fz_err fail(struct fz_resp *resp, enum fmt f, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum fz_err fail(struct fz_resp *resp, enum fmt f, int code, const char *fmt, ...)
{
    struct open311_errors errs = {0};
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    open311_error_add(&errs, code, "%s", msg);
    return fail_list(resp, f, &errs);
}

/* internal: the spec's "general service error" (400); the cause goes to the log */
static enum fz_err internal(struct fz_resp *resp, enum fmt f, enum fz_err rc)
{
    fprintf(stderr, "open311: %s\n", fz_strerror(rc));
    return fail(resp, f, 400, "服务暂时不可用（一般服务错误），请稍后重试");
}

static enum fz_err bad_format(struct fz_resp *resp)
{
    return fail(resp, FMT_XML, 400, "格式后缀应为 .xml 或 .json");
}

/* split_param: path parameter i without its format suffix into out */
static enum fmt split_param(struct fz_req *req, int i, char *out, size_t n)
{
    size_t base = 0;
    enum fmt f = suffix(req->params[i], &base);
    if (f != FMT_NONE && base < n) {
        memcpy(out, req->params[i], base);
        out[base] = '\0';
    }
    return f;
}

/* endpoint_url: scheme://host/open311/v2 as the client reached us */
static void endpoint_url(struct fz_req *req, char *out, size_t n)
{
    const char *host = http_request_header(req, "Host");
    const char *proto = http_request_header(req, "X-Forwarded-Proto");
    bool ok = host && *host && strlen(host) < 200;
    for (const char *p = host; ok && *p; p++)
        ok = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]",
                    *p) != NULL;
    snprintf(out, n, "%s://%s/open311/v2", proto && strcmp(proto, "https") == 0 ? "https"
             : "http", ok ? host : "localhost");
}

/* ---- handlers ---- */

enum fz_err open311_api_discovery(struct fz_req *req, struct fz_resp *resp)
{
    enum fmt f = path_format(req);
    char url[300];
    endpoint_url(req, url, sizeof url);
    json_t *d = NULL;
    enum fz_err rc = open311_discovery(req->db, url, &d);
    if (rc)
        return internal(resp, f, rc);
    return render(resp, f, 200, "discovery", d);
}

enum fz_err open311_api_services(struct fz_req *req, struct fz_resp *resp)
{
    enum fmt f = path_format(req);
    json_t *s = NULL;
    enum fz_err rc = open311_services(req->db, &s);
    if (rc)
        return internal(resp, f, rc);
    return render(resp, f, 200, "services", s);
}

enum fz_err open311_api_service(struct fz_req *req, struct fz_resp *resp)
{
    char code[64] = "";
    enum fmt f = split_param(req, 0, code, sizeof code);
    if (f == FMT_NONE)
        return bad_format(resp);
    json_t *d = NULL;
    enum fz_err rc = open311_service_definition(req->db, code, &d);
    if (rc == FZ_ENOTFOUND)
        return fail(resp, f, 404, "service_code 不存在：%s", echo(code));
    if (rc)
        return internal(resp, f, rc);
    return render(resp, f, 200, "service_definition", d);
}

/* POST requests: form body with api_key; creates a work order, answers its number */
enum fz_err open311_api_request_create(struct fz_req *req, struct fz_resp *resp)
{
    enum fmt f = path_format(req);
    const char *ct = http_request_header(req, "Content-Type");
    if (ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return fail(resp, f, 400, "请求体应为 application/x-www-form-urlencoded 编码");
    struct open311_errors errs = {0};
    struct open311_form *form = NULL;
    enum fz_err rc = open311_form_parse(req->raw, req->raw_len, &form, &errs);
    if (rc)
        return errs.n ? fail_list(resp, f, &errs) : internal(resp, f, rc);
    struct calendar *cal = NULL;
    rc = calendar_load(req->db, &cal);
    struct open311_created info = {0};
    json_t *out = NULL;
    if (!rc)
        rc = open311_request_create(req->db, cal, form, &errs, &info, &out);
    calendar_free(cal);
    open311_form_free(form);
    if (errs.n)
        return fail_list(resp, f, &errs);
    if (rc)
        return internal(resp, f, rc);
    http_audit(req, "open311.request", "workorder", info.wo_id,
               "Open311 接入方 %s 提交工单 %s", info.key_name, info.no);
    req->audit_detail = json_pack("{s:s, s:s, s:s}", "key", info.key_name, "service_code",
                                  info.service_code, "service_request_id", info.no);
    return render(resp, f, 200, "service_requests", out);
}

enum fz_err open311_api_requests(struct fz_req *req, struct fz_resp *resp)
{
    enum fmt f = path_format(req);
    struct open311_query q = {
        .service_request_id = http_query(req, "service_request_id"),
        .service_code = http_query(req, "service_code"),
        .start_date = http_query(req, "start_date"),
        .end_date = http_query(req, "end_date"),
        .status = http_query(req, "status"),
    };
    struct open311_errors errs = {0};
    json_t *out = NULL;
    enum fz_err rc = open311_requests(req->db, &q, time(NULL), &errs, &out);
    if (errs.n)
        return fail_list(resp, f, &errs);
    if (rc)
        return internal(resp, f, rc);
    return render(resp, f, 200, "service_requests", out);
}

enum fz_err open311_api_request(struct fz_req *req, struct fz_resp *resp)
{
    char id[80] = "";
    enum fmt f = split_param(req, 0, id, sizeof id);
    if (f == FMT_NONE)
        return bad_format(resp);
    json_t *out = NULL;
    enum fz_err rc = open311_request_get(req->db, id, &out);
    if (rc == FZ_ENOTFOUND)
        return fail(resp, f, 404, "service_request_id 不存在：%s", echo(id));
    if (rc)
        return internal(resp, f, rc);
    return render(resp, f, 200, "service_requests", out);
}

enum fz_err open311_api_token(struct fz_req *req, struct fz_resp *resp)
{
    char token[80] = "";
    enum fmt f = split_param(req, 0, token, sizeof token);
    if (f == FMT_NONE)
        return bad_format(resp);
    json_t *out = NULL;
    enum fz_err rc = open311_token(req->db, token, &out);
    if (rc == FZ_ENOTFOUND)
        return fail(resp, f, 404, "token 不存在：%s", echo(token));
    if (rc)
        return internal(resp, f, rc);
    return render(resp, f, 200, "service_requests", out);
}

/* every other path under /open311/v2: 404 for an unknown resource, 400 for a known one
 * with a bad format or a method it does not take */
enum fz_err open311_api_unknown(struct fz_req *req, struct fz_resp *resp)
{
    static const char *const known[] = { "discovery", "services", "requests", "tokens",
                                         NULL };
    size_t n = 0;
    enum fmt f = suffix(req->params[req->nparams - 1], &n);
    if (req->nparams > 1)
        n = strlen(req->params[0]);
    bool is_known = false;
    for (int i = 0; known[i] && !is_known; i++)
        is_known = strlen(known[i]) == n && strncmp(req->params[0], known[i], n) == 0;
    if (!is_known || (req->nparams > 1 && strcmp(req->params[0], "discovery") == 0))
        return fail(resp, f, 404, "没有这个资源（可用：discovery、services、requests、tokens）");
    if (f == FMT_NONE)
        return bad_format(resp);
    return fail(resp, f, 400, "该地址不接受 %s 请求", echo(req->method));
}
