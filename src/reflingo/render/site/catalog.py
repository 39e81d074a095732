"""A locale's UI messages as gettext callables: the mapping the commands read from the compiled
catalogs (`msgid -> msgstr`, plural forms under :func:`plural_key`, the plural rule under
:data:`PLURAL`). Plain data, so that it pickles to the workers and hashes into cache keys."""

from __future__ import annotations

import gettext as gettext_module
from typing import Mapping

PLURAL = "\x00plural"
"""The key of a catalog's plural rule (a C expression in `n`, as in a .po header)."""


def plural_key(singular: str, form: int) -> str:
    """The key of one plural form of a message in a catalog mapping."""
    return f"{singular}\x00{form}"


class Catalog:
    """The UI messages of one locale (msgid -> msgstr; plural forms under :func:`plural_key`),
    as gettext callables."""

    def __init__(self, messages: Mapping[str, str]) -> None:
        self.messages = messages
        self.plural = gettext_module.c2py(messages.get(PLURAL) or "(n != 1)")

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self.messages.get(plural_key(singular, self.plural(n)))
        return found or (singular if n == 1 else plural)
