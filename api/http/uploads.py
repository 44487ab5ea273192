"""GraphQL multipart requests (the multipart request spec), streamed into the quarantine.

Starlette's form parser spools whole files to temporary files with no size limit, so uploads
are parsed here with python-multipart's streaming parser instead: each file part goes
straight to its quarantine file through aiofiles, never whole in memory, and the per-file
and per-request limits are enforced as the bytes arrive. A file over a limit is deleted at
once and reaches the mutation as a TooLargeUpload, which refuses it with FILE_TOO_LARGE.

Multipart requests must carry a bearer token: a non-simple header, so browsers preflight
them (the CSRF protection Strawberry recommends for multipart), and no anonymous request
ever writes to disk.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiofiles
import python_multipart
from aiofiles.threadpool.binary import AsyncBufferedIOBase
from cross_web import FormData, HTTPException, StarletteRequestAdapter
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from api.attachments.uploads import TooLargeUpload
from domain.attachments.pipeline import file_too_large, ticket_too_large
from domain.attachments.quarantine import IncomingFile, discard, new_quarantine_path
from domain.config import get_settings
from domain.errors import FileTooLarge, Unauthenticated

# `operations` and `map` are small JSON documents; anything bigger is not a GraphQL request.
MAX_FIELD_BYTES = 1024 * 1024
# Boundaries, part headers and the JSON fields on top of the files themselves.
REQUEST_OVERHEAD_BYTES = 2 * MAX_FIELD_BYTES
WRITE_BUFFER_BYTES = 1024 * 1024
MAX_HEADER_BYTES = 8 * 1024
UPLOADS_KEY = "mesa.uploads"


class RequestTooLarge(Exception):
    """A body (sent without Content-Length) past the request limit: reading stops."""

    def __init__(self, error: FileTooLarge) -> None:
        super().__init__(error.message)
        self.error = error


def is_multipart(scope: Scope) -> bool:
    content_type = dict(scope["headers"]).get(b"content-type", b"")
    return content_type.split(b";")[0].strip().lower() == b"multipart/form-data"


@dataclass
class _Part:
    field_name: str = ""
    filename: str | None = None
    content_type: str = ""
    data: bytearray = field(default_factory=bytearray)  # form fields only
    stream: AsyncBufferedIOBase | None = None
    incoming: IncomingFile | None = None
    refused: FileTooLarge | None = None


class StreamingMultipart:
    """Parses one multipart request: form fields in memory (small), files to quarantine."""

    def __init__(self, request: Request) -> None:
        settings = get_settings()
        self.request = request
        self.max_file_bytes = settings.attachment_max_file_bytes
        self.max_total_bytes = settings.attachment_max_ticket_bytes
        self.max_files = settings.attachment_max_files
        self.fields: dict[str, str] = {}
        self.files: dict[str, IncomingFile | TooLargeUpload] = {}
        self.received: list[IncomingFile] = []
        self._events: list[Callable[[], Any]] = []
        self._part = _Part()
        self._header_name = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._file_bytes = 0
        self._body_bytes = 0
        self._buffer = bytearray()

    async def parse(self) -> FormData:
        _, params = parse_options_header(self.request.headers.get("content-type", ""))
        boundary = params.get(b"boundary")
        if not boundary:
            raise ValueError("The multipart body has no boundary.")
        parser = python_multipart.MultipartParser(
            boundary,
            {
                "on_part_begin": self._on_part_begin,
                "on_part_data": self._on_part_data,
                "on_part_end": lambda: self._events.append(self._end_part),
                "on_header_field": self._on_header_field,
                "on_header_value": self._on_header_value,
                "on_header_end": self._on_header_end,
                "on_headers_finished": self._on_headers_finished,
            },
        )
        try:
            async for chunk in self.request.stream():
                self._body_bytes += len(chunk)
                if self._body_bytes > self.max_total_bytes + REQUEST_OVERHEAD_BYTES:
                    raise RequestTooLarge(ticket_too_large(self.max_total_bytes))
                parser.write(chunk)
                await self._run_events()
            parser.finalize()
            await self._run_events()
        except (FormParserError, ClientDisconnect) as error:
            await self.discard()
            raise ValueError(str(error)) from error
        except BaseException:
            await self.discard()
            raise
        return FormData(files=self.files, form=self._json_fields())

    async def discard(self) -> None:
        """Delete every quarantined file of this request no attachment row took."""
        if self._part.stream is not None:
            await self._part.stream.close()
        for incoming in self.received:
            await incoming.discard()

    def _json_fields(self) -> dict[str, Any]:
        parsed: dict[str, Any] = {}
        for name in ("operations", "map"):
            try:
                parsed[name] = json.loads(self.fields.get(name, "{}"))
            except ValueError as error:
                raise ValueError(f"The `{name}` field is not JSON.") from error
        files_map = parsed["map"]
        if not isinstance(files_map, dict) or not all(
            isinstance(paths, list) and all(isinstance(p, str) for p in paths)
            for paths in files_map.values()
        ):
            raise ValueError("The `map` field must map file fields to lists of paths.")
        return parsed

    # python-multipart's callbacks are synchronous: they queue the work, done after each write.
    def _on_part_begin(self) -> None:
        self._headers = {}

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]
        self._check_header()

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]
        self._check_header()

    def _check_header(self) -> None:
        if len(self._header_name) + len(self._header_value) > MAX_HEADER_BYTES:
            raise ValueError("A part header is too long.")

    def _on_header_end(self) -> None:
        self._headers[self._header_name.lower()] = self._header_value
        self._header_name = self._header_value = b""

    def _on_headers_finished(self) -> None:
        headers = self._headers
        self._events.append(lambda: self._begin_part(headers))

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        self._events.append(lambda: self._write(chunk))

    async def _run_events(self) -> None:
        events, self._events = self._events, []
        for event in events:
            await event()

    async def _begin_part(self, headers: dict[bytes, bytes]) -> None:
        _, options = parse_options_header(headers.get(b"content-disposition", b""))
        name = options.get(b"name")
        if name is None:
            raise ValueError('A part has no Content-Disposition "name".')
        self._part = _Part(field_name=name.decode("utf-8", "replace"))
        filename = options.get(b"filename")
        if filename is None:
            if len(self.fields) >= 2:
                raise ValueError("Only the `operations` and `map` fields are expected.")
            return
        if len(self.files) >= self.max_files:
            raise HTTPException(400, f"Up to {self.max_files} files can be sent in one request.")
        self._part.filename = filename.decode("utf-8", "replace")
        self._part.content_type = headers.get(b"content-type", b"").decode("latin-1")
        path = new_quarantine_path()
        self._part.incoming = IncomingFile(
            name=self._part.filename,
            declared_type=self._part.content_type,
            path=path,
            size=0,
        )
        self.received.append(self._part.incoming)
        self._part.stream = await aiofiles.open(path, "wb")

    async def _write(self, chunk: bytes) -> None:
        part = self._part
        if part.filename is None:
            if len(part.data) + len(chunk) > MAX_FIELD_BYTES:
                raise HTTPException(413, f"The `{part.field_name}` field is too large.")
            part.data.extend(chunk)
            return
        if part.refused is not None or part.incoming is None:
            return
        part.incoming.size += len(chunk)
        self._file_bytes += len(chunk)
        if part.incoming.size > self.max_file_bytes:
            await self._refuse(file_too_large(self.max_file_bytes))
        elif self._file_bytes > self.max_total_bytes:
            await self._refuse(ticket_too_large(self.max_total_bytes))
        else:
            self._buffer.extend(chunk)
            if len(self._buffer) >= WRITE_BUFFER_BYTES:
                await self._flush()

    async def _flush(self) -> None:
        if self._buffer and self._part.stream is not None:
            await self._part.stream.write(bytes(self._buffer))
        self._buffer.clear()

    async def _refuse(self, error: FileTooLarge) -> None:
        """Stop keeping this file: close and delete it now; the rest of it is read and dropped."""
        part = self._part
        part.refused = error
        self._buffer.clear()
        if part.stream is not None:
            await part.stream.close()
            part.stream = None
        if part.incoming is not None:
            self._file_bytes -= part.incoming.size
            await discard(part.incoming.path)
            self.received.remove(part.incoming)

    async def _end_part(self) -> None:
        part = self._part
        if part.filename is None:
            self.fields[part.field_name] = part.data.decode("utf-8", "replace")
            return
        await self._flush()
        if part.stream is not None:
            # On disk before the mutation commits the attachment: an accepted file is never lost.
            await part.stream.flush()
            await asyncio.to_thread(os.fsync, part.stream.fileno())
            await part.stream.close()
            part.stream = None
        if part.refused is not None:
            self.files[part.field_name] = TooLargeUpload(part.filename, part.refused)
        elif part.incoming is not None:
            self.files[part.field_name] = part.incoming


class UploadRequestAdapter(StarletteRequestAdapter):
    """Strawberry's Starlette adapter, with multipart bodies parsed by StreamingMultipart."""

    async def get_form_data(self) -> FormData:
        request: Request = self._request
        upload = StreamingMultipart(request)
        # The gate deletes what no attachment row took once the response is sent.
        request.scope.setdefault("state", {}).setdefault(UPLOADS_KEY, []).append(upload)
        return await upload.parse()


class UploadGate:
    """In front of /graphql: a multipart request needs a viewer (so it needs the bearer
    header) and a declared size within the limits, before any byte is read; its leftover
    quarantine files are deleted after the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_multipart(scope):
            await self.app(scope, receive, send)
            return
        refusal = _refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except RequestTooLarge as too_large:
            # Raised while parsing, before Strawberry answered: the response is still ours.
            error = too_large.error
            await _error_response(413, error.message, error.extensions)(scope, receive, send)
        finally:
            await discard_uploads(scope)  # MesaGraphQL did it already, unless it failed


async def discard_uploads(scope: Scope) -> None:
    """Delete the request's quarantined files that no attachment row took."""
    for upload in scope.get("state", {}).pop(UPLOADS_KEY, []):
        await upload.discard()


def _refusal(scope: Scope) -> JSONResponse | None:
    if scope.get("state", {}).get("viewer") is None:
        error = Unauthenticated(
            "Uploads need `Authorization: Bearer <token>` (multipart requests without it "
            "are refused, against cross-site request forgery)."
        )
        return _error_response(401, error.message, error.extensions)
    declared = dict(scope["headers"]).get(b"content-length")
    max_total = get_settings().attachment_max_ticket_bytes
    if (
        declared is not None
        and declared.isdigit()
        and int(declared) > max_total + REQUEST_OVERHEAD_BYTES
    ):
        too_large = ticket_too_large(max_total)
        return _error_response(413, too_large.message, too_large.extensions)
    return None


def _error_response(status: int, message: str, extensions: dict[str, str]) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": extensions}]}, status_code=status
    )
