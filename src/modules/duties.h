/* duties.h - the organisation registers of issue 7: the rule-of-law leading group
 * (法治建设工作领导小组) with dated membership, its yearly duty items (责任分工), the
 * 谁执法谁普法 responsibility list and staff legal learning tasks (学法用法).
 * Input: records are JSON objects; the module validates every field and names the first
 * bad one in struct fz_problem. Updates carry the version read (stale: FZ_ECONFLICT,
 * code version_conflict) and change only the keys present; the merged record is
 * validated again (a duty that is done needs evidence: FZ_EINVAL field evidence).
 * Output: new JSON references the caller owns. Dates are 'YYYY-MM-DD'.
 * Every write must run inside the caller's transaction. */
#ifndef FZ_DUTIES_H
#define FZ_DUTIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"

struct db;

/* list filters; unused members stay zero/NULL */
struct duties_filter {
    int64_t year;
    const char *status;
    int64_t dept_id;
    bool overdue;               /* duties: past due and not done */
    int64_t user_id;            /* learning tasks: the assignee (0: everybody) */
    int64_t batch_id;           /* learning tasks */
    const char *origin;         /* learning tasks: manual|version|teaching (NULL: all) */
    int64_t limit, offset;      /* limit <= 0: all rows */
};

/* ---- pure rules (no database; tests/unit/test_duties.c) ---- */

/* duties_overdue: an item in status (a duty's status, or "done"/"pending" for a learning
 * task) due on due_on ('YYYY-MM-DD') is overdue on today when it is not done and due_on
 * is before today (the due day itself is still in time). NULL due_on: never overdue. */
bool duties_overdue(const char *status, const char *due_on, const char *today);
/* duties_status_rule: NULL when an item with status and evidence may be saved, else the
 * reason (Chinese, static) and *field the offending field: the status must be one of
 * not_started|in_progress|done, and a done item needs evidence that is not blank. */
const char *duties_status_rule(const char *status, const char *evidence, const char **field);
/* duties_version_due: the due date of the learning tasks of a new regulation version in
 * force from effective_from: 30 days after the later of today and effective_from. */
enum fz_err duties_version_due(const char *effective_from, const char *today, char out[11]);

/* ---- leading group ---- */

/* duties_members_list: every membership row, or (date not NULL) the members on date,
 * leader first. */
enum fz_err duties_members_list(struct db *db, const char *date, json_t **out);
/* fields: user_id, role leader|deputy|member, from_on (required); title, until_on */
enum fz_err duties_member_create(struct db *db, int64_t actor, json_t *in, int64_t *id,
                                 struct fz_problem *p);
/* duties_member_update: until_on (the last day; null reopens), title, role */
enum fz_err duties_member_update(struct db *db, int64_t id, int64_t version, json_t *in,
                                 struct fz_problem *p);
enum fz_err duties_member_get(struct db *db, int64_t id, json_t **out);

/* ---- duty items of the work plan ---- */

/* fields: year, title, due_on (required); owner_id, dept_id, status
 * not_started|in_progress|done, evidence (required when done) */
enum fz_err duties_create(struct db *db, int64_t actor, json_t *in, int64_t *id,
                          struct fz_problem *p);
enum fz_err duties_update(struct db *db, int64_t id, int64_t version, json_t *in,
                          struct fz_problem *p);
/* duties_get: the item with "overdue" (past due and not done, today) */
enum fz_err duties_get(struct db *db, int64_t id, json_t **out);
enum fz_err duties_list(struct db *db, const struct duties_filter *f, json_t **items,
                        int64_t *total);
/* duties_xlsx: the items of f (all pages) as an XLSX file: *data (caller frees) and *len */
enum fz_err duties_xlsx(struct db *db, const struct duties_filter *f, char **data,
                        size_t *len);

/* ---- 谁执法谁普法 ---- */

/* fields: year, dept_id (an external department or 综合执法部), content (required);
 * audience, planned_count, progress_count, status */
enum fz_err duties_pufa_create(struct db *db, int64_t actor, json_t *in, int64_t *id,
                               struct fz_problem *p);
enum fz_err duties_pufa_update(struct db *db, int64_t id, int64_t version, json_t *in,
                               struct fz_problem *p);
enum fz_err duties_pufa_get(struct db *db, int64_t id, json_t **out);
enum fz_err duties_pufa_list(struct db *db, const struct duties_filter *f, json_t **items,
                             int64_t *total);
/* duties_pufa_progress: per department {dept_id, dept_name, items, done, planned,
 * progress} for year (0: all years) */
enum fz_err duties_pufa_progress(struct db *db, int64_t year, json_t **out);

/* ---- learning tasks ---- */

/* duties_learning_create: title, due_on (required), regulation_ref, dept_ids (array,
 * required, non-empty); one task per active user of those departments and their
 * sub-departments. regulation_id > 0 links the tasks to that regulation. *out:
 * {"batch_id", "created"}. FZ_EINVAL field dept_ids when nobody is assigned. */
enum fz_err duties_learning_create(struct db *db, int64_t actor, json_t *in,
                                   int64_t regulation_id, json_t **out,
                                   struct fz_problem *p);
/* duties_learning_from_regulation: the same for the departments that apply regulation
 * id (title defaults to 学习《title》); FZ_ENOTFOUND when it does not exist. */
enum fz_err duties_learning_from_regulation(struct db *db, int64_t actor, int64_t id,
                                            json_t *in, json_t **out,
                                            struct fz_problem *p);
/* duties_learning_complete: the assignee completes task id, with an optional score
 * (has_score); FZ_EFORBIDDEN for anybody else, FZ_ECONFLICT when already done. */
enum fz_err duties_learning_complete(struct db *db, int64_t actor, int64_t id,
                                     bool has_score, int64_t score, struct fz_problem *p);
/* duties_learning_on_version: called by reg_version_add in its transaction when
 * regulation regulation_id gets version no: one task (origin "version") per active user
 * of the departments that apply it and their sub-departments, due duties_version_due;
 * a user who already has a task for that version gets none. *created (may be NULL)
 * gets the number of tasks made; a regulation without departments makes none (FZ_OK). */
enum fz_err duties_learning_on_version(struct db *db, int64_t actor, int64_t regulation_id,
                                       int64_t no, int64_t *created);
/* duties_learning_for_teaching: like duties_learning_create (title, due_on, dept_ids)
 * for teaching material teaching_id (origin "teaching"; title defaults to 以案说法学习：
 * the material's title). FZ_ECONFLICT unless the material is published. */
enum fz_err duties_learning_for_teaching(struct db *db, int64_t actor, int64_t teaching_id,
                                         json_t *in, json_t **out, struct fz_problem *p);
enum fz_err duties_learning_get(struct db *db, int64_t id, json_t **out);
enum fz_err duties_learning_list(struct db *db, const struct duties_filter *f,
                                 json_t **items, int64_t *total);
/* duties_learning_batches: per batch {batch_id, title, due_on, total, completed} */
enum fz_err duties_learning_batches(struct db *db, int64_t year, json_t **out);

#endif
