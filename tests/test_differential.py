"""The suite's differential mode (api.core.compiled): a query runs compiled and through
graphql-core on one snapshot of the database, so a write that commits between the two runs
(a webhook delivery, a worker's job, another API process) is never taken for a difference."""

from __future__ import annotations

import asyncio
import contextlib

from tortoise import connections

from domain.models import Ticket
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

READ = "query($t: String!) { ticket(trackingId: $t) { subject updatedAt } }"
READS = 40


async def _rename_without_pause(ticket_id: int, stop: asyncio.Event) -> int:
    """Commit a new subject, one statement at a time, until told to stop; returns how many."""
    connection = connections.get("default")
    renamed = 0
    while not stop.is_set():
        renamed += 1
        await connection.execute_query(
            "UPDATE ticket SET subject = $1 WHERE id = $2"
            if connection.capabilities.dialect == "postgres"
            else "UPDATE ticket SET subject = ? WHERE id = ?",
            [f"Renombrado {renamed}", ticket_id],
        )
    return renamed


async def test_a_write_committed_between_the_two_runs_is_no_difference(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket whose subject another connection keeps changing, commit after commit
    created = await create_ticket(gql, customer_token)
    ticket = await Ticket.get(tracking_id=created["trackingId"])
    stop = asyncio.Event()
    writer = asyncio.create_task(_rename_without_pause(ticket.id, stop))
    subjects: set[str] = set()
    try:
        # When an agent reads it again and again, each read run both ways
        for _ in range(READS):
            answer = await gql.execute(READ, {"t": created["trackingId"]}, token=agent_token)
            # Then every read answers with data (the two runs saw the same rows)
            subjects.add(answer.data["ticket"]["subject"])
            await asyncio.sleep(0.005)  # the writer commits between reads too
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            renamed = await writer
    # and the subject really did change under the reads
    assert renamed > READS
    assert len(subjects) > 1, subjects
