/*
 * hsds_parse_test.c — ctl/hsds_parse.c, the reader of `burenhulpctl
 * import-hsds`: a good HSDS organization becomes our entry (UUIDs lower
 * case, the PC4 of its postal code, taxonomy terms mapped to categories by
 * code or by Dutch or English name, one service id per category); every bad
 * one is refused with a message naming the record and the field.
 */
#include <string.h>

#include "arena.h"
#include "hsds_parse.h"
#include "tap.h"

static const struct hsds_category cats[] = {
	{ "shopping", "Boodschappen", "Shopping" },
	{ "company", "Gezelschap", "Company" },
	{ "respite", "Respijtzorg", "Respite care" },
};
#define NCATS (sizeof(cats) / sizeof(cats[0]))

#define ORG_ID	"D9D5E0F5-D3CE-4F73-9A2F-4DD0ECC6C610"
#define SVC_A	"5f1e8c7a-2b6d-4e3f-9a1b-0c2d3e4f5a6b"
#define SVC_B	"6f1e8c7a-2b6d-4e3f-9a1b-0c2d3e4f5a6b"
/* A good organization with FIELD after its members (the last one wins). */
#define ORG(field) "{" "\"id\": \"" ORG_ID "\", \"name\": \"Steunpunt\", " \
	"\"description\": \"Advies.\\nOok thuis.\", \"email\": \"a@b.nl\", " \
	"\"website\": \"https://example.org/\", \"phones\": [{\"number\": \"0591 123 456\"}], " \
	"\"locations\": [{\"id\": \"cd09a387-91f4-4555-94ec-e799c35344cd\", " \
	"\"addresses\": [{\"postal_code\": \"7811 AB\"}]}], \"services\": [" \
	"{\"id\": \"" SVC_A "\", \"attributes\": [{\"taxonomy_term\": {\"code\": \"respite\"}}, " \
	"{\"taxonomy_term\": {\"name\": \"gezelschap\"}}]}, " \
	"{\"id\": \"" SVC_B "\", \"attributes\": [{\"taxonomy_term\": {\"name\": \"Shopping\"}}]}]" field "}"

static const struct {
	const char	*text, *error;	/* error: NULL when it must read */
} cases[] = {
	{ "[" ORG("") "]", NULL },
	{ "{\"contents\": [" ORG("") "]}", NULL },
	{ "{\"organizations\": []}", NULL },
	{ "[" ORG(", \"name\": 3") "]", "organizations[0] (id d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610): name: must be a string" },
	{ "[" ORG(", \"name\": \"\"") "]", ": name: " },
	{ "[" ORG(", \"id\": \"x\"") "]", "organizations[0]: id: a UUID is required" },
	{ "[" ORG(", \"email\": \"nope\"") "]", ": email: not an e-mail address" },
	{ "[" ORG(", \"website\": \"ftp://x\"") "]", ": website: not an http or https address" },
	{ "[" ORG(", \"phones\": [{\"number\": \"bel\"}]") "]", ": phones[0].number: not a telephone number" },
	{ "[" ORG(", \"locations\": []") "]", ": locations: a location with an address is required" },
	{ "[" ORG(", \"locations\": [{\"addresses\": [{\"postal_code\": \"0123\"}]}]") "]",
	  ": locations[0].addresses[0].postal_code: \"0123\" is not a Dutch postcode" },
	{ "[" ORG(", \"services\": []") "]", ": services: at least one service is required" },
	{ "[" ORG(", \"services\": [{\"id\": \"" SVC_A "\", \"attributes\": [{\"taxonomy_term\": {\"code\": \"juggling\"}}]}]") "]",
	  ": services[0].attributes[0].taxonomy_term: no category \"juggling\"" },
	{ "[" ORG(", \"services\": [{\"id\": \"" SVC_A "\"}]") "]", ": services[0].attributes: no taxonomy term" },
	{ "[" ORG(", \"services\": [{\"id\": \"x\"}]") "]", ": services[0].id: a UUID is required" },
	{ "[" ORG("") ", " ORG("") "]", "organizations[1] (id d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610): id: the same id as organizations[0]" },
	{ "[1]", "organizations[0]: must be an object" },
	{ "{\"x\": 1}", "no list of organizations" },
	{ "[", "not JSON" },
};

int
main(void)
{
	struct arena a = { NULL };
	struct hsds_file f;
	char err[512];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		rc = hsds_parse(&f, &a, cases[i].text, strlen(cases[i].text), cats, NCATS,
		    err, sizeof(err));
		if (cases[i].error == NULL)
			ok(rc == 0, "case %zu reads (%s)", i, err);
		else
			ok(rc == -1 && strstr(err, cases[i].error) != NULL && f.n == 0,
			    "case %zu refused: \"%s\" names \"%s\"", i, err, cases[i].error);
	}

	rc = hsds_parse(&f, &a, "[" ORG("") "]", strlen("[" ORG("") "]"), cats, NCATS, err, sizeof(err));
	ok(rc == 0 && f.n == 1, "one organisation");
	ok(strcmp(f.orgs[0].id, "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610") == 0, "its id in lower case: %s", f.orgs[0].id);
	ok(strcmp(f.orgs[0].pc4, "7811") == 0, "the PC4 of 7811 AB");
	ok(strcmp(f.orgs[0].location_id, "cd09a387-91f4-4555-94ec-e799c35344cd") == 0, "the location id");
	ok(strcmp(f.orgs[0].phone, "0591 123 456") == 0 && strcmp(f.orgs[0].email, "a@b.nl") == 0,
	    "phone and e-mail");
	ok(f.orgs[0].ncategories == 3 && strcmp(f.orgs[0].categories[0], "respite") == 0 &&
	    strcmp(f.orgs[0].categories[1], "company") == 0 &&
	    strcmp(f.orgs[0].categories[2], "shopping") == 0,
	    "categories by code, by Dutch name in any case, by English name");
	ok(f.orgs[0].nservices == 2 && strcmp(f.orgs[0].services[0].id, SVC_A) == 0 &&
	    strcmp(f.orgs[0].services[0].category, "respite") == 0 &&
	    strcmp(f.orgs[0].services[1].category, "shopping") == 0,
	    "a service's id goes with its first category");
	arena_reset(&a);
	return tap_done();
}
