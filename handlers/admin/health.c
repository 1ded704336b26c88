/*
 * health.c — GET /health: does every part a user's request needs answer?
 *
 * 200 {"status": "ok", "parts": {...}} when all do; otherwise 503, a
 * problem+json `unavailable` with "health": "degraded" and the same
 * "parts", each "ok" or what is wrong, so a monitor and an operator see
 * which one:
 *  - "database": this worker's connection answers a ping;
 *  - one per handler named in `health_sockets` (config, "name:path ..."):
 *    "ok" when a FastCGI request on its socket gets a whole answer within
 *    `health_timeout_ms` (1000), else "down". A real request, not just
 *    connect(): under systemd the socket is held open by systemd, so only
 *    an answer says the program behind it works. It asks a path the
 *    handler does not own, answered by its route table (404) before any
 *    database work. This handler is not asked: it is answering;
 *  - "mail_queue": "stuck" when the oldest queued mail that was due is
 *    more than `mail_queue_max_age_s` (900) overdue (nothing sends mail:
 *    the mailer is down or cannot reach its server); 0 skips the check.
 * The handler probes and the queue are looked at once a second at most,
 * shared by the workers (monitors and load balancers poll this path).
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "problem.h"
#include "server.h"

#define PARTS_MAX	16
#define PART_NAME_MAX	32
#define CHECK_EVERY_MS	1000
#define PROBE_PATH	"/api/v1/health"

struct part {
	char		 name[PART_NAME_MAX];
	const char	*state;		/* "ok", "down", "stuck" */
};

static pthread_mutex_t	 checked_lock = PTHREAD_MUTEX_INITIALIZER;
static struct part	 checked[PARTS_MAX];	/* under checked_lock */
static size_t		 nchecked;
static double		 checked_at_ms = -1e12;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Appends a FastCGI record of type with content to buf at *n. */
static void
fcgi_record(unsigned char *buf, size_t *n, int type, const void *content, size_t len)
{
	unsigned char *h = buf + *n;

	h[0] = 1;			/* version */
	h[1] = (unsigned char)type;
	h[2] = 0;			/* request id 1 */
	h[3] = 1;
	h[4] = (unsigned char)(len >> 8);
	h[5] = (unsigned char)(len & 0xff);
	h[6] = 0;			/* no padding */
	h[7] = 0;
	if (len > 0)
		memcpy(h + 8, content, len);
	*n += 8 + len;
}

/* Appends one name-value pair (both shorter than 128 bytes). */
static void
fcgi_param(unsigned char *buf, size_t *n, const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);

	buf[(*n)++] = (unsigned char)nl;
	buf[(*n)++] = (unsigned char)vl;
	memcpy(buf + *n, name, nl);
	*n += nl;
	memcpy(buf + *n, value, vl);
	*n += vl;
}

/* Waits for fd to be ready for events until deadline; 0 or -1. */
static int
wait_fd(int fd, short events, double deadline_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	double left;
	int rc;

	for (;;) {
		left = deadline_ms - now_ms();
		if (left <= 0)
			return -1;
		rc = poll(&p, 1, (int)left + 1);
		if (rc > 0)
			return 0;
		if (rc < 0 && errno != EINTR)
			return -1;
	}
}

/*
 * One FastCGI GET of uri to the handler at path: 0 when its END_REQUEST
 * record arrives before timeout_ms, -1 otherwise (refused, no socket,
 * closed early, too slow). With out, its STDOUT (CGI headers and body,
 * arena-owned, NUL-terminated) is kept there.
 */
int
admin_fcgi_get(const char *path, const char *uri, long timeout_ms,
    struct arena *a, char **out_text)
{
	size_t out_len = 0, out_cap = 0;
	char *text = NULL;
	static const unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };	/* responder */
	unsigned char out[512], params[256], in[8 + 65535 + 255];	/* one whole record */
	double deadline = now_ms() + (double)timeout_ms;
	struct sockaddr_un sun;
	size_t n = 0, np = 0, sent = 0, have = 0, off;
	ssize_t w;
	int fd, rc = -1;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0)
		return -1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 &&
	    errno != EINPROGRESS && errno != EAGAIN)
		goto out;

	fcgi_record(out, &n, 1, begin, sizeof(begin));		/* BEGIN_REQUEST */
	fcgi_param(params, &np, "REQUEST_METHOD", "GET");
	fcgi_param(params, &np, "REQUEST_URI", uri);
	fcgi_param(params, &np, "DOCUMENT_URI", uri);
	fcgi_param(params, &np, "REMOTE_ADDR", "127.0.0.1");
	fcgi_record(out, &n, 4, params, np);			/* PARAMS */
	fcgi_record(out, &n, 4, NULL, 0);			/* end of PARAMS */
	fcgi_record(out, &n, 5, NULL, 0);			/* empty STDIN */
	while (sent < n) {
		if (wait_fd(fd, POLLOUT, deadline) != 0)
			goto out;
		w = send(fd, out + sent, n - sent, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (w <= 0)
			goto out;
		sent += (size_t)w;
	}
	/* Records until END_REQUEST (type 3); what the answer says does not
	 * matter, only that the program behind the socket made one. */
	for (;;) {
		off = 0;
		while (have - off >= 8) {
			size_t len = ((size_t)in[off + 4] << 8 | in[off + 5]) + in[off + 6];

			if (in[off + 1] == 3) {
				rc = 0;
				goto out;
			}
			if (have - off < 8 + len)
				break;
			if (out_text != NULL && in[off + 1] == 6) {	/* STDOUT */
				size_t clen = (size_t)in[off + 4] << 8 | in[off + 5];

				if (out_len + clen + 1 > out_cap) {
					char *bigger;

					out_cap = (out_len + clen + 1) * 2;
					bigger = arena_alloc(a, out_cap);
					if (text != NULL)
						memcpy(bigger, text, out_len);
					text = bigger;
				}
				memcpy(text + out_len, in + off + 8, clen);
				out_len += clen;
				text[out_len] = '\0';
			}
			off += 8 + len;
		}
		memmove(in, in + off, have - off);
		have -= off;
		if (have == sizeof(in))
			goto out;
		if (wait_fd(fd, POLLIN, deadline) != 0)
			goto out;
		w = recv(fd, in + have, sizeof(in) - have, 0);
		if (w < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (w <= 0)
			goto out;
		have += (size_t)w;
	}
out:
	close(fd);
	if (rc == 0 && out_text != NULL)
		*out_text = text != NULL ? text : arena_strndup(a, "", 0);
	return rc;
}

/* Probes the handlers of health_sockets and looks at the mail queue,
 * filling parts; returns how many. */
static size_t
check_parts(struct req *r, struct part *parts)
{
	const struct config *cfg = server_config();
	const char *list = config_str(cfg, "health_sockets", "");
	long timeout_ms = config_long(cfg, "health_timeout_ms", 1000);
	long max_age_s = config_long(cfg, "mail_queue_max_age_s", 900);
	char item[256], *colon;
	struct db_rows rows;
	size_t n = 0, len;
	int rc;

	while (*list != '\0' && n < PARTS_MAX - 1) {
		list += strspn(list, " \t,");
		len = strcspn(list, " \t,");
		if (len == 0)
			break;
		if (len < sizeof(item)) {
			memcpy(item, list, len);
			item[len] = '\0';
			if ((colon = strchr(item, ':')) != NULL &&
			    (size_t)(colon - item) < PART_NAME_MAX) {
				*colon = '\0';
				memcpy(parts[n].name, item, (size_t)(colon - item) + 1);
				parts[n].state = admin_fcgi_get(colon + 1, PROBE_PATH, timeout_ms,
				    NULL, NULL) == 0 ? "ok" : "down";
				if (strcmp(parts[n].state, "ok") != 0)
					log_warn("health: %s does not answer on its socket", item);
				n++;
			}
		}
		list += len;
	}
	if (max_age_s > 0) {
		snprintf(parts[n].name, PART_NAME_MAX, "mail_queue");
		rc = db_exec(r->db, r->arena, STMT_HEALTH_MAIL_STUCK,
		    DB_PARAMS(DB_INT(max_age_s)), &rows);
		if (rc != DB_OK)
			parts[n].state = "down";
		else
			parts[n].state = rows.nrows > 0 && db_int(&rows, 0, 0) > 0 ? "stuck" : "ok";
		if (strcmp(parts[n].state, "ok") != 0)
			log_warn("health: mail queue %s", parts[n].state);
		n++;
	}
	return n;
}

void
health_get(struct req *r)
{
	struct part parts[PARTS_MAX];
	json_object *body, *obj;
	size_t n, i;
	const char *bad = NULL, *detail = "";

	/* This worker's own connection: every time. */
	snprintf(parts[0].name, PART_NAME_MAX, "database");
	parts[0].state = db_ping(r->db) == 0 ? "ok" : "down";
	n = 1;
	/* The others: fresh once a second; a worker that finds another one
	 * checking takes the last result rather than wait. */
	if (pthread_mutex_trylock(&checked_lock) == 0) {
		if (now_ms() - checked_at_ms >= CHECK_EVERY_MS ||
		    strcmp(parts[0].state, "ok") != 0) {
			nchecked = strcmp(parts[0].state, "ok") == 0 ?
			    check_parts(r, checked) : 0;
			checked_at_ms = strcmp(parts[0].state, "ok") == 0 ? now_ms() : -1e12;
		}
		for (i = 0; i < nchecked && n < PARTS_MAX; i++)
			parts[n++] = checked[i];
		pthread_mutex_unlock(&checked_lock);
	}

	obj = json_object_new_object();
	for (i = 0; i < n; i++) {
		json_put_str(obj, parts[i].name, parts[i].state);
		if (strcmp(parts[i].state, "ok") != 0) {
			bad = parts[i].name;
			detail = arena_printf(r->arena, "%s%s%s %s", detail,
			    *detail != '\0' ? ", " : "", parts[i].name, parts[i].state);
		}
	}
	body = json_object_new_object();
	if (bad != NULL) {
		json_put_str(body, "health", "degraded");
		json_put(body, "parts", obj);
		problem_send_with(r, 503, "unavailable",
		    arena_printf(r->arena, "Not every part answers: %s.", detail), body);
		json_object_put(body);
		return;
	}
	json_put_str(body, "status", "ok");
	json_put(body, "parts", obj);
	http_send_json(r, 200, body);
}
