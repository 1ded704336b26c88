/*
 * smtp.h — one SMTP client over libcurl, its connection kept between mails.
 *
 * smtp:// and smtps:// URLs; STARTTLS when the server offers it
 * (CURLUSESSL_TRY), AUTH with the URL's user:password, connect and total
 * timeouts. One easy handle for the life of the program: libcurl keeps the
 * connection open and sends the next mail over it.
 */
#ifndef BH_SMTP_H
#define BH_SMTP_H

#include <stddef.h>

struct smtp;

enum smtp_result {
	SMTP_SENT,		/* 250 after the data: the server has it */
	SMTP_TEMPORARY,		/* 4xx, or a sender refused: try again later */
	SMTP_PERMANENT,		/* 5xx on RCPT or the data: never again */
	SMTP_CONNECTION,	/* no server, timeout, TLS, login: later, and
				 * not the rest of this batch either */
};

/* NULL on failure (logged). url and ca_file (NULL: the system's CAs; else
 * the PEM file the server's certificate must chain to) are borrowed for
 * the life of the client. */
struct smtp *smtp_new(const char *url, const char *ca_file, long connect_timeout_s,
    long timeout_s);
void smtp_free(struct smtp *s);	/* accepts NULL */

/* Sends msg (len bytes, CRLF lines) from envelope sender from to rcpt.
 * *code: the server's last reply code (0 when none); why: a short text
 * for outbox.last_error that names no address (static storage). */
enum smtp_result smtp_send(struct smtp *s, const char *from, const char *rcpt,
    const char *msg, size_t len, long *code, const char **why);

/* curl_global_init / cleanup, once per program. 0 or -1. */
int smtp_global_init(void);
void smtp_global_end(void);

#endif
