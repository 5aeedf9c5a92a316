import codecs
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from coprod.ingest.decode import decode, has_nul, normalise, too_many_controls

FRENCH = (
    "Le ministère des Armées a annoncé vendredi que la coopération franco-ukrainienne "
    "sera renforcée : les entreprises françaises produiront des drones à Kyiv, "
    "pour un coût de 200 millions d'euros. « C'est une étape décisive », a déclaré la ministre.\n"
)
UKRAINIAN = (
    "Міністр оборони України заявив, що виробництво дронів зросте вдвічі. "
    "Данія фінансує українських виробників зброї за так званою данською моделлю.\n"
)


def test_utf8_is_read_as_utf8() -> None:
    assert decode(FRENCH.encode("utf-8")) == (FRENCH, "utf-8-sig")


def test_byte_order_marks_are_honoured_and_dropped() -> None:
    assert decode(codecs.BOM_UTF8 + b"Kyiv").text == "Kyiv"
    assert decode("Київ".encode("utf-16")).text == "Київ"


def test_latin1_and_cp1252_text_is_kept_without_loss() -> None:
    assert decode(FRENCH.encode("latin-1")).text == FRENCH
    euro = FRENCH.replace("200 millions d'euros", "200 M€")
    assert decode(euro.encode("cp1252")).text == euro


def test_cp1251_is_detected() -> None:
    assert decode(UKRAINIAN.encode("cp1251")) == (UKRAINIAN, "detected:cp1251")


def test_short_ambiguous_legacy_text_prefers_cp1252() -> None:
    assert decode("Übergabe in Zürich".encode("cp1252")).text == "Übergabe in Zürich"


@given(st.text().filter(lambda s: not s.startswith("\ufeff")))
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode(text.encode("utf-8")).text == text


@given(st.binary().filter(lambda b: not b.startswith((codecs.BOM_UTF8, b"\xff\xfe", b"\xfe\xff"))))
def test_any_bytes_decode_without_losing_a_byte(data: bytes) -> None:
    text, encoding = decode(data)
    codec = encoding.removeprefix("detected:").replace("utf-8-sig", "utf-8")
    assert text.encode(codec) == data


@given(st.text())
def test_normalise_is_idempotent_nfc_with_unix_newlines(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once
    assert unicodedata.is_normalized("NFC", once)


def test_normalise_joins_crlf_and_composes() -> None:
    assert normalise("Cafe\u0301\r\nline\rend") == "Café\nline\nend"


def test_nul_bytes_mark_binary_except_in_utf16() -> None:
    assert has_nul(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not has_nul("text".encode("utf-16"))
    assert not has_nul(b"plain text")


def test_prose_is_not_control_characters() -> None:
    assert not too_many_controls(FRENCH + "\t\f\v")
    assert too_many_controls("ab\x01\x02\x03" * 10)
    assert not too_many_controls("")
