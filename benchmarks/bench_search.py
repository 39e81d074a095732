"""Benchmark: how well the site's search finds an API item by its name, in headless Chromium.

Builds the site of the whole shared corpus (or takes one built with --site), serves it on
127.0.0.1 and, for a seeded sample of API items, searches each locale's index the way the
search page does (its shards merged, its filter selected) for the item's name (`IMAPISession::
OpenMsgStore`, `HrQueryAllRows`) and, for a method, its short name (`OpenMsgStore`, which other
interfaces' methods may share). Prints, per locale and kind of query, how often the item's own
page comes first and in the first five, the mean reciprocal rank, and the median number of
results; then the time of a query, page load included.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchkit import arguments, corpus_folder, measure

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERY = """async ([bundles, filter, queries]) => {
  const pf = await import(bundles[0] + "pagefind.js");
  await pf.options({ basePath: bundles[0] });
  for (const b of bundles.slice(1)) { await pf.mergeIndex(b); }
  const [key, value] = filter.split(":");
  const out = [];
  for (const q of queries) {
    const r = await pf.search(q, { filters: { [key]: value } });
    const urls = [];
    for (const x of r.results.slice(0, 10)) { urls.push((await x.data()).url); }
    out.push([urls, r.results.length]);
  }
  return out;
}"""
_TITLE = re.compile(r'<h1>([^<]*)</h1>')
_KIND = re.compile(r'<body class="item kind-(\w+)')


def api_items(site: Path, locale: str) -> dict[str, str]:
    """Page path below the locale -> item name, for the API items (not conceptual pages)."""
    manifest = json.loads((site / ".reflingo-site.json").read_text(encoding="utf-8"))
    items = {}
    for path in sorted(manifest["files"]):
        if path.startswith(f"{locale}/") and path.endswith(".html") and path.count("/") > 1:
            html = (site / path).read_text(encoding="utf-8")
            title, kind = _TITLE.search(html), _KIND.search(html)
            if title and kind and kind.group(1) != "conceptual" and " " not in title.group(1):
                items[path.split("/", 1)[1]] = title.group(1).strip()
    return items


def main() -> int:
    ap = arguments(__doc__)
    ap.add_argument("--site", help="a site built from the corpus (default: build one here)")
    ap.add_argument("--items", type=int, default=100, help="items sampled (default: 100)")
    ap.add_argument("--locales", default="en-US,de-DE,es-ES,pt-BR,ru-RU")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"bench: {CHROMIUM} is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from reflingo.commands.serve import make_server
    from reflingo.render.site.shards import LISTED
    with tempfile.TemporaryDirectory(prefix="reflingo-bench-search-") as work:
        site = Path(args.site) if args.site else Path(work) / "site"
        if not args.site:
            corpus = corpus_folder(args)
            if corpus is None:
                return 2
            secs, _peak, code, output = measure([sys.executable, "-m", "reflingo", "build", "-q",
                                                 "--no-cache", "--out", str(site), str(corpus)])
            if code != 0:
                print(output[-3000:], file=sys.stderr)
                return code
            print(f"site built from {corpus} in {secs:.1f} s")
        server = make_server(site, 0, live=False)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        names = api_items(site, "en-US")
        sample = random.Random(7).sample(sorted(names), min(args.items, len(names)))
        print(f"{len(sample)} of {len(names)} API items; the rank of the item's own page")
        print(f"{'locale':<8}{'query':<7}{'n':>5}{'first':>8}{'top 5':>8}{'MRR':>7}"
              f"{'results':>9}")
        loads = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_context(bypass_csp=True).new_page()
            for locale in args.locales.split(","):
                start = time.perf_counter()
                page.goto(f"{base}{locale}/search.html?q=Logoff")
                page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
                loads.append(time.perf_counter() - start)
                box = page.locator("#search")
                bundles = [box.get_attribute("data-bundle")] + \
                    (box.get_attribute("data-merge") or "").split()
                bundles = [page.evaluate("p => new URL(p, document.baseURI).pathname", b)
                           for b in bundles]
                queries = [(rel, names[rel], "name") for rel in sample]
                queries += [(rel, names[rel].split("::")[-1], "short") for rel in sample
                            if "::" in names[rel]]
                answers = page.evaluate(QUERY, [bundles, LISTED, [q for _, q, _ in queries]])
                for kind in ("name", "short"):
                    ranks, counts = [], []
                    for (rel, _q, k), (urls, total) in zip(queries, answers):
                        if k == kind:
                            own = f"/{locale}/{rel}"
                            ranks.append(next((i + 1 for i, u in enumerate(urls)
                                               if u.split("#")[0] == own), None))
                            counts.append(total)
                    if ranks:
                        n = len(ranks)
                        print(f"{locale:<8}{kind:<7}{n:>5}{sum(r == 1 for r in ranks) / n:>8.0%}"
                              f"{sum(bool(r) and r <= 5 for r in ranks) / n:>8.0%}"
                              f"{sum(1 / r for r in ranks if r) / n:>7.2f}"
                              f"{statistics.median(counts):>9.0f}")
            browser.close()
        server.shutdown()
        print(f"search page load and first query: median {statistics.median(loads):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
