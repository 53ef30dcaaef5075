/* upload.c - streamed multipart uploads (see upload.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "http/upload.h"
#include "util/crypto.h"
#include "util/str.h"

#define FIELD_MAX 65536      /* largest non-file form field */

struct upload_state {
    struct MHD_PostProcessor *pp;
    struct fz_upload up;
    int fd;
    long long max;
    enum fz_err err;
    bool file_done;          /* a second file part is refused */
    char current[128];       /* the file part's field name */
    struct fz_hash_ctx *sha, *sm3;
};

static enum fz_err mkdirs(const char *dir)
{
    char p[1200];
    if (!str_copy(p, sizeof p, dir))
        return FZ_EINVAL;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0750) != 0 && errno != EEXIST)
            return FZ_EIO;
        *s = '/';
    }
    if (mkdir(p, 0750) != 0 && errno != EEXIST)
        return FZ_EIO;
    return FZ_OK;
}

/* sanitise: keep a display name without path parts or control characters */
static void sanitise(const char *in, char *out, size_t n)
{
    const char *base = strrchr(in, '/');
    base = base ? base + 1 : in;
    const char *b2 = strrchr(base, '\\');
    base = b2 ? b2 + 1 : base;
    size_t o = 0;
    for (const unsigned char *s = (const unsigned char *)base; *s && o + 1 < n; s++)
        out[o++] = *s < 0x20 ? '_' : (char)*s;
    out[o] = '\0';
    if (!o)
        str_copy(out, n, "file");
}

static enum fz_err open_file(struct upload_state *u, const char *filename, const char *ctype)
{
    if (u->file_done || u->fd >= 0)
        return FZ_EINVAL;
    u->fd = mkstemp(u->up.path);
    if (u->fd < 0)
        return FZ_EIO;
    sanitise(filename, u->up.filename, sizeof u->up.filename);
    str_copy(u->up.content_type, sizeof u->up.content_type,
             ctype ? ctype : "application/octet-stream");
    u->up.has_file = true;
    if (crypto_digest_new(FZ_SHA256, &u->sha) || crypto_digest_new(FZ_SM3, &u->sm3))
        return FZ_ENOMEM;
    return FZ_OK;
}

static enum fz_err write_all(int fd, const char *data, size_t n)
{
    while (n) {
        ssize_t w = write(fd, data, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return FZ_EIO;
        data += w;
        n -= (size_t)w;
    }
    return FZ_OK;
}

static enum fz_err add_field(struct upload_state *u, const char *key, const char *data,
                             size_t n)
{
    json_t *have = json_object_get(u->up.fields, key);
    size_t old = have ? json_string_length(have) : 0;
    if (old + n > FIELD_MAX)
        return FZ_ETOOLARGE;
    char *v = malloc(old + n + 1);
    if (!v)
        return FZ_ENOMEM;
    if (old)
        memcpy(v, json_string_value(have), old);
    memcpy(v + old, data, n);
    v[old + n] = '\0';
    json_object_set_new(u->up.fields, key, json_stringn(v, old + n));
    free(v);
    return FZ_OK;
}

static enum MHD_Result iterate(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data,
                               uint64_t off, size_t size)
{
    (void)kind;
    (void)transfer_encoding;
    struct upload_state *u = cls;
    if (u->err)
        return MHD_NO;
    if (!filename) {
        u->err = add_field(u, key ? key : "", data, size);
        return u->err ? MHD_NO : MHD_YES;
    }
    if (off == 0 && u->fd < 0) {
        u->err = open_file(u, filename, content_type);
        str_copy(u->current, sizeof u->current, key ? key : "");
    } else if (!str_eq(u->current, key ? key : "")) {
        u->err = FZ_EINVAL;     /* only one file per request */
    }
    if (!u->err && size) {
        if (u->up.size + size > (uint64_t)u->max)
            u->err = FZ_ETOOLARGE;
        else
            u->err = write_all(u->fd, data, size);
        if (!u->err)
            u->err = crypto_digest_update(u->sha, data, size);
        if (!u->err)
            u->err = crypto_digest_update(u->sm3, data, size);
        u->up.size += size;
    }
    return u->err ? MHD_NO : MHD_YES;
}

enum fz_err upload_begin(struct MHD_Connection *c, const char *dir, long long max,
                         struct upload_state **out)
{
    struct upload_state *u = calloc(1, sizeof *u);
    if (!u)
        return FZ_ENOMEM;
    u->fd = -1;
    u->max = max;
    u->up.fields = json_object();
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%.1000s/tmp", dir);
    snprintf(u->up.path, sizeof u->up.path, "%s/upload-XXXXXX", tmp);
    enum fz_err rc = mkdirs(tmp);
    if (!rc) {
        u->pp = MHD_create_post_processor(c, 64 * 1024, iterate, u);
        if (!u->pp)
            rc = FZ_EMALFORMED;
    }
    if (rc) {
        u->up.path[0] = '\0';
        upload_free(u);
        return rc;
    }
    *out = u;
    return FZ_OK;
}

enum fz_err upload_feed(struct upload_state *u, const char *data, size_t n)
{
    if (u->err)
        return u->err;
    if (MHD_post_process(u->pp, data, n) != MHD_YES && !u->err)
        u->err = FZ_EMALFORMED;
    return u->err;
}

enum fz_err upload_result(struct upload_state *u, struct fz_upload **out)
{
    if (u->pp) {
        MHD_destroy_post_processor(u->pp);
        u->pp = NULL;
    }
    if (u->fd >= 0) {
        if (!u->err && fsync(u->fd) != 0)
            u->err = FZ_EIO;
        close(u->fd);
        u->fd = -1;
        uint8_t h[FZ_HASH_LEN];
        if (!u->err && !crypto_digest_final(u->sha, h))
            crypto_hex(h, sizeof h, u->up.sha256);
        if (!u->err && !crypto_digest_final(u->sm3, h))
            crypto_hex(h, sizeof h, u->up.sm3);
    }
    if (!u->up.has_file)
        u->up.path[0] = '\0';
    u->up.failed = u->err != FZ_OK;
    *out = &u->up;
    return u->err;
}

void upload_free(struct upload_state *u)
{
    if (!u)
        return;
    if (u->pp)
        MHD_destroy_post_processor(u->pp);
    if (u->fd >= 0)
        close(u->fd);
    if (u->up.path[0] && u->up.has_file)
        unlink(u->up.path);       /* still there: no handler adopted it */
    crypto_digest_free(u->sha);
    crypto_digest_free(u->sm3);
    json_decref(u->up.fields);
    free(u);
}
