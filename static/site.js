/* askdoc: small progressive enhancements. Every page works without it. */
(function () {
	"use strict";

	/* "Copy link" in the share links. */
	document.addEventListener("click", function (e) {
		var a = e.target.closest ? e.target.closest("a[data-copy]") : null;
		if (!a || !navigator.clipboard) return;
		e.preventDefault();
		navigator.clipboard.writeText(a.getAttribute("data-copy")).then(function () {
			a.textContent = a.getAttribute("data-copied") || a.textContent;
		});
	});

	/* The status page's "Copy link": the address stays in a read-only
	 * field anyone can select; the button shows where copying works. */
	Array.prototype.forEach.call(document.querySelectorAll("button[data-copy-from]"), function (b) {
		var field = document.getElementById(b.getAttribute("data-copy-from"));
		if (!field || !navigator.clipboard) return;
		b.hidden = false;
		b.addEventListener("click", function () {
			navigator.clipboard.writeText(field.value).then(function () {
				b.textContent = b.getAttribute("data-copied") || b.textContent;
			}, function () {
				field.select();
			});
		});
	});
	Array.prototype.forEach.call(document.querySelectorAll("input#status-link"), function (f) {
		f.addEventListener("focus", function () { f.select(); });
	});

	/* Withdrawing asks first: with JavaScript in a dialog, without it
	 * on the page the server sends back (confirm=yes skips it). */
	Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (form) {
		form.addEventListener("submit", function (e) {
			if (!window.confirm(form.getAttribute("data-confirm"))) {
				e.preventDefault();
				return;
			}
			var yes = document.createElement("input");
			yes.type = "hidden";
			yes.name = "confirm";
			yes.value = "yes";
			form.appendChild(yes);
		});
	});

	/* The ask form: while the patient types, show answered questions that
	 * look the same and pre-select the suggested department. The box
	 * (#similar-live) carries its words in data- attributes, so every
	 * string stays in the templates. */
	var box = document.getElementById("similar-live");
	var title = document.getElementById("title");
	var text = document.getElementById("text");
	var dept = document.getElementById("department");
	if (!box || !text || !window.fetch) return;
	var timer = null, last = "", seq = 0, deptTouched = false;
	if (dept) dept.addEventListener("change", function () { deptTouched = true; });

	function render(d) {
		var list = box.querySelector("ul");
		list.textContent = "";
		(d.similar || []).forEach(function (s) {
			var li = document.createElement("li");
			var a = document.createElement("a");
			a.href = s.url;
			a.textContent = s.title;
			a.target = "_blank";
			a.rel = "noopener";
			li.appendChild(a);
			if (s.department) {
				var m = document.createElement("span");
				m.className = "meta";
				m.textContent = " · " + s.department;
				li.appendChild(m);
			}
			list.appendChild(li);
		});
		box.hidden = !(d.similar && d.similar.length);
		if (dept && !deptTouched && d.department) {
			for (var i = 0; i < dept.options.length; i++) {
				if (dept.options[i].text === d.department) {
					dept.selectedIndex = i;
					dept.dispatchEvent(new Event("askdoc:suggested"));
					var note = document.getElementById("department-suggested");
					if (note) note.hidden = false;
					break;
				}
			}
		}
	}

	function lookup() {
		var q = ((title ? title.value : "") + " " + text.value).trim();
		if (q.length < 12 || q === last) return;
		last = q;
		var mine = ++seq;
		/* In the page's language, whatever chose it (a link's ?lang=
		 * too): the suggested department is named as the options are. */
		var lang = document.documentElement.lang;
		fetch("/api/similar?q=" + encodeURIComponent(q.slice(0, 1500)) +
			(lang ? "&lang=" + encodeURIComponent(lang) : ""), {
			headers: { "Accept": "application/json" }
		}).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
			if (d && mine === seq) render(d);
		}).catch(function () {});
	}

	/* The emergency notice: checked on the server, shown at once. */
	var alarm = document.getElementById("emergency-live"), lastCheck = "";
	function checkEmergency() {
		if (!alarm) return;
		var q = ((title ? title.value : "") + "\n" + text.value).trim();
		if (q === lastCheck) return;
		lastCheck = q;
		fetch("/api/redflags", {
			method: "POST",
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
			body: "text=" + encodeURIComponent(q.slice(0, 20000))
		}).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
			if (!d || q !== lastCheck) return;
			/* Name what was found: each category's sentence is in the
			 * page already (hidden), in the site's own words. */
			var cats = d.categories || [];
			Array.prototype.forEach.call(alarm.querySelectorAll("[data-category]"), function (p) {
				p.hidden = cats.indexOf(p.getAttribute("data-category")) < 0;
			});
			alarm.hidden = !d.emergency;
		}).catch(function () {});
	}

	/* The notice stands right under the field being typed in, so that on
	 * a phone it is seen without scrolling away from the field. */
	function near(field) {
		var p = field && field.closest ? field.closest(".field") : null;
		if (alarm && p && p.nextSibling !== alarm)
			p.parentNode.insertBefore(alarm, p.nextSibling);
	}

	function later() {
		clearTimeout(timer);
		timer = setTimeout(function () { checkEmergency(); lookup(); }, 400);
	}
	text.addEventListener("input", function () { near(text); later(); });
	if (title) title.addEventListener("input", function () { near(title); later(); });
})();

/* The ask form's intake (issue 17): every department's fields are in the
 * page, each set under its department's name; show only the set of the
 * department chosen or suggested. Hidden fields are still sent, and the
 * server reads only the chosen department's. */
(function () {
	"use strict";
	var dept = document.getElementById("department");
	var sets = document.querySelectorAll("[data-intake-dept]");
	if (!dept || !sets.length) return;
	function show() {
		Array.prototype.forEach.call(sets, function (f) {
			f.hidden = f.getAttribute("data-intake-dept") !== dept.value;
		});
	}
	dept.addEventListener("change", show);
	dept.addEventListener("askdoc:suggested", show);
	show();
})();

/* The doctor's workbench (issue 17): quoting into the reply, the live
 * preview (rendered by the server, as the page renders it), the Write /
 * Preview tabs on a phone, a draft kept in this browser, and the
 * shortcuts the page lists: Ctrl/Cmd+Enter publishes (or sends, or saves
 * an edit), Ctrl/Cmd+S keeps a draft and shows the preview. */
(function () {
	"use strict";
	var form = document.getElementById("reply-form");
	var body = document.getElementById("body");
	if (!form || !body) return;
	var pv = document.getElementById("wb-preview-body");
	var csrf = form.querySelector("input[name=csrf]");
	var tabs = document.querySelector(".wb-tabs");
	var write = document.getElementById("wb-pane-write");
	var prev = document.getElementById("wb-preview");
	var narrow = window.matchMedia ? window.matchMedia("(max-width: 47.99rem)") : null;
	var key = "askdoc-draft:" + form.getAttribute("action");
	var current = "write", timer = null, last = body.value;

	function store(f) { try { f(window.localStorage); } catch (e) { /* private mode */ } }

	/* ---- tabs (phones only; both panes show side by side otherwise) ---- */
	function select(which, focus) {
		current = which;
		if (!tabs || tabs.hidden) return;
		["write", "preview"].forEach(function (w) {
			var tab = document.getElementById("wb-tab-" + w);
			var on = w === which;
			tab.setAttribute("aria-selected", on ? "true" : "false");
			tab.tabIndex = on ? 0 : -1;
			(w === "write" ? write : prev).hidden = !on;
			if (on && focus) tab.focus();
		});
		if (which === "preview") refresh();
	}
	function layout() {
		if (!tabs) return;
		var on = !!(narrow && narrow.matches);
		tabs.hidden = !on;
		/* Tab roles only while the tabs show: without them (wide
		 * screens, no script) the panes are plain sections. */
		if (on) {
			tabs.setAttribute("role", "tablist");
			tabs.setAttribute("aria-label", tabs.getAttribute("data-label"));
		} else {
			tabs.removeAttribute("role");
			tabs.removeAttribute("aria-label");
		}
		[write, prev].forEach(function (p, i) {
			var tab = document.getElementById(i ? "wb-tab-preview" : "wb-tab-write");
			if (on) {
				tab.setAttribute("role", "tab");
				tab.setAttribute("aria-controls", p.id);
				p.setAttribute("role", "tabpanel");
				p.setAttribute("aria-labelledby", tab.id);
			} else {
				tab.removeAttribute("role");
				tab.removeAttribute("aria-controls");
				p.removeAttribute("role");
				p.removeAttribute("aria-labelledby");
				p.hidden = false;
			}
		});
		if (on) select(current);
	}
	if (tabs) {
		tabs.addEventListener("click", function (e) {
			var t = e.target.closest("button");
			if (t) select(t.id === "wb-tab-preview" ? "preview" : "write", true);
		});
		tabs.addEventListener("keydown", function (e) {
			if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") {
				e.preventDefault();
				select(current === "write" ? "preview" : "write", true);
			}
		});
		if (narrow && narrow.addEventListener) narrow.addEventListener("change", layout);
		layout();
	}
	body.addEventListener("invalid", function () { select("write"); });

	/* ---- the live preview ---- */
	function refresh() {
		if (!pv || !window.fetch || !csrf) return;
		var v = body.value;
		fetch("/doctor/preview", {
			method: "POST", credentials: "same-origin",
			headers: { "Content-Type": "application/x-www-form-urlencoded" },
			body: "csrf=" + encodeURIComponent(csrf.value) + "&body=" + encodeURIComponent(v)
		}).then(function (r) { return r.ok ? r.text() : null; }).then(function (h) {
			if (h === null || v !== body.value) return;
			if (h) pv.innerHTML = h;
			else {
				pv.textContent = "";
				var p = document.createElement("p");
				p.className = "placeholder";
				p.textContent = pv.getAttribute("data-empty") || "";
				pv.appendChild(p);
			}
		}).catch(function () {});
	}
	body.addEventListener("input", function () {
		if (body.value === last) return;
		last = body.value;
		clearTimeout(timer);
		timer = setTimeout(function () {
			refresh();
			store(function (s) { s.setItem(key, body.value); });
		}, 350);
	});

	/* ---- a draft kept in this browser ---- */
	if (!body.value) store(function (s) {
		var d = s.getItem(key);
		if (!d) return;
		body.value = last = d;
		var note = document.getElementById("wb-draft-note");
		if (note) note.hidden = false;
		refresh();
	});
	form.addEventListener("submit", function (e) {
		var b = e.submitter;
		if (b && b.getAttribute("data-shortcut") === "send")
			store(function (s) { s.removeItem(key); });
	});

	/* ---- quoting ---- */
	Array.prototype.forEach.call(document.querySelectorAll(".wb-quote"), function (b) {
		b.hidden = false;
		b.addEventListener("click", function () {
			var q = b.getAttribute("data-quote").trim().split("\n").map(function (l) {
				return l ? "> " + l : ">";
			}).join("\n");
			var s = body.selectionStart, e = body.selectionEnd, v = body.value;
			var before = v.slice(0, s), after = v.slice(e);
			var lead = !before || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
			var ins = lead + q + "\n\n";
			body.value = before + ins + after;
			select("write");
			body.focus();
			body.setSelectionRange((before + ins).length, (before + ins).length);
			body.dispatchEvent(new Event("input"));
		});
	});

	/* ---- shortcuts ---- */
	document.addEventListener("keydown", function (e) {
		if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
		var which = e.key === "Enter" ? "send" : (e.key === "s" || e.key === "S") ? "save" : null;
		if (!which) return;
		if (which === "send" && !form.contains(document.activeElement)) return;
		var b = form.querySelector("[data-shortcut=" + which + "]");
		if (!b) return;
		e.preventDefault();
		if (which === "save") store(function (s) { s.setItem(key, body.value); });
		b.click();
	});
})();
