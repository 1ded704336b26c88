/*
 * util.c — small helpers the admin handler's files share: paging
 * parameters, shape checks of cursor parts and slugs, numbers with an exact
 * decimal text, public user objects, LIKE patterns.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "arena.h"
#include "cursor.h"
#include "http.h"
#include "json.h"
#include "problem.h"
#include "valid.h"

#define SLUG_MAX	32

void
admin_limit(struct req *r, long *limit)
{
	const char *lim = http_query(r, "limit"), *code;

	*limit = 20;
	if (lim != NULL && (code = valid_long(lim, 1, 100, limit)) != NULL) {
		*limit = 20;
		problem_field(r, "limit", code, "limit is a whole number from 1 to 100.");
	}
}

int
admin_cursor(struct req *r, char **parts, size_t n, bool (*check)(const char *))
{
	const char *cur = http_query(r, "cursor");
	size_t i;

	for (i = 0; i < n; i++)
		parts[i] = NULL;
	if (cur == NULL)
		return 0;
	if (cursor_decode(r->arena, cur, parts, n) != 0)
		goto bad;
	if (n > 0 && check != NULL && !check(parts[0]))
		goto bad;
	/* The last part of every cursor with more than one is an id. */
	if (n > 1 && valid_id(parts[n - 1]) != NULL)
		goto bad;
	return 0;
bad:
	for (i = 0; i < n; i++)
		parts[i] = NULL;
	problem_send(r, 400, "bad_request", "The cursor is not valid.");
	return -1;
}

bool
admin_sortkey_ok(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd.dddddd";
	size_t i;

	if (s == NULL || strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	return true;
}

bool
admin_digits_ok(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 18)
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool
admin_slug_ok(const char *s)
{
	return valid_slug(s);
}

json_object *
admin_number(double v, int decimals)
{
	char buf[64];
	double scale = pow(10.0, decimals);

	v = round(v * scale) / scale;
	if (v == 0.0)
		v = 0.0;	/* no "-0.0" */
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	return json_object_new_double_s(v, buf);
}

json_object *
admin_user_json(const char *id, const char *display_name)
{
	json_object *u;

	if (id == NULL)
		return NULL;
	u = json_object_new_object();
	json_put_str(u, "id", id);
	json_put_str(u, "display_name", display_name);
	return u;
}

json_object *
admin_behalf_json(const struct db_rows *rows, size_t i, size_t col)
{
	json_object *o, *c;

	if (db_is_null(rows, i, col))
		return NULL;
	o = json_object_new_object();
	json_put_str(o, "first_name", db_str(rows, i, col));
	if (!db_is_null(rows, i, col + 1)) {
		c = json_object_new_object();
		json_put_str(c, "how", db_str(rows, i, col + 1));
		json_put_str(c, "recorded_at", db_str(rows, i, col + 2));
		json_put(c, "recorded_by", admin_user_json(db_str(rows, i, col + 3),
		    db_str(rows, i, col + 4)));
		json_put(o, "consent", c);
	}
	return o;
}

json_object *
admin_csv_array(const char *list)
{
	json_object *arr = json_object_new_array();
	const char *p = list, *comma;

	while (p != NULL && *p != '\0') {
		comma = strchr(p, ',');
		json_object_array_add(arr, json_object_new_string_len(p,
		    comma != NULL ? (int)(comma - p) : (int)strlen(p)));
		p = comma != NULL ? comma + 1 : NULL;
	}
	return arr;
}

char *
admin_like_pattern(struct req *r, const char *s)
{
	return arena_printf(r->arena, "%%%s%%", db_like_escape(r->arena, s));
}
