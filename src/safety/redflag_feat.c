/* safety/redflag_feat.c: the features of the statistical emergency layer.
 *
 * rf_features() runs the rules (rf_detect) and turns what they saw and
 * the text itself into sparse features (internal.h describes them). It
 * is shared by the detector (redflag_model.c) and by the trainer that
 * makes the model at build time (tools/rf_train.c), so both see exactly
 * the same features. The cost is linear in the text: at most
 * RF_GRAM_BYTES bytes are read for grams.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>

#include "safety/internal.h"
#include "safety/redflag.h"
#include "util/arena.h"

/* Structured feature indices (below RF_STRUCT). */
enum {
	FS_CONCEPT = 0,     /* + concept * 16 + slot: 0 counted, 1 matched
	                       but not counted, 2.. its reasons */
	FS_REASON = 3000,   /* + reason: some concept not counted for it */
	FS_CATEGORY = 3100, /* + category: the rules fired it */
	FS_RULES_ANY = 3120,
	FS_RULES_NONE = 3121,
	FS_GENERAL = 3122,
	FS_PRESENT = 3123,
	FS_LENGTH = 3130,  /* + log2 of the length in bytes (to 15) */
	FS_NCOUNTED = 3150 /* + distinct concepts counted (to 8) */
};

_Static_assert(C_NCONCEPTS * 16 <= FS_REASON, "concept features overlap");

static void push(struct rf_feat *v, size_t *n, uint32_t idx, float val)
{
	v[*n].idx = idx;
	v[*n].val = val;
	(*n)++;
}

/* FNV-1a over a namespace and code points, into the gram range. */
static uint32_t gram_index(uint32_t ns, const uint32_t *cp, size_t len)
{
	uint32_t h = safety_fnv_cp((2166136261u ^ ns) * 16777619u, cp, len);

	return RF_STRUCT + safety_hash_mix(h) % (RF_DIM - RF_STRUCT);
}

static int gram_char(uint32_t c)
{
	return u_isalpha((UChar32)c) || safety_is_cjk(c);
}

int rf_rules_stand(const struct safety_flag *f, size_t n, size_t len)
{
	if (len > RF_GRAM_BYTES)
		return n > 0;
	for (size_t i = 0; i < n; i++)
		if (f[i].category == SAFETY_SUICIDE)
			return 1;
	return 0;
}

int rf_features(struct arena *a, const char *text, struct safety_flag **out,
                size_t *n, struct rf_feats *fx)
{
	struct rf_info info;
	struct safety_text x;
	uint32_t *s, *f;
	size_t len, m = 0, nfeat = 0, ng = 0, gram0, cap, ncounted = 0;
	unsigned lb = 0;
	int rc;

	fx->v = NULL;
	fx->n = 0;
	rc = rf_detect(a, text, out, n, &info);
	if (rc)
		return rc;
	/* The rules' normalised text, up to RF_GRAM_BYTES of input. */
	x = info.text;
	while (x.n > 0 && x.end[x.n - 1] > RF_GRAM_BYTES)
		x.n--;
	len = strlen(text);
	/* The text as letters and spaces (digits as 0), accented (s) and
	 * not (f), with a space at both ends. */
	s = ARENA_ARRAY(a, uint32_t, x.n + 2);
	f = ARENA_ARRAY(a, uint32_t, x.n + 2);
	s[m] = f[m] = ' ';
	m++;
	for (size_t i = 0; i < x.n; i++) {
		uint32_t c = x.cp[i], d;

		if (c >= '0' && c <= '9')
			c = '0';
		else if (!gram_char(c))
			c = ' ';
		if (c == ' ' && s[m - 1] == ' ')
			continue;
		d = safety_fold_latin(c);
		if (d == 0) /* a lone combining mark */
			continue;
		s[m] = c;
		f[m] = d;
		m++;
	}
	if (s[m - 1] != ' ') {
		s[m] = f[m] = ' ';
		m++;
	}
	/* At most 4 accentless and 4 accented grams per position, two word
	 * grams, and the structured features. */
	cap = m * 10 + C_NCONCEPTS * 32 + 64;
	fx->v = ARENA_ARRAY(a, struct rf_feat, cap);

	for (unsigned c = 1; c < C_NCONCEPTS; c++) {
		if (info.counted[c]) {
			push(fx->v, &nfeat, FS_CONCEPT + c * 16, 1);
			ncounted++;
		}
		if (info.missed[c])
			push(fx->v, &nfeat, FS_CONCEPT + c * 16 + 1, 1);
		for (unsigned r = 0; r < 14; r++)
			if (info.why[c] & (1u << r)) {
				push(fx->v, &nfeat, FS_CONCEPT + c * 16 + 2 + r,
				     1);
				push(fx->v, &nfeat, FS_REASON + r, 1);
			}
	}
	for (size_t i = 0; i < *n; i++)
		push(fx->v, &nfeat, FS_CATEGORY + (*out)[i].category, 1);
	push(fx->v, &nfeat, *n ? FS_RULES_ANY : FS_RULES_NONE, 1);
	if (info.general)
		push(fx->v, &nfeat, FS_GENERAL, 1);
	if (info.present)
		push(fx->v, &nfeat, FS_PRESENT, 1);
	while (lb < 15 && (1ul << (lb + 1)) <= len)
		lb++;
	push(fx->v, &nfeat, FS_LENGTH + lb, 1);
	push(fx->v, &nfeat, FS_NCOUNTED + (ncounted < 8 ? ncounted : 8), 1);

	/* Character grams: 1-4 code points that are not all spaces. */
	gram0 = nfeat;
	for (size_t i = 0; i < m; i++)
		for (size_t k = 1; k <= 4 && i + k <= m; k++) {
			int accented = 0;

			if (k == 1 && f[i] == ' ')
				continue;
			push(fx->v, &nfeat, gram_index((uint32_t)k, f + i, k),
			     1);
			for (size_t j = i; j < i + k; j++)
				accented |= s[j] != f[j];
			if (accented)
				push(fx->v, &nfeat,
				     gram_index(16 + (uint32_t)k, s + i, k), 1);
		}
	/* Latin words (accentless) and word pairs. */
	for (size_t i = 1, prev = 0, plen = 0; i < m;) {
		size_t j = i;
		int latin = 1;

		while (j < m && f[j] != ' ') {
			latin &= !safety_is_cjk(f[j]);
			j++;
		}
		if (j > i && latin) {
			push(fx->v, &nfeat, gram_index(32, f + i, j - i), 1);
			if (plen) {
				/* The pair: the previous word, its space and
				 * this word are contiguous in f. */
				push(fx->v, &nfeat,
				     gram_index(33, f + prev, j - prev), 1);
			}
			prev = i;
			plen = j - i;
		} else {
			plen = 0;
		}
		i = j + 1;
	}
	ng = nfeat - gram0;
	if (ng) {
		float v = (float)(1.0 / sqrt((double)ng));

		for (size_t i = gram0; i < nfeat; i++)
			fx->v[i].val = v;
	}
	fx->n = nfeat;
	return 0;
}
