/* test_decisions.c - the rules of 重大行政决策程序暂行条例 as pure gate functions (every
 * step refused without its predecessor, naming the article), the comment period (Art. 15)
 * and review time (Art. 26) checks, the quorum rule, the DOCX writer (well-formed XML,
 * escaping, sticky errors), document parsing, and one decision run from initiation to a
 * sealed archive on a real SQLite file: the review-time check across the 2024 National
 * Day holiday, the archive's manifest hash, and tamper detection after archiving. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <zip.h>
#include "db/db.h"
#include "modules/calendar.h"
#include "modules/decisions.h"
#include "modules/docx.h"
#include "modules/users.h"
#include "util/crypto.h"
#include "util/timeutil.h"

/* ---- gates ---- */

static struct dec_state st(const char *status, enum dec_proc pa, enum dec_proc ex,
                           enum dec_proc ri, const char *result)
{
    return (struct dec_state){ .status = status, .participation = pa, .expert = ex,
                               .risk = ri, .review_result = result };
}

static void assert_refused(const char *action, struct dec_state s, const char *needle)
{
    const char *why = NULL;
    assert_false(dec_gate(action, &s, &why));
    assert_non_null(why);
    if (!strstr(why, needle))
        fail_msg("%s: \"%s\" does not mention \"%s\"", action, why, needle);
}

static void assert_allowed(const char *action, struct dec_state s)
{
    const char *why = NULL;
    if (!dec_gate(action, &s, &why))
        fail_msg("%s refused: %s", action, why ? why : "");
}

static void test_collective_decision_before_legality_review_is_refused_citing_art_25(void **s)
{
    (void)s;
    assert_refused("decide", st("drafting", DEC_DONE, DEC_DONE, DEC_DONE, NULL),
                   "尚未完成合法性审查（《重大行政决策程序暂行条例》第二十五条）");
    assert_refused("decide", st("under_review", DEC_DONE, DEC_DONE, DEC_DONE, NULL),
                   "第二十五条");
}

static void test_an_unlawful_draft_may_not_go_to_collective_discussion(void **s)
{
    (void)s;
    assert_refused("decide", st("drafting", DEC_DONE, DEC_DONE, DEC_DONE, "unlawful"),
                   "不合法，不得提交集体讨论");
}

static void test_collective_decision_after_review_or_deferral_is_allowed(void **s)
{
    (void)s;
    assert_allowed("decide", st("reviewed", DEC_DONE, DEC_NA, DEC_NA, "lawful"));
    assert_allowed("decide", st("reviewed", DEC_DONE, DEC_NA, DEC_NA,
                                "exploratory_with_risk_statement"));
    assert_allowed("decide", st("deferred", DEC_DONE, DEC_NA, DEC_NA, "lawful"));
    assert_refused("decide", st("decided", DEC_DONE, DEC_NA, DEC_NA, "lawful"), "已经集体讨论");
}

static void test_submission_for_review_needs_each_of_the_three_procedures(void **s)
{
    (void)s;
    assert_refused("submit_review", st("drafting", DEC_PENDING, DEC_DONE, DEC_DONE, NULL),
                   "第十五条");
    assert_refused("submit_review", st("drafting", DEC_DONE, DEC_PENDING, DEC_DONE, NULL),
                   "第十九条");
    assert_refused("submit_review", st("drafting", DEC_DONE, DEC_NA, DEC_PENDING, NULL),
                   "第二十二条");
    assert_allowed("submit_review", st("drafting", DEC_NA, DEC_NA, DEC_NA, NULL));
    assert_refused("submit_review", st("under_review", DEC_NA, DEC_NA, DEC_NA, NULL), "审查中");
}

static void test_recording_a_review_needs_a_submission_citing_art_26(void **s)
{
    (void)s;
    assert_refused("review", st("drafting", DEC_DONE, DEC_DONE, DEC_DONE, NULL), "第二十六条");
    assert_allowed("review", st("under_review", DEC_DONE, DEC_DONE, DEC_DONE, NULL));
}

static void test_publication_before_the_decision_is_refused_citing_art_30_and_32(void **s)
{
    (void)s;
    assert_refused("publish", st("reviewed", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"),
                   "尚未经集体讨论决定（《重大行政决策程序暂行条例》第三十条），不得公布（第三十二条）");
    assert_refused("publish", st("rejected", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"), "不予公布");
    assert_allowed("publish", st("decided", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"));
}

static void test_implementation_and_evaluation_need_publication(void **s)
{
    (void)s;
    assert_refused("implement", st("decided", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"),
                   "第三十四条");
    assert_refused("evaluate", st("decided", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"),
                   "第三十六条");
    assert_allowed("evaluate", st("published", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"));
}

static void test_archiving_needs_publication_or_a_rejection(void **s)
{
    (void)s;
    assert_refused("archive", st("decided", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"), "尚未公布");
    assert_refused("archive", st("reviewed", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"),
                   "第三十条");
    assert_allowed("archive", st("published", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"));
    assert_allowed("archive", st("rejected", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"));
}

static void test_an_archived_decision_is_sealed_against_every_action(void **s)
{
    (void)s;
    static const char *const all[] = { "participation", "expert", "risk", "submit_review",
                                       "review", "decide", "publish", "implement", "evaluate",
                                       "archive", "comment", "attach", NULL };
    for (int i = 0; all[i]; i++)
        assert_refused(all[i], st("archived", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"),
                       "第三十三条");
}

static void test_preparatory_procedures_are_recorded_only_while_drafting(void **s)
{
    (void)s;
    assert_allowed("participation", st("drafting", DEC_PENDING, DEC_PENDING, DEC_PENDING, NULL));
    assert_refused("expert", st("under_review", DEC_DONE, DEC_PENDING, DEC_DONE, NULL),
                   "提请审查前完成");
    assert_refused("teleport", st("drafting", DEC_DONE, DEC_DONE, DEC_DONE, NULL), "未知");
}

/* ---- the numeric rules ---- */

static void test_hearing_materials_6_days_before_violate_art_17(void **s)
{
    (void)s;
    struct fz_problem p = {0};
    int32_t held = 0;
    assert_int_equal(calendar_day("2024-04-20", &held), 0);
    assert_int_equal(dec_check_hearing_notice(held - 6, held, &p), FZ_ECONFLICT);
    assert_string_equal(p.field, "materials_sent_on");
    assert_non_null(strstr(p.message, "第十七条"));
    assert_int_equal(dec_check_hearing_notice(held - 7, held, &p), FZ_OK);
    assert_int_equal(dec_check_hearing_notice(held + 1, held, &p), FZ_EINVAL);
    assert_allowed("hearing", st("drafting", DEC_PENDING, DEC_PENDING, DEC_PENDING, NULL));
    assert_refused("hearing", st("under_review", DEC_DONE, DEC_DONE, DEC_DONE, NULL),
                   "第二十六条");
}

static void test_publication_needs_the_party_report_where_required_art_31(void **s)
{
    (void)s;
    struct dec_state x = st("decided", DEC_DONE, DEC_DONE, DEC_DONE, "lawful");
    assert_allowed("publish", x);
    x.party_report_required = true;
    assert_refused("publish", x, "第三十一条");
    x.party_report = "disagreed";
    assert_refused("publish", x, "党委未同意");
    x.party_report = "agreed_with_changes";
    assert_allowed("publish", x);
    assert_refused("party_report", st("reviewed", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"),
                   "第三十条");
}

static void test_adjustment_transitions_of_art_37(void **s)
{
    (void)s;
    const char *why = NULL;
    assert_string_equal(dec_adjust_next("in_force", "suspend", &why), "suspended");
    assert_string_equal(dec_adjust_next("suspended", "resume", &why), "resumed");
    assert_string_equal(dec_adjust_next("resumed", "adjust", &why), "adjusted");
    assert_string_equal(dec_adjust_next("suspended", "terminate", &why), "terminated");
    assert_null(dec_adjust_next("in_force", "resume", &why));
    assert_null(dec_adjust_next("suspended", "suspend", &why));
    assert_null(dec_adjust_next("terminated", "resume", &why));
    assert_non_null(strstr(why, "第三十七条"));
    assert_null(dec_adjust_next(NULL, "suspend", &why));
    assert_null(dec_adjust_next("in_force", "pause", &why));
    struct dec_state x = st("published", DEC_DONE, DEC_DONE, DEC_DONE, "lawful");
    x.impl_state = "suspended";
    assert_refused("implement", x, "第三十七条");
    assert_allowed("evaluate", x);
    assert_refused("adjust", st("decided", DEC_DONE, DEC_DONE, DEC_DONE, "lawful"),
                   "第三十七条");
}

static void test_comment_period_of_29_days_without_reason_violates_art_15(void **s)
{
    (void)s;
    struct fz_problem p = {0};
    assert_int_equal(dec_check_comment_period(100, 129, NULL, &p), FZ_ECONFLICT);
    assert_string_equal(p.code, "procedure_violation");
    assert_string_equal(p.field, "shortening_reason");
    assert_non_null(strstr(p.message, "第十五条"));
    assert_int_equal(dec_check_comment_period(100, 129, "情况紧急", &p), FZ_OK);
    assert_int_equal(dec_check_comment_period(100, 130, NULL, &p), FZ_OK);
    assert_int_equal(dec_check_comment_period(100, 99, "x", &p), FZ_EINVAL);
    assert_string_equal(p.field, "comment_end");
}

static void test_review_time_under_7_working_days_without_override_violates_art_26(void **s)
{
    (void)s;
    struct fz_problem p = {0};
    assert_int_equal(dec_check_review_time(6, NULL, &p), FZ_ECONFLICT);
    assert_string_equal(p.code, "procedure_violation");
    assert_string_equal(p.field, "override_reason");
    assert_non_null(strstr(p.message, "第二十六条"));
    assert_int_equal(dec_check_review_time(6, "紧急情况，经主要负责人同意", &p), FZ_OK);
    assert_int_equal(dec_check_review_time(7, NULL, &p), FZ_OK);
}

static void test_quorum_more_than_half_and_two_thirds(void **s)
{
    (void)s;
    assert_false(mtg_quorum_held(4, 2, 1, 2, true));     /* half is not more than half */
    assert_true(mtg_quorum_held(4, 3, 1, 2, true));
    assert_true(mtg_quorum_held(5, 3, 1, 2, true));
    assert_false(mtg_quorum_held(5, 2, 1, 2, true));
    assert_true(mtg_quorum_held(6, 4, 2, 3, false));     /* at least two thirds */
    assert_false(mtg_quorum_held(6, 3, 2, 3, false));
    assert_false(mtg_quorum_held(0, 0, 1, 2, true));     /* no members, no quorum */
}

static void test_deciding_against_the_majority_needs_an_explanation(void **s)
{
    (void)s;
    assert_true(mtg_against_majority("adopted", 1, 2));
    assert_false(mtg_against_majority("adopted", 2, 1));
    assert_true(mtg_against_majority("rejected", 3, 0));
    assert_false(mtg_against_majority("deferred", 0, 3));
}

static void test_message_is_cut_on_a_utf8_boundary(void **s)
{
    (void)s;
    struct fz_problem p = {0};
    char big[600];
    for (int i = 0; i < 150; i++)
        memcpy(big + 3 * i, "审", 3);
    big[450] = '\0';
    dec_fail(&p, FZ_EINVAL, "x", NULL, "%s", big);
    assert_true(strlen(p.message) < sizeof p.message);
    assert_int_equal(strlen(p.message) % 3, 0);
}

/* ---- documents ---- */

static void test_a_text_document_is_hashed_with_sha256(void **s)
{
    (void)s;
    json_t *doc = json_pack("{s:s, s:s}", "name", "a.txt", "text", "abc");
    struct dec_doc d;
    struct fz_problem p = {0};
    assert_int_equal(dec_doc_parse(doc, "documents", &d, &p), FZ_OK);
    assert_string_equal(d.sha256,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_int_equal(d.len, 3);
    dec_doc_free(&d);
    json_decref(doc);
}

static void test_a_base64_document_is_decoded_and_bad_input_refused(void **s)
{
    (void)s;
    struct dec_doc d;
    struct fz_problem p = {0};
    json_t *doc = json_pack("{s:s, s:s, s:s}", "name", "b.pdf", "content_base64", "YWJj",
                            "mime", "application/pdf");
    assert_int_equal(dec_doc_parse(doc, "documents", &d, &p), FZ_OK);
    assert_int_equal(d.len, 3);
    assert_memory_equal(d.data, "abc", 3);
    assert_string_equal(d.mime, "application/pdf");
    dec_doc_free(&d);
    json_decref(doc);
    doc = json_pack("{s:s, s:s, s:s}", "name", "c", "text", "x", "content_base64", "YQ==");
    assert_int_equal(dec_doc_parse(doc, "documents", &d, &p), FZ_EINVAL);
    json_decref(doc);
    doc = json_pack("{s:s, s:s}", "name", "../etc/passwd", "text", "x");
    assert_int_equal(dec_doc_parse(doc, "documents", &d, &p), FZ_EINVAL);
    json_decref(doc);
    doc = json_pack("{s:s, s:s}", "name", "d", "content_base64", "***");
    assert_int_equal(dec_doc_parse(doc, "documents", &d, &p), FZ_EINVAL);
    json_decref(doc);
}

/* ---- DOCX ---- */

/* zip_entry: the bytes of name inside the zip in memory (caller frees), NULL if absent */
static char *zip_entry(const char *data, size_t len, const char *name, size_t *out_len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        return NULL;
    }
    zip_stat_t st;
    char *buf = NULL;
    if (zip_stat(za, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(za, name, 0);
        buf = calloc(1, st.size + 1);
        if (f && buf && zip_fread(f, buf, st.size) == (zip_int64_t)st.size)
            *out_len = st.size;
        if (f)
            zip_fclose(f);
    }
    zip_close(za);
    return buf;
}

static void test_docx_has_a_well_formed_document_with_escaped_text_and_a_table(void **s)
{
    (void)s;
    struct docx *d = NULL;
    assert_int_equal(docx_new(&d), FZ_OK);
    docx_title(d, "会议纪要");
    docx_heading(d, 1, "一、议题");
    docx_para(d, 0, "A < B & C > D \x01 第二行\n第三行\t制表");
    static const int w[] = { 30, 70 };
    const char *h[] = { "姓名", "意见" }, *r[] = { "王建国", NULL };
    docx_table_begin(d, 2, w);
    docx_table_row(d, DOCX_BOLD, h);
    docx_table_row(d, 0, r);
    docx_table_end(d);
    char *data = NULL;
    size_t len = 0, xl = 0;
    assert_int_equal(docx_finish(d, "纪要", 1700000000, &data, &len), FZ_OK);
    docx_free(d);
    char *xml = zip_entry(data, len, "word/document.xml", &xl);
    assert_non_null(xml);
    xmlDocPtr doc = xmlReadMemory(xml, (int)xl, "document.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlFreeDoc(doc);
    assert_non_null(strstr(xml, "A &lt; B &amp; C &gt; D  第二行"));
    assert_null(strchr(xml, '\x01'));
    assert_non_null(strstr(xml, "<w:tblHeader/>"));
    assert_non_null(strstr(xml, "w:eastAsia=\"仿宋\""));
    assert_non_null(strstr(xml, "w:eastAsia=\"黑体\""));
    size_t cl = 0;
    char *ct = zip_entry(data, len, "[Content_Types].xml", &cl);
    assert_non_null(ct);
    free(ct);
    free(xml);
    free(data);
}

static void test_docx_errors_are_sticky(void **s)
{
    (void)s;
    struct docx *d = NULL;
    assert_int_equal(docx_new(&d), FZ_OK);
    const char *r[] = { "x" };
    assert_int_equal(docx_table_row(d, 0, r), FZ_EINVAL);   /* no table open */
    assert_int_equal(docx_para(d, 0, "later"), FZ_EINVAL);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(docx_finish(d, "x", 0, &data, &len), FZ_EINVAL);
    assert_null(data);
    docx_free(d);
    docx_free(NULL);
}

/* ---- one decision on a real database ---- */

struct fixture {
    char path[64];
    struct db *db;
    struct calendar *cal;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/fazhi-test-decisions-XXXXXX");
    int fd = mkstemp(f->path);
    close(fd);
    unlink(f->path);
    time_set_offset(480);
    if (crypto_init() || db_open(f->path, &f->db) || calendar_load(f->db, &f->cal))
        return -1;
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

static void act_ok(struct dec_ctx *c, int64_t id, const char *json)
{
    json_t *body = json_loads(json, 0, NULL);
    assert_non_null(body);
    struct fz_problem p = {0};
    char summary[200];
    json_t *audit = NULL, *allowed = NULL;
    enum fz_err rc = dec_act(c, id, body, &allowed, summary, &audit, &p);
    if (rc)
        fail_msg("%s -> %d %s", json, rc, p.message);
    json_decref(audit);
    json_decref(allowed);
    json_decref(body);
}

static int64_t make_user(struct db *db, const char *name)
{
    struct user_input in = { .username = name, .display_name = name, .password = "Fazhi@2026x" };
    struct fz_problem p = {0};
    int64_t id = 0;
    assert_int_equal(users_create(db, NULL, &in, &id, &p), FZ_OK);
    return id;
}

/* decide_in_meeting: a director_office meeting of the three users decides item 1 */
static void decide_in_meeting(struct dec_ctx *c, int64_t dec, const int64_t u[3])
{
    int64_t body = 0, mid = 0, item = 0;
    struct fz_problem p = {0};
    assert_int_equal(db_query_int(c->db, &body, "SELECT id FROM meeting_bodies WHERE code ="
                                  " 'director_office'", ""), FZ_OK);
    json_t *b = json_pack("{s:i, s:[{s:I, s:b}, {s:I}, {s:I}]}", "version", 1, "members",
                          "user_id", (json_int_t)u[0], "is_chair", 1, "user_id",
                          (json_int_t)u[1], "user_id", (json_int_t)u[2]);
    assert_int_equal(mtg_body_update(c, body, b, &p), FZ_OK);
    json_decref(b);
    b = json_pack("{s:I, s:s, s:s, s:[{s:I}]}", "body_id", (json_int_t)body, "title", "主任办公会",
                  "held_on", "2024-10-17", "items", "decision_id", (json_int_t)dec);
    assert_int_equal(mtg_create(c, b, &mid, &p), FZ_OK);
    json_decref(b);
    b = json_pack("{s:[{s:I, s:b}, {s:I, s:b}, {s:I, s:b, s:s}]}", "attendees", "user_id",
                  (json_int_t)u[0], "present", 1, "user_id", (json_int_t)u[1], "present", 1,
                  "user_id", (json_int_t)u[2], "present", 0, "absence_reason", "出差");
    assert_int_equal(mtg_attendance(c, mid, b, &p), FZ_OK);
    json_decref(b);
    assert_int_equal(db_query_int(c->db, &item, "SELECT id FROM meeting_items WHERE"
                                  " meeting_id = ?", "i", mid), FZ_OK);
    b = json_pack("{s:s}", "outcome", "adopted");
    char summary[200];
    assert_int_equal(mtg_decide(c, mid, item, b, NULL, summary, &p), FZ_OK);
    json_decref(b);
}

static void test_a_decision_runs_to_a_sealed_archive_that_detects_tampering(void **state)
{
    struct fixture *f = *state;
    time_t now = 0;
    assert_int_equal(time_parse("2024-11-01T10:00:00+08:00", &now), FZ_OK);
    struct dec_ctx c = { .db = f->db, .cal = f->cal, .actor = NULL, .now = now };
    int64_t u[3] = { make_user(f->db, "chair"), make_user(f->db, "m2"), make_user(f->db, "m3") };
    struct dec_input in = { .title = "测试决策", .category = "public_policy", .lead_dept_id = 1,
                            .initiated_on = "2024-03-01" };
    struct fz_problem p = {0};
    int64_t id = 0;
    assert_int_equal(dec_create(&c, &in, &id, &p), FZ_OK);
    act_ok(&c, id, "{\"action\":\"participation\",\"state\":\"done\",\"method\":\"网上征求意见\","
           "\"comment_start\":\"2024-03-04\",\"comment_end\":\"2024-04-03\",\"date\":\"2024-04-08\","
           "\"documents\":[{\"name\":\"征求意见稿.txt\",\"text\":\"草案\"}]}");
    act_ok(&c, id, "{\"action\":\"expert\",\"state\":\"na\",\"reason\":\"非专业性事项\"}");
    act_ok(&c, id, "{\"action\":\"risk\",\"state\":\"na\",\"reason\":\"无风险\"}");
    act_ok(&c, id, "{\"action\":\"submit_review\",\"date\":\"2024-09-27\"}");
    /* 2024-09-27 -> 10-11: 09-29 (Sun, make-up), 09-30, 10-08..10-11 = 6 working days */
    json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "action", "review", "result", "lawful",
                          "opinion", "合法", "date", "2024-10-11");
    json_t *allowed = NULL;
    char summary[200];
    assert_int_equal(dec_act(&c, id, b, &allowed, summary, NULL, &p), FZ_ECONFLICT);
    assert_string_equal(p.code, "procedure_violation");
    assert_non_null(strstr(p.message, "仅 6 个工作日"));
    json_decref(allowed);
    json_decref(b);
    /* Sat 2024-10-12 is a make-up working day: the 7th */
    act_ok(&c, id, "{\"action\":\"review\",\"result\":\"lawful\",\"opinion\":\"合法\","
           "\"date\":\"2024-10-12\"}");
    decide_in_meeting(&c, id, u);
    act_ok(&c, id, "{\"action\":\"publish\",\"channel\":\"门户网站\",\"date\":\"2024-10-24\"}");
    act_ok(&c, id, "{\"action\":\"archive\",\"date\":\"2024-10-30\"}");
    char *zip = NULL, name[128], *sealed = NULL;
    size_t len = 0, ml = 0, sl = 0;
    assert_int_equal(dec_archive_zip(f->db, NULL, id, &zip, &len, name, &p), FZ_OK);
    char *manifest = zip_entry(zip, len, "manifest.json", &ml);
    char *sums = zip_entry(zip, len, "manifest.sha256", &sl);
    assert_non_null(manifest);
    assert_non_null(sums);
    uint8_t h[FZ_HASH_LEN];
    char hex[FZ_HEX_LEN];
    crypto_digest(FZ_SHA256, manifest, ml, h);
    crypto_hex(h, FZ_HASH_LEN, hex);
    assert_int_equal(db_query_text(f->db, &sealed, "SELECT archive_sha256 FROM decisions"
                                   " WHERE id = ?", "i", id), FZ_OK);
    assert_string_equal(hex, sealed);
    assert_non_null(strstr(sums, "documents/001-participation.txt"));
    free(manifest);
    free(sums);
    free(sealed);
    free(zip);
    /* changing a sealed document is detected */
    assert_int_equal(db_run(f->db, NULL, "UPDATE decision_documents SET content = x'00'"
                            " WHERE decision_id = ?", "i", id), FZ_OK);
    zip = NULL;
    assert_int_equal(dec_archive_zip(f->db, NULL, id, &zip, &len, name, &p), FZ_ECONFLICT);
    assert_string_equal(p.code, "integrity_failure");
    assert_null(zip);
    assert_int_equal(db_integrity(f->db), FZ_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collective_decision_before_legality_review_is_refused_citing_art_25),
        cmocka_unit_test(test_an_unlawful_draft_may_not_go_to_collective_discussion),
        cmocka_unit_test(test_collective_decision_after_review_or_deferral_is_allowed),
        cmocka_unit_test(test_submission_for_review_needs_each_of_the_three_procedures),
        cmocka_unit_test(test_recording_a_review_needs_a_submission_citing_art_26),
        cmocka_unit_test(test_publication_before_the_decision_is_refused_citing_art_30_and_32),
        cmocka_unit_test(test_implementation_and_evaluation_need_publication),
        cmocka_unit_test(test_archiving_needs_publication_or_a_rejection),
        cmocka_unit_test(test_an_archived_decision_is_sealed_against_every_action),
        cmocka_unit_test(test_preparatory_procedures_are_recorded_only_while_drafting),
        cmocka_unit_test(test_hearing_materials_6_days_before_violate_art_17),
        cmocka_unit_test(test_publication_needs_the_party_report_where_required_art_31),
        cmocka_unit_test(test_adjustment_transitions_of_art_37),
        cmocka_unit_test(test_comment_period_of_29_days_without_reason_violates_art_15),
        cmocka_unit_test(test_review_time_under_7_working_days_without_override_violates_art_26),
        cmocka_unit_test(test_quorum_more_than_half_and_two_thirds),
        cmocka_unit_test(test_deciding_against_the_majority_needs_an_explanation),
        cmocka_unit_test(test_message_is_cut_on_a_utf8_boundary),
        cmocka_unit_test(test_a_text_document_is_hashed_with_sha256),
        cmocka_unit_test(test_a_base64_document_is_decoded_and_bad_input_refused),
        cmocka_unit_test(test_docx_has_a_well_formed_document_with_escaped_text_and_a_table),
        cmocka_unit_test(test_docx_errors_are_sticky),
        cmocka_unit_test_setup_teardown(
            test_a_decision_runs_to_a_sealed_archive_that_detects_tampering, setup, teardown),
    };
    return cmocka_run_group_tests_name("decisions", tests, NULL, NULL);
}
