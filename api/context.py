"""The per-request GraphQL context: who is asking, and the request's dataloaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from api.loaders import Loaders
from domain.viewer import Viewer


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    viewer: Viewer | None
    loaders: Loaders = field(init=False)
    # WebSocket connections: the `connection_init` payload, and the token it authenticated.
    connection_params: dict[str, Any] | None = None
    token: str | None = None

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


Info = StrawberryInfo[Context, None]
