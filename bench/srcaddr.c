/* bench/srcaddr.c: an LD_PRELOAD shim that makes one load generator look
 * like many clients.
 *
 * askdoc limits connections per client address (LIMIT_CONNECTIONS_PER_IP),
 * so 1,000 connections from one wrk on 127.0.0.1 would mostly be refused,
 * which measures the limit rather than the server. Under this shim every
 * IPv4 connect() to a loopback address is first bound to 127.0.0.N, N
 * cycling through 2 .. SRCADDR_COUNT+1 (environment, default 16), the way
 * that many machines would connect. Build and use (bench/load.sh does):
 *   cc -shared -fPIC -O2 -o srcaddr.so bench/srcaddr.c -ldl
 *   LD_PRELOAD=./srcaddr.so wrk ...
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>

int connect(int fd, const struct sockaddr *sa, socklen_t len);

int connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	static int (*real)(int, const struct sockaddr *, socklen_t);
	static atomic_uint next;
	static unsigned count;

	if (!real) {
		const char *c = getenv("SRCADDR_COUNT");
		count = c && atoi(c) > 0 ? (unsigned)atoi(c) : 16;
		real = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(
		        RTLD_NEXT, "connect");
	}
	if (sa && sa->sa_family == AF_INET &&
	    len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *to = (const struct sockaddr_in *)sa;
		if ((ntohl(to->sin_addr.s_addr) >> 24) == 127) {
			struct sockaddr_in src = {0};
			src.sin_family = AF_INET;
			src.sin_addr.s_addr =
			        htonl(0x7f000002u +
			              atomic_fetch_add(&next, 1) % count);
			/* A failed bind leaves the kernel's choice. */
			(void)bind(fd, (struct sockaddr *)&src, sizeof(src));
		}
	}
	return real(fd, sa, len);
}
