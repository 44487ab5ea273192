"""The per-request GraphQL context: who is asking, and the request's dataloaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from strawberry.types import Info as StrawberryInfo

from api.core.loaders import Loaders
from domain.identity.viewer import Viewer
from domain.messages import preferred_language
from domain.models import Language


class Peer(Protocol):
    @property
    def host(self) -> str: ...


class Connection(Protocol):
    """What resolvers read of the HTTP request or WebSocket behind an operation."""

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def client(self) -> Peer | None: ...


# Closes a WebSocket connection with a close code and reason.
CloseConnection = Callable[[int, str], Awaitable[None]]


@dataclass
class Context:
    request: Connection
    viewer: Viewer | None
    loaders: Loaders = field(init=False)
    # WebSocket connections: the `connection_init` payload, the token it authenticated, and
    # how to close the connection (None over HTTP).
    connection_params: dict[str, Any] | None = None
    token: str | None = None
    close_connection: CloseConnection | None = None
    # The columns a compiled plan's resolvers may select, by field node (api.core.columns);
    # None while graphql-core runs, whose resolvers read whole rows.
    row_columns: dict[int, frozenset[str]] | None = None

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.viewer)

    def act_as(self, viewer: Viewer | None) -> None:
        """Switch to a (re-)authenticated viewer with fresh dataloaders: a WebSocket
        connection lives long, and each event it delivers must read current data."""
        self.viewer = viewer
        self.loaders = Loaders(viewer)

    @property
    def client_address(self) -> str:
        """The peer's address, the key of per-address attempt limits."""
        client = self.request.client
        return client.host if client else ""

    def header(self, name: str) -> str | None:
        return self.request.headers.get(name)

    @property
    def language(self) -> Language | None:
        """The language messages are shown in: the viewer's saved one (a customer's or staff
        member's, a guest's choice on the web form), else the one Accept-Language prefers."""
        if self.viewer is not None and self.viewer.saved_language is not None:
            return self.viewer.saved_language
        return preferred_language(self.header("accept-language"))


Info = StrawberryInfo[Context, None]
