/* decisions.h - major administrative decisions (重大行政决策, 国务院令第713号; DOMAIN.md §4)
 * and collective decision-making (集体决策): the yearly decision catalogue; each
 * decision's statutory procedure as a table of actions with gates (启动 → 公众参与 →
 * 专家论证 → 风险评估 → 合法性审查 → 集体讨论决定 → 公布 → 执行/后评估 → 归档) and its
 * documents (SHA-256 each); decision-making bodies with quorum rules, meetings with
 * agenda, attendance, opinions, decisions, dissent and minutes (DOCX); and major matters
 * (重大事项) that only a meeting may decide.
 * Invariant: a procedural rule that is not met is FZ_ECONFLICT with problem code
 * "procedure_violation" and a message naming the missing step and its article; the
 * gates are pure functions (dec_gate, dec_check_*, mtg_quorum_held) tested on their own.
 * Results are new JSON references the caller owns. No data scope applies: decisions
 * and meetings are the organisation's, visible to whoever holds the read permission. */
#ifndef FZ_DECISIONS_H
#define FZ_DECISIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_upload;
struct fz_user;
struct calendar;

/* what every call gets: storage, the working-day calendar, who acts, and "now" (the
 * demo replays history with past times). actor NULL is the CLI: every permission. */
struct dec_ctx {
    struct db *db;
    const struct calendar *cal;
    const struct fz_user *actor;
    time_t now;
    const char *files;           /* the file store root; NULL keeps documents in SQLite */
};

/* ---- helpers shared with counsel.c ---- */

/* dec_fail: fill p (the message cut on a UTF-8 boundary to fit) and return rc. */
enum fz_err dec_fail(struct fz_problem *p, enum fz_err rc, const char *field,
                     const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* dec_summarize: printf into out[200], cut on a UTF-8 boundary (audit summaries). */
void dec_summarize(char out[200], const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* dec_text: string field k of body (NULL or "" = absent), at most max characters;
 * *out borrowed from body. FZ_EINVAL naming k ("<what>不能为空" when required). */
enum fz_err dec_text(json_t *body, const char *k, const char *what, bool required,
                     long max, const char **out, struct fz_problem *p);
/* dec_date: a 'YYYY-MM-DD' field as a day number; absent -> FZ_OK, *present false. */
enum fz_err dec_date(json_t *body, const char *k, const char *what, int32_t *day,
                     bool *present, struct fz_problem *p);

/* ---- documents (shared with counsel.c) ---- */

/* Where new documents go: the content-addressed file store under c->files (store
 * 'files', SHA-256 and SM3 kept in the row) or, without a store, the database (store
 * 'db', the old way). Both are read, so documents stored before 014 stay readable. */
/* a document as posted: {"name": ..., "text": "..."} (stored as UTF-8 text) or
 * {"name": ..., "content_base64": "...", "mime": ...}; at most 8 MiB decoded */
struct dec_doc {
    char name[256];
    char mime[128];
    unsigned char *data;         /* owned; dec_doc_free() */
    size_t len;
    char sha256[65];             /* hex of the bytes */
    char sm3[65];                /* filled when stored in the file store */
};
/* dec_doc_parse: validate and decode doc; field names it in problems (e.g.
 * "documents"). On FZ_OK the caller owns out->data (dec_doc_free). */
enum fz_err dec_doc_parse(json_t *doc, const char *field, struct dec_doc *out,
                          struct fz_problem *p);
void dec_doc_free(struct dec_doc *d);
/* dec_doc_put: put the bytes of d into the file store c->files (fills d->sm3); FZ_OK and
 * nothing done without a store (the row then keeps the bytes). */
enum fz_err dec_doc_put(const struct dec_ctx *c, struct dec_doc *d);

/* ---- the gates (pure functions) ---- */

enum dec_proc { DEC_PENDING = 0, DEC_DONE = 1, DEC_NA = 2 };

/* the parts of a decision the gates read */
struct dec_state {
    const char *status;          /* drafting under_review reviewed decided rejected
                                    deferred published archived */
    enum dec_proc participation, expert, risk;
    const char *review_result;   /* NULL, lawful, unlawful, exploratory_with_risk_statement */
    bool party_report_required;  /* Art. 31: report to the Party committee before issuing */
    const char *party_report;    /* NULL, agreed, agreed_with_changes, disagreed */
    const char *impl_state;      /* Art. 37: NULL (not published), in_force, adjusted,
                                    suspended, resumed, terminated */
};

/* dec_gate: may `action` run in state s? true, or false with *why (static text naming
 * the missing step and its article). Unknown actions are refused with a message. */
bool dec_gate(const char *action, const struct dec_state *s, const char **why);

/* dec_check_comment_period: Art. 15 - the public comment period [start, end] (day
 * numbers) lasts at least 30 days unless a shortening reason is given. FZ_OK, FZ_EINVAL
 * (end before start) or FZ_ECONFLICT procedure_violation (field shortening_reason). */
enum fz_err dec_check_comment_period(int32_t start, int32_t end, const char *reason,
                                     struct fz_problem *p);
/* dec_check_review_time: Art. 26 - the legality review takes at least 7 working days
 * after submission unless an override reason is recorded. workdays is the count of
 * working days after the submission day up to the review day. */
enum fz_err dec_check_review_time(int workdays, const char *override_reason,
                                  struct fz_problem *p);
/* dec_check_hearing_notice: Art. 17 - hearing materials reach the participants at
 * least DEC_HEARING_NOTICE_DAYS (7) days before the hearing (sent <= held - 7). FZ_OK,
 * FZ_EINVAL (sent after the hearing) or FZ_ECONFLICT procedure_violation (field
 * materials_sent_on). */
#define DEC_HEARING_NOTICE_DAYS 7
enum fz_err dec_check_hearing_notice(int32_t sent, int32_t held, struct fz_problem *p);
/* dec_adjust_next: Art. 37 - the implementation state after adjustment kind (adjust,
 * suspend, resume, terminate) from state from; NULL with *why when not allowed. */
const char *dec_adjust_next(const char *from, const char *kind, const char **why);
/* mtg_quorum_held: present * den > members * num (strict) or >= (not strict); a body
 * without members never has a quorum. */
bool mtg_quorum_held(int members, int present, int num, int den, bool strict);
/* mtg_against_majority: does `outcome` go against the majority of stated opinions
 * (adopted while more disagree than agree, or rejected while more agree)? Then the
 * chair must explain (Art. 30). */
bool mtg_against_majority(const char *outcome, int agree, int disagree);

/* ---- decisions ---- */

struct dec_input {
    const char *title, *category, *org, *proposer, *description;
    int64_t lead_dept_id;
    int64_t catalogue_item_id;   /* 0: none */
    const char *initiated_on;    /* YYYY-MM-DD; NULL = today */
    bool party_report_required;  /* Art. 31 applies (按照规定须向同级党委请示报告) */
};
/* dec_create: 启动 (Art. 10-11): number JC<year>-NNN, status drafting, the first step. */
enum fz_err dec_create(const struct dec_ctx *c, const struct dec_input *in, int64_t *id,
                       struct fz_problem *p);
/* dec_get: one decision with its procedure (each step: state, date, who, blocked and
 * why), steps timeline, documents (without content), allowed and blocked actions. */
enum fz_err dec_get(const struct dec_ctx *c, int64_t id, json_t **out);

struct dec_filter {
    const char *q, *status, *org;
    const char *from, *to;               /* initiated_on bounds */
    const char *decided_from, *decided_to;
    const char *published_from, *published_to;
    bool review_overdue;                 /* under review, the counsel's request past due */
    const char *today;                   /* YYYY-MM-DD, for review_overdue */
    int64_t year;
    int64_t limit, offset;
};
enum fz_err dec_list(const struct dec_ctx *c, const struct dec_filter *f, json_t **items,
                     int64_t *total);

/* dec_act: apply {"action": ..., ...} to decision id. On FZ_ECONFLICT *allowed (may be
 * NULL) gets a new array of the actions allowed now; *summary a short Chinese line;
 * *audit (may be NULL) a new object for the audit detail (archive: the hashes). */
enum fz_err dec_act(const struct dec_ctx *c, int64_t id, json_t *body, json_t **allowed,
                    char summary[200], json_t **audit, struct fz_problem *p);

/* dec_attach: add a document {name, text | content_base64, mime} to a step. */
enum fz_err dec_attach(const struct dec_ctx *c, int64_t id, const char *step, json_t *doc,
                       int64_t *doc_id, struct fz_problem *p);
/* dec_attach_upload: add a streamed upload (already hashed, still in its temporary
 * file) as a document of a step; the caller then moves the file into the store
 * (files_adopt). *row gets the new document (new JSON). */
enum fz_err dec_attach_upload(const struct dec_ctx *c, int64_t id, const char *step,
                              const struct fz_upload *up, json_t **row,
                              struct fz_problem *p);
/* dec_document: one document's name, type, sha256 and store (new JSON *meta); for a
 * document kept in SQLite also its bytes (caller frees *data); for one in the file
 * store *data is NULL and the caller reads files_path(sha256). */
enum fz_err dec_document(struct db *db, int64_t id, int64_t doc_id, char **data,
                         size_t *len, json_t **meta);
/* dec_read_stored: the bytes of a file-store document into b, checked against its
 * SHA-256 (FZ_ECONFLICT when changed, FZ_ENOTFOUND when missing). */
struct buf;
enum fz_err dec_read_stored(const char *files, const char *sha256, struct buf *b);
/* dec_verify_files: every decision document and review attachment kept in the file
 * store, checked with files_check; *n counts them, *bad (new JSON, or NULL) names the
 * first missing or altered one {table, id, owner_id, name, sha256, problem}. */
enum fz_err dec_verify_files(struct db *db, const char *files, json_t **bad, int64_t *n);
/* dec_archive_zip: the sealed file of an archived decision: documents/, manifest.json,
 * manifest.sha256 and README.txt, zipped (caller frees *data). FZ_ECONFLICT before
 * archiving, or (code integrity_failure) when a document or the manifest no longer has
 * the SHA-256 sealed at archiving. name gets the file name. */
enum fz_err dec_archive_zip(struct db *db, const char *files, int64_t id, char **data,
                            size_t *len, char name[128], struct fz_problem *p);

/* ---- the catalogue (决策事项目录) ---- */

/* dec_catalogues: every catalogue, or only published ones when !all. */
enum fz_err dec_catalogues(struct db *db, bool all, json_t **items);
/* dec_catalogue_get: one catalogue with items (their decision, if initiated). */
enum fz_err dec_catalogue_get(struct db *db, int64_t id, bool all, json_t **out);
/* dec_catalogue_get_year: the published catalogue of a year (public). */
enum fz_err dec_catalogue_year(struct db *db, int64_t year, json_t **out);
/* dec_catalogue_save: create (id 0) or replace the title and items of a draft:
 * {year, title, items:[{title, category, lead_dept_id, planned, note}]}. */
enum fz_err dec_catalogue_save(const struct dec_ctx *c, int64_t id, int64_t version,
                               json_t *body, int64_t *out_id, struct fz_problem *p);
/* dec_catalogue_advance: draft -> party_approved -> published ({"action":
 * "party_approve"|"publish", "date"}). */
enum fz_err dec_catalogue_advance(const struct dec_ctx *c, int64_t id, json_t *body,
                                  struct fz_problem *p);

/* ---- meetings ---- */

enum fz_err mtg_bodies(struct db *db, json_t **items);
/* mtg_body_update: quorum rule and members {quorum_num, quorum_den, quorum_strict,
 * members:[{user_id, duty, is_chair}], version}. */
enum fz_err mtg_body_update(const struct dec_ctx *c, int64_t id, json_t *body,
                            struct fz_problem *p);
/* mtg_create: {body_id, title, held_on, start_time, place, chair_id, recorder,
 * items:[{title, presenter, description, decision_id, matter_id}]}; numbered
 * <body>〔year〕第N次. */
enum fz_err mtg_create(const struct dec_ctx *c, json_t *body, int64_t *id,
                       struct fz_problem *p);
enum fz_err mtg_get(struct db *db, int64_t id, json_t **out);

struct mtg_filter {
    const char *q, *status;
    int64_t body_id, year;
    int64_t limit, offset;
};
enum fz_err mtg_list(struct db *db, const struct mtg_filter *f, json_t **items,
                     int64_t *total);
/* mtg_update: title, place, start_time, recorder, minutes (with version); not closed. */
enum fz_err mtg_update(const struct dec_ctx *c, int64_t id, json_t *body,
                       struct fz_problem *p);
enum fz_err mtg_add_item(const struct dec_ctx *c, int64_t id, json_t *body,
                         int64_t *item_id, struct fz_problem *p);
/* mtg_attendance: {attendees:[{user_id, present, role, absence_reason}]}: every member
 * of the body must be listed; computes the quorum; planned -> held. */
enum fz_err mtg_attendance(const struct dec_ctx *c, int64_t id, json_t *body,
                           struct fz_problem *p);
/* mtg_opinions: {opinions:[{user_id, opinion: agree|disagree|abstain, statement}]}
 * for agenda item item_id; only people present. */
enum fz_err mtg_opinions(const struct dec_ctx *c, int64_t id, int64_t item_id,
                         json_t *body, struct fz_problem *p);
/* mtg_decide: the meeting's decision on an item {outcome, resolution, dissent,
 * against_majority_reason}; needs a held meeting with a quorum. A linked decision
 * moves on (its gates apply; *allowed as in dec_act), a linked major matter is decided. */
enum fz_err mtg_decide(const struct dec_ctx *c, int64_t id, int64_t item_id, json_t *body,
                       json_t **allowed, char summary[200], struct fz_problem *p);
/* mtg_close: {minutes} final; every item must have an outcome. */
enum fz_err mtg_close(const struct dec_ctx *c, int64_t id, json_t *body,
                      struct fz_problem *p);
/* mtg_minutes_docx: the minutes as DOCX (caller frees *data); name gets a file name. */
enum fz_err mtg_minutes_docx(struct db *db, int64_t id, char **data, size_t *len,
                             char name[160]);

/* ---- major matters (重大事项) ---- */

enum fz_err matter_kinds(struct db *db, json_t **items);
/* matter_kind_update: {name, threshold (yuan, null = always major), basis, version}. */
enum fz_err matter_kind_update(struct db *db, const char *code, json_t *body,
                               struct fz_problem *p);
/* matter_create: {title, kind, amount, org, description}; major is derived. */
enum fz_err matter_create(const struct dec_ctx *c, json_t *body, int64_t *id,
                          struct fz_problem *p);
enum fz_err matter_list(struct db *db, const char *status, int64_t limit, int64_t offset,
                        json_t **items, int64_t *total);
enum fz_err matter_get(struct db *db, int64_t id, json_t **out);
/* matter_decide: {outcome, meeting_item_id}. A major matter without a meeting item ->
 * FZ_ECONFLICT procedure_violation citing its kind's basis; with one, the meeting
 * decides it (mtg_decide). A matter under its threshold is decided directly. */
enum fz_err matter_decide(const struct dec_ctx *c, int64_t id, json_t *body,
                          char summary[200], struct fz_problem *p);

#endif
