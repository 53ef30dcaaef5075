/* server.h - the running HTTP server: libmicrohttpd with its internal thread pool, a pool
 * of database connections (one per worker), and the audit signing key.
 * One struct fz_server lives for the whole `fazhi serve`; it is read-only after start
 * except for the pool, which a mutex guards. */
#ifndef FZ_SERVER_H
#define FZ_SERVER_H

#include <pthread.h>
#include <stdbool.h>
#include "fz_err.h"
#include "config.h"
#include "modules/audit.h"

struct db;

struct fz_server {
    const struct fz_config *cfg;
    struct MHD_Daemon *daemon;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int npool;
    struct db **pool;
    bool *busy;
    struct audit_key key;       /* signs audit tree heads */
    unsigned short port;        /* the port actually bound */
    pthread_mutex_t head_mu;    /* serialises writes of the published audit head */
    pthread_mutex_t write_mu;   /* one write transaction at a time in this process */
    char head_path[1100];       /* <audit_key>.head */
    pthread_t sweeper;          /* the deadline sweep (sweep.c) */
    bool sweeper_started;
    bool stopping;              /* guarded by mu; stop_cv wakes the sweeper */
    pthread_cond_t stop_cv;
};

/* sweep.c: the scheduled jobs (deadline sweeps of the modules), run every
 * cfg->sweep_sec seconds on a pool connection, each in its own audited transaction. */
void *server_sweeper(void *arg);
/* server_sweep_once: one round of every job; the number of records it flagged. */
int server_sweep_once(struct fz_server *s);

/* server_start: open the pool on cfg->db (migrating it), load or create the audit key,
 * bind cfg->listen and start serving. Caller owns *out: server_stop(). */
enum fz_err server_start(const struct fz_config *cfg, struct fz_server **out);
void server_stop(struct fz_server *s);

/* server_db_acquire/release: borrow a connection from the pool (blocks while all busy). */
struct db *server_db_acquire(struct fz_server *s);
void server_db_release(struct fz_server *s, struct db *db);

/* router_dispatch (router.c): run the route that matches req, filling resp. */
struct fz_req;
struct fz_resp;
void router_dispatch(struct fz_req *req, struct fz_resp *resp);
/* router_lookup: the route for method + path, or NULL (router.c). */
struct route;
const struct route *router_lookup(const char *method, const char *path);
/* router_precheck: the access checks of r before a body is read (uploads); false when
 * resp holds the refusal. */
bool router_precheck(const struct route *r, struct fz_req *req, struct fz_resp *resp);

#endif
