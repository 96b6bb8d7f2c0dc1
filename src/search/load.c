/* search/load.c: filling the index from the store or from an archive file.
 *
 * The store is the source of truth: search_load_store() reads every
 * published document through store_each_document() and remembers nothing
 * else; search_follow() then applies the changelog (store_changes_since)
 * from a sequence number on, re-reading changed documents and dropping
 * removed ones, so the index is current within one poll. The archive
 * loader reads the JSON Lines format of `askdoc import` directly; the
 * benchmarks and evaluations use it to measure the engine alone.
 */
#include "search/load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "limits.h"
#include "store/store.h"
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

static enum search_kind kind_of_store(enum store_kind k)
{
	switch (k) {
	case STORE_KIND_QA: return SEARCH_KIND_QA;
	case STORE_KIND_FAQ: return SEARCH_KIND_FAQ;
	case STORE_KIND_ARTICLE: return SEARCH_KIND_ARTICLE;
	default: return 0;
	}
}

static int put_store_doc(struct search_index *ix, const struct store_doc *sd)
{
	struct search_doc d;

	memset(&d, 0, sizeof(d));
	d.id = sd->id;
	d.kind = kind_of_store(sd->kind);
	if (!d.kind)
		return 0;
	d.external_id = sd->external_id;
	d.title = sd->title;
	d.question = sd->question;
	d.answer = sd->body;
	d.topics = (const char *const *)sd->topics;
	d.ntopics = sd->n_topics;
	d.department = sd->department;
	d.doctor = sd->author;
	d.question_type = sd->question_type;
	d.date = search_parse_date(sd->date);
	d.language = sd->language;
	return search_index_put(ix, &d);
}

struct load_ctx {
	struct search_index *ix;
	size_t n;
};

static int load_one(void *ctx, const struct store_doc *doc)
{
	struct load_ctx *lc = ctx;

	if (put_store_doc(lc->ix, doc) == 0)
		lc->n++;
	return 0;
}

int search_load_store(struct search_index *ix, struct store *st, size_t *count,
                      int64_t *seq)
{
	struct arena *a = arena_new();
	struct load_ctx lc = {ix, 0};
	struct store_change *ch;
	size_t n;
	int64_t last = 0;
	int rc;

	/* The changelog position first: a change made while loading is
	 * then applied again by the next search_follow, never missed. */
	for (;;) {
		rc = store_changes_since(st, a, last, 10000, &ch, &n);
		if (rc < 0 || n == 0)
			break;
		last = ch[n - 1].seq;
		arena_reset(a);
	}
	if (rc < 0)
		goto done;
	rc = store_each_document(st, load_one, &lc);
	if (count)
		*count = lc.n;
	if (seq)
		*seq = last;
done:
	arena_free(a);
	return rc < 0 ? rc : 0;
}

int search_follow(struct search_index *ix, struct store *st, int64_t *seq,
                  size_t *applied)
{
	struct arena *a = arena_new();
	struct store_change *ch;
	size_t n = 0, done_n = 0;
	int rc;

	rc = store_changes_since(st, a, *seq, 1000, &ch, &n);
	if (rc < 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		enum search_kind k = kind_of_store(ch[i].kind);
		struct store_doc sd;

		*seq = ch[i].seq;
		if (!k)
			continue; /* topic renames reach documents too */
		if (ch[i].op == STORE_OP_DELETE) {
			search_index_remove(ix, k, ch[i].id);
		} else if (store_document_get(st, a, ch[i].kind, ch[i].id,
		                              &sd) == STORE_OK) {
			put_store_doc(ix, &sd);
		} else {
			search_index_remove(ix, k, ch[i].id);
		}
		done_n++;
	}
done:
	if (applied)
		*applied = done_n;
	arena_free(a);
	return rc < 0 ? rc : 0;
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
