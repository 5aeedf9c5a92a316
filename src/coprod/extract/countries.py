"""Country and organisation mentions: names, demonyms, capitals, firms, organisations.

Each mention keeps its form and its immediate context, so the fact builders can tell an
actor ("Copenhagen signed", "Lithuanian Defense Minister ...") from a place ("in
Copenhagen") or an attribute ("the Danish model", "Russian assets").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coprod.extract.lexicon import (
    CAPITAL_PLACE_WORDS,
    COMPANIES,
    COUNTRIES,
    DEMONYM_NON_ACTOR_FOLLOWERS,
    OFFICIALS,
    ORGANISATIONS,
    PLACE_PREPOSITIONS,
)
from coprod.extract.trie import trie_pattern

NAME = "countries@1"

Form = Literal["name", "demonym", "capital", "org", "company", "official"]

# Words after a demonym that make it stand for the state itself.
_GOVERNMENT_WORDS = re.compile(
    r"\s+(?:(?:Defen[cs]e|Foreign|Prime|Industry|Economy|Finance|Deputy|Strategic Industries|"
    r"Federal)\s+)*"
    r"(?:government|cabinet|ministry|minister|prime minister|president|chancellor|premier|"
    r"secretary|parliament|side|authorities|officials|MoD|counterpart|colleague|state|"
    r"armed forces|embassy|ambassador|contribution|package|aid|support|funding|money|pledge|"
    r"donation|financing|taxpayers?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str
    form: Form
    place: bool  # written as a place ("in Denmark", "to Kyiv")
    attribute: bool  # a demonym in a set phrase naming no actor ("Danish model")
    government: bool  # a demonym standing for the state ("Danish Defence Minister")


def _surface_table() -> dict[str, tuple[str, Form]]:
    table: dict[str, tuple[str, Form]] = {}
    for code, (names, demonyms, capitals) in COUNTRIES.items():
        for forms, kind in ((names, "name"), (demonyms, "demonym"), (capitals, "capital")):
            for surface in forms:
                table[surface] = (code, kind)  # type: ignore[assignment]
    for code, surfaces in ORGANISATIONS.items():
        for surface in surfaces:
            table.setdefault(surface, (code, "org"))
    for company, code in COMPANIES.items():
        table[company] = (code, "company")
    for official, code in OFFICIALS.items():
        table[official] = (code, "official")
    return table


_TABLE = _surface_table()
_PATTERN = re.compile(
    r"(?<![\w])(?:"
    + trie_pattern(_TABLE)
    + r")(?![\w]|-(?!led\b|made\b|based\b|backed\b|funded\b|[A-Z]))"
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(PLACE_PREPOSITIONS) + r")\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north-\w+|south-\w+)\s+)?)$",
    re.IGNORECASE,
)
_CAPITAL_PLACE_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(PLACE_PREPOSITIONS + CAPITAL_PLACE_WORDS) + r")\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_ATTRIBUTE_AFTER = re.compile(
    r"(?:'s)?\s*(?:" + "|".join(re.escape(w) for w in DEMONYM_NON_ACTOR_FOLLOWERS) + r")\b"
)


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_VERB_AFTER = re.compile(
    r"\s+(?:will|would|have|has|had|are|were|is|was|also|already|plan|pledged|promised|gave|"
    r"give|put|pay|paid|announced|committed|allocated|provided|signed|joined|agreed)\b"
)


def _people_acting(before: str, after: str) -> bool:
    """ "The Dutch will pay", "the Belgians have pledged": a people acting as its state."""
    return bool(_THE_BEFORE.search(before) and _VERB_AFTER.match(after))


def _mention(text: str, m: re.Match[str]) -> Mention:
    code, form = _TABLE[m.group()]
    before = text[max(0, m.start() - 16) : m.start()]
    after = text[m.end() : m.end() + 60]
    place = bool(_PLACE_BEFORE.search(before)) if form in ("name", "org") else False
    if form == "capital":
        place = bool(_CAPITAL_PLACE_BEFORE.search(before))
    attribute = form in ("demonym", "name") and bool(_ATTRIBUTE_AFTER.match(after))
    government = form == "official" or (
        form == "demonym"
        and (bool(_GOVERNMENT_WORDS.match(after)) or _people_acting(before, after))
    )
    return Mention(m.start(), m.end(), code, form, place, attribute, government)


def find_mentions(text: str) -> list[Mention]:
    """Every country, organisation or known firm named in `text`, in order."""
    return [_mention(text, m) for m in _PATTERN.finditer(text)]
