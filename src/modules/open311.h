/* open311.h - the Open311 GeoReport v2 intake (docs/open311.md), without HTTP: API keys,
 * discovery, services and their definitions, POST of a request (a work order with channel
 * "open311", see workorders.h), tokens and the public request queries.
 * Results are JSON in the Spark mapping of the spec's XML (arrays for the list wrappers,
 * objects for discovery and service_definition), new references the caller owns.
 * Invariant: public output never holds a citizen's name, phone or e-mail, and only shows
 * orders that came in through the public channels (open311, board). */
#ifndef FZ_OPEN311_H
#define FZ_OPEN311_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct calendar;

#define OPEN311_SPEC "http://wiki.open311.org/GeoReport_v2"
#define OPEN311_KEY_LEN 49          /* 48 hex digits (24 random bytes) + NUL */
#define OPEN311_MAX_ERRORS 16

/* The spec's error list: several errors at once, each with the HTTP-like code the spec
 * asks for (400, 403, 404) and a Chinese description shown to the user. */
struct open311_errors {
    int n;
    struct {
        int code;
        char description[256];
    } e[OPEN311_MAX_ERRORS];
};

/* open311_error_add: append one error (silently dropped past OPEN311_MAX_ERRORS). */
void open311_error_add(struct open311_errors *errs, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* open311_errors_status: the HTTP status of the list: 403 before 404 before 400. */
int open311_errors_status(const struct open311_errors *errs);
/* open311_errors_to_json: [{"code":..,"description":..}] (new reference). */
json_t *open311_errors_to_json(const struct open311_errors *errs);

/* ---- API keys (the CLI manages them; only POST requests needs one) ---- */

/* open311_key_add: a new random key (libsodium) for name into key[]; only its SHA-256
 * is stored. FZ_EINVAL bad name, FZ_ECONFLICT name taken (p says which). */
enum fz_err open311_key_add(struct db *db, const char *name, char key[OPEN311_KEY_LEN],
                            int64_t *id, struct fz_problem *p);
/* open311_key_revoke: FZ_ENOTFOUND no such name, FZ_ECONFLICT already revoked. */
enum fz_err open311_key_revoke(struct db *db, const char *name, int64_t *id);
/* open311_key_list: [{id, name, created_at, revoked, revoked_at, last_used_at}]. */
enum fz_err open311_key_list(struct db *db, json_t **out);

/* ---- reading (no key) ---- */

/* open311_discovery: the discovery object; url is the endpoint base used when the
 * setting open311.base_url is empty. */
enum fz_err open311_discovery(struct db *db, const char *url, json_t **out);
/* open311_services: the published categories as services. */
enum fz_err open311_services(struct db *db, json_t **out);
/* open311_service_definition: FZ_ENOTFOUND for an unknown or unpublished code. */
enum fz_err open311_service_definition(struct db *db, const char *code, json_t **out);
/* open311_token: [{service_request_id, token}]; FZ_ENOTFOUND when unknown. */
enum fz_err open311_token(struct db *db, const char *token, json_t **out);
/* open311_request_get: [{request}] of one public order by its number; FZ_ENOTFOUND. */
enum fz_err open311_request_get(struct db *db, const char *id, json_t **out);

/* GET requests arguments as given (NULL = absent; the caller maps "" to NULL). */
struct open311_query {
    const char *service_request_id;     /* comma list; overrides all the others */
    const char *service_code;           /* comma list */
    const char *start_date, *end_date;  /* W3C date-times with zone; span <= 90 days */
    const char *status;                 /* comma list of open, closed */
};
/* open311_requests: at most 1000 requests, newest first. Bad arguments: FZ_EINVAL with
 * every problem in errs. */
enum fz_err open311_requests(struct db *db, const struct open311_query *q, time_t now,
                             struct open311_errors *errs, json_t **out);

/* ---- POST requests ---- */

/* A parsed application/x-www-form-urlencoded body: opaque; open311_form_free(). */
struct open311_form;
/* open311_form_parse: decode body; FZ_EINVAL (with errs) on bad escapes, invalid UTF-8,
 * control characters or a field given twice (only names ending in [] may repeat). */
enum fz_err open311_form_parse(const char *body, size_t len, struct open311_form **out,
                               struct open311_errors *errs);
void open311_form_free(struct open311_form *f);

/* what a successful POST created, for the audit entry */
struct open311_created {
    int64_t wo_id;
    char no[32];                /* the work order number = service_request_id */
    char key_name[72];
    char service_code[40];
};

/* open311_request_create: check the api_key (403), the service (404) and every field
 * and attribute (400, all problems at once), then create the work order (channel
 * open311, no acting user) and its token row. *out = [{service_request_id,
 * service_notice[, account_id]}]. Must run inside the caller's transaction. */
enum fz_err open311_request_create(struct db *db, const struct calendar *cal,
                                   const struct open311_form *f, struct open311_errors *errs,
                                   struct open311_created *info, json_t **out);

/* open311_w3c_time: a W3C date ("YYYY-MM-DD", local midnight) or date-time that carries
 * a zone (Z or +-HH:MM; seconds and fractions optional) -> *out; FZ_EINVAL otherwise.
 * *date_only tells the date form (may be NULL). */
enum fz_err open311_w3c_time(const char *s, time_t *out, int *date_only);

#endif
