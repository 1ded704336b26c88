/*
 * fuzz_valid.c — libFuzzer target for lib/valid.c.
 *
 * The input goes in twice: as a request body through json_parse and
 * valid_object (what the server does before any handler runs), against a
 * table that uses every field type, nesting and arrays; and as one
 * NUL-terminated value through every single-value validator, whose results
 * must then keep their promises (an accepted postcode has 4 digits, an
 * accepted time of day lies within the day, a decimal lies within its
 * bounds and is made of digits and at most one inner '.', a slug or a phone
 * number has only the characters it may have, the admin handler's sort key
 * and id checks take only their one shape, ...).
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"
#include "handlers/admin/admin.h"

static const char *const choices[] = { "shopping", "transport", "company", NULL };
static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat",
	"sun", NULL };

static const struct field when_fields[] = {
	{ "start", F_TIME, FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "end", F_TIME, FIELD_NULLABLE, 0, 0, NULL, NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static const struct field slot_fields[] = {
	{ "day", F_ENUM, FIELD_REQUIRED, 0, 0, days, NULL },
	{ "from", F_HHMM, FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "to", F_HHMM, FIELD_REQUIRED, 0, 0, NULL, NULL },
	{ "when", F_OBJECT, 0, 0, 0, NULL, when_fields },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static const struct field table[] = {
	{ "title", F_STRING, FIELD_REQUIRED, 3, 80, NULL, NULL },
	{ "description", F_TEXT, 0, 1, 4000, NULL, NULL },
	{ "category", F_ENUM, 0, 0, 0, choices, NULL },
	{ "email", F_EMAIL, 0, 0, 0, NULL, NULL },
	{ "password", F_PASSWORD, 0, 10, 1024, NULL, NULL },
	{ "postcode", F_POSTCODE, 0, 0, 0, NULL, NULL },
	{ "radius_km", F_INT, 0, 1, 100, NULL, NULL },
	{ "any_int", F_INT, 0, 0, 0, NULL, NULL },
	{ "hours", F_NUMBER, 0, 0, 24, NULL, NULL },
	{ "accept_terms", F_BOOL, 0, 0, 0, NULL, NULL },
	{ "id", F_ID, 0, 0, 0, NULL, NULL },
	{ "categories", F_STRING_ARRAY, 0, 1, 10, choices, NULL },
	{ "tags", F_STRING_ARRAY, FIELD_NULLABLE, 0, 0, NULL, NULL },
	{ "when", F_OBJECT, FIELD_NULLABLE, 0, 0, NULL, when_fields },
	{ "availability", F_ARRAY, 0, 0, 21, NULL, slot_fields },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static void
single_values(struct arena *a, const char *s, size_t len)
{
	char		 pc4[5], *norm;
	const char	*code;
	time_t		 t;
	long		 v, chars;
	double		 d;
	int		 minutes;

	chars = valid_utf8_chars(s, len);
	assert(chars >= -1 && chars <= (long)len);
	code = valid_text(s, len, 1, 100, false);
	assert(code != NULL || chars >= 1);
	(void)valid_text(s, len, 0, 0, true);

	if (valid_email(s) == NULL)
		assert(strlen(s) <= 254 && strchr(s, '@') != NULL);
	if ((norm = valid_email_normalise(a, s)) != NULL) {
		assert(valid_email(norm) == NULL);
		assert(strcmp(valid_email_normalise(a, norm), norm) == 0);
	}
	if (valid_postcode(s, pc4) == NULL)
		assert(strlen(pc4) == 4 && pc4[0] >= '1' && pc4[0] <= '9' &&
		    strspn(pc4, "0123456789") == 4);
	(void)valid_time(s, &t);
	if (valid_hhmm(s, &minutes) == NULL)
		assert(minutes >= 0 && minutes <= 24 * 60);
	if (valid_id(s) == NULL)
		assert(strlen(s) == 22);
	if (valid_long(s, -1000, 1000, &v) == NULL)
		assert(v >= -1000 && v <= 1000);

	/* valid_decimal: radius_km (0.1-100) and hours (0-24) in lists. */
	d = -1;
	if (valid_decimal(s, 0.1, 100, &d) == NULL) {
		assert(d >= 0.1 && d <= 100);
		assert(strspn(s, "0123456789.") == strlen(s));
		assert(s[0] != '.' && s[strlen(s) - 1] != '.');
		assert(strchr(s, '.') == strrchr(s, '.'));
	} else
		assert(d == -1);
	if ((code = valid_decimal(s, 0, 1e300, &d)) != NULL)
		assert(strcmp(code, "invalid") == 0 ||
		    strcmp(code, "out_of_range") == 0);

	if (valid_slug(s)) {
		assert(strlen(s) >= 1 && strlen(s) <= 32 && s[0] != '-');
		assert(strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s));
	}
	if (valid_phone(s)) {
		size_t i, digits = 0;

		for (i = 0; s[i] != '\0'; i++)
			digits += s[i] >= '0' && s[i] <= '9';
		assert(digits >= 6 && digits <= 15);
		assert(strspn(s, "0123456789 -()+") == strlen(s));
		assert(strchr(s, '+') == NULL || strrchr(s, '+') == s);
	}
	/* The admin handler's checks of cursor parts and ids. */
	if (admin_sortkey_ok(s))
		assert(strlen(s) == 26 && s[4] == '-' && s[7] == '-' &&
		    s[10] == ' ' && s[13] == ':' && s[16] == ':' && s[19] == '.' &&
		    strspn(s, "0123456789-: .") == 26);
	if (admin_digits_ok(s))
		assert(strlen(s) >= 1 && strlen(s) <= 18 &&
		    strspn(s, "0123456789") == strlen(s));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	struct req	 r;
	json_object	*o;
	char		*s;
	int		 n;

	memset(&r, 0, sizeof(r));
	r.arena = &a;
	if ((o = json_parse((const char *)data, size)) != NULL) {
		n = valid_object(&r, o, table, NULL);
		assert(n == problem_count(&r));
		json_object_put(o);
	}
	if (r.errors != NULL)
		json_object_put(r.errors);

	s = arena_strndup(&a, (const char *)data, size);
	single_values(&a, s, strlen(s));
	arena_reset(&a);
	return 0;
}
