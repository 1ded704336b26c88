/*
 * json.h — small helpers over json-c for reading bodies and writing answers.
 *
 * Handlers build answers with json-c directly; these helpers only remove the
 * repetition (NULL becomes JSON null, typed getters that tolerate absence).
 * Parsing is strict and rejects invalid UTF-8.
 */
#ifndef BH_JSON_H
#define BH_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

/* Parses exactly one JSON value from buf (strict, UTF-8 validated).
 * Returns a new reference or NULL when the text is not valid JSON. */
json_object *json_parse(const char *buf, size_t len);

/* The same, telling the JSON value null (0, *out NULL) from invalid text
 * (-1). */
int json_parse_value(json_object **out, const char *buf, size_t len)
	__attribute__((warn_unused_result));

/* Sets key to a string (JSON null when s is NULL). */
void json_put_str(json_object *o, const char *key, const char *s);
void json_put_strn(json_object *o, const char *key, const char *s, size_t n);
void json_put_int(json_object *o, const char *key, long long v);
void json_put_double(json_object *o, const char *key, double v);
void json_put_bool(json_object *o, const char *key, bool v);
/* Takes ownership of v (NULL becomes JSON null). */
void json_put(json_object *o, const char *key, json_object *v);

/* The string at key, or NULL when absent, null or not a string. Owned by o. */
const char *json_get_str(json_object *o, const char *key);
/* The object/array at key or NULL. Borrowed reference. */
json_object *json_get_obj(json_object *o, const char *key);
json_object *json_get_arr(json_object *o, const char *key);
/* True when key is present (even as null). */
bool json_has(json_object *o, const char *key);
/* Integer at key into *out; returns false when absent or not an integer. */
bool json_get_int(json_object *o, const char *key, long long *out);
bool json_get_bool(json_object *o, const char *key, bool *out);

/* Compact serialisation, owned by o. */
const char *json_text(json_object *o, size_t *len);

#endif
