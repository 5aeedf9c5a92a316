"""Targets and GDP pledges: programme goals and shares of GDP.

A target is a goal or headline figure that is not one funder's money: a sum to raise
("aims to raise over $1 billion"), a share of partners' GDP asked for, a number of projects,
the share of weapons made in Ukraine, or units to produce. A share of GDP that one named
funder pledges is a `gdp_pledge`; the same share asked of partners is a target.
"""

from __future__ import annotations

import re

from coprod.extract import cues
from coprod.extract.context import DocContext, SentenceView
from coprod.extract.funders import coordinated, is_funder_mention
from coprod.extract.lexicon import NUMBER_WORDS, QUALIFIER_WORDS, TENS_WORDS, UNIT_WORDS
from coprod.extract.money import parse_number
from coprod.model import GdpPledge, Target

NAME = "target@1"
GDP_NAME = "gdp_pledge@1"
MAX_GDP_SHARE = (
    5.0  # a pledge to Ukraine above 5% of GDP is a misreading (NATO's own-spending goal)
)

_QUAL = (
    "(?i:" + "|".join(re.escape(q) for q in sorted(QUALIFIER_WORDS, key=len, reverse=True)) + ")"
)
_TENS = "|".join(TENS_WORDS)
_UNITS = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_WORD_NUMBER = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_UNITS}|a dozen|dozens|a hundred)"
# A figure: digits not glued to letters (a model name "L119", "TB2"), or number words.
_NUMBER = rf"(?<![\w.-])\d[\d,]*(?:\.\d+)?(?![\w-])|(?<![\w-])(?i:{_WORD_NUMBER})\b"
_GDP = re.compile(
    r"(?P<pct>\d+(?:[.,]\d+)?)\s*(?:%|percent|per cent)\s+of\s+(?:(?:its|their|the country's|"
    r"the country’s|our|national|annual|the|[A-Z][a-z]+(?:'s|’s)|[A-Z][a-z]+ian|[A-Z][a-z]+ish|"
    r"Dutch|French|Greek|Swiss)\s+)*(?:GDP|gross domestic product)",
    re.IGNORECASE,
)
_CALL_ON_PARTNERS = re.compile(
    r"\b(?:partner (?:countries|states|nations)|partners|allies|all (?:countries|states)|"
    r"each (?:country|partner|ally)|every (?:country|partner|ally)|should|called on|calls on|"
    r"urged|urges|asks?|asked|necessity|proposed?|aims? for|invited)\b",
    re.IGNORECASE,
)
_UKRAINE_SUPPORT = re.compile(
    r"\b(?:Ukrain\w*|Kyiv|military aid|defen[cs]e assistance|military assistance|"
    r"military support|aid to|support for)\b",
    re.IGNORECASE,
)
_ANNUAL = re.compile(r"\b(?:annual\w*|per year|a year|each year|every year|yearly|until 20\d\d)\b")
_ONCE = re.compile(r"\b(?:one-off|one-time|once|single)\b", re.IGNORECASE)
_PROJECTS = re.compile(
    rf"(?:(?P<q>{_QUAL})\s+)?(?P<n>{_NUMBER})\s+(?:(?!(?:on|of|for|to|with|and|in)\b)[\w-]+\s+){{0,3}}?"
    r"(?P<noun>initiatives|projects|facilities|joint ventures|production lines|factories|plants)\b",
    re.IGNORECASE,
)
_PROJECT_CONTEXT = re.compile(
    r"\b(?:locali[sz]\w+|production|produc\w+|joint ventures?|abroad|factor\w+|manufactur\w+)\b",
    re.IGNORECASE,
)
_DOMESTIC = re.compile(
    rf"(?:(?P<q>{_QUAL})\s+)?(?:(?P<n>\d+(?:[.,]\d+)?)\s*(?:%|percent|per cent)|"
    r"(?P<word>half|a third|one third|a quarter|two thirds|three quarters))\s+of\s+"
    r"(?:[\w’'-]+\s+){0,5}?(?P<noun>weapons|armed forces|forces|needs|equipment|arms|"
    r"ammunition|military|Armed Forces|AFU|what (?:its|the|our) (?:army|forces|troops|military)|"
    r"arsenal)\b",
)
_DOMESTIC_CONTEXT = re.compile(
    r"\b(?:Ukrainian(?:-made)?|domestic\w*|locally|own|made in Ukraine|our (?:defen[cs]e )?"
    r"industry|local|home-?made|Ukraine (?:now )?(?:builds|produces|makes|manufactures))\b",
    re.IGNORECASE,
)
_OUTPUT = re.compile(
    rf"(?:(?P<q>{_QUAL})\s+)?(?P<n>{_NUMBER})(?:\s*(?P<scale>million|thousand))?\s+(?!mm\b|-mm)"
    r"(?P<unit>(?:[\w\"“”-]+\s+){0,3}?(?:drones|UAVs|howitzers|shells|missiles|rounds|"
    r"vehicles|tanks|interceptors|rockets|mortars|guns))\b"
)
_COUNTERFACTUAL = re.compile(r"\b(?:could have|would have|might have)\b", re.IGNORECASE)


def _qualifier(raw: str | None) -> str:
    return QUALIFIER_WORDS.get((raw or "").lower(), "exact")


def parse_count(raw: str) -> float:
    """'21', '1,500', 'ten', 'twenty-one', 'Twenty one' -> the number."""
    phrase = " ".join(raw.lower().replace("-", " ").split())
    if phrase in NUMBER_WORDS:
        return float(NUMBER_WORDS[phrase])
    words = phrase.split()
    if words and all(w in NUMBER_WORDS for w in words):
        return float(sum(NUMBER_WORDS[w] for w in words))
    return parse_number(raw.replace(",", ""))


def _year(view: SentenceView) -> int | None:
    for d in view.dates:
        if len(d.value) == 4 and not view.text[
            max(0, d.start - 6) : d.start
        ].lower().strip().endswith("since"):
            return int(d.value)
    return None


def _subject(view: SentenceView) -> str | None:
    if re.search(r"\b(?:Ukrain\w*|Kyiv|Zelensk\w*|we|our)\b", view.text):
        return "UKR"
    actors = [m.code for m in view.mentions if is_funder_mention(m, view)]
    return actors[0] if actors else None


def _mechanism(text: str) -> str | None:
    for value, pattern in cues.MECHANISM_CUES:
        if value in ("ukrainian_industry", "coproduction") and pattern.search(text):
            return value
    return None


def _target(view: SentenceView, metric: str, value: float, unit: str | None, q: str) -> Target:
    start, end = view.span(0, len(view.text))
    return Target(
        subject=_subject(view),
        metric=metric,
        value=value,
        unit=unit,
        qualifier=q,
        mechanism=_mechanism(view.text),
        year=_year(view),
        evidence=view.text,
        start=start,
        end=end,
        confidence=0.6,
        extractor=NAME,
    )


def _funding_targets(view: SentenceView, ctx: DocContext) -> list[Target]:
    out = []
    for i, money in enumerate(view.money):
        lo = view.money[i - 1].end if i else 0
        if money.currency and cues.FUNDING_TARGET.search(view.text[lo : money.start][-70:]):
            out.append(_target(view, "funding", money.amount, money.currency, money.qualifier))
    if cues.NON_DEFENCE_PURPOSE.search(view.text) and not cues.DEFENCE.search(view.text):
        return []
    near = ctx.sentences[max(0, view.index - 1) : view.index + 2]
    return out if out and any(v.defence for v in near) else []


def _gdp_targets(view: SentenceView, ctx: DocContext) -> tuple[list[Target], list[GdpPledge]]:
    targets: list[Target] = []
    pledges: list[GdpPledge] = []
    low = view.text.lower()
    if "gdp" not in low and "gross domestic" not in low:
        return targets, pledges
    for m in _GDP.finditer(view.text):
        share = parse_number(m.group("pct"))
        if share > MAX_GDP_SHARE or not _UKRAINE_SUPPORT.search(view.text):
            continue
        funders = _gdp_funders(view, ctx, m.start())
        if funders and not _CALL_ON_PARTNERS.search(view.text[: m.start()]):
            pledges.extend(_pledge(view, funder, share) for funder in funders)
        elif _CALL_ON_PARTNERS.search(view.text):
            targets.append(_target(view, "gdp_share", share, "percent", "exact"))
    return targets, pledges


def _gdp_funders(view: SentenceView, ctx: DocContext, pos: int) -> list[str]:
    """Each funder that pledges the share ("Lithuania and Estonia have each pledged")."""
    before = [m for m in view.mentions if m.end <= pos and is_funder_mention(m, view)]
    if before:
        return coordinated(before[-1], view)
    if cues.BACK_REFERENCE.search(view.text[:pos]):
        earlier = ctx.actors_before(view.index)
        return earlier[:1]
    return []


def _pledge(view: SentenceView, funder: str, share: float) -> GdpPledge:
    start, end = view.span(0, len(view.text))
    once = _ONCE.search(view.text) and not _ANNUAL.search(view.text)
    return GdpPledge(
        funder=[funder],
        share_pct=share,
        period="once" if once else "annual",
        evidence=view.text,
        start=start,
        end=end,
        confidence=0.7,
        extractor=GDP_NAME,
    )


_ANY_COUNT = re.compile(
    r"\d|\b(?:" + "|".join([*NUMBER_WORDS, "half", "third", "quarter"]) + r")\b", re.IGNORECASE
)


def _count_targets(view: SentenceView) -> list[Target]:
    text = view.text
    low = text.lower()
    out: list[Target] = []
    if not _ANY_COUNT.search(text):
        return out
    if cues.has_stem(low, _PROJECT_NOUNS) and _PROJECT_CONTEXT.search(text):
        for m in _PROJECTS.finditer(text):
            of_the = text[m.end("n") :].lstrip().lower().startswith("of ")
            if not _inside_money_or_date(view, m.start("n")) and not of_the:
                value = parse_count(m.group("n"))
                out.append(_target(view, "projects", value, "count", _qualifier(m.group("q"))))
    shares = "%" in text or "per" in low or any(w in low for w in ("half", "third", "quarter"))
    if shares and _DOMESTIC_CONTEXT.search(text):
        for m in _DOMESTIC.finditer(text):
            if m.group("n") and _GDP.match(text, m.start("n")):
                continue
            if m.group("word") and m.group("noun").lower() in _NOT_ARMS:
                continue  # "a third of the needs": a budget's coverage, not weapons made
            value = _share(m)
            out.append(_target(view, "domestic_share", value, "percent", _qualifier(m.group("q"))))
    if cues.has_stem(low, _OUTPUT_NOUNS) and _is_ukraines_output(text):
        for m in _OUTPUT.finditer(text):
            if _inside_money_or_date(view, m.start("n")) or _bought_by_partner(view, m.start()):
                continue
            scale = {"million": 1_000_000, "thousand": 1_000}.get(m.group("scale") or "", 1)
            value = parse_count(m.group("n")) * scale
            unit = m.group("unit").replace("“", "").replace("”", "").replace('"', "")
            out.append(_target(view, "output", value, unit, _qualifier(m.group("q"))))
    return out


_PROJECT_NOUNS = ("initiative", "project", "facilit", "venture", "line", "factor", "plant")
_OUTPUT_NOUNS = (
    "drone", "uav", "howitzer", "shell", "missile", "round", "vehicle", "tank", "interceptor",
    "rocket", "mortar", "gun",
)  # fmt: skip


_UKRAINE_SIDE = re.compile(r"\b(?:Ukrain\w*|Kyiv|we|our)\b", re.IGNORECASE)
_UKRAINE_PROCURES = re.compile(
    r"^(?:[\w’'-]+\s+){0,4}?(?:Ukraine|Kyiv|Ukrainian (?:army|forces|military|government|ministry)|"
    r"the Ukrainian \w+|we)\b[^.]{0,60}?\b"
    r"(?:procure[sd]?|procuring|supplied|bought|buy|purchased?)\b",
    re.IGNORECASE,
)
_GOAL = re.compile(
    r"\b(?:goal|target|aims?|plans?|planned|intends?|wants?|seeks?)\b", re.IGNORECASE
)
_PAYS_FOR = re.compile(
    r"\b(?:pay|pays|paid|paying|fund|funds|funded|finance|finances|buy|buys|bought|order|ordered|"
    r"supply|supplies|deliver|delivers|send|sends|donate|donates)\s+(?:for\s+)?(?:another\s+|"
    r"an additional\s+|the\s+)?$",
    re.IGNORECASE,
)
_OWN_FORCES = re.compile(r"\b(?:its|their) own (?:army|forces|military|armed forces|use)\b")


_NOT_ARMS = ("needs", "forces", "armed forces", "military")  # shares in words need weapons named
_SHARE_WORDS = {
    "half": 50.0,
    "a third": 33.3,
    "one third": 33.3,
    "a quarter": 25.0,
    "two thirds": 66.7,
    "three quarters": 75.0,
}


def _share(m: re.Match[str]) -> float:
    """ "40%" -> 40; "half" -> 50 (a share written in words)."""
    if m.group("n"):
        return parse_number(m.group("n"))
    return _SHARE_WORDS[m.group("word").lower()]


def _is_ukraines_output(text: str) -> bool:
    """Production Ukraine does or gets, stated as a fact or a goal, not a partner's own;
    or units Ukraine itself procures ("Ukraine plans to procure 4.5 million drones")."""
    if _COUNTERFACTUAL.search(text) or _OWN_FORCES.search(text):
        return False
    if cues.PRODUCTION_VERB.search(text) or _GOAL.search(text):
        return bool(_UKRAINE_SIDE.search(text))
    return bool(_UKRAINE_PROCURES.search(text))


def _bought_by_partner(view: SentenceView, pos: int) -> bool:
    """ "Oslo will pay for 24 mortars made in Ukraine": a partner's purchase, not an output."""
    clause = view.text[:pos]
    if _PAYS_FOR.search(clause[-40:]):
        return True
    return any(is_funder_mention(m, view) for m in view.mentions if m.end <= pos) and not any(
        m.code == "UKR" and m.end <= pos for m in view.mentions
    )


def _inside_money_or_date(view: SentenceView, pos: int) -> bool:
    spans = [(x.start, x.end) for x in view.money] + [(d.start, d.end) for d in view.dates]
    return any(s <= pos < e for s, e in spans)


def find_targets(ctx: DocContext) -> tuple[list[Target], list[GdpPledge]]:
    """Targets and GDP pledges of the document, each figure once."""
    targets: dict[tuple[str, float], Target] = {}
    pledges: dict[tuple[str, float], GdpPledge] = {}
    for view in ctx.sentences:
        if view.text.rstrip().endswith("?"):
            continue
        gdp_targets, gdp_pledges = _gdp_targets(view, ctx)
        for t in _funding_targets(view, ctx) + gdp_targets + _count_targets(view):
            targets.setdefault((t.metric, round(t.value, 2)), t)
        for p in gdp_pledges:
            pledges.setdefault((p.funder[0], p.share_pct), p)
    return list(targets.values()), list(pledges.values())
