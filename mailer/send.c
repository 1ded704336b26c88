/*
 * send.c — the send job: drain the outbox over SMTP.
 *
 * Each run claims a batch of due rows in one short transaction, then sends
 * them one by one over the kept SMTP connection (smtp.c), writing each
 * row's outcome right after its SMTP transaction. The invariants, which
 * tests/api/mail.test.mjs checks (the SMTP server down, kill -9 mid-batch):
 *
 *  1. A row's state says what happened to its mail: 'queued' — not yet
 *     accepted by the SMTP server, and to be tried when due_at has passed;
 *     'sent' — the server accepted it (250 after the data), sent_at says
 *     when; 'failed' — never to be sent: refused for good (5xx on RCPT or
 *     the data), given up after max_attempts, or its recipient bounced
 *     before or is no longer active. Only 'queued' rows are ever claimed,
 *     and only 'queued' rows are ever changed (every UPDATE here says
 *     AND state = 'queued').
 *  2. A claim is a lease, not a state: claiming sets due_at to now +
 *     lease_s and counts the attempt, in one transaction with SELECT ...
 *     FOR UPDATE SKIP LOCKED, so two mailers never claim the same row.
 *     When the process dies, its claimed rows stay 'queued' and become
 *     due again when their lease runs out: nothing is lost.
 *  3. No row is sent twice in normal operation: a row is claimed by one
 *     mailer at a time (2), it is marked 'sent' right after the server
 *     accepted it (one autocommitted UPDATE, before the next mail goes
 *     out), and the batch stops — giving back what it has not sent —
 *     before any lease could run out under it (a mail takes at most the
 *     SMTP timeout, which is kept under half the lease).
 *  4. After kill -9 at most the mail in flight goes out again: every mail
 *     before it was marked 'sent' (3), every one after it was not yet
 *     sent. The one between "accepted by the server" and "marked sent" is
 *     claimed again after its lease and sent again with the same
 *     Message-ID (made of the row's id and created_at, never of the
 *     attempt), so a receiver can drop the copy.
 *  5. A temporary failure (4xx, no connection, a timeout) keeps the row
 *     'queued' with due_at = now + min(retry_base_s * 2^(attempts-1),
 *     retry_max_s); when the connection itself failed, the rest of the
 *     batch is put back the same way without being tried. A permanent one
 *     marks the row 'failed' and, for mail to the user's own address,
 *     sets users.email_bounced_at: later rows to that user fail unsent.
 *
 * The log gets outbox ids, SMTP reply codes and counts; never an address,
 * a subject or a body. last_error holds a short text of ours or libcurl's
 * generic words, never the server's reply (which may quote the address).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "mailer.h"
#include "mime.h"
#include "render.h"
#include "smtp.h"

/* Columns of MSTMT_ROW_GET. */
enum {
	RC_ID, RC_USER, RC_KIND, RC_TO_CT, RC_SUBJECT, RC_BODY_CT, RC_EPOCH,
	RC_ATTEMPTS, RC_EMAIL_CT, RC_NAME, RC_LOCALE, RC_STATUS, RC_BOUNCED,
	RC_N_KIND, RC_N_LINK, RC_N_ARG, RC_N_BUNDLED, RC_N_ALERT
};

enum outcome {
	OUT_SENT,
	OUT_RETRY,	/* temporary: back-off */
	OUT_STOP,	/* temporary, and the connection is gone: stop the batch */
	OUT_BOUNCE,	/* permanent, the user's own address */
	OUT_FAIL,	/* permanent, no bounce to record */
	OUT_LEAVE,	/* our own trouble (database): the lease brings it back */
};

struct claim {
	struct mailer	*m;
	char		**ids;
	size_t		 n;
};

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
claim_batch(void *ctx)
{
	struct claim *c = ctx;
	struct mailer *m = c->m;
	struct db_rows rows;
	size_t i;
	int rc;

	c->n = 0;
	if ((rc = db_exec(m->db, &m->a, MSTMT_CLAIM_SELECT,
	    DB_PARAMS(DB_INT(m->set.batch)), &rows)) != DB_OK)
		return rc;
	c->ids = arena_alloc(&m->a, (rows.nrows + 1) * sizeof(*c->ids));
	for (i = 0; i < rows.nrows; i++) {
		const char *id = db_str(&rows, i, 0);

		if ((rc = db_exec(m->db, &m->a, MSTMT_CLAIM_LEASE,
		    DB_PARAMS(DB_INT(m->set.lease_s), DB_STR(id)), NULL)) != DB_OK)
			return rc;
		c->ids[c->n++] = arena_strdup(&m->a, id);
	}
	return (int)c->n;
}

/* The secret of an account mail: "token=..." in the sealed body. */
static char *
account_token(struct arena *a, const struct db_rows *row)
{
	char *body = NULL, *p, *tok = NULL;
	size_t len = 0;

	if (db_is_null(row, 0, RC_BODY_CT) || db_is_null(row, 0, RC_USER))
		return NULL;
	if (crypto_field_open(a, &body, &len, "outbox", "body", db_str(row, 0, RC_USER),
	    (const unsigned char *)db_str(row, 0, RC_BODY_CT), db_len(row, 0, RC_BODY_CT)) != 0)
		return NULL;
	if ((p = strstr(body, "token=")) != NULL) {
		p += strlen("token=");
		tok = arena_strndup(a, p, strcspn(p, " \t\r\n&"));
		if (*tok == '\0')
			tok = NULL;
	}
	sodium_memzero(body, len);
	return tok;
}

/* The recipient's address, opened; NULL when it cannot be. *own: it is
 * the user's own address (to_ct NULL, or to_ct holding the same address as
 * users.email_ct: reset mails written before notify_account_mail), whose
 * bounce is the user's. */
static char *
recipient(struct arena *a, const struct db_rows *row, bool *own)
{
	const char *user = db_str(row, 0, RC_USER);
	char *addr = NULL, *mine = NULL;
	size_t len = 0, mine_len = 0;

	*own = false;
	if (user == NULL)
		return NULL;
	if (!db_is_null(row, 0, RC_EMAIL_CT) && crypto_field_open(a, &mine, &mine_len,
	    "users", "email", user, (const unsigned char *)db_str(row, 0, RC_EMAIL_CT),
	    db_len(row, 0, RC_EMAIL_CT)) != 0)
		mine = NULL;
	if (db_is_null(row, 0, RC_TO_CT)) {
		*own = mine != NULL;
		return mine;
	}
	if (crypto_field_open(a, &addr, &len, "outbox", "to", user,
	    (const unsigned char *)db_str(row, 0, RC_TO_CT), db_len(row, 0, RC_TO_CT)) != 0)
		addr = NULL;
	if (addr != NULL && mine != NULL && strcmp(addr, mine) == 0)
		*own = true;
	if (mine != NULL)
		sodium_memzero(mine, mine_len);
	return addr;
}

/* A new one-click unsubscribe token for this mail; NULL on failure. */
static char *
unsubscribe_token(struct mailer *m, const char *user, const char *kind, const char *alert)
{
	unsigned char hash[CRYPTO_HASH_LEN];
	char *tok = arena_alloc(&m->a, CRYPTO_TOKEN_LEN + 1);

	crypto_token_new(tok);
	crypto_token_hash(hash, tok);
	if (db_exec(m->db, &m->a, MSTMT_UNSUB_INSERT, DB_PARAMS(DB_BLOB(hash, sizeof(hash)),
	    DB_STR(user), DB_STR(kind), DB_STR(alert)), NULL) != DB_OK)
		return NULL;
	return tok;
}

/* Tries one claimed row. *why and *code say what happened, for the row
 * and the log. *own: the mail went to the user's own address. */
static enum outcome
deliver(struct mailer *m, const char *id, const char **why, long *code, bool *own,
    long *attempts)
{
	struct arena *a = &m->a;
	struct db_rows row, items;
	struct render r;
	struct render_item item, *list = NULL;
	struct mime_mail mail;
	const char *kind, *user, *status;
	char *to = NULL, *token = NULL, *subject = NULL, *body = NULL, *msg = NULL;
	size_t len = 0, i;
	enum outcome out = OUT_FAIL;
	enum smtp_result sr;

	*code = 0;
	*own = false;
	*attempts = 0;
	if (db_exec(m->db, a, MSTMT_ROW_GET, DB_PARAMS(DB_STR(id)), &row) != DB_OK) {
		*why = "database";
		return OUT_LEAVE;
	}
	if (row.nrows != 1) {
		*why = "gone";
		return OUT_LEAVE;	/* purged meanwhile: nothing to mark */
	}
	kind = db_str(&row, 0, RC_KIND);
	user = db_str(&row, 0, RC_USER);
	status = db_str(&row, 0, RC_STATUS);
	*attempts = db_int(&row, 0, RC_ATTEMPTS);

	/* Whom to, and may they still get mail? */
	if (user == NULL || status == NULL) {
		*why = "no such user";
		goto out;
	}
	if (strcmp(status, "active") != 0) {
		*why = "recipient not active";
		goto out;
	}
	if ((to = recipient(a, &row, own)) == NULL) {
		*why = "cannot open the address";
		goto out;
	}
	if (*own && db_int(&row, 0, RC_BOUNCED) != 0) {
		*why = "recipient bounced before";
		goto out;
	}

	/* What to say. */
	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.locale = db_str(&row, 0, RC_LOCALE);
	r.display_name = db_str(&row, 0, RC_NAME);
	r.public_url = m->set.public_url;
	if (render_is_account(kind)) {
		if ((token = account_token(a, &row)) == NULL) {
			*why = "account mail without a token";
			goto out;
		}
		r.token = token;
	} else {
		if (strcmp(kind, "digest") == 0) {
			if (db_exec(m->db, a, MSTMT_DIGEST_ITEMS, DB_PARAMS(DB_STR(id)),
			    &items) != DB_OK) {
				*why = "database";
				out = OUT_LEAVE;
				goto out;
			}
			list = arena_alloc(a, (items.nrows + 1) * sizeof(*list));
			for (i = 0; i < items.nrows; i++) {
				list[i].kind = db_str(&items, i, 0);
				list[i].arg = db_str(&items, i, 1);
				list[i].link = db_str(&items, i, 2);
				list[i].bundled = db_int(&items, i, 3);
			}
			r.items = list;
			r.nitems = items.nrows;
		} else if (!db_is_null(&row, 0, RC_N_KIND)) {
			item.kind = db_str(&row, 0, RC_N_KIND);
			item.link = db_str(&row, 0, RC_N_LINK);
			item.arg = db_str(&row, 0, RC_N_ARG);
			item.bundled = db_int(&row, 0, RC_N_BUNDLED);
			r.item = &item;
		}
		r.unsub_token = unsubscribe_token(m, user, kind, db_str(&row, 0, RC_N_ALERT));
		if (r.unsub_token == NULL) {
			*why = "database";
			out = OUT_LEAVE;
			goto out;
		}
	}
	if (render_mail(a, &r, &subject, &body) != 0) {
		*why = "nothing to say (unknown kind or event gone)";
		goto out;
	}
	if (!db_is_null(&row, 0, RC_SUBJECT))
		subject = arena_strdup(a, db_str(&row, 0, RC_SUBJECT));

	memset(&mail, 0, sizeof(mail));
	mail.from = m->set.mail_from;
	mail.to = to;
	mail.subject = subject;
	mail.message_id = mime_message_id(a, id, db_int(&row, 0, RC_EPOCH), m->set.host);
	mail.date = time(NULL);
	mail.language = r.locale;
	mail.kind = kind;
	mail.unsubscribe_url = r.unsub_token == NULL ? NULL :
	    arena_printf(a, "%s/api/v1/unsubscribe?token=%s", m->set.public_url, r.unsub_token);
	mail.body = body;
	if ((msg = mime_build(a, &mail, &len)) == NULL) {
		*why = "address not usable";
		goto out;
	}
	sr = smtp_send(m->smtp, m->set.envelope_from, to, msg, len, code, why);
	switch (sr) {
	case SMTP_SENT:
		out = OUT_SENT;
		break;
	case SMTP_TEMPORARY:
		out = OUT_RETRY;
		break;
	case SMTP_CONNECTION:
		out = OUT_STOP;
		break;
	case SMTP_PERMANENT:
		out = *own ? OUT_BOUNCE : OUT_FAIL;
		break;
	}
out:
	/* The arena is wiped when reset; the secret goes at once. */
	if (msg != NULL)
		sodium_memzero(msg, len);
	if (body != NULL)
		sodium_memzero(body, strlen(body));
	if (token != NULL)
		sodium_memzero(token, strlen(token));
	if (to != NULL)
		sodium_memzero(to, strlen(to));
	return out;
}

struct bounce {
	struct mailer	*m;
	const char	*id, *why;
};

static int
bounce_txn(void *ctx)
{
	struct bounce *b = ctx;
	struct db_rows row;
	int rc;

	if ((rc = db_exec(b->m->db, &b->m->a, MSTMT_MARK_FAILED,
	    DB_PARAMS(DB_STR(b->why), DB_STR(b->id)), NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec(b->m->db, &b->m->a, MSTMT_ROW_GET, DB_PARAMS(DB_STR(b->id)),
	    &row)) != DB_OK)
		return rc;
	if (row.nrows == 1 && !db_is_null(&row, 0, RC_USER))
		rc = db_exec(b->m->db, &b->m->a, MSTMT_USER_BOUNCED,
		    DB_PARAMS(DB_STR(db_str(&row, 0, RC_USER))), NULL);
	return rc;
}

static int
retry(struct mailer *m, const char *id, const char *why)
{
	long max = m->set.max_attempts;

	return db_exec(m->db, &m->a, MSTMT_MARK_RETRY, DB_PARAMS(DB_STR(why),
	    DB_INT(max), DB_INT(max), DB_INT(max), DB_INT(m->set.retry_base_s),
	    DB_INT(m->set.retry_max_s), DB_STR(id)), NULL);
}

/* Writes the outcome of row id. 0 or -1 (logged by db). */
static int
record(struct mailer *m, const char *id, enum outcome out, const char *why)
{
	struct bounce b = { m, id, why };

	switch (out) {
	case OUT_SENT:
		return db_exec(m->db, &m->a, MSTMT_MARK_SENT, DB_PARAMS(DB_STR(id)), NULL);
	case OUT_RETRY:
	case OUT_STOP:
		return retry(m, id, why);
	case OUT_BOUNCE:
		return db_txn(m->db, bounce_txn, &b) < 0 ? -1 : 0;
	case OUT_FAIL:
		return db_exec(m->db, &m->a, MSTMT_MARK_FAILED,
		    DB_PARAMS(DB_STR(why), DB_STR(id)), NULL);
	case OUT_LEAVE:
		return 0;
	}
	return -1;
}

int
send_run(struct mailer *m)
{
	struct claim c = { m, NULL, 0 };
	enum outcome out;
	const char *why;
	double t0;
	long code, attempts;
	size_t i, sent = 0, failed = 0, later = 0;
	bool own, stop = false;
	int rc;

	t0 = mono_s();
	if ((rc = db_txn(m->db, claim_batch, &c)) < 0) {
		log_error("send: claiming a batch failed");
		return -1;
	}
	for (i = 0; i < c.n; i++) {
		/* Past this point a mail could outlive its lease (3): give
		 * back the rest, as when asked to stop. */
		if (!stop && (mailer_stopping ||
		    mono_s() - t0 + (double)m->set.smtp_timeout_s + 1 > (double)m->set.lease_s)) {
			for (; i < c.n; i++)
				if (db_exec(m->db, &m->a, MSTMT_RELEASE,
				    DB_PARAMS(DB_STR(c.ids[i])), NULL) != DB_OK)
					log_warn("send: outbox id=%s not released (its lease "
					    "brings it back)", c.ids[i]);
			break;
		}
		if (stop) {
			if (retry(m, c.ids[i], "not tried: no connection") != DB_OK)
				log_warn("send: outbox id=%s not put back", c.ids[i]);
			later++;
			continue;
		}
		out = deliver(m, c.ids[i], &why, &code, &own, &attempts);
		if (record(m, c.ids[i], out, why) != 0)
			log_error("send: outbox id=%s: its outcome was not written", c.ids[i]);
		switch (out) {
		case OUT_SENT:
			sent++;
			log_info("sent outbox id=%s code=%ld attempt=%ld", c.ids[i], code, attempts);
			break;
		case OUT_STOP:
			stop = true;
			/* fall through */
		case OUT_RETRY:
			later++;
			log_warn("outbox id=%s temporary failure code=%ld attempt=%ld (%s)",
			    c.ids[i], code, attempts, why);
			break;
		case OUT_BOUNCE:
		case OUT_FAIL:
			failed++;
			log_warn("outbox id=%s failed code=%ld (%s)", c.ids[i], code, why);
			break;
		case OUT_LEAVE:
			later++;
			log_warn("outbox id=%s left for later (%s)", c.ids[i], why);
			break;
		}
	}
	if (c.n > 0)
		log_info("send: batch of %zu: %zu sent, %zu later, %zu failed, %.0f ms",
		    c.n, sent, later, failed, (mono_s() - t0) * 1e3);
	/* A batch cut short by a dead server is not worth an instant rerun. */
	return stop ? 0 : (int)c.n;
}
