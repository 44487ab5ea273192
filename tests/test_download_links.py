"""Files in a browser: a STORED attachment's `downloadUrl` is a short-lived signed link an
`<img src>` or `<a download>` can use without an Authorization header, bound to the file and
to the session it was made for; absolute when MESA_PUBLIC_URL is set."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.attachments.types import download_url
from api.core.ids import parse_global_id
from domain.attachments.links import open_signed_download, sign_download
from domain.clock import clock, utcnow
from domain.config import get_settings
from domain.errors import Unauthenticated
from domain.identity.viewer import Viewer, ViewerKind
from tests.conftest import LOGIN, token_for
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.test_attachments import _reply, _settled
from tests.uploads import png

pytestmark = pytest.mark.usefixtures("attachment_workers")


async def _stored_file(gql: GraphQLClient, token: str, seed: int) -> dict[str, Any]:
    ticket = await create_ticket(gql, token)
    replied = await _reply(gql, ticket, token, [("captura.png", png(seed=seed), "image/png")])
    assert replied["__typename"] == "ReplyToTicketSuccess", replied
    (stored,) = await _settled(gql, ticket, token)
    assert stored["state"] == "STORED"
    return stored


async def test_a_signed_link_downloads_without_a_header(
    gql: GraphQLClient, customer_token: str
) -> None:
    stored = await _stored_file(gql, customer_token, seed=61)

    response = await gql.http.get(stored["downloadUrl"])

    assert response.status_code == 200, response.text
    assert response.content == png(seed=61)
    assert response.headers["content-disposition"].startswith('attachment; filename="captura')


async def test_a_tampered_or_borrowed_signature_opens_nothing(
    gql: GraphQLClient, customer_token: str
) -> None:
    first = await _stored_file(gql, customer_token, seed=62)
    second = await _stored_file(gql, customer_token, seed=63)
    path, _, query = first["downloadUrl"].partition("?")
    other_path = second["downloadUrl"].partition("?")[0]

    # A character well inside the signature: the last one carries spare bits a decoder ignores
    at = len(query) - 8
    flipped = "A" if query[at] != "A" else "B"
    tampered = await gql.http.get(f"{path}?{query[:at]}{flipped}{query[at + 1 :]}")
    borrowed = await gql.http.get(f"{other_path}?{query}")

    assert tampered.status_code == borrowed.status_code == 404
    assert borrowed.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_link_ends_with_its_session(gql: GraphQLClient) -> None:
    token = await token_for(gql, LOGIN, {"n": "C-1001", "p": "demo-password"})
    stored = await _stored_file(gql, token, seed=64)

    await gql.execute("mutation { logout { __typename } }", token=token)
    response = await gql.http.get(stored["downloadUrl"])

    assert response.status_code == 404


async def test_an_expired_link_says_so_in_both_languages(
    gql: GraphQLClient, customer_token: str
) -> None:
    stored = await _stored_file(gql, customer_token, seed=65)
    parsed = parse_global_id(stored["id"])
    assert parsed is not None
    session = await _session_of(customer_token)
    clock.set(utcnow() - timedelta(hours=1))
    try:
        signature = sign_download(parsed[1], session)
    finally:
        clock.reset()
    assert signature is not None

    response = await gql.http.get(download_url(parsed[1], signature))

    assert response.status_code == 403
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "caducó" in error["message"] and "expired" in error["message"]


async def _session_of(token: str) -> Viewer:
    from domain.identity.auth import authenticate

    return await authenticate(token)


def test_links_are_absolute_with_a_public_url() -> None:
    os.environ["MESA_PUBLIC_URL"] = "https://api.mesa.example/"
    get_settings.cache_clear()
    try:
        url = download_url(7, "abc")
    finally:
        del os.environ["MESA_PUBLIC_URL"]
        get_settings.cache_clear()

    assert url == "https://api.mesa.example/attachments/QXR0YWNobWVudDo3?signature=abc"
    assert download_url(7, "abc") == "/attachments/QXR0YWNobWVudDo3?signature=abc"


def test_only_a_session_or_a_partner_key_gets_links() -> None:
    assert sign_download(7, None) is None
    assert sign_download(7, Viewer(kind=ViewerKind.SYSTEM)) is None
    assert sign_download(7, Viewer(kind=ViewerKind.CUSTOMER, token_id=3)) is not None


def test_a_link_is_signed_at_the_moment_of_mesas_clock() -> None:
    """The signature's time is the clock's, so a query run twice in one held moment (the
    suite's differential mode compares the runs byte for byte) makes one link, however the
    seconds turn between the runs."""
    viewer = Viewer(kind=ViewerKind.CUSTOMER, token_id=3)
    with clock.held():
        first = sign_download(7, viewer)
        time.sleep(1.01)  # a second boundary passes on the system clock
        second = sign_download(7, viewer)

    assert first == second


async def test_a_moved_clock_ages_a_link() -> None:
    viewer = Viewer(kind=ViewerKind.CUSTOMER, token_id=3)
    made = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    clock.set(made)
    try:
        signature = sign_download(7, viewer)
        assert signature is not None
        clock.set(made + timedelta(seconds=get_settings().download_link_seconds + 1))
        with pytest.raises(Unauthenticated, match="caducó"):
            await open_signed_download(7, signature)
    finally:
        clock.reset()
