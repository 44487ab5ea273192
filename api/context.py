"""The per-request GraphQL context: who is asking, and the request's dataloaders."""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.viewer)

    @property
    def client_address(self) -> str:
        """The peer's address, the key of per-address attempt limits."""
        client = self.request.client
        return client.host if client else ""

    def header(self, name: str) -> str | None:
        return self.request.headers.get(name)


Info = StrawberryInfo[Context, None]
