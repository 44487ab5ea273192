"""Which support level a ticket is held to (issue 15, point 1): the named service's level;
without one, the customer's best active level; recorded on the ticket when it opens, so a
later change of the service's level or of the targets rewrites neither its deadlines nor the
report."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest

from domain.clock import clock
from domain.demo import seed_demo
from domain.identity.auth import viewer_for_customer
from domain.models import (
    Category,
    Customer,
    Impact,
    Service,
    SupportLevel,
    Ticket,
    TicketStatus,
)
from domain.sla.marking import check_ticket_sla
from domain.sla.report import sla_report
from domain.tickets.actions import NewTicket, create_ticket
from domain.tickets.desk import Triage, triage_ticket
from domain.tickets.replies import reply_to_ticket
from tests.own_database import own_database
from tests.sla_support import agent_viewer, bogota, set_target

_numbers = itertools.count(1)


@pytest.fixture(scope="module", autouse=True)
async def database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    async with own_database(tmp_path_factory.mktemp("sla_levels")) as url:
        await seed_demo()
        yield url
    clock.reset()


@pytest.fixture(autouse=True)
def real_clock_afterwards() -> Iterator[None]:
    yield
    clock.reset()


async def customer_with(*services: tuple[str, bool]) -> Customer:
    """A customer with one service per (level code, active)."""
    customer = await Customer.create(
        client_number=f"C-LVL-{next(_numbers)}",
        name="Cliente de prueba",
        email="prueba@example.com",
        password_hash="-",
    )
    for code, active in services:
        await Service.create(
            customer=customer,
            name=f"Servicio {code}",
            support_level=await SupportLevel.get(code=code),
            is_active=active,
        )
    return customer


async def open_ticket(
    customer: Customer, category: str, *, service: Service | None = None
) -> Ticket:
    data = NewTicket(
        subject="No funciona",
        message="Ayuda, por favor.",
        category_id=(await Category.get(code=category)).id,
        service_id=service.id if service else None,
    )
    ticket = await create_ticket(viewer=viewer_for_customer(customer), data=data)
    return await Ticket.get(id=ticket.id)


async def test_a_nivel_3_customer_without_a_service_gets_nivel_3_targets() -> None:
    # given a Nivel 3 customer opening a LOW ticket on Sunday 03:00 without naming a service
    customer = await customer_with(("N3", True))
    clock.set(bogota(2026, 11, 22, 3, 0))
    ticket = await open_ticket(customer, "how_to")

    # then Nivel 3's promise applies: under an hour, around the clock
    assert ticket.sla_level_id == (await SupportLevel.get(code="N3")).id
    assert ticket.first_response_expected_at == bogota(2026, 11, 22, 4, 0)
    assert ticket.first_response_due_at == bogota(2026, 11, 22, 4, 0)


async def test_without_a_service_the_best_active_level_applies() -> None:
    # given a customer with a Nivel 1 and a Nivel 2 service, and an inactive Nivel 3 one
    customer = await customer_with(("N1", True), ("N2", True), ("N3", False))

    # when they open a MEDIUM ticket on Monday 08:00 without naming a service
    clock.set(bogota(2026, 11, 23, 8, 0))
    ticket = await open_ticket(customer, "backup_restore")

    # then Nivel 2's 2-3 business hours apply, not Nivel 1's nor the inactive Nivel 3's
    assert ticket.sla_level_id == (await SupportLevel.get(code="N2")).id
    assert ticket.first_response_expected_at == bogota(2026, 11, 23, 10, 0)
    assert ticket.first_response_due_at == bogota(2026, 11, 23, 11, 0)


async def test_the_named_service_decides_even_when_a_better_one_exists() -> None:
    # given a customer with a Nivel 1 and a Nivel 3 service
    customer = await customer_with(("N1", True), ("N3", True))
    basic = await Service.get(customer_id=customer.id, name="Servicio N1")

    # when they open a MEDIUM ticket about the Nivel 1 service
    clock.set(bogota(2026, 11, 23, 8, 0))
    ticket = await open_ticket(customer, "backup_restore", service=basic)

    # then Nivel 1's 3-5 business hours apply
    assert ticket.sla_level_id == (await SupportLevel.get(code="N1")).id
    assert ticket.first_response_due_at == bogota(2026, 11, 23, 13, 0)


async def test_a_later_change_of_level_or_targets_does_not_rewrite_the_promise() -> None:
    # given a Nivel 1 MEDIUM ticket opened Tuesday 08:00 (due 13:00)
    customer = await customer_with(("N1", True))
    service = await Service.get(customer_id=customer.id)
    clock.set(bogota(2026, 11, 24, 8, 0))
    ticket = await open_ticket(customer, "backup_restore", service=service)

    # when the service moves to Nivel 3 and Nivel 1's MEDIUM target shrinks, and an agent
    # then raises the ticket to HIGH and back to MEDIUM at 08:30 (a recomputation)
    await Service.filter(id=service.id).update(
        support_level_id=(await SupportLevel.get(code="N3")).id
    )
    await set_target("N1", Impact.MEDIUM, first_response_due_minutes=200)
    clock.set(bogota(2026, 11, 24, 8, 30))
    agent = await agent_viewer()
    for impact in (Impact.HIGH, Impact.MEDIUM):
        await triage_ticket(viewer=agent, ticket_id=ticket.id, triage=Triage(impact=impact))
    await set_target("N1", Impact.MEDIUM, first_response_due_minutes=300)
    triaged = await Ticket.get(id=ticket.id)

    # then it is still held to Nivel 1's terms when it opened: due 13:00, not 09:00 or 11:20
    assert triaged.sla_level_id == (await SupportLevel.get(code="N1")).id
    assert triaged.first_response_due_at == bogota(2026, 11, 24, 13, 0)


async def test_the_report_groups_by_the_level_a_ticket_started_with() -> None:
    # given a Nivel 1 ticket opened and answered on Wednesday, then its service moved to N3
    customer = await customer_with(("N1", True))
    service = await Service.get(customer_id=customer.id)
    clock.set(bogota(2026, 11, 25, 8, 0))
    ticket = await open_ticket(customer, "backup_restore", service=service)
    clock.set(bogota(2026, 11, 25, 9, 0))
    await reply_to_ticket(viewer=await agent_viewer(), ticket_id=ticket.id, body="Hecho.")
    await Service.filter(id=service.id).update(
        support_level_id=(await SupportLevel.get(code="N3")).id
    )

    # when a supervisor reads the report of that day
    start = bogota(2026, 11, 25, 0, 0)
    rows = await sla_report(
        viewer=await agent_viewer("supervisor@mesa.example"),
        start=start,
        end=start + timedelta(days=1),
    )

    # then the ticket counts under Nivel 1 MEDIUM, answered in time after one business hour
    assert [
        (row.support_level.code, row.impact, row.tickets, row.first_responses_met) for row in rows
    ] == [("N1", Impact.MEDIUM, 1, 1)]
    assert rows[0].median_seconds_to_first_response == 3600


async def test_a_check_of_a_nivel_3_ticket_breaches_at_its_own_due_time() -> None:
    # given a Nivel 3 customer's LOW ticket opened Saturday 10:00 without a service
    customer = await customer_with(("N3", True))
    clock.set(bogota(2026, 11, 28, 10, 0))
    ticket = await open_ticket(customer, "how_to")

    # when the check runs at 11:00 the same Saturday (outside business hours)
    clock.set(bogota(2026, 11, 28, 11, 0))
    recorded = await check_ticket_sla(ticket_id=ticket.id)

    # then both the warning and the breach are recorded
    assert recorded == 2
    assert (await Ticket.get(id=ticket.id)).status is TicketStatus.NEW
