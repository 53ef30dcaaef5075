/* calendar.c - the working-day calendar of calendar.h (DOMAIN.md §1).
 * calendar_load() copies the loaded notices (calendar_years) and their OFF/WORK days
 * (calendar_days) into two sorted arrays; every other function is pure arithmetic and
 * binary search on them, with no database access. Day numbers count days since
 * 1970-01-01 (proleptic Gregorian, civil-from-days arithmetic); a day is "covered" when
 * its calendar year is loaded or it is listed in calendar_days (2022-12-31 is in 2023's
 * notice), and an uncovered day is FZ_ENOTFOUND, never guessed from weekends. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "modules/calendar.h"
#include "util/str.h"
#include "util/timeutil.h"

#define CAL_MIN_YEAR 1900
#define CAL_MAX_YEAR 9999
#define SECS_PER_DAY 86400

struct cal_day {
    int32_t day;                /* days since 1970-01-01 */
    bool work;                  /* true: 调休上班 (WORK), false: 放假 (OFF) */
};

struct calendar {
    int *years;                 /* loaded notice years, ascending */
    size_t nyears;
    struct cal_day *days;       /* listed days, ascending by day */
    size_t ndays;
};

/* ---- civil date arithmetic (H. Hinnant's days_from_civil / civil_from_days) ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int64_t year_of(int32_t day)
{
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

/* weekday: 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday) */
static int weekday(int32_t day)
{
    return (int)(((int64_t)day % 7 + 7 + 4) % 7);
}

static int days_in_month(int64_t y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : dm[m - 1];
}

/* digits: n decimal digits at s into *out; false on anything else */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

enum fz_err calendar_day(const char *ymd, int32_t *day)
{
    int y, m, d;
    if (!ymd || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-' ||
        !digits(ymd, 4, &y) || !digits(ymd + 5, 2, &m) || !digits(ymd + 8, 2, &d))
        return FZ_EINVAL;
    if (y < CAL_MIN_YEAR || y > CAL_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return FZ_EINVAL;
    *day = (int32_t)days_from_civil(y, m, d);
    return FZ_OK;
}

static void put_digits(char *out, int64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void calendar_ymd(int32_t day, char out[11])
{
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    if (y < 0 || y > 9999) {            /* outside the text format: a visible marker */
        str_copy(out, 11, "0000-00-00");
        return;
    }
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
}

/* ---- loading ---- */

void calendar_free(struct calendar *c)
{
    if (!c)
        return;
    free(c->years);
    free(c->days);
    free(c);
}

/* grow: make room for one more element of size sz in *arr (capacity *cap) */
static enum fz_err grow(void **arr, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap)
        return FZ_OK;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = realloc(*arr, ncap * sz);
    if (!p)
        return FZ_ENOMEM;
    *arr = p;
    *cap = ncap;
    return FZ_OK;
}

/* add_year / add_day: append one loaded row; FZ_ENOMEM or FZ_EINTERNAL (bad row) */
static enum fz_err add_year(struct calendar *c, size_t *cap, struct db_stmt *st)
{
    void *arr = c->years;
    enum fz_err rc = grow(&arr, c->nyears, cap, sizeof *c->years);
    c->years = arr;
    if (!rc)
        c->years[c->nyears++] = (int)db_col_int(st, 0);
    return rc;
}

static enum fz_err add_day(struct calendar *c, size_t *cap, struct db_stmt *st)
{
    int32_t day = 0;
    if (calendar_day(db_col_text(st, 0), &day)) {
        fprintf(stderr, "calendar: bad day %s in calendar_days\n", db_col_text(st, 0));
        return FZ_EINTERNAL;
    }
    void *arr = c->days;
    enum fz_err rc = grow(&arr, c->ndays, cap, sizeof *c->days);
    c->days = arr;
    if (rc)
        return rc;
    c->days[c->ndays].day = day;
    c->days[c->ndays].work = str_eq(db_col_text(st, 1), "work");
    c->ndays++;
    return FZ_OK;
}

/* load_rows: run sql and hand every row to add */
static enum fz_err load_rows(struct db *db, struct calendar *c, const char *sql,
                             enum fz_err (*add)(struct calendar *, size_t *,
                                                struct db_stmt *))
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db, sql, &st);
    if (rc)
        return rc;
    size_t cap = 0;
    bool row = false;
    while (!(rc = db_step(st, &row)) && row) {
        rc = add(c, &cap, st);
        if (rc)
            break;
    }
    db_finish(st);
    return rc;
}

static int cmp_day(const void *a, const void *b)
{
    int32_t x = ((const struct cal_day *)a)->day, y = ((const struct cal_day *)b)->day;
    return (x > y) - (x < y);
}

enum fz_err calendar_load(struct db *db, struct calendar **out)
{
    struct calendar *c = calloc(1, sizeof *c);
    if (!c)
        return FZ_ENOMEM;
    enum fz_err rc = load_rows(db, c, "SELECT year FROM calendar_years ORDER BY year",
                               add_year);
    if (!rc)
        rc = load_rows(db, c, "SELECT day, kind FROM calendar_days ORDER BY day", add_day);
    if (rc) {
        calendar_free(c);
        return rc;
    }
    /* text order of YYYY-MM-DD is date order already; sorting keeps the invariant
     * independent of the query */
    if (c->ndays)
        qsort(c->days, c->ndays, sizeof *c->days, cmp_day);
    *out = c;
    return FZ_OK;
}

/* ---- queries ---- */

bool calendar_year_loaded(const struct calendar *c, int year)
{
    size_t lo = 0, hi = c->nyears;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->years[mid] == year)
            return true;
        if (c->years[mid] < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static const struct cal_day *find_day(const struct calendar *c, int32_t day)
{
    size_t lo = 0, hi = c->ndays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->days[mid].day == day)
            return &c->days[mid];
        if (c->days[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

enum fz_err calendar_is_workday(const struct calendar *c, int32_t day, bool *out)
{
    const struct cal_day *listed = find_day(c, day);
    if (listed) {
        *out = listed->work;
        return FZ_OK;
    }
    if (!calendar_year_loaded(c, (int)year_of(day)))     /* |year| < 6e6 fits an int */
        return FZ_ENOTFOUND;
    int wd = weekday(day);
    *out = wd >= 1 && wd <= 5;
    return FZ_OK;
}

enum fz_err calendar_add_workdays(const struct calendar *c, int32_t day, int n,
                                  int32_t *out)
{
    if (n < 0)
        return FZ_EINVAL;
    bool work = false;
    enum fz_err rc = calendar_is_workday(c, day, &work);   /* the start must be covered */
    int32_t d = day;
    while (!rc && n > 0) {
        if (d == INT32_MAX)
            return FZ_ENOTFOUND;
        d++;
        rc = calendar_is_workday(c, d, &work);
        if (!rc && work)
            n--;
    }
    if (!rc)
        *out = d;
    return rc;
}

enum fz_err calendar_count_workdays(const struct calendar *c, int32_t from, int32_t to,
                                    int *out)
{
    int n = 0;
    for (int64_t d = from; d <= to; d++) {
        bool work = false;
        enum fz_err rc = calendar_is_workday(c, (int32_t)d, &work);
        if (rc)
            return rc;
        n += work;
    }
    *out = n;
    return FZ_OK;
}

enum fz_err calendar_workdays_between(const struct calendar *c, int32_t from, int32_t to,
                                      int *out)
{
    if (to <= from) {
        *out = 0;
        return FZ_OK;
    }
    return calendar_count_workdays(c, from + 1, to, out);
}

enum fz_err calendar_deadline(const struct calendar *c, time_t start, int minutes,
                              int workdays, time_t *out)
{
    if (minutes < 0 || workdays < 0)
        return FZ_EINVAL;
    if (minutes > 0) {
        *out = start + (time_t)minutes * 60;
        return FZ_OK;
    }
    int64_t off = (int64_t)time_offset() * 60;
    int64_t local_day = floor_div((int64_t)start + off, SECS_PER_DAY);
    if (local_day < INT32_MIN || local_day > INT32_MAX)
        return FZ_EINVAL;
    int32_t due = 0;
    enum fz_err rc = calendar_add_workdays(c, (int32_t)local_day, workdays, &due);
    if (rc)
        return rc;
    *out = (time_t)(((int64_t)due + 1) * SECS_PER_DAY - 1 - off);
    return FZ_OK;
}
