"""The requester's answer: good, neutral or bad, with a comment; one per ticket, changeable
for a while after it was first given (survey.CHANGE_WINDOW), then final.

Two ways in: the token of the mailed link, without logging in (a guest has no account), or a
logged-in customer or guest naming their own resolved or closed ticket. Every refusal is a
typed error and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import (
    InvalidTransition,
    NotAllowed,
    NotFound,
    RatingWindowExpired,
    ValidationFailed,
)
from domain.identity.access import TicketRef, get_visible_ticket, require_viewer
from domain.identity.auth import digest, viewer_for_customer, viewer_for_guest
from domain.identity.viewer import Viewer
from domain.models import (
    AuthToken,
    Customer,
    EventKind,
    SatisfactionRating,
    Ticket,
    TicketRating,
    TokenKind,
)
from domain.satisfaction.survey import changeable_until
from domain.tickets.changes import record_event
from domain.tickets.lifecycle import ENDED
from domain.uow import UnitOfWork, unit_of_work

COMMENT_MAX = 2000
TOKEN_MAX = 200

INVALID_LINK = (
    "This rating link is not valid or has expired. / Este enlace de valoración no es válido o "
    "caducó."
)
SURVEY_OFF = (
    "Satisfaction ratings are turned off. / Las valoraciones de satisfacción están desactivadas."
)
NOT_ENDED = (
    "Only a resolved or closed ticket can be rated. / Solo se puede valorar un ticket resuelto "
    "o cerrado."
)
REQUESTERS_ONLY = (
    "Only the customer or guest who opened the ticket can rate it. / Solo el cliente o "
    "invitado que abrió el ticket puede valorarlo."
)
ONE_WAY_IN = (
    "Give either the token of the rating link or the ticket's ID. / Indique el código del "
    "enlace de valoración o el ID del ticket, no ambos."
)


@dataclass(frozen=True)
class Survey:
    """A rated (or still unrated) ticket as the rating page shows it."""

    ticket: Ticket
    rating: TicketRating | None

    @property
    def changeable_until(self) -> datetime | None:
        return changeable_until(self.rating) if self.rating is not None else None


def clean_comment(comment: str | None) -> str | None:
    """None keeps the comment given before; blank clears it."""
    if comment is None:
        return None
    text = comment.replace("\x00", "").strip()
    if len(text) > COMMENT_MAX:
        raise ValidationFailed(
            f"Write at most {COMMENT_MAX} characters. / Escriba como máximo {COMMENT_MAX} "
            "caracteres.",
            field="comment",
        )
    return text


def _require_survey() -> None:
    if not get_settings().satisfaction_survey:
        raise NotAllowed(SURVEY_OFF)


async def _link(token: str) -> AuthToken:
    """The link's token: one lookup by its hash; expired or unknown is one answer."""
    record = await AuthToken.get_or_none(
        token_hash=digest(token.strip()[:TOKEN_MAX]), kind=TokenKind.SATISFACTION
    )
    if record is None or record.ticket_id is None or record.expires_at <= utcnow():
        raise NotFound(INVALID_LINK, field="token")
    return record


async def survey_for_link(*, token: str) -> Survey:
    """What a rating link opens: the ticket's number, subject and answer so far."""
    _require_survey()
    record = await _link(token)
    ticket = await Ticket.get_or_none(id=record.ticket_id)
    if ticket is None:
        raise NotFound(INVALID_LINK, field="token")
    return Survey(ticket, await TicketRating.get_or_none(ticket_id=ticket.id))


async def rate_by_link(
    *, token: str, rating: SatisfactionRating, comment: str | None = None
) -> Survey:
    """Rate the ticket the mailed link names, without logging in."""
    _require_survey()
    text = clean_comment(comment)
    record = await _link(token)
    assert record.ticket_id is not None
    return await _rate(record.ticket_id, None, rating, text)


async def rate_ticket(
    *,
    viewer: Viewer | None,
    ticket_id: TicketRef,
    rating: SatisfactionRating,
    comment: str | None = None,
) -> Survey:
    """A logged-in customer or guest rates their own resolved or closed ticket."""
    _require_survey()
    viewer = require_viewer(viewer)
    if not (viewer.is_customer or viewer.is_guest):
        raise NotAllowed(REQUESTERS_ONLY)
    text = clean_comment(comment)
    ticket = await get_visible_ticket(viewer, ticket_id)
    return await _rate(ticket.id, viewer, rating, text)


async def _rater(uow: UnitOfWork, ticket: Ticket) -> Viewer:
    """Who answers through a link: the ticket's customer or guest."""
    if ticket.customer_id is not None:
        customer = await Customer.get(id=ticket.customer_id, using_db=uow.connection)
        return viewer_for_customer(customer)
    return viewer_for_guest(ticket)


def _answer(rating: TicketRating | None) -> dict[str, str | None] | None:
    if rating is None:
        return None
    return {"rating": rating.rating.value, "comment": rating.comment}


async def _rate(
    ticket_id: int, viewer: Viewer | None, rating: SatisfactionRating, comment: str | None
) -> Survey:
    now = utcnow()
    async with unit_of_work() as uow:
        # The ticket's lock serialises two answers to one ticket (two clicks, two tabs).
        ticket = (
            await Ticket.filter(id=ticket_id).using_db(uow.connection).select_for_update().first()
        )
        if ticket is None:
            raise NotFound(INVALID_LINK, field="token")
        if ticket.status not in ENDED:
            raise InvalidTransition(NOT_ENDED, field="ticketId")
        rater = viewer or await _rater(uow, ticket)
        row = await TicketRating.get_or_none(ticket_id=ticket.id, using_db=uow.connection)
        before = _answer(row)
        if row is None:
            row = await TicketRating.create(
                ticket_id=ticket.id,
                rating=rating,
                comment=comment or None,
                agent_id=ticket.assignee_id,
                department_id=ticket.department_id,
                rated_at=now,
                changed_at=now,
                using_db=uow.connection,
            )
            # The links work at least as long as the answer can change.
            await (
                AuthToken.filter(
                    ticket_id=ticket.id,
                    kind=TokenKind.SATISFACTION,
                    expires_at__lt=changeable_until(row),
                )
                .using_db(uow.connection)
                .update(expires_at=changeable_until(row))
            )
        else:
            if now > changeable_until(row):
                until = changeable_until(row).strftime("%Y-%m-%d %H:%M")
                raise RatingWindowExpired(
                    f"This ticket's rating can no longer change (it could until {until} UTC). "
                    f"/ La valoración de este ticket ya no se puede cambiar (se podía hasta el "
                    f"{until} UTC).",
                    field="rating",
                )
            after = {
                "rating": rating.value,
                "comment": row.comment if comment is None else comment or None,
            }
            if after == before:
                return Survey(ticket, row)  # the same answer again: nothing changes
            await (
                TicketRating.filter(id=row.id)
                .using_db(uow.connection)
                .update(rating=rating, comment=after["comment"], changed_at=now)
            )
            row = await TicketRating.get(id=row.id, using_db=uow.connection)
        await record_event(
            uow, ticket, EventKind.SATISFACTION_RATED, rater, before=before, after=_answer(row)
        )
    return Survey(ticket, row)


async def ratings_by_ticket(ticket_ids: list[int]) -> dict[int, TicketRating]:
    """The answers of these tickets, in one query (the API's loader)."""
    rows = await TicketRating.filter(ticket_id__in=ticket_ids)
    return {row.ticket_id: row for row in rows}
