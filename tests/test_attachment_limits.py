"""Attachment size limits beyond one file (embedded: the test lowers the server's limits in
its own process), and the quarantine sweep."""

from __future__ import annotations

import json
import os
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from domain.attachments.cleanup import sweep_quarantine
from domain.attachments.quarantine import new_quarantine_path, quarantine_dir
from domain.clock import utcnow
from domain.config import Settings, get_settings
from domain.models import Attachment, Message, Ticket
from tests.factories import create_ticket, row_counts
from tests.graphql_client import GraphQLClient
from tests.uploads import REPLY_WITH_FILES, files_under, upload


@pytest.fixture
def small_limits(in_process_server: str) -> Iterator[Settings]:
    """The running server's limits, lowered for this test and restored after it."""
    settings = get_settings()
    saved = (settings.attachment_max_file_bytes, settings.attachment_max_ticket_bytes)
    settings.attachment_max_file_bytes, settings.attachment_max_ticket_bytes = 2500, 3000
    yield settings
    settings.attachment_max_file_bytes, settings.attachment_max_ticket_bytes = saved


async def _reply(
    gql: GraphQLClient, ticket: dict[str, Any], token: str, sizes: list[int]
) -> dict[str, Any]:
    variables = {"input": {"ticketId": ticket["id"], "message": "Registros."}}
    files = [(f"log-{i}.txt", b"y" * size, "text/plain") for i, size in enumerate(sizes)]
    answer = await upload(gql, REPLY_WITH_FILES, variables, files, token=token)
    result: dict[str, Any] = answer.data["replyToTicket"]
    return result


async def test_a_tickets_files_together_stay_within_the_ticket_limit(
    small_limits: Settings, gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket that already holds 2,000 bytes of files (the limit is 3,000)
    ticket = await create_ticket(gql, customer_token)
    first = await _reply(gql, ticket, customer_token, [2000])
    assert first["__typename"] == "ReplyToTicketSuccess", first
    before = (files_under(quarantine_dir()), await row_counts())

    # When a reply brings 1,500 more, and another sends two files over the limit together
    over_ticket = await _reply(gql, ticket, customer_token, [1500])
    over_request = await _reply(gql, ticket, customer_token, [1600, 1600])

    # Then both are refused with FILE_TOO_LARGE about the ticket, keeping nothing
    for refused in (over_ticket, over_request):
        assert (refused["__typename"], refused["code"], refused["maxBytes"]) == (
            "FileTooLargeError",
            "FILE_TOO_LARGE",
            3000,
        )
        assert "A ticket's attachments can add up to" in refused["message"]
    assert (files_under(quarantine_dir()), await row_counts()) == before


async def test_a_body_sent_without_length_is_cut_off_at_the_request_limit(
    small_limits: Settings, gql: GraphQLClient, customer_token: str
) -> None:
    # Given a reply whose file is streamed in chunks, without a Content-Length
    ticket = await create_ticket(gql, customer_token)
    boundary = "cut-off"
    operations = {
        "query": REPLY_WITH_FILES,
        "variables": {"input": {"ticketId": ticket["id"], "message": "x", "attachments": [None]}},
    }
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        f"{json.dumps(operations)}\r\n--{boundary}\r\n"
        'Content-Disposition: form-data; name="map"\r\n\r\n{"0": ["variables.input.attachments.0"]}'
        f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="0"; filename="a.txt"\r\n\r\n'
    ).encode()

    async def body() -> AsyncIterator[bytes]:
        yield head
        for _ in range(3):  # 3 MB: past the 3,000 bytes and the 2 MB allowance for the fields
            yield b"z" * 1024 * 1024

    before = files_under(quarantine_dir())
    # When it is sent
    response = await gql.http.post(
        "/graphql",
        content=body(),
        headers={
            "Authorization": f"Bearer {customer_token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    # Then reading stops with 413 FILE_TOO_LARGE, and nothing stays in quarantine
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "FILE_TOO_LARGE"
    assert files_under(quarantine_dir()) == before


async def test_the_quarantine_sweep_deletes_only_old_orphans(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    # Given an old orphan upload, a young one (a request still streaming), and an old file a
    # pending attachment names (its job is still queued)
    created = await create_ticket(gql, customer_token)
    ticket = await Ticket.get(tracking_id=created["trackingId"])
    message = await Message.get(ticket_id=ticket.id)
    orphan, young, pending = (new_quarantine_path() for _ in range(3))
    for path in (orphan, young, pending):
        path.write_bytes(b"data")
    day_ago = time.time() - 25 * 3600
    for path in (orphan, pending):
        os.utime(path, (day_ago, day_ago))
    row = await Attachment.create(
        ticket=ticket,
        message=message,
        name="pending.txt",
        size=4,
        quarantine_name=pending.name,
        created_at=utcnow(),
    )
    try:
        # When the sweep runs
        deleted = await sweep_quarantine()

        # Then only the old orphan is gone
        assert deleted == 1
        assert (orphan.exists(), young.exists(), pending.exists()) == (False, True, True)
    finally:
        await row.delete()
        young.unlink()
        pending.unlink()
