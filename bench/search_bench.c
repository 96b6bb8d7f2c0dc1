/* bench/search_bench.c: speed and scale benchmarks of the search engine.
 *
 *   search_bench fts5 MEDQUAD QUERIES [ROUNDS]
 *	index the archive in askdoc's engine and in SQLite FTS5 (same
 *	records, four columns), run every query of QUERIES (JSON Lines with
 *	a "query" field, e.g. liveqa-dev.jsonl) ROUNDS times against both
 *	(FTS5: the query's words OR-ed, ranked by bm25(), top 10) and print
 *	median, p99 and mean latencies.
 *   search_bench gen N OUT [MEDQUAD]
 *	write a synthetic archive of N records: lengths drawn from skewed
 *	distributions like the library's (a third without answer text),
 *	words drawn by their frequency in MEDQUAD when given (else a Zipf
 *	law over made-up words), topics from a fixed pool of foci.
 *   search_bench scale ARCHIVE [QUERIES]
 *	index ARCHIVE and report build time, resident memory, the index's
 *	own estimate of its size, and query latency over 1,000 queries made
 *	from the archive's own questions (plus QUERIES when given). The
 *	index keeps no snippet text here (search_options.no_text): at this
 *	size the web layer takes text from the store.
 *
 * Built against the library by bench/search_bench.sh.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sqlite3.h>

#include "search/load.h"
#include "search/search.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, double *ms, size_t n)
{
	double sum = 0;

	qsort(ms, n, sizeof(double), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += ms[i];
	printf("%-24s n=%zu median=%.3f ms p99=%.3f ms mean=%.3f ms "
	       "max=%.3f ms\n",
	       name, n, ms[n / 2], ms[(size_t)ceil(n * 0.99) - 1], sum / n,
	       ms[n - 1]);
}

/* Queries of a JSON Lines file ("query" fields). */
static char **read_queries(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, **v = NULL;
	size_t cap = 0;
	ssize_t len;

	*n = 0;
	if (!f)
		return NULL;
	while ((len = getline(&line, &cap, f)) > 0) {
		json_error_t err;
		json_t *o = json_loadb(line, (size_t)len, 0, &err);
		json_t *q = json_object_get(o, "query");

		if (json_is_string(q)) {
			v = xrealloc(v, (*n + 1) * sizeof(char *));
			v[(*n)++] = xstrdup(json_string_value(q));
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	return v;
}

/* FTS5 query text: every word of q quoted and OR-ed. */
static char *fts_or(const char *q)
{
	struct buf b = BUF_INIT;
	const char *p = q;

	while (*p) {
		const char *s;

		while (*p &&
		       !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		         (*p >= '0' && *p <= '9') || (*p & 0x80)))
			p++;
		s = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9') || (*p & 0x80))
			p++;
		if (p > s) {
			if (b.len)
				buf_puts(&b, " OR ");
			buf_printf(&b, "\"%.*s\"", (int)(p - s), s);
		}
	}
	return buf_detach(&b, NULL);
}

static int fts5_load(sqlite3 *db, const char *path)
{
	FILE *f = fopen(path, "r");
	struct arena *a = arena_new();
	sqlite3_stmt *st;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int64_t id = 0;

	if (!f)
		return -1;
	sqlite3_exec(db,
	             "CREATE VIRTUAL TABLE docs USING fts5(title, question, "
	             "answer, topics); BEGIN",
	             NULL, NULL, NULL);
	sqlite3_prepare_v2(db,
	                   "INSERT INTO docs(rowid, title, question, answer, "
	                   "topics) VALUES (?, ?, ?, ?, ?)",
	                   -1, &st, NULL);
	while ((len = getline(&line, &cap, f)) > 0) {
		struct search_doc d;
		struct buf topics = BUF_INIT;

		if (search_doc_from_json(a, line, (size_t)len, ++id, &d))
			continue;
		for (size_t i = 0; i < d.ntopics; i++)
			buf_printf(&topics, "%s%s", i ? "; " : "", d.topics[i]);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, d.title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, d.question, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, d.answer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, topics.p, -1, SQLITE_STATIC);
		sqlite3_step(st);
		sqlite3_reset(st);
		buf_free(&topics);
		arena_reset(a);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	free(line);
	fclose(f);
	arena_free(a);
	return 0;
}

static int bench_fts5(const char *medquad, const char *qpath, int rounds)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	size_t nq, ndocs;
	char **qs = read_queries(qpath, &nq);
	double t0, *ours, *oursnip, *fts;
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t k = 0;

	if (!ix || !qs)
		return 1;
	t0 = now();
	search_load_jsonl(ix, medquad, &ndocs);
	printf("askdoc index: %zu records in %.2f s\n", ndocs, now() - t0);
	sqlite3_open(":memory:", &db);
	t0 = now();
	fts5_load(db, medquad);
	printf("fts5 index (in memory): built in %.2f s\n", now() - t0);
	sqlite3_prepare_v2(db,
	                   "SELECT rowid, bm25(docs) FROM docs WHERE docs "
	                   "MATCH ? ORDER BY bm25(docs) LIMIT 10",
	                   -1, &st, NULL);
	ours = xmalloc(nq * rounds * sizeof(double));
	oursnip = xmalloc(nq * rounds * sizeof(double));
	fts = xmalloc(nq * rounds * sizeof(double));
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < nq; i++, k++) {
			struct search_results res;
			char *m = fts_or(qs[i]);

			t0 = now();
			search_query(ix, a, qs[i], NULL, 0, 10, &res);
			ours[k] = (now() - t0) * 1000;
			t0 = now();
			for (size_t h = 0; h < res.n; h++)
				search_snippet(ix, a,
				               *res.hits[h].text
				                       ? res.hits[h].text
				                       : res.hits[h].title,
				               &res.terms, 200, 1);
			oursnip[k] = ours[k] + (now() - t0) * 1000;
			arena_reset(a);
			t0 = now();
			sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
			while (sqlite3_step(st) == SQLITE_ROW)
				;
			sqlite3_reset(st);
			fts[k] = (now() - t0) * 1000;
			free(m);
		}
	printf("queries: %zu x %d rounds\n", nq, rounds);
	report("askdoc search", ours, k);
	report("askdoc search+snippets", oursnip, k);
	report("sqlite fts5 OR bm25", fts, k);
	printf("speed-up: median %.1fx, p99 %.1fx\n", fts[k / 2] / ours[k / 2],
	       fts[(size_t)ceil(k * 0.99) - 1] /
	               ours[(size_t)ceil(k * 0.99) - 1]);
	sqlite3_finalize(st);
	sqlite3_close(db);
	for (size_t i = 0; i < nq; i++)
		free(qs[i]);
	free(qs);
	free(ours);
	free(oursnip);
	free(fts);
	arena_free(a);
	search_index_free(ix);
	return 0;
}

/* ---- synthetic archive ---- */

static uint64_t rs = 88172645463325252ULL;

static uint64_t rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

static double unif(void)
{
	return (rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* Log-normal length with the given median, clipped. */
static int lognorm(double median, double sigma, int max)
{
	double u1 = unif() + 1e-12, u2 = unif();
	double z = sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
	int n = (int)(median * exp(sigma * z));

	return n < 1 ? 1 : n > max ? max : n;
}

struct vocab {
	char **w;
	double *cum; /* cumulative weights */
	size_t n;
};

struct smap_lite {
	char **keys;
	size_t *cnt;
	size_t cap, n;
};

static size_t hash_str(const char *s, size_t n)
{
	size_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void vocab_add(struct vocab *v, struct smap_lite *m, const char *w,
                      size_t n)
{
	size_t j;

	(void)v;
	if (m->n * 2 >= m->cap) {
		struct smap_lite nm = {NULL, NULL, m->cap ? m->cap * 2 : 1024,
		                       0};

		nm.keys = xcalloc(nm.cap, sizeof(char *));
		nm.cnt = xcalloc(nm.cap, sizeof(size_t));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			j = hash_str(m->keys[i], strlen(m->keys[i])) &
			    (nm.cap - 1);
			while (nm.keys[j])
				j = (j + 1) & (nm.cap - 1);
			nm.keys[j] = m->keys[i];
			nm.cnt[j] = m->cnt[i];
		}
		nm.n = m->n;
		free(m->keys);
		free(m->cnt);
		*m = nm;
	}
	for (j = hash_str(w, n) & (m->cap - 1); m->keys[j];
	     j = (j + 1) & (m->cap - 1))
		if (strlen(m->keys[j]) == n && !memcmp(m->keys[j], w, n)) {
			m->cnt[j]++;
			return;
		}
	m->keys[j] = xstrndup(w, n);
	m->cnt[j] = 1;
	m->n++;
}

static void count_words(struct vocab *v, struct smap_lite *m, const char *s)
{
	while (s && *s) {
		const char *b;

		while (*s &&
		       !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			s++;
		b = s;
		while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		       *s == '-')
			s++;
		if (s > b && s - b < 30)
			vocab_add(v, m, b, (size_t)(s - b));
	}
}

static const char *pick(const struct vocab *v)
{
	double x = unif() * v->cum[v->n - 1];
	size_t lo = 0, hi = v->n - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v->cum[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return v->w[lo];
}

static void words(struct buf *b, const struct vocab *v, int n)
{
	for (int i = 0; i < n; i++) {
		buf_puts(b, i ? " " : "");
		buf_puts(b, pick(v));
		if (unif() < 0.07)
			buf_putc(b, '.');
	}
}

static int gen(long n, const char *out, const char *medquad)
{
	static const char *const types[][2] = {
	        {"information", "What is (are) %s ?"},
	        {"causes", "What causes %s ?"},
	        {"symptoms", "What are the symptoms of %s ?"},
	        {"treatment", "What are the treatments for %s ?"},
	        {"exams and tests", "How to diagnose %s ?"},
	        {"outlook", "What is the outlook for %s ?"},
	        {"prevention", "How to prevent %s ?"},
	        {"side effects", "What are the side effects or risks of %s ?"},
	};
	struct vocab v = {NULL, NULL, 0};
	struct smap_lite m = {NULL, NULL, 0, 0};
	char **foci = NULL;
	size_t nfoci = 0;
	FILE *f = fopen(out, "w");
	FILE *src = medquad ? fopen(medquad, "r") : NULL;
	struct buf b = BUF_INIT;

	if (!f)
		return 1;
	if (src) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;

		while ((len = getline(&line, &cap, src)) > 0) {
			json_error_t err;
			json_t *o = json_loadb(line, (size_t)len, 0, &err), *x;
			size_t i;

			count_words(&v, &m,
			            json_string_value(
			                    json_object_get(o, "question")));
			json_array_foreach(json_object_get(o, "answers"), i, x)
			        count_words(&v, &m,
			                    json_string_value(json_object_get(
			                            x, "body")));
			x = json_array_get(json_object_get(o, "topics"), 0);
			if (json_is_string(x) && nfoci < 20000 &&
			    (!nfoci ||
			     strcmp(foci[nfoci - 1], json_string_value(x)))) {
				foci = xrealloc(foci,
				                (nfoci + 1) * sizeof(char *));
				foci[nfoci++] = xstrdup(json_string_value(x));
			}
			json_decref(o);
		}
		free(line);
		fclose(src);
		v.w = xmalloc(m.n * sizeof(char *));
		v.cum = xmalloc(m.n * sizeof(double));
		for (size_t i = 0; i < m.cap; i++)
			if (m.keys[i]) {
				v.w[v.n] = m.keys[i];
				v.cum[v.n] =
				        (v.n ? v.cum[v.n - 1] : 0) + m.cnt[i];
				v.n++;
			}
	} else {
		/* Made-up words with Zipf frequencies. */
		static const char *const syl[] = {
		        "ka", "lo", "mi", "ne",  "ru", "ta", "zo", "pe",
		        "si", "du", "ba", "chi", "fo", "gu", "he"};
		v.n = 100000;
		v.w = xmalloc(v.n * sizeof(char *));
		v.cum = xmalloc(v.n * sizeof(double));
		for (size_t i = 0; i < v.n; i++) {
			char w[32] = "";
			size_t x = i + 1;

			while (x) {
				strcat(w, syl[x % 15]);
				x /= 15;
			}
			v.w[i] = xstrdup(w);
			v.cum[i] =
			        (i ? v.cum[i - 1] : 0) + 1.0 / pow(i + 1, 1.07);
		}
		for (size_t i = 0; i < 5000; i++) {
			struct buf t = BUF_INIT;

			words(&t, &v, 1 + (int)(rnd() % 3));
			foci = xrealloc(foci, (nfoci + 1) * sizeof(char *));
			foci[nfoci++] = buf_detach(&t, NULL);
		}
	}
	for (long i = 0; i < n; i++) {
		const char *focus = foci[rnd() % nfoci];
		int t = (int)(rnd() % ARRAY_SIZE(types)), qa = unif() < 0.3;
		char title[512];

		buf_clear(&b);
		snprintf(title, sizeof(title), types[t][1], focus);
		buf_printf(&b,
		           "{\"external_id\": \"SYN_%07ld\", \"kind\": \"%s\", "
		           "\"title\": ",
		           i, qa ? "qa" : "faq");
		buf_json_str(&b, title, strlen(title));
		buf_puts(&b, ", \"question\": ");
		if (qa) {
			buf_putc(&b, '"');
			words(&b, &v, lognorm(60, 0.7, 600));
			buf_putc(&b, '"');
		} else {
			buf_json_str(&b, title, strlen(title));
		}
		buf_printf(&b, ", \"question_type\": \"%s\", \"topics\": [",
		           types[t][0]);
		buf_json_str(&b, focus, strlen(focus));
		buf_puts(&b, "], \"answers\": [");
		if (qa || unif() < 0.35) {
			buf_puts(&b,
			         "{\"author\": \"Dr. Synth\", \"body\": \"");
			words(&b, &v, lognorm(150, 0.8, 2000));
			buf_puts(&b, "\"}");
		}
		buf_printf(&b,
		           "], \"department\": \"Dept %d\", "
		           "\"language\": \"en\"}\n",
		           (int)(rnd() % 12));
		fwrite(b.p, 1, b.len, f);
	}
	buf_free(&b);
	fclose(f);
	printf("wrote %ld records to %s (%zu words, %zu foci)\n", n, out, v.n,
	       nfoci);
	return 0;
}

static int scale(const char *archive, const char *qpath)
{
	/* The index proper: snippet text stays in the store at this size. */
	struct search_options opt = {.no_text = 1};
	struct search_index *ix = search_index_new(&opt);
	struct arena *a = arena_new();
	long rss0 = rss_kb();
	double t0 = now(), *ms;
	size_t ndocs, nq = 0, nextra = 0, k = 0;
	char **qs = qpath ? read_queries(qpath, &nextra) : NULL;
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	search_load_jsonl(ix, archive, &ndocs);
	printf("indexed %zu records in %.1f s\n", ndocs, now() - t0);
	printf("resident memory: %.0f MiB (index estimate %.0f MiB)\n",
	       (rss_kb() - rss0) / 1024.0, search_index_memory(ix) / 1048576.0);
	/* 1,000 queries: questions of records spread over the archive,
	 * cut to 8..40 words, as a patient would type them. */
	f = fopen(archive, "r");
	qs = xrealloc(qs, (nextra + 1000) * sizeof(char *));
	nq = nextra;
	for (size_t i = 0;
	     (len = getline(&line, &cap, f)) > 0 && nq < nextra + 1000; i++) {
		json_error_t err;
		json_t *o;
		const char *q;
		struct buf b = BUF_INIT;
		int nw = 8 + (int)(rnd() % 33), w = 0;

		if (i % (ndocs / 1000 + 1))
			continue;
		o = json_loadb(line, (size_t)len, 0, &err);
		q = json_string_value(json_object_get(o, "question"));
		for (const char *p = q ? q : ""; *p && w < nw; p++) {
			buf_putc(&b, *p);
			w += *p == ' ';
		}
		qs[nq++] = buf_detach(&b, NULL);
		json_decref(o);
	}
	free(line);
	fclose(f);
	ms = xmalloc(nq * sizeof(double));
	for (size_t i = 0; i < nq; i++, k++) {
		struct search_results r;

		t0 = now();
		search_query(ix, a, qs[i], NULL, 0, 10, &r);
		ms[k] = (now() - t0) * 1000;
		arena_reset(a);
	}
	if (nextra) {
		double *x = xmalloc(nq * sizeof(double));

		memcpy(x, ms, nextra * sizeof(double));
		report("queries (from file)", x, nextra);
		memcpy(x, ms + nextra, (nq - nextra) * sizeof(double));
		report("queries (synthetic)", x, nq - nextra);
		free(x);
	}
	report("queries (all)", ms, k);
	for (size_t i = 0; i < nq; i++)
		free(qs[i]);
	free(qs);
	free(ms);
	arena_free(a);
	search_index_free(ix);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "fts5"))
		return bench_fts5(argv[2], argv[3],
		                  argc > 4 ? atoi(argv[4]) : 5);
	if (argc >= 4 && !strcmp(argv[1], "gen"))
		return gen(atol(argv[2]), argv[3], argc > 4 ? argv[4] : NULL);
	if (argc >= 3 && !strcmp(argv[1], "scale"))
		return scale(argv[2], argc > 3 ? argv[3] : NULL);
	fprintf(stderr, "usage: search_bench fts5 MEDQUAD QUERIES [ROUNDS]\n"
	                "       search_bench gen N OUT [MEDQUAD]\n"
	                "       search_bench scale ARCHIVE [QUERIES]\n");
	return 2;
}
