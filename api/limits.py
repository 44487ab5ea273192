"""Per-key rate limits for partners, counted per root field so aliases and batches count each."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from graphql import GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.utils.await_maybe import AwaitableOrValue

from domain.partners import count_partner_call


class PartnerRateLimit(SchemaExtension):
    """Counts every root field a partner key executes; past its allowance: RATE_LIMITED."""

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo,
        *args: str,
        **kwargs: Any,
    ) -> AwaitableOrValue[object]:
        viewer = getattr(info.context, "viewer", None)
        if info.path.prev is not None or viewer is None or not viewer.is_partner:
            return _next(root, info, *args, **kwargs)
        return self._counted(_next, root, info, *args, **kwargs)

    async def _counted(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo,
        *args: str,
        **kwargs: Any,
    ) -> object:
        await count_partner_call(info.context.viewer)
        result = _next(root, info, *args, **kwargs)
        return await result if inspect.isawaitable(result) else result
