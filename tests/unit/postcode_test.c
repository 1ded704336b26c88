/*
 * postcode_test.c — the service area (lib/postcode.c postcode_in_area):
 * which PC4 areas a site keeps postcodes of (issue 15, defect 7).
 */
#include <stdbool.h>
#include <stddef.h>

#include "postcode.h"
#include "tap.h"

struct area_case {
	const char	*spec, *pc4, *municipality;
	bool		 in;
};

static const struct area_case cases[] = {
	/* No area: the whole country. */
	{ NULL, "9999", "Het Hogeland", true },
	{ "", "1011", "Amsterdam", true },
	{ "  ", "1011", "Amsterdam", true },
	/* A municipality, by name, in any case. */
	{ "Emmen", "7811", "Emmen", true },
	{ "emmen", "7811", "Emmen", true },
	{ "Emmen", "9999", "Het Hogeland", false },
	{ "Emmen", "7811", "Emmenaar", false },
	/* PC4 ranges and single areas, with spaces around items. */
	{ "7800-7899", "7811", "Emmen", true },
	{ "7800-7899", "7900", "Hoogeveen", false },
	{ "7800-7899", "7799", "Coevorden", false },
	{ "7811", "7811", "Emmen", true },
	{ "7811", "7812", "Emmen", false },
	{ "Emmen, 9999 , 4300-4399", "9999", "Het Hogeland", true },
	{ "Emmen, 9999 , 4300-4399", "4331", "Middelburg", true },
	{ "Emmen, 9999 , 4300-4399", "1011", "Amsterdam", false },
	/* Nonsense items hold nothing. */
	{ "78x1", "7811", "Emmen", false },
	{ "7811-", "7811", "Emmen", false },
	{ ",,", "7811", "Emmen", false },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ok(postcode_in_area(cases[i].spec, cases[i].pc4, cases[i].municipality) == cases[i].in,
		    "%s in \"%s\": %s", cases[i].pc4, cases[i].spec != NULL ? cases[i].spec : "(none)",
		    cases[i].in ? "yes" : "no");
	return tap_done();
}
