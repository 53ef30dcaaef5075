/* registries.h - the registers of issue 7: the enterprises of the zone (企业名录) with
 * import and XLSX export, credit commitment letters (信用承诺书), integrity briefings
 * (诚信经营宣讲) with the enterprises that attended, breaches (违诺记录), outreach and
 * study activities (普法、反诈、学习), and the period statistics the annual report uses.
 *
 * Input: records come in as JSON objects (the API body, an import row, a demo row); the
 * module validates every field itself (types, lengths, dates 'YYYY-MM-DD', the GB 32100
 * code, per-kind rules of activities) and reports the first bad one in struct fz_problem
 * (field = the JSON key). Updates carry the version read; a stale one is FZ_ECONFLICT with
 * code version_conflict. An update changes only the keys present in the object (null
 * clears), then the whole merged record is validated again.
 * Output: new JSON references the caller owns; list-valued fields (laws, attendees,
 * contacts, ...) are arrays. Dates are 'YYYY-MM-DD' strings.
 * Data scope: enterprises and the credit registers are zone-wide; activities belong to
 * their organiser department and follow the actor's data scope (modules/scope.h) for
 * reading, writing and the statistics. actor NULL (the CLI) sees everything.
 * Every write must run inside the caller's transaction. */
#ifndef FZ_REGISTRIES_H
#define FZ_REGISTRIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_user;
struct table;

/* list filters; unused members stay zero/NULL */
struct registries_filter {
    const char *q;              /* substring of name/uscc (enterprises), title/partner
                                   (activities), enterprise name/uscc (credit registers) */
    const char *industry;       /* enterprises: exact industry */
    const char *status;         /* status code of the register */
    const char *kind;           /* commitments, activities: kind code */
    const char *group;          /* activities: pufa | anti_fraud | study */
    const char *from, *to;      /* inclusive date range of the register's main date */
    int64_t year;               /* enterprises: settled in this year */
    int64_t enterprise_id;      /* credit registers */
    int64_t dept_id;            /* activities, briefings, service registers: organiser;
                                   service requests: responsible department */
    const char *category;       /* service requests: category code */
    const char *source;         /* service requests: shuangwan | visit | phone | other */
    const char *channel;        /* financing contacts: channel code */
    const char *outcome;        /* financing contacts: outcome code */
    int64_t visit_id;           /* service requests: follow-ups of this visit */
    const char *order;          /* constant ORDER BY fragment from a whitelist */
    int64_t limit, offset;      /* limit -1: all rows */
};

/* ---- enterprises ---- */

/* registries_enterprise_create: name and uscc required; others optional (legal_rep,
 * address, industry, settled_on, contacts [{name, phone}], status active|moved_out|
 * deregistered, remark). A duplicate uscc is FZ_ECONFLICT (field uscc, code duplicate). */
enum fz_err registries_enterprise_create(struct db *db, const struct fz_user *actor,
                                         json_t *in, int64_t *id, struct fz_problem *p);
enum fz_err registries_enterprise_update(struct db *db, const struct fz_user *actor,
                                         int64_t id, int64_t version, json_t *in,
                                         struct fz_problem *p);
enum fz_err registries_enterprise_get(struct db *db, int64_t id, json_t **out);
enum fz_err registries_enterprises_list(struct db *db, const struct registries_filter *f,
                                        json_t **items, int64_t *total);
/* registries_enterprise_credit: {enterprise, commitments, briefings, breaches, summary} */
enum fz_err registries_enterprise_credit(struct db *db, int64_t id, json_t **out);

/* registries_enterprises_import: create or update enterprises from t, keyed by uscc.
 * Row 1 names the columns (企业名称/name, 统一社会信用代码/uscc, 法定代表人/legal_rep,
 * 地址/address, 行业/industry, 入驻日期/settled_on, 联系人/contact_name,
 * 联系电话/contact_phone, 状态/status, 备注/remark; others are ignored). Bad rows are
 * skipped and reported; an unchanged row is neither created nor updated.
 * *report: {"created","updated","unchanged","total","rejected":[{"row","column",
 * "reason","value"}],"created_ids","updated_ids"} (new reference). FZ_EINVAL with p
 * (field "file") when the header lacks a required column or there are no data rows. */
enum fz_err registries_enterprises_import(struct db *db, const struct fz_user *actor,
                                         const struct table *t, json_t **report,
                                         struct fz_problem *p);
/* registries_enterprises_xlsx: the filtered list as an XLSX file with Chinese headers
 * matching the import columns (so an export can be imported again). Caller frees *data. */
enum fz_err registries_enterprises_xlsx(struct db *db, const struct registries_filter *f,
                                        char **data, size_t *len);

/* ---- credit commitment letters ---- */

/* fields: enterprise_id, kind credit|integrity|notification, signed_on (required);
 * content, signer, valid_until (>= signed_on), file_ref, status valid|breached|revoked */
enum fz_err registries_commitment_create(struct db *db, const struct fz_user *actor,
                                         json_t *in, int64_t *id, struct fz_problem *p);
enum fz_err registries_commitment_update(struct db *db, const struct fz_user *actor,
                                         int64_t id, int64_t version, json_t *in,
                                         struct fz_problem *p);
enum fz_err registries_commitment_get(struct db *db, int64_t id, json_t **out);
enum fz_err registries_commitments_list(struct db *db, const struct registries_filter *f,
                                        json_t **items, int64_t *total);
enum fz_err registries_commitments_xlsx(struct db *db, const struct registries_filter *f,
                                        char **data, size_t *len);

/* ---- integrity briefings ---- */

/* fields: title, held_on (required); location, speaker, dept_id, people_count,
 * enterprise_ids (array of enterprise ids that attended), notes */
enum fz_err registries_briefing_create(struct db *db, const struct fz_user *actor,
                                       json_t *in, int64_t *id, struct fz_problem *p);
enum fz_err registries_briefing_update(struct db *db, const struct fz_user *actor,
                                       int64_t id, int64_t version, json_t *in,
                                       struct fz_problem *p);
enum fz_err registries_briefing_get(struct db *db, int64_t id, json_t **out);
enum fz_err registries_briefings_list(struct db *db, const struct registries_filter *f,
                                      json_t **items, int64_t *total);

/* ---- breaches ---- */

/* fields: enterprise_id, found_on, description (required); commitment_id (a letter of
 * the same enterprise), evidence, handling, status open|handled */
enum fz_err registries_breach_create(struct db *db, const struct fz_user *actor,
                                     json_t *in, int64_t *id, struct fz_problem *p);
enum fz_err registries_breach_update(struct db *db, const struct fz_user *actor,
                                     int64_t id, int64_t version, json_t *in,
                                     struct fz_problem *p);
enum fz_err registries_breach_get(struct db *db, int64_t id, json_t **out);
enum fz_err registries_breaches_list(struct db *db, const struct registries_filter *f,
                                     json_t **items, int64_t *total);

/* ---- outreach and study activities ---- */

/* fields: kind (required, fixed after creation), title, held_on (required); dept_id
 * (organiser, default the actor's department), partner, location, laws (array of text),
 * audience, enterprises_reached, material, notes; and per kind: pufa_online channel
 * (required), link, reads; anti_fraud leaflets, app_installs, warnings (audience
 * required); study_* attendees (required), absentees; enforcement_publicity departments
 * (required); pufa_lecture/onsite/case laws (required). A field of another kind is
 * FZ_EINVAL naming it. */
enum fz_err registries_activity_create(struct db *db, const struct fz_user *actor,
                                       json_t *in, int64_t *id, struct fz_problem *p);
enum fz_err registries_activity_update(struct db *db, const struct fz_user *actor,
                                       int64_t id, int64_t version, json_t *in,
                                       struct fz_problem *p);
/* registries_activity_get: FZ_ENOTFOUND also outside the actor's data scope */
enum fz_err registries_activity_get(struct db *db, const struct fz_user *actor, int64_t id,
                                    json_t **out);
enum fz_err registries_activities_list(struct db *db, const struct fz_user *actor,
                                       const struct registries_filter *f, json_t **items,
                                       int64_t *total);
enum fz_err registries_activities_xlsx(struct db *db, const struct fz_user *actor,
                                       const struct registries_filter *f, char **data,
                                       size_t *len);
/* registries_activity_kinds: [{kind, label, group, fields, required}] (new reference) */
json_t *registries_activity_kinds(void);

/* ---- enterprise service (双万双服) and 信易贷 promotion ----
 * Data scope: a visit and a financing contact belong to their organiser department
 * (dept_id, default the writer's); a service request to its receiving department
 * (recv_dept_id, default the writer's) and to its responsible department (dept_id):
 * both see it. A record may only be filed for departments in the writer's scope (the
 * responsible department of a request may be any department). Get/update outside the
 * scope is FZ_ENOTFOUND. */

/* visits: enterprise_id, visited_on, visitors (list), purpose (required); findings,
 * dept_id. The reply lists the follow-up requests (requests) and their count. */
enum fz_err registries_visit_create(struct db *db, const struct fz_user *actor, json_t *in,
                                    int64_t *id, struct fz_problem *p);
enum fz_err registries_visit_update(struct db *db, const struct fz_user *actor, int64_t id,
                                    int64_t version, json_t *in, struct fz_problem *p);
enum fz_err registries_visit_get(struct db *db, const struct fz_user *actor, int64_t id,
                                 json_t **out);
enum fz_err registries_visits_list(struct db *db, const struct fz_user *actor,
                                   const struct registries_filter *f, json_t **items,
                                   int64_t *total);
enum fz_err registries_visits_xlsx(struct db *db, const struct fz_user *actor,
                                   const struct registries_filter *f, char **data,
                                   size_t *len);

/* requests: enterprise_id, category, problem, dept_id (responsible), received_on
 * (required); source shuangwan|visit|phone|other, visit_id (a visit of the same
 * enterprise; makes source visit), recv_dept_id, resolution, resolved_on, status
 * received|in_progress|resolved. resolved needs resolution and resolved_on (not before
 * received_on); resolved_on is refused while unresolved. working_days is computed: the
 * working days after received_on up to resolved_on (modules/calendar.h), NULL while
 * unresolved or when a year involved has no calendar loaded. */
enum fz_err registries_request_create(struct db *db, const struct fz_user *actor,
                                      json_t *in, int64_t *id, struct fz_problem *p);
enum fz_err registries_request_update(struct db *db, const struct fz_user *actor,
                                      int64_t id, int64_t version, json_t *in,
                                      struct fz_problem *p);
enum fz_err registries_request_get(struct db *db, const struct fz_user *actor, int64_t id,
                                   json_t **out);
enum fz_err registries_requests_list(struct db *db, const struct fz_user *actor,
                                     const struct registries_filter *f, json_t **items,
                                     int64_t *total);
enum fz_err registries_requests_xlsx(struct db *db, const struct fz_user *actor,
                                     const struct registries_filter *f, char **data,
                                     size_t *len);

/* financing contacts (信易贷): enterprise_id, contacted_on, channel visit|lecture|online|
 * phone|other (required); staff (list), financing_need, need_amount, outcome informed|
 * registered|applied|granted|declined|no_need, applied_amount (only once applied for),
 * granted_amount (required exactly when granted), lender, dept_id, notes. Amounts are
 * numbers in 万元, rounded to 0.01. */
enum fz_err registries_financing_create(struct db *db, const struct fz_user *actor,
                                        json_t *in, int64_t *id, struct fz_problem *p);
enum fz_err registries_financing_update(struct db *db, const struct fz_user *actor,
                                        int64_t id, int64_t version, json_t *in,
                                        struct fz_problem *p);
enum fz_err registries_financing_get(struct db *db, const struct fz_user *actor,
                                     int64_t id, json_t **out);
enum fz_err registries_financing_list(struct db *db, const struct fz_user *actor,
                                      const struct registries_filter *f, json_t **items,
                                      int64_t *total);
enum fz_err registries_financing_xlsx(struct db *db, const struct fz_user *actor,
                                      const struct registries_filter *f, char **data,
                                      size_t *len);
/* registries_service_codes: {source, category, status, channel, outcome: [{value,
 * label}]} (new reference) */
json_t *registries_service_codes(void);
/* registries_enterprise_service: {enterprise, requests, visits, financing} of one
 * enterprise, each list within the actor's data scope (new reference) */
enum fz_err registries_enterprise_service(struct db *db, const struct fz_user *actor,
                                          int64_t id, json_t **out);

/* ---- scanned commitment letters ---- */

struct fz_upload;
/* registries_scan_add: record the streamed upload up (hashed by the server) as the scan
 * of letter id; the caller then moves the file into the store (files_adopt). Only PDF,
 * JPEG, PNG, TIFF and OFD content is taken (by its first bytes; FZ_EINVAL on "file").
 * FZ_ENOTFOUND when there is no such letter. *out: the scan row (new reference). */
enum fz_err registries_scan_add(struct db *db, const struct fz_user *actor, int64_t id,
                                const struct fz_upload *up, json_t **out,
                                struct fz_problem *p);
/* registries_scan_get: the newest scan of letter id; FZ_ENOTFOUND when none. */
enum fz_err registries_scan_get(struct db *db, int64_t id, json_t **out);
/* registries_verify_files: recompute every stored scan's SHA-256/SM3 (files_check).
 * *bad: the first missing or altered one ({id, commitment_id, filename, sha256, problem};
 * new reference) or NULL; *n: scans checked. For `fazhi audit verify`. */
enum fz_err registries_verify_files(struct db *db, const char *root, json_t **bad,
                                    int64_t *n);

/* ---- statistics ---- */

/* registries_stats: counts of every register within [from, to] (dates, inclusive):
 * enterprises settled, commitments signed (by kind), briefings, breaches, activities by
 * kind with summed audience/enterprises/reads/leaflets/app_installs/warnings, study
 * sessions, and the laws, partners and departments covered. One query per figure. */
enum fz_err registries_stats(struct db *db, const struct fz_user *actor, const char *from,
                             const char *to, json_t **out);

/* registries_date: s ('YYYY-MM-DD', also with / or . and unpadded month/day, or an
 * Excel date serial when serial is true) as 'YYYY-MM-DD' into out; FZ_EINVAL when it is
 * not a real date between 1949 and 2099. */
enum fz_err registries_date(const char *s, bool serial, char out[11]);

/* registries_date_add: date ('YYYY-MM-DD') plus days (may be negative) into out. */
enum fz_err registries_date_add(const char *date, int days, char out[11]);
/* registries_weekday: 0 (Sunday) .. 6 (Saturday) of date, or -1 when it is not a date. */
int registries_weekday(const char *date);

#endif
