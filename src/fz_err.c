/* fz_err.c - descriptions of the fz_err codes (see fz_err.h). */
#include "fz_err.h"

static const char *const descr[FZ_ERR_COUNT] = {
    [FZ_OK] = "ok",
    [FZ_EINVAL] = "invalid field",
    [FZ_EMALFORMED] = "malformed request",
    [FZ_EUNAUTH] = "not logged in",
    [FZ_EFORBIDDEN] = "forbidden",
    [FZ_ENOTFOUND] = "not found",
    [FZ_ECONFLICT] = "conflict",
    [FZ_ETOOLARGE] = "request too large",
    [FZ_EMETHOD] = "method not allowed",
    [FZ_ELOCKED] = "account locked",
    [FZ_EDB] = "database error",
    [FZ_ENOMEM] = "out of memory",
    [FZ_EIO] = "i/o error",
    [FZ_EINTERNAL] = "internal error",
    [FZ_EBUSY] = "database busy",
};

const char *fz_strerror(enum fz_err e)
{
    if ((unsigned)e >= FZ_ERR_COUNT || !descr[e])
        return "unknown error";
    return descr[e];
}

#include <stdarg.h>
#include <stdio.h>

void fz_problem_set(struct fz_problem *p, const char *field, const char *code,
                    const char *fmt, ...)
{
    if (!p)
        return;
    p->field = field;
    p->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
}
