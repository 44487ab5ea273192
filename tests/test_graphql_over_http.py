"""GraphQL over HTTP: the graphql-http audits (run with node when present), content
negotiation, status codes, and queries only over GET."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.factories import row_counts
from tests.graphql_client import GraphQLClient

ROOT = Path(__file__).resolve().parent.parent
AUDIT_SCRIPT = Path(__file__).parent / "audit" / "graphql_http_audit.mjs"
# An ignored folder: npm installs the audit package there once, then reuses it.
NPM_CACHE = ROOT / "var" / "npm"
PACKAGES = ("graphql-http@1.23.1", "graphql@16")
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _audit_runner() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for the graphql-http audit")
    if not (NPM_CACHE / "node_modules" / "graphql-http").is_dir():
        NPM_CACHE.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(NPM_CACHE),
                *PACKAGES,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if installed.returncode != 0:
            pytest.skip(f"npm could not install graphql-http: {installed.stderr[-500:]}")
    runner = NPM_CACHE / "audit.mjs"  # beside node_modules, where node resolves the import
    shutil.copyfile(AUDIT_SCRIPT, runner)
    return runner


async def test_the_graphql_http_audit_reports_no_must_failure(server: str) -> None:
    runner = _audit_runner()
    # Not blocking: the embedded server answers on this test's event loop.
    node = await asyncio.create_subprocess_exec(
        "node", str(runner), f"{server}/graphql", stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await asyncio.wait_for(node.communicate(), timeout=120)
    assert node.returncode == 0
    results = json.loads(stdout)
    assert len(results) > 40  # the audits really ran
    failed_musts = [r for r in results if r["name"].startswith("MUST") and r["status"] != "ok"]
    assert failed_musts == []
    # The SHOULDs pass too
    assert [r for r in results if r["status"] != "ok"] == []


async def test_content_negotiation_picks_the_media_type(gql: GraphQLClient) -> None:
    query = {"query": "{ departments { code } }"}
    for accept, expected in (
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        (f"application/json;q=0.5, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.2", "application/json"),
    ):
        response = await gql.http.post("/graphql", json=query, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == expected, accept
        assert response.json()["data"]["departments"]

    refused = await gql.http.post("/graphql", json=query, headers={"Accept": "text/csv"})
    assert refused.status_code == 406
    assert refused.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


async def test_request_errors_are_4xx_without_data_in_the_graphql_response_type(
    gql: GraphQLClient,
) -> None:
    headers = {"Accept": GRAPHQL_RESPONSE}
    for document in (
        "{ departments { nope } }",
        "{ departments {",
        "{ tickets(first: 500) { edges { cursor } } }",
    ):
        response = await gql.http.post("/graphql", json={"query": document}, headers=headers)
        assert response.status_code == 400, document
        assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
        body = response.json()
        assert "data" not in body and body["errors"], document

        # While legacy application/json clients get 200 with data: null
        legacy = await gql.http.post("/graphql", json={"query": document})
        assert legacy.status_code == 200 and legacy.json()["data"] is None


async def test_get_runs_queries_only(gql: GraphQLClient, customer_token: str) -> None:
    # A query over GET works
    ok = await gql.http.get(
        "/graphql",
        params={"query": "{ departments { code } }"},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert ok.status_code == 200 and ok.json()["data"]["departments"]

    # A mutation over GET is 405 with Allow: POST, and does nothing
    before = await row_counts()
    mutation = "mutation { logout { __typename } }"
    refused = await gql.http.get(
        "/graphql",
        params={"query": mutation},
        headers={"Accept": GRAPHQL_RESPONSE, "Authorization": f"Bearer {customer_token}"},
    )
    assert refused.status_code == 405
    assert refused.headers["allow"] == "POST"
    assert refused.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert await row_counts() == before


async def test_a_body_that_is_not_json_is_415(gql: GraphQLClient) -> None:
    response = await gql.http.post(
        "/graphql", content=b"{ departments { code } }", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
