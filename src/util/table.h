/* table.h - read a spreadsheet upload (CSV through libcsv, XLSX through libzip + libxml2)
 * into rows of UTF-8 strings, for every import of fazhi (enterprise registry, work-order
 * ledger, ...). Exports table_read(), table_sniff(), table_cell(), table_free().
 * Invariant: a cell is always text. Nothing is interpreted: numbers keep the text the
 * file stores (an XLSX date is its serial number, e.g. "45000"), so the importer decides
 * what a column means. Each row remembers its row number in the source, for error reports.
 *
 * Usage:
 *     struct table *t = NULL;
 *     char why[256];
 *     if (table_read(body, len, TABLE_AUTO, &t, why, sizeof why))
 *         return reject(why);                     // Chinese, safe to show users
 *     for (size_t i = 0; i < t->nrows; i++)
 *         use(t->rows[i].line, table_cell(&t->rows[i], 0));
 *     table_free(t);
 */
#ifndef FZ_TABLE_H
#define FZ_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "fz_err.h"

#define TABLE_MAX_ROWS 100000           /* more rows -> FZ_ETOOLARGE */
#define TABLE_MAX_COLS 512              /* more columns -> FZ_ETOOLARGE */
#define TABLE_MAX_PART (64u << 20)      /* largest uncompressed XLSX part read (zip bombs) */

struct table_row {
    int64_t line;       /* 1-based row number as a spreadsheet program shows it: the XLSX
                           row's r attribute; for CSV the record number, blank lines
                           counted (a quoted multi-line cell is one record) */
    size_t ncells;
    char **cells;       /* ncells NUL-terminated UTF-8 strings; owned by the table */
};

struct table {
    size_t nrows;       /* rows that hold at least one cell (blank rows are skipped) */
    struct table_row *rows;
};

enum table_format { TABLE_AUTO = 0, TABLE_CSV, TABLE_XLSX };

/* table_sniff: TABLE_XLSX when data starts like a zip archive ("PK\3\4"), else TABLE_CSV. */
enum table_format table_sniff(const void *data, size_t len);

/* table_read: parse data (len bytes, need not be NUL-terminated) as fmt (TABLE_AUTO: sniff).
 * CSV: comma-separated, RFC 4180 quoting; a UTF-8 BOM is dropped; text that is not UTF-8
 * is decoded as GB18030 (what Excel and WPS save in China). XLSX: the first worksheet of
 * the workbook, shared and inline strings resolved, other cells as stored.
 * On FZ_OK *out is the table (caller owns; table_free()). On failure *out is untouched and
 * why (may be NULL) gets a Chinese reason: FZ_EMALFORMED (not a readable CSV/XLSX),
 * FZ_ETOOLARGE (past the limits above), FZ_ENOMEM. */
enum fz_err table_read(const void *data, size_t len, enum table_format fmt,
                       struct table **out, char *why, size_t whylen);

/* table_cell: cell col of row, or "" when the row is shorter. Borrowed from the table. */
const char *table_cell(const struct table_row *row, size_t col);

/* table_free: release t and every string in it; NULL is fine. */
void table_free(struct table *t);

#endif
