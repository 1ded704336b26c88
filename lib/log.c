/*
 * log.c — one line per event on stderr; see log.h for what may be logged.
 *
 * With a log file (log_open), stderr *is* that file: opened for appending,
 * mode 0640, and put on fd 2 with dup2, so sanitizer reports and stray
 * writes land there too. log_reopen, from the SIGHUP handler, opens the
 * path again and dup2s it over fd 2: after logrotate renamed the file, the
 * next line goes to a new file of that name. dup2 swaps fd 2 in one step,
 * so a worker writing at that moment writes whole to the old or the new.
 *
 * Each line is formatted in the caller's own buffer and written with one
 * write(2): lines from several workers cannot interleave (stderr is a log
 * file opened for appending, or a pipe, and a line is far below PIPE_BUF),
 * and no worker waits for another's. With fprintf every request's line
 * took stderr's lock, and the workers queued on it (tests/bench: more
 * than one futex call per request).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *program = "burenhulp";
static char log_path[PATH_MAX];		/* "" when logging to the inherited stderr */

/* Only async-signal-safe calls: log_reopen runs in a signal handler. */
static int
open_onto_stderr(const char *path)
{
	int fd;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
	if (fd < 0)
		return -1;
	(void)fchmod(fd, 0640);	/* one made by a shell with a looser umask */
	if (fd != STDERR_FILENO) {
		if (dup2(fd, STDERR_FILENO) < 0) {
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

int
log_open(const char *path)
{
	if (path == NULL || *path == '\0' || strlen(path) >= sizeof(log_path))
		return -1;
	if (open_onto_stderr(path) != 0)
		return -1;
	memcpy(log_path, path, strlen(path) + 1);
	return 0;
}

int
log_reopen(void)
{
	int saved = errno, rc;

	rc = log_path[0] == '\0' ? 0 : open_onto_stderr(log_path);
	errno = saved;
	return rc;
}

void
log_init(const char *name)
{
	program = name;
	setvbuf(stderr, NULL, _IOLBF, 0);
}

/* "2026-11-23T10:00:00.123Z" into buf (at least 32 bytes). The part up
 * to the second is made once per second per thread. */
static void
stamp(char *buf, size_t n)
{
	static __thread time_t sec = -1;
	static __thread char whole[24];
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != sec) {
		gmtime_r(&ts.tv_sec, &tm);
		strftime(whole, sizeof(whole), "%Y-%m-%dT%H:%M:%S", &tm);
		sec = ts.tv_sec;
	}
	snprintf(buf, n, "%s.%03ldZ", whole, (long)(ts.tv_nsec / 1000000) % 1000);
}

/* Writes the n bytes of line to stderr, all of them, in one write when the
 * kernel allows. Nothing to do about a failure: there is nowhere to say. */
static void
emit(const char *line, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(STDERR_FILENO, line, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		line += w;
		n -= (size_t)w;
	}
}

/* Length of what snprintf wrote into a buffer of size cap (it returns what
 * it would have written); the line keeps its newline when cut. */
static size_t
line_length(char *line, size_t cap, int written)
{
	if (written < 0)
		return 0;
	if ((size_t)written >= cap) {
		line[cap - 2] = '\n';
		return cap - 1;
	}
	return (size_t)written;
}

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char ts[32], msg[1024], line[1200];

	stamp(ts, sizeof(ts));
	vsnprintf(msg, sizeof(msg), fmt, ap);
	emit(line, line_length(line, sizeof(line),
	    snprintf(line, sizeof(line), "%s %s %s %s\n", ts, program, level, msg)));
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
	char ts[32], line[512];

	stamp(ts, sizeof(ts));
	emit(line, line_length(line, sizeof(line), snprintf(line, sizeof(line),
	    "%s %s request method=%s path=%s status=%d ms=%.2f user=%s\n",
	    ts, program, method, path, status, duration_ms,
	    user_id != NULL && *user_id != '\0' ? user_id : "-")));
}
