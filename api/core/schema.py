"""The schema's machinery: limits, caches, error masking and logging. The roots it is built
from are merged in api.schema."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

import strawberry
from graphql import (
    ASTValidationRule,
    GraphQLError,
    StringValueNode,
    ValidationRule,
    is_abstract_type,
)
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.extensions.query_depth_limiter import IgnoreContext
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_operation_type

from api.core import arguments
from api.core.compiled import CompiledExecutor
from api.core.error_codes import MaskUnexpectedErrors, forget_frames, label
from api.core.expansion import BoundedValidation
from api.core.extension_hooks import ExtensionHooks
from api.core.lean import Lean
from api.core.limits import OperationLimits
from api.core.metrics import OperationMetrics
from api.core.unavailable import UnavailableErrors
from domain.db_priority import serving_write
from domain.errors import DomainError
from domain.messages import in_language

logger = logging.getLogger("mesa.graphql")
MAX_ALIASES = 100
MAX_DEPTH = 12
# Enough for any real operation here (the standard introspection query has ~1,100 tokens);
# the parser stops counting at the limit, so a huge document is refused without a full parse.
MAX_TOKENS = 5000
MAX_BATCHED_OPERATIONS = 10
DOCUMENT_CACHE_SIZE = 256


def is_expected(error: GraphQLError) -> bool:
    """Domain failures and GraphQL's own errors (validation, variable coercion, which wraps
    graphql-core's error in another) are the client's to see."""
    return error.original_error is None or isinstance(
        error.original_error, DomainError | GraphQLError
    )


# graphql-core's hints ("Did you mean 'Ticket'?") for types, fields, arguments, enum values
# and input fields: in production they would map the schema for a stranger.
_SUGGESTION = re.compile(r"\s*Did you mean .*$", re.DOTALL)


class _ExecutionContext(ExecutionContext):
    """Strawberry's, with the operation's name and type found once per document: Strawberry
    and the extensions ask for them nine times a request, each a walk of the document's
    definitions (and an enum's lookup for the type). A document without the operation named
    raises as Strawberry's does, every time."""

    @property
    def operation_name(self) -> str | None:
        known = self._known()
        return super().operation_name if known is None else known[0]

    @property
    def operation_type(self) -> OperationType:
        known = self._known()
        return super().operation_type if known is None else known[1]

    def _known(self) -> tuple[str | None, OperationType] | None:
        document = self.graphql_document
        if document is None:
            return None
        cached = self.__dict__.get("_mesa_operation")
        if cached is None or cached[0] is not document:
            name = super().operation_name
            try:
                kind = get_operation_type(document, name)
            except RuntimeError:
                return None
            cached = self.__dict__["_mesa_operation"] = (document, (name, kind))
        known: tuple[str | None, OperationType] = cached[1]
        return known


class MesaSchema(strawberry.Schema):
    def __init__(self, *args: Any, hide_suggestions: bool = False, **kwargs: Any) -> None:
        # Queries walk a plan compiled once per document (api.core.compiled).
        kwargs.setdefault("execution_context_class", CompiledExecutor)
        super().__init__(*args, **kwargs)
        # Resolvers' arguments are converted by a plan made once per field.
        arguments.install()
        self.hide_suggestions = hide_suggestions
        # Known documents' operations run without Strawberry's plumbing, with the work of
        # Mesa's extensions done in place of their hooks: only for exactly those extensions.
        self.lean = _lean_for(self.get_extensions())

    async def execute(  # Strawberry's signature
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        allowed = (
            DEFAULT_ALLOWED_OPERATION_TYPES
            if allowed_operation_types is None
            else allowed_operation_types
        )
        chosen = None if self.lean is None else self.lean.chosen(query, operation_name, allowed)
        if self.lean is not None and chosen is not None and query is not None:
            # A mutation's units of work, and others' that end meanwhile, may commit together.
            writing = serving_write() if chosen.kind is OperationType.MUTATION else nullcontext()
            with writing:
                return await self.lean.execute(
                    self,
                    chosen,
                    query,
                    variable_values,
                    context_value,
                    root_value,
                    operation_extensions,
                )
        return await super().execute(
            query,
            variable_values=variable_values,
            context_value=context_value,
            root_value=root_value,
            operation_name=operation_name,
            allowed_operation_types=allowed_operation_types,
            operation_extensions=operation_extensions,
        )

    async def _prepare_operation_async(
        self, context: ExecutionContext, extensions_runner: SchemaExtensionsRunner
    ) -> PreExecutionError | None:
        """Strawberry's parsing and validation; a text that passes both is known from then
        on (api.core.lean)."""
        errors = await super()._prepare_operation_async(context, extensions_runner)
        document = context.graphql_document
        if errors is None and self.lean is not None and context.query and document is not None:
            self.lean.learn(context.query, document)
        return errors

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        return ExtensionHooks(execution_context=execution_context, extensions=extensions)

    def _create_execution_context(
        self,
        query: str | None,
        allowed_operation_types: Iterable[OperationType],
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionContext:
        return _ExecutionContext(
            query=query,
            schema=self,
            allowed_operations=allowed_operation_types,
            context=context_value,
            root_value=root_value,
            variables=variable_values,
            provided_operation_name=operation_name,
            operation_extensions=operation_extensions,
        )

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        context = getattr(execution_context, "context", None)
        language = getattr(context, "language", None)
        for error in errors:
            if self.hide_suggestions:
                error.message = _SUGGESTION.sub("", error.message)
            label(error)
            error.message = in_language(error.message, language)
            if not is_expected(error):
                logger.error("unexpected error in a resolver", exc_info=error.original_error)
            forget_frames(error)


def _lean_for(extensions: list[SchemaExtension]) -> Lean | None:
    """The lean path for a schema whose extensions are exactly Mesa's (`extensions`, in
    their order), whose work it does itself; None for any other list."""
    kinds = [type(extension) for extension in extensions]
    if kinds == _LEAN_KINDS:
        return Lean(DOCUMENT_CACHE_SIZE, mask=None)
    if kinds == _LEAN_KINDS_IN_PRODUCTION:
        [mask] = [e for e in extensions if isinstance(e, MaskUnexpectedErrors)]
        return Lean(DOCUMENT_CACHE_SIZE, mask=mask._process_result)
    return None


def _is_introspection(field: IgnoreContext) -> bool:
    return field.field_name.startswith("__")


class NoNulInStrings(ValidationRule):
    """A string literal of the document holding NUL (`"\\u0000"`) is refused: no text may
    contain it (PostgreSQL refuses it), as in JSON variables (api.http.wellformed)."""

    def enter_string_value(self, node: StringValueNode, *_args: object) -> None:
        if "\x00" in node.value:
            self.report_error(
                GraphQLError(
                    "A string holds a NUL character (\\u0000), which no text may contain. / "
                    "Una cadena contiene un carácter NUL (\\u0000), que ningún texto puede "
                    "contener.",
                    node,
                    extensions={"code": "BAD_REQUEST"},
                )
            )


# Built once, so the validation cache (keyed by the rules too) hits across requests.
_LIMIT_RULES: tuple[type[ASTValidationRule], ...] = (
    NoNulInStrings,
    *QueryDepthLimiter(max_depth=MAX_DEPTH, should_ignore=_is_introspection).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)


class DepthAndAliasLimits(AddValidationRules):
    def __init__(self) -> None:
        super().__init__(list(_LIMIT_RULES))


def extensions(*, production: bool) -> list[Any]:
    """The schema's extensions, in the order they wrap an operation."""
    # Each limit refuses the whole operation before any resolver runs: tokens while parsing,
    # depth and aliases while validating, page sizes, cost and allowances just before executing.
    # Aliases multiply work in one request (serial mutations even recurse per field): cap them.
    # Parsing and validating a document cost more than executing a small one (profile of
    # `make bench`'s api scenario): both are cached per document text, bounded.
    chosen: list[Any] = [
        OperationMetrics,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        DepthAndAliasLimits,
        # Refuses a document whose fragments expand past a bound before any rule walks it.
        lambda: BoundedValidation(maxsize=DOCUMENT_CACHE_SIZE),
        OperationLimits,
    ]
    if production:
        chosen.append(DisableIntrospection)
        chosen.append(lambda: MaskUnexpectedErrors(should_mask_error=lambda e: not is_expected(e)))
    # Last, so it is the first to see the result on the way out (hooks exit in reverse), while
    # the original error is still there for it to recognise: MaskErrors then leaves it alone.
    chosen.append(UnavailableErrors)
    return chosen


# What `extensions` makes, as classes: the lists api.core.lean does the work of.
_LEAN_KINDS: list[type[SchemaExtension]] = [
    OperationMetrics,
    MaxTokensLimiter,
    ParserCache,
    DepthAndAliasLimits,
    BoundedValidation,
    OperationLimits,
    UnavailableErrors,
]
_LEAN_KINDS_IN_PRODUCTION = [
    *_LEAN_KINDS[:-1],
    DisableIntrospection,
    MaskUnexpectedErrors,
    UnavailableErrors,
]


def possible_types(schema: strawberry.Schema) -> dict[str, list[str]]:
    """Each union and interface with the object types it may be: Apollo Client's
    `possibleTypes` (and urql's graphcache) need it to match fragments on abstract types."""
    graphql_schema = schema._schema
    found: dict[str, list[str]] = {}
    for name, named_type in sorted(graphql_schema.type_map.items()):
        if name.startswith("__") or not is_abstract_type(named_type):
            continue
        members = graphql_schema.get_possible_types(named_type)
        found[name] = sorted(member.name for member in members)
    return found


def config() -> StrawberryConfig:
    return StrawberryConfig(
        disable_field_suggestions=True,
        batching_config={"max_operations": MAX_BATCHED_OPERATIONS},
    )
