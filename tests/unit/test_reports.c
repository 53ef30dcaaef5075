/* test_reports.c - the annual report module on a real, migrated SQLite file: the figure
 * table is well formed and every figure runs on an empty database; live fields parse,
 * refuse unknown figures by name and format values ("700余"); the work-order rates equal
 * wo_stats on the same rows; a missing source table is an error, not a number; the flow
 * refuses empty sections and out-of-order steps; publication freezes the documents and
 * an altered frozen file is refused; the DOCX extension is backwards compatible. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <zip.h>
#include "db/db.h"
#include "modules/docx.h"
#include "modules/files.h"
#include "modules/reports.h"
#include "modules/workorders.h"
#include "util/crypto.h"
#include "util/timeutil.h"

struct fixture {
    char path[64];
    char files[96];
    struct db *db;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/fazhi-test-reports-XXXXXX");
    int fd = mkstemp(f->path);
    close(fd);
    unlink(f->path);
    snprintf(f->files, sizeof f->files, "%s.files", f->path);
    time_set_offset(480);
    assert_int_equal(crypto_init(), FZ_OK);
    assert_int_equal(db_open(f->path, &f->db), FZ_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(db_integrity(f->db), FZ_OK);
    db_close(f->db);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s-wal' '%s-shm' '%s'", f->path, f->path, f->path,
             f->files);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static time_t at(const char *iso)
{
    time_t t = 0;
    assert_int_equal(time_parse(iso, &t), FZ_OK);
    return t;
}

static const json_t *figure(const json_t *figs, const char *id)
{
    size_t i;
    const json_t *x;
    json_array_foreach(figs, i, x)
        if (strcmp(json_string_value(json_object_get(x, "id")), id) == 0)
            return x;
    fail_msg("no figure %s", id);
    return NULL;
}

/* ---- the figure table ---- */

static void test_figure_ids_are_unique_live_field_names_with_label_and_source(void **state)
{
    (void)state;
    int n = 0;
    for (const struct report_figure *f = reports_figure_table(); f->id; f++, n++) {
        for (const char *c = f->id; *c; c++)
            assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_');
        assert_ptr_equal(reports_figure_find(f->id), f);
        assert_true(strlen(f->label) > 0 && strlen(f->source) > 8 && f->unit && f->sql);
    }
    assert_true(n >= 40);
    assert_null(reports_figure_find("no_such_figure"));
}

static void test_every_figure_runs_on_an_empty_database(void **state)
{
    struct fixture *f = *state;
    json_t *figs = NULL;
    assert_int_equal(reports_figures(f->db, "2023-01-01", "2023-12-31", 0, &figs), FZ_OK);
    size_t i;
    json_t *x;
    json_array_foreach(figs, i, x) {
        const char *id = json_string_value(json_object_get(x, "id"));
        if (json_object_get(x, "error"))
            fail_msg("%s: %s", id, json_string_value(json_object_get(x, "error")));
        json_t *v = json_object_get(x, "value");
        assert_true(json_is_array(v) || json_is_null(v) || json_number_value(v) == 0);
    }
    json_decref(figs);
    json_t *series = NULL;
    assert_int_equal(reports_series(f->db, "2023-01-01", "2023-12-31", 0, &series), FZ_OK);
    const char *k;
    json_object_foreach(series, k, x)
        assert_true(json_is_array(x));
    json_decref(series);
}

static void test_figures_reject_a_bad_period(void **state)
{
    struct fixture *f = *state;
    json_t *figs = NULL;
    assert_int_equal(reports_figures(f->db, "2023-12-31", "2023-01-01", 0, &figs), FZ_EINVAL);
    assert_int_equal(reports_figures(f->db, "2023-02-30", "2023-12-31", 0, &figs), FZ_EINVAL);
    assert_int_equal(reports_figures(f->db, "2023-1-1", "2023-12-31", 0, &figs), FZ_EINVAL);
}

/* a missing module: the figures of its table say so and keep no value */
static void test_a_missing_source_table_is_an_error_not_a_number(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(db_exec(f->db, "DROP TABLE regulation_depts"), FZ_OK);
    json_t *figs = NULL;
    assert_int_equal(reports_figures(f->db, "2023-01-01", "2023-12-31", 0, &figs), FZ_OK);
    const json_t *x = figure(figs, "regulations_by_dept");
    assert_true(json_is_null(json_object_get(x, "value")));
    assert_non_null(strstr(json_string_value(json_object_get(x, "error")), "regulation_depts"));
    char out[64];
    reports_format_value(x, NULL, out, sizeof out);
    assert_string_equal(out, "【数据暂缺】");
    assert_null(json_object_get(figure(figs, "regulations_in_force"), "error"));
    json_decref(figs);
}

/* ---- work orders: the same rates as wo_stats ---- */

static void add_order(struct db *db, const char *no, const char *channel, const char *recv,
                      const char *replied, const char *due, const char *callback,
                      int64_t merged)
{
    assert_int_equal(db_run(db, NULL,
        "INSERT INTO workorders(no, channel, category, subject, received_at, sign_due,"
        " reply_due, replied_at, callback_result, merged_into, created_at, updated_at)"
        " VALUES (?, ?, 'consult', 's', ?, ?, ?, ?, ?, nullif(?, 0), ?, ?)", "tttttttitt",
        no, channel, recv, due, due, replied, callback, merged, recv, recv), FZ_OK);
}

static void test_work_order_figures_equal_wo_stats_on_the_same_rows(void **state)
{
    struct fixture *f = *state;
    add_order(f->db, "GD1", "hotline", "2023-03-01T09:00:00+08:00", "2023-03-02T09:00:00+08:00",
              "2023-03-08T17:00:00+08:00", "satisfied", 0);
    add_order(f->db, "GD2", "board", "2023-03-05T09:00:00+08:00", "2023-03-20T09:00:00+08:00",
              "2023-03-10T17:00:00+08:00", "basic", 0);
    add_order(f->db, "GD3", "hotline", "2023-06-01T09:00:00+08:00", NULL,
              "2023-06-08T17:00:00+08:00", NULL, 0);
    add_order(f->db, "GD4", "hotline", "2023-06-01T10:00:00+08:00", NULL,
              "2023-06-08T17:00:00+08:00", NULL, 3);        /* merged: a duplicate */
    add_order(f->db, "GD5", "board", "2024-01-01T00:00:00+08:00", NULL,
              "2024-01-08T17:00:00+08:00", NULL, 0);        /* outside the period */
    json_t *figs = NULL, *st = NULL;
    assert_int_equal(reports_figures(f->db, "2023-01-01", "2023-12-31", 0, &figs), FZ_OK);
    assert_int_equal(wo_stats(f->db, NULL, "2023-01-01T00:00:00+08:00",
                              "2023-12-31T23:59:59+08:00", 0, NULL, &st), FZ_OK);
    json_t *t = json_object_get(st, "totals");
    assert_int_equal(json_integer_value(json_object_get(figure(figs, "wo_received"), "value")), 3);
    assert_int_equal(json_integer_value(json_object_get(t, "received")), 3);
    static const char *const pairs[][2] = {
        { "wo_reply_rate", "reply_rate" }, { "wo_on_time_rate", "on_time_rate" },
        { "wo_satisfaction_rate", "satisfaction_rate" },
    };
    for (size_t i = 0; i < 3; i++)
        assert_true(json_real_value(json_object_get(figure(figs, pairs[i][0]), "value")) ==
                    json_real_value(json_object_get(t, pairs[i][1])));
    assert_true(json_real_value(json_object_get(figure(figs, "wo_reply_rate"), "value")) == 66.67);
    assert_int_equal(json_integer_value(json_object_get(figure(figs, "wo_overdue"), "value")),
                     json_integer_value(json_object_get(t, "overdue")));
    assert_int_equal(json_integer_value(json_object_get(figure(figs, "wo_board"), "value")), 1);
    json_decref(figs);
    json_decref(st);
}

/* ---- live fields ---- */

static void test_live_fields_refuse_an_unknown_figure_by_name(void **state)
{
    (void)state;
    struct fz_problem p = {0};
    assert_int_equal(reports_fields_check("签订{{fig:commitments_signed}}份，约{{fig:wo_received|余}}件",
                                          &p), FZ_OK);
    assert_int_equal(reports_fields_check("{{fig:nope}}", &p), FZ_EINVAL);
    assert_string_equal(p.field, "body");
    assert_string_equal(p.code, "unknown_field");
    assert_non_null(strstr(p.message, "nope"));
    assert_int_equal(reports_fields_check("{{fig:wo_received", &p), FZ_EINVAL);
    assert_int_equal(reports_fields_check("{{wo_received}}", &p), FZ_EINVAL);
    assert_int_equal(reports_fields_check("{{fig:wo_received|约}}", &p), FZ_EINVAL);
    assert_int_equal(reports_fields_check("单独的 { 和 } 不是字段", &p), FZ_OK);
}

static void test_values_format_as_the_report_prints_them(void **state)
{
    (void)state;
    char out[128];
    json_t *i = json_pack("{s:i}", "value", 726), *r = json_pack("{s:f}", "value", 91.5);
    json_t *h = json_pack("{s:f}", "value", 100.0), *l = json_pack("{s:[s, s]}", "value", "区城管委",
                                                                   "区住建委");
    reports_format_value(i, NULL, out, sizeof out);
    assert_string_equal(out, "726");
    reports_format_value(i, "余", out, sizeof out);
    assert_string_equal(out, "700余");
    json_object_set_new(i, "value", json_integer(76));
    reports_format_value(i, "余", out, sizeof out);
    assert_string_equal(out, "70余");
    json_object_set_new(i, "value", json_integer(5));
    reports_format_value(i, "余", out, sizeof out);
    assert_string_equal(out, "5");
    reports_format_value(r, NULL, out, sizeof out);
    assert_string_equal(out, "91.5");
    reports_format_value(h, NULL, out, sizeof out);
    assert_string_equal(out, "100");
    reports_format_value(l, NULL, out, sizeof out);
    assert_string_equal(out, "区城管委、区住建委");
    json_decref(i);
    json_decref(r);
    json_decref(h);
    json_decref(l);
}

static void test_expand_replaces_every_field_and_keeps_the_text(void **state)
{
    (void)state;
    json_t *figs = json_pack("[{s:s, s:i}, {s:s, s:f}]", "id", "wo_received", "value", 726, "id",
                             "wo_reply_rate", "value", 100.0);
    char *out = NULL;
    struct fz_problem p = {0};
    assert_int_equal(reports_fields_expand("工单{{fig:wo_received|余}}件，答复率为{{fig:wo_reply_rate}}%。",
                                           figs, &out, &p), FZ_OK);
    assert_string_equal(out, "工单700余件，答复率为100%。");
    free(out);
    json_decref(figs);
}

/* ---- the flow ---- */

static void fill(struct report_ctx *c, int64_t year, int upto)
{
    for (int n = 1; n <= upto; n++) {
        struct fz_problem p = {0};
        int64_t v = 0;
        assert_int_equal(db_query_int(c->db, &v, "SELECT s.version FROM report_sections s JOIN"
                                      " reports r ON r.id = s.report_id WHERE r.year = ? AND"
                                      " s.n = ?", "ii", year, (int64_t)n), FZ_OK);
        assert_int_equal(reports_section_put(c, year, n, n == 1 ? "（一）强化组织领导。签订"
                                             "{{fig:commitments_signed}}份。" : "内容。", v, &p),
                         FZ_OK);
    }
}

static enum fz_err act(struct report_ctx *c, int64_t year, const char *json,
                       struct fz_problem *p, json_t **detail)
{
    json_t *b = json_loads(json, 0, NULL);
    char summary[160];
    json_t *allowed = NULL;
    enum fz_err rc = reports_act(c, year, b, &allowed, detail, summary, p);
    json_decref(allowed);
    json_decref(b);
    return rc;
}

static void test_flow_refuses_empty_sections_and_steps_out_of_order(void **state)
{
    struct fixture *f = *state;
    struct report_ctx c = { .db = f->db, .files = f->files, .now = at("2024-01-10") };
    struct fz_problem p = {0};
    int64_t id = 0;
    assert_int_equal(reports_create(&c, 2023, &id, &p), FZ_OK);
    assert_int_equal(reports_create(&c, 2023, &id, &p), FZ_ECONFLICT);
    assert_string_equal(p.code, "duplicate");
    assert_int_equal(reports_create(&c, 2025, &id, &p), FZ_EINVAL);     /* not begun then */
    fill(&c, 2023, 3);
    assert_int_equal(act(&c, 2023, "{\"action\":\"submit_review\"}", &p, NULL), FZ_EINVAL);
    assert_string_equal(p.code, "empty_section");
    assert_non_null(strstr(p.message, "四、五"));
    fill(&c, 2023, 5);
    assert_int_equal(act(&c, 2023, "{\"action\":\"publish\"}", &p, NULL), FZ_ECONFLICT);
    assert_string_equal(p.code, "invalid_transition");
    assert_int_equal(act(&c, 2023, "{\"action\":\"fly\"}", &p, NULL), FZ_EINVAL);
    assert_int_equal(act(&c, 2023, "{\"action\":\"submit_review\"}", &p, NULL), FZ_OK);
    assert_int_equal(reports_section_put(&c, 2023, 1, "x", 3, &p), FZ_ECONFLICT);
    assert_string_equal(p.code, "report_locked");
    assert_int_equal(act(&c, 2023, "{\"action\":\"approve\"}", &p, NULL), FZ_OK);
    assert_int_equal(act(&c, 2023, "{\"action\":\"confidentiality_review\"}", &p, NULL), FZ_OK);
    c.now = at("2024-03-05");                   /* submitted after 1 March: late */
    assert_int_equal(act(&c, 2023, "{\"action\":\"submit\",\"confidentiality_opinion\":\"不涉密\","
                         "\"recipients\":[\"区政府\"],\"submitted_on\":\"2024-03-02\"}", &p, NULL),
                     FZ_OK);
    json_t *r = NULL;
    assert_int_equal(reports_get(&c, 2023, &r), FZ_OK);
    json_t *dl = json_array_get(json_object_get(r, "deadlines"), 0);
    assert_string_equal(json_string_value(json_object_get(dl, "state")), "late");
    json_decref(r);
}

static void test_publication_freezes_the_documents_and_refuses_altered_bytes(void **state)
{
    struct fixture *f = *state;
    struct report_ctx c = { .db = f->db, .files = f->files, .now = at("2024-01-10") };
    struct fz_problem p = {0};
    int64_t id = 0;
    assert_int_equal(reports_create(&c, 2023, &id, &p), FZ_OK);
    fill(&c, 2023, 5);
    static const char *const steps[] = {
        "{\"action\":\"submit_review\"}", "{\"action\":\"approve\"}",
        "{\"action\":\"confidentiality_review\"}",
        "{\"action\":\"submit\",\"confidentiality_opinion\":\"不涉密\",\"recipients\":[\"区政府\"]}",
        NULL,
    };
    for (int i = 0; steps[i]; i++)
        assert_int_equal(act(&c, 2023, steps[i], &p, NULL), FZ_OK);
    json_t *detail = NULL;
    assert_int_equal(act(&c, 2023, "{\"action\":\"publish\",\"url\":\"https://x.example/r\"}", &p,
                         &detail), FZ_OK);
    const char *sha = json_string_value(json_object_get(detail, "docx_sha256"));
    assert_non_null(sha);
    char *data = NULL, name[192];
    size_t len = 0;
    const char *ctype = NULL;
    bool frozen = false;
    assert_int_equal(reports_document(&c, 2023, "docx", &data, &len, &ctype, name, &frozen, &p),
                     FZ_OK);
    assert_true(frozen);
    uint8_t h[FZ_HASH_LEN];
    char hex[FZ_HEX_LEN];
    crypto_digest(FZ_SHA256, data, len, h);
    crypto_hex(h, sizeof h, hex);
    assert_string_equal(hex, sha);
    free(data);
    assert_int_equal(reports_section_put(&c, 2023, 2, "改", 2, &p), FZ_ECONFLICT);
    assert_string_equal(p.code, "report_frozen");
    char path[1200];                            /* somebody edits the stored file */
    files_path(f->files, sha, path, sizeof path);
    FILE *fp = fopen(path, "ab");
    assert_non_null(fp);
    fputs("x", fp);
    fclose(fp);
    assert_int_equal(reports_document(&c, 2023, "docx", &data, &len, &ctype, name, &frozen, &p),
                     FZ_EIO);
    assert_string_equal(p.code, "frozen_unavailable");
    json_decref(detail);
}

static void test_markdown_has_the_five_headings_in_order_and_run_in_leads(void **state)
{
    struct fixture *f = *state;
    struct report_ctx c = { .db = f->db, .files = f->files, .now = at("2024-01-10") };
    struct fz_problem p = {0};
    int64_t id = 0;
    assert_int_equal(reports_create(&c, 2023, &id, &p), FZ_OK);
    fill(&c, 2023, 5);
    /* staff indent with ideographic spaces and leave blank lines: both are dropped */
    assert_int_equal(reports_section_put(&c, 2023, 2, "\u3000\u3000（二）筑牢理论武装：正文。\n\n"
                                         "  一是学习。", 2, &p), FZ_OK);
    char *md = NULL, name[192];
    size_t len = 0;
    const char *ctype = NULL;
    bool frozen = true;
    assert_int_equal(reports_document(&c, 2023, "md", &md, &len, &ctype, name, &frozen, &p),
                     FZ_OK);
    assert_false(frozen);
    const char *heads[] = { "## 一、主要举措和成效", "## 二、存在的不足和原因",
                            "## 三、党政主要负责人履行推进法治建设第一责任人职责情况",
                            "## 四、下一年度主要安排", "## 五、其他需要报告的情况" };
    const char *prev = md;
    for (int i = 0; i < 5; i++) {
        const char *at_ = strstr(md, heads[i]);
        assert_non_null(at_);
        assert_true(at_ >= prev);
        prev = at_;
    }
    assert_non_null(strstr(md, "**（一）强化组织领导。**签订0份。"));
    assert_non_null(strstr(md, "\n**（二）筑牢理论武装：**正文。\n\n一是学习。\n"));
    assert_non_null(strstr(md, "## 附件：数据来源"));
    free(md);
    assert_int_equal(reports_document(&c, 2023, "odt", &md, &len, &ctype, name, &frozen, &p),
                     FZ_EINVAL);
}

static void test_pdf_without_libreoffice_names_the_missing_program(void **state)
{
    (void)state;
    char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    setenv("PATH", "/nonexistent", 1);
    struct fz_problem p = {0};
    char *pdf = NULL;
    size_t n = 0;
    assert_int_equal(reports_pdf_from_docx("PK", 2, &pdf, &n, &p), FZ_EIO);
    assert_string_equal(p.code, "pdf_unavailable");
    assert_non_null(strstr(p.message, "soffice"));
    if (old)
        setenv("PATH", old, 1);
    free(old);
}

/* ---- docx.c's extension is opt-in ---- */

static int zip_entries(const char *data, size_t len, const char *want)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    assert_non_null(z);
    int n = (int)zip_get_num_entries(z, 0);
    int found = zip_name_locate(z, want, 0) >= 0;
    zip_close(z);
    zip_error_fini(&ze);
    return found ? n : -n;
}

static void test_docx_without_gb9704_is_unchanged_and_with_it_has_page_numbers(void **state)
{
    (void)state;
    struct docx *d = NULL;
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(docx_new(&d), FZ_OK);
    docx_title(d, "标题");
    docx_para(d, 0, "正文");
    assert_int_equal(docx_gb9704(d, DOCX_GB_PAGE_NUMBERS), FZ_EINVAL);    /* too late */
    assert_int_equal(docx_finish(d, "标题", 1, &out, &len), FZ_EINVAL);
    docx_free(d);
    assert_int_equal(docx_new(&d), FZ_OK);
    docx_title(d, "标题");
    assert_int_equal(docx_finish(d, "标题", 1, &out, &len), FZ_OK);
    assert_int_equal(zip_entries(out, len, "word/footer1.xml"), -7);
    free(out);
    docx_free(d);
    assert_int_equal(docx_new(&d), FZ_OK);
    assert_int_equal(docx_gb9704(d, DOCX_GB_PAGE_NUMBERS | DOCX_GB_FONTS), FZ_OK);
    docx_title(d, "标题");
    docx_para_runin(d, 2, "（一）小标题。", "正文");
    assert_int_equal(docx_finish(d, "标题", 1, &out, &len), FZ_OK);
    assert_int_equal(zip_entries(out, len, "word/footer1.xml"), 10);
    free(out);
    docx_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figure_ids_are_unique_live_field_names_with_label_and_source),
        cmocka_unit_test_setup_teardown(test_every_figure_runs_on_an_empty_database, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_figures_reject_a_bad_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_missing_source_table_is_an_error_not_a_number,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_work_order_figures_equal_wo_stats_on_the_same_rows,
                                        setup, teardown),
        cmocka_unit_test(test_live_fields_refuse_an_unknown_figure_by_name),
        cmocka_unit_test(test_values_format_as_the_report_prints_them),
        cmocka_unit_test(test_expand_replaces_every_field_and_keeps_the_text),
        cmocka_unit_test_setup_teardown(test_flow_refuses_empty_sections_and_steps_out_of_order,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_publication_freezes_the_documents_and_refuses_altered_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_markdown_has_the_five_headings_in_order_and_run_in_leads, setup, teardown),
        cmocka_unit_test(test_pdf_without_libreoffice_names_the_missing_program),
        cmocka_unit_test(test_docx_without_gb9704_is_unchanged_and_with_it_has_page_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
