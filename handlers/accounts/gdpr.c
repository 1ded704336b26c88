/*
 * gdpr.c — GET /me/export, and the table of parts that export and erasure
 * walk. Each issue that stores personal data adds its part here (a file of
 * its own with the two functions, one line in gdpr_parts).
 */
#include <stdio.h>
#include <time.h>

#include "accounts.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "mfa.h"
#include "problem.h"

static int
export_profile(struct req *r, const char *user_id, json_object *doc)
{
	struct db_rows rows;
	json_object *user;

	if (user_load(r, user_id, &rows) != 0 || (user = user_own_json(r, &rows, 0)) == NULL)
		return -1;
	json_put(doc, "user", user);
	return 0;
}

const struct gdpr_part gdpr_parts[] = {
	{ "profile",	export_profile,	NULL },	/* erased by me.c itself, last */
	{ "requests",	gdpr_requests_export,	gdpr_requests_erase },
	{ "matches",	gdpr_matches_export,	gdpr_matches_erase },
	{ "offers",	gdpr_offers_export,	gdpr_offers_erase },
	{ "reports",	gdpr_reports_export,	gdpr_reports_erase },
	{ "organisations", gdpr_organisations_export, gdpr_organisations_erase },
	{ "notifications", gdpr_notifications_export, gdpr_notifications_erase },
	{ "mfa",	gdpr_mfa_export,	gdpr_mfa_erase },
	{ "caregiver_checks", gdpr_caregiver_checks_export, gdpr_caregiver_checks_erase },
	{ "caregiver_check_reminder", gdpr_caregiver_reminder_export, gdpr_caregiver_reminder_erase },
	{ "checkins",	gdpr_checkins_export,	gdpr_checkins_erase },
	{ "vog",	gdpr_vog_export,	gdpr_vog_erase },
	{ "talents",	gdpr_talents_export,	gdpr_talents_erase },
	{ "vacancy_responses", gdpr_vacancy_responses_export, gdpr_vacancy_responses_erase },
	{ "circles",	gdpr_circles_export,	gdpr_circles_erase },
};
const size_t gdpr_nparts = sizeof(gdpr_parts) / sizeof(gdpr_parts[0]);

void
me_export(struct req *r)
{
	json_object *doc = json_object_new_object();
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	size_t i;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_put_str(doc, "exported_at", now);
	for (i = 0; i < gdpr_nparts; i++)
		if (gdpr_parts[i].export_fn(r, r->who.user_id, doc) != 0) {
			json_object_put(doc);
			problem_internal(r, "export");
			return;
		}
	(void)audit_write(r, "account.export", "user", r->who.user_id, NULL);
	http_header(r, "Content-Disposition", "attachment; filename=\"burenhulp-export.json\"");
	http_send_json(r, 200, doc);
}
