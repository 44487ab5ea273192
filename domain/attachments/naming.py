"""Safe display names: what a client calls a file is shown, never used as a path."""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 200
FALLBACK_NAME = "attachment"
# Characters no file system or shell should see in a name we hand back.
_RESERVED = re.compile(r'[<>:"/\\|?*;\x00-\x1f\x7f]')
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)


def safe_display_name(raw: str | None) -> str:
    """The last path component of `raw`, without control or reserved characters, leading
    dots or device names, at most NAME_MAX characters: `../../etc/passwd` becomes `passwd`."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    # Format characters (bidi overrides) make `exe.png` look like `gnp.exe`.
    name = "".join(c for c in name if unicodedata.category(c) not in {"Cf", "Cc", "Cs", "Co"})
    name = _RESERVED.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if stem.lower() in _WINDOWS_DEVICES or name.lower() in _WINDOWS_DEVICES:
        name = f"_{name}"
    if len(name) > NAME_MAX:
        extension = extension[:16]
        keep = NAME_MAX - len(extension) - 1 if extension else NAME_MAX
        name = f"{stem[:keep]}.{extension}" if extension else name[:NAME_MAX]
    return name or FALLBACK_NAME


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def with_extension(name: str, allowed: frozenset[str], canonical: str) -> str:
    """`name` if its extension fits the sniffed type, else `name.<canonical>`, so a PNG
    called `report.exe` is saved as `report.exe.png`."""
    if extension_of(name) in allowed:
        return name
    suffixed = f"{name}.{canonical}"
    if len(suffixed) > NAME_MAX:
        suffixed = f"{name[: NAME_MAX - len(canonical) - 1]}.{canonical}"
    return suffixed


def ascii_fallback(name: str) -> str:
    """A plain ASCII version of a display name for old HTTP clients' `filename=`."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"[^A-Za-z0-9._ ()+-]", "_", folded).strip(" .")
    return folded or FALLBACK_NAME
