"""Command line: argparse only. Builds the parser, runs the chosen command, maps errors to exit
codes; the commands themselves live in :mod:`reflingo.commands`.

Exit codes: 0 clean; 1 findings at or above --fail-on (for `parse`: pages with input errors);
2 usage or I/O error; 3 internal error (a bug in reflingo: please report it); 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import Sequence

from reflingo import __version__
from reflingo.commands import (COMMANDS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE)
from reflingo.errors import InputError
from reflingo.run.cache import DEFAULT_DIR

log = logging.getLogger("reflingo")

EXIT_CODES = """exit codes:
  0    clean
  1    findings at or above --fail-on (parse: pages with input errors)
  2    usage or I/O error (bad argument, missing path, unreadable configuration)
  3    internal error: a bug in reflingo (the message says where)
  130  interrupted"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _locale_root(value: str) -> tuple[str, str]:
    tag, sep, path = value.partition("=")
    if not sep or not tag or not path:
        raise argparse.ArgumentTypeError(f"expected TAG=PATH (e.g. es-ES=../docs.es-ES), got {value!r}")
    return tag, path


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"-j must be at least 1, got {n}")
    return n


def _codes(value: str) -> tuple[str, ...]:
    from reflingo.config import parse_codes
    try:
        return parse_codes(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _locale_or_root(value: str) -> tuple[str, str]:
    """`TAG` (the docstrings' language: path "") or `TAG=PATH` (a locale root)."""
    if "=" in value:
        return _locale_root(value)
    if not value:
        raise argparse.ArgumentTypeError("expected a locale tag such as es-ES")
    return value, ""


_ROOT_HELP = ("read every page under PATH as locale TAG (repeatable); otherwise the locale "
              "comes from ms.contentlocale or a folder named like es-ES")


def _add_inputs(p: argparse.ArgumentParser, *, stubs: bool = False) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="pages or folders of pages (default: ./content/)")
    if stubs:
        p.add_argument("--locale", action="append", type=_locale_or_root, default=[],
                       metavar="LOCALE",
                       help="the docstrings' language (default en-US; a text missing in it "
                            "falls back to en-US, then to the other locales); TAG=PATH: "
                            + _ROOT_HELP)
    else:
        p.add_argument("--locale", action="append", type=_locale_root, default=[],
                       metavar="TAG=PATH", help=_ROOT_HELP)
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="worker processes, at least 1 (default: one per core)")
    p.add_argument("--cache-dir", default=DEFAULT_DIR, metavar="DIR",
                   help=f"where results are cached by content (default: {DEFAULT_DIR})")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_codes, action="extend", metavar="CODES",
                   help="report only these codes or code prefixes, comma-separated (e.g. RL1,RL201)")
    p.add_argument("--ignore", type=_codes, action="extend", metavar="CODES",
                   help="do not report these codes or code prefixes")
    p.add_argument("--config", metavar="FILE",
                   help="configuration file (default: ./reflingo.toml, else [tool.reflingo] in "
                        "./pyproject.toml)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reflingo", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Multilingual API reference toolkit: parse machine-translated DocFX reference "
                    "pages into one canonical API model and check every translation against it.",
        epilog="Run 'reflingo COMMAND --help' for a command's options.\n\n" + EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"reflingo {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    raw = {"formatter_class": argparse.RawDescriptionHelpFormatter, "epilog": EXIT_CODES}

    p = sub.add_parser("parse", help="parse pages and print the canonical API model",
                       description="Parse pages of all locales, merge each API item into one "
                                   "canonical model, and print it (or statistics about it).", **raw)
    _add_inputs(p)
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json (documented by reflingo/schema/model.schema.json)")
    p.add_argument("--stats", action="store_true",
                   help="print pages per kind and locale, the share of body lines mapped into model "
                        "fields, and en-US pages whose documented parameters differ from the signature")
    p.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")

    p = sub.add_parser("check", help="check every translation against the canonical model",
                       description="Parse and merge the pages, run the checks on every locale of "
                                   "every item, and report the findings (reading problems "
                                   "included).", **raw)
    _add_inputs(p)
    _add_selection(p)
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                   help="report format (default: text)")
    p.add_argument("--fail-on", choices=("error", "warning", "note"), default=None,
                   help="lowest severity that makes the exit code 1 (default: error, or the "
                        "configuration's fail-on)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")

    p = sub.add_parser("checks", help="list the checks", description="List every check: code, "
                       "category, severity and summary (and the reading problems, RL0xx).")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("fix", help="apply the safe fixes (a dry run unless --write)",
                       description="Run the checks and apply the fixes that are certain. Without "
                                   "--write, print them as a unified diff and change nothing.",
                       **raw)
    _add_inputs(p)
    _add_selection(p)
    p.add_argument("--write", action="store_true", help="write the fixed files (atomically)")

    p = sub.add_parser(
        "stubs", help="generate a typed Python package (PEP 561) of the API",
        description="Generate an installable, typed Python package (PEP 561) from the canonical\n"
                    "model: .pyi stubs of the interfaces (real bases, methods in vtable order),\n"
                    "functions and structures; a runtime constants module with an IntFlag per\n"
                    "parameter with flags, property tags computed from the property pages, and\n"
                    "HRESULTs; docstrings in the chosen locale. Prints the counts per kind, every\n"
                    "value that disagrees with the constants table, and what could not be typed\n"
                    "(-v: each occurrence).\n\n"
                    "examples:\n"
                    "  reflingo stubs content --locale es-ES --out build/stubs\n"
                    "  reflingo stubs ../shared/corpus --headers include/ --name mapi\n"
                    "  pip install build/stubs", **raw)
    _add_inputs(p, stubs=True)
    p.add_argument("--out", default="build/stubs", metavar="DIR",
                   help="folder to write the package into (default: build/stubs)")
    p.add_argument("--name", default="mapi_types", metavar="PACKAGE",
                   help="the package's import name (default: mapi_types)")
    values = p.add_mutually_exclusive_group()
    values.add_argument("--constants", metavar="FILE",
                        help="JSON table of values, {NAME: {\"value\": N}} (default: "
                             "../shared/data/mapi-constants.json when it exists)")
    values.add_argument("--headers", metavar="DIR",
                        help="read the values from the #defines of the C headers (*.h) in DIR")
    site = ("Parse, merge and check the pages, then render the multilingual reference site: one "
            "page per API item and locale at <locale>/<path>.html (the English text with a banner "
            "where a locale has no page), each page's findings beside what they concern, a "
            "side-by-side view per item, an index and a status page per locale, and a search "
            "index per language (Pagefind). Rebuilds render only what changed.")
    p = sub.add_parser("build", help="render the multilingual site into a folder",
                       description=site, **raw)
    _add_site(p)
    p = sub.add_parser("serve", help="build the site, serve it on 127.0.0.1, rebuild on changes",
                       description=site + " Then serve it on 127.0.0.1, rebuild when a page "
                       "changes and reload the browser; Ctrl-C stops.", **raw)
    _add_site(p)
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks "
                   "a free one)")
    p.add_argument("--interval", type=float, default=0.5, metavar="SECONDS",
                   help="how often the inputs are looked at for changes (default: 0.5)")
    return parser


def _add_site(p: argparse.ArgumentParser) -> None:
    _add_inputs(p)
    _add_selection(p)
    p.add_argument("--out", default="site", metavar="DIR",
                   help="the output folder (default: ./site/)")
    p.add_argument("--no-search", action="store_true",
                   help="do not build the search index (Pagefind)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary line")


def _check_locales(args: argparse.Namespace) -> None:
    """`--locale` tags: one root per tag, each tag a locale Babel knows."""
    seen: dict[str, str] = {}
    for tag, path in getattr(args, "locale", ()):
        from babel import Locale, UnknownLocaleError   # only when a --locale is given
        if path and tag in seen and seen[tag] != path:
            raise InputError(f"--locale {tag} given twice ({seen[tag]} and {path}); "
                             "give each locale one root")
        if path:
            seen[tag] = path
        try:
            Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            shown = f"{tag}={path}" if path else tag
            raise InputError(f"--locale {shown}: {tag!r} is not a known BCP-47 locale tag "
                             "(e.g. es-ES)") from None


def _failed_module(exc: BaseException) -> str:
    """The reflingo module whose import failed: the innermost reflingo frame of the traceback,
    or the file of a syntax error."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return _module_name(exc.filename)
    frames = [f.filename for f in traceback.extract_tb(exc.__traceback__)]
    ours = [f for f in frames if "reflingo" in Path(f).parts and not f.startswith("<")]
    return _module_name(ours[-1]) if ours else getattr(exc, "name", None) or "?"


def _module_name(filename: str) -> str:
    parts = list(Path(filename).with_suffix("").parts)
    if "reflingo" in parts:
        parts = parts[len(parts) - 1 - parts[::-1].index("reflingo"):]
    return ".".join(p for p in parts if p != "__init__")


def _load(command: str):
    """The entry function of a command; an import that fails is an internal error that names
    the module (a broken check module never makes a command disappear)."""
    return importlib.import_module(f"reflingo.commands.{COMMANDS[command]}").run


def _safe_streams() -> None:
    """Text that cannot be encoded (a file name that is not UTF-8) is shown escaped."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a text stream we may reconfigure
            pass


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM ends the run like Ctrl-C: cleanup (temporary files) still runs."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run reflingo with `argv` (default: the process's arguments); return the exit code."""
    _safe_streams()
    if threading.current_thread() is not threading.main_thread():
        return _main(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _main(argv)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2),
                        format="reflingo: %(levelname)s: %(message)s")
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        entry = _load(args.command)
    except Exception as exc:  # SyntaxError, ImportError, or an error raised while importing
        print(f"reflingo: error: cannot load module {_failed_module(exc)} for '{args.command}': "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        _check_locales(args)
        status = entry(args)
        # a path that could not be read was reported and the rest was done: still a usage error
        return max(status, EXIT_USAGE) if getattr(args, "path_errors", 0) else status
    except InputError as exc:
        if not exc.reported:
            print(f"reflingo: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("reflingo: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # e.g. -o into a missing folder: an I/O error, not a traceback
        print(f"reflingo: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: say where, exit 3 (never 1, which means findings)
        log.debug("internal error", exc_info=True)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"reflingo: internal error: {type(exc).__name__}: {exc} "
              f"(at {_module_name(where.filename)}:{where.lineno}; run with -vv for the traceback)",
              file=sys.stderr)
        return EXIT_INTERNAL
