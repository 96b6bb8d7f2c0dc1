// The whole loop by keyboard alone (issue 17): a patient asks, a doctor
// applies, an admin verifies them, the doctor replies and publishes, a
// reader finds and reads the page, and a signed-in reader comments on it.
// Only Tab, Shift+Tab, Enter, Space and typing move through the pages (an
// address is typed into the browser to start each person's visit). Every
// page starts with a skip link to its main content, and at every step the
// focused element shows a visible focus indicator: its computed outline or
// box-shadow differs from the same element unfocused.
import { addUsers, USERS, DEPT } from "./site_fixture.mjs";

const APPLICANT = {
	name: "Tran Van An", title: "Consultant Hepatologist", hospital: "Riverside Hospital",
	licence: "LIC-5521-KBD", email: "tran.an@example.org", password: "applicant-pass-1",
};
const TITLE = "Yellow eyes after a long trip abroad";
const REPLY = "Yellow eyes can come from the liver. Please see a doctor this week for blood tests.";

class Walk {
	constructor(t, page, who) {
		this.t = t;
		this.page = page;
		this.who = who;
		this.steps = 0;
		this.bad = [];
	}

	// The focused element and whether its focus shows: the computed outline
	// and box-shadow focused, then the same element blurred (and focused
	// again, which keeps :focus-visible after keyboard use).
	async focus() {
		return this.page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body || el === document.documentElement)
				return null;
			const pick = (s) => ({ style: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0,
				outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow });
			const on = pick(getComputedStyle(el));
			// A date input has a field per part, and focus() puts the
			// cursor back on the first: blurring it to compare would keep
			// Tab inside it for ever, so its focus style is read as it is.
			const parts = el.tagName === "INPUT" && /^(date|time|datetime-local|month|week)$/.test(el.type);
			let off = { style: "none", width: 0, outline: "", shadow: "none" };
			if (!parts) {
				el.blur();
				off = pick(getComputedStyle(el));
				el.focus({ preventScroll: true });
			}
			const outline = on.style !== "none" && on.width >= 2 && on.outline !== off.outline;
			const shadow = on.shadow !== "none" && on.shadow !== off.shadow;
			const r = el.getBoundingClientRect();
			const text = (el.innerText || el.value || "").trim().replace(/\s+/g, " ").slice(0, 60);
			return {
				visible: outline || shadow,
				inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
					r.top < window.innerHeight && r.left < window.innerWidth,
				desc: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}` +
					`${el.getAttribute("href") ? "[href=" + el.getAttribute("href") + "]" : ""} "${text}"`,
				text, back: document.activeElement === el,
				inMain: !!el.closest("main"),
			};
		});
	}

	async press(key) {
		await this.page.keyboard.press(key);
		const f = await this.focus();
		this.steps++;
		if (f && (!f.visible || !f.inView || !f.back))
			this.bad.push(`${f.desc} (${!f.visible ? "no visible focus" : !f.inView ? "out of view" : "focus lost"})`);
		return f;
	}

	// Tab (or Shift+Tab) until the focused element matches sel and, when
	// given, holds text.
	// given, holds text; going forward, without passing the end of the page
	// (the order of the page leads there).
	async tabTo(sel, text = "", back = false) {
		const at = () => this.page.evaluate(([s, x]) => {
			const el = document.activeElement;
			return el.matches(s) && (el.innerText || el.value || "").includes(x);
		}, [sel, text]);
		if (await at())
			return;
		for (let i = 0; i < 250; i++) {
			const f = await this.press(back ? "Shift+Tab" : "Tab");
			if (!back && f && f.desc.startsWith('a[href=#main]'))
				throw new Error(`${this.who}: Tab went round the page without reaching ${sel} ${text}`);
			if (f && (await at()))
				return;
		}
		throw new Error(`${this.who}: Tab never reached ${sel} ${text}`);
	}

	async type(sel, text) {
		await this.tabTo(sel);
		await this.page.keyboard.type(text);
	}

	// A new page: the first Tab reaches a visible skip link to the main
	// content; Enter on it sends the next Tab into <main> (or, with
	// skip false, the walk goes on into the header).
	async start(what, enter = true) {
		const f = await this.press("Tab");
		const skip = await this.page.evaluate(() => {
			const el = document.activeElement;
			const r = el.getBoundingClientRect();
			const target = document.querySelector((el.getAttribute("href") || "x").replace(/^(?!#).*/, "x"));
			return el.matches("a.skip") && !!target && target.tagName === "MAIN" && r.top >= 0 && r.left >= 0 && r.width > 10;
		});
		this.t.ok(skip && f && f.visible, `${this.who}, ${what}: the first Tab shows a skip link to <main> (${f && f.desc})`);
		if (!enter)
			return;
		await this.page.keyboard.press("Enter");
		const next = await this.press("Tab");
		this.t.ok(next && next.inMain, `${this.who}, ${what}: after the skip link, Tab goes into the main content (${next && next.desc})`);
	}

	// Enter (or Space) on the focused control, waiting for the next page.
	async activate(key = "Enter") {
		await Promise.all([this.page.waitForNavigation(), this.page.keyboard.press(key)]);
	}

	report() {
		Walk.total = (Walk.total || 0) + this.steps;
		this.t.ok(this.bad.length === 0, `${this.who}: focus visible at every one of ${this.steps} steps; not at: ${this.bad.join("; ")}`);
		this.t.ok(this.steps > 5, `${this.who}: walked ${this.steps} steps`);
	}
}

async function walker(t, who, url, storageState) {
	const ctx = await t.browser.newContext({ viewport: { width: 1280, height: 900 }, ...(storageState ? { storageState } : {}) });
	const page = await ctx.newPage();
	page.errors = [];
	page.on("pageerror", (e) => page.errors.push(String(e)));
	await page.goto(url);
	return new Walk(t, page, who);
}

async function logIn(w, url, who) {
	await w.page.goto(url + "/login");
	await w.start("login");
	await w.type("#email", who.email);
	await w.type("#password", who.password);
	await w.activate("Enter");
	w.t.ok(!w.page.url().endsWith("/login"), `${w.who} logged in by keyboard`);
}

export async function test_keyboard_loop(t) {
	const db = t.demoDb();
	addUsers(t, db);
	const srv = await t.server(db, ["--qa-comments"]);

	// 1. An anonymous patient asks.
	let w = await walker(t, "patient", srv.url + "/ask");
	await w.start("ask");
	await w.type("#title", TITLE);
	await w.type("#text", "Two weeks after coming back from a trip my eyes look yellow and I feel tired. " +
		"I ate street food there. I am 38 and take no medicines. What could it be?");
	await w.tabTo("#department");
	await w.page.keyboard.type("Gastro");
	t.eq(await w.page.$eval("#department", (s) => s.options[s.selectedIndex].text), DEPT, "department chosen by typing");
	await w.type("#nickname", "kite");
	await w.tabTo("#consent");
	// Ticked by default: Space unticks and ticks it again.
	const was = await w.page.isChecked("#consent");
	await w.page.keyboard.press("Space");
	t.eq(await w.page.isChecked("#consent"), !was, "Space toggles the consent box");
	if (!(await w.page.isChecked("#consent")))
		await w.page.keyboard.press("Space");
	t.ok(await w.page.isChecked("#consent"), "consent ticked by keyboard");
	await w.tabTo("button", "Send my question");
	await w.activate("Enter");
	t.ok(/\/my\/question\//.test(w.page.url()), "the question is sent: " + w.page.url());
	w.report();
	await w.page.context().close();

	// 2. A doctor applies.
	w = await walker(t, "applicant", srv.url + "/doctor/apply");
	await w.start("apply");
	await w.type("#name", APPLICANT.name);
	await w.type("#title", APPLICANT.title);
	await w.type("#hospital", APPLICANT.hospital);
	await w.tabTo("#department");
	await w.page.keyboard.type("Gastro");
	await w.type("#licence", APPLICANT.licence);
	await w.type("#bio", "Viral hepatitis and jaundice.");
	await w.type("#email", APPLICANT.email);
	await w.type("#password", APPLICANT.password);
	await w.type("#password2", APPLICANT.password);
	await w.tabTo("button", "Send application");
	await w.activate("Space");
	w.report();
	await w.page.context().close();

	// 3. The admin verifies them.
	w = await walker(t, "admin", srv.url + "/");
	await logIn(w, srv.url, USERS.admin);
	await w.start("after login", false);
	await w.tabTo('a[href="/admin"]');
	await w.activate();
	await w.start("admin");
	await w.tabTo('a[href="/admin/doctors"]');
	await w.activate();
	await w.start("doctor applications");
	await w.tabTo("button", `Verify ${APPLICANT.name}`);
	await w.activate("Enter");
	t.ok((await w.page.content()).includes("verified") || (await w.page.locator(`text=Verify ${APPLICANT.name}`).count()) === 0,
		"the application is verified");
	w.report();
	await w.page.context().close();

	// 4. The doctor replies and publishes.
	w = await walker(t, "doctor", srv.url + "/");
	await logIn(w, srv.url, APPLICANT);
	await w.start("after login", false);
	await w.tabTo('a[href="/doctor/queue"]');
	await w.activate();
	await w.start("queue");
	await w.tabTo('a[href^="/doctor/question/"]', TITLE);
	await w.activate();
	await w.start("question");
	await w.type("#body", REPLY);
	await w.tabTo('button[value="publish"]');
	await w.activate("Space");
	const qaUrl = w.page.url();
	t.ok(/\/qa\/\d+$/.test(qaUrl), "published by keyboard: " + qaUrl);
	w.report();
	await w.page.context().close();

	// 5. A reader finds it on the home page and reads it.
	w = await walker(t, "reader", srv.url + "/");
	await w.start("home");
	await w.tabTo('a[href^="/qa/"]', TITLE);
	await w.activate();
	t.eq(w.page.url(), qaUrl, "the reader reached the Q&A from the home page");
	t.eq((await w.page.locator("h1").textContent()).trim(), TITLE, "the page's title");
	t.ok((await w.page.locator(".reply-body").textContent()).includes("Yellow eyes can come from the liver"), "the reply is shown");
	await w.start("Q&A");
	// The comments say a login is needed; the reader follows that link.
	await w.tabTo('.login-note a[href^="/login"]');
	await w.activate();
	await w.start("login");
	await w.type("#email", USERS.reader.email);
	await w.type("#password", USERS.reader.password);
	await w.activate("Enter");
	w.report();

	// 6. Signed in, the reader comments on the Q&A.
	await w.page.goto(qaUrl);
	await w.start("Q&A, signed in");
	await w.type("#comment-body", "Thank you, I did not know the eyes could show this.");
	// Shift+Tab back to the field and forward again: the order holds.
	await w.tabTo("button", "Post comment");
	await w.tabTo("#comment-body", "", true);
	await w.tabTo("button", "Post comment");
	await w.activate("Enter");
	t.ok((await w.page.content()).includes("I did not know the eyes could show this"), "the comment is posted");
	w.report();
	t.eq(w.page.errors.join("; "), "", "no script errors");
	await w.page.context().close();
	console.log(`keyboard: the loop took ${Walk.total} Tab/Shift+Tab steps`);
}
