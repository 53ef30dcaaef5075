/* registries.c - enterprises, credit registers, outreach and study records (registries.h).
 * Each register is described by data: a table of fields (type, limits, label) that drives
 * validation and binding, constant INSERT/UPDATE statements whose placeholders follow
 * that table, and a rules hook for the checks that span fields or need the database.
 * The code labels (status, kinds) live in one table each, shared by validation, exports
 * and the statistics. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/calendar.h"
#include "modules/files.h"
#include "modules/registries.h"
#include "modules/scope.h"
#include "modules/users.h"
#include "modules/uscc.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/table.h"
#include "util/timeutil.h"
#include "util/xlsx.h"

#define MAX_COUNT 10000000      /* largest people/leaflet/read count accepted */
#define MAX_ITEM 128            /* characters of one item of a text list */

/* ---- code tables ---- */

struct code_label {
    const char *code, *label;
};

static const struct code_label enterprise_status[] = {
    { "active", "在园" }, { "moved_out", "已迁出" }, { "deregistered", "已注销" },
    { NULL, NULL },
};
static const struct code_label commitment_kinds[] = {
    { "credit", "信用承诺" }, { "integrity", "诚信经营承诺" }, { "notification", "告知承诺" },
    { NULL, NULL },
};
static const struct code_label commitment_status[] = {
    { "valid", "有效" }, { "breached", "已违诺" }, { "revoked", "已撤销" }, { NULL, NULL },
};
static const struct code_label breach_status[] = {
    { "open", "待处理" }, { "handled", "已处理" }, { NULL, NULL },
};

/* the kinds of activities: the kind-specific fields each may carry and must carry */
struct kind_rule {
    const char *kind, *label, *group;
    const char *const allowed[4];   /* kind-specific fields allowed, NULL-terminated */
    const char *required;           /* a field that must be present and non-empty */
};

static const struct kind_rule kind_rules[] = {
    { "pufa_lecture", "普法讲座", "pufa", { NULL }, "laws" },
    { "pufa_onsite", "现场普法宣传", "pufa", { NULL }, "laws" },
    { "pufa_online", "线上普法文章", "pufa", { "channel", "link", "reads", NULL }, "channel" },
    { "pufa_case", "以案说法", "pufa", { NULL }, "laws" },
    { "anti_fraud", "反诈宣传", "anti_fraud", { "leaflets", "app_installs", "warnings", NULL },
      "audience" },
    { "study_first_topic", "第一议题学习", "study", { "attendees", "absentees", NULL },
      "attendees" },
    { "study_theory_group", "理论中心组学习", "study", { "attendees", "absentees", NULL },
      "attendees" },
    { "enforcement_publicity", "执法宣传（政策法规宣讲）", "pufa", { "departments", NULL },
      "departments" },
    { NULL, NULL, NULL, { NULL }, NULL },
};

/* the fields that only some kinds carry (see kind_rules.allowed) */
static const char *const kind_fields[] = {
    "channel", "link", "reads", "leaflets", "app_installs", "warnings", "attendees",
    "absentees", "departments", NULL,
};

static const char *label_of(const struct code_label *t, const char *code)
{
    for (; t->code; t++)
        if (str_eq(t->code, code))
            return t->label;
    return code ? code : "";
}

static const struct kind_rule *kind_rule(const char *kind)
{
    for (const struct kind_rule *k = kind_rules; k->kind; k++)
        if (str_eq(k->kind, kind))
            return k;
    return NULL;
}

/* ---- dates ---- */

/* days_from_civil: days since 1970-01-01 of y-m-d (proleptic Gregorian) */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* read_num: up to max digits at *s into *v; false when there is none */
static bool read_num(const char **s, int max, int *v)
{
    int n = 0, val = 0;
    while (n < max && isdigit((unsigned char)**s)) {
        val = val * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    *v = val;
    return n > 0;
}

/* skip_sep: one separator (- / . or the given UTF-8 word such as 年) */
static bool skip_sep(const char **s, const char *word)
{
    if (**s == '-' || **s == '/' || **s == '.') {
        (*s)++;
        return true;
    }
    size_t n = strlen(word);
    if (strncmp(*s, word, n) == 0) {
        *s += n;
        return true;
    }
    return false;
}

/* from_serial: an Excel (1900 system) date serial, e.g. "45054" or "45054.5" */
static bool from_serial(const char *s, int *y, int *m, int *d)
{
    int64_t n = 0;
    const char *p = s;
    for (; isdigit((unsigned char)*p); p++) {
        n = n * 10 + (*p - '0');
        if (n > 100000)
            return false;
    }
    if (p == s || (*p && *p != '.'))
        return false;
    if (*p)
        for (p++; *p; p++)
            if (!isdigit((unsigned char)*p))
                return false;
    if (n <= 60)
        return false;       /* before 1900-03-01: Excel's fictitious 1900-02-29 */
    civil_from_days(days_from_civil(1899, 12, 30) + n, y, m, d);
    return true;
}

enum fz_err registries_date(const char *s, bool serial, char out[11])
{
    int y = 0, m = 0, d = 0;
    while (*s == ' ')
        s++;
    if (serial && from_serial(s, &y, &m, &d))
        goto check;
    if (!read_num(&s, 4, &y) || !skip_sep(&s, "年") || !read_num(&s, 2, &m) ||
        !skip_sep(&s, "月") || !read_num(&s, 2, &d))
        return FZ_EINVAL;
    if (strncmp(s, "日", strlen("日")) == 0)
        s += strlen("日");
    if (*s && *s != ' ' && *s != 'T')
        return FZ_EINVAL;
check:
    if (y < 1949 || y > 2099 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return FZ_EINVAL;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 11);
    return FZ_OK;
}

/* parse_iso: the y, m, d of a valid 'YYYY-MM-DD' */
static bool parse_iso(const char *date, int *y, int *m, int *d)
{
    char norm[11];
    if (!date || registries_date(date, false, norm))
        return false;
    *y = (norm[0] - '0') * 1000 + (norm[1] - '0') * 100 + (norm[2] - '0') * 10 + norm[3] - '0';
    *m = (norm[5] - '0') * 10 + norm[6] - '0';
    *d = (norm[8] - '0') * 10 + norm[9] - '0';
    return true;
}

enum fz_err registries_date_add(const char *date, int days, char out[11])
{
    int y, m, d;
    if (!parse_iso(date, &y, &m, &d))
        return FZ_EINVAL;
    civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    return registries_date(tmp, false, out);
}

int registries_weekday(const char *date)
{
    int y, m, d;
    if (!parse_iso(date, &y, &m, &d))
        return -1;
    int64_t z = days_from_civil(y, m, d);
    return (int)(((z % 7) + 11) % 7);      /* 1970-01-01 was a Thursday (4) */
}

/* today: the deployment's current date */
static void today(char out[11])
{
    char ts[FZ_TS_LEN];
    time_now(ts);
    memcpy(out, ts, 10);
    out[10] = '\0';
}

/* ---- fields ---- */

enum ftype {
    F_TEXT,         /* string, trimmed, at most max characters */
    F_DATE,         /* date, stored 'YYYY-MM-DD' */
    F_COUNT,        /* integer 0..MAX_COUNT */
    F_REF,          /* positive integer id */
    F_ENUM,         /* a code of codes (the first is the default) */
    F_LIST,         /* array of strings (or one string split at 、,;), at most max items */
    F_IDS,          /* array of positive integer ids */
    F_CONTACTS,     /* array of {"name", "phone"} */
    F_USCC,         /* GB 32100 code */
    F_AMOUNT,       /* money in 万元: a number 0..MAX_COUNT, rounded to 0.01 */
};

#define F_REQ   (1u << 0)   /* must be present and not empty */
#define F_NULL  (1u << 1)   /* absent: SQL NULL (otherwise '' / '[]' / the default) */
#define F_NOCOL (1u << 2)   /* not a column: the entity's after hook stores it */
#define F_CALC  (1u << 3)   /* computed by the rules hook: the input is ignored */

struct field {
    const char *name;               /* JSON key and column name */
    enum ftype type;
    unsigned flags;
    int max;                        /* F_TEXT characters; list types items */
    const char *label;              /* Chinese, for messages */
    const struct code_label *codes; /* F_ENUM */
};

static enum fz_err bad(struct fz_problem *p, const struct field *f, const char *what)
{
    fz_problem_set(p, f->name, NULL, "%s%s", f->label, what);
    return FZ_EINVAL;
}

/* trimmed: a copy of s without surrounding ASCII white space */
static json_t *trimmed(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return json_stringn(s, n);
}

static bool is_blank(const json_t *v)
{
    return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)) ||
           (json_is_array(v) && !json_array_size(v));
}

static enum fz_err clean_text(const struct field *f, const json_t *v, json_t **out,
                              struct fz_problem *p)
{
    if (!json_is_string(v))
        return bad(p, f, "应为文本");
    json_t *s = trimmed(json_string_value(v));
    long n = s ? str_utf8_len(json_string_value(s)) : -1;
    if (n < 0 || (f->max && n > f->max)) {
        json_decref(s);
        char what[64];
        snprintf(what, sizeof what, "不能超过 %d 个字符", f->max);
        return bad(p, f, n < 0 ? "不是有效的文本" : what);
    }
    *out = s;
    return FZ_OK;
}

/* split_list: one string split at 、 ， , ； ; and line breaks into arr */
static void split_list(const char *s, json_t *arr)
{
    static const char *const seps[] = { "、", "，", "；", ",", ";", "\n", "\r", NULL };
    const char *start = s;
    for (const char *c = s;; ) {
        size_t k = 0;
        for (int i = 0; seps[i] && !k; i++)
            if (strncmp(c, seps[i], strlen(seps[i])) == 0)
                k = strlen(seps[i]);
        if (*c && !k) {
            c++;
            continue;
        }
        json_array_append_new(arr, json_stringn(start, (size_t)(c - start)));
        if (!*c)
            break;
        c += k;
        start = c;
    }
}

static bool list_has(const json_t *arr, const char *s)
{
    size_t i;
    const json_t *v;
    json_array_foreach(arr, i, v)
        if (str_eq(json_string_value(v), s))
            return true;
    return false;
}

static enum fz_err clean_list(const struct field *f, const json_t *v, json_t **out,
                              struct fz_problem *p)
{
    json_t *src = json_is_string(v) ? json_array() : json_incref((json_t *)v);
    if (json_is_string(v))
        split_list(json_string_value(v), src);
    if (!json_is_array(src)) {
        json_decref(src);
        return bad(p, f, "应为文本数组");
    }
    json_t *arr = json_array();
    size_t i;
    json_t *item;
    enum fz_err rc = FZ_OK;
    json_array_foreach(src, i, item) {
        if (!json_is_string(item)) {
            rc = bad(p, f, "的每一项应为文本");
            break;
        }
        json_t *s = trimmed(json_string_value(item));
        long n = str_utf8_len(json_string_value(s));
        if (n < 0 || n > MAX_ITEM) {
            json_decref(s);
            rc = bad(p, f, "的每一项不能超过 128 个字符");
            break;
        }
        if (n > 0 && !list_has(arr, json_string_value(s)))
            json_array_append(arr, s);
        json_decref(s);
    }
    json_decref(src);
    if (!rc && (int)json_array_size(arr) > f->max) {
        char what[64];
        snprintf(what, sizeof what, "最多 %d 项", f->max);
        rc = bad(p, f, what);
    }
    if (rc)
        json_decref(arr);
    else
        *out = arr;
    return rc;
}

static enum fz_err clean_ids(const struct field *f, const json_t *v, json_t **out,
                             struct fz_problem *p)
{
    if (!json_is_array(v) || (int)json_array_size(v) > f->max)
        return bad(p, f, "应为编号数组");
    json_t *arr = json_array();
    size_t i, j;
    json_t *item, *seen;
    json_array_foreach(v, i, item) {
        if (!json_is_integer(item) || json_integer_value(item) <= 0) {
            json_decref(arr);
            return bad(p, f, "的每一项应为正整数编号");
        }
        bool dup = false;
        json_array_foreach(arr, j, seen)
            dup = dup || json_integer_value(seen) == json_integer_value(item);
        if (!dup)
            json_array_append(arr, item);
    }
    *out = arr;
    return FZ_OK;
}

static bool phone_ok(const char *s)
{
    const size_t zl = strlen("转");
    while (*s) {
        if (strncmp(s, "转", zl) == 0) {
            s += zl;
            continue;
        }
        if (!isdigit((unsigned char)*s) && !strchr("+-() ", *s))
            return false;
        s++;
    }
    return true;
}

static const struct field contact_name = { "contacts", F_TEXT, 0, 32, "联系人姓名", NULL };
static const struct field contact_phone = { "contacts", F_TEXT, 0, 32, "联系电话", NULL };

/* clean_contact: one {"name", "phone"} object */
static enum fz_err clean_contact(const struct field *f, const json_t *c, json_t **out,
                                 struct fz_problem *p)
{
    if (!json_is_object(c))
        return bad(p, f, "的每一项应为对象");
    const json_t *nv = json_object_get(c, "name"), *pv = json_object_get(c, "phone");
    if (is_blank(nv))
        return bad(p, &contact_name, "不能为空");
    json_t *n = NULL, *ph = NULL;
    enum fz_err rc = clean_text(&contact_name, nv, &n, p);
    if (!rc)
        rc = is_blank(pv) ? ((ph = json_string("")) ? FZ_OK : FZ_ENOMEM)
                          : clean_text(&contact_phone, pv, &ph, p);
    if (!rc && !phone_ok(json_string_value(ph)))
        rc = bad(p, &contact_phone, "只能包含数字、空格和 + - ( ) 转");
    if (rc) {
        json_decref(n);
        json_decref(ph);
        return rc;
    }
    *out = json_pack("{s:o, s:o}", "name", n, "phone", ph);
    return *out ? FZ_OK : FZ_ENOMEM;
}

static enum fz_err clean_contacts(const struct field *f, const json_t *v, json_t **out,
                                  struct fz_problem *p)
{
    if (!json_is_array(v))
        return bad(p, f, "应为 [{\"name\", \"phone\"}] 数组");
    if ((int)json_array_size(v) > f->max)
        return bad(p, f, "最多 10 人");
    json_t *arr = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(v, i, c) {
        json_t *one = NULL;
        enum fz_err rc = clean_contact(f, c, &one, p);
        if (rc) {
            json_decref(arr);
            return rc;
        }
        json_array_append_new(arr, one);
    }
    *out = arr;
    return FZ_OK;
}

static enum fz_err clean_scalar(const struct field *f, const json_t *v, json_t **out,
                                struct fz_problem *p)
{
    char date[11];
    struct uscc_result ur;
    char msg[160];
    switch (f->type) {
    case F_DATE:
        if (!json_is_string(v) || registries_date(json_string_value(v), false, date))
            return bad(p, f, "应为有效日期（YYYY-MM-DD）");
        *out = json_string(date);
        return FZ_OK;
    case F_COUNT:
        if (!json_is_integer(v) || json_integer_value(v) < 0 ||
            json_integer_value(v) > MAX_COUNT)
            return bad(p, f, "应为 0 到 10000000 之间的整数");
        *out = json_incref((json_t *)v);
        return FZ_OK;
    case F_REF:
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            return bad(p, f, "应为正整数编号");
        *out = json_incref((json_t *)v);
        return FZ_OK;
    case F_AMOUNT:
        if (!json_is_number(v) || json_number_value(v) < 0 ||
            json_number_value(v) > MAX_COUNT)
            return bad(p, f, "应为 0 到 10000000 之间的数（万元）");
        *out = json_real((double)llround(json_number_value(v) * 100) / 100);
        return FZ_OK;
    case F_ENUM:
        for (const struct code_label *c = f->codes; c->code; c++) {
            if (str_eq(c->code, json_string_value(v))) {
                *out = json_string(c->code);
                return FZ_OK;
            }
        }
        return bad(p, f, "取值无效");
    case F_USCC:
        if (!json_is_string(v))
            return bad(p, f, "应为文本");
        if (uscc_check(json_string_value(v), &ur)) {
            fz_problem_set(p, f->name, NULL, "%s", uscc_message(&ur, msg, sizeof msg));
            return FZ_EINVAL;
        }
        *out = json_string(ur.code);
        return FZ_OK;
    default:
        return clean_text(f, v, out, p);
    }
}

/* clean_default: the value of an absent field */
static json_t *clean_default(const struct field *f)
{
    if (f->flags & F_NULL)
        return json_null();
    switch (f->type) {
    case F_TEXT:
        return json_string("");
    case F_ENUM:
        return json_string(f->codes[0].code);
    case F_COUNT:
        return json_integer(0);
    case F_LIST:
    case F_IDS:
    case F_CONTACTS:
        return json_array();
    default:
        return json_null();
    }
}

/* clean_field: the checked, normalised value of field f from v (absent: NULL) */
static enum fz_err clean_field(const struct field *f, const json_t *v, json_t **out,
                               struct fz_problem *p)
{
    if (f->flags & F_CALC) {
        *out = json_null();
        return FZ_OK;
    }
    bool blank = is_blank(v) && !(json_is_array(v) && f->type == F_TEXT);
    if (blank && (f->flags & F_REQ))
        return bad(p, f, "不能为空");
    if (blank) {
        *out = clean_default(f);
        return FZ_OK;
    }
    switch (f->type) {
    case F_LIST:
        return clean_list(f, v, out, p);
    case F_IDS:
        return clean_ids(f, v, out, p);
    case F_CONTACTS:
        return clean_contacts(f, v, out, p);
    default:
        return clean_scalar(f, v, out, p);
    }
}

/* clean_all: every field of fields from in into the new object *out */
static enum fz_err clean_all(const struct field *fields, const json_t *in, json_t **out,
                             struct fz_problem *p)
{
    json_t *clean = json_object();
    if (!clean)
        return FZ_ENOMEM;
    for (const struct field *f = fields; f->name; f++) {
        json_t *v = NULL;
        enum fz_err rc = clean_field(f, json_object_get(in, f->name), &v, p);
        if (rc) {
            json_decref(clean);
            return rc;
        }
        json_object_set_new(clean, f->name, v);
    }
    *out = clean;
    return FZ_OK;
}

/* bind_value: v (from a cleaned record) as SQL parameter i */
static enum fz_err bind_value(struct db_stmt *st, int i, const json_t *v)
{
    if (!v || json_is_null(v))
        return db_bind_null(st, i);
    if (json_is_integer(v))
        return db_bind_int(st, i, json_integer_value(v));
    if (json_is_real(v))
        return db_bind_double(st, i, json_real_value(v));
    if (json_is_string(v))
        return db_bind_text(st, i, json_string_value(v));
    char *s = json_dumps(v, JSON_COMPACT);
    if (!s)
        return FZ_ENOMEM;
    enum fz_err rc = db_bind_text(st, i, s);
    free(s);
    return rc;
}

/* bind_fields: the column fields of clean as ?1..?n; *n gets n */
static enum fz_err bind_fields(struct db_stmt *st, const struct field *fields,
                               const json_t *clean, int *n)
{
    int i = 0;
    enum fz_err rc = FZ_OK;
    for (const struct field *f = fields; f->name && !rc; f++)
        if (!(f->flags & F_NOCOL))
            rc = bind_value(st, ++i, json_object_get(clean, f->name));
    *n = i;
    return rc;
}

/* decode_lists: JSON-text columns of a row turned back into arrays */
static void decode_lists(const struct field *fields, json_t *row)
{
    for (const struct field *f = fields; f->name; f++) {
        if (f->type != F_LIST && f->type != F_CONTACTS)
            continue;
        const char *s = json_string_value(json_object_get(row, f->name));
        json_t *arr = s ? json_loads(s, 0, NULL) : NULL;
        if (arr)
            json_object_set_new(row, f->name, arr);
    }
}

static void decode_text(json_t *row, const char *key)
{
    const char *s = json_string_value(json_object_get(row, key));
    json_t *v = s ? json_loads(s, 0, NULL) : NULL;
    json_object_set_new(row, key, v ? v : json_array());
}

/* ---- one register, described as data ---- */

typedef enum fz_err (*rules_fn)(struct db *db, const struct fz_user *actor, json_t *clean,
                                const json_t *cur, struct fz_problem *p);
typedef enum fz_err (*after_fn)(struct db *db, int64_t id, const json_t *clean,
                                const json_t *cur);
typedef enum fz_err (*get_fn)(struct db *db, const struct fz_user *actor, int64_t id,
                              json_t **out);

struct entity {
    const char *what;           /* Chinese noun, e.g. 企业 */
    const struct field *fields;
    const char *insert_sql;     /* ?1..?n column fields, ?n+1 created_by, ?n+2 timestamp */
    const char *update_sql;     /* ?1..?n, ?n+1 updated_at, ?n+2 id, ?n+3 version */
    get_fn get;
    rules_fn rules;             /* cross-field and database checks; cur NULL on create */
    after_fn after;             /* writes beyond the row, once it exists */
    const char *unique;         /* field named when the INSERT/UPDATE hits UNIQUE */
};

static enum fz_err version_conflict(struct fz_problem *p)
{
    fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
    return FZ_ECONFLICT;
}

static enum fz_err unique_conflict(const struct entity *e, const json_t *clean,
                                   struct fz_problem *p)
{
    const char *v = json_string_value(json_object_get(clean, e->unique));
    fz_problem_set(p, e->unique, "duplicate", "%s %s 已存在", e->what, v ? v : "");
    return FZ_ECONFLICT;
}

/* write_insert: INSERT the cleaned record; *id gets the new id */
static enum fz_err write_insert(struct db *db, const struct entity *e,
                                const struct fz_user *actor, const json_t *clean,
                                int64_t *id)
{
    struct db_stmt *st = NULL;
    char ts[FZ_TS_LEN];
    time_now(ts);
    int n = 0;
    enum fz_err rc = db_prepare(db, e->insert_sql, &st);
    if (rc)
        return rc;
    rc = bind_fields(st, e->fields, clean, &n);
    if (!rc)
        rc = actor ? db_bind_int(st, n + 1, actor->id) : db_bind_null(st, n + 1);
    if (!rc)
        rc = db_bind_text(st, n + 2, ts);
    bool row = false;
    if (!rc)
        rc = db_step(st, &row);
    db_finish(st);
    if (!rc)
        *id = db_last_id(db);
    return rc;
}

/* write_update: UPDATE the cleaned record at version; *changes gets the rows changed */
static enum fz_err write_update(struct db *db, const struct entity *e, int64_t id,
                                int64_t version, const json_t *clean, int64_t *changes)
{
    struct db_stmt *st = NULL;
    char ts[FZ_TS_LEN];
    time_now(ts);
    int n = 0;
    enum fz_err rc = db_prepare(db, e->update_sql, &st);
    if (rc)
        return rc;
    rc = bind_fields(st, e->fields, clean, &n);
    if (!rc)
        rc = db_bind_text(st, n + 1, ts);
    if (!rc)
        rc = db_bind_int(st, n + 2, id);
    if (!rc)
        rc = db_bind_int(st, n + 3, version);
    bool row = false;
    if (!rc)
        rc = db_step(st, &row);
    db_finish(st);
    if (!rc)
        *changes = db_changes(db);
    return rc;
}

static enum fz_err entity_create(struct db *db, const struct entity *e,
                                 const struct fz_user *actor, json_t *in, int64_t *id,
                                 struct fz_problem *p)
{
    if (!json_is_object(in)) {
        fz_problem_set(p, NULL, NULL, "请求体应为 JSON 对象");
        return FZ_EINVAL;
    }
    json_t *clean = NULL;
    enum fz_err rc = clean_all(e->fields, in, &clean, p);
    if (!rc && e->rules)
        rc = e->rules(db, actor, clean, NULL, p);
    int64_t nid = 0;
    if (!rc)
        rc = write_insert(db, e, actor, clean, &nid);
    if (rc == FZ_ECONFLICT && e->unique)
        rc = unique_conflict(e, clean, p);
    if (!rc && e->after)
        rc = e->after(db, nid, clean, NULL);
    if (!rc)
        *id = nid;
    json_decref(clean);
    return rc;
}

/* merge: the input form of cur with the keys of in laid over it */
static json_t *merge(const struct field *fields, const json_t *cur, const json_t *in)
{
    json_t *m = json_object();
    for (const struct field *f = fields; m && f->name; f++) {
        json_t *v = json_object_get(in, f->name);
        if (!v)
            v = json_object_get(cur, f->name);
        if (v)
            json_object_set(m, f->name, v);
    }
    return m;
}

/* same_record: would clean change nothing of cur? */
static bool same_record(const struct field *fields, const json_t *clean, const json_t *cur)
{
    for (const struct field *f = fields; f->name; f++) {
        json_t *a = json_object_get(clean, f->name), *b = json_object_get(cur, f->name);
        if (is_blank(a) && is_blank(b))
            continue;
        if (!a || !b || !json_equal(a, b))
            return false;
    }
    return true;
}

/* entity_update: merge in over the current record, validate, write. When changed is not
 * NULL an update that changes nothing is skipped and *changed says which happened. */
static enum fz_err entity_update(struct db *db, const struct entity *e,
                                 const struct fz_user *actor, int64_t id, int64_t version,
                                 json_t *in, bool *changed, struct fz_problem *p)
{
    json_t *cur = NULL, *merged = NULL, *clean = NULL;
    enum fz_err rc = e->get(db, actor, id, &cur);
    if (rc)
        return rc;
    if (json_integer_value(json_object_get(cur, "version")) != version) {
        json_decref(cur);
        return version_conflict(p);
    }
    merged = json_is_object(in) ? merge(e->fields, cur, in) : NULL;
    rc = merged ? clean_all(e->fields, merged, &clean, p) : FZ_EINVAL;
    if (!rc && e->rules)
        rc = e->rules(db, actor, clean, cur, p);
    bool skip = !rc && changed && same_record(e->fields, clean, cur);
    int64_t n = 0;
    if (!rc && !skip)
        rc = write_update(db, e, id, version, clean, &n);
    if (rc == FZ_ECONFLICT && e->unique)
        rc = unique_conflict(e, clean, p);
    else if (!rc && !skip && !n)
        rc = version_conflict(p);
    if (!rc && !skip && e->after)
        rc = e->after(db, id, clean, cur);
    if (changed)
        *changed = !skip;
    json_decref(cur);
    json_decref(merged);
    json_decref(clean);
    return rc;
}

/* must_exist: FZ_EINVAL naming field unless sql ("SELECT count(*) ... id = ?") finds id */
static enum fz_err must_exist(struct db *db, const char *sql, int64_t id,
                              const char *field, const char *msg, struct fz_problem *p)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n, sql, "i", id);
    if (!rc && !n) {
        fz_problem_set(p, field, NULL, "%s", msg);
        rc = FZ_EINVAL;
    }
    return rc;
}

static int64_t int_of(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *str_of(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* list_sql: the count and page statements of a register. where is a constant filter
 * with parameters ?1..?k; order comes from a whitelist; the page takes ?k+1 (LIMIT) and
 * ?k+2 (OFFSET). */
static enum fz_err list_sql(char *cnt, char *page, size_t n, const char *select,
                            const char *where, const char *order, int k)
{
    int a = snprintf(cnt, n, "SELECT count(*) %s", where);
    int b = snprintf(page, n, "%s %s ORDER BY %s LIMIT ?%d OFFSET ?%d", select, where, order,
                     k + 1, k + 2);
    return a < 0 || b < 0 || (size_t)a >= n || (size_t)b >= n ? FZ_EINTERNAL : FZ_OK;
}

/* page_of: LIMIT/OFFSET of a filter (limit 0 means all, like -1) */
static int64_t limit_of(const struct registries_filter *f)
{
    return f->limit > 0 ? f->limit : -1;
}

/* ---- enterprises ---- */

static const struct field enterprise_fields[] = {
    { "name", F_TEXT, F_REQ, 128, "企业名称", NULL },
    { "uscc", F_USCC, F_REQ, 18, "统一社会信用代码", NULL },
    { "legal_rep", F_TEXT, 0, 32, "法定代表人", NULL },
    { "address", F_TEXT, 0, 256, "地址", NULL },
    { "industry", F_TEXT, 0, 64, "行业", NULL },
    { "settled_on", F_DATE, F_NULL, 0, "入驻日期", NULL },
    { "contacts", F_CONTACTS, 0, 10, "联系人", NULL },
    { "status", F_ENUM, 0, 0, "状态", enterprise_status },
    { "remark", F_TEXT, 0, 1000, "备注", NULL },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define ENT_COLS                                                                       \
    "SELECT e.id, e.name, e.uscc, e.legal_rep, e.address, e.industry, e.settled_on,"   \
    " e.contacts, e.status, e.remark, e.created_at, e.updated_at, e.version,"          \
    " (SELECT count(*) FROM commitments c WHERE c.enterprise_id = e.id)"               \
    " AS commitments_count,"                                                           \
    " (SELECT count(*) FROM breaches b WHERE b.enterprise_id = e.id) AS breaches_count"

static void fix_enterprise(json_t *e)
{
    decode_lists(enterprise_fields, e);
    json_object_set_new(e, "status_label",
                        json_string(label_of(enterprise_status, str_of(e, "status"))));
}

static enum fz_err enterprise_get(struct db *db, const struct fz_user *actor, int64_t id,
                                  json_t **out)
{
    (void)actor;
    enum fz_err rc = db_query_row(db, out, ENT_COLS " FROM enterprises e WHERE e.id = ?",
                                  "i", id);
    if (!rc)
        fix_enterprise(*out);
    return rc;
}

static const struct entity enterprise_entity = {
    .what = "统一社会信用代码",
    .fields = enterprise_fields,
    .insert_sql = "INSERT INTO enterprises(name, uscc, legal_rep, address, industry,"
                  " settled_on, contacts, status, remark, created_by, created_at,"
                  " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    .update_sql = "UPDATE enterprises SET name = ?1, uscc = ?2, legal_rep = ?3,"
                  " address = ?4, industry = ?5, settled_on = ?6, contacts = ?7,"
                  " status = ?8, remark = ?9, updated_at = ?10, version = version + 1"
                  " WHERE id = ?11 AND version = ?12",
    .get = enterprise_get,
    .unique = "uscc",
};

enum fz_err registries_enterprise_create(struct db *db, const struct fz_user *actor,
                                         json_t *in, int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &enterprise_entity, actor, in, id, p);
}

enum fz_err registries_enterprise_update(struct db *db, const struct fz_user *actor,
                                         int64_t id, int64_t version, json_t *in,
                                         struct fz_problem *p)
{
    return entity_update(db, &enterprise_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_enterprise_get(struct db *db, int64_t id, json_t **out)
{
    return enterprise_get(db, NULL, id, out);
}

#define ENT_WHERE                                                                      \
    " FROM enterprises e WHERE (?1 IS NULL OR e.name LIKE '%' || ?1 || '%'"            \
    " OR e.uscc LIKE '%' || upper(?1) || '%') AND (?2 IS NULL OR e.industry = ?2)"      \
    " AND (?3 IS NULL OR e.status = ?3)"                                               \
    " AND (?4 = 0 OR CAST(substr(e.settled_on, 1, 4) AS INTEGER) = ?4)"                \
    " AND (?5 IS NULL OR e.settled_on >= ?5) AND (?6 IS NULL OR e.settled_on <= ?6)"

enum fz_err registries_enterprises_list(struct db *db, const struct registries_filter *f,
                                        json_t **items, int64_t *total)
{
    char cnt[2048], page[2048];
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, ENT_COLS, ENT_WHERE,
                              f->order ? f->order : "e.id", 6);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "tttitt", f->q, f->industry, f->status, f->year,
                          f->from, f->to);
    if (!rc)
        rc = db_query_json(db, items, page, "tttittii", f->q, f->industry, f->status,
                           f->year, f->from, f->to, limit_of(f), f->offset);
    size_t i;
    json_t *e;
    if (!rc)
        json_array_foreach(*items, i, e)
            fix_enterprise(e);
    return rc;
}

/* ---- credit commitment letters ---- */

static const struct field commitment_fields[] = {
    { "enterprise_id", F_REF, F_REQ, 0, "企业", NULL },
    { "kind", F_ENUM, F_REQ, 0, "承诺类型", commitment_kinds },
    { "content", F_TEXT, 0, 4000, "承诺内容", NULL },
    { "signed_on", F_DATE, F_REQ, 0, "签署日期", NULL },
    { "signer", F_TEXT, 0, 32, "签署人", NULL },
    { "valid_until", F_DATE, F_NULL, 0, "有效期至", NULL },
    { "file_ref", F_TEXT, 0, 256, "承诺书文件", NULL },
    { "status", F_ENUM, 0, 0, "状态", commitment_status },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define COMMIT_COLS                                                                    \
    "SELECT c.id, c.enterprise_id, e.name AS enterprise_name, e.uscc AS enterprise_uscc," \
    " c.kind, c.content, c.signed_on, c.signer, c.valid_until, c.file_ref, c.status,"  \
    " c.created_at, c.updated_at, c.version, s.id AS scan_id, s.filename AS scan_filename," \
    " s.content_type AS scan_type, s.size AS scan_size, s.sha256 AS scan_sha256,"      \
    " s.uploaded_at AS scan_uploaded_at"
/* the newest scan of the letter, if any (commitment_scans) */
#define COMMIT_FROM                                                                    \
    " FROM commitments c JOIN enterprises e ON e.id = c.enterprise_id"                  \
    " LEFT JOIN commitment_scans s ON s.id = (SELECT max(x.id) FROM commitment_scans x" \
    " WHERE x.commitment_id = c.id)"

/* fold_scan: the scan_* columns of a letter as "scan": {id, filename, ...} or null */
static void fold_scan(json_t *c)
{
    static const char *const keys[] = { "id", "filename", "type", "size", "sha256",
                                        "uploaded_at", NULL };
    json_t *scan = json_is_null(json_object_get(c, "scan_id")) ? NULL : json_object();
    for (int i = 0; keys[i]; i++) {
        char col[32];
        snprintf(col, sizeof col, "scan_%s", keys[i]);
        if (scan)
            json_object_set(scan, keys[i], json_object_get(c, col));
        if (!str_eq(keys[i], "filename"))
            json_object_del(c, col);
    }
    json_object_set_new(c, "scan", scan ? scan : json_null());
}

static void fix_commitment(json_t *c, const char *day)
{
    const char *until = str_of(c, "valid_until");
    json_object_set_new(c, "expired", json_boolean(until && strcmp(until, day) < 0));
    fold_scan(c);
    json_object_set_new(c, "kind_label",
                        json_string(label_of(commitment_kinds, str_of(c, "kind"))));
    json_object_set_new(c, "status_label",
                        json_string(label_of(commitment_status, str_of(c, "status"))));
}

static enum fz_err commitment_get(struct db *db, const struct fz_user *actor, int64_t id,
                                  json_t **out)
{
    (void)actor;
    char day[11];
    today(day);
    enum fz_err rc = db_query_row(db, out, COMMIT_COLS COMMIT_FROM " WHERE c.id = ?", "i",
                                  id);
    if (!rc)
        fix_commitment(*out, day);
    return rc;
}

static enum fz_err enterprise_must_exist(struct db *db, const json_t *clean,
                                         struct fz_problem *p)
{
    return must_exist(db, "SELECT count(*) FROM enterprises WHERE id = ?",
                      int_of(clean, "enterprise_id"), "enterprise_id", "企业不存在", p);
}

static enum fz_err commitment_rules(struct db *db, const struct fz_user *actor,
                                    json_t *clean, const json_t *cur, struct fz_problem *p)
{
    (void)actor;
    (void)cur;
    enum fz_err rc = enterprise_must_exist(db, clean, p);
    const char *until = str_of(clean, "valid_until");
    if (!rc && until && strcmp(until, str_of(clean, "signed_on")) < 0) {
        fz_problem_set(p, "valid_until", NULL, "有效期至不能早于签署日期");
        rc = FZ_EINVAL;
    }
    return rc;
}

static const struct entity commitment_entity = {
    .what = "承诺书",
    .fields = commitment_fields,
    .insert_sql = "INSERT INTO commitments(enterprise_id, kind, content, signed_on, signer,"
                  " valid_until, file_ref, status, created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    .update_sql = "UPDATE commitments SET enterprise_id = ?1, kind = ?2, content = ?3,"
                  " signed_on = ?4, signer = ?5, valid_until = ?6, file_ref = ?7,"
                  " status = ?8, updated_at = ?9, version = version + 1"
                  " WHERE id = ?10 AND version = ?11",
    .get = commitment_get,
    .rules = commitment_rules,
};

enum fz_err registries_commitment_create(struct db *db, const struct fz_user *actor,
                                         json_t *in, int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &commitment_entity, actor, in, id, p);
}

enum fz_err registries_commitment_update(struct db *db, const struct fz_user *actor,
                                         int64_t id, int64_t version, json_t *in,
                                         struct fz_problem *p)
{
    return entity_update(db, &commitment_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_commitment_get(struct db *db, int64_t id, json_t **out)
{
    return commitment_get(db, NULL, id, out);
}

#define COMMIT_WHERE                                                                   \
    COMMIT_FROM " WHERE (?1 IS NULL OR e.name LIKE '%' || ?1 || '%'"                   \
    " OR e.uscc LIKE '%' || upper(?1) || '%') AND (?2 IS NULL OR c.kind = ?2)"          \
    " AND (?3 IS NULL OR c.status = ?3) AND (?4 IS NULL OR c.signed_on >= ?4)"          \
    " AND (?5 IS NULL OR c.signed_on <= ?5) AND (?6 = 0 OR c.enterprise_id = ?6)"

enum fz_err registries_commitments_list(struct db *db, const struct registries_filter *f,
                                        json_t **items, int64_t *total)
{
    char cnt[2048], page[2048], day[11];
    today(day);
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, COMMIT_COLS, COMMIT_WHERE,
                              f->order ? f->order : "c.signed_on DESC, c.id DESC", 6);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "ttttti", f->q,
                          f->kind, f->status, f->from, f->to, f->enterprise_id);
    if (!rc)
        rc = db_query_json(db, items, page, "tttttiii", f->q, f->kind, f->status, f->from,
                           f->to, f->enterprise_id, limit_of(f), f->offset);
    size_t i;
    json_t *c;
    if (!rc)
        json_array_foreach(*items, i, c)
            fix_commitment(c, day);
    return rc;
}

/* ---- integrity briefings ---- */

static const struct field briefing_fields[] = {
    { "title", F_TEXT, F_REQ, 128, "标题", NULL },
    { "held_on", F_DATE, F_REQ, 0, "宣讲日期", NULL },
    { "location", F_TEXT, 0, 128, "地点", NULL },
    { "speaker", F_TEXT, 0, 64, "宣讲人", NULL },
    { "dept_id", F_REF, F_NULL, 0, "组织部门", NULL },
    { "people_count", F_COUNT, 0, 0, "参加人数", NULL },
    { "notes", F_TEXT, 0, 2000, "备注", NULL },
    { "enterprise_ids", F_IDS, F_NOCOL, 500, "参加企业", NULL },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define BRIEF_COLS                                                                     \
    "SELECT b.id, b.title, b.held_on, b.location, b.speaker, b.dept_id,"               \
    " d.name AS dept_name, b.people_count, b.notes, b.created_at, b.updated_at,"       \
    " b.version, (SELECT json_group_array(json_object('id', x.id, 'name', x.name,"     \
    " 'uscc', x.uscc)) FROM (SELECT e.id, e.name, e.uscc FROM briefing_attendees a"    \
    " JOIN enterprises e ON e.id = a.enterprise_id WHERE a.briefing_id = b.id"         \
    " ORDER BY e.id) x) AS enterprises"
#define BRIEF_FROM " FROM briefings b LEFT JOIN departments d ON d.id = b.dept_id"

static void fix_briefing(json_t *b)
{
    decode_text(b, "enterprises");
    json_t *ids = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(b, "enterprises"), i, e)
        json_array_append(ids, json_object_get(e, "id"));
    json_object_set_new(b, "enterprises_count", json_integer((json_int_t)json_array_size(ids)));
    json_object_set_new(b, "enterprise_ids", ids);
}

static enum fz_err briefing_get(struct db *db, const struct fz_user *actor, int64_t id,
                                json_t **out)
{
    (void)actor;
    enum fz_err rc = db_query_row(db, out, BRIEF_COLS BRIEF_FROM " WHERE b.id = ?", "i", id);
    if (!rc)
        fix_briefing(*out);
    return rc;
}

static enum fz_err dept_must_exist(struct db *db, const json_t *clean, struct fz_problem *p)
{
    int64_t dept = int_of(clean, "dept_id");
    if (!dept)
        return FZ_OK;
    return must_exist(db, "SELECT count(*) FROM departments WHERE id = ?", dept, "dept_id",
                      "组织部门不存在", p);
}

static enum fz_err briefing_rules(struct db *db, const struct fz_user *actor, json_t *clean,
                                  const json_t *cur, struct fz_problem *p)
{
    (void)cur;
    if (json_is_null(json_object_get(clean, "dept_id")) && actor && actor->dept_id > 0)
        json_object_set_new(clean, "dept_id", json_integer(actor->dept_id));
    enum fz_err rc = dept_must_exist(db, clean, p);
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(clean, "enterprise_ids"), i, id) {
        if (rc)
            break;
        char msg[64];
        snprintf(msg, sizeof msg, "参加企业 #%lld 不存在", (long long)json_integer_value(id));
        rc = must_exist(db, "SELECT count(*) FROM enterprises WHERE id = ?",
                        json_integer_value(id), "enterprise_ids", msg, p);
    }
    return rc;
}

/* briefing_after: the attendance list replaces the stored one */
static enum fz_err briefing_after(struct db *db, int64_t id, const json_t *clean,
                                  const json_t *cur)
{
    (void)cur;
    enum fz_err rc = db_run(db, NULL, "DELETE FROM briefing_attendees WHERE briefing_id = ?",
                            "i", id);
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(clean, "enterprise_ids"), i, e) {
        if (rc)
            break;
        rc = db_run(db, NULL,
                    "INSERT INTO briefing_attendees(briefing_id, enterprise_id) VALUES (?, ?)",
                    "ii", id, (int64_t)json_integer_value(e));
    }
    return rc;
}

static const struct entity briefing_entity = {
    .what = "宣讲",
    .fields = briefing_fields,
    .insert_sql = "INSERT INTO briefings(title, held_on, location, speaker, dept_id,"
                  " people_count, notes, created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    .update_sql = "UPDATE briefings SET title = ?1, held_on = ?2, location = ?3,"
                  " speaker = ?4, dept_id = ?5, people_count = ?6, notes = ?7,"
                  " updated_at = ?8, version = version + 1 WHERE id = ?9 AND version = ?10",
    .get = briefing_get,
    .rules = briefing_rules,
    .after = briefing_after,
};

enum fz_err registries_briefing_create(struct db *db, const struct fz_user *actor,
                                       json_t *in, int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &briefing_entity, actor, in, id, p);
}

enum fz_err registries_briefing_update(struct db *db, const struct fz_user *actor,
                                       int64_t id, int64_t version, json_t *in,
                                       struct fz_problem *p)
{
    return entity_update(db, &briefing_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_briefing_get(struct db *db, int64_t id, json_t **out)
{
    return briefing_get(db, NULL, id, out);
}

#define BRIEF_WHERE                                                                    \
    BRIEF_FROM " WHERE (?1 IS NULL OR b.title LIKE '%' || ?1 || '%'"                   \
    " OR b.speaker LIKE '%' || ?1 || '%') AND (?2 IS NULL OR b.held_on >= ?2)"          \
    " AND (?3 IS NULL OR b.held_on <= ?3) AND (?4 = 0 OR EXISTS (SELECT 1 FROM"          \
    " briefing_attendees a WHERE a.briefing_id = b.id AND a.enterprise_id = ?4))"       \
    " AND (?5 = 0 OR b.dept_id = ?5)"

enum fz_err registries_briefings_list(struct db *db, const struct registries_filter *f,
                                      json_t **items, int64_t *total)
{
    char cnt[2048], page[2048];
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, BRIEF_COLS, BRIEF_WHERE,
                              f->order ? f->order : "b.held_on DESC, b.id DESC", 5);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "tttii", f->q, f->from, f->to, f->enterprise_id,
                          f->dept_id);
    if (!rc)
        rc = db_query_json(db, items, page, "tttiiii", f->q, f->from, f->to,
                           f->enterprise_id, f->dept_id, limit_of(f), f->offset);
    size_t i;
    json_t *b;
    if (!rc)
        json_array_foreach(*items, i, b)
            fix_briefing(b);
    return rc;
}

/* ---- breaches ---- */

static const struct field breach_fields[] = {
    { "enterprise_id", F_REF, F_REQ, 0, "企业", NULL },
    { "commitment_id", F_REF, F_NULL, 0, "承诺书", NULL },
    { "found_on", F_DATE, F_REQ, 0, "发现日期", NULL },
    { "description", F_TEXT, F_REQ, 2000, "违诺情形", NULL },
    { "evidence", F_TEXT, 0, 4000, "证据", NULL },
    { "handling", F_TEXT, 0, 2000, "处理情况", NULL },
    { "status", F_ENUM, 0, 0, "状态", breach_status },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define BREACH_COLS                                                                    \
    "SELECT x.id, x.enterprise_id, e.name AS enterprise_name,"                         \
    " e.uscc AS enterprise_uscc, x.commitment_id, c.kind AS commitment_kind,"          \
    " c.signed_on AS commitment_signed_on, x.found_on, x.description, x.evidence,"     \
    " x.handling, x.status, x.created_at, x.updated_at, x.version"
#define BREACH_FROM                                                                    \
    " FROM breaches x JOIN enterprises e ON e.id = x.enterprise_id"                     \
    " LEFT JOIN commitments c ON c.id = x.commitment_id"

static void fix_breach(json_t *b)
{
    json_object_set_new(b, "status_label",
                        json_string(label_of(breach_status, str_of(b, "status"))));
}

static enum fz_err breach_get(struct db *db, const struct fz_user *actor, int64_t id,
                              json_t **out)
{
    (void)actor;
    enum fz_err rc = db_query_row(db, out, BREACH_COLS BREACH_FROM " WHERE x.id = ?", "i",
                                  id);
    if (!rc)
        fix_breach(*out);
    return rc;
}

static enum fz_err breach_rules(struct db *db, const struct fz_user *actor, json_t *clean,
                                const json_t *cur, struct fz_problem *p)
{
    (void)actor;
    (void)cur;
    enum fz_err rc = enterprise_must_exist(db, clean, p);
    int64_t cid = int_of(clean, "commitment_id");
    if (!rc && cid) {
        int64_t n = 0;
        rc = db_query_int(db, &n,
                          "SELECT count(*) FROM commitments WHERE id = ? AND enterprise_id = ?",
                          "ii", cid, int_of(clean, "enterprise_id"));
        if (!rc && !n) {
            fz_problem_set(p, "commitment_id", NULL, "承诺书不存在或不属于该企业");
            rc = FZ_EINVAL;
        }
    }
    if (!rc && str_eq(str_of(clean, "status"), "handled") && !*str_of(clean, "handling")) {
        fz_problem_set(p, "handling", NULL, "已处理的违诺记录须填写处理情况");
        rc = FZ_EINVAL;
    }
    return rc;
}

/* breach_after: a breach of a letter marks the letter breached (if it was valid) */
static enum fz_err breach_after(struct db *db, int64_t id, const json_t *clean,
                                const json_t *cur)
{
    (void)id;
    int64_t cid = int_of(clean, "commitment_id");
    if (!cid || (cur && int_of(cur, "commitment_id") == cid))
        return FZ_OK;
    char ts[FZ_TS_LEN];
    time_now(ts);
    return db_run(db, NULL,
                  "UPDATE commitments SET status = 'breached', updated_at = ?,"
                  " version = version + 1 WHERE id = ? AND status = 'valid'", "ti", ts, cid);
}

static const struct entity breach_entity = {
    .what = "违诺记录",
    .fields = breach_fields,
    .insert_sql = "INSERT INTO breaches(enterprise_id, commitment_id, found_on, description,"
                  " evidence, handling, status, created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    .update_sql = "UPDATE breaches SET enterprise_id = ?1, commitment_id = ?2,"
                  " found_on = ?3, description = ?4, evidence = ?5, handling = ?6,"
                  " status = ?7, updated_at = ?8, version = version + 1"
                  " WHERE id = ?9 AND version = ?10",
    .get = breach_get,
    .rules = breach_rules,
    .after = breach_after,
};

enum fz_err registries_breach_create(struct db *db, const struct fz_user *actor,
                                     json_t *in, int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &breach_entity, actor, in, id, p);
}

enum fz_err registries_breach_update(struct db *db, const struct fz_user *actor,
                                     int64_t id, int64_t version, json_t *in,
                                     struct fz_problem *p)
{
    return entity_update(db, &breach_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_breach_get(struct db *db, int64_t id, json_t **out)
{
    return breach_get(db, NULL, id, out);
}

#define BREACH_WHERE                                                                   \
    BREACH_FROM " WHERE (?1 IS NULL OR e.name LIKE '%' || ?1 || '%'"                   \
    " OR e.uscc LIKE '%' || upper(?1) || '%' OR x.description LIKE '%' || ?1 || '%')"   \
    " AND (?2 IS NULL OR x.status = ?2) AND (?3 IS NULL OR x.found_on >= ?3)"           \
    " AND (?4 IS NULL OR x.found_on <= ?4) AND (?5 = 0 OR x.enterprise_id = ?5)"

enum fz_err registries_breaches_list(struct db *db, const struct registries_filter *f,
                                     json_t **items, int64_t *total)
{
    char cnt[2048], page[2048];
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, BREACH_COLS, BREACH_WHERE,
                              f->order ? f->order : "x.found_on DESC, x.id DESC", 5);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "tttti", f->q, f->status, f->from, f->to,
                          f->enterprise_id);
    if (!rc)
        rc = db_query_json(db, items, page, "ttttiii", f->q, f->status, f->from, f->to,
                           f->enterprise_id, limit_of(f), f->offset);
    size_t i;
    json_t *b;
    if (!rc)
        json_array_foreach(*items, i, b)
            fix_breach(b);
    return rc;
}

/* ---- outreach and study activities ---- */

static const struct field activity_fields[] = {
    { "kind", F_TEXT, F_REQ, 32, "活动类型", NULL },
    { "title", F_TEXT, F_REQ, 128, "标题", NULL },
    { "held_on", F_DATE, F_REQ, 0, "日期", NULL },
    { "dept_id", F_REF, F_NULL, 0, "组织部门", NULL },
    { "partner", F_TEXT, 0, 128, "合作单位", NULL },
    { "location", F_TEXT, 0, 128, "地点", NULL },
    { "laws", F_LIST, 0, 50, "涉及法律法规", NULL },
    { "audience", F_COUNT, F_NULL, 0, "受众人数", NULL },
    { "enterprises_reached", F_COUNT, F_NULL, 0, "覆盖企业数", NULL },
    { "channel", F_TEXT, F_NULL, 64, "发布渠道", NULL },
    { "link", F_TEXT, F_NULL, 512, "链接", NULL },
    { "reads", F_COUNT, F_NULL, 0, "阅读量", NULL },
    { "leaflets", F_COUNT, F_NULL, 0, "发放宣传单页数", NULL },
    { "app_installs", F_COUNT, F_NULL, 0, "指导安装国家反诈中心APP人数", NULL },
    { "warnings", F_COUNT, F_NULL, 0, "预警劝阻人次", NULL },
    { "attendees", F_LIST, F_NULL, 200, "参加人员", NULL },
    { "absentees", F_LIST, F_NULL, 200, "缺席人员", NULL },
    { "departments", F_LIST, F_NULL, 20, "涉及执法部门", NULL },
    { "material", F_TEXT, 0, 4000, "材料", NULL },
    { "notes", F_TEXT, 0, 2000, "备注", NULL },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define ACT_COLS                                                                       \
    "SELECT a.id, a.kind, a.title, a.held_on, a.dept_id, d.name AS dept_name,"         \
    " a.partner, a.location, a.laws, a.audience, a.enterprises_reached, a.channel,"    \
    " a.link, a.reads, a.leaflets, a.app_installs, a.warnings, a.attendees,"           \
    " a.absentees, a.departments, a.material, a.notes, a.created_by, a.created_at,"    \
    " a.updated_at, a.version"
#define ACT_FROM " FROM activities a LEFT JOIN departments d ON d.id = a.dept_id"
#define ACT_SCOPE SCOPE_SQL("a.dept_id", "a.created_by")
#define ACT_GROUP                                                                      \
    "(CASE WHEN a.kind IN ('study_first_topic', 'study_theory_group') THEN 'study'"    \
    " WHEN a.kind = 'anti_fraud' THEN 'anti_fraud' ELSE 'pufa' END)"

static const struct field *field_named(const struct field *fields, const char *name)
{
    for (const struct field *f = fields; f->name; f++)
        if (str_eq(f->name, name))
            return f;
    return NULL;
}

static void fix_activity(json_t *a)
{
    decode_lists(activity_fields, a);
    const struct kind_rule *k = kind_rule(str_of(a, "kind"));
    json_object_set_new(a, "kind_label", json_string(k ? k->label : ""));
    json_object_set_new(a, "group", json_string(k ? k->group : ""));
}

static enum fz_err activity_get(struct db *db, const struct fz_user *actor, int64_t id,
                                json_t **out)
{
    enum fz_err rc = db_query_row(db, out, ACT_COLS ACT_FROM " WHERE a.id = ?4 AND " ACT_SCOPE,
                                  "iiii", SCOPE_ARGS(actor), id);
    if (!rc)
        fix_activity(*out);
    return rc;
}

static bool kind_allows(const struct kind_rule *k, const char *field)
{
    for (int i = 0; k->allowed[i]; i++)
        if (str_eq(k->allowed[i], field))
            return true;
    return false;
}

/* kind_check: the kind exists, did not change, and the kind-specific fields fit it */
static enum fz_err kind_check(const struct kind_rule *k, json_t *clean, const json_t *cur,
                              struct fz_problem *p)
{
    if (!k) {
        fz_problem_set(p, "kind", NULL, "活动类型取值无效");
        return FZ_EINVAL;
    }
    if (cur && !str_eq(str_of(cur, "kind"), k->kind)) {
        fz_problem_set(p, "kind", NULL, "活动类型创建后不能修改");
        return FZ_EINVAL;
    }
    for (int i = 0; kind_fields[i]; i++) {
        if (!is_blank(json_object_get(clean, kind_fields[i])) &&
            !kind_allows(k, kind_fields[i])) {
            const struct field *f = field_named(activity_fields, kind_fields[i]);
            fz_problem_set(p, f->name, NULL, "%s不适用于%s", f->label, k->label);
            return FZ_EINVAL;
        }
    }
    const json_t *need = json_object_get(clean, k->required);
    if (is_blank(need) || (json_is_integer(need) && !json_integer_value(need))) {
        const struct field *f = field_named(activity_fields, k->required);
        fz_problem_set(p, f->name, NULL, "%s须填写%s", k->label, f->label);
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err activity_rules(struct db *db, const struct fz_user *actor, json_t *clean,
                                  const json_t *cur, struct fz_problem *p)
{
    const struct kind_rule *k = kind_rule(str_of(clean, "kind"));
    enum fz_err rc = kind_check(k, clean, cur, p);
    if (rc)
        return rc;
    const char *link = str_of(clean, "link");
    if (link && strncmp(link, "http://", 7) != 0 && strncmp(link, "https://", 8) != 0) {
        fz_problem_set(p, "link", NULL, "链接应以 http:// 或 https:// 开头");
        return FZ_EINVAL;
    }
    if (str_eq(k->group, "study") && json_is_null(json_object_get(clean, "audience")))
        json_object_set_new(clean, "audience", json_integer((json_int_t)json_array_size(
                                                   json_object_get(clean, "attendees"))));
    if (json_is_null(json_object_get(clean, "dept_id")) && actor && actor->dept_id > 0)
        json_object_set_new(clean, "dept_id", json_integer(actor->dept_id));
    int64_t dept = int_of(clean, "dept_id");
    bool visible = true;
    if (dept)
        rc = users_dept_visible(db, actor, dept, &visible);
    if (!rc && !visible) {
        fz_problem_set(p, "dept_id", NULL, "组织部门不存在或不在您的数据权限范围内");
        rc = FZ_EINVAL;
    }
    return rc;
}

static const struct entity activity_entity = {
    .what = "活动",
    .fields = activity_fields,
    .insert_sql = "INSERT INTO activities(kind, title, held_on, dept_id, partner, location,"
                  " laws, audience, enterprises_reached, channel, link, reads, leaflets,"
                  " app_installs, warnings, attendees, absentees, departments, material,"
                  " notes, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5,"
                  " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
                  " ?21, ?22, ?22)",
    .update_sql = "UPDATE activities SET kind = ?1, title = ?2, held_on = ?3, dept_id = ?4,"
                  " partner = ?5, location = ?6, laws = ?7, audience = ?8,"
                  " enterprises_reached = ?9, channel = ?10, link = ?11, reads = ?12,"
                  " leaflets = ?13, app_installs = ?14, warnings = ?15, attendees = ?16,"
                  " absentees = ?17, departments = ?18, material = ?19, notes = ?20,"
                  " updated_at = ?21, version = version + 1 WHERE id = ?22 AND version = ?23",
    .get = activity_get,
    .rules = activity_rules,
};

enum fz_err registries_activity_create(struct db *db, const struct fz_user *actor,
                                       json_t *in, int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &activity_entity, actor, in, id, p);
}

enum fz_err registries_activity_update(struct db *db, const struct fz_user *actor,
                                       int64_t id, int64_t version, json_t *in,
                                       struct fz_problem *p)
{
    return entity_update(db, &activity_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_activity_get(struct db *db, const struct fz_user *actor, int64_t id,
                                    json_t **out)
{
    return activity_get(db, actor, id, out);
}

#define ACT_WHERE                                                                      \
    ACT_FROM " WHERE " ACT_SCOPE " AND (?4 IS NULL OR a.title LIKE '%' || ?4 || '%'"   \
    " OR a.partner LIKE '%' || ?4 || '%' OR a.notes LIKE '%' || ?4 || '%')"             \
    " AND (?5 IS NULL OR a.kind = ?5) AND (?6 IS NULL OR " ACT_GROUP " = ?6)"           \
    " AND (?7 IS NULL OR a.held_on >= ?7) AND (?8 IS NULL OR a.held_on <= ?8)"          \
    " AND (?9 = 0 OR a.dept_id = ?9)"

enum fz_err registries_activities_list(struct db *db, const struct fz_user *actor,
                                       const struct registries_filter *f, json_t **items,
                                       int64_t *total)
{
    char cnt[4096], page[4096];
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, ACT_COLS, ACT_WHERE,
                              f->order ? f->order : "a.held_on DESC, a.id DESC", 9);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "iiittttti", SCOPE_ARGS(actor),
                          f->q, f->kind, f->group, f->from, f->to, f->dept_id);
    if (!rc)
        rc = db_query_json(db, items, page, "iiittttti" "ii", SCOPE_ARGS(actor), f->q,
                           f->kind, f->group, f->from, f->to, f->dept_id, limit_of(f),
                           f->offset);
    size_t i;
    json_t *a;
    if (!rc)
        json_array_foreach(*items, i, a)
            fix_activity(a);
    return rc;
}

json_t *registries_activity_kinds(void)
{
    json_t *arr = json_array();
    for (const struct kind_rule *k = kind_rules; arr && k->kind; k++) {
        json_t *fields = json_array();
        for (int i = 0; k->allowed[i]; i++)
            json_array_append_new(fields, json_string(k->allowed[i]));
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:s}", "kind", k->kind,
                                             "label", k->label, "group", k->group, "fields",
                                             fields, "required", k->required));
    }
    return arr;
}

/* ---- enterprise service: 双万双服 requests, visits, 信易贷 contacts ---- */

static const struct code_label service_sources[] = {
    { "shuangwan", "双万双服平台" }, { "visit", "走访发现" }, { "phone", "电话反映" },
    { "other", "其他" }, { NULL, NULL },
};
static const struct code_label service_categories[] = {
    { "policy", "政策咨询" }, { "approval", "审批办证" }, { "financing", "融资信贷" },
    { "talent", "人才用工" }, { "premises", "用地厂房" },
    { "infrastructure", "基础配套（水电气路）" }, { "safety", "安全环保" },
    { "other", "其他" }, { NULL, NULL },
};
static const struct code_label service_status[] = {
    { "received", "已受理" }, { "in_progress", "办理中" }, { "resolved", "已办结" },
    { NULL, NULL },
};
static const struct code_label financing_channels[] = {
    { "visit", "上门走访" }, { "lecture", "宣讲会" }, { "online", "线上推送" },
    { "phone", "电话对接" }, { "other", "其他" }, { NULL, NULL },
};
static const struct code_label financing_outcomes[] = {
    { "informed", "已宣传告知" }, { "registered", "已注册信易贷平台" },
    { "applied", "已申请贷款" }, { "granted", "已获得贷款" }, { "declined", "申请未获批" },
    { "no_need", "暂无融资需求" }, { NULL, NULL },
};

static void set_label(json_t *o, const char *key, const struct code_label *t)
{
    char name[64];
    snprintf(name, sizeof name, "%s_label", key);
    json_object_set_new(o, name, json_string(label_of(t, str_of(o, key))));
}

/* org_dept: the department clean[key] (default: the actor's) exists and, when it is new
 * or changed, lies in the actor's data scope (a record may only be filed for those). */
static enum fz_err org_dept(struct db *db, const struct fz_user *actor, json_t *clean,
                            const json_t *cur, const char *key, const char *label,
                            struct fz_problem *p)
{
    if (json_is_null(json_object_get(clean, key)) && actor && actor->dept_id > 0)
        json_object_set_new(clean, key, json_integer(actor->dept_id));
    int64_t dept = int_of(clean, key);
    if (!dept || (cur && int_of(cur, key) == dept))
        return FZ_OK;
    bool visible = false;
    enum fz_err rc = users_dept_visible(db, actor, dept, &visible);
    if (!rc && !visible) {
        fz_problem_set(p, key, NULL, "%s不存在或不在您的数据权限范围内", label);
        rc = FZ_EINVAL;
    }
    return rc;
}

/* ---- visits to enterprises ---- */

static const struct field visit_fields[] = {
    { "enterprise_id", F_REF, F_REQ, 0, "企业", NULL },
    { "visited_on", F_DATE, F_REQ, 0, "走访日期", NULL },
    { "visitors", F_LIST, F_REQ, 20, "走访人员", NULL },
    { "purpose", F_TEXT, F_REQ, 500, "走访事由", NULL },
    { "findings", F_TEXT, 0, 4000, "走访发现", NULL },
    { "dept_id", F_REF, F_NULL, 0, "组织部门", NULL },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define VISIT_COLS                                                                     \
    "SELECT v.id, v.enterprise_id, e.name AS enterprise_name,"                         \
    " e.uscc AS enterprise_uscc, v.visited_on, v.visitors, v.purpose, v.findings,"     \
    " v.dept_id, d.name AS dept_name, v.created_by, v.created_at, v.updated_at,"       \
    " v.version, (SELECT count(*) FROM service_requests r WHERE r.visit_id = v.id)"    \
    " AS requests_count"
#define VISIT_FROM                                                                     \
    " FROM service_visits v JOIN enterprises e ON e.id = v.enterprise_id"               \
    " LEFT JOIN departments d ON d.id = v.dept_id"
#define VISIT_SCOPE SCOPE_SQL("v.dept_id", "v.created_by")

static enum fz_err visit_get(struct db *db, const struct fz_user *actor, int64_t id,
                             json_t **out)
{
    json_t *v = NULL, *reqs = NULL;
    enum fz_err rc = db_query_row(db, &v, VISIT_COLS VISIT_FROM " WHERE v.id = ?4 AND "
                                  VISIT_SCOPE, "iiii", SCOPE_ARGS(actor), id);
    if (!rc)
        rc = db_query_json(db, &reqs,
                           "SELECT id, category, problem, status, received_on, resolved_on"
                           " FROM service_requests WHERE visit_id = ? ORDER BY id", "i", id);
    if (rc) {
        json_decref(v);
        return rc;
    }
    decode_lists(visit_fields, v);
    json_object_set_new(v, "requests", reqs);
    *out = v;
    return FZ_OK;
}

static enum fz_err visit_rules(struct db *db, const struct fz_user *actor, json_t *clean,
                               const json_t *cur, struct fz_problem *p)
{
    enum fz_err rc = enterprise_must_exist(db, clean, p);
    if (!rc)
        rc = org_dept(db, actor, clean, cur, "dept_id", "组织部门", p);
    return rc;
}

static const struct entity visit_entity = {
    .what = "走访记录",
    .fields = visit_fields,
    .insert_sql = "INSERT INTO service_visits(enterprise_id, visited_on, visitors, purpose,"
                  " findings, dept_id, created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    .update_sql = "UPDATE service_visits SET enterprise_id = ?1, visited_on = ?2,"
                  " visitors = ?3, purpose = ?4, findings = ?5, dept_id = ?6,"
                  " updated_at = ?7, version = version + 1 WHERE id = ?8 AND version = ?9",
    .get = visit_get,
    .rules = visit_rules,
};

enum fz_err registries_visit_create(struct db *db, const struct fz_user *actor, json_t *in,
                                    int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &visit_entity, actor, in, id, p);
}

enum fz_err registries_visit_update(struct db *db, const struct fz_user *actor, int64_t id,
                                    int64_t version, json_t *in, struct fz_problem *p)
{
    return entity_update(db, &visit_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_visit_get(struct db *db, const struct fz_user *actor, int64_t id,
                                 json_t **out)
{
    return visit_get(db, actor, id, out);
}

#define VISIT_WHERE                                                                    \
    VISIT_FROM " WHERE " VISIT_SCOPE " AND (?4 IS NULL OR e.name LIKE '%' || ?4 || '%'" \
    " OR e.uscc LIKE '%' || upper(?4) || '%' OR v.purpose LIKE '%' || ?4 || '%'"        \
    " OR v.findings LIKE '%' || ?4 || '%') AND (?5 IS NULL OR v.visited_on >= ?5)"      \
    " AND (?6 IS NULL OR v.visited_on <= ?6) AND (?7 = 0 OR v.enterprise_id = ?7)"      \
    " AND (?8 = 0 OR v.dept_id = ?8)"

enum fz_err registries_visits_list(struct db *db, const struct fz_user *actor,
                                   const struct registries_filter *f, json_t **items,
                                   int64_t *total)
{
    char cnt[4096], page[4096];
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, VISIT_COLS, VISIT_WHERE,
                              f->order ? f->order : "v.visited_on DESC, v.id DESC", 8);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "iiitttii", SCOPE_ARGS(actor), f->q, f->from,
                          f->to, f->enterprise_id, f->dept_id);
    if (!rc)
        rc = db_query_json(db, items, page, "iiitttii" "ii", SCOPE_ARGS(actor), f->q,
                           f->from, f->to, f->enterprise_id, f->dept_id, limit_of(f),
                           f->offset);
    size_t i;
    json_t *v;
    if (!rc)
        json_array_foreach(*items, i, v)
            decode_lists(visit_fields, v);
    return rc;
}

/* ---- service requests (双万双服) ---- */

static const struct field request_fields[] = {
    { "enterprise_id", F_REF, F_REQ, 0, "企业", NULL },
    { "source", F_ENUM, 0, 0, "诉求来源", service_sources },
    { "visit_id", F_REF, F_NULL, 0, "走访记录", NULL },
    { "category", F_ENUM, F_REQ, 0, "诉求类别", service_categories },
    { "problem", F_TEXT, F_REQ, 4000, "诉求内容", NULL },
    { "recv_dept_id", F_REF, F_NULL, 0, "受理部门", NULL },
    { "dept_id", F_REF, F_REQ, 0, "责任部门", NULL },
    { "received_on", F_DATE, F_REQ, 0, "受理日期", NULL },
    { "resolution", F_TEXT, 0, 4000, "办理结果", NULL },
    { "resolved_on", F_DATE, F_NULL, 0, "办结日期", NULL },
    { "status", F_ENUM, 0, 0, "办理状态", service_status },
    { "working_days", F_COUNT, F_NULL | F_CALC, 0, "办理用时（工作日）", NULL },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define REQ_COLS                                                                       \
    "SELECT r.id, r.enterprise_id, e.name AS enterprise_name,"                         \
    " e.uscc AS enterprise_uscc, r.source, r.visit_id, r.category, r.problem,"         \
    " r.recv_dept_id, rd.name AS recv_dept_name, r.dept_id, d.name AS dept_name,"      \
    " r.received_on, r.resolution, r.resolved_on, r.status, r.working_days,"           \
    " r.created_by, r.created_at, r.updated_at, r.version"
#define REQ_FROM                                                                       \
    " FROM service_requests r JOIN enterprises e ON e.id = r.enterprise_id"             \
    " LEFT JOIN departments d ON d.id = r.dept_id"                                      \
    " LEFT JOIN departments rd ON rd.id = r.recv_dept_id"
/* a request is seen by the receiving and by the responsible department */
#define REQ_SCOPE                                                                      \
    "(" SCOPE_SQL("r.dept_id", "r.created_by") " OR "                                  \
    SCOPE_SQL("r.recv_dept_id", "r.created_by") ")"

static void fix_request(json_t *r)
{
    set_label(r, "source", service_sources);
    set_label(r, "category", service_categories);
    set_label(r, "status", service_status);
}

static enum fz_err request_get(struct db *db, const struct fz_user *actor, int64_t id,
                               json_t **out)
{
    enum fz_err rc = db_query_row(db, out, REQ_COLS REQ_FROM " WHERE r.id = ?4 AND "
                                  REQ_SCOPE, "iiii", SCOPE_ARGS(actor), id);
    if (!rc)
        fix_request(*out);
    return rc;
}

/* request_days: the time taken, in working days after received_on up to resolved_on
 * (calendar_workdays_between, DOMAIN.md §2.2: the day of receipt is not counted); NULL
 * while unresolved or when the calendar of a year involved is not loaded. */
static enum fz_err request_days(struct db *db, json_t *clean)
{
    const char *from = str_of(clean, "received_on"), *to = str_of(clean, "resolved_on");
    if (!to)
        return FZ_OK;
    struct calendar *cal = NULL;
    int32_t a = 0, b = 0;
    int n = 0;
    enum fz_err rc = calendar_load(db, &cal);
    if (!rc)
        rc = calendar_day(from, &a);
    if (!rc)
        rc = calendar_day(to, &b);
    if (!rc)
        rc = calendar_workdays_between(cal, a, b, &n);
    calendar_free(cal);
    if (rc == FZ_ENOTFOUND)
        return FZ_OK;
    if (!rc)
        json_object_set_new(clean, "working_days", json_integer(n));
    return rc;
}

/* request_resolution: a resolved request has its resolution and date, not before the
 * receipt; an unresolved one has no date */
static enum fz_err request_resolution(json_t *clean, struct fz_problem *p)
{
    const char *until = str_of(clean, "resolved_on");
    bool resolved = str_eq(str_of(clean, "status"), "resolved");
    if (resolved && !until) {
        fz_problem_set(p, "resolved_on", NULL, "已办结的诉求须填写办结日期");
        return FZ_EINVAL;
    }
    if (resolved && !*str_of(clean, "resolution")) {
        fz_problem_set(p, "resolution", NULL, "已办结的诉求须填写办理结果");
        return FZ_EINVAL;
    }
    if (!resolved && until) {
        fz_problem_set(p, "resolved_on", NULL, "诉求未办结，不能填写办结日期");
        return FZ_EINVAL;
    }
    if (until && strcmp(until, str_of(clean, "received_on")) < 0) {
        fz_problem_set(p, "resolved_on", NULL, "办结日期不能早于受理日期");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

/* request_visit: a follow-up of a visit names a visit of the same enterprise */
static enum fz_err request_visit(struct db *db, json_t *clean, struct fz_problem *p)
{
    int64_t visit = int_of(clean, "visit_id");
    if (!visit)
        return FZ_OK;
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n, "SELECT count(*) FROM service_visits"
                                  " WHERE id = ? AND enterprise_id = ?", "ii", visit,
                                  int_of(clean, "enterprise_id"));
    if (!rc && !n) {
        fz_problem_set(p, "visit_id", NULL, "走访记录不存在或不是该企业的走访");
        return FZ_EINVAL;
    }
    json_object_set_new(clean, "source", json_string("visit"));
    return rc;
}

static enum fz_err request_rules(struct db *db, const struct fz_user *actor, json_t *clean,
                                 const json_t *cur, struct fz_problem *p)
{
    enum fz_err rc = enterprise_must_exist(db, clean, p);
    if (!rc)
        rc = must_exist(db, "SELECT count(*) FROM departments WHERE id = ?",
                        int_of(clean, "dept_id"), "dept_id", "责任部门不存在", p);
    if (!rc)
        rc = org_dept(db, actor, clean, cur, "recv_dept_id", "受理部门", p);
    if (!rc)
        rc = request_visit(db, clean, p);
    if (!rc)
        rc = request_resolution(clean, p);
    if (!rc)
        rc = request_days(db, clean);
    return rc;
}

static const struct entity request_entity = {
    .what = "企业诉求",
    .fields = request_fields,
    .insert_sql = "INSERT INTO service_requests(enterprise_id, source, visit_id, category,"
                  " problem, recv_dept_id, dept_id, received_on, resolution, resolved_on,"
                  " status, working_days, created_by, created_at, updated_at) VALUES (?1,"
                  " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    .update_sql = "UPDATE service_requests SET enterprise_id = ?1, source = ?2,"
                  " visit_id = ?3, category = ?4, problem = ?5, recv_dept_id = ?6,"
                  " dept_id = ?7, received_on = ?8, resolution = ?9, resolved_on = ?10,"
                  " status = ?11, working_days = ?12, updated_at = ?13,"
                  " version = version + 1 WHERE id = ?14 AND version = ?15",
    .get = request_get,
    .rules = request_rules,
};

enum fz_err registries_request_create(struct db *db, const struct fz_user *actor,
                                      json_t *in, int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &request_entity, actor, in, id, p);
}

enum fz_err registries_request_update(struct db *db, const struct fz_user *actor,
                                      int64_t id, int64_t version, json_t *in,
                                      struct fz_problem *p)
{
    return entity_update(db, &request_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_request_get(struct db *db, const struct fz_user *actor, int64_t id,
                                   json_t **out)
{
    return request_get(db, actor, id, out);
}

#define REQ_WHERE                                                                      \
    REQ_FROM " WHERE " REQ_SCOPE " AND (?4 IS NULL OR e.name LIKE '%' || ?4 || '%'"     \
    " OR e.uscc LIKE '%' || upper(?4) || '%' OR r.problem LIKE '%' || ?4 || '%')"       \
    " AND (?5 IS NULL OR r.category = ?5) AND (?6 IS NULL OR r.status = ?6)"            \
    " AND (?7 IS NULL OR r.source = ?7) AND (?8 IS NULL OR r.received_on >= ?8)"        \
    " AND (?9 IS NULL OR r.received_on <= ?9) AND (?10 = 0 OR r.enterprise_id = ?10)"   \
    " AND (?11 = 0 OR r.dept_id = ?11) AND (?12 = 0 OR r.visit_id = ?12)"

enum fz_err registries_requests_list(struct db *db, const struct fz_user *actor,
                                     const struct registries_filter *f, json_t **items,
                                     int64_t *total)
{
    char cnt[8192], page[8192];
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, REQ_COLS, REQ_WHERE,
                              f->order ? f->order : "r.received_on DESC, r.id DESC", 12);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "iiittttttiii", SCOPE_ARGS(actor), f->q,
                          f->category, f->status, f->source, f->from, f->to,
                          f->enterprise_id, f->dept_id, f->visit_id);
    if (!rc)
        rc = db_query_json(db, items, page, "iiittttttiii" "ii", SCOPE_ARGS(actor), f->q,
                           f->category, f->status, f->source, f->from, f->to,
                           f->enterprise_id, f->dept_id, f->visit_id, limit_of(f),
                           f->offset);
    size_t i;
    json_t *r;
    if (!rc)
        json_array_foreach(*items, i, r)
            fix_request(r);
    return rc;
}

/* ---- 信易贷 promotion contacts ---- */

static const struct field financing_fields[] = {
    { "enterprise_id", F_REF, F_REQ, 0, "企业", NULL },
    { "contacted_on", F_DATE, F_REQ, 0, "对接日期", NULL },
    { "channel", F_ENUM, F_REQ, 0, "宣传方式", financing_channels },
    { "staff", F_LIST, 0, 20, "工作人员", NULL },
    { "financing_need", F_TEXT, 0, 1000, "融资需求", NULL },
    { "need_amount", F_AMOUNT, F_NULL, 0, "需求金额", NULL },
    { "outcome", F_ENUM, 0, 0, "对接结果", financing_outcomes },
    { "applied_amount", F_AMOUNT, F_NULL, 0, "申请金额", NULL },
    { "granted_amount", F_AMOUNT, F_NULL, 0, "获贷金额", NULL },
    { "lender", F_TEXT, 0, 128, "放款机构", NULL },
    { "dept_id", F_REF, F_NULL, 0, "组织部门", NULL },
    { "notes", F_TEXT, 0, 2000, "备注", NULL },
    { NULL, F_TEXT, 0, 0, NULL, NULL },
};

#define FIN_COLS                                                                       \
    "SELECT f.id, f.enterprise_id, e.name AS enterprise_name,"                         \
    " e.uscc AS enterprise_uscc, f.contacted_on, f.channel, f.staff, f.financing_need," \
    " f.need_amount, f.outcome, f.applied_amount, f.granted_amount, f.lender,"         \
    " f.dept_id, d.name AS dept_name, f.notes, f.created_by, f.created_at,"            \
    " f.updated_at, f.version"
#define FIN_FROM                                                                       \
    " FROM financing_contacts f JOIN enterprises e ON e.id = f.enterprise_id"           \
    " LEFT JOIN departments d ON d.id = f.dept_id"
#define FIN_SCOPE SCOPE_SQL("f.dept_id", "f.created_by")

static void fix_financing(json_t *f)
{
    decode_lists(financing_fields, f);
    set_label(f, "channel", financing_channels);
    set_label(f, "outcome", financing_outcomes);
}

static enum fz_err financing_get(struct db *db, const struct fz_user *actor, int64_t id,
                                 json_t **out)
{
    enum fz_err rc = db_query_row(db, out, FIN_COLS FIN_FROM " WHERE f.id = ?4 AND "
                                  FIN_SCOPE, "iiii", SCOPE_ARGS(actor), id);
    if (!rc)
        fix_financing(*out);
    return rc;
}

/* financing_amounts: an application amount only once applied for (applied, granted,
 * declined); a granted amount exactly when the loan was granted */
static enum fz_err financing_amounts(const json_t *clean, struct fz_problem *p)
{
    const char *outcome = str_of(clean, "outcome");
    bool applied = str_eq(outcome, "applied") || str_eq(outcome, "granted") ||
                   str_eq(outcome, "declined");
    bool granted = str_eq(outcome, "granted");
    const json_t *ga = json_object_get(clean, "granted_amount");
    if (!applied && !json_is_null(json_object_get(clean, "applied_amount"))) {
        fz_problem_set(p, "applied_amount", NULL, "尚未申请贷款，不能填写申请金额");
        return FZ_EINVAL;
    }
    if (!granted && !json_is_null(ga)) {
        fz_problem_set(p, "granted_amount", NULL, "未获得贷款，不能填写获贷金额");
        return FZ_EINVAL;
    }
    if (granted && (json_is_null(ga) || json_real_value(ga) <= 0)) {
        fz_problem_set(p, "granted_amount", NULL, "已获得贷款须填写获贷金额（万元）");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err financing_rules(struct db *db, const struct fz_user *actor,
                                   json_t *clean, const json_t *cur, struct fz_problem *p)
{
    enum fz_err rc = enterprise_must_exist(db, clean, p);
    if (!rc)
        rc = org_dept(db, actor, clean, cur, "dept_id", "组织部门", p);
    if (!rc)
        rc = financing_amounts(clean, p);
    return rc;
}

static const struct entity financing_entity = {
    .what = "信易贷对接记录",
    .fields = financing_fields,
    .insert_sql = "INSERT INTO financing_contacts(enterprise_id, contacted_on, channel,"
                  " staff, financing_need, need_amount, outcome, applied_amount,"
                  " granted_amount, lender, dept_id, notes, created_by, created_at,"
                  " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                  " ?12, ?13, ?14, ?14)",
    .update_sql = "UPDATE financing_contacts SET enterprise_id = ?1, contacted_on = ?2,"
                  " channel = ?3, staff = ?4, financing_need = ?5, need_amount = ?6,"
                  " outcome = ?7, applied_amount = ?8, granted_amount = ?9, lender = ?10,"
                  " dept_id = ?11, notes = ?12, updated_at = ?13, version = version + 1"
                  " WHERE id = ?14 AND version = ?15",
    .get = financing_get,
    .rules = financing_rules,
};

enum fz_err registries_financing_create(struct db *db, const struct fz_user *actor,
                                        json_t *in, int64_t *id, struct fz_problem *p)
{
    return entity_create(db, &financing_entity, actor, in, id, p);
}

enum fz_err registries_financing_update(struct db *db, const struct fz_user *actor,
                                        int64_t id, int64_t version, json_t *in,
                                        struct fz_problem *p)
{
    return entity_update(db, &financing_entity, actor, id, version, in, NULL, p);
}

enum fz_err registries_financing_get(struct db *db, const struct fz_user *actor,
                                     int64_t id, json_t **out)
{
    return financing_get(db, actor, id, out);
}

#define FIN_WHERE                                                                      \
    FIN_FROM " WHERE " FIN_SCOPE " AND (?4 IS NULL OR e.name LIKE '%' || ?4 || '%'"     \
    " OR e.uscc LIKE '%' || upper(?4) || '%' OR f.financing_need LIKE '%' || ?4 || '%'" \
    " OR f.lender LIKE '%' || ?4 || '%') AND (?5 IS NULL OR f.channel = ?5)"            \
    " AND (?6 IS NULL OR f.outcome = ?6) AND (?7 IS NULL OR f.contacted_on >= ?7)"      \
    " AND (?8 IS NULL OR f.contacted_on <= ?8) AND (?9 = 0 OR f.enterprise_id = ?9)"    \
    " AND (?10 = 0 OR f.dept_id = ?10)"

enum fz_err registries_financing_list(struct db *db, const struct fz_user *actor,
                                      const struct registries_filter *f, json_t **items,
                                      int64_t *total)
{
    char cnt[4096], page[4096];
    enum fz_err rc = list_sql(cnt, page, sizeof cnt, FIN_COLS, FIN_WHERE,
                              f->order ? f->order : "f.contacted_on DESC, f.id DESC", 10);
    if (!rc && total)
        rc = db_query_int(db, total, cnt, "iiitttttii", SCOPE_ARGS(actor), f->q,
                          f->channel, f->outcome, f->from, f->to, f->enterprise_id,
                          f->dept_id);
    if (!rc)
        rc = db_query_json(db, items, page, "iiitttttii" "ii", SCOPE_ARGS(actor), f->q,
                           f->channel, f->outcome, f->from, f->to, f->enterprise_id,
                           f->dept_id, limit_of(f), f->offset);
    size_t i;
    json_t *x;
    if (!rc)
        json_array_foreach(*items, i, x)
            fix_financing(x);
    return rc;
}

/* registries_service_codes: the code tables of the enterprise-service registers */
json_t *registries_service_codes(void)
{
    const struct {
        const char *name;
        const struct code_label *t;
    } tables[] = {
        { "source", service_sources }, { "category", service_categories },
        { "status", service_status }, { "channel", financing_channels },
        { "outcome", financing_outcomes },
    };
    json_t *o = json_object();
    for (size_t k = 0; o && k < sizeof tables / sizeof *tables; k++) {
        json_t *arr = json_array();
        for (const struct code_label *c = tables[k].t; c->code; c++)
            json_array_append_new(arr, json_pack("{s:s, s:s}", "value", c->code, "label",
                                                 c->label));
        json_object_set_new(o, tables[k].name, arr);
    }
    return o;
}

enum fz_err registries_enterprise_service(struct db *db, const struct fz_user *actor,
                                          int64_t id, json_t **out)
{
    json_t *ent = NULL, *reqs = NULL, *visits = NULL, *fin = NULL;
    struct registries_filter f = { .enterprise_id = id };
    enum fz_err rc = enterprise_get(db, NULL, id, &ent);
    if (!rc)
        rc = registries_requests_list(db, actor, &f, &reqs, NULL);
    if (!rc)
        rc = registries_visits_list(db, actor, &f, &visits, NULL);
    if (!rc)
        rc = registries_financing_list(db, actor, &f, &fin, NULL);
    if (rc) {
        json_decref(ent);
        json_decref(reqs);
        json_decref(visits);
        return rc;
    }
    *out = json_pack("{s:o, s:o, s:o, s:o}", "enterprise", ent, "requests", reqs, "visits",
                     visits, "financing", fin);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* ---- scanned commitment letters ---- */

/* scan_type: the content type of a scan by its first bytes (PDF, JPEG, PNG, TIFF, OFD);
 * NULL for anything else */
static const char *scan_type(const char *path)
{
    unsigned char b[8] = {0};
    FILE *fp = fopen(path, "rb");
    size_t n = fp ? fread(b, 1, sizeof b, fp) : 0;
    if (fp)
        fclose(fp);
    if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return "application/pdf";
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return "image/jpeg";
    if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (n >= 4 && (memcmp(b, "II*\0", 4) == 0 || memcmp(b, "MM\0*", 4) == 0))
        return "image/tiff";
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        return "application/ofd";
    return NULL;
}

#define SCAN_COLS                                                                      \
    "SELECT s.id, s.commitment_id, s.filename, s.content_type, s.size, s.sha256,"      \
    " s.sm3, s.uploaded_by, u.display_name AS uploaded_by_name, s.uploaded_at"         \
    " FROM commitment_scans s LEFT JOIN users u ON u.id = s.uploaded_by"

enum fz_err registries_scan_add(struct db *db, const struct fz_user *actor, int64_t id,
                                const struct fz_upload *up, json_t **out,
                                struct fz_problem *p)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n, "SELECT count(*) FROM commitments WHERE id = ?",
                                  "i", id);
    if (!rc && !n)
        rc = FZ_ENOTFOUND;
    if (rc)
        return rc;
    const char *type = scan_type(up->path);
    if (!type || !up->size) {
        fz_problem_set(p, "file", NULL, "扫描件应为 PDF、JPEG、PNG、TIFF 或 OFD 文件");
        return FZ_EINVAL;
    }
    char now[FZ_TS_LEN];
    time_now(now);
    rc = db_run(db, NULL,
                "INSERT INTO commitment_scans(commitment_id, filename, content_type, size,"
                " sha256, sm3, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?,"
                " nullif(?, 0), ?)", "itti" "tt" "it", id,
                up->filename[0] ? up->filename : "scan", type, (int64_t)up->size,
                up->sha256, up->sm3, actor ? actor->id : 0, now);
    int64_t sid = db_last_id(db);
    if (!rc)
        rc = db_query_row(db, out, SCAN_COLS " WHERE s.id = ?", "i", sid);
    return rc;
}

enum fz_err registries_scan_get(struct db *db, int64_t id, json_t **out)
{
    return db_query_row(db, out, SCAN_COLS " WHERE s.commitment_id = ?"
                        " ORDER BY s.id DESC LIMIT 1", "i", id);
}

enum fz_err registries_verify_files(struct db *db, const char *root, json_t **bad,
                                    int64_t *n)
{
    *bad = NULL;
    *n = 0;
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(db, &rows, "SELECT id, commitment_id, filename, size,"
                                   " sha256, sm3 FROM commitment_scans ORDER BY id", "");
    size_t i;
    json_t *r;
    if (!rc) {
        json_array_foreach(rows, i, r) {
            enum fz_err c = files_check(root, str_of(r, "sha256"), str_of(r, "sm3"),
                                        (uint64_t)int_of(r, "size"));
            (*n)++;
            if (c == FZ_ENOTFOUND || c == FZ_ECONFLICT) {
                json_object_set_new(r, "problem", json_string(c == FZ_ENOTFOUND
                                                              ? "missing" : "altered"));
                *bad = json_incref(r);
                break;
            }
            if (c) {
                rc = c;
                break;
            }
        }
    }
    json_decref(rows);
    return rc;
}

/* ---- the credit page of one enterprise ---- */

static int64_t count_where(const json_t *arr, const char *key, const char *value)
{
    int64_t n = 0;
    size_t i;
    const json_t *v;
    json_array_foreach(arr, i, v)
        n += str_eq(str_of(v, key), value) && !json_is_true(json_object_get(v, "expired"));
    return n;
}

enum fz_err registries_enterprise_credit(struct db *db, int64_t id, json_t **out)
{
    json_t *ent = NULL, *commits = NULL, *briefs = NULL, *breaches = NULL;
    struct registries_filter f = { .enterprise_id = id };
    enum fz_err rc = enterprise_get(db, NULL, id, &ent);
    if (!rc)
        rc = registries_commitments_list(db, &f, &commits, NULL);
    if (!rc)
        rc = db_query_json(db, &briefs,
                           "SELECT b.id, b.title, b.held_on, b.location, b.speaker,"
                           " b.people_count FROM briefings b JOIN briefing_attendees a"
                           " ON a.briefing_id = b.id WHERE a.enterprise_id = ?"
                           " ORDER BY b.held_on DESC, b.id DESC", "i", id);
    if (!rc)
        rc = registries_breaches_list(db, &f, &breaches, NULL);
    if (rc) {
        json_decref(ent);
        json_decref(commits);
        json_decref(briefs);
        return rc;
    }
    json_t *summary = json_pack(
        "{s:I, s:I, s:I, s:I, s:I}", "commitments", (json_int_t)json_array_size(commits),
        "valid_commitments", (json_int_t)count_where(commits, "status", "valid"),
        "briefings", (json_int_t)json_array_size(briefs), "breaches",
        (json_int_t)json_array_size(breaches), "open_breaches",
        (json_int_t)count_where(breaches, "status", "open"));
    *out = json_pack("{s:o, s:o, s:o, s:o, s:o}", "enterprise", ent, "commitments", commits,
                     "briefings", briefs, "breaches", breaches, "summary", summary);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* ---- statistics ---- */

/* stat_int: one figure, a count or sum over [?1, ?2] */
static enum fz_err stat_int(struct db *db, json_t *o, const char *key, const char *sql,
                            const char *from, const char *to)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n, sql, "tt", from, to);
    if (!rc)
        json_object_set_new(o, key, json_integer(n));
    return rc;
}

static enum fz_err stat_enterprises(struct db *db, const char *from, const char *to,
                                    json_t *out)
{
    json_t *o = json_object();
    json_object_set_new(out, "enterprises", o);
    enum fz_err rc = stat_int(db, o, "settled",
                              "SELECT count(*) FROM enterprises WHERE settled_on BETWEEN ?1"
                              " AND ?2", from, to);
    int64_t n = 0;
    if (!rc)
        rc = db_query_int(db, &n, "SELECT count(*) FROM enterprises WHERE status = 'active'",
                          "");
    if (!rc)
        json_object_set_new(o, "active_now", json_integer(n));
    return rc;
}

/* by_code: {code: n} for every code of t, from rows [{code, n}] of a GROUP BY */
static json_t *by_code(const struct code_label *t, const json_t *rows, const char *key)
{
    json_t *o = json_object();
    for (; t->code; t++) {
        int64_t n = 0;
        size_t i;
        const json_t *r;
        json_array_foreach(rows, i, r)
            if (str_eq(str_of(r, key), t->code))
                n = int_of(r, "n");
        json_object_set_new(o, t->code, json_integer(n));
    }
    return o;
}

static enum fz_err stat_commitments(struct db *db, const char *from, const char *to,
                                    json_t *out)
{
    json_t *o = json_object(), *rows = NULL;
    json_object_set_new(out, "commitments", o);
    enum fz_err rc = stat_int(db, o, "signed",
                              "SELECT count(*) FROM commitments WHERE signed_on BETWEEN ?1"
                              " AND ?2", from, to);
    if (!rc)
        rc = stat_int(db, o, "signed_by_new_enterprises",
                      "SELECT count(*) FROM commitments c JOIN enterprises e"
                      " ON e.id = c.enterprise_id WHERE c.signed_on BETWEEN ?1 AND ?2"
                      " AND e.settled_on BETWEEN ?1 AND ?2", from, to);
    if (!rc)
        rc = db_query_json(db, &rows,
                           "SELECT kind, count(*) AS n FROM commitments WHERE signed_on"
                           " BETWEEN ?1 AND ?2 GROUP BY kind", "tt", from, to);
    if (!rc)
        json_object_set_new(o, "by_kind", by_code(commitment_kinds, rows, "kind"));
    json_decref(rows);
    return rc;
}

static enum fz_err stat_row(struct db *db, json_t *out, const char *key, const char *sql,
                            const char *from, const char *to)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row, sql, "tt", from, to);
    if (!rc)
        json_object_set_new(out, key, row);
    return rc;
}

static enum fz_err stat_credit(struct db *db, const char *from, const char *to, json_t *out)
{
    enum fz_err rc = stat_row(db, out, "briefings",
                              "SELECT count(*) AS count, coalesce(sum(people_count), 0)"
                              " AS people FROM briefings WHERE held_on BETWEEN ?1 AND ?2",
                              from, to);
    if (!rc)
        rc = stat_int(db, json_object_get(out, "briefings"), "enterprises",
                      "SELECT count(DISTINCT a.enterprise_id) FROM briefing_attendees a"
                      " JOIN briefings b ON b.id = a.briefing_id WHERE b.held_on"
                      " BETWEEN ?1 AND ?2", from, to);
    if (!rc)
        rc = stat_row(db, out, "breaches",
                      "SELECT count(*) AS count, coalesce(sum(status = 'handled'), 0)"
                      " AS handled FROM breaches WHERE found_on BETWEEN ?1 AND ?2", from, to);
    return rc;
}

#define ACT_SUMS                                                                       \
    " count(*) AS count, coalesce(sum(a.audience), 0) AS audience,"                    \
    " coalesce(sum(a.enterprises_reached), 0) AS enterprises_reached,"                 \
    " coalesce(sum(a.reads), 0) AS reads, coalesce(sum(a.leaflets), 0) AS leaflets,"   \
    " coalesce(sum(a.app_installs), 0) AS app_installs,"                               \
    " coalesce(sum(a.warnings), 0) AS warnings"
#define ACT_PERIOD " FROM activities a WHERE " ACT_SCOPE " AND a.held_on BETWEEN ?4 AND ?5"

static json_t *zero_sums(void)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "count", 0, "audience", 0,
                     "enterprises_reached", 0, "reads", 0, "leaflets", 0, "app_installs", 0,
                     "warnings", 0);
}

/* sums_into: rows [{key, count, ...}] laid over zeroed entries of o keyed by key */
static void sums_into(json_t *o, const json_t *rows, const char *key)
{
    size_t i;
    const json_t *r;
    json_array_foreach(rows, i, r) {
        json_t *dst = json_object_get(o, str_of(r, key));
        if (dst)
            json_object_update_existing(dst, (json_t *)r);
    }
}

static enum fz_err stat_activities(struct db *db, const struct fz_user *actor,
                                   const char *from, const char *to, json_t *out)
{
    json_t *kinds = json_object(), *groups = json_object(), *rows = NULL;
    json_object_set_new(out, "activities", kinds);
    json_object_set_new(out, "activity_groups", groups);
    for (const struct kind_rule *k = kind_rules; k->kind; k++) {
        json_t *z = zero_sums();
        json_object_set_new(z, "label", json_string(k->label));
        json_object_set_new(z, "group", json_string(k->group));
        json_object_set_new(kinds, k->kind, z);
        if (!json_object_get(groups, k->group))
            json_object_set_new(groups, k->group, zero_sums());
    }
    enum fz_err rc = db_query_json(db, &rows, "SELECT a.kind," ACT_SUMS ACT_PERIOD
                                   " GROUP BY a.kind", "iiitt", SCOPE_ARGS(actor), from, to);
    if (!rc)
        sums_into(kinds, rows, "kind");
    json_decref(rows);
    rows = NULL;
    if (!rc)
        rc = db_query_json(db, &rows, "SELECT " ACT_GROUP " AS grp," ACT_SUMS ACT_PERIOD
                           " GROUP BY grp", "iiitt", SCOPE_ARGS(actor), from, to);
    if (!rc)
        sums_into(groups, rows, "grp");
    json_decref(rows);
    json_t *study = NULL;
    if (!rc)
        rc = db_query_row(db, &study,
                          "SELECT count(*) AS sessions, coalesce(sum(a.kind ="
                          " 'study_first_topic'), 0) AS first_topic, coalesce(sum(a.kind ="
                          " 'study_theory_group'), 0) AS theory_group,"
                          " coalesce(sum(json_array_length(a.attendees)), 0) AS attendance"
                          ACT_PERIOD " AND a.kind IN ('study_first_topic',"
                          " 'study_theory_group')", "iiitt", SCOPE_ARGS(actor), from, to);
    if (!rc)
        json_object_set_new(out, "study", study);
    return rc;
}

/* stat_list: a JSON array the query builds (json_group_array over ?1-?5) under key */
static enum fz_err stat_list(struct db *db, const struct fz_user *actor, json_t *out,
                             const char *key, const char *sql, const char *from,
                             const char *to)
{
    char *text = NULL;
    enum fz_err rc = db_query_text(db, &text, sql, "iiitt", SCOPE_ARGS(actor), from, to);
    json_t *arr = rc ? NULL : json_loads(text, 0, NULL);
    free(text);
    if (!rc)
        json_object_set_new(out, key, arr ? arr : json_array());
    return rc;
}

static enum fz_err stat_covered(struct db *db, const struct fz_user *actor,
                                const char *from, const char *to, json_t *out)
{
    enum fz_err rc = stat_list(db, actor, out, "laws",
                               "SELECT json_group_array(v) FROM (SELECT DISTINCT j.value AS v"
                               " FROM activities a, json_each(a.laws) j WHERE " ACT_SCOPE
                               " AND a.held_on BETWEEN ?4 AND ?5 ORDER BY v)", from, to);
    if (!rc)
        rc = stat_list(db, actor, out, "partners",
                       "SELECT json_group_array(v) FROM (SELECT DISTINCT a.partner AS v"
                       ACT_PERIOD " AND a.partner <> '' ORDER BY v)", from, to);
    if (!rc)
        rc = stat_list(db, actor, out, "departments",
                       "SELECT json_group_array(v) FROM (SELECT DISTINCT j.value AS v"
                       " FROM activities a, json_each(a.departments) j WHERE " ACT_SCOPE
                       " AND a.held_on BETWEEN ?4 AND ?5 ORDER BY v)", from, to);
    return rc;
}

/* stat_group: {code: n} of table t from a "SELECT <col>, count(*) AS n ... GROUP BY"
 * over the actor's scope (?1-?3) and the period (?4, ?5) */
static enum fz_err stat_group(struct db *db, const struct fz_user *actor, json_t *o,
                              const char *key, const char *sql, const struct code_label *t,
                              const char *from, const char *to)
{
    json_t *rows = NULL;
    enum fz_err rc = db_query_json(db, &rows, sql, "iiitt", SCOPE_ARGS(actor), from, to);
    if (!rc)
        json_object_set_new(o, key, by_code(t, rows, "code"));
    json_decref(rows);
    return rc;
}

/* stat_scoped_row: one row of figures over the actor's scope and the period, put into o */
static enum fz_err stat_scoped_row(struct db *db, const struct fz_user *actor, json_t *o,
                                   const char *sql, const char *from, const char *to)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row, sql, "iiitt", SCOPE_ARGS(actor), from, to);
    if (!rc)
        json_object_update(o, row);
    json_decref(row);
    return rc;
}

#define REQ_PERIOD                                                                     \
    " FROM service_requests r WHERE " REQ_SCOPE " AND r.received_on BETWEEN ?4 AND ?5"

/* stat_requests: the 双万双服 requests received in the period: count, by status,
 * category and source, the resolved ones' working days (sum, count, average, longest),
 * and per responsible department */
static enum fz_err stat_requests(struct db *db, const struct fz_user *actor,
                                 const char *from, const char *to, json_t *out)
{
    json_t *o = json_object(), *depts = NULL;
    json_object_set_new(out, "service_requests", o);
    enum fz_err rc = stat_scoped_row(db, actor, o,
        "SELECT count(*) AS received, coalesce(sum(CASE WHEN r.status = 'resolved'"
        " THEN 1 ELSE 0 END), 0) AS resolved, count(r.working_days) AS timed,"
        " coalesce(sum(r.working_days), 0) AS working_days_total,"
        " coalesce(max(r.working_days), 0) AS working_days_max" REQ_PERIOD, from, to);
    int64_t timed = int_of(o, "timed");
    json_object_set_new(o, "working_days_avg",
                        timed ? json_real((double)llround(10.0 *
                                (double)int_of(o, "working_days_total") / (double)timed) / 10)
                              : json_null());
    if (!rc)
        rc = stat_group(db, actor, o, "by_status", "SELECT r.status AS code, count(*) AS n"
                        REQ_PERIOD " GROUP BY r.status", service_status, from, to);
    if (!rc)
        rc = stat_group(db, actor, o, "by_category", "SELECT r.category AS code,"
                        " count(*) AS n" REQ_PERIOD " GROUP BY r.category",
                        service_categories, from, to);
    if (!rc)
        rc = stat_group(db, actor, o, "by_source", "SELECT r.source AS code, count(*) AS n"
                        REQ_PERIOD " GROUP BY r.source", service_sources, from, to);
    if (!rc)
        rc = db_query_json(db, &depts,
            "SELECT r.dept_id, d.name AS dept_name, count(*) AS count,"
            " coalesce(sum(CASE WHEN r.status = 'resolved' THEN 1 ELSE 0 END), 0)"
            " AS resolved FROM service_requests r JOIN departments d ON d.id = r.dept_id"
            " WHERE " REQ_SCOPE " AND r.received_on BETWEEN ?4 AND ?5"
            " GROUP BY r.dept_id, d.name ORDER BY count(*) DESC, r.dept_id", "iiitt",
            SCOPE_ARGS(actor), from, to);
    if (!rc)
        json_object_set_new(o, "by_dept", depts);
    return rc;
}

#define FIN_PERIOD                                                                     \
    " FROM financing_contacts f WHERE " FIN_SCOPE " AND f.contacted_on BETWEEN ?4 AND ?5"

/* stat_service: visits and 信易贷 contacts of the period, after the requests */
static enum fz_err stat_service(struct db *db, const struct fz_user *actor,
                                const char *from, const char *to, json_t *out)
{
    enum fz_err rc = stat_requests(db, actor, from, to, out);
    json_t *v = json_object(), *f = json_object();
    json_object_set_new(out, "service_visits", v);
    json_object_set_new(out, "financing", f);
    if (!rc)
        rc = stat_scoped_row(db, actor, v,
            "SELECT count(*) AS count, count(DISTINCT v.enterprise_id) AS enterprises,"
            " coalesce(sum((SELECT count(*) FROM service_requests r"
            " WHERE r.visit_id = v.id)), 0) AS follow_up_requests FROM service_visits v"
            " WHERE " VISIT_SCOPE " AND v.visited_on BETWEEN ?4 AND ?5", from, to);
    if (!rc)
        rc = stat_scoped_row(db, actor, f,
            "SELECT count(*) AS count, count(DISTINCT f.enterprise_id) AS enterprises,"
            " count(DISTINCT CASE WHEN f.outcome = 'granted' THEN f.enterprise_id END)"
            " AS granted_enterprises, coalesce(sum(f.applied_amount), 0) AS applied_amount,"
            " coalesce(sum(f.granted_amount), 0) AS granted_amount" FIN_PERIOD, from, to);
    if (!rc)
        rc = stat_group(db, actor, f, "by_channel", "SELECT f.channel AS code, count(*) AS n"
                        FIN_PERIOD " GROUP BY f.channel", financing_channels, from, to);
    if (!rc)
        rc = stat_group(db, actor, f, "by_outcome", "SELECT f.outcome AS code, count(*) AS n"
                        FIN_PERIOD " GROUP BY f.outcome", financing_outcomes, from, to);
    return rc;
}

enum fz_err registries_stats(struct db *db, const struct fz_user *actor, const char *from,
                             const char *to, json_t **out)
{
    json_t *o = json_pack("{s:s, s:s}", "from", from, "to", to);
    if (!o)
        return FZ_ENOMEM;
    enum fz_err rc = stat_enterprises(db, from, to, o);
    if (!rc)
        rc = stat_commitments(db, from, to, o);
    if (!rc)
        rc = stat_credit(db, from, to, o);
    if (!rc)
        rc = stat_activities(db, actor, from, to, o);
    if (!rc)
        rc = stat_covered(db, actor, from, to, o);
    if (!rc)
        rc = stat_service(db, actor, from, to, o);
    if (rc)
        json_decref(o);
    else
        *out = o;
    return rc;
}

/* ---- import of the enterprise registry ---- */

/* the columns an import understands; names are '|'-separated, the first is Chinese */
struct import_col {
    const char *field;
    const char *names;
};

static const struct import_col import_cols[] = {
    { "name", "企业名称|单位名称|名称|name" },
    { "uscc", "统一社会信用代码|社会信用代码|信用代码|uscc" },
    { "legal_rep", "法定代表人|法人代表|法人|legal_rep" },
    { "address", "地址|注册地址|经营地址|address" },
    { "industry", "行业|所属行业|industry" },
    { "settled_on", "入驻日期|入驻时间|settled_on" },
    { "contact_name", "联系人|contact_name|contact" },
    { "contact_phone", "联系电话|电话|contact_phone|phone" },
    { "status", "状态|status" },
    { "remark", "备注|remark" },
};
#define NCOLS (sizeof import_cols / sizeof *import_cols)

struct import_ctx {
    struct db *db;
    const struct fz_user *actor;
    const struct table *t;
    long col[NCOLS];            /* index of each import column in the file, or -1 */
    json_t *seen;               /* uscc -> row number, for duplicates within the file */
    json_t *report;
};

/* header_is: does the header cell h (trimmed, a trailing * dropped) name col? */
static bool header_is(const char *h, const struct import_col *col)
{
    json_t *s = trimmed(h);
    char buf[128];
    str_copy(buf, sizeof buf, json_string_value(s));
    json_decref(s);
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '*')
        buf[--n] = '\0';
    for (const char *p = col->names; *p; ) {
        const char *end = strchr(p, '|');
        size_t k = end ? (size_t)(end - p) : strlen(p);
        if (k == n && strncasecmp(p, buf, k) == 0)
            return true;
        p += k + (end ? 1 : 0);
    }
    return false;
}

static enum fz_err map_header(struct import_ctx *c, struct fz_problem *p)
{
    const struct table_row *h = &c->t->rows[0];
    for (size_t k = 0; k < NCOLS; k++) {
        c->col[k] = -1;
        for (size_t i = 0; i < h->ncells && c->col[k] < 0; i++)
            if (header_is(h->cells[i], &import_cols[k]))
                c->col[k] = (long)i;
    }
    for (size_t k = 0; k < 2; k++) {           /* name and uscc are required */
        if (c->col[k] < 0) {
            const char *names = import_cols[k].names;
            fz_problem_set(p, "file", NULL, "表头缺少“%.*s”列（第 %lld 行）",
                           (int)(strchr(names, '|') - names), names,
                           (long long)h->line);
            return FZ_EINVAL;
        }
    }
    return FZ_OK;
}

/* cell: the trimmed cell of import column k in row r ("" when the file lacks it) */
static json_t *cell(const struct import_ctx *c, const struct table_row *r, size_t k)
{
    return trimmed(c->col[k] < 0 ? "" : table_cell(r, (size_t)c->col[k]));
}

/* header_text: the file's own header of import column k (for the report) */
static const char *header_text(const struct import_ctx *c, const char *field)
{
    for (size_t k = 0; k < NCOLS; k++)
        if (str_eq(import_cols[k].field, field) ||
            (str_eq(field, "contacts") && str_eq(import_cols[k].field, "contact_name")))
            return c->col[k] >= 0 ? table_cell(&c->t->rows[0], (size_t)c->col[k]) : field;
    return field ? field : "";
}

static void reject(struct import_ctx *c, const struct table_row *r, const char *field,
                   const char *reason, const char *value)
{
    json_array_append_new(json_object_get(c->report, "rejected"),
                          json_pack("{s:I, s:s, s:s, s:s}", "row", (json_int_t)r->line,
                                    "column", header_text(c, field), "reason", reason,
                                    "value", value ? value : ""));
}

/* with_contact: contacts with (name, phone) put first: an existing entry of that name
 * gets the phone (when given), otherwise it is added */
static json_t *with_contact(const json_t *contacts, const char *name, const char *phone)
{
    json_t *out = json_array();
    json_t *mine = json_pack("{s:s, s:s}", "name", name, "phone", phone);
    size_t i;
    const json_t *v;
    json_array_foreach(contacts, i, v) {
        if (str_eq(str_of(v, "name"), name)) {
            if (!*phone)
                json_object_set(mine, "phone", json_object_get(v, "phone"));
            continue;
        }
        json_array_append(out, (json_t *)v);
    }
    json_array_insert_new(out, 0, mine);
    return out;
}

static const char *status_code(const char *s)
{
    for (const struct code_label *t = enterprise_status; t->code; t++)
        if (str_eq(t->code, s) || str_eq(t->label, s))
            return t->code;
    return NULL;
}

/* row_input: the record of row r (non-empty cells only); false when r was rejected */
static bool row_input(struct import_ctx *c, const struct table_row *r, json_t *in)
{
    for (size_t k = 0; k < NCOLS; k++) {
        json_t *v = cell(c, r, k);
        const char *s = json_string_value(v);
        const char *field = import_cols[k].field;
        char date[11];
        if (*s && str_eq(field, "settled_on")) {
            if (registries_date(s, true, date)) {
                reject(c, r, field, "入驻日期应为有效日期，如 2023-05-08", s);
                json_decref(v);
                return false;
            }
            json_decref(v);
            v = json_string(date);
        } else if (*s && str_eq(field, "status")) {
            if (!status_code(s)) {
                reject(c, r, field, "状态应为 在园、已迁出 或 已注销", s);
                json_decref(v);
                return false;
            }
            const char *code = status_code(s);
            json_decref(v);
            v = json_string(code);
        }
        if (*json_string_value(v))
            json_object_set(in, field, v);
        json_decref(v);
    }
    return true;
}

/* check_code: the normalised uscc of row r, or NULL when r is rejected for it */
static const char *check_code(struct import_ctx *c, const struct table_row *r,
                              const json_t *in, struct uscc_result *ur)
{
    const char *raw = str_of(in, "uscc");
    char msg[160];
    if (uscc_check(raw ? raw : "", ur)) {
        reject(c, r, "uscc", uscc_message(ur, msg, sizeof msg), raw);
        return NULL;
    }
    json_t *first = json_object_get(c->seen, ur->code);
    if (first) {
        snprintf(msg, sizeof msg, "与第 %lld 行的统一社会信用代码重复",
                 (long long)json_integer_value(first));
        reject(c, r, "uscc", msg, raw);
        return NULL;
    }
    json_object_set_new(c->seen, ur->code, json_integer(r->line));
    return ur->code;
}

static void count(struct import_ctx *c, const char *key, const char *ids, int64_t id)
{
    json_object_set_new(c->report, key, json_integer(int_of(c->report, key) + 1));
    if (ids)
        json_array_append_new(json_object_get(c->report, ids), json_integer(id));
}

/* import_row: create or update the enterprise of row r; FZ_OK also when r is rejected */
static enum fz_err import_row(struct import_ctx *c, const struct table_row *r)
{
    json_t *in = json_object();
    struct uscc_result ur;
    const char *code = row_input(c, r, in) ? check_code(c, r, in, &ur) : NULL;
    if (!code) {
        json_decref(in);
        return FZ_OK;
    }
    json_object_set_new(in, "uscc", json_string(code));
    json_t *cur = NULL;
    int64_t id = 0;
    enum fz_err rc = db_query_int(c->db, &id, "SELECT id FROM enterprises WHERE uscc = ?",
                                  "t", code);
    if (!rc)
        rc = enterprise_get(c->db, NULL, id, &cur);
    const char *cname = str_of(in, "contact_name");
    if (cname) {
        const char *phone = str_of(in, "contact_phone");
        json_object_set_new(in, "contacts", with_contact(json_object_get(cur, "contacts"),
                                                         cname, phone ? phone : ""));
    }
    struct fz_problem p = {0};
    bool changed = false;
    if (rc == FZ_ENOTFOUND) {
        rc = entity_create(c->db, &enterprise_entity, c->actor, in, &id, &p);
        if (!rc)
            count(c, "created", "created_ids", id);
    } else if (!rc) {
        rc = entity_update(c->db, &enterprise_entity, c->actor, id, int_of(cur, "version"),
                           in, &changed, &p);
        if (!rc)
            count(c, changed ? "updated" : "unchanged", changed ? "updated_ids" : NULL, id);
    }
    if (rc == FZ_EINVAL || rc == FZ_ECONFLICT) {
        reject(c, r, p.field, p.message, str_of(in, p.field ? p.field : ""));
        rc = FZ_OK;
    }
    json_decref(cur);
    json_decref(in);
    return rc;
}

enum fz_err registries_enterprises_import(struct db *db, const struct fz_user *actor,
                                          const struct table *t, json_t **report,
                                          struct fz_problem *p)
{
    if (t->nrows < 2) {
        fz_problem_set(p, "file", NULL, "文件中没有数据行（第一行应为表头）");
        return FZ_EINVAL;
    }
    struct import_ctx c = { .db = db, .actor = actor, .t = t };
    enum fz_err rc = map_header(&c, p);
    if (rc)
        return rc;
    c.seen = json_object();
    c.report = json_pack("{s:i, s:i, s:i, s:I, s:[], s:[], s:[]}", "created", 0, "updated",
                         0, "unchanged", 0, "total", (json_int_t)(t->nrows - 1), "rejected",
                         "created_ids", "updated_ids");
    for (size_t i = 1; !rc && i < t->nrows; i++)
        rc = import_row(&c, &t->rows[i]);
    json_decref(c.seen);
    if (rc)
        json_decref(c.report);
    else
        *report = c.report;
    return rc;
}

/* ---- XLSX exports ---- */

/* the enterprise export uses the import's headers, so a file can go round trip */
static const struct xlsx_col enterprise_xlsx[] = {
    { "name", "企业名称", 36 }, { "uscc", "统一社会信用代码", 22 },
    { "legal_rep", "法定代表人", 12 }, { "address", "地址", 36 }, { "industry", "行业", 16 },
    { "settled_on", "入驻日期", 12 }, { "contact_name", "联系人", 10 },
    { "contact_phone", "联系电话", 16 }, { "status_label", "状态", 8 },
    { "commitments_count", "承诺书份数", 10 }, { "remark", "备注", 24 },
    { NULL, NULL, 0 },
};

enum fz_err registries_enterprises_xlsx(struct db *db, const struct registries_filter *f,
                                        char **data, size_t *len)
{
    json_t *items = NULL;
    enum fz_err rc = registries_enterprises_list(db, f, &items, NULL);
    if (rc)
        return rc;
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e) {
        json_t *first = json_array_get(json_object_get(e, "contacts"), 0);
        json_object_set(e, "contact_name", json_object_get(first, "name"));
        json_object_set(e, "contact_phone", json_object_get(first, "phone"));
    }
    rc = xlsx_write("企业名录", enterprise_xlsx, items, data, len);
    json_decref(items);
    return rc;
}

static const struct xlsx_col commitment_xlsx[] = {
    { "enterprise_name", "企业名称", 36 }, { "enterprise_uscc", "统一社会信用代码", 22 },
    { "kind_label", "承诺类型", 14 }, { "signed_on", "签署日期", 12 },
    { "signer", "签署人", 10 }, { "valid_until", "有效期至", 12 },
    { "status_label", "状态", 8 }, { "content", "承诺内容", 40 },
    { "file_ref", "承诺书文件", 20 }, { "scan_filename", "扫描件", 20 }, { NULL, NULL, 0 },
};

enum fz_err registries_commitments_xlsx(struct db *db, const struct registries_filter *f,
                                        char **data, size_t *len)
{
    json_t *items = NULL;
    enum fz_err rc = registries_commitments_list(db, f, &items, NULL);
    if (!rc)
        rc = xlsx_write("信用承诺书", commitment_xlsx, items, data, len);
    json_decref(items);
    return rc;
}

static const struct xlsx_col activity_xlsx[] = {
    { "kind_label", "类型", 14 }, { "title", "标题", 36 }, { "held_on", "日期", 12 },
    { "dept_name", "组织部门", 16 }, { "partner", "合作单位", 20 },
    { "location", "地点", 16 }, { "laws", "涉及法律法规", 30 },
    { "audience", "受众人数", 10 }, { "enterprises_reached", "覆盖企业数", 10 },
    { "channel", "发布渠道", 12 }, { "link", "链接", 24 }, { "reads", "阅读量", 8 },
    { "leaflets", "宣传单页", 10 }, { "app_installs", "指导安装反诈APP", 14 },
    { "warnings", "预警劝阻", 10 }, { "attendees", "参加人员", 30 },
    { "absentees", "缺席人员", 20 }, { "departments", "涉及执法部门", 30 },
    { "material", "材料", 30 }, { "notes", "备注", 24 }, { NULL, NULL, 0 },
};

static const struct xlsx_col request_xlsx[] = {
    { "enterprise_name", "企业名称", 30 }, { "enterprise_uscc", "统一社会信用代码", 22 },
    { "source_label", "诉求来源", 12 }, { "category_label", "诉求类别", 14 },
    { "problem", "诉求内容", 40 }, { "recv_dept_name", "受理部门", 14 },
    { "dept_name", "责任部门", 14 }, { "received_on", "受理日期", 12 },
    { "status_label", "办理状态", 10 }, { "resolution", "办理结果", 40 },
    { "resolved_on", "办结日期", 12 }, { "working_days", "办理用时（工作日）", 12 },
    { NULL, NULL, 0 },
};

static const struct xlsx_col visit_xlsx[] = {
    { "enterprise_name", "企业名称", 30 }, { "enterprise_uscc", "统一社会信用代码", 22 },
    { "visited_on", "走访日期", 12 }, { "visitors", "走访人员", 20 },
    { "dept_name", "组织部门", 14 }, { "purpose", "走访事由", 30 },
    { "findings", "走访发现", 40 }, { "requests_count", "形成诉求数", 10 },
    { NULL, NULL, 0 },
};

static const struct xlsx_col financing_xlsx[] = {
    { "enterprise_name", "企业名称", 30 }, { "enterprise_uscc", "统一社会信用代码", 22 },
    { "contacted_on", "对接日期", 12 }, { "channel_label", "宣传方式", 10 },
    { "staff", "工作人员", 16 }, { "dept_name", "组织部门", 14 },
    { "financing_need", "融资需求", 30 }, { "need_amount", "需求金额（万元）", 12 },
    { "outcome_label", "对接结果", 14 }, { "applied_amount", "申请金额（万元）", 12 },
    { "granted_amount", "获贷金额（万元）", 12 }, { "lender", "放款机构", 20 },
    { "notes", "备注", 24 }, { NULL, NULL, 0 },
};

typedef enum fz_err (*scoped_list_fn)(struct db *db, const struct fz_user *actor,
                                      const struct registries_filter *f, json_t **items,
                                      int64_t *total);

/* scoped_xlsx: every row list() gives for f (no paging) as one worksheet */
static enum fz_err scoped_xlsx(struct db *db, const struct fz_user *actor,
                               const struct registries_filter *f, scoped_list_fn list,
                               const char *sheet, const struct xlsx_col *cols, char **data,
                               size_t *len)
{
    json_t *items = NULL;
    enum fz_err rc = list(db, actor, f, &items, NULL);
    if (!rc)
        rc = xlsx_write(sheet, cols, items, data, len);
    json_decref(items);
    return rc;
}

enum fz_err registries_requests_xlsx(struct db *db, const struct fz_user *actor,
                                     const struct registries_filter *f, char **data,
                                     size_t *len)
{
    return scoped_xlsx(db, actor, f, registries_requests_list, "企业诉求", request_xlsx,
                       data, len);
}

enum fz_err registries_visits_xlsx(struct db *db, const struct fz_user *actor,
                                   const struct registries_filter *f, char **data,
                                   size_t *len)
{
    return scoped_xlsx(db, actor, f, registries_visits_list, "走访企业", visit_xlsx, data,
                       len);
}

enum fz_err registries_financing_xlsx(struct db *db, const struct fz_user *actor,
                                      const struct registries_filter *f, char **data,
                                      size_t *len)
{
    return scoped_xlsx(db, actor, f, registries_financing_list, "信易贷宣传对接",
                       financing_xlsx, data, len);
}

enum fz_err registries_activities_xlsx(struct db *db, const struct fz_user *actor,
                                       const struct registries_filter *f, char **data,
                                       size_t *len)
{
    return scoped_xlsx(db, actor, f, registries_activities_list, "普法与学习",
                       activity_xlsx, data, len);
}
