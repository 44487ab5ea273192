"""Request JSON that is well formed all the way down, or a 400 saying what is wrong.

`json.loads` alone lets through what breaks later, far from the request: text that is not
UTF-8, nesting deep enough to exhaust the recursion limit (in the parser or in any code that
walks the value), lone surrogates (`"\\ud800"`), valid JSON escapes that no database, hash
or response encoder accepts, and NUL characters (`"\\u0000"`), which PostgreSQL refuses in
text. Every JSON part of a request (the body, GET's `variables`
and `extensions`, multipart `operations` and `map`) goes through `parse`.
"""

from __future__ import annotations

import json
import re

from cross_web import HTTPException

# Far deeper than any GraphQL request (input objects nest a few levels), far below the
# interpreter's recursion limit.
MAX_DEPTH = 32
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

NOT_UTF8 = "The request is not valid UTF-8. / La solicitud no es UTF-8 válido."
NOT_JSON = "The request body is not valid JSON. / El cuerpo de la solicitud no es JSON válido."
TOO_DEEP = (
    f"The JSON nests deeper than {MAX_DEPTH} levels. / El JSON se anida a más de {MAX_DEPTH} "
    "niveles."
)
UNSTORABLE = (
    "The JSON holds a NUL character (\\u0000) or a lone surrogate (\\ud800-\\udfff), which "
    "no text may contain: send valid Unicode text. / El JSON contiene un carácter NUL "
    "(\\u0000) o un sustituto aislado (\\ud800-\\udfff), que ningún texto puede contener: "
    "envíe texto Unicode válido."
)


def parse(data: str | bytes) -> object:
    """The JSON value of `data`; HTTPException(400) for anything malformed."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HTTPException(400, NOT_UTF8) from error
    try:
        value = json.loads(data)
    except RecursionError as error:
        raise HTTPException(400, TOO_DEEP) from error
    except ValueError as error:
        raise HTTPException(400, NOT_JSON) from error
    if not _plain(data):
        check(value)
    return value


def _plain(data: str) -> bool:
    """Whether JSON text `data` is well formed by its text alone, scanned in C (every
    request's body, where `check`'s walk of the value took 1 % of a createTicket): no escape
    that may write NUL or a surrogate, neither of them as themselves, and fewer brackets
    than the depth allowed (each nested level opens one)."""
    return (
        "\\u" not in data
        and _UNSTORABLE.search(data) is None
        and data.count("[") + data.count("{") < MAX_DEPTH
    )


def check(value: object) -> None:
    """Refuse nesting past MAX_DEPTH and strings (keys too) with NUL or lone surrogates."""
    pending: list[tuple[object, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                raise HTTPException(400, UNSTORABLE)
        elif isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                raise HTTPException(400, TOO_DEEP)
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
