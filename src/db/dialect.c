/* dialect.c - translates fazhi's SQL (SQLite dialect) to PostgreSQL's (see dialect.h for the
 * list). A small scanner, not a parser: it copies string literals, quoted names and comments
 * unchanged, rewrites placeholders and a fixed set of names, and for function calls finds
 * the matching parenthesis and the top-level arguments, translating each argument first. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "db/dialect.h"
#include "util/buf.h"

#define MAX_ARGS 64

struct tr {
    struct buf *out;
    int *maxparam;        /* highest $N written */
    int *seq;             /* last positional ? number */
    bool script;          /* migration script: column types too */
    bool ignore;          /* INSERT OR IGNORE seen in the current statement */
    char table[64];       /* INSERT INTO's table, to qualify upsert self-references */
    char target[64];      /* the column being assigned in ON CONFLICT … DO UPDATE SET */
    bool upsert;          /* inside DO UPDATE SET */
    int subs;             /* subquery aliases made up so far */
    int match;            /* N of `… MATCH ?N` in the statement (full-text search), or 0 */
    enum fz_err err;
};

static bool is_ident(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* skip_quoted: end of the literal/name/comment starting at s[i], or i when none starts. */
static size_t skip_quoted(const char *s, size_t n, size_t i)
{
    if (s[i] == '\'' || s[i] == '"') {
        char q = s[i];
        for (i++; i < n; i++)
            if (s[i] == q) {
                if (i + 1 < n && s[i + 1] == q)
                    i++;
                else
                    return i + 1;
            }
        return n;
    }
    if (s[i] == '$' && i + 1 < n && s[i + 1] == '$') {       /* PostgreSQL body $$…$$ */
        const char *e = NULL;
        for (size_t k = i + 2; k + 1 < n; k++)
            if (s[k] == '$' && s[k + 1] == '$') {
                e = s + k + 2;
                break;
            }
        return e ? (size_t)(e - s) : n;
    }
    if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
        while (i < n && s[i] != '\n')
            i++;
        return i;
    }
    if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
        const char *e = NULL;
        for (size_t k = i + 2; k + 1 < n; k++)
            if (s[k] == '*' && s[k + 1] == '/') {
                e = s + k + 2;
                break;
            }
        return e ? (size_t)(e - s) : n;
    }
    return i;
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    return i;
}

/* word_at: length of the identifier at s[i] (0 when none) */
static size_t word_at(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && is_ident(s[k]))
        k++;
    return k - i;
}

static bool word_is(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    return word_at(s, n, i) == l && strncasecmp(s + i, w, l) == 0;
}

/* call_args: s[open] is '('; fills arg spans and returns the index after ')' (0 if none) */
static size_t call_args(const char *s, size_t n, size_t open, size_t *as, size_t *ae,
                        int *nargs)
{
    int depth = 0, k = 0;
    size_t start = open + 1;
    for (size_t i = open; i < n;) {
        size_t j = skip_quoted(s, n, i);
        if (j != i) {
            i = j;
            continue;
        }
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0) {
            if (k >= MAX_ARGS)
                return 0;
            as[k] = start;
            ae[k++] = i;
            *nargs = k;
            if (k == 1 && skip_space(s, i, start) == i)   /* f() has no argument */
                *nargs = 0;
            return i + 1;
        } else if (s[i] == ',' && depth == 1) {
            if (k >= MAX_ARGS)
                return 0;
            as[k] = start;
            ae[k++] = i;
            start = i + 1;
        }
        i++;
    }
    return 0;
}

static void tr_span(struct tr *t, const char *s, size_t n);

static void emit(struct tr *t, const char *s)
{
    if (!t->err)
        t->err = buf_puts(t->out, s);
}

static void emitn(struct tr *t, const char *s, size_t n)
{
    if (!t->err)
        t->err = buf_append(t->out, s, n);
}

/* arg: one argument, translated, without the blanks around it */
static void arg(struct tr *t, const char *s, size_t a, size_t e)
{
    while (a < e && isspace((unsigned char)s[a]))
        a++;
    while (e > a && isspace((unsigned char)s[e - 1]))
        e--;
    tr_span(t, s + a, e - a);
}

static void args_joined(struct tr *t, const char *s, const size_t *as, const size_t *ae,
                        int from, int nargs)
{
    for (int k = from; k < nargs; k++) {
        if (k > from)
            emit(t, ", ");
        arg(t, s, as[k], ae[k]);
    }
}

/* literal_text: the content of a plain '...' literal spanning [a,e) into out (cap bytes) */
static bool literal_text(const char *s, size_t a, size_t e, char *out, size_t cap)
{
    while (a < e && isspace((unsigned char)s[a]))
        a++;
    while (e > a && isspace((unsigned char)s[e - 1]))
        e--;
    if (e - a < 2 || s[a] != '\'' || s[e - 1] != '\'' || e - a - 2 >= cap)
        return false;
    memcpy(out, s + a + 1, e - a - 2);
    out[e - a - 2] = 0;
    return strchr(out, '\'') == NULL;
}

static void fail(struct tr *t, const char *what, const char *s, size_t a, size_t e)
{
    fprintf(stderr, "db: no PostgreSQL translation for %s: %.*s\n", what, (int)(e - a), s + a);
    t->err = FZ_EINVAL;
}

/* time_arg: x as a timestamp; 'now' is the current time in UTC like SQLite's */
static void time_arg(struct tr *t, const char *s, size_t a, size_t e, bool date)
{
    char lit[64];
    if (literal_text(s, a, e, lit, sizeof lit) && strcmp(lit, "now") == 0) {
        emit(t, date ? "(now() AT TIME ZONE 'UTC')::date" : "(now() AT TIME ZONE 'UTC')");
        return;
    }
    emit(t, "(");
    arg(t, s, a, e);
    emit(t, date ? ")::date" : ")::timestamp");
}

static void fn_date(struct tr *t, const char *s, const size_t *as, const size_t *ae, int nargs)
{
    long days = 0;
    if (nargs == 2) {
        char lit[64];
        char *end = NULL;
        if (literal_text(s, as[1], ae[1], lit, sizeof lit))
            days = strtol(lit, &end, 10);
        while (end && *end == ' ')
            end++;
        if (!end || end == lit || (strcmp(end, "day") && strcmp(end, "days"))) {
            fail(t, "date modifier", s, as[1], ae[1]);
            return;
        }
    } else if (nargs != 1) {
        fail(t, "date()", s, as[0], ae[0]);
        return;
    }
    char tail[64];
    emit(t, "to_char(");
    time_arg(t, s, as[0], ae[0], true);
    snprintf(tail, sizeof tail, " + (%ld), 'YYYY-MM-DD')", days);
    emit(t, tail);
}

static void fn_strftime(struct tr *t, const char *s, const size_t *as, const size_t *ae,
                        int nargs)
{
    char fmt[128];
    if (nargs != 2 || !literal_text(s, as[0], ae[0], fmt, sizeof fmt)) {
        fail(t, "strftime()", s, as[0], ae[nargs ? nargs - 1 : 0]);
        return;
    }
    struct buf pat;
    buf_init(&pat, 0);
    bool quoted = false;
    for (const char *p = fmt; *p && !t->err; p++) {
        const char *code = NULL;
        if (*p == '%' && p[1]) {
            switch (p[1]) {
            case 'Y': code = "YYYY"; break;
            case 'm': code = "MM"; break;
            case 'd': code = "DD"; break;
            case 'H': code = "HH24"; break;
            case 'M': code = "MI"; break;
            case 'S': code = "SS"; break;
            default:
                fail(t, "strftime format", s, as[0], ae[0]);
                break;
            }
        }
        if (code) {
            if (quoted)
                buf_puts(&pat, "\"");
            quoted = false;
            buf_puts(&pat, code);
            p++;
        } else if (!t->err) {
            if (!quoted)
                buf_puts(&pat, "\"");
            quoted = true;
            buf_append(&pat, p, 1);
        }
    }
    if (quoted)
        buf_puts(&pat, "\"");
    emit(t, "to_char(");
    time_arg(t, s, as[1], ae[1], false);
    emit(t, ", '");
    emit(t, pat.data ? pat.data : "");
    emit(t, "')");
    buf_free(&pat);
}

static const char *const clause_words[] = { "where", "join", "left", "right", "full",
    "inner", "cross", "on", "order", "group", "limit", "offset", "union", "except",
    "intersect", "natural", "using", "having", "window", NULL };

/* json_each: a set-returning call whose rows have the column value, like SQLite's */
static size_t fn_json_each(struct tr *t, const char *s, size_t n, const size_t *as,
                           const size_t *ae, int nargs, size_t after)
{
    if (nargs != 1) {
        fail(t, "json_each()", s, as[0], ae[0]);
        return after;
    }
    emit(t, "json_array_elements_text((");
    arg(t, s, as[0], ae[0]);
    emit(t, ")::json)");
    size_t i = skip_space(s, n, after);
    if (word_is(s, n, i, "as"))
        i = skip_space(s, n, i + 2);
    size_t w = word_at(s, n, i);
    bool alias = w > 0;
    for (int k = 0; alias && clause_words[k]; k++)
        if (word_is(s, n, i, clause_words[k]))
            alias = false;
    emit(t, " AS ");
    if (alias) {
        emitn(t, s + i, w);
        after = i + w;
    } else {
        emit(t, "json_each");
    }
    emit(t, "(value)");
    return after;
}

/* is_condition: the expression s[a,e) is a comparison or a logical expression at its top
 * level (outside parentheses and CASE … END), i.e. SQLite gives it 0/1 and PostgreSQL a
 * boolean */
static bool is_condition(const char *s, size_t a, size_t e)
{
    static const char *const words[] = { "is", "in", "like", "between", "and", "or", "not",
                                         "exists", NULL };
    int depth = 0, cases = 0;
    for (size_t i = a; i < e;) {
        size_t j = skip_quoted(s, e, i);
        if (j != i) {
            i = j;
            continue;
        }
        char c = s[i];
        if (c == '(' || c == ')') {
            depth += c == '(' ? 1 : -1;
            i++;
            continue;
        }
        if (is_ident(c) && (i == a || !is_ident(s[i - 1]))) {
            size_t w = word_at(s, e, i);
            if (depth == 0 && word_is(s, e, i, "case"))
                cases++;
            else if (depth == 0 && word_is(s, e, i, "end") && cases)
                cases--;
            else if (depth == 0 && !cases)
                for (int k = 0; words[k]; k++)
                    if (word_is(s, e, i, words[k]))
                        return true;
            i += w ? w : 1;
            continue;
        }
        if (depth == 0 && !cases && (c == '=' || c == '<' || c == '>' ||
                                      (c == '!' && i + 1 < e && s[i + 1] == '=')))
            return true;
        i++;
    }
    return false;
}

/* call: s[name..open) is a known function name and s[open] its '('; returns the index
 * after the call, or 0 when the name is not one we translate. */
static size_t call(struct tr *t, const char *s, size_t n, size_t name, size_t len,
                   size_t open)
{
    size_t as[MAX_ARGS], ae[MAX_ARGS];
    int nargs = 0;
    size_t end = call_args(s, n, open, as, ae, &nargs);
    if (!end)
        return 0;
#define IS(w) (len == strlen(w) && strncasecmp(s + name, w, len) == 0)
    if (IS("json_group_array")) {
        emit(t, "coalesce(json_agg(");
        args_joined(t, s, as, ae, 0, nargs);
        emit(t, "), '[]'::json)");
    } else if (IS("json_object") || IS("json_array")) {
        emit(t, IS("json_object") ? "json_build_object(" : "json_build_array(");
        args_joined(t, s, as, ae, 0, nargs);
        emit(t, ")");
    } else if (IS("group_concat")) {
        emit(t, "string_agg((");
        arg(t, s, as[0], ae[0]);
        emit(t, ")::text, ");
        if (nargs > 1)
            arg(t, s, as[1], ae[1]);
        else
            emit(t, "','");
        emit(t, ")");
    } else if (IS("ifnull") || IS("instr")) {
        emit(t, IS("ifnull") ? "coalesce(" : "strpos(");
        args_joined(t, s, as, ae, 0, nargs);
        emit(t, ")");
    } else if ((IS("max") || IS("min")) && nargs >= 2) {
        emit(t, IS("max") ? "greatest(" : "least(");
        args_joined(t, s, as, ae, 0, nargs);
        emit(t, ")");
    } else if (IS("sum") && nargs == 1 && is_condition(s, as[0], ae[0])) {
        /* sum(a = b) counts rows where it holds, NULL comparisons left out as in SQLite */
        emit(t, "sum(CASE WHEN ");
        arg(t, s, as[0], ae[0]);
        emit(t, " THEN 1 WHEN NOT (");
        arg(t, s, as[0], ae[0]);
        emit(t, ") THEN 0 END)");
    } else if (IS("json_array_length")) {       /* SQLite's JSON is text */
        emit(t, "json_array_length((");
        args_joined(t, s, as, ae, 0, nargs);
        emit(t, ")::json)");
    } else if (IS("char")) {                    /* char(10, 10) -> chr(10) || chr(10) */
        for (int k = 0; k < nargs; k++) {
            emit(t, k ? " || chr(" : "chr(");
            arg(t, s, as[k], ae[k]);
            emit(t, ")");
        }
    } else if (IS("date")) {
        fn_date(t, s, as, ae, nargs);
    } else if (IS("strftime")) {
        fn_strftime(t, s, as, ae, nargs);
    } else if (IS("json_each")) {
        return fn_json_each(t, s, n, as, ae, nargs, end);
    } else {
        return 0;
    }
#undef IS
    return end;
}

/* subquery: after FROM or JOIN at s[i] (length w), a parenthesised SELECT without an alias
 * gets one (PostgreSQL 15 requires it); returns the index after what was emitted, or 0 */
static size_t subquery(struct tr *t, const char *s, size_t n, size_t i, size_t w)
{
    if (!word_is(s, n, i, "from") && !word_is(s, n, i, "join"))
        return 0;
    size_t open = skip_space(s, n, i + w);
    if (open >= n || s[open] != '(')
        return 0;
    size_t in = skip_space(s, n, open + 1);
    if (!word_is(s, n, in, "select") && !word_is(s, n, in, "with"))
        return 0;
    size_t as[MAX_ARGS], ae[MAX_ARGS];
    int nargs = 0;
    size_t end = call_args(s, n, open, as, ae, &nargs);
    if (!end)
        return 0;
    emitn(t, s + i, open - i);
    emit(t, "(");
    arg(t, s, open + 1, end - 1);
    emit(t, ")");
    size_t k = skip_space(s, n, end);
    bool alias = word_at(s, n, k) > 0;
    for (int x = 0; alias && clause_words[x]; x++)
        if (word_is(s, n, k, clause_words[x]))
            alias = false;
    if (!alias) {
        char a[32];
        snprintf(a, sizeof a, " AS fz_sub%d", ++t->subs);
        emit(t, a);
    }
    return end;
}

/* keyword: rewrite a bare word at s[i] (length w); returns the index after what was
 * consumed, or 0 to copy the word unchanged. */
static size_t keyword(struct tr *t, const char *s, size_t n, size_t i, size_t w)
{
    if (word_is(s, n, i, "match")) {          /* fts MATCH ?N -> fts.tsv @@ query */
        size_t j = skip_space(s, n, i + w);
        if (!t->match || j >= n || s[j] != '?') {
            fail(t, "MATCH", s, i, j);
            return j;
        }
        while (t->out->len && t->out->data[t->out->len - 1] == ' ')
            t->out->data[--t->out->len] = 0;
        char q[64];
        snprintf(q, sizeof q, ".tsv @@ fz_fts_query($%d)", t->match);
        emit(t, q);
        j++;
        while (j < n && isdigit((unsigned char)s[j]))
            j++;
        return j;
    }
    if (t->match && word_is(s, n, i, "rank") &&
        !(t->out->len >= 3 && strncasecmp(t->out->data + t->out->len - 3, "AS ", 3) == 0)) {
        char q[96];                            /* FTS5's rank: lower is better */
        snprintf(q, sizeof q, "(-ts_rank(regulation_fts.tsv, fz_fts_query($%d)))", t->match);
        emit(t, q);
        return i + w;
    }
    if (word_is(s, n, i, "limit")) {          /* LIMIT -1 is SQLite's "no limit" */
        size_t j = skip_space(s, n, i + w);
        size_t k = j;
        if (k < n && (s[k] == '?' || s[k] == '-'))
            k++;
        while (k < n && isdigit((unsigned char)s[k]))
            k++;
        if (k == j || (k == j + 1 && s[j] == '-'))
            return 0;
        emit(t, "LIMIT nullif(");
        tr_span(t, s + j, k - j);
        emit(t, ", -1)");
        return k;
    }
    if (word_is(s, n, i, "like")) {
        emit(t, "ILIKE");
        return i + w;
    }
    if (word_is(s, n, i, "insert")) {
        size_t j = skip_space(s, n, i + w);
        size_t into = word_is(s, n, j, "into") ? skip_space(s, n, j + 4) : 0;
        size_t tl = into ? word_at(s, n, into) : 0;
        if (tl && tl < sizeof t->table)
            snprintf(t->table, sizeof t->table, "%.*s", (int)tl, s + into);
        if (word_is(s, n, j, "or")) {
            size_t k = skip_space(s, n, j + 2);
            if (word_is(s, n, k, "ignore")) {
                t->ignore = true;
                emit(t, "INSERT");
                return k + 6;
            }
            fail(t, "INSERT OR", s, i, k + word_at(s, n, k));
            return k;
        }
        return 0;
    }
    if (word_is(s, n, i, "do")) {            /* ON CONFLICT … DO UPDATE SET */
        size_t j = skip_space(s, n, i + 2);
        size_t k = word_is(s, n, j, "update") ? skip_space(s, n, j + 6) : 0;
        if (k && word_is(s, n, k, "set")) {
            t->upsert = true;
            emit(t, "DO UPDATE SET");
            return k + 3;
        }
        return 0;
    }
    if (t->upsert && t->table[0]) {          /* SET last = last + 1: PostgreSQL needs */
        size_t j = skip_space(s, n, i + w);  /* the table's name on the old value    */
        if (j < n && s[j] == '=' && (j + 1 >= n || s[j + 1] != '=')) {
            snprintf(t->target, sizeof t->target, "%.*s", (int)w, s + i);
        } else if (t->target[0] && word_is(s, n, i, t->target)) {
            emit(t, t->table);
            emit(t, ".");
            emitn(t, s + i, w);
            return i + w;
        }
    }
    if (word_is(s, n, i, "is")) {
        size_t j = skip_space(s, n, i + 2);
        bool neg = word_is(s, n, j, "not");
        size_t k = neg ? skip_space(s, n, j + 3) : j;
        static const char *const keep[] = { "null", "true", "false", "distinct", "unknown",
                                            NULL };
        for (int x = 0; keep[x]; x++)
            if (word_is(s, n, k, keep[x]))
                return 0;
        emit(t, neg ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ");
        return k;
    }
    if (!t->script)
        return 0;
    if (word_is(s, n, i, "integer")) {
        size_t j = skip_space(s, n, i + w);
        if (word_is(s, n, j, "primary")) {
            size_t k = skip_space(s, n, j + 7);
            if (word_is(s, n, k, "key")) {
                size_t m = skip_space(s, n, k + 3);
                emit(t, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
                return word_is(s, n, m, "autoincrement") ? m + 13 : k + 3;
            }
        }
        emit(t, "BIGINT");
        return i + w;
    }
    if (word_is(s, n, i, "real")) {
        emit(t, "DOUBLE PRECISION");
        return i + w;
    }
    if (word_is(s, n, i, "blob")) {
        emit(t, "BYTEA");
        return i + w;
    }
    if (word_is(s, n, i, "without")) {
        size_t j = skip_space(s, n, i + w);
        if (word_is(s, n, j, "rowid"))
            return j + 5;
    }
    return 0;
}

static void end_statement(struct tr *t)
{
    if (t->ignore)
        emit(t, " ON CONFLICT DO NOTHING");
    t->ignore = false;
    t->upsert = false;
    t->table[0] = t->target[0] = 0;
}

static void tr_span(struct tr *t, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !t->err) {
        size_t j = skip_quoted(s, n, i);
        if (j != i) {
            emitn(t, s + i, j - i);
            i = j;
            continue;
        }
        char c = s[i];
        if (c == '?') {
            size_t k = i + 1;
            int num = 0;
            while (k < n && isdigit((unsigned char)s[k]))
                num = num * 10 + (s[k++] - '0');
            if (k == i + 1)
                num = ++*t->seq;
            char p[16];
            snprintf(p, sizeof p, "$%d", num);
            emit(t, p);
            if (num > *t->maxparam)
                *t->maxparam = num;
            i = k;
            continue;
        }
        if ((c == 'x' || c == 'X') && i + 1 < n && s[i + 1] == '\'' &&
            (i == 0 || !is_ident(s[i - 1]))) {       /* X'0a1b' blob -> '\x0a1b'::bytea */
            size_t e = skip_quoted(s, n, i + 1);
            emit(t, "'\\x");
            emitn(t, s + i + 2, e - i - 3);
            emit(t, "'::bytea");
            i = e;
            continue;
        }
        if (c == ';') {
            end_statement(t);
            emit(t, ";");
            i++;
            continue;
        }
        if (is_ident(c) && !isdigit((unsigned char)c) && (i == 0 || !is_ident(s[i - 1]))) {
            size_t w = word_at(s, n, i);
            bool qualified = i > 0 && s[i - 1] == '.';
            if (qualified && t->match && word_is(s, n, i, "rank") && i >= 15 &&
                strncmp(s + i - 15, "regulation_fts", 14) == 0) {
                char q[96];
                t->out->len -= 15;             /* drop "regulation_fts." already written */
                snprintf(q, sizeof q, "(-ts_rank(regulation_fts.tsv, fz_fts_query($%d)))",
                         t->match);
                emit(t, q);
                i += w;
                continue;
            }
            /* x.rowid (insertion order) -> x.ctid; the full-text table has a real rowid */
            if (qualified && word_is(s, n, i, "rowid") &&
                !(i >= 15 && strncmp(s + i - 15, "regulation_fts", 14) == 0)) {
                emit(t, "ctid");
                i += w;
                continue;
            }
            size_t open = skip_space(s, n, i + w);
            size_t next = 0;
            if (!qualified && open < n && s[open] == '(')
                next = call(t, s, n, i, w, open);
            if (!next && !qualified)
                next = subquery(t, s, n, i, w);
            if (!next && !qualified)
                next = keyword(t, s, n, i, w);
            if (next) {
                i = next;
            } else {
                emitn(t, s + i, w);
                i += w;
            }
            continue;
        }
        emitn(t, s + i, 1);
        i++;
    }
}

static enum fz_err run(const char *sql, bool script, char **out, int *nparams)
{
    struct buf b;
    buf_init(&b, 0);
    int maxparam = 0, seq = 0;
    struct tr t = { .out = &b, .maxparam = &maxparam, .seq = &seq, .script = script };
    const char *m = strstr(sql, " MATCH ?");
    if (m)
        t.match = (int)strtol(m + 8, NULL, 10);
    tr_span(&t, sql, strlen(sql));
    end_statement(&t);
    if (!t.err && !b.data)
        t.err = buf_puts(&b, "");
    if (t.err) {
        buf_free(&b);
        return t.err;
    }
    *out = buf_take(&b);
    if (nparams)
        *nparams = maxparam;
    return *out ? FZ_OK : FZ_ENOMEM;
}

enum fz_err dialect_pg(const char *sql, char **out, int *nparams)
{
    return run(sql, false, out, nparams);
}

/* overrides: replace each `-- @sqlite … -- @postgres <comment> -- @end` block by the text
 * inside the comment */
static enum fz_err overrides(const char *sql, char **out)
{
    struct buf b;
    buf_init(&b, 0);
    enum fz_err rc = FZ_OK;
    const char *p = sql;
    for (;;) {
        const char *a = strstr(p, "-- @sqlite");
        if (!a) {
            rc = buf_puts(&b, p);
            break;
        }
        const char *m = strstr(a, "-- @postgres");
        const char *c1 = m ? strstr(m, "/*") : NULL;
        const char *c2 = c1 ? strstr(c1 + 2, "*/") : NULL;
        const char *e = c2 ? strstr(c2, "-- @end") : NULL;
        if (!e) {
            fprintf(stderr, "db: migration block -- @sqlite without -- @postgres /* */ -- @end\n");
            rc = FZ_EINVAL;
            break;
        }
        rc = buf_append(&b, p, (size_t)(a - p));
        if (!rc)
            rc = buf_puts(&b, "-- @postgres-begin\n");
        if (!rc)
            rc = buf_append(&b, c1 + 2, (size_t)(c2 - c1 - 2));
        if (!rc)
            rc = buf_puts(&b, "\n-- @postgres-end");
        if (rc)
            break;
        p = e + strlen("-- @end");
    }
    if (!rc && !b.data)
        rc = buf_puts(&b, "");
    if (rc) {
        buf_free(&b);
        return rc;
    }
    *out = buf_take(&b);
    return *out ? FZ_OK : FZ_ENOMEM;
}

enum fz_err dialect_pg_script(const char *sql, char **out)
{
    char *plain = NULL;
    enum fz_err rc = overrides(sql, &plain);
    if (rc)
        return rc;
    /* the PostgreSQL blocks are written for PostgreSQL: translate only around them */
    struct buf b;
    buf_init(&b, 0);
    const char *p = plain;
    while (!rc && *p) {
        const char *a = strstr(p, "-- @postgres-begin\n");
        char *part = NULL;
        size_t n = a ? (size_t)(a - p) : strlen(p);
        char *chunk = strndup(p, n);
        rc = chunk ? run(chunk, true, &part, NULL) : FZ_ENOMEM;
        free(chunk);
        if (!rc)
            rc = buf_puts(&b, part);
        free(part);
        if (rc || !a)
            break;
        const char *e = strstr(a, "\n-- @postgres-end");
        if (!e) {
            rc = FZ_EINTERNAL;
            break;
        }
        rc = buf_append(&b, a, (size_t)(e - a));
        p = e + strlen("\n-- @postgres-end");
    }
    free(plain);
    if (!rc && !b.data)
        rc = buf_puts(&b, "");
    if (rc) {
        buf_free(&b);
        return rc;
    }
    *out = buf_take(&b);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* fz_fts_query: FTS5's query text as regulations.c writes it ("a b c" AND "d e": phrases
 * of bigrams, letters and digits, never operators from users) as a tsquery over the same
 * tokens, which regulation_fts keeps in tsv = to_tsvector('simple', terms) */
const char dialect_pg_prelude[] =
    "CREATE OR REPLACE FUNCTION fz_fts_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE"
    " AS $$ SELECT to_tsquery('simple', coalesce(string_agg('(' || array_to_string("
    " regexp_split_to_array(trim(replace(p[1], U&'\\E000', ' fzbrk ')), '\\s+'), ' <-> ')"
    " || ')', ' & '), ''))"
    " FROM regexp_matches(q, '\"([^\"]+)\"', 'g') AS p $$;"
    "CREATE OR REPLACE FUNCTION fz_bool_add(bigint, boolean) RETURNS bigint"
    " LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, 0) + CASE WHEN $2 THEN 1 ELSE 0 END';"
    "CREATE OR REPLACE AGGREGATE sum(boolean) (sfunc = fz_bool_add, stype = bigint);"
    "CREATE OR REPLACE FUNCTION round(double precision, int) RETURNS double precision"
    " LANGUAGE sql IMMUTABLE AS 'SELECT pg_catalog.round($1::numeric, $2)::double precision';";

const char dialect_pg_sync_ids[] =
    "DO $$ DECLARE r record; m bigint; BEGIN"
    " FOR r IN SELECT table_name, column_name FROM information_schema.columns"
    "  WHERE is_identity = 'YES' AND table_schema = current_schema() LOOP"
    "  EXECUTE format('SELECT max(%I) FROM %I', r.column_name, r.table_name) INTO m;"
    "  IF m IS NOT NULL THEN PERFORM setval(pg_get_serial_sequence(quote_ident(r.table_name),"
    "   r.column_name), m); END IF;"
    " END LOOP; END $$";
