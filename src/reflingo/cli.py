"""Command line: thin; parses arguments, calls the library, sets the exit code.

Exit codes: 0 clean, 1 problems (bad input pages, or findings at or above --fail-on),
2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Sequence

from reflingo import __version__
from reflingo.cache import DEFAULT_DIR, ResultCache
from reflingo.loader import InputError, TaskFailure, discover, partition, run
from reflingo.progress import Progress
from reflingo.serialize import document, to_data

log = logging.getLogger("reflingo")
DEFAULT_CONTENT = "content"

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _locale_root(value: str) -> tuple[str, str]:
    tag, sep, path = value.partition("=")
    if not sep or not tag or not path:
        raise argparse.ArgumentTypeError(f"expected TAG=PATH (e.g. es-ES=../docs.es-ES), got {value!r}")
    return tag, path


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help=f"pages or folders of pages (default: ./{DEFAULT_CONTENT}/)")
    p.add_argument("--locale", action="append", type=_locale_root, default=[], metavar="TAG=PATH",
                   help="read every page under PATH as locale TAG (repeatable); otherwise the locale "
                        "comes from ms.contentlocale or a folder named like es-ES")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--cache-dir", default=DEFAULT_DIR, metavar="DIR",
                   help=f"where results are cached by content (default: {DEFAULT_DIR})")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reflingo",
        description="Multilingual API reference toolkit: parse machine-translated DocFX reference "
                    "pages into one canonical API model and check every translation against it.",
        epilog="Run 'reflingo COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"reflingo {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("parse", help="parse pages and print the canonical API model",
                       description="Parse pages of all locales, merge each API item into one "
                                   "canonical model, and print it (or statistics about it).")
    _add_input_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json (documented by reflingo/schema/model.schema.json)")
    p.add_argument("--stats", action="store_true",
                   help="print pages per kind and locale, the share of body lines mapped into model "
                        "fields, and en-US pages whose documented parameters differ from the signature")
    p.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    p.set_defaults(func=cmd_parse)
    _add_later_commands(sub)
    return parser


def _add_later_commands(sub) -> None:
    try:
        from reflingo.checks import cli as checks_cli
    except ImportError:
        return
    checks_cli.add_commands(sub, _add_input_options)


def _sources(args) -> list:
    paths = list(args.paths)
    roots = dict(args.locale)
    if not paths and not roots:
        if not Path(DEFAULT_CONTENT).is_dir():
            raise InputError(f"no paths given and no ./{DEFAULT_CONTENT}/ folder here")
        paths = [DEFAULT_CONTENT]
    sources = discover(paths, roots)
    if not sources:
        raise InputError("no pages found (looked for *.md files)")
    return sources


def run_task(args, task_key: str, task=None, sources=None) -> list:
    """Discover the inputs (unless given), run a task on every item group, return the results
    in order. The task is TASKS[task_key] unless given; a task_key `name:variant` caches
    under `name`."""
    from reflingo.tasks import TASKS
    groups = partition(_sources(args) if sources is None else sources)
    cache = None if args.no_cache else ResultCache(args.cache_dir)
    total = sum(len(g) for g in groups)
    with Progress(len(groups), f"{task_key.split(':')[0]} ({total} pages)",
                  enabled=False if args.no_progress else None) as bar:
        results = run(task or TASKS[task_key], groups, task_key=task_key, jobs=args.jobs,
                      cache=cache, progress=bar)
    if cache is not None:
        log.info("cache: %d reused, %d computed", cache.hits, cache.misses)
    return results


def _split(results: list) -> tuple[list, list]:
    data, problems = [], []
    for r in results:
        if isinstance(r, TaskFailure):
            problems.extend(r.findings())
        else:
            data.extend(r[0])
            problems.extend(r[1])
    return data, problems


def cmd_parse(args) -> int:
    from reflingo import stats
    if args.stats:
        rows, problems = _split(run_task(args, "stats"))
        text = stats.render(rows)
    else:
        items, problems = _split(run_task(args, "model"))
        if args.format == "json":
            text = json.dumps(document(items, [to_data(p) for p in problems]), ensure_ascii=False,
                              indent=1, allow_nan=False)
        else:
            text = "\n".join(_item_text(i) for i in items)
    _write(text, args.output)
    for p in sorted(problems, key=lambda f: f.sort_key()):
        print(f"{p.path}:{p.line}: {p.severity} {p.code} {p.message}", file=sys.stderr)
    return EXIT_FINDINGS if any(p.severity == "error" for p in problems) else EXIT_OK


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def _item_text(item: dict) -> str:
    lines = [f"{item['name']}  [{item['kind']}]  {', '.join(item['locales'])}"]
    sig = item.get("signature")
    if sig:
        params = ", ".join(f"{p['type']} {p['name']}".strip() for p in sig["params"])
        ret = f"{sig['return_type']} " if sig.get("return_type") else ""
        lines.append(f"  signature: {ret}{sig['name']}({params})")
    for p in item["parameters"]:
        flags = f"  flags: {', '.join(f['name'] for f in p['flags'])}" if p["flags"] else ""
        aliases = "".join(f"  {loc}: {name!r}" for loc, name in p["aliases"].items())
        lines.append(f"  param {p['name']}: {p['type'] or '?'} [{p['direction']}]{flags}{aliases}")
    if item["return_values"]:
        lines.append("  returns: " + ", ".join(v["name"] for v in item["return_values"]))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2),
                        format="reflingo: %(levelname)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except InputError as exc:
        print(f"reflingo: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("reflingo: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # e.g. -o into a missing folder: an I/O error, not a traceback
        print(f"reflingo: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
