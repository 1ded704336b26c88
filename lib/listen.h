/*
 * listen.h — a handler's TCP listening address (config `listen`), so nginx
 * on another host can reach it (docs/scale-out.md).
 *
 * Whoever can connect to a FastCGI socket can speak FastCGI and claim any
 * REMOTE_ADDR, so a handler listens on TCP only on a private address
 * (127/8, 10/8, 172.16/12, 192.168/16, fc00::/7, ::1) unless its config says
 * `listen_public = yes`. The wildcard addresses (0.0.0.0, ::) count as
 * public: they listen on every interface, the public one too. Only numeric
 * addresses: a name could resolve to a public address later.
 */
#ifndef BH_LISTEN_H
#define BH_LISTEN_H

#include <stdbool.h>
#include <sys/socket.h>

struct listen_addr {
	struct sockaddr_storage	ss;
	socklen_t		len;
};

/* Parses "10.0.0.5:9001" or "[fc00::5]:9001" (port 1-65535, no spaces).
 * Returns 0, or -1 when text is not such an address. */
int listen_addr_parse(struct listen_addr *out, const char *text)
	__attribute__((warn_unused_result));

/* True when a's address is in one of the private ranges above (an
 * IPv4-mapped IPv6 address is judged as its IPv4 address). */
bool listen_addr_private(const struct listen_addr *a);

/* Parses text, refuses a public address unless allow_public, and returns a
 * listening TCP socket bound to it (SO_REUSEADDR), or -1 (logged: why). */
int listen_tcp_open(const char *text, bool allow_public, int backlog);

#endif
