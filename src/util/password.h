/* util/password.h: password rules, argon2id hashing and verification.
 *
 * One place for what the command line (`askdoc user add|passwd`) and the
 * web pages (login, registration, doctor applications) do with passwords:
 * libsodium's crypto_pwhash_str (argon2id, interactive limits) to hash,
 * crypto_pwhash_str_verify to check. Hashes are self-describing strings, so
 * stronger limits later still verify old hashes. Callers start libsodium
 * (sodium_init) before the first call.
 */
#ifndef ASKDOC_PASSWORD_H
#define ASKDOC_PASSWORD_H

#include <stddef.h>

/* Bytes of a hash string with its NUL (crypto_pwhash_STRBYTES). */
#define PASSWORD_HASH_BYTES 128
/* Fewest characters (code points) a password may have. */
#define PASSWORD_MIN_CHARS 8

/* Why a password breaks the rules (password_check). */
enum password_problem {
	PASSWORD_OK = 0,
	PASSWORD_TOO_SHORT, /* fewer than PASSWORD_MIN_CHARS characters */
	PASSWORD_TOO_LONG,  /* more than LIMIT_PASSWORD_BYTES bytes */
	PASSWORD_BAD_CHARS, /* control characters or malformed UTF-8 */
	PASSWORD_ALL_SAME,  /* one character repeated */
};

/* Check pw against the rules; returns PASSWORD_OK or the first problem. */
enum password_problem password_check(const char *pw);
/* Hash pw into out (PASSWORD_HASH_BYTES). Returns 0, or -1 when libsodium
 * fails (out of memory); out is then the empty string. */
int password_hash(const char *pw, char out[PASSWORD_HASH_BYTES]);
/* 1 when pw matches hash, else 0 (also for NULL or a malformed hash). */
int password_verify(const char *hash, const char *pw);
/* Spend the time of one verification without a hash to check against, so
 * that "no such account" takes as long as "wrong password". */
void password_verify_dummy(const char *pw);

/* Slots for hashing: argon2id takes a core and 64 MiB for about a tenth of
 * a second, so a server lets only n requests hash at once (0, the
 * default, means no limit: the command line). A worker thread that
 * hashes serves nothing else meanwhile; with n below the number of worker
 * threads, readers always find a thread free. Callers take a slot
 * (password_slot_take: 1 when taken, 0 when all are busy; the caller then
 * answers 503 at once rather than wait, which would hold its thread) and
 * give it back after hashing (password_slot_give). Thread-safe. */
void password_set_slots(int n);
int password_slot_take(void);
void password_slot_give(void);

#endif
