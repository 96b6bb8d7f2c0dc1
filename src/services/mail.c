/* services/mail.c: the outgoing mail queue and its worker thread.
 *
 * The worker loops: send every due mail (oldest first), then sleep until
 * the next one is due, a page queues one (mail_kick), shutdown, or the
 * poll interval passes (mail queued by another process is found that
 * way). A delivery is one libcurl SMTP transfer with its own connect and
 * total timeouts; a progress callback aborts it at shutdown, and the mail
 * then stays pending for the next run without counting an attempt. A
 * failed attempt is retried after retry_seconds * 2^(failures - 1), capped
 * at MAX_DELAY_S, until LIMIT_MAIL_ATTEMPTS.
 *
 * Messages are built here: RFC 5322 headers (the subject as RFC 2047
 * encoded words when it is not ASCII) and a text/plain UTF-8 body, sent
 * as 7bit when ASCII and base64 otherwise, so any server takes it.
 */
#include "services/mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limits.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/metric.h"
#include "util/util.h"

#define POLL_S      30         /* look for mail from elsewhere this often */
#define MAX_DELAY_S (6 * 3600) /* longest wait between two attempts */
#define CONNECT_S   10

struct mail_queue {
	struct store *st;
	char *url, *from, *domain;
	char *user, *password; /* SMTP login; NULL: none */
	long retry_s;
	unsigned timeout_s;
	pthread_t thread;
	int started;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int stop;   /* under lock; also read atomically by the transfer */
	int kicked; /* under lock */
	uint64_t sent, retried, given_up; /* atomics */
	uint64_t failed;                  /* failed attempts (atomic) */
	uint64_t serial;                  /* Message-ID uniqueness */
	struct metric_hist took_sent;     /* SMTP transfer time, delivered */
	struct metric_hist took_failed;   /* ... and failed attempts */
};

/* The address check; need_dot: the domain must have two labels or more
 * (recipients), else a single label such as "localhost" passes (the
 * sender, whose default is askdoc@localhost). */
static int address_ok(const char *s, int need_dot)
{
	const char *at, *p;
	size_t n;

	if (!s || !(n = strlen(s)) || n > LIMIT_EMAIL_BYTES)
		return 0;
	at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || at - s > 64)
		return 0;
	for (p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= ' ' || ch >= 0x7f || strchr("\"<>(),;:\\[]", ch))
			return 0;
	}
	/* The domain: labels of letters, digits and '-', not starting or
	 * ending with '-', joined by single dots; at least two labels. */
	p = at + 1;
	if (need_dot && !strchr(p, '.'))
		return 0;
	for (;;) {
		const char *start = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		       (*p >= '0' && *p <= '9') || *p == '-')
			p++;
		if (p == start || *start == '-' || p[-1] == '-' ||
		    p - start > 63)
			return 0;
		if (!*p)
			return 1;
		if (*p != '.')
			return 0;
		p++;
	}
}

int mail_address_ok(const char *s)
{
	return address_ok(s, 1);
}

/* ---- building the message ---- */

static void base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                          "abcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_putc(b, tab[(v >> 18) & 63]);
		buf_putc(b, tab[(v >> 12) & 63]);
		buf_putc(b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
		buf_putc(b, i + 2 < n ? tab[v & 63] : '=');
	}
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* The subject on one line, as encoded words of at most 45 bytes of UTF-8
 * each (never splitting a character) when it is not ASCII. */
static void put_subject(struct buf *b, const char *subject)
{
	char *s = xstrdup(subject);
	size_t n = strlen(s), i = 0;

	for (size_t k = 0; k < n; k++)
		if (s[k] == '\r' || s[k] == '\n' || s[k] == '\t')
			s[k] = ' ';
	buf_puts(b, "Subject: ");
	if (is_ascii(s)) {
		buf_puts(b, s);
	} else {
		while (i < n) {
			size_t m = n - i > 45 ? 45 : n - i;
			while (i + m < n &&
			       ((unsigned char)s[i + m] & 0xc0) == 0x80)
				m--;
			if (i)
				buf_puts(b, "\r\n ");
			buf_puts(b, "=?UTF-8?B?");
			base64(b, (const unsigned char *)s + i, m);
			buf_puts(b, "?=");
			i += m;
		}
	}
	buf_puts(b, "\r\n");
	free(s);
}

static void build_message(struct mail_queue *m, const struct mail_item *it,
                          struct buf *b)
{
	char date[64];
	struct tm tm;
	time_t now = time(NULL);
	uint64_t serial = __atomic_add_fetch(&m->serial, 1, __ATOMIC_RELAXED);

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(b, "Date: %s\r\n", date);
	buf_printf(b, "From: <%s>\r\n", m->from);
	buf_printf(b, "To: <%s>\r\n", it->to);
	put_subject(b, it->subject);
	buf_printf(b, "Message-ID: <askdoc.%lld.%lld.%llu@%s>\r\n",
	           (long long)it->id, (long long)now,
	           (unsigned long long)serial, m->domain);
	buf_puts(b, "MIME-Version: 1.0\r\n"
	            "Content-Type: text/plain; charset=UTF-8\r\n");
	if (is_ascii(it->body)) {
		buf_puts(b, "Content-Transfer-Encoding: 7bit\r\n\r\n");
		for (const char *p = it->body; *p; p++) {
			if (*p == '\n')
				buf_putc(b, '\r');
			if (*p != '\r')
				buf_putc(b, *p);
		}
		if (b->len < 2 || b->p[b->len - 1] != '\n')
			buf_puts(b, "\r\n");
	} else {
		struct buf enc = BUF_INIT;
		buf_puts(b, "Content-Transfer-Encoding: base64\r\n\r\n");
		base64(&enc, (const unsigned char *)it->body, strlen(it->body));
		for (size_t i = 0; i < enc.len; i += 76) {
			buf_append(b, enc.p + i,
			           enc.len - i > 76 ? 76 : enc.len - i);
			buf_puts(b, "\r\n");
		}
		buf_free(&enc);
	}
}

/* ---- one delivery ---- */

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

static int progress_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                       curl_off_t un)
{
	struct mail_queue *m = arg;

	return __atomic_load_n(&m->stop, __ATOMIC_RELAXED) ? 1 : 0;
}

/* Send it; returns CURLE_OK or libcurl's error. */
static CURLcode deliver(struct mail_queue *m, const struct mail_item *it)
{
	struct buf msg = BUF_INIT, addr = BUF_INIT;
	struct curl_slist *rcpt = NULL;
	struct upload up;
	CURLcode res = CURLE_OUT_OF_MEMORY;
	CURL *h = curl_easy_init();

	if (!h)
		goto done;
	build_message(m, it, &msg);
	buf_printf(&addr, "<%s>", it->to);
	rcpt = curl_slist_append(NULL, addr.p);
	buf_clear(&addr);
	buf_printf(&addr, "<%s>", m->from);
	up.p = msg.p;
	up.left = msg.len;
	curl_easy_setopt(h, CURLOPT_URL, m->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, addr.p);
	if (m->user)
		curl_easy_setopt(h, CURLOPT_USERNAME, m->user);
	if (m->password)
		curl_easy_setopt(h, CURLOPT_PASSWORD, m->password);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &up);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg.len);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_S);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)m->timeout_s);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, progress_cb);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, m);
	res = curl_easy_perform(h);
done:
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	buf_free(&msg);
	buf_free(&addr);
	return res;
}

/* Send every due mail; returns when none is due or at shutdown. */
static void send_due(struct mail_queue *m)
{
	struct arena *a = arena_new();

	while (!__atomic_load_n(&m->stop, __ATOMIC_RELAXED)) {
		struct mail_item it;
		int64_t now = (int64_t)time(NULL), next_at = 0, delay;
		struct timespec t0, t1;
		uint64_t took_us;
		CURLcode res;
		int rc;

		arena_reset(a);
		/* Claimed for the longest a delivery may take, so other
		 * senders (other nodes) leave it alone meanwhile. */
		rc = store_mail_claim(m->st, a, now,
		                      (int64_t)CONNECT_S + m->timeout_s + 60,
		                      &it);
		if (rc == STORE_NOTFOUND)
			break;
		if (rc) {
			log_error("mail queue read failed", "err=%s",
			          store_errmsg());
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		res = deliver(m, &it);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (res == CURLE_ABORTED_BY_CALLBACK) {
			/* shutdown: the mail is due again at once */
			if (store_mail_release(m->st, it.id, now))
				log_error("mail queue release failed", "err=%s",
				          store_errmsg());
			break;
		}
		took_us = (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000u +
		          (uint64_t)(t1.tv_nsec / 1000) -
		          (uint64_t)(t0.tv_nsec / 1000);
		metric_hist_observe(res == CURLE_OK ? &m->took_sent
		                                    : &m->took_failed,
		                    took_us);
		if (res != CURLE_OK)
			__atomic_add_fetch(&m->failed, 1, __ATOMIC_RELAXED);
		if (res == CURLE_OK) {
			rc = store_mail_sent(m->st, it.id);
			__atomic_add_fetch(&m->sent, 1, __ATOMIC_RELAXED);
			log_info("mail sent", "id=%lld attempt=%d",
			         (long long)it.id, it.attempts + 1);
		} else {
			if (it.attempts + 1 < LIMIT_MAIL_ATTEMPTS) {
				delay = m->retry_s;
				for (int i = 0;
				     i < it.attempts && delay < MAX_DELAY_S;
				     i++)
					delay *= 2;
				if (delay > MAX_DELAY_S)
					delay = MAX_DELAY_S;
				next_at = now + delay;
				__atomic_add_fetch(&m->retried, 1,
				                   __ATOMIC_RELAXED);
			} else {
				__atomic_add_fetch(&m->given_up, 1,
				                   __ATOMIC_RELAXED);
			}
			rc = store_mail_failed(m->st, it.id, next_at,
			                       curl_easy_strerror(res));
			log_warn("mail failed",
			         "id=%lld attempt=%d err=\"%s\" retry_at=%lld",
			         (long long)it.id, it.attempts + 1,
			         curl_easy_strerror(res), (long long)next_at);
		}
		if (rc) {
			log_error("mail queue write failed", "id=%lld err=%s",
			          (long long)it.id, store_errmsg());
			break;
		}
	}
	arena_free(a);
}

static void *worker(void *arg)
{
	struct mail_queue *m = arg;

	pthread_mutex_lock(&m->lock);
	while (!m->stop) {
		int64_t due = 0, now, until;
		struct timespec ts;

		m->kicked = 0;
		pthread_mutex_unlock(&m->lock);
		send_due(m);
		if (store_mail_next_due(m->st, &due) != STORE_OK)
			due = 0;
		now = (int64_t)time(NULL);
		until = now + POLL_S;
		if (due && due < until)
			until = due > now ? due : now + 1;
		ts.tv_sec = (time_t)until;
		ts.tv_nsec = 0;
		pthread_mutex_lock(&m->lock);
		while (!m->stop && !m->kicked &&
		       pthread_cond_timedwait(&m->cond, &m->lock, &ts) == 0)
			;
	}
	pthread_mutex_unlock(&m->lock);
	store_thread_release(m->st);
	return NULL;
}

/* ---- the queue ---- */

int mail_queue_new(struct store *st, const struct mail_config *cfg,
                   struct mail_queue **out)
{
	struct mail_queue *m;

	*out = NULL;
	if (!cfg->smtp_url || !*cfg->smtp_url)
		return 0;
	if (!address_ok(cfg->from, 0)) {
		log_error("mail off", "%s", "reason=\"invalid --mail-from\"");
		return -1;
	}
	/* Called from the main thread before any worker runs. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	m = xcalloc(1, sizeof(*m));
	m->st = st;
	m->url = xstrdup(cfg->smtp_url);
	if (cfg->user && *cfg->user)
		m->user = xstrdup(cfg->user);
	if (cfg->password && *cfg->password)
		m->password = xstrdup(cfg->password);
	m->from = xstrdup(cfg->from);
	m->domain = xstrdup(strchr(cfg->from, '@') + 1);
	m->retry_s = cfg->retry_seconds > 0 ? cfg->retry_seconds : 60;
	m->timeout_s = cfg->timeout_s ? cfg->timeout_s : 60;
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->cond, NULL);
	metric_hist_init(&m->took_sent, metric_bounds_slow_us,
	                 ARRAY_SIZE(metric_bounds_slow_us));
	metric_hist_init(&m->took_failed, metric_bounds_slow_us,
	                 ARRAY_SIZE(metric_bounds_slow_us));
	*out = m;
	return 0;
}

int mail_queue_start(struct mail_queue *m)
{
	if (m->started)
		return 0;
	if (pthread_create(&m->thread, NULL, worker, m) != 0)
		return -1;
	m->started = 1;
	return 0;
}

void mail_queue_free(struct mail_queue *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	__atomic_store_n(&m->stop, 1, __ATOMIC_RELAXED);
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
	if (m->started)
		pthread_join(m->thread, NULL);
	pthread_cond_destroy(&m->cond);
	pthread_mutex_destroy(&m->lock);
	free(m->url);
	free(m->user);
	if (m->password)
		explicit_bzero(m->password, strlen(m->password));
	free(m->password);
	free(m->from);
	free(m->domain);
	free(m);
	curl_global_cleanup();
}

void mail_kick(struct mail_queue *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	m->kicked = 1;
	pthread_cond_signal(&m->cond);
	pthread_mutex_unlock(&m->lock);
}

int mail_enqueue(struct mail_queue *m, const char *to, const char *subject,
                 const char *body)
{
	int64_t id;
	int rc;

	if (!m)
		return 0;
	if (!mail_address_ok(to))
		return store_set_error(STORE_INVALID, "not a mail address");
	rc = store_mail_enqueue(m->st, to, subject, body, &id);
	if (rc == STORE_OK) {
		log_info("mail queued", "id=%lld", (long long)id);
		mail_kick(m);
	}
	return rc;
}

void mail_queue_stats(struct mail_queue *m, struct mail_stats *out)
{
	out->sent = __atomic_load_n(&m->sent, __ATOMIC_RELAXED);
	out->retried = __atomic_load_n(&m->retried, __ATOMIC_RELAXED);
	out->given_up = __atomic_load_n(&m->given_up, __ATOMIC_RELAXED);
	out->failed = __atomic_load_n(&m->failed, __ATOMIC_RELAXED);
}

void mail_metrics_write(struct buf *out, struct mail_queue *m)
{
	struct mail_stats ms;

	mail_queue_stats(m, &ms);
	metric_head(out, "askdoc_mail_sent_total", "counter",
	            "Notification mails sent.");
	buf_printf(out, "askdoc_mail_sent_total %llu\n",
	           (unsigned long long)ms.sent);
	metric_head(out, "askdoc_mail_failed_total", "counter",
	            "Delivery attempts that failed (retried or given up).");
	buf_printf(out, "askdoc_mail_failed_total %llu\n",
	           (unsigned long long)ms.failed);
	metric_head(out, "askdoc_mail_retries_total", "counter",
	            "Failed attempts retried.");
	buf_printf(out, "askdoc_mail_retries_total %llu\n",
	           (unsigned long long)ms.retried);
	metric_head(out, "askdoc_mail_given_up_total", "counter",
	            "Mails given up.");
	buf_printf(out, "askdoc_mail_given_up_total %llu\n",
	           (unsigned long long)ms.given_up);
	metric_head(out, "askdoc_mail_delivery_seconds", "histogram",
	            "Time of one SMTP delivery attempt, by result.");
	metric_hist_write(out, "askdoc_mail_delivery_seconds",
	                  "result=\"sent\"", &m->took_sent, 0);
	metric_hist_write(out, "askdoc_mail_delivery_seconds",
	                  "result=\"failed\"", &m->took_failed, 0);
}
