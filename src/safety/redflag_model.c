/* safety/redflag_model.c: safety_redflags(), the rules and the
 * statistical layer together.
 *
 * The rules (redflag.c) say which emergency categories a text describes.
 * The model (internal.h; weights trained at build time by tools/rf_train.c
 * into build/gen/redflag_model.c) gives a probability from the rules'
 * view of the text and its character grams. A text is an emergency when
 * the probability reaches rf_model.t_alone, or when the rules fired and
 * it reaches rf_model.t_rules (both thresholds chosen by the trainer on
 * batches left out of training), or when the rules fired on what they
 * alone decide (rf_rules_stand: thoughts of suicide, a text longer than
 * the model reads). When only the model fires, the
 * category model names the notice to show, and the flag covers the
 * whole text (rule "model").
 */
#include "safety/redflag.h"

#include <math.h>
#include <string.h>

#include "safety/internal.h"
#include "util/arena.h"

static double sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

static double score(const struct rf_model *m, const struct rf_feats *fx)
{
	double z = m->bias;

	for (size_t i = 0; i < fx->n; i++)
		z += (double)m->w[fx->v[i].idx] * m->w_scale * fx->v[i].val;
	return sigmoid(z);
}

static enum safety_category category(const struct rf_model *m,
                                     const struct rf_feats *fx)
{
	double z[SAFETY_NCATEGORIES];
	int best = 1;

	for (int c = 1; c < SAFETY_NCATEGORIES; c++)
		z[c] = m->cbias[c];
	for (size_t i = 0; i < fx->n; i++) {
		const int16_t *row =
		        m->cw +
		        (size_t)rf_cat_index(fx->v[i].idx) * SAFETY_NCATEGORIES;

		for (int c = 1; c < SAFETY_NCATEGORIES; c++)
			z[c] += (double)row[c] * m->cw_scale * fx->v[i].val;
	}
	for (int c = 2; c < SAFETY_NCATEGORIES; c++)
		if (z[c] > z[best])
			best = c;
	return (enum safety_category)best;
}

int safety_redflags(struct arena *a, const char *text, struct safety_flag **out,
                    size_t *n)
{
	const struct rf_model *m = &rf_model;
	struct rf_feats fx;
	struct safety_flag *f;
	double p;
	int rc;

	if (!m->trained)
		return rf_detect(a, text, out, n, NULL);
	rc = rf_features(a, text, out, n, &fx);
	if (rc)
		return rc;
	p = score(m, &fx);
	if (*n) {
		if (p < m->t_rules && !rf_rules_stand(*out, *n, strlen(text))) {
			/* The model overrules the rules. */
			*out = NULL;
			*n = 0;
		}
		return 0;
	}
	if (p < m->t_alone)
		return 0;
	f = ARENA_ARRAY(a, struct safety_flag, 1);
	f->category = category(m, &fx);
	f->start = 0;
	f->end = strlen(text);
	f->rule = "model";
	*out = f;
	*n = 1;
	return 0;
}
