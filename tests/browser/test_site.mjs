// Browser checks of the site shell: pages render without script errors or
// CSP violations, at desktop and mobile widths, with screenshots.

export async function test_home_and_qa_render(t) {
	const srv = await t.server(t.demoDb());
	for (const [w, h, tag] of [[1280, 900, "desktop"], [390, 844, "mobile"]]) {
		const page = await t.page(w, h);
		let r = await page.goto(srv.url + "/");
		t.eq(r.status(), 200, `home status (${tag})`);
		await t.shot(page, `home-${tag}`);
		const link = await page.locator('a[href^="/qa/"]').first().getAttribute("href");
		r = await page.goto(srv.url + link);
		t.eq(r.status(), 200, `qa status (${tag})`);
		t.ok(await page.locator("h1").count() === 1, `qa page has one h1 (${tag})`);
		t.ok(await page.getByText("Medical disclaimer").isVisible(), `disclaimer visible (${tag})`);
		await t.shot(page, `qa-${tag}`);
		// Nothing wider than the viewport on a phone.
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		t.ok(overflow <= 0, `no horizontal scrolling (${tag}): ${overflow}px`);
		t.eq(page.errors.join("; "), "", `no script errors or CSP violations (${tag})`);
		await page.context().close();
	}
}
