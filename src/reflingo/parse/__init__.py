"""Parse DocFX reference pages into :class:`~reflingo.model.Page` values.

The stages, in order: :mod:`.source` (bytes to text), :mod:`.frontmatter`, :mod:`.docfx`
(bilingual markup, anchors, inline text), :mod:`.blocks` (markdown-it-py block tokens),
:mod:`.builders` (one builder per section kind), :mod:`.signature` (C declarations),
and :mod:`.page`, which ties them together.
"""

from reflingo.parse.page import locale_of_path, parse_bytes, parse_file, parse_text

__all__ = ["locale_of_path", "parse_bytes", "parse_file", "parse_text"]
