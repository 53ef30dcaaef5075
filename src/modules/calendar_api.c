/* calendar_api.c - HTTP handlers of /api/v1/calendar: working-day arithmetic (workdays,
 * add), the loaded notices (years, days), and loading or replacing one year's notice.
 * Each request loads the calendar from its own connection (calendar_load, ~150 rows), so
 * a year loaded by POST counts at once. A date whose year is not loaded is 422
 * calendar_year_missing naming the year; nothing is ever computed as "weekends only".
 * calendar.h has no write API, so the two statements that store a notice live here. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "http/http.h"
#include "modules/api.h"
#include "modules/calendar.h"
#include "util/str.h"
#include "util/timeutil.h"

#define MAX_ADD_DAYS 1000
#define MAX_LIST 366            /* dates per list of one notice */
#define MAX_RUN 6               /* 全国年节及纪念日放假办法 Art. 7 (DOMAIN.md §1.1) */
#define MIN_YEAR 1901           /* calendar_day() accepts 1900..9999; Dec of year-1 too */
#define MAX_YEAR 9999

/* ---- small helpers ---- */

static enum fz_err field_err(struct fz_resp *resp, enum fz_err err, const char *code,
                             const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* field_err: an error with a formatted Chinese message naming field */
static enum fz_err field_err(struct fz_resp *resp, enum fz_err err, const char *code,
                             const char *field, const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return http_error_code(resp, err, code, msg, field);
}

/* shown: s when it can be quoted in a message whole: short (never cut mid-character)
 * and valid UTF-8 (query strings are not checked by anyone else) */
static const char *shown(const char *s)
{
    if (!s)
        return "（非字符串）";
    return strlen(s) <= 40 && str_utf8_len(s) >= 0 ? s : "（无法显示）";
}

/* day_parts: year and month of a day number */
static void day_parts(int32_t day, int *year, int *month)
{
    char s[11];
    calendar_ymd(day, s);
    *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *month = (s[5] - '0') * 10 + (s[6] - '0');
}

static int day_year(int32_t day)
{
    int y, m;
    day_parts(day, &y, &m);
    return y;
}

/* weekday: 0 = Sunday .. 6 = Saturday (1970-01-01, day 0, was a Thursday) */
static int weekday(int32_t day)
{
    return (int)(((int64_t)day % 7 + 7 + 4) % 7);
}

static const char *weekday_name(int32_t day)
{
    static const char *const names[] = {"星期日", "星期一", "星期二", "星期三",
                                        "星期四", "星期五", "星期六"};
    return names[weekday(day)];
}

/* year_start: the day number of YYYY-01-01 */
static int32_t year_start(int year)
{
    char s[32];
    int32_t d = 0;
    snprintf(s, sizeof s, "%04d-01-01", year);
    calendar_day(s, &d);
    return d;
}

static enum fz_err year_missing(struct fz_resp *resp, int year, const char *field)
{
    return field_err(resp, FZ_EINVAL, "calendar_year_missing", field,
                     "%d 年的节假日安排（国务院办公厅通知）尚未加载，无法计算工作日，"
                     "请联系管理员在“工作日历”中加载", year);
}

/* first_gap: the first day in [from, to] not covered by a loaded notice; false if none */
static bool first_gap(const struct calendar *c, int32_t from, int32_t to, int32_t *gap)
{
    for (int64_t d = from; d <= to; d++) {
        bool work = false;
        if (calendar_is_workday(c, (int32_t)d, &work) == FZ_ENOTFOUND) {
            *gap = (int32_t)d;
            return true;
        }
    }
    return false;
}

static enum fz_err open_calendar(struct fz_req *req, struct fz_resp *resp,
                                 struct calendar **c)
{
    enum fz_err rc = calendar_load(req->db, c);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return FZ_OK;
}

/* query_date: the required query argument name as a day number; 422 naming it */
static enum fz_err query_date(struct fz_req *req, struct fz_resp *resp, const char *name,
                              int32_t *out)
{
    const char *s = http_query(req, name);
    if (!s)
        return field_err(resp, FZ_EINVAL, NULL, name, "缺少参数 %s（日期，格式 YYYY-MM-DD）",
                         name);
    if (calendar_day(s, out))
        return field_err(resp, FZ_EINVAL, NULL, name,
                         "参数 %s 应为有效日期（格式 YYYY-MM-DD）：%s", name, shown(s));
    return FZ_OK;
}

/* ---- GET /api/v1/calendar/workdays?from=&to= ---- */

enum fz_err calendar_api_workdays(struct fz_req *req, struct fz_resp *resp)
{
    int32_t from = 0, to = 0;
    enum fz_err rc = query_date(req, resp, "from", &from);
    if (!rc)
        rc = query_date(req, resp, "to", &to);
    if (rc)
        return rc;
    if (to < from)
        return http_error(resp, FZ_EINVAL, "结束日期 to 不能早于开始日期 from", "to");
    struct calendar *c = NULL;
    rc = open_calendar(req, resp, &c);
    if (rc)
        return rc;
    int n = 0;
    int32_t gap = from;
    rc = calendar_count_workdays(c, from, to, &n);
    if (rc == FZ_ENOTFOUND)
        first_gap(c, from, to, &gap);
    calendar_free(c);
    if (rc == FZ_ENOTFOUND)
        return year_missing(resp, day_year(gap),
                            day_year(gap) == day_year(from) ? "from" : "to");
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    char f[11], t[11];
    calendar_ymd(from, f);
    calendar_ymd(to, t);
    return http_json(resp, 200, json_pack("{s:s, s:s, s:i}", "from", f, "to", t,
                                          "workdays", n));
}

/* ---- GET /api/v1/calendar/add?date=&days= ---- */

enum fz_err calendar_api_add(struct fz_req *req, struct fz_resp *resp)
{
    int32_t date = 0;
    enum fz_err rc = query_date(req, resp, "date", &date);
    if (rc)
        return rc;
    const char *s = http_query(req, "days");
    int64_t n = -1;
    if (!s || str_to_i64(s, &n) || n < 0 || n > MAX_ADD_DAYS)
        return field_err(resp, FZ_EINVAL, NULL, "days",
                         "参数 days 应为 0 到 %d 之间的整数（工作日数）", MAX_ADD_DAYS);
    struct calendar *c = NULL;
    rc = open_calendar(req, resp, &c);
    if (rc)
        return rc;
    int32_t result = 0, gap = date;
    bool work = false;
    const char *field = "date";
    rc = calendar_add_workdays(c, date, (int)n, &result);
    if (rc == FZ_ENOTFOUND && !calendar_is_workday(c, date, &work)) {
        field = "days";                 /* the start is covered: the walk left the years */
        first_gap(c, date, INT32_MAX - 1, &gap);
    }
    calendar_free(c);
    if (rc == FZ_ENOTFOUND)
        return year_missing(resp, day_year(gap), field);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    char d[11], r[11];
    calendar_ymd(date, d);
    calendar_ymd(result, r);
    return http_json(resp, 200, json_pack("{s:s, s:I, s:s}", "date", d, "days",
                                          (json_int_t)n, "result", r));
}

/* ---- GET /api/v1/calendar/years ---- */

#define YEAR_SELECT                                                                     \
    "SELECT y.year, y.notice, y.issued, y.source, y.loaded_at, y.loaded_by,"            \
    " (SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.kind = 'off')"  \
    " AS off, (SELECT count(*) FROM calendar_days d WHERE d.year = y.year"              \
    " AND d.kind = 'work') AS work FROM calendar_years y"

/* add_workdays_count: "workdays" = working days of the calendar year (null if unknown) */
static void add_workdays_count(json_t *item, const struct calendar *c)
{
    int year = (int)json_integer_value(json_object_get(item, "year"));
    int n = 0;
    if (calendar_count_workdays(c, year_start(year), year_start(year + 1) - 1, &n))
        json_object_set_new(item, "workdays", json_null());
    else
        json_object_set_new(item, "workdays", json_integer(n));
}

enum fz_err calendar_api_years(struct fz_req *req, struct fz_resp *resp)
{
    struct calendar *c = NULL;
    enum fz_err rc = open_calendar(req, resp, &c);
    if (rc)
        return rc;
    json_t *items = NULL;
    rc = db_query_json(req->db, &items, YEAR_SELECT " ORDER BY y.year", "");
    size_t i;
    json_t *it;
    if (!rc)
        json_array_foreach(items, i, it)
            add_workdays_count(it, c);
    calendar_free(c);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, 200, json_pack("{s:o, s:I}", "items", items, "total",
                                          (json_int_t)json_array_size(items)));
}

/* ---- GET /api/v1/calendar/days?year= ---- */

enum fz_err calendar_api_days(struct fz_req *req, struct fz_resp *resp)
{
    const char *s = http_query(req, "year");
    int64_t year = 0;
    if (!s || str_to_i64(s, &year) || year < MIN_YEAR || year > MAX_YEAR)
        return field_err(resp, FZ_EINVAL, NULL, "year", "参数 year 应为 %d 到 %d 之间的年份",
                         MIN_YEAR, MAX_YEAR);
    json_t *info = NULL, *items = NULL;
    enum fz_err rc = db_query_row(req->db, &info, YEAR_SELECT " WHERE y.year = ?", "i",
                                  year);
    if (rc == FZ_ENOTFOUND)
        return field_err(resp, FZ_ENOTFOUND, "calendar_year_missing", "year",
                         "%lld 年的节假日安排尚未加载", (long long)year);
    if (!rc)
        rc = db_query_json(req->db, &items,
                           "SELECT day, kind, name FROM calendar_days WHERE year = ?"
                           " ORDER BY day", "i", year);
    if (rc) {
        json_decref(info);
        return http_error(resp, rc, NULL, NULL);
    }
    json_object_set_new(info, "total", json_integer((json_int_t)json_array_size(items)));
    json_object_set_new(info, "items", items);
    return http_json(resp, 200, info);
}

/* ---- POST /api/v1/calendar/years, PUT /api/v1/calendar/years/:year ---- */

/* one notice as posted; off/work are sorted day numbers the struct owns */
struct year_input {
    int64_t year;
    const char *notice, *issued, *source;
    int32_t *off, *work;
    size_t noff, nwork;
    json_t *names;              /* borrowed object {"YYYY-MM-DD": "name"} or NULL */
};

static void year_input_free(struct year_input *in)
{
    free(in->off);
    free(in->work);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static bool has_day(const int32_t *days, size_t n, int32_t d)
{
    return n && bsearch(&d, days, n, sizeof *days, cmp_i32);
}

/* in_notice: may day belong to the notice of year? (its year, or December before it) */
static bool in_notice(int32_t day, int64_t year)
{
    int y, m;
    day_parts(day, &y, &m);
    return y == year || (y == year - 1 && m == 12);
}

/* parse_dates: arr's strings as sorted day numbers in *out (caller frees); 422 on a
 * non-date, a date outside the notice's year, or a duplicate */
static enum fz_err parse_dates(struct fz_resp *resp, const char *field, json_t *arr,
                               int64_t year, int32_t **out, size_t *n)
{
    size_t len = json_array_size(arr);
    int32_t *days = calloc(len ? len : 1, sizeof *days);
    if (!days)
        return http_error(resp, FZ_ENOMEM, NULL, NULL);
    enum fz_err rc = FZ_OK;
    for (size_t i = 0; !rc && i < len; i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        if (!s || calendar_day(s, &days[i]))
            rc = field_err(resp, FZ_EINVAL, NULL, field,
                           "字段 %s 中的“%s”不是有效日期（格式 YYYY-MM-DD）", field,
                           shown(s));
        else if (!in_notice(days[i], year))
            rc = field_err(resp, FZ_EINVAL, NULL, field,
                           "字段 %s 中的日期 %s 不属于 %lld 年的节假日安排", field, s,
                           (long long)year);
    }
    if (!rc && len)
        qsort(days, len, sizeof *days, cmp_i32);
    for (size_t i = 1; !rc && i < len; i++) {
        char d[11];
        calendar_ymd(days[i], d);
        if (days[i] == days[i - 1])
            rc = field_err(resp, FZ_EINVAL, NULL, field, "字段 %s 中的日期 %s 重复", field, d);
    }
    if (rc) {
        free(days);
        return rc;
    }
    *out = days;
    *n = len;
    return FZ_OK;
}

/* read_dates: body field `field` as a date list; required lists must not be empty */
static enum fz_err read_dates(struct fz_req *req, struct fz_resp *resp, const char *field,
                              bool required, int64_t year, int32_t **out, size_t *n)
{
    json_t *arr = json_object_get(req->body, field);
    if (!arr || json_is_null(arr)) {
        if (required)
            return field_err(resp, FZ_EINVAL, NULL, field,
                             "字段 %s 不能为空（放假日期的数组）", field);
        return FZ_OK;
    }
    if (!json_is_array(arr) || json_array_size(arr) > MAX_LIST)
        return field_err(resp, FZ_EINVAL, NULL, field,
                         "字段 %s 应为不超过 %d 个日期（YYYY-MM-DD）的数组", field, MAX_LIST);
    if (required && !json_array_size(arr))
        return field_err(resp, FZ_EINVAL, NULL, field, "字段 %s 至少应有一个日期", field);
    return parse_dates(resp, field, arr, year, out, n);
}

/* read_header: year, notice, issued, source; path_year > 0 for PUT */
static enum fz_err read_header(struct fz_req *req, struct fz_resp *resp, int64_t path_year,
                               struct year_input *in)
{
    bool present = false;
    enum fz_err rc = http_body_int(req, resp, "year", path_year == 0, &in->year, &present);
    if (rc)
        return rc;
    if (path_year && present && in->year != path_year)
        return field_err(resp, FZ_EINVAL, NULL, "year",
                         "字段 year（%lld）与地址中的年份 %lld 不一致", (long long)in->year,
                         (long long)path_year);
    if (path_year)
        in->year = path_year;
    if (in->year < MIN_YEAR || in->year > MAX_YEAR)
        return field_err(resp, FZ_EINVAL, NULL, "year", "字段 year 应为 %d 到 %d 之间的年份",
                         MIN_YEAR, MAX_YEAR);
    rc = http_body_str(req, resp, "notice", true, 128, &in->notice);
    if (!rc)
        rc = http_body_str(req, resp, "issued", false, 10, &in->issued);
    int32_t d = 0;
    if (!rc && in->issued && calendar_day(in->issued, &d))
        return field_err(resp, FZ_EINVAL, NULL, "issued",
                         "字段 issued 应为有效日期（格式 YYYY-MM-DD）：%s", in->issued);
    if (!rc)
        rc = http_body_str(req, resp, "source", false, 512, &in->source);
    return rc;
}

/* check_names: the optional {"date": "name"} object; every key a listed date */
static enum fz_err check_names(struct fz_req *req, struct fz_resp *resp,
                               struct year_input *in)
{
    json_t *names = json_object_get(req->body, "names");
    if (!names || json_is_null(names))
        return FZ_OK;
    if (!json_is_object(names))
        return http_error(resp, FZ_EINVAL, "字段 names 应为 {\"日期\": \"名称\"} 形式的对象",
                          "names");
    const char *k;
    json_t *v;
    json_object_foreach(names, k, v) {
        int32_t d = 0;
        if (calendar_day(k, &d) || (!has_day(in->off, in->noff, d) &&
                                    !has_day(in->work, in->nwork, d)))
            return field_err(resp, FZ_EINVAL, NULL, "names",
                             "字段 names 中的“%s”不是 off 或 work 中的日期", shown(k));
        long len = json_is_string(v) ? str_utf8_len(json_string_value(v)) : -1;
        if (len < 0 || len > 32)
            return field_err(resp, FZ_EINVAL, NULL, "names",
                             "字段 names 中 %s 的名称应为不超过 32 个字符的文本", k);
    }
    in->names = names;
    return FZ_OK;
}

/* check_work: every WORK date is a Saturday or Sunday and not also an OFF date */
static enum fz_err check_work(struct fz_resp *resp, const struct year_input *in)
{
    for (size_t i = 0; i < in->nwork; i++) {
        char d[11];
        calendar_ymd(in->work[i], d);
        int wd = weekday(in->work[i]);
        if (wd != 0 && wd != 6)
            return field_err(resp, FZ_EINVAL, NULL, "work",
                             "字段 work 中的 %s 是%s；调休上班日应为星期六或星期日", d,
                             weekday_name(in->work[i]));
        if (has_day(in->off, in->noff, in->work[i]))
            return field_err(resp, FZ_EINVAL, NULL, "work",
                             "日期 %s 同时出现在 off 和 work 中", d);
    }
    return FZ_OK;
}

/* check_loaded: POST needs a year not loaded yet (409 year_loaded), PUT a loaded one
 * (404); checked before the lists so the answer says what to do first */
static enum fz_err check_loaded(struct fz_req *req, struct fz_resp *resp, int64_t year,
                                bool replace)
{
    int64_t have = 0;
    enum fz_err rc = db_query_int(req->db, &have,
                                  "SELECT count(*) FROM calendar_years WHERE year = ?", "i",
                                  year);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    if (!replace && have)
        return field_err(resp, FZ_ECONFLICT, "year_loaded", "year",
                         "%lld 年的节假日安排已加载；更正请用 PUT /api/v1/calendar/years/%lld",
                         (long long)year, (long long)year);
    if (replace && !have)
        return field_err(resp, FZ_ENOTFOUND, "calendar_year_missing", "year",
                         "%lld 年的节假日安排尚未加载，请用 POST 加载", (long long)year);
    return FZ_OK;
}

static enum fz_err read_year(struct fz_req *req, struct fz_resp *resp, int64_t path_year,
                             struct year_input *in)
{
    enum fz_err rc = read_header(req, resp, path_year, in);
    if (!rc)
        rc = check_loaded(req, resp, in->year, path_year != 0);
    if (!rc)
        rc = read_dates(req, resp, "off", true, in->year, &in->off, &in->noff);
    if (!rc)
        rc = read_dates(req, resp, "work", false, in->year, &in->work, &in->nwork);
    if (!rc)
        rc = check_work(resp, in);
    if (!rc)
        rc = check_names(req, resp, in);
    return rc;
}

/* check_taken: no date may already belong to another year's notice */
static enum fz_err check_taken(struct fz_req *req, struct fz_resp *resp,
                               const char *field, const int32_t *days, size_t n,
                               int64_t year)
{
    for (size_t i = 0; i < n; i++) {
        char d[11];
        int64_t other = 0;
        calendar_ymd(days[i], d);
        enum fz_err rc = db_query_int(req->db, &other,
                                      "SELECT year FROM calendar_days WHERE day = ?"
                                      " AND year <> ?", "ti", d, year);
        if (!rc)
            return field_err(resp, FZ_ECONFLICT, "day_taken", field,
                             "日期 %s 已属于 %lld 年的节假日安排", d, (long long)other);
        if (rc != FZ_ENOTFOUND)
            return http_error(resp, rc, NULL, NULL);
    }
    return FZ_OK;
}

static enum fz_err insert_days(struct fz_req *req, const struct year_input *in,
                               const int32_t *days, size_t n, const char *kind)
{
    enum fz_err rc = FZ_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        char d[11];
        calendar_ymd(days[i], d);
        const char *name = in->names ? json_string_value(json_object_get(in->names, d))
                                     : NULL;
        rc = db_run(req->db, NULL,
                    "INSERT INTO calendar_days(day, year, kind, name) VALUES (?, ?, ?, ?)",
                    "titt", d, in->year, kind, name ? name : "");
    }
    return rc;
}

/* store_year: insert (replace = false) or replace the notice and its days, checked by
 * read_year(); the router's transaction makes it all-or-nothing */
static enum fz_err store_year(struct fz_req *req, struct fz_resp *resp,
                              const struct year_input *in, bool replace)
{
    enum fz_err rc = check_taken(req, resp, "off", in->off, in->noff, in->year);
    if (!rc)
        rc = check_taken(req, resp, "work", in->work, in->nwork, in->year);
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    time_now(ts);
    if (replace)
        rc = db_run(req->db, NULL,
                    "UPDATE calendar_years SET notice = ?, issued = ?, source = ?,"
                    " loaded_at = ?, loaded_by = ? WHERE year = ?", "ttttti", in->notice,
                    in->issued, in->source, ts, req->user->username, in->year);
    else
        rc = db_run(req->db, NULL,
                    "INSERT INTO calendar_years(year, notice, issued, source, loaded_at,"
                    " loaded_by) VALUES (?, ?, ?, ?, ?, ?)", "ittttt", in->year, in->notice,
                    in->issued, in->source, ts, req->user->username);
    if (!rc && replace)
        rc = db_run(req->db, NULL, "DELETE FROM calendar_days WHERE year = ?", "i", in->year);
    if (!rc)
        rc = insert_days(req, in, in->off, in->noff, "off");
    if (!rc)
        rc = insert_days(req, in, in->work, in->nwork, "work");
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return FZ_OK;
}

/* long_runs: warnings for runs of more than MAX_RUN consecutive working days around the
 * notice's year (a sanity check of Art. 7, not an error) */
static json_t *long_runs(const struct calendar *c, int64_t year)
{
    json_t *w = json_array();
    int32_t first = year_start((int)year) - 14, last = year_start((int)year + 1) + 13;
    int32_t start = 0;
    int run = 0;
    for (int32_t d = first; d <= last + 1; d++) {
        bool work = false;
        if (d <= last && !calendar_is_workday(c, d, &work) && work) {
            if (!run++)
                start = d;
            continue;
        }
        if (run > MAX_RUN) {
            char a[11], b[11], msg[256];
            calendar_ymd(start, a);
            calendar_ymd(d - 1, b);
            snprintf(msg, sizeof msg,
                     "%s 至 %s 连续工作 %d 天，超过《全国年节及纪念日放假办法》第七条"
                     "的 %d 天，请核对通知", a, b, run, MAX_RUN);
            json_array_append_new(w, json_string(msg));
        }
        run = 0;
    }
    return w;
}

/* reply_year: the stored notice with counts, its year's working days and warnings */
static enum fz_err reply_year(struct fz_req *req, struct fz_resp *resp, int64_t year,
                              int status)
{
    struct calendar *c = NULL;
    json_t *item = NULL;
    enum fz_err rc = open_calendar(req, resp, &c);
    if (rc)
        return rc;
    rc = db_query_row(req->db, &item, YEAR_SELECT " WHERE y.year = ?", "i", year);
    if (!rc) {
        add_workdays_count(item, c);
        json_object_set_new(item, "warnings", long_runs(c, year));
    }
    calendar_free(c);
    if (rc)
        return http_error(resp, rc, NULL, NULL);
    return http_json(resp, status, item);
}

static enum fz_err load_year(struct fz_req *req, struct fz_resp *resp, int64_t path_year)
{
    struct year_input in = {0};
    enum fz_err rc = read_year(req, resp, path_year, &in);
    if (!rc)
        rc = store_year(req, resp, &in, path_year != 0);
    if (!rc) {
        if (path_year)
            http_audit(req, "calendar.replace_year", "calendar_year", in.year,
                       "替换 %lld 年节假日安排（%s，放假 %zu 天，调休上班 %zu 天）",
                       (long long)in.year, in.notice, in.noff, in.nwork);
        else
            http_audit(req, "calendar.load_year", "calendar_year", in.year,
                       "加载 %lld 年节假日安排（%s，放假 %zu 天，调休上班 %zu 天）",
                       (long long)in.year, in.notice, in.noff, in.nwork);
        rc = reply_year(req, resp, in.year, path_year ? 200 : 201);
    }
    year_input_free(&in);
    return rc;
}

enum fz_err calendar_api_year_create(struct fz_req *req, struct fz_resp *resp)
{
    return load_year(req, resp, 0);
}

enum fz_err calendar_api_year_replace(struct fz_req *req, struct fz_resp *resp)
{
    int64_t year = 0;
    enum fz_err rc = http_param_id(req, resp, 0, &year);
    if (rc)
        return rc;
    if (year < MIN_YEAR || year > MAX_YEAR)
        return field_err(resp, FZ_ENOTFOUND, "calendar_year_missing", "year",
                         "%lld 年的节假日安排尚未加载", (long long)year);
    return load_year(req, resp, year);
}
