"""Search's folding (domain.kb.text.fold) is the text's case fold, decomposed, without its
combining marks, for every character and for text mixing them: the table it keeps gives
what the per-character test gave."""

from __future__ import annotations

import sys
import unicodedata

from domain.kb import text
from domain.kb.text import fold


def _reference(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_every_character_folds_as_by_its_definition() -> None:
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates: not text
        char = chr(code)
        assert fold(char) == _reference(char), hex(code)


def test_text_folds_as_by_its_definition() -> None:
    samples = [
        "Contraseña olvidada: ¿Cómo la RECUPERO?",
        "Ñandú, pingüino, Ærøskøbing, Straße, İstanbul, ǅemal, ﬁn, ①②, \uff26\uff55\uff4c\uff4c",
        "日本語のテキスト, Ελληνικά τονισμένα, кириллица й ё, עִבְרִית, العَرَبِيَّة",
        "plain ASCII / Load 123",
        "",
        "e\u0301 a\u0300\u0323 combining marks alone: \u0301\u0302",
    ]
    for sample in samples:
        assert fold(sample) == _reference(sample), sample


def test_the_table_stops_growing_at_its_bound() -> None:
    assert len(text._UNMARKED) <= text._UNMARKED_MAX
