/*
 * listen_test.c — lib/listen.c: which `listen` addresses parse, which are
 * private (a handler listens on TCP only there unless listen_public = yes),
 * and that listen_tcp_open refuses a public address and opens a private one.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "listen.h"
#include "log.h"
#include "tap.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

enum want { BAD, PRIVATE, PUBLIC };

static const struct {
	const char	*text;
	enum want	 want;
} cases[] = {
	{ "10.0.0.5:9001", PRIVATE },
	{ "127.0.0.1:9000", PRIVATE },
	{ "127.255.1.2:1", PRIVATE },
	{ "172.16.0.1:65535", PRIVATE },
	{ "172.31.255.255:80", PRIVATE },
	{ "192.168.1.1:9001", PRIVATE },
	{ "[::1]:9001", PRIVATE },
	{ "[fc00::1]:9001", PRIVATE },
	{ "[fdab:cd::7]:9001", PRIVATE },
	{ "[::ffff:10.1.2.3]:9001", PRIVATE },
	/* public, or every interface at once */
	{ "8.8.8.8:9001", PUBLIC },
	{ "172.15.255.255:9001", PUBLIC },
	{ "172.32.0.1:9001", PUBLIC },
	{ "192.169.0.1:9001", PUBLIC },
	{ "11.0.0.1:9001", PUBLIC },
	{ "0.0.0.0:9001", PUBLIC },
	{ "[::]:9001", PUBLIC },
	{ "[2001:db8::1]:9001", PUBLIC },
	{ "[fe80::1]:9001", PUBLIC },
	{ "[::ffff:8.8.8.8]:9001", PUBLIC },
	/* not an address:port */
	{ "", BAD },
	{ "10.0.0.5", BAD },
	{ "10.0.0.5:", BAD },
	{ "10.0.0.5:0", BAD },
	{ "10.0.0.5:65536", BAD },
	{ "10.0.0.5:123456", BAD },
	{ "10.0.0.5:+90", BAD },
	{ "10.0.0.5:90 ", BAD },
	{ " 10.0.0.5:90", BAD },
	{ "10.0.0.5:9a", BAD },
	{ ":9001", BAD },
	{ "localhost:9001", BAD },
	{ "10.0.0:9001", BAD },
	{ "10.0.0.256:9001", BAD },
	{ "::1:9001", BAD },
	{ "[::1]9001", BAD },
	{ "[::1]", BAD },
	{ "[]:9001", BAD },
	{ "[10.0.0.5]:9001", BAD },
	{ "[fc00::1:9001", BAD },
	{ "/run/burenhulp/requests.sock", BAD },
};

static void
test_parse_and_private(void)
{
	struct listen_addr a;
	size_t i;
	int rc;

	for (i = 0; i < N(cases); i++) {
		rc = listen_addr_parse(&a, cases[i].text);
		if (cases[i].want == BAD)
			ok(rc == -1, "'%s' is not an address:port", cases[i].text);
		else
			ok(rc == 0 && listen_addr_private(&a) == (cases[i].want == PRIVATE),
			    "'%s' is %s", cases[i].text,
			    cases[i].want == PRIVATE ? "private" : "public");
	}
	ok(listen_addr_parse(&a, NULL) == -1, "NULL is not an address");
	ok(listen_addr_parse(&a, "10.0.0.5:9001") == 0 &&
	    ntohs(((struct sockaddr_in *)&a.ss)->sin_port) == 9001, "the port is kept");
}

static void
test_open(void)
{
	struct sockaddr_in got;
	socklen_t len = sizeof(got);
	int fd;

	ok(listen_tcp_open("8.8.8.8:9001", false, 8) == -1,
	    "a public address is refused without listen_public");
	ok(listen_tcp_open("0.0.0.0:9001", false, 8) == -1,
	    "the wildcard address is refused without listen_public");
	ok(listen_tcp_open("nonsense", true, 8) == -1, "nonsense is refused");
	fd = listen_tcp_open("127.0.0.1:1", false, 8);
	/* port 1 needs root; as root it opens. Either way no crash. */
	if (fd >= 0)
		close(fd);
	/* An ephemeral private port opens, and listens there. */
	{
		char text[32];
		int probe = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in s = { .sin_family = AF_INET };

		s.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		(void)bind(probe, (struct sockaddr *)&s, sizeof(s));
		(void)getsockname(probe, (struct sockaddr *)&s, &len);
		close(probe);
		snprintf(text, sizeof(text), "127.0.0.1:%u", ntohs(s.sin_port));
		fd = listen_tcp_open(text, false, 8);
		len = sizeof(got);
		ok(fd >= 0 && getsockname(fd, (struct sockaddr *)&got, &len) == 0 &&
		    got.sin_port == s.sin_port, "a private address opens: %s", text);
		if (fd >= 0)
			close(fd);
	}
}

int
main(void)
{
	log_init("listen_test");
	test_parse_and_private();
	test_open();
	return tap_done();
}
