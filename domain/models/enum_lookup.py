"""Enum members read from their class's dict alone, as Python 3.12 reads them.

Python 3.11 stores every member in its enum class's dict (a member whose name a base class
uses for a descriptor, such as `name` or `value`, gets a descriptor there that returns it),
yet keeps `EnumType.__getattr__`, the fallback of the releases before that looked members up
in `_member_map_`. It is never reached for a member, but its mere presence makes CPython read
*every* attribute of every enum class (`EventKind.CREATED`, `TicketStatus.NEW`) through
`slot_tp_getattr_hook`, which calls `type.__getattribute__` through a bound method: about 700
machine instructions a read where a class attribute costs about 60. A createTicket reads
some 130 (2 % of its instructions), and every resolver and worker reads them.

CPython 3.12 removed the method as unused (python/cpython gh-106762: "the original method of
looking up enum members, but it was quite slow"). `read_members_from_class_dict` removes it
here as well, once, when present: the same object for every name, an AttributeError for a
name that is not an attribute, as before. tests/test_enum_lookup.py checks every member of
every enum class loaded with the API, the workers and the CLI.
"""

from __future__ import annotations

import enum


def read_members_from_class_dict() -> None:
    """Drop Python 3.11's `EnumType.__getattr__` (see the module); nothing on 3.12 and later."""
    if "__getattr__" in vars(enum.EnumType):
        delattr(enum.EnumType, "__getattr__")
