/*
 * fuzz_json.c — libFuzzer target for json_parse (lib/json.c), the parser of
 * every request body.
 *
 * Whatever it accepts must serialise to text that it accepts again, and that
 * second text must be a fixed point (serialising it again changes nothing):
 * the server echoes parsed values back, so an accepted body must never turn
 * into an answer that clients cannot read. Bodies are objects (or arrays);
 * a bare top-level scalar is only parsed, not round-tripped, since json-c
 * cannot tell where a number at the very end of the text stops.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* Reads back every member through the helpers the handlers use. */
static void
walk(json_object *o)
{
	long long	 i;
	bool		 b;

	if (!json_object_is_type(o, json_type_object))
		return;
	json_object_object_foreach(o, key, v) {
		(void)json_get_str(o, key);
		(void)json_get_int(o, key, &i);
		(void)json_get_bool(o, key, &b);
		assert(json_has(o, key));
		if (json_get_obj(o, key) != NULL)
			walk(v);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_object	*o, *again, *third;
	const char	*text, *text2, *text3;
	size_t		 len, len2, len3;

	if ((o = json_parse((const char *)data, size)) == NULL)
		return 0;
	/* Raw NUL is never valid in JSON text, not even inside a string. */
	assert(memchr(data, '\0', size) == NULL);
	walk(o);
	if (!json_object_is_type(o, json_type_object) &&
	    !json_object_is_type(o, json_type_array))
		goto out;
	text = json_text(o, &len);
	assert(text != NULL && strlen(text) == len);
	again = json_parse(text, len);
	assert(again != NULL);
	text2 = json_text(again, &len2);
	third = json_parse(text2, len2);
	assert(third != NULL);
	text3 = json_text(third, &len3);
	assert(len2 == len3 && memcmp(text2, text3, len2) == 0);
	json_object_put(third);
	json_object_put(again);
out:
	json_object_put(o);
	return 0;
}
