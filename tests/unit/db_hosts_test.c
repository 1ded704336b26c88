/*
 * db_hosts_test.c — lib/db.c's db_hosts_parse: the list of Galera nodes a
 * handler connects to in order (docs/scale-out.md). Valid lists give their
 * hosts and ports (3306 when none); malformed entries refuse the whole list.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "tap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*list;
	int		 n;
	const char	*want;	/* "name:port name:port ..." */
} cases[] = {
	{ "10.0.1.1:3306, 10.0.1.2:3307, 10.0.1.3:3308", 3,
	    "10.0.1.1:3306 10.0.1.2:3307 10.0.1.3:3308" },
	{ "127.0.0.2:4561 127.0.0.3:4562", 2, "127.0.0.2:4561 127.0.0.3:4562" },
	{ "db1,db2", 2, "db1:3306 db2:3306" },
	{ "  10.0.0.1  ,\t,  ", 1, "10.0.0.1:3306" },
	{ "[fc00::3]:3306, [::1]", 2, "fc00::3:3306 ::1:3306" },
	{ "", 0, "" },
	{ " , ", 0, "" },
	{ "10.0.0.1:0", -1, NULL },
	{ "10.0.0.1:65536", -1, NULL },
	{ "10.0.0.1:", -1, NULL },
	{ "10.0.0.1:+5", -1, NULL },
	{ "10.0.0.1:5x", -1, NULL },
	{ "fc00::3:3306", -1, NULL },
	{ "[fc00::3", -1, NULL },
	{ "[fc00::3]x", -1, NULL },
	{ "[]:3306", -1, NULL },
	{ ":3306", -1, NULL },
	{ "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q", -1, NULL },	/* 17 > 16 */
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", -1, NULL },
};

int
main(void)
{
	struct db_host hosts[DB_HOSTS_MAX];
	char got[2048];
	size_t i, len;
	int n, k;

	for (i = 0; i < N(cases); i++) {
		n = db_hosts_parse(hosts, DB_HOSTS_MAX, cases[i].list);
		got[0] = '\0';
		for (k = 0; k < n; k++) {
			len = strlen(got);
			snprintf(got + len, sizeof(got) - len, "%s%s:%u", k ? " " : "",
			    hosts[k].name, hosts[k].port);
		}
		ok(n == cases[i].n && (cases[i].want == NULL || strcmp(got, cases[i].want) == 0),
		    "'%s': %d host(s) '%s'", cases[i].list, n, got);
	}
	ok(db_hosts_parse(hosts, DB_HOSTS_MAX, NULL) == 0, "no db_hosts: none");
	ok(db_hosts_parse(hosts, 2, "a b c") == -1, "more than max: refused");
	return tap_done();
}
