/* cli/cmd_serve.c: `askdoc serve`: open the store, set up the pages and
 * run the HTTP server until SIGTERM or SIGINT. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "services/mail.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/log.h"
#include "web/auth.h"
#include "web/web.h"

static int health(void *arg)
{
	struct store_counts c;

	return store_counts(arg, &c) == STORE_OK ? 0 : -1;
}

/* Mail counters for /metrics (the queue outlives the server's workers). */
static void mail_metrics(struct buf *out, void *arg)
{
	struct mail_stats ms;

	mail_queue_stats(arg, &ms);
	buf_printf(out,
	           "# HELP askdoc_mail_sent_total Notification mails sent.\n"
	           "# TYPE askdoc_mail_sent_total counter\n"
	           "askdoc_mail_sent_total %llu\n"
	           "# HELP askdoc_mail_retries_total Failed attempts retried.\n"
	           "# TYPE askdoc_mail_retries_total counter\n"
	           "askdoc_mail_retries_total %llu\n"
	           "# HELP askdoc_mail_given_up_total Mails given up.\n"
	           "# TYPE askdoc_mail_given_up_total counter\n"
	           "askdoc_mail_given_up_total %llu\n",
	           (unsigned long long)ms.sent, (unsigned long long)ms.retried,
	           (unsigned long long)ms.given_up);
}

static int set_log_level(struct cli_ctx *ctx)
{
	static const char *names[] = {"debug", "info", "warn", "error"};

	for (int i = 0; i < 4; i++) {
		if (!strcmp(ctx->cfg->log_level, names[i])) {
			log_set_level((enum log_level)i);
			return 0;
		}
	}
	return cli_error(ctx, EXIT_USAGE,
	                 "--log-level must be debug, info, warn or error");
}

int cmd_serve(struct cli_ctx *ctx)
{
	struct config *cfg = ctx->cfg;
	struct store *st = NULL;
	struct http_server *srv = NULL;
	struct http_config hc;
	struct web w;
	char *err = NULL;
	int rc, web_ready = 0, ret = EXIT_FAIL;

	if (ctx->argc > 0)
		return cli_error(ctx, EXIT_USAGE, "unexpected argument '%s'",
		                 ctx->argv[0]);
	if ((rc = set_log_level(ctx)))
		return rc;
	rc = store_open(cfg->db, STORE_OPEN_CREATE, &st);
	if (rc != STORE_OK) {
		cli_error(ctx, EXIT_FAIL, "cannot open database %s: %s",
		          cfg->db,
		          store_errmsg()[0] ? store_errmsg()
		                            : store_strerror(rc));
		goto done;
	}
	if (web_init(&w, cfg, st, &err) < 0) {
		cli_error(ctx, EXIT_FAIL, "%s", err);
		goto done;
	}
	web_ready = 1;
	{
		struct mail_config mc = {.smtp_url = cfg->smtp_url,
		                         .from = cfg->mail_from,
		                         .retry_seconds = cfg->mail_retry};
		if (mail_queue_new(st, &mc, &w.mail) < 0) {
			cli_error(ctx, EXIT_FAIL,
			          "cannot set up mail (check --mail-from)");
			goto done;
		}
		if (w.mail)
			http_metrics_register(mail_metrics, w.mail);
	}
	memset(&hc, 0, sizeof(hc));
	hc.listen = cfg->listen;
	hc.threads = cfg->threads;
	hc.routes = web_routes;
	hc.n_routes = web_n_routes;
	hc.app = &w;
	hc.static_dir = cfg->static_dir;
	hc.access_log = cfg->access_log;
	hc.https = !strncmp(cfg->public_url, "https://", 8);
	srv = http_server_new(&hc);
	if (!srv) {
		cli_error(ctx, EXIT_FAIL,
		          "cannot set up the server (see the log)");
		goto done;
	}
	http_server_set_error_renderer(srv, web_error_page);
	http_server_set_before(srv, auth_before);
	http_server_set_health_check(srv, health, st);
	if (http_server_start(srv) < 0) {
		cli_error(ctx, EXIT_FAIL, "cannot listen on %s", cfg->listen);
		goto done;
	}
	if (w.mail && mail_queue_start(w.mail) < 0) {
		cli_error(ctx, EXIT_FAIL, "cannot start the mail queue");
		goto done;
	}
	log_info("serving", "listen=%s port=%d db=%s", cfg->listen,
	         http_server_port(srv), cfg->db);
	if (http_server_run_until_signal(srv) < 0)
		goto done;
	log_info("stopped", "%s", "reason=signal");
	ret = EXIT_OK;
done:
	http_server_free(srv);
	if (web_ready) {
		mail_queue_free(w.mail); /* after the last request */
		w.mail = NULL;
	}
	if (web_ready)
		web_free(&w);
	store_close(st);
	free(err);
	return ret;
}
