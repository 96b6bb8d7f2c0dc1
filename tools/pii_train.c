/* tools/pii_train.c: trains the statistical name layer at build time.
 *
 * usage: pii_train [--off] OUT.c FILE...   write the model as C (build/gen/)
 *        pii_train --cv FILE...            leave-one-batch-out figures
 *
 * FILEs are labelled sets in the format of tests/data/safety/pii.tsv
 * (language, split, text with [[type|data]] marks). Lines whose split
 * starts with "ext-" are outside batches: each split is one batch (a line
 * that appears twice, in pii.tsv and in its outside file, counts once).
 * Other lines (our own sets) are always trained on and never tested on.
 *
 * The examples are the candidates of pn_candidates() (pii_int.h); a
 * candidate is a name when it overlaps a marked name. The model is an
 * L2-regularised logistic regression over their hashed features, fitted
 * by AdaGrad in a fixed order (a seeded shuffle), so the same files give
 * the same bytes. The thresholds (t_keep: below it a name of the rules is
 * dropped; t_add: from it a candidate the rules missed is added) are
 * chosen on out-of-fold probabilities: each outside batch is scored by a
 * model trained without it, and the pair with the best gain (names found
 * minus 1.5 times false findings) whose overall precision stays at least
 * MIN_PREC over those batches is kept. --off writes the weights with the
 * layer switched off (the rules alone).
 *
 * --cv reports, for each outside batch X, name recall and precision and
 * the overall precision of the rules alone and of rules + model, where
 * weights and thresholds were chosen without X (the thresholds by an
 * inner leave-one-batch-out over the other batches), and the medians over
 * ext-b..ext-i.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safety/internal.h"
#include "safety/pii.h"
#include "safety/pii_int.h"
#include "util/arena.h"

#define EPOCHS   12
#define ETA      0.2
#define LAMBDA   1e-5
#define MIN_PREC 0.95
#define MAXB     32
#define MAXS     64

/* The trainer links the rules without a model. */
const struct pn_model pn_model = {0};

struct cand {
	int y, rule;
	size_t cb, ce;
	uint32_t *f;
	size_t nf;
};

struct text {
	int group;                    /* batch, or -1 */
	struct safety_pii gold[MAXS]; /* bytes */
	size_t ngold;
	struct pii_found *v; /* the rules' findings (code points) */
	size_t nv;
	uint32_t *beg, *end; /* code point -> bytes */
	struct cand *k;
	size_t nk;
	double *p;
};

static struct text *texts;
static size_t ntexts, cap_texts;
static char *groups[MAXB];
static int ngroups;

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "pii_train: %s%s%s\n", msg, arg ? ": " : "",
	        arg ? arg : "");
	exit(1);
}

static void *xmalloc0(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p)
		die("out of memory", NULL);
	return p;
}

static int group_of(const char *split)
{
	if (strncmp(split, "ext-", 4) != 0)
		return -1;
	for (int i = 0; i < ngroups; i++)
		if (strcmp(groups[i], split) == 0)
			return i;
	if (ngroups == MAXB)
		die("too many batches", split);
	groups[ngroups] = strdup(split);
	return ngroups++;
}

/* Seen texts, to count a line present in two files once. */
static char **seen;
static size_t nseen, cap_seen;

static int seen_before(const char *s)
{
	for (size_t i = 0; i < nseen; i++)
		if (strcmp(seen[i], s) == 0)
			return 1;
	if (nseen == cap_seen) {
		cap_seen = cap_seen ? cap_seen * 2 : 1024;
		seen = realloc(seen, cap_seen * sizeof(*seen));
		if (!seen)
			die("out of memory", NULL);
	}
	seen[nseen++] = strdup(s);
	return 0;
}

static void add_text(struct arena *a, const char *split, const char *marked)
{
	static char plain[65536];
	struct text *x;
	struct safety_text t;
	struct pii_ctx c;
	struct pn_cand *k;
	size_t nk;

	if (strlen(marked) >= sizeof(plain))
		die("line too long", split);
	if (ntexts == cap_texts) {
		cap_texts = cap_texts ? cap_texts * 2 : 1024;
		texts = realloc(texts, cap_texts * sizeof(*texts));
		if (!texts)
			die("out of memory", NULL);
	}
	x = &texts[ntexts];
	memset(x, 0, sizeof(*x));
	x->ngold = safety_pii_unmark(marked, plain, x->gold, MAXS);
	if (seen_before(plain))
		return;
	x->group = group_of(split);
	if (safety_pii_rules(a, plain, &t, &x->v, &x->nv) != 0)
		die("the rules failed on a line of", split);
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.t = &t;
	nk = pn_candidates(&c, x->v, x->nv, &k);
	if (t.n >= 65536)
		die("a text too long to train on in", split);
	{
		struct pii_found *v = xmalloc0(x->nv * sizeof(*x->v) + 1);

		if (x->nv)
			memcpy(v, x->v, x->nv * sizeof(*x->v));
		x->v = v;
	}
	x->beg = memcpy(xmalloc0(t.n * sizeof(uint32_t) + 1), t.beg,
	                t.n * sizeof(uint32_t));
	x->end = memcpy(xmalloc0(t.n * sizeof(uint32_t) + 1), t.end,
	                t.n * sizeof(uint32_t));
	x->k = xmalloc0(nk * sizeof(*x->k));
	x->p = xmalloc0(nk * sizeof(*x->p));
	x->nk = nk;
	for (size_t i = 0; i < nk; i++) {
		size_t bs = t.beg[k[i].cb], be = t.end[k[i].ce - 1];

		x->k[i].rule = k[i].rule;
		x->k[i].cb = k[i].cb;
		x->k[i].ce = k[i].ce;
		x->k[i].nf = k[i].nf;
		x->k[i].f = memcpy(xmalloc0(k[i].nf * sizeof(uint32_t)), k[i].f,
		                   k[i].nf * sizeof(uint32_t));
		for (size_t g = 0; g < x->ngold; g++)
			if (x->gold[g].type == SAFETY_PII_NAME &&
			    bs < x->gold[g].end && x->gold[g].start < be)
				x->k[i].y = 1;
	}
	ntexts++;
	arena_reset(a);
}

static void read_set(struct arena *a, const char *path)
{
	FILE *fp = fopen(path, "r");
	static char line[65536];

	if (!fp)
		die("cannot read", path);
	while (fgets(line, sizeof(line), fp)) {
		char *f[3], *p = line;

		line[strcspn(line, "\r\n")] = 0;
		if (line[0] == '#' || line[0] == 0)
			continue;
		for (int i = 0; i < 3; i++) {
			f[i] = p;
			p = i < 2 ? strchr(p, '\t') : NULL;
			if (i < 2) {
				if (!p)
					die("a bad line in", path);
				*p++ = 0;
			}
		}
		add_text(a, f[1], f[2]);
	}
	fclose(fp);
}

/* ---- the model ---- */

struct lr {
	float *w, *g;
	float bias, gb;
};

static uint64_t rng = 88172645463325252ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double lr_z(const struct lr *m, const struct cand *k)
{
	double z = m->bias;

	for (size_t i = 0; i < k->nf; i++)
		z += m->w[k->f[i]];
	return z;
}

/* Train on the texts of no group in skip[] (skip[g] set: left out). */
static void train(struct lr *m, const int *skip)
{
	struct cand **ex;
	size_t n = 0, cap = 0;

	memset(m->w, 0, PN_DIM * sizeof(float));
	memset(m->g, 0, PN_DIM * sizeof(float));
	m->bias = 0;
	m->gb = 0;
	for (size_t t = 0; t < ntexts; t++)
		if (texts[t].group < 0 || !skip[texts[t].group])
			cap += texts[t].nk;
	ex = xmalloc0(cap * sizeof(*ex));
	for (size_t t = 0; t < ntexts; t++)
		if (texts[t].group < 0 || !skip[texts[t].group])
			for (size_t i = 0; i < texts[t].nk; i++)
				ex[n++] = &texts[t].k[i];
	rng = 88172645463325252ull;
	for (int ep = 0; ep < EPOCHS; ep++) {
		for (size_t i = n; i > 1; i--) {
			size_t j = (size_t)(next_rand() % i);
			struct cand *tmp = ex[i - 1];

			ex[i - 1] = ex[j];
			ex[j] = tmp;
		}
		for (size_t i = 0; i < n; i++) {
			const struct cand *k = ex[i];
			double p = 1.0 / (1.0 + exp(-lr_z(m, k)));
			double gr = p - k->y;

			m->gb += (float)(gr * gr);
			m->bias -= (float)(ETA * gr / sqrt(m->gb + 1e-8));
			for (size_t f = 0; f < k->nf; f++) {
				uint32_t q = k->f[f];
				double gq = gr + LAMBDA * m->w[q];

				m->g[q] += (float)(gq * gq);
				m->w[q] -= (float)(ETA * gq /
				                   sqrt(m->g[q] + 1e-8));
			}
		}
	}
	free(ex);
}

static void score_group(const struct lr *m, int g)
{
	for (size_t t = 0; t < ntexts; t++)
		if (texts[t].group == g)
			for (size_t i = 0; i < texts[t].nk; i++)
				texts[t].p[i] =
				        1.0 /
				        (1.0 + exp(-lr_z(m, &texts[t].k[i])));
}

/* ---- scoring ---- */

struct tally {
	int name_want, name_found, name_pred, name_right, pred, right;
};

static void score_text(const struct text *x, int use, double t_keep,
                       double t_add, struct tally *s)
{
	static struct pii_found out[4096];
	static struct pn_cand k[4096];
	static struct pn_rank order[4096];
	static unsigned char busy[65536];
	struct pn_scratch w = {order, busy};
	size_t n;

	if (!use) {
		if (x->nv)
			memcpy(out, x->v, x->nv * sizeof(*out));
		n = x->nv;
	} else {
		if (x->nk > 4096 || x->nv + x->nk > 4096)
			die("too many candidates", NULL);
		for (size_t i = 0; i < x->nk; i++) {
			k[i].cb = x->k[i].cb;
			k[i].ce = x->k[i].ce;
			k[i].rule = x->k[i].rule;
		}
		n = pn_decide(x->v, x->nv, k, x->p, x->nk, t_keep, t_add, &w,
		              out);
	}
	for (size_t g = 0; g < x->ngold; g++) {
		int hit = 0;

		for (size_t i = 0; i < n; i++)
			hit |= out[i].type == x->gold[g].type &&
			       x->beg[out[i].cb] < x->gold[g].end &&
			       x->gold[g].start < x->end[out[i].ce - 1];
		if (x->gold[g].type == SAFETY_PII_NAME) {
			s->name_want++;
			s->name_found += hit;
		}
	}
	for (size_t i = 0; i < n; i++) {
		int ok = 0;

		for (size_t g = 0; g < x->ngold; g++)
			ok |= out[i].type == x->gold[g].type &&
			      x->beg[out[i].cb] < x->gold[g].end &&
			      x->gold[g].start < x->end[out[i].ce - 1];
		s->pred++;
		s->right += ok;
		if (out[i].type == SAFETY_PII_NAME) {
			s->name_pred++;
			s->name_right += ok;
		}
	}
}

/* in[g] set: the groups scored. */
static struct tally tally_groups(const int *in, int use, double t_keep,
                                 double t_add)
{
	struct tally s = {0};

	for (size_t t = 0; t < ntexts; t++)
		if (texts[t].group >= 0 && in[texts[t].group])
			score_text(&texts[t], use, t_keep, t_add, &s);
	return s;
}

static double ratio(int a, int b)
{
	return b ? (double)a / b : 0;
}

static const double keeps[] = {0, 0.02, 0.05, 0.1, 0.2, 0.3};
static const double adds[] = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01};

/* The thresholds with the best gain over the groups in[] (their texts
 * already scored out of fold); 1.01 for t_add adds nothing. */
static void choose(const int *in, double *t_keep, double *t_add)
{
	double best = -1e9;

	*t_keep = 0;
	*t_add = 1.01;
	for (size_t a = 0; a < sizeof(keeps) / sizeof(*keeps); a++)
		for (size_t b = 0; b < sizeof(adds) / sizeof(*adds); b++) {
			struct tally s = tally_groups(in, 1, keeps[a], adds[b]);
			double gain = s.name_found - 1.5 * (s.pred - s.right);

			if (ratio(s.right, s.pred) < MIN_PREC)
				continue;
			if (gain > best + 1e-9) {
				best = gain;
				*t_keep = keeps[a];
				*t_add = adds[b];
			}
		}
}

/* Out-of-fold probabilities for the groups in[] (each scored by a model
 * trained without it and without the groups in out[]), then thresholds. */
static void inner(struct lr *m, const int *in, const int *out, double *t_keep,
                  double *t_add)
{
	int skip[MAXB];

	for (int g = 0; g < ngroups; g++) {
		if (!in[g])
			continue;
		for (int h = 0; h < ngroups; h++)
			skip[h] = out[h] || h == g;
		train(m, skip);
		score_group(m, g);
	}
	choose(in, t_keep, t_add);
}

static float quantize_scale(const float *w, size_t n)
{
	float mx = 0;

	for (size_t i = 0; i < n; i++)
		if (fabsf(w[i]) > mx)
			mx = fabsf(w[i]);
	return mx > 0 ? mx / 32000.0f : 1.0f;
}

static void write_model(const char *out, const struct lr *m, double t_keep,
                        double t_add, int on)
{
	char tmp[4096];
	FILE *fp;
	float ws = quantize_scale(m->w, PN_DIM);

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	fp = fopen(tmp, "w");
	if (!fp)
		die("cannot write", tmp);
	fprintf(fp, "/* Generated by tools/pii_train.c from the labelled "
	            "sets; do not edit. */\n#include \"safety/pii_int.h\"\n");
	fprintf(fp, "static const int16_t w[%u] = {", PN_DIM);
	for (size_t i = 0; i < PN_DIM; i++)
		fprintf(fp, "%s%ld,", i % 16 ? "" : "\n", lrintf(m->w[i] / ws));
	fprintf(fp,
	        "\n};\nconst struct pn_model pn_model = {w, %.9g, %.9g, "
	        "%.9g, %.9g, %d};\n",
	        ws, m->bias, t_keep, t_add, on);
	if (fclose(fp) != 0 || rename(tmp, out) != 0)
		die("cannot write", out);
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void cv(struct lr *m)
{
	double med[6][MAXB];
	int nmed = 0;

	printf("| batch | names | rules: name rec  name prec  all prec | "
	       "rules+model: name rec  name prec  all prec | t_keep t_add "
	       "|\n|---|---|---|---|---|---|---|---|---|\n");
	for (int x = 0; x < ngroups; x++) {
		int in[MAXB] = {0}, out[MAXB] = {0}, skip[MAXB] = {0},
		    only[MAXB] = {0};
		double tk, ta;
		struct tally r, c;

		for (int g = 0; g < ngroups; g++)
			in[g] = g != x;
		out[x] = 1;
		inner(m, in, out, &tk, &ta);
		skip[x] = 1;
		train(m, skip);
		score_group(m, x);
		only[x] = 1;
		r = tally_groups(only, 0, 0, 0);
		c = tally_groups(only, 1, tk, ta);
		printf("| %s | %d | %.3f %.3f %.3f | %.3f %.3f %.3f | %.2f "
		       "%.2f |\n",
		       groups[x], r.name_want, ratio(r.name_found, r.name_want),
		       ratio(r.name_right, r.name_pred), ratio(r.right, r.pred),
		       ratio(c.name_found, c.name_want),
		       ratio(c.name_right, c.name_pred), ratio(c.right, c.pred),
		       tk, ta);
		fflush(stdout);
		if (strcmp(groups[x], "ext-a") != 0) {
			med[0][nmed] = ratio(r.name_found, r.name_want);
			med[1][nmed] = ratio(r.name_right, r.name_pred);
			med[2][nmed] = ratio(r.right, r.pred);
			med[3][nmed] = ratio(c.name_found, c.name_want);
			med[4][nmed] = ratio(c.name_right, c.name_pred);
			med[5][nmed] = ratio(c.right, c.pred);
			nmed++;
		}
	}
	if (nmed) {
		double v[6];

		for (int i = 0; i < 6; i++)
			v[i] = median(med[i], nmed);
		printf("| median of %d (ext-b..) | | %.3f %.3f %.3f | %.3f "
		       "%.3f %.3f | |\n",
		       nmed, v[0], v[1], v[2], v[3], v[4], v[5]);
	}
}

int main(int argc, char **argv)
{
	struct arena *a = arena_new();
	struct lr m;
	int docv = 0, on = 1, i = 1;
	const char *out = NULL;

	if (i < argc && strcmp(argv[i], "--cv") == 0) {
		docv = 1;
		i++;
	} else {
		if (i < argc && strcmp(argv[i], "--off") == 0) {
			on = 0;
			i++;
		}
		if (i < argc)
			out = argv[i++];
	}
	if (i >= argc || (!docv && !out)) {
		fprintf(stderr, "usage: pii_train [--off] OUT.c FILE...\n"
		                "       pii_train --cv FILE...\n");
		return 2;
	}
	for (; i < argc; i++)
		read_set(a, argv[i]);
	arena_free(a);
	m.w = xmalloc0(PN_DIM * sizeof(float));
	m.g = xmalloc0(PN_DIM * sizeof(float));
	if (docv) {
		cv(&m);
	} else {
		int in[MAXB], none[MAXB] = {0};
		double tk, ta;

		for (int g = 0; g < ngroups; g++)
			in[g] = 1;
		inner(&m, in, none, &tk, &ta);
		train(&m, none);
		write_model(out, &m, tk, ta, on);
	}
	return 0;
}
