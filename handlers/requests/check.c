/*
 * check.c — what a request's public text should not say, told before and
 * after it is posted (issue 17, API.md "Care"): POST /requests/check for
 * the form to ask first, and the `warnings` of the POST/PATCH answers.
 *
 * Health terms (a diagnosis, condition or medicine in the title or the
 * description) belong in the private part; an ask for professional care
 * (in the text, or the category home-care) is for home care, respite care
 * or caregiver support, whose directory entries near the request's area
 * come along as `suggested_organisations` (lib/support.c). Nothing here
 * blocks a post, and the private part is never looked at: it is where
 * those words belong.
 */
#include <string.h>

#include "db.h"
#include "http.h"
#include "json.h"
#include "postcode.h"
#include "problem.h"
#include "requests.h"
#include "support.h"
#include "valid.h"
#include "warnings.h"
#include "words.h"

/* Directory entries one answer suggests at most. */
#define CHECK_SUGGESTIONS	5

/* The warnings of the public text into body (warnings, and
 * suggested_organisations near pc4 when care was asked for; pc4 NULL:
 * none). 0, or -1 on a database failure. */
static int
check_into(struct req *r, json_object *body, const char *title,
    const char *description, const char *category, const char *pc4)
{
	json_object *warnings = json_object_new_array(), *orgs = NULL;
	unsigned kinds = 0;

	json_put(body, "warnings", warnings);
	if (title != NULL)
		kinds |= warnings_text(warnings, NULL, "title", title, strlen(title));
	if (description != NULL)
		kinds |= warnings_text(warnings, NULL, "description", description,
		    strlen(description));
	kinds |= warnings_category(warnings, "category", category);
	if ((kinds & WORDS_CARE) != 0 && pc4 != NULL &&
	    (orgs = support_near_pc4(r, pc4, SUPPORT_ALL, CHECK_SUGGESTIONS)) == NULL)
		return -1;
	json_put(body, "suggested_organisations",
	    orgs != NULL ? orgs : json_object_new_array());
	return 0;
}

void
requests_send_checked(struct req *r, const char *id, int status)
{
	struct db_rows rows;
	json_object *body;

	if (request_load(r, id, &rows) != 0) {
		problem_internal(r, "request reload");
		return;
	}
	if ((body = request_body(r, &rows, true)) == NULL)
		return;
	if (check_into(r, body, db_str(&rows, 0, RC_TITLE),
	    db_str(&rows, 0, RC_DESCRIPTION), db_str(&rows, 0, RC_CATEGORY),
	    db_str(&rows, 0, RC_PC4)) != 0) {
		json_object_put(body);
		problem_internal(r, "request check");
		return;
	}
	http_send_json(r, status, body);
}

/* POST /requests/check {title, description, category?, postcode?}: the
 * field table (main.c) has checked shape and length. */
void
requests_check(struct req *r)
{
	const char *category = json_get_str(r->json, "category");
	const char *raw = json_get_str(r->json, "postcode");
	struct db_rows rows;
	struct area area;
	json_object *body;
	bool has_area = false;
	int rc;

	if (category != NULL && !valid_slug(category))
		problem_field(r, "category", "unknown", "No such category.");
	else if (category != NULL) {
		if (db_exec(r->db, r->arena, STMT_CATEGORY_GET,
		    DB_PARAMS(DB_STR(category)), &rows) != DB_OK)
			goto internal;
		if (rows.nrows != 1 || db_int(&rows, 0, 0) != 1)
			problem_field(r, "category", "unknown", "No such category.");
	}
	if (raw != NULL) {
		if ((rc = postcode_resolve(r, "postcode", raw, &area)) < 0)
			goto internal;
		has_area = rc == 0;
	}
	if (problem_count(r) > 0) {
		problem_invalid(r);
		return;
	}
	body = json_object_new_object();
	if (check_into(r, body, json_get_str(r->json, "title"),
	    json_get_str(r->json, "description"), category,
	    has_area ? area.pc4 : NULL) != 0) {
		json_object_put(body);
		goto internal;
	}
	http_send_json(r, 200, body);
	return;
internal:
	problem_internal(r, "request check");
}
