/* services/jobs.c: periodic housekeeping under store_job_run (see
 * services/jobs.h).
 */
#include "services/jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "util/log.h"
#include "util/util.h"

struct jobs {
	struct store *st;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int stop; /* under lock */
};

struct purge {
	int64_t now, throttles, sessions;
};

static int purge(struct store *st, void *ctx)
{
	struct purge *p = ctx;
	int rc;

	if ((rc = store_throttle_purge(st, p->now, &p->throttles)))
		return rc;
	return store_session_purge(st, p->now, &p->sessions);
}

int jobs_purge(struct store *st, int64_t now, int *ran)
{
	struct purge p = {now, 0, 0};
	int rc = store_job_run(st, "purge", purge, &p, ran);

	if (rc)
		log_warn("job failed", "job=purge err=\"%s\"", store_errmsg());
	else if (*ran && (p.throttles || p.sessions))
		log_info("job done", "job=purge throttles=%lld sessions=%lld",
		         (long long)p.throttles, (long long)p.sessions);
	return rc;
}

static void *run(void *arg)
{
	struct jobs *j = arg;

	pthread_mutex_lock(&j->lock);
	while (!j->stop) {
		struct timespec ts;
		int ran;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += JOBS_SECONDS;
		pthread_cond_timedwait(&j->cond, &j->lock, &ts);
		if (j->stop)
			break;
		pthread_mutex_unlock(&j->lock);
		jobs_purge(j->st, (int64_t)time(NULL), &ran);
		pthread_mutex_lock(&j->lock);
	}
	pthread_mutex_unlock(&j->lock);
	store_thread_release(j->st);
	return NULL;
}

struct jobs *jobs_start(struct store *st)
{
	struct jobs *j = xcalloc(1, sizeof(*j));

	j->st = st;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->cond, NULL);
	if (pthread_create(&j->thread, NULL, run, j) != 0) {
		log_error("cannot start the jobs thread", "%s", "jobs=off");
		pthread_mutex_destroy(&j->lock);
		pthread_cond_destroy(&j->cond);
		free(j);
		return NULL;
	}
	return j;
}

void jobs_stop(struct jobs *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stop = 1;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
	pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->cond);
	free(j);
}
