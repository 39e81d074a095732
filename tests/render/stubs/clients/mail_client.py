"""A mail client, type-checked against the generated package: log on, open the default store's
inbox, read the subject of every row of its contents table, log off."""

from __future__ import annotations

import uuid
from typing import cast

from mapi_types.constants import (PR_ENTRYID, PR_SUBJECT, GetContentsTable_ulFlags,
                                  GetReceiveFolder_ulFlags, IMsgStore_OpenEntry_ulFlags,
                                  Logoff_ulFlags, MAPILogonEx_flFlags, OpenMsgStore_ulFlags,
                                  QueryRows_ulFlags, SetColumns_ulFlags)
from mapi_types.functions import MAPIInitialize, MAPILogonEx, MAPIUninitialize
from mapi_types.interfaces import IMAPIFolder, IMAPISession, IMAPITable

IID_IMAPIFolder = uuid.UUID("0002030c-0000-0000-c000-000000000046")


def subjects(table: IMAPITable) -> list[object]:
    table.SetColumns([PR_SUBJECT, PR_ENTRYID], SetColumns_ulFlags(0))
    found: list[object] = []
    rows = table.QueryRows(50, QueryRows_ulFlags(0))
    while rows.cRows:
        for row in rows.aRow:
            if row.lpProps.ulPropTag == PR_SUBJECT:
                found.append(row.lpProps.Value)
        rows = table.QueryRows(50, QueryRows_ulFlags(0))
    return found


def inbox_subjects(session: IMAPISession, store_entry: bytes) -> list[object]:
    store = session.OpenMsgStore(0, len(store_entry), store_entry, IID_IMAPIFolder,
                                 OpenMsgStore_ulFlags.MDB_WRITE | OpenMsgStore_ulFlags.MAPI_BEST_ACCESS)
    size, entry, _message_class = store.GetReceiveFolder("IPM", GetReceiveFolder_ulFlags(0))
    _kind, opened = store.OpenEntry(size, entry, IID_IMAPIFolder,
                                    IMsgStore_OpenEntry_ulFlags.MAPI_BEST_ACCESS)
    inbox = cast(IMAPIFolder, opened)
    return subjects(inbox.GetContentsTable(GetContentsTable_ulFlags(0)))


def main(profile: str, store_entry: bytes) -> list[object]:
    MAPIInitialize(None)
    session = MAPILogonEx(0, profile, "",
                          MAPILogonEx_flFlags.MAPI_EXTENDED | MAPILogonEx_flFlags.MAPI_NEW_SESSION)
    try:
        return inbox_subjects(session, store_entry)
    finally:
        session.Logoff(0, Logoff_ulFlags.MAPI_LOGOFF_UI, 0)
        session.Release()
        MAPIUninitialize()
