/*
 * crypto_test.c — lib/crypto.c: key files, field seal/open (tampering, moved
 * ciphertexts, unknown keys, rotation), passwords, tokens, CSRF, blind index.
 *
 * Key files are written by the test into a fresh temporary directory, which
 * it removes again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "crypto.h"
#include "log.h"
#include "tap.h"
#include "valid.h"

static char dir[] = "/tmp/bh-crypto-test-XXXXXX";
static char master1[4096], master12[4096], master2[4096], session_a[4096],
    session_b[4096];
static char key1[65], key2[65];

static void
write_file(char *path, size_t pathsz, const char *name, const char *text)
{
	FILE	*f;

	snprintf(path, pathsz, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	chmod(path, 0600);
}

static void
random_hex(char out[65])
{
	unsigned char	 b[32];

	randombytes_buf(b, sizeof(b));
	crypto_hex(out, b, sizeof(b));
}

/* text is template with each '@' replaced by key1 ("not hex" trims it). */
static void
expand(char *out, size_t sz, const char *template)
{
	size_t	 n = 0;

	for (; *template != '\0' && n + 65 < sz; template++) {
		if (*template == '@') {
			memcpy(out + n, key1, 64);
			n += 64;
		} else
			out[n++] = *template;
	}
	out[n] = '\0';
	/* "zz@": keep it 64 characters long, so only the zz are wrong. */
	if ((template = strstr(out, "zz")) != NULL)
		memmove(out + (template - out) + 2, out + (template - out) + 4,
		    strlen(template + 4) + 1);
}

/* Loads master (may be NULL) with session key file a; stops on failure. */
static void
load(const char *master, const char *session)
{
	if (crypto_keys_load(master, session) != 0) {
		printf("Bail out! cannot load test keys\n");
		exit(2);
	}
}

static void
test_key_files(void)
{
	static const struct {
		const char	*name, *text;
		int		 loads;
	} masters[] = {
		{ "one key", "1 @\n", 1 },
		{ "no final newline", "1 @", 1 },
		{ "CRLF and comment", "# ring\r\n\r\n7 @\r\n", 1 },
		{ "two keys, tab", "3\t@\n200 @\n", 1 },
		{ "id 255", "255 @\n", 1 },
		{ "empty file", "", 0 },
		{ "only a comment", "# nothing\n", 0 },
		{ "id 0", "0 @\n", 0 },
		{ "id 256", "256 @\n", 0 },
		{ "id 99999999999", "99999999999 @\n", 0 },
		{ "id missing", "@\n", 0 },
		{ "negative id", "-1 @\n", 0 },
		{ "duplicate id", "1 @\n1 @\n", 0 },
		{ "short hex", "1 abcdef\n", 0 },
		{ "hex too long", "1 @00\n", 0 },
		{ "not hex", "1 zz@\n", 0 },
		{ "junk after key", "1 @ x\n", 0 },
	};
	char	 text[512], path[4096];
	size_t	 i;

	for (i = 0; i < sizeof(masters) / sizeof(masters[0]); i++) {
		expand(text, sizeof(text), masters[i].text);
		write_file(path, sizeof(path), "master.try", text);
		ok((crypto_keys_load(path, session_a) == 0) == masters[i].loads,
		    "master key file, %s: %s", masters[i].name,
		    masters[i].loads ? "loads" : "refused");
		ok(crypto_has_master() == masters[i].loads,
		    "master key file, %s: crypto_has_master", masters[i].name);
	}

	write_file(path, sizeof(path), "session.try", "");
	ok(crypto_keys_load(NULL, path) == -1, "empty session key file refused");
	snprintf(text, sizeof(text), "%s\n%s\n", key1, key2);
	write_file(path, sizeof(path), "session.try", text);
	ok(crypto_keys_load(NULL, path) == -1, "two session keys refused");
	snprintf(text, sizeof(text), "1 %s\n", key1);
	write_file(path, sizeof(path), "session.try", text);
	ok(crypto_keys_load(NULL, path) == -1, "session key with an id refused");
	ok(crypto_keys_load(NULL, "/nonexistent/session.key") == -1,
	    "missing session key file refused");
	ok(crypto_keys_load(master1, NULL) == -1, "no session key file refused");
	ok(crypto_keys_load(NULL, session_a) == 0 && !crypto_has_master(),
	    "session key alone loads, without master");
}

static void
test_seal_open(void)
{
	struct arena	 a = { NULL };
	unsigned char	*ct, *bad;
	char		*pt;
	size_t		 ctlen, ptlen, i;
	int		 refused = 0;
	const char	*msg = "Mevrouw heeft sinds kort dementie.";

	load(master1, session_a);
	ok(crypto_field_seal(&a, &ct, &ctlen, "requests", "care_situation",
	    "AAAAAAAAAAAAAAAAAAAAAA", msg, strlen(msg)) == 0, "seal");
	ok(ctlen == strlen(msg) + 1 + 24 + 16, "ciphertext is id|nonce|ct|tag");
	ok(crypto_field_key_id(ct, ctlen) == 1, "ciphertext names key 1");
	ok(crypto_field_open(&a, &pt, &ptlen, "requests", "care_situation",
	    "AAAAAAAAAAAAAAAAAAAAAA", ct, ctlen) == 0 &&
	    ptlen == strlen(msg) && strcmp(pt, msg) == 0, "open round trip");

	bad = arena_alloc(&a, ctlen);
	for (i = 0; i < ctlen; i++) {
		memcpy(bad, ct, ctlen);
		bad[i] ^= 0x01;
		if (crypto_field_open(&a, &pt, &ptlen, "requests",
		    "care_situation", "AAAAAAAAAAAAAAAAAAAAAA", bad, ctlen) != 0 &&
		    pt == NULL)
			refused++;
	}
	ok((size_t)refused == ctlen, "every flipped bit refused (%d of %zu)",
	    refused, ctlen);
	ok(crypto_field_open(&a, &pt, &ptlen, "requests", "care_situation",
	    "AAAAAAAAAAAAAAAAAAAAAA", ct, ctlen - 1) != 0,
	    "truncated ciphertext refused");
	ok(crypto_field_open(&a, &pt, &ptlen, "requests", "care_situation",
	    "AAAAAAAAAAAAAAAAAAAAAA", ct, 40) != 0 &&
	    crypto_field_key_id(ct, 40) == -1, "too short ciphertext refused");
	ok(crypto_field_open(&a, &pt, &ptlen, "requests", "care_situation",
	    "BAAAAAAAAAAAAAAAAAAAAA", ct, ctlen) != 0,
	    "ciphertext moved to another row refused");
	ok(crypto_field_open(&a, &pt, &ptlen, "requests", "address",
	    "AAAAAAAAAAAAAAAAAAAAAA", ct, ctlen) != 0,
	    "ciphertext moved to another column refused");
	ok(crypto_field_open(&a, &pt, &ptlen, "users", "care_situation",
	    "AAAAAAAAAAAAAAAAAAAAAA", ct, ctlen) != 0,
	    "ciphertext moved to another table refused");

	memcpy(bad, ct, ctlen);
	bad[0] = 9;
	ok(crypto_field_open(&a, &pt, &ptlen, "requests", "care_situation",
	    "AAAAAAAAAAAAAAAAAAAAAA", bad, ctlen) != 0, "unknown key id refused");

	ok(crypto_field_seal(&a, &ct, &ctlen, "users", "phone", "x", "", 0) == 0 &&
	    crypto_field_open(&a, &pt, &ptlen, "users", "phone", "x", ct,
	    ctlen) == 0 && ptlen == 0 && pt[0] == '\0',
	    "empty plaintext round trip");

	load(NULL, session_a);
	ok(crypto_field_seal(&a, &ct, &ctlen, "users", "phone", "x", "1", 1) == -1,
	    "no sealing without master key");
	arena_reset(&a);
}

static void
test_rotation(void)
{
	struct arena	 a = { NULL };
	unsigned char	*old_ct, *new_ct, bidx1[32], bidx12[32];
	char		*pt;
	size_t		 old_len, new_len, ptlen;

	load(master1, session_a);
	crypto_blind_index(bidx1, "email", "a@example.nl");
	ok(crypto_field_seal(&a, &old_ct, &old_len, "users", "email", "u1",
	    "a@example.nl", 12) == 0, "seal with ring {1}");

	load(master12, session_a);
	ok(crypto_field_seal(&a, &new_ct, &new_len, "users", "email", "u1",
	    "b@example.nl", 12) == 0 && crypto_field_key_id(new_ct, new_len) == 2,
	    "ring {1,2} seals with key 2");
	ok(crypto_field_open(&a, &pt, &ptlen, "users", "email", "u1", old_ct,
	    old_len) == 0 && strcmp(pt, "a@example.nl") == 0,
	    "ring {1,2} opens what key 1 sealed");
	ok(crypto_field_open(&a, &pt, &ptlen, "users", "email", "u1", new_ct,
	    new_len) == 0 && strcmp(pt, "b@example.nl") == 0,
	    "ring {1,2} opens what key 2 sealed");
	crypto_blind_index(bidx12, "email", "a@example.nl");
	ok(memcmp(bidx1, bidx12, 32) == 0,
	    "blind index unchanged when a key is added");

	load(master2, session_a);
	ok(crypto_field_open(&a, &pt, &ptlen, "users", "email", "u1", old_ct,
	    old_len) != 0, "ring {2} cannot open key 1's ciphertext");
	ok(crypto_field_open(&a, &pt, &ptlen, "users", "email", "u1", new_ct,
	    new_len) == 0, "ring {2} opens key 2's ciphertext");

	load(master1, session_a);
	ok(crypto_field_open(&a, &pt, &ptlen, "users", "email", "u1", new_ct,
	    new_len) != 0, "ring {1} refuses a ciphertext of unknown key 2");
	arena_reset(&a);
}

static void
test_passwords(void)
{
	char	 h[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];
	const char *pw = "burenhulp-demo";

	/* The smallest parameters: this tests the plumbing, not Argon2. */
	crypto_password_params(1, 8192);
	ok(crypto_password_hash(h, pw, strlen(pw)) == 0, "hash");
	ok(strncmp(h, "$argon2id$", 10) == 0, "hash is Argon2id");
	ok(crypto_password_verify(h, pw, strlen(pw)) == 0, "right password");
	ok(crypto_password_verify(h, "burenhulp-demO", 14) != 0,
	    "wrong password");
	ok(crypto_password_verify(h, pw, strlen(pw) - 1) != 0,
	    "truncated password");
	ok(crypto_password_verify("not a hash", pw, strlen(pw)) != 0,
	    "garbage hash refused");
	ok(crypto_password_hash(h2, pw, strlen(pw)) == 0 && strcmp(h, h2) != 0,
	    "hashes are salted");
	ok(!crypto_password_needs_rehash(h), "same parameters: no rehash");
	crypto_password_params(2, 8192);
	ok(crypto_password_needs_rehash(h), "more operations: rehash");
	crypto_password_params(1, 16384);
	ok(crypto_password_needs_rehash(h), "more memory: rehash");
	ok(crypto_password_verify(h, pw, strlen(pw)) == 0,
	    "old hash still verifies after a parameter change");
	ok(crypto_password_needs_rehash("$argon2i$nonsense"),
	    "garbage hash needs rehash");
	crypto_password_params(0, 0);
	ok(crypto_password_hash(h, pw, strlen(pw)) == 0,
	    "parameters below the minimum are raised to it");
}

static bool
is_b64url(const char *s, size_t len)
{
	size_t	 i;

	if (strlen(s) != len)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

static void
test_tokens(void)
{
	static const struct {
		const char	*in, *out;
	} b64[] = {
		{ "", "" }, { "f", "Zg" }, { "fo", "Zm8" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg" }, { "fooba", "Zm9vYmE" },
		{ "foobar", "Zm9vYmFy" }, { "\xfb\xff", "-_8" },
	};
	char		 t1[CRYPTO_TOKEN_LEN + 1], t2[CRYPTO_TOKEN_LEN + 1];
	char		 c1[CRYPTO_TOKEN_LEN + 1], c1b[CRYPTO_TOKEN_LEN + 1];
	char		 c2[CRYPTO_TOKEN_LEN + 1], c1k[CRYPTO_TOKEN_LEN + 1];
	char		 id1[CRYPTO_ID_LEN + 1], id2[CRYPTO_ID_LEN + 1];
	char		 out[64];
	unsigned char	 h1[32], h1b[32], h2[32], raw[3] = { 0xde, 0xad, 0x01 };
	size_t		 i, n;

	for (i = 0; i < sizeof(b64) / sizeof(b64[0]); i++) {
		n = crypto_b64url(out, (const unsigned char *)b64[i].in,
		    strlen(b64[i].in));
		ok(n == strlen(b64[i].out) && strcmp(out, b64[i].out) == 0,
		    "base64url of \"%s\" is \"%s\"", b64[i].in, b64[i].out);
	}
	crypto_hex(out, raw, sizeof(raw));
	ok(strcmp(out, "dead01") == 0, "hex");

	load(master1, session_a);
	crypto_token_new(t1);
	crypto_token_new(t2);
	ok(is_b64url(t1, CRYPTO_TOKEN_LEN), "token is 43 base64url characters");
	ok(strcmp(t1, t2) != 0, "tokens differ");
	crypto_id_new(id1);
	crypto_id_new(id2);
	ok(is_b64url(id1, CRYPTO_ID_LEN), "id is 22 base64url characters");
	ok(valid_id(id1) == NULL, "a new id passes valid_id");
	ok(strcmp(id1, id2) != 0, "ids differ");

	crypto_token_hash(h1, t1);
	crypto_token_hash(h1b, t1);
	crypto_token_hash(h2, t2);
	ok(memcmp(h1, h1b, 32) == 0, "token hash is deterministic");
	ok(memcmp(h1, h2, 32) != 0, "token hashes differ across tokens");

	crypto_csrf_token(c1, t1);
	crypto_csrf_token(c1b, t1);
	crypto_csrf_token(c2, t2);
	ok(is_b64url(c1, CRYPTO_TOKEN_LEN), "csrf token is 43 base64url characters");
	ok(strcmp(c1, c1b) == 0, "csrf token deterministic per session token");
	ok(strcmp(c1, c2) != 0, "csrf tokens differ across session tokens");
	ok(strcmp(c1, t1) != 0, "csrf token is not the session token");
	crypto_b64url(out, h1, 32);
	ok(strcmp(c1, out) != 0, "csrf token is not the token hash");

	load(master1, session_b);
	crypto_csrf_token(c1k, t1);
	crypto_token_hash(h1b, t1);
	ok(strcmp(c1, c1k) != 0, "csrf token depends on the session key");
	ok(memcmp(h1, h1b, 32) != 0, "token hash depends on the session key");
}

static void
test_blind_index(void)
{
	unsigned char	 a[32], b[32], c[32], d[32], e[32];

	load(master1, session_a);
	crypto_blind_index(a, "email", "resident@demo.burenhulp.nl");
	crypto_blind_index(b, "email", "resident@demo.burenhulp.nl");
	crypto_blind_index(c, "login", "resident@demo.burenhulp.nl");
	crypto_blind_index(d, "email", "caregiver@demo.burenhulp.nl");
	ok(memcmp(a, b, 32) == 0, "blind index is stable");
	ok(memcmp(a, c, 32) != 0, "blind index separates purposes");
	ok(memcmp(a, d, 32) != 0, "blind index separates values");
	crypto_blind_index(d, "ab", "c");
	crypto_blind_index(e, "a", "bc");
	ok(memcmp(d, e, 32) != 0, "purpose and value cannot slide into each other");
	load(master2, session_a);
	crypto_blind_index(e, "email", "resident@demo.burenhulp.nl");
	ok(memcmp(a, e, 32) != 0, "blind index depends on the master key");
}

int
main(void)
{
	char	 text[256], path[4096];

	log_init("crypto_test");
	if (sodium_init() < 0 || mkdtemp(dir) == NULL) {
		printf("Bail out! no libsodium or temporary directory\n");
		return 2;
	}
	random_hex(key1);
	random_hex(key2);
	snprintf(text, sizeof(text), "1 %s\n", key1);
	write_file(master1, sizeof(master1), "master1.key", text);
	snprintf(text, sizeof(text), "1 %s\n2 %s\n", key1, key2);
	write_file(master12, sizeof(master12), "master12.key", text);
	snprintf(text, sizeof(text), "2 %s\n", key2);
	write_file(master2, sizeof(master2), "master2.key", text);
	snprintf(text, sizeof(text), "%s\n", key1);
	write_file(session_a, sizeof(session_a), "session_a.key", text);
	random_hex(text);
	write_file(session_b, sizeof(session_b), "session_b.key", text);

	test_key_files();
	test_seal_open();
	test_rotation();
	test_passwords();
	test_tokens();
	test_blind_index();
	crypto_keys_free();
	ok(!crypto_has_master(), "keys freed");

	const char *names[] = { "master1.key", "master12.key", "master2.key",
	    "session_a.key", "session_b.key", "master.try", "session.try" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return tap_done();
}
