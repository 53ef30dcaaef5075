/* docx.h - a small DOCX (Office Open XML WordprocessingML) writer on libzip, for the
 * documents fazhi hands out as Word files: meeting minutes, legal opinion letters, and
 * (issues 5 and 8) enforcement documents and the annual report. The layout follows the
 * party-and-government document format (GB/T 9704-2012) in spirit: A4 with its margins,
 * body text 仿宋 三号 (16 pt) on exact 28 pt lines with a two-character first-line
 * indent, the title 黑体 二号 (22 pt) centred, level-1 headings 黑体, level-2 楷体.
 *
 * Usage:
 *     struct docx *d = NULL;
 *     enum fz_err rc = docx_new(&d);
 *     docx_title(d, "会议纪要");
 *     docx_para(d, DOCX_CENTER | DOCX_NO_INDENT, "党组会〔2023〕第5次");
 *     docx_heading(d, 1, "一、议题");
 *     docx_para(d, 0, "正文……");
 *     docx_table_begin(d, 3, widths);          // widths in per cent, or NULL (equal)
 *     docx_table_row(d, DOCX_BOLD, header);    // a header row repeats on each page
 *     docx_table_row(d, 0, cells);
 *     docx_table_end(d);
 *     rc = docx_finish(d, "会议纪要", 0, &data, &len);   // caller frees data
 *     docx_free(d);
 *
 * Text is UTF-8. The writer escapes XML, drops characters XML 1.0 forbids, and a '\n'
 * inside a paragraph's text starts a new paragraph with the same format.
 * Errors are sticky (curl's dynbuf habit): after the first failure every later call does
 * nothing and returns that error, and docx_finish() reports it, so a builder sequence
 * needs only the final check. */
#ifndef FZ_DOCX_H
#define FZ_DOCX_H

#include <stddef.h>
#include <time.h>
#include "fz_err.h"

struct docx;                    /* opaque; owned by the caller (docx_free) */

/* paragraph / run flags, combined with | */
#define DOCX_CENTER     (1u << 0)   /* centred (no indent) */
#define DOCX_RIGHT      (1u << 1)   /* right-aligned (no indent), e.g. date and signature */
#define DOCX_BOLD       (1u << 2)   /* bold run; in docx_table_row: a header row */
#define DOCX_NO_INDENT  (1u << 3)   /* no first-line indent */
#define DOCX_HEITI      (1u << 4)   /* 黑体 instead of 仿宋 */
#define DOCX_SMALL      (1u << 5)   /* 四号 (14 pt) instead of 三号 */

/* docx_new: an empty document. Caller owns *out (docx_free). */
enum fz_err docx_new(struct docx **out);
/* docx_free: release the builder; accepts NULL. */
void docx_free(struct docx *d);

/* docx_title: the document title, 黑体 二号, centred, followed by an empty line. */
enum fz_err docx_title(struct docx *d, const char *text);
/* docx_heading: level 1 黑体 三号, level 2 楷体 三号, level 3 仿宋 三号 bold; all with
 * the first-line indent (the GB/T 9704 habit) and an outline level for the navigation
 * pane. Levels outside 1-3 are treated as 3. */
enum fz_err docx_heading(struct docx *d, int level, const char *text);
/* docx_para: a body paragraph (仿宋 三号, indented) modified by flags. NULL or ""
 * gives an empty line. */
enum fz_err docx_para(struct docx *d, unsigned flags, const char *text);
/* docx_paraf: docx_para with printf formatting (at most 8 KiB of text). */
enum fz_err docx_paraf(struct docx *d, unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* docx_page_break: the next content starts on a new page. */
enum fz_err docx_page_break(struct docx *d);

/* Tables: docx_table_begin(ncols 1-20, widths in per cent summing to ~100, or NULL for
 * equal columns), any number of docx_table_row() with exactly ncols cells (NULL cells
 * are empty; '\n' in a cell starts a new line), then docx_table_end(). Table text is
 * 仿宋 小四 (12 pt); a row flagged DOCX_BOLD is bold and repeats at the top of each
 * page. A table not ended when docx_finish() runs is FZ_EINVAL. */
enum fz_err docx_table_begin(struct docx *d, int ncols, const int *widths);
enum fz_err docx_table_row(struct docx *d, unsigned flags, const char *const *cells);
enum fz_err docx_table_end(struct docx *d);

/* docx_finish: the .docx bytes. title goes into the document properties; mtime is the
 * time stamped on the zip entries (0: now) - pass a fixed time for reproducible bytes.
 * On FZ_OK the caller owns *out (free()). The builder may be freed afterwards. */
enum fz_err docx_finish(struct docx *d, const char *title, time_t mtime, char **out,
                        size_t *len);

/* docx_zip: a zip archive of in-memory files, built with libzip (deflate; UTF-8 names;
 * every entry stamped with mtime, 0 = now). The DOCX writer uses it, and so do other
 * packages fazhi exports (the decision archive). The data of each part is borrowed for
 * the call. On FZ_OK the caller owns *out (free()). */
struct docx_part {
    const char *name;           /* path inside the archive, '/'-separated */
    const void *data;
    size_t len;
};
enum fz_err docx_zip(const struct docx_part *parts, size_t n, time_t mtime, char **out,
                     size_t *len);

/* ---- extension (issue 8, the annual report): GB/T 9704 options, run-in headings ----
 * Backwards compatible: a document that never calls these two functions is written
 * exactly as before. */

#define DOCX_GB_PAGE_NUMBERS (1u << 0)  /* footer "— N —" in 宋体 四号 (14 pt), odd
                                           pages right and even pages left, one
                                           character in from the edge of the text */
#define DOCX_GB_FONTS        (1u << 1)  /* the faces GB/T 9704 names: title
                                           方正小标宋简体, body 仿宋_GB2312, level-2
                                           headings 楷体_GB2312 (黑体 stays) */

/* docx_gb9704: turn on the options (ORed DOCX_GB_*). Call it right after docx_new():
 * once anything was added, it is FZ_EINVAL (the faces are written as content grows). */
enum fz_err docx_gb9704(struct docx *d, unsigned opts);
/* docx_para_runin: a body paragraph that starts with a run-in heading: lead (e.g.
 * "（一）强化组织领导。") in the face of heading `level` (1 黑体, 2 楷体, 3 仿宋 bold),
 * then text in the body face, both 三号, with the first-line indent. '\n' in text starts
 * a new plain body paragraph. */
enum fz_err docx_para_runin(struct docx *d, int level, const char *lead, const char *text);

#endif
