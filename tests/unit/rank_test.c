/*
 * rank_test.c — handlers/matches/rank.c: slot parsing, Dutch local time
 * across both DST changes, the overlap of a request's window with weekly
 * availability, and the order the score puts candidates in.
 */
#include <string.h>
#include <time.h>

#include "rank.h"
#include "tap.h"

/* A UTC time from its parts (timegm is in glibc and BSD). */
static time_t
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return timegm(&tm);
}

static void
test_slots_parse(void)
{
	static const char *const bad[] = {
		"x", "0:", "0:60", "0:60-", "7:60-120", "0:120-60", "0:60-60",
		"0:60-120,", "0:60-120;1:60-120", "-1:60-120", "0:60-1441",
	};
	struct rank_slot s[4];
	size_t i;

	ok(rank_slots_parse(s, 4, NULL) == 0, "NULL is no slots");
	ok(rank_slots_parse(s, 4, "") == 0, "empty is no slots");
	ok(rank_slots_parse(s, 4, "5:540-720") == 1 && s[0].day == 5 &&
	    s[0].from_min == 540 && s[0].to_min == 720, "one slot");
	ok(rank_slots_parse(s, 4, "0:0-1440,6:600-660") == 2 && s[1].day == 6 &&
	    s[1].to_min == 660, "two slots, a whole day among them");
	ok(rank_slots_parse(s, 1, "0:0-60,1:0-60") == 1, "at most max slots kept");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(rank_slots_parse(s, 4, bad[i]) == -1, "malformed: \"%s\"", bad[i]);
}

static void
test_local_time(void)
{
	int day, minute;

	/* Saturday 2026-01-10 09:30 UTC is 10:30 CET. */
	rank_nl_local(utc(2026, 1, 10, 9, 30), &day, &minute);
	ok(day == 5 && minute == 630, "winter: UTC+1 (day %d, minute %d)", day, minute);
	/* Saturday 2026-07-11 09:30 UTC is 11:30 CEST. */
	rank_nl_local(utc(2026, 7, 11, 9, 30), &day, &minute);
	ok(day == 5 && minute == 690, "summer: UTC+2 (day %d, minute %d)", day, minute);
	/* 2026: DST from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC. */
	ok(rank_nl_offset_s(utc(2026, 3, 29, 0, 59)) == 3600, "just before spring forward");
	ok(rank_nl_offset_s(utc(2026, 3, 29, 1, 0)) == 7200, "at spring forward");
	ok(rank_nl_offset_s(utc(2026, 10, 25, 0, 59)) == 7200, "just before fall back");
	ok(rank_nl_offset_s(utc(2026, 10, 25, 1, 0)) == 3600, "at fall back");
	/* Friday 23:30 UTC in winter is Saturday 00:30 local. */
	rank_nl_local(utc(2026, 1, 9, 23, 30), &day, &minute);
	ok(day == 5 && minute == 30, "the local day can be the next one");
}

static void
test_overlap(void)
{
	struct rank_slot sat_morning[] = { { 5, 9 * 60, 12 * 60 } };
	struct rank_slot weekdays[] = { { 0, 600, 720 }, { 2, 600, 720 } };
	/* Saturday 2026-01-10, 10:00–11:00 local = 09:00–10:00 UTC. */
	time_t s = utc(2026, 1, 10, 9, 0), e = utc(2026, 1, 10, 10, 0);

	ok(rank_overlap_day(sat_morning, 1, s, e) == 5, "Saturday morning fits");
	ok(rank_overlap_day(weekdays, 2, s, e) == -1, "weekday slots do not");
	ok(rank_overlap_day(NULL, 0, s, e) == -1, "no slots: nothing overlaps");
	/* Saturday 12:00–13:00 local only touches the end of the slot. */
	ok(rank_overlap_day(sat_morning, 1, utc(2026, 1, 10, 11, 0),
	    utc(2026, 1, 10, 12, 0)) == -1, "touching is not overlapping");
	/* A moment inside the slot. */
	ok(rank_overlap_day(sat_morning, 1, utc(2026, 1, 10, 10, 0),
	    utc(2026, 1, 10, 10, 0)) == 5, "a moment inside a slot");
	/* Friday 2026-01-09 20:00 to Monday 2026-01-12 11:00 local: Monday fits. */
	ok(rank_overlap_day(weekdays, 2, utc(2026, 1, 9, 19, 0),
	    utc(2026, 1, 12, 10, 0)) == 0, "a window over days reaches Monday");
	/* Two weeks long: every weekday slot is met within the first seven days. */
	ok(rank_overlap_day(weekdays, 2, utc(2026, 1, 6, 0, 0),
	    utc(2026, 1, 20, 0, 0)) >= 0, "a long window");
}

static void
test_score(void)
{
	struct rank_input near_fit = { true, 1.0, 10.0, true, 1, 5, 3 };
	struct rank_input far_fit = { true, 9.0, 10.0, true, 1, 5, 3 };
	struct rank_input near_busy = { true, 1.0, 10.0, true, 1, -1, 3 };
	struct rank_input near_unknown = { true, 1.0, 10.0, false, 1, -1, 0 };
	struct rank_input beyond = { true, 20.0, 10.0, true, 1, 5, 0 };
	struct rank_input best = { true, 0.0, 10.0, true, 1, 5, 9 };

	ok(rank_score(&near_fit) > rank_score(&far_fit), "near above far");
	ok(rank_score(&near_fit) > rank_score(&near_busy), "available above unavailable");
	ok(rank_score(&near_unknown) > rank_score(&near_busy),
	    "no window says less than a clash");
	ok(rank_score(&beyond) == 50.0, "beyond reach scores as at reach (%.1f)",
	    rank_score(&beyond));
	ok(rank_score(&best) == 100.0, "the best possible is 100 (%.1f)", rank_score(&best));
	ok(rank_score(&near_fit) == 92.0, "near_fit scores 20+36+30+6 (%.1f)",
	    rank_score(&near_fit));
}

/* GET /me/vacancy-suggestions (issue 18): talents weigh most. */
static void
test_vacancy_score(void)
{
	/* common, named, category, km, reach, needs_vog, has_vog */
	struct rank_vacancy_input two_talents = { 2, 3, true, 5.0, 25.0, false, false };
	struct rank_vacancy_input no_talent = { 0, 3, true, 1.0, 25.0, false, false };
	struct rank_vacancy_input one_far = { 1, 1, false, 24.0, 25.0, false, false };
	struct rank_vacancy_input none_named = { 0, 0, false, 0.0, 25.0, false, false };
	struct rank_vacancy_input vog_missing = { 2, 3, true, 5.0, 25.0, true, false };
	struct rank_vacancy_input vog_held = { 2, 3, true, 5.0, 25.0, true, true };
	struct rank_vacancy_input best = { 5, 5, true, 0.0, 25.0, true, true };
	struct rank_vacancy_input beyond = { 0, 0, false, 40.0, 25.0, false, false };

	ok(rank_vacancy_score(&two_talents) == 94.0, "2 talents, 5 of 25 km, category: 40+24+20+10 (%.1f)",
	    rank_vacancy_score(&two_talents));
	ok(rank_vacancy_score(&one_far) > rank_vacancy_score(&no_talent) - 30.0 &&
	    rank_vacancy_score(&two_talents) > rank_vacancy_score(&no_talent),
	    "talents in common above none");
	ok(rank_vacancy_score(&none_named) == 50.0, "a vacancy naming no talent: 10+30+0+10 (%.1f)",
	    rank_vacancy_score(&none_named));
	ok(rank_vacancy_score(&vog_missing) == rank_vacancy_score(&vog_held) - 10.0,
	    "a VOG needed and not held costs 10");
	ok(rank_vacancy_score(&best) == 100.0, "at most 2 talents counted: the best is 100 (%.1f)",
	    rank_vacancy_score(&best));
	ok(rank_vacancy_score(&beyond) == 20.0, "beyond reach scores as at reach (%.1f)",
	    rank_vacancy_score(&beyond));
}

int
main(void)
{
	test_vacancy_score();
	test_slots_parse();
	test_local_time();
	test_overlap();
	test_score();
	return tap_done();
}
