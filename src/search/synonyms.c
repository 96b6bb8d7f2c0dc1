/* search/synonyms.c: the medical synonym table and fuzzy term correction.
 *
 * The synonym table (data/synonyms.tsv: one group per line, phrases
 * separated by tabs, '#' starts a comment) is analysed with the index's
 * analyzer, so its phrases meet query text in the same normalised, stemmed
 * form. It is read from the compiled-in copy when the build embeds data/,
 * else from the file named in the options or data/synonyms.tsv below the
 * working folder; a missing default table only costs recall.
 *
 * Fuzzy correction catches misspelt words of the medical vocabulary
 * ("diahrrea", "Wieddeman"): every term of a topic name with five or more
 * letters is stored with its one-letter deletions (SymSpell's
 * neighbourhood); a query word is looked up the same way and the
 * candidates are checked with the optimal-string-alignment distance.
 */
#include "search/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/util.h"

static int read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char tmp[8192];
	size_t n;

	if (!f)
		return -errno;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(b, tmp, n);
	fclose(f);
	return 0;
}

/* Analyze one phrase into "t1 t2 ..." (stop words dropped); "" if none. */
static char *phrase_key(struct search_analyzer *an, struct arena *a,
                        const char *s, size_t n)
{
	struct search_tokens toks;
	struct buf b = BUF_INIT;
	char *r;

	search_analyze(an, a, s, n, &toks);
	for (size_t i = 0; i < toks.n; i++) {
		if (toks.v[i].flags & (SEARCH_TOK_STOP | SEARCH_TOK_VARIANT))
			continue;
		if (b.len)
			buf_putc(&b, ' ');
		buf_append(&b, toks.v[i].term, toks.v[i].len);
	}
	r = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return r;
}

static void parse(struct syn_table *st, struct search_analyzer *an,
                  const char *text, size_t len)
{
	struct arena *a = arena_new();
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		struct syn_group g = {NULL, 0};
		const char *f = p;

		while (f < le) {
			const char *tab = memchr(f, '\t', (size_t)(le - f));
			const char *fe = tab ? tab : le;
			char *key;

			if (f == p && *f == '#')
				break;
			key = phrase_key(an, a, f, (size_t)(fe - f));
			st->words = xrealloc(st->words,
			                     st->wlen + (size_t)(fe - f) + 1);
			memcpy(st->words + st->wlen, f, (size_t)(fe - f));
			st->wlen += (size_t)(fe - f);
			st->words[st->wlen++] = 0;
			if (*key) {
				g.terms = xrealloc(g.terms,
				                   (g.nphrases + 1) *
				                           sizeof(char *));
				g.terms[g.nphrases++] = xstrdup(key);
			}
			f = fe + 1;
		}
		if (g.nphrases >= 2) {
			uint32_t gi = st->ngroups;

			st->groups = xrealloc(st->groups,
			                      (gi + 1) * sizeof(*st->groups));
			st->groups[st->ngroups++] = g;
			for (uint32_t i = 0; i < g.nphrases; i++)
				smap_put(&st->index, g.terms[i],
				         strlen(g.terms[i]), gi, NULL);
		} else {
			for (uint32_t i = 0; i < g.nphrases; i++)
				free(g.terms[i]);
			free(g.terms);
		}
		p = le + 1;
	}
	arena_free(a);
}

int syn_load(struct syn_table *st, struct search_analyzer *an, const char *path)
{
	const struct embedded_file *ef = embed_find("data/synonyms.tsv");
	struct buf b = BUF_INIT;
	int rc = 0;

	if (path) {
		rc = read_file(path, &b);
		if (rc < 0)
			goto done;
		parse(st, an, b.p ? b.p : "", b.len);
	} else if (ef) {
		parse(st, an, ef->data, ef->len);
	} else if (read_file("data/synonyms.tsv", &b) == 0) {
		parse(st, an, b.p ? b.p : "", b.len);
	}
done:
	buf_free(&b);
	return rc;
}

void syn_free(struct syn_table *st)
{
	for (uint32_t g = 0; g < st->ngroups; g++) {
		for (uint32_t i = 0; i < st->groups[g].nphrases; i++)
			free(st->groups[g].terms[i]);
		free(st->groups[g].terms);
	}
	free(st->groups);
	free(st->words);
	smap_free(&st->index);
	memset(st, 0, sizeof(*st));
}

static int fz_eligible(const char *t, size_t n)
{
	if (n < 5 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (t[i] < 'a' || t[i] > 'z')
			return 0;
	return 1;
}

static void fz_link(struct search_index *ix, const char *key, size_t n,
                    uint32_t tid)
{
	uint32_t l = smap_put(&ix->fz_map, key, n, ix->nfz, NULL);

	if (l == ix->nfz) {
		if (ix->nfz == ix->capfz) {
			ix->capfz = ix->capfz ? ix->capfz * 2 : 1024;
			ix->fz_lists = xrealloc(ix->fz_lists,
			                        ix->capfz * sizeof(uint32_t *));
			ix->fz_n = xrealloc(ix->fz_n,
			                    ix->capfz * sizeof(uint32_t));
		}
		ix->fz_lists[l] = NULL;
		ix->fz_n[l] = 0;
		ix->nfz++;
	}
	for (uint32_t i = 0; i < ix->fz_n[l]; i++)
		if (ix->fz_lists[l][i] == tid)
			return;
	/* Lists grow one by one: they hold a handful of terms. */
	ix->fz_lists[l] =
	        xrealloc(ix->fz_lists[l], (ix->fz_n[l] + 1) * sizeof(uint32_t));
	ix->fz_lists[l][ix->fz_n[l]++] = tid;
}

void fz_add(struct search_index *ix, uint32_t tid)
{
	const char *t = ix->tstr[tid];
	size_t n = strlen(t);
	char del[40];

	if (!fz_eligible(t, n))
		return;
	fz_link(ix, t, n, tid);
	for (size_t i = 0; i < n; i++) {
		memcpy(del, t, i);
		memcpy(del + i, t + i + 1, n - i - 1);
		fz_link(ix, del, n - 1, tid);
	}
}

/* Optimal string alignment distance, giving up above max (search.h). */
int search_osa(const char *a, size_t n, const char *b, size_t m, int max)
{
	int d[34][34];

	if (n > 32 || m > 32)
		return max + 1;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int rowmin = max + 1;

		for (size_t j = 1; j <= m; j++) {
			int c = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + c < v)
				v = d[i - 1][j - 1] + c;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > max)
			return max + 1;
	}
	return d[n][m];
}

uint32_t fz_correct(const struct search_index *ix, const char *t, size_t n)
{
	uint32_t best = UINT32_MAX, bestdf = 0;
	int bestd = 3, max = n >= 7 ? 2 : 1;
	char del[40];

	if (!fz_eligible(t, n))
		return UINT32_MAX;
	for (size_t i = 0; i <= n; i++) {
		uint32_t l;

		if (i == n) {
			l = smap_get(&ix->fz_map, t, n);
		} else {
			memcpy(del, t, i);
			memcpy(del + i, t + i + 1, n - i - 1);
			l = smap_get(&ix->fz_map, del, n - 1);
		}
		if (l == UINT32_MAX)
			continue;
		for (uint32_t k = 0; k < ix->fz_n[l]; k++) {
			uint32_t tid = ix->fz_lists[l][k];
			const char *c = ix->tstr[tid];
			size_t cn = strlen(c);
			uint32_t df = ix->pl[tid].df;
			int dist;

			if (!df || (cn == n && !memcmp(c, t, n)))
				continue;
			/* The first letter is rarely the one mistyped. */
			if (c[0] != t[0])
				continue;
			dist = search_osa(t, n, c, cn, max);
			if (dist > max)
				continue;
			if (dist < bestd || (dist == bestd && df > bestdf)) {
				best = tid;
				bestd = dist;
				bestdf = df;
			}
		}
	}
	return best;
}
