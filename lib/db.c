/*
 * db.c — connections, prepared statements, transactions; see db.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "metrics.h"
#include "stmts.h"

#define DB_SCRATCH	256	/* bytes fetched per cell before asking for more */
#define DB_TXN_TRIES	4
/* Every connection's settings; the figures' triggers (migration 071)
 * concatenate a person's year. */
#define DB_INIT	"SET time_zone = '+00:00', group_concat_max_len = 67108864"

struct db {
	MYSQL			*conn;
	/* db_hosts: the first that answers and is ready takes this
	 * connection's statements; host is the one in use (-1: none) */
	struct db_host		 hosts[DB_HOSTS_MAX];	/* db.h */
	int			 nhosts, host;
	double			 next_check_ms;	/* follow_writer, monotonic */
	bool			 lost;		/* lost in a transaction: reconnect */
	const struct config	*cfg;
	const char *const	*stmts;
	size_t			 nstmts;
	MYSQL_STMT		**prepared;		/* nstmts */
	MYSQL_STMT		*lib_prepared[LSTMT__MAX];
	bool			 in_txn;
	unsigned long long	 affected, insert_id;
};

int
db_global_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0 ? 0 : -1;
}

void
db_global_end(void)
{
	mysql_library_end();
}

static void
forget_statements(struct db *db)
{
	size_t i;

	for (i = 0; i < db->nstmts; i++)
		if (db->prepared[i] != NULL) {
			mysql_stmt_close(db->prepared[i]);
			db->prepared[i] = NULL;
		}
	for (i = 0; i < LSTMT__MAX; i++)
		if (db->lib_prepared[i] != NULL) {
			mysql_stmt_close(db->lib_prepared[i]);
			db->lib_prepared[i] = NULL;
		}
}

int
db_hosts_parse(struct db_host *hosts, int max, const char *list)
{
	char item[80], *colon, *end;
	const char *p = list;
	size_t n;
	long port;
	int nhosts = 0;

	if (list == NULL)
		return 0;
	while (*p != '\0') {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (n = 0; p[n] != '\0' && p[n] != ',' && p[n] != ' ' && p[n] != '\t'; n++)
			;
		if (n >= sizeof(item) || nhosts == max)
			return -1;
		memcpy(item, p, n);
		item[n] = '\0';
		p += n;
		port = 3306;
		if (item[0] == '[') {
			if ((end = strchr(item, ']')) == NULL || (end[1] != '\0' && end[1] != ':'))
				return -1;
			colon = end[1] == ':' ? end + 1 : NULL;
			*end = '\0';
			/* the port stays where it was, past the name's new end */
			memmove(item, item + 1, strlen(item + 1) + 1);
		} else if ((colon = strchr(item, ':')) != NULL) {
			if (strchr(colon + 1, ':') != NULL)
				return -1;	/* IPv6 needs its brackets */
			*colon = '\0';
		}
		if (colon != NULL) {
			port = strtol(colon + 1, &end, 10);
			if (colon[1] < '0' || colon[1] > '9' || *end != '\0' || port < 1 ||
			    port > 65535)
				return -1;
		}
		if (item[0] == '\0' || strlen(item) >= sizeof(hosts[0].name))
			return -1;
		strcpy(hosts[nhosts].name, item);
		hosts[nhosts++].port = (unsigned int)port;
	}
	return nhosts;
}

static int
parse_hosts(struct db *db, const char *list)
{
	db->nhosts = db_hosts_parse(db->hosts, DB_HOSTS_MAX, list);
	if (db->nhosts < 0) {
		log_error("config: db_hosts = %s is not a list of HOST[:PORT] (at most %d)",
		    list, DB_HOSTS_MAX);
		db->nhosts = 0;
		return -1;
	}
	return db->nhosts;
}

/* A Galera node that is not part of the primary component, or still
 * joining, takes connections but answers "WSREP has not yet prepared node
 * for application use" to every statement: such a node is skipped. */
static bool
node_ready(MYSQL *conn)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	bool ready = false;
	static const char q[] = "SHOW STATUS LIKE 'wsrep_ready'";

	if (mysql_real_query(conn, q, sizeof(q) - 1) != 0 ||
	    (res = mysql_store_result(conn)) == NULL)
		return false;
	row = mysql_fetch_row(res);
	/* no such variable: not a Galera node, so nothing to wait for */
	ready = row == NULL || (row[1] != NULL && strcmp(row[1], "ON") == 0);
	mysql_free_result(res);
	return ready;
}

/* Opens one connection to host i of db_hosts, or to db_socket when i < 0. */
static MYSQL *
connect_one(struct db *db, int i)
{
	const struct config *c = db->cfg;
	char init[160];
	bool no = false;
	unsigned int connect_s, read_s;
	long sync_wait;
	MYSQL *conn;

	if ((conn = mysql_init(NULL)) == NULL)
		return NULL;
	/* A cluster node that hangs must not hold a worker for long: the
	 * next node is there. On one machine a slow statement may take its
	 * time. */
	connect_s = (unsigned int)config_long(c, "db_connect_timeout_s", i >= 0 ? 2 : 10);
	read_s = (unsigned int)config_long(c, "db_read_timeout_s", i >= 0 ? 30 : 0);
	sync_wait = i >= 0 ? config_long(c, "db_sync_wait", 1) : 0;
	if (sync_wait < 0 || sync_wait > 15)
		sync_wait = 1;
	/* wsrep_sync_wait = 1: a read waits until this node has applied every
	 * write the cluster committed before it, so a read after a failover
	 * sees what the caller wrote on the node before (docs/scale-out.md). */
	if (i >= 0)
		snprintf(init, sizeof(init), "%s, wsrep_sync_wait = %ld", DB_INIT, sync_wait);
	else
		snprintf(init, sizeof(init), "%s", DB_INIT);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_INIT_COMMAND, init);
	mysql_options(conn, MYSQL_OPT_RECONNECT, &no);
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_s);
	if (read_s > 0) {
		mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &read_s);
		mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &read_s);
	}
	if (mysql_real_connect(conn, i >= 0 ? db->hosts[i].name : NULL,
	    config_str(c, "db_user", "burenhulp"),
	    config_str(c, "db_password", ""),
	    config_str(c, "db_name", "burenhulp"), i >= 0 ? db->hosts[i].port : 0,
	    i >= 0 ? NULL : config_str(c, "db_socket", NULL), 0) == NULL) {
		if (i >= 0)
			log_warn("db: cannot connect to %s:%u: %s", db->hosts[i].name,
			    db->hosts[i].port, mysql_error(conn));
		else
			log_error("db: cannot connect: %s", mysql_error(conn));
		mysql_close(conn);
		return NULL;
	}
	if (i >= 0 && !node_ready(conn)) {
		log_warn("db: %s:%u is not ready (not synced with the cluster), skipped",
		    db->hosts[i].name, db->hosts[i].port);
		mysql_close(conn);
		return NULL;
	}
	return conn;
}

/*
 * Connects to the database. With db_hosts, the hosts are tried in their
 * order and the first that answers and is ready is used: every handler
 * lists them in the same order, so all write to one node at a time (the
 * primary of the moment) and move together when it dies.
 */
static int
connect_db(struct db *db)
{
	int i;

	db->host = -1;
	if (db->nhosts == 0) {
		if ((db->conn = connect_one(db, -1)) == NULL)
			goto fail;
		return 0;
	}
	for (i = 0; i < db->nhosts; i++)
		if ((db->conn = connect_one(db, i)) != NULL) {
			db->host = i;
			if (i > 0)
				log_warn("db: using %s:%u, host %d of db_hosts",
				    db->hosts[i].name, db->hosts[i].port, i + 1);
			return 0;
		}
	log_error("db: none of db_hosts answers");
fail:
	metrics_db_error();
	db->conn = NULL;
	return -1;
}

struct db *
db_open(const struct config *cfg, const char *const *stmts, size_t nstmts)
{
	struct db *db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	db->cfg = cfg;
	db->stmts = stmts;
	db->nstmts = nstmts;
	db->host = -1;
	if (parse_hosts(db, config_str(cfg, "db_hosts", NULL)) < 0) {
		free(db);
		return NULL;
	}
	if (nstmts > 0 && (db->prepared = calloc(nstmts, sizeof(*db->prepared))) == NULL) {
		free(db);
		return NULL;
	}
	/* A worker may start before the database answers; it connects on
	 * first use then. */
	(void)connect_db(db);
	return db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	forget_statements(db);
	if (db->conn != NULL)
		mysql_close(db->conn);
	free(db->prepared);
	free(db);
}

static int
reconnect(struct db *db)
{
	forget_statements(db);
	if (db->conn != NULL) {
		mysql_close(db->conn);
		db->conn = NULL;
	}
	return connect_db(db);
}

static bool
connection_lost(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == CR_COMMANDS_OUT_OF_SYNC ||
	    err == ER_UNKNOWN_STMT_HANDLER || err == CR_NO_PREPARE_STMT ||
	    err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */ ||
	    /* a Galera node that left the primary component: "WSREP has not
	     * yet prepared node for application use" — another node will */
	    err == ER_UNKNOWN_COM_ERROR;
}

static int
classify(unsigned int err)
{
	switch (err) {
	case ER_DUP_ENTRY:
	case ER_DUP_UNIQUE:
		return DB_DUPLICATE;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return DB_RETRY;
	case ER_NO_REFERENCED_ROW:
	case ER_NO_REFERENCED_ROW_2:
	case ER_ROW_IS_REFERENCED:
	case ER_ROW_IS_REFERENCED_2:
	case 4025: /* ER_CONSTRAINT_FAILED */
		return DB_CONSTRAINT;
	case ER_FILSORT_ABORT:	/* "Sort aborted": LIMIT ROWS EXAMINED in a sort */
	case ER_QUERY_RESULT_INCOMPLETE:	/* the same, elsewhere */
		return DB_TOO_BIG;
	default:
		return DB_ERROR;
	}
}

static MYSQL_STMT *
prepare(struct db *db, MYSQL_STMT **slot, const char *sql, unsigned int *err)
{
	MYSQL_STMT *st;

	*err = 0;
	if (*slot != NULL)
		return *slot;
	if (db->conn == NULL && connect_db(db) != 0) {
		*err = CR_SERVER_GONE_ERROR;
		return NULL;
	}
	if ((st = mysql_stmt_init(db->conn)) == NULL) {
		*err = mysql_errno(db->conn);
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*err = mysql_stmt_errno(st);
		/* The statement text is ours, never the caller's data. */
		log_error("db: prepare failed (%u): %s", *err, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	*slot = st;
	return st;
}

static int
bind_params(MYSQL_STMT *st, const struct db_param *params, size_t n,
    MYSQL_BIND *b, unsigned long *lens)
{
	size_t i;

	if (mysql_stmt_param_count(st) != n) {
		log_error("db: statement wants %lu parameters, got %zu",
		    mysql_stmt_param_count(st), n);
		return -1;
	}
	memset(b, 0, n * sizeof(*b));
	for (i = 0; i < n; i++) {
		switch (params[i].type) {
		case DB_T_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_STR:
		case DB_T_BLOB:
			b[i].buffer_type = params[i].type == DB_T_STR ?
			    MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)params[i].p;
			lens[i] = (unsigned long)params[i].len;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		case DB_T_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&params[i].i;
			break;
		case DB_T_DOUBLE:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = (void *)&params[i].d;
			break;
		}
	}
	return n == 0 || mysql_stmt_bind_param(st, b) == 0 ? 0 : -1;
}

/* Copies the stored result of st into rows (arena-owned). */
static int
fetch_all(MYSQL_STMT *st, MYSQL_RES *meta, struct arena *a, struct db_rows *rows)
{
	size_t ncols = mysql_num_fields(meta), nrows, r, c;
	MYSQL_BIND *b = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL, *errs = NULL;
	char *scratch = NULL;
	int rc = -1, f;

	if (mysql_stmt_store_result(st) != 0)
		return -1;
	nrows = (size_t)mysql_stmt_num_rows(st);
	rows->nrows = nrows;
	rows->ncols = ncols;
	rows->cells = arena_alloc(a, (nrows * ncols + 1) * sizeof(*rows->cells));
	b = calloc(ncols, sizeof(*b));
	lens = calloc(ncols, sizeof(*lens));
	nulls = calloc(ncols, sizeof(*nulls));
	errs = calloc(ncols, sizeof(*errs));
	scratch = malloc(ncols * DB_SCRATCH);
	if (b == NULL || lens == NULL || nulls == NULL || errs == NULL || scratch == NULL)
		goto out;
	for (c = 0; c < ncols; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = scratch + c * DB_SCRATCH;
		b[c].buffer_length = DB_SCRATCH;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
		b[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(st, b) != 0)
		goto out;
	for (r = 0; r < nrows; r++) {
		f = mysql_stmt_fetch(st);
		if (f == 1 || f == MYSQL_NO_DATA)
			goto out;
		for (c = 0; c < ncols; c++) {
			struct db_cell *cell = &rows->cells[r * ncols + c];
			char *v;

			if (nulls[c]) {
				cell->v = NULL;
				cell->len = 0;
				continue;
			}
			v = arena_alloc(a, lens[c] + 1);
			if (lens[c] <= DB_SCRATCH)
				memcpy(v, b[c].buffer, lens[c]);
			else {
				MYSQL_BIND one;

				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = v;
				one.buffer_length = lens[c];
				if (mysql_stmt_fetch_column(st, &one, (unsigned int)c, 0) != 0)
					goto out;
			}
			v[lens[c]] = '\0';
			cell->v = v;
			cell->len = lens[c];
		}
	}
	rc = 0;
out:
	mysql_stmt_free_result(st);
	free(scratch);
	free(errs);
	free(nulls);
	free(lens);
	free(b);
	return rc;
}

/* Hands each row of st to fn as it comes from the server (no stored
 * result: memory stays at one row). *delivered tells whether fn saw any. */
static int
fetch_each(MYSQL_STMT *st, MYSQL_RES *meta, db_row_fn fn, void *ctx, bool *delivered)
{
	size_t ncols = mysql_num_fields(meta), c;
	MYSQL_BIND *b = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL, *errs = NULL;
	char *scratch = NULL, **big = NULL;
	size_t *bigcap = NULL;
	struct db_cell *cells = NULL;
	int rc = -1, f;

	b = calloc(ncols, sizeof(*b));
	lens = calloc(ncols, sizeof(*lens));
	nulls = calloc(ncols, sizeof(*nulls));
	errs = calloc(ncols, sizeof(*errs));
	big = calloc(ncols, sizeof(*big));
	bigcap = calloc(ncols, sizeof(*bigcap));
	cells = calloc(ncols + 1, sizeof(*cells));
	scratch = malloc(ncols * (DB_SCRATCH + 1));
	if (b == NULL || lens == NULL || nulls == NULL || errs == NULL || big == NULL ||
	    bigcap == NULL || cells == NULL || scratch == NULL)
		goto out;
	for (c = 0; c < ncols; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = scratch + c * (DB_SCRATCH + 1);
		b[c].buffer_length = DB_SCRATCH;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
		b[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(st, b) != 0)
		goto out;
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		for (c = 0; c < ncols; c++) {
			char *v = b[c].buffer;

			if (nulls[c]) {
				cells[c].v = NULL;
				cells[c].len = 0;
				continue;
			}
			if (lens[c] > DB_SCRATCH) {
				MYSQL_BIND one;

				if (bigcap[c] < lens[c] + 1) {
					free(big[c]);
					bigcap[c] = lens[c] + 1;
					if ((big[c] = malloc(bigcap[c])) == NULL) {
						bigcap[c] = 0;
						goto out;
					}
				}
				v = big[c];
				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = v;
				one.buffer_length = lens[c];
				if (mysql_stmt_fetch_column(st, &one, (unsigned int)c, 0) != 0)
					goto out;
			}
			v[lens[c]] = '\0';
			cells[c].v = v;
			cells[c].len = lens[c];
		}
		*delivered = true;
		if (fn(ctx, cells, ncols) != 0)
			goto out;
	}
	rc = f == MYSQL_NO_DATA ? 0 : -1;
out:
	mysql_stmt_free_result(st);	/* reads and drops what fn did not take */
	if (big != NULL)
		for (c = 0; c < ncols; c++)
			free(big[c]);
	free(scratch);
	free(cells);
	free(bigcap);
	free(big);
	free(errs);
	free(nulls);
	free(lens);
	free(b);
	return rc;
}

static void follow_writer(struct db *db);

static int
run(struct db *db, struct arena *a, MYSQL_STMT **slot, const char *sql,
    const struct db_param *params, size_t n, struct db_rows *rows,
    db_row_fn each, void *ctx)
{
	MYSQL_BIND small[16], *b = small;
	unsigned long small_lens[16], *lens = small_lens;
	MYSQL_STMT *st;
	MYSQL_RES *meta;
	unsigned int err = 0;
	int tries, rc = DB_ERROR;
	bool delivered = false;

	if (rows != NULL)
		memset(rows, 0, sizeof(*rows));
	if (n > 16) {
		b = calloc(n, sizeof(*b));
		lens = calloc(n, sizeof(*lens));
		if (b == NULL || lens == NULL)
			goto out;
	}
	if (!db->in_txn)
		follow_writer(db);
	for (tries = 0; tries < 2; tries++) {
		st = prepare(db, slot, sql, &err);
		if (st == NULL)
			goto failed;
		if (bind_params(st, params, n, b, lens) != 0) {
			err = mysql_stmt_errno(st);
			goto failed;
		}
		if (mysql_stmt_execute(st) != 0) {
			err = mysql_stmt_errno(st);
			goto failed;
		}
		db->affected = mysql_stmt_affected_rows(st);
		db->insert_id = mysql_stmt_insert_id(st);
		meta = mysql_stmt_result_metadata(st);
		if (meta != NULL) {
			int f = each != NULL ? fetch_each(st, meta, each, ctx, &delivered) :
			    rows != NULL ? fetch_all(st, meta, a, rows) : 0;

			if (rows == NULL && each == NULL)
				mysql_stmt_free_result(st);
			mysql_free_result(meta);
			if (f != 0) {
				err = mysql_stmt_errno(st);
				/* fn stopped, or the rows it saw cannot be taken back */
				if (err == 0 || delivered) {
					rc = DB_ERROR;
					if (err != 0)
						log_error("db: statement failed (%u) while reading", err);
					goto out;
				}
				goto failed;
			}
		}
		/* Past LIMIT ROWS EXAMINED outside a sort, MariaDB stops and
		 * says so in a warning: the rows are only the first ones. */
		rc = mysql_warning_count(db->conn) > 0 &&
		    strstr(sql, "ROWS EXAMINED") != NULL ? DB_TOO_BIG : DB_OK;
		goto out;
failed:
		if (connection_lost(err) && !db->in_txn) {
			log_warn("db: connection lost (%u), reconnecting", err);
			if (reconnect(db) == 0)
				continue;
		}
		/* Lost inside a transaction: nothing of it was committed, so
		 * db_txn may run it again from the start on a new connection. */
		if (connection_lost(err) && db->in_txn) {
			log_warn("db: connection lost (%u) in a transaction", err);
			db->lost = true;
			rc = DB_RETRY;
			break;
		}
		rc = classify(err);
		if (rc == DB_ERROR) {
			log_error("db: statement failed (%u)", err);
			metrics_db_error();
		}
		break;
	}
out:
	if (b != small)
		free(b);
	if (lens != small_lens)
		free(lens);
	return rc;
}

int
db_exec(struct db *db, struct arena *a, int idx,
    const struct db_param *params, size_t nparams, struct db_rows *rows)
{
	if (idx < 0 || (size_t)idx >= db->nstmts)
		return DB_ERROR;
	return run(db, a, &db->prepared[idx], db->stmts[idx], params, nparams, rows, NULL, NULL);
}

int
db_exec_each(struct db *db, int idx, const struct db_param *params, size_t nparams,
    db_row_fn fn, void *ctx)
{
	if (idx < 0 || (size_t)idx >= db->nstmts || fn == NULL)
		return DB_ERROR;
	return run(db, NULL, &db->prepared[idx], db->stmts[idx], params, nparams, NULL, fn, ctx);
}

int
db_exec_lib(struct db *db, struct arena *a, int idx,
    const struct db_param *params, size_t nparams, struct db_rows *rows)
{
	if (idx < 0 || idx >= LSTMT__MAX)
		return DB_ERROR;
	return run(db, a, &db->lib_prepared[idx], lib_stmts[idx], params, nparams, rows,
	    NULL, NULL);
}

unsigned long long
db_affected(const struct db *db)
{
	return db->affected;
}

unsigned long long
db_insert_id(const struct db *db)
{
	return db->insert_id;
}

static const struct db_cell *
cell(const struct db_rows *rows, size_t r, size_t c)
{
	if (r >= rows->nrows || c >= rows->ncols)
		return NULL;
	return &rows->cells[r * rows->ncols + c];
}

const char *
db_str(const struct db_rows *rows, size_t r, size_t c)
{
	const struct db_cell *x = cell(rows, r, c);

	return x == NULL ? NULL : x->v;
}

size_t
db_len(const struct db_rows *rows, size_t r, size_t c)
{
	const struct db_cell *x = cell(rows, r, c);

	return x == NULL ? 0 : x->len;
}

long long
db_int(const struct db_rows *rows, size_t r, size_t c)
{
	const char *v = db_str(rows, r, c);

	return v == NULL ? 0 : strtoll(v, NULL, 10);
}

double
db_double(const struct db_rows *rows, size_t r, size_t c)
{
	const char *v = db_str(rows, r, c);

	return v == NULL ? 0.0 : strtod(v, NULL);
}

bool
db_is_null(const struct db_rows *rows, size_t r, size_t c)
{
	return db_str(rows, r, c) == NULL;
}

bool
db_in_txn(const struct db *db)
{
	return db->in_txn;
}

static int
simple(struct db *db, const char *sql)
{
	if (db->conn == NULL && connect_db(db) != 0)
		return DB_ERROR;
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0)
		return classify(mysql_errno(db->conn));
	return DB_OK;
}

static double
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* True when "host:port" is one of the comma-separated items of list. */
static bool
listed(const char *list, const struct db_host *h)
{
	char want[80];
	size_t n;
	const char *p;

	n = (size_t)snprintf(want, sizeof(want), "%s:%u", h->name, h->port);
	for (p = list; (p = strstr(p, want)) != NULL; p += n)
		if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

/*
 * The writer is the first host of db_hosts that is a member of the
 * cluster (wsrep_incoming_addresses: the same list on every node of the
 * primary component, so every handler finds the same writer). Before a
 * transaction or a statement outside one, at most every
 * db_writer_check_ms (100), a connection asks its node and moves when the
 * writer is another node that is ready; a writer that is still joining is
 * asked again a second later, and meanwhile the connection stays. So when a
 * node returns, every worker moves to it at its next transaction: two nodes
 * take writes only for the transactions already running at that moment
 * (docs/scale-out.md: Jepsen found lost updates in multi-primary use, and
 * tests/cluster/run saw one when workers moved back over 10 s).
 */
static void
follow_writer(struct db *db)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	MYSQL *conn;
	double now;
	int i, want = -1;
	static const char q[] = "SHOW STATUS LIKE 'wsrep_incoming_addresses'";

	if (db->nhosts < 2 || db->conn == NULL || db->in_txn)
		return;
	now = mono_ms();
	if (now < db->next_check_ms)
		return;
	db->next_check_ms = now + (double)config_long(db->cfg, "db_writer_check_ms", 100);
	if (mysql_real_query(db->conn, q, sizeof(q) - 1) != 0 ||
	    (res = mysql_store_result(db->conn)) == NULL)
		return;	/* the statement that follows finds out what is wrong */
	if ((row = mysql_fetch_row(res)) != NULL && row[1] != NULL)
		for (i = 0; i < db->nhosts && want < 0; i++)
			if (listed(row[1], &db->hosts[i]))
				want = i;
	mysql_free_result(res);
	if (want < 0 || want == db->host)
		return;
	if ((conn = connect_one(db, want)) == NULL) {
		db->next_check_ms = now + 1000;	/* joining still: stay meanwhile */
		return;
	}
	forget_statements(db);
	mysql_close(db->conn);
	db->conn = conn;
	log_warn("db: the writer is now %s:%u, host %d of db_hosts", db->hosts[want].name,
	    db->hosts[want].port, want + 1);
	db->host = want;
}

int
db_txn(struct db *db, int (*fn)(void *ctx), void *ctx)
{
	int tries, rc = DB_ERROR;
	struct timespec pause_ts;

	follow_writer(db);
	for (tries = 0; tries < DB_TXN_TRIES; tries++) {
		if (db->lost) {
			db->lost = false;
			if (reconnect(db) != 0)
				return DB_ERROR;
		}
		if (simple(db, "START TRANSACTION") != DB_OK) {
			/* A connection lost between requests: try once more. */
			if (reconnect(db) != 0 || simple(db, "START TRANSACTION") != DB_OK)
				return DB_ERROR;
		}
		db->in_txn = true;
		rc = fn(ctx);
		if (rc >= 0 && db->conn == NULL)
			rc = DB_ERROR;
		if (rc >= 0) {
			if (mysql_commit(db->conn) == 0) {
				db->in_txn = false;
				return rc;
			}
			/* A deadlock, or a Galera certification failure (another
			 * node committed a write to the same rows first), is
			 * ER_LOCK_DEADLOCK: DB_RETRY. A connection lost in the
			 * commit is not retried: the commit may have happened. */
			rc = classify(mysql_errno(db->conn));
			if (db->lost)	/* lost before COMMIT: nothing to commit */
				rc = DB_RETRY;
			else if (connection_lost(mysql_errno(db->conn))) {
				log_error("db: connection lost in COMMIT (%u): outcome unknown",
				    mysql_errno(db->conn));
				db->in_txn = false;
				db->lost = false;
				(void)reconnect(db);
				return DB_ERROR;
			}
		}
		if (db->conn != NULL && !db->lost)
			(void)mysql_rollback(db->conn);
		db->in_txn = false;
		if (rc != DB_RETRY)
			break;
		log_warn("db: transaction retried after %s",
		    db->lost ? "a lost connection" : "a deadlock or certification failure");
		/* 1, 2, 4 ms and a random part: two that collided apart */
		pause_ts.tv_sec = 0;
		pause_ts.tv_nsec = ((1L << tries) + (rand() % 4)) * 1000000L;
		nanosleep(&pause_ts, NULL);
	}
	if (db->lost) {
		db->lost = false;
		(void)reconnect(db);
	}
	return rc;
}

int
db_ping(struct db *db)
{
	if (db->conn == NULL && connect_db(db) != 0)
		return -1;
	if (mysql_ping(db->conn) == 0)
		return 0;
	return reconnect(db) == 0 && mysql_ping(db->conn) == 0 ? 0 : -1;
}

char *
db_like_escape(struct arena *a, const char *s)
{
	char *out, *o;

	if (s == NULL)
		return NULL;
	o = out = arena_alloc(a, 2 * strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			*o++ = '!';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}
