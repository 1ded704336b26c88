/*
 * fuzz_totp.c — libFuzzer target for what the MFA endpoints parse of a
 * typed code (handlers/accounts/totp.c): totp_code_shaped and totp_check
 * for a TOTP code, recovery_code_normalise for a recovery code.
 *
 * Invariants: a code passes totp_check exactly when it is one of the codes
 * liboath gives for the steps of the window, and the step it reports is
 * that code's; a normalised recovery code is 10 characters of the alphabet
 * and a fixed point, and the case and dashes of what was typed do not
 * matter.
 */
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "handlers/accounts/totp.h"

static const unsigned char secret[TOTP_SECRET_LEN] = "12345678901234567890";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	const time_t	 now = 1764612000;
	char		*s, *up, codes[2 * TOTP_WINDOW + 1][TOTP_DIGITS + 1];
	char		 out[RECOVERY_CHARS + 1], again[RECOVERY_CHARS + 1];
	uint64_t	 step = 0;
	int		 rc, k, hit = -1;
	size_t		 i;

	s = arena_strndup(&a, (const char *)data, size);
	if (totp_code_shaped(s))
		assert(strlen(s) == TOTP_DIGITS &&
		    strspn(s, "0123456789") == TOTP_DIGITS);
	for (k = 0; k <= 2 * TOTP_WINDOW; k++) {
		assert(totp_code_at(codes[k], secret, sizeof(secret),
		    now + (k - TOTP_WINDOW) * TOTP_STEP_S) == 0);
		if (hit < 0 && strcmp(codes[k], s) == 0)
			hit = k;
	}
	rc = totp_check(&step, secret, sizeof(secret), now, s);
	assert(rc == (hit >= 0 ? 1 : 0));
	if (rc == 1)
		assert(step == (uint64_t)(now / TOTP_STEP_S + hit - TOTP_WINDOW) ||
		    strcmp(codes[step - (uint64_t)(now / TOTP_STEP_S) +
		    TOTP_WINDOW], s) == 0);

	if (recovery_code_normalise(out, s) == 0) {
		assert(strlen(out) == RECOVERY_CHARS &&
		    strspn(out, "abcdefghijkmnpqrstuvwxyz23456789") == RECOVERY_CHARS);
		assert(recovery_code_normalise(again, out) == 0 &&
		    strcmp(again, out) == 0);
		up = arena_strdup(&a, s);
		for (i = 0; up[i] != '\0'; i++)
			up[i] = (char)toupper((unsigned char)up[i]);
		assert(recovery_code_normalise(again, up) == 0 &&
		    strcmp(again, out) == 0);
		assert(recovery_code_normalise(again, arena_printf(&a,
		    "%.5s-%s", out, out + 5)) == 0 && strcmp(again, out) == 0);
	}
	arena_reset(&a);
	return 0;
}
