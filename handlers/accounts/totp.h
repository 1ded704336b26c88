/*
 * totp.h — the pure parts of MFA: TOTP codes (RFC 6238 through liboath), the
 * otpauth:// URI an authenticator app reads, and the shape of recovery codes.
 * No database and no request here, so tests/unit/totp_test.c can check them
 * against the RFC's own test vectors. The endpoints live in mfa.c.
 */
#ifndef BH_TOTP_H
#define BH_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct arena;

#define TOTP_SECRET_LEN		20	/* bytes: 160 bits, RFC 4226's advice for SHA-1 */
#define TOTP_B32_LEN		32	/* base32 of 20 bytes, no padding needed */
#define TOTP_DIGITS		6
#define TOTP_STEP_S		30
#define TOTP_WINDOW		1	/* steps of clock drift accepted either way */

#define RECOVERY_CODES		10
#define RECOVERY_CHARS		10	/* 50 bits each */
#define RECOVERY_CODE_LEN	(RECOVERY_CHARS + 1)	/* "xxxxx-xxxxx" */

/* liboath's global set-up, once per process (thread-safe). 0 or -1. */
int totp_init(void) __attribute__((warn_unused_result));

/* Base32 (RFC 4648 alphabet, upper case) of the n-byte secret into out
 * (TOTP_B32_LEN + 1 bytes); n must be TOTP_SECRET_LEN. 0 or -1. */
int totp_base32(char *out, const unsigned char *secret, size_t n)
	__attribute__((warn_unused_result));

/* otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&
 * digits=6&period=30, issuer and account percent-encoded (RFC 3986
 * unreserved characters kept). Arena-owned. */
char *totp_uri(struct arena *a, const char *issuer, const char *account,
    const char *secret_b32);

/* Exactly TOTP_DIGITS ASCII digits. */
bool totp_code_shaped(const char *code);

/* Checks code against the secret at time now, accepting TOTP_WINDOW steps
 * either way. 1 on a match with *step the time step it belongs to (the
 * caller refuses a step it has already accepted: replay), 0 when it matches
 * no step of the window, -1 when liboath fails. Compares in constant time. */
int totp_check(uint64_t *step, const unsigned char *secret, size_t n,
    time_t now, const char *code) __attribute__((warn_unused_result));

/* The code of the given step (TOTP_DIGITS + 1 bytes into out): for tests. */
int totp_code_at(char *out, const unsigned char *secret, size_t n, time_t now)
	__attribute__((warn_unused_result));

/* A fresh random recovery code "xxxxx-xxxxx" (out: RECOVERY_CODE_LEN + 1),
 * from an alphabet without 0/o, 1/l. */
void recovery_code_new(char *out);

/* The recovery code as stored (hashed): lower case, '-' and spaces dropped,
 * into out (RECOVERY_CHARS + 1). 0, or -1 when in is no recovery code. */
int recovery_code_normalise(char *out, const char *in)
	__attribute__((warn_unused_result));

#endif
