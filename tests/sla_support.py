"""Shared steps of the SLA tests: a demo database of the module's own, viewers, tickets."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.clock import clock
from domain.identity.auth import viewer_for_customer, viewer_for_staff
from domain.identity.viewer import Viewer
from domain.models import Category, Channel, Customer, Impact, Service, SlaTarget, Staff, Ticket
from domain.tickets.actions import NewTicket, create_ticket
from domain.tickets.drafts import TicketDraft

BOGOTA = ZoneInfo("America/Bogota")


def bogota(*args: int) -> datetime:
    return datetime(*args, tzinfo=BOGOTA)


async def customer_viewer(client_number: str = "C-1001") -> Viewer:
    return viewer_for_customer(await Customer.get(client_number=client_number))


async def agent_viewer(email: str = "agent@mesa.example") -> Viewer:
    return await viewer_for_staff(await Staff.get(email=email))


async def open_ticket_at(moment: datetime, category: str, client_number: str = "C-1001") -> Ticket:
    """A customer opens a ticket on their service at `moment` (the clock stays there)."""
    clock.set(moment)
    viewer, data = await new_ticket_of(client_number, category)
    ticket = await create_ticket(viewer=viewer, data=data)
    return await Ticket.get(id=ticket.id)


async def new_ticket_of(client_number: str, category: str) -> tuple[Viewer, NewTicket]:
    """A customer, and a ticket they may open on their service."""
    customer = await Customer.get(client_number=client_number)
    service = await Service.filter(customer_id=customer.id).order_by("id").first()
    assert service is not None
    data = NewTicket(
        subject="No funciona",
        message="Ayuda, por favor.",
        category_id=(await Category.get(code=category)).id,
        service_id=service.id,
    )
    return viewer_for_customer(customer), data


async def draft_of(
    subject: str, client_number: str = "C-1001", category: str = "backup_restore"
) -> tuple[Viewer, TicketDraft]:
    """A customer, and the draft of a ticket they open on their service (for a test that
    writes it in a unit of work of its own: domain.tickets.actions.insert_ticket)."""
    viewer, data = await new_ticket_of(client_number, category)
    found = await Category.get(code=category).prefetch_related("department")
    draft = TicketDraft(
        customer=await Customer.get(client_number=client_number),
        service=await Service.get(id=data.service_id),
        department=found.department,
        category=found,
        subject=subject,
        body="Ayuda, por favor.",
        priority=Impact.MEDIUM,
        impact=Impact.MEDIUM,
        channel=Channel.WEB,
    )
    return viewer, draft


async def set_target(level: str, impact: Impact, **minutes: int | None) -> None:
    await SlaTarget.filter(support_level__code=level, impact=impact).update(**minutes)
