"""Money in the forms the news writes it: "€1.4 billion", "20 million euros ($21 million)",
"EUR 597 million", "$2.8bn", "DKK 1.2 billion", "1.5 billion hryvnias", "€2.5–3 billion".

`find_money(text)` returns every amount with its currency, qualifier and the conversions the
text gives beside it in brackets (`alt`). A bare "372 million" takes the currency of the
amount written before it in the same sentence, as lists of sums do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coprod.extract.lexicon import (
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    KRONER_BY_COUNTRY,
    QUALIFIER_WORDS,
    SCALES,
)
from coprod.extract.trie import trie_pattern

NAME = "money@1"


@dataclass
class Money:
    start: int
    end: int
    amount: float
    currency: str | None
    qualifier: str = "exact"
    alt: list[tuple[float, str]] = field(default_factory=list)
    bare: bool = False  # no currency written; inherited from an earlier amount


def _alternation(words: list[str]) -> str:
    return trie_pattern(words)


_DIGIT = re.compile(r"\d")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?"
_LONG_SCALE = r"million|billion|thousand|trillion|mln|bln|bn|mn|tn"
_SHORT_SCALE = r"bn|mn|mln|bln|m|b|k|tn"
_SCALE = rf"(?:[\s-]*(?:{_LONG_SCALE})\b|(?:{_SHORT_SCALE})\b)"
_RANGE = rf"(?:\s*(?:–|-|—|to)\s*(?P<hi>{_NUM}))?"
_PREFIX = _alternation(list(CURRENCY_PREFIXES))
_WORDS = _alternation(list(CURRENCY_WORDS))

_PREFIXED = re.compile(
    rf"(?<![A-Za-z])(?P<cur>{_PREFIX})\s?(?P<num>{_NUM}){_RANGE}(?P<scale>{_SCALE})?(?![\w%])"
)
_SUFFIXED = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_NUM}){_RANGE}(?P<scale>{_SCALE})?\s*(?P<word>{_WORDS})\b"
)
_BARE = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_NUM})(?P<scale>\s*(?:million|billion|mln|bln|bn|mn)\b)"
    r"(?=\s*(?:for|to|in|annually|a year|per|each|from|this|that|will|was|is|and|[,.;)—–-]|$))"
)
_QUALIFIER = re.compile(rf"(?:{_alternation(list(QUALIFIER_WORDS))})\s*$", re.IGNORECASE)
_ALT_OPEN = re.compile(
    r"\s*[(\[]\s*(?:or\s+|about\s+|approximately\s+|approx\.\s+|roughly\s+|around\s+|some\s+"
    r"|nearly\s+|almost\s+|over\s+|more than\s+|equivalent to\s+|~\s*)?"
)
_ALT_CLOSE = re.compile(r"\s*[)\]]")
_ALT_OR = re.compile(
    r",?\s*(?:or|i\.e\.|that is)\s+(?:about|approximately|roughly|around|some|nearly|almost)?\s*"
)


def parse_number(num: str) -> float:
    """'1,400' -> 1400; '1,4' (decimal comma) -> 1.4; '2.7' -> 2.7."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", num):
        return float(num.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+", num):
        return float(re.sub(r"\D", "", num))
    return float(num.replace(",", "."))


def _scale(raw: str | None) -> int:
    if not raw:
        return 1
    return SCALES.get(raw.strip(" -\u00a0").lower(), 1)


def _amount(m: re.Match[str]) -> float:
    value = parse_number(m.group("num")) * _scale(m.group("scale"))
    return float(round(value, 2))


def _qualifier(text: str, start: int, ranged: bool) -> str:
    if ranged:
        return "over"
    m = _QUALIFIER.search(text[max(0, start - 20) : start])
    return QUALIFIER_WORDS[m.group().strip().lower()] if m else "exact"


def _kroner(word: str, text: str, start: int) -> str:
    """Bare "kroner"/"kronor" follows the country named nearest before it."""
    window = text[max(0, start - 300) : start]
    for code, name in (("NOR", "Norw"), ("SWE", "Swed"), ("ISL", "Icel"), ("DNK", "Dan")):
        if name in window[-120:]:
            return KRONER_BY_COUNTRY[code]
    return CURRENCY_WORDS[word]


def _currency(m: re.Match[str], text: str) -> str:
    groups = m.groupdict()
    if groups.get("cur"):
        return CURRENCY_PREFIXES[groups["cur"]]
    word = groups["word"]
    if word in ("kroner", "kronor"):
        return _kroner(word, text, m.start())
    return CURRENCY_WORDS[word]


def _raw_mentions(text: str) -> list[Money]:
    found: list[Money] = []
    for pattern in (_PREFIXED, _SUFFIXED):
        for m in pattern.finditer(text):
            ranged = m.group("hi") is not None
            qualifier = _qualifier(text, m.start(), ranged)
            found.append(Money(m.start(), m.end(), _amount(m), _currency(m, text), qualifier))
    return _without_overlaps(found)


def _without_overlaps(found: list[Money]) -> list[Money]:
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Money] = []
    for money in found:
        if out and money.start < out[-1].end:
            continue
        out.append(money)
    return out


def _bare_mentions(text: str, known: list[Money]) -> list[Money]:
    """Amounts with no currency written, following a currency amount in the same sentence."""
    out: list[Money] = []
    for m in _BARE.finditer(text):
        if any(k.start <= m.start() < k.end for k in known):
            continue
        before = [k for k in known if k.end <= m.start() and "\n" not in text[k.end : m.start()]]
        if not before or _sentence_break(text[before[-1].end : m.start()]):
            continue
        qualifier = _qualifier(text, m.start(), False)
        out.append(Money(m.start(), m.end(), _amount(m), before[-1].currency, qualifier, bare=True))
    return out


def _sentence_break(gap: str) -> bool:
    return bool(re.search(r"[.!?]\s+[A-Z]", gap))


def _attach_alts(text: str, mentions: list[Money]) -> list[Money]:
    """Fold "(≈ $21 million)" into the amount before it as a conversion."""
    out: list[Money] = []
    for money in mentions:
        prev = out[-1] if out else None
        if prev is not None and _is_alt_of(text, prev, money):
            prev.alt.append((money.amount, money.currency or ""))
            prev.end = max(prev.end, _alt_close(text, money.end))
            continue
        out.append(money)
    return out


def _is_alt_of(text: str, prev: Money, money: Money) -> bool:
    """ "€20 million ($21 million)" or "NOK 2 billion, or about €170 million"."""
    m = _ALT_OPEN.match(text, prev.end)
    if m is not None and m.end() == money.start and _alt_close(text, money.end) > money.end:
        return True
    m = _ALT_OR.match(text, prev.end)
    return m is not None and m.end() == money.start and money.currency != prev.currency


def _alt_close(text: str, pos: int) -> int:
    m = _ALT_CLOSE.match(text, pos)
    return m.end() if m else pos


def find_money(text: str) -> list[Money]:
    """Every sum of money in `text`, in order, conversions folded into `alt`."""
    if not _DIGIT.search(text):
        return []
    mentions = _raw_mentions(text)
    mentions = sorted(mentions + _bare_mentions(text, mentions), key=lambda x: x.start)
    return _fold_ranges(text, _attach_alts(text, mentions))


_RANGE_GAP = re.compile(r"\s*(?:–|-|—|to)\s*$")


def _fold_ranges(text: str, mentions: list[Money]) -> list[Money]:
    """ "€2.5 billion–€3 billion": one sum, the lower figure, qualifier over."""
    out: list[Money] = []
    for money in mentions:
        prev = out[-1] if out else None
        gap = text[prev.end : money.start] if prev else ""
        if prev and prev.currency == money.currency and _RANGE_GAP.fullmatch(gap) and gap:
            prev.end, prev.qualifier = money.end, "over"
            prev.amount = min(prev.amount, money.amount)
            continue
        out.append(money)
    return out
