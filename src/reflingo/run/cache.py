"""A result cache keyed by content: the bytes of a group's files, the task, and reflingo itself.

One file per task under the cache folder (default `.reflingo-cache/`), holding plain data,
written atomically. Any change to reflingo's code or locale tables changes every key.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Sequence

from reflingo import __version__
from reflingo.lang.locales import locales_dir
from reflingo.run.discover import SourceFile

log = logging.getLogger("reflingo")
DEFAULT_DIR = ".reflingo-cache"
MAX_ENTRIES = 50_000


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """Hash of reflingo's version, its source files and its locale tables."""
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = Path(__file__).resolve().parent
    for root in (package, locales_dir()):
        for f in sorted(root.rglob("*")):
            if f.suffix in (".py", ".toml", ".json") and f.is_file():
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()


class ResultCache:
    """Task results by content key; load lazily, flush once."""

    def __init__(self, directory: str | os.PathLike[str] = DEFAULT_DIR) -> None:
        self.directory = Path(directory)
        self._stores: dict[str, dict[str, object]] = {}
        self._dirty: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, task_key: str, group: Sequence[SourceFile]) -> str:
        h = hashlib.blake2b(f"{fingerprint()}|{task_key}".encode(), digest_size=20)
        for s in sorted(group, key=lambda s: s.path):
            h.update(f"|{s.path}|{s.locale}|{s.rel_path}|{s.digest}".encode())
        return f"{task_key}:{h.hexdigest()}"

    def _store(self, task_key: str) -> dict[str, object]:
        store = self._stores.get(task_key)
        if store is None:
            store = {}
            path = self._file(task_key)
            if path.is_file():
                try:
                    with path.open("rb") as fh:
                        store = pickle.load(fh)
                except Exception:  # a damaged cache is only a cold start
                    log.warning("cache %s is unreadable; starting afresh", path)
                    store = {}
            self._stores[task_key] = store
        return store

    def _file(self, task_key: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in task_key)
        return self.directory / f"{safe}.pickle"

    def get(self, key: str) -> object | None:
        value = self._store(key.split(":", 1)[0]).get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        task_key = key.split(":", 1)[0]
        self._store(task_key)[key] = value
        self._dirty.add(task_key)

    def flush(self) -> None:
        """Write changed stores atomically; a store over MAX_ENTRIES starts afresh."""
        for task_key in sorted(self._dirty):
            store = self._stores[task_key]
            if len(store) > MAX_ENTRIES:
                store = dict(list(store.items())[-MAX_ENTRIES // 2:])
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(store, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self._file(task_key))
            except OSError as exc:
                log.warning("cannot write the cache in %s: %s", self.directory, exc)
        self._dirty.clear()
