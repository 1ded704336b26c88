/*
 * render.h — the request object of API.md, and the SQL columns it is made
 * from.
 *
 * Shared by the requests handler and the accounts handler's GDPR export
 * (handlers/accounts/gdpr_requests.c), so that a request looks the same
 * wherever it is shown. Every statement that returns requests selects
 * REQUEST_COLUMNS_* in the order of enum request_col, then one last column:
 * the distance in metres for radius search, NULL elsewhere.
 */
#ifndef BH_REQUESTS_RENDER_H
#define BH_REQUESTS_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

#include "auth.h"
#include "db.h"
#include "vog.h"

struct req;

/* An open request whose expiry has passed is `expired`, computed on every
 * read, so that no job has to run for it. */
#define REQUEST_EFFECTIVE_STATUS \
	"IF(r.status = 'open' AND r.expires_at <= NOW(3), 'expired', r.status)"

#define REQUEST_COLUMNS_PUBLIC \
	"r.id, r.owner_id, u.display_name, u.status, r.posted_as, r.title, " \
	"r.description, r.category_id, r.pc4, p.place, p.municipality, " \
	DB_RFC3339("r.when_start") ", " DB_RFC3339("r.when_end") ", r.on_behalf_of, " \
	REQUEST_COLUMNS_CARE
/* The consent of the person it is for, and whether it needs a VOG (issue
 * 17): how, when and by whom consent was recorded; needs_vog its own flag
 * or its category's (lib/vog.h). */
#define REQUEST_COLUMNS_CARE \
	"r.consent_how, " DB_RFC3339("r.consent_recorded_at") ", r.consent_recorded_by, " \
	"(SELECT cu.display_name FROM users cu WHERE cu.id = r.consent_recorded_by), " \
	VOG_REQUEST_NEEDS("r") ", "
/* The sealed private fields, or NULLs where they are never shown. */
#define REQUEST_COLUMNS_PRIVATE	"r.care_situation_ct, r.address_ct, r.phone_ct, "
#define REQUEST_COLUMNS_NO_PRIVATE "NULL, NULL, NULL, "
#define REQUEST_COLUMNS_STATE \
	REQUEST_EFFECTIVE_STATUS ", r.status, r.moderation_decision, " \
	"r.moderation_reason, r.response_count, " DB_RFC3339("r.created_at") ", " \
	DB_RFC3339("r.expires_at") ", DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s.%f'), " \
	"r.recurrence, r.lang, "
/* The volunteer of the accepted (or completed) match: may read the
 * private part (lib/auth.c, ACT_REQUEST_VIEW_PRIVATE). */
#define REQUEST_COLUMN_VOLUNTEER \
	"(SELECT m.volunteer_id FROM matches m WHERE m.request_id = r.id " \
	"AND m.status IN ('accepted', 'completed') LIMIT 1)"
#define REQUEST_FROM	REQUEST_FROM_HINT("")
/* The same with an index hint on requests: "FORCE INDEX (name) ". */
#define REQUEST_FROM_HINT(hint) \
	" FROM requests r " hint "JOIN users u ON u.id = r.owner_id " \
	"JOIN postcodes p ON p.pc4 = r.pc4 "

enum request_col {
	RC_ID, RC_OWNER_ID, RC_OWNER_NAME, RC_OWNER_STATUS, RC_POSTED_AS,
	RC_TITLE, RC_DESCRIPTION, RC_CATEGORY, RC_PC4, RC_PLACE,
	RC_MUNICIPALITY, RC_WHEN_START, RC_WHEN_END, RC_ON_BEHALF_OF,
	RC_CONSENT_HOW, RC_CONSENT_AT, RC_CONSENT_BY, RC_CONSENT_BY_NAME,
	RC_NEEDS_VOG,
	RC_CARE_CT, RC_ADDRESS_CT, RC_PHONE_CT,
	RC_STATUS,		/* effective: "expired" when passed */
	RC_STORED_STATUS,
	RC_DECISION, RC_REASON, RC_RESPONSES, RC_CREATED, RC_EXPIRES,
	RC_SORT_CREATED,	/* created_at with microseconds, for cursors */
	RC_RECURRENCE,		/* weekly, fortnightly, monthly; NULL: once (082) */
	RC_LANG,		/* the language it is written in (099) */
	RC_VOLUNTEER_ID,	/* NULL in lists */
	RC_DISTANCE_M,		/* NULL unless searched near a postcode */
	RC__COUNT
};

/* What a caller may see of a request, beyond its public part. */
#define RENDER_PRIVATE	0x01u	/* the decrypted private part */
#define RENDER_OWNER	0x02u	/* posted_as and the moderation decision */
#define RENDER_DISTANCE	0x04u	/* distance_km from RC_DISTANCE_M */

/* The request of row i as a JSON object; the private part is decrypted
 * with AD (requests, column, id). NULL when a ciphertext does not open
 * (logged without its content). */
json_object *request_json(struct req *r, const struct db_rows *rows, size_t i,
    unsigned flags);

/* The object the authorisation rules decide on: owner, accepted volunteer,
 * and the status as the public sees it (an open request of a blocked or
 * erased owner counts as withdrawn). Borrows from rows. */
void request_auth_object(struct auth_object *obj, const struct db_rows *rows,
    size_t i);

#endif
