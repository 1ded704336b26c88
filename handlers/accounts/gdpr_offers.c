/*
 * gdpr_offers.c — the offers' part of GET /me/export and DELETE /me
 * (issue 4).
 *
 * Export: every offer the user made, as the offer object of API.md with its
 * categories, weekly availability and moderation decision, under "offers";
 * the ones they deleted (still held, shown nowhere else) apart under
 * "deleted_offers", as API.md knows no status "deleted". Drawn by
 * handlers/offers/render.c, so it looks exactly like GET /me/offers.
 *
 * Erasure (inside the erasure transaction): every offer is deleted, its
 * weekly slots and categories removed, its title, description and
 * moderation reason destroyed. The row itself stays, empty, because the
 * moderation history names it.
 */
#include <string.h>

#include "accounts.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "../offers/render.h"

int
gdpr_offers_export(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *live, *deleted;
	size_t i;

	if (db_exec(r->db, r->arena, STMT_GDPR_OFFERS_EXPORT,
	    DB_PARAMS(DB_STR(user_id)), &rows) != DB_OK)
		return -1;
	live = json_object_new_array();
	deleted = json_object_new_array();
	for (i = 0; i < rows.nrows; i++)
		json_object_array_add(strcmp(db_str(&rows, i, OC_STATUS), "deleted") == 0 ?
		    deleted : live, offer_json(r, &rows, i, false, 0, 0));
	json_put(doc, "offers", live);
	json_put(doc, "deleted_offers", deleted);
	return 0;
}

int
gdpr_offers_erase(struct req *r, const char *user_id)
{
	static const int steps[] = {
		STMT_GDPR_OFFER_SLOTS_DELETE,
		STMT_GDPR_OFFER_CATEGORIES_DELETE,
		STMT_GDPR_OFFERS_WITHDRAW,
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if ((rc = db_exec(r->db, r->arena, steps[i],
		    DB_PARAMS(DB_STR(user_id)), NULL)) != DB_OK)
			return rc;
	return DB_OK;
}
