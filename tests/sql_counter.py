"""Counts the SQL statements the ORM sends, from Tortoise's own query log; or every
statement asyncpg sends, BEGIN and COMMIT included (`sent_by_asyncpg`)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from asyncpg.connection import Connection

from api.core.compiled import DIFFERENTIAL_ENV
from domain import logs

SQL_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


class _Collector(logging.Handler):
    def __init__(self, request_id: str | None) -> None:
        super().__init__(level=logging.DEBUG)
        self.statements: list[str] = []
        self.request_id = request_id

    def emit(self, record: logging.LogRecord) -> None:
        # Logged by the coroutine that sends the statement, in its request's context.
        if self.request_id is not None and logs.request_id.get() != self.request_id:
            return
        text = str(record.msg if not record.args else record.args[0]).lstrip()
        if text.upper().startswith(SQL_VERBS):
            self.statements.append(text)


@contextmanager
def count_queries(request_id: str | None = None) -> Iterator[list[str]]:
    """The statements sent inside the block, by queries run once (the suite's differential
    check, which runs each query twice, is off meanwhile); with `request_id`, only those of
    the HTTP request sent with that X-Request-Id, not the embedded workers' beside it."""
    logger = logging.getLogger("tortoise.db_client")
    collector = _Collector(request_id)
    previous = logger.level
    differential = os.environ.pop(DIFFERENTIAL_ENV, None)
    logger.setLevel(logging.DEBUG)
    logger.addHandler(collector)
    try:
        yield collector.statements
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous)
        if differential is not None:
            os.environ[DIFFERENTIAL_ENV] = differential


@contextmanager
def sent_by_asyncpg(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement asyncpg sends meanwhile (PostgreSQL), as it sends it: BEGIN, COMMIT and
    ROLLBACK too, which Tortoise's log leaves out."""
    statements: list[str] = []
    execute, prepared = Connection.execute, Connection._execute

    async def simple(self: Connection, query: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(query.strip().rstrip(";"))
        return await execute(self, query, *args, **kwargs)

    async def extended(self: Connection, query: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(query.strip())
        return await prepared(self, query, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(Connection, "execute", simple)
        patched.setattr(Connection, "_execute", extended)
        yield statements


def kinds(statements: list[str]) -> list[str]:
    """Each statement's first word (BEGIN, SELECT, WITH, COMMIT…)."""
    return [statement.split()[0].upper() for statement in statements]
