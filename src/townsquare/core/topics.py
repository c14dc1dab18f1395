"""Topic words: what "who knows about spend data" and similar look-ups compare.

Text is folded to lower-case ASCII, split into words, stripped of words that say nothing about
the topic ("who", "about", "data"), and each word reduced to its Snowball (Porter 2) English
stem, so "spend", "spending" and "spends" are one term. See docs/decisions/0015.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("english")

# Words too common to tell one topic from another. "data" and its kin are here because nearly
# everything in a data catalogue mentions them; a query made only of them keeps them.
STOPWORDS = frozenset({
    "a", "about", "an", "and", "any", "anyone", "are", "as", "at", "be", "by", "can", "data",
    "dataset", "datasets", "do", "does", "for", "from", "has", "have", "help", "how", "i",
    "in", "info", "information", "is", "it", "knows", "know", "knowing", "me", "my", "of",
    "on", "or", "our", "someone", "something", "stuff", "that", "the", "their", "there",
    "this", "to", "us", "we", "what", "where", "which", "who", "whom", "with",
})  # fmt: skip


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def terms(text: str) -> frozenset[str]:
    """The stems of the meaningful words of `text` (all its words if none is meaningful)."""
    found = words(text)
    meaningful = [w for w in found if w not in STOPWORDS]
    return frozenset(stem(w) for w in (meaningful or found))


def text_terms(text: str) -> frozenset[str]:
    """Every stem in a piece of evidence (a skill, a title, a tag): stopwords are kept, since
    a query of only stopwords ("data") must still find "open data"."""
    return frozenset(stem(w) for w in words(text))


def coverage(query: frozenset[str], text: str) -> float:
    """The share of the query's terms that `text` contains: 1.0 is every one."""
    if not query:
        return 0.0
    return len(query & text_terms(text)) / len(query)


def prefixes(query: frozenset[str]) -> list[str]:
    """Substrings for a database pre-filter (`icontains`) that every word with one of these
    stems contains. Snowball turns a final y into i ("company" -> "compani"), so that letter
    is dropped."""
    return sorted({t[:-1] if t.endswith("i") and len(t) > 3 else t for t in query})
