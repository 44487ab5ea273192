"""GET /attachments/{id}: a stored attachment, for whoever may see its message: by the
bearer token, or by a signed link (`?signature=`, domain.attachments.links) for browsers.

Always a download (`Content-Disposition: attachment`, `nosniff`), streamed from storage
with aiofiles, with single `Range` requests (206, 416) so large files resume."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from api.core.ids import parse_global_id
from domain.attachments.links import open_signed_download
from domain.attachments.naming import ascii_fallback
from domain.attachments.pipeline import Download, open_attachment
from domain.attachments.storage import get_storage
from domain.errors import NotFound, Unauthenticated

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII `filename` and the exact name as RFC 5987 `filename*`."""
    return f"attachment; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name)}"


def byte_range(header: str | None, size: int) -> tuple[int, int] | bool | None:
    """(start, end exclusive) of a satisfiable single range; None to send the whole file
    (no header, or one we do not honour); False when unsatisfiable (416)."""
    if header is None:
        return None
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None  # multiple ranges or another unit: the whole file is a valid answer
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0:
            return False
        return max(size - suffix, 0), size
    start = int(first)
    end = min(int(last) + 1, size) if last else size
    if start >= size or start >= end:
        return False
    return start, end


def _not_found() -> Response:
    error = NotFound("Attachment not found. / Adjunto no encontrado.")
    return JSONResponse(
        {"errors": [{"message": error.message, "extensions": error.extensions}]},
        status_code=404,
    )


async def download(request: Request) -> Response:
    parsed = parse_global_id(request.path_params["attachment_id"])
    if parsed is None or parsed[0] != "Attachment":
        return _not_found()
    # A bearer token decides when one is sent; a signed link serves header-less requests.
    viewer = getattr(request.state, "viewer", None)
    signature = request.query_params.get("signature")
    try:
        if viewer is None and signature is not None:
            found = await open_signed_download(parsed[1], signature)
        else:
            found = await open_attachment(viewer, parsed[1])
    except NotFound:
        return _not_found()
    except Unauthenticated as expired:
        return JSONResponse(
            {"errors": [{"message": expired.message, "extensions": expired.extensions}]},
            status_code=403,
        )
    headers = {
        "Content-Disposition": content_disposition(found.name),
        "X-Content-Type-Options": "nosniff",
        "Accept-Ranges": "bytes",
        "ETag": f'"{found.sha256}"',
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    wanted = byte_range(request.headers.get("range"), found.size)
    if_range = request.headers.get("if-range")
    if if_range is not None and if_range != headers["ETag"]:
        wanted = None  # the client's copy is another file: send the whole new one
    if wanted is False:
        headers["Content-Range"] = f"bytes */{found.size}"
        return Response(status_code=416, headers=headers)
    start, end = wanted if isinstance(wanted, tuple) else (0, found.size)
    headers["Content-Length"] = str(end - start)
    status = 200
    if isinstance(wanted, tuple):
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{found.size}"
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers, media_type=found.content_type)
    body = _stream(found, start, end)
    return StreamingResponse(
        body, status_code=status, headers=headers, media_type=found.content_type
    )


async def _stream(found: Download, start: int, end: int) -> AsyncIterator[bytes]:
    async for chunk in get_storage().read(found.sha256, start, end):
        yield chunk
