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

int archive_import(struct store *st, FILE *in,
                   const struct archive_import_opts *opt,
                   struct archive_stats *stats)
{
	long batch = opt && opt->batch > 0 ? opt->batch : DEFAULT_BATCH;
	FILE *err = opt && opt->err ? opt->err : stderr;
	const char *prefix = opt && opt->prefix ? opt->prefix : "";
	struct reader r = {in, xmalloc(READ_CHUNK), READ_CHUNK, 0, 0, 0};
	struct archive_stats pending = {0};
	struct arena *a = arena_new();
	struct seen seen = {xcalloc(1024, sizeof(struct seen_slot)), 1024, 0};
	struct buf canon = BUF_INIT;
	long in_batch = 0;
	int rc = STORE_OK, in_tx = 0;

	memset(stats, 0, sizeof(*stats));
	if (sodium_init() < 0) {
		rc = store_set_error(STORE_ERROR, "libsodium failed to start");
		goto done;
	}
	for (;;) {
		struct archive_record rec;
		struct seen_slot *first;
		enum store_import_result res;
		unsigned char h[HASH_BYTES];
		char hex[2 * HASH_BYTES + 1], msg[512];
		const char *line;
		size_t len;
		int k = next_line(&r, &line, &len);

		if (k == 0)
			break;
		if (k == -2) {
			rc = store_set_error(STORE_ERROR, "read error: %s",
			                     strerror(errno));
			goto done;
		}
		stats->lines++;
		if (k == -1) {
			fprintf(err, "%sline %ld: longer than %d bytes\n",
			        prefix, stats->lines, LIMIT_ARCHIVE_LINE_BYTES);
			stats->rejected++;
			continue;
		}
		/* A UTF-8 byte order mark, which some editors write, is
		 * not part of the first record. */
		if (stats->lines == 1 && len >= 3 &&
		    !memcmp(line, "\xef\xbb\xbf", 3)) {
			line += 3;
			len -= 3;
		}
		if (is_blank(line, len))
			continue;
		arena_reset(a);
		if (archive_parse(a, line, len, &rec, msg, sizeof(msg))) {
			fprintf(err, "%sline %ld: %s\n", prefix, stats->lines,
			        msg);
			stats->rejected++;
			continue;
		}
		first = seen_find(&seen, record_id(&rec));
		if (first->id) {
			fprintf(err,
			        "%sline %ld: duplicate external_id \"%s\" "
			        "(first on line %ld)\n",
			        prefix, stats->lines, record_id(&rec),
			        first->line);
			stats->rejected++;
			continue;
		}
		seen_add(&seen, record_id(&rec), stats->lines);
		for (size_t i = 0; i < rec.n_warnings; i++)
			fprintf(err, "%sline %ld: warning: %s\n", prefix,
			        stats->lines, rec.warnings[i]);
		stats->warnings += rec.n_warnings > 0;

		buf_clear(&canon);
		struct store_record view = archive_record_view(&rec);
		archive_format(&canon, &view);
		crypto_generichash(h, sizeof(h), (const unsigned char *)canon.p,
		                   canon.len, NULL, 0);
		hex_encode(h, sizeof(h), hex);

		if (!in_tx) {
			if ((rc = store_tx_begin(st)))
				goto done;
			in_tx = 1;
		}
		rc = import_one(st, &rec, hex, &res);
		if (rc == STORE_INVALID || rc == STORE_CONFLICT ||
		    rc == STORE_NOTFOUND) {
			fprintf(err, "%sline %ld: %s\n", prefix, stats->lines,
			        store_errmsg());
			stats->rejected++;
			rc = STORE_OK;
			continue;
		}
		if (rc)
			goto done;
		if (res == STORE_ADDED)
			pending.added++;
		else if (res == STORE_UPDATED)
			pending.updated++;
		else
			pending.unchanged++;
		if (++in_batch >= batch) {
			in_tx = 0;
			in_batch = 0;
			if ((rc = store_tx_commit(st)))
				goto done;
			add_stats(stats, &pending);
			memset(&pending, 0, sizeof(pending));
		}
	}
	if (in_tx) {
		in_tx = 0;
		if ((rc = store_tx_commit(st)))
			goto done;
		add_stats(stats, &pending);
	}
done:
	if (in_tx)
		store_tx_rollback(st);
	buf_free(&canon);
	seen_free(&seen);
	arena_free(a);
	free(r.buf);
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
