/* workorders.h - 12345 hotline and message-board work orders (工单), end to end:
 * registration with duplicate detection, the lifecycle as the 12345 system runs it
 * (received -> dispatched -> signed -> in_progress -> drafted -> reviewed -> replied ->
 * visited -> closed, with return, extension, supervision, pause/resume, merge and
 * reopen), deadlines in working days from the official calendar, the deadline sweep and
 * the 12345 system's own figures. The lifecycle is a table of actions in workorders.c:
 * an action not allowed from the current state is FZ_ECONFLICT naming the allowed ones.
 * Citizens' names and phone numbers are masked for users without workorder:pii.
 * Results are new JSON references the caller owns. */
#ifndef FZ_WORKORDERS_H
#define FZ_WORKORDERS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_user;
struct calendar;

struct wo_input {
    const char *platform_no;     /* 12345 转办单号, optional, unique */
    const char *channel;         /* hotline | board | phone | walkin | open311 */
    const char *category;        /* a wo_categories code */
    const char *urgency;         /* normal | urgent | critical; NULL = normal */
    const char *subject, *content;
    const char *citizen_name, *citizen_phone, *citizen_email;
    const char *address;
    double lat, lng;
    bool has_location;
    const char *enterprise_uscc;
    const char *received_at;     /* ISO time; NULL = now (imports carry the platform's) */
    int64_t dept_id;             /* optional: dispatch at once */
};

/* wo_create: validate, number (GD<year>-<seq>), compute the deadlines, flag a likely
 * duplicate (same phone, similar text, within the configured window). */
enum fz_err wo_create(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                      const struct wo_input *in, int64_t *id, struct fz_problem *p);

/* wo_get: one order with its timeline and the actions the actor may take now;
 * FZ_ENOTFOUND outside the actor's data scope. */
enum fz_err wo_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out);

struct wo_filter {
    /* flag: overdue | near_due | supervised | paused | duplicate | late */
    const char *q, *status, *category, *channel, *urgency, *flag;
    const char *from, *to;       /* received_at bounds (ISO) */
    int64_t dept_id;
    bool include_merged;         /* orders merged into another are left out by default */
    const char *order;           /* constant ORDER BY fragment */
    int64_t limit, offset;
};
enum fz_err wo_list(struct db *db, const struct fz_user *actor, const struct wo_filter *f,
                    json_t **items, int64_t *total);

/* wo_act: apply {"action": ..., ...} to order id. On FZ_ECONFLICT *allowed (may be NULL)
 * gets a new array of the actions allowed now. *summary gets a short Chinese line. */
enum fz_err wo_act(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                   int64_t id, json_t *body, json_t **allowed, char summary[160],
                   struct fz_problem *p);

/* wo_act_at: wo_act as of time `at` (imports and the demo data replay history). */
enum fz_err wo_act_at(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                      int64_t id, json_t *body, time_t at, json_t **allowed,
                      char summary[160], struct fz_problem *p);

/* wo_stats: the figures for received_at in [from, to] (ISO bounds), optionally one
 * department or category: totals, by department, by category, by month. */
enum fz_err wo_stats(struct db *db, const struct fz_user *actor, const char *from,
                     const char *to, int64_t dept_id, const char *category, json_t **out);

/* wo_sweep: flag orders whose reply deadline passed (overdue_at, an 'overdue' event);
 * *n gets how many were newly flagged. */
enum fz_err wo_sweep(struct db *db, time_t now, int *n);

/* wo_categories / wo_rules: the lists, and a rule update by an admin. */
enum fz_err wo_categories(struct db *db, json_t **items);
enum fz_err wo_rules(struct db *db, json_t **items);
enum fz_err wo_rule_update(struct db *db, int64_t id, int64_t version, json_t *body,
                           struct fz_problem *p);

/* wo_import: create orders from a platform export (see workorders_import.c); *out is
 * {rows, created, existing, rejected:[{row, column, reason}]}. Runs inside the caller's
 * transaction; each row in its own savepoint. */
struct table;
enum fz_err wo_import(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                      const struct table *t, json_t **out);

/* wo_is_status: one of the lifecycle states (received ... closed) */
bool wo_is_status(const char *s);

/* wo_mask_phone / wo_mask_name: 138****1234, 张* (for lists and exports) */
void wo_mask_phone(const char *in, char *out, size_t n);
void wo_mask_name(const char *in, char *out, size_t n);

#endif
