// The search surfaces in the browser: live suggestions on the ask form
// while the patient types, the search page with highlighted snippets.

export async function test_ask_form_suggests_while_typing(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(390, 844);
	await page.goto(srv.url + "/ask");
	t.ok(await page.locator("#similar-live").isHidden(), "no suggestions before typing");
	await page.fill("#title", "Fever in my toddler");
	await page.type("#text", "My two year old son has had a fever of 39.5 since yesterday and he is very sleepy.",
		{ delay: 5 });
	await page.waitForSelector("#similar-live:not([hidden]) li a", { timeout: 5000 });
	const n = await page.locator("#similar-live li a").count();
	t.ok(n >= 1 && n <= 5, `one to five suggestions shown: ${n}`);
	const dept = await page.locator("#department option:checked").textContent();
	t.eq(dept, "Pediatrics", "the suggested department is pre-selected");
	t.ok(await page.locator("#department-suggested").isVisible(), "the suggestion is explained");
	await t.shot(page, "ask-suggestions-mobile");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}

export async function test_search_page(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page();
	await page.goto(srv.url + "/");
	await page.fill("#home-q", "hepatitis B carrier");
	await Promise.all([page.waitForNavigation(), page.press("#home-q", "Enter")]);
	t.ok(page.url().includes("/search?q="), "the home search box leads to /search");
	t.ok(await page.locator("ol.results li").count() >= 3, "results listed");
	t.ok(await page.locator("ol.results mark").count() >= 1, "matches highlighted");
	await t.shot(page, "search-desktop");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}
