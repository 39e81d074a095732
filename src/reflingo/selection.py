"""The one funnel that decides which findings are reported, and whether the run fails.

Every command that reports findings passes them through a :class:`Decider` built from the
:class:`~reflingo.config.Config` in effect (the file's settings, then the command line's):

- `select` / `ignore`: code prefixes, as in flake8; the longer matching prefix wins;
- `per-path-ignores`: glob patterns with the code prefixes they silence;
- inline comments: a page line (or the line above it) holding
  `<!-- reflingo-ignore RL201 RL3 -->` silences the findings on that line whose code starts with
  one of the codes; without codes, all of them;
- `fail-on`: the lowest severity that makes the run exit with 1.

The workers only collect the inline comments of their pages (:func:`inline_ignores`); the
decision is taken here, in the parent process.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from reflingo.config import Config
from reflingo.findings import Finding, Severity

INLINE_MARK = "reflingo-ignore"
_COMMENT_OPEN = re.compile(r"<!--\s*reflingo-ignore\b")

Ignores = Mapping[int, tuple[str, ...]]
"""Line number -> the code prefixes an inline comment on it names (() for all codes)."""


def longest_prefix(code: str, prefixes: Iterable[str]) -> str | None:
    """The longest prefix of `code` among `prefixes`, or None."""
    hits = [p for p in prefixes if code.startswith(p)]
    return max(hits, key=len) if hits else None


@dataclass(frozen=True, slots=True)
class Decider:
    """Decides, for one run, which checks run, which findings are reported, and the verdict."""

    config: Config
    """The settings in effect."""

    def selects(self, code: str) -> bool:
        """Whether findings with this code are reported at all (select/ignore, flake8's rule);
        a check whose code is not selected does not even run."""
        chosen = longest_prefix(code, self.config.select) if self.config.select else ""
        if chosen is None:
            return False
        ignored = longest_prefix(code, self.config.ignore)
        return ignored is None or len(chosen) > len(ignored)

    def keeps(self, f: Finding, ignores: Ignores | None = None) -> bool:
        """Whether a finding is reported: its code is selected, no per-path ignore and no
        inline comment (`ignores`: those of the finding's page) silences it."""
        if not self.selects(f.code):
            return False
        if ignores and suppressed_by(f, ignores):
            return False
        if not self.config.per_path_ignores:
            return True
        names = _path_forms(f.path, self.config.path)
        return not any(longest_prefix(f.code, codes) is not None and
                       any(fnmatch.fnmatchcase(n, pattern) for n in names)
                       for pattern, codes in self.config.per_path_ignores)

    def decide(self, findings: Iterable[Finding],
               ignores: Mapping[str, Ignores] | None = None,
               pages: Mapping[str, int] | None = None) -> list[Finding]:
        """The reported findings, sorted; `ignores` maps a page's path to its inline comments.

        One finding per (file, line, column, code): findings that share them are merged (their
        messages joined); and no two fixes overlap: where they would, the more severe finding
        keeps its fix and the other is left to a human. With `pages` (locale -> pages read), a
        difference that most of a locale's pages share is one locale-wide note."""
        ignores = ignores or {}
        kept = [f for f in findings if self.keeps(f, ignores.get(f.path))]
        if pages:
            kept = locale_wide(kept, pages)
        return without_overlapping_fixes(merged(kept))

    def fails(self, findings: Iterable[Finding]) -> bool:
        """Whether any reported finding is at or above `fail-on`."""
        worst = self.config.fail_on.rank
        return any(f.severity.rank >= worst for f in findings)


#: Codes whose differences a whole locale can share because its source was older (the products
#: of "Applies to", link targets, a last-modified date every locale's page inherited): not
#: defects of each page's translation.
SOURCE_VERSION_CODES = ("RL704", "RL500", "RL723")
INHERITED = ("RL723",)
"""Codes that stand for one difference whatever their texts (RL723: each page's dates differ,
the cause, a date the source gave every translation, does not)."""
LOCALE_WIDE_PAGES = 20
"""A shared difference becomes one locale-wide note from this many pages on ..."""
LOCALE_WIDE_SHARE = 0.2
"""... and when it covers this share of the locale's pages."""


def difference_shape(f: Finding) -> tuple:
    """What a difference is, apart from the page: `http://` written for the reference's
    `https://` is one shape whatever the URL, an :data:`INHERITED` code one whatever its texts;
    otherwise the expected and actual texts."""
    if f.code in INHERITED:
        return (f.code,)
    exp, act = f.expected or "", f.actual or ""
    if exp.startswith("https://") and act.startswith("http://") and exp[8:] == act[7:]:
        return (f.code, "https -> http")
    return (f.code, exp, act)


def locale_wide(findings: list[Finding], pages: Mapping[str, int]) -> list[Finding]:
    """Findings of :data:`SOURCE_VERSION_CODES` that nearly a whole locale shares, as one note
    for the locale (the first page's place, the count, examples); the rest unchanged."""
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        if f.code in SOURCE_VERSION_CODES:
            groups.setdefault((f.locale, difference_shape(f)), []).append(f)
    wide = {key for key, group in groups.items()
            if len({g.path for g in group}) >= max(LOCALE_WIDE_PAGES,
                                                    LOCALE_WIDE_SHARE * pages.get(key[0], 0))}
    if not wide:
        return findings
    out, done = [], set()
    for f in findings:
        key = (f.locale, difference_shape(f)) if f.code in SOURCE_VERSION_CODES else None
        if key not in wide:
            out.append(f)
        elif key not in done:
            done.add(key)
            group = sorted(groups[key], key=lambda g: g.sort_key())
            paths = sorted({g.path for g in group})
            examples = ", ".join(os.path.basename(p) for p in paths[:3])
            out.append(dataclasses.replace(
                group[0], severity=Severity.NOTE, fix=None,
                message=f"{len(paths)} of the {pages.get(f.locale, 0)} {f.locale} pages share this "
                        f"difference (e.g. {examples}): the source they were translated from "
                        f"differed, not the translation; {group[0].message}"))
    return out


def merged(findings: Iterable[Finding]) -> list[Finding]:
    """The findings, sorted, with those at the same (file, line, column, code) made one."""
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.path, f.line, f.column or 0, f.code), []).append(f)
    out = []
    for group in groups.values():
        first = group[0]
        if len(group) > 1:
            fixes = {g.fix for g in group if g.fix is not None}
            first = dataclasses.replace(
                first, message=_joined(g.message for g in group),
                expected=_joined(g.expected for g in group),
                actual=_joined(g.actual for g in group),
                fix=fixes.pop() if len(fixes) == 1 else None)
        out.append(first)
    return sorted(out, key=lambda f: f.sort_key())


def _joined(texts: Iterable[str | None]) -> str | None:
    unique = list(dict.fromkeys(t for t in texts if t is not None))
    return "; ".join(unique) if unique else None


def without_overlapping_fixes(findings: list[Finding]) -> list[Finding]:
    """The findings with no two fixes touching the same characters of a line: the fix of the
    more severe finding (then the one that starts first) is kept."""
    order = sorted((i for i, f in enumerate(findings) if f.fix is not None),
                   key=lambda i: (findings[i].path, findings[i].fix.line,
                                  -findings[i].severity.rank, findings[i].fix.column))
    taken: dict[tuple[str, int], list[tuple[int, int]]] = {}
    out = list(findings)
    for i in order:
        f = findings[i]
        wanted = [((f.path, x.line), x.column, x.column + max(len(x.old), 1)) for x in f.fix.pieces()]
        if any(start < e and s < end for where, start, end in wanted
               for s, e in taken.get(where, ())):
            out[i] = dataclasses.replace(f, fix=None)
        else:
            for where, start, end in wanted:        # a page-wide fix takes all its lines
                taken.setdefault(where, []).append((start, end))
    return out


def _path_forms(path: str, config_path: str | None) -> list[str]:
    """The path as given, and relative to the configuration's folder and to the current one."""
    forms = [Path(os.path.normpath(path)).as_posix()]
    absolute = Path(os.path.abspath(path))
    for base in ((Path(config_path).resolve().parent,) if config_path else ()) + (Path.cwd(),):
        try:
            forms.append(absolute.relative_to(base).as_posix())
        except ValueError:
            pass
    return forms


# -- inline comments -------------------------------------------------------------------------

def inline_codes(line: str) -> tuple[str, ...] | None:
    """The code prefixes a `reflingo-ignore` comment on this line names; () for all; None if
    the line has no such comment. Linear in the line's length."""
    found: list[str] = []
    any_comment = False
    pos = 0
    while (m := _COMMENT_OPEN.search(line, pos)) is not None:
        end = line.find("-->", m.end())
        if end < 0:
            break
        any_comment = True
        codes = [c.upper() for c in re.split(r"[\s,]+", line[m.end():end].strip()) if c]
        if not codes:
            return ()
        found.extend(codes)
        pos = end + 3
    return tuple(found) if any_comment else None


def inline_ignores(lines: Sequence[str]) -> dict[int, tuple[str, ...]]:
    """Every inline comment of a page: line number -> the code prefixes it names."""
    out = {}
    for number, line in enumerate(lines, 1):
        if INLINE_MARK in line:
            codes = inline_codes(line)
            if codes is not None:
                out[number] = codes
    return out


def suppressed_by(f: Finding, ignores: Ignores) -> bool:
    """Whether an inline comment on the finding's line or the line above silences it."""
    for n in (f.line, f.line - 1):
        codes = ignores.get(n)
        if codes is not None and (not codes or longest_prefix(f.code, codes) is not None):
            return True
    return False


def suppressed(f: Finding, lines: Sequence[str]) -> bool:
    """Whether an inline comment in `lines` (the finding's page) silences the finding."""
    window = {n: lines[n - 1] for n in (f.line - 1, f.line) if 0 < n <= len(lines)}
    return suppressed_by(f, {n: c for n, line in window.items()
                             if INLINE_MARK in line and (c := inline_codes(line)) is not None})
