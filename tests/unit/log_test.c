/*
 * log_test.c — lib/log.c: the shape of a request line, a message too long
 * for the buffer still ends its line, and lines written by several threads
 * at once never interleave (each is one write(2), no stdio lock); a log
 * file is made 0640, and after a rename log_reopen (SIGHUP) writes to a
 * new file of the old name while nothing more goes to the renamed one.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "tap.h"

#define THREADS		4
#define LINES		2000

/* 1 when file path holds needle. */
static int
file_has(const char *path, const char *needle)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strstr(buf, needle) != NULL;
}

/* log_open, rename, log_reopen: the logrotate path. */
static void
reopen_after_rename(void)
{
	char dir[] = "/tmp/bh-log-reopen.XXXXXX", path[256], moved[256];
	struct stat st;
	int saved = dup(STDERR_FILENO), made;

	if (saved < 0 || mkdtemp(dir) == NULL) {
		ok(0, "a folder for the reopen test");
		return;
	}
	snprintf(path, sizeof(path), "%s/h.log", dir);
	snprintf(moved, sizeof(moved), "%s/h.log.1", dir);
	made = log_open(path) == 0;
	log_info("before-rotation");
	ok(made && stat(path, &st) == 0 && (st.st_mode & 0777) == 0640,
	    "log_open makes the file mode 0640");
	rename(path, moved);
	ok(log_reopen() == 0, "log_reopen opens the path again");
	log_info("after-rotation");
	dup2(saved, STDERR_FILENO);
	close(saved);
	ok(file_has(moved, "before-rotation") && !file_has(moved, "after-rotation"),
	    "after the rename nothing more goes to the renamed file");
	ok(file_has(path, "after-rotation") && stat(path, &st) == 0 &&
	    (st.st_mode & 0777) == 0640, "the next line is in a new file of the old name, 0640");
	unlink(path);
	unlink(moved);
	rmdir(dir);
}

static void *
writer(void *arg)
{
	long t = (long)arg;
	int i;

	for (i = 0; i < LINES; i++)
		log_request("GET", "/api/v1/requests/AAAAAAAAAAAAAAAAAAAAAA", 200,
		    (double)t, "BBBBBBBBBBBBBBBBBBBBBB");
	return NULL;
}

int
main(void)
{
	char path[] = "/tmp/bh-log-test.XXXXXX", line[2048], big[3000];
	pthread_t th[THREADS];
	FILE *f;
	long t;
	int fd, saved, n = 0, good = 0, first_ok = 0, cut_ok = 0;

	if ((fd = mkstemp(path)) < 0 || (saved = dup(STDERR_FILENO)) < 0)
		return 99;
	dup2(fd, STDERR_FILENO);
	log_init("logtest");
	log_request("POST", "/api/v1/session", 401, 1.5, NULL);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_info("%s", big);
	for (t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, writer, (void *)t);
	for (t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	dup2(saved, STDERR_FILENO);
	close(saved);

	if ((f = fopen(path, "r")) == NULL)
		return 99;
	while (fgets(line, sizeof(line), f) != NULL) {
		n++;
		if (n == 1)
			first_ok = strstr(line, "Z logtest request method=POST "
			    "path=/api/v1/session status=401 ms=1.50 user=-\n") != NULL &&
			    line[4] == '-' && line[10] == 'T' && line[23] == 'Z';
		else if (n == 2)
			cut_ok = strstr(line, " logtest info xxx") != NULL &&
			    line[strlen(line) - 1] == '\n' && strlen(line) < 1300;
		else if (strstr(line, " logtest request method=GET path=/api/v1/requests/"
		    "AAAAAAAAAAAAAAAAAAAAAA status=200 ms=") != NULL &&
		    strstr(line, " user=BBBBBBBBBBBBBBBBBBBBBB\n") != NULL &&
		    strchr(line, 'T') == line + 10)
			good++;
	}
	fclose(f);
	unlink(path);

	ok(first_ok, "a request line: time stamp, program, method, path, status, ms, user");
	ok(cut_ok, "a message longer than the buffer is cut and still ends its line");
	ok(n == 2 + THREADS * LINES, "every line arrived (%d of %d)", n, 2 + THREADS * LINES);
	ok(good == THREADS * LINES, "no line of %d threads interleaved with another (%d whole)",
	    THREADS, good);
	reopen_after_rename();
	return tap_done();
}
