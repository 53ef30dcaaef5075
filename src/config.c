/* config.c - loads fazhi's configuration (see config.h); keys are declared in one table.
 * The struct is written only during start-up, before any thread exists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "config.h"
#include "db/db.h"
#include "util/str.h"

static struct fz_config cfg = {
    .listen = "127.0.0.1:8080",
    .db = "fazhi.db",
    .web = "web/dist",
    .audit_key = "",
    .threads = 4,
    .max_body = 1L << 20,
    .max_upload = 2LL << 30,
    .max_import = 32L << 20,
    .files = "",
    .session_idle_min = 30,
    .session_max_hours = 12,
    .lockout_attempts = 5,
    .lockout_min = 15,
    .tz_offset_min = 480,
    .cookie_secure = false,
    .access_log = true,
    .sweep_sec = 60,
};

enum kind { K_STR, K_INT, K_LONG, K_LLONG, K_BOOL };

static const struct key {
    const char *name;
    enum kind kind;
    void *ptr;
    size_t size;            /* K_STR: buffer size */
    long min, max;          /* K_INT/K_LONG: allowed range */
} keys[] = {
    { "listen", K_STR, cfg.listen, sizeof cfg.listen, 0, 0 },
    { "db", K_STR, cfg.db, sizeof cfg.db, 0, 0 },
    { "web", K_STR, cfg.web, sizeof cfg.web, 0, 0 },
    { "audit_key", K_STR, cfg.audit_key, sizeof cfg.audit_key, 0, 0 },
    { "threads", K_INT, &cfg.threads, 0, 1, 256 },
    { "max_body", K_LONG, &cfg.max_body, 0, 1024, 1L << 30 },
    { "max_upload", K_LLONG, &cfg.max_upload, 0, 1024, 1L << 62 },
    { "max_import", K_LONG, &cfg.max_import, 0, 1024, 1L << 30 },
    { "files", K_STR, cfg.files, sizeof cfg.files, 0, 0 },
    { "session_idle_min", K_INT, &cfg.session_idle_min, 0, 1, 24 * 60 },
    { "session_max_hours", K_INT, &cfg.session_max_hours, 0, 1, 24 * 30 },
    { "lockout_attempts", K_INT, &cfg.lockout_attempts, 0, 1, 100 },
    { "lockout_min", K_INT, &cfg.lockout_min, 0, 1, 24 * 60 },
    { "tz_offset_min", K_INT, &cfg.tz_offset_min, 0, -720, 840 },
    { "cookie_secure", K_BOOL, &cfg.cookie_secure, 0, 0, 0 },
    { "access_log", K_BOOL, &cfg.access_log, 0, 0, 0 },
    { "sweep_sec", K_INT, &cfg.sweep_sec, 0, 0, 86400 },
    { NULL, K_STR, NULL, 0, 0, 0 },
};

const struct fz_config *config_get(void)
{
    return &cfg;
}

enum fz_err config_set(const char *name, const char *value)
{
    const struct key *k = keys;
    while (k->name && strcmp(k->name, name) != 0)
        k++;
    if (!k->name) {
        fprintf(stderr, "config: unknown key %s\n", name);
        return FZ_EINVAL;
    }
    int64_t v = 0;
    switch (k->kind) {
    case K_STR:
        if (!str_copy(k->ptr, k->size, value)) {
            fprintf(stderr, "config: %s is too long\n", name);
            return FZ_EINVAL;
        }
        return FZ_OK;
    case K_BOOL:
        if (str_eq(value, "true") || str_eq(value, "1") || str_eq(value, "yes"))
            *(bool *)k->ptr = true;
        else if (str_eq(value, "false") || str_eq(value, "0") || str_eq(value, "no"))
            *(bool *)k->ptr = false;
        else {
            fprintf(stderr, "config: %s must be true or false\n", name);
            return FZ_EINVAL;
        }
        return FZ_OK;
    default:
        if (str_to_i64(value, &v) || v < k->min || v > k->max) {
            fprintf(stderr, "config: %s must be a number from %ld to %ld\n", name,
                    k->min, k->max);
            return FZ_EINVAL;
        }
        if (k->kind == K_INT)
            *(int *)k->ptr = (int)v;
        else if (k->kind == K_LLONG)
            *(long long *)k->ptr = (long long)v;
        else
            *(long *)k->ptr = (long)v;
        return FZ_OK;
    }
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static enum fz_err load_file(const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        fprintf(stderr, "config: cannot open %s\n", file);
        return FZ_EINVAL;
    }
    char line[2048];
    int lineno = 0;
    enum fz_err rc = FZ_OK;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            fprintf(stderr, "config: %s:%d: expected key = value\n", file, lineno);
            rc = FZ_EINVAL;
            break;
        }
        *eq = '\0';
        rc = config_set(trim(s), trim(eq + 1));
        if (rc)
            fprintf(stderr, "config: in %s line %d\n", file, lineno);
    }
    fclose(f);
    return rc;
}

enum fz_err config_load(const char *file)
{
    if (!file)
        file = getenv("FAZHI_CONFIG");
    if (file && *file) {
        enum fz_err rc = load_file(file);
        if (rc)
            return rc;
    }
    for (const struct key *k = keys; k->name; k++) {
        char env[64] = "FAZHI_";
        size_t n = strlen(env);
        for (const char *p = k->name; *p && n < sizeof env - 1; p++)
            env[n++] = (char)toupper((unsigned char)*p);
        env[n] = '\0';
        const char *v = getenv(env);
        if (v && *v && config_set(k->name, v)) {
            fprintf(stderr, "config: from environment variable %s\n", env);
            return FZ_EINVAL;
        }
    }
    return FZ_OK;
}

/* base_name: what the derived files are named after: the SQLite file itself, or for a
 * PostgreSQL URI the database's name in the working folder (postgresql://h/fazhi?x=y ->
 * fazhi); servers sharing one PostgreSQL database must share these files too */
static void base_name(char *out, size_t cap)
{
    if (!db_target_is_pg(cfg.db)) {
        snprintf(out, cap, "%s", cfg.db);
        return;
    }
    const char *rest = strstr(cfg.db, "://") + 3;
    const char *slash = strchr(rest, '/');
    const char *name = slash && slash[1] && slash[1] != '?' ? slash + 1 : "fazhi";
    size_t n = strcspn(name, "?");
    snprintf(out, cap, "%.*s", (int)n, name);
}

void config_finish(void)
{
    char base[1024];
    base_name(base, sizeof base);
    if (!cfg.audit_key[0])
        snprintf(cfg.audit_key, sizeof cfg.audit_key, "%.1000s.audit-key", base);
    if (!cfg.files[0])
        snprintf(cfg.files, sizeof cfg.files, "%.1000s.files", base);
}
