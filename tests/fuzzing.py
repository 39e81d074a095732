"""Hostile pages for the library path parse -> merge -> check, shared by `tests/test_fuzz.py`
(hypothesis) and `benchmarks/fuzz.py` (the long-running fuzzer).

A *case* is a seed page changed by a few mutation steps, each step a (name, seed) pair, so that a
case is replayed exactly from its steps. :func:`run_case` runs the page alone and in a group of
locales (so the cross-locale checks run) and returns what went wrong: an exception that escaped,
an RL009 internal-error finding (its check is run again outside the guard to find where it
raised), or items that do not serialise to strict JSON.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import reflingo
from reflingo.checks import REGISTRY, CheckContext
from reflingo.checks.runner import check_corpus, latest_commits
from reflingo.corpus import build_corpus
from reflingo.parse import locale_of_path, parse_bytes
from reflingo.reports.model import finding_record, item_data

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
GROUP_LOCALES = ("en-US", "es-ES", "ru-RU", "de-DE", "pt-BR")
MAX_BYTES = 1_500_000
"""Steps that would grow a page past this size leave it as it is."""
_PACKAGE = Path(reflingo.__file__).resolve().parent


# -- seeds ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Family:
    """The pages of one API item, one per locale (its relative path is the same in each)."""

    rel_path: str
    pages: dict[str, bytes]


def families_under(root: Path, paths: Sequence[Path] | None = None) -> list[Family]:
    """The pages under `root` (`<locale>/[docs/]<rel_path>`), grouped by relative path."""
    found: dict[str, dict[str, bytes]] = {}
    for p in paths if paths is not None else sorted(root.rglob("*.md")):
        locale, rel = locale_of_path(str(p))
        if locale:
            found.setdefault(rel, {})[locale] = p.read_bytes()
    return [Family(rel, pages) for rel, pages in sorted(found.items())]


def sample_corpus(corpus: Path, count: int, rng: random.Random) -> list[Family]:
    """`count` pages picked at random from the shared corpus, each with its other locales."""
    rels: dict[str, list[Path]] = {}
    for dirpath, _, names in os.walk(corpus):
        for name in names:
            if name.endswith(".md"):
                p = Path(dirpath, name)
                rels.setdefault(locale_of_path(str(p))[1], []).append(p)
    picked = rng.sample(sorted(rels), min(count, len(rels)))
    return families_under(corpus, sorted(p for rel in picked for p in rels[rel]))


# -- mutations -----------------------------------------------------------------------------------
def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randint(0, len(data))


def _line_start(rng: random.Random, data: bytes) -> int:
    starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]
    return rng.choice(starts)


def _span(rng: random.Random, data: bytes, most: int = 256) -> tuple[int, int]:
    a = _pos(rng, data)
    return a, min(len(data), a + rng.randint(1, most))


def flip(rng, data, others):
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


_ODD_BYTES = (b"\x00", b"\xff", b"\xfe", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xed\xbf\xbf",
              b"\xc0\x80", b"\xef\xbf\xbd", b"\xef\xbb\xbf", b"\x1b", b"\x7f", b"\r", b"\x0b\x0c",
              b"\xf4\x90\x80\x80", b"\x85", b"\xe2\x80\xa8")


def insert_bytes(rng, data, others):
    chunk = rng.choice(_ODD_BYTES) if rng.random() < 0.6 else rng.randbytes(rng.randint(1, 16))
    at = _pos(rng, data)
    return data[:at] + chunk * rng.randint(1, 4) + data[at:]


def delete_range(rng, data, others):
    a, b = _span(rng, data, 2000)
    return data[:a] + data[b:]


def duplicate_range(rng, data, others):
    a, b = _span(rng, data, 2000)
    times = rng.choice((1, 2, 10, 100))
    return data[:b] + data[a:b] * times + data[b:]


def splice(rng, data, others):
    other = rng.choice(others) if others else data
    return data[:_pos(rng, data)] + other[_pos(rng, other):]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def duplicate_lines(rng, data, others):
    lines = _lines(data)
    a = rng.randrange(len(lines))
    b = min(len(lines), a + rng.randint(1, 8))
    return b"\n".join(lines[:b] + lines[a:b] * rng.choice((1, 2, 5, 50)) + lines[b:])


def delete_lines(rng, data, others):
    lines = _lines(data)
    a = rng.randrange(len(lines))
    return b"\n".join(lines[:a] + lines[a + rng.randint(1, 10):])


def shuffle_lines(rng, data, others):
    lines = _lines(data)
    a = rng.randrange(len(lines))
    b = min(len(lines), a + rng.randint(2, 30))
    window = lines[a:b]
    rng.shuffle(window)
    return b"\n".join(lines[:a] + window + lines[b:])


def join_lines(rng, data, others):
    lines = _lines(data)
    a = rng.randrange(len(lines))
    b = min(len(lines), a + rng.randint(2, 6))
    glue = rng.choice((b"", b" ", b"\t", b"\r"))
    return b"\n".join(lines[:a] + [glue.join(lines[a:b])] + lines[b:])


def lines_from_other(rng, data, others):
    other = _lines(rng.choice(others) if others else data)
    a = rng.randrange(len(other))
    lines = _lines(data)
    at = rng.randrange(len(lines) + 1)
    return b"\n".join(lines[:at] + other[a:a + rng.randint(1, 12)] + lines[at:])


HOSTILE_LINES = (
    "---", "--- ", "...", "```", "```cpp", "~~~", "    ```", "> ```", "# ", "#", "######## x",
    "# <a name=\"parameters\"></a>", "## <a name=\"parameters\"></a>Parameters",
    "## <a name=\"return-value\"></a>", "## Valor devuelto", "## Возвращаемое значение",
    "## <a name=\"\"></a>", "## <a name=\"see-also\">", "> [!NOTE]", "> [!", ">", "> [in]", "> [",
    "|", "||", "|:--|", "|**a**|**b**|\n|:--|\n|x|y|z|w|", "| a | b |\n|---|---|", "- ", "* ",
    "1. ", "+ ", "99999999999999999999. x", "- - - - -", "* * *", "<!--", "-->", "<span>", "</span>",
    "_", "__", "**", "***", "_ulFlags_", " _ulFlags_", "**MAPI_E_**", "S_OK", "MAPI_E_CALL_FAILED",
    "[in]", "[out]", "[in, out]", "[entrada]", "[вход]", "[Eingabe]", "[entrada, saída]",
    "```cpp\nHRESULT X(\n  ULONG a,\n", "```cpp\n#define X(a, b)\n```", "```cpp\nstruct {\n```",
    "```cpp\nHRESULT I::M(void);\n```", "```cpp\n)))(((,,,;\n```",
    "**Applies to**: |", "**Se aplica a**:", "**Относится к**:",
    "\ufffd", "\ufffd\ufffd\ufffd", "Ð¡ÐµÐ°Ð½Ñ", "\u200f", "\u202e", "\u200b", "\u2028", "\ufeff",
    "\u0301\u0301\u0301", "\U0001f600", "\x00", "\x1b[31m", "\\", "`", "``", "<", "&", "&#0;",
    "&#xD800;", "<a name=\"x\">", "<br/>", "<br/><br/><br/>",
)
HOSTILE_INLINE = (
    "**", "_", "*", "__", "`", "::", " :: ", ":::", "\\", "[", "]", "](", "[x](y)", "[x]()",
    "[x](<>)", "[x]( )", "[x](#)", "[x](#parameters)", "[x](../../../../etc/passwd)",
    "[x](http://[::1)", "[x](http://[)", "[x](http://a:99999)", "[x](http://a:-1/)",
    "[x](https://msdn.microsoft.com/library/ms682317%28v=VS.85%29.aspx)", "[x](%zz%)",
    "[x](mailto:)", "[x](javascript:alert(1))", "[x](\\\\server\\share)", "[x](C:\\a.md)",
    "[x](a.md#)", "[x](.md)", "[x](/)", "[x](//)", "[x](a b.md)", "[x](\x00.md)", "[x](\ufffd.md)",
    "[[x](y)](z)", "[x](y \"t\")", "[x]: y", "![x](y)", "[IMAPISession::Logoff](imapisession-logoff.md)",
    "<span data-ttu-id=\"1\" sid=\"2\">", "</span>", "<span data-ttu-id=\"\">", "<span data-ttu-id=",
    "<span data-ttu-id=\"a\"><span class=\"sxs-lookup\"><span data-stu-id=\"a\">src</span></span>",
    "<span data-ttu-id=\"b\" sid=\"b\">x<span data-ttu-id=\"c\">y</span></span>",
    "<a name=\"x\"></a>", "<a name=\"", "&amp;", "&nbsp;", "&#x200F;", "\ufffd", "Ã©", "Â",
    "ы", "МАПИ", "\u200f", "\u202e", "\u0000", "\ufeff", "\r", "\r\n", "\t", "MAPI_LOGOFF_UI",
    "**MAPI_E_NO_SUPPORT**", "_ulFlags_", "IMAPISession::", "::Logoff", "PidTagDisplayName",
    "I\u0405ession", "lpsz\ufffd", "«", "»", "“", "”", " ,", " .", "( ", " )", "!!", "%s", "{0}",
)
LAUGHS = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n" + "\n".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 7))
HOSTILE_YAML = (
    "a: &x [*x]", "a: &x\n  b: *x", "b: *undefined", "api_name: &n [a, *n]",
    "ms.date: !!timestamp 2015-13-45", "ms.date: !!int 0x", "ms.date: !!float .nan",
    "ms.date: .inf", "ms.date: 2015-03-09", "ms.date: 99/99/9999", "ms.date: 03/09/0000",
    "ms.date: 3/9/15", "ms.date: ''", "ms.date: [1, 2]", "ms.date: {a: b}",
    "ms.lasthandoff: 02/30/2019", "ms.lasthandoff: 13/13/2019", "ms.lasthandoff: ٠٣/٠٩/٢٠١٥",
    "ms.lasthandoff: ³/²/2019", "ms.lasthandoff: 04/23/99999999999999999999",
    "ms.date: 1e400", "ms.date: -0", "ms.date: 0o777", "title: !!binary aGVsbG8=",
    "title: !!python/object:os.system x", "title: !custom x", "title: !!str", "title: !!null ''",
    "title: [", "title: {", "title: '", "title: \"\\x\"", "title: |", "title: >-", "title: ~",
    "title:", "title: null", "api_name: [[[]]]", "api_name: {a: {b: c}}", "api_name: [null, 1, 2.5]",
    "api_name: IMAPISession.Logoff", "api_type: [~]", "ms.assetid: ''", "ms.assetid: [a]",
    "ms.assetid: 93e38f6c-4b67-4f2d-bc94-631efec86852", "ms.assetid: 1", "ms.assetid: true",
    "ms.contentlocale: ''", "ms.contentlocale: xx", "ms.contentlocale: ../../x",
    "ms.contentlocale: [es-ES]", "ms.contentlocale: en-US", "ms.contentlocale: ru-RU",
    "ms.sourcegitcommit: [a]", "ms.sourcegitcommit: 1", "ms.sourcegitcommit: ~",
    "ms.locfileid: 1e9999", "ms.translationtype: {MT: 1}", "? [a, b]\n: c", "<<: {a: 1}",
    "%YAML 1.1", "%TAG ! tag:x,2000:", "- a", "- - -", "a: b: c", "\ta: b", "  a: b", "#",
    "description: 'a''b'", "description: \"\\ud800\"", "description: \"\\U0010ffff\"",
    "key with spaces: 1", LAUGHS, "ms.date : 03/09/2015", "ms.date:03/09/2015", "\u2028: x", "'': ''",
)


def _insert_line(rng, data: bytes, text: str) -> bytes:
    at = _line_start(rng, data)
    return data[:at] + text.encode("utf-8", "surrogatepass") + b"\n" + data[at:]


def hostile_line(rng, data, others):
    return _insert_line(rng, data, rng.choice(HOSTILE_LINES))


def hostile_inline(rng, data, others):
    at = _pos(rng, data)
    token = rng.choice(HOSTILE_INLINE) * rng.choice((1, 1, 1, 2, 3, 20))
    return data[:at] + token.encode("utf-8", "surrogatepass") + data[at:]


def hostile_yaml(rng, data, others):
    """A hostile line inside the front matter (between the first two `---` lines), or a field's
    value replaced."""
    lines = _lines(data)
    fences = [i for i, ln in enumerate(lines) if ln.strip() == b"---"][:2]
    first = fences[0] + 1 if fences else 0
    end = max(first, fences[1] if len(fences) == 2 else min(len(lines), 20))
    at = rng.randint(first, end)
    text = rng.choice(HOSTILE_YAML).encode("utf-8", "surrogatepass")
    if rng.random() < 0.5 and at < end and b":" in lines[at]:
        key = lines[at].split(b":", 1)[0]
        value = text.split(b":", 1)[-1] if b":" in text else text
        lines[at] = key + b":" + value
    else:
        lines.insert(at, text)
    return b"\n".join(lines)


def fence(rng, data, others):
    """A `---` or ``` fence added, or one of the page's own fences removed."""
    lines = _lines(data)
    fences = [i for i, ln in enumerate(lines) if ln.strip().startswith((b"---", b"```"))]
    if fences and rng.random() < 0.4:
        del lines[rng.choice(fences)]
    else:
        lines.insert(rng.randint(0, len(lines)), rng.choice((b"---", b"```", b"```cpp", b"~~~")))
    return b"\n".join(lines)


def bilingual(rng, data, others):
    """A line's text wrapped in DocFX bilingual markup, whole or broken."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    n = rng.randint(0, 99999)
    text = lines[i]
    wraps = (
        b'<span data-ttu-id="%d-1" sid="%d">' % (n, n) + text + b"</span>",
        b'<span data-ttu-id="%d">' % n + text + b'<span class="sxs-lookup"><span data-stu-id="%d">'
        % n + text[::-1] + b"</span></span></span>",
        b'<span data-ttu-id="%d">' % n + text,
        text + b"</span>" * rng.randint(1, 3),
        b'<span data-ttu-id="' + text + b'">',
    )
    lines[i] = rng.choice(wraps)
    return b"\n".join(lines)


_LONG_CHARS = ("a", " ", "*", "_", "`", "[", "]", "(", "<", ">", "|", "#", "-", ":", "\\", "!",
               "\ufffd", "\u200f", "ы", "=", "~", ".", "&", "0", "\t", "[x](", "**a", "_a ", "::")


def long_line(rng, data, others):
    """A line of one character (or a short token) repeated to 10-100 KB."""
    unit = rng.choice(_LONG_CHARS).encode()
    text = unit * (rng.randint(10_000, 100_000) // len(unit))
    at = _line_start(rng, data) if rng.random() < 0.7 else _pos(rng, data)
    return data[:at] + text + data[at:]


def deep_nesting(rng, data, others):
    """Deeply nested quotes, lists, brackets or spans."""
    n = rng.choice((50, 500, 5000))
    unit = rng.choice((b">", b"> ", b"- ", b"  - ", b"1. ", b"* ", b"[", b"(", b"<span>", b"**_",
                       b"<a name=\"x\">", b"`"))
    return _insert_line(rng, data, (unit * n).decode("latin-1") + "x")


def encoding(rng, data, others):
    """The page re-encoded or given line endings or a byte order mark it should not have."""
    text = data.decode("utf-8", "replace")
    how = rng.randrange(7)
    if how == 0:
        return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le", "replace")
    if how == 1:
        return b"\xfe\xff" + text.encode("utf-16-be", "replace")
    if how == 2:
        return text.encode("cp1252", "replace")
    if how == 3:
        return data.replace(b"\n", b"\r\n")
    if how == 4:
        return data.replace(b"\n", b"\r")
    if how == 5:
        return b"\xef\xbb\xbf" * rng.randint(1, 3) + data
    return text.encode("utf-8").decode("latin-1").encode("utf-8")    # mojibake


def truncate(rng, data, others):
    return data[:_pos(rng, data)]


Mutation = Callable[[random.Random, bytes, Sequence[bytes]], bytes]
MUTATIONS: dict[str, Mutation] = {fn.__name__: fn for fn in (
    flip, insert_bytes, delete_range, duplicate_range, splice, duplicate_lines, delete_lines,
    shuffle_lines, join_lines, lines_from_other, hostile_line, hostile_inline, hostile_yaml, fence,
    bilingual, long_line, deep_nesting, encoding, truncate)}
_WEIGHTS = {"hostile_inline": 4, "hostile_line": 4, "hostile_yaml": 3, "bilingual": 2, "fence": 2}
Step = tuple[str, int]


def apply(steps: Sequence[Step], data: bytes, others: Sequence[bytes] = (),
          max_bytes: int = MAX_BYTES) -> bytes:
    """The page after each (mutation name, seed) step; a step that would grow it past
    `max_bytes` is skipped."""
    for name, seed in steps:
        out = MUTATIONS[name](random.Random(seed), data, others)
        if len(out) <= max_bytes:
            data = out
    return data


def random_steps(rng: random.Random) -> list[Step]:
    names = sorted(MUTATIONS)
    weights = [_WEIGHTS.get(n, 1) for n in names]
    count = rng.choice((1, 1, 2, 2, 3, 4, 6))
    return [(rng.choices(names, weights)[0], rng.getrandbits(32)) for _ in range(count)]


# -- cases ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Case:
    """One hostile page and the group it is checked in."""

    data: bytes
    locale: str
    rel_path: str
    steps: tuple[Step, ...] = ()
    seed_page: str = ""
    siblings: tuple[tuple[str, bytes], ...] = ()
    """The other locales' (unchanged) pages of the same item; without them, the group is the
    hostile page itself read as each of :data:`GROUP_LOCALES`."""
    trust_front: bool = False
    """Let the page's own `ms.contentlocale` decide its locale when read alone."""


def make_case(families: Sequence[Family], rng: random.Random) -> Case:
    family = rng.choice(families)
    locale = rng.choice(sorted(family.pages))
    others = [p for f in rng.sample(list(families), min(3, len(families))) for p in f.pages.values()]
    steps = tuple(random_steps(rng))
    siblings = tuple((loc, b) for loc, b in sorted(family.pages.items()) if loc != locale) \
        if rng.random() < 0.5 else ()
    return Case(data=apply(steps, family.pages[locale], others), locale=locale,
                rel_path=family.rel_path, steps=steps, seed_page=f"{locale}/{family.rel_path}",
                siblings=siblings, trust_front=rng.random() < 0.25)


@dataclass(frozen=True, slots=True)
class Crash:
    """Something that went wrong on a case."""

    kind: str
    """`exception` (escaped the library), `RL009` (a check raised) or `json` (no strict JSON)."""
    stage: str
    """parse, merge, scan, check or serialise; for RL009, the check's code."""
    error: str
    """The exception's type."""
    site: str
    """`file:line` of the innermost reflingo frame (relative to the package)."""
    message: str
    trace: str = ""
    """The last frames of the traceback."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.kind, self.stage, self.error, self.site


@dataclass(slots=True)
class Outcome:
    crashes: list[Crash] = field(default_factory=list)
    alone: float = 0.0
    """Seconds to parse, merge, check and serialise the page alone."""
    group: float = 0.0
    """The same for its group (0 when the page alone was already over the limit)."""
    copies: int = 0
    """How many pages of the group are the hostile page."""

    @property
    def seconds(self) -> float:
        """The page's time: alone, or its share of the group's, whichever is longer."""
        return max(self.alone, self.group / self.copies if self.copies else 0.0)


def site_of(exc: BaseException) -> str:
    """`file:line` of the innermost frame inside the reflingo package; for a RecursionError,
    `file:function` of the reflingo function that recurses most (the line it stops on varies)."""
    frames = [fr for fr in traceback.extract_tb(exc.__traceback__)
              if _PACKAGE in Path(fr.filename).parents]
    if not frames:
        return "?"
    def where(fr) -> str:
        return Path(fr.filename).relative_to(_PACKAGE).as_posix()
    if isinstance(exc, RecursionError):
        (file, name), _ = Counter((where(fr), fr.name) for fr in frames).most_common(1)[0]
        return f"{file}:{name}"
    return f"{where(frames[-1])}:{frames[-1].lineno}"


def _crash(kind: str, stage: str, exc: BaseException) -> Crash:
    trace = "".join(traceback.format_exception(exc, limit=-8))
    return Crash(kind=kind, stage=stage, error=type(exc).__name__, site=site_of(exc),
                 message=str(exc)[:300], trace=trace[-4000:])


_RL009 = re.compile(r"internal error in check (RL\d+): (\w+)")


def _rel(path: str) -> str:
    return locale_of_path(path)[1]


def _context(pages: Sequence[tuple[str | None, str, bytes]]) -> CheckContext:
    """What `reflingo check` computes from the raw files (pages per locale, U+FFFD repairs)."""
    from reflingo.run.discover import SourceFile
    from reflingo.run.scan import build_context
    return build_context([SourceFile(path=path, data=data, locale=loc, rel_path=_rel(path),
                                     digest="") for loc, path, data in pages])


def _run(pages: Sequence[tuple[str | None, str, bytes]], scan: bool, out: list[Crash]) -> None:
    stage = "scan"
    try:
        ctx = _context(pages) if scan else CheckContext()
        stage = "parse"
        parsed = [parse_bytes(data, path, locale=loc, rel_path=_rel(path))
                  for loc, path, data in pages]
        stage = "merge"
        corpus = build_corpus(parsed)
        stage = "check"
        findings, problems = check_corpus(corpus, ctx)
        stage = "serialise"
        for f in [*findings, *problems]:
            json.dumps(finding_record(f), allow_nan=False)
    except Exception as exc:   # noqa: BLE001 - what the fuzzer looks for
        out.append(_crash("exception", stage, exc))
        return
    for item in corpus.items:
        try:
            json.dumps(item_data(item), allow_nan=False)
        except Exception as exc:   # noqa: BLE001
            out.append(_crash("json", "serialise", exc))
    for f in findings:
        if f.code == "RL009":
            out.append(_explain(f, corpus, ctx))


def _explain(f, corpus, ctx: CheckContext) -> Crash:
    """Run the check an RL009 finding names again, outside the guard, to learn where it raised."""
    m = _RL009.search(f.message)
    code = m.group(1) if m else "?"
    ctx = dataclasses.replace(ctx, latest={**ctx.latest, **latest_commits(corpus.items)})
    for item in corpus.items:
        page = item.pages.get(f.locale)
        if page is not None and page.path == f.path and code in REGISTRY:
            try:
                list(REGISTRY[code].fn(item, f.locale, ctx))
            except Exception as exc:   # noqa: BLE001
                return _crash("RL009", code, exc)
    return Crash(kind="RL009", stage=code, error=m.group(2) if m else "?", site="?",
                 message=f.message[:300])


def group_of(case: Case) -> list[tuple[str, str, bytes]]:
    """(locale, path, bytes) of the pages the hostile page is checked with."""
    hostile = [(case.locale, f"fuzz/{case.locale}/{case.rel_path}", case.data)]
    if case.siblings:
        rest = [(loc, f"fuzz/{loc}/{case.rel_path}", data) for loc, data in case.siblings]
        if "en-US" not in {loc for loc, _ in case.siblings} and case.locale != "en-US":
            rest.append(("en-US", f"fuzz/en-US/{case.rel_path}", case.data))
        return hostile + rest
    return hostile + [(loc, f"fuzz/{loc}/{case.rel_path}", case.data)
                      for loc in GROUP_LOCALES if loc != case.locale]


def run_case(case: Case, limit: float = float("inf")) -> Outcome:
    """Run the page alone, then (unless that took over `limit` seconds) in its group."""
    out = Outcome()
    start = time.perf_counter()
    alone = (None if case.trust_front else case.locale, f"fuzz/{case.locale}/{case.rel_path}",
             case.data)
    _run([alone], scan=False, out=out.crashes)
    out.alone = time.perf_counter() - start
    if out.alone <= limit:
        group = group_of(case)
        start = time.perf_counter()
        _run(group, scan=True, out=out.crashes)
        out.group = time.perf_counter() - start
        out.copies = sum(1 for _, _, data in group if data is case.data)
    return out
