"""Segments: the stretch of a sentence that belongs to one sum of money.

A sentence with several sums ("€125 million from Denmark, €20 million from Sweden") is cut
at the sums; each segment runs from the sum before to the next, so that the words around
a sum are read as its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from coprod.extract.context import DocContext, SentenceView
from coprod.extract.money import Money


@dataclass
class Segment:
    """The stretch of a sentence that belongs to one sum: from the sum before to the next."""

    view: SentenceView
    index: int
    money: Money
    start: int
    end: int
    context_before: str = ""  # the two sentences before this one

    @property
    def before(self) -> str:
        return self.view.text[self.start : self.money.start]

    @property
    def after(self) -> str:
        return self.view.text[self.money.end : self.end]

    @property
    def text(self) -> str:
        return self.view.text[self.start : self.end]


def segments(view: SentenceView, ctx: DocContext) -> list[Segment]:
    out = []
    n = len(view.money)
    before = " ".join(v.text for v in ctx.sentences[max(0, view.index - 2) : view.index])
    for i, money in enumerate(view.money):
        start = view.money[i - 1].end if i else 0
        end = view.money[i + 1].start if i + 1 < n else len(view.text)
        out.append(Segment(view, i, money, start, end, before))
    return out


def clause_before(seg: Segment) -> str:
    """For a sum after the first in a sentence: its own clause, after the last comma."""
    before = seg.before
    if seg.index == 0:
        return seg.view.text[: seg.money.start]
    cut = max(before.rfind(","), before.rfind(";"))
    return before[cut + 1 :] if cut >= 0 else before
