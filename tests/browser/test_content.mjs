// Browser checks of the content pages (issue 5): a department, a topic, a
// doctor (with a photo), an article and a library page render without
// script errors or CSP violations, without horizontal scrolling on a
// phone, with their breadcrumbs and JSON-LD, and are saved as screenshots.
import { spawnSync } from "node:child_process";
import zlib from "node:zlib";

// A w x h PNG in two colours (a simple portrait placeholder).
function png(w, h) {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf) => {
		let c = 0xffffffff;
		for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type), data]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	const rows = [];
	for (let y = 0; y < h; y++) {
		const row = Buffer.alloc(1 + w * 3);
		for (let x = 0; x < w; x++) {
			const d = Math.hypot(x - w / 2, y - h / 2.6) < w / 4.5 ||
				Math.hypot(x - w / 2, y - h * 1.05) < w / 2.3;
			row.set(d ? [11, 93, 122] : [214, 232, 240], 1 + x * 3);
		}
		rows.push(row);
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
		chunk("IEND", Buffer.alloc(0))]);
}

function sql(db, q) {
	const p = spawnSync("sqlite3", [db, q], { encoding: "utf8" });
	if (p.status !== 0)
		throw new Error("sqlite3: " + p.stderr);
	return p.stdout.trim();
}

export async function test_content_pages_render(t) {
	const db = t.demoDb();
	const spawnOk = spawnSync("sqlite3", ["-version"]).status === 0;
	if (!spawnOk)
		throw new t.Skip("sqlite3 is not installed");
	const doctor = sql(db, "SELECT doctor_id FROM answers WHERE doctor_id IS NOT NULL GROUP BY doctor_id ORDER BY count(*) DESC LIMIT 1");
	sql(db, `INSERT OR REPLACE INTO doctor_photos (user_id, type, data, updated_at) VALUES (${doctor}, 'image/png', X'${png(320, 320).toString("hex")}', '2026-01-01T00:00:00Z')`);
	const dept = sql(db, "SELECT d.slug FROM departments d JOIN questions q ON q.department_id = d.id GROUP BY d.id ORDER BY count(*) DESC LIMIT 1");
	const topic = sql(db, "SELECT t.slug FROM topics t JOIN question_topics x ON x.topic_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1");
	const article = sql(db, "SELECT slug FROM articles WHERE category LIKE 'More > Health > Recovery' LIMIT 1");
	const library = sql(db, "SELECT min(id) FROM faq WHERE topic_id IS NOT NULL");
	const srv = await t.server(db);
	const pages = [["department", `/department/${dept}`], ["topic", `/topic/${topic}`],
		["doctor", `/doctor/${doctor}`], ["article", `/articles/${article}`],
		["library", `/library/${library}`]];
	for (const [w, h, tag] of [[1280, 900, "desktop"], [390, 844, "mobile"]]) {
		for (const [name, path] of pages) {
			const page = await t.page(w, h);
			const r = await page.goto(srv.url + path);
			t.eq(r.status(), 200, `${name} status (${tag})`);
			t.ok(await page.locator("h1").count() === 1, `${name} has one h1 (${tag})`);
			t.ok(await page.locator("nav.crumbs a").count() >= 1, `${name} has breadcrumbs (${tag})`);
			const ld = await page.evaluate(() => {
				const s = document.querySelector('script[type="application/ld+json"]');
				try { return JSON.parse(s.textContent)["@graph"].map((o) => o["@type"]); } catch (e) { return null; }
			});
			t.ok(ld && ld.includes("BreadcrumbList"), `${name} JSON-LD parses in the browser (${tag})`);
			if (name === "doctor") {
				const ok = await page.evaluate(() => {
					const img = document.querySelector("img.doctor-photo");
					return img && img.complete && img.naturalWidth > 0;
				});
				t.ok(ok, `doctor photo loads (${tag})`);
			}
			if (name === "article") {
				t.ok(await page.getByText("Login is required before commenting").isVisible(),
					`article tells visitors to log in to comment (${tag})`);
				t.ok(await page.locator(".share a").count() >= 5, `article has share links (${tag})`);
			}
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			t.ok(overflow <= 0, `${name}: no horizontal scrolling (${tag}): ${overflow}px`);
			await t.shot(page, `${name}-${tag}`);
			t.eq(page.errors.join("; "), "", `${name}: no script errors or CSP violations (${tag})`);
			await page.context().close();
		}
	}
}
