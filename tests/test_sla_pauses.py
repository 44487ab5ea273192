"""A deadline that has passed stays where it was (issue 15, point 2): met and breached
deadlines are frozen, a pause (waiting on the customer) only extends running ones, and while
paused the business time left stands still."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest

from domain.clock import clock
from domain.demo import seed_demo
from domain.models import Impact, Ticket, TicketStatus
from domain.sla.policy import SlaState
from domain.sla.report import sla_report
from domain.sla.terms import policy_of
from domain.sla.view import ticket_sla
from domain.tickets.replies import reply_to_ticket
from tests.own_database import own_database
from tests.sla_support import agent_viewer, bogota, customer_viewer, open_ticket_at, set_target


@pytest.fixture(scope="module", autouse=True)
async def database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    async with own_database(tmp_path_factory.mktemp("sla_pauses")) as url:
        await seed_demo()
        yield url
    clock.reset()


@pytest.fixture(autouse=True)
def real_clock_afterwards() -> Iterator[None]:
    yield
    clock.reset()


async def agent_replies_at(moment_args: tuple[int, ...], ticket_id: int) -> None:
    clock.set(bogota(*moment_args))
    await reply_to_ticket(viewer=await agent_viewer(), ticket_id=ticket_id, body="¿Qué copia?")


async def customer_replies_at(moment_args: tuple[int, ...], ticket_id: int) -> None:
    clock.set(bogota(*moment_args))
    await reply_to_ticket(viewer=await customer_viewer(), ticket_id=ticket_id, body="La de ayer.")


async def test_a_breached_first_response_stays_breached_after_a_pause() -> None:
    # given a Nivel 1 MEDIUM ticket opened Tuesday 08:00: expected 11:00, due 13:00
    ticket = await open_ticket_at(bogota(2026, 12, 1, 8, 0), "backup_restore")

    # when the agent first answers late, at 14:00, and the customer answers the next morning
    await agent_replies_at((2026, 12, 1, 14, 0), ticket.id)
    await customer_replies_at((2026, 12, 2, 9, 0), ticket.id)

    # then the first response stays expected at 11:00 and due at 13:00 (breached), not moved
    # by the five business hours the ticket then waited on the customer
    resumed = await Ticket.get(id=ticket.id)
    assert resumed.status is TicketStatus.WAITING_ON_AGENT
    assert resumed.first_response_expected_at == bogota(2026, 12, 1, 11, 0)
    assert resumed.first_response_due_at == bogota(2026, 12, 1, 13, 0)
    start = bogota(2026, 12, 1, 0, 0)
    [row] = await sla_report(
        viewer=await agent_viewer("supervisor@mesa.example"),
        start=start,
        end=start + timedelta(days=1),
    )
    assert (row.tickets, row.first_responses_met, row.first_responses_breached) == (1, 0, 1)


async def test_a_met_first_response_stays_put_when_the_clock_pauses() -> None:
    # given a Nivel 1 MEDIUM ticket opened Thursday 08:00, answered in time at 09:00
    ticket = await open_ticket_at(bogota(2026, 12, 3, 8, 0), "backup_restore")
    await agent_replies_at((2026, 12, 3, 9, 0), ticket.id)

    # when the customer answers two business hours later
    await customer_replies_at((2026, 12, 3, 11, 0), ticket.id)

    # then the met deadlines did not move; the next response counts from 11:00
    resumed = await Ticket.get(id=ticket.id)
    assert resumed.first_response_expected_at == bogota(2026, 12, 3, 11, 0)
    assert resumed.first_response_due_at == bogota(2026, 12, 3, 13, 0)
    assert resumed.next_response_due_at == bogota(2026, 12, 3, 16, 0)


async def test_a_pause_extends_only_a_running_resolution_deadline() -> None:
    # given MEDIUM tickets of Nivel 1 are to be resolved within 5 business hours, and one
    # opened Friday 08:00 (resolution due 13:00) answered at 09:00
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=300)
    ticket = await open_ticket_at(bogota(2026, 12, 4, 8, 0), "backup_restore")
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=None)
    assert ticket.resolution_due_at == bogota(2026, 12, 4, 13, 0)
    await agent_replies_at((2026, 12, 4, 9, 0), ticket.id)

    # when the customer answers at 14:00 (after the resolution was due)
    await customer_replies_at((2026, 12, 4, 14, 0), ticket.id)

    # then the breached resolution deadline stays at 13:00
    resumed = await Ticket.get(id=ticket.id)
    assert resumed.resolution_due_at == bogota(2026, 12, 4, 13, 0)


async def test_a_running_resolution_deadline_moves_by_the_pause() -> None:
    # given a ticket opened Monday 08:00, to be resolved in 8 business hours (due 16:00)
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=480)
    ticket = await open_ticket_at(bogota(2026, 12, 7, 8, 0), "backup_restore")
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=None)

    # when it waits on the customer from 09:00 to 11:00
    await agent_replies_at((2026, 12, 7, 9, 0), ticket.id)
    await customer_replies_at((2026, 12, 7, 11, 0), ticket.id)

    # then the resolution is due two business hours later
    assert (await Ticket.get(id=ticket.id)).resolution_due_at == bogota(2026, 12, 7, 18, 0)


async def test_business_time_left_stands_still_while_paused() -> None:
    # given a ticket opened Wednesday 08:00, to be resolved in 8 business hours (due 16:00),
    # waiting on the customer since the agent's answer at 09:00
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=480)
    ticket = await open_ticket_at(bogota(2026, 12, 9, 8, 0), "backup_restore")
    await set_target("N1", Impact.MEDIUM, resolution_due_minutes=None)
    await agent_replies_at((2026, 12, 9, 9, 0), ticket.id)
    paused = await Ticket.get(id=ticket.id)
    policy = await policy_of(paused)
    assert policy is not None

    # when the SLA is read at 10:00 and at 15:00, still paused
    early = ticket_sla(paused, policy, now=bogota(2026, 12, 9, 10, 0))
    late = ticket_sla(paused, policy, now=bogota(2026, 12, 9, 15, 0))

    # then seven business hours are left both times
    assert (early.state, early.business_seconds_remaining) == (SlaState.PAUSED, 7 * 3600)
    assert (late.state, late.business_seconds_remaining) == (SlaState.PAUSED, 7 * 3600)

    # and once the customer answers at 15:00 the clock goes on from there
    await customer_replies_at((2026, 12, 9, 15, 0), ticket.id)
    resumed = await Ticket.get(id=ticket.id)
    assert resumed.resolution_due_at == bogota(2026, 12, 10, 12, 0)
    left = policy.calendar.business_time_between(
        bogota(2026, 12, 9, 15, 0), resumed.resolution_due_at
    )
    assert left == timedelta(hours=7)
