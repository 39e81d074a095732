"""The errors that reach the user as a message and exit code 2 (never as a traceback)."""

from __future__ import annotations


class InputError(Exception):
    """A path given by the user does not exist or cannot be read, or an argument is wrong."""

    def __init__(self, message: str, *, reported: bool = False) -> None:
        super().__init__(message)
        self.reported = reported
        """Whether the message was already shown to the user."""


class ConfigError(InputError):
    """The configuration file cannot be read or holds a wrong value."""
