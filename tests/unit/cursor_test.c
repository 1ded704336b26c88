/*
 * cursor_test.c — lib/cursor.c: round trips, and every kind of mangled
 * cursor refused (a bad cursor must be a 400, never a crash or a scan).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "crypto.h"
#include "cursor.h"
#include "tap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* base64url of n raw bytes, arena-owned: for hand-made cursors. */
static char *
b64(struct arena *a, const char *raw, size_t n)
{
	char	*out = arena_alloc(a, 4 * (n / 3 + 1) + 1);

	crypto_b64url(out, (const unsigned char *)raw, n);
	return out;
}

/* The users list took any decoded cursor to SQL, where a non-ASCII id
 * met an ascii column: a MariaDB error and a 500 (found by fuzz_cursor).
 * Its key must now have the shape the lists write. */
static void
users_cursor_checks_its_parts(void)
{
	static const char *const good[] = {
		"2026-11-23 10:00:00.000000", "0000-00-00 00:00:00.000000",
	};
	static const char *const bad[] = {
		"", "2026-11-23 10:00:00.000", "2026-11-23T10:00:00.000000",
		"2026-11-23 10:00:00.00000\xc3\xa9", "2026-11-23 10:00:00.0000000",
		"x026-11-23 10:00:00.000000", "2026-11-23 10:00:00,000000",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ok(cursor_time_key_ok(good[i]), "time key accepted: %s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!cursor_time_key_ok(bad[i]), "time key refused: %s", bad[i]);
	ok(!cursor_time_key_ok(NULL), "time key refused: NULL");
}

int
main(void)
{
	static const struct {
		const char	*name, *raw;
		size_t		 len;
	} bad_raw[] = {
		{ "too few parts", "1\n2026-11-23 10:00:00.000", 0 },
		{ "too many parts", "1\na\nb\nc", 0 },
		{ "wrong version", "2\na\nb", 0 },
		{ "no version", "a\nb", 0 },
		{ "version only", "1", 0 },
		{ "empty", "", 0 },
		{ "embedded NUL", "1\na\0x\nb", 8 },
		{ "trailing newline", "1\na\nb\n", 0 },
		{ "version with junk", "1x\na\nb", 0 },
	};
	static const char *const bad_text[] = {
		"", "!!!!", "MQ==", "MQpYCmI=", "MQpYCmI.", "MQpY Cmi",
		"MQpY+mI", "MQpY/mI", "MQpYCm\xc3\xa9", "M", "MQpYCmJ",
	};
	struct arena	 a = { NULL };
	const char	*two[] = { "2026-11-23 10:00:00.000", "AAAAAAAAAAAAAAAAAAAAAA" };
	const char	*three[] = { "12.345", "", "x y\tz\xc3\xa9" };
	char		*parts[3], *c, big[600];
	size_t		 i;

	c = cursor_encode(&a, two, 2);
	ok(c != NULL && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == strlen(c), "cursor is base64url text");
	ok(cursor_decode(&a, c, parts, 2) == 0 && strcmp(parts[0], two[0]) == 0 &&
	    strcmp(parts[1], two[1]) == 0, "two parts round trip");
	ok(cursor_decode(&a, c, parts, 1) == -1 && parts[0] == NULL,
	    "asking for one part of two fails, leaves no parts");
	ok(cursor_decode(&a, c, parts, 3) == -1, "asking for three parts of two fails");

	c = cursor_encode(&a, three, 3);
	ok(cursor_decode(&a, c, parts, 3) == 0 && strcmp(parts[0], three[0]) == 0 &&
	    strcmp(parts[1], "") == 0 && strcmp(parts[2], three[2]) == 0,
	    "three parts with an empty one round trip");
	c = cursor_encode(&a, NULL, 0);
	ok(cursor_decode(&a, c, parts, 0) == 0, "zero parts round trip");

	ok(cursor_decode(&a, b64(&a, "1\na\nb", 5), parts, 2) == 0,
	    "hand-made cursor decodes");
	for (i = 0; i < N(bad_raw); i++) {
		c = b64(&a, bad_raw[i].raw, bad_raw[i].len ? bad_raw[i].len :
		    strlen(bad_raw[i].raw));
		ok(cursor_decode(&a, c, parts, 2) == -1, "refused: %s", bad_raw[i].name);
	}
	for (i = 0; i < N(bad_text); i++)
		ok(cursor_decode(&a, bad_text[i], parts, 2) == -1,
		    "refused: bad base64url case %zu", i);
	ok(cursor_decode(&a, NULL, parts, 2) == -1, "refused: NULL");

	/* 512 characters is the most a cursor may be. */
	memset(big, 'x', sizeof(big));
	big[0] = '1';
	big[1] = '\n';
	big[100] = '\n';
	c = b64(&a, big, 384);
	ok(strlen(c) == 512 && cursor_decode(&a, c, parts, 2) == 0,
	    "512-character cursor accepted");
	c = b64(&a, big, 385);
	ok(strlen(c) > 512 && cursor_decode(&a, c, parts, 2) == -1,
	    "overlong cursor refused");
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ok(cursor_decode(&a, big, parts, 2) == -1, "599 characters refused");

	users_cursor_checks_its_parts();
	arena_reset(&a);
	return tap_done();
}
