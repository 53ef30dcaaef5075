/* audit.h - the tamper-evident audit log (全过程记录): every state-changing request appends
 * one entry, a leaf of an RFC 9162 Merkle tree (SHA-256). After each append the new tree
 * head (size, root) is signed with an Ed25519 key kept outside the database, so rewriting
 * history inside the database is detected by audit_verify() even when every hash was
 * recomputed. Perfect subtree hashes are stored (audit_nodes) so inclusion and consistency
 * proofs take O(log n) reads.
 * Appends must run inside the caller's write transaction (db_begin): the entry commits
 * or rolls back with the change it records. */
#ifndef FZ_AUDIT_H
#define FZ_AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <sodium.h>
#include <jansson.h>
#include "fz_err.h"
#include "modules/merkle.h"

struct db;

struct audit_key {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    bool has_sk;                 /* false when only the public key is known */
};

/* audit_key_load: read the key file at path; create it (mode 0600) when absent and
 * create is true. The public key is also recorded in the database's settings on first
 * use (audit_key_bind), and a mismatch later is reported by audit_verify. */
enum fz_err audit_key_load(const char *path, bool create, struct audit_key *out);
/* audit_key_bind: record pk in settings if none is recorded; FZ_ECONFLICT when another
 * key is recorded (the key file does not belong to this database). */
enum fz_err audit_key_bind(struct db *db, const struct audit_key *key);

struct audit_entry {
    const char *ts;              /* NULL: now */
    int64_t user_id;             /* 0: none (system, CLI, public) */
    const char *username;
    const char *ip;
    const char *method;
    const char *path;
    const char *action;          /* required, e.g. "user.create" */
    const char *entity_type;
    const char *entity_id;
    const char *summary;
    json_t *detail;              /* borrowed; may be NULL */
};

/* audit_append: append e inside the current transaction; *seq (may be NULL) gets its
 * leaf index. */
enum fz_err audit_append(struct db *db, const struct audit_key *key,
                         const struct audit_entry *e, int64_t *seq);

/* audit_head: current tree size, root (hex) and signature (hex). */
struct audit_head {
    int64_t size;
    char root[FZ_HEX_LEN];
    char signature[2 * crypto_sign_BYTES + 1];
};
enum fz_err audit_head(struct db *db, struct audit_head *out);

/* audit_proof: inclusion proof of leaf seq in the current tree, as a new JSON object
 * {seq, leaf_hash, tree_size, root, path:[hex], verified}. FZ_ENOTFOUND for no such seq. */
enum fz_err audit_proof(struct db *db, int64_t seq, json_t **out);
/* audit_consistency: consistency proof between sizes first <= second, as new JSON. */
enum fz_err audit_consistency(struct db *db, int64_t first, int64_t second, json_t **out);

/* audit_verify: recompute every leaf hash from the row's fields, every root and stored
 * subtree hash, check the sequence has no gaps and every signature verifies with pk.
 * FZ_OK when intact; otherwise *bad_seq gets the first bad entry (-1 when the problem is
 * not one entry, e.g. the key) and *why (static string) says what is wrong. */
enum fz_err audit_verify(struct db *db, const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                         int64_t *bad_seq, const char **why);

#endif

/* Truncation: removing the newest entries leaves a shorter log whose signatures all
 * verify. So after each commit the server writes the newest head to a file beside the
 * key (<audit_key>.head, atomically, never moving backwards), and audit_verify_head()
 * checks the database still holds that head: same root at that size, not fewer entries. */
enum fz_err audit_publish_head(struct db *db, const char *head_path);
/* audit_verify_head: FZ_OK when the file is absent or matches; else bad_seq, why */
enum fz_err audit_verify_head(struct db *db, const char *head_path, int64_t *bad_seq,
                              const char **why);
