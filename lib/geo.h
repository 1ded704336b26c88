/*
 * geo.h — distances and bounding boxes on PC4 centroids.
 */
#ifndef BH_GEO_H
#define BH_GEO_H

struct geo_box {
	double	lat_min, lat_max, lon_min, lon_max;
};

/* Great-circle distance in km between two points (degrees). */
double geo_distance_km(double lat1, double lon1, double lat2, double lon2);
/* The box that holds every point within radius_km of (lat, lon); searched on
 * the indexed lat/lon columns, then filtered on the exact distance. */
struct geo_box geo_box_around(double lat, double lon, double radius_km);

#endif
