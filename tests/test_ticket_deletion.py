"""Deleting a ticket (issue 19, point 10): admins only; its messages, events, attachments
and tags go, its stored files leave the disk unless another ticket shares them, and the
audit log keeps who deleted what."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import Any

import pytest

from domain.config import get_settings
from domain.models import (
    Attachment,
    AuditEntry,
    Message,
    Staff,
    Ticket,
    TicketEvent,
    TicketTag,
)
from domain.tickets.tracking import new_tracking_id
from tests.distributed_support import eventually
from tests.factories import create_ticket, row_counts
from tests.graphql_client import GraphQLClient
from tests.test_workspace_tags import set_tags
from tests.uploads import ATTACHMENTS, REPLY_WITH_FILES, pdf, png, upload

pytestmark = pytest.mark.usefixtures("attachment_workers")

DELETE = """
mutation($id: ID!) {
  deleteTicket(ticketId: $id) {
    __typename
    ... on DeleteTicketSuccess { ticketId number trackingId }
    ... on UserError { code message field }
  }
}"""


def _blob(content: bytes) -> Path:
    key = hashlib.sha256(content).hexdigest()
    return get_settings().data_dir / "attachments" / "blobs" / key[:2] / key[2:4] / key


async def _with_files(
    gql: GraphQLClient, token: str, files: list[tuple[str, bytes, str]]
) -> dict[str, Any]:
    ticket = await create_ticket(gql, token)
    variables = {"input": {"ticketId": ticket["id"], "message": "Adjunto los archivos."}}
    answer = await upload(gql, REPLY_WITH_FILES, variables, files, token=token)
    assert answer.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess", answer.body

    async def probe() -> list[dict[str, Any]]:
        seen = await gql.execute(ATTACHMENTS, {"t": ticket["trackingId"]}, token=token)
        return list(seen.data["ticket"]["attachments"])

    stored = await eventually(probe, lambda rows: all(r["state"] == "STORED" for r in rows))
    assert [row["state"] for row in stored] == ["STORED"] * len(files)
    return ticket


async def test_an_admin_deletes_a_ticket_its_rows_and_its_own_files_and_it_is_audited(
    gql: GraphQLClient, customer_token: str, agent_token: str, admin_token: str
) -> None:
    # Given a ticket with a file of its own and one another ticket shares, and a tag
    own, shared = png(seed=91), pdf("shared between two tickets")
    ticket = await _with_files(
        gql,
        customer_token,
        [("captura.png", own, "image/png"), ("contrato.pdf", shared, "application/pdf")],
    )
    other = await _with_files(gql, customer_token, [("copia.pdf", shared, "application/pdf")])
    await set_tags(gql, agent_token, ticket["id"], ["borrar"])
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    assert _blob(own).exists() and _blob(shared).exists()

    # When an admin deletes it
    result = (await gql.execute(DELETE, {"id": ticket["id"]}, token=admin_token)).data

    # Then it is gone with every row of it
    assert result["deleteTicket"] == {
        "__typename": "DeleteTicketSuccess",
        "ticketId": ticket["id"],
        "number": ticket["number"],
        "trackingId": ticket["trackingId"],
    }
    assert not await Ticket.filter(id=row.id).exists()
    for model in (Message, TicketEvent, Attachment, TicketTag):
        assert not await model.filter(ticket_id=row.id).exists(), model
    # and its own file leaves the disk, while the shared one stays for the other ticket
    assert await eventually(lambda: _gone(_blob(own)), bool)
    assert _blob(shared).exists()
    seen = await gql.execute(ATTACHMENTS, {"t": other["trackingId"]}, token=customer_token)
    [kept] = seen.data["ticket"]["attachments"]
    download = await gql.http.get(
        kept["downloadUrl"], headers={"Authorization": f"Bearer {customer_token}"}
    )
    assert download.content == shared
    # and the audit log says who deleted which ticket and what went with it
    admin = await Staff.get(email="admin@mesa.example")
    entry = await AuditEntry.filter(action="ticket.delete", entity_id=row.id).get()
    assert (entry.actor_staff_id, entry.actor_name, entry.entity, entry.after) == (
        admin.id,
        admin.name,
        "ticket",
        None,
    )
    assert entry.before is not None
    assert {k: entry.before[k] for k in ("number", "trackingId", "messages", "attachments")} == {
        "number": ticket["number"],
        "trackingId": ticket["trackingId"],
        "messages": 2,
        "attachments": 2,
    }


async def _gone(path: Path) -> bool:
    return not await asyncio.to_thread(path.exists)


async def test_agents_and_supervisors_cannot_delete_and_nothing_changes(
    gql: GraphQLClient, customer_token: str, agent_token: str, supervisor_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    before = await row_counts()

    for token in (agent_token, supervisor_token, customer_token):
        refused = (await gql.execute(DELETE, {"id": ticket["id"]}, token=token)).data
        assert refused["deleteTicket"]["code"] == "NOT_ALLOWED"
        # (in each one's saved language: the demo people saved Spanish)
        assert "administradores" in refused["deleteTicket"]["message"]

    assert await row_counts() == before


async def test_deleting_an_unknown_ticket_is_not_found(
    gql: GraphQLClient, admin_token: str
) -> None:
    unknown = new_tracking_id()
    missing = (await gql.execute(DELETE, {"id": unknown}, token=admin_token)).data
    assert (missing["deleteTicket"]["code"], missing["deleteTicket"]["field"]) == (
        "NOT_FOUND",
        "ticketId",
    )
