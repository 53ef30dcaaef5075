/* crypto.c - SHA-256 and SM3 digests through OpenSSL 3 EVP, hex coding and
 * random tokens through libsodium. Exports the crypto.h API; struct
 * fz_hash_ctx is private to this file.
 * Invariant: out-parameters are written only when a call returns FZ_OK. */
#include "util/crypto.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
/* Not <sodium.h>: it declares its own crypto_digest() (SHA-512), which clashes
 * with ours. Only the parts used here are included. */
#include <sodium/core.h>
#include <sodium/randombytes.h>
#include <sodium/utils.h>

struct fz_hash_ctx {
    EVP_MD_CTX *md_ctx;     /* initialised with the chosen digest */
    bool finished;          /* crypto_digest_final() was called */
};

/* alg_name: the OpenSSL fetch name for alg, or NULL for an unknown value. */
static const char *alg_name(enum fz_hash_alg alg)
{
    switch (alg) {
    case FZ_SHA256:
        return "SHA256";
    case FZ_SM3:
        return "SM3";
    }
    return NULL;
}

/* fetch_md: fetch the digest for alg into *out (caller frees with
 * EVP_MD_free()). FZ_EINVAL for an unknown alg, FZ_EINTERNAL when the
 * provider lacks it. */
static enum fz_err fetch_md(enum fz_hash_alg alg, EVP_MD **out)
{
    const char *name = alg_name(alg);
    if (!name)
        return FZ_EINVAL;
    EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
    if (!md)
        return FZ_EINTERNAL;
    *out = md;
    return FZ_OK;
}

enum fz_err crypto_init(void)
{
    static const enum fz_hash_alg algs[] = { FZ_SHA256, FZ_SM3 };
    for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
        EVP_MD *md = NULL;
        enum fz_err rc = fetch_md(algs[i], &md);
        if (rc)
            return FZ_EINTERNAL;
        EVP_MD_free(md);
    }
    if (sodium_init() < 0)
        return FZ_EINTERNAL;
    return FZ_OK;
}

enum fz_err crypto_digest(enum fz_hash_alg alg, const void *data, size_t len,
                        uint8_t out[FZ_HASH_LEN])
{
    if ((!data && len) || !out)
        return FZ_EINVAL;
    EVP_MD *md = NULL;
    enum fz_err rc = fetch_md(alg, &md);
    if (rc)
        return rc;

    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    static const uint8_t empty[1];
    int ok = EVP_Digest(data ? data : empty, len, digest, &dlen, md, NULL);
    EVP_MD_free(md);
    if (!ok || dlen != FZ_HASH_LEN)
        return FZ_EINTERNAL;
    memcpy(out, digest, FZ_HASH_LEN);
    return FZ_OK;
}

enum fz_err crypto_digest_new(enum fz_hash_alg alg, struct fz_hash_ctx **out)
{
    if (!out)
        return FZ_EINVAL;
    EVP_MD *md = NULL;
    enum fz_err rc = fetch_md(alg, &md);
    if (rc)
        return rc;

    struct fz_hash_ctx *c = calloc(1, sizeof(*c));
    if (!c) {
        rc = FZ_ENOMEM;
        goto out;
    }
    c->md_ctx = EVP_MD_CTX_new();
    if (!c->md_ctx) {
        rc = FZ_ENOMEM;
        goto out;
    }
    /* The context keeps its own reference to md, so md is freed below. */
    if (!EVP_DigestInit_ex2(c->md_ctx, md, NULL)) {
        rc = FZ_EINTERNAL;
        goto out;
    }
    *out = c;
    c = NULL;
out:
    crypto_digest_free(c);
    EVP_MD_free(md);
    return rc;
}

enum fz_err crypto_digest_update(struct fz_hash_ctx *c, const void *data,
                               size_t len)
{
    if (!c || c->finished || (!data && len))
        return FZ_EINVAL;
    if (!len)
        return FZ_OK;
    if (!EVP_DigestUpdate(c->md_ctx, data, len))
        return FZ_EINTERNAL;
    return FZ_OK;
}

/* crypto_digest_final: write the digest; afterwards the context only accepts
 * crypto_digest_free() (update/final return FZ_EINVAL). */
enum fz_err crypto_digest_final(struct fz_hash_ctx *c, uint8_t out[FZ_HASH_LEN])
{
    if (!c || c->finished || !out)
        return FZ_EINVAL;
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    c->finished = true;
    if (!EVP_DigestFinal_ex(c->md_ctx, digest, &dlen) || dlen != FZ_HASH_LEN)
        return FZ_EINTERNAL;
    memcpy(out, digest, FZ_HASH_LEN);
    return FZ_OK;
}

void crypto_digest_free(struct fz_hash_ctx *c)
{
    if (!c)
        return;
    EVP_MD_CTX_free(c->md_ctx);
    free(c);
}

void crypto_hex(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 0x0f];
    }
    out[2 * n] = '\0';
}

/* hex_value: the value of one hex digit (either case), or -1. */
static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* crypto_unhex: hex must be exactly 2n digits followed by NUL (upper or lower
 * case). Validates everything before writing, so out is untouched on error. */
enum fz_err crypto_unhex(const char *hex, uint8_t *out, size_t n)
{
    if (!hex || (!out && n))
        return FZ_EINVAL;
    for (size_t i = 0; i < 2 * n; i++) {
        if (hex_value(hex[i]) < 0)      /* also stops at an early NUL */
            return FZ_EINVAL;
    }
    if (hex[2 * n] != '\0')
        return FZ_EINVAL;
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)((hex_value(hex[2 * i]) << 4)
                           | hex_value(hex[2 * i + 1]));
    return FZ_OK;
}

/* crypto_token: fills in chunks so any n works without a heap buffer; the raw
 * bytes are wiped from the stack afterwards. Requires crypto_init() first. */
void crypto_token(size_t n, char *out)
{
    uint8_t buf[32];
    size_t done = 0;
    out[0] = '\0';
    while (done < n) {
        size_t chunk = n - done < sizeof(buf) ? n - done : sizeof(buf);
        randombytes_buf(buf, chunk);
        crypto_hex(buf, chunk, out + 2 * done);
        done += chunk;
    }
    sodium_memzero(buf, sizeof(buf));
}
