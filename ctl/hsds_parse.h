/*
 * hsds_parse.h — the pure half of `burenhulpctl import-hsds`: reads an
 * Open Referral HSDS 3.0 export (JSON) into organisations as our directory
 * holds them, checking every record, without a database. The categories
 * the taxonomy terms map to are handed in (the caller reads them first),
 * so tests/fuzz/fuzz_hsds.c can call it as the command does.
 */
#ifndef BH_HSDS_PARSE_H
#define BH_HSDS_PARSE_H

#include <stddef.h>

#include "arena.h"

#define HSDS_UUID_LEN		36
#define HSDS_MAX_CATEGORIES	12	/* as POST /organisations */

/* One of our categories: what a taxonomy term may name (code = id, or
 * name = name_nl or name_en, ignoring case). */
struct hsds_category {
	const char	*id, *name_nl, *name_en;
};

/* A service of an organisation: its HSDS id and the category it maps to. */
struct hsds_service_in {
	char		 id[HSDS_UUID_LEN + 1];
	const char	*category;	/* one of the hsds_category ids */
};

/* One organisation of the file, checked. Strings are arena-owned; the
 * optional ones are NULL when absent. */
struct hsds_org_in {
	size_t		 index;		/* its place in the file, for messages */
	char		 id[HSDS_UUID_LEN + 1];			/* lower case */
	char		 location_id[HSDS_UUID_LEN + 1];	/* "" when none */
	char		 pc4[5];
	const char	*name, *description, *email, *website, *phone;
	const char	*categories[HSDS_MAX_CATEGORIES];	/* distinct */
	size_t		 ncategories;
	struct hsds_service_in *services;	/* one per category at most */
	size_t		 nservices;
};

struct hsds_file {
	struct hsds_org_in	*orgs;
	size_t			 n;
};

/* Parses and checks text (len bytes): a JSON array of HSDS organizations,
 * or an object whose "contents" (an HSDS page) or "organizations" is that
 * array, each organization fully nested (services with their taxonomy
 * terms, locations with an address). Fills out (arena-owned). Returns 0,
 * or -1 with err (errlen bytes) naming the record and the field:
 * `organizations[2] (id …): services[0].attributes[1].taxonomy_term:
 * no category "x"`. */
int hsds_parse(struct hsds_file *out, struct arena *a, const char *text,
    size_t len, const struct hsds_category *cats, size_t ncats, char *err,
    size_t errlen)
	__attribute__((warn_unused_result));

#endif
