/* audit.c - the tamper-evident audit log (see audit.h for the design and contract).
 * Storage: audit_log rows (the leaves, each with the root and signature after it) and
 * audit_nodes (every perfect subtree hash, so proofs read O(log n) rows).
 * The leaf bytes are the canonical JSON (sorted keys, compact) of the row's own fields, so
 * verification recomputes them from what is stored and nothing else. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db/db.h"
#include "modules/audit.h"
#include "util/str.h"
#include "util/timeutil.h"

#define SIG_HEX (2 * crypto_sign_BYTES + 1)

/* ---- keys ---- */

static enum fz_err read_key_file(const char *path, struct audit_key *out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return FZ_ENOTFOUND;
    char line[512] = "";
    char *ok = fgets(line, sizeof line, f);
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    /* format: "ed25519-sk <hex secret key>" (the public key is its second half) */
    const char *prefix = "ed25519-sk ";
    if (!ok || strncmp(line, prefix, strlen(prefix)) != 0 ||
        crypto_unhex(line + strlen(prefix), out->sk, sizeof out->sk)) {
        fprintf(stderr, "audit: %s is not an audit key file\n", path);
        sodium_memzero(line, sizeof line);
        return FZ_EINVAL;
    }
    sodium_memzero(line, sizeof line);
    crypto_sign_ed25519_sk_to_pk(out->pk, out->sk);
    out->has_sk = true;
    return FZ_OK;
}

enum fz_err audit_key_load(const char *path, bool create, struct audit_key *out)
{
    memset(out, 0, sizeof *out);
    enum fz_err rc = read_key_file(path, out);
    if (rc != FZ_ENOTFOUND || !create)
        return rc;
    crypto_sign_keypair(out->pk, out->sk);
    out->has_sk = true;
    char hex[2 * crypto_sign_SECRETKEYBYTES + 1];
    crypto_hex(out->sk, sizeof out->sk, hex);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)           /* another process made it first: use theirs */
            return read_key_file(path, out);
        fprintf(stderr, "audit: cannot create key file %s: %s\n", path, strerror(errno));
        return FZ_EIO;
    }
    char line[600];
    int n = snprintf(line, sizeof line, "ed25519-sk %s\n", hex);
    bool good = write(fd, line, (size_t)n) == n && fsync(fd) == 0;
    close(fd);
    sodium_memzero(hex, sizeof hex);
    sodium_memzero(line, sizeof line);
    return good ? FZ_OK : FZ_EIO;
}

enum fz_err audit_key_bind(struct db *db, const struct audit_key *key)
{
    char hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    crypto_hex(key->pk, sizeof key->pk, hex);
    char *have = NULL;
    enum fz_err rc = db_query_text(db, &have,
                                   "SELECT value FROM settings WHERE key = 'audit_public_key'",
                                   "");
    if (rc == FZ_ENOTFOUND)
        return db_run(db, NULL,
                      "INSERT INTO settings(key, value) VALUES ('audit_public_key', ?)"
                      " ON CONFLICT(key) DO NOTHING", "t", hex);
    if (rc)
        return rc;
    rc = strcmp(have, hex) == 0 ? FZ_OK : FZ_ECONFLICT;
    free(have);
    return rc;
}

/* ---- hashing ---- */

/* leaf_bytes: canonical JSON of an entry (caller frees). */
static char *leaf_bytes(int64_t seq, const char *ts, int64_t user_id, const char *username,
                        const char *ip, const char *method, const char *path,
                        const char *action, const char *etype, const char *eid,
                        const char *summary, const char *detail)
{
    json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
                          "seq", (json_int_t)seq, "ts", ts, "user_id", (json_int_t)user_id,
                          "username", username, "ip", ip, "method", method, "path", path,
                          "action", action, "entity_type", etype, "entity_id", eid,
                          "summary", summary, "detail", detail);
    if (!o)
        return NULL;
    char *s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(o);
    return s;
}

static void head_message(int64_t size, const char *root, char *out, size_t n)
{
    snprintf(out, n, "fazhi-audit:v1:%lld:%s", (long long)size, root);
}

static enum fz_err get_node(struct db *db, int level, int64_t idx, merkle_hash out)
{
    char *hex = NULL;
    enum fz_err rc = db_query_text(db, &hex,
                                   "SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?",
                                   "ii", (int64_t)level, idx);
    if (rc)
        return rc == FZ_ENOTFOUND ? FZ_EINTERNAL : rc;
    rc = crypto_unhex(hex, out, FZ_HASH_LEN);
    free(hex);
    return rc ? FZ_EINTERNAL : FZ_OK;
}

static enum fz_err put_node(struct db *db, int level, int64_t idx, const merkle_hash h)
{
    char hex[FZ_HEX_LEN];
    crypto_hex(h, FZ_HASH_LEN, hex);
    return db_run(db, NULL, "INSERT INTO audit_nodes(level, idx, hash) VALUES (?, ?, ?)",
                  "iit", (int64_t)level, idx, hex);
}

/* range_hash: MTH of leaves [start, end) from stored perfect subtrees (merkle_range_fn). */
static enum fz_err range_hash(void *arg, uint64_t start, uint64_t end, merkle_hash out)
{
    struct db *db = arg;
    uint64_t n = end - start;
    if (n == 0)
        return crypto_digest(FZ_SHA256, "", 0, out);
    if ((n & (n - 1)) == 0 && start % n == 0) {
        int level = __builtin_ctzll(n);
        return get_node(db, level, (int64_t)(start >> level), out);
    }
    uint64_t k = merkle_split(n);
    merkle_hash l, r;
    enum fz_err rc = range_hash(db, start, start + k, l);
    if (!rc)
        rc = range_hash(db, start + k, end, r);
    if (!rc)
        rc = merkle_node_hash(FZ_SHA256, l, r, out);
    return rc;
}

/* ---- append ---- */

enum fz_err audit_append(struct db *db, const struct audit_key *key,
                         const struct audit_entry *e, int64_t *seq_out)
{
    if (!key->has_sk || !e->action)
        return FZ_EINTERNAL;
    int64_t seq = 0;
    enum fz_err rc = db_query_int(db, &seq, "SELECT coalesce(max(seq) + 1, 0) FROM audit_log",
                                  "");
    if (rc)
        return rc;
    char ts[FZ_TS_LEN];
    if (e->ts)
        str_copy(ts, sizeof ts, e->ts);
    else
        time_now(ts);
    char *detail = e->detail ? json_dumps(e->detail, JSON_SORT_KEYS | JSON_COMPACT)
                             : strdup("{}");
    const char *un = e->username ? e->username : "", *ip = e->ip ? e->ip : "";
    const char *me = e->method ? e->method : "", *pa = e->path ? e->path : "";
    const char *et = e->entity_type ? e->entity_type : "";
    const char *ei = e->entity_id ? e->entity_id : "", *su = e->summary ? e->summary : "";
    char *leaf = detail ? leaf_bytes(seq, ts, e->user_id, un, ip, me, pa, e->action, et, ei,
                                     su, detail) : NULL;
    if (!leaf) {
        free(detail);
        return FZ_ENOMEM;
    }
    merkle_hash h, root;
    rc = merkle_leaf_hash(FZ_SHA256, leaf, strlen(leaf), h);
    free(leaf);
    char leaf_hex[FZ_HEX_LEN];
    crypto_hex(h, sizeof h, leaf_hex);
    if (!rc)
        rc = put_node(db, 0, seq, h);
    /* complete every perfect subtree this leaf closes */
    int level = 0;
    for (int64_t idx = seq; !rc && (idx & 1); idx >>= 1) {
        merkle_hash left;
        rc = get_node(db, level, idx - 1, left);
        if (!rc)
            rc = merkle_node_hash(FZ_SHA256, left, h, h);
        level++;
        if (!rc)
            rc = put_node(db, level, idx >> 1, h);
    }
    if (!rc)
        rc = range_hash(db, 0, (uint64_t)seq + 1, root);
    char root_hex[FZ_HEX_LEN], msg[160], sig_hex[SIG_HEX];
    unsigned char sig[crypto_sign_BYTES];
    if (!rc) {
        crypto_hex(root, sizeof root, root_hex);
        head_message(seq + 1, root_hex, msg, sizeof msg);
        crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), key->sk);
        crypto_hex(sig, sizeof sig, sig_hex);
        rc = db_run(db, NULL,
            "INSERT INTO audit_log(seq, ts, user_id, username, ip, method, path, action,"
            " entity_type, entity_id, summary, detail, leaf_hash, root, signature)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iti" "tttttttttttt",
            seq, ts, e->user_id ? e->user_id : 0, un, ip, me, pa, e->action, et, ei, su,
            detail, leaf_hex, root_hex, sig_hex);
    }
    free(detail);
    if (!rc && seq_out)
        *seq_out = seq;
    return rc;
}

/* ---- reading ---- */

enum fz_err audit_head(struct db *db, struct audit_head *out)
{
    json_t *row = NULL;
    enum fz_err rc = db_query_row(db, &row,
        "SELECT seq + 1 AS size, root, signature FROM audit_log ORDER BY seq DESC LIMIT 1",
        "");
    if (rc == FZ_ENOTFOUND) {
        merkle_hash empty;
        crypto_digest(FZ_SHA256, "", 0, empty);
        out->size = 0;
        crypto_hex(empty, sizeof empty, out->root);
        out->signature[0] = '\0';
        return FZ_OK;
    }
    if (rc)
        return rc;
    out->size = json_integer_value(json_object_get(row, "size"));
    str_copy(out->root, sizeof out->root, json_string_value(json_object_get(row, "root")));
    str_copy(out->signature, sizeof out->signature,
             json_string_value(json_object_get(row, "signature")));
    json_decref(row);
    return FZ_OK;
}

static json_t *hex_array(const merkle_hash *p, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        char hex[FZ_HEX_LEN];
        crypto_hex(p[i], FZ_HASH_LEN, hex);
        json_array_append_new(a, json_string(hex));
    }
    return a;
}

enum fz_err audit_proof(struct db *db, int64_t seq, json_t **out)
{
    struct audit_head head;
    enum fz_err rc = audit_head(db, &head);
    if (rc)
        return rc;
    if (seq < 0 || seq >= head.size)
        return FZ_ENOTFOUND;
    merkle_hash leaf, root, *path = NULL;
    size_t len = 0;
    rc = get_node(db, 0, seq, leaf);
    if (!rc)
        rc = crypto_unhex(head.root, root, sizeof root);
    if (!rc)
        rc = merkle_inclusion_path_src(range_hash, db, (uint64_t)head.size, (uint64_t)seq,
                                       &path, &len);
    if (rc)
        return rc;
    bool ok = merkle_inclusion_verify(FZ_SHA256, (uint64_t)seq, (uint64_t)head.size, leaf,
                                      root, (const merkle_hash *)path, len) == FZ_OK;
    char leaf_hex[FZ_HEX_LEN];
    crypto_hex(leaf, sizeof leaf, leaf_hex);
    *out = json_pack("{s:I, s:s, s:I, s:s, s:o, s:b}", "seq", (json_int_t)seq, "leaf_hash",
                     leaf_hex, "tree_size", (json_int_t)head.size, "root", head.root,
                     "path", hex_array((const merkle_hash *)path, len), "verified", ok);
    free(path);
    return *out ? FZ_OK : FZ_ENOMEM;
}

enum fz_err audit_consistency(struct db *db, int64_t first, int64_t second, json_t **out)
{
    struct audit_head head;
    enum fz_err rc = audit_head(db, &head);
    if (rc)
        return rc;
    if (first < 1 || second < first || second > head.size)
        return FZ_EINVAL;
    merkle_hash r1, r2, *proof = NULL;
    size_t len = 0;
    rc = range_hash(db, 0, (uint64_t)first, r1);
    if (!rc)
        rc = range_hash(db, 0, (uint64_t)second, r2);
    if (!rc)
        rc = merkle_consistency_proof_src(range_hash, db, (uint64_t)second, (uint64_t)first,
                                          &proof, &len);
    if (rc)
        return rc;
    char h1[FZ_HEX_LEN], h2[FZ_HEX_LEN];
    crypto_hex(r1, sizeof r1, h1);
    crypto_hex(r2, sizeof r2, h2);
    *out = json_pack("{s:I, s:I, s:s, s:s, s:o}", "first", (json_int_t)first, "second",
                     (json_int_t)second, "first_root", h1, "second_root", h2, "proof",
                     hex_array((const merkle_hash *)proof, len));
    free(proof);
    return *out ? FZ_OK : FZ_ENOMEM;
}

/* ---- verification ---- */

struct frontier {            /* perfect subtrees of the leaves seen so far, left to right */
    int n;
    int level[64];
    merkle_hash h[64];
};

/* frontier_push: add a leaf, merging equal levels; checks each merged node against the
 * stored one. */
static enum fz_err frontier_push(struct db *db, struct frontier *f, const merkle_hash leaf,
                                 int64_t seq, const char **why)
{
    f->level[f->n] = 0;
    memcpy(f->h[f->n], leaf, FZ_HASH_LEN);
    f->n++;
    int64_t idx = seq;
    while (f->n >= 2 && f->level[f->n - 1] == f->level[f->n - 2]) {
        merkle_hash m, stored;
        merkle_node_hash(FZ_SHA256, f->h[f->n - 2], f->h[f->n - 1], m);
        f->n--;
        f->level[f->n - 1]++;
        memcpy(f->h[f->n - 1], m, FZ_HASH_LEN);
        idx >>= 1;
        if (get_node(db, f->level[f->n - 1], idx, stored) ||
            memcmp(stored, m, FZ_HASH_LEN) != 0) {
            *why = "stored subtree hash differs from the recomputed one";
            return FZ_ECONFLICT;
        }
    }
    return FZ_OK;
}

static void frontier_root(const struct frontier *f, merkle_hash out)
{
    memcpy(out, f->h[f->n - 1], FZ_HASH_LEN);
    for (int i = f->n - 2; i >= 0; i--)
        merkle_node_hash(FZ_SHA256, f->h[i], out, out);
}

/* check_row: recompute one row's leaf, root and signature. */
static enum fz_err check_row(struct db *db, struct db_stmt *st, struct frontier *f,
                             int64_t seq, const unsigned char *pk, const char **why)
{
    char *leaf = leaf_bytes(seq, db_col_text(st, 1), db_col_int(st, 2), db_col_text(st, 3),
                            db_col_text(st, 4), db_col_text(st, 5), db_col_text(st, 6),
                            db_col_text(st, 7), db_col_text(st, 8), db_col_text(st, 9),
                            db_col_text(st, 10), db_col_text(st, 11));
    if (!leaf)
        return FZ_ENOMEM;
    merkle_hash h, stored, root;
    merkle_leaf_hash(FZ_SHA256, leaf, strlen(leaf), h);
    free(leaf);
    if (crypto_unhex(db_col_text(st, 12), stored, sizeof stored) ||
        memcmp(stored, h, sizeof h) != 0) {
        *why = "entry content does not match its leaf hash (entry changed)";
        return FZ_ECONFLICT;
    }
    if (get_node(db, 0, seq, stored) || memcmp(stored, h, sizeof h) != 0) {
        *why = "stored leaf node differs from the entry's leaf hash";
        return FZ_ECONFLICT;
    }
    enum fz_err rc = frontier_push(db, f, h, seq, why);
    if (rc)
        return rc;
    frontier_root(f, root);
    char root_hex[FZ_HEX_LEN], msg[160];
    crypto_hex(root, sizeof root, root_hex);
    if (strcmp(root_hex, db_col_text(st, 13)) != 0) {
        *why = "tree root after this entry differs from the recomputed root";
        return FZ_ECONFLICT;
    }
    unsigned char sig[crypto_sign_BYTES];
    head_message(seq + 1, root_hex, msg, sizeof msg);
    if (crypto_unhex(db_col_text(st, 14), sig, sizeof sig) ||
        crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), pk) != 0) {
        *why = "tree head signature does not verify with the audit key";
        return FZ_ECONFLICT;
    }
    return FZ_OK;
}

enum fz_err audit_verify(struct db *db, const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                         int64_t *bad_seq, const char **why)
{
    *bad_seq = -1;
    *why = "";
    struct db_stmt *st = NULL;
    enum fz_err rc = db_prepare(db,
        "SELECT seq, ts, user_id, username, ip, method, path, action, entity_type,"
        " entity_id, summary, detail, leaf_hash, root, signature FROM audit_log ORDER BY seq",
        &st);
    if (rc)
        return rc;
    struct frontier *f = calloc(1, sizeof *f);
    if (!f) {
        db_finish(st);
        return FZ_ENOMEM;
    }
    int64_t expect = 0;
    bool row = false;
    while (!(rc = db_step(st, &row)) && row) {
        int64_t seq = db_col_int(st, 0);
        if (seq != expect) {
            *bad_seq = expect;
            *why = seq > expect ? "entry missing (sequence has a gap)"
                                : "unexpected entry in the sequence";
            rc = FZ_ECONFLICT;
            break;
        }
        rc = check_row(db, st, f, seq, pk, why);
        if (rc) {
            *bad_seq = seq;
            break;
        }
        expect++;
    }
    db_finish(st);
    free(f);
    if (!rc) {
        int64_t nodes = 0;
        rc = db_query_int(db, &nodes, "SELECT count(*) FROM audit_nodes", "");
        /* a tree of n leaves has 2n - popcount(n) perfect subtrees */
        if (!rc && nodes != 2 * expect - __builtin_popcountll((unsigned long long)expect)) {
            *why = "the stored subtree table has extra or missing rows";
            rc = FZ_ECONFLICT;
        }
    }
    return rc;
}

/* ---- the published head ---- */

static int64_t read_head_file(const char *path, char root[FZ_HEX_LEN])
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512] = "";
    char *ok = fgets(line, sizeof line, f);
    fclose(f);
    int64_t size = -1;
    char *sp = ok ? strchr(line, ' ') : NULL;
    if (!sp)
        return -1;
    *sp = '\0';
    if (str_to_i64(line, &size) || size < 0)
        return -1;
    char *r = sp + 1;
    r[strcspn(r, " \r\n")] = '\0';
    if (strlen(r) != FZ_HEX_LEN - 1)
        return -1;
    str_copy(root, FZ_HEX_LEN, r);
    return size;
}

enum fz_err audit_publish_head(struct db *db, const char *head_path)
{
    struct audit_head h;
    enum fz_err rc = audit_head(db, &h);
    if (rc)
        return rc;
    char old_root[FZ_HEX_LEN];
    if (read_head_file(head_path, old_root) >= h.size)
        return FZ_OK;                  /* another writer published a newer head */
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s.%d.tmp", head_path, (int)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return FZ_EIO;
    int bad = fprintf(f, "%lld %s %s\n", (long long)h.size, h.root, h.signature) < 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, head_path) != 0) {
        unlink(tmp);
        return FZ_EIO;
    }
    return FZ_OK;
}

enum fz_err audit_verify_head(struct db *db, const char *head_path, int64_t *bad_seq,
                              const char **why)
{
    char root[FZ_HEX_LEN];
    int64_t size = read_head_file(head_path, root);
    if (size <= 0)
        return FZ_OK;
    struct audit_head h;
    enum fz_err rc = audit_head(db, &h);
    if (rc)
        return rc;
    if (h.size < size) {
        *bad_seq = h.size;
        *why = "entries missing at the end: the log is shorter than its published head";
        return FZ_ECONFLICT;
    }
    char *have = NULL;
    rc = db_query_text(db, &have, "SELECT root FROM audit_log WHERE seq = ?", "i", size - 1);
    if (rc == FZ_ENOTFOUND || (!rc && strcmp(have, root) != 0)) {
        *bad_seq = size - 1;
        *why = "the root at the published head's size differs from the published root";
        rc = FZ_ECONFLICT;
    }
    free(have);
    return rc;
}
