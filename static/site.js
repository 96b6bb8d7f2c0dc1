/* askdoc: small progressive enhancements. Every page works without it. */
(function () {
	"use strict";
	document.addEventListener("click", function (e) {
		var a = e.target.closest ? e.target.closest("a[data-copy]") : null;
		if (!a || !navigator.clipboard) return;
		e.preventDefault();
		navigator.clipboard.writeText(a.getAttribute("data-copy")).then(function () {
			a.textContent = a.getAttribute("data-copied") || "Link copied";
		});
	});
})();
