/*
 * vacancy.h — vacancies of organisations and the list of talents (issue
 * 18 part 2), served by the offers handler beside offers: both are public
 * posts that are moderated, searched near a postcode (lib/near.c) and hold
 * nothing private. The responses and their conversation (sealed) live in
 * the matches handler, which holds the master key
 * (handlers/matches/vacancy_responses.c).
 *
 * Every statement that returns vacancies selects VACANCY_COLUMNS in the
 * order of enum vacancy_col, then a sort key, FROM VACANCY_FROM.
 */
#ifndef BH_OFFERS_VACANCY_H
#define BH_OFFERS_VACANCY_H

#include <stdbool.h>
#include <json-c/json.h>

#include "auth.h"
#include "db.h"

struct req;

#define VACANCY_COLUMNS \
	"v.id, v.organisation_id, g.name, v.title, v.description, v.pc4, " \
	"p.place, p.municipality, v.hours_per_month, v.needs_vog, v.status, " \
	"v.moderation_reason, " DB_RFC3339("v.created_at") ", v.lat, v.lon, " \
	"(SELECT GROUP_CONCAT(vt.talent_id ORDER BY vt.talent_id SEPARATOR ',') " \
	"FROM vacancy_talents vt WHERE vt.vacancy_id = v.id), " \
	"(SELECT GROUP_CONCAT(vc.category_id ORDER BY vc.category_id SEPARATOR ',') " \
	"FROM vacancy_categories vc WHERE vc.vacancy_id = v.id), v.lang, g.active, "
#define VACANCY_FROM	VACANCY_FROM_HINT("")
#define VACANCY_FROM_HINT(hint) \
	"FROM vacancies v " hint "JOIN organisations g ON g.id = v.organisation_id " \
	"JOIN postcodes p ON p.pc4 = v.pc4 "
#define VACANCY_CREATED_KEY "DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i:%s.%f') "

enum vacancy_col {
	VC_ID, VC_ORG_ID, VC_ORG_NAME, VC_TITLE, VC_DESCRIPTION, VC_PC4,
	VC_PLACE, VC_MUNICIPALITY, VC_HOURS, VC_NEEDS_VOG, VC_STATUS,
	VC_MODERATION_REASON, VC_CREATED, VC_LAT, VC_LON, VC_TALENTS,
	VC_CATEGORIES, VC_LANG, VC_ORG_ACTIVE, VC_SORT_KEY, VC__COUNT
};

/* Most talents and categories one vacancy may name. */
#define VACANCY_LINKS_MAX	10

/* The vacancy of row as r's caller may see it; with distance_km from (lat,
 * lon) when with_distance. coordinator: the caller coordinates it (it then
 * shows the moderation reason). */
json_object *vacancy_json(struct req *r, const struct db_rows *rows, size_t row,
    bool with_distance, double lat, double lon, bool coordinator);

/* Route functions (vacancies.c, vacancies_list.c, talents.c). */
void vacancies_list(struct req *r);
void vacancies_of_organisation(struct req *r);
void vacancy_create(struct req *r);
void vacancy_get(struct req *r);
void vacancy_patch(struct req *r);
void vacancy_close(struct req *r);
void vacancy_review(struct req *r);
void talents_list(struct req *r);
void talents_all(struct req *r);
void talent_create(struct req *r);
void talent_patch(struct req *r);

#endif
