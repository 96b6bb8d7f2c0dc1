/* web/views.h: view counts, batched in memory (web/views.c). */
#ifndef ASKDOC_WEB_VIEWS_H
#define ASKDOC_WEB_VIEWS_H

#include <stdint.h>

struct store;
struct web_views;

/* View counts, batched in memory and written every few seconds, so a page
 * view costs no database write. */
struct web_views *web_views_new(struct store *st);
/* Count one view of Q&A id, unless visitor (NULL: always counts; else
 * a string naming the reader without a cookie, such as address and user
 * agent) has viewed id already today. Returns the views of id this
 * process counted since it started (written or not); *pending (may be
 * NULL) gets those not written yet. A page shows the stored count plus
 * *pending; a cached page keeps stored + pending - returned, and adds
 * what a later call returns, so writing the counts out changes nothing
 * it shows. */
int64_t web_views_add(struct web_views *v, int64_t id, const char *visitor,
                      int64_t *pending);
/* Flush, stop the writer thread and free. NULL is allowed. */
void web_views_free(struct web_views *v);

#endif
