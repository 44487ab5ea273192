"""Guests open tickets on the web (seed 002, "Enviar un ticket"): no account, just a name, an
email and a language. The tracking ID is mailed to the address (the acknowledgement) and a
guest pass for that one ticket comes back, so the page can show it at once.

Floods are held back before anything is written: a honeypot field a person never fills,
then attempts per client address and per email address; with MESA_GUEST_CONFIRMATION set, a
ticket from a new address waits for the address to be confirmed (domain.tickets.held). Files
are attached afterwards with the guest pass (a multipart request must carry a bearer token:
CSRF, and no anonymous upload ever reaches the disk).

A retried create (api.core.idempotency) is told by the guest's email and the idempotency key:
it gets the first ticket and a fresh pass for it, and nothing is mailed again. A pass opens
what the retry's sender wrote themselves, and only a sender who knows the email, the key (a
long random one: domain.idempotency refuses short keys without a viewer) and the exact
subject and message gets one: the same key with anything else is a CONFLICT. The tracking ID
and email alone (guestAccess) open the ticket too, so a retry reveals nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from tortoise.exceptions import IntegrityError

from domain.custom_fields.values import clean_new_ticket_values
from domain.email import senders
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.auth import IssuedToken, issue_token, viewer_for_guest
from domain.identity.guests import GUEST_TTL
from domain.identity.ratelimit import Limit, check
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import Channel, Impact, Language, Ticket, TokenKind
from domain.tickets import held
from domain.tickets.actions import TRACKING_ID_ATTEMPTS, NewTicket, insert_ticket, staff_to_alert
from domain.tickets.changes import clean_body, clean_subject
from domain.tickets.drafts import TicketDraft, create_ticket_row
from domain.tickets.placement import resolve_placement
from domain.uow import unit_of_work

ADDRESS_LIMIT = Limit("guest-ticket-address", attempts=10, window_seconds=3600)
EMAIL_LIMIT = Limit("guest-ticket-email", attempts=5, window_seconds=3600)
NAME_MAX = 200


@dataclass(frozen=True)
class GuestRequester:
    name: str
    email: str
    language: Language = Language.ES


@dataclass(frozen=True)
class GuestTicket:
    ticket: Ticket
    # None while the ticket is held for the address's confirmation.
    access: IssuedToken | None


def _clean_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValidationFailed(
            "Escriba un correo válido. / Give a valid email address.", field="guest.email"
        ) from None


def retry_identity(guest: GuestRequester) -> str | None:
    """Whom a guest's retried create is for (idempotency keys without a viewer): the
    normalised email, or None when it is not an address (the create refuses it anyway)."""
    try:
        return _clean_email(guest.email)
    except ValidationFailed:
        return None


async def retried(ticket_id: int) -> GuestTicket:
    """What a retried guest create gets: the first ticket, and a fresh pass unless it is held."""
    ticket = await Ticket.get_or_none(id=ticket_id)
    if ticket is not None:
        return GuestTicket(ticket, await _pass(ticket))
    waiting = await Ticket.held_rows().get_or_none(id=ticket_id)
    if waiting is None:
        # Held, never confirmed, and swept.
        raise NotFound(held.INVALID_LINK, field="idempotencyKey")
    return GuestTicket(waiting, None)


async def _pass(ticket: Ticket) -> IssuedToken:
    raw, record = await issue_token(TokenKind.GUEST, ticket=ticket, ttl=GUEST_TTL)
    return IssuedToken(raw, record.expires_at, viewer_for_guest(ticket, record.id))


async def confirm_guest_ticket(*, token: str) -> tuple[Ticket, IssuedToken]:
    """The guest followed the mailed link: the held ticket enters the queue, with a pass."""
    ticket = await held.confirm_guest_ticket(token=token)
    return ticket, await _pass(ticket)


def _clean_guest(guest: GuestRequester) -> GuestRequester:
    name = " ".join(guest.name.split())
    if not name or len(name) > NAME_MAX:
        raise ValidationFailed(
            f"Escriba su nombre (1 a {NAME_MAX} caracteres). / Give your name (1 to "
            f"{NAME_MAX} characters).",
            field="guest.name",
        )
    return GuestRequester(name=name, email=_clean_email(guest.email), language=guest.language)


def _refuse_what_guests_cannot_choose(data: NewTicket) -> None:
    """A guest has no customer, service or earlier ticket to name, and attaches files later."""
    for value, field in (
        (data.customer_id, "customerId"),
        (data.service_id, "serviceId"),
        (data.about_ticket, "aboutTicket"),
    ):
        if value is not None:
            raise ValidationFailed(
                "Inicie sesión para elegir esto. / Log in to choose this.", field=field
            )
    if data.channel not in (None, Channel.WEB):
        raise ValidationFailed(
            "Los invitados escriben desde la web. / Guests write from the web.", field="channel"
        )
    if data.attachments:
        raise ValidationFailed(
            "Adjunte los archivos con el pase de invitado, respondiendo al ticket. / Attach "
            "files with the guest pass, by replying to the ticket.",
            field="attachments",
        )


async def open_guest_ticket(
    *,
    viewer: Viewer | None,
    guest: GuestRequester,
    data: NewTicket,
    honeypot: str | None,
    client_address: str,
) -> GuestTicket:
    """Open a web ticket for a guest, mail its tracking ID, and return a pass for it; or,
    from an address to confirm first, hold it and mail the confirmation link (no pass)."""
    if viewer is not None:
        raise ValidationFailed(
            "Con sesión iniciada el ticket es suyo: quite `guest`. / Signed in, the ticket is "
            "yours: leave `guest` out.",
            field="guest",
        )
    if honeypot:
        # A field hidden from people: whoever filled it is a script.
        raise ValidationFailed(
            "No se pudo enviar el ticket. / The ticket could not be sent.", field="honeypot"
        )
    guest = _clean_guest(guest)
    await check(ADDRESS_LIMIT, [client_address])
    await check(EMAIL_LIMIT, [guest.email])
    if await senders.blocked(guest.email) is not None:
        # Refused in words that do not tell a spammer they are blocked (or which rule did it).
        raise NotAllowed("The ticket could not be sent. / No se pudo enviar el ticket.")
    _refuse_what_guests_cannot_choose(data)
    subject, body = clean_subject(data.subject), clean_body(data.message)
    department, category = await resolve_placement(data.category_id, data.department_id)
    author = Viewer(kind=ViewerKind.GUEST, name=guest.name, language=guest.language)
    custom_values = await clean_new_ticket_values(
        author,
        department_id=department.id,
        category_id=category.id if category else None,
        inputs=data.custom_fields,
    )
    draft = TicketDraft(
        customer=None,
        service=None,
        department=department,
        category=category,
        subject=subject,
        body=body,
        priority=data.priority,
        impact=category.default_impact if category else Impact.MEDIUM,
        channel=Channel.WEB,
        guest_name=guest.name,
        guest_email=guest.email,
        guest_language=guest.language,
        custom_values=custom_values,
    )
    if await held.needs_confirmation(guest.email):
        writer = held.Held(name=guest.name, email=guest.email, language=guest.language)
        return GuestTicket(await _insert(author, draft, hold=writer), None)
    ticket = await _insert(author, draft)
    return GuestTicket(ticket, await _pass(ticket))


async def _insert(author: Viewer, draft: TicketDraft, *, hold: held.Held | None = None) -> Ticket:
    staff = await staff_to_alert(draft) if hold is None else None  # read before it begins
    for attempt in range(TRACKING_ID_ATTEMPTS):
        try:
            async with unit_of_work() as uow:
                if hold is None:
                    return await insert_ticket(uow, author, draft, last=True, staff=staff)
                ticket = await create_ticket_row(uow, draft, held_until=held.held_until())
                return await held.hold_ticket(uow, ticket, hold, draft.body)
        except IntegrityError:
            # A tracking ID collision (about one in 10^13): draw another.
            if attempt == TRACKING_ID_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
