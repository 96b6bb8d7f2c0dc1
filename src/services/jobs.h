/* services/jobs.h: periodic housekeeping that one node runs at a time.
 *
 * A thread wakes every JOBS_SECONDS and runs each job through
 * store_job_run: on PostgreSQL a job another node is running is skipped
 * (an advisory lock), so several nodes share the work instead of
 * repeating it. The jobs: deleting the rate-limit windows that have
 * ended and the sessions that have expired.
 */
#ifndef ASKDOC_SERVICES_JOBS_H
#define ASKDOC_SERVICES_JOBS_H

#include <stdint.h>

#include "store/store.h"

#define JOBS_SECONDS 60

struct jobs;

/* Start the thread over st; NULL when it cannot start (logged). */
struct jobs *jobs_start(struct store *st);
/* Stop the thread (a running job finishes first) and free j; NULL is
 * allowed. */
void jobs_stop(struct jobs *j);
/* The housekeeping job once, now (for tests): *ran says whether this
 * connection ran it. */
int jobs_purge(struct store *st, int64_t now, int *ran);

#endif
