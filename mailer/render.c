/*
 * render.c — subject and body of each mail, nl and en; see render.h.
 *
 * Four shapes: an event (one notification: its title, the link with its
 * label), a digest (the day's events, title and link each), and the two
 * account mails (verification and password reset, whose link carries the
 * secret). Every mail ends in a footer that says why it came and where to
 * change that; every mail but the account ones has a link that switches
 * its kind off (afmelden.html, the same token as List-Unsubscribe).
 */
#include <string.h>

#include "arena.h"
#include "notify.h"
#include "render.h"

static int
is_en(const char *locale)
{
	return locale != NULL && strcmp(locale, "en") == 0;
}

int
render_is_account(const char *kind)
{
	return strncmp(kind, "account.", 8) == 0 || strcmp(kind, "password_reset") == 0;
}

static const char *
greeting(struct arena *a, const struct render *r)
{
	const char *name = r->display_name != NULL && *r->display_name != '\0' ?
	    r->display_name : NULL;

	if (is_en(r->locale))
		return name != NULL ? arena_printf(a, "Hello %s,", name) : "Hello,";
	return name != NULL ? arena_printf(a, "Hallo %s,", name) : "Hallo,";
}

/* Why this mail came and where to change that. */
static const char *
footer(struct arena *a, const struct render *r, const char *why_nl, const char *why_en,
    const char *off_nl, const char *off_en)
{
	const char *settings = arena_printf(a, "%s/profiel.html#meldingen", r->public_url);
	const char *off = "";

	if (r->unsub_token != NULL)
		off = arena_printf(a, "%s %s/afmelden.html#token=%s\n",
		    is_en(r->locale) ? off_en : off_nl, r->public_url, r->unsub_token);
	if (is_en(r->locale))
		return arena_printf(a, "-- \n%s\nChoose which e-mail you get: %s\n%s",
		    why_en, settings, off);
	return arena_printf(a, "-- \n%s\nKies welke e-mail u krijgt: %s\n%s",
	    why_nl, settings, off);
}

static int
render_event(struct arena *a, const struct render *r, char **subject, char **body)
{
	const struct notify_kind *k;
	const struct render_item *it = r->item;

	if (it == NULL || (k = notify_kind_find(it->kind)) == NULL)
		return -1;
	*subject = notify_title(a, k, r->locale, it->arg != NULL ? it->arg : "", it->bundled);
	*body = arena_printf(a, "%s\n\n%s\n\n%s:\n%s%s\n\n%s",
	    greeting(a, r), *subject, notify_action(k, r->locale), r->public_url, it->link,
	    footer(a, r,
	    "U krijgt deze e-mail omdat u meldingen van Burenhulp per e-mail ontvangt.",
	    "You get this e-mail because you receive Burenhulp notifications by e-mail.",
	    "Geen e-mail meer over dit soort meldingen:",
	    "No more e-mail about this kind of notification:"));
	return 0;
}

static int
render_digest(struct arena *a, const struct render *r, char **subject, char **body)
{
	const struct notify_kind *k;
	const char *list = "";
	size_t i, n = 0;

	for (i = 0; i < r->nitems; i++) {
		const struct render_item *it = &r->items[i];

		if ((k = notify_kind_find(it->kind)) == NULL)
			continue;
		list = arena_printf(a, "%s- %s\n  %s%s\n", list,
		    notify_title(a, k, r->locale, it->arg != NULL ? it->arg : "", it->bundled),
		    r->public_url, it->link);
		n++;
	}
	if (n == 0)
		return -1;
	if (is_en(r->locale)) {
		*subject = arena_printf(a, "Burenhulp: %zu new notification%s", n, n == 1 ? "" : "s");
		*body = arena_printf(a, "%s\n\nThis happened since the last time:\n\n%s\n%s",
		    greeting(a, r), list, footer(a, r, "",
		    "You get this e-mail once a day because you chose a daily e-mail "
		    "for these notifications.", "", "No more daily e-mail:"));
	} else {
		*subject = arena_printf(a, "Burenhulp: %zu nieuwe melding%s", n, n == 1 ? "" : "en");
		*body = arena_printf(a, "%s\n\nDit is er gebeurd sinds de vorige keer:\n\n%s\n%s",
		    greeting(a, r), list, footer(a, r,
		    "U krijgt deze e-mail eens per dag omdat u voor deze meldingen een "
		    "dagelijkse e-mail koos.", "", "Geen dagelijkse e-mail meer:", ""));
	}
	return 0;
}

static int
render_verify(struct arena *a, const struct render *r, char **subject, char **body)
{
	const char *link = arena_printf(a, "%s/email-bevestigen.html#token=%s",
	    r->public_url, r->token);
	const char *end = footer(a, r,
	    "U krijgt deze e-mail omdat dit adres bij Burenhulp is opgegeven.",
	    "You get this e-mail because this address was given to Burenhulp.", "", "");

	if (is_en(r->locale)) {
		*subject = arena_strdup(a, "Confirm your e-mail address");
		*body = arena_printf(a, "%s\n\nWelcome to Burenhulp. Please confirm your "
		    "e-mail address with this link:\n%s\n\nDid you not make an account "
		    "at Burenhulp? Then you can ignore this message.\n\n%s",
		    greeting(a, r), link, end);
	} else {
		*subject = arena_strdup(a, "Bevestig uw e-mailadres");
		*body = arena_printf(a, "%s\n\nWelkom bij Burenhulp. Bevestig uw "
		    "e-mailadres via deze link:\n%s\n\nHeeft u geen account bij Burenhulp "
		    "gemaakt? Dan kunt u dit bericht negeren.\n\n%s",
		    greeting(a, r), link, end);
	}
	return 0;
}

static int
render_reset(struct arena *a, const struct render *r, char **subject, char **body)
{
	const char *link = arena_printf(a, "%s/wachtwoord-herstellen.html#token=%s",
	    r->public_url, r->token);
	const char *end = footer(a, r,
	    "U krijgt deze e-mail omdat iemand voor dit adres een nieuw wachtwoord vroeg.",
	    "You get this e-mail because someone asked for a new password for this address.",
	    "", "");

	if (is_en(r->locale)) {
		*subject = arena_strdup(a, "A new password for Burenhulp");
		*body = arena_printf(a, "%s\n\nYou asked for a new password for Burenhulp.\n"
		    "Choose a new password with this link (valid for an hour):\n%s\n\n"
		    "Did you not ask for this? Then you can ignore this message.\n\n%s",
		    greeting(a, r), link, end);
	} else {
		*subject = arena_strdup(a, "Nieuw wachtwoord voor Burenhulp");
		*body = arena_printf(a, "%s\n\nU heeft gevraagd om een nieuw wachtwoord "
		    "voor Burenhulp.\nKies een nieuw wachtwoord via deze link (een uur "
		    "geldig):\n%s\n\nHeeft u dit niet gevraagd? Dan kunt u dit bericht "
		    "negeren.\n\n%s", greeting(a, r), link, end);
	}
	return 0;
}

int
render_mail(struct arena *a, const struct render *r, char **subject, char **body)
{
	if (r->kind == NULL || r->public_url == NULL)
		return -1;
	if (strcmp(r->kind, "account.email_verify") == 0)
		return r->token != NULL ? render_verify(a, r, subject, body) : -1;
	if (strcmp(r->kind, "account.password_reset") == 0 ||
	    strcmp(r->kind, "password_reset") == 0)	/* rows from before 060 */
		return r->token != NULL ? render_reset(a, r, subject, body) : -1;
	if (strcmp(r->kind, "digest") == 0)
		return render_digest(a, r, subject, body);
	return render_event(a, r, subject, body);
}
