// tests/browser/run.mjs: askdoc's browser tests.
//
// Drives Debian's chromium (/usr/bin/chromium) with playwright-core. Each
// tests/browser/test_*.mjs module exports async functions named test_*;
// each gets a context object `t` with a fresh temporary directory, a way to
// start the real askdoc server on a free loopback port (t.server), a
// browser (t.browser), checks (t.ok, t.eq) and t.shot(page, name), which
// saves a screenshot under tests/out/screenshots/. The last line printed is
// "N passed, N failed, N skipped".
//
// usage: node tests/browser/run.mjs --bin build/askdoc [-k substring]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const args = process.argv.slice(2);
const bin = path.resolve(args[args.indexOf("--bin") + 1] || "build/askdoc");
const filter = args.includes("-k") ? args[args.indexOf("-k") + 1] : "";
const shots = path.join(repo, "tests", "out", "screenshots");

let passed = 0, failed = 0, skipped = 0, current = "";

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, "127.0.0.1", () => {
			const port = s.address().port;
			s.close(() => resolve(port));
		});
		s.on("error", reject);
	});
}

async function waitPort(port, proc, log) {
	const deadline = Date.now() + 20000;
	while (Date.now() < deadline) {
		if (proc.exitCode !== null)
			throw new Error("server exited: " + fs.readFileSync(log, "utf8"));
		const ok = await new Promise((resolve) => {
			const c = net.connect(port, "127.0.0.1", () => { c.end(); resolve(true); });
			c.on("error", () => resolve(false));
		});
		if (ok)
			return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error("server did not start");
}

class Skip extends Error {}

function makeContext(dir, browser) {
	const servers = [];
	const t = {
		dir, browser, repo, bin,
		Skip,
		ok(cond, what) {
			if (cond) passed++;
			else { failed++; console.log(`FAIL ${current}: ${what}`); }
			return cond;
		},
		eq(got, want, what) {
			return t.ok(got === want, `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
		},
		run(...a) {
			const p = spawnSync(bin, a.map(String), { encoding: "utf8", cwd: repo });
			return { code: p.status, stdout: p.stdout, stderr: p.stderr };
		},
		demoDb() {
			const db = path.join(dir, "demo.db");
			if (!fs.existsSync(db)) {
				const p = spawnSync("sh", ["tools/demo.sh", bin, db], { encoding: "utf8", cwd: repo });
				if (p.status !== 0)
					throw new Error("demo import failed: " + p.stderr);
			}
			return db;
		},
		async server(db, extra = []) {
			const port = await freePort();
			const log = path.join(dir, `server-${port}.log`);
			const out = fs.openSync(log, "w");
			// serve refuses a missing database unless told to create it
			const create = fs.existsSync(db) ? [] : ["--create"];
			const proc = spawn(bin, ["serve", "--db", db, "--listen", `127.0.0.1:${port}`,
				"--public-url", `http://127.0.0.1:${port}`, ...create, ...extra],
				// Browser tests fill forms faster than people and ask many
				// questions from one address: no minimum time to submit and
				// no question rate limit (the form token is still checked).
				{ stdio: ["ignore", out, out], cwd: repo,
				  env: { ASKDOC_FORM_MIN_SECONDS: "0", ASKDOC_ASK_LIMIT_ADDR: "1000000",
				         ASKDOC_REGISTER_LIMIT_ADDR: "1000000", ASKDOC_HASH_SLOTS: "64",
				         ASKDOC_ASK_LIMIT_ACCOUNT: "1000000", ...process.env } });
			servers.push(proc);
			await waitPort(port, proc, log);
			return { url: `http://127.0.0.1:${port}`, port, proc, log };
		},
		async page(width = 1280, height = 900) {
			const ctx = await browser.newContext({ viewport: { width, height } });
			const page = await ctx.newPage();
			page.errors = [];
			page.on("pageerror", (e) => page.errors.push(String(e)));
			page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
			page.on("dialog", (d) => { page.errors.push("dialog: " + d.message()); d.dismiss(); });
			return page;
		},
		async shot(page, name) {
			fs.mkdirSync(shots, { recursive: true });
			const file = path.join(shots, name + ".png");
			await page.screenshot({ path: file, fullPage: true });
			t.ok(fs.statSync(file).size > 1000, `screenshot ${name} saved`);
			return file;
		},
		async close() {
			for (const p of servers) {
				if (p.exitCode === null) {
					p.kill("SIGTERM");
					await new Promise((r) => p.once("exit", r));
				}
			}
		},
	};
	return t;
}

async function main() {
	let chromium;
	try {
		({ chromium } = await import("playwright-core"));
	} catch (e) {
		console.log("SKIP: playwright-core is not installed (cd tests/browser && npm ci)");
		console.log("0 passed, 0 failed, 1 skipped");
		return 0;
	}
	if (!fs.existsSync("/usr/bin/chromium")) {
		console.log("SKIP: /usr/bin/chromium is not installed");
		console.log("0 passed, 0 failed, 1 skipped");
		return 0;
	}
	const browser = await chromium.launch({
		executablePath: "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
	});
	// Playwright's 30 s default is a real failure on a quiet machine but a
	// false one on a 2-core box at load 50 (CI's machines are shared):
	// every context, whoever opens it, waits up to 2 minutes.
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (opts) => {
		const ctx = await newContext(opts);
		ctx.setDefaultTimeout(120000);
		ctx.setDefaultNavigationTimeout(120000);
		return ctx;
	};
	try {
		const files = fs.readdirSync(here).filter((f) => /^test_.*\.mjs$/.test(f)).sort();
		for (const f of files) {
			const mod = await import(path.join(here, f));
			for (const [name, fn] of Object.entries(mod)) {
				if (!name.startsWith("test_") || typeof fn !== "function")
					continue;
				if (filter && !name.includes(filter) && !f.includes(filter))
					continue;
				current = `${f.replace(/\.mjs$/, "")}.${name}`;
				const dir = fs.mkdtempSync(path.join(os.tmpdir(), "askdoc-browser-"));
				const t = makeContext(dir, browser);
				try {
					await fn(t);
				} catch (e) {
					if (e instanceof Skip) {
						skipped++;
						console.log(`SKIP ${current}: ${e.message}`);
					} else {
						failed++;
						console.log(`FAIL ${current}: ${e.stack || e}`);
					}
				} finally {
					await t.close();
					fs.rmSync(dir, { recursive: true, force: true });
				}
			}
		}
	} finally {
		await browser.close();
	}
	console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
	return failed ? 1 : 0;
}

process.exitCode = await main();
