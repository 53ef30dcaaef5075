/* test_table.c - spreadsheet reading and writing (util/table.c, util/xlsx.c): CSV with
 * quotes, commas, line breaks and UTF-8 (and GBK, as Excel saves it in China) comes back
 * cell for cell with the row numbers a user sees; an XLSX written by xlsx.c is read back
 * by table.c; a hand-made XLSX with inline strings and numbers is read as stored. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zip.h>
#include "util/table.h"
#include "util/xlsx.h"

static struct table *read_ok(const char *data, size_t len, enum table_format fmt)
{
    struct table *t = NULL;
    char why[256] = "";
    enum fz_err rc = table_read(data, len, fmt, &t, why, sizeof why);
    if (rc)
        fail_msg("table_read failed: %d %s", rc, why);
    return t;
}

static void test_csv_quotes_commas_newlines_and_utf8_survive(void **state)
{
    (void)state;
    const char csv[] = "\xEF\xBB\xBF" "企业名称,统一社会信用代码,地址\r\n"
                       "\"天津华明\"\"科技\"\"有限公司\",91120000MA05L6K269,"
                       "\"东丽区华明街道,弘顺道8号\"\r\n"
                       "\"多行\n名称\",x,\r\n";
    struct table *t = read_ok(csv, sizeof csv - 1, TABLE_AUTO);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(table_cell(&t->rows[0], 0), "企业名称");   /* BOM dropped */
    assert_string_equal(table_cell(&t->rows[1], 0), "天津华明\"科技\"有限公司");
    assert_string_equal(table_cell(&t->rows[1], 2), "东丽区华明街道,弘顺道8号");
    assert_string_equal(table_cell(&t->rows[2], 0), "多行\n名称");
    assert_string_equal(table_cell(&t->rows[2], 2), "");
    assert_string_equal(table_cell(&t->rows[2], 9), "");          /* past the row */
    assert_int_equal(t->rows[2].line, 3);
    table_free(t);
}

static void test_csv_row_numbers_count_blank_lines_like_a_spreadsheet(void **state)
{
    (void)state;
    const char csv[] = "a,b\r\n\r\nc,d\n\n\ne,f";
    struct table *t = read_ok(csv, sizeof csv - 1, TABLE_CSV);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->rows[0].line, 1);
    assert_int_equal(t->rows[1].line, 3);
    assert_int_equal(t->rows[2].line, 6);
    assert_string_equal(table_cell(&t->rows[2], 1), "f");
    table_free(t);
}

static void test_csv_in_gbk_is_decoded_to_utf8(void **state)
{
    (void)state;
    /* "企业名称,行业" saved by Excel as GB18030/GBK */
    const char csv[] = "\xc6\xf3\xd2\xb5\xc3\xfb\xb3\xc6,\xd0\xd0\xd2\xb5\r\n";
    struct table *t = read_ok(csv, sizeof csv - 1, TABLE_CSV);
    assert_string_equal(table_cell(&t->rows[0], 0), "企业名称");
    assert_string_equal(table_cell(&t->rows[0], 1), "行业");
    table_free(t);
}

static void test_csv_with_unclosed_quote_is_malformed(void **state)
{
    (void)state;
    const char csv[] = "a,b\n\"open,c\n";
    struct table *t = NULL;
    char why[256] = "";
    assert_int_equal(table_read(csv, sizeof csv - 1, TABLE_CSV, &t, why, sizeof why),
                     FZ_EMALFORMED);
    assert_null(t);
    assert_non_null(strstr(why, "引号"));
}

static void test_xlsx_written_by_xlsx_c_reads_back(void **state)
{
    (void)state;
    static const struct xlsx_col cols[] = {
        { "name", "企业名称", 30 }, { "uscc", "统一社会信用代码", 22 },
        { "n", "人数", 0 }, { "laws", "法律", 0 }, { "ok", "是否", 0 },
        { "formula", "公式", 0 }, { NULL, NULL, 0 },
    };
    json_t *rows = json_pack("[{s:s, s:s, s:i, s:[s,s], s:b, s:s},"
                             " {s:s, s:n, s:f}]",
                             "name", "天津华明, \"测试\" & <科技>", "uscc",
                             "91120000MA05L6K269", "n", 42, "laws", "《民法典》",
                             "《安全生产法》", "ok", 1, "formula", "=1+1",
                             "name", "第二家", "uscc", "n", 2.5);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(xlsx_write("企业名录", cols, rows, &data, &len), FZ_OK);
    json_decref(rows);
    assert_true(len > 100);
    assert_int_equal(table_sniff(data, len), TABLE_XLSX);
    struct table *t = read_ok(data, len, TABLE_AUTO);
    free(data);
    assert_int_equal(t->nrows, 3);
    assert_string_equal(table_cell(&t->rows[0], 1), "统一社会信用代码");
    assert_string_equal(table_cell(&t->rows[1], 0), "天津华明, \"测试\" & <科技>");
    assert_string_equal(table_cell(&t->rows[1], 1), "91120000MA05L6K269");
    assert_string_equal(table_cell(&t->rows[1], 2), "42");
    assert_string_equal(table_cell(&t->rows[1], 3), "《民法典》、《安全生产法》");
    assert_string_equal(table_cell(&t->rows[1], 4), "是");
    assert_string_equal(table_cell(&t->rows[1], 5), "=1+1");     /* text, not a formula */
    assert_string_equal(table_cell(&t->rows[2], 1), "");          /* null -> blank */
    assert_string_equal(table_cell(&t->rows[2], 2), "2.5");
    assert_int_equal(t->rows[2].line, 3);
    table_free(t);
}

/* make_zip: an archive in memory holding the given name/content pairs */
static char *make_zip(const char *const *parts, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(za, parts[i + 1], strlen(parts[i + 1]), 0);
        assert_true(zip_file_add(za, parts[i], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *buf = malloc((size_t)n);
    assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)n), n);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)n;
    return buf;
}

static void test_xlsx_inline_strings_numbers_and_date_serials_read_as_stored(void **state)
{
    (void)state;
    const char *parts[] = {
        "xl/workbook.xml",
        "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
        "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
        "officeDocument/2006/relationships\"><sheets><sheet name=\"名录\" sheetId=\"1\""
        " r:id=\"rId7\"/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels",
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
        "package/2006/relationships\"><Relationship Id=\"rId7\" Type=\"http://schemas."
        "openxmlformats.org/officeDocument/2006/relationships/worksheet\""
        " Target=\"worksheets/data.xml\"/></Relationships>",
        "xl/worksheets/data.xml",
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
        "spreadsheetml/2006/main\"><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>企业名称</t></is></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><r><t>入驻</t></r><r><t>日期</t></r></is></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 华明 </t>"
        "</is></c><c r=\"B4\"><v>12.5</v></c><c r=\"C4\" s=\"1\"><v>45000</v></c></row>"
        "</sheetData></worksheet>",
        NULL,
    };
    size_t len = 0;
    char *data = make_zip(parts, &len);
    struct table *t = read_ok(data, len, TABLE_XLSX);
    free(data);
    assert_int_equal(t->nrows, 2);
    assert_string_equal(table_cell(&t->rows[0], 0), "企业名称");
    assert_string_equal(table_cell(&t->rows[0], 1), "");          /* the hole at B1 */
    assert_string_equal(table_cell(&t->rows[0], 2), "入驻日期");
    assert_int_equal(t->rows[1].line, 4);
    assert_string_equal(table_cell(&t->rows[1], 0), " 华明 ");
    assert_string_equal(table_cell(&t->rows[1], 1), "12.5");
    assert_string_equal(table_cell(&t->rows[1], 2), "45000");      /* a date stays a serial */
    table_free(t);
}

static void test_zip_without_a_worksheet_is_malformed(void **state)
{
    (void)state;
    const char *parts[] = { "hello.txt", "not a workbook", NULL };
    size_t len = 0;
    char *data = make_zip(parts, &len);
    struct table *t = NULL;
    char why[256] = "";
    assert_int_equal(table_read(data, len, TABLE_AUTO, &t, why, sizeof why), FZ_EMALFORMED);
    assert_non_null(strstr(why, "XLSX"));
    free(data);
    assert_int_equal(table_read("PK\x03\x04junk", 8, TABLE_AUTO, &t, why, sizeof why),
                     FZ_EMALFORMED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quotes_commas_newlines_and_utf8_survive),
        cmocka_unit_test(test_csv_row_numbers_count_blank_lines_like_a_spreadsheet),
        cmocka_unit_test(test_csv_in_gbk_is_decoded_to_utf8),
        cmocka_unit_test(test_csv_with_unclosed_quote_is_malformed),
        cmocka_unit_test(test_xlsx_written_by_xlsx_c_reads_back),
        cmocka_unit_test(test_xlsx_inline_strings_numbers_and_date_serials_read_as_stored),
        cmocka_unit_test(test_zip_without_a_worksheet_is_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
