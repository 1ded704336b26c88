/*
 * json.c — json-c helpers; see json.h.
 */
#include <string.h>

#include "json.h"
#include "valid.h"

/*
 * json-c accepts a few things JSON does not, even in strict mode: strings in
 * single quotes and the bare words NaN and Infinity. This lexical pass
 * refuses them (and any other bare word but true, false, null) before
 * json-c parses; it does not check the grammar, json-c does that.
 */
static bool
lexically_json(const char *buf, size_t len)
{
	bool in_string = false;
	size_t i, start;

	for (i = 0; i < len; i++) {
		char c = buf[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			continue;
		}
		if (c == '"')
			in_string = true;
		else if (c == '\'')
			return false;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			/* An exponent belongs to the number before it. */
			if ((c == 'e' || c == 'E') && i > 0 &&
			    buf[i - 1] >= '0' && buf[i - 1] <= '9')
				continue;
			start = i;
			while (i < len && ((buf[i] >= 'a' && buf[i] <= 'z') ||
			    (buf[i] >= 'A' && buf[i] <= 'Z')))
				i++;
			if (!((i - start == 4 && memcmp(buf + start, "true", 4) == 0) ||
			    (i - start == 5 && memcmp(buf + start, "false", 5) == 0) ||
			    (i - start == 4 && memcmp(buf + start, "null", 4) == 0)))
				return false;
			i--;
		}
	}
	return true;
}

int
json_parse_value(json_object **out, const char *buf, size_t len)
{
	struct json_tokener *tok;
	json_object *o;
	size_t end;
	int rc = -1;

	*out = NULL;
	/* A raw NUL is never JSON, and would end the C strings we hand on;
	 * json-c's own UTF-8 check lets overlong forms and surrogates pass. */
	if (len > (size_t)INT32_MAX || memchr(buf, '\0', len) != NULL ||
	    valid_utf8_chars(buf, len) < 0 || !lexically_json(buf, len) ||
	    (tok = json_tokener_new()) == NULL)
		return -1;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, buf, (int)len);
	if (o == NULL) {
		/* A number at the very end may still grow as far as json-c
		 * knows: one space tells it the text is complete. */
		if (json_tokener_get_error(tok) == json_tokener_continue)
			o = json_tokener_parse_ex(tok, " ", 1);
		/* Success with no object is the JSON value null. */
		if (json_tokener_get_error(tok) == json_tokener_success)
			rc = 0;
		goto out;
	}
	/* After the one value only white space may follow. */
	for (end = json_tokener_get_parse_end(tok); end < len; end++)
		if (buf[end] != ' ' && buf[end] != '\t' && buf[end] != '\r' &&
		    buf[end] != '\n')
			goto out;
	rc = 0;
out:
	if (rc == 0)
		*out = o;
	else
		json_object_put(o);
	json_tokener_free(tok);
	return rc;
}

json_object *
json_parse(const char *buf, size_t len)
{
	json_object *o;

	return json_parse_value(&o, buf, len) == 0 ? o : NULL;
}

void
json_put(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

void
json_put_str(json_object *o, const char *key, const char *s)
{
	json_put(o, key, s == NULL ? NULL : json_object_new_string(s));
}

void
json_put_strn(json_object *o, const char *key, const char *s, size_t n)
{
	json_put(o, key, s == NULL ? NULL : json_object_new_string_len(s, (int)n));
}

void
json_put_int(json_object *o, const char *key, long long v)
{
	json_put(o, key, json_object_new_int64(v));
}

void
json_put_double(json_object *o, const char *key, double v)
{
	json_put(o, key, json_object_new_double(v));
}

void
json_put_bool(json_object *o, const char *key, bool v)
{
	json_put(o, key, json_object_new_boolean(v));
}

const char *
json_get_str(json_object *o, const char *key)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

json_object *
json_get_obj(json_object *o, const char *key)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_object))
		return NULL;
	return v;
}

json_object *
json_get_arr(json_object *o, const char *key)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_array))
		return NULL;
	return v;
}

bool
json_has(json_object *o, const char *key)
{
	return o != NULL && json_object_object_get_ex(o, key, NULL);
}

bool
json_get_int(json_object *o, const char *key, long long *out)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		return false;
	*out = json_object_get_int64(v);
	return true;
}

bool
json_get_bool(json_object *o, const char *key, bool *out)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_boolean))
		return false;
	*out = json_object_get_boolean(v);
	return true;
}

const char *
json_text(json_object *o, size_t *len)
{
	size_t n = 0;
	const char *s;

	s = json_object_to_json_string_length(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &n);
	if (len != NULL)
		*len = n;
	return s;
}
