/* services/follower.c: the changelog follower (see follower.h).
 *
 * One mutex (apply) serializes applying: the thread's poll and
 * follower_sync take it in turn, so every change is applied once, in
 * order, and the callback sees batches in changelog order. The index is
 * loaded after the changelog position is read, so a change made while
 * loading is applied again by the first poll, never missed.
 *
 * Changelog numbers are taken in one order and may commit in another
 * (PostgreSQL, several writers): a number skipped over is kept as a gap
 * and looked for again at every poll for GAP_SECS, so a change whose
 * transaction commits after a later one's is applied all the same; a
 * number rolled back is forgotten when its time is up.
 *
 * On PostgreSQL the thread LISTENs for the notice every transaction that
 * writes changelog rows sends as it commits (store_changes_listen), so
 * another node's write is applied at once; it still polls every second,
 * and only polls when notices fail (a lost connection: it listens again
 * after the next poll) or on SQLite, which has none.
 */
#include "services/follower.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search/load.h"
#include "search/search.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/util.h"

#define BATCH    1000 /* changes read per statement */
#define GAPS     256  /* changelog numbers waited for at most */
#define GAP_SECS 60   /* longer than any write transaction lasts */
#define POLL_MS  1000 /* poll this often without notices */
#define SLICE_MS 100  /* a stop is seen within this */

struct follower {
	struct store *st;
	struct search_index *ix;
	follower_fn fn;
	void *arg;
	int64_t seq; /* changelog position applied (under apply) */
	/* Numbers below seq not seen yet (under apply): taken by a
	 * transaction still open, or rolled back. */
	struct gap {
		int64_t seq;
		time_t since;
	} gaps[GAPS];
	size_t n_gaps;
	pthread_mutex_t apply; /* held while applying */
	pthread_mutex_t mu;    /* guards stop, with cv */
	pthread_cond_t cv;
	int stop;
	pthread_t thread;
};

static enum search_kind kind_of_store(enum store_kind k)
{
	switch (k) {
	case STORE_KIND_QA: return SEARCH_KIND_QA;
	case STORE_KIND_FAQ: return SEARCH_KIND_FAQ;
	case STORE_KIND_ARTICLE: return SEARCH_KIND_ARTICLE;
	default: return 0;
	}
}

static int put_doc(struct search_index *ix, const struct store_doc *sd)
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

	if (put_doc(lc->ix, doc) == 0)
		lc->n++;
	return 0;
}

int follower_load_index(struct search_index *ix, struct store *st,
                        size_t *count, int64_t *seq)
{
	struct load_ctx lc = {ix, 0};
	int64_t last = 0;
	int rc;

	/* The changelog position first: a change made while loading is
	 * then applied again by the next batch, never missed. */
	if ((rc = store_last_change_seq(st, &last)) < 0)
		return rc;
	rc = store_each_document(st, load_one, &lc);
	if (count)
		*count = lc.n;
	if (seq)
		*seq = last;
	return rc < 0 ? rc : 0;
}

/* t with room for one more than used (it holds cap, at least n). */
static struct follower_touch *grow_touch(struct arena *a,
                                         struct follower_touch *t, size_t n,
                                         size_t *cap, size_t used)
{
	struct follower_touch *bigger;

	if (used < *cap)
		return t;
	bigger = ARENA_ARRAY(a, struct follower_touch, *cap + n);
	memcpy(bigger, t, used * sizeof(*t));
	*cap += n;
	return bigger;
}

/* Apply the n changes of ch (index, then the owner's callback). */
static void apply_changes(struct follower *f, struct arena *a,
                          const struct store_change *ch, size_t n)
{
	struct follower_touch *t;
	size_t nt = 0, cap = n;
	int all = 0;

	t = ARENA_ARRAY(a, struct follower_touch, cap);
	for (size_t i = 0; i < n; i++) {
		enum search_kind k = kind_of_store(ch[i].kind);
		struct store_doc sd;
		struct comment_info cm;

		if (ch[i].kind == STORE_KIND_COMMENT) {
			/* A comment changes the page it is on. */
			if (ch[i].op != STORE_OP_DELETE &&
			    store_comment_get(f->st, a, ch[i].id, &cm) ==
			            STORE_OK) {
				t[nt].kind = cm.c.target_kind;
				t[nt++].id = cm.c.target_id;
			} else {
				all = 1;
			}
			continue;
		}
		if (!k) {
			/* A topic: its name shows on every page that has
			 * it, and its synonyms reach documents too. */
			all = 1;
			continue;
		}
		t[nt].kind = ch[i].kind;
		t[nt++].id = ch[i].id;
		if (ch[i].op != STORE_OP_DELETE &&
		    store_document_get(f->st, a, ch[i].kind, ch[i].id, &sd) ==
		            STORE_OK) {
			put_doc(f->ix, &sd);
			/* The question it follows up lists it. */
			if (sd.follow_up_of) {
				t = grow_touch(a, t, n, &cap, nt);
				t[nt].kind = STORE_KIND_QA;
				t[nt++].id = sd.follow_up_of;
			}
		} else {
			search_index_remove(f->ix, k, ch[i].id);
		}
	}
	if (f->fn)
		f->fn(f->arg, t, nt, all);
}

/* Remember the numbers between from and to (both excluded) as gaps. */
static void note_gaps(struct follower *f, int64_t from, int64_t to)
{
	time_t now = time(NULL);

	/* Past GAPS at once (a failover's jump of the sequence), the
	 * highest are kept: the most likely to be still open. */
	if (to - from - 1 > GAPS)
		from = to - 1 - GAPS;
	for (int64_t s = from + 1; s < to; s++) {
		if (f->n_gaps == GAPS)
			memmove(f->gaps, f->gaps + 1,
			        --f->n_gaps * sizeof(*f->gaps));
		f->gaps[f->n_gaps].seq = s;
		f->gaps[f->n_gaps++].since = now;
	}
}

/* Apply one batch after f->seq; returns the number of changes read, or
 * the store's negative error code. Called with f->apply held. */
static int apply_batch(struct follower *f)
{
	struct arena *a = arena_new();
	struct store_change *ch;
	size_t n = 0;
	int rc;

	rc = store_changes_since(f->st, a, f->seq, BATCH, &ch, &n);
	if (rc < 0 || n == 0)
		goto done;
	/* Numbers are taken in one order and committed in another (on
	 * PostgreSQL, by several writers): one skipped may come later. */
	for (size_t i = 0; i < n; i++)
		note_gaps(f, i ? ch[i - 1].seq : f->seq, ch[i].seq);
	f->seq = ch[n - 1].seq;
	apply_changes(f, a, ch, n);
done:
	arena_free(a);
	return rc < 0 ? rc : (int)n;
}

/* Apply the changes that have filled gaps since; forget gaps older than
 * GAP_SECS (rolled back). Called with f->apply held. */
static int fill_gaps(struct follower *f)
{
	struct arena *a;
	struct store_change *ch;
	time_t now = time(NULL);
	size_t n = 0, k = 0, j = 0;
	int64_t low;
	int rc;

	for (size_t i = 0; i < f->n_gaps; i++)
		if (now - f->gaps[i].since <= GAP_SECS)
			f->gaps[j++] = f->gaps[i];
	f->n_gaps = j;
	if (!f->n_gaps)
		return 0;
	low = f->gaps[0].seq;
	for (size_t i = 1; i < f->n_gaps; i++)
		if (f->gaps[i].seq < low)
			low = f->gaps[i].seq;
	a = arena_new();
	rc = store_changes_since(f->st, a, low - 1, BATCH, &ch, &n);
	for (size_t i = 0; rc >= 0 && i < n && ch[i].seq <= f->seq; i++) {
		for (j = 0; j < f->n_gaps; j++)
			if (f->gaps[j].seq == ch[i].seq)
				break;
		if (j == f->n_gaps)
			continue;
		f->gaps[j] = f->gaps[--f->n_gaps];
		ch[k++] = ch[i];
	}
	if (k)
		apply_changes(f, a, ch, k);
	arena_free(a);
	return rc < 0 ? rc : 0;
}

static void apply_all(struct follower *f)
{
	int rc;

	pthread_mutex_lock(&f->apply);
	while ((rc = apply_batch(f)) > 0)
		;
	if (rc == 0)
		rc = fill_gaps(f);
	if (rc < 0)
		log_warn("changelog follow failed", "seq=%lld err=\"%s\"",
		         (long long)f->seq, store_strerror(rc));
	pthread_mutex_unlock(&f->apply);
}

/* Wait up to POLL_MS for a change notice on the thread's connection, in
 * slices so a stop is seen soon; 0 when it failed (then poll). */
static int wait_notice(struct follower *f)
{
	for (int waited = 0; waited < POLL_MS; waited += SLICE_MS) {
		int rc = store_changes_wait(f->st, SLICE_MS);

		if (rc < 0) {
			log_warn("change notices lost, polling", "err=%s",
			         store_errmsg());
			return 0;
		}
		if (rc > 0 || __atomic_load_n(&f->stop, __ATOMIC_RELAXED))
			break;
	}
	return 1;
}

static void *run(void *arg)
{
	struct follower *f = arg;
	/* Woken by LISTEN/NOTIFY where the engine has it (another node's
	 * commits), else, and as a fallback, a poll every POLL_MS. */
	int listening = store_changes_listen(f->st) == STORE_OK;

	pthread_mutex_lock(&f->mu);
	while (!f->stop) {
		struct timespec ts;

		if (listening) {
			pthread_mutex_unlock(&f->mu);
			listening = wait_notice(f);
			pthread_mutex_lock(&f->mu);
		} else {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += POLL_MS / 1000;
			pthread_cond_timedwait(&f->cv, &f->mu, &ts);
		}
		if (f->stop)
			break;
		pthread_mutex_unlock(&f->mu);
		apply_all(f);
		if (!listening)
			listening = store_changes_listen(f->st) == STORE_OK;
		pthread_mutex_lock(&f->mu);
	}
	pthread_mutex_unlock(&f->mu);
	store_thread_release(f->st);
	return NULL;
}

/* The gaps among the last changes at start: a transaction open while
 * the index loaded may still commit below the position loaded. */
static void note_start_gaps(struct follower *f)
{
	struct arena *a = arena_new();
	struct store_change *ch;
	int64_t from = f->seq > BATCH ? f->seq - BATCH : 0;
	size_t n = 0;

	if (store_changes_since(f->st, a, from, BATCH, &ch, &n) == STORE_OK)
		for (size_t i = 0; i < n && ch[i].seq <= f->seq; i++)
			note_gaps(f, i ? ch[i - 1].seq : from, ch[i].seq);
	arena_free(a);
}

struct follower *follower_new(struct store *st, struct search_index *ix,
                              follower_fn fn, void *arg, char **err)
{
	struct follower *f = xcalloc(1, sizeof(*f));
	struct timespec t0, t1;
	size_t n = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (follower_load_index(ix, st, &n, &f->seq) < 0) {
		*err = xstrdup(
		        "cannot build the search index from the database");
		free(f);
		return NULL;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_info("search index built", "documents=%zu ms=%ld", n,
	         (long)((t1.tv_sec - t0.tv_sec) * 1000 +
	                (t1.tv_nsec - t0.tv_nsec) / 1000000));
	f->st = st;
	f->ix = ix;
	f->fn = fn;
	f->arg = arg;
	note_start_gaps(f);
	pthread_mutex_init(&f->apply, NULL);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	if (pthread_create(&f->thread, NULL, run, f) != 0)
		abort();
	return f;
}

void follower_sync(struct follower *f)
{
	if (f)
		apply_all(f);
}

void follower_free(struct follower *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	__atomic_store_n(&f->stop, 1, __ATOMIC_RELAXED);
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->thread, NULL);
	pthread_cond_destroy(&f->cv);
	pthread_mutex_destroy(&f->mu);
	pthread_mutex_destroy(&f->apply);
	free(f);
}
