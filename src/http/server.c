/* server.c - libmicrohttpd glue: binds the listen address, runs the internal thread pool,
 * reads request bodies (with the size limit: 413 before reading when Content-Length says
 * so), lends each request a database connection, calls the router, writes the response
 * and one access-log line. Static files of the web UI are served from cfg->web with the
 * SPA fallback to index.html. No domain logic here. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <microhttpd.h>
#include "http/http.h"
#include "http/server.h"
#include "http/auth.h"
#include "http/upload.h"
#include "db/db.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/timeutil.h"

struct conn_ctx {
    struct buf body;
    bool too_large;
    double start_ms;
    struct upload_state *upload;    /* R_UPLOAD routes */
    struct fz_resp early;           /* a refusal sent before the body was read */
};

const char *http_query(struct fz_req *req, const char *name)
{
    const char *v = MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
    return str_empty(v) ? NULL : v;
}

const char *http_request_header(struct fz_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct fz_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

struct db *server_db_acquire(struct fz_server *s)
{
    pthread_mutex_lock(&s->mu);
    for (;;) {
        for (int i = 0; i < s->npool; i++) {
            if (!s->busy[i]) {
                s->busy[i] = true;
                pthread_mutex_unlock(&s->mu);
                return s->pool[i];
            }
        }
        pthread_cond_wait(&s->cv, &s->mu);
    }
}

void server_db_release(struct fz_server *s, struct db *db)
{
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->npool; i++)
        if (s->pool[i] == db)
            s->busy[i] = false;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static void client_ip(struct MHD_Connection *c, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    str_copy(out, n, "");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
                  (socklen_t)n);
}

static const char *mime_of(const char *path)
{
    static const struct { const char *ext, *type; } types[] = {
        { ".html", "text/html; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" },
        { ".css", "text/css; charset=utf-8" },
        { ".json", "application/json; charset=utf-8" },
        { ".svg", "image/svg+xml" },
        { ".png", "image/png" },
        { ".jpg", "image/jpeg" },
        { ".ico", "image/x-icon" },
        { ".woff2", "font/woff2" },
        { ".woff", "font/woff" },
        { ".ttf", "font/ttf" },
        { ".txt", "text/plain; charset=utf-8" },
        { NULL, NULL },
    };
    const char *dot = strrchr(path, '.');
    for (int i = 0; dot && types[i].ext; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/* static_response: a file of the web UI for a GET outside /api; NULL when none. */
static struct MHD_Response *static_response(const struct fz_config *cfg, const char *url,
                                            const char **ctype, bool *immutable)
{
    char path[2048];
    if (strstr(url, "..") || strlen(url) > 1024)
        return NULL;
    snprintf(path, sizeof path, "%s%s", cfg->web, url);
    struct stat st;
    int fd = -1;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        fd = open(path, O_RDONLY | O_CLOEXEC);
    *immutable = fd >= 0 && strncmp(url, "/assets/", 8) == 0;
    if (fd < 0) {        /* SPA fallback: the client-side router owns other paths */
        snprintf(path, sizeof path, "%s/index.html", cfg->web);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fstat(fd, &st) != 0) {
            if (fd >= 0)
                close(fd);
            return NULL;
        }
    }
    *ctype = mime_of(path);
    return MHD_create_response_from_fd((uint64_t)st.st_size, fd);
}

static void access_log(const struct fz_config *cfg, const char *method, const char *url,
                       int status, double ms, const char *user)
{
    if (!cfg->access_log)
        return;
    char ts[FZ_TS_LEN];
    time_now(ts);
    fprintf(stderr, "%s %s %s %d %.1fms %s\n", ts, method, url, status, ms,
            user && *user ? user : "-");
}

static enum MHD_Result queue(struct MHD_Connection *c, struct fz_resp *r)
{
    struct MHD_Response *mr;
    char *text = NULL;
    if (r->json) {
        text = json_dumps(r->json, JSON_COMPACT);
        if (!text)
            return MHD_NO;
        mr = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
        MHD_add_response_header(mr, "Content-Type", "application/json; charset=utf-8");
    } else if (r->has_fd) {
        mr = MHD_create_response_from_fd(r->fd_size, r->fd);
        r->has_fd = false;               /* MHD owns the descriptor now */
        if (mr)
            MHD_add_response_header(mr, "Content-Type", r->content_type ? r->content_type
                                    : "application/octet-stream");
    } else if (r->body) {
        mr = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
        r->body = NULL;
        MHD_add_response_header(mr, "Content-Type",
                                r->content_type ? r->content_type : "text/plain");
    } else {
        mr = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    if (!mr) {
        free(text);
        return MHD_NO;
    }
    for (int i = 0; i < r->nheaders; i++)
        MHD_add_response_header(mr, r->headers[i][0], r->headers[i][1]);
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(mr, "Cache-Control", "no-store");
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, mr);
    MHD_destroy_response(mr);
    return ret;
}

static enum MHD_Result serve_static(struct fz_server *s, struct MHD_Connection *c,
                                    const char *url, const char *method, double start)
{
    const char *ctype = NULL;
    bool immutable = false;
    struct MHD_Response *mr = static_response(s->cfg, strcmp(url, "/") ? url : "/index.html",
                                              &ctype, &immutable);
    if (!mr) {
        struct fz_resp r = {0};
        http_error(&r, FZ_ENOTFOUND, "页面不存在", NULL);
        enum MHD_Result ret = queue(c, &r);
        access_log(s->cfg, method, url, r.status, time_ms() - start, NULL);
        http_resp_clear(&r);
        return ret;
    }
    MHD_add_response_header(mr, "Content-Type", ctype);
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(mr, "Cache-Control", immutable
                                ? "public, max-age=31536000, immutable" : "no-cache");
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, mr);
    MHD_destroy_response(mr);
    access_log(s->cfg, method, url, 200, time_ms() - start, NULL);
    return ret;
}

static bool is_api(const char *url)
{
    return strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0 ||
           strncmp(url, "/open311/", 9) == 0 || strncmp(url, "/public/", 8) == 0;
}

/* begin_upload: the access checks of an upload route before its body is read, then the
 * streaming post processor; a refusal is answered once the body is discarded */
static enum MHD_Result begin_upload(struct fz_server *s, struct MHD_Connection *c,
                                    const struct route *r, struct conn_ctx *ctx,
                                    const char *url, const char *method, const char *cl)
{
    char ip[64];
    client_ip(c, ip, sizeof ip);
    struct fz_req req = { .method = method, .path = url, .ip = ip, .srv = s, .conn = c };
    int64_t n = 0;
    if (cl && !str_to_i64(cl, &n) && n > s->cfg->max_upload) {
        char msg[128];
        snprintf(msg, sizeof msg, "上传文件超过 %lld 字节的上限", s->cfg->max_upload);
        http_error(&ctx->early, FZ_ETOOLARGE, msg, "file");
        return MHD_YES;
    }
    req.db = server_db_acquire(s);
    bool ok = router_precheck(r, &req, &ctx->early);
    server_db_release(s, req.db);
    auth_user_free(req.user);
    if (!ok)
        return MHD_YES;
    enum fz_err rc = upload_begin(c, s->cfg->files, s->cfg->max_upload, &ctx->upload);
    if (rc == FZ_EMALFORMED)
        http_error(&ctx->early, rc, "文件应以 multipart/form-data 方式上传", "file");
    else if (rc)
        http_error(&ctx->early, rc, "无法保存上传的文件", "file");
    return MHD_YES;
}

/* upload_failed: finish the stream; true (with resp filled) when it cannot be used */
static bool upload_failed(struct conn_ctx *ctx, struct fz_req *req, struct fz_resp *resp)
{
    struct fz_upload *up = NULL;
    enum fz_err rc = upload_result(ctx->upload, &up);
    req->upload = up;
    if (rc == FZ_ETOOLARGE)
        http_error(resp, rc, "上传文件超过大小上限", "file");
    else if (rc == FZ_EINVAL)
        http_error(resp, rc, "每次只能上传一个文件", "file");
    else if (rc == FZ_EMALFORMED)
        http_error(resp, rc, "multipart/form-data 请求体格式错误", "file");
    else if (rc)
        http_error(resp, rc, "无法保存上传的文件", "file");
    return rc != FZ_OK;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version,
                              const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct fz_server *s = cls;
    struct conn_ctx *ctx = *con_cls;
    if (!ctx) {
        ctx = calloc(1, sizeof *ctx);
        if (!ctx)
            return MHD_NO;
        buf_init(&ctx->body, (size_t)s->cfg->max_body);
        ctx->start_ms = time_ms();
        *con_cls = ctx;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        int64_t n = 0;
        const struct route *r = router_lookup(method, url);
        if (r && (r->flags & R_UPLOAD))
            return begin_upload(s, c, r, ctx, url, method, cl);
        /* spreadsheet imports (raw bodies) may be larger than JSON requests */
        long limit = r && (r->flags & R_RAW) && !(r->flags & R_PUBLIC) ? s->cfg->max_import
                                                                      : s->cfg->max_body;
        ctx->body.max = (size_t)limit;
        if (cl && !str_to_i64(cl, &n) && n > limit)
            ctx->too_large = true;
        if (!ctx->too_large)
            return MHD_YES;
    }
    if (ctx->early.status && *upload_size) {   /* refused before the body: discard it */
        *upload_size = 0;
        return MHD_YES;
    }
    if (ctx->upload && *upload_size) {
        upload_feed(ctx->upload, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size && !ctx->too_large) {
        if (buf_append(&ctx->body, upload, *upload_size))
            ctx->too_large = true;
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {             /* discarding the rest of an oversized body */
        *upload_size = 0;
        return MHD_YES;
    }
    if (!ctx->too_large && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
        !is_api(url))
        return serve_static(s, c, url, method, ctx->start_ms);

    if (ctx->early.status) {
        enum MHD_Result ret = queue(c, &ctx->early);
        access_log(s->cfg, method, url, ctx->early.status, time_ms() - ctx->start_ms, NULL);
        return ret;
    }
    char ip[64];
    client_ip(c, ip, sizeof ip);
    struct fz_req req = {
        .method = method, .path = url, .ip = ip, .srv = s, .conn = c,
        .raw = ctx->body.data, .raw_len = ctx->body.len,
    };
    const char *ua = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "User-Agent");
    req.user_agent = ua ? ua : "";
    struct fz_resp resp = {0};
    if (ctx->too_large) {
        char msg[96];
        snprintf(msg, sizeof msg, "请求内容超过 %zu 字节的上限", ctx->body.max);
        http_error(&resp, FZ_ETOOLARGE, msg, NULL);
        http_header(&resp, "Connection", "close");
    } else if (ctx->upload && upload_failed(ctx, &req, &resp)) {
        /* resp holds the reason */
    } else {
        req.db = server_db_acquire(s);
        router_dispatch(&req, &resp);
        server_db_release(s, req.db);
    }
    if (!resp.status)
        resp.status = 500;
    enum MHD_Result ret = queue(c, &resp);
    access_log(s->cfg, method, url, resp.status, time_ms() - ctx->start_ms,
               req.user ? req.user->username : NULL);
    http_resp_clear(&resp);
    json_decref(req.body);
    json_decref(req.audit_detail);
    auth_user_free(req.user);
    return ret;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    struct conn_ctx *ctx = *con_cls;
    if (!ctx)
        return;
    upload_free(ctx->upload);
    http_resp_clear(&ctx->early);
    buf_free(&ctx->body);
    free(ctx);
    *con_cls = NULL;
}

/* parse_listen: "HOST:PORT" or "[V6]:PORT" into a socket address. */
static enum fz_err parse_listen(const char *listen, struct sockaddr_storage *ss,
                                socklen_t *len)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || !colon[1]) {
        fprintf(stderr, "serve: --listen must be HOST:PORT, not %s\n", listen);
        return FZ_EINVAL;
    }
    size_t hl = (size_t)(colon - listen);
    if (listen[0] == '[' && hl >= 2 && listen[hl - 1] == ']') {
        listen++;
        hl -= 2;
    }
    if (hl >= sizeof host)
        return FZ_EINVAL;
    memcpy(host, listen, hl);
    host[hl] = '\0';
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_NUMERICSERV | AI_PASSIVE };
    struct addrinfo *ai = NULL;
    int e = getaddrinfo(host, colon + 1, &hints, &ai);
    if (e || !ai) {
        fprintf(stderr, "serve: cannot resolve %s: %s\n", listen, gai_strerror(e));
        return FZ_EINVAL;
    }
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    *len = ai->ai_addrlen;
    freeaddrinfo(ai);
    return FZ_OK;
}

enum fz_err server_start(const struct fz_config *cfg, struct fz_server **out)
{
    struct sockaddr_storage ss;
    socklen_t sl = 0;
    enum fz_err rc = parse_listen(cfg->listen, &ss, &sl);
    if (rc)
        return rc;
    struct fz_server *s = calloc(1, sizeof *s);
    if (!s)
        return FZ_ENOMEM;
    s->cfg = cfg;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    pthread_mutex_init(&s->head_mu, NULL);
    pthread_mutex_init(&s->write_mu, NULL);
    pthread_cond_init(&s->stop_cv, NULL);
    snprintf(s->head_path, sizeof s->head_path, "%s.head", cfg->audit_key);
    s->npool = cfg->threads;
    s->pool = calloc((size_t)s->npool, sizeof *s->pool);
    s->busy = calloc((size_t)s->npool, sizeof *s->busy);
    if (!s->pool || !s->busy) {
        server_stop(s);
        return FZ_ENOMEM;
    }
    for (int i = 0; i < s->npool && !rc; i++)
        rc = db_open(cfg->db, &s->pool[i]);
    if (!rc)
        rc = audit_key_load(cfg->audit_key, true, &s->key);
    if (!rc)
        rc = audit_key_bind(s->pool[0], &s->key);
    if (rc) {
        if (rc == FZ_ECONFLICT)
            fprintf(stderr, "serve: audit key %s does not belong to database %s\n",
                    cfg->audit_key, cfg->db);
        server_stop(s);
        return rc;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                     (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, handle, s,
                                 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                                 MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
                                 MHD_OPTION_NOTIFY_COMPLETED, completed, s,
                                 MHD_OPTION_CONNECTION_TIMEOUT, 60u,
                                 MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
                                 MHD_OPTION_END);
    if (!s->daemon) {
        fprintf(stderr, "serve: cannot listen on %s: %s\n", cfg->listen, strerror(errno));
        server_stop(s);
        return FZ_EIO;
    }
    if (cfg->sweep_sec > 0 && pthread_create(&s->sweeper, NULL, server_sweeper, s) == 0)
        s->sweeper_started = true;
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : 0;
    *out = s;
    return FZ_OK;
}

void server_stop(struct fz_server *s)
{
    if (!s)
        return;
    if (s->sweeper_started) {
        pthread_mutex_lock(&s->mu);
        s->stopping = true;
        pthread_cond_broadcast(&s->stop_cv);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->sweeper, NULL);
    }
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    for (int i = 0; s->pool && i < s->npool; i++)
        db_close(s->pool[i]);
    free(s->pool);
    free(s->busy);
    sodium_memzero(&s->key, sizeof s->key);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->head_mu);
    pthread_mutex_destroy(&s->write_mu);
    pthread_cond_destroy(&s->stop_cv);
    free(s);
}
