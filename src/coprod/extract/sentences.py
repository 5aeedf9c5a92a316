"""Sentence splitting with character offsets into the document text.

Line breaks end a sentence (news pages put headlines, captions and list items on lines of
their own); inside a line, a sentence ends at . ! or ? followed by a space and an upper-case
letter, a digit or a quote, unless the dot closes a known abbreviation or an initial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME = "sentences@1"

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "approx",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "fig",
        "dept",
        "gov",
        "rep",
        "sen",
        "min",
        "rev",
    ]
)
_LINE = re.compile(r"[^\n]+")
_END = re.compile(
    r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9А-ЯІЇЄҐ])"  # ". The"
    r"|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])"  # "companies.European": a lost space
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "This",
        "That",
        "These",
        "He",
        "She",
        "They",
        "We",
        "In",
        "On",
        "But",
        "Its",
        "Their",
    ]
)


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the '.' at `dot` closes an abbreviation or a single initial (and the next
    word does not plainly start a new sentence)."""
    if line[dot] != ".":
        return False
    following = line[dot + 1 :].split(maxsplit=1)
    if following and following[0].strip("\"'“‘(") in _STARTERS and line[dot - 1].isupper():
        return False
    word_start = dot
    while word_start > 0 and (line[word_start - 1].isalpha() or line[word_start - 1] == "."):
        word_start -= 1
    word = line[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _split_line(line: str, offset: int) -> list[Sentence]:
    out: list[Sentence] = []
    begin = 0
    for m in _END.finditer(line):
        if _is_abbreviation(line, m.start()):
            continue
        out.append(_make(line, begin, m.end(), offset))
        begin = m.end()
    out.append(_make(line, begin, len(line), offset))
    return [s for s in out if s.text]


def _make(line: str, begin: int, end: int, offset: int) -> Sentence:
    chunk = line[begin:end]
    lead = len(chunk) - len(chunk.lstrip())
    text = chunk.strip()
    start = offset + begin + lead
    return Sentence(start, start + len(text), text)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`; `text[s.start:s.end] == s.text` for each."""
    out: list[Sentence] = []
    for m in _LINE.finditer(text):
        out.extend(_split_line(m.group(), m.start()))
    return out
