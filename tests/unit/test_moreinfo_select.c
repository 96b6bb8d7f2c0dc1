/* tests/unit/test_moreinfo_select.c: how More Info chooses its sources.
 *
 * The rules under test (moreinfo/extract.c, step 1): the sources are the
 * first entries of the search ranking, in its order, among its best
 * EX_TOP_HITS hits, that have text, are on the subject of the best hit
 * (even when that hit has no text to quote) and whose focus the question
 * names in full (a synonym made only of aspect words such as "side
 * effects" does not count, nor a name whose one-letter qualifier, as in
 * "Hepatitis A", the question lacks); when none qualifies there is no More
 * Info.
 *
 * The library is written for this test (invented diseases and a drug),
 * indexed in memory and served by a fake fetcher. Each rule is checked
 * with a question it must decline and a control question showing the
 * same entry is quotable, so that a decline cannot come from something
 * else. */
#include "test.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moreinfo/extract.h"
#include "search/search.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

struct entry {
	const char *ext, *title, *qtype, *text, *url;
	const char *topics[2];
};

static const struct entry lib[] = {
        /* A drug leaflet without text, like the library's licensed
         * records: it can define the subject but never be quoted. */
        {"DRUG_1",
         "What is Zorbital ?",
         "information",
         "",
         "https://drugs.example.org/zorbital",
         {"Zorbital"}},
        {"GLU_1",
         "What is gluten ?",
         "information",
         "Gluten is a protein found in wheat, barley and rye. Bread, "
         "pasta and many baked foods contain gluten unless the label says "
         "otherwise. Some people cannot digest gluten and feel bloated or "
         "tired after eating it. A diet without gluten is the main way to "
         "feel better for people who react to it. Oats are often mixed "
         "with wheat while they are grown and packed.",
         "https://food.example.org/gluten",
         {"Gluten"}},
        {"REACT_1",
         "What are drug reactions ?",
         "information",
         "Drug reactions are unwanted effects that a medicine has on the "
         "body. Some drug reactions are mild, such as an upset stomach or "
         "a slight headache. Other drug reactions are serious and need "
         "care at once, such as swelling of the face or trouble breathing. "
         "Taking two medicines together can change how each of them works "
         "in the body. Your pharmacist can check whether your medicines "
         "are safe to take together.",
         "https://drugs.example.org/reactions",
         {"Drug reactions", "Side effects"}},
        /* A disease and its lettered type: the analyzer drops the
         * letter, so only the question's own words tell them apart. */
        {"KEL_1",
         "What is Kellen fever ?",
         "information",
         "Kellen fever is an infection that causes a high temperature "
         "and aching joints for about a week. There are several types of "
         "Kellen fever, and each spreads in its own way. Most people get "
         "better at home with rest, fluids and medicine for the fever. A "
         "doctor should see anyone whose fever lasts longer than a week.",
         "https://infections.example.org/kellen",
         {"Kellen fever"}},
        {"KEL_A",
         "What is Kellen fever A ?",
         "information",
         "Kellen fever A is the type of Kellen fever that spreads through "
         "water and food that carry the virus. Washing hands before meals "
         "and drinking clean water are the best ways to avoid Kellen fever "
         "A. A vaccine protects travellers who visit places where it is "
         "common. Kellen fever A does not become a lasting illness.",
         "https://infections.example.org/kellen-a",
         {"Kellen fever A"}},
        /* One document in three sections (one URL), as the library
         * splits its documents, and a variant of the same disease. */
        {"VAR_1",
         "What is Varrow syndrome ?",
         "information",
         "Varrow syndrome is a rare condition that makes the joints of "
         "the hands stiff from early childhood. Children with Varrow "
         "syndrome often grow more slowly than their brothers and sisters. "
         "Most children with Varrow syndrome go to school and play sports "
         "with some help. The condition does not affect how well a child "
         "can think or learn.",
         "https://rare.example.org/varrow",
         {"Varrow syndrome"}},
        {"VAR_2",
         "What are the treatments for Varrow syndrome ?",
         "treatment",
         "Varrow syndrome is treated with exercises that keep the joints "
         "moving. A hand therapist teaches the child and the parents a "
         "short daily routine. Splints worn at night can stop the fingers "
         "from bending further. Surgery is rarely needed and is kept for "
         "joints that no longer move at all.",
         "https://rare.example.org/varrow",
         {"Varrow syndrome"}},
        {"VAR_3",
         "Is Varrow syndrome inherited ?",
         "inheritance",
         "Varrow syndrome is passed down when a child receives a changed "
         "gene from both parents. Parents who each carry one changed gene "
         "usually have no signs of the condition. Each child of two "
         "carriers has a one in four chance of having Varrow syndrome. "
         "A genetic counsellor can explain the chances for a family.",
         "https://rare.example.org/varrow",
         {"Varrow syndrome"}},
        {"VAR2_1",
         "What is Varrow syndrome 2 ?",
         "information",
         "Varrow syndrome 2 is a milder form of Varrow syndrome that "
         "starts in the teenage years. People with Varrow syndrome 2 "
         "notice stiff fingers in the morning that ease during the day. "
         "Regular stretching keeps the hands working well for most of "
         "them. Varrow syndrome 2 is caused by a change in a different "
         "gene from the one behind the childhood form.",
         "https://rare.example.org/varrow-2",
         {"Varrow syndrome 2"}},
};

static int fake_fetch(void *ctx, struct arena *a, enum search_kind kind,
                      int64_t id, struct moreinfo_doc *out)
{
	const struct entry *e;

	(void)ctx;
	if (kind != SEARCH_KIND_FAQ || id < 1 || (size_t)id > ARRAY_SIZE(lib))
		return -ENOENT;
	e = &lib[id - 1];
	memset(out, 0, sizeof(*out));
	out->external_id = e->ext;
	out->title = e->title;
	out->text = e->text;
	out->question_type = e->qtype;
	out->topics = e->topics;
	out->ntopics = e->topics[1] ? 2 : 1;
	out->source_name = "Example Institute";
	out->source_url = e->url;
	out->link = arena_printf(a, "/library/%lld", (long long)id);
	return 0;
}

static struct search_index *fixture_index(void)
{
	struct search_index *ix = search_index_new(NULL);

	for (size_t i = 0; ix && i < ARRAY_SIZE(lib); i++) {
		struct search_doc d;

		memset(&d, 0, sizeof(d));
		d.id = (int64_t)i + 1;
		d.kind = SEARCH_KIND_FAQ;
		d.external_id = lib[i].ext;
		d.title = lib[i].title;
		d.question = lib[i].title;
		d.answer = lib[i].text;
		d.topics = lib[i].topics;
		d.ntopics = lib[i].topics[1] ? 2 : 1;
		d.question_type = lib[i].qtype;
		d.language = "en";
		search_index_put(ix, &d);
	}
	return ix;
}

static const struct entry *by_ext(const char *ext)
{
	for (size_t i = 0; i < ARRAY_SIZE(lib); i++)
		if (!strcmp(lib[i].ext, ext))
			return &lib[i];
	return NULL;
}

/* More Info for question q (no title, no reply) with at most maxs
 * sources and a low word floor (the entries here are short). */
static void extract(struct search_index *ix, struct arena *a, const char *q,
                    size_t maxs, struct moreinfo *mi)
{
	struct moreinfo_request req;

	memset(&req, 0, sizeof(req));
	req.question = q;
	req.min_words = 30;
	req.max_sources = maxs;
	CHECK_INT(moreinfo_extract(ix, fake_fetch, NULL, a, &req, mi), 0);
}

/* 1 if mi cites the entry ext. */
static int cites(const struct moreinfo *mi, const char *ext)
{
	for (size_t i = 0; i < mi->nsources; i++)
		if (!strcmp(mi->sources[i].external_id, ext))
			return 1;
	return 0;
}

/* The best hit the engine gives for question q, as moreinfo_extract asks
 * it (title line, question line). */
static const char *best_hit(struct search_index *ix, struct arena *a,
                            const char *q)
{
	struct search_results r;

	search_query(ix, a, arena_printf(a, "\n%s\n", q), NULL, 0, 1, &r);
	return r.n ? r.hits[0].external_id : "";
}

static void test_subject_comes_from_best_hit(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo mi;
	const char *q = "Zorbital tablets: is Zorbital free of gluten? I take "
	                "Zorbital every day.";

	/* The question is about the drug, which has no text; the gluten
	 * entry matches words of the question but not its subject. Nothing
	 * is quoted; the drug's entry is listed to read at its publisher. */
	CHECK_STR(best_hit(ix, a, q), "DRUG_1");
	extract(ix, a, q, 0, &mi);
	CHECK_INT(mi.n, 0);
	CHECK(mi.nsources > 0);
	CHECK(cites(&mi, "DRUG_1"));
	CHECK(!cites(&mi, "GLU_1"));
	/* Control: on its own subject the gluten entry is quoted. */
	arena_reset(a);
	extract(ix, a, "Which foods contain gluten?", 0, &mi);
	CHECK(mi.n > 0);
	CHECK(cites(&mi, "GLU_1"));
	CHECK(!cites(&mi, "DRUG_1"));
	arena_free(a);
	search_index_free(ix);
}

static void test_focus_must_be_named_in_full(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo mi;
	const char *q = "My skin had a reaction to mite bites, red spots that "
	                "itch. What reaction is this?";

	/* "reaction" is half of "Drug reactions": not enough. */
	CHECK_STR(best_hit(ix, a, q), "REACT_1");
	extract(ix, a, q, 0, &mi);
	CHECK_INT(mi.n, 0);
	CHECK_INT(mi.nsources, 0); /* nor listed: nothing is relevant */
	/* Control: a question naming it in full gets it. */
	arena_reset(a);
	extract(ix, a,
	        "Can two medicines cause drug reactions when taken "
	        "together?",
	        0, &mi);
	CHECK(mi.n > 0);
	CHECK(cites(&mi, "REACT_1"));
	arena_free(a);
	search_index_free(ix);
}

static void test_aspect_synonym_names_no_subject(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo mi;
	const char *q = "Mite bites on my arms. Which cream treats them with "
	                "the fewest side effects?";

	/* "side effects" is all of a synonym of "Drug reactions", but here
	 * it says which side of the question's own subject is asked. */
	CHECK_STR(best_hit(ix, a, q), "REACT_1");
	extract(ix, a, q, 0, &mi);
	CHECK(!cites(&mi, "REACT_1"));
	/* Control: naming the focus itself still gets it. */
	arena_reset(a);
	extract(ix, a, "What side effects do drug reactions cause?", 0, &mi);
	CHECK(cites(&mi, "REACT_1"));
	arena_free(a);
	search_index_free(ix);
}

static void test_lettered_type_must_be_named(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo mi;

	/* "Kellen fever" does not name Kellen fever A. */
	extract(ix, a,
	        "How do people catch Kellen fever? My neighbour has Kellen "
	        "fever and I worry about my children.",
	        0, &mi);
	CHECK(!cites(&mi, "KEL_A"));
	/* Control: naming the type gets it. */
	arena_reset(a);
	extract(ix, a, "How is Kellen fever A spread, and is there a vaccine?",
	        0, &mi);
	CHECK(cites(&mi, "KEL_A"));
	arena_free(a);
	search_index_free(ix);
}

static void test_sources_follow_the_ranking(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct search_results r;
	struct moreinfo mi;
	const char *q = "Varrow syndrome: my son has Varrow syndrome, how is "
	                "it treated and is it inherited?";
	const char *first = NULL, *second = NULL;

	/* The first two hits with text, in ranking order. */
	search_query(ix, a, arena_printf(a, "\n%s\n", q), NULL, 0, 5, &r);
	for (size_t i = 0; i < r.n && !second; i++) {
		const struct entry *e = by_ext(r.hits[i].external_id);

		if (!e || !*e->text)
			continue;
		if (!first)
			first = e->ext;
		else
			second = e->ext;
	}
	CHECK(first && second);
	if (!first || !second)
		goto done;
	/* One source: the best-ranked entry, whatever the sentences of the
	 * others would score. */
	extract(ix, a, q, 1, &mi);
	CHECK_INT(mi.nsources, 1);
	if (mi.nsources == 1)
		CHECK_STR(mi.sources[0].external_id, first);
	/* Two: the two best-ranked, sections of one document or its
	 * variant ("Varrow syndrome 2" is on the subject). */
	arena_reset(a);
	extract(ix, a, q, 2, &mi);
	CHECK(mi.nsources >= 1 && mi.nsources <= 2);
	for (size_t i = 0; i < mi.nsources; i++)
		CHECK(!strcmp(mi.sources[i].external_id, first) ||
		      !strcmp(mi.sources[i].external_id, second));
	CHECK(cites(&mi, first));
	/* Every sentence is a verbatim piece of the entry it cites. */
	for (size_t i = 0; i < mi.n; i++) {
		const struct entry *e =
		        by_ext(mi.sources[mi.sentences[i].cite[0]].external_id);

		CHECK(e && strstr(e->text, mi.sentences[i].text));
	}
done:
	arena_free(a);
	search_index_free(ix);
}

static void test_variant_is_on_subject(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo mi;

	/* A question on the variant may quote it and the main entry: one
	 * focus name holds all the words of the other. */
	extract(ix, a,
	        "Varrow syndrome 2: my fingers are stiff every morning. What "
	        "is Varrow syndrome 2 and does stretching help?",
	        3, &mi);
	CHECK(mi.n > 0);
	CHECK(cites(&mi, "VAR2_1"));
	for (size_t i = 0; i < mi.nsources; i++)
		CHECK(!strncmp(mi.sources[i].external_id, "VAR", 3));
	arena_free(a);
	search_index_free(ix);
}

/* A published Q&A in the question's language is a source: its topics
 * are the site's English names, so its own words decide. A Q&A never
 * cites itself, and one that asks something else is not cited. */
static void test_own_language_answers(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	const char *topics[1] = {"Diabetes"};
	struct search_doc d;

	memset(&d, 0, sizeof(d));
	d.id = 7;
	d.kind = SEARCH_KIND_QA;
	d.external_id = "QA_VI";
	d.title = "Đường huyết lúc đói 7,2 có phải bị tiểu đường không?";
	d.question = "Tôi đi khám thấy đường huyết lúc đói là 7,2 mmol/L.";
	d.answer = "Đường huyết lúc đói 7,2 mmol/L là cao hơn bình thường và "
	           "có thể gợi ý bệnh tiểu đường. Anh nên đi khám bác sĩ nội "
	           "khoa để làm lại xét nghiệm đường huyết và HbA1c. Ăn ít "
	           "đường, ít tinh bột và vận động đều đặn mỗi ngày giúp hạ "
	           "đường huyết. Nếu khát nước nhiều, đi tiểu nhiều hay sụt "
	           "cân thì cần đi khám sớm hơn.";
	d.topics = topics;
	d.ntopics = 1;
	d.language = "vi";
	search_index_put(ix, &d);
	memset(&req, 0, sizeof(req));
	req.question = "Đường huyết lúc đói cao có phải bị tiểu đường không?";
	req.min_words = 30;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(mi.n > 0);
	CHECK_INT(mi.nsources, 1);
	CHECK(mi.nsources == 1 && mi.sources[0].kind == SEARCH_KIND_QA);
	CHECK(mi.nsources == 1 && !strcmp(mi.sources[0].link, "/qa/7"));
	/* The same Q&A's own page: nothing else, so nothing. */
	arena_reset(a);
	req.exclude_qa = 7;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK_INT(mi.n, 0);
	CHECK_INT(mi.nsources, 0);
	/* Another question on the subject that asks something else. */
	arena_reset(a);
	req.exclude_qa = 0;
	req.question = "Bệnh tiểu đường có di truyền từ bố mẹ sang con không?";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK_INT(mi.nsources, 0);
	arena_free(a);
	search_index_free(ix);
}

int main(void)
{
	RUN(test_subject_comes_from_best_hit);
	RUN(test_focus_must_be_named_in_full);
	RUN(test_aspect_synonym_names_no_subject);
	RUN(test_lettered_type_must_be_named);
	RUN(test_sources_follow_the_ranking);
	RUN(test_variant_is_on_subject);
	RUN(test_own_language_answers);
	return test_summary();
}
