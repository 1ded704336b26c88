/*
 * fuzz_postcode_area.c — libFuzzer target for postcode_in_area
 * (lib/postcode.c), which reads the config's service_area spec
 * ("Emmen, 7800-7899, 9401") for every postcode that is kept.
 *
 * Input: a PC4 line (4 digits, as the postcodes table gives it; "7811"
 * when it is not), a municipality line, then the spec. Invariants: a blank
 * spec is the whole country; a list holds an area exactly when one of its
 * non-blank items alone does; adding the area's own PC4 or (plain) name as
 * an item always makes it hold.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "postcode.h"

static char *
next_line(char **p)
{
	char *s = *p, *nl = strchr(s, '\n');

	if (nl != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else
		*p = s + strlen(s);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	char		*text, *p, *pc4, *muni, *spec, *item, *end;
	bool		 in, any = false, blank;
	size_t		 n;

	p = text = arena_strndup(&a, (const char *)data, size);
	pc4 = next_line(&p);
	if (strlen(pc4) != 4 || strspn(pc4, "0123456789") != 4 || pc4[0] == '0')
		pc4 = (char *)"7811";
	muni = next_line(&p);
	spec = p;

	in = postcode_in_area(spec, pc4, muni);
	blank = strspn(spec, " \t") == strlen(spec);
	if (blank)
		assert(in);
	assert(postcode_in_area(NULL, pc4, muni));

	/* Item by item. */
	for (item = spec; !blank; item = end + 1) {
		end = item + strcspn(item, ",");
		n = (size_t)(end - item);
		item = arena_strndup(&a, item, n);
		if (strspn(item, " \t") != n && postcode_in_area(item, pc4, muni))
			any = true;
		if (*end == '\0')
			break;
	}
	if (!blank)
		assert(in == any);

	assert(postcode_in_area(arena_printf(&a, "%s,%s", spec, pc4), pc4, muni));
	if (*muni != '\0' && strlen(muni) < 100 && strchr(muni, ',') == NULL &&
	    strchr(" \t0123456789", muni[0]) == NULL &&
	    strchr(" \t", muni[strlen(muni) - 1]) == NULL)
		assert(postcode_in_area(arena_printf(&a, "%s, %s", spec, muni),
		    pc4, muni));
	arena_reset(&a);
	return 0;
}
