// The product's core loop in a real browser: an anonymous patient asks, a
// doctor applies and an admin verifies them, the doctor replies in
// Markdown and publishes, the published page shows every element, and the
// patient's private status page shows the reply. Screenshots of the Q&A
// page at desktop and mobile width are saved.

const ADMIN = { email: "admin@example.org", password: "admin-pass-1234" };
const DOCTOR = {
	name: "Hsu Li-Wen", title: "Attending Physician, Hepatology",
	hospital: "Lakeside Teaching Hospital", licence: "LIC-0042-XYZ",
	email: "hsu.liwen@example.org", password: "doctor-pass-5678",
};

async function login(t, url, who) {
	const page = await t.page();
	await page.goto(url + "/login");
	await page.fill("#email", who.email);
	await page.fill("#password", who.password);
	await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]:has-text("Log in")')]);
	return page;
}

export async function test_ask_verify_reply_publish(t) {
	const db = t.demoDb();
	const r = t.run("user", "add", "--db", db, "--role", "admin", "--email", ADMIN.email,
		"--name", "Site Admin", "--password", ADMIN.password);
	t.eq(r.code, 0, "admin created: " + r.stderr);
	const srv = await t.server(db);

	// 1. An anonymous patient asks.
	const patient = await t.page();
	await patient.goto(srv.url + "/ask");
	await patient.fill("#title", "Does hepatitis B in my family mean I need tests?");
	await patient.fill("#text", "My mother and my older brother both carry hepatitis B. " +
		"I am 34 and have never been tested. I feel well. Should I be tested, " +
		"and if I am not infected, is it too late to get the vaccine?");
	await patient.fill("#nickname", "lotus");
	await patient.selectOption("#age_band", "30-39");
	await patient.selectOption("#sex", "female");
	await patient.selectOption("#department", { label: "Gastroenterology and Hepatology" });
	await patient.check("#consent");
	await Promise.all([patient.waitForNavigation(), patient.click('button:has-text("Send my question")')]);
	const statusUrl = patient.url();
	t.ok(/\/my\/question\/[A-Za-z0-9_-]{40,}$/.test(statusUrl), "status page at a capability URL: " + statusUrl);
	t.ok((await patient.content()).includes("hepatitis B in my family"), "status page shows the question");

	// 2. A doctor applies; 3. an admin verifies them.
	const applicant = await t.page();
	await applicant.goto(srv.url + "/doctor/apply");
	await applicant.fill("#name", DOCTOR.name);
	await applicant.fill("#title", DOCTOR.title);
	await applicant.fill("#hospital", DOCTOR.hospital);
	await applicant.selectOption("#department", { label: "Gastroenterology and Hepatology" });
	await applicant.fill("#licence", DOCTOR.licence);
	await applicant.fill("#bio", "Treats viral hepatitis and liver disease.");
	await applicant.fill("#email", DOCTOR.email);
	await applicant.fill("#password", DOCTOR.password);
	await applicant.fill("#password2", DOCTOR.password);
	await Promise.all([applicant.waitForNavigation(), applicant.click('button:has-text("Send application")')]);
	await applicant.context().close();

	const admin = await login(t, srv.url, ADMIN);
	await admin.goto(srv.url + "/admin/doctors");
	t.ok((await admin.content()).includes(DOCTOR.licence), "admin sees the licence number");
	await Promise.all([admin.waitForNavigation(), admin.click(`button:has-text("Verify ${DOCTOR.name}")`)]);
	await admin.context().close();

	// 4. The doctor replies with Markdown and publishes.
	const doctor = await login(t, srv.url, DOCTOR);
	await doctor.goto(srv.url + "/doctor/queue");
	await Promise.all([doctor.waitForNavigation(),
		doctor.click('a:has-text("Does hepatitis B in my family mean I need tests?")')]);
	t.eq(await doctor.locator("#signoff").count(), 1, "the editor has a sign-off field");
	await doctor.fill("#body", "Yes, **please get tested**: hepatitis B often runs in families.\n\n" +
		"- a blood test for HBsAg and anti-HBs tells whether you carry the virus or are immune;\n" +
		"- if you are neither, the vaccine still works well at your age.\n\n" +
		"Bring your family history to your doctor.");
	await Promise.all([doctor.waitForNavigation(), doctor.click('button[name=action][value=preview]')]);
	t.ok(await doctor.locator("strong", { hasText: "please get tested" }).count() > 0, "preview renders Markdown");
	await Promise.all([doctor.waitForNavigation(), doctor.click('button:has-text("Publish")')]);
	const qaUrl = doctor.url();
	t.ok(/\/qa\/\d+$/.test(qaUrl), "publishing leads to the Q&A page: " + qaUrl);
	await doctor.context().close();

	// 5. The published page, as a reader sees it, at two widths.
	for (const [w, h, tag] of [[1280, 900, "desktop"], [390, 844, "mobile"]]) {
		const reader = await t.page(w, h);
		const resp = await reader.goto(qaUrl);
		t.eq(resp.status(), 200, `published page status (${tag})`);
		const page = await reader.content();
		// The order of what a reader sees: the page's main part (the head
		// carries the same names in its metadata).
		const html = page.slice(page.indexOf("<main"));
		const marks = ['class="crumbs"', "<h1>", "Share to", 'class="question"', "lotus, 30~39 year old female",
			"Ask Date:", `Dr. ${DOCTOR.name}`, "<strong>please get tested</strong>", "Reply Date:",
			"More Info", "Similar Q&amp;A", "Related FAQ", "Medical disclaimer", "views"];
		const pos = marks.map((m) => html.indexOf(m));
		marks.forEach((m, i) => t.ok(pos[i] >= 0, `published page has ${m} (${tag})`));
		t.ok(pos.every((p, i) => i === 0 || p > pos[i - 1]), `elements in the brief's order (${tag}): ${pos}`);
		t.ok(html.includes(DOCTOR.hospital), `hospital shown (${tag})`);
		t.ok(!page.includes(DOCTOR.licence), `licence number never public (${tag})`);
		t.eq(reader.errors.join("; "), "", `no script errors (${tag})`);
		await t.shot(reader, `qa-published-${tag}`);
		await reader.context().close();
	}

	// 6. The patient's status page shows the reply.
	await patient.goto(statusUrl);
	const status = await patient.content();
	t.ok(status.includes("please get tested"), "status page shows the reply");
	t.ok(status.includes(qaUrl.replace(srv.url, "")), "status page links the published page");
	await t.shot(patient, "status-page");
}
