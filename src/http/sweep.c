/* sweep.c - the server's scheduled jobs: a table of sweeps (the modules' deadline checks)
 * that one background thread runs every cfg->sweep_sec seconds. Each job runs in its own
 * write transaction with an audit entry when it changed anything, like a request would. */
#include <stdio.h>
#include <time.h>
#include "db/db.h"
#include "http/server.h"
#include "modules/audit.h"
#include "modules/workorders.h"

struct job {
    const char *name;           /* audit action */
    const char *summary;        /* Chinese, %d = records flagged */
    enum fz_err (*run)(struct db *db, time_t now, int *n);
};

static const struct job jobs[] = {
    { "workorder.sweep", "超期工单标记 %d 件", wo_sweep },
    { NULL, NULL, NULL },
};

static int run_job(struct fz_server *s, struct db *db, const struct job *j)
{
    int n = 0;
    pthread_mutex_lock(&s->write_mu);
    enum fz_err rc = db_begin(db);
    if (!rc)
        rc = j->run(db, time(NULL), &n);
    if (!rc && n > 0) {
        char summary[128];
        snprintf(summary, sizeof summary, j->summary, n);
        struct audit_entry e = { .username = "system", .method = "SWEEP", .action = j->name,
                                 .summary = summary };
        rc = audit_append(db, &s->key, &e, NULL);
    }
    if (!rc)
        rc = db_commit(db);
    else
        db_rollback(db);
    pthread_mutex_unlock(&s->write_mu);
    if (rc) {
        fprintf(stderr, "sweep: %s failed: %s\n", j->name, fz_strerror(rc));
        return 0;
    }
    if (n > 0) {
        pthread_mutex_lock(&s->head_mu);
        audit_publish_head(db, s->head_path);
        pthread_mutex_unlock(&s->head_mu);
    }
    return n;
}

int server_sweep_once(struct fz_server *s)
{
    struct db *db = server_db_acquire(s);
    int total = 0;
    for (const struct job *j = jobs; j->name; j++)
        total += run_job(s, db, j);
    server_db_release(s, db);
    return total;
}

void *server_sweeper(void *arg)
{
    struct fz_server *s = arg;
    for (;;) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += s->cfg->sweep_sec;
        pthread_mutex_lock(&s->mu);
        while (!s->stopping &&
               pthread_cond_timedwait(&s->stop_cv, &s->mu, &until) == 0)
            ;
        bool stop = s->stopping;
        pthread_mutex_unlock(&s->mu);
        if (stop)
            return NULL;
        server_sweep_once(s);
    }
}
