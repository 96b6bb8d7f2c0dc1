/* util/arena.h: a region allocator for per-request and per-task memory.
 *
 * Everything a request allocates lives in its arena and is freed at once
 * with arena_free() (h2o's memory pool). Allocations are 16-byte aligned and
 * never fail (the process aborts when memory runs out). Large requests get
 * a block of their own, so an arena's waste stays bounded.
 */
#ifndef ASKDOC_ARENA_H
#define ASKDOC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* Return a new empty arena; the caller owns it and frees it with arena_free. */
struct arena *arena_new(void);
/* Free the arena and everything allocated in it. NULL is allowed. */
void arena_free(struct arena *a);
/* Free everything allocated in a but keep its first block for reuse. */
void arena_reset(struct arena *a);

/* Return n bytes of uninitialised memory owned by a; never NULL. */
void *arena_alloc(struct arena *a, size_t n);
/* Return n zeroed bytes owned by a. */
void *arena_zalloc(struct arena *a, size_t n);
/* Return a NUL-terminated copy of s (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* Return a NUL-terminated copy of the first n bytes of s. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Return a formatted string owned by a. */
char *arena_printf(struct arena *a, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

#define ARENA_NEW(a, type)      ((type *)arena_zalloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_zalloc((a), sizeof(type) * (n)))

#endif
