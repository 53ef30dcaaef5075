/* config.h - fazhi's configuration: the only global, read-only once loaded by main.c.
 * Sources, later ones winning: built-in defaults, the config file (--config FILE or
 * FAZHI_CONFIG; lines `key = value`, # comments), environment variables FAZHI_<KEY>
 * (upper case), then command-line flags (--db, --listen, ...). docs/configuration.md lists
 * every key with its default and meaning. */
#ifndef FZ_CONFIG_H
#define FZ_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "fz_err.h"

struct fz_config {
    char listen[128];          /* listen: HOST:PORT, default 127.0.0.1:8080 */
    char db[1024];             /* db: database path, default fazhi.db */
    char web[1024];            /* web: folder of the built web UI, default web/dist */
    char audit_key[1024];      /* audit_key: Ed25519 key file, default <db>.audit-key */
    int threads;               /* threads: HTTP worker threads, default 4 */
    long max_body;             /* max_body: largest JSON body in bytes, default 1 MiB */
    long long max_upload;      /* max_upload: largest file upload, default 2 GiB */
    long max_import;           /* max_import: largest CSV/XLSX import body, default 32 MiB */
    char files[1024];          /* files: evidence and document store, default <db>.files */
    int session_idle_min;      /* session_idle_min: idle timeout, default 30 */
    int session_max_hours;     /* session_max_hours: absolute session life, default 12 */
    int lockout_attempts;      /* lockout_attempts: failures before lock, default 5 */
    int lockout_min;           /* lockout_min: lock duration, default 15 */
    int tz_offset_min;         /* tz_offset_min: zone offset east of UTC, default 480 */
    bool cookie_secure;        /* cookie_secure: add Secure to the cookie, default false */
    int sweep_sec;             /* sweep_sec: deadline sweep interval, default 60; 0 = off */
    bool access_log;           /* access_log: one line per request on stderr, default true */
};

/* config_get: the loaded configuration (defaults before config_load). */
const struct fz_config *config_get(void);
/* config_load: defaults, then file, then environment. FZ_EINVAL with a message on stderr
 * for an unknown key or a bad value. */
enum fz_err config_load(const char *file);
/* config_set: set one key from a string (command-line flags); FZ_EINVAL when bad. */
enum fz_err config_set(const char *key, const char *value);
/* config_finish: derive dependent defaults (audit_key, files from db); call after flags. */
void config_finish(void);

#endif
