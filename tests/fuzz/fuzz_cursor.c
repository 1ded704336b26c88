/*
 * fuzz_cursor.c — libFuzzer target for lib/cursor.c, the parser of the
 * ?cursor= query parameter.
 *
 * A cursor that decodes must be exactly the one cursor_encode makes of its
 * parts (so there is one spelling of each cursor); and any parts, split from
 * the input, must survive an encode/decode round trip. The sort-key check
 * of the match and message lists (sort_key_ok, handlers/matches) takes a
 * decoded key only in the one shape the lists write, as cursor_time_key_ok
 * does for the users list.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cursor.h"
#include "handlers/matches/matches.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	char		*s, *parts[3], *back[3], *enc, *p, *nl;
	size_t		 n, i;

	s = arena_strndup(&a, (const char *)data, size);
	for (n = 0; n <= 3; n++) {
		if (cursor_decode(&a, s, parts, n) != 0)
			continue;
		enc = cursor_encode(&a, (const char *const *)parts, n);
		assert(strcmp(enc, s) == 0);
		if (n >= 1 && sort_key_ok(parts[0]))
			assert(strlen(parts[0]) == 26 &&
			    strspn(parts[0], "0123456789-: .") == 26 &&
			    parts[0][4] == '-' && parts[0][10] == ' ' &&
			    parts[0][19] == '.');
	}

	/* Up to three parts split at newlines of the input. */
	p = s;
	for (n = 0; n < 3; n++) {
		nl = strchr(p, '\n');
		parts[n] = arena_strndup(&a, p, nl ? (size_t)(nl - p) : strlen(p));
		if (nl == NULL) {
			n++;
			break;
		}
		p = nl + 1;
	}
	enc = cursor_encode(&a, (const char *const *)parts, n);
	if (strlen(enc) <= 512) {
		assert(cursor_decode(&a, enc, back, n) == 0);
		for (i = 0; i < n; i++)
			assert(strcmp(back[i], parts[i]) == 0);
		/* The shared time-key check (the users list) and the match
		 * lists' own copy agree. */
		assert(cursor_time_key_ok(back[0]) == sort_key_ok(back[0]));
	} else
		assert(cursor_decode(&a, enc, back, n) == -1);
	arena_reset(&a);
	return 0;
}
