/* uscc.c - GB 32100-2015 unified social credit code checks (see uscc.h, DOMAIN.md §7).
 * The alphabet and the weights 3^(i-1) mod 31 are data; everything else has file scope. */
#include <stdio.h>
#include <string.h>
#include "modules/uscc.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* W_i = 3^(i-1) mod 31, i = 1..17 (DOMAIN §7.2) */
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10,
                                 30, 28 };

/* GB 11714 weights over the 8 body characters of the organisation code */
static const int org_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

const char *uscc_alphabet(void)
{
    return alphabet;
}

int uscc_value(char c)
{
    if (!c)
        return -1;
    const char *p = strchr(alphabet, c);
    return p ? (int)(p - alphabet) : -1;
}

char uscc_check_char(const char *s)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = uscc_value(s[i]);
        if (v < 0)
            return '\0';
        sum += v * weights[i];
    }
    return alphabet[(31 - sum % 31) % 31];
}

char uscc_org_check_char(const char *s)
{
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        int v;
        if (s[i] >= '0' && s[i] <= '9')
            v = s[i] - '0';
        else if (s[i] >= 'A' && s[i] <= 'Z')
            v = s[i] - 'A' + 10;
        else
            return '\0';
        sum += v * org_weights[i];
    }
    int c = 11 - sum % 11;
    if (c == 10)
        return 'X';
    return c == 11 ? '0' : (char)('0' + c);
}

/* space_len: bytes of one ASCII space/tab/newline or U+3000 (ideographic space) at s */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        return 1;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

/* normalise: trim and upper-case in into r->code; false when not 18 bytes */
static bool normalise(const char *in, struct uscc_result *r)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t n = strlen(in), k;
    while ((k = space_len(s, n)) > 0) {
        s += k;
        n -= k;
    }
    for (;;) {
        if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                  s[n - 1] == '\n'))
            n--;
        else if (n >= 3 && s[n - 3] == 0xE3 && s[n - 2] == 0x80 && s[n - 1] == 0x80)
            n -= 3;
        else
            break;
    }
    if (n == 0) {
        r->status = USCC_EMPTY;
        return false;
    }
    if (n != USCC_LEN) {
        r->status = USCC_ELENGTH;
        return false;
    }
    for (size_t i = 0; i < n; i++)
        r->code[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i]);
    r->code[n] = '\0';
    return true;
}

enum fz_err uscc_check(const char *in, struct uscc_result *r)
{
    memset(r, 0, sizeof *r);
    if (!in) {
        r->status = USCC_EMPTY;
        return FZ_EINVAL;
    }
    if (!normalise(in, r))
        return FZ_EINVAL;
    for (int i = 0; i < USCC_LEN; i++) {
        if (uscc_value(r->code[i]) < 0) {
            r->status = USCC_ECHAR;
            r->pos = i + 1;
            return FZ_EINVAL;
        }
    }
    for (int i = 2; i < 8; i++) {
        if (r->code[i] < '0' || r->code[i] > '9') {
            r->status = USCC_EREGION;
            r->pos = i + 1;
            return FZ_EINVAL;
        }
    }
    r->org_expected = uscc_org_check_char(r->code + 8);
    r->org_ok = r->org_expected && r->org_expected == r->code[16];
    char due = uscc_check_char(r->code);
    if (due != r->code[17]) {
        r->status = USCC_ECHECK;
        r->pos = 18;
        r->expected = due;
        return FZ_EINVAL;
    }
    r->status = USCC_VALID;
    return FZ_OK;
}

const char *uscc_message(const struct uscc_result *r, char *buf, size_t n)
{
    switch (r->status) {
    case USCC_EMPTY:
        snprintf(buf, n, "统一社会信用代码不能为空");
        break;
    case USCC_ELENGTH:
        snprintf(buf, n, "统一社会信用代码应为 18 位");
        break;
    case USCC_ECHAR:
        snprintf(buf, n, "第 %d 位含非法字符（不使用 I、O、Z、S、V 及符号）", r->pos);
        break;
    case USCC_EREGION:
        snprintf(buf, n, "第 3-8 位应为行政区划码（6 位数字），第 %d 位不是数字", r->pos);
        break;
    case USCC_ECHECK:
        snprintf(buf, n, "校验码应为 %c", r->expected);
        break;
    case USCC_VALID:
        if (r->org_ok)
            snprintf(buf, n, "有效");
        else
            snprintf(buf, n, "第 9-17 位组织机构代码校验位应为 %c（仅提示）",
                     r->org_expected ? r->org_expected : '?');
        break;
    }
    return buf;
}
