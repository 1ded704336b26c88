/*
 * health.c — GET /health: 200 when the database answers, 503 otherwise.
 */
#include "admin.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "problem.h"

void
health_get(struct req *r)
{
	json_object *body;

	if (db_ping(r->db) != 0) {
		problem_send(r, 503, "unavailable", "The database does not answer.");
		return;
	}
	body = json_object_new_object();
	json_put_str(body, "status", "ok");
	http_send_json(r, 200, body);
}
