"""A mutation's result is completed by its compiled plan (api.core.compiled), answering byte
for byte as graphql-core's completion of the same value, with the resolver run once.

In differential mode (on in the suite, see tests/conftest.py) each result is completed both
ways and compared: here the bench's mutations, richer selections, error members and
Hypothesis-generated selections over the results of createTicket and replyToTicket, as a
customer and as an agent. A completion the plan gives up on is graphql-core's: the same body
as with compiled execution off, and the mutation's write done once.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLNamedType
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.core import compiled
from api.schema import schema
from bench.api_requests import CREATE, REPLY
from domain.models import CannedResponse
from tests.factories import create_ticket, ticket_input
from tests.graphql_client import GraphQLClient
from tests.test_compiled import selections

pytestmark = [pytest.mark.usefixtures("reset_rate_limits")]

RICH_CREATE = """
mutation($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ... on CreateTicketSuccess {
      awaitingConfirmation
      ticket {
        id trackingId subject status priority createdAt
        customer { name } department { name } category { name }
        messages { body authorKind createdAt }
        events { kind actorName }
        sla { firstResponseDueAt }
        viewerCan { reply close }
      }
    }
    ... on ValidationError { code message field }
  }
}"""
REPLY_AS_AGENT = """
mutation($input: ReplyToTicketInput!) {
  first: replyToTicket(input: $input) {
    __typename
    ... on ReplyToTicketSuccess {
      reply { body internal authorKind }
      ticket { status messages { body } }
    }
  }
  again: replyToTicket(input: $input) { __typename ... on ReplyToTicketSuccess { reply { body } } }
}"""
SAVE_CANNED = """
mutation($input: SaveCannedResponseInput!) {
  saveCannedResponse(input: $input) {
    __typename
    ... on SaveCannedResponseSuccess { cannedResponse { personal rendered(ticketId: "not-an-id") } }
  }
}"""


@pytest.fixture
def differential(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(compiled.DIFFERENTIAL_ENV, "1")
    compiled.enabled = True
    yield
    compiled.enabled = True


async def _send(
    gql: GraphQLClient, query: str, variables: dict[str, Any], token: str
) -> tuple[dict[str, Any], list[str]]:
    """The response's JSON and the compiled path's outcomes for it."""
    before = compiled.stats.copy()
    response = await gql.http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    outcomes = sorted((compiled.stats - before).elements())
    return response.json(), outcomes


async def test_mutations_results_are_completed_by_their_plans_as_graphql_core_does(
    in_process_server: str,
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    differential: None,
) -> None:
    # When the bench's create and a richer one are sent (both completions compared)
    new = await ticket_input(gql, customer_token)
    for query in (CREATE, RICH_CREATE):
        body, outcomes = await _send(gql, query, {"input": new}, customer_token)
        # Then the plan completed the result, as graphql-core did the same value
        assert "errors" not in body, body
        assert body["data"]["createTicket"]["__typename"] == "CreateTicketSuccess"
        assert outcomes == ["compiled"], outcomes
    ticket_id = body["data"]["createTicket"]["ticket"]["id"]

    # and so is an error member of the result's union
    body, outcomes = await _send(
        gql, RICH_CREATE, {"input": {**new, "subject": " "}}, customer_token
    )
    assert body["data"]["createTicket"]["__typename"] == "ValidationError", body
    assert outcomes == ["compiled"]

    # and each root field of a mutation, in order, aliased
    reply = {"ticketId": ticket_id, "message": "Respuesta / Reply"}
    body, outcomes = await _send(gql, REPLY_AS_AGENT, {"input": reply}, agent_token)
    assert "errors" not in body, body
    assert body["data"]["first"]["__typename"] == "ReplyToTicketSuccess", body
    assert body["data"]["again"]["reply"]["body"] == "Respuesta / Reply"
    assert len(body["data"]["first"]["ticket"]["messages"]) == 2  # the first reply's thread
    assert outcomes == ["compiled", "compiled"]

    # and the bench's reply and a mutation's own __typename
    body, outcomes = await _send(gql, REPLY, {"input": reply}, agent_token)
    assert body["data"] == {"replyToTicket": {"__typename": "ReplyToTicketSuccess"}}, body
    assert outcomes == ["compiled"]
    body, outcomes = await _send(gql, "mutation Floor { a: __typename }", {}, agent_token)
    assert body["data"] == {"a": "Mutation"} and outcomes == ["compiled"], body


async def test_a_result_the_plan_gives_up_on_is_graphql_cores_and_written_once(
    in_process_server: str,
    gql: GraphQLClient,
    agent_token: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(compiled.DIFFERENTIAL_ENV, raising=False)
    variables = {"input": {"title": "Plan", "bodyEs": "Hola", "bodyEn": "Hi", "personal": True}}
    bodies = []
    for on in (True, False):
        compiled.enabled = on
        before = await CannedResponse.filter(title="Plan").count()
        body, outcomes = await _send(gql, SAVE_CANNED, variables, agent_token)
        compiled.enabled = True
        # Then the resolver ran once: one canned response more
        assert await CannedResponse.filter(title="Plan").count() == before + 1
        assert outcomes == (["fallback"] if on else []), outcomes
        bodies.append(body)
    # and the answer (the bad id's error, located) is graphql-core's, as with the plans off
    assert bodies[0] == bodies[1]
    assert bodies[0]["errors"][0]["path"] == ["saveCannedResponse", "cannedResponse", "rendered"]


def _result_type(field: str) -> GraphQLNamedType:
    mutation_type = schema._schema.mutation_type
    assert mutation_type is not None
    named = mutation_type.fields[field].type
    while hasattr(named, "of_type"):
        named = named.of_type
    return named  # type: ignore[no-any-return]


create_results = selections(_result_type("createTicket"), 2)
reply_results = selections(_result_type("replyToTicket"), 2)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(created=create_results, replied=reply_results, internal=st.booleans())
async def test_generated_selections_of_results_are_completed_the_same(
    in_process_server: str,
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    tally: Counter[str],
    created: str,
    replied: str,
    internal: bool,
) -> None:
    assert os.environ.get(compiled.DIFFERENTIAL_ENV) == "1"  # the suite's mode compares them
    create = (
        f"mutation($input: CreateTicketInput!) {{ createTicket(input: $input) {{ {created} }} }}"
    )
    new = await ticket_input(gql, customer_token)
    body, outcomes = await _send(gql, create, {"input": new}, customer_token)
    tally.update(_completed_by_the_plan(created, body, outcomes))
    ticket = await create_ticket(gql, customer_token)
    reply = (
        f"mutation($input: ReplyToTicketInput!) {{ replyToTicket(input: $input) {{ {replied} }} }}"
    )
    variables = {"input": {"ticketId": ticket["id"], "message": "Hola", "internal": internal}}
    body, outcomes = await _send(gql, reply, variables, agent_token)
    tally.update(_completed_by_the_plan(replied, body, outcomes))


def _completed_by_the_plan(selection: str, body: dict[str, Any], outcomes: list[str]) -> list[str]:
    codes = {error["extensions"]["code"] for error in body.get("errors", ())}
    if codes == {"GRAPHQL_VALIDATION_FAILED"}:
        assert outcomes == [], body  # aliases of fields that conflict: nothing ran
        return ["invalid"]
    assert outcomes in (["compiled"], ["fallback"]), (selection, outcomes, body)
    # whatever graphql-core completes without an error, the plan completes itself
    assert outcomes == ["compiled"] or "errors" in body, (selection, body)
    return outcomes


@pytest.fixture(scope="module")
def tally() -> Iterator[Counter[str]]:
    """The generated selections must mostly be completed by the plans (else an upgrade
    that made every plan give up would pass unnoticed)."""
    seen: Counter[str] = Counter()
    yield seen
    if seen:  # (nothing when only the distributed half ran: it skips)
        assert seen["compiled"] >= 30, seen


ROOTS = [
    # a bad id: a ValidationError member, for a customer and for nobody
    'mutation { replyToTicket(input: {ticketId: "not-an-id", message: "x"}) { __typename } }',
    # the same in the second of two root fields, after a first that answers
    'mutation { a: __typename b: replyToTicket(input: {ticketId: "bad", message: "x"}) '
    "{ __typename } }",
    # refusals (NotAllowedError members)
    'mutation { saveCannedResponse(input: {title: "T", bodyEs: "a", bodyEn: "b"}) { __typename } }',
    'mutation { markSpam(ticketId: "VGlja2V0OjE=") { __typename } }',
    "mutation { __typename t: __typename }",
]


@pytest.mark.parametrize("document", ROOTS)
async def test_a_mutations_root_fields_run_as_graphql_core_runs_them(
    in_process_server: str, gql: GraphQLClient, customer_token: str, document: str
) -> None:
    """Each root field by graphql-core's execute_field, in order, with the fields collected
    once (api.core.compiled `_mutation`): the same answers as graphql-core's own execution of
    the operation (its errors' paths and nulls: tests/test_compiled_mutation_roots.py)."""
    bodies = []
    for on in (True, False):
        compiled.enabled = on
        before = compiled.direct_mutations
        try:
            for token in (customer_token, None):
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                response = await gql.http.post(
                    "/graphql", json={"query": document}, headers=headers
                )
                assert response.status_code == 200, response.text
                bodies.append((on, token is None, response.json()))
        finally:
            compiled.enabled = True
        assert compiled.direct_mutations - before == (2 if on else 0)
    ours, theirs = bodies[:2], bodies[2:]
    assert [body for *_, body in ours] == [body for *_, body in theirs]
