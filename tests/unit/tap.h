/*
 * tap.h — the few lines of TAP the unit tests print.
 *
 * ok(cond, fmt, ...) prints "ok N - ..." or "not ok N - ... (file:line)";
 * tap_done() prints the plan and a summary line and returns the exit status
 * (non-zero when anything failed), so main ends with `return tap_done();`.
 * Header-only on purpose: each test is one program of one file.
 */
#ifndef BH_TAP_H
#define BH_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_run, tap_failed;

__attribute__((format(printf, 4, 5)))
static int
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;

	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!pass)
		printf(" (%s:%d)", file, line);
	putchar('\n');
	fflush(stdout);
	return pass;
}

#define ok(cond, ...)	tap_ok((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)

static int
tap_done(void)
{
	printf("1..%d\n", tap_run);
	printf("# %d passed, %d failed\n", tap_run - tap_failed, tap_failed);
	return tap_failed == 0 ? 0 : 1;
}

#endif
