/* safety/pii.h: finds and removes personal data from question text.
 *
 * Before a question is published, safety_redact() replaces what would let
 * a reader identify or reach the asker with a marker ("[removed: phone]"):
 * - e-mail addresses, also written "name (at) host (dot) com" or "name at
 *   gmail dot com" (but not "the store at 5 dot com": a plain " at " after
 *   a shop or meeting word is a phrase);
 * - phone numbers: Taiwan mobiles (09xx-xxx-xxx) and landlines ((02)
 *   2345-6789), Vietnamese mobiles (0[35789]x...) and landlines (02x...),
 *   Chinese mobiles (1[3-9] and 9 more digits) and landlines (010-...),
 *   any "+CC ..." or "00CC ..." number, with spaces, dots, dashes or
 *   brackets; a shorter local number only right after a word such as
 *   "phone", "電話", "SĐT". Dates, doses ("500 mg"), lab values, years,
 *   times and blood pressures ("140/90") are not phones;
 * - national ID numbers: Taiwan (a letter and nine digits whose check digit
 *   must be right), China (18 characters whose ISO 7064 MOD 11-2 check
 *   character and birth date must be right), Vietnam citizen ID (12 digits
 *   starting with a province code and a century/sex digit); any number of
 *   6-24 characters right after "ID number", "身分證", "CCCD", "passport",
 *   ... even when its checksum is wrong;
 * - street addresses where recognisable: "12 Baker Street", "27 Station
 *   Road, Cambridge CB1 2JH" (an English city, state and postcode after
 *   a comma go too), "台北市大安區
 *   忠孝東路四段123號5樓", "北京市朝阳区建国路88号", "số 12 đường Lê Lợi,
 *   phường 5, quận 3";
 * - full names in self-introductions: "My name is John Smith", "Hi, John
 *   Smith here", "我叫王小明",
 *   "我是陳大文" (only with a known surname), "Tôi tên là Nguyễn Văn A".
 *   Beside those rules a statistical layer (pii_name_feat.c, trained at
 *   build time by tools/pii_train.c) may drop a rule name it is sure is
 *   not one and add a name the rules missed (bench/pii_name_cv.sh).
 *
 * Doctors see the original text, readers only the redacted one; neither
 * the text nor the findings may be logged (the findings are byte offsets
 * and types so that callers need not copy what was found).
 *
 * The detectors favour recall over precision where the two conflict (a
 * wrongly removed number costs a reader a detail; a missed phone number
 * costs the asker their privacy), but leave medical numbers alone.
 * All functions are pure and thread-safe.
 */
#ifndef ASKDOC_SAFETY_PII_H
#define ASKDOC_SAFETY_PII_H

#include <stddef.h>

struct arena;

enum safety_pii_type {
	SAFETY_PII_EMAIL,
	SAFETY_PII_PHONE,
	SAFETY_PII_ID,
	SAFETY_PII_ADDRESS,
	SAFETY_PII_NAME,
	SAFETY_PII_DATE,   /* a date of birth */
	SAFETY_PII_HANDLE, /* a chat or social handle (LINE, Zalo, WeChat, ...)
	                    */
	SAFETY_PII_RECORD, /* a medical record or patient number */
	SAFETY_PII_NTYPES
};

/* One piece of personal data: its type and the bytes it occupies. */
struct safety_pii {
	enum safety_pii_type type;
	size_t start, end;
};

/* Find the personal data in text (NUL-terminated UTF-8; bad bytes are
 * kept and treated as separators). On success returns 0 with *found an
 * array of *n findings in a, sorted by position and never overlapping
 * (NULL when *n is 0). Returns -EINVAL if text is NULL or ICU's normaliser
 * is missing, -E2BIG if text is longer than LIMIT_SAFETY_TEXT_BYTES. */
int safety_pii_find(struct arena *a, const char *text,
                    struct safety_pii **found, size_t *n);

/* Return in *out a copy of text, in a, with every finding replaced by its
 * marker: markers[type] when markers is not NULL (so templates can
 * localise them, e.g. "[已移除：電話]"), else the default "[removed:
 * e-mail]", "[removed: phone]", "[removed: ID]", "[removed: address]",
 * "[removed: name]", "[removed: date of birth]", "[removed: handle]",
 * "[removed: record number]". found and n, when not NULL, receive the findings
 * as from safety_pii_find (spans in the original text). Errors as
 * safety_pii_find; then *out is NULL. */
int safety_redact(struct arena *a, const char *text, const char *const *markers,
                  char **out, struct safety_pii **found, size_t *n);

/* The stable key of a type: "email", "phone", "id", "address", "name",
 * "date", "handle", "record" ("unknown" out of range); templates use "pii."
 * plus this key. */
const char *safety_pii_type_key(enum safety_pii_type t);

/* The type whose key is k[0..n), or -1. */
int safety_pii_type_by_key(const char *k, size_t n);

/* The labelled form of tests/data/safety/pii*.tsv: text with each
 * finding marked "[[type|data]]" (type a safety_pii_type_key). Copies in
 * into out (strlen(in) + 1 bytes suffice) without the marks, and the
 * first max marked spans, as byte positions in out, into sp; returns how
 * many it stored. A "[[" that is no mark of a known type stays as it is. */
size_t safety_pii_unmark(const char *in, char *out, struct safety_pii *sp,
                         size_t max);

/* Check digits, exported for tests and for forms that ask for an ID:
 * 1 if s (exactly the ID, nothing around it) is valid, else 0. */
int safety_tw_id_valid(const char *s);
int safety_cn_id_valid(const char *s);
int safety_vn_id_valid(const char *s);

#endif
