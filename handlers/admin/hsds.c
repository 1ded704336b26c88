/*
 * hsds.c — the directory in Open Referral HSDS 3.0 (issue 18 part 5):
 * GET /api/hsds/ (which HSDS), /organizations, /organizations/{id},
 * /services and /services/{id} for anyone, so that another sociale-kaart system can read
 * our directory instead of having it typed in twice. docs/hsds.md maps our
 * fields to HSDS's; burenhulpctl import-hsds (ctl/hsds_import.c) reads the
 * same shape back.
 *
 * Only active organisations, and only their public entry (the directory is
 * public by nature): no coordinators, no pending changes. An organisation
 * is an HSDS organization with one location (its PC4 area: centroid and
 * place, never a street address); each of its categories is a service of
 * it, at that location, with the category as a taxonomy term.
 *
 * Ids: the organisation's hsds_id (migration 110) and a service's imported
 * id (migration 111) are stored; every other id is derived from them with
 * hsds_uuid() (SHA-256 of a text naming what it is the id of), so it is
 * the same on every read and after an export is imported elsewhere.
 *
 * Filters are HSDS's and add up (AND): ?search= (name or description
 * contains it) on both lists, ?organization_id= and ?taxonomy_term_id= on
 * services. Paging is HSDS's: ?page= (from 1) and ?per_page= (1-100, default 50),
 * answered with total_items, total_pages, page_number, size, first_page,
 * last_page, empty and contents. Page numbers mean OFFSET: the directory
 * has hundreds of entries, ordered on the (active, name, id) index.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "admin.h"
#include "arena.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"

#define PER_PAGE_DEFAULT	50
#define PER_PAGE_MAX		100
#define PAGE_MAX		100000
#define UUID_LEN		36
#define TAXONOMY_NAME		"Burenhulp categories"

/* Columns of the STMT_HSDS_* statements (HSDS_ORG_COLUMNS, then the
 * services' HSDS_SVC_COLUMNS). */
enum hsds_col {
	HC_ID, HC_HSDS_ID, HC_LOCATION_ID, HC_NAME, HC_DESCRIPTION, HC_PC4,
	HC_PLACE, HC_MUNICIPALITY, HC_LAT, HC_LON, HC_WEBSITE, HC_PHONE,
	HC_EMAIL, HC_UPDATED,
	HC_CATEGORY, HC_CAT_NL, HC_CAT_EN, HC_SERVICE_ID,
};

/* The UUID of "burenhulp:kind:a[:b]" into out (37 bytes): the first 128
 * bits of its SHA-256 with version 8 and variant 8 nibbles, as
 * HSDS_UUID_SQL in stmts.c. */
static void
hsds_uuid(char out[UUID_LEN + 1], const char *kind, const char *a, const char *b)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1], text[256];

	snprintf(text, sizeof(text), "burenhulp:%s:%s%s%s", kind, a,
	    b != NULL ? ":" : "", b != NULL ? b : "");
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, UUID_LEN + 1, "%.8s-%.4s-8%.3s-8%.3s-%.12s",
	    hex, hex + 8, hex + 13, hex + 17, hex + 20);
}

static char *
uuid_of(struct req *r, const char *kind, const char *a, const char *b)
{
	char *out = arena_alloc(r->arena, UUID_LEN + 1);

	hsds_uuid(out, kind, a, b);
	return out;
}

/* Sets key only when s is a non-empty string: HSDS's fields are strings,
 * never null. */
static void
put_opt(json_object *o, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		json_put_str(o, key, s);
}

static const char *
location_id(struct req *r, const struct db_rows *rows, size_t i)
{
	if (!db_is_null(rows, i, HC_LOCATION_ID))
		return db_str(rows, i, HC_LOCATION_ID);
	return uuid_of(r, "location", db_str(rows, i, HC_HSDS_ID), NULL);
}

static const char *
service_id(struct req *r, const struct db_rows *rows, size_t i)
{
	if (!db_is_null(rows, i, HC_SERVICE_ID))
		return db_str(rows, i, HC_SERVICE_ID);
	return uuid_of(r, "service", db_str(rows, i, HC_HSDS_ID),
	    db_str(rows, i, HC_CATEGORY));
}

/* The organisation's one location: its PC4 area. address_1 and
 * state_province are required by HSDS and empty here: we publish the
 * area, never a street address, and keep no province. */
static json_object *
location_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *loc = json_object_new_object(), *addrs = json_object_new_array();
	json_object *addr = json_object_new_object();
	const char *lid = location_id(r, rows, i);

	json_put_str(loc, "id", lid);
	json_put_str(loc, "location_type", "physical");
	json_put_str(loc, "organization_id", db_str(rows, i, HC_HSDS_ID));
	json_put_str(loc, "name", db_str(rows, i, HC_PLACE));
	json_put(loc, "latitude", admin_number(db_double(rows, i, HC_LAT), 6));
	json_put(loc, "longitude", admin_number(db_double(rows, i, HC_LON), 6));
	json_put_str(addr, "id", uuid_of(r, "address", lid, NULL));
	json_put_str(addr, "location_id", lid);
	json_put_str(addr, "address_1", "");
	json_put_str(addr, "city", db_str(rows, i, HC_PLACE));
	json_put_str(addr, "region", db_str(rows, i, HC_MUNICIPALITY));
	json_put_str(addr, "state_province", "");
	json_put_str(addr, "postal_code", db_str(rows, i, HC_PC4));
	json_put_str(addr, "country", "NL");
	json_put_str(addr, "address_type", "physical");
	json_object_array_add(addrs, addr);
	json_put(loc, "addresses", addrs);
	return loc;
}

static json_object *
phones_json(struct req *r, const struct db_rows *rows, size_t i,
    const char *owner_key, const char *owner_id)
{
	json_object *phones = json_object_new_array(), *ph;

	if (!db_is_null(rows, i, HC_PHONE)) {
		ph = json_object_new_object();
		json_put_str(ph, "id", uuid_of(r, "phone", owner_id, NULL));
		json_put_str(ph, owner_key, owner_id);
		json_put_str(ph, "number", db_str(rows, i, HC_PHONE));
		json_object_array_add(phones, ph);
	}
	return phones;
}

/* A category as a term of our one taxonomy: code is the category id (what
 * an import maps back), name the Dutch name, description the English. */
static json_object *
term_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *t = json_object_new_object(), *tax = json_object_new_object();
	const char *tax_id = uuid_of(r, "taxonomy", "categories", NULL);

	json_put_str(t, "id", uuid_of(r, "taxonomy_term", db_str(rows, i, HC_CATEGORY), NULL));
	json_put_str(t, "code", db_str(rows, i, HC_CATEGORY));
	json_put_str(t, "name", db_str(rows, i, HC_CAT_NL));
	json_put_str(t, "description", db_str(rows, i, HC_CAT_EN));
	json_put_str(t, "taxonomy", TAXONOMY_NAME);
	json_put_str(t, "taxonomy_id", tax_id);
	json_put_str(t, "language", "nl");
	json_put_str(tax, "id", tax_id);
	json_put_str(tax, "name", TAXONOMY_NAME);
	json_put_str(tax, "description",
	    "The categories of help of Burenhulp (code: the category id).");
	json_put_str(tax, "version", "1");
	json_put(t, "taxonomy_detail", tax);
	return t;
}

/* The basic fields of an organisation (organization_list.json). */
static json_object *
org_basic_json(const struct db_rows *rows, size_t i)
{
	json_object *o = json_object_new_object();

	json_put_str(o, "id", db_str(rows, i, HC_HSDS_ID));
	json_put_str(o, "name", db_str(rows, i, HC_NAME));
	json_put_str(o, "description", db_str(rows, i, HC_DESCRIPTION));
	put_opt(o, "email", db_str(rows, i, HC_EMAIL));
	put_opt(o, "website", db_str(rows, i, HC_WEBSITE));
	return o;
}

/* The one-to-one fields of a service (service_list.json). */
static json_object *
service_basic_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *s = json_object_new_object();
	char *name;
	size_t n;

	n = strlen(db_str(rows, i, HC_NAME)) + strlen(db_str(rows, i, HC_CAT_NL)) + 4;
	name = arena_alloc(r->arena, n);
	snprintf(name, n, "%s: %s", db_str(rows, i, HC_NAME), db_str(rows, i, HC_CAT_NL));
	json_put_str(s, "id", service_id(r, rows, i));
	json_put_str(s, "organization_id", db_str(rows, i, HC_HSDS_ID));
	json_put_str(s, "name", name);
	json_put_str(s, "description", db_str(rows, i, HC_DESCRIPTION));
	put_opt(s, "url", db_str(rows, i, HC_WEBSITE));
	put_opt(s, "email", db_str(rows, i, HC_EMAIL));
	json_put_str(s, "status", "active");
	json_put_str(s, "last_modified", db_str(rows, i, HC_UPDATED));
	return s;
}

/* A fully nested service; with_org adds the organisation's basic fields
 * (in an organisation's own services array they would repeat it). */
static json_object *
service_json(struct req *r, const struct db_rows *rows, size_t i, bool with_org)
{
	json_object *s = service_basic_json(r, rows, i);
	json_object *sals = json_object_new_array(), *sal = json_object_new_object();
	json_object *attrs = json_object_new_array(), *attr = json_object_new_object();
	json_object *term = term_json(r, rows, i);
	const char *sid = service_id(r, rows, i);

	json_put(s, "phones", phones_json(r, rows, i, "service_id", sid));
	json_put_str(sal, "id", uuid_of(r, "service_at_location", sid, NULL));
	json_put_str(sal, "service_id", sid);
	json_put_str(sal, "location_id", location_id(r, rows, i));
	json_put(sal, "location", location_json(r, rows, i));
	json_object_array_add(sals, sal);
	json_put(s, "service_at_locations", sals);
	json_put_str(attr, "id", uuid_of(r, "attribute", sid,
	    db_str(rows, i, HC_CATEGORY)));
	json_put_str(attr, "link_id", sid);
	json_put_str(attr, "link_type", "service");
	json_put_str(attr, "link_entity", "service");
	json_put_str(attr, "taxonomy_term_id", json_get_str(term, "id"));
	json_put(attr, "taxonomy_term", term);
	json_object_array_add(attrs, attr);
	json_put(s, "attributes", attrs);
	if (with_org)
		json_put(s, "organization", org_basic_json(rows, i));
	return s;
}

/* A fully nested organisation: its phone, its location, its services.
 * NULL after answering 500. */
static json_object *
org_json(struct req *r, const struct db_rows *rows, size_t i)
{
	json_object *o = org_basic_json(rows, i), *locs, *svcs;
	struct db_rows sr;
	size_t j;

	if (db_exec(r->db, r->arena, STMT_HSDS_ORG_SERVICES,
	    DB_PARAMS(DB_STR(db_str(rows, i, HC_ID))), &sr) != DB_OK) {
		json_object_put(o);
		problem_internal(r, "hsds organisation services");
		return NULL;
	}
	json_put(o, "phones", phones_json(r, rows, i, "organization_id",
	    db_str(rows, i, HC_HSDS_ID)));
	locs = json_object_new_array();
	json_object_array_add(locs, location_json(r, rows, i));
	json_put(o, "locations", locs);
	svcs = json_object_new_array();
	for (j = 0; j < sr.nrows; j++)
		json_object_array_add(svcs, service_json(r, &sr, j, false));
	json_put(o, "services", svcs);
	return o;
}

#define SEARCH_MAX_CHARS	200

/* ?page, ?per_page, ?full and ?search (into *pattern, a LIKE pattern, NULL
 * when none); field problems for bad ones. */
static void
read_paging(struct req *r, long *page, long *per_page, bool *full,
    const char **pattern)
{
	const char *s, *code;

	*page = 1;
	*per_page = PER_PAGE_DEFAULT;
	*full = false;
	if ((s = http_query(r, "page")) != NULL &&
	    (code = valid_long(s, 1, PAGE_MAX, page)) != NULL)
		problem_field(r, "page", code, "page is a whole number from 1.");
	if ((s = http_query(r, "per_page")) != NULL &&
	    (code = valid_long(s, 1, PER_PAGE_MAX, per_page)) != NULL)
		problem_field(r, "per_page", code,
		    "per_page is a whole number from 1 to 100.");
	if ((s = http_query(r, "full")) != NULL) {
		if (strcmp(s, "true") == 0)
			*full = true;
		else if (strcmp(s, "false") != 0)
			problem_field(r, "full", "invalid", "full is true or false.");
	}
	*pattern = NULL;
	if ((s = http_query(r, "search")) != NULL) {
		if ((code = valid_text(s, strlen(s), 1, SEARCH_MAX_CHARS, false)) != NULL)
			problem_field(r, "search", code,
			    "search is 1 to 200 characters of text.");
		else
			*pattern = admin_like_pattern(r, s);
	}
}

/* HSDS's page object around contents (taken). */
static json_object *
page_json(long long total, long page, long per_page, json_object *contents)
{
	json_object *body = json_object_new_object();
	long long pages = (total + per_page - 1) / per_page;
	size_t size = json_object_array_length(contents);

	json_put_int(body, "total_items", total);
	json_put_int(body, "total_pages", pages);
	json_put_int(body, "page_number", page);
	json_put_int(body, "size", (long long)size);
	json_put_bool(body, "first_page", page == 1);
	json_put_bool(body, "last_page", page >= pages);
	json_put_bool(body, "empty", size == 0);
	json_put(body, "contents", contents);
	return body;
}

/* GET /api/hsds/: which HSDS this is (REQUIRED by HSDS's API reference).
 * No profile of our own: the profile is HSDS itself, and the API the
 * canonical one (a subset of its endpoints). */
void
hsds_meta(struct req *r)
{
	json_object *body = json_object_new_object();

	json_put_str(body, "version", "3.0");
	json_put_str(body, "profile", "https://docs.openreferral.org/en/latest/hsds/");
	json_put_str(body, "openapi_url",
	    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json");
	http_send_json(r, 200, body);
}

void
hsds_organizations_list(struct req *r)
{
	struct db_rows rows;
	json_object *contents, *o;
	const char *pattern;
	long page, per_page;
	long long total;
	bool full;
	size_t i;

	read_paging(r, &page, &per_page, &full, &pattern);
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	if (db_exec(r->db, r->arena, STMT_HSDS_ORG_COUNT, DB_PARAMS(DB_STR(pattern),
	    DB_STR(pattern), DB_STR(pattern)), &rows) != DB_OK || rows.nrows != 1)
		goto internal;
	total = db_int(&rows, 0, 0);
	if (db_exec(r->db, r->arena, STMT_HSDS_ORG_PAGE, DB_PARAMS(DB_STR(pattern),
	    DB_STR(pattern), DB_STR(pattern), DB_INT(per_page),
	    DB_INT((long long)(page - 1) * per_page)), &rows) != DB_OK)
		goto internal;
	contents = json_object_new_array();
	for (i = 0; i < rows.nrows; i++) {
		if (!full)
			o = org_basic_json(&rows, i);
		else if ((o = org_json(r, &rows, i)) == NULL) {
			json_object_put(contents);
			return;
		}
		json_object_array_add(contents, o);
	}
	http_send_json(r, 200, page_json(total, page, per_page, contents));
	return;
internal:
	problem_internal(r, "hsds organizations");
}

/* The uuid of path parameter id, lower-cased (arena-owned), or NULL when
 * it is not one (the caller answers 404: no such object). */
static char *
path_uuid(struct req *r)
{
	const char *id = http_param(r, "id");
	char *out;
	size_t i;

	if (id == NULL || strlen(id) != UUID_LEN)
		return NULL;
	out = arena_strdup(r->arena, id);
	for (i = 0; i < UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (out[i] != '-')
				return NULL;
		} else if (out[i] >= 'A' && out[i] <= 'F')
			out[i] = (char)(out[i] - 'A' + 'a');
		else if (!((out[i] >= '0' && out[i] <= '9') || (out[i] >= 'a' && out[i] <= 'f')))
			return NULL;
	}
	return out;
}

void
hsds_organization_get(struct req *r)
{
	struct db_rows rows;
	json_object *o;
	char *id = path_uuid(r);

	if (id == NULL)
		goto none;
	if (db_exec(r->db, r->arena, STMT_HSDS_ORG_GET, DB_PARAMS(DB_STR(id)),
	    &rows) != DB_OK) {
		problem_internal(r, "hsds organization");
		return;
	}
	if (rows.nrows != 1)
		goto none;
	if ((o = org_json(r, &rows, 0)) != NULL)
		http_send_json(r, 200, o);
	return;
none:
	problem_send(r, 404, "not_found", "No such organization.");
}

void
hsds_services_list(struct req *r)
{
	const char *org = http_query(r, "organization_id");
	const char *term = http_query(r, "taxonomy_term_id");
	struct db_param p[12];
	struct db_rows rows;
	json_object *contents;
	const char *pattern;
	long page, per_page;
	long long total;
	bool full;
	size_t i, n = 0;

	read_paging(r, &page, &per_page, &full, &pattern);
	if (org != NULL && strlen(org) > UUID_LEN)
		problem_field(r, "organization_id", "invalid", "organization_id is a UUID.");
	if (term != NULL && strlen(term) > UUID_LEN)
		problem_field(r, "taxonomy_term_id", "invalid", "taxonomy_term_id is a UUID.");
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	p[n++] = DB_STR(org);
	p[n++] = DB_STR(org);
	p[n++] = DB_STR(term);
	p[n++] = DB_STR(term);
	p[n++] = DB_STR(pattern);
	p[n++] = DB_STR(pattern);
	p[n++] = DB_STR(pattern);
	if (db_exec(r->db, r->arena, STMT_HSDS_SVC_COUNT, p, n, &rows) != DB_OK ||
	    rows.nrows != 1)
		goto internal;
	total = db_int(&rows, 0, 0);
	p[n++] = DB_INT(per_page);
	p[n++] = DB_INT((long long)(page - 1) * per_page);
	if (db_exec(r->db, r->arena, STMT_HSDS_SVC_PAGE, p, n, &rows) != DB_OK)
		goto internal;
	contents = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(contents, full ? service_json(r, &rows, i, true) :
		    service_basic_json(r, &rows, i));
	http_send_json(r, 200, page_json(total, page, per_page, contents));
	return;
internal:
	problem_internal(r, "hsds services");
}

void
hsds_service_get(struct req *r)
{
	struct db_rows rows;
	char *id = path_uuid(r);

	if (id == NULL)
		goto none;
	if (db_exec(r->db, r->arena, STMT_HSDS_SVC_GET,
	    DB_PARAMS(DB_STR(id), DB_STR(id)), &rows) != DB_OK) {
		problem_internal(r, "hsds service");
		return;
	}
	if (rows.nrows != 1)
		goto none;
	http_send_json(r, 200, service_json(r, &rows, 0, true));
	return;
none:
	problem_send(r, 404, "not_found", "No such service.");
}
