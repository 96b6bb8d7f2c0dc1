/* safety/internal.h: text normalisation shared by pii.c and redflag.c.
 *
 * Both detectors work on a normalised copy of the text (ICU NFKC, with case
 * folding when asked, and Chinese folded to simplified characters) whose
 * every code point remembers the byte span of the input it came from, so
 * findings point back into the caller's bytes exactly. Malformed UTF-8 turns
 * into U+FFFD, one per bad byte, which both detectors treat as a separator.
 */
#ifndef ASKDOC_SAFETY_INTERNAL_H
#define ASKDOC_SAFETY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct safety_flag;

/* The normalised text: n code points, each with the input bytes
 * [beg[i], end[i]) it was made from. Several code points may share a span
 * (an expansion such as U+2474 "(1)"), and a span may cover several input
 * characters (a letter and its combining accent composed into one). */
struct safety_text {
	uint32_t *cp;
	uint32_t *beg;
	uint32_t *end;
	size_t n;
};

enum {
	SAFETY_NORM_FOLD = 1, /* NFKC_Casefold instead of NFKC */
	SAFETY_NORM_HANS =
	        2, /* fold traditional Han characters to simplified */
};

/* Normalise the len bytes at s into out, allocated in a. Returns 0, or
 * -EINVAL if ICU's normaliser cannot be loaded (then out is empty). */
int safety_text_norm(struct arena *a, const char *s, size_t len, unsigned flags,
                     struct safety_text *out);

/* The base letter of a Latin letter with diacritics, lowercase ASCII where
 * one exists ('đ' and 'Đ' give 'd'); 0 for a combining mark; other code
 * points unchanged. Used for Vietnamese written without its accents. */
uint32_t safety_fold_latin(uint32_t c);

/* 1 if c is a Han, kana or Hangul character (one token per character). */
int safety_is_cjk(uint32_t c);

/* Append the UTF-8 encoding of c to p (at least 4 bytes of room); returns
 * the number of bytes written. */
size_t safety_utf8_put(char *p, uint32_t c);

/* ---- the emergency rules (redflag_rules.c, read by redflag.c) ---- */

/* What a lexicon entry's patterns are. Cues are matched like concepts and
 * then change how the concepts around them count. */
enum rf_kind {
	RF_CONCEPT,  /* a finding: its patterns make concept occurrences */
	RF_NEG_PRE,  /* negation before a concept ("no", "没有", "không") */
	RF_NEG_POST, /* resolution after a concept ("went away", "消失了") */
	RF_PSEUDO,   /* looks like a negation but is not ("not sure") */
	RF_HYPO_PRE, /* hypothetical before ("if", "如果", "nếu") */
	RF_HYPO_POST, /* hypothetical after ("有什么症状", "là gì") */
	RF_FUTURE,    /* imminent only ("going to", "差点", "suýt") */
	RF_HIST,      /* distant past in the sentence ("years ago") */
	RF_PRESENT,   /* happening now ("now", "again", "现在", "đang") */
	RF_BOUNDARY,  /* ends a clause ("but", "但是", "nhưng") */
	RF_BLOCK,     /* matches of its concept (C_NONE: of every concept)
	                 overlapping it do not count */
	RF_NEG_SENT,  /* resolution that looks back over its whole sentence
	                 ("..., but it passed", "后来就好了"); not for
	                 concepts kept whatever their tense (suicide) */
	RF_CARED,     /* the patient is in care and stable, or recovered
	                 ("stable on the ward", "已经走出来了", "đã ổn"):
	                 RF_EVENT concepts in its sentence and the ones
	                 before it do not count */
	RF_GENERAL,   /* a general or second-hand question ("just curious",
	                 "in a film", "急救培训"): nothing fires unless a
	                 counted concept is in a clause about now */
	RF_CHRONIC,   /* how long a condition has lasted ("for years",
	                 "多年", "lâu năm"): the past for its own clause
	                 only, where RF_HIST reaches the clauses after it
	                 too ("diabetic for years, since noon sweaty and
	                 sick" is about now) */
};

/* Concepts. Keep rf_concepts[] in redflag_rules.c in this order. */
enum rf_concept {
	C_NONE,
	C_CHEST_PAIN,
	C_CHEST_SEVERE,
	C_BREATHLESS,
	C_CANT_BREATHE,
	C_RADIATE,
	C_COLD_SWEAT,
	C_HEART_ATTACK,
	C_FACE_DROOP,
	C_ARM_WEAK,
	C_SPEECH,
	C_NUMB_SIDE,
	C_STROKE,
	C_THUNDER_HEADACHE,
	C_VISION_LOSS,
	C_VOMIT_BLOOD,
	C_BLACK_STOOL,
	C_COUGH_BLOOD,
	C_HEAVY_BLEED,
	C_FAINT,
	C_CONFUSION,
	C_SUICIDE,
	C_POISON,
	C_CHILD,
	C_NEWBORN,
	C_FEVER,
	C_LETHARGY,
	C_STIFF_NECK,
	C_RASH_PURPLE,
	C_THROAT_SWELL,
	C_ANAPHYLAXIS,
	C_ALLERGY,
	C_SEIZURE,
	C_SEIZURE_LONG,
	C_SEIZURE_NOW,
	C_HEAD_INJURY,
	C_VOMIT,
	C_HEAD_SIGN, /* after a head injury: drowsy, confused, worse headache */
	C_DIZZY,
	C_SEVERITY,    /* severe, crushing, unbearable: with chest pain */
	C_SWALLOW,     /* cannot swallow, drooling: with throat swelling */
	C_BURN,        /* a burn or scald, boiling liquid, electric shock */
	C_BURN_BAD,    /* large, deep or on the face: with C_BURN */
	C_BURN_SEVERE, /* third degree, full thickness: alone */
	C_BURN_MINOR,  /* small, tiny, a fingertip: exempts C_BURN_BAD */
	C_INGEST_MED,  /* swallowed or got into pills: with a child */
	C_DESPAIR,     /* "can't do this anymore", "no way out" */
	C_MEANS,       /* pills ready, a rope, on the ledge: with despair */
	C_MEDS_ANY,    /* any medicine named: with a count taken */
	C_OD_COUNT,    /* "took 15", "吃了 20 颗": a count swallowed */
	C_DOSE_ERR,    /* "4 times the dose", "double dose": with a child */
	C_HIVES,       /* hives, welts: with dizziness, fainting, breath */
	C_FUMES,       /* bleach mixed with ammonia, fumes breathed in */
	C_HEADACHE,    /* any headache: with C_WORST */
	C_WORST, /* "worst of my life", "这辈子最痛", "chưa bao giờ đau
	            như vậy": with a headache */
	/* context concepts: only ever used to exempt a rule */
	C_BENIGN_DARK_STOOL, /* iron tablets, bismuth, blueberries */
	C_CHEST_WALL,        /* pain on pressing, after the gym */
	C_MENSTRUAL,
	C_PREGNANT,
	C_VOICE,         /* hoarse, lost voice, sore throat */
	C_INFANT,        /* a baby under a year: with an infant danger sign */
	C_INFANT_DANGER, /* floppy, not feeding, no wet nappies, sunken
	                    soft spot: with C_INFANT */
	C_CHEMO,         /* on chemotherapy: with fever */
	C_DKA,      /* acetone breath, deep fast breathing: with drowsiness */
	C_RISK,     /* diabetic, smoker: with sweat and nausea (cardiac) */
	C_NAUSEA,   /* nausea, stomach upset */
	C_EXERTION, /* after the gym: exempts sweat with breathlessness */
	/* kinds from the ext-b and ext-c misses (2026-12-07) */
	C_ABD_PAIN,     /* any belly pain or cramps */
	C_ABD_SEVERE,   /* sudden or severe belly pain, a hard belly */
	C_VAG_BLEED,    /* bleeding or spotting (with pregnancy) */
	C_TRAUMA,       /* a fall, a blow, a crash */
	C_FETAL_LESS,   /* the baby moves less */
	C_BP_HIGH,      /* systolic 160 or more */
	C_BP_LOW,       /* systolic under 90 */
	C_VISUAL,       /* flashing lights, blurred vision */
	C_SHOULDER_TIP, /* pain going up to the shoulder (ectopic) */
	C_TESTIS,       /* a testicle that hurts or swells */
	C_EYE_CHEM,     /* a chemical splashed in the eye */
	C_DROWN,        /* under water, pulled out */
	C_ELECTRIC,     /* an electric shock */
	C_PALPITATION,  /* heart racing, skipping */
	C_HEAT,         /* hot weather, sun, working in the heat */
	C_NO_SWEAT,     /* stopped sweating, hot dry skin */
	C_ALTERED,      /* drowsy, confused, slow to answer, stumbling */
	C_ANTICOAG,     /* on a blood thinner */
	C_GLU_LOW,      /* a low blood sugar reading */
	C_GLU_HIGH,     /* the meter reads HI */
	C_DIAB_MED,     /* insulin or a sulfonylurea */
	C_INFECTION,    /* an infection, antibiotics, a wound with pus */
	C_POSTOP,       /* days after an operation or a delivery */
	C_SEPSIS_SIGN,  /* mottled skin, no urine, rigors */
	C_PESTICIDE,    /* sprayed or handled a pesticide */
	C_CHOLINERGIC,  /* drooling, pinpoint pupils, twitching */
	C_AMPUTATION,   /* a finger cut off */
	C_DOOM,         /* "feel like I'm dying" */
	C_BURN_AIRWAY,  /* singed eyebrows, hoarse voice after a fire */
	C_INFANT_DRY,   /* no wet nappies, no tears, sunken soft spot */
	/* kinds from the ext-d and ext-e misses (2026-12-07, fourth
	 * session) */
	C_TACHY,       /* a heart rate of 130 or more from a watch or a cuff */
	C_HEATER,      /* a gas water heater, a brazier, charcoal indoors */
	C_CLOSED_ROOM, /* windows and doors shut, no air */
	C_CHOKE,       /* choked on food, something stuck in the throat */
	C_COLD_BODY,   /* ice cold, lay out all night: hypothermia */
	C_FAREWELL,    /* goodbye messages, apologies to everyone, a letter */
	C_UNREACHABLE, /* phone off, not answering, gone */
	C_EPI_USED,    /* an adrenaline pen given just now */
	C_NITRO,       /* nitroglycerin taken for chest pain */
	C_ONE_PILL,    /* drugs one tablet of which can kill a toddler */
	C_SWALLOW_N,   /* "ate two", "吃了两颗", "nuốt 3 viên" */
	C_NCONCEPTS
};

enum {
	RF_KEEP_HIST = 1,   /* distant-past sentences still count */
	RF_KEEP_FUTURE = 2, /* "going to", "muốn" still count */
	RF_KEEP_FINE = 4, /* "feels fine", "vẫn bình thường" after it does
	                     not resolve it: an ingestion can feel fine
	                     for hours before it harms */
	RF_EVENT = 8,     /* an event that care can have taken over (a stroke,
	                     a heart attack, an attempt): an RF_CARED cue after
	                     it resolves it */
	RF_RESIDUAL = 16, /* a stroke sign that, once a stroke has been
	                     treated (RF_CARED), is what it left behind */
};

struct rf_concept_info {
	const char *name;
	unsigned flags;       /* RF_KEEP_* */
	enum rf_concept weak; /* what it counts as when only imminent
	                         ("nearly fainted"); C_NONE: nothing */
};

/* A lexicon entry: patterns separated by '|'; a pattern's elements are
 * separated by spaces. An element is a word (Chinese: one or more
 * characters, each its own element), a word prefix ending in '*', a gap
 * "_N" (up to N tokens, never across a comma or a sentence end), or a
 * number class: "#n" any number, "#hi" a high temperature (38.9-43.5 or
 * 101.5-110), "#fev" a fever (from 38 or 100.4), "#kid" 1-12, "#m3" 0-3,
 * "#5" 5 or more, "#many" 10 or more, "#yr" a year (1900-2099). A pattern
 * may not start with a gap. */
struct rf_lex {
	enum rf_kind kind;
	enum rf_concept concept; /* RF_CONCEPT; RF_BLOCK: the one blocked */
	unsigned window;         /* cues: tokens between cue and concept */
	const char *patterns;
};

/* A rule: the category fires when every required concept occurs (counted)
 * within `window` sentences of the first one, unless the `unless` concept
 * occurs in the first one's sentence. */
struct rf_rule {
	int category; /* enum safety_category */
	const char *name;
	enum rf_concept req[3];
	unsigned window;
	enum rf_concept unless;
};

/* A word class: patterns write "@name" for "any of these words". A word
 * may be a prefix ("swallow*") or a short phrase ("got into", "洗衣液":
 * its words must follow each other). Classes let one pattern say "an
 * ingestion verb near a household poison" instead of listing every pair
 * (redflag_classes.c). */
struct rf_class {
	const char *name;
	const char *words; /* alternatives separated by '|' */
};

extern const struct rf_class rf_classes[];
extern const size_t rf_nclasses;

/* ---- typo tolerance (redflag_typo.c) ---- */

/* The lexicon word that the lowercase ASCII word w[0..n) is a likely typo
 * of: one letter missing or added or two neighbours swapped, the first
 * letter the same, for lexicon words of at least 7 letters. Returns the word
 * (static, NUL-terminated) or NULL when w is itself a lexicon word, too
 * short, not ASCII, or near none or several. Thread-safe; builds its table
 * on the first call. */
const char *rf_typo_fix(const char *w, size_t n);

/* The lexicon's spelling of an informal word: "cant" is "can't", "cnt"
 * "can't", "wen" "when", "talkin" "talking". Returns a static string, or
 * NULL when w[0..n) (lowercase) is not one. */
const char *rf_informal_fix(const char *w, size_t n);

/* The lexicon's syllables for Vietnamese shorthand w[0..n) (lowercase,
 * as typed): "ko" is "không", "dc" "được", "r" "rồi", "e" "em"; "p" after
 * a number is "phút". Returns the accented form (static) and sets *fold to
 * it without accents, or returns NULL. For text that looks Vietnamese
 * only. */
const char *rf_vi_shorthand(const char *w, size_t n, int after_number,
                            const char **fold);

/* 1 if w[0..n) (lowercase, accentless) is a common Vietnamese word that
 * English hardly uses ("khong", "bi", "cua"), else 0. */
int rf_vi_marker(const char *w, size_t n);

extern const struct rf_concept_info rf_concepts[C_NCONCEPTS];
extern const struct rf_lex rf_lexicon[];
extern const size_t rf_nlexicon;
extern const struct rf_rule rf_rules[];
extern const size_t rf_nrules;

/* ---- the rules' view of a text, for the statistical layer ---- */

/* What the rules saw (redflag.c fills it; redflag_feat.c turns it into
 * the model's features): per concept, how often a match counted (under
 * the concept it counted as, which for an imminent-only match is its
 * weak form), how often one did not, and why not (bit r: the r-th
 * reason of the trace: negated, resolved, negated in gap, hypothetical,
 * past, chronic, cared, imminent, blocked). */
struct rf_info {
	uint8_t counted[C_NCONCEPTS];
	uint8_t missed[C_NCONCEPTS];
	uint16_t why[C_NCONCEPTS];
	int general; /* a general or second-hand question */
	int present; /* a counted concept in a clause saying "now" */
	struct safety_text text; /* the text, normalised (FOLD | HANS) */
};

/* The rules alone: safety_redflags() without the statistical layer, and
 * with what they saw in *info when info is not NULL. */
int rf_detect(struct arena *a, const char *text, struct safety_flag **out,
              size_t *n, struct rf_info *info);

/* ---- the statistical layer (redflag_feat.c, redflag_model.c) ---- */

/* A logistic model over the rules' view of a text (which concepts
 * counted, which matched but did not and why, the categories the rules
 * fired, a general question) and hashed character 1-4 grams of the NFKC
 * case-folded text with Han folded to simplified, once without Latin
 * accents and again with them where they differ (Vietnamese typed either
 * way shares its accentless grams), plus Latin word unigrams and bigrams.
 * Indices below RF_STRUCT are the rules' features; the grams hash into
 * the rest of RF_DIM. The category model (which notice to show when only
 * the model fires) reads the same features folded into RF_CAT_DIM. */
#define RF_DIM     (1u << 18)
#define RF_CAT_DIM (1u << 14)
#define RF_STRUCT  4096u

struct rf_feat {
	uint32_t idx;
	float val;
};

struct rf_feats {
	struct rf_feat *v;
	size_t n;
};

/* Run the rules on text (rf_detect: *out, *n) and make its features in
 * fx (allocated in a). Returns as rf_detect; fx is empty on an error. */
int rf_features(struct arena *a, const char *text, struct safety_flag **out,
                size_t *n, struct rf_feats *fx);

/* Grams come from the first RF_GRAM_BYTES bytes of a text (cut at a
 * character); the rules read all of it. */
#define RF_GRAM_BYTES 12000u

/* Must the rules' flags f[0..n) on a text of len bytes stand whatever
 * the model says? Thoughts of suicide always do (a notice with a crisis
 * line costs little), and so does everything in a text longer than the
 * model reads. */
int rf_rules_stand(const struct safety_flag *f, size_t n, size_t len);

/* The category model's index of feature index i. */
static inline uint32_t rf_cat_index(uint32_t i)
{
	return i < RF_STRUCT ? i : RF_STRUCT + i % (RF_CAT_DIM - RF_STRUCT);
}

/* A trained model: weights w[RF_DIM] (scaled by w_scale), bias; category
 * weights cw[RF_CAT_DIM][SAFETY_NCATEGORIES] (scaled by cw_scale, column
 * 0 unused), cbias; the decision: an emergency when the probability is
 * at least t_alone, or the rules fired and it is at least t_rules. */
struct rf_model {
	const int16_t *w;
	float w_scale, bias;
	const int16_t *cw;
	float cw_scale;
	const float *cbias;
	float t_alone, t_rules;
	int trained; /* 0: built without labelled data; the rules alone */
};

/* The model built into the program (build/gen/redflag_model.c, made by
 * tools/rf_train.c from the labelled sets at build time). */
extern const struct rf_model rf_model;

/* For the unit tests (test_safety --trace TEXT): when set, called for
 * every concept match of the calling thread's safety_redflags() with the
 * concept's name, whether it counted (not negated, hypothetical, ...)
 * and its bytes. Never set in the server. */
extern _Thread_local void (*safety_redflag_trace)(const char *concept,
                                                  int counted, size_t b,
                                                  size_t e);

/* For the trace: why the last concept match it reported did not count
 * ("negated", "past", ...), or NULL. */
extern _Thread_local const char *safety_redflag_why;

/* For the unit tests: 1 when every lexicon pattern compiled, 0 when one
 * did not (a bug in the table); *npatterns is how many did. */
int safety_redflag_selfcheck(size_t *npatterns);

/* The hashing of the statistical layers' features (redflag_feat.c,
 * pii_name_feat.c): FNV-1a over code points cp[0..n), each as four bytes
 * low first, going on from h (2166136261 to start); then a final mix that
 * spreads the low bits before the caller's modulo. */
static inline uint32_t safety_fnv_cp(uint32_t h, const uint32_t *cp, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++) {
			h ^= (cp[i] >> (8 * k)) & 0xFF;
			h *= 16777619u;
		}
	return h;
}

static inline uint32_t safety_hash_mix(uint32_t h)
{
	h ^= h >> 15;
	h *= 0x2c1b3c6dU;
	h ^= h >> 12;
	return h;
}

#endif
