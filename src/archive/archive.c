/* archive/archive.c: the import and export loops.
 *
 * Import reads its input in large blocks and cuts lines out of them itself
 * (lines may hold NUL bytes or be too long, both of which must be reported,
 * not crash or silently truncate). Each record is parsed, checked for an
 * external_id already seen in this file, formatted canonically and hashed
 * (BLAKE2b, 128 bits) so the store can tell an unchanged record, and
 * written through the store inside a batch transaction. A record the store
 * refuses (a rule broken, e.g. a slug taken) is rejected like a bad line;
 * any other store failure ends the import and rolls back the open batch.
 */
#include "archive/archive.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/util.h"

#define DEFAULT_BATCH 5000
#define READ_CHUNK    (256 * 1024)
#define HASH_BYTES    16

/* ---- reading lines ---- */

struct reader {
	FILE *f;
	char *buf;
	size_t cap, start, end; /* unread bytes are buf[start..end) */
	int eof;
};

/* Read more input behind the unread bytes (moved to the front). Returns
 * 0, or -1 on a read error; sets r->eof at the end. */
static int fill(struct reader *r)
{
	size_t n;

	if (r->start) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	n = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
	if (n == 0) {
		if (ferror(r->f))
			return -1;
		r->eof = 1;
	}
	r->end += n;
	return 0;
}

/* Skip the rest of an over-long line. */
static int skip_line(struct reader *r)
{
	for (;;) {
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);

		if (nl) {
			r->start = (size_t)(nl + 1 - r->buf);
			return 0;
		}
		r->start = r->end = 0;
		if (r->eof)
			return 0;
		if (fill(r))
			return -1;
	}
}

/* The next line, without "\n" or "\r\n". Returns 1 with *line and *len
 * set, 0 at the end of input, -1 for a line longer than the limit (it is
 * skipped), -2 on a read error. */
static int next_line(struct reader *r, const char **line, size_t *len)
{
	size_t scanned = 0;

	for (;;) {
		char *p = r->buf + r->start;
		char *nl =
		        memchr(p + scanned, '\n', r->end - r->start - scanned);
		size_t n;

		if (nl || (r->eof && r->end > r->start)) {
			n = nl ? (size_t)(nl - p) : r->end - r->start;
			r->start += n + (nl ? 1 : 0);
			if (n > LIMIT_ARCHIVE_LINE_BYTES)
				return -1;
			if (n && p[n - 1] == '\r')
				n--;
			*line = p;
			*len = n;
			return 1;
		}
		if (r->eof)
			return 0;
		scanned = r->end - r->start;
		if (scanned > LIMIT_ARCHIVE_LINE_BYTES)
			return skip_line(r) ? -2 : -1;
		if (fill(r))
			return -2;
	}
}

/* ---- external ids seen in this file ---- */

struct seen {
	struct seen_slot {
		char *id;
		long line;
	} * slots;
	size_t cap, n; /* cap is a power of two */
};

static size_t hash_str(const char *s)
{
	size_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct seen_slot *seen_find(struct seen *t, const char *id)
{
	size_t i = hash_str(id) & (t->cap - 1);

	while (t->slots[i].id && strcmp(t->slots[i].id, id) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static void seen_add(struct seen *t, const char *id, long line)
{
	struct seen_slot *s;

	if (2 * (t->n + 1) > t->cap) {
		struct seen old = *t;

		t->cap = 2 * old.cap;
		t->slots = xcalloc(t->cap, sizeof(*t->slots));
		t->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].id) {
				*seen_find(t, old.slots[i].id) = old.slots[i];
				t->n++;
			}
		free(old.slots);
	}
	s = seen_find(t, id);
	s->id = xstrdup(id);
	s->line = line;
	t->n++;
}

static void seen_free(struct seen *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slots[i].id);
	free(t->slots);
}

/* ---- import ---- */

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static const char *record_id(const struct archive_record *rec)
{
	switch (rec->kind) {
	case STORE_KIND_QA: return rec->qa.external_id;
	case STORE_KIND_FAQ: return rec->faq.external_id;
	default: return rec->article.external_id;
	}
}

static int import_one(struct store *st, const struct archive_record *rec,
                      const char *hash, enum store_import_result *res)
{
	switch (rec->kind) {
	case STORE_KIND_QA: return store_qa_import(st, &rec->qa, hash, res);
	case STORE_KIND_FAQ: return store_faq_import(st, &rec->faq, hash, res);
	default: return store_article_import(st, &rec->article, hash, res);
	}
}

static void add_stats(struct archive_stats *to,
                      const struct archive_stats *from)
{
	to->added += from->added;
	to->updated += from->updated;
	to->unchanged += from->unchanged;
}

static void count_result(struct archive_stats *pending,
                         enum store_import_result res)
{
	if (res == STORE_ADDED)
		pending->added++;
	else if (res == STORE_UPDATED)
		pending->updated++;
	else
		pending->unchanged++;
}

/* Library entries waiting to go to the store together (PostgreSQL: by
 * COPY, store_faq_import_many), with their hashes and line numbers. */
struct faqs {
	const struct faq **f;
	const char **hash;
	long *line;
	size_t n, cap;
	FILE *err;
	const char *prefix;
	struct archive_stats *stats, *pending;
};

static void faq_done(void *ctx, size_t i, int rc, enum store_import_result res)
{
	struct faqs *p = ctx;

	if (rc) {
		fprintf(p->err, "%sline %ld: %s\n", p->prefix, p->line[i],
		        store_errmsg());
		p->stats->rejected++;
		return;
	}
	count_result(p->pending, res);
}

static int faqs_flush(struct store *st, struct faqs *p)
{
	int rc;

	if (!p->n)
		return STORE_OK;
	rc = store_faq_import_many(st, p->f, p->hash, p->n, faq_done, p);
	p->n = 0;
	return rc;
}

static void faqs_add(struct faqs *p, const struct faq *f, const char *hash,
                     long line)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 1024;
		p->f = xrealloc(p->f, p->cap * sizeof(*p->f));
		p->hash = xrealloc(p->hash, p->cap * sizeof(*p->hash));
		p->line = xrealloc(p->line, p->cap * sizeof(*p->line));
	}
	p->f[p->n] = f;
	p->hash[p->n] = hash;
	p->line[p->n++] = line;
}

/* ---- parsing ahead ---- */

/* Lines are read, parsed, formatted canonically and hashed on a thread
 * of their own, a chunk at a time, while the importing thread writes the
 * chunk before: the store's work and the parsing overlap. Everything
 * printed and counted is still done by the importing thread, in line
 * order, so the output is as if one thread did it all. */
#define CHUNK_ITEMS  256
#define CHUNKS_AHEAD 8

enum item_what { ITEM_RECORD, ITEM_TOO_LONG, ITEM_BAD };

struct item {
	enum item_what what;
	long line;
	struct archive_record *rec; /* ITEM_RECORD */
	const char *hex;            /* its content hash */
	const char *msg;            /* ITEM_BAD: why */
};

struct chunk {
	struct arena *a;
	struct item items[CHUNK_ITEMS];
	size_t n;
	long lines;   /* lines read up to the end of this chunk */
	int last;     /* the input ends after it */
	int read_err; /* ... with a read error (errno) */
	struct chunk *next;
};

struct ahead {
	struct reader r;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chunk *head, *tail; /* parsed, not taken yet */
	size_t queued;
	int stop; /* the importer gave up */
	struct buf canon;
};

static struct chunk *parse_chunk(struct ahead *p, long *lines)
{
	struct chunk *ch = xcalloc(1, sizeof(*ch));

	ch->a = arena_new();
	while (ch->n < CHUNK_ITEMS) {
		struct item *it = &ch->items[ch->n];
		unsigned char h[HASH_BYTES];
		char hex[2 * HASH_BYTES + 1], msg[512];
		const char *line;
		size_t len;
		int k = next_line(&p->r, &line, &len);

		if (k == 0) {
			ch->last = 1;
			break;
		}
		if (k == -2) {
			ch->last = 1;
			ch->read_err = errno ? errno : EIO;
			break;
		}
		it->line = ++*lines;
		if (k == -1) {
			it->what = ITEM_TOO_LONG;
			ch->n++;
			continue;
		}
		/* A UTF-8 byte order mark, which some editors write, is
		 * not part of the first record. */
		if (*lines == 1 && len >= 3 &&
		    !memcmp(line, "\xef\xbb\xbf", 3)) {
			line += 3;
			len -= 3;
		}
		if (is_blank(line, len))
			continue;
		it->rec = ARENA_NEW(ch->a, struct archive_record);
		if (archive_parse(ch->a, line, len, it->rec, msg,
		                  sizeof(msg))) {
			it->what = ITEM_BAD;
			it->msg = arena_strdup(ch->a, msg);
			ch->n++;
			continue;
		}
		it->what = ITEM_RECORD;
		buf_clear(&p->canon);
		struct store_record view = archive_record_view(it->rec);
		archive_format(&p->canon, &view);
		crypto_generichash(h, sizeof(h),
		                   (const unsigned char *)p->canon.p,
		                   p->canon.len, NULL, 0);
		hex_encode(h, sizeof(h), hex);
		it->hex = arena_strdup(ch->a, hex);
		ch->n++;
	}
	ch->lines = *lines;
	return ch;
}

static void chunk_free(struct chunk *ch)
{
	while (ch) {
		struct chunk *next = ch->next;

		arena_free(ch->a);
		free(ch);
		ch = next;
	}
}

static void *parse_ahead(void *arg)
{
	struct ahead *p = arg;
	long lines = 0;

	for (;;) {
		struct chunk *ch = parse_chunk(p, &lines);
		int last = ch->last;

		pthread_mutex_lock(&p->mu);
		while (p->queued >= CHUNKS_AHEAD && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			chunk_free(ch);
			break;
		}
		if (p->tail)
			p->tail->next = ch;
		else
			p->head = ch;
		p->tail = ch;
		p->queued++;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (last)
			break;
	}
	return NULL;
}

static struct chunk *next_chunk(struct ahead *p)
{
	struct chunk *ch;

	pthread_mutex_lock(&p->mu);
	while (!p->head)
		pthread_cond_wait(&p->cv, &p->mu);
	ch = p->head;
	p->head = ch->next;
	if (!p->head)
		p->tail = NULL;
	ch->next = NULL;
	p->queued--;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return ch;
}

static void ahead_stop(struct ahead *p)
{
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	chunk_free(p->head);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	buf_free(&p->canon);
	free(p->r.buf);
}

int archive_import(struct store *st, FILE *in,
                   const struct archive_import_opts *opt,
                   struct archive_stats *stats)
{
	long batch = opt && opt->batch > 0 ? opt->batch : DEFAULT_BATCH;
	FILE *err = opt && opt->err ? opt->err : stderr;
	const char *prefix = opt && opt->prefix ? opt->prefix : "";
	struct ahead p;
	struct archive_stats pending = {0};
	struct seen seen = {xcalloc(1024, sizeof(struct seen_slot)), 1024, 0};
	/* On PostgreSQL library entries wait for the end of their batch (or
	 * the next record of another kind) and go in together; the chunks
	 * holding them are kept until then. */
	int together = !strcmp(store_backend(st), "postgres");
	struct faqs faqs = {NULL, NULL,   NULL,  0,       0,
	                    err,  prefix, stats, &pending};
	struct chunk *held = NULL, *ch = NULL;
	long in_batch = 0;
	int rc = STORE_OK, in_tx = 0, last = 0;

	memset(stats, 0, sizeof(*stats));
	memset(&p, 0, sizeof(p));
	p.r = (struct reader){in, xmalloc(READ_CHUNK), READ_CHUNK, 0, 0, 0};
	p.canon = (struct buf)BUF_INIT;
	if (sodium_init() < 0) {
		free(p.r.buf);
		free(seen.slots);
		return store_set_error(STORE_ERROR,
		                       "libsodium failed to start");
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	if (pthread_create(&p.thread, NULL, parse_ahead, &p) != 0) {
		pthread_mutex_destroy(&p.mu);
		pthread_cond_destroy(&p.cv);
		free(p.r.buf);
		free(seen.slots);
		return store_set_error(STORE_ERROR, "cannot start a thread");
	}
	while (!last) {
		ch = next_chunk(&p);
		last = ch->last;
		for (size_t i = 0; i < ch->n; i++) {
			struct item *it = &ch->items[i];
			struct archive_record *rec = it->rec;
			struct seen_slot *first;
			enum store_import_result res;

			stats->lines = it->line;
			if (it->what == ITEM_TOO_LONG) {
				fprintf(err,
				        "%sline %ld: longer than %d bytes\n",
				        prefix, it->line,
				        LIMIT_ARCHIVE_LINE_BYTES);
				stats->rejected++;
				continue;
			}
			if (it->what == ITEM_BAD) {
				fprintf(err, "%sline %ld: %s\n", prefix,
				        it->line, it->msg);
				stats->rejected++;
				continue;
			}
			first = seen_find(&seen, record_id(rec));
			if (first->id) {
				fprintf(err,
				        "%sline %ld: duplicate external_id "
				        "\"%s\" (first on line %ld)\n",
				        prefix, it->line, record_id(rec),
				        first->line);
				stats->rejected++;
				continue;
			}
			seen_add(&seen, record_id(rec), it->line);
			for (size_t w = 0; w < rec->n_warnings; w++)
				fprintf(err, "%sline %ld: warning: %s\n",
				        prefix, it->line, rec->warnings[w]);
			stats->warnings += rec->n_warnings > 0;

			if (!in_tx) {
				if ((rc = store_tx_begin(st)))
					goto done;
				in_tx = 1;
			}
			if (together && rec->kind == STORE_KIND_FAQ) {
				faqs_add(&faqs, &rec->faq, it->hex, it->line);
			} else {
				if ((rc = faqs_flush(st, &faqs)))
					goto done;
				rc = import_one(st, rec, it->hex, &res);
				if (rc == STORE_INVALID ||
				    rc == STORE_CONFLICT ||
				    rc == STORE_NOTFOUND) {
					fprintf(err, "%sline %ld: %s\n", prefix,
					        it->line, store_errmsg());
					stats->rejected++;
					rc = STORE_OK;
					continue;
				}
				if (rc)
					goto done;
				count_result(&pending, res);
			}
			if (++in_batch >= batch) {
				in_batch = 0;
				if ((rc = faqs_flush(st, &faqs)))
					goto done;
				chunk_free(held);
				held = NULL;
				in_tx = 0;
				if ((rc = store_tx_commit(st)))
					goto done;
				add_stats(stats, &pending);
				memset(&pending, 0, sizeof(pending));
			}
		}
		stats->lines = ch->lines;
		if (ch->read_err) {
			rc = store_set_error(STORE_ERROR, "read error: %s",
			                     strerror(ch->read_err));
			goto done;
		}
		/* Entries waiting for the store point into the chunk. */
		ch->next = held;
		held = ch;
		ch = NULL;
		if (!faqs.n) {
			chunk_free(held);
			held = NULL;
		}
	}
	if (in_tx) {
		if ((rc = faqs_flush(st, &faqs)))
			goto done;
		in_tx = 0;
		if ((rc = store_tx_commit(st)))
			goto done;
		add_stats(stats, &pending);
	}
done:
	if (in_tx)
		store_tx_rollback(st);
	ahead_stop(&p);
	chunk_free(ch);
	chunk_free(held);
	free(faqs.f);
	free(faqs.hash);
	free(faqs.line);
	seen_free(&seen);
	return rc;
}

/* ---- export ---- */

struct export_ctx {
	FILE *out;
	struct buf b;
	long n;
};

static int export_one(void *ctx, const struct store_record *rec)
{
	struct export_ctx *x = ctx;

	buf_clear(&x->b);
	archive_format(&x->b, rec);
	buf_putc(&x->b, '\n');
	if (fwrite(x->b.p, 1, x->b.len, x->out) != x->b.len)
		return store_set_error(STORE_ERROR, "write error: %s",
		                       strerror(errno));
	x->n++;
	return 0;
}

int archive_export(struct store *st, FILE *out, long *n)
{
	struct export_ctx x = {out, BUF_INIT, 0};
	int rc = store_export_each(st, export_one, &x);

	if (rc == STORE_OK && (fflush(out) != 0 || ferror(out)))
		rc = store_set_error(STORE_ERROR, "write error: %s",
		                     strerror(errno));
	buf_free(&x.b);
	if (n)
		*n = x.n;
	return rc;
}
