"""The files a mutation received: what the HTTP layer streamed into the quarantine, or the
placeholder of a file it refused while streaming."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.attachments.quarantine import IncomingFile
from domain.errors import FileTooLarge, ValidationFailed


@dataclass(frozen=True)
class TooLargeUpload:
    """A file refused while streaming; its bytes were never kept."""

    name: str
    error: FileTooLarge


def incoming_files(values: list[Any] | None) -> tuple[IncomingFile, ...]:
    """The files a mutation received; a refused one fails it, a non-file is invalid."""
    files: list[IncomingFile] = []
    for value in values or []:
        if isinstance(value, TooLargeUpload):
            raise value.error
        if not isinstance(value, IncomingFile):
            raise ValidationFailed(
                "Send attachments as files of a multipart request. / "
                "Envíe los adjuntos como archivos de una petición multipart.",
                field="attachments",
            )
        files.append(value)
    return tuple(files)
