/* test_dialect.c - the SQLite-to-PostgreSQL translation of src/db/dialect.c, one rule per
 * test: each input is fazhi SQL as the modules write it, each expected output is what
 * PostgreSQL 15 accepts with the same meaning (the API suite's api-pg run checks the
 * translations against a real server; these pin the rules down one by one). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "db/dialect.h"

/* pg: the translation of sql, checked to succeed; n gets the parameter count */
static char *pg(const char *sql, int *n)
{
    char *out = NULL;
    int np = -1;
    if (dialect_pg(sql, &out, &np) != FZ_OK)
        fail_msg("no translation for %s", sql);
    if (n)
        *n = np;
    return out;
}

static void expect(const char *sql, const char *want)
{
    char *got = pg(sql, NULL);
    if (strcmp(got, want) != 0)
        fail_msg("\n  sql:  %s\n  got:  %s\n  want: %s", sql, got, want);
    free(got);
}

static void test_placeholders_numbered_and_positional(void **state)
{
    (void)state;
    int n = 0;
    char *s = pg("SELECT a FROM t WHERE b = ?3 OR c = ?1", &n);
    assert_string_equal(s, "SELECT a FROM t WHERE b = $3 OR c = $1");
    assert_int_equal(n, 3);
    free(s);
    s = pg("INSERT INTO t(a, b) VALUES (?, ?)", &n);
    assert_string_equal(s, "INSERT INTO t(a, b) VALUES ($1, $2)");
    assert_int_equal(n, 2);
    free(s);
}

static void test_literals_names_and_comments_are_left_alone(void **state)
{
    (void)state;
    expect("SELECT 'a ? LIKE b', \"json_object\" FROM t -- is ?\n",
           "SELECT 'a ? LIKE b', \"json_object\" FROM t -- is ?\n");
    expect("SELECT 'it''s ?'", "SELECT 'it''s ?'");
}

static void test_blob_literals_become_bytea(void **state)
{
    (void)state;
    expect("INSERT INTO d(content) VALUES (x''), (X'0a1B')",
           "INSERT INTO d(content) VALUES ('\\x'::bytea), ('\\x0a1B'::bytea)");
    expect("SELECT max(x) FROM t", "SELECT max(x) FROM t");
}

static void test_sum_of_a_condition_counts_where_it_holds(void **state)
{
    (void)state;
    expect("SELECT sum(w.replied_at IS NOT NULL AND w.replied_at <= w.due) FROM w",
           "SELECT sum(CASE WHEN w.replied_at IS NOT NULL AND w.replied_at <= w.due THEN 1 "
           "WHEN NOT (w.replied_at IS NOT NULL AND w.replied_at <= w.due) THEN 0 END) FROM w");
    expect("SELECT sum(q.planned_count), sum(CASE WHEN a = 1 THEN 2 ELSE 0 END) FROM q",
           "SELECT sum(q.planned_count), sum(CASE WHEN a = 1 THEN 2 ELSE 0 END) FROM q");
    expect("SELECT sum((a > 1)) FROM q", "SELECT sum((a > 1)) FROM q");
}

static void test_json_functions(void **state)
{
    (void)state;
    expect("SELECT json_group_array(json_object('id', x.id)) FROM x",
           "SELECT coalesce(json_agg(json_build_object('id', x.id)), '[]'::json) FROM x");
    expect("SELECT json_array(1, 2)", "SELECT json_build_array(1, 2)");
    expect("SELECT json_array_length(a.certs) FROM a",
           "SELECT json_array_length((a.certs)::json) FROM a");
}

static void test_json_each_rows_have_a_value_column(void **state)
{
    (void)state;
    expect("SELECT j.value FROM activities a, json_each(a.laws) j WHERE 1",
           "SELECT j.value FROM activities a, json_array_elements_text((a.laws)::json) AS "
           "j(value) WHERE 1");
    expect("SELECT value FROM json_each(?1)",
           "SELECT value FROM json_array_elements_text(($1)::json) AS json_each(value)");
}

static void test_scalar_functions(void **state)
{
    (void)state;
    expect("SELECT group_concat(r.code, ',') FROM r",
           "SELECT string_agg((r.code)::text, ',') FROM r");
    expect("SELECT ifnull(a, 0), instr(a, 'x'), max(a, b), min(a, b), max(c) FROM t",
           "SELECT coalesce(a, 0), strpos(a, 'x'), greatest(a, b), least(a, b), max(c) FROM t");
    expect("SELECT char(10, 10)", "SELECT chr(10) || chr(10)");
}

static void test_date_arithmetic_in_days(void **state)
{
    (void)state;
    expect("UPDATE v SET effective_to = date(?, '-1 day')",
           "UPDATE v SET effective_to = to_char(($1)::date + (-1), 'YYYY-MM-DD')");
    expect("SELECT date(x, '+3 days')", "SELECT to_char((x)::date + (3), 'YYYY-MM-DD')");
    char *out = NULL;
    assert_int_equal(dialect_pg("SELECT date(x, 'start of month')", &out, NULL), FZ_EINVAL);
    assert_null(out);
}

static void test_strftime_patterns(void **state)
{
    (void)state;
    expect("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
           "SELECT to_char((now() AT TIME ZONE 'UTC'), 'YYYY\"-\"MM\"-\"DD\"T\"HH24\":\"MI\":\"SS\"Z\"')");
}

static void test_like_ignores_ascii_case_as_in_sqlite(void **state)
{
    (void)state;
    expect("SELECT 1 FROM u WHERE name LIKE ? ESCAPE '\\'",
           "SELECT 1 FROM u WHERE name ILIKE $1 ESCAPE '\\'");
}

static void test_is_between_values_is_null_safe_equality(void **state)
{
    (void)state;
    expect("SELECT 1 FROM t WHERE a IS ? AND b IS NOT c AND d IS NULL AND e IS NOT NULL",
           "SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM c AND "
           "d IS NULL AND e IS NOT NULL");
}

static void test_insert_or_ignore_and_upsert(void **state)
{
    (void)state;
    expect("INSERT OR IGNORE INTO user_roles(user_id, role_id) VALUES (?, ?)",
           "INSERT INTO user_roles(user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
    expect("INSERT INTO seq(year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET"
           " last = last + 1",
           "INSERT INTO seq(year, last) VALUES ($1, 1) ON CONFLICT(year) DO UPDATE SET"
           " last = seq.last + 1");
    char *out = NULL;
    assert_int_equal(dialect_pg("INSERT OR REPLACE INTO t VALUES (1)", &out, NULL),
                     FZ_EINVAL);
}

static void test_limit_minus_one_means_no_limit(void **state)
{
    (void)state;
    expect("SELECT a FROM t LIMIT ?6 OFFSET ?7",
           "SELECT a FROM t LIMIT nullif($6, -1) OFFSET $7");
    expect("SELECT a FROM t LIMIT -1", "SELECT a FROM t LIMIT nullif(-1, -1)");
}

static void test_subquery_in_from_gets_an_alias(void **state)
{
    (void)state;
    expect("SELECT json_group_array(p) FROM (SELECT p FROM r ORDER BY p)",
           "SELECT coalesce(json_agg(p), '[]'::json) FROM (SELECT p FROM r ORDER BY p) AS "
           "fz_sub1");
    expect("SELECT x.a FROM (SELECT 1 AS a) x", "SELECT x.a FROM (SELECT 1 AS a) x");
}

static void test_full_text_match_and_rank(void **state)
{
    (void)state;
    expect("SELECT rowid AS id, rank AS rank FROM regulation_fts WHERE regulation_fts MATCH ?1"
           " ORDER BY rank",
           "SELECT rowid AS id, (-ts_rank(regulation_fts.tsv, fz_fts_query($1))) AS rank FROM "
           "regulation_fts WHERE regulation_fts.tsv @@ fz_fts_query($1) ORDER BY "
           "(-ts_rank(regulation_fts.tsv, fz_fts_query($1)))");
}

static void test_rowid_of_a_table_is_its_insertion_order(void **state)
{
    (void)state;
    expect("SELECT a FROM o ORDER BY o.rowid", "SELECT a FROM o ORDER BY o.ctid");
}

static void test_script_column_types_and_override_blocks(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(dialect_pg_script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, r REAL, b BLOB);\n"
        "-- @sqlite\nCREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END;\n"
        "-- @postgres\n/*\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n*/\n"
        "-- @end\nCREATE INDEX t_n ON t(n);\n", &out), FZ_OK);
    assert_non_null(strstr(out, "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    assert_non_null(strstr(out, "n BIGINT NOT NULL, r DOUBLE PRECISION, b BYTEA"));
    assert_null(strstr(out, "CREATE TRIGGER"));
    assert_non_null(strstr(out, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;"));
    assert_non_null(strstr(out, "CREATE INDEX t_n ON t(n);"));
    free(out);
    out = NULL;
    assert_int_equal(dialect_pg_script("-- @sqlite\nSELECT 1;\n", &out), FZ_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placeholders_numbered_and_positional),
        cmocka_unit_test(test_literals_names_and_comments_are_left_alone),
        cmocka_unit_test(test_blob_literals_become_bytea),
        cmocka_unit_test(test_sum_of_a_condition_counts_where_it_holds),
        cmocka_unit_test(test_json_functions),
        cmocka_unit_test(test_json_each_rows_have_a_value_column),
        cmocka_unit_test(test_scalar_functions),
        cmocka_unit_test(test_date_arithmetic_in_days),
        cmocka_unit_test(test_strftime_patterns),
        cmocka_unit_test(test_like_ignores_ascii_case_as_in_sqlite),
        cmocka_unit_test(test_is_between_values_is_null_safe_equality),
        cmocka_unit_test(test_insert_or_ignore_and_upsert),
        cmocka_unit_test(test_limit_minus_one_means_no_limit),
        cmocka_unit_test(test_subquery_in_from_gets_an_alias),
        cmocka_unit_test(test_full_text_match_and_rank),
        cmocka_unit_test(test_rowid_of_a_table_is_its_insertion_order),
        cmocka_unit_test(test_script_column_types_and_override_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
