/* timeutil.c - ISO 8601 timestamps in the deployment's fixed zone offset, see timeutil.h.
 * The offset is set once at start from the config, before any thread starts. */
#include <stdio.h>
#include <string.h>
#include "util/timeutil.h"

static int tz_offset_min = 480;   /* China Standard Time; config tz_offset_min */

void time_set_offset(int minutes)
{
    tz_offset_min = minutes;
}

int time_offset(void)
{
    return tz_offset_min;
}

void time_format(time_t t, char out[FZ_TS_LEN])
{
    struct tm tm;
    time_t local = t + (time_t)tz_offset_min * 60;
    gmtime_r(&local, &tm);
    int off = tz_offset_min < 0 ? -tz_offset_min : tz_offset_min;
    snprintf(out, FZ_TS_LEN, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
             tm.tm_sec, tz_offset_min < 0 ? '-' : '+', off / 60, off % 60);
}

void time_now(char out[FZ_TS_LEN])
{
    time_format(time(NULL), out);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : d[m - 1];
}

enum fz_err time_parse(const char *s, time_t *out)
{
    int y, mo, d, h = 0, mi = 0, se = 0, off = tz_offset_min;
    size_t n = s ? strlen(s) : 0;
    if (n < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
        s[7] != '-' || digits(s + 8, 2, &d))
        return FZ_EINVAL;
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return FZ_EINVAL;
    const char *p = s + 10;
    if (*p == 'T' || *p == ' ') {
        if (strlen(p) < 9 || digits(p + 1, 2, &h) || p[3] != ':' ||
            digits(p + 4, 2, &mi) || p[6] != ':' || digits(p + 7, 2, &se))
            return FZ_EINVAL;
        if (h > 23 || mi > 59 || se > 60)
            return FZ_EINVAL;
        p += 9;
        if (*p == '.') {            /* fractional seconds are accepted and dropped */
            p++;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        if (*p == 'Z') {
            off = 0;
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh, om;
            if (strlen(p) < 6 || digits(p + 1, 2, &oh) || p[3] != ':' ||
                digits(p + 4, 2, &om) || oh > 14 || om > 59)
                return FZ_EINVAL;
            off = (oh * 60 + om) * (*p == '-' ? -1 : 1);
            p += 6;
        }
    }
    if (*p)
        return FZ_EINVAL;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    *out = timegm(&tm) - (time_t)off * 60;
    return FZ_OK;
}

double time_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}
