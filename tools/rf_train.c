/* tools/rf_train.c: trains the statistical emergency layer at build time.
 *
 * usage: rf_train OUT.c FILE...        write the model as C (build/gen/)
 *        rf_train --cv [--lang-batches B,C,..] FILE...
 *                                      leave-one-batch-out figures
 *
 * FILEs are labelled sets in the format of tests/data/safety/redflag.tsv
 * (label, category, language, split, text). Lines whose split starts with
 * "ext-" are outside batches: each split is one batch. Other lines (our
 * own sets) are always trained on and never tested on.
 *
 * The model is an L2-regularised logistic regression over rf_features()
 * (safety/internal.h), fitted by AdaGrad in a fixed order (a seeded
 * shuffle), so the same files give the same bytes. The decision
 * thresholds are chosen on out-of-fold probabilities: each outside batch
 * is scored by a model trained without it, and the pair (t_alone,
 * t_rules) with the best recall and at most MAX_FA false alarms over
 * those batches is kept. A category model (softmax over the same
 * features, trained on the emergencies) names the notice when only the
 * model fires.
 *
 * --cv reports, for each outside batch X, the figures of the rules alone,
 * the model alone and the combination, where everything (weights and
 * thresholds) was chosen without X: the thresholds come from an inner
 * leave-one-batch-out over the other batches. The rows per language
 * pool the batches named by --lang-batches (default: all). With
 * RF_DUMP set in the environment, each test text's probability goes to
 * stderr (batch, language, label, rules fired, probability).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safety/internal.h"
#include "safety/redflag.h"
#include "util/arena.h"

#define EPOCHS 10
#define ETA    0.2
#define LAMBDA 1e-6 /* L2, per update of a feature */
#define MAX_FA 0.05 /* false alarms allowed per batch (thresholds) */
#define MAXB   32   /* outside batches */
#define MAXL   8    /* languages */

struct ex {
	int y, cat, rules, stand, group, lang;
	struct rf_feat *f;
	size_t nf;
};

static struct ex *exs;
static size_t nex, cap_ex;
static char *groups[MAXB], *langs[MAXL];
static int ngroups, nlangs;

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "rf_train: %s%s%s\n", msg, arg ? ": " : "",
	        arg ? arg : "");
	exit(1);
}

static int intern(char **v, int *n, int max, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	if (*n == max)
		die("too many batches or languages", s);
	v[*n] = strdup(s);
	return (*n)++;
}

static int category_by_key(const char *k)
{
	for (int c = 1; c < SAFETY_NCATEGORIES; c++)
		if (strcmp(safety_category_key((enum safety_category)c), k) ==
		    0)
			return c;
	return 0;
}

/* Texts already loaded (64-bit hashes, open addressing): a line that
 * occurs in two files (an outside batch folded into our set keeps its
 * split name) is one example. */
static uint64_t *seen;
static size_t seen_cap, seen_n;

static int seen_before(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	h |= 1;
	if (2 * (seen_n + 1) > seen_cap) {
		uint64_t *old = seen;
		size_t oc = seen_cap;

		seen_cap = seen_cap ? seen_cap * 2 : 16384;
		seen = calloc(seen_cap, sizeof(*seen));
		if (!seen)
			die("out of memory", NULL);
		for (size_t k = 0; k < oc; k++)
			if (old[k]) {
				for (i = old[k] % seen_cap; seen[i];
				     i = (i + 1) % seen_cap)
					;
				seen[i] = old[k];
			}
		free(old);
	}
	for (i = h % seen_cap; seen[i]; i = (i + 1) % seen_cap)
		if (seen[i] == h)
			return 1;
	seen[i] = h;
	seen_n++;
	return 0;
}

static void load(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct arena *a = arena_new();
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;

	if (!fp)
		die("cannot read", path);
	while ((len = getline(&line, &lcap, fp)) >= 0) {
		char *f[5], *p = line;
		struct safety_flag *fl;
		struct rf_feats fx;
		size_t nfl;
		struct ex *e;
		int k;

		while (len > 0 &&
		       (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (line[0] == '#' || line[0] == 0)
			continue;
		for (k = 0; k < 5; k++) {
			char *t = k < 4 ? strchr(p, '\t') : NULL;

			f[k] = p;
			if (k < 4) {
				if (!t)
					die("a line without five fields", path);
				*t = 0;
				p = t + 1;
			}
		}
		if (seen_before(f[4]))
			continue;
		if (rf_features(a, f[4], &fl, &nfl, &fx) != 0)
			die("a text the rules refuse", path);
		if (nex == cap_ex) {
			cap_ex = cap_ex * 2 + 1024;
			exs = realloc(exs, cap_ex * sizeof(*exs));
			if (!exs)
				die("out of memory", NULL);
		}
		e = &exs[nex++];
		e->y = f[0][0] == '1';
		e->cat = e->y ? category_by_key(f[1]) : 0;
		e->rules = nfl > 0;
		e->stand = rf_rules_stand(fl, nfl, strlen(f[4]));
		e->lang = intern(langs, &nlangs, MAXL, f[2]);
		e->group = strncmp(f[3], "ext-", 4) == 0
		                   ? intern(groups, &ngroups, MAXB, f[3])
		                   : -1;
		e->nf = fx.n;
		e->f = malloc((fx.n ? fx.n : 1) * sizeof(*e->f));
		if (!e->f)
			die("out of memory", NULL);
		memcpy(e->f, fx.v, fx.n * sizeof(*e->f));
		arena_reset(a);
	}
	free(line);
	fclose(fp);
	arena_free(a);
}

/* ---- training ---- */

struct lr {
	float *w, *g2;
	double bias, gb;
};

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

/* The examples to train on: group not in the excluded set. */
static size_t pick(uint32_t exclude, size_t *order)
{
	size_t n = 0;

	for (size_t i = 0; i < nex; i++)
		if (exs[i].group < 0 || !(exclude >> exs[i].group & 1u))
			order[n++] = i;
	return n;
}

static void shuffle(size_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(rng() % i), t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}

static double sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

static double lr_score(const struct lr *m, const struct ex *e)
{
	double z = m->bias;

	for (size_t k = 0; k < e->nf; k++)
		z += m->w[e->f[k].idx] * e->f[k].val;
	return sigmoid(z);
}

static void lr_train(struct lr *m, uint32_t exclude, size_t *order)
{
	size_t n = pick(exclude, order);

	memset(m->w, 0, RF_DIM * sizeof(float));
	memset(m->g2, 0, RF_DIM * sizeof(float));
	m->bias = 0;
	m->gb = 0;
	rng_state = 0x9E3779B97F4A7C15ull;
	for (int ep = 0; ep < EPOCHS; ep++) {
		shuffle(order, n);
		for (size_t i = 0; i < n; i++) {
			const struct ex *e = &exs[order[i]];
			double g = lr_score(m, e) - e->y;

			for (size_t k = 0; k < e->nf; k++) {
				uint32_t j = e->f[k].idx;
				double gj = g * e->f[k].val + LAMBDA * m->w[j];

				m->g2[j] += (float)(gj * gj);
				m->w[j] -= (float)(ETA * gj /
				                   sqrt(m->g2[j] + 1e-8));
			}
			m->gb += g * g;
			m->bias -= ETA * g / sqrt(m->gb + 1e-8);
		}
	}
}

/* The category model: softmax over the categories, on the emergencies. */
static void cat_train(float *cw, float *cg, float *cb, size_t *order)
{
	size_t n = 0;
	double gbias[SAFETY_NCATEGORIES] = {0};

	for (size_t i = 0; i < nex; i++)
		if (exs[i].y && exs[i].cat)
			order[n++] = i;
	memset(cw, 0, (size_t)RF_CAT_DIM * SAFETY_NCATEGORIES * sizeof(float));
	memset(cg, 0, (size_t)RF_CAT_DIM * SAFETY_NCATEGORIES * sizeof(float));
	memset(cb, 0, SAFETY_NCATEGORIES * sizeof(float));
	rng_state = 0xD1B54A32D192ED03ull;
	for (int ep = 0; ep < EPOCHS; ep++) {
		shuffle(order, n);
		for (size_t i = 0; i < n; i++) {
			const struct ex *e = &exs[order[i]];
			double z[SAFETY_NCATEGORIES], mx = -1e300, sum = 0;

			for (int c = 1; c < SAFETY_NCATEGORIES; c++)
				z[c] = cb[c];
			for (size_t k = 0; k < e->nf; k++) {
				const float *row =
				        cw + (size_t)rf_cat_index(e->f[k].idx) *
				                     SAFETY_NCATEGORIES;

				for (int c = 1; c < SAFETY_NCATEGORIES; c++)
					z[c] += row[c] * e->f[k].val;
			}
			for (int c = 1; c < SAFETY_NCATEGORIES; c++)
				if (z[c] > mx)
					mx = z[c];
			for (int c = 1; c < SAFETY_NCATEGORIES; c++)
				sum += z[c] = exp(z[c] - mx);
			for (int c = 1; c < SAFETY_NCATEGORIES; c++) {
				double g = z[c] / sum - (c == e->cat);

				for (size_t k = 0; k < e->nf; k++) {
					size_t j = (size_t)rf_cat_index(
					                   e->f[k].idx) *
					                   SAFETY_NCATEGORIES +
					           (size_t)c;
					double gj = g * e->f[k].val +
					            LAMBDA * cw[j];

					cg[j] += (float)(gj * gj);
					cw[j] -= (float)(ETA * gj /
					                 sqrt(cg[j] + 1e-8));
				}
				gbias[c] += g * g;
				cb[c] -= (float)(ETA * g /
				                 sqrt(gbias[c] + 1e-8));
			}
		}
	}
}

/* ---- thresholds ---- */

struct tally {
	int pos, tp, neg, fp;
};

static void tally_add(struct tally *t, int y, int fired)
{
	if (y) {
		t->pos++;
		t->tp += fired;
	} else {
		t->neg++;
		t->fp += fired;
	}
}

static double recall(const struct tally *t)
{
	return t->pos ? (double)t->tp / t->pos : 0;
}

static double fa(const struct tally *t)
{
	return t->neg ? (double)t->fp / t->neg : 0;
}

/* What safety_redflags() decides (redflag_model.c). */
static int decide(const struct ex *e, double p, double t_alone, double t_rules)
{
	return p >= t_alone || (e->rules && (p >= t_rules || e->stand));
}

static const double t_rules_grid[] = {0,   0.02, 0.05, 0.1, 0.15,
                                      0.2, 0.3,  0.4,  0.5, 2};

/* The thresholds with the best recall over the examples in mask, with
 * out-of-fold probabilities p, among those whose false alarms stay at
 * most MAX_FA on every batch (when none does: the lowest worst batch;
 * ties: fewer false alarms). A bound per batch rather than over them
 * all, because the batches the rules were fitted on have almost no false
 * alarms and would hide the others. rules_too: the combination; else the
 * model alone (t_rules 2: never). */
static void choose(const double *p, const uint8_t *mask, int rules_too,
                   double *t_alone, double *t_rules)
{
	double best_r = -1, best_worst = 2, best_fa = 2;
	size_t nr = rules_too ? sizeof(t_rules_grid) / sizeof(double) : 1;

	*t_alone = 1.01;
	*t_rules = 2;
	for (size_t r = 0; r < nr; r++)
		for (int k = 99; k >= 5; k--) {
			double ta = k / 100.0,
			       tr = rules_too ? t_rules_grid[r] : 2, worst = 0,
			       rc;
			struct tally t = {0, 0, 0, 0}, tg[MAXB] = {{0}};
			int better;

			for (size_t i = 0; i < nex; i++)
				if (mask[i]) {
					int d = decide(&exs[i], p[i], ta, tr);

					tally_add(&t, exs[i].y, d);
					tally_add(&tg[exs[i].group], exs[i].y,
					          d);
				}
			for (int g = 0; g < ngroups; g++)
				if (fa(&tg[g]) > worst)
					worst = fa(&tg[g]);
			rc = recall(&t);
			if (worst <= MAX_FA)
				better = best_worst > MAX_FA ||
				         rc > best_r + 1e-12 ||
				         (rc > best_r - 1e-12 &&
				          fa(&t) < best_fa - 1e-12);
			else
				better = best_worst > MAX_FA &&
				         worst < best_worst - 1e-12;
			if (better) {
				best_r = rc;
				best_worst = worst;
				best_fa = fa(&t);
				*t_alone = ta;
				*t_rules = tr;
			}
		}
}

/* Out-of-fold probabilities of every outside batch not in exclude, each
 * from a model trained without it (and without exclude). */
static void out_of_fold(struct lr *m, uint32_t exclude, size_t *order,
                        double *p, uint8_t *mask)
{
	memset(mask, 0, nex);
	for (int g = 0; g < ngroups; g++) {
		if (exclude >> g & 1u)
			continue;
		lr_train(m, exclude | 1u << g, order);
		for (size_t i = 0; i < nex; i++)
			if (exs[i].group == g) {
				p[i] = lr_score(m, &exs[i]);
				mask[i] = 1;
			}
	}
}

/* ---- output ---- */

static float quantize_scale(const float *w, size_t n)
{
	float mx = 0;

	for (size_t i = 0; i < n; i++)
		if (fabsf(w[i]) > mx)
			mx = fabsf(w[i]);
	return mx > 0 ? mx / 32000.0f : 1.0f;
}

static void write_q(FILE *fp, const char *name, const float *w, size_t n,
                    float scale)
{
	fprintf(fp, "static const int16_t %s[%zu] = {", name, n);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s%ld,", i % 16 ? "" : "\n", lrintf(w[i] / scale));
	fprintf(fp, "\n};\n");
}

static int write_model(const char *out, const struct lr *m, const float *cw,
                       const float *cb, double t_alone, double t_rules)
{
	char tmp[4096];
	FILE *fp;
	float ws = 1, cs = 1;

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	fp = fopen(tmp, "w");
	if (!fp)
		die("cannot write", tmp);
	fprintf(fp, "/* Generated by tools/rf_train.c from the labelled "
	            "sets; do not edit. */\n#include \"safety/internal.h\"\n"
	            "#include \"safety/redflag.h\"\n");
	if (!m) {
		fprintf(fp, "const struct rf_model rf_model = {0};\n");
	} else {
		ws = quantize_scale(m->w, RF_DIM);
		cs = quantize_scale(cw,
		                    (size_t)RF_CAT_DIM * SAFETY_NCATEGORIES);
		write_q(fp, "w", m->w, RF_DIM, ws);
		write_q(fp, "cw", cw, (size_t)RF_CAT_DIM * SAFETY_NCATEGORIES,
		        cs);
		fprintf(fp, "static const float cb[%d] = {",
		        SAFETY_NCATEGORIES);
		for (int c = 0; c < SAFETY_NCATEGORIES; c++)
			fprintf(fp, "%.9g,", cb[c]);
		fprintf(fp,
		        "};\nconst struct rf_model rf_model = {w, %.9g, "
		        "%.9g, cw, %.9g, cb, %.9g, %.9g, 1};\n",
		        ws, m->bias, cs, t_alone, t_rules);
	}
	if (fclose(fp) != 0 || rename(tmp, out) != 0)
		die("cannot write", out);
	return 0;
}

/* ---- leave one batch out ---- */

/* Is name an item of the comma-separated list? */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);

		if (k == n && memcmp(p, name, n) == 0)
			return 1;
		p = c ? c + 1 : NULL;
	}
	return 0;
}

static void print_row(const char *name, const struct tally *r,
                      const struct tally *m, const struct tally *c)
{
	printf("| %-8s | %3d/%3d | %.3f %.3f | %.3f %.3f | %.3f %.3f |\n", name,
	       r->pos, r->neg, recall(r), fa(r), recall(m), fa(m), recall(c),
	       fa(c));
}

static void cv(struct lr *m, size_t *order, const char *lang_batches)
{
	double *p = malloc(nex * sizeof(double)),
	       *q = malloc(nex * sizeof(double));
	uint8_t *mask = malloc(nex);
	struct tally tr[MAXB] = {{0}}, tm[MAXB] = {{0}}, tc[MAXB] = {{0}},
	             lr_[MAXL] = {{0}}, lm[MAXL] = {{0}}, lc[MAXL] = {{0}},
	             ar = {0}, am = {0}, ac = {0};

	if (!p || !q || !mask)
		die("out of memory", NULL);
	printf("| batch | emergencies/others | rules: recall, false alarms | "
	       "model alone | rules + model |\n|---|---|---|---|---|\n");
	for (int x = 0; x < ngroups; x++) {
		double ta, trl, tm_a, tm_r;

		/* Thresholds from the other batches only. */
		out_of_fold(m, 1u << x, order, q, mask);
		choose(q, mask, 1, &ta, &trl);
		choose(q, mask, 0, &tm_a, &tm_r);
		lr_train(m, 1u << x, order);
		for (size_t i = 0; i < nex; i++) {
			const struct ex *e = &exs[i];
			double pi;

			if (e->group != x)
				continue;
			pi = lr_score(m, e);
			if (getenv("RF_DUMP"))
				fprintf(stderr, "dump\t%s\t%s\t%d\t%d\t%.6f\n",
				        groups[x], langs[e->lang], e->y,
				        e->rules, pi);
			tally_add(&tr[x], e->y, e->rules);
			tally_add(&tm[x], e->y, pi >= tm_a);
			tally_add(&tc[x], e->y, decide(e, pi, ta, trl));
			if (lang_batches && !listed(lang_batches, groups[x]))
				continue;
			tally_add(&lr_[e->lang], e->y, e->rules);
			tally_add(&lm[e->lang], e->y, pi >= tm_a);
			tally_add(&lc[e->lang], e->y, decide(e, pi, ta, trl));
			tally_add(&ar, e->y, e->rules);
			tally_add(&am, e->y, pi >= tm_a);
			tally_add(&ac, e->y, decide(e, pi, ta, trl));
		}
		print_row(groups[x], &tr[x], &tm[x], &tc[x]);
		fprintf(stderr,
		        "%s: thresholds model alone %.2f; combination "
		        "alone %.2f, with rules %.3f\n",
		        groups[x], tm_a, ta, trl);
		fflush(stdout);
	}
	print_row("all", &ar, &am, &ac);
	for (int l = 0; l < nlangs; l++)
		if (lr_[l].pos + lr_[l].neg)
			print_row(langs[l], &lr_[l], &lm[l], &lc[l]);
	free(p);
	free(q);
	free(mask);
}

int main(int argc, char **argv)
{
	int cv_mode = argc > 1 && strcmp(argv[1], "--cv") == 0, first = 2;
	const char *out = cv_mode ? NULL : argv[1], *lang_batches = NULL;
	struct lr m;
	size_t *order;

	if (argc < 2)
		die("usage: rf_train OUT.c FILE... | rf_train --cv "
		    "[--lang-batches B,C,..] FILE...",
		    NULL);
	if (cv_mode && argc > 3 && strcmp(argv[2], "--lang-batches") == 0) {
		lang_batches = argv[3];
		first = 4;
	}
	safety_redflag_init();
	for (int i = first; i < argc; i++)
		load(argv[i]);
	if (nex == 0) {
		if (cv_mode)
			die("no labelled lines", NULL);
		return write_model(out, NULL, NULL, NULL, 0, 0);
	}
	m.w = calloc(RF_DIM, sizeof(float));
	m.g2 = calloc(RF_DIM, sizeof(float));
	order = malloc(nex * sizeof(*order));
	if (!m.w || !m.g2 || !order)
		die("out of memory", NULL);
	if (cv_mode) {
		cv(&m, order, lang_batches);
	} else {
		double *p = malloc(nex * sizeof(double)), ta = 0.5, trl = 0;
		uint8_t *mask = malloc(nex);
		size_t ncw = (size_t)RF_CAT_DIM * SAFETY_NCATEGORIES;
		float *cw = malloc(ncw * sizeof(float)),
		      *cg = malloc(ncw * sizeof(float)), cb[SAFETY_NCATEGORIES];

		if (!p || !mask || !cw || !cg)
			die("out of memory", NULL);
		if (ngroups > 1) {
			out_of_fold(&m, 0, order, p, mask);
			choose(p, mask, 1, &ta, &trl);
		}
		lr_train(&m, 0, order);
		cat_train(cw, cg, cb, order);
		write_model(out, &m, cw, cb, ta, trl);
		fprintf(stderr,
		        "rf_train: %zu texts, thresholds %.2f alone, %.3f "
		        "with the rules\n",
		        nex, ta, trl);
		free(p);
		free(mask);
		free(cw);
		free(cg);
	}
	for (size_t i = 0; i < nex; i++)
		free(exs[i].f);
	free(exs);
	free(seen);
	free(order);
	free(m.w);
	free(m.g2);
	for (int i = 0; i < ngroups; i++)
		free(groups[i]);
	for (int i = 0; i < nlangs; i++)
		free(langs[i]);
	return 0;
}
