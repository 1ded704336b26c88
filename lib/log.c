/*
 * log.c — one line per event on stderr; see log.h for what may be logged.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

static const char *program = "burenhulp";

void
log_init(const char *name)
{
	program = name;
	setvbuf(stderr, NULL, _IOLBF, 0);
}

static void
stamp(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, (long)(ts.tv_nsec / 1000000) % 1000);
}

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char ts[64], msg[1024];

	stamp(ts, sizeof(ts));
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* One fprintf so lines from several workers do not interleave. */
	fprintf(stderr, "%s %s %s %s\n", ts, program, level, msg);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("warn", fmt, ap);
	va_end(ap);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}

void
log_request(const char *method, const char *path, int status,
    double duration_ms, const char *user_id)
{
	char ts[64];

	stamp(ts, sizeof(ts));
	fprintf(stderr, "%s %s request method=%s path=%s status=%d ms=%.2f user=%s\n",
	    ts, program, method, path, status, duration_ms,
	    user_id != NULL && *user_id != '\0' ? user_id : "-");
}
