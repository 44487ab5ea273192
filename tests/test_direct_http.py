"""A JSON POST to /graphql is answered by api.http.direct as Strawberry's view answers it: the
same requests, sent both ways over real HTTP, get the same status, headers and body bytes
(successes, every kind of request error, persisted queries, both media types)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx

from api.http import direct

PAGE = "{ tickets(first: 3) { edges { node { trackingId subject status } } } }"
KNOWN = "query Known { __typename }"
KNOWN_HASH = hashlib.sha256(KNOWN.encode()).hexdigest()
CREATE = """mutation($input: CreateTicketInput!) {
  createTicket(input: $input) { __typename ... on UserError { code field message } } }"""

JSON_TYPE = {"content-type": "application/json"}
STRICT = {"accept": "application/graphql-response+json"}

# (what the request is, its body, its extra headers, whether the direct path takes it)
REQUESTS: list[tuple[str, Any, dict[str, str], bool]] = [
    ("the floor", {"query": "mutation { __typename }"}, {}, True),
    ("a page", {"query": PAGE}, {}, True),
    ("a page, strict media type", {"query": PAGE}, STRICT, True),
    (
        "variables",
        {"query": "query($t: String!) { ticket(trackingId: $t) { id } }", "variables": {"t": "X"}},
        {},
        True,
    ),
    ("a syntax error", {"query": "{ tickets("}, {}, True),
    ("a syntax error, strict media type", {"query": "{ tickets("}, STRICT, True),
    ("an unknown field", {"query": "{ nothing }"}, {}, True),
    ("an unknown field, strict media type", {"query": "{ nothing }"}, STRICT, True),
    (
        "a variable of the wrong type",
        {"query": "query($n: Int!) { tickets(first: $n) { totalCount } }", "variables": {"n": "x"}},
        {},
        True,
    ),
    (
        "a missing variable",
        {"query": "query($n: Int!) { tickets(first: $n) { totalCount } }"},
        {},
        True,
    ),
    (
        "two operations, no name",
        {"query": "query A { __typename } query B { __typename }"},
        {},
        True,
    ),
    (
        "an unknown operation name",
        {"query": "query A { __typename }", "operationName": "B"},
        {},
        True,
    ),
    ("introspection", {"query": "{ __schema { queryType { name } } }"}, {}, True),
    ("a subscription over POST", {"query": "subscription { ticketUpdated { id } }"}, {}, True),
    (
        "a refused mutation",
        {
            "query": CREATE,
            "variables": {"input": {"subject": " ", "message": "", "categoryId": "x"}},
        },
        {},
        True,
    ),
    (
        "a persisted query not yet known",
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}},
        {},
        True,
    ),
    (
        "a persisted query with its document",
        {
            "query": KNOWN,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": KNOWN_HASH}},
        },
        {},
        True,
    ),
    (
        "a persisted query by its hash",
        {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": KNOWN_HASH}}},
        {},
        True,
    ),
    (
        "a hash that does not match",
        {"query": PAGE, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": KNOWN_HASH}}},
        {},
        True,
    ),
    ("an unknown extension", {"query": KNOWN, "extensions": {"tracing": True}}, {}, True),
    (
        "JSON with a charset",
        {"query": KNOWN},
        {"content-type": "application/json; charset=utf-8"},
        True,
    ),
    # Left to the view: it refuses them, or handles them itself.
    ("no document", {"query": None}, {}, False),
    ("a document that is not a string", {"query": 5}, {}, False),
    ("variables that are not an object", {"query": KNOWN, "variables": [1]}, {}, False),
    ("extensions that are not an object", {"query": KNOWN, "extensions": "x"}, {}, False),
    ("a batch", [{"query": KNOWN}, {"query": PAGE}], {}, False),
    ("a JSON string", "query", {}, False),
    ("a streaming Accept", {"query": KNOWN}, {"accept": "multipart/mixed"}, False),
    (
        "a form",
        b"query=%7B__typename%7D",
        {"content-type": "application/x-www-form-urlencoded"},
        False,
    ),
    ("a body that is not JSON", b'{"query": ', {}, False),  # refused by the same parse
]


def _content(body: Any) -> bytes:
    return body if isinstance(body, bytes) else json.dumps(body).encode()


def _compared(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in ("date", "x-request-id")
    ]
    return response.status_code, headers, response.content


async def _both_ways(
    client: httpx.AsyncClient, content: bytes, headers: dict[str, str]
) -> tuple[Any, Any, int]:
    before = direct.answered
    answered = await client.post("/graphql", content=content, headers=headers)
    taken = direct.answered - before
    direct.enabled = False
    try:
        viewed = await client.post("/graphql", content=content, headers=headers)
    finally:
        direct.enabled = True
    return _compared(answered), _compared(viewed), taken


async def test_the_direct_path_answers_as_the_view_does(
    in_process_server: str, customer_token: str
) -> None:
    assert direct.enabled
    bearer = {"authorization": f"Bearer {customer_token}"}
    async with httpx.AsyncClient(base_url=in_process_server) as client:
        for viewer, auth in (("anonymous", {}), ("a customer", bearer)):
            for label, body, extra, takes in REQUESTS:
                # When the same request is sent through the direct path, then through the view
                headers = {**JSON_TYPE, **auth, **extra}
                answered, viewed, taken = await _both_ways(client, _content(body), headers)
                # Then both get the same bytes, and the direct path took what it takes
                assert answered == viewed, f"{label}, {viewer}"
                assert taken == int(takes), f"{label}, {viewer}: taken {taken}"
