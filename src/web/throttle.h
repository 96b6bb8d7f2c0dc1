/* web/throttle.h: counting failures per key in a time window (login
 * throttling per account and per client address).
 *
 * A throttle is a fixed-size table of counters, so an attacker who sends
 * endless distinct keys costs bounded memory: when a key's probe sequence
 * is full, the counter whose window started longest ago is reused. Keys
 * are stored as a keyed 128-bit hash (a per-throttle random key), never as
 * text, so the table holds no e-mail addresses. Windows are fixed: the
 * first failure starts one, and a key's count starts over once `window`
 * seconds have passed since. Thread-safe; times are passed in (Unix
 * seconds) so tests can drive the clock.
 */
#ifndef ASKDOC_WEB_THROTTLE_H
#define ASKDOC_WEB_THROTTLE_H

#include <stddef.h>
#include <stdint.h>

struct throttle;

/* A new throttle that allows `limit` failures per key within `window`
 * seconds, tracking up to `slots` keys (rounded up to a power of two).
 * name (a literal, unique per throttle) is how its counters are known
 * in the database once throttles are shared. Never NULL (aborts when
 * memory runs out); free with throttle_free. */
struct throttle *throttle_new(const char *name, size_t slots, int limit,
                              int64_t window);
/* Share every throttle's counters through st from now on (several nodes
 * on one PostgreSQL database: the limit counts the requests to all of
 * them), keys hashed with key (the same on every node); st NULL goes
 * back to each process' own table. When the database fails, a throttle
 * counts in its own table until it answers again. */
struct store;
void throttle_share(struct store *st, const unsigned char key[32]);
/* Free t; NULL is allowed. */
void throttle_free(struct throttle *t);
/* 1 when key has had `limit` failures or more in its current window at
 * now (the caller should refuse without trying), else 0. *retry_after
 * (may be NULL) gets the seconds until the window ends, when blocked. */
int throttle_blocked(struct throttle *t, const char *key, int64_t now,
                     int64_t *retry_after);
/* Count one failure of key at now; returns the failures in the window
 * including this one. */
int throttle_fail(struct throttle *t, const char *key, int64_t now);
/* Forget key's failures (a successful login). */
void throttle_reset(struct throttle *t, const char *key);

#endif
