"""Where documents and their analyses live: SQLite (a path or ``sqlite:///PATH``, the default) or PostgreSQL
(``postgresql://USER:PASSWORD@HOST:PORT/DB``), behind one interface (``base.Store``)."""

from .base import Store
from .url import StoreSpec, StoreTarget, describe, parse_store_spec


def open_store(spec: StoreSpec) -> Store:
    """Open (creating and migrating as needed) the store ``spec`` names. Raises StoreError with one clear line."""
    return Store(spec)


__all__ = ["Store", "StoreSpec", "StoreTarget", "describe", "open_store", "parse_store_spec"]
