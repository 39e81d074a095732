"""Every finding `reflingo check` reports on the seed pages in content/, each a real defect.

The issue's examples (in brackets there) are all here; every other entry is a defect of the same
pages, named by the comment beside it. The list is compared as a whole: a new finding, a lost
one, a wrong line or category fails the test.
"""

from __future__ import annotations

import json
from collections import Counter

from reflingo.cli import main

EXPECTED = [
    ('de-DE', 'imapisession-logoff.md', 14, 'RL101', 'encoding', '�nderung'),  # U+FFFD: characters lost in conversion
    ('de-DE', 'imapisession-logoff.md', 15, 'RL711', 'staleness', '7d6ccd64fea0af30e81a2db0bcb9630062b4b64d'),  # translated from an older source version
    ('de-DE', 'imapisession-logoff.md', 26, 'RL704', 'metadata', 'Outlook'),  # applies-to lost the versions
    ('de-DE', 'imapisession-logoff.md', 54, 'RL206', 'identifier', 'Abmelden'),  # bold identifier replaced by a translation
    ('de-DE', 'imapisession-logoff.md', 60, 'RL101', 'encoding', 'R�ckgabewert'),  # U+FFFD: characters lost in conversion
    ('de-DE', 'imapisession-logoff.md', 68, 'RL206', 'identifier', 'Abmelden'),  # bold identifier replaced by a translation
    ('de-DE', 'imapisession-logoff.md', 68, 'RL500', 'link', 'http://msdn.microsoft.com/en-us/library/'),  # link target changed (http, /en-us/)
    ('de-DE', 'imapisession-logoff.md', 68, 'RL503', 'link', 'IUnknown'),  # link text lost its identifier
    ('de-DE', 'imapisession-logoff.md', 76, 'RL621', 'duplicate', '(engl.) (engl.)'),  # repeated phrase
    ('de-DE', 'imapisession-logoff.md', 80, 'RL612', 'untranslated', 'Comment'),  # table header left in English
    ('es-ES', 'imapisession-logoff.md', 38, 'RL611', 'untranslated', 'Parameters'),  # heading left in English
    ('es-ES', 'imapisession-logoff.md', 42, 'RL301', 'direction', 'a'),  # direction tag mistranslated
    ('es-ES', 'imapisession-logoff.md', 46, 'RL301', 'direction', 'a'),  # direction tag mistranslated
    ('es-ES', 'imapisession-logoff.md', 46, 'RL621', 'duplicate', 'Máscara de máscara de'),  # repeated phrase
    ('es-ES', 'imapisession-logoff.md', 54, 'RL206', 'identifier', 'Cierre de sesión'),  # bold identifier replaced by a translation
    ('es-ES', 'imapisession-logoff.md', 68, 'RL203', 'identifier', 'IMAPISession:: Logoff'),  # code token broken by an inserted space
    ('es-ES', 'imapisession-logoff.md', 68, 'RL203', 'identifier', 'IUnknown:: Release'),  # code token broken by an inserted space
    ('es-ES', 'imapisession-logoff.md', 68, 'RL206', 'identifier', 'cierre de sesión'),  # bold identifier replaced by a translation
    ('es-ES', 'imapisession-logoff.md', 68, 'RL631', 'formatting', ' ,'),  # space before punctuation after bold or link
    ('es-ES', 'imapisession-logoff.md', 68, 'RL631', 'formatting', ' .'),  # space before punctuation after bold or link
    ('es-ES', 'imapisession-logoff.md', 72, 'RL203', 'identifier', 'IUnknown:: Release'),  # code token broken by an inserted space
    ('es-ES', 'imapisession-logoff.md', 72, 'RL206', 'identifier', 'cierre'),  # bold identifier replaced by a translation
    ('es-ES', 'imapisession-logoff.md', 72, 'RL631', 'formatting', ' .'),  # space before punctuation after bold or link
    ('es-ES', 'imapisession-logoff.md', 82, 'RL203', 'identifier', 'CMapiObjects:: Logoff'),  # code token broken by an inserted space
    ('es-ES', 'imapisession-logoff.md', 82, 'RL203', 'identifier', 'IMAPISession:: Logoff'),  # code token broken by an inserted space
    ('es-ES', 'imapisession-logoff.md', 82, 'RL203', 'identifier', 'MAPIObjects. cpp'),  # code token broken by an inserted space
    ('es-ES', 'imapisession-logoff.md', 85, 'RL203', 'identifier', 'IMAPISession:: Logoff'),  # code token broken by an inserted space
    ('es-ES', 'imapisession-logoff.md', 85, 'RL631', 'formatting', ' ,'),  # space before punctuation after bold or link
    ('es-ES', 'imslogon-logoff.md', 14, 'RL721', 'date', '2011-07-23'),  # description date disagrees with ms.date
    ('es-ES', 'imslogon-logoff.md', 36, 'RL611', 'untranslated', 'Parameters'),  # heading left in English
    ('pt-BR', 'imapisession-logoff.md', 22, 'RL601', 'markup', ''),  # bilingual span markup on 31 lines: one finding for the page (it was one per line: a page-wide condition reported 31 times)
    ('pt-BR', 'imapisession-logoff.md', 68, 'RL602', 'markup', '**método IMAPISession::Logoff**'),  # bold moved onto translated words
    ('pt-BR', 'imapisession-logoff.md', 72, 'RL602', 'markup', '**método IUnknown::Release.**'),  # bold moved onto translated words
    ('pt-BR', 'imapisession-logoff.md', 82, 'RL602', 'markup', '**método IMAPISession::Logoff**'),  # bold moved onto translated words
    ('ru-RU', 'imapisession-logoff.md', 2, 'RL202', 'identifier', 'имаписессионлогофф'),  # title transliterated
    ('ru-RU', 'imapisession-logoff.md', 40, 'RL201', 'identifier', 'улуипарам'),  # parameter name transliterated
    ('ru-RU', 'imapisession-logoff.md', 42, 'RL301', 'direction', 'возврата'),  # direction tag mistranslated
    ('ru-RU', 'imapisession-logoff.md', 46, 'RL301', 'direction', 'возврата'),  # direction tag mistranslated
    ('ru-RU', 'imapisession-logoff.md', 54, 'RL206', 'identifier', 'выходе из системы'),  # bold identifier replaced by a translation
    ('ru-RU', 'imapisession-logoff.md', 56, 'RL201', 'identifier', 'улресервед'),  # parameter name transliterated
    ('ru-RU', 'imapisession-logoff.md', 58, 'RL101', 'encoding', '���������������'),  # U+FFFD: characters lost in conversion
    ('ru-RU', 'imapisession-logoff.md', 68, 'RL203', 'identifier', 'IMAPISession:: logoff'),  # code token broken by an inserted space
    ('ru-RU', 'imapisession-logoff.md', 68, 'RL204', 'identifier', 'IMAPISession:: logoff'),  # identifier letter case changed
    ('ru-RU', 'imapisession-logoff.md', 68, 'RL206', 'identifier', 'выхода'),  # bold identifier replaced by a translation
    ('ru-RU', 'imapisession-logoff.md', 68, 'RL503', 'link', 'IUnknown::'),  # link text lost its identifier
    ('ru-RU', 'imapisession-logoff.md', 68, 'RL631', 'formatting', ' ,'),  # space before punctuation after bold or link
    ('ru-RU', 'imapisession-logoff.md', 72, 'RL203', 'identifier', 'IUnknown:: Release'),  # code token broken by an inserted space
    ('ru-RU', 'imapisession-logoff.md', 72, 'RL206', 'identifier', 'выходе из системы'),  # bold identifier replaced by a translation
    ('ru-RU', 'imapisession-logoff.md', 72, 'RL631', 'formatting', ' .'),  # space before punctuation after bold or link
    ('ru-RU', 'imapisession-logoff.md', 82, 'RL203', 'identifier', 'IMAPISession:: logoff'),  # code token broken by an inserted space
    ('ru-RU', 'imapisession-logoff.md', 82, 'RL204', 'identifier', 'IMAPISession:: logoff'),  # identifier letter case changed
    ('ru-RU', 'imapisession-logoff.md', 82, 'RL205', 'identifier', 'Кмапиобжектс:: выход'),  # MFCMAPI table identifier transliterated
    ('ru-RU', 'imapisession-logoff.md', 82, 'RL205', 'identifier', 'Мапиобжектс. cpp'),  # MFCMAPI table identifier transliterated
    ('ru-RU', 'imapisession-logoff.md', 85, 'RL203', 'identifier', 'IMAPISession:: LOGOFF'),  # code token broken by an inserted space
    ('ru-RU', 'imapisession-logoff.md', 85, 'RL204', 'identifier', 'IMAPISession:: LOGOFF'),  # identifier letter case changed
]

#: The issue's bracketed examples, by (locale, line, code): each must be among the findings.
ISSUE_EXAMPLES = [
    ("ru-RU", 58, "RL101"), ("de-DE", 14, "RL101"), ("de-DE", 60, "RL101"),        # encoding
    ("ru-RU", 40, "RL201"), ("ru-RU", 56, "RL201"), ("ru-RU", 2, "RL202"),          # identifier
    ("ru-RU", 82, "RL205"), ("es-ES", 68, "RL203"), ("es-ES", 82, "RL203"),
    ("ru-RU", 85, "RL204"), ("es-ES", 54, "RL206"),
    ("es-ES", 42, "RL301"), ("ru-RU", 42, "RL301"),                                  # direction
    ("de-DE", 68, "RL500"), ("ru-RU", 68, "RL503"),                                  # link
    ("pt-BR", 22, "RL601"), ("pt-BR", 68, "RL602"),                                  # markup
    ("es-ES", 38, "RL611"), ("de-DE", 80, "RL612"),                                  # untranslated
    ("de-DE", 15, "RL711"), ("de-DE", 26, "RL704"),                                  # staleness, metadata
    ("de-DE", 76, "RL621"),                                                          # duplicate
]


def _findings(tmp_path, content_dir):
    out = tmp_path / "findings.json"
    code = main(["check", "--no-cache", "--no-progress", "--format", "json", "-o", str(out),
                 str(content_dir)])
    assert code == 1  # errors exist
    return json.loads(out.read_text(encoding="utf-8"))


def test_seed_findings_are_exactly_the_reviewed_list(tmp_path, content_dir):
    found = [(f["locale"], f["file"].rsplit("/", 1)[-1], f["line"], f["code"], f["category"],
              (f["actual"] or "")[:40]) for f in _findings(tmp_path, content_dir)]
    assert Counter(found) == Counter(EXPECTED)


def test_issue_examples_are_found_with_category_file_and_line(tmp_path, content_dir):
    found = {(f["locale"], f["line"], f["code"]): f for f in _findings(tmp_path, content_dir)}
    for key in ISSUE_EXAMPLES:
        assert key in found, key
        assert found[key]["file"].endswith("imapisession-logoff.md")
