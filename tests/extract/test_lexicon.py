"""The word lists keep the codes GUIDELINE.md asks for (coprod.extract.lexicon)."""

from __future__ import annotations

import re

from coprod.extract.lexicon import (
    COMPANIES,
    COUNTRIES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    KRONER_BY_COUNTRY,
    NOT_PARTNERS,
    OFFICIALS,
    ORGANISATIONS,
    QUALIFIER_WORDS,
)
from coprod.model import QUALIFIERS

ISO3 = re.compile(r"[A-Z]{3}")


def test_country_codes_are_iso3_and_organisation_codes_upper_case() -> None:
    assert all(ISO3.fullmatch(code) for code in COUNTRIES)
    assert all(code.isupper() for code in ORGANISATIONS)
    assert set(COUNTRIES) >= NOT_PARTNERS


def test_firms_and_officials_point_at_known_codes() -> None:
    known = set(COUNTRIES) | set(ORGANISATIONS)
    assert set(COMPANIES.values()) <= known
    assert set(OFFICIALS.values()) <= known


def test_no_name_stands_for_two_codes() -> None:
    seen: dict[str, str] = {}
    tables = [
        (code, surface) for code, forms in COUNTRIES.items() for group in forms for surface in group
    ]
    tables += [(code, s) for code, surfaces in ORGANISATIONS.items() for s in surfaces]
    tables += [(code, s) for s, code in (*COMPANIES.items(), *OFFICIALS.items())]
    for code, surface in tables:
        assert seen.setdefault(surface, code) == code, surface


def test_currencies_are_iso_4217_codes() -> None:
    codes = [*CURRENCY_PREFIXES.values(), *CURRENCY_WORDS.values(), *KRONER_BY_COUNTRY.values()]
    assert all(ISO3.fullmatch(code) for code in codes)
    assert set(KRONER_BY_COUNTRY) <= set(COUNTRIES)


def test_qualifier_words_are_lower_case_and_map_to_guideline_values() -> None:
    assert set(QUALIFIER_WORDS.values()) <= set(QUALIFIERS) - {"exact"}
    assert all(word == word.lower() for word in QUALIFIER_WORDS)
