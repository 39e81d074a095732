"""Benchmark: parse and check valid pages that hold one hostile line; seconds per case.

Each case is the seed page `content/es-ES/outlook/mapi/imapisession-logoff.md` with one long
line put in its body: a *kind* (what the line repeats: `‹`, `](`, `<a`, `**`, spaces,
Cyrillic letters, ...) at a *placement* (a prose line, a table cell, a heading, a bold run,
inline code, a link text, a code block line, a front matter value, a parameter description, ...)
and a size in characters. The page is parsed (`parse_bytes`), merged (`build_corpus`) and
checked (`check_corpus`), as a worker does (:mod:`reflingo.run.tasks`), in a forked process with a
time limit, so that one slow case does not hold up the others. With `--role reference` the
hostile page is the en-US reference of the item and the clean seed pages of the other locales
are checked against it.

Every scan of page text should take time in proportion to the text: a case that takes more
than about half a second at 100 kB is a defect. Figures only, no asserts; timings are noisy
on a busy machine. `--huge MB` also times one page of that many megabytes made of ordinary
lines, with the peak memory of the process that parses and checks it.

    python benchmarks/bench_hostile.py                       # every case at 100 kB
    python benchmarks/bench_hostile.py --sizes 10000,50000,100000 --kinds '](' '<a'
    python benchmarks/bench_hostile.py --placements prose table --over 0.5
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "content" / "es-ES" / "outlook" / "mapi" / "imapisession-logoff.md"
LOCALES = ("de-DE", "pt-BR", "ru-RU")

# What a hostile line repeats: kind -> (prefix, unit repeated up to the size, suffix).
KINDS: dict[str, tuple[str, str, str]] = {
    "‹": ("", "‹", ""),
    "](": ("", "](", ""),
    "<a": ("", "<a", ""),
    "(*a ": ("", "(*a ", ""),
    "#": ("", "#", ""),
    "letters": ("", "a", ""),
    "Letters": ("", "aB", ""),
    "words": ("", "word ", ""),
    "spaces": ("x", " ", "x"),
    "tabs": ("x", "\t", "x"),
    "HRESULT Foo(+spaces": ("HRESULT Foo(", " ", ""),
    "Foo(+spaces+)": ("HRESULT Foo(", " ", ")"),
    "span-open": ("", '<span data-ttu-id="x">', ""),
    "span-pair-open": ("", '<span data-ttu-id="x">a</span><span class="sxs-lookup">', ""),
    "span-source-open": ("", '<span class="sxs-lookup"><span data-stu-id="x">a', ""),
    "**": ("", "**", ""),
    "*": ("", "*", ""),
    "***": ("", "*** ", ""),
    "_": ("", "_", ""),
    "__": ("", "__ ", ""),
    "*a": ("", "*a", ""),
    "_a": ("", "_a", ""),
    "a_": ("", "a_", ""),
    "**a **": ("", "**a ", ""),
    "::": ("", "::", ""),
    "a::": ("", "a::", ""),
    "A:: ": ("", "A:: ", ""),
    "A ::": ("", "A ::", ""),
    "A::B c": ("", "A::B c", ""),
    ".": ("", ".", ""),
    "a.": ("", "a.", ""),
    "a. cpp": ("", "a. cpp ", ""),
    "Cyrillic": ("", "я", ""),
    "Cyrillic words": ("", "яблоко ", ""),
    "Cyrillic::": ("", "я::", ""),
    "ALL_CAPS": ("", "MAPI_", ""),
    "[": ("", "[", ""),
    "]": ("", "]", ""),
    "[a": ("", "[a", ""),
    "[a](": ("", "[a](", ""),
    "![": ("", "![", ""),
    "(": ("", "(", ""),
    ")": ("", ")", ""),
    "<": ("", "<", ""),
    "</": ("", "</", ""),
    "<b>": ("", "<b>", ""),
    "<!--": ("", "<!--", ""),
    "`": ("", "`", ""),
    "|": ("", "|", ""),
    "\\": ("", "\\", ""),
    "-": ("", "-", ""),
    ":": ("", ":", ""),
    "&": ("", "&", ""),
    "\"": ("", "\"", ""),
    "'": ("", "'", ""),
    "http://": ("", "http://a", ""),
    "U+FFFD": ("", "\ufffd", ""),
    "a\ufffd": ("", "a\ufffd", ""),
    "[in]": ("", "[in]", ""),
    "> ": ("", "> ", ""),
    "{": ("", "{", ""),
    "/*": ("", "/*", ""),
    "a,": ("", "a,", ""),
    "<a name": ("", '<a name="x">', ""),
}

_MARK = "El método **IMAPISession:: Logoff** finaliza una sesión MAPI."


def _prose(page: str, line: str) -> str:
    return page.replace(_MARK, f"{_MARK}\n\n{line}\n", 1)


def _around(before: str, after: str) -> Callable[[str, str], str]:
    return lambda page, line: _prose(page, f"{before}{line}{after}")


def _replace(old: str, new: str) -> Callable[[str, str], str]:
    def put(page: str, line: str) -> str:
        assert old in page, old
        return page.replace(old, new.format(line), 1)
    return put


def _lines(sep: str) -> Callable[[str, str], str]:
    def put(page: str, line: str) -> str:
        return _prose(page, sep.join(line[i:i + 80] for i in range(0, len(line), 80)))
    return put


# Where the hostile line goes: placement -> (page text, line) -> page text.
PLACEMENTS: dict[str, Callable[[str, str], str]] = {
    "prose": _prose,
    "table": _replace("|MFCMAPI usa el método", "|{} |MFCMAPI usa el método"),
    "heading": _around("## ", ""),
    "h1": _around("# ", ""),
    "bold": _around("El **", "** método."),
    "italic": _around("El _", "_ método."),
    "code": _around("El `", "` método."),
    "link": _around("Vea [", "](ending-a-mapi-session.md)."),
    "list": _around("- ", ""),
    "fence": _replace("HRESULT Logoff(\n", "HRESULT Logoff(\n{}\n"),
    "front": _replace("description: 'Última modificación: 09 de marzo de 2015'", "description: '{}'"),
    "param": _replace("> [entrada] Reservado; debe ser cero.", "> [entrada] Reservado; {}"),
    "lines": _lines("\n"),
    "blocks": _lines("\n\n"),
}


def hostile_line(kind: str, size: int) -> str:
    """The hostile line of a kind, about `size` characters long."""
    prefix, unit, suffix = KINDS[kind]
    return prefix + unit * max(1, (size - len(prefix) - len(suffix)) // len(unit)) + suffix


def hostile_page(kind: str, placement: str, size: int, base: str | None = None) -> str:
    """The seed page with the hostile line of `kind` put at `placement`."""
    page = base if base is not None else BASE.read_text(encoding="utf-8")
    return PLACEMENTS[placement](page, hostile_line(kind, size))


def huge_page(megabytes: float, base: str | None = None) -> str:
    """A valid page of about that many megabytes: the seed page with its remarks repeated."""
    page = base if base is not None else BASE.read_text(encoding="utf-8")
    extra = f"{_MARK}\n\n"
    count = max(0, int(megabytes * 1e6 - len(page.encode())) // len(extra.encode()))
    return page.replace(_MARK, _MARK + "\n\n" + extra * count, 1)


def run_case(text: str, role: str, out) -> None:
    """Parse, merge and check: send the parse seconds, then the check seconds, then the peak
    resident memory in MB (of this process)."""
    from reflingo.checks.runner import check_corpus
    from reflingo.corpus import build_corpus
    from reflingo.parse import parse_bytes

    locale = "en-US" if role == "reference" else "es-ES"
    path = f"/bench/{locale}/outlook/mapi/imapisession-logoff.md"
    start = time.perf_counter()
    pages = [parse_bytes(text.encode(), path, locale=locale)]
    out.send(time.perf_counter() - start)
    if role == "reference":
        for loc in LOCALES + ("es-ES",):
            source = ROOT / "content" / loc / "outlook" / "mapi" / BASE.name
            pages.append(parse_bytes(source.read_bytes(), str(source), locale=loc))
    start = time.perf_counter()
    check_corpus(build_corpus(pages))
    out.send(time.perf_counter() - start)
    out.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def timed(text: str, role: str, timeout: float) -> tuple[str, str, str]:
    """(parse seconds, check seconds, peak MB) as printed; `>T` past the time limit."""
    parent, child = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("fork").Process(target=_child, args=(text, role, child))
    proc.start()
    child.close()
    figures: list[str] = []
    deadline = time.monotonic() + timeout
    while len(figures) < 3:
        left = deadline - time.monotonic()
        if left <= 0 or not parent.poll(left):
            figures.append(f">{timeout:g}")
            break
        try:
            value = parent.recv()
        except EOFError:
            figures.append("error")
            break
        figures.append(value if isinstance(value, str) else f"{value:.2f}")
    if proc.is_alive():
        proc.kill()
    proc.join()
    figures += ["-"] * (3 - len(figures))
    return figures[0], figures[1], figures[2]


def _child(text: str, role: str, out) -> None:
    try:
        run_case(text, role, out)
    except Exception as exc:  # reported in the table: the case is broken, not slow
        out.send(f"{type(exc).__name__}")


def _slow(figure: str, over: float) -> bool:
    try:
        return float(figure) > over
    except ValueError:
        return figure.startswith(">") or figure not in ("-",)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000", help="line sizes in characters, comma-separated")
    ap.add_argument("--kinds", nargs="*", default=list(KINDS), help="kinds to run (default: all)")
    ap.add_argument("--placements", nargs="*", default=list(PLACEMENTS),
                    help="placements to run (default: all)")
    ap.add_argument("--role", choices=("page", "reference"), default="page",
                    help="the hostile page is the checked page (default) or the en-US reference")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds allowed per case")
    ap.add_argument("--over", type=float, default=0.0,
                    help="print only the cases slower than this at some size (seconds)")
    ap.add_argument("--huge", type=float, metavar="MB", default=0.0,
                    help="also time one valid page of this many megabytes")
    args = ap.parse_args()
    unknown = [k for k in args.kinds if k not in KINDS] + \
        [p for p in args.placements if p not in PLACEMENTS]
    if unknown:
        print(f"bench: unknown kinds or placements: {unknown}", file=sys.stderr)
        return 2
    from reflingo.checks import all_checks
    all_checks()  # imported once, before forking
    base = BASE.read_text(encoding="utf-8")
    sizes = [int(s) for s in args.sizes.split(",")]
    head = "".join(f"{f'parse@{s // 1000}k':>11}{f'check@{s // 1000}k':>11}" for s in sizes)
    print(f"role: {args.role}; seconds per case, time limit {args.timeout:g} s")
    print(f"{'kind':<22}{'placement':<10}{head}")
    slow = 0
    for kind in args.kinds:
        for placement in args.placements:
            cells = [timed(hostile_page(kind, placement, s, base), args.role, args.timeout)[:2]
                     for s in sizes]
            if args.over and not any(_slow(f, args.over) for c in cells for f in c):
                continue
            slow += 1
            row = "".join(f"{p:>11}{c:>11}" for p, c in cells)
            print(f"{kind!r:<22}{placement:<10}{row}", flush=True)
    if args.over:
        print(f"{slow} cases over {args.over:g} s")
    if args.huge:
        parse_s, check_s, peak = timed(huge_page(args.huge, base), args.role, args.timeout * 10)
        print(f"\n{args.huge:g} MB page: parse {parse_s} s, check {check_s} s, peak {peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
