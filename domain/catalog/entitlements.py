"""Channel entitlements (seed 001): which channels a customer's support level includes, when."""

from __future__ import annotations

from datetime import datetime

from tortoise.exceptions import DoesNotExist

from domain.catalog.cache import cached
from domain.catalog.calendars import stored_calendar
from domain.clock import utcnow
from domain.errors import ChannelNotIncluded, ValidationFailed
from domain.models import BusinessCalendar as CalendarRow
from domain.models import (
    Channel,
    ChannelCondition,
    Customer,
    Service,
    SupportLevel,
    Ticket,
)
from domain.sla.calendar import BusinessCalendar

_CONDITION_TEXT = {
    ChannelCondition.ALWAYS: ("", ""),  # never shown: an ALWAYS channel is never refused
    ChannelCondition.BUSINESS_HOURS: (" in business hours", " en horario laboral"),
    ChannelCondition.EXISTING_TICKET: (
        " about an existing ticket",
        " sobre un ticket existente",
    ),
}


def condition_of(level: SupportLevel, channel: Channel) -> ChannelCondition | None:
    """How the level includes the channel, or None when it does not."""
    if channel.value not in level.channels:
        return None
    return ChannelCondition(level.channel_conditions.get(channel.value, ChannelCondition.ALWAYS))


async def calendar_of(level: SupportLevel) -> BusinessCalendar:
    """The level's opening hours as a calendar; a level without one is open around the clock."""
    if level.calendar_id is None:
        return BusinessCalendar.around_the_clock()
    return await calendar_by_id(level.calendar_id)


async def calendar_by_id(calendar_id: int) -> BusinessCalendar:
    """A stored calendar, with its country's public holidays and its own extra ones."""
    stored = await stored_calendar(calendar_id)
    if stored is None:
        raise DoesNotExist(CalendarRow)
    return stored.built()


async def level_of(customer: Customer, service: Service | None) -> SupportLevel:
    """The level a ticket of this customer is held to (see `level_for`)."""
    level = await level_for(customer_id=customer.id, service_id=service.id if service else None)
    assert level is not None, "a customer's ticket needs at least one support level"
    return level


async def level_for(*, customer_id: int | None, service_id: int | None) -> SupportLevel | None:
    """The one rule for channels and SLA alike: the named service's level; without one, the
    customer's best active level (their only service's, when they have one); a guest's ticket,
    the lowest level. None only when no level exists at all."""
    return await cached(
        "level_for",
        (customer_id, service_id),
        lambda: _level_for(customer_id=customer_id, service_id=service_id),
    )


async def _level_for(*, customer_id: int | None, service_id: int | None) -> SupportLevel | None:
    if service_id is not None:
        level = await SupportLevel.filter(services__id=service_id).first()
        if level is not None:
            return level
    if customer_id is not None:
        best = (
            await SupportLevel.filter(services__customer_id=customer_id, services__is_active=True)
            .order_by("-rank", "id")
            .first()
        )
        if best is not None:
            return best
    return await SupportLevel.all().order_by("rank", "id").first()


async def is_included(
    level: SupportLevel,
    channel: Channel,
    *,
    about_ticket: int | None,
    at: datetime,
) -> bool:
    condition = condition_of(level, channel)
    if condition is None:
        return False
    if condition is ChannelCondition.BUSINESS_HOURS:
        return (await calendar_of(level)).is_open(at)
    if condition is ChannelCondition.EXISTING_TICKET:
        return about_ticket is not None
    return True


async def require_channel(
    *,
    customer: Customer,
    service: Service | None,
    channel: Channel,
    about_ticket: int | None = None,
    at: datetime | None = None,
) -> SupportLevel:
    """Refuse a contact through a channel the customer's level does not include right now;
    returns that level (`level_of`)."""
    at = at or utcnow()
    if (
        about_ticket is not None
        and not await Ticket.filter(number=about_ticket, customer_id=customer.id).exists()
    ):
        raise ValidationFailed("Unknown ticket number.", field="aboutTicket")
    level = await level_of(customer, service)
    await require_level_channel(level, channel, about_ticket=about_ticket, at=at)
    return level


async def require_level_channel(
    level: SupportLevel, channel: Channel, *, about_ticket: int | None, at: datetime
) -> None:
    """Refuse the channel when the level does not include it at that moment."""
    if await is_included(level, channel, about_ticket=about_ticket, at=at):
        return
    own = condition_of(level, channel)
    higher = await SupportLevel.filter(rank__gt=level.rank).order_by("rank", "id")
    for candidate in higher:
        if await is_included(candidate, channel, about_ticket=about_ticket, at=at):
            raise _refusal(level, channel, candidate)
    # No level takes it right now (chat at night): name the lowest that includes it on other
    # terms, so the customer still learns where it is offered.
    for candidate in higher:
        if condition_of(candidate, channel) not in (None, own):
            raise _refusal(level, channel, candidate, now=False)
    raise _refusal(level, channel, None)


def _refusal(
    level: SupportLevel, channel: Channel, lowest: SupportLevel | None, *, now: bool = True
) -> ChannelNotIncluded:
    condition = condition_of(level, channel)
    if condition is None:
        english = f"{level.name} does not include {channel.value}"
        spanish = f"{level.name} no incluye {channel.value}"
    else:
        only_en, only_es = _CONDITION_TEXT[condition]
        english = f"{level.name} includes {channel.value} only{only_en}"
        spanish = f"{level.name} incluye {channel.value} solo{only_es}"
    if lowest is None:
        return ChannelNotIncluded(f"{english}. / {spanish}.", lowest_level=None)
    terms_en, terms_es = ("", "")
    if not now:
        terms_en, terms_es = _CONDITION_TEXT[
            condition_of(lowest, channel) or ChannelCondition.ALWAYS
        ]
    return ChannelNotIncluded(
        f"{english}; {lowest.name} includes it{terms_en}. / "
        f"{spanish}; {lowest.name} lo incluye{terms_es}.",
        lowest_level=lowest.name,
    )
