/* merkle.c - RFC 9162 §2.1 Merkle tree hash, inclusion and consistency
 * proofs (DOMAIN.md §9). Exports the merkle.h API. Proof generation plans the
 * subtree ranges it needs, then asks a merkle_range_fn for each; the array
 * variants answer by hashing the slice. Out-params are set only on FZ_OK. */
#include "modules/merkle.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A proof never has more elements than the tree has levels (< 64) plus one. */
#define MAX_PROOF 65

struct range {
    uint64_t start;     /* first leaf, inclusive */
    uint64_t end;       /* last leaf, exclusive */
};

/* The range source behind the array variants. */
struct leaf_src {
    enum fz_hash_alg alg;
    const merkle_hash *leaves;
};

static bool alg_ok(enum fz_hash_alg alg)
{
    return alg == FZ_SHA256 || alg == FZ_SM3;
}

enum fz_err merkle_leaf_hash(enum fz_hash_alg alg, const void *data, size_t len,
                             merkle_hash out)
{
    static const uint8_t prefix = 0x00;
    struct fz_hash_ctx *c = NULL;
    uint8_t digest[FZ_HASH_LEN];

    if (!out || (!data && len))
        return FZ_EINVAL;
    enum fz_err rc = crypto_digest_new(alg, &c);
    if (rc)
        return rc;
    rc = crypto_digest_update(c, &prefix, 1);
    if (!rc)
        rc = crypto_digest_update(c, data, len);
    if (!rc)
        rc = crypto_digest_final(c, digest);
    crypto_digest_free(c);
    if (!rc)
        memcpy(out, digest, FZ_HASH_LEN);
    return rc;
}

/* merkle_node_hash: the inputs are copied before hashing, so out may alias
 * l or r. */
enum fz_err merkle_node_hash(enum fz_hash_alg alg, const merkle_hash l,
                             const merkle_hash r, merkle_hash out)
{
    uint8_t buf[1 + 2 * FZ_HASH_LEN];

    if (!l || !r || !out)
        return FZ_EINVAL;
    buf[0] = 0x01;
    memcpy(buf + 1, l, FZ_HASH_LEN);
    memcpy(buf + 1 + FZ_HASH_LEN, r, FZ_HASH_LEN);
    return crypto_digest(alg, buf, sizeof(buf), out);
}

/* merkle_split: returns 0 for n < 2. The loop tests 2k < n as k < n - k, so
 * it cannot overflow for any n. */
uint64_t merkle_split(uint64_t n)
{
    if (n < 2)
        return 0;
    uint64_t k = 1;
    while (k < n - k)
        k <<= 1;
    return k;
}

/* root_rec: MTH over leaves[0..n) for n >= 1; recursion depth < 64. */
static enum fz_err root_rec(enum fz_hash_alg alg, const merkle_hash *leaves,
                            uint64_t n, merkle_hash out)
{
    if (n == 1) {
        memcpy(out, leaves[0], FZ_HASH_LEN);
        return FZ_OK;
    }
    uint64_t k = merkle_split(n);
    merkle_hash left;
    merkle_hash right;
    enum fz_err rc = root_rec(alg, leaves, k, left);
    if (rc)
        return rc;
    rc = root_rec(alg, leaves + k, n - k, right);
    if (rc)
        return rc;
    return merkle_node_hash(alg, left, right, out);
}

enum fz_err merkle_root(enum fz_hash_alg alg, const merkle_hash *leaves,
                        uint64_t n, merkle_hash out)
{
    if (!alg_ok(alg) || !out || (!leaves && n))
        return FZ_EINVAL;
    if (n == 0)
        return crypto_digest(alg, "", 0, out);
    merkle_hash tmp;
    enum fz_err rc = root_rec(alg, leaves, n, tmp);
    if (!rc)
        memcpy(out, tmp, FZ_HASH_LEN);
    return rc;
}

/* fetch_ranges: ask fn for the hash of every planned range. The plan lists
 * ranges top-down (root level first) but proofs run bottom-up, so the array is
 * filled in reverse. *proof is NULL when count is 0; caller owns (free()). */
static enum fz_err fetch_ranges(merkle_range_fn fn, void *arg,
                                const struct range *plan, size_t count,
                                merkle_hash **proof, size_t *len)
{
    merkle_hash *out = NULL;

    if (count) {
        out = calloc(count, sizeof(*out));
        if (!out)
            return FZ_ENOMEM;
    }
    for (size_t i = 0; i < count; i++) {
        enum fz_err rc = fn(arg, plan[i].start, plan[i].end,
                            out[count - 1 - i]);
        if (rc) {
            free(out);
            return rc;
        }
    }
    *proof = out;
    *len = count;
    return FZ_OK;
}

/* merkle_inclusion_path_src: PATH(m, D[n]) walked from the root: at each level
 * the subtree not holding m is a sibling, and the walk continues into the
 * other. FZ_EINVAL for m >= n or no fn; otherwise fn's error, or FZ_ENOMEM. */
enum fz_err merkle_inclusion_path_src(merkle_range_fn fn, void *arg,
                                      uint64_t n, uint64_t m,
                                      merkle_hash **path, size_t *len)
{
    struct range plan[MAX_PROOF];
    size_t count = 0;
    uint64_t lo = 0;
    uint64_t hi = n;

    if (!fn || !path || !len || m >= n)
        return FZ_EINVAL;
    while (hi - lo > 1) {
        uint64_t k = merkle_split(hi - lo);
        if (m - lo < k) {
            plan[count++] = (struct range){ lo + k, hi };
            hi = lo + k;
        } else {
            plan[count++] = (struct range){ lo, lo + k };
            lo += k;
        }
    }
    return fetch_ranges(fn, arg, plan, count, path, len);
}

/* merkle_consistency_proof_src: SUBPROOF(m, D[n], true) unrolled. Each step
 * records the sibling subtree; the walk ends at a subtree of exactly m leaves,
 * whose own hash is included unless it is the whole old tree (b still true).
 * FZ_EINVAL unless 0 < m <= n; otherwise fn's error, or FZ_ENOMEM. */
enum fz_err merkle_consistency_proof_src(merkle_range_fn fn, void *arg,
                                         uint64_t n, uint64_t m,
                                         merkle_hash **proof, size_t *len)
{
    struct range plan[MAX_PROOF];
    size_t count = 0;
    uint64_t lo = 0;
    uint64_t hi = n;
    bool whole = true;      /* the RFC's b: still on the old tree's own root */

    if (!fn || !proof || !len || m == 0 || m > n)
        return FZ_EINVAL;
    while (m != hi - lo) {
        uint64_t k = merkle_split(hi - lo);
        if (m <= k) {
            plan[count++] = (struct range){ lo + k, hi };
            hi = lo + k;
        } else {
            plan[count++] = (struct range){ lo, lo + k };
            lo += k;
            m -= k;
            whole = false;
        }
    }
    if (!whole)
        plan[count++] = (struct range){ lo, hi };
    return fetch_ranges(fn, arg, plan, count, proof, len);
}

/* leaf_range: merkle_range_fn over an array of leaf hashes. */
static enum fz_err leaf_range(void *arg, uint64_t start, uint64_t end,
                              merkle_hash out)
{
    const struct leaf_src *src = arg;
    return merkle_root(src->alg, src->leaves + start, end - start, out);
}

enum fz_err merkle_inclusion_path(enum fz_hash_alg alg,
                                  const merkle_hash *leaves, uint64_t n,
                                  uint64_t m, merkle_hash **path, size_t *len)
{
    if (!alg_ok(alg) || !leaves)
        return FZ_EINVAL;
    struct leaf_src src = { alg, leaves };
    return merkle_inclusion_path_src(leaf_range, &src, n, m, path, len);
}

enum fz_err merkle_consistency_proof(enum fz_hash_alg alg,
                                     const merkle_hash *leaves, uint64_t n,
                                     uint64_t m, merkle_hash **proof,
                                     size_t *len)
{
    if (!alg_ok(alg) || !leaves)
        return FZ_EINVAL;
    struct leaf_src src = { alg, leaves };
    return merkle_consistency_proof_src(leaf_range, &src, n, m, proof, len);
}

/* shift_to_set_bit: right-shift fn and sn together until LSB(fn) is set or fn
 * is 0 (the RFC's inner loop in both verifiers). */
static void shift_to_set_bit(uint64_t *fn, uint64_t *sn)
{
    while (!(*fn & 1) && *fn != 0) {
        *fn >>= 1;
        *sn >>= 1;
    }
}

/* merkle_inclusion_verify: DOMAIN.md §9.2 steps 1-4. A node-hash failure is
 * returned as is (never FZ_OK). */
enum fz_err merkle_inclusion_verify(enum fz_hash_alg alg, uint64_t index,
                                    uint64_t size, const merkle_hash leaf,
                                    const merkle_hash root,
                                    const merkle_hash *path, size_t len)
{
    if (!alg_ok(alg) || !leaf || !root || (!path && len) || index >= size)
        return FZ_EINVAL;

    uint64_t fn = index;
    uint64_t sn = size - 1;
    merkle_hash r;
    memcpy(r, leaf, FZ_HASH_LEN);
    for (size_t i = 0; i < len; i++) {
        enum fz_err rc;
        if (sn == 0)
            return FZ_EINVAL;
        if ((fn & 1) || fn == sn) {
            rc = merkle_node_hash(alg, path[i], r, r);
            if (!(fn & 1))
                shift_to_set_bit(&fn, &sn);
        } else {
            rc = merkle_node_hash(alg, r, path[i], r);
        }
        if (rc)
            return rc;
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0 || memcmp(r, root, FZ_HASH_LEN) != 0)
        return FZ_EINVAL;
    return FZ_OK;
}

/* consistency_walk: DOMAIN.md §9.3 verification steps 3-6 over the proof
 * p[0..count), where p[0] is first_root when prepended (step 2) and
 * proof[i - shift] otherwise. */
static enum fz_err consistency_walk(enum fz_hash_alg alg, uint64_t first,
                                    uint64_t second,
                                    const merkle_hash first_root,
                                    const merkle_hash second_root,
                                    const merkle_hash *proof, size_t len,
                                    bool prepend)
{
    size_t shift = prepend ? 1 : 0;
    uint64_t fn = first - 1;
    uint64_t sn = second - 1;
    merkle_hash fr;
    merkle_hash sr;

    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    memcpy(fr, prepend ? first_root : proof[0], FZ_HASH_LEN);
    memcpy(sr, fr, FZ_HASH_LEN);
    for (size_t i = 1; i < len + shift; i++) {
        const uint8_t *c = proof[i - shift];
        enum fz_err rc;
        if (sn == 0)
            return FZ_EINVAL;
        if ((fn & 1) || fn == sn) {
            rc = merkle_node_hash(alg, c, fr, fr);
            if (!rc)
                rc = merkle_node_hash(alg, c, sr, sr);
            if (!(fn & 1))
                shift_to_set_bit(&fn, &sn);
        } else {
            rc = merkle_node_hash(alg, sr, c, sr);
        }
        if (rc)
            return rc;
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0 || memcmp(fr, first_root, FZ_HASH_LEN) != 0
        || memcmp(sr, second_root, FZ_HASH_LEN) != 0)
        return FZ_EINVAL;
    return FZ_OK;
}

/* merkle_consistency_verify: the edge cases of merkle.h first (first ==
 * second is checked before first == 0, so 0 -> 0 also needs equal roots),
 * then the RFC algorithm. */
enum fz_err merkle_consistency_verify(enum fz_hash_alg alg, uint64_t first,
                                      uint64_t second,
                                      const merkle_hash first_root,
                                      const merkle_hash second_root,
                                      const merkle_hash *proof, size_t len)
{
    if (!alg_ok(alg) || !first_root || !second_root || (!proof && len)
        || first > second)
        return FZ_EINVAL;
    if (first == second) {
        if (len != 0 || memcmp(first_root, second_root, FZ_HASH_LEN) != 0)
            return FZ_EINVAL;
        return FZ_OK;
    }
    if (first == 0)
        return len == 0 ? FZ_OK : FZ_EINVAL;
    if (len == 0)
        return FZ_EINVAL;
    bool prepend = (first & (first - 1)) == 0;  /* exact power of two */
    return consistency_walk(alg, first, second, first_root, second_root,
                            proof, len, prepend);
}
