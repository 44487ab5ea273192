"""The audit log of administrative changes: who, what, the values before and after."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

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


async def list_audit_entries(
    *, viewer: Viewer | None, first: int | None, after: Position | None
) -> Page[AuditEntry]:
    """The audit log, newest first (admins)."""
    require_admin(viewer)
    return await keyset_page(
        AuditEntry.all(), sort_field="id", direction=Direction.DESC, first=first, after=after
    )
