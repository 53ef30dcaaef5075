/* test_crypto.c - cmocka tests for src/util/crypto.c: SM3 vectors of
 * GB/T 32905-2016 (DOMAIN.md §8), SHA-256 vectors, streaming == one-shot,
 * hex coding and random tokens. Each test is named after the rule it proves.
 * crypto_init() runs once in the group setup; a failure there fails all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/crypto.h"

/* digest_hex: one-shot digest of len bytes as lower-case hex. */
static void digest_hex(enum fz_hash_alg alg, const void *data, size_t len,
                       char hex[FZ_HEX_LEN])
{
    uint8_t d[FZ_HASH_LEN];
    assert_int_equal(crypto_digest(alg, data, len, d), FZ_OK);
    crypto_hex(d, sizeof(d), hex);
}

static int group_setup(void **state)
{
    (void)state;
    return crypto_init() == FZ_OK ? 0 : -1;
}

static void test_sm3_of_abc_matches_gbt32905_annex_a(void **state)
{
    char hex[FZ_HEX_LEN];
    (void)state;
    digest_hex(FZ_SM3, "abc", 3, hex);
    assert_string_equal(hex, "66c7f0f462eeedd9d1f2d46bdc10e4e2"
                             "4167c4875cf2f7a2297da02b8f4ba8e0");
}

static void test_sm3_of_abcd_times_16_matches_gbt32905_annex_a(void **state)
{
    char msg[65];
    char hex[FZ_HEX_LEN];
    (void)state;
    for (int i = 0; i < 16; i++)
        memcpy(msg + 4 * i, "abcd", 4);
    digest_hex(FZ_SM3, msg, 64, hex);
    assert_string_equal(hex, "debe9ff92275b8a138604889c18e5a4d"
                             "6fdb70e5387e5765293dcba39c0c5732");
}

static void test_sm3_of_empty_input_matches_vector(void **state)
{
    char hex[FZ_HEX_LEN];
    (void)state;
    digest_hex(FZ_SM3, "", 0, hex);
    assert_string_equal(hex, "1ab21d8355cfa17f8e61194831e81a8f"
                             "22bec8c728fefb747ed035eb5082aa2b");
}

static void test_sm3_of_null_pointer_with_zero_length_is_empty_hash(
    void **state)
{
    char hex[FZ_HEX_LEN];
    (void)state;
    digest_hex(FZ_SM3, NULL, 0, hex);
    assert_string_equal(hex, "1ab21d8355cfa17f8e61194831e81a8f"
                             "22bec8c728fefb747ed035eb5082aa2b");
}

static void test_sm3_of_one_zero_byte_matches_vector(void **state)
{
    static const uint8_t zero = 0x00;
    char hex[FZ_HEX_LEN];
    (void)state;
    digest_hex(FZ_SM3, &zero, 1, hex);
    assert_string_equal(hex, "2daef60e7a0b8f5e024c81cd2ab3109f"
                             "2b4f155cf83adeb2ae5532f74a157fdf");
}

static void test_sha256_of_abc_matches_fips180_vector(void **state)
{
    char hex[FZ_HEX_LEN];
    (void)state;
    digest_hex(FZ_SHA256, "abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
                             "b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256_of_empty_input_matches_vector(void **state)
{
    char hex[FZ_HEX_LEN];
    (void)state;
    digest_hex(FZ_SHA256, "", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
                             "27ae41e4649b934ca495991b7852b855");
}

static void test_hash_rejects_unknown_algorithm(void **state)
{
    uint8_t d[FZ_HASH_LEN];
    struct fz_hash_ctx *c = NULL;
    (void)state;
    assert_int_equal(crypto_digest((enum fz_hash_alg)7, "abc", 3, d), FZ_EINVAL);
    assert_int_equal(crypto_digest_new((enum fz_hash_alg)7, &c), FZ_EINVAL);
    assert_null(c);
}

static void test_hash_rejects_null_data_with_nonzero_length(void **state)
{
    uint8_t d[FZ_HASH_LEN];
    (void)state;
    assert_int_equal(crypto_digest(FZ_SHA256, NULL, 1, d), FZ_EINVAL);
}

/* stream_digest: digest msg[0..len) fed in chunks of 1, 2, 3, ... bytes
 * cycling through odd sizes so no chunk lines up with the 64-byte block. */
static void stream_digest(enum fz_hash_alg alg, const uint8_t *msg, size_t len,
                          uint8_t out[FZ_HASH_LEN])
{
    static const size_t sizes[] = { 1, 3, 5, 7, 13, 63, 65, 127 };
    struct fz_hash_ctx *c = NULL;
    size_t off = 0;
    size_t i = 0;
    assert_int_equal(crypto_digest_new(alg, &c), FZ_OK);
    assert_non_null(c);
    while (off < len) {
        size_t chunk = sizes[i++ % (sizeof(sizes) / sizeof(sizes[0]))];
        if (chunk > len - off)
            chunk = len - off;
        assert_int_equal(crypto_digest_update(c, msg + off, chunk), FZ_OK);
        off += chunk;
    }
    assert_int_equal(crypto_digest_final(c, out), FZ_OK);
    crypto_digest_free(c);
}

static void test_streaming_in_odd_chunks_equals_one_shot(void **state)
{
    static const enum fz_hash_alg algs[] = { FZ_SHA256, FZ_SM3 };
    static const size_t lens[] = { 0, 1, 55, 56, 63, 64, 65, 1000, 4099 };
    uint8_t msg[4099];
    (void)state;
    for (size_t i = 0; i < sizeof(msg); i++)
        msg[i] = (uint8_t)(i * 31 + 7);
    for (size_t a = 0; a < 2; a++) {
        for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
            uint8_t one[FZ_HASH_LEN];
            uint8_t streamed[FZ_HASH_LEN];
            assert_int_equal(crypto_digest(algs[a], msg, lens[l], one), FZ_OK);
            stream_digest(algs[a], msg, lens[l], streamed);
            assert_memory_equal(one, streamed, FZ_HASH_LEN);
        }
    }
}

static void test_streaming_rejects_use_after_final(void **state)
{
    struct fz_hash_ctx *c = NULL;
    uint8_t d[FZ_HASH_LEN];
    uint8_t before[FZ_HASH_LEN];
    (void)state;
    assert_int_equal(crypto_digest_new(FZ_SM3, &c), FZ_OK);
    assert_int_equal(crypto_digest_update(c, "abc", 3), FZ_OK);
    assert_int_equal(crypto_digest_final(c, d), FZ_OK);
    memcpy(before, d, sizeof(d));
    assert_int_equal(crypto_digest_update(c, "x", 1), FZ_EINVAL);
    assert_int_equal(crypto_digest_final(c, d), FZ_EINVAL);
    assert_memory_equal(before, d, sizeof(d));
    crypto_digest_free(c);
}

static void test_hash_free_accepts_null(void **state)
{
    (void)state;
    crypto_digest_free(NULL);
}

static void test_hex_then_unhex_round_trips_every_byte_value(void **state)
{
    uint8_t in[256];
    uint8_t back[256];
    char hex[2 * sizeof(in) + 1];
    (void)state;
    for (size_t i = 0; i < sizeof(in); i++)
        in[i] = (uint8_t)i;
    crypto_hex(in, sizeof(in), hex);
    assert_int_equal(strlen(hex), 2 * sizeof(in));
    assert_int_equal(crypto_unhex(hex, back, sizeof(back)), FZ_OK);
    assert_memory_equal(in, back, sizeof(in));
}

static void test_hex_is_lower_case(void **state)
{
    static const uint8_t in[] = { 0x00, 0xab, 0xcd, 0xef, 0xff, 0x09 };
    char hex[2 * sizeof(in) + 1];
    (void)state;
    crypto_hex(in, sizeof(in), hex);
    assert_string_equal(hex, "00abcdefff09");
}

static void test_hex_of_zero_bytes_is_empty_string(void **state)
{
    char hex[1] = { 'x' };
    (void)state;
    crypto_hex((const uint8_t *)"", 0, hex);
    assert_string_equal(hex, "");
}

static void test_unhex_accepts_upper_case_digits(void **state)
{
    uint8_t out[3];
    (void)state;
    assert_int_equal(crypto_unhex("ABcdEf", out, sizeof(out)), FZ_OK);
    assert_int_equal(out[0], 0xab);
    assert_int_equal(out[1], 0xcd);
    assert_int_equal(out[2], 0xef);
}

/* assert_unhex_fails: crypto_unhex(hex, n) is FZ_EINVAL and out untouched. */
static void assert_unhex_fails(const char *hex, size_t n)
{
    uint8_t out[8];
    memset(out, 0x5a, sizeof(out));
    assert_true(n <= sizeof(out));
    assert_int_equal(crypto_unhex(hex, out, n), FZ_EINVAL);
    for (size_t i = 0; i < sizeof(out); i++)
        assert_int_equal(out[i], 0x5a);
}

static void test_unhex_rejects_odd_length(void **state)
{
    (void)state;
    assert_unhex_fails("abc", 1);
    assert_unhex_fails("abc", 2);
    assert_unhex_fails("0", 1);
}

static void test_unhex_rejects_non_hex_character(void **state)
{
    (void)state;
    assert_unhex_fails("0g", 1);
    assert_unhex_fails("g0", 1);
    assert_unhex_fails("00 1", 2);
    assert_unhex_fails("0x12", 2);
    assert_unhex_fails("zz00", 2);
    assert_unhex_fails("-1", 1);
}

static void test_unhex_rejects_wrong_length(void **state)
{
    (void)state;
    assert_unhex_fails("", 1);
    assert_unhex_fails("0011", 3);      /* too short */
    assert_unhex_fails("001122", 2);    /* too long */
    assert_unhex_fails("00", 0);        /* n = 0 wants "" */
}

static void test_unhex_rejects_null_input(void **state)
{
    uint8_t out[1];
    (void)state;
    assert_int_equal(crypto_unhex(NULL, out, 1), FZ_EINVAL);
}

static void test_token_is_2n_lower_hex_digits(void **state)
{
    static const size_t ns[] = { 1, 16, 31, 32, 33, 100 };
    (void)state;
    for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
        char tok[201];
        uint8_t raw[100];
        crypto_token(ns[i], tok);
        assert_int_equal(strlen(tok), 2 * ns[i]);
        assert_int_equal(strspn(tok, "0123456789abcdef"), 2 * ns[i]);
        assert_int_equal(crypto_unhex(tok, raw, ns[i]), FZ_OK);
    }
}

static void test_token_of_zero_bytes_is_empty_string(void **state)
{
    char tok[1] = { 'x' };
    (void)state;
    crypto_token(0, tok);
    assert_string_equal(tok, "");
}

static void test_two_tokens_differ(void **state)
{
    char a[65];
    char b[65];
    (void)state;
    crypto_token(32, a);
    crypto_token(32, b);
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sm3_of_abc_matches_gbt32905_annex_a),
        cmocka_unit_test(test_sm3_of_abcd_times_16_matches_gbt32905_annex_a),
        cmocka_unit_test(test_sm3_of_empty_input_matches_vector),
        cmocka_unit_test(
            test_sm3_of_null_pointer_with_zero_length_is_empty_hash),
        cmocka_unit_test(test_sm3_of_one_zero_byte_matches_vector),
        cmocka_unit_test(test_sha256_of_abc_matches_fips180_vector),
        cmocka_unit_test(test_sha256_of_empty_input_matches_vector),
        cmocka_unit_test(test_hash_rejects_unknown_algorithm),
        cmocka_unit_test(test_hash_rejects_null_data_with_nonzero_length),
        cmocka_unit_test(test_streaming_in_odd_chunks_equals_one_shot),
        cmocka_unit_test(test_streaming_rejects_use_after_final),
        cmocka_unit_test(test_hash_free_accepts_null),
        cmocka_unit_test(test_hex_then_unhex_round_trips_every_byte_value),
        cmocka_unit_test(test_hex_is_lower_case),
        cmocka_unit_test(test_hex_of_zero_bytes_is_empty_string),
        cmocka_unit_test(test_unhex_accepts_upper_case_digits),
        cmocka_unit_test(test_unhex_rejects_odd_length),
        cmocka_unit_test(test_unhex_rejects_non_hex_character),
        cmocka_unit_test(test_unhex_rejects_wrong_length),
        cmocka_unit_test(test_unhex_rejects_null_input),
        cmocka_unit_test(test_token_is_2n_lower_hex_digits),
        cmocka_unit_test(test_token_of_zero_bytes_is_empty_string),
        cmocka_unit_test(test_two_tokens_differ),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
