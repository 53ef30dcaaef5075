/* table.c - CSV (libcsv) and XLSX (libzip + libxml2) uploads as rows of text (table.h).
 * XLSX: workbook.xml names the first sheet, workbook.xml.rels maps it to its part;
 * sharedStrings.xml holds the text of t="s" cells. Parts are read into memory with a
 * size cap and parsed without network access or entity loading. */
#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>
#include "util/buf.h"
#include "util/str.h"
#include "util/table.h"

/* the table being built, with the row in progress */
struct builder {
    struct table *t;
    size_t cap;                 /* rows allocated */
    struct table_row cur;       /* row in progress (cells owned until pushed) */
    size_t cur_cap;
    enum fz_err rc;             /* first failure */
    /* CSV only */
    int64_t line;               /* number of the last record or blank line */
    int prev_term;              /* terminator of the previous row event */
};

static void set_why(char *why, size_t n, const char *msg)
{
    if (why && n)
        str_copy(why, n, msg);
}

static void row_clear(struct table_row *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        free(r->cells[i]);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

void table_free(struct table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows; i++)
        row_clear(&t->rows[i]);
    free(t->rows);
    free(t);
}

const char *table_cell(const struct table_row *row, size_t col)
{
    return col < row->ncells && row->cells[col] ? row->cells[col] : "";
}

enum table_format table_sniff(const void *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0 ? TABLE_XLSX : TABLE_CSV;
}

/* cell_set: put a copy of s (n bytes) at column col of the row in progress */
static enum fz_err cell_set(struct builder *b, size_t col, const char *s, size_t n)
{
    if (col >= TABLE_MAX_COLS)
        return FZ_ETOOLARGE;
    if (col >= b->cur_cap) {
        size_t cap = b->cur_cap ? b->cur_cap * 2 : 16;
        while (cap <= col)
            cap *= 2;
        char **cells = realloc(b->cur.cells, cap * sizeof *cells);
        if (!cells)
            return FZ_ENOMEM;
        memset(cells + b->cur_cap, 0, (cap - b->cur_cap) * sizeof *cells);
        b->cur.cells = cells;
        b->cur_cap = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return FZ_ENOMEM;
    memcpy(copy, s, n);
    copy[n] = '\0';
    free(b->cur.cells[col]);
    b->cur.cells[col] = copy;
    if (col >= b->cur.ncells)
        b->cur.ncells = col + 1;
    return FZ_OK;
}

/* row_push: move the row in progress into the table (dropped when every cell is empty);
 * holes left by sparse XLSX rows become "" */
static enum fz_err row_push(struct builder *b, int64_t line)
{
    struct table_row *r = &b->cur;
    bool blank = true;
    for (size_t i = 0; i < r->ncells; i++) {
        if (!r->cells[i] && !(r->cells[i] = calloc(1, 1)))
            return FZ_ENOMEM;
        if (r->cells[i][0])
            blank = false;
    }
    if (blank) {
        row_clear(r);
        b->cur_cap = 0;
        return FZ_OK;
    }
    if (b->t->nrows >= TABLE_MAX_ROWS)
        return FZ_ETOOLARGE;
    if (b->t->nrows == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        struct table_row *rows = realloc(b->t->rows, cap * sizeof *rows);
        if (!rows)
            return FZ_ENOMEM;
        b->t->rows = rows;
        b->cap = cap;
    }
    r->line = line;
    b->t->rows[b->t->nrows++] = *r;
    memset(r, 0, sizeof *r);
    b->cur_cap = 0;
    return FZ_OK;
}

/* ---- CSV ---- */

static bool valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        int extra;
        if (*p < 0x80)
            extra = 0;
        else if ((*p & 0xE0) == 0xC0 && *p >= 0xC2)
            extra = 1;
        else if ((*p & 0xF0) == 0xE0)
            extra = 2;
        else if ((*p & 0xF8) == 0xF0 && *p <= 0xF4)
            extra = 3;
        else
            return false;
        if (*p == 0 || end - p <= extra)
            return false;
        p++;
        for (int i = 0; i < extra; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

/* from_gb18030: data decoded from GB18030 into a new UTF-8 buffer (caller frees) */
static enum fz_err from_gb18030(const char *data, size_t len, char **out, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return FZ_EMALFORMED;
    size_t cap = len * 2 + 16;
    char *dst = malloc(cap);
    if (!dst) {
        iconv_close(cd);
        return FZ_ENOMEM;
    }
    char *in = (char *)data, *o = dst;
    size_t inleft = len, oleft = cap;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    iconv_close(cd);
    if (r == (size_t)-1 || inleft) {
        free(dst);
        return FZ_EMALFORMED;
    }
    *out = dst;
    *outlen = cap - oleft;
    return FZ_OK;
}

static void csv_field(void *s, size_t n, void *data)
{
    struct builder *b = data;
    if (!b->rc)
        b->rc = cell_set(b, b->cur.ncells, s ? s : "", s ? n : 0);
}

static void csv_row(int c, void *data)
{
    struct builder *b = data;
    bool empty = b->cur.ncells == 0;
    int prev = b->prev_term;
    b->prev_term = c;
    if (empty && c == '\n' && prev == '\r')
        return;                 /* the LF of a CRLF that ended the previous row */
    if (empty && c == -1)
        return;                 /* end of input right after a newline */
    b->line++;
    if (!b->rc)
        b->rc = row_push(b, b->line);
}

static enum fz_err read_csv(const char *data, size_t len, struct table *t, char *why,
                            size_t whylen)
{
    char *conv = NULL;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (!valid_utf8(data, len)) {
        size_t n = 0;
        enum fz_err rc = from_gb18030(data, len, &conv, &n);
        if (rc) {
            set_why(why, whylen, "文件编码无法识别（应为 UTF-8 或 GBK/GB18030）");
            return rc;
        }
        data = conv;
        len = n;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_REPALL_NL | CSV_APPEND_NULL)) {
        free(conv);
        return FZ_ENOMEM;
    }
    struct builder b = { .t = t };
    size_t used = csv_parse(&p, data, len, csv_field, csv_row, &b);
    enum fz_err rc = b.rc;
    if (!rc && used != len)
        rc = FZ_EMALFORMED;
    /* strict only at the end: an unterminated quoted field is an error */
    csv_set_opts(&p, CSV_REPALL_NL | CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI);
    if (!rc && csv_fini(&p, csv_field, csv_row, &b))
        rc = FZ_EMALFORMED;
    if (!rc)
        rc = b.rc;
    if (rc == FZ_EMALFORMED) {
        char msg[128];
        snprintf(msg, sizeof msg, "CSV 格式错误：第 %lld 行起引号未闭合",
                 (long long)b.line + 1);
        set_why(why, whylen, msg);
    }
    csv_free(&p);
    row_clear(&b.cur);
    free(conv);
    return rc;
}

/* ---- XLSX ---- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

/* zip_part: the uncompressed bytes of entry name (caller frees); FZ_ENOTFOUND if absent */
static enum fz_err zip_part(zip_t *za, const char *name, char **out, size_t *outlen)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(za, name, 0, &st) != 0)
        return FZ_ENOTFOUND;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > TABLE_MAX_PART)
        return FZ_ETOOLARGE;
    zip_file_t *zf = zip_fopen(za, name, 0);
    if (!zf)
        return FZ_EMALFORMED;
    struct buf b;
    buf_init(&b, TABLE_MAX_PART);
    enum fz_err rc = FZ_OK;
    char chunk[16384];
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, sizeof chunk);
        if (n < 0) {
            rc = FZ_EMALFORMED;
            break;
        }
        if (n == 0)
            break;
        rc = buf_append(&b, chunk, (size_t)n);
        if (rc)
            break;
    }
    zip_fclose(zf);
    if (!rc && !b.data)
        rc = buf_append(&b, "", 0);
    if (rc) {
        buf_free(&b);
        return rc;
    }
    *outlen = b.len;
    *out = buf_take(&b);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* zip_xml: entry name parsed as XML (caller frees with xmlFreeDoc) */
static enum fz_err zip_xml(zip_t *za, const char *name, xmlDoc **out)
{
    char *data = NULL;
    size_t len = 0;
    enum fz_err rc = zip_part(za, name, &data, &len);
    if (rc)
        return rc;
    if (len > (size_t)INT32_MAX) {
        free(data);
        return FZ_ETOOLARGE;
    }
    xmlDoc *doc = xmlReadMemory(data, (int)len, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(data);
    if (!doc)
        return FZ_EMALFORMED;
    *out = doc;
    return FZ_OK;
}

static bool is_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* child: the first element child of n named name, or NULL */
static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_elem(c, name))
            return c;
    return NULL;
}

/* attr: attribute name (any namespace) of n as a new string (xmlFree), or NULL */
static char *attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0)
            return (char *)xmlNodeGetContent((xmlNode *)a);
    }
    return NULL;
}

/* text_runs: append the text of every <t> under n to b, skipping phonetic runs <rPh> */
static enum fz_err text_runs(xmlNode *n, struct buf *b)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_elem(c, "rPh"))
            continue;
        enum fz_err rc;
        if (is_elem(c, "t")) {
            xmlChar *s = xmlNodeGetContent(c);
            rc = s ? buf_puts(b, (const char *)s) : FZ_ENOMEM;
            xmlFree(s);
        } else {
            rc = text_runs(c, b);
        }
        if (rc)
            return rc;
    }
    return FZ_OK;
}

struct sst {
    size_t n;
    char **s;
};

static void sst_free(struct sst *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
}

/* load_sst: the shared strings of the workbook at part (absent part: none) */
static enum fz_err load_sst(zip_t *za, const char *part, struct sst *out)
{
    xmlDoc *doc = NULL;
    enum fz_err rc = zip_xml(za, part, &doc);
    if (rc == FZ_ENOTFOUND)
        return FZ_OK;
    if (rc)
        return rc;
    size_t cap = 0;
    for (xmlNode *si = xmlDocGetRootElement(doc)->children; si && !rc; si = si->next) {
        if (!is_elem(si, "si"))
            continue;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 256;
            char **s = realloc(out->s, cap * sizeof *s);
            if (!s) {
                rc = FZ_ENOMEM;
                break;
            }
            out->s = s;
        }
        struct buf b;
        buf_init(&b, 0);
        rc = text_runs(si, &b);
        char *text = rc ? NULL : buf_take(&b);
        buf_free(&b);
        if (!rc && !text)
            rc = FZ_ENOMEM;
        if (!rc)
            out->s[out->n++] = text;
    }
    xmlFreeDoc(doc);
    return rc;
}

/* resolve: the zip path of a relationship target relative to xl/ */
static void resolve(const char *target, char *out, size_t n)
{
    if (target[0] == '/')
        str_copy(out, n, target + 1);
    else
        snprintf(out, n, "xl/%s", target);
}

/* find_parts: the paths of the first worksheet and the shared strings, from the workbook
 * and its relationships; the usual names when those cannot be read */
static void find_parts(zip_t *za, char *sheet, size_t sn, char *sst, size_t stn)
{
    str_copy(sheet, sn, "xl/worksheets/sheet1.xml");
    str_copy(sst, stn, "xl/sharedStrings.xml");
    xmlDoc *wb = NULL, *rels = NULL;
    char *rid = NULL;
    if (!zip_xml(za, "xl/workbook.xml", &wb)) {
        xmlNode *sheets = child(xmlDocGetRootElement(wb), "sheets");
        xmlNode *first = child(sheets, "sheet");
        if (first)
            rid = attr(first, "id");
    }
    if (!zip_xml(za, "xl/_rels/workbook.xml.rels", &rels)) {
        for (xmlNode *r = xmlDocGetRootElement(rels)->children; r; r = r->next) {
            if (!is_elem(r, "Relationship"))
                continue;
            char *id = attr(r, "Id"), *type = attr(r, "Type"), *target = attr(r, "Target");
            if (target && rid && id && strcmp(id, rid) == 0)
                resolve(target, sheet, sn);
            size_t tl = type ? strlen(type) : 0;
            if (target && tl > 14 && strcmp(type + tl - 14, "/sharedStrings") == 0)
                resolve(target, sst, stn);
            xmlFree(id);
            xmlFree(type);
            xmlFree(target);
        }
    }
    xmlFree(rid);
    xmlFreeDoc(wb);
    xmlFreeDoc(rels);
}

/* col_of: the 0-based column of a cell reference like "AB12"; -1 when there is none */
static long col_of(const char *ref)
{
    long col = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        col = col * 26 + (*p - 'A' + 1);
        if (col > 16384)
            return -1;
    }
    return p == ref ? -1 : col - 1;
}

/* cell_text: the text of <c> as the file stores it, shared strings resolved */
static enum fz_err cell_text(xmlNode *c, const struct sst *sst, struct buf *b)
{
    char *type = attr(c, "t");
    enum fz_err rc = FZ_OK;
    if (type && strcmp(type, "inlineStr") == 0) {
        xmlNode *is = child(c, "is");
        rc = is ? text_runs(is, b) : FZ_OK;
    } else {
        xmlNode *v = child(c, "v");
        xmlChar *s = v ? xmlNodeGetContent(v) : NULL;
        if (type && strcmp(type, "s") == 0) {
            int64_t i = -1;
            if (!s || str_to_i64((const char *)s, &i) || i < 0 || (size_t)i >= sst->n)
                rc = FZ_EMALFORMED;
            else
                rc = buf_puts(b, sst->s[i]);
        } else if (s) {
            rc = buf_puts(b, (const char *)s);
        }
        xmlFree(s);
    }
    xmlFree(type);
    return rc;
}

/* sheet_row: one <row> into the builder */
static enum fz_err sheet_row(struct builder *b, xmlNode *row, int64_t line,
                             const struct sst *sst)
{
    long next = 0;
    for (xmlNode *c = row->children; c; c = c->next) {
        if (!is_elem(c, "c"))
            continue;
        char *ref = attr(c, "r");
        long col = ref ? col_of(ref) : next;
        xmlFree(ref);
        if (col < 0)
            col = next;
        if (col >= TABLE_MAX_COLS)
            return FZ_ETOOLARGE;
        struct buf text;
        buf_init(&text, 0);
        enum fz_err rc = cell_text(c, sst, &text);
        if (!rc)
            rc = cell_set(b, (size_t)col, text.data ? text.data : "", text.len);
        buf_free(&text);
        if (rc)
            return rc;
        next = col + 1;
    }
    return row_push(b, line);
}

static enum fz_err read_sheet(zip_t *za, const char *part, const struct sst *sst,
                              struct table *t)
{
    xmlDoc *doc = NULL;
    enum fz_err rc = zip_xml(za, part, &doc);
    if (rc)
        return rc == FZ_ENOTFOUND ? FZ_EMALFORMED : rc;
    struct builder b = { .t = t };
    xmlNode *data = child(xmlDocGetRootElement(doc), "sheetData");
    int64_t line = 0;
    for (xmlNode *row = data ? data->children : NULL; row && !rc; row = row->next) {
        if (!is_elem(row, "row"))
            continue;
        char *r = attr(row, "r");
        int64_t n = 0;
        line = r && !str_to_i64(r, &n) && n > line ? n : line + 1;
        xmlFree(r);
        rc = sheet_row(&b, row, line, sst);
    }
    row_clear(&b.cur);
    xmlFreeDoc(doc);
    return rc;
}

static enum fz_err read_xlsx(const void *data, size_t len, struct table *t, char *why,
                             size_t whylen)
{
    pthread_once(&xml_once, xml_init);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        set_why(why, whylen, "不是有效的 XLSX 文件");
        return FZ_EMALFORMED;
    }
    char sheet[256], sstpart[256];
    find_parts(za, sheet, sizeof sheet, sstpart, sizeof sstpart);
    struct sst sst = {0};
    enum fz_err rc = load_sst(za, sstpart, &sst);
    if (!rc)
        rc = read_sheet(za, sheet, &sst, t);
    sst_free(&sst);
    zip_discard(za);
    if (rc == FZ_EMALFORMED)
        set_why(why, whylen, "XLSX 文件内容损坏或不是工作簿");
    return rc;
}

enum fz_err table_read(const void *data, size_t len, enum table_format fmt,
                       struct table **out, char *why, size_t whylen)
{
    struct table *t = calloc(1, sizeof *t);
    if (!t)
        return FZ_ENOMEM;
    if (fmt == TABLE_AUTO)
        fmt = table_sniff(data, len);
    enum fz_err rc = fmt == TABLE_XLSX ? read_xlsx(data, len, t, why, whylen)
                                       : read_csv(data, len, t, why, whylen);
    if (rc == FZ_ETOOLARGE) {
        char msg[128];
        snprintf(msg, sizeof msg, "表格过大（最多 %d 行、%d 列）", TABLE_MAX_ROWS,
                 TABLE_MAX_COLS);
        set_why(why, whylen, msg);
    } else if (rc == FZ_ENOMEM) {
        set_why(why, whylen, "内存不足");
    }
    if (rc) {
        table_free(t);
        return rc;
    }
    *out = t;
    return FZ_OK;
}
