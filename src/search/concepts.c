/* search/concepts.c: department knowledge that does not depend on how many
 * answered questions a site holds.
 *
 * data/triage-concepts.tsv lists concepts (organs, conditions, symptoms,
 * procedures, drug classes, life stages, Chinese medicine care), each with
 * words in English, Chinese and Vietnamese and weights for department
 * kinds (cardio, gi, liver, im, ...), the kinds' usual department names,
 * and where a kind's questions go when a site has no department of that
 * kind. The words are analyzed with the index's analyzer, so they meet a
 * question in one normalised form: Traditional Chinese as Simplified,
 * English stemmed, and (phrases of two or more syllables) Vietnamese with
 * and without tone marks.
 *
 * A question is turned into two strings of its terms, one as analyzed and
 * one with diacritics folded, with adjacent Chinese words joined (so a
 * Chinese word of the table matches anywhere inside the question's words)
 * and everything else separated by spaces (so a Latin word matches whole
 * words only, or as a prefix with "word*"). Every concept present adds its
 * weights once. Ages written with a number ("5 tuổi", "3歲", "12yo",
 * "18 months old") count as a life stage too.
 */
#include "search/internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/analyze.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/util.h"

#define KB_PATH "data/triage-concepts.tsv"

/* A number of years below this is a child, at or above KB_ADULT_YEARS an
 * adult; the evidence each gives for (against) the children's kind. */
#define KB_CHILD_YEARS 16
#define KB_ADULT_YEARS 18
#define KB_CHILD_W     3.0
#define KB_INFANT_W    4.0
#define KB_ADULT_W     (-2.0)

static int is_cjk_lead(const char *s)
{
	/* U+2E80 and up in UTF-8 start with 0xE2 0xBA.. or higher. */
	const unsigned char *u = (const unsigned char *)s;

	return u[0] >= 0xe3 || (u[0] == 0xe2 && u[1] >= 0xba);
}

/* " t1 t2 " from the tokens of text, CJK words adjacent in the text
 * joined; *ntok gets the number of words. */
static char *join(struct search_analyzer *an, struct arena *a, const char *s,
                  size_t n, int *ntok)
{
	struct search_tokens toks;
	struct buf p = BUF_INIT;
	uint32_t prev_end = 0;
	int prev_cjk = 0, count = 0;
	char *r;

	search_analyze(an, a, s, n, &toks);
	buf_putc(&p, ' ');
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];
		int cjk = (t->flags & SEARCH_TOK_CJK) != 0;

		if (t->flags & SEARCH_TOK_VARIANT)
			continue;
		if (!(cjk && prev_cjk && t->start == prev_end) && p.len > 1)
			buf_putc(&p, ' ');
		buf_append(&p, t->term, t->len);
		prev_cjk = cjk;
		prev_end = t->end;
		count++;
	}
	buf_putc(&p, ' ');
	r = arena_strndup(a, p.p, p.len);
	buf_free(&p);
	if (ntok)
		*ntok = count;
	return r;
}

/* The canonical strings of text: as written, and with diacritics folded
 * BEFORE analysis, so that a folded word is stemmed as the same word
 * typed without tone marks is ("dày" and "day" both become "day"). */
static void canon(struct search_analyzer *an, struct arena *a, const char *s,
                  size_t n, char **plain, char **folded, int *ntok)
{
	struct buf f = BUF_INIT;
	size_t i = 0;

	*plain = join(an, a, s, n, ntok);
	while (i < n) {
		size_t j = i;
		char fb[SEARCH_TERM_MAX * 2];
		size_t fl;

		/* A chunk: up to the next ASCII space or punctuation. */
		while (j < n && ((unsigned char)s[j] >= 0x80 ||
		                 isalnum((unsigned char)s[j])))
			j++;
		fl = j > i ? search_fold(s + i, j - i, fb, sizeof(fb)) : 0;
		if (fl)
			buf_append(&f, fb, fl);
		else
			buf_append(&f, s + i, j - i);
		if (j < n)
			buf_putc(&f, s[j]);
		i = j + 1;
	}
	*folded = join(an, a, f.p ? f.p : "", f.len, NULL);
	buf_free(&f);
}

static int kind_number(struct triage_kb *kb, const char *s, size_t n)
{
	for (uint32_t k = 0; k < kb->nkinds; k++)
		if (strlen(kb->kinds[k]) == n && !memcmp(kb->kinds[k], s, n))
			return (int)k;
	if (kb->nkinds == KB_KINDS)
		return -1;
	kb->kinds[kb->nkinds] = xstrndup(s, n);
	kb->fallback[kb->nkinds] = -1;
	return (int)kb->nkinds++;
}

/* Analyze one word of the table into a term; key is " t1 t2 " (trailing
 * space dropped for a prefix). */
static void add_term(struct triage_kb *kb, struct search_analyzer *an,
                     struct arena *a, const char *s, size_t n, uint32_t owner,
                     int alias)
{
	struct kb_term t = {0};
	char *plain, *folded;
	int ntok;

	if (n && s[n - 1] == '*') {
		t.prefix = 1;
		n--;
	}
	canon(an, a, s, n, &plain, &folded, &ntok);
	if (ntok == 0)
		return;
	for (const char *c = plain; *c; c++)
		if (is_cjk_lead(c))
			t.cjk = 1;
	t.folded = !t.cjk && ntok >= 2;
	if (t.cjk) {
		/* Chinese: a substring, without the spaces around it. */
		size_t l = strlen(plain);

		t.key = xstrndup(plain + 1, l - 2);
	} else {
		const char *k = t.folded ? folded : plain;
		size_t l = strlen(k);

		t.key = xstrndup(k, t.prefix ? l - 1 : l);
	}
	t.owner = owner;
	if (alias) {
		kb->aliases =
		        xrealloc(kb->aliases, (kb->naliases + 1) * sizeof(t));
		kb->aliases[kb->naliases++] = t;
	} else {
		kb->terms = xrealloc(kb->terms, (kb->nterms + 1) * sizeof(t));
		kb->terms[kb->nterms++] = t;
	}
}

static void parse(struct triage_kb *kb, struct search_analyzer *an,
                  const char *text, size_t len)
{
	struct arena *a = arena_new();
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *tab = memchr(p, '\t', (size_t)(le - p));
		const char *f;

		if (le > p && le[-1] == '\r')
			le--;
		if (p == le || *p == '#' || !tab)
			goto next;
		if (*p == '!' && kb->nrules < ARRAY_SIZE(kb->rules)) {
			struct kb_rule *r = &kb->rules[kb->nrules];
			int k = kind_number(kb, p + 1, (size_t)(tab - p - 1));

			if (k < 0)
				goto next;
			r->kind = k;
			r->min = strtod(tab + 1, NULL);
			r->kept = 0;
			f = memchr(tab + 1, '\t', (size_t)(le - tab - 1));
			while (f && f < le) {
				const char *e;
				int o;

				f++;
				e = memchr(f, '\t', (size_t)(le - f));
				if (!e)
					e = le;
				o = kind_number(kb, f, (size_t)(e - f));
				if (o >= 0)
					r->kept |= 1u << o;
				f = e < le ? e : NULL;
			}
			kb->nrules++;
			goto next;
		}
		if (*p == '@' || *p == '>') {
			int k = kind_number(kb, p + 1, (size_t)(tab - p - 1));

			if (k < 0)
				goto next;
			if (*p == '>') {
				int o = kind_number(kb, tab + 1,
				                    (size_t)(le - tab - 1));

				kb->fallback[k] = o;
				goto next;
			}
			for (f = tab + 1; f < le;) {
				const char *e =
				        memchr(f, '\t', (size_t)(le - f));

				if (!e)
					e = le;
				add_term(kb, an, a, f, (size_t)(e - f),
				         (uint32_t)k, 1);
				f = e + 1;
			}
			goto next;
		}
		/* A concept: "kind:w,kind:w" then its words. */
		{
			uint32_t c = kb->nconcepts;
			const char *w = p;

			kb->weights = xrealloc(kb->weights,
			                       (c + 1) * sizeof(*kb->weights));
			memset(kb->weights[c], 0, sizeof(kb->weights[c]));
			while (w < tab) {
				const char *colon =
				        memchr(w, ':', (size_t)(tab - w));
				const char *comma;
				int k;

				if (!colon)
					break;
				comma = memchr(colon, ',',
				               (size_t)(tab - colon));
				if (!comma)
					comma = tab;
				k = kind_number(kb, w, (size_t)(colon - w));
				if (k >= 0)
					kb->weights[c][k] =
					        (float)strtod(colon + 1, NULL);
				w = comma + 1;
			}
			kb->nconcepts++;
			for (f = tab + 1; f < le;) {
				const char *e =
				        memchr(f, '\t', (size_t)(le - f));

				if (!e)
					e = le;
				add_term(kb, an, a, f, (size_t)(e - f), c, 0);
				f = e + 1;
			}
		}
	next:
		p = (nl ? nl : end) + 1;
	}
	kb->tcm = -1;
	kb->peds = -1;
	for (uint32_t k = 0; k < kb->nkinds; k++) {
		if (!strcmp(kb->kinds[k], "tcm"))
			kb->tcm = (int)k;
		if (!strcmp(kb->kinds[k], "peds"))
			kb->peds = (int)k;
	}
	arena_free(a);
}

int kb_load(struct triage_kb *kb, struct search_analyzer *an)
{
	const struct embedded_file *ef = embed_find(KB_PATH);
	struct buf b = BUF_INIT;
	FILE *fp;

	memset(kb, 0, sizeof(*kb));
	if (ef) {
		parse(kb, an, ef->data, ef->len);
		return 0;
	}
	fp = fopen(KB_PATH, "rb");
	if (!fp)
		return 0; /* no table: triage learns from the site alone */
	{
		char tmp[8192];
		size_t n;

		while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
			buf_append(&b, tmp, n);
	}
	fclose(fp);
	parse(kb, an, b.p ? b.p : "", b.len);
	buf_free(&b);
	return 0;
}

void kb_free(struct triage_kb *kb)
{
	for (uint32_t i = 0; i < kb->nterms; i++)
		free(kb->terms[i].key);
	for (uint32_t i = 0; i < kb->naliases; i++)
		free(kb->aliases[i].key);
	for (uint32_t k = 0; k < kb->nkinds; k++)
		free(kb->kinds[k]);
	free(kb->terms);
	free(kb->aliases);
	free(kb->weights);
	memset(kb, 0, sizeof(*kb));
}

static int term_in(const struct kb_term *t, const char *plain,
                   const char *folded)
{
	if (t->cjk)
		return strstr(plain, t->key) != NULL;
	return strstr(t->folded ? folded : plain, t->key) != NULL;
}

/* Ages written with a number: evidence for or against the children's
 * kind. */
static double age_evidence(const char *s)
{
	static const char *const years[] = {
	        "tuổi",      "tuoi",   "岁",       "歲",        "yo",
	        "y/o",       "y.o",    "year old", "years old", "year-old",
	        "years-old", "yr old", "yrs old",  "yr-old"};
	static const char *const months[] = {
	        "weeks old",  "week old",  "week-old", "tuần tuổi",
	        "tuan tuoi",  "周大",      "週大",     "months old",
	        "month old",  "month-old", "mo old",   "tháng tuổi",
	        "thang tuoi", "个月大",    "個月大",   "個月的寶寶",
	        "个月的宝宝", "tháng tuoi"};
	double ev = 0;

	for (const char *p = s; *p; p++) {
		const char *q;
		long v;

		if (!isdigit((unsigned char)*p) ||
		    (p > s && (isdigit((unsigned char)p[-1]) || p[-1] == '.' ||
		               p[-1] == '/')))
			continue;
		v = strtol(p, (char **)&q, 10);
		if (*q == '.' || *q == '/' || *q == ',')
			continue; /* 38.5, 170/100 */
		while (*q == ' ' || *q == '-')
			q++;
		for (size_t i = 0; i < ARRAY_SIZE(months); i++)
			if (!strncasecmp(q, months[i], strlen(months[i])) &&
			    v <= 52)
				ev = ev > KB_INFANT_W ? ev : KB_INFANT_W;
		for (size_t i = 0; i < ARRAY_SIZE(years); i++)
			if (!strncasecmp(q, years[i], strlen(years[i]))) {
				if (v < KB_CHILD_YEARS && ev < KB_CHILD_W)
					ev = KB_CHILD_W;
				else if (v >= KB_ADULT_YEARS && ev == 0)
					ev = KB_ADULT_W;
			}
	}
	return ev;
}

size_t kb_evidence(const struct triage_kb *kb, struct search_analyzer *an,
                   struct arena *a, const char *text, size_t len, double *kinds,
                   int *asks_tcm)
{
	char *plain, *folded;
	char *seen;
	int ntok;
	size_t found = 0;

	memset(kinds, 0, KB_KINDS * sizeof(double));
	*asks_tcm = 0;
	if (!kb->nconcepts)
		return 0;
	canon(an, a, text, len, &plain, &folded, &ntok);
	seen = arena_zalloc(a, kb->nconcepts);
	for (uint32_t i = 0; i < kb->nterms; i++) {
		const struct kb_term *t = &kb->terms[i];

		if (seen[t->owner] || !term_in(t, plain, folded))
			continue;
		seen[t->owner] = 1;
		found++;
		for (uint32_t k = 0; k < kb->nkinds; k++)
			kinds[k] += kb->weights[t->owner][k];
		if (kb->tcm >= 0 && kb->weights[t->owner][kb->tcm] > 0)
			*asks_tcm = 1;
	}
	if (kb->peds >= 0) {
		double ev = age_evidence(text);

		if (ev != 0) {
			kinds[kb->peds] += ev;
			found++;
		}
	}
	for (uint32_t i = 0; i < kb->nrules; i++) {
		const struct kb_rule *r = &kb->rules[i];

		if (kinds[r->kind] < r->min)
			continue;
		for (uint32_t k = 0; k < kb->nkinds; k++)
			if ((int)k != r->kind && !(r->kept & 1u << k) &&
			    kinds[k] > 0) {
				kinds[r->kind] += kinds[k];
				kinds[k] = 0;
			}
	}
	return found;
}

uint32_t kb_dept_kinds(const struct triage_kb *kb, struct search_analyzer *an,
                       struct arena *a, const char *name)
{
	char *plain, *folded;
	uint32_t set = 0;
	int ntok;

	canon(an, a, name, strlen(name), &plain, &folded, &ntok);
	for (uint32_t i = 0; i < kb->naliases; i++) {
		const struct kb_term *t = &kb->aliases[i];

		/* Chinese names must be equal; Latin ones may be part of
		 * the name ("Gastroenterology and Hepatology"). */
		if (t->cjk ? !strncmp(plain + 1, t->key, strlen(t->key)) &&
		                     strlen(plain) == strlen(t->key) + 2
		           : term_in(t, plain, folded))
			set |= 1u << t->owner;
	}
	return set;
}
