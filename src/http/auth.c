/* auth.c - sessions, CSRF and permission checks (see auth.h). Password hashing and the
 * lockout policy live with the users module (modules/users.c); this file only knows
 * tokens and who holds them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "config.h"
#include "db/db.h"
#include "http/auth.h"
#include "util/crypto.h"
#include "util/str.h"
#include "util/timeutil.h"

static void token_hash(const char *token, char out[FZ_HEX_LEN])
{
    uint8_t h[FZ_HASH_LEN];
    crypto_digest(FZ_SHA256, token, strlen(token), h);
    crypto_hex(h, sizeof h, out);
}

void auth_user_free(struct fz_user *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->nperms; i++)
        free(u->perms[i]);
    free(u->perms);
    free(u);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum fz_err load_perms(struct db *db, struct fz_user *u)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db,
        "SELECT DISTINCT rp.permission FROM user_roles ur"
        " JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = ?", &st);
    if (rc)
        return rc;
    db_bind_int(st, 1, u->id);
    bool row = false;
    size_t cap = 0;
    while (!(rc = db_step(st, &row)) && row) {
        if (u->nperms == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(u->perms, cap * sizeof *p);
            if (!p) {
                rc = FZ_ENOMEM;
                break;
            }
            u->perms = p;
        }
        u->perms[u->nperms] = strdup(db_col_text(st, 0));
        if (!u->perms[u->nperms]) {
            rc = FZ_ENOMEM;
            break;
        }
        u->nperms++;
    }
    db_finish(st);
    if (!rc && u->nperms)
        qsort(u->perms, u->nperms, sizeof *u->perms, cmp_str);
    return rc;
}

enum fz_err auth_user_load(struct db *db, int64_t id, struct fz_user **out)
{
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db,
        "SELECT u.id, u.username, u.display_name, u.dept_id, u.must_change_password,"
        " (SELECT max(CASE r.data_scope WHEN 'all' THEN 2 WHEN 'dept' THEN 1 ELSE 0 END)"
        "  FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id)"
        " FROM users u WHERE u.id = ? AND u.status = 'active'", &st);
    if (rc)
        return rc;
    db_bind_int(st, 1, id);
    bool row = false;
    rc = db_step(st, &row);
    if (!rc && !row)
        rc = FZ_ENOTFOUND;
    struct fz_user *u = NULL;
    if (!rc) {
        u = calloc(1, sizeof *u);
        if (!u)
            rc = FZ_ENOMEM;
    }
    if (!rc) {
        u->id = db_col_int(st, 0);
        str_copy(u->username, sizeof u->username, db_col_text(st, 1));
        str_copy(u->display_name, sizeof u->display_name, db_col_text(st, 2));
        u->dept_id = db_col_int(st, 3);
        u->must_change_password = db_col_int(st, 4) != 0;
        u->scope = (enum fz_scope)db_col_int(st, 5);
    }
    db_finish(st);
    if (!rc)
        rc = load_perms(db, u);
    if (rc) {
        auth_user_free(u);
        return rc;
    }
    *out = u;
    return FZ_OK;
}

struct fz_user *auth_user_load_name(struct db *db, const char *username)
{
    int64_t id = 0;
    struct fz_user *u = NULL;
    if (db_query_int(db, &id, "SELECT id FROM users WHERE username = ?", "t", username) ||
        auth_user_load(db, id, &u))
        return NULL;
    return u;
}

enum fz_err auth_session_user(struct fz_req *req, struct fz_user **out)
{
    const struct fz_config *cfg = config_get();
    *out = NULL;
    const char *token = http_cookie(req, FZ_SESSION_COOKIE);
    if (str_empty(token) || strlen(token) != 64)
        return FZ_OK;
    char h[FZ_HEX_LEN];
    token_hash(token, h);
    json_t *s = NULL;
    enum fz_err rc = db_query_row(req->db, &s,
        "SELECT user_id, csrf_token, last_seen, expires FROM sessions WHERE token_hash = ?",
        "t", h);
    if (rc == FZ_ENOTFOUND)
        return FZ_OK;
    if (rc)
        return rc;
    int64_t now = (int64_t)time(NULL);
    int64_t last = json_integer_value(json_object_get(s, "last_seen"));
    int64_t expires = json_integer_value(json_object_get(s, "expires"));
    int64_t uid = json_integer_value(json_object_get(s, "user_id"));
    char csrf[72];
    str_copy(csrf, sizeof csrf, json_string_value(json_object_get(s, "csrf_token")));
    json_decref(s);
    if (now > expires || now - last > (int64_t)cfg->session_idle_min * 60) {
        db_run(req->db, NULL, "DELETE FROM sessions WHERE token_hash = ?", "t", h);
        return FZ_OK;
    }
    struct fz_user *u = NULL;
    rc = auth_user_load(req->db, uid, &u);
    if (rc == FZ_ENOTFOUND)
        return FZ_OK;
    if (rc)
        return rc;
    if (now - last >= 60)
        db_run(req->db, NULL, "UPDATE sessions SET last_seen = ? WHERE token_hash = ?",
               "it", now, h);
    str_copy(u->csrf, sizeof u->csrf, csrf);
    str_copy(u->session, sizeof u->session, h);
    *out = u;
    return FZ_OK;
}

static enum fz_err set_cookie(struct fz_resp *resp, const char *value, int max_age)
{
    char c[256];
    snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
             FZ_SESSION_COOKIE, value, max_age,
             config_get()->cookie_secure ? "; Secure" : "");
    return http_header(resp, "Set-Cookie", c);
}

enum fz_err auth_session_create(struct fz_req *req, struct fz_resp *resp, int64_t user_id,
                                char csrf[65])
{
    const struct fz_config *cfg = config_get();
    char token[65], h[FZ_HEX_LEN], ts[FZ_TS_LEN];
    crypto_token(32, token);
    crypto_token(32, csrf);
    token_hash(token, h);
    time_now(ts);
    int64_t now = (int64_t)time(NULL);
    int64_t life = (int64_t)cfg->session_max_hours * 3600;
    enum fz_err rc = db_run(req->db, NULL,
        "INSERT INTO sessions(token_hash, user_id, csrf_token, ip, user_agent, created_at,"
        " last_seen, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "tittttii",
        h, user_id, csrf, req->ip, req->user_agent, ts, now, now + life);
    if (!rc)
        rc = set_cookie(resp, token, (int)life);
    sodium_memzero(token, sizeof token);
    return rc;
}

enum fz_err auth_session_end(struct fz_req *req, struct fz_resp *resp)
{
    if (req->user)
        db_run(req->db, NULL, "DELETE FROM sessions WHERE token_hash = ?", "t",
               req->user->session);
    return set_cookie(resp, "", 0);
}

bool auth_csrf_ok(struct fz_req *req)
{
    const char *t = http_request_header(req, "X-CSRF-Token");
    if (!req->user || str_empty(t) || !req->user->csrf[0])
        return false;
    size_t n = strlen(req->user->csrf);
    return strlen(t) == n && sodium_memcmp(t, req->user->csrf, n) == 0;
}

bool http_has_perm(const struct fz_user *u, const char *perm)
{
    if (!u)
        return false;
    size_t lo = 0, hi = u->nperms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(u->perms[mid], perm);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}
