/* moreinfo/llm.c: the language-model rewrite of a More Info extract.
 *
 * One blocking HTTP POST per draft (libcurl, with a total timeout and a
 * cap on the response size), then the checks of moreinfo_llm_check. The
 * checks are deliberately strict and mechanical: they cannot tell whether
 * a rewritten sentence says what its passage says, but they make sure the
 * reader can look every claim up in a cited source, that no source is
 * invented, and that no figure (a dose, a rate, an age) or link appears
 * that the sources do not contain, which are the ways a model's error
 * does most harm. A doctor reviews the draft before publication.
 */
#include "moreinfo/llm.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "limits.h"
#include "moreinfo/internal.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/util.h"

static const char system_prompt[] =
        "You help doctors explain medical information to patients. "
        "Rewrite the numbered passages you are given into clear, plain "
        "language for a lay reader: what the condition or treatment is, the "
        "options, their risks and side effects, and when to see a doctor. "
        "Use only facts stated in the passages. End every sentence with "
        "the number of the passage it comes from in square brackets, for "
        "example [1] or [2][3]. Do not add numbers, doses, dates, links or "
        "facts that are not in the passages. Write between 150 and 350 "
        "words of running text: no headings, no lists, no greeting.";

/* ---- the request and the response ---- */

const char *moreinfo_llm_request(struct arena *a,
                                 const struct moreinfo_llm *cfg,
                                 const struct moreinfo *passages,
                                 const char *question)
{
	struct buf user = BUF_INIT;
	json_t *root, *msgs;
	char *dump;
	const char *out;

	if (question && *question)
		buf_printf(&user, "The patient asked:\n%.*s\n\n", 4000,
		           question);
	buf_puts(&user, "Passages:\n");
	for (size_t s = 0; s < passages->nsources; s++) {
		buf_printf(&user, "[%zu]", s + 1);
		for (size_t i = 0; i < passages->n; i++) {
			const struct moreinfo_sentence *st =
			        &passages->sentences[i];

			for (size_t k = 0; k < st->ncite; k++)
				if (st->cite[k] == s) {
					buf_putc(&user, ' ');
					buf_puts(&user, st->text);
					break;
				}
		}
		buf_putc(&user, '\n');
	}
	buf_puts(&user, "\nWrite the explanation now, citing the passages.");
	msgs = json_array();
	json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", "system",
	                                      "content", system_prompt));
	json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", "user",
	                                      "content", user.p));
	root = json_pack("{s:s, s:o, s:f, s:i, s:b}", "model",
	                 cfg->model ? cfg->model : "", "messages", msgs,
	                 "temperature", 0.2, "max_tokens", 1200, "stream", 0);
	dump = root ? json_dumps(root, JSON_COMPACT) : NULL;
	out = arena_strdup(a, dump ? dump : "{}");
	free(dump);
	json_decref(root);
	buf_free(&user);
	return out;
}

const char *moreinfo_llm_content(struct arena *a, const char *body, size_t len)
{
	json_t *root = json_loadb(body, len, 0, NULL), *c, *m;
	const char *s = NULL, *end;

	if (!json_is_object(root))
		goto done;
	c = json_array_get(json_object_get(root, "choices"), 0);
	m = json_object_get(c, "message");
	c = json_object_get(m, "content");
	if (!json_is_string(c))
		goto done;
	s = json_string_value(c);
	while (*s && isspace((unsigned char)*s))
		s++;
	if (str_starts(s, "<think>") && (end = strstr(s, "</think>")))
		s = end + strlen("</think>");
	while (*s && isspace((unsigned char)*s))
		s++;
	s = arena_strdup(a, s);
done:
	json_decref(root);
	return s;
}

/* ---- the checks ---- */

/* The [n] or [n, m] marker at s: returns its length and adds its numbers
 * to v (up to cap, *n of them); 0 when s is not a marker. A number is
 * 1 to 9999. */
static size_t marker_at(const char *s, long *v, size_t *n, size_t cap)
{
	size_t i = 1, start = *n;

	if (s[0] != '[')
		return 0;
	for (;;) {
		long x = 0;
		size_t d = 0;

		while (s[i] == ' ')
			i++;
		while (isdigit((unsigned char)s[i]) && d < 5) {
			x = x * 10 + (s[i] - '0');
			i++;
			d++;
		}
		if (!d || isdigit((unsigned char)s[i])) {
			*n = start;
			return 0;
		}
		if (*n < cap)
			v[(*n)++] = x;
		while (s[i] == ' ')
			i++;
		if (s[i] == ']')
			return i + 1;
		if (s[i] != ',') {
			*n = start;
			return 0;
		}
		i++;
	}
}

/* Whether the number num (len bytes: digits with inner '.' or ',') stands
 * in hay as a number of its own, not inside a longer one. */
static int number_in(const char *hay, const char *num, size_t len)
{
	const char *p = hay;

	for (;;) {
		const char *q = strstr(p, num);

		if (!q)
			return 0;
		if ((q == hay || !isdigit((unsigned char)q[-1])) &&
		    !isdigit((unsigned char)q[len]) &&
		    !(q[len] == '.' && isdigit((unsigned char)q[len + 1])) &&
		    !(q[len] == ',' && isdigit((unsigned char)q[len + 1])))
			return 1;
		p = q + 1;
	}
}

static int is_url_start(const char *s)
{
	return !strncasecmp(s, "http://", 7) ||
	       !strncasecmp(s, "https://", 8) || !strncasecmp(s, "www.", 4) ||
	       !strncmp(s, "://", 3);
}

int moreinfo_llm_check(struct arena *a, const struct moreinfo *passages,
                       const char *reply, size_t min_words, size_t max_words,
                       struct moreinfo *out, const char **why)
{
	struct buf all = BUF_INIT, plain = BUF_INIT;
	struct moreinfo_span *sp;
	const char *bad = NULL;
	size_t n, words, ns = passages->nsources;
	void *brk = NULL;

	memset(out, 0, sizeof(*out));
	if (!min_words)
		min_words = MOREINFO_LLM_MIN_WORDS;
	if (!max_words)
		max_words = MOREINFO_LLM_MAX_WORDS;
	if (!reply || !*reply || !ns) {
		bad = "empty reply";
		goto done;
	}
	if (!utf8_valid(reply, strlen(reply))) {
		bad = "malformed UTF-8";
		goto done;
	}
	for (size_t i = 0; i < passages->n; i++) {
		buf_puts(&all, passages->sentences[i].text);
		buf_putc(&all, '\n');
	}
	for (size_t i = 0; i < ns; i++) {
		if (passages->sources[i].url) {
			buf_puts(&all, passages->sources[i].url);
			buf_putc(&all, '\n');
		}
	}
	if (!all.p)
		buf_puts(&all, "");

	/* Markers, numbers and links over the whole reply. */
	for (size_t i = 0; reply[i];) {
		long v[16];
		size_t nv = 0, k = marker_at(reply + i, v, &nv, 16);

		if (k) {
			for (size_t j = 0; j < nv; j++)
				if (v[j] < 1 || (size_t)v[j] > ns) {
					bad = "cites a passage that was not "
					      "given";
					goto done;
				}
			buf_putc(&plain, ' ');
			i += k;
			continue;
		}
		if (is_url_start(reply + i) &&
		    (i == 0 || !isalnum((unsigned char)reply[i - 1]))) {
			size_t e = i;
			char *url;

			while (reply[e] && !isspace((unsigned char)reply[e]) &&
			       reply[e] != ')' && reply[e] != ']')
				e++;
			while (e > i && strchr(".,;:", reply[e - 1]))
				e--;
			url = arena_strndup(a, reply + i, e - i);
			if (!strstr(all.p, url)) {
				bad = "a link the passages lack";
				goto done;
			}
		}
		if (isdigit((unsigned char)reply[i]) &&
		    (i == 0 || !isalnum((unsigned char)reply[i - 1]))) {
			size_t e = i;
			char *num;

			while (isdigit((unsigned char)reply[e]) ||
			       ((reply[e] == '.' || reply[e] == ',') &&
			        isdigit((unsigned char)reply[e + 1])))
				e++;
			num = arena_strndup(a, reply + i, e - i);
			if (!number_in(all.p, num, e - i)) {
				bad = "a number the passages lack";
				goto done;
			}
			buf_append(&plain, reply + i, e - i);
			i = e;
			continue;
		}
		buf_putc(&plain, reply[i]);
		i++;
	}
	words = moreinfo_count_words(plain.p ? plain.p : "", plain.len);
	if (words < min_words) {
		bad = "too short";
		goto done;
	}
	if (words > max_words) {
		bad = "too long";
		goto done;
	}

	/* Sentences, each with its markers. */
	brk = mi_brk_open();
	n = mi_split_with(brk, a, reply, strlen(reply), 0, &sp);
	out->sentences = ARENA_ARRAY(a, struct moreinfo_sentence, n + 1);
	for (size_t i = 0; i < n; i++) {
		const char *s = reply + sp[i].start;
		size_t len = sp[i].len, j = 0;
		struct buf t = BUF_INIT;
		struct moreinfo_sentence *cur;
		long v[16];
		size_t nv = 0;

		/* Markers opening a piece belong to the sentence before. */
		while (j < len) {
			size_t k = marker_at(s + j, v, &nv, 16);

			if (!k)
				break;
			j += k;
			while (j < len && s[j] == ' ')
				j++;
		}
		if (nv && out->n) {
			cur = &out->sentences[out->n - 1];
			for (size_t m = 0; m < nv; m++) {
				int dup = 0;

				for (size_t c = 0; c < cur->ncite; c++)
					dup |= cur->cite[c] == (size_t)v[m] - 1;
				if (!dup && cur->ncite < MOREINFO_MAX_CITES)
					cur->cite[cur->ncite++] =
					        (size_t)v[m] - 1;
			}
		} else if (nv) {
			bad = "a citation before any sentence";
			goto done;
		}
		nv = 0;
		for (;;) { /* list bullets: "- ", "* ", U+2022 */
			if (j < len &&
			    (s[j] == '-' || s[j] == '*' || s[j] == ' '))
				j++;
			else if (j + 3 <= len &&
			         !memcmp(s + j, "\xe2\x80\xa2", 3))
				j += 3;
			else
				break;
		}
		for (; j < len;) {
			size_t k = marker_at(s + j, v, &nv, 16);

			if (k) {
				j += k;
				continue;
			}
			buf_putc(&t, s[j]);
			j++;
		}
		if (!t.len) {
			buf_free(&t);
			continue;
		}
		cur = &out->sentences[out->n];
		memset(cur, 0, sizeof(*cur));
		cur->aspect = MOREINFO_ABOUT;
		{
			/* squeeze blanks, no blank before . , ; : ! ? */
			char *z = mi_squeeze(a, t.p, t.len);
			size_t w = 0;

			for (size_t r = 0; z[r]; r++) {
				if (z[r] == ' ' && strchr(".,;:!?", z[r + 1]))
					continue;
				z[w++] = z[r];
			}
			while (w && z[w - 1] == ' ')
				w--;
			z[w] = 0;
			cur->text = z;
		}
		buf_free(&t);
		if (!*cur->text)
			continue;
		for (size_t m = 0; m < nv; m++) {
			int dup = 0;

			for (size_t c = 0; c < cur->ncite; c++)
				dup |= cur->cite[c] == (size_t)v[m] - 1;
			if (!dup && cur->ncite < MOREINFO_MAX_CITES)
				cur->cite[cur->ncite++] = (size_t)v[m] - 1;
		}
		out->n++;
	}
	if (!out->n) {
		bad = "empty reply";
		goto done;
	}
	for (size_t i = 0; i < out->n; i++)
		if (!out->sentences[i].ncite) {
			bad = "a sentence without a citation";
			goto done;
		}
	out->sources = ARENA_ARRAY(a, struct moreinfo_source, ns);
	memcpy(out->sources, passages->sources, ns * sizeof(*out->sources));
	out->nsources = ns;
	out->machine_assisted = 1;
	mi_renumber(out);
done:
	mi_brk_close(brk);
	buf_free(&all);
	buf_free(&plain);
	if (bad)
		memset(out, 0, sizeof(*out));
	if (why)
		*why = bad;
	return bad ? -EINVAL : 0;
}

/* ---- the HTTP call ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_ok;

static void curl_setup(void)
{
	curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

struct body {
	struct buf b;
	int too_big;
};

static size_t on_data(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct body *body = ctx;
	size_t n = size * nmemb;

	if (body->b.len + n > LIMIT_LLM_REPLY_BYTES) {
		body->too_big = 1;
		return 0; /* abort the transfer */
	}
	buf_append(&body->b, p, n);
	return n;
}

static const char *endpoint(struct arena *a, const char *url)
{
	size_t n = strlen(url);

	while (n && url[n - 1] == '/')
		n--;
	if (n >= 17 && !strncmp(url + n - 17, "/chat/completions", 17))
		return arena_strndup(a, url, n);
	if (n >= 3 && !strncmp(url + n - 3, "/v1", 3))
		return arena_printf(a, "%.*s/chat/completions", (int)n, url);
	return arena_printf(a, "%.*s/v1/chat/completions", (int)n, url);
}

/* POST the request; the response body into *out. Returns NULL or why
 * not. */
static const char *post(const struct moreinfo_llm *cfg, struct arena *a,
                        const char *json, const char **out, size_t *len)
{
	struct body body = {BUF_INIT, 0};
	struct curl_slist *hdr = NULL;
	const char *bad = NULL;
	long status = 0, ms = cfg->timeout_ms > 0 ? cfg->timeout_ms
	                                          : MOREINFO_LLM_TIMEOUT_MS;
	CURLcode cc;
	CURL *h;

	pthread_once(&curl_once, curl_setup);
	if (!curl_ok || !(h = curl_easy_init()))
		return "libcurl cannot start";
	hdr = curl_slist_append(hdr, "Content-Type: application/json");
	if (cfg->api_key && *cfg->api_key)
		hdr = curl_slist_append(
		        hdr, arena_printf(a, "Authorization: Bearer %s",
		                          cfg->api_key));
	curl_easy_setopt(h, CURLOPT_URL, endpoint(a, cfg->url));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(json));
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "askdoc-moreinfo");
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (cc == CURLE_OPERATION_TIMEDOUT)
		bad = "timeout";
	else if (body.too_big)
		bad = "response too large";
	else if (cc != CURLE_OK)
		bad = "endpoint unreachable";
	else if (status < 200 || status > 299)
		bad = "HTTP error";
	if (!bad) {
		*out = arena_strndup(a, body.b.p ? body.b.p : "", body.b.len);
		*len = body.b.len;
	}
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	buf_free(&body.b);
	return bad;
}

int moreinfo_llm_draft(const struct moreinfo_llm *cfg, struct arena *a,
                       const struct moreinfo *extract, const char *question,
                       struct moreinfo *out, const char **why)
{
	const char *bad = NULL, *body = NULL, *content;
	size_t len = 0;

	*out = *extract;
	out->machine_assisted = 0;
	if (!extract->n) {
		bad = "empty extract";
		goto done;
	}
	if (!cfg->url || !*cfg->url || !cfg->model || !*cfg->model) {
		bad = "no endpoint configured";
		goto done;
	}
	bad = post(cfg, a, moreinfo_llm_request(a, cfg, extract, question),
	           &body, &len);
	if (bad)
		goto done;
	content = moreinfo_llm_content(a, body, len);
	if (!content) {
		bad = "malformed response";
		goto done;
	}
	{
		struct moreinfo checked;

		if (moreinfo_llm_check(a, extract, content, cfg->min_words,
		                       cfg->max_words, &checked, &bad) == 0)
			*out = checked;
	}
done:
	if (bad && extract->n)
		log_warn("moreinfo draft", "fallback=extract reason=\"%s\"",
		         bad);
	if (why)
		*why = bad;
	return 0;
}
