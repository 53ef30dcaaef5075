/* str.c - string helpers, see str.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "util/str.h"

enum fz_err str_to_i64(const char *s, int64_t *out)
{
    if (!s || !*s)
        return FZ_EINVAL;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || !end || *end || end == s)
        return FZ_EINVAL;
    *out = (int64_t)v;
    return FZ_OK;
}

bool str_copy(char *dst, size_t dstsize, const char *src)
{
    if (!dstsize)
        return false;
    size_t n = strlen(src);
    bool fits = n < dstsize;
    if (!fits)
        n = dstsize - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return fits;
}

bool str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

bool str_empty(const char *s)
{
    return !s || !*s;
}

long str_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;
    while (*p) {
        int extra;
        if (*p < 0x80)
            extra = 0;
        else if ((*p & 0xE0) == 0xC0 && *p >= 0xC2)
            extra = 1;
        else if ((*p & 0xF0) == 0xE0)
            extra = 2;
        else if ((*p & 0xF8) == 0xF0 && *p <= 0xF4)
            extra = 3;
        else
            return -1;
        p++;
        for (int i = 0; i < extra; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return -1;
        n++;
    }
    return n;
}

char *str_like(const char *in)
{
    if (!in)
        return NULL;
    size_t n = strlen(in);
    char *out = malloc(2 * n + 3);
    if (!out)
        return NULL;
    size_t o = 0;
    out[o++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '%' || in[i] == '_' || in[i] == '\\')
            out[o++] = '\\';
        out[o++] = in[i];
    }
    out[o++] = '%';
    out[o] = '\0';
    return out;
}

bool str_in(const char *v, const char *const *set)
{
    for (; v && *set; set++)
        if (strcmp(v, *set) == 0)
            return true;
    return false;
}

bool str_in_words(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && *p;) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return true;
        p = sp ? sp + 1 : NULL;
    }
    return false;
}
