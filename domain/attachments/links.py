"""Signed download links: what an `<img src>` or `<a download>` can use without an
`Authorization` header. A link names one file and the session (or partner key) it was made
for, and lasts `MESA_DOWNLOAD_LINK_SECONDS`; it opens the file only while that session is
live and may still see the file. Signing is itsdangerous' timed serializer (HMAC-SHA1 over
the payload and a timestamp), the timestamp read from Mesa's clock like every other moment,
so a link made twice in one held moment is one link and a moved clock ages it."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

from itsdangerous import BadData, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from domain.attachments.pipeline import Download, open_attachment
from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import NotFound, Unauthenticated
from domain.identity import auth
from domain.identity.viewer import Viewer

SALT = "mesa.attachment-download"
EXPIRED = (
    "El enlace de descarga caducó: vuelva a abrir el ticket. / The download link has "
    "expired: open the ticket again."
)


def _key_file(folder: Path) -> bytes:
    """A key made once and kept in the data folder every API process shares."""
    path = folder / "secret.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        draft = folder / f".secret.key.{os.getpid()}.{secrets.token_hex(4)}"
        draft.write_text(secrets.token_urlsafe(48), encoding="ascii")
        draft.chmod(0o600)
        try:
            os.link(draft, path)  # atomic, and never replaces another process's key
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_bytes().strip()


class _ClockSigner(TimestampSigner):
    """itsdangerous' timed signer on Mesa's clock instead of `time.time()`."""

    def get_timestamp(self) -> int:
        return int(utcnow().timestamp())


@lru_cache(maxsize=4)
def _serializer(secret_key: str | None, folder: Path) -> URLSafeTimedSerializer:
    key = secret_key.encode() if secret_key else _key_file(folder)
    return URLSafeTimedSerializer(key, salt=SALT, signer=_ClockSigner)


def _current() -> URLSafeTimedSerializer:
    settings = get_settings()
    return _serializer(settings.secret_key, settings.data_dir)


def _holder(viewer: Viewer | None) -> str | None:
    if viewer is not None and viewer.token_id is not None:
        return f"t:{viewer.token_id}"
    if viewer is not None and viewer.partner_key_id is not None:
        return f"k:{viewer.partner_key_id}"
    return None


def sign_download(attachment_id: int, viewer: Viewer | None) -> str | None:
    """The signature of a link to the file for this viewer's session; None without one."""
    holder = _holder(viewer)
    return None if holder is None else str(_current().dumps([attachment_id, holder]))


async def open_signed_download(attachment_id: int, signature: str) -> Download:
    """The file a signed link names, for the session it was made for, as it is now."""
    settings = get_settings()
    try:
        signed_id, holder = _current().loads(
            signature[:500], max_age=settings.download_link_seconds
        )
    except SignatureExpired:
        raise Unauthenticated(EXPIRED) from None
    except (BadData, TypeError, ValueError):
        raise NotFound("Attachment not found. / Adjunto no encontrado.") from None
    if signed_id != attachment_id or not isinstance(holder, str):
        raise NotFound("Attachment not found. / Adjunto no encontrado.")
    try:
        viewer = await auth.viewer_of_holder(holder)
    except Unauthenticated:
        raise NotFound("Attachment not found. / Adjunto no encontrado.") from None
    return await open_attachment(viewer, attachment_id)
