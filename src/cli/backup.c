/* backup.c - `fazhi backup --out FILE`: an online, consistent copy of the database taken
 * with SQLite's backup API while the server may be writing, checked with integrity_check,
 * plus a copy of the audit key beside it (FILE.audit-key) so the copy verifies. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "db/db.h"
#include "modules/audit.h"

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return 1;
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!out) {
        fclose(in);
        return 1;
    }
    char buf[4096];
    size_t n;
    int bad = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        bad |= fwrite(buf, 1, n, out) != n;
    fclose(in);
    bad |= fflush(out) != 0 || fsync(fileno(out)) != 0;
    bad |= fclose(out) != 0;
    return bad;
}

/* copy_store: the content-addressed file store (evidence, documents) into dest; files
 * are immutable once stored, so a copy taken while the server runs is consistent with
 * the database snapshot taken before it (it may hold a few newer files, never fewer).
 * Hard links where the filesystem allows, copies otherwise. */
static int copy_store(const char *src, const char *dest)
{
    char from[1300], to[1300];
    snprintf(from, sizeof from, "%s/sha256", src);
    DIR *top = opendir(from);
    if (!top)
        return 0;                     /* no files stored yet */
    snprintf(to, sizeof to, "%s", dest);
    int bad = mkdir(to, 0750) != 0 && errno != EEXIST;
    snprintf(to, sizeof to, "%s/sha256", dest);
    bad |= mkdir(to, 0750) != 0 && errno != EEXIST;
    struct dirent *d;
    while (!bad && (d = readdir(top))) {
        if (d->d_name[0] == '.')
            continue;
        char sub[1600], subto[1600];
        snprintf(sub, sizeof sub, "%s/%s", from, d->d_name);
        snprintf(subto, sizeof subto, "%s/%s", to, d->d_name);
        DIR *dir = opendir(sub);
        if (!dir)
            continue;
        bad |= mkdir(subto, 0750) != 0 && errno != EEXIST;
        struct dirent *f;
        while (!bad && (f = readdir(dir))) {
            if (f->d_name[0] == '.' || strstr(f->d_name, ".tmp"))
                continue;
            char a[1900], b[1900];
            snprintf(a, sizeof a, "%s/%s", sub, f->d_name);
            snprintf(b, sizeof b, "%s/%s", subto, f->d_name);
            if (link(a, b) != 0 && errno != EEXIST)
                bad |= copy_file(a, b);
        }
        closedir(dir);
    }
    closedir(top);
    return bad;
}

int cmd_backup(struct fz_ctx *ctx, int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: fazhi backup --db PATH --out FILE\n\n"
                   "Copies the live database consistently (the server may keep running)\n"
                   "to FILE, its audit key to FILE.audit-key and the evidence file store\n"
                   "to FILE.files. To restore, stop the server and copy them back:\n"
                   "FILE -> PATH, FILE.audit-key -> PATH.audit-key, FILE.files ->\n"
                   "PATH.files (or run serve with --db FILE).\n");
            return 0;
        }
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else {
            fprintf(stderr, "fazhi backup: unexpected argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!out) {
        fprintf(stderr, "fazhi backup: --out FILE is required\n");
        return 2;
    }
    if (access(out, F_OK) == 0) {
        fprintf(stderr, "fazhi backup: %s exists; refusing to overwrite\n", out);
        return 1;
    }
    if (db_backup(ctx->db, out)) {
        unlink(out);               /* no half-written copy left to block a retry */
        return 1;
    }
    struct db *copy = NULL;
    char key[1100], head[1200];
    snprintf(key, sizeof key, "%s.audit-key", out);
    snprintf(head, sizeof head, "%s.head", key);
    if (db_open_nomigrate(out, true, &copy) || db_integrity(copy) ||
        audit_publish_head(copy, head)) {
        db_close(copy);
        unlink(out);
        unlink(head);
        fprintf(stderr, "fazhi backup: the copy %s failed its integrity check\n", out);
        return 1;
    }
    db_close(copy);
    if (access(ctx->cfg->audit_key, F_OK) == 0 && copy_file(ctx->cfg->audit_key, key)) {
        fprintf(stderr, "fazhi backup: cannot copy the audit key to %s\n", key);
        return 1;
    }
    char files[1100];
    snprintf(files, sizeof files, "%s.files", out);
    if (copy_store(ctx->cfg->files, files)) {
        fprintf(stderr, "fazhi backup: cannot copy the file store to %s\n", files);
        return 1;
    }
    printf("fazhi: backup written to %s\n", out);
    return 0;
}
