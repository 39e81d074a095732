"""A client with two mistakes that the generated package must catch (see WRONG_LINES)."""

from __future__ import annotations

from mapi_types.constants import GetContentsTable_ulFlags
from mapi_types.interfaces import IMAPIFolder, IMAPISession


def close(session: IMAPISession) -> None:
    session.Logoff(0, "MAPI_LOGOFF_UI", 0)  # wrong: a str for ulFlags


def contents(folder: IMAPIFolder) -> None:
    folder.GetContentTables(GetContentsTable_ulFlags(0))  # wrong: no such method
