// The site's only script: the search page's Pagefind interface (the search box of every page
// submits to it with ?q=). Loaded from a file, never inline, so the CSP can forbid inline code.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("search");
    if (!box || typeof window.PagefindUI !== "function") { return; }
    var ui = new window.PagefindUI({ element: "#search", bundlePath: box.dataset.bundle,
                                     showImages: false, showSubResults: true, resetStyles: false });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
}());
