/* util/notify.h: readiness and reload notices to the service manager.
 *
 * systemd's notify protocol without libsystemd: when NOTIFY_SOCKET names a
 * Unix datagram socket (a path, or "@name" for the abstract namespace),
 * each notice is one datagram of newline-separated VAR=value lines
 * ("READY=1", "RELOADING=1", "STOPPING=1", "STATUS=..."). Without
 * NOTIFY_SOCKET nothing is sent.
 */
#ifndef ASKDOC_NOTIFY_H
#define ASKDOC_NOTIFY_H

/* Send state to the service manager. Returns 1 when sent, 0 when there is
 * no NOTIFY_SOCKET, -1 on failure (errno set). */
int notify_send(const char *state);
/* "RELOADING=1" with MONOTONIC_USEC=now, as Type=notify-reload wants. */
int notify_reloading(void);

#endif
