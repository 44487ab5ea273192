"""What a connection sends while a test runs updates, and how many UPDATE queries Tortoise
builds meanwhile: for tests of statements built once per shape (domain.rows.updates,
domain.prepared)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.queryset import UpdateQuery


@dataclass
class Recording:
    sent: list[tuple[str, list[Any]]] = field(default_factory=list)  # (statement, parameters)
    built: list[UpdateQuery] = field(default_factory=list)  # each UpdateQuery Tortoise built


@contextmanager
def recorded_updates(
    connection: BaseDBAsyncClient, method: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Recording]:
    """Record what `connection.<method>` (execute_query, execute_query_dict) sends, and the
    UpdateQuery objects built, until the block ends."""
    recording = Recording()
    execute = getattr(connection, method)

    async def recorded(sql: str, values: list[Any] | None = None) -> Any:
        recording.sent.append((sql, list(values or [])))
        return await execute(sql, values)

    make_query = UpdateQuery._make_query

    def counted(query: UpdateQuery) -> None:
        recording.built.append(query)
        make_query(query)

    with monkeypatch.context() as patched:
        patched.setattr(UpdateQuery, "_make_query", counted)
        setattr(connection, method, recorded)
        try:
            yield recording
        finally:
            delattr(connection, method)  # the class's method again
