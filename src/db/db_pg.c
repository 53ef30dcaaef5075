/* db_pg.c - PostgreSQL backend of the data-access layer (backend.h; contract in db.h),
 * through libpq. Statements are translated once by dialect.c and prepared lazily at their
 * first execution, so that the parameter types PostgreSQL cannot infer (`$1 IS NULL`) come
 * from what was bound: integers int8, reals float8, text and NULL left to inference (or
 * text when PostgreSQL cannot infer them). Results are read in text format and typed from
 * the column's type (int2/4/8, oid and bool -> integer, float4/8 and numeric -> real or
 * integer, bytea -> blob, the rest text), so rows come out as they do from SQLite.
 * SQLite semantics kept: a failed statement inside a transaction does not abort the
 * transaction (each write runs under a savepoint); a write transaction takes one
 * cluster-wide advisory lock at BEGIN, like SQLite's BEGIN IMMEDIATE, so the audit log's
 * appends and the document-number sequences stay one ordered sequence across servers.
 * A lost connection (failover) is re-established at the next statement outside a
 * transaction; the statements are prepared again on the new connection. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <libpq-fe.h>
#include "db/backend.h"
#include "db/dialect.h"

#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define TEXTOID 25
#define OIDOID 26
#define BOOLOID 16
#define BYTEAOID 17
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700

/* the advisory lock every write transaction holds (any fixed number; "fazhi" in ASCII) */
#define WRITE_LOCK "SELECT pg_advisory_xact_lock(439788251241)"

struct pg {
    PGconn *c;
    int64_t changes;
    unsigned generation;       /* bumped on reconnect: statements prepare again */
    unsigned next_name;
    bool unsure;               /* a notice said the last commit may not be replicated */
    char err[512];
};

/* on_notice: PostgreSQL's warnings. One matters: a COMMIT whose wait for the synchronous
 * standby was cancelled is reported as done with a WARNING, yet it may exist only on a
 * primary that is about to be lost - fazhi must not acknowledge that write. */
static void on_notice(void *arg, const PGresult *r)
{
    struct pg *p = arg;
    const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char *d = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
    if ((m && strstr(m, "synchronous replication")) ||
        (d && strstr(d, "committed locally but might not have been replicated")))
        p->unsure = true;
}

struct pgst {
    char *sql;                 /* translated */
    char name[24];
    int nparams;
    unsigned generation;       /* prepared on this connection generation; 0 = not yet */
    char **vals;
    int *lens, *fmts;
    Oid *types;
    bool write;                /* INSERT/UPDATE/DELETE: runs under a savepoint in a tx */
    PGresult *res;
    int row, nrows;
    unsigned char *blob;       /* last unescaped bytea */
};

#define P(db) ((struct pg *)(db)->h)
#define ST(st) ((struct pgst *)(st)->h)

static void set_err(struct pg *p, const char *msg)
{
    snprintf(p->err, sizeof p->err, "%s", msg ? msg : "");
    size_t n = strlen(p->err);
    while (n && (p->err[n - 1] == '\n' || p->err[n - 1] == ' '))
        p->err[--n] = 0;
}

/* map: SQLSTATE to fz_err: integrity violations are conflicts, like SQLite's constraint */
static enum fz_err map_state(const PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (!state)
        return FZ_EIO;
    if (strncmp(state, "23", 2) == 0)
        return FZ_ECONFLICT;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
        strcmp(state, "55P03") == 0)
        return FZ_EBUSY;
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
        return FZ_EIO;
    if (strcmp(state, "54000") == 0)
        return FZ_ETOOLARGE;
    return FZ_EDB;
}

static bool ok_status(const PGresult *r)
{
    ExecStatusType s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

/* simple: run a parameterless command; logs and maps failures */
static enum fz_err simple(struct db *db, const char *sql, bool quiet)
{
    struct pg *p = P(db);
    PGresult *r = PQexec(p->c, sql);
    enum fz_err rc = FZ_OK;
    if (!ok_status(r)) {
        rc = map_state(r);
        set_err(p, PQerrorMessage(p->c));
        if (!quiet)
            fprintf(stderr, "db: %.60s failed: %s\n", sql, p->err);
    }
    PQclear(r);
    return rc;
}

static enum fz_err pg_open(struct db *db, const char *uri, bool readonly)
{
    struct pg *p = calloc(1, sizeof *p);
    if (!p)
        return FZ_ENOMEM;
    db->h = p;
    p->c = PQconnectdb(uri);
    if (!p->c || PQstatus(p->c) != CONNECTION_OK) {
        fprintf(stderr, "db: cannot connect to PostgreSQL: %s",
                p->c ? PQerrorMessage(p->c) : "out of memory\n");
        return FZ_EIO;
    }
    p->generation = 1;
    PQsetNoticeReceiver(p->c, on_notice, p);
    /* UTC timestamps like SQLite's 'now'; errors in English for the log; quiet notices */
    enum fz_err rc = simple(db, "SET TIME ZONE 'UTC'; SET client_min_messages = warning;"
                                "SET lc_messages = 'C'", true);
    if (rc)
        rc = simple(db, "SET TIME ZONE 'UTC'; SET client_min_messages = warning", false);
    if (!rc && readonly)
        rc = simple(db, "SET default_transaction_read_only = on", false);
    return rc;
}

static void pg_close(struct db *db)
{
    struct pg *p = P(db);
    PQfinish(p->c);
    free(p);
}

static const char *pg_errmsg(struct db *db)
{
    struct pg *p = P(db);
    return p->err[0] ? p->err : PQerrorMessage(p->c);
}

/* reconnect: after a lost connection (failover), outside a transaction only */
static bool reconnect(struct db *db)
{
    struct pg *p = P(db);
    if (PQstatus(p->c) == CONNECTION_OK || db->in_tx)
        return false;
    for (int attempt = 0; attempt < 30; attempt++) {
        PQreset(p->c);
        if (PQstatus(p->c) == CONNECTION_OK) {
            p->generation++;
            simple(db, "SET TIME ZONE 'UTC'; SET client_min_messages = warning", true);
            fprintf(stderr, "db: reconnected to PostgreSQL\n");
            return true;
        }
        struct timespec ts = { 0, 500 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    return false;
}

static enum fz_err pg_exec(struct db *db, const char *sql)
{
    if (PQstatus(P(db)->c) != CONNECTION_OK)
        reconnect(db);
    /* scripts (migrations) are written in SQLite's dialect too */
    char *t = NULL;
    enum fz_err rc = dialect_pg_script(sql, &t);
    if (rc)
        return rc;
    rc = simple(db, t, false);
    free(t);
    return rc;
}

static bool starts_with_word(const char *s, const char *w)
{
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '(')
        s++;
    size_t n = strlen(w);
    return strncasecmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\n' || s[n] == '\t');
}

static void clear_result(struct pgst *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
    PQfreemem(s->blob);
    s->blob = NULL;
}

static void clear_binds(struct pgst *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->vals[i]);
        s->vals[i] = NULL;
        s->lens[i] = 0;
        s->fmts[i] = 0;
        s->types[i] = 0;
    }
}

static enum fz_err pg_prepare(struct db *db, struct db_stmt *st)
{
    struct pgst *s = calloc(1, sizeof *s);
    if (!s)
        return FZ_ENOMEM;
    enum fz_err rc = dialect_pg(st->sql, &s->sql, &s->nparams);
    if (rc) {
        free(s);
        return rc;
    }
    int n = s->nparams ? s->nparams : 1;
    s->vals = calloc((size_t)n, sizeof *s->vals);
    s->lens = calloc((size_t)n, sizeof *s->lens);
    s->fmts = calloc((size_t)n, sizeof *s->fmts);
    s->types = calloc((size_t)n, sizeof *s->types);
    if (!s->vals || !s->lens || !s->fmts || !s->types) {
        free(s->vals);
        free(s->lens);
        free(s->fmts);
        free(s->types);
        free(s->sql);
        free(s);
        return FZ_ENOMEM;
    }
    snprintf(s->name, sizeof s->name, "fz%u", ++P(db)->next_name);
    s->write = starts_with_word(s->sql, "insert") || starts_with_word(s->sql, "update") ||
               starts_with_word(s->sql, "delete") || starts_with_word(s->sql, "with");
    s->row = -1;
    st->h = s;
    return FZ_OK;
}

static void pg_finalize(struct db_stmt *st)
{
    struct pgst *s = ST(st);
    struct pg *p = P(st->db);
    if (s->generation == p->generation && PQstatus(p->c) == CONNECTION_OK) {
        char q[64];
        snprintf(q, sizeof q, "DEALLOCATE %s", s->name);
        PQclear(PQexec(p->c, q));
    }
    clear_result(s);
    clear_binds(s);
    free(s->vals);
    free(s->lens);
    free(s->fmts);
    free(s->types);
    free(s->sql);
    free(s);
}

static void pg_reset(struct db_stmt *st)
{
    clear_result(ST(st));
    clear_binds(ST(st));
}

static enum fz_err set_param(struct db_stmt *st, int i, char *v, int len, int fmt, Oid type)
{
    struct pgst *s = ST(st);
    if (i < 1 || i > s->nparams) {
        free(v);
        fprintf(stderr, "db: bind %d out of range (%d parameters)\n", i, s->nparams);
        return FZ_EINTERNAL;
    }
    free(s->vals[i - 1]);
    s->vals[i - 1] = v;
    s->lens[i - 1] = len;
    s->fmts[i - 1] = fmt;
    s->types[i - 1] = type;
    return FZ_OK;
}

static enum fz_err pg_bind_int(struct db_stmt *st, int i, int64_t v)
{
    char *t = NULL;
    if (asprintf(&t, "%lld", (long long)v) < 0)
        return FZ_ENOMEM;
    return set_param(st, i, t, 0, 0, INT8OID);
}

static enum fz_err pg_bind_double(struct db_stmt *st, int i, double v)
{
    char *t = NULL;
    if (asprintf(&t, "%.17g", v) < 0)
        return FZ_ENOMEM;
    return set_param(st, i, t, 0, 0, FLOAT8OID);
}

static enum fz_err pg_bind_text(struct db_stmt *st, int i, const char *v)
{
    char *t = strdup(v);
    if (!t)
        return FZ_ENOMEM;
    return set_param(st, i, t, 0, 0, 0);
}

static enum fz_err pg_bind_blob(struct db_stmt *st, int i, const void *v, size_t n)
{
    char *t = malloc(n ? n : 1);
    if (!t)
        return FZ_ENOMEM;
    memcpy(t, v, n);
    return set_param(st, i, t, (int)n, 1, BYTEAOID);
}

static enum fz_err pg_bind_null(struct db_stmt *st, int i)
{
    return set_param(st, i, NULL, 0, 0, 0);
}

/* savepoint: statement-level atomicity inside a transaction, as SQLite gives it */
static enum fz_err savepoint(struct db *db, const char *verb)
{
    char q[64];
    snprintf(q, sizeof q, "%s fz_stmt", verb);
    return simple(db, q, false);
}

/* probe_sql: the statement with every `$N IS [NOT] NULL` replaced by TRUE. PostgreSQL
 * types a parameter from its first use, and `$N IS NULL` (SQLite's optional-filter idiom)
 * types nothing; without those tests the other uses decide. */
static char *probe_sql(const char *sql)
{
    char *out = strdup(sql);
    if (!out)
        return NULL;
    char *w = out;
    for (const char *r = sql; *r;) {
        if (*r == '$' && r[1] >= '0' && r[1] <= '9') {
            const char *e = r + 1;
            while (*e >= '0' && *e <= '9')
                e++;
            const char *k = e;
            while (*k == ' ')
                k++;
            if (strncasecmp(k, "IS ", 3) == 0) {
                k += 3;
                while (*k == ' ')
                    k++;
                if (strncasecmp(k, "NOT ", 4) == 0)
                    k += 4;
                while (*k == ' ')
                    k++;
                if (strncasecmp(k, "NULL", 4) == 0 &&
                    !(k[4] == '_' || isalnum((unsigned char)k[4]))) {
                    memcpy(w, "TRUE", 4);
                    w += 4;
                    r = k + 4;
                    continue;
                }
            }
        }
        *w++ = *r++;
    }
    *w = 0;
    return out;
}

/* param_named: N of "… parameter $N" in PostgreSQL's message, or 0 */
static int param_named(const PGresult *r)
{
    const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char *d = m ? strstr(m, "parameter $") : NULL;
    return d ? (int)strtol(d + 11, NULL, 10) : 0;
}

/* infer_types: prepare the probe until PostgreSQL types every parameter, then read the
 * types it chose. Integers and reals start typed as bound (int8, float8: `SELECT $2` in a
 * CTE), the rest untyped; a parameter PostgreSQL cannot type gets its bound type or text;
 * when an integer meets a text column (no operator), the integers go untyped. */
static void infer_types(struct db_stmt *st, Oid *types)
{
    struct pgst *s = ST(st);
    struct pg *p = P(st->db);
    char *probe = probe_sql(s->sql);
    if (!probe)
        return;
    char name[32];
    snprintf(name, sizeof name, "%sp", s->name);
    for (int i = 0; i < s->nparams; i++)
        if (s->types[i] == INT8OID || s->types[i] == FLOAT8OID)
            types[i] = s->types[i];
    bool untyped_ints = false;
    for (int attempt = 0; attempt <= s->nparams + 1; attempt++) {
        PGresult *r = PQprepare(p->c, name, probe, s->nparams, types);
        if (PQresultStatus(r) == PGRES_COMMAND_OK) {
            PQclear(r);
            r = PQdescribePrepared(p->c, name);
            if (PQresultStatus(r) == PGRES_COMMAND_OK)
                for (int i = 0; i < s->nparams && i < PQnparams(r); i++)
                    types[i] = PQparamtype(r, i);
            PQclear(r);
            char q[48];
            snprintf(q, sizeof q, "DEALLOCATE %s", name);
            PQclear(PQexec(p->c, q));
            break;
        }
        char state[8] = "";
        if (PQresultErrorField(r, PG_DIAG_SQLSTATE))
            snprintf(state, sizeof state, "%s", PQresultErrorField(r, PG_DIAG_SQLSTATE));
        int n = strcmp(state, "42P18") == 0 ? param_named(r) : 0;
        PQclear(r);
        if (st->db->in_tx) {             /* the failed prepare aborted the savepoint */
            savepoint(st->db, "ROLLBACK TO SAVEPOINT");
            savepoint(st->db, "SAVEPOINT");
        }
        if (n >= 1 && n <= s->nparams && !types[n - 1]) {
            types[n - 1] = s->types[n - 1] ? s->types[n - 1] : TEXTOID;
        } else if ((strcmp(state, "42883") == 0 || strcmp(state, "42804") == 0) &&
                   !untyped_ints) {
            untyped_ints = true;
            for (int i = 0; i < s->nparams; i++)
                if (types[i] == INT8OID || types[i] == FLOAT8OID)
                    types[i] = 0;
        } else {
            break;
        }
    }
    free(probe);
}

/* prepare_now: prepare on this connection with the parameter types PostgreSQL infers
 * (blobs are bound in binary and always bytea) */
static enum fz_err prepare_now(struct db_stmt *st)
{
    struct pgst *s = ST(st);
    struct pg *p = P(st->db);
    Oid types[s->nparams ? s->nparams : 1];
    for (int i = 0; i < s->nparams; i++)
        types[i] = s->types[i] == BYTEAOID ? BYTEAOID : 0;
    bool tx = st->db->in_tx;
    if (tx && savepoint(st->db, "SAVEPOINT"))
        return FZ_EIO;
    infer_types(st, types);
    PGresult *r = PQprepare(p->c, s->name, s->sql, s->nparams, types);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    enum fz_err rc = ok ? FZ_OK : map_state(r);
    if (!ok)
        set_err(p, PQerrorMessage(p->c));
    PQclear(r);
    if (tx)
        savepoint(st->db, ok ? "RELEASE SAVEPOINT" : "ROLLBACK TO SAVEPOINT");
    if (ok) {
        s->generation = p->generation;
        return FZ_OK;
    }
    fprintf(stderr, "db: prepare failed: %s\n  sql: %s\n", p->err, s->sql);
    return rc;
}

/* in_savepoint: SAVEPOINT, the statement (prepared st, or sql) and RELEASE in one round
 * trip (libpq's pipeline mode); returns the statement's result. When it fails the RELEASE
 * is skipped and the caller rolls back to the savepoint. */
static PGresult *in_savepoint(struct db *db, struct db_stmt *st, const char *sql)
{
    PGconn *c = P(db)->c;
    if (!PQenterPipelineMode(c))
        return NULL;
    struct pgst *s = st ? ST(st) : NULL;
    bool sent = PQsendQueryParams(c, "SAVEPOINT fz_stmt", 0, NULL, NULL, NULL, NULL, 0) &&
                (s ? PQsendQueryPrepared(c, s->name, s->nparams, (const char *const *)s->vals,
                                         s->lens, s->fmts, 0)
                   : PQsendQueryParams(c, sql, 0, NULL, NULL, NULL, NULL, 0)) &&
                PQsendQueryParams(c, "RELEASE SAVEPOINT fz_stmt", 0, NULL, NULL, NULL, NULL,
                                  0) &&
                PQpipelineSync(c);
    PGresult *out = NULL;
    /* three commands, each ending with a NULL result, then the sync */
    for (int cmd = 0; sent && cmd < 3; cmd++) {
        PGresult *r;
        while ((r = PQgetResult(c)) != NULL) {
            if (cmd == 1 && !out)
                out = r;
            else
                PQclear(r);
        }
    }
    PGresult *r;
    while (sent && (r = PQgetResult(c)) != NULL) {
        bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync)
            break;
    }
    PQexitPipelineMode(c);
    return out;
}

static PGresult *exec_in_savepoint(struct db_stmt *st)
{
    return in_savepoint(st->db, st, NULL);
}

/* execute: run the statement; a connection found lost outside a transaction (a failover,
 * a restarted server) is re-established and the statement run once more, so the request
 * that meets it does not fail */
static enum fz_err execute_once(struct db_stmt *st);

static enum fz_err execute(struct db_stmt *st)
{
    enum fz_err rc = execute_once(st);
    if (rc == FZ_EIO && !st->db->in_tx && PQstatus(P(st->db)->c) != CONNECTION_OK &&
        reconnect(st->db))
        rc = execute_once(st);
    return rc;
}

static enum fz_err execute_once(struct db_stmt *st)
{
    struct pgst *s = ST(st);
    struct pg *p = P(st->db);
    if (PQstatus(p->c) != CONNECTION_OK && !reconnect(st->db))
        return FZ_EIO;
    if (s->generation != p->generation) {
        enum fz_err rc = prepare_now(st);
        if (rc)
            return PQstatus(p->c) != CONNECTION_OK ? FZ_EIO : rc;
    }
    bool sp = s->write && st->db->in_tx;
    PGresult *r = sp ? exec_in_savepoint(st) :
        PQexecPrepared(p->c, s->name, s->nparams, (const char *const *)s->vals, s->lens,
                       s->fmts, 0);
    if (!ok_status(r)) {
        enum fz_err rc = r ? map_state(r) : FZ_EIO;
        set_err(p, r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : PQerrorMessage(p->c));
        PQclear(r);
        if (sp)
            savepoint(st->db, "ROLLBACK TO SAVEPOINT");
        if (rc != FZ_ECONFLICT)
            fprintf(stderr, "db: step failed: %s\n  sql: %s\n", p->err, s->sql);
        if (PQstatus(p->c) != CONNECTION_OK)
            rc = FZ_EIO;
        return rc;
    }
    const char *ct = PQcmdTuples(r);
    p->changes = ct && *ct ? strtoll(ct, NULL, 10) : 0;
    s->res = r;
    s->nrows = PQntuples(r);
    s->row = -1;
    return FZ_OK;
}

static enum fz_err pg_step(struct db_stmt *st, bool *row)
{
    struct pgst *s = ST(st);
    *row = false;
    if (!s->res) {
        enum fz_err rc = execute(st);
        if (rc)
            return rc;
    }
    PQfreemem(s->blob);
    s->blob = NULL;
    if (s->row + 1 < s->nrows) {
        s->row++;
        *row = true;
    } else {
        s->row = s->nrows;
    }
    return FZ_OK;
}

static int pg_col_count(struct db_stmt *st)
{
    struct pgst *s = ST(st);
    return s->res ? PQnfields(s->res) : 0;
}

static const char *pg_col_name(struct db_stmt *st, int i)
{
    return PQfname(ST(st)->res, i);
}

static bool current(struct db_stmt *st, int i)
{
    struct pgst *s = ST(st);
    return s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < PQnfields(s->res);
}

static enum db_coltype pg_col_type(struct db_stmt *st, int i)
{
    struct pgst *s = ST(st);
    if (!current(st, i) || PQgetisnull(s->res, s->row, i))
        return DB_NULL;
    switch (PQftype(s->res, i)) {
    case INT8OID:
    case INT4OID:
    case INT2OID:
    case OIDOID:
    case BOOLOID:
        return DB_INT;
    case FLOAT4OID:
    case FLOAT8OID:
        return DB_REAL;
    case NUMERICOID: {
        const char *v = PQgetvalue(s->res, s->row, i);
        return strpbrk(v, ".eEN") ? DB_REAL : DB_INT;   /* sum() of integers is numeric */
    }
    case BYTEAOID:
        return DB_BLOB;
    default:
        return DB_TEXT;
    }
}

static const char *pg_col_text(struct db_stmt *st, int i)
{
    struct pgst *s = ST(st);
    if (!current(st, i) || PQgetisnull(s->res, s->row, i))
        return NULL;
    const char *v = PQgetvalue(s->res, s->row, i);
    if (PQftype(s->res, i) == BOOLOID)
        return v[0] == 't' ? "1" : "0";
    return v;
}

static int64_t pg_col_int(struct db_stmt *st, int i)
{
    const char *v = pg_col_text(st, i);
    if (!v)
        return 0;
    return strpbrk(v, ".eE") ? (int64_t)strtod(v, NULL) : strtoll(v, NULL, 10);
}

static double pg_col_double(struct db_stmt *st, int i)
{
    const char *v = pg_col_text(st, i);
    return v ? strtod(v, NULL) : 0.0;
}

static const void *pg_col_blob(struct db_stmt *st, int i, size_t *n)
{
    struct pgst *s = ST(st);
    *n = 0;
    const char *v = pg_col_text(st, i);
    if (!v)
        return NULL;
    if (PQftype(s->res, i) != BYTEAOID) {
        *n = strlen(v);
        return v;
    }
    PQfreemem(s->blob);
    s->blob = PQunescapeBytea((const unsigned char *)v, n);
    return s->blob;
}

static int64_t pg_changes(struct db *db)
{
    return P(db)->changes;
}

static int64_t pg_last_id(struct db *db)
{
    struct pg *p = P(db);
    /* lastval() fails in a session that used no sequence yet: inside a transaction it runs
     * under a savepoint (one pipelined round trip) so that failure aborts nothing */
    PGresult *r = db->in_tx ? in_savepoint(db, NULL, "SELECT lastval()")
                            : PQexec(p->c, "SELECT lastval()");
    int64_t id = 0;
    if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    if (db->in_tx && !id)
        savepoint(db, "ROLLBACK TO SAVEPOINT");
    return id;
}

static enum fz_err pg_begin(struct db *db)
{
    if (PQstatus(P(db)->c) != CONNECTION_OK)
        reconnect(db);
    /* BEGIN and the write lock in one round trip */
    enum fz_err rc = simple(db, "BEGIN; " WRITE_LOCK, false);
    if (rc && PQstatus(P(db)->c) != CONNECTION_OK && reconnect(db))
        rc = simple(db, "BEGIN; " WRITE_LOCK, false);   /* the connection was lost: again */
    if (rc)
        simple(db, "ROLLBACK", true);
    return rc;
}

static enum fz_err pg_commit(struct db *db)
{
    struct pg *p = P(db);
    p->unsure = false;
    PGresult *r = PQexec(p->c, "COMMIT");
    /* a transaction that failed answers COMMIT with ROLLBACK: that is not a commit; nor is
     * one whose wait for the synchronous standby was cancelled (on_notice) */
    enum fz_err rc = PQresultStatus(r) == PGRES_COMMAND_OK &&
                     strcmp(PQcmdStatus(r), "COMMIT") == 0 ? FZ_OK : FZ_EDB;
    if (!rc && p->unsure) {
        fprintf(stderr, "db: commit not confirmed by the synchronous standby; not acknowledged\n");
        PQclear(r);
        return FZ_EIO;
    }
    if (rc) {
        set_err(p, PQerrorMessage(p->c));
        fprintf(stderr, "db: commit failed: %s\n", p->err[0] ? p->err : PQcmdStatus(r));
        if (PQstatus(p->c) != CONNECTION_OK)
            rc = FZ_EIO;
    }
    PQclear(r);
    return rc;
}

static void pg_rollback(struct db *db)
{
    if (PQtransactionStatus(P(db)->c) != PQTRANS_IDLE)
        simple(db, "ROLLBACK", true);
}

static enum fz_err pg_backup(struct db *db, const char *dest)
{
    (void)db;
    (void)dest;
    fprintf(stderr, "backup: on PostgreSQL use pg_basebackup and WAL archiving "
                    "(docs/postgresql.md); fazhi backup copies SQLite databases\n");
    return FZ_EINVAL;
}

static enum fz_err pg_integrity(struct db *db)
{
    /* PostgreSQL checks constraints on every write; a connection that answers is sound */
    return simple(db, "SELECT 1", false);
}

const struct db_ops db_pg_ops = {
    .name = "postgresql",
    .open = pg_open, .close = pg_close, .errmsg = pg_errmsg, .exec = pg_exec,
    .prepare = pg_prepare, .finalize = pg_finalize, .reset = pg_reset,
    .bind_int = pg_bind_int, .bind_double = pg_bind_double,
    .bind_text = pg_bind_text, .bind_blob = pg_bind_blob, .bind_null = pg_bind_null,
    .step = pg_step, .col_count = pg_col_count, .col_name = pg_col_name,
    .col_type = pg_col_type, .col_int = pg_col_int, .col_double = pg_col_double,
    .col_text = pg_col_text, .col_blob = pg_col_blob,
    .changes = pg_changes, .last_id = pg_last_id,
    .begin = pg_begin, .commit = pg_commit, .rollback = pg_rollback,
    .backup = pg_backup, .integrity = pg_integrity,
};
