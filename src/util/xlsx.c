/* xlsx.c - one-sheet XLSX export through libxlsxwriter (see xlsx.h). libxlsxwriter
 * writes to a path, so the workbook goes to a private temporary file that is read back
 * into memory and removed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "util/buf.h"
#include "util/str.h"
#include "util/xlsx.h"

#define XLSX_MAX_CELL 32767     /* Excel's limit on the characters of one cell */

/* cut_chars: the byte length of the first max characters of UTF-8 text s */
static size_t cut_chars(const char *s, size_t max)
{
    size_t i = 0, chars = 0;
    while (s[i] && chars < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    return i;
}

/* put_scalar: the text of a scalar JSON value appended to b */
static enum fz_err put_scalar(struct buf *b, const json_t *v)
{
    if (json_is_string(v))
        return buf_puts(b, json_string_value(v));
    if (json_is_integer(v))
        return buf_printf(b, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return buf_printf(b, "%g", json_real_value(v));
    if (json_is_boolean(v))
        return buf_puts(b, json_is_true(v) ? "是" : "否");
    return FZ_OK;
}

/* join_array: the items of an array as one text, "、" between items */
static enum fz_err join_array(struct buf *b, const json_t *arr)
{
    size_t i;
    const json_t *v;
    enum fz_err rc = FZ_OK;
    json_array_foreach(arr, i, v) {
        if (i)
            rc = buf_puts(b, "、");
        if (!rc && json_is_object(v)) {
            const char *k;
            const json_t *x;
            bool first = true;
            json_object_foreach((json_t *)v, k, x) {
                if (!json_is_string(x) && !json_is_number(x))
                    continue;
                if (!(json_is_string(x) && !*json_string_value(x))) {
                    if (!first)
                        rc = buf_puts(b, " ");
                    if (!rc)
                        rc = put_scalar(b, x);
                    first = false;
                }
                if (rc)
                    break;
            }
        } else if (!rc) {
            rc = put_scalar(b, v);
        }
        if (rc)
            break;
    }
    return rc;
}

static enum fz_err write_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
    size_t n = cut_chars(s, XLSX_MAX_CELL);
    if (!s[n])
        return worksheet_write_string(ws, r, c, s, NULL) ? FZ_EIO : FZ_OK;
    char *copy = strndup(s, n);
    if (!copy)
        return FZ_ENOMEM;
    lxw_error e = worksheet_write_string(ws, r, c, copy, NULL);
    free(copy);
    return e ? FZ_EIO : FZ_OK;
}

/* write_cell: value v at (r, c) per the rules in xlsx.h */
static enum fz_err write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const json_t *v)
{
    if (!v || json_is_null(v))
        return FZ_OK;
    if (json_is_integer(v) && llabs((long long)json_integer_value(v)) < (1LL << 53))
        return worksheet_write_number(ws, r, c, (double)json_integer_value(v), NULL)
                   ? FZ_EIO : FZ_OK;
    if (json_is_real(v) && isfinite(json_real_value(v)))
        return worksheet_write_number(ws, r, c, json_real_value(v), NULL) ? FZ_EIO : FZ_OK;
    if (json_is_string(v))
        return write_text(ws, r, c, json_string_value(v));
    struct buf b;
    buf_init(&b, 0);
    enum fz_err rc = FZ_OK;
    if (json_is_array(v)) {
        rc = join_array(&b, v);
    } else if (json_is_object(v)) {
        char *s = json_dumps(v, JSON_COMPACT);
        rc = s ? buf_puts(&b, s) : FZ_ENOMEM;
        free(s);
    } else {
        rc = put_scalar(&b, v);
    }
    if (!rc && b.data)
        rc = write_text(ws, r, c, b.data);
    buf_free(&b);
    return rc;
}

static enum fz_err write_sheet(lxw_workbook *wb, const char *sheet,
                               const struct xlsx_col *cols, const json_t *rows)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    if (!ws)
        ws = workbook_add_worksheet(wb, NULL);      /* an invalid name: "Sheet1" */
    lxw_format *bold = workbook_add_format(wb);
    if (!ws || !bold)
        return FZ_ENOMEM;
    format_set_bold(bold);
    lxw_col_t ncols = 0;
    for (const struct xlsx_col *c = cols; c->key; c++, ncols++) {
        if (worksheet_write_string(ws, 0, ncols, c->header, bold))
            return FZ_EIO;
        if (c->width > 0)
            worksheet_set_column(ws, ncols, ncols, c->width, NULL);
    }
    size_t i;
    const json_t *row;
    json_array_foreach(rows, i, row) {
        if (i + 1 >= LXW_ROW_MAX)
            return FZ_EINVAL;
        for (lxw_col_t c = 0; c < ncols; c++) {
            enum fz_err rc = write_cell(ws, (lxw_row_t)(i + 1), c,
                                        json_object_get(row, cols[c].key));
            if (rc)
                return rc;
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (ncols)
        worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(rows), ncols - 1);
    return FZ_OK;
}

/* slurp: the whole file at path into a new buffer */
static enum fz_err slurp(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return FZ_EIO;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size <= 0) {
        fclose(f);
        return FZ_EIO;
    }
    char *data = malloc((size_t)st.st_size);
    if (!data) {
        fclose(f);
        return FZ_ENOMEM;
    }
    size_t n = fread(data, 1, (size_t)st.st_size, f);
    fclose(f);
    if (n != (size_t)st.st_size) {
        free(data);
        return FZ_EIO;
    }
    *out = data;
    *len = n;
    return FZ_OK;
}

enum fz_err xlsx_write(const char *sheet, const struct xlsx_col *cols, const json_t *rows,
                       char **out, size_t *len)
{
    if (!json_is_array(rows))
        return FZ_EINVAL;
    const char *dir = getenv("TMPDIR");
    if (str_empty(dir))
        dir = "/tmp";
    char path[512];
    if (snprintf(path, sizeof path, "%s/fazhi-xlsx-XXXXXX", dir) >= (int)sizeof path)
        return FZ_EIO;
    int fd = mkstemp(path);
    if (fd < 0)
        return FZ_EIO;
    close(fd);
    lxw_workbook_options opt = { .tmpdir = (char *)dir };
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    enum fz_err rc = wb ? write_sheet(wb, sheet, cols, rows) : FZ_ENOMEM;
    if (wb && workbook_close(wb) != LXW_NO_ERROR && !rc)
        rc = FZ_EIO;
    if (!rc)
        rc = slurp(path, out, len);
    unlink(path);
    return rc;
}
