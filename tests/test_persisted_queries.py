"""Automatic persisted queries: a document registered once runs by its sha256 alone."""

from __future__ import annotations

import hashlib
import json
import secrets

from tests.graphql_client import GraphQLClient


def _persisted(digest: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


async def test_a_query_runs_by_its_hash_once_registered(gql: GraphQLClient) -> None:
    # Given a document no client sent before (unique, so every run starts unregistered)
    document = f"query Departments{secrets.token_hex(4)} {{ departments {{ code }} }}"
    digest = hashlib.sha256(document.encode()).hexdigest()

    # When a client sends only its hash, it is told to send the document
    unknown = await gql.http.post("/graphql", json={"extensions": _persisted(digest)})
    assert unknown.status_code == 200
    assert unknown.json()["errors"] == [
        {
            "message": "PersistedQueryNotFound",
            "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
        }
    ]

    # When it sends the document with its hash, it runs and is kept
    registered = await gql.http.post(
        "/graphql", json={"query": document, "extensions": _persisted(digest)}
    )
    assert registered.json()["data"]["departments"]

    # Then the hash alone runs it, over POST and over GET
    by_post = await gql.http.post("/graphql", json={"extensions": _persisted(digest)})
    assert by_post.json()["data"] == registered.json()["data"]
    by_get = await gql.http.get("/graphql", params={"extensions": json.dumps(_persisted(digest))})
    assert by_get.status_code == 200
    assert by_get.json()["data"] == registered.json()["data"]


async def test_a_hash_that_does_not_match_its_document_is_refused(gql: GraphQLClient) -> None:
    wrong = hashlib.sha256(b"something else").hexdigest()
    response = await gql.http.post(
        "/graphql", json={"query": "{ departments { code } }", "extensions": _persisted(wrong)}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "provided sha does not match query"

    # And the wrong hash was not registered for that document
    again = await gql.http.post("/graphql", json={"extensions": _persisted(wrong)})
    assert again.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_the_in_process_store_is_bounded() -> None:
    from api.http.persisted import InProcessQueryStore

    store = InProcessQueryStore(size=2)
    for name in ("a", "b", "c"):
        await store.put(name, f"query {{ {name} }}")
    assert await store.get("a") is None
    assert await store.get("c") == "query { c }"
