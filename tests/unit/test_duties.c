/* test_duties.c - the rules of the organisation registers (issue 7) that need no server:
 * the overdue flag (the due day itself is in time), the status rule (done needs evidence),
 * the due date of a new regulation version's learning tasks, the 以案说法 anonymiser
 * (aliases, exact party data, ID/USCC/phone/plate/house-number patterns), and, on a real
 * SQLite file, the learning tasks of a new version: exactly the right users, none twice
 * for the same version, none for a regulation without departments. */
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
#include "modules/duties.h"
#include "modules/regulations.h"
#include "modules/teaching.h"
#include "util/timeutil.h"

/* ---- overdue and status ---- */

static void test_an_item_due_yesterday_and_not_done_is_overdue(void **s)
{
    (void)s;
    assert_true(duties_overdue("in_progress", "2026-11-24", "2026-11-25"));
    assert_true(duties_overdue("not_started", "2025-12-31", "2026-01-01"));
    assert_true(duties_overdue("pending", "2026-11-24", "2026-11-25"));
}

static void test_an_item_due_today_is_not_yet_overdue(void **s)
{
    (void)s;
    assert_false(duties_overdue("in_progress", "2026-11-25", "2026-11-25"));
    assert_false(duties_overdue("not_started", "2026-12-01", "2026-11-25"));
}

static void test_a_done_item_or_one_without_due_date_is_never_overdue(void **s)
{
    (void)s;
    assert_false(duties_overdue("done", "2020-01-01", "2026-11-25"));
    assert_false(duties_overdue("in_progress", NULL, "2026-11-25"));
    assert_false(duties_overdue("in_progress", "", "2026-11-25"));
}

static void test_done_without_evidence_is_refused_naming_evidence(void **s)
{
    (void)s;
    const char *field = NULL;
    assert_non_null(duties_status_rule("done", NULL, &field));
    assert_string_equal(field, "evidence");
    assert_non_null(duties_status_rule("done", " \t\n", &field));
    assert_string_equal(field, "evidence");
    assert_null(duties_status_rule("done", "已印发文件", &field));
    assert_null(duties_status_rule("in_progress", NULL, &field));
    assert_null(duties_status_rule("not_started", "", &field));
}

static void test_an_unknown_status_is_refused_naming_status(void **s)
{
    (void)s;
    const char *field = NULL;
    assert_non_null(duties_status_rule("finished", "x", &field));
    assert_string_equal(field, "status");
    assert_non_null(duties_status_rule(NULL, "x", &field));
}

static void test_version_tasks_are_due_30_days_after_the_later_of_today_and_in_force(void **s)
{
    (void)s;
    char due[11];
    assert_int_equal(duties_version_due("2030-01-01", "2026-11-25", due), FZ_OK);
    assert_string_equal(due, "2030-01-31");
    assert_int_equal(duties_version_due("2021-07-15", "2026-11-25", due), FZ_OK);
    assert_string_equal(due, "2026-12-25");
    assert_int_equal(duties_version_due("2024-02-15", "2024-02-01", due), FZ_OK);
    assert_string_equal(due, "2024-03-16");        /* 2024 is a leap year */
}

/* ---- the anonymiser ---- */

static void assert_anon(const struct teach_party *party, const char *in, const char *want)
{
    char *out = NULL;
    assert_int_equal(teaching_anonymise(in, party, &out), FZ_OK);
    if (strcmp(out, want) != 0)
        fail_msg("\"%s\" -> \"%s\", want \"%s\"", in, out, want);
    free(out);
}

static void test_party_aliases_keep_the_surname_or_the_organisation_form(void **s)
{
    (void)s;
    char a[64];
    static const struct { const char *name, *kind, *want; } cases[] = {
        { "王小明", "citizen", "王某" }, { "欧阳明华", "citizen", "欧阳某" },
        { "", "citizen", "某某" }, { "天津华明某建筑工程有限公司", "org", "某公司" },
        { "天津某股份有限公司", "org", "某公司" }, { "东丽区某五金厂", "org", "某厂" },
        { "华明某农业专业合作社", "org", "某合作社" }, { "某某协会", "org", "某单位" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct teach_party p = { cases[i].name, cases[i].kind, NULL, NULL };
        teaching_party_alias(&p, a, sizeof a);
        assert_string_equal(a, cases[i].want);
    }
}

static void test_the_party_name_given_name_id_and_address_are_replaced(void **s)
{
    (void)s;
    struct teach_party p = { "王小明", "citizen", "120110199001011234",
                             "东丽区华明街道弘顺道18号" };
    assert_anon(&p, "王小明，身份证120110199001011234，住东丽区华明街道弘顺道18号。小明称",
                "王某，身份证[证件号码]，住[地址]。某称");
    struct teach_party o = { "天津欧华贸易有限公司", "org", "91120110MA05L2B18U", "" };
    assert_anon(&o, "天津欧华贸易有限公司（91120110MA05L2B18U）", "某公司（[证件号码]）");
}

static void test_personal_numbers_in_any_text_are_masked(void **s)
{
    (void)s;
    struct teach_party none = { "", "citizen", "", "" };
    assert_anon(&none, "证件号11010519491231002X止", "证件号[身份证号]止");
    assert_anon(&none, "旧证110105491231002", "旧证[身份证号]");
    assert_anon(&none, "代码91120116MA06XXXX1K", "代码[统一社会信用代码]");
    assert_anon(&none, "手机13912345678，座机022-24391234", "手机[电话]，座机[电话]");
    assert_anon(&none, "联系电话：24391234", "联系电话：[电话]");
    assert_anon(&none, "车牌津A12345、京AD12345、津A·B1234", "车牌津A·*****、京A·******、津A·*****");
    assert_anon(&none, "华兴路7号3号楼2单元501室", "华兴路某号某号楼某单元某室");
}

static void test_legal_citations_amounts_and_dates_are_kept(void **s)
{
    (void)s;
    struct teach_party none = { "", "citizen", "", "" };
    const char *keep[] = {
        "依据《消防法》第六十条第一款第三项，罚款 5000.00 元",
        "国务院令第654号，2023-03-14 施行", "罚款 20000 元，共 12345678 元整",
        "主席令第七十号", "ABC123 型号设备 3 台",
    };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        assert_anon(&none, keep[i], keep[i]);
    assert_anon(NULL, NULL, "");
}

/* ---- learning tasks of a new version, on a real database ---- */

struct fixture {
    char path[64];
    struct db *db;
    int64_t enf, squad, office;     /* departments: 执法部, its squad, 办公室 */
};

static int64_t add_dept(struct db *db, const char *code, int64_t parent)
{
    db_run(db, NULL, "INSERT INTO departments(parent_id, name, code, created_at, updated_at)"
           " VALUES (nullif(?, 0), ?, ?, '2026-01-01', '2026-01-01')", "itt", parent, code,
           code);
    return db_last_id(db);
}

static int64_t add_user(struct db *db, const char *name, int64_t dept, const char *status)
{
    db_run(db, NULL, "INSERT INTO users(username, display_name, dept_id, status, password_hash,"
           " created_at, updated_at) VALUES (?, ?, ?, ?, 'x', '2026-01-01', '2026-01-01')",
           "ttit", name, name, dept, status);
    return db_last_id(db);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/fazhi-test-duties-XXXXXX");
    int fd = mkstemp(f->path);
    close(fd);
    unlink(f->path);
    time_set_offset(480);
    if (db_open(f->path, &f->db))
        return -1;
    f->enf = add_dept(f->db, "T-ENF", 1);
    f->squad = add_dept(f->db, "T-ENF-1", f->enf);
    f->office = add_dept(f->db, "T-OFFICE", 1);
    add_user(f->db, "boss", f->enf, "active");
    add_user(f->db, "o1", f->squad, "active");
    add_user(f->db, "o2", f->squad, "active");
    add_user(f->db, "gone", f->squad, "disabled");
    add_user(f->db, "clerk", f->office, "active");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    char p[96];
    unlink(f->path);
    snprintf(p, sizeof p, "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->path);
    unlink(p);
    free(f);
    return 0;
}

static int64_t regulation(struct fixture *f, json_t *depts)
{
    static int seq;
    char title[32];
    snprintf(title, sizeof title, "测试办法%d", ++seq);
    struct reg_input in = { .title = title, .level = "规范性文件", .dept_ids = depts };
    struct reg_version_input v = { .effective_from = "2020-01-01",
                                   .full_text = "第一条　测试。\n" };
    struct fz_problem p = {0};
    int64_t id = 0;
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(reg_create(f->db, 0, &in, &v, &id, &p), FZ_OK);
    assert_int_equal(db_commit(f->db), FZ_OK);
    json_decref(depts);
    return id;
}

static int64_t revise(struct fixture *f, int64_t id, const char *from)
{
    struct reg_version_input v = { .effective_from = from, .full_text = "第一条　修订。\n" };
    struct fz_problem p = {0};
    int64_t no = 0;
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(reg_version_add(f->db, 0, id, &v, &no, &p), FZ_OK);
    assert_int_equal(db_commit(f->db), FZ_OK);
    return no;
}

static char *assignees(struct fixture *f, int64_t reg)
{
    char *s = NULL;
    db_query_text(f->db, &s, "SELECT coalesce(group_concat(username, ','), '') FROM"
                  " (SELECT u.username FROM learning_tasks k JOIN users u ON u.id = k.user_id"
                  " WHERE k.regulation_id = ? AND k.origin = 'version' ORDER BY u.username)",
                  "i", reg);
    return s;
}

static void test_a_new_version_assigns_active_staff_of_the_departments_and_sub_departments(
    void **state)
{
    struct fixture *f = *state;
    int64_t reg = regulation(f, json_pack("[I]", (json_int_t)f->enf));
    char *none = assignees(f, reg);
    assert_string_equal(none, "");                 /* the first version assigns nothing */
    free(none);
    assert_int_equal(revise(f, reg, "2030-01-01"), 2);
    char *who = assignees(f, reg);
    assert_string_equal(who, "boss,o1,o2");        /* not the disabled one, not the clerk */
    free(who);
    assert_int_equal(db_integrity(f->db), FZ_OK);
}

static void test_a_second_call_for_the_same_version_creates_no_task(void **state)
{
    struct fixture *f = *state;
    int64_t reg = regulation(f, json_pack("[I, I]", (json_int_t)f->enf, (json_int_t)f->squad));
    int64_t no = revise(f, reg, "2030-01-01"), n = -1;
    char *who = assignees(f, reg);
    assert_string_equal(who, "boss,o1,o2");        /* squad listed twice: still once each */
    free(who);
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(duties_learning_on_version(f->db, 0, reg, no, &n), FZ_OK);
    assert_int_equal(db_commit(f->db), FZ_OK);
    assert_int_equal(n, 0);
    who = assignees(f, reg);
    assert_string_equal(who, "boss,o1,o2");
    free(who);
}

static void test_a_regulation_without_departments_assigns_nobody(void **state)
{
    struct fixture *f = *state;
    int64_t reg = regulation(f, json_array()), n = -1;
    int64_t no = revise(f, reg, "2030-01-01");
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(duties_learning_on_version(f->db, 0, reg, no, &n), FZ_OK);
    assert_int_equal(db_commit(f->db), FZ_OK);
    assert_int_equal(n, 0);
    char *who = assignees(f, reg);
    assert_string_equal(who, "");
    free(who);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_item_due_yesterday_and_not_done_is_overdue),
        cmocka_unit_test(test_an_item_due_today_is_not_yet_overdue),
        cmocka_unit_test(test_a_done_item_or_one_without_due_date_is_never_overdue),
        cmocka_unit_test(test_done_without_evidence_is_refused_naming_evidence),
        cmocka_unit_test(test_an_unknown_status_is_refused_naming_status),
        cmocka_unit_test(test_version_tasks_are_due_30_days_after_the_later_of_today_and_in_force),
        cmocka_unit_test(test_party_aliases_keep_the_surname_or_the_organisation_form),
        cmocka_unit_test(test_the_party_name_given_name_id_and_address_are_replaced),
        cmocka_unit_test(test_personal_numbers_in_any_text_are_masked),
        cmocka_unit_test(test_legal_citations_amounts_and_dates_are_kept),
        cmocka_unit_test_setup_teardown(
            test_a_new_version_assigns_active_staff_of_the_departments_and_sub_departments,
            setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_second_call_for_the_same_version_creates_no_task,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_regulation_without_departments_assigns_nobody,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("duties", tests, NULL, NULL);
}
