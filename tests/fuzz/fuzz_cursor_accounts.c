/*
 * fuzz_cursor_accounts.c — libFuzzer target for the sort-key checks of the
 * accounts handler's own lists, the notifications and the alerts (their
 * static sort_key_ok, in the files included here: the code that ships),
 * fed the first part of a decoded cursor, as both lists feed them.
 *
 * Invariants: the notifications accept exactly the created_at shape the
 * users list asks for (cursor_time_key_ok); the alerts 26 characters of
 * digits and "-: .", never more.
 */
#define sort_key_ok notifications_sort_key_ok
#include "handlers/accounts/notifications.c"
#undef sort_key_ok
#define sort_key_ok alerts_sort_key_ok
#include "handlers/accounts/alerts.c"
#undef sort_key_ok

#include <assert.h>
#include <stdint.h>

#include "cursor_input.h"

static void
try(struct arena *a, const char *cur)
{
	char *parts[2];

	if (cursor_decode(a, cur, parts, 2) != 0)
		return;
	assert(notifications_sort_key_ok(parts[0]) == cursor_time_key_ok(parts[0]));
	if (alerts_sort_key_ok(parts[0]))
		assert(strlen(parts[0]) == 26 &&
		    strspn(parts[0], "0123456789-: .") == 26);
	assert(!alerts_sort_key_ok(NULL) && !notifications_sort_key_ok(NULL));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { NULL };

	cursor_inputs(&a, data, size, try);
	arena_reset(&a);
	return 0;
}
