/* services/mail.h: notification mail through a background queue.
 *
 * Pages never talk to an SMTP server: they queue a mail (a row in the
 * store's mail_queue table, written in the page's own transaction when it
 * has one) and wake the worker. One worker thread per server sends due
 * mails with libcurl to --smtp-url, retries failures with doubling delays
 * and gives up after LIMIT_MAIL_ATTEMPTS. Because the queue is in the
 * database, a restart loses nothing, and a slow or dead mail server only
 * delays mail, never a request. The log names mails by id and status
 * only: never an address or any text of the mail.
 *
 * Without an SMTP URL there is no queue at all (mail_queue_new gives
 * NULL), and callers skip notifications: the private status link shown
 * after asking is then the channel.
 */
#ifndef ASKDOC_SERVICES_MAIL_H
#define ASKDOC_SERVICES_MAIL_H

#include <stdint.h>

struct buf;
struct store;
struct mail_queue;

struct mail_config {
	const char *smtp_url; /* smtp://host:port or smtps://...; NULL: off */
	const char *from;     /* envelope and header sender address */
	long retry_seconds;   /* delay before the first retry (doubles) */
	unsigned timeout_s;   /* per delivery attempt; 0: 60 */
	const char *user;     /* SMTP login (AUTH); NULL or "": none */
	const char *password; /* its password (copied) */
};

/* Counters since start, for /metrics. */
struct mail_stats {
	uint64_t sent, retried, given_up;
	uint64_t failed; /* failed attempts, retried or not */
};

/* Make a queue over st for cfg in *out (the caller frees it with
 * mail_queue_free). With no smtp_url, *out is NULL and 0 is returned:
 * mail is off. Returns -1 when libcurl cannot start or from is not a
 * valid address (a single-label domain such as localhost is allowed
 * here). Nothing is sent before mail_queue_start. */
int mail_queue_new(struct store *st, const struct mail_config *cfg,
                   struct mail_queue **out);
/* Start the worker thread; it first sends what an earlier run left.
 * Returns 0, or -1 if the thread cannot be made. */
int mail_queue_start(struct mail_queue *m);
/* Stop the worker (a delivery in progress is abandoned and stays
 * queued), join it and free m. NULL is allowed. */
void mail_queue_free(struct mail_queue *m);

/* Queue a plain-text mail to `to` (a valid address: see mail_address_ok)
 * and wake the worker. subject is one line (line breaks become spaces);
 * body is UTF-8 text with "\n" line ends. Writes through the calling
 * thread's store connection, so inside store_tx_begin/commit the mail is
 * queued only if the transaction commits (call mail_kick after the
 * commit). Returns 0 or a negative STORE_* code; STORE_INVALID for a bad
 * address. m NULL (mail off) returns 0 and queues nothing. */
int mail_enqueue(struct mail_queue *m, const char *to, const char *subject,
                 const char *body);
/* Wake the worker to look for due mail now. NULL is allowed. */
void mail_kick(struct mail_queue *m);
/* Copy the counters. */
void mail_queue_stats(struct mail_queue *m, struct mail_stats *out);
/* Append the queue's Prometheus series to out: sent, failed, retried and
 * given-up counters and the delivery-time histogram (by result). Safe on
 * any thread while the queue runs. */
void mail_metrics_write(struct buf *out, struct mail_queue *m);

/* 1 when s has the shape of an Internet mail address we will send to:
 * local@domain, at most LIMIT_EMAIL_BYTES, printable ASCII without
 * spaces, quotes, angle brackets or commas, a domain of dot-separated
 * labels with at least one dot. Else 0 (NULL gives 0). */
int mail_address_ok(const char *s);

#endif
