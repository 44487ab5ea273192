"""Announcements (seed 004): maintenance and incident notices for customers.

A notice is written as a draft, then published: publishing is the one step that makes it
visible (its `published_at` is set once), and the point where live subscribers are told.
Customers see the published notices that have not ended and concern one of their services;
public notices are for everyone, anonymous visitors included; staff see every notice that
has not ended, drafts included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q

from domain.clock import utcnow
from domain.errors import Conflict, NotFound, ValidationFailed
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.live.events import AnnouncementNotice
from domain.models import (
    Announcement,
    AnnouncementKind,
    AnnouncementSeverity,
    Service,
)
from domain.uow import unit_of_work

TITLE_MAX = 200
BODY_MAX = 20_000


@dataclass(frozen=True)
class AnnouncementDraft:
    kind: AnnouncementKind
    severity: AnnouncementSeverity
    title_es: str
    title_en: str
    starts_at: datetime
    ends_at: datetime | None = None
    body_es: str = ""
    body_en: str = ""
    is_public: bool = False
    service_ids: Sequence[int] = ()


def _text(value: str, *, field: str, maximum: int, required: bool) -> str:
    value = value.strip().replace("\x00", "")
    if required and not value:
        raise ValidationFailed(f"{field} cannot be empty.", field=field)
    if len(value) > maximum:
        raise ValidationFailed(f"{field} is longer than {maximum} characters.", field=field)
    return value


async def create_announcement(*, viewer: Viewer | None, draft: AnnouncementDraft) -> Announcement:
    """Staff write a notice; nobody else sees it until it is published."""
    viewer = require_staff(viewer)
    if draft.ends_at is not None and draft.ends_at <= draft.starts_at:
        raise ValidationFailed("The end must be after the start.", field="endsAt")
    service_ids = sorted(set(draft.service_ids))
    if not service_ids and not draft.is_public:
        raise ValidationFailed(
            "Name the affected services, or make the announcement public.", field="serviceIds"
        )
    async with unit_of_work() as uow:
        services = await Service.filter(id__in=service_ids).using_db(uow.connection)
        if len(services) != len(service_ids):
            raise NotFound("Unknown service.", field="serviceIds")
        announcement = await Announcement.create(
            kind=draft.kind,
            severity=draft.severity,
            title_es=_text(draft.title_es, field="titleEs", maximum=TITLE_MAX, required=True),
            title_en=_text(draft.title_en, field="titleEn", maximum=TITLE_MAX, required=True),
            body_es=_text(draft.body_es, field="bodyEs", maximum=BODY_MAX, required=False),
            body_en=_text(draft.body_en, field="bodyEn", maximum=BODY_MAX, required=False),
            is_public=draft.is_public,
            starts_at=draft.starts_at,
            ends_at=draft.ends_at,
            author_id=viewer.staff_id,
            created_at=utcnow(),
            using_db=uow.connection,
        )
        if services:
            await announcement.services.add(*services, using_db=uow.connection)
    return announcement


async def publish_announcement(*, viewer: Viewer | None, announcement_id: int) -> Announcement:
    """Make a notice visible to the customers it concerns: the live event of announcements."""
    require_staff(viewer)
    async with unit_of_work() as uow:
        # Conditional: of two concurrent publications, one wins and the other is a conflict.
        published = (
            await Announcement.filter(id=announcement_id, published_at__isnull=True)
            .using_db(uow.connection)
            .update(published_at=utcnow())
        )
        announcement = await Announcement.get_or_none(id=announcement_id, using_db=uow.connection)
        if announcement is None:
            raise NotFound("Announcement not found.", field="announcementId")
        if not published:
            raise Conflict("The announcement is published already.", field="announcementId")
        uow.live_events.append(AnnouncementNotice(id=announcement.id, change="PUBLISHED"))
    return announcement


async def end_announcement(*, viewer: Viewer | None, announcement_id: int) -> Announcement:
    """The maintenance is over or the incident solved: the notice ends now."""
    require_staff(viewer)
    now = utcnow()
    async with unit_of_work() as uow:
        ended = (
            await Announcement.filter(id=announcement_id)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .using_db(uow.connection)
            .update(ends_at=now)
        )
        announcement = await Announcement.get_or_none(id=announcement_id, using_db=uow.connection)
        if announcement is None:
            raise NotFound("Announcement not found.", field="announcementId")
        if not ended:
            raise Conflict("The announcement has ended already.", field="announcementId")
        if announcement.published_at is not None:
            uow.live_events.append(AnnouncementNotice(id=announcement.id, change="ENDED"))
    return announcement


async def current_announcements(viewer: Viewer | None) -> list[Announcement]:
    """Notices that have not ended and that the viewer is concerned by, soonest first."""
    now = utcnow()
    query = Announcement.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
    if viewer is not None and (viewer.is_staff or viewer.is_system):
        return await query.order_by("starts_at", "id")
    query = query.filter(published_at__isnull=False)
    if viewer is not None and viewer.is_customer:
        own_services = Service.filter(customer_id=viewer.customer_id).values_list("id", flat=True)
        service_ids = list(await own_services)
        concerned = await (
            Announcement.filter(services__id__in=service_ids)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .values_list("id", flat=True)
        )
        query = query.filter(Q(is_public=True) | Q(id__in=list(concerned)))
    else:
        query = query.filter(is_public=True)
    return await query.order_by("starts_at", "id")


def is_under_way(announcement: Announcement, at: datetime) -> bool:
    """Whether the maintenance or incident is happening at `at` (not only announced)."""
    return announcement.starts_at <= at and (
        announcement.ends_at is None or at < announcement.ends_at
    )


async def affected_services(viewer: Viewer | None, announcement_id: int) -> list[Service]:
    """The services a notice concerns: all of them for staff, a customer's own for them."""
    query = Service.filter(announcements__id=announcement_id)
    if viewer is not None and (viewer.is_staff or viewer.is_system):
        return await query.order_by("id")
    if viewer is not None and viewer.is_customer:
        return await query.filter(customer_id=viewer.customer_id).order_by("id")
    return []


async def announcement_for(viewer: Viewer | None, announcement_id: int) -> Announcement | None:
    """The notice, when it concerns the viewer (ended or not): what a live subscriber
    receives as it is published or ends."""
    announcement = await Announcement.get_or_none(id=announcement_id)
    if announcement is None:
        return None
    if viewer is not None and (viewer.is_staff or viewer.is_system):
        return announcement
    if announcement.published_at is None:
        return None
    if announcement.is_public:
        return announcement
    if viewer is None or not viewer.is_customer:
        return None
    concerned = await Service.filter(
        announcements__id=announcement_id, customer_id=viewer.customer_id
    ).exists()
    return announcement if concerned else None
