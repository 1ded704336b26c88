/*
 * backup.c — `burenhulpctl backup DIR` and `restore DIR`: the database by
 * Debian's mariadb-backup (package mariadb-backup), hot and consistent.
 *
 * backup copies the InnoDB files while the server runs and writes go on,
 * then the redo log written meanwhile: once prepared, the copy is the
 * database as it was when the backup ended, so every transaction committed
 * before `backup` started is in it. DIR gets data/ (mariadb-backup's
 * target), backup.log (its output) and MANIFEST (what, when, from where,
 * the binary log position for point-in-time recovery).
 *
 * restore prepares data/ (applies the copied redo log) and copies it back
 * into the datadir. It refuses to run while the server answers on
 * db_socket or when the datadir is not empty: the operator stops MariaDB
 * and moves the broken datadir away first, and starts MariaDB afterwards.
 *
 * Neither touches the key files. A backup holds sealed values only; without
 * the master key they never open again, so master.key and session.key are
 * backed up separately (docs/operations.md).
 *
 * Config keys: db_socket, db_datadir (/var/lib/mysql), backup_user (the
 * database account mariadb-backup logs in as; default: the OS user, which
 * Debian's root@localhost lets in by unix_socket), backup_defaults_file
 * (the my.cnf mariadb-backup reads; "none" for --no-defaults; default:
 * mariadb-backup's own, /etc/mysql/my.cnf), mariadb_backup (the program,
 * default "mariadb-backup" on PATH). Nothing runs through a shell.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "ctl.h"

#define ARGS_MAX	12

struct backup_cfg {
	const char	*program, *socket, *datadir, *user, *defaults;
};

static void
backup_cfg_read(struct backup_cfg *b, const struct config *cfg)
{
	b->program = config_str(cfg, "mariadb_backup", "mariadb-backup");
	b->socket = config_str(cfg, "db_socket", "/run/mysqld/mysqld.sock");
	b->datadir = config_str(cfg, "db_datadir", "/var/lib/mysql");
	b->user = config_str(cfg, "backup_user", NULL);
	b->defaults = config_str(cfg, "backup_defaults_file", NULL);
}

/* argv[0..) starts with the program and its defaults option, which
 * mariadb-backup wants first. Returns the next free index. */
static int
args_start(const char **argv, const struct backup_cfg *b, struct arena *a)
{
	int n = 0;

	argv[n++] = b->program;
	if (b->defaults != NULL && strcmp(b->defaults, "none") == 0)
		argv[n++] = "--no-defaults";
	else if (b->defaults != NULL)
		argv[n++] = arena_printf(a, "--defaults-file=%s", b->defaults);
	return n;
}

/* Runs argv (NULL-terminated) with stdout and stderr appended to log_path;
 * 0 when it exits 0, -1 otherwise (printed). */
static int
run(const char *const *argv, const char *log_path)
{
	pid_t pid;
	int status, fd;

	if ((fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0) {
		fprintf(stderr, "burenhulpctl: %s: %s\n", log_path, strerror(errno));
		return -1;
	}
	if ((pid = fork()) < 0) {
		fprintf(stderr, "burenhulpctl: fork: %s\n", strerror(errno));
		close(fd);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		if (null >= 0)
			dup2(null, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "burenhulpctl: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "burenhulpctl: %s %s failed (exit %d); see %s\n", argv[0],
	    argv[1] != NULL ? argv[1] : "", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
	    log_path);
	return -1;
}

/* 1 when path is a folder with nothing in it, 0 when it has entries, -1
 * when it cannot be read (errno set; ENOENT: it does not exist). */
static int
dir_empty(const char *path)
{
	DIR *d;
	struct dirent *e;
	int empty = 1;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* True when something accepts connections on the unix socket path. */
static int
server_answers(const char *path)
{
	struct sockaddr_un sun;
	int fd, ok;

	if (strlen(path) >= sizeof(sun.sun_path))
		return 0;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return 0;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	ok = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	close(fd);
	return ok;
}

/* Copies the first line of file path into buf (empty when unreadable). */
static void
first_line(char *buf, size_t n, const char *path)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (f == NULL)
		return;
	if (fgets(buf, (int)n, f) != NULL)
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

int
cmd_backup(struct ctl *c, int argc, char **argv)
{
	struct backup_cfg b;
	const char *args[ARGS_MAX], *dir, *data, *log_path;
	char binlog[256], when[32];
	time_t t0 = time(NULL);
	struct tm tm;
	FILE *m;
	int n, e;

	if (argc != 1) {
		fprintf(stderr, "usage: burenhulpctl backup DIR (a new or empty folder)\n");
		return 2;
	}
	backup_cfg_read(&b, c->cfg);
	dir = argv[0];
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "burenhulpctl: mkdir %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if ((e = dir_empty(dir)) != 1) {
		fprintf(stderr, "burenhulpctl: %s %s; give a new or empty folder\n", dir,
		    e == 0 ? "is not empty" : "cannot be read");
		return 1;
	}
	(void)chmod(dir, 0700);
	data = arena_printf(&c->a, "%s/data", dir);
	log_path = arena_printf(&c->a, "%s/backup.log", dir);

	n = args_start(args, &b, &c->a);
	args[n++] = "--backup";
	args[n++] = arena_printf(&c->a, "--target-dir=%s", data);
	args[n++] = arena_printf(&c->a, "--socket=%s", b.socket);
	args[n++] = arena_printf(&c->a, "--datadir=%s", b.datadir);
	if (b.user != NULL)
		args[n++] = arena_printf(&c->a, "--user=%s", b.user);
	args[n] = NULL;
	printf("backup: %s --backup into %s (the server keeps running)\n", b.program, data);
	fflush(stdout);
	if (run(args, log_path) != 0)
		return 1;

	first_line(binlog, sizeof(binlog), arena_printf(&c->a, "%s/xtrabackup_binlog_info", data));
	gmtime_r(&t0, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((m = fopen(arena_printf(&c->a, "%s/MANIFEST", dir), "w")) == NULL) {
		fprintf(stderr, "burenhulpctl: cannot write %s/MANIFEST\n", dir);
		return 1;
	}
	fprintf(m, "burenhulp backup\nversion %s\nstarted %s\nseconds %ld\n"
	    "datadir %s\nbinlog %s\nprepared no\n"
	    "keys not included: back up master.key and session.key separately;\n"
	    "without master.key the sealed fields (e-mail, phone, address, messages) are lost\n",
	    PACKAGE_VERSION, when, (long)(time(NULL) - t0), b.datadir,
	    binlog[0] != '\0' ? binlog : "-");
	if (fclose(m) != 0)
		return 1;
	printf("backup: done in %lds: %s (binlog position: %s)\n"
	    "backup: the key files are not in it: keep a copy of master.key and session.key elsewhere\n",
	    (long)(time(NULL) - t0), dir, binlog[0] != '\0' ? binlog : "none");
	return 0;
}

int
cmd_restore(struct ctl *c, int argc, char **argv)
{
	struct backup_cfg b;
	const char *args[ARGS_MAX], *dir, *data, *log_path;
	struct stat st;
	int n, e;

	if (argc != 1) {
		fprintf(stderr, "usage: burenhulpctl restore DIR (made by burenhulpctl backup)\n");
		return 2;
	}
	backup_cfg_read(&b, c->cfg);
	dir = argv[0];
	data = arena_printf(&c->a, "%s/data", dir);
	log_path = arena_printf(&c->a, "%s/restore.log", dir);
	if (stat(data, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    access(arena_printf(&c->a, "%s/xtrabackup_checkpoints", data), R_OK) != 0) {
		fprintf(stderr, "burenhulpctl: %s holds no backup (no data/xtrabackup_checkpoints)\n", dir);
		return 1;
	}
	if (server_answers(b.socket)) {
		fprintf(stderr,
		    "burenhulpctl: MariaDB still answers on %s.\n"
		    "restore needs the server stopped and an empty datadir (%s):\n"
		    "  systemctl stop burenhulp-*.socket burenhulp-*.service mariadb\n"
		    "  mv %s %s.broken && mkdir %s && chown mysql:mysql %s\n"
		    "then run restore again, and start MariaDB and the handlers after it.\n",
		    b.socket, b.datadir, b.datadir, b.datadir, b.datadir, b.datadir);
		return 1;
	}
	if ((e = dir_empty(b.datadir)) != 1) {
		fprintf(stderr,
		    "burenhulpctl: the datadir %s %s.\n"
		    "restore copies into an empty datadir only; move the old one away:\n"
		    "  mv %s %s.broken && mkdir %s && chown mysql:mysql %s\n",
		    b.datadir, e == 0 ? "is not empty" : "does not exist or cannot be read",
		    b.datadir, b.datadir, b.datadir, b.datadir);
		return 1;
	}

	/* Applies the redo log copied during the backup: the files become
	 * the database as of the end of the backup. Safe to repeat. */
	n = args_start(args, &b, &c->a);
	args[n++] = "--prepare";
	args[n++] = arena_printf(&c->a, "--target-dir=%s", data);
	args[n] = NULL;
	printf("restore: %s --prepare %s\n", b.program, data);
	fflush(stdout);
	if (run(args, log_path) != 0)
		return 1;

	n = args_start(args, &b, &c->a);
	args[n++] = "--copy-back";
	args[n++] = arena_printf(&c->a, "--target-dir=%s", data);
	args[n++] = arena_printf(&c->a, "--datadir=%s", b.datadir);
	args[n] = NULL;
	printf("restore: %s --copy-back into %s\n", b.program, b.datadir);
	fflush(stdout);
	if (run(args, log_path) != 0)
		return 1;

	/* The copied files belong to whoever ran us; the server's user owns
	 * the datadir itself (the operator made it so), so its files too. */
	if (stat(b.datadir, &st) == 0) {
		const char *chown_args[] = { "chown", "-R",
		    arena_printf(&c->a, "--reference=%s", b.datadir), b.datadir, NULL };

		if (run(chown_args, log_path) != 0)
			return 1;
	}
	printf("restore: done. Start MariaDB (systemctl start mariadb), then the handlers.\n"
	    "restore: sealed fields open only with the master.key of the backed-up site.\n");
	return 0;
}
