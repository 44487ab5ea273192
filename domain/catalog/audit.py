"""The audit log of administrative changes: who, what, the values before and after."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from domain.clock import utcnow
from domain.errors import DomainError
from domain.identity.access import require_admin
from domain.identity.viewer import Viewer
from domain.models import AuditEntry
from domain.pagination import Direction, Page, Position, keyset_page


def plain(value: Any) -> Any:
    """A value as JSON keeps it: amounts as text, dates in ISO 8601, enums by value."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def snapshot(row: Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: plain(getattr(row, name)) for name in names}


async def record(
    connection: BaseDBAsyncClient | None,
    *,
    actor: Viewer | str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Add an entry in the caller's transaction; unchanged values are left out of both sides."""
    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    await AuditEntry.create(
        actor_staff_id=actor.staff_id if isinstance(actor, Viewer) else None,
        actor_name=(actor.name if isinstance(actor, Viewer) else actor)[:200],
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        using_db=connection,
    )


Row = TypeVar("Row", bound=Model)


async def save_audited(
    connection: BaseDBAsyncClient,
    actor: Viewer,
    model: type[Row],
    row_id: int | None,
    values: dict[str, Any],
    *,
    audited: tuple[str, ...],
    entity: str,
    missing: DomainError,
    check_update: Callable[[Row], Awaitable[None]] | None = None,
) -> Row:
    """Create a row (no `row_id`) or change it, stamped `created_at`/`updated_at`, in the
    caller's transaction, with an `<entity>.create` or `<entity>.update` entry holding the
    audited fields before and after. `missing` is raised when the row to change is gone;
    `check_update` may refuse a change after seeing the row as it is."""
    now = utcnow()
    before: dict[str, Any] | None = None
    if row_id is None:
        row = await model.create(**values, created_at=now, updated_at=now, using_db=connection)
    else:
        existing = await model.filter(id=row_id).using_db(connection).first()
        if existing is None:
            raise missing
        if check_update is not None:
            await check_update(existing)
        before = snapshot(existing, audited)
        await model.filter(id=row_id).using_db(connection).update(**values, updated_at=now)
        row = await model.filter(id=row_id).using_db(connection).get()
    await record(
        connection,
        actor=actor,
        action=f"{entity}.{'create' if before is None else 'update'}",
        entity=entity,
        entity_id=row.pk,
        before=before,
        after=snapshot(row, audited),
    )
    return row


async def list_audit_entries(
    *, viewer: Viewer | None, first: int | None, after: Position | None
) -> Page[AuditEntry]:
    """The audit log, newest first (admins)."""
    require_admin(viewer)
    return await keyset_page(
        AuditEntry.all(), sort_field="id", direction=Direction.DESC, first=first, after=after
    )
