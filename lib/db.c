/*
 * db.c — connections, prepared statements, transactions; see db.h.
 */
#include <stdlib.h>
#include <string.h>

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

struct db {
	MYSQL			*conn;
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

static int
connect_db(struct db *db)
{
	const struct config *c = db->cfg;
	bool no = false;
	unsigned int timeout_s = 10;

	if ((db->conn = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00', "
	    /* the figures' triggers (migration 071) concatenate a person's year */
	    "group_concat_max_len = 67108864");
	mysql_options(db->conn, MYSQL_OPT_RECONNECT, &no);
	mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout_s);
	if (mysql_real_connect(db->conn, NULL,
	    config_str(c, "db_user", "burenhulp"),
	    config_str(c, "db_password", ""),
	    config_str(c, "db_name", "burenhulp"), 0,
	    config_str(c, "db_socket", NULL), 0) == NULL) {
		log_error("db: cannot connect: %s", mysql_error(db->conn));
		metrics_db_error();
		mysql_close(db->conn);
		db->conn = NULL;
		return -1;
	}
	return 0;
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
	    err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
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

int
db_txn(struct db *db, int (*fn)(void *ctx), void *ctx)
{
	int tries, rc = DB_ERROR;

	for (tries = 0; tries < DB_TXN_TRIES; tries++) {
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
			rc = classify(mysql_errno(db->conn));
		}
		if (db->conn != NULL)
			(void)mysql_rollback(db->conn);
		db->in_txn = false;
		if (rc != DB_RETRY)
			return rc;
		log_warn("db: transaction retried after a deadlock");
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
