/* report.c - `fazhi report --year YYYY --format docx|pdf|html|md --out FILE`: the annual
 * rule-of-law report of a year as a file, the same bytes GET /api/v1/reports/{year}/
 * document.{format} serves (a published report: its frozen bytes), and
 * `fazhi report --year YYYY --figures` printing the report's figures as JSON.
 * Exit status: 0 written, 1 failure explained on stderr (no such report, PDF without
 * LibreOffice, I/O), 2 usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/reports.h"
#include "util/str.h"

struct report_opts {
    int64_t year;
    const char *format;         /* docx pdf html md; NULL: from the --out extension */
    const char *out;            /* NULL or "-": stdout */
    int figures;                /* --figures: the figures as JSON instead */
};

static int usage(void)
{
    printf("usage: fazhi report --db PATH --year YYYY [--format docx|pdf|html|md] --out FILE\n"
           "       fazhi report --db PATH --year YYYY --figures [--out FILE]\n\n"
           "Writes the annual rule-of-law report (法治政府建设年度报告) of YYYY: the five\n"
           "sections staff wrote, live figures filled in, the appendix of sources. A\n"
           "published report is written from its frozen bytes. The format defaults to the\n"
           "extension of --out. PDF needs LibreOffice (soffice) on PATH.\n"
           "--figures prints the report's figures (id, label, value, unit, source) as JSON.\n"
           "Exit status: 0 written, 1 failure, 2 usage error.\n");
    return 0;
}

static int bad_usage(const char *what)
{
    fprintf(stderr, "fazhi report: %s (see fazhi report --help)\n", what);
    return 2;
}

static int parse(int argc, char **argv, struct report_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--figures") == 0) {
            o->figures = 1;
            continue;
        }
        if (strcmp(a, "--year") != 0 && strcmp(a, "--format") != 0 && strcmp(a, "--out") != 0)
            return bad_usage("unknown option");
        if (!v)
            return bad_usage("an option needs a value");
        i++;
        if (strcmp(a, "--year") == 0 && (str_to_i64(v, &o->year) || o->year < 2000 ||
                                         o->year > 2099))
            return bad_usage("--year must be a year like 2023");
        if (strcmp(a, "--format") == 0)
            o->format = v;
        if (strcmp(a, "--out") == 0)
            o->out = v;
    }
    if (!o->year)
        return bad_usage("--year is required");
    if (!o->figures && !o->format && o->out) {
        const char *dot = strrchr(o->out, '.');
        o->format = dot ? dot + 1 : NULL;
    }
    if (!o->figures && !o->out)
        return bad_usage("--out is required");
    static const char *const known[] = { "docx", "pdf", "html", "md", NULL };
    for (int i = 0; !o->figures && known[i]; i++)
        if (str_eq(known[i], o->format))
            return 0;
    return o->figures ? 0 : bad_usage("--format must be docx, pdf, html or md");
}

static int write_out(const char *path, const char *data, size_t len)
{
    bool std = !path || strcmp(path, "-") == 0;
    FILE *f = std ? stdout : fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "fazhi report: cannot write %s\n", path);
        return 1;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = (std ? fflush(f) : fclose(f)) == 0 && ok;
    if (!ok)
        fprintf(stderr, "fazhi report: writing %s failed\n", std ? "stdout" : path);
    return ok ? 0 : 1;
}

static int print_figures(struct fz_ctx *ctx, const struct report_opts *o)
{
    char from[16], to[16];
    snprintf(from, sizeof from, "%04lld-01-01", (long long)o->year);
    snprintf(to, sizeof to, "%04lld-12-31", (long long)o->year);
    json_t *figs = NULL;
    if (reports_figures(ctx->db, from, to, 0, &figs)) {
        fprintf(stderr, "fazhi report: figures of %lld could not be computed\n",
                (long long)o->year);
        return 1;
    }
    json_t *doc = json_pack("{s:I, s:s, s:s, s:o}", "year", (json_int_t)o->year, "from", from,
                            "to", to, "figures", figs);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
    json_decref(doc);
    if (!text)
        return 1;
    int ret = write_out(o->out, text, strlen(text));
    if (!ret && (!o->out || strcmp(o->out, "-") == 0))
        putchar('\n');
    free(text);
    return ret;
}

int cmd_report(struct fz_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv))
        return usage();
    struct report_opts o = {0};
    int u = parse(argc, argv, &o);
    if (u)
        return u;
    if (o.figures)
        return print_figures(ctx, &o);
    struct report_ctx c = { .db = ctx->db, .files = ctx->cfg->files };
    struct fz_problem p = {0};
    char *data = NULL, name[192];
    size_t len = 0;
    const char *ctype = NULL;
    bool frozen = false;
    enum fz_err rc = reports_document(&c, o.year, o.format, &data, &len, &ctype, name,
                                      &frozen, &p);
    if (rc == FZ_ENOTFOUND) {
        fprintf(stderr, "fazhi report: there is no report for %lld yet (create it in the web"
                " UI or with POST /api/v1/reports)\n", (long long)o.year);
        return 1;
    }
    if (rc && str_eq(p.code, "pdf_unavailable")) {
        fprintf(stderr, "fazhi report: PDF needs LibreOffice, but no soffice (or libreoffice)"
                " program is on PATH; write docx instead\n");
        return 1;
    }
    if (rc) {
        fprintf(stderr, "fazhi report: %s\n", p.message[0] ? p.message : fz_strerror(rc));
        return 1;
    }
    int ret = write_out(o.out, data, len);
    free(data);
    if (!ret && o.out && strcmp(o.out, "-") != 0)
        fprintf(stderr, "fazhi report: wrote %s (%zu bytes%s)\n", o.out, len,
                frozen ? ", the frozen published report" : "");
    return ret;
}
