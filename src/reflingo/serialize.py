"""The model as JSON-ready data (documented by `schema/model.schema.json`)."""

from __future__ import annotations

import dataclasses
import datetime
import math
import importlib.resources
import json
from enum import Enum
from typing import Any

from reflingo import __version__
from reflingo.model import ApiItem

SCHEMA_ID = "https://reflingo.dev/schema/model-1.json"


def to_data(value: Any) -> Any:
    """Frozen dataclasses, enums, tuples and mappings to JSON-ready values.

    A value that contains itself raises ValueError, as `json.dumps` does, instead of recursing
    without end (the front matter reader refuses recursive aliases, so pages hold none)."""
    return _data(value, set())


def _data(value: Any, active: set[int]) -> Any:
    """:func:`to_data`; `active` holds the ids of the containers being converted."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # YAML's .nan/.inf: strict JSON has no such numbers
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Enum):
        return value.value
    is_data = dataclasses.is_dataclass(value)
    if not (is_data or isinstance(value, (dict, list, tuple, set, frozenset))
            or hasattr(value, "items")):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return str(value)
    if id(value) in active:
        raise ValueError(f"circular reference: a {type(value).__name__} contains itself")
    active.add(id(value))
    try:
        if is_data:
            return {f.name: _data(getattr(value, f.name), active)
                    for f in dataclasses.fields(value) if f.metadata.get("serialize", True)}
        if isinstance(value, dict) or hasattr(value, "items"):
            return {str(k): _data(v, active) for k, v in value.items()}
        return [_data(v, active) for v in value]
    finally:
        active.discard(id(value))


def item_data(item: ApiItem, param_maps: dict) -> dict:
    """One item: canonical facts, then each locale's page with its parameter mapping."""
    data = to_data(item)
    data["locales"] = list(item.locales)
    for loc, page in data["pages"].items():
        page["parameter_map"] = list(param_maps.get((item.key, loc), ()))
    return data


def document(items: list[dict], problems: list[dict]) -> dict:
    """The whole `reflingo parse --format json` document."""
    return {"$schema": SCHEMA_ID, "reflingo": __version__, "items": items, "problems": problems}


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of :func:`document`, as shipped with the package."""
    resource = importlib.resources.files("reflingo") / "schema" / "model.schema.json"
    return json.loads(resource.read_text(encoding="utf-8"))
