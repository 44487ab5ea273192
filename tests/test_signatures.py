"""Signatures (issue 19, point 11): each agent's own and each department's, in Spanish and
English, appended to the mail that carries an agent's reply (the recipient's language, the
agent's first), placeholders filled in as plain text; the stored reply stays as written."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.models import AuditEntry, Department, Message, Staff, Ticket
from tests.email_support import Captured, drain, mail, mesa_smtpd, processed, relay, send
from tests.factories import department_id
from tests.graphql_client import GraphQLClient
from tests.test_guest_tickets import create, fresh_limits, guest_input  # noqa: F401
from tests.test_live_updates import reply

SAVE = """
mutation($input: SaveSignatureInput!) {
  saveSignature(input: $input) {
    __typename
    ... on SaveSignatureSuccess {
      staff { name signatureEs signatureEn }
      department { code signatureEs signatureEn }
    }
    ... on UserError { code message field }
  }
}"""
AGENT_ES = "Un saludo,\n{{ agent_name }} <b>Soporte</b>"
AGENT_EN = "Kind regards,\n{{agent_name}}"
DEPARTMENT_ES = "{{ department_name }} · Mesa de ayuda"
DEPARTMENT_EN = "{{ department_name }} · Mesa help desk"


@pytest.fixture
async def desk(mail_delivery: Path) -> AsyncIterator[tuple[int, Captured]]:
    with relay() as captured:
        async with mesa_smtpd() as port:
            yield port, captured
            await drain()


@pytest.fixture
async def signed(
    gql: GraphQLClient, agent_token: str, admin_token: str
) -> AsyncIterator[dict[str, Any]]:
    """The agent's and Technical Support's signatures, removed afterwards."""
    tech = await department_id(gql, "TECH")
    own = await save(gql, agent_token, bodyEs=AGENT_ES, bodyEn=AGENT_EN)
    department = await save(
        gql, admin_token, bodyEs=DEPARTMENT_ES, bodyEn=DEPARTMENT_EN, departmentId=tech
    )
    yield {"own": own, "department": department}
    await save(gql, agent_token, bodyEs="", bodyEn="")
    await save(gql, admin_token, bodyEs="", bodyEn="", departmentId=tech)


async def save(gql: GraphQLClient, token: str, **input: Any) -> Any:
    return (await gql.execute(SAVE, {"input": input}, token=token)).data["saveSignature"]


def _text(message: Any) -> str:
    return str(message.get_body(("plain",)).get_content()).replace("\r\n", "\n")


async def test_replies_by_mail_carry_the_agent_s_then_the_department_s_signature(
    desk: tuple[int, Captured],
    gql: GraphQLClient,
    agent_token: str,
    signed: dict[str, Any],
    fresh_limits: None,  # noqa: F811
) -> None:
    port, captured = desk
    agent = await Staff.get(email="agent@mesa.example")
    # Given the signatures were saved as written
    assert signed["own"]["staff"] == {
        "name": agent.name,
        "signatureEs": AGENT_ES,
        "signatureEn": AGENT_EN,
    }
    assert signed["department"]["department"]["signatureEs"] == DEPARTMENT_ES
    # and a Spanish requester by mail and an English one on the web
    spanish = f"marta-{uuid.uuid4().hex[:6]}@client.example"
    first = mail(spanish, "No llegan mis correos", "Desde ayer no recibo nada.")
    await send(port, first)
    ticket = await Ticket.get(id=(await processed(first["Message-ID"])).ticket_id)
    english = f"val-{uuid.uuid4().hex[:6]}@example.org"
    created = await create(gql, await guest_input(gql, english))
    assert created["__typename"] == "CreateTicketSuccess", created

    # When the agent replies to both
    await reply(gql, agent_token, encode_id("Ticket", ticket.id), "Revise su filtro de spam.")
    await reply(gql, agent_token, created["ticket"]["id"], "Please reset your password.")

    # Then each mail ends its reply with the signatures in the requester's language
    _, to_marta = await captured.wait_for(spanish, count=2)
    assert (
        "Revise su filtro de spam.\n\n-- \n"
        f"Un saludo,\n{agent.name} <b>Soporte</b>\n\nSoporte Técnico · Mesa de ayuda\n\n"
    ) in _text(to_marta)
    _, to_val = await captured.wait_for(english, count=2)
    assert (
        "Please reset your password.\n\n-- \n"
        f"Kind regards,\n{agent.name}\n\nTechnical Support · Mesa help desk\n\n"
    ) in _text(to_val)
    # and the HTML part shows the signature's markup as text, never as markup
    html = str(to_marta.get_body(("html",)).get_content())
    assert "&lt;b&gt;Soporte&lt;/b&gt;" in html and "<b>Soporte</b>" not in html
    # and the stored replies are what the agent wrote
    stored = await Message.filter(ticket_id=ticket.id).order_by("-id").first()
    assert stored is not None and stored.body == "Revise su filtro de spam."


async def test_only_admins_sign_for_a_department_and_bad_signatures_change_nothing(
    gql: GraphQLClient, agent_token: str, admin_token: str
) -> None:
    tech = await department_id(gql, "TECH")
    before = await Department.get(code="TECH")
    entries = await AuditEntry.all().count()

    by_agent = await save(gql, agent_token, bodyEs="x", bodyEn="x", departmentId=tech)
    unknown = await save(gql, agent_token, bodyEs="{{ customer_password }}", bodyEn="")
    too_long = await save(gql, agent_token, bodyEs="x" * 2001, bodyEn="")
    nowhere = await save(
        gql, admin_token, bodyEs="x", bodyEn="x", departmentId=encode_id("Department", 10**6)
    )

    assert (by_agent["code"], by_agent["field"]) == ("NOT_ALLOWED", "departmentId")
    assert (unknown["code"], unknown["field"]) == ("VALIDATION", "bodyEs")
    assert (too_long["code"], too_long["field"]) == ("VALIDATION", "bodyEs")
    assert (nowhere["code"], nowhere["field"]) == ("NOT_FOUND", "departmentId")
    after = await Department.get(code="TECH")
    assert (after.signature_es, after.signature_en) == (before.signature_es, before.signature_en)
    assert await AuditEntry.all().count() == entries
