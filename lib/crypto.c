/*
 * crypto.c — every secret operation of Burenhulp, through libsodium only.
 *
 * Lives here: loading the master key ring and the session key, password
 * hashing (Argon2id), random tokens and ids, CSRF tokens, field encryption
 * (XChaCha20-Poly1305 with the row as associated data) and the keyed blind
 * index used to look up encrypted e-mail addresses.
 * Not here: what is encrypted and who may read it (auth.c and the handlers).
 *
 * Key material lives in one sodium_malloc'd block (guard pages, mlock'd where
 * the system allows, wiped by sodium_free) that is made read-only once
 * loaded. The keys are loaded once at start-up, before worker threads exist;
 * afterwards everything here only reads them and is thread-safe.
 *
 * Subkeys: each master key ID derives its own field subkey
 * (crypto_kdf, context "bhfield_"), so rotation needs no change of format.
 * The blind index subkey (context "bhblind_") is derived from the LOWEST key
 * ID in the ring: blind indexes must stay the same when a new key is appended,
 * so the oldest key must stay in the ring for as long as indexes made with it
 * exist.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "arena.h"
#include "crypto.h"
#include "log.h"

#define KEY_LEN		32
#define KEY_ID_MAX	255
#define KEY_FILE_MAX	(64 * 1024)	/* far beyond 255 lines of "ID HEX64" */
#define NONCE_LEN	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN		crypto_aead_xchacha20poly1305_ietf_ABYTES
#define FIELD_OVERHEAD	(1 + NONCE_LEN + TAG_LEN)

#define KDF_CTX_FIELD	"bhfield_"
#define KDF_CTX_BLIND	"bhblind_"
#define KDF_SUBKEY_ID	1

/* Everything secret, in one sodium_malloc'd block. */
struct keyring {
	unsigned char	present[KEY_ID_MAX + 1];
	unsigned char	field[KEY_ID_MAX + 1][KEY_LEN];	/* per master key id */
	unsigned char	blind[KEY_LEN];
	int		seal_id;	/* highest id; 0 when no master key */
	unsigned char	session[KEY_LEN];
};

static struct keyring *ring;

static unsigned long long pw_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t pw_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

/*
 * Reads a whole (small) key file into sodium_malloc'd memory, so that no copy
 * of a key ends up in a stdio buffer. *buf is NUL-terminated; the caller
 * sodium_free()s it. Returns 0 or -1 (logged, without the contents).
 */
static int
read_key_file(char **buf, size_t *len, const char *path)
{
	struct stat	 st;
	char		*b = NULL;
	size_t		 n = 0;
	ssize_t		 got;
	int		 fd, rc = -1;

	*buf = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_error("crypto: cannot open key file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		log_error("crypto: cannot stat key file %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > KEY_FILE_MAX) {
		log_error("crypto: key file %s is not a small regular file", path);
		goto out;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO))
		log_warn("crypto: key file %s is accessible to group or others",
		    path);
	if ((b = sodium_malloc(KEY_FILE_MAX + 1)) == NULL) {
		log_error("crypto: out of secure memory");
		goto out;
	}
	for (;;) {
		got = read(fd, b + n, KEY_FILE_MAX - n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			log_error("crypto: cannot read key file %s: %s", path,
			    strerror(errno));
			goto out;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n == KEY_FILE_MAX) {
			log_error("crypto: key file %s is too large", path);
			goto out;
		}
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
	rc = 0;
out:
	sodium_free(b);	/* accepts NULL, wipes */
	close(fd);
	return rc;
}

/*
 * Parses one line "HEX64" (session key) or "ID HEX64" (master key) at *p,
 * advancing *p past the line. Blank lines and lines starting with '#' give
 * *id == 0 and no key. Returns 0, or -1 when the line is malformed.
 */
static int
parse_key_line(const char **p, const char *end, bool with_id, int *id,
    unsigned char key[KEY_LEN])
{
	const char	*s = *p, *eol, *hex;
	size_t		 binlen = 0, linelen;
	long		 v = 0;

	eol = memchr(s, '\n', (size_t)(end - s));
	if (eol == NULL)
		eol = end;
	*p = eol < end ? eol + 1 : end;
	*id = 0;
	linelen = (size_t)(eol - s);
	while (linelen > 0 && (s[linelen - 1] == '\r' || s[linelen - 1] == ' ' ||
	    s[linelen - 1] == '\t'))
		linelen--;
	if (linelen == 0 || s[0] == '#')
		return 0;

	hex = s;
	if (with_id) {
		while (hex < s + linelen && *hex >= '0' && *hex <= '9' &&
		    v <= KEY_ID_MAX) {
			v = v * 10 + (*hex - '0');
			hex++;
		}
		if (hex == s || v < 1 || v > KEY_ID_MAX || hex >= s + linelen ||
		    (*hex != ' ' && *hex != '\t'))
			return -1;
		while (hex < s + linelen && (*hex == ' ' || *hex == '\t'))
			hex++;
	}
	if ((size_t)(s + linelen - hex) != 2 * KEY_LEN)
		return -1;
	if (sodium_hex2bin(key, KEY_LEN, hex, 2 * KEY_LEN, NULL, &binlen,
	    NULL) != 0 || binlen != KEY_LEN)
		return -1;
	*id = with_id ? (int)v : 1;
	return 0;
}

/* Fills ring->field[] and ring->blind from the master key file. */
static int
load_master(const char *path)
{
	char		*buf = NULL;
	const char	*p, *end;
	unsigned char	*key = NULL;
	size_t		 len, lineno = 0;
	int		 id, lowest = 0, rc = -1;

	if (read_key_file(&buf, &len, path) == -1)
		return -1;
	if ((key = sodium_malloc(KEY_LEN)) == NULL) {
		log_error("crypto: out of secure memory");
		goto out;
	}
	p = buf;
	end = buf + len;
	while (p < end) {
		lineno++;
		if (parse_key_line(&p, end, true, &id, key) == -1) {
			log_error("crypto: %s line %zu: expected \"ID HEX64\" "
			    "with ID 1..255", path, lineno);
			goto out;
		}
		if (id == 0)
			continue;
		if (ring->present[id]) {
			log_error("crypto: %s line %zu: key id %d given twice",
			    path, lineno, id);
			goto out;
		}
		if (crypto_kdf_derive_from_key(ring->field[id], KEY_LEN,
		    KDF_SUBKEY_ID, KDF_CTX_FIELD, key) != 0) {
			log_error("crypto: key derivation failed");
			goto out;
		}
		if (lowest == 0 || id < lowest) {
			lowest = id;
			if (crypto_kdf_derive_from_key(ring->blind, KEY_LEN,
			    KDF_SUBKEY_ID, KDF_CTX_BLIND, key) != 0) {
				log_error("crypto: key derivation failed");
				goto out;
			}
		}
		ring->present[id] = 1;
		if (id > ring->seal_id)
			ring->seal_id = id;
	}
	if (ring->seal_id == 0) {
		log_error("crypto: %s holds no key", path);
		goto out;
	}
	rc = 0;
out:
	sodium_free(key);
	sodium_free(buf);
	return rc;
}

static int
load_session(const char *path)
{
	char		*buf = NULL;
	const char	*p, *end;
	size_t		 len;
	int		 id, keys = 0, rc = -1;

	if (read_key_file(&buf, &len, path) == -1)
		return -1;
	p = buf;
	end = buf + len;
	while (p < end) {
		if (parse_key_line(&p, end, false, &id, ring->session) == -1 ||
		    (id != 0 && ++keys > 1)) {
			log_error("crypto: %s must hold one line of 64 hex digits",
			    path);
			goto out;
		}
	}
	if (keys != 1) {
		log_error("crypto: %s holds no key", path);
		goto out;
	}
	rc = 0;
out:
	sodium_free(buf);
	return rc;
}

int
crypto_keys_load(const char *master_path, const char *session_path)
{
	if (sodium_init() < 0) {
		log_error("crypto: sodium_init failed");
		return -1;
	}
	crypto_keys_free();
	if ((ring = sodium_malloc(sizeof(*ring))) == NULL) {
		log_error("crypto: out of secure memory");
		return -1;
	}
	sodium_memzero(ring, sizeof(*ring));
	if (master_path != NULL && load_master(master_path) == -1)
		goto fail;
	/* Every program keys session hashes and CSRF tokens. */
	if (session_path == NULL) {
		log_error("crypto: no session key file given");
		goto fail;
	}
	if (load_session(session_path) == -1)
		goto fail;
	if (sodium_mprotect_readonly(ring) != 0) {
		log_error("crypto: cannot protect key memory");
		goto fail;
	}
	return 0;
fail:
	crypto_keys_free();
	return -1;
}

void
crypto_keys_free(void)
{
	/* sodium_free makes the block writable again and wipes it. */
	sodium_free(ring);
	ring = NULL;
}

bool
crypto_has_master(void)
{
	return ring != NULL && ring->seal_id != 0;
}

/* Called where a key is an invariant of the program's configuration (the
 * function cannot report failure): using it without one is a bug. */
static void
need(bool have, const char *what)
{
	if (!have) {
		log_error("crypto: %s used without its key loaded", what);
		abort();
	}
}

/* ---------------------------------------------------------------- passwords */

void
crypto_password_params(unsigned long long opslimit, size_t memlimit)
{
	if (opslimit < crypto_pwhash_OPSLIMIT_MIN)
		opslimit = crypto_pwhash_OPSLIMIT_MIN;
	if (opslimit > crypto_pwhash_OPSLIMIT_MAX)
		opslimit = crypto_pwhash_OPSLIMIT_MAX;
	if (memlimit < crypto_pwhash_MEMLIMIT_MIN)
		memlimit = crypto_pwhash_MEMLIMIT_MIN;
	if (memlimit > crypto_pwhash_MEMLIMIT_MAX)
		memlimit = crypto_pwhash_MEMLIMIT_MAX;
	pw_opslimit = opslimit;
	pw_memlimit = memlimit;
}

int
crypto_password_hash(char *out, const char *pw, size_t len)
{
	if (crypto_pwhash_str(out, pw, len, pw_opslimit, pw_memlimit) != 0) {
		log_error("crypto: password hashing failed (out of memory?)");
		return -1;
	}
	return 0;
}

int
crypto_password_verify(const char *hash, const char *pw, size_t len)
{
	/* A hash not terminated within the string size is not ours. */
	if (hash == NULL || memchr(hash, '\0', crypto_pwhash_STRBYTES) == NULL)
		return -1;
	return crypto_pwhash_str_verify(hash, pw, len) == 0 ? 0 : -1;
}

bool
crypto_password_needs_rehash(const char *hash)
{
	if (hash == NULL || memchr(hash, '\0', crypto_pwhash_STRBYTES) == NULL)
		return true;
	/* 1: other parameters, -1: not an Argon2id string at all. */
	return crypto_pwhash_str_needs_rehash(hash, pw_opslimit,
	    pw_memlimit) != 0;
}

/* ---------------------------------------------------------- tokens and ids */

size_t
crypto_b64url(char *out, const unsigned char *in, size_t n)
{
	const size_t	 max = sodium_base64_ENCODED_LEN(n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);

	if (sodium_bin2base64(out, max, in, n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) == NULL)
		abort();	/* only on a too-small buffer: a bug */
	return strlen(out);
}

void
crypto_hex(char *out, const unsigned char *in, size_t n)
{
	if (sodium_bin2hex(out, 2 * n + 1, in, n) == NULL)
		abort();
}

void
crypto_token_new(char *out)
{
	unsigned char	 b[32];

	randombytes_buf(b, sizeof(b));
	crypto_b64url(out, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

void
crypto_id_new(char *out)
{
	unsigned char	 b[16];

	randombytes_buf(b, sizeof(b));
	crypto_b64url(out, b, sizeof(b));
}

void
crypto_token_hash(unsigned char *out, const char *token)
{
	need(ring != NULL, "crypto_token_hash");
	if (crypto_generichash(out, CRYPTO_HASH_LEN,
	    (const unsigned char *)token, strlen(token),
	    ring->session, KEY_LEN) != 0)
		abort();
}

void
crypto_csrf_token(char *out, const char *session_token)
{
	crypto_generichash_state	 st;
	unsigned char			 h[32];

	need(ring != NULL, "crypto_csrf_token");
	if (crypto_generichash_init(&st, ring->session, KEY_LEN,
	    sizeof(h)) != 0 ||
	    crypto_generichash_update(&st, (const unsigned char *)"csrf:", 5) != 0 ||
	    crypto_generichash_update(&st, (const unsigned char *)session_token,
	    strlen(session_token)) != 0 ||
	    crypto_generichash_final(&st, h, sizeof(h)) != 0)
		abort();
	crypto_b64url(out, h, sizeof(h));
	sodium_memzero(&st, sizeof(st));
	sodium_memzero(h, sizeof(h));
}

void
crypto_blind_index(unsigned char *out, const char *purpose, const char *value)
{
	crypto_generichash_state	 st;

	need(crypto_has_master(), "crypto_blind_index");
	/* The NUL after purpose keeps ("ab", "c") apart from ("a", "bc"). */
	if (crypto_generichash_init(&st, ring->blind, KEY_LEN,
	    CRYPTO_HASH_LEN) != 0 ||
	    crypto_generichash_update(&st, (const unsigned char *)purpose,
	    strlen(purpose) + 1) != 0 ||
	    crypto_generichash_update(&st, (const unsigned char *)value,
	    strlen(value)) != 0 ||
	    crypto_generichash_final(&st, out, CRYPTO_HASH_LEN) != 0)
		abort();
	sodium_memzero(&st, sizeof(st));
}

/* ------------------------------------------------------- field encryption */

/* "table.column:row_id", arena-owned. table and column are names from the
 * program, never input, so they cannot smuggle in the separators. */
static char *
field_ad(struct arena *a, const char *table, const char *column,
    const char *row_id)
{
	assert(strpbrk(table, ".:") == NULL);
	assert(strpbrk(column, ".:") == NULL);
	return arena_printf(a, "%s.%s:%s", table, column, row_id);
}

int
crypto_field_seal(struct arena *a, unsigned char **ct, size_t *ctlen,
    const char *table, const char *column, const char *row_id,
    const char *pt, size_t ptlen)
{
	unsigned char		*out;
	unsigned long long	 clen = 0;
	const char		*ad;
	int			 id;

	*ct = NULL;
	*ctlen = 0;
	if (!crypto_has_master()) {
		log_error("crypto: sealing needs the master key");
		return -1;
	}
	if (ptlen > SIZE_MAX - FIELD_OVERHEAD - 1)
		return -1;
	id = ring->seal_id;
	ad = field_ad(a, table, column, row_id);
	out = arena_alloc(a, ptlen + FIELD_OVERHEAD);
	out[0] = (unsigned char)id;
	randombytes_buf(out + 1, NONCE_LEN);
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(out + 1 + NONCE_LEN,
	    &clen, (const unsigned char *)pt, ptlen,
	    (const unsigned char *)ad, strlen(ad), NULL, out + 1,
	    ring->field[id]) != 0 || clen != ptlen + TAG_LEN) {
		log_error("crypto: sealing failed");
		return -1;
	}
	*ct = out;
	*ctlen = ptlen + FIELD_OVERHEAD;
	return 0;
}

int
crypto_field_open(struct arena *a, char **pt, size_t *ptlen,
    const char *table, const char *column, const char *row_id,
    const unsigned char *ct, size_t ctlen)
{
	unsigned char		*out;
	unsigned long long	 mlen = 0;
	const char		*ad;
	int			 id;

	*pt = NULL;
	*ptlen = 0;
	if (!crypto_has_master()) {
		log_error("crypto: opening needs the master key");
		return -1;
	}
	if ((id = crypto_field_key_id(ct, ctlen)) == -1 ||
	    ctlen < FIELD_OVERHEAD || !ring->present[id])
		return -1;
	ad = field_ad(a, table, column, row_id);
	/* +1: room for the NUL that makes the plaintext a C string. */
	out = arena_alloc(a, ctlen - FIELD_OVERHEAD + 1);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &mlen, NULL,
	    ct + 1 + NONCE_LEN, ctlen - 1 - NONCE_LEN,
	    (const unsigned char *)ad, strlen(ad), ct + 1,
	    ring->field[id]) != 0) {
		sodium_memzero(out, ctlen - FIELD_OVERHEAD + 1);
		return -1;
	}
	out[mlen] = '\0';
	*pt = (char *)out;
	*ptlen = (size_t)mlen;
	return 0;
}

int
crypto_field_key_id(const unsigned char *ct, size_t ctlen)
{
	if (ct == NULL || ctlen < FIELD_OVERHEAD)
		return -1;
	return ct[0];
}
