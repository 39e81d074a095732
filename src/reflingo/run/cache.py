"""A result cache keyed by content: the bytes of a group's files, the task, and reflingo itself.

One JSON file per task under the cache folder (default `.reflingo-cache/`, in plain sight in the
current folder). It can never execute code: it holds plain data (strings, numbers, bytes, lists,
mappings) and a closed set of reflingo's own records (:data:`RECORDS`), rebuilt field by field;
any other content makes the store unreadable, and an unreadable store is only a cold start.

A store is never trusted more than the pages: each carries a format version, reflingo's code
fingerprint and an HMAC of its entries under a key kept in this user's cache folder
(`$XDG_CACHE_HOME/reflingo/key`, else `~/.cache/reflingo/key`). A store written by another
version, damaged, or written anywhere else (a folder shipped in a repository) is ignored with a
warning and rebuilt. Any change to reflingo's code or locale tables changes every key.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any, Sequence

from reflingo import __version__
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.lang.locales import locales_dir
from reflingo.reports.stats import ItemStats, PageStats
from reflingo.run.discover import SourceFile
from reflingo.spans import SourceSpan

log = logging.getLogger("reflingo")
DEFAULT_DIR = ".reflingo-cache"
MAX_ENTRIES = 50_000
FORMAT = 6
"""The store format; a store of another format is ignored."""

#: The records a store may hold, by name; nothing else is ever built from a store.
RECORDS: dict[str, type] = {c.__name__: c for c in (Finding, Fix, SourceSpan, PageStats,
                                                       ItemStats)}
ENUMS: dict[str, type[Enum]] = {e.__name__: e for e in (Category, Severity)}


class CacheFormatError(ValueError):
    """A store holds something the codec does not build."""


class Plain(list):
    """A list of JSON-ready data (dicts, lists, strings, numbers, None): stored as it is, with
    no tags to walk, and read back as it was written (JSON builds nothing else)."""


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """Hash of reflingo's version, its source files and its locale tables."""
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for root in (package, locales_dir()):
        for f in sorted(root.rglob("*")):
            if f.suffix in (".py", ".toml", ".json") and f.is_file():
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()


# -- the codec -------------------------------------------------------------------------------

def encode(value: Any, blobs: list[bytes] | None = None) -> Any:
    """A task result as JSON-ready data, records and tuples tagged. Bytes are kept apart, in
    `blobs` (stored after the entry's JSON as they are, neither escaped nor parsed), and
    tagged with where they stand there; without `blobs`, bytes cannot be cached."""
    if isinstance(value, bytes):
        if blobs is None:
            raise CacheFormatError("cannot cache bytes here")
        blobs.append(value)
        return {"$b": len(blobs) - 1}
    if isinstance(value, Enum):
        return {"$e": type(value).__name__, "v": value.value}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if dataclasses.is_dataclass(value) and type(value).__name__ in RECORDS:
        return {"$r": type(value).__name__,
                "v": [encode(getattr(value, name)) for name in _field_names(type(value))]}
    if isinstance(value, Plain):
        return {"$j": list(value)}
    if isinstance(value, tuple):
        return {"$t": [encode(v, blobs) for v in value]}
    if isinstance(value, list):
        return [encode(v, blobs) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {"$d": {k: encode(v, blobs) for k, v in value.items()}}
        return {"$m": [[encode(k, blobs), encode(v, blobs)] for k, v in value.items()]}
    raise CacheFormatError(f"cannot cache a {type(value).__name__}")


def decode(data: Any, blobs: Sequence[bytes] = ()) -> Any:
    """The value :func:`encode` was given (with the `blobs` it set apart); CacheFormatError on
    anything else."""
    if data is None or isinstance(data, (str, bool, int, float)):
        return data
    if isinstance(data, list):
        return [decode(v, blobs) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise CacheFormatError("unexpected value")
    if "$b" in data:
        n = data["$b"]
        if type(n) is not int or not 0 <= n < len(blobs):
            raise CacheFormatError("no such bytes")
        return blobs[n]
    if "$j" in data:
        return Plain(_typed(data["$j"], list))
    if "$t" in data:
        return tuple(decode(v, blobs) for v in _typed(data["$t"], list))
    if "$d" in data:
        return {k: decode(v, blobs) for k, v in _typed(data["$d"], dict).items()}
    if "$m" in data:
        return {_key(decode(k, blobs)): decode(v, blobs) for k, v in _typed(data["$m"], list)}
    if "$e" in data and data["$e"] in ENUMS:
        return ENUMS[data["$e"]](data["v"])
    if "$r" in data and data["$r"] in RECORDS:
        cls = RECORDS[data["$r"]]
        values = _typed(data["v"], list)
        names = _field_names(cls)
        if len(values) != len(names):
            raise CacheFormatError(f"{cls.__name__} needs {len(names)} fields")
        try:
            return cls(**{k: v if v is None or type(v) in (str, int, bool) else decode(v)
                          for k, v in zip(names, values)})
        except TypeError as exc:
            raise CacheFormatError(str(exc)) from None
    raise CacheFormatError("unknown tag")


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    """A record's fields, in order (a record is stored as the list of its values)."""
    return tuple(f.name for f in dataclasses.fields(cls))


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise CacheFormatError(f"expected a {kind.__name__}")
    return value


def _key(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        raise CacheFormatError("unhashable key")
    return value


# -- the key that ties a store to this user --------------------------------------------------

def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reflingo" / "key"


@functools.lru_cache(maxsize=1)
def signing_key() -> bytes:
    """This user's secret for signing stores (made on first use); a fresh one per process when
    it cannot be kept, so that the cache then only serves the run itself."""
    path = _key_file()
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
    except FileExistsError:  # another process made it first
        return path.read_bytes()
    except OSError as exc:
        log.warning("cannot keep the cache key in %s (%s); results are not reused across runs",
                    path, exc)
    return key


def _sign(body: bytes) -> str:
    return hmac.new(signing_key(), body, hashlib.sha256).hexdigest()


class ResultCache:
    """Task results by content key; load lazily, flush once."""

    def __init__(self, directory: str | os.PathLike[str] = DEFAULT_DIR) -> None:
        self.directory = Path(directory)
        self._stores: dict[str, dict[str, object]] = {}
        self._decoded: dict[str, object] = {}
        """Values read from a store, by key: the store keeps their bytes as read, so that
        writing it again copies them instead of encoding them anew."""
        self._dirty: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, task_key: str, group: Sequence[SourceFile]) -> str:
        h = hashlib.blake2b(f"{fingerprint()}|{task_key}".encode(), digest_size=20)
        for s in sorted(group, key=lambda s: s.path):
            h.update(f"|{s.path}|{s.locale}|{s.rel_path}|{s.digest}".encode("utf-8", "surrogatepass"))
        return f"{task_key}:{h.hexdigest()}"

    def _store(self, task_key: str) -> dict[str, object]:
        store = self._stores.get(task_key)
        if store is None:
            path = self._file(task_key)
            store = self._read(path) if path.is_file() else {}
            self._stores[task_key] = store
        return store

    def _read(self, path: Path) -> dict[str, object]:
        """A store's entries, or {} (with a warning) when it is not one this user wrote for this
        version of reflingo. Entries are decoded lazily, on first use.

        A store is a header line (format, fingerprint), one line per entry, and a trailer line
        holding the HMAC of the entry lines. An entry is `key<TAB>JSON`, its bytes values set
        apart after it: `<US>length,length,...<US>` and the bytes themselves (:func:`encode`);
        JSON holds no control character, so the first US or newline ends it."""
        try:
            data = path.read_bytes()
            first = data.find(b"\n")
            last = data.rfind(b"\n")
            if first < 0 or last < first:
                raise CacheFormatError("not a store")
            meta = json.loads(data[:first])
            if not isinstance(meta, dict) or meta.get("format") != FORMAT \
                    or meta.get("fingerprint") != fingerprint():
                # expected after every upgrade, and harmless: said with -v, not as a warning
                log.info("cache %s was written by another version of reflingo; rebuilding it",
                         path)
                return {}
            seal = json.loads(data[last + 1:])
            body = memoryview(data)[first + 1:last + 1]
            if not isinstance(seal, dict) or not hmac.compare_digest(
                    str(seal.get("hmac", "")), _sign(body)):
                log.warning("cache %s is damaged or was not written here; ignoring and "
                            "rebuilding it", path)
                return {}
            entries: dict[str, object] = {}
            pos = first + 1
            while pos <= last:
                tab = data.index(b"\t", pos)
                end = data.index(b"\n", tab)
                apart = data.find(b"\x1f", tab, end)
                lengths: tuple[int, ...] = ()
                if apart >= 0:
                    start, lengths = _lengths(data, apart)
                    end = start + sum(lengths)
                    if data[end:end + 1] != b"\n":
                        raise CacheFormatError("an entry's bytes do not end its line")
                entries[data[pos:tab].decode("ascii")] = _Encoded(data, tab + 1, end, apart,
                                                                  lengths)
                pos = end + 1
            return entries
        except (OSError, ValueError, RecursionError, UnicodeError) as exc:
            log.warning("cache %s is unreadable (%s); starting afresh", path, exc)
            return {}

    def _file(self, task_key: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in task_key)
        return self.directory / f"{safe}.json"

    def holds(self, key: str) -> bool:
        """Whether an entry is stored under `key` (its store is read, the entry not decoded: a
        malformed one is still found out by :meth:`get`)."""
        return self._store(key.split(":", 1)[0]).get(key) is not None

    def get(self, key: str) -> object | None:
        store = self._store(key.split(":", 1)[0])
        value = store.get(key)
        if isinstance(value, _Encoded):
            decoded = self._decoded.get(key)
            if decoded is not None:
                value = decoded
            else:
                try:
                    value = self._decoded[key] = value.value()
                except (CacheFormatError, ValueError, RecursionError):
                    log.warning("cache entry %s is malformed; recomputing it", key)
                    value = None
                    del store[key]
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        task_key = key.split(":", 1)[0]
        self._store(task_key)[key] = value
        self._decoded.pop(key, None)
        self._dirty.add(task_key)

    def flush(self) -> None:
        """Write changed stores atomically, entry by entry; a store over MAX_ENTRIES keeps its
        newest half."""
        for task_key in sorted(self._dirty):
            store = self._stores[task_key]
            if len(store) > MAX_ENTRIES:
                store = dict(list(store.items())[-MAX_ENTRIES // 2:])
            try:
                self._write(self._file(task_key), store)
            except CacheFormatError as exc:
                log.warning("cannot cache the results of %s: %s", task_key, exc)
            except OSError as exc:
                log.warning("cannot write the cache in %s: %s", self.directory, exc)
        self._dirty.clear()

    def _write(self, path: Path, store: dict[str, object]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        seal = hmac.new(signing_key(), digestmod=hashlib.sha256)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps({"format": FORMAT, "reflingo": __version__,
                                     "fingerprint": fingerprint()}).encode() + b"\n")
                for key, value in store.items():
                    if isinstance(value, _Encoded):
                        text = value.raw()
                    else:
                        blobs: list[bytes] = []
                        text = json.dumps(encode(value, blobs), ensure_ascii=False,
                                          separators=(",", ":")).encode("utf-8", "surrogatepass")
                        if blobs:
                            text = b"".join([text, b"\x1f",
                                             ",".join(str(len(b)) for b in blobs).encode(),
                                             b"\x1f", *blobs])
                    line = key.encode("ascii") + b"\t" + text + b"\n"
                    seal.update(line)
                    fh.write(line)
                fh.write(json.dumps({"hmac": seal.hexdigest()}).encode())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


@dataclasses.dataclass(frozen=True, slots=True)
class _Encoded:
    """An entry read from a store: where its JSON stands in the store's bytes (decoded on use)."""

    data: bytes
    start: int
    end: int
    apart: int = -1
    """Where the entry's bytes values are announced (its first US), -1 when it has none."""
    lengths: tuple[int, ...] = ()
    """The lengths of its bytes values, which end the entry."""

    def raw(self) -> bytes:
        return self.data[self.start:self.end]

    def value(self) -> object:
        if self.apart < 0:
            return decode(json.loads(self.raw().decode("utf-8", "surrogatepass")))
        blobs, start = [], self.end - sum(self.lengths)
        for n in self.lengths:
            blobs.append(self.data[start:start + n])
            start += n
        head = self.data[self.start:self.apart].decode("utf-8", "surrogatepass")
        return decode(json.loads(head), blobs)


def _lengths(data: bytes, apart: int) -> tuple[int, tuple[int, ...]]:
    """Where an entry's bytes values start, and their lengths (written between the US at
    `apart` and the next)."""
    close = data.find(b"\x1f", apart + 1)
    if close < 0:
        raise CacheFormatError("an entry's lengths are not closed")
    text = data[apart + 1:close]
    if not text.replace(b",", b"").isdigit():
        raise CacheFormatError("an entry's lengths are not numbers")
    return close + 1, tuple(int(n) for n in text.split(b","))
