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
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* method, path without query string, status, duration, user id or "-". */
void log_request(const char *method, const char *path, int status,
    double duration_ms, const char *user_id);

#endif
