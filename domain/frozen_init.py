"""A frozen dataclass's `__init__` that writes its fields to the new instance's dict.

The `__init__` dataclasses generate for a frozen class sets each field with
`object.__setattr__(self, name, value)` (its own `__setattr__` refuses): a call of a slot
wrapper, which CPython makes through two argument tuples, about 700 machine instructions a
field. The few frozen classes a write builds many of (its notices, contacts, deadlines, live
events) cost a createTicket some 140 such calls, 2 % of its instructions. `fast_init` gives
such a class an `__init__` of the same signature (the same names, kinds and default values,
the same factories called for the fields not passed) whose body writes every field to the
instance's dict in one `dict.update`: the instance is the same, and still frozen, since
nothing but `__init__` writes to its dict.

Only a plain frozen dataclass takes it: no `__post_init__`, no InitVar, every field set by
`__init__`, no slots (asserted). tests/test_frozen_init.py builds every class that takes it
both ways and compares the instances, the signatures and the errors.

Such a class's `dataclasses.replace` is `replaced`: its `__init__` only writes each field,
so a copy with changes is the instance's attributes copied and the changes written over them
(replace looks every field up and calls `__init__` with all of them: 400 Python opcodes for a
viewer, which every request naming a ticket copies).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

Kind = TypeVar("Kind", bound=type)

# The dataclass's own __init__ of every class given one here (read by the tests).
ORIGINAL_INITS: dict[type, Callable[..., None]] = {}
# The names of the fields of each of them (`replaced`).
_FIELD_NAMES: dict[type, frozenset[str]] = {}
Copied = TypeVar("Copied")


def fast_init(cls: Kind) -> Kind:
    """Give a plain frozen dataclass an `__init__` that writes its fields at once (see the
    module); apply it above `@dataclass(frozen=True)`."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    declared = cls.__dataclass_fields__.values()  # type: ignore[attr-defined]
    fields = dataclasses.fields(cls)
    assert params.frozen and params.init, cls
    assert not hasattr(cls, "__post_init__") and "__slots__" not in vars(cls), cls
    assert len(fields) == len(declared) and all(field.init for field in fields), cls
    original: Any = vars(cls)["__init__"]  # the dataclass's own
    signature = inspect.signature(original)
    parameters = list(signature.parameters.values())[1:]
    assert [parameter.name for parameter in parameters] == [f.name for f in fields], cls
    written, heads, keyword_only = [], ["self"], False
    namespace: dict[str, Any] = {"FACTORY": dataclasses._HAS_DEFAULT_FACTORY}  # type: ignore[attr-defined]
    for index, (field, parameter) in enumerate(zip(fields, parameters, strict=True)):
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not keyword_only:
            heads.append("*")
            keyword_only = True
        heads.append(field.name)
        value = field.name
        if field.default_factory is not dataclasses.MISSING:
            namespace[f"factory{index}"] = field.default_factory
            value = f"factory{index}() if {field.name} is FACTORY else {field.name}"
        written.append(f"{field.name!r}: {value}")
    source = (
        f"def __init__({', '.join(heads)}):\n    self.__dict__.update({{{', '.join(written)}}})\n"
    )
    exec(source, namespace)  # our own template
    init = namespace["__init__"]
    init.__defaults__ = original.__defaults__
    init.__kwdefaults__ = original.__kwdefaults__
    init.__qualname__ = original.__qualname__
    init.__module__ = original.__module__
    init.__doc__ = original.__doc__
    init.__annotations__ = original.__annotations__
    ORIGINAL_INITS[cls] = original
    _FIELD_NAMES[cls] = frozenset(field.name for field in fields)
    type.__setattr__(cls, "__init__", init)
    return cls


def replaced(instance: Copied, /, **changes: Any) -> Copied:
    """`dataclasses.replace(instance, **changes)` for an instance of a class given
    `fast_init`: a name that is not a field refused with replace's TypeError."""
    kind = type(instance)
    names = _FIELD_NAMES[kind]
    if not names.issuperset(changes):
        unknown = next(name for name in changes if name not in names)
        raise TypeError(
            f"{kind.__qualname__}.__init__() got an unexpected keyword argument {unknown!r}"
        )
    copy = object.__new__(kind)
    attributes = copy.__dict__
    attributes.update(instance.__dict__)
    attributes.update(changes)
    return copy
