/*
 * fuzz_cursor_organisations.c — libFuzzer target for the cursors of the
 * admin lists: read_cursor of handlers/admin/organisations.c (included
 * here: the code that ships), by name ("n") or distance ("d"), and
 * admin_cursor (handlers/admin/util.c) with the checks of the audit log
 * (admin_digits_ok), the queue and the reports (admin_sortkey_ok), fed the
 * cursor through ?cursor= as the handler reads it.
 *
 * Invariants: an accepted cursor is canonical and of its kind, its last
 * part a valid id (one-part audit cursors: digits); a name is 1-160
 * characters of text, a distance 0-100000000; a refused admin_cursor
 * answers 400 and leaves every part NULL.
 */
#include "handlers/admin/organisations.c"

#include <stdlib.h>

#include "cursor_input.h"
#include "fake_fcgi.h"

static void
try(struct arena *a, const char *cur)
{
	static const char *const kinds[] = { "n", "d" };
	struct fake_fcgi f;
	struct req	 r;
	char		*key, *id, *parts[2];
	size_t		 i;

	memset(&r, 0, sizeof(r));
	r.arena = a;
	for (i = 0; i < 2; i++) {
		if (!read_cursor(&r, cur, kinds[i], &key, &id))
			continue;
		cursor_is_canonical(a, cur, 3);
		assert(valid_id(id) == NULL);
		if (i == 0)
			assert(valid_text(key, strlen(key), 1, 160, false) == NULL);
		else
			assert(strtol(key, NULL, 10) >= 0 &&
			    strtol(key, NULL, 10) <= 100000000L);
	}

	for (i = 1; i <= 2; i++) {
		fake_fcgi_init(&f);
		memset(&r, 0, sizeof(r));
		r.arena = a;
		r.fcgi = &f.req;
		r.query = arena_printf(a, "limit=5&cursor=%s", cur);
		if (admin_cursor(&r, parts, i, i == 1 ? admin_digits_ok :
		    admin_sortkey_ok) == 0) {
			assert(!r.sent);
			if (http_query(&r, "cursor") == NULL)
				continue;
			cursor_is_canonical(a, http_query(&r, "cursor"), i);
			if (i == 1)
				assert(admin_digits_ok(parts[0]));
			else
				assert(cursor_created_shape(parts[0]) &&
				    valid_id(parts[1]) == NULL);
		} else {
			assert(r.sent && r.status == 400);
			assert(parts[0] == NULL && (i == 1 || parts[1] == NULL));
		}
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
