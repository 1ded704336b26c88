/*
 * valid.h — input validation, declared per endpoint (kcgi's struct kvalid).
 *
 * Each endpoint declares a static table of the fields it accepts; the server
 * checks the JSON body against it before any handler code runs and answers
 * 422 with every offending field. The single-value validators below serve the
 * tables and the query-string parameters alike.
 *
 * Error codes put in problem+json `errors[].code`:
 *   required, wrong_type, invalid, too_short, too_long, out_of_range,
 *   invalid_utf8, not_allowed (value not among the choices), unknown
 *   (well-formed but not known to us: category, postcode), common_password
 *   (F_PASSWORD only: too easy to guess, lib/passwords.c).
 */
#ifndef BH_VALID_H
#define BH_VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <json-c/json.h>

struct req;

enum field_type {
	F_STRING,	/* one line of text; min/max in characters */
	F_TEXT,		/* multi-line text; min/max in characters */
	F_INT,		/* integer; min/max are the value range */
	F_NUMBER,	/* integer or decimal; min/max value range */
	F_BOOL,
	F_ENUM,		/* string, one of choices */
	F_EMAIL,
	F_PASSWORD,	/* min/max in characters */
	F_POSTCODE,	/* 1234AB, 1234 ab or 1234 */
	F_TIME,		/* RFC 3339 date-time */
	F_HHMM,		/* "09:30" */
	F_ID,		/* an opaque id (22 characters base64url) */
	F_STRING_ARRAY,	/* array of strings; min/max items; choices if set */
	F_OBJECT,	/* nested object checked against sub */
	F_ARRAY,	/* array of objects each checked against sub; min/max items */
};

#define FIELD_REQUIRED	0x01u
#define FIELD_NULLABLE	0x02u	/* JSON null accepted (means "clear it") */

struct field {
	const char		*name;
	enum field_type		 type;
	unsigned		 flags;
	long			 min, max;
	const char *const	*choices;	/* NULL-terminated, for F_ENUM/F_STRING_ARRAY */
	const struct field	*sub;		/* {NULL}-terminated, for F_OBJECT/F_ARRAY */
};

/* Checks obj against the {NULL}-terminated table; every problem found is added
 * to r with problem_field (names of nested fields are "when.start",
 * "availability[2].from"). Unknown fields are ignored. Returns the number of
 * problems added; 0 means obj conforms. */
int valid_object(struct req *r, json_object *obj, const struct field *table,
    const char *prefix);

/* Single values. Each returns NULL when valid, or the error code above. */
const char *valid_text(const char *s, size_t len, long min_chars, long max_chars,
    bool multiline);
const char *valid_email(const char *s);
/* Accepts "1234AB", "1234 ab", "1234"; writes the 4 digits and a NUL to pc4. */
const char *valid_postcode(const char *s, char pc4[5]);
/* RFC 3339 date-time ("2026-11-23T10:00:00Z", offsets allowed) into *out (UTC). */
const char *valid_time(const char *s, time_t *out);
/* "HH:MM", 00:00–24:00, into minutes since midnight. */
const char *valid_hhmm(const char *s, int *minutes);
const char *valid_id(const char *s);
/* A category (or other) slug: 1-32 of a-z 0-9 '-', not starting with '-'.
 * Anything else can name no category, so it is checked before it reaches
 * an ASCII column (a non-ASCII value there is a MariaDB error, not a miss). */
bool valid_slug(const char *s);
/* A talent id (migration 101): a slug that may also hold '_'
 * ("computer_help"), not starting with '-' or '_', at most 32. */
bool valid_talent_id(const char *s);
/* A phone number as a person types it: digits, spaces, dashes,
 * parentheses and one leading '+', with 6 to 15 digits. */
bool valid_phone(const char *s);
/* Decimal integer from a query string, within [min, max]. */
const char *valid_long(const char *s, long min, long max, long *out);
/* Plain decimal from a query string ("1", "12.5"), within [min, max]: digits
 * with at most one '.' between digits; no sign, exponent, white space, or
 * leading or trailing '.'. "invalid" (also for NULL and ""), "out_of_range",
 * or NULL with the value in *out (left alone on error). No length limit:
 * a caller that wants one checks it first. */
const char *valid_decimal(const char *s, double min, double max, double *out);

/* Characters (code points) in valid UTF-8 s of len bytes; -1 if invalid. */
long valid_utf8_chars(const char *s, size_t len);
/* Lower-cased, trimmed copy for blind indexing; NULL if not an e-mail. Arena-owned. */
struct arena;
char *valid_email_normalise(struct arena *a, const char *s);

#endif
