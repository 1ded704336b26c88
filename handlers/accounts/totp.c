/*
 * totp.c — TOTP through liboath, the otpauth:// URI, recovery code shapes.
 * Pure functions (no database, no request); mfa.c does the rest.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <oath.h>
#include <sodium.h>

#include "arena.h"
#include "log.h"
#include "totp.h"

static pthread_once_t	oath_once = PTHREAD_ONCE_INIT;
static int		init_rc = -1;

static void
oath_setup(void)
{
	init_rc = oath_init() == OATH_OK ? 0 : -1;
}

int
totp_init(void)
{
	if (pthread_once(&oath_once, oath_setup) != 0)
		return -1;
	return init_rc;
}

int
totp_base32(char *out, const unsigned char *secret, size_t n)
{
	char *b32 = NULL;
	size_t len = 0;
	int rc = -1;

	if (n != TOTP_SECRET_LEN || totp_init() != 0)
		goto out;
	if (oath_base32_encode((const char *)secret, n, &b32, &len) != OATH_OK ||
	    b32 == NULL || len != TOTP_B32_LEN)
		goto out;
	memcpy(out, b32, TOTP_B32_LEN);
	out[TOTP_B32_LEN] = '\0';
	rc = 0;
out:
	if (b32 != NULL) {
		sodium_memzero(b32, len);
		free(b32);
	}
	return rc;
}

/* Percent-encodes s, keeping RFC 3986's unreserved characters. */
static char *
pct_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, j = 0;
	char *out = arena_alloc(a, 3 * n + 1);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) && c < 0x80) {
			out[j++] = (char)c;
		} else if (c == '-' || c == '.' || c == '_' || c == '~') {
			out[j++] = (char)c;
		} else {
			out[j++] = '%';
			out[j++] = hex[c >> 4];
			out[j++] = hex[c & 15];
		}
	}
	out[j] = '\0';
	return out;
}

char *
totp_uri(struct arena *a, const char *issuer, const char *account,
    const char *secret_b32)
{
	const char *iss = pct_encode(a, issuer);

	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s"
	    "&algorithm=SHA1&digits=%d&period=%d", iss, pct_encode(a, account),
	    secret_b32, iss, TOTP_DIGITS, TOTP_STEP_S);
}

bool
totp_code_shaped(const char *code)
{
	size_t i;

	if (code == NULL || strlen(code) != TOTP_DIGITS)
		return false;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			return false;
	return true;
}

/* liboath's strcmp-like callback: 0 on a match, compared in constant time. */
static int
code_cmp(void *handle, const char *candidate)
{
	const char *code = handle;

	if (candidate == NULL || strlen(candidate) != TOTP_DIGITS)
		return 1;
	return sodium_memcmp(code, candidate, TOTP_DIGITS) == 0 ? 0 : 1;
}

int
totp_check(uint64_t *step, const unsigned char *secret, size_t n, time_t now,
    const char *code)
{
	char mine[TOTP_DIGITS + 1];
	uint64_t counter = 0;
	int rc;

	if (!totp_code_shaped(code))
		return 0;
	if (totp_init() != 0)
		return -1;
	memcpy(mine, code, sizeof(mine));
	rc = oath_totp_validate3_callback((const char *)secret, n, now,
	    TOTP_STEP_S, OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS, TOTP_WINDOW,
	    NULL, &counter, code_cmp, mine);
	sodium_memzero(mine, sizeof(mine));
	if (rc >= 0) {
		*step = counter;
		return 1;
	}
	if (rc == OATH_INVALID_OTP)
		return 0;
	log_error("totp: liboath: %s", oath_strerror_name(rc));
	return -1;
}

int
totp_code_at(char *out, const unsigned char *secret, size_t n, time_t now)
{
	if (totp_init() != 0)
		return -1;
	return oath_totp_generate((const char *)secret, n, now, TOTP_STEP_S,
	    OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS, out) == OATH_OK ? 0 : -1;
}

/* 32 symbols, so a random byte & 31 is uniform; no 0/o and no 1/l. */
static const char recovery_alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";

void
recovery_code_new(char *out)
{
	unsigned char rnd[RECOVERY_CHARS];
	size_t i, j = 0;

	randombytes_buf(rnd, sizeof(rnd));
	for (i = 0; i < RECOVERY_CHARS; i++) {
		if (i == RECOVERY_CHARS / 2)
			out[j++] = '-';
		out[j++] = recovery_alphabet[rnd[i] & 31];
	}
	out[j] = '\0';
	sodium_memzero(rnd, sizeof(rnd));
}

int
recovery_code_normalise(char *out, const char *in)
{
	size_t n = 0;
	const char *p;

	if (in == NULL)
		return -1;
	for (p = in; *p != '\0'; p++) {
		char c = (char)tolower((unsigned char)*p);

		if (c == '-' || c == ' ')
			continue;
		if ((unsigned char)*p >= 0x80 || strchr(recovery_alphabet, c) == NULL ||
		    n == RECOVERY_CHARS) {
			sodium_memzero(out, RECOVERY_CHARS + 1);
			return -1;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	if (n != RECOVERY_CHARS) {
		sodium_memzero(out, RECOVERY_CHARS + 1);
		return -1;
	}
	return 0;
}
