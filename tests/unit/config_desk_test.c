/*
 * config_desk_test.c — the desk's settings in lib/config.c (issue 18 part
 * 4): what the letter to a client prints. Absent or empty keys give the
 * defaults; set ones are taken as written, the last line winning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "tap.h"

static struct config *
load(const char *text)
{
	char path[] = "/tmp/bh_config_desk_XXXXXX";
	struct config *c;
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	c = config_load(path);
	unlink(path);
	return c;
}

int
main(void)
{
	struct config_desk d;
	struct config *c;

	c = load("# nothing of the desk\nworkers = 2\n");
	ok(c != NULL, "a config without desk keys loads");
	config_desk(&d, c);
	ok(strcmp(d.name, CONFIG_DESK_NAME) == 0, "no desk_name: the default");
	ok(strcmp(d.phone, CONFIG_DESK_PHONE) == 0, "no desk_phone: the default");
	ok(strcmp(d.hours, CONFIG_DESK_HOURS) == 0, "no desk_hours: the default");
	ok(strcmp(d.hours_en, CONFIG_DESK_HOURS_EN) == 0, "no desk_hours_en: the default");
	config_free(c);

	c = load("desk_name = Sociaal team Emmen-Noord\ndesk_phone =\n"
	    "desk_hours = ma-do 9-12 uur\ndesk_hours = di en do 9-12 uur\n"
	    "desk_hours_en = Tue and Thu 9-12\n");
	ok(c != NULL, "a config with desk keys loads");
	config_desk(&d, c);
	ok(strcmp(d.name, "Sociaal team Emmen-Noord") == 0, "desk_name as written: %s", d.name);
	ok(strcmp(d.phone, CONFIG_DESK_PHONE) == 0, "an empty desk_phone: the default, never a blank on the letter");
	ok(strcmp(d.hours, "di en do 9-12 uur") == 0, "the last desk_hours wins: %s", d.hours);
	ok(strcmp(d.hours_en, "Tue and Thu 9-12") == 0, "desk_hours_en as written: %s", d.hours_en);
	config_free(c);

	config_desk(&d, NULL);
	ok(strcmp(d.name, CONFIG_DESK_NAME) == 0, "no config at all: the defaults");
	return tap_done();
}
