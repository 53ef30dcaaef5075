/* reports.h - the annual rule-of-law report (法治政府建设年度报告, DOMAIN.md §6) and the
 * figures behind it and behind the leaders' dashboard (领导驾驶舱).
 *
 * Figures: one table in reports.c, one row per figure (id, Chinese label, unit, the one
 * SQL query that computes it over a period [from, to], the source shown in the report's
 * appendix). The dashboard and the report read the same rows, so a figure means the
 * same thing everywhere. A figure whose source table does not exist (a module not yet
 * installed) has value null and an "error" saying so - never a made-up number.
 * Reports: one per year with an optional preamble (section 0) and the five mandatory
 * sections of §6.2 (1-5) written by staff; a section may hold live fields
 * {{fig:ID}} (or {{fig:ID|余}}: "700余") replaced by the figure when rendered.
 * Flow: draft -> review -> approved -> confidentiality_review -> submitted -> published,
 * with "return" back to draft; an out-of-order action is FZ_ECONFLICT (code
 * invalid_transition) listing the allowed ones. Sections change only in draft. At
 * publication the rendered DOCX, HTML and Markdown are frozen in the file store
 * (files_put) and served from there afterwards; nothing about the report changes again.
 * Results are new JSON references the caller owns. actor NULL is the CLI (every
 * permission). Writes must run inside the caller's transaction. */
#ifndef FZ_REPORTS_H
#define FZ_REPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_user;

/* ---- figures ---- */

enum report_fig_kind {
    FIG_INT,        /* a count or a sum: JSON integer */
    FIG_REAL,       /* a rate in per cent or an average: JSON real, 2 decimals; may be null */
    FIG_LIST,       /* distinct names: JSON array of strings */
};

/* one figure. The query reads its bounds from a CTE p(f, t, fs, ts, now, today): dates
 * 'YYYY-MM-DD' (f, t), the same as local timestamps (fs = f 00:00:00, ts = t 23:59:59),
 * the current time and date. It returns one row, one column. */
struct report_figure {
    const char *id;         /* stable, [a-z0-9_]; the live field {{fig:id}} */
    const char *label;      /* Chinese, as the appendix and the dashboard show it */
    const char *unit;       /* 件 份 场 % …; "" for lists */
    const char *group;      /* workorders credit outreach decisions counsel enforcement
                               regulations */
    enum report_fig_kind kind;
    const char *sql;
    const char *source;     /* what is counted, from which register (appendix) */
};

/* reports_figure_table: every figure, terminated by a row with id NULL (static). */
const struct report_figure *reports_figure_table(void);
/* reports_figure_find: the row of id, or NULL. */
const struct report_figure *reports_figure_find(const char *id);

/* reports_figures: every figure over [from, to] ('YYYY-MM-DD', inclusive) as of now:
 * a new array of {id, label, value, unit, group, source[, error]}. FZ_EINVAL when a date
 * is malformed or from > to. A figure that cannot be computed does not fail the call. */
enum fz_err reports_figures(struct db *db, const char *from, const char *to, time_t now,
                            json_t **out);
/* reports_series: the breakdowns the dashboard draws over [from, to]: a new object
 * {id: rows | {"error": ...}} (work orders by month and by category with their rates,
 * cases by stage and by department, decisions by status, legality reviews by month,
 * outreach by kind, regulations by department). */
enum fz_err reports_series(struct db *db, const char *from, const char *to, time_t now,
                           json_t **out);

/* ---- live fields ---- */

/* reports_fields_check: every {{...}} in text is a well-formed live field naming a known
 * figure; else FZ_EINVAL with p (field "body", the message names the bad field). */
enum fz_err reports_fields_check(const char *text, struct fz_problem *p);
/* reports_fields_expand: text with every live field replaced by its value in figures
 * (an array from reports_figures). Caller frees *out. FZ_EINVAL as above. */
enum fz_err reports_fields_expand(const char *text, const json_t *figures, char **out,
                                  struct fz_problem *p);
/* reports_format_value: one figure value as the report prints it ("76", "100",
 * "98.5", "区城管委、区住建委", "【数据暂缺】"); fmt NULL or "余" (726 -> "700余"). */
void reports_format_value(const json_t *figure, const char *fmt, char *out, size_t n);

/* ---- reports ---- */

/* what every report call gets: storage, who acts (NULL: the CLI), the file store root
 * of frozen documents, and "now" (0: time(NULL); the demo replays history) */
struct report_ctx {
    struct db *db;
    const struct fz_user *actor;
    const char *files;
    time_t now;
};

/* reports_section_title: the heading of section n (0 preamble, 1-5 §6.2), e.g.
 * "主要举措和成效"; NULL outside 0-5. */
const char *reports_section_title(int n);

/* reports_list: every report, newest year first, with status and deadline flags. */
enum fz_err reports_list(const struct report_ctx *c, json_t **items);
/* reports_create: the report of year (2000..this year) in draft with empty sections;
 * FZ_ECONFLICT (code duplicate, field year) when it exists. */
enum fz_err reports_create(const struct report_ctx *c, int64_t year, int64_t *id,
                           struct fz_problem *p);
/* reports_get: {id, year, title, status, period, deadlines, recipients, sections [{n,
 * title, heading, body, version, fields}], validation, files, allowed_actions, events};
 * FZ_ENOTFOUND when there is no report for year. */
enum fz_err reports_get(const struct report_ctx *c, int64_t year, json_t **out);
/* reports_section_put: replace the text of section n (0-5) read at version. FZ_ECONFLICT
 * with code version_conflict (stale), report_locked (not in draft) or report_frozen
 * (published); FZ_EINVAL for an unknown live field or n outside 0-5. */
enum fz_err reports_section_put(const struct report_ctx *c, int64_t year, int64_t n,
                                const char *body, int64_t version, struct fz_problem *p);
/* reports_act: {"action": submit_review | approve | return | confidentiality_review |
 * submit | publish, ...}. On FZ_ECONFLICT *allowed (may be NULL) gets the actions allowed
 * now. *detail (may be NULL) gets what the audit entry should carry (publish: the
 * SHA-256 of each frozen document). summary gets a Chinese line for the audit log. */
enum fz_err reports_act(const struct report_ctx *c, int64_t year, json_t *body,
                        json_t **allowed, json_t **detail, char summary[160],
                        struct fz_problem *p);

/* ---- documents ---- */

/* reports_document: the report of year as format docx | html | md | pdf. A published
 * report is served from its frozen bytes (*frozen true; PDF converted from the frozen
 * DOCX); otherwise rendered now. PDF needs LibreOffice (soffice) at run time: when it is
 * missing, FZ_EIO with p->code "pdf_unavailable" naming the program. Caller frees *data;
 * *ctype is static; name gets a file name (UTF-8). */
enum fz_err reports_document(const struct report_ctx *c, int64_t year, const char *format,
                             char **data, size_t *len, const char **ctype, char name[192],
                             bool *frozen, struct fz_problem *p);

/* reports_pdf_from_docx: convert DOCX bytes with `soffice --headless --convert-to pdf`
 * in a private temporary folder (at most 120 s). Caller frees *pdf. FZ_EIO with p->code
 * "pdf_unavailable" when no soffice/libreoffice is on PATH; FZ_EIO "pdf_failed" when
 * the conversion fails. */
enum fz_err reports_pdf_from_docx(const char *docx, size_t len, char **pdf, size_t *pdf_len,
                                  struct fz_problem *p);

#endif
