"""An operation's cost is kept per parsed document and values of the variables it reads
(api.core.limits.measure_document): each answer equals a measure made afresh."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse

from api.core import limits
from api.core.limits import measure_document, measure_operation
from domain.errors import DomainError

DOCUMENT = parse(
    """
    query Page($n: Int, $m: Int) {
      tickets(first: $n) { edges { node { id ...Thread } } }
      other: tickets(first: 3) { edges { node { id } } }
    }
    query Plain { tickets { edges { node { id } } } }
    mutation Login($p: String!) { a: login(clientNumber: "C-1", password: $p) { token } }
    fragment Thread on Ticket { messages(first: $m) { edges { node { body } } } }
    """
)

# Values a client may send where a page size goes: good ones, refused ones, and ones equal to
# a good one in Python (1.0 == 1 == True) that the API must not take for it.
VALUES: list[Any] = [10, 20, 10, None, 1, 1.0, True, "5", [1], {"a": 1}, 101, -1, 0, 10]


def _answer(measure: Any, *arguments: Any) -> Any:
    try:
        return measure(*arguments)
    except DomainError as error:
        return type(error).__name__, error.message


@pytest.mark.parametrize("name", ["Page", "Plain", "Login"])
def test_a_kept_measure_is_the_measure_made_afresh(name: str) -> None:
    for n in VALUES:
        for m in (5, n):
            variables = {"n": n, "m": m, "p": "secret"}
            for _ in range(2):  # the second time from what was kept
                kept = _answer(measure_document, DOCUMENT, name, variables)
                fresh = _answer(measure_operation, DOCUMENT.definitions, name, variables)
                assert kept == fresh, (name, variables)


def test_measures_are_kept_by_document_and_the_values_read() -> None:
    variables = {"n": 10, "m": 5}
    first = measure_document(DOCUMENT, "Page", variables)
    again = measure_document(DOCUMENT, "Page", {**variables, "unread": 1})
    other = measure_document(DOCUMENT, "Page", {"n": 20, "m": 5})

    assert again is first  # found again: a variable the measure does not read changes nothing
    assert other is not first and other.cost > first.cost
    kept = limits._measured[(id(DOCUMENT), "Page")]
    assert kept.document is DOCUMENT and kept.names == ("n", "m")
    # A document of the same text parsed again is another document: measured afresh.
    reparsed = parse(DOCUMENT.loc.source.body if DOCUMENT.loc else "")
    assert measure_document(reparsed, "Page", variables) == first
