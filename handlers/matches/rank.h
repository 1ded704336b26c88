/*
 * rank.h — how well an offer fits a request: pure functions, no database,
 * no request (tested on their own in tests/unit/rank_test.c).
 *
 * The candidates come from SQL over an index (a bounding box on lat/lon,
 * status, category); these functions score each candidate:
 *
 *   category  20  the offer covers the request's category
 *   distance  40  × (1 − d / reach), reach = min(offer radius, the maximum)
 *   time      30  an availability slot overlaps the request's window;
 *                 15 when either side says nothing (no window, no slots);
 *                  0 when both speak and nothing overlaps
 *   record    10  2 per completed match, at most 5 counted
 *
 * so a near, fitting, available volunteer with a record scores close to
 * 100, and a volunteer who cannot come at that time loses 30.
 */
#ifndef BH_RANK_H
#define BH_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define RANK_SLOTS_MAX	64

/* One weekly availability slot: day 0 = Monday .. 6 = Sunday, minutes since
 * local midnight, from < to. */
struct rank_slot {
	int	day, from_min, to_min;
};

/* Parses "day:from-to,day:from-to" (GROUP_CONCAT of offer_slots) into out
 * (at most max). NULL or "" is no slots. Returns the number of slots, or -1
 * when the text is malformed. */
int rank_slots_parse(struct rank_slot *out, size_t max, const char *text);

/* Seconds to add to a UTC time for the local time of the Netherlands
 * (Europe/Amsterdam: CET, CEST from the last Sunday of March 01:00 UTC to
 * the last Sunday of October 01:00 UTC). */
long rank_nl_offset_s(time_t utc);
/* Local day (0 = Monday) and minute of the day of a UTC time. */
void rank_nl_local(time_t utc, int *day, int *minute);

/* The first local day (0 = Monday) of the window [start, end] (UTC) on
 * which one of the slots overlaps it, or -1 when none does. A window of
 * more than a week is looked at for its first seven days. */
int rank_overlap_day(const struct rank_slot *slots, size_t n, time_t start,
    time_t end);

struct rank_input {
	bool	 category;	/* the offer covers the request's category */
	double	 distance_km;
	double	 reach_km;	/* min(offer radius, maximum), > 0 */
	bool	 has_window;	/* the request says when */
	size_t	 nslots;	/* the offer's availability slots */
	int	 overlap_day;	/* rank_overlap_day, -1 none */
	long	 helped;	/* completed matches of the volunteer */
};

/* 0..100, one decimal. Candidates beyond reach score as at reach. */
double rank_score(const struct rank_input *in);

/*
 * How well a vacancy fits a volunteer (GET /me/vacancy-suggestions, issue
 * 18), out of 100:
 *
 *   talents     40  20 per talent of the vacancy the volunteer has, at
 *                   most 2 counted; 10 when the vacancy names none
 *   distance    30  × (1 − d / reach)
 *   categories  20  a category of the vacancy is one of the volunteer's
 *                   offers'
 *   VOG         10  none needed, or the volunteer holds a valid one
 */
struct rank_vacancy_input {
	size_t	 talents_common;	/* talents both have */
	size_t	 talents_vacancy;	/* talents the vacancy names */
	bool	 category;		/* a category in common */
	double	 distance_km;
	double	 reach_km;		/* > 0 */
	bool	 needs_vog, has_vog;
};

/* 0..100, one decimal. Beyond reach scores as at reach. */
double rank_vacancy_score(const struct rank_vacancy_input *in);

#endif
