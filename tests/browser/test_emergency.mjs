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
