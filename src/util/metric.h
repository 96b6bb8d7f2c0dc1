/* util/metric.h: lock-free counters' companion, the latency histogram, and
 * the Prometheus text format (0.0.4) writers for both.
 *
 * A histogram has fixed upper bounds (microseconds, ascending, at most
 * METRIC_MAX_BUCKETS) and one atomic count per bucket plus +Inf, stored
 * non-cumulatively so an observation is two relaxed atomic adds and no
 * lock; the writer makes the counts cumulative. Many threads may observe
 * and write at once: a scrape may then see a count a moment before its
 * sum, which Prometheus tolerates.
 */
#ifndef ASKDOC_METRIC_H
#define ASKDOC_METRIC_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

#define METRIC_MAX_BUCKETS 20

struct metric_hist {
	const uint64_t *bounds_us; /* upper bounds, ascending; not owned */
	size_t n_bounds;           /* at most METRIC_MAX_BUCKETS */
	atomic_ullong counts[METRIC_MAX_BUCKETS + 1]; /* last: +Inf */
	atomic_ullong sum_us;
};

/* Bounds for request-like latencies: 100 us to 5 s. */
extern const uint64_t metric_bounds_fast_us[14];
/* Bounds for network round trips such as a mail delivery: 10 ms to 60 s. */
extern const uint64_t metric_bounds_slow_us[12];

/* A static initializer for a histogram over the array bounds. */
#define METRIC_HIST_INIT(bounds)                                               \
	{                                                                      \
		.bounds_us = (bounds),                                         \
		.n_bounds = sizeof(bounds) / sizeof((bounds)[0]),              \
	}

/* Reset h to empty over bounds (n at most METRIC_MAX_BUCKETS). */
void metric_hist_init(struct metric_hist *h, const uint64_t *bounds_us,
                      size_t n);
/* Count one observation of us microseconds. */
void metric_hist_observe(struct metric_hist *h, uint64_t us);
/* Observations so far. */
uint64_t metric_hist_count(const struct metric_hist *h);

/* Append "# HELP name help" and "# TYPE name type" lines. */
void metric_head(struct buf *b, const char *name, const char *type,
                 const char *help);
/* Append the series of h: name_bucket{labels,le="..."} lines (cumulative,
 * ending with +Inf), name_sum (seconds) and name_count. labels is the
 * inside of the braces ("route=\"/\"", already escaped) or NULL/"" for
 * none. Nothing is written for a histogram without observations when
 * skip_empty is set. */
void metric_hist_write(struct buf *b, const char *name, const char *labels,
                       const struct metric_hist *h, int skip_empty);
/* Append s escaped as a label value (\\, \" and \n), without quotes. */
void metric_label(struct buf *b, const char *s);

#endif
