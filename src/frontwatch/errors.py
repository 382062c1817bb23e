"""One error root for everything frontwatch raises on purpose.

Each class carries a stable ``code`` so scripts can branch on it; ``str(err)`` is the one line a user sees.
"""

from __future__ import annotations


class FrontwatchError(Exception):
    """Root of all frontwatch errors. ``where`` names the input (file, URL, line) the error is about."""

    code = "frontwatch"

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(FrontwatchError):
    """An input cannot be read or understood (missing, empty, binary, bad encoding, bad JSON)."""

    code = "input"


class StoreError(FrontwatchError):
    """The SQLite store cannot be opened, migrated or written."""

    code = "store"


class ConfigError(FrontwatchError):
    """A bundled data file or the installed model is missing or malformed."""

    code = "config"
