"""Attachment types: a file on a message, from upload to storage."""

from __future__ import annotations

from datetime import datetime
from typing import Self
from urllib.parse import urlencode

import strawberry
from strawberry import relay

from api.core.context import Info
from api.core.ids import encode_id
from domain import models
from domain.attachments.links import sign_download
from domain.attachments.pipeline import rejection_message
from domain.config import get_settings

AttachmentState = strawberry.enum(
    models.AttachmentState,
    description="PENDING while a worker checks the file, then STORED or REJECTED.",
)


def download_url(attachment_id: int, signature: str) -> str:
    """A signed link to the file (GET /attachments/{id}?signature=…, api.http.downloads),
    absolute when MESA_PUBLIC_URL is set."""
    base = (get_settings().public_url or "").rstrip("/")
    query = urlencode({"signature": signature})
    return f"{base}/attachments/{encode_id('Attachment', attachment_id)}?{query}"


@strawberry.type(description="A file attached to a message.")
class Attachment(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="A safe display name derived from the sender's.")
    declared_type: str = strawberry.field(description="The type the sender claimed; untrusted.")
    content_type: str | None = strawberry.field(
        description="The type sniffed from the content, once checked."
    )
    size: int = strawberry.field(description="Bytes.")
    sha256: str | None
    state: AttachmentState  # type: ignore[valid-type]
    rejection_reason: str | None = strawberry.field(
        description="Why the file was refused (Spanish and English)."
    )
    created_at: datetime
    stored: strawberry.Private[bool]

    @strawberry.field(
        description="A STORED file's download link, for this session only and for "
        "MESA_DOWNLOAD_LINK_SECONDS: usable as <img src> or <a download>, no header needed."
    )
    def download_url(self, info: Info) -> str | None:
        signature = sign_download(self.id, info.context.viewer) if self.stored else None
        return None if signature is None else download_url(self.id, signature)

    @classmethod
    def from_model(cls, row: models.Attachment) -> Self:
        stored = row.state is models.AttachmentState.STORED
        return cls(
            id=row.id,
            name=row.name,
            declared_type=row.declared_type,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            state=row.state,
            rejection_reason=rejection_message(row),
            created_at=row.created_at,
            stored=stored,
        )
