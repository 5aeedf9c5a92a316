from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from coprod.ingest.meta import host_of, iso_date, primary_lang


def test_iso_date_accepts_dates_and_datetimes() -> None:
    assert iso_date("2025-07-04") == "2025-07-04"
    assert iso_date(" 2025-07-04T10:00:00Z ") == "2025-07-04"
    assert iso_date("2025-07-04 10:00") == "2025-07-04"


def test_iso_date_refuses_what_it_cannot_read() -> None:
    for value in ("July 4, 2025", "2025-02-30", "2025-07-041", "04/07/2025", ""):
        assert iso_date(value) is None


@given(st.dates())
def test_iso_date_round_trips_every_date(day: date) -> None:
    if day.year >= 1000:
        assert iso_date(day.isoformat()) == day.isoformat()


@given(st.text())
def test_iso_date_and_primary_lang_never_raise(value: str) -> None:
    iso_date(value)
    primary_lang(value)
    host_of(value)


def test_primary_lang() -> None:
    assert primary_lang("en-GB") == "en"
    assert primary_lang("uk_UA") == "uk"
    assert primary_lang("DE") == "de"
    assert primary_lang("english") is None


def test_host_of() -> None:
    assert host_of("https://www.Kyivindependent.com/news/x") == "kyivindependent.com"
    assert host_of("https://mod.gov.ua/en/news") == "mod.gov.ua"
    assert host_of("not a url") is None
    assert host_of("http://[::1") is None
