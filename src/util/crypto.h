/* crypto.h - hashes and random bytes for fazhi, on OpenSSL libcrypto and libsodium.
 * SHA-256 and SM3 (GB/T 32905-2016) one-shot and streaming; hex encoding; random tokens.
 * No hash is implemented here: everything goes through EVP (OpenSSL 3 default provider). */
#ifndef FZ_CRYPTO_H
#define FZ_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include "fz_err.h"

#define FZ_HASH_LEN 32          /* both SHA-256 and SM3 give 32 bytes */
#define FZ_HEX_LEN  65          /* 64 hex digits + NUL */

enum fz_hash_alg { FZ_SHA256 = 0, FZ_SM3 = 1 };

/* crypto_init: check that SHA-256 and SM3 are available (SM3 can be compiled out of
 * OpenSSL with no-sm3) and init libsodium. Call once at start; FZ_EINTERNAL if missing. */
enum fz_err crypto_init(void);

/* crypto_digest: one-shot digest of len bytes into out[FZ_HASH_LEN]. */
enum fz_err crypto_digest(enum fz_hash_alg alg, const void *data, size_t len,
                        uint8_t out[FZ_HASH_LEN]);

/* Streaming: crypto_digest_new() returns a context (caller owns; crypto_digest_free(), which
 * accepts NULL), crypto_digest_update() any number of times, crypto_digest_final() once. */
struct fz_hash_ctx;
enum fz_err crypto_digest_new(enum fz_hash_alg alg, struct fz_hash_ctx **out);
enum fz_err crypto_digest_update(struct fz_hash_ctx *c, const void *data, size_t len);
enum fz_err crypto_digest_final(struct fz_hash_ctx *c, uint8_t out[FZ_HASH_LEN]);
void crypto_digest_free(struct fz_hash_ctx *c);

/* crypto_hex: lower-case hex of n bytes into out (2n+1 bytes, NUL-terminated). */
void crypto_hex(const uint8_t *in, size_t n, char *out);
/* crypto_unhex: parse exactly 2n hex digits into out[n]; FZ_EINVAL otherwise. */
enum fz_err crypto_unhex(const char *hex, uint8_t *out, size_t n);

/* crypto_token: n random bytes (libsodium) as hex into out (2n+1 bytes). */
void crypto_token(size_t n, char *out);

#endif
