"""A GraphQL multipart request client (the multipart request spec) over real HTTP."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from typing import Any

from tests.graphql_client import GraphQLClient, GraphQLResponse

REPLY_WITH_FILES = """
mutation($input: ReplyToTicketInput!) {
  replyToTicket(input: $input) {
    __typename
    ... on ReplyToTicketSuccess { reply { id attachments { id name state } } }
    ... on FileTooLargeError { maxBytes }
    ... on UserError { code message field }
  }
}"""
ATTACHMENTS = """
query($t: String!) {
  ticket(trackingId: $t) {
    id
    attachments { id name state contentType size sha256 rejectionReason downloadUrl }
  }
}"""


def png(seed: int = 0) -> bytes:
    """A real 1x1 PNG; `seed` changes its pixel, so the content (and sha256) differs."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = zlib.compress(bytes([0, seed % 256, (seed >> 8) % 256, 7]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixel) + chunk(b"IEND", b"")
    )


def pdf(text: str = "hola") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + f"% {text}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


# The start of a Windows executable (an MZ header pointing at a PE header).
EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 56 + struct.pack("<I", 64) + b"PE\x00\x00" + b"\x00" * 200


async def upload(
    gql: GraphQLClient,
    query: str,
    variables: dict[str, Any],
    files: list[tuple[str, bytes, str]],
    *,
    token: str | None,
    input_field: str = "attachments",
) -> GraphQLResponse:
    """Send `files` (name, content, declared type) as `variables.input.<input_field>`."""
    variables = {**variables, "input": {**variables["input"], input_field: [None] * len(files)}}
    operations = {"query": query, "variables": variables}
    files_map = {str(i): [f"variables.input.{input_field}.{i}"] for i in range(len(files))}
    parts: dict[str, Any] = {
        "operations": (None, json.dumps(operations)),
        "map": (None, json.dumps(files_map)),
    }
    for i, (name, content, declared) in enumerate(files):
        parts[str(i)] = (name, content, declared)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await gql.http.post("/graphql", files=parts, headers=headers)
    assert response.status_code != 500, response.text
    try:
        body = response.json()
    except ValueError:
        body = {"text": response.text}
    return GraphQLResponse(response.status_code, body)


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()
