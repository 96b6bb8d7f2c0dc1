/* safety/pii_text.c: the personal-data detectors that read words:
 * street addresses and names in self-introductions.
 *
 * Both work from cues (a house number with a street word, "號" after a
 * road, "số ... đường"; "my name is", "我叫", "tôi tên là") and read the
 * capitalised words or Han characters after them, with deny lists for the
 * sentences that look like introductions but name no one ("I am Diabetic",
 * "我是高血压患者", "tôi là sinh viên"). Keyword lists are compared on
 * folded text, so Vietnamese typed without accents matches too.
 */
#include <stdint.h>
#include <string.h>

#include "safety/pii_int.h"
#include "util/util.h"

/* ---- addresses ---- */

static const char *const street_en[] = {
        "street",   "st",    "road",      "rd",    "avenue",  "ave",
        "lane",     "ln",    "boulevard", "blvd",  "drive",   "dr",
        "way",      "court", "ct",        "place", "pl",      "terrace",
        "crescent", "close", "highway",   "hwy",   "parkway", "square",
        "sq",       "alley", "row",       "mews",  "gardens", "grove",
        "walk",     "hill",  "park",      "gate",  "circle",  "trail",
        "green",    "vale",  "rise"};

size_t safety_pii_word_end(const struct pii_ctx *c, size_t i)
{
	while (is_alpha(at(c, i)) || ((at(c, i) == '\'' || at(c, i) == '-') &&
	                              is_alpha(at(c, i + 1))))
		i++;
	return i;
}

/* Street words whose abbreviation takes a dot ("Rd.", "Ave."). */
static const char *const street_abbr_en[] = {"st", "rd", "ave", "ln", "blvd",
                                             "dr", "ct", "pl",  "sq", "hwy"};

/* Words after a comma that start the sentence again, not a city. */
static const char *const not_city_en[] = {
        "i",    "i'm",    "im",    "my",    "thanks", "thank",    "please",
        "but",  "and",    "so",    "the",   "we",     "he",       "she",
        "it",   "they",   "our",   "yes",   "no",     "hi",       "hello",
        "dear", "doctor", "dr",    "near",  "next",   "opposite", "behind",
        "if",   "when",   "which", "where", "apt",    "unit",     "suite",
        "flat", "floor",  "room",  "tel",   "phone",  "call",     "email",
        "then", "or",     "is",    "was",   "has",    "can"};

/* A postcode at i: British ("NW1 6XE", "CB1 2JH") or a US ZIP ("78701",
 * "78701-1234"). Returns its length, 0 if none. */
static size_t postcode_en(const struct pii_ctx *c, size_t i)
{
	size_t j = i, k;

	if (is_digit(at(c, i))) {
		while (is_digit(at(c, j)))
			j++;
		if (j - i != 5 || is_alpha(at(c, j)))
			return 0;
		if (at(c, j) == '-' && is_digit(at(c, j + 1))) {
			for (k = j + 1; is_digit(at(c, k)); k++)
				;
			if (k - j - 1 == 4)
				j = k;
		}
		return j - i;
	}
	while (is_upper(at(c, j)) && j - i < 2)
		j++;
	if (j == i || !is_digit(at(c, j)))
		return 0;
	j++;
	if (is_digit(at(c, j)) || is_upper(at(c, j)))
		j++;
	if (at(c, j) != ' ' || !is_digit(at(c, j + 1)) ||
	    !is_upper(at(c, j + 2)) || !is_upper(at(c, j + 3)) ||
	    is_alnum(at(c, j + 4)))
		return 0;
	return j + 4 - i;
}

/* The end of ", City", ", City, TX 78701", ", City NW1 6XE" or ", 78701"
 * after an address ending at end (exclusive); end itself if none. */
static size_t city_tail_en(const struct pii_ctx *c, size_t end)
{
	size_t j = end, words = 0, k;

	if (at(c, j) != ',' || at(c, j + 1) != ' ')
		return end;
	j += 2;
	if ((k = postcode_en(c, j)))
		return j + k;
	/* The city: up to three capitalised words. */
	while (words < 3 && is_upper(at(c, j))) {
		size_t e = safety_pii_word_end(c, j);

		if (words == 0 &&
		    safety_pii_kw_any(c, j, not_city_en,
		                      ARRAY_SIZE(not_city_en)) == e - j)
			return end;
		/* "NW1 6XE" right after the street is a postcode, not a
		 * word of the city. */
		if (e < j + 2 && !is_alpha(at(c, e)))
			break;
		end = e;
		words++;
		if (at(c, e) != ' ' || !is_upper(at(c, e + 1)) ||
		    postcode_en(c, e + 1))
			break;
		j = e + 1;
	}
	if (!words)
		return end;
	/* ", TX" (a two-letter state) and a postcode, each optional. */
	j = end;
	if (at(c, j) == ',' && at(c, j + 1) == ' ' && is_upper(at(c, j + 2)) &&
	    is_upper(at(c, j + 3)) && !is_alnum(at(c, j + 4))) {
		end = j + 4;
		j = end;
	}
	if (at(c, j) == ' ' && (k = postcode_en(c, j + 1)))
		end = j + 1 + k;
	return end;
}

/* "12 Baker Street", "221B Baker St., Apt 4", "27 Station Road, Cambridge
 * CB1 2JH", "1200 Lakeview Drive, Austin, TX 78701". */
static void find_addr_en(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t j = i, words = 0, end = 0;

		if (!is_digit(at(c, i)) || (i > 0 && is_alnum(at(c, i - 1))))
			continue;
		while (is_digit(at(c, j)) && j - i < 6)
			j++;
		if (is_alpha(at(c, j)) && !is_alpha(at(c, j + 1)))
			j++; /* 221B */
		if (at(c, j) != ' ')
			continue;
		j++;
		while (words < 5) {
			size_t e = safety_pii_word_end(c, j);

			if (e == j)
				break;
			if (words > 0 &&
			    safety_pii_kw_any(c, j, street_en,
			                      ARRAY_SIZE(street_en)) == e - j) {
				end = e;
				/* "Rd." keeps its dot; "Square." ends the
				 * sentence. */
				if (at(c, end) == '.' &&
				    safety_pii_kw_any(
				            c, j, street_abbr_en,
				            ARRAY_SIZE(street_abbr_en)) ==
				            e - j)
					end++;
				break;
			}
			if (!is_upper(at(c, j)))
				break;
			words++;
			j = e;
			if (at(c, j) != ' ')
				break;
			j++;
		}
		if (!end)
			continue;
		/* ", Apt 4B" / ", Unit 12" */
		{
			static const char *const units_en[] = {
			        ", apt ",   ", apt. ",  ", apartment ",
			        ", unit ",  ", suite ", ", flat ",
			        ", floor ", " apt ",    " #"};
			size_t k = safety_pii_kw_any(c, end, units_en,
			                             ARRAY_SIZE(units_en));

			if (k) {
				size_t e = end + k;

				while (is_alnum(at(c, e)))
					e++;
				if (e > end + k)
					end = e;
			}
		}
		end = city_tail_en(c, end);
		safety_pii_add(c, SAFETY_PII_ADDRESS, i, end);
		i = end - 1;
	}
}

/* Taiwan addresses written in English: "No. 18, Lane 52, Section 2,
 * Heping East Road, Da'an District, Taipei". Needs the door number and
 * then a lane, alley or section; runs over the comma-separated parts that
 * name a road, a district or a city. */
static const char *const tw_no_en[] = {"no. ", "no ", "no.", "number "};
static const char *const tw_lane_en[] = {", lane ", ", alley ", ", ln. ",
                                         ", aly. ", ", sec. ",  ", section "};
static const char *const tw_part_en[] = {
        "lane",     "alley",   "ln.",       "aly.",     "sec.",     "section",
        "road",     "rd.",     "rd",        "street",   "st.",      "avenue",
        "ave.",     "blvd",    "boulevard", "district", "dist.",    "city",
        "township", "county",  "village",   "taipei",   "taichung", "kaohsiung",
        "tainan",   "hsinchu", "floor",     "fl."};

static void find_addr_tw_en(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k =
		        safety_pii_kw_any(c, i, tw_no_en, ARRAY_SIZE(tw_no_en));
		size_t j, end;

		if (!k || !is_digit(at(c, i + k)))
			continue;
		j = i + k;
		while (is_digit(at(c, j)) || at(c, j) == '-')
			j++;
		if (!safety_pii_kw_any(c, j, tw_lane_en,
		                       ARRAY_SIZE(tw_lane_en)))
			continue;
		end = j;
		/* Each ", part" that holds a road, district or city word; a
		 * dot after a short word ("Sec.", "Rd.", "E.") is an
		 * abbreviation, after a longer one it ends the sentence. */
		while (at(c, end) == ',' && at(c, end + 1) == ' ') {
			size_t p = end + 2, q = p, w = p;
			int ok = 0;

			while (q < n && at(c, q) != ',' && q - p < 48) {
				if (at(c, q) == ' ')
					w = q + 1;
				if (at(c, q) == '.' && q - w >= 4)
					break;
				if (q == w &&
				    safety_pii_kw_any(c, q, tw_part_en,
				                      ARRAY_SIZE(tw_part_en)))
					ok = 1;
				q++;
			}
			if (!ok)
				break;
			end = q;
		}
		if (end == j)
			continue;
		safety_pii_add(c, SAFETY_PII_ADDRESS, i, end);
		i = end;
	}
}

static int zh_numeral(uint32_t x)
{
	return is_digit(x) || x == 0x4E00 /* 一 */ || x == 0x4E8C /* 二 */ ||
	       x == 0x4E09 || x == 0x56DB || x == 0x4E94 || x == 0x516D ||
	       x == 0x4E03 || x == 0x516B || x == 0x4E5D || x == 0x5341 ||
	       x == 0x767E || x == 0x96F6 || x == 0x3007;
}

static int in_set(uint32_t x, const uint32_t *set, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (set[k] == x)
			return 1;
	return 0;
}

/* Characters that end a Chinese address going backwards: the verb or
 * preposition before it ("住在", "地址是", "於"). */
static const uint32_t zh_stop[] = {
        0x5728 /* 在 */, 0x4F4F /* 住 */, 0x65BC /* 於 */, 0x4E8E /* 于 */,
        0x5740 /* 址 */, 0x5230 /* 到 */, 0x662F /* 是 */, 0x70BA /* 為 */,
        0x4E3A /* 为 */, 0x7684 /* 的 */, 0x6211 /* 我 */, 0x5BB6 /* 家 */,
        0x5F80 /* 往 */, 0x5F9E /* 從 */, 0x4ECE /* 从 */, 0x642C /* 搬 */};
/* A road, lane or community marker that must occur in the address. */
static const uint32_t zh_road[] = {
        0x8DEF /* 路 */, 0x8857 /* 街 */, 0x9053 /* 道 */, 0x5DF7 /* 巷 */,
        0x5F04 /* 弄 */, 0x6BB5 /* 段 */, 0x91CC /* 里 */, 0x6751 /* 村 */,
        0x5340 /* 區 */, 0x533A /* 区 */, 0x82D1 /* 苑 */, 0x5712 /* 園 */,
        0x56ED /* 园 */, 0x5EC8 /* 廈 */, 0x53A6 /* 厦 */, 0x5E02 /* 市 */,
        0x7E23 /* 縣 */, 0x53BF /* 县 */, 0x9109 /* 鄉 */, 0x4E61 /* 乡 */,
        0x93AE /* 鎮 */, 0x9547 /* 镇 */};
/* What ends the number of a building or a door. */
static const uint32_t zh_no[] = {0x865F /* 號 */, 0x53F7 /* 号 */,
                                 0x68DF /* 棟 */, 0x680B /* 栋 */,
                                 0x5E62 /* 幢 */, 0x5BA4 /* 室 */};
/* Floor and unit markers after the number. */
static const uint32_t zh_floor[] = {0x6A13 /* 樓 */,
                                    0x697C /* 楼 */,
                                    0x5C64 /* 層 */,
                                    0x5C42 /* 层 */,
                                    0x5BA4 /* 室 */,
                                    'F',
                                    'f',
                                    0x865F /* 號 */,
                                    0x53F7 /* 号 */,
                                    0x55AE /* 單 */,
                                    0x5355 /* 单 */,
                                    0x5143 /* 元 */};

/* A space typed between the numbers and the markers of a Chinese address
 * ("文化路一段 188 巷 12 弄 5 號"): one space with Han text or numerals
 * on both sides. */
static int zh_gap(const struct pii_ctx *c, size_t i)
{
	uint32_t l = i > 0 ? at(c, i - 1) : 0, r = at(c, i + 1);

	return at(c, i) == ' ' && (safety_is_cjk(l) || zh_numeral(l)) &&
	       (safety_is_cjk(r) || zh_numeral(r));
}

static void find_addr_zh(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 1; i < n; i++) {
		size_t ns = i, b, e, k;
		int road = 0;

		if (!in_set(at(c, i), zh_no, ARRAY_SIZE(zh_no)))
			continue;
		if (i >= 2 && zh_gap(c, i - 1))
			ns = i - 1;
		if (!zh_numeral(at(c, ns - 1)))
			continue;
		while (ns > 0 &&
		       (zh_numeral(at(c, ns - 1)) || at(c, ns - 1) == '-' ||
		        at(c, ns - 1) == 0x4E4B))
			ns--;
		/* Back over the Han text of the address, up to a stop. */
		b = ns;
		while (b > 0 && ns - b < 40) {
			uint32_t x = at(c, b - 1);

			if (x == ' ' && b >= 2 && zh_gap(c, b - 1)) {
				b--;
				continue;
			}
			if (!(safety_is_cjk(x) || zh_numeral(x) || x == '-') ||
			    in_set(x, zh_stop, ARRAY_SIZE(zh_stop)))
				break;
			b--;
		}
		while (b < ns && at(c, b) == ' ')
			b++;
		for (k = b; k < ns; k++)
			road |= in_set(at(c, k), zh_road, ARRAY_SIZE(zh_road));
		if (!road || ns - b < 2)
			continue;
		/* Forward over floors, units and rooms: "5樓之1", "3单元201室",
		 * "3 號樓 1202 室". */
		e = i + 1;
		for (;;) {
			size_t m = e;

			if (zh_gap(c, m))
				m++;
			if (at(c, m) == 0x4E4B /* 之 */)
				m++;
			if (!zh_numeral(at(c, m)))
				break;
			while (zh_numeral(at(c, m)))
				m++;
			if (zh_gap(c, m))
				m++;
			if (in_set(at(c, m), zh_floor, ARRAY_SIZE(zh_floor)) ||
			    in_set(at(c, m), zh_no, ARRAY_SIZE(zh_no))) {
				m++;
				while (in_set(at(c, m), zh_floor,
				              ARRAY_SIZE(zh_floor)))
					m++;
				e = m;
			} else if (at(c, e) == 0x4E4B) {
				e = m; /* 之1 */
			} else {
				break;
			}
		}
		safety_pii_add(c, SAFETY_PII_ADDRESS, b, e);
		i = e;
	}
}

/* Vietnamese: "số 12 đường Lê Lợi", "12/3 Nguyễn Trãi", "ngõ 5 phố Huế",
 * extended over ", phường 5, quận 3, TP. HCM". */
static const char *const vi_street[] = {"duong ", "pho ",  "ngo ",   "ngach ",
                                        "hem ",   "kiet ", "dai lo "};
static const char *const vi_area[] = {
        ", phuong ",    ", quan ",     ", huyen ", ", xa ",
        ", thi xa ",    ", thi tran ", ", tp. ",   ", tp ",
        ", thanh pho ", ", tinh ",     ", p. ",    ", q. ",
        ", p.",         ", q.",        " phuong ", " quan "};

/* Capitalised words or numbers ("Lê Lợi", "3/2", "số 5"); returns the end
 * of the last one, or i when there is none. */
static size_t vi_name_words(const struct pii_ctx *c, size_t i, size_t max)
{
	size_t end = i, j = i;

	for (size_t w = 0; w < max; w++) {
		size_t e;

		if (is_digit(at(c, j))) {
			e = j;
			while (is_digit(at(c, e)) ||
			       (at(c, e) == '/' && is_digit(at(c, e + 1))))
				e++;
		} else if (is_upper(at(c, j)) ||
		           (w == 0 && max > 4 && is_alpha(at(c, j)) &&
		            safety_pii_kw_at(c, j, "so "))) {
			e = safety_pii_word_end(c, j);
		} else {
			break;
		}
		end = e;
		if (at(c, e) != ' ')
			break;
		j = e + 1;
	}
	return end;
}

static size_t vi_house_no(const struct pii_ctx *c, size_t i)
{
	size_t j = i;

	while (is_digit(at(c, j)) ||
	       ((at(c, j) == '/' || at(c, j) == '-') && is_digit(at(c, j + 1))))
		j++;
	if (j > i && is_alpha(at(c, j)) && !is_alpha(at(c, j + 1)))
		j++; /* 12A */
	return j;
}

static void find_addr_vi(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t b = i, j, k, end = 0;

		if (i > 0 && is_alnum(at(c, i - 1)))
			continue;
		/* "số nhà 12", "nhà số 12", "số 12" */
		k = safety_pii_kw_at(c, i, "so nha ");
		if (!k)
			k = safety_pii_kw_at(c, i, "nha so ");
		if (!k)
			k = safety_pii_kw_at(c, i, "so ");
		j = i + k;
		if (is_digit(at(c, j))) {
			size_t h = vi_house_no(c, j);

			if (at(c, h) == ',' && at(c, h + 1) == ' ')
				h++;
			if (at(c, h) == ' ') {
				size_t s = h + 1, sk = 0;

				for (size_t q = 0; q < ARRAY_SIZE(vi_street);
				     q++)
					if ((sk = safety_pii_kw_at(
					             c, s, vi_street[q])))
						break;
				if (sk) {
					size_t e = vi_name_words(c, s + sk, 6);

					if (e > s + sk)
						end = e;
				} else if (!k ||
				           safety_pii_kw_at(c, i, "so nha ") ||
				           safety_pii_kw_at(c, i, "nha so ")) {
					/* "12 Nguyễn Trãi, quận 5" needs the
					 * district to be sure. */
					size_t e = vi_name_words(c, s, 4);

					if (e > s && !is_digit(at(c, s)) &&
					    safety_pii_kw_any(
					            c, e, vi_area,
					            ARRAY_SIZE(vi_area)))
						end = e;
				}
			}
		} else if (!k) {
			/* "ngõ 5 phố Huế", "hẻm 12" */
			static const char *const lanes[] = {"ngo ", "ngach ",
			                                    "hem ", "kiet "};
			size_t lk = safety_pii_kw_any(c, i, lanes,
			                              ARRAY_SIZE(lanes));

			if (lk && is_digit(at(c, i + lk))) {
				size_t e = vi_house_no(c, i + lk), e2;

				end = e;
				if (at(c, e) == ' ') {
					for (size_t q = 0;
					     q < ARRAY_SIZE(vi_street); q++) {
						size_t sk = safety_pii_kw_at(
						        c, e + 1, vi_street[q]);

						if (sk &&
						    (e2 = vi_name_words(
						             c, e + 1 + sk,
						             6)) > e + 1 + sk) {
							end = e2;
							break;
						}
					}
				}
			}
		}
		if (!end)
			continue;
		/* A lane then its street: "số 12 ngõ 34 phố Huế". */
		while (at(c, end) == ' ') {
			size_t sk = safety_pii_kw_any(c, end + 1, vi_street,
			                              ARRAY_SIZE(vi_street)),
			       e;

			if (!sk)
				break;
			e = vi_name_words(c, end + 1 + sk, 6);
			if (e == end + 1 + sk)
				break;
			end = e;
		}
		/* Wards, districts, cities after it. */
		for (;;) {
			size_t ak = safety_pii_kw_any(c, end, vi_area,
			                              ARRAY_SIZE(vi_area)),
			       e;

			if (!ak)
				break;
			e = vi_name_words(c, end + ak, 4);
			if (e == end + ak)
				break;
			end = e;
		}
		safety_pii_add(c, SAFETY_PII_ADDRESS, b, end);
		i = end - 1;
	}
}

/* ---- names in self-introductions ---- */

/* Cues after which lowercase names are accepted too. */
static const char *const en_cue_loose[] = {"my name is ", "my name's ",
                                           "my full name is ", "name: "};
/* Cues after which one capitalised word is enough. */
static const char *const en_cue_cap[] = {
        "i am called ", "i'm called ", "name is ", "signed, ",
        "regards, ",    "named ",      "call me "};
static const char *const en_cue_strict[] = {"i am ", "i'm ", "this is ", "im "};
/* Capitalised words that are not names (sentence words after "I am"). */
static const char *const en_not_name[] = {
        "a",        "an",        "the",        "and",       "but",
        "so",       "very",      "not",        "just",      "pregnant",
        "worried",  "here",      "writing",    "asking",    "from",
        "in",       "on",        "at",         "i",         "doctor",
        "dr",       "mom",       "mother",     "father",    "dad",
        "patient",  "male",      "female",     "sorry",     "hello",
        "hi",       "thanks",    "thank",      "please",    "diabetic",
        "also",     "currently", "still",      "now",       "years",
        "year",     "old",       "scared",     "concerned", "taking",
        "having",   "feeling",   "going",      "new",       "married",
        "single",   "english",   "vietnamese", "chinese",   "taiwanese",
        "american", "nurse",     "student",    "teacher",   "asian",
        "is",       "my",        "it",         "this",      "that",
        "what",     "how",       "why",        "when",      "where",
        "who",      "can",       "could",      "should",    "will",
        "would",    "have",      "has",        "had",       "do",
        "does",     "did",       "been",       "being",     "with",
        "for",      "to",        "of",         "about",     "after",
        "before",   "today",     "yesterday",  "recently",  "monday",
        "tuesday",  "wednesday", "thursday",   "friday",    "saturday",
        "sunday",   "january",   "february",   "march",     "april",
        "may",      "june",      "july",       "august",    "september",
        "october",  "november",  "december",   "covid",     "hiv",
        "type",     "stage",     "ok",         "okay",      "fine",
        "well",     "sick",      "ill",        "tired",     "allergic",
        "unable",   "able",      "sure",       "afraid",    "trying",
        "looking",  "wondering", "hoping",     "glad"};
static const char *const en_titles[] = {"mr. ", "mrs. ", "ms. ", "miss ",
                                        "mr ",  "mrs ",  "ms ",  "mx "};

static int en_name_word(const struct pii_ctx *c, size_t b, size_t e)
{
	for (size_t k = 0; k < ARRAY_SIZE(en_not_name); k++)
		if (safety_pii_kw_at(c, b, en_not_name[k]) == e - b)
			return 0;
	return 1;
}

/* "Hi, Sophie Martin here": a greeting, one to three capitalised name
 * words, then "here". */
static void find_names_here(struct pii_ctx *c)
{
	static const char *const greet[] = {"hi, ",    "hello, ", "hey, ",
	                                    "hi ",     "hello ",  "dear all, ",
	                                    "hi all, "};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = safety_pii_kw_any(c, i, greet, ARRAY_SIZE(greet)), j,
		       words = 0, end = 0;

		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		while (words < 3) {
			size_t e = safety_pii_word_end(c, j);

			if (e == j || !is_upper(at(c, j)) ||
			    !en_name_word(c, j, e))
				break;
			words++;
			end = e;
			if (at(c, e) != ' ')
				break;
			j = e + 1;
		}
		if (!words || !safety_pii_kw_at(c, end, " here"))
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, skip_spaces(c, i + k), end);
		i = end - 1;
	}
}

static void find_names_en(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = safety_pii_kw_any(c, i, en_cue_loose,
		                             ARRAY_SIZE(en_cue_loose)),
		       j, words = 0, b, end;
		int strict = 0, lower = k != 0;

		if (!k)
			k = safety_pii_kw_any(c, i, en_cue_cap,
			                      ARRAY_SIZE(en_cue_cap));
		if (!k) {
			k = safety_pii_kw_any(c, i, en_cue_strict,
			                      ARRAY_SIZE(en_cue_strict));
			strict = 1;
		}
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		b = j;
		k = safety_pii_kw_any(c, j, en_titles, ARRAY_SIZE(en_titles));
		if (k) {
			j += k;
			strict = 0;
		}
		end = j;
		while (words < 4) {
			size_t e = safety_pii_word_end(c, j);

			if (e == j || !is_upper(at(c, j)) ||
			    !en_name_word(c, j, e))
				break;
			/* An initial: "John F. Kennedy" */
			if (at(c, e) == '.' && e == j + 1)
				e++;
			words++;
			end = e;
			if (at(c, e) != ' ')
				break;
			j = e + 1;
		}
		if (words == 0 && lower) {
			/* "my name is john smith": lowercase, at most two
			 * words that are not function words. */
			j = b;
			while (words < 2) {
				size_t e = safety_pii_word_end(c, j);

				if (e == j || e - j < 2 ||
				    !en_name_word(c, j, e))
					break;
				words++;
				end = e;
				if (at(c, e) != ' ')
					break;
				j = e + 1;
			}
		}
		if (words == 0 || (strict && words < 2))
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, b, end);
		i = end - 1;
	}
}

static const char *const zh_titles[] = {"先生", "太太", "小姐", "女士", "阿姨",
                                        "伯伯", "奶奶", "爺爺", "爷爷"};
/* What may follow a name directly. */
static const char *const zh_follow[] = {
        "今年", "是",   "住",   "来自", "來自", "男",   "女",   "的",   "在",
        "岁",   "歲",   "想",   "有",   "最近", "目前", "现在", "現在", "因为",
        "因為", "已经", "已經", "今",   "身高", "体重", "體重", "这",   "這",
        "去年", "，",   "。",   "、",   "請",   "请",   "要",   "想要", "也",
        "一直", "平时", "平時", "从小", "從小", "本身", "自己", "前",   "上个",
        "說",   "说",   "推荐", "推薦", "問",   "问",   "讓",   "让",   "帶",
        "带",   "給",   "给",   "上個", "大概", "昨天", "今天", "之前", "和",
        "跟",   "与",   "與"};
static const char *const zh_cue_loose[] = {
        "我叫",       "我的名字是", "我的名字叫", "本人叫", "我姓名是",
        "我的姓名是", "姓名：",     "姓名:",      "名字：", "名字:",
        "我名叫",     "我的全名是", "本人姓名"};
static const char *const zh_cue_strict[] = {"我是", "本人是", "本人"};
/* Words after "我是" that start with a surname but are not names. */
static const char *const zh_not_name[] = {
        "高中生", "初中生", "程序员", "程序員", "公务员", "公務員", "研究生",
        "全职妈", "全職媽", "单亲妈", "單親媽", "高龄产", "高齡產", "初产妇",
        "初產婦", "经产妇", "經產婦", "上班族", "新手妈", "新手媽", "高血压",
        "高血壓", "糖尿病", "石油工", "金融业", "金融業", "江湖郎"};
/* Titles after a surname that name the doctor, not the writer ("我是陳醫師
 *的病人"). */
static const char *const zh_not_self[] = {
        "醫師", "医师", "醫生", "医生", "大夫", "老師", "老师",
        "護士", "护士", "主任", "教授", "院長", "院长"};
/* First characters that make "我叫" the verb "to call" ("我叫了救护车"). */
static const char *const zh_not_first[] = {
        "了", "过", "過", "醒", "不", "他", "她", "它", "你", "们",
        "們", "医", "醫", "救", "车", "車", "家", "人", "谁", "誰"};

static int zh_is_surname(const struct pii_ctx *c, size_t i, size_t *len)
{
	return safety_pii_zh_surname(c, i, len);
}

int safety_pii_zh_follows(const struct pii_ctx *c, size_t i)
{
	uint32_t x = at(c, i);

	if (!safety_is_cjk(x))
		return 1;
	return safety_pii_kw_any(c, i, zh_follow, ARRAY_SIZE(zh_follow)) != 0;
}

static void find_names_zh(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = safety_pii_kw_any(c, i, zh_cue_loose,
		                             ARRAY_SIZE(zh_cue_loose)),
		       j, run, slen = 0, len = 0;
		int strict = 0;

		if (!k) {
			k = safety_pii_kw_any(c, i, zh_cue_strict,
			                      ARRAY_SIZE(zh_cue_strict));
			strict = 1;
		}
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		for (run = 0; safety_is_cjk(at(c, j + run)); run++)
			;
		if (run < 2 || safety_pii_kw_any(c, j, zh_not_first,
		                                 ARRAY_SIZE(zh_not_first)))
			continue;
		if (strict) {
			if (!zh_is_surname(c, j, &slen) ||
			    safety_pii_kw_any(c, j, zh_not_name,
			                      ARRAY_SIZE(zh_not_name)) ||
			    safety_pii_kw_any(c, j + slen, zh_not_self,
			                      ARRAY_SIZE(zh_not_self)))
				continue;
			/* 陳先生, 王太太 */
			for (size_t t = 0; t < ARRAY_SIZE(zh_titles); t++)
				if (safety_pii_kw_at(c, j + slen, zh_titles[t]))
					len = slen + 2;
			/* Surname and a two-character given name. */
			if (!len && run >= slen + 2 &&
			    safety_pii_zh_follows(c, j + slen + 2))
				len = slen + 2;
			/* Surname and one given character ending the clause
			 * ("我是李娜，"). */
			if (!len && run == slen + 1 && j + run > 0 &&
			    !safety_is_cjk(at(c, j + run)))
				len = slen + 1;
			if (!len)
				continue;
		} else {
			static const size_t pref[] = {3, 2, 4};

			for (size_t p = 0; p < ARRAY_SIZE(pref) && !len; p++)
				if (pref[p] <= run &&
				    safety_pii_zh_follows(c, j + pref[p]))
					len = pref[p];
			if (!len)
				len = run < 3 ? run : 3;
		}
		safety_pii_add(c, SAFETY_PII_NAME, j, j + len);
		i = j + len - 1;
	}
}

static const char *const vi_cue_loose[] = {
        "toi ten la ", "ten toi la ", "em ten la ", "minh ten la ",
        "chau ten la ", "con ten la ", "ten em la ", "ten chau la ",
        "ten minh la ", "ho ten: ", "ho va ten: ", "ho ten la ", "ho ten ",
        "toi ten ", "em ten ", "ten cua toi la ",
        /* text-message shorthand: "e" em, "mk"/"mik" minh, "t" toi */
        "e ten la ", "e ten ", "ten e la ", "mk ten la ", "mk ten ",
        "mik ten la ", "mik ten ", "t ten la ", "t ten "};
static const char *const vi_cue_strict[] = {"toi la ", "em la ", "chau la ",
                                            "minh la "};
static const char *const vi_surnames[] = {
        "nguyen", "tran", "le",    "pham",  "hoang",  "huynh", "phan",
        "vu",     "vo",   "dang",  "bui",   "do",     "ho",    "ngo",
        "duong",  "ly",   "dinh",  "mai",   "truong", "lam",   "doan",
        "cao",    "dao",  "luong", "trinh", "ta",     "ha",    "lai",
        "quach",  "thai", "to",    "chau",  "kieu",   "la",    "tang",
        "van",    "luu",  "trieu", "chu",   "khuc",   "mac",   "tieu"};

/* Words that end a name typed in lowercase ("tôi tên là nguyễn văn an bị
 * đau dạ dày"): what usually follows a self-introduction. Folded. */
static const char *const vi_after_name[] = {
        "bi",  "dang", "nam", "nay",  "tuoi",  "o",    "sinh", "lam", "va",
        "hoi", "muon", "can", "co",   "khong", "xin",  "a",    "nhe", "oi",
        "la",  "em",   "toi", "minh", "hien",  "year", "bac",  "cho"};

/* Is the folded word at [b, e) one of the n keywords in list? */
static int word_in(const struct pii_ctx *c, size_t b, size_t e,
                   const char *const *list, size_t n)
{
	for (size_t q = 0; q < n; q++)
		if (safety_pii_kw_at(c, b, list[q]) == e - b)
			return 1;
	return 0;
}

/* A name typed all in lowercase after a loose cue: a known surname and
 * then up to three more words, ending at punctuation or at a word that
 * usually follows a name. Returns its end, or 0. */
static size_t vi_lower_name(const struct pii_ctx *c, size_t j)
{
	size_t e = safety_pii_word_end(c, j), end = 0, words = 0;

	if (e == j || !word_in(c, j, e, vi_surnames, ARRAY_SIZE(vi_surnames)))
		return 0;
	while (words < 4) {
		e = safety_pii_word_end(c, j);
		if (e == j || e - j > 7 || is_digit(at(c, e)) ||
		    (words > 0 && word_in(c, j, e, vi_after_name,
		                          ARRAY_SIZE(vi_after_name))))
			break;
		words++;
		end = e;
		if (at(c, e) != ' ')
			break;
		j = e + 1;
	}
	return words >= 2 ? end : 0;
}

static void find_names_vi(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = safety_pii_kw_any(c, i, vi_cue_loose,
		                             ARRAY_SIZE(vi_cue_loose)),
		       j, words = 0, end = 0;
		int strict = 0;

		if (!k) {
			k = safety_pii_kw_any(c, i, vi_cue_strict,
			                      ARRAY_SIZE(vi_cue_strict));
			strict = 1;
		}
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		if (!strict && !is_upper(at(c, j))) {
			size_t e = vi_lower_name(c, j);

			if (e) {
				safety_pii_add(c, SAFETY_PII_NAME, j, e);
				i = e - 1;
			}
			continue;
		}
		if (strict) {
			size_t e = safety_pii_word_end(c, j), q;

			if (!is_upper(at(c, j)))
				continue;
			for (q = 0; q < ARRAY_SIZE(vi_surnames); q++)
				if (safety_pii_kw_at(c, j, vi_surnames[q]) ==
				    e - j)
					break;
			if (q == ARRAY_SIZE(vi_surnames))
				continue;
		}
		{
			size_t b = j;

			while (words < 5) {
				size_t e = safety_pii_word_end(c, j);

				if (e == j || !is_upper(at(c, j)))
					break;
				words++;
				end = e;
				if (at(c, e) != ' ')
					break;
				j = e + 1;
			}
			if (words == 0 || (strict && words < 2))
				continue;
			safety_pii_add(c, SAFETY_PII_NAME, b, end);
			i = end - 1;
		}
	}
}

void safety_pii_find_addresses(struct pii_ctx *c)
{
	find_addr_tw_en(c);
	find_addr_en(c);
	find_addr_zh(c);
	find_addr_vi(c);
}

/* A parent named after the child ("我是恩恩媽咪", "小魚的媽媽來問") and a
 * nickname with 小, 阿 or 老 after a self-introduction ("我是小刘",
 * "小弟阿明", "大家都叫他老周"). */
static const char *const zh_parent[] = {
        "的媽媽", "的妈妈", "的爸爸", "的家長", "的家长", "媽咪",
        "妈咪",   "媽媽",   "妈妈",   "爸爸",   "把拔",   "馬麻",
        "马麻",   "的女兒", "的女儿", "的兒子", "的儿子"};
static const char *const zh_self_cue[] = {"我是", "本人", "小弟", "小妹",
                                          "叫他", "叫她", "叫我", "偶是",
                                          "備註", "备注", "我叫"};
static const char *const zh_nick_not[] = {
        "小孩", "小朋友", "小儿", "小兒", "小学", "小學",  "小时", "小時",
        "小心", "小姐",   "小弟", "小妹", "小便", "小腿",  "小腹", "老人",
        "老師", "老师",   "老公", "老婆", "老大", "老二",  "老年", "老家",
        "阿嬤", "阿嬷",   "阿公", "阿姨", "阿伯", "阿婆",  "老闆", "老板",
        "小編", "小编",   "小三", "小块", "小塊", "老毛病"};
static const char *const zh_child_not[] = {
        "寶寶", "宝宝", "孩子", "小孩", "兒子", "儿子", "女兒", "女儿",
        "我",   "你",   "他",   "她",   "我們", "我们", "大家", "同学",
        "同學", "朋友", "病人", "患者", "新手", "全职", "全職", "单亲",
        "單親", "二寶", "二宝", "大寶", "大宝", "孩"};

/* Pronouns and verbs never inside such a child's name. */
static const uint32_t zh_not_in_name[] = {
        0x6211 /* 我 */, 0x4F60 /* 你 */, 0x4ED6 /* 他 */, 0x5979 /* 她 */,
        0x5011 /* 們 */, 0x4EEC /* 们 */, 0x7684 /* 的 */, 0x662F /* 是 */,
        0x554F /* 問 */, 0x95EE /* 问 */, 0x5E6B /* 幫 */, 0x5E2E /* 帮 */,
        0x627E /* 找 */, 0x7D66 /* 給 */, 0x7ED9 /* 给 */, 0x8DDF /* 跟 */,
        0x548C /* 和 */, 0x60F3 /* 想 */, 0x8ACB /* 請 */, 0x8BF7 /* 请 */,
        0x5BB6 /* 家 */, 0x4E2A /* 个 */, 0x500B /* 個 */, 0x8FD9 /* 这 */,
        0x9019 /* 這 */, 0x90A3 /* 那 */, 0x6709 /* 有 */, 0x5728 /* 在 */};

static void find_names_zh_more(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = safety_pii_kw_any(c, i, zh_self_cue,
		                             ARRAY_SIZE(zh_self_cue)),
		       j, run, p;

		/* Nickname: 小/阿/老 and one character, then a break. */
		if (k) {
			uint32_t x;

			j = skip_spaces(c, i + k);
			x = at(c, j);
			if ((x == 0x5C0F /* 小 */ || x == 0x963F /* 阿 */ ||
			     x == 0x8001 /* 老 */) &&
			    safety_is_cjk(at(c, j + 1)) &&
			    !safety_pii_kw_any(c, j, zh_nick_not,
			                       ARRAY_SIZE(zh_nick_not)) &&
			    (!safety_is_cjk(at(c, j + 2)) ||
			     safety_pii_kw_any(c, j + 2, zh_parent,
			                       ARRAY_SIZE(zh_parent)) ||
			     safety_pii_zh_follows(c, j + 2))) {
				safety_pii_add(c, SAFETY_PII_NAME, j, j + 2);
				i = j + 1;
				continue;
			}
		}
		/* Parent of a named child: the child's name (1 to 3 Han
		 * characters) right before a parent word, at the start of a
		 * clause or after a self-introduction. */
		if (i > 0 && safety_is_cjk(at(c, i - 1)) &&
		    !safety_pii_kw_any(c, i - 2 < i ? i - 2 : 0, zh_self_cue,
		                       ARRAY_SIZE(zh_self_cue)))
			continue;
		j = i;
		if (k)
			j = skip_spaces(c, i + k);
		for (run = 1; run <= 3 && safety_is_cjk(at(c, j + run - 1)) &&
		              !in_set(at(c, j + run - 1), zh_not_in_name,
		                      ARRAY_SIZE(zh_not_in_name));
		     run++) {
			p = safety_pii_kw_any(c, j + run, zh_parent,
			                      ARRAY_SIZE(zh_parent));
			if (!p)
				continue;
			if (safety_pii_kw_any(c, j, zh_child_not,
			                      ARRAY_SIZE(zh_child_not)) ||
			    safety_pii_kw_any(c, j, zh_parent,
			                      ARRAY_SIZE(zh_parent)))
				break;
			safety_pii_add(c, SAFETY_PII_NAME, j, j + run);
			i = j + run + p - 1;
			break;
		}
	}
}

void safety_pii_find_names(struct pii_ctx *c)
{
	find_names_en(c);
	find_names_here(c);
	find_names_zh(c);
	find_names_zh_more(c);
	find_names_vi(c);
}
