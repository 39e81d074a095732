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
    """Frozen dataclasses, enums, tuples and mappings to JSON-ready values."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # YAML's .nan/.inf: strict JSON has no such numbers
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("serialize", True)}
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_data(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


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
