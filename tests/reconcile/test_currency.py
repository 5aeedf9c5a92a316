"""Conversions at the ECB rate of the day, checked against the shipped ECB data itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from currency_converter import CurrencyConverter, RateNotFoundError
from hypothesis import given
from hypothesis import strategies as st

from coprod.reconcile import currency
from coprod.reconcile.currency import LOOKBACK_DAYS, convert, history

ECB = CurrencyConverter()  # the same file coprod reads: the rates, not typed-in numbers
CURRENCIES = ("USD", "GBP", "DKK", "NOK", "SEK", "CAD", "PLN", "CHF", "JPY")


def ecb_rate(code: str, day: date) -> float:
    return float(ECB.convert(1, "EUR", code, date=day))


def test_a_business_day_uses_that_days_rates() -> None:
    result = convert(1_500_000_000, "DKK", "2025-03-04")
    assert result.rate_date == "2025-03-04"
    assert result.eur_rate == ecb_rate("DKK", date(2025, 3, 4))
    assert result.usd_rate == ecb_rate("USD", date(2025, 3, 4))
    assert result.eur == pytest.approx(1_500_000_000 / result.eur_rate)
    assert result.usd == pytest.approx(result.eur * result.usd_rate)
    assert result.note is None


def test_a_weekend_uses_the_last_ecb_day_before_it() -> None:
    saturday, friday = date(2025, 3, 8), date(2025, 3, 7)
    with pytest.raises(RateNotFoundError):
        ECB.convert(1, "EUR", "USD", date=saturday)  # the ECB publishes nothing that day
    result = convert(100, "USD", saturday.isoformat())
    assert result.rate_date == friday.isoformat()
    assert result.usd_rate == ecb_rate("USD", friday)


def test_easter_monday_goes_back_over_good_friday() -> None:
    result = convert(100, "GBP", "2025-04-21")  # TARGET closed on 18 and 21 April 2025
    assert result.rate_date == "2025-04-17"


def test_dollars_stay_exact_in_dollars_and_euros_in_euros() -> None:
    dollars = convert(216_000_000, "USD", "2025-03-14")
    assert dollars.usd == 216_000_000
    euros = convert(201_000_000, "EUR", "2025-03-14")
    assert euros.eur == 201_000_000
    assert euros.eur_rate == 1.0


def test_a_currency_the_ecb_does_not_publish_stays_unconverted() -> None:
    result = convert(8_000_000_000, "UAH", "2025-03-20")
    assert (result.eur, result.usd, result.note) == (None, None, currency.NOT_PUBLISHED)


def test_no_date_or_a_date_outside_the_history_converts_nothing_but_euros() -> None:
    assert convert(5, "USD", None).note == currency.NO_DATE
    assert convert(5, "EUR", None).eur == 5
    assert convert(5, "USD", "2025-03").note == currency.NO_DATE  # a month names no rate
    after = history()[1] + timedelta(days=LOOKBACK_DAYS + 1)
    late = convert(5, "USD", after.isoformat())
    assert (late.usd, late.note) == (None, currency.NO_RATE)


def test_no_currency_is_no_conversion() -> None:
    assert convert(5, None, "2025-03-04").note == currency.NO_CURRENCY


@given(
    st.sampled_from(CURRENCIES),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 10, 1)),
    st.floats(min_value=1, max_value=1e12),
)
def test_any_day_converts_at_the_rate_of_the_ecb_day_it_names(
    code: str, day: date, amount: float
) -> None:
    result = convert(amount, code, day.isoformat())
    assert result.rate_date is not None and result.eur is not None
    used = date.fromisoformat(result.rate_date)
    assert day - timedelta(days=LOOKBACK_DAYS) <= used <= day
    assert result.eur_rate == ecb_rate(code, used)
    for skipped in range(1, (day - used).days + 1):
        with pytest.raises(RateNotFoundError):
            ECB.convert(1, "EUR", code, date=used + timedelta(days=skipped))
    assert result.eur == pytest.approx(amount / ecb_rate(code, used), rel=1e-12)


def test_a_euro_figure_on_a_weekend_names_the_ecb_day_of_its_dollar_rate() -> None:
    result = convert(100, "EUR", "2025-02-01")  # a Saturday
    assert result.rate_date == "2025-01-31"
    assert result.usd_rate == ecb_rate("USD", date(2025, 1, 31))
