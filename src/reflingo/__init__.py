"""reflingo: one canonical API model from machine-translated reference pages.

Parse localized DocFX pages (:mod:`reflingo.parse`), merge the locales of each API item into
one canonical model (:mod:`reflingo.corpus`), check every translation against it
(:mod:`reflingo.checks`) and report (:mod:`reflingo.reports`).
"""

__version__ = "0.1.0"
