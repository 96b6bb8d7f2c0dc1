/* tmpl/tmpl.c: compiling Mustache templates into node trees and rendering.
 *
 * A template is parsed once, when added to its set, into a tree of nodes
 * allocated in the set's arena: text runs, interpolations, sections,
 * partials, parents and blocks. Standalone lines (a section, comment,
 * partial, ... tag alone on its line) are resolved at compile time, so the
 * tree holds exactly the text to write. Rendering walks the tree with the
 * context stack, the indentation of enclosing standalone partials and the
 * chain of enclosing parents' block overrides all kept on the C stack; it
 * allocates nothing beyond the growth of the output buffer and never writes
 * to the set, which is why concurrent renders need no lock.
 *
 * Indentation: a standalone partial or parent prefixes its indentation to
 * every line of the included template (not to lines inside interpolated
 * values). Blocks are reindented as the spec's inheritance tests ask: the
 * content of a block whose opening tag ends its line is stored relative to
 * the indentation of its first line (its "intrinsic" indentation, stripped
 * at compile time), and the block position supplies the indentation to put
 * back. That is how an override written at any indentation lands at the
 * indentation of the block it replaces.
 *
 * Overrides: rendering a parent pushes the parent tag's blocks onto a chain;
 * a block position takes the outermost override of its name in the chain
 * (the most derived template wins), else its own default content.
 */
#include "tmpl/tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "limits.h"
#include "util/embed.h"
#include "util/util.h"

enum nkind {
	N_TEXT,
	N_VAR,      /* {{name}}: escaped */
	N_RAW,      /* {{{name}}} or {{& name}} */
	N_SECTION,  /* {{#name}} */
	N_INVERTED, /* {{^name}} */
	N_PARTIAL,  /* {{>name}} */
	N_PARENT,   /* {{<name}}: kids are its block overrides only */
	N_BLOCK,    /* {{$name}} */
};

#define NF_STANDALONE     1 /* the opening tag (or parent pair) owned its line */
#define NF_CLOSE_ALONE    2 /* the closing tag owned its line */
#define NF_INDENT_DEFAULT 4 /* block: reindent the default content too */

struct seg {
	const char *p;
	size_t len;
};

struct node {
	unsigned char kind;
	unsigned char flags;
	uint32_t hash;         /* partial, parent: hash of the name */
	unsigned line;         /* source line of the tag */
	const char *text;      /* N_TEXT: the text; else the name as written */
	size_t len;            /* bytes of text */
	const struct seg *seg; /* var, section: dotted path; none for "." */
	size_t nseg;
	const char *indent; /* partial, parent, block: indentation to add */
	size_t nindent;
	struct node *kids; /* section, block: content; parent: blocks */
	size_t nkids;
};

struct tmpl {
	const char *name; /* NUL-terminated */
	size_t nlen;
	uint32_t hash;
	const struct node *nodes;
	size_t n;
};

struct tmpl_set {
	struct arena *a;    /* sources, nodes, names */
	struct tmpl **slot; /* open addressing, cap is a power of two */
	size_t cap;
	size_t count;
};

static uint32_t name_hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

static const struct tmpl *set_find(const struct tmpl_set *set, const char *name,
                                   size_t n, uint32_t h)
{
	if (!set->cap)
		return NULL;
	for (size_t i = h & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		const struct tmpl *t = set->slot[i];
		if (!t)
			return NULL;
		if (t->hash == h && t->nlen == n &&
		    memcmp(t->name, name, n) == 0)
			return t;
	}
}

static void set_put(struct tmpl_set *set, struct tmpl *t)
{
	size_t i;

	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 32;
		struct tmpl **slot = xcalloc(cap, sizeof(*slot));
		for (size_t j = 0; j < set->cap; j++) {
			struct tmpl *o = set->slot[j];
			if (!o)
				continue;
			for (i = o->hash & (cap - 1); slot[i];
			     i = (i + 1) & (cap - 1))
				;
			slot[i] = o;
		}
		free(set->slot);
		set->slot = slot;
		set->cap = cap;
	}
	for (i = t->hash & (set->cap - 1); set->slot[i];
	     i = (i + 1) & (set->cap - 1)) {
		struct tmpl *o = set->slot[i];
		if (o->hash == t->hash && o->nlen == t->nlen &&
		    memcmp(o->name, t->name, t->nlen) == 0) {
			set->slot[i] = t; /* the old one stays in the arena */
			return;
		}
	}
	set->slot[i] = t;
	set->count++;
}

struct tmpl_set *tmpl_set_new(void)
{
	struct tmpl_set *set = xcalloc(1, sizeof(*set));

	set->a = arena_new();
	return set;
}

void tmpl_set_free(struct tmpl_set *set)
{
	if (!set)
		return;
	free(set->slot);
	arena_free(set->a);
	free(set);
}

int tmpl_set_has(const struct tmpl_set *set, const char *name)
{
	size_t n = strlen(name);

	return set_find(set, name, n, name_hash(name, n)) != NULL;
}

/* ---- the compiler ------------------------------------------------------ */

struct vec {
	struct node *v;
	size_t n, cap;
};

/* An open section, parent or block (or the template itself, at the bottom
 * of the stack) collecting its content. */
struct frame {
	struct vec nodes;
	struct node tag; /* the opening tag's node, kids still unset */
	int in_parent;   /* block directly inside a parent tag */
	int left_clear;  /* parent: only whitespace before the open tag */
	const char *ws;  /* parent: that whitespace */
	size_t nws;
};

struct parser {
	struct arena *a;
	const char *where; /* name for messages */
	const char *s;     /* the source, copied into the arena */
	size_t len;
	const char *otag, *ctag; /* current delimiters */
	size_t olen, clen;
	struct frame *fr; /* fr[0] is the template itself */
	size_t nfr, capfr;
	size_t lpos; /* line_of cache: lno is the line of byte lpos */
	unsigned lno;
	char *err;
};

static unsigned line_of(struct parser *p, size_t pos)
{
	if (pos < p->lpos) {
		p->lpos = 0;
		p->lno = 1;
	}
	for (; p->lpos < pos; p->lpos++)
		if (p->s[p->lpos] == '\n')
			p->lno++;
	return p->lno;
}

static int perr_line(struct parser *p, unsigned line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int perr(struct parser *p, size_t pos, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int vperr(struct parser *p, unsigned line, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	if (p->err)
		return TMPL_ESYNTAX;
	buf_printf(&b, "%s:%u: ", p->where, line);
	buf_vprintf(&b, fmt, ap);
	p->err = buf_detach(&b, NULL);
	return TMPL_ESYNTAX;
}

/* Record a syntax error at source line line; returns TMPL_ESYNTAX. */
static int perr_line(struct parser *p, unsigned line, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vperr(p, line, fmt, ap);
	va_end(ap);
	return rc;
}

/* Record a syntax error at byte pos; returns TMPL_ESYNTAX. */
static int perr(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vperr(p, line_of(p, pos), fmt, ap);
	va_end(ap);
	return rc;
}

static struct node *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	memset(&v->v[v->n], 0, sizeof(v->v[0]));
	return &v->v[v->n++];
}

static struct frame *top(struct parser *p)
{
	return &p->fr[p->nfr - 1];
}

static void add_text(struct parser *p, size_t from, size_t to)
{
	struct node *n;

	if (to <= from)
		return;
	n = vec_push(&top(p)->nodes);
	n->kind = N_TEXT;
	n->text = p->s + from;
	n->len = to - from;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Is there only blank space between the start of the line and pos? *ls is
 * where that space begins. */
static int left_clear(const struct parser *p, size_t pos, size_t *ls)
{
	size_t i = pos;

	while (i > 0 && is_blank(p->s[i - 1]))
		i--;
	*ls = i;
	return i == 0 || p->s[i - 1] == '\n';
}

/* Is there only blank space between pos and the end of the line? *eol is
 * just past the line end (or the end of the source). */
static int right_clear(const struct parser *p, size_t pos, size_t *eol)
{
	size_t i = pos;

	while (i < p->len && is_blank(p->s[i]))
		i++;
	if (i == p->len) {
		*eol = i;
		return 1;
	}
	if (p->s[i] == '\n') {
		*eol = i + 1;
		return 1;
	}
	if (p->s[i] == '\r' && i + 1 < p->len && p->s[i + 1] == '\n') {
		*eol = i + 2;
		return 1;
	}
	return 0;
}

static void trim(const char *s, size_t *from, size_t *to)
{
	while (*from < *to && is_space(s[*from]))
		(*from)++;
	while (*to > *from && is_space(s[*to - 1]))
		(*to)--;
}

/* Set n's name to s[from, to) (trimmed); dotted splits it into a path. */
static int parse_name(struct parser *p, size_t from, size_t to, size_t at,
                      struct node *n, int dotted)
{
	size_t nseg = 1, k = 0;
	struct seg *seg;

	trim(p->s, &from, &to);
	if (from == to)
		return perr(p, at, "empty tag name");
	for (size_t i = from; i < to; i++)
		if (is_space(p->s[i]))
			return perr(p, at, "space inside tag name '%.*s'",
			            (int)(to - from), p->s + from);
	n->text = p->s + from;
	n->len = to - from;
	n->line = line_of(p, at);
	if (!dotted) {
		n->hash = name_hash(n->text, n->len);
		return 0;
	}
	if (n->len == 1 && n->text[0] == '.')
		return 0; /* the implicit iterator: no path */
	for (size_t i = from; i < to; i++)
		nseg += p->s[i] == '.';
	seg = arena_alloc(p->a, nseg * sizeof(*seg));
	seg[0].p = p->s + from;
	for (size_t i = from; i <= to; i++) {
		if (i < to && p->s[i] != '.')
			continue;
		seg[k].len = (size_t)(p->s + i - seg[k].p);
		if (!seg[k].len)
			return perr(p, at, "bad dotted name '%.*s'",
			            (int)(to - from), p->s + from);
		if (++k < nseg)
			seg[k].p = p->s + i + 1;
	}
	n->seg = seg;
	n->nseg = nseg;
	return 0;
}

/* The indentation of the first line of content k[0..n), for blocks. */
static void first_indent(const struct node *k, size_t n, const char **ind,
                         size_t *nind)
{
	*ind = "";
	*nind = 0;
	if (!n)
		return;
	switch (k->kind) {
	case N_TEXT: {
		size_t i = 0;
		while (i < k->len && is_blank(k->text[i]))
			i++;
		*ind = k->text;
		*nind = i;
		return;
	}
	case N_SECTION:
	case N_INVERTED:
		if (k->flags & NF_STANDALONE)
			first_indent(k->kids, k->nkids, ind, nind);
		return;
	case N_PARTIAL:
	case N_PARENT:
	case N_BLOCK:
		if (k->flags & NF_STANDALONE) {
			*ind = k->indent;
			*nind = k->nindent;
		}
		return;
	default: return;
	}
}

/* How many leading bytes of s[0..n) match d[0..nd). */
static size_t common(const char *s, size_t n, const char *d, size_t nd)
{
	size_t i = 0;

	while (i < n && i < nd && s[i] == d[i])
		i++;
	return i;
}

/* Strip the indentation d from the start of every line of the content
 * k[0..n); *bol says whether the first node starts a line. Blocks whose
 * content is already relative (standalone opening tag) only have their
 * own indentation adjusted. */
static void dedent(struct parser *p, struct node *k, size_t n, const char *d,
                   size_t nd, int *bol)
{
	for (size_t i = 0; i < n; i++, k++) {
		if (k->kind == N_TEXT) {
			char *o = arena_alloc(p->a, k->len + 1);
			size_t on = 0;
			for (size_t j = 0; j < k->len;) {
				if (*bol) {
					j += common(k->text + j, k->len - j, d,
					            nd);
					*bol = 0;
					continue;
				}
				o[on] = k->text[j++];
				if (o[on++] == '\n')
					*bol = 1;
			}
			o[on] = '\0';
			k->text = o;
			k->len = on;
			continue;
		}
		if (k->nindent) {
			size_t c = common(k->indent, k->nindent, d, nd);
			k->indent += c;
			k->nindent -= c;
		}
		switch (k->kind) {
		case N_SECTION:
		case N_INVERTED:
		case N_PARENT:
			*bol = (k->flags & NF_STANDALONE) != 0;
			dedent(p, k->kids, k->nkids, d, nd, bol);
			break;
		case N_BLOCK:
			if (!(k->flags & NF_STANDALONE)) {
				*bol = 0;
				dedent(p, k->kids, k->nkids, d, nd, bol);
			}
			break;
		default: break;
		}
		if (k->kind == N_PARTIAL || k->kind == N_PARENT)
			*bol = (k->flags & NF_STANDALONE) != 0;
		else if (k->kind != N_VAR && k->kind != N_RAW)
			*bol = (k->flags & NF_CLOSE_ALONE) != 0;
		else
			*bol = 0;
	}
}

static const char *kind_word(int kind)
{
	switch (kind) {
	case N_PARENT: return "parent";
	case N_BLOCK: return "block";
	case N_INVERTED: return "inverted section";
	default: return "section";
	}
}

static void push_frame(struct parser *p, const struct node *tag)
{
	struct frame *f;

	if (p->nfr == p->capfr) {
		p->capfr = p->capfr ? p->capfr * 2 : 8;
		p->fr = xrealloc(p->fr, p->capfr * sizeof(*p->fr));
	}
	f = &p->fr[p->nfr++];
	memset(f, 0, sizeof(*f));
	f->tag = *tag;
}

/* Close the top frame: its content becomes the kids of its tag node, which
 * is appended to the frame below. */
static void pop_frame(struct parser *p, int close_alone)
{
	struct frame *f = top(p);
	struct node tag = f->tag, *n;
	size_t nk = 0;

	tag.kids = ARENA_ARRAY(p->a, struct node, f->nodes.n ? f->nodes.n : 1);
	for (size_t i = 0; i < f->nodes.n; i++) {
		/* A parent keeps only its blocks: text and other tags
		 * between them are ignored. */
		if (tag.kind == N_PARENT && f->nodes.v[i].kind != N_BLOCK)
			continue;
		tag.kids[nk++] = f->nodes.v[i];
	}
	tag.nkids = nk;
	if (close_alone)
		tag.flags |= NF_CLOSE_ALONE;
	if (tag.kind == N_BLOCK && (tag.flags & NF_STANDALONE)) {
		const char *d;
		size_t nd;
		int bol = 1;
		first_indent(tag.kids, tag.nkids, &d, &nd);
		dedent(p, tag.kids, tag.nkids, d, nd, &bol);
		if (tag.nkids) {
			tag.indent = d;
			tag.nindent = nd;
		}
		tag.flags |= NF_INDENT_DEFAULT;
	}
	free(f->nodes.v);
	p->nfr--;
	n = vec_push(&top(p)->nodes);
	*n = tag;
}

/* Parse a set-delimiter tag's content s[from, to). */
static int set_delims(struct parser *p, size_t from, size_t to, size_t at)
{
	size_t a, b;

	trim(p->s, &from, &to);
	if (to == from || p->s[to - 1] != '=')
		return perr(p, at, "bad delimiter tag");
	to--;
	trim(p->s, &from, &to);
	for (a = from; a < to && !is_space(p->s[a]); a++)
		;
	for (b = a; b < to && is_space(p->s[b]); b++)
		;
	if (a == from || b == to || b == a)
		return perr(p, at, "bad delimiter tag");
	for (size_t i = from; i < to; i++)
		if (p->s[i] == '=' || (i >= b && is_space(p->s[i])))
			return perr(p, at, "bad delimiter tag");
	p->otag = p->s + from;
	p->olen = a - from;
	p->ctag = p->s + b;
	p->clen = to - b;
	return 0;
}

/* Where a tag sits in the source: s[ts, te) is the whole tag, s[cs, ce) its
 * content; ls is where the blank space before it on its line begins (lc: only
 * blank space since the line start), eol the end of its line (rc: only blank
 * space after the tag). */
struct tagpos {
	size_t ts, cs, ce, te, ls, eol;
	int lc, rc;
};

/* Find the end of the tag that starts at ts; fill g and its *type: the
 * sigil, '{' for a triple mustache, 'v' for a plain variable. */
static int scan_tag(struct parser *p, size_t ts, struct tagpos *g, char *type)
{
	const char *e = NULL;

	g->ts = ts;
	g->cs = ts + p->olen;
	*type = g->cs < p->len ? p->s[g->cs] : '\0';
	if (*type == '{') {
		/* {{{name}}}: a brace comes before the closing delimiter. */
		for (size_t i = g->cs + 1; i + 1 + p->clen <= p->len; i++) {
			if (p->s[i] == '}' &&
			    memcmp(p->s + i + 1, p->ctag, p->clen) == 0) {
				e = p->s + i;
				break;
			}
		}
		if (!e)
			return perr(p, ts, "unclosed tag");
		g->ce = (size_t)(e - p->s);
		g->te = g->ce + 1 + p->clen;
	} else {
		/* The closing delimiter comes after the sigil: with
		 * {{=<% >=}} the tag "<%>p>" is the partial p, and must not
		 * close on its own sigil (found by fuzz/fuzz_tmpl.c). */
		size_t from = g->cs + (*type && strchr("#^/!=><$&", *type));

		e = memmem(p->s + from, p->len - from, p->ctag, p->clen);
		if (!e)
			return perr(p, ts, "unclosed tag");
		g->ce = (size_t)(e - p->s);
		g->te = g->ce + p->clen;
	}
	if (*type == '\0' || !strchr("#^/!=><$&{", *type))
		*type = 'v';
	g->lc = left_clear(p, ts, &g->ls);
	g->rc = right_clear(p, g->te, &g->eol);
	return 0;
}

/* Handle a closing tag: check it matches the open frame, decide whether it
 * owns its line, and close the frame. Moves *pos past what it consumed. */
static int close_tag(struct parser *p, const struct tagpos *g, size_t *pos)
{
	struct frame *f = top(p);
	size_t from = g->cs + 1, to = g->ce;
	int alone = g->lc && g->rc;

	trim(p->s, &from, &to);
	if (p->nfr == 1)
		return perr(p, g->ts,
		            "closing tag '%.*s' without an opening tag",
		            (int)(to - from), p->s + from);
	if (to - from != f->tag.len ||
	    memcmp(p->s + from, f->tag.text, f->tag.len) != 0)
		return perr(p, g->ts,
		            "closing tag '%.*s' does not match %s '%.*s' "
		            "opened at line %u",
		            (int)(to - from), p->s + from,
		            kind_word(f->tag.kind), (int)f->tag.len,
		            f->tag.text, f->tag.line);
	if (f->tag.kind == N_PARENT) {
		/* The pair owns its line if the opening tag starts it and
		 * the closing tag ends it; then the blank space before the
		 * opening tag becomes the parent's indentation. */
		int pair = f->left_clear && g->rc;
		const char *ws = f->ws;
		size_t nws = f->nws;
		struct vec *v;
		struct node *par;

		add_text(p, *pos, g->ts);
		pop_frame(p, pair);
		*pos = pair ? g->eol : g->te;
		if (!pair)
			return 0;
		v = &top(p)->nodes;
		par = &v->v[v->n - 1];
		par->flags |= NF_STANDALONE;
		par->indent = ws;
		par->nindent = nws;
		if (nws && v->n >= 2 && v->v[v->n - 2].kind == N_TEXT) {
			struct node *tx = &v->v[v->n - 2];
			tx->len -= nws;
			if (!tx->len) {
				*tx = *par;
				v->n--;
			}
		}
		return 0;
	}
	if (f->in_parent) {
		/* Closing an override never eats the line end, only the
		 * blank space before the tag. */
		add_text(p, *pos, g->lc ? g->ls : g->ts);
		pop_frame(p, 0);
		*pos = g->te;
		return 0;
	}
	add_text(p, *pos, alone ? g->ls : g->ts);
	pop_frame(p, alone);
	*pos = alone ? g->eol : g->te;
	return 0;
}

static int parse(struct parser *p)
{
	size_t pos = 0;
	struct node root = {0};

	p->otag = "{{";
	p->ctag = "}}";
	p->olen = p->clen = 2;
	push_frame(p, &root);
	while (pos < p->len) {
		const char *t;
		struct tagpos g = {0};
		int alone;
		char type;
		struct node n = {0};

		t = memmem(p->s + pos, p->len - pos, p->otag, p->olen);
		if (!t) {
			add_text(p, pos, p->len);
			break;
		}
		if (scan_tag(p, (size_t)(t - p->s), &g, &type))
			return TMPL_ESYNTAX;
		alone = g.lc && g.rc;

		switch (type) {
		case 'v':
		case '&':
		case '{':
			add_text(p, pos, g.ts);
			n.kind = type == 'v' ? N_VAR : N_RAW;
			if (parse_name(p, type == 'v' ? g.cs : g.cs + 1, g.ce,
			               g.ts, &n, 1))
				return TMPL_ESYNTAX;
			*vec_push(&top(p)->nodes) = n;
			pos = g.te;
			break;
		case '!':
		case '=':
			add_text(p, pos, alone ? g.ls : g.ts);
			if (type == '=' && set_delims(p, g.cs + 1, g.ce, g.ts))
				return TMPL_ESYNTAX;
			pos = alone ? g.eol : g.te;
			break;
		case '#':
		case '^':
		case '>':
			add_text(p, pos, alone ? g.ls : g.ts);
			n.kind = type == '#'   ? N_SECTION
			         : type == '^' ? N_INVERTED
			                       : N_PARTIAL;
			if (parse_name(p, g.cs + 1, g.ce, g.ts, &n,
			               type != '>'))
				return TMPL_ESYNTAX;
			if (alone) {
				n.flags |= NF_STANDALONE;
				n.indent = p->s + g.ls;
				n.nindent = g.ts - g.ls;
			}
			if (type == '>')
				*vec_push(&top(p)->nodes) = n;
			else
				push_frame(p, &n);
			pos = alone ? g.eol : g.te;
			break;
		case '<':
			/* Whether the parent pair owns its line is known only
			 * at its closing tag; keep the whitespace till then. */
			add_text(p, pos, g.ts);
			n.kind = N_PARENT;
			if (parse_name(p, g.cs + 1, g.ce, g.ts, &n, 0))
				return TMPL_ESYNTAX;
			push_frame(p, &n);
			top(p)->left_clear = g.lc;
			top(p)->ws = p->s + g.ls;
			top(p)->nws = g.ts - g.ls;
			pos = g.te;
			break;
		case '$':
			n.kind = N_BLOCK;
			if (parse_name(p, g.cs + 1, g.ce, g.ts, &n, 0))
				return TMPL_ESYNTAX;
			if (top(p)->tag.kind == N_PARENT) {
				/* An override: what precedes it on the line is
				 * ignored anyway, so only the right side
				 * counts. */
				add_text(p, pos, g.ts);
				if (g.rc)
					n.flags |= NF_STANDALONE;
				push_frame(p, &n);
				top(p)->in_parent = 1;
				pos = g.rc ? g.eol : g.te;
				break;
			}
			add_text(p, pos, alone ? g.ls : g.ts);
			if (g.lc) {
				n.indent = p->s + g.ls;
				n.nindent = g.ts - g.ls;
			}
			if (alone)
				n.flags |= NF_STANDALONE;
			push_frame(p, &n);
			pos = alone ? g.eol : g.te;
			break;
		case '/':
			if (close_tag(p, &g, &pos))
				return TMPL_ESYNTAX;
			break;
		}
	}
	if (p->nfr > 1) {
		struct frame *f = top(p);
		return perr_line(p, f->tag.line, "%s '%.*s' is not closed",
		                 kind_word(f->tag.kind), (int)f->tag.len,
		                 f->tag.text);
	}
	return 0;
}

/* Compile src as template name; where names it in messages. */
static int set_add(struct tmpl_set *set, const char *name, const char *where,
                   const char *src, size_t len, char **err)
{
	struct parser p;
	struct tmpl *t;
	int rc;

	memset(&p, 0, sizeof(p));
	p.a = set->a;
	p.where = where;
	p.s = arena_strndup(set->a, src, len);
	p.len = len;
	p.lno = 1;
	rc = parse(&p);
	if (rc < 0) {
		if (err)
			*err = p.err;
		else
			free(p.err);
		p.err = NULL;
		goto done;
	}
	t = arena_alloc(set->a, sizeof(*t));
	t->name = arena_strdup(set->a, name);
	t->nlen = strlen(name);
	t->hash = name_hash(t->name, t->nlen);
	t->n = p.fr[0].nodes.n;
	t->nodes = ARENA_ARRAY(set->a, struct node, t->n ? t->n : 1);
	if (t->n)
		memcpy((struct node *)t->nodes, p.fr[0].nodes.v,
		       t->n * sizeof(struct node));
	set_put(set, t);
	rc = 0;
done:
	for (size_t i = 0; i < p.nfr; i++)
		free(p.fr[i].nodes.v);
	free(p.fr);
	return rc;
}

int tmpl_set_add(struct tmpl_set *set, const char *name, const char *src,
                 size_t len, char **err)
{
	if (err)
		*err = NULL;
	return set_add(set, name, name, src, len, err);
}

/* ---- the renderer ------------------------------------------------------ */

struct ctx {
	const struct tval *v;
	const struct ctx *up;
};

struct indent {
	const char *p;
	size_t n;
	const struct indent *up;
};

struct ovr {
	const struct node *parent; /* a parent tag: kids are its blocks */
	const struct ovr *up;
};

struct rstate {
	const struct tmpl_set *set;
	struct buf *out;
	const struct indent *ind; /* innermost first */
	int bol;                  /* the next template output starts a line */
	int depth;
	int err;
};

static void put_indent(struct buf *out, const struct indent *in)
{
	if (!in)
		return;
	put_indent(out, in->up);
	buf_append(out, in->p, in->n);
}

static void put_text(struct rstate *st, const char *p, size_t n)
{
	if (!n)
		return;
	if (!st->ind) {
		buf_append(st->out, p, n);
		st->bol = p[n - 1] == '\n';
		return;
	}
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t k = nl ? (size_t)(nl - p) + 1 : n;
		if (st->bol)
			put_indent(st->out, st->ind);
		buf_append(st->out, p, k);
		st->bol = nl != NULL;
		p += k;
		n -= k;
	}
}

static const struct tval *map_find(const struct tval *m, const struct seg *s)
{
	for (size_t i = 0; i < m->u.map.n; i++) {
		const struct tval_entry *e = &m->u.map.e[i];
		if (e->klen == s->len && memcmp(e->key, s->p, s->len) == 0)
			return e->val;
	}
	return NULL;
}

/* Resolve a name: its first part in the innermost context that has it, the
 * rest strictly inside that value. NULL when missing. */
static const struct tval *lookup(const struct ctx *cx, const struct node *k)
{
	const struct tval *v = NULL;

	if (!k->nseg)
		return cx ? cx->v : NULL;
	for (; cx; cx = cx->up)
		if (cx->v && cx->v->kind == TVAL_MAP &&
		    (v = map_find(cx->v, &k->seg[0])))
			break;
	for (size_t i = 1; v && i < k->nseg; i++)
		v = v->kind == TVAL_MAP ? map_find(v, &k->seg[i]) : NULL;
	return v;
}

static int falsey(const struct tval *v)
{
	if (!v)
		return 1;
	switch (v->kind) {
	case TVAL_NULL: return 1;
	case TVAL_BOOL: return !v->u.b;
	case TVAL_LIST: return v->u.list.n == 0;
	case TVAL_STRING: return v->u.s.len == 0;
	default: return 0;
	}
}

/* The shortest of %.15g, %.16g, %.17g that reads back as d. */
static int fmt_double(char *out, size_t n, double d)
{
	int len = 0;

	for (int prec = 15; prec <= 17; prec++) {
		len = snprintf(out, n, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			break;
	}
	return len;
}

static void put_value(struct rstate *st, const struct tval *v, int escape)
{
	char num[64];
	const char *s;
	size_t n;

	if (st->bol && st->ind)
		put_indent(st->out, st->ind);
	st->bol = 0;
	if (!v)
		return;
	switch (v->kind) {
	case TVAL_STRING:
		s = v->u.s.p;
		n = v->u.s.len;
		break;
	case TVAL_INT:
		s = num;
		n = (size_t)snprintf(num, sizeof(num), "%lld", v->u.i);
		break;
	case TVAL_DOUBLE:
		s = num;
		n = (size_t)fmt_double(num, sizeof(num), v->u.d);
		break;
	case TVAL_BOOL:
		s = v->u.b ? "true" : "false";
		n = strlen(s);
		break;
	default: return;
	}
	if (escape)
		buf_html(st->out, s, n);
	else
		buf_append(st->out, s, n);
}

/* The outermost override of block k in the chain, or NULL. */
static const struct node *find_override(const struct ovr *ov,
                                        const struct node *k)
{
	const struct node *found = NULL;

	for (; ov; ov = ov->up) {
		const struct node *par = ov->parent;
		for (size_t i = 0; i < par->nkids; i++) {
			const struct node *b = &par->kids[i];
			if (b->len == k->len &&
			    memcmp(b->text, k->text, k->len) == 0) {
				found = b;
				break;
			}
		}
	}
	return found;
}

static void render(struct rstate *st, const struct node *k, size_t n,
                   const struct ctx *cx, const struct ovr *ov);

/* Render content k[0..n) inside node at, which may add indentation. */
static void render_in(struct rstate *st, const struct node *at, int indent,
                      const struct node *k, size_t n, const struct ctx *cx,
                      const struct ovr *ov)
{
	const struct indent *saved = st->ind;
	struct indent in;

	if (++st->depth > LIMIT_TEMPLATE_DEPTH) {
		st->err = TMPL_EDEPTH;
		st->depth--;
		return;
	}
	if (at->flags & NF_STANDALONE)
		st->bol = 1;
	if (indent && at->nindent) {
		in.p = at->indent;
		in.n = at->nindent;
		in.up = st->ind;
		st->ind = &in;
	}
	render(st, k, n, cx, ov);
	st->ind = saved;
	st->depth--;
}

static void render(struct rstate *st, const struct node *k, size_t n,
                   const struct ctx *cx, const struct ovr *ov)
{
	for (size_t i = 0; i < n && !st->err; i++, k++) {
		const struct tval *v;
		const struct tmpl *t;
		const struct node *b;
		struct ctx c;
		struct ovr o;

		switch (k->kind) {
		case N_TEXT: put_text(st, k->text, k->len); break;
		case N_VAR:
		case N_RAW:
			put_value(st, lookup(cx, k), k->kind == N_VAR);
			break;
		case N_SECTION:
			v = lookup(cx, k);
			if (falsey(v))
				break;
			c.up = cx;
			if (v->kind != TVAL_LIST) {
				c.v = v;
				render_in(st, k, 0, k->kids, k->nkids, &c, ov);
				break;
			}
			for (size_t j = 0; j < v->u.list.n && !st->err; j++) {
				c.v = v->u.list.items[j];
				render_in(st, k, 0, k->kids, k->nkids, &c, ov);
			}
			break;
		case N_INVERTED:
			if (falsey(lookup(cx, k)))
				render_in(st, k, 0, k->kids, k->nkids, cx, ov);
			break;
		case N_PARTIAL:
			t = set_find(st->set, k->text, k->len, k->hash);
			if (t)
				render_in(st, k, 1, t->nodes, t->n, cx, ov);
			break;
		case N_PARENT:
			t = set_find(st->set, k->text, k->len, k->hash);
			if (!t)
				break;
			o.parent = k;
			o.up = ov;
			render_in(st, k, 1, t->nodes, t->n, cx, &o);
			break;
		case N_BLOCK:
			b = find_override(ov, k);
			if (b)
				render_in(st, k, 1, b->kids, b->nkids, cx, ov);
			else
				render_in(st, k, k->flags & NF_INDENT_DEFAULT,
				          k->kids, k->nkids, cx, ov);
			break;
		}
	}
}

int tmpl_render(const struct tmpl_set *set, const char *name,
                const struct tval *ctx, struct buf *out)
{
	size_t nlen = strlen(name);
	const struct tmpl *t = set_find(set, name, nlen, name_hash(name, nlen));
	struct rstate st = {set, out, NULL, 1, 0, 0};
	struct ctx root = {ctx, NULL};

	if (!t)
		return TMPL_ENOENT;
	buf_grow(out, 0); /* out->p is a string even if nothing is written */
	out->p[out->len] = '\0';
	render(&st, t->nodes, t->n, &root, NULL);
	return st.err;
}

/* ---- loading ----------------------------------------------------------- */

static const char EMBED_DIR[] = "templates/";
static const char EXT[] = ".mustache";

/* If file ends with ".mustache", set *n to the length of its stem. */
static int is_template(const char *file, size_t *n)
{
	size_t len = strlen(file), ne = sizeof(EXT) - 1;

	if (len <= ne || strcmp(file + len - ne, EXT) != 0)
		return 0;
	*n = len - ne;
	return 1;
}

static int read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = 0;

	if (!f)
		return TMPL_EIO;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > LIMIT_TEMPLATE_BYTES) {
			rc = TMPL_EIO;
			goto done;
		}
		buf_append(b, chunk, n);
	}
	if (ferror(f))
		rc = TMPL_EIO;
done:
	fclose(f);
	return rc;
}

static int only_files(const struct dirent *d)
{
	size_t n;

	return d->d_name[0] != '.' && is_template(d->d_name, &n);
}

int tmpl_set_load(struct tmpl_set *set, const char *dir, char **err)
{
	struct dirent **list = NULL;
	struct buf src = BUF_INIT;
	int nlist = 0, rc = 0;
	char *name = NULL, *path = NULL;
	size_t n = 0;

	if (err)
		*err = NULL;
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		const char *rel = f->name + sizeof(EMBED_DIR) - 1;
		if (!str_starts(f->name, EMBED_DIR) || !is_template(rel, &n))
			continue;
		name = xstrndup(rel, n);
		rc = set_add(set, name, f->name, f->data, f->len, err);
		free(name);
		name = NULL;
		if (rc < 0)
			goto done;
	}
	if (!dir)
		goto done;
	nlist = scandir(dir, &list, only_files, alphasort);
	if (nlist < 0) {
		if (err) {
			struct buf b = BUF_INIT;
			buf_printf(&b, "%s: %s", dir, strerror(errno));
			*err = buf_detach(&b, NULL);
		}
		rc = TMPL_ENOENT;
		nlist = 0;
		goto done;
	}
	for (int i = 0; i < nlist; i++) {
		struct buf pb = BUF_INIT;
		struct stat sb;
		buf_printf(&pb, "%s/%s", dir, list[i]->d_name);
		path = buf_detach(&pb, NULL);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			path = NULL;
			continue;
		}
		buf_clear(&src);
		if (read_file(path, &src) < 0) {
			if (err) {
				struct buf b = BUF_INIT;
				buf_printf(&b,
				           "%s: cannot read (or larger than %d "
				           "bytes)",
				           path, LIMIT_TEMPLATE_BYTES);
				*err = buf_detach(&b, NULL);
			}
			rc = TMPL_EIO;
			goto done;
		}
		is_template(list[i]->d_name, &n);
		name = xstrndup(list[i]->d_name, n);
		rc = set_add(set, name, path, src.p ? src.p : "", src.len, err);
		free(name);
		name = NULL;
		free(path);
		path = NULL;
		if (rc < 0)
			goto done;
	}
done:
	for (int i = 0; i < nlist; i++)
		free(list[i]);
	free(list);
	free(path);
	buf_free(&src);
	return rc;
}

const char *tmpl_strerror(int rc)
{
	switch (rc) {
	case 0: return "no error";
	case TMPL_ESYNTAX: return "template does not parse";
	case TMPL_ENOENT: return "no such template";
	case TMPL_EDEPTH: return "templates nested too deep";
	case TMPL_EIO: return "template file unreadable";
	}
	return "unknown error";
}
