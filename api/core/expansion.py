"""How big a document becomes once its fragments are expanded, measured before validating it.

A document of a few hundred bytes can double its size at each level of fragment spreads
(`fragment F2 on Query { ...F1 ...F1 }`), and every check that walks the expanded document
(depth, aliases, overlapping fields, cost) then blocks the event loop for seconds. Here each
fragment's expanded size is computed once and reused wherever it is spread, so the measure
takes time linear in the document's size, and a document past `MAX_EXPANDED_SELECTIONS` is
refused before anything expands it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import ValidationCache

# Far above any operation a client of this API sends (GraphiQL's introspection query expands
# to about 470 selections), far below what takes a validator noticeable time (the overlapping
# fields rule compares fragments pairwise: 2,000 selections validate in about 40 ms).
MAX_EXPANDED_SELECTIONS = 2000


class _Sizes:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.memo: dict[str, int] = {}
        self.in_progress: set[str] = set()

    def of_fragment(self, name: str) -> int:
        if name in self.memo:
            return self.memo[name]
        fragment = self.fragments.get(name)
        if fragment is None or name in self.in_progress:
            return 0  # unknown or cyclic: validation refuses both, without expanding them
        self.in_progress.add(name)
        size = self.of(fragment.selection_set)
        self.in_progress.discard(name)
        # Saturated, so a chain of doublings stays a small integer.
        self.memo[name] = min(size, MAX_EXPANDED_SELECTIONS + 1)
        return self.memo[name]

    def of(self, selections: SelectionSetNode | None) -> int:
        if selections is None:
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += 1 + self.of(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += self.of(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.of_fragment(selection.name.value)
            if total > MAX_EXPANDED_SELECTIONS:
                return total
        return total


def expanded_size(document: DocumentNode) -> int:
    """The selections every operation and fragment of the document expands to, together."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    sizes = _Sizes(fragments)
    total = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            total += sizes.of(definition.selection_set)
        elif isinstance(definition, FragmentDefinitionNode):
            total += sizes.of_fragment(definition.name.value)
        if total > MAX_EXPANDED_SELECTIONS:
            break
    return total


TOO_LARGE = (
    f"The operation expands to more than {MAX_EXPANDED_SELECTIONS} fields once its fragments "
    "are spread: send a smaller one. / La operación se expande a más de "
    f"{MAX_EXPANDED_SELECTIONS} campos al desplegar sus fragmentos: envíe una más pequeña."
)


class _Validated:
    """Validation results by the document's identity (the parser cache hands out one document
    per text): graphql-core hashes a document by walking all of it, and Strawberry's
    validation cache asks for that hash on every request (14 us for a page of tickets). An
    entry keeps its document, so its id is not reused while it is cached."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[int, tuple[Any, Any, tuple[Any, ...], list[GraphQLError]]]
        self.entries = OrderedDict()

    def get(self, schema: Any, document: Any, rules: tuple[Any, ...]) -> list[GraphQLError] | None:
        entry = self.entries.get(id(document))
        if entry is None or entry[0] is not document or entry[1] is not schema:
            return None
        if entry[2] != rules:
            return None
        self.entries.move_to_end(id(document))
        return entry[3]

    def put(
        self, schema: Any, document: Any, rules: tuple[Any, ...], errors: list[GraphQLError]
    ) -> None:
        self.entries[id(document)] = (document, schema, rules, errors)
        self.entries.move_to_end(id(document))
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


_validated: dict[int | None, _Validated] = {}


class BoundedValidation(ValidationCache):
    """Validates (with a cache) only documents whose expanded size is bounded."""

    def __init__(self, maxsize: int | None = 128) -> None:
        super().__init__(maxsize)
        known = _validated.get(maxsize)
        if known is None:
            known = _validated[maxsize] = _Validated(maxsize or 128)
        self.known = known

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is None:
            yield from super().on_validate()
            return
        schema, rules = context.schema._schema, tuple(context.validation_rules)
        errors = self.known.get(schema, document, rules)
        if errors is None:
            if expanded_size(document) > MAX_EXPANDED_SELECTIONS:
                error = GraphQLError(TOO_LARGE, extensions={"code": "QUERY_TOO_COMPLEX"})
                context.pre_execution_errors = [error]
                yield
                return
            errors = self.cached_validate_document(schema, document, rules)
            self.known.put(schema, document, rules, errors)
        context.pre_execution_errors = errors
        yield
