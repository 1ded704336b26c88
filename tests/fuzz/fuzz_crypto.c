/*
 * fuzz_crypto.c — libFuzzer target for the sealed-field envelope,
 * crypto_field_open (lib/crypto.c): what comes back from a sealed column
 * (key id, nonce, XChaCha20-Poly1305 ciphertext and tag), with a master key
 * ring of two keys and a session key loaded from temporary key files by
 * crypto_keys_load, as every program loads them.
 *
 * Invariants: the input as a ciphertext never opens (and leaves *pt NULL);
 * the input sealed as plaintext opens to itself under the newest key, and
 * not for another row or column, nor with any one byte changed.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "crypto.h"

static void
write_file(char *path, const char *text)
{
	int fd = mkstemp(path);

	assert(fd >= 0);
	assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char master[] = "/tmp/fuzz_crypto_master.XXXXXX";
	char session[] = "/tmp/fuzz_crypto_session.XXXXXX";

	write_file(master,
	    "1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
	    "2 202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\n");
	write_file(session,
	    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\n");
	assert(crypto_keys_load(master, session) == 0);
	unlink(master);
	unlink(session);
	assert(crypto_has_master());
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	const char	*row = "AAAAAAAAAAAAAAAAAAAAAA";
	unsigned char	*ct, *bad;
	char		*pt = (char *)"unset";
	size_t		 ctlen, ptlen = 1, at;

	/* Bytes from outside are no ciphertext of ours. */
	assert(crypto_field_open(&a, &pt, &ptlen, "users", "phone_ct", row,
	    data, size) == -1);
	assert(pt == NULL && ptlen == 0);
	if (size >= 1)
		assert(crypto_field_key_id(data, size) == -1 ||
		    crypto_field_key_id(data, size) == data[0]);

	/* The input as plaintext: a round trip, bound to its place. */
	assert(crypto_field_seal(&a, &ct, &ctlen, "users", "phone_ct", row,
	    (const char *)data, size) == 0);
	assert(crypto_field_key_id(ct, ctlen) == 2);
	assert(crypto_field_open(&a, &pt, &ptlen, "users", "phone_ct", row,
	    ct, ctlen) == 0);
	assert(ptlen == size && memcmp(pt, data, size) == 0 && pt[size] == '\0');
	assert(crypto_field_open(&a, &pt, &ptlen, "users", "email_ct", row,
	    ct, ctlen) == -1);
	assert(crypto_field_open(&a, &pt, &ptlen, "users", "phone_ct",
	    "BAAAAAAAAAAAAAAAAAAAAA", ct, ctlen) == -1);
	bad = arena_alloc(&a, ctlen);
	memcpy(bad, ct, ctlen);
	at = size > 0 ? data[0] % ctlen : 0;
	bad[at] ^= 1;
	assert(crypto_field_open(&a, &pt, &ptlen, "users", "phone_ct", row,
	    bad, ctlen) == -1);
	assert(crypto_field_open(&a, &pt, &ptlen, "users", "phone_ct", row,
	    ct, ctlen - 1) == -1);
	arena_reset(&a);
	return 0;
}
