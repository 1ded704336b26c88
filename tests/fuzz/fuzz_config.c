/*
 * fuzz_config.c — libFuzzer target for config_load (lib/config.c), which
 * every program runs on its config file at start. The input is written to a
 * temporary file and loaded from there, as the programs do.
 *
 * Invariants: the file loads exactly when every line that is not blank or a
 * comment has an '='; then each key read by an independent parse of the
 * same text (a line ends at '\n', or earlier at a NUL; key and value are
 * trimmed) has the value of its last line; config_long and config_bool
 * return the default for values that are not theirs. The value of `listen`
 * (and, to reach it more often, of every key) goes through
 * listen_addr_parse as the handler's start does: it parses only as
 * ADDRESS:PORT with a port of 1-65535, and an address that parses is
 * judged private or public without a crash; db_hosts_parse (the list of
 * Galera nodes) likewise gives names and ports in range, or -1.
 */
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "listen.h"

static char path[] = "/tmp/fuzz_config.XXXXXX";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = mkstemp(path);

	assert(fd >= 0);
	close(fd);
	return 0;
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { NULL };
	struct config	*c;
	FILE		*f;
	char		*text, *line, *nl, *key, *eq, **keys, **values;
	size_t		 n = 0, i, j;
	bool		 ok = true, b;
	long		 v;

	f = fopen(path, "w");
	assert(f != NULL);
	assert(fwrite(data, 1, size, f) == size);
	assert(fclose(f) == 0);
	c = config_load(path);

	text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
	keys = arena_alloc(&a, (size + 1) * sizeof(*keys));
	values = arena_alloc(&a, (size + 1) * sizeof(*values));
	for (line = text; line < text + size; line = nl + 1) {
		nl = memchr(line, '\n', size - (size_t)(line - text));
		if (nl == NULL)
			nl = text + size;
		*nl = '\0';
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			ok = false;
			break;
		}
		*eq = '\0';
		keys[n] = trim(key);
		values[n++] = trim(eq + 1);
	}
	assert((c != NULL) == ok);
	for (i = 0; c != NULL && i < n; i++) {
		for (j = n; j > 0 && strcmp(keys[j - 1], keys[i]) != 0; j--)
			;
		assert(strcmp(config_str(c, keys[i], NULL), values[j - 1]) == 0);
		v = config_long(c, keys[i], 4242);
		if (strchr("0123456789+-", values[j - 1][0]) == NULL)
			assert(v == 4242);
		b = config_bool(c, keys[i], true);
		if (strcmp(values[j - 1], "0") == 0 || strcmp(values[j - 1], "no") == 0)
			assert(!b);
	}
	for (i = 0; c != NULL && i < n; i++) {
		struct listen_addr la;
		const char *colon = strrchr(values[i], ':');

		if (listen_addr_parse(&la, values[i]) == 0) {
			assert(colon != NULL && colon[1] != '\0' &&
			    strtol(colon + 1, NULL, 10) >= 1 &&
			    strtol(colon + 1, NULL, 10) <= 65535);
			(void)listen_addr_private(&la);
		}
		{
			struct db_host hosts[DB_HOSTS_MAX];
			int nh = db_hosts_parse(hosts, DB_HOSTS_MAX, values[i]);

			assert(nh >= -1 && nh <= DB_HOSTS_MAX);
			while (nh-- > 0)
				assert(hosts[nh].name[0] != '\0' && hosts[nh].port >= 1 &&
				    hosts[nh].port <= 65535);
		}
	}
	assert(config_str(c, "\n", "default") != NULL);
	config_free(c);
	arena_reset(&a);
	return 0;
}
