/*
 * config.h — the key = value configuration file every program reads.
 *
 * Lines are `key = value`; `#` starts a comment. Unknown keys are kept, so a
 * handler can read its own settings without lib knowing them. The file never
 * holds keys themselves, only the paths of key files.
 */
#ifndef BH_CONFIG_H
#define BH_CONFIG_H

#include <stdbool.h>

struct config;

/* Reads path; returns NULL (and logs why) when it cannot be read or parsed.
 * The caller owns the result and frees it with config_free. */
struct config *config_load(const char *path);
void config_free(struct config *c);

/* The value of key, or def when absent. Owned by c. */
const char *config_str(const struct config *c, const char *key, const char *def);
long config_long(const struct config *c, const char *key, long def);
bool config_bool(const struct config *c, const char *key, bool def);

/* How a client without internet reaches the desk (issue 18 part 4): the
 * letter of an accepted match prints these. Settings desk_name, desk_phone,
 * desk_hours (Dutch) and desk_hours_en (the letter in any other language),
 * each with a default (CONFIG_DESK_*) when absent or empty. The strings
 * are owned by c. */
#define CONFIG_DESK_NAME	"Wmo-loket van de gemeente"
#define CONFIG_DESK_PHONE	"14 0591"
#define CONFIG_DESK_HOURS	"maandag tot en met vrijdag van 8.30 tot 17.00 uur"
#define CONFIG_DESK_HOURS_EN	"Monday to Friday, 8.30 am to 5 pm"
struct config_desk {
	const char	*name, *phone, *hours, *hours_en;
};
void config_desk(struct config_desk *out, const struct config *c);

#endif
