// axe-core on every kind of page (issue 17): the WCAG 2.1 A and AA rules,
// at phone (390 px) and desktop (1280 px) width, in the light and the dark
// colour scheme, each page seen by the account that uses it. Any violation
// fails, named with its rule and the elements it found. Screenshots of the
// main pages in every combination go to tests/out/screenshots/, and the
// figures to tests/out/axe.json.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { buildSite } from "./site_fixture.mjs";

const require = createRequire(import.meta.url);

function axeSource() {
	try {
		return fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
	} catch (e) {
		return null;
	}
}

export const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
export const WIDTHS = [[390, 844], [1280, 900]];
export const SCHEMES = ["light", "dark"];
const SHOTS = new Set(["home", "qa", "search", "department", "doctor", "article-comments",
	"library", "ask", "status", "login", "account", "doctor-queue", "reply-editor", "admin",
	"moderate-comments", "error"]);

// Runs axe in the page (evaluated through the devtools protocol, so the
// site's Content-Security-Policy stays as it is) and returns its violations.
export async function axeViolations(page, src) {
	if (!(await page.evaluate(() => typeof window.axe === "object")))
		await page.evaluate(src);
	return page.evaluate(async (tags) => {
		const r = await window.axe.run(document, {
			runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"],
		});
		window.__axeIncomplete = r.incomplete.map((v) => v.id + ":" + v.nodes.length + ":" +
			v.nodes.slice(0, 4).map((n) => n.target.join(" ") + " => " +
				((n.any[0] || n.all[0] || n.none[0] || {}).message || "")).join(" | "));
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map((n) => n.target.join(" ") + (n.failureSummary
				? " (" + n.failureSummary.replace(/\s+/g, " ").slice(0, 200) + ")" : "")),
		}));
	}, TAGS);
}

export async function test_axe_every_page_kind(t) {
	const src = axeSource();
	if (!src)
		throw new t.Skip("axe-core is not installed (cd tests/browser && npm ci)");
	// The check itself can fail: a page with known faults gives violations.
	const probe = await t.page();
	await probe.setContent('<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb;background:#fff">faint</p></body></html>');
	const pv = (await axeViolations(probe, src)).map((v) => v.id).sort().join(" ");
	t.eq(pv, "color-contrast document-title html-has-lang image-alt", "axe finds the probe page's faults");
	await probe.context().close();
	const site = await buildSite(t);
	const roles = [...new Set(site.pages.map((p) => p[2]))];
	const figures = { tags: TAGS, checked: 0, pages: site.pages.length, widths: WIDTHS.map((w) => w[0]),
		schemes: SCHEMES, violations: 0, incomplete: 0, undecided: {}, undecidedAt: [], nodes: 0, byRule: {} };
	for (const [w, h] of WIDTHS)
		for (const scheme of SCHEMES)
			await checkPages(t, site, src, roles, figures, { w, h, scheme, shots: true });
	t.eq(figures.checked, site.pages.length * WIDTHS.length * SCHEMES.length, "every page checked in every combination");
	fs.mkdirSync(path.join(t.repo, "tests", "out"), { recursive: true });
	fs.writeFileSync(path.join(t.repo, "tests", "out", "axe.json"), JSON.stringify(figures, null, 1) + "\n");
	console.log(`axe: ${figures.checked} page checks (${figures.pages} pages x ${WIDTHS.length} widths x ` +
		`${SCHEMES.length} schemes), ${figures.violations} violations on ${figures.nodes} elements, ` +
		`${figures.incomplete} elements axe could not decide (needs review)`);
}

// The same pages in the site's other languages (issue 17 checks the pages
// in every language the site serves): at both widths, in the light scheme
// (the dark one changes colours only, which the English run covers).
export const LANGS = ["zh-TW", "zh-CN", "vi"];

export async function test_axe_every_page_kind_in_every_language(t) {
	const src = axeSource();
	if (!src)
		throw new t.Skip("axe-core is not installed (cd tests/browser && npm ci)");
	const site = await buildSite(t);
	const roles = [...new Set(site.pages.map((p) => p[2]))];
	const figures = { checked: 0, violations: 0, incomplete: 0, undecided: {}, undecidedAt: [], nodes: 0, byRule: {} };
	for (const lang of LANGS)
		for (const [w, h] of WIDTHS)
			await checkPages(t, site, src, roles, figures, { w, h, scheme: "light", lang });
	t.eq(figures.checked, site.pages.length * WIDTHS.length * LANGS.length, "every page checked in every language");
	console.log(`axe: ${figures.checked} page checks (${site.pages.length} pages x ${WIDTHS.length} widths x ` +
		`${LANGS.length} languages), ${figures.violations} violations on ${figures.nodes} elements`);
}

// axe over every page of site at one width, scheme and language (o.lang:
// sent as Accept-Language, checked against <html lang>), adding to figures.
async function checkPages(t, site, src, roles, figures, o) {
	const { w, h, scheme } = o;
	for (const role of roles) {
		const ctx = await t.browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme,
			...(o.lang ? { extraHTTPHeaders: { "Accept-Language": o.lang } } : {}),
			...(role ? { storageState: site.state[role] } : {}) });
		const page = await ctx.newPage();
		for (const [name, url] of site.pages.filter((p) => p[2] === role)) {
			const tag = `${name} ${w}px ${scheme}${o.lang ? " " + o.lang : ""}`;
			const resp = await page.goto(site.srv.url + url);
			t.eq(resp.status(), name === "error" ? 404 : 200, `${tag}: status`);
			if (o.lang)
				t.eq(await page.getAttribute("html", "lang"), o.lang, `${tag}: the page is in the language`);
			const v = await axeViolations(page, src);
			figures.checked++;
			for (const x of await page.evaluate(() => window.__axeIncomplete)) {
				const [id, n, ...what] = x.split(":");
				figures.incomplete += Number(n);
				figures.undecided[id] = (figures.undecided[id] || 0) + Number(n);
				figures.undecidedAt.push(`${tag}: ${id}: ${what.join(":")}`);
			}
			figures.violations += v.length;
			for (const x of v) {
				figures.nodes += x.nodes.length;
				figures.byRule[x.id] = (figures.byRule[x.id] || 0) + x.nodes.length;
			}
			t.ok(v.length === 0, `${tag}: axe violations:\n` + v.map((x) =>
				`  ${x.id} (${x.impact}): ${x.help}\n` + x.nodes.slice(0, 6).map((n) => "    " + n).join("\n")).join("\n"));
			if (o.shots && SHOTS.has(name))
				await t.shot(page, `${name}-${w}-${scheme}`);
		}
		await ctx.close();
	}
}
