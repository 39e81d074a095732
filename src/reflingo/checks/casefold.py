"""A text casefolded to UTF-8 bytes, without casefolding every character where few are not
ASCII."""

from __future__ import annotations

_ASCII = bytes(range(128))
FEW_NON_ASCII = 16
"""A text is read character by character when at most one of this many of its UTF-8 bytes
belongs to a character that is not ASCII; otherwise it is casefolded whole."""
FEW_CHANGED = 6
"""The most distinct characters changed by casefolding that are replaced one by one."""


def casefolded_utf8(text: str) -> tuple[bytes, str]:
    """`text.casefold()` in UTF-8 (lone surrogates kept), and its characters that are not ASCII,
    in order.

    Casefolding maps each character on its own, an ASCII letter to its lower case, and a
    character to characters that casefolding leaves as they are. So where the characters that
    are not ASCII are few, the UTF-8 text is lowered (that changes ASCII letters only) and each
    distinct character that casefolding changes is replaced by its casefolded form (in UTF-8, a
    character's bytes are found only where the character is)."""
    if text.isascii():
        return text.encode("ascii").lower(), ""
    raw = text.encode("utf-8", "surrogatepass")
    if (len(raw) - len(text)) * FEW_NON_ASCII <= len(raw):
        chars = raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        folded = chars.casefold()
        if folded == chars:
            return raw.lower(), chars
        changed = [c for c in set(chars) if c.casefold() != c]
        if len(changed) <= FEW_CHANGED:
            data = raw.lower()
            for c in changed:
                data = data.replace(c.encode("utf-8", "surrogatepass"),
                                    c.casefold().encode("utf-8", "surrogatepass"))
            return data, _non_ascii(folded.encode("utf-8", "surrogatepass"))
    data = text.casefold().encode("utf-8", "surrogatepass")
    return data, _non_ascii(data)


def _non_ascii(data: bytes) -> str:
    return data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
