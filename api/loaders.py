"""Per-request dataloaders, one per relation, named <Entity>By<Key>Loader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from domain import models
from domain.kb.documentation import documentation_of_tickets
from domain.sla.deadlines import policy_for
from domain.sla.policy import Policy
from domain.tickets.queries import events_by_ticket, messages_by_ticket
from domain.viewer import Viewer

M = TypeVar("M", bound=Model)


def _by_id(model: type[M]) -> DataLoader[int, M | None]:
    async def load(ids: Sequence[int]) -> list[M | None]:
        found = {row.pk: row for row in await model.filter(id__in=list(ids))}
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _grouped(viewer: Viewer | None, fetch) -> DataLoader:
    async def load(ticket_ids: Sequence[int]) -> list[list]:
        grouped = await fetch(viewer, ticket_ids)
        return [grouped[i] for i in ticket_ids]

    return DataLoader(load_fn=load)


class Loaders:
    """Every relation of a page is fetched with one query per relation, whatever its size."""

    def __init__(self, viewer: Viewer | None) -> None:
        self.customer_by_id = _by_id(models.Customer)
        self.service_by_id = _by_id(models.Service)
        self.support_level_by_id = _by_id(models.SupportLevel)
        self.department_by_id = _by_id(models.Department)
        self.category_by_id = _by_id(models.Category)
        self.staff_by_id = _by_id(models.Staff)
        self.message_by_id = _by_id(models.Message)
        self.ticket_by_id = _by_id(models.Ticket)
        self.messages_by_ticket_id: DataLoader[int, list[models.Message]] = _grouped(
            viewer, messages_by_ticket
        )
        self.events_by_ticket_id: DataLoader[int, list[models.TicketEvent]] = _grouped(
            viewer, events_by_ticket
        )
        self.services_by_customer_id = DataLoader(load_fn=_services_by_customer)
        self.targets_by_support_level_id = DataLoader(load_fn=_targets_by_level)
        self.department_ids_by_staff_id = DataLoader(load_fn=_department_ids_by_staff)
        self.article_by_source_ticket_id: DataLoader[int, models.Article | None] = DataLoader(
            load_fn=lambda ids: _articles_by_ticket(viewer, ids)
        )
        self.sla_policy: DataLoader[tuple[int | None, models.Impact], Policy | None] = DataLoader(
            load_fn=_sla_policies
        )


async def _sla_policies(keys: Sequence[tuple[int | None, models.Impact]]) -> list[Policy | None]:
    """One policy per distinct (service, impact) of the page, each loaded once."""
    return [await policy_for(service_id=service_id, impact=impact) for service_id, impact in keys]


async def _services_by_customer(ids: Sequence[int]) -> list[list[models.Service]]:
    grouped: dict[int, list[models.Service]] = {i: [] for i in ids}
    for service in await models.Service.filter(customer_id__in=list(ids)).order_by("id"):
        grouped[service.customer_id].append(service)
    return [grouped[i] for i in ids]


async def _targets_by_level(ids: Sequence[int]) -> list[list[models.SlaTarget]]:
    grouped: dict[int, list[models.SlaTarget]] = {i: [] for i in ids}
    for target in await models.SlaTarget.filter(support_level_id__in=list(ids)).order_by("id"):
        grouped[target.support_level_id].append(target)
    return [grouped[i] for i in ids]


async def _department_ids_by_staff(ids: Sequence[int]) -> list[list[int]]:
    grouped: dict[int, list[int]] = {i: [] for i in ids}
    rows = await models.Staff.filter(id__in=list(ids)).values_list("id", "departments__id")
    for staff_id, department_id in rows:
        if department_id is not None:
            grouped[staff_id].append(department_id)
    return [sorted(grouped[i]) for i in ids]


async def _articles_by_ticket(
    viewer: Viewer | None, ticket_ids: Sequence[int]
) -> list[models.Article | None]:
    found = await documentation_of_tickets(viewer, ticket_ids)
    return [found.get(i) for i in ticket_ids]
