"""Hand-made fact dicts (GUIDELINE.md's shape) and hypothesis strategies for them."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

Fact = dict[str, Any]


def commitment(
    funder: tuple[str, ...] = ("LTU",),
    amount: float = 20_000_000,
    currency: str = "EUR",
    **extra: Any,
) -> Fact:
    fact: Fact = {"type": "commitment", "funder": list(funder), "amount": amount}
    fact |= {"currency": currency, "alt": [], "mechanism": "ukrainian_industry"}
    return fact | {"status": "allocated", "cumulative": False, "evidence": "e"} | extra


def gdp_pledge(funder: tuple[str, ...] = ("LTU",), share: float = 0.25, **extra: Any) -> Fact:
    fact: Fact = {"type": "gdp_pledge", "funder": list(funder), "share_pct": share}
    return fact | {"period": "annual", "evidence": "e"} | extra


def agreement(
    parties: tuple[str, ...] = ("DNK", "UKR"), kind: str = "coproduction", **extra: Any
) -> Fact:
    fact: Fact = {"type": "agreement", "parties": list(parties), "kind": kind}
    return fact | {"stage": "signed", "host": "DNK", "date": "2025-07-04", "evidence": "e"} | extra


def target(metric: str = "funding", value: float = 1e9, **extra: Any) -> Fact:
    fact: Fact = {"type": "target", "subject": "UKR", "metric": metric, "value": value}
    return fact | {"unit": "USD", "evidence": "e"} | extra


def record(doc_id: str, *facts: Fact) -> dict[str, Any]:
    return {"id": doc_id, "facts": list(facts)}


# Small vocabularies, so that generated facts often match, nearly match or tie.
_codes = st.lists(st.sampled_from(["DNK", "LTU", "NOR", "UKR"]), max_size=2, unique=True)
_money = st.sampled_from([1_000_000, 1_004_000, 1_009_000, 2_000_000])
_money_facts = st.builds(
    lambda funder, amount, currency, alt, mechanism, status, cumulative: commitment(
        tuple(funder),
        amount,
        currency,
        alt=alt,
        mechanism=mechanism,
        status=status,
        cumulative=cumulative,
    ),
    _codes,
    _money,
    st.sampled_from(["EUR", "USD"]),
    st.lists(st.tuples(_money, st.sampled_from(["EUR", "USD"])), max_size=1),
    st.sampled_from(["fund", "loan", None]),
    st.sampled_from(["pledged", "allocated"]),
    st.booleans(),
)
_deal_facts = st.builds(
    lambda parties, kind, stage, host, date: agreement(
        tuple(parties), kind, stage=stage, host=host, date=date
    ),
    _codes,
    st.sampled_from(["coproduction", "security"]),
    st.sampled_from(["signed", "planned", None]),
    st.sampled_from(["DNK", None]),
    st.sampled_from(["2025-07-04", "2024", None]),
)
_pledge_facts = st.builds(
    lambda funder, share: gdp_pledge(tuple(funder), share), _codes, st.sampled_from([0.25, 0.3])
)
_target_facts = st.builds(
    target, st.sampled_from(["funding", "projects"]), st.sampled_from([10, 21, 1e9])
)
facts = st.one_of(_money_facts, _deal_facts, _pledge_facts, _target_facts)
fact_lists = st.lists(facts, max_size=6)


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dict[str, str | None]]:
    """Gold-like records over a few documents, and each document's language."""
    count = draw(st.integers(min_value=0, max_value=4))
    records = [record(f"d{i}", *draw(fact_lists)) for i in range(count)]
    langs = {r["id"]: draw(st.sampled_from(["en", "de", None])) for r in records}
    return records, langs


# What a near-miss prediction may change in a gold fact, by type.
_CHANGES: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "commitment": {
        "amount": _money,
        "mechanism": st.sampled_from(["fund", "loan"]),
        "status": st.sampled_from(["pledged", "allocated"]),
    },
    "agreement": {
        "kind": st.sampled_from(["coproduction", "security"]),
        "stage": st.sampled_from(["signed", "planned"]),
        "date": st.sampled_from(["2025-07-04", None]),
    },
    "gdp_pledge": {"share_pct": st.sampled_from([0.25, 0.3])},
    "target": {"value": st.sampled_from([10, 21])},
}


@st.composite
def predictions(draw: st.DrawFn, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records like a real extractor's: some gold facts, some changed a little, some extra."""
    out = []
    for gold_record in gold:
        kept = [f for f in gold_record["facts"] if draw(st.booleans())]
        changed = [f | _changes(draw, f["type"]) for f in kept]
        out.append(record(gold_record["id"], *changed, *draw(st.lists(facts, max_size=2))))
    return out


def _changes(draw: st.DrawFn, fact_type: str) -> dict[str, Any]:
    options = _CHANGES[fact_type]
    names = draw(st.lists(st.sampled_from(sorted(options)), unique=True, max_size=2))
    return {name: draw(options[name]) for name in names}
