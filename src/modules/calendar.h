/* calendar.h - China's official working-day calendar (节假日安排 and 调休), DOMAIN.md §1.
 * is_working_day(d) := d in WORK[year] (make-up working day, a Sat/Sun)
 *                   or (Mon..Fri and d not in OFF[year]).
 * The State Council's arrangements for 2023-2026 ship as data (migration); admins add a
 * year through the API. A date in a year whose notice is not loaded is refused with
 * FZ_ENOTFOUND (code calendar_year_missing), never silently computed as weekends only.
 * Dates are days since 1970-01-01 (int32) or "YYYY-MM-DD" text; the starting day of a
 * period is not counted (the general Chinese rule; DOMAIN.md §2.2). */
#ifndef FZ_CALENDAR_H
#define FZ_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include "fz_err.h"

struct db;
struct calendar;            /* opaque, read-only once loaded; safe to share */

/* calendar_load: read the loaded years into memory. Caller owns (calendar_free). */
enum fz_err calendar_load(struct db *db, struct calendar **out);
void calendar_free(struct calendar *c);

/* calendar_day: "YYYY-MM-DD" -> day number; FZ_EINVAL for a bad date. */
enum fz_err calendar_day(const char *ymd, int32_t *day);
/* calendar_ymd: day number -> "YYYY-MM-DD" (11 bytes). */
void calendar_ymd(int32_t day, char out[11]);

/* calendar_year_loaded: is the notice of that year loaded? */
bool calendar_year_loaded(const struct calendar *c, int year);
/* calendar_is_workday: FZ_ENOTFOUND when day's year is not loaded. */
enum fz_err calendar_is_workday(const struct calendar *c, int32_t day, bool *out);
/* calendar_add_workdays: the date n (>= 0) working days after day (day itself not
 * counted; n = 0 gives day). FZ_ENOTFOUND when the walk leaves the loaded years. */
enum fz_err calendar_add_workdays(const struct calendar *c, int32_t day, int n,
                                  int32_t *out);
/* calendar_count_workdays: working days in the closed interval [from, to]. */
enum fz_err calendar_count_workdays(const struct calendar *c, int32_t from, int32_t to,
                                    int *out);
/* calendar_workdays_between: working days after `from` up to and including `to` (the
 * handling time of a matter received on `from` and finished on `to`); 0 if to <= from. */
enum fz_err calendar_workdays_between(const struct calendar *c, int32_t from, int32_t to,
                                      int *out);

/* calendar_deadline: a deadline from a start time: `minutes` of clock time when
 * minutes > 0 (urgent matters, regardless of working days), else the end of the day
 * (23:59:59 local) n working days after the start's local date. */
enum fz_err calendar_deadline(const struct calendar *c, time_t start, int minutes,
                              int workdays, time_t *out);

#endif
