"""Concurrent mutations over real HTTP on the embedded install (SQLite) commit together
(domain.sqlite_groups), and each is answered only once its ticket is committed."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from tortoise import connections

from domain import sqlite_groups
from tests.factories import CREATE_TICKET, ticket_input
from tests.graphql_client import GraphQLClient

CREATES = 8


async def test_concurrent_creates_over_http_share_commits_and_each_is_answered_once_committed(
    gql: GraphQLClient, customer_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = connections.get("default")
    if client.capabilities.dialect != "sqlite":
        pytest.skip("group commit is SQLite's (PostgreSQL commits concurrent writes itself)")
    # Groups close when every mutation in flight has joined, not on their age (a slow
    # machine would close them early)
    monkeypatch.setattr(sqlite_groups, "GROUP_WAIT", 60.0)
    payload = await ticket_input(gql, customer_token)
    path = Path(client.filename)  # type: ignore[attr-defined]
    sent: list[str] = []
    raw = client._connection._conn  # type: ignore[attr-defined]
    raw.set_trace_callback(sent.append)
    committed_when_answered: list[bool] = []

    async def create() -> dict[str, object]:
        answer = (await gql.execute(CREATE_TICKET, {"input": payload}, token=customer_token)).data
        ticket = answer["createTicket"]["ticket"]
        with sqlite3.connect(path) as other:  # what another process sees, the moment it answers
            found = other.execute(
                "SELECT count(*) FROM ticket WHERE tracking_id = ?", (ticket["trackingId"],)
            ).fetchone()
        committed_when_answered.append(found == (1,))
        return dict(ticket)

    try:
        # When customers open tickets at once
        created = await asyncio.gather(*(create() for _ in range(CREATES)))
    finally:
        raw.set_trace_callback(None)

    # Then each got its own ticket, numbered in turn, committed before it was answered
    numbers = sorted(int(str(ticket["number"])) for ticket in created)
    assert numbers == list(range(numbers[0], numbers[0] + CREATES))
    assert committed_when_answered == [True] * CREATES
    # and some commits held more than one of them
    per_commit = [0]
    for statement in sent:
        if statement.startswith('INSERT INTO "ticket" '):
            per_commit[-1] += 1
        elif statement == "COMMIT":
            per_commit.append(0)
    assert sum(per_commit) == CREATES and max(per_commit) > 1, per_commit
