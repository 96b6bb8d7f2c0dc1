/* tests/unit/test_safety.c: the emergency detector and the personal-data
 * redactor: labelled sets, targets, and the cases that must never move.
 *
 * Run from the repository root. With no argument it runs the unit tests
 * and asserts the targets on tests/data/safety/{redflag,pii}.tsv (emergency
 * recall >= 0.95 and false alarms <= 5%; personal data recall >= 0.98 and
 * precision >= 0.95). With --eval it prints the figures per split and
 * language instead (bench/safety_eval.sh uses it); --eval --misses also
 * lists the errors of the dev split (--split NAME: of that split instead),
 * --all-misses those of every split (which spends the held-out splits:
 * say so when reporting figures); --type KEY (name, phone, ...) lists only
 * the lines with a missed or a false finding of that type. --redflag FILE and
 * --pii FILE score outside sets of the same formats instead: splits and
 * languages are read from the file, the figures are printed and no target is
 * asserted.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limits.h"
#include "safety/internal.h"
#include "safety/pii.h"
#include "safety/pii_int.h"
#include "safety/redflag.h"
#include "safety/report.h"
#include "util/buf.h"
#include "test.h"
#include "util/arena.h"
#include "util/util.h"

#define REDFLAG_TSV "tests/data/safety/redflag.tsv"
#define PII_TSV     "tests/data/safety/pii.tsv"

static int eval_mode, show_misses, all_misses;
static const char *miss_split = "dev";
static int miss_type = -1; /* --type KEY: list only the misses of KEY */

/* ---- helpers ---- */

/* Whether --misses lists the errors of a line of split `split`. */
static int miss_shown(const char *split)
{
	return all_misses || strcmp(split, miss_split) == 0;
}

/* Categories found in text, as a bit set (1 << category). */
static unsigned flags_of(const char *text)
{
	struct arena *a = arena_new();
	struct safety_flag *f;
	size_t n;
	unsigned bits = 0;

	if (safety_redflags(a, text, &f, &n) == 0)
		for (size_t i = 0; i < n; i++)
			bits |= 1u << f[i].category;
	arena_free(a);
	return bits;
}

static int fires(const char *text)
{
	return flags_of(text) != 0;
}

static int fires_cat(const char *text, enum safety_category c)
{
	return (flags_of(text) >> c) & 1u;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = xmalloc((size_t)n + 1);
	if (fread(p, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	p[n] = 0;
	fclose(f);
	return p;
}

/* Split line into at most max tab-separated fields (in place). */
static size_t fields(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		char *t = strchr(line, '\t');

		f[n++] = line;
		if (!t)
			break;
		*t = 0;
		line = t + 1;
	}
	return n;
}

static enum safety_category category_by_key(const char *key)
{
	for (int c = 1; c < SAFETY_NCATEGORIES; c++)
		if (strcmp(safety_category_key((enum safety_category)c), key) ==
		    0)
			return (enum safety_category)c;
	return 0;
}

/* ---- the emergency set ---- */

struct rf_score {
	int pos, tp, neg, fp, catok;
};

static void rf_add(struct rf_score *s, int label, unsigned bits,
                   enum safety_category want)
{
	if (label) {
		s->pos++;
		s->tp += bits != 0;
		s->catok += (bits >> want) & 1u;
	} else {
		s->neg++;
		s->fp += bits != 0;
	}
}

static void rf_print(const char *name, const struct rf_score *s)
{
	printf("  %-12s emergencies %3d  recall %.3f  category %.3f | "
	       "others %3d  false alarms %.3f\n",
	       name, s->pos, s->pos ? (double)s->tp / s->pos : 0,
	       s->pos ? (double)s->catok / s->pos : 0, s->neg,
	       s->neg ? (double)s->fp / s->neg : 0);
}

/* Scores by a name read from the file (a split, a language), in the order
 * first seen. */
#define MAX_GROUPS 64
struct groups {
	const char *name[MAX_GROUPS];
	size_t n;
};

/* The index of name in g, added if new (the last slot takes the rest). */
static size_t group_of(struct groups *g, const char *name)
{
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->name[i], name) == 0)
			return i;
	if (g->n == MAX_GROUPS)
		return MAX_GROUPS - 1;
	g->name[g->n] = name;
	return g->n++;
}

static const char *redflag_tsv = REDFLAG_TSV, *pii_tsv = PII_TSV;
static int outside; /* --redflag or --pii given: score those files only */

static void test_redflag_set(void)
{
	char *data = read_file(redflag_tsv), *line, *save = NULL;
	struct rf_score all = {0}, split[MAX_GROUPS] = {{0}},
	                lang[MAX_GROUPS] = {{0}};
	struct groups splits = {{0}, 0}, langs = {{0}, 0};

	if (!data)
		fprintf(stderr, "test_safety: cannot read %s\n", redflag_tsv);
	CHECK(data != NULL);
	if (!data)
		return;
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[5];
		enum safety_category want;
		unsigned bits;
		int label;

		if (line[0] == '#' || line[0] == 0 || line[0] == '\r')
			continue;
		if (fields(line, f, 5) != 5) {
			CHECK(!"redflag set: a line without five fields");
			continue;
		}
		f[4][strcspn(f[4], "\r")] = 0;
		label = f[0][0] == '1';
		want = label ? category_by_key(f[1]) : 0;
		CHECK(outside || !label || want != 0);
		bits = flags_of(f[4]);
		rf_add(&all, label, bits, want);
		rf_add(&split[group_of(&splits, f[3])], label, bits, want);
		rf_add(&lang[group_of(&langs, f[2])], label, bits, want);
		if (show_misses && miss_shown(f[3]) && (label != (bits != 0)))
			printf("    %s %s\t%s\n", label ? "MISS " : "FALSE",
			       f[2], f[4]);
	}
	if (eval_mode) {
		printf("emergency notices (%s)\n", redflag_tsv);
		rf_print("all", &all);
		for (size_t k = 0; k < splits.n; k++)
			rf_print(splits.name[k], &split[k]);
		for (size_t k = 0; k < langs.n; k++)
			rf_print(langs.name[k], &lang[k]);
	}
	if (!outside) {
		CHECK(all.pos + all.neg >= 300);
		CHECK(all.pos && (double)all.tp / all.pos >= 0.95);
		CHECK(all.neg && (double)all.fp / all.neg <= 0.05);
	}
	free(data);
}

/* ---- the personal-data set ---- */

struct pii_score {
	int want, found, pred, right, exact;
	int want_t[SAFETY_PII_NTYPES], found_t[SAFETY_PII_NTYPES];
	int pred_t[SAFETY_PII_NTYPES], right_t[SAFETY_PII_NTYPES];
};

static void pii_add(struct pii_score *s, const struct pii_score *one)
{
	s->want += one->want;
	s->found += one->found;
	s->pred += one->pred;
	s->right += one->right;
	s->exact += one->exact;
	for (int t = 0; t < SAFETY_PII_NTYPES; t++) {
		s->want_t[t] += one->want_t[t];
		s->found_t[t] += one->found_t[t];
		s->pred_t[t] += one->pred_t[t];
		s->right_t[t] += one->right_t[t];
	}
}

static void pii_print(const char *name, const struct pii_score *s)
{
	printf("  %-12s expected %3d  recall %.3f | found %3d  precision %.3f "
	       "| exact spans %.3f\n",
	       name, s->want, s->want ? (double)s->found / s->want : 0, s->pred,
	       s->pred ? (double)s->right / s->pred : 0,
	       s->want ? (double)s->exact / s->want : 0);
}

static void test_pii_set(void)
{
	char *data = read_file(pii_tsv), *line, *save = NULL;
	static struct pii_score split[MAX_GROUPS], lang[MAX_GROUPS];
	struct pii_score all = {0};
	struct groups splits = {{0}, 0}, langs = {{0}, 0};
	struct arena *a = arena_new();
	int cases = 0;

	memset(split, 0, sizeof(split));
	memset(lang, 0, sizeof(lang));
	if (!data)
		fprintf(stderr, "test_safety: cannot read %s\n", pii_tsv);
	CHECK(data != NULL);
	if (!data) {
		arena_free(a);
		return;
	}
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[3], text[16384];
		struct safety_pii want[64];
		struct safety_pii *got;
		size_t nw, ng;
		struct pii_score one = {0};
		int miss = 0;

		if (line[0] == '#' || line[0] == 0 || line[0] == '\r')
			continue;
		if (fields(line, f, 3) != 3 || strlen(f[2]) >= sizeof(text)) {
			CHECK(!"pii set: a bad line");
			continue;
		}
		f[2][strcspn(f[2], "\r")] = 0;
		cases++;
		nw = safety_pii_unmark(f[2], text, want, ARRAY_SIZE(want));
		if (safety_pii_find(a, text, &got, &ng) != 0) {
			CHECK(!"safety_pii_find failed");
			continue;
		}
		one.want = (int)nw;
		one.pred = (int)ng;
		for (size_t i = 0; i < nw; i++) {
			int hit = 0, exact = 0;

			for (size_t k = 0; k < ng; k++)
				if (got[k].type == want[i].type &&
				    got[k].start < want[i].end &&
				    want[i].start < got[k].end) {
					hit = 1;
					exact |=
					        got[k].start == want[i].start &&
					        got[k].end == want[i].end;
				}
			one.found += hit;
			one.exact += exact;
			if (miss_type < 0 || (int)want[i].type == miss_type) {
				miss |= hit && !exact && all_misses;
				miss |= !hit;
			}
			one.want_t[want[i].type]++;
			one.found_t[want[i].type] += hit;
		}
		for (size_t k = 0; k < ng; k++) {
			int ok = 0;

			for (size_t i = 0; i < nw; i++)
				if (got[k].type == want[i].type &&
				    got[k].start < want[i].end &&
				    want[i].start < got[k].end)
					ok = 1;
			one.right += ok;
			one.pred_t[got[k].type]++;
			one.right_t[got[k].type] += ok;
			if (miss_type < 0 || (int)got[k].type == miss_type)
				miss |= !ok;
		}
		pii_add(&all, &one);
		pii_add(&split[group_of(&splits, f[1])], &one);
		pii_add(&lang[group_of(&langs, f[0])], &one);
		if (show_misses && miss && miss_shown(f[1])) {
			printf("    %s\t", f[2]);
			for (size_t k = 0; k < ng; k++)
				printf("[%s:%.*s] ",
				       safety_pii_type_key(got[k].type),
				       (int)(got[k].end - got[k].start),
				       text + got[k].start);
			printf("\n");
		}
		arena_reset(a);
	}
	if (eval_mode) {
		printf("personal data (%s, %d cases)\n", pii_tsv, cases);
		pii_print("all", &all);
		for (size_t k = 0; k < splits.n; k++)
			pii_print(splits.name[k], &split[k]);
		for (size_t k = 0; k < langs.n; k++)
			pii_print(langs.name[k], &lang[k]);
		for (int t = 0; t < SAFETY_PII_NTYPES; t++)
			printf("  %-8s recall %.3f (%d) | precision %.3f "
			       "(%d)\n",
			       safety_pii_type_key((enum safety_pii_type)t),
			       all.want_t[t]
			               ? (double)all.found_t[t] / all.want_t[t]
			               : 0,
			       all.want_t[t],
			       all.pred_t[t]
			               ? (double)all.right_t[t] / all.pred_t[t]
			               : 0,
			       all.pred_t[t]);
	}
	if (!outside) {
		CHECK(cases >= 300);
		CHECK(all.want && (double)all.found / all.want >= 0.98);
		CHECK(all.pred && (double)all.right / all.pred >= 0.95);
	}
	arena_free(a);
	free(data);
}

/* ---- specific emergency cases ---- */

static void test_rules_compile(void)
{
	size_t n = 0;

	CHECK(safety_redflag_selfcheck(&n));
	CHECK(n > 1000);
}

static void test_negation_scopes(void)
{
	/* Negations in each language. */
	CHECK(fires("I have chest pain and shortness of breath"));
	CHECK(!fires("I have no chest pain and no shortness of breath"));
	CHECK(!fires("Denies chest pain or shortness of breath."));
	CHECK(!fires("我沒有胸痛，也沒有氣短"));
	CHECK(!fires("我没有胸痛，也没有气短"));
	CHECK(fires("我胸痛，喘不过气"));
	CHECK(!fires("胸口不痛，也不喘"));
	CHECK(fires("Tôi đau ngực và khó thở"));
	CHECK(!fires("Tôi không đau ngực, không khó thở"));
	CHECK(!fires("Toi khong dau nguc, khong kho tho"));
	CHECK(fires("Toi dau nguc va kho tho"));
	CHECK(!fires("Tôi chưa từng bị co giật hay ngất"));
	/* A clause boundary ends the scope: the second concept counts. */
	CHECK(fires("No fever, but my chest is crushing and I can't breathe"));
	CHECK(fires("不发烧，但是胸口剧痛"));
	CHECK(fires("Không sốt nhưng đau ngực dữ dội"));
	/* A list after a negation stays negated... */
	CHECK(!fires("No chest pain, shortness of breath, or fainting."));
	/* ...a new clause with a subject does not. */
	CHECK(fires("I don't have a fever, my chest hurts and I can't "
	            "breathe."));
	/* The negation must be near: far-away cues do not count. */
	CHECK(fires("I do not know what is happening to my dad but his face "
	            "is drooping"));
	/* Pseudo-negations are not negations. */
	CHECK(fires("I'm not sure, but she suddenly can't speak properly"));
	CHECK(fires("His nose won't stop bleeding and it is gushing blood"));
	CHECK(fires("他一直抽搐，停不下来"));
	CHECK(fires("Con tôi co giật không ngừng"));
	/* Negated words inside a concept phrase are part of it. */
	CHECK(fires_cat("He is not breathing", SAFETY_BREATHING));
	CHECK(fires_cat("叫他没有反应", SAFETY_CONSCIOUSNESS));
	CHECK(fires_cat("Tôi không thở được", SAFETY_BREATHING));
	/* Resolution after the concept. */
	CHECK(!fires("The chest pain and the breathlessness went away."));
	/* "I don't want to die" is not ideation. */
	CHECK(!fires_cat("I don't want to die", SAFETY_SUICIDE));
	CHECK(fires_cat("I want to die", SAFETY_SUICIDE));
}

static void test_tense_policy(void)
{
	/* Distant past does not trigger... */
	CHECK(!fires("My father had a stroke 10 years ago."));
	CHECK(!fires("我爸爸十年前中風過"));
	CHECK(!fires("Bố tôi bị đột quỵ năm ngoái"));
	/* ...unless the same clause says it is happening again. */
	CHECK(fires("He had a stroke 10 years ago and now his face is "
	            "drooping again"));
	/* Hours and days ago are now. */
	CHECK(fires("I fainted yesterday at work"));
	/* Hypothetical and general questions. */
	CHECK(!fires("What should I do if my child has a seizure?"));
	CHECK(!fires("What are the warning signs of a stroke?"));
	CHECK(!fires("如何预防中风？"));
	CHECK(!fires("Dấu hiệu của đột quỵ là gì?"));
	/* Suicide keeps its tense. */
	CHECK(fires_cat("I tried to kill myself last year and the thoughts "
	                "are back",
	                SAFETY_SUICIDE));
	/* Imminent only is not loss of consciousness... */
	CHECK(!fires("I nearly fainted but sat down and felt fine."));
	/* ...but counts as dizziness beside chest pain. */
	CHECK(fires_cat("Chest pain and I nearly passed out", SAFETY_CARDIAC));
}

/* Word classes compose concepts: pairs nobody listed still match. */
static void test_word_classes(void)
{
	CHECK_INT(
	        fires_cat("my son got into the oven cleaner", SAFETY_POISONING),
	        1);
	CHECK_INT(fires_cat("she chewed on a mothball", SAFETY_POISONING), 1);
	CHECK_INT(fires_cat("he took 40 of his xanax", SAFETY_POISONING), 1);
	CHECK_INT(fires_cat("我儿子喝了洁厕灵", SAFETY_POISONING), 1);
	CHECK_INT(fires_cat("Bé uống nhầm nước javel", SAFETY_POISONING), 1);
	/* A child swallowing medicine, but not an adult taking a dose. */
	CHECK_INT(fires_cat("my toddler swallowed some of my iron tablets",
	                    SAFETY_POISONING),
	          1);
	CHECK(!fires("I took my iron tablets with orange juice"));
	/* Body part near a droop word, in either order. */
	CHECK_INT(fires_cat("the left side of her mouth is hanging down",
	                    SAFETY_STROKE),
	          1);
	/* Two limbs on one side, numb or weak. */
	CHECK_INT(fires_cat("his right arm and right leg went heavy",
	                    SAFETY_STROKE),
	          1);
	CHECK(!fires("my right hand goes numb when I sleep on it"));
	/* A phrase alternative with a prefix ("dishwasher tablet*"). */
	CHECK_INT(
	        fires_cat("she licked a dishwasher tablets", SAFETY_POISONING),
	        1);
}

/* Long key words survive one typo; real neighbours are not corrected. */
static void test_typos(void)
{
	CHECK_STR(rf_typo_fix("unconsious", 10), "unconscious");
	CHECK_STR(rf_typo_fix("antifreze", 9), "antifreeze");
	CHECK_STR(rf_typo_fix("antifreeez", 10), "antifreeze"); /* a swap */
	CHECK(rf_typo_fix("antifrizze", 10) == NULL);           /* two edits */
	CHECK(rf_typo_fix("unconscious", 11) == NULL); /* already right */
	CHECK(rf_typo_fix("breeding", 8) == NULL);     /* a changed letter */
	CHECK(rf_typo_fix("lleeding", 8) == NULL);     /* first letter */
	CHECK(rf_typo_fix("painting", 8) == NULL);     /* a real word */
	CHECK(rf_typo_fix("breath", 6) == NULL);       /* too short */
	CHECK(rf_typo_fix("Unconsious", 10) == NULL);  /* not folded */
	CHECK_INT(fires_cat("my dad is unconsious on the floor",
	                    SAFETY_CONSCIOUSNESS),
	          1);
	CHECK(fires("he drank antifreze"));
	/* Contractions without apostrophes and text-message spellings. */
	CHECK_STR(rf_informal_fix("cnt", 3), "can't");
	CHECK_STR(rf_informal_fix("doesnt", 6), "doesn't");
	CHECK(rf_informal_fix("can't", 5) == NULL);
	CHECK_INT(
	        fires_cat("cnt breathe ovr here chest v tight", SAFETY_CARDIAC),
	        1);
	CHECK(!fires("i dont have chest pain and dont feel breathless"));
}

/* Two concepts that are only an emergency together: despair and means. */
static void test_despair_and_means(void)
{
	CHECK_INT(fires_cat("cant do this anymore. pills in front of me",
	                    SAFETY_SUICIDE),
	          1);
	CHECK(!fires("I can't do this anymore, my job is exhausting"));
	CHECK(!fires("The pills are in front of me, how many should I take?"));
	CHECK_INT(fires_cat("我真的撐不下去了，藥都準備好了", SAFETY_SUICIDE),
	          1);
}

/* Vietnamese shorthand is read as its syllables, in Vietnamese text only;
 * a lone accentless syllable that is mostly another word does not count. */
static void test_vietnamese_shorthand(void)
{
	const char *fold = NULL;

	CHECK_STR(rf_vi_shorthand("ko", 2, 0, &fold), "không");
	CHECK_STR(fold, "khong");
	CHECK_STR(rf_vi_shorthand("dc", 2, 0, &fold), "được");
	CHECK(rf_vi_shorthand("p", 1, 0, &fold) == NULL);
	CHECK_STR(rf_vi_shorthand("p", 1, 1, &fold), "phút");
	CHECK(rf_vi_shorthand("khong", 5, 0, &fold) == NULL);
	CHECK_INT(rf_vi_marker("khong", 5), 1);
	CHECK_INT(rf_vi_marker("me", 2), 0); /* English too */
	CHECK_INT(fires_cat("e ko muon song nua, chan lam r", SAFETY_SUICIDE),
	          1);
	CHECK_INT(
	        fires_cat("nguoi yeu e dau nguc qua tho ko dc", SAFETY_CARDIAC),
	        1);
	CHECK_INT(fires_cat("con e bi co giat 5p roi", SAFETY_SEIZURE), 1);
	CHECK(!fires("ko bi kho tho, chi ho nhe thoi a"));
	CHECK(!fires("e ko bi dau nguc"));
	CHECK(!fires("hoc bai met qua"));
	/* In English "r" and "k" stay what they are. */
	CHECK_INT(fires_cat("r u ok? my dad cant breathe and his lips r blue",
	                    SAFETY_BREATHING),
	          1);
}

/* Concepts composed across sentences and languages: a count swallowed
 * with a medicine named anywhere near, a dose error with a child, hives
 * with faintness, fumes with breathing trouble, a headache with "worst
 * ever", two signs of one fit. */
static void test_composed_concepts(void)
{
	CHECK_INT(fires_cat("how many ibuprofen is too many? I already had 15",
	                    SAFETY_POISONING),
	          1);
	CHECK_INT(fires_cat("我剛吃了 20 顆 Panadol 會不會怎樣",
	                    SAFETY_POISONING),
	          1);
	CHECK(!fires("I took ibuprofen for 10 days for my back"));
	CHECK(!fires("how many paracetamol can I take in a day"));
	CHECK_INT(fires_cat("gave my 3yo 4 times the dose of calpol",
	                    SAFETY_POISONING),
	          1);
	CHECK_INT(fires_cat("stung by a bee, hives everywhere and I feel faint",
	                    SAFETY_ANAPHYLAXIS),
	          1);
	CHECK(!fires("hives on my arms for a week, itchy"));
	CHECK(!fires("should I carry an epipen for my nut allergy?"));
	CHECK_INT(fires_cat("mixed bleach and ammonia, now coughing and can't "
	                    "breathe",
	                    SAFETY_POISONING),
	          1);
	CHECK_INT(fires_cat("头痛得要炸了 是这辈子最痛的一次", SAFETY_STROKE),
	          1);
	CHECK(!fires(
	        "this traffic is killing me, my head is going to explode"));
	CHECK_INT(fires_cat("3rd seizure today", SAFETY_SEIZURE), 1);
	CHECK_INT(fires_cat("娃抽筋了 翻白眼 口吐白沫 叫不应", SAFETY_SEIZURE),
	          1);
	CHECK_INT(fires_cat("阿公不小心喝到農藥", SAFETY_POISONING), 1);
	CHECK_INT(fires_cat("心口像被压住一样痛 痛到下巴 出好多汗",
	                    SAFETY_CARDIAC),
	          1);
}

/* Burns: large, deep or on the face; small ones are not emergencies. */
static void test_burns(void)
{
	CHECK_INT(fires_cat("boiling water over his whole arm", SAFETY_BURN),
	          1);
	CHECK_INT(fires_cat("third degree burn on her hand", SAFETY_BURN), 1);
	CHECK_INT(fires_cat("被热油烫伤，整个手臂起泡", SAFETY_BURN), 1);
	CHECK_INT(fires_cat("Bé bị bỏng nước sôi cả mảng ở lưng", SAFETY_BURN),
	          1);
	CHECK(!fires("a small burn on my finger from the oven"));
	CHECK(!fires("I got a sunburn all over my back at the beach"));
	CHECK_STR(safety_category_key(SAFETY_BURN), "burn");
}

/* A resolution reaches back over its sentence; "still" is chronic. */
static void test_resolution_and_chronic(void)
{
	CHECK(!fires("I felt like I couldn't breathe, but it passed in a "
	             "few minutes."));
	CHECK(!fires("胸口剧痛，后来就好了"));
	/* Thoughts of suicide are not "resolved" away. */
	CHECK_INT(fires_cat("I wanted to kill myself, but it passed",
	                    SAFETY_SUICIDE),
	          1);
	/* The next sentence is not reached. */
	CHECK(fires("It passed. Now I can't breathe."));
	CHECK(!fires("He had a stroke six years ago and still has a weak "
	             "right arm."));
	CHECK(fires("He had a stroke six years ago and now his right arm "
	            "is suddenly weak again."));
}

/* Context from the ext-b and ext-c kinds: care taken over, general
 * questions, hyperbole, and the danger of a new kind of concept. */
static void test_care_general_kinds(void)
{
	/* In care and stable: the stroke before it is handled... */
	CHECK(!fires("My uncle had a stroke on Monday and is stable on the "
	             "ward now. Can we bring grapes?"));
	CHECK(!fires("外公上週中風，現在在一般病房很穩定，可以帶什麼去探病？"));
	/* ...but a new sign after it still counts. */
	CHECK(fires("I attempted suicide years ago and recovered. Tonight I "
	            "want to kill myself again."));
	/* A film, the news, a course: no one's emergency. */
	CHECK(!fires("In the movie he got bitten by a snake and sucked the "
	             "poison out, does that work?"));
	CHECK(!fires("公司要办急救培训，婴儿噎住应该怎么拍背？"));
	/* ...unless it says what happens now. */
	CHECK(fires("Just curious, but right now my chest hurts and my left "
	            "arm is numb and sweaty."));
	/* Hyperbole over a boss or a game. */
	CHECK(!fires("被老板气到吐血，喝什么茶降火？"));
	CHECK(fires("咳嗽咳到吐血，一直停不下来"));
	/* New kinds: danger in pregnancy by pressure or a fall. */
	CHECK_INT(fires_cat("30 weeks pregnant, pounding headache and my BP "
	                    "is 172/108",
	                    SAFETY_SEIZURE),
	          1);
	CHECK(!fires("30 weeks pregnant, my BP is 118/72, is that good?"));
	CHECK(fires("Có thai 20 tuần bị ngã xe, giờ đau bụng và ra máu"));
	CHECK(!fires("I'm on birth control and get period cramps"));
	/* Low sugar with its signs, not a number alone. */
	CHECK(fires("his meter reads 2.1 and he's sweaty and confused"));
	CHECK(!fires("my sugar was 5.1 this morning, is that ok?"));
	/* An ingestion that feels fine at first still counts. */
	CHECK(fires("my toddler got into the dishwasher tablets and chewed "
	            "one but seems fine"));
}

static void test_categories(void)
{
	static const struct {
		const char *text;
		enum safety_category want;
	} t[] = {
	        {"crushing chest pain spreading to my left arm",
	         SAFETY_CARDIAC},
	        {"her face is drooping and her speech is slurred",
	         SAFETY_STROKE},
	        {"my lips are blue and I cannot breathe", SAFETY_BREATHING},
	        {"I vomited blood this morning", SAFETY_BLEEDING},
	        {"black tarry stools for two days", SAFETY_BLEEDING},
	        {"grandpa collapsed and is unresponsive", SAFETY_CONSCIOUSNESS},
	        {"I keep thinking about killing myself", SAFETY_SUICIDE},
	        {"my toddler swallowed a button battery", SAFETY_POISONING},
	        {"my 10 month old has a fever of 39.5 and is floppy",
	         SAFETY_FEVER_DANGER},
	        {"my throat is swelling after a bee sting", SAFETY_ANAPHYLAXIS},
	        {"he is having a seizure that won't stop", SAFETY_SEIZURE},
	        {"she hit her head and has vomited twice", SAFETY_HEAD_INJURY},
	        {"宝宝两个月，发烧38.5度", SAFETY_FEVER_DANGER},
	        {"我想自殺", SAFETY_SUICIDE},
	        {"Mẹ tôi méo miệng, nói ngọng", SAFETY_STROKE},
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		unsigned bits = flags_of(t[i].text);

		CHECK((bits >> t[i].want) & 1u);
		if (!((bits >> t[i].want) & 1u))
			fprintf(stderr, "  category miss: %s\n", t[i].text);
	}
	CHECK_STR(safety_category_key(SAFETY_CARDIAC), "cardiac");
	CHECK_STR(safety_category_key(SAFETY_NCATEGORIES), "unknown");
	CHECK_STR(safety_category_key((enum safety_category)0), "unknown");
}

static void test_flag_spans(void)
{
	struct arena *a = arena_new();
	const char *text = "Hello doctor. Since an hour I vomited blood twice.";
	struct safety_flag *f;
	size_t n;

	CHECK_INT(safety_redflags(a, text, &f, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(f[0].category, SAFETY_BLEEDING);
		CHECK(f[0].start < f[0].end && f[0].end <= strlen(text));
		CHECK(strncmp(text + f[0].start, "vomited blood",
		              f[0].end - f[0].start) == 0);
		CHECK(f[0].rule != NULL);
	}
	/* Spans point into the caller's bytes, also for Chinese. */
	text = "你好。我今天吐血了。";
	CHECK_INT(safety_redflags(a, text, &f, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(strncmp(text + f[0].start, "吐血", 6) == 0);
	arena_free(a);
}

static void test_redflag_bad_input(void)
{
	struct arena *a = arena_new();
	struct safety_flag *f = (struct safety_flag *)1;
	size_t n = 99;
	/* Malformed UTF-8 around a real emergency: bad bytes are spaces. */
	const char bad[] = "\xff\xfe I vomited\xc3 blood \xed\xa0\x80 today "
	                   "\xf0\x9f";
	char *big;

	CHECK_INT(safety_redflags(a, NULL, &f, &n), -EINVAL);
	CHECK_INT(n, 0);
	CHECK(f == NULL);
	CHECK_INT(safety_redflags(a, "", &f, &n), 0);
	CHECK_INT(n, 0);
	CHECK_INT(safety_redflags(a, "   \n\n ,,, 。。", &f, &n), 0);
	CHECK_INT(n, 0);
	CHECK(fires(bad));
	CHECK(!fires("\x80\x80\x80\xc0\xaf"));
	/* Too long. */
	big = xmalloc(LIMIT_SAFETY_TEXT_BYTES + 2);
	memset(big, 'a', LIMIT_SAFETY_TEXT_BYTES + 1);
	big[LIMIT_SAFETY_TEXT_BYTES + 1] = 0;
	CHECK_INT(safety_redflags(a, big, &f, &n), -E2BIG);
	free(big);
	/* Full-width and case variants normalise. */
	CHECK(fires("I VOMITED BLOOD"));
	CHECK(fires("Ｉ ＣＡＮ'Ｔ ＢＲＥＡＴＨＥ"));
	CHECK(fires("I CAN’T BREATHE"));
	/* Vietnamese typed with combining accents (NFD) still matches. */
	CHECK(fires("To\xcc\x82i bi\xcc\xa3 \xc4\x91"
	            "au ngu\xcc\x9b\xcc\xa3"
	            "c va\xcc\x80 kho\xcc\x81 tho\xcc\x9b\xcc\x89"));
	arena_free(a);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* CPU time of the calling thread: what a check costs, without the time
 * the thread waited for a core on a shared, loaded machine. */
static double cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void test_large_input(void)
{
	/* 100 KB of mixed text: must finish and find the emergency at the
	 * end. Timing is printed, never asserted. */
	static const char chunk[] =
	        "My father has had a cough for weeks, no fever, no chest "
	        "pain. 我爸爸最近咳嗽，沒有發燒。Bố tôi bị ho, không sốt. ";
	size_t cl = strlen(chunk), len = 0;
	char *big = xmalloc(100 * 1024 + 64);
	struct arena *a = arena_new();
	struct safety_flag *f;
	struct safety_pii *p;
	char *red;
	size_t n;
	double t0;

	while (len + cl < 100 * 1024) {
		memcpy(big + len, chunk, cl);
		len += cl;
	}
	strcpy(big + len, " Now he vomited blood.");
	t0 = now();
	CHECK_INT(safety_redflags(a, big, &f, &n), 0);
	CHECK_INT(n, 1);
	if (!eval_mode)
		printf("  100 KB emergency scan: %.2f ms\n",
		       (now() - t0) * 1e3);
	t0 = now();
	CHECK_INT(safety_redact(a, big, NULL, &red, &p, &n), 0);
	CHECK_INT(n, 0);
	CHECK(red && strcmp(red, big) == 0);
	if (!eval_mode)
		printf("  100 KB personal-data scan: %.2f ms\n",
		       (now() - t0) * 1e3);
	/* Hostile repetition stays linear. */
	len = 0;
	while (len + 3 < 100 * 1024) {
		memcpy(big + len, "no ", 3);
		len += 3;
	}
	big[len] = 0;
	CHECK_INT(safety_redflags(a, big, &f, &n), 0);
	CHECK_INT(n, 0);
	arena_free(a);
	free(big);
}

/* Random bytes and random mixes of the scripts: no crash, no sanitizer
 * report, spans inside the text, redaction keeps the text around. */
static void test_random_input(void)
{
	static const char *const bits[] = {
	        "胸",   "痛",          "不",      "没有",        " ",
	        ",",    "。",          "0912",    "-",           "345",
	        "@",    ".com",        "no ",     "chest ",      "pain",
	        "đau ", "ngực",        "A1",      "23456789",    "號",
	        "路",   "\xff",        "\xc3",    "\xe2\x80",    "\n",
	        "#",    "_3",          "*",       "(",           ")",
	        "+84",  "tôi tên là ", "Nguyễn ", "my name is ", "John ",
	        "我叫", "王",          "12 ",     "Baker Street"};
	struct arena *a = arena_new();
	unsigned seed = 12345;
	char text[512];
	int ok = 1;

	for (int round = 0; round < 3000; round++) {
		size_t len = 0;
		struct safety_flag *f;
		struct safety_pii *p;
		size_t n, np;
		char *out;

		while (len < 400) {
			const char *b;

			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 4 == 0) {
				text[len++] = (char)(seed >> 8);
				continue;
			}
			b = bits[(seed >> 16) % ARRAY_SIZE(bits)];
			memcpy(text + len, b, strlen(b));
			len += strlen(b);
		}
		text[len] = 0;
		len = strlen(text); /* a random NUL may have cut it */
		ok &= safety_redflags(a, text, &f, &n) == 0;
		for (size_t i = 0; i < n; i++)
			ok &= f[i].start < f[i].end && f[i].end <= len;
		ok &= safety_redact(a, text, NULL, &out, &p, &np) == 0;
		for (size_t i = 0; i < np; i++)
			ok &= p[i].start < p[i].end && p[i].end <= len &&
			      (i == 0 || p[i - 1].end <= p[i].start);
		ok &= out != NULL && (np > 0 || strcmp(out, text) == 0);
		arena_reset(a);
	}
	CHECK(ok);
	arena_free(a);
}

struct thread_arg {
	int ok;
};

static void *thread_main(void *p)
{
	struct thread_arg *ta = p;

	ta->ok = 1;
	for (int i = 0; i < 200; i++) {
		ta->ok &= fires_cat("胸口劇痛，喘不過氣", SAFETY_CARDIAC);
		ta->ok &= !fires("no chest pain");
	}
	return NULL;
}

static void test_threads(void)
{
	pthread_t th[4];
	struct thread_arg ta[4];

	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, thread_main, &ta[i]);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK(ta[i].ok);
	}
}

/* ---- specific personal-data cases ---- */

static void test_id_checksums(void)
{
	/* Taiwan: the textbook example and its neighbours. */
	CHECK(safety_tw_id_valid("A123456789"));
	CHECK(!safety_tw_id_valid("A123456788"));
	CHECK(!safety_tw_id_valid("A323456789")); /* second digit 3 */
	CHECK(!safety_tw_id_valid("A12345678"));
	CHECK(!safety_tw_id_valid("1123456789"));
	CHECK(!safety_tw_id_valid(NULL));
	/* China: computed check characters, including X. */
	CHECK(safety_cn_id_valid("11010519491231002X"));
	CHECK(!safety_cn_id_valid("110105194912310021"));
	CHECK(safety_cn_id_valid("440524188001010014") == 0); /* year 1880 */
	CHECK(!safety_cn_id_valid("11010519491331002X"));     /* month 13 */
	CHECK(!safety_cn_id_valid("11010519491231002"));
	/* Vietnam: province code and century digit. */
	CHECK(safety_vn_id_valid("001203012345"));
	CHECK(safety_vn_id_valid("079090123456"));
	CHECK(!safety_vn_id_valid("097203012345")); /* no province 097 */
	CHECK(!safety_vn_id_valid("001503012345")); /* century digit 5 */
	CHECK(!safety_vn_id_valid("00120301234"));
}

static char *redact(struct arena *a, const char *text)
{
	char *out = NULL;

	if (safety_redact(a, text, NULL, &out, NULL, NULL) != 0)
		return NULL;
	return out;
}

/* The kinds of the name-context redesign: the issue's own example, and
 * the hard negatives beside each kind. */
static void test_pii_kinds(void)
{
	struct arena *a = arena_new();

	CHECK_STR(redact(a, "My mother Wang Mei-Ling (born 1958/03/02, ID "
	                    "A223456789) has a cough."),
	          "My mother [removed: name] (born [removed: date of birth], "
	          "ID [removed: ID]) has a cough.");
	/* A wrong check digit without an ID word is no ID. */
	CHECK_STR(redact(a, "code A223456789 on the box"),
	          "code A223456789 on the box");
	CHECK_STR(redact(a, "our daughter emily has a fever"),
	          "our daughter [removed: name] has a fever");
	CHECK_STR(redact(a, "my son will be 4 next week"),
	          "my son will be 4 next week");
	CHECK_STR(redact(a, "My brother Parkinson's got worse"),
	          "My brother Parkinson's got worse");
	CHECK_STR(redact(a, "Thanks so much,\nKevin"),
	          "Thanks so much,\n[removed: name]");
	CHECK_STR(redact(a, "家父王建國今年七十八歲"),
	          "家父[removed: name]今年七十八歲");
	CHECK_STR(redact(a, "我爸爸高血壓十年了"), "我爸爸高血壓十年了");
	CHECK_STR(redact(a, "Chồng em Minh bị đau lưng"),
	          "Chồng em [removed: name] bị đau lưng");
	CHECK_STR(redact(a, "Con em sinh ngày 3/4 lúc 37 tuần"),
	          "Con em sinh ngày 3/4 lúc 37 tuần");
	CHECK_STR(redact(a, "出生日期：民國75年6月12日"),
	          "出生日期：[removed: date of birth]");
	CHECK_STR(redact(a, "add me on LINE: amy_lin88 ok"),
	          "add me on LINE: [removed: handle] ok");
	CHECK_STR(redact(a, "a faint line on the test"),
	          "a faint line on the test");
	CHECK_STR(redact(a, "Zalo 0903123456"), "Zalo [removed: phone]");
	CHECK_STR(redact(a, "MRN A1234567 at the clinic"),
	          "MRN [removed: record number] at the clinic");
	CHECK_STR(redact(a, "Mã hồ sơ 20240312 ngày khám 12/3"),
	          "Mã hồ sơ 20240312 ngày khám 12/3");
	CHECK_STR(redact(a, "The study ID is NCT01234567"),
	          "The study ID is NCT01234567");
	arena_free(a);
}

/* What the held-out personal-data batch test4 found missing. */
static void test_pii_test4_regressions(void)
{
	struct arena *a = arena_new();

	/* Slashes: a full mobile number, never a date or a pressure. */
	CHECK_STR(redact(a, "my cell: 0912/345/678 (taipei)"),
	          "my cell: [removed: phone] (taipei)");
	CHECK_STR(redact(a, "Seen on 05/12/2026, BP 120/80, next 2026/12/05."),
	          "Seen on 05/12/2026, BP 120/80, next 2026/12/05.");
	/* An "@" and dots with spaces around them; Vietnamese "chấm". */
	CHECK_STR(redact(a, "Contact tran_thi_b @ gmail . com now"),
	          "Contact [removed: e-mail] now");
	CHECK_STR(redact(a, "email: hoa.nguyen at gmail chấm com"),
	          "email: [removed: e-mail]");
	/* Spelled dots in the local part go too. */
	CHECK_STR(redact(a, "it is linh dot pham at outlook dot com"),
	          "it is [removed: e-mail]");
	/* A name typed in lowercase without accents, up to "bi". */
	CHECK_STR(redact(a, "toi ten la nguyen van an bi dau da day"),
	          "toi ten la [removed: name] bi dau da day");
	CHECK_STR(redact(a, "toi ten la gi cung duoc"),
	          "toi ten la gi cung duoc");
	/* An extension is not a unit; a bracketed country code goes too. */
	CHECK_STR(redact(a, "電話 02 2345 6789 分機 12"),
	          "電話 [removed: phone] 分機 12");
	CHECK_STR(redact(a, "Call (+886) 0912-345-678 today"),
	          "Call [removed: phone] today");
	/* A lane and then its street. */
	CHECK_STR(redact(a, "Nhà em ở số 12 ngõ 34 phố Huế, Hà Nội"),
	          "Nhà em ở [removed: address], Hà Nội");
	arena_free(a);
}

/* The second round (pii test5): an English address keeps its city, state
 * and postcode; a spelled " at ... dot com" after a shop or a meeting
 * word is not an e-mail address; "Hi, X here" introduces X. */
static void test_pii_test5_regressions(void)
{
	struct arena *a = arena_new();

	CHECK_STR(redact(a, "Post it to 27 Station Road, Cambridge CB1 2JH "
	                    "please."),
	          "Post it to [removed: address] please.");
	CHECK_STR(redact(a, "we moved to 1200 Lakeview Drive, Austin, TX "
	                    "78701 in June"),
	          "we moved to [removed: address] in June");
	CHECK_STR(redact(a, "I live at 3 Orchard Close, Leeds, my mum too."),
	          "I live at [removed: address], my mum too.");
	/* A comma then a sentence word is not a city. */
	CHECK_STR(redact(a, "I live at 14 Maple Street, I walk to work."),
	          "I live at [removed: address], I walk to work.");
	/* A full word is not an abbreviation: the sentence's dot stays. */
	CHECK_STR(redact(a, "It was outside 9 Market Square."),
	          "It was outside [removed: address].");
	CHECK_STR(redact(a, "Send it to 7 Elm Rd. today"),
	          "Send it to [removed: address] today");
	/* Spelled addresses: a mailbox yes, a shop or a number no. */
	CHECK_STR(redact(a, "The store at 5 dot com is out of stock."),
	          "The store at 5 dot com is out of stock.");
	CHECK_STR(redact(a, "It is sold at amazon dot com for less."),
	          "It is sold at amazon dot com for less.");
	CHECK_STR(redact(a, "mail linh.tran at gmail dot com pls"),
	          "mail [removed: e-mail] pls");
	CHECK_STR(redact(a, "write to kien99 at 163 dot com"),
	          "write to [removed: e-mail]");
	CHECK_STR(redact(a, "Hi, Sophie Martin here, asking about my son."),
	          "Hi, [removed: name] here, asking about my son.");
	CHECK_STR(redact(a, "Hi, Thanks for the reply here."),
	          "Hi, Thanks for the reply here.");
	CHECK_STR(redact(a, "e ten Tuan, 19t, bi dau da day"),
	          "e ten [removed: name], 19t, bi dau da day");
	arena_free(a);
}

/* Name contexts from the ext-b and ext-c kinds, in other words. */
static void test_pii_ext_bc_kinds(void)
{
	struct arena *a = arena_new();

	CHECK_STR(redact(a, "Asking for auntie Marguerite, she has gout."),
	          "Asking for auntie [removed: name], she has gout.");
	CHECK_STR(redact(a, "He keeps calling out \"Lorcan\" at night."),
	          "He keeps calling out \"[removed: name]\" at night.");
	CHECK_STR(redact(a, "Any advice welcome. - Ingrid"),
	          "Any advice welcome. - [removed: name]");
	CHECK_STR(redact(a, "聯絡人：張淑惠，請回電"),
	          "聯絡人：[removed: name]，請回電");
	CHECK_STR(redact(a, "我是子晴的媽媽，她三歲"),
	          "我是[removed: name]的媽媽，她三歲");
	CHECK_STR(redact(a, "tui ten Khoa, bi ho"),
	          "tui ten [removed: name], bi ho");
	/* Not names: a comparative after "it's", a verb that opens. */
	CHECK_STR(redact(a, "Text me if it's simpler, thanks."),
	          "Text me if it's simpler, thanks.");
	CHECK_STR(redact(a, "Travelled here from Hanoi last month."),
	          "Travelled here from Hanoi last month.");
	/* A record with a slash, a two-digit birth year, an NHS number. */
	CHECK_STR(redact(a, "mã bệnh án 2023/004512 ạ"),
	          "mã bệnh án [removed: record number] ạ");
	CHECK_STR(redact(a, "DOB 03.11.58, asking about statins"),
	          "DOB [removed: date of birth], asking about statins");
	CHECK_STR(redact(a, "NHS number 485 777 3456 please"),
	          "NHS number [removed: ID] please");
	/* A Vietnamese citizen number needs its ID word. */
	CHECK_STR(redact(a, "mã đơn hàng 079204003318 chưa tới"),
	          "mã đơn hàng 079204003318 chưa tới");
	arena_free(a);
}

/* Kinds from the ext-d and ext-e personal-data misses (fourth
 * session), in sentences written here. */
static void test_pii_fourth_kinds(void)
{
	struct arena *a = arena_new();

	/* Chinese addresses typed with spaces between number and marker. */
	CHECK_STR(redact(a, "住台南市東區大學路 22 巷 7 號 2 樓，想問"),
	          "住[removed: address]，想問");
	CHECK_STR(redact(a, "地址是杭州市西湖区文三路 90 号 4 栋 301 室"),
	          "地址是[removed: address]");
	/* A Taiwan address written in English, up to the sentence end. */
	CHECK_STR(redact(a, "We rent at No. 7, Alley 9, Lane 120, Section 3, "
	                    "Zhongshan Road, Taichung. She coughs."),
	          "We rent at [removed: address]. She coughs.");
	/* Not an address: a lane with no door number. */
	CHECK_STR(redact(a, "The clinic on Lane 52 is closed."),
	          "The clinic on Lane 52 is closed.");
	/* A two-character name after 我是, ending the clause. */
	CHECK_STR(redact(a, "我是周敏，想問失眠"),
	          "我是[removed: name]，想問失眠");
	/* Parents named after the child, nicknames. */
	CHECK_STR(redact(a, "我是糖糖媽咪，寶寶發燒"),
	          "我是[removed: name]媽咪，寶寶發燒");
	CHECK_STR(redact(a, "果果的妈妈想问，孩子咳嗽"),
	          "[removed: name]的妈妈想问，孩子咳嗽");
	CHECK_STR(redact(a, "小妹阿蓮，最近失眠"),
	          "小妹[removed: name]，最近失眠");
	/* ...but not a pronoun or a verb before a parent word. */
	CHECK_STR(redact(a, "請打給我媽媽，謝謝"), "請打給我媽媽，謝謝");
	CHECK_STR(redact(a, "我是寶寶的媽媽"), "我是寶寶的媽媽");
	CHECK_STR(redact(a, "我是老人家的看護"), "我是老人家的看護");
	/* A bare @handle is a handle; an e-mail is not split. */
	CHECK_STR(redact(a, "find me as @mina.lifts on there"),
	          "find me as [removed: handle] on there");
	CHECK_STR(redact(a, "mail mina@example.org"), "mail [removed: e-mail]");
	/* A friend named after "my mate". */
	CHECK_STR(redact(a, "my mate Oisin swallowed a fish bone"),
	          "my mate [removed: name] swallowed a fish bone");
	arena_free(a);
}

/* ---- the statistical name layer (pii_name_feat.c) ---- */

static int names_in(struct arena *a, const char *text, const struct pn_model *m,
                    const char *want)
{
	struct safety_pii *f;
	size_t n;
	int hits = 0;

	if (safety_pii_find_with(a, text, m, &f, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (f[i].type == SAFETY_PII_NAME &&
		    (!want ||
		     (f[i].end - f[i].start == strlen(want) &&
		      memcmp(text + f[i].start, want, strlen(want)) == 0)))
			hits++;
	return hits;
}

static void test_name_model(void)
{
	struct arena *a = arena_new();
	static int16_t zero[PN_DIM];
	/* Weights 0: every candidate gets sigmoid(bias). */
	const struct pn_model yes = {zero, 1, 10, 0, 0.5, 1};
	const struct pn_model no = {zero, 1, -10, 0.5, 0.99, 1};
	static const char *const not_names[] = {
	        "My father has Parkinson's disease and takes Sinemet.",
	        "Is Lipitor safer than Crestor with grapefruit?",
	        "She was seen at Mayo Clinic and then Johns Hopkins Hospital.",
	        "Can I take Tylenol with Advil for a Hashimoto flare?",
	        "我在台大醫院看過，醫生說是帕金森氏症。",
	        "Tôi khám ở Bệnh viện Bạch Mai, bác sĩ cho uống Panadol.",
	        "Down syndrome and Crohn's disease run in the family.",
	        /* Given names that are ordinary words, lowercase and with no
	         * cue before them. */
	        "my urine is dark amber since monday, is that dehydration?",
	        "the sputum is amber colored and thick",
	        "My question about raven basil amber yarrow keeps coming back",
	        "Crash ask umber amber amber cedar q"};

	/* Candidates: a capitalised run, a surname and one or two Han
	 * characters, the rules' own names. */
	{
		struct safety_text t;
		struct pii_found *v;
		struct pn_cand *k;
		struct pii_ctx c;
		size_t nv = 0, nk, latin = 0, han = 0, rule = 0;

		CHECK_INT(safety_pii_rules(a, "My name is Anna Lee. 王小明說",
		                           &t, &v, &nv),
		          0);
		memset(&c, 0, sizeof(c));
		c.a = a;
		c.t = &t;
		nk = pn_candidates(&c, v, nv, &k);
		for (size_t i = 0; i < nk; i++) {
			rule += k[i].rule;
			latin += !k[i].rule && k[i].ce - k[i].cb == 2;
			han += safety_is_cjk(t.cp[k[i].cb]);
			CHECK(k[i].nf > 10 && k[i].nf <= PN_MAXFEAT);
		}
		CHECK(rule >= 1);
		CHECK(han >= 1);
		CHECK(latin >= 1); /* "My" */
		/* Rules alone, with the layer off: the same findings. */
		CHECK_INT(names_in(a, "My name is Anna Lee.", NULL, "Anna Lee"),
		          1);
	}
	/* The decision: a sure model adds names the rules missed (not over
	 * other findings); a model sure of the contrary drops the rules'. */
	CHECK_INT(names_in(a, "The results went to Zorbel Quimby.", NULL, NULL),
	          0);
	CHECK(names_in(a, "The results went to Zorbel Quimby.", &yes,
	               "Zorbel Quimby") == 1);
	CHECK_INT(names_in(a, "My name is Anna Lee.", &no, NULL), 0);
	CHECK_INT(names_in(a, "Mail Anna at anna@example.com", &yes,
	                   "anna@example.com"),
	          0);
	/* A layer that is off changes nothing. */
	{
		const struct pn_model off = {zero, 1, 10, 0, 0.5, 0};

		CHECK_INT(names_in(a, "The results went to Zorbel Quimby.",
		                   &off, NULL),
		          0);
	}
	/* The built model: eponyms, drugs and hospitals are not names;
	 * introductions and relatives still are. */
	for (size_t i = 0; i < ARRAY_SIZE(not_names); i++) {
		int h = names_in(a, not_names[i], &pn_model, NULL);

		if (h != 0)
			printf("  name found in: %s\n", not_names[i]);
		CHECK_INT(h, 0);
	}
	CHECK_INT(names_in(a, "Hi, I'm Priya Raman, 34, with migraines.",
	                   &pn_model, "Priya Raman"),
	          1);
	CHECK_INT(names_in(a, "Writing for my dad, Harold Jenkins, who is 81.",
	                   &pn_model, "Harold Jenkins"),
	          1);
	CHECK_INT(names_in(a, "我叫王小明，今年三十歲。", &pn_model, "王小明"),
	          1);
	CHECK_INT(names_in(a, "Tôi tên là Nguyễn Thị Lan, 45 tuổi.", &pn_model,
	                   "Nguyễn Thị Lan"),
	          1);
	/* Bad input, as safety_pii_find. */
	{
		struct safety_pii *f;
		size_t n;

		CHECK_INT(safety_pii_find_with(a, NULL, &pn_model, &f, &n),
		          -EINVAL);
	}
	arena_free(a);
}

static void test_redact_output(void)
{
	struct arena *a = arena_new();
	static const char *const zh[SAFETY_PII_NTYPES] = {
	        "[已移除：電郵]", "[已移除：電話]", "[已移除：證號]",
	        "[已移除：地址]", "[已移除：姓名]"};
	static const char *const partial[SAFETY_PII_NTYPES] = {
	        "<E>", NULL, NULL, NULL, NULL};
	struct safety_pii *f;
	size_t n;
	char *out;

	CHECK_STR(redact(a, "Mail john@example.com or call 0912-345-678."),
	          "Mail [removed: e-mail] or call [removed: phone].");
	CHECK_STR(redact(a, "我叫王小明，身分證A123456789。"),
	          "我叫[removed: name]，身分證[removed: ID]。");
	CHECK_STR(redact(a, "Tôi ở số 12 đường Lê Lợi, quận 1."),
	          "Tôi ở [removed: address].");
	CHECK_STR(redact(a, "Take 500 mg at 10:30 on 2024-03-12, BP 140/90."),
	          "Take 500 mg at 10:30 on 2024-03-12, BP 140/90.");
	CHECK_INT(safety_redact(a, "電話0912345678", zh, &out, &f, &n), 0);
	CHECK_STR(out, "電話[已移除：電話]");
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(f[0].type, SAFETY_PII_PHONE);
		CHECK_INT(f[0].start, strlen("電話"));
		CHECK_INT(f[0].end, strlen("電話0912345678"));
	}
	/* A NULL entry falls back to the default marker. */
	CHECK_INT(safety_redact(a, "a@b.com 0912345678", partial, &out, NULL,
	                        NULL),
	          0);
	CHECK_STR(out, "<E> [removed: phone]");
	CHECK_STR(safety_pii_type_key(SAFETY_PII_ID), "id");
	CHECK_STR(safety_pii_type_key(SAFETY_PII_NTYPES), "unknown");
	arena_free(a);
}

static void test_pii_bad_input(void)
{
	struct arena *a = arena_new();
	struct safety_pii *f = (struct safety_pii *)1;
	size_t n = 7;
	char *out = (char *)1;
	/* Bad bytes stay in the output untouched; the phone still goes. */
	const char bad[] = "\xff call \xc3 0912-345-678 \xed\xa0\x80";

	CHECK_INT(safety_pii_find(a, NULL, &f, &n), -EINVAL);
	CHECK(f == NULL);
	CHECK_INT(n, 0);
	CHECK_INT(safety_redact(a, NULL, NULL, &out, &f, &n), -EINVAL);
	CHECK(out == NULL);
	CHECK_STR(redact(a, ""), "");
	CHECK_STR(redact(a, bad), "\xff call \xc3 [removed: phone] "
	                          "\xed\xa0\x80");
	/* Full-width digits are numbers too; the span covers the original
	 * full-width bytes. */
	CHECK_STR(redact(a, "電話：０９１２－３４５－６７８"),
	          "電話：[removed: phone]");
	/* Digits only, very long: no phone, no crash. */
	CHECK_STR(redact(a, "123456789012345678901234567890"),
	          "123456789012345678901234567890");
	/* An address marker without a number is not an address. */
	CHECK_STR(redact(a, "I live on Main Street."),
	          "I live on Main Street.");
	arena_free(a);
}

/* The report line of `askdoc safety`: format, byte offsets, JSON
 * escaping, and a refused text. */
static void test_report_line(void)
{
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	/* "é" is two bytes: offsets count bytes, not characters. */
	const char *t = "Caf\xc3\xa9 \"x\": I have crushing chest pain and "
	                "I'm sweating, call 0912-345-678";
	const char *p = strstr(t, "0912");
	char want[512], *big;

	safety_report(a, t, 1, &b);
	snprintf(want, sizeof(want),
	         "{\"emergency\": true, \"categories\": [\"cardiac\"], "
	         "\"redacted\": \"Caf\xc3\xa9 \\\"x\\\": I have crushing chest "
	         "pain and I'm sweating, call [removed: phone]\", "
	         "\"findings\": [{\"type\": \"phone\", \"text\": "
	         "\"0912-345-678\", \"start\": %zu, \"end\": %zu}]}\n",
	         (size_t)(p - t), (size_t)(p - t) + 12);
	buf_putc(&b, 0);
	CHECK_STR(b.p, want);
	buf_clear(&b);
	safety_report(a, "what is a normal heart rate?", 1, &b);
	buf_putc(&b, 0);
	CHECK_STR(b.p, "{\"emergency\": false, \"categories\": [], "
	               "\"redacted\": \"what is a normal heart rate?\", "
	               "\"findings\": []}\n");
	buf_clear(&b);
	/* Bad bytes: still valid JSON, offsets into the input. */
	safety_report(a, "\xff 0912-345-678", 1, &b);
	buf_putc(&b, 0);
	CHECK(strstr(b.p, "\"start\": 2, \"end\": 14") != NULL);
	CHECK(strstr(b.p, "\xff") == NULL);
	buf_clear(&b);
	big = xmalloc(LIMIT_SAFETY_TEXT_BYTES + 2);
	memset(big, 'a', LIMIT_SAFETY_TEXT_BYTES + 1);
	big[LIMIT_SAFETY_TEXT_BYTES + 1] = 0;
	safety_report(a, big, 1, &b);
	buf_putc(&b, 0);
	CHECK_STR(b.p, "{\"error\": \"text too long\"}\n");
	buf_clear(&b);
	safety_report(a, "call 0912-345-678", 0, &b);
	buf_putc(&b, 0);
	CHECK_STR(b.p, "no emergency\n  redacted: call [removed: phone]\n"
	               "  phone 5-17: 0912-345-678\n");
	free(big);
	buf_free(&b);
	arena_free(a);
}

/* The general kinds of the concept redesign, each with its false alarm. */
static void test_redflag_kinds(void)
{
	/* Atypical presentation: sweat with jaw pain; not with grinding. */
	CHECK(fires_cat("my mom is 74, suddenly sweaty and her jaw aches",
	                SAFETY_CARDIAC));
	CHECK(!fires("I sweat a lot at night and my jaw hurts from grinding"));
	/* An ingestion that feels fine is still one. */
	CHECK(fires_cat("Bé nhà em nuốt viên pin cúc áo, giờ vẫn chơi bình "
	                "thường",
	                SAFETY_POISONING));
	CHECK(fires_cat("昨天吞了二十幾顆普拿疼，今天感覺還好",
	                SAFETY_POISONING));
	/* Danger by age: a floppy baby without fever; not a sleepy one. */
	CHECK(fires("baby 4 months, very floppy, no wet diaper since "
	            "yesterday"));
	CHECK(!fires("Bé 6 tháng ngủ nhiều có sao không"));
	CHECK(!fires("打完疫苗宝宝有点蔫，但没有发烧。"));
	/* Intent asked as a question; fear of anaesthesia is not. */
	CHECK(fires_cat("how many of my sleeping pills would it take to not "
	                "wake up",
	                SAFETY_SUICIDE));
	CHECK(fires_cat("有没有什么药吃了可以一睡不醒", SAFETY_SUICIDE));
	CHECK(!fires("I'm scared I won't wake up after the anaesthesia"));
}

/* Kinds from the ext-d and ext-e misses (fourth session), in sentences
 * written here, each kind in more than one language. */
static void test_redflag_fourth_kinds(void)
{
	/* A chronic condition "for years" dates its own clause only. */
	CHECK_INT(fires_cat("Ông nhà em 70 tuổi, bị cao huyết áp nhiều năm, "
	                    "từ trưa ra mồ hôi lạnh, buồn nôn, mệt lả",
	                    SAFETY_CARDIAC),
	          1);
	CHECK(!fires("She's had asthma for years, uses her inhaler twice a "
	             "week, fine otherwise. Can she scuba dive?"));
	/* A clause that says "now" ends the past of an earlier one. */
	CHECK(fires("奶奶前年装过心脏支架，刚刚血压量到75/45，人迷迷糊糊，"
	            "叫她反应慢"));
	/* The patient's own forecast ("lying down will fix it") resolves
	 * nothing. */
	CHECK(fires("我媽現在胸口很悶一直冒冷汗，她說休息一下就好了"));
	/* A fast pulse from a watch with symptoms. */
	CHECK_INT(fires_cat("my watch has read 178 for forty minutes, I feel "
	                    "lightheaded and my chest is tight",
	                    SAFETY_CARDIAC),
	          1);
	CHECK(fires("Đồng hồ báo nhịp tim 185, em thấy chóng mặt, tức ngực"));
	CHECK(!fires("my heart rate hit 175 during the sprint intervals, "
	             "is that too high for a 30 year old?"));
	/* Carbon monoxide: a heater in a shut room and its symptoms. */
	CHECK_INT(
	        fires_cat("浴室的燃氣熱水器開著，門窗都關了，洗完頭好暈很想吐",
	                  SAFETY_POISONING),
	        1);
	CHECK(fires("Phòng tắm đóng kín, bình nóng lạnh chạy gas, tắm xong em "
	            "đau đầu buồn nôn"));
	CHECK(!fires("Is a gas water heater safe in a flat? Windows closed in "
	             "winter, nobody has symptoms."));
	/* Choking only partly cleared. */
	CHECK_INT(fires_cat("she choked on a grape, coughed some up but still "
	                    "wheezing and can't talk",
	                    SAFETY_BREATHING),
	          1);
	/* Hypothermia after a long lie. */
	CHECK(fires("爷爷半夜摔在阳台上，早上才被发现，全身冰冷，叫他只会哼"));
	/* Farewell messages and an unreachable person. */
	CHECK_INT(fires_cat("my brother posted goodbye to everyone and now his "
	                    "phone is off",
	                    SAFETY_SUICIDE),
	          1);
	CHECK(fires("她在群里留下一封信跟大家说对不起，现在手机关机"));
	CHECK(fires("chán mọi thứ rồi, thuốc ngủ để dành cả tháng ngay trước "
	            "mặt đây"));
	/* Adrenaline already given still needs the emergency department;
	 * carrying a pen does not. */
	CHECK_INT(fires_cat("Bé bị dị ứng tôm, em vừa tiêm EpiPen, giờ đỡ rồi",
	                    SAFETY_ANAPHYLAXIS),
	          1);
	CHECK(!fires("Should my son carry two EpiPens to school camp?"));
	/* Chest pain that nitroglycerin does not ease; refilling it is no
	 * emergency. */
	CHECK(fires("chest pain for half an hour, two nitro tablets and it "
	            "hasn't helped"));
	CHECK(!fires("stable angina for years, can I get my nitro spray "
	             "refilled early?"));
	/* Arterial bleeding. */
	CHECK(fires("cut my thigh on a saw, blood spurting with each "
	            "heartbeat"));
	CHECK(fires("bị dao cắt vào cổ tay, máu phun thành tia"));
	/* A brief loss of consciousness after a blow, then amnesia. */
	CHECK(fires("被球砸到後當場昏了一下，現在想不起來剛剛發生什麼"));
	/* A newborn's age in weeks; an ear temperature. */
	CHECK(fires("宝宝才三周大，耳温38.4"));
	CHECK(fires("Con em được 3 tuần tuổi, sốt 38.2 độ"));
	/* One pill of some drugs can kill a toddler. */
	CHECK_INT(fires_cat("my 18 month old ate two of grandad's amlodipine "
	                    "but seems fine",
	                    SAFETY_POISONING),
	          1);
	CHECK(!fires("Mẹ em uống amlodipine 5mg mỗi sáng, huyết áp ổn định"));
	CHECK(!fires("小孩吞了一顆龍眼籽，現在還在玩"));
	/* Smoke inhalation. */
	CHECK(fires("kitchen fire last night, he breathed in a lot of smoke, "
	            "voice hoarse and coughing up black stuff"));
	/* Hyperbole, exams, leaflets and controlled chronic illness. */
	CHECK(!fires("老师布置的作业写得我想死，熬夜伤肝吗"));
	CHECK(!fires("Học thi muốn chết luôn, uống cà phê nhiều có sao ko"));
	CHECK(!fires("What is the difference between a TIA and a stroke? I "
	             "have a pharmacology exam."));
	CHECK(!fires("說明書寫服用過量可能致命，這個藥一天最多幾顆？"));
	CHECK(!fires("Động kinh của chồng em kiểm soát tốt, 2 năm không lên "
	             "cơn, có nên mang thai không"));
	/* A seizure at age three, the writer's child now nine. */
	CHECK(!fires("My son had a febrile seizure when he was 3, he is 9 now. "
	             "Should his sister be tested?"));
	/* Not stopping breathing is not apnoea. */
	CHECK(!fires("my husband snores a lot but doesnt stop breathing"));
}

/* ---- the statistical layer (redflag_feat.c, redflag_model.c) ---- */

static int has_idx(const struct rf_feats *fx, uint32_t idx)
{
	for (size_t i = 0; i < fx->n; i++)
		if (fx->v[i].idx == idx)
			return 1;
	return 0;
}

/* Every gram feature of a is one of b's. */
static int grams_within(const struct rf_feats *a, const struct rf_feats *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].idx >= RF_STRUCT && !has_idx(b, a->v[i].idx))
			return 0;
	return 1;
}

static void test_model_features(void)
{
	struct arena *a = arena_new();
	struct safety_flag *f;
	struct rf_feats x, y;
	size_t n;

	/* Vietnamese without accents shares its grams with the accented
	 * text; traditional and simplified Chinese give the same grams. */
	CHECK_INT(rf_features(a, "bo toi dau nguc", &f, &n, &x), 0);
	CHECK_INT(rf_features(a, "bố tôi đau ngực", &f, &n, &y), 0);
	CHECK(x.n > 0 && y.n > x.n);
	CHECK(grams_within(&x, &y));
	CHECK(!grams_within(&y, &x));
	CHECK_INT(rf_features(a, "我爸爸頭痛發燒", &f, &n, &x), 0);
	CHECK_INT(rf_features(a, "我爸爸头痛发烧", &f, &n, &y), 0);
	CHECK(grams_within(&x, &y) && grams_within(&y, &x));
	/* Indices stay in range; bad input is refused as by the rules. */
	CHECK_INT(rf_features(a, "Chest pain 38.5 ... 胸口痛 đau", &f, &n, &x),
	          0);
	for (size_t i = 0; i < x.n; i++)
		CHECK(x.v[i].idx < RF_DIM);
	CHECK_INT(rf_features(a, NULL, &f, &n, &x), -EINVAL);
	CHECK_INT((int)x.n, 0);
	arena_free(a);
}

static void test_model_rules_stand(void)
{
	struct safety_flag s = {SAFETY_SUICIDE, 0, 1, "x"},
	                   c = {SAFETY_CARDIAC, 0, 1, "x"}, two[2];

	CHECK(rf_rules_stand(&s, 1, 100));
	CHECK(!rf_rules_stand(&c, 1, 100));
	CHECK(rf_rules_stand(&c, 1, RF_GRAM_BYTES + 1));
	CHECK(!rf_rules_stand(&c, 0, RF_GRAM_BYTES + 1));
	two[0] = c;
	two[1] = s;
	CHECK(rf_rules_stand(two, 2, 10));
}

/* On the training corpus the layer both adds notices the rules miss
 * (each a whole-text flag of rule "model" with a real category) and
 * withdraws some of their false alarms; it never withdraws a notice for
 * thoughts of suicide. */
static void test_model_layer(void)
{
	char *data = read_file("tests/data/safety/redflag-corpus.tsv"), *line,
	     *save = NULL;
	struct arena *a = arena_new();
	int added = 0, withdrawn = 0, ok = 1;

	CHECK(rf_model.trained);
	CHECK(data != NULL);
	if (!data || !rf_model.trained)
		goto done;
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct safety_flag *rf, *f;
		size_t nr, n;
		char *fl[5];

		if (line[0] == '#' || fields(line, fl, 5) != 5)
			continue;
		CHECK_INT(rf_detect(a, fl[4], &rf, &nr, NULL), 0);
		CHECK_INT(safety_redflags(a, fl[4], &f, &n), 0);
		if (nr == 0 && n > 0) {
			added++;
			ok &= n == 1 && strcmp(f[0].rule, "model") == 0 &&
			      f[0].start == 0 && f[0].end == strlen(fl[4]) &&
			      f[0].category > 0 &&
			      f[0].category < SAFETY_NCATEGORIES;
		}
		if (nr > 0 && n == 0) {
			withdrawn++;
			ok &= !rf_rules_stand(rf, nr, strlen(fl[4]));
		}
		if (nr > 0 && n > 0)
			ok &= n == nr; /* the rules' flags, unchanged */
		arena_reset(a);
	}
	CHECK(ok);
	CHECK(added >= 20);
	CHECK(withdrawn >= 5);
done:
	free(data);
	arena_free(a);
}

/* --eval: the mean time per text of both detectors over the two sets'
 * texts (each run 50 times, after one warm-up call that builds the
 * tables), in wall-clock time and in the thread's CPU time (which a
 * loaded machine inflates less). */
static void eval_speed(void)
{
	char *sets[2] = {read_file(redflag_tsv), read_file(pii_tsv)};
	static const char *texts[8192];
	size_t nt = 0, bytes = 0;
	struct arena *a = arena_new();
	double t0, t_rf, t_pii, c0, c_rf, c_pii, t_rules, c_rules;
	double t_pii_rules, c_pii_rules;

	for (int k = 0; k < 2; k++) {
		char *line, *save = NULL;

		if (!sets[k])
			continue;
		for (line = strtok_r(sets[k], "\n", &save); line && nt < 8192;
		     line = strtok_r(NULL, "\n", &save)) {
			char *t = strrchr(line, '\t');

			if (line[0] != '#' && t) {
				texts[nt++] = t + 1;
				bytes += strlen(t + 1);
			}
		}
	}
	if (nt == 0)
		goto done;
	fires("warm up");
	t0 = now();
	c0 = cpu_now();
	for (int r = 0; r < 50; r++)
		for (size_t i = 0; i < nt; i++) {
			struct safety_flag *f;
			size_t n;

			safety_redflags(a, texts[i], &f, &n);
			arena_reset(a);
		}
	t_rf = (now() - t0) / (50.0 * nt);
	c_rf = (cpu_now() - c0) / (50.0 * nt);
	/* The rules alone, the baseline of the statistical layer. */
	t0 = now();
	c0 = cpu_now();
	for (int r = 0; r < 50; r++)
		for (size_t i = 0; i < nt; i++) {
			struct safety_flag *f;
			size_t n;

			rf_detect(a, texts[i], &f, &n, NULL);
			arena_reset(a);
		}
	t_rules = (now() - t0) / (50.0 * nt);
	c_rules = (cpu_now() - c0) / (50.0 * nt);
	t0 = now();
	c0 = cpu_now();
	for (int r = 0; r < 50; r++)
		for (size_t i = 0; i < nt; i++) {
			char *out;

			safety_redact(a, texts[i], NULL, &out, NULL, NULL);
			arena_reset(a);
		}
	t_pii = (now() - t0) / (50.0 * nt);
	c_pii = (cpu_now() - c0) / (50.0 * nt);
	/* The name rules alone, the baseline of the statistical layer. */
	t0 = now();
	c0 = cpu_now();
	for (int r = 0; r < 50; r++)
		for (size_t i = 0; i < nt; i++) {
			struct safety_pii *f;
			size_t n;

			safety_pii_find_with(a, texts[i], NULL, &f, &n);
			arena_reset(a);
		}
	t_pii_rules = (now() - t0) / (50.0 * nt);
	c_pii_rules = (cpu_now() - c0) / (50.0 * nt);
	printf("speed (%zu texts, mean %zu bytes, one thread)\n", nt,
	       bytes / nt);
	printf("  safety_redflags %.1f us per text, safety_redact %.1f us "
	       "per text\n",
	       t_rf * 1e6, t_pii * 1e6);
	printf("  thread CPU time: safety_redflags %.1f us per text, "
	       "safety_redact %.1f us per text\n",
	       c_rf * 1e6, c_pii * 1e6);
	printf("  the rules alone (rf_detect): %.1f us per text, thread CPU "
	       "%.1f us (the model adds %.0f%%)\n",
	       t_rules * 1e6, c_rules * 1e6,
	       c_rules > 0 ? (c_rf / c_rules - 1) * 100 : 0);
	printf("  personal data without the name model: %.1f us per text, "
	       "thread CPU %.1f us (the model adds %.0f%%)\n",
	       t_pii_rules * 1e6, c_pii_rules * 1e6,
	       c_pii_rules > 0 ? (c_pii / c_pii_rules - 1) * 100 : 0);
done:
	arena_free(a);
	free(sets[0]);
	free(sets[1]);
}

static const char *trace_text;

static void trace_one(const char *concept, int counted, size_t b, size_t e)
{
	printf("  %s %-14s %.*s%s%s\n", counted ? "+" : "-", concept,
	       (int)(e - b), trace_text + b, safety_redflag_why ? "  : " : "",
	       safety_redflag_why ? safety_redflag_why : "");
}

/* --trace TEXT: the concepts matched in TEXT, counted (+) or not (-), and
 * the categories. */
static int trace(const char *text)
{
	struct arena *a = arena_new();
	struct safety_flag *f;
	size_t n = 0;

	trace_text = text;
	safety_redflag_trace = trace_one;
	safety_redflags(a, text, &f, &n);
	safety_redflag_trace = NULL;
	for (size_t i = 0; i < n; i++)
		printf("  => %s (%s)\n", safety_category_key(f[i].category),
		       f[i].rule);
	arena_free(a);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--trace") == 0)
		return trace(argv[2]);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--eval") == 0)
			eval_mode = 1;
		else if (strcmp(argv[i], "--misses") == 0)
			show_misses = 1;
		else if (strcmp(argv[i], "--all-misses") == 0)
			show_misses = all_misses = 1;
		else if (strcmp(argv[i], "--split") == 0 && i + 1 < argc)
			miss_split = argv[++i];
		else if (strcmp(argv[i], "--type") == 0 && i + 1 < argc &&
		         (miss_type = safety_pii_type_by_key(
		                  argv[i + 1], strlen(argv[i + 1]))) >= 0)
			i++;
		else if (strcmp(argv[i], "--redflag") == 0 && i + 1 < argc) {
			redflag_tsv = argv[++i];
			outside |= 1;
		} else if (strcmp(argv[i], "--pii") == 0 && i + 1 < argc) {
			pii_tsv = argv[++i];
			outside |= 2;
		} else {
			fprintf(stderr,
			        "usage: test_safety [--eval [--misses | "
			        "--all-misses | --split NAME] [--type KEY] "
			        "[--redflag FILE] [--pii FILE]]\n");
			return 2;
		}
	}
	if (eval_mode) {
		/* With only one outside file, score only that one. */
		if (!outside || (outside & 1))
			RUN(test_redflag_set);
		if (!outside || (outside & 2))
			RUN(test_pii_set);
		eval_speed();
		return test_summary();
	}
	RUN(test_rules_compile);
	RUN(test_negation_scopes);
	RUN(test_tense_policy);
	RUN(test_categories);
	RUN(test_word_classes);
	RUN(test_typos);
	RUN(test_despair_and_means);
	RUN(test_burns);
	RUN(test_vietnamese_shorthand);
	RUN(test_composed_concepts);
	RUN(test_resolution_and_chronic);
	RUN(test_care_general_kinds);
	RUN(test_flag_spans);
	RUN(test_redflag_bad_input);
	RUN(test_large_input);
	RUN(test_threads);
	RUN(test_random_input);
	RUN(test_id_checksums);
	RUN(test_redact_output);
	RUN(test_name_model);
	RUN(test_pii_test4_regressions);
	RUN(test_pii_test5_regressions);
	RUN(test_pii_ext_bc_kinds);
	RUN(test_pii_fourth_kinds);
	RUN(test_pii_bad_input);
	RUN(test_report_line);
	RUN(test_redflag_kinds);
	RUN(test_redflag_fourth_kinds);
	RUN(test_pii_kinds);
	RUN(test_model_features);
	RUN(test_model_rules_stand);
	RUN(test_model_layer);
	RUN(test_redflag_set);
	RUN(test_pii_set);
	return test_summary();
}
