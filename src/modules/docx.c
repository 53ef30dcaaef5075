/* docx.c - the DOCX writer (see docx.h). word/document.xml grows in a buffer as the
 * caller adds paragraphs and tables; docx_finish() wraps it with the fixed package parts
 * ([Content_Types].xml, relationships, styles, properties) and zips them in memory with
 * libzip. All formatting is direct (run and paragraph properties), so the document looks
 * the same in Word, WPS and LibreOffice whatever styles they default to. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "modules/docx.h"
#include "util/buf.h"

#define MAX_DOC (64u << 20)     /* 64 MiB of document.xml is far beyond any real use */
#define TEXT_TWIPS 8844         /* A4 210 mm minus 28 + 26 mm margins, in twips */

struct docx {
    struct buf body;            /* the children of <w:body> so far */
    enum fz_err err;            /* sticky: the first failure */
    int table_cols;             /* > 0 inside a table */
    int widths[20];             /* column widths of the open table, twips */
    unsigned gb;                /* DOCX_GB_* options (extension, issue 8); 0 = none */
};

/* the extension's hooks (defined at the end of the file); identity when d->gb == 0 */
static const char *gb_face(const struct docx *d, const char *face);
static const char *gb_title_face(const struct docx *d);

enum fz_err docx_new(struct docx **out)
{
    struct docx *d = calloc(1, sizeof *d);
    if (!d)
        return FZ_ENOMEM;
    buf_init(&d->body, MAX_DOC);
    *out = d;
    return FZ_OK;
}

void docx_free(struct docx *d)
{
    if (!d)
        return;
    buf_free(&d->body);
    free(d);
}

static enum fz_err keep(struct docx *d, enum fz_err rc)
{
    if (rc && !d->err)
        d->err = rc;
    return d->err;
}

/* utf8_char: the length of the UTF-8 sequence at s and its code point; 0 when invalid */
static size_t utf8_char(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    if (!n || s[0] > 0xF4)
        return 0;
    unsigned v = s[0] & (0x3Fu >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    *cp = v;
    return n;
}

/* xml_ok: may code point cp appear in XML 1.0 text? */
static int xml_ok(unsigned cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* put_text: append n bytes of s escaped for XML text, dropping what XML forbids */
static enum fz_err put_text(struct buf *b, const char *s, size_t n)
{
    enum fz_err rc = FZ_OK;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (!rc && p < end) {
        unsigned cp = 0;
        size_t len = utf8_char(p, &cp);     /* the text is NUL-terminated */
        if (!len || p + len > end) {
            p++;                        /* invalid UTF-8: skip the byte */
            continue;
        }
        if (cp == '&')
            rc = buf_puts(b, "&amp;");
        else if (cp == '<')
            rc = buf_puts(b, "&lt;");
        else if (cp == '>')
            rc = buf_puts(b, "&gt;");
        else if (cp == '\t')
            rc = buf_puts(b, "</w:t><w:tab/><w:t xml:space=\"preserve\">");
        else if (xml_ok(cp) && cp != '\r' && cp != '\n')
            rc = buf_append(b, p, len);
        p += len;
    }
    return rc;
}

struct font {
    const char *face;
    int half_points;            /* w:sz */
    int bold;
};

static enum fz_err put_run(struct buf *b, const struct font *f, const char *s, size_t n)
{
    enum fz_err rc = buf_printf(b,
        "<w:r><w:rPr><w:rFonts w:ascii=\"%s\" w:eastAsia=\"%s\" w:hAnsi=\"%s\""
        " w:cs=\"%s\"/>%s<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>"
        "<w:t xml:space=\"preserve\">", f->face, f->face, f->face, f->face,
        f->bold ? "<w:b/><w:bCs/>" : "", f->half_points, f->half_points);
    if (!rc)
        rc = put_text(b, s, n);
    if (!rc)
        rc = buf_puts(b, "</w:t></w:r>");
    return rc;
}

/* put_para: one <w:p> per line of text */
static enum fz_err put_para(struct docx *d, unsigned flags, const struct font *f,
                            int outline, int line, const char *text)
{
    if (d->err)
        return d->err;
    const char *s = text ? text : "";
    enum fz_err rc = FZ_OK;
    struct font ff = *f;
    ff.face = gb_face(d, f->face);
    f = &ff;
    do {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        const char *jc = (flags & DOCX_CENTER) ? "center" : (flags & DOCX_RIGHT) ? "right"
                                                                              : "both";
        bool indent = !(flags & (DOCX_CENTER | DOCX_RIGHT | DOCX_NO_INDENT));
        rc = buf_printf(&d->body, "<w:p><w:pPr>%s<w:spacing w:before=\"0\" w:after=\"0\""
                        " w:line=\"%d\" w:lineRule=\"exact\"/>%s<w:jc w:val=\"%s\"/>",
                        outline >= 0 ? "<w:keepNext/>" : "", line,
                        indent ? "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
                               : "", jc);
        if (!rc && outline >= 0)
            rc = buf_printf(&d->body, "<w:outlineLvl w:val=\"%d\"/>", outline);
        if (!rc)
            rc = buf_puts(&d->body, "</w:pPr>");
        if (!rc && n)
            rc = put_run(&d->body, f, s, n);
        if (!rc)
            rc = buf_puts(&d->body, "</w:p>");
        s = nl ? nl + 1 : NULL;
    } while (!rc && s);
    return keep(d, rc);
}

static const char *body_face(unsigned flags)
{
    return (flags & DOCX_HEITI) ? "黑体" : "仿宋";
}

enum fz_err docx_title(struct docx *d, const char *text)
{
    struct font f = { gb_title_face(d), 44, 0 };
    put_para(d, DOCX_CENTER, &f, 0, 700, text);
    struct font blank = { "仿宋", 32, 0 };
    return put_para(d, DOCX_CENTER, &blank, -1, 560, "");
}

enum fz_err docx_heading(struct docx *d, int level, const char *text)
{
    struct font f = { "仿宋", 32, 1 };
    if (level == 1)
        f = (struct font){ "黑体", 32, 0 };
    else if (level == 2)
        f = (struct font){ "楷体", 32, 0 };
    else
        level = 3;
    return put_para(d, 0, &f, level - 1, 560, text);
}

enum fz_err docx_para(struct docx *d, unsigned flags, const char *text)
{
    struct font f = { body_face(flags), (flags & DOCX_SMALL) ? 28 : 32,
                      (flags & DOCX_BOLD) != 0 };
    return put_para(d, flags, &f, -1, (flags & DOCX_SMALL) ? 480 : 560, text);
}

enum fz_err docx_paraf(struct docx *d, unsigned flags, const char *fmt, ...)
{
    char text[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return docx_para(d, flags, text);
}

enum fz_err docx_page_break(struct docx *d)
{
    if (d->err)
        return d->err;
    return keep(d, buf_puts(&d->body, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"));
}

/* ---- tables ---- */

enum fz_err docx_table_begin(struct docx *d, int ncols, const int *widths)
{
    if (d->err)
        return d->err;
    if (ncols < 1 || ncols > 20 || d->table_cols)
        return keep(d, FZ_EINVAL);
    int sum = 0;
    for (int i = 0; widths && i < ncols; i++)
        sum += widths[i] > 0 ? widths[i] : 0;
    for (int i = 0; i < ncols; i++)
        d->widths[i] = widths && sum > 0 ? TEXT_TWIPS * (widths[i] > 0 ? widths[i] : 0) / sum
                                         : TEXT_TWIPS / ncols;
    d->table_cols = ncols;
    enum fz_err rc = buf_printf(&d->body,
        "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
        "<w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/>"
        "</w:tblCellMar></w:tblPr><w:tblGrid>", TEXT_TWIPS);
    for (int i = 0; !rc && i < ncols; i++)
        rc = buf_printf(&d->body, "<w:gridCol w:w=\"%d\"/>", d->widths[i]);
    if (!rc)
        rc = buf_puts(&d->body, "</w:tblGrid>");
    return keep(d, rc);
}

static enum fz_err put_cell(struct docx *d, int width, unsigned flags, const char *text)
{
    struct font f = { gb_face(d, "仿宋"), 24, (flags & DOCX_BOLD) != 0 };
    enum fz_err rc = buf_printf(&d->body, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
                                "<w:vAlign w:val=\"center\"/></w:tcPr>", width);
    const char *s = text ? text : "";
    do {        /* a cell must hold at least one paragraph */
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (!rc)
            rc = buf_printf(&d->body, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\""
                            " w:line=\"360\" w:lineRule=\"auto\"/><w:jc w:val=\"%s\"/></w:pPr>",
                            (flags & DOCX_BOLD) ? "center" : "left");
        if (!rc && n)
            rc = put_run(&d->body, &f, s, n);
        if (!rc)
            rc = buf_puts(&d->body, "</w:p>");
        s = nl ? nl + 1 : NULL;
    } while (!rc && s);
    if (!rc)
        rc = buf_puts(&d->body, "</w:tc>");
    return rc;
}

enum fz_err docx_table_row(struct docx *d, unsigned flags, const char *const *cells)
{
    if (d->err)
        return d->err;
    if (!d->table_cols)
        return keep(d, FZ_EINVAL);
    enum fz_err rc = buf_printf(&d->body, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>",
                                (flags & DOCX_BOLD) ? "<w:tblHeader/>" : "");
    for (int i = 0; !rc && i < d->table_cols; i++)
        rc = put_cell(d, d->widths[i], flags, cells ? cells[i] : NULL);
    if (!rc)
        rc = buf_puts(&d->body, "</w:tr>");
    return keep(d, rc);
}

enum fz_err docx_table_end(struct docx *d)
{
    if (d->err)
        return d->err;
    if (!d->table_cols)
        return keep(d, FZ_EINVAL);
    d->table_cols = 0;
    /* a paragraph after the table keeps Word from gluing the next table to it */
    return keep(d, buf_puts(&d->body, "</w:tbl><w:p/>"));
}

/* ---- the package ---- */

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"

static const char content_types[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\""
    "application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char package_rels[] = XML_DECL
    "<Relationships xmlns=\"" NS_PKG_REL "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_R "/extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char document_rels[] = XML_DECL
    "<Relationships xmlns=\"" NS_PKG_REL "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static const char styles[] = XML_DECL
    "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"仿宋\" w:eastAsia=\"仿宋\" w:hAnsi=\"仿宋\" w:cs=\"仿宋\"/>"
    "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\"/>"
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
    "</w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
    "</w:tblPr></w:style></w:styles>";

static const char app_props[] = XML_DECL
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "extended-properties\"><Application>fazhi</Application></Properties>";

/* GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; A4 11906 x 16838 twips */
#define SECT_PR "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\"" \
    " w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\"" \
    " w:gutter=\"0\"/><w:docGrid w:type=\"lines\" w:linePitch=\"560\"/></w:sectPr>"

/* ---- extension (issue 8): the package parts of DOCX_GB_PAGE_NUMBERS ---- */

static const char gb_content_types[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\""
    "application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char gb_document_rels[] = XML_DECL
    "<Relationships xmlns=\"" NS_PKG_REL "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_R "/footer\" Target=\"footer1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_R "/footer\" Target=\"footer2.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" NS_R "/settings\" Target=\"settings.xml\"/>"
    "</Relationships>";

/* odd and even pages get their own footer (<w:evenAndOddHeaders/>) */
static const char gb_settings[] = XML_DECL
    "<w:settings xmlns:w=\"" NS_W "\"><w:evenAndOddHeaders/></w:settings>";

/* GB/T 9704 §7.5: page numbers in 4号 半角宋体 Arabic digits with an em dash on each
 * side, below the text block; odd pages right and even pages left, one character in */
#define GB_PAGE_RUN(jc, side)                                                           \
    XML_DECL "<w:ftr xmlns:w=\"" NS_W "\"><w:p><w:pPr><w:ind w:" side "=\"280\"/>"     \
    "<w:jc w:val=\"" jc "\"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"宋体\""            \
    " w:eastAsia=\"宋体\" w:hAnsi=\"宋体\"/><w:sz w:val=\"28\"/></w:rPr>"              \
    "<w:t xml:space=\"preserve\">— </w:t></w:r><w:fldSimple w:instr=\" PAGE \">"       \
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\"/>"    \
    "<w:sz w:val=\"28\"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple><w:r><w:rPr>"          \
    "<w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\"/>"                \
    "<w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
static const char gb_footer_odd[] = GB_PAGE_RUN("right", "right");
static const char gb_footer_even[] = GB_PAGE_RUN("left", "left");

#define GB_SECT_PR "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId2\"/>"  \
    "<w:footerReference w:type=\"even\" r:id=\"rId3\"/><w:pgSz w:w=\"11906\""       \
    " w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\""     \
    " w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"              \
    "<w:docGrid w:type=\"lines\" w:linePitch=\"560\"/></w:sectPr>"

static enum fz_err core_props(struct buf *b, const char *title)
{
    enum fz_err rc = buf_puts(b, XML_DECL
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
        "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        "<dc:title>");
    if (!rc && title)
        rc = put_text(b, title, strlen(title));
    if (!rc)
        rc = buf_puts(b, "</dc:title><dc:creator>fazhi</dc:creator></cp:coreProperties>");
    return rc;
}

enum fz_err docx_finish(struct docx *d, const char *title, time_t mtime, char **out,
                        size_t *len)
{
    if (d->err)
        return d->err;
    if (d->table_cols)
        return keep(d, FZ_EINVAL);
    struct buf doc, core;
    buf_init(&doc, 0);
    buf_init(&core, 0);
    enum fz_err rc = buf_puts(&doc, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\""
                              NS_R "\"><w:body>");
    if (!rc && d->body.len)
        rc = buf_append(&doc, d->body.data, d->body.len);
    bool pages = (d->gb & DOCX_GB_PAGE_NUMBERS) != 0;
    if (!rc)
        rc = buf_puts(&doc, pages ? GB_SECT_PR "</w:body></w:document>"
                                  : SECT_PR "</w:body></w:document>");
    if (!rc)
        rc = core_props(&core, title);
    if (!rc) {
        const struct docx_part parts[] = {
            { "[Content_Types].xml", pages ? gb_content_types : content_types,
              pages ? sizeof gb_content_types - 1 : sizeof content_types - 1 },
            { "_rels/.rels", package_rels, sizeof package_rels - 1 },
            { "word/document.xml", doc.data, doc.len },
            { "word/_rels/document.xml.rels", pages ? gb_document_rels : document_rels,
              pages ? sizeof gb_document_rels - 1 : sizeof document_rels - 1 },
            { "word/styles.xml", styles, sizeof styles - 1 },
            { "docProps/core.xml", core.data, core.len },
            { "docProps/app.xml", app_props, sizeof app_props - 1 },
            /* only with DOCX_GB_PAGE_NUMBERS (the count below leaves them out) */
            { "word/footer1.xml", gb_footer_odd, sizeof gb_footer_odd - 1 },
            { "word/footer2.xml", gb_footer_even, sizeof gb_footer_even - 1 },
            { "word/settings.xml", gb_settings, sizeof gb_settings - 1 },
        };
        size_t n = sizeof parts / sizeof parts[0] - (pages ? 0 : 3);
        rc = docx_zip(parts, n, mtime, out, len);
    }
    buf_free(&doc);
    buf_free(&core);
    return rc;
}

/* ---- zip in memory ---- */

/* take_source: the bytes of a closed in-memory zip source (caller frees) */
static enum fz_err take_source(zip_source_t *src, char **out, size_t *len)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_open(src) < 0)
        return FZ_EIO;
    enum fz_err rc = FZ_OK;
    char *data = NULL;
    if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
        rc = FZ_EIO;
    if (!rc) {
        data = malloc(st.size ? st.size : 1);
        if (!data)
            rc = FZ_ENOMEM;
    }
    if (!rc && zip_source_read(src, data, st.size) != (zip_int64_t)st.size)
        rc = FZ_EIO;
    zip_source_close(src);
    if (rc) {
        free(data);
        return rc;
    }
    *out = data;
    *len = st.size;
    return FZ_OK;
}

static enum fz_err add_part(zip_t *za, const struct docx_part *p, time_t mtime)
{
    zip_source_t *s = zip_source_buffer(za, p->data ? p->data : "", p->len, 0);
    if (!s)
        return FZ_ENOMEM;
    zip_int64_t idx = zip_file_add(za, p->name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
        zip_source_free(s);
        return FZ_EINVAL;
    }
    if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6) < 0 ||
        zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0)
        return FZ_EIO;
    return FZ_OK;
}

enum fz_err docx_zip(const struct docx_part *parts, size_t n, time_t mtime, char **out,
                     size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return FZ_ENOMEM;
    }
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        return FZ_EIO;
    }
    zip_source_keep(src);               /* survives zip_close so we can read it back */
    if (!mtime)
        mtime = time(NULL);
    enum fz_err rc = FZ_OK;
    for (size_t i = 0; !rc && i < n; i++)
        rc = add_part(za, &parts[i], mtime);
    if (rc) {
        zip_discard(za);
        zip_source_free(src);
        return rc;
    }
    if (zip_close(za) < 0) {
        zip_discard(za);
        zip_source_free(src);
        return FZ_EIO;
    }
    rc = take_source(src, out, len);
    zip_source_free(src);
    return rc;
}

/* ---- extension (issue 8): GB/T 9704 options and run-in headings (see docx.h) ---- */

enum fz_err docx_gb9704(struct docx *d, unsigned opts)
{
    if (d->err)
        return d->err;
    if (d->body.len || (opts & ~(DOCX_GB_PAGE_NUMBERS | DOCX_GB_FONTS)))
        return keep(d, FZ_EINVAL);
    d->gb = opts;
    return FZ_OK;
}

static const char *gb_face(const struct docx *d, const char *face)
{
    if (!(d->gb & DOCX_GB_FONTS))
        return face;
    if (strcmp(face, "仿宋") == 0)
        return "仿宋_GB2312";
    if (strcmp(face, "楷体") == 0)
        return "楷体_GB2312";
    return face;
}

static const char *gb_title_face(const struct docx *d)
{
    return (d->gb & DOCX_GB_FONTS) ? "方正小标宋简体" : "黑体";
}

enum fz_err docx_para_runin(struct docx *d, int level, const char *lead, const char *text)
{
    if (d->err)
        return d->err;
    struct font h = { gb_face(d, "仿宋"), 32, 1 };
    if (level == 1)
        h = (struct font){ "黑体", 32, 0 };
    else if (level == 2)
        h = (struct font){ gb_face(d, "楷体"), 32, 0 };
    struct font body = { gb_face(d, "仿宋"), 32, 0 };
    const char *s = text ? text : "";
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    enum fz_err rc = buf_puts(&d->body, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\""
                              " w:line=\"560\" w:lineRule=\"exact\"/><w:ind"
                              " w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
                              "<w:jc w:val=\"both\"/></w:pPr>");
    if (!rc && lead && *lead)
        rc = put_run(&d->body, &h, lead, strlen(lead));
    if (!rc && n)
        rc = put_run(&d->body, &body, s, n);
    if (!rc)
        rc = buf_puts(&d->body, "</w:p>");
    keep(d, rc);
    if (!rc && nl)
        return docx_para(d, 0, nl + 1);
    return d->err;
}
