"""The problems the reader reports while reading a page (RL0xx), as a table of rules.

They are findings like the checks' ones, but found before any check runs: a file that is not
UTF-8, binary or empty, front matter that is missing or does not parse, a code fence never
closed, a page far larger than a reference page. Only an unreadable file raises.
"""

from __future__ import annotations

from reflingo.findings import Category, Finding, Rule, Severity, at

_E, _W = Severity.ERROR, Severity.WARNING

#: Every problem the reader reports: code, name, category, severity, summary.
READING_RULES: tuple[Rule, ...] = tuple(
    Rule(code=code, name=name, category=cat, severity=sev, summary=text, doc=text, kind="reading")
    for code, name, cat, sev, text in (
        ("RL001", "not-utf8", Category.ENCODING, _E,
         "The file is not UTF-8 (a legacy code page, or UTF-16 with a byte order mark)."),
        ("RL002", "binary-file", Category.ENCODING, _E, "The file is binary, not a Markdown page."),
        ("RL003", "empty-file", Category.FORMATTING, _E, "The file is empty."),
        ("RL004", "no-front-matter", Category.METADATA, _E,
         "The page has no YAML front matter block."),
        ("RL005", "malformed-front-matter", Category.METADATA, _E,
         "The front matter is not closed or does not parse as YAML."),
        ("RL006", "unclosed-code-fence", Category.FORMATTING, _E,
         "A code fence is never closed: the rest of the page reads as code."),
        ("RL007", "very-large-page", Category.FORMATTING, _W, "The page is unusually large."),
        ("RL009", "internal-error", Category.FORMATTING, _E,
         "reflingo failed on this page (a bug): its other results may be incomplete."),
    ))


def problem(code: str, category: Category, severity: Severity, path: str, line: int,
            message: str, *, locale: str = "", column: int | None = None) -> Finding:
    """A finding raised while reading or parsing a page (item and fix unknown)."""
    return Finding(code=code, category=category, severity=severity, locale=locale,
                   span=at(path, line), column=column, message=message)
