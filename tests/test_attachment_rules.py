"""Pure attachment rules: display names, type sniffing, byte ranges."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from api.http.downloads import byte_range, content_disposition
from domain.attachments.filetypes import ALLOWED, sniff
from domain.attachments.naming import safe_display_name, with_extension
from domain.models import AttachmentRejection
from tests.uploads import EXECUTABLE, pdf, png


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("/var/log/", "attachment"),
        ("..", "attachment"),
        (".htaccess", "htaccess"),
        ("captura\u202egnp.exe", "capturagnp.exe"),
        ("a\x00b\nc.txt", "abc.txt"),
        ('inf"o<r>me|?.pdf', "inf_o_r_me__.pdf"),
        ("CON.txt", "_CON.txt"),
        ("  informe   final .pdf ", "informe final .pdf"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
        ("Año 2026 \u2013 factura.pdf", "Año 2026 \u2013 factura.pdf"),
    ],
)
def test_display_names_carry_no_path_nor_control_characters(raw: str, shown: str) -> None:
    assert safe_display_name(raw) == shown


def test_a_name_gets_the_extension_of_its_sniffed_type() -> None:
    image = ALLOWED["image/png"]
    assert with_extension("captura.PNG", image.extensions, image.canonical) == "captura.PNG"
    assert with_extension("report.exe", image.extensions, image.canonical) == "report.exe.png"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.png", png(), "image/png"),
        ("a.pdf", pdf(), "application/pdf"),
        ("notes", "Configuración DNS: registro A → 203.0.113.7\n".encode(), "text/plain"),
        ("photo.png", pdf(), "application/pdf"),  # the content decides, not the name
    ],
)
def test_allowed_types_are_sniffed_from_the_content(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / "upload"
    path.write_bytes(content)
    verdict = sniff(path, name)
    assert verdict.file_type is not None and verdict.file_type.content_type == expected


@pytest.mark.parametrize(
    ("content", "rejection"),
    [
        (EXECUTABLE, AttachmentRejection.TYPE_NOT_ALLOWED),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, AttachmentRejection.TYPE_NOT_ALLOWED),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", AttachmentRejection.TYPE_NOT_ALLOWED),
        (b"\x00\x01\x02\x03binary", AttachmentRejection.UNRECOGNISED_TYPE),
        (b"", AttachmentRejection.EMPTY),
    ],
)
def test_other_content_is_rejected_whatever_its_name(
    tmp_path: Path, content: bytes, rejection: AttachmentRejection
) -> None:
    path = tmp_path / "upload"
    path.write_bytes(content)
    verdict = sniff(path, "screenshot.png")
    assert (verdict.file_type, verdict.rejection) == (None, rejection)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-9", (0, 10)),
        ("bytes=90-", (90, 100)),
        ("bytes=-10", (90, 100)),
        ("bytes=-500", (0, 100)),
        ("bytes=95-200", (95, 100)),
        ("bytes=100-", False),
        ("bytes=10-5", False),
        ("bytes=-0", False),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
    ],
)
def test_byte_ranges(header: str | None, expected: tuple[int, int] | bool | None) -> None:
    assert byte_range(header, 100) == expected


def test_content_disposition_keeps_the_exact_name_and_an_ascii_fallback() -> None:
    assert content_disposition("Año \u2013 factura.pdf") == (
        'attachment; filename="Ano  factura.pdf"; '
        "filename*=UTF-8''A%C3%B1o%20%E2%80%93%20factura.pdf"
    )


def _word_document(*, macros: bool) -> bytes:
    """A minimal Word document (OOXML), macro-enabled (a .docm's parts) when asked."""
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    parts = '<Default Extension="xml" ContentType="application/xml"/>'
    if macros:
        main = "application/vnd.ms-word.document.macroEnabled.main+xml"
        parts += '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/content-types">{parts}<Override PartName="/word/document.xml" '
        f'ContentType="{main}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["informe.docx", "informe.zip", "informe"])
def test_a_macro_enabled_word_document_is_rejected_whatever_its_name(
    tmp_path: Path, name: str
) -> None:
    # Given a .docm renamed, and the same document without macros
    with_macros, without = tmp_path / "docm", tmp_path / "docx"
    with_macros.write_bytes(_word_document(macros=True))
    without.write_bytes(_word_document(macros=False))

    # Then only the one without macros is kept
    refused = sniff(with_macros, name)
    assert (refused.file_type, refused.rejection) == (None, AttachmentRejection.TYPE_NOT_ALLOWED)
    assert "macros" in refused.detail
    assert sniff(without, name).file_type is not None
