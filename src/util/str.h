/* str.h - small string helpers that replace the banned libc calls (atoi, strcpy, ...).
 * Parsing functions return FZ_EINVAL on anything but a complete, in-range value. */
#ifndef FZ_STR_H
#define FZ_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fz_err.h"

/* str_to_i64: whole-string decimal integer; FZ_EINVAL on junk, empty or overflow. */
enum fz_err str_to_i64(const char *s, int64_t *out);
/* str_copy: copy at most dstsize-1 bytes and NUL-terminate; returns false if truncated. */
bool str_copy(char *dst, size_t dstsize, const char *src);
/* str_eq: both non-NULL and equal. */
bool str_eq(const char *a, const char *b);
/* str_empty: NULL or "". */
bool str_empty(const char *s);
/* str_utf8_len: number of code points, or -1 when s is not valid UTF-8. */
long str_utf8_len(const char *s);

/* str_in: v is one of the strings of the NULL-terminated set (false for NULL). */
bool str_in(const char *v, const char *const *set);
/* str_in_words: word is one of the space-separated words of list. */
bool str_in_words(const char *list, const char *word);

/* str_like: a LIKE pattern that matches `in` literally anywhere ("%in%"), with % _ and
 * \ escaped by a backslash; use it with `LIKE ? ESCAPE '\'`. Caller frees; NULL for a
 * NULL input or no memory. */
char *str_like(const char *in);

#endif
