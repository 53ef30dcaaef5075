/* test_merkle.c - cmocka tests for src/modules/merkle.c against RFC 9162 §2.1
 * and the Certificate Transparency vectors of DOMAIN.md §9.4 (8 roots, two
 * inclusion paths, consistency 3 -> 7), every proof for trees up to 8 leaves,
 * the negative cases and the edge cases merkle.h decides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "modules/merkle.h"
#include "util/crypto.h"

#define NLEAVES 8

/* The entries of DOMAIN.md §9.4 (hex). */
static const char *const entry_hex[NLEAVES] = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
};

/* MTH(D[0:n]) for n = 1..8 (index n - 1). */
static const char *const root_hex[NLEAVES] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

static const char *const sha256_empty_hex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/* A tree over the §9.4 entries: leaf hashes and roots[n] = MTH(D[0:n]). */
struct tree {
    enum fz_hash_alg alg;
    merkle_hash leaves[NLEAVES];
    merkle_hash roots[NLEAVES + 1];
};

static void unhex_hash(const char *hex, merkle_hash out)
{
    assert_int_equal(crypto_unhex(hex, out, FZ_HASH_LEN), FZ_OK);
}

static void build_tree(enum fz_hash_alg alg, struct tree *t)
{
    t->alg = alg;
    for (size_t i = 0; i < NLEAVES; i++) {
        uint8_t entry[16];
        size_t len = strlen(entry_hex[i]) / 2;
        assert_int_equal(crypto_unhex(entry_hex[i], entry, len), FZ_OK);
        assert_int_equal(merkle_leaf_hash(alg, entry, len, t->leaves[i]),
                         FZ_OK);
    }
    for (uint64_t n = 0; n <= NLEAVES; n++)
        assert_int_equal(merkle_root(alg, t->leaves, n, t->roots[n]), FZ_OK);
}

static void flip(merkle_hash h, size_t byte)
{
    h[byte] ^= 0x01;
}

/* inclusion: PATH(m, D[n]) over t, asserting success. Caller frees. */
static merkle_hash *inclusion(const struct tree *t, uint64_t n, uint64_t m,
                              size_t *len)
{
    merkle_hash *path = NULL;
    assert_int_equal(merkle_inclusion_path(t->alg, t->leaves, n, m, &path,
                                           len), FZ_OK);
    return path;
}

/* consistency: PROOF(m, D[n]) over t, asserting success. Caller frees. */
static merkle_hash *consistency(const struct tree *t, uint64_t n, uint64_t m,
                                size_t *len)
{
    merkle_hash *proof = NULL;
    assert_int_equal(merkle_consistency_proof(t->alg, t->leaves, n, m, &proof,
                                              len), FZ_OK);
    return proof;
}

static enum fz_err verify_incl(const struct tree *t, uint64_t n, uint64_t m,
                               const merkle_hash leaf, const merkle_hash root,
                               const merkle_hash *path, size_t len)
{
    return merkle_inclusion_verify(t->alg, m, n, leaf, root, path, len);
}

static enum fz_err verify_cons(const struct tree *t, uint64_t m, uint64_t n,
                               const merkle_hash *proof, size_t len)
{
    return merkle_consistency_verify(t->alg, m, n, t->roots[m], t->roots[n],
                                     proof, len);
}

/* with_extra: a copy of p[0..len) with one more element appended. */
static merkle_hash *with_extra(const merkle_hash *p, size_t len,
                               const merkle_hash extra)
{
    merkle_hash *q = calloc(len + 1, sizeof(*q));
    assert_non_null(q);
    if (len)
        memcpy(q, p, len * sizeof(*q));
    memcpy(q[len], extra, FZ_HASH_LEN);
    return q;
}

static void assert_path_equals_hex(const merkle_hash *path, size_t len,
                                   const char *const *hex, size_t n)
{
    assert_int_equal(len, n);
    for (size_t i = 0; i < n; i++) {
        merkle_hash want;
        unhex_hash(hex[i], want);
        assert_memory_equal(path[i], want, FZ_HASH_LEN);
    }
}

static int group_setup(void **state)
{
    (void)state;
    return crypto_init() == FZ_OK ? 0 : -1;
}

/* --- hashing ------------------------------------------------------------ */

static void test_split_is_largest_power_of_two_strictly_below_n(void **state)
{
    (void)state;
    assert_int_equal(merkle_split(2), 1);
    assert_int_equal(merkle_split(3), 2);
    assert_int_equal(merkle_split(4), 2);
    assert_int_equal(merkle_split(5), 4);
    assert_int_equal(merkle_split(7), 4);
    assert_int_equal(merkle_split(8), 4);
    assert_int_equal(merkle_split(9), 8);
    assert_true(merkle_split((1ULL << 63) + 1) == 1ULL << 63);
    assert_true(merkle_split(UINT64_MAX) == 1ULL << 63);
    assert_true(merkle_split(1ULL << 63) == 1ULL << 62);
    assert_int_equal(merkle_split(1), 0);
    assert_int_equal(merkle_split(0), 0);
}

static void test_leaf_hash_is_hash_of_0x00_then_entry(void **state)
{
    static const uint8_t msg[] = { 0x00, 'a', 'b', 'c' };
    merkle_hash want;
    merkle_hash got;
    (void)state;
    assert_int_equal(crypto_digest(FZ_SM3, msg, sizeof(msg), want), FZ_OK);
    assert_int_equal(merkle_leaf_hash(FZ_SM3, "abc", 3, got), FZ_OK);
    assert_memory_equal(got, want, FZ_HASH_LEN);
}

static void test_node_hash_is_hash_of_0x01_then_left_then_right(void **state)
{
    uint8_t msg[1 + 2 * FZ_HASH_LEN];
    merkle_hash l;
    merkle_hash r;
    merkle_hash want;
    merkle_hash got;
    (void)state;
    memset(l, 0xaa, sizeof(l));
    memset(r, 0x55, sizeof(r));
    msg[0] = 0x01;
    memcpy(msg + 1, l, FZ_HASH_LEN);
    memcpy(msg + 1 + FZ_HASH_LEN, r, FZ_HASH_LEN);
    assert_int_equal(crypto_digest(FZ_SHA256, msg, sizeof(msg), want), FZ_OK);
    assert_int_equal(merkle_node_hash(FZ_SHA256, l, r, got), FZ_OK);
    assert_memory_equal(got, want, FZ_HASH_LEN);
}

static void test_node_hash_output_may_alias_either_input(void **state)
{
    merkle_hash l;
    merkle_hash r;
    merkle_hash want;
    merkle_hash a;
    merkle_hash b;
    (void)state;
    memset(l, 0x11, sizeof(l));
    memset(r, 0x22, sizeof(r));
    assert_int_equal(merkle_node_hash(FZ_SHA256, l, r, want), FZ_OK);
    memcpy(a, l, FZ_HASH_LEN);
    assert_int_equal(merkle_node_hash(FZ_SHA256, a, r, a), FZ_OK);
    assert_memory_equal(a, want, FZ_HASH_LEN);
    memcpy(b, r, FZ_HASH_LEN);
    assert_int_equal(merkle_node_hash(FZ_SHA256, l, b, b), FZ_OK);
    assert_memory_equal(b, want, FZ_HASH_LEN);
}

static void test_root_of_empty_tree_is_hash_of_empty_string(void **state)
{
    merkle_hash want;
    merkle_hash got;
    (void)state;
    unhex_hash(sha256_empty_hex, want);
    assert_int_equal(merkle_root(FZ_SHA256, NULL, 0, got), FZ_OK);
    assert_memory_equal(got, want, FZ_HASH_LEN);
}

static void test_roots_of_sizes_1_to_8_match_rfc_vectors(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (size_t n = 1; n <= NLEAVES; n++) {
        merkle_hash want;
        unhex_hash(root_hex[n - 1], want);
        assert_memory_equal(t.roots[n], want, FZ_HASH_LEN);
    }
}

static void test_root_rejects_unknown_algorithm(void **state)
{
    merkle_hash leaf = { 0 };
    merkle_hash out;
    (void)state;
    assert_int_equal(merkle_root((enum fz_hash_alg)9, &leaf, 1, out),
                     FZ_EINVAL);
}

/* --- the §9.4 proof vectors -------------------------------------------- */

static void test_inclusion_path_of_leaf_0_in_size_8_matches_vector(
    void **state)
{
    static const char *const want[] = {
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    };
    struct tree t;
    size_t len = 0;
    (void)state;
    build_tree(FZ_SHA256, &t);
    merkle_hash *path = inclusion(&t, 8, 0, &len);
    assert_path_equals_hex(path, len, want, 3);
    assert_int_equal(verify_incl(&t, 8, 0, t.leaves[0], t.roots[8], path,
                                 len), FZ_OK);
    free(path);
}

static void test_inclusion_path_of_leaf_5_in_size_8_matches_vector(
    void **state)
{
    static const char *const want[] = {
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    };
    struct tree t;
    size_t len = 0;
    (void)state;
    build_tree(FZ_SHA256, &t);
    merkle_hash *path = inclusion(&t, 8, 5, &len);
    assert_path_equals_hex(path, len, want, 3);
    assert_int_equal(verify_incl(&t, 8, 5, t.leaves[5], t.roots[8], path,
                                 len), FZ_OK);
    free(path);
}

static void test_consistency_proof_3_to_7_matches_vector(void **state)
{
    static const char *const want[] = {
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e",
    };
    struct tree t;
    size_t len = 0;
    (void)state;
    build_tree(FZ_SHA256, &t);
    merkle_hash *proof = consistency(&t, 7, 3, &len);
    assert_path_equals_hex(proof, len, want, 4);
    assert_int_equal(verify_cons(&t, 3, 7, proof, len), FZ_OK);
    free(proof);
}

/* --- inclusion: every proof, then the negative cases -------------------- */

static void test_inclusion_path_in_size_1_is_empty_and_verifies(void **state)
{
    struct tree t;
    size_t len = 99;
    (void)state;
    build_tree(FZ_SHA256, &t);
    merkle_hash *path = inclusion(&t, 1, 0, &len);
    assert_null(path);
    assert_int_equal(len, 0);
    assert_int_equal(verify_incl(&t, 1, 0, t.leaves[0], t.roots[1], NULL, 0),
                     FZ_OK);
}

static void test_every_inclusion_proof_up_to_size_8_verifies(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 1; n <= NLEAVES; n++) {
        for (uint64_t m = 0; m < n; m++) {
            size_t len = 0;
            merkle_hash *path = inclusion(&t, n, m, &len);
            assert_int_equal(verify_incl(&t, n, m, t.leaves[m], t.roots[n],
                                         path, len), FZ_OK);
            free(path);
        }
    }
}

static void test_inclusion_path_rejects_index_not_below_size(void **state)
{
    struct tree t;
    merkle_hash *path = (merkle_hash *)&t;  /* sentinel: must stay as is */
    size_t len = 77;
    (void)state;
    build_tree(FZ_SHA256, &t);
    assert_int_equal(merkle_inclusion_path(FZ_SHA256, t.leaves, 8, 8, &path,
                                           &len), FZ_EINVAL);
    assert_int_equal(merkle_inclusion_path(FZ_SHA256, t.leaves, 3, 5, &path,
                                           &len), FZ_EINVAL);
    assert_int_equal(merkle_inclusion_path(FZ_SHA256, t.leaves, 0, 0, &path,
                                           &len), FZ_EINVAL);
    assert_ptr_equal(path, (merkle_hash *)&t);
    assert_int_equal(len, 77);
}

static void test_inclusion_rejects_flipped_leaf_byte(void **state)
{
    static const size_t bytes[] = { 0, 15, 31 };
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 1; n <= NLEAVES; n++) {
        for (uint64_t m = 0; m < n; m++) {
            size_t len = 0;
            merkle_hash *path = inclusion(&t, n, m, &len);
            for (size_t b = 0; b < 3; b++) {
                merkle_hash leaf;
                memcpy(leaf, t.leaves[m], FZ_HASH_LEN);
                flip(leaf, bytes[b]);
                assert_int_equal(verify_incl(&t, n, m, leaf, t.roots[n],
                                             path, len), FZ_EINVAL);
            }
            free(path);
        }
    }
}

static void test_inclusion_rejects_flipped_path_byte(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 0; m < n; m++) {
            size_t len = 0;
            merkle_hash *path = inclusion(&t, n, m, &len);
            assert_true(len > 0);
            for (size_t i = 0; i < len; i++) {
                flip(path[i], i % FZ_HASH_LEN);
                assert_int_equal(verify_incl(&t, n, m, t.leaves[m],
                                             t.roots[n], path, len),
                                 FZ_EINVAL);
                flip(path[i], i % FZ_HASH_LEN);
            }
            free(path);
        }
    }
}

static void test_inclusion_rejects_flipped_root_byte(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 1; n <= NLEAVES; n++) {
        for (uint64_t m = 0; m < n; m++) {
            size_t len = 0;
            merkle_hash *path = inclusion(&t, n, m, &len);
            merkle_hash root;
            memcpy(root, t.roots[n], FZ_HASH_LEN);
            flip(root, FZ_HASH_LEN - 1);
            assert_int_equal(verify_incl(&t, n, m, t.leaves[m], root, path,
                                         len), FZ_EINVAL);
            free(path);
        }
    }
}

static void test_inclusion_rejects_index_at_or_beyond_size(void **state)
{
    struct tree t;
    size_t len = 0;
    (void)state;
    build_tree(FZ_SHA256, &t);
    merkle_hash *path = inclusion(&t, 8, 7, &len);
    assert_int_equal(verify_incl(&t, 8, 8, t.leaves[7], t.roots[8], path,
                                 len), FZ_EINVAL);
    assert_int_equal(verify_incl(&t, 8, 9, t.leaves[7], t.roots[8], path,
                                 len), FZ_EINVAL);
    assert_int_equal(verify_incl(&t, 0, 0, t.leaves[0], t.roots[0], NULL, 0),
                     FZ_EINVAL);
    free(path);
    /* Without the index check these would pass: leaf 0's path in a tree of
     * n = 2^k walks to the right root from index n as well. */
    for (uint64_t n = 2; n <= NLEAVES; n *= 2) {
        path = inclusion(&t, n, 0, &len);
        assert_int_equal(verify_incl(&t, n, n, t.leaves[0], t.roots[n], path,
                                     len), FZ_EINVAL);
        free(path);
    }
}

static void test_inclusion_rejects_path_one_element_longer(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 1; n <= NLEAVES; n++) {
        for (uint64_t m = 0; m < n; m++) {
            size_t len = 0;
            merkle_hash *path = inclusion(&t, n, m, &len);
            merkle_hash *longer = with_extra(path, len, t.leaves[0]);
            assert_int_equal(verify_incl(&t, n, m, t.leaves[m], t.roots[n],
                                         longer, len + 1), FZ_EINVAL);
            free(longer);
            free(path);
        }
    }
}

static void test_inclusion_rejects_path_one_element_shorter(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 0; m < n; m++) {
            size_t len = 0;
            merkle_hash *path = inclusion(&t, n, m, &len);
            /* drop the last (top) element, then the first (bottom) one */
            assert_int_equal(verify_incl(&t, n, m, t.leaves[m], t.roots[n],
                                         path, len - 1), FZ_EINVAL);
            assert_int_equal(verify_incl(&t, n, m, t.leaves[m], t.roots[n],
                                         path + 1, len - 1), FZ_EINVAL);
            free(path);
        }
    }
}

/* A proof checked against a (index, size) it was not made for. These rows are
 * ones where only the size bookkeeping (sn) can tell: the hashes would match.
 * Other mismatched sizes can legitimately verify, as the root binds the tree
 * and not its size: callers must take size and root from one signed head. */
struct claim {
    uint64_t m, n;              /* the proof was made for these */
    uint64_t claimed_m, claimed_n;
};

static void test_inclusion_rejects_path_not_fitting_claimed_size(
    void **state)
{
    static const struct claim rows[] = {
        { 0, 4, 0, 5 },     /* path too short: sn != 0 at the end */
        { 2, 4, 2, 5 },
        { 4, 5, 0, 1 },     /* path too long: sn reaches 0 early */
        { 3, 4, 1, 2 },
    };
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const struct claim *c = &rows[i];
        size_t len = 0;
        merkle_hash *path = inclusion(&t, c->n, c->m, &len);
        assert_int_equal(verify_incl(&t, c->claimed_n, c->claimed_m,
                                     t.leaves[c->m], t.roots[c->n], path, len),
                         FZ_EINVAL);
        free(path);
    }
}

/* --- consistency: every proof, then the negative and edge cases --------- */

static void test_every_consistency_proof_up_to_size_8_verifies(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 1; m < n; m++) {
            size_t len = 0;
            merkle_hash *proof = consistency(&t, n, m, &len);
            assert_true(len > 0);
            assert_int_equal(verify_cons(&t, m, n, proof, len), FZ_OK);
            free(proof);
        }
    }
}

static void test_consistency_proof_for_equal_sizes_is_empty(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 1; n <= NLEAVES; n++) {
        size_t len = 99;
        merkle_hash *proof = consistency(&t, n, n, &len);
        assert_null(proof);
        assert_int_equal(len, 0);
    }
}

static void test_consistency_proof_rejects_bad_sizes(void **state)
{
    struct tree t;
    merkle_hash *proof = (merkle_hash *)&t;     /* sentinel */
    size_t len = 77;
    (void)state;
    build_tree(FZ_SHA256, &t);
    assert_int_equal(merkle_consistency_proof(FZ_SHA256, t.leaves, 8, 0,
                                              &proof, &len), FZ_EINVAL);
    assert_int_equal(merkle_consistency_proof(FZ_SHA256, t.leaves, 3, 4,
                                              &proof, &len), FZ_EINVAL);
    assert_ptr_equal(proof, (merkle_hash *)&t);
    assert_int_equal(len, 77);
}

static void test_consistency_rejects_first_greater_than_second(void **state)
{
    struct tree t;
    size_t len = 0;
    (void)state;
    build_tree(FZ_SHA256, &t);
    merkle_hash *proof = consistency(&t, 7, 3, &len);
    assert_int_equal(merkle_consistency_verify(FZ_SHA256, 7, 3, t.roots[7],
                                               t.roots[3], proof, len),
                     FZ_EINVAL);
    assert_int_equal(merkle_consistency_verify(FZ_SHA256, 7, 3, t.roots[7],
                                               t.roots[3], NULL, 0),
                     FZ_EINVAL);
    free(proof);
    /* Without the size check the proof for 7 -> 8 verifies as 7 -> 6. */
    proof = consistency(&t, 8, 7, &len);
    assert_int_equal(merkle_consistency_verify(FZ_SHA256, 7, 6, t.roots[7],
                                               t.roots[8], proof, len),
                     FZ_EINVAL);
    free(proof);
}

static void test_consistency_equal_sizes_holds_with_same_roots_and_no_proof(
    void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 0; n <= NLEAVES; n++)
        assert_int_equal(verify_cons(&t, n, n, NULL, 0), FZ_OK);
}

static void test_consistency_equal_sizes_fails_with_different_roots(
    void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 0; n <= NLEAVES; n++) {
        merkle_hash other;
        memcpy(other, t.roots[n], FZ_HASH_LEN);
        flip(other, 0);
        assert_int_equal(merkle_consistency_verify(FZ_SHA256, n, n,
                                                   t.roots[n], other, NULL,
                                                   0), FZ_EINVAL);
    }
}

static void test_consistency_equal_sizes_fails_with_nonempty_proof(
    void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    assert_int_equal(verify_cons(&t, 4, 4, &t.roots[4], 1), FZ_EINVAL);
}

static void test_consistency_from_size_0_holds_only_with_empty_proof(
    void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 1; n <= NLEAVES; n++) {
        assert_int_equal(verify_cons(&t, 0, n, NULL, 0), FZ_OK);
        assert_int_equal(verify_cons(&t, 0, n, &t.roots[n], 1), FZ_EINVAL);
    }
}

static void test_consistency_rejects_empty_proof_when_first_below_second(
    void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++)
        for (uint64_t m = 1; m < n; m++)
            assert_int_equal(verify_cons(&t, m, n, NULL, 0), FZ_EINVAL);
}

static void test_consistency_rejects_flipped_proof_byte(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 1; m < n; m++) {
            size_t len = 0;
            merkle_hash *proof = consistency(&t, n, m, &len);
            for (size_t i = 0; i < len; i++) {
                flip(proof[i], 7);
                assert_int_equal(verify_cons(&t, m, n, proof, len),
                                 FZ_EINVAL);
                flip(proof[i], 7);
            }
            free(proof);
        }
    }
}

static void test_consistency_rejects_flipped_root_byte(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 1; m < n; m++) {
            size_t len = 0;
            merkle_hash *proof = consistency(&t, n, m, &len);
            merkle_hash bad_first;
            merkle_hash bad_second;
            memcpy(bad_first, t.roots[m], FZ_HASH_LEN);
            memcpy(bad_second, t.roots[n], FZ_HASH_LEN);
            flip(bad_first, 3);
            flip(bad_second, 30);
            assert_int_equal(merkle_consistency_verify(FZ_SHA256, m, n,
                                                       bad_first, t.roots[n],
                                                       proof, len),
                             FZ_EINVAL);
            assert_int_equal(merkle_consistency_verify(FZ_SHA256, m, n,
                                                       t.roots[m], bad_second,
                                                       proof, len),
                             FZ_EINVAL);
            free(proof);
        }
    }
}

static void test_consistency_rejects_proof_one_element_longer(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 1; m < n; m++) {
            size_t len = 0;
            merkle_hash *proof = consistency(&t, n, m, &len);
            merkle_hash *longer = with_extra(proof, len, t.leaves[0]);
            assert_int_equal(verify_cons(&t, m, n, longer, len + 1),
                             FZ_EINVAL);
            free(longer);
            free(proof);
        }
    }
}

static void test_consistency_rejects_proof_one_element_shorter(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 1; m < n; m++) {
            size_t len = 0;
            merkle_hash *proof = consistency(&t, n, m, &len);
            assert_int_equal(verify_cons(&t, m, n, proof, len - 1),
                             FZ_EINVAL);
            assert_int_equal(verify_cons(&t, m, n, proof + 1, len - 1),
                             FZ_EINVAL);
            free(proof);
        }
    }
}

static void test_consistency_rejects_proof_not_fitting_claimed_sizes(
    void **state)
{
    static const struct claim rows[] = {
        { 2, 4, 2, 5 },     /* proof too short: sn != 0 at the end */
        { 1, 2, 1, 10 },
        { 7, 8, 10, 11 },   /* proof too long: sn reaches 0 early */
        { 7, 8, 12, 14 },
    };
    struct tree t;
    (void)state;
    build_tree(FZ_SHA256, &t);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const struct claim *c = &rows[i];
        size_t len = 0;
        merkle_hash *proof = consistency(&t, c->n, c->m, &len);
        assert_int_equal(merkle_consistency_verify(FZ_SHA256, c->claimed_m,
                                                   c->claimed_n,
                                                   t.roots[c->m],
                                                   t.roots[c->n], proof, len),
                         FZ_EINVAL);
        free(proof);
    }
}

/* --- SM3 ---------------------------------------------------------------- */

static void test_sm3_tree_differs_from_sha256_tree(void **state)
{
    struct tree sha;
    struct tree sm3;
    (void)state;
    build_tree(FZ_SHA256, &sha);
    build_tree(FZ_SM3, &sm3);
    for (size_t i = 0; i < NLEAVES; i++)
        assert_memory_not_equal(sha.leaves[i], sm3.leaves[i], FZ_HASH_LEN);
    for (size_t n = 0; n <= NLEAVES; n++)
        assert_memory_not_equal(sha.roots[n], sm3.roots[n], FZ_HASH_LEN);
}

static void test_sm3_proofs_verify_under_sm3_and_not_sha256(void **state)
{
    struct tree t;
    (void)state;
    build_tree(FZ_SM3, &t);
    for (uint64_t n = 2; n <= NLEAVES; n++) {
        for (uint64_t m = 0; m < n; m++) {
            size_t len = 0;
            merkle_hash *path = inclusion(&t, n, m, &len);
            assert_int_equal(verify_incl(&t, n, m, t.leaves[m], t.roots[n],
                                         path, len), FZ_OK);
            assert_int_equal(merkle_inclusion_verify(FZ_SHA256, m, n,
                                                     t.leaves[m], t.roots[n],
                                                     path, len), FZ_EINVAL);
            free(path);
            if (m == 0)
                continue;
            merkle_hash *proof = consistency(&t, n, m, &len);
            assert_int_equal(verify_cons(&t, m, n, proof, len), FZ_OK);
            assert_int_equal(merkle_consistency_verify(FZ_SHA256, m, n,
                                                       t.roots[m], t.roots[n],
                                                       proof, len),
                             FZ_EINVAL);
            free(proof);
        }
    }
}

/* --- the _src variants --------------------------------------------------- */

/* A range source over a tree that records the ranges it was asked for and
 * can be told to fail. */
struct recorder {
    const struct tree *t;
    uint64_t n;                 /* tree size the proof is for */
    size_t calls;
    uint64_t starts[8];
    uint64_t ends[8];
    enum fz_err fail_with;      /* FZ_OK: answer normally */
};

static enum fz_err record_range(void *arg, uint64_t start, uint64_t end,
                                merkle_hash out)
{
    struct recorder *r = arg;
    assert_true(start < end);
    assert_true(end <= r->n);
    assert_true(r->calls < 8);
    r->starts[r->calls] = start;
    r->ends[r->calls] = end;
    r->calls++;
    if (r->fail_with)
        return r->fail_with;
    return merkle_root(r->t->alg, r->t->leaves + start, end - start, out);
}

/* recorded: whether [start, end) was among the ranges asked for. */
static int recorded(const struct recorder *r, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < r->calls; i++)
        if (r->starts[i] == start && r->ends[i] == end)
            return 1;
    return 0;
}

static void test_inclusion_src_asks_only_for_the_sibling_subtrees(
    void **state)
{
    struct tree t;
    struct recorder r = { .t = &t, .n = 8 };
    merkle_hash *path = NULL;
    size_t len = 0;
    (void)state;
    build_tree(FZ_SHA256, &t);
    assert_int_equal(merkle_inclusion_path_src(record_range, &r, 8, 5, &path,
                                               &len), FZ_OK);
    assert_int_equal(r.calls, 3);
    assert_true(recorded(&r, 4, 5));
    assert_true(recorded(&r, 6, 8));
    assert_true(recorded(&r, 0, 4));
    assert_int_equal(verify_incl(&t, 8, 5, t.leaves[5], t.roots[8], path,
                                 len), FZ_OK);
    free(path);
}

static void test_consistency_src_asks_only_for_the_proof_subtrees(
    void **state)
{
    struct tree t;
    struct recorder r = { .t = &t, .n = 7 };
    merkle_hash *proof = NULL;
    size_t len = 0;
    (void)state;
    build_tree(FZ_SHA256, &t);
    assert_int_equal(merkle_consistency_proof_src(record_range, &r, 7, 3,
                                                  &proof, &len), FZ_OK);
    assert_int_equal(r.calls, 4);
    assert_true(recorded(&r, 2, 3));
    assert_true(recorded(&r, 3, 4));
    assert_true(recorded(&r, 0, 2));
    assert_true(recorded(&r, 4, 7));
    assert_int_equal(verify_cons(&t, 3, 7, proof, len), FZ_OK);
    free(proof);
}

static void test_src_returns_callback_error_and_leaves_outputs_alone(
    void **state)
{
    struct tree t;
    struct recorder r = { .t = &t, .n = 8, .fail_with = FZ_EDB };
    merkle_hash *out = (merkle_hash *)&t;       /* sentinel */
    size_t len = 77;
    (void)state;
    build_tree(FZ_SHA256, &t);
    assert_int_equal(merkle_inclusion_path_src(record_range, &r, 8, 5, &out,
                                               &len), FZ_EDB);
    r.calls = 0;
    assert_int_equal(merkle_consistency_proof_src(record_range, &r, 8, 3,
                                                  &out, &len), FZ_EDB);
    assert_ptr_equal(out, (merkle_hash *)&t);
    assert_int_equal(len, 77);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_is_largest_power_of_two_strictly_below_n),
        cmocka_unit_test(test_leaf_hash_is_hash_of_0x00_then_entry),
        cmocka_unit_test(test_node_hash_is_hash_of_0x01_then_left_then_right),
        cmocka_unit_test(test_node_hash_output_may_alias_either_input),
        cmocka_unit_test(test_root_of_empty_tree_is_hash_of_empty_string),
        cmocka_unit_test(test_roots_of_sizes_1_to_8_match_rfc_vectors),
        cmocka_unit_test(test_root_rejects_unknown_algorithm),
        cmocka_unit_test(
            test_inclusion_path_of_leaf_0_in_size_8_matches_vector),
        cmocka_unit_test(
            test_inclusion_path_of_leaf_5_in_size_8_matches_vector),
        cmocka_unit_test(test_consistency_proof_3_to_7_matches_vector),
        cmocka_unit_test(test_inclusion_path_in_size_1_is_empty_and_verifies),
        cmocka_unit_test(test_every_inclusion_proof_up_to_size_8_verifies),
        cmocka_unit_test(test_inclusion_path_rejects_index_not_below_size),
        cmocka_unit_test(test_inclusion_rejects_flipped_leaf_byte),
        cmocka_unit_test(test_inclusion_rejects_flipped_path_byte),
        cmocka_unit_test(test_inclusion_rejects_flipped_root_byte),
        cmocka_unit_test(test_inclusion_rejects_index_at_or_beyond_size),
        cmocka_unit_test(test_inclusion_rejects_path_one_element_longer),
        cmocka_unit_test(test_inclusion_rejects_path_one_element_shorter),
        cmocka_unit_test(
            test_inclusion_rejects_path_not_fitting_claimed_size),
        cmocka_unit_test(test_every_consistency_proof_up_to_size_8_verifies),
        cmocka_unit_test(test_consistency_proof_for_equal_sizes_is_empty),
        cmocka_unit_test(test_consistency_proof_rejects_bad_sizes),
        cmocka_unit_test(test_consistency_rejects_first_greater_than_second),
        cmocka_unit_test(
            test_consistency_equal_sizes_holds_with_same_roots_and_no_proof),
        cmocka_unit_test(
            test_consistency_equal_sizes_fails_with_different_roots),
        cmocka_unit_test(
            test_consistency_equal_sizes_fails_with_nonempty_proof),
        cmocka_unit_test(
            test_consistency_from_size_0_holds_only_with_empty_proof),
        cmocka_unit_test(
            test_consistency_rejects_empty_proof_when_first_below_second),
        cmocka_unit_test(test_consistency_rejects_flipped_proof_byte),
        cmocka_unit_test(test_consistency_rejects_flipped_root_byte),
        cmocka_unit_test(test_consistency_rejects_proof_one_element_longer),
        cmocka_unit_test(test_consistency_rejects_proof_one_element_shorter),
        cmocka_unit_test(
            test_consistency_rejects_proof_not_fitting_claimed_sizes),
        cmocka_unit_test(test_sm3_tree_differs_from_sha256_tree),
        cmocka_unit_test(test_sm3_proofs_verify_under_sm3_and_not_sha256),
        cmocka_unit_test(
            test_inclusion_src_asks_only_for_the_sibling_subtrees),
        cmocka_unit_test(
            test_consistency_src_asks_only_for_the_proof_subtrees),
        cmocka_unit_test(
            test_src_returns_callback_error_and_leaves_outputs_alone),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
