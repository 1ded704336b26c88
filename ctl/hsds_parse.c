/*
 * hsds_parse.c — reads and checks an HSDS 3.0 export for import-hsds
 * (hsds_parse.h). No database: the categories come in as data, the
 * postcodes are checked by the caller (hsds_import.c) before it writes.
 *
 * What an organization must have, as our directory needs it (docs/hsds.md):
 * id (a UUID), name (1-160 characters), description (1-4000), a location
 * whose first address has a postal_code starting with a Dutch PC4, and at
 * least one service whose taxonomy terms name our categories (at most 12
 * in all). email, website (http or https) and the first phone number are
 * taken when present. Anything else in the file is ignored.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <json-c/json.h>

#include "hsds_parse.h"
#include "json.h"
#include "valid.h"

#define NAME_MAX_CHARS		160
#define DESCRIPTION_MAX_CHARS	4000
#define WEBSITE_MAX		300
#define PHONE_MIN		6
#define PHONE_MAX		40
#define EMAIL_MAX		254
#define ORGS_MAX		100000

struct ctx {
	struct arena		*a;
	const struct hsds_category *cats;
	size_t			 ncats;
	char			*err;
	size_t			 errlen;
	char			 record[96];	/* "organizations[3] (id …)" */
};

static int
fail(struct ctx *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct ctx *c, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (field != NULL)
		snprintf(c->err, c->errlen, "%s: %s: %s", c->record, field, msg);
	else
		snprintf(c->err, c->errlen, "%s: %s", c->record, msg);
	return -1;
}

/* A UUID in 8-4-4-4-12 hex into out, lower-cased; false otherwise. */
static bool
uuid_read(const char *s, char out[HSDS_UUID_LEN + 1])
{
	size_t i;

	if (s == NULL || strlen(s) != HSDS_UUID_LEN)
		return false;
	for (i = 0; i < HSDS_UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i]))
			return false;
		out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[HSDS_UUID_LEN] = '\0';
	return true;
}

/* Member key of o: NULL when absent or null; *bad when present but not of
 * type t. */
static json_object *
member(json_object *o, const char *key, json_type t, bool *bad)
{
	json_object *v = NULL;

	*bad = false;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return NULL;
	if (!json_object_is_type(v, t)) {
		*bad = true;
		return NULL;
	}
	return v;
}

/* The string member key: 0 with *out (arena copy, NULL when absent and
 * optional), -1 after fail(). */
static int
string_member(struct ctx *c, json_object *o, const char *key, bool required,
    long min_chars, long max_chars, bool multiline, const char **out)
{
	json_object *v;
	const char *s, *why;
	bool bad;

	*out = NULL;
	v = member(o, key, json_type_string, &bad);
	if (bad)
		return fail(c, key, "must be a string");
	if (v == NULL) {
		if (required)
			return fail(c, key, "is required");
		return 0;
	}
	s = json_object_get_string(v);
	if (!required && *s == '\0')
		return 0;
	if ((why = valid_text(s, (size_t)json_object_get_string_len(v), min_chars,
	    max_chars, multiline)) != NULL)
		return fail(c, key, "%s (%ld to %ld characters of text)", why,
		    min_chars, max_chars);
	*out = arena_strdup(c->a, s);
	return 0;
}

/* As organisations.c: an absolute http(s) URL without blanks. */
static bool
website_ok(const char *s)
{
	const char *host;
	size_t i;

	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	if (*host == '\0' || *host == '/' || *host == '.')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f || s[i] == '"' ||
		    s[i] == '<' || s[i] == '>' || s[i] == '\\')
			return false;
	return true;
}

static bool
phone_ok(const char *s)
{
	size_t digits = 0;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!(*p == ' ' || *p == '-' || *p == '(' || *p == ')' ||
		    (*p == '+' && p == s)))
			return false;
	}
	return digits >= 6 && digits <= 15;
}

/* The category a taxonomy term names, or NULL. */
static const char *
category_of(struct ctx *c, const char *code, const char *name)
{
	size_t i;

	for (i = 0; code != NULL && i < c->ncats; i++)
		if (strcasecmp(code, c->cats[i].id) == 0)
			return c->cats[i].id;
	for (i = 0; name != NULL && i < c->ncats; i++)
		if (strcasecmp(name, c->cats[i].name_nl) == 0 ||
		    strcasecmp(name, c->cats[i].name_en) == 0)
			return c->cats[i].id;
	return NULL;
}

static int
add_category(struct ctx *c, struct hsds_org_in *org, const char *cat,
    const char *field)
{
	size_t i;

	for (i = 0; i < org->ncategories; i++)
		if (strcmp(org->categories[i], cat) == 0)
			return 0;
	if (org->ncategories == HSDS_MAX_CATEGORIES)
		return fail(c, field, "more than %d categories", HSDS_MAX_CATEGORIES);
	org->categories[org->ncategories++] = cat;
	return 1;	/* new */
}

/* services[]: each with an id and taxonomy terms (in attributes[]) that
 * name our categories. */
static int
read_services(struct ctx *c, json_object *o, struct hsds_org_in *org)
{
	json_object *svcs, *svc, *attrs, *attr, *term, *v;
	char field[128], id[HSDS_UUID_LEN + 1];
	const char *code, *name, *cat;
	size_t i, j, nsvc, terms;
	bool bad, placed;
	int rc;

	svcs = member(o, "services", json_type_array, &bad);
	if (bad)
		return fail(c, "services", "must be an array");
	if (svcs == NULL || json_object_array_length(svcs) == 0)
		return fail(c, "services", "at least one service is required "
		    "(its taxonomy terms are the categories)");
	nsvc = json_object_array_length(svcs);
	if (nsvc > 1000)
		return fail(c, "services", "more than 1000 services");
	org->services = arena_alloc(c->a, nsvc * sizeof(*org->services));
	for (i = 0; i < nsvc; i++) {
		svc = json_object_array_get_idx(svcs, i);
		snprintf(field, sizeof(field), "services[%zu]", i);
		if (!json_object_is_type(svc, json_type_object))
			return fail(c, field, "must be an object");
		snprintf(field, sizeof(field), "services[%zu].id", i);
		v = member(svc, "id", json_type_string, &bad);
		if (v == NULL || !uuid_read(json_object_get_string(v), id))
			return fail(c, field, "a UUID is required");
		for (j = 0; j < org->nservices; j++)
			if (strcmp(org->services[j].id, id) == 0)
				return fail(c, field, "the same id as services[%zu]", j);
		snprintf(field, sizeof(field), "services[%zu].attributes", i);
		attrs = member(svc, "attributes", json_type_array, &bad);
		if (bad)
			return fail(c, field, "must be an array");
		terms = 0;
		placed = false;
		for (j = 0; attrs != NULL && j < json_object_array_length(attrs); j++) {
			attr = json_object_array_get_idx(attrs, j);
			snprintf(field, sizeof(field),
			    "services[%zu].attributes[%zu].taxonomy_term", i, j);
			if (!json_object_is_type(attr, json_type_object))
				return fail(c, field, "the attribute must be an object");
			term = member(attr, "taxonomy_term", json_type_object, &bad);
			if (bad)
				return fail(c, field, "must be an object");
			if (term == NULL)
				continue;	/* an attribute without a term */
			v = member(term, "code", json_type_string, &bad);
			code = v != NULL ? json_object_get_string(v) : NULL;
			v = member(term, "name", json_type_string, &bad);
			name = v != NULL ? json_object_get_string(v) : NULL;
			if (code == NULL && name == NULL)
				return fail(c, field, "a term needs a code or a name");
			if ((cat = category_of(c, code, name)) == NULL)
				return fail(c, field, "no category \"%.60s\" (code or "
				    "name of one of ours)", code != NULL ? code : name);
			terms++;
			if ((rc = add_category(c, org, cat, field)) < 0)
				return -1;
			/* The service's id goes with its first new category
			 * (ours are one service per category). */
			if (rc == 1 && !placed) {
				memcpy(org->services[org->nservices].id, id, sizeof(id));
				org->services[org->nservices].category = cat;
				org->nservices++;
				placed = true;
			}
		}
		if (terms == 0) {
			snprintf(field, sizeof(field), "services[%zu].attributes", i);
			return fail(c, field, "no taxonomy term: a service needs "
			    "one naming a category");
		}
	}
	return 0;
}

/* locations[0].addresses[0].postal_code → pc4; locations[0].id. */
static int
read_location(struct ctx *c, json_object *o, struct hsds_org_in *org)
{
	json_object *locs, *loc, *addrs, *addr, *v;
	const char *pc;
	bool bad;

	locs = member(o, "locations", json_type_array, &bad);
	if (bad)
		return fail(c, "locations", "must be an array");
	if (locs == NULL || json_object_array_length(locs) == 0)
		return fail(c, "locations", "a location with an address is required");
	loc = json_object_array_get_idx(locs, 0);
	if (!json_object_is_type(loc, json_type_object))
		return fail(c, "locations[0]", "must be an object");
	v = member(loc, "id", json_type_string, &bad);
	if (v != NULL && !uuid_read(json_object_get_string(v), org->location_id))
		return fail(c, "locations[0].id", "must be a UUID");
	if (bad)
		return fail(c, "locations[0].id", "must be a UUID");
	addrs = member(loc, "addresses", json_type_array, &bad);
	if (bad)
		return fail(c, "locations[0].addresses", "must be an array");
	if (addrs == NULL || json_object_array_length(addrs) == 0)
		return fail(c, "locations[0].addresses", "an address with a "
		    "postal_code is required");
	addr = json_object_array_get_idx(addrs, 0);
	if (!json_object_is_type(addr, json_type_object))
		return fail(c, "locations[0].addresses[0]", "must be an object");
	v = member(addr, "postal_code", json_type_string, &bad);
	if (v == NULL)
		return fail(c, "locations[0].addresses[0].postal_code",
		    "a Dutch postcode is required");
	pc = json_object_get_string(v);
	/* "7811", "7811AB", "7811 AB": the PC4 is what we keep. */
	if (strlen(pc) > 7 || valid_postcode(pc, org->pc4) != NULL)
		return fail(c, "locations[0].addresses[0].postal_code",
		    "\"%.12s\" is not a Dutch postcode", pc);
	return 0;
}

static int
read_org(struct ctx *c, json_object *o, struct hsds_org_in *org)
{
	json_object *v, *phones, *ph;
	const char *s;
	bool bad;

	v = member(o, "id", json_type_string, &bad);
	if (v == NULL || !uuid_read(json_object_get_string(v), org->id))
		return fail(c, "id", "a UUID is required");
	snprintf(c->record, sizeof(c->record), "organizations[%zu] (id %s)",
	    org->index, org->id);
	if (string_member(c, o, "name", true, 1, NAME_MAX_CHARS, false, &org->name) < 0 ||
	    string_member(c, o, "description", true, 1, DESCRIPTION_MAX_CHARS, true,
	    &org->description) < 0 ||
	    string_member(c, o, "email", false, 3, EMAIL_MAX, false, &org->email) < 0 ||
	    string_member(c, o, "website", false, 1, WEBSITE_MAX, false,
	    &org->website) < 0)
		return -1;
	if (org->email != NULL && valid_email(org->email) != NULL)
		return fail(c, "email", "not an e-mail address");
	if (org->website != NULL && !website_ok(org->website))
		return fail(c, "website", "not an http or https address");
	phones = member(o, "phones", json_type_array, &bad);
	if (bad)
		return fail(c, "phones", "must be an array");
	if (phones != NULL && json_object_array_length(phones) > 0) {
		ph = json_object_array_get_idx(phones, 0);
		if (!json_object_is_type(ph, json_type_object))
			return fail(c, "phones[0]", "must be an object");
		v = member(ph, "number", json_type_string, &bad);
		if (v == NULL)
			return fail(c, "phones[0].number", "is required");
		s = json_object_get_string(v);
		if (strlen(s) < PHONE_MIN || strlen(s) > PHONE_MAX || !phone_ok(s))
			return fail(c, "phones[0].number", "not a telephone number");
		org->phone = arena_strdup(c->a, s);
	}
	if (read_location(c, o, org) < 0 || read_services(c, o, org) < 0)
		return -1;
	return 0;
}

int
hsds_parse(struct hsds_file *out, struct arena *a, const char *text, size_t len,
    const struct hsds_category *cats, size_t ncats, char *err, size_t errlen)
{
	struct ctx c;
	json_object *root, *list = NULL, *o;
	size_t i, j, n;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.cats = cats;
	c.ncats = ncats;
	c.err = err;
	c.errlen = errlen;
	snprintf(c.record, sizeof(c.record), "the file");
	if ((root = json_parse(text, len)) == NULL) {
		snprintf(err, errlen, "the file is not JSON (UTF-8)");
		return -1;
	}
	if (json_object_is_type(root, json_type_array))
		list = root;
	else if (json_object_is_type(root, json_type_object)) {
		if (!json_object_object_get_ex(root, "contents", &list) &&
		    !json_object_object_get_ex(root, "organizations", &list))
			list = NULL;
	}
	if (list == NULL || !json_object_is_type(list, json_type_array)) {
		snprintf(err, errlen, "the file holds no list of organizations "
		    "(an array, or an object with \"contents\" or \"organizations\")");
		goto out;
	}
	n = json_object_array_length(list);
	if (n > ORGS_MAX) {
		snprintf(err, errlen, "more than %d organizations", ORGS_MAX);
		goto out;
	}
	out->orgs = arena_alloc(a, (n > 0 ? n : 1) * sizeof(*out->orgs));
	for (i = 0; i < n; i++) {
		struct hsds_org_in *org = &out->orgs[i];

		memset(org, 0, sizeof(*org));
		org->index = i;
		snprintf(c.record, sizeof(c.record), "organizations[%zu]", i);
		o = json_object_array_get_idx(list, i);
		if (!json_object_is_type(o, json_type_object)) {
			fail(&c, NULL, "must be an object");
			goto out;
		}
		if (read_org(&c, o, org) < 0)
			goto out;
		for (j = 0; j < i; j++) {
			size_t k, m;

			if (strcmp(out->orgs[j].id, org->id) == 0) {
				fail(&c, "id", "the same id as organizations[%zu]", j);
				goto out;
			}
			for (k = 0; k < org->nservices; k++)
				for (m = 0; m < out->orgs[j].nservices; m++)
					if (strcmp(org->services[k].id,
					    out->orgs[j].services[m].id) == 0) {
						fail(&c, "services", "a service has the "
						    "id of one of organizations[%zu]", j);
						goto out;
					}
		}
		out->n++;
	}
	rc = 0;
out:
	json_object_put(root);
	if (rc != 0)
		out->n = 0;
	return rc;
}
