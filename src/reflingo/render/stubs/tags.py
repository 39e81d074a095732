"""Property tags computed from a property page: `PROP_TAG(type, id) = (id << 16) | type`.

The property type values are those of the MAPI headers (MAPIDefS.h), in :data:`PROPERTY_TYPES`;
they are cross-checked against the constants table like every computed value.

Which type a name gets (one rule for every page):

- `PR_X_A` is the 8-bit string variant (`PT_STRING8`, or `PT_MV_STRING8` when the property is
  multi-valued), `PR_X_W` the Unicode variant (`PT_UNICODE`, `PT_MV_UNICODE`);
- `PR_X` without suffix, on a string property, is the TSTRING variant, resolved as the headers
  do in a UNICODE build (`PT_TSTRING` = `PT_UNICODE`), so `PR_X` equals `PR_X_W`;
- on any other property `PR_X` has the page's data type; a page that lists several non-string
  types gives the first and the choice is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

MV_FLAG = 0x1000
"""The multi-valued bit of a property type (`MV_FLAG`)."""

#: Single-valued property types of MAPIDefS.h; `PT_MV_<x>` is `MV_FLAG | PT_<x>`.
PROPERTY_TYPES: dict[str, int] = {
    "PT_UNSPECIFIED": 0x0000, "PT_NULL": 0x0001, "PT_I2": 0x0002, "PT_SHORT": 0x0002,
    "PT_LONG": 0x0003, "PT_I4": 0x0003, "PT_R4": 0x0004, "PT_FLOAT": 0x0004,
    "PT_DOUBLE": 0x0005, "PT_R8": 0x0005, "PT_CURRENCY": 0x0006, "PT_APPTIME": 0x0007,
    "PT_ERROR": 0x000A, "PT_BOOLEAN": 0x000B, "PT_OBJECT": 0x000D, "PT_I8": 0x0014,
    "PT_LONGLONG": 0x0014, "PT_STRING8": 0x001E, "PT_UNICODE": 0x001F, "PT_TSTRING": 0x001F,
    "PT_SYSTIME": 0x0040, "PT_CLSID": 0x0048, "PT_SVREID": 0x00FB, "PT_SRESTRICTION": 0x00FD,
    "PT_ACTIONS": 0x00FE, "PT_BINARY": 0x0102,
}

_STRING8 = {"PT_STRING8", "PT_MV_STRING8"}
_UNICODE = {"PT_UNICODE", "PT_MV_UNICODE", "PT_TSTRING", "PT_MV_TSTRING"}


def type_value(name: str) -> int | None:
    """The value of a property type name (`PT_MV_LONG` -> 0x1003), None when unknown."""
    if name.startswith("PT_MV_"):
        base = PROPERTY_TYPES.get("PT_" + name[len("PT_MV_"):])
        return None if base is None else MV_FLAG | base
    return PROPERTY_TYPES.get(name)


def prop_tag(type_: int, ident: int) -> int:
    """`PROP_TAG(type, id)` of MAPIDefS.h."""
    return ((ident & 0xFFFF) << 16) | (type_ & 0xFFFF)


@dataclass(frozen=True, slots=True, kw_only=True)
class Tag:
    """A property tag computed for one name of a property page."""

    name: str
    """The `PR_*` name."""
    type_name: str | None
    """The property type it was computed with (None when none applies)."""
    value: int | None
    """The tag, or None when the type is unknown."""
    note: str | None = None
    """Why the value is missing or how a choice was made, for the report."""


def _variant(types: list[str], wide: bool) -> str | None:
    """The 8-bit (`wide` False) or Unicode string type among `types`, or the counterpart of the
    other string type listed (same multi-valuedness)."""
    want, other = (_UNICODE, _STRING8) if wide else (_STRING8, _UNICODE)
    for t in types:
        if t in want:
            return "PT_UNICODE" if t == "PT_TSTRING" else (
                "PT_MV_UNICODE" if t == "PT_MV_TSTRING" else t)
    for t in types:
        if t in other:
            mv = "_MV" if "_MV_" in t else ""
            return f"PT{mv}_{'UNICODE' if wide else 'STRING8'}"
    return None


def property_tags(ident: int, types: list[str], names: list[str]) -> list[Tag]:
    """The tag of each `PR_*` name of a property page with this id and these data types."""
    strings = [t for t in types if t in _STRING8 | _UNICODE]
    out = []
    for name in names:
        if not name.startswith("PR_"):
            continue
        note = None
        if name.endswith("_A") and strings:
            chosen = _variant(types, wide=False)
        elif name.endswith("_W") and strings:
            chosen = _variant(types, wide=True)
        elif strings:
            chosen = _variant(types, wide=True)
        elif types:
            chosen = types[0]
            if len(types) > 1:
                note = f"several data types ({', '.join(types)}): {chosen} used"
        else:
            chosen = None
            note = "the page gives no data type"
        value = type_value(chosen) if chosen else None
        if chosen and value is None:
            note = f"unknown property type {chosen}"
        out.append(Tag(name=name, type_name=chosen,
                       value=None if value is None else prop_tag(value, ident), note=note))
    return out
