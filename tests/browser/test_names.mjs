// Names and content in the reader's language (issue 16): search results
// name departments in the page's language and mark results in another
// language with lang; article categories show under their names in each
// language in lists, breadcrumbs and headings; the demo's articles carry
// readers' comments, and doctors' replies, in the article's language.

export async function test_search_results_name_departments_in_language(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(390, 844);
	await page.goto(srv.url + "/search?q=hepatitis+B&lang=zh-TW");
	const metas = await page.locator("ol.results p.meta").allTextContents();
	t.ok(metas.some((m) => m.includes("肝膽腸胃科")), "a department named in zh-TW");
	t.ok(!metas.some((m) => m.includes("Gastroenterology")), "none under its stored English name");
	t.ok(await page.locator('ol.results h3 a[lang="en"]').count() >= 1,
		"an English result's title is marked lang=en");
	t.ok(await page.locator('ol.results p.snippet[lang="en"]').count() >= 1, "and its snippet");
	t.ok(await page.locator("ol.results h3 a:not([lang])").count() >= 1,
		"a zh-TW result on the zh-TW page is not marked");
	t.eq(await page.locator('#s-dept option[value="Gastroenterology and Hepatology"]').textContent(),
		"肝膽腸胃科", "the department filter in zh-TW");
	await t.shot(page, "names-search-zh-TW-390");
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}

export async function test_article_categories_in_language(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page();
	for (const [tag, more, family] of [["zh-TW", "更多", "家庭健康"], ["zh-CN", "更多", "家庭健康"],
		["vi", "Khác", "Gia đình"], ["en", "More", "Family"]]) {
		await page.goto(srv.url + "/articles?lang=" + tag);
		// (the link also says "(category)" to screen readers)
		t.eq((await page.locator('main a[href="/articles/in/more"]').first().innerText()).split("\n")[0]
			.trim(), more, `${tag}: the category list`);
		await page.goto(srv.url + "/articles/in/more/health/family?lang=" + tag);
		t.eq((await page.locator("main h1").innerText()).trim(), family, `${tag}: the category page`);
		t.eq((await page.locator("nav.crumbs [aria-current=page]").innerText()).trim(), family,
			`${tag}: its breadcrumb`);
		if (tag === "vi")
			await t.shot(page, "names-category-vi-1280");
	}
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}

export async function test_demo_articles_have_comments(t) {
	const srv = await t.server(t.demoDb());
	const page = await t.page(390, 844);
	for (const [tag, title, words] of [
		["zh-TW", "胃食道逆流：從生活習慣開始改善", "床頭墊高"],
		["zh-CN", "化疗期间如何预防感染", "白细胞"],
		["vi", "Ba tháng đầu thai kỳ: những điều mẹ bầu nên biết", "axit folic"]]) {
		await page.goto(srv.url + "/articles?lang=" + tag);
		await Promise.all([page.waitForNavigation(),
			page.locator(`main a:has-text("${title}")`).first().click()]);
		const bodies = await page.locator("li.comment .comment-body").allTextContents();
		t.ok(bodies.length >= 2, `${tag}: the article has demo comments (${bodies.length})`);
		t.ok(bodies.some((b) => b.includes(words)), `${tag}: a reader's comment in ${tag}`);
		t.ok(await page.locator("li.comment .badge-verified").count() >= 1, `${tag}: a doctor replies`);
		await t.shot(page, `names-comments-${tag}-390`);
	}
	t.eq(page.errors.join("; "), "", "no script errors");
	await page.context().close();
}
