/* moreinfo/extract.c: the extractive More Info draft.
 *
 * Five steps, all in the caller's arena:
 * 1. Find: search the library and articles with the question's title,
 *    text and the doctor's reply, and take the sources from the top of
 *    that ranking, in its order: the first max_sources entries among the
 *    best EX_TOP_HITS hits that have text to quote, that are on the
 *    subject and whose focus the question names in full. The subject is
 *    the focus of the best hit, whether or not that hit can be quoted (a
 *    drug leaflet with no text still says what the question is about); an
 *    entry is on it when the words of one focus name are all in the other
 *    ("Noonan syndrome" and "Noonan syndrome 2"). The question names a
 *    focus when it holds all of its words, or all of a synonym's. When no
 *    entry qualifies there is no More Info: precision over coverage, since
 *    a draft quoting the wrong disease is worse than none. Sibling
 *    sections of one document are separate entries, so a draft often
 *    quotes two sections of the best document. Each source is weighed by
 *    its score, its focus match and whether its type suits. A misspelt
 *    word still names (one or two edits, the search's spelling rule).
 *    When nothing qualifies, a second pass names a focus by most of its
 *    idf weight and one rare word (EX_MIN_RARE, EX_RARE_IDF). In both,
 *    a source is in the question's language (by script), and one filed
 *    under a topic the question is filed under is on its subject
 *    (moreinfo_request.topics), which ties a Chinese or Vietnamese
 *    question to the published answers and articles in its language.
 * 2. Split: cut each candidate's text into sentences (split.c) and drop
 *    those that cannot stand alone: too short or too long, questions,
 *    lead-ins without their list, flattened lists, navigation ("see the
 *    following", links), fragments that start in lower case, and
 *    sentences pointing back ("These tests ...") unless the one before is
 *    quoted too, right before them.
 * 3. Score: a sentence's relevance is the share of the question's weighted
 *    terms it contains (idf over the candidate sentences, so words every
 *    sentence has count little), plus small bonuses for naming the focus
 *    and for being its document's opening definition, scaled by the
 *    document's weight.
 * 4. Pick: greedily, maximal marginal relevance: a sentence too like one
 *    already picked is skipped, a partly similar one loses value, one from
 *    a document not yet cited pays a price (a few sources quoted well beat
 *    many quoted once), and one on an aspect the question asks about that
 *    nothing covers yet (what it is, options, risks, when to see a doctor)
 *    gains. Picking stops at the target length or when what is left is
 *    weak; a draft below min_words is dropped (no More Info is better
 *    than a thin one).
 * 5. Order: by aspect (what it is, context, options, risks, when to see a
 *    doctor), then by source, then by place in the source; sources are
 *    numbered in the order of their first citation.
 *
 * The invariant tests check: every sentence is a verbatim piece of the
 * source it cites (blanks squeezed), and every source listed is cited.
 *
 * The constants below were set on the LiveQA medical questions against
 * MedQuAD (bench/moreinfo_eval.sh), with the product's scenarios read
 * by eye; see bench/RESULTS.md for what they give. */
#include "moreinfo/extract.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "moreinfo/internal.h"
#include "search/analyze.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

/* Hits of the ranking sources are taken from: the engine's best few are
 * what a reader would be shown, further down the subject drifts. */
#define EX_TOP_HITS 5
/* Share of a published Q&A's title terms the question must hold for the
 * Q&A to be a source (asks_alike). */
#define EX_ALIKE 0.6
/* Hits a reading list (list_sources) is chosen from: the first page of
 * results a reader would see. */
#define EX_LIST_HITS 10
/* A hit scoring below this share of the best is off the subject. */
#define EX_FLOOR_RATIO 0.3
/* Entries filed under the question's main topic (the first it is
 * filed under), in its language, taken from below the top of the
 * ranking: on a page of the site the topic says what the question is
 * about even when its words rank other pages first. Only the first:
 * later topics are often a shared symptom ("Fatigue" of an anaemia and
 * a thyroid question), not the subject. */
#define EX_FILED_HITS   3
#define EX_FILED_TOPICS 1
/* Share of a focus name (or a synonym) the question must name: all of
 * it. Half a name lets in the wrong disease ("Drug reactions" for a
 * question on mites that mentions a reaction). */
#define EX_MIN_FOCUS 0.99
/* The second pass, when the first finds nothing: the question names a
 * focus when it holds this share of its words weighted by their idf
 * over the index, so the rare words that say which thing it is count
 * most ("MTHFR" of "MTHFR gene mutation", "estradiol" and "patch" of
 * "Estradiol Transdermal Patch"), and a common word alone does not. */
#define EX_MIN_RARE 0.5
/* ... and one of the words it names must single the subject out: found
 * in at most one document in 300 (idf log 300), as a drug's, a gene's
 * or a parasite's name is, while "reaction" of "Drug reactions" (one in
 * 180 of MedQuAD's) is not. A small library, where every word is that
 * rare, gets no second pass. */
#define EX_RARE_IDF 5.7
/* Weight in the query of a title's term (a word the title names). */
#define EX_TITLE_TERM 1.5
/* Weight in the query (the title's 1.5, the question's 1.0, the reply's
 * 0.5) from which a term is one the question asks with: only the
 * patient's own words name a subject or ask what a Q&A asks. A reply
 * mentions other conditions (a stroke risk in an answer on hot flushes)
 * that the question is not about. */
#define EX_ASKED_TERM 1.0
/* Weight of a library entry of a type the question does not ask about
 * ("How many people are affected by X" when the question is on treating
 * X); overviews always suit. */
#define EX_OTHER_TYPE 0.6
/* Bytes of a document's text that are read (long articles are cut). */
#define EX_DOC_BYTES (64 * 1024)
/* Bytes of the reply added to the query (the question matters most). */
#define EX_REPLY_BYTES 2000
/* Sentence sizes that read well on their own, in words. */
#define EX_MIN_SENTENCE_WORDS 6
#define EX_MAX_SENTENCE_WORDS 60
#define EX_MAX_LIST_WORDS     90
/* Term overlap beyond which two sentences say the same thing. */
#define EX_DUPLICATE 0.7
/* Bonus of a sentence on an aspect the question asks about while no
 * sentence covers it yet (a share of the question's terms: 0.2 is what a
 * sentence naming a fifth of them gets). */
#define EX_ASKED 0.4
/* Value of any sentence of a document on the subject, so that context
 * around the matching sentences can fill a draft to its length. */
#define EX_CONTEXT 0.03
/* Value kept by a sentence from a source not cited yet. */
#define EX_NEW_SOURCE 0.75
/* Picking stops below this share of the first pick's value. */
#define EX_WEAK 0.25

static const char *const aspect_names[MOREINFO_NASPECTS] = {
        "what", "about", "options", "risks", "doctor"};

const char *moreinfo_aspect_name(enum moreinfo_aspect a)
{
	return (unsigned)a < MOREINFO_NASPECTS ? aspect_names[a] : "?";
}

/* ---- a small string -> double map (open addressing, in the arena) ---- */

struct tmap {
	const char **keys;
	double *vals;
	size_t cap, n;
	struct arena *a;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void tmap_init(struct tmap *m, struct arena *a, size_t cap)
{
	m->cap = 16;
	while (m->cap < cap * 2)
		m->cap *= 2;
	m->keys = ARENA_ARRAY(a, const char *, m->cap);
	m->vals = ARENA_ARRAY(a, double, m->cap);
	m->n = 0;
	m->a = a;
}

static double *tmap_slot(struct tmap *m, const char *k, int add)
{
	size_t i;

	if (add && (m->n + 1) * 2 > m->cap) {
		struct tmap bigger;

		tmap_init(&bigger, m->a, m->cap);
		for (size_t j = 0; j < m->cap; j++)
			if (m->keys[j])
				*tmap_slot(&bigger, m->keys[j], 1) = m->vals[j];
		*m = bigger;
	}
	i = hash(k) & (m->cap - 1);
	while (m->keys[i]) {
		if (!strcmp(m->keys[i], k))
			return &m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	if (!add)
		return NULL;
	m->keys[i] = k;
	m->vals[i] = 0;
	m->n++;
	return &m->vals[i];
}

static double tmap_get(const struct tmap *m, const char *k)
{
	double *v = tmap_slot((struct tmap *)m, k, 0);

	return v ? *v : 0;
}

/* ---- terms ---- */

struct terms {
	const char **v;
	size_t n;
};

/* The distinct content terms of n bytes of s; with exact set, without
 * the folded variants of words with diacritics ("bẹn" gives "bẹn" but
 * not "ben", which is also "bên"). */
static void terms_of_as(struct search_analyzer *an, struct arena *a,
                        const char *s, size_t n, int exact, struct terms *out)
{
	struct search_tokens toks;
	struct tmap seen;

	out->v = NULL;
	out->n = 0;
	if (!s || !n)
		return;
	search_analyze(an, a, s, n, &toks);
	out->v = ARENA_ARRAY(a, const char *, toks.n + 1);
	tmap_init(&seen, a, toks.n + 1);
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];

		if ((t->flags & SEARCH_TOK_STOP) ||
		    (exact && (t->flags & SEARCH_TOK_VARIANT)))
			continue;
		if (tmap_slot(&seen, t->term, 0))
			continue;
		*tmap_slot(&seen, t->term, 1) = 1;
		out->v[out->n++] = t->term;
	}
}

static void terms_of(struct search_analyzer *an, struct arena *a, const char *s,
                     size_t n, struct terms *out)
{
	terms_of_as(an, a, s, n, 0, out);
}

static void add_query(struct tmap *q, const struct terms *t, double w)
{
	for (size_t i = 0; i < t->n; i++) {
		double *v = tmap_slot(q, t->v[i], 1);

		if (*v < w)
			*v = w;
	}
}

/* ---- aspects ---- */

/* Lower-case ASCII copy of s (other bytes kept), with a blank before and
 * after so that cues can require word starts. */
static char *lower(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *z = arena_alloc(a, n + 3);

	z[0] = ' ';
	for (size_t i = 0; i < n; i++)
		z[i + 1] = (char)tolower((unsigned char)s[i]);
	z[n + 1] = ' ';
	z[n + 2] = 0;
	return z;
}

static int has_any(const char *z, const char *const *cues)
{
	for (; *cues; cues++)
		if (strstr(z, *cues))
			return 1;
	return 0;
}

/* Cues of each aspect in a sentence of the library (lower case). */
static const char *const cue_doctor[] = {"see a doctor",
                                         "see your doctor",
                                         "call your doctor",
                                         "talk to your",
                                         "talk with your",
                                         "ask your doctor",
                                         "check with your",
                                         "tell your doctor",
                                         "contact your",
                                         "see a health",
                                         "call your health",
                                         "seek medical",
                                         "medical attention",
                                         "medical help",
                                         "emergency",
                                         "call 911",
                                         "right away",
                                         "immediately",
                                         "health care provider if",
                                         NULL};
static const char *const cue_risks[] = {" side effect",
                                        " risk",
                                        " complication",
                                        " adverse",
                                        " harm",
                                        " danger",
                                        " toxic",
                                        " warning",
                                        " overdose",
                                        " interact",
                                        " allerg",
                                        " serious",
                                        NULL};
static const char *const cue_options[] = {
        " treat",          " therap",    " surgery",    " surgical",
        " medication",     " medicine",  " drug",       " option",
        " manag",          " cure",      " prevent",    " vaccin",
        " reliev",         " relief",    " transplant", " antibiotic",
        " rehabilitation", " lifestyle", NULL};
static const char *const cue_define[] = {" is a ",
                                         " is an ",
                                         " is the ",
                                         " are a ",
                                         " are the ",
                                         " refers to ",
                                         " is one of ",
                                         " is called ",
                                         " are called ",
                                         " is also called ",
                                         " is a type ",
                                         " are types ",
                                         " is caused ",
                                         " are caused ",
                                         " is when ",
                                         " occurs when ",
                                         NULL};

/* Cues of what a question asks (lower case). */
static const char *const ask_options[] = {
        " treat",         " cure",    " remed",  " therap",  " medication",
        " what can i do", " get rid", " manag",  " prevent", " help ",
        " stop ",         " taper",   " option", NULL};
static const char *const ask_risks[] = {
        " side effect", " side-effect", " risk",         " safe",
        " harm",        " danger",      " interact",     " reaction",
        " cause ",      " causes ",     " complication", NULL};
static const char *const ask_doctor[] = {
        " should i see",     " emergency",    " when to",
        " worried",          " serious",      " urgent",
        " go to the doctor", " see a doctor", NULL};
static const char *const ask_what[] = {" what is",     " what are", " define",
                                       " information", " explain",  " mean",
                                       " know about",  NULL};

/* The library's question types (MedQuAD's) and the cues of a question
 * that asks for one. An entry of another type is about a side of the
 * subject the patient did not ask about. */
static const struct {
	const char *type;
	const char *const cues[10];
} ask_types[] = {
        {"treatment",
         {" treat", " cure", " remed", " therap", " medication", " get rid",
          " taper", " stop ", " manag", NULL}},
        {"causes", {" cause", " why ", " reason", " trigger", NULL}},
        {"symptoms", {" symptom", " sign ", " signs ", " feel ", NULL}},
        {"inheritance",
         {" inherit", " genetic", " passed down", " hereditar", " run in ",
          " runs in ", NULL}},
        {"genetic changes",
         {" gene ", " genes ", " mutation", " genetic", NULL}},
        {"prevention", {" prevent", " avoid", " vaccin", NULL}},
        {"exams and tests",
         {" diagnos", " test", " detect", " scan", " screen", NULL}},
        {"susceptibility",
         {" risk", " who gets", " catch", " contagious", NULL}},
        {"outlook",
         {" prognosis", " outlook", " progress", " life expect", " worse",
          " recover", NULL}},
        {"frequency", {" how common", " how many people", NULL}},
        {"complications",
         {" complication", " risks", " danger", " side effect", NULL}},
        {"research", {" trial", " research", " study", NULL}},
        /* Drug leaflets' sections. */
        {"usage",
         {" how much", " dose", " dosage", " how to take", " when to take",
          " evening", " morning", " stop ", " how long", NULL}},
        {"side effects",
         {" side effect", " side-effect", " cause", " reaction", " harm",
          NULL}},
        {"precautions",
         {" safe", " pregnan", " breastfeed", " alcohol", " together",
          " interact", " harm", NULL}},
        {"important warning", {" safe", " danger", " harm", " warning", NULL}},
        {"indication", {" used for", " prescribed", " what is it for", NULL}},
        {"storage and disposal",
         {" store", " storage", " expire", " dispose", NULL}},
        {"forget a dose", {" forget", " forgot", " missed", NULL}},
        {"emergency or overdose", {" overdose", " too much", NULL}},
};

/* 1 if an entry of question type qt is an overview of its subject. */
static int overview(const char *qt)
{
	return !qt || !*qt || !strcmp(qt, "information");
}

/* 1 if the question z (lower case) asks for entries of type qt. */
static int type_asked(const char *z, const char *qt)
{
	for (size_t i = 0; qt && i < ARRAY_SIZE(ask_types); i++)
		if (!strcmp(ask_types[i].type, qt))
			return has_any(z, ask_types[i].cues);
	return 0;
}

/* 1 if an entry of question type qt suits the question z (lower case):
 * overviews always do; typed entries when the question asks for them. */
static int type_suits(const char *z, const char *qt)
{
	return overview(qt) || type_asked(z, qt);
}

static enum moreinfo_aspect aspect_of(const char *z, size_t pos)
{
	if (has_any(z, cue_doctor))
		return MOREINFO_DOCTOR;
	/* A definition: its cue near the start of an early sentence. */
	for (const char *const *c = cue_define; pos < 3 && *c; c++) {
		const char *hit = strstr(z, *c);

		if (hit && hit - z < 100)
			return MOREINFO_WHAT;
	}
	if (has_any(z, cue_risks))
		return MOREINFO_RISKS;
	if (has_any(z, cue_options))
		return MOREINFO_OPTIONS;
	return MOREINFO_ABOUT;
}

/* ---- sentences that cannot stand alone ---- */

/* Navigation and housekeeping of the sources, not information. */
static const char *const cue_boilerplate[] = {
        "this summary",   "see the following",
        "click",          "http",
        "www.",           "for more information",
        "visit ",         "(see ",
        "see also",       "this section",
        "this page",      "pdq",
        "listed below",   "listed above",
        "the following",  "espaol",
        "to learn more",  "learn more about",
        "read more",      "see \"",
        "espa\xc3\xb1ol", NULL};

/* Openings that point back at the sentence before: such a sentence is
 * only quoted right after that one. */
static const char *const cue_anaphor[] = {
        "this ",     "these ",        "those ",       "they ",
        "it ",       "its ",          "their ",       "such ",
        "both ",     "he ",           "she ",         "his ",
        "her ",      "however",       "also",         "in addition",
        "other ",    "another ",      "the other ",   "then ",
        "this,",     "there are two", "while these ", "because of this",
        "in these ", "for these ",    "as a result",  "with this ",
        NULL};

/* 1 if the lower-case sentence z (with its leading blank) opens with one
 * of cues. */
static int opens_with(const char *z, const char *const *cues)
{
	for (; *cues; cues++)
		if (str_starts(z + 1, *cues))
			return 1;
	return 0;
}

/* 1 if text holds two or more bullets " - ": a list flattened into the
 * sentence without its lead-in ("... include - Having hepatitis B - Heavy
 * alcohol use - ..."), which reads as a jumble. One dash is punctuation. */
static int inline_list(const char *text)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, " - ")) != NULL; p += 3)
		n++;
	return n >= 2;
}

/* 1 if the n bytes at s end with the UTF-8 character c (3 bytes). */
static int ends_u3(const char *s, size_t n, const char *c)
{
	return n >= 3 && !memcmp(s + n - 3, c, 3);
}

/* 1 if the sentence text ends as a statement does: a full stop or an
 * exclamation mark, ASCII or Chinese (。！．), before any closing quote or
 * bracket. Questions (? ？), lead-ins (: ：) and headings do not. */
static int ends_statement(const char *text)
{
	static const char *const closers[] = {"\xe3\x80\x8d", /* 」 */
	                                      "\xe3\x80\x8f", /* 』 */
	                                      "\xef\xbc\x89", /* ） */
	                                      "\xe2\x80\x9d", /* ” */
	                                      "\xe2\x80\x99", /* ’ */
	                                      NULL};
	size_t n = strlen(text);

	for (int again = 1; again && n;) {
		again = 0;
		if (text[n - 1] == ')' || text[n - 1] == '"' ||
		    text[n - 1] == '\'') {
			n--;
			again = 1;
			continue;
		}
		for (const char *const *c = closers; *c; c++)
			if (ends_u3(text, n, *c)) {
				n -= 3;
				again = 1;
				break;
			}
	}
	if (!n)
		return 0;
	return text[n - 1] == '.' || text[n - 1] == '!' ||
	       ends_u3(text, n, "\xe3\x80\x82") || /* 。 */
	       ends_u3(text, n, "\xef\xbc\x81") || /* ！ */
	       ends_u3(text, n, "\xef\xbc\x8e");   /* ． */
}

/* A letter or digit of a word: ASCII, or any byte of a non-ASCII
 * character but the general punctuation block's (U+2000-U+206F: ’ ”). */
static int word_byte(const char *z, size_t i)
{
	unsigned char c = (unsigned char)z[i];

	if (c < 0x80)
		return isalnum(c);
	for (size_t k = 0; k < 3 && k <= i; k++) {
		const unsigned char *p = (const unsigned char *)z + i - k;

		if (p[0] == 0xe2 && (p[1] == 0x80 || p[1] == 0x81))
			return 0;
		if (p[0] >= 0xc0)
			break;
	}
	return 1;
}

/* 1 if the lower-case text z holds the word w (whole, not inside
 * another); with prev_not, not right after any of those words ("type
 * i" is a type, not the writer). */
static int has_word(const char *z, const char *w, const char *const *prev_not)
{
	size_t n = strlen(w);

	for (const char *p = z; (p = strstr(p, w)) != NULL; p++) {
		size_t at = (size_t)(p - z);
		int ok = (at == 0 || !word_byte(z, at - 1)) &&
		         (!p[n] || !word_byte(z, at + n));

		for (const char *const *b = prev_not; ok && b && *b; b++) {
			size_t k = strlen(*b);

			ok = !(at >= k + 1 && !memcmp(z + at - k - 1, *b, k) &&
			       z[at - 1] == ' ' &&
			       (at == k + 1 || !word_byte(z, at - k - 2)));
		}
		if (ok)
			return 1;
	}
	return 0;
}

/* The writer speaking: first-person words, greetings and sign-offs, in
 * English, Chinese and Vietnamese. A doctor's "I would suggest ..." or
 * "我建議 ..." is advice to one patient, not a fact to quote as evidence
 * for another, and "Take care" is no information. */
static const char *const first_person[] = {
        "i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we",
        "we're", "we've", "we'd", "we'll", "us", "our", "ours",
        /* Vietnamese: tôi (I; also in chúng tôi, we), chúng ta (we) */
        "t\xc3\xb4i", "ch\xc3\xbang ta", NULL};
/* Words before a Roman numeral "I": "type I", "phase I". */
static const char *const numeral_before[] = {
        "type",  "types",    "phase", "stage",  "class",   "grade",
        "level", "schedule", "group", "factor", "part",    "and",
        "or",    "category", "tier",  "zone",   "trisomy", NULL};
static const char *const greeting[] = {"hello",
                                       "hi",
                                       "dear",
                                       "thank you",
                                       "thanks",
                                       "good luck",
                                       "best wishes",
                                       "best regards",
                                       "regards",
                                       "take care",
                                       "hope this",
                                       "wishing you",
                                       "sincerely",
                                       "cheers",
                                       "congratulations",
                                       "xin ch\xc3\xa0o",
                                       "ch\xc3\xa0o",
                                       "c\xe1\xba\xa3m \xc6\xa1n",
                                       "c\xc3\xa1m \xc6\xa1n",
                                       "ch\xc3\xba"
                                       "c",
                                       "th\xc3\xa2n m\xe1\xba\xbfn",
                                       NULL};
/* Chinese, anywhere in the sentence: 我 (I, we) but in 自我 (self),
 * greetings, thanks, wishes and "for your reference". */
static const char *const zh_personal[] = {
        "\xe6\x82\xa8\xe5\xa5\xbd",             /* 您好 */
        "\xe4\xbd\xa0\xe5\xa5\xbd",             /* 你好 */
        "\xe8\xac\x9d\xe8\xac\x9d",             /* 謝謝 */
        "\xe8\xb0\xa2\xe8\xb0\xa2",             /* 谢谢 */
        "\xe6\x84\x9f\xe8\xac\x9d",             /* 感謝 */
        "\xe6\x84\x9f\xe8\xb0\xa2",             /* 感谢 */
        "\xe7\xa5\x9d\xe6\x82\xa8",             /* 祝您 */
        "\xe7\xa5\x9d\xe4\xbd\xa0",             /* 祝你 */
        "\xe6\x97\xa9\xe6\x97\xa5\xe5\xba\xb7", /* 早日康 */
        "\xe4\xbe\x9b\xe5\x8f\x83\xe8\x80\x83", /* 供參考 */
        "\xe4\xbe\x9b\xe5\x8f\x82\xe8\x80\x83", /* 供参考 */
        NULL};

static int personal(const char *z)
{
	const char *s = z + 1; /* past lower()'s blank */

	if (has_word(z, "i", numeral_before))
		return 1;
	for (const char *const *w = first_person + 1; *w; w++)
		if (has_word(z, *w, NULL))
			return 1;
	for (const char *const *g = greeting; *g; g++)
		if (str_starts(s, *g) && !word_byte(s, strlen(*g)))
			return 1;
	for (const char *p = z; (p = strstr(p, "\xe6\x88\x91")) != NULL;
	     p += 3) /* 我, but not in 自我 */
		if (p - z < 3 || memcmp(p - 3, "\xe8\x87\xaa", 3))
			return 1;
	for (const char *const *c = zh_personal; *c; c++)
		if (strstr(z, *c))
			return 1;
	return 0;
}

static int usable(const char *text, const char *z, size_t words, int list)
{
	unsigned char c0 = (unsigned char)text[0];

	if (words < EX_MIN_SENTENCE_WORDS)
		return 0;
	if (words > (list ? EX_MAX_LIST_WORDS : EX_MAX_SENTENCE_WORDS))
		return 0;
	if (!(isupper(c0) || isdigit(c0) || c0 == '"' || c0 == '(' ||
	      c0 >= 0x80))
		return 0;
	if (!ends_statement(text))
		return 0; /* questions, lead-ins, headings, fragments */
	if (personal(z))
		return 0; /* the writer speaking, not a fact */
	if (has_any(z, cue_boilerplate))
		return 0;
	if (!list && inline_list(text))
		return 0; /* "If you have it, - do this - do that" */
	return 1;
}

/* ---- the candidates and their sentences ---- */

struct cand {
	const struct search_hit *hit;
	struct moreinfo_doc doc;
	double weight;   /* relative score times focus match */
	double focus;    /* 0..1: how much of its focus the question names */
	struct terms ft; /* terms of its focus and synonyms */
	long source;     /* index in the output's sources, -1 if none yet */
	size_t first;    /* order of its first pick */
};

struct unit {
	size_t cand;
	size_t pos; /* sentence number in its document */
	long prev;  /* an anaphor's antecedent sentence (unit index), or -1 */
	const char *text;
	size_t start, len; /* in the document's text */
	size_t words;
	struct terms t;
	enum moreinfo_aspect aspect;
	double score;
	int picked;
};

struct ex {
	struct arena *a;
	struct search_index *ix;
	struct search_analyzer *an;
	/* Share of a focus name the question must name (EX_MIN_FOCUS), and
	 * whether the share is weighted by how rare each word is (the
	 * second pass, EX_MIN_RARE). */
	double min_focus;
	int weighted;
	/* Query weight a word needs to count as named: EX_ASKED_TERM (the
	 * title or the question), EX_TITLE_TERM (the title alone). */
	double name_min;
	int lang; /* the question's language (lang_of) */
	const struct moreinfo_request *req;
	struct tmap q;       /* query term -> weight */
	struct tmap aspect;  /* terms that name an aspect, not a subject */
	struct tmap generic; /* words for "a disease", one as good as another */
	double qnorm;        /* sum of weight * idf over the query */
	struct tmap df;      /* term -> sentences holding it */
	double nunits;
	unsigned asked; /* bit set of aspects the question asks about */
	const char *qz; /* title and question in lower case */
	struct cand *c;
	size_t nc;
	/* Hits filed under the question's topics, in its language, that the
	 * top of the ranking leaves out (EX_FILED_HITS). */
	const struct search_hit *filed;
	size_t nfiled;
	struct unit *u;
	size_t nu, ucap;
};

static double idf(const struct ex *x, const char *t)
{
	double df = tmap_get(&x->df, t);

	return log(1.0 + x->nunits / (df + 1.0));
}

/* Words that say which side of a subject is asked about ("side effects",
 * "treatment"): a topic name made of nothing else (the synonym "side
 * effects" of "Drug reactions") is not named by a question that uses
 * them, since such a question is about the side effects of its own
 * subject. */
static const char aspect_words[] =
        "side effects symptoms signs treatment treatments therapy causes "
        "prevention complications outlook prognosis diagnosis tests exams "
        "risks risk factors inheritance frequency usage dosage";

/* Words that say "a disease" and no more: a focus name's one is named
 * by any of them ("autoimmune illness" names "Autoimmune disorders"). */
static const char generic_words[] =
        "disease diseases disorder disorders illness illnesses";

static void aspect_init(struct ex *x)
{
	struct terms t;

	terms_of(x->an, x->a, aspect_words, sizeof(aspect_words) - 1, &t);
	tmap_init(&x->aspect, x->a, t.n + 1);
	for (size_t i = 0; i < t.n; i++)
		*tmap_slot(&x->aspect, t.v[i], 1) = 1;
	terms_of(x->an, x->a, generic_words, sizeof(generic_words) - 1, &t);
	tmap_init(&x->generic, x->a, t.n + 1);
	for (size_t i = 0; i < t.n; i++)
		*tmap_slot(&x->generic, t.v[i], 1) = 1;
}

/* 1 if every term of t names an aspect. */
static int only_aspects(const struct ex *x, const struct terms *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (tmap_get(&x->aspect, t->v[i]) <= 0)
			return 0;
	return t->n > 0;
}

/* 1 if the question qz (lower case) gives the one-letter qualifier at
 * sp (the blank before it, in name) right after the word before it. */
static int qualifier_given(struct arena *a, const char *qz, const char *name,
                           const char *sp)
{
	const char *prev, *hit;
	char *needle;
	size_t n;

	for (prev = sp; prev > name && prev[-1] != ' ';)
		prev--;
	/* lower() pads with blanks: keep the one before (a word start),
	 * drop the one after (the qualifier may end a sentence). */
	needle = lower(a, arena_printf(a, "%.*s", (int)(sp + 2 - prev), prev));
	n = strlen(needle) - 1;
	needle[n] = '\0';
	for (hit = qz; (hit = strstr(hit, needle)) != NULL; hit++) {
		char after = hit[n];

		if (!((after >= 'a' && after <= 'z') ||
		      (after >= '0' && after <= '9')))
			return 1;
	}
	return 0;
}

/* 1 unless name holds a one-letter qualifier ("Hepatitis A", "Vitamin
 * D", "Hepatitis B Virus Infection") that the question qz (lower case)
 * does not give after the word before it: the analyzer drops single
 * letters, yet "hepatitis" does not name hepatitis A. */
static int letter_named(struct arena *a, const char *qz, const char *name)
{
	for (const char *sp = strchr(name, ' '); sp; sp = strchr(sp + 1, ' ')) {
		char c = sp[1];

		if (sp == name ||
		    !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			continue;
		if (sp[2] && sp[2] != ' ' && sp[2] != ',')
			continue;
		if (!qualifier_given(a, qz, name, sp))
			return 0;
	}
	return 1;
}

/* 1 if term t is a plain lower-case word of letters. */
static int plain_word(const char *t)
{
	for (; *t; t++)
		if (*t < 'a' || *t > 'z')
			return 0;
	return 1;
}

/* 1 if the question holds term t, or a misspelling of it: a plain word
 * of as many letters, give or take, with the same first letter, one
 * edit away for words of five to seven letters, two for longer ones (the
 * search's spelling rule; "Wieddeman" names "Wiedemann", "hydrocodene"
 * names "hydrocodone"). */
static int term_named(const struct ex *x, const char *t)
{
	size_t n = strlen(t);
	int max = n >= 8 ? 2 : 1;

	if (tmap_get(&x->q, t) >= x->name_min)
		return 1;
	if (tmap_get(&x->generic, t) > 0)
		for (size_t i = 0; i < x->generic.cap; i++)
			if (x->generic.keys[i] &&
			    tmap_get(&x->q, x->generic.keys[i]) >= x->name_min)
				return 1;
	if (n < 5 || !plain_word(t))
		return 0;
	for (size_t i = 0; i < x->q.cap; i++) {
		const char *k = x->q.keys[i];

		if (!k || k[0] != t[0] || x->q.vals[i] < x->name_min ||
		    !plain_word(k) || strlen(k) < 5)
			continue;
		/* Words of at most 31 bytes, as before sharing the search's
		 * distance. */
		if (n <= 31 && strlen(k) <= 31 &&
		    search_osa(t, n, k, strlen(k), max) <= max)
			return 1;
	}
	return 0;
}

/* How much of a topic name the question names: the best share over the
 * focus and its synonyms (leaving out names made only of aspect words,
 * and names whose one-letter qualifier the question lacks), weighted by
 * idf over the whole name. */
/* The share of topic name's terms (in *t) that the question names; -1
 * when the name cannot be named at all (no terms, only aspect words, or
 * a one-letter qualifier the question lacks). */
static double name_share(struct ex *x, const char *name, struct terms *t)
{
	double hit = 0, all = 0, rarest = 0;

	terms_of(x->an, x->a, name, strlen(name), t);
	if (!t->n || only_aspects(x, t) || !letter_named(x->a, x->qz, name))
		return -1;
	for (size_t k = 0; k < t->n; k++) {
		double w = x->weighted ? search_term_idf(x->ix, t->v[k]) : 1;

		all += w;
		if (term_named(x, t->v[k])) {
			hit += w;
			if (w > rarest)
				rarest = w;
		}
	}
	if (x->weighted && rarest < EX_RARE_IDF)
		return 0;
	return all > 0 ? hit / all : 0;
}

static double focus_match(struct ex *x, struct cand *c)
{
	double best = 0;
	size_t nall = 0;
	const char **all;

	all = ARENA_ARRAY(x->a, const char *, 64);
	for (size_t i = 0; i < c->doc.ntopics && i < 8; i++) {
		const char *name = c->doc.topics[i];
		struct terms t;
		double share;

		if (!name || !*name || (share = name_share(x, name, &t)) < 0)
			continue;
		for (size_t k = 0; k < t.n && nall < 64; k++)
			all[nall++] = t.v[k];
		if (share > best)
			best = share;
	}
	c->ft.v = all;
	c->ft.n = nall;
	return best;
}

/* 1 if every term of a is in b. */
static int terms_within(const struct terms *a, const struct terms *b)
{
	if (!a->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		size_t k = 0;

		while (k < b->n && strcmp(a->v[i], b->v[k]))
			k++;
		if (k == b->n)
			return 0;
	}
	return 1;
}

/* 1 if two focus names are on one subject: the words of one are all in
 * the other ("Noonan syndrome" and "Noonan syndrome 2", "stroke" and
 * "ischemic stroke"), stemmed, stop words left out. */
static int same_subject(const struct terms *a, const struct terms *b)
{
	return terms_within(a, b) || terms_within(b, a);
}

/* The names of a subject: a focus and its synonyms, or the topics a
 * Q&A is filed under, each as its terms. */
#define EX_NAMES 8
struct names {
	struct terms v[EX_NAMES];
	size_t n;
	int filed; /* the topics the question is filed under, all equal */
};

/* The names of hit h (its "; "-joined topic names); none when it has no
 * topic. */
static void subject_of(struct ex *x, const struct search_hit *h,
                       struct names *out)
{
	const char *z = h->topics ? h->topics : "";

	out->n = 0;
	out->filed = 0;
	while (*z && out->n < EX_NAMES) {
		const char *semi = strchr(z, ';');
		size_t n = semi ? (size_t)(semi - z) : strlen(z);

		terms_of(x->an, x->a, z, n, &out->v[out->n]);
		if (out->v[out->n].n)
			out->n++;
		z += n;
		while (*z == ';' || *z == ' ')
			z++;
	}
}

/* 1 if a name of a is on the subject of a name of b (same_subject): a
 * synonym is the same subject as its focus ("Hepatocellular carcinoma"
 * and "Liver cancer"), so comparing the first names alone missed the
 * Q&A filed under "Liver Cancer" for a question whose best entry is
 * filed under "Hepatocellular carcinoma" with "Liver cancer" as a
 * synonym. */
static int names_meet(const struct names *a, const struct names *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t k = 0; k < b->n; k++)
			if (same_subject(&a->v[i], &b->v[k]))
				return 1;
	return 0;
}

/* Languages told apart by their script: a source must be in the
 * question's, since a reader of a Chinese question may not read English
 * (the site's published answers give sources in every language). */
enum { LANG_LATIN, LANG_ZH, LANG_VI };

/* The language of text s: Chinese if it holds a Han character,
 * Vietnamese if it holds a letter only Vietnamese uses (đ, ơ, ư, ă or a
 * vowel with a tone mark from the Latin Extended Additional block),
 * otherwise a Latin-script language such as English. */
static int lang_of(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	int vi = 0;

	while (*p) {
		uint32_t c = *p;
		size_t n = 1;

		if (c >= 0xf0 && p[1] && p[2] && p[3]) {
			c = (uint32_t)(c & 0x07) << 18 |
			    (uint32_t)(p[1] & 0x3f) << 12 |
			    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			n = 4;
		} else if (c >= 0xe0 && p[1] && p[2]) {
			c = (uint32_t)(c & 0x0f) << 12 |
			    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			n = 3;
		} else if (c >= 0xc0 && p[1]) {
			c = (uint32_t)(c & 0x1f) << 6 | (p[1] & 0x3f);
			n = 2;
		}
		if ((c >= 0x4e00 && c <= 0x9fff) ||
		    (c >= 0x3400 && c <= 0x4dbf) ||
		    (c >= 0x20000 && c <= 0x2a6df))
			return LANG_ZH;
		if (c == 0x0110 || c == 0x0111 || c == 0x01a0 || c == 0x01a1 ||
		    c == 0x01af || c == 0x01b0 || c == 0x0102 || c == 0x0103 ||
		    (c >= 0x1ea0 && c <= 0x1ef9))
			vi = 1;
		p += n;
	}
	return vi ? LANG_VI : LANG_LATIN;
}

/* 1 if hit h is in the question's language (by its title). */
static int same_lang(const struct ex *x, const struct search_hit *h)
{
	return lang_of(h->title) == x->lang;
}

/* 1 if one of hit h's topic names (its focus or a synonym) is one of
 * the topics the question was filed under (moreinfo_request.topics):
 * the site's own names, which tie a question to entries in any
 * language. */
static int topic_shared(const struct ex *x, const struct search_hit *h)
{
	const char *z = h->topics ? h->topics : "";

	if (!x->req || !x->req->ntopics)
		return 0;
	while (*z) {
		const char *semi = strchr(z, ';');
		size_t n = semi ? (size_t)(semi - z) : strlen(z);
		size_t m = n;

		while (m && z[m - 1] == ' ')
			m--;
		for (size_t i = 0; m && i < x->req->ntopics; i++) {
			const char *t = x->req->topics[i];

			if (t && strlen(t) == m && !strncasecmp(t, z, m))
				return 1;
		}
		z += n;
		while (*z == ';' || *z == ' ')
			z++;
	}
	return 0;
}

/* 1 if the question names hit h's focus or a synonym in full, by the
 * rules of focus_match. */
static int hit_named(struct ex *x, const struct search_hit *h)
{
	const char *z = h->topics ? h->topics : "";

	while (*z) {
		const char *semi = strchr(z, ';');
		size_t n = semi ? (size_t)(semi - z) : strlen(z);
		struct terms t;

		if (name_share(x, arena_printf(x->a, "%.*s", (int)n, z), &t) >=
		    x->min_focus)
			return 1;
		z += n;
		while (*z == ';' || *z == ' ')
			z++;
	}
	return 0;
}

/* 1 if word w of the question is term t or a misspelling of it
 * (term_named's rule). */
static int word_is(const char *w, const char *t)
{
	size_t n = strlen(t), m = strlen(w);
	int max = n >= 8 ? 2 : 1;

	if (!strcmp(w, t))
		return 1;
	if (n < 5 || m < 5 || n > 31 || m > 31 || w[0] != t[0] ||
	    !plain_word(t) || !plain_word(w))
		return 0;
	return search_osa(t, n, w, m, max) <= max;
}

/* 1 if the question (title and text) holds the terms of name together:
 * in a run of as many consecutive words, stop words left out ("liver
 * cancer", "cancer of the liver"), not scattered over it ("bad"
 * accidents ... my "breath" for "Bad breath"). */
static int named_together(struct ex *x, const char *name)
{
	struct search_tokens tk;
	struct terms t;
	const char **w;
	size_t nw = 0;

	terms_of(x->an, x->a, name, strlen(name), &t);
	if (t.n < 2 || x->lang != LANG_LATIN)
		return 1;
	search_analyze(x->an, x->a, x->qz, strlen(x->qz), &tk);
	w = ARENA_ARRAY(x->a, const char *, tk.n + 1);
	for (size_t i = 0; i < tk.n; i++)
		if (!(tk.v[i].flags & (SEARCH_TOK_STOP | SEARCH_TOK_VARIANT)))
			w[nw++] = tk.v[i].term;
	for (size_t i = 0; i + t.n <= nw; i++) {
		size_t k = 0;

		while (k < t.n) {
			size_t j = 0;

			while (j < t.n && !word_is(w[i + j], t.v[k]))
				j++;
			if (j == t.n)
				break;
			k++;
		}
		if (k == t.n)
			return 1;
	}
	return 0;
}

/* 1 if the question names one of hit h's names in full with its words
 * together (named_together). */
static int hit_named_together(struct ex *x, const struct search_hit *h)
{
	const char *z = h->topics ? h->topics : "";

	while (*z) {
		const char *semi = strchr(z, ';');
		size_t n = semi ? (size_t)(semi - z) : strlen(z);
		const char *name = arena_printf(x->a, "%.*s", (int)n, z);
		struct terms t;

		if (name_share(x, name, &t) >= x->min_focus &&
		    named_together(x, name))
			return 1;
		z += n;
		while (*z == ';' || *z == ' ')
			z++;
	}
	return 0;
}

/* 1 if the question's title alone names hit h's focus or a synonym in
 * full. */
static int hit_named_in_title(struct ex *x, const struct search_hit *h)
{
	double min = x->name_min;
	int named;

	x->name_min = EX_TITLE_TERM;
	named = hit_named(x, h);
	x->name_min = min;
	return named;
}

/* The topics the question is filed under (moreinfo_request.topics) as a
 * subject: each is a name of it. */
static void filed_subject(struct ex *x, struct names *out)
{
	out->n = 0;
	out->filed = 1;
	for (size_t i = 0; i < x->req->ntopics && out->n < EX_NAMES; i++) {
		const char *z = x->req->topics[i] ? x->req->topics[i] : "";

		terms_of(x->an, x->a, z, strlen(z), &out->v[out->n]);
		if (out->v[out->n].n)
			out->n++;
	}
}

/* The subject of the question: the focus of the best-ranked of the top
 * hits that the question names (quotable or not: a drug leaflet without
 * text still says what the question is about), else of the best hit.
 * The best hit alone can be a near miss ("Hepatitis B" for a question on
 * hepatitis C that mentions "class B").
 * A question filed under topics (a page of the site) names its subject
 * in its title or is filed under it: a focus its text alone names is
 * context ("my mother had a stroke" on a menopause question), and so
 * is one named by words scattered over the text ("a haemangioma in my
 * liver ... is it cancer?" does not ask about liver cancer). Its subject
 * is then the focus its title names, else the topics it is filed
 * under. */
static void pick_subject(struct ex *x, const struct search_results *r,
                         struct names *out)
{
	if (x->req && x->req->ntopics) {
		for (size_t i = 0; i < r->n && i < EX_TOP_HITS; i++)
			if (hit_named_in_title(x, &r->hits[i])) {
				subject_of(x, &r->hits[i], out);
				return;
			}
		filed_subject(x, out);
		if (out->n)
			return;
	}
	for (size_t i = 0; i < r->n && i < EX_TOP_HITS; i++)
		if (hit_named(x, &r->hits[i])) {
			subject_of(x, &r->hits[i], out);
			return;
		}
	/* else the first filed under one of the question's topics */
	for (size_t i = 0; i < r->n && i < EX_TOP_HITS; i++)
		if (r->hits[i].kind != SEARCH_KIND_QA &&
		    topic_shared(x, &r->hits[i])) {
			subject_of(x, &r->hits[i], out);
			return;
		}
	subject_of(x, &r->hits[0], out);
}

/* 1 if candidate c is on the subject: a library entry's focus (its
 * first name) is the subject's focus; a published Q&A is filed under a
 * topic that is the subject's focus or a synonym. (A library entry's
 * synonyms are broad, "Cancer" among them, and let in other subjects: on
 * the LiveQA questions precision fell, so they are not compared.) */
static int on_subject(struct ex *x, const struct cand *c,
                      const struct names *subject)
{
	struct names t, s = *subject;
	size_t max = c->hit->kind == SEARCH_KIND_QA ? EX_NAMES : 1;

	if (c->hit->kind != SEARCH_KIND_QA && s.n > 1 && !s.filed)
		s.n = 1;
	t.n = 0;
	for (size_t i = 0; i < c->doc.ntopics && t.n < max; i++) {
		const char *z = c->doc.topics[i] ? c->doc.topics[i] : "";

		terms_of(x->an, x->a, z, strlen(z), &t.v[t.n]);
		if (t.v[t.n].n)
			t.n++;
	}
	return names_meet(&s, &t);
}

static void add_unit(struct ex *x, const struct unit *u)
{
	if (x->nu == x->ucap) {
		size_t cap = x->ucap ? x->ucap * 2 : 256;
		struct unit *v = ARENA_ARRAY(x->a, struct unit, cap);

		if (x->nu)
			memcpy(v, x->u, x->nu * sizeof(*v));
		x->u = v;
		x->ucap = cap;
	}
	x->u[x->nu++] = *u;
}

static void read_doc(struct ex *x, void *brk, size_t ci)
{
	struct cand *c = &x->c[ci];
	const char *text = c->doc.text;
	size_t len = strlen(text), n;
	struct moreinfo_span *sp;

	if (len > EX_DOC_BYTES)
		len = EX_DOC_BYTES;
	n = mi_split_with(brk, x->a, text, len, c->doc.markdown, &sp);
	long last = -1; /* unit index of sentence i - 1, if usable */

	for (size_t i = 0; i < n; i++) {
		struct unit u;
		long before = last;
		char *z;

		last = -1;
		memset(&u, 0, sizeof(u));
		u.cand = ci;
		u.pos = i;
		u.prev = -1;
		u.start = sp[i].start;
		u.len = sp[i].len;
		u.text = mi_squeeze(x->a, text + sp[i].start, sp[i].len);
		u.words = moreinfo_count_words(u.text, strlen(u.text));
		z = lower(x->a, u.text);
		if (!*u.text || !usable(u.text, z, u.words, sp[i].list))
			continue;
		if (opens_with(z, cue_anaphor)) {
			if (before < 0)
				continue; /* it refers to what we cannot quote
				           */
			u.prev = before;
		}
		u.aspect = aspect_of(z, i);
		terms_of(x->an, x->a, u.text, strlen(u.text), &u.t);
		for (size_t k = 0; k < u.t.n; k++)
			*tmap_slot(&x->df, u.t.v[k], 1) += 1;
		last = (long)x->nu;
		add_unit(x, &u);
	}
}

/* The fetcher used when the caller has none: the index's copy. */
static int hit_doc(struct arena *a, const struct search_hit *h,
                   struct moreinfo_doc *d)
{
	const char *nl = strchr(h->text ? h->text : "", '\n');
	const char **topics;
	size_t n = 0;
	char *s, *p, *save = NULL;

	memset(d, 0, sizeof(*d));
	if (!nl || !nl[1])
		return -ENOENT;
	d->external_id = h->external_id;
	d->title = h->title;
	d->text = nl + 1;
	d->markdown = h->kind == SEARCH_KIND_ARTICLE;
	d->question_type = h->question_type;
	s = arena_strdup(a, h->topics ? h->topics : "");
	topics = ARENA_ARRAY(a, const char *, strlen(s) / 2 + 2);
	for (p = strtok_r(s, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
		while (*p == ' ')
			p++;
		if (*p)
			topics[n++] = p;
	}
	d->topics = topics;
	d->ntopics = n;
	d->link = h->kind == SEARCH_KIND_FAQ
	                  ? arena_printf(a, "/library/%lld", (long long)h->id)
	          : h->kind == SEARCH_KIND_QA
	                  ? arena_printf(a, "/qa/%lld", (long long)h->id)
	                  : "";
	return 0;
}

static double overlap(const struct terms *a, const struct terms *b,
                      struct tmap *scratch)
{
	size_t common = 0, m;

	if (!a->n || !b->n)
		return 0;
	m = a->n < b->n ? a->n : b->n;
	scratch->n = 0;
	memset(scratch->keys, 0, scratch->cap * sizeof(*scratch->keys));
	for (size_t i = 0; i < a->n; i++)
		*tmap_slot(scratch, a->v[i], 1) = 1;
	for (size_t i = 0; i < b->n; i++)
		if (tmap_slot(scratch, b->v[i], 0))
			common++;
	return (double)common / (double)m;
}

static void score_units(struct ex *x)
{
	x->qnorm = 0;
	for (size_t i = 0; i < x->q.cap; i++)
		if (x->q.keys[i])
			x->qnorm += x->q.vals[i] * idf(x, x->q.keys[i]);
	if (x->qnorm <= 0)
		x->qnorm = 1;
	for (size_t i = 0; i < x->nu; i++) {
		struct unit *u = &x->u[i];
		const struct cand *c = &x->c[u->cand];
		double rel = 0, bonus = EX_CONTEXT;
		int names_focus = 0;

		for (size_t k = 0; k < u->t.n; k++) {
			double w = tmap_get(&x->q, u->t.v[k]);

			if (w > 0)
				rel += w * idf(x, u->t.v[k]);
			for (size_t f = 0; f < c->ft.n && !names_focus; f++)
				names_focus = !strcmp(c->ft.v[f], u->t.v[k]);
		}
		rel /= x->qnorm;
		if (names_focus)
			bonus += 0.05;
		if (u->pos == 0 && u->aspect == MOREINFO_WHAT)
			bonus += 0.10; /* a document's own definition */
		u->score = c->weight * (rel + bonus);
	}
}

static size_t pick(struct ex *x, const struct moreinfo_request *req,
                   size_t *nsources)
{
	size_t maxw = req->max_words ? req->max_words : MOREINFO_MAX_WORDS;
	size_t minw = req->min_words ? req->min_words : MOREINFO_MIN_WORDS;
	size_t maxs =
	        req->max_sources ? req->max_sources : MOREINFO_MAX_SOURCES;
	size_t target = (minw + maxw) / 2, words = 0, npicked = 0;
	unsigned covered = 0; /* aspects picked so far */

	size_t *picked = ARENA_ARRAY(x->a, size_t, x->nu + 1);
	struct tmap scratch;
	double first = 0;

	tmap_init(&scratch, x->a, 256);
	*nsources = 0;
	while (words < target) {
		double best = 0;
		long bi = -1;

		for (size_t i = 0; i < x->nu; i++) {
			struct unit *u = &x->u[i];
			const struct cand *c = &x->c[u->cand];
			double sim = 0, v;

			if (u->picked || words + u->words > maxw)
				continue;
			if (u->prev >= 0 && x->u[u->prev].picked != 1)
				continue;
			if (c->source < 0 && *nsources >= maxs)
				continue;
			for (size_t k = 0; k < npicked; k++) {
				double s = overlap(&u->t, &x->u[picked[k]].t,
				                   &scratch);
				if (s > sim)
					sim = s;
			}
			if (sim >= EX_DUPLICATE) {
				u->picked = -1; /* never again */
				continue;
			}
			v = u->score;
			if ((x->asked & ~covered) & (1u << u->aspect))
				v += EX_ASKED;
			v *= 1.0 - 0.5 * sim;
			if (c->source < 0)
				v *= EX_NEW_SOURCE;
			if (v > best) {
				best = v;
				bi = (long)i;
			}
		}
		if (bi < 0 || best <= 0)
			break;
		/* (compared without the coverage bonus, which only orders) */
		if (!npicked)
			first = x->u[bi].score;
		else if (x->u[bi].score < EX_WEAK * first && words >= minw)
			break;
		x->u[bi].picked = 1;
		covered |= 1u << x->u[bi].aspect;
		if (x->u[bi].prev >= 0)
			x->u[bi].aspect = x->u[x->u[bi].prev].aspect;
		picked[npicked++] = (size_t)bi;
		words += x->u[bi].words;
		if (x->c[x->u[bi].cand].source < 0) {
			x->c[x->u[bi].cand].source = (long)(*nsources);
			x->c[x->u[bi].cand].first = (*nsources)++;
		}
	}
	return words;
}

static int by_reading_order(const void *pa, const void *pb, void *ctx)
{
	const struct unit *a = pa, *b = pb;
	const struct ex *x = ctx;
	size_t fa = x->c[a->cand].first, fb = x->c[b->cand].first;

	if (a->aspect != b->aspect)
		return a->aspect < b->aspect ? -1 : 1;
	if (fa != fb)
		return fa < fb ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static void emit(struct ex *x, size_t nsources, struct moreinfo *out)
{
	struct unit *sel = ARENA_ARRAY(x->a, struct unit, x->nu + 1);
	long *num = ARENA_ARRAY(x->a, long, x->nc + 1);
	size_t n = 0, ns = 0;

	for (size_t i = 0; i < x->nu; i++)
		if (x->u[i].picked == 1)
			sel[n++] = x->u[i];
	qsort_r(sel, n, sizeof(*sel), by_reading_order, x);
	for (size_t i = 0; i < x->nc; i++)
		num[i] = -1;
	out->sentences = ARENA_ARRAY(x->a, struct moreinfo_sentence, n + 1);
	out->sources = ARENA_ARRAY(x->a, struct moreinfo_source, nsources + 1);
	for (size_t i = 0; i < n; i++) {
		struct moreinfo_sentence *s = &out->sentences[i];
		const struct cand *c = &x->c[sel[i].cand];

		if (num[sel[i].cand] < 0) {
			struct moreinfo_source *src = &out->sources[ns];

			src->kind = c->hit->kind;
			src->id = c->hit->id;
			src->external_id = c->doc.external_id
			                           ? c->doc.external_id
			                           : c->hit->external_id;
			src->title = c->doc.title && *c->doc.title
			                     ? c->doc.title
			                     : c->hit->title;
			src->name =
			        c->doc.source_name ? c->doc.source_name : "";
			src->url = c->doc.source_url && *c->doc.source_url
			                   ? c->doc.source_url
			                   : NULL;
			src->link = c->doc.link ? c->doc.link : "";
			num[sel[i].cand] = (long)ns++;
		}
		s->text = sel[i].text;
		s->cite[0] = (size_t)num[sel[i].cand];
		s->ncite = 1;
		s->aspect = sel[i].aspect;
		out->words += sel[i].words;
	}
	out->n = n;
	out->nsources = ns;
}

static unsigned asked_aspects(struct arena *a, const struct moreinfo_request *r)
{
	char *z = lower(a, arena_printf(a, "%s %s", r->title ? r->title : "",
	                                r->question ? r->question : ""));
	unsigned m = 0;

	if (has_any(z, ask_what))
		m |= 1u << MOREINFO_WHAT;
	if (has_any(z, ask_options))
		m |= 1u << MOREINFO_OPTIONS;
	if (has_any(z, ask_risks))
		m |= 1u << MOREINFO_RISKS;
	if (has_any(z, ask_doctor))
		m |= 1u << MOREINFO_DOCTOR;
	return m;
}

/* 1 if the published Q&A of hit h asks what the question asks: most of
 * its title's terms (EX_ALIKE), each weighed by its idf, are the
 * question's; words every question uses ("khi", "có") weigh little. A Q&A's
 * topics are the site's (English) names, which a question in another language
 * does not name, so its own words decide, in any language. */
static int asks_alike(struct ex *x, const struct search_hit *h)
{
	struct terms t;
	double hit = 0, all = 0;

	terms_of_as(x->an, x->a, h->title, strlen(h->title), 1, &t);
	for (size_t k = 0; k < t.n; k++) {
		double w = search_term_idf(x->ix, t.v[k]);

		all += w;
		if (tmap_get(&x->q, t.v[k]) >= EX_ASKED_TERM)
			hit += w;
	}
	return all > 0 && hit >= EX_ALIKE * all;
}

/* When nothing can be quoted (many library entries hold no text of
 * their own: drug leaflets and encyclopedia entries are links to their
 * publisher), More Info lists the library entries that answer the
 * question, with no sentences: the first hits of the ranking whose focus
 * the question names in full (focus_match's rule), on the question's
 * subject (pick_subject), and whose question type is the one asked, or an
 * overview (type_suits). The same two checks
 * decide on any question set: no rule names a subject. Fills out->sources
 * (out->n stays 0); none when no hit passes, and More Info then says it
 * has nothing. */
static void list_sources(struct ex *x, moreinfo_fetch_fn fetch, void *fetch_ctx,
                         const struct search_results *r,
                         const struct names *subject, size_t maxs,
                         struct moreinfo *out)
{
	size_t ns = 0;

	out->sources = ARENA_ARRAY(x->a, struct moreinfo_source, maxs + 1);
	/* Two sweeps: the entries of a type the question asks (or an
	 * overview); when there is none, the best hit of the ranking,
	 * whatever its type, if the question names its focus and it is on
	 * the subject: a drug leaflet has no overview, and a question on
	 * its gluten or on misspelt side effects asks no type it has, yet
	 * its sections are what the library holds on the question. Only
	 * the best hit, and only when the question names it with its words
	 * together: "bad" ... "breath" scattered over a question on exercise
	 * and asthma do not name "Bad breath". */
	for (int any_type = 0; any_type < 2 && !ns; any_type++) {
		for (size_t i = 0; i < r->n && i < EX_LIST_HITS && ns < maxs;
		     i++) {
			const struct search_hit *h = &r->hits[i];
			struct moreinfo_source *src = &out->sources[ns];
			struct moreinfo_doc d;
			int dup = 0;

			if (r->hits[0].score <= 0 ||
			    h->score / r->hits[0].score < EX_FLOOR_RATIO)
				break;
			struct names ht, s1;

			if (!same_lang(x, h))
				continue;
			if (h->kind == SEARCH_KIND_QA &&
			    (asks_alike(x, h) || topic_shared(x, h))) {
				/* asks what the question asks */
			} else if (h->kind != SEARCH_KIND_QA && !any_type &&
			           !type_suits(x->qz, h->question_type)) {
				continue;
			} else if (any_type &&
			           (i > 0 || !hit_named_together(x, h))) {
				break;
			} else if (!topic_shared(x, h)) {
				if (!hit_named(x, h))
					continue;
				subject_of(x, h, &ht);
				if (h->kind != SEARCH_KIND_QA) {
					ht.n = ht.n ? 1
					            : 0; /* on_subject's rule */
					s1 = *subject;
					if (!s1.filed)
						s1.n = s1.n ? 1 : 0;
				}
				if (!names_meet(h->kind == SEARCH_KIND_QA
				                        ? subject
				                        : &s1,
				                &ht))
					continue;
			}
			for (size_t k = 0; k < ns; k++)
				dup |= !strcmp(out->sources[k].title, h->title);
			if (dup)
				continue;
			memset(&d, 0, sizeof(d));
			if (fetch ? fetch(fetch_ctx, x->a, h->kind, h->id,
			                  &d) != 0
			          : hit_doc(x->a, h, &d) != 0)
				memset(&d, 0, sizeof(d));
			src->kind = h->kind;
			src->id = h->id;
			src->external_id =
			        d.external_id ? d.external_id
			                      : (h->external_id ? h->external_id
			                                        : "");
			src->title = d.title && *d.title ? d.title : h->title;
			src->name = d.source_name ? d.source_name : "";
			src->url = d.source_url && *d.source_url ? d.source_url
			                                         : NULL;
			src->link = d.link ? d.link : "";
			ns++;
		}
	}
	out->nsources = ns;
}

/* One pass of choosing the sources of r for req by x's focus rule: a
 * draft quoting them when they hold enough to quote, else a reading
 * list (list_sources), else nothing (out->nsources stays 0). *brk is
 * the sentence iterator, opened on first use. */
static void select_sources(struct ex *x, moreinfo_fetch_fn fetch,
                           void *fetch_ctx, void **brk,
                           const struct moreinfo_request *req,
                           const struct search_results *r, struct moreinfo *out)
{
	struct arena *a = x->a;
	struct names subject;
	size_t minw = req->min_words ? req->min_words : MOREINFO_MIN_WORDS;
	size_t maxs =
	        req->max_sources ? req->max_sources : MOREINFO_MAX_SOURCES;
	size_t nsources = 0, words;

	x->nc = 0;
	x->nu = 0;
	x->ucap = 0;
	x->u = NULL;
	/* The subject: the focus the question names among the best hits. */
	pick_subject(x, r, &subject);
	if (!subject.n)
		goto list;

	/* The sources: the first hits that qualify, in ranking order. */
	x->c = ARENA_ARRAY(a, struct cand, r->n + x->nfiled);
	for (size_t i = 0; i < r->n && i < EX_TOP_HITS && x->nc < maxs; i++) {
		const struct search_hit *h = &r->hits[i];
		struct cand *c = &x->c[x->nc];
		double ratio =
		        r->hits[0].score > 0 ? h->score / r->hits[0].score : 0;

		if (ratio < EX_FLOOR_RATIO)
			break;
		memset(c, 0, sizeof(*c));
		c->hit = h;
		c->source = -1;
		if (fetch ? fetch(fetch_ctx, a, h->kind, h->id, &c->doc) != 0
		          : hit_doc(a, h, &c->doc) != 0)
			continue;
		if (!c->doc.text || !*c->doc.text || !same_lang(x, h))
			continue;
		if (h->kind == SEARCH_KIND_QA &&
		    (asks_alike(x, h) || topic_shared(x, h))) {
			c->focus = 1;
		} else if (topic_shared(x, h)) {
			c->focus = 1;
		} else {
			c->focus = focus_match(x, c);
			if (c->focus < x->min_focus ||
			    !on_subject(x, c, &subject))
				continue;
		}
		if (!type_suits(x->qz, c->doc.question_type))
			ratio *= EX_OTHER_TYPE;
		c->weight = ratio * (0.5 + 0.5 * c->focus);
		x->nc++;
	}
	/* Then the entries filed under the question's topics that rank
	 * lower, at the weight their score gives. */
	for (size_t i = 0; i < x->nfiled && x->nc < maxs; i++) {
		const struct search_hit *h = &x->filed[i];
		struct cand *c = &x->c[x->nc];
		int dup = 0;

		for (size_t k = 0; k < x->nc; k++)
			dup |= x->c[k].hit->kind == h->kind &&
			       x->c[k].hit->id == h->id;
		if (dup || r->hits[0].score <= 0)
			continue;
		memset(c, 0, sizeof(*c));
		c->hit = h;
		c->source = -1;
		if (fetch ? fetch(fetch_ctx, a, h->kind, h->id, &c->doc) != 0
		          : hit_doc(a, h, &c->doc) != 0)
			continue;
		if (!c->doc.text || !*c->doc.text)
			continue;
		c->focus = 1;
		c->weight = h->score / r->hits[0].score;
		if (!type_suits(x->qz, c->doc.question_type))
			c->weight *= EX_OTHER_TYPE;
		x->nc++;
	}
	if (!x->nc)
		goto list;

	tmap_init(&x->df, a, 1024);
	if (!*brk)
		*brk = mi_brk_open();
	for (size_t i = 0; i < x->nc; i++)
		read_doc(x, *brk, i);
	x->nunits = (double)x->nu;
	score_units(x);
	words = pick(x, req, &nsources);

	if (words >= minw) {
		emit(x, nsources, out);
		return;
	}
	/* Not enough to quote that is close to the question. */
	out->n = 0;
	out->words = 0;
list:
	list_sources(x, fetch, fetch_ctx, r, &subject, maxs, out);
}

/* The hits of query q (filter f) filed under the question's topics and
 * in its language that the top of ranking r leaves out: the best
 * EX_FILED_HITS of the ranking restricted to each topic, into x->filed. */
static void filed_hits(struct ex *x, const struct search_filter *f,
                       const char *q, const struct search_results *r)
{
	struct search_hit *v;
	size_t top = 0;

	x->filed = NULL;
	x->nfiled = 0;
	if (!x->req->ntopics || r->hits[0].score <= 0)
		return;
	while (top < r->n && top < EX_TOP_HITS &&
	       r->hits[top].score / r->hits[0].score >= EX_FLOOR_RATIO)
		top++;
	v = ARENA_ARRAY(x->a, struct search_hit, EX_FILED_HITS);
	for (size_t t = 0; t < x->req->ntopics && t < EX_FILED_TOPICS; t++) {
		struct search_filter ft = *f;
		struct search_results rt;

		if (!x->req->topics[t] || !*x->req->topics[t])
			continue;
		ft.topic = x->req->topics[t];
		/* The topic's name leads: the engine starts from a query's
		 * rarest words, which the filed entries may not hold. */
		search_query(x->ix, x->a,
		             arena_printf(x->a, "%s\n%s", ft.topic, q), &ft, 0,
		             EX_FILED_HITS, &rt);
		for (size_t i = 0; i < rt.n && x->nfiled < EX_FILED_HITS; i++) {
			const struct search_hit *h = &rt.hits[i];
			int dup = 0;

			for (size_t k = 0; k < top; k++)
				dup |= r->hits[k].kind == h->kind &&
				       r->hits[k].id == h->id;
			for (size_t k = 0; k < x->nfiled; k++)
				dup |= v[k].kind == h->kind && v[k].id == h->id;
			if (!dup && same_lang(x, h) && topic_shared(x, h))
				v[x->nfiled++] = *h;
		}
	}
	x->filed = v;
}

int moreinfo_extract(struct search_index *ix, moreinfo_fetch_fn fetch,
                     void *fetch_ctx, struct arena *a,
                     const struct moreinfo_request *req, struct moreinfo *out)
{
	struct ex x;
	struct search_filter f;
	struct search_results r;
	struct buf qb = BUF_INIT;
	struct terms t;
	size_t reply_len;
	void *brk = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if ((!req->title || !*req->title) &&
	    (!req->question || !*req->question))
		return -EINVAL;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.ix = ix;
	x.req = req;
	x.an = search_index_analyzer(ix);
	aspect_init(&x);

	/* The query: title, question, then the start of the reply. */
	reply_len = req->reply ? strlen(req->reply) : 0;
	if (reply_len > EX_REPLY_BYTES)
		reply_len = EX_REPLY_BYTES;
	buf_printf(&qb, "%s\n%s\n", req->title ? req->title : "",
	           req->question ? req->question : "");
	if (reply_len)
		buf_append(&qb, req->reply, reply_len);
	memset(&f, 0, sizeof(f));
	f.kinds = req->kinds ? req->kinds
	                     : (SEARCH_KIND_FAQ | SEARCH_KIND_ARTICLE |
	                        SEARCH_KIND_QA);
	if (req->exclude_qa) {
		f.exclude_kind = SEARCH_KIND_QA;
		f.exclude_id = req->exclude_qa;
	}
	search_query(ix, a, qb.p, &f, 0, EX_LIST_HITS, &r);
	if (!r.n)
		goto done;

	/* Query terms: the title weighs most, the reply least. */
	tmap_init(&x.q, a, 128);
	if (req->reply && reply_len) {
		terms_of(x.an, a, req->reply, reply_len, &t);
		add_query(&x.q, &t, 0.5);
	}
	if (req->question) {
		terms_of(x.an, a, req->question, strlen(req->question), &t);
		add_query(&x.q, &t, 1.0);
	}
	if (req->title) {
		terms_of(x.an, a, req->title, strlen(req->title), &t);
		add_query(&x.q, &t, EX_TITLE_TERM);
	}
	/* A lay reader needs to know what it is, asked or not. */
	x.asked = asked_aspects(a, req) | 1u << MOREINFO_WHAT;
	x.qz = lower(a, arena_printf(a, "%s %s", req->title ? req->title : "",
	                             req->question ? req->question : ""));
	x.lang = lang_of(x.qz);
	/* (the question's own words: the reply's would crowd them out of
	 * the engine's first terms) */
	filed_hits(&x, &f,
	           arena_printf(a, "%s\n%s\n", req->title ? req->title : "",
	                        req->question ? req->question : ""),
	           &r);

	if (fetch && req->prefetch) {
		/* What the loops below may fetch: hits above the floor and
		 * the filed ones, in one read. */
		struct search_hit *v =
		        ARENA_ARRAY(a, struct search_hit, r.n + x.nfiled + 1);
		size_t n = 0;

		while (n < r.n && n < EX_LIST_HITS && r.hits[0].score > 0 &&
		       r.hits[n].score / r.hits[0].score >= EX_FLOOR_RATIO)
			n++;
		memcpy(v, r.hits, n * sizeof(*v));
		if (x.nfiled) {
			/* the filed ones after the top (n may pass the
			 * prefetch's cap) */
			size_t top = n < EX_TOP_HITS ? n : EX_TOP_HITS;

			memmove(v + top + x.nfiled, v + top,
			        (n - top) * sizeof(*v));
			memcpy(v + top, x.filed, x.nfiled * sizeof(*v));
			n += x.nfiled;
		}
		if (n)
			req->prefetch(fetch_ctx, a, v, n);
	}

	/* Two passes: the focus named in full, else mostly by its rare
	 * words (EX_MIN_RARE). */
	for (int pass = 0; pass < 2 && !out->nsources; pass++) {
		x.weighted = pass;
		x.name_min = EX_ASKED_TERM;
		x.min_focus = pass ? EX_MIN_RARE : EX_MIN_FOCUS;
		select_sources(&x, fetch, fetch_ctx, &brk, req, &r, out);
	}
done:
	mi_brk_close(brk);
	buf_free(&qb);
	return rc;
}
