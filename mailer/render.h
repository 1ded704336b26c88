/*
 * render.h — the words of a mail: subject and body, in the recipient's
 * language (nl or en), plain and short.
 *
 * A mail says what happened and where to look, nothing more: the kind's
 * title (lib/notify: the request's public title at most), the link's label
 * and the link. Never a private field, a message text, or anyone's address.
 */
#ifndef BH_RENDER_H
#define BH_RENDER_H

#include <stddef.h>

struct arena;

/* One event: a notification row, or one line of a digest. */
struct render_item {
	const char	*kind;		/* a notification kind */
	const char	*arg;		/* public text for the title, or NULL */
	const char	*link;		/* a site path: "/match.html?id=..." */
	long		 bundled;	/* events in the row (>= 1) */
};

struct render {
	const char			*kind;	/* the outbox row's kind */
	const char			*locale;	/* nl, en, tr, ar, pl, uk (else nl) */
	const char			*display_name;	/* the recipient's */
	const struct render_item	*item;	/* a notification mail */
	const struct render_item	*items;	/* a digest */
	size_t				 nitems;
	const char			*token;	/* account.*: the secret */
	const char			*public_url;	/* no trailing / */
	const char			*unsub_token;	/* NULL: account mail */
};

/* True for the kinds that are account mails (no unsubscribe link). */
int render_is_account(const char *kind);

/* Subject and body (UTF-8, \n lines), arena-owned. 0, or -1 when the kind
 * is unknown or what it needs is missing (no token, no item). */
int render_mail(struct arena *a, const struct render *r, char **subject, char **body)
	__attribute__((warn_unused_result));

#endif
