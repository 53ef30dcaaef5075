/* backup.c - `fazhi backup --out FILE`: an online, consistent copy of the database taken
 * with SQLite's backup API while the server may be writing, checked with integrity_check,
 * plus a copy of the audit key beside it (FILE.audit-key) so the copy verifies. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "db/db.h"

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

int cmd_backup(struct fz_ctx *ctx, int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: fazhi backup --db PATH --out FILE\n\n"
                   "Copies the live database consistently (the server may keep running)\n"
                   "to FILE and its audit key to FILE.audit-key. To restore, stop the\n"
                   "server and copy both back: FILE -> PATH, FILE.audit-key ->\n"
                   "PATH.audit-key (or run serve with --db FILE).\n");
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
    if (db_backup(ctx->db, out))
        return 1;
    struct db *copy = NULL;
    if (db_open_nomigrate(out, true, &copy) || db_integrity(copy)) {
        db_close(copy);
        fprintf(stderr, "fazhi backup: the copy %s failed its integrity check\n", out);
        return 1;
    }
    db_close(copy);
    char key[1100];
    snprintf(key, sizeof key, "%s.audit-key", out);
    if (access(ctx->cfg->audit_key, F_OK) == 0 && copy_file(ctx->cfg->audit_key, key)) {
        fprintf(stderr, "fazhi backup: cannot copy the audit key to %s\n", key);
        return 1;
    }
    printf("fazhi: backup written to %s\n", out);
    return 0;
}
