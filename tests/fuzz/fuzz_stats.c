/*
 * fuzz_stats.c — libFuzzer target for the period of GET /admin/stats (from
 * and to: parse_day in handlers/admin/stats.c, included here: the code
 * that ships), a date (YYYY-MM-DD) or an RFC 3339 date-time, rounded
 * outward to whole UTC days.
 *
 * Invariants: from and to agree on whether the text is valid (and on the
 * error); a valid one gives midnights, `to` no earlier than `from` and at
 * most a day after it; a date's `from` is its midnight and its `to` the
 * midnight after.
 */
#include "handlers/admin/stats.c"

#include <assert.h>
#include <stdint.h>

static bool
midnight(time_t t)
{
	return ((t % DAY_S) + DAY_S) % DAY_S == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	char		*s = arena_strndup(&a, (const char *)data, size);
	time_t		 from = -1, to = -1, t = -1;
	const char	*cf, *ct;

	cf = parse_day(s, false, &from);
	ct = parse_day(s, true, &to);
	assert((cf == NULL) == (ct == NULL));
	if (cf != NULL)
		assert(strcmp(cf, ct) == 0);
	else {
		assert(midnight(from) && midnight(to));
		assert(to >= from && to - from <= DAY_S);
		if (strlen(s) == 10) {
			assert(valid_time(arena_printf(&a, "%sT00:00:00Z", s), &t) == NULL &&
			    t == from && to == from + DAY_S);
		}
	}
	arena_reset(&a);
	return 0;
}
