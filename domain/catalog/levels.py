"""What admins change in the catalogue beyond renaming: new support levels, the calendar a
level counts business hours in, and retiring levels, departments and categories."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Literal

from tortoise.exceptions import IntegrityError

from domain.catalog import audit
from domain.errors import Conflict, NotFound, ValidationFailed
from domain.identity.access import require_admin
from domain.identity.viewer import Viewer
from domain.models import (
    BusinessCalendar,
    Category,
    Channel,
    ChannelCondition,
    Department,
    SupportLevel,
)
from domain.uow import unit_of_work

LEVEL_FIELDS = (
    "code",
    "name",
    "rank",
    "description",
    "monthly_price",
    "currency",
    "channels",
    "channel_conditions",
    "calendar_id",
    "is_active",
)
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
Retirable = Literal["support_level", "department", "category"]
_RETIRABLE: dict[str, type[SupportLevel] | type[Department] | type[Category]] = {
    "support_level": SupportLevel,
    "department": Department,
    "category": Category,
}
_FIELD = {"support_level": "supportLevelId", "department": "departmentId", "category": "categoryId"}


def _price(monthly_price: str | None, currency: str | None) -> tuple[Decimal | None, str | None]:
    if monthly_price is None and currency is None:
        return None, None
    try:
        price = Decimal(str(monthly_price)).quantize(Decimal("0.01"))
        if not price.is_finite() or not 0 <= price < Decimal("1e12"):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ValidationFailed(
            "Give the monthly price as an amount such as 120900 or 19.99. / Indique el precio "
            "mensual como un importe, por ejemplo 120900 o 19.99.",
            field="monthlyPrice",
        ) from None
    code = (currency or "").strip().upper()
    if not _CURRENCY.match(code):
        raise ValidationFailed(
            "Give the currency as an ISO 4217 code such as COP. / Indique la moneda con su "
            "código ISO 4217, por ejemplo COP.",
            field="currency",
        )
    return price, code


async def create_support_level(
    *,
    viewer: Viewer | None,
    code: str,
    name: str,
    rank: int,
    channels: Mapping[Channel, ChannelCondition],
    description: str = "",
    monthly_price: str | None = None,
    currency: str | None = None,
    calendar_id: int | None = None,
) -> SupportLevel:
    """Add a support level (admins); its targets are set per impact with setSlaTarget."""
    viewer = require_admin(viewer)
    code = code.strip().upper()
    if not _CODE.match(code):
        raise ValidationFailed(
            "The code takes 1 to 32 letters, digits, '_' or '-'. / El código admite de 1 a 32 "
            "letras, dígitos, '_' o '-'.",
            field="code",
        )
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise ValidationFailed(
            "The name needs 1 to 100 characters. / El nombre necesita de 1 a 100 caracteres.",
            field="name",
        )
    if not 1 <= rank <= 1000:
        raise ValidationFailed(
            "The rank is a number from 1 to 1000. / El rango es un número de 1 a 1000.",
            field="rank",
        )
    if not channels:
        raise ValidationFailed(
            "A level includes at least one channel. / Un nivel incluye al menos un canal.",
            field="channels",
        )
    price, money = _price(monthly_price, currency)
    if calendar_id is not None:
        await _calendar(calendar_id)
    try:
        async with unit_of_work() as uow:
            level = await SupportLevel.create(
                code=code,
                name=name,
                rank=rank,
                description=description.strip()[:2000],
                monthly_price=price,
                currency=money,
                channels=[channel.value for channel in channels],
                channel_conditions={
                    channel.value: condition.value
                    for channel, condition in channels.items()
                    if condition is not ChannelCondition.ALWAYS
                },
                calendar_id=calendar_id,
                using_db=uow.connection,
            )
            await audit.record(
                uow.connection,
                actor=viewer,
                action="support_level.create",
                entity="support_level",
                entity_id=level.id,
                before=None,
                after=audit.snapshot(level, LEVEL_FIELDS),
            )
    except IntegrityError as error:
        raise Conflict(
            "A support level already has this code. / Otro nivel de soporte ya tiene este código.",
            field="code",
        ) from error
    return level


async def _calendar(calendar_id: int) -> BusinessCalendar:
    calendar = await BusinessCalendar.get_or_none(id=calendar_id)
    if calendar is None:
        raise NotFound("Unknown calendar. / Calendario desconocido.", field="calendarId")
    return calendar


async def set_support_level_calendar(
    *, viewer: Viewer | None, support_level_id: int, calendar_id: int | None
) -> SupportLevel:
    """Count a level's business hours in this calendar (None: the level has no calendar).
    Deadlines already stored stay as promised; new ones use the calendar."""
    viewer = require_admin(viewer)
    if calendar_id is not None:
        await _calendar(calendar_id)
    async with unit_of_work() as uow:
        level = await SupportLevel.filter(id=support_level_id).using_db(uow.connection).first()
        if level is None:
            raise NotFound(
                "Unknown support level. / Nivel de soporte desconocido.", field="supportLevelId"
            )
        before = {"calendar_id": level.calendar_id}
        if level.calendar_id != calendar_id:
            level.calendar_id = calendar_id
            await level.save(using_db=uow.connection, update_fields=["calendar_id"])
            await audit.record(
                uow.connection,
                actor=viewer,
                action="support_level.set_calendar",
                entity="support_level",
                entity_id=level.id,
                before=before,
                after={"calendar_id": calendar_id},
            )
    return level


async def set_active(
    *, viewer: Viewer | None, kind: Retirable, entity_id: int, is_active: bool
) -> SupportLevel | Department | Category:
    """Retire (or bring back) a level, department or category; nothing that uses it changes,
    but nothing new can choose it."""
    viewer = require_admin(viewer)
    model = _RETIRABLE[kind]
    async with unit_of_work() as uow:
        row: SupportLevel | Department | Category | None = (
            await model.filter(id=entity_id).using_db(uow.connection).first()
        )
        if row is None:
            raise NotFound("Not found. / No encontrado.", field=_FIELD[kind])
        if row.is_active != is_active:
            await model.filter(id=entity_id).using_db(uow.connection).update(is_active=is_active)
            await audit.record(
                uow.connection,
                actor=viewer,
                action=f"{kind}.{'activate' if is_active else 'deactivate'}",
                entity=kind,
                entity_id=entity_id,
                before={"is_active": row.is_active},
                after={"is_active": is_active},
            )
            row.is_active = is_active
    return row
