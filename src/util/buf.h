/* buf.h - a growable byte buffer (git's strbuf / curl's dynbuf habit).
 * A struct buf owns its memory; buf_free() releases it and leaves an empty buffer.
 * The data is always NUL-terminated once anything was added; a size cap is set at init
 * and an append past it fails with FZ_ETOOLARGE, leaving the buffer unchanged. */
#ifndef FZ_BUF_H
#define FZ_BUF_H

#include <stddef.h>
#include "fz_err.h"

struct buf {
    char *data;     /* NULL until the first append */
    size_t len;     /* bytes used, not counting the NUL */
    size_t cap;     /* bytes allocated */
    size_t max;     /* largest len allowed; 0 = no limit */
};

void buf_init(struct buf *b, size_t max);
enum fz_err buf_append(struct buf *b, const void *data, size_t n);
enum fz_err buf_puts(struct buf *b, const char *s);
enum fz_err buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* buf_take: hand the data to the caller (free() it; "" as a new string when empty) and
 * reset the buffer. NULL only when out of memory. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

#endif
