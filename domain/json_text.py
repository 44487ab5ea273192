"""json.dumps with options fixed once: the same text, without the encoder json builds per call.

For every call with an option (sort_keys, default, ensure_ascii=False, separators), json.dumps
makes a JSONEncoder, then a Python closure and a C encoder for that one value: some 150
Python opcodes before the C encoder starts. Some texts are made on every request: the access
log's line (domain.logs) and the SLA policy key of each ticket a request reads or writes
(domain.sla.terms). Here the C encoder is made once per set of options.

It is made without json's check for circular references (its `markers`, which a failed call
would leave behind if shared): these values are trees, and one that held itself would end in
a RecursionError instead of json's ValueError. Anything else is json.dumps's, errors included.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import (  # type: ignore[attr-defined]
    c_make_encoder,
    encode_basestring,
    encode_basestring_ascii,
)
from typing import Any


def dumps_with(
    *,
    sort_keys: bool = False,
    ensure_ascii: bool = True,
    default: Callable[[Any], Any] | None = None,
    separators: tuple[str, str] | None = None,
) -> Callable[[Any], str]:
    """json.dumps(value, sort_keys=..., ensure_ascii=..., default=..., separators=...) as a
    function of the value alone."""
    standard = json.JSONEncoder(
        sort_keys=sort_keys, ensure_ascii=ensure_ascii, default=default, separators=separators
    )
    if c_make_encoder is None:  # an interpreter without json's C module
        return standard.encode
    encode = c_make_encoder(
        None,  # no markers: see the module
        standard.default,
        encode_basestring_ascii if ensure_ascii else encode_basestring,
        None,  # indent
        standard.key_separator,
        standard.item_separator,
        sort_keys,
        False,  # skipkeys
        True,  # allow_nan
    )
    return lambda value: "".join(encode(value, 0))
