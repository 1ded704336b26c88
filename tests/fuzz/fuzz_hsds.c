/*
 * fuzz_hsds.c — libFuzzer target for the reader of `burenhulpctl
 * import-hsds` (ctl/hsds_parse.c, included here: the code that ships, not
 * a copy), which checks an HSDS 3.0 export before anything is written.
 * The categories are the seeded ones of migration 001, as data.
 *
 * Invariants: a file that reads holds organisations each with a lower-case
 * UUID (distinct), a name of 1-160 and a description of 1-4000 characters
 * of text, a PC4 of 1000-9999, 1-12 distinct known categories and at most
 * one service id per category, each a known category of the organisation
 * and distinct across the file; a file that does not read says why, in a
 * message that names the record when it is about one.
 */
#include "ctl/hsds_parse.c"

#include <assert.h>
#include <stdint.h>

static const struct hsds_category cats[] = {
	{ "shopping", "Boodschappen", "Shopping" },
	{ "transport", "Vervoer", "Transport" },
	{ "company", "Gezelschap", "Company" },
	{ "odd-jobs", "Klusjes in huis", "Odd jobs" },
	{ "respite", "Respijtzorg", "Respite care" },
};
#define NCATS (sizeof(cats) / sizeof(cats[0]))

static bool
known(const char *id)
{
	size_t i;

	for (i = 0; i < NCATS; i++)
		if (id == cats[i].id)
			return true;
	return false;
}

static bool
lower_uuid(const char *s)
{
	size_t i;

	if (strlen(s) != HSDS_UUID_LEN)
		return false;
	for (i = 0; i < HSDS_UUID_LEN; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-' :
		    strchr("0123456789abcdef", s[i]) == NULL || s[i] == '\0')
			return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	struct hsds_file file;
	char		 err[512];
	size_t		 i, j, k, m;
	int		 rc;

	err[0] = '\0';
	rc = hsds_parse(&file, &a, (const char *)data, size, cats, NCATS, err,
	    sizeof(err));
	if (rc != 0) {
		assert(rc == -1 && err[0] != '\0' && file.n == 0);
		goto done;
	}
	for (i = 0; i < file.n; i++) {
		const struct hsds_org_in *o = &file.orgs[i];

		assert(o->index == i && lower_uuid(o->id));
		assert(o->location_id[0] == '\0' || lower_uuid(o->location_id));
		assert(valid_text(o->name, strlen(o->name), 1, 160, false) == NULL);
		assert(valid_text(o->description, strlen(o->description), 1, 4000,
		    true) == NULL);
		assert(strlen(o->pc4) == 4 && o->pc4[0] >= '1' &&
		    strspn(o->pc4, "0123456789") == 4);
		assert(o->ncategories >= 1 && o->ncategories <= HSDS_MAX_CATEGORIES);
		assert(o->nservices >= 1 && o->nservices <= o->ncategories);
		for (j = 0; j < o->ncategories; j++) {
			assert(known(o->categories[j]));
			for (k = 0; k < j; k++)
				assert(o->categories[k] != o->categories[j]);
		}
		for (j = 0; j < o->nservices; j++) {
			bool ofit = false;

			assert(lower_uuid(o->services[j].id));
			for (k = 0; k < o->ncategories; k++)
				ofit |= o->categories[k] == o->services[j].category;
			assert(ofit);
			for (k = 0; k < j; k++)
				assert(o->services[k].category != o->services[j].category);
			for (k = 0; k < i; k++)
				for (m = 0; m < file.orgs[k].nservices; m++)
					assert(strcmp(file.orgs[k].services[m].id,
					    o->services[j].id) != 0);
		}
		for (k = 0; k < i; k++)
			assert(strcmp(file.orgs[k].id, o->id) != 0);
	}
done:
	arena_reset(&a);
	return 0;
}
