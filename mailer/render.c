/*
 * render.c — subject and body of each mail, nl and en, and tr, ar, pl, uk
 * (issue 19); see render.h.
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

/* The languages of the neighbourhood (issue 19): the same mails in
 * Turkish, Arabic, Polish and Ukrainian, machine-made like
 * web/i18n/<code>.json and not yet checked by a person. No printf format
 * comes from here: each text is a %s of a fixed format. */
struct mail_words {
	const char	*code;
	const char	*hello;
	const char	*choose;
	const char	*why_event;
	const char	*off_event;
	const char	*digest_subject;
	const char	*digest_intro;
	const char	*why_digest;
	const char	*off_digest;
	const char	*verify_subject;
	const char	*verify_intro;
	const char	*verify_ignore;
	const char	*why_verify;
	const char	*reset_subject;
	const char	*reset_intro;
	const char	*reset_ignore;
	const char	*why_reset;
};
static const struct mail_words extra[] = {
	{ "tr",
	  "Merhaba",
	  "Hangi e-postaları alacağınızı seçin:",
	  "Bu e-postayı Burenhulp bildirimlerini e-postayla aldığınız için alıyorsunuz.",
	  "Bu tür bildirimler için artık e-posta istemiyorum:",
	  "yeni bildirimler",
	  "Son seferden bu yana olanlar:",
	  "Bu bildirimler için günlük e-posta seçtiğiniz için bu e-postayı günde bir kez alıyorsunuz.",
	  "Artık günlük e-posta istemiyorum:",
	  "E-posta adresinizi onaylayın",
	  "Burenhulp'a hoş geldiniz. Lütfen e-posta adresinizi bu bağlantıyla onaylayın:",
	  "Burenhulp'ta hesap oluşturmadınız mı? O zaman bu mesajı dikkate almayın.",
	  "Bu adres Burenhulp'a verildiği için bu e-postayı alıyorsunuz.",
	  "Burenhulp için yeni şifre",
	  "Burenhulp için yeni bir şifre istediniz.\nBu bağlantıyla yeni bir şifre seçin (bir saat geçerli):",
	  "Bunu siz istemediniz mi? O zaman bu mesajı dikkate almayın.",
	  "Birisi bu adres için yeni bir şifre istediği için bu e-postayı alıyorsunuz." },
	{ "ar",
	  "مرحبًا",
	  "اختر الرسائل التي تصلك:",
	  "تصلك هذه الرسالة لأنك تتلقى إشعارات Burenhulp بالبريد الإلكتروني.",
	  "لا مزيد من الرسائل عن هذا النوع من الإشعارات:",
	  "إشعارات جديدة",
	  "هذا ما حدث منذ المرة الماضية:",
	  "تصلك هذه الرسالة مرة في اليوم لأنك اخترت رسالة يومية لهذه الإشعارات.",
	  "لا مزيد من الرسائل اليومية:",
	  "أكّد عنوان بريدك الإلكتروني",
	  "أهلًا بك في Burenhulp. يرجى تأكيد عنوان بريدك الإلكتروني عبر هذا الرابط:",
	  "ألم تنشئ حسابًا في Burenhulp؟ يمكنك إذن تجاهل هذه الرسالة.",
	  "تصلك هذه الرسالة لأن هذا العنوان أُعطي لـ Burenhulp.",
	  "كلمة مرور جديدة لـ Burenhulp",
	  "طلبت كلمة مرور جديدة لـ Burenhulp.\nاختر كلمة مرور جديدة عبر هذا الرابط (صالح لمدة ساعة):",
	  "ألم تطلب ذلك؟ يمكنك إذن تجاهل هذه الرسالة.",
	  "تصلك هذه الرسالة لأن شخصًا طلب كلمة مرور جديدة لهذا العنوان." },
	{ "pl",
	  "Dzień dobry",
	  "Wybierz, jakie e-maile dostajesz:",
	  "Dostajesz ten e-mail, bo otrzymujesz powiadomienia Burenhulp e-mailem.",
	  "Koniec e-maili o tego rodzaju powiadomieniach:",
	  "nowe powiadomienia",
	  "Oto co się wydarzyło od ostatniego razu:",
	  "Dostajesz ten e-mail raz dziennie, bo wybrano codzienny e-mail dla tych powiadomień.",
	  "Koniec codziennych e-maili:",
	  "Potwierdź swój adres e-mail",
	  "Witamy w Burenhulp. Potwierdź swój adres e-mail tym linkiem:",
	  "Nie zakładano konta w Burenhulp? Zignoruj tę wiadomość.",
	  "Dostajesz ten e-mail, bo ten adres podano w Burenhulp.",
	  "Nowe hasło do Burenhulp",
	  "Poproszono o nowe hasło do Burenhulp.\nWybierz nowe hasło tym linkiem (ważny przez godzinę):",
	  "Nikt o to nie prosił? Zignoruj tę wiadomość.",
	  "Dostajesz ten e-mail, bo ktoś poprosił o nowe hasło dla tego adresu." },
	{ "uk",
	  "Вітаємо",
	  "Виберіть, які листи отримувати:",
	  "Ви отримуєте цей лист, бо отримуєте сповіщення Burenhulp електронною поштою.",
	  "Більше не надсилати листів про такі сповіщення:",
	  "нові сповіщення",
	  "Ось що сталося з минулого разу:",
	  "Ви отримуєте цей лист раз на день, бо вибрали щоденний лист для цих сповіщень.",
	  "Більше не надсилати щоденних листів:",
	  "Підтвердьте адресу електронної пошти",
	  "Ласкаво просимо до Burenhulp. Підтвердьте адресу електронної пошти за цим посиланням:",
	  "Ви не створювали обліковий запис у Burenhulp? Тоді просто проігноруйте цей лист.",
	  "Ви отримуєте цей лист, бо цю адресу вказали в Burenhulp.",
	  "Новий пароль для Burenhulp",
	  "Ви попросили новий пароль для Burenhulp.\nВиберіть новий пароль за цим посиланням (дійсне одну годину):",
	  "Ви цього не просили? Тоді просто проігноруйте цей лист.",
	  "Ви отримуєте цей лист, бо хтось попросив новий пароль для цієї адреси." },
};

/* The words of locale when it is one of those four, else NULL (nl, en). */
static const struct mail_words *
extra_words(const char *locale)
{
	size_t i;

	for (i = 0; locale != NULL && i < sizeof(extra) / sizeof(extra[0]); i++)
		if (strcmp(locale, extra[i].code) == 0)
			return &extra[i];
	return NULL;
}

int
render_is_account(const char *kind)
{
	return strncmp(kind, "account.", 8) == 0 || strcmp(kind, "password_reset") == 0 ||
	    strcmp(kind, "circle.invitation") == 0;
}

static const char *
greeting(struct arena *a, const struct render *r)
{
	const char *name = r->display_name != NULL && *r->display_name != '\0' ?
	    r->display_name : NULL;

	const struct mail_words *w = extra_words(r->locale);

	if (w != NULL)
		return name != NULL ? arena_printf(a, "%s %s,", w->hello, name) :
		    arena_printf(a, "%s,", w->hello);
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

/* The footer in one of the four languages: why, and off (NULL: no link). */
static const char *
footer_extra(struct arena *a, const struct render *r, const struct mail_words *w,
    const char *why, const char *off_label)
{
	const char *settings = arena_printf(a, "%s/profiel.html#meldingen", r->public_url);
	const char *off = "";

	if (r->unsub_token != NULL && off_label != NULL)
		off = arena_printf(a, "%s %s/afmelden.html#token=%s\n", off_label,
		    r->public_url, r->unsub_token);
	return arena_printf(a, "-- \n%s\n%s %s\n%s", why, w->choose, settings, off);
}

static int
render_event(struct arena *a, const struct render *r, char **subject, char **body)
{
	const struct notify_kind *k;
	const struct render_item *it = r->item;
	const struct mail_words *w = extra_words(r->locale);

	if (it == NULL || (k = notify_kind_find(it->kind)) == NULL)
		return -1;
	*subject = notify_title(a, k, r->locale, it->arg != NULL ? it->arg : "", it->bundled);
	if (w != NULL) {
		*body = arena_printf(a, "%s\n\n%s\n\n%s:\n%s%s\n\n%s",
		    greeting(a, r), *subject, notify_action(k, r->locale), r->public_url,
		    it->link, footer_extra(a, r, w, w->why_event, w->off_event));
		return 0;
	}
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
	const struct mail_words *w;
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
	if ((w = extra_words(r->locale)) != NULL) {
		/* "Burenhulp: nowe powiadomienia (3)": no plural to get wrong */
		*subject = arena_printf(a, "Burenhulp: %s (%zu)", w->digest_subject, n);
		*body = arena_printf(a, "%s\n\n%s\n\n%s\n%s", greeting(a, r), w->digest_intro,
		    list, footer_extra(a, r, w, w->why_digest, w->off_digest));
	} else if (is_en(r->locale)) {
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
	const struct mail_words *w = extra_words(r->locale);
	const char *end = footer(a, r,
	    "U krijgt deze e-mail omdat dit adres bij Burenhulp is opgegeven.",
	    "You get this e-mail because this address was given to Burenhulp.", "", "");

	if (w != NULL) {
		*subject = arena_strdup(a, w->verify_subject);
		*body = arena_printf(a, "%s\n\n%s\n%s\n\n%s\n\n%s", greeting(a, r),
		    w->verify_intro, link, w->verify_ignore,
		    footer_extra(a, r, w, w->why_verify, NULL));
	} else if (is_en(r->locale)) {
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
	const struct mail_words *w = extra_words(r->locale);

	if (w != NULL) {
		*subject = arena_strdup(a, w->reset_subject);
		*body = arena_printf(a, "%s\n\n%s\n%s\n\n%s\n\n%s", greeting(a, r),
		    w->reset_intro, link, w->reset_ignore,
		    footer_extra(a, r, w, w->why_reset, NULL));
	} else if (is_en(r->locale)) {
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

/* An invitation to a circle (issue 18 part 3), to an address the owner
 * gave: the outbox row is the owner's (display_name is the inviter's),
 * the mail is for someone who may have no account yet. It names the
 * inviter, never the person cared for nor anyone's address. */
static int
render_circle_invitation(struct arena *a, const struct render *r, char **subject,
    char **body)
{
	const char *link = arena_printf(a, "%s/kring-uitnodiging.html#token=%s",
	    r->public_url, r->token);
	const char *who = r->display_name != NULL && *r->display_name != '\0' ?
	    r->display_name : "Burenhulp";

	if (is_en(r->locale)) {
		*subject = arena_printf(a, "%s invites you to a circle on Burenhulp", who);
		*body = arena_printf(a, "Hello,\n\n%s invites you to their circle on "
		    "Burenhulp: the family, friends and neighbours around someone they "
		    "care for. Members see the circle's requests for help and can take "
		    "one on.\n\nAccept the invitation with this link (valid for 14 days; "
		    "log in or make an account first):\n%s\n\nDo you not know %s? Then "
		    "you can ignore this message.\n\n-- \nYou get this e-mail because %s "
		    "gave this address to Burenhulp.\n", who, link, who, who);
	} else {
		*subject = arena_printf(a, "%s nodigt u uit voor een kring op Burenhulp", who);
		*body = arena_printf(a, "Hallo,\n\n%s nodigt u uit voor een kring op "
		    "Burenhulp: de familie, vrienden en buren rond iemand voor wie %s "
		    "zorgt. Leden zien de hulpvragen van de kring en kunnen er een "
		    "oppakken.\n\nAccepteer de uitnodiging via deze link (14 dagen "
		    "geldig; log eerst in of maak een account):\n%s\n\nKent u %s niet? "
		    "Dan kunt u dit bericht negeren.\n\n-- \nU krijgt deze e-mail omdat "
		    "%s dit adres aan Burenhulp gaf.\n", who, who, link, who, who);
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
	if (strcmp(r->kind, "circle.invitation") == 0)
		return r->token != NULL ? render_circle_invitation(a, r, subject, body) : -1;
	if (strcmp(r->kind, "digest") == 0)
		return render_digest(a, r, subject, body);
	return render_event(a, r, subject, body);
}
