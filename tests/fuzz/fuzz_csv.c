/*
 * fuzz_csv.c — libFuzzer target for the CSV reader of `burenhulpctl
 * import-postcodes` (ctl/postcodes.c, included here for its static
 * read_areas, csv_split and trim: the code that ships, not a copy).
 *
 * Invariants: a file that reads holds one area per non-blank line after
 * the header, each with a PC4 of 1000-9999, a place and a municipality of
 * 1-100 characters of text, and coordinates on the globe.
 */
#include "ctl/postcodes.c"

#include <assert.h>
#include <stdint.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	struct import	 im;
	FILE		*f;
	size_t		 i, lines = 0, nonblank = 0;
	const uint8_t	*p, *nl, *end = data + size;
	bool		 blank_line;
	int		 rc;

	if (size == 0 || (f = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	memset(&im, 0, sizeof(im));
	rc = read_areas(&im, &a, f, "fuzz.csv");
	fclose(f);
	if (rc != 0) {
		assert(rc == -1);
		goto done;
	}
	/* Lines after the first that hold more than blanks. */
	for (p = data; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		blank_line = true;
		for (i = 0; p + i < nl && p[i] != '\0'; i++)
			if (strchr(" \t\r", p[i]) == NULL)
				blank_line = false;
		if (lines++ > 0 && !blank_line)
			nonblank++;
	}
	assert(im.n == nonblank);
	for (i = 0; i < im.n; i++) {
		const struct area_row *r = &im.rows[i];

		assert(strlen(r->pc4) == 4 && r->pc4[0] >= '1' &&
		    strspn(r->pc4, "0123456789") == 4);
		assert(valid_text(r->place, strlen(r->place), 1, 100, false) == NULL);
		assert(r->municipality != NULL && valid_text(r->municipality,
		    strlen(r->municipality), 1, 100, false) == NULL);
		assert(r->lat >= -90 && r->lat <= 90 && r->lon >= -180 && r->lon <= 180);
	}
done:
	arena_reset(&a);
	return 0;
}
