"""Money in EUR and USD at the ECB reference rate of its date, from the ECB history that
the currencyconverter package ships (no network at run time).

The rule for weekends and gaps: the ECB publishes one reference rate per currency on each
TARGET business day. A figure dated on a day without one (a weekend, a holiday) takes the
last rate published before it, looking back at most `LOOKBACK_DAYS`. The ECB date used and
both rates are returned beside the converted figures, so every conversion can be redone by
hand. A currency the ECB does not publish (UAH, for one) or a date outside its history
stays unconverted, with a note saying why: never an outside or guessed rate.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from currency_converter import CurrencyConverter, RateNotFoundError

BASE = "EUR"  # the ECB quotes every rate as units of a currency per euro
LOOKBACK_DAYS = 7  # the longest ECB gap (Christmas to New Year) is four business days

# Why a figure stayed unconverted: the note stored beside it.
NOT_PUBLISHED = "not_published_by_ecb"  # the ECB publishes no rate for this currency
NO_DATE = "no_date"  # the figure has no date, so there is no day's rate to use
NO_RATE = "no_ecb_rate_near_date"  # no ECB rate in the LOOKBACK_DAYS up to the date
NO_CURRENCY = "no_currency"  # the text gave no currency


@dataclass(frozen=True)
class Conversion:
    """A figure in EUR and USD, with the ECB date and rates used (units per euro).

    `eur` and `usd` are None where a conversion was impossible; `note` then says why.
    """

    eur: float | None
    usd: float | None
    rate_date: str | None = None  # the ECB publication day whose rates were used
    eur_rate: float | None = None  # units of the figure's currency per euro
    usd_rate: float | None = None  # US dollars per euro
    note: str | None = None


@functools.cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter()  # the ECB history inside the package


def published(currency: str) -> bool:
    """True when the ECB publishes (or published) a reference rate for `currency`."""
    return currency == BASE or currency in _converter().currencies


def history() -> tuple[date, date]:
    """The first and last days of the shipped ECB history (for USD)."""
    bounds = _converter().bounds["USD"]
    return bounds.first_date, bounds.last_date


@functools.lru_cache(maxsize=65_536)
def rate_on(currency: str, day: date) -> tuple[date, float] | None:
    """Units of `currency` per euro on `day` or the last ECB day before it, with that day."""
    if currency == BASE:
        return day, 1.0
    for back in range(LOOKBACK_DAYS + 1):
        used = day - timedelta(days=back)
        try:
            return used, float(_converter().convert(1, BASE, currency, date=used))
        except (RateNotFoundError, ValueError):
            continue
    return None


def convert(amount: float, currency: str | None, on: str | None) -> Conversion:
    """`amount` of `currency` in EUR and USD at the ECB rate of `on` (YYYY-MM-DD).

    A euro figure with no date is still a euro figure; its dollar value stays unknown.
    """
    if not currency:
        return Conversion(None, None, note=NO_CURRENCY)
    if not published(currency):
        return Conversion(None, None, note=NOT_PUBLISHED)
    when = day(on)
    if when is None:
        eur = amount if currency == BASE else None
        return Conversion(eur, None, note=NO_DATE)
    return _at(amount, currency, when)


def _at(amount: float, currency: str, day: date) -> Conversion:
    own = rate_on(currency, day)
    dollar = rate_on("USD", day)
    if own is None or dollar is None:
        eur = amount if currency == BASE else None
        return Conversion(eur, None, note=NO_RATE)
    eur_rate = own[1]
    used, usd_rate = dollar  # the ECB day: a euro figure's own "rate" exists every day
    eur = amount / eur_rate
    usd = amount if currency == "USD" else eur * usd_rate
    return Conversion(eur, usd, used.isoformat(), eur_rate, usd_rate)


def day(on: str | None) -> date | None:
    """A full YYYY-MM-DD date, else None (a month or a year names no day's rate)."""
    if not on or len(on) != 10:
        return None
    try:
        return date.fromisoformat(on)
    except ValueError:
        return None
