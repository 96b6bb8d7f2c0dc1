// A demo site with one of every kind of page, for the page-wide browser
// checks (axe-core, screenshots): the demo content, an admin, a verified
// doctor, a patient with a signed-in question and a comment that a
// second reader reported, an anonymous question with its private status
// page, and a doctor's application waiting for verification. Every page
// kind is listed in `pages` with the account that sees it.
//
// Not a test module itself (run.mjs loads only test_*.mjs).

export const USERS = {
	admin: { email: "admin@example.org", password: "admin-pass-1234", name: "Site Admin" },
	doctor: { email: "lin.doctor@example.org", password: "doctor-pass-5678", name: "Lin Mei-Hua" },
	patient: { email: "patient@example.org", password: "patient-pass-9012", name: "Chen Ya-Ting" },
	reader: { email: "reader@example.org", password: "reader-pass-3456", name: "Wu Jia-Hao" },
};

export const DEPT = "Gastroenterology and Hepatology";

function must(t, r, what) {
	if (r.code !== 0)
		throw new Error(`${what}: ${r.stderr}`);
}

// Creates the accounts on the command line (the first admin can only be
// made there; the doctor is made verified, as the demo's doctors are).
export function addUsers(t, db) {
	const u = USERS;
	must(t, t.run("user", "add", "--db", db, "--role", "admin", "--email", u.admin.email,
		"--name", u.admin.name, "--password", u.admin.password), "admin");
	must(t, t.run("user", "add", "--db", db, "--role", "doctor", "--email", u.doctor.email,
		"--name", u.doctor.name, "--password", u.doctor.password, "--title", "Attending Physician",
		"--hospital", "Harbour General Hospital", "--department", DEPT,
		"--signoff", "Dr. Lin, Hepatology"), "doctor");
	for (const k of ["patient", "reader"])
		must(t, t.run("user", "add", "--db", db, "--role", "patient", "--email", u[k].email,
			"--name", u[k].name, "--password", u[k].password), k);
}

// Logs in through the form and returns the context's storage state.
export async function signIn(browser, url, who) {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await page.goto(url + "/login");
	await page.fill("#email", who.email);
	await page.fill("#password", who.password);
	await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
	if (page.url().endsWith("/login"))
		throw new Error("login failed for " + who.email);
	const state = await ctx.storageState();
	await ctx.close();
	return state;
}

export async function ask(page, url, title, text) {
	await page.goto(url + "/ask");
	await page.fill("#title", title);
	await page.fill("#text", text);
	await page.fill("#nickname", "heron");
	await page.selectOption("#age_band", "40-49");
	await page.selectOption("#sex", "male");
	await page.selectOption("#department", { label: DEPT });
	await page.check("#consent");
	await Promise.all([page.waitForNavigation(), page.click('button:has-text("Send my question")')]);
	return page.url();
}

// Builds the site; returns { srv, state: {role: storageState}, pages:
// [[name, path, role]] } where role is null for an anonymous visitor.
export async function buildSite(t) {
	const db = t.demoDb();
	addUsers(t, db);
	const srv = await t.server(db);
	const b = t.browser;
	const state = {};
	for (const k of Object.keys(USERS))
		state[k] = await signIn(b, srv.url, USERS[k]);
	const as = async (role) => {
		const ctx = await b.newContext(role ? { storageState: state[role] } : {});
		return ctx.newPage();
	};

	// An anonymous question: its private status page.
	let p = await as(null);
	const anonStatus = await ask(p, srv.url, "Itching skin and dark urine for a week",
		"For a week my skin itches all over, my urine is dark like tea and my stools are pale. " +
		"I have no pain and no fever. I am 45. Should I see a doctor now or can it wait?");
	await p.context().close();

	// A signed-in patient's question: its page under /my/questions.
	p = await as("patient");
	const mine = await ask(p, srv.url, "How often should a hepatitis B carrier have an ultrasound?",
		"I have carried hepatitis B for twenty years and my liver tests are normal. " +
		"My doctor says I need an ultrasound every six months. Is that really necessary?");
	// The patient comments on an article.
	await p.goto(srv.url + "/articles");
	const article = await p.locator('main a[href^="/articles/"]:not([href^="/articles/in/"])').first().getAttribute("href");
	await p.goto(srv.url + article);
	await p.fill("#comment-body", "Thank you, this explained my test results clearly.");
	await Promise.all([p.waitForNavigation(), p.click('button:has-text("Post comment")')]);
	await p.context().close();

	// A second reader reports the comment: it reaches the moderators' queue.
	p = await as("reader");
	await p.goto(srv.url + article);
	const report = await p.locator('a[href$="/report"]').first().getAttribute("href");
	await p.goto(srv.url + report);
	await Promise.all([p.waitForNavigation(), p.click('main button[type="submit"]')]);
	await p.context().close();

	// A doctor's application waiting for the admin.
	p = await as(null);
	await p.goto(srv.url + "/doctor/apply");
	await p.fill("#name", "Tran Van An");
	await p.fill("#title", "Consultant Surgeon");
	await p.fill("#hospital", "Riverside Hospital");
	await p.selectOption("#department", { label: DEPT });
	await p.fill("#licence", "LIC-7781-QRS");
	await p.fill("#bio", "Liver and biliary surgery.");
	await p.fill("#email", "tran.an@example.org");
	await p.fill("#password", "applicant-pass-1");
	await p.fill("#password2", "applicant-pass-1");
	await Promise.all([p.waitForNavigation(), p.click('button:has-text("Send application")')]);
	await p.context().close();

	// Ids the page list needs, read from the pages themselves.
	p = await as("doctor");
	await p.goto(srv.url + "/doctor/queue");
	const question = await p.locator('a[href^="/doctor/question/"]').first().getAttribute("href");
	await p.context().close();
	p = await as("admin");
	await p.goto(srv.url + "/admin/doctors");
	const appEdit = await p.locator('a[href^="/admin/doctors/"][href$="/edit"]').first().getAttribute("href");
	await p.goto(srv.url + "/");
	const qa = await p.locator('main a[href^="/qa/"]').first().getAttribute("href");
	await p.goto(srv.url + "/departments");
	const dept = await p.locator('main a[href^="/department/"]').first().getAttribute("href");
	await p.goto(srv.url + "/admin/intake");
	const intake = await p.locator('main a[href^="/admin/intake/"]', { hasText: "Gastroenterology" }).first().getAttribute("href");
	await p.goto(srv.url + qa);
	const topic = await p.locator('main a[href^="/topic/"]').first().getAttribute("href");
	const doctor = await p.locator('main a[href^="/doctor/"]').first().getAttribute("href");
	let library = null;
	for (const where of [topic, "/search?q=hepatitis"]) {
		await p.goto(srv.url + where);
		const a = p.locator('main a[href^="/library/"]');
		if (await a.count()) {
			library = await a.first().getAttribute("href");
			break;
		}
	}
	if (!library)
		throw new Error("no library entry linked from a topic page or a search");
	await p.context().close();
	const qid = question.split("/").pop();

	const pages = [
		["home", "/", null],
		["qa", qa, null],
		["search", "/search?q=hepatitis", null],
		["departments", "/departments", null],
		["department", dept, null],
		["topic", topic, null],
		["doctors", "/doctors", null],
		["doctor", doctor, null],
		["articles", "/articles", null],
		["article-comments", article, "patient"],
		["library", library, null],
		["ask", "/ask", null],
		["status", anonStatus.replace(srv.url, ""), null],
		["my-questions", "/my/questions", "patient"],
		["my-question", mine.replace(srv.url, ""), "patient"],
		["login", "/login", null],
		["register", "/register", null],
		["doctor-apply", "/doctor/apply", null],
		["account", "/account", "patient"],
		["account-delete", "/account/delete", "patient"],
		["doctor-queue", "/doctor/queue", "doctor"],
		["reply-editor", question, "doctor"],
		["doctor-profile-edit", "/doctor/profile", "doctor"],
		["write", "/write", "doctor"],
		["admin", "/admin", "admin"],
		["admin-doctors", "/admin/doctors", "admin"],
		["admin-doctor-edit", appEdit, "admin"],
		["admin-users", "/admin/users", "admin"],
		["admin-taxonomy", "/admin/taxonomy", "admin"],
		["admin-audit", "/admin/audit", "admin"],
		["admin-intake", "/admin/intake", "admin"],
		["admin-intake-edit", intake, "admin"],
		["ask-intake", "/ask?department=gastroenterology-and-hepatology", null],
		["moderate-question", `/moderate/question/${qid}`, "admin"],
		["moderate-comments", "/moderate/comments", "admin"],
		["error", "/qa/999999999", null],
	];
	return { srv, state, pages, ids: { qa, article, question, anonStatus } };
}
