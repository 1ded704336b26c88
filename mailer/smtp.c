/*
 * smtp.c — the SMTP client, libcurl's; see smtp.h.
 *
 * No SMTP is spoken here by hand: libcurl runs the dialogue (EHLO,
 * STARTTLS, AUTH, MAIL, RCPT, DATA) and this file only tells the outcome
 * apart, and starts a new connection after any failure. libcurl reports a refused RCPT or DATA as a send error with the
 * server's reply code (CURLINFO_RESPONSE_CODE); a refused MAIL FROM is our
 * sender's problem, not the recipient's, so it is temporary.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "log.h"
#include "smtp.h"

struct smtp {
	CURL		*curl;
	const char	*url, *ca_file;
	long		 connect_timeout_s, timeout_s;
	bool		 fresh;		/* the last transfer failed: new connection */
	char		 err[CURL_ERROR_SIZE];
};

struct upload {
	const char	*p;
	size_t		 left;
};

int
smtp_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
smtp_global_end(void)
{
	curl_global_cleanup();
}

struct smtp *
smtp_new(const char *url, const char *ca_file, long connect_timeout_s, long timeout_s)
{
	struct smtp *s;

	if (url == NULL || (strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0)) {
		log_error("smtp: smtp_url must be smtp:// or smtps://");
		return NULL;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	if ((s->curl = curl_easy_init()) == NULL) {
		log_error("smtp: curl_easy_init failed");
		free(s);
		return NULL;
	}
	s->url = url;
	s->ca_file = ca_file;
	s->connect_timeout_s = connect_timeout_s;
	s->timeout_s = timeout_s;
	return s;
}

void
smtp_free(struct smtp *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	free(s);
}

static size_t
read_cb(char *out, size_t size, size_t nitems, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nitems;

	if (n > u->left)
		n = u->left;
	memcpy(out, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* The options of one transfer on the kept handle. */
static int
setup(struct smtp *s, const char *from, struct curl_slist *rcpts, struct upload *u)
{
	CURL *c = s->curl;

	s->err[0] = '\0';
	if (curl_easy_setopt(c, CURLOPT_URL, s->url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY) != CURLE_OK ||
	    (s->ca_file != NULL &&
	    curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file) != CURLE_OK) ||
	    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_READDATA, u) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u->left) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, s->connect_timeout_s) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT, s->timeout_s) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, s->fresh ? 1L : 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->err) != CURLE_OK)
		return -1;
	return 0;
}

enum smtp_result
smtp_send(struct smtp *s, const char *from, const char *rcpt,
    const char *msg, size_t len, long *code, const char **why)
{
	struct curl_slist *rcpts = NULL;
	struct upload u = { msg, len };
	char *from_env = NULL, *rcpt_env = NULL;
	enum smtp_result res = SMTP_CONNECTION;
	CURLcode rc;
	long reply = 0;

	*code = 0;
	*why = "internal";
	if (asprintf(&from_env, "<%s>", from) < 0) {
		from_env = NULL;
		goto out;
	}
	if (asprintf(&rcpt_env, "<%s>", rcpt) < 0) {
		rcpt_env = NULL;
		goto out;
	}
	if ((rcpts = curl_slist_append(NULL, rcpt_env)) == NULL)
		goto out;
	if (setup(s, from_env, rcpts, &u) != 0) {
		*why = "curl options";
		goto out;
	}
	rc = curl_easy_perform(s->curl);
	(void)curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &reply);
	*code = reply;
	/* After a refusal the server's state is not ours to guess (a half
	 * transaction, a "nested MAIL" answer): the next mail starts over. */
	s->fresh = rc != CURLE_OK;
	if (rc == CURLE_OK) {
		res = SMTP_SENT;
		*why = "sent";
		goto out;
	}
	if (reply >= 400 && reply < 600 && strncmp(s->err, "MAIL failed", 11) == 0) {
		/* Our sender refused: no fault of this recipient. */
		res = SMTP_TEMPORARY;
		*why = "sender refused";
	} else if (reply >= 500 && reply < 600) {
		res = SMTP_PERMANENT;
		*why = strncmp(s->err, "RCPT", 4) == 0 ? "recipient refused" : "message refused";
	} else if (reply >= 400 && reply < 500) {
		res = SMTP_TEMPORARY;
		*why = "deferred";
	} else {
		res = SMTP_CONNECTION;
		/* libcurl's own words: generic, never an address. */
		*why = curl_easy_strerror(rc);
	}
out:
	/* Options point at what is freed here: forget them. */
	(void)curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, (struct curl_slist *)NULL);
	(void)curl_easy_setopt(s->curl, CURLOPT_READDATA, (void *)NULL);
	curl_slist_free_all(rcpts);
	free(rcpt_env);
	free(from_env);
	return res;
}
