/*
 * fuzz_stats.c — libFuzzer target for the period of GET /stats (from and
 * to: parse_when in handlers/admin/stats.c, included here: the code that
 * ships), a date (YYYY-MM-DD) or an RFC 3339 date-time.
 *
 * Invariants: a date is midnight UTC, and as `to` the midnight after it;
 * anything else is what valid_time makes of it.
 */
#include "handlers/admin/stats.c"

#include <assert.h>
#include <stdint.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	char		*s = arena_strndup(&a, (const char *)data, size);
	time_t		 from = -1, to = -1, t = -1;
	const char	*cf, *ct;

	cf = parse_when(s, false, &from);
	ct = parse_when(s, true, &to);
	assert((cf == NULL) == (ct == NULL));
	if (cf == NULL && strlen(s) == 10) {
		assert(from % 86400 == 0 && to == from + 86400);
		assert(valid_time(arena_printf(&a, "%sT00:00:00Z", s), &t) == NULL &&
		    t == from);
	} else if (cf == NULL) {
		assert(from == to && valid_time(s, &t) == NULL && t == from);
	} else
		assert(strcmp(cf, ct) == 0);
	arena_reset(&a);
	return 0;
}
