/*
 * config.c — key = value configuration files; see config.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "log.h"

struct config_entry {
	char	*key;
	char	*value;
};

struct config {
	struct config_entry	*entries;
	size_t			 n;
};

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

struct config *
config_load(const char *path)
{
	struct config *c = NULL;
	FILE *f = NULL;
	char *line = NULL, *key, *value, *eq;
	size_t cap = 0, lineno = 0;
	struct config_entry *grown;

	if ((f = fopen(path, "r")) == NULL) {
		log_error("config: cannot open %s: %s", path, strerror(errno));
		goto fail;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		goto fail;
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			log_error("config: %s:%zu: expected key = value", path, lineno);
			goto fail;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		grown = realloc(c->entries, (c->n + 1) * sizeof(*grown));
		if (grown == NULL)
			goto fail;
		c->entries = grown;
		c->entries[c->n].key = strdup(key);
		c->entries[c->n].value = strdup(value);
		if (c->entries[c->n].key == NULL || c->entries[c->n].value == NULL) {
			free(c->entries[c->n].key);
			free(c->entries[c->n].value);
			goto fail;
		}
		c->n++;
	}
	free(line);
	fclose(f);
	return c;
fail:
	free(line);
	if (f != NULL)
		fclose(f);
	config_free(c);
	return NULL;
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->entries[i].key);
		free(c->entries[i].value);
	}
	free(c->entries);
	free(c);
}

const char *
config_str(const struct config *c, const char *key, const char *def)
{
	size_t i;

	/* The last occurrence wins, so a file can override an earlier line. */
	for (i = c ? c->n : 0; i > 0; i--)
		if (strcmp(c->entries[i - 1].key, key) == 0)
			return c->entries[i - 1].value;
	return def;
}

long
config_long(const struct config *c, const char *key, long def)
{
	const char *v = config_str(c, key, NULL);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0') {
		log_warn("config: %s is not a number, using %ld", key, def);
		return def;
	}
	return n;
}

bool
config_bool(const struct config *c, const char *key, bool def)
{
	const char *v = config_str(c, key, NULL);

	if (v == NULL)
		return def;
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
	    strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
		return true;
	if (strcasecmp(v, "false") == 0 || strcasecmp(v, "no") == 0 ||
	    strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
		return false;
	log_warn("config: %s is not a boolean, using %s", key, def ? "true" : "false");
	return def;
}

static const char *
config_str_nonempty(const struct config *c, const char *key, const char *def)
{
	const char *v = config_str(c, key, NULL);

	return v == NULL || *v == '\0' ? def : v;
}

void
config_desk(struct config_desk *out, const struct config *c)
{
	out->name = config_str_nonempty(c, "desk_name", CONFIG_DESK_NAME);
	out->phone = config_str_nonempty(c, "desk_phone", CONFIG_DESK_PHONE);
	out->hours = config_str_nonempty(c, "desk_hours", CONFIG_DESK_HOURS);
	out->hours_en = config_str_nonempty(c, "desk_hours_en", CONFIG_DESK_HOURS_EN);
}
