/*
 * geo.c — great-circle distances and search boxes on PC4 centroids.
 *
 * Radius search runs in two steps: a bounding box on the indexed lat/lon
 * columns (cheap, over-inclusive), then the exact distance on what the box
 * let through. So the box must never be too small; a little too large only
 * costs a few rows.
 */
#include <math.h>

#include "geo.h"

/* Mean Earth radius (IUGG), in km. */
#define EARTH_RADIUS_KM	6371.0088
#define DEG_TO_RAD	(M_PI / 180.0)
#define RAD_TO_DEG	(180.0 / M_PI)
/* Added on every side so that rounding never leaves a point that lies
 * exactly on the circle outside the box: 1e-7 degrees is about 1 cm. */
#define BOX_MARGIN_DEG	1e-7

double
geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
	double	 dlat = (lat2 - lat1) * DEG_TO_RAD;
	double	 dlon = (lon2 - lon1) * DEG_TO_RAD;
	double	 h;

	/* Haversine: well-conditioned for the short distances we care for. */
	h = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * DEG_TO_RAD) *
	    cos(lat2 * DEG_TO_RAD) * sin(dlon / 2) * sin(dlon / 2);
	if (h > 1.0)
		h = 1.0;
	return 2.0 * EARTH_RADIUS_KM * asin(sqrt(h));
}

/*
 * Latitude: r / (km per degree), the km per degree taken from the same
 * radius as geo_distance_km (111.195 km; the 111.32 km of the equatorial
 * radius would make the box a little too small). Longitude: the exact widest
 * point of the circle, asin(sin(d) / cos(lat)), which lies poleward of the
 * centre and is slightly wider than d / cos(lat). Near a pole, or across
 * the antimeridian, the box takes every longitude.
 */
struct geo_box
geo_box_around(double lat, double lon, double radius_km)
{
	struct geo_box	 b;
	double		 d, dlon, s;

	if (!(radius_km > 0.0))	/* also NaN */
		radius_km = 0.0;
	d = radius_km / EARTH_RADIUS_KM;	/* angular radius, radians */
	b.lat_min = lat - d * RAD_TO_DEG - BOX_MARGIN_DEG;
	b.lat_max = lat + d * RAD_TO_DEG + BOX_MARGIN_DEG;
	b.lon_min = -180.0;
	b.lon_max = 180.0;
	if (b.lat_min <= -90.0 || b.lat_max >= 90.0 || d >= M_PI / 2) {
		b.lat_min = fmax(b.lat_min, -90.0);
		b.lat_max = fmin(b.lat_max, 90.0);
		return b;
	}
	s = sin(d) / cos(lat * DEG_TO_RAD);
	if (s >= 1.0)
		return b;
	dlon = asin(s) * RAD_TO_DEG + BOX_MARGIN_DEG;
	if (lon - dlon < -180.0 || lon + dlon > 180.0)
		return b;
	b.lon_min = lon - dlon;
	b.lon_max = lon + dlon;
	return b;
}
