"""Each document's language: the source's word kept, else detected offline, else unknown."""

from __future__ import annotations

import time

from coprod.ingest.language import (
    DETECT_CHARS,
    detect,
    extract_languages,
    should_extract,
    with_language,
)
from coprod.model import Document
from coprod.settings import Settings
from tests.ingest.wire import ORIGINAL, POLISH, UKRAINIAN


def test_articles_are_detected_in_their_language() -> None:
    assert (detect(ORIGINAL), detect(UKRAINIAN), detect(POLISH)) == ("en", "uk", "pl")


def test_a_text_too_short_or_without_words_is_undetermined() -> None:
    assert detect("Denmark and Ukraine signed a deal.") is None  # reads as Danish, unsure
    assert detect("12 345 — 2025") is None
    assert detect("") is None


def test_the_source_s_own_language_is_kept_in_its_primary_form() -> None:
    stated = Document(id="d", text=UKRAINIAN, lang="en-GB")  # the source is trusted
    assert with_language(stated).lang == "en"
    already = Document(id="d", text=ORIGINAL, lang="en")
    assert with_language(already) is already


def test_a_missing_language_is_detected() -> None:
    assert with_language(Document(id="d", text=POLISH)).lang == "pl"
    assert with_language(Document(id="d", text="Rheinmetall")).lang is None  # a name alone


def test_only_the_languages_the_rules_read_are_extracted() -> None:
    settings = Settings()
    assert should_extract(Document(id="d", text="", lang="en"), settings)
    assert not should_extract(Document(id="d", text="", lang="uk"), settings)
    assert should_extract(Document(id="d", text="", lang=None), settings)  # undetermined: tried
    both = Settings(extract_languages="en, pl-PL")
    assert extract_languages(both) == {"en", "pl"}
    assert should_extract(Document(id="d", text="", lang="pl"), both)


def test_detection_reads_only_the_opening_and_is_fast() -> None:
    long_text = ORIGINAL * 50
    detect(long_text)  # the model loads on first use
    start = time.perf_counter()
    for _ in range(50):
        detect(long_text)
    per_doc = (time.perf_counter() - start) / 50
    assert len(long_text) > 10 * DETECT_CHARS
    assert per_doc < 0.005  # about 0.7 ms measured; the bound leaves room for a slow machine
