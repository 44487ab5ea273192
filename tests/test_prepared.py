"""A prepared values query (SQL built once per database) answers exactly as Tortoise's own
values() does, conversions and joined columns included, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from domain.clock import utcnow
from domain.identity.auth import TokenKind, digest
from domain.models import AuthToken, Customer, Staff
from domain.prepared import Prepared, by_id
from tests.own_database import demo_database

COLUMNS = ("id", "kind", "expires_at", "revoked_at", "customer__name", "customer__is_active")
COLUMNS += ("customer__language", "staff__role", "staff__is_active", "ticket__guest_language")


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def test_a_prepared_query_answers_as_tortoise_does_each_time(database: str) -> None:
    # Given a customer's token and a staff member's, and a query prepared by token hash
    customer = await Customer.get(client_number="C-1001")
    staff = await Staff.get(email="agent@mesa.example")
    later = utcnow() + timedelta(hours=1)
    tokens = [
        await AuthToken.create(
            kind=TokenKind.CUSTOMER, token_hash=digest("one"), customer=customer, expires_at=later
        ),
        await AuthToken.create(
            kind=TokenKind.STAFF, token_hash=digest("two"), staff=staff, expires_at=later
        ),
    ]
    prepared = Prepared(
        lambda token_hash: AuthToken.filter(token_hash=token_hash).limit(1).values(*COLUMNS),
        arity=1,
    )

    # When each is fetched (the second call reuses the SQL) and an unknown one too
    for token in tokens:
        found = await prepared.fetch(token.token_hash)
        expected = await AuthToken.filter(token_hash=token.token_hash).limit(1).values(*COLUMNS)
        # Then the rows are Tortoise's own, types and all
        assert found == expected and len(found) == 1
        assert [type(value) for value in found[0].values()] == [
            type(value) for value in expected[0].values()
        ]
    assert await prepared.fetch(digest("nobody")) == []
    assert found[0]["kind"] is TokenKind.STAFF and found[0]["staff__is_active"] is True


async def test_a_query_that_leaves_out_an_argument_is_refused(database: str) -> None:
    prepared = Prepared(lambda _: AuthToken.filter(id=1).values("id"), arity=1)
    with pytest.raises(ValueError, match="each of its 1 arguments"):
        await prepared.fetch("x")


async def test_rows_by_id_are_tortoise_s_own_models_for_any_number_of_ids(database: str) -> None:
    # Given the demo's staff, looked up by id in sets of every size (none, one, all, unknown)
    everyone = [staff.id for staff in await Staff.all().order_by("id")]
    for ids in ([], everyone[:1], everyone, [*everyone[:2], 10**9], everyone[:1]):
        # When fetched with the prepared query and with Tortoise's own
        found = await by_id(Staff).fetch(ids)
        expected = await Staff.filter(id__in=ids)
        # Then the same models, every column converted alike
        assert [(row.pk, _columns(row)) for row in found] == [
            (row.pk, _columns(row)) for row in expected
        ]


def _columns(row: Staff) -> dict[str, object]:
    return {name: getattr(row, name) for name in Staff._meta.db_fields}
