/*
 * notify.h — telling people what happened: the kinds of event, what each
 * says in each language, and writing an event for its recipient.
 *
 * Handlers call notify() inside the transaction of the change that caused
 * the event, so nothing is told that did not happen and nothing that
 * happened goes untold. notify() writes a notification row and, when the
 * recipient's settings say "instant", an outbox row; the mailer (mailer/)
 * turns outbox rows into mail and the "daily" rows into one digest. Handlers
 * never talk SMTP and never see an e-mail address for this.
 *
 * What an event may say: what happened and where to look. arg is public
 * text only (a request's title); never a private field, a message body or
 * an address. The rows' meaning is in sql/migrations/060_notifications.sql.
 */
#ifndef BH_NOTIFY_H
#define BH_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct db;

enum notify_freq { NOTIFY_INSTANT, NOTIFY_DAILY, NOTIFY_OFF };

struct notify_kind {
	const char		*name;		/* "match.accepted" (API.md) */
	enum notify_freq	 def;		/* default for e-mail */
	bool			 fixed;		/* account.*: always instant */
	const char		*title_nl, *title_en;	/* one %s: arg (may be "") */
	const char		*action_nl, *action_en;	/* the link's label */
};

/* The kinds, in API.md's order; notify_nkinds of them. */
extern const struct notify_kind notify_kinds[];
extern const size_t notify_nkinds;

/* The kind named name, or NULL. */
const struct notify_kind *notify_kind_find(const char *name);
/* "instant" | "daily" | "off" and back (-1 when unknown). */
const char *notify_freq_name(enum notify_freq f);
int notify_freq_parse(const char *s);

/* The title of an event in locale (nl, en, tr, ar, pl, uk; anything else:
 * nl), with arg filled in; a bundled row (n > 1) says how many. Arena-owned. */
char *notify_title(struct arena *a, const struct notify_kind *k,
    const char *locale, const char *arg, long n);
/* The label of the event's link in locale. */
const char *notify_action(const struct notify_kind *k, const char *locale);
/* Whether the server words events (and the mailer its mails) in locale:
 * 1 for the site's six languages, 0 otherwise (those get Dutch). */
int notify_language_known(const char *locale);

/* An event for user_id. Runs inside the caller's transaction (or on its
 * own). link: a site path ("/match.html?id=..."); arg: public text for the
 * title or NULL; group_key: events with the same key bundle into one unread
 * row (NULL: never); once_key: at most one such event per user ever (NULL:
 * no limit); freq_override: the frequency an alert asks for (-1: the
 * user's setting). Nothing happens for a user who is not active. Returns a
 * db_status (DB_OK also when nothing was written). */
int notify(struct db *db, struct arena *a, const char *user_id,
    const char *kind, const char *link, const char *arg,
    const char *group_key, const char *once_key, int freq_override)
	__attribute__((warn_unused_result));

/* A new request that fits alert_id of user_id (kind alert.request, link
 * to the request, its title as arg); freq is the alert's. once_key keeps a
 * user with several fitting alerts to one event. Returns a db_status. */
int notify_alert(struct db *db, struct arena *a, const char *user_id,
    const char *alert_id, const char *link, const char *arg,
    const char *once_key, int freq) __attribute__((warn_unused_result));
/* The same for a new published vacancy that fits a vacancies alert (kind
 * alert.vacancy, issue 18; mailer/vacancy_alerts.c). */
int notify_alert_vacancy(struct db *db, struct arena *a, const char *user_id,
    const char *alert_id, const char *link, const char *arg,
    const char *once_key, int freq) __attribute__((warn_unused_result));

/* An account mail (verification, reset) for user_id, with a secret that
 * only the mail may carry: sealed into the outbox row's body as
 * "token=SECRET". Needs the master key. Returns a db_status. */
int notify_account_mail(struct db *db, struct arena *a, const char *user_id,
    const char *kind, const char *token)
	__attribute__((warn_unused_result));

#endif
