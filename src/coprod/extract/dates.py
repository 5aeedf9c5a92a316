"""Dates as the news writes them, resolved against the publication date.

"on July 4" and "Aug. 19" take the publication year (the year before when the month lies
after the publication month); "on Friday" is the last Friday on or before publication;
"this year", "last year", "today" and "yesterday" count from publication. Each value is as
precise as the text: "2025-07-04", "2024-02" or "2024".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

NAME = "dates@1"

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Each pattern with the gate a sentence must pass for the pattern to be tried at all:
# "iso" a hyphenated year, "month" a month name ("month_day" with a figure beside it),
# "weekday", "relative", "year" any year.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b")),
    (
        "month",
        re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}},?\s+{_YEAR}\b"),
    ),  # days: month
    ("month_day", re.compile(rf"\b\d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+{_MONTH}\s*,?\s+{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d%])")),
    ("month_day", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!\s*,?\s*(?:19|20)\d\d)")),
    (
        "weekday",
        re.compile(
            r"\b(?:on|last|this past)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>today|yesterday|this year|last year|next year|earlier this year|"
            r"this month|last month|next month)\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            r"\b(?:in|In|since|Since|by|By|of|for|until|from)\s+(?:early\s+|late\s+|mid-)?(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+(?:19|20)\d\d|\s+\d)"
        ),
    ),
    (
        "year",
        re.compile(
            rf"(?<![\d.,$€£-]){_YEAR}(?![\d%-]|\s*(?:million|billion)|\s+(?:(?!to\b|for\b|and\b|in\b|on\b|of\b|by\b)[\w-]+\s+)?"
            r"(?:drones|shells|units|rounds|missiles|vehicles|people|soldiers|troops|systems|tanks|"
            r"howitzers|jobs|workers|pieces|items|tonnes|km|kilometres|kilometers)\b)"
        ),
    ),
]
_GATES: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"(?:19|20)\d\d-\d"),
    "month": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "month_day": re.compile(
        r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[^\d]{0,12}\d|\d\s*(?:[-–]\s*\d+\s*)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    ),
    "weekday": re.compile(r"day\b"),
    "relative": re.compile(r"(?i:today|yesterday|year|month)"),
    "year": re.compile(r"(?:19|20)\d\d"),
}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY


def parse_pub_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(raw: str) -> int:
    return _MONTHS[raw.lower().rstrip(".")]


def _year_for(month: int, pub: dt.date | None) -> int | None:
    if pub is None:
        return None
    return pub.year - 1 if month > pub.month else pub.year


def _resolve(m: re.Match[str], pub: dt.date | None) -> str | None:
    g = {k: v for k, v in m.groupdict().items() if v}
    if "mnum" in g:
        try:
            return dt.date(int(g["year"]), int(g["mnum"]), int(g["dnum"])).isoformat()
        except ValueError:
            return None
    if "weekday" in g:
        return _weekday(g["weekday"], pub)
    if "rel" in g:
        return _relative(g["rel"].lower(), pub)
    if "month" in g:
        return _month_date(g, pub)
    return g.get("year")


def _month_date(g: dict[str, str], pub: dt.date | None) -> str | None:
    month = _month(g["month"])
    year = int(g["year"]) if "year" in g else _year_for(month, pub)
    if year is None:
        return None
    if "day" not in g:
        return f"{year:04d}-{month:02d}"
    day = int(g["day"])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _weekday(name: str, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    back = (pub.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return (pub - dt.timedelta(days=back)).isoformat()


def _relative(rel: str, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    if rel == "today":
        return pub.isoformat()
    if rel == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat()
    if rel.endswith("month"):
        step = {"this month": 0, "last month": -1, "next month": 1}[rel]
        index = pub.year * 12 + pub.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    shift = {"this year": 0, "earlier this year": 0, "last year": -1, "next year": 1}[rel]
    return str(pub.year + shift)


_ANY_DATE = re.compile(
    r"\d|month|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|today|yesterday|year)",
    re.IGNORECASE,
)


def find_dates(text: str, pub_date: str | None) -> list[DateMention]:
    """Every date in `text`, most precise reading first where readings overlap."""
    if not _ANY_DATE.search(text):
        return []
    pub = parse_pub_date(pub_date)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    gates = {name: bool(gate.search(text)) for name, gate in _GATES.items()}
    for gate, pattern in _PATTERNS:
        if not gates[gate]:
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = _resolve(m, pub)
            if value is not None:
                found.append(DateMention(m.start(), m.end(), value))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)
