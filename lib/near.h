/*
 * near.h — radius search over postcode areas, nearest first.
 *
 * Every request and offer lies on its PC4 area's centroid (written so, and
 * moved along by `burenhulpctl import-postcodes`), so the rows nearest a
 * point are the rows of the nearest areas. A list near a postcode sorts on
 * (distance, pc4, id) and reads a page in up to three ways that give that
 * one order (issue 9, docs/performance.md):
 *
 *  1. the rest of the area the page starts in (the centre's, which alone
 *     is at distance 0, or the cursor's), in id order on a (status, ...,
 *     pc4, id) key: in a town that fills the page;
 *  2. else the search box after that area, read and sorted whole, but
 *     with LIMIT ROWS EXAMINED: the exact answer where the box is thin;
 *  3. where it is not (DB_TOO_BIG), the areas within the radius nearest
 *     first (LSTMT_NEAR_AREAS), each read as in 1., until the page is
 *     full; after NEAR_WALK_AREAS areas the box, unbounded, reads the rest
 *     (a wide radius with a rare filter: many areas, few rows in each).
 *
 * The handler owns the statements and the page; this file owns the order
 * in which they run.
 */
#ifndef BH_NEAR_H
#define BH_NEAR_H

#include <stdbool.h>

#include "db.h"
#include "geo.h"
#include "page.h"

struct req;

/* Haversine in SQL, in whole metres, from the centre (lat, lat, lon) to the
 * point of table alias t, the same Earth radius as lib/geo.c; the centre's
 * own area (the fourth parameter, its pc4) alone is at 0, any other at
 * least 1 m. Four parameters: lat, lat, lon, pc4. */
#define NEAR_DISTANCE_M(t) \
	"GREATEST(ROUND(2 * 6371.0088 * ASIN(LEAST(1, SQRT(" \
	"POW(SIN(RADIANS(" t ".lat - ?) / 2), 2) + COS(RADIANS(?)) * COS(RADIANS(" t ".lat)) * " \
	"POW(SIN(RADIANS(" t ".lon - ?) / 2), 2)))) * 1000), " t ".pc4 <> ?)"

/* Rows the first try of the box may examine: about three per row in it
 * (the row, its owner, its area). */
#define NEAR_BOX_EXAMINED	300
#define NEAR_BOX_ALL		1000000000LL
#define NEAR_WALK_AREAS		24

struct near_search {
	struct req	*r;
	double		 lat, lon;	/* the centre */
	const char	*pc4;		/* the centre's area */
	struct geo_box	 box;
	long long	 radius_m;
	struct page	*pg;		/* the page being filled */
	void		*ctx;		/* the handler's */
	/* Reads area pc4's rows after id into the page, as many as it still
	 * wants: 0, or -1 on failure. */
	int		(*area)(struct near_search *s, const char *pc4, const char *id);
	/* Reads the box after (dist, pc4, id), examining at most examined
	 * rows: 0, DB_TOO_BIG (nothing read), or -1 on failure. */
	int		(*box_after)(struct near_search *s, long long dist,
			    const char *pc4, const char *id, long long examined);
};

/* Reads one page after the cursor key (dist, pc4, id); a first page passes
 * -1, "", "". 0, or -1 on failure. */
int near_page(struct near_search *s, long long dist, const char *pc4, const char *id);

/* Parameters the handlers' statements share, written at p; each returns
 * how many: the centre (lat, lat, lon, pc4: NEAR_DISTANCE_M), the box (lat
 * min, lat max, lon min, lon max), and a key to start after (distance x2,
 * pc4 x2, id: "(d > ? OR (d = ? AND (pc4 > ? OR (pc4 = ? AND id > ?))))"). */
size_t near_centre_params(struct db_param *p, const struct near_search *s);
size_t near_box_params(struct db_param *p, const struct near_search *s);
size_t near_after_params(struct db_param *p, long long dist, const char *pc4,
    const char *id);

/* An id after every id (base64url in ascii_bin): an area read to its end. */
#define NEAR_AFTER_ALL_IDS	"~"

#endif
