/*
 * crypto.h — everything secret, through libsodium.
 *
 * Keys: the master key ring is read from a key file (never the database) into
 * sodium_malloc'd memory. Each line of the file is `ID HEX64`; the highest ID
 * seals, any listed ID opens, so keys rotate by appending a line and
 * re-sealing. Per-purpose subkeys are derived with crypto_kdf. A separate
 * session key (every handler has it; only some have the master key) keys the
 * hashes of session tokens and the CSRF tokens.
 *
 * Field ciphertexts: 1 byte key id | 24 byte nonce | XChaCha20-Poly1305 ciphertext+tag,
 * associated data "table.column:row_id" so a ciphertext cannot be moved to
 * another row or column.
 */
#ifndef BH_CRYPTO_H
#define BH_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

#define CRYPTO_TOKEN_LEN	43	/* 32 random bytes, base64url, no padding */
#define CRYPTO_ID_LEN		22	/* 16 random bytes, base64url, no padding */
#define CRYPTO_HASH_LEN		32

/* Loads the key files; master_path may be NULL for programs that must not
 * decrypt. Calls sodium_init. Returns 0, or -1 (logged). */
int crypto_keys_load(const char *master_path, const char *session_path);
void crypto_keys_free(void);
/* True when a master key ring was loaded. */
bool crypto_has_master(void);

/* Password hashing (Argon2id). Parameters default to libsodium's
 * INTERACTIVE limits; crypto_password_params overrides them (config). */
void crypto_password_params(unsigned long long opslimit, size_t memlimit);
/* out must hold crypto_pwhash_STRBYTES (128). 0 or -1 (out of memory). */
int crypto_password_hash(char *out, const char *pw, size_t len)
	__attribute__((warn_unused_result));
/* 0 when pw matches hash, -1 otherwise. */
int crypto_password_verify(const char *hash, const char *pw, size_t len)
	__attribute__((warn_unused_result));
/* True when hash was made with other parameters than the current ones. */
bool crypto_password_needs_rehash(const char *hash);

/* A new random token (out: CRYPTO_TOKEN_LEN + 1 bytes). */
void crypto_token_new(char *out);
/* Keyed BLAKE2b of a token with the session key (out: 32 bytes). */
void crypto_token_hash(unsigned char *out, const char *token);
/* The CSRF token belonging to a session token (out: CRYPTO_TOKEN_LEN + 1). */
void crypto_csrf_token(char *out, const char *session_token);
/* A new opaque id (out: CRYPTO_ID_LEN + 1). */
void crypto_id_new(char *out);

/* Seals pt for (table, column, row_id). *ct is arena-owned. 0 or -1. */
int crypto_field_seal(struct arena *a, unsigned char **ct, size_t *ctlen,
    const char *table, const char *column, const char *row_id,
    const char *pt, size_t ptlen) __attribute__((warn_unused_result));
/* Opens ct; *pt is arena-owned and NUL-terminated. -1 when the ciphertext
 * was tampered with, belongs to another row/column, or its key is unknown. */
int crypto_field_open(struct arena *a, char **pt, size_t *ptlen,
    const char *table, const char *column, const char *row_id,
    const unsigned char *ct, size_t ctlen) __attribute__((warn_unused_result));
/* Key id a ciphertext was sealed with (-1 when too short). */
int crypto_field_key_id(const unsigned char *ct, size_t ctlen);

/* Keyed BLAKE2b of a normalised value for look-ups (e-mail): 32 bytes. */
void crypto_blind_index(unsigned char *out, const char *purpose, const char *value);

/* base64url without padding; out must hold 4*ceil(n/3)+1. Returns length. */
size_t crypto_b64url(char *out, const unsigned char *in, size_t n);
/* Lower-case hex (for logs and ids of hashes); out must hold 2n+1. */
void crypto_hex(char *out, const unsigned char *in, size_t n);

#endif
