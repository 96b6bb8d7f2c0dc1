/* safety/redflag.h: finds text that describes a medical emergency.
 *
 * safety_redflags() reads a question (English, Chinese in traditional or
 * simplified characters, Vietnamese with or without its accents) and
 * reports each emergency category it describes with the bytes that show
 * it. The ask form shows a "seek emergency care now" notice with the site's
 * emergency numbers when the list is not empty, and the question goes to
 * the top of the doctors' queue with the categories as its flag.
 *
 * How it decides (the rules live in redflag_rules.c):
 * - Concepts ("chest pain", "can't breathe", "black stools", "wants to
 *   die", ...) are phrase patterns per language, matched on NFKC case-folded
 *   words (Chinese: characters, folded to simplified; Vietnamese: syllables,
 *   where a syllable typed without accents matches the accented pattern but
 *   an accented one must match exactly, so "dau nguc" and "đau ngực" match
 *   "đau ngực" while "dầu" does not).
 * - Concepts are also composed from word classes (redflag_classes.c): "an
 *   ingestion verb within three words of a household poison", "a side, two
 *   limbs, then numb or weak", "a face part near a droop word", so that
 *   pairs nobody listed still match. Long English words (7 letters or
 *   more) survive one typo: a letter missing or added, or two swapped
 *   ("unconsious", "antifreze"; redflag_typo.c). In text that looks
 *   Vietnamese, text-message shorthand is read as its syllables ("ko"
 *   "không", "dc" "được", "r" "rồi", "5p" five minutes).
 * - Some concepts only count with a partner, within a sentence or two and
 *   across languages: a medicine named with a count swallowed ("how many
 *   ibuprofen is too many? I already had 15", "吃了 20 颗 Panadol"), a
 *   dose error with a child, hives with faintness, fumes with breathing
 *   trouble, a headache with "worst ever" ("这辈子最痛", "chưa bao giờ
 *   đau vậy"), jerking with the eyes rolled back.
 * - Rules combine concepts into categories: some concepts are enough alone
 *   (vomiting blood, face drooping, thoughts of suicide), others only
 *   together within a few sentences (chest pain with breathlessness, cold
 *   sweat or pain spreading to the arm; a child with fever and lethargy).
 * - A concept does not count when it is negated ("no chest pain", "denies",
 *   "沒有胸痛", "不痛", "không đau ngực", "chưa từng"): a negation cue a few
 *   words (Chinese: characters) before it in the same clause, inside it
 *   ("胸口不痛"), or a resolution after it ("the pain went away", or
 *   "..., but it passed" anywhere later in the sentence). Commas,
 *   "but", "但是", "nhưng", "and I" and sentence ends close a negation's
 *   scope, except for the short items of a list ("denies chest pain,
 *   palpitations, or fainting" negates all three).
 * - Nor when it is hypothetical ("if", "what are the signs of", "how to
 *   prevent", "如果", "会不会", "nếu", "phòng ngừa") or an imminent-only
 *   feeling ("I'm going to faint", "差点晕倒"); a near-faint still counts
 *   as dizziness, which makes chest pain an emergency.
 * - Non-urgent uses of the same words are exempt where the text gives
 *   the reason: black stools after iron tablets, bismuth or blueberries;
 *   chest pain on pressing the ribs or after the gym (for chest pain
 *   alone); heavy bleeding during a period (unless pregnant); food
 *   poisoning; a nose blocked by a cold; "faint line"; heat stroke.
 * - Policy on the past: a concept in a sentence that dates it to a distant
 *   past ("10 years ago", "last year", "history of", "小時候", "năm ngoái",
 *   "tiền sử") does not count unless the same clause says it is happening
 *   now ("now", "again", "现在", "又", "đang"; not "still", which says it
 *   never went away: a stroke years ago that "still" leaves a weak hand is
 *   chronic). Hours and days ago
 *   count as now: "I fainted yesterday" triggers. Thoughts of suicide or
 *   self-harm are the exception: they trigger whatever the tense, because a
 *   notice with a crisis line costs little and a miss may cost a life.
 * Safety favours recall: a present-tense description of an acute problem
 * must trigger even when the writer doubts it ("I'm probably overreacting
 * but my face is drooping").
 *
 * Beside the rules sits a statistical layer (redflag_model.c, issue 12):
 * an L2-regularised logistic model over what the rules saw (the concepts
 * that counted, those that matched but did not and why, the categories
 * fired) and hashed character grams of the text, trained at build time
 * (tools/rf_train.c) on tests/data/safety/redflag*.tsv and the spent
 * outside batches. A text is an emergency when the model's probability
 * reaches its threshold; the rules' flags stand when it reaches a second
 * threshold, and always for thoughts of suicide or a text longer than the
 * model reads (both thresholds chosen on batches left out of training;
 * bench/redflag_cv.sh). When only the model fires, one flag of rule
 * "model" covers the whole text and a category model names the notice.
 *
 * Thread safety: the compiled rules are built once (on the first call, or
 * by safety_redflag_init) and only read afterwards; every call works in the
 * caller's arena, so calls from many threads need no locking. A question of
 * a few hundred words takes some tens of microseconds.
 */
#ifndef ASKDOC_SAFETY_REDFLAG_H
#define ASKDOC_SAFETY_REDFLAG_H

#include <stddef.h>

struct arena;

/* Emergency categories. The values are stable; safety_category_key() gives
 * the string templates use to pick the notice text ("safety.cardiac"). */
enum safety_category {
	SAFETY_CARDIAC = 1,   /* chest pain with breathlessness, sweat, ... */
	SAFETY_STROKE,        /* face drooping, arm weakness, slurred speech */
	SAFETY_BREATHING,     /* cannot breathe, not breathing, blue lips */
	SAFETY_BLEEDING,      /* vomiting or coughing blood, black stools,
	                         bleeding that will not stop */
	SAFETY_CONSCIOUSNESS, /* fainting, unresponsive, sudden confusion */
	SAFETY_SUICIDE,       /* thoughts of suicide or self-harm */
	SAFETY_POISONING,     /* overdose, swallowed poison, snake bite */
	SAFETY_FEVER_DANGER,  /* a child with fever and lethargy, a newborn
	                         with fever, fever with stiff neck or a
	                         rash that does not fade */
	SAFETY_ANAPHYLAXIS,   /* throat or tongue swelling, allergic shock */
	SAFETY_SEIZURE,       /* a seizure that goes on or keeps coming */
	SAFETY_HEAD_INJURY,   /* a blow to the head with vomiting,
	                         drowsiness or confusion */
	SAFETY_BURN,          /* a large, deep or boiling-liquid burn */
	SAFETY_NCATEGORIES
};

/* One emergency found in a text. */
struct safety_flag {
	enum safety_category category;
	size_t start, end; /* bytes of the text that show it (for several
	                      concepts, from the first to the last) */
	const char *rule;  /* the rule that fired, e.g. "chest_pain+breath"
	                      (static; for tests and debugging, never shown) */
};

/* Build the compiled rules now rather than on the first call (they take a
 * few tens of milliseconds). Optional; safe to call from any thread, any
 * number of times. */
void safety_redflag_init(void);

/* Find the emergencies text describes. text is NUL-terminated UTF-8 (bad
 * bytes are treated as spaces). On success returns 0 with *out an array of
 * *n flags in a (at most one per category, in category order; *out is NULL
 * when *n is 0). Returns -EINVAL if text is NULL or ICU's normaliser is
 * missing, -E2BIG if text is longer than LIMIT_SAFETY_TEXT_BYTES; then *n is
 * 0. The text itself is never logged. */
int safety_redflags(struct arena *a, const char *text, struct safety_flag **out,
                    size_t *n);

/* The stable key of a category ("cardiac", "stroke", ...); "unknown" for a
 * value out of range. Templates use "safety." plus this key. */
const char *safety_category_key(enum safety_category c);

#endif
