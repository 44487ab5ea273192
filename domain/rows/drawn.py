"""Values a statement not sent yet draws (`Drawn`): a new row's id, its number, which the rows
written by the same statement name before anyone knows them.

A unit of work whose new ticket is written by its last statement (domain.uow: the ticket's
row, its first message, events and notifications, one statement on PostgreSQL) builds the
rows that name the ticket before that statement has drawn its id. Those rows hold a `Drawn`
in its place: an int that stands for nothing (0), with the SQL that reads the value in the
statement (`(SELECT "id" FROM parent)`), and its value once the statement is sent
(`settle`). `domain.rows.tables.values_sql` writes the SQL where the value is not known yet
(and the value once it is), at the top level of a JSON value too. Formatting one not
settled, or asking its int, raises, so a stand-in reaches no log, key or path; what reads
the int inside CPython (an index, `%d`, a JSON encoder) sees 0, which is why only the rows of
a unit of work that writes nothing else in between hold them (`insert_ticket(last=True)`).

While a task holds Drawn values not settled, `unsettled()` is true, and only then does
values_sql look for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any

_unsettled: ContextVar[int] = ContextVar("mesa_drawn_unsettled", default=0)


class Drawn(int):
    """A value the statement that writes it draws (see the module)."""

    sql: str
    value: int | None

    def __new__(cls, sql: str) -> Drawn:
        drawn = super().__new__(cls, 0)
        drawn.sql = sql
        drawn.value = None
        _unsettled.set(_unsettled.get() + 1)
        return drawn

    def settle(self, value: int) -> None:
        if self.value is None:
            _unsettled.set(max(_unsettled.get() - 1, 0))
        self.value = int(value)

    def _known(self) -> int:
        if self.value is None:
            raise RuntimeError(f"a value drawn by a statement not sent yet: {self.sql}")
        return self.value

    def __int__(self) -> int:
        return self._known()

    def __index__(self) -> int:
        return self._known()

    def __str__(self) -> str:
        return str(self._known())

    def __repr__(self) -> str:
        return f"Drawn({self.sql!r}, {self.value!r})"

    def __format__(self, spec: str) -> str:
        return format(self._known(), spec)

    def __eq__(self, other: object) -> bool:
        if self.value is None:
            return self is other
        return self.value == other

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return id(self) if self.value is None else hash(self.value)


def unsettled() -> bool:
    """Whether this task holds Drawn values whose statement has not been sent."""
    return _unsettled.get() > 0


def forget_unsettled() -> None:
    """The task's unit of work ended without sending them (rolled back)."""
    _unsettled.set(0)


def settled(value: Any) -> Any:
    """`value`, or the value a Drawn stood for once its statement was sent."""
    if type(value) is Drawn and value.value is not None:
        return value.value
    return value


def drawn_in(value: Mapping[str, Any]) -> dict[str, Drawn]:
    """The entries of a JSON object's top level that hold a Drawn not settled."""
    return {key: item for key, item in value.items() if type(item) is Drawn and item.value is None}
