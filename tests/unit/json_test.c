/*
 * json_test.c — the JSON helpers: strict parsing (UTF-8, trailing bytes,
 * depth), typed getters that tolerate absence, and output.
 */
#include <string.h>

#include "json.h"
#include "tap.h"

struct parse_case {
	const char	*text;
	size_t		 len;	/* 0: strlen */
	int		 valid;
};

static const struct parse_case parse_cases[] = {
	{ "{}", 0, 1 },
	{ "{\"a\": 1}", 0, 1 },
	{ "  {\"a\": \"b\"}\n", 0, 1 },
	{ "[1, 2]", 0, 1 },
	{ "\"caf\xc3\xa9\"", 0, 1 },
	{ "", 0, 0 },
	{ "{", 0, 0 },
	{ "{\"a\": 1} x", 0, 0 },
	{ "{\"a\": 1}{}", 0, 0 },
	{ "{'a': 1}", 0, 0 },
	{ "{\"a\": 1,}", 0, 0 },
	{ "\"\xff\xfe\"", 0, 0 },		/* invalid UTF-8 */
	{ "\"\xc3\"", 0, 0 },			/* truncated sequence */
	{ "{\"a\": NaN}", 0, 0 },
	{ "{\"a\": 1}\0{}", 11, 0 },		/* NUL inside the body */
	{ "{\"a\": 1}\n\0", 10, 0 },		/* NUL after the value */
	{ "2", 0, 1 },				/* a number ending the text */
	{ "-2.5e3", 0, 1 },
	{ "2 3", 0, 0 },
};

static void
test_parse(void)
{
	size_t i;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		size_t len = c->len ? c->len : strlen(c->text);
		json_object *o = json_parse(c->text, len);

		ok((o != NULL) == c->valid, "parse case %zu is %s", i,
		    c->valid ? "valid" : "refused");
		json_object_put(o);
	}
}

static void
test_deep(void)
{
	char buf[4096];
	size_t i, n = 0;
	json_object *o;

	for (i = 0; i < 1000; i++)
		buf[n++] = '[';
	for (i = 0; i < 1000; i++)
		buf[n++] = ']';
	o = json_parse(buf, n);
	ok(o == NULL, "nesting 1000 deep is refused, not a crash");
	json_object_put(o);
}

static void
test_getters(void)
{
	const char *text = "{\"s\": \"x\", \"n\": 5, \"b\": true, \"z\": null, "
	    "\"o\": {}, \"a\": [1]}";
	json_object *o = json_parse(text, strlen(text));
	long long n = 0;
	bool b = false;

	ok(o != NULL, "fixture parses");
	ok(json_get_str(o, "s") != NULL && strcmp(json_get_str(o, "s"), "x") == 0, "string");
	ok(json_get_str(o, "n") == NULL, "a number is not a string");
	ok(json_get_str(o, "z") == NULL && json_has(o, "z"), "null is present but no string");
	ok(json_get_str(o, "missing") == NULL && !json_has(o, "missing"), "absent");
	ok(json_get_int(o, "n", &n) && n == 5, "integer");
	ok(!json_get_int(o, "s", &n), "a string is not an integer");
	ok(json_get_bool(o, "b", &b) && b, "boolean");
	ok(json_get_obj(o, "o") != NULL && json_get_obj(o, "a") == NULL, "object getter");
	ok(json_get_arr(o, "a") != NULL && json_get_arr(o, "o") == NULL, "array getter");
	ok(json_get_str(NULL, "s") == NULL, "NULL object tolerated");
	json_object_put(o);
}

static void
test_output(void)
{
	json_object *o = json_object_new_object();
	const char *text;
	size_t len;

	json_put_str(o, "a", "x/y");
	json_put_str(o, "b", NULL);
	json_put_int(o, "c", 3);
	json_put_bool(o, "d", false);
	json_put_strn(o, "e", "abcdef", 3);
	text = json_text(o, &len);
	ok(strcmp(text, "{\"a\":\"x/y\",\"b\":null,\"c\":3,\"d\":false,\"e\":\"abc\"}") == 0,
	    "compact output without escaped slashes: %s", text);
	ok(len == strlen(text), "length reported");
	json_object_put(o);
}

int
main(void)
{
	test_parse();
	test_deep();
	test_getters();
	test_output();
	return tap_done();
}
