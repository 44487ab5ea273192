"""The catalogue as a request reads it, kept in each process until the catalogue changes.

Opening a ticket reads the customer's service, the category and its department, the custom
fields that apply, the support level with its SLA targets and its calendar; a reply reads the
level's calendar again; a staff member's every request, their departments; a new ticket, the
department's staff to alert. These rows change when an administrator edits the catalogue or
the staff, rarely, and are read by every request. The
database keeps a stamp of the catalogue: a counter row (`catalogue`) that triggers on every
catalogue table advance in the same transaction as the change (migrations 0027 and 0029),
whoever writes it, through the API, the CLI or plain SQL.

A request reads the stamp once (with its bearer token, in the same statement, or on its
first cached lookup); a lookup cached under that stamp is answered from memory, any other is
read and kept under it. A process keeps the entries of one stamp, the newest it has seen:
a request still holding an older stamp reads the database, as before. Committed changes are
seen by the next request in every process; a request that commits a unit of work reads the
stamp again before its next lookup. Outside a request (workers, the CLI) nothing is cached.

What a lookup returns is shared by the requests of a process: callers never change it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.expressions import Subquery

from domain.models import Counter

T = TypeVar("T")

STAMP = "catalogue"  # the counter row triggers advance (domain.counters)
# The tables whose rows the cached lookups read: each has the trigger.
TABLES = (
    "department",
    "category",
    "custom_field",
    "service",
    "support_level",
    "sla_target",
    "business_calendar",
    "calendar_holiday",
    # The staff: which departments each works in (domain.identity.auth), and each
    # department's staff with their preferences (domain.tickets.notices).
    "staff",
    "staff_department",
    "agent_preferences",
)
MAX_ENTRIES = 20_000  # past it, the entries start again (many customers' services)


@dataclass
class _Request:
    stamp: int | None = None  # None: not read yet in this request


_request: ContextVar[_Request | None] = ContextVar("mesa_catalogue_request", default=None)


class Store:
    """Answers kept under the newest stamp seen."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.stamp = -1
        self.entries: dict[Hashable, Any] = {}
        self.max_entries = max_entries

    async def lookup(self, stamp: int, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        if stamp > self.stamp:
            self.entries.clear()
            self.stamp = stamp
        elif stamp < self.stamp:
            return await load()  # the catalogue changed since this request began
        if key in self.entries:
            value: T = self.entries[key]
            return value
        value = await load()
        if self.stamp == stamp:  # no newer stamp came while it was read
            if len(self.entries) >= self.max_entries:
                self.entries.clear()
            self.entries[key] = value
        return value


_store = Store()


@contextmanager
def request_scope() -> Iterator[None]:
    """One request: lookups inside it may be answered from the cache."""
    token = _request.set(_Request())
    try:
        yield
    finally:
        _request.reset(token)


def note_stamp(stamp: int | None) -> None:
    """The stamp this request read with another statement (its bearer token's)."""
    request = _request.get()
    if request is not None:
        request.stamp = 0 if stamp is None else int(stamp)


def forget_stamp() -> None:
    """This request committed a change: its next lookup reads the stamp again."""
    request = _request.get()
    if request is not None:
        request.stamp = None


def stamp_subquery() -> Subquery:
    """The stamp, as a column of another statement (the bearer token's)."""
    return Subquery(Counter.filter(name=STAMP).values("value"))


async def read_stamp() -> int:
    counter = await Counter.get_or_none(name=STAMP)
    return counter.value if counter is not None else 0


async def cached(kind: str, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
    """`load()`'s answer for (kind, key) as of the request's stamp, read once per stamp and
    process; outside a request, `load()`'s answer every time."""
    request = _request.get()
    if request is None:
        return await load()
    if request.stamp is None:
        request.stamp = await read_stamp()
    return await _store.lookup(request.stamp, (kind, key), load)
