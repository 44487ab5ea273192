"""The committed SDL matches the code, and production hides unexpected errors."""

from __future__ import annotations

from pathlib import Path

from api.schema import build_schema, schema

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", "run `mesa export-schema` and commit the result"


def test_the_api_contract_names_are_present() -> None:
    sdl = schema.as_str()
    for name in (
        "node(id: ID!): Node",
        "viewer: Viewer",
        "ticket(trackingId: String!): Ticket",
        "login(clientNumber: String!, password: String!): LoginResult!",
        "agentLogin(email: String!, password: String!): LoginResult!",
        "createTicket(input: CreateTicketInput!): CreateTicketResult!",
        "replyToTicket(input: ReplyToTicketInput!): ReplyToTicketResult!",
        "triageTicket(input: TriageTicketInput!): TriageTicketResult!",
        "assignTicket(input: AssignTicketInput!): AssignTicketResult!",
        "resolveTicket(ticketId: ID!): ResolveTicketResult!",
        "closeTicket(ticketId: ID!): CloseTicketResult!",
        "reopenTicket(ticketId: ID!, message: String = null): ReopenTicketResult!",
        "interface UserError",
        "enum Impact",
        "enum TicketStatus",
        "enum Channel",
    ):
        assert name in sdl, name


async def test_unexpected_errors_are_masked_in_production_only() -> None:
    # A resolver given no context fails with an AttributeError: a bug, not a client error.
    query = "{ tickets { edges { node { id } } } }"
    production = await build_schema(production=True).execute(query, context_value=None)
    development = await build_schema(production=False).execute(query, context_value=None)

    assert production.errors is not None and development.errors is not None
    assert [e.message for e in production.errors] == ["Unexpected error."]
    assert "NoneType" in development.errors[0].message
