"""What ``--db`` names: a SQLite file (a path or ``sqlite:///PATH``) or a PostgreSQL server (``postgresql://...``).

Parsing only: nothing here opens a file or a connection. Messages show a DSN with its password masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import StoreError

StoreSpec = str | Path  # what --db and the library functions accept
Backend = Literal["sqlite", "postgresql"]

SQLITE_PREFIX = "sqlite:///"  # SQLAlchemy's spelling: sqlite:///relative.db, sqlite:////absolute.db
POSTGRES_SCHEMES = ("postgresql", "postgres")  # the two schemes libpq accepts
USAGE = "use a path, sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DB"
MASK = "***"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_PASSWORD_PARAM = re.compile(r"(?i)(\bpassword=)[^&\s]*")
_USER_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:/*[^:/@]*:).*@")  # scheme://user:PASSWORD@ (to the last @)


@dataclass(frozen=True)
class StoreTarget:
    backend: Backend
    location: str  # the file path (sqlite) or the DSN (postgresql), as the backend needs it
    display: str  # the same for messages: a DSN's password masked

    def __str__(self) -> str:
        return self.display


def parse_store_spec(spec: StoreSpec) -> StoreTarget:
    """Which backend ``spec`` names, and where. Raises StoreError for a URL of another kind."""
    if isinstance(spec, Path):
        return StoreTarget("sqlite", str(spec), str(spec))
    text = spec.strip()
    scheme = _SCHEME.match(text)
    if scheme is None or len(scheme.group(1)) == 1:  # no scheme, or a Windows drive letter (C:\...)
        return StoreTarget("sqlite", text, text)
    name = scheme.group(1).lower()
    if name == "sqlite":
        if not text.startswith(SQLITE_PREFIX) or len(text) == len(SQLITE_PREFIX):
            raise StoreError(f"not a SQLite URL ({USAGE})", where=text)
        path = text[len(SQLITE_PREFIX):]
        return StoreTarget("sqlite", path, path)
    if name in POSTGRES_SCHEMES:
        display = mask_dsn(text)
        if not text[len(name) + 1:].startswith("//"):
            raise StoreError(f"not a PostgreSQL URL ({USAGE})", where=display)
        return StoreTarget("postgresql", text, display)
    raise StoreError(f"unknown kind of store {name!r} ({USAGE})", where=mask_dsn(text))


def mask_dsn(dsn: str) -> str:
    """The DSN with any password (in the user part or a ``password=`` parameter) replaced by ``***``."""
    return _PASSWORD_PARAM.sub(rf"\1{MASK}", _USER_PASSWORD.sub(rf"\1{MASK}@", dsn))


def describe(spec: StoreSpec) -> str:
    """How to name a store in a message: a path as given, a DSN without its password."""
    try:
        return parse_store_spec(spec).display
    except StoreError:
        return mask_dsn(str(spec))
