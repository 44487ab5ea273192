"""Rows a unit of work leaves for its last statement (domain.rows.Later,
domain.uow.UnitOfWork.insert_gathered): on PostgreSQL a write's notifications and their job go
with its events' insert, or by a statement of their own when there is no such insert; on
SQLite they are written at once. Either way the job names its notifications, and the unit of
work sends it once it commits."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from domain import uow as uow_module
from domain.email.notifications import BATCH_MAX, DELIVER_ALL_ACTOR, Notice, notify_all
from domain.identity.viewer import SYSTEM
from domain.models import (
    EventKind,
    Language,
    Notification,
    NotificationKind,
    OutboxJob,
    TicketEvent,
    TicketStatus,
)
from domain.tickets.changes import record_event, record_event_now
from domain.uow import unit_of_work
from tests.own_database import demo_database, make_ticket
from tests.sql_counter import count_queries


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


def _notices(tag: str) -> list[Notice]:
    return [
        Notice(f"{tag}{n}@example.com", Language.EN, NotificationKind.TICKET_CREATED, {"n": n})
        for n in range(3)
    ]


@pytest.mark.parametrize("events", ["inserted last", "inserted earlier", "none"])
async def test_a_writes_notifications_go_with_its_last_statement(
    database: str, events: str
) -> None:
    # Given a ticket, and a unit of work that records notices and, maybe, an event
    ticket = await make_ticket(TicketStatus.OPEN)
    postgres = database.startswith("postgres")

    # When it records them (an event recorded earlier is inserted at once)
    with count_queries() as statements:
        async with unit_of_work() as uow:
            if events == "inserted earlier":
                await record_event_now(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)
            await notify_all(uow, _notices(events.replace(" ", "")))
            recipients = [f"{events.replace(' ', '')}{n}@example.com" for n in range(3)]
            written_then = await (
                Notification.filter(recipient__in=recipients).using_db(uow.connection).count()
            )
            if events == "inserted last":
                await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)

    # Then on PostgreSQL the rows were not written until the unit of work's last statement,
    # which writes the events too when they are inserted there; on SQLite at once
    assert written_then == (0 if postgres else 3)
    writes = [s for s in statements if 'INTO "notification"' in s]
    assert len(writes) == 1, statements
    if postgres and events == "inserted last":
        assert 'INTO "ticket_event"' in writes[0], writes
    else:
        assert 'INTO "ticket_event"' not in writes[0], writes
    # and its one job names the three notifications, in their order, and is sent after the
    # commit (no relay runs here: it waits in the outbox)
    [job_id] = uow.outbox_ids
    job = await OutboxJob.get(id=job_id)
    assert job.actor_name == DELIVER_ALL_ACTOR
    named = job.kwargs["notification_ids"]
    stored = dict(await Notification.filter(id__in=named).values_list("id", "recipient"))
    assert [stored[pk] for pk in named] == recipients
    # and the events were written with their positions
    if events != "none":
        [event] = await TicketEvent.filter(ticket_id=ticket.id, kind=EventKind.NOTE_ADDED)
        assert event.position is not None


async def test_rows_left_for_the_last_statement_are_gone_with_a_rolled_back_write(
    database: str,
) -> None:
    # Given a unit of work that records notices and an event, then fails
    ticket = await make_ticket(TicketStatus.OPEN)
    jobs = await OutboxJob.all().count()
    with pytest.raises(LookupError):
        async with unit_of_work() as uow:
            await notify_all(uow, _notices("rolledback"))
            await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)
            raise LookupError("the write gives up")

    # Then nothing of it was kept
    assert not await Notification.filter(recipient__startswith="rolledback").exists()
    assert await OutboxJob.all().count() == jobs
    assert not await TicketEvent.filter(ticket_id=ticket.id, kind=EventKind.NOTE_ADDED).exists()


async def test_a_long_fan_out_of_notifications_goes_before_the_last_statement(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database.startswith("postgres"):
        pytest.skip("SQLite writes them at once")
    # Given a unit of work whose rows left for its last statement may hold few parameters
    monkeypatch.setattr(uow_module, "LATER_VALUES_MAX", 150)
    ticket = await make_ticket(TicketStatus.OPEN)
    notices = [
        Notice(f"fan{n}@example.com", Language.ES, NotificationKind.TICKET_CREATED, {"n": n})
        for n in range(BATCH_MAX * 3)
    ]

    # When it records more notices than one job delivers, and an event
    with count_queries() as statements:
        async with unit_of_work() as uow:
            await notify_all(uow, notices)
            await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)

    # Then the batches that went past the limit were sent before the last statement, which
    # wrote the rest with the event; every notice is named by one job, in order
    writes = [s for s in statements if 'INTO "notification"' in s]
    assert len(writes) == 2, statements
    assert 'INTO "ticket_event"' not in writes[0] and 'INTO "ticket_event"' in writes[1]
    jobs = await OutboxJob.filter(id__in=uow.outbox_ids).order_by("id")
    named = [pk for job in jobs for pk in job.kwargs["notification_ids"]]
    stored = dict(await Notification.filter(id__in=named).values_list("id", "recipient"))
    assert [stored[pk] for pk in named] == [notice.recipient for notice in notices]
