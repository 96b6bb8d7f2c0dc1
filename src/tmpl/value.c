/* tmpl/value.c: the value tree pages build for templates.
 *
 * Every value lives in the arena it was made in; lists and maps carry that
 * arena so they can grow without the caller passing it again. Growth doubles
 * the array and leaves the old one in the arena (a page's lists are small,
 * so the waste is bounded by the final size). Maps are arrays of entries in
 * insertion order, searched linearly: a page's maps hold a handful of keys,
 * where a scan beats hashing.
 */
#include "tmpl/tmpl.h"

#include <assert.h>
#include <string.h>

static struct tval *tval_new(struct arena *a, enum tval_kind kind)
{
	struct tval *v = arena_alloc(a, sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->kind = kind;
	return v;
}

struct tval *tval_null(struct arena *a)
{
	return tval_new(a, TVAL_NULL);
}

struct tval *tval_bool(struct arena *a, int b)
{
	struct tval *v = tval_new(a, TVAL_BOOL);

	v->u.b = b != 0;
	return v;
}

struct tval *tval_int(struct arena *a, long long i)
{
	struct tval *v = tval_new(a, TVAL_INT);

	v->u.i = i;
	return v;
}

struct tval *tval_double(struct arena *a, double d)
{
	struct tval *v = tval_new(a, TVAL_DOUBLE);

	v->u.d = d;
	return v;
}

struct tval *tval_strn(struct arena *a, const char *s, size_t n)
{
	struct tval *v = tval_new(a, TVAL_STRING);

	v->u.s.p = arena_strndup(a, s ? s : "", s ? n : 0);
	v->u.s.len = s ? n : 0;
	return v;
}

struct tval *tval_str(struct arena *a, const char *s)
{
	return tval_strn(a, s, s ? strlen(s) : 0);
}

struct tval *tval_list(struct arena *a)
{
	struct tval *v = tval_new(a, TVAL_LIST);

	v->u.list.a = a;
	return v;
}

struct tval *tval_map(struct arena *a)
{
	struct tval *v = tval_new(a, TVAL_MAP);

	v->u.map.a = a;
	return v;
}

struct tval *tval_get(const struct tval *map, const char *key)
{
	size_t klen;

	if (!map || map->kind != TVAL_MAP || !key)
		return NULL;
	klen = strlen(key);
	for (size_t i = 0; i < map->u.map.n; i++) {
		const struct tval_entry *e = &map->u.map.e[i];
		if (e->klen == klen && memcmp(e->key, key, klen) == 0)
			return e->val;
	}
	return NULL;
}

struct tval *tval_set(struct tval *map, const char *key, struct tval *value)
{
	struct arena *a;
	size_t klen;
	struct tval_entry *e;

	assert(map && map->kind == TVAL_MAP && key);
	a = map->u.map.a;
	if (!value)
		value = tval_null(a);
	klen = strlen(key);
	for (size_t i = 0; i < map->u.map.n; i++) {
		e = &map->u.map.e[i];
		if (e->klen == klen && memcmp(e->key, key, klen) == 0) {
			e->val = value;
			return value;
		}
	}
	if (map->u.map.n == map->u.map.cap) {
		size_t cap = map->u.map.cap ? map->u.map.cap * 2 : 8;
		struct tval_entry *ne = arena_alloc(a, cap * sizeof(*ne));
		if (map->u.map.n)
			memcpy(ne, map->u.map.e, map->u.map.n * sizeof(*ne));
		map->u.map.e = ne;
		map->u.map.cap = cap;
	}
	e = &map->u.map.e[map->u.map.n++];
	e->key = arena_strndup(a, key, klen);
	e->klen = klen;
	e->val = value;
	return value;
}

struct tval *tval_set_str(struct tval *map, const char *key, const char *s)
{
	assert(map && map->kind == TVAL_MAP);
	return tval_set(map, key, tval_str(map->u.map.a, s));
}

struct tval *tval_set_int(struct tval *map, const char *key, long long i)
{
	assert(map && map->kind == TVAL_MAP);
	return tval_set(map, key, tval_int(map->u.map.a, i));
}

struct tval *tval_set_bool(struct tval *map, const char *key, int b)
{
	assert(map && map->kind == TVAL_MAP);
	return tval_set(map, key, tval_bool(map->u.map.a, b));
}

struct tval *tval_push(struct tval *list, struct tval *value)
{
	struct arena *a;

	assert(list && list->kind == TVAL_LIST);
	a = list->u.list.a;
	if (!value)
		value = tval_null(a);
	if (list->u.list.n == list->u.list.cap) {
		size_t cap = list->u.list.cap ? list->u.list.cap * 2 : 8;
		struct tval **ni = arena_alloc(a, cap * sizeof(*ni));
		if (list->u.list.n)
			memcpy(ni, list->u.list.items,
			       list->u.list.n * sizeof(*ni));
		list->u.list.items = ni;
		list->u.list.cap = cap;
	}
	list->u.list.items[list->u.list.n++] = value;
	return value;
}

struct tval *tval_from_json(struct arena *a, const json_t *j)
{
	struct tval *v;
	const char *key;
	json_t *item;
	size_t i;

	if (!j)
		return tval_null(a);
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		v = tval_map(a);
		/* jansson's iteration does not modify the object. */
		json_object_foreach((json_t *)j, key, item)
		        tval_set(v, key, tval_from_json(a, item));
		return v;
	case JSON_ARRAY:
		v = tval_list(a);
		json_array_foreach(j, i, item)
		        tval_push(v, tval_from_json(a, item));
		return v;
	case JSON_STRING:
		return tval_strn(a, json_string_value(j),
		                 json_string_length(j));
	case JSON_INTEGER: return tval_int(a, (long long)json_integer_value(j));
	case JSON_REAL: return tval_double(a, json_real_value(j));
	case JSON_TRUE: return tval_bool(a, 1);
	case JSON_FALSE: return tval_bool(a, 0);
	case JSON_NULL:
	default: return tval_null(a);
	}
}
