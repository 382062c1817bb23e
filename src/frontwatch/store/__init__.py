"""The SQLite store: documents and their analyses, with recorded schema migrations."""

from .sqlite import Store

__all__ = ["Store"]
