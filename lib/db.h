/*
 * db.h — the database layer over the MySQL C API (libmariadb).
 *
 * One struct db per worker thread: one connection, and one prepared statement
 * per entry of the program's statement table, prepared on first use and reused
 * until the connection is lost. Every statement takes only bound parameters.
 *
 * Statements are named by index: a program passes its table (kcgi-framework's
 * `enum stmt` + `const char *const stmts[]`) to db_open; lib's own statements
 * (sessions, audit, postcodes) live in a second table that lib indexes with
 * db_exec_lib. Results are copied into the request's arena as text cells.
 *
 * A lost connection ("server has gone away") is reopened and the statement
 * retried once when no transaction is open. Deadlocks and lock-wait timeouts
 * inside db_txn are retried a few times from the start of the transaction;
 * so is a transaction whose connection was lost before its COMMIT (a lost
 * COMMIT is DB_ERROR: it may have happened).
 *
 * A Galera cluster (docs/scale-out.md): config db_hosts = HOST[:PORT], ...
 * replaces db_socket. The first host in the list that answers and is
 * synced (wsrep_ready) takes the connection, so every handler writes to the
 * same node; when it dies, the next. A certification failure is a deadlock
 * (ER_LOCK_DEADLOCK) and retried as one. Connections to a cluster read with
 * wsrep_sync_wait = db_sync_wait (1: reads see every earlier commit), time
 * out after db_connect_timeout_s (2) and db_read_timeout_s (30), and follow
 * the writer: before a transaction (or a statement outside one), at most
 * every db_writer_check_ms (100), a connection moves to the first host of
 * db_hosts that its node lists in wsrep_incoming_addresses, once that one is
 * ready. db_hosts entries are the nodes' wsrep_node_incoming_address.
 */
#ifndef BH_DB_H
#define BH_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct arena;
struct config;
struct db;

enum db_type { DB_T_NULL, DB_T_STR, DB_T_INT, DB_T_DOUBLE, DB_T_BLOB };

struct db_param {
	enum db_type	 type;
	const void	*p;
	size_t		 len;
	long long	 i;
	double		 d;
};

static inline size_t
db_strlen(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

static inline struct db_param
db_param_str(const char *s, size_t n)
{
	struct db_param p = { .type = s != NULL ? DB_T_STR : DB_T_NULL, .p = s, .len = n };

	return p;
}

static inline struct db_param
db_param_blob(const void *b, size_t n)
{
	struct db_param p = { .type = b != NULL ? DB_T_BLOB : DB_T_NULL, .p = b, .len = n };

	return p;
}

#define DB_NULL		((struct db_param){ .type = DB_T_NULL })
#define DB_STR(s)	db_param_str((s), db_strlen(s))
#define DB_STRN(s, n)	db_param_str((s), (n))
#define DB_INT(v)	((struct db_param){ .type = DB_T_INT, .i = (long long)(v) })
#define DB_DOUBLE(v)	((struct db_param){ .type = DB_T_DOUBLE, .d = (v) })
#define DB_BLOB(b, n)	db_param_blob((b), (n))

/* One cell of a result: v is NULL for SQL NULL, otherwise NUL-terminated
 * (binary columns too; len tells the real length). Arena-owned. */
struct db_cell {
	const char	*v;
	size_t		 len;
};

struct db_rows {
	size_t		 nrows, ncols;
	struct db_cell	*cells;		/* nrows * ncols, row-major */
};

enum db_status {
	DB_OK = 0,
	DB_ERROR = -1,		/* logged; answer 500 */
	DB_DUPLICATE = -2,	/* unique key violated */
	DB_RETRY = -3,		/* deadlock or lock wait timeout */
	DB_CONSTRAINT = -4,	/* foreign key or check constraint */
	DB_TOO_BIG = -5,	/* a statement's LIMIT ROWS EXAMINED was reached:
				 * its result is incomplete (not logged) */
};

/* db_hosts: "10.0.1.1:3306, 10.0.1.2 [fc00::3]:3306" (commas or blanks;
 * port 3306 when none). Fills hosts[0..max) and returns how many, 0 for
 * NULL or an empty list, -1 when an entry is malformed or there are more
 * than max. */
#define DB_HOSTS_MAX	16
struct db_host {
	char		 name[64];	/* address or name, without brackets */
	unsigned int	 port;
};
int db_hosts_parse(struct db_host *hosts, int max, const char *list)
	__attribute__((warn_unused_result));

/* Connects with the config's db_socket, db_name, db_user, db_password.
 * stmts is the program's statement table (borrowed for the life of db).
 * Returns NULL on failure (logged). */
struct db *db_open(const struct config *cfg, const char *const *stmts, size_t nstmts);
void db_close(struct db *db);	/* accepts NULL */

/* Runs statement idx of the program's table with the given parameters. When
 * rows is not NULL the result set is copied into a (arena-owned).
 * Returns an enum db_status. */
int db_exec(struct db *db, struct arena *a, int idx,
    const struct db_param *params, size_t nparams, struct db_rows *rows)
	__attribute__((warn_unused_result));
/* Runs statement idx and hands each row of its result to fn as it arrives
 * (the result is not stored: memory stays at one row however many there
 * are). cells[0..ncols) hold the row's text cells, NUL-terminated, valid
 * only during the call (fn may cut the text in place: it is db's scratch,
 * not the server's). fn returns 0 to go on, non-zero to stop (the rest
 * is read and dropped, and db_exec_each returns DB_ERROR). fn must not use
 * db. A connection lost before the first row is retried as in db_exec,
 * after it not. Returns an enum db_status. */
typedef int (*db_row_fn)(void *ctx, const struct db_cell *cells, size_t ncols);
int db_exec_each(struct db *db, int idx, const struct db_param *params, size_t nparams,
    db_row_fn fn, void *ctx)
	__attribute__((warn_unused_result));
/* The same for lib's own statement table (see db.c). */
int db_exec_lib(struct db *db, struct arena *a, int idx,
    const struct db_param *params, size_t nparams, struct db_rows *rows)
	__attribute__((warn_unused_result));

#define DB_PARAMS(...)	(const struct db_param[]){ __VA_ARGS__ }, \
	(sizeof((const struct db_param[]){ __VA_ARGS__ }) / sizeof(struct db_param))
/* db_exec(db, a, STMT_X, DB_PARAMS(DB_STR(id), DB_INT(n)), &rows) */

/* SQL text that renders a DATETIME column as RFC 3339 UTC (connections run
 * with time_zone +00:00): "SELECT " DB_RFC3339("r.created_at") " FROM ..." */
#define DB_RFC3339(col)	"DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%sZ')"

/* s with LIKE's wildcards and the escape character escaped by '!', for a
 * statement that says `LIKE ... ESCAPE '!'`; arena-owned. NULL for NULL. */
char *db_like_escape(struct arena *a, const char *s);

/* Rows changed by the last statement, and the last AUTO_INCREMENT id. */
unsigned long long db_affected(const struct db *db);
unsigned long long db_insert_id(const struct db *db);

/* Cell accessors (row r, column c). */
const char *db_str(const struct db_rows *rows, size_t r, size_t c);
size_t db_len(const struct db_rows *rows, size_t r, size_t c);
long long db_int(const struct db_rows *rows, size_t r, size_t c);	/* NULL → 0 */
double db_double(const struct db_rows *rows, size_t r, size_t c);
bool db_is_null(const struct db_rows *rows, size_t r, size_t c);

/* Transactions. db_txn runs fn(ctx) between BEGIN and COMMIT; when fn (or the
 * commit) returns DB_RETRY it rolls back and runs fn again, at most 4 times.
 * Any other negative result rolls back and is returned; 0 or positive commits
 * and is returned. fn must not send the response (results go through ctx). */
int db_txn(struct db *db, int (*fn)(void *ctx), void *ctx)
	__attribute__((warn_unused_result));
bool db_in_txn(const struct db *db);

/* Cheap liveness check (mysql_ping); 0 when the server answers. */
int db_ping(struct db *db);

/* Per-program initialisation (mysql_library_init) before threads start. */
int db_global_init(void);
void db_global_end(void);

#endif
