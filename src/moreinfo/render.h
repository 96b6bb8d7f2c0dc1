/* moreinfo/render.h: More Info as plain text, safe HTML and JSON, and the
 * edits a doctor makes to a draft.
 *
 * The JSON form is what the store keeps with a published Q&A and what the
 * reply editor sends back: {"text", "sentences": [{"text", "cites": [n],
 * "aspect"}], "sources": [{"external_id", "title", "name", "url", "link",
 * "kind", "id"}], "words", "machine_assisted"}. Citation numbers in it
 * ("cites", and the "[n]" markers of "text") count from 1, in the order of
 * "sources". moreinfo_from_json reads it back and checks it, so a page
 * never renders a citation to a source that is not listed.
 */
#ifndef ASKDOC_MOREINFO_RENDER_H
#define ASKDOC_MOREINFO_RENDER_H

#include <stddef.h>

#include "moreinfo/extract.h"

struct arena;
struct buf;

/* Append the text with its markers: "Sentence one. [1] Sentence two. [2]"
 * (sentences joined by one space; nothing for an empty More Info). */
void moreinfo_text(struct buf *b, const struct moreinfo *mi);

/* Append the text as moreinfo_text does, a blank line and the sources,
 * one a line: "[1] Title. Publisher. URL". */
void moreinfo_render_text(struct buf *b, const struct moreinfo *mi);

/* Append HTML: <div class="moreinfo"> with one <p> per aspect, each
 * sentence followed by <sup class="cite"><a href="#ID-n">[n]</a></sup>,
 * then <ol class="moreinfo-sources"> with <li id="ID-n"> per source (a
 * link to its page here and one to its publisher). id_prefix ("mi" when
 * NULL) keeps two blocks on one page apart. Every string is escaped; a
 * link that is neither site-relative ("/...") nor http(s) is left out.
 * A More Info without sentences but with sources (a reading list) is
 * <div class="moreinfo moreinfo-list"> with the list alone. Nothing is
 * appended for an empty More Info. */
void moreinfo_render_html(struct buf *b, const struct moreinfo *mi,
                          const char *id_prefix);

/* Append mi as one JSON object (no newline); invalid UTF-8 becomes
 * U+FFFD. */
void moreinfo_to_json(struct buf *b, const struct moreinfo *mi);

/* Parse the JSON form into *out (strings in a). Returns 0, or -EINVAL when
 * it is not that form: a sentence without text or citation, a citation
 * outside the sources, more than MOREINFO_MAX_CITES citations. Sources
 * that no sentence cites are dropped and the rest renumbered. */
int moreinfo_from_json(struct arena *a, const char *json, size_t len,
                       struct moreinfo *out);

/* Remove the sentences whose indexes are in drop (ndrop of them; indexes
 * out of range are ignored), drop the sources no longer cited and number
 * the rest again in order of first citation. mi's arrays are rewritten in
 * place; words is recounted. */
void moreinfo_remove(struct moreinfo *mi, const size_t *drop, size_t ndrop);

#endif
