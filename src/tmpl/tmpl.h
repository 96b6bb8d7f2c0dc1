/* tmpl/tmpl.h: the Mustache template engine and the value tree it renders.
 *
 * Pages build a value tree (struct tval) in their request's arena and render
 * a named template of a loaded set against it. Templates are compiled once,
 * when added to a set, into a tree of nodes; rendering walks that tree and
 * allocates nothing but the output buffer's growth. A set is read-only after
 * loading, so any number of threads may render from it at once.
 *
 * The dialect is Mustache as the spec defines it (interpolation, sections,
 * inverted sections, comments, partials, set delimiters, and inheritance:
 * parents {{<name}} and blocks {{$name}}), without lambdas. {{name}} escapes
 * & < > " ' for HTML; {{{name}}} and {{& name}} write raw text. Falsey
 * values (sections skip, inverted sections render) are: a missing name,
 * null, false, the empty list and the empty string. tmpl/ knows nothing of
 * askdoc: it only renders templates against values.
 */
#ifndef ASKDOC_TMPL_H
#define ASKDOC_TMPL_H

#include <stddef.h>

#include <jansson.h>

#include "util/arena.h"
#include "util/buf.h"

/* ---- the value tree ---------------------------------------------------- */

enum tval_kind {
	TVAL_NULL,
	TVAL_BOOL,
	TVAL_INT,
	TVAL_DOUBLE,
	TVAL_STRING,
	TVAL_LIST,
	TVAL_MAP,
};

struct tval_entry {
	const char *key; /* NUL-terminated copy in the arena */
	size_t klen;
	struct tval *val;
};

/* A value. Lists and maps remember their arena so setters can grow them;
 * maps keep their keys in insertion order and are searched linearly (page
 * maps are small). Treat the fields as read-only outside tmpl/. */
struct tval {
	enum tval_kind kind;
	union {
		int b;
		long long i;
		double d;
		struct {
			const char *p; /* NUL-terminated, owned by the arena */
			size_t len;
		} s;
		struct {
			struct tval **items;
			size_t n, cap;
			struct arena *a;
		} list;
		struct {
			struct tval_entry *e;
			size_t n, cap;
			struct arena *a;
		} map;
	} u;
};

/* Constructors: each returns a new value owned by arena a; never NULL. */
struct tval *tval_null(struct arena *a);
struct tval *tval_bool(struct arena *a, int b);
struct tval *tval_int(struct arena *a, long long i);
struct tval *tval_double(struct arena *a, double d);
/* A string value holding a copy of s (NULL gives the empty string). */
struct tval *tval_str(struct arena *a, const char *s);
/* A string value holding a copy of the first n bytes of s. */
struct tval *tval_strn(struct arena *a, const char *s, size_t n);
/* An empty list / an empty map that grow in arena a. */
struct tval *tval_list(struct arena *a);
struct tval *tval_map(struct arena *a);

/* Set key in map to value (NULL means null), replacing an earlier value of
 * the same key in place. The key is copied. Returns value (so calls can be
 * chained: `q = tval_set(page, "qa", tval_map(a))`). map must be a map. */
struct tval *tval_set(struct tval *map, const char *key, struct tval *value);
/* Shorthands for tval_set with a new string (copied), integer, boolean. */
struct tval *tval_set_str(struct tval *map, const char *key, const char *s);
struct tval *tval_set_int(struct tval *map, const char *key, long long i);
struct tval *tval_set_bool(struct tval *map, const char *key, int b);
/* Append value (NULL means null) to list; returns value. */
struct tval *tval_push(struct tval *list, struct tval *value);
/* Return the value of key in map, or NULL when map is not a map (or NULL)
 * or has no such key. */
struct tval *tval_get(const struct tval *map, const char *key);

/* Convert a jansson value (objects keep their key order) into a tree owned
 * by arena a. NULL gives a null value; never returns NULL. */
struct tval *tval_from_json(struct arena *a, const json_t *j);

/* ---- template sets ----------------------------------------------------- */

/* Error codes: the template engine's own space, -201 to -299, so that a
 * code alone says which module failed (the store's are -1 to -99,
 * STORE_*; the HTTP layer's -301 to -399, HTTP_E*). */
enum {
	TMPL_ESYNTAX = -201, /* a template does not parse */
	TMPL_ENOENT = -202, /* no template of that name, or no such directory */
	TMPL_EDEPTH = -203, /* nesting deeper than LIMIT_TEMPLATE_DEPTH */
	TMPL_EIO = -204,    /* a template file could not be read */
};
/* A short English description of an error code above ("template does not
 * parse"), "unknown error" for any other; never NULL. */
const char *tmpl_strerror(int rc);

struct tmpl_set;

/* Return a new, empty set; the caller frees it with tmpl_set_free. */
struct tmpl_set *tmpl_set_new(void);
/* Free the set and every compiled template. NULL is allowed. */
void tmpl_set_free(struct tmpl_set *set);

/* Compile the len bytes at src as the template called name and add it to
 * the set, replacing a template of the same name. src and name are copied.
 * Returns 0, or TMPL_ESYNTAX with *err set to a malloc'd one-line message
 * "NAME:LINE: what is wrong" (the caller frees it; err may be NULL) and the
 * set unchanged. Not thread-safe: load a set before sharing it. */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *src,
                 size_t len, char **err);

/* Add every embedded file "templates/X.mustache" as template X, then, when
 * dir is not NULL, every X.mustache file in dir (replacing the embedded
 * template of the same name). Returns 0, or a negative code with *err set
 * to a malloc'd one-line message (err may be NULL): TMPL_ESYNTAX for a bad
 * template, TMPL_ENOENT when dir cannot be opened, TMPL_EIO when a file
 * cannot be read. Templates added before the failure stay in the set. */
int tmpl_set_load(struct tmpl_set *set, const char *dir, char **err);

/* Return 1 if the set holds a template called name, else 0. */
int tmpl_set_has(const struct tmpl_set *set, const char *name);

/* Render the template called name against ctx (NULL renders against an
 * empty context), appending to out. Missing partials and parents render as
 * nothing. Returns 0; TMPL_ENOENT (nothing appended) when the set has no
 * such template; TMPL_EDEPTH when partials, parents, blocks or sections
 * nest deeper than LIMIT_TEMPLATE_DEPTH (rendering stops there, and out
 * keeps what was written before). Thread-safe against other renders of
 * the same set. */
int tmpl_render(const struct tmpl_set *set, const char *name,
                const struct tval *ctx, struct buf *out);

#endif
