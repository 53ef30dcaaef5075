/* test_uscc.c - the GB 32100 unified social credit code rules of DOMAIN.md §7: every
 * vector of §7.4, every single-character corruption of a valid code at each of the 18
 * positions (each substitution by every other alphabet character) is rejected, lower
 * case is normalised, and the letters I O Z S V are illegal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "modules/uscc.h"

static void assert_valid(const char *code)
{
    struct uscc_result r;
    if (uscc_check(code, &r) != FZ_OK)
        fail_msg("%s should be valid (status %d)", code, r.status);
}

static void test_domain_vectors_valid_codes_pass(void **state)
{
    (void)state;
    assert_valid("91350100M000100Y43");
    assert_valid("91330100799655058B");
    assert_valid("91440300708461136T");
    assert_valid("914403001922038216");
    assert_valid("91120000MA05L6K269");
    assert_valid("91120116MA00001030");
}

static void test_worked_example_sums_to_check_char_3(void **state)
{
    (void)state;
    assert_int_equal(uscc_check_char("91350100M000100Y4"), '3');
    /* Σ mod 31 = 0 gives check value 0, i.e. character '0' (the edge case) */
    assert_int_equal(uscc_check_char("91120116MA0000103"), '0');
}

static void test_wrong_check_char_is_rejected_naming_the_due_one(void **state)
{
    (void)state;
    struct uscc_result r;
    assert_int_equal(uscc_check("91350100M000100Y44", &r), FZ_EINVAL);
    assert_int_equal(r.status, USCC_ECHECK);
    assert_int_equal(r.expected, '3');
    char msg[128];
    assert_string_equal(uscc_message(&r, msg, sizeof msg), "校验码应为 3");
}

static void test_illegal_letter_i_in_vector_is_rejected(void **state)
{
    (void)state;
    struct uscc_result r;
    assert_int_equal(uscc_check("91350100M000100I43", &r), FZ_EINVAL);
    assert_int_equal(r.status, USCC_ECHAR);
    assert_int_equal(r.pos, 16);
}

static void test_lower_case_is_normalised_then_valid(void **state)
{
    (void)state;
    struct uscc_result r;
    assert_int_equal(uscc_check("91350100m000100y43", &r), FZ_OK);
    assert_string_equal(r.code, "91350100M000100Y43");
    assert_int_equal(uscc_check("  91330100799655058b\t", &r), FZ_OK);
    assert_string_equal(r.code, "91330100799655058B");
    /* ideographic spaces (U+3000) around a pasted code are trimmed too */
    assert_int_equal(uscc_check("\xE3\x80\x80" "91120000MA05L6K269" "\xE3\x80\x80", &r),
                     FZ_OK);
}

static void test_letters_i_o_z_s_v_are_illegal_at_every_position(void **state)
{
    (void)state;
    const char *valid = "91120000MA05L6K269";
    const char bad[] = { 'I', 'O', 'Z', 'S', 'V', 'i', 'o', 'z', 's', 'v' };
    for (size_t b = 0; b < sizeof bad; b++) {
        for (int pos = 0; pos < USCC_LEN; pos++) {
            char code[USCC_LEN + 1];
            memcpy(code, valid, sizeof code);
            code[pos] = bad[b];
            struct uscc_result r;
            if (uscc_check(code, &r) == FZ_OK)
                fail_msg("%s accepted", code);
            assert_int_equal(r.status, USCC_ECHAR);
            assert_int_equal(r.pos, pos + 1);
        }
    }
}

static void test_every_single_substitution_at_every_position_is_rejected(void **state)
{
    (void)state;
    const char *codes[] = { "91350100M000100Y43", "91120000MA05L6K269",
                            "91120116MA00001030", "914403001922038216" };
    const char *alpha = uscc_alphabet();
    int tried = 0;
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) {
        for (int pos = 0; pos < USCC_LEN; pos++) {
            for (const char *c = alpha; *c; c++) {
                if (*c == codes[k][pos])
                    continue;
                char code[USCC_LEN + 1];
                memcpy(code, codes[k], sizeof code);
                code[pos] = *c;
                struct uscc_result r;
                if (uscc_check(code, &r) == FZ_OK)
                    fail_msg("%s (position %d changed) accepted", code, pos + 1);
                tried++;
            }
        }
    }
    assert_int_equal(tried, 4 * 18 * 30);
}

static void test_wrong_length_and_empty_are_rejected(void **state)
{
    (void)state;
    struct uscc_result r;
    assert_int_equal(uscc_check("91350100M000100Y4", &r), FZ_EINVAL);
    assert_int_equal(r.status, USCC_ELENGTH);
    assert_int_equal(uscc_check("91350100M000100Y433", &r), FZ_EINVAL);
    assert_int_equal(r.status, USCC_ELENGTH);
    assert_int_equal(uscc_check("   ", &r), FZ_EINVAL);
    assert_int_equal(r.status, USCC_EMPTY);
    assert_int_equal(uscc_check(NULL, &r), FZ_EINVAL);
    assert_int_equal(r.status, USCC_EMPTY);
}

static void test_region_must_be_six_digits(void **state)
{
    (void)state;
    struct uscc_result r;
    /* 'A' at position 3 is in the alphabet but the region code is digits only */
    assert_int_equal(uscc_check("91A50100M000100Y43", &r), FZ_EINVAL);
    assert_int_equal(r.status, USCC_EREGION);
    assert_int_equal(r.pos, 3);
}

static void test_org_code_check_is_a_warning_only(void **state)
{
    (void)state;
    struct uscc_result r;
    assert_int_equal(uscc_check("91120000MA05L6K269", &r), FZ_OK);
    assert_true(r.org_ok);
    assert_int_equal(uscc_org_check_char("MA05L6K2"), '6');
    /* a code whose USCC check holds but whose embedded org-code check does not */
    char code[USCC_LEN + 1] = "91120000MA05L6K27";
    code[17] = uscc_check_char(code);
    code[18] = '\0';
    assert_int_equal(uscc_check(code, &r), FZ_OK);
    assert_false(r.org_ok);
    assert_int_equal(r.org_expected, '6');
    char msg[128];
    assert_non_null(strstr(uscc_message(&r, msg, sizeof msg), "仅提示"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_vectors_valid_codes_pass),
        cmocka_unit_test(test_worked_example_sums_to_check_char_3),
        cmocka_unit_test(test_wrong_check_char_is_rejected_naming_the_due_one),
        cmocka_unit_test(test_illegal_letter_i_in_vector_is_rejected),
        cmocka_unit_test(test_lower_case_is_normalised_then_valid),
        cmocka_unit_test(test_letters_i_o_z_s_v_are_illegal_at_every_position),
        cmocka_unit_test(test_every_single_substitution_at_every_position_is_rejected),
        cmocka_unit_test(test_wrong_length_and_empty_are_rejected),
        cmocka_unit_test(test_region_must_be_six_digits),
        cmocka_unit_test(test_org_code_check_is_a_warning_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
