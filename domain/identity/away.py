"""Out of office: an agent marked away (by themselves or an admin, optionally until a date)
is skipped by automatic assignment; assigning them by hand is still allowed, and their
tickets show it."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from domain.catalog import audit
from domain.clock import utcnow
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.models import Staff
from domain.uow import unit_of_work


def is_away(staff: Staff, now: datetime | None = None) -> bool:
    """Away now: marked away, and the return date (if any) has not come."""
    moment = now or utcnow()
    return bool(staff.away) and (staff.away_until is None or staff.away_until > moment)


def available(query: QuerySet[Staff], now: datetime | None = None) -> QuerySet[Staff]:
    """Narrow a staff query to those not away: what any automatic assignment picks from."""
    moment = now or utcnow()
    return query.filter(Q(away=False) | Q(away_until__lte=moment))


async def set_away(
    *,
    viewer: Viewer | None,
    away: bool,
    until: datetime | None = None,
    staff_id: int | None = None,
) -> Staff:
    """Mark a staff member away (until a date, or until marked back) or back: themselves,
    or anyone for admins."""
    viewer = require_staff(viewer)
    target = viewer.staff_id if staff_id is None else staff_id
    if target != viewer.staff_id and not viewer.is_admin:
        raise NotAllowed(
            "Only administrators mark others away. / Solo los administradores marcan ausente "
            "a otra persona.",
            field="staffId",
        )
    if not away and until is not None:
        raise ValidationFailed(
            "A return date goes with away: true. / Una fecha de regreso va con away: true.",
            field="until",
        )
    if until is not None and until <= utcnow():
        raise ValidationFailed(
            "The return date must be in the future. / La fecha de regreso debe ser futura.",
            field="until",
        )
    async with unit_of_work() as uow:
        staff = await Staff.filter(id=target).using_db(uow.connection).select_for_update().first()
        if staff is None:
            raise NotFound("Unknown staff member.", field="staffId")
        before = audit.snapshot(staff, ("away", "away_until"))
        staff.away, staff.away_until = away, until if away else None
        await staff.save(using_db=uow.connection, update_fields=["away", "away_until"])
        await audit.record(
            uow.connection,
            actor=viewer,
            action="staff.set_away",
            entity="staff",
            entity_id=staff.id,
            before=before,
            after=audit.snapshot(staff, ("away", "away_until")),
        )
    return staff
