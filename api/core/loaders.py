"""Per-request dataloaders, one per relation, named <Entity>By<Key>Loader."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from domain import models
from domain.attachments.queries import attachments_by_message, attachments_by_ticket
from domain.custom_fields.values import TicketValue, values_by_ticket
from domain.email.copies import contacts_by_ticket
from domain.identity.viewer import Viewer
from domain.kb.documentation import documentation_of_tickets
from domain.prepared import by_id
from domain.satisfaction.ratings import ratings_by_ticket
from domain.sla.policy import Policy
from domain.sla.terms import PolicyKey, policy_for_key
from domain.tickets.queries import events_by_ticket, messages_by_ticket
from domain.workspace.notifications import watchers_by_ticket
from domain.workspace.tags import tags_by_ticket

M = TypeVar("M", bound=Model)


def _by_id(model: type[M], columns: frozenset[str] | None = None) -> DataLoader[int, M | None]:
    query = by_id(model, columns)  # its SQL built once per number of ids, not per request

    async def load(ids: Sequence[int]) -> list[M | None]:
        found = {row.id: row for row in await query.fetch(list(ids))}
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def _grouped(viewer: Viewer | None, fetch) -> DataLoader:
    async def load(ticket_ids: Sequence[int]) -> list[list]:
        grouped = await fetch(viewer, ticket_ids)
        return [grouped[i] for i in ticket_ids]

    return DataLoader(load_fn=load)


class Loaders:
    """Every relation of a page is fetched with one query per relation, whatever its size.
    Each loader is made on first use: a live event usually needs none of them."""

    def __init__(self, viewer: Viewer | None) -> None:
        self.viewer = viewer
        self._reading: dict[tuple[str, frozenset[str]], DataLoader] = {}

    @staticmethod
    def reads_in_part(name: str) -> bool:
        """Whether `reading` gives the loader `name` of rows read in part (plain rows)."""
        return name in _READING

    def reading(self, name: str, columns: frozenset[str]) -> DataLoader:
        """The loader `name` of rows read in part (`columns`, with what the loader itself
        needs), for a compiled plan (api.core.columns); the whole-row loader where there is no
        such variant. Its rows are its own: the whole-row loader never hands them out."""
        make = _READING.get(name)
        if make is None:
            return getattr(self, name)
        key = (name, columns)
        loader = self._reading.get(key)
        if loader is None:
            loader = self._reading[key] = make(self, columns)
        return loader

    @cached_property
    def customer_by_id(self) -> DataLoader[int, models.Customer | None]:
        return _by_id(models.Customer)

    @cached_property
    def service_by_id(self) -> DataLoader[int, models.Service | None]:
        return _by_id(models.Service)

    @cached_property
    def support_level_by_id(self) -> DataLoader[int, models.SupportLevel | None]:
        return _by_id(models.SupportLevel)

    @cached_property
    def calendar_by_id(self) -> DataLoader[int, models.BusinessCalendar | None]:
        return _by_id(models.BusinessCalendar)

    @cached_property
    def department_by_id(self) -> DataLoader[int, models.Department | None]:
        return _by_id(models.Department)

    @cached_property
    def category_by_id(self) -> DataLoader[int, models.Category | None]:
        return _by_id(models.Category)

    @cached_property
    def staff_by_id(self) -> DataLoader[int, models.Staff | None]:
        return _by_id(models.Staff)

    @cached_property
    def message_by_id(self) -> DataLoader[int, models.Message | None]:
        return _by_id(models.Message)

    @cached_property
    def ticket_by_id(self) -> DataLoader[int, models.Ticket | None]:
        return _by_id(models.Ticket)

    @cached_property
    def messages_by_ticket_id(self) -> DataLoader[int, list[models.Message]]:
        return _grouped(self.viewer, messages_by_ticket)

    @cached_property
    def tags_by_ticket_id(self) -> DataLoader[int, list[str]]:
        return _grouped(self.viewer, tags_by_ticket)

    @cached_property
    def custom_field_values_by_ticket_id(self) -> DataLoader[int, list[TicketValue]]:
        return _grouped(self.viewer, values_by_ticket)

    @cached_property
    def watcher_ids_by_ticket_id(self) -> DataLoader[int, list[int]]:
        return _grouped(self.viewer, watchers_by_ticket)

    @cached_property
    def contacts_by_ticket_id(self) -> DataLoader[int, list[models.TicketContact]]:
        return _grouped(self.viewer, contacts_by_ticket)

    @cached_property
    def events_by_ticket_id(self) -> DataLoader[int, list[models.TicketEvent]]:
        return _grouped(self.viewer, events_by_ticket)

    @cached_property
    def rating_by_ticket_id(self) -> DataLoader[int, models.TicketRating | None]:
        return DataLoader(load_fn=_ratings_by_ticket)

    @cached_property
    def split_ids_by_ticket_id(self) -> DataLoader[int, list[int]]:
        return DataLoader(load_fn=_split_ids_by_ticket)

    @cached_property
    def services_by_customer_id(self) -> DataLoader[int, list[models.Service]]:
        return DataLoader(load_fn=_services_by_customer)

    @cached_property
    def targets_by_support_level_id(self) -> DataLoader[int, list[models.SlaTarget]]:
        return DataLoader(load_fn=_targets_by_level)

    @cached_property
    def department_ids_by_staff_id(self) -> DataLoader[int, list[int]]:
        return DataLoader(load_fn=_department_ids_by_staff)

    @cached_property
    def sla_policy(self) -> DataLoader[PolicyKey, Policy | None]:
        return DataLoader(load_fn=_sla_policies)

    @cached_property
    def attachments_by_ticket_id(self) -> DataLoader[int, list[models.Attachment]]:
        return _grouped(self.viewer, attachments_by_ticket)

    @cached_property
    def attachments_by_message_id(self) -> DataLoader[int, list[models.Attachment]]:
        return DataLoader(load_fn=_attachments_by_message)

    @cached_property
    def article_by_source_ticket_id(self) -> DataLoader[int, models.Article | None]:
        viewer = self.viewer
        return DataLoader(load_fn=lambda ids: _articles_by_ticket(viewer, ids))


async def _ratings_by_ticket(ids: Sequence[int]) -> list[models.TicketRating | None]:
    found = await ratings_by_ticket(list(ids))
    return [found.get(i) for i in ids]


async def _sla_policies(keys: Sequence[PolicyKey]) -> list[Policy | None]:
    """One policy per distinct recorded level and target of the page, each loaded once."""
    return [await policy_for_key(key) for key in keys]


async def _attachments_by_message(ids: Sequence[int]) -> list[list[models.Attachment]]:
    grouped = await attachments_by_message(ids)
    return [grouped[i] for i in ids]


async def _split_ids_by_ticket(ids: Sequence[int]) -> list[list[int]]:
    grouped: dict[int, list[int]] = {i: [] for i in ids}
    rows = (
        await models.Ticket.filter(split_from_id__in=list(ids))
        .order_by("id")
        .values_list("split_from_id", "id")
    )
    for source, pk in rows:
        grouped[source].append(pk)
    return [grouped[i] for i in ids]


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


# Loaders that can read rows in part (Loaders.reading), by name. Not the catalogue's and the
# people's by id: other paths of the same document read them whole (an event's actor, a
# category's department), and one whole read shares its rows where two reads would not.
_READING: dict[str, Callable[[Loaders, frozenset[str]], DataLoader]] = {
    "message_by_id": lambda _loaders, columns: _by_id(models.Message, columns),
    "messages_by_ticket_id": lambda loaders, columns: _grouped(
        loaders.viewer, functools.partial(messages_by_ticket, columns=columns)
    ),
}
