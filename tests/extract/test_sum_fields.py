"""extract.sum_fields: status, mechanism, categories, year and running totals of a sum."""

from __future__ import annotations

import pytest

from coprod.extract.context import build_context
from coprod.extract.segments import Segment, segments
from coprod.extract.sum_fields import (
    find_categories,
    find_mechanism,
    find_status,
    find_year,
    is_cumulative,
)
from tests.extract.support import doc


def _seg(text: str, index: int = 0, date: str | None = "2025-03-14") -> Segment:
    ctx = build_context(doc(text, date))
    return segments(ctx.sentences[-1], ctx)[index]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Spain will allocate €10 million for shells.", "planned"),
        ("Spain announced it will allocate €10 million for shells.", "pledged"),
        ("Spain has pledged €10 million for shells.", "pledged"),
        ("Spain earmarked €10 million for shells.", "allocated"),
        ("Ukraine received weapons worth €10 million.", "delivered"),
        ("€10 million was transferred by Spain.", "allocated"),
    ],
)
def test_status_from_the_verb_nearest_the_sum(text: str, status: str) -> None:
    assert find_status(_seg(text), None) == status


def test_status_inherited_when_the_clause_has_no_verb() -> None:
    assert find_status(_seg("Spain gave €10 million and €5 million more.", 1), "allocated") == (
        "allocated"
    )


@pytest.mark.parametrize(
    ("text", "mechanism"),
    [
        ("Spain gave €10 million to Ukrainian manufacturers.", "ukrainian_industry"),
        ("Spain gave €10 million under the Danish model.", "ukrainian_industry"),
        ("Spain gave €10 million to the PURL initiative.", "fund"),
        ("Spain will lend €10 million for air defence.", "loan"),
        ("Spain gave €10 million for joint production of drones.", "coproduction"),
        ("Spain gave €10 million to buy shells.", "procurement"),
        ("Spain unveiled a €10 million military aid package.", "other"),
        ("Spain gave €10 million in military support.", "other"),
    ],
)
def test_mechanism_from_the_most_specific_cue(text: str, mechanism: str) -> None:
    assert find_mechanism(_seg(text), None) == mechanism


def test_mechanism_falls_back_to_the_topic_then_other() -> None:
    assert find_mechanism(_seg("Spain gave €10 million."), None, "coproduction") == "coproduction"
    assert find_mechanism(_seg("Spain gave €10 million."), None) == "other"


def test_categories_named_for_the_sum() -> None:
    assert find_categories(_seg("Spain gave €10 million for drones and artillery shells.")) == [
        "drones",
        "ammunition",
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Spain will give €10 million in 2026 for drones.", 2026),
        ("Spain will give €10 million this year for drones.", 2025),
        ("Spain has given €10 million since 2022 for drones.", None),
        ("Spain will give €10 million a year for 2026-2027.", None),
    ],
)
def test_year_the_money_is_for(text: str, year: int | None) -> None:
    assert find_year(_seg(text)) == year


@pytest.mark.parametrize(
    ("text", "cumulative"),
    [
        ("Spain has provided €10 million so far.", True),
        ("Spain has given €10 million since 2022.", True),
        ("Spain will give €10 million.", False),
        ("Spain has announced €10 million.", False),
        ("Spain's largest package so far is worth €10 million.", False),
    ],
)
def test_running_totals(text: str, cumulative: bool) -> None:
    assert is_cumulative(_seg(text)) is cumulative
