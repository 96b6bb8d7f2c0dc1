// tests/browser/test_xss.mjs: every XSS vector of tests/data/xss-vectors.txt
// through every input, rendered inert in Chromium.
//
// The vectors are sent through the real forms over HTTP (many per field
// where the field's limit allows, so the run stays short): the ask form
// (title, text, nickname), the doctor's reply (Markdown body, sign-off, new
// topic; preview and publish), the search box, registration (name),
// doctor applications (name, title, hospital, licence, biography) and
// article comments. Every page that shows them is then rendered in
// Chromium, including the error pages that echo a refused form back.
// Rendering bypasses the Content-Security-Policy, so that escaping is what
// is tested (the CSP is a second wall, checked once at the end). A page
// passes when no dialog opens, the __xss() hook the vectors call is never
// reached, no script error happens, nothing is fetched on a vector's
// behalf, and its DOM holds no element a vector could have made: no on*
// attribute, no javascript:/vbscript:/data: URL (but raster images), no
// inline or foreign script, no iframe, object, embed, base, meta refresh
// or style element.
import fs from "node:fs";
import path from "node:path";

// The identity rule's refusal of names holding bidi controls or
// zero-width characters (some vectors carry them).
const HIDDEN_REFUSED = /invisible characters or text-direction controls/;

// Post form to path; a refusal of its name field for hidden characters is
// queued for rendering like every echo, then the form goes again without
// them. Returns the last response.
async function postName(c, path, form, field, jobs, who, what) {
	let r = await c.post(path, form);
	if (r.status === 400 && HIDDEN_REFUSED.test(r.text)) {
		jobs.push({ who, url: path, what, html: r.text });
		form[field] = form[field].replace(/\p{Cf}/gu, "");
		form.csrf = await c.csrf(path);
		r = await c.post(path, form);
	}
	return r;
}

const NL = "\u23ce";
const ADMIN = { email: "xss-admin@example.org", password: "admin pass 1234" };
const DOCTOR = { email: "xss-doc@example.org", password: "doctor pass 5678" };
const ARTICLE = "eating-well-during-chemotherapy";

function loadVectors(repo) {
	const text = fs.readFileSync(path.join(repo, "tests", "data", "xss-vectors.txt"), "utf8");
	return text.split("\n").filter((l) => l.length && !l.startsWith("# "))
		.map((l) => l.split(NL).join("\n"));
}

// Pack vectors into strings of at most max UTF-8 bytes (sep between);
// vectors longer than max alone are left out (that field refuses them).
// For one-line fields (line set) newlines and tabs become spaces, as a
// browser's text input would make them (the server refuses controls).
function pack(vectors, max, sep = " ", limit = () => true, line = false) {
	const out = [];
	let cur = [];
	const size = (a) => Buffer.byteLength(a.join(sep));
	for (let v of vectors) {
		if (line)
			v = v.replace(/[\n\t]/g, " ");
		if (Buffer.byteLength(v) > max)
			continue;
		if (cur.length && (size([...cur, v]) > max || !limit([...cur, v]))) {
			out.push(cur.join(sep));
			cur = [];
		}
		cur.push(v);
	}
	if (cur.length)
		out.push(cur.join(sep));
	return out;
}

// Run fn(0) .. fn(count - 1), width at a time (the server has a thread
// per core; password hashing makes sign-ups slow one by one).
async function pool(count, width, fn) {
	let next = 0;
	await Promise.all(Array.from({ length: width }, async () => {
		while (next < count)
			await fn(next++);
	}));
}

// The error messages of a refused form, for failure reports.
function formErrors(html) {
	return [...html.matchAll(/id="([a-z0-9_]+)-err"[^>]*>([^<]*)/g)].map((m) => `${m[1]}: ${m[2]}`).join("; ");
}

// Letters only: digits could look like phone numbers to the PII filter.
function mark(i) {
	let s = "";
	do { s += String.fromCharCode(97 + (i % 26)); i = Math.floor(i / 26); } while (i);
	return "xssmark" + s;
}

class Client {
	constructor(base) { this.base = base; this.jar = new Map(); }
	async req(method, p, form) {
		const headers = {};
		let body;
		if (this.jar.size)
			headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
		if (form) {
			body = new URLSearchParams();
			// Like a browser, send back the signed form token of the page
			// last seen (web/guard.h) unless the form has its own.
			if (this.formToken && !("form_token" in form))
				form = { ...form, form_token: this.formToken };
			for (const [k, v] of Object.entries(form))
				for (const x of [].concat(v))
					if (x !== undefined)
						body.append(k, x);
			headers["content-type"] = "application/x-www-form-urlencoded";
		}
		const r = await fetch(this.base + p, { method, headers, body, redirect: "manual" });
		for (const c of r.headers.getSetCookie()) {
			const nv = c.split(";")[0], i = nv.indexOf("=");
			const k = nv.slice(0, i), v = nv.slice(i + 1);
			if (/max-age=(0|-)/i.test(c) || v === "")
				this.jar.delete(k);
			else
				this.jar.set(k, v);
		}
		const text = await r.text();
		const ft = text.match(/name="form_token" value="([^"]+)"/);
		if (ft)
			this.formToken = ft[1];
		return { status: r.status, location: r.headers.get("location"),
			type: r.headers.get("content-type") || "", text, path: p };
	}
	get(p) { return this.req("GET", p); }
	post(p, form) { return this.req("POST", p, form); }
	async csrf(p) {
		const r = await this.get(p);
		const m = r.text.match(/name="csrf" value="([^"]+)"/);
		if (!m)
			throw new Error(`no csrf field on ${p} (status ${r.status})`);
		return m[1];
	}
	async login(who) {
		const r = await this.post("/login", { csrf: await this.csrf("/login"),
			email: who.email, password: who.password });
		if (r.status !== 303)
			throw new Error(`login of ${who.email}: ${r.status}`);
	}
	cookies() {
		return [...this.jar].map(([name, value]) => ({ name, value, url: this.base }));
	}
}

// What the page's DOM must not hold (runs in the page).
function domProblems() {
	const bad = [];
	const urlAttrs = ["href", "src", "action", "formaction", "data", "xlink:href", "background",
		"dynsrc", "lowsrc", "poster", "codebase", "cite", "ping"];
	for (const el of document.querySelectorAll("*")) {
		for (const a of el.attributes) {
			const n = a.name.toLowerCase();
			if (n.startsWith("on"))
				bad.push(`${el.tagName} has ${n}`);
			if (n === "srcdoc")
				bad.push(`${el.tagName} has srcdoc`);
			if (n === "style" && /expression|javascript|behavior|url\(/i.test(a.value))
				bad.push(`${el.tagName} style ${a.value.slice(0, 60)}`);
			if (urlAttrs.includes(n)) {
				const v = a.value.replace(/[\u0000-\u0020\u00a0\u2028\u2029]/g, "").toLowerCase();
				if (/^(javascript|vbscript|livescript|file):/.test(v) ||
				    (v.startsWith("data:") && !/^data:image\/(png|gif|jpeg|webp)[;,]/.test(v)))
					bad.push(`${el.tagName} ${n}=${a.value.slice(0, 60)}`);
			}
		}
	}
	for (const s of document.querySelectorAll("script")) {
		const own = s.src && new URL(s.src).origin === location.origin &&
			new URL(s.src).pathname.startsWith("/static/");
		// Structured data is ours too, when it is whole JSON with every
		// "<" escaped (a vector that closed the element would break it).
		let data = false;
		if (!s.src && s.type === "application/ld+json") {
			try { JSON.parse(s.textContent); data = !s.textContent.includes("<"); } catch (e) { data = false; }
		}
		if (!own && !data)
			bad.push("script " + s.outerHTML.slice(0, 80));
	}
	for (const sel of ["iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base",
		"meta[http-equiv]", "style", "link:not([rel=stylesheet]):not([rel=icon]):not([rel=canonical])" +
		":not([rel=alternate]):not([rel=manifest])", "svg script", "svg foreignObject", "svg set",
		"svg animate", "math", "form[action^=javascript]", "isindex", "xss", "keygen", "bgsound"]) {
		for (const el of document.querySelectorAll(sel))
			bad.push(`element ${sel}: ${el.outerHTML.slice(0, 80)}`);
	}
	for (const l of document.querySelectorAll("link[rel=stylesheet]")) {
		if (new URL(l.href).origin !== location.origin)
			bad.push("foreign stylesheet " + l.href);
	}
	return bad;
}

export async function test_xss_vectors_render_inert(t) {
	const started = Date.now();
	const vectors = loadVectors(t.repo);
	t.ok(vectors.length >= 100, `at least 100 vectors (${vectors.length})`);
	const db = t.demoDb();
	for (const [role, who, extra] of [["admin", ADMIN, []],
		["doctor", DOCTOR, ["--department", "Oncology", "--hospital", "Lakeside Hospital"]]]) {
		const r = t.run("user", "add", "--db", db, "--role", role, "--email", who.email,
			"--name", `XSS ${role}`, "--password", who.password, ...extra);
		t.eq(r.code, 0, `${role} created: ${r.stderr}`);
	}
	const srv = await t.server(db);
	const base = srv.url;
	const line = (max) => pack(vectors, max, " ", () => true, true);

	// ---- the browser side: a context per identity, CSP bypassed, and a
	// few pages per context rendering at once ----
	const contexts = new Map();
	const live = [];
	let rendered = 0;
	async function contextFor(who) {
		if (!contexts.has(who.key)) {
			const ctx = await t.browser.newContext({ bypassCSP: true });
			await ctx.addInitScript(() => {
				window.__xss = (...a) => { window.__xssHits = (window.__xssHits || 0) + 1; };
			});
			if (who.client)
				await ctx.addCookies(who.client.cookies());
			// Nothing leaves the test's server (the page's request
			// handler still sees and judges each attempt).
			await ctx.route((u) => !u.href.startsWith(base + "/"), (r) => r.abort());
			contexts.set(who.key, { ctx, free: [] });
		}
		return contexts.get(who.key);
	}
	async function pageFrom(c) {
		if (c.free.length)
			return c.free.pop();
		const page = await c.ctx.newPage();
		page.errors = [];
		page.foreign = [];
		page.on("pageerror", (e) => page.errors.push(String(e)));
		page.on("console", (m) => {
			// Markdown images may point anywhere (the CSP's img-src
			// keeps them out in real use); other errors count.
			if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
				page.errors.push(m.text());
		});
		page.on("dialog", (d) => { page.errors.push("dialog: " + d.message()); d.dismiss().catch(() => {}); });
		page.on("popup", (p) => page.errors.push("popup " + p.url()));
		page.on("request", (r) => {
			const u = new URL(r.url());
			if (r.resourceType() === "image" || (r.isNavigationRequest() && r.frame() === page.mainFrame()))
				return;
			if (u.origin === base && (u.pathname.startsWith("/static/") || u.pathname === "/favicon.ico"))
				return;
			page.foreign.push(`${r.resourceType()} ${r.url().slice(0, 100)}`);
		});
		return page;
	}
	// Render url as who sees it: the server's response (fetched with
	// who's cookies, or html: the response to a form post, which echoes
	// the form back) is written into a page that is at the site's origin,
	// so scripts, styles and relative links behave as on the real page
	// (document.write parses and runs it like a navigation, at a fraction
	// of a navigation's cost). full navigates for real instead.
	async function render({ who, url, what, html = null, show = null, full = false, control = false }) {
		const c = await contextFor(who);
		const page = await pageFrom(c);
		if (page.url() === "about:blank")
			await page.goto(base + "/robots.txt");
		page.errors.length = 0;
		page.foreign.length = 0;
		try {
			if (full) {
				await page.goto(base + url, { waitUntil: "load" });
			} else {
				if (html === null) {
					const r = await (who.client || new Client(base)).get(url);
					t.eq(r.status, 200, `${what} (${url.slice(0, 60)}) status`);
					html = r.text;
				}
				// document.open keeps the window: reset the hook's count.
				await page.evaluate(() => { window.__xssHits = 0; });
				await page.setContent(html, { waitUntil: "load" });
			}
			rendered++;
			const n = await page.evaluate(() => window.__xssHits || 0);
			const bad = await page.evaluate(domProblems);
			const inert = n === 0 && !page.errors.length && !page.foreign.length && !bad.length;
			const why = `hook ${n}, errors ${JSON.stringify(page.errors.slice(0, 3))}, fetched ` +
				`${JSON.stringify(page.foreign.slice(0, 3))}, DOM ${JSON.stringify(bad.slice(0, 5))}`;
			if (control) {
				t.ok(!inert, `control ${what} is caught`);
				return;
			}
			if (!t.ok(inert, `${what} (${url.slice(0, 60)}) inert: ${why}`))
				live.push(what);
			if (show) {
				const text = await page.evaluate(() => document.body.textContent);
				t.ok(text.includes(show), `${what} (${url.slice(0, 60)}) shows ${JSON.stringify(show)}`);
			}
		} finally {
			if (full)
				await page.goto(base + "/robots.txt");
			c.free.push(page);
		}
	}
	const phase = (what) => console.log(`xss: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
	async function renderAll(jobs, width = 4) {
		let next = 0;
		phase(`rendering ${jobs.length} pages`);
		await Promise.all(Array.from({ length: width }, async () => {
			while (next < jobs.length)
				await render(jobs[next++]);
		}));
	}
	const anon = { key: "anon" };

	// Controls: the checks must catch a vector that did come alive.
	const page0 = (await new Client(base).get("/")).text;
	for (const [i, live1] of ["<script>__xss()</script>", "<img src=x onerror=alert(1)>",
		"<a href=\"javascript:alert(1)\">x</a>", "<div onmouseover=\"x\">x</div>",
		"<iframe srcdoc=\"x\"></iframe>", "<svg><script>1</script></svg>"].entries())
		await render({ who: anon, url: "/", what: `injected ${i}`, control: true,
			html: page0.replace("</main>", live1 + "</main>") });

	// ---- the ask form: title, text, nickname; every refused form echoes
	// its fields back, so each is also sent without consent ----
	const titles = line(280);
	const nicks = line(60 - 12);
	const texts = pack(vectors, 3000, "\n\n");
	const bodies = pack(vectors, 3000, "\n\n");
	const signoffs = line(280);
	const topics = line(100 - 12);
	const n = Math.max(titles.length, nicks.length);
	const nd = Math.max(titles.length, texts.length, bodies.length, signoffs.length);
	const oncology = (await new Client(base).get("/ask")).text
		.match(/<option value="(\d+)"[^>]*>Oncology</)[1];
	const asked = [];
	const jobs = [];
	await pool(n, 3, async (i) => {
		const c = new Client(base);
		const form = { csrf: await c.csrf("/ask"), title: `${mark(i)} ${titles[i % titles.length]}`,
			text: `Question ${mark(i)} about my liver.\n\n${texts[i % texts.length]}`,
			nickname: `${mark(i)} ${nicks[i % nicks.length]}`, age_band: "30-39", sex: "female",
			department: oncology, consent: "yes" };
		const e = await c.post("/ask", { ...form, age_band: "no such band" });
		t.eq(e.status, 400, `ask with a bad age band refused`);
		jobs.push({ who: anon, url: "/ask", what: `ask form echo ${i}`, html: e.text });
		const r = await postName(c, "/ask", form, "nickname", jobs, anon, `ask name refused ${i}`);
		t.eq(r.status, 303, `ask ${i} accepted`);
		asked.push({ i, status: r.location, form });
		jobs.push({ who: anon, url: r.location, what: `status page ${i}`, show: mark(i) });
	});
	asked.sort((x, y) => x.i - y.i);
	await renderAll(jobs.splice(0));

	// The live suggestions of the ask form show earlier titles (built
	// in the browser from /api/similar): type words of ours, wait for them.
	{
		const c = await contextFor(anon);
		const page = await pageFrom(c);
		page.errors.length = 0;
		await page.goto(base + "/ask");
		await page.fill("#title", "xssmarka script alert");
		await page.fill("#text", "xssmarka question about my liver script alert img onerror svg onload");
		await page.waitForSelector("#similar-live:not([hidden]) li", { timeout: 5000 }).catch(() => {});
		const shown = await page.locator("#similar-live li").count();
		t.ok(shown > 0, "live suggestions shown");
		const bad = await page.evaluate(domProblems);
		const hit = await page.evaluate(() => window.__xssHits || 0);
		t.ok(hit === 0 && !bad.length && !page.errors.length,
			`ask form live suggestions inert: ${hit} ${JSON.stringify(bad.slice(0, 3))} ${JSON.stringify(page.errors)}`);
		c.free.push(page);
	}

	// ---- the doctor: queue, question, preview, publish ----
	const doc = new Client(base);
	await doc.login(DOCTOR);
	const docWho = { key: "doctor", client: doc };
	jobs.push({ who: docWho, url: "/doctor/queue", what: "doctor queue" });
	const ids = [];
	let queue = "";
	for (let pg = 1; pg < 20; pg++) {
		const q = (await doc.get(`/doctor/queue?all=1&page=${pg}`)).text;
		queue += q;
		if (!q.includes(`page=${pg + 1}`))
			break;
	}
	for (const a of asked) {
		// The queue item links the whole card; its title is in a span.
		const m = queue.match(new RegExp(`href="/doctor/question/(\\d+)">(?:(?!</a>)[\\s\\S])*?` +
			`<span class="queue-title"[^>]*>${a.form.title.split(" ")[0]} `));
		t.ok(m !== null, `question ${a.i} in the queue`);
		if (m)
			ids.push([a.i, Number(m[1])]);
	}
	await pool(ids.length, 3, async (k) => {
		const [i, id] = ids[k];
		const p = `/doctor/question/${id}`;
		const form = { csrf: await doc.csrf(p), body: `Reply ${mark(i)}.\n\n${bodies[i % bodies.length]}`,
			signoff: signoffs[i % signoffs.length], action: "preview" };
		if (i < topics.length)
			form.new_topic = `${mark(i)} ${topics[i]}`;
		if (i < nd) {
			jobs.push({ who: docWho, url: p, what: `doctor question ${i}`, show: mark(i) });
			const pv = await doc.post(p, form);
			t.eq(pv.status, 200, `preview ${i}`);
			jobs.push({ who: docWho, url: p, what: `reply preview ${i}`, html: pv.text });
		}
		// A span the personal-data check flags (a vector such as
		// "@import" reads as a handle) needs a keep or remove choice;
		// keeping it publishes the vector itself, the harder case.
		const wb = (await doc.get(p)).text;
		const pub = { ...form, action: "publish" };
		for (const m of wb.matchAll(/name="(pii_\d+)" value="keep"/g))
			pub[m[1]] = "keep";
		if (wb.includes('id="pii-review"'))
			jobs.push({ who: docWho, url: p, what: `personal-data review ${i}`, html: wb });
		const r = await doc.post(p, pub);
		t.eq(r.status, 303, `reply ${i} published`);
		jobs.push({ who: anon, url: `/qa/${id}`, what: `Q&A page ${i}`, show: mark(i), full: i < 3 });
	});
	// The doctor's view of the first questions, whose nicknames it shows.
	for (const [i, id] of ids.slice(nd))
		if (i < nicks.length)
			jobs.push({ who: docWho, url: `/doctor/question/${id}`, what: `doctor question ${i}` });
	jobs.push({ who: anon, url: "/", what: "home page", full: true });
	const dept = (await new Client(base).get("/departments")).text.match(/href="(\/department\/[^"]+)">Oncology/);
	if (t.ok(dept !== null, "Oncology department link"))
		jobs.push({ who: anon, url: dept[1], what: "department page" });
	const topicLinks = new Set();
	for (const [, id] of ids.slice(0, 3)) {
		const qa = await new Client(base).get(`/qa/${id}`);
		for (const m of qa.text.matchAll(/href="(\/topic\/[^"]+)"/g))
			topicLinks.add(m[1]);
	}
	for (const l of topicLinks)
		jobs.push({ who: anon, url: l, what: "topic page" });

	// ---- search: the query is echoed in the box and the results ----
	for (const [i, q] of line(400).entries())
		jobs.push({ who: anon, url: "/search?q=" + encodeURIComponent(q), what: `search ${i}` });
	await renderAll(jobs.splice(0));

	// ---- registration (name) and comments (body) ----
	const names = line(200);
	const comments = pack(vectors, 1500, "\n", (a) => (a.join(" ").match(/https?:|www\./g) || []).length <= 2);
	const users = Math.max(names.length, Math.ceil(comments.length / 4));
	await pool(users, 3, async (i) => {
		const c = new Client(base);
		const form = { csrf: await c.csrf("/register"), name: names[i % names.length],
			email: `xss-user-${mark(i)}@example.org`, password: "patient pass 1234",
			password2: "patient pass 1234" };
		const bad = await c.post("/register", { ...form, password2: "does not match" });
		t.eq(bad.status, 400, `registration ${i} with mismatched passwords refused`);
		jobs.push({ who: anon, url: "/register", what: `registration echo ${i}`, html: bad.text });
		const r = await postName(c, "/register", form, "name", jobs, anon, `registration name refused ${i}`);
		if (!t.eq(r.status, 303, `registration ${i} (${formErrors(r.text)})`))
			return;
		for (let k = i * 4; k < Math.min(comments.length, i * 4 + 4); k++) {
			const p = `/articles/${ARTICLE}`;
			const cr = await c.post(p + "/comments", { csrf: await c.csrf(p), body: comments[k] });
			t.eq(cr.status, 303, `comment ${k} posted`);
			if (cr.status !== 303)
				jobs.push({ who: anon, url: p, what: `comment echo ${k}`, html: cr.text });
		}
		jobs.push({ who: { key: `user${i}`, client: c }, url: "/", what: `home as user ${i}` });
	});
	jobs.push({ who: anon, url: `/articles/${ARTICLE}`, what: "article with comments" });

	// ---- doctor applications ----
	const short = line(200);
	const lic = line(64);
	const bios = pack(vectors, 3900, "\n");
	const apps = Math.max(short.length, lic.length, bios.length);
	await pool(apps, 3, async (i) => {
		const c = new Client(base);
		const form = { csrf: await c.csrf("/doctor/apply"), name: short[i % short.length],
			title: short[(i + 1) % short.length], hospital: short[(i + 2) % short.length],
			department: oncology, licence: lic[i % lic.length], bio: bios[i % bios.length],
			email: `xss-applicant-${mark(i)}@example.org`, password: "doctor pass 9876",
			password2: "doctor pass 9876" };
		const bad = await c.post("/doctor/apply", { ...form, password2: "no" });
		t.eq(bad.status, 400, `application ${i} with mismatched passwords refused`);
		jobs.push({ who: anon, url: "/doctor/apply", what: `application echo ${i}`, html: bad.text });
		const r = await postName(c, "/doctor/apply", form, "name", jobs, anon, `application name refused ${i}`);
		t.eq(r.status, 303, `application ${i} sent (${formErrors(r.text)})`);
	});
	const admin = new Client(base);
	await admin.login(ADMIN);
	const adminWho = { key: "admin", client: admin };
	for (const p of ["/admin/doctors", "/admin/users", "/admin", "/admin/taxonomy"])
		jobs.push({ who: adminWho, url: p, what: `admin page ${p}` });
	await renderAll(jobs.splice(0));

	// ---- the CSP, the second wall, on a page full of vectors ----
	const csp = (await fetch(base + `/qa/${ids[0][1]}`)).headers.get("content-security-policy") || "";
	t.ok(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), "Q&A pages send a CSP without inline script");

	for (const c of contexts.values())
		await c.ctx.close();
	t.ok(live.length === 0, `pages where a vector came alive: ${JSON.stringify(live.slice(0, 10))}`);
	console.log(`xss: ${vectors.length} vectors, ${n} questions, ${users} accounts, ${apps} applications, ` +
		`${rendered} pages rendered, ${live.length} with a live vector, ` +
		`${((Date.now() - started) / 1000).toFixed(1)} s`);
}
