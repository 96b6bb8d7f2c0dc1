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

/* Put a document of kind k into ix. */
static void put(struct search_index *ix, enum search_kind k, int64_t id,
                const char *lang, const char *title, const char *text,
                const char *topic)
{
	struct search_doc d;
	const char *topics[1] = {topic};

	memset(&d, 0, sizeof(d));
	d.id = id;
	d.kind = k;
	d.external_id = "";
	d.title = title;
	d.question = title;
	d.answer = text;
	d.topics = topics;
	d.ntopics = 1;
	d.language = lang;
	search_index_put(ix, &d);
}

/* 1 if every source of mi has a title holding Chinese characters. */
static int all_chinese(const struct moreinfo *mi)
{
	for (size_t i = 0; i < mi->nsources; i++)
		if (!strstr(mi->sources[i].title, "\xe8\x83\x83")) /* 胃 */
			return 0;
	return mi->nsources > 0;
}

/* A Chinese question filed under a topic draws on the Chinese entries
 * and published answers of that topic, whatever their wording, and never
 * on the English entry of the same topic (nor an English question on
 * the Chinese ones). */
static void test_topic_in_own_language(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	const char *gerd[1] = {"Gastroesophageal Reflux"};

	put(ix, SEARCH_KIND_QA, 11, "zh-TW", "胃食道逆流吃飽就火燒心怎麼辦？",
	    "胃食道逆流常見的表現是飯後胸口灼熱、酸水往上跑。睡前三小時不要再進"
	    "食，"
	    "咖啡、濃茶和油炸食物會讓症狀加重。",
	    "Gastroesophageal Reflux");
	put(ix, SEARCH_KIND_ARTICLE, 12, "zh-TW",
	    "胃食道逆流：從生活習慣開始改善",
	    "胃食道逆流是胃酸往上流到食道。少量多餐、睡前不進食、把床頭墊高，"
	    "常常就能改善胸口灼熱。",
	    "Gastroesophageal Reflux");
	put(ix, SEARCH_KIND_FAQ, 13, "en",
	    "What is gastroesophageal reflux disease (GERD)?",
	    "Gastroesophageal reflux disease is a condition in which stomach "
	    "acid flows back into the food pipe and causes heartburn. Eating "
	    "smaller meals and not eating before bed help many people.",
	    "Gastroesophageal Reflux");
	put(ix, SEARCH_KIND_QA, 14, "zh-TW", "孩子發燒晚上一定要吃退燒藥嗎？",
	    "發燒是身體對抗感染的反應，晚上孩子睡得好就不用叫醒吃藥。",
	    "Fever in Children");
	memset(&req, 0, sizeof(req));
	req.title = "晚上躺下胸口灼熱，喉嚨酸酸的";
	req.question = "最近晚上一躺下就覺得胸口灼熱，喉嚨有酸味，該怎麼辦？";
	req.topics = gerd;
	req.ntopics = 1;
	req.min_words = 30;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(mi.nsources > 0);
	CHECK(all_chinese(&mi));
	/* Control: the same question in English gets the English entry. */
	arena_reset(a);
	req.title = "Burning in my chest when I go to bed";
	req.question = "Every night in bed I get a burning feeling in my "
	               "chest and acid in my throat. What can I do?";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(mi.nsources > 0);
	for (size_t i = 0; i < mi.nsources; i++)
		CHECK_INT(mi.sources[i].kind, SEARCH_KIND_FAQ);
	arena_free(a);
	search_index_free(ix);
}

/* A question nothing in the library is about gets no More Info, not a
 * published answer that shares its everyday words: the Vietnamese
 * dizziness question says "khi", "nằm xuống", "đứng", "có", "thì",
 * "mất" and "bên" like the hernia Q&A's title, whose own words
 * ("khối phồng", "bẹn", which folds to "ben" as "bên" does) it lacks. */
static void test_everyday_words_are_no_subject(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	const char *dizzy[1] = {"Dizziness"};

	put(ix, SEARCH_KIND_QA, 21, "vi",
	    "Có khối phồng ở bẹn khi đứng, nằm xuống thì mất",
	    "Khối phồng ở bẹn nổi lên khi đứng, ho, rặn và mất đi khi nằm rất "
	    "giống thoát vị bẹn. Anh nên đi khám bác sĩ ngoại khoa để được "
	    "tư vấn phẫu thuật sớm khi khối phồng còn nhỏ.",
	    "Hernia");
	/* Everyday words are everywhere: other Vietnamese answers. */
	put(ix, SEARCH_KIND_QA, 22, "vi",
	    "Bé sốt sau khi tiêm vắc xin có sao không?",
	    "Sốt nhẹ khi tiêm là thường gặp, có thể mất sau một hai ngày. "
	    "Khi bé nằm ngủ hay đứng chơi bình thường thì không sao.",
	    "Vaccination");
	put(ix, SEARCH_KIND_QA, 23, "vi", "Ốm nghén nặng ở tuần thứ 8",
	    "Buồn nôn có thể nặng hơn khi đứng lâu, nằm xuống nghỉ thì đỡ. "
	    "Nếu mất nước thì cần đi khám ngay.",
	    "Pregnancy Nausea");
	put(ix, SEARCH_KIND_FAQ, 24, "vi",
	    "Viêm gan B lây qua những đường nào?",
	    "Viêm gan B lây qua máu, khi quan hệ tình dục và từ mẹ sang con. "
	    "Người mang virus có thể không có triệu chứng.",
	    "Hepatitis B");
	memset(&req, 0, sizeof(req));
	req.title = "Cứ trở mình trên giường là chóng mặt quay cuồng";
	req.question =
	        "Khi nằm xuống hay đứng dậy thì tôi bị chóng mặt, có lúc "
	        "mất thăng bằng, trở mình sang bên phải là quay cuồng.";
	req.topics = dizzy;
	req.ntopics = 1;
	req.min_words = 30;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK_INT(mi.n, 0);
	CHECK_INT(mi.nsources, 0);
	/* Control: a question on the hernia gets that Q&A. */
	arena_reset(a);
	req.title = "Khối phồng ở bẹn khi đứng";
	req.question = "Tôi có khối phồng ở bẹn khi đứng, nằm xuống thì mất.";
	req.topics = NULL;
	req.ntopics = 0;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(mi.nsources > 0);
	CHECK(mi.nsources > 0 && !strcmp(mi.sources[0].link, "/qa/21"));
	arena_free(a);
	search_index_free(ix);
}

/* A misspelt name still names its focus ("Varow" for "Varrow"), one
 * edit for a word of five to seven letters; a word further off does
 * not. */
static void test_misspelt_focus_is_named(void)
{
	struct search_index *ix = fixture_index();
	struct arena *a = arena_new();
	struct moreinfo mi;

	extract(ix, a, "My daughter has Varow syndrome. How is it treated?", 0,
	        &mi);
	CHECK(mi.nsources > 0);
	CHECK(cites(&mi, "VAR_2") || cites(&mi, "VAR_1"));
	arena_reset(a);
	extract(ix, a, "My daughter has Vawwo syndrome. How is it treated?", 0,
	        &mi);
	CHECK(!cites(&mi, "VAR_2") && !cites(&mi, "VAR_1"));
	arena_free(a);
	search_index_free(ix);
}

/* 1 if mi lists a source with link l. */
static int cites_link(const struct moreinfo *mi, const char *l)
{
	for (size_t i = 0; i < mi->nsources; i++)
		if (!strcmp(mi->sources[i].link, l))
			return 1;
	return 0;
}

/* 1 if a sentence of mi holds needle. */
static int quotes(const struct moreinfo *mi, const char *needle)
{
	for (size_t i = 0; i < mi->n; i++)
		if (strstr(mi->sentences[i].text, needle))
			return 1;
	return 0;
}

/* Chinese sentences end in 。 or ！, not an ASCII full stop, and have no
 * blanks between words: a Chinese question quotes a Chinese source
 * sentence by sentence (it got only a reading list when a sentence had
 * to end in '.' and hold six blank-separated words). */
static void test_chinese_sentences_quoted(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	const char *gall[1] = {"Gallstones"};

	put(ix, SEARCH_KIND_FAQ, 31, "zh-CN", "胆结石没有症状需要手术吗？",
	    "胆结石是胆囊里形成的结石，很多人是在体检做超声时偶然发现的。"
	    "没有症状的胆结石大多不需要手术，定期复查超声就可以。"
	    "如果出现饭后右上腹剧烈疼痛、发烧或皮肤发黄，要尽快去医院！"
	    "饮食上少吃油腻食物，规律吃早餐，有助于减少胆绞痛发作。",
	    "Gallstones");
	memset(&req, 0, sizeof(req));
	req.title = "体检发现胆结石，没有症状要做手术吗？";
	req.question = "体检超声发现胆囊里有一颗胆结石，平时没有任何症状。"
	               "需要做手术吗？";
	req.topics = gall;
	req.ntopics = 1;
	req.min_words = 30;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(mi.n >= 2);
	CHECK(quotes(&mi, "没有症状的胆结石大多不需要手术"));
	CHECK(quotes(&mi, "要尽快去医院！"));
	for (size_t i = 0; i < mi.n; i++)
		CHECK(!strstr(mi.sentences[i].text, "？"));
	/* Han characters count two to a word. */
	CHECK_INT(moreinfo_count_words("胆结石", strlen("胆结石")), 2);
	CHECK_INT(moreinfo_count_words("B型肝炎。", strlen("B型肝炎。")), 3);
	arena_free(a);
	search_index_free(ix);
}

/* A doctor's first-person advice, greetings and sign-offs are never
 * quoted as evidence, in English, Chinese or Vietnamese; the facts
 * around them in the same answer are. */
static void test_writer_sentences_not_quoted(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;

	put(ix, SEARCH_KIND_QA, 41, "en", "Gout flare in the big toe",
	    "Hello and thank you for your question about gout in the toe. "
	    "I would suggest resting the toe and taking the gout medicine "
	    "your doctor gave you for a gout flare. Gout happens when uric "
	    "acid crystals collect in a joint such as the big toe. A gout "
	    "flare in the toe usually settles within a week or two with "
	    "treatment. Drinking less alcohol and fewer sugary drinks lowers "
	    "uric acid and the chance of another gout flare. Take care and "
	    "good luck with your gout.",
	    "Gout");
	put(ix, SEARCH_KIND_QA, 42, "zh-TW", "痛風發作大腳趾紅腫怎麼辦？",
	    "您好，謝謝您的提問。我建議痛風發作時先讓大腳趾休息並冰敷，"
	    "按時吃醫師開的痛風藥。痛風是尿酸結晶沉積在關節引起的發炎，"
	    "大腳趾最常見。痛風發作通常在一到兩週內緩解，少喝酒和含糖飲料"
	    "可以降低尿酸。祝您早日康復。",
	    "Gout");
	put(ix, SEARCH_KIND_QA, 43, "vi", "Bệnh gút sưng ngón chân cái",
	    "Chào anh, cảm ơn anh đã hỏi về bệnh gút ở ngón chân cái. Tôi "
	    "nghĩ anh nên nghỉ ngơi và uống thuốc gút bác sĩ đã kê khi bị gút "
	    "sưng ngón chân. Bệnh gút là do tinh thể axit uric lắng đọng ở "
	    "khớp, hay gặp nhất ở ngón chân cái. Cơn gút ở ngón chân thường "
	    "giảm sau một đến hai tuần nếu được điều trị đúng. Uống ít rượu "
	    "bia và nước ngọt giúp giảm axit uric và giảm cơn gút.",
	    "Gout");
	memset(&req, 0, sizeof(req));
	req.min_words = 20;
	req.title = "Gout flare in my big toe, what should I do?";
	req.question = "My big toe is red and swollen from a gout flare.";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(quotes(&mi, "Gout happens when uric acid crystals"));
	CHECK(!quotes(&mi, "I would suggest"));
	CHECK(!quotes(&mi, "Hello"));
	CHECK(!quotes(&mi, "Take care"));
	arena_reset(a);
	req.title = "痛風發作大腳趾紅腫，該怎麼辦？";
	req.question = "大腳趾突然紅腫疼痛，醫師說是痛風發作。";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(quotes(&mi, "痛風是尿酸結晶沉積在關節引起的發炎"));
	CHECK(!quotes(&mi, "我建議"));
	CHECK(!quotes(&mi, "您好"));
	CHECK(!quotes(&mi, "祝您"));
	arena_reset(a);
	req.title = "Bị gút sưng ngón chân cái phải làm sao?";
	req.question = "Ngón chân cái của tôi sưng đỏ do bệnh gút.";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(quotes(&mi, "Bệnh gút là do tinh thể axit uric"));
	CHECK(!quotes(&mi, "Tôi nghĩ"));
	CHECK(!quotes(&mi, "Chào anh"));
	/* "Type I" is a type, not the writer. */
	arena_reset(a);
	put(ix, SEARCH_KIND_FAQ, 44, "en", "What is gout type I ?",
	    "Gout type I is the form of gout that starts in a single joint "
	    "such as the big toe. Gout type I flares settle with rest and "
	    "medicine within a week or two.",
	    "Gout type I");
	req.title = "What is gout type I?";
	req.question = "Does gout type I start in one joint?";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(quotes(&mi, "Gout type I is the form of gout"));
	arena_free(a);
	search_index_free(ix);
}

/* Put an entry with a focus and a synonym into ix. */
static void put2(struct search_index *ix, enum search_kind k, int64_t id,
                 const char *title, const char *text, const char *focus,
                 const char *synonym)
{
	struct search_doc d;
	const char *topics[2] = {focus, synonym};

	memset(&d, 0, sizeof(d));
	d.id = id;
	d.kind = k;
	d.external_id = "";
	d.title = title;
	d.question = title;
	d.answer = text;
	d.topics = topics;
	d.ntopics = synonym ? 2 : 1;
	d.language = "en";
	search_index_put(ix, &d);
}

/* A published answer filed under a synonym of the best entry's focus is
 * on the subject: the interferon Q&A (filed under "Liver Cancer") for a
 * question whose best entry is "Hepatocellular carcinoma" (synonym
 * "Liver cancer"). Only its first name was compared, and the Q&A's
 * title words beyond the question's (the asker's "Child-Pugh B
 * cirrhosis") kept it from asking alike. A condition only the reply
 * names (a stroke risk) names no subject. */
static void test_synonym_subject_and_asked_words(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	int qa = 0;

	put2(ix, SEARCH_KIND_FAQ, 51, "What is hepatocellular carcinoma?",
	     "Hepatocellular carcinoma is the most common cancer that starts "
	     "in the liver itself. Most cases develop in a liver damaged for "
	     "many years by hepatitis B or C. Treatment depends on the size "
	     "of the tumour and how well the liver works.",
	     "Hepatocellular carcinoma", "Liver cancer");
	put2(ix, SEARCH_KIND_QA, 52,
	     "Interferon after liver cancer surgery with Child-Pugh B "
	     "cirrhosis",
	     "Some studies found that interferon given after a small liver "
	     "cancer is removed can lower the chance of the cancer coming "
	     "back. Interferon is seldom used once cirrhosis has reached "
	     "Child-Pugh class B because it can tip the liver into failure.",
	     "Liver Cancer", "Hepatitis C");
	put2(ix, SEARCH_KIND_FAQ, 53, "What is a stroke?",
	     "A stroke happens when blood stops flowing to part of the brain. "
	     "Sudden weakness of an arm or a leg is a common sign of a "
	     "stroke. A stroke needs emergency care at once.",
	     "Stroke", NULL);
	memset(&req, 0, sizeof(req));
	req.min_words = 30;
	req.title = "Does interferon lower liver cancer recurrence?";
	req.question = "My mother had surgery for hepatitis C related liver "
	               "cancer. Would interferon after surgery lower the "
	               "chance that it comes back?";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	for (size_t i = 0; i < mi.nsources; i++)
		qa |= !strcmp(mi.sources[i].link, "/qa/52");
	CHECK(qa);
	CHECK(quotes(&mi, "interferon given after a small liver cancer"));
	/* A reply that mentions a stroke does not make the stroke the
	 * question's subject. */
	arena_reset(a);
	req.title = "Hot flushes at night";
	req.question = "Hot flushes wake me every night. Is hormone therapy "
	               "safe for me?";
	req.reply = "Hormone therapy eases hot flushes. It slightly raises "
	            "the risk of a stroke in older women, so we weigh it "
	            "with you.";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(!cites_link(&mi, "/library/53"));
	/* Control: a question naming the stroke gets the stroke entry. */
	arena_reset(a);
	req.title = "Is sudden arm weakness a stroke?";
	req.question = "My father's arm went weak. Could it be a stroke?";
	req.reply = NULL;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(cites_link(&mi, "/library/53"));
	arena_free(a);
	search_index_free(ix);
}

/* A question filed under topics (a page of the site) is about what its
 * title names or what it is filed under: a focus its text alone names
 * in passing (a mother's stroke on a menopause question) or by words
 * scattered over it ("liver" ... "cancer" on a haemangioma question) is
 * context, not the subject; the Q&As filed under it are not cited. The
 * same mention in the title, or with no topics (a question from the
 * command line), still names the subject. */
static void test_passing_mention_is_no_subject(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	const char *meno[1] = {"Menopause"};
	const char *tumor[1] = {"Liver Tumor"};

	put2(ix, SEARCH_KIND_QA, 61,
	     "My father's arm went weak for ten minutes",
	     "A stroke happens when blood stops flowing to part of the brain. "
	     "Sudden weakness of an arm after a night of poor sleep can be a "
	     "warning stroke, and it needs a doctor the same day. Hormone "
	     "changes and blood pressure both matter for the risk of a "
	     "stroke later on.",
	     "Stroke", NULL);
	put2(ix, SEARCH_KIND_QA, 62, "Interferon after liver cancer surgery",
	     "Interferon given after a small liver cancer is removed can lower "
	     "the chance of the cancer coming back. A tumour found on an "
	     "ultrasound of the liver is followed with scans every few months "
	     "after the operation.",
	     "Liver Cancer", NULL);
	put2(ix, SEARCH_KIND_QA, 63, "Tumours in one lobe of the liver",
	     "A tumour in one lobe of the liver can often be removed. Most "
	     "benign tumours found by chance on an ultrasound need no "
	     "operation, only a scan after some months to see that they do "
	     "not grow.",
	     "Liver Tumor", NULL);
	memset(&req, 0, sizeof(req));
	req.min_words = 20;
	req.title = "Hot flushes keeping me awake";
	req.question = "My periods stopped a year ago and hot flushes wake me "
	               "every night. My mother had a stroke at 70. Is hormone "
	               "therapy safe for me?";
	req.topics = meno;
	req.ntopics = 1;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(!cites_link(&mi, "/qa/61"));
	/* Control: without topics the stroke is named and cited... */
	arena_reset(a);
	req.topics = NULL;
	req.ntopics = 0;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(cites_link(&mi, "/qa/61"));
	/* ... and so it is when the title names it. */
	arena_reset(a);
	req.title = "Weak arm for ten minutes: was it a stroke?";
	req.question = "My father's arm went weak for ten minutes last night. "
	               "My mother had a stroke at 70.";
	req.topics = meno;
	req.ntopics = 1;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(cites_link(&mi, "/qa/61"));
	/* Scattered words: "liver" and "cancer" are both in the question,
	 * never together; the Q&A filed under the question's topic is
	 * cited, the liver cancer one is not. */
	arena_reset(a);
	req.title = "Haemangioma found on ultrasound";
	req.question = "An ultrasound showed a 3 cm haemangioma in my liver "
	               "and the word tumour frightened me. Is it cancer? Does "
	               "it need an operation?";
	req.topics = tumor;
	req.ntopics = 1;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(!cites_link(&mi, "/qa/62"));
	CHECK(cites_link(&mi, "/qa/63"));
	arena_free(a);
	search_index_free(ix);
}

/* A question filed under a topic (a page of the site) draws on the
 * entries filed under its main topic even when its words rank other
 * pages first, below the ranking's floor: here five thyroid Q&As share
 * its words ("thyroid", "test", "wake", "night") and rank first, the
 * menopause Q&A seventh. Without the topic the menopause one is not
 * cited; filed under it second (a shared symptom, say), it is not
 * quoted. */
static void test_filed_topic_below_the_top(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;
	const char *meno[1] = {"Menopause"};
	const char *later[2] = {"Insomnia", "Menopause"};

	for (int i = 0; i < 6; i++)
		put(ix, SEARCH_KIND_QA, 71 + i, "en",
		    arena_printf(a,
		                 "Thyroid test normal but I wake at night "
		                 "(%d)",
		                 i),
		    "A normal thyroid test at night or by day rules out an "
		    "overactive thyroid as the reason you wake. Thyroid "
		    "hormone tests are repeated when the thyroid test result "
		    "is borderline. Waking at night with a normal thyroid test "
		    "has other causes your doctor can look for.",
		    "Thyroid Disorders");
	put(ix, SEARCH_KIND_QA, 80, "en", "Heavy periods with clots at 45",
	    "Heavy periods are common in the years before the menopause and "
	    "the cause is often benign. Hormone changes of the menopause "
	    "bring flushes and sweats that break up sleep. Hormone therapy "
	    "and simple measures such as a cool bedroom help many women.",
	    "Menopause");
	memset(&req, 0, sizeof(req));
	req.min_words = 20;
	req.title = "Soaked at night since my periods stopped";
	req.question = "I wake three times every night soaked since my "
	               "periods stopped. My sister says it is my thyroid, but "
	               "my thyroid test was normal. Why do I wake at night?";
	req.topics = meno;
	req.ntopics = 1;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(cites_link(&mi, "/qa/80"));
	CHECK(quotes(&mi, "Hormone changes of the menopause"));
	for (int i = 0; i < 6; i++)
		CHECK(!cites_link(&mi, arena_printf(a, "/qa/%d", 71 + i)));
	/* Control: without its topic the menopause Q&A is not cited. */
	arena_reset(a);
	req.topics = NULL;
	req.ntopics = 0;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(!cites_link(&mi, "/qa/80"));
	/* Filed under it second only: not quoted from (the reading list
	 * may still name it). */
	arena_reset(a);
	req.topics = later;
	req.ntopics = 2;
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(!quotes(&mi, "Hormone changes of the menopause"));
	arena_free(a);
	search_index_free(ix);
}

/* Put a section of a leaflet without text (type qtype) into ix. */
static void put_section(struct search_index *ix, int64_t id, const char *title,
                        const char *qtype, const char *focus)
{
	struct search_doc d;
	const char *topics[1] = {focus};

	memset(&d, 0, sizeof(d));
	d.id = id;
	d.kind = SEARCH_KIND_FAQ;
	d.external_id = "";
	d.title = title;
	d.question = title;
	d.answer = "";
	d.topics = topics;
	d.ntopics = 1;
	d.question_type = qtype;
	d.language = "en";
	search_index_put(ix, &d);
}

/* A question naming a drug whose leaflet has no text and no section of
 * a type it asks (no overview either) gets the leaflet's best-ranked
 * section as a reading list; before, nothing. The rule takes the best
 * hit only, and only when the question names it with its words
 * together: "bad" ... "breath" scattered over a question on exercise do
 * not name "Bad breath". */
static void test_leaflet_section_of_any_type(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo mi;

	put_section(ix, 91,
	            "What special dietary instructions should I follow with "
	            "Quellamide ?",
	            "dietary", "Quellamide");
	put_section(ix, 92, "How should Quellamide be used ?", "usage",
	            "Quellamide");
	put_section(ix, 93, "What should I know about storing Quellamide ?",
	            "storage and disposal", "Quellamide");
	put_section(ix, 94, "What causes Bad breath ?", "causes", "Bad breath");
	extract(ix, a, "quellamide 20 mg. are they gluten free", 3, &mi);
	CHECK_INT(mi.n, 0);
	CHECK_INT(mi.nsources, 1);
	CHECK(mi.nsources == 1 && mi.sources[0].id == 91);
	arena_reset(a);
	extract(ix, a,
	        "Before two bad accidents I played rugby. Today on a walk I "
	        "could not catch my breath. Which exercises are safe?",
	        3, &mi);
	CHECK_INT(mi.nsources, 0);
	/* Control: named together, it is listed. */
	arena_reset(a);
	extract(ix, a, "Bad breath in the morning: which mouthwash?", 3, &mi);
	CHECK(mi.nsources == 1 && mi.sources[0].id == 94);
	arena_free(a);
	search_index_free(ix);
}

/* Words that only say "a disease" name one another in a focus name:
 * "Zorbic illness" names "Zorbic disorders" (LiveQA's "autoimmune
 * illness" and "Autoimmune disorders"); "zorbic" alone still does not. */
static void test_generic_disease_words(void)
{
	struct search_index *ix = search_index_new(NULL);
	struct arena *a = arena_new();
	struct moreinfo_request req;
	struct moreinfo mi;

	put2(ix, SEARCH_KIND_FAQ, 101, "How to diagnose Zorbic disorders ?",
	     "Zorbic disorders are found with blood tests that look for "
	     "antibodies against the body's own tissues. A rheumatologist "
	     "usually orders the tests and explains the results. Some people "
	     "need a scan or a small tissue sample as well before the "
	     "diagnosis is sure.",
	     "Zorbic disorders", NULL);
	memset(&req, 0, sizeof(req));
	req.min_words = 20;
	req.question = "Zorbic illness. What doctor specializes in testing "
	               "for zorbic illness?";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(cites_link(&mi, "/library/101"));
	arena_reset(a);
	req.question = "Zorbic. What doctor specializes in testing for it?";
	CHECK_INT(moreinfo_extract(ix, NULL, NULL, a, &req, &mi), 0);
	CHECK(!cites_link(&mi, "/library/101"));
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
	RUN(test_topic_in_own_language);
	RUN(test_everyday_words_are_no_subject);
	RUN(test_misspelt_focus_is_named);
	RUN(test_chinese_sentences_quoted);
	RUN(test_writer_sentences_not_quoted);
	RUN(test_synonym_subject_and_asked_words);
	RUN(test_passing_mention_is_no_subject);
	RUN(test_filed_topic_below_the_top);
	RUN(test_leaflet_section_of_any_type);
	RUN(test_generic_disease_words);
	return test_summary();
}
