"""Looking people and reference data up, scoped to what the viewer may see."""

from __future__ import annotations

from tortoise.expressions import Q, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.identity.access import (
    TICKETS_READ,
    may_see_internal,
    require_staff,
    require_viewer,
    visible_tickets,
)
from domain.identity.away import available
from domain.identity.viewer import Viewer
from domain.kb.announcements import announcement_for
from domain.kb.articles import readable_statuses
from domain.models import (
    Article,
    Attachment,
    AuditEntry,
    BlockedSender,
    BusinessCalendar,
    Category,
    Customer,
    Department,
    Message,
    Service,
    Staff,
    SupportLevel,
    TicketEvent,
    WebhookDelivery,
)
from domain.pagination import Direction, Page, Position, keyset_page

PUBLIC_MODELS: dict[str, type[Model]] = {
    "Department": Department,
    "Category": Category,
    "SupportLevel": SupportLevel,
}


async def find_visible(viewer: Viewer | None, type_name: str, pk: int) -> Model | None:
    """The object behind a global ID if the viewer may see it, else None (no oracle)."""
    if type_name in PUBLIC_MODELS:
        return await PUBLIC_MODELS[type_name].get_or_none(id=pk)
    if type_name == "Article":
        return await Article.get_or_none(id=pk, status__in=readable_statuses(viewer))
    if type_name == "Announcement":
        return await announcement_for(viewer, pk)
    if viewer is None:
        return None
    if type_name == "Attachment":
        return await _visible_attachment(viewer, pk)
    if type_name == "AuditEntry":
        return await AuditEntry.get_or_none(id=pk) if viewer.is_admin else None
    if type_name == "BlockedSender":
        return await BlockedSender.get_or_none(id=pk) if viewer.is_staff else None
    if type_name == "BusinessCalendar":
        return await BusinessCalendar.get_or_none(id=pk) if viewer.is_staff else None
    if type_name == "Ticket":
        return await visible_tickets(viewer).get_or_none(id=pk)
    if type_name in ("Message", "TicketEvent"):
        model = Message if type_name == "Message" else TicketEvent
        row = await model.get_or_none(id=pk)
        if row is None or not await visible_tickets(viewer).filter(id=row.ticket_id).exists():
            return None
        internal = row.is_internal if isinstance(row, Message) else row.internal
        return None if internal and not may_see_internal(viewer) else row
    if type_name == "Customer":
        return await visible_customers(viewer).get_or_none(id=pk)
    if type_name == "Service":
        return await Service.filter(
            id=pk, customer_id__in=Subquery(visible_customers(viewer).values("id"))
        ).first()
    if type_name == "Staff":
        return await Staff.get_or_none(id=pk) if viewer.is_staff else None
    if type_name == "WebhookDelivery":
        return await _visible_delivery(viewer, pk)
    return None


async def _visible_delivery(viewer: Viewer, pk: int) -> WebhookDelivery | None:
    """A webhook delivery, for admins and for the partner whose webhook it went to."""
    row = await WebhookDelivery.get_or_none(id=pk).select_related("webhook")
    if row is None:
        return None
    own = viewer.has_scope(TICKETS_READ) and row.webhook.partner_id == viewer.partner_id
    if not (viewer.is_admin or own):
        return None
    await WebhookDelivery.fetch_for_list([row], "attempt_log")
    return row


async def _visible_attachment(viewer: Viewer, pk: int) -> Attachment | None:
    """A file whose ticket the viewer sees; an internal note's for staff only."""
    attachment = await Attachment.get_or_none(id=pk)
    if attachment is None:
        return None
    if not await visible_tickets(viewer).filter(id=attachment.ticket_id).exists():
        return None
    message = await Message.get(id=attachment.message_id)
    return None if message.is_internal and not may_see_internal(viewer) else attachment


def visible_customers(viewer: Viewer) -> QuerySet[Customer]:
    """Staff see every customer, a customer themselves, a partner the customers it brought."""
    if viewer.is_staff or viewer.is_system:
        return Customer.all()
    if viewer.is_customer:
        return Customer.filter(id=viewer.customer_id)
    if viewer.is_partner and viewer.scopes:
        return Customer.filter(partner_id=viewer.partner_id)
    return Customer.filter(id__isnull=True)


async def list_customers(
    *, viewer: Viewer | None, search: str | None, first: int | None, after: Position | None
) -> Page[Customer]:
    """Customers for the desk, optionally matching a name, email or client number."""
    require_staff(viewer)
    query = Customer.all()
    if search and search.strip():
        term = search.strip()[:100]
        query = query.filter(
            Q(name__icontains=term) | Q(email__icontains=term) | Q(client_number__icontains=term)
        )
    return await keyset_page(
        query, sort_field="id", direction=Direction.ASC, first=first, after=after
    )


async def list_services(*, viewer: Viewer | None, customer_id: int | None) -> list[Service]:
    """A customer's services: their own for customers, any customer's for staff."""
    viewer = require_viewer(viewer)
    if viewer.is_customer and customer_id is None:
        customer_id = viewer.customer_id
    if customer_id is None or not await visible_customers(viewer).filter(id=customer_id).exists():
        return []
    return await Service.filter(customer_id=customer_id).order_by("id")


async def list_staff(
    *,
    viewer: Viewer | None,
    department_id: int | None,
    include_inactive: bool,
    available_only: bool = False,
) -> list[Staff]:
    """Staff for assign pickers (staff): by name, active ones unless asked otherwise, and
    only those not away with `available_only`."""
    require_staff(viewer)
    query = Staff.all()
    if available_only:
        query = available(query)
    if not include_inactive:
        query = query.filter(is_active=True)
    if department_id is not None:
        query = query.filter(departments__id=department_id)
    return await query.order_by("name", "id")


async def current_person(viewer: Viewer | None) -> Customer | Staff | None:
    if viewer is None:
        return None
    if viewer.is_customer:
        return await Customer.get_or_none(id=viewer.customer_id)
    if viewer.is_staff:
        return await Staff.get_or_none(id=viewer.staff_id)
    return None
