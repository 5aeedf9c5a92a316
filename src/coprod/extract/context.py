"""What the fact builders read: the document's sentences, each with its mentions of
countries, sums of money and dates, found once and shared by every builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coprod.extract.countries import Mention, find_mentions
from coprod.extract.cues import DEFENCE, NON_DEFENCE_PURPOSE, SUPPORT_FOR_UKRAINE
from coprod.extract.dates import DateMention, find_dates
from coprod.extract.lexicon import NOT_PARTNERS
from coprod.extract.money import Money, find_money
from coprod.extract.sentences import Sentence, split_sentences
from coprod.model import Document

LEAD_SENTENCES = 3  # a story's topic is in its title and first sentences
MAX_BOILERPLATE_CHARS = 400  # a longer line is prose, even when it says "subscribe"
# Page furniture that is never a fact: membership appeals, bylines, share buttons.
_BOILERPLATE = (
    "quality journalism",
    "help us reach",
    "become a member",
    "support us",
    "support our journalism",
    "is the reporter for",
    "is a reporter",
    "subscribe",
    "sign up",
    "newsletter",
    "cookie",
    "all rights reserved",
    "read more",
    "show more",
    "editors' picks",
    "most popular",
)


@dataclass
class SentenceView:
    """One sentence and what was found in it; offsets are relative to the sentence."""

    index: int
    sentence: Sentence
    mentions: list[Mention]
    money: list[Money]
    dates: list[DateMention]
    defence: bool = False  # names weapons, the military or defence (cues.DEFENCE)

    @property
    def headline(self) -> bool:
        """A line with no closing punctuation: a title, caption or teaser of another story.
        Its facts stand alone: nothing in it points back to the sentences before."""
        return not self.text.rstrip().endswith((".", "!", "?", '"', "”", "'", "’", ")"))

    @property
    def text(self) -> str:
        return self.sentence.text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of a span given relative to this sentence."""
        return self.sentence.start + start, self.sentence.start + end


@dataclass
class DocContext:
    doc: Document
    sentences: list[SentenceView] = field(default_factory=list)
    memo: dict[str, str | None] = field(default_factory=dict)  # per-document results

    def actors_before(self, index: int, window: int = 3) -> list[str]:
        """Foreign actors named in the `window` sentences before sentence `index`, nearest
        first (never Ukraine nor an aggressor)."""
        out: list[str] = []
        for view in reversed(self.sentences[max(0, index - window) : index]):
            for m in reversed(view.mentions):
                if _is_foreign_actor(m) and m.code not in out:
                    out.append(m.code)
        return out

    def lead(self) -> str:
        """The title and the opening sentences: where a news story states its topic."""
        opening = " ".join(v.text for v in self.sentences[:LEAD_SENTENCES])
        return f"{self.doc.title or ''} {opening}"

    def previous_text(self, index: int) -> str:
        return self.sentences[index - 1].text if index > 0 else ""

    def next_text(self, index: int) -> str:
        return self.sentences[index + 1].text if index + 1 < len(self.sentences) else ""

    def main_partner(self) -> str | None:
        """The foreign country the document names most often as an actor."""
        counts: dict[str, int] = {}
        for view in self.sentences:
            for m in view.mentions:
                if _is_foreign_actor(m) and len(m.code) == 3:
                    counts[m.code] = counts.get(m.code, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None


def _is_foreign_actor(m: Mention) -> bool:
    if m.code == "UKR" or m.code in NOT_PARTNERS or m.attribute or m.place:
        return False
    return m.form in ("name", "capital", "org") or m.government


_DEFENCE_LOWER = re.compile(DEFENCE.pattern.lower())


def _is_defence(text: str) -> bool:
    if _DEFENCE_LOWER.search(text.lower()):
        return True
    return bool(SUPPORT_FOR_UKRAINE.search(text)) and not NON_DEFENCE_PURPOSE.search(text)


# "ROME, June 14 (Reuters) -": where a story was filed names no party to it.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .'-]*)?(?:,\s*[A-Z][a-z]+\.? \d{1,2})?\.?\s*"
    r"(?:\([^)]{1,40}\)\s*[-–—]|[-–—]|/[^/]{1,20}/\.?)\s*"
)


def _outside_dateline(text: str, mentions: list[Mention]) -> list[Mention]:
    m = _DATELINE.match(text)
    if m is None or not re.match(r"[A-Z]{3}", text):
        return mentions
    return [x for x in mentions if x.start >= m.end()]


def is_boilerplate(text: str) -> bool:
    if len(text) >= MAX_BOILERPLATE_CHARS:
        return False
    low = text.lower()
    return any(phrase in low for phrase in _BOILERPLATE)


def build_context(doc: Document) -> DocContext:
    ctx = DocContext(doc)
    for sentence in split_sentences(doc.text):
        if is_boilerplate(sentence.text):
            continue
        text = sentence.text
        view = SentenceView(
            len(ctx.sentences),
            sentence,
            _outside_dateline(text, find_mentions(text)),
            find_money(text),
            find_dates(text, doc.date),
            _is_defence(text),
        )
        ctx.sentences.append(view)
    return ctx
