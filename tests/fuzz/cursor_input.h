/*
 * cursor_input.h — what the list cursor targets share: the input is tried
 * as it arrives in ?cursor=, and as the cursor that cursor_encode makes of
 * its lines (so the checks after decoding are reached, not only the
 * base64). Header-only: static functions.
 */
#ifndef BH_CURSOR_INPUT_H
#define BH_CURSOR_INPUT_H

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "cursor.h"

/* Calls try(a, cursor) for the raw input and for the encoded lines. */
static inline void
cursor_inputs(struct arena *a, const uint8_t *data, size_t size,
    void (*try)(struct arena *, const char *))
{
	char *s = arena_strndup(a, (const char *)data, size), *p, *nl;
	char *parts[5];
	size_t n;

	try(a, s);
	for (p = s, n = 0; n < 5; n++) {
		nl = strchr(p, '\n');
		parts[n] = arena_strndup(a, p, nl ? (size_t)(nl - p) : strlen(p));
		if (nl == NULL) {
			n++;
			break;
		}
		p = nl + 1;
	}
	try(a, cursor_encode(a, (const char *const *)parts, n));
}

/* A cursor that was accepted as n parts is the one its parts encode to. */
static inline void
cursor_is_canonical(struct arena *a, const char *cur, size_t n)
{
	char *parts[5];

	assert(n <= 5 && cursor_decode(a, cur, parts, n) == 0);
	assert(strcmp(cursor_encode(a, (const char *const *)parts, n), cur) == 0);
}

/* "dddd-dd-dd dd:dd:dd.dddddd", the shape every created_at key has. */
static inline int
cursor_created_shape(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd.dddddd";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return 0;
	return 1;
}

#endif
