/*
 * fuzz_sqlfile.c — libFuzzer target for the SQL file splitter of
 * burenhulpctl (migrations, grants, demo data: ctl/sqlfile.c, included
 * here for its static sql_split; the code that ships, not a copy).
 *
 * Invariants: no comment line ever reaches the server; statements come in
 * the order of their first lines; together they hold no more bytes than
 * the file; a statement ends where a line ended in ';' and that ';' is not
 * sent.
 */
#include "ctl/sqlfile.c"

#include <assert.h>
#include <stdint.h>

struct seen {
	size_t	 last_line, bytes, n;
};

static int
check(void *ctx, size_t line, const char *sql, size_t len)
{
	struct seen *s = ctx;
	const char *p = sql, *end = sql + len, *nl;

	assert(line > s->last_line);
	s->last_line = line;
	s->bytes += len;
	s->n++;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		while (p < nl && (*p == ' ' || *p == '\t'))
			p++;
		assert(!(p < nl && *p == '#'));
		assert(!(p + 1 < nl && p[0] == '-' && p[1] == '-'));
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen	 s = { 0, 0, 0 };
	FILE		*f;

	if (size == 0 || (f = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	assert(sql_split(f, "fuzz.sql", check, &s) == 0);
	fclose(f);
	assert(s.bytes + s.n <= size + 1);
	assert(s.n <= size);
	return 0;
}
