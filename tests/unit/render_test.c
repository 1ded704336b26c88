/*
 * render_test.c — mailer/render.c: the words of each kind of mail, in the
 * recipient's language. An event mail names what happened (lib/notify's
 * title with the request's title), the link with its label and the way
 * out (settings, and the unsubscribe link of that very mail); a digest
 * lists each event with its link; the account mails carry their secret in
 * the link to the right page and no unsubscribe link; an unknown kind or a
 * missing token renders nothing (account_mail_without_token_test).
 */
#include <string.h>

#include "arena.h"
#include "render.h"
#include "tap.h"

#define URL	"https://burenhulp.example"

static void
event_mails(struct arena *a)
{
	struct render_item it = { "match.accepted", "Boodschappen", "/match.html?id=M1", 1 };
	struct render r = {
		.kind = "match.accepted", .locale = "nl", .display_name = "Anna",
		.item = &it, .public_url = URL, .unsub_token = "TOKEN1",
	};
	char *subject, *body;

	ok(render_mail(a, &r, &subject, &body) == 0, "an event mail renders");
	ok(strstr(subject, "Boodschappen") != NULL && strstr(subject, "Afgesproken") != NULL,
	    "its Dutch subject is notify's title with the request's title (%s)", subject);
	ok(strncmp(body, "Hallo Anna,\n\n", 13) == 0, "greeting by name");
	ok(strstr(body, URL "/match.html?id=M1\n") != NULL, "the link to the match");
	ok(strstr(body, "Bekijk de afspraak:\n") != NULL, "the link's label");
	ok(strstr(body, URL "/profiel.html#meldingen") != NULL, "where to change the settings");
	ok(strstr(body, URL "/afmelden.html#token=TOKEN1") != NULL, "this mail's unsubscribe link");

	r.locale = "en";
	ok(render_mail(a, &r, &subject, &body) == 0 && strstr(subject, "Agreed") != NULL &&
	    strncmp(body, "Hello Anna,", 11) == 0 && strstr(body, "View the match:") != NULL,
	    "in English for an English user");
	r.locale = "de";
	ok(render_mail(a, &r, &subject, &body) == 0 && strncmp(body, "Hallo Anna,", 11) == 0,
	    "any other locale: Dutch");

	it.bundled = 10;
	it.kind = "message.new";
	r.locale = "nl";
	ok(render_mail(a, &r, &subject, &body) == 0 && strstr(subject, "10 keer") != NULL,
	    "ten bundled messages are one mail that says so (%s)", subject);

	it.kind = "no.such.kind";
	ok(render_mail(a, &r, &subject, &body) != 0, "unknown_kind_test: an unknown kind renders nothing");
	r.item = NULL;
	r.kind = "match.accepted";
	ok(render_mail(a, &r, &subject, &body) != 0, "an event mail without its event renders nothing");
}

static void
digests(struct arena *a)
{
	struct render_item items[] = {
		{ "alert.request", "Hond uitlaten", "/request.html?id=R1", 1 },
		{ "match.responded", "Tuin", "/match.html?id=M2", 2 },
	};
	struct render r = {
		.kind = "digest", .locale = "nl", .display_name = "Bram",
		.items = items, .nitems = 2, .public_url = URL, .unsub_token = "TOKEN2",
	};
	char *subject, *body;

	ok(render_mail(a, &r, &subject, &body) == 0, "a digest renders");
	ok(strcmp(subject, "Burenhulp: 2 nieuwe meldingen") == 0, "its subject counts (%s)", subject);
	ok(strstr(body, "Hond uitlaten") != NULL && strstr(body, URL "/request.html?id=R1\n") != NULL &&
	    strstr(body, "Tuin") != NULL && strstr(body, URL "/match.html?id=M2\n") != NULL,
	    "every event with its link");
	ok(strstr(body, URL "/afmelden.html#token=TOKEN2") != NULL, "the digest's unsubscribe link");
	r.nitems = 1;
	r.locale = "en";
	ok(render_mail(a, &r, &subject, &body) == 0 &&
	    strcmp(subject, "Burenhulp: 1 new notification") == 0, "one, in English (%s)", subject);
	r.nitems = 0;
	ok(render_mail(a, &r, &subject, &body) != 0, "an empty digest renders nothing");
}

static void
account_mails(struct arena *a)
{
	struct render r = {
		.kind = "account.password_reset", .locale = "nl", .display_name = "Cor",
		.token = "SECRET43", .public_url = URL,
	};
	char *subject, *body;

	ok(render_mail(a, &r, &subject, &body) == 0 &&
	    strcmp(subject, "Nieuw wachtwoord voor Burenhulp") == 0, "the reset mail's Dutch subject");
	ok(strstr(body, URL "/wachtwoord-herstellen.html#token=SECRET43\n") != NULL,
	    "its link carries the token to the reset page");
	ok(strstr(body, "afmelden") == NULL, "no unsubscribe link in an account mail");
	ok(render_is_account("account.password_reset") && render_is_account("account.email_verify") &&
	    render_is_account("password_reset") && !render_is_account("match.accepted") &&
	    !render_is_account("digest"), "which kinds are account mails");

	r.kind = "account.email_verify";
	ok(render_mail(a, &r, &subject, &body) == 0 && strcmp(subject, "Bevestig uw e-mailadres") == 0,
	    "the verification mail's subject");
	ok(strstr(body, URL "/email-bevestigen.html#token=SECRET43\n") != NULL,
	    "its link carries the token to the confirmation page");
	r.locale = "en";
	ok(render_mail(a, &r, &subject, &body) == 0 &&
	    strcmp(subject, "Confirm your e-mail address") == 0, "and in English");
	r.token = NULL;
	ok(render_mail(a, &r, &subject, &body) != 0,
	    "account_mail_without_token_test: no token, no mail");
}

/* The languages of the neighbourhood (issue 19): a Turkish, Arabic, Polish
 * or Ukrainian user gets the mail in that language, link and way out as in
 * Dutch; a bundle says "(×n)" and a digest "(n)", no plural form needed. */
static void
neighbourhood_languages(struct arena *a)
{
	struct render_item it = { "match.accepted", "Alışveriş", "/match.html?id=M3", 1 };
	struct render r = {
		.kind = "match.accepted", .locale = "tr", .display_name = "Ayşe",
		.item = &it, .public_url = URL, .unsub_token = "TOKEN3",
	};
	struct render_item items[] = { { "alert.request", "Zakupy", "/request.html?id=R4", 1 } };
	char *subject = (char *)"", *body = (char *)"";

	ok(render_mail(a, &r, &subject, &body) == 0 && strstr(subject, "Anlaşıldı") != NULL &&
	    strstr(subject, "Alışveriş") != NULL, "Turkish: the subject (%s)", subject);
	ok(strncmp(body, "Merhaba Ayşe,", strlen("Merhaba Ayşe,")) == 0 &&
	    strstr(body, "Anlaşmayı görün:\n" URL "/match.html?id=M3") != NULL &&
	    strstr(body, URL "/afmelden.html#token=TOKEN3") != NULL, "Turkish: greeting, link, way out");
	r.locale = "ar";
	ok(render_mail(a, &r, &subject, &body) == 0 && strstr(subject, "تم الاتفاق") != NULL,
	    "Arabic: the subject (%s)", subject);
	it.bundled = 3;
	r.locale = "uk";
	ok(render_mail(a, &r, &subject, &body) == 0 && strstr(subject, "(×3)") != NULL,
	    "Ukrainian: three bundled say (×3) (%s)", subject);

	r.kind = "digest";
	r.locale = "pl";
	r.items = items;
	r.nitems = 1;
	ok(render_mail(a, &r, &subject, &body) == 0 &&
	    strcmp(subject, "Burenhulp: nowe powiadomienia (1)") == 0 &&
	    strstr(body, "Zakupy") != NULL, "Polish: a digest (%s)", subject);

	r.kind = "account.password_reset";
	r.token = "SECRET44";
	r.unsub_token = NULL;
	r.locale = "ar";
	ok(render_mail(a, &r, &subject, &body) == 0 &&
	    strcmp(subject, "كلمة مرور جديدة لـ Burenhulp") == 0 &&
	    strstr(body, URL "/wachtwoord-herstellen.html#token=SECRET44\n") != NULL &&
	    strstr(body, "afmelden") == NULL, "Arabic: the reset mail, its link, no unsubscribe link");
}

/* The invitation to a circle (issue 18 part 3): the owner's row, a mail to
 * someone else: it names the inviter, greets nobody by the owner's name,
 * carries the token to the accept page, and has no unsubscribe link. */
static void
circle_invitation(struct arena *a)
{
	struct render r = {
		.kind = "circle.invitation", .locale = "nl", .display_name = "Cor",
		.token = "SECRET43", .public_url = URL,
	};
	char *subject, *body;

	ok(render_is_account("circle.invitation"), "an invitation is a token mail, no unsubscribe");
	ok(render_mail(a, &r, &subject, &body) == 0 &&
	    strcmp(subject, "Cor nodigt u uit voor een kring op Burenhulp") == 0,
	    "the invitation's Dutch subject names the inviter");
	ok(strstr(body, URL "/kring-uitnodiging.html#token=SECRET43\n") != NULL,
	    "its link carries the token to the accept page");
	ok(strncmp(body, "Hallo,", 6) == 0, "it greets the invitee, not the owner");
	ok(strstr(body, "afmelden") == NULL, "no unsubscribe link in it");
	r.locale = "en";
	ok(render_mail(a, &r, &subject, &body) == 0 &&
	    strcmp(subject, "Cor invites you to a circle on Burenhulp") == 0, "and in English");
	r.token = NULL;
	ok(render_mail(a, &r, &subject, &body) != 0, "no token, no invitation mail");
}

int
main(void)
{
	struct arena a = { NULL };

	event_mails(&a);
	digests(&a);
	account_mails(&a);
	circle_invitation(&a);
	neighbourhood_languages(&a);
	arena_reset(&a);
	return tap_done();
}
