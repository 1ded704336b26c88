/*
 * postcode.h — PC4 areas: look-up and the public `area` object.
 */
#ifndef BH_POSTCODE_H
#define BH_POSTCODE_H

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

#endif
