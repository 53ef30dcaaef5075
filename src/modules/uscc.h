/* uscc.h - the GB 32100-2015 unified social credit code (统一社会信用代码), DOMAIN.md §7.
 * Exports uscc_check() (normalise + validate + explain), uscc_check_char() (the MOD 31
 * check character of 17 characters) and uscc_org_check_char() (GB 11714, positions 9-17).
 * Invariant: only the MOD 31 check and the structure are hard rules; the embedded
 * organisation-code check is reported as a warning (old codes may not satisfy it). */
#ifndef FZ_USCC_H
#define FZ_USCC_H

#include <stdbool.h>
#include <stddef.h>
#include "fz_err.h"

#define USCC_LEN 18

/* what is wrong with a code; USCC_VALID when nothing */
enum uscc_status {
    USCC_VALID = 0,
    USCC_EMPTY,         /* nothing after trimming */
    USCC_ELENGTH,       /* not 18 characters */
    USCC_ECHAR,         /* a character outside the alphabet (I O Z S V, symbols, ...) */
    USCC_EREGION,       /* positions 3-8 are not six digits */
    USCC_ECHECK,        /* the check character (position 18) is wrong */
};

struct uscc_result {
    enum uscc_status status;
    char code[USCC_LEN + 1];    /* trimmed and upper-cased; valid only when it is 18 chars */
    int pos;                    /* 1-based position of the offending character, or 0 */
    char expected;              /* USCC_ECHECK: the check character that was due */
    bool org_ok;                /* the GB 11714 check of positions 9-17 holds (warning) */
    char org_expected;          /* the GB 11714 check character that was due, or 0 */
};

/* uscc_check: trim ASCII/ideographic spaces around in, upper-case ASCII letters and
 * validate. Returns FZ_OK for a valid code, FZ_EINVAL otherwise; *r is always filled
 * (r->status tells what failed). in may be NULL (USCC_EMPTY). */
enum fz_err uscc_check(const char *in, struct uscc_result *r);

/* uscc_message: the Chinese reason for a failed check (e.g. "校验码应为 3") into buf;
 * returns buf. For a valid code with a failed org-code check it gives the warning. */
const char *uscc_message(const struct uscc_result *r, char *buf, size_t n);

/* uscc_check_char: the check character due for the first 17 characters of s (which must
 * all be in the alphabet `0-9A-HJ-NPQRTUWXY`), or '\0' when one is not. */
char uscc_check_char(const char *s);

/* uscc_org_check_char: the GB 11714 check character ('0'-'9' or 'X') due for the 8 body
 * characters at s, or '\0' when one is not a digit or an upper-case letter. */
char uscc_org_check_char(const char *s);

/* uscc_value: the value (0..30) of character c in the alphabet, or -1. */
int uscc_value(char c);

/* uscc_alphabet: the 31 characters in value order (static storage). */
const char *uscc_alphabet(void);

#endif
