"""Funders: who gives a sum, by an explicit cascade of rules.

1. a source written after the sum ("€20 million from Sweden", "unveiled by the German
   ministry"); a source that is no country names no funder;
2. the nearest state acting before the sum in its own clause, with the states coordinated
   to it ("Denmark and Norway will allocate");
3. the funder of the sum before it in the same list;
4. a back-reference ("the country", "it") to the partner named just before;
5. a government named after the sum; Ukraine's own budget.
The rule that fired is returned with the codes and kept in the fact's notes.
"""

from __future__ import annotations

import re

from coprod.extract import cues
from coprod.extract.context import DocContext, SentenceView
from coprod.extract.countries import Mention
from coprod.extract.lexicon import NOT_PARTNERS
from coprod.extract.segments import Segment, clause_before

_FROM_BY = re.compile(r"\b(from|by)\s+(?:the\s+)?", re.IGNORECASE)

_COORDINATION = re.compile(r"^\s*(?:,|and|, and|&)\s*$")

_OWN_BUDGET = re.compile(
    r"\b(?:Ukrainian state budget|Ukraine(?:'s|’s) (?:state |own )?budget|state budget of Ukraine|"
    r"Ukrainian government(?:'s|’s)? (?:own )?(?:budget|funds)|Ukraine\b.{0,60}\b(?:its|their) "
    r"(?:own )?(?:state )?budget)\b",
    re.IGNORECASE,
)


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


def _source_after(seg: Segment) -> tuple[list[str], str] | None:
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


# An official or body named by title alone ("the Defence Secretary announced"): in a
# partner's own release or a story about one partner, that partner.
_TITLE_SUBJECT = re.compile(
    r"\b(?:[Tt]he|[Oo]ur) (?:(?:Prime|Defen[cs]e|Foreign|Finance|Deputy)\s+)?"
    r"(?:Minister|Secretary|Chancellor|Premier|Government|government|Ministry|ministry|Cabinet|"
    r"cabinet|Parliament|parliament|MoD|Treasury)\b"
)
# Subjects that name many funders at once: no single country can be named for the sum.
_GENERIC_FUNDERS = re.compile(
    r"\b(?:[Aa]llies|[Dd]onors|[Pp]artners|[Mm]ember states|[Cc]ountries|[Gg]overnments)\b"
    r"(?:\s+\w+){0,4}\s*$"
)
# "..., the Polish minister told reporters": a speaker, not a funder.
_SPEAKER_AFTER = re.compile(
    r"(?:\s+\w+){0,4}?\s+(?:told|said|says|added|noted|stressed|explained|according)\b"
)
# "the £200 million Norway has promised": the funder right after the sum, with its verb.
_SUBJECT_VERB_AFTER = re.compile(
    r"\s+(?:has|have|had|will|would|is|was|promised|pledged|committed|allocated|provided|"
    r"gave|put|earmarked|offered)\b"
)


def _subject_after(seg: Segment) -> tuple[list[str], str] | None:
    view, money = seg.view, seg.money
    tail = view.text[money.end : seg.end]
    lead = re.match(r"\s*(?:that\s+|which\s+)?", tail)
    start = money.end + (lead.end() if lead else 0)
    for m in view.mentions:
        at_start = m.start == start and is_funder_mention(m, view)
        if at_start and _SUBJECT_VERB_AFTER.match(view.text, m.end):
            return [m.code], "subject right after sum"
    return None


def find_funder(
    seg: Segment, ctx: DocContext, inherited: list[str] | None
) -> tuple[list[str], str]:
    """Funder codes and the rule that found them, by a cascade of rules."""
    view, money = seg.view, seg.money
    source = _source_after(seg) or _subject_after(seg)
    if source is not None:
        return source
    clause_start = money.start - len(clause_before(seg))
    if _GENERIC_FUNDERS.search(clause_before(seg)) and not any(
        is_funder_mention(m, view) for m in view.mentions if clause_start <= m.start < money.start
    ):
        return [], "several unnamed funders (allies, donors)"
    for m in reversed(
        [m for m in view.mentions if clause_start <= m.start and m.end <= money.start]
    ):
        if is_funder_mention(m, view):
            return coordinated(m, view), "nearest actor before sum"
    if inherited:
        return list(inherited), "same funder as the sum before"
    if not view.headline and cues.BACK_REFERENCE.search(clause_before(seg)):
        earlier = ctx.actors_before(view.index)
        if earlier:
            return [earlier[0]], "back-reference to the partner named before"
    if _TITLE_SUBJECT.search(clause_before(seg)) and not view.headline:
        partner = ctx.main_partner()
        if partner:
            return [partner], "official named by title: the story's partner"
    for m in view.mentions:
        after = m.start >= money.end and is_funder_mention(m, view)
        if after and not _SPEAKER_AFTER.match(view.text, m.end):
            return [m.code], "state named after sum"
    if _OWN_BUDGET.search(view.text) or _OWN_BUDGET.search(ctx.previous_text(view.index)):
        return ["UKR"], "Ukraine's own budget"
    return [], "no funder named"
