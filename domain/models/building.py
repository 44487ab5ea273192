"""A new model instance built by code generated for its model, doing what Tortoise's
`Model.__init__` does (domain.models.base.Model.__init__ calls `build`).

Tortoise's `__init__` walks every keyword through five membership tests and its field's
`to_python_value`, then every field's default through `inspect.iscoroutinefunction` (five
Python calls) and `setattr`: 8 % of a PostgreSQL createTicket's Python, which builds a
ticket, its first message and their events. Here:

- the defaults are decided once per model (`_defaults`), for defaults that are never async
  (domain.models.base.guard_relations refuses one);
- each *shape* of keywords (their names, in order, and their values' types) gets code of
  its own, made the first time it is seen, as dataclasses generate an `__init__`: where
  every value is one its field keeps as it is (of the field's type, an enum's member, JSON
  that is not text, None where the column is nullable), the keywords are written to the
  instance in one `dict.update`, the constant defaults of the others in another, and only
  the fields whose conversion is a call (a moment's time zone) are converted. A relation
  given as a saved instance of its model, or None, sets its column and cached instance as
  Tortoise's property setter does (any other value is Tortoise's to refuse). A model's
  first `SHAPES` shapes are kept;
- any other shape (a relation, a generated key, a name Tortoise ignores or refuses, a value
  to convert or to refuse) goes through the model's generic code: the keywords in their
  order, each converted as its field converts it (Field's, enums' and JSON's conversions
  inline), relations and the rest through Tortoise's own `_set_kwargs`.

Attributes are written to the instance's dict: no model has a descriptor named as a column
(checked when the code is made). tests/test_model_init.py builds every model both ways,
from every kind of keyword, and compares the instances or the errors.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from copy import deepcopy
from datetime import datetime
from typing import Any

from tortoise.fields.base import Field
from tortoise.fields.data import CharEnumFieldInstance, DatetimeField, JSONField
from tortoise.models import Model as TortoiseModel
from tortoise.models import _fk_setter
from tortoise.timezone import get_default_timezone, get_use_tz

# The models this builds are domain.models.base.Model's, which imports this module: they are
# typed here as Tortoise's Model, which it extends.
Model = TortoiseModel

SHAPES = 64

_Build = Callable[[Model, dict[str, Any]], None]
_SHAPED: dict[type[Model], dict[tuple[Any, ...], _Build]] = {}


def build(instance: Model, kwargs: dict[str, Any]) -> None:
    """Set up a new `instance` from its keywords as Tortoise's `Model.__init__` would."""
    shape = (*kwargs, *map(type, kwargs.values()))
    try:
        made = _SHAPED[type(instance)][shape]
    except KeyError:
        made = _learn(type(instance), shape)
    made(instance, kwargs)


def _learn(model: type[Model], shape: tuple[Any, ...]) -> _Build:
    shapes = _SHAPED.setdefault(model, {})
    made = _shaped(model, shape) or _generic(model)
    if len(shapes) < SHAPES:
        shapes[shape] = made
    return made


# How a field's default is given: called, deep-copied, or as it is (None).
_Make = Callable[[Any], Any] | None


def _call(default: Callable[[], Any]) -> Any:
    return default()


@functools.cache
def _defaults(model: type[Model]) -> tuple[tuple[str, _Make, Any], ...]:
    """Each default Tortoise's `Model.__init__` gives a field not passed, decided once (the
    relations, which it counts as passed, left out)."""
    meta = model._meta
    plan: list[tuple[str, _Make, Any]] = []
    for key in meta.fields:
        field = meta.fields_map[key]
        default = field.default
        if inspect.iscoroutinefunction(default):
            raise TypeError(f"{model.__name__}.{key}: an async default (domain.models.base)")
        if key in meta.fetch_fields:
            continue
        if callable(default):
            plan.append((key, _call, default))
        elif default is not None:
            immutable = isinstance(default, int | float | str | bool | bytes)
            plan.append((key, None if immutable else deepcopy, default))
        elif field.has_db_default():
            plan.append((key, _call, field.get_db_default_value))
        else:
            plan.append((key, None, None))
    return tuple(plan)


# What the code does with a keyword, by its field: Field's own conversion, an enum's,
# JSON's, the field's to_python_value, or Tortoise's _set_kwargs (relations, a generated
# key, the names Tortoise refuses).
_PLAIN, _ENUM, _JSON, _CALL, _TORTOISE = range(5)
_FLAGS = {"_partial": False, "_saved_in_db": False, "_custom_generated_pk": False}


@functools.cache
def _how(model: type[Model]) -> dict[str, tuple[int, bool, Any]]:
    """Each keyword Tortoise takes: its kind, whether None is allowed, what converts it."""
    meta = model._meta
    how: dict[str, tuple[int, bool, Any]] = {}
    for key in meta.fields_db_projection:
        field = meta.fields_map[key]
        assert not any(key in vars(klass) for klass in model.__mro__), (model, key)
        method = type(field).to_python_value
        if field.pk and field.generated:
            how[key] = (_TORTOISE, True, None)
        elif method is Field.to_python_value and isinstance(field.field_type, type):
            how[key] = (_PLAIN, field.null, field.field_type)
        elif method is CharEnumFieldInstance.to_python_value:
            how[key] = (_ENUM, field.null, field.enum_type)  # type: ignore[attr-defined]
        elif method is JSONField.to_python_value:
            how[key] = (_JSON, field.null, field.to_python_value)
        else:
            how[key] = (_CALL, field.null, field.to_python_value)
    for key in (
        *meta.fk_fields,
        *meta.o2o_fields,
        *meta.backward_fk_fields,
        *meta.backward_o2o_fields,
        *meta.m2m_fields,
    ):
        how[key] = (_TORTOISE, True, None)
    return how


def _kept(kind: int, arg: Any, given: type) -> bool:
    """Whether a field of `kind` keeps a value of type `given` (not None) as it is."""
    if kind == _PLAIN:
        return issubclass(given, arg)  # Field's `isinstance(value, field_type)`
    if kind == _ENUM:
        return given is arg
    return kind == _JSON and not issubclass(given, str | bytes)


def _shaped(model: type[Model], shape: tuple[Any, ...]) -> _Build | None:
    """The code for keywords of one shape, or None where a keyword needs the generic code.
    A relation (a foreign key or one-to-one) is set through Tortoise's `_set_kwargs` in its
    keyword's place, its column then counted as passed; one passed with its column, a key,
    a reverse relation or a name Tortoise ignores or refuses needs the generic code."""
    meta = model._meta
    how = _how(model)
    count = len(shape) // 2
    keys, types = shape[:count], shape[count:]
    relations = {
        meta.fields_map[key].source_field: key for key in (*meta.fk_fields, *meta.o2o_fields)
    }
    passed = set(keys)
    namespace: dict[str, Any] = {"tortoise": _tortoise}
    steps: list[str] = []  # in the keywords' order: conversions that are calls, relations
    for index, (key, given) in enumerate(zip(keys, types, strict=True)):
        entry = how.get(key)
        if entry is None:
            return None
        kind, nullable, arg = entry
        if kind == _TORTOISE:
            source = meta.fields_map[key].source_field if key in meta.fields_map else None
            if relations.get(source) != key or source in keys:
                return None
            passed.add(source)
            steps += [f"    del attrs[{key!r}]", *_relation_code(model, key, given)]
        elif given is type(None) and not nullable:
            return None  # refused, by the generic code
        elif kind == _CALL:
            namespace[f"convert{index}"] = arg
            steps.append(f"    attrs[{key!r}] = convert{index}(kwargs[{key!r}])")
        elif given is not type(None) and not _kept(kind, arg, given):
            return None
    constants = dict(_FLAGS)
    lines = [
        "def build(self, kwargs):",
        "    attrs = self.__dict__",
        "    attrs.update(CONSTANTS)",
        "    attrs.update(kwargs)",
        "    attrs['_await_when_save'] = {}",
        *steps,
    ]
    lines += _defaults_code(model, constants, namespace, lambda key: None if key in passed else "")
    namespace["CONSTANTS"] = constants
    return _compiled(lines, namespace)


@functools.cache
def _generic(model: type[Model]) -> _Build:
    """The code for keywords of any shape: each in its order as Tortoise's `_set_kwargs`
    takes it, then the defaults of the fields not passed (a relation passed counts its
    column as passed)."""
    meta = model._meta
    relations = {
        meta.fields_map[key].source_field: key for key in (*meta.fk_fields, *meta.o2o_fields)
    }
    constants = dict(_FLAGS)
    namespace: dict[str, Any] = {"HOW": _how(model), "tortoise": _tortoise}
    lines = [
        "def build(self, kwargs):",
        "    attrs = self.__dict__",
        "    attrs.update(CONSTANTS)",
        "    attrs['_await_when_save'] = {}",
        "    for key, value in kwargs.items():",
        "        how = HOW.get(key)",
        "        if how is None:",
        "            continue",
        "        kind, nullable, arg = how",
        f"        if kind == {_TORTOISE}:",
        "            tortoise(self, key, value)",
        "            continue",
        "        if value is None and not nullable:",
        '            raise ValueError(f"{key} is non nullable field, but null was passed")',
        f"        if kind == {_PLAIN}:",
        "            if value is not None and not isinstance(value, arg):",
        "                value = arg(value)",
        f"        elif kind == {_ENUM}:",
        "            if value is not None and type(value) is not arg:",
        "                value = arg(value)",
        f"        elif kind == {_JSON}:",
        "            if isinstance(value, (str, bytes)):",
        "                value = arg(value)",
        "        else:",
        "            value = arg(value)",
        "        attrs[key] = value",
    ]

    def unpassed(key: str) -> str:
        passed = [key, *([relations[key]] if key in relations else [])]
        return " and ".join(f"{name!r} not in kwargs" for name in passed)

    lines += _defaults_code(model, constants, namespace, unpassed)
    namespace["CONSTANTS"] = constants
    return _compiled(lines, namespace)


def _defaults_code(
    model: type[Model],
    constants: dict[str, Any],
    namespace: dict[str, Any],
    condition: Callable[[str], str | None],
) -> list[str]:
    """The defaults of a model's fields: the constant ones put in `constants` (written
    before the keywords), the lines that make the others, each only if `condition(key)`
    ("" for always; None for a field passed, which takes no default)."""
    lines: list[str] = []
    for index, (key, make, value) in enumerate(_defaults(model)):
        test = condition(key)
        if test is None:
            continue
        if make is None:
            constants[key] = value
            continue
        namespace[f"make{index}"], namespace[f"default{index}"] = make, value
        made = f"attrs[{key!r}] = make{index}(default{index})"
        lines += [f"    if {test}:", f"        {made}"] if test else [f"    {made}"]
    return lines


def _compiled(lines: list[str], namespace: dict[str, Any]) -> _Build:
    exec("\n".join(lines) + "\n", namespace)  # our own template
    made: _Build = namespace["build"]
    return made


def _relation_code(model: type[Model], key: str, given: type) -> list[str]:
    """The lines setting relation `key` to a value of type `given` as Tortoise does: a saved
    instance of the related model, or None, sets its column and the cached instance (what
    the relation's property setter, Tortoise's `_fk_setter`, writes); any other value (an
    unsaved instance, another model's) is Tortoise's, which refuses it."""
    field: Any = model._meta.fields_map[key]
    made = getattr(model, key, None)  # the relation's property, guarded (models.base)
    setter = getattr(made, "tortoise_setter", None)
    keywords = getattr(setter, "keywords", {})
    column, cached, to_field = (
        keywords.get(name) for name in ("relation_field", "_key", "to_field")
    )
    tortoise = [f"    tortoise(self, {key!r}, kwargs[{key!r}])"]
    if getattr(setter, "func", None) is not _fk_setter or not column or not cached or not to_field:
        return tortoise  # not as the Tortoise this was written for sets relations
    if given is type(None):
        return [f"    attrs[{column!r}] = None", f"    attrs[{cached!r}] = None"]
    if given is not field.related_model:
        return tortoise
    return [
        f"    value = kwargs[{key!r}]",
        "    if not value._saved_in_db:",
        "    " + tortoise[0],
        f"    attrs[{column!r}] = getattr(value, {to_field!r})",
        f"    attrs[{cached!r}] = value",
    ]


def _tortoise(instance: Model, key: str, value: Any) -> None:
    """A keyword as Tortoise's `_set_kwargs` takes it: a relation (its model checked, its
    column set), a generated key, or a name it refuses."""
    TortoiseModel._set_kwargs(instance, {key: value})


# Each model's code for a row read from the database (`read`), made after Tortoise's init.
_READ: dict[type[Model], Callable[[dict[str, Any]], Model]] = {}


def read(model: type[Model], row: dict[str, Any]) -> Model:
    """What Tortoise's `Model._init_from_db(**row)` makes of a row, by code made once per
    model: the instance's dict written at once, where Tortoise sets each column through
    `object.__setattr__` (a slot wrapper's call, about 700 machine instructions a column, 42
    for a ticket). A row without every column (a partial read) has code of its own for its
    columns, doing what Tortoise's fallback for a partial row does (`_partial_code`)."""
    made = _READ.get(model)
    if made is None:
        made = _READ[model] = _read_code(model)
    try:
        return made(row)
    except KeyError:
        shape = (model, tuple(row))
        partial = _READ_PARTIAL.get(shape)
        if partial is None:
            if len(_READ_PARTIAL) >= PARTIAL_SHAPES:
                _READ_PARTIAL.clear()
            partial = _READ_PARTIAL[shape] = _partial_code(model, shape[1])
        return partial(row)


# The code for rows read in part, by model and columns (a few shapes: a session's customer).
_READ_PARTIAL: dict[tuple[type[Model], tuple[str, ...]], Callable[[dict[str, Any]], Model]] = {}
PARTIAL_SHAPES = 256


def forget_read_code() -> None:
    """Drop every model's read code: Tortoise's init decides anew which columns the driver
    converts itself (PostgreSQL's and SQLite's differ), so domain.db.connect calls this."""
    _READ.clear()
    _READ_PARTIAL.clear()


# How `_init_from_db` converts a column: as the driver gave it, by Field's type, or by the
# field's to_python_value.
_AS_READ, _BY_TYPE, _TO_PYTHON = range(3)


def _columns(model: type[Model]) -> list[tuple[str, str, int, Any]]:
    """`_init_from_db`'s three kinds of column, in its order: (column, attribute, kind, field)."""
    meta = model._meta
    found = [(key, name, _AS_READ, field) for key, name, field in meta.db_native_fields]
    found += [(key, name, _BY_TYPE, field) for key, name, field in meta.db_default_fields]
    found += [(key, name, _TO_PYTHON, field) for key, name, field in meta.db_complex_fields]
    for _, name, _, _ in found:
        assert not any(name in vars(klass) for klass in model.__mro__), (model, name)
    return found


def _value_code(kind: int, field: Any, source: str, tag: str, namespace: dict[str, Any]) -> str:
    """The expression converting `source` as `_init_from_db` converts a column of `kind`:
    what the driver converted (as it is), what Field converts (its type's call, but for a
    value of that exact type, which the call returns as it is) and the rest
    (`to_python_value`; for an aware moment the driver read, its move to the configured
    zone, as DatetimeField's does without reading the configuration for each value; for an
    enum's text, its member from the enum's map, as the enum's call finds it)."""
    if kind == _AS_READ:
        return source
    if kind == _BY_TYPE:
        namespace[f"type{tag}"] = field.field_type
        return (  # the condition first: it names the value
            f"v{tag} if (v{tag} := {source}) is None"
            f" or type(v{tag}) is type{tag} else type{tag}(v{tag})"
        )
    namespace[f"convert{tag}"] = field.to_python_value
    method = type(field).to_python_value
    if namespace["ZONE"] is not None and method is DatetimeField.to_python_value:
        return (
            f"c{tag}.astimezone(ZONE) if type(c{tag} := {source})"
            f" is datetime and c{tag}.utcoffset() is not None else convert{tag}(c{tag})"
        )
    if method is CharEnumFieldInstance.to_python_value:
        namespace[f"members{tag}"] = field.enum_type._value2member_map_
        return (
            f"m{tag} if type(c{tag} := {source}) is str and"
            f" (m{tag} := members{tag}.get(c{tag})) is not None else convert{tag}(c{tag})"
        )
    return f"convert{tag}({source})"


def _namespace(model: type[Model]) -> dict[str, Any]:
    zone = get_default_timezone() if get_use_tz() else None
    return {"NEW": model.__new__, "MODEL": model, "datetime": datetime, "ZONE": zone}


def _flags(model: type[Model]) -> list[str]:
    meta = model._meta
    custom_key = meta.db_pk_column not in meta.generated_db_fields
    return [
        "'_partial': False",
        "'_saved_in_db': True",
        f"'_custom_generated_pk': {custom_key!r}",
        "'_await_when_save': {}",
    ]


def _read_code(model: type[Model]) -> Callable[[dict[str, Any]], Model]:
    """`_init_from_db` for a full row: its columns, in its order, as one dict display."""
    namespace = _namespace(model)
    entries = _flags(model)
    for index, (key, name, kind, field) in enumerate(_columns(model)):
        entries.append(
            f"{name!r}: {_value_code(kind, field, f'row[{key!r}]', str(index), namespace)}"
        )
    lines = [
        "def read(row):",
        "    self = NEW(MODEL)",
        "    self.__dict__.update({" + ", ".join(entries) + "})",
        "    return self",
    ]
    return _compiled_read(lines, namespace)


def _partial_code(model: type[Model], keys: tuple[str, ...]) -> Callable[[dict[str, Any]], Model]:
    """`_init_from_db` for a row of these columns, one of its columns missing: the columns it
    set before the first missing one (in its order), then, marked partial, each column of the
    row that names a field, converted by its kind (Tortoise's fallback for a partial row)."""
    meta = model._meta
    namespace = _namespace(model)
    lines = [
        "def read(row):",
        "    self = NEW(MODEL)",
        "    attrs = self.__dict__",
        "    attrs.update({" + ", ".join(_flags(model)) + "})",
    ]
    for index, (key, name, kind, field) in enumerate(_columns(model)):
        if key not in keys:
            break
        value = _value_code(kind, field, f"row[{key!r}]", str(index), namespace)
        lines.append(f"    attrs[{name!r}] = {value}")
    lines.append("    attrs['_partial'] = True")
    native = {key for key, _, _ in meta.db_native_fields}
    default = {key for key, _, _ in meta.db_default_fields}
    for index, key in enumerate(keys):
        if key not in meta.fields_map:
            continue
        kind = _AS_READ if key in native else _BY_TYPE if key in default else _TO_PYTHON
        name = meta.fields_db_projection_reverse.get(key, key)
        value = _value_code(kind, meta.fields_map[key], f"row[{key!r}]", f"p{index}", namespace)
        lines.append(f"    attrs[{name!r}] = {value}")
    lines.append("    return self")
    return _compiled_read(lines, namespace)


def _compiled_read(
    lines: list[str], namespace: dict[str, Any]
) -> Callable[[dict[str, Any]], Model]:
    exec("\n".join(lines) + "\n", namespace)  # our own template
    made: Callable[[dict[str, Any]], Model] = namespace["read"]
    return made
