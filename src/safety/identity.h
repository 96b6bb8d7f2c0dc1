/* safety/identity.h: the one rule for names and e-mail addresses that
 * could pass for someone else (issue 11, item 9).
 *
 * Names and addresses are compared in NFC and by ICU's confusable
 * skeleton (uspoof), so "Dr. Lin" in Cyrillic letters, with a zero-width
 * space or in NFD is the same name as "Dr. Lin". All functions are
 * thread-safe.
 */
#ifndef ASKDOC_SAFETY_IDENTITY_H
#define ASKDOC_SAFETY_IDENTITY_H

struct arena;

enum identity_verdict {
	IDENTITY_OK = 0,
	IDENTITY_HIDDEN, /* bidi controls or zero-width characters */
	IDENTITY_RESERVED, /* a doctor's title ("Dr.", "醫師", "Bác sĩ", ...) */
	IDENTITY_LOOKALIKE, /* mixed scripts or invisible characters */
	IDENTITY_INVALID,   /* not valid UTF-8 */
};

/* s in NFC, in the arena; NULL for invalid UTF-8. */
char *identity_nfc(struct arena *a, const char *s);
/* The confusable skeleton of s (NFC, case-folded, then uspoof's
 * skeleton), in the arena: two strings that look alike have the same
 * skeleton. NULL for invalid UTF-8. */
char *identity_skeleton(struct arena *a, const char *s);
/* Whether a display name is acceptable: IDENTITY_HIDDEN for bidi
 * controls (U+202A-202E, U+2066-2069, U+200E/F) and zero-width or other
 * invisible format characters; IDENTITY_RESERVED, unless doctor is set
 * (a verified doctor), for a name that starts with a doctor's title
 * ("Dr.", "Dr ", "BS.", "Bác sĩ", "醫師", "医生"; the Chinese titles also
 * at the end), compared by skeleton so look-alike letters do not help. */
enum identity_verdict identity_name_check(struct arena *a, const char *name,
                                          int doctor);
/* Whether an e-mail address is acceptable: IDENTITY_HIDDEN for invisible
 * characters, IDENTITY_LOOKALIKE for letters of scripts that are not
 * normally mixed (Latin with Cyrillic or Greek: ICU's "highly
 * restrictive" level). */
enum identity_verdict identity_email_check(struct arena *a, const char *email);
/* Whether names a and b look the same (equal skeletons). */
int identity_same(struct arena *a, const char *x, const char *y);

#endif
