/*
 * check.c — the `warnings` of an offer's answer after POST and PATCH
 * (issue 17, API.md "Care"): health terms in its public title or
 * description, and offers of professional care (wound care, medication,
 * nursing: what a volunteer may not do), found with lib/words.c. Never
 * blocking; the form asks before it posts (POST /requests/check).
 */
#include <string.h>

#include "db.h"
#include "http.h"
#include "json.h"
#include "offers.h"
#include "problem.h"
#include "render.h"
#include "warnings.h"

void
offer_send_checked(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body, *warnings;
	const char *title, *description;

	if (offer_load(r, id, &rows) != 0) {
		problem_internal(r, "offer reload");
		return;
	}
	body = json_object_new_object();
	json_put(body, "offer", offer_json(r, &rows, 0, false, 0, 0));
	warnings = json_object_new_array();
	title = db_str(&rows, 0, OC_TITLE);
	description = db_str(&rows, 0, OC_DESCRIPTION);
	if (title != NULL)
		(void)warnings_text(warnings, NULL, "title", title, strlen(title));
	if (description != NULL)
		(void)warnings_text(warnings, NULL, "description", description,
		    strlen(description));
	json_put(body, "warnings", warnings);
	http_send_json(r, status, body);
}
