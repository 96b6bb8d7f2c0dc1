// The patient's status page (issue 17): at phone (390 px) and desktop
// (1280 px) width, copying the page's link, saving the question to an
// account through the login page and back, and withdrawing only after a
// confirmation (a dialog with JavaScript; the server's own page without).
// axe-core stays clean on the page and its confirmation step. Screenshots
// go to tests/out/screenshots/status-*.png.
import fs from "node:fs";
import { createRequire } from "node:module";
import { addUsers, ask, USERS } from "./site_fixture.mjs";
import { axeViolations } from "./test_a11y.mjs";

const require = createRequire(import.meta.url);

function axeSource() {
	try {
		return fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
	} catch (e) {
		return null;
	}
}

async function axeClean(t, page, what, src) {
	if (!src)
		return;
	const v = await axeViolations(page, src);
	t.eq(v.length, 0, `axe on ${what}: ${v.map((x) => x.id + " " + x.nodes.join("; ")).join(" | ")}`);
}

export async function test_status_page_way_back(t) {
	const db = t.demoDb();
	addUsers(t, db);
	const srv = await t.server(db);
	const src = axeSource();
	for (const [w, h] of [[390, 844], [1280, 900]]) {
		const page = await t.page(w, h);
		await page.context().grantPermissions(["clipboard-read", "clipboard-write"],
			{ origin: srv.url });
		const url = await ask(page, srv.url, `Sudden itching at night, width ${w}, what could it be?`,
			"For two weeks my skin itches every night and my urine looks darker than usual.");
		t.ok(/\/my\/question\/[A-Za-z0-9_-]{43}$/.test(url), `status page at ${w}`);
		const path = new URL(url).pathname;

		// Copy link: the button appears with JavaScript and copies the
		// page's full address.
		const copy = page.locator("button[data-copy-from]");
		t.ok(await copy.isVisible(), `copy button shown at ${w}`);
		await copy.click();
		await page.waitForFunction(() =>
			document.querySelector("button[data-copy-from]").textContent !== "Copy link");
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		t.eq(copied, srv.url + path, `the link copied at ${w}`);
		t.eq(await page.inputValue("#status-link"), srv.url + path, "the field holds it too");
		await axeClean(t, page, `status page at ${w}`, src);
		await t.shot(page, `status-${w}`);

		// Withdraw: dismissing the dialog keeps the question.
		page.removeAllListeners("dialog");
		let asked = "";
		page.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
		await page.click("form.withdraw-form button");
		await page.waitForTimeout(300);
		t.ok(asked.includes("Withdraw this question?"), `a dialog asks first at ${w}`);
		t.eq(new URL(page.url()).pathname, path, "still on the page");
		t.ok(await page.locator("form.withdraw-form").isVisible(), "not withdrawn");

		// The server's own confirmation step (what a browser without
		// JavaScript gets; form.submit() skips the dialog).
		await Promise.all([page.waitForNavigation(),
			page.evaluate(() => document.querySelector("form.withdraw-form").submit())]);
		t.ok((await page.textContent("main")).includes("Yes, withdraw it"), `confirm step at ${w}`);
		await axeClean(t, page, `withdraw confirmation at ${w}`, src);
		await t.shot(page, `status-withdraw-confirm-${w}`);
		await Promise.all([page.waitForNavigation(), page.click("a:has-text('No, keep my question')")]);
		t.eq(new URL(page.url()).pathname, path, "kept: back on the page");

		// Save: to the login page and back, then save.
		await Promise.all([page.waitForNavigation(), page.click(".keep-box a[href^='/login']")]);
		t.ok(page.url().includes("/login?next="), `login page with next at ${w}`);
		await page.fill("#email", USERS.patient.email);
		await page.fill("#password", USERS.patient.password);
		await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
		t.eq(new URL(page.url()).pathname, path, `back on the status page at ${w}`);
		await Promise.all([page.waitForNavigation(),
			page.click("button:has-text('Save to my account')")]);
		t.ok((await page.textContent("main")).includes("This question is saved to your account."),
			`saved at ${w}`);
		await axeClean(t, page, `saved status page at ${w}`, src);
		await t.shot(page, `status-saved-${w}`);

		// Without JavaScript the server asks: a confirmation page.
		const nojs = await page.context().browser().newContext({
			javaScriptEnabled: false, viewport: { width: w, height: h } });
		const p2 = await nojs.newPage();
		await p2.goto(url);
		t.ok(!(await p2.locator("button[data-copy-from]").isVisible()),
			"no copy button without JavaScript (the field stays)");
		await Promise.all([p2.waitForNavigation(), p2.click("form.withdraw-form button")]);
		t.ok((await p2.textContent("main")).includes("Yes, withdraw it"),
			`confirm step without JavaScript at ${w}`);
		await Promise.all([p2.waitForNavigation(), p2.click("button:has-text('Yes, withdraw it')")]);
		t.ok((await p2.textContent("main")).includes("You withdrew this question"),
			`withdrawn after confirming at ${w}`);
		await nojs.close();
		t.eq(page.errors.filter((e) => !e.startsWith("dialog")).length, 0,
			`no script errors at ${w}: ${page.errors.join("; ")}`);
		await page.context().close();
	}
}
