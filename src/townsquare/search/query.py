"""Turn what someone typed into a structured query, then into each engine's syntax.

User text is never handed to an engine's query parser as it stands: it is split into words
(letters and digits only), phrases, exclusions and prefixes, and each backend rebuilds its own
query from those pieces with every word quoted. Nothing typed can be syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TERMS = 12
MAX_WORD = 60
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    negate: bool = False
    prefix: bool = False
    # For a prefix: whole words from the index's vocabulary that start with it. Both engines
    # store stems ("planning" as "plan"), so "plann*" alone would miss "planning".
    completions: tuple[str, ...] = ()

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negate]

    @property
    def negative(self) -> list[Term]:
        return [t for t in self.terms if t.negate]

    def __bool__(self) -> bool:
        return bool(self.positive)  # a query of exclusions alone finds nothing

    def words(self) -> list[str]:
        return [w for t in self.positive for w in t.words]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower()[:MAX_WORD] for w in _WORD.findall(text.replace("_", " ")))


def parse(text: str, *, prefix_last: bool = False) -> ParsedQuery:
    """`"phrase in quotes"`, `-excluded`, `prefix*`; everything else is a word to match.
    `prefix_last` treats the last word as unfinished (for suggestions as you type)."""
    terms: list[Term] = []
    for match in _TOKEN.finditer(text or ""):
        quoted_neg, quoted, bare_neg, bare = match.groups()
        if quoted is not None:
            words, negate, prefix = _words(quoted), bool(quoted_neg), False
        else:
            words, negate, prefix = _words(bare), bool(bare_neg), bare.endswith("*")
            if len(words) > 1:  # "covid-19" is a phrase of two words, as the engines see it
                prefix = False
        if words:
            terms.append(Term(words, negate, prefix))
    terms = terms[:MAX_TERMS]
    if prefix_last and terms and not terms[-1].negate and not text.rstrip().endswith('"'):
        terms[-1] = Term(terms[-1].words, False, True)
    return ParsedQuery(tuple(terms))


def with_completions(query: ParsedQuery, complete) -> ParsedQuery:
    """The query with each prefix's completions, from `complete(prefix) -> list[str]`."""
    terms = tuple(
        Term(t.words, t.negate, t.prefix, tuple(complete(t.words[0])))
        if t.prefix and not t.negate and not t.phrase
        else t
        for t in query.terms
    )
    return ParsedQuery(terms)


def to_fts5(query: ParsedQuery) -> str:
    """FTS5 MATCH syntax: every word inside double quotes (which FTS5 reads as a string, not an
    operator), positives joined by AND, exclusions after NOT."""

    def term(t: Term) -> str:
        text = '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")
        if t.completions:
            return "(" + " OR ".join([text, *(f'"{w}"' for w in t.completions)]) + ")"
        return text

    positive = " AND ".join(term(t) for t in query.positive)
    if query.negative:
        return f"({positive}) NOT ({' OR '.join(term(t) for t in query.negative)})"
    return positive


def to_websearch(query: ParsedQuery) -> tuple[str, list[str]]:
    """PostgreSQL: a rebuilt `websearch_to_tsquery` string for the whole words and phrases, and
    the prefix words apart (websearch syntax has no prefixes; they go to `to_tsquery` as
    `word:* | completion | ...`, safe because a word is letters and digits only)."""
    parts: list[str] = []
    prefixes: list[str] = []
    for t in query.terms:
        if t.prefix and not t.negate and not t.phrase:
            prefixes.append(" | ".join([f"{t.words[0]}:*", *t.completions]))
            continue
        text = " ".join(t.words)
        parts.append(("-" if t.negate else "") + (f'"{text}"' if t.phrase else text))
    return " ".join(parts), prefixes
