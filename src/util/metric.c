/* util/metric.c: latency histograms and Prometheus text output.
 *
 * Observations go to the first bucket whose bound is at least the value
 * (Prometheus' "le"); the +Inf bucket takes the rest. Bounds are printed
 * in seconds with %g, which is exact for our decimal bounds.
 */
#include "util/metric.h"

#include <string.h>

#include "util/buf.h"

const uint64_t metric_bounds_fast_us[14] = {
        100,   250,   500,    1000,   2500,   5000,    10000,
        25000, 50000, 100000, 250000, 500000, 1000000, 5000000,
};

const uint64_t metric_bounds_slow_us[12] = {
        10000,   25000,   50000,   100000,   250000,   500000,
        1000000, 2500000, 5000000, 10000000, 30000000, 60000000,
};

void metric_hist_init(struct metric_hist *h, const uint64_t *bounds_us,
                      size_t n)
{
	memset(h, 0, sizeof(*h));
	h->bounds_us = bounds_us;
	h->n_bounds = n < METRIC_MAX_BUCKETS ? n : METRIC_MAX_BUCKETS;
}

void metric_hist_observe(struct metric_hist *h, uint64_t us)
{
	size_t b = 0;

	while (b < h->n_bounds && us > h->bounds_us[b])
		b++;
	atomic_fetch_add_explicit(&h->counts[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->sum_us, us, memory_order_relaxed);
}

uint64_t metric_hist_count(const struct metric_hist *h)
{
	uint64_t n = 0;

	for (size_t k = 0; k <= h->n_bounds; k++)
		n += atomic_load_explicit(&h->counts[k], memory_order_relaxed);
	return n;
}

void metric_head(struct buf *b, const char *name, const char *type,
                 const char *help)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void metric_label(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			buf_puts(b, "\\n");
			continue;
		}
		if (*s == '\\' || *s == '"')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

void metric_hist_write(struct buf *b, const char *name, const char *labels,
                       const struct metric_hist *h, int skip_empty)
{
	unsigned long long counts[METRIC_MAX_BUCKETS + 1], cum = 0;
	const char *sep = labels && *labels ? "," : "";

	labels = labels ? labels : "";
	for (size_t k = 0; k <= h->n_bounds; k++)
		counts[k] = atomic_load_explicit(&h->counts[k],
		                                 memory_order_relaxed);
	for (size_t k = 0; k <= h->n_bounds; k++)
		cum += counts[k];
	if (!cum && skip_empty)
		return;
	cum = 0;
	for (size_t k = 0; k <= h->n_bounds; k++) {
		cum += counts[k];
		if (k < h->n_bounds)
			buf_printf(b, "%s_bucket{%s%sle=\"%g\"} %llu\n", name,
			           labels, sep, (double)h->bounds_us[k] / 1e6,
			           cum);
		else
			buf_printf(b, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name,
			           labels, sep, cum);
	}
	buf_printf(
	        b, "%s_sum%s%s%s %.6f\n", name, *labels ? "{" : "", labels,
	        *labels ? "}" : "",
	        (double)atomic_load_explicit(&h->sum_us, memory_order_relaxed) /
	                1e6);
	buf_printf(b, "%s_count%s%s%s %llu\n", name, *labels ? "{" : "", labels,
	           *labels ? "}" : "", cum);
}
