"""The constants table: a JSON file, or `#define`s read from C headers and evaluated."""

from __future__ import annotations

import json

import pytest

from reflingo.errors import InputError
from reflingo.run.constants import evaluate_defines, read_constants_json, read_headers

HEADER = r"""
#define PT_LONG         ((ULONG)  3)    /* Signed 32-bit value */
#define PT_UNICODE      ((ULONG) 31)
#define MV_FLAG         0x1000
#define PT_MV_UNICODE   (MV_FLAG | PT_UNICODE)
#define PROP_TAG(ulPropType,ulPropID) \
        ((((ULONG)(ulPropID))<<16)|((ULONG)(ulPropType)))
#define PR_SUBJECT_W    PROP_TAG( PT_UNICODE, 0x0037)
#define PR_KEYWORDS     PROP_TAG( PT_MV_UNICODE, 0x3A1A)
#define MAKE_SCODE(sev,fac,code) \
    ((SCODE) (((unsigned long)(sev)<<31) | ((unsigned long)(fac)<<16) | ((unsigned long)(code))))
#define FACILITY_ITF    4
#define MAKE_MAPI_E( err )  (MAKE_SCODE( 1, FACILITY_ITF, err ))
#define MAPI_E_NOT_FOUND    MAKE_MAPI_E( 0x10F )
#define MAPI_UNICODE    ((ULONG) 0x80000000)
#define FLAGS_OR        (0x01 | 0x02 | 4L)
#define OCTAL           010
#define DIVIDED         (10 / 3)
#define NEGATIVE        (-1)
#define INVERTED        (~0)
#define UNDEFINED_REF   (NO_SUCH_NAME | 1)
#define A_STRING        "MAPI"
#define SELF            SELF
#define CODE            __import__("os").system("true")
#define MAPI_E_CALL_FAILED  E_FAIL
"""


def test_header_expressions():
    values = evaluate_defines([HEADER])
    assert values["PT_LONG"] == 3 and values["PT_MV_UNICODE"] == 0x101F
    assert values["PR_SUBJECT_W"] == 0x0037001F
    assert values["PR_KEYWORDS"] == 0x3A1A101F
    assert values["MAPI_E_NOT_FOUND"] == 0x8004010F
    assert values["MAPI_UNICODE"] == 0x80000000
    assert values["FLAGS_OR"] == 7 and values["OCTAL"] == 8 and values["DIVIDED"] == 3
    assert values["NEGATIVE"] == -1 and values["INVERTED"] == 0xFFFFFFFF
    for name in ("UNDEFINED_REF", "A_STRING", "SELF", "CODE", "MAPI_E_CALL_FAILED",
                 "PROP_TAG", "MAKE_SCODE"):
        assert name not in values


def test_a_name_defined_in_another_header_resolves():
    values = evaluate_defines(["#define E_FAIL 0x80004005L\n", HEADER])
    assert values["MAPI_E_CALL_FAILED"] == 0x80004005


def test_read_headers_and_json(tmp_path):
    (tmp_path / "MAPIDefS.h").write_text(HEADER, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("#define IGNORED 1", encoding="utf-8")
    values = read_headers(str(tmp_path))
    assert values["PR_SUBJECT_W"] == 0x0037001F and "IGNORED" not in values
    table = tmp_path / "table.json"
    table.write_text(json.dumps({"A": {"value": 1, "header": "x.h"}, "B": 2, "C": "x",
                                 "D": {"value": True}}), encoding="utf-8")
    assert read_constants_json(str(table)) == {"A": 1, "B": 2}
    with pytest.raises(InputError):
        read_headers(str(tmp_path / "missing"))
    with pytest.raises(InputError):
        read_constants_json(str(tmp_path / "MAPIDefS.h"))
