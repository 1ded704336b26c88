/*
 * totp_test.c — handlers/accounts/totp.c: TOTP codes against RFC 6238's own
 * test vectors (appendix B, SHA-1), the drift window and its edges, base32
 * (RFC 4648's vectors), the otpauth:// URI and its percent-encoding, and the
 * shape of recovery codes.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "log.h"
#include "tap.h"
#include "../../handlers/accounts/totp.h"

/* RFC 6238 appendix B: the SHA-1 seed, and its 8-digit codes; ours are the
 * last six digits of each (RFC 4226's truncation modulo 10^6). */
static const unsigned char rfc_key[] = "12345678901234567890";
static const struct { time_t t; const char *code; } rfc_vectors[] = {
	{ 59,		"287082" },	/* 94287082 */
	{ 1111111109,	"081804" },	/* 07081804 */
	{ 1111111111,	"050471" },	/* 14050471 */
	{ 1234567890,	"005924" },	/* 89005924 */
	{ 2000000000,	"279037" },	/* 69279037 */
	{ 20000000000,	"353130" },	/* 65353130 */
};

static void
test_vectors(void)
{
	char code[TOTP_DIGITS + 1];
	uint64_t step;
	size_t i;

	for (i = 0; i < sizeof(rfc_vectors) / sizeof(rfc_vectors[0]); i++) {
		time_t t = rfc_vectors[i].t;

		ok(totp_code_at(code, rfc_key, TOTP_SECRET_LEN, t) == 0 &&
		    strcmp(code, rfc_vectors[i].code) == 0,
		    "RFC 6238 code at %lld is %s (got %s)", (long long)t,
		    rfc_vectors[i].code, code);
		step = 0;
		ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, rfc_vectors[i].code) == 1 &&
		    step == (uint64_t)(t / TOTP_STEP_S),
		    "the RFC code at %lld checks, as step %lld", (long long)t,
		    (long long)(t / TOTP_STEP_S));
	}
}

static void
test_window(void)
{
	const time_t t = 1111111111;	/* step 37037037, 1 s into it */
	char prev[TOTP_DIGITS + 1], next[TOTP_DIGITS + 1], far[TOTP_DIGITS + 1];
	uint64_t step = 0;

	if (totp_code_at(prev, rfc_key, TOTP_SECRET_LEN, t - TOTP_STEP_S) != 0 ||
	    totp_code_at(next, rfc_key, TOTP_SECRET_LEN, t + TOTP_STEP_S) != 0 ||
	    totp_code_at(far, rfc_key, TOTP_SECRET_LEN, t - 2 * TOTP_STEP_S) != 0) {
		ok(0, "codes around %lld", (long long)t);
		return;
	}
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, prev) == 1 &&
	    step == (uint64_t)(t / TOTP_STEP_S) - 1, "the code of the step before is accepted, as that step");
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, next) == 1 &&
	    step == (uint64_t)(t / TOTP_STEP_S) + 1, "the code of the step after is accepted, as that step");
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, far) == 0,
	    "the code of two steps before is refused");
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, "000000") == 0 ||
	    strcmp(prev, "000000") == 0, "a wrong code is refused");
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, "05047") == 0, "five digits are refused");
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, "0504710") == 0, "seven digits are refused");
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, NULL) == 0, "NULL is refused");
	ok(totp_check(&step, rfc_key, TOTP_SECRET_LEN, t, " 50471") == 0, "a space is refused");
}

static void
test_shape(void)
{
	ok(totp_code_shaped("123456"), "six digits");
	ok(!totp_code_shaped("12345"), "five digits");
	ok(!totp_code_shaped("1234567"), "seven digits");
	ok(!totp_code_shaped("12a456"), "a letter");
	ok(!totp_code_shaped(""), "empty");
	ok(!totp_code_shaped(NULL), "NULL");
	ok(!totp_code_shaped("\xef\xbc\x91\xef\xbc\x92"), "full-width digits");
}

static void
test_base32(void)
{
	/* RFC 4648 section 10: "foobar" → MZXW6YTBOI======; 20 bytes need no
	 * padding. */
	unsigned char twenty[TOTP_SECRET_LEN];
	char b32[TOTP_B32_LEN + 1];

	ok(totp_base32(b32, rfc_key, TOTP_SECRET_LEN) == 0 &&
	    strcmp(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == 0,
	    "base32 of the RFC 6238 seed (got %s)", b32);
	memset(twenty, 0xff, sizeof(twenty));
	ok(totp_base32(b32, twenty, sizeof(twenty)) == 0 &&
	    strcmp(b32, "77777777777777777777777777777777") == 0, "base32 of 20 bytes of 0xff");
	ok(totp_base32(b32, rfc_key, 10) == -1, "only 20-byte secrets");
}

static void
test_uri(void)
{
	struct arena a = { NULL };
	const char *uri;

	uri = totp_uri(&a, "Burenhulp", "jan+test@example.org",
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	ok(strcmp(uri, "otpauth://totp/Burenhulp:jan%2Btest%40example.org"
	    "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Burenhulp"
	    "&algorithm=SHA1&digits=6&period=30") == 0, "the URI (got %s)", uri);
	uri = totp_uri(&a, "Buren hulp", "é ?&=#/:@x.y-z_~", "AB");
	ok(strcmp(uri, "otpauth://totp/Buren%20hulp:%C3%A9%20%3F%26%3D%23%2F%3A%40x.y-z_~"
	    "?secret=AB&issuer=Buren%20hulp&algorithm=SHA1&digits=6&period=30") == 0,
	    "reserved and non-ASCII characters are percent-encoded (got %s)", uri);
	arena_reset(&a);
}

static void
test_recovery(void)
{
	char code[RECOVERY_CODE_LEN + 1], normal[RECOVERY_CHARS + 1], other[RECOVERY_CODE_LEN + 1];
	size_t i;
	int good = 1;

	for (i = 0; i < 200; i++) {
		recovery_code_new(code);
		if (strlen(code) != RECOVERY_CODE_LEN || code[5] != '-' ||
		    recovery_code_normalise(normal, code) != 0 ||
		    strlen(normal) != RECOVERY_CHARS ||
		    memcmp(normal, code, 5) != 0 || memcmp(normal + 5, code + 6, 5) != 0 ||
		    strpbrk(normal, "01lo") != NULL)
			good = 0;
	}
	ok(good, "new codes are xxxxx-xxxxx, normalise to their ten characters, no 0/1/l/o");
	recovery_code_new(other);
	ok(strcmp(code, other) != 0, "two codes differ");

	ok(recovery_code_normalise(normal, "ABCDE-FGHIJ") == 0 && strcmp(normal, "abcdefghij") == 0,
	    "upper case is lowered");
	ok(recovery_code_normalise(normal, " abcde fghij ") == 0 && strcmp(normal, "abcdefghij") == 0,
	    "spaces are dropped");
	ok(recovery_code_normalise(normal, "abcdefghij") == 0, "no dash is fine");
	ok(recovery_code_normalise(normal, "abcde-fghi") == -1, "nine characters are refused");
	ok(recovery_code_normalise(normal, "abcde-fghijk") == -1, "eleven characters are refused");
	ok(recovery_code_normalise(normal, "abcde-fghi0") == -1, "0 is not in the alphabet");
	ok(recovery_code_normalise(normal, "abcde-fghi\xc3\xa9") == -1, "non-ASCII is refused");
	ok(recovery_code_normalise(normal, "123456") == -1, "a TOTP code is no recovery code");
	ok(recovery_code_normalise(normal, "") == -1, "empty is refused");
	ok(recovery_code_normalise(normal, NULL) == -1, "NULL is refused");
}

int
main(void)
{
	log_init("totp_test");
	if (sodium_init() < 0 || totp_init() != 0) {
		printf("Bail out! cannot initialise libsodium or liboath\n");
		return 1;
	}
	test_vectors();
	test_window();
	test_shape();
	test_base32();
	test_uri();
	test_recovery();
	return tap_done();
}
