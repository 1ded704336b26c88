/*
 * metrics.c — GET /metrics (outside /api/v1): Prometheus text format for the
 * whole site, for the operator's monitoring. Only from the machine itself
 * (REMOTE_ADDR 127.0.0.1 or ::1: a scraper beside nginx) or with an admin
 * session; anyone else gets the 404 of a path that does not exist.
 *
 * What it holds: this handler's counters and those of every handler in
 * `health_sockets`, asked on their sockets (lib/metrics.c: requests by
 * route and status class, durations, database errors), put together per
 * family as the format wants; whether each part is up (as GET /health
 * sees it: burenhulp_up); and the mail queue (queued, and queued and
 * overdue). Counters restart at zero when a handler restarts, as
 * Prometheus expects of a counter.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "metrics.h"
#include "problem.h"
#include "server.h"

#define HANDLERS_MAX	15

static bool
local_caller(const struct req *r)
{
	return strcmp(r->remote_addr, "127.0.0.1") == 0 || strcmp(r->remote_addr, "::1") == 0;
}

/* Appends s to *text (arena-grown). */
static void
append(struct arena *a, char **text, size_t *len, size_t *cap, const char *s, size_t n)
{
	char *bigger;

	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		bigger = arena_alloc(a, *cap);
		memcpy(bigger, *text, *len);
		*text = bigger;
	}
	memcpy(*text + *len, s, n);
	*len += n;
	(*text)[*len] = '\0';
}

/* The lines of text (sample lines) whose metric name belongs to family. */
static void
append_family(struct arena *a, char **out, size_t *len, size_t *cap,
    const char *text, const char *family)
{
	size_t fl = strlen(family);
	const char *line = text, *nl;

	while (line != NULL && *line != '\0') {
		nl = strchr(line, '\n');
		if (strncmp(line, family, fl) == 0 &&
		    (line[fl] == '{' || line[fl] == ' ' || line[fl] == '_'))
			append(a, out, len, cap, line, nl != NULL ? (size_t)(nl - line + 1) : strlen(line));
		line = nl != NULL ? nl + 1 : NULL;
	}
}

void
metrics_get(struct req *r)
{
	const struct config *cfg = server_config();
	const char *list = config_str(cfg, "health_sockets", "");
	long timeout_ms = config_long(cfg, "health_timeout_ms", 1000);
	long max_age_s = config_long(cfg, "mail_queue_max_age_s", 900);
	const char *names[HANDLERS_MAX + 1], *texts[HANDLERS_MAX + 1];
	char item[256], *colon, *got, *body;
	size_t n = 0, i, f, len = 0, cap = 65536, l;
	struct db_rows rows;
	char line[1024];

	/* An admin session (with MFA, lib/auth.c) or the local scrape. */
	if (!local_caller(r) && auth_decide_roles(&r->who, ROLE_ADMIN) != AUTH_ALLOW) {
		problem_send(r, 404, "not_found", "No such resource.");
		return;
	}
	names[n] = "admin";
	texts[n++] = metrics_text(r->arena);
	while (*list != '\0' && n < HANDLERS_MAX + 1) {
		list += strspn(list, " \t,");
		l = strcspn(list, " \t,");
		if (l == 0)
			break;
		if (l < sizeof(item)) {
			memcpy(item, list, l);
			item[l] = '\0';
			if ((colon = strchr(item, ':')) != NULL) {
				*colon = '\0';
				names[n] = arena_strndup(r->arena, item, strlen(item));
				got = NULL;
				if (admin_fcgi_get(colon + 1, "/metrics", timeout_ms, r->arena, &got) == 0 &&
				    (got = strstr(got, "\r\n\r\n")) != NULL)
					texts[n] = got + 4;
				else
					texts[n] = NULL;	/* down: burenhulp_up 0 */
				n++;
			}
		}
		list += l;
	}

	body = arena_alloc(r->arena, cap);
	body[0] = '\0';
	for (f = 0; metrics_families[f] != NULL; f++) {
		snprintf(line, sizeof(line), "# HELP %s %s\n# TYPE %s %s\n", metrics_families[f],
		    metrics_family_help[f], metrics_families[f], metrics_family_type[f]);
		append(r->arena, &body, &len, &cap, line, strlen(line));
		for (i = 0; i < n; i++)
			if (texts[i] != NULL)
				append_family(r->arena, &body, &len, &cap, texts[i], metrics_families[f]);
	}
	snprintf(line, sizeof(line), "# HELP burenhulp_up Whether a part answers (1) or not (0).\n"
	    "# TYPE burenhulp_up gauge\nburenhulp_up{part=\"database\"} %d\n",
	    db_ping(r->db) == 0 ? 1 : 0);
	append(r->arena, &body, &len, &cap, line, strlen(line));
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "burenhulp_up{part=\"%s\"} %d\n", names[i],
		    texts[i] != NULL ? 1 : 0);
		append(r->arena, &body, &len, &cap, line, strlen(line));
	}
	if (db_exec(r->db, r->arena, STMT_METRICS_OUTBOX,
	    DB_PARAMS(DB_INT(max_age_s > 0 ? max_age_s : 900)), &rows) == DB_OK && rows.nrows == 1) {
		snprintf(line, sizeof(line),
		    "# HELP burenhulp_outbox_queued Mail waiting to be sent.\n"
		    "# TYPE burenhulp_outbox_queued gauge\nburenhulp_outbox_queued %lld\n"
		    "# HELP burenhulp_outbox_overdue Queued mail overdue longer than the health limit.\n"
		    "# TYPE burenhulp_outbox_overdue gauge\nburenhulp_outbox_overdue %lld\n",
		    db_int(&rows, 0, 0), db_int(&rows, 0, 1));
		append(r->arena, &body, &len, &cap, line, strlen(line));
	}
	http_send(r, 200, "text/plain; version=0.0.4; charset=utf-8", body, len);
}
