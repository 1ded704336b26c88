/*
 * postcode.h — PC4 areas: look-up and the public `area` object.
 */
#ifndef BH_POSTCODE_H
#define BH_POSTCODE_H

#include <stdbool.h>

#include <json-c/json.h>

struct req;

struct area {
	char		 pc4[5];
	const char	*place;		/* arena-owned */
	const char	*municipality;
	double		 lat, lon;
};

/* Looks up pc4 (4 digits). 0 found, 1 unknown, -1 database failure. */
int postcode_lookup(struct req *r, const char *pc4, struct area *out)
	__attribute__((warn_unused_result));
/* {pc4, place, municipality} */
json_object *postcode_area_json(const struct area *a);
/* Validates a raw postcode field value and looks it up; on a bad or unknown
 * value adds a field problem (invalid / unknown_postcode) and returns 1.
 * 0 found, -1 database failure. */
int postcode_resolve(struct req *r, const char *field, const char *raw,
    struct area *out) __attribute__((warn_unused_result));

/* The same for a postcode that is kept (an account, a post, an alert): it
 * must also lie in the site's service area (config `service_area`, see
 * postcode_in_area), else a field problem outside_service_area and 1. */
int postcode_resolve_served(struct req *r, const char *field, const char *raw,
    struct area *out) __attribute__((warn_unused_result));

/* True when PC4 area pc4 of municipality lies in spec: items separated by
 * commas, each a PC4 range "7800-7899", one PC4 "7811", or a municipality's
 * name ("Emmen", any case). An empty or absent spec is the whole country.
 * Searches near a postcode are not limited: they find what is there. */
bool postcode_in_area(const char *spec, const char *pc4, const char *municipality);

#endif
