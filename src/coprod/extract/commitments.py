"""Commitments: money a government or organisation gives for Ukraine's defence.

Reads each sentence's sums of money and country mentions; for every sum decides whether it
is a commitment at all, then its funder, mechanism, status, running-total flag, year and
categories, each by an explicit cascade whose rule is recorded in the fact's notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from coprod.extract import cues
from coprod.extract.context import DocContext, SentenceView
from coprod.extract.funders import find_funder
from coprod.extract.lexicon import NOT_PARTNERS
from coprod.extract.segments import Segment, clause_before, segments
from coprod.extract.sum_fields import (
    by_priority,
    find_categories,
    find_mechanism,
    find_status,
    find_year,
    is_cumulative,
    topic_of,
)
from coprod.model import Commitment

NAME = "commitment@1"
RECENT_SENTENCES = 2  # a sentence this close after a commitment may continue its story
AGGRESSOR_CURRENCIES = ("RUB", "BYN")  # sums in these are the aggressors' own spending
MIN_AMOUNT = 100_000  # below this a sum is a unit price or a donation box, not a programme


def is_commitment_sum(seg: Segment) -> bool:
    """A sum of enough size, in a defence sentence, not a goal, price or market figure."""
    money, text = seg.money, seg.view.text
    if money.amount < MIN_AMOUNT or money.currency in (None, *AGGRESSOR_CURRENCIES):
        return False
    purpose = seg.after[:80]
    if cues.NON_DEFENCE_PURPOSE.search(purpose) and not cues.DEFENCE.search(purpose):
        return False
    window = text[max(0, money.start - 80) : money.end + 60]
    if cues.NOT_COMMITMENT.search(window) or cues.AGGRESSOR_SPENDING.search(text):
        return False
    if cues.FUNDING_TARGET.search(seg.before[-70:]):
        return False
    return _aggressor_subject(seg) is False


def _aggressor_subject(seg: Segment) -> bool:
    before = [m for m in seg.view.mentions if m.end <= seg.money.start and not m.attribute]
    return bool(before) and before[-1].code in NOT_PARTNERS and before[-1].form != "demonym"


@dataclass
class _State:
    """What a sentence inherits from the commitments before it."""

    last: Commitment | None = None
    last_index: int = -100


def _build_one(
    seg: Segment, ctx: DocContext, prev: Commitment | None, first: Commitment | None
) -> Commitment:
    """The commitment of one sum; `prev` is the commitment an anaphoric sentence continues,
    `first` the one of the first sum of the same sentence."""
    view = seg.view
    inherited_funder = first.funder if first else (prev.funder if prev else None)
    funder, rule = find_funder(seg, ctx, inherited_funder)
    inherited_status = first.status if first else (prev.status if prev else None)
    status = find_status(seg, inherited_status)
    cumulative = is_cumulative(seg) or bool(prev and prev.cumulative)
    mechanism = find_mechanism(seg, prev.mechanism if prev else None, topic_of(ctx))
    start, end = view.span(0, len(view.text))
    notes = [f"funder: {rule}"]
    if status is None:
        status = "allocated"
        notes.append("status: no verb found; past sum taken as allocated")
    return Commitment(
        funder=funder,
        amount=seg.money.amount,
        currency=seg.money.currency,
        alt=list(seg.money.alt),
        qualifier=seg.money.qualifier,
        mechanism=mechanism,
        categories=find_categories(seg),
        status=status,
        cumulative=cumulative,
        year=find_year(seg),
        evidence=view.text,
        start=start,
        end=end,
        confidence=0.75 if funder else 0.5,
        extractor=NAME,
        notes=notes,
    )


def _figures(c: Commitment) -> list[tuple[float, str | None]]:
    return [(c.amount or 0.0, c.currency), *c.alt]


def same_sum(a: Commitment, b: Commitment) -> bool:
    """One sum stated twice: same funder (or none named) and a figure in common."""
    if a.funder and b.funder and a.funder != b.funder:
        return False
    if a.year != b.year and a.year is not None and b.year is not None:
        return False
    return any(
        _same_currency(ca, cb) and abs(x - y) <= 0.005 * max(x, y)
        for x, ca in _figures(a)
        for y, cb in _figures(b)
    )


def _same_currency(a: str | None, b: str | None) -> bool:
    """A bare "$" is USD by rule, but repeats a C$ or A$ sum the story already gave."""
    return a == b or {a, b} in ({"USD", "CAD"}, {"USD", "AUD"})


def _richness(c: Commitment) -> tuple[int, bool, int]:
    """Which of two statements of one sum says more: funder, a specific mechanism, alts."""
    return len(c.funder), c.mechanism != "other", len(c.alt)


def _merge(out: list[Commitment], fact: Commitment) -> None:
    """Add `fact` unless it repeats a sum already found; keep the richer statement."""
    for i, known in enumerate(out):
        distinct = known.qualifier != fact.qualifier and known.mechanism != fact.mechanism
        if not same_sum(known, fact) or distinct:
            continue
        if _richness(fact) > _richness(known):
            out[i] = fact
        return
    out.append(fact)


def _relevant(view: SentenceView, anaphoric: bool, recent: bool, defence_nearby: bool) -> bool:
    """A sentence about defence money, or one continuing the commitments just before."""
    if view.text.rstrip().endswith("?"):
        return False  # a question states no fact
    if anaphoric or view.defence:
        return True
    if cues.NON_DEFENCE_PURPOSE.search(view.text):
        return False
    if recent and not view.headline:
        named = any(m.form in ("name", "capital") and not m.place for m in view.mentions)
        if named or cues.BACK_REFERENCE.match(view.text):
            return True
    if any(m.code == "UKR" for m in view.mentions) and defence_nearby:
        return True
    return any(p.search(view.text) for _, p in cues.MECHANISM_CUES[1:4])


def _continues(view: SentenceView, state: _State) -> bool:
    """ "This includes ...", "An extra €43 million ...": the sentence continues the
    commitments before it (never a headline, which stands alone)."""
    if view.headline or state.last is None:
        return False
    return bool(cues.ANAPHORIC_PARTS.search(view.text))


def find_commitments(ctx: DocContext) -> list[Commitment]:
    """Every commitment in the document, the same sum stated twice counted once."""
    out: list[Commitment] = []
    state = _State()
    for view in ctx.sentences:
        anaphoric = _continues(view, state)
        recent = view.index - state.last_index <= RECENT_SENTENCES
        if not view.money:
            continue
        nearby = any(v.defence for v in ctx.sentences[max(0, view.index - 2) : view.index + 3])
        if not _relevant(view, anaphoric, recent, nearby):
            continue
        first: Commitment | None = None
        for seg in segments(view, ctx):
            if not is_commitment_sum(seg):
                continue
            fact = _build_one(seg, ctx, state.last if anaphoric else None, first)
            if _company_subject(seg, fact) or _untied_loan(seg, fact) or _weak_orphan(seg, fact):
                continue
            first = first or fact
            _merge(out, fact)
        if first is not None:
            state.last, state.last_index = first, view.index
    return out


def _weak_orphan(seg: Segment, fact: Commitment) -> bool:
    """A sum with no funder, in a sentence that itself names no defence purpose."""
    return not fact.funder and not seg.view.defence and by_priority(seg.view.text) is None


def _untied_loan(seg: Segment, fact: Commitment) -> bool:
    """A loan counts only when its own sentence ties it to defence or security."""
    return fact.mechanism == "loan" and not cues.DEFENCE.search(seg.view.text)


def _company_subject(seg: Segment, fact: Commitment) -> bool:
    """A firm's own investment ("drone-maker X has revealed a £200m investment")."""
    direct = any(n.startswith("funder: from/by") or "nearest" in n for n in fact.notes)
    clause_start = seg.money.start - len(clause_before(seg))
    named_firm = any(
        m.form == "company" and clause_start <= m.start < seg.money.start for m in seg.view.mentions
    )
    return not direct and (named_firm or bool(cues.COMPANY_SUBJECT.search(clause_before(seg))))
