"""domain.models.enum_lookup: enum classes are read from their dict alone (Python 3.11's
`EnumType.__getattr__` gone, as in 3.12), and every member of every enum class loaded with
the API, the workers and the CLI is still the same object by every name, aliases and names
a descriptor shadows included; a name that is not an attribute still raises AttributeError."""

from __future__ import annotations

import enum
import gc
import inspect
import weakref

import pytest

import api.http.app
import mesa.cli
import workers.broker
from domain.models import EventKind, TicketStatus


def _enum_classes() -> list[enum.EnumType]:
    # `type(o)`, not `isinstance(o, ...)`: the heap may hold a weak proxy whose referent is
    # gone, and `isinstance` on it raises ReferenceError.
    return [o for o in gc.get_objects() if issubclass(type(o), enum.EnumType)]


def test_no_enum_class_is_read_through_a_getattr_hook() -> None:
    assert "__getattr__" not in vars(enum.EnumType)
    assert not any("__getattr__" in vars(kind) for kind in inspect.getmro(type(EventKind)))
    assert api.http.app and mesa.cli and workers.broker  # what the process loads


def test_every_member_of_every_enum_class_is_read_by_each_of_its_names() -> None:
    classes = _enum_classes()
    assert len(classes) > 100 and EventKind in classes and TicketStatus in classes
    read = 0
    for kind in classes:
        members: dict[str, enum.Enum] = dict(kind.__members__)
        for name, member in members.items():  # aliases too
            assert getattr(kind, name) is member, (kind, name)
            read += 1
        for missing in ("no_such_member", "__no_such_dunder__"):
            with pytest.raises(AttributeError):
                getattr(kind, missing)
    assert read > 1000


def test_the_enum_classes_are_found_beside_a_dead_weak_proxy() -> None:
    class Gone:
        pass

    referent = Gone()
    proxies = [weakref.proxy(referent)]
    del referent
    with pytest.raises(ReferenceError):
        str(proxies[0])
    assert EventKind in _enum_classes()


def test_members_named_as_descriptors_and_aliases_are_read_as_members() -> None:
    class Odd(enum.Enum):
        name = 1  # type: ignore[assignment]
        value = 2
        other = 1  # an alias of `name`

    assert Odd.name is Odd["name"] and Odd.value is Odd(2) and Odd.other is Odd.name
    assert Odd.value.value == 2 and Odd.name.name == "name"
    with pytest.raises(AttributeError):
        Odd.missing  # type: ignore[attr-defined]  # noqa: B018
