"""What a rebuild of the site reuses besides the item groups' results, each under a content key
in the result cache: the tables of contents read into navigation (keyed by the TOC files'
bytes), each locale's U+FFFD repair vocabulary (keyed by its pages' digests), and the keys of
the site-wide pages (an index or status page whose inputs did not change is not drawn again).
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterable, Sequence

from reflingo.findings import Finding
from reflingo.render.site import nav_tuples
from reflingo.run import read_navigation
from reflingo.run.cache import Plain, ResultCache, fingerprint
from reflingo.run.discover import SourceFile


def _key(kind: str, parts: Iterable[bytes]) -> str:
    h = hashlib.blake2b(fingerprint().encode(), digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return f"{kind}:{h.hexdigest()}"


def _tuples(value):
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def navigation(paths: Sequence[str], roots: dict[str, str], tocs: Sequence[tuple[str, str, str]],
               toc_bytes: Sequence[bytes], locales: Sequence[str], cache: ResultCache | None
               ) -> dict[str, tuple]:
    """Each locale's table of contents as nested tuples (read again only when a TOC changed)."""
    key = _key("sitenav", [repr((paths, sorted(roots.items()), list(tocs), list(locales))).encode(),
                           *toc_bytes])
    hit = cache.get(key) if cache else None
    if hit is not None:
        return {loc: _tuples(nodes) for loc, nodes in hit[0].items()}
    nav = {loc: nav_tuples(nodes) for loc, nodes in read_navigation(paths, roots).items()
           if loc in locales}
    if cache:
        cache.put(key, Plain([nav]))
    return nav


def vocabulary(cache: ResultCache | None):
    """A `vocabulary_of(locale, files)` for :func:`reflingo.run.scan.build_context` that
    remembers each locale's repairs by its files' digests."""
    from reflingo.run.scan import repair_vocabulary

    def of(locale: str, files: list[SourceFile]) -> dict[str, str]:
        key = _key("sitevocab", [locale.encode(), *(f"{s.path}|{s.digest}".encode(
            "utf-8", "surrogatepass") for s in sorted(files, key=lambda s: s.path))])
        hit = cache.get(key) if cache else None
        if hit is not None:
            return dict(hit[0])
        repairs = repair_vocabulary(files)
        if cache:
            cache.put(key, Plain([repairs]))
        return repairs
    return of


def page_keys(summaries: Sequence[dict], findings: Sequence[Finding], locales: Sequence[str],
              digest: str) -> dict[str, str]:
    """Output path -> a hash of what each locale's index and status page is drawn from."""
    common = hashlib.blake2b(digest.encode(), digest_size=16)
    common.update(json.dumps(summaries, sort_keys=True, ensure_ascii=False).encode(
        "utf-8", "surrogatepass"))
    by_locale: dict[str, list[tuple]] = {loc: [] for loc in locales}
    for f in findings:
        if f.locale in by_locale:
            by_locale[f.locale].append((f.path, f.line, f.code, f.category, f.severity))
    keys = {}
    for loc in locales:
        keys[f"{loc}/index.html"] = common.hexdigest() + loc
        h = common.copy()
        h.update(repr(sorted(by_locale[loc])).encode("utf-8", "surrogatepass"))
        keys[f"{loc}/status.html"] = h.hexdigest() + loc
    return keys
