/* cases.h - administrative enforcement cases (行政执法) under the Administrative Penalty Law
 * (行政处罚法, 2021): officers with certificates, penalty cases in the simplified and the
 * ordinary procedure, inspections, on-site acts with at least two certified officers
 * (Art. 42), the stage order with its gates (Arts. 44, 45, 51, 57, 58, 60-64, 67, 72),
 * deadlines in working days (Art. 85), the evidence of the full-process record (Art. 47)
 * and publication (Art. 48; 国办发〔2018〕118号); the legal basis cited in the regulation
 * version in force on the day, evidence preserved in advance (Art. 56) and recusal
 * (Art. 43) are actions of the same table. Like work orders, the lifecycle is a table
 * of actions in cases.c; a skipped or out-of-order step is FZ_ECONFLICT with
 * code procedure_violation and a message citing the article. Results are new JSON the
 * caller owns; every function takes the actor for data scope (NULL: the CLI). */
#ifndef FZ_CASES_H
#define FZ_CASES_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_user;
struct calendar;
struct fz_upload;

/* officers */
enum fz_err officers_list(struct db *db, const struct fz_user *actor, const char *q,
                          json_t **items);
enum fz_err officer_create(struct db *db, json_t *body, int64_t *id, struct fz_problem *p);
enum fz_err officer_update(struct db *db, int64_t id, json_t *body, struct fz_problem *p);
enum fz_err officer_get(struct db *db, int64_t id, json_t **out);
/* officers_check: ids (JSON array) name at least two distinct officers whose certificate
 * is valid on day (YYYY-MM-DD); *certs gets their certificate numbers (new array). */
enum fz_err officers_check(struct db *db, json_t *ids, const char *day, json_t **certs,
                           struct fz_problem *p);

/* powers list (权责清单) */
enum fz_err powers_list(struct db *db, json_t **items);
enum fz_err power_create(struct db *db, json_t *body, int64_t *id, struct fz_problem *p);

/* cases */
/* case_create: body as POST /api/v1/cases, with optional citations [{regulation_id,
 * article}] resolved to the versions in force on violation_at (else the registration day);
 * *warnings (new array, e.g. the Art. 36 limitation) is set only on FZ_OK. */
enum fz_err case_create(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                        json_t *body, time_t at, int64_t *id, json_t **warnings,
                        struct fz_problem *p);
enum fz_err case_get(struct db *db, const struct fz_user *actor, int64_t id, json_t **out);
struct case_filter {
    const char *q, *stage, *kind, *flag;
    int64_t dept_id;
    int64_t limit, offset;
};
enum fz_err cases_list(struct db *db, const struct fz_user *actor,
                       const struct case_filter *f, json_t **items, int64_t *total);
/* case_act: {"action": ...}; at = when it happened (time(NULL) for the API). Besides the
 * stages: cite, request_preservation, approve_preservation, preserve, handle_preservation
 * (Art. 56), apply_recusal, decide_recusal (Art. 43); see docs/enforcement.md. */
enum fz_err case_act(struct db *db, const struct calendar *cal, const struct fz_user *actor,
                     int64_t id, json_t *body, time_t at, json_t **allowed,
                     char summary[160], struct fz_problem *p);
/* case_add_act: an on-site act with its officers (>= 2 valid, Art. 42) */
enum fz_err case_add_act(struct db *db, const struct fz_user *actor, int64_t id,
                         json_t *body, time_t at, int64_t *act_id, struct fz_problem *p);
/* case_add_evidence: file the streamed upload (already in the store) as evidence,
 * received at `at` (0: now; the demo replays history) */
enum fz_err case_add_evidence(struct db *db, const struct fz_user *actor, int64_t id,
                              const struct fz_upload *up, time_t at, json_t **out,
                              struct fz_problem *p);
enum fz_err evidence_get(struct db *db, const struct fz_user *actor, int64_t id,
                         json_t **out);
/* cases_checklist: the records the law expects per stage reached, present or missing */
enum fz_err case_checklist(struct db *db, int64_t id, json_t **out);

/* case_document: a key document of the case (kind filing_form | notice_doc |
 * decision_doc | service_receipt) as DOCX bytes (caller frees *out); name gets a file
 * name. FZ_ECONFLICT (procedure_violation) before the document's step was taken. */
enum fz_err case_document(struct db *db, const struct fz_user *actor, int64_t id,
                          const char *kind, char **out, size_t *len, char name[128],
                          struct fz_problem *p);

/* publication: published, not withdrawn decisions with personal data masked */
enum fz_err cases_published(struct db *db, json_t **items);

/* cases_verify_files: re-hash every evidence file; *bad gets the first altered or
 * missing one (new JSON) or NULL. */
enum fz_err cases_verify_files(struct db *db, const char *root, json_t **bad, int64_t *n);

#endif
