/* test_platform.c - small platform rules: the password policy (8+ characters of 3
 * classes), timestamp parsing and formatting in +08:00, strict integer parsing, the
 * growable buffer's cap, and that migrations apply once and leave a clean database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "db/db.h"
#include "db/migrate.h"
#include "modules/users.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/timeutil.h"

static void test_password_policy_needs_eight_characters(void **state)
{
    (void)state;
    struct fz_problem p = {0};
    assert_int_equal(users_password_policy("Ab1!xyz", "password", &p), FZ_EINVAL);
    assert_string_equal(p.field, "password");
    assert_int_equal(users_password_policy("Ab1!xyzw", "password", &p), FZ_OK);
}

static void test_password_policy_needs_three_classes(void **state)
{
    (void)state;
    struct fz_problem p = {0};
    assert_int_equal(users_password_policy("abcdefgh12", "pw", &p), FZ_EINVAL);
    assert_string_equal(p.code, "weak_password");
    assert_int_equal(users_password_policy("ABCDEFGH12", "pw", &p), FZ_EINVAL);
    assert_int_equal(users_password_policy("abcdEFGH12", "pw", &p), FZ_OK);
    assert_int_equal(users_password_policy("abcdefg1!", "pw", &p), FZ_OK);
}

static void test_time_parse_accepts_date_and_zones(void **state)
{
    (void)state;
    time_set_offset(480);
    time_t a, b, c;
    assert_int_equal(time_parse("2024-02-10", &a), FZ_OK);
    assert_int_equal(time_parse("2024-02-10T00:00:00+08:00", &b), FZ_OK);
    assert_int_equal(time_parse("2024-02-09T16:00:00Z", &c), FZ_OK);
    assert_true(a == b && b == c);
    char out[FZ_TS_LEN];
    time_format(a, out);
    assert_string_equal(out, "2024-02-10T00:00:00+08:00");
}

static void test_time_parse_rejects_impossible_dates(void **state)
{
    (void)state;
    time_t t;
    assert_int_equal(time_parse("2023-02-29", &t), FZ_EINVAL);
    assert_int_equal(time_parse("2024-02-29", &t), FZ_OK);
    assert_int_equal(time_parse("2024-13-01", &t), FZ_EINVAL);
    assert_int_equal(time_parse("2024-01-01T25:00:00", &t), FZ_EINVAL);
    assert_int_equal(time_parse("2024-01-01x", &t), FZ_EINVAL);
    assert_int_equal(time_parse("", &t), FZ_EINVAL);
}

static void test_str_to_i64_is_strict(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_int_equal(str_to_i64("42", &v), FZ_OK);
    assert_int_equal(v, 42);
    assert_int_equal(str_to_i64("42x", &v), FZ_EINVAL);
    assert_int_equal(str_to_i64("", &v), FZ_EINVAL);
    assert_int_equal(str_to_i64("99999999999999999999", &v), FZ_EINVAL);
}

static void test_buf_refuses_past_its_cap(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "12345678"), FZ_OK);
    assert_int_equal(buf_puts(&b, "9"), FZ_ETOOLARGE);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    buf_free(&b);
}

static void test_migrations_apply_once_and_leave_clean_db(void **state)
{
    (void)state;
    struct db *db = NULL;
    assert_int_equal(db_open_nomigrate(":memory:", false, &db), FZ_OK);
    int n = -1;
    assert_int_equal(migrate_apply(db, &n), FZ_OK);
    assert_true(n >= 2);
    assert_int_equal(migrate_apply(db, &n), FZ_OK);
    assert_int_equal(n, 0);
    assert_int_equal(db_integrity(db), FZ_OK);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_policy_needs_eight_characters),
        cmocka_unit_test(test_password_policy_needs_three_classes),
        cmocka_unit_test(test_time_parse_accepts_date_and_zones),
        cmocka_unit_test(test_time_parse_rejects_impossible_dates),
        cmocka_unit_test(test_str_to_i64_is_strict),
        cmocka_unit_test(test_buf_refuses_past_its_cap),
        cmocka_unit_test(test_migrations_apply_once_and_leave_clean_db),
    };
    return cmocka_run_group_tests_name("platform", tests, NULL, NULL);
}
