"""The committed SDL matches the code, and production hides unexpected errors."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import (
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLUnionType,
    parse,
    validate,
)

from api.schema import build_schema, schema

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", "run `mesa export-schema` and commit the result"


def test_committed_possible_types_match_the_schema() -> None:
    from api.core.schema import possible_types
    from mesa.cli import possible_types_json

    committed = (ROOT / "possible-types.json").read_text(encoding="utf-8")
    found = possible_types(schema)

    assert committed == possible_types_json(found), "run `mesa export-schema` and commit it"
    assert "ReplyToTicketSuccess" in found["ReplyToTicketResult"]
    assert "Ticket" in found["Node"] and "ValidationError" in found["UserError"]


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
        "resolveTicket(ticketId: ID!, expectedUpdatedAt: DateTime = null): ResolveTicketResult!",
        "closeTicket(ticketId: ID!, expectedUpdatedAt: DateTime = null): CloseTicketResult!",
        "reopenTicket(ticketId: ID!, message: String = null, expectedUpdatedAt: DateTime = null): "
        "ReopenTicketResult!",
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


def _input_names() -> set[str]:
    """Every argument and input field name of the schema: what a client sent."""
    names: set[str] = set()
    for named in schema._schema.type_map.values():
        if isinstance(named, GraphQLInputObjectType):
            names.update(named.fields)
        if isinstance(named, GraphQLObjectType):
            for definition in named.fields.values():
                names.update(definition.args)
    return names


def test_every_error_field_names_a_graphql_input() -> None:
    # `field` tells a form which input to mark: it must be the name the client sent.
    literal = re.compile(r"""\bfield=["']([^"']+)["']""")
    named = {
        (str(path.relative_to(ROOT)), name)
        for package in ("domain", "api")
        for path in (ROOT / package).rglob("*.py")
        for name in literal.findall(path.read_text(encoding="utf-8"))
    }
    inputs = _input_names()

    assert len(named) > 50
    unknown = [
        (path, name) for path, name in named if not set(name.split(".")) <= inputs
    ]  # a nested input's field is named by its path: `guest.email`
    assert sorted(unknown) == []


def _conflicts_in_result_unions() -> list[str]:
    """Fields of one response name with different types across a `*Result` union's members:
    a client selecting the success and `... on UserError { code message field }` together
    gets a validation error (the fields cannot be merged)."""
    graphql_schema = schema._schema
    conflicts = []
    for union in graphql_schema.type_map.values():
        if not isinstance(union, GraphQLUnionType) or not union.name.endswith("Result"):
            continue
        seen: dict[str, tuple[str, str]] = {}
        for member in union.types:
            assert isinstance(member, GraphQLObjectType)
            for name, definition in member.fields.items():
                shape = str(definition.type)
                first = seen.setdefault(name, (member.name, shape))
                if first[1] != shape:
                    conflicts.append(
                        f"{union.name}: {first[0]}.{name}: {first[1]} vs {member.name}.{name}: "
                        f"{shape}"
                    )
    return conflicts


def test_no_success_field_conflicts_with_an_error_field() -> None:
    assert _conflicts_in_result_unions() == []


def test_the_documented_error_selection_validates_next_to_each_success() -> None:
    document = parse("""
    mutation {
      replyToTicket(input: {ticketId: "x", message: "m"}) {
        ... on ReplyToTicketSuccess { ticket { id } reply { id body } }
        ... on UserError { code message field }
      }
      logContact(input: {ticketId: "x", channel: PHONE, summary: "s"}) {
        ... on LogContactSuccess { ticket { id } contact { id body } }
        ... on UserError { code message field }
      }
    }""")
    assert [error.message for error in validate(schema._schema, document)] == []
