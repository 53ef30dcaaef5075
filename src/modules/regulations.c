/* regulations.c - the regulations library (see regulations.h): the text functions
 * (Chinese numerals, the bigram index form, query translation, snippets, article parsing)
 * and the library itself over migrations/009_regulations.sql.
 * All SQL is constant text; the FTS5 expression is a bound parameter made only of quoted
 * phrases of letters, digits and ideographs, so user input can never be FTS5 syntax. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "modules/duties.h"
#include "modules/regulations.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/timeutil.h"

#define REG_MAX_ARTICLES 3000
#define REG_SNIPPET_WIDTH 80

/* ---- UTF-8 and character classes ---- */

/* utf8_next: the code point at s[*i] (U+FFFD for a bad byte); advances *i past it. */
static uint32_t utf8_next(const char *s, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    uint32_t c = u[0];
    size_t n = 1;
    if (c >= 0xF0 && c < 0xF8 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
        (u[3] & 0xC0) == 0x80) {
        c = ((c & 0x07) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
            (u[3] & 0x3Fu);
        n = 4;
    } else if (c >= 0xE0 && c < 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        c = ((c & 0x0F) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
        n = 3;
    } else if (c >= 0xC0 && c < 0xE0 && (u[1] & 0xC0) == 0x80) {
        c = ((c & 0x1F) << 6) | (u[1] & 0x3Fu);
        n = 2;
    } else if (c >= 0x80) {
        c = 0xFFFD;
    }
    *i += n;
    return c;
}

/* is_cjk: a CJK ideograph (URO, extension A, B-F, compatibility) or 〇 々 */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xF900 && c <= 0xFAFF) ||
           c == 0x3007 || c == 0x3005;
}

/* ascii_fold: c as a lower-case ASCII letter or digit (full-width forms folded), or 0 */
static char ascii_fold(uint32_t c)
{
    if (c >= 0xFF10 && c <= 0xFF19)
        c = c - 0xFF10 + '0';
    else if (c >= 0xFF21 && c <= 0xFF3A)
        c = c - 0xFF21 + 'a';
    else if (c >= 0xFF41 && c <= 0xFF5A)
        c = c - 0xFF41 + 'a';
    if (c >= 'A' && c <= 'Z')
        return (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return (char)c;
    return 0;
}

/* is_blank: white space inside a line (ASCII, U+3000 ideographic space, U+00A0) */
static bool is_blank(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == 0x3000 ||
           c == 0xA0;
}

/* ---- Chinese numerals ---- */

static int cn_digit(uint32_t c)
{
    static const uint32_t d[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                  0x516D, 0x4E03, 0x516B, 0x4E5D };  /* 零一二三四五六七八九 */
    if (c == 0x3007)            /* 〇 */
        return 0;
    if (c == 0x4E24)            /* 两 */
        return 2;
    for (int i = 0; i < 10; i++)
        if (d[i] == c)
            return i;
    return -1;
}

static int cn_unit(uint32_t c)
{
    if (c == 0x5341)            /* 十 */
        return 10;
    if (c == 0x767E)            /* 百 */
        return 100;
    if (c == 0x5343)            /* 千 */
        return 1000;
    return 0;
}

/* arabic_number: s[0..n) is 1-4 ASCII or full-width digits; 0 when not */
static int arabic_number(const char *s, size_t n)
{
    size_t i = 0;
    int v = 0, digits = 0;
    while (i < n) {
        char a = ascii_fold(utf8_next(s, &i));
        if (a < '0' || a > '9' || ++digits > 4)
            return 0;
        v = v * 10 + (a - '0');
    }
    return v;
}

enum fz_err reg_cn_number(const char *s, size_t n, int *out)
{
    if (!s || !n)
        return FZ_EINVAL;
    int v = arabic_number(s, n);
    if (v > 0) {
        *out = v;
        return FZ_OK;
    }
    int total = 0, digit = -1, last_unit = 10000;
    bool zero = false;          /* a 零 since the last unit (一百零五) */
    size_t i = 0;
    while (i < n) {
        uint32_t c = utf8_next(s, &i);
        int d = cn_digit(c), u = cn_unit(c);
        if (d >= 0) {
            if (digit > 0)      /* two digits without a unit: 二三 */
                return FZ_EINVAL;
            zero = zero || d == 0;
            digit = d;
            continue;
        }
        if (!u || u >= last_unit)
            return FZ_EINVAL;
        if (digit < 0 && u == 10 && total == 0)
            digit = 1;          /* 十五 = 15 */
        if (digit <= 0)
            return FZ_EINVAL;
        total += digit * u;
        last_unit = u;
        digit = -1;
        zero = false;
    }
    if (digit > 0) {
        if (last_unit > 10 && last_unit < 10000 && !zero)
            return FZ_EINVAL;   /* 一百五: colloquial, never in article numbers */
        total += digit;
    }
    if (total < 1 || total > 9999)
        return FZ_EINVAL;
    *out = total;
    return FZ_OK;
}

void reg_cn_format(int n, char *out, size_t size)
{
    static const char *const d[] = { "零", "一", "二", "三", "四", "五", "六", "七",
                                     "八", "九" };
    static const char *const unit[] = { "千", "百", "十", "" };
    static const int place[] = { 1000, 100, 10, 1 };
    size_t o = 0;
    if (!size)
        return;
    out[0] = '\0';
    if (n < 1 || n > 9999)
        return;
    bool need_zero = false;
    for (int k = 0; k < 4; k++) {
        int x = n / place[k] % 10;
        if (!x) {
            need_zero = o > 0;
            continue;
        }
        if (need_zero)
            o += (size_t)snprintf(out + o, size - o, "%s", d[0]);
        need_zero = false;
        if (o >= size)
            break;
        bool bare_ten = place[k] == 10 && x == 1 && o == 0;     /* 十五, not 一十五 */
        o += (size_t)snprintf(out + o, size - o, "%s%s", bare_ten ? "" : d[x], unit[k]);
        if (o >= size)
            break;
    }
}

/* ---- the bigram form ---- */

enum tok_kind { TOK_WORD, TOK_PAIR, TOK_LONE, TOK_BREAK };
typedef enum fz_err (*tok_fn)(void *ctx, enum tok_kind kind, const char *s, size_t n);

struct tokenizer {
    tok_fn fn;
    void *ctx;
    bool gap;                   /* separators since the last token */
    bool any;                   /* a token was emitted */
};

/* emit: a token, preceded by REG_BREAK when separators came since the previous one */
static enum fz_err emit(struct tokenizer *t, enum tok_kind kind, const char *s, size_t n)
{
    enum fz_err rc = FZ_OK;
    if (t->gap && t->any)
        rc = t->fn(t->ctx, TOK_BREAK, REG_BREAK, sizeof REG_BREAK - 1);
    t->gap = false;
    t->any = true;
    return rc ? rc : t->fn(t->ctx, kind, s, n);
}

/* tokenize: call fn for every token of text in order (see reg_bigrams) */
static enum fz_err tokenize(const char *text, tok_fn fn, void *ctx)
{
    struct tokenizer tz = { .fn = fn, .ctx = ctx };
    struct buf word;
    buf_init(&word, 0);
    enum fz_err rc = FZ_OK;
    size_t i = 0, prev = 0, run = 0;    /* run: length of the current CJK run */
    while (!rc) {
        size_t at = i;
        uint32_t c = text[i] ? utf8_next(text, &i) : 0;
        char a = c ? ascii_fold(c) : 0;
        bool cjk = c && is_cjk(c);
        if (!a && word.len) {
            rc = emit(&tz, TOK_WORD, word.data, word.len);
            word.len = 0;
        }
        if (!cjk && run == 1 && !rc)
            rc = emit(&tz, TOK_LONE, text + prev, at - prev);
        if (!cjk)
            run = 0;
        if (c && !a && !cjk)
            tz.gap = true;
        if (a && !rc)
            rc = buf_append(&word, &a, 1);
        if (cjk && run && !rc)
            rc = emit(&tz, TOK_PAIR, text + prev, i - prev);
        if (cjk) {
            prev = at;
            run++;
        }
        if (!c)
            break;
    }
    buf_free(&word);
    return rc;
}

static enum fz_err append_token(void *ctx, enum tok_kind kind, const char *s, size_t n)
{
    struct buf *b = ctx;
    (void)kind;
    enum fz_err rc = b->len ? buf_append(b, " ", 1) : FZ_OK;
    return rc ? rc : buf_append(b, s, n);
}

char *reg_bigrams(const char *text)
{
    struct buf b;
    buf_init(&b, 0);
    if (tokenize(text ? text : "", append_token, &b)) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* ---- queries ---- */

struct tok {
    enum tok_kind kind;
    size_t off, len;            /* in term_toks.text */
};

struct term_toks {
    struct buf text;            /* the tokens' bytes, back to back */
    struct tok *v;
    size_t n, cap;
};

static enum fz_err collect_token(void *ctx, enum tok_kind kind, const char *s, size_t n)
{
    struct term_toks *t = ctx;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct tok *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return FZ_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (struct tok){ kind, t->text.len, n };
    return buf_append(&t->text, s, n);
}

/* term_phrase: the FTS5 phrase of one term into m (" AND " before it unless first).
 * A lone ideograph at either end is left out (it is half of a bigram in the text), then
 * breaks at the ends; nothing is written when no token is left. *exact: the phrase alone
 * proves the term occurs (one run of two or more ideographs: consecutive bigrams with no
 * break between them are consecutive characters of one run of the text). */
static enum fz_err term_phrase(const char *term, struct buf *m, bool *exact)
{
    struct term_toks t = {0};
    buf_init(&t.text, 0);
    enum fz_err rc = tokenize(term, collect_token, &t);
    size_t lo = 0, hi = rc ? 0 : t.n;
    if (hi && t.v[0].kind == TOK_LONE)
        lo++;
    if (hi > lo && t.v[hi - 1].kind == TOK_LONE)
        hi--;
    while (lo < hi && t.v[lo].kind == TOK_BREAK)
        lo++;
    while (hi > lo && t.v[hi - 1].kind == TOK_BREAK)
        hi--;
    *exact = !rc && t.n > 0 && lo == 0 && hi == t.n;
    for (size_t k = 0; k < t.n; k++)
        *exact = *exact && t.v[k].kind == TOK_PAIR;
    if (lo < hi && m->len)
        rc = buf_puts(m, " AND ");
    if (lo < hi && !rc)         /* tokens are letters, digits, ideographs: never a '"' */
        rc = buf_append(m, "\"", 1);
    for (size_t k = lo; k < hi && !rc; k++) {
        if (k > lo)
            rc = buf_append(m, " ", 1);
        if (!rc)
            rc = buf_append(m, t.text.data + t.v[k].off, t.v[k].len);
    }
    if (lo < hi && !rc)
        rc = buf_append(m, "\"", 1);
    buf_free(&t.text);
    free(t.v);
    return rc;
}

/* searchable: the code point is a letter, digit or ideograph (not a separator) */
static bool searchable(uint32_t c)
{
    return is_cjk(c) || ascii_fold(c) != 0;
}

/* add_term: the term s[0..n) without separators at its ends, ASCII lower-cased, to
 * q->terms (and to q->checks unless its phrase is exact) and its phrase to m; a term of
 * separators only is dropped */
static enum fz_err add_term(const char *s, size_t n, struct reg_query *q, struct buf *m)
{
    size_t i = 0, from = n, to = 0;
    while (i < n) {
        size_t at = i;
        if (searchable(utf8_next(s, &i))) {
            if (from == n)
                from = at;
            to = i;
        }
    }
    if (from >= to)
        return FZ_OK;
    char *t = strndup(s + from, to - from);
    if (!t)
        return FZ_ENOMEM;
    for (char *c = t; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    bool exact = false;
    enum fz_err rc = term_phrase(t, m, &exact);
    if (!rc && json_array_append_new(q->terms, json_string(t)))
        rc = FZ_ENOMEM;
    if (!rc && !exact && json_array_append_new(q->checks, json_string(t)))
        rc = FZ_ENOMEM;
    free(t);
    return rc;
}

enum fz_err reg_query_parse(const char *q, struct reg_query *out)
{
    struct buf m;
    buf_init(&m, 0);
    memset(out, 0, sizeof *out);
    if (q && str_utf8_len(q) < 0)
        return FZ_EINVAL;
    out->terms = json_array();
    out->checks = json_array();
    enum fz_err rc = out->terms && out->checks ? FZ_OK : FZ_ENOMEM;
    size_t i = 0, start = 0;
    const char *s = q ? q : "";
    while (!rc) {
        size_t at = i;
        uint32_t c = s[i] ? utf8_next(s, &i) : 0;
        if (c && !is_blank(c) && c != '\n')
            continue;
        if (at > start)
            rc = add_term(s + start, at - start, out, &m);
        start = i;
        if (!c)
            break;
    }
    if (!rc && m.len) {
        out->match = buf_take(&m);
        if (!out->match)
            rc = FZ_ENOMEM;
    }
    buf_free(&m);
    if (rc)
        reg_query_free(out);
    return rc;
}

void reg_query_free(struct reg_query *q)
{
    if (!q)
        return;
    free(q->match);
    json_decref(q->terms);
    json_decref(q->checks);
    memset(q, 0, sizeof *q);
}

/* ---- snippets ---- */

/* ci_at: the lower-cased term matches text at p (ASCII case-insensitive) */
static bool ci_at(const char *p, const char *term)
{
    for (; *term; p++, term++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *term)
            return false;
    }
    return true;
}

/* match_len: the length of the longest term matching at p, 0 when none */
static size_t match_len(const char *p, const json_t *terms)
{
    size_t best = 0, k;
    json_t *t;
    json_array_foreach(terms, k, t) {
        const char *s = json_string_value(t);
        size_t n = s ? strlen(s) : 0;
        if (n > best && ci_at(p, s))
            best = n;
    }
    return best;
}

static enum fz_err put_escaped(struct buf *b, const char *s, size_t n)
{
    enum fz_err rc = FZ_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        switch (s[i]) {
        case '&': rc = buf_puts(b, "&amp;"); break;
        case '<': rc = buf_puts(b, "&lt;"); break;
        case '>': rc = buf_puts(b, "&gt;"); break;
        case '"': rc = buf_puts(b, "&quot;"); break;
        case '\'': rc = buf_puts(b, "&#39;"); break;
        case '\n': case '\r': case '\t': rc = buf_puts(b, " "); break;
        default: rc = buf_append(b, s + i, 1); break;
        }
    }
    return rc;
}

/* back_chars: the byte offset n code points before `at` (not before 0) */
static size_t back_chars(const char *text, size_t at, size_t n)
{
    while (at > 0 && n > 0) {
        at--;
        if (((unsigned char)text[at] & 0xC0) != 0x80)
            n--;
    }
    return at;
}

char *reg_snippet(const char *text, const json_t *terms, size_t width)
{
    size_t len = strlen(text), first = len;
    for (size_t i = 0; i < len && first == len; i++)
        if (match_len(text + i, terms))
            first = i;
    if (first == len)
        first = 0;
    size_t start = back_chars(text, first, width / 4), i = start, chars = 0;
    struct buf b;
    buf_init(&b, 0);
    enum fz_err rc = start ? buf_puts(&b, "…") : buf_puts(&b, "");
    while (!rc && i < len && chars < width) {
        size_t m = match_len(text + i, terms), at = i;
        if (m) {
            rc = buf_puts(&b, "<mark>");
            if (!rc)
                rc = put_escaped(&b, text + i, m);
            if (!rc)
                rc = buf_puts(&b, "</mark>");
            for (i += m; at < i; at++)
                chars += ((unsigned char)text[at] & 0xC0) != 0x80;
            continue;
        }
        utf8_next(text, &i);
        chars++;
        rc = put_escaped(&b, text + at, i - at);
    }
    if (!rc && i < len)
        rc = buf_puts(&b, "…");
    if (rc) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* ---- articles ---- */

void reg_articles_free(struct reg_articles *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++) {
        free(a->v[i].label);
        free(a->v[i].chapter);
        free(a->v[i].text);
    }
    free(a->v);
    memset(a, 0, sizeof *a);
}

/* articles_push: a new article with copies of its strings (text may grow later) */
static enum fz_err articles_push(struct reg_articles *a, int no, const char *label,
                                 size_t label_len, const char *chapter, const char *text,
                                 size_t text_len)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        struct reg_article *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return FZ_ENOMEM;
        a->v = v;
        a->cap = cap;
    }
    struct reg_article *r = &a->v[a->n];
    r->no = no;
    r->label = strndup(label, label_len);
    r->chapter = strdup(chapter ? chapter : "");
    r->text = strndup(text, text_len);
    a->n++;
    return r->label && r->chapter && r->text ? FZ_OK : FZ_ENOMEM;
}

/* text_append: "\n" + s[0..n) to the last article's text */
static enum fz_err text_append(struct reg_article *r, const char *s, size_t n)
{
    size_t have = strlen(r->text);
    char *t = realloc(r->text, have + n + 2);
    if (!t)
        return FZ_ENOMEM;
    t[have] = have ? '\n' : '\0';
    memcpy(t + have + (have ? 1 : 0), s, n);
    t[have + n + (have ? 1 : 0)] = '\0';
    r->text = t;
    return FZ_OK;
}

/* trim: s[0..*n) without blanks at both ends (returns the new start) */
static const char *trim(const char *s, size_t *n)
{
    size_t i = 0, end = *n;
    while (i < end) {
        size_t at = i;
        if (!is_blank(utf8_next(s, &i))) {
            i = at;
            break;
        }
    }
    while (end > i) {
        size_t at = back_chars(s, end, 1), j = at;
        if (!is_blank(utf8_next(s, &j)))
            break;
        end = at;
    }
    *n = end - i;
    return s + i;
}

/* heading: s[0..n) starts with 第<numeral> and 条, 章 or 节: returns that character (0 for
 * any other line) with *no, *label_end (just after it) and, for 条, *rest (where the
 * article's text starts). 条 must be followed by a blank, "：" or the end of the line. */
static uint32_t heading(const char *s, size_t n, int *no, size_t *label_end, size_t *rest)
{
    static const char di[] = "第";
    const size_t dl = sizeof di - 1;
    if (n <= dl || memcmp(s, di, dl) != 0)
        return 0;
    size_t i = dl;
    while (i < n) {
        size_t at = i;
        uint32_t c = utf8_next(s, &i);
        char a = ascii_fold(c);
        if (c == 0x6761 || c == 0x7AE0 || c == 0x8282) {   /* 条 章 节 */
            if (i > n || reg_cn_number(s + dl, at - dl, no))
                return 0;
            *label_end = i;
            size_t j = i;
            uint32_t next = i < n ? utf8_next(s, &j) : 0;
            if (c != 0x6761 || !next || is_blank(next)) {
                *rest = i;
                return c;
            }
            *rest = j;
            return next == 0xFF1A || next == ':' ? c : 0;
        }
        if (cn_digit(c) < 0 && !cn_unit(c) && !(a >= '0' && a <= '9'))
            return 0;
    }
    return 0;
}

/* put: s[0..n) to dst at *o when it fits (so a code point is never cut) */
static void put(char *dst, size_t size, size_t *o, const char *s, size_t n)
{
    if (*o + n >= size)
        return;
    memcpy(dst + *o, s, n);
    *o += n;
    dst[*o] = '\0';
}

/* set_chapter: prefix (" · " after it unless empty) and the heading line s[0..n) with its
 * blanks collapsed to one space, into dst */
static void set_chapter(char *dst, size_t size, const char *prefix, const char *s, size_t n)
{
    size_t o = 0, i = 0;
    bool space = false;
    dst[0] = '\0';
    put(dst, size, &o, prefix, strlen(prefix));
    if (*prefix)
        put(dst, size, &o, " · ", strlen(" · "));
    while (i < n) {
        size_t at = i;
        if (is_blank(utf8_next(s, &i))) {
            space = true;
            continue;
        }
        if (space)
            put(dst, size, &o, " ", 1);
        space = false;
        put(dst, size, &o, s + at, i - at);
    }
}

/* parse_line: one line of a full text into the articles */
struct parse_state {
    int last_no;
    char chapter[256];          /* 第一章 总则 */
    char full[512];             /* chapter · section */
};

static enum fz_err parse_line(struct parse_state *st, const char *s, size_t n,
                              struct reg_articles *out)
{
    s = trim(s, &n);
    if (!n)
        return FZ_OK;
    int no = 0;
    size_t label_end = 0, rest = 0;
    uint32_t kind = heading(s, n, &no, &label_end, &rest);
    if (kind == 0x7AE0) {                                   /* 章 */
        set_chapter(st->chapter, sizeof st->chapter, "", s, n);
        str_copy(st->full, sizeof st->full, st->chapter);
        return FZ_OK;
    }
    if (kind == 0x8282) {                                   /* 节 */
        set_chapter(st->full, sizeof st->full, st->chapter, s, n);
        return FZ_OK;
    }
    if (kind == 0x6761 && no > st->last_no) {               /* 条 */
        st->last_no = no;
        size_t tn = n - rest;
        const char *t = trim(s + rest, &tn);
        return articles_push(out, no, s, label_end, st->full, t, tn);
    }
    if (!out->n)
        return FZ_OK;           /* title, contents, preamble */
    return text_append(&out->v[out->n - 1], s, n);
}

enum fz_err reg_parse_articles(const char *full_text, struct reg_articles *out)
{
    memset(out, 0, sizeof *out);
    struct parse_state st = {0};
    const char *s = full_text ? full_text : "";
    enum fz_err rc = FZ_OK;
    while (!rc && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        rc = parse_line(&st, s, n, out);
        s += n + (nl ? 1 : 0);
    }
    if (rc)
        reg_articles_free(out);
    return rc;
}

/* ---- small parsers ---- */

bool reg_valid_date(const char *s)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m != 2 || d < 29 || leap;
}

static const char *const levels[] = { "法律", "行政法规", "地方性法规", "部门规章",
                                      "地方政府规章", "规范性文件", NULL };
static const char *const statuses[] = { "现行有效", "已修订", "已废止", NULL };

static bool one_of(const char *s, const char *const *list)
{
    for (int i = 0; s && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

bool reg_level_ok(const char *level)
{
    return one_of(level, levels);
}

bool reg_status_ok(const char *status)
{
    return one_of(status, statuses);
}

/* dec: a decimal of 1-18 digits at *s, advancing *s; -1 when none */
static int64_t dec(const char **s)
{
    int64_t v = 0;
    int n = 0;
    while (**s >= '0' && **s <= '9' && n < 18) {
        v = v * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n && !(**s >= '0' && **s <= '9') ? v : -1;
}

enum fz_err reg_parse_citation(const char *ref, int64_t *id, int64_t *version,
                               int64_t *article)
{
    const char *s = ref;
    if (!s || strncmp(s, "reg/", 4) != 0)
        return FZ_EINVAL;
    s += 4;
    int64_t a = dec(&s);
    if (a < 1 || strncmp(s, "/v", 2) != 0)
        return FZ_EINVAL;
    s += 2;
    int64_t b = dec(&s);
    if (b < 1 || strncmp(s, "/art/", 5) != 0)
        return FZ_EINVAL;
    s += 5;
    int64_t c = dec(&s);
    if (c < 1 || *s)
        return FZ_EINVAL;
    *id = a;
    *version = b;
    *article = c;
    return FZ_OK;
}

/* ---- validation ---- */

static void today(char out[11])
{
    char ts[FZ_TS_LEN];
    time_now(ts);
    memcpy(out, ts, 10);
    out[10] = '\0';
}

/* too_long: s is present and longer than max code points (or not UTF-8) */
static bool too_long(const char *s, long max)
{
    long n = s ? str_utf8_len(s) : 0;
    return n < 0 || n > max;
}

static enum fz_err invalid(struct fz_problem *p, const char *field, const char *msg)
{
    fz_problem_set(p, field, NULL, "%s", msg);
    return FZ_EINVAL;
}

static enum fz_err check_meta(const struct reg_input *in, bool create, struct fz_problem *p)
{
    if ((create || in->title) && (str_empty(in->title) || too_long(in->title, 200)))
        return invalid(p, "title", "法规名称不能为空，且不超过 200 个字符");
    if ((create || in->level) && !reg_level_ok(in->level))
        return invalid(p, "level", "效力层级应为 法律、行政法规、地方性法规、部门规章、"
                                   "地方政府规章 或 规范性文件");
    if (too_long(in->issuer, 100))
        return invalid(p, "issuer", "制定机关不超过 100 个字符");
    if (too_long(in->note, 1000))
        return invalid(p, "note", "备注不超过 1000 个字符");
    return FZ_OK;
}

/* check_depts: dept_ids is NULL or an array of existing department ids */
static enum fz_err check_depts(struct db *db, json_t *ids, struct fz_problem *p)
{
    if (!ids)
        return FZ_OK;
    if (!json_is_array(ids) || json_array_size(ids) > 100)
        return invalid(p, "dept_ids", "适用部门 dept_ids 应为部门编号的数组");
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        int64_t n = 0;
        if (!json_is_integer(v))
            return invalid(p, "dept_ids", "适用部门 dept_ids 应为部门编号的数组");
        enum fz_err rc = db_query_int(db, &n, "SELECT count(*) FROM departments WHERE id = ?",
                                      "i", (int64_t)json_integer_value(v));
        if (rc)
            return rc;
        if (!n) {
            fz_problem_set(p, "dept_ids", NULL, "部门 %lld 不存在",
                           (long long)json_integer_value(v));
            return FZ_EINVAL;
        }
    }
    return FZ_OK;
}

static enum fz_err set_depts(struct db *db, int64_t id, json_t *ids)
{
    if (!ids)
        return FZ_OK;
    enum fz_err rc = db_run(db, NULL, "DELETE FROM regulation_depts WHERE regulation_id = ?",
                            "i", id);
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        if (rc)
            break;
        rc = db_run(db, NULL, "INSERT OR IGNORE INTO regulation_depts(regulation_id, dept_id)"
                    " VALUES (?, ?)", "ii", id, (int64_t)json_integer_value(v));
    }
    return rc;
}

static enum fz_err check_version(const struct reg_version_input *v, struct fz_problem *p)
{
    if (!reg_valid_date(v->effective_from))
        return invalid(p, "effective_from", "施行日期 effective_from 应为 YYYY-MM-DD 格式的日期");
    if (v->promulgated_on && !reg_valid_date(v->promulgated_on))
        return invalid(p, "promulgated_on", "公布日期 promulgated_on 应为 YYYY-MM-DD 格式的日期");
    if (v->promulgated_on && strcmp(v->promulgated_on, v->effective_from) > 0)
        return invalid(p, "promulgated_on", "公布日期不能晚于施行日期");
    if (too_long(v->doc_no, 100))
        return invalid(p, "doc_no", "文号不超过 100 个字符");
    if (too_long(v->note, 1000))
        return invalid(p, "note", "备注不超过 1000 个字符");
    return FZ_OK;
}

static int by_no(const void *a, const void *b)
{
    const struct reg_article *x = a, *y = b;
    return (x->no > y->no) - (x->no < y->no);
}

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* opt_str_ok: v is absent, null, or a string of at most max characters */
static bool opt_str_ok(json_t *v, long max)
{
    return !v || json_is_null(v) || (json_is_string(v) && !too_long(json_string_value(v), max));
}

/* article_from_json: one element of an explicit articles array */
static enum fz_err article_from_json(json_t *o, size_t i, struct reg_articles *out,
                                     struct fz_problem *p)
{
    json_t *no = json_object_get(o, "no"), *lab = json_object_get(o, "label"),
           *ch = json_object_get(o, "chapter");
    const char *text = jstr(o, "text");
    if (!json_is_object(o) || !json_is_integer(no) || json_integer_value(no) < 1 ||
        json_integer_value(no) > 9999) {
        fz_problem_set(p, "articles", NULL, "第 %zu 个条文的条号 no 应为 1 到 9999 的整数",
                       i + 1);
        return FZ_EINVAL;
    }
    if (str_empty(text) || too_long(text, 20000) || !opt_str_ok(lab, 32) ||
        !opt_str_ok(ch, 200)) {
        fz_problem_set(p, "articles", NULL, "第 %zu 个条文：text 不能为空（不超过 20000 字），"
                       "label 不超过 32 字，chapter 不超过 200 字", i + 1);
        return FZ_EINVAL;
    }
    int n = (int)json_integer_value(no);
    char label[64], cn[48];
    reg_cn_format(n, cn, sizeof cn);
    snprintf(label, sizeof label, "第%s条", cn);
    const char *l = json_is_string(lab) && *json_string_value(lab) ? json_string_value(lab)
                                                                    : label;
    return articles_push(out, n, l, strlen(l), json_is_string(ch) ? json_string_value(ch) : "",
                         text, strlen(text));
}

static enum fz_err articles_from_json(json_t *arr, struct reg_articles *out,
                                      struct fz_problem *p)
{
    memset(out, 0, sizeof *out);
    if (!json_is_array(arr) || !json_array_size(arr))
        return invalid(p, "articles", "条文 articles 应为非空数组：[{no, text, label, chapter}]");
    size_t i;
    json_t *o;
    enum fz_err rc = FZ_OK;
    json_array_foreach(arr, i, o) {
        rc = article_from_json(o, i, out, p);
        if (rc)
            return rc;
    }
    qsort(out->v, out->n, sizeof *out->v, by_no);
    for (i = 1; i < out->n; i++) {
        if (out->v[i].no == out->v[i - 1].no) {
            fz_problem_set(p, "articles", NULL, "条号 %d 重复", out->v[i].no);
            return FZ_EINVAL;
        }
    }
    return FZ_OK;
}

/* text_of: a full text made from articles (chapter lines, then 第N条　text lines) */
static char *text_of(const struct reg_articles *a)
{
    struct buf b;
    buf_init(&b, 0);
    const char *chapter = "";
    enum fz_err rc = FZ_OK;
    for (size_t i = 0; !rc && i < a->n; i++) {
        if (strcmp(chapter, a->v[i].chapter) != 0 && *a->v[i].chapter)
            rc = buf_printf(&b, "%s\n", a->v[i].chapter);
        chapter = a->v[i].chapter;
        if (!rc)
            rc = buf_printf(&b, "%s　%s\n", a->v[i].label, a->v[i].text);
    }
    if (rc) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* resolve_articles: the version's articles and full text (*text: caller frees) */
static enum fz_err resolve_articles(const struct reg_version_input *v,
                                    struct reg_articles *arts, char **text,
                                    struct fz_problem *p)
{
    enum fz_err rc;
    *text = NULL;
    if (v->articles) {
        rc = articles_from_json(v->articles, arts, p);
    } else if (!str_empty(v->full_text)) {
        rc = reg_parse_articles(v->full_text, arts);
        if (!rc && !arts->n)
            rc = invalid(p, "full_text", "全文中未识别出条文：每条应另起一行，以“第…条”开头"
                                         "（如“第一条　为了……”）");
    } else {
        return invalid(p, "full_text", "请提供全文 full_text 或条文 articles");
    }
    if (!rc && arts->n > REG_MAX_ARTICLES)
        rc = invalid(p, "full_text", "条文不能超过 3000 条");
    if (!rc) {
        *text = v->full_text && *v->full_text ? strdup(v->full_text) : text_of(arts);
        if (!*text)
            rc = FZ_ENOMEM;
    }
    if (rc)
        reg_articles_free(arts);
    return rc;
}

/* ---- writes ---- */

static enum fz_err insert_articles(struct db *db, int64_t vid, const struct reg_articles *a)
{
    enum fz_err rc = FZ_OK;
    for (size_t i = 0; !rc && i < a->n; i++) {
        const struct reg_article *r = &a->v[i];
        rc = db_run(db, NULL, "INSERT INTO regulation_articles(version_id, no, label, chapter,"
                    " text) VALUES (?, ?, ?, ?, ?)", "iittt", vid, (int64_t)r->no, r->label,
                    r->chapter, r->text);
        char *terms = rc ? NULL : reg_bigrams(r->text);
        if (!rc && !terms)
            rc = FZ_ENOMEM;
        if (!rc)
            rc = db_run(db, NULL, "INSERT INTO regulation_fts(rowid, terms) VALUES (?, ?)",
                        "it", db_last_id(db), terms);
        free(terms);
    }
    return rc;
}

static enum fz_err insert_version(struct db *db, int64_t user_id, int64_t id, int64_t no,
                                  const struct reg_version_input *v, const char *text,
                                  const struct reg_articles *a, const char *ts)
{
    enum fz_err rc = db_run(db, NULL,
        "INSERT INTO regulation_versions(regulation_id, no, doc_no, promulgated_on,"
        " effective_from, status, note, full_text, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, '现行有效', ?, ?, nullif(?, 0), ?)", "iitttttit", id, no,
        v->doc_no ? v->doc_no : "", v->promulgated_on, v->effective_from,
        v->note ? v->note : "", text, user_id, ts);
    return rc ? rc : insert_articles(db, db_last_id(db), a);
}

enum fz_err reg_create(struct db *db, int64_t user_id, const struct reg_input *in,
                       const struct reg_version_input *v, int64_t *id,
                       struct fz_problem *p)
{
    enum fz_err rc = check_meta(in, true, p);
    if (!rc)
        rc = check_depts(db, in->dept_ids, p);
    if (!rc)
        rc = check_version(v, p);
    if (rc)
        return rc;
    struct reg_articles arts;
    char *text = NULL, ts[FZ_TS_LEN];
    rc = resolve_articles(v, &arts, &text, p);
    if (rc)
        return rc;
    time_now(ts);
    rc = db_run(db, NULL, "INSERT INTO regulations(title, level, issuer, note, created_by,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?)", "ttttitt",
                in->title, in->level, in->issuer ? in->issuer : "", in->note ? in->note : "",
                user_id, ts, ts);
    int64_t rid = rc ? 0 : db_last_id(db);
    if (!rc)
        rc = set_depts(db, rid, in->dept_ids);
    if (!rc)
        rc = insert_version(db, user_id, rid, 1, v, text, &arts, ts);
    if (!rc)    /* the powers list cites by 《title》: fill the links nobody set */
        rc = db_run(db, NULL, "UPDATE powers SET regulation_id = ? WHERE regulation_id IS NULL"
                    " AND instr(basis, '《' || ? || '》') > 0", "it", rid, in->title);
    if (!rc)
        *id = rid;
    reg_articles_free(&arts);
    free(text);
    return rc;
}

/* current: the newest version of regulation id as {status, vid, no, effective_from};
 * FZ_ENOTFOUND when the regulation does not exist */
static enum fz_err current(struct db *db, int64_t id, json_t **out)
{
    return db_query_row(db, out,
        "SELECT r.status, r.version, r.repealed_on, v.id AS vid, v.no, v.effective_from"
        " FROM regulations r JOIN regulation_versions v ON v.regulation_id = r.id"
        " WHERE r.id = ? ORDER BY v.no DESC LIMIT 1", "i", id);
}

static int64_t jint(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

enum fz_err reg_version_add(struct db *db, int64_t user_id, int64_t id,
                            const struct reg_version_input *v, int64_t *no,
                            struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = current(db, id, &cur);
    if (rc)
        return rc;
    if (strcmp(jstr(cur, "status"), "已废止") == 0) {
        fz_problem_set(p, NULL, "repealed", "该法规已废止，不能新增版本");
        rc = FZ_ECONFLICT;
    }
    if (!rc)
        rc = check_version(v, p);
    if (!rc && strcmp(v->effective_from, jstr(cur, "effective_from")) <= 0) {
        fz_problem_set(p, "effective_from", NULL, "新版本的施行日期应晚于现行版本的施行日期 %s",
                       jstr(cur, "effective_from"));
        rc = FZ_EINVAL;
    }
    struct reg_articles arts = {0};
    char *text = NULL, ts[FZ_TS_LEN];
    if (!rc)
        rc = resolve_articles(v, &arts, &text, p);
    time_now(ts);
    int64_t n = jint(cur, "no") + 1;
    if (!rc)
        rc = db_run(db, NULL, "UPDATE regulation_versions SET status = '已修订',"
                    " effective_to = date(?, '-1 day') WHERE id = ?", "ti", v->effective_from,
                    jint(cur, "vid"));
    if (!rc)
        rc = insert_version(db, user_id, id, n, v, text, &arts, ts);
    if (!rc)
        rc = db_run(db, NULL, "UPDATE regulations SET updated_at = ?, version = version + 1"
                    " WHERE id = ?", "ti", ts, id);
    if (!rc)    /* 学法用法 (issue 7): its departments' staff get a task for the new version */
        rc = duties_learning_on_version(db, user_id, id, n, NULL);
    if (!rc)
        *no = n;
    json_decref(cur);
    reg_articles_free(&arts);
    free(text);
    return rc;
}

/* update_status: the status and repeal date after the update, and what happens to the
 * current version; *action names it */
static enum fz_err update_status(const struct reg_input *in, json_t *cur, const char **status,
                                 const char **repealed_on, char day[11], const char **action,
                                 struct fz_problem *p)
{
    const char *was = jstr(cur, "status");
    *status = in->status ? in->status : was;
    *repealed_on = json_string_value(json_object_get(cur, "repealed_on"));
    *action = "regulation.update";
    if (in->status && strcmp(in->status, "已修订") == 0)
        return invalid(p, "status", "“已修订”由新增版本产生：请通过 POST /versions 新增修订后的版本");
    if (in->status && strcmp(in->status, "现行有效") != 0 && strcmp(in->status, "已废止") != 0)
        return invalid(p, "status", "状态应为 现行有效 或 已废止");
    if (in->repealed_on && !reg_valid_date(in->repealed_on))
        return invalid(p, "repealed_on", "废止日期 repealed_on 应为 YYYY-MM-DD 格式的日期");
    if (strcmp(*status, "已废止") != 0) {
        if (in->repealed_on)
            return invalid(p, "repealed_on", "只有废止（status 为 已废止）时才填写废止日期");
        if (strcmp(was, "已废止") == 0)
            *action = "regulation.reinstate";
        *repealed_on = NULL;
        return FZ_OK;
    }
    if (in->repealed_on || !*repealed_on) {
        if (in->repealed_on)
            str_copy(day, 11, in->repealed_on);
        else
            today(day);
        *repealed_on = day;
    }
    if (strcmp(*repealed_on, jstr(cur, "effective_from")) < 0) {
        fz_problem_set(p, "repealed_on", NULL, "废止日期不能早于现行版本的施行日期 %s",
                       jstr(cur, "effective_from"));
        return FZ_EINVAL;
    }
    if (strcmp(was, "已废止") != 0)
        *action = "regulation.repeal";
    return FZ_OK;
}

enum fz_err reg_update(struct db *db, int64_t id, int64_t version, const struct reg_input *in,
                       const char **action, struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = current(db, id, &cur);
    if (rc)
        return rc;
    const char *status = NULL, *repealed_on = NULL;
    char day[11] = "", ts[FZ_TS_LEN];
    if (jint(cur, "version") != version) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        rc = FZ_ECONFLICT;
    }
    if (!rc)
        rc = check_meta(in, false, p);
    if (!rc)
        rc = update_status(in, cur, &status, &repealed_on, day, action, p);
    if (!rc)
        rc = check_depts(db, in->dept_ids, p);
    time_now(ts);
    bool repealed = status && strcmp(status, "已废止") == 0;
    if (!rc)
        rc = db_run(db, NULL, "UPDATE regulation_versions SET status = ?,"
                    " effective_to = date(?, '-1 day') WHERE id = ?", "tti",
                    repealed ? "已废止" : "现行有效", repealed ? repealed_on : NULL,
                    jint(cur, "vid"));
    int64_t n = 0;
    if (!rc)
        rc = db_run(db, &n, "UPDATE regulations SET title = coalesce(?, title),"
                    " level = coalesce(?, level), issuer = coalesce(?, issuer),"
                    " note = coalesce(?, note), status = ?, repealed_on = ?, updated_at = ?,"
                    " version = version + 1 WHERE id = ? AND version = ?", "tttttttii",
                    in->title, in->level, in->issuer, in->note, status, repealed_on, ts, id,
                    version);
    if (!rc && !n) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        rc = FZ_ECONFLICT;
    }
    if (!rc)
        rc = set_depts(db, id, in->dept_ids);
    json_decref(cur);
    return rc;
}

/* ---- reads ---- */

#define REG_SELECT                                                                        \
    "SELECT r.id, r.title, r.level, r.issuer, r.status, r.repealed_on, r.note,"            \
    " v.no AS current_version, v.doc_no, v.promulgated_on, v.effective_from,"             \
    " (SELECT count(*) FROM regulation_versions x WHERE x.regulation_id = r.id)"          \
    " AS version_count, (SELECT json_group_array(json_object('id', d.id, 'name', d.name," \
    " 'code', d.code)) FROM (SELECT d.id, d.name, d.code FROM regulation_depts rd"         \
    " JOIN departments d ON d.id = rd.dept_id WHERE rd.regulation_id = r.id"              \
    " ORDER BY d.sort, d.id) d) AS depts, r.created_at, r.updated_at, r.version"          \
    " FROM regulations r JOIN regulation_versions v ON v.regulation_id = r.id AND v.no ="  \
    " (SELECT max(y.no) FROM regulation_versions y WHERE y.regulation_id = r.id)"

/* the list filters: ?1 level, ?2 status (已修订: has a revised version), ?3 dept, ?4 LIKE */
#define REG_WHERE                                                                         \
    " WHERE (?1 IS NULL OR r.level = ?1) AND (?2 IS NULL OR r.status = ?2 OR"              \
    " (?2 = '已修订' AND EXISTS (SELECT 1 FROM regulation_versions z"                       \
    " WHERE z.regulation_id = r.id AND z.status = '已修订'))) AND (?3 = 0 OR EXISTS"         \
    " (SELECT 1 FROM regulation_depts q WHERE q.regulation_id = r.id AND q.dept_id = ?3))" \
    " AND (?4 IS NULL OR r.title LIKE ?4 ESCAPE '\\' OR v.doc_no LIKE ?4 ESCAPE '\\')"

#define LEVEL_ORDER                                                                       \
    " ORDER BY CASE r.level WHEN '法律' THEN 1 WHEN '行政法规' THEN 2 WHEN '地方性法规'"   \
    " THEN 3 WHEN '部门规章' THEN 4 WHEN '地方政府规章' THEN 5 ELSE 6 END,"                 \
    " v.promulgated_on DESC, r.id"

static void fix_depts(json_t *r)
{
    const char *s = jstr(r, "depts");
    json_t *arr = s ? json_loads(s, 0, NULL) : NULL;
    json_object_set_new(r, "depts", arr ? arr : json_array());
}

enum fz_err reg_list(struct db *db, const struct reg_filter *f, int64_t limit,
                     int64_t offset, json_t **items, int64_t *total)
{
    char *like = f->q && *f->q ? str_like(f->q) : NULL;
    if (f->q && *f->q && !like)
        return FZ_ENOMEM;
    enum fz_err rc = db_query_int(db, total, "SELECT count(*) FROM regulations r"
                                  " JOIN regulation_versions v ON v.regulation_id = r.id AND"
                                  " v.no = (SELECT max(y.no) FROM regulation_versions y"
                                  " WHERE y.regulation_id = r.id)" REG_WHERE, "ttit",
                                  f->level, f->status, f->dept_id, like);
    if (!rc)
        rc = db_query_json(db, items, REG_SELECT REG_WHERE LEVEL_ORDER " LIMIT ?5 OFFSET ?6",
                           "ttitii", f->level, f->status, f->dept_id, like, limit, offset);
    free(like);
    size_t i;
    json_t *r;
    if (!rc)
        json_array_foreach(*items, i, r)
            fix_depts(r);
    return rc;
}

/* versions_of: the versions of regulation id, newest first, with in_force today */
static enum fz_err versions_of(struct db *db, int64_t id, json_t **out)
{
    char day[11];
    today(day);
    enum fz_err rc = db_query_json(db, out,
        "SELECT v.no, v.doc_no, v.promulgated_on, v.effective_from, v.effective_to, v.status,"
        " v.note, v.created_at, (SELECT count(*) FROM regulation_articles a"
        " WHERE a.version_id = v.id) AS article_count, (v.effective_from <= ?2 AND"
        " (v.effective_to IS NULL OR v.effective_to >= ?2)) AS in_force"
        " FROM regulation_versions v WHERE v.regulation_id = ?1 ORDER BY v.no DESC", "it",
        id, day);
    size_t i;
    json_t *v;
    if (!rc)
        json_array_foreach(*out, i, v)
            json_object_set_new(v, "in_force", json_boolean(jint(v, "in_force")));
    return rc;
}

enum fz_err reg_get(struct db *db, int64_t id, json_t **out)
{
    json_t *r = NULL, *versions = NULL;
    enum fz_err rc = db_query_row(db, &r, REG_SELECT " WHERE r.id = ?", "i", id);
    if (!rc)
        rc = versions_of(db, id, &versions);
    if (rc) {
        json_decref(r);
        return rc;
    }
    fix_depts(r);
    json_object_set_new(r, "versions", versions);
    *out = r;
    return FZ_OK;
}

static json_t *citation(int64_t id, int64_t no, int64_t art)
{
    char s[96];
    snprintf(s, sizeof s, "reg/%lld/v%lld/art/%lld", (long long)id, (long long)no,
             (long long)art);
    return json_string(s);
}

enum fz_err reg_articles_get(struct db *db, int64_t id, int64_t no, json_t **out)
{
    json_t *v = NULL, *items = NULL;
    enum fz_err rc = db_query_row(db, &v,
        "SELECT r.id AS regulation_id, r.title, r.level, r.status AS regulation_status,"
        " v.id AS vid, v.no, v.doc_no, v.promulgated_on, v.effective_from, v.effective_to,"
        " v.status, v.note, v.full_text FROM regulations r JOIN regulation_versions v"
        " ON v.regulation_id = r.id WHERE r.id = ?1 AND v.no = CASE WHEN ?2 > 0 THEN ?2"
        " ELSE (SELECT max(y.no) FROM regulation_versions y WHERE y.regulation_id = r.id) END",
        "ii", id, no);
    if (!rc)
        rc = db_query_json(db, &items, "SELECT no, label, chapter, text FROM"
                           " regulation_articles WHERE version_id = ? ORDER BY no", "i",
                           jint(v, "vid"));
    if (rc) {
        json_decref(v);
        return rc;
    }
    size_t i;
    json_t *a;
    json_array_foreach(items, i, a)
        json_object_set_new(a, "citation", citation(id, jint(v, "no"), jint(a, "no")));
    json_t *o = json_pack("{s:I, s:O, s:O, s:O, s:O, s:o}", "regulation_id", (json_int_t)id,
                          "title", json_object_get(v, "title"), "level",
                          json_object_get(v, "level"), "status",
                          json_object_get(v, "regulation_status"), "version", v, "items",
                          items);
    json_object_del(v, "vid");
    json_object_del(v, "regulation_id");
    json_object_del(v, "title");
    json_object_del(v, "level");
    json_object_del(v, "regulation_status");
    json_decref(v);
    if (!o)
        return FZ_ENOMEM;
    *out = o;
    return FZ_OK;
}

/* cite_version: the version `no` (> 0) or the one in force on date, as a row with the
 * regulation's title; fills p on FZ_ENOTFOUND */
static enum fz_err cite_version(struct db *db, int64_t id, int64_t no, const char *date,
                                json_t **v, struct fz_problem *p)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n, "SELECT count(*) FROM regulations WHERE id = ?",
                                  "i", id);
    if (!rc && !n) {
        fz_problem_set(p, "id", NULL, "法规 %lld 不存在", (long long)id);
        return FZ_ENOTFOUND;
    }
    if (!rc)
        rc = db_query_row(db, v,
            "SELECT r.title, r.level, r.issuer, r.status AS regulation_status, v.id AS vid,"
            " v.no, v.doc_no, v.promulgated_on, v.effective_from, v.effective_to, v.status"
            " FROM regulations r JOIN regulation_versions v ON v.regulation_id = r.id"
            " WHERE r.id = ?1 AND CASE WHEN ?2 > 0 THEN v.no = ?2 ELSE v.effective_from <= ?3"
            " AND (v.effective_to IS NULL OR v.effective_to >= ?3) END"
            " ORDER BY v.no DESC LIMIT 1", "iit", id, no, date ? date : "");
    if (rc == FZ_ENOTFOUND && no > 0)
        fz_problem_set(p, "version", "no_such_version", "该法规没有第 %lld 版", (long long)no);
    else if (rc == FZ_ENOTFOUND)
        fz_problem_set(p, "date", "not_in_force", "%s 该法规没有施行中的版本（尚未施行或已废止）",
                       date ? date : "");
    return rc;
}

/* cite_json: the citation of article a (stolen) in version row v (borrowed) */
static json_t *cite_json(int64_t id, json_t *v, json_t *a, const char *date)
{
    char quote[700];
    snprintf(quote, sizeof quote, "《%s》%s", jstr(v, "title"), jstr(a, "label"));
    json_t *ver = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "no", json_object_get(v, "no"),
                            "doc_no", json_object_get(v, "doc_no"), "promulgated_on",
                            json_object_get(v, "promulgated_on"), "effective_from",
                            json_object_get(v, "effective_from"), "effective_to",
                            json_object_get(v, "effective_to"), "status",
                            json_object_get(v, "status"));
    return json_pack("{s:o, s:I, s:O, s:O, s:O, s:O, s:s*, s:s, s:o, s:o}", "citation",
                     citation(id, jint(v, "no"), jint(a, "no")), "regulation_id",
                     (json_int_t)id, "title", json_object_get(v, "title"), "level",
                     json_object_get(v, "level"), "issuer", json_object_get(v, "issuer"),
                     "regulation_status", json_object_get(v, "regulation_status"), "date",
                     date, "quote", quote, "version", ver, "article", a);
}

enum fz_err reg_cite(struct db *db, int64_t id, int64_t no, int64_t article,
                     const char *date, json_t **out, struct fz_problem *p)
{
    json_t *v = NULL, *a = NULL;
    enum fz_err rc = cite_version(db, id, no, date, &v, p);
    if (!rc)
        rc = db_query_row(db, &a, "SELECT no, label, chapter, text FROM regulation_articles"
                          " WHERE version_id = ? AND no = ?", "ii", jint(v, "vid"), article);
    if (rc == FZ_ENOTFOUND && v)
        fz_problem_set(p, "article", "no_such_article", "第 %lld 版中没有第 %lld 条",
                       (long long)jint(v, "no"), (long long)article);
    if (!rc) {
        *out = cite_json(id, v, a, no > 0 ? NULL : date);
        if (!*out)
            rc = FZ_ENOMEM;
    } else {
        json_decref(a);
    }
    json_decref(v);
    return rc;
}

/* ---- search ---- */

#define SEARCH_JOIN                                                                      \
    " JOIN regulation_versions v ON v.id = a.version_id"                                  \
    " JOIN regulations r ON r.id = v.regulation_id"

/* ?2 status of the version, ?3 level, ?4 department, ?5 JSON array of the terms the text
 * must contain (ASCII case-insensitive), NULL when the phrases alone are exact */
#define SEARCH_FILTER                                                                    \
    " AND (?2 IS NULL OR v.status = ?2) AND (?3 IS NULL OR r.level = ?3)"                 \
    " AND (?4 = 0 OR EXISTS (SELECT 1 FROM regulation_depts q"                           \
    " WHERE q.regulation_id = r.id AND q.dept_id = ?4)) AND (?5 IS NULL OR NOT EXISTS"   \
    " (SELECT 1 FROM json_each(?5) t WHERE instr(lower(a.text), t.value) = 0))"

/* the page: article ids and ranks are sorted first (small rows), the text and the rest
 * are read for the page's rows only */
#define SEARCH_PAGE(inner)                                                               \
    "SELECT r.id, r.title, r.level, v.no, v.status, v.effective_from, v.effective_to,"   \
    " a.no, a.label, a.chapter, a.text, h.rank FROM (" inner ") h"                       \
    " JOIN regulation_articles a ON a.id = h.id" SEARCH_JOIN " ORDER BY h.rank, h.id"

#define FTS_FROM                                                                         \
    " FROM regulation_fts JOIN regulation_articles a ON a.id = regulation_fts.rowid"      \
    SEARCH_JOIN " WHERE regulation_fts MATCH ?1" SEARCH_FILTER

/* the fallback when no term has a phrase (1-character queries): a substring scan */
#define SCAN_FROM " FROM regulation_articles a" SEARCH_JOIN " WHERE ?1 IS NULL" SEARCH_FILTER

static const char sql_fts_page[] = SEARCH_PAGE("SELECT a.id AS id, regulation_fts.rank AS"
    " rank" FTS_FROM " ORDER BY regulation_fts.rank, a.id LIMIT ?6 OFFSET ?7");
static const char sql_fts_count[] = "SELECT count(*)" FTS_FROM;

/* without filters and exact phrases (the usual search box) the index alone decides, with
 * no join per match; ?2..?5 are NULL / 0 then */
#define FTS_ONLY                                                                         \
    " FROM regulation_fts WHERE regulation_fts MATCH ?1 AND ?2 IS NULL AND ?3 IS NULL"   \
    " AND ?4 = 0 AND ?5 IS NULL"
static const char sql_index_page[] = SEARCH_PAGE("SELECT rowid AS id, rank AS rank" FTS_ONLY
    " ORDER BY rank, rowid LIMIT ?6 OFFSET ?7");
static const char sql_index_count[] = "SELECT count(*)" FTS_ONLY;
static const char sql_scan_page[] = SEARCH_PAGE("SELECT a.id AS id, 0.0 AS rank" SCAN_FROM
    " ORDER BY a.id LIMIT ?6 OFFSET ?7");
static const char sql_scan_count[] = "SELECT count(*)" SCAN_FROM;

static json_t *hit_json(struct db_stmt *st, const json_t *terms)
{
    char *snip = reg_snippet(db_col_text(st, 10), terms, REG_SNIPPET_WIDTH);
    json_t *o = snip ? json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:o, s:I, s:s, s:s, s:o,"
                                 " s:s, s:f}",
        "regulation_id", (json_int_t)db_col_int(st, 0), "title", db_col_text(st, 1),
        "level", db_col_text(st, 2), "version", (json_int_t)db_col_int(st, 3),
        "version_status", db_col_text(st, 4), "effective_from", db_col_text(st, 5),
        "effective_to", db_col_null(st, 6) ? json_null() : json_string(db_col_text(st, 6)),
        "article", (json_int_t)db_col_int(st, 7), "label", db_col_text(st, 8),
        "chapter", db_col_text(st, 9),
        "citation", citation(db_col_int(st, 0), db_col_int(st, 3), db_col_int(st, 7)),
        "snippet", snip, "rank", db_col_double(st, 11)) : NULL;
    free(snip);
    return o;
}

/* run_page: step the page statement into items */
static enum fz_err run_page(struct db *db, const char *sql, const struct reg_search_q *s,
                            const struct reg_query *q, const char *checks, int64_t limit,
                            int64_t offset, json_t *items)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db, sql, &st);
    if (rc)
        return rc;
    rc = db_bind_fmt(st, "tttitii", q->match, s->status, s->level, s->dept_id, checks,
                     limit, offset);
    bool row = false;
    while (!rc) {
        rc = db_step(st, &row);
        if (rc || !row)
            break;
        json_t *hit = hit_json(st, q->terms);
        if (!hit || json_array_append_new(items, hit))
            rc = FZ_ENOMEM;
    }
    db_finish(st);
    return rc;
}

enum fz_err reg_search(struct db *db, const struct reg_search_q *s, int64_t limit,
                       int64_t offset, json_t **items, int64_t *total)
{
    struct reg_query q;
    enum fz_err rc = reg_query_parse(s->q, &q);
    if (rc)
        return rc;
    json_t *out = json_array();
    char *checks = json_array_size(q.checks) ? json_dumps(q.checks, JSON_COMPACT) : NULL;
    *total = 0;
    if (!out || (json_array_size(q.checks) && !checks))
        rc = FZ_ENOMEM;
    bool any = json_array_size(q.terms) > 0;
    bool plain = !s->status && !s->level && !s->dept_id && !checks;
    const char *count = !q.match ? sql_scan_count : plain ? sql_index_count : sql_fts_count;
    const char *page = !q.match ? sql_scan_page : plain ? sql_index_page : sql_fts_page;
    if (!rc && any)
        rc = db_query_int(db, total, count, "tttit", q.match, s->status, s->level,
                          s->dept_id, checks);
    if (!rc && *total > offset)
        rc = run_page(db, page, s, &q, checks, limit, offset, out);
    free(checks);
    reg_query_free(&q);
    if (rc) {
        json_decref(out);
        return rc;
    }
    *items = out;
    return FZ_OK;
}
