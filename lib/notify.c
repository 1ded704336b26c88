/*
 * notify.c — the kinds of event, their words, and writing one event.
 *
 * The table below is the one place that says what each kind is called in
 * each language and what it defaults to; the bell (GET /me/notifications),
 * the settings (GET/PUT /me/notification-settings) and the mailer all read
 * it. Writing an event is three statements of lib's own table, run in the
 * caller's transaction: who is the recipient and what do they want, bundle
 * into an unread row or insert one, and queue a mail when "instant".
 */
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "stmts.h"

#define Q(s)	"\xe2\x80\x9c" s "\xe2\x80\x9d"	/* “s” */

const struct notify_kind notify_kinds[] = {
	{ "request.approved", NOTIFY_INSTANT, false,
	  "Uw hulpvraag " Q("%s") " staat nu online",
	  "Your request " Q("%s") " is now public",
	  "Bekijk uw hulpvraag", "View your request" },
	{ "request.rejected", NOTIFY_INSTANT, false,
	  "Uw hulpvraag " Q("%s") " is niet geplaatst",
	  "Your request " Q("%s") " was not published",
	  "Lees waarom", "See why" },
	{ "match.responded", NOTIFY_INSTANT, false,
	  "Een vrijwilliger wil helpen bij " Q("%s"),
	  "A volunteer offers to help with " Q("%s"),
	  "Bekijk de reactie", "View the response" },
	{ "match.invited", NOTIFY_INSTANT, false,
	  "U bent gevraagd te helpen bij " Q("%s"),
	  "You are asked to help with " Q("%s"),
	  "Bekijk de vraag", "View the request" },
	{ "match.accepted", NOTIFY_INSTANT, false,
	  "Afgesproken: de hulp bij " Q("%s") " gaat door",
	  "Agreed: the help with " Q("%s") " is on",
	  "Bekijk de afspraak", "View the match" },
	{ "match.declined", NOTIFY_INSTANT, false,
	  "Geen afspraak voor " Q("%s"),
	  "No match for " Q("%s"),
	  "Bekijk de hulpvraag", "View the request" },
	{ "match.cancelled", NOTIFY_INSTANT, false,
	  "De afspraak voor " Q("%s") " gaat niet door",
	  "The match for " Q("%s") " was cancelled",
	  "Bekijk de afspraak", "View the match" },
	{ "match.completed", NOTIFY_INSTANT, false,
	  "Afgerond: " Q("%s") ". Dank u wel!",
	  "Completed: " Q("%s") ". Thank you!",
	  "Bekijk de afspraak", "View the match" },
	{ "message.new", NOTIFY_INSTANT, false,
	  "Nieuw bericht over " Q("%s"),
	  "New message about " Q("%s"),
	  "Lees het bericht", "Read the message" },
	{ "match.reminder", NOTIFY_INSTANT, false,
	  "Is de hulp bij " Q("%s") " gegeven? Rond de afspraak af",
	  "Did the help with " Q("%s") " happen? Please complete the match",
	  "Rond de afspraak af", "Complete the match" },
	{ "match.checkin", NOTIFY_INSTANT, false,
	  "Hoe gaat de hulp bij " Q("%s") "?",
	  "How is the help with " Q("%s") " going?",
	  "Vertel het ons", "Tell us" },
	{ "alert.request", NOTIFY_DAILY, false,
	  "Nieuwe hulpvraag bij u in de buurt: " Q("%s"),
	  "New request near you: " Q("%s"),
	  "Bekijk de hulpvraag", "View the request" },
	{ "alert.vacancy", NOTIFY_DAILY, false,
	  "Nieuwe vacature bij u in de buurt: " Q("%s"),
	  "New vacancy near you: " Q("%s"),
	  "Bekijk de vacature", "View the vacancy" },
	{ "vog.expiring", NOTIFY_INSTANT, false,
	  "Uw VOG verloopt binnenkort",
	  "Your certificate of conduct (VOG) expires soon",
	  "Bekijk uw profiel", "View your profile" },
	{ "caregiver_check.reminder", NOTIFY_INSTANT, false,
	  "Hoe gaat het met u? Doe de mantelzorgcheck weer eens",
	  "How are you doing? Take the caregiver check again",
	  "Doe de test", "Take the check" },
	{ "vacancy.response", NOTIFY_INSTANT, false,
	  "Nieuwe reactie op uw vacature " Q("%s"),
	  "New response to your vacancy " Q("%s"),
	  "Bekijk de reactie", "View the response" },
	{ "circle.request", NOTIFY_INSTANT, false,
	  "Nieuwe hulpvraag in uw kring: " Q("%s"),
	  "New request in your circle: " Q("%s"),
	  "Bekijk de hulpvraag", "View the request" },
	/* Issue 18 part 3: circle_until passed and nobody took it; the
	 * request's page offers to ask everyone (POST /requests/{id}/publish). */
	{ "circle.unanswered", NOTIFY_INSTANT, false,
	  "Niemand in uw kring nam " Q("%s") " op: vraag het aan iedereen",
	  "Nobody in your circle took " Q("%s") ": ask everyone",
	  "Bekijk de hulpvraag", "View the request" },
	{ "account.email_verify", NOTIFY_INSTANT, true,
	  "Bevestig uw e-mailadres voor Burenhulp",
	  "Confirm your e-mail address for Burenhulp",
	  "Bevestig uw e-mailadres", "Confirm your address" },
	{ "account.password_reset", NOTIFY_INSTANT, true,
	  "Nieuw wachtwoord voor Burenhulp",
	  "A new password for Burenhulp",
	  "Kies een nieuw wachtwoord", "Choose a new password" },
};
const size_t notify_nkinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]);

/* The languages of the neighbourhood (issue 19), machine-made like
 * web/i18n/<code>.json and not yet checked by a person: the same kinds by
 * name, in the order of extra_langs. A kind missing here is worded in
 * Dutch. */
static const char *const extra_langs[] = { "tr", "ar", "pl", "uk" };
#define NEXTRA	(sizeof(extra_langs) / sizeof(extra_langs[0]))
static const struct {
	const char	*name;
	const char	*title[NEXTRA];		/* one %s: arg (may be "") */
	const char	*action[NEXTRA];
} extra_words[] = {
	{ "request.approved",
	  { "Yardım talebiniz “%s” artık yayında",
	    "طلبك “%s” منشور الآن",
	    "Twoja prośba “%s” jest już opublikowana",
	    "Ваш запит “%s” опубліковано" },
	  { "Talebinizi görün",
	    "اعرض طلبك",
	    "Zobacz swoją prośbę",
	    "Переглянути запит" } },
	{ "request.rejected",
	  { "Yardım talebiniz “%s” yayınlanmadı",
	    "لم يُنشر طلبك “%s”",
	    "Twoja prośba “%s” nie została opublikowana",
	    "Ваш запит “%s” не опубліковано" },
	  { "Nedenini okuyun",
	    "اقرأ السبب",
	    "Zobacz dlaczego",
	    "Дізнатися чому" } },
	{ "match.responded",
	  { "Bir gönüllü “%s” için yardım etmek istiyor",
	    "متطوع يعرض المساعدة في “%s”",
	    "Wolontariusz chce pomóc przy “%s”",
	    "Волонтер хоче допомогти з “%s”" },
	  { "Yanıtı görün",
	    "اعرض الرد",
	    "Zobacz odpowiedź",
	    "Переглянути відповідь" } },
	{ "match.invited",
	  { "“%s” için yardım etmeniz isteniyor",
	    "طُلب منك المساعدة في “%s”",
	    "Proszą Cię o pomoc przy “%s”",
	    "Вас просять допомогти з “%s”" },
	  { "Talebi görün",
	    "اعرض الطلب",
	    "Zobacz prośbę",
	    "Переглянути запит" } },
	{ "match.accepted",
	  { "Anlaşıldı: “%s” için yardım gerçekleşecek",
	    "تم الاتفاق: المساعدة في “%s” ستتم",
	    "Umówione: pomoc przy “%s” dojdzie do skutku",
	    "Домовлено: допомога з “%s” відбудеться" },
	  { "Anlaşmayı görün",
	    "اعرض الاتفاق",
	    "Zobacz ustalenia",
	    "Переглянути домовленість" } },
	{ "match.declined",
	  { "“%s” için anlaşma yok",
	    "لا اتفاق بشأن “%s”",
	    "Brak umowy w sprawie “%s”",
	    "Немає домовленості щодо “%s”" },
	  { "Talebi görün",
	    "اعرض الطلب",
	    "Zobacz prośbę",
	    "Переглянути запит" } },
	{ "match.cancelled",
	  { "“%s” için anlaşma iptal edildi",
	    "أُلغي الاتفاق بشأن “%s”",
	    "Umowa w sprawie “%s” została odwołana",
	    "Домовленість щодо “%s” скасовано" },
	  { "Anlaşmayı görün",
	    "اعرض الاتفاق",
	    "Zobacz ustalenia",
	    "Переглянути домовленість" } },
	{ "match.completed",
	  { "Tamamlandı: “%s”. Teşekkürler!",
	    "اكتملت: “%s”. شكرًا لك!",
	    "Zakończono: “%s”. Dziękujemy!",
	    "Завершено: “%s”. Дякуємо!" },
	  { "Anlaşmayı görün",
	    "اعرض الاتفاق",
	    "Zobacz ustalenia",
	    "Переглянути домовленість" } },
	{ "message.new",
	  { "“%s” hakkında yeni mesaj",
	    "رسالة جديدة بشأن “%s”",
	    "Nowa wiadomość w sprawie “%s”",
	    "Нове повідомлення щодо “%s”" },
	  { "Mesajı okuyun",
	    "اقرأ الرسالة",
	    "Przeczytaj wiadomość",
	    "Прочитати повідомлення" } },
	{ "match.reminder",
	  { "“%s” için yardım verildi mi? Lütfen tamamlayın",
	    "هل قُدّمت المساعدة في “%s”؟ يرجى إكمالها",
	    "Czy pomoc przy “%s” została udzielona? Zakończ ją",
	    "Допомогу з “%s” надано? Завершіть її" },
	  { "Yardımı tamamlayın",
	    "أكمل المساعدة",
	    "Zakończ pomoc",
	    "Завершити допомогу" } },
	{ "match.checkin",
	  { "“%s” için yardım nasıl gidiyor?",
	    "كيف تسير المساعدة في “%s”؟",
	    "Jak idzie pomoc przy “%s”?",
	    "Як іде допомога з “%s”?" },
	  { "Bize anlatın",
	    "أخبرنا",
	    "Opowiedz nam",
	    "Розкажіть нам" } },
	{ "alert.request",
	  { "Yakınınızda yeni yardım talebi: “%s”",
	    "طلب جديد قريب منك: “%s”",
	    "Nowa prośba w pobliżu: “%s”",
	    "Новий запит поруч: “%s”" },
	  { "Talebi görün",
	    "اعرض الطلب",
	    "Zobacz prośbę",
	    "Переглянути запит" } },
	{ "alert.vacancy",
	  { "Yakınınızda yeni gönüllü ilanı: “%s”",
	    "فرصة تطوع جديدة قريبة منك: “%s”",
	    "Nowe ogłoszenie wolontariatu w pobliżu: “%s”",
	    "Нова вакансія волонтера поруч: “%s”" },
	  { "İlanı görün",
	    "اعرض الفرصة",
	    "Zobacz ogłoszenie",
	    "Переглянути вакансію" } },
	{ "vog.expiring",
	  { "VOG belgenizin süresi yakında doluyor",
	    "شهادة حسن السيرة (VOG) تنتهي قريبًا",
	    "Twoje VOG wkrótce wygaśnie",
	    "Термін дії вашої довідки VOG скоро закінчиться" },
	  { "Profilinizi görün",
	    "اعرض ملفك الشخصي",
	    "Zobacz swój profil",
	    "Переглянути профіль" } },
	{ "caregiver_check.reminder",
	  { "Nasılsınız? Bakım veren kontrolünü yeniden yapın",
	    "كيف حالك؟ أجرِ فحص مقدّم الرعاية مرة أخرى",
	    "Jak się Pan/Pani czuje? Proszę znów zrobić test opiekuna",
	    "Як ви? Пройдіть перевірку доглядальника ще раз" },
	  { "Kontrolü yapın",
	    "أجرِ الفحص",
	    "Zrób test",
	    "Пройти перевірку" } },
	{ "vacancy.response",
	  { "“%s” ilanınıza yeni yanıt",
	    "رد جديد على فرصتك “%s”",
	    "Nowa odpowiedź na ogłoszenie “%s”",
	    "Нова відповідь на вакансію “%s”" },
	  { "Yanıtı görün",
	    "اعرض الرد",
	    "Zobacz odpowiedź",
	    "Переглянути відповідь" } },
	{ "circle.request",
	  { "Çevrenizde yeni yardım talebi: “%s”",
	    "طلب جديد في دائرتك: “%s”",
	    "Nowa prośba w Twoim kręgu: “%s”",
	    "Новий запит у вашому колі: “%s”" },
	  { "Talebi görün",
	    "اعرض الطلب",
	    "Zobacz prośbę",
	    "Переглянути запит" } },
	{ "circle.unanswered",
	  { "Çevrenizden kimse “%s” talebini üstlenmedi: herkese sorun",
	    "لم يتولَّ أحد في دائرتك “%s”: اسأل الجميع",
	    "Nikt z Twojego kręgu nie podjął “%s”: zapytaj wszystkich",
	    "Ніхто з вашого кола не взяв “%s”: запитайте всіх" },
	  { "Talebi görün",
	    "اعرض الطلب",
	    "Zobacz prośbę",
	    "Переглянути запит" } },
	{ "account.email_verify",
	  { "Burenhulp için e-posta adresinizi onaylayın",
	    "أكّد عنوان بريدك الإلكتروني لـ Burenhulp",
	    "Potwierdź adres e-mail w Burenhulp",
	    "Підтвердьте адресу електронної пошти для Burenhulp" },
	  { "Adresinizi onaylayın",
	    "أكّد عنوانك",
	    "Potwierdź adres",
	    "Підтвердити адресу" } },
	{ "account.password_reset",
	  { "Burenhulp için yeni şifre",
	    "كلمة مرور جديدة لـ Burenhulp",
	    "Nowe hasło do Burenhulp",
	    "Новий пароль для Burenhulp" },
	  { "Yeni bir şifre seçin",
	    "اختر كلمة مرور جديدة",
	    "Wybierz nowe hasło",
	    "Вибрати новий пароль" } },
};

/* The index of locale in extra_langs, or -1 (nl, en, anything else). */
static int
extra_lang(const char *locale)
{
	size_t i;

	for (i = 0; locale != NULL && i < NEXTRA; i++)
		if (strcmp(locale, extra_langs[i]) == 0)
			return (int)i;
	return -1;
}

/* The row of kind k in extra_words, or -1. */
static int
extra_kind(const struct notify_kind *k)
{
	size_t i;

	for (i = 0; i < sizeof(extra_words) / sizeof(extra_words[0]); i++)
		if (strcmp(extra_words[i].name, k->name) == 0)
			return (int)i;
	return -1;
}

static const char *const freq_names[] = {
	[NOTIFY_INSTANT] = "instant",
	[NOTIFY_DAILY] = "daily",
	[NOTIFY_OFF] = "off",
};

const struct notify_kind *
notify_kind_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < notify_nkinds; i++)
		if (strcmp(notify_kinds[i].name, name) == 0)
			return &notify_kinds[i];
	return NULL;
}

const char *
notify_freq_name(enum notify_freq f)
{
	return (unsigned)f < sizeof(freq_names) / sizeof(freq_names[0]) ?
	    freq_names[f] : "off";
}

int
notify_freq_parse(const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < sizeof(freq_names) / sizeof(freq_names[0]); i++)
		if (strcmp(freq_names[i], s) == 0)
			return (int)i;
	return -1;
}

static bool
english(const char *locale)
{
	return locale != NULL && strcmp(locale, "en") == 0;
}

/* tmpl with its one "%s" replaced by arg (no printf: arg is user text). */
static char *
fill(struct arena *a, const char *tmpl, const char *arg)
{
	const char *hole = strstr(tmpl, "%s");

	if (hole == NULL)
		return arena_strdup(a, tmpl);
	return arena_printf(a, "%.*s%s%s", (int)(hole - tmpl), tmpl,
	    arg != NULL ? arg : "", hole + 2);
}

char *
notify_title(struct arena *a, const struct notify_kind *k, const char *locale,
    const char *arg, long n)
{
	int l = extra_lang(locale), w = l >= 0 ? extra_kind(k) : -1;
	char *t;

	if (w >= 0) {
		t = fill(a, extra_words[w].title[l], arg);
		/* "(×3)": no plural forms to get wrong in any language */
		return n > 1 ? arena_printf(a, "%s (\xc3\x97%ld)", t, n) : t;
	}
	t = fill(a, english(locale) ? k->title_en : k->title_nl, arg);
	if (n > 1)
		t = arena_printf(a, english(locale) ? "%s (%ld times)" : "%s (%ld keer)",
		    t, n);
	return t;
}

const char *
notify_action(const struct notify_kind *k, const char *locale)
{
	int l = extra_lang(locale), w = l >= 0 ? extra_kind(k) : -1;

	if (w >= 0)
		return extra_words[w].action[l];
	return english(locale) ? k->action_en : k->action_nl;
}

int
notify_language_known(const char *locale)
{
	return locale != NULL && (strcmp(locale, "nl") == 0 || strcmp(locale, "en") == 0
	    || extra_lang(locale) >= 0);
}

/* Columns of LSTMT_NOTIFY_RECIPIENT. */
enum { NR_STATUS, NR_SETTING };

static int
event(struct db *db, struct arena *a, const char *user_id, const char *kind,
    const char *link, const char *arg, const char *group_key,
    const char *once_key, const char *alert_id, int freq_override)
{
	const struct notify_kind *k = notify_kind_find(kind);
	char id[CRYPTO_ID_LEN + 1];
	struct db_rows who;
	int rc, freq;

	if (k == NULL || user_id == NULL || link == NULL) {
		log_error("notify: bad event %s", kind != NULL ? kind : "(null)");
		return DB_ERROR;
	}
	if ((rc = db_exec_lib(db, a, LSTMT_NOTIFY_RECIPIENT,
	    DB_PARAMS(DB_STR(kind), DB_STR(user_id)), &who)) != DB_OK)
		return rc;
	/* A blocked, erased or unknown user is told nothing. */
	if (who.nrows != 1 || strcmp(db_str(&who, 0, NR_STATUS), "active") != 0)
		return DB_OK;

	freq = db_is_null(&who, 0, NR_SETTING) ? (int)k->def :
	    notify_freq_parse(db_str(&who, 0, NR_SETTING));
	if (freq < 0 || k->fixed)
		freq = k->def;
	if (freq_override >= 0 && freq != NOTIFY_OFF)
		freq = freq_override;

	/* An unread row of the same group stands for this event too. */
	if (group_key != NULL) {
		if ((rc = db_exec_lib(db, a, LSTMT_NOTIFY_BUMP,
		    DB_PARAMS(DB_STR(arg), DB_STR(user_id), DB_STR(group_key)),
		    NULL)) != DB_OK)
			return rc;
		if (db_affected(db) > 0)
			return DB_OK;
	}

	crypto_id_new(id);
	rc = db_exec_lib(db, a, LSTMT_NOTIFY_INSERT,
	    DB_PARAMS(DB_STR(id), DB_STR(user_id), DB_STR(kind), DB_STR(link),
	    DB_STR(arg), DB_STR(group_key), DB_STR(once_key), DB_STR(alert_id),
	    DB_STR(notify_freq_name((enum notify_freq)freq))), NULL);
	if (rc == DB_DUPLICATE && once_key != NULL)
		return DB_OK;		/* told once already */
	if (rc != DB_OK)
		return rc;
	if (freq != NOTIFY_INSTANT)
		return DB_OK;
	return db_exec_lib(db, a, LSTMT_OUTBOX_NOTIFY,
	    DB_PARAMS(DB_STR(user_id), DB_STR(kind), DB_STR(id)), NULL);
}

int
notify(struct db *db, struct arena *a, const char *user_id, const char *kind,
    const char *link, const char *arg, const char *group_key,
    const char *once_key, int freq_override)
{
	return event(db, a, user_id, kind, link, arg, group_key, once_key,
	    NULL, freq_override);
}

int
notify_alert(struct db *db, struct arena *a, const char *user_id,
    const char *alert_id, const char *link, const char *arg,
    const char *once_key, int freq)
{
	return event(db, a, user_id, "alert.request", link, arg, NULL, once_key,
	    alert_id, freq);
}

int
notify_alert_vacancy(struct db *db, struct arena *a, const char *user_id,
    const char *alert_id, const char *link, const char *arg,
    const char *once_key, int freq)
{
	return event(db, a, user_id, "alert.vacancy", link, arg, NULL, once_key,
	    alert_id, freq);
}

int
notify_account_mail(struct db *db, struct arena *a, const char *user_id,
    const char *kind, const char *token)
{
	unsigned char *ct;
	size_t ctlen;
	char *body;
	int rc;

	body = arena_printf(a, "token=%s", token);
	rc = crypto_field_seal(a, &ct, &ctlen, "outbox", "body", user_id,
	    body, strlen(body));
	sodium_memzero(body, strlen(body));
	if (rc != 0)
		return DB_ERROR;
	return db_exec_lib(db, a, LSTMT_OUTBOX_ACCOUNT,
	    DB_PARAMS(DB_STR(user_id), DB_STR(kind), DB_BLOB(ct, ctlen)), NULL);
}
