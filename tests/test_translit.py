"""Tests for reflingo.translit: romanisation, skeletons and matching damaged identifiers."""

from __future__ import annotations

import random
import time

import pytest

from reflingo.lang.translit import (
    has_cyrillic,
    has_greek,
    is_damaged_identifier,
    match_identifier,
    similarity,
    skeleton,
    to_latin,
)

# --------------------------------------------------------------------------------------------
# to_latin
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("улуипарам", "uluiparam"),
        ("Кмапиобжектс", "Kmapiobzhekts"),
        ("Мапиобжектс. cpp", "Mapiobzhekts. cpp"),
        ("кхцчшщ", "kkhtschshshch"),
        ("юя", "yuya"),
        ("йыэ", "yye"),
        ("ёлка", "elka"),
        ("объект", "obekt"),
        ("соль", "sol"),
        ("їжак є ў і", "yizhak ye w i"),
        ("Ґрунт", "Grunt"),
    ],
)
def test_to_latin_cyrillic(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


def test_to_latin_preserves_case() -> None:
    assert to_latin("Кмап") == "Kmap"
    assert to_latin("КМАП") == "KMAP"
    # A capital with a multi-letter romanisation: title case in a word, all caps in caps.
    assert to_latin("Жук") == "Zhuk"
    assert to_latin("ЖУК") == "ZHUK"
    assert to_latin("ЩИТ") == "SHCHIT"
    assert to_latin("лпНотификатионс") == "lpNotifikations"


def test_to_latin_leaves_other_characters_alone() -> None:
    text = "IMAPISession::Logoff(ulFlags, 0x10) — «ok» 日本"
    assert to_latin(text) == text
    assert to_latin("Кмапиобжектс:: выход") == "Kmapiobzhekts:: vykhod"
    assert to_latin("") == ""


def test_to_latin_decomposed_letters() -> None:
    # й and ё written as base letter + combining mark
    assert to_latin("и\u0306") == "y"
    assert to_latin("е\u0308лка") == "elka"


def test_to_latin_greek() -> None:
    assert to_latin("Καλημέρα") == "Kalimera"
    assert to_latin("ΘΕΜΑ") == "THEMA"
    assert to_latin("Θέμα") == "Thema"
    assert to_latin("ουρανός") == "ouranos"
    assert to_latin("ψάξε") == "psaxe"


def test_script_helpers() -> None:
    assert has_cyrillic("_улуипарам_")
    assert has_cyrillic("MAPI ї")
    assert not has_cyrillic("ulUIParam")
    assert not has_cyrillic("Καλημέρα")
    assert has_greek("Καλημέρα")
    assert not has_greek("улуипарам")
    assert not has_greek("")


# --------------------------------------------------------------------------------------------
# skeleton
# --------------------------------------------------------------------------------------------


def test_skeleton_ignores_case_spaces_and_punctuation() -> None:
    assert skeleton("IMAPISession:: Logoff") == "imapisessionlogoff"
    assert skeleton("imapisession::logoff") == "imapisessionlogoff"
    assert skeleton("IMAPISession:: LOGOFF") == "imapisessionlogoff"
    assert skeleton("MAPIObjects. cpp") == skeleton("MAPIObjects.cpp") == "mapiobjectscpp"
    assert skeleton("PR_DISPLAY_NAME") == "prdisplayname"


def test_skeleton_romanises_and_strips_accents() -> None:
    assert skeleton("_улуипарам_") == "uluiparam"
    assert skeleton("Кмапиобжектс:: выход") == "kmapiobzhektsvykhod"
    assert skeleton("Größe") == "grosse"
    assert skeleton("Café") == "cafe"
    assert skeleton("::") == ""


# --------------------------------------------------------------------------------------------
# similarity and match_identifier: the examples seen in real pages
# --------------------------------------------------------------------------------------------

LOGOFF_PARAMS = ["ulUIParam", "ulFlags", "ulReserved"]


def test_logoff_parameters() -> None:
    assert match_identifier("улуипарам", LOGOFF_PARAMS) == "ulUIParam"
    assert match_identifier("_улуипарам_", LOGOFF_PARAMS) == "ulUIParam"
    assert match_identifier("улресервед", LOGOFF_PARAMS) == "ulReserved"
    assert match_identifier("улфлагс", LOGOFF_PARAMS) == "ulFlags"


def test_mfcmapi_names() -> None:
    assert match_identifier("Кмапиобжектс", ["CMapiObjects", "CMapiSession"]) == "CMapiObjects"
    assert similarity("Кмапиобжектс", "CMapiObjects") >= 0.9
    assert match_identifier("Мапиобжектс", ["MAPIObjects", "MAPIFunctions"]) == "MAPIObjects"
    assert similarity("Мапиобжектс. cpp", "MAPIObjects.cpp") >= 0.9


def test_title_transliteration() -> None:
    assert similarity("имаписессионлогофф", "IMAPISessionLogoff") >= 0.75
    assert is_damaged_identifier("имаписессионлогофф", "IMAPISessionLogoff")


def test_case_and_space_damage_is_a_perfect_match() -> None:
    assert similarity("IMAPISession:: LOGOFF", "IMAPISession::Logoff") == 1.0
    assert similarity("IMAPISession:: Logoff", "IMAPISession::Logoff") == 1.0
    assert similarity("MAPIObjects. cpp", "MAPIObjects.cpp") == 1.0
    assert is_damaged_identifier("IMAPISession:: LOGOFF", "IMAPISession::Logoff")
    assert is_damaged_identifier("MAPIObjects. cpp", "MAPIObjects.cpp")
    assert is_damaged_identifier("Hresult", "hResult")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("лпентрид", "lpEntryID"),
        ("кбентрид", "cbEntryID"),
        ("лппунк", "lppUnk"),
        ("улфлагс", "ulFlags"),
        ("лпмапиеррор", "lpMAPIError"),
        ("лпсзпрофиленаме", "lpszProfileName"),
        ("имсгсторе", "IMsgStore"),
        ("центрис", "cEntries"),  # seen in ru-RU cbnewadrlist.md: c -> ц, "ie" -> и
        ("ПР_ДИСПЛАЙ_НАМЕ", "PR_DISPLAY_NAME"),
        ("пр_дисплаи_наме", "PR_DISPLAY_NAME"),
        ("лпинтерфаце", "lpInterface"),
        ("лпинтерфейс", "lpInterface"),
        ("лпулобжтайп", "lpulObjType"),
        ("лпулобджтыпе", "lpulObjType"),
        ("лпадвисесинк", "lpAdviseSink"),
        ("фневневмаил", "fnevNewMail"),
        ("лпексклудепропс", "lpExcludeProps"),
        ("лпексклюдепропс", "lpExcludeProps"),
        ("Ιμαπισέσιον", "IMAPISession"),
    ],
)
def test_transliterations_are_recognised(written: str, canonical: str) -> None:
    assert similarity(written, canonical) >= 0.75
    assert is_damaged_identifier(written, canonical)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("улфлагс", "ulReserved"),
        ("улресервед", "ulFlags"),
        ("флаги", "ulFlags"),  # the translation of "flags", not a transliteration
        ("параметр", "ulUIParam"),
        ("параметр", "lParam"),
        ("выход", "Logoff"),  # the translation of "log off"
        ("Кмапиобжектс:: выход", "CMapiObjects::Logoff"),  # half translated
        ("ворона", "cRows"),  # "crow", translated (ru-RU sizedsrowset.md)
        ("строка", "lpszString"),
        ("лпентрид", "cbEntryID"),
        ("кбентрид", "lpEntryID"),
        ("лпентрид1", "lpEntryID2"),
        ("лпсзолдпрофиленаме", "lpszNewProfileName"),
        ("wetterReserved", "dwReserved"),
        ("", "ulFlags"),
        ("::", "ulFlags"),
    ],
)
def test_unrelated_identifiers_are_not_similar(written: str, canonical: str) -> None:
    assert similarity(written, canonical) < 0.75
    assert not is_damaged_identifier(written, canonical)


def test_similarity_range_and_exactness() -> None:
    assert similarity("ulFlags", "ulFlags") == 1.0
    assert similarity("", "") == 0.0
    for written, canonical in [("улфлагс", "ulFlags"), ("флаги", "ulFlags"), ("x", "yyyyyyy")]:
        assert 0.0 <= similarity(written, canonical) <= 1.0
    # A letter-by-letter transliteration that romanises back exactly is a skeleton match ...
    assert similarity("улфлагс", "ulFlags") == 1.0
    # ... one that needs the phonetic key (к for c, ж for j) scores a little lower.
    assert 0.9 <= similarity("Кмапиобжектс", "CMapiObjects") < 1.0


def test_is_damaged_identifier_needs_a_difference() -> None:
    assert not is_damaged_identifier("ulFlags", "ulFlags")
    assert not is_damaged_identifier(" ulFlags ", "ulFlags")
    assert is_damaged_identifier("ul Flags", "ulFlags")


def test_russian_words_do_not_match_parameters() -> None:
    words = [
        "параметр", "флаги", "выход", "значение", "объект", "строка", "путь", "ключ", "версия",
        "сеанс", "сообщение", "таблица", "свойство", "клиент", "поставщик", "список", "адрес",
        "папка", "вложение", "хранилище", "указатель", "размер", "данные", "интерфейс",
        "функция", "структура", "профиль", "пароль", "зарезервировано", "ворона",
    ]  # fmt: skip
    for params in PAGES.values():
        for word in words:
            assert match_identifier(word, params) is None, (word, params)


# --------------------------------------------------------------------------------------------
# match_identifier: thresholds and ambiguity
# --------------------------------------------------------------------------------------------


def test_match_identifier_threshold() -> None:
    assert match_identifier("выход", LOGOFF_PARAMS) is None
    assert match_identifier("Кмапиобжектс", ["CMapiObjects"], threshold=0.999) is None
    assert match_identifier("Кмапиобжектс", ["CMapiObjects"], threshold=0.9) == "CMapiObjects"
    assert match_identifier("улуипарам", []) is None


def test_match_identifier_exact_wins() -> None:
    assert match_identifier("ulFlags", LOGOFF_PARAMS) == "ulFlags"
    assert match_identifier("lpEntryID", ["lpEntryID", "lpEntryId"]) == "lpEntryID"
    assert match_identifier("lpEntryId", ["lpEntryID", "lpEntryId"]) == "lpEntryId"


def test_match_identifier_near_duplicates_are_ambiguous() -> None:
    near_duplicates = ["lpEntryID", "lpEntryId"]
    assert match_identifier("лпентрид", near_duplicates) is None
    assert match_identifier("lpentryid", near_duplicates) is None
    assert match_identifier("LPENTRYID", near_duplicates) is None
    # Merged doubled letters make lpv and lppv indistinguishable in Cyrillic.
    assert match_identifier("лпв", ["lpv", "lppv"]) is None
    # ... but one of them alone is recognised.
    assert match_identifier("лпентрид", ["lpEntryID", "cbEntryID"]) == "lpEntryID"
    assert match_identifier("LPENTRYID", ["lpEntryID", "cbEntryID"]) == "lpEntryID"


def test_match_identifier_case_damage() -> None:
    candidates = ["IMAPISession::Logoff", "IMAPISession::Logon", "IMsgStore::Advise"]
    assert match_identifier("IMAPISession:: LOGOFF", candidates) == "IMAPISession::Logoff"
    assert match_identifier("imapisession::logon", candidates) == "IMAPISession::Logon"


def test_match_identifier_numbered_parameters() -> None:
    params = PAGES["imapisession-compareentryids"]
    assert match_identifier("кбентрид1", params) == "cbEntryID1"
    assert match_identifier("лпентрид2", params) == "lpEntryID2"
    # Digits are never transliterated; another number is another parameter.
    assert match_identifier("лпентрид3", params) is None


# --------------------------------------------------------------------------------------------
# Recovery rate on synthetic transliterations of real parameter names
# --------------------------------------------------------------------------------------------

# Parameter lists of real pages, from en-US/docs/outlook/mapi/<page>.md.
PAGES: dict[str, list[str]] = {
    "imapisession-logoff": ["ulUIParam", "ulFlags", "ulReserved"],
    "imapisession-openentry": [
        "cbEntryID", "lpEntryID", "lpInterface", "ulFlags", "lpulObjType", "lppUnk",
    ],
    "imapisession-compareentryids": [
        "cbEntryID1", "lpEntryID1", "cbEntryID2", "lpEntryID2", "ulFlags", "lpulResult",
    ],
    "imapiprop-getprops": ["lpPropTagArray", "ulFlags", "lpcValues", "lppPropArray"],
    "imapiprop-copyto": [
        "ciidExclude", "rgiidExclude", "lpExcludeProps", "ulUIParam", "lpProgress",
        "lpInterface", "lpDestObj", "ulFlags", "lppProblems",
    ],
    "mapilogonex": ["ulUIParam", "lpszProfileName", "lpszPassword", "flFlags", "lppSession"],
    "iprofadmin-copyprofile": [
        "lpszOldProfileName", "lpszOldPassword", "lpszNewProfileName", "ulUIParam", "ulFlags",
    ],
    "imapifolder-createfolder": [
        "ulFolderType", "lpszFolderName", "lpszFolderComment", "lpInterface", "ulFlags",
        "lppFolder",
    ],
    "imapiformmgr-selectform": ["ulUIParam", "ulFlags", "pszTitle", "pfld", "ppfrminfoReturned"],
    "wrapcompressedrtfstream": ["lpCompressedRTFStream", "ulFlags", "lpUncompressedRTFStream"],
}  # fmt: skip

_LETTERS = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "i": "и", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
    "z": "з", "h": "х", "j": "ж", "q": "к", "w": "в", "x": "кс", "y": "и",
}  # fmt: skip
_DIGRAPHS = {"ph": "ф", "sh": "ш", "ch": "ч", "th": "т", "ck": "к", "qu": "кв", "ee": "и"}
_VARIANTS = {
    "soft_c": ["ц", "с"],
    "hard_c": ["к"],
    "j": ["ж", "дж"],
    "y": ["и", "й", "ы"],
    "h": ["х", "х", "г"],
    "th": ["т", "з"],
    "ee": ["и", "ее"],
}


def transliterate_ru(name: str, rng: random.Random | None = None) -> str:
    """Spell an English identifier in Cyrillic, letter by letter, as an MT engine does.

    Without `rng` every ambiguous letter takes its most common rendering; with it, a random one
    of the renderings seen in machine translations, and doubled letters are sometimes merged.
    """

    def pick(kind: str) -> str:
        options = _VARIANTS[kind]
        return rng.choice(options) if rng else options[0]

    text = name.lower()
    out: list[str] = []
    i = 0
    while i < len(text):
        char, pair = text[i], text[i : i + 2]
        following = text[i + 1] if i + 1 < len(text) else ""
        if pair in _DIGRAPHS:
            kind = {"th": "th", "ee": "ee"}.get(pair)
            out.append(pick(kind) if kind else _DIGRAPHS[pair])
            i += 2
            continue
        if rng and following == char and rng.random() < 0.3:
            i += 1  # drop one of a doubled letter
            continue
        if char == "c":
            out.append(pick("soft_c") if following in ("e", "i", "y") else pick("hard_c"))
        elif char in ("j", "y", "h"):
            out.append(pick(char))
        else:
            out.append(_LETTERS.get(char, char))
        i += 1
    return "".join(out)


def test_forward_transliterator() -> None:
    assert transliterate_ru("ulUIParam") == "улуипарам"
    assert transliterate_ru("ulReserved") == "улресервед"
    assert transliterate_ru("CMapiObjects") == "кмапиобжектс"
    assert transliterate_ru("cEntries") == "центриес"
    assert transliterate_ru("lpszProfileName") == "лпсзпрофиленаме"


def _recovery(rng: random.Random | None) -> tuple[int, int, list[tuple[str, str, str]]]:
    total = recovered = 0
    wrong: list[tuple[str, str, str]] = []
    for params in PAGES.values():
        for name in params:
            written = transliterate_ru(name, rng)
            total += 1
            found = match_identifier(written, params)
            if found == name:
                recovered += 1
            elif found is not None:
                wrong.append((written, name, found))
    return total, recovered, wrong


def test_recovery_rate_canonical_transliteration() -> None:
    total, recovered, wrong = _recovery(None)
    assert total >= 30
    assert wrong == []
    assert recovered / total >= 0.9, (recovered, total)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_recovery_rate_varied_transliteration(seed: int) -> None:
    total, recovered, wrong = _recovery(random.Random(seed))
    assert wrong == []  # None is acceptable, a wrong name is not
    assert recovered / total >= 0.9, (recovered, total)


def test_speed() -> None:
    """Scoring must stay cheap: it runs millions of times over the corpus."""
    rng = random.Random(0)
    names = sorted({name for params in PAGES.values() for name in params})
    written = [transliterate_ru(name, rng) + str(rng.random()) for name in names]
    start = time.perf_counter()
    calls = 0
    for w in written:
        for name in names:
            similarity(w, name)
            calls += 1
    per_call = (time.perf_counter() - start) / calls
    assert per_call < 2e-4, per_call  # uncached; cached calls are ~100 times faster


def test_has_cyrillic_in_short_and_page_long_texts() -> None:
    from reflingo.lang.translit import has_cyrillic

    latin_page = "Última modificación: el parámetro ulFlags — " * 20   # beyond U+00FF: a dash
    for text, found in [("ulFlags", False), ("улфлагс", True), ("é" * 300, False),
                        ("é" * 300 + "ж", True), (latin_page, False), (latin_page + "Ё", True),
                        ("ü" * 250 + "ß", False)]:
        assert has_cyrillic(text) is found, text[-20:]
