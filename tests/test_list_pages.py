"""A page of the ticket list sent as SQL built once per shape (domain.tickets.queries,
domain.prepared) holds the rows Tortoise's query of the same page holds: every viewer of the
demo data, filters alone and together, every order both ways, page after page (ties on the
sort key included), on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from domain.clock import utcnow
from domain.identity.auth import viewer_for_customer, viewer_for_staff
from domain.identity.viewer import Viewer
from domain.models import (
    Category,
    Channel,
    Customer,
    Department,
    Impact,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.pagination import Direction, Position
from domain.tickets import queries
from domain.tickets.queries import TicketFilter, TicketSort, list_tickets
from domain.tickets.tracking import new_tracking_id
from tests.own_database import demo_database

PAGE = 4
TICKETS = 30


@pytest.fixture(params=["sqlite", "postgres"])
async def tickets(request: pytest.FixtureRequest) -> AsyncIterator[dict[str, Any]]:
    async with demo_database(request) as _:
        yield await _fill()


async def _fill() -> dict[str, Any]:
    """Tickets spread over the demo's customers, departments, categories and agents, with
    moments shared by several (the pages' tie-breaker on the id)."""
    rolled = random.Random(21)
    customers = await Customer.all()
    departments = await Department.all()
    categories = await Category.all()
    staff = await Staff.all()
    start = utcnow() - timedelta(days=10)
    moments = [start + timedelta(hours=rolled.randrange(6)) for _ in range(TICKETS)]
    number = await Ticket.all().count()
    for index in range(TICKETS):
        number += 1
        await Ticket.create(
            number=number + 10_000,
            tracking_id=new_tracking_id(),
            customer=rolled.choice(customers),
            department=rolled.choice(departments),
            category=rolled.choice([None, *categories]),
            assignee=rolled.choice([None, *staff]),
            subject=f"Ticket {index}",
            priority=Impact.MEDIUM,
            impact=rolled.choice(list(Impact)),
            status=rolled.choice(list(TicketStatus)),
            channel=Channel.WEB,
            created_at=moments[index],
            updated_at=rolled.choice(moments),
            sla_due_at=rolled.choice([None, *moments]),
        )
    return {
        "customers": customers,
        "departments": departments,
        "categories": categories,
        "staff": staff,
        "moment": start + timedelta(hours=3),
    }


def _filters(data: dict[str, Any]) -> list[TicketFilter]:
    department, category = data["departments"][0], data["categories"][0]
    return [
        TicketFilter(),
        TicketFilter(statuses=(TicketStatus.NEW, TicketStatus.OPEN)),
        TicketFilter(statuses=(TicketStatus.SPAM,)),
        TicketFilter(impacts=(Impact.HIGH, Impact.LOW)),
        TicketFilter(department_id=department.id, category_id=category.id),
        TicketFilter(assignee_id=data["staff"][0].id),
        TicketFilter(unassigned=True, customer_id=data["customers"][0].id),
        TicketFilter(due_before=data["moment"], statuses=(TicketStatus.OPEN,)),
    ]


async def _viewers(data: dict[str, Any]) -> list[Viewer]:
    customers = [viewer_for_customer(customer) for customer in data["customers"]]
    return customers + [await viewer_for_staff(member) for member in data["staff"]]


async def _walk(
    viewer: Viewer, filters: TicketFilter, sort: TicketSort, direction: Direction
) -> list[Any]:
    """Every page of the list, in order: each row's id and columns, and the count."""
    seen: list[Any] = []
    after = None
    while True:
        page = await list_tickets(
            viewer=viewer,
            filters=filters,
            sort=sort,
            direction=direction,
            first=PAGE,
            after=after,
            columns={"subject", "status"},
        )
        seen.append([(row.id, row.subject, row.status) for row in page.items])
        if not page.has_next_page:
            seen.append(await page.count())
            return seen
        last = page.items[-1]
        after = Position(value=getattr(last, sort.value), id=last.id)


async def test_prepared_pages_hold_the_rows_tortoise_s_pages_hold(tickets: dict[str, Any]) -> None:
    walked = 0
    for viewer in await _viewers(tickets):
        for filters in _filters(tickets):
            for sort in TicketSort:
                for direction in Direction:
                    # When the list is read page by page, prepared, then by Tortoise
                    prepared = await _walk(viewer, filters, sort, direction)
                    queries.prepared_pages = False
                    try:
                        built = await _walk(viewer, filters, sort, direction)
                    finally:
                        queries.prepared_pages = True
                    # Then the same rows come in the same order, and the same count
                    assert prepared == built, (viewer.kind, viewer.role, filters, sort, direction)
                    walked += sum(len(page) for page in built[:-1])
    assert walked > 500  # lists with rows, and pages after pages


async def test_a_page_is_sent_as_sql_built_once_per_shape(tickets: dict[str, Any]) -> None:
    viewer = viewer_for_customer(tickets["customers"][0])
    first = await _walk(viewer, TicketFilter(), TicketSort.CREATED_AT, Direction.DESC)
    shapes = queries._pages(frozenset({"subject", "status", "id", "created_at"}))
    kept = len(shapes._sql)
    # Another customer's list, of the same shape: no new SQL
    other = viewer_for_customer(tickets["customers"][1])
    second = await _walk(other, TicketFilter(), TicketSort.CREATED_AT, Direction.DESC)
    assert len(shapes._sql) == kept >= 2  # a first page, and pages after a position
    assert first != second
