"""The model as JSON-ready data (documented by `schema/model.schema.json`)."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import importlib.resources
import json
import math
from enum import Enum
from typing import Any, Iterable, Iterator

from reflingo import __version__
from reflingo.findings import Finding
from reflingo.model import ApiItem
from reflingo.model.page import FrontMatter

SCHEMA_ID = "https://reflingo.dev/schema/model-1.json"


def finding_record(f: Finding) -> dict:
    """A finding in the model document's flat form (`path`, `line`, `end_line`)."""
    return {"code": f.code, "category": f.category.value, "severity": f.severity.value,
            "locale": f.locale, "path": f.path, "line": f.line, "column": f.column,
            "item": f.item, "message": f.message, "expected": f.expected, "actual": f.actual,
            "fix": to_data(f.fix), "end_line": f.end_line}


MAX_DEPTH = 200
"""Deeper values are refused: the model nests a dozen levels; deeper means a value that
contains itself (the front matter reader refuses recursive aliases, so pages hold none)."""


def to_data(value: Any, _depth: int = 0) -> Any:
    """Frozen dataclasses, enums, tuples and mappings to JSON-ready values; ValueError for a
    value nested deeper than :data:`MAX_DEPTH` (one that contains itself), as `json.dumps`."""
    if _depth > MAX_DEPTH:
        raise ValueError(f"circular reference or nesting deeper than {MAX_DEPTH} levels")
    if value is None or type(value) in (str, int, bool):
        return value
    if isinstance(value, Finding):
        return finding_record(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # YAML's .nan/.inf: strict JSON has no such numbers
    if isinstance(value, (str, int, float, bool)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return value.value
    names = _serialised_fields(type(value))
    if names is not None:
        return {name: to_data(getattr(value, name), _depth + 1) for name in names}
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): to_data(v, _depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_data(v, _depth + 1) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


@functools.lru_cache(maxsize=None)
def _serialised_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass that are serialised (None for other types)."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("serialize", True))


def item_data(item: ApiItem) -> dict:
    """One item: canonical facts, then each locale's page with its parameter mapping."""
    data = to_data(item)
    data["locales"] = list(item.locales)
    for loc, page in data["pages"].items():
        page["parameter_map"] = list(item.parameter_maps.get(loc, ()))
    return data


def document(items: list[dict], problems: list[dict]) -> dict:
    """The whole `reflingo parse --format json` document."""
    return {"$schema": SCHEMA_ID, "reflingo": __version__, "items": items, "problems": problems}


def item_json(item: ApiItem) -> str:
    """One item as compact JSON text (what the model task returns and the cache keeps): the
    text of `json.dumps(item_data(item))`, written by the C encoder, which asks
    :func:`_fields_of` for the fields of each record as it goes instead of walking the item
    twice. The front matter's fields (any YAML value) take :func:`to_data`'s careful way, and an
    item the encoder refuses is written from :func:`item_data`."""
    data = _fields_of(item)
    data["locales"] = list(item.locales)
    data["pages"] = {str(loc): {**_fields_of(page),
                                "parameter_map": list(item.parameter_maps.get(loc, ()))}
                     for loc, page in item.pages.items()}
    try:
        return _ENCODER.encode(data)
    except (ValueError, TypeError):  # a value JSON cannot hold as it is: the careful way
        return json.dumps(item_data(item), ensure_ascii=False, allow_nan=False,
                          separators=(",", ":"))


def _fields_of(value: Any) -> Any:
    """What the encoder writes for a value that is not plain JSON data: a record's serialised
    fields (shallow: the encoder walks them), anything else as :func:`to_data` has it."""
    names = _serialised_fields(type(value))
    if names is None or isinstance(value, Finding):
        return to_data(value)
    data = {name: getattr(value, name) for name in names}
    if isinstance(value, FrontMatter):
        data["fields"] = to_data(value.fields)
        data["lines"] = to_data(value.lines)
    return data


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                            default=_fields_of)


def document_chunks(items: Iterable[bytes], problems: Iterable[Finding]) -> Iterator[bytes]:
    """The document of :func:`document` in UTF-8, in pieces, one item per line (`items` are
    :func:`item_json` texts in UTF-8): written as it is produced, never built as one string."""
    head = json.dumps({"$schema": SCHEMA_ID, "reflingo": __version__})[:-1] + ',\n"items":['
    yield head.encode()
    for n, text in enumerate(items):
        yield b"\n" if n == 0 else b",\n"
        yield text
    yield b'\n],\n"problems":['
    for n, p in enumerate(problems):
        yield (("\n" if n == 0 else ",\n") + json.dumps(
            finding_record(p), ensure_ascii=False, allow_nan=False)).encode("utf-8",
                                                                            "backslashreplace")
    yield b"\n]}"


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of :func:`document`, as shipped with the package."""
    resource = importlib.resources.files("reflingo") / "schema" / "model.schema.json"
    return json.loads(resource.read_text(encoding="utf-8"))
