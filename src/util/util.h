/* util/util.h: allocation that never returns NULL, small string helpers.
 *
 * Allocation failure is not an error the program can handle usefully, so
 * xmalloc() and friends print one line and abort (as redis' zmalloc does):
 * callers never check their result for NULL.
 */
#ifndef ASKDOC_UTIL_H
#define ASKDOC_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Return a new block of n bytes (n may be 0); never NULL. The caller frees. */
void *xmalloc(size_t n);
/* Return a zeroed block of n*size bytes; never NULL. Aborts on overflow. */
void *xcalloc(size_t n, size_t size);
/* Resize p to n bytes; never NULL. */
void *xrealloc(void *p, size_t n);
/* Return a malloc'd copy of s; never NULL. */
char *xstrdup(const char *s);
/* Return a malloc'd, NUL-terminated copy of the first n bytes of s. */
char *xstrndup(const char *s, size_t n);

/* Return 1 if the n bytes at s are well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF), else 0. */
int utf8_valid(const char *s, size_t n);
/* The characters (code points) of UTF-8 text s: its bytes that do not
 * continue a sequence. Text limits are counted this way (limits.h). */
size_t utf8_chars(const char *s);

/* Return 1 if s starts with prefix. */
int str_starts(const char *s, const char *prefix);

/* Write the lowercase hex of n bytes at p into out (2n+1 bytes with NUL). */
void hex_encode(const unsigned char *p, size_t n, char *out);

#endif
