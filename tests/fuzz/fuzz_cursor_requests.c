/*
 * fuzz_cursor_requests.c — libFuzzer target for the cursors of the request
 * lists (read_cursor in handlers/requests/list.c, included here: the code
 * that ships): "t" (newest first), "d" (near a postcode) and "o" (own).
 *
 * Invariants: an accepted cursor is canonical, of the kind asked for, ends
 * in a valid id; a near cursor holds metres 0-100000000 and a PC4, the
 * others a created_at key of the one shape.
 */
#include "handlers/requests/list.c"

#include <stdlib.h>

#include "cursor_input.h"

static void
try(struct arena *a, const char *cur)
{
	static const char *const kinds[] = { "t", "d", "o" };
	struct list_key	 k;
	struct req	 r;
	size_t		 i;
	long		 m;

	memset(&r, 0, sizeof(r));
	r.arena = a;
	for (i = 0; i < 3; i++) {
		if (!read_cursor(&r, cur, kinds[i], &k))
			continue;
		cursor_is_canonical(a, cur, i == 1 ? 4 : 3);
		assert(valid_id(k.id) == NULL);
		if (i == 1) {
			m = strtol(k.key, NULL, 10);
			assert(m >= 0 && m <= 100000000L);
			assert(strlen(k.pc4) == 4 && k.pc4[0] != '0' &&
			    strspn(k.pc4, "0123456789") == 4);
		} else
			assert(cursor_created_shape(k.key) && k.pc4 == NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { NULL };

	cursor_inputs(&a, data, size, try);
	arena_reset(&a);
	return 0;
}
