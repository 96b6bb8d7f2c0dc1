// The emergency notice appears while a patient types, and goes away when
// the text no longer describes an emergency.

export async function test_notice_while_typing(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(390, 844);
	await page.goto(srv.url + "/ask");
	t.ok(await page.locator("#emergency-live").isHidden(), "no notice before typing");
	await page.fill("#title", "Pain in my chest");
	await page.type("#text", "For the last hour I have had crushing chest pain and I am short of breath.",
		{ delay: 5 });
	await page.waitForSelector("#emergency-live:not([hidden])", { timeout: 5000 });
	t.ok(await page.locator("#emergency-live").isVisible(), "the notice is shown while typing");
	t.ok((await page.locator("#emergency-live").textContent()).includes("112"), "with the emergency numbers");
	await t.shot(page, "ask-emergency-mobile");
	await page.fill("#text", "No chest pain now, only a mild cough since last week.");
	await page.type("#text", " Thanks.", { delay: 5 });
	await page.waitForSelector("#emergency-live[hidden]", { state: "attached", timeout: 5000 });
	t.ok(await page.locator("#emergency-live").isHidden(), "the notice goes when the text changes");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}

// The live notice names what it found, in the words of the notice after
// submit, and changes with the text (burns included).
export async function test_notice_names_the_category(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(1280, 800);
	await page.goto(srv.url + "/ask");
	const cat = (k) => page.locator('#emergency-live [data-category="' + k + '"]');
	t.ok(await cat("cardiac").isHidden(), "no category shown before typing");
	await page.fill("#title", "Chest");
	await page.type("#text", "Crushing chest pain for an hour and I can't catch my breath.", { delay: 5 });
	await page.waitForSelector('#emergency-live:not([hidden]) [data-category="cardiac"]:not([hidden])',
		{ timeout: 5000 });
	t.ok(await cat("cardiac").isVisible(), "the heart sentence is shown");
	t.ok(await cat("burn").isHidden(), "the burn sentence is not");
	t.eq(await page.locator("#emergency-live [data-category]:not([hidden])").count(), 1, "only one category named");
	await page.fill("#title", "Scald");
	await page.fill("#text", "My toddler pulled a kettle of boiling water over his chest, huge blisters.");
	await page.type("#text", " Help.", { delay: 5 });
	await page.waitForSelector('#emergency-live [data-category="burn"]:not([hidden])', { timeout: 5000 });
	t.ok(await cat("burn").isVisible(), "a burn is named");
	t.ok((await cat("burn").textContent()).includes("running water"), "in the burn notice's words");
	t.ok(await cat("cardiac").isHidden(), "the heart sentence went");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}

// On a 390 px phone the live notice appears right under the field being
// typed in (visible without scrolling away from it), and names the site's
// emergency numbers as tap-to-call links.
export async function test_notice_beside_the_field_on_a_phone(t) {
	const srv = await t.server(t.demoDb(), ["--emergency-numbers", "119, +886 110"]);
	const page = await t.page(390, 844);
	await page.goto(srv.url + "/ask");
	await page.fill("#title", "My dad");
	await page.locator("#text").scrollIntoViewIfNeeded();
	await page.type("#text", "My dad has crushing chest pain and is sweating, he can't catch his breath.",
		{ delay: 5 });
	await page.waitForSelector("#emergency-live:not([hidden])", { timeout: 5000 });
	// In the page it follows the field it belongs to.
	t.ok(await page.evaluate(() => {
		const n = document.getElementById("emergency-live");
		return !!(n.previousElementSibling && n.previousElementSibling.querySelector("#text"));
	}), "the notice follows the question field in the page");
	// While the patient types (the field in view, however tall it is on a
	// phone), the notice is on screen with it, not 878 px above.
	const vh = page.viewportSize().height;
	for (const where of ["start", "end"]) {
		await page.evaluate((w) => {
			const f = document.getElementById("text");
			f.scrollIntoView({ block: w });
		}, where);
		const f2 = await page.locator("#text").boundingBox();
		const n2 = await page.locator("#emergency-live").boundingBox();
		t.ok(f2.y < vh && f2.y + f2.height > 0, "the field is on screen (" + where + ")");
		t.ok(n2.y >= 0 && n2.y + n2.height <= vh + 1,
			"the whole notice is on screen with the field (" + where + ": top " + Math.round(n2.y) +
			", height " + Math.round(n2.height) + " of " + vh + ")");
	}
	const tels = await page.locator('#emergency-live a[href^="tel:"]').evaluateAll(
		(as) => as.map((a) => [a.getAttribute("href"), a.textContent]));
	t.eq(JSON.stringify(tels), JSON.stringify([["tel:119", "119"], ["tel:+886110", "+886 110"]]),
		"each emergency number is a tel: link");
	// Typing in the title moves the notice under the title.
	await page.type("#title", " now", { delay: 5 });
	t.ok(await page.evaluate(() => {
		const n = document.getElementById("emergency-live");
		return !!(n.previousElementSibling && n.previousElementSibling.querySelector("#title"));
	}), "the notice follows the field being typed in");
	const title = await page.locator("#title").boundingBox();
	const n3 = await page.locator("#emergency-live").boundingBox();
	t.ok(n3.y >= 0 && n3.y + n3.height <= vh + 1 && title.y >= 0 && title.y < vh,
		"title and notice on screen together");
	await t.shot(page, "ask-emergency-beside-field");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}

// After submission the notice, with its tel: links, is at the top of the
// status page.
export async function test_notice_tops_the_status_page(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(390, 844);
	await page.goto(srv.url + "/ask");
	await page.fill("#title", "Crushing chest pain");
	await page.fill("#text", "Crushing chest pain for an hour and I am short of breath and sweating.");
	await page.locator("button.btn-ask").click();
	await page.waitForURL(/\/my\/question\//, { timeout: 10000 });
	const notice = page.locator(".emergency-notice").first();
	t.ok(await notice.isVisible(), "the notice is on the status page");
	const box = await notice.boundingBox();
	const h1 = await page.locator("h1").boundingBox();
	t.ok(box.y < h1.y, "above the title, at the top of the page");
	t.ok(await notice.locator('a[href="tel:112"]').count() === 1, "with a tel: link");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}
