/* tests/unit/test_search_index.c: the inverted index: incremental puts,
 * updates and removals give the same results as a rebuild (compaction
 * included), MaxScore gives the exact BM25F top-k, filters, pagination,
 * bad input, concurrent readers with a writer. */
#include "test.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/internal.h"
#include "util/arena.h"
#include "util/util.h"

static const char *const words[] = {
        "liver",   "cancer",  "hepatitis", "treatment", "pain",    "fever",
        "tumor",   "surgery", "blood",     "pressure",  "heart",   "kidney",
        "stone",   "cough",   "asthma",    "diabetes",  "insulin", "rash",
        "allergy", "child",   "sleep",     "headache",  "virus",   "vaccine",
        "dose",    "tablet",  "nausea",    "stomach",   "ulcer",   "bone",
};

static unsigned rng = 12345;

static unsigned rnd(void)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 16) & 0x7fff;
}

/* Text of n words from a skewed distribution, version v. */
static char *gen_text(int n, int v)
{
	char *s = malloc((size_t)n * 16 + 32);
	size_t len = 0;

	for (int i = 0; i < n; i++) {
		unsigned r = rnd() % 100;
		size_t w = (r * r / 100) % ARRAY_SIZE(words);

		len += (size_t)sprintf(s + len, "%s%s", i ? " " : "", words[w]);
	}
	if (v)
		len += (size_t)sprintf(s + len, " revised%d", v);
	s[len] = 0;
	return s;
}

struct tdoc {
	int64_t id;
	char *title, *question, *answer, *topic, *dept;
	int live;
};

static enum search_kind kind_of(int64_t id)
{
	return id % 3 ? SEARCH_KIND_FAQ : SEARCH_KIND_QA;
}

static void to_doc(const struct tdoc *t, struct search_doc *d,
                   const char **topics)
{
	memset(d, 0, sizeof(*d));
	d->id = t->id;
	d->kind = kind_of(t->id);
	d->external_id = t->title; /* unique enough for display */
	d->title = t->title;
	d->question = t->question;
	d->answer = t->answer;
	topics[0] = t->topic;
	d->topics = topics;
	d->ntopics = 1;
	d->department = t->dept;
	d->date = 1000 + t->id;
}

static void tdoc_free(struct tdoc *t)
{
	free(t->title);
	free(t->question);
	free(t->answer);
	free(t->topic);
	free(t->dept);
}

static void make(struct tdoc *t, int64_t id, int v)
{
	t->id = id;
	t->title = gen_text(4, v);
	t->question = gen_text(20, 0);
	t->answer = id % 4 ? gen_text(60, 0) : NULL;
	t->topic = gen_text(2, 0);
	t->dept = strdup(id % 2 ? "Oncology" : "Hepatology");
	t->live = 1;
}

static const char *const queries[] = {
        "liver cancer treatment",
        "blood pressure heart",
        "revised1 tablet dose",
        "fever child rash allergy vaccine",
        "bone",
        "stomach ulcer nausea pain surgery kidney stone",
};

/* Same hits, same order, same scores. */
static int same_results(struct search_index *x, struct search_index *y,
                        const struct search_filter *f, size_t offset)
{
	struct arena *a = arena_new();
	int ok = 1;

	for (size_t q = 0; q < ARRAY_SIZE(queries); q++) {
		struct search_results rx, ry;

		search_query(x, a, queries[q], f, offset, 20, &rx);
		search_query(y, a, queries[q], f, offset, 20, &ry);
		if (rx.n != ry.n || rx.n == 0) {
			fprintf(stderr, "query %zu: %zu vs %zu hits\n", q, rx.n,
			        ry.n);
			ok = 0;
			continue;
		}
		for (size_t i = 0; i < rx.n; i++)
			if (rx.hits[i].id != ry.hits[i].id ||
			    fabs(rx.hits[i].score - ry.hits[i].score) > 1e-9) {
				fprintf(stderr,
				        "query %zu hit %zu: %lld %.9f vs "
				        "%lld %.9f\n",
				        q, i, (long long)rx.hits[i].id,
				        rx.hits[i].score,
				        (long long)ry.hits[i].id,
				        ry.hits[i].score);
				ok = 0;
				break;
			}
	}
	arena_free(a);
	return ok;
}

static void put(struct search_index *ix, const struct tdoc *t)
{
	struct search_doc d;
	const char *topics[1];

	to_doc(t, &d, topics);
	CHECK_INT(search_index_put(ix, &d), 0);
}

static void incremental_vs_rebuild(int n, int nupdate, int nremove)
{
	struct search_index *inc = search_index_new(NULL);
	struct search_index *reb = search_index_new(NULL);
	struct tdoc *docs = calloc((size_t)n, sizeof(*docs));
	struct search_filter f = {0};

	for (int i = 0; i < n; i++) {
		make(&docs[i], i + 1, 0);
		put(inc, &docs[i]);
	}
	for (int i = 0; i < nupdate; i++) {
		int k = (int)(rnd() % (unsigned)n);

		tdoc_free(&docs[k]);
		make(&docs[k], k + 1, 1);
		put(inc, &docs[k]);
	}
	for (int i = 0, k = 0; i < nremove; i++, k += 2) {
		k %= n;
		if (!docs[k].live)
			continue;
		CHECK_INT(search_index_remove(inc, kind_of(docs[k].id),
		                              docs[k].id),
		          0);
		docs[k].live = 0;
	}
	for (int i = 0; i < n; i++)
		if (docs[i].live)
			put(reb, &docs[i]);
	CHECK_INT(search_index_count(inc), search_index_count(reb));
	CHECK(same_results(inc, reb, NULL, 0));
	CHECK(same_results(inc, reb, NULL, 7));
	f.department = "Oncology";
	CHECK(same_results(inc, reb, &f, 0));
	for (int i = 0; i < n; i++)
		tdoc_free(&docs[i]);
	free(docs);
	search_index_free(inc);
	search_index_free(reb);
}

static void test_incremental_small(void)
{
	incremental_vs_rebuild(300, 100, 80);
}

/* Enough removals to trigger compaction (renumbering). */
static void test_incremental_compaction(void)
{
	incremental_vs_rebuild(4000, 800, 1900);
}

/* MaxScore's top-k equals scoring every document. */
static void test_maxscore_exact(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct tdoc t;

	for (int i = 0; i < 2000; i++) {
		make(&t, i + 1, 0);
		put(ix, &t);
		tdoc_free(&t);
	}
	for (size_t q = 0; q < ARRAY_SIZE(queries); q++) {
		struct search_tokens toks;
		struct qterm qt[16];
		size_t nq = 0, k = 10, n;
		struct scored top[10], *all;
		double kth;
		uint32_t ndocs = ix->ndocs;
		struct bm25 bm;

		search_analyze(ix->an, a, queries[q], strlen(queries[q]),
		               &toks);
		for (size_t i = 0; i < toks.n && nq < 16; i++) {
			uint32_t tid =
			        ix_term(ix, toks.v[i].term, toks.v[i].len);

			if (tid != UINT32_MAX &&
			    !(toks.v[i].flags & SEARCH_TOK_VARIANT)) {
				qt[nq].tid = tid;
				qt[nq++].w = ix_idf(ix, ix->pl[tid].df);
			}
		}
		/* ix_score_doc wants the terms sorted by id. */
		for (size_t i = 1; i < nq; i++)
			for (size_t j = i; j > 0 && qt[j].tid < qt[j - 1].tid;
			     j--) {
				struct qterm x = qt[j];

				qt[j] = qt[j - 1];
				qt[j - 1] = x;
			}
		ix_bm25_init(ix, &bm);
		n = ix_topk(ix, &bm, qt, nq, NULL, k, top);
		CHECK_INT(n, k);
		all = calloc(ndocs, sizeof(*all));
		for (uint32_t d = 0; d < ndocs; d++)
			all[d].score = ix_score_doc(ix, &bm, qt, nq, d);
		/* The k-th best brute-force score. */
		for (size_t i = 0; i < k; i++) {
			size_t best = 0;

			for (uint32_t d = 1; d < ndocs; d++)
				if (all[d].score > all[best].score)
					best = d;
			kth = all[best].score;
			all[best].score = -1;
		}
		for (size_t i = 0; i < n; i++) {
			CHECK(top[i].score >= kth - 1e-9);
			CHECK(fabs(top[i].score -
			           ix_score_doc(ix, &bm, qt, nq, top[i].doc)) <
			      1e-9);
		}
		free(all);
	}
	arena_free(a);
	search_index_free(ix);
}

static void test_filters_and_pages(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct search_results all, page, r;
	struct search_filter f;
	struct tdoc t;

	for (int i = 0; i < 500; i++) {
		make(&t, i + 1, 0);
		put(ix, &t);
		tdoc_free(&t);
	}
	search_query(ix, a, "liver cancer", NULL, 0, 30, &all);
	CHECK_INT(all.n, 30);
	search_query(ix, a, "liver cancer", NULL, 10, 10, &page);
	CHECK_INT(page.n, 10);
	for (size_t i = 0; i < page.n; i++)
		CHECK_INT(page.hits[i].id, all.hits[10 + i].id);
	for (size_t i = 1; i < all.n; i++)
		CHECK(all.hits[i - 1].score >= all.hits[i].score);

	memset(&f, 0, sizeof(f));
	f.kinds = SEARCH_KIND_QA;
	search_query(ix, a, "liver cancer", &f, 0, 50, &r);
	CHECK(r.n > 0);
	for (size_t i = 0; i < r.n; i++)
		CHECK_INT(r.hits[i].kind, SEARCH_KIND_QA);
	memset(&f, 0, sizeof(f));
	f.department = "Oncology";
	search_query(ix, a, "liver cancer", &f, 0, 50, &r);
	CHECK(r.n > 0);
	for (size_t i = 0; i < r.n; i++)
		CHECK_STR(r.hits[i].department, "Oncology");
	memset(&f, 0, sizeof(f));
	f.date_from = 1100;
	f.date_to = 1200;
	search_query(ix, a, "liver cancer", &f, 0, 50, &r);
	CHECK(r.n > 0);
	for (size_t i = 0; i < r.n; i++)
		CHECK(r.hits[i].date >= 1100 && r.hits[i].date <= 1200);
	memset(&f, 0, sizeof(f));
	f.exclude_id = all.hits[0].id;
	f.exclude_kind = all.hits[0].kind;
	search_query(ix, a, "liver cancer", &f, 0, 5, &r);
	CHECK(r.n > 0 && r.hits[0].id != all.hits[0].id);
	memset(&f, 0, sizeof(f));
	f.department = "No such department";
	search_query(ix, a, "liver cancer", &f, 0, 5, &r);
	CHECK_INT(r.n, 0);
	/* Past the end. */
	search_query(ix, a, "liver cancer", NULL, 100000, 10, &r);
	CHECK_INT(r.n, 0);
	arena_free(a);
	search_index_free(ix);
}

static void test_bad_input(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct search_results r;
	struct search_doc d;

	memset(&d, 0, sizeof(d));
	CHECK_INT(search_index_generation(ix), 0);
	CHECK_INT(search_index_put(ix, &d), -EINVAL);
	CHECK_INT(search_index_generation(ix), 0);
	d.id = 5;
	CHECK_INT(search_index_put(ix, &d), -EINVAL); /* no kind */
	d.kind = SEARCH_KIND_QA;
	CHECK_INT(search_index_put(ix, &d), 0); /* an empty document */
	CHECK_INT(search_index_generation(ix), 1);
	CHECK_INT(search_index_count(ix), 1);
	CHECK_INT(search_index_remove(ix, SEARCH_KIND_QA, 6), -ENOENT);
	CHECK_INT(search_index_remove(ix, SEARCH_KIND_FAQ, 5), -ENOENT);
	CHECK_INT(search_index_remove(ix, SEARCH_KIND_QA, 5), 0);
	CHECK_INT(search_index_remove(ix, SEARCH_KIND_QA, 5), -ENOENT);
	CHECK_INT(search_index_count(ix), 0);
	CHECK_INT(search_query(ix, a, "anything", NULL, 0, 10, &r), 0);
	CHECK_INT(r.n, 0);
	CHECK_INT(search_query(ix, a, NULL, NULL, 0, 10, &r), 0);
	CHECK_INT(r.n, 0);
	CHECK(search_index_memory(ix) > 0);
	arena_free(a);
	search_index_free(ix);
}

struct race {
	struct search_index *ix;
	int stop, errors;
};

static void *reader(void *arg)
{
	struct race *rc = arg;
	struct arena *a = arena_new();

	while (!__atomic_load_n(&rc->stop, __ATOMIC_SEQ_CST)) {
		struct search_results r;

		search_query(rc->ix, a, "liver cancer treatment", NULL, 0, 10,
		             &r);
		for (size_t i = 1; i < r.n; i++)
			if (r.hits[i - 1].score < r.hits[i].score)
				rc->errors++;
		arena_reset(a);
	}
	arena_free(a);
	return NULL;
}

/* Readers search while a writer puts and removes. */
static void test_concurrency(void)
{
	struct race rc = {search_index_new(NULL), 0, 0};
	pthread_t th[2];
	struct tdoc t;

	for (int i = 0; i < 300; i++) {
		make(&t, i + 1, 0);
		put(rc.ix, &t);
		tdoc_free(&t);
	}
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, reader, &rc);
	for (int i = 0; i < 600; i++) {
		make(&t, (i % 400) + 1, i);
		put(rc.ix, &t);
		tdoc_free(&t);
		if (i % 3 == 0)
			search_index_remove(rc.ix, kind_of(i % 300 + 1),
			                    i % 300 + 1);
	}
	__atomic_store_n(&rc.stop, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK_INT(rc.errors, 0);
	search_index_free(rc.ix);
}

int main(void)
{
	RUN(test_incremental_small);
	RUN(test_incremental_compaction);
	RUN(test_maxscore_exact);
	RUN(test_filters_and_pages);
	RUN(test_bad_input);
	RUN(test_concurrency);
	return test_summary();
}
