"""RL204 on pages in any script: the lines it looks at closely are those with a whole ASCII word
of a known identifier written in another case."""

from __future__ import annotations

import pytest
from checkutil import line_of, run
from test_identifiers import EN, ES, item_of, text

from reflingo.checks import CheckContext
from reflingo.checks.code_tokens import _case_suspects
from reflingo.checks.names import known_identifiers


@pytest.mark.parametrize("sentence", [
    "Puntero al objeto; vea ulflags.",                  # Latin-1 text
    "Указатель на объект; см. ulflags.",                # text beyond Latin-1
    "Puntero al objeto (\u212a); vea ulflags.",         # KELVIN SIGN: its lower case is `k`
    "Puntero al objeto (\u0130); vea ulflags.",         # its lower case is two characters
    "Puntero al objeto; vea \U0001d49c y ulflags.",     # a character beyond the BMP
])
def test_case_changed_parameter_is_found_in_any_text(sentence):
    body = ES.replace("Puntero al objeto.", sentence)
    (f,) = run("RL204", item_of(en_US=EN, es_ES=body))
    assert (f.line, f.actual, f.expected) == (line_of(text("es-ES", body), "ulflags"),
                                              "ulflags", "ulFlags")
    assert f.fix.column == text("es-ES", body).split("\n")[f.line - 1].index("ulflags") + 1


@pytest.mark.parametrize("sentence, suspect", [
    ("Vea xulflags, ulflags_2 y ulFlags.", False),  # not a whole word, or written as known
    ("Vea ulflags.", True), ("Vea éulflags.", True), ("Vea ULFLAGS y ulFlags.", True),
    ("Véase (ulflags).", True),
    ("См. ulflags.", True), ("См. ulFlags.", False),
    # KELVIN SIGN's lower case is `k`: `kulflags`, no word `ulflags` in the lower-case text
    ("Vea \u212aulflags.", False), ("Vea \u212a ulflags.", True),
    ("Vea \u0130 ulflags.", True), ("Vea \u0130 ulFlags.", False),
])
def test_case_suspects_are_lines_with_a_whole_word_of_an_identifier_in_another_case(
        sentence, suspect):
    body = ES.replace("Puntero al objeto.", sentence)
    item = item_of(en_US=EN, es_ES=body)
    page = item.pages["es-ES"]
    found = _case_suspects(page, known_identifiers(item, "es-ES", CheckContext()))
    assert (line_of(text("es-ES", body), sentence) in found) is suspect
    # the rest of the page writes every identifier as known
    assert set(found) <= {line_of(text("es-ES", body), sentence)}
