/* serve.c - `fazhi serve`: run the HTTP server until SIGINT or SIGTERM. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "http/server.h"

static void usage(void)
{
    printf("usage: fazhi serve [--listen HOST:PORT] [--db PATH] [--web DIR] [--config FILE]\n\n"
           "Serves the JSON API under /api/v1, Open311 under /open311/v2 and the web UI.\n"
           "  --listen HOST:PORT  address to bind (default 127.0.0.1:8080; port 0 = any)\n"
           "  --db PATH           SQLite database, created and migrated if absent\n"
           "  --web DIR           built web UI (default web/dist)\n"
           "  --audit-key FILE    audit signing key (default <db>.audit-key, created)\n"
           "  --threads N         worker threads (default 4)\n"
           "Every key can also come from the config file or FAZHI_<KEY> variables.\n");
}

int cmd_serve(struct fz_ctx *ctx, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage();
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "fazhi serve: unexpected argument %s\n", argv[1]);
        return 2;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);   /* worker threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);
    struct fz_server *s = NULL;
    if (server_start(ctx->cfg, &s))
        return 1;
    char host[128];
    snprintf(host, sizeof host, "%s", ctx->cfg->listen);
    char *colon = strrchr(host, ':');
    if (colon)
        *colon = '\0';
    printf("fazhi: serving http://%s:%u/ (database %s)\n", host, s->port, ctx->cfg->db);
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "fazhi: signal %d, stopping\n", sig);
    server_stop(s);
    return 0;
}
