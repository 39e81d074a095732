"""What a rebuild of the site reuses besides the item groups' results, each under a content key
in the result cache: the tables of contents read into navigation (keyed by the TOC files'
bytes), and the keys of the site-wide pages (an index or status page whose inputs did not
change is not drawn again).
"""

from __future__ import annotations

import hashlib
import json
from typing import Sequence

from reflingo.commands.common import content_key
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.render.site import nav_tuples
from reflingo.run import read_navigation
from reflingo.run.cache import Plain, ResultCache
from reflingo.spans import SourceSpan


def _tuples(value):
    """JSON's lists as tuples, all the way down (a table of contents read back)."""
    if type(value) is not list:
        return value
    return tuple([_tuples(v) if type(v) is list else v for v in value])


def navigation(paths: Sequence[str], roots: dict[str, str], tocs: Sequence[tuple[str, str, str]],
               toc_bytes: Sequence[bytes], locales: Sequence[str], cache: ResultCache | None
               ) -> dict[str, tuple]:
    """Each locale's table of contents as nested tuples (read again only when a TOC changed)."""
    key = content_key("sitenav", [repr((paths, sorted(roots.items()), list(tocs),
                                        list(locales))).encode(), *toc_bytes])
    hit = cache.get(key) if cache else None
    if hit is not None:
        return {loc: _tuples(nodes) for loc, nodes in hit[0].items()}
    nav = {loc: nav_tuples(nodes) for loc, nodes in read_navigation(paths, roots).items()
           if loc in locales}
    if cache:
        cache.put(key, Plain([nav]))
    return nav


def summaries_digest(summaries: Sequence[dict]) -> str:
    """A hash of a group's item summaries (what the index and status pages draw of them)."""
    data = json.dumps(summaries, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def page_keys(summary_digests: Sequence[str], findings: Sequence[Finding],
              locales: Sequence[str], digest: str) -> dict[str, str]:
    """Output path -> a hash of what each locale's index and status page is drawn from: the
    groups' :func:`summaries_digest` (in order) and the reported findings (in their reported
    order), by what the status page shows of them."""
    common = hashlib.blake2b(digest.encode(), digest_size=16)
    common.update("\n".join(summary_digests).encode())
    by_locale: dict[str, list[tuple]] = {loc: [] for loc in locales}
    for f in findings:
        rows = by_locale.get(f.locale)
        if rows is not None:
            rows.append((f.path, f.line, f.code, f.category.value, f.severity.value))
    keys = {}
    for loc in locales:
        keys[f"{loc}/index.html"] = common.hexdigest() + loc
        h = common.copy()
        h.update(json.dumps(by_locale[loc], ensure_ascii=False).encode("utf-8", "surrogatepass"))
        keys[f"{loc}/status.html"] = h.hexdigest() + loc
    return keys


def finding_rows(findings: Sequence[Finding]) -> Plain:
    """Findings as rows of plain values: a cached group's findings are read back with one
    JSON parse instead of a record walk (a rebuild reads every group's)."""
    return Plain([f.code, f.category.value, f.severity.value, f.locale, f.span.path,
                  f.span.line_start, f.span.line_end, f.column, f.item, f.message, f.expected,
                  f.actual, [f.fix.line, f.fix.column, f.fix.old, f.fix.new] if f.fix else None]
                 for f in findings)


def findings_of(rows: Sequence[list]) -> list[Finding]:
    """The findings :func:`finding_rows` wrote."""
    out = []
    for (code, category, severity, locale, path, start, end, column, item, message, expected,
         actual, fix) in rows:
        out.append(Finding(code=code, category=Category(category), severity=Severity(severity),
                           locale=locale, span=SourceSpan(path=path, line_start=start,
                                                          line_end=end),
                           column=column, item=item, message=message, expected=expected,
                           actual=actual, fix=Fix(line=fix[0], column=fix[1], old=fix[2],
                                                  new=fix[3]) if fix else None))
    return out


def ignore_rows(ignores: dict) -> Plain:
    """Inline ignore comments (path -> line -> codes) as plain rows."""
    return Plain([path, line, list(codes)] for path, marks in sorted(ignores.items())
                 for line, codes in sorted(marks.items()))


def ignores_of(rows: Sequence[list]) -> dict:
    """The ignores :func:`ignore_rows` wrote."""
    out: dict = {}
    for path, line, codes in rows:
        out.setdefault(path, {})[line] = tuple(codes)
    return out
