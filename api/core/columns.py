"""Which model column each field of a Strawberry type is read from, declared once next to
the type: the type's `from_model` is built from the declaration, and a compiled query plan
(api.core.query_plan) reads it to select only the columns a document's selection needs.

    COLUMNS: ClassVar[Columns] = Columns("number", "subject", internal="is_internal")

A field read from a column of another name, or converted, names it (`column` or
`(column, convert)`). A relation declared with api.core.relations names the column of its
key; any other resolver (its reads are not declared) makes the plan select every column.
Rows selected in part are Tortoise's partial models: a column not selected is never read,
since only the fields of the selection are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Convert = Callable[[Any], Any]


_NOT_READ = object()


class Columns:
    """Fields read from columns (python name → column, optionally converted)."""

    __slots__ = ("always", "fields")

    def __init__(
        self,
        *same: str,
        always: Iterable[str] = ("id",),
        **fields: str | tuple[str, Convert],
    ) -> None:
        # `same`: fields read from the column of their own name.
        self.fields: dict[str, tuple[str, Convert | None]] = {name: (name, None) for name in same}
        for name, spec in fields.items():
            self.fields[name] = (spec, None) if isinstance(spec, str) else spec
        # Read whatever the selection: the key of the row, and what its builder needs.
        self.always = tuple(always)

    def values(self, row: Any) -> dict[str, Any]:
        """The declared fields' values of `row` (None for a column it was read without)."""
        found: dict[str, Any] = {}
        for name, (column, convert) in self.fields.items():
            value = getattr(row, column, _NOT_READ)
            if value is _NOT_READ:
                found[name] = None
            else:
                found[name] = value if convert is None else convert(value)
        return found

    def column_of(self, python_name: str) -> str | None:
        declared = self.fields.get(python_name)
        return None if declared is None else declared[0]


COLUMNS_ATTRIBUTE = "COLUMNS"


def planned_columns(info: Any) -> frozenset[str] | None:
    """The columns of the rows this resolver returns that the compiled plan walking it needs
    (None: every column, as graphql-core's resolvers read)."""
    wanted = getattr(info.context, "row_columns", None)
    if not wanted:
        return None
    return wanted.get(id(info._raw_info.field_nodes[0]))


def declared_columns(cls: Any) -> Columns | None:
    found = getattr(cls, COLUMNS_ATTRIBUTE, None)
    return found if isinstance(found, Columns) else None
