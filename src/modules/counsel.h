/* counsel.h - legal counsel (法律顾问): outside law firms and their lawyers (users with the
 * counsel role), engagements with period and scope, and legality review requests of
 * every kind (decision, contract, normative_document, enforcement_document, other)
 * answered with legal opinion letters (法律意见书) numbered per firm and year, e.g.
 * 秦天法意〔2023〕第001号; the figures by kind, counsel and month with turnaround in
 * working days. A request is due N working days after submission (setting
 * review.due_workdays, default 5) on the official calendar.
 * Invariant: requests are read under the data scope - a counsel (scope own) sees only
 * the requests assigned to them; any other is FZ_ENOTFOUND, as if it did not exist.
 * Calls take the same context as decisions (struct dec_ctx). Results are new JSON
 * references the caller owns. */
#ifndef FZ_COUNSEL_H
#define FZ_COUNSEL_H

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"
#include "modules/decisions.h"

/* ---- firms, lawyers, engagements ---- */

/* counsel_firms: every firm with its lawyers and engagements. */
enum fz_err counsel_firms(struct db *db, json_t **items);
/* counsel_firm_save: create (id 0; {name, letter_prefix, address, contact, phone}) or
 * update (with version, and status active|inactive). */
enum fz_err counsel_firm_save(const struct dec_ctx *c, int64_t id, json_t *body,
                              int64_t *out_id, struct fz_problem *p);
/* counsel_lawyer_save: link a user who has the counsel role to firm_id
 * {user_id, license_no, title}. */
enum fz_err counsel_lawyer_save(const struct dec_ctx *c, int64_t firm_id, json_t *body,
                                struct fz_problem *p);
/* counsel_lawyers: every lawyer with the firm and whether it is engaged today. */
enum fz_err counsel_lawyers(const struct dec_ctx *c, json_t **items);
/* counsel_engagement_create: {firm_id, contract_no, start_on, end_on, scope, fee}. */
enum fz_err counsel_engagement_create(const struct dec_ctx *c, json_t *body, int64_t *id,
                                      struct fz_problem *p);
enum fz_err counsel_engagements(struct db *db, json_t **items);

/* ---- review requests ---- */

struct review_input {
    const char *title, *kind, *material;
    int64_t decision_id;         /* 0: none */
    int64_t counsel_id;          /* 0: the legal office assigns later (review:admin) */
    const char *submitted_on;    /* YYYY-MM-DD; NULL = today (imports and the demo) */
    json_t *attachments;         /* array of documents (see dec_doc_parse) or NULL */
};
/* counsel_request_create: number SC<year>-NNNN, due date, optional assignment. */
enum fz_err counsel_request_create(const struct dec_ctx *c, const struct review_input *in,
                                   int64_t *id, struct fz_problem *p);
/* counsel_request_get: one request in the actor's scope, with attachments, events, the
 * opinion letter and the actions the actor may take. */
enum fz_err counsel_request_get(const struct dec_ctx *c, int64_t id, json_t **out);

struct review_filter {
    const char *q, *kind, *status, *from, *to;   /* from/to: submitted_on bounds */
    const char *letter_from, *letter_to;         /* the opinion letter's date bounds */
    int64_t counsel_id, decision_id;
    bool mine;                   /* only requests assigned to the actor */
    bool overdue;
    int64_t limit, offset;
};
enum fz_err counsel_request_list(const struct dec_ctx *c, const struct review_filter *f,
                                 json_t **items, int64_t *total);

/* counsel_assign: {counsel_id} - the lawyer's firm must be engaged on that day. */
enum fz_err counsel_assign(const struct dec_ctx *c, int64_t id, json_t *body,
                           struct fz_problem *p);
/* counsel_return: the assigned counsel asks for more material {reason} (退回补充材料). */
enum fz_err counsel_return(const struct dec_ctx *c, int64_t id, json_t *body,
                           struct fz_problem *p);
/* counsel_resubmit: the requester supplements {material, attachments}; the due date
 * runs again from the resubmission. */
enum fz_err counsel_resubmit(const struct dec_ctx *c, int64_t id, json_t *body,
                             struct fz_problem *p);
/* counsel_opinion: the assigned counsel answers with a letter {letter_on, conclusion:
 * lawful|lawful_with_changes|unlawful|other, reasoning, attachments}; *no gets its
 * number. */
enum fz_err counsel_opinion(const struct dec_ctx *c, int64_t id, json_t *body,
                            int64_t *letter_id, char no[64], struct fz_problem *p);
/* counsel_attachment: the bytes of attachment att_id of request id (caller frees *data);
 * *meta a new {name, mime, sha256}. */
enum fz_err counsel_attachment(const struct dec_ctx *c, int64_t id, int64_t att_id,
                               char **data, size_t *len, json_t **meta);
/* counsel_letter_docx: the opinion letter of request id as DOCX (caller frees). */
enum fz_err counsel_letter_docx(const struct dec_ctx *c, int64_t id, char **data,
                                size_t *len, char name[160]);

/* counsel_stats: requests (by submission date) and letters (by letter date) in
 * [from, to] ('YYYY-MM-DD'), by kind, counsel and month; turnaround in working days
 * (average, longest); overdue (answered late, open past due). */
enum fz_err counsel_stats(const struct dec_ctx *c, const char *from, const char *to,
                          json_t **out);

#endif
