// The site's only script: the search page's Pagefind interface (the search box of every page
// submits to it with ?q=). Loaded from a file, never inline, so the CSP can forbid inline code.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("search");
    if (!box || typeof window.PagefindUI !== "function") { return; }
    // The locale's index is sharded (a changed page re-indexes its shard only): the first
    // shard is the bundle, the others are merged into it.
    // Pagefind takes bundle paths from the site's root: the page holds them relative to itself.
    function absolute(path) { return new URL(path, document.baseURI).pathname; }
    var merge = (box.dataset.merge || "").split(" ").filter(Boolean)
      .map(function (path) { return { bundlePath: absolute(path) }; });
    var ui = new window.PagefindUI({ element: "#search", bundlePath: absolute(box.dataset.bundle),
                                     mergeIndex: merge, showImages: false,
                                     showSubResults: true, resetStyles: false });
    // Only the site's pages carry the filter: a shard's page of API names is never listed.
    var filter = (box.dataset.filter || "").split(":");
    if (filter.length === 2) {
      var selected = {};
      selected[filter[0]] = filter[1];
      ui.triggerFilters(selected);
    }
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
}());
