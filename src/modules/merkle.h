/* merkle.h - RFC 9162 §2.1 Merkle tree hashing and proofs (Certificate Transparency v2).
 * Pure functions over arrays of leaf hashes; SHA-256 by default, SM3 selectable (keeping the
 * RFC's 0x00/0x01 domain separation). Proof arrays are caller-owned; free with free().
 * Invariant: leaf hash = H(0x00 || entry); node hash = H(0x01 || left || right);
 * k = largest power of two strictly less than n; the tree is never padded. */
#ifndef FZ_MERKLE_H
#define FZ_MERKLE_H

#include <stddef.h>
#include <stdint.h>
#include "fz_err.h"
#include "util/crypto.h"

typedef uint8_t merkle_hash[FZ_HASH_LEN];

/* merkle_leaf_hash: out = H(0x00 || data). */
enum fz_err merkle_leaf_hash(enum fz_hash_alg alg, const void *data, size_t len,
                             merkle_hash out);
/* merkle_node_hash: out = H(0x01 || l || r). out may alias l or r. */
enum fz_err merkle_node_hash(enum fz_hash_alg alg, const merkle_hash l,
                             const merkle_hash r, merkle_hash out);
/* merkle_split: largest power of two strictly less than n (n >= 2). */
uint64_t merkle_split(uint64_t n);

/* merkle_root: MTH over leaves[0..n) (leaf hashes, not entries); n = 0 gives H(""). */
enum fz_err merkle_root(enum fz_hash_alg alg, const merkle_hash *leaves, uint64_t n,
                        merkle_hash out);

/* A source of subtree hashes: fills out with MTH(D[start:end]) for 0 <= start < end.
 * Proof generation only ever asks for ranges it needs, so a caller holding stored
 * subtree hashes (the audit log) can answer in O(log n) without reading every leaf. */
typedef enum fz_err (*merkle_range_fn)(void *arg, uint64_t start, uint64_t end,
                                       merkle_hash out);

/* The _src variants generate the same proofs as below from a range-hash source. */
enum fz_err merkle_inclusion_path_src(merkle_range_fn fn, void *arg, uint64_t n,
                                      uint64_t m, merkle_hash **path, size_t *len);
enum fz_err merkle_consistency_proof_src(merkle_range_fn fn, void *arg, uint64_t n,
                                         uint64_t m, merkle_hash **proof, size_t *len);

/* merkle_inclusion_path: PATH(m, D[n]) (§2.1.3.1). *path is a new array of *len hashes,
 * caller owns (free()); FZ_EINVAL when m >= n. */
enum fz_err merkle_inclusion_path(enum fz_hash_alg alg, const merkle_hash *leaves,
                                  uint64_t n, uint64_t m, merkle_hash **path,
                                  size_t *len);
/* merkle_inclusion_verify: §2.1.3.2; FZ_OK when the proof holds, FZ_EINVAL otherwise. */
enum fz_err merkle_inclusion_verify(enum fz_hash_alg alg, uint64_t index, uint64_t size,
                                    const merkle_hash leaf, const merkle_hash root,
                                    const merkle_hash *path, size_t len);

/* merkle_consistency_proof: PROOF(m, D[n]) (§2.1.4.1), 0 < m <= n; for m == n the proof is
 * empty. *proof is caller-owned (free(); NULL when len is 0). FZ_EINVAL for bad sizes. */
enum fz_err merkle_consistency_proof(enum fz_hash_alg alg, const merkle_hash *leaves,
                                     uint64_t n, uint64_t m, merkle_hash **proof,
                                     size_t *len);
/* merkle_consistency_verify: §2.1.4.2. Edge cases decided here: first == second holds iff
 * the roots are equal and the proof is empty; first == 0 always holds with an empty proof;
 * first > second fails. FZ_OK when it holds, FZ_EINVAL otherwise. */
enum fz_err merkle_consistency_verify(enum fz_hash_alg alg, uint64_t first,
                                      uint64_t second, const merkle_hash first_root,
                                      const merkle_hash second_root,
                                      const merkle_hash *proof, size_t len);

#endif
