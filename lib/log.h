/*
 * log.h — structured log lines on stderr.
 *
 * One line per request (log_request) plus warnings and errors. Nothing
 * private ever goes through here: no bodies, no query strings, no e-mail
 * addresses, no tokens. Callers log ids and codes, never values.
 */
#ifndef BH_LOG_H
#define BH_LOG_H

void log_init(const char *program);
/* From now on stderr is the file at path (appended, created 0640);
 * log_reopen opens that path again, for logrotate (SIGHUP). Without
 * log_open, lines go to the inherited stderr (the journal under systemd)
 * and log_reopen does nothing. log_reopen is async-signal-safe. Both
 * return 0, or -1 when the file cannot be opened (the old one stays). */
int log_open(const char *path);
int log_reopen(void);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* method, path without query string, status, duration, user id or "-". */
void log_request(const char *method, const char *path, int status,
    double duration_ms, const char *user_id);

#endif
