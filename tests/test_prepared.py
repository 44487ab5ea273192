"""A prepared values query (SQL built once per database) answers exactly as Tortoise's own
values() does, conversions and joined columns included, on SQLite and PostgreSQL; a shaped
query (SQL built once per shape: a ticket by reference, as each viewer may see it) too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import asyncpg
import pytest
from tortoise.exceptions import IncompleteInstanceError
from tortoise.transactions import in_transaction

from domain.clock import clock, utcnow
from domain.errors import NotFound
from domain.identity.access import (
    get_visible_ticket,
    get_visible_ticket_for_update,
    get_visible_ticket_for_update_reading,
)
from domain.identity.auth import (
    TokenKind,
    authenticate,
    digest,
    issue_token,
    session_customer,
    viewer_for_customer,
)
from domain.models import (
    AgentPreferences,
    AuthToken,
    Customer,
    Department,
    Staff,
    Ticket,
    TicketWatcher,
)
from domain.prepared import Prepared, Shaped, by_id
from domain.tickets import notices
from tests.own_database import demo_database
from tests.sla_support import agent_viewer, open_ticket_at

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


async def test_an_id_argument_and_a_joined_json_column_answer_as_tortoise_does(
    database: str,
) -> None:
    # Given an agent who chose what comes by email, and one who never chose
    chooser = await Staff.get(email="agent@mesa.example")
    await AgentPreferences.create(
        staff=chooser, live_kinds=[], email_kinds=["ASSIGNED"], updated_at=utcnow()
    )
    columns = ("id", "email", "language", "preferences__email_kinds")
    prepared = Prepared(
        lambda department_id: (
            Staff.filter(departments__id=department_id).distinct().order_by("id").values(*columns)
        ),
        arity=1,
    )
    departments = [d.id for d in await Department.all().order_by("id")]

    # When each department's staff is fetched by its id (the SQL built once), and an unknown id
    for department_id in [*departments, 10**9]:
        found = await prepared.fetch(department_id)
        expected = (
            await Staff.filter(departments__id=department_id)
            .distinct()
            .order_by("id")
            .values(*columns)
        )
        # Then the rows are Tortoise's own: the chosen kinds a list, the rest None
        assert found == expected
    everyone = [row for d in departments for row in await prepared.fetch(d)]
    kinds = {row["email"]: row["preferences__email_kinds"] for row in everyone}
    assert kinds["agent@mesa.example"] == ["ASSIGNED"]
    assert None in kinds.values()


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


async def test_a_ticket_by_reference_is_found_only_by_those_who_may_see_it(database: str) -> None:
    # Given a ticket of C-1001's (Technical Support) and one of C-1002's
    try:
        own = await open_ticket_at(utcnow() - timedelta(hours=2), "service_down")
        other = await open_ticket_at(utcnow() - timedelta(hours=1), "service_down", "C-1002")
    finally:
        clock.reset()
    first = viewer_for_customer(await Customer.get(client_number="C-1001"), token_id=1)
    second = viewer_for_customer(await Customer.get(client_number="C-1002"), token_id=2)
    supervisor = await agent_viewer("supervisor@mesa.example")
    billing = await agent_viewer("billing@mesa.example")

    # When each looks both up, by tracking ID and by id (the SQL of each shape built once)
    references: list[int | str] = [own.tracking_id, other.tracking_id, own.id, other.id]
    for viewer, expected in (
        (first, [own, None, own, None]),
        (second, [None, other, None, other]),
        (supervisor, [own, other, own, other]),
        (billing, [None, None, None, None]),
        (first, [own, None, own, None]),
    ):
        found = []
        for reference in references:
            try:
                found.append(await get_visible_ticket(viewer, reference))
            except NotFound:
                found.append(None)
        # (and locked for a change, in a transaction: the same, shaped apart)
        locked = []
        for reference in references:
            try:
                async with in_transaction():
                    locked.append(await get_visible_ticket_for_update(viewer, reference))
            except NotFound:
                locked.append(None)

        # Then each finds what it may see, as Tortoise's own models, and nothing else
        assert [row and (row.id, _ticket_columns(row)) for row in found] == [
            row and (row.id, _ticket_columns(row)) for row in expected
        ], viewer.name
        assert [row and (row.id, _ticket_columns(row)) for row in locked] == [
            row and (row.id, _ticket_columns(row)) for row in expected
        ], viewer.name


LOCK_NOW = "SELECT id FROM ticket WHERE id = $1 FOR UPDATE NOWAIT"


async def test_a_ticket_looked_up_for_a_change_stays_locked_until_its_transaction_ends(
    database: str,
) -> None:
    if not database.startswith("postgres"):
        pytest.skip("SQLite locks the whole database for a write, not rows")
    try:
        ticket = await open_ticket_at(utcnow() - timedelta(hours=1), "service_down")
    finally:
        clock.reset()
    customer = viewer_for_customer(await Customer.get(client_number="C-1001"), token_id=1)
    async with in_transaction():
        await get_visible_ticket_for_update(customer, ticket.tracking_id)
        # Another connection may not lock it meanwhile
        other = await asyncpg.connect(database)
        try:
            with pytest.raises(asyncpg.LockNotAvailableError):
                await other.fetch(
                    "SELECT id FROM ticket WHERE id = $1 FOR UPDATE NOWAIT", ticket.id
                )
        finally:
            await other.close()
    # and may once the transaction has ended
    other = await asyncpg.connect(database)
    try:
        assert await other.fetch(LOCK_NOW, ticket.id)
    finally:
        await other.close()


async def test_a_shaped_query_that_alters_an_argument_is_refused(database: str) -> None:
    altered = Shaped(Ticket, lambda _, arguments: Ticket.filter(subject=f"{arguments[0]}!"))
    with pytest.raises(ValueError, match="altered"):
        await altered.rows(None, ["Consulta"])


def _ticket_columns(row: Ticket) -> dict[str, object]:
    return {name: getattr(row, name) for name in Ticket._meta.db_fields}


async def test_a_customer_s_session_gives_their_own_customer_which_cannot_be_saved_whole(
    database: str,
) -> None:
    # Given a customer's session
    customer = await Customer.get(client_number="C-1001")
    raw, _ = await issue_token(TokenKind.CUSTOMER, customer=customer)

    # When a request reads its viewer from the token
    viewer = await authenticate(raw)
    own = session_customer(viewer)

    # Then the viewer carries their own customer, as the token's statement read it
    assert own is not None
    assert (own.id, own.name, own.email, own.language) == (
        customer.id,
        customer.name,
        customer.email,
        customer.language,
    )
    # and it cannot be saved whole: what it was not read with is never written over
    with pytest.raises(IncompleteInstanceError):
        await own.save()
    assert (await Customer.get(id=customer.id)).password_hash == customer.password_hash
    # and a viewer made without their email (or anyone else's) gives none: it is read
    assert session_customer(replace(viewer, email="")) is None
    assert session_customer(await agent_viewer()) is None


async def test_a_locked_ticket_read_carries_who_follows_it_on_either_database(
    database: str,
) -> None:
    # Given a ticket an agent and a supervisor follow, and one nobody follows
    try:
        followed = await open_ticket_at(utcnow() - timedelta(hours=2), "service_down")
        alone = await open_ticket_at(utcnow() - timedelta(hours=1), "service_down")
    finally:
        clock.reset()
    staff = [await Staff.get(email=e) for e in ("agent@mesa.example", "supervisor@mesa.example")]
    for member in staff:
        await TicketWatcher.create(ticket_id=followed.id, staff_id=member.id, created_at=utcnow())
    reading = (
        notices.WATCHERS_OF_TICKET_ROW
        if database.startswith("postgres")
        else notices.WATCHERS_OF_TICKET_ROW_JSON
    )
    customer = viewer_for_customer(await Customer.get(client_number="C-1001"), token_id=1)
    async with in_transaction() as connection:
        for ticket, expected in ((followed, {m.id for m in staff}), (alone, set())):
            # When the row is read for a change with the watchers' read
            found, read = await get_visible_ticket_for_update_reading(
                customer, ticket.id, (reading,)
            )
            # Then it is the ticket Tortoise reads, and the read gives its watchers
            assert found == await Ticket.get(id=ticket.id) and found.subject == ticket.subject
            if database.startswith("postgres"):
                assert set(read[0]) == expected
            else:
                along = notices.watchers_from_row(connection, ticket.id, read)
                assert along is not None and set(along.returned or []) == expected
    assert notices.watchers_with_row(connection) == (
        () if database.startswith("postgres") else (notices.WATCHERS_OF_TICKET_ROW_JSON,)
    )
    # and without reads, nothing more is read
    assert (await get_visible_ticket_for_update_reading(customer, alone.id, ()))[1] == []
