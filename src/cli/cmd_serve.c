/* cli/cmd_serve.c: `askdoc serve`: open the store (which must exist unless
 * --create is given), set up the pages and run the HTTP server until
 * SIGTERM or SIGINT.
 *
 * SIGHUP reloads: the settings are loaded again (flags, environment,
 * configuration file), the templates and message catalog read again into
 * a new struct web that new requests get (http_server_set_app), while
 * requests already running finish on the old one; nothing is closed. The
 * old ones are freed when the server has stopped. Settings the running
 * server cannot change (addresses, database, threads, limits, mail) keep
 * their value and are logged as needing a restart. Under systemd
 * (NOTIFY_SOCKET) readiness, reloads and stopping are reported with the
 * notify protocol (util/notify.h). */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/http.h"
#include "services/mail.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/notify.h"
#include "util/util.h"
#include "util/password.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/locale.h"
#include "web/unavailable.h"
#include "web/web.h"

/* Mail counters for /metrics (the queue outlives the server's workers). */
static void mail_metrics(struct buf *out, void *arg)
{
	mail_metrics_write(out, arg);
}

/* Gauges read from the store at scrape time: the doctors' queue and the
 * outgoing mail. */
static void store_metrics(struct buf *out, void *arg)
{
	int64_t waiting, urgent, pending, sent, failed, oldest;

	if (store_queue_count(arg, &waiting, &urgent) == STORE_OK)
		buf_printf(
		        out,
		        "# HELP askdoc_doctor_queue_length Questions waiting "
		        "for a doctor.\n"
		        "# TYPE askdoc_doctor_queue_length gauge\n"
		        "askdoc_doctor_queue_length %lld\n"
		        "# HELP askdoc_doctor_queue_urgent Waiting questions "
		        "with red flags.\n"
		        "# TYPE askdoc_doctor_queue_urgent gauge\n"
		        "askdoc_doctor_queue_urgent %lld\n",
		        (long long)waiting, (long long)urgent);
	if (store_queue_oldest(arg, &oldest) == STORE_OK)
		buf_printf(out,
		           "# HELP askdoc_doctor_queue_oldest_seconds How long "
		           "the longest-waiting question has waited.\n"
		           "# TYPE askdoc_doctor_queue_oldest_seconds gauge\n"
		           "askdoc_doctor_queue_oldest_seconds %lld\n",
		           (long long)oldest);
	/* the scrape's thread waits no longer than a page's write */
	store_busy_timeout(arg, WEB_WRITE_WAIT_MS);
	buf_printf(out,
	           "# HELP askdoc_database_writable 1 when the database "
	           "took a (rolled back) write at this scrape and its disk "
	           "has room, else 0.\n"
	           "# TYPE askdoc_database_writable gauge\n"
	           "askdoc_database_writable %d\n",
	           store_writable(arg) == STORE_OK);
	if (store_mail_counts(arg, &pending, &sent, &failed) == STORE_OK)
		buf_printf(out,
		           "# HELP askdoc_mail_queue_pending Mails waiting to "
		           "be sent.\n"
		           "# TYPE askdoc_mail_queue_pending gauge\n"
		           "askdoc_mail_queue_pending %lld\n",
		           (long long)pending);
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

static int set_log_format(struct cli_ctx *ctx)
{
	enum log_format f;

	if (log_format_parse(ctx->cfg->log_format, &f) < 0)
		return cli_error(ctx, EXIT_USAGE,
		                 "--log-format must be text or json");
	log_set_format(f);
	return 0;
}

/* What a reload needs, and what reloads made (freed after the server). */
struct serve {
	struct cli_ctx *ctx;
	struct http_server *srv;
	struct web *base;      /* web_init's */
	struct web *cur;       /* what new requests get */
	struct config *cfg;    /* cur's settings */
	struct web **old_webs; /* replaced reloads */
	struct config **cfgs;  /* every reloaded config */
	size_t n_old, n_cfgs;
};

/* Settings a reload applies; the others need a restart. */
static const char *const reloadable[] = {
        "templates",   "site-name",   "emergency-numbers", "llm-url",
        "llm-model",   "llm-timeout", "log-level",         "log-format",
        "qa-comments", NULL};

static void changed_setting(const char *name, int kept)
{
	if (kept)
		log_warn("reload kept setting", "name=%s reason=%s", name,
		         "\"takes effect at restart\"");
	else
		log_info("reload changed setting", "name=%s", name);
}

static void on_ready(void *arg)
{
	(void)arg;
	if (notify_send("READY=1\nSTATUS=serving") < 0)
		log_warn("notify failed", "err=%d", errno);
}

static void on_reload(void *arg)
{
	struct serve *sv = arg;
	struct config *nc = xcalloc(1, sizeof(*nc));
	struct web *nw = NULL;
	char err[600], *werr = NULL;
	int rc;

	notify_reloading();
	rc = cli_config_reload(sv->ctx, nc, err, sizeof(err));
	if (rc != EXIT_OK) {
		log_error("reload failed", "reason=\"%s\"", err);
		cli_config_free(nc);
		free(nc);
		goto done;
	}
	cli_config_keep(nc, sv->cfg, reloadable, changed_setting);
	if (web_reload(sv->cur, nc, &nw, &werr) < 0) {
		log_error("reload failed", "reason=\"%s\"", werr);
		free(werr);
		cli_config_free(nc);
		free(nc);
		goto done;
	}
	{
		static const char *levels[] = {"debug", "info", "warn",
		                               "error"};
		enum log_format f;

		for (int i = 0; i < 4; i++)
			if (!strcmp(nc->log_level, levels[i]))
				log_set_level((enum log_level)i);
		if (log_format_parse(nc->log_format, &f) == 0)
			log_set_format(f);
	}
	sv->cfgs = xrealloc(sv->cfgs, sizeof(*sv->cfgs) * (sv->n_cfgs + 1));
	sv->cfgs[sv->n_cfgs++] = nc;
	if (sv->cur != sv->base) {
		sv->old_webs = xrealloc(sv->old_webs, sizeof(*sv->old_webs) *
		                                              (sv->n_old + 1));
		sv->old_webs[sv->n_old++] = sv->cur;
	}
	http_server_set_app(sv->srv, nw);
	sv->cur = nw;
	sv->cfg = nc;
	/* Pages rendered with the old templates go. */
	web_cache_invalidate_all(nw->cache);
	log_info("reloaded", "templates=%s config=%s",
	         nc->templates_dir ? "dir" : "built-in",
	         nc->config ? "file" : "none");
done:
	notify_send("READY=1\nSTATUS=serving");
}

static void serve_free(struct serve *sv)
{
	if (sv->cur != sv->base)
		web_free_reloaded(sv->cur);
	for (size_t i = 0; i < sv->n_old; i++)
		web_free_reloaded(sv->old_webs[i]);
	for (size_t i = 0; i < sv->n_cfgs; i++) {
		cli_config_free(sv->cfgs[i]);
		free(sv->cfgs[i]);
	}
	free(sv->old_webs);
	free(sv->cfgs);
}

int cmd_serve(struct cli_ctx *ctx)
{
	struct serve sv;
	struct config *cfg = ctx->cfg;
	struct store *st = NULL;
	struct http_server *srv = NULL, *msrv = NULL;
	struct http_config hc;
	struct web w;
	char *err = NULL;
	int rc, web_ready = 0, ret = EXIT_FAIL;

	memset(&sv, 0, sizeof(sv));
	/* Before any thread starts: a stop asked for during start-up is
	 * handled once the server is up, and cleanly. */
	http_signals_block();
	if (ctx->argc > 0)
		return cli_error(ctx, EXIT_USAGE, "unexpected argument '%s'",
		                 ctx->argv[0]);
	if ((rc = set_log_level(ctx)) || (rc = set_log_format(ctx)))
		return rc;
	if (cfg->db_password && *cfg->db_password)
		log_warn("db-password unused", "%s",
		         "reason=\"the database is a SQLite file\"");
	/* A typo in --db must not serve an empty site: creating a database
	 * is asked for (init, or --create). */
	rc = store_open(cfg->db, cfg->create ? STORE_OPEN_CREATE : 0, &st);
	if (rc == STORE_NOTFOUND) {
		cli_error(ctx, EXIT_FAIL,
		          "no database at %s (create one with `askdoc init "
		          "--db %s`, or serve --create)",
		          cfg->db, cfg->db);
		goto done;
	}
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
		                         .retry_seconds = cfg->mail_retry,
		                         .user = cfg->smtp_user,
		                         .password = cfg->smtp_password};
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
	{
		/* Password hashing may use every worker thread but one, so
		 * a flood of registrations or logins never holds GET / and
		 * /healthz behind argon2 (util/password.h). */
		long threads = cfg->threads ? cfg->threads
		                            : sysconf(_SC_NPROCESSORS_ONLN);
		long slots = cfg->hash_slots ? cfg->hash_slots : threads - 1;
		password_set_slots(slots > 0 ? (int)slots : 1);
	}
	hc.routes = web_routes;
	hc.n_routes = web_n_routes;
	hc.app = &w;
	hc.static_dir = cfg->static_dir;
	hc.access_log = cfg->access_log;
	hc.https = !strncmp(cfg->public_url, "https://", 8);
	hc.max_conns = (unsigned)cfg->max_conns;
	hc.max_conns_per_addr =
	        cfg->max_conns_per_addr ? (int)cfg->max_conns_per_addr : -1;
	hc.trusted_proxy = cfg->trusted_proxy;
	/* /metrics tells the queue's length and more: never public. */
	hc.metrics_token = cfg->metrics_token;
	hc.metrics_hidden = cfg->metrics_listen || !cfg->metrics_token ||
	                    !*cfg->metrics_token;
	hc.idle_timeout_s = (unsigned)cfg->idle_timeout;
	hc.header_timeout_s = (unsigned)cfg->header_timeout;
	hc.body_timeout_s = (unsigned)cfg->body_timeout;
	hc.body_min_rate = cfg->body_min_rate ? cfg->body_min_rate : -1;
	srv = http_server_new(&hc);
	if (!srv) {
		cli_error(ctx, EXIT_FAIL,
		          "cannot set up the server (see the log; is "
		          "--trusted-proxy an IP address?)");
		goto done;
	}
	http_server_set_error_renderer(srv, web_error_page);
	http_server_set_strerror(srv, web_strerror);
	http_server_set_before(srv, web_before);
	http_server_set_failure_handler(srv, web_failure);
	http_server_set_statement_counter(srv, store_statements);
	http_server_set_health_check(srv, web_health, st);
	http_metrics_register(store_metrics, st);
	if (http_server_start(srv) < 0) {
		cli_error(ctx, EXIT_FAIL, "cannot listen on %s", cfg->listen);
		goto done;
	}
	if (cfg->metrics_listen) {
		struct http_config mc = {.listen = cfg->metrics_listen,
		                         .threads = 1,
		                         .metrics_token = cfg->metrics_token,
		                         .metrics_of = srv};
		if (!(msrv = http_server_new(&mc)) ||
		    http_server_start(msrv) < 0) {
			cli_error(ctx, EXIT_FAIL, "cannot listen on %s",
			          cfg->metrics_listen);
			goto done;
		}
	}
	if (w.mail && mail_queue_start(w.mail) < 0) {
		cli_error(ctx, EXIT_FAIL, "cannot start the mail queue");
		goto done;
	}
	log_info("serving", "listen=%s port=%d db=%s", cfg->listen,
	         http_server_port(srv), cfg->db);
	sv.ctx = ctx;
	sv.srv = srv;
	sv.base = sv.cur = &w;
	sv.cfg = cfg;
	http_server_set_signal_hooks(srv, on_ready, on_reload, &sv);
	if (http_server_run_until_signal(srv) < 0)
		goto done;
	notify_send("STOPPING=1");
	log_info("stopped", "%s", "reason=signal");
	ret = EXIT_OK;
done:
	http_server_free(msrv);
	http_server_free(srv);
	if (sv.ctx)
		serve_free(&sv); /* after the last request */
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
