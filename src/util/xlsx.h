/* xlsx.h - write one worksheet as an XLSX file in memory (libxlsxwriter), for every
 * "export to Excel" of fazhi (enterprise registry, work-order ledger, ...).
 * Exports xlsx_write(). Invariant: the header row is bold and frozen; strings are always
 * written as text (a value starting with "=" never becomes a formula).
 *
 * Usage:
 *     static const struct xlsx_col cols[] = {
 *         { "name", "企业名称", 36 }, { "uscc", "统一社会信用代码", 22 }, { NULL, NULL, 0 },
 *     };
 *     char *data = NULL;  size_t len = 0;
 *     if (!xlsx_write("企业名录", cols, items, &data, &len))
 *         send(data, len), free(data);
 */
#ifndef FZ_XLSX_H
#define FZ_XLSX_H

#include <stddef.h>
#include <jansson.h>
#include "fz_err.h"

struct xlsx_col {
    const char *key;        /* key of the value in each row object; NULL ends the table */
    const char *header;     /* the column title (UTF-8) */
    double width;           /* column width in characters; 0: libxlsxwriter's default */
};

/* xlsx_write: a workbook with one sheet named sheet (at most 31 characters; Excel's
 * rule), a header row from cols and one row per object in rows (a JSON array).
 * Cell values by JSON type: string -> text; integer/real -> number; true/false -> 是/否;
 * null or absent -> blank; array -> its items joined by "、" (an object item gives its
 * scalar values joined by spaces, e.g. a contact {"name","phone"}); object -> JSON text.
 * Text longer than Excel's 32767-character cell limit is cut.
 * On FZ_OK *out is the file (caller owns; free()) and *len its size. FZ_EIO when the
 * temporary file cannot be written, FZ_ENOMEM, FZ_EINVAL for a rows that is not an array.
 * Uses one temporary file in $TMPDIR (or /tmp), removed before returning. */
enum fz_err xlsx_write(const char *sheet, const struct xlsx_col *cols, const json_t *rows,
                       char **out, size_t *len);

#endif
