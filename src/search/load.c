/* search/load.c: filling the index from an archive file, for benchmarks,
 * evaluations and `askdoc search --archive`.
 *
 * The archive loader reads the JSON Lines format of `askdoc import`
 * directly, to measure the engine alone. Loading from the store, and
 * following its changelog, is services/follower.c's: search/ never sees
 * the store.
 */
#include "search/load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "limits.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

int64_t search_parse_date(const char *s)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		return 0;
	if (strlen(s) >= 19)
		sscanf(s + 11, "%2d:%2d:%2d", &h, &mi, &sec);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	return (int64_t)timegm(&tm);
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int search_doc_from_json(struct arena *a, const char *line, size_t len,
                         int64_t id, struct search_doc *d)
{
	json_error_t err;
	json_t *o = json_loadb(line, len, 0, &err), *v;
	struct buf ans = BUF_INIT;
	size_t i;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	if (!json_is_object(o)) {
		rc = -EINVAL;
		goto done;
	}
	d->id = id;
	d->kind = search_kind_parse(jstr(o, "kind"));
	if (!d->kind)
		d->kind = SEARCH_KIND_QA;
	d->external_id = arena_strdup(a, jstr(o, "external_id"));
	d->title = arena_strdup(a, jstr(o, "title"));
	d->question = arena_strdup(a, jstr(o, "question"));
	if (!d->question)
		d->question = arena_strdup(a, jstr(o, "body"));
	d->question_type = arena_strdup(a, jstr(o, "question_type"));
	d->department = arena_strdup(a, jstr(o, "department"));
	d->language = arena_strdup(a, jstr(o, "language"));
	d->date = search_parse_date(jstr(o, "date"));
	v = json_object_get(o, "answers");
	if (json_is_array(v)) {
		json_t *ansv;

		json_array_foreach(v, i, ansv)
		{
			const char *body = jstr(ansv, "body");
			const char *author = jstr(ansv, "author");

			if (body && *body) {
				if (ans.len)
					buf_puts(&ans, "\n\n");
				buf_puts(&ans, body);
			}
			if (!d->doctor && author && *author)
				d->doctor = arena_strdup(a, author);
		}
	}
	d->answer = ans.len ? arena_strdup(a, ans.p) : NULL;
	v = json_object_get(o, "topics");
	if (json_is_array(v) && json_array_size(v)) {
		const char **t =
		        arena_alloc(a, json_array_size(v) * sizeof(char *));
		json_t *tv;

		json_array_foreach(v, i, tv)
		{
			if (json_is_string(tv))
				t[d->ntopics++] =
				        arena_strdup(a, json_string_value(tv));
		}
		d->topics = t;
	}
done:
	buf_free(&ans);
	json_decref(o);
	return rc;
}

int search_load_jsonl(struct search_index *ix, const char *path, size_t *count)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct arena *a;
	char *line = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;
	int64_t id = 0;

	if (!f)
		return -errno;
	a = arena_new();
	while ((len = getline(&line, &cap, f)) > 0) {
		struct search_doc d;

		id++;
		if (search_doc_from_json(a, line, (size_t)len, id, &d) == 0 &&
		    search_index_put(ix, &d) == 0)
			n++;
		arena_reset(a);
	}
	free(line);
	arena_free(a);
	if (f != stdin)
		fclose(f);
	if (count)
		*count = n;
	return 0;
}
