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
		fetch("/api/similar?q=" + encodeURIComponent(q.slice(0, 1500)), {
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
