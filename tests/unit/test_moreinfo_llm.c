/* tests/unit/test_moreinfo_llm.c: the language-model path of More Info:
 * the reply checker (a pure function), the request and response JSON, and
 * moreinfo_llm_draft against a fake chat completions endpoint that this
 * test runs on a loopback port in a thread: well-formed, malformed, slow
 * (past the timeout), failing (500), inventing a number and citing a
 * passage that does not exist. Every failure must fall back to the
 * extract. */
#include "test.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "moreinfo/extract.h"
#include "moreinfo/llm.h"
#include "moreinfo/render.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

/* ---- the passages: a small extract with three sources ---- */

static struct moreinfo_source srcs[3] = {
        {SEARCH_KIND_FAQ, 1, "HC_1", "What is hepatitis C ?", "Liver Institute",
         "https://liver.example.org/hepc", "/library/1"},
        {SEARCH_KIND_FAQ, 2, "HC_2", "Treating hepatitis C", "Liver Institute",
         NULL, "/library/2"},
        {SEARCH_KIND_ARTICLE, 3, "ART_1", "Living with hepatitis C", "", NULL,
         "/articles/living"},
};

static struct moreinfo_sentence sents[4] = {
        {"Hepatitis C is an infection of the liver caused by a virus.",
         {0},
         1,
         MOREINFO_WHAT},
        {"About 50 out of 100 people clear the virus in 12 weeks of "
         "treatment.",
         {1},
         1,
         MOREINFO_OPTIONS},
        {"Tablets can cause headache and tiredness.", {1}, 1, MOREINFO_RISKS},
        {"People with hepatitis C can share meals with their family.",
         {2},
         1,
         MOREINFO_ABOUT},
};

static struct moreinfo passages(void)
{
	struct moreinfo mi;

	memset(&mi, 0, sizeof(mi));
	mi.sentences = sents;
	mi.n = 4;
	mi.sources = srcs;
	mi.nsources = 3;
	mi.words = 40;
	return mi;
}

/* ---- the checker ---- */

static int check(struct arena *a, const char *reply, struct moreinfo *out,
                 const char **why)
{
	struct moreinfo p = passages();

	return moreinfo_llm_check(a, &p, reply, 5, 80, out, why);
}

static void test_check_accepts_a_good_reply(void)
{
	struct arena *a = arena_new();
	struct moreinfo out;
	const char *why = "unset";
	struct buf b = BUF_INIT;

	CHECK_INT(check(a,
	                "Hepatitis C is a liver infection caused by a virus "
	                "[1]. Treatment clears it in about 50 of 100 people "
	                "[2]. The tablets may cause headache [2][1]. You can "
	                "share meals with your family [3].",
	                &out, &why),
	          0);
	CHECK(why == NULL);
	CHECK_INT(out.n, 4);
	CHECK_INT(out.machine_assisted, 1);
	CHECK_INT(out.nsources, 3);
	if (out.n == 4) {
		CHECK_STR(
		        out.sentences[0].text,
		        "Hepatitis C is a liver infection caused by a virus.");
		CHECK_INT(out.sentences[0].ncite, 1);
		CHECK_INT(out.sentences[2].ncite, 2);
		CHECK_INT(out.sentences[2].cite[0], 1);
		CHECK_INT(out.sentences[2].cite[1], 0);
	}
	moreinfo_text(&b, &out);
	CHECK_STR(b.p,
	          "Hepatitis C is a liver infection caused by a virus. [1] "
	          "Treatment clears it in about 50 of 100 people. [2] The "
	          "tablets may cause headache. [2][1] You can share meals "
	          "with your family. [3]");
	buf_free(&b);
	arena_free(a);
}

static void test_check_marker_forms(void)
{
	struct arena *a = arena_new();
	struct moreinfo out;
	const char *why;

	/* a marker after the full stop belongs to the sentence before */
	CHECK_INT(check(a,
	                "Hepatitis C is a liver infection. [1] It can be "
	                "treated with tablets. [2, 3]",
	                &out, &why),
	          0);
	CHECK_INT(out.n, 2);
	if (out.n == 2) {
		CHECK_STR(out.sentences[0].text,
		          "Hepatitis C is a liver infection.");
		CHECK_STR(out.sentences[1].text,
		          "It can be treated with tablets.");
		CHECK_INT(out.sentences[1].ncite, 2);
	}
	/* list bullets are dropped; other symbols stay */
	CHECK_INT(check(a,
	                "- Hepatitis C costs \xe2\x82\xac nothing to test "
	                "[1].\n\xe2\x80\xa2 Tablets can cause headache [2].",
	                &out, &why),
	          0);
	CHECK_INT(out.n, 2);
	if (out.n == 2) {
		CHECK_STR(out.sentences[0].text,
		          "Hepatitis C costs \xe2\x82\xac nothing to test.");
		CHECK_STR(out.sentences[1].text, "Tablets can cause headache.");
	}
	/* sources are renumbered in order of first citation; an uncited
	 * one is dropped */
	CHECK_INT(check(a,
	                "Treatment takes 12 weeks [2]. Hepatitis C is a "
	                "liver infection [1]. Tablets work well [2].",
	                &out, &why),
	          0);
	CHECK_INT(out.nsources, 2);
	if (out.nsources == 2) {
		CHECK_STR(out.sources[0].external_id, "HC_2");
		CHECK_STR(out.sources[1].external_id, "HC_1");
		CHECK_INT(out.sentences[0].cite[0], 0);
		CHECK_INT(out.sentences[1].cite[0], 1);
	}
	arena_free(a);
}

static void test_check_rejects(void)
{
	struct arena *a = arena_new();
	struct moreinfo out;
	const char *why;
	static const struct {
		const char *reply, *why;
	} bad[] = {
	        {"Hepatitis C is a liver infection caused by a virus [9].",
	         "cites a passage that was not given"},
	        {"Hepatitis C is a liver infection caused by a virus [0].",
	         "cites a passage that was not given"},
	        {"Hepatitis C is a liver infection [1]. Tablets help [4].",
	         "cites a passage that was not given"},
	        {"Hepatitis C is a liver infection [1]. Tablets cure 95 of "
	         "100 people [2].",
	         "a number the passages lack"},
	        {"Hepatitis C is a liver infection [1]. Take 5 tablets a day "
	         "[2].",
	         "a number the passages lack"},
	        {"Hepatitis C is a liver infection [1]. Treatment lasts 12.5 "
	         "weeks [2].",
	         "a number the passages lack"},
	        {"Hepatitis C is a liver infection [1]. Read more at "
	         "https://cure.example.com/now [1].",
	         "a link the passages lack"},
	        {"Hepatitis C is a liver infection [1]. See www.example.com "
	         "for tablets [2].",
	         "a link the passages lack"},
	        {"Hepatitis C is a liver infection caused by a virus [1]. "
	         "Tablets can cause headache and tiredness.",
	         "a sentence without a citation"},
	        {"Hepatitis C [1].", "too short"},
	        {"", "empty reply"},
	        {"Bad \xff bytes in the reply text here [1].",
	         "malformed UTF-8"},
	};
	struct buf longer = BUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		CHECK_INT(check(a, bad[i].reply, &out, &why), -EINVAL);
		CHECK_STR(why, bad[i].why);
		CHECK_INT(out.n, 0);
		CHECK_INT(out.nsources, 0);
	}
	CHECK_INT(check(a, NULL, &out, &why), -EINVAL);
	for (int i = 0; i < 20; i++)
		buf_puts(&longer, "Hepatitis C is a liver infection [1]. ");
	CHECK_INT(check(a, longer.p, &out, &why), -EINVAL);
	CHECK_STR(why, "too long");
	buf_free(&longer);
	/* a URL the passages have is fine, and so is a number they have */
	CHECK_INT(check(a,
	                "Hepatitis C is a liver infection [1]. The Liver "
	                "Institute explains it at "
	                "https://liver.example.org/hepc [1]. About 50 of 100 "
	                "are cured [2].",
	                &out, &why),
	          0);
	arena_free(a);
}

/* ---- request and response JSON ---- */

static void test_request_and_content(void)
{
	struct arena *a = arena_new();
	struct moreinfo p = passages();
	struct moreinfo_llm cfg = {"http://x", "tiny-model", NULL, 0, 0, 0};
	const char *req = moreinfo_llm_request(a, &cfg, &p, "Is it curable?");
	json_t *root = json_loads(req, 0, NULL), *msgs;
	const char *user;

	CHECK(root != NULL);
	CHECK_STR(json_string_value(json_object_get(root, "model")),
	          "tiny-model");
	msgs = json_object_get(root, "messages");
	CHECK_INT(json_array_size(msgs), 2);
	user = json_string_value(
	        json_object_get(json_array_get(msgs, 1), "content"));
	CHECK(user && strstr(user, "Is it curable?"));
	CHECK(user && strstr(user, "[2] About 50 out of 100 people clear the "
	                           "virus in 12 weeks of treatment. Tablets "
	                           "can cause headache and tiredness."));
	CHECK(user && strstr(user, "[3] People with hepatitis C"));
	json_decref(root);

	{
		const char *t = "{\"choices\": [{\"message\": {\"role\": "
		                "\"assistant\", \"content\": \"Hi [1].\"}}]}";

		CHECK_STR(moreinfo_llm_content(a, t, strlen(t)), "Hi [1].");
	}
	{
		const char *t = "{\"choices\": [{\"message\": {\"content\": "
		                "\"<think>hmm</think>\\n Done [1].\"}}]}";

		CHECK_STR(moreinfo_llm_content(a, t, strlen(t)), "Done [1].");
	}
	CHECK(moreinfo_llm_content(a, "not json", 8) == NULL);
	CHECK(moreinfo_llm_content(a, "{\"error\": {\"message\": \"x\"}}",
	                           28) == NULL);
	CHECK(moreinfo_llm_content(a, "{\"choices\": []}", 15) == NULL);
	CHECK(moreinfo_llm_content(
	              a, "{\"choices\": [{\"message\": {\"content\": 5}}]}",
	              43) == NULL);
	arena_free(a);
}

/* ---- the fake endpoint ---- */

enum mode { M_OK, M_MALFORMED, M_SLOW, M_FAIL, M_INVENT, M_CITE9 };

static struct {
	int fd, port, stop;
	enum mode mode;
	char path[256];
	char body[65536];
	int requests;
	pthread_t thread;
	pthread_mutex_t mu;
} fake = {.fd = -1, .mu = PTHREAD_MUTEX_INITIALIZER};

static const char ok_reply[] =
        "Hepatitis C is a liver infection caused by a virus [1]. Treatment "
        "with tablets clears it in about 50 of 100 people [2]. The tablets "
        "can cause headache and tiredness [2]. You can share meals with "
        "your family [3].";

static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);

		if (k <= 0)
			return;
		p += k;
		n -= (size_t)k;
	}
}

static void respond(int fd, int status, const char *body)
{
	char head[256];

	snprintf(head, sizeof(head),
	         "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n"
	         "Content-Length: %zu\r\nConnection: close\r\n\r\n",
	         status, strlen(body));
	send_all(fd, head, strlen(head));
	send_all(fd, body, strlen(body));
}

static void chat(int fd, const char *content)
{
	json_t *o = json_pack("{s:[{s:{s:s, s:s}}]}", "choices", "message",
	                      "role", "assistant", "content", content);
	char *s = json_dumps(o, 0);

	respond(fd, 200, s);
	free(s);
	json_decref(o);
}

static void serve_one(int fd)
{
	char buf[70000];
	size_t n = 0, need = 0;
	char *end = NULL, *cl;
	enum mode mode;

	while (n < sizeof(buf) - 1) {
		ssize_t k = recv(fd, buf + n, sizeof(buf) - 1 - n, 0);

		if (k <= 0)
			break;
		n += (size_t)k;
		buf[n] = 0;
		if (!end && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			cl = strcasestr(buf, "Content-Length:");
			need = (size_t)(end + 4 - buf) +
			       (cl ? strtoul(cl + 15, NULL, 10) : 0);
		}
		if (end && n >= need)
			break;
	}
	buf[n] = 0;
	pthread_mutex_lock(&fake.mu);
	fake.requests++;
	sscanf(buf, "POST %255s", fake.path);
	snprintf(fake.body, sizeof(fake.body), "%s", end ? end + 4 : "");
	mode = fake.mode;
	pthread_mutex_unlock(&fake.mu);
	switch (mode) {
	case M_OK: chat(fd, ok_reply); break;
	case M_MALFORMED: respond(fd, 200, "{\"choices\": [{\"mess"); break;
	case M_SLOW:
		sleep(2);
		chat(fd, ok_reply);
		break;
	case M_FAIL: respond(fd, 500, "{\"error\": \"overloaded\"}"); break;
	case M_INVENT:
		chat(fd,
		     "Hepatitis C is a liver infection [1]. Treatment cures "
		     "97 of 100 people [2]. Tablets can cause headache [2]. "
		     "You can share meals with your family [3].");
		break;
	case M_CITE9:
		chat(fd,
		     "Hepatitis C is a liver infection [1]. Treatment clears "
		     "it in 50 of 100 people [9]. Tablets can cause headache "
		     "[2]. You can share meals with your family [3].");
		break;
	}
}

/* One connection, in a thread of its own so that a slow reply does not
 * hold up the next request. */
static void *conn_main(void *arg)
{
	int c = (int)(intptr_t)arg;

	serve_one(c);
	close(c);
	return NULL;
}

static void *fake_main(void *arg)
{
	(void)arg;
	for (;;) {
		int c = accept(fake.fd, NULL, NULL);
		pthread_t t;

		if (c < 0)
			continue;
		if (__atomic_load_n(&fake.stop, __ATOMIC_SEQ_CST)) {
			close(c);
			break;
		}
		if (pthread_create(&t, NULL, conn_main, (void *)(intptr_t)c))
			close(c);
		else
			pthread_detach(t);
	}
	return NULL;
}

static int fake_start(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int one = 1;

	fake.fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fake.fd < 0)
		return -1;
	setsockopt(fake.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fake.fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(fake.fd, 8) != 0 ||
	    getsockname(fake.fd, (struct sockaddr *)&sa, &len) != 0)
		return -1;
	fake.port = ntohs(sa.sin_port);
	return pthread_create(&fake.thread, NULL, fake_main, NULL);
}

static void fake_stop(void)
{
	struct sockaddr_in sa;
	int c = socket(AF_INET, SOCK_STREAM, 0);

	__atomic_store_n(&fake.stop, 1, __ATOMIC_SEQ_CST);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((uint16_t)fake.port);
	connect(c, (struct sockaddr *)&sa, sizeof(sa));
	close(c);
	pthread_join(fake.thread, NULL);
	close(fake.fd);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Draft with the endpoint in mode m; returns machine_assisted. */
static int draft(enum mode m, const char *url, const char **why,
                 struct moreinfo *out, struct arena *a)
{
	struct moreinfo p = passages();
	struct moreinfo_llm cfg = {url, "tiny-model", NULL, 1000, 20, 200};

	pthread_mutex_lock(&fake.mu);
	fake.mode = m;
	pthread_mutex_unlock(&fake.mu);
	CHECK_INT(moreinfo_llm_draft(&cfg, a, &p, "Can it be cured?", out, why),
	          0);
	return out->machine_assisted;
}

static void test_fake_endpoint(void)
{
	struct arena *a = arena_new();
	struct moreinfo out;
	const char *why;
	char url[128], base[128];
	double t0;
	json_t *sent;

	if (fake_start() != 0) {
		printf("SKIP fake endpoint: no loopback socket\n");
		arena_free(a);
		return;
	}
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/v1/chat/completions",
	         fake.port);
	snprintf(base, sizeof(base), "http://127.0.0.1:%d", fake.port);

	/* well-formed: the rewrite is used */
	CHECK_INT(draft(M_OK, url, &why, &out, a), 1);
	CHECK(why == NULL);
	CHECK_INT(out.n, 4);
	CHECK_STR(fake.path, "/v1/chat/completions");
	sent = json_loads(fake.body, 0, NULL);
	CHECK(sent != NULL);
	CHECK_STR(json_string_value(json_object_get(sent, "model")),
	          "tiny-model");
	json_decref(sent);

	/* a base URL gets the path appended */
	CHECK_INT(draft(M_OK, base, &why, &out, a), 1);
	CHECK_STR(fake.path, "/v1/chat/completions");

	/* every failure falls back to the extract, which is returned whole */
	CHECK_INT(draft(M_MALFORMED, url, &why, &out, a), 0);
	CHECK_STR(why, "malformed response");
	CHECK(out.sentences == sents && out.n == 4 && out.nsources == 3);

	t0 = now_s();
	CHECK_INT(draft(M_SLOW, url, &why, &out, a), 0);
	CHECK_STR(why, "timeout");
	CHECK(now_s() - t0 < 1.9); /* gave up at the 1 s timeout */
	CHECK(out.sentences == sents);

	CHECK_INT(draft(M_FAIL, url, &why, &out, a), 0);
	CHECK_STR(why, "HTTP error");

	CHECK_INT(draft(M_INVENT, url, &why, &out, a), 0);
	CHECK_STR(why, "a number the passages lack");
	CHECK(out.sentences == sents);

	CHECK_INT(draft(M_CITE9, url, &why, &out, a), 0);
	CHECK_STR(why, "cites a passage that was not given");

	fake_stop();

	/* nobody listens any more */
	CHECK_INT(draft(M_OK, url, &why, &out, a), 0);
	CHECK_STR(why, "endpoint unreachable");

	/* no endpoint, or nothing to rewrite: no request at all */
	{
		struct moreinfo p = passages(), empty;
		struct moreinfo_llm none = {NULL, NULL, NULL, 0, 0, 0};

		CHECK_INT(moreinfo_llm_draft(&none, a, &p, NULL, &out, &why),
		          0);
		CHECK_INT(out.machine_assisted, 0);
		CHECK_STR(why, "no endpoint configured");
		memset(&empty, 0, sizeof(empty));
		CHECK_INT(
		        moreinfo_llm_draft(&none, a, &empty, NULL, &out, &why),
		        0);
		CHECK_INT(out.n, 0);
	}
	arena_free(a);
}

int main(void)
{
	RUN(test_check_accepts_a_good_reply);
	RUN(test_check_marker_forms);
	RUN(test_check_rejects);
	RUN(test_request_and_content);
	RUN(test_fake_endpoint);
	return test_summary();
}
