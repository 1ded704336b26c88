/*
 * near.c — the order of a page of radius search; see near.h.
 */
#include <string.h>

#include "db.h"
#include "http.h"
#include "near.h"
#include "stmts.h"

#define AREA_BATCH	32	/* areas one LSTMT_NEAR_AREAS fetches */

/* The walk: the areas within the radius after area (dist, pc4), which has
 * been read, nearest first; of each as many rows as the page still wants.
 * Ends when the page is full or the areas run out; after NEAR_WALK_AREAS
 * areas the box reads the rest. Every batch starts at the last area read
 * (and skips it), so the walk only moves on. */
static int
walk(struct near_search *s, long long dist, const char *pc4)
{
	struct db_param p[13];
	struct db_rows areas;
	const char *prev = pc4, *area;
	size_t i, n, walked = 0;

	for (;;) {
		n = near_centre_params(p, s);
		n += near_box_params(p + n, s);
		p[n++] = DB_INT(s->radius_m);
		p[n++] = DB_INT(dist);
		p[n++] = DB_INT(dist);
		p[n++] = DB_STR(prev);
		p[n++] = DB_INT(AREA_BATCH);
		if (db_exec_lib(s->r->db, s->r->arena, LSTMT_NEAR_AREAS, p, n, &areas) != DB_OK)
			return -1;
		for (i = 0; i < areas.nrows; i++) {
			area = db_str(&areas, i, 0);
			if (strcmp(area, prev) == 0)
				continue;
			if (walked++ == NEAR_WALK_AREAS)	/* the rest, after prev */
				return s->box_after(s, dist, prev, NEAR_AFTER_ALL_IDS,
				    NEAR_BOX_ALL);
			if (s->area(s, area, "") != 0)
				return -1;
			if (s->pg->more)
				return 0;
			prev = area;
			dist = db_int(&areas, i, 1);
		}
		if (areas.nrows < AREA_BATCH)
			return 0;
	}
}

int
near_page(struct near_search *s, long long dist, const char *pc4, const char *id)
{
	int rc;

	if (pc4[0] == '\0') {		/* a first page: the centre's area */
		pc4 = s->pc4;
		dist = 0;
	}
	if (s->area(s, pc4, id) != 0)
		return -1;
	if (s->pg->more)
		return 0;
	rc = s->box_after(s, dist, pc4, NEAR_AFTER_ALL_IDS, NEAR_BOX_EXAMINED);
	return rc == DB_TOO_BIG ? walk(s, dist, pc4) : rc;
}

size_t
near_centre_params(struct db_param *p, const struct near_search *s)
{
	p[0] = DB_DOUBLE(s->lat);
	p[1] = DB_DOUBLE(s->lat);
	p[2] = DB_DOUBLE(s->lon);
	p[3] = DB_STR(s->pc4);
	return 4;
}

size_t
near_box_params(struct db_param *p, const struct near_search *s)
{
	p[0] = DB_DOUBLE(s->box.lat_min);
	p[1] = DB_DOUBLE(s->box.lat_max);
	p[2] = DB_DOUBLE(s->box.lon_min);
	p[3] = DB_DOUBLE(s->box.lon_max);
	return 4;
}

size_t
near_after_params(struct db_param *p, long long dist, const char *pc4,
    const char *id)
{
	p[0] = DB_INT(dist);
	p[1] = DB_INT(dist);
	p[2] = DB_STR(pc4);
	p[3] = DB_STR(pc4);
	p[4] = DB_STR(id);
	return 5;
}
