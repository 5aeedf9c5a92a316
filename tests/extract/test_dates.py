"""Dates resolved against the publication date (coprod.extract.dates)."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coprod.extract.dates import DateMention, find_dates
from tests.extract.support import QUICK

PUB = "2025-06-20"  # a Friday in June
MONTHS = [dt.date(2001, m, 1).strftime("%B") for m in range(1, 13)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def values(text: str, pub: str | None = PUB) -> list[str]:
    return [d.value for d in find_dates(text, pub)]


def one(text: str, pub: str | None = PUB) -> DateMention:
    found = find_dates(text, pub)
    assert len(found) == 1, [(d.value, text[d.start : d.end]) for d in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The deal was signed on June 4.", "2025-06-04"),  # same month: this year
        ("The deal was signed on May 4.", "2025-05-04"),  # month before publication
        ("The deal was signed on July 4.", "2024-07-04"),  # month after: last year
        ("The deal was signed on 4 July.", "2024-07-04"),
        ("The talks ended Aug. 19 in Kyiv.", "2024-08-19"),
        ("The talks ended Sept. 3 in Kyiv.", "2024-09-03"),
        ("The plant opened on July 31st.", "2024-07-31"),
    ],
)
def test_day_and_month_take_the_year_of_publication_or_the_one_before(
    text: str, value: str
) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize(
    ("pub", "weekday", "value"),
    [
        ("2025-06-20", "Friday", "2025-06-20"),  # publication day itself
        ("2025-06-24", "Friday", "2025-06-20"),  # Tuesday: the Friday before
        ("2025-06-20", "Saturday", "2025-06-14"),
        ("2025-06-20", "Monday", "2025-06-16"),
    ],
)
def test_weekday_is_the_last_one_on_or_before_publication(
    pub: str, weekday: str, value: str
) -> None:
    assert values(f"Ministers signed the memorandum on {weekday}.", pub) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Funding rose this year.", "2025"),
        ("Funding rose last year.", "2024"),
        ("Funding will rise next year.", "2026"),
        ("Funding rose earlier this year.", "2025"),
        ("The minister spoke today.", "2025-06-20"),
        ("The minister spoke yesterday.", "2025-06-19"),
    ],
)
def test_relative_dates_count_from_publication(text: str, value: str) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In February 2024 the two sides met.", "2024-02"),
        ("It was signed on 14 February 2024.", "2024-02-14"),
        ("It was signed on February 14, 2024.", "2024-02-14"),
        ("It was signed on 2 June, 2024.", "2024-06-02"),
        ("It was signed on Feb. 29, 2024.", "2024-02-29"),
        ("The page says 2025-03-01.", "2025-03-01"),
        ("The agreement dates from 2023.", "2023"),
    ],
)
def test_explicit_dates_keep_their_written_precision(text: str, value: str) -> None:
    assert values(text) == [value]
    assert values(text, None) == [value]  # no publication date needed


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The forum took place on June 6-7.", "2025-06"),
        ("The forum took place June 6–7, 2024.", "2024-06"),
        ("The forum took place 6-7 June 2024.", "2024-06"),
        ("The forum takes place in March.", "2025-03"),
        ("The forum took place in December.", "2024-12"),
        ("The forum took place in mid-March.", "2025-03"),
    ],
)
def test_spans_of_days_and_bare_months_resolve_to_the_month(text: str, value: str) -> None:
    assert values(text) == [value]


def test_later_day_of_the_publication_month_is_the_coming_one() -> None:
    # Only a later month means last year; a later day this month is an upcoming event.
    assert values("The summit opens on June 25.") == ["2025-06-25"]


def test_relative_dates_need_a_publication_date() -> None:
    text = "They met on Friday and again on July 4, and will meet this year."
    assert find_dates(text, None) == []
    assert find_dates(text, "not a date") == []


@pytest.mark.parametrize(
    "text",
    [
        "There is no February 30 in any year.",
        "Ukraine asked for 2030 million euros.",
        "The 2024-2025 budget was approved.",
        "Nothing dated here.",
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_span_points_at_the_written_date() -> None:
    text = "Denmark and Ukraine signed the deal on 14 February 2024 in Kyiv."
    mention = one(text)
    assert text[mention.start : mention.end] == "14 February 2024"


def test_two_dates_in_order_of_the_text() -> None:
    text = "Talks began in March 2024 and the deal was signed on 5 May 2025."
    assert values(text) == ["2024-03", "2025-05-05"]


publication_dates = st.dates(dt.date(2001, 1, 1), dt.date(2035, 12, 31))


@QUICK
@given(publication_dates, st.integers(1, 12), st.integers(1, 28), st.booleans())
def test_month_and_day_resolve_to_the_latest_such_date_not_after_publication(
    pub: dt.date, month: int, day: int, abbreviated: bool
) -> None:
    assume(not (month == pub.month and day > pub.day))  # an upcoming day of this month
    name = MONTHS[month - 1]
    written = f"{name[:3]}. {day}" if abbreviated and name != "May" else f"{name} {day}"
    resolved = dt.date.fromisoformat(one(f"It was agreed on {written}.", pub.isoformat()).value)
    assert (resolved.month, resolved.day) == (month, day)
    assert resolved <= pub
    assert (pub - resolved).days < 366


@QUICK
@given(publication_dates, st.sampled_from(WEEKDAYS))
def test_weekday_resolves_to_that_weekday_in_the_week_up_to_publication(
    pub: dt.date, weekday: str
) -> None:
    resolved = dt.date.fromisoformat(one(f"It was agreed on {weekday}.", pub.isoformat()).value)
    assert WEEKDAYS[resolved.weekday()] == weekday
    assert 0 <= (pub - resolved).days < 7


@QUICK
@given(st.dates(dt.date(1990, 1, 1), dt.date(2039, 12, 31)), st.sampled_from(["dmy", "mdy"]))
def test_full_dates_resolve_to_themselves_whatever_the_publication_date(
    date: dt.date, order: str
) -> None:
    month = MONTHS[date.month - 1]
    written = (
        f"{date.day} {month} {date.year}" if order == "dmy" else f"{month} {date.day}, {date.year}"
    )
    assert values(f"It was signed on {written}.", "2030-01-01") == [date.isoformat()]


@QUICK
@given(
    st.text(),
    st.one_of(st.none(), publication_dates.map(dt.date.isoformat), st.text(max_size=12)),
)
def test_find_dates_never_raises_and_its_values_are_well_formed(text: str, pub: str | None) -> None:
    found = find_dates(text, pub)
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text)
        assert re.fullmatch(r"\d{4}(?:-\d\d){0,2}", mention.value)
    assert all(a.start <= b.start for a, b in pairwise(found))


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("last month", "2024-12"), ("this month", "2025-01"), ("next month", "2025-02")],
)
def test_months_relative_to_publication(phrase: str, value: str) -> None:
    assert [d.value for d in find_dates(f"It was signed {phrase}.", "2025-01-10")] == [value]
