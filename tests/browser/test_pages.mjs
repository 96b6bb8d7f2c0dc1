// The pages' presentation (issue 17): the header's rows at desktop and
// phone width for every kind of visitor, the start of the question on the
// first screen of the doctor's question page on a phone, the dark colour
// scheme, and what a printed Q&A and article show and leave out.
import fs from "node:fs";
import path from "node:path";
import { addUsers, signIn, ask, USERS } from "./site_fixture.mjs";

// The header's rows: its visible items (the site name, the search box and
// each link) grouped by their vertical centre.
async function headerRows(page) {
	return page.evaluate(() => {
		const items = [...document.querySelectorAll(".top-in > .brand, .top-in > .top-search, .top-nav > *")]
			.map((e) => e.getBoundingClientRect())
			.filter((r) => r.width > 2 && r.height > 2);
		const rows = [];
		for (const r of items) {
			const c = r.top + r.height / 2;
			if (!rows.some((x) => Math.abs(x - c) < 12))
				rows.push(c);
		}
		return rows.length;
	});
}

async function site(t) {
	const db = t.demoDb();
	addUsers(t, db);
	const srv = await t.server(db);
	const state = { anonymous: undefined };
	for (const k of ["patient", "doctor", "admin"])
		state[k] = await signIn(t.browser, srv.url, USERS[k]);
	return { srv, state };
}

export async function test_header_rows(t) {
	const { srv, state } = await site(t);
	for (const [who, st] of Object.entries(state)) {
		for (const [w, h, most] of [[1280, 900, 1], [390, 844, 2]]) {
			const ctx = await t.browser.newContext({ viewport: { width: w, height: h }, storageState: st });
			const page = await ctx.newPage();
			await page.goto(srv.url + "/");
			const rows = await headerRows(page);
			t.ok(rows >= 1 && rows <= most, `header of ${who} at ${w}px: ${rows} rows, at most ${most}`);
			// Every link of the header can be reached: on a phone the row
			// of links scrolls sideways instead of wrapping.
			const out = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			t.ok(out <= 0, `no horizontal scrolling of the page (${who}, ${w}px): ${out}px`);
			if (who !== "anonymous")
				t.eq(await page.locator(".top-nav a[href='/account']").count(), 1, `account link in the header (${who}, ${w}px)`);
			await ctx.close();
		}
	}
}

export async function test_doctor_question_first_screen(t) {
	const { srv, state } = await site(t);
	const p = await t.page();
	await ask(p, srv.url, "Itching skin and dark urine for a week, what should I do about it?",
		"For a week my skin itches all over, my urine is dark like tea and my stools are pale. " +
		"I have no pain and no fever. Should I see a doctor now or can it wait?");
	await p.context().close();
	const ctx = await t.browser.newContext({ viewport: { width: 390, height: 844 }, storageState: state.doctor });
	const page = await ctx.newPage();
	await page.goto(srv.url + "/doctor/queue");
	await page.goto(srv.url + await page.locator('a[href^="/doctor/question/"]').first().getAttribute("href"));
	t.ok(await headerRows(page) <= 2, "the doctor's header takes at most two rows on a phone");
	// The first line of the question's text is on the first screen.
	const bottom = await page.evaluate(() => {
		const p = document.querySelector(".question p");
		const r = p.getBoundingClientRect();
		const line = parseFloat(getComputedStyle(p).lineHeight) || 27;
		return r.top + line;
	});
	t.ok(bottom <= 844, `the question starts on the first screen at 390x844: its first line ends at ${Math.round(bottom)}px`);
	await t.shot(page, "doctor-question-390");
	await ctx.close();
}

function luminance(rgb) {
	const m = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
	const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
	return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]);
}

export async function test_dark_scheme(t) {
	const srv = await t.server(t.demoDb());
	for (const scheme of ["light", "dark"]) {
		const ctx = await t.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
		const page = await ctx.newPage();
		await page.goto(srv.url + "/ask");
		const c = await page.evaluate(() => {
			const s = (sel, p) => getComputedStyle(document.querySelector(sel))[p];
			return { bg: s("body", "backgroundColor"), ink: s("body", "color"), field: s("#text", "backgroundColor"),
				fieldInk: s("#text", "color"), header: s(".top", "backgroundColor") };
		});
		const dark = scheme === "dark";
		t.ok(dark ? luminance(c.bg) < 0.05 : luminance(c.bg) > 0.9, `${scheme}: page background ${c.bg}`);
		t.ok(dark ? luminance(c.ink) > 0.6 : luminance(c.ink) < 0.05, `${scheme}: text ${c.ink}`);
		t.ok(dark ? luminance(c.field) < 0.05 : luminance(c.field) > 0.9, `${scheme}: form fields follow (${c.field})`);
		t.ok(dark ? luminance(c.fieldInk) > 0.6 : luminance(c.fieldInk) < 0.05, `${scheme}: field text ${c.fieldInk}`);
		t.ok(dark ? luminance(c.header) < 0.05 : luminance(c.header) > 0.8, `${scheme}: header ${c.header}`);
		await ctx.close();
	}
}

// What a printed page shows: each selector's visibility under print media.
async function printed(page, sels) {
	await page.emulateMedia({ media: "print" });
	const r = {};
	for (const s of sels) {
		const loc = page.locator(s);
		r[s] = (await loc.count()) > 0 && await loc.first().isVisible();
	}
	return r;
}

export async function test_print(t) {
	const srv = await t.server(t.demoDb());
	const out = path.join(t.repo, "tests", "out");
	fs.mkdirSync(out, { recursive: true });
	const page = await t.page();
	await page.goto(srv.url + "/");
	// A Q&A whose More Info cites sources.
	let qa = null;
	for (const href of await page.locator('main a[href^="/qa/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
		await page.goto(srv.url + href);
		if (await page.locator(".moreinfo-sources li").count()) {
			qa = href;
			break;
		}
	}
	t.ok(qa !== null, "a Q&A with More Info and sources");
	await page.goto(srv.url + "/articles");
	const article = await page.locator('main a[href^="/articles/"]:not([href^="/articles/in/"])').first().getAttribute("href");
	const hidden = [".skip", "header.top", "#top-q", ".share", "footer.foot", "form", ".similar", ".related"];

	await page.goto(srv.url + qa);
	const shown = ["h1", ".question", ".asker", ".reply", ".reply-body", "#more-info-h", ".moreinfo-sources",
		".disclaimer-box", ".print-url"];
	t.ok(!(await page.locator(".print-url").isVisible()), "the page's address is printed only (not on screen)");
	let v = await printed(page, [...shown, ...hidden]);
	for (const s of shown) t.ok(v[s], `printed Q&A shows ${s}`);
	for (const s of hidden) t.ok(!v[s], `printed Q&A leaves out ${s}`);
	t.eq((await page.locator(".print-url").textContent()).trim(), `This page: ${srv.url}${qa}`, "printed address");
	await page.pdf({ path: path.join(out, "qa-print.pdf"), format: "A4" });

	await page.emulateMedia({ media: "screen" });
	await page.goto(srv.url + article);
	const ashown = ["h1", ".byline", ".article-body", ".disclaimer-box", ".print-url"];
	v = await printed(page, [...ashown, ...hidden, ".comments"]);
	for (const s of ashown) t.ok(v[s], `printed article shows ${s}`);
	for (const s of [...hidden, ".comments"]) t.ok(!v[s], `printed article leaves out ${s}`);
	await page.pdf({ path: path.join(out, "article-print.pdf"), format: "A4" });
	t.ok(fs.statSync(path.join(out, "qa-print.pdf")).size > 5000, "printed Q&A saved as PDF");
	await page.context().close();
}
