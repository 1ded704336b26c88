/*
 * geo_test.c — lib/geo.c: known distances, and the search box really holds
 * every point within the radius (it is only a pre-filter on the index, so a
 * box that is too small would silently drop results).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "geo.h"
#include "tap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define R_KM	6371.0088

/* The point at distance d_km and bearing b (degrees) from (lat, lon). */
static void
destination(double lat, double lon, double d_km, double b, double *lat2,
    double *lon2)
{
	double	 p1 = lat * M_PI / 180, l1 = lon * M_PI / 180;
	double	 th = b * M_PI / 180, dr = d_km / R_KM, p2;

	p2 = asin(sin(p1) * cos(dr) + cos(p1) * sin(dr) * cos(th));
	*lat2 = p2 * 180 / M_PI;
	*lon2 = (l1 + atan2(sin(th) * sin(dr) * cos(p1),
	    cos(dr) - sin(p1) * sin(p2))) * 180 / M_PI;
}

static bool
inside(const struct geo_box *b, double lat, double lon)
{
	return lat >= b->lat_min && lat <= b->lat_max &&
	    lon >= b->lon_min && lon <= b->lon_max;
}

int
main(void)
{
	static const struct {
		const char	*name;
		double		 lat1, lon1, lat2, lon2, km, tolerance;
	} distances[] = {
		{ "same point", 52.78, 6.90, 52.78, 6.90, 0.0, 1e-9 },
		{ "Emmen - Amsterdam", 52.7792, 6.9069, 52.3676, 4.9041, 143.0, 2.0 },
		{ "one degree of latitude", 52.0, 5.0, 53.0, 5.0, 111.195, 0.01 },
		{ "one degree of longitude at the equator", 0.0, 5.0, 0.0, 6.0,
		    111.195, 0.01 },
		{ "one degree of longitude at 60N", 60.0, 5.0, 60.0, 6.0, 55.59, 0.02 },
		{ "antipodes", 0.0, 0.0, 0.0, 180.0, M_PI * R_KM, 0.01 },
		{ "pole to pole", 90.0, 0.0, -90.0, 0.0, M_PI * R_KM, 0.01 },
	};
	static const struct {
		double	 lat, lon;
	} centres[] = {
		{ 52.7792, 6.9069 },	/* Emmen */
		{ 53.47, 6.2 },		/* Schiermonnikoog, far north */
		{ 50.76, 5.86 },	/* Vaals, far south */
		{ 0.0, 0.0 },
		{ -33.9, 151.2 },
		{ 70.0, 25.0 },
	};
	static const double radii[] = { 0.5, 1, 5, 10, 25, 50, 100, 250 };
	struct geo_box	 b;
	double		 lat, lon, d;
	size_t		 i, j, k;
	int		 outside, bearings;

	for (i = 0; i < N(distances); i++) {
		d = geo_distance_km(distances[i].lat1, distances[i].lon1,
		    distances[i].lat2, distances[i].lon2);
		ok(fabs(d - distances[i].km) <= distances[i].tolerance,
		    "distance %s: %.3f km (want %.3f)", distances[i].name, d,
		    distances[i].km);
	}
	d = geo_distance_km(52.0, 5.0, 53.0, 6.0);
	ok(d == geo_distance_km(53.0, 6.0, 52.0, 5.0), "distance is symmetric");

	for (i = 0; i < N(centres); i++) {
		for (j = 0; j < N(radii); j++) {
			b = geo_box_around(centres[i].lat, centres[i].lon, radii[j]);
			outside = bearings = 0;
			/* The circle at the radius and a little inside it. */
			for (k = 0; k < 720; k++, bearings++) {
				destination(centres[i].lat, centres[i].lon,
				    radii[j] * (k % 2 ? 0.999 : 1.0), k * 0.5,
				    &lat, &lon);
				if (!inside(&b, lat, lon))
					outside++;
			}
			ok(outside == 0 && inside(&b, centres[i].lat, centres[i].lon),
			    "box around (%.2f, %.2f) r=%.1f km holds all %d points "
			    "on its circle", centres[i].lat, centres[i].lon,
			    radii[j], bearings);
			/* ...and is not needlessly large (a few % at most). */
			destination(centres[i].lat, centres[i].lon, radii[j] * 1.05,
			    0, &lat, &lon);
			ok(!inside(&b, lat, lon), "box r=%.1f km excludes a point "
			    "5%% beyond, due north", radii[j]);
		}
	}

	b = geo_box_around(52.78, 6.9, 10);
	ok(fabs((b.lat_max - b.lat_min) / 2 - 10 / 111.195) < 1e-3,
	    "latitude half-height is r / 111.195 km");
	ok(fabs((b.lon_max - b.lon_min) / 2 - 10 / (111.195 * cos(52.78 * M_PI / 180)))
	    < 1e-3, "longitude half-width is about r / (111.195 cos lat)");
	b = geo_box_around(89.99, 0, 10);
	ok(b.lon_min == -180 && b.lon_max == 180 && b.lat_max == 90,
	    "near the pole the box takes every longitude");
	b = geo_box_around(0, 179.99, 10);
	ok(b.lon_min == -180 && b.lon_max == 180,
	    "across the antimeridian the box takes every longitude");
	b = geo_box_around(52.78, 6.9, -5);
	ok(inside(&b, 52.78, 6.9) && b.lat_max - b.lat_min < 1e-6 &&
	    b.lon_max - b.lon_min < 1e-6, "negative radius is treated as 0");
	b = geo_box_around(52.78, 6.9, NAN);
	ok(inside(&b, 52.78, 6.9) && b.lat_max - b.lat_min < 1e-6 &&
	    b.lon_max - b.lon_min < 1e-6, "NaN radius is treated as 0");
	return tap_done();
}
