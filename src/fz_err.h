/* fz_err.h - the one result-code space of fazhi (curl's CURLcode habit).
 * Every function that can fail returns enum fz_err; FZ_OK is 0 so `if (rc)` tests failure.
 * The HTTP layer maps each code to a status and a stable snake_case code (http/json.c). */
#ifndef FZ_ERR_H
#define FZ_ERR_H

enum fz_err {
    FZ_OK = 0,
    FZ_EINVAL,      /* a field is invalid (422 invalid_field) */
    FZ_EMALFORMED,  /* the request cannot be parsed (400 bad_request) */
    FZ_EUNAUTH,     /* no valid session (401 unauthorized) */
    FZ_EFORBIDDEN,  /* authenticated but not allowed (403 forbidden) */
    FZ_ENOTFOUND,   /* no such record, or not visible to the user (404 not_found) */
    FZ_ECONFLICT,   /* state or version conflict (409 conflict) */
    FZ_ETOOLARGE,   /* body over the limit (413 too_large) */
    FZ_EMETHOD,     /* method not allowed on this path (405) */
    FZ_ELOCKED,     /* account locked after failed logins (423 locked) */
    FZ_EDB,         /* database failure (500) */
    FZ_ENOMEM,      /* allocation failed (500) */
    FZ_EIO,         /* file or socket failure (500) */
    FZ_EINTERNAL,   /* a bug or an impossible state (500) */
    FZ_EBUSY,       /* database busy beyond the timeout (503) */
    FZ_ERR_COUNT
};

/* fz_strerror: a short English description; static storage, never NULL. */
const char *fz_strerror(enum fz_err e);

#endif

#ifndef FZ_PROBLEM_H
#define FZ_PROBLEM_H
/* struct fz_problem: what a module says about a rejected input, for the HTTP layer to
 * report without the module knowing HTTP: the field, an optional stable code and a
 * Chinese message. Modules fill it when they return FZ_EINVAL/FZ_ECONFLICT/... */
struct fz_problem {
    const char *field;      /* static string or NULL */
    const char *code;       /* static string or NULL (then derived from the fz_err) */
    char message[256];
};
void fz_problem_set(struct fz_problem *p, const char *field, const char *code,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
#endif
