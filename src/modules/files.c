/* files.c - content-addressed file store (see files.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "modules/files.h"
#include "util/crypto.h"
#include "util/str.h"

void files_path(const char *root, const char *sha256, char *out, size_t n)
{
    snprintf(out, n, "%s/sha256/%.2s/%s", root, sha256, sha256);
}

static enum fz_err ensure_dir(const char *root, const char *sha256)
{
    char d[1200];
    snprintf(d, sizeof d, "%s/sha256", root);
    if (mkdir(root, 0750) != 0 && errno != EEXIST)
        return FZ_EIO;
    if (mkdir(d, 0750) != 0 && errno != EEXIST)
        return FZ_EIO;
    snprintf(d, sizeof d, "%s/sha256/%.2s", root, sha256);
    if (mkdir(d, 0750) != 0 && errno != EEXIST)
        return FZ_EIO;
    return FZ_OK;
}

enum fz_err files_adopt(const char *root, struct fz_upload *up)
{
    if (!up->has_file || strlen(up->sha256) != 64)
        return FZ_EINVAL;
    enum fz_err rc = ensure_dir(root, up->sha256);
    if (rc)
        return rc;
    char dest[1300];
    files_path(root, up->sha256, dest, sizeof dest);
    struct stat st;
    if (stat(dest, &st) == 0 && (uint64_t)st.st_size == up->size) {
        unlink(up->path);                   /* the same content is stored already */
        return FZ_OK;
    }
    if (rename(up->path, dest) != 0)
        return FZ_EIO;
    chmod(dest, 0440);
    /* make the rename durable: fsync the directory */
    char dir[1300];
    snprintf(dir, sizeof dir, "%s/sha256/%.2s", root, up->sha256);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    return FZ_OK;
}

enum fz_err files_put(const char *root, const void *data, size_t len, char sha256[65],
                      char sm3[65])
{
    uint8_t h[FZ_HASH_LEN];
    enum fz_err rc = crypto_digest(FZ_SHA256, data, len, h);
    if (rc)
        return rc;
    crypto_hex(h, sizeof h, sha256);
    rc = crypto_digest(FZ_SM3, data, len, h);
    if (rc)
        return rc;
    crypto_hex(h, sizeof h, sm3);
    rc = ensure_dir(root, sha256);
    if (rc)
        return rc;
    char dest[1300], tmp[1400];
    files_path(root, sha256, dest, sizeof dest);
    if (access(dest, F_OK) == 0)
        return FZ_OK;
    snprintf(tmp, sizeof tmp, "%s.%d.tmp", dest, (int)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return FZ_EIO;
    bool bad = fwrite(data, 1, len, f) != len;
    bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, dest) != 0) {
        unlink(tmp);
        return FZ_EIO;
    }
    chmod(dest, 0440);
    return FZ_OK;
}

/* digest_matches: finish c and compare with the expected hex */
static bool digest_matches(struct fz_hash_ctx *c, const char *hex)
{
    uint8_t h[FZ_HASH_LEN];
    char got[FZ_HEX_LEN];
    if (crypto_digest_final(c, h))
        return false;
    crypto_hex(h, sizeof h, got);
    return strcmp(got, hex) == 0;
}

enum fz_err files_check(const char *root, const char *sha256, const char *sm3,
                        uint64_t size)
{
    char path[1300];
    files_path(root, sha256, path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return FZ_ENOTFOUND;
    struct fz_hash_ctx *a = NULL, *b = NULL;
    enum fz_err rc = crypto_digest_new(FZ_SHA256, &a);
    if (!rc)
        rc = crypto_digest_new(FZ_SM3, &b);
    static __thread char buf[1 << 16];
    uint64_t total = 0;
    for (;;) {
        if (rc)
            break;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = FZ_EIO;
            break;
        }
        if (n == 0)
            break;
        total += (uint64_t)n;
        rc = crypto_digest_update(a, buf, (size_t)n);
        if (!rc)
            rc = crypto_digest_update(b, buf, (size_t)n);
    }
    close(fd);
    if (!rc && (!digest_matches(a, sha256) || !digest_matches(b, sm3) || total != size))
        rc = FZ_ECONFLICT;
    crypto_digest_free(a);
    crypto_digest_free(b);
    return rc;
}
