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
