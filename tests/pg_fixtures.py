"""A throw-away PostgreSQL database per test, on the server at 127.0.0.1:5432 (override: DKG_TEST_PG_ADMIN).

Tests call `fresh_database()` from a fixture of their own; the database is dropped afterwards (WITH FORCE, so
connections left by killed processes do not keep it alive). The server must be running: CI starts it, and a
missing server is an error, not a skip (set DKG_TEST_SKIP_PG=1 to skip deliberately on a laptop).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

ADMIN_URL = os.environ.get("DKG_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def _with_db(url: str, name: str) -> str:
    """The admin URL pointing at database `name` instead."""
    head, _, tail = url.rpartition("/")
    query = ""
    if "?" in tail:
        query = "?" + tail.split("?", 1)[1]
    return f"{head}/{name}{query}"


@contextmanager
def fresh_database() -> Iterator[str]:
    """Create an empty database, yield its URL, drop it."""
    if os.environ.get("DKG_TEST_SKIP_PG") == "1":
        pytest.skip("DKG_TEST_SKIP_PG=1: PostgreSQL tests skipped on purpose")
    name = f"dkg_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_db(ADMIN_URL, name)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
