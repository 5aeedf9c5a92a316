"""The fields of a commitment other than its funder: status, mechanism, categories, year
and the running-total flag, each read from the sum's own segment first, then its sentence,
then what the story says around it.
"""

from __future__ import annotations

import re

from coprod.extract import cues
from coprod.extract.context import DocContext
from coprod.extract.segments import Segment, clause_before

MECHANISM_BEFORE = 60  # characters before a sum that usually hold its verb and funder

MECHANISM_AFTER = 100  # characters after a sum that usually state its purpose

# Programmes a whole story can be about, so that a sum in it without a cue belongs to them.
TOPIC_MECHANISMS = ("ukrainian_industry", "coproduction")

_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b")

_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)


def _nearest_cue(text: str, table: list[tuple[str, re.Pattern[str]]], last: bool) -> str | None:
    best: tuple[int, str] | None = None
    for value, pattern in table:
        for m in pattern.finditer(text):
            pos = m.end() if last else -m.start()
            if best is None or pos > best[0]:
                best = (pos, value)
    return best[1] if best else None


def find_status(seg: Segment, inherited: str | None) -> str | None:
    status = _nearest_cue(seg.before, cues.STATUS_CUES, last=True)
    if status is None:
        status = _nearest_cue(seg.after[:80], cues.STATUS_CUES, last=False)
    if status is None:
        status = inherited
    if status == "planned" and cues.ANNOUNCEMENT.search(seg.view.text):
        status = "pledged"
    return status


def _recent_programme(seg: Segment) -> str | None:
    """The programme named in the two sentences before ("That year, Denmark gave ...")."""
    found = by_priority(seg.context_before)
    return found if found in TOPIC_MECHANISMS else None


def topic_of(ctx: DocContext) -> str | None:
    """The programme the story is about, from its lead: Danish model, co-production, a fund."""
    if "topic" not in ctx.memo:
        found = by_priority(ctx.lead())
        ctx.memo["topic"] = found if found in TOPIC_MECHANISMS else None
    return ctx.memo["topic"]


def by_priority(text: str) -> str | None:
    for value, pattern in cues.MECHANISM_CUES:
        if pattern.search(text):
            return value
    return None


def find_mechanism(seg: Segment, inherited: str | None, topic: str | None = None) -> str:
    """Most specific mechanism cue near the sum, then in its clause, then in the sentence;
    a whole package's value is `other`; an anaphoric sentence inherits."""
    fund = cues.MECHANISM_CUES[1][1]
    if cues.PACKAGE_BEFORE.search(seg.before) or cues.PACKAGE_AFTER.search(seg.after):
        return "fund" if fund.search(seg.text) else "other"
    if cues.GENERAL_AID.search(seg.after):
        return "other"
    text = seg.view.text
    near = text[
        max(seg.start, seg.money.start - MECHANISM_BEFORE) : seg.money.end + MECHANISM_AFTER
    ]
    for scope in (near, seg.text, text):
        found = by_priority(scope)
        if found:
            return found
    return inherited or _recent_programme(seg) or topic or "other"


def find_categories(seg: Segment) -> list[str]:
    before = re.split(r",|;|\band\b", clause_before(seg))[-1]
    own = before + seg.view.text[seg.money.end : seg.end].split(",")[0]
    found = [v for v, p in cues.CATEGORY_CUES if p.search(own)]
    return found or [v for v, p in cues.CATEGORY_CUES if p.search(seg.view.text)]


def find_year(seg: Segment) -> int | None:
    if _YEAR_RANGE.search(seg.text):
        return None
    for scope_start, scope_end in ((seg.start, seg.end), (0, len(seg.view.text))):
        for d in seg.view.dates:
            in_scope = scope_start <= d.start < scope_end and len(d.value) == 4
            if in_scope and not _SINCE.search(seg.view.text[: d.start]):
                return int(d.value)
    return None


_SUPERLATIVE = re.compile(r"\b(?:largest|biggest|first|latest|most|highest)\b[^.,;]{0,30}$")


def is_cumulative(seg: Segment) -> bool:
    """A running total: "has provided", "so far", "since 2022" ("the largest so far" is not)."""
    for text in (seg.before, seg.after[:40]):
        for m in cues.CUMULATIVE.finditer(text):
            if m.group().lower() == "so far" and _SUPERLATIVE.search(text[: m.start()]):
                continue
            return True
    return False
