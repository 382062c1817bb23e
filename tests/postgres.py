"""A fresh PostgreSQL schema for one test, on the server named by FRONTWATCH_TEST_PG (set by .ci/run).

Without that variable or a reachable server the PostgreSQL variants skip, unless FRONTWATCH_REQUIRE_PG=1 (also set
by .ci/run): then they fail, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

PG_ENV = "FRONTWATCH_TEST_PG"
REQUIRE_ENV = "FRONTWATCH_REQUIRE_PG"


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1)")
    pytest.skip(reason)


@contextmanager
def pg_schema_dsn(with_public: bool = False) -> Iterator[str]:
    """The test server's DSN with ``search_path`` set to a new, empty schema, dropped afterwards (``with_public``:
    then ``public``, where an administrator installs PostGIS)."""
    dsn = os.environ.get(PG_ENV)
    if not dsn:
        _unavailable(f"no PostgreSQL server for the tests (set {PG_ENV}=postgresql://USER:PASSWORD@HOST:PORT/DB)")
    assert dsn is not None
    import psycopg
    from psycopg import sql

    try:
        admin = psycopg.connect(dsn, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        _unavailable(f"the PostgreSQL server in {PG_ENV} is unreachable ({str(exc).splitlines()[0]})")
        raise
    schema = f"fw_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        try:
            path = f"{schema},public" if with_public else schema
            yield f"{dsn}{'&' if '?' in dsn else '?'}options={quote(f'-csearch_path={path}')}"
        finally:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
