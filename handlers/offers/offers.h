/*
 * offers.h — what the files of the offers handler share: the statement
 * table, loading an offer, and the checks of an offer body that need more
 * than the field table. The offer's columns and JSON view: render.h.
 *
 * This handler holds no master key: nothing of an offer is private. What it
 * shows of a volunteer is {id, display_name} and the PC4 area of the offer.
 */
#ifndef BH_OFFERS_H
#define BH_OFFERS_H

#include <stdbool.h>
#include <json-c/json.h>

#include "auth.h"
#include "render.h"

struct req;
struct db_rows;

enum stmt {
	STMT_OFFER_INSERT,
	STMT_OFFER_CATEGORY_INSERT,
	STMT_OFFER_SLOT_INSERT,
	STMT_OFFER_CATEGORIES_DELETE,
	STMT_OFFER_SLOTS_DELETE,
	STMT_OFFER_GET,
	STMT_OFFER_UPDATE,
	STMT_OFFER_SET_STATUS,
	STMT_OFFER_REVIEW,
	STMT_MODERATION_INSERT,
	STMT_CATEGORIES_KNOWN,
	STMT_OFFERS_NEAR,
	STMT_OFFERS_NEAR_AREA,
	STMT_OFFERS_RECENT,
	STMT_OFFERS_MINE,
	STMT_OFFER_SET_LANG,	/* issue 19 */
	/* vacancies and talents (issue 18 part 2; vacancy.h) */
	STMT_TALENTS_LIST,
	STMT_TALENTS_KNOWN,
	STMT_TALENTS_ALL,
	STMT_TALENT_GET,
	STMT_TALENT_INSERT,
	STMT_TALENT_UPDATE,
	STMT_ORGANISATION_ACTIVE,
	STMT_COORDINATOR_IS,
	STMT_VACANCY_INSERT,
	STMT_VACANCY_TALENT_INSERT,
	STMT_VACANCY_CATEGORY_INSERT,
	STMT_VACANCY_TALENTS_DELETE,
	STMT_VACANCY_CATEGORIES_DELETE,
	STMT_VACANCY_GET,
	STMT_VACANCY_UPDATE,
	STMT_VACANCY_REVIEW,
	STMT_VACANCY_MODERATION_INSERT,
	STMT_VACANCIES_NEAR,
	STMT_VACANCIES_NEAR_AREA,
	STMT_VACANCIES_RECENT,
	STMT_VACANCIES_OF_ORG,
	STMT__MAX
};

extern const char *const offers_stmts[STMT__MAX];

/* Most categories and slots one offer may hold. */
#define OFFER_CATEGORIES_MAX	10
#define OFFER_SLOTS_MAX		50
/* Largest travel radius of an offer, and so the widest useful search. */
#define OFFER_RADIUS_MAX_KM	50

/* One weekly slot: day 0 = Monday .. 6 = Sunday, minutes since midnight. */
struct slot {
	int	day, from_min, to_min;
};

/* An offer body after the checks: what POST has and PATCH may have. */
struct offer_input {
	const char	*title, *description;
	bool		 has_pc4;
	char		 pc4[5];
	double		 lat, lon;
	bool		 has_radius;
	long		 radius_km;
	bool		 has_categories;
	const char	*categories[OFFER_CATEGORIES_MAX];
	size_t		 ncategories;
	bool		 has_slots;
	struct slot	 slots[OFFER_SLOTS_MAX];
	size_t		 nslots;
};

/* Reads r->json (already checked against the route's field table) into in:
 * availability (end after start, no overlaps on one day), categories (known
 * and active), postcode (known). Field problems go on r. Returns 0 when in
 * is good, 1 when problems were added, -1 on a database failure. */
int offer_input_read(struct req *r, struct offer_input *in);
/* Inserts in's categories and slots for offer id (inside a transaction).
 * Returns an enum db_status. */
int offer_links_insert(struct req *r, const char *id, const struct offer_input *in);

/* Loads offer id (any status but deleted): 0 found, 1 none, -1 failure. */
int offer_load(struct req *r, const char *id, struct db_rows *rows);
/* Loads offer id and sends {offer} with status. */
void offer_send(struct req *r, const char *id, int status);
/* The same with the `warnings` of its public text (check.c): after POST
 * and PATCH. */
void offer_send_checked(struct req *r, const char *id, int status);
/* Path id → loaded offer row, authorised for act; on refusal or absence the
 * answer is sent and false returned. */
bool offer_fetch(struct req *r, enum action act, struct db_rows *rows);

/* Route functions. */
void offers_list(struct req *r);
void offers_mine(struct req *r);
void offer_create(struct req *r);
void offer_get(struct req *r);
void offer_patch(struct req *r);
void offer_delete(struct req *r);
void offer_pause(struct req *r);
void offer_resume(struct req *r);
void offer_review(struct req *r);

/* The moderator's review, shared by offers and vacancies (review.c): one
 * table of decisions (ended by a NULL name), the statements that change
 * the status (to, reason, id, from) and add the moderation row (moderator,
 * id, decision, reason), the audit action and type, and the post's noun
 * for the answers. review_apply checks the decision, the reason and the
 * transition, writes all three in one transaction, and answers every
 * refusal itself: true when the caller should send the post. */
struct review_decision {
	const char	*name, *to;
	const char	*from[4];	/* NULL-terminated */
	bool		 needs_reason;
};
struct review_kind {
	const struct review_decision	*decisions;
	enum stmt			 update, moderation;
	const char			*audit_action, *audit_type;
	const char			*a_noun, *A_noun, *the_noun;
};
bool review_apply(struct req *r, const struct review_kind *k, const char *id,
    const char *from);

#endif
