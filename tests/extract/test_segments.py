"""extract.segments: each sum of a sentence gets the words between its neighbours."""

from __future__ import annotations

import itertools

from coprod.extract.context import build_context
from coprod.extract.segments import clause_before, segments
from tests.extract.support import doc

LIST = "Denmark gave €125 million for drones, Sweden €20 million and Iceland €2.7 million."


def test_one_segment_per_sum_covering_the_sentence_between_neighbours() -> None:
    ctx = build_context(doc(LIST))
    segs = segments(ctx.sentences[0], ctx)
    assert [s.money.amount for s in segs] == [125e6, 20e6, 2.7e6]
    assert segs[0].start == 0 and segs[-1].end == len(LIST)
    for left, right in itertools.pairwise(segs):
        assert left.end == right.money.start and right.start == left.money.end


def test_before_after_and_text_are_slices_of_the_sentence() -> None:
    ctx = build_context(doc(LIST))
    seg = segments(ctx.sentences[0], ctx)[1]
    assert seg.before == " for drones, Sweden "
    assert seg.text == seg.before + LIST[seg.money.start : seg.money.end] + seg.after


def test_a_later_sum_reads_only_its_own_clause() -> None:
    ctx = build_context(doc(LIST))
    first, second, _ = segments(ctx.sentences[0], ctx)
    assert clause_before(first) == "Denmark gave "
    assert clause_before(second) == " Sweden "


def test_context_before_holds_the_two_sentences_before() -> None:
    text = "One. Two is here. Three is too. Norway gives €5 million for drones."
    ctx = build_context(doc(text))
    (seg,) = segments(ctx.sentences[-1], ctx)
    assert seg.context_before == "Two is here. Three is too."
