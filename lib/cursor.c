/*
 * cursor.c — opaque keyset cursors.
 *
 * A cursor is base64url (no padding) of the text "1\npart0\npart1...": a
 * version, then the sort key of the last item sent, one part per line. It is
 * not secret and not signed: the handler validates each part like any other
 * input (an id is an id, a time a time) before binding it to a statement.
 * Decoding refuses whatever we would not have made ourselves.
 */
#include <assert.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "crypto.h"
#include "cursor.h"

#define CURSOR_VERSION	"1"
#define CURSOR_MAX	512	/* characters of a cursor in a query string */
#define B64URL_ALPHABET	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#define CURSOR_RAW_MAX	(CURSOR_MAX / 4 * 3)

char *
cursor_encode(struct arena *a, const char *const *parts, size_t n)
{
	size_t		 len = strlen(CURSOR_VERSION), i, off;
	char		*raw, *out;

	for (i = 0; i < n; i++) {
		assert(strchr(parts[i], '\n') == NULL);
		len += 1 + strlen(parts[i]);
	}
	raw = arena_alloc(a, len + 1);
	off = strlen(CURSOR_VERSION);
	memcpy(raw, CURSOR_VERSION, off);
	for (i = 0; i < n; i++) {
		raw[off++] = '\n';
		memcpy(raw + off, parts[i], strlen(parts[i]));
		off += strlen(parts[i]);
	}
	out = arena_alloc(a, sodium_base64_ENCODED_LEN(len,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING));
	crypto_b64url(out, (const unsigned char *)raw, len);
	return out;
}

int
cursor_decode(struct arena *a, const char *s, char **parts, size_t n)
{
	unsigned char	 raw[CURSOR_RAW_MAX + 1];
	const char	*p, *end, *nl;
	size_t		 slen, rawlen = 0, i;

	for (i = 0; i < n; i++)
		parts[i] = NULL;
	if (s == NULL || (slen = strlen(s)) == 0 || slen > CURSOR_MAX)
		return -1;
	/* libsodium 1.0.18 decodes some bytes >= 0x80 as if they were base64
	 * characters, so the alphabet is checked here first. */
	if (strspn(s, B64URL_ALPHABET) != slen)
		return -1;
	if (sodium_base642bin(raw, sizeof(raw) - 1, s, slen, NULL, &rawlen,
	    NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return -1;
	if (memchr(raw, '\0', rawlen) != NULL)
		return -1;
	raw[rawlen] = '\0';

	p = (const char *)raw;
	end = p + rawlen;
	if (strncmp(p, CURSOR_VERSION "\n", strlen(CURSOR_VERSION) + 1) != 0 &&
	    !(n == 0 && strcmp(p, CURSOR_VERSION) == 0))
		return -1;
	p += strlen(CURSOR_VERSION);
	for (i = 0; i < n; i++) {
		if (p >= end || *p != '\n')
			return -1;
		p++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		parts[i] = arena_strndup(a, p, (size_t)(nl - p));
		p = nl;
	}
	if (p != end) {
		for (i = 0; i < n; i++)
			parts[i] = NULL;
		return -1;
	}
	return 0;
}

bool
cursor_time_key_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd.dddddd";
	size_t i;

	if (s == NULL || strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return false;
	return true;
}
