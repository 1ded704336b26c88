/*
 * valid.c — input validation: the single-value validators and valid_object,
 * which checks a JSON body against an endpoint's declared field table.
 *
 * Lives here: shape checks only (type, length in characters, UTF-8, syntax,
 * ranges, fixed choices). Not here: checks that need the database (is this
 * postcode or category known to us?) — the handlers do those and answer
 * `unknown`.
 *
 * Conventions of the field tables: for strings and arrays a min or max <= 0
 * means "no limit on that side"; for F_INT and F_NUMBER min == max == 0 means
 * "any value". Error messages name the rule, never the value (the value may
 * be private: an address, a password).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "crypto.h"
#include "passwords.h"
#include "problem.h"
#include "valid.h"

#define EMAIL_MAX	254
#define EMAIL_LOCAL_MAX	64
#define DNS_LABEL_MAX	63
#define FIELD_NAME_MAX	256

/* ------------------------------------------------------------------ text */

/*
 * Decodes one UTF-8 sequence at s (n bytes left) strictly: no overlong
 * forms, no surrogates, nothing above U+10FFFF. Returns its length and the
 * code point in *cp, or 0 when invalid.
 */
static size_t
utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned long	 c;
	size_t		 len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

long
valid_utf8_chars(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 cp;
	size_t			 i = 0, step;
	long			 chars = 0;

	while (i < len) {
		if ((step = utf8_next(p + i, len - i, &cp)) == 0)
			return -1;
		i += step;
		chars++;
	}
	return chars;
}

/* Control characters: C0 (bar \t \n \r in multi-line text), DEL, C1; in one
 * line of text also the Unicode line and paragraph separators. */
static bool
is_forbidden(unsigned long cp, bool multiline)
{
	if (cp < 0x20)
		return !(multiline && (cp == '\n' || cp == '\r' || cp == '\t'));
	if (cp >= 0x7f && cp <= 0x9f)
		return true;
	if (!multiline && (cp == 0x2028 || cp == 0x2029))
		return true;
	return false;
}

static bool
is_space_cp(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xa0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200b) ||
	    cp == 0x202f || cp == 0x205f || cp == 0xfeff;
}

const char *
valid_text(const char *s, size_t len, long min_chars, long max_chars,
    bool multiline)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 cp;
	size_t			 i = 0, step;
	long			 chars = 0;
	bool			 blank = true;

	while (i < len) {
		if ((step = utf8_next(p + i, len - i, &cp)) == 0)
			return "invalid_utf8";
		if (is_forbidden(cp, multiline))
			return "invalid";
		if (!is_space_cp(cp))
			blank = false;
		i += step;
		chars++;
	}
	/* Only white space is no text at all where some is required. */
	if (min_chars > 0 && (chars < min_chars || blank))
		return "too_short";
	if (max_chars > 0 && chars > max_chars)
		return "too_long";
	return NULL;
}

/* ----------------------------------------------------------------- e-mail */

static bool
is_atext(int c)
{
	return c != 0 && isascii(c) &&
	    (isalnum(c) || strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static bool
valid_domain(const char *d, size_t len)
{
	size_t		 i, label = 0, labels = 0, tld_start = 0;
	bool		 tld_alpha;

	if (len == 0 || len > 253)
		return false;
	for (i = 0; i <= len; i++) {
		if (i == len || d[i] == '.') {
			if (label == 0 || label > DNS_LABEL_MAX ||
			    d[i - 1] == '-' || d[i - label] == '-')
				return false;
			labels++;
			tld_start = i - label;
			label = 0;
			continue;
		}
		if (!isascii((unsigned char)d[i]) ||
		    !(isalnum((unsigned char)d[i]) || d[i] == '-'))
			return false;
		label++;
	}
	if (labels < 2)
		return false;
	/* The top-level domain: letters (nl, com, museum) or an IDN in
	 * punycode (xn--...), at least two characters. */
	if (len - tld_start < 2)
		return false;
	if (len - tld_start > 4 && strncasecmp(d + tld_start, "xn--", 4) == 0)
		return true;
	tld_alpha = true;
	for (i = tld_start; i < len; i++)
		if (!isalpha((unsigned char)d[i]))
			tld_alpha = false;
	return tld_alpha;
}

const char *
valid_email(const char *s)
{
	const char	*at;
	size_t		 len, local, i;

	if (s == NULL)
		return "required";
	len = strlen(s);
	if (len == 0)
		return "required";
	if (len > EMAIL_MAX)
		return "too_long";
	/* Pragmatic RFC 5321: dot-atom local part (no quoted strings, no
	 * comments), ASCII host name with a top-level domain. */
	if ((at = strrchr(s, '@')) == NULL)
		return "invalid";
	local = (size_t)(at - s);
	if (local == 0 || local > EMAIL_LOCAL_MAX)
		return "invalid";
	for (i = 0; i < local; i++) {
		if (s[i] == '.') {
			if (i == 0 || i == local - 1 || s[i - 1] == '.')
				return "invalid";
		} else if (!is_atext((unsigned char)s[i]))
			return "invalid";
	}
	if (!valid_domain(at + 1, len - local - 1))
		return "invalid";
	return NULL;
}

char *
valid_email_normalise(struct arena *a, const char *s)
{
	const char	*end;
	char		*out, *p;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\n' || end[-1] == '\r'))
		end--;
	out = arena_strndup(a, s, (size_t)(end - s));
	for (p = out; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return valid_email(out) == NULL ? out : NULL;
}

/* ------------------------------------------------------ postcode, time, id */

const char *
valid_postcode(const char *s, char pc4[5])
{
	size_t	 len, i;

	pc4[0] = '\0';
	if (s == NULL || *s == '\0')
		return "required";
	len = strlen(s);
	if (len != 4 && len != 6 && len != 7)
		return "invalid";
	if (s[0] < '1' || s[0] > '9')
		return "invalid";
	for (i = 1; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return "invalid";
	if (len == 7 && s[4] != ' ')
		return "invalid";
	for (i = len - 2; len > 4 && i < len; i++)
		if (!isascii((unsigned char)s[i]) ||
		    !isalpha((unsigned char)s[i]))
			return "invalid";
	memcpy(pc4, s, 4);
	pc4[4] = '\0';
	return NULL;
}

/* n decimal digits at s into *out; false when any is not a digit. */
static bool
digits(const char *s, int n, int *out)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

const char *
valid_time(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*p;
	int		 year, mon, day, hour, min, sec, oh = 0, om = 0, sign = 0;
	time_t		 t;

	if (s == NULL || *s == '\0')
		return "required";
	/* date-time = full-date "T" partial-time time-offset (RFC 3339 5.6) */
	if (strlen(s) < 20 ||
	    !digits(s, 4, &year) || s[4] != '-' ||
	    !digits(s + 5, 2, &mon) || s[7] != '-' ||
	    !digits(s + 8, 2, &day) ||
	    (s[10] != 'T' && s[10] != 't') ||
	    !digits(s + 11, 2, &hour) || s[13] != ':' ||
	    !digits(s + 14, 2, &min) || s[16] != ':' ||
	    !digits(s + 17, 2, &sec))
		return "invalid";
	p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return "invalid";
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		if (p[1] != '\0')
			return "invalid";
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (!digits(p + 1, 2, &oh) || p[3] != ':' ||
		    !digits(p + 4, 2, &om) || p[6] != '\0' || oh > 23 || om > 59)
			return "invalid";
	} else
		return "invalid";
	if (mon < 1 || mon > 12 || day < 1 || day > days_in_month(year, mon) ||
	    hour > 23 || min > 59 || sec > 60)
		return "invalid";
	/* What the database's DATETIME can hold. */
	if (year < 1000)
		return "out_of_range";

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;	/* a leap second 60 becomes the next minute */
	errno = 0;
	t = timegm(&tm);
	if (t == (time_t)-1 && errno != 0)
		return "out_of_range";
	*out = t - (time_t)sign * (oh * 3600 + om * 60);
	return NULL;
}

const char *
valid_hhmm(const char *s, int *minutes)
{
	int	 h, m;

	if (s == NULL || *s == '\0')
		return "required";
	if (strlen(s) != 5 || !digits(s, 2, &h) || s[2] != ':' ||
	    !digits(s + 3, 2, &m) || m > 59 || h > 24 || (h == 24 && m != 0))
		return "invalid";
	*minutes = h * 60 + m;
	return NULL;
}

const char *
valid_id(const char *s)
{
	size_t	 i;

	if (s == NULL || *s == '\0')
		return "required";
	for (i = 0; s[i] != '\0'; i++) {
		if (i == CRYPTO_ID_LEN)
			return "invalid";
		if (!isascii((unsigned char)s[i]) ||
		    !(isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_'))
			return "invalid";
	}
	return i == CRYPTO_ID_LEN ? NULL : "invalid";
}

bool
valid_slug(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || s[0] == '-')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (i == 32 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

bool
valid_talent_id(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || s[0] == '-' || s[0] == '_')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (i == 32 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

bool
valid_phone(const char *s)
{
	size_t digits = 0;
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!(*p == ' ' || *p == '-' || *p == '(' || *p == ')' ||
		    (*p == '+' && p == s)))
			return false;
	}
	return digits >= 6 && digits <= 15;
}

const char *
valid_long(const char *s, long min, long max, long *out)
{
	const char	*p;
	char		*end;
	long		 v;

	if (s == NULL || *s == '\0')
		return "required";
	/* Plain decimal only: no white space, no '+', no hex. */
	p = *s == '-' ? s + 1 : s;
	if (*p == '\0')
		return "invalid";
	for (; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return "invalid";
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE || v < min || v > max)
		return "out_of_range";
	*out = v;
	return NULL;
}

const char *
valid_decimal(const char *s, double min, double max, double *out)
{
	size_t	 i, dots = 0, digits = 0;
	double	 v;

	if (s == NULL || *s == '\0')
		return "invalid";
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '.') {
			/* One '.', with a digit before it. */
			if (dots++ > 0 || digits == 0)
				return "invalid";
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return "invalid";
		digits++;
	}
	if (s[i - 1] == '.')
		return "invalid";
	v = strtod(s, NULL);
	if (!(v >= min && v <= max))
		return "out_of_range";
	*out = v;
	return NULL;
}

/* ---------------------------------------------------------- valid_object */

static const char *const type_names[] = {
	[F_STRING] = "a string",
	[F_TEXT] = "a string",
	[F_INT] = "an integer",
	[F_NUMBER] = "a number",
	[F_BOOL] = "true or false",
	[F_ENUM] = "a string",
	[F_EMAIL] = "a string",
	[F_PASSWORD] = "a string",
	[F_POSTCODE] = "a string",
	[F_TIME] = "a string",
	[F_HHMM] = "a string",
	[F_ID] = "a string",
	[F_STRING_ARRAY] = "an array of strings",
	[F_OBJECT] = "an object",
	[F_ARRAY] = "an array of objects",
};

/* The sentence that goes with an error code; never shows the value. */
static const char *
message_for(const char *code, const struct field *f, char *buf, size_t sz)
{
	bool	 chars = f->type != F_STRING_ARRAY && f->type != F_ARRAY;

	if (strcmp(code, "required") == 0)
		return "This field is required.";
	if (strcmp(code, "wrong_type") == 0) {
		snprintf(buf, sz, "Must be %s.", type_names[f->type]);
		return buf;
	}
	if (strcmp(code, "invalid_utf8") == 0)
		return "Must be valid UTF-8.";
	if (strcmp(code, "common_password") == 0)
		return "This password is too easy to guess: it is a common "
		    "password or a word with digits or symbols around it. "
		    "Choose a longer one, a few words in a sentence for example.";
	if (strcmp(code, "not_allowed") == 0)
		return "Not one of the allowed values.";
	if (strcmp(code, "too_short") == 0) {
		snprintf(buf, sz, "Must have at least %ld %s.", f->min,
		    chars ? "characters" : "items");
		return buf;
	}
	if (strcmp(code, "too_long") == 0) {
		snprintf(buf, sz, "Must have at most %ld %s.", f->max,
		    chars ? "characters" : "items");
		return buf;
	}
	if (strcmp(code, "out_of_range") == 0) {
		if (f->type == F_INT || f->type == F_NUMBER)
			snprintf(buf, sz, "Must be between %ld and %ld.",
			    f->min, f->max);
		else
			snprintf(buf, sz, "Out of range.");
		return buf;
	}
	switch (f->type) {
	case F_EMAIL:
		return "Not a valid e-mail address.";
	case F_POSTCODE:
		return "Not a valid postcode (1234AB, 1234 AB or 1234).";
	case F_TIME:
		return "Not a valid RFC 3339 date-time (2026-11-23T10:00:00Z).";
	case F_HHMM:
		return "Not a valid time of day (HH:MM, 00:00 to 24:00).";
	case F_ID:
		return "Not a valid id.";
	case F_STRING_ARRAY:
		return "Items must be distinct.";
	default:
		return "Contains characters that are not allowed.";
	}
}

/* Stand-in for messages about a value that must be an object. */
static const struct field object_field = { "", F_OBJECT, 0, 0, 0, NULL, NULL };

static void
add(struct req *r, const char *name, const char *code, const struct field *f)
{
	char	 msg[128];

	problem_field(r, name, code, message_for(code, f, msg, sizeof(msg)));
}

static bool
in_choices(const char *const *choices, const char *s)
{
	for (; choices != NULL && *choices != NULL; choices++)
		if (strcmp(*choices, s) == 0)
			return true;
	return false;
}

/* The string of v with its length; NULL (and a code in *code) when v is not
 * a string or holds a NUL, which C code after us would silently cut off. */
static const char *
string_of(json_object *v, size_t *len, const char **code)
{
	const char	*s;
	int		 n;

	if (!json_object_is_type(v, json_type_string)) {
		*code = "wrong_type";
		return NULL;
	}
	s = json_object_get_string(v);
	n = json_object_get_string_len(v);
	if (s == NULL || n < 0) {
		*code = "wrong_type";
		return NULL;
	}
	*len = (size_t)n;
	if (memchr(s, '\0', *len) != NULL) {
		*code = "invalid";
		return NULL;
	}
	return s;
}

static int
check_array_len(struct req *r, const char *name, json_object *v,
    const struct field *f)
{
	size_t	 n = json_object_array_length(v);

	if (f->min > 0 && n < (size_t)f->min) {
		add(r, name, "too_short", f);
		return 1;
	}
	if (f->max > 0 && n > (size_t)f->max) {
		add(r, name, "too_long", f);
		return 1;
	}
	return 0;
}

/* True when item i of array v repeats an earlier string item. */
static bool
repeats_earlier(json_object *v, size_t i, const char *s, size_t len)
{
	json_object	*e;
	size_t		 j;

	for (j = 0; j < i; j++) {
		e = json_object_array_get_idx(v, j);
		if (json_object_is_type(e, json_type_string) &&
		    (size_t)json_object_get_string_len(e) == len &&
		    memcmp(json_object_get_string(e), s, len) == 0)
			return true;
	}
	return false;
}

static int
check_string_array(struct req *r, const char *name, json_object *v,
    const struct field *f)
{
	/* Items are non-empty lines of text; their messages speak of one. */
	const struct field	 one = { f->name, F_STRING, 0, 1, 0, NULL, NULL };
	const struct field	*why;
	char			 item[FIELD_NAME_MAX + 24];
	const char		*s, *code;
	size_t			 n, i, len = 0;
	int			 errors;

	if (!json_object_is_type(v, json_type_array)) {
		add(r, name, "wrong_type", f);
		return 1;
	}
	errors = check_array_len(r, name, v, f);
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		code = NULL;
		why = &one;
		s = string_of(json_object_array_get_idx(v, i), &len, &code);
		if (s != NULL)
			code = valid_text(s, len, 1, 0, false);
		if (code == NULL && f->choices != NULL && !in_choices(f->choices, s))
			code = "not_allowed";
		/* A repeated item is a mistake, and would break the unique
		 * key of the link table behind it. */
		if (code == NULL && repeats_earlier(v, i, s, len)) {
			code = "invalid";
			why = f;
		}
		if (code != NULL) {
			snprintf(item, sizeof(item), "%s[%zu]", name, i);
			add(r, item, code, why);
			errors++;
		}
	}
	return errors;
}

static int
check_number(struct req *r, const char *name, json_object *v,
    const struct field *f)
{
	bool	 ranged = f->min != 0 || f->max != 0;
	double	 d;
	int64_t	 i;

	if (f->type == F_INT) {
		if (!json_object_is_type(v, json_type_int)) {
			add(r, name, "wrong_type", f);
			return 1;
		}
		i = json_object_get_int64(v);
		/* json-c clamps integers beyond int64 to the limits. */
		if (ranged && (i < f->min || i > f->max)) {
			add(r, name, "out_of_range", f);
			return 1;
		}
		return 0;
	}
	if (!json_object_is_type(v, json_type_int) &&
	    !json_object_is_type(v, json_type_double)) {
		add(r, name, "wrong_type", f);
		return 1;
	}
	d = json_object_get_double(v);
	if (!isfinite(d) || (ranged && (d < (double)f->min ||
	    d > (double)f->max))) {
		add(r, name, "out_of_range", f);
		return 1;
	}
	return 0;
}

/* One present, non-null value v of field f, named name. */
static int
check_value(struct req *r, const char *name, json_object *v,
    const struct field *f)
{
	char		 item[FIELD_NAME_MAX + 24], pc4[5];
	const char	*s, *code = NULL;
	size_t		 len = 0, n, i;
	time_t		 t;
	int		 minutes, errors;
	json_object	*e;

	switch (f->type) {
	case F_INT:
	case F_NUMBER:
		return check_number(r, name, v, f);
	case F_BOOL:
		if (!json_object_is_type(v, json_type_boolean)) {
			add(r, name, "wrong_type", f);
			return 1;
		}
		return 0;
	case F_STRING_ARRAY:
		return check_string_array(r, name, v, f);
	case F_OBJECT:
		if (!json_object_is_type(v, json_type_object)) {
			add(r, name, "wrong_type", f);
			return 1;
		}
		return valid_object(r, v, f->sub, name);
	case F_ARRAY:
		if (!json_object_is_type(v, json_type_array)) {
			add(r, name, "wrong_type", f);
			return 1;
		}
		errors = check_array_len(r, name, v, f);
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			snprintf(item, sizeof(item), "%s[%zu]", name, i);
			e = json_object_array_get_idx(v, i);
			if (!json_object_is_type(e, json_type_object)) {
				add(r, item, "wrong_type", &object_field);
				errors++;
			} else
				errors += valid_object(r, e, f->sub, item);
		}
		return errors;
	default:
		break;
	}

	/* Everything else is a string. */
	if ((s = string_of(v, &len, &code)) == NULL) {
		add(r, name, code, f);
		return 1;
	}
	switch (f->type) {
	case F_STRING:
		code = valid_text(s, len, f->min, f->max, false);
		break;
	case F_PASSWORD:
		/* A new password: long enough, and not one a guesser tries
		 * first (passwords.c; ASVS V6.2). */
		if ((code = valid_text(s, len, f->min, f->max, false)) == NULL &&
		    passwords_common(s, len))
			code = "common_password";
		break;
	case F_TEXT:
		code = valid_text(s, len, f->min, f->max, true);
		break;
	case F_ENUM:
		if (!in_choices(f->choices, s))
			code = "not_allowed";
		break;
	case F_EMAIL:
		/* Spaces around an address are a slip of the keyboard, not
		 * another address: check what valid_email_normalise keeps. */
		if ((code = valid_text(s, len, 0, 0, false)) == NULL) {
			char buf[EMAIL_MAX + 1];
			size_t from = 0, to = len;

			while (from < to && (s[from] == ' ' || s[from] == '\t'))
				from++;
			while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t'))
				to--;
			if (to - from > EMAIL_MAX)
				code = "too_long";
			else {
				memcpy(buf, s + from, to - from);
				buf[to - from] = '\0';
				code = valid_email(buf);
			}
		}
		break;
	case F_POSTCODE:
		if ((code = valid_text(s, len, 0, 0, false)) == NULL)
			code = valid_postcode(s, pc4);
		break;
	case F_TIME:
		if ((code = valid_text(s, len, 0, 0, false)) == NULL)
			code = valid_time(s, &t);
		break;
	case F_HHMM:
		if ((code = valid_text(s, len, 0, 0, false)) == NULL)
			code = valid_hhmm(s, &minutes);
		break;
	case F_ID:
		code = valid_id(s);
		break;
	default:
		code = "wrong_type";	/* a table naming no known type */
		break;
	}
	/* An empty string where a value is required is a missing value. */
	if (code != NULL && strcmp(code, "required") == 0 &&
	    !(f->flags & FIELD_REQUIRED))
		code = "invalid";
	if (code != NULL) {
		add(r, name, code, f);
		return 1;
	}
	return 0;
}

/*
 * A body (or nested value) that is not an object at all is reported once,
 * under the prefix, or under "body" at the top level.
 */
int
valid_object(struct req *r, json_object *obj, const struct field *table,
    const char *prefix)
{
	char			 name[FIELD_NAME_MAX];
	const struct field	*f;
	json_object		*v;
	int			 errors = 0;

	if (!json_object_is_type(obj, json_type_object)) {
		add(r, prefix != NULL && *prefix != '\0' ? prefix : "body",
		    "wrong_type", &object_field);
		return 1;
	}
	for (f = table; f != NULL && f->name != NULL; f++) {
		if (prefix != NULL && *prefix != '\0')
			snprintf(name, sizeof(name), "%s.%s", prefix, f->name);
		else
			snprintf(name, sizeof(name), "%s", f->name);

		if (!json_object_object_get_ex(obj, f->name, &v)) {
			if (f->flags & FIELD_REQUIRED) {
				add(r, name, "required", f);
				errors++;
			}
			continue;
		}
		if (v == NULL) {	/* JSON null */
			if (f->flags & FIELD_NULLABLE)
				continue;
			add(r, name, f->flags & FIELD_REQUIRED ? "required" :
			    "wrong_type", f);
			errors++;
			continue;
		}
		errors += check_value(r, name, v, f);
	}
	return errors;
}
