/* auth.h - sessions and CSRF for the HTTP layer. A session is a random 32-byte token in
 * an HttpOnly, SameSite=Strict cookie; only its SHA-256 is stored. Each session has its
 * own CSRF token that every state-changing request must echo in X-CSRF-Token.
 * Sessions end on logout, after cfg->session_idle_min without a request, or after
 * cfg->session_max_hours in all. */
#ifndef FZ_AUTH_H
#define FZ_AUTH_H

#include "fz_err.h"
#include "http/http.h"

#define FZ_SESSION_COOKIE "fazhi_session"

/* auth_session_user: the user of the request's session cookie, or NULL (no cookie,
 * unknown, expired, or the user is disabled). Caller owns the result (auth_user_free).
 * Touches last_seen at most once a minute. */
enum fz_err auth_session_user(struct fz_req *req, struct fz_user **out);
/* auth_user_load: load user id with permissions and scope (caller owns). */
enum fz_err auth_user_load(struct db *db, int64_t id, struct fz_user **out);
void auth_user_free(struct fz_user *u);
/* auth_user_load_name: the same by username; NULL when there is none (caller owns). */
struct fz_user *auth_user_load_name(struct db *db, const char *username);

/* auth_session_create: new session for user_id; sets the cookie header on resp and
 * copies the CSRF token into csrf (65 bytes). */
enum fz_err auth_session_create(struct fz_req *req, struct fz_resp *resp, int64_t user_id,
                                char csrf[65]);
/* auth_session_end: delete the request's session and clear the cookie. */
enum fz_err auth_session_end(struct fz_req *req, struct fz_resp *resp);
/* auth_csrf_ok: X-CSRF-Token equals the session's token (constant time). */
bool auth_csrf_ok(struct fz_req *req);

#endif
