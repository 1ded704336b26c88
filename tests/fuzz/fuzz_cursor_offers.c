/*
 * fuzz_cursor_offers.c — libFuzzer target for the cursors of the offer
 * lists (read_cursor in handlers/offers/list.c, included here: the code
 * that ships), fed through ?cursor= as the handler reads it: by time
 * (created_at key, id) or near a postcode (metres, PC4, id).
 *
 * Invariants: an accepted cursor is canonical, ends in a valid id, and
 * holds a created_at key of the one shape, or 1-9 digits of metres and a
 * PC4; a refused one answers 400 and nothing else.
 */
#include "handlers/offers/list.c"

#include "cursor_input.h"
#include "fake_fcgi.h"

static void
try(struct arena *a, const char *cur)
{
	struct fake_fcgi f;
	struct req	 r;
	char		*after[3];
	int		 near;

	for (near = 0; near <= 1; near++) {
		fake_fcgi_init(&f);
		memset(&r, 0, sizeof(r));
		r.arena = a;
		r.fcgi = &f.req;
		r.query = arena_printf(a, "cursor=%s&near=7811AB", cur);
		if (!read_cursor(&r, near, after)) {
			assert(r.sent && r.status == 400);
			continue;
		}
		assert(!r.sent);
		if (after[0] == NULL)	/* no cursor: the first page */
			continue;
		cursor_is_canonical(a, http_query(&r, "cursor"), near ? 3 : 2);
		assert(valid_id(after[near ? 2 : 1]) == NULL);
		if (near)
			assert(strlen(after[0]) >= 1 && strlen(after[0]) <= 9 &&
			    strspn(after[0], "0123456789") == strlen(after[0]) &&
			    strlen(after[1]) == 4 && after[1][0] != '0');
		else
			assert(cursor_created_shape(after[0]));
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
