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

// The same in Vietnamese chosen by a link: the options are named in vi,
// and so is the suggestion (/api/similar asked in the page's language).
export async function test_ask_form_suggests_in_the_page_language(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(390, 844);
	await page.goto(srv.url + "/ask?lang=vi");
	await page.fill("#title", "Fever in my toddler");
	await page.type("#text", "My two year old son has had a fever of 39.5 since yesterday and he is very sleepy.",
		{ delay: 5 });
	await page.waitForSelector("#similar-live:not([hidden]) li a", { timeout: 5000 });
	await page.waitForSelector("#department-suggested:not([hidden])", { timeout: 5000 });
	const dept = await page.locator("#department option:checked").textContent();
	t.eq(dept, "Nhi khoa", "the suggested department is pre-selected, named in vi");
	const meta = await page.locator("#similar-live li .meta").allTextContents();
	t.ok(meta.length > 0 && meta.every((m) => !/Pediatrics|Oncology|Gastroenterology/.test(m)),
		`suggestions' departments in vi: ${meta.join("|")}`);
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

// Search as readers type, on a phone: results come before the folded
// filters; a misspelt word is corrected; Simplified Chinese finds
// Traditional; Vietnamese with tone marks finds liver cancer, not "thứ".
export async function test_search_as_readers_type(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(390, 844);
	const search = async (q) => {
		await page.goto(srv.url + "/search?q=" + encodeURIComponent(q));
		return page.locator("ol.results li h3 a").allTextContents();
	};

	// Nothing matches "hepatits": the correction is searched at once.
	let titles = await search("hepatits");
	t.ok(titles.length >= 1, `"hepatits" finds results: ${titles.length}`);
	t.ok(/hepatitis/i.test(titles[0]), `first result is about hepatitis: ${titles[0]}`);
	t.ok(/Showing results for\s+hepatitis/.test(await page.locator("#spelling").textContent()),
		"the correction is named");
	t.ok(await page.locator("details.filters").evaluate((d) => !d.open), "filters folded away");
	const first = await page.locator("ol.results li").first().boundingBox();
	t.ok(first && first.y < 844, `the first result is on the first screen: y=${first && first.y}`);
	await t.shot(page, "search-corrected-mobile");
	// The original query is one click away and is not corrected again.
	await Promise.all([page.waitForNavigation(), page.locator("#spelling a").click()]);
	t.eq(await page.locator("ol.results li").count(), 0, "the query as typed finds nothing");
	t.ok(/Did you mean\s+hepatitis/.test(await page.locator("#spelling").textContent()),
		"and offers the correction");

	// Results for a query with a misspelt word: "did you mean".
	titles = await search("hepatitus B carrier");
	t.ok(titles.length >= 1, "results for the words that match");
	t.ok(/Did you mean\s+hepatitis B carrier/.test(await page.locator("#spelling").textContent()),
		"did you mean");

	titles = await search("发烧");
	t.ok(titles.some((s) => s.includes("發燒")), `发烧 finds 發燒: ${titles.join(" | ")}`);

	titles = await search("ung thư gan");
	t.ok(titles.length >= 1, "ung thư gan finds something");
	t.ok(/liver|hepatocellular/i.test(titles[0]), `liver cancer content first: ${titles[0]}`);
	t.ok(!/Ốm nghén/.test(titles[0]), "not the morning-sickness Q&A");

	// Filters chosen: the panel stays open to show them.
	await page.goto(srv.url + "/search?q=fever&kind=qa");
	t.ok(await page.locator("details.filters").evaluate((d) => d.open), "filters shown when used");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}
