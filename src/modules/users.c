/* users.c - accounts, passwords, login and lockout (see users.h).
 * Passwords: crypto_pwhash_str (argon2id, libsodium's interactive limits). Lockout:
 * cfg->lockout_attempts failures in a row lock the account for cfg->lockout_min minutes;
 * every attempt, good or bad, is written to login_log. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "config.h"
#include "db/db.h"
#include "http/http.h"
#include "modules/scope.h"
#include "modules/users.h"
#include "util/str.h"
#include "util/timeutil.h"

enum fz_err users_password_policy(const char *pw, const char *field, struct fz_problem *p)
{
    if (!pw || str_utf8_len(pw) < 8) {
        fz_problem_set(p, field, "weak_password", "密码至少需要 8 个字符");
        return FZ_EINVAL;
    }
    if (strlen(pw) > 128) {
        fz_problem_set(p, field, "weak_password", "密码不能超过 128 个字节");
        return FZ_EINVAL;
    }
    bool up = false, low = false, dig = false, sym = false;
    for (const unsigned char *c = (const unsigned char *)pw; *c; c++) {
        if (isupper(*c))
            up = true;
        else if (islower(*c))
            low = true;
        else if (isdigit(*c))
            dig = true;
        else
            sym = true;
    }
    if (up + low + dig + sym < 3) {
        fz_problem_set(p, field, "weak_password",
                       "密码须包含大写字母、小写字母、数字、符号中的至少三类");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return FZ_ENOMEM;
    return FZ_OK;
}

enum fz_err users_root_dept(struct db *db, int64_t *id)
{
    return db_query_int(db, id,
                        "SELECT id FROM departments WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                        "");
}

enum fz_err users_dept_visible(struct db *db, const struct fz_user *actor, int64_t dept_id,
                               bool *visible)
{
    int64_t n = 0;
    enum fz_err rc = db_query_int(db, &n,
        "SELECT count(*) FROM departments x WHERE x.id = ?4 AND "
        SCOPE_SQL("x.id", "-1"), "iiii", SCOPE_ARGS(actor), dept_id);
    if (!rc)
        *visible = n > 0;
    return rc;
}

static bool valid_username(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 32)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '-')
            return false;
    return true;
}

/* grantable: may actor give role rid? Only roles whose data scope is no wider than the
 * actor's and whose every permission the actor holds (nobody can grant more than they
 * have); the CLI (actor NULL) may grant anything. */
static enum fz_err grantable(struct db *db, const struct fz_user *actor, int64_t rid,
                             const char *code, struct fz_problem *p)
{
    if (!actor)
        return FZ_OK;
    json_t *perms = NULL;
    int64_t scope = 0;
    enum fz_err rc = db_query_int(db, &scope,
        "SELECT CASE data_scope WHEN 'all' THEN 2 WHEN 'dept' THEN 1 ELSE 0 END"
        " FROM roles WHERE id = ?", "i", rid);
    if (!rc)
        rc = db_query_json(db, &perms, "SELECT permission FROM role_permissions"
                           " WHERE role_id = ?", "i", rid);
    if (rc)
        return rc;
    bool ok = scope <= (int64_t)actor->scope;
    size_t i;
    json_t *r;
    json_array_foreach(perms, i, r)
        ok = ok && http_has_perm(actor,
                                 json_string_value(json_object_get(r, "permission")));
    json_decref(perms);
    if (!ok) {
        fz_problem_set(p, "roles", "role_not_grantable",
                       "不能授予超出本人权限或数据范围的角色 %s", code);
        return FZ_EFORBIDDEN;
    }
    return FZ_OK;
}

/* set_roles: replace the user's roles with the codes in roles (validated, and each one
 * grantable by the actor). */
static enum fz_err set_roles(struct db *db, const struct fz_user *actor, int64_t uid,
                             json_t *roles, struct fz_problem *p)
{
    if (!json_is_array(roles)) {
        fz_problem_set(p, "roles", NULL, "字段 roles 应为角色代码的数组");
        return FZ_EINVAL;
    }
    enum fz_err rc = db_run(db, NULL, "DELETE FROM user_roles WHERE user_id = ?", "i", uid);
    size_t i;
    json_t *v;
    json_array_foreach(roles, i, v) {
        if (rc)
            break;
        int64_t rid = 0;
        if (!json_is_string(v) ||
            db_query_int(db, &rid, "SELECT id FROM roles WHERE code = ?", "t",
                         json_string_value(v))) {
            fz_problem_set(p, "roles", NULL, "角色 %s 不存在",
                           json_is_string(v) ? json_string_value(v) : "?");
            return FZ_EINVAL;
        }
        rc = grantable(db, actor, rid, json_string_value(v), p);
        if (!rc)
            rc = db_run(db, NULL,
                        "INSERT OR IGNORE INTO user_roles(user_id, role_id) VALUES (?, ?)",
                        "ii", uid, rid);
    }
    return rc;
}

static enum fz_err check_dept(struct db *db, const struct fz_user *actor, int64_t dept_id,
                              struct fz_problem *p)
{
    bool visible = false;
    enum fz_err rc = users_dept_visible(db, actor, dept_id, &visible);
    if (rc)
        return rc;
    if (!visible) {
        fz_problem_set(p, "dept_id", NULL, "部门不存在或不在您的数据权限范围内");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

static enum fz_err check_common(const struct user_input *in, struct fz_problem *p)
{
    if (in->display_name && (!*in->display_name || str_utf8_len(in->display_name) > 64)) {
        fz_problem_set(p, "display_name", NULL, "姓名不能为空，且不超过 64 个字符");
        return FZ_EINVAL;
    }
    if (in->phone && strlen(in->phone) > 32) {
        fz_problem_set(p, "phone", NULL, "电话不能超过 32 个字符");
        return FZ_EINVAL;
    }
    if (in->email && *in->email && (strlen(in->email) > 128 || !strchr(in->email, '@'))) {
        fz_problem_set(p, "email", NULL, "电子邮箱格式不正确");
        return FZ_EINVAL;
    }
    if (in->status && !str_eq(in->status, "active") && !str_eq(in->status, "disabled")) {
        fz_problem_set(p, "status", NULL, "状态应为 active 或 disabled");
        return FZ_EINVAL;
    }
    return FZ_OK;
}

enum fz_err users_create(struct db *db, const struct fz_user *actor,
                         const struct user_input *in, int64_t *id, struct fz_problem *p)
{
    if (!in->username || !valid_username(in->username)) {
        fz_problem_set(p, "username", NULL,
                       "用户名应为 2-32 个字母、数字、下划线、点或连字符");
        return FZ_EINVAL;
    }
    if (!in->display_name) {
        fz_problem_set(p, "display_name", NULL, "姓名不能为空");
        return FZ_EINVAL;
    }
    enum fz_err rc = check_common(in, p);
    if (!rc)
        rc = users_password_policy(in->password, "password", p);
    int64_t dept = in->dept_id;
    if (!rc && !dept)
        rc = users_root_dept(db, &dept);
    if (!rc)
        rc = check_dept(db, actor, dept, p);
    if (rc)
        return rc;
    char hash[crypto_pwhash_STRBYTES], ts[FZ_TS_LEN];
    rc = hash_password(in->password, hash);
    if (rc)
        return rc;
    time_now(ts);
    rc = db_run(db, NULL,
        "INSERT INTO users(username, display_name, dept_id, phone, email, password_hash,"
        " must_change_password, password_changed_at, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ttitttitntt",
        in->username, in->display_name, dept, in->phone ? in->phone : "",
        in->email ? in->email : "", hash, (int64_t)in->initial_password, ts, ts, ts);
    if (rc == FZ_ECONFLICT) {
        fz_problem_set(p, "username", "duplicate", "用户名 %s 已存在", in->username);
        return rc;
    }
    if (rc)
        return rc;
    *id = db_last_id(db);
    if (actor)
        db_run(db, NULL, "UPDATE users SET created_by = ? WHERE id = ?", "ii", actor->id, *id);
    if (in->roles)
        rc = set_roles(db, actor, *id, in->roles, p);
    return rc;
}

#define USER_COLS                                                                      \
    "u.id, u.username, u.display_name, u.dept_id, d.name AS dept_name, u.phone,"       \
    " u.email, u.status, (u.locked_until IS NOT NULL AND u.locked_until > ?4) AS locked," \
    " u.must_change_password, u.last_login_at, u.created_at, u.updated_at, u.version,"  \
    " (SELECT json_group_array(json_object('code', r.code, 'name', r.name))"            \
    "  FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id)"   \
    " AS roles"

/* fix_user: turn the SQL row into the API shape (booleans, the roles array). */
static void fix_user(json_t *u)
{
    json_object_set_new(u, "locked",
                        json_boolean(json_integer_value(json_object_get(u, "locked"))));
    json_object_set_new(u, "must_change_password",
                        json_boolean(json_integer_value(
                            json_object_get(u, "must_change_password"))));
    const char *roles = json_string_value(json_object_get(u, "roles"));
    json_t *arr = roles ? json_loads(roles, 0, NULL) : NULL;
    json_object_set_new(u, "roles", arr ? arr : json_array());
}

enum fz_err users_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out)
{
    char now[FZ_TS_LEN];
    time_now(now);
    json_t *u = NULL;
    enum fz_err rc = db_query_row(db, &u,
        "SELECT " USER_COLS " FROM users u JOIN departments d ON d.id = u.dept_id"
        " WHERE u.id = ?5 AND " SCOPE_SQL("u.dept_id", "u.id"),
        "iiiti", SCOPE_ARGS(actor), now, id);
    if (rc)
        return rc;
    fix_user(u);
    *out = u;
    return FZ_OK;
}

enum fz_err users_list(struct db *db, const struct fz_user *actor,
                       const struct users_filter *f, json_t **items, int64_t *total)
{
    char now[FZ_TS_LEN];
    time_now(now);
    const char *where =
        " FROM users u JOIN departments d ON d.id = u.dept_id WHERE "
        SCOPE_SQL("u.dept_id", "u.id")
        " AND (?5 IS NULL OR u.username LIKE ?5 ESCAPE '\\' OR u.display_name LIKE ?5"
        " ESCAPE '\\')"
        " AND (?6 = 0 OR u.dept_id = ?6)"
        " AND (?7 IS NULL OR EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON"
        " r.id = ur.role_id WHERE ur.user_id = u.id AND r.code = ?7))"
        " AND (?8 IS NULL OR (?8 = 'locked' AND u.locked_until > ?4)"
        " OR (?8 <> 'locked' AND u.status = ?8))";
    char sql[2048];
    char *q = str_like(f->q);
    snprintf(sql, sizeof sql, "SELECT count(*) %s", where);
    enum fz_err rc = db_query_int(db, total, sql, "iiittitt", SCOPE_ARGS(actor), now, q,
                                  f->dept_id, f->role, f->status);
    if (rc) {
        free(q);
        return rc;
    }
    snprintf(sql, sizeof sql, "SELECT " USER_COLS " %s ORDER BY %s LIMIT ?9 OFFSET ?10",
             where, f->order);
    rc = db_query_json(db, items, sql, "iiittittii", SCOPE_ARGS(actor), now, q,
                       f->dept_id, f->role, f->status, f->limit, f->offset);
    free(q);
    if (rc)
        return rc;
    size_t i;
    json_t *u;
    json_array_foreach(*items, i, u)
        fix_user(u);
    return FZ_OK;
}

enum fz_err users_update(struct db *db, const struct fz_user *actor, int64_t id,
                         int64_t version, const struct user_input *in,
                         struct fz_problem *p)
{
    json_t *cur = NULL;
    enum fz_err rc = users_get(db, actor, id, &cur);
    if (rc)
        return rc;
    int64_t have = json_integer_value(json_object_get(cur, "version"));
    json_decref(cur);
    if (have != version) {
        fz_problem_set(p, "version", "version_conflict",
                       "记录已被他人修改（当前版本 %lld），请刷新后重试", (long long)have);
        return FZ_ECONFLICT;
    }
    rc = check_common(in, p);
    if (!rc && in->dept_id)
        rc = check_dept(db, actor, in->dept_id, p);
    if (!rc && actor && actor->id == id && str_eq(in->status, "disabled")) {
        fz_problem_set(p, "status", NULL, "不能停用自己的账号");
        rc = FZ_EINVAL;
    }
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    time_now(ts);
    int64_t n = 0;
    rc = db_run(db, &n,
        "UPDATE users SET display_name = coalesce(?, display_name),"
        " dept_id = CASE WHEN ? > 0 THEN ? ELSE dept_id END, phone = coalesce(?, phone),"
        " email = coalesce(?, email), status = coalesce(?, status), updated_at = ?,"
        " version = version + 1 WHERE id = ? AND version = ?", "tiittttii",
        in->display_name, in->dept_id, in->dept_id, in->phone, in->email, in->status, ts,
        id, version);
    if (!rc && n == 0) {
        fz_problem_set(p, "version", "version_conflict", "记录已被他人修改，请刷新后重试");
        return FZ_ECONFLICT;
    }
    if (!rc && in->roles)
        rc = set_roles(db, actor, id, in->roles, p);
    if (!rc && str_eq(in->status, "disabled"))
        rc = db_run(db, NULL, "DELETE FROM sessions WHERE user_id = ?", "i", id);
    return rc;
}

enum fz_err users_set_password(struct db *db, int64_t id, const char *pw, bool initial,
                               struct fz_problem *p)
{
    enum fz_err rc = users_password_policy(pw, "password", p);
    if (rc)
        return rc;
    char hash[crypto_pwhash_STRBYTES], ts[FZ_TS_LEN];
    rc = hash_password(pw, hash);
    if (rc)
        return rc;
    time_now(ts);
    int64_t n = 0;
    rc = db_run(db, &n,
        "UPDATE users SET password_hash = ?, must_change_password = ?,"
        " password_changed_at = ?, failed_logins = 0, locked_until = NULL, updated_at = ?,"
        " version = version + 1 WHERE id = ?", "titti", hash, (int64_t)initial, ts, ts, id);
    if (!rc && n == 0)
        rc = FZ_ENOTFOUND;
    if (!rc && initial)      /* an administrator's reset ends the user's sessions */
        rc = db_run(db, NULL, "DELETE FROM sessions WHERE user_id = ?", "i", id);
    return rc;
}

static bool check_hash(const char *hash, const char *pw)
{
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

enum fz_err users_change_password(struct db *db, int64_t id, const char *old_pw,
                                  const char *new_pw, struct fz_problem *p)
{
    char *hash = NULL;
    enum fz_err rc = db_query_text(db, &hash, "SELECT password_hash FROM users WHERE id = ?",
                                   "i", id);
    if (rc)
        return rc;
    bool ok = check_hash(hash, old_pw);
    bool same = ok && check_hash(hash, new_pw);
    free(hash);
    if (!ok) {
        fz_problem_set(p, "old_password", "wrong_password", "原密码不正确");
        return FZ_EINVAL;
    }
    if (same) {
        fz_problem_set(p, "new_password", "weak_password", "新密码不能与原密码相同");
        return FZ_EINVAL;
    }
    rc = users_password_policy(new_pw, "new_password", p);
    if (!rc)
        rc = users_set_password(db, id, new_pw, false, p);
    return rc;
}

enum fz_err users_unlock(struct db *db, const struct fz_user *actor, int64_t id)
{
    json_t *u = NULL;
    enum fz_err rc = users_get(db, actor, id, &u);
    json_decref(u);
    if (!rc)
        rc = db_run(db, NULL,
                    "UPDATE users SET failed_logins = 0, locked_until = NULL,"
                    " version = version + 1 WHERE id = ?", "i", id);
    return rc;
}

enum fz_err users_log_event(struct db *db, const char *username, int64_t user_id,
                            const char *ip, const char *ua, const char *result,
                            const char *reason)
{
    char ts[FZ_TS_LEN];
    time_now(ts);
    return db_run(db, NULL,
                  "INSERT INTO login_log(ts, username, user_id, ip, user_agent, result, reason)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)", "ttitttt", ts, username ? username : "",
                  user_id, ip ? ip : "", ua ? ua : "", result, reason ? reason : "");
}

/* a fixed argon2id string, verified against when the user does not exist, so that the
 * response time does not tell which usernames exist */
static const char *dummy_hash(void)
{
    static char h[crypto_pwhash_STRBYTES];
    static int done;
    if (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
        char tmp[crypto_pwhash_STRBYTES];
        if (hash_password("fazhi-dummy-password", tmp) == FZ_OK) {
            memcpy(h, tmp, sizeof h);
            __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
        }
    }
    return h;
}

enum fz_err users_login(struct db *db, const char *username, const char *password,
                        const char *ip, const char *ua, int64_t *id, struct fz_problem *p)
{
    const struct fz_config *cfg = config_get();
    json_t *u = NULL;
    char now[FZ_TS_LEN];
    time_now(now);
    enum fz_err rc = db_query_row(db, &u,
        "SELECT id, password_hash, status, failed_logins, locked_until FROM users"
        " WHERE username = ?", "t", username);
    if (rc == FZ_ENOTFOUND) {
        check_hash(dummy_hash(), password);
        fz_problem_set(p, NULL, "bad_credentials", "用户名或密码错误");
        users_log_event(db, username, 0, ip, ua, "failure", "unknown user");
        return FZ_EUNAUTH;
    }
    if (rc)
        return rc;
    int64_t uid = json_integer_value(json_object_get(u, "id"));
    const char *locked = json_string_value(json_object_get(u, "locked_until"));
    int64_t failed = json_integer_value(json_object_get(u, "failed_logins"));
    bool active = str_eq(json_string_value(json_object_get(u, "status")), "active");
    bool good = check_hash(json_string_value(json_object_get(u, "password_hash")), password);
    bool is_locked = locked && strcmp(locked, now) > 0;
    json_decref(u);
    if (is_locked) {
        fz_problem_set(p, NULL, "account_locked", "登录失败次数过多，账号已锁定，请稍后再试或联系管理员");
        users_log_event(db, username, uid, ip, ua, "locked", "account locked");
        return FZ_ELOCKED;
    }
    if (!good) {
        failed++;
        if (failed >= cfg->lockout_attempts) {
            char until[FZ_TS_LEN];
            time_format(time(NULL) + (time_t)cfg->lockout_min * 60, until);
            db_run(db, NULL, "UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?",
                   "ti", until, uid);
            users_log_event(db, username, uid, ip, ua, "locked", "too many failures");
            fz_problem_set(p, NULL, "account_locked",
                           "密码连续错误 %d 次，账号已锁定 %d 分钟", cfg->lockout_attempts,
                           cfg->lockout_min);
            return FZ_ELOCKED;
        }
        db_run(db, NULL, "UPDATE users SET failed_logins = ? WHERE id = ?", "ii", failed, uid);
        users_log_event(db, username, uid, ip, ua, "failure", "wrong password");
        fz_problem_set(p, NULL, "bad_credentials", "用户名或密码错误");
        return FZ_EUNAUTH;
    }
    if (!active) {
        users_log_event(db, username, uid, ip, ua, "failure", "account disabled");
        fz_problem_set(p, NULL, "account_disabled", "账号已停用，请联系管理员");
        return FZ_EUNAUTH;
    }
    rc = db_run(db, NULL,
                "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?"
                " WHERE id = ?", "ti", now, uid);
    if (!rc)
        rc = users_log_event(db, username, uid, ip, ua, "success", "");
    if (!rc)
        *id = uid;
    return rc;
}
