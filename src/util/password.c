/* util/password.c: password rules, argon2id hashing and verification.
 *
 * The dummy hash for password_verify_dummy is made once, on first use, from
 * a random password, so it matches nothing a client can send.
 */
#include "util/password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>

#include "limits.h"
#include "util/util.h"

_Static_assert(PASSWORD_HASH_BYTES == crypto_pwhash_STRBYTES,
               "PASSWORD_HASH_BYTES must be crypto_pwhash_STRBYTES");

enum password_problem password_check(const char *pw)
{
	size_t n = strlen(pw), chars = 0, i;
	int same = 1;

	if (n > LIMIT_PASSWORD_BYTES)
		return PASSWORD_TOO_LONG;
	if (!utf8_valid(pw, n))
		return PASSWORD_BAD_CHARS;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)pw[i];
		if (ch < 0x20 || ch == 0x7f)
			return PASSWORD_BAD_CHARS;
		if ((ch & 0xc0) != 0x80)
			chars++;
		if (ch != (unsigned char)pw[0])
			same = 0;
	}
	if (chars < PASSWORD_MIN_CHARS)
		return PASSWORD_TOO_SHORT;
	if (same)
		return PASSWORD_ALL_SAME;
	return PASSWORD_OK;
}

int password_hash(const char *pw, char out[PASSWORD_HASH_BYTES])
{
	if (crypto_pwhash_str(out, pw, strlen(pw),
	                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int password_verify(const char *hash, const char *pw)
{
	if (!hash || !pw || !*hash || strlen(hash) >= PASSWORD_HASH_BYTES)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[PASSWORD_HASH_BYTES];

static void make_dummy(void)
{
	unsigned char r[16];
	char pw[2 * sizeof(r) + 1];

	randombytes_buf(r, sizeof(r));
	hex_encode(r, sizeof(r), pw);
	password_hash(pw, dummy_hash);
}

void password_verify_dummy(const char *pw)
{
	pthread_once(&dummy_once, make_dummy);
	(void)password_verify(dummy_hash, pw);
}

static atomic_int slots_max; /* 0: no limit */
static atomic_int slots_used;

void password_set_slots(int n)
{
	atomic_store(&slots_max, n > 0 ? n : 0);
}

int password_slot_take(void)
{
	int max = atomic_load(&slots_max);
	int used = atomic_load(&slots_used);

	if (!max)
		return 1;
	do {
		if (used >= max)
			return 0;
	} while (!atomic_compare_exchange_weak(&slots_used, &used, used + 1));
	return 1;
}

void password_slot_give(void)
{
	if (atomic_load(&slots_max))
		atomic_fetch_sub(&slots_used, 1);
}
