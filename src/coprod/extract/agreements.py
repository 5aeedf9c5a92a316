"""Agreements: deals and joint projects between Ukraine and foreign partners in defence.

A sentence is a candidate when it names a deal (agreement, memorandum, letter of intent,
contract), joint production, or a role in a capability coalition. Its kinds, stage, host,
date, companies and categories come from cue tables; its partners from the countries,
government demonyms and firms it names. One fact per partner and kind per document: the
most advanced stage stated wins.
"""

from __future__ import annotations

import re

from coprod.extract import cues
from coprod.extract.context import DocContext, SentenceView
from coprod.extract.countries import Mention
from coprod.extract.lexicon import NOT_PARTNERS
from coprod.model import Agreement

NAME = "agreement@1"
STAGE_ORDER = {
    None: 0,
    "planned": 1,
    "negotiating": 2,
    "preliminary": 3,
    "signed": 4,
    "operational": 5,
}
_COMPANY_AFTER_NOUN = re.compile(
    r"\b(?:company|companies|firm|manufacturer|maker|drone-maker|producer|vehicle-maker)\s+"
    r"((?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:,\s+(?:and\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)*"
    r"(?:,?\s+and\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)"
)
ROLE_WINDOW = 60  # characters around "which lead" that can hold the leaders' names
# Cheap first look: a sentence without any of these stems states no deal.
# Stems that each costly pattern needs: a sentence without any cannot match it.
_SAME_STEMS = ("similar", "such", "same", "comparable")
_SECURITY_STEMS = ("secur", "pact", "accord", "long-term")
_DEAL_STEMS = (
    "agree", "deal", "contract", "accord", "treat", "pact", "arrang", "partnership", "scheme",
    "mechanism", "venture", "memorand", "mou", "letter", "statement", "declaration", "intent",
)  # fmt: skip
_PRODUCTION_STEMS = (
    "produc", "manufactur", "joint", "together", "collaborat", "cooperat", "partnership",
    "line", "factor", "plant", "facilit", "locali", "licen", "venture", "develop", "subsidiar",
    "branch", "site", "workshop", "hub", "moving", "enterprise", "capacit",
)  # fmt: skip
_PURCHASE_STEMS = ("purchas", "procur", "buy", "bought", "suppl", "acqui", "sale", "order", "pay")
_ANY_TRIGGER = re.compile(
    r"agree|deal|contract|accord|treaty|pact|arrangement|partnership|memorand|MoU|letter|"
    r"statement|declaration|intent|coalition|joint|produc|manufactur|assembl|build|built|mak|"
    r"locali|licen|venture|talks|negotiat|group|line|plant|factor|facilit|subsidiar|branch",
    re.IGNORECASE,
)
# A bare "pact" with Ukraine, not about production: in this field, a security pact.
_PACT = re.compile(r"\bpacts?\b", re.IGNORECASE)
_TOWN_COUNTRY = re.compile(r"\bin [A-Z][\w-]+,\s*$")


def kinds_of(
    view: SentenceView, ctx: DocContext, coalition_doc: bool, last_kind: str | None = None
) -> list[str]:
    """The kinds of deal a sentence states; empty when it states none."""
    text = view.text
    low = text.lower()
    kinds: list[str] = []
    if not _ANY_TRIGGER.search(text):
        return kinds
    if last_kind and cues.has_stem(low, _SAME_STEMS) and cues.SAME_KIND.search(text):
        return [last_kind]
    if cues.has_stem(low, _SECURITY_STEMS) and cues.SECURITY_AGREEMENT.search(text):
        kinds.append("security")
    before = " ".join(v.text for v in ctx.sentences[max(0, view.index - 2) : view.index])
    if _coalition_role(text, coalition_doc, before):
        kinds.append("cooperation")
    purchase = cues.has_stem(low, _PURCHASE_STEMS) and bool(cues.PROCUREMENT_AGREEMENT.search(text))
    coproduction = cues.has_stem(low, _PRODUCTION_STEMS) and bool(cues.COPRODUCTION.search(text))
    if coproduction or (not purchase and _made_by_partner(view)):
        kinds.append("coproduction")
    if purchase:
        kinds.append("procurement")
    deal = not kinds and cues.has_stem(low, _DEAL_STEMS) and _is_deal(text)
    if deal and last_kind and cues.DEFINITE_DEAL.search(text):
        kinds.append(last_kind)
    elif deal and _defence_context(view, ctx):
        back = cues.BACK_TO_DEAL.search(text) and cues.PRODUCTION_VERB.search(
            ctx.previous_text(view.index)
        )
        producing = cues.PRODUCTION_VERB.search(text)
        if back or producing:
            kinds.append("coproduction")
        else:
            kinds.append("security" if _PACT.search(text) else "cooperation")
    return kinds


def _defence_context(view: SentenceView, ctx: DocContext) -> bool:
    """A deal counts when its sentence, or the one before or after, is about defence."""
    near = ctx.sentences[max(0, view.index - 1) : view.index + 2]
    return any(v.defence for v in near)


def _coalition_role(text: str, coalition_doc: bool, previous: str = "") -> bool:
    """A role in a coalition: named with the coalition, or "joined" right after it."""
    if "oalition" in text and cues.COALITION.search(text) and cues.COALITION_ROLE.search(text):
        return True
    if cues.COALITION.search(previous) and re.search(r"\bjoin(?:ed|s)\b", text):
        return True
    return coalition_doc and bool(cues.GROUP_JOINED.search(text))


def _is_deal(text: str) -> bool:
    if cues.PRELIMINARY.search(text):
        return True
    verbs = (
        cues.SIGNED.search(text) or cues.NEGOTIATING.search(text) or cues.OPERATIONAL.search(text)
    )
    return bool(cues.AGREEMENT_NOUN.search(text) and verbs)


def _made_by_partner(view: SentenceView) -> bool:
    """Production abroad, or in Ukraine by a foreign firm: either is co-production."""
    if _production_abroad(view):
        return True
    foreign_firm = any(m.form == "company" and m.code != "UKR" for m in view.mentions)
    return foreign_firm and bool(cues.MADE_IN_UKRAINE.search(view.text))


def _production_abroad(view: SentenceView) -> bool:
    """ "drones will be manufactured in Britain": production placed in a foreign country."""
    return bool(cues.PRODUCTION_VERB.search(view.text)) and _host_mention(view) is not None


def _host_mention(view: SentenceView) -> Mention | None:
    for m in view.mentions:
        if m.form == "name" and m.code != "UKR" and m.code not in NOT_PARTNERS:
            before = view.text[max(0, m.start - 40) : m.start]
            if m.place or _TOWN_COUNTRY.search(before) or before.endswith("production to "):
                return m
    return None


def find_stage(text: str) -> str | None:
    for stage, pattern in (
        ("operational", cues.OPERATIONAL),
        ("preliminary", cues.PRELIMINARY),
        ("negotiating", cues.NEGOTIATING),
        ("signed", cues.SIGNED),
        ("planned", cues.PLANNED),
    ):
        if pattern.search(text):
            return stage
    return None


def _is_party(m: Mention, text: str, kind: str) -> bool:
    """A foreign state or firm acting in the deal; a country named as a place is a party
    only as the host of joint production ("production lines in Denmark")."""
    if m.code == "UKR" or m.code in NOT_PARTNERS or m.attribute or m.form == "org":
        return False
    if m.form == "demonym":
        return m.government or bool(cues.DEMONYM_PARTY.match(text, m.end))
    if m.place:
        return m.form == "name" and kind == "coproduction"
    return True


def _role_window(view: SentenceView, kind: str) -> tuple[int, int]:
    """In a list of a coalition's members, only those named beside their role count."""
    text = view.text
    if kind != "cooperation" or not cues.MEMBER_LIST.search(text):
        return 0, len(text)
    roles = list(cues.COALITION_ROLE.finditer(text))
    if not roles:
        return 0, 0
    role = roles[-1]
    return max(0, role.start() - ROLE_WINDOW), role.end() + ROLE_WINDOW


def find_parties(
    view: SentenceView, ctx: DocContext, kind: str = "cooperation"
) -> tuple[list[str], str]:
    codes = []
    lo, hi = _role_window(view, kind)
    for m in view.mentions:
        if lo <= m.start < hi and _is_party(m, view.text, kind) and m.code not in codes:
            codes.append(m.code)
    if codes:
        return codes, "named in sentence"
    if view.headline:
        return [], "no partner named in a headline"
    if cues.DEICTIC_PARTIES.search(view.text) or _strong(view.text):
        earlier = ctx.actors_before(view.index, window=2)
        partner = earlier[0] if earlier else ctx.main_partner()
        if partner:
            return [partner], "partner named earlier in the document"
    return [], "no partner named"


def _strong(text: str) -> bool:
    """A deal stated as done or formally begun, whose partner may be named just before."""
    return bool(cues.PRELIMINARY.search(text) or cues.SIGNED.search(text)) and bool(
        cues.AGREEMENT_NOUN.search(text) or cues.PRELIMINARY.search(text)
    )


def find_host(view: SentenceView) -> str | None:
    if cues.HOST_PHRASE.search(view.text):
        phrase = cues.HOST_PHRASE.search(view.text)
        assert phrase is not None
        if re.search(r"Ukraine|our country", phrase.group()):
            return "UKR"
    m = _host_mention(view)
    return m.code if m else None


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")  # page metadata, not a date the prose states


# "since January", "by 2026": a bound of a period, not the day a deal was made.
_NOT_A_DEAL_DATE = re.compile(
    r"\b(?:since|until|by|before)\s+\S*$|^\S*\s*(?:since|until|by|before)\b"
)


def find_date(view: SentenceView) -> str | None:
    for d in view.dates:
        if _ISO_DATE.fullmatch(view.text[d.start : d.end]):
            continue
        around = view.text[max(0, d.start - 8) : d.start + 6].lower()
        if not _NOT_A_DEAL_DATE.search(around):
            return d.value
    return None


def find_companies(view: SentenceView) -> list[str]:
    names = [view.text[m.start : m.end] for m in view.mentions if m.form == "company"]
    for m in _COMPANY_AFTER_NOUN.finditer(view.text):
        for name in re.split(r",\s+(?:and\s+)?|,?\s+and\s+", m.group(1)):
            if name and name not in names and not _is_country_word(name):
                names.append(name)
    return names


def _is_country_word(name: str) -> bool:
    return name.split()[0] in ("Ukraine", "Ukrainian", "The", "A", "An")


def _categories(text: str) -> list[str]:
    return [v for v, p in cues.CATEGORY_CUES if p.search(text)]


def _merge(found: dict[tuple[str, str], Agreement], fact: Agreement) -> None:
    """One fact per partner and kind: keep the most advanced stage, fill gaps."""
    key = (fact.parties[0] if fact.parties[0] != "UKR" else fact.parties[-1], fact.kind)
    known = found.get(key)
    if known is None:
        found[key] = fact
        return
    if STAGE_ORDER[fact.stage] > STAGE_ORDER[known.stage]:
        fact.host = fact.host or known.host
        fact.date = fact.date or known.date
        found[key] = fact
    else:
        known.host = known.host or fact.host
        known.date = known.date or fact.date


def _build(view: SentenceView, party: str, kind: str, rule: str) -> Agreement:
    start, end = view.span(0, len(view.text))
    host = find_host(view) if kind == "coproduction" else None
    return Agreement(
        parties=sorted({party, "UKR"}),
        kind=kind,
        stage=find_stage(view.text),
        host=host,
        companies=find_companies(view),
        categories=_categories(view.text),
        date=find_date(view),
        evidence=view.text,
        start=start,
        end=end,
        confidence=0.7 if rule == "named in sentence" else 0.45,
        extractor=NAME,
        notes=[f"parties: {rule}"],
    )


def find_agreements(ctx: DocContext) -> list[Agreement]:
    # Every agreement is one with Ukraine or Ukrainian firms; a text that never names Ukraine
    # can still report a role in a coalition for it.
    about_ukraine = any(m.code == "UKR" for v in ctx.sentences for m in v.mentions)
    coalition_doc = any(cues.COALITION.search(v.text) for v in ctx.sentences)
    found: dict[tuple[str, str], Agreement] = {}
    last_kind: str | None = None
    for view in ctx.sentences:
        if view.text.rstrip().endswith("?"):
            continue
        kinds = kinds_of(view, ctx, coalition_doc, last_kind)
        if not about_ukraine:
            kinds = ["cooperation"] if _coalition_role(view.text, coalition_doc) else []
        if not kinds:
            continue
        for kind in kinds:
            parties, rule = find_parties(view, ctx, kind)
            for party in parties:
                _merge(found, _build(view, party, kind, rule))
                last_kind = kind
    return sorted(found.values(), key=lambda f: f.start)
