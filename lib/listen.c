/*
 * listen.c — the `listen` address of a handler and its TCP socket; see
 * listen.h. Parsing is by hand (inet_pton on the host part, strtoul with
 * every digit checked on the port): getaddrinfo would accept names.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "listen.h"
#include "log.h"

#define HOST_MAX	64	/* longer than any numeric IPv6 address */

static int
parse_port(const char *s, in_port_t *port)
{
	unsigned long n = 0;
	size_t i;

	if (*s == '\0' || strlen(s) > 5)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (unsigned long)(s[i] - '0');
	}
	if (n < 1 || n > 65535)
		return -1;
	*port = htons((in_port_t)n);
	return 0;
}

int
listen_addr_parse(struct listen_addr *out, const char *text)
{
	char host[HOST_MAX];
	const char *colon, *h, *end;
	size_t n;
	in_port_t port;

	memset(out, 0, sizeof(*out));
	if (text == NULL)
		return -1;
	if (text[0] == '[') {
		h = text + 1;
		if ((end = strchr(h, ']')) == NULL || end[1] != ':')
			return -1;
		colon = end + 1;
	} else {
		h = text;
		if ((colon = strrchr(text, ':')) == NULL || memchr(text, ':',
		    (size_t)(colon - text)) != NULL)
			return -1;	/* IPv6 needs its brackets */
		end = colon;
	}
	n = (size_t)(end - h);
	if (n == 0 || n >= sizeof(host) || parse_port(colon + 1, &port) != 0)
		return -1;
	memcpy(host, h, n);
	host[n] = '\0';
	if (text[0] == '[') {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&out->ss;

		if (inet_pton(AF_INET6, host, &s6->sin6_addr) != 1)
			return -1;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = port;
		out->len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&out->ss;

		if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
			return -1;
		s4->sin_family = AF_INET;
		s4->sin_port = port;
		out->len = sizeof(*s4);
	}
	return 0;
}

static bool
private_v4(const unsigned char b[4])
{
	return b[0] == 127 || b[0] == 10 ||
	    (b[0] == 172 && (b[1] & 0xf0) == 16) ||
	    (b[0] == 192 && b[1] == 168);
}

bool
listen_addr_private(const struct listen_addr *a)
{
	static const unsigned char loopback6[16] = { [15] = 1 };
	static const unsigned char mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (a->ss.ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)&a->ss;

		return private_v4((const unsigned char *)&s4->sin_addr);
	}
	if (a->ss.ss_family == AF_INET6) {
		const unsigned char *b =
		    ((const struct sockaddr_in6 *)&a->ss)->sin6_addr.s6_addr;

		if (memcmp(b, loopback6, 16) == 0 || (b[0] & 0xfe) == 0xfc)
			return true;
		return memcmp(b, mapped, 12) == 0 && private_v4(b + 12);
	}
	return false;
}

int
listen_tcp_open(const char *text, bool allow_public, int backlog)
{
	struct listen_addr a;
	int fd = -1, one = 1;

	if (listen_addr_parse(&a, text) != 0) {
		log_error("config: listen = %s is not ADDRESS:PORT (numeric, IPv6 in [])",
		    text);
		return -1;
	}
	if (!listen_addr_private(&a) && !allow_public) {
		log_error("config: listen = %s is not a private address (127/8, 10/8, "
		    "172.16/12, 192.168/16, fc00::/7, ::1): anyone who reaches it could "
		    "speak FastCGI; set listen_public = yes to allow it", text);
		return -1;
	}
	if ((fd = socket(a.ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&a.ss, a.len) != 0 ||
	    listen(fd, backlog) != 0) {
		log_error("cannot listen on %s: %s", text, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}
