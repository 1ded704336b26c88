/*
 * rank.c — scoring an offer against a request; see rank.h. No database and
 * no allocation here, so the unit test drives it directly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"

#define DAY_S		86400L
#define HOUR_S		3600L

int
rank_slots_parse(struct rank_slot *out, size_t max, const char *text)
{
	const char *p = text;
	char *end;
	long v[3];
	size_t n = 0;
	int i;

	if (text == NULL || *text == '\0')
		return 0;
	for (;;) {
		for (i = 0; i < 3; i++) {
			if (*p < '0' || *p > '9')
				return -1;
			v[i] = strtol(p, &end, 10);
			p = end;
			if (i < 2 && *p++ != (i == 0 ? ':' : '-'))
				return -1;
		}
		if (v[0] > 6 || v[1] > 1440 || v[2] > 1440 || v[1] >= v[2])
			return -1;
		if (n < max) {
			out[n].day = (int)v[0];
			out[n].from_min = (int)v[1];
			out[n].to_min = (int)v[2];
			n++;
		}
		if (*p == '\0')
			return (int)n;
		if (*p++ != ',')
			return -1;
	}
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* 1970-01-01 was a Thursday: day 3 when Monday is 0. */
static int
weekday(long days)
{
	return (int)(((days + 3) % 7 + 7) % 7);
}

/* 01:00 UTC on the last Sunday of month m (31 days long) of year y. */
static long long
last_sunday_0100_utc(long y, long m)
{
	long last = days_from_civil(y, m, 31);

	return (long long)(last - (weekday(last) + 1) % 7) * DAY_S + HOUR_S;
}

long
rank_nl_offset_s(time_t utc)
{
	struct tm tm;
	long long t = (long long)utc;

	gmtime_r(&utc, &tm);
	if (t >= last_sunday_0100_utc(tm.tm_year + 1900L, 3) &&
	    t < last_sunday_0100_utc(tm.tm_year + 1900L, 10))
		return 2 * HOUR_S;
	return HOUR_S;
}

static long long
floor_div(long long a, long long b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

void
rank_nl_local(time_t utc, int *day, int *minute)
{
	long long local = (long long)utc + rank_nl_offset_s(utc);
	long long days = floor_div(local, DAY_S);

	*day = weekday((long)days);
	*minute = (int)((local - days * DAY_S) / 60);
}

int
rank_overlap_day(const struct rank_slot *slots, size_t n, time_t start,
    time_t end)
{
	long long from = (long long)start + rank_nl_offset_s(start);
	long long to = (long long)end + rank_nl_offset_s(end);
	long long day0, d, seg_from, seg_to;
	size_t i;
	int k, wd;

	if (to < from)
		to = from;
	day0 = floor_div(from, DAY_S);
	for (k = 0; k < 7; k++) {
		d = day0 + k;
		if (d * DAY_S > to || (k > 0 && d * DAY_S == to))
			break;
		/* The part of the window on this local day, in minutes. */
		seg_from = (from > d * DAY_S ? from - d * DAY_S : 0) / 60;
		seg_to = (to < (d + 1) * DAY_S ? to - d * DAY_S : DAY_S) / 60;
		wd = weekday((long)d);
		for (i = 0; i < n; i++) {
			if (slots[i].day != wd)
				continue;
			/* A window of no length is a moment inside a slot. */
			if (seg_to == seg_from ?
			    slots[i].from_min <= seg_from && seg_from < slots[i].to_min :
			    slots[i].from_min < seg_to && slots[i].to_min > seg_from)
				return wd;
		}
	}
	return -1;
}

double
rank_score(const struct rank_input *in)
{
	double score = 0.0, closeness;
	long helped = in->helped < 0 ? 0 : in->helped > 5 ? 5 : in->helped;

	if (in->category)
		score += 20.0;
	closeness = in->reach_km > 0.0 ? 1.0 - in->distance_km / in->reach_km : 0.0;
	if (closeness < 0.0)
		closeness = 0.0;
	if (closeness > 1.0)
		closeness = 1.0;
	score += 40.0 * closeness;
	if (!in->has_window || in->nslots == 0)
		score += 15.0;
	else if (in->overlap_day >= 0)
		score += 30.0;
	score += 2.0 * (double)helped;
	return round(score * 10.0) / 10.0;
}

double
rank_vacancy_score(const struct rank_vacancy_input *in)
{
	double score = 0.0, closeness;
	size_t common = in->talents_common > 2 ? 2 : in->talents_common;

	if (in->talents_vacancy == 0)
		score += 10.0;
	else
		score += 20.0 * (double)common;
	closeness = in->reach_km > 0.0 ? 1.0 - in->distance_km / in->reach_km : 0.0;
	if (closeness < 0.0)
		closeness = 0.0;
	if (closeness > 1.0)
		closeness = 1.0;
	score += 30.0 * closeness;
	if (in->category)
		score += 20.0;
	if (!in->needs_vog || in->has_vog)
		score += 10.0;
	return round(score * 10.0) / 10.0;
}
