/* regulations.h - the regulations library (政策法规库): laws, regulations, rules and
 * normative documents with the departments that apply them, their text versions and the
 * articles of each version, citable as reg/<id>/v<no>/art/<article>, and Chinese
 * full-text search over the articles (SQLite FTS5 over a CJK-bigram column).
 * Invariant: a version's articles never change; a revision adds a version, the previous
 * one keeps its text and gets the day before the new one takes effect as its last day.
 * Dates are 'YYYY-MM-DD'. JSON results are new references the caller owns. Functions
 * that write expect the caller's transaction (the router's, or the seeder's). */
#ifndef FZ_REGULATIONS_H
#define FZ_REGULATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"          /* enum fz_err, struct fz_problem */

struct db;

/* ---- text: pure functions, no database (unit-tested in test_regulations.c) ---- */

/* reg_cn_number: the value of the numeral of an article heading, n bytes of UTF-8 at s:
 * Chinese numerals (一…九, 两, 〇/零, 十, 百, 千: 十五 = 15, 二十一 = 21, 一百零五 = 105,
 * 一千 = 1000) or ASCII digits. FZ_EINVAL for anything else or outside 1..9999. */
enum fz_err reg_cn_number(const char *s, size_t n, int *out);
/* reg_cn_format: n (1..9999) as a Chinese numeral (一百零五) into out; "" otherwise. */
void reg_cn_format(int n, char *out, size_t size);

/* REG_BREAK: the token (U+E000, a private-use character, which text never yields) that
 * stands for a run of separators between two tokens, so that a phrase cannot match
 * across punctuation: "行政，处罚" -> "行政 <U+E000> 处罚". */
#define REG_BREAK "\xEE\x80\x80"

/* reg_bigrams: the index form of text. Every run of CJK ideographs becomes its
 * overlapping bigrams ("行政处罚" -> "行政 政处 处罚"; a run of one ideograph stays one
 * token), every run of ASCII letters and digits one lower-case word (full-width letters and
 * digits folded to ASCII), everything else (punctuation, spaces, other scripts) separates
 * and leaves one REG_BREAK between the tokens around it. Tokens are joined by single
 * spaces. Caller frees; NULL only when out of memory. */
char *reg_bigrams(const char *text);

/* A parsed search query. q is split at white space into terms that are ANDed; each term
 * becomes one FTS5 phrase of its tokens (a 2-character term is one bigram, a longer run of
 * ideographs the phrase of its bigrams). A lone ideograph at either end of a term ("罚",
 * or the 第 and 条 of "第35条") cannot be found in a bigram index and is left out of the
 * phrase; a term left empty has no phrase. A term that is one run of ideographs is found
 * exactly by its phrase; every other term is also checked as a substring of the article
 * text (ASCII case-insensitive), so results contain each term as typed. When no term has a
 * phrase (a 1-character query) search falls back to a substring scan. FTS5 syntax in q is
 * only ever a separator: match holds nothing but quoted phrases of letters, digits,
 * ideographs and REG_BREAK, joined by AND. */
struct reg_query {
    char *match;        /* FTS5 expression, or NULL when no term has a phrase */
    json_t *terms;      /* array of the terms, ASCII lower-cased (empty: nothing to find) */
    json_t *checks;     /* the terms whose phrase is not exact, for the substring check */
};
/* reg_query_parse: fill *out from q (NULL or "" gives no terms). FZ_EINVAL when q is not
 * UTF-8, FZ_ENOMEM; *out needs reg_query_free() only on FZ_OK. */
enum fz_err reg_query_parse(const char *q, struct reg_query *out);
void reg_query_free(struct reg_query *q);

/* reg_snippet: up to about `width` characters of text around the first occurrence of any
 * of terms (ASCII case-insensitive), HTML-escaped, every occurrence of a term inside it
 * wrapped in <mark>…</mark>, "…" where text was cut, line breaks as spaces. Caller frees;
 * NULL only when out of memory. */
char *reg_snippet(const char *text, const json_t *terms, size_t width);

/* One article of a version. */
struct reg_article {
    int no;             /* 第三十五条 -> 35 */
    char *label;        /* as written, "第三十五条" */
    char *chapter;      /* "第五章 行政处罚的决定", " · 第一节 …" appended; "" when none */
    char *text;         /* the article's paragraphs, joined by "\n" */
};
struct reg_articles {
    struct reg_article *v;
    size_t n, cap;
};
/* reg_parse_articles: split a full text into articles. An article starts at a line whose
 * first non-blank characters are 第<numeral>条 followed by a blank, "：" or the end of the
 * line, with a number above the previous article's (so a paragraph that begins by citing
 * an earlier article stays text); lines 第…章 and 第…节 set the chapter; text before the
 * first article (title, contents, preamble) belongs to no article. *out is cleared first
 * and may end with n == 0. FZ_ENOMEM only; free with reg_articles_free(). */
enum fz_err reg_parse_articles(const char *full_text, struct reg_articles *out);
void reg_articles_free(struct reg_articles *a);

/* reg_parse_citation: "reg/12/v2/art/35" -> 12, 2, 35. FZ_EINVAL otherwise. */
enum fz_err reg_parse_citation(const char *ref, int64_t *id, int64_t *version,
                               int64_t *article);
/* reg_valid_date: s is a real calendar date written YYYY-MM-DD. */
bool reg_valid_date(const char *s);
/* reg_level_ok / reg_status_ok: one of the six levels / three statuses. */
bool reg_level_ok(const char *level);
bool reg_status_ok(const char *status);

/* ---- the library ---- */

/* metadata of a create or an update; NULL fields are absent (unchanged on update) */
struct reg_input {
    const char *title, *level, *issuer, *note;
    json_t *dept_ids;           /* array of department ids; replaces the list */
    const char *status;         /* update: 现行有效 or 已废止 (已修订 comes from versions) */
    const char *repealed_on;    /* update with 已废止: first day no longer in force (today) */
};

/* a text version: the articles come from `articles` ([{no, text, label?, chapter?}]) when
 * given, else from parsing full_text; full_text is made from the articles when absent */
struct reg_version_input {
    const char *doc_no, *promulgated_on, *effective_from, *note, *full_text;
    json_t *articles;
};

/* reg_create: a regulation with its first version (现行有效); powers whose basis cites
 * 《title》 and that have no link yet are linked to it. */
enum fz_err reg_create(struct db *db, int64_t user_id, const struct reg_input *in,
                       const struct reg_version_input *v, int64_t *id,
                       struct fz_problem *p);
/* reg_version_add: a new version (no = previous + 1, 现行有效); the previous version gets
 * effective_to = the new effective_from - 1 day and status 已修订. FZ_ECONFLICT
 * (code "repealed") on a repealed regulation; FZ_EINVAL when effective_from is not after
 * the previous version's. */
enum fz_err reg_version_add(struct db *db, int64_t user_id, int64_t id,
                            const struct reg_version_input *v, int64_t *no,
                            struct fz_problem *p);
/* reg_update: metadata, departments and status with the optimistic-lock version.
 * 已废止 closes the current version (effective_to = repealed_on - 1 day, status 已废止);
 * 现行有效 on a repealed regulation reopens it. *action (static string) tells the audit
 * entry what happened: "regulation.update", "regulation.repeal" or "regulation.reinstate". */
enum fz_err reg_update(struct db *db, int64_t id, int64_t version, const struct reg_input *in,
                       const char **action, struct fz_problem *p);

/* reg_get: the regulation with its departments and versions (newest first, without text). */
enum fz_err reg_get(struct db *db, int64_t id, json_t **out);

struct reg_filter {
    const char *level, *status, *q;     /* NULL: any; q matches title or 文号 */
    int64_t dept_id;                    /* 0: any */
};
/* reg_list: one page of regulations (as reg_get without versions) and the total. */
enum fz_err reg_list(struct db *db, const struct reg_filter *f, int64_t limit,
                     int64_t offset, json_t **items, int64_t *total);

/* reg_articles_get: version `no` (0: the newest) with its articles and full text.
 * FZ_ENOTFOUND when the regulation or the version does not exist. */
enum fz_err reg_articles_get(struct db *db, int64_t id, int64_t no, json_t **out);

/* reg_cite: article `article` of regulation `id` in version `no` (when > 0) or else in
 * the version in force on `date`. FZ_ENOTFOUND with p->code "not_in_force" (no version in
 * force that day) or "no_such_article". */
enum fz_err reg_cite(struct db *db, int64_t id, int64_t no, int64_t article,
                     const char *date, json_t **out, struct fz_problem *p);

struct reg_search_q {
    const char *q;                      /* required */
    const char *status, *level;         /* of the version / the regulation; NULL: any */
    int64_t dept_id;                    /* 0: any */
};
/* reg_search: matching articles, best first (FTS5 bm25 rank; 0 on the scan fallback):
 * regulation, version, article label, citation id, HTML snippet with <mark>, rank. */
enum fz_err reg_search(struct db *db, const struct reg_search_q *s, int64_t limit,
                       int64_t offset, json_t **items, int64_t *total);

#endif
