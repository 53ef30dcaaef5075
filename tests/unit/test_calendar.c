/* test_calendar.c - the working-day calendar (DOMAIN.md §1) on a real SQLite file, so the
 * seeded 003_calendar.sql data is what is tested: yearly counts 2023-2026, make-up working
 * days, the Spring Festival and National Day blocks of 2024, the §2.2 hearing oracle,
 * year boundaries, unloaded years (FZ_ENOTFOUND), and deadlines in +08:00. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "db/db.h"
#include "modules/calendar.h"
#include "util/timeutil.h"

struct fixture {
    char path[64];
    struct db *db;
    struct calendar *cal;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/fazhi-test-calendar-XXXXXX");
    int fd = mkstemp(f->path);
    close(fd);
    unlink(f->path);
    time_set_offset(480);
    assert_int_equal(db_open(f->path, &f->db), FZ_OK);
    assert_int_equal(calendar_load(f->db, &f->cal), FZ_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    calendar_free(f->cal);
    db_close(f->db);
    char p[128];
    unlink(f->path);
    snprintf(p, sizeof p, "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->path);
    unlink(p);
    free(f);
    return 0;
}

/* ---- helpers ---- */

static int32_t day(const char *ymd)
{
    int32_t d = 0;
    assert_int_equal(calendar_day(ymd, &d), FZ_OK);
    return d;
}

static bool workday(const struct calendar *c, const char *ymd)
{
    bool w = false;
    assert_int_equal(calendar_is_workday(c, day(ymd), &w), FZ_OK);
    return w;
}

static int year_count(const struct calendar *c, int year)
{
    char a[16], b[16];
    snprintf(a, sizeof a, "%d-01-01", year);
    snprintf(b, sizeof b, "%d-12-31", year);
    int n = -1;
    assert_int_equal(calendar_count_workdays(c, day(a), day(b), &n), FZ_OK);
    return n;
}

static void assert_add(const struct calendar *c, const char *from, int n, const char *want)
{
    int32_t out = 0;
    char got[11];
    assert_int_equal(calendar_add_workdays(c, day(from), n, &out), FZ_OK);
    calendar_ymd(out, got);
    assert_string_equal(got, want);
}

static time_t ts(const char *iso)
{
    time_t t = 0;
    assert_int_equal(time_parse(iso, &t), FZ_OK);
    return t;
}

static void assert_deadline(const struct calendar *c, const char *start, int minutes,
                            int workdays, const char *want)
{
    time_t out = 0;
    char got[FZ_TS_LEN];
    assert_int_equal(calendar_deadline(c, ts(start), minutes, workdays, &out), FZ_OK);
    time_format(out, got);
    assert_string_equal(got, want);
}

/* weekday: 0 = Sunday .. 6 = Saturday, independent of the module (1970-01-01 = Thu) */
static int weekday(int32_t d)
{
    return (int)(((int64_t)d % 7 + 7 + 4) % 7);
}

/* ---- the seeded data ---- */

static void test_migration_seeds_four_notices_116_off_and_26_work_days(void **state)
{
    struct fixture *f = *state;
    int64_t n = 0;
    assert_int_equal(db_query_int(f->db, &n, "SELECT count(*) FROM calendar_years", ""),
                     FZ_OK);
    assert_int_equal(n, 4);
    assert_int_equal(db_query_int(f->db, &n,
                                  "SELECT count(*) FROM calendar_days WHERE kind = 'off'",
                                  ""), FZ_OK);
    assert_int_equal(n, 116);
    assert_int_equal(db_query_int(f->db, &n,
                                  "SELECT count(*) FROM calendar_days WHERE kind = 'work'",
                                  ""), FZ_OK);
    assert_int_equal(n, 26);
    char *notice = NULL;
    assert_int_equal(db_query_text(f->db, &notice, "SELECT notice FROM calendar_years"
                                   " WHERE year = 2024", ""), FZ_OK);
    assert_string_equal(notice, "国办发明电〔2023〕7号");
    free(notice);
}

static void test_calendar_read_granted_to_every_builtin_role_write_to_admin_only(void **state)
{
    struct fixture *f = *state;
    int64_t n = 0;
    assert_int_equal(db_query_int(f->db, &n,
                                  "SELECT count(*) FROM role_permissions rp JOIN roles r"
                                  " ON r.id = rp.role_id WHERE rp.permission = ?"
                                  " AND r.builtin = 1", "t", "calendar:read"), FZ_OK);
    assert_int_equal(n, 7);
    char *who = NULL;
    assert_int_equal(db_query_text(f->db, &who,
                                   "SELECT group_concat(r.code) FROM role_permissions rp"
                                   " JOIN roles r ON r.id = rp.role_id"
                                   " WHERE rp.permission = 'calendar:write'", ""), FZ_OK);
    assert_string_equal(who, "admin");
    free(who);
}

/* ---- working days ---- */

static void test_yearly_working_day_counts_are_249_251_248_248(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(year_count(f->cal, 2023), 249);
    assert_int_equal(year_count(f->cal, 2024), 251);
    assert_int_equal(year_count(f->cal, 2025), 248);
    assert_int_equal(year_count(f->cal, 2026), 248);
}

static void test_every_2024_make_up_day_is_a_weekend_and_a_working_day(void **state)
{
    struct fixture *f = *state;
    static const char *const work[] = {"2024-02-04", "2024-02-18", "2024-04-07",
                                       "2024-04-28", "2024-05-11", "2024-09-14",
                                       "2024-09-29", "2024-10-12"};
    for (size_t i = 0; i < sizeof work / sizeof *work; i++) {
        int wd = weekday(day(work[i]));
        assert_true(wd == 0 || wd == 6);
        assert_true(workday(f->cal, work[i]));
    }
    /* an ordinary weekend of 2024 stays a rest day */
    assert_false(workday(f->cal, "2024-03-09"));
    assert_false(workday(f->cal, "2024-03-10"));
}

static void test_spring_festival_2024_is_off_02_10_to_02_17_with_work_02_04_and_02_18(
    void **state)
{
    struct fixture *f = *state;
    char d[11];
    for (int32_t x = day("2024-02-10"); x <= day("2024-02-17"); x++) {
        calendar_ymd(x, d);
        assert_false(workday(f->cal, d));
    }
    assert_true(workday(f->cal, "2024-02-04"));     /* Sunday */
    assert_true(workday(f->cal, "2024-02-18"));     /* Sunday */
    assert_true(workday(f->cal, "2024-02-09"));     /* Friday before: not in OFF */
    assert_true(workday(f->cal, "2024-02-19"));
}

static void test_national_day_2024_is_off_10_01_to_10_07_with_work_09_29_and_10_12(
    void **state)
{
    struct fixture *f = *state;
    char d[11];
    for (int32_t x = day("2024-10-01"); x <= day("2024-10-07"); x++) {
        calendar_ymd(x, d);
        assert_false(workday(f->cal, d));
    }
    assert_true(workday(f->cal, "2024-09-29"));     /* Sunday */
    assert_true(workday(f->cal, "2024-10-12"));     /* Saturday */
    assert_true(workday(f->cal, "2024-10-08"));
}

static void test_hearing_request_5_working_days_after_fri_2025_09_26_ends_2025_10_10(
    void **state)
{
    /* DOMAIN.md §2.2: 09-28 (Sun, make-up), 09-29, 09-30, 10-09, 10-10 */
    struct fixture *f = *state;
    assert_add(f->cal, "2025-09-26", 5, "2025-10-10");
    assert_add(f->cal, "2025-09-26", 1, "2025-09-28");
}

static void test_add_crosses_the_year_boundary_2023_12_29_plus_2_is_2024_01_03(void **state)
{
    struct fixture *f = *state;
    assert_add(f->cal, "2023-12-29", 2, "2024-01-03");
}

static void test_add_zero_days_is_the_start_and_negative_is_invalid(void **state)
{
    struct fixture *f = *state;
    int32_t out = 0;
    assert_add(f->cal, "2024-02-10", 0, "2024-02-10");
    assert_int_equal(calendar_add_workdays(f->cal, day("2024-02-10"), -1, &out), FZ_EINVAL);
}

static void test_count_is_closed_interval_and_between_excludes_the_start(void **state)
{
    struct fixture *f = *state;
    int n = -1;
    assert_int_equal(calendar_count_workdays(f->cal, day("2025-09-26"), day("2025-10-10"),
                                             &n), FZ_OK);
    assert_int_equal(n, 6);
    assert_int_equal(calendar_workdays_between(f->cal, day("2025-09-26"),
                                               day("2025-10-10"), &n), FZ_OK);
    assert_int_equal(n, 5);
    assert_int_equal(calendar_workdays_between(f->cal, day("2025-10-10"),
                                               day("2025-09-26"), &n), FZ_OK);
    assert_int_equal(n, 0);
}

/* ---- coverage ---- */

static void test_2022_12_31_is_off_because_the_2023_notice_covers_it(void **state)
{
    struct fixture *f = *state;
    bool w = true;
    assert_false(calendar_year_loaded(f->cal, 2022));
    assert_int_equal(calendar_is_workday(f->cal, day("2022-12-31"), &w), FZ_OK);
    assert_false(w);
    /* the rest of 2022 has no notice loaded */
    assert_int_equal(calendar_is_workday(f->cal, day("2022-12-30"), &w), FZ_ENOTFOUND);
}

static void test_a_date_in_unloaded_2027_is_not_found_never_weekends_only(void **state)
{
    struct fixture *f = *state;
    bool w = false;
    int32_t out = 0;
    int n = 0;
    time_t t = 0;
    assert_true(calendar_year_loaded(f->cal, 2026));
    assert_false(calendar_year_loaded(f->cal, 2027));
    assert_int_equal(calendar_is_workday(f->cal, day("2027-01-04"), &w), FZ_ENOTFOUND);
    assert_int_equal(calendar_add_workdays(f->cal, day("2026-12-30"), 3, &out),
                     FZ_ENOTFOUND);
    assert_add(f->cal, "2026-12-30", 1, "2026-12-31");     /* still inside 2026 */
    assert_int_equal(calendar_count_workdays(f->cal, day("2026-12-01"), day("2027-01-05"),
                                             &n), FZ_ENOTFOUND);
    assert_int_equal(calendar_deadline(f->cal, ts("2026-12-31T10:00:00+08:00"), 0, 1, &t),
                     FZ_ENOTFOUND);
}

static void test_dropping_2024_work_list_loses_8_working_days(void **state)
{
    /* the count test above must depend on the WORK rows: without them 2024 has 243 */
    struct fixture *f = *state;
    struct calendar *c = NULL;
    assert_int_equal(db_run(f->db, NULL, "DELETE FROM calendar_days WHERE year = 2024"
                            " AND kind = 'work'", ""), FZ_OK);
    assert_int_equal(calendar_load(f->db, &c), FZ_OK);
    assert_int_equal(year_count(c, 2024), 243);
    assert_int_equal(year_count(c, 2025), 248);
    calendar_free(c);
    assert_int_equal(db_integrity(f->db), FZ_OK);
}

static void test_deleting_a_notice_removes_its_days_and_unloads_the_year(void **state)
{
    struct fixture *f = *state;
    struct calendar *c = NULL;
    bool w = false;
    assert_int_equal(db_run(f->db, NULL, "DELETE FROM calendar_years WHERE year = 2023",
                            ""), FZ_OK);
    assert_int_equal(calendar_load(f->db, &c), FZ_OK);
    assert_false(calendar_year_loaded(c, 2023));
    assert_int_equal(calendar_is_workday(c, day("2022-12-31"), &w), FZ_ENOTFOUND);
    assert_int_equal(calendar_is_workday(c, day("2023-06-01"), &w), FZ_ENOTFOUND);
    calendar_free(c);
    assert_int_equal(db_integrity(f->db), FZ_OK);
}

/* ---- deadlines ---- */

static void test_deadline_is_23_59_59_local_of_the_nth_working_day(void **state)
{
    /* Thu 2024-02-08; Fri 02-09 is not in the 2024 OFF list, so it is working day 1 */
    struct fixture *f = *state;
    assert_deadline(f->cal, "2024-02-08T10:00:00+08:00", 0, 1, "2024-02-09T23:59:59+08:00");
    assert_deadline(f->cal, "2024-02-08T10:00:00+08:00", 0, 0, "2024-02-08T23:59:59+08:00");
}

static void test_deadline_skips_the_spring_festival_block(void **state)
{
    /* day 2 after Thu 02-08 is Sun 02-18 (make-up day) after the 02-10..02-17 block */
    struct fixture *f = *state;
    assert_deadline(f->cal, "2024-02-08T10:00:00+08:00", 0, 2, "2024-02-18T23:59:59+08:00");
    assert_deadline(f->cal, "2024-02-08T10:00:00+08:00", 0, 3, "2024-02-19T23:59:59+08:00");
}

static void test_deadline_counts_from_the_local_date_not_the_utc_date(void **state)
{
    /* 2024-02-08T17:00Z is Fri 02-09 01:00 in +08:00: 1 working day later is 02-18,
     * where the UTC date (Thu 02-08) would give 02-09 */
    struct fixture *f = *state;
    assert_deadline(f->cal, "2024-02-08T17:00:00Z", 0, 1, "2024-02-18T23:59:59+08:00");
}

static void test_deadline_minutes_run_on_clock_time_through_holidays(void **state)
{
    struct fixture *f = *state;
    time_t out = 0;
    assert_deadline(f->cal, "2024-02-09T22:00:00+08:00", 120, 5, "2024-02-10T00:00:00+08:00");
    assert_deadline(f->cal, "2024-02-09T22:00:00+08:00", 15, 0, "2024-02-09T22:15:00+08:00");
    assert_int_equal(calendar_deadline(f->cal, ts("2024-02-09T22:00:00+08:00"), -1, 0, &out),
                     FZ_EINVAL);
}

/* ---- dates ---- */

static void test_calendar_day_is_strict_and_round_trips(void **state)
{
    (void)state;
    int32_t d = 0;
    char s[11];
    assert_int_equal(calendar_day("1970-01-01", &d), FZ_OK);
    assert_int_equal(d, 0);
    assert_int_equal(calendar_day("2024-02-29", &d), FZ_OK);
    calendar_ymd(d, s);
    assert_string_equal(s, "2024-02-29");
    assert_int_equal(calendar_day("1969-12-31", &d), FZ_OK);
    assert_int_equal(d, -1);
    assert_int_equal(calendar_day("2023-02-29", &d), FZ_EINVAL);
    assert_int_equal(calendar_day("2024-13-01", &d), FZ_EINVAL);
    assert_int_equal(calendar_day("2024-1-01", &d), FZ_EINVAL);
    assert_int_equal(calendar_day("2024-01-01x", &d), FZ_EINVAL);
    assert_int_equal(calendar_day("", &d), FZ_EINVAL);
    assert_int_equal(calendar_day(NULL, &d), FZ_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_migration_seeds_four_notices_116_off_and_26_work_days, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_calendar_read_granted_to_every_builtin_role_write_to_admin_only, setup,
            teardown),
        cmocka_unit_test_setup_teardown(test_yearly_working_day_counts_are_249_251_248_248,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_every_2024_make_up_day_is_a_weekend_and_a_working_day, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_spring_festival_2024_is_off_02_10_to_02_17_with_work_02_04_and_02_18, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_national_day_2024_is_off_10_01_to_10_07_with_work_09_29_and_10_12, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_hearing_request_5_working_days_after_fri_2025_09_26_ends_2025_10_10, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_add_crosses_the_year_boundary_2023_12_29_plus_2_is_2024_01_03, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            test_add_zero_days_is_the_start_and_negative_is_invalid, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_count_is_closed_interval_and_between_excludes_the_start, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_2022_12_31_is_off_because_the_2023_notice_covers_it, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_a_date_in_unloaded_2027_is_not_found_never_weekends_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dropping_2024_work_list_loses_8_working_days,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_deleting_a_notice_removes_its_days_and_unloads_the_year, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_deadline_is_23_59_59_local_of_the_nth_working_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deadline_skips_the_spring_festival_block, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_deadline_counts_from_the_local_date_not_the_utc_date, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_deadline_minutes_run_on_clock_time_through_holidays, setup, teardown),
        cmocka_unit_test(test_calendar_day_is_strict_and_round_trips),
    };
    return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
