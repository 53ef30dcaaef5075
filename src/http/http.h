/* http.h - the request and response of fazhi's HTTP layer, and the helpers handlers use.
 * A handler is `enum fz_err fn(struct fz_req *, struct fz_resp *)`: parse -> validate ->
 * call a module -> render. It never touches the socket; the router (router.c) has already
 * done authentication, permission, CSRF and the transaction its route row asks for.
 * Memory: everything reachable from fz_req is borrowed for the request's lifetime; a
 * handler hands the response JSON to fz_resp (http_json() steals the reference). */
#ifndef FZ_HTTP_H
#define FZ_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_server;

enum fz_scope { SCOPE_OWN = 0, SCOPE_DEPT = 1, SCOPE_ALL = 2 };

/* the logged-in user of a request, loaded by the router from the session */
struct fz_user {
    int64_t id;
    int64_t dept_id;
    char username[64];
    char display_name[128];
    enum fz_scope scope;        /* widest data scope of the user's roles */
    bool must_change_password;
    char csrf[72];              /* the session's CSRF token */
    char session[72];           /* hex SHA-256 of the session token */
    size_t nperms;
    char **perms;               /* sorted; owned by the request */
};

#define FZ_MAX_PARAMS 4
#define FZ_MAX_HEADERS 8

struct fz_req {
    const char *method;
    const char *path;
    const char *params[FZ_MAX_PARAMS];  /* values of :name segments, in order */
    int nparams;
    const char *raw;                    /* the body; NUL-terminated; NULL when none */
    size_t raw_len;
    json_t *body;                       /* parsed JSON body (object) or NULL */
    struct fz_upload *upload;           /* R_UPLOAD routes: the streamed file, or NULL */
    const char *ip;
    const char *user_agent;
    struct db *db;
    struct fz_user *user;               /* NULL on public routes without a session */
    const struct fz_server *srv;
    void *conn;                         /* the MHD connection (opaque) */
    /* what the handler reports for the audit entry of a state-changing request */
    const char *audit_action;           /* e.g. "user.create"; static string */
    const char *audit_entity;           /* e.g. "user"; static string */
    char audit_id[64];
    char audit_summary[256];
    json_t *audit_detail;               /* owned by the request; may stay NULL */
};

struct fz_resp {
    int status;                         /* 0 until set */
    json_t *json;                       /* owned; serialised by the server */
    char *body;                         /* owned; used when json is NULL */
    size_t len;
    const char *content_type;           /* static string */
    bool has_fd;                        /* send the open file fd (closed by the server) */
    int fd;
    uint64_t fd_size;
    int nheaders;
    char *headers[FZ_MAX_HEADERS][2];   /* owned name/value pairs */
};

typedef enum fz_err (*route_fn)(struct fz_req *req, struct fz_resp *resp);

/* Route flags (checked centrally by the router, never in handlers) */
#define R_PUBLIC     (1u << 0)  /* no session needed (a session is still loaded if any) */
#define R_NO_CSRF    (1u << 1)  /* state-changing but exempt from X-CSRF-Token (login) */
#define R_COMMIT_ERR (1u << 2)  /* commit the transaction even when the handler fails */
#define R_PWCHANGE   (1u << 3)  /* allowed while the user must change the password */
#define R_RAW        (1u << 4)  /* body is not JSON: do not parse it */
#define R_NO_AUDIT   (1u << 5)  /* state-changing but recorded elsewhere (login log) */
#define R_UPLOAD     (1u << 6)  /* multipart/form-data upload, streamed to a temp file */
#define R_PAGED      (1u << 7)  /* documentation: a paginated, sortable list */
#define R_CREATES    (1u << 8)  /* documentation: answers 201 with the new record */

/* A streamed upload (routes with R_UPLOAD): the file part went to a temporary file in
 * the file store while SHA-256 and SM3 were computed; other form fields are in `fields`.
 * The handler moves the file into place (files_adopt) or it is deleted afterwards. */
struct fz_upload {
    bool has_file;
    char path[1200];                    /* the temporary file */
    uint64_t size;
    char filename[256];                 /* as the client named it (sanitised) */
    char content_type[128];
    char sha256[65], sm3[65];
    json_t *fields;                     /* other form fields: name -> string */
    bool failed;                        /* the upload could not be stored */
};

struct route {
    const char *method;
    const char *pattern;        /* "/api/v1/users/:id" */
    route_fn fn;
    const char *perm;           /* permission needed, or NULL (any logged-in user) */
    unsigned flags;
    const char *tag;            /* OpenAPI tag, e.g. "系统管理" */
    const char *summary;        /* one line, Chinese, for OpenAPI */
    const char *body_schema;    /* JSON Schema of the request body, or NULL */
};

/* the table, in routes.c; terminated by a row with method NULL */
extern const struct route fz_routes[];

/* ---- response writers (json.c) ---- */

/* http_error: the one error writer. Status and code come from err (one table); message
 * is Chinese for users; field names the offending input or is NULL. Returns err so a
 * handler can `return http_error(...)`. */
enum fz_err http_error(struct fz_resp *resp, enum fz_err err, const char *message,
                       const char *field);
/* http_error_code: same with an explicit code string (e.g. "version_conflict"). */
enum fz_err http_error_code(struct fz_resp *resp, enum fz_err err, const char *code,
                            const char *message, const char *field);
/* http_problem: an error from a module's fz_problem (the default message when empty). */
enum fz_err http_problem(struct fz_resp *resp, enum fz_err err, const struct fz_problem *p);
/* http_status_of: the HTTP status for err. */
int http_status_of(enum fz_err err);
/* http_json: status + body (steals the reference); FZ_ENOMEM if body is NULL. */
enum fz_err http_json(struct fz_resp *resp, int status, json_t *body);
/* http_no_content: 204. */
enum fz_err http_no_content(struct fz_resp *resp);
/* http_text: status + a copy of text with the given content type. */
enum fz_err http_text(struct fz_resp *resp, int status, const char *ctype,
                      const char *text, size_t len);
/* http_disposition: Content-Disposition naming the file in ASCII (filename=) and in
 * UTF-8 (filename*=, RFC 6266 / 5987 percent-encoding); inline_ shows it in the browser. */
enum fz_err http_disposition(struct fz_resp *resp, bool inline_, const char *ascii,
                             const char *utf8);
/* http_download: 200 with data (taken; freed with the response) as a download. */
enum fz_err http_download(struct fz_resp *resp, char *data, size_t len, const char *ctype,
                          const char *ascii, const char *utf8);
/* http_header: add a response header (copied). */
enum fz_err http_header(struct fz_resp *resp, const char *name, const char *value);
void http_resp_clear(struct fz_resp *resp);

/* ---- request helpers ---- */

/* http_query: a query-string argument, or NULL when absent or empty (server.c). */
const char *http_query(struct fz_req *req, const char *name);
/* http_request_header: a request header, or NULL (server.c). */
const char *http_request_header(struct fz_req *req, const char *name);
/* http_cookie: a cookie's value, or NULL (server.c). */
const char *http_cookie(struct fz_req *req, const char *name);
/* http_param_id: path parameter i as a positive integer; writes 404 otherwise. */
enum fz_err http_param_id(struct fz_req *req, struct fz_resp *resp, int i, int64_t *out);

/* Body field readers: each writes the 422 (or 400) error itself and returns its code.
 * Absent or null fields give the default / NULL when not required. */
enum fz_err http_body_str(struct fz_req *req, struct fz_resp *resp, const char *field,
                          bool required, size_t max_chars, const char **out);
enum fz_err http_body_int(struct fz_req *req, struct fz_resp *resp, const char *field,
                          bool required, int64_t *out, bool *present);
enum fz_err http_body_bool(struct fz_req *req, struct fz_resp *resp, const char *field,
                           bool *out, bool *present);
/* http_body_version: the required "version" field for an update. */
enum fz_err http_body_version(struct fz_req *req, struct fz_resp *resp, int64_t *out);

/* Pagination: page >= 1, 1 <= page_size <= 200 (default 20); 422 naming the field. */
struct fz_page {
    int64_t page, size, offset;
};
enum fz_err http_page(struct fz_req *req, struct fz_resp *resp, struct fz_page *out);
/* http_list: {"items": items, "total": total, "page": .., "page_size": ..}, 200. */
enum fz_err http_list(struct fz_resp *resp, json_t *items, int64_t total,
                      const struct fz_page *pg);

/* Sort: `sort=field` or `sort=-field` chosen from a whitelist of {name, SQL fragment};
 * *order gets the constant ORDER BY fragment (with DESC appended through the table). */
struct fz_sort {
    const char *name;       /* as the client says it */
    const char *asc;        /* constant SQL, e.g. "u.username ASC" */
    const char *desc;       /* constant SQL, e.g. "u.username DESC" */
};
enum fz_err http_sort(struct fz_req *req, struct fz_resp *resp,
                      const struct fz_sort *table, const char **order);

/* ---- permissions (auth.c) ---- */
bool http_has_perm(const struct fz_user *u, const char *perm);

/* audit helpers for handlers */
void http_audit(struct fz_req *req, const char *action, const char *entity, int64_t id,
                const char *summary_fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
