"""Attachments (issue 8): uploads through the GraphQL multipart request spec, checked and
stored by workers, downloaded under the ticket's authorization rules."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from domain.config import get_settings
from tests.distributed_support import eventually
from tests.factories import create_ticket, row_counts
from tests.graphql_client import GraphQLClient
from tests.uploads import (
    ATTACHMENTS,
    EXECUTABLE,
    REPLY_WITH_FILES,
    files_under,
    pdf,
    png,
    upload,
)

pytestmark = pytest.mark.usefixtures("attachment_workers")

CREATE_WITH_FILES = """
mutation($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ... on CreateTicketSuccess { ticket { trackingId attachments { name state } } }
    ... on FileTooLargeError { maxBytes }
    ... on UserError { code message field }
  }
}"""
EVENTS = "query($t: String!) { ticket(trackingId: $t) { events { kind internal after } } }"


async def _reply(
    gql: GraphQLClient,
    ticket: dict[str, Any],
    token: str,
    files: list[tuple[str, bytes, str]],
    **fields: Any,
) -> dict[str, Any]:
    variables = {"input": {"ticketId": ticket["id"], "message": "Adjunto la captura.", **fields}}
    answer = await upload(gql, REPLY_WITH_FILES, variables, files, token=token)
    result: dict[str, Any] = answer.data["replyToTicket"]
    return result


async def _settled(gql: GraphQLClient, ticket: dict[str, Any], token: str) -> list[dict[str, Any]]:
    """The ticket's attachments once no file is PENDING any more."""

    async def probe() -> list[dict[str, Any]]:
        answer = await gql.execute(ATTACHMENTS, {"t": ticket["trackingId"]}, token=token)
        return list(answer.data["ticket"]["attachments"])

    return await eventually(probe, lambda rows: all(r["state"] != "PENDING" for r in rows))


async def _download(gql: GraphQLClient, url: str, token: str | None, **headers: str) -> Any:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await gql.http.get(url, headers=headers)


def _blobs() -> Path:
    return get_settings().data_dir / "attachments" / "blobs"


def _quarantine() -> Path:
    return get_settings().data_dir / "attachments" / "quarantine"


async def test_a_png_and_a_pdf_are_stored_and_downloadable_by_owner_and_agents_only(
    gql: GraphQLClient, customer_token: str, agent_token: str, other_customer_token: str
) -> None:
    # Given a customer's ticket
    ticket = await create_ticket(gql, customer_token)
    image, document = png(seed=1), pdf("a png and a pdf")

    # When the customer replies with a PNG and a PDF
    reply = await _reply(
        gql,
        ticket,
        customer_token,
        [("captura.png", image, "image/png"), ("factura.pdf", document, "application/pdf")],
    )

    # Then both are accepted as PENDING, then STORED by a worker with their sniffed type
    assert reply["__typename"] == "ReplyToTicketSuccess", reply
    assert [a["state"] for a in reply["reply"]["attachments"]] == ["PENDING", "PENDING"]
    stored = await _settled(gql, ticket, customer_token)
    assert [(a["name"], a["state"], a["contentType"], a["size"]) for a in stored] == [
        ("captura.png", "STORED", "image/png", len(image)),
        ("factura.pdf", "STORED", "application/pdf", len(document)),
    ]
    assert [a["sha256"] for a in stored] == [
        hashlib.sha256(image).hexdigest(),
        hashlib.sha256(document).hexdigest(),
    ]
    # And the owner and an agent download them, as attachments the browser must not sniff
    for token in (customer_token, agent_token):
        for row, content in zip(stored, (image, document), strict=True):
            response = await _download(gql, row["downloadUrl"], token)
            assert response.status_code == 200
            assert response.content == content
            assert response.headers["content-type"].startswith(row["contentType"])
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["content-disposition"].startswith(
                f'attachment; filename="{row["name"]}"'
            )
    # And another customer gets 404 for the same URL, and so does nobody without its signature
    bare = stored[0]["downloadUrl"].split("?")[0]
    for url, token in ((stored[0]["downloadUrl"], other_customer_token), (bare, None)):
        response = await _download(gql, url, token)
        assert response.status_code == 404
        assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # And each change of state is a ticket event the thread's readers see
    events = (await gql.execute(EVENTS, {"t": ticket["trackingId"]}, token=customer_token)).data
    changes = [e["after"] for e in events["ticket"]["events"] if e["kind"] == "ATTACHMENT_CHANGED"]
    assert [(c["name"], c["state"]) for c in changes[:2]] == [
        ("captura.png", "PENDING"),
        ("factura.pdf", "PENDING"),
    ]
    # (the worker may store either first)
    assert sorted((c["name"], c["state"]) for c in changes[2:]) == [
        ("captura.png", "STORED"),
        ("factura.pdf", "STORED"),
    ]


async def test_downloads_honour_byte_ranges(gql: GraphQLClient, customer_token: str) -> None:
    # Given a stored PDF
    ticket = await create_ticket(gql, customer_token)
    document = pdf("ranges " * 50)
    await _reply(gql, ticket, customer_token, [("manual.pdf", document, "application/pdf")])
    (row,) = await _settled(gql, ticket, customer_token)
    url, size = row["downloadUrl"], len(document)

    # When parts of it are asked for, then exactly those bytes come back (206)
    middle = await _download(gql, url, customer_token, Range="bytes=10-19")
    assert (middle.status_code, middle.content) == (206, document[10:20])
    assert middle.headers["content-range"] == f"bytes 10-19/{size}"
    tail = await _download(gql, url, customer_token, Range="bytes=-5")
    assert (tail.status_code, tail.content) == (206, document[-5:])
    rest = await _download(gql, url, customer_token, Range=f"bytes={size - 3}-")
    assert (rest.status_code, rest.content) == (206, document[-3:])
    # And HEAD tells the size without the bytes
    head = await gql.http.head(url, headers={"Authorization": f"Bearer {customer_token}"})
    assert (head.status_code, head.headers["content-length"], head.content) == (
        200,
        str(size),
        b"",
    )
    # And a range past the end is 416 with the real size
    beyond = await _download(gql, url, customer_token, Range=f"bytes={size}-")
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{size}"
    # And a range for another version of the file (If-Range) gets the whole file
    other = await _download(gql, url, customer_token, Range="bytes=0-3", **{"If-Range": '"x"'})
    assert (other.status_code, other.content) == (200, document)


async def test_create_ticket_takes_attachments_in_the_same_request(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given the create-ticket input a customer fills in
    from tests.factories import category_id, own_service_id

    variables = {
        "input": {
            "subject": "Error 500 al entrar al panel",
            "message": "Adjunto la captura del error.",
            "categoryId": await category_id(gql, "dns_configuration"),
            "serviceId": await own_service_id(gql, customer_token),
        }
    }
    # When it is sent with a screenshot
    answer = await upload(
        gql,
        CREATE_WITH_FILES,
        variables,
        [("error.png", png(seed=2), "image/png")],
        token=customer_token,
    )

    # Then the ticket is opened with it, and agents see it stored
    created = answer.data["createTicket"]
    assert created["__typename"] == "CreateTicketSuccess", created
    ticket = created["ticket"]
    # (stored already, when the worker was quicker than the answer)
    [attached] = ticket["attachments"]
    assert attached["name"] == "error.png" and attached["state"] in ("PENDING", "STORED")
    stored = await _settled(gql, ticket, agent_token)
    assert [(a["name"], a["state"]) for a in stored] == [("error.png", "STORED")]


async def test_an_executable_renamed_png_is_rejected_and_traversal_names_are_neutralised(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket, and the files already stored
    ticket = await create_ticket(gql, customer_token)
    before = files_under(_blobs())

    # When a program is sent as a PNG, and a text file under a path-traversal name
    log = b"2026-11-23 10:00 ERROR connection refused\n"
    reply = await _reply(
        gql,
        ticket,
        customer_token,
        [
            ("captura.png", EXECUTABLE, "image/png"),
            ("../../etc/passwd", log, "text/plain"),
            ("..\\..\\windows\\system.ini", b"[boot]\n", "text/plain"),
        ],
    )

    # Then the names are only display names, without any path
    names = [a["name"] for a in reply["reply"]["attachments"]]
    assert names == ["captura.png", "passwd", "system.ini"]
    settled = await _settled(gql, ticket, customer_token)
    # And the program is rejected with a reason the uploader reads, and never stored
    program, passwd, ini = settled
    assert (program["state"], program["downloadUrl"], program["sha256"]) == (
        "REJECTED",
        None,
        None,
    )
    assert "This type of file is not accepted" in program["rejectionReason"]
    assert "Este tipo de archivo no se admite" in program["rejectionReason"]
    # And the text files are stored as text, named after their sniffed type
    assert (passwd["state"], passwd["contentType"], passwd["name"]) == (
        "STORED",
        "text/plain",
        "passwd.txt",
    )
    assert (ini["state"], ini["name"]) == ("STORED", "system.ini")
    # And the only new stored files are named by their content's sha256, inside storage
    added = files_under(_blobs()) - before
    assert {path.name for path in added} <= {
        hashlib.sha256(log).hexdigest(),
        hashlib.sha256(b"[boot]\n").hexdigest(),
    }
    assert hashlib.sha256(EXECUTABLE).hexdigest() not in {p.name for p in files_under(_blobs())}


async def test_an_upload_over_the_limit_is_refused_and_leaves_nothing_on_disk(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket, and what the quarantine and storage hold
    ticket = await create_ticket(gql, customer_token)
    before = (files_under(_quarantine()), files_under(_blobs()), await row_counts())
    limit = get_settings().attachment_max_file_bytes

    # When a file one byte over the per-file limit is sent with a good one
    reply = await _reply(
        gql,
        ticket,
        customer_token,
        [("ok.png", png(seed=3), "image/png"), ("big.log", b"x" * (limit + 1), "text/plain")],
    )

    # Then the reply is refused with FILE_TOO_LARGE, naming the limit
    assert reply["__typename"] == "FileTooLargeError", reply
    assert (reply["code"], reply["field"], reply["maxBytes"]) == (
        "FILE_TOO_LARGE",
        "attachments",
        limit,
    )
    assert "Each file can be at most 25 MB" in reply["message"]
    # And nothing was kept: no message, no event, no file in quarantine or storage
    after = (files_under(_quarantine()), files_under(_blobs()), await row_counts())
    assert after == before


async def test_identical_files_are_stored_once(
    gql: GraphQLClient, customer_token: str, other_customer_token: str
) -> None:
    # Given two customers' tickets
    first = await create_ticket(gql, customer_token)
    second = await create_ticket(gql, other_customer_token)
    content = pdf("the same terms and conditions")
    key = hashlib.sha256(content).hexdigest()

    # When both attach the same file, one of them twice
    await _reply(gql, first, customer_token, [("terms.pdf", content, "application/pdf")] * 2)
    await _reply(gql, second, other_customer_token, [("tyc.pdf", content, "application/pdf")])

    # Then every attachment is stored, and the bytes once
    rows = await _settled(gql, first, customer_token) + await _settled(
        gql, second, other_customer_token
    )
    assert [(r["state"], r["sha256"]) for r in rows] == [("STORED", key)] * 3
    assert [p for p in files_under(_blobs()) if p.name == key] == [
        _blobs() / key[:2] / key[2:4] / key
    ]
    # And each customer still downloads only through their own ticket
    response = await _download(gql, rows[2]["downloadUrl"], customer_token)
    assert response.status_code == 404


async def test_an_internal_notes_files_never_reach_the_customer_nor_a_guest(
    gql: GraphQLClient, customer_token: str, agent_token: str, reset_rate_limits: None
) -> None:
    # Given an agent's internal note with a file on a customer's ticket
    ticket = await create_ticket(gql, customer_token)
    note = await _reply(
        gql,
        ticket,
        agent_token,
        [("diagnostico.txt", b"root cause: disk\n", "text/plain")],
        internal=True,
    )
    assert note["__typename"] == "ReplyToTicketSuccess", note
    (stored,) = await _settled(gql, ticket, agent_token)
    assert stored["state"] == "STORED"
    # And a guest pass to the same ticket, whose holder adds a file of their own
    granted = await gql.execute(
        "mutation($t: String!, $e: String!) { guestAccess(trackingId: $t, email: $e) {"
        " __typename ... on LoginSuccess { token } } }",
        {"t": ticket["trackingId"], "e": "cliente1001@example.com"},
    )
    guest_token = granted.data["guestAccess"]["token"]
    added = await _reply(gql, ticket, guest_token, [("foto.png", png(seed=5), "image/png")])
    assert added["__typename"] == "ReplyToTicketSuccess", added

    # Then the customer and the guest see only the public file, and no event of the note's
    for token in (customer_token, guest_token):
        visible = await _settled(gql, ticket, token)
        assert [(a["name"], a["state"]) for a in visible] == [("foto.png", "STORED")]
        assert (await _download(gql, visible[0]["downloadUrl"], token)).status_code == 200
        events = (await gql.execute(EVENTS, {"t": ticket["trackingId"]}, token=token)).data
        names = {
            e["after"]["name"]
            for e in events["ticket"]["events"]
            if e["after"] and e["kind"] == "ATTACHMENT_CHANGED"
        }
        assert names == {"foto.png"}
        # And the note's file answers 404 to them, 200 to the agent
        assert (await _download(gql, stored["downloadUrl"], token)).status_code == 404
    assert (await _download(gql, stored["downloadUrl"], agent_token)).status_code == 200


async def test_multipart_requests_need_a_token_and_a_consistent_map(
    gql: GraphQLClient, customer_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    before = files_under(_quarantine())
    variables = {"input": {"ticketId": ticket["id"], "message": "x"}}
    files = [("a.png", png(seed=4), "image/png")]

    # A multipart request without a bearer token is refused before it is read (CSRF)
    anonymous = await upload(gql, REPLY_WITH_FILES, variables, files, token=None)
    assert (anonymous.status, anonymous.error_codes) == (401, ["UNAUTHENTICATED"])
    # A map pointing at a path the operations lack is a clear 400, not a 500
    wrong = await upload(
        gql, REPLY_WITH_FILES, variables, files, token=customer_token, input_field="nothing.deep"
    )
    assert wrong.status == 400
    # A file where the operations expect none, sent as JSON, is a typed error
    as_json = await gql.execute(
        REPLY_WITH_FILES,
        {"input": {**variables["input"], "attachments": ["not a file"]}},
        token=customer_token,
    )
    assert as_json.data["replyToTicket"]["code"] == "VALIDATION"
    # Too many files, a broken body, or a part header past 8 KB are clear 400s
    limit = get_settings().attachment_max_files
    too_many = await upload(
        gql, REPLY_WITH_FILES, variables, files * (limit + 1), token=customer_token
    )
    assert too_many.status == 400
    auth = {"Authorization": f"Bearer {customer_token}"}
    for body in (
        b"--b\r\nnot a part at all\r\n\r\n",
        b'--b\r\nContent-Disposition: form-data; name="x' + b"x" * 9000 + b'"\r\n\r\n',
    ):
        broken = await gql.http.post(
            "/graphql",
            content=body,
            headers={**auth, "Content-Type": "multipart/form-data; boundary=b"},
        )
        assert broken.status_code == 400, broken.text
    # And none of these left a file behind
    assert files_under(_quarantine()) == before


async def test_other_producers_attach_files_through_the_same_pipeline(
    in_process_server: str, gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket, and a file another producer (the email worker) holds in memory
    from domain.attachments.pipeline import accept_attachment
    from domain.models import Message, Ticket
    from domain.uow import unit_of_work

    created = await create_ticket(gql, customer_token)
    ticket = await Ticket.get(tracking_id=created["trackingId"])
    message = await Message.filter(ticket_id=ticket.id).first()
    assert message is not None

    # When it hands the file over as bytes with an untrusted name
    async with unit_of_work() as uow:
        await accept_attachment(
            uow,
            ticket=ticket,
            message=message,
            name="../factura.pdf",
            declared_type="application/octet-stream",
            source=pdf("from an email"),
        )

    # Then the worker stores it like an upload, and its owner sees it
    (row,) = await _settled(gql, created, customer_token)
    assert (row["name"], row["state"], row["contentType"]) == (
        "factura.pdf",
        "STORED",
        "application/pdf",
    )
