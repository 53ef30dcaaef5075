/* test_regulations.c - the text functions of the regulations library: the CJK bigram
 * index form, query translation into FTS5 phrases (mixed ASCII/CJK, punctuation, FTS5
 * syntax characters that must never reach FTS5 as syntax), snippets, Chinese numerals of
 * article headings (第一条 … 第一千条) and the article splitter; then the library on a
 * real SQLite file: search, the version in force on a day, repeal, integrity afterwards. */
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
#include "modules/regulations.h"
#include "util/timeutil.h"

#define BR REG_BREAK     /* the break token between tokens that separators kept apart */

/* ---- helpers ---- */

static void assert_bigrams(const char *text, const char *want)
{
    char *got = reg_bigrams(text);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* assert_query: q translates to match (NULL: none) and the terms, joined by "|" */
static void assert_query(const char *q, const char *match, const char *terms)
{
    struct reg_query r;
    assert_int_equal(reg_query_parse(q, &r), FZ_OK);
    if (match)
        assert_string_equal(r.match, match);
    else
        assert_null(r.match);
    char joined[512] = "";
    size_t i, o = 0;
    json_t *t;
    json_array_foreach(r.terms, i, t)
        o += (size_t)snprintf(joined + o, sizeof joined - o, "%s%s", i ? "|" : "",
                              json_string_value(t));
    assert_string_equal(joined, terms);
    reg_query_free(&r);
}

static int cn(const char *s)
{
    int n = 0;
    assert_int_equal(reg_cn_number(s, strlen(s), &n), FZ_OK);
    return n;
}

static void assert_not_numeral(const char *s)
{
    int n = -7;
    assert_int_equal(reg_cn_number(s, strlen(s), &n), FZ_EINVAL);
    assert_int_equal(n, -7);
}

/* ---- the bigram form ---- */

static void test_bigrams_cjk_run_becomes_overlapping_pairs(void **state)
{
    (void)state;
    assert_bigrams("行政处罚", "行政 政处 处罚");
    assert_bigrams("处罚", "处罚");
    assert_bigrams("罚", "罚");
    assert_bigrams("", "");
}

static void test_bigrams_punctuation_becomes_one_break_between_tokens(void **state)
{
    (void)state;
    assert_bigrams("处罚，决定。", "处罚 " BR " 决定");
    assert_bigrams("《消防法》第六十条", "消防 防法 " BR " 第六 六十 十条");
    assert_bigrams("“二日”“三日”", "二日 " BR " 三日");
    assert_bigrams("处\n罚", "处 " BR " 罚");
}

static void test_bigrams_ascii_words_kept_lower_cased_digits_split_at_dots(void **state)
{
    (void)state;
    assert_bigrams("PM2.5浓度超标", "pm2 " BR " 5 浓度 度超 超标");
    assert_bigrams("Hello World-42", "hello " BR " world " BR " 42");
    assert_bigrams("每年1月1日", "每年 1 月 1 日");
    assert_bigrams("ＰＭ２．５", "pm2 " BR " 5");          /* full-width forms folded */
}

static void test_bigrams_fts_syntax_characters_are_separators(void **state)
{
    (void)state;
    assert_bigrams("\"行政\" AND (处罚*) NOT x:y ^z -w +v {a b}",
                   "行政 " BR " and " BR " 处罚 " BR " not " BR " x " BR " y " BR " z " BR " w "
                   BR " v " BR " a " BR " b");
}

static void test_bigrams_ideographic_zero_and_extension_b_count_as_cjk(void **state)
{
    (void)state;
    assert_bigrams("二〇二一年", "二〇 〇二 二一 一年");
    assert_bigrams("\xF0\xA0\x80\x80字", "\xF0\xA0\x80\x80字");     /* U+20000 */
}

static void test_bigrams_invalid_utf8_bytes_separate(void **state)
{
    (void)state;
    assert_bigrams("处\xFF罚", "处 " BR " 罚");
    assert_bigrams("ab\xC3", "ab");
}

/* ---- queries ---- */

static void test_query_two_characters_is_one_bigram_phrase(void **state)
{
    (void)state;
    assert_query("处罚", "\"处罚\"", "处罚");
}

static void test_query_longer_term_is_a_phrase_of_its_bigrams(void **state)
{
    (void)state;
    assert_query("行政处罚", "\"行政 政处 处罚\"", "行政处罚");
    assert_query("执法人员不得少于两人", "\"执法 法人 人员 员不 不得 得少 少于 于两 两人\"",
                 "执法人员不得少于两人");
}

static void test_query_whitespace_separated_terms_are_anded(void **state)
{
    (void)state;
    assert_query("行政  处罚\t决定", "\"行政\" AND \"处罚\" AND \"决定\"", "行政|处罚|决定");
    assert_query("执法人员\xE3\x80\x80两人", "\"执法 法人 人员\" AND \"两人\"",
                 "执法人员|两人");                   /* U+3000 separates too */
}

static void test_query_one_character_has_no_phrase_and_falls_back(void **state)
{
    (void)state;
    assert_query("罚", NULL, "罚");
    assert_query("罚 款", NULL, "罚|款");
    assert_query("罚 行政", "\"行政\"", "罚|行政");
}

static void test_query_lone_ideographs_at_term_ends_leave_the_phrase(void **state)
{
    (void)state;
    /* 第 and 条 are halves of bigrams in 依照第35条规定: only 35 can be looked up */
    assert_query("第35条", "\"35\"", "第35条");
    assert_query("第三十五条", "\"第三 三十 十五 五条\"", "第三十五条");
}

static void test_query_mixed_ascii_and_cjk_is_one_phrase(void **state)
{
    (void)state;
    assert_query("PM2.5浓度", "\"pm2 " BR " 5 浓度\"", "pm2.5浓度");
    assert_query("ＰＭ10", "\"pm10\"", "ＰＭ10");       /* the term itself stays as typed */
}

static void test_query_fts_syntax_is_never_syntax(void **state)
{
    (void)state;
    assert_query("\"", NULL, "");
    assert_query("*", NULL, "");
    assert_query("AND (", "\"and\"", "and");
    assert_query("\"行政处罚\"", "\"行政 政处 处罚\"", "行政处罚");
    assert_query("处罚*", "\"处罚\"", "处罚");
    assert_query("NEAR(行政 处罚)", "\"near " BR " 行政\" AND \"处罚\"", "near(行政|处罚");
    assert_query("a\"b OR c", "\"a " BR " b\" AND \"or\" AND \"c\"", "a\"b|or|c");
    assert_query("-处罚 ^决定 col:值", "\"处罚\" AND \"决定\" AND \"col\"", "处罚|决定|col:值");
}

/* assert_checks: the terms q leaves to the substring check, joined by "|", are want */
static void assert_checks(const char *q, const char *want)
{
    struct reg_query r;
    assert_int_equal(reg_query_parse(q, &r), FZ_OK);
    char joined[256] = "";
    size_t i, o = 0;
    json_t *t;
    json_array_foreach(r.checks, i, t)
        o += (size_t)snprintf(joined + o, sizeof joined - o, "%s%s", i ? "|" : "",
                              json_string_value(t));
    assert_string_equal(joined, want);
    reg_query_free(&r);
}

static void test_query_only_inexact_terms_get_the_substring_check(void **state)
{
    (void)state;
    assert_checks("处罚", "");                  /* one bigram: exact */
    assert_checks("行政处罚 执法人员", "");     /* one run each: breaks keep phrases exact */
    assert_checks("罚", "罚");
    assert_checks("第35条 行政处罚", "第35条");
    assert_checks("PM2.5", "pm2.5");
    assert_checks("行政，处罚", "行政，处罚");
}

static void test_query_empty_blank_and_punctuation_only_have_no_terms(void **state)
{
    (void)state;
    assert_query("", NULL, "");
    assert_query(" \t ", NULL, "");
    assert_query("，。！？ ()", NULL, "");
    assert_query(NULL, NULL, "");
}

static void test_query_invalid_utf8_is_rejected(void **state)
{
    (void)state;
    struct reg_query r;
    assert_int_equal(reg_query_parse("处\xFF罚", &r), FZ_EINVAL);
}

/* ---- snippets ---- */

static void test_snippet_marks_every_term_and_escapes_html(void **state)
{
    (void)state;
    json_t *terms = json_pack("[s, s]", "处罚", "<b>");
    char *s = reg_snippet("不予处罚；<b>处罚</b> & 决定", terms, 80);
    assert_string_equal(s, "不予<mark>处罚</mark>；<mark>&lt;b&gt;</mark><mark>处罚</mark>"
                           "&lt;/b&gt; &amp; 决定");
    free(s);
    json_decref(terms);
}

static void test_snippet_cuts_around_the_first_match_with_ellipses(void **state)
{
    (void)state;
    json_t *terms = json_pack("[s]", "目标");
    char text[1024];
    size_t o = 0;
    for (int i = 0; i < 40; i++)
        o += (size_t)snprintf(text + o, sizeof text - o, "前");
    o += (size_t)snprintf(text + o, sizeof text - o, "目标\n");
    for (int i = 0; i < 40; i++)
        o += (size_t)snprintf(text + o, sizeof text - o, "后");
    char *s = reg_snippet(text, terms, 20);
    assert_string_equal(s, "…前前前前前<mark>目标</mark> 后后后后后后后后后后后后…");
    free(s);
    json_decref(terms);
}

static void test_snippet_is_case_insensitive_for_ascii_and_keeps_original_case(void **state)
{
    (void)state;
    json_t *terms = json_pack("[s]", "pm2.5");
    char *s = reg_snippet("颗粒物（PM2.5）", terms, 80);
    assert_string_equal(s, "颗粒物（<mark>PM2.5</mark>）");
    free(s);
    json_decref(terms);
}

/* ---- Chinese numerals ---- */

static void test_cn_number_article_numbers(void **state)
{
    (void)state;
    assert_int_equal(cn("一"), 1);
    assert_int_equal(cn("十"), 10);
    assert_int_equal(cn("十五"), 15);
    assert_int_equal(cn("二十一"), 21);
    assert_int_equal(cn("一百"), 100);
    assert_int_equal(cn("一百零五"), 105);
    assert_int_equal(cn("一百一十"), 110);
    assert_int_equal(cn("一百二十"), 120);
    assert_int_equal(cn("两百"), 200);
    assert_int_equal(cn("一千"), 1000);
    assert_int_equal(cn("一千零二十"), 1020);
    assert_int_equal(cn("九千九百九十九"), 9999);
    assert_int_equal(cn("35"), 35);
    assert_int_equal(cn("\xEF\xBC\x93\xEF\xBC\x95"), 35);       /* ３５ */
}

static void test_cn_number_rejects_what_is_not_an_article_number(void **state)
{
    (void)state;
    assert_not_numeral("");
    assert_not_numeral("零");
    assert_not_numeral("二三");
    assert_not_numeral("百");
    assert_not_numeral("十百");
    assert_not_numeral("一百五");        /* colloquial 150: never in article numbers */
    assert_not_numeral("一万");
    assert_not_numeral("0");
    assert_not_numeral("10000");
    assert_not_numeral("三a");
}

static void test_cn_format_round_trips_1_to_9999(void **state)
{
    (void)state;
    char s[64];
    reg_cn_format(105, s, sizeof s);
    assert_string_equal(s, "一百零五");
    reg_cn_format(10, s, sizeof s);
    assert_string_equal(s, "十");
    reg_cn_format(1010, s, sizeof s);
    assert_string_equal(s, "一千零一十");
    reg_cn_format(0, s, sizeof s);
    assert_string_equal(s, "");
    for (int n = 1; n <= 9999; n++) {
        reg_cn_format(n, s, sizeof s);
        assert_int_equal(cn(s), n);
    }
}

/* ---- articles ---- */

static const char sample[] =
    "某某管理办法\n"
    "目　录\n"
    "第一章　总　则\n"
    "第一条　为了规范管理，制定本办法。\n"
    "第二条  本办法适用于本区。\r\n"
    "　　前款所称本区，包括园区。\n"
    "\n"
    "第二章　处　罚\n"
    "第一节　一般规定\n"
    "第十条\n"
    "违反本办法的，责令改正。\n"
    "第二条规定的园区，参照执行。\n"
    "第十条规定的处罚，由执法部门实施。\n"
    "第一百零五条：罚款数额另行规定。\n"
    "第一千条　附则。\n";

static void test_parse_articles_splits_at_headings_with_chapters(void **state)
{
    (void)state;
    struct reg_articles a;
    assert_int_equal(reg_parse_articles(sample, &a), FZ_OK);
    assert_int_equal(a.n, 5);
    assert_int_equal(a.v[0].no, 1);
    assert_string_equal(a.v[0].label, "第一条");
    assert_string_equal(a.v[0].chapter, "第一章 总 则");
    assert_string_equal(a.v[0].text, "为了规范管理，制定本办法。");
    assert_int_equal(a.v[1].no, 2);
    assert_string_equal(a.v[1].text, "本办法适用于本区。\n前款所称本区，包括园区。");
    assert_int_equal(a.v[2].no, 10);
    assert_string_equal(a.v[2].chapter, "第二章 处 罚 · 第一节 一般规定");
    /* an earlier number and a citation without a blank stay paragraphs of 第十条 */
    assert_string_equal(a.v[2].text, "违反本办法的，责令改正。\n第二条规定的园区，参照执行。\n"
                                     "第十条规定的处罚，由执法部门实施。");
    assert_int_equal(a.v[3].no, 105);
    assert_string_equal(a.v[3].label, "第一百零五条");
    assert_string_equal(a.v[3].text, "罚款数额另行规定。");
    assert_int_equal(a.v[4].no, 1000);
    reg_articles_free(&a);
}

static void test_parse_articles_without_headings_gives_none(void **state)
{
    (void)state;
    struct reg_articles a;
    assert_int_equal(reg_parse_articles("这是一段没有条文的说明。\n第几条也不是。", &a), FZ_OK);
    assert_int_equal(a.n, 0);
    reg_articles_free(&a);
    assert_int_equal(reg_parse_articles("", &a), FZ_OK);
    assert_int_equal(a.n, 0);
}

static void test_citation_ids_parse_strictly(void **state)
{
    (void)state;
    int64_t id = 0, v = 0, art = 0;
    assert_int_equal(reg_parse_citation("reg/12/v2/art/35", &id, &v, &art), FZ_OK);
    assert_int_equal(id, 12);
    assert_int_equal(v, 2);
    assert_int_equal(art, 35);
    assert_int_equal(reg_parse_citation("reg/12/v2/art/35/", &id, &v, &art), FZ_EINVAL);
    assert_int_equal(reg_parse_citation("reg/0/v2/art/35", &id, &v, &art), FZ_EINVAL);
    assert_int_equal(reg_parse_citation("reg/12/2/art/35", &id, &v, &art), FZ_EINVAL);
    assert_int_equal(reg_parse_citation("reg/12/v2/art/", &id, &v, &art), FZ_EINVAL);
    assert_int_equal(reg_parse_citation(NULL, &id, &v, &art), FZ_EINVAL);
}

static void test_dates_must_be_real_calendar_days(void **state)
{
    (void)state;
    assert_true(reg_valid_date("2021-07-15"));
    assert_true(reg_valid_date("2024-02-29"));
    assert_false(reg_valid_date("2023-02-29"));
    assert_false(reg_valid_date("2021-13-01"));
    assert_false(reg_valid_date("2021-7-15"));
    assert_false(reg_valid_date("2021-07-15T00:00"));
    assert_false(reg_valid_date(NULL));
}

/* ---- the library on a real database ---- */

struct fixture {
    char path[64];
    struct db *db;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/fazhi-test-regulations-XXXXXX");
    int fd = mkstemp(f->path);
    close(fd);
    unlink(f->path);
    time_set_offset(480);
    assert_int_equal(db_open(f->path, &f->db), FZ_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
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

static int64_t create(struct db *db, const char *title, const char *from, const char *text)
{
    struct reg_input in = { .title = title, .level = "法律" };
    struct reg_version_input v = { .effective_from = from, .full_text = text };
    struct fz_problem p = {0};
    int64_t id = 0;
    assert_int_equal(db_begin(db), FZ_OK);
    assert_int_equal(reg_create(db, 0, &in, &v, &id, &p), FZ_OK);
    assert_int_equal(db_commit(db), FZ_OK);
    return id;
}

static int64_t search_total(struct db *db, const char *q, const char *status)
{
    struct reg_search_q s = { .q = q, .status = status };
    json_t *items = NULL;
    int64_t total = -1;
    assert_int_equal(reg_search(db, &s, 20, 0, &items, &total), FZ_OK);
    assert_int_equal(json_array_size(items), total < 20 ? total : 20);
    json_decref(items);
    return total;
}

static char *cite_text(struct db *db, int64_t id, int64_t art, const char *date)
{
    json_t *o = NULL;
    struct fz_problem p = {0};
    enum fz_err rc = reg_cite(db, id, 0, art, date, &o, &p);
    if (rc)
        return NULL;
    char *t = strdup(json_string_value(json_object_get(json_object_get(o, "article"),
                                                       "text")));
    json_decref(o);
    return t;
}

static void test_search_finds_terms_exactly_and_cites_by_date(void **state)
{
    struct fixture *f = *state;
    int64_t id = create(f->db, "测试法", "2018-01-01",
                        "第一条　行政处罚应当公正。\n第二条　行政，处罚分开写。\n"
                        "第三条　依照第35条规定处理。\n");
    assert_int_equal(search_total(f->db, "处罚", NULL), 2);
    /* 第二条 holds 行政 and 处罚 apart: the break token keeps the phrase from matching */
    assert_int_equal(search_total(f->db, "行政处罚", NULL), 1);
    assert_int_equal(search_total(f->db, "行政 处罚", NULL), 2);
    assert_int_equal(search_total(f->db, "第35条", NULL), 1);
    assert_int_equal(search_total(f->db, "罚", NULL), 2);
    assert_int_equal(search_total(f->db, "没有的词", NULL), 0);
    assert_int_equal(search_total(f->db, "\"", NULL), 0);
    assert_int_equal(search_total(f->db, "AND (", NULL), 0);

    struct reg_version_input v2 = { .effective_from = "2021-07-15",
                                    .full_text = "第一条　行政处罚应当公正、公开。\n" };
    struct fz_problem p = {0};
    int64_t no = 0;
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(reg_version_add(f->db, 0, id, &v2, &no, &p), FZ_OK);
    assert_int_equal(db_commit(f->db), FZ_OK);
    assert_int_equal(no, 2);
    char *before = cite_text(f->db, id, 1, "2021-07-14");
    char *after = cite_text(f->db, id, 1, "2021-07-15");
    assert_string_equal(before, "行政处罚应当公正。");
    assert_string_equal(after, "行政处罚应当公正、公开。");
    free(before);
    free(after);
    assert_null(cite_text(f->db, id, 1, "2017-12-31"));
    assert_int_equal(search_total(f->db, "行政处罚", "现行有效"), 1);
    assert_int_equal(search_total(f->db, "行政处罚", "已修订"), 1);
    assert_int_equal(db_integrity(f->db), FZ_OK);
}

static void test_new_version_must_start_after_the_current_one(void **state)
{
    struct fixture *f = *state;
    int64_t id = create(f->db, "测试条例", "2020-01-01", "第一条　条文。\n");
    struct reg_version_input v = { .effective_from = "2020-01-01",
                                   .full_text = "第一条　新条文。\n" };
    struct fz_problem p = {0};
    int64_t no = 0;
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(reg_version_add(f->db, 0, id, &v, &no, &p), FZ_EINVAL);
    db_rollback(f->db);
    assert_string_equal(p.field, "effective_from");
}

static void test_repeal_closes_the_current_version_and_blocks_new_ones(void **state)
{
    struct fixture *f = *state;
    int64_t id = create(f->db, "将废止的办法", "2016-07-01", "第一条　条文。\n");
    struct reg_input in = { .status = "已废止", .repealed_on = "2022-03-01" };
    struct fz_problem p = {0};
    const char *action = NULL;
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(reg_update(f->db, id, 1, &in, &action, &p), FZ_OK);
    assert_int_equal(db_commit(f->db), FZ_OK);
    assert_string_equal(action, "regulation.repeal");
    char *t = cite_text(f->db, id, 1, "2022-02-28");
    assert_non_null(t);
    free(t);
    assert_null(cite_text(f->db, id, 1, "2022-03-01"));
    struct reg_version_input v = { .effective_from = "2023-01-01",
                                   .full_text = "第一条　新。\n" };
    int64_t no = 0;
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(reg_version_add(f->db, 0, id, &v, &no, &p), FZ_ECONFLICT);
    db_rollback(f->db);
    assert_string_equal(p.code, "repealed");
    struct reg_input stale = { .title = "改名" };
    assert_int_equal(db_begin(f->db), FZ_OK);
    assert_int_equal(reg_update(f->db, id, 1, &stale, &action, &p), FZ_ECONFLICT);
    db_rollback(f->db);
    assert_string_equal(p.code, "version_conflict");
    assert_int_equal(db_integrity(f->db), FZ_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bigrams_cjk_run_becomes_overlapping_pairs),
        cmocka_unit_test(test_bigrams_punctuation_becomes_one_break_between_tokens),
        cmocka_unit_test(test_bigrams_ascii_words_kept_lower_cased_digits_split_at_dots),
        cmocka_unit_test(test_bigrams_fts_syntax_characters_are_separators),
        cmocka_unit_test(test_bigrams_ideographic_zero_and_extension_b_count_as_cjk),
        cmocka_unit_test(test_bigrams_invalid_utf8_bytes_separate),
        cmocka_unit_test(test_query_two_characters_is_one_bigram_phrase),
        cmocka_unit_test(test_query_longer_term_is_a_phrase_of_its_bigrams),
        cmocka_unit_test(test_query_whitespace_separated_terms_are_anded),
        cmocka_unit_test(test_query_one_character_has_no_phrase_and_falls_back),
        cmocka_unit_test(test_query_lone_ideographs_at_term_ends_leave_the_phrase),
        cmocka_unit_test(test_query_mixed_ascii_and_cjk_is_one_phrase),
        cmocka_unit_test(test_query_fts_syntax_is_never_syntax),
        cmocka_unit_test(test_query_only_inexact_terms_get_the_substring_check),
        cmocka_unit_test(test_query_empty_blank_and_punctuation_only_have_no_terms),
        cmocka_unit_test(test_query_invalid_utf8_is_rejected),
        cmocka_unit_test(test_snippet_marks_every_term_and_escapes_html),
        cmocka_unit_test(test_snippet_cuts_around_the_first_match_with_ellipses),
        cmocka_unit_test(test_snippet_is_case_insensitive_for_ascii_and_keeps_original_case),
        cmocka_unit_test(test_cn_number_article_numbers),
        cmocka_unit_test(test_cn_number_rejects_what_is_not_an_article_number),
        cmocka_unit_test(test_cn_format_round_trips_1_to_9999),
        cmocka_unit_test(test_parse_articles_splits_at_headings_with_chapters),
        cmocka_unit_test(test_parse_articles_without_headings_gives_none),
        cmocka_unit_test(test_citation_ids_parse_strictly),
        cmocka_unit_test(test_dates_must_be_real_calendar_days),
        cmocka_unit_test_setup_teardown(test_search_finds_terms_exactly_and_cites_by_date,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_version_must_start_after_the_current_one,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_repeal_closes_the_current_version_and_blocks_new_ones, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
