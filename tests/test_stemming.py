"""Search stems words with Snowball's C stemmers (PyStemmer), which snowballstemmer picks up
when installed. Indexes already built hold the pure-Python stemmers' stems, so the two must
agree: a search stemmed by one meets a ticket or an article indexed by the other."""

from __future__ import annotations

from pathlib import Path

import pytest
import Stemmer
from snowballstemmer import english_stemmer, spanish_stemmer

from domain.kb import demo_articles, text
from domain.models import Language

PURE_PYTHON = {
    Language.ES: spanish_stemmer.SpanishStemmer(),
    Language.EN: english_stemmer.EnglishStemmer(),
}


def _demo_words() -> set[str]:
    source = "".join(
        Path(str(module.__file__)).read_text(encoding="utf-8") for module in (demo_articles, text)
    )
    return set(text.words(source)) | {"contraseñas", "facturación", "running", "tickets"}


def test_search_uses_the_c_stemmers() -> None:
    for language in Language:
        assert isinstance(text._stemmer(language), Stemmer.Stemmer)


@pytest.mark.parametrize("language", list(Language))
def test_the_c_stemmers_give_the_pure_python_stems(language: Language) -> None:
    words = _demo_words()
    assert len(words) > 500
    different = {
        word: (text.stem(word, language), PURE_PYTHON[language].stemWord(word))
        for word in words
        if text.stem(word, language) != PURE_PYTHON[language].stemWord(word)
    }
    assert different == {}
    # Many stems differ from their words: the comparison above is of stems, not of words.
    assert sum(text.stem(word, language) != word for word in words) > 100
