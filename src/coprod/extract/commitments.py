"""Commitments: money a government or organisation gives for Ukraine's defence.

Reads each sentence's sums of money and country mentions; for every sum decides whether it
is a commitment at all, then its funder, mechanism, status, running-total flag, year and
categories, each by an explicit cascade whose rule is recorded in the fact's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coprod.extract import cues
from coprod.extract.context import DocContext, SentenceView
from coprod.extract.countries import Mention
from coprod.extract.lexicon import NOT_PARTNERS
from coprod.extract.money import Money
from coprod.model import Commitment

NAME = "commitment@1"
RECENT_SENTENCES = 2  # a sentence this close after a commitment may continue its story
MECHANISM_BEFORE = 60  # characters before a sum that usually hold its verb and funder
MECHANISM_AFTER = 100  # characters after a sum that usually state its purpose
AGGRESSOR_CURRENCIES = ("RUB", "BYN")  # sums in these are the aggressors' own spending
MIN_AMOUNT = 100_000  # below this a sum is a unit price or a donation box, not a programme
# Programmes a whole story can be about, so that a sum in it without a cue belongs to them.
TOPIC_MECHANISMS = ("ukrainian_industry", "coproduction")
_FROM_BY = re.compile(r"\b(from|by)\s+(?:the\s+)?", re.IGNORECASE)
_COORDINATION = re.compile(r"^\s*(?:,|and|, and|&)\s*$")
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b")
_OWN_BUDGET = re.compile(
    r"\b(?:Ukrainian state budget|Ukraine(?:'s|’s) (?:state |own )?budget|state budget of Ukraine|"
    r"Ukrainian government(?:'s|’s)? (?:own )?(?:budget|funds)|Ukraine\b.{0,60}\b(?:its|their) "
    r"(?:own )?(?:state )?budget)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)


@dataclass
class _Segment:
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


def _segments(view: SentenceView, ctx: DocContext) -> list[_Segment]:
    out = []
    n = len(view.money)
    before = " ".join(v.text for v in ctx.sentences[max(0, view.index - 2) : view.index])
    for i, money in enumerate(view.money):
        start = view.money[i - 1].end if i else 0
        end = view.money[i + 1].start if i + 1 < n else len(view.text)
        out.append(_Segment(view, i, money, start, end, before))
    return out


def is_commitment_sum(seg: _Segment) -> bool:
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


def _aggressor_subject(seg: _Segment) -> bool:
    before = [m for m in seg.view.mentions if m.end <= seg.money.start and not m.attribute]
    return bool(before) and before[-1].code in NOT_PARTNERS and before[-1].form != "demonym"


def is_funder_mention(m: Mention, view: SentenceView) -> bool:
    """Whether a mention can be the funder of a sum: a state acting, not a place or a firm."""
    if m.code == "UKR" or m.code in NOT_PARTNERS or m.attribute or m.place:
        return False
    if m.form == "company" or (m.form == "demonym" and not m.government):
        return False
    if _owns_company(m, view):
        return False
    relative = ", which" in view.text[m.end : m.end + 12]
    return relative or not cues.NON_FUNDER_ROLE.search(_role_window(m, view.text))


def _owns_company(m: Mention, view: SentenceView) -> bool:
    """ "Germany's Rheinmetall": the country names a firm's home, not a funder."""
    return any(
        x.form == "company"
        and 0 < x.start - m.end <= 4
        and view.text[m.end : x.start].strip() in ("'s", "’s")
        for x in view.mentions
    )


def _role_window(m: Mention, text: str) -> str:
    """Text before a mention, skipping a coordinated mention ("led by Ukraine and")."""
    before = text[max(0, m.start - 60) : m.start]
    return re.sub(r"(?:\b[\w.]+\s*(?:,|and)\s*)+$", "", before)


def coordinated(m: Mention, view: SentenceView) -> list[str]:
    """The funders joined to `m` by "and" or commas just before it ("Denmark and Norway")."""
    codes = [m.code]
    chain = [x for x in view.mentions if x.end <= m.start]
    current = m
    for prev in reversed(chain):
        gap = view.text[prev.end : current.start]
        if not _COORDINATION.match(gap) or not is_funder_mention(prev, view):
            break
        codes.insert(0, prev.code)
        current = prev
    return sorted(set(codes))


def _source_after(seg: _Segment) -> tuple[list[str], str] | None:
    """ "€20 million from Sweden", "€5 billion ... unveiled by the German ministry"; a source
    that is no country ("from interest on frozen assets") names no funder at all."""
    view, money = seg.view, seg.money
    tail = view.text[money.end : seg.end]
    m = _FROM_BY.search(tail[:70])
    if m is None:
        return None
    after = [x for x in view.mentions if x.start >= money.end + m.end()]
    if after and after[0].start - (money.end + m.end()) <= 12:
        if is_funder_mention(after[0], view):
            return [after[0].code], "from/by after sum"
        return None
    own = re.match(r"(?:its|their|our|his|her|the country(?:'s|’s))\b", tail[m.end() :])
    if m.group(1).lower() == "from" and m.start() < 3 and not own:
        return [], "source named is not a country"
    return None


def _clause_before(seg: _Segment) -> str:
    """For a sum after the first in a sentence: its own clause, after the last comma."""
    before = seg.before
    if seg.index == 0:
        return seg.view.text[: seg.money.start]
    cut = max(before.rfind(","), before.rfind(";"))
    return before[cut + 1 :] if cut >= 0 else before


def find_funder(
    seg: _Segment, ctx: DocContext, inherited: list[str] | None
) -> tuple[list[str], str]:
    """Funder codes and the rule that found them, by a cascade of rules."""
    view, money = seg.view, seg.money
    source = _source_after(seg)
    if source is not None:
        return source
    clause_start = money.start - len(_clause_before(seg))
    for m in reversed(
        [m for m in view.mentions if clause_start <= m.start and m.end <= money.start]
    ):
        if is_funder_mention(m, view):
            return coordinated(m, view), "nearest actor before sum"
    if inherited:
        return list(inherited), "same funder as the sum before"
    if cues.BACK_REFERENCE.search(_clause_before(seg)):
        earlier = ctx.actors_before(view.index)
        if earlier:
            return [earlier[0]], "back-reference to the partner named before"
    for m in view.mentions:
        if m.start >= money.end and m.government and is_funder_mention(m, view):
            return [m.code], "government named after sum"
    if _OWN_BUDGET.search(view.text) or _OWN_BUDGET.search(ctx.previous_text(view.index)):
        return ["UKR"], "Ukraine's own budget"
    return [], "no funder named"


def _nearest_cue(text: str, table: list[tuple[str, re.Pattern[str]]], last: bool) -> str | None:
    best: tuple[int, str] | None = None
    for value, pattern in table:
        for m in pattern.finditer(text):
            pos = m.end() if last else -m.start()
            if best is None or pos > best[0]:
                best = (pos, value)
    return best[1] if best else None


def find_status(seg: _Segment, inherited: str | None) -> str | None:
    status = _nearest_cue(seg.before, cues.STATUS_CUES, last=True)
    if status is None:
        status = _nearest_cue(seg.after[:80], cues.STATUS_CUES, last=False)
    if status is None:
        status = inherited
    if status == "planned" and cues.ANNOUNCEMENT.search(seg.view.text):
        status = "pledged"
    return status


def _recent_programme(seg: _Segment) -> str | None:
    """The programme named in the two sentences before ("That year, Denmark gave ...")."""
    found = _by_priority(seg.context_before)
    return found if found in TOPIC_MECHANISMS else None


def _topic(ctx: DocContext) -> str | None:
    """The programme the story is about, from its lead: Danish model, co-production, a fund."""
    if "topic" not in ctx.memo:
        found = _by_priority(ctx.lead())
        ctx.memo["topic"] = found if found in TOPIC_MECHANISMS else None
    return ctx.memo["topic"]


def _by_priority(text: str) -> str | None:
    for value, pattern in cues.MECHANISM_CUES:
        if pattern.search(text):
            return value
    return None


def find_mechanism(seg: _Segment, inherited: str | None, topic: str | None = None) -> str:
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
        found = _by_priority(scope)
        if found:
            return found
    return inherited or _recent_programme(seg) or topic or "other"


def find_categories(seg: _Segment) -> list[str]:
    before = re.split(r",|;|\band\b", _clause_before(seg))[-1]
    own = before + seg.view.text[seg.money.end : seg.end].split(",")[0]
    found = [v for v, p in cues.CATEGORY_CUES if p.search(own)]
    return found or [v for v, p in cues.CATEGORY_CUES if p.search(seg.view.text)]


def find_year(seg: _Segment) -> int | None:
    if _YEAR_RANGE.search(seg.text):
        return None
    for scope_start, scope_end in ((seg.start, seg.end), (0, len(seg.view.text))):
        for d in seg.view.dates:
            in_scope = scope_start <= d.start < scope_end and len(d.value) == 4
            if in_scope and not _SINCE.search(seg.view.text[: d.start]):
                return int(d.value)
    return None


_SUPERLATIVE = re.compile(r"\b(?:largest|biggest|first|latest|most|highest)\b[^.,;]{0,30}$")


def is_cumulative(seg: _Segment) -> bool:
    """A running total: "has provided", "so far", "since 2022" ("the largest so far" is not)."""
    for text in (seg.before, seg.after[:40]):
        for m in cues.CUMULATIVE.finditer(text):
            if m.group().lower() == "so far" and _SUPERLATIVE.search(text[: m.start()]):
                continue
            return True
    return False


@dataclass
class _State:
    """What a sentence inherits from the commitments before it."""

    last: Commitment | None = None
    last_index: int = -100


def _build_one(
    seg: _Segment, ctx: DocContext, state: _State, first: Commitment | None
) -> Commitment:
    view = seg.view
    anaphoric = bool(cues.ANAPHORIC_PARTS.search(view.text)) and state.last is not None
    prev = state.last if anaphoric else None
    inherited_funder = first.funder if first else (prev.funder if prev else None)
    funder, rule = find_funder(seg, ctx, inherited_funder)
    inherited_status = first.status if first else (prev.status if prev else None)
    status = find_status(seg, inherited_status)
    cumulative = is_cumulative(seg) or bool(prev and prev.cumulative)
    mechanism = find_mechanism(seg, prev.mechanism if prev else None, _topic(ctx))
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
    if recent and any(m.form in ("name", "capital") and not m.place for m in view.mentions):
        return True
    if any(m.code == "UKR" for m in view.mentions) and defence_nearby:
        return True
    return any(p.search(view.text) for _, p in cues.MECHANISM_CUES[1:4])


def find_commitments(ctx: DocContext) -> list[Commitment]:
    """Every commitment in the document, the same sum stated twice counted once."""
    out: list[Commitment] = []
    state = _State()
    for view in ctx.sentences:
        anaphoric = bool(cues.ANAPHORIC_PARTS.search(view.text)) and state.last is not None
        recent = view.index - state.last_index <= RECENT_SENTENCES
        if not view.money:
            continue
        nearby = any(v.defence for v in ctx.sentences[max(0, view.index - 2) : view.index + 3])
        if not _relevant(view, anaphoric, recent, nearby):
            continue
        first: Commitment | None = None
        for seg in _segments(view, ctx):
            if not is_commitment_sum(seg):
                continue
            fact = _build_one(seg, ctx, state, first)
            if _company_subject(seg, fact) or _untied_loan(seg, fact) or _weak_orphan(seg, fact):
                continue
            first = first or fact
            _merge(out, fact)
        if first is not None:
            state.last, state.last_index = first, view.index
    return out


def _weak_orphan(seg: _Segment, fact: Commitment) -> bool:
    """A sum with no funder, in a sentence that itself names no defence purpose."""
    return not fact.funder and not seg.view.defence and _by_priority(seg.view.text) is None


def _untied_loan(seg: _Segment, fact: Commitment) -> bool:
    """A loan counts only when its own sentence ties it to defence or security."""
    return fact.mechanism == "loan" and not cues.DEFENCE.search(seg.view.text)


def _company_subject(seg: _Segment, fact: Commitment) -> bool:
    """A firm's own investment ("drone-maker X has revealed a £200m investment")."""
    direct = any(n.startswith("funder: from/by") or "nearest" in n for n in fact.notes)
    clause_start = seg.money.start - len(_clause_before(seg))
    named_firm = any(
        m.form == "company" and clause_start <= m.start < seg.money.start for m in seg.view.mentions
    )
    return not direct and (named_firm or bool(cues.COMPANY_SUBJECT.search(_clause_before(seg))))
