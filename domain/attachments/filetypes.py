"""Which files are kept: the type is sniffed from the content (puremagic), never taken
from the client's name or declared type, and checked against an allowlist."""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import Path

import olefile
import puremagic

from domain.models import AttachmentRejection


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: frozenset[str]  # the name extensions that fit the type
    canonical: str  # the one added to a name that fits none of them


def _type(content_type: str, canonical: str, *others: str) -> FileType:
    return FileType(content_type, frozenset({canonical, *others}), canonical)


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
# Images, PDF, text, office documents without macros, and archives (kept as files, never
# opened). Executables, scripts, HTML and macro-enabled documents are refused.
ALLOWED: dict[str, FileType] = {
    t.content_type: t
    for t in (
        _type("image/png", "png"),
        _type("image/jpeg", "jpg", "jpeg", "jpe", "jfif"),
        _type("image/gif", "gif"),
        _type("image/webp", "webp"),
        _type("image/bmp", "bmp"),
        _type("image/tiff", "tif", "tiff"),
        _type("image/heic", "heic"),
        _type("image/avif", "avif"),
        _type("application/pdf", "pdf"),
        _type("text/plain", "txt", "log", "csv", "md", "json", "xml", "yaml", "yml", "ini"),
        _type("application/rtf", "rtf"),
        _type("application/msword", "doc", "xls", "ppt"),
        _type("application/vnd.ms-excel", "xls"),
        _type("application/vnd.ms-powerpoint", "ppt"),
        _type(f"{_OOXML}wordprocessingml.document", "docx"),
        _type(f"{_OOXML}spreadsheetml.sheet", "xlsx"),
        _type(f"{_OOXML}presentationml.presentation", "pptx"),
        _type(f"{_ODF}text", "odt"),
        _type(f"{_ODF}spreadsheet", "ods"),
        _type(f"{_ODF}presentation", "odp"),
        _type("application/zip", "zip"),
        _type("application/x-gzip", "gz", "tgz"),
        _type("application/gzip", "gz", "tgz"),
        _type("application/x-tar", "tar"),
        _type("application/x-bzip2", "bz2"),
        _type("application/x-xz", "xz"),
        _type("application/x-7z-compressed", "7z"),
        _type("application/vnd.rar", "rar"),
        _type("application/x-rar-compressed", "rar"),
    )
}
TEXT = ALLOWED["text/plain"]
TAR = ALLOWED["application/x-tar"]
SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class Verdict:
    file_type: FileType | None
    rejection: AttachmentRejection | None = None
    detail: str = ""  # what the content was found to be, for the uploader


def sniff(path: Path, name: str) -> Verdict:
    """Decide what the file at `path` is (blocking: run it in a thread).

    The name only orders candidates the content already matches (a ZIP container is a
    .docx, .xlsx or .zip alike); the best match decides."""
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        if not head:
            return Verdict(None, AttachmentRejection.EMPTY)
        stream.seek(0)
        try:
            matches = puremagic.magic_stream(stream, filename=name)
        except (puremagic.PureError, ValueError):
            matches = []
    if not matches:
        if head[257:262] == b"ustar":
            return Verdict(TAR)
        if _looks_like_text(head):
            return Verdict(TEXT)
        return Verdict(None, AttachmentRejection.UNRECOGNISED_TYPE)
    best = matches[0]
    allowed = ALLOWED.get(best.mime_type)
    if allowed is None:
        detail = best.name or best.mime_type or best.extension
        return Verdict(None, AttachmentRejection.TYPE_NOT_ALLOWED, detail=detail[:200])
    if _has_macros(path, allowed):
        return Verdict(None, AttachmentRejection.TYPE_NOT_ALLOWED, detail=MACROS)
    return Verdict(allowed)


MACROS = "documento con macros / document with macros"
_OLE_TYPES = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
# What only macro-enabled documents hold: OOXML's vbaProject.bin part and the macroEnabled or
# ActiveX types its [Content_Types].xml declares (checked in any ZIP, so a .docm renamed
# .docx or .zip is caught); OpenDocument's Basic and Scripts folders.
_OOXML_MACRO_MARKERS = (b"vbaproject", b"macroenabled", b"vnd.ms-office.activex")
_ODF_MACRO_FOLDERS = ("basic/", "scripts/")


def _has_macros(path: Path, file_type: FileType) -> bool:
    """Whether an office document (whatever its name says) carries macros or ActiveX code:
    the README promises office documents without them."""
    if file_type.content_type in _OLE_TYPES:
        return _ole_has_macros(path)
    if file_type.content_type.startswith((_OOXML, _ODF)) or "zip" in file_type.content_type:
        return _zip_has_macros(path, opendocument=file_type.content_type.startswith(_ODF))
    return False


def _ole_has_macros(path: Path) -> bool:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = ["/".join(entry).lower() for entry in ole.listdir(streams=True)]
    except (OSError, ValueError):
        return True  # a damaged compound file is not proven macro-free
    return any(
        part in ("vba", "macros", "_vba_project_cur", "_vba_project")
        for stream in streams
        for part in stream.split("/")
    )


def _zip_has_macros(path: Path, *, opendocument: bool) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename.lower(): info for info in archive.infolist()}
            if any(name.endswith("vbaproject.bin") for name in members):
                return True
            if opendocument and any(name.startswith(_ODF_MACRO_FOLDERS) for name in members):
                return True
            declared = members.get("[content_types].xml")
            if declared is None:
                return False  # not OOXML: a plain archive is kept as a file, never opened
            if declared.file_size > 1024 * 1024:
                return True  # no real document declares its parts in a megabyte
            content_types = archive.read(declared).lower()
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError):
        return False  # not a readable ZIP: the type check above stands
    return any(marker in content_types for marker in _OOXML_MACRO_MARKERS)


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 (or ASCII) without NUL or other control bytes than layout ones."""
    if any(byte < 0x20 and byte not in b"\t\n\r\f" for byte in head) or b"\x7f" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the sample's end is fine
    except UnicodeDecodeError:
        return False
    return True
