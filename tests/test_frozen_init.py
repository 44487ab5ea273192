"""domain.frozen_init.fast_init: every class given the fast `__init__` has the dataclass's
signature and builds the same instance from the same arguments, or raises the same error,
and stays frozen."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

import pytest

import api.http.app
import mesa.cli
import workers.broker
from domain.frozen_init import ORIGINAL_INITS, replaced


def _built(cls: Any, init: Callable[..., None], *args: Any, **kwargs: Any) -> tuple[str, Any]:
    instance = cls.__new__(cls)
    try:
        init(instance, *args, **kwargs)
    except TypeError as error:
        return ("raised", str(error))
    return ("built", vars(instance))


def _classes() -> list[type]:
    assert api.http.app and mesa.cli and workers.broker  # every module that may use it
    return sorted(ORIGINAL_INITS, key=lambda cls: cls.__qualname__)


def test_the_classes_a_write_builds_most_take_it() -> None:
    names = {cls.__name__ for cls in _classes()}
    assert {"LiveEvent", "Notice", "Contact", "Deadlines", "Alert"} <= names, names


@pytest.mark.parametrize("cls", _classes(), ids=lambda cls: cls.__qualname__)
def test_a_class_is_built_as_its_dataclass_init_builds_it(cls: type) -> None:
    ours, theirs = vars(cls)["__init__"], ORIGINAL_INITS[cls]
    assert inspect.signature(ours) == inspect.signature(theirs)
    assert ours.__qualname__ == theirs.__qualname__
    fields = dataclasses.fields(cls)
    given = {field.name: object() for field in fields}  # each value its own
    built = _built(cls, ours, **given)
    assert built == _built(cls, theirs, **given) and built[0] == "built"
    assert all(built[1][name] is value for name, value in given.items())
    positional = [f for f in fields if not f.kw_only]
    args = [given[f.name] for f in positional]
    rest = {f.name: given[f.name] for f in fields if f.kw_only}
    assert _built(cls, ours, *args, **rest) == built
    required = {
        f.name: given[f.name]
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    defaulted = _built(cls, ours, **required)
    assert defaulted == _built(cls, theirs, **required) and defaulted[0] == "built"
    for field in fields:
        if field.default_factory is not dataclasses.MISSING:  # made afresh for each
            again = _built(cls, ours, **required)[1][field.name]
            assert again == defaulted[1][field.name]
            assert again is not defaulted[1][field.name] or not isinstance(again, list | dict)
    wrong: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {**given, "no_such_field": 1}),
        ((*args, 1, 2, 3), {}),
    ]
    wrong += [((), {n: v for n, v in required.items() if n != name}) for name in required]
    for wrong_args, wrong_kwargs in wrong:
        refused = _built(cls, ours, *wrong_args, **wrong_kwargs)
        assert refused == _built(cls, theirs, *wrong_args, **wrong_kwargs)
        assert refused[0] == "raised"
    instance = cls(**given)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, fields[0].name, 1)
    assert instance == cls(**given)


@pytest.mark.parametrize("cls", _classes(), ids=lambda cls: cls.__qualname__)
def test_a_copy_with_changes_is_what_dataclasses_replace_makes(cls: Any) -> None:
    fields = dataclasses.fields(cls)
    instance = cls(**{field.name: object() for field in fields})
    for field in fields:
        change = {field.name: object()}
        # When one field is changed by `replaced` and by dataclasses.replace
        ours, theirs = replaced(instance, **change), dataclasses.replace(instance, **change)
        # Then both copies are the same, and the original is left as it was
        assert type(ours) is cls and vars(ours) == vars(theirs) and ours is not instance
        assert getattr(instance, field.name) is not change[field.name]
    assert vars(replaced(instance)) == vars(instance)
    for wrong in ({"no_such_field": 1}, {fields[0].name: 1, "another": 2}):
        with pytest.raises(TypeError) as ours_error:
            replaced(instance, **wrong)
        with pytest.raises(TypeError) as theirs_error:
            dataclasses.replace(instance, **wrong)
        assert str(ours_error.value) == str(theirs_error.value)
