"""`domain.rows.updates.update_where` sends Tortoise's own UPDATE (the statement and parameters its
UpdateQuery builds, conversions included) on SQLite and PostgreSQL, built once per shape, and
changes exactly the rows Tortoise's update would; `insert_values` stores what Tortoise's own
insert of the same models stores."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from domain.clock import utcnow
from domain.email.notifications import BATCH_MAX, DELIVER_ALL_ACTOR, Notice, notify_all
from domain.email.render import new_message_id
from domain.models import (
    Impact,
    Language,
    Notification,
    NotificationKind,
    OutboxJob,
    SlaClock,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.rows import insert_values, update_where
from domain.uow import unit_of_work
from tests.own_database import demo_database, make_ticket
from tests.recorded_updates import recorded_updates
from tests.sql_counter import count_queries

MOMENT = object()  # stands for a moment five minutes ago
UPDATES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"id": 0, "status": TicketStatus.NEW}, {"status": TicketStatus.OPEN, "updated_at": MOMENT}),
    ({"id": 0}, {"last_message_id": 41, "updated_at": MOMENT}),
    ({"id": 0, "assignee_id": None}, {"impact": Impact.HIGH, "sla_clock": SlaClock.ALWAYS}),
    ({"id": 0}, {"sla_terms": {"first": {"minutes": 60}}, "resolved_at": MOMENT}),
    ({"status": TicketStatus.CLOSED, "id": 0}, {"closed_at": MOMENT, "sla_terms": None}),
    ({"id": 0}, {"assignee_id": None, "first_responded_at": None, "subject": "Otro / Other"}),
]


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


def _filled(values: dict[str, Any], ticket_id: int) -> dict[str, Any]:
    moment = utcnow() - timedelta(minutes=5)
    return {
        name: ticket_id if name == "id" else (moment if value is MOMENT else value)
        for name, value in values.items()
    }


@pytest.mark.parametrize(("match", "changes"), UPDATES)
async def test_an_update_is_tortoise_s_own_statement(
    database: str,
    match: dict[str, Any],
    changes: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a ticket, and the update Tortoise would send for it
    ticket = await make_ticket(TicketStatus.NEW)
    match, changes = _filled(match, ticket.id), _filled(changes, ticket.id)
    connection = Tortoise.get_connection("default")
    theirs = Ticket.filter(**match).using_db(connection).update(**changes)
    theirs._make_query()
    their_sql, their_parameters = theirs.query.get_parameterized_sql()
    matched = await Ticket.filter(**match).using_db(connection).count()
    # When update_where runs it, twice (the second from the statement built once)
    with recorded_updates(connection, "execute_query", monkeypatch) as recording:
        counts = [await update_where(connection, Ticket, match, changes)]
        recording.built.clear()
        counts.append(await update_where(connection, Ticket, match, changes))

    # Then it sent Tortoise's statement with Tortoise's parameters, and changed what it matched
    # (the second time, what still matched after the first)
    assert recording.sent == [(their_sql, list(their_parameters))] * 2
    assert recording.built == []
    still = await Ticket.filter(**match).using_db(connection).count()
    assert counts == [matched, still]


async def test_a_conditional_update_changes_only_a_matching_row(database: str) -> None:
    ticket = await make_ticket(TicketStatus.NEW)
    connection = Tortoise.get_connection("default")
    before = ticket.status

    moved = await update_where(
        connection, Ticket, {"id": ticket.id, "status": before}, {"status": TicketStatus.OPEN}
    )
    again = await update_where(
        connection, Ticket, {"id": ticket.id, "status": before}, {"status": TicketStatus.CLOSED}
    )

    assert (moved, again) == (1, 0)
    assert (await Ticket.get(id=ticket.id)).status is TicketStatus.OPEN


async def test_a_model_or_an_expression_is_left_to_tortoise(database: str) -> None:
    ticket = await make_ticket(TicketStatus.NEW)
    agent = await Staff.get(email="agent@mesa.example")
    connection = Tortoise.get_connection("default")

    for _ in range(2):
        await update_where(connection, Ticket, {"id": ticket.id}, {"number": F("number") + 1})
        await update_where(connection, Ticket, {"id": ticket.id}, {"assignee": agent})

    changed = await Ticket.get(id=ticket.id)
    assert (changed.number, changed.assignee_id) == (ticket.number + 2, agent.id)


async def test_a_held_ticket_is_out_of_reach_as_with_tortoise(database: str) -> None:
    # The model's manager leaves held tickets out of Ticket.filter: its update does too.
    ticket = await make_ticket(TicketStatus.NEW)
    connection = Tortoise.get_connection("default")
    await update_where(connection, Ticket, {"id": ticket.id}, {"held_until": utcnow()})

    changed = [
        await update_where(connection, Ticket, {"id": ticket.id}, {"subject": "x"})
        for _ in range(2)
    ]

    assert changed == [0, 0]
    assert (await Ticket.held_rows().get(id=ticket.id)).subject == ticket.subject


INSERTS: list[tuple[type[Any], list[dict[str, Any]]]] = [
    (
        Notification,
        [
            {
                "recipient": "ana@example.com",
                "language": Language.ES,
                "kind": NotificationKind.NEW_TICKET_ALERT,
                "payload": {"number": 7, "subject": "Sin conexión / Offline", "list": [1, None]},
                "ticket_id": None,
                "message_id": "<a@mesa>",
            },
            {
                "recipient": "bo@example.com",
                "language": Language.EN,
                "kind": NotificationKind.NEW_TICKET_ALERT,
                "payload": {},
                "ticket_id": 3,
                "message_id": None,
                "attempts": 2,
            },
        ],
    ),
    (
        OutboxJob,
        [
            {"actor_name": "deliver", "kwargs": {"notification_id": 5}, "created_at": MOMENT},
            {"actor_name": "index", "queue_name": "slow", "created_at": MOMENT, "request_id": "r"},
        ],
    ),
]


@pytest.mark.parametrize(("model", "rows"), INSERTS, ids=["notification", "outbox_job"])
async def test_rows_inserted_from_values_are_stored_as_tortoise_stores_them(
    database: str, model: type[Any], rows: list[dict[str, Any]]
) -> None:
    # Given rows as field values, the ones left out to take their defaults
    filled = [_filled(row, 0) for row in rows]

    # When they are inserted from their values, and again by Tortoise from models
    ids = await insert_values(Tortoise.get_connection("default"), model, filled)
    models = [await model.create(**row) for row in filled]

    # Then each is stored as Tortoise stores it, its id given back in order
    columns = [
        name for name in model._meta.fields_db_projection if name not in ("id", "created_at")
    ]
    ours = await model.filter(id__in=ids).order_by("id").values(*columns)
    theirs = await model.filter(id__in=[m.id for m in models]).order_by("id").values(*columns)
    assert ours == theirs
    assert [row["id"] for row in await model.filter(id__in=ids).order_by("id").values("id")] == ids


async def test_notifications_and_their_job_are_written_as_by_separate_inserts(
    database: str,
) -> None:
    # Given three notices to record in a unit of work
    notices = [
        Notice(f"persona{n}@example.com", Language.ES, NotificationKind.TICKET_CREATED, {"n": n})
        for n in range(3)
    ]

    # When they are recorded, and the same rows again by two separate inserts
    with count_queries() as statements:
        async with unit_of_work() as uow:
            await notify_all(uow, notices)
    jobs = list(uow.outbox_ids)
    connection = Tortoise.get_connection("default")
    made = await insert_values(
        connection,
        Notification,
        [
            {"recipient": n.recipient, "language": n.language, "kind": n.kind, "payload": n.payload}
            for n in notices
        ],
    )
    separate = await insert_values(
        connection,
        OutboxJob,
        [
            {
                "actor_name": DELIVER_ALL_ACTOR,
                "kwargs": {"notification_ids": made},
                "created_at": utcnow(),
            }
        ],
    )

    # Then PostgreSQL writes both in one statement, the unit of work's last (SQLite, which has
    # no writing WITH, in two)
    assert len(statements) == (1 if database.startswith("postgres") else 2), statements
    # and one job names the notifications in their order, stored as the separate insert
    # stores its own
    columns = ["actor_name", "queue_name", "status", "enqueue_count", "enqueued_at", "done_at"]
    ours = await OutboxJob.filter(id__in=jobs).values("kwargs", *columns)
    theirs = await OutboxJob.filter(id__in=separate).values("kwargs", *columns)
    assert len(ours) == 1
    named = ours[0].pop("kwargs")["notification_ids"]
    assert theirs[0].pop("kwargs") == {"notification_ids": made}
    assert ours == theirs
    recipients = await Notification.filter(id__in=named).values_list("id", "recipient")
    assert [dict(recipients)[pk] for pk in named] == [n.recipient for n in notices]


async def test_a_long_batch_of_notices_is_delivered_by_a_job_per_batch_max(database: str) -> None:
    # Given more notices than one job delivers
    count = BATCH_MAX * 2 + 3
    notices = [
        Notice(f"persona{n}@example.com", Language.EN, NotificationKind.TICKET_CREATED, {"n": n})
        for n in range(count)
    ]

    # When they are recorded in a unit of work
    async with unit_of_work() as uow:
        await notify_all(uow, notices)
    jobs = list(uow.outbox_ids)

    # Then each job names at most BATCH_MAX of them, every notification exactly once, in order
    rows = await OutboxJob.filter(id__in=jobs).order_by("id").values_list("kwargs", flat=True)
    batches = [row["notification_ids"] for row in rows]  # type: ignore[index]
    assert [len(batch) for batch in batches] == [BATCH_MAX, BATCH_MAX, 3]
    named = [pk for batch in batches for pk in batch]
    recipients = dict(await Notification.filter(id__in=named).values_list("id", "recipient"))
    assert [recipients[pk] for pk in named] == [n.recipient for n in notices]


def _temporary_files() -> list[str]:
    """The deleted files this process holds open: SQLite's temporary files (`etilqs_*`)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if "etilqs_" in target:
                found.append(target)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux's /proc")
async def test_a_batch_of_rows_writes_no_temporary_file_on_sqlite(database: str) -> None:
    if not database.startswith("sqlite"):
        pytest.skip("SQLite's statement journal")
    # Given notifications already stored (a statement's journal keeps the pages it changes
    # that held rows before), and sixty notices to record in a unit of work with their jobs
    kind = NotificationKind.TICKET_CREATED
    earlier = {"language": Language.ES, "kind": kind, "payload": {}}
    await insert_values(
        Tortoise.get_connection("default"),
        Notification,
        [
            {**earlier, "recipient": f"{n}@x.org", "message_id": new_message_id()}
            for n in range(600)
        ],
    )
    notices = [Notice(f"persona{n}@example.com", Language.ES, kind, {"n": n}) for n in range(60)]

    # When they are recorded
    async with unit_of_work() as uow:
        await notify_all(uow, notices)
        # Then, with the transaction still open, SQLite holds no temporary file: a statement
        # that may fail half-way keeps a journal to undo only itself, which spilled to one
        # (open until the commit); it is kept in memory (domain.db.SQLITE_PRAGMAS)
        held = _temporary_files()
    assert held == []
    assert await Notification.filter(recipient__startswith="persona").count() == 60


async def test_a_batch_that_fails_leaves_nothing_of_its_unit_of_work(database: str) -> None:
    # Given a unit of work that has written a notification and its job
    connection = Tortoise.get_connection("default")
    before = await Notification.all().count(), await OutboxJob.all().count()
    clash = {"language": Language.ES, "kind": NotificationKind.TICKET_CREATED, "payload": {}}

    # When a batch of its rows breaks a constraint half-way (two rows, one dedupe key)
    with pytest.raises(IntegrityError):
        async with unit_of_work() as uow:
            await notify_all(uow, [Notice("a@example.com", Language.ES, clash["kind"], {})])
            await insert_values(
                uow.connection,
                Notification,
                [
                    {**clash, "recipient": "b@example.com", "dedupe_key": "k"},
                    {**clash, "recipient": "c@example.com", "dedupe_key": "k"},
                ],
            )

    # Then nothing of the unit of work is stored, and the next one commits as usual
    assert (await Notification.all().count(), await OutboxJob.all().count()) == before
    async with unit_of_work() as uow:
        await notify_all(uow, [Notice("d@example.com", Language.ES, clash["kind"], {})])
    assert await Notification.filter(recipient="d@example.com").count() == 1
    assert await insert_values(connection, Notification, [{**clash, "recipient": "e@x.org"}])
