/* timeutil.h - timestamps as fazhi stores them: ISO 8601 text with the zone offset of the
 * deployment (China Standard Time, +08:00, by default: config tz_offset_min). Text in one
 * fixed offset sorts chronologically, so SQL compares timestamps as strings. */
#ifndef FZ_TIMEUTIL_H
#define FZ_TIMEUTIL_H

#include <stdint.h>
#include <time.h>
#include "fz_err.h"

#define FZ_TS_LEN 64   /* "2026-11-25T17:30:00+08:00" + NUL, with room */

/* time_set_offset: the zone offset in minutes east of UTC used by time_format(). */
void time_set_offset(int minutes);
int time_offset(void);
/* time_format: t (seconds since the epoch) as "YYYY-MM-DDTHH:MM:SS+08:00". */
void time_format(time_t t, char out[FZ_TS_LEN]);
/* time_now: time_format(time(NULL)). */
void time_now(char out[FZ_TS_LEN]);
/* time_parse: accepts "YYYY-MM-DD" (midnight local), "YYYY-MM-DDTHH:MM:SS" (local) and the
 * same with "Z" or "±HH:MM"; FZ_EINVAL otherwise (including impossible dates). */
enum fz_err time_parse(const char *s, time_t *out);
/* time_ms: a monotonic clock in milliseconds, for durations. */
double time_ms(void);

#endif
