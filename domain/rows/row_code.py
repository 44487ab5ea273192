"""The code that converts one row of a table, generated once per table from its fields'
conversions (domain.db_values.Conversion), as dataclasses and attrs generate an `__init__`.

A write converts every value of every row it sends, each through its field's converter: a
new ticket's statement on PostgreSQL holds some 130 values, and the loop over them (a call
per value, and per value the checks for a Drawn stand-in, domain.rows.drawn) was a fifth of
the Python the create runs. Here a row's values are converted by one function whose body
has each field's expression inline, the same expression its converter runs: the same
values, the same errors, with one call a row.

`converted(row, owner)` gives the row's values as the database takes them.
`drawn_cells(row, owner, values)` gives the SQL of the row's cells (PostgreSQL), its values
appended to `values` as numbered parameters, where a value may be a Drawn: its SQL while its
statement is not sent, its value once it is, and in a JSON object's top level the object
with those entries set by the statement (`json_cell`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from domain.db_values import Converter, conversion, converter
from domain.rows.drawn import Drawn

Converted = Callable[[Sequence[Any], Any], list[Any]]
DrawnCells = Callable[[Sequence[Any], Any, list[object]], str]


class RowCode(NamedTuple):
    converted: Converted
    drawn_cells: DrawnCells


def row_code(fields: Sequence[Any], dollars: list[str], grow: Callable[[int], object]) -> RowCode:
    """The functions of a table whose rows hold a value for each of `fields`, in order;
    `dollars`: PostgreSQL's parameter names, "$1" at 0, which `grow(n)` makes reach n."""
    namespace: dict[str, Any] = {
        "Drawn": Drawn,
        "D": dollars,
        "grow": grow,
        "json_cell": json_cell,
    }
    expressions = []
    for index, field in enumerate(fields):
        expression, names = conversion(field)
        bound = {name: f"{name}{index}" for name in names}
        namespace.update(
            {f"{name}{index}": value for name, value in names.items() if value is not None}
        )
        expressions.append(expression.format(v=f"v{index}", **bound))
    unpacked = "".join(f"v{index}, " for index in range(len(fields))) or "()"
    lines = [
        "def converted(row, owner):",
        f"    {unpacked} = row",
        f"    return [{', '.join(expressions)}]",
        "",
        "def drawn_cells(row, owner, values):",
        f"    {unpacked} = row",
        f"    if len(D) < len(values) + {len(fields)}:",
        f"        grow(len(values) + {len(fields)})",
        "    append = values.append",
        "    parts = []",
        "    start = len(values)",
    ]
    run: list[str] = []  # the expressions of the values before the next that may be drawn
    for index, (field, expression) in enumerate(zip(fields, expressions, strict=True)):
        drawn, json = _may_hold(field)
        if not drawn and not json:
            run.append(expression)
            continue
        if run:
            lines.append(f"    values += ({', '.join(run)},)")
            run = []
        value, branch = f"v{index}", "if"
        # A cell that is not a parameter ends the run of parameters before it.
        cut = '        parts.append(", ".join(D[start:len(values)]))'
        if drawn:
            lines += [
                f"    if type({value}) is Drawn:",
                f"        if {value}.value is None:",
                f"    {cut}",
                f"            parts.append({value}.sql)",
                "            start = len(values)",
                "        else:",
                f"            {value} = {value}.value",
                f"            append({expression})",
            ]
            branch = "elif"
        if json:
            namespace[f"converter{index}"] = converter(field)
            lines += [
                f"    {branch} isinstance({value}, dict):",
                cut,
                f"        parts.append(json_cell(converter{index}, {value}, owner, values))",
                "        start = len(values)",
            ]
        lines += ["    else:", f"        append({expression})"]
    if run:
        lines.append(f"    values += ({', '.join(run)},)")
    lines += [
        "    if not parts:",
        '        return ", ".join(D[start:len(values)])',
        '    parts.append(", ".join(D[start:len(values)]))',
        '    return ", ".join(filter(None, parts))',
    ]
    exec("\n".join(lines) + "\n", namespace)  # our own templates
    return RowCode(namespace["converted"], namespace["drawn_cells"])


def _may_hold(field: Any) -> tuple[bool, bool]:
    """Whether a field's value may be a Drawn (an int, as a key or number is) and whether it
    may be a JSON object: every field but those of a type that is neither."""
    kind = getattr(field, "field_type", None)
    if not isinstance(kind, type):  # JSON's (dict | list), or none declared
        return True, True
    return issubclass(kind, int), issubclass(kind, dict)


def json_cell(convert: Converter, value: dict[str, Any], owner: Any, values: list[object]) -> str:
    """The cell of a JSON object that may hold Drawn values at its top level: the object as a
    parameter, the entries of those not settled set by the statement."""
    rest: dict[str, Any] = {}
    drawn: dict[str, Drawn] = {}
    for key, item in value.items():
        if type(item) is Drawn:
            if item.value is None:
                drawn[key] = item
                continue
            item = item.value
        rest[key] = item
    values.append(convert(rest, owner))
    if not drawn:
        return f"${len(values)}"
    built = ", ".join(
        f"'{key.replace(chr(39), chr(39) * 2)}', {item.sql}" for key, item in drawn.items()
    )
    return f"(${len(values)}::jsonb || jsonb_build_object({built}))"
