"""extract.funders: the cascade that names who gives a sum, and the rule that fired."""

from __future__ import annotations

import pytest

from coprod.extract.context import build_context
from coprod.extract.funders import coordinated, find_funder, is_funder_mention
from coprod.extract.segments import segments
from tests.extract.support import doc


def _funders(text: str, sentence: int = -1) -> list[tuple[list[str], str]]:
    ctx = build_context(doc(text))
    view = ctx.sentences[sentence]
    out = []
    inherited: list[str] | None = None
    for seg in segments(view, ctx):
        codes, rule = find_funder(seg, ctx, inherited)
        inherited = inherited or codes
        out.append((codes, rule))
    return out


@pytest.mark.parametrize(
    ("text", "codes", "rule"),
    [
        ("The package includes €20 million from Sweden.", ["SWE"], "from/by after sum"),
        ("€40 million was allocated by the Finnish government.", ["FIN"], "from/by after sum"),
        ("Oslo will give NOK 300 million for shells.", ["NOR"], "nearest actor before sum"),
        ("Spain and Portugal will pay €30 million.", ["ESP", "PRT"], "nearest actor before sum"),
        (
            "It includes €90 million from interest on frozen assets.",
            [],
            "source named is not a country",
        ),
    ],
)
def test_each_rule_of_the_cascade(text: str, codes: list[str], rule: str) -> None:
    assert _funders(text)[0] == (codes, rule)


def test_a_later_sum_of_a_list_keeps_the_funder_of_the_first() -> None:
    found = _funders("Belgium will give €10 million for drones, €5 million for shells.")
    assert found[1] == (["BEL"], "same funder as the sum before")


def test_a_back_reference_names_the_partner_of_the_sentence_before() -> None:
    text = "Latvia's defence minister spoke on Monday. The country will give €8 million."
    assert _funders(text) == [(["LVA"], "back-reference to the partner named before")]


def test_ukraines_own_budget() -> None:
    found = _funders("Ukraine's state budget covers a third. Only $6 billion was allocated.")
    assert found == [(["UKR"], "Ukraine's own budget")]


@pytest.mark.parametrize(
    ("text", "eligible"),
    [
        ("Denmark gives.", True),
        ("The Danish government gives.", True),
        ("The Danish model works.", False),
        ("Made in Ukraine.", False),
        ("Talks were held in Denmark.", False),
        ("Russia attacked.", False),
        ("Germany's Rheinmetall builds.", False),
    ],
)
def test_who_can_be_a_funder(text: str, eligible: bool) -> None:
    view = build_context(doc(text)).sentences[0]
    assert any(is_funder_mention(m, view) for m in view.mentions) is eligible


def test_coordinated_funders_are_sorted_codes() -> None:
    view = build_context(doc("Sweden, Norway and Finland will pay.")).sentences[0]
    assert coordinated(view.mentions[-1], view) == ["FIN", "NOR", "SWE"]
