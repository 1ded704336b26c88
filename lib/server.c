/*
 * server.c — the FastCGI worker pool and the spine every request runs
 * through; see server.h.
 */
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <mysql.h>

#include "config.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "listen.h"
#include "log.h"
#include "metrics.h"
#include "problem.h"
#include "server.h"

#define WORKERS_DEFAULT	4
#define WORKERS_MAX	64

static const struct handler	*handler;
static struct config		*cfg;
static int			 listen_fd;
static bool			 own_socket;	/* made from `socket`, not fd 0 */
static volatile sig_atomic_t	 stopping;

/* A worker as the main thread sees it when stopping (see on_stop). */
struct worker_slot {
	pthread_t	 thread;
	atomic_int	 in_accept;	/* waiting for a connection, no request */
	atomic_int	 done;
};

const struct config *
server_config(void)
{
	return cfg;
}

/*
 * SIGTERM/SIGINT (delivered to the main thread only). Requests in progress
 * finish; no new one is taken. A socket of our own is shut down, which
 * wakes every worker blocked in accept() and refuses new connections at
 * once. A socket handed over on fd 0 belongs to systemd (or spawn-fcgi) and
 * must stay open and listening: connections that arrive while we stop
 * wait in its queue for the next instance, so a restart loses no request.
 * Shutting that one down would refuse them (and leave systemd's socket
 * dead), so the main thread wakes its idle workers with SIGUSR1 instead:
 * libfcgi's accept loop gives up on EINTR once FCGX_ShutdownPending ran.
 */
static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
	if (own_socket)
		shutdown(listen_fd, SHUT_RDWR);
}

static void
on_wake(int sig)
{
	(void)sig;
}

/* logrotate renamed the log file: the next line goes to a new one. */
static void
on_hup(int sig)
{
	(void)sig;
	(void)log_reopen();
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static bool
unsafe_method(const char *m)
{
	return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0 &&
	    strcmp(m, "OPTIONS") != 0;
}

static bool
json_content_type(const char *ct)
{
	size_t n = strlen("application/json");

	if (ct == NULL || strncasecmp(ct, "application/json", n) != 0)
		return false;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

/* The path as it may appear in a log line: printable, bounded. */
static const char *
loggable_path(struct arena *a, const char *path)
{
	size_t n = strlen(path), i;
	char *p;

	if (n > 160)
		n = 160;
	p = arena_strndup(a, path, n);
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] <= ' ' || (unsigned char)p[i] >= 0x7f)
			p[i] = '?';
	return p;
}

/* GET /metrics on a handler's own socket: only nginx (which never sends
 * this path to a handler but admin) and the admin handler's scrape can
 * connect (0660). The admin handler has its own route for it. */
static void
serve_metrics(struct req *r)
{
	const char *text = metrics_text(r->arena);

	http_send(r, 200, "text/plain; version=0.0.4; charset=utf-8", text, strlen(text));
}

/* The life of one request; returns its route (NULL: none), for metrics. */
static const struct route *
serve(struct req *r)
{
	const struct route *route = NULL;
	const char *allow = NULL;
	enum auth_verdict v;
	int status;

	/* Front line of defence: a readable request, a known route, the right
	 * method, the right content type, a body within limits. */
	if ((status = http_read(r)) != 0) {
		if (status == 413)
			problem_send(r, 413, "payload_too_large", "The body is larger than 64 KiB.");
		else
			problem_send(r, 400, "bad_request", "The request could not be read.");
		return route;
	}
	switch (route_match(handler->routes, handler->nroutes, r, r->method,
	    r->path, &route, &allow)) {
	case ROUTE_NOT_FOUND:
		if (strcmp(r->path, "/metrics") == 0 && strcmp(r->method, "GET") == 0)
			serve_metrics(r);
		else
			problem_send(r, 404, "not_found", "No such resource.");
		return NULL;
	case ROUTE_BAD_METHOD:
		http_header(r, "Allow", allow);
		problem_send(r, 405, "method_not_allowed", "This method is not allowed here.");
		return route;
	case ROUTE_FOUND:
		break;
	}
	if (route->body != NULL) {
		if (!json_content_type(r->content_type)) {
			problem_send(r, 415, "unsupported_media_type",
			    "Send the body as application/json.");
			return route;
		}
		if (json_parse_value(&r->json, r->body, r->body_len) != 0) {
			problem_send(r, 400, "malformed_json",
			    "The body is not valid JSON (UTF-8).");
			return route;
		}
		if (r->json == NULL || !json_object_is_type(r->json, json_type_object)) {
			problem_send(r, 400, "bad_request", "The body must be a JSON object.");
			return route;
		}
	}

	/* Who is asking, and may they ask this at all? */
	if (auth_session_load(r) != 0) {
		problem_internal(r, "session");
		return route;
	}
	if (route->access == ACCESS_SESSION && !r->who.logged_in) {
		problem_send(r, 401, "unauthenticated", "Log in first.");
		return route;
	}
	if (unsafe_method(r->method) && r->who.logged_in &&
	    !(route->flags & ROUTE_NO_CSRF) && !auth_csrf_ok(r)) {
		problem_send(r, 403, "csrf_failed", "The X-CSRF-Token header is missing or wrong.");
		return route;
	}
	/* The route's roles, decided by lib/auth.c like every other rule
	 * (a staff route also needs MFA: 403 mfa_required). */
	if ((v = auth_decide_roles(&r->who, route->roles)) != AUTH_ALLOW) {
		auth_refuse(r, v, "route", arena_printf(r->arena, "%s %s", r->method, route->pattern));
		return route;
	}

	/* Only input that passed the endpoint's field table reaches it. */
	if (route->body != NULL && valid_object(r, r->json, route->body, NULL) > 0 &&
	    !(route->flags & ROUTE_ALL_PROBLEMS)) {
		problem_invalid(r);
		return route;
	}
	route->fn(r);
	if (!r->sent)
		problem_internal(r, "route sent no answer");
	return route;
}

/*
 * Ends request fr, its answer sent (FCGX_FClose of both writers sends
 * END_REQUEST), without libfcgi's lingering close. Left to itself,
 * FCGX_Finish_r shuts the socket down and waits in poll() until nginx has
 * read the answer and closed its end (a guard against a TCP reset losing
 * the answer): on every request the worker sat idle for a round trip
 * through nginx's event loop, 4 100 against 5 600 requests by id a second
 * (docs/performance.md). Over a unix socket nothing is lost once nothing
 * unread is left on our side, and nginx (request buffering on) has sent
 * the whole request before it waits for the answer; so what is still
 * queued to us is read without waiting, and the socket simply closed (a
 * detached request's close does not linger). A connection nginx keeps
 * (fastcgi_keep_conn) is left to libfcgi as before.
 */
static void
finish(FCGX_Request *fr)
{
	char trash[512];

	if (!fr->keepConnection && fr->ipcFd >= 0) {
		while (recv(fr->ipcFd, trash, sizeof(trash), MSG_DONTWAIT) > 0)
			;
		FCGX_Detach(fr);
	}
	FCGX_Finish_r(fr);
}

static void *
worker(void *arg)
{
	struct worker_slot *slot = arg;
	const struct route *route;
	struct db *db;
	FCGX_Request fr;
	struct arena arena = { NULL };
	struct req r;
	double t0;
	int rc;

	mysql_thread_init();
	db = db_open(cfg, handler->stmts, handler->nstmts);
	if (db == NULL || FCGX_InitRequest(&fr, listen_fd, 0) != 0) {
		log_error("worker: cannot start");
		goto out;
	}
	while (!stopping) {
		/* No lock around accept: Linux serialises accept() itself, and
		 * with nginx's fastcgi_keep_conn FCGX_Accept_r waits for the next
		 * request on the kept connection, which must not stop the other
		 * workers from accepting new connections. */
		atomic_store(&slot->in_accept, 1);
		rc = stopping ? -1 : FCGX_Accept_r(&fr);
		atomic_store(&slot->in_accept, 0);
		if (rc < 0)
			break;
		t0 = now_ms();
		memset(&r, 0, sizeof(r));
		r.fcgi = &fr;
		r.arena = &arena;
		r.db = db;
		r.cfg = cfg;
		route = serve(&r);
		/* The answer goes out before the log line is written. */
		FCGX_FClose(fr.err);
		FCGX_FClose(fr.out);
		metrics_observe(route, r.status, now_ms() - t0);
		log_request(r.method != NULL ? r.method : "-",
		    loggable_path(&arena, r.path != NULL ? r.path : "-"),
		    r.status, now_ms() - t0, r.who.logged_in ? r.who.user_id : NULL);
		json_object_put(r.json);
		json_object_put(r.errors);
		finish(&fr);
		arena_reset(&arena);
	}
	FCGX_Free(&fr, 1);
out:
	db_close(db);
	mysql_thread_end();
	atomic_store(&slot->done, 1);
	return NULL;
}

/*
 * The listening socket: fd 0 when no path is configured (spawn-fcgi and
 * systemd's .socket units hand it over there, with their own mode and
 * group), else a unix socket at path, mode 0660: whoever may connect can
 * speak FastCGI and claim any REMOTE_ADDR, so only our user and the group
 * of nginx's workers (config `socket_group`, e.g. www-data) may. The
 * umask keeps it closed from the moment it exists, not only after chmod.
 */
static int
open_listener(const char *path, const char *group)
{
	struct group *gr = NULL;
	mode_t old;
	int fd;

	if (path == NULL || *path == '\0')
		return 0;	/* spawn-fcgi / systemd hand us the socket on fd 0 */
	if (group != NULL && *group != '\0' && (gr = getgrnam(group)) == NULL) {
		log_error("socket_group %s: no such group", group);
		return -1;
	}
	/* libfcgi would take "host:port" as TCP, past listen's check */
	if (strchr(path, ':') != NULL) {
		log_error("config: socket = %s: a TCP address goes in listen", path);
		return -1;
	}
	(void)unlink(path);
	old = umask(0117);
	fd = FCGX_OpenSocket(path, 256);
	umask(old);
	if (fd < 0) {
		log_error("cannot listen on %s", path);
		return -1;
	}
	if ((gr != NULL && chown(path, (uid_t)-1, gr->gr_gid) != 0) ||
	    chmod(path, 0660) != 0) {
		log_error("cannot set the owner or mode of %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static bool
all_done(struct worker_slot *slots, long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (!atomic_load(&slots[i].done))
			return false;
	return true;
}

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s -c CONFIG\n", prog);
}

int
server_main(int argc, char **argv, const struct handler *h)
{
	const char *config_path = NULL, *master;
	static struct worker_slot slots[WORKERS_MAX];
	sigset_t stop_set, old_set;
	struct sigaction sa;
	long nworkers, i, started = 0;
	int c, rc = 1;

	handler = h;
	log_init(h->name);
	metrics_init(h->name, h->routes, h->nroutes);
	while ((c = getopt(argc, argv, "c:")) != -1) {
		if (c != 'c') {
			usage(argv[0]);
			return 2;
		}
		config_path = optarg;
	}
	if (config_path == NULL) {
		usage(argv[0]);
		return 2;
	}
	if ((cfg = config_load(config_path)) == NULL)
		return 1;
	if (config_str(cfg, "log_file", NULL) != NULL &&
	    log_open(config_str(cfg, "log_file", NULL)) != 0) {
		log_error("cannot open log_file %s: %s", config_str(cfg, "log_file", ""),
		    strerror(errno));
		goto out;
	}
	master = h->needs_master_key ? config_str(cfg, "master_key", NULL) : NULL;
	if (h->needs_master_key && master == NULL) {
		log_error("config: master_key is required by %s", h->name);
		goto out;
	}
	if (crypto_keys_load(master, config_str(cfg, "session_key", NULL)) != 0)
		goto out;
	if (config_str(cfg, "pwhash_ops", NULL) != NULL)
		crypto_password_params((unsigned long long)config_long(cfg, "pwhash_ops", 2),
		    (size_t)config_long(cfg, "pwhash_mem_kib", 65536) * 1024);
	/* libfcgi closes TCP connections from any other IPv4 address */
	if (config_str(cfg, "listen_allow", NULL) != NULL)
		setenv("FCGI_WEB_SERVER_ADDRS", config_str(cfg, "listen_allow", ""), 1);
	if (db_global_init() != 0 || FCGX_Init() != 0) {
		log_error("cannot initialise libraries");
		goto out;
	}
	if (h->init != NULL && h->init(cfg) != 0)
		goto out;
	if (config_str(cfg, "listen", NULL) != NULL) {
		/* TCP for nginx on other hosts (lib/listen.h: private only) */
		if (config_str(cfg, "socket", NULL) != NULL) {
			log_error("config: socket and listen are both set: choose one");
			goto out;
		}
		listen_fd = listen_tcp_open(config_str(cfg, "listen", NULL),
		    config_bool(cfg, "listen_public", false), 256);
	} else
		listen_fd = open_listener(config_str(cfg, "socket", NULL),
		    config_str(cfg, "socket_group", NULL));
	if (listen_fd < 0)
		goto out;
	own_socket = listen_fd > 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_wake;	/* no SA_RESTART: accept() returns EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_hup;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_flags = 0;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	nworkers = config_long(cfg, "workers", WORKERS_DEFAULT);
	if (nworkers < 1 || nworkers > WORKERS_MAX)
		nworkers = WORKERS_DEFAULT;
	/* Workers start with TERM, INT and HUP blocked: those go to the main
	 * thread, which waits for them below and never runs a request. */
	sigemptyset(&stop_set);
	sigaddset(&stop_set, SIGTERM);
	sigaddset(&stop_set, SIGINT);
	sigaddset(&stop_set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop_set, &old_set);
	for (i = 0; i < nworkers; i++) {
		atomic_init(&slots[i].in_accept, 0);
		atomic_init(&slots[i].done, 0);
		if (pthread_create(&slots[i].thread, NULL, worker, &slots[i]) != 0) {
			log_error("cannot start worker %ld", i);
			break;
		}
		started++;
	}
	pthread_sigmask(SIG_SETMASK, &old_set, NULL);
	log_info("listening with %ld workers", started);
	while (!stopping && !all_done(slots, started))
		sleep(1);	/* a signal ends it early */
	/* Wake the idle workers (fd 0 only; see on_stop), again until all
	 * are out: one may be between its check of `stopping` and accept(). */
	while (!own_socket && !all_done(slots, started)) {
		struct timespec pause_ts = { 0, 20 * 1000 * 1000 };

		for (i = 0; i < started; i++)
			if (!atomic_load(&slots[i].done) && atomic_load(&slots[i].in_accept))
				pthread_kill(slots[i].thread, SIGUSR1);
		nanosleep(&pause_ts, NULL);
	}
	for (i = 0; i < started; i++)
		pthread_join(slots[i].thread, NULL);
	log_info("stopped");
	rc = started > 0 ? 0 : 1;
	if (listen_fd > 0)
		close(listen_fd);
	db_global_end();
out:
	crypto_keys_free();
	config_free(cfg);
	return rc;
}
