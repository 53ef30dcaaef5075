/* users.h - accounts of fazhi: creation, password policy and hashing (argon2id through
 * libsodium), login with lockout and the login log, password changes, and the listing
 * and editing of users under the caller's data scope.
 * Invariant: a password is never stored or logged, only its argon2id string; a password
 * set by an administrator is an initial one (must_change_password) unless set with
 * `fazhi user add --password-stdin`, which the owner of the account runs. */
#ifndef FZ_USERS_H
#define FZ_USERS_H

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_user;

/* users_password_policy: at least 8 characters from at least 3 of the classes upper
 * case, lower case, digits, symbols; at most 128 bytes. FZ_EINVAL with p filled. */
enum fz_err users_password_policy(const char *pw, const char *field, struct fz_problem *p);

struct user_input {
    const char *username;       /* create only: 2-32 of [A-Za-z0-9_.-] */
    const char *display_name;
    const char *password;       /* create only */
    int64_t dept_id;            /* 0: the root department */
    json_t *roles;              /* array of role codes; NULL: unchanged (update) */
    const char *phone, *email;
    const char *status;         /* update only: active | disabled; NULL: unchanged */
    bool initial_password;      /* create: the user must change it at first login */
};

/* users_create: validate and insert; *id gets the new id. The caller (an admin) may only
 * place users in departments within its data scope (actor NULL: the CLI, unrestricted). */
enum fz_err users_create(struct db *db, const struct fz_user *actor,
                         const struct user_input *in, int64_t *id, struct fz_problem *p);
/* users_update: change the fields given; FZ_ECONFLICT (code version_conflict) when
 * version is not the current one; FZ_ENOTFOUND outside the actor's scope. */
enum fz_err users_update(struct db *db, const struct fz_user *actor, int64_t id,
                         int64_t version, const struct user_input *in,
                         struct fz_problem *p);
/* users_get: one user as a new JSON object, within the actor's scope. */
enum fz_err users_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out);
/* users_list: a page of users matching the filters, within the actor's scope. */
struct users_filter {
    const char *q, *role, *status;
    int64_t dept_id;
    const char *order;          /* constant ORDER BY fragment from a whitelist */
    int64_t limit, offset;
};
enum fz_err users_list(struct db *db, const struct fz_user *actor,
                       const struct users_filter *f, json_t **items, int64_t *total);

/* users_set_password: store pw (policy-checked) for id; initial = must change it. */
enum fz_err users_set_password(struct db *db, int64_t id, const char *pw, bool initial,
                               struct fz_problem *p);
/* users_change_password: the user's own change; checks old, policy, and new != old. */
enum fz_err users_change_password(struct db *db, int64_t id, const char *old_pw,
                                  const char *new_pw, struct fz_problem *p);
enum fz_err users_unlock(struct db *db, const struct fz_user *actor, int64_t id);

/* users_login: check the credentials with the lockout policy, record the login log.
 * FZ_OK with *id; FZ_EUNAUTH for bad credentials or a disabled account; FZ_ELOCKED while
 * locked (also for the attempt that locks it). p gets the Chinese message. */
enum fz_err users_login(struct db *db, const char *username, const char *password,
                        const char *ip, const char *ua, int64_t *id, struct fz_problem *p);
/* users_log_event: add a login-log row (logout and the like). */
enum fz_err users_log_event(struct db *db, const char *username, int64_t user_id,
                            const char *ip, const char *ua, const char *result,
                            const char *reason);

/* users_root_dept: the id of the root department. */
enum fz_err users_root_dept(struct db *db, int64_t *id);
/* users_in_scope: is dept_id (or, for SCOPE_OWN, user owner_id) visible to actor? */
enum fz_err users_dept_visible(struct db *db, const struct fz_user *actor, int64_t dept_id,
                               bool *visible);

#endif
