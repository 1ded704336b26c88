/*
 * valid_test.c — lib/valid.c: tables of valid and invalid inputs for every
 * single-value validator, then valid_object against an endpoint-like table
 * (nested objects and arrays, null, wrong types), checking the exact list of
 * field errors it reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"
#include "tap.h"
#include "valid.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* NULL means "valid" in the expectation columns below. */
static bool
same(const char *got, const char *want)
{
	return (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
}

static const char *
show(const char *code)
{
	return code == NULL ? "valid" : code;
}

static void
test_utf8(void)
{
	static const struct {
		const char	*s;
		long		 chars;
	} cases[] = {
		{ "", 0 }, { "abc", 3 }, { "caf\xc3\xa9", 4 }, { "\xe2\x82\xac", 1 },
		{ "\xf0\x9f\x98\x80", 1 }, { "\xf4\x8f\xbf\xbf", 1 },
		{ "\xc0\x80", -1 },		/* overlong NUL */
		{ "\xe0\x80\xaf", -1 },		/* overlong '/' */
		{ "\xf0\x80\x80\xaf", -1 },	/* overlong '/' */
		{ "\xed\xa0\x80", -1 },		/* UTF-16 surrogate */
		{ "\xf4\x90\x80\x80", -1 },	/* above U+10FFFF */
		{ "\xe2\x82", -1 },		/* cut short */
		{ "\x80", -1 }, { "\xff", -1 }, { "a\xc3", -1 },
	};
	size_t	 i;

	for (i = 0; i < N(cases); i++)
		ok(valid_utf8_chars(cases[i].s, strlen(cases[i].s)) ==
		    cases[i].chars, "utf8 case %zu: %ld characters", i,
		    cases[i].chars);
}

static void
test_text(void)
{
	static const struct {
		const char	*s;
		size_t		 len;	/* 0: strlen */
		long		 min, max;
		bool		 multiline;
		const char	*want;
	} cases[] = {
		{ "abc", 0, 1, 3, false, NULL },
		{ "abcd", 0, 1, 3, false, "too_long" },
		{ "ab", 0, 3, 0, false, "too_short" },
		{ "", 0, 0, 0, false, NULL },
		{ "", 0, 1, 0, false, "too_short" },
		{ "   ", 0, 1, 0, false, "too_short" },
		{ "\xc2\xa0\xe3\x80\x80", 0, 1, 0, false, "too_short" },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9", 0, 1, 3, false, NULL },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0, 1, 3, false, "too_long" },
		{ "a\nb", 0, 0, 0, false, "invalid" },
		{ "a\nb", 0, 0, 0, true, NULL },
		{ "a\r\n\tb", 0, 0, 0, true, NULL },
		{ "a\tb", 0, 0, 0, false, "invalid" },
		{ "a\x01" "b", 0, 0, 0, true, "invalid" },
		{ "a\x1b[31m", 0, 0, 0, true, "invalid" },
		{ "a\x7f", 0, 0, 0, true, "invalid" },
		{ "a\xc2\x85", 0, 0, 0, true, "invalid" },		/* NEL */
		{ "a\xe2\x80\xa8" "b", 0, 0, 0, false, "invalid" },	/* U+2028 */
		{ "a\xe2\x80\xa8" "b", 0, 0, 0, true, NULL },
		{ "a\0b", 3, 0, 0, true, "invalid" },
		{ "a\xff", 0, 0, 0, false, "invalid_utf8" },
		{ "\xed\xa0\x80", 0, 0, 0, true, "invalid_utf8" },
	};
	size_t	 i;
	const char *got;

	for (i = 0; i < N(cases); i++) {
		got = valid_text(cases[i].s, cases[i].len ? cases[i].len :
		    strlen(cases[i].s), cases[i].min, cases[i].max,
		    cases[i].multiline);
		ok(same(got, cases[i].want), "text case %zu: %s (got %s)", i,
		    show(cases[i].want), show(got));
	}
}

static void
test_email(void)
{
	static const char *const good[] = {
		"a@b.nl",
		"resident@demo.burenhulp.nl",
		"Resident@Demo.Burenhulp.NL",
		"first.last+tag@example.co.uk",
		"x_y-z@sub-domain.example.com",
		"o'brien@example.ie",
		"{x}|~!#$%&*/=?^`@example.org",
		"a@1.example.museum",
		"a@example.xn--p1ai",
		"a@xn--bcher-kva.example",
		/* 64-character local part */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.nl",
	};
	static const char *const bad[] = {
		"plain", "@example.nl", "a@", "a@nl", "a@@b.nl", "a@b@c.nl",
		".a@b.nl", "a.@b.nl", "a..b@b.nl", "a b@c.nl", "a@b c.nl",
		"a@-b.nl", "a@b-.nl", "a@b..nl", "a@.b.nl", "a@b.nl.", "a@b.n",
		"a@b.12", "a@b.n1", "\"q\"@b.nl", "a(c)@b.nl", "\xc3\xa9@b.nl",
		"a@b\xc3\xbc.nl", "a@b.nl\n", " a@b.nl", "a@b.nl ", "a@b_c.nl",
		"a@[127.0.0.1]", "a@b.xn--",
		/* 65-character local part */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b.nl",
		/* 64-character label */
		"a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.nl",
	};
	char	 s[300];
	size_t	 i;

	for (i = 0; i < N(good); i++)
		ok(valid_email(good[i]) == NULL, "email valid: %s", good[i]);
	for (i = 0; i < N(bad); i++)
		ok(valid_email(bad[i]) != NULL, "email invalid: case %zu", i);
	ok(same(valid_email(""), "required"), "email empty: required");

	/* 254 characters is the most; 255 too many. */
	memset(s, 'a', sizeof(s));
	memcpy(s, "x@", 2);
	for (i = 2; i < 250; i += 50)
		s[i + 49] = '.';
	memcpy(s + 250, "a.nl", 5);
	ok(strlen(s) == 254 && valid_email(s) == NULL, "email of 254 valid");
	memmove(s + 1, s, 255);
	ok(strlen(s) == 255 && same(valid_email(s), "too_long"),
	    "email of 255 too_long");
}

static void
test_email_normalise(void)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "  Resident@Demo.Burenhulp.NL \n", "resident@demo.burenhulp.nl" },
		{ "a@b.nl", "a@b.nl" },
		{ "\tO'Brien@Example.IE\r\n", "o'brien@example.ie" },
		{ "not an e-mail", NULL },
		{ "", NULL },
		{ "   ", NULL },
		{ "a b@c.nl", NULL },
		{ "\xc3\x89@b.nl", NULL },
	};
	struct arena	 a = { NULL };
	char		*got;
	size_t		 i;

	for (i = 0; i < N(cases); i++) {
		got = valid_email_normalise(&a, cases[i].in);
		ok(same(got, cases[i].out), "normalise case %zu: %s", i,
		    show(cases[i].out));
	}
	arena_reset(&a);
}

static void
test_postcode(void)
{
	static const struct {
		const char	*s, *pc4;
	} good[] = {
		{ "1234AB", "1234" }, { "1234 AB", "1234" }, { "1234 ab", "1234" },
		{ "1234ab", "1234" }, { "1234", "1234" }, { "7811aB", "7811" },
		{ "9999 ZZ", "9999" }, { "1000", "1000" },
	};
	static const char *const bad[] = {
		"0123AB", "0123", "123", "12345", "1234 A", "1234A", "1234  AB",
		"1234-AB", " 1234AB", "1234AB ", "12a4", "1234 12", "1234AB1",
		"ABCD", "1234\xc3\xa9", "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94",
		"1234\tAB",
	};
	char	 pc4[5];
	size_t	 i;

	for (i = 0; i < N(good); i++)
		ok(valid_postcode(good[i].s, pc4) == NULL &&
		    strcmp(pc4, good[i].pc4) == 0, "postcode valid: \"%s\" -> %s",
		    good[i].s, good[i].pc4);
	for (i = 0; i < N(bad); i++)
		ok(valid_postcode(bad[i], pc4) != NULL, "postcode invalid: case %zu",
		    i);
	ok(same(valid_postcode("", pc4), "required"), "postcode empty: required");
}

static void
test_time(void)
{
	static const struct {
		const char	*s;
		long long	 t;
	} good[] = {
		{ "1970-01-01T00:00:00Z", 0 },
		{ "1970-01-01T01:00:00+01:00", 0 },
		{ "1969-12-31T23:00:00-01:00", 0 },
		{ "2026-11-23T10:00:00Z", 1795428000 },
		{ "2026-11-23t10:00:00z", 1795428000 },
		{ "2026-11-23T10:00:00.123456Z", 1795428000 },
		{ "2026-11-23T10:00:00-05:30", 1795447800 },
		{ "2026-11-23T10:00:00+00:00", 1795428000 },
		{ "2026-11-23T10:00:00-00:00", 1795428000 },
		{ "2000-02-29T12:00:00Z", 951825600 },
		{ "2024-03-31T02:30:00+02:00", 1711845000 },
		{ "1969-07-20T20:17:40Z", -14182940 },
		{ "2016-12-31T23:59:60Z", 1483228800 },	/* leap second */
		{ "9999-12-31T23:59:59Z", 253402300799LL },
		{ "1000-01-01T00:00:00Z", -30610224000LL },
	};
	static const char *const bad[] = {
		"2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z",
		"1900-02-29T10:00:00Z", "2026-04-31T10:00:00Z",
		"2026-11-23 10:00:00Z", "2026-11-23T10:00Z", "2026-11-23T10:00:00",
		"2026-11-23", "2026-11-23T24:00:00Z", "2026-13-01T10:00:00Z",
		"2026-00-01T10:00:00Z", "2026-01-00T10:00:00Z",
		"2026-11-23T10:60:00Z", "2026-11-23T10:00:61Z",
		"2026-11-23T10:00:00+0100", "2026-11-23T10:00:00+24:00",
		"2026-11-23T10:00:00+01:60", "2026-11-23T10:00:00+01",
		"2026-11-23T10:00:00.Z", "2026-11-23T10:00:00Zjunk",
		"2026-11-23T10:00:00+01:00x", "+2026-11-23T10:00:00Z",
		"26-11-23T10:00:00Z", "2026-1-23T10:00:00Z", "2026/11/23T10:00:00Z",
		"2026-11-23T10:00:00 Z", "tomorrow", "20261123T100000Z",
	};
	time_t	 t;
	size_t	 i;
	const char *got;

	for (i = 0; i < N(good); i++) {
		t = 42;
		got = valid_time(good[i].s, &t);
		ok(got == NULL && (long long)t == good[i].t, "time valid: %s = %lld",
		    good[i].s, good[i].t);
	}
	for (i = 0; i < N(bad); i++)
		ok(same(valid_time(bad[i], &t), "invalid"), "time invalid: %s",
		    bad[i]);
	ok(same(valid_time("0999-12-31T23:59:59Z", &t), "out_of_range"),
	    "time before year 1000: out_of_range");
	ok(same(valid_time("", &t), "required"), "time empty: required");
}

static void
test_hhmm(void)
{
	static const struct {
		const char	*s;
		int		 minutes;
	} good[] = {
		{ "00:00", 0 }, { "09:30", 570 }, { "12:00", 720 },
		{ "23:59", 1439 }, { "24:00", 1440 },
	};
	static const char *const bad[] = {
		"24:01", "25:00", "9:30", "09:60", "0930", "09:30:00", "ab:cd",
		"-1:00", "09:3", "09 30", " 09:30", "09:30 ", "\xef\xbc\x90\xef\xbc\x99:30",
	};
	int	 m;
	size_t	 i;

	for (i = 0; i < N(good); i++)
		ok(valid_hhmm(good[i].s, &m) == NULL && m == good[i].minutes,
		    "hhmm valid: %s = %d", good[i].s, good[i].minutes);
	for (i = 0; i < N(bad); i++)
		ok(same(valid_hhmm(bad[i], &m), "invalid"), "hhmm invalid: case %zu",
		    i);
	ok(same(valid_hhmm("", &m), "required"), "hhmm empty: required");
}

static void
test_id(void)
{
	static const char *const good[] = {
		"AAAAAAAAAAAAAAAAAAAAAA", "abc-_DEF0123456789xyzQ",
		"zzzzzzzzzzzzzzzzzzzzzw",
	};
	static const char *const bad[] = {
		"AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAA+A", "AAAAAAAAAAAAAAAAAAAA/A",
		"AAAAAAAAAAAAAAAAAAAA=A", "AAAAAAAAAAAAAAAAAAAA A",
		"AAAAAAAAAAAAAAAAAAAA\xc3\xa9", "../../../../etc/passwd",
		"1 OR 1=1", "x",
	};
	size_t	 i;

	for (i = 0; i < N(good); i++)
		ok(valid_id(good[i]) == NULL, "id valid: %s", good[i]);
	for (i = 0; i < N(bad); i++)
		ok(same(valid_id(bad[i]), "invalid"), "id invalid: case %zu", i);
	ok(same(valid_id(""), "required"), "id empty: required");
}

static void
test_long(void)
{
	static const struct {
		const char	*s;
		long		 min, max, v;
		const char	*want;
	} cases[] = {
		{ "20", 1, 100, 20, NULL },
		{ "1", 1, 100, 1, NULL },
		{ "100", 1, 100, 100, NULL },
		{ "007", 1, 100, 7, NULL },
		{ "-5", -10, 10, -5, NULL },
		{ "101", 1, 100, 0, "out_of_range" },
		{ "0", 1, 100, 0, "out_of_range" },
		{ "-1", 1, 100, 0, "out_of_range" },
		{ "99999999999999999999", 1, 100, 0, "out_of_range" },
		{ "-99999999999999999999", -10, 100, 0, "out_of_range" },
		{ "", 1, 100, 0, "required" },
		{ "abc", 1, 100, 0, "invalid" },
		{ "1.5", 1, 100, 0, "invalid" },
		{ " 5", 1, 100, 0, "invalid" },
		{ "5 ", 1, 100, 0, "invalid" },
		{ "+5", 1, 100, 0, "invalid" },
		{ "0x10", 1, 100, 0, "invalid" },
		{ "1e2", 1, 100, 0, "invalid" },
		{ "-", -10, 100, 0, "invalid" },
		{ "--5", -10, 100, 0, "invalid" },
	};
	long		 v;
	size_t		 i;
	const char	*got;

	for (i = 0; i < N(cases); i++) {
		v = -12345;
		got = valid_long(cases[i].s, cases[i].min, cases[i].max, &v);
		ok(same(got, cases[i].want) && (got != NULL || v == cases[i].v),
		    "long \"%s\" in [%ld, %ld]: %s (got %s)", cases[i].s,
		    cases[i].min, cases[i].max, show(cases[i].want), show(got));
	}
}

static void
test_decimal(void)
{
	static const struct {
		const char	*s;
		double		 min, max, v;
		const char	*want;
	} cases[] = {
		{ "1", 1, 50, 1, NULL },
		{ "12.5", 1, 50, 12.5, NULL },
		{ "50", 1, 50, 50, NULL },
		{ "50.0", 1, 50, 50, NULL },
		{ "007.25", 1, 50, 7.25, NULL },
		{ "0", 0, 100, 0, NULL },
		{ "0.5", 1, 50, 0, "out_of_range" },
		{ "50.01", 1, 50, 0, "out_of_range" },
		{ "0", 1, 50, 0, "out_of_range" },
		{ "99999999999999999999999", 1, 50, 0, "out_of_range" },
		{ "", 1, 50, 0, "invalid" },
		{ ".", 1, 50, 0, "invalid" },
		{ ".5", 0, 50, 0, "invalid" },
		{ "5.", 1, 50, 0, "invalid" },
		{ "1..5", 1, 50, 0, "invalid" },
		{ "1.2.3", 1, 50, 0, "invalid" },
		{ "-5", -10, 50, 0, "invalid" },
		{ "+5", 1, 50, 0, "invalid" },
		{ "1e2", 1, 500, 0, "invalid" },
		{ "1E2", 1, 500, 0, "invalid" },
		{ " 5", 1, 50, 0, "invalid" },
		{ "5 ", 1, 50, 0, "invalid" },
		{ "0x10", 1, 50, 0, "invalid" },
		{ "inf", 1, 50, 0, "invalid" },
		{ "nan", 1, 50, 0, "invalid" },
		{ "1,5", 1, 50, 0, "invalid" },
		{ "abc", 1, 50, 0, "invalid" },
	};
	double		 v;
	size_t		 i;
	const char	*got;

	for (i = 0; i < N(cases); i++) {
		v = -12345;
		got = valid_decimal(cases[i].s, cases[i].min, cases[i].max, &v);
		ok(same(got, cases[i].want) &&
		    (got != NULL ? v == -12345 : v == cases[i].v),
		    "decimal \"%s\" in [%g, %g]: %s (got %s)", cases[i].s,
		    cases[i].min, cases[i].max, show(cases[i].want), show(got));
	}
	v = -12345;
	got = valid_decimal(NULL, 1, 50, &v);
	ok(same(got, "invalid") && v == -12345, "decimal NULL: invalid (got %s)",
	    show(got));
}

/* ------------------------------------------------------------ valid_object */

static const char *const categories[] = { "shopping", "transport", NULL };
static const char *const roles[] = { "resident", "caregiver", "volunteer", NULL };
static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat",
	"sun", NULL };

static const struct field when_fields[] = {
	{ "start", F_TIME, FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "end", F_TIME, 0, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static const struct field availability_fields[] = {
	{ "day", F_ENUM, FIELD_REQUIRED, 0, 0, days, NULL },
	{ "from", F_HHMM, FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "to", F_HHMM, FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static const struct field behalf_fields[] = {
	{ "first_name", F_STRING, FIELD_REQUIRED, 1, 40, NULL, NULL },
	{ "when", F_OBJECT, 0, 0, 0, NULL, when_fields },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static const struct field table[] = {
	{ "title", F_STRING, FIELD_REQUIRED, 3, 80, NULL, NULL },
	{ "description", F_TEXT, FIELD_REQUIRED, 1, 2000, NULL, NULL },
	{ "category", F_ENUM, FIELD_REQUIRED, 0, 0, categories, NULL },
	{ "postcode", F_POSTCODE, FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "email", F_EMAIL, 0, 0, 0, NULL, NULL },
	{ "password", F_PASSWORD, 0, 10, 200, NULL, NULL },
	{ "radius_km", F_INT, 0, 1, 50, NULL, NULL },
	{ "hours", F_NUMBER, 0, 0, 24, NULL, NULL },
	{ "score", F_NUMBER, 0, 0, 0, NULL, NULL },
	{ "accept_terms", F_BOOL, 0, 0, 0, NULL, NULL },
	{ "volunteer_id", F_ID, 0, 0, 0, NULL, NULL },
	{ "roles", F_STRING_ARRAY, 0, 1, 3, roles, NULL },
	{ "tags", F_STRING_ARRAY, 0, 0, 0, NULL, NULL },
	{ "when", F_OBJECT, FIELD_NULLABLE, 0, 0, NULL, when_fields },
	{ "on_behalf_of", F_OBJECT, 0, 0, 0, NULL, behalf_fields },
	{ "availability", F_ARRAY, 0, 0, 3, NULL, availability_fields },
	{ "phone", F_STRING, FIELD_NULLABLE, 0, 20, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

#define BASE "\"title\": \"Boodschappen\", \"description\": \"Elke week.\\nGraag.\", " \
	"\"category\": \"shopping\", \"postcode\": \"7811 AB\""

static const struct {
	const char	*name, *json, *want;	/* want: "field:code field:code" */
} object_cases[] = {
	{ "minimal body", "{" BASE "}", "" },
	{ "every field good", "{" BASE ", \"email\": \"A@b.nl\", "
	    "\"password\": \"burenhulp-demo\", \"radius_km\": 50, "
	    "\"hours\": 2.5, \"score\": -1e300, \"accept_terms\": true, "
	    "\"volunteer_id\": \"AAAAAAAAAAAAAAAAAAAAAA\", "
	    "\"roles\": [\"resident\", \"volunteer\"], \"tags\": [\"x\", \"y\"], "
	    "\"when\": {\"start\": \"2026-11-23T10:00:00Z\", \"end\": "
	    "\"2026-11-23T12:00:00+01:00\"}, \"on_behalf_of\": {\"first_name\": "
	    "\"Truus\", \"when\": {\"start\": \"2026-11-23T10:00:00Z\"}}, "
	    "\"availability\": [{\"day\": \"mon\", \"from\": \"09:00\", "
	    "\"to\": \"24:00\"}], \"phone\": \"0591 123456\", \"unknown\": [1]}", "" },
	{ "empty object", "{}",
	    "title:required description:required category:required postcode:required" },
	{ "body is an array", "[]", "body:wrong_type" },
	{ "body is a string", "\"x\"", "body:wrong_type" },
	{ "title too short", "{" BASE ", \"title\": \"ab\"}", "title:too_short" },
	{ "title blank", "{" BASE ", \"title\": \"     \"}", "title:too_short" },
	{ "title too long", "{" BASE ", \"title\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "title:too_long" },
	{ "title 80 characters of two bytes", "{" BASE ", \"title\": \""
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
	    "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\"}", "" },
	{ "title with newline", "{" BASE ", \"title\": \"a\\nbcd\"}", "title:invalid" },
	{ "title with NUL", "{" BASE ", \"title\": \"abc\\u0000def\"}", "title:invalid" },
	{ "title is a number", "{" BASE ", \"title\": 42}", "title:wrong_type" },
	{ "title is null", "{" BASE ", \"title\": null}", "title:required" },
	{ "title is an object", "{" BASE ", \"title\": {}}", "title:wrong_type" },
	{ "description with bell", "{" BASE ", \"description\": \"a\\u0007\"}",
	    "description:invalid" },
	{ "category unknown", "{" BASE ", \"category\": \"Shopping\"}",
	    "category:not_allowed" },
	{ "category empty", "{" BASE ", \"category\": \"\"}", "category:not_allowed" },
	{ "postcode bad", "{" BASE ", \"postcode\": \"0123AB\"}", "postcode:invalid" },
	{ "postcode empty", "{" BASE ", \"postcode\": \"\"}", "postcode:required" },
	{ "email empty", "{" BASE ", \"email\": \"\"}", "email:invalid" },
	{ "email bad", "{" BASE ", \"email\": \"a@b\"}", "email:invalid" },
	{ "email with NUL", "{" BASE ", \"email\": \"a@b.nl\\u0000x\"}", "email:invalid" },
	{ "email is a number", "{" BASE ", \"email\": 5}", "email:wrong_type" },
	{ "password short", "{" BASE ", \"password\": \"short\"}", "password:too_short" },
	{ "radius zero", "{" BASE ", \"radius_km\": 0}", "radius_km:out_of_range" },
	{ "radius too big", "{" BASE ", \"radius_km\": 51}", "radius_km:out_of_range" },
	{ "radius huge", "{" BASE ", \"radius_km\": 99999999999999999999}",
	    "radius_km:out_of_range" },
	{ "radius decimal", "{" BASE ", \"radius_km\": 5.5}", "radius_km:wrong_type" },
	{ "radius string", "{" BASE ", \"radius_km\": \"5\"}", "radius_km:wrong_type" },
	{ "radius boolean", "{" BASE ", \"radius_km\": true}", "radius_km:wrong_type" },
	{ "hours integer", "{" BASE ", \"hours\": 3}", "" },
	{ "hours too many", "{" BASE ", \"hours\": 24.5}", "hours:out_of_range" },
	{ "hours negative", "{" BASE ", \"hours\": -0.5}", "hours:out_of_range" },
	{ "hours string", "{" BASE ", \"hours\": \"2\"}", "hours:wrong_type" },
	{ "accept_terms string", "{" BASE ", \"accept_terms\": \"true\"}",
	    "accept_terms:wrong_type" },
	{ "accept_terms 1", "{" BASE ", \"accept_terms\": 1}", "accept_terms:wrong_type" },
	{ "id short", "{" BASE ", \"volunteer_id\": \"abc\"}", "volunteer_id:invalid" },
	{ "roles empty", "{" BASE ", \"roles\": []}", "roles:too_short" },
	{ "roles too many", "{" BASE ", \"roles\": [\"resident\", \"caregiver\", "
	    "\"volunteer\", \"resident\"]}", "roles:too_long roles[3]:invalid" },
	{ "roles unknown", "{" BASE ", \"roles\": [\"resident\", \"admin\"]}",
	    "roles[1]:not_allowed" },
	{ "roles repeated", "{" BASE ", \"roles\": [\"resident\", \"resident\"]}",
	    "roles[1]:invalid" },
	{ "roles not an array", "{" BASE ", \"roles\": \"resident\"}",
	    "roles:wrong_type" },
	{ "roles item number", "{" BASE ", \"roles\": [1, null]}",
	    "roles[0]:wrong_type roles[1]:wrong_type" },
	{ "tags empty item", "{" BASE ", \"tags\": [\"\", \"a\\tb\", \"ok\"]}",
	    "tags[0]:too_short tags[1]:invalid" },
	{ "tags empty list", "{" BASE ", \"tags\": []}", "" },
	{ "when null", "{" BASE ", \"when\": null}", "" },
	{ "when empty", "{" BASE ", \"when\": {}}", "when.start:required" },
	{ "when Feb 30", "{" BASE ", \"when\": {\"start\": \"2026-02-30T10:00:00Z\"}}",
	    "when.start:invalid" },
	{ "when end bad", "{" BASE ", \"when\": {\"start\": \"2026-02-28T10:00:00Z\", "
	    "\"end\": 5}}", "when.end:wrong_type" },
	{ "when a string", "{" BASE ", \"when\": \"tomorrow\"}", "when:wrong_type" },
	{ "when an array", "{" BASE ", \"when\": []}", "when:wrong_type" },
	{ "on_behalf_of null", "{" BASE ", \"on_behalf_of\": null}",
	    "on_behalf_of:wrong_type" },
	{ "nested two deep", "{" BASE ", \"on_behalf_of\": {\"when\": "
	    "{\"start\": \"x\"}}}",
	    "on_behalf_of.first_name:required on_behalf_of.when.start:invalid" },
	{ "availability bad item", "{" BASE ", \"availability\": [{\"day\": \"mon\", "
	    "\"from\": \"09:00\", \"to\": \"12:00\"}, {\"day\": \"xyz\", "
	    "\"from\": \"25:00\"}]}",
	    "availability[1].day:not_allowed availability[1].from:invalid "
	    "availability[1].to:required" },
	{ "availability item not an object", "{" BASE ", \"availability\": [1]}",
	    "availability[0]:wrong_type" },
	{ "availability too long", "{" BASE ", \"availability\": [{\"day\": \"mon\", "
	    "\"from\": \"09:00\", \"to\": \"12:00\"}, {\"day\": \"tue\", "
	    "\"from\": \"09:00\", \"to\": \"12:00\"}, {\"day\": \"wed\", "
	    "\"from\": \"09:00\", \"to\": \"12:00\"}, {\"day\": \"thu\", "
	    "\"from\": \"09:00\", \"to\": \"12:00\"}]}", "availability:too_long" },
	{ "availability an object", "{" BASE ", \"availability\": {}}",
	    "availability:wrong_type" },
	{ "phone null", "{" BASE ", \"phone\": null}", "" },
	{ "phone too long", "{" BASE ", \"phone\": \"012345678901234567890\"}",
	    "phone:too_long" },
	{ "several at once", "{\"title\": 1, \"description\": \"\", "
	    "\"category\": null, \"postcode\": \"1234 AB\", \"hours\": 100}",
	    "title:wrong_type description:too_short category:required "
	    "hours:out_of_range" },
};

/* "field:code field:code" of the errors valid_object added to r. */
static char *
errors_of(struct req *r, char *buf, size_t sz)
{
	json_object	*e;
	size_t		 i, n, off = 0;

	buf[0] = '\0';
	n = r->errors == NULL ? 0 : json_object_array_length(r->errors);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(r->errors, i);
		off += (size_t)snprintf(buf + off, sz - off, "%s%s:%s",
		    i ? " " : "", json_get_str(e, "field"), json_get_str(e, "code"));
		if (off >= sz)
			break;
	}
	return buf;
}

static void
reset(struct req *r)
{
	if (r->errors != NULL)
		json_object_put(r->errors);
	r->errors = NULL;
}

static void
test_object(void)
{
	struct arena	 a = { NULL };
	struct req	 r;
	json_object	*o, *e;
	char		 got[1024];
	size_t		 i;
	int		 n;
	const char	*msg;

	memset(&r, 0, sizeof(r));
	r.arena = &a;
	for (i = 0; i < N(object_cases); i++) {
		if ((o = json_parse(object_cases[i].json,
		    strlen(object_cases[i].json))) == NULL &&
		    strcmp(object_cases[i].json, "null") != 0) {
			ok(0, "object %s: test JSON parses", object_cases[i].name);
			continue;
		}
		n = valid_object(&r, o, table, NULL);
		errors_of(&r, got, sizeof(got));
		ok(strcmp(got, object_cases[i].want) == 0 &&
		    n == problem_count(&r),
		    "object %s: \"%s\"%s%s", object_cases[i].name,
		    object_cases[i].want, strcmp(got, object_cases[i].want) ?
		    " got " : "", strcmp(got, object_cases[i].want) ? got : "");
		json_object_put(o);
		reset(&r);
	}

	/* JSON text cannot carry bad UTF-8 past json_parse; build it. */
	o = json_object_new_object();
	json_object_object_add(o, "title", json_object_new_string_len("ab\xff" "cd", 5));
	json_object_object_add(o, "description", json_object_new_string("x"));
	json_object_object_add(o, "category", json_object_new_string("shopping"));
	json_object_object_add(o, "postcode", json_object_new_string("\xff\xfe"));
	valid_object(&r, o, table, NULL);
	ok(strcmp(errors_of(&r, got, sizeof(got)),
	    "title:invalid_utf8 postcode:invalid_utf8") == 0,
	    "object with bad UTF-8 strings: invalid_utf8 (%s)", got);
	json_object_put(o);
	reset(&r);

	ok(valid_object(&r, NULL, table, NULL) == 1 &&
	    strcmp(errors_of(&r, got, sizeof(got)), "body:wrong_type") == 0,
	    "no body at all: body:wrong_type");
	reset(&r);

	o = json_parse("{\"start\": 1}", 12);
	valid_object(&r, o, when_fields, "items[3].when");
	ok(strcmp(errors_of(&r, got, sizeof(got)), "items[3].when.start:wrong_type") == 0,
	    "prefix names nested fields");
	json_object_put(o);
	reset(&r);

	/* Messages never repeat the value (it may be a password). */
	msg = "{\"password\": \"secret1\", \"email\": \"secret2@x\"}";
	o = json_parse(msg, strlen(msg));
	valid_object(&r, o, table, NULL);
	n = 0;
	for (i = 0; r.errors != NULL && i < json_object_array_length(r.errors); i++) {
		e = json_object_array_get_idx(r.errors, i);
		msg = json_get_str(e, "message");
		if (msg == NULL || *msg == '\0' || strstr(msg, "secret") != NULL)
			n++;
	}
	ok(n == 0 && problem_count(&r) == 6, "messages are set and never echo values");
	json_object_put(o);
	reset(&r);
	arena_reset(&a);
}

/* Talent ids (migration 101): slugs that may hold '_', as categories'
 * slugs may not (talent_id_underscore_test). */
static void
test_talent_id(void)
{
	static const char *const good[] = { "cooking", "computer_help", "first-aid", "a", "t1",
	    "abcdefghijabcdefghijabcdefghij12", NULL };
	static const char *const bad[] = { "", "_x", "-x", "Cooking", "koken!", "a b", "é",
	    "abcdefghijabcdefghijabcdefghij123", NULL };
	size_t i;

	for (i = 0; good[i] != NULL; i++)
		ok(valid_talent_id(good[i]), "talent id \"%s\" is good", good[i]);
	for (i = 0; bad[i] != NULL; i++)
		ok(!valid_talent_id(bad[i]), "talent id \"%s\" is refused", bad[i]);
	ok(!valid_talent_id(NULL), "NULL is no talent id");
	ok(!valid_slug("computer_help"), "a category slug takes no '_'");
}

int
main(void)
{
	log_init("valid_test");
	test_talent_id();
	test_utf8();
	test_text();
	test_email();
	test_email_normalise();
	test_postcode();
	test_time();
	test_hhmm();
	test_id();
	test_long();
	test_decimal();
	test_object();
	return tap_done();
}
