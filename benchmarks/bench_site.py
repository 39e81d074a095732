"""Benchmark: the multilingual site from the whole shared corpus, against Hugo, in one run.

`reflingo build` (the whole pipeline: parse + check + site + search index) three times in a
subprocess: cold (empty cache and output folder), a rebuild with nothing changed, and one page
changed; then a cold build without the search index (`--no-search`: Hugo makes none, and
Pagefind's share shows as the difference); then Pagefind alone, once over that build's item
pages as the build gives them to it, unsharded, with nothing else running (the least time any
pipeline that indexes them for search with Pagefind can take); then Debian's `hugo` building
the same five locales from a minimal multilingual Hugo site made here in a temporary folder (one
content folder per language, a page template that writes the page with its `hreflang`
alternates). Prints wall time and peak memory of the whole process tree (sampled from /proc
every 20 ms) and the targets.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import arguments, copy_pages, corpus_folder, measure  # noqa: E402

LANGS = {"en": "en-US", "de": "de-DE", "es": "es-ES", "pt": "pt-BR", "ru": "ru-RU"}
SINGLE = """<!doctype html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{ end }}</head>
<body><nav>{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
LIST = """<!doctype html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""


def hugo_site(root: Path, corpus: Path) -> Path:
    """A minimal multilingual Hugo site whose content folders are the corpus's locales."""
    site = root / "hugo"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(LIST, encoding="utf-8")
    lines = ['baseURL = "http://localhost/"', 'defaultContentLanguage = "en"',
             "defaultContentLanguageInSubdir = true",
             'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]',
             "[markup.goldmark.renderer]", "unsafe = true"]
    for weight, (lang, tag) in enumerate(LANGS.items(), 1):
        lines += [f"[languages.{lang}]", f'languageCode = "{tag}"', f'languageName = "{tag}"',
                  f'contentDir = "{(corpus / tag / "docs").resolve()}"', f"weight = {weight}"]
    (site / "hugo.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return site


def pagefind_alone(site: Path, out: Path) -> float | None:
    """Wall time of one Pagefind run over what the build gives it of the item pages of `site`
    (each page's indexed article, staged before the clock starts; one run, no shards), printed
    with its peak memory; None when Pagefind is not installed."""
    from reflingo.commands.search import pagefind_binary, shards, stage
    binary = pagefind_binary()
    if binary is None:
        print("pagefind is not installed: no search timing")
        return None
    files = json.loads((site / ".reflingo-site.json").read_text(encoding="utf-8"))["files"]
    pages = [p for _, paths in shards(files, sorted(LANGS.values())).values() for p in paths]
    folder = stage(site, pages)
    secs, peak, code, output = measure([binary, "--site", str(folder), "--output-path", str(out),
                                        "--silent"])
    if code != 0:
        print(output[-3000:], file=sys.stderr)
        return None
    print(f"{'pagefind alone, same pages':<34}{secs:>9.2f}{peak / 2**20:>10.0f}")
    return secs


def main() -> int:
    ap = arguments(__doc__)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = ap.parse_args()
    corpus = corpus_folder(args)
    if corpus is None:
        return 2
    work = Path(tempfile.mkdtemp(prefix="reflingo-site-bench-"))
    try:
        copy, pages = copy_pages(corpus, work)
        out, cache = work / "site", work / "cache"
        cmd = [sys.executable, "-m", "reflingo", "build", "-q", "--out", str(out),
               "--cache-dir", str(cache), str(copy)]
        if args.jobs:
            cmd[4:4] = ["--jobs", str(args.jobs)]
        print(f"reflingo build over {pages} pages in 5 locales ({corpus}), {os.cpu_count()} cores")
        print(f"{'run':<34}{'seconds':>9}{'peak MB':>10}")
        results = {}
        for label, edit in (("reflingo build, cold", False), ("reflingo build, nothing changed", False),
                            ("reflingo build, one page changed", True)):
            if edit:
                victim = copy / "es-ES" / "docs" / "outlook" / "mapi" / "imapisession-logoff.md"
                victim.write_text(victim.read_text(encoding="utf-8").replace(
                    "Finaliza una sesión MAPI.", "Termina una sesión MAPI."), encoding="utf-8")
            secs, peak, code, output = measure(cmd)
            if code != 0:
                print(output, file=sys.stderr)
                return code
            results[label] = (secs, peak)
            print(f"{label:<34}{secs:>9.2f}{peak / 2**20:>10.0f}")
        bare = [c for c in cmd if c != str(cache) and c != "--cache-dir"] + ["--no-search",
                                                                            "--no-cache"]
        bare[bare.index(str(out))] = str(work / "site-bare")
        secs, peak, code, output = measure(bare)
        if code != 0:
            print(output, file=sys.stderr)
            return code
        no_search = secs
        print(f"{'reflingo build, cold, no search':<34}{secs:>9.2f}{peak / 2**20:>10.0f}")
        alone = pagefind_alone(work / "site-bare", work / "pagefind-alone")
        hugo = shutil.which("hugo")
        if hugo is None:
            print("hugo is not installed (apt-get install hugo): no comparison")
            return 0
        site = hugo_site(work, copy)
        secs, peak, code, output = measure([hugo, "--source", str(site), "--destination",
                                            str(work / "hugo-out"), "--quiet"])
        if code != 0:
            print(output[-3000:], file=sys.stderr)
            return code
        built = sum(1 for _ in (work / "hugo-out").rglob("*.html"))
        print(f"{'hugo, cold (' + str(built) + ' pages)':<34}{secs:>9.2f}{peak / 2**20:>10.0f}")
        cold, same, one = (results[k] for k in results)
        print(f"\ntargets: pipeline <= hugo: {cold[0]:.1f} s vs {secs:.1f} s "
              f"({'met' if cold[0] <= secs else 'not met'}; without the search index "
              f"{no_search:.1f} s" + (f"; Pagefind alone over the same pages {alone:.1f} s"
                                      if alone is not None else "") + "); peak <= 1 GB: "
              f"{max(r[1] for r in results.values()) / 2**20:.0f} MB; no-change <= 1 s: "
              f"{same[0]:.2f} s; one page <= 2 s: {one[0]:.2f} s")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
