"""Text as search sees it: accents folded, words split, stop words dropped, stems taken.

The same steps run on what is indexed and on what is searched, so "como abro un ticket"
meets "Cómo abro un ticket" and "sesion" meets "sesión". Stemming is Snowball's, per language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import snowballstemmer

from domain.models import Language

_WORD = re.compile(r"\w+")
MAX_QUERY_TERMS = 12

# Words too common to tell one text from another, already folded (no accents).
_STOP_WORDS = """
a al algo algun alguna algunas alguno algunos ante antes aqui asi cada como con contra cual
cuando de del desde donde durante e el ella ellas ello ellos en entre era es esa esas ese
eso esos esta estan estas este esto estos fue ha hay hacer hago la las le les lo los mas me
mi mis muy ni no nos o os otra otro para pero poco por porque puedo que quien se sea segun
ser si sin sobre su sus tambien te tengo ti tu tus u un una uno unos unas usted ustedes y ya
yo
about an and are as at be been but by can do does for from had has have how i if in into
is it its me my no not of on or our so than that the their them then there these they
this to was we what when where which who why will with you your
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def fold(text: str) -> str:
    """Lower case without accents: "Contraseña" becomes "contrasena" (the text's compatibility
    decomposition without its combining marks)."""
    if text.isascii():  # nothing to decompose, no mark: lower case is the whole of it
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_UNMARKED)


class _Unmarked(dict[int, int | None]):
    """`str.translate`'s table that drops combining marks: each character is looked up
    once, then the table answers in C (a Python call per character was a new ticket's
    search row's largest cost). Characters are few; the table stops growing past a bound."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if len(self) < _UNMARKED_MAX:
            self[code] = kept
        return kept


_UNMARKED_MAX = 100_000
_UNMARKED = _Unmarked()


def words(text: str) -> list[str]:
    """The folded words of a text that carry meaning."""
    return [word for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


@cache
def _stemmer(language: Language) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("spanish" if language is Language.ES else "english")


def stem(word: str, language: Language) -> str:
    return str(_stemmer(language).stemWord(word))


def indexed_text(text: str, language: Language) -> str:
    """What the SQLite index stores for a text written in `language`: its stems."""
    return " ".join(stem(word, language) for word in words(text))


def query_terms(query: str) -> list[str]:
    """The distinct folded words of a search, at most MAX_QUERY_TERMS of them."""
    return list(dict.fromkeys(words(query)))[:MAX_QUERY_TERMS]


def term_stems(term: str) -> frozenset[str]:
    """The stems a searched word may have in an indexed text, in either language."""
    return frozenset(stem(term, language) for language in Language)


def similarity(query: str, text: str) -> float:
    """Share of the search's words found in `text`, each compared by its stems."""
    terms = query_terms(query)
    if not terms:
        return 0.0
    stems_in_text = {stem(word, language) for word in words(text) for language in Language}
    found = sum(1 for term in terms if term_stems(term) & stems_in_text)
    return found / len(terms)
