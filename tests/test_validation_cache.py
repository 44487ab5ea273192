"""Validation results are kept by the parsed document's identity (api.core.expansion), and a
document is still validated against its own schema and rules."""

from __future__ import annotations

from api.core.expansion import _validated
from api.core.schema import DOCUMENT_CACHE_SIZE
from api.schema import build_schema

INTROSPECTION = "{ __schema { queryType { name } } }"


def _known() -> dict[int, tuple[object, ...]]:
    return dict(_validated[DOCUMENT_CACHE_SIZE].entries)


async def test_a_document_sent_again_is_validated_once_and_answered_the_same() -> None:
    schema = build_schema(production=False)
    query = "{ __typename notAField }"

    first = await schema.execute(query, context_value=None)
    kept = [entry for entry in _known().values() if entry[1] is schema._schema]
    second = await schema.execute(query, context_value=None)
    kept_after = [entry for entry in _known().values() if entry[1] is schema._schema]

    assert first.errors is not None and second.errors is not None
    assert "notAField" in first.errors[0].message
    assert [e.formatted for e in second.errors] == [e.formatted for e in first.errors]
    # The parser cache handed out one document for the text; its validation was kept once
    # and found again by the document's identity, not validated and stored a second time.
    assert len(kept) == 1 and kept[0][3] == first.errors
    assert len(kept_after) == 1 and kept_after[0] is kept[0]


async def test_one_document_is_validated_per_schema_and_rules() -> None:
    # The parser cache is shared by every schema, so development and production are handed the
    # same document for the text; production's rules refuse introspection, development's not.
    development = build_schema(production=False)
    production = build_schema(production=True)

    allowed = await development.execute(INTROSPECTION, context_value=None)
    refused = await production.execute(INTROSPECTION, context_value=None)
    allowed_again = await development.execute(INTROSPECTION, context_value=None)

    assert allowed.errors is None and allowed_again.errors is None
    assert allowed.data == allowed_again.data == {"__schema": {"queryType": {"name": "Query"}}}
    assert refused.errors is not None and refused.data is None
