/*
 * support.h — professional support near a place: the directory entries
 * (organisations) that help with home care, respite care or caregiver
 * support, for the answers that point people there instead of to a
 * volunteer (issue 17: the professional_care warning of a request, the
 * caregiver check).
 *
 * The kinds are categories of the directory (migration 080: `home-care`,
 * `caregiver-support`; 001: `respite`). The items have the shape of
 * GET /organisations items found `near` a postcode (with distance_km).
 * The caller's database user needs SELECT on organisations,
 * organisation_categories and postcodes (sql/grants).
 */
#ifndef BH_SUPPORT_H
#define BH_SUPPORT_H

#include <json-c/json.h>

struct req;

enum support_kind {
	SUPPORT_HOME_CARE	= 1 << 0,	/* category home-care */
	SUPPORT_RESPITE		= 1 << 1,	/* category respite */
	SUPPORT_CAREGIVER	= 1 << 2,	/* category caregiver-support */
	SUPPORT_ALL		= 7,
};

#define SUPPORT_RADIUS_KM	25.0
#define SUPPORT_LIMIT_MAX	20

/* The category id of one kind ("home-care", ...), NULL for anything else. */
const char *support_kind_category(enum support_kind kind);

/* A new JSON array of at most limit (1..SUPPORT_LIMIT_MAX) active
 * organisations within radius_km of (lat, lon) that carry a category of
 * one of kinds (a mask of enum support_kind), nearest first (then by id),
 * each shaped like a GET /organisations?near= item. The caller owns the
 * array. NULL on database failure (logged; answer 500). */
json_object *support_near(struct req *r, double lat, double lon,
    unsigned kinds, double radius_km, int limit)
	__attribute__((warn_unused_result));

/* The same around the centroid of PC4 area pc4 (4 digits, already
 * validated) within SUPPORT_RADIUS_KM; an unknown area gives an empty
 * array. NULL on database failure. */
json_object *support_near_pc4(struct req *r, const char *pc4, unsigned kinds,
    int limit) __attribute__((warn_unused_result));

#endif
