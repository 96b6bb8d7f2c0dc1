// The doctor's workbench (issue 17, item 1) at phone (390 px) and desktop
// (1280 px) width: a liver question asked with the department's intake,
// then on the doctor's question page: the intake table, similar answered
// Q&As and library passages beside the question, quoting into the
// editor, the live preview (beside the editor on a desktop, under a tab
// on a phone), the shortcuts (Ctrl+S keeps a draft and previews,
// Ctrl+Enter publishes), and on a phone the question within the first
// screen. Screenshots: tests/out/screenshots/workbench-*.png.
import fs from "node:fs";
import { createRequire } from "node:module";
import { addUsers, DEPT, signIn, USERS } from "./site_fixture.mjs";
import { axeViolations } from "./test_a11y.mjs";

const require = createRequire(import.meta.url);

const TITLE = "Liver cancer came back after surgery: is TACE or RFA better now?";
const TEXT = "My father had a liver tumour removed last year because of hepatitis B. " +
	"He has cirrhosis and liver fibrosis. Now the scan shows a new 2 cm tumour and his AFP " +
	"went up. The doctors offer TACE or RFA, or a liver transplant. Which is better?";

async function askWithIntake(t, url) {
	const ctx = await t.browser.newContext({ viewport: { width: 1280, height: 900 } });
	const p = await ctx.newPage();
	await p.goto(url + "/ask");
	const before = await p.locator("fieldset.intake:visible").count();
	t.eq(before, 0, "ask: no intake shown before a department is chosen");
	await p.fill("#title", TITLE);
	await p.fill("#text", TEXT);
	await p.selectOption("#department", { label: DEPT });
	const set = p.locator("fieldset.intake:visible");
	t.eq(await set.count(), 1, "ask: the liver intake shows once the department is chosen");
	await set.locator('select[name$=".child_pugh"]').selectOption("A");
	await set.locator('input[name$=".tumour_size"]').fill("2");
	await set.locator('input[name$=".afp"]').fill("85");
	await set.locator('input[value="resection"]').check();
	await set.locator('input[name$=".resection_date"]').fill("2025-09-15");
	await t.shot(p, "ask-intake-1280");
	await p.check("#consent");
	await Promise.all([p.waitForNavigation(), p.click('button:has-text("Send my question")')]);
	t.ok(p.url().includes("/my/question/"), "ask: question sent");
	await ctx.close();
}

export async function test_workbench_phone_and_desktop(t) {
	const db = t.demoDb();
	addUsers(t, db);
	const srv = await t.server(db);
	await askWithIntake(t, srv.url);
	const state = await signIn(t.browser, srv.url, USERS.doctor);
	const admin = await signIn(t.browser, srv.url, USERS.admin);
	let axe = null;
	try {
		axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
	} catch (e) { /* not installed: the axe checks below are skipped */ }

	for (const [w, h] of [[390, 844], [1280, 900]]) {
		const ctx = await t.browser.newContext({ viewport: { width: w, height: h }, storageState: state });
		const p = await ctx.newPage();
		const errors = [];
		p.on("pageerror", (e) => errors.push(String(e)));
		await p.goto(srv.url + "/doctor/queue");
		t.ok(await p.locator(".queue-wait").first().isVisible(), `${w}: queue shows the waiting time`);
		if (w === 390) {
			const bar = await p.locator(".queue-bar .btn").first().boundingBox();
			t.ok(bar && bar.y + bar.height <= h + 1 && bar.height >= 44,
				`${w}: the queue's main button is big and within reach at the bottom`);
		}
		await t.shot(p, `workbench-queue-${w}`);
		await p.locator(".queue-item", { hasText: TITLE }).click();
		await p.waitForLoadState();

		// The question starts on the first screen.
		const q = await p.locator(".wb-question .question").boundingBox();
		t.ok(q && q.y < h * 0.9, `${w}: the question starts on the first screen (y=${q && Math.round(q.y)})`);

		// Beside the question: the intake, similar Q&As, passages.
		t.ok(await p.locator(".intake-table").isVisible(), `${w}: intake table shown`);
		t.ok((await p.locator(".intake-table").innerText()).includes("85 ng/mL"), `${w}: AFP with its unit`);
		const similar = p.locator(".wb-similar li");
		t.ok(await similar.count() > 0, `${w}: similar answered Q&As shown`);
		t.ok(await p.locator(".wb-passages li").count() > 0, `${w}: library passages shown`);
		if (w === 1280) {
			const side = await p.locator(".wb-side").boundingBox();
			const main = await p.locator(".wb-question").boundingBox();
			t.ok(side && main && side.x > main.x + main.width - 1, "1280: the side column is beside the question");
		}

		// Suggested topics come ticked.
		t.ok(await p.locator('input[name="topic"]:checked').count() > 0, `${w}: suggested topics pre-ticked`);

		// Quote a similar Q&A's reply into the editor.
		await similar.first().locator("summary").click();
		const quote = similar.first().locator(".wb-quote");
		t.ok(await quote.isVisible(), `${w}: quote button shown`);
		await quote.click();
		const body = await p.inputValue("#body");
		t.ok(body.startsWith("> "), `${w}: the reply is quoted into the editor`);
		await p.fill("#body", "**TACE or RFA** both suit a 2 cm tumour.\n\n" + body);

		// Live preview: beside on a desktop, under a tab on a phone.
		const tabs = p.locator(".wb-tabs");
		if (w === 390) {
			t.ok(await tabs.isVisible(), "390: Write / Preview tabs shown");
			t.ok(!(await p.locator("#wb-preview").isVisible()), "390: preview hidden under its tab");
			await p.click("#wb-tab-preview");
			t.eq(await p.getAttribute("#wb-tab-preview", "aria-selected"), "true", "390: preview tab selected");
			t.ok(!(await p.locator("#body").isVisible()), "390: editor hidden while previewing");
		} else {
			t.ok(!(await tabs.isVisible()), "1280: no tabs");
			const ed = await p.locator("#body").boundingBox();
			const pv = await p.locator("#wb-preview").boundingBox();
			t.ok(ed && pv && pv.x > ed.x + ed.width - 1, "1280: the preview is beside the editor");
		}
		await p.waitForFunction(() => document.querySelector("#wb-preview-body strong") !== null,
			null, { timeout: 5000 }).catch(() => {});
		t.eq(await p.locator("#wb-preview-body strong").first().innerText().catch(() => ""), "TACE or RFA",
			`${w}: live preview renders the Markdown`);
		await t.shot(p, `workbench-${w}`);
		if (axe) {
			const v = await axeViolations(p, axe);
			t.eq(v.map((x) => x.id + ": " + x.nodes.join(", ")).join("; "), "", `${w}: axe on the workbench`);
		}
		if (w === 390) {
			await p.click("#wb-tab-write");
			t.ok(await p.locator("#body").isVisible(), "390: back to the editor");
		}

		// The shortcuts are documented and work: Ctrl+S keeps a draft and
		// previews on the server; the draft survives a reload.
		t.ok(await p.locator("#wb-shortcuts kbd").count() >= 4, `${w}: shortcuts documented`);
		await p.focus("#body");
		await Promise.all([p.waitForNavigation(), p.keyboard.press("Control+s")]);
		t.ok((await p.inputValue("#body")).includes("**TACE or RFA**"), `${w}: Ctrl+S kept the reply`);
		t.ok(await p.locator("#wb-preview-body strong").count() > 0, `${w}: server preview shown`);
		await p.goto(p.url());
		t.ok((await p.inputValue("#body")).includes("**TACE or RFA**"), `${w}: draft restored after a reload`);
		t.ok(await p.locator("#wb-draft-note").isVisible(), `${w}: the restored draft is announced`);
		if (w === 1280) {
			// Ctrl+Enter publishes (after choosing for each flagged span).
			for (const r of await p.locator('.pii-choices input[value="remove"]').all())
				await r.check();
			await p.focus("#body");
			await Promise.all([p.waitForNavigation(), p.keyboard.press("Control+Enter")]);
			t.ok(/\/qa\/\d+$/.test(p.url()), "1280: Ctrl+Enter published the reply");
			t.ok(!(await p.content()).includes("85 ng/mL"), "1280: the intake is not on the public page");
		}
		t.eq(errors.join("; "), "", `${w}: no script errors`);
		if (axe) {
			await p.goto(srv.url + "/doctor/queue");
			const v = await axeViolations(p, axe);
			t.eq(v.map((x) => x.id + ": " + x.nodes.join(", ")).join("; "), "", `${w}: axe on the queue`);
		}
		await ctx.close();
		if (axe) {
			const actx = await t.browser.newContext({ viewport: { width: w, height: h }, storageState: admin });
			const ap = await actx.newPage();
			await ap.goto(srv.url + "/admin/intake");
			const edit = await ap.locator('main a[href^="/admin/intake/"]', { hasText: "Gastroenterology" }).getAttribute("href");
			for (const url of ["/admin/intake", edit, "/ask?department=gastroenterology-and-hepatology"]) {
				await ap.goto(srv.url + url);
				const v = await axeViolations(ap, axe);
				t.eq(v.map((x) => x.id + ": " + x.nodes.join(", ")).join("; "), "", `${w}: axe on ${url}`);
			}
			await actx.close();
		}
	}
}
