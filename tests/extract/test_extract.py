"""extract_facts as a whole: evidence offsets, order, provenance, purity (coprod.extract)."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from coprod.extract import extract_facts
from coprod.model import (
    AGREEMENT_KINDS,
    MECHANISMS,
    QUALIFIERS,
    STAGES,
    STATUSES,
    Agreement,
    Commitment,
    Document,
    Fact,
    GdpPledge,
    Target,
)
from tests.extract.support import QUICK, doc

ARTICLE = (
    "Nordic partners step up support for Ukrainian arms makers\n"
    "\n"
    "  Norway will allocate NOK 800 million to buy drones from Ukrainian producers.\n"
    "Latvia pledged 0.25% of its GDP for military aid to Ukraine. "
    "Ukraine and Sweden signed a memorandum on joint production of shells on Friday.\r\n"
    "Ukraine aims to raise over $1 billion for drones this year.\n"
    "Subscribe to our newsletter.\n"
)


def check_evidence(document: Document, facts: list[Fact]) -> None:
    """Every fact points at its evidence in the text; facts come in order of evidence."""
    for fact in facts:
        assert document.text[fact.start : fact.end] == fact.evidence
        assert fact.evidence and fact.evidence == fact.evidence.strip()
    assert all(a.start <= b.start for a, b in pairwise(facts))


def test_an_article_gives_one_fact_of_each_type_at_its_sentence() -> None:
    article = doc(ARTICLE, "2025-06-24")
    facts = extract_facts(article)
    check_evidence(article, facts)
    assert [type(f) for f in facts] == [Commitment, GdpPledge, Agreement, Target]
    commitment, pledge, agreement, target = facts
    assert commitment.evidence.startswith("Norway will allocate")
    assert isinstance(commitment, Commitment) and commitment.funder == ["NOR"]
    assert isinstance(pledge, GdpPledge) and pledge.funder == ["LVA"]
    assert isinstance(agreement, Agreement) and agreement.parties == ["SWE", "UKR"]
    assert agreement.date == "2025-06-20"
    assert isinstance(target, Target) and (target.metric, target.year) == ("funding", 2025)


def test_extractor_names_are_versioned_and_name_the_fact_type() -> None:
    facts = extract_facts(doc(ARTICLE))
    assert facts
    for fact in facts:
        name, version = fact.extractor.split("@")
        assert name == fact.type
        assert version.isdigit()


def test_vocabulary_fields_use_the_guideline_values() -> None:
    for fact in extract_facts(doc(ARTICLE)):
        assert 0 <= fact.confidence <= 1
        if isinstance(fact, Commitment):
            assert fact.qualifier in QUALIFIERS
            assert fact.mechanism in MECHANISMS and fact.status in STATUSES
        if isinstance(fact, Agreement):
            assert fact.kind in AGREEMENT_KINDS and fact.stage in (None, *STAGES)


def test_plain_text_about_something_else_gives_no_facts() -> None:
    text = (
        "City council approves new budget\n"
        "The council of Aarhus approved DKK 300 million for new bicycle lanes on Friday. "
        "The mayor said the works will begin in March 2026 and end next year."
    )
    assert extract_facts(doc(text)) == []


def test_empty_and_blank_documents_give_no_facts() -> None:
    assert extract_facts(doc("")) == []
    assert extract_facts(doc(" \n\n\t ")) == []


def test_page_furniture_is_skipped() -> None:
    text = "Subscribe now: Denmark pledged €50 million for drones for Ukraine."
    assert extract_facts(doc(text)) == []


def test_same_input_twice_gives_the_same_output() -> None:
    first = [f.to_dict() for f in extract_facts(doc(ARTICLE))]
    second = [f.to_dict() for f in extract_facts(doc(ARTICLE))]
    assert first == second


def test_without_a_publication_date_relative_dates_stay_unknown() -> None:
    text = "Ukraine and Sweden signed a memorandum on joint production of shells on Friday."
    [agreement] = extract_facts(doc(text, None))
    assert isinstance(agreement, Agreement)
    assert agreement.date is None


# Sentences of our own, some stating facts, some not, to build documents from.
SENTENCES = [
    "Norway will allocate NOK 800 million to buy drones from Ukrainian producers.",
    "Latvia pledged 0.25% of its GDP for military aid to Ukraine.",
    "Ukraine and Sweden signed a memorandum on joint production of shells on Friday.",
    "Ukraine aims to raise over $1 billion for drones this year.",
    "The country has so far given €40 million for air defence.",
    "Partners should allocate 0.25% of their GDP to Ukraine's arms industry.",
    "Fire Point has started producing missiles in Denmark.",
    "The weather in Kyiv was mild.",
    "Rheinmetall reported revenues of €9 billion.",
    "Ukrainian manufacturers will produce 4.5 million drones in 2025.",
    "Will Denmark give €50 million?",
    "Read more",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "\r\n", "\t"]


@st.composite
def documents(draw: st.DrawFn) -> Document:
    parts = draw(st.lists(st.sampled_from(SENTENCES), max_size=8))
    text = "".join(draw(st.sampled_from(SEPARATORS)) + p for p in parts)
    pub = draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))))
    return doc(text, pub.isoformat() if pub else None)


@QUICK
@given(documents())
def test_any_document_of_known_sentences_keeps_evidence_offsets_and_order(
    document: Document,
) -> None:
    facts = extract_facts(document)
    check_evidence(document, facts)
    assert all(re.fullmatch(r"[a-z_]+@\d+", f.extractor) for f in facts)
    assert [f.to_dict() for f in extract_facts(document)] == [f.to_dict() for f in facts]


@QUICK
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=12)))
def test_extract_facts_never_raises_on_arbitrary_text(text: str, pub: str | None) -> None:
    document = doc(text, pub)
    check_evidence(document, extract_facts(document))
