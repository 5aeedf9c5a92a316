"""Each document's language: the source's own word, else detected offline from its text.

Detection is py3langid (trafilatura's author's maintained fork of langid.py): a naive
Bayes model over byte n-grams that ships inside the wheel, so nothing downloads at run
time. It reads the opening of a document in well under a millisecond. A text too short
or too mixed to judge keeps `lang=None` (undetermined) rather than a guess.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from coprod.ingest.meta import primary_lang
from coprod.model import Document
from coprod.settings import Settings

DETECT_CHARS = 1_000  # an article's opening tells its language; reading more costs time only
MIN_CONFIDENCE = 0.5  # below this a short English line can read as Danish: undetermined
NO_LANGUAGE = frozenset({"zxx", "und"})  # the model's "no linguistic content", "undetermined"


@cache
def _identifier() -> Any:
    """The model, loaded once per process on first use (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when unsure."""
    opening = text[:DETECT_CHARS]
    if not any(char.isalpha() for char in opening):
        return None
    code, confidence = _identifier().classify(opening)
    if confidence < MIN_CONFIDENCE or code in NO_LANGUAGE:
        return None
    return str(code)


def with_language(doc: Document) -> Document:
    """`doc` with its language: the one its source states, else the detected one."""
    stated = primary_lang(doc.lang) if doc.lang else None
    lang = stated or detect(doc.text)
    return doc if lang == doc.lang else replace(doc, lang=lang)


def extract_languages(settings: Settings) -> frozenset[str]:
    """The languages the extraction rules read, from `settings.extract_languages`."""
    codes = (primary_lang(code) for code in settings.extract_languages.split(","))
    return frozenset(code for code in codes if code)


def should_extract(doc: Document, settings: Settings) -> bool:
    """True when the rules read `doc`'s language; an undetermined language is tried too."""
    return doc.lang is None or primary_lang(doc.lang) in extract_languages(settings)
