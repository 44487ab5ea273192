"""Per-ticket SLA deadlines with exact Bogotá timestamps: business hours, holidays, 24/7 high
impact, pauses while waiting on the customer, next responses, re-triage, the sweep."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, timedelta

import pytest

from domain.clock import clock
from domain.demo import seed_demo
from domain.models import EventKind, Impact, OutboxJob, Ticket, TicketEvent
from domain.sla.marking import (
    NOTIFY_ACTOR,
    check_ticket_sla,
    sweep_sla,
    tickets_due_for_sla_check,
)
from domain.tickets.desk import Triage, triage_ticket
from domain.tickets.replies import reply_to_ticket
from tests.own_database import own_database
from tests.sla_support import agent_viewer, bogota, customer_viewer, open_ticket_at, set_target

ALERTS = [EventKind.SLA_WARNING, EventKind.SLA_BREACHED]


async def alerts_recorded(ticket_id: int) -> int:
    return await TicketEvent.filter(ticket_id=ticket_id, kind__in=ALERTS).count()


@pytest.fixture(scope="module", autouse=True)
async def database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    async with own_database(tmp_path_factory.mktemp("sla")) as url:
        await seed_demo()
        yield url
    clock.reset()


@pytest.fixture(autouse=True)
def real_clock_afterwards() -> Iterator[None]:
    yield
    clock.reset()


async def test_a_friday_evening_medium_ticket_is_due_on_the_next_business_day() -> None:
    # when a Nivel 1 customer opens a MEDIUM ticket on Friday 2026-11-20 at 17:30 in Bogotá
    ticket = await open_ticket_at(bogota(2026, 11, 20, 17, 30), "backup_restore")

    # then the answer is expected Monday at 10:30 and due at 12:30 (3-5 business hours)
    assert ticket.first_response_expected_at == bogota(2026, 11, 23, 10, 30)
    assert ticket.first_response_due_at == bogota(2026, 11, 23, 12, 30)
    assert ticket.sla_check_at == bogota(2026, 11, 23, 10, 30)


async def test_a_colombian_holiday_monday_moves_the_deadlines_a_day() -> None:
    # when the same ticket is opened on Friday 2026-11-13, before the holiday of Monday 16th
    ticket = await open_ticket_at(bogota(2026, 11, 13, 17, 30), "backup_restore")

    # then Tuesday it is
    assert ticket.first_response_expected_at == bogota(2026, 11, 17, 10, 30)
    assert ticket.first_response_due_at == bogota(2026, 11, 17, 12, 30)


async def test_a_high_impact_ticket_runs_around_the_clock() -> None:
    # when a Nivel 1 HIGH ticket is opened on Sunday at 03:00
    ticket = await open_ticket_at(bogota(2026, 11, 22, 3, 0), "service_down")

    # then it is due at 04:00 the same night
    assert ticket.first_response_due_at == bogota(2026, 11, 22, 4, 0)
    assert ticket.first_response_expected_at == bogota(2026, 11, 22, 4, 0)


async def test_waiting_on_the_customer_pushes_the_resolution_due_time() -> None:
    # given MEDIUM tickets of Nivel 1 must be resolved within 8 business hours
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=480)
    ticket = await open_ticket_at(bogota(2026, 11, 24, 8, 0), "backup_restore")
    assert ticket.resolution_due_at == bogota(2026, 11, 24, 16, 0)

    # when the agent answers at 09:00 and the customer replies two hours later
    clock.set(bogota(2026, 11, 24, 9, 0))
    await reply_to_ticket(viewer=await agent_viewer(), ticket_id=ticket.id, body="¿Qué copia?")
    paused = await Ticket.get(id=ticket.id)
    clock.set(bogota(2026, 11, 24, 11, 0))
    await reply_to_ticket(viewer=await customer_viewer(), ticket_id=ticket.id, body="La de ayer.")
    resumed = await Ticket.get(id=ticket.id)
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=None)

    # then the clock stopped for two business hours: due at 18:00, and the next answer is
    # expected three business hours after the customer's message
    assert paused.sla_check_at is None
    assert resumed.resolution_due_at == bogota(2026, 11, 24, 18, 0)
    assert resumed.next_response_expected_at == bogota(2026, 11, 24, 14, 0)
    assert resumed.next_response_due_at == bogota(2026, 11, 24, 16, 0)


async def test_re_triage_recomputes_from_the_original_start() -> None:
    # given a MEDIUM ticket opened Wednesday at 09:00
    ticket = await open_ticket_at(bogota(2026, 11, 25, 9, 0), "backup_restore")

    # when an agent raises it to HIGH at 09:30
    clock.set(bogota(2026, 11, 25, 9, 30))
    await triage_ticket(
        viewer=await agent_viewer(), ticket_id=ticket.id, triage=Triage(impact=Impact.HIGH)
    )

    # then the 1-hour target counts from 09:00, not from the triage
    triaged = await Ticket.get(id=ticket.id)
    assert triaged.first_response_due_at == bogota(2026, 11, 25, 10, 0)


async def test_the_sweep_records_one_warning_and_one_breach() -> None:
    # given a MEDIUM ticket expected at 12:00 and due at 14:00 on Thursday
    ticket = await open_ticket_at(bogota(2026, 11, 26, 9, 0), "backup_restore")

    # when the sweep runs before, between and after, twice
    counts = []
    for moment in [(11, 59), (12, 0), (15, 0), (15, 0)]:
        clock.set(bogota(2026, 11, 26, *moment))
        await sweep_sla()
        counts.append(await alerts_recorded(ticket.id))

    # then exactly one warning and one breach, each with a notification job
    assert counts == [0, 1, 2, 2]
    events = await TicketEvent.filter(ticket_id=ticket.id, kind__in=ALERTS).order_by("id")
    assert [(e.kind, e.internal, e.after) for e in events] == [
        (
            EventKind.SLA_WARNING,
            True,
            {"deadline": "firstResponse", "at": "2026-11-26T17:00:00+00:00"},
        ),
        (
            EventKind.SLA_BREACHED,
            True,
            {"deadline": "firstResponse", "at": "2026-11-26T19:00:00+00:00"},
        ),
    ]
    jobs = [j.kwargs for j in await OutboxJob.filter(actor_name=NOTIFY_ACTOR).order_by("id")]
    assert jobs[-2:] == [{"ticket_id": ticket.id, "event_id": e.id} for e in events]
    assert ticket.id not in await tickets_due_for_sla_check(
        now=bogota(2026, 12, 31).astimezone(UTC)
    )


async def test_an_answer_in_time_leaves_nothing_to_sweep() -> None:
    # given a MEDIUM ticket answered before it was expected
    ticket = await open_ticket_at(bogota(2026, 11, 27, 9, 0), "backup_restore")
    clock.set(bogota(2026, 11, 27, 10, 0))
    await reply_to_ticket(viewer=await agent_viewer(), ticket_id=ticket.id, body="Listo.")

    # then no check is pending
    answered = await Ticket.get(id=ticket.id)
    assert answered.sla_check_at is None
    assert ticket.id not in await tickets_due_for_sla_check(
        now=bogota(2026, 11, 27, 10, 0) + timedelta(days=30)
    )


async def test_a_check_planned_for_a_deadline_that_moved_marks_nothing() -> None:
    # given a MEDIUM ticket whose check was planned for its 12:00 warning, then raised to HIGH
    ticket = await open_ticket_at(bogota(2026, 11, 30, 9, 0), "backup_restore")
    planned_for = ticket.first_response_expected_at
    clock.set(bogota(2026, 11, 30, 9, 10))
    await triage_ticket(
        viewer=await agent_viewer(), ticket_id=ticket.id, triage=Triage(impact=Impact.HIGH)
    )

    # when the old check arrives at 12:00, and the one planned for the new deadline too
    clock.set(bogota(2026, 11, 30, 12, 0))
    stale = await check_ticket_sla(ticket_id=ticket.id, planned_for=planned_for)
    current = await check_ticket_sla(
        ticket_id=ticket.id, planned_for=bogota(2026, 11, 30, 10, 0).astimezone(UTC)
    )

    # then only the current deadline is marked: one warning and one breach at 10:00
    assert (stale, current) == (0, 2)
    assert await alerts_recorded(ticket.id) == 2
